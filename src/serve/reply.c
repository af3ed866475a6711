/* Building answers: the error object, query parameters with their 400
 * answers, and small JSON helpers shared by the routes. */
#include "serve/serve.h"

#include <microhttpd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int serve_error(serve_req *r, int status, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    sl_out *o = r->w->out;
    sl_out_reset(o);
    int rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "error");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = serve_key_int(o, "status", status);
    if (!rc) rc = serve_key_str(o, "message", (sl_str){ message, strlen(message) });
    if (!rc) rc = sl_out_end_object(o);
    if (!rc) rc = sl_out_end_object(o);
    return status;
}

int serve_store_error(serve_req *r, int rc)
{
    const char *msg = sl_errmsg(r->w->ctx);
    if (rc == SL_ENOMEM)
        return serve_error(r, 500, "out of memory");
    if (rc == SL_EIO) {
        r->retry_after = "1";
        return serve_error(r, 503, "the store is unavailable: %s", msg);
    }
    return serve_error(r, 500, "%s", msg);
}

const char *serve_param(serve_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

static int parse_uint(const char *s, uint64_t *out)
{
    if (!s || !*s || strlen(s) > 19)
        return 0;
    uint64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    *out = v;
    return 1;
}

int serve_param_uint(serve_req *r, const char *name, uint64_t dflt, uint64_t min, uint64_t max,
                     uint64_t *out)
{
    const char *s = serve_param(r, name);
    *out = dflt;
    if (!s)
        return 0;
    uint64_t v;
    if (!parse_uint(s, &v) || v < min || v > max)
        return serve_error(r, 400, "%s must be an integer %llu..%llu", name,
                           (unsigned long long)min, (unsigned long long)max);
    *out = v;
    return 0;
}

int serve_paging(serve_req *r, uint64_t *limit, uint64_t *offset)
{
    uint64_t max = r->srv->opts.max_page;
    int status = serve_param_uint(r, "limit", max < 50 ? max : 50, 1, max, limit);
    if (!status)
        status = serve_param_uint(r, "offset", 0, 0, SERVE_MAX_OFFSET, offset);
    return status;
}

static int is_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != 10)
        return 0;
    for (int i = 0; i < 10; i++) {
        int digit = s[i] >= '0' && s[i] <= '9';
        if (shape[i] == 'd' ? !digit : s[i] != '-')
            return 0;
    }
    int month = atoi(s + 5), day = atoi(s + 8);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int serve_param_date(serve_req *r, const char *name, const char **out)
{
    const char *s = serve_param(r, name);
    *out = NULL;
    if (!s || !*s)
        return 0;
    if (!is_date(s))
        return serve_error(r, 400, "%s must be a date YYYY-MM-DD", name);
    *out = s;
    return 0;
}

int serve_key_str(sl_out *o, const char *key, sl_str v)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_string(o, v.ptr ? v.ptr : "", v.ptr ? v.len : 0);
}

int serve_key_str_or_null(sl_out *o, const char *key, sl_str v)
{
    if (v.ptr)
        return serve_key_str(o, key, v);
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_null(o);
}

int serve_key_int(sl_out *o, const char *key, int64_t v)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_int(o, v);
}

int serve_key_json(sl_ctx *ctx, sl_out *o, const char *key, sl_str json)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : serve_copy_json(ctx, o, json);
}

int serve_paging_json(sl_out *o, int64_t total, uint64_t limit, uint64_t offset)
{
    int rc = sl_out_key(o, "total");
    if (!rc) rc = total < 0 ? sl_out_null(o) : sl_out_int(o, total);
    if (!rc) rc = serve_key_int(o, "limit", (int64_t)limit);
    if (!rc) rc = serve_key_int(o, "offset", (int64_t)offset);
    return rc;
}
