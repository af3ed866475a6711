/* Writing documents, facts, duplicate relations, events and stories. */
#include "store/store.h"

#include <string.h>

static void bind_u64(sqlite3_stmt *st, int i, uint64_t v)
{
    sqlite3_bind_int64(st, i, (sqlite3_int64)v);
}

static void bind_size(sqlite3_stmt *st, int i, size_t v)
{
    sqlite3_bind_int64(st, i, (sqlite3_int64)v);
}

/* The map from cleaned to raw offsets as JSON, [[clean, clean_len, raw,
 * raw_len], ...]; NULL (nothing bound) when the text was not cleaned. */
static int map_json(sl_store *s, const sl_store_doc *d, sl_str *out)
{
    sl_buf *b = &s->scratch;
    sl_buf_reset(b);
    int rc = sl_buf_putc(b, '[');
    for (size_t i = 0; !rc && i < d->n_map; i++) {
        const sl_map_seg *m = &d->map[i];
        rc = sl_buf_printf(b, "%s[%zu,%zu,%zu,%zu]", i ? "," : "", m->clean, m->clean_len, m->raw,
                           m->raw_len);
    }
    if (!rc) rc = sl_buf_putc(b, ']');
    *out = (sl_str){ b->ptr, b->len };
    return rc;
}

sl_str store_outlet_of(sl_str source, sl_str id)
{
    if (source.len)
        return source;
    const char *slash = id.len ? memchr(id.ptr, '/', id.len) : NULL;
    if (slash && slash > id.ptr)
        return (sl_str){ id.ptr, (size_t)(slash - id.ptr) };
    return (sl_str){ NULL, 0 };
}

static int insert_doc_row(sl_store *s, uint64_t doc, const sl_store_doc *d)
{
    sl_str map = { NULL, 0 };
    if (d->cleaned && map_json(s, d, &map))
        return SL_ENOMEM;
    sqlite3_stmt *st = store_stmt_get(s, ST_ADD_DOC);
    if (!st)
        return sl_errcode(s->ctx);
    bind_u64(st, 1, doc);
    store_bind_str(st, 2, d->id, 0);
    store_bind_str(st, 3, d->source, 1);
    store_bind_str(st, 4, d->url, 1);
    store_bind_str(st, 5, d->title, 1);
    store_bind_str(st, 6, d->title_given, 1);
    store_bind_str(st, 7, d->byline, 1);
    store_bind_str(st, 8, d->published_given, 1);
    store_bind_str(st, 9, d->date, 1);
    store_bind_str(st, 10, d->story_date, 1);
    /* the input's bytes, which need not be UTF-8 (repairs say where not) */
    sqlite3_bind_blob64(st, 11, d->raw_text.len ? d->raw_text.ptr : "", d->raw_text.len,
                        SQLITE_STATIC);
    store_bind_str(st, 12, d->text, 0);
    sqlite3_bind_int(st, 13, d->cleaned ? 1 : 0);
    store_bind_str(st, 14, map, 1);
    sqlite3_bind_blob(st, 15, d->hash, 16, SQLITE_STATIC);
    store_bind_str(st, 16, d->origin, 1);
    bind_u64(st, 17, d->line);
    bind_u64(st, 18, d->event);
    bind_u64(st, 19, d->story);
    sqlite3_bind_double(st, 20, d->score);
    store_bind_str(st, 21, d->source.len ? (sl_str){ NULL, 0 }
                                         : store_outlet_of(d->source, d->id), 1);
    return store_step_done(s, st);
}

/* A given source names its slug when it is the first to spell it; the
 * documents that were named after that folder before take the name, so
 * the outlets do not depend on the input order. */
static int name_outlet(sl_store *s, sl_str source)
{
    if (!source.len)
        return SL_OK;
    sqlite3_stmt *st = store_stmt_get(s, ST_OUTLET_PUT);
    if (!st)
        return sl_errcode(s->ctx);
    store_bind_str(st, 1, source, 0);
    int rc = store_step_done(s, st);
    if (rc || sqlite3_changes(s->db) == 0)
        return rc;
    if (!(st = store_stmt_get(s, ST_OUTLET_RENAME)))
        return sl_errcode(s->ctx);
    store_bind_str(st, 1, source, 0);
    return store_step_done(s, st);
}

static int insert_fts(sl_store *s, uint64_t doc, const sl_store_doc *d)
{
    sqlite3_stmt *st = store_stmt_get(s, ST_ADD_FTS);
    if (!st)
        return sl_errcode(s->ctx);
    bind_u64(st, 1, doc);
    store_bind_str(st, 2, d->title, 1);
    store_bind_str(st, 3, d->text, 0);
    return store_step_done(s, st);
}

