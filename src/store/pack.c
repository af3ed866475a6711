/* A stored document packed into bytes, so a caller can keep it while the
 * buffers it points to move on (the reader's, the cleaner's), and read it
 * back.  The layout is private to one process: lengths and numbers as
 * native 64-bit integers, strings as their bytes. */
#include "store/store.h"

#include <string.h>

static int put_u64(sl_buf *b, uint64_t v)
{
    return sl_buf_append(b, &v, sizeof v);
}

static int put_str(sl_buf *b, sl_str v)
{
    int rc = put_u64(b, v.len);
    return rc ? rc : sl_buf_append(b, v.len ? v.ptr : "", v.len);
}

/* With its NUL, so the unpacked pointer is a C string. */
static int put_cstr(sl_buf *b, const char *s)
{
    return put_str(b, (sl_str){ s ? s : "", (s ? strlen(s) : 0) + 1 });
}

static int pack_strings(sl_buf *b, const sl_store_doc *d)
{
    const sl_str f[] = { d->id, d->source, d->url, d->title_given, d->published_given,
                         d->raw_text, d->text, d->title, d->byline, d->date, d->story_date,
                         d->origin };
    int rc = SL_OK;
    for (size_t i = 0; !rc && i < sizeof f / sizeof f[0]; i++)
        rc = put_str(b, f[i]);
    return rc;
}

static int pack_arrays(sl_buf *b, const sl_store_doc *d)
{
    int rc = put_u64(b, d->n_repairs);
    for (size_t i = 0; !rc && i < d->n_repairs; i++) {
        rc = put_u64(b, d->repairs[i].start);
        if (!rc) rc = put_u64(b, d->repairs[i].end);
        if (!rc) rc = put_str(b, d->repairs[i].to);
        if (!rc) rc = put_cstr(b, d->repairs[i].kind);
    }
    if (!rc) rc = put_u64(b, d->n_removed);
    for (size_t i = 0; !rc && i < d->n_removed; i++) {
        rc = put_u64(b, d->removed[i].start);
        if (!rc) rc = put_u64(b, d->removed[i].end);
        if (!rc) rc = put_cstr(b, d->removed[i].reason);
    }
    if (!rc) rc = put_u64(b, d->n_map);
    if (!rc && d->n_map) rc = sl_buf_append(b, d->map, d->n_map * sizeof *d->map);
    return rc;
}

int sl_store_pack_doc(sl_store *s, const sl_store_doc *d, const char **data, size_t *len)
{
    sl_buf *b = &s->pack;
    sl_buf_reset(b);
    int rc = pack_strings(b, d);
    if (!rc) rc = put_u64(b, d->line);
    if (!rc) rc = put_u64(b, (uint64_t)d->cleaned);
    if (!rc) rc = sl_buf_append(b, d->hash, 16);
    if (!rc) rc = put_u64(b, d->event);
    if (!rc) rc = put_u64(b, d->story);
    if (!rc) rc = sl_buf_append(b, &d->score, sizeof d->score);
    if (!rc) rc = pack_arrays(b, d);
    if (rc)
        return rc;
    *data = b->ptr;
    *len = b->len;
    return SL_OK;
}

/* A cursor over packed bytes; any overrun marks it bad. */
typedef struct cursor {
    const char *p, *end;
    int bad;
} cursor;

static uint64_t get_u64(cursor *c)
{
    uint64_t v = 0;
    if (c->bad || (size_t)(c->end - c->p) < sizeof v) {
        c->bad = 1;
        return 0;
    }
    memcpy(&v, c->p, sizeof v);
    c->p += sizeof v;
    return v;
}

static sl_str get_str(cursor *c)
{
    uint64_t n = get_u64(c);
    if (c->bad || (uint64_t)(c->end - c->p) < n) {
        c->bad = 1;
        return (sl_str){ "", 0 };
    }
    sl_str v = { c->p, (size_t)n };
    c->p += n;
    return v;
}

static void get_bytes(cursor *c, void *out, size_t n)
{
    if (n == 0)
        return;
    if (c->bad || (size_t)(c->end - c->p) < n) {
        c->bad = 1;
        memset(out, 0, n);
        return;
    }
    memcpy(out, c->p, n);
    c->p += n;
}

static int unpack_repairs(sl_store *s, cursor *c, sl_store_doc *d)
{
    uint64_t n = get_u64(c);
    if (c->bad || n > (uint64_t)(c->end - c->p))
        return SL_EINVAL;
    if (sl_grow(s->ctx, (void **)&s->repairs, &s->cap_repairs, (size_t)n, sizeof *s->repairs))
        return SL_ENOMEM;
    for (uint64_t i = 0; i < n; i++) {
        s->repairs[i].start = (size_t)get_u64(c);
        s->repairs[i].end = (size_t)get_u64(c);
        s->repairs[i].to = get_str(c);
        s->repairs[i].kind = get_str(c).ptr;
    }
    d->repairs = s->repairs;
    d->n_repairs = (size_t)n;
    return c->bad ? SL_EINVAL : SL_OK;
}

static int unpack_removals(sl_store *s, cursor *c, sl_store_doc *d)
{
    uint64_t n = get_u64(c);
    if (c->bad || n > (uint64_t)(c->end - c->p))
        return SL_EINVAL;
    if (sl_grow(s->ctx, (void **)&s->removed, &s->cap_removed, (size_t)n, sizeof *s->removed))
        return SL_ENOMEM;
    for (uint64_t i = 0; i < n; i++) {
        s->removed[i].start = (size_t)get_u64(c);
        s->removed[i].end = (size_t)get_u64(c);
        s->removed[i].reason = get_str(c).ptr;
    }
    d->removed = s->removed;
    d->n_removed = (size_t)n;
    return c->bad ? SL_EINVAL : SL_OK;
}

static int unpack_map(sl_store *s, cursor *c, sl_store_doc *d)
{
    uint64_t n = get_u64(c);
    if (c->bad || n > (uint64_t)(c->end - c->p) / sizeof(sl_map_seg))
        return SL_EINVAL;
    if (sl_grow(s->ctx, (void **)&s->map, &s->cap_map, (size_t)n, sizeof *s->map))
        return SL_ENOMEM;
    get_bytes(c, s->map, (size_t)n * sizeof *s->map);
    d->map = s->map;
    d->n_map = (size_t)n;
    return c->bad ? SL_EINVAL : SL_OK;
}

int sl_store_unpack_doc(sl_store *s, const char *data, size_t len, sl_store_doc *d)
{
    cursor c = { data, data + len, 0 };
    memset(d, 0, sizeof *d);
    sl_str *f[] = { &d->id, &d->source, &d->url, &d->title_given, &d->published_given,
                    &d->raw_text, &d->text, &d->title, &d->byline, &d->date, &d->story_date,
                    &d->origin };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        *f[i] = get_str(&c);
    d->line = get_u64(&c);
    d->cleaned = (int)get_u64(&c);
    get_bytes(&c, d->hash, 16);
    d->event = get_u64(&c);
    d->story = get_u64(&c);
    get_bytes(&c, &d->score, sizeof d->score);
    int rc = c.bad ? SL_EINVAL : unpack_repairs(s, &c, d);
    if (!rc) rc = unpack_removals(s, &c, d);
    if (!rc) rc = unpack_map(s, &c, d);
    if (!rc && c.p != c.end)
        rc = SL_EINVAL;
    if (rc == SL_ENOMEM)
        return sl_oom(s->ctx);
    return rc ? sl_error(s->ctx, rc, "store: a packed document is damaged") : SL_OK;
}
