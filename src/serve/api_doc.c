/* GET /api/documents/{id}: a document with its texts and every part the
 * store keeps, offsets as stored (docs/serve.md). */
#include "serve/serve.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

typedef struct doc_answer {
    serve_worker *w;
    sl_str raw;              /* raw_text, for the "from" of repairs */
    int found;
} doc_answer;

/* [start, end] or null. */
static int key_span(sl_out *o, const char *key, const store_sv_row *row, size_t a, size_t b)
{
    int rc = sl_out_key(o, key);
    if (rc)
        return rc;
    if (row->null[a] || row->null[b])
        return sl_out_null(o);
    rc = sl_out_begin_array(o);
    if (!rc) rc = sl_out_int(o, row->i[a]);
    if (!rc) rc = sl_out_int(o, row->i[b]);
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int key_bool(sl_out *o, const char *key, int v)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_bool(o, v);
}

static int on_doc(void *ud, const store_sv_row *row)
{
    doc_answer *a = ud;
    sl_out *o = a->w->out;
    a->found = 1;
    /* the row's memory ends with its statement: keep raw for the repairs */
    char *raw = sl_malloc(a->w->ctx, row->s[7].len + 1);
    if (!raw)
        return sl_oom(a->w->ctx);
    if (row->s[7].len)
        memcpy(raw, row->s[7].ptr, row->s[7].len);
    a->raw = (sl_str){ raw, row->s[7].len };
    int rc = serve_key_str(o, "id", row->s[1]);
    if (!rc) rc = serve_key_int(o, "doc", row->i[0]);
    if (!rc) rc = serve_key_str_or_null(o, "title", row->s[2]);
    if (!rc) rc = serve_key_str_or_null(o, "source", row->s[3]);
    if (!rc) rc = serve_key_str_or_null(o, "url", row->s[4]);
    if (!rc) rc = serve_key_str_or_null(o, "date", row->s[5]);
    if (!rc) rc = serve_key_str(o, "text", row->s[6]);
    if (!rc) rc = serve_key_str(o, "raw", row->s[7]);
    if (!rc) rc = key_bool(o, "raw_utf8", row->s[7].ptr && sl_utf8_valid(row->s[7].ptr, row->s[7].len));
    if (!rc) rc = serve_key_str_or_null(o, "event", row->s[8]);
    if (!rc) rc = serve_key_str_or_null(o, "story", row->s[9]);
    return rc;
}

