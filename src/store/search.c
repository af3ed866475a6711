/* Reading the store: the stored documents in order, and full-text search. */
#include "store/store.h"

#include <string.h>

static void fill_scanned(sqlite3_stmt *st, sl_store_doc *d)
{
    memset(d, 0, sizeof *d);
    d->id = store_column_str(st, 1);
    d->source = store_column_str(st, 2);
    d->published_given = store_column_str(st, 3);
    const void *raw = sqlite3_column_blob(st, 4);
    d->raw_text = (sl_str){ raw ? raw : "", (size_t)sqlite3_column_bytes(st, 4) };
    d->text = store_column_str(st, 5);
    d->title = store_column_str(st, 6);
    d->story_date = store_column_str(st, 7);
    d->cleaned = sqlite3_column_int(st, 8);
    d->event = (uint64_t)sqlite3_column_int64(st, 9);
    d->story = (uint64_t)sqlite3_column_int64(st, 10);
    d->score = sqlite3_column_double(st, 11);
}

int sl_store_scan(sl_store *s, uint64_t from, sl_store_scan_fn fn, void *ud)
{
    sqlite3_stmt *st = store_stmt_get(s, ST_SCAN);
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)from);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_store_doc d;
        fill_scanned(st, &d);
        int stop = fn(ud, (uint64_t)sqlite3_column_int64(st, 0), &d);
        if (stop) {
            sqlite3_reset(st);
            return stop;
        }
    }
    int code = rc == SQLITE_DONE ? SL_OK : store_fail(s, store_code(rc), "cannot read documents");
    sqlite3_reset(st);
    return code;
}

/* ---------------------------------------------------------------- search */

/* bm25 with the title counting five times the text; ties in input order.
 * Only the page is ranked in full: `top` picks the best rowids (bm25 and
 * the filters, nothing else), and the snippets and the event and story ids
 * are made for those rows alone, not for every match.  The scores are
 * top's, so the rows and their order are those of ranking every match. */
#define SEARCH_PAGE                                                                      \
    " SELECT d.doc, d.id, d.source, d.url, d.title, d.date,"                            \
    " snippet(search, 1, ?2, ?3, '…', ?4), top.score,"                                  \
    " (SELECT id FROM events WHERE event = d.event),"                                   \
    " (SELECT id FROM stories WHERE story = d.story)"                                   \
    " FROM search JOIN top ON top.doc = search.rowid JOIN documents d ON d.doc = top.doc" \
    " WHERE search MATCH ?1 AND search.rowid IN (SELECT doc FROM top)"                  \
    " ORDER BY top.score, top.doc"

/* No filter: the ranking reads the full-text index only. */
static const char search_sql[] =
    "WITH top(doc, score) AS MATERIALIZED ("
    " SELECT rowid, bm25(search, 5.0, 1.0) AS score FROM search"
    " WHERE search MATCH ?1 ORDER BY score, rowid LIMIT ?9)" SEARCH_PAGE;

/* Filters: each match's document row is read for its source and date. */
static const char search_filtered_sql[] =
    "WITH top(doc, score) AS MATERIALIZED ("
    " SELECT search.rowid, bm25(search, 5.0, 1.0) AS score"
    " FROM search JOIN documents d ON d.doc = search.rowid"
    " WHERE search MATCH ?1"
    " AND (?5 IS NULL OR d.source = ?5)"
    " AND (?6 IS NULL OR EXISTS (SELECT 1 FROM entities e WHERE e.doc = d.doc AND e.canonical = ?6))"
    " AND (?7 IS NULL OR d.date >= ?7)"
    " AND (?8 IS NULL OR d.date <= ?8)"
    " ORDER BY score, search.rowid LIMIT ?9)" SEARCH_PAGE;

/* Plain words to an FTS5 query: each word a quoted string (inner quotes
 * doubled), all of them required.  FTS5 operators are then just text. */
