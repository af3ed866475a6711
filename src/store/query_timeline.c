/* Read-only queries for the timeline and compare stages: find a story or
 * event, read its rows, its members and their facts.  Only parameters are
 * bound; the few SQL texts are fixed here. */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

static sqlite3_stmt *prepare(sl_store *s, const char *sql)
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

/* Step to the end; each row goes to row(); a non-zero return stops. */
typedef int (*row_fn)(sqlite3_stmt *st, void *fn, void *ud);

static int run_rows(sl_store *s, sqlite3_stmt *st, row_fn row, void *fn, void *ud)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int stop = row(st, fn, ud);
        if (stop) {
            sqlite3_finalize(st);
            return stop;
        }
    }
    int code = rc == SQLITE_DONE ? SL_OK : store_fail(s, store_code(rc), "cannot read");
    sqlite3_finalize(st);
    return code;
}

static int is_number(const char *key)
{
    if (!*key)
        return 0;
    for (const char *p = key; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return strlen(key) < 19;
}

/* 1 and *num when the query (one bound text or number) gives a row. */
static int lookup(sl_store *s, const char *sql, const char *key, uint64_t *num)
{
    sqlite3_stmt *st = prepare(s, sql);
    if (!st)
        return sl_errcode(s->ctx);
    if (is_number(key))
        sqlite3_bind_int64(st, 1, (sqlite3_int64)strtoll(key, NULL, 10));
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int found = rc == SQLITE_ROW;
    if (found)
        *num = (uint64_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(s, store_code(rc), "cannot read");
    return found;
}

int store_tl_find(sl_store *s, const char *key, int *kind, uint64_t *num)
{
    *kind = STORE_TL_NONE;
    int event_only = strncmp(key, "event:", 6) == 0;
    if (event_only)
        key += 6;
    int rc = 0;
    if (!event_only) {
        rc = lookup(s, "SELECT story FROM stories WHERE story = ?1 OR id = ?2 "
                       "ORDER BY story = ?1 DESC, story LIMIT 1", key, num);
        if (rc < 0)
            return rc;
        if (rc) {
            *kind = STORE_TL_STORY;
            return SL_OK;
        }
    }
    rc = lookup(s, "SELECT event FROM events WHERE event = ?1 OR id = ?2 "
                   "ORDER BY event = ?1 DESC, event LIMIT 1", key, num);
    if (rc < 0)
        return rc;
    if (rc)
        *kind = STORE_TL_EVENT;
    return SL_OK;
}

static void fill_cluster(sqlite3_stmt *st, store_tl_cluster *c)
{
    c->num = (uint64_t)sqlite3_column_int64(st, 0);
    c->story = (uint64_t)sqlite3_column_int64(st, 1);
    c->id = store_column_str(st, 2);
    c->title = store_column_str(st, 3);
    c->label = store_column_str(st, 4);
    c->first = store_column_str(st, 5);
    c->last = store_column_str(st, 6);
    c->size = (uint64_t)sqlite3_column_int64(st, 7);
    c->title_doc = (uint64_t)sqlite3_column_int64(st, 8);
}

static int cluster_row(sqlite3_stmt *st, void *fn, void *ud)
{
    store_tl_cluster c;
    fill_cluster(st, &c);
    return ((store_tl_cluster_fn)fn)(ud, &c);
}

#define STORY_COLS "story, story, id, title, label, first, last, size, title_doc FROM stories"
#define EVENT_COLS "event, story, id, title, label, first, last, size, title_doc FROM events"

int store_tl_get(sl_store *s, int is_story, uint64_t num, store_tl_cluster *out)
{
    sqlite3_stmt *st = prepare(s, is_story ? "SELECT " STORY_COLS " WHERE story = ?1"
                                           : "SELECT " EVENT_COLS " WHERE event = ?1");
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)num);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        /* The strings live in the statement: the caller copies what it keeps
         * before the next query, so hand them over and keep st until then. */
        fill_cluster(st, out);
        out->id = (sl_str){ sl_strndup(s->ctx, out->id.ptr, out->id.len), out->id.len };
        out->title = (sl_str){ sl_strndup(s->ctx, out->title.ptr, out->title.len),
                               out->title.len };
        out->label = (sl_str){ sl_strndup(s->ctx, out->label.ptr, out->label.len),
                               out->label.len };
        out->first = (sl_str){ sl_strndup(s->ctx, out->first.ptr, out->first.len),
                               out->first.len };
        out->last = (sl_str){ sl_strndup(s->ctx, out->last.ptr, out->last.len), out->last.len };
        sqlite3_finalize(st);
        if (!out->id.ptr || !out->title.ptr || !out->label.ptr || !out->first.ptr ||
            !out->last.ptr) {
            store_tl_cluster_release(s, out);
            return sl_oom(s->ctx);
        }
        return SL_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, store_code(rc), "cannot read");
    return sl_error(s->ctx, SL_EINVAL, "no %s %llu in the store", is_story ? "story" : "event",
                    (unsigned long long)num);
}

void store_tl_cluster_release(sl_store *s, store_tl_cluster *c)
{
    sl_free(s->ctx, (void *)c->id.ptr);
    sl_free(s->ctx, (void *)c->title.ptr);
    sl_free(s->ctx, (void *)c->label.ptr);
    sl_free(s->ctx, (void *)c->first.ptr);
    sl_free(s->ctx, (void *)c->last.ptr);
    memset(c, 0, sizeof *c);
}

