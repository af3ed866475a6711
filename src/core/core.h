/* Internal core services: context, allocation, errors, buffers, vectors. */
#ifndef SL_CORE_H
#define SL_CORE_H

#include "storyline.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sl_ctx {
    sl_allocator alloc;
    uint64_t alloc_count;
    uint64_t fail_alloc_after;
    int errcode;
    char errmsg[512];
};

void *sl_malloc(sl_ctx *ctx, size_t size);
void *sl_realloc(sl_ctx *ctx, void *ptr, size_t size);
void *sl_calloc(sl_ctx *ctx, size_t n, size_t size);
void sl_free(sl_ctx *ctx, void *ptr);
char *sl_strndup(sl_ctx *ctx, const char *s, size_t n);

/* Record an error on the context and return `code`, so callers can write
 * `return sl_error(ctx, SL_EPARSE, "...", ...)`. */
int sl_error(sl_ctx *ctx, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Record SL_ENOMEM. */
int sl_oom(sl_ctx *ctx);

/* Grow an array so it holds at least `need` elements of `elem` bytes.
 * Returns 0 or SL_ENOMEM (the array is then unchanged). */
int sl_grow(sl_ctx *ctx, void **items, size_t *cap, size_t need, size_t elem);

/* A growable byte buffer, always NUL-terminated when non-empty. */
typedef struct sl_buf {
    sl_ctx *ctx;
    char *ptr;
    size_t len, cap;
} sl_buf;

void sl_buf_init(sl_buf *b, sl_ctx *ctx);
void sl_buf_release(sl_buf *b);
void sl_buf_reset(sl_buf *b);
int sl_buf_reserve(sl_buf *b, size_t extra);
int sl_buf_append(sl_buf *b, const void *data, size_t len);
int sl_buf_putc(sl_buf *b, char c);
int sl_buf_puts(sl_buf *b, const char *s);
int sl_buf_printf(sl_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* UTF-8. */
/* Decode one code point at s[0..len).  On success returns the code point
 * and sets *adv to its byte length; on an invalid, overlong, surrogate or
 * truncated sequence returns -1 and sets *adv to the number of bytes to
 * skip (at least 1). */
int32_t sl_utf8_decode(const char *s, size_t len, size_t *adv);
/* Encode `cp` into out[0..4); returns the byte length (0 if invalid). */
size_t sl_utf8_encode(uint32_t cp, char out[4]);
/* Length of the longest valid UTF-8 prefix of s[0..len). */
size_t sl_utf8_valid_prefix(const char *s, size_t len);
static inline bool sl_utf8_valid(const char *s, size_t len)
{
    return sl_utf8_valid_prefix(s, len) == len;
}

/* Dates. */
#define SL_NO_MINUTES INT64_MIN
/* Minutes since 1970-01-01T00:00Z of "YYYY-MM-DD[(T| )HH:MM[:SS[.f]][(+|-)HH:MM]]",
 * or SL_NO_MINUTES when it is not one. */
int64_t sl_parse_iso_minutes(const char *s, size_t len);
/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t sl_days_from_civil(int y, int m, int d);
void sl_civil_from_days(int64_t days, int *y, int *m, int *d);

#endif
