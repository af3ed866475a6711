/* Context: allocator, fault injection and the per-handle error message. */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *default_malloc(void *ud, size_t size)
{
    (void)ud;
    return malloc(size);
}

static void *default_realloc(void *ud, void *ptr, size_t size)
{
    (void)ud;
    return realloc(ptr, size);
}

static void default_free(void *ud, void *ptr)
{
    (void)ud;
    free(ptr);
}

const char *sl_version(void)
{
    return SL_VERSION_STRING;
}

const char *sl_strerror(int code)
{
    switch (code) {
    case SL_OK: return "ok";
    case SL_ENOMEM: return "out of memory";
    case SL_EINVAL: return "invalid argument";
    case SL_EIO: return "input/output error";
    case SL_EPARSE: return "malformed record";
    case SL_ELIMIT: return "limit exceeded";
    case SL_EUTF8: return "invalid UTF-8";
    case SL_EOF: return "end of input";
    default: return "unknown error";
    }
}

int sl_ctx_new(sl_ctx **out, const sl_ctx_options *opts)
{
    sl_ctx_options defaults = SL_CTX_OPTIONS_INIT;
    if (!out)
        return SL_EINVAL;
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != SL_CTX_OPTIONS_VERSION)
        return SL_EINVAL;

    sl_allocator a = { default_malloc, default_realloc, default_free, NULL };
    if (opts->allocator) {
        if (opts->allocator->malloc_fn) a.malloc_fn = opts->allocator->malloc_fn;
        if (opts->allocator->realloc_fn) a.realloc_fn = opts->allocator->realloc_fn;
        if (opts->allocator->free_fn) a.free_fn = opts->allocator->free_fn;
        a.ud = opts->allocator->ud;
    }
    sl_ctx *ctx = a.malloc_fn(a.ud, sizeof *ctx);
    if (!ctx)
        return SL_ENOMEM;
    memset(ctx, 0, sizeof *ctx);
    ctx->alloc = a;
    ctx->fail_alloc_after = opts->fail_alloc_after;
    *out = ctx;
    return SL_OK;
}

void sl_ctx_free(sl_ctx *ctx)
{
    if (!ctx)
        return;
    ctx->alloc.free_fn(ctx->alloc.ud, ctx);
}

const char *sl_errmsg(const sl_ctx *ctx)
{
    if (!ctx)
        return "no context (out of memory?)";
    return ctx->errmsg[0] ? ctx->errmsg : sl_strerror(ctx->errcode);
}

int sl_errcode(const sl_ctx *ctx)
{
    return ctx ? ctx->errcode : SL_ENOMEM;
}

void sl_clear_error(sl_ctx *ctx)
{
    if (!ctx)
        return;
    ctx->errcode = SL_OK;
    ctx->errmsg[0] = '\0';
}

void sl_ctx_set_fail_alloc_after(sl_ctx *ctx, uint64_t n)
{
    if (!ctx)
        return;
    ctx->fail_alloc_after = n;
    ctx->alloc_count = 0;
}

uint64_t sl_ctx_alloc_count(const sl_ctx *ctx)
{
    return ctx ? ctx->alloc_count : 0;
}

/* True when this allocation is one that fault injection must fail. */
static bool injected_failure(sl_ctx *ctx)
{
    ctx->alloc_count++;
    return ctx->fail_alloc_after && ctx->alloc_count >= ctx->fail_alloc_after;
}

void *sl_malloc(sl_ctx *ctx, size_t size)
{
    if (injected_failure(ctx))
        return NULL;
    return ctx->alloc.malloc_fn(ctx->alloc.ud, size ? size : 1);
}

void *sl_realloc(sl_ctx *ctx, void *ptr, size_t size)
{
    if (injected_failure(ctx))
        return NULL;
    return ctx->alloc.realloc_fn(ctx->alloc.ud, ptr, size ? size : 1);
}

void *sl_calloc(sl_ctx *ctx, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = sl_malloc(ctx, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void sl_free(sl_ctx *ctx, void *ptr)
{
    if (ptr)
        ctx->alloc.free_fn(ctx->alloc.ud, ptr);
}

char *sl_strndup(sl_ctx *ctx, const char *s, size_t n)
{
    char *p = sl_malloc(ctx, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

int sl_error(sl_ctx *ctx, int code, const char *fmt, ...)
{
    if (!ctx)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->errmsg, sizeof ctx->errmsg, fmt, ap);
    va_end(ap);
    ctx->errcode = code;
    return code;
}

int sl_oom(sl_ctx *ctx)
{
    return sl_error(ctx, SL_ENOMEM, "out of memory");
}

int sl_grow(sl_ctx *ctx, void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return SL_OK;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            return sl_oom(ctx);
        n *= 2;
    }
    void *p = sl_realloc(ctx, *items, n * elem);
    if (!p)
        return sl_oom(ctx);
    *items = p;
    *cap = n;
    return SL_OK;
}
