/* sl-datagen: errors, growing buffers, the PRNG and calendar dates. */
#include "datagen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------ errors, buffers */

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sl-datagen: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

void buf_reserve(buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        die("out of memory");
    b->p = p;
    b->cap = cap;
}

void buf_put(buf *b, const char *s, size_t n)
{
    if (n == 0) /* b->p may still be NULL */
        return;
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }
void buf_putc(buf *b, char c) { buf_put(b, &c, 1); }

void buf_putu(buf *b, unsigned long long v)
{
    char tmp[24];
    buf_put(b, tmp, (size_t)snprintf(tmp, sizeof tmp, "%llu", v));
}

void buf_copy(buf *dst, const buf *src)
{
    dst->len = 0;
    buf_put(dst, src->p, src->len);
}

/* ------------------------------------------------------------- randomness */

/* SplitMix64: small, fast, and the same on every platform. */
uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint32_t rng_below(rng *r, size_t n) { return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32); }
bool rng_chance(rng *r, double p) { return (double)(rng_next(r) >> 11) * 0x1.0p-53 < p; }
int rng_range(rng *r, int lo, int hi) { return lo + (int)rng_below(r, (size_t)(hi - lo + 1)); }
const char *pick(rng *r, const char *const *list, size_t n) { return list[rng_below(r, n)]; }

/* ------------------------------------------------------------------ dates */

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

civil civil_from_days(int days)
{
    static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    civil c = { 2019, 0, 1 };
    while (days >= (leap(c.year) ? 366 : 365))
        days -= leap(c.year) ? 366 : 365, c.year++;
    for (;;) {
        int n = month_days[c.month] + (c.month == 1 && leap(c.year));
        if (days < n)
            break;
        days -= n;
        c.month++;
    }
    c.day = days + 1;
    return c;
}

void put_month_day(buf *b, int days)
{
    civil c = civil_from_days(days);
    buf_puts(b, months[c.month]);
    buf_putc(b, ' ');
    buf_putu(b, (unsigned)c.day);
}
