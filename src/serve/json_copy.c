/* Copy JSON the store keeps as text (labels, publication evidence) into an
 * answer as JSON values, not as strings.  The text was written by the
 * store's own sl_out; anything unexpected stops the copy with SL_EPARSE
 * rather than producing invalid output. */
#include "serve/serve.h"
#include "core/json.h"

#include <stdlib.h>
#include <string.h>

typedef struct json_cursor {
    const char *p, *end;
    sl_out *o;
    sl_buf scratch;
} json_cursor;

static void skip_space(json_cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\t' || *c->p == '\r'))
        c->p++;
}

/* The string token at c->p, decoded; *is_key when a ':' follows it. */
static int copy_string(json_cursor *c, int *is_key)
{
    const char *start = c->p++;
    while (c->p < c->end && *c->p != '"')
        c->p += (*c->p == '\\' && c->p + 1 < c->end) ? 2 : 1;
    if (c->p >= c->end)
        return SL_EPARSE;
    c->p++;
    sl_buf_reset(&c->scratch);
    int rc = sl_json_decode_string(start, (size_t)(c->p - start), &c->scratch, NULL);
    if (rc)
        return rc;
    skip_space(c);
    *is_key = c->p < c->end && *c->p == ':';
    if (*is_key) {
        c->p++;
        rc = sl_buf_putc(&c->scratch, '\0');
        return rc ? rc : sl_out_key(c->o, c->scratch.ptr);
    }
    return sl_out_string(c->o, c->scratch.ptr ? c->scratch.ptr : "", c->scratch.len);
}

static int copy_number(json_cursor *c)
{
    char buf[64];
    size_t n = 0;
    int integer = 1;
    while (c->p < c->end && strchr("+-0123456789.eE", *c->p) && n + 1 < sizeof buf) {
        if (!(*c->p >= '0' && *c->p <= '9') && !(n == 0 && *c->p == '-'))
            integer = 0;
        buf[n++] = *c->p++;
    }
    buf[n] = '\0';
    if (!n)
        return SL_EPARSE;
    return integer ? sl_out_int(c->o, strtoll(buf, NULL, 10)) : sl_out_double(c->o, strtod(buf, NULL));
}

static int copy_word(json_cursor *c)
{
    size_t left = (size_t)(c->end - c->p);
    if (left >= 4 && !memcmp(c->p, "true", 4)) { c->p += 4; return sl_out_bool(c->o, 1); }
    if (left >= 5 && !memcmp(c->p, "false", 5)) { c->p += 5; return sl_out_bool(c->o, 0); }
    if (left >= 4 && !memcmp(c->p, "null", 4)) { c->p += 4; return sl_out_null(c->o); }
    return copy_number(c);
}

static int copy_tokens(json_cursor *c)
{
    int rc = SL_OK;
    while (!rc) {
        skip_space(c);
        if (c->p >= c->end)
            return SL_OK;
        int key = 0;
        switch (*c->p) {
        case '{': c->p++; rc = sl_out_begin_object(c->o); break;
        case '}': c->p++; rc = sl_out_end_object(c->o); break;
        case '[': c->p++; rc = sl_out_begin_array(c->o); break;
        case ']': c->p++; rc = sl_out_end_array(c->o); break;
        case ',': c->p++; break;
        case '"': rc = copy_string(c, &key); break;
        default: rc = copy_word(c); break;
        }
    }
    return rc;
}

int serve_copy_json(sl_ctx *ctx, sl_out *o, sl_str json)
{
    if (!json.ptr || !json.len)
        return sl_out_null(o);
    json_cursor c = { json.ptr, json.ptr + json.len, o, { 0 } };
    sl_buf_init(&c.scratch, ctx);
    int rc = copy_tokens(&c);
    sl_buf_release(&c.scratch);
    return rc;
}