static int insert_clean(sl_store *s, uint64_t doc, const sl_store_doc *d)
{
    int rc = SL_OK;
    for (size_t i = 0; !rc && i < d->n_repairs; i++) {
        sqlite3_stmt *st = store_stmt_get(s, ST_ADD_REPAIR);
        if (!st)
            return sl_errcode(s->ctx);
        bind_u64(st, 1, doc);
        bind_size(st, 2, d->repairs[i].start);
        bind_size(st, 3, d->repairs[i].end);
        store_bind_cstr(st, 4, d->repairs[i].kind ? d->repairs[i].kind : "");
        store_bind_str(st, 5, d->repairs[i].to, 0);
        rc = store_step_done(s, st);
    }
    for (size_t i = 0; !rc && i < d->n_removed; i++) {
        sqlite3_stmt *st = store_stmt_get(s, ST_ADD_REMOVAL);
        if (!st)
            return sl_errcode(s->ctx);
        bind_u64(st, 1, doc);
        bind_size(st, 2, d->removed[i].start);
        bind_size(st, 3, d->removed[i].end);
        store_bind_cstr(st, 4, d->removed[i].reason ? d->removed[i].reason : "");
        rc = store_step_done(s, st);
    }
    return rc;
}

int sl_store_add_doc(sl_store *s, uint64_t doc, const sl_store_doc *d)
{
    if (!s || !d)
        return SL_EINVAL;
    if (!s->in_batch)
        return sl_error(s->ctx, SL_EINVAL, "store: documents are added inside a batch");
    int rc = insert_doc_row(s, doc, d);
    if (!rc) rc = name_outlet(s, d->source);
    if (!rc) rc = insert_fts(s, doc, d);
    if (!rc) rc = insert_clean(s, doc, d);
    return rc;
}

/* ---------------------------------------------------------------- facts */

static int insert_entities(sl_store *s, uint64_t doc, const sl_facts_doc *f, const char *text,
                           size_t len)
{
    const sl_fact_entity *e;
    size_t n = sl_facts_entities(f, &e);
    int rc = SL_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        if (e[i].start > e[i].end || e[i].end > len)
            return sl_error(s->ctx, SL_EINVAL, "store: entity %zu is outside the text", i);
        sqlite3_stmt *st = store_stmt_get(s, ST_ADD_ENTITY);
        if (!st)
            return sl_errcode(s->ctx);
        bind_u64(st, 1, doc);
        bind_size(st, 2, e[i].start);
        bind_size(st, 3, e[i].end);
        store_bind_cstr(st, 4, e[i].type ? e[i].type : "");
        store_bind_cstr(st, 5, e[i].canonical ? e[i].canonical : "");
        store_bind_cstr(st, 6, e[i].role);
        rc = store_step_done(s, st);
    }
    return rc;
}

static void bind_span(sqlite3_stmt *st, int i, int has, size_t start, size_t end)
{
    if (!has) {
        sqlite3_bind_null(st, i);
        sqlite3_bind_null(st, i + 1);
        return;
    }
    bind_size(st, i, start);
    bind_size(st, i + 1, end);
}

static int insert_quotes(sl_store *s, uint64_t doc, const sl_facts_doc *f)
{
    const sl_fact_quote *q;
    size_t n = sl_facts_quotes(f, &q);
    int rc = SL_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_stmt *st = store_stmt_get(s, ST_ADD_QUOTE);
        if (!st)
            return sl_errcode(s->ctx);
        bind_u64(st, 1, doc);
        bind_span(st, 2, 1, q[i].content_start, q[i].content_end);
        store_bind_cstr(st, 4, q[i].has_speaker ? q[i].speaker : NULL);
        bind_span(st, 5, q[i].has_speaker, q[i].speaker_start, q[i].speaker_end);
        bind_span(st, 7, q[i].has_source, q[i].source_start, q[i].source_end);
        bind_span(st, 9, q[i].has_cue, q[i].cue_start, q[i].cue_end);
        store_bind_cstr(st, 11, q[i].kind ? q[i].kind : "");
        rc = store_step_done(s, st);
    }
    return rc;
}

static int insert_timex(sl_store *s, uint64_t doc, const sl_facts_doc *f)
{
    const sl_fact_timex *t;
    size_t n = sl_facts_timexes(f, &t);
    int rc = SL_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_stmt *st = store_stmt_get(s, ST_ADD_TIMEX);
        if (!st)
            return sl_errcode(s->ctx);
        bind_u64(st, 1, doc);
        bind_size(st, 2, t[i].start);
        bind_size(st, 3, t[i].end);
        store_bind_cstr(st, 4, t[i].type ? t[i].type : "");
        store_bind_cstr(st, 5, t[i].value);
        rc = store_step_done(s, st);
    }
    return rc;
}

static int put_opt_cstr(sl_out *o, const char *key, const char *v)
{
    int rc = sl_out_key(o, key);
    if (rc)
        return rc;
    return v && v[0] ? sl_out_string(o, v, strlen(v)) : sl_out_null(o);
}

static int put_size(sl_out *o, const char *key, size_t v)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_int(o, (int64_t)v);
}

