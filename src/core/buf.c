/* Growable byte buffer. */
#include "core.h"

#include <stdio.h>
#include <string.h>

void sl_buf_init(sl_buf *b, sl_ctx *ctx)
{
    b->ctx = ctx;
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void sl_buf_release(sl_buf *b)
{
    sl_free(b->ctx, b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void sl_buf_reset(sl_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

int sl_buf_reserve(sl_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return sl_oom(b->ctx);
    return sl_grow(b->ctx, (void **)&b->ptr, &b->cap, b->len + extra + 1, 1);
}

int sl_buf_append(sl_buf *b, const void *data, size_t len)
{
    int rc = sl_buf_reserve(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return SL_OK;
}

int sl_buf_putc(sl_buf *b, char c)
{
    return sl_buf_append(b, &c, 1);
}

int sl_buf_puts(sl_buf *b, const char *s)
{
    return sl_buf_append(b, s, strlen(s));
}

int sl_buf_printf(sl_buf *b, const char *fmt, ...)
{
    char small[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return sl_error(b->ctx, SL_EINVAL, "bad format");
    if ((size_t)n < sizeof small)
        return sl_buf_append(b, small, (size_t)n);
    int rc = sl_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return SL_OK;
}
