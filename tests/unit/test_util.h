/* Shared helpers for the unit tests. */
#ifndef SL_TEST_UTIL_H
#define SL_TEST_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "storyline.h"

/* Deterministic generator (xorshift64*) for generated test texts. */
static inline uint64_t test_rng(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * UINT64_C(0x2545f4914f6cdd1d);
}

static inline sl_ctx *test_ctx(void)
{
    sl_ctx *ctx = NULL;
    assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
    assert_non_null(ctx);
    return ctx;
}

/* Read a whole file; NULL when it does not exist. */
static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n < cap ? n : cap - 1] = '\0';
    *len = n;
    return buf;
}

#endif