int store_tl_stories(sl_store *s, store_tl_cluster_fn fn, void *ud)
{
    sqlite3_stmt *st = prepare(s, "SELECT " STORY_COLS " ORDER BY first IS NULL, first, story");
    return st ? run_rows(s, st, cluster_row, (void *)fn, ud) : sl_errcode(s->ctx);
}

int store_tl_events(sl_store *s, uint64_t story, store_tl_cluster_fn fn, void *ud)
{
    sqlite3_stmt *st = prepare(s, "SELECT " EVENT_COLS " WHERE story = ?1 ORDER BY event");
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)story);
    return run_rows(s, st, cluster_row, (void *)fn, ud);
}

static int doc_row(sqlite3_stmt *st, void *fn, void *ud)
{
    store_tl_doc d;
    d.doc = (uint64_t)sqlite3_column_int64(st, 0);
    d.event = (uint64_t)sqlite3_column_int64(st, 1);
    d.story = (uint64_t)sqlite3_column_int64(st, 2);
    d.id = store_column_str(st, 3);
    d.source = store_column_str(st, 4);
    d.url = store_column_str(st, 5);
    d.title = store_column_str(st, 6);
    d.date = store_column_str(st, 7);
    d.earliest = store_column_str(st, 8);
    d.latest = store_column_str(st, 9);
    d.text = store_column_str(st, 10);
    d.relation = store_column_str(st, 11);
    d.cluster = sqlite3_column_type(st, 12) == SQLITE_NULL ? d.doc
                                                             : (uint64_t)sqlite3_column_int64(st, 12);
    return ((store_tl_doc_fn)fn)(ud, &d);
}

int store_tl_docs(sl_store *s, int is_story, uint64_t num, store_tl_doc_fn fn, void *ud)
{
    static const char story_sql[] =
        "SELECT d.doc, d.event, d.story, d.id, d.source, d.url, d.title, d.date, p.earliest, "
        "p.latest, d.text, u.relation, u.cluster FROM documents d "
        "LEFT JOIN published p ON p.doc = d.doc LEFT JOIN dups u ON u.doc = d.doc "
        "WHERE d.story = ?1 ORDER BY d.doc";
    static const char event_sql[] =
        "SELECT d.doc, d.event, d.story, d.id, d.source, d.url, d.title, d.date, p.earliest, "
        "p.latest, d.text, u.relation, u.cluster FROM documents d "
        "LEFT JOIN published p ON p.doc = d.doc LEFT JOIN dups u ON u.doc = d.doc "
        "WHERE d.event = ?1 ORDER BY d.doc";
    sqlite3_stmt *st = prepare(s, is_story ? story_sql : event_sql);
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)num);
    return run_rows(s, st, doc_row, (void *)fn, ud);
}

static int64_t column_or(sqlite3_stmt *st, int i, int64_t none)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? none : sqlite3_column_int64(st, i);
}

static int fact_row(sqlite3_stmt *st, void *fn, void *ud)
{
    store_tl_fact f;
    f.doc = (uint64_t)sqlite3_column_int64(st, 0);
    f.start = sqlite3_column_int64(st, 1);
    f.end = sqlite3_column_int64(st, 2);
    f.type = store_column_str(st, 3);
    f.value = store_column_str(st, 4);
    f.role = store_column_str(st, 5);
    f.speaker_start = column_or(st, 6, -1);
    f.speaker_end = column_or(st, 7, -1);
    return ((store_tl_fact_fn)fn)(ud, &f);
}

/* [which][is_story]: the members' rows, by document then offset. */
static const char *const fact_sql[3][2] = {
    { "SELECT f.doc, f.start, f.\"end\", f.type, f.canonical, f.role, NULL, NULL FROM entities f "
      "JOIN documents d ON d.doc = f.doc WHERE d.event = ?1 ORDER BY f.doc, f.start, f.\"end\"",
      "SELECT f.doc, f.start, f.\"end\", f.type, f.canonical, f.role, NULL, NULL FROM entities f "
      "JOIN documents d ON d.doc = f.doc WHERE d.story = ?1 ORDER BY f.doc, f.start, f.\"end\"" },
    { "SELECT f.doc, f.content_start, f.content_end, f.kind, f.speaker, NULL, f.speaker_start, "
      "f.speaker_end FROM quotes f JOIN documents d ON d.doc = f.doc WHERE d.event = ?1 "
      "ORDER BY f.doc, f.content_start, f.content_end",
      "SELECT f.doc, f.content_start, f.content_end, f.kind, f.speaker, NULL, f.speaker_start, "
      "f.speaker_end FROM quotes f JOIN documents d ON d.doc = f.doc WHERE d.story = ?1 "
      "ORDER BY f.doc, f.content_start, f.content_end" },
    { "SELECT f.doc, f.start, f.\"end\", f.type, f.value, NULL, NULL, NULL FROM timex f "
      "JOIN documents d ON d.doc = f.doc WHERE d.event = ?1 ORDER BY f.doc, f.start, f.\"end\"",
      "SELECT f.doc, f.start, f.\"end\", f.type, f.value, NULL, NULL, NULL FROM timex f "
      "JOIN documents d ON d.doc = f.doc WHERE d.story = ?1 ORDER BY f.doc, f.start, f.\"end\"" },
};

int store_tl_facts(sl_store *s, int which, int is_story, uint64_t num, store_tl_fact_fn fn,
                   void *ud)
{
    if (which < STORE_TL_ENTITIES || which > STORE_TL_TIMEX)
        return sl_error(s->ctx, SL_EINVAL, "store_tl_facts: no such table");
    sqlite3_stmt *st = prepare(s, fact_sql[which][is_story ? 1 : 0]);
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)num);
    return run_rows(s, st, fact_row, (void *)fn, ud);
}
