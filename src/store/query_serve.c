/* Read-only queries of the HTTP API (src/serve): stories and events, with
 * paging.  Parameters are bound, never spliced; the SQL texts are fixed. */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

sqlite3_stmt *store_sv_prepare(sl_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        store_fail(s, store_code(rc), "cannot prepare a query");
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

static void fill_row(sqlite3_stmt *st, store_sv_row *row)
{
    int n = sqlite3_column_count(st);
    row->n = n < STORE_SV_COLS ? (size_t)n : STORE_SV_COLS;
    for (size_t i = 0; i < row->n; i++) {
        int c = (int)i;
        row->null[i] = sqlite3_column_type(st, c) == SQLITE_NULL;
        row->i[i] = sqlite3_column_int64(st, c);
        row->d[i] = sqlite3_column_double(st, c);
        /* blob for raw_text, which need not be UTF-8 */
        const void *p = sqlite3_column_type(st, c) == SQLITE_BLOB ? sqlite3_column_blob(st, c)
                                                                  : sqlite3_column_text(st, c);
        size_t len = (size_t)sqlite3_column_bytes(st, c);
        row->s[i] = (sl_str){ row->null[i] ? NULL : (p ? p : ""), row->null[i] ? 0 : len };
    }
}

int store_sv_run(sl_store *s, sqlite3_stmt *st, store_sv_row_fn fn, void *ud)
{
    int rc;
    store_sv_row row;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fill_row(st, &row);
        int stop = fn(ud, &row);
        if (stop) {
            sqlite3_finalize(st);
            return stop;
        }
    }
    int code = rc == SQLITE_DONE ? SL_OK : store_fail(s, store_code(rc), "cannot read");
    sqlite3_finalize(st);
    return code;
}

int store_sv_count(sl_store *s, sqlite3_stmt *st, uint64_t *total)
{
    int rc = sqlite3_step(st);
    *total = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(st, 0) : 0;
    int code = rc == SQLITE_ROW ? SL_OK : store_fail(s, store_code(rc), "cannot count");
    sqlite3_finalize(st);
    return code;
}

/* The page is chosen first, so that documents are counted for its rows
 * only (SQLite computes result columns before it sorts). */
#define STORY_ORDER " ORDER BY s.first IS NULL, s.first, s.id, s.story"
static const char stories_sql[] =
    "SELECT s.story, s.id, s.label, s.title, s.size,"
    " (SELECT count(*) FROM documents d WHERE d.story = s.story), s.first, s.last"
    " FROM (SELECT s.story FROM stories s" STORY_ORDER " LIMIT ?1 OFFSET ?2) page"
    " JOIN stories s ON s.story = page.story" STORY_ORDER;

int store_sv_stories(sl_store *s, uint64_t limit, uint64_t offset, store_sv_row_fn fn, void *ud,
                     uint64_t *total)
{
    sqlite3_stmt *st = store_sv_prepare(s, "SELECT count(*) FROM stories");
    if (!st)
        return sl_errcode(s->ctx);
    int rc = store_sv_count(s, st, total);
    if (rc)
        return rc;
    if (!(st = store_sv_prepare(s, stories_sql)))
        return sl_errcode(s->ctx);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)offset);
    return store_sv_run(s, st, fn, ud);
}

/* By id first; a key of digits also names a story by number. */
static const char story_sql[] =
    "SELECT s.story, s.id, s.label, s.title, s.size,"
    " (SELECT count(*) FROM documents d WHERE d.story = s.story), s.first, s.last"
    " FROM stories s WHERE s.id = ?1 OR s.story = ?2"
    " ORDER BY s.id = ?1 DESC, s.story LIMIT 1";

typedef struct found_fn {
    store_sv_row_fn fn;
    void *ud;
    int found;
} found_fn;

static int found_row(void *ud, const store_sv_row *row)
{
    found_fn *f = ud;
    f->found = 1;
    return f->fn(f->ud, row);
}

static sqlite3_int64 key_number(const char *key)
{
    size_t n = strlen(key);
    if (!n || n > 18 || strspn(key, "0123456789") != n)
        return -1;
    return (sqlite3_int64)strtoll(key, NULL, 10);
}

int store_sv_story(sl_store *s, const char *key, store_sv_row_fn fn, void *ud)
{
    sqlite3_stmt *st = store_sv_prepare(s, story_sql);
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, key_number(key));
    found_fn f = { fn, ud, 0 };
    int rc = store_sv_run(s, st, found_row, &f);
    return rc ? rc : f.found;
}

#define EVENT_COLUMNS \
    "SELECT e.event, e.id, e.label, e.title, e.size, e.first, e.last, s.id, e.story" \
    " FROM events e LEFT JOIN stories s ON s.story = e.story"
#define EVENT_ORDER " ORDER BY e.first IS NULL, e.first, e.id, e.event LIMIT ?2 OFFSET ?3"

int store_sv_events(sl_store *s, int has_story, uint64_t story, uint64_t limit, uint64_t offset,
                    store_sv_row_fn fn, void *ud, uint64_t *total)
{
    sqlite3_stmt *st = store_sv_prepare(s, has_story ? "SELECT count(*) FROM events WHERE story = ?1"
                                                     : "SELECT count(*) FROM events");
    if (!st)
        return sl_errcode(s->ctx);
    if (has_story)
        sqlite3_bind_int64(st, 1, (sqlite3_int64)story);
    int rc = store_sv_count(s, st, total);
    if (rc)
        return rc;
    st = store_sv_prepare(s, has_story ? EVENT_COLUMNS " WHERE e.story = ?1" EVENT_ORDER
                                       : EVENT_COLUMNS " WHERE ?1 IS NULL" EVENT_ORDER);
    if (!st)
        return sl_errcode(s->ctx);
    if (has_story)
        sqlite3_bind_int64(st, 1, (sqlite3_int64)story);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)offset);
    return store_sv_run(s, st, fn, ud);
}
