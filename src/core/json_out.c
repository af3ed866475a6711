/* JSON line builder for the stages' output.
 *
 * Layout: the separators Python's json.dumps uses by default, ", " between
 * elements and ": " after a key, on one line ended by '\n'.  Pass-through
 * members keep their key and value tokens byte for byte.
 *
 * The builder checks the call sequence (a key only directly inside an
 * object, a value in an object only after a key, balanced brackets) and
 * answers a misuse with SL_EINVAL instead of writing invalid JSON.
 * sl_out_finish closes whatever is still open, so a stage may leave the
 * document object of sl_out_begin_doc for it to close.
 *
 * sl_out_begin_doc starts a new line.  For a JSONL record it copies the
 * members (see pass_members) and, when the record has no "id", writes the
 * reader's "<file>:<line>" id first.  For a .txt document it writes "id"
 * and "text" (DESIGN.md section 4), each unless replaced. */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LEVEL_OBJECT = '}', LEVEL_ARRAY = ']' };

struct sl_out {
    sl_ctx *ctx;
    sl_buf buf;
    char *levels;        /* closing bracket of each open container */
    size_t depth, cap;
    bool need_sep;       /* an element was written at this level */
    bool have_key;       /* a key was written and awaits its value */
    bool finished;       /* the line is complete; the next call starts anew */
};

int sl_out_new(sl_ctx *ctx, sl_out **out)
{
    if (!out)
        return sl_error(ctx, SL_EINVAL, "sl_out_new: no output pointer");
    *out = sl_calloc(ctx, 1, sizeof **out);
    if (!*out)
        return sl_oom(ctx);
    (*out)->ctx = ctx;
    sl_buf_init(&(*out)->buf, ctx);
    return SL_OK;
}

void sl_out_free(sl_out *o)
{
    if (!o)
        return;
    sl_buf_release(&o->buf);
    sl_free(o->ctx, o->levels);
    sl_free(o->ctx, o);
}

void sl_out_reset(sl_out *o)
{
    if (!o)
        return;
    sl_buf_reset(&o->buf);
    o->depth = 0;
    o->need_sep = o->have_key = o->finished = false;
}

/* A completed line stays readable until the next call, which starts anew. */
static void start_if_finished(sl_out *o)
{
    if (o->finished)
        sl_out_reset(o);
}

static bool in_object(const sl_out *o)
{
    return o->depth > 0 && o->levels[o->depth - 1] == LEVEL_OBJECT;
}

/* Before a value: check it may go here and write the separator. */
static int before_value(sl_out *o)
{
    start_if_finished(o);
    if (in_object(o) && !o->have_key)
        return sl_error(o->ctx, SL_EINVAL, "JSON output: a value in an object needs a key first");
    if (o->depth == 0 && o->buf.len > 0)
        return sl_error(o->ctx, SL_EINVAL, "JSON output: a second value at the top level");
    int rc = SL_OK;
    if (!o->have_key && o->need_sep)
        rc = sl_buf_append(&o->buf, ", ", 2);
    return rc;
}

/* After a scalar value or a closed container. */
static void after_value(sl_out *o)
{
    o->have_key = false;
    o->need_sep = true;
}

static int open_level(sl_out *o, char closer)
{
    int rc = before_value(o);
    if (rc == SL_OK)
        rc = sl_grow(o->ctx, (void **)&o->levels, &o->cap, o->depth + 1, 1);
    if (rc == SL_OK)
        rc = sl_buf_putc(&o->buf, closer == LEVEL_OBJECT ? '{' : '[');
    if (rc != SL_OK)
        return rc;
    o->levels[o->depth++] = closer;
    o->have_key = o->need_sep = false;
    return SL_OK;
}

static int close_level(sl_out *o, char closer)
{
    start_if_finished(o);
    if (o->depth == 0 || o->levels[o->depth - 1] != closer || o->have_key)
        return sl_error(o->ctx, SL_EINVAL, "JSON output: unbalanced '%c'", closer);
    int rc = sl_buf_putc(&o->buf, closer);
    if (rc != SL_OK)
        return rc;
    o->depth--;
    after_value(o);
    return SL_OK;
}

int sl_out_begin_object(sl_out *o)
{
    return open_level(o, LEVEL_OBJECT);
}

int sl_out_end_object(sl_out *o)
{
    return close_level(o, LEVEL_OBJECT);
}

int sl_out_begin_array(sl_out *o)
{
    return open_level(o, LEVEL_ARRAY);
}

int sl_out_end_array(sl_out *o)
{
    return close_level(o, LEVEL_ARRAY);
}

/* Before a key: check it may go here and write the separator. */
static int before_key(sl_out *o)
{
    start_if_finished(o);
    if (!in_object(o) || o->have_key)
        return sl_error(o->ctx, SL_EINVAL, "JSON output: a key outside an object");
    return o->need_sep ? sl_buf_append(&o->buf, ", ", 2) : SL_OK;
}

static int after_key(sl_out *o)
{
    int rc = sl_buf_append(&o->buf, ": ", 2);
    if (rc == SL_OK)
        o->have_key = true;
    return rc;
}

/* Write a key given as a token (already quoted and escaped). */
static int key_token(sl_out *o, const char *tok, size_t len)
{
    int rc = before_key(o);
    if (rc == SL_OK)
        rc = sl_buf_append(&o->buf, tok, len);
    return rc ? rc : after_key(o);
}

int sl_out_key(sl_out *o, const char *key)
{
    int rc = before_key(o);
    if (rc == SL_OK)
        rc = sl_json_write_string(&o->buf, key, strlen(key));
    return rc ? rc : after_key(o);
}