/* The evidence as a JSON array, as `storyline facts` writes it. */
static int evidence_json(sl_store *s, const sl_fact_published *p, sl_str *out)
{
    sl_out *o = s->out;
    const char *line;
    size_t len;
    sl_out_reset(o);
    int rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < p->n_evidence; i++) {
        const sl_fact_evidence *e = &p->evidence[i];
        rc = sl_out_begin_object(o);
        if (!rc) rc = put_opt_cstr(o, "kind", e->kind);
        if (!rc) rc = put_size(o, "start", e->start);
        if (!rc) rc = put_size(o, "end", e->end);
        if (!rc) rc = put_opt_cstr(o, "text", e->text);
        if (!rc) rc = put_opt_cstr(o, "earliest", e->earliest);
        if (!rc) rc = put_opt_cstr(o, "latest", e->latest);
        if (!rc) rc = sl_out_key(o, "used");
        if (!rc) rc = sl_out_bool(o, e->used);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = sl_out_finish(o, &line, &len);
    if (rc)
        return rc;
    *out = (sl_str){ line, len && line[len - 1] == '\n' ? len - 1 : len };
    return SL_OK;
}

static int insert_published(sl_store *s, uint64_t doc, const sl_facts_doc *f)
{
    const sl_fact_published *p = sl_facts_published(f);
    if (!p)
        return SL_OK;
    sl_str evidence;
    int rc = evidence_json(s, p, &evidence);
    if (rc)
        return rc;
    sqlite3_stmt *st = store_stmt_get(s, ST_ADD_PUBLISHED);
    if (!st)
        return sl_errcode(s->ctx);
    bind_u64(st, 1, doc);
    store_bind_cstr(st, 2, p->value[0] ? p->value : NULL);
    store_bind_cstr(st, 3, p->earliest[0] ? p->earliest : NULL);
    store_bind_cstr(st, 4, p->latest[0] ? p->latest : NULL);
    sqlite3_bind_int(st, 5, p->given ? 1 : 0);
    sqlite3_bind_int(st, 6, p->contradicted ? 1 : 0);
    store_bind_str(st, 7, evidence, 0);
    return store_step_done(s, st);
}

int sl_store_add_facts(sl_store *s, uint64_t doc, const sl_facts_doc *f, const char *text,
                       size_t len)
{
    if (!s || !f)
        return SL_EINVAL;
    int rc = insert_entities(s, doc, f, text, len);
    if (!rc) rc = insert_quotes(s, doc, f);
    if (!rc) rc = insert_timex(s, doc, f);
    if (!rc) rc = insert_published(s, doc, f);
    return rc;
}

/* ------------------------------------------------- relations and clusters */

int sl_store_put_dup(sl_store *s, uint64_t doc, const sl_dup *dup)
{
    sqlite3_stmt *st = store_stmt_get(s, ST_PUT_DUP);
    if (!st)
        return sl_errcode(s->ctx);
    bind_u64(st, 1, doc);
    store_bind_cstr(st, 2, sl_dup_relation_name(dup->relation));
    if (dup->of == UINT64_MAX)
        sqlite3_bind_null(st, 3);
    else
        bind_u64(st, 3, dup->of);
    /* rounded as the JSONL commands write it, so equal runs compare equal */
    sqlite3_bind_double(st, 4, (double)(int64_t)(dup->similarity * 10000.0 + 0.5) / 10000.0);
    bind_u64(st, 5, dup->cluster);
    int rc = store_step_done(s, st);
    return rc ? rc : sqlite3_changes(s->db) > 0;
}

static int label_json(sl_store *s, const sl_store_cluster *c, sl_str *out)
{
    sl_out *o = s->out;
    const char *line;
    size_t len;
    sl_out_reset(o);
    int rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < c->n_label; i++)
        rc = sl_out_string(o, c->label[i], strlen(c->label[i]));
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = sl_out_finish(o, &line, &len);
    if (rc)
        return rc;
    *out = (sl_str){ line, len && line[len - 1] == '\n' ? len - 1 : len };
    return SL_OK;
}

static void bind_day(sqlite3_stmt *st, int i, int64_t day, char buf[11])
{
    if (day == INT64_MIN) {
        sqlite3_bind_null(st, i);
        return;
    }
    sl_day_format(day, buf);
    sqlite3_bind_text(st, i, buf, 10, SQLITE_TRANSIENT);
}

int sl_store_put_cluster(sl_store *s, const sl_store_cluster *c)
{
    sl_str label;
    int rc = label_json(s, c, &label);
    if (rc)
        return rc;
    sqlite3_stmt *st = store_stmt_get(s, c->is_story ? ST_PUT_STORY : ST_PUT_EVENT);
    if (!st)
        return sl_errcode(s->ctx);
    char first[11], last[11];
    bind_u64(st, 1, c->key);
    if (!c->is_story)
        bind_u64(st, 2, c->story);
    store_bind_str(st, 3, label, 0);
    store_bind_str(st, 4, c->title, 1);
    bind_u64(st, 5, c->title_doc);
    bind_day(st, 6, c->first_day, first);
    bind_day(st, 7, c->last_day, last);
    bind_u64(st, 8, c->size);
    return store_step_done(s, st);
}