static int words_query(sl_store *s, const char *words, sl_str *out)
{
    sl_buf *b = &s->scratch;
    sl_buf_reset(b);
    int rc = SL_OK;
    const char *p = words;
    while (!rc && *p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        if (b->len)
            rc = sl_buf_putc(b, ' ');
        if (!rc) rc = sl_buf_putc(b, '"');
        for (; !rc && *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++)
            rc = *p == '"' ? sl_buf_append(b, "\"\"", 2) : sl_buf_putc(b, *p);
        if (!rc) rc = sl_buf_putc(b, '"');
    }
    if (rc)
        return rc;
    if (!b->len)
        return sl_error(s->ctx, SL_EINVAL, "search: the query has no words");
    *out = (sl_str){ b->ptr, b->len };
    return SL_OK;
}

static sqlite3_stmt *bind_query(sl_store *s, const sl_store_query *q, sl_str match)
{
    int filtered = q->source || q->entity || q->from || q->to;
    store_stmt which = filtered ? ST_SEARCH_FILTERED : ST_SEARCH;
    sqlite3_stmt *st = s->stmt[which];
    if (!st) {
        int rc = sqlite3_prepare_v3(s->db, filtered ? search_filtered_sql : search_sql, -1,
                                    SQLITE_PREPARE_PERSISTENT, &st, NULL);
        if (rc != SQLITE_OK) {
            store_fail(s, store_code(rc), "cannot prepare the search");
            return NULL;
        }
        s->stmt[which] = st;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    store_bind_str(st, 1, match, 0);
    store_bind_cstr(st, 2, q->mark_open ? q->mark_open : "");
    store_bind_cstr(st, 3, q->mark_close ? q->mark_close : "");
    sqlite3_bind_int(st, 4, (int)(q->snippet_words ? (q->snippet_words > 64 ? 64 : q->snippet_words)
                                                   : 16));
    store_bind_cstr(st, 5, q->source);
    store_bind_cstr(st, 6, q->entity);
    store_bind_cstr(st, 7, q->from);
    store_bind_cstr(st, 8, q->to);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)(q->limit ? q->limit : 20));
    return st;
}

static void fill_hit(sqlite3_stmt *st, sl_store_hit *h)
{
    h->doc = (uint64_t)sqlite3_column_int64(st, 0);
    h->id = store_column_str(st, 1);
    h->source = store_column_str(st, 2);
    h->url = store_column_str(st, 3);
    h->title = store_column_str(st, 4);
    h->date = store_column_str(st, 5);
    h->snippet = store_column_str(st, 6);
    h->score = sqlite3_column_double(st, 7);
    h->event = store_column_str(st, 8);
    h->story = store_column_str(st, 9);
}

int sl_store_search(sl_store *s, const sl_store_query *q, sl_store_hit_fn fn, void *ud)
{
    if (!s || !q || !q->match || q->version != SL_STORE_QUERY_VERSION)
        return s ? sl_error(s->ctx, SL_EINVAL, "search: bad query") : SL_EINVAL;
    sl_str match = { q->match, strlen(q->match) };
    int rc = q->fts_syntax ? SL_OK : words_query(s, q->match, &match);
    if (rc)
        return rc;
    sqlite3_stmt *st = bind_query(s, q, match);
    if (!st)
        return sl_errcode(s->ctx);
    int src;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        sl_store_hit h;
        fill_hit(st, &h);
        int stop = fn(ud, &h);
        if (stop) {
            sqlite3_reset(st);
            return stop;
        }
    }
    sqlite3_reset(st);
    if (src == SQLITE_DONE)
        return SL_OK;
    if ((src & 0xff) == SQLITE_ERROR) /* the query itself: FTS5 syntax */
        return sl_error(s->ctx, SL_EINVAL, "search: %s", sqlite3_errmsg(s->db));
    return store_fail(s, store_code(src), "search failed");
}