/* Write a complete value given as JSON text. */
static int raw_value(sl_out *o, const char *text, size_t len)
{
    int rc = before_value(o);
    if (rc == SL_OK)
        rc = sl_buf_append(&o->buf, text, len);
    if (rc == SL_OK)
        after_value(o);
    return rc;
}

int sl_out_string(sl_out *o, const char *s, size_t len)
{
    int rc = before_value(o);
    if (rc == SL_OK)
        rc = sl_json_write_string(&o->buf, s ? s : "", s ? len : 0);
    if (rc == SL_OK)
        after_value(o);
    return rc;
}

/* Decimal digits of v, as "%lld" writes them, without printf (maps have
 * four integers per segment). */
static size_t format_int(int64_t v, char text[24])
{
    char digits[24];
    size_t n = 0, len = 0;
    /* Work on the magnitude as unsigned so that INT64_MIN has one. */
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[n++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        text[len++] = '-';
    while (n)
        text[len++] = digits[--n];
    return len;
}

int sl_out_int(sl_out *o, int64_t v)
{
    char text[24];
    return raw_value(o, text, format_int(v, text));
}

/* The shortest of %.15g, %.16g and %.17g that reads back as the same
 * double; NaN and infinities have no JSON form and become null. */
int sl_out_double(sl_out *o, double v)
{
    if (!isfinite(v))
        return raw_value(o, "null", 4);
    char text[40];
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(text, sizeof text, "%.*g", prec, v);
        if (strtod(text, NULL) == v)
            break;
    }
    /* A locale with a decimal comma must not leak into JSON. */
    for (int i = 0; i < n; i++)
        if (text[i] == ',')
            text[i] = '.';
    return raw_value(o, text, (size_t)n);
}

int sl_out_bool(sl_out *o, int v)
{
    return v ? raw_value(o, "true", 4) : raw_value(o, "false", 5);
}

int sl_out_null(sl_out *o)
{
    return raw_value(o, "null", 4);
}

/* ---------------------------------------------------------------- documents */

static bool is_replaced(const sl_json_object *obj, size_t i, const char *const *replaced)
{
    for (size_t k = 0; replaced && replaced[k]; k++)
        if (sl_json_key_is(obj, i, replaced[k]))
            return true;
    return false;
}

static bool name_replaced(const char *key, const char *const *replaced)
{
    for (size_t k = 0; replaced && replaced[k]; k++)
        if (strcmp(replaced[k], key) == 0)
            return true;
    return false;
}

/* Every member of the record, in input order and byte for byte, except
 * the replaced ones.  Duplicate keys pass through as they came. */
static int pass_members(sl_out *o, const sl_json_object *obj, const char *const *replaced)
{
    int rc = SL_OK;
    for (size_t i = 0; i < obj->n && rc == SL_OK; i++) {
        const sl_json_member *m = &obj->members[i];
        if (is_replaced(obj, i, replaced))
            continue;
        rc = key_token(o, obj->text + m->key_start, m->key_end - m->key_start);
        if (rc == SL_OK)
            rc = raw_value(o, obj->text + m->val_start, m->val_end - m->val_start);
    }
    return rc;
}

static int string_member(sl_out *o, const char *key, sl_str v, const char *const *replaced)
{
    if (name_replaced(key, replaced))
        return SL_OK;
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_string(o, v.ptr, v.len);
}

/* A document without a JSON record (a .txt file) is the record
 * {"id", "text"} (DESIGN.md section 4), plus any other standard field a
 * caller has set on it. */
static int doc_fields(sl_out *o, const sl_doc *doc, const char *const *replaced)
{
    int rc = string_member(o, "id", doc->id, replaced);
    if (rc == SL_OK)
        rc = string_member(o, "text", doc->text, replaced);
    const struct { const char *key; sl_str value; } extra[] = {
        { "title", doc->title }, { "url", doc->url },
        { "source", doc->source }, { "published", doc->published },
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0] && rc == SL_OK; i++)
        if (extra[i].value.len > 0)
            rc = string_member(o, extra[i].key, extra[i].value, replaced);
    return rc;
}

int sl_out_begin_doc(sl_out *o, const sl_doc *doc, const char *const *replaced)
{
    sl_out_reset(o);
    int rc = sl_out_begin_object(o);
    if (rc != SL_OK || !doc)
        return rc;
    if (!doc->members)
        return doc_fields(o, doc, replaced);
    /* A record without an id gets the one the reader made up
     * ("<file>:<line>"), first, so that later stages see the same id. */
    if (sl_json_find(doc->members, "id") < 0 && doc->id.len > 0)
        rc = string_member(o, "id", doc->id, replaced);
    return rc ? rc : pass_members(o, doc->members, replaced);
}

int sl_out_finish(sl_out *o, const char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    start_if_finished(o);
    if (o->have_key)
        return sl_error(o->ctx, SL_EINVAL, "JSON output: a key without a value");
    if (o->buf.len == 0)
        return sl_error(o->ctx, SL_EINVAL, "JSON output: an empty line");
    /* Room for the closing brackets and the newline in one step, so that
     * a failure leaves the line as it was. */
    int rc = sl_buf_reserve(&o->buf, o->depth + 1);
    if (rc != SL_OK)
        return rc;
    while (o->depth > 0)
        sl_buf_putc(&o->buf, o->levels[--o->depth]);
    sl_buf_putc(&o->buf, '\n');
    o->finished = true;
    *data = o->buf.ptr;
    *len = o->buf.len;
    return SL_OK;
}