static int on_removal(void *ud, const store_sv_row *row)
{
    sl_out *o = ((doc_answer *)ud)->w->out;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = serve_key_int(o, "start", row->i[0]);
    if (!rc) rc = serve_key_int(o, "end", row->i[1]);
    if (!rc) rc = serve_key_str(o, "reason", row->s[2]);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int on_repair(void *ud, const store_sv_row *row)
{
    doc_answer *a = ud;
    sl_out *o = a->w->out;
    int64_t s = row->i[0], e = row->i[1];
    sl_str from = { "", 0 };
    if (s >= 0 && s <= e && (uint64_t)e <= a->raw.len)
        from = (sl_str){ a->raw.ptr + s, (size_t)(e - s) };
    int rc = sl_out_begin_object(o);
    if (!rc) rc = serve_key_int(o, "start", s);
    if (!rc) rc = serve_key_int(o, "end", e);
    if (!rc) rc = serve_key_str(o, "from", from);
    if (!rc) rc = serve_key_str(o, "to", row->s[3]);
    if (!rc) rc = serve_key_str(o, "kind", row->s[2]);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int on_entity(void *ud, const store_sv_row *row)
{
    sl_out *o = ((doc_answer *)ud)->w->out;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = serve_key_int(o, "start", row->i[0]);
    if (!rc) rc = serve_key_int(o, "end", row->i[1]);
    if (!rc) rc = serve_key_str(o, "type", row->s[2]);
    if (!rc) rc = serve_key_str(o, "canonical", row->s[3]);
    if (!rc) rc = serve_key_str_or_null(o, "role", row->s[4]);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int on_quote(void *ud, const store_sv_row *row)
{
    sl_out *o = ((doc_answer *)ud)->w->out;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = key_span(o, "content", row, 0, 1);
    if (!rc) rc = serve_key_str_or_null(o, "speaker", row->s[2]);
    if (!rc) rc = key_span(o, "speaker_at", row, 3, 4);
    if (!rc) rc = key_span(o, "source", row, 5, 6);
    if (!rc) rc = key_span(o, "cue", row, 7, 8);
    if (!rc) rc = serve_key_str(o, "kind", row->s[9]);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int on_published(void *ud, const store_sv_row *row)
{
    doc_answer *a = ud;
    sl_out *o = a->w->out;
    a->found = 1;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = serve_key_str_or_null(o, "value", row->s[0]);
    if (!rc) rc = serve_key_str_or_null(o, "earliest", row->s[1]);
    if (!rc) rc = serve_key_str_or_null(o, "latest", row->s[2]);
    if (!rc) rc = key_bool(o, "given", row->i[3] != 0);
    if (!rc) rc = key_bool(o, "contradicted", row->i[4] != 0);
    if (!rc) rc = serve_key_json(a->w->ctx, o, "evidence", row->s[5]);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int on_dup(void *ud, const store_sv_row *row)
{
    doc_answer *a = ud;
    sl_out *o = a->w->out;
    a->found = 1;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = serve_key_str(o, "relation", row->s[0]);
    if (!rc) rc = serve_key_str_or_null(o, "of", row->s[1]);
    if (!rc) rc = sl_out_key(o, "similarity");
    if (!rc) rc = sl_out_double(o, row->d[2]);
    if (!rc) rc = serve_key_str_or_null(o, "cluster", row->s[3]);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

/* "key": [rows...] */
static int list_part(doc_answer *a, uint64_t doc, const char *key, int part, store_sv_row_fn fn)
{
    int rc = sl_out_key(a->w->out, key);
    if (!rc) rc = sl_out_begin_array(a->w->out);
    if (!rc) rc = store_sv_doc_part(a->w->store, part, doc, fn, a);
    if (!rc) rc = sl_out_end_array(a->w->out);
    return rc;
}

/* "key": the one row, or null. */
static int single_part(doc_answer *a, uint64_t doc, const char *key, int part, store_sv_row_fn fn)
{
    a->found = 0;
    int rc = sl_out_key(a->w->out, key);
    if (!rc) rc = store_sv_doc_part(a->w->store, part, doc, fn, a);
    if (!rc && !a->found) rc = sl_out_null(a->w->out);
    return rc;
}

/* "#N" names a document by number. */
static int find_doc(serve_req *r, const char *id, uint64_t *doc)
{
    size_t n = strlen(id);
    if (id[0] == '#' && n > 1 && n < 19 && strspn(id + 1, "0123456789") == n - 1) {
        *doc = (uint64_t)strtoull(id + 1, NULL, 10);
        return 1;
    }
    return store_sv_doc_find(r->w->store, id, doc);
}

int serve_api_document(serve_req *r, const char *id)
{
    uint64_t doc = 0;
    int found = find_doc(r, id, &doc);
    if (found < 0)
        return serve_store_error(r, found);
    doc_answer a = { r->w, { NULL, 0 }, 0 };
    sl_out *o = r->w->out;
    int rc = found ? sl_out_begin_object(o) : SL_OK;
    if (!rc && found) rc = store_sv_doc_part(r->w->store, STORE_SV_DOC, doc, on_doc, &a);
    if (!rc && !a.found)
        return serve_error(r, 404, "no document '%s'", id);
    char *raw = (char *)a.raw.ptr;  /* ours when found (on_doc) */
    if (!rc) rc = single_part(&a, doc, "published", STORE_SV_PUBLISHED, on_published);
    if (!rc) rc = list_part(&a, doc, "removed", STORE_SV_REMOVALS, on_removal);
    if (!rc) rc = list_part(&a, doc, "repairs", STORE_SV_REPAIRS, on_repair);
    if (!rc) rc = list_part(&a, doc, "entities", STORE_SV_ENTITIES, on_entity);
    if (!rc) rc = list_part(&a, doc, "quotes", STORE_SV_QUOTES, on_quote);
    if (!rc) rc = single_part(&a, doc, "dup", STORE_SV_DUP, on_dup);
    sl_free(r->w->ctx, raw);
    return rc ? serve_store_error(r, rc) : 200;
}
