/* GET /api/entities: the list of entities (canonical name, type, documents)
 * is one aggregation over the whole entities table, too slow to run per
 * request on a large store (about a second for a million rows), so the
 * server keeps it, made on first use and again when documents were added
 * (the store's document stamp changed).  Filters and pages are applied to
 * the kept list.  The cache has its own context: request threads use it
 * only under its lock. */
#include "serve/serve.h"
#include "store/store.h"

#include <string.h>

enum { MAX_NAME_BYTES = 200, MAX_TYPE_BYTES = 32 };

int serve_entities_init(sl_server *srv)
{
    serve_entities *c = &srv->entities;
    if (sl_ctx_new(&c->ctx, NULL) != SL_OK)
        return sl_oom(srv->ctx);
    sl_buf_init(&c->text, c->ctx);
    pthread_mutex_init(&c->lock, NULL);
    c->ready = 1;
    return SL_OK;
}

void serve_entities_free(serve_entities *c)
{
    if (!c->ready)
        return;
    sl_free(c->ctx, c->items);
    sl_buf_release(&c->text);
    sl_ctx_free(c->ctx);
    pthread_mutex_destroy(&c->lock);
    memset(c, 0, sizeof *c);
}

static int keep_entity(void *ud, const store_sv_row *row)
{
    serve_entities *c = ud;
    if (sl_grow(c->ctx, (void **)&c->items, &c->cap, c->n + 1, sizeof *c->items) != SL_OK)
        return SL_ENOMEM;
    serve_entity *e = &c->items[c->n];
    e->canonical = c->text.len;
    e->canonical_len = row->s[0].len;
    int rc = sl_buf_append(&c->text, row->s[0].ptr ? row->s[0].ptr : "", row->s[0].len);
    e->type = c->text.len;
    e->type_len = row->s[1].len;
    if (!rc) rc = sl_buf_append(&c->text, row->s[1].ptr ? row->s[1].ptr : "", row->s[1].len);
    e->docs = row->i[2];
    if (!rc)
        c->n++;
    return rc;
}

/* Under the lock: bring the list up to the store's stamp. */
static int refresh(serve_entities *c, sl_store *store, uint64_t stamp)
{
    if (c->built && c->stamp == stamp)
        return SL_OK;
    c->n = 0;
    c->built = 0;
    sl_buf_reset(&c->text);
    int rc = store_sv_entities(store, keep_entity, c);
    if (!rc) {
        c->built = 1;
        c->stamp = stamp;
    }
    return rc;
}

static int lower_ascii(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

/* needle in s[0..len), ASCII case ignored (as SQL LIKE does). */
static int contains(const char *s, size_t len, const char *needle, size_t nlen)
{
    for (size_t i = 0; i + nlen <= len; i++) {
        size_t j = 0;
        while (j < nlen && lower_ascii((unsigned char)s[i + j]) == lower_ascii((unsigned char)needle[j]))
            j++;
        if (j == nlen)
            return 1;
    }
    return 0;
}

typedef struct entity_query {
    const char *q, *type;
    uint64_t limit, offset;
} entity_query;

static int matches(const serve_entities *c, const serve_entity *e, const entity_query *eq)
{
    const char *text = c->text.ptr;
    if (eq->type && (e->type_len != strlen(eq->type) || memcmp(text + e->type, eq->type, e->type_len)))
        return 0;
    return !eq->q || contains(text + e->canonical, e->canonical_len, eq->q, strlen(eq->q));
}

static int entity_json(sl_out *o, const serve_entities *c, const serve_entity *e)
{
    int rc = sl_out_begin_object(o);
    if (!rc) rc = serve_key_str(o, "canonical", (sl_str){ c->text.ptr + e->canonical, e->canonical_len });
    if (!rc) rc = serve_key_str(o, "type", (sl_str){ c->text.ptr + e->type, e->type_len });
    if (!rc) rc = serve_key_int(o, "documents", e->docs);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

/* Under the lock: the page and the total of the matching entities. */
static int write_page(sl_out *o, const serve_entities *c, const entity_query *eq)
{
    uint64_t total = 0;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "entities");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < c->n; i++) {
        if (!matches(c, &c->items[i], eq))
            continue;
        if (total >= eq->offset && total < eq->offset + eq->limit)
            rc = entity_json(o, c, &c->items[i]);
        total++;
    }
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = serve_paging_json(o, (int64_t)total, eq->limit, eq->offset);
    return rc;
}

static int text_param(serve_req *r, const char *name, size_t max, const char **out)
{
    const char *v = serve_param(r, name);
    *out = v && *v ? v : NULL;
    if (*out && strlen(*out) > max)
        return serve_error(r, 400, "%s must be at most %zu bytes", name, max);
    return 0;
}

int serve_api_entities(serve_req *r)
{
    entity_query eq;
    int status = text_param(r, "q", MAX_NAME_BYTES, &eq.q);
    if (!status) status = text_param(r, "type", MAX_TYPE_BYTES, &eq.type);
    if (!status) status = serve_paging(r, &eq.limit, &eq.offset);
    if (status)
        return status;
    uint64_t stamp = 0;
    int rc = store_sv_doc_stamp(r->w->store, &stamp);
    if (rc)
        return serve_store_error(r, rc);
    serve_entities *c = &r->srv->entities;
    pthread_mutex_lock(&c->lock);
    rc = refresh(c, r->w->store, stamp);
    if (!rc)
        rc = write_page(r->w->out, c, &eq);
    pthread_mutex_unlock(&c->lock);
    return rc ? serve_store_error(r, rc) : 200;
}
