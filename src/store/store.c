/* The store handle: opening, statements, batches, settings, runs. */
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

const char *const store_count_tables[9] = { "documents", "events", "stories", "entities", "quotes",
                                            "timex", "repairs", "removals", "dups" };

/* The text of each statement; the count statements are made from
 * store_count_tables, never from caller text. */
static const char *const stmt_sql[ST_COUNT_FIRST] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [ST_META_SET] = "INSERT INTO meta(key, value) VALUES(?1, ?2) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    [ST_HAS_HASH] = "SELECT 1 FROM documents WHERE hash = ?1",
    [ST_DOC_COUNT] = "SELECT coalesce(max(doc) + 1, 0) FROM documents",
    /* ?3 the given source, ?21 the id's folder: a document without a
     * source gets the folder, named as a given source that spells it */
    [ST_ADD_DOC] = "INSERT INTO documents(doc, id, source, url, title, title_given, byline, "
                   "published, date, story_date, raw_text, text, cleaned, clean_map, hash, origin, "
                   "line, run, event, story, score, source_derived) VALUES(?1, ?2, "
                   "coalesce(?3, (SELECT name FROM outlets WHERE slug = sl_outlet_slug(?21)), ?21), "
                   "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                   "(SELECT max(run) FROM runs), ?18, ?19, ?20, ?3 IS NULL AND ?21 IS NOT NULL)",
    /* the first source spelling a slug names it; documents already named
     * after their folder take that name (scanning the index, not the rows) */
    [ST_OUTLET_PUT] = "INSERT INTO outlets(slug, name) VALUES(sl_outlet_slug(?1), ?1) "
                      "ON CONFLICT(slug) DO NOTHING",
    [ST_OUTLET_RENAME] = "UPDATE documents SET source = ?1 WHERE source_derived = 1 AND doc IN "
                         "(SELECT doc FROM documents INDEXED BY documents_source "
                         "WHERE sl_outlet_slug(source) = sl_outlet_slug(?1) AND source <> ?1)",
    [ST_ADD_FTS] = "INSERT INTO search(rowid, title, text) VALUES(?1, ?2, ?3)",
    [ST_ADD_REPAIR] = "INSERT INTO repairs(doc, start, \"end\", kind, replacement) "
                      "VALUES(?1, ?2, ?3, ?4, ?5)",
    [ST_ADD_REMOVAL] = "INSERT INTO removals(doc, start, \"end\", reason) VALUES(?1, ?2, ?3, ?4)",
    [ST_ADD_ENTITY] = "INSERT INTO entities(doc, start, \"end\", type, canonical, role) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_ADD_QUOTE] = "INSERT INTO quotes(doc, content_start, content_end, speaker, speaker_start, "
                     "speaker_end, source_start, source_end, cue_start, cue_end, kind) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [ST_ADD_TIMEX] = "INSERT INTO timex(doc, start, \"end\", type, value) VALUES(?1, ?2, ?3, ?4, ?5)",
    [ST_ADD_PUBLISHED] = "INSERT INTO published(doc, value, earliest, latest, given, "
                         "contradicted, evidence) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_PUT_DUP] = "INSERT INTO dups(doc, relation, of, similarity, cluster) "
                   "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(doc) DO UPDATE SET "
                   "relation = excluded.relation, of = excluded.of, "
                   "similarity = excluded.similarity, cluster = excluded.cluster "
                   "WHERE relation IS NOT excluded.relation OR of IS NOT excluded.of OR "
                   "similarity IS NOT excluded.similarity OR cluster IS NOT excluded.cluster",
    [ST_PUT_EVENT] = "INSERT INTO events(event, id, story, label, title, title_doc, first, last, "
                     "size) VALUES(?1, (SELECT id FROM documents WHERE doc = ?1), ?2, ?3, ?4, ?5, "
                     "?6, ?7, ?8) ON CONFLICT(event) DO UPDATE SET label = excluded.label, "
                     "title = excluded.title, title_doc = excluded.title_doc, "
                     "first = excluded.first, last = excluded.last, size = excluded.size "
                     "WHERE label IS NOT excluded.label OR title_doc IS NOT excluded.title_doc OR "
                     "first IS NOT excluded.first OR last IS NOT excluded.last OR "
                     "size IS NOT excluded.size",
    [ST_PUT_STORY] = "INSERT INTO stories(story, id, label, title, title_doc, first, last, size) "
                     "VALUES(?1, (SELECT id FROM documents WHERE doc = ?1), ?3, ?4, ?5, ?6, ?7, "
                     "?8) ON CONFLICT(story) DO UPDATE SET label = excluded.label, "
                     "title = excluded.title, title_doc = excluded.title_doc, "
                     "first = excluded.first, last = excluded.last, size = excluded.size "
                     "WHERE label IS NOT excluded.label OR title_doc IS NOT excluded.title_doc OR "
                     "first IS NOT excluded.first OR last IS NOT excluded.last OR "
                     "size IS NOT excluded.size",
    [ST_RUN_BEGIN] = "INSERT INTO runs(started, inputs, version) VALUES(?1, ?2, ?3)",
    [ST_RUN_PROGRESS] = "UPDATE runs SET added = ?2, skipped = ?3, rejected = ?4, "
                        "finished = ?5 WHERE run = ?1",
    /* the source as the input gave it: the stages are fed what they were */
    [ST_SCAN] = "SELECT doc, id, CASE WHEN source_derived THEN NULL ELSE source END, published, raw_text, text, title, story_date, cleaned, "
                "event, story, score FROM documents WHERE doc >= ?1 ORDER BY doc",
    [ST_SEARCH] = NULL, /* made in search.c */
    [ST_SEARCH_FILTERED] = NULL,
};

int store_code(int sqlite_rc)
{
    switch (sqlite_rc & 0xff) {
    case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return SL_OK;
    case SQLITE_NOMEM: return SL_ENOMEM;
    case SQLITE_TOOBIG: case SQLITE_FULL: return SL_ELIMIT;
    case SQLITE_CONSTRAINT: case SQLITE_MISMATCH: case SQLITE_RANGE: return SL_EINVAL;
    default: return SL_EIO;
    }
}

int store_fail(sl_store *s, int code, const char *what)
{
    if (code == SL_ENOMEM)
        return sl_oom(s->ctx);
    return sl_error(s->ctx, code, "store %s: %s: %s", s->path ? s->path : "", what,
                    s->db ? sqlite3_errmsg(s->db) : "no database");
}

sqlite3_stmt *store_stmt_get(sl_store *s, store_stmt which)
{
    sqlite3_stmt *st = s->stmt[which];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    char count_sql[64];
    const char *sql = stmt_sql[which < ST_COUNT_FIRST ? which : 0];
    if (which >= ST_COUNT_FIRST) {
        snprintf(count_sql, sizeof count_sql, "SELECT count(*) FROM %s",
                 store_count_tables[which - ST_COUNT_FIRST]);
        sql = count_sql;
    }
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        store_fail(s, store_code(rc), "cannot prepare a statement");
        return NULL;
    }
    s->stmt[which] = st;
    return st;
}

int store_step_done(sl_store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        sqlite3_reset(st);
        return SL_OK;
    }
    int code = store_fail(s, store_code(rc), "cannot write");
    sqlite3_reset(st);
    return code;
}

int store_bind_str(sqlite3_stmt *st, int i, sl_str v, int null_if_empty)
{
    if (!v.ptr || (null_if_empty && v.len == 0))
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text64(st, i, v.len ? v.ptr : "", v.len, SQLITE_STATIC, SQLITE_UTF8);
}

int store_bind_cstr(sqlite3_stmt *st, int i, const char *v)
{
    if (!v)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

sl_str store_column_str(sqlite3_stmt *st, int i)
{
    const char *p = (const char *)sqlite3_column_text(st, i);
    size_t n = (size_t)sqlite3_column_bytes(st, i);
    return (sl_str){ p ? p : "", p ? n : 0 };
}

static int open_db(sl_store *s, const char *path, unsigned flags)
{
    int oflags = (flags & SL_STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if ((flags & SL_STORE_CREATE) && !(flags & SL_STORE_READONLY))
        oflags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_NOMEM)
        return sl_oom(s->ctx);
    if (rc != SQLITE_OK) {
        int err = s->db ? sqlite3_system_errno(s->db) : 0;
        return sl_error(s->ctx, SL_EIO, "cannot open store '%s': %s", path,
                        err ? strerror(err) : s->db ? sqlite3_errmsg(s->db) : "out of memory");
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 10000);
    return SL_OK;
}

/* WAL lets readers (search, serve) work while a run writes; synchronous
 * NORMAL keeps every committed batch through a crash of the process. */
static int set_pragmas(sl_store *s, unsigned flags)
{
    int rc = store_exec(s, "PRAGMA foreign_keys = ON");
    if (!rc && !(flags & SL_STORE_READONLY))
        rc = store_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
    return rc;
}

int sl_store_open(sl_ctx *ctx, sl_store **out, const char *path, unsigned flags)
{
    if (!ctx || !out || !path)
        return ctx ? sl_error(ctx, SL_EINVAL, "store: bad arguments to open") : SL_EINVAL;
    *out = NULL;
    sl_store *s = sl_calloc(ctx, 1, sizeof *s);
    if (!s)
        return sl_oom(ctx);
    s->ctx = ctx;
    sl_buf_init(&s->pack, ctx);
    sl_buf_init(&s->scratch, ctx);
    s->path = sl_strndup(ctx, path, strlen(path));
    int rc = s->path ? sl_out_new(ctx, &s->out) : sl_oom(ctx);
    if (!rc) rc = open_db(s, path, flags);
    if (!rc) {
        /* a file that is not a database shows on the first read */
        sqlite3_stmt *probe = NULL;
        int prc = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &probe, NULL);
        if (prc == SQLITE_OK)
            prc = sqlite3_step(probe);
        sqlite3_finalize(probe);
        if ((prc & 0xff) == SQLITE_NOTADB)
            rc = sl_error(ctx, SL_EIO, "'%s' is not a storyline store (not a SQLite database)",
                          path);
        else if (prc != SQLITE_ROW)
            rc = store_fail(s, store_code(prc), "cannot read");
    }
    if (!rc) rc = set_pragmas(s, flags);
    if (!rc) rc = store_schema_init(s, (flags & SL_STORE_READONLY) != 0);
    if (rc) {
        sl_store_close(s);
        return rc;
    }
    *out = s;
    return SL_OK;
}

void sl_store_close(sl_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < ST_N; i++)
        sqlite3_finalize(s->stmt[i]);
    if (s->db && s->in_batch)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(s->db);
    sl_out_free(s->out);
    sl_buf_release(&s->pack);
    sl_buf_release(&s->scratch);
    sl_free(s->ctx, s->repairs);
    sl_free(s->ctx, s->removed);
    sl_free(s->ctx, s->map);
    sl_free(s->ctx, s->path);
    sl_free(s->ctx, s);
}

int sl_store_schema_version(const sl_store *s)
{
    return s ? s->schema_version : 0;
}

static int run_simple(sl_store *s, store_stmt which)
{
    sqlite3_stmt *st = store_stmt_get(s, which);
    return st ? store_step_done(s, st) : sl_errcode(s->ctx);
}

int sl_store_begin(sl_store *s)
{
    if (s->in_batch)
        return sl_error(s->ctx, SL_EINVAL, "store: a batch is already open");
    int rc = run_simple(s, ST_BEGIN);
    s->in_batch = rc == SL_OK;
    return rc;
}

int sl_store_commit(sl_store *s)
{
    if (!s->in_batch)
        return sl_error(s->ctx, SL_EINVAL, "store: no batch to commit");
    int rc = run_simple(s, ST_COMMIT);
    if (rc) {
        /* a failed commit (e.g. a deferred foreign key) leaves nothing */
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    s->in_batch = 0;
    return rc;
}

int sl_store_rollback(sl_store *s)
{
    if (!s->in_batch)
        return SL_OK;
    s->in_batch = 0;
    int rc = sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc == SQLITE_OK ? SL_OK : store_fail(s, store_code(rc), "cannot roll back");
}

int sl_store_meta_get(sl_store *s, const char *key, char *value, size_t cap)
{
    sqlite3_stmt *st = store_stmt_get(s, ST_META_GET);
    if (!st)
        return sl_errcode(s->ctx);
    store_bind_cstr(st, 1, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        sl_str v = store_column_str(st, 0);
        size_t n = cap && v.len >= cap ? cap - 1 : v.len;
        if (cap) {
            memcpy(value, v.ptr, n);
            value[n] = '\0';
        }
        sqlite3_reset(st);
        return 1;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, store_code(rc), "cannot read meta");
}

int sl_store_meta_set(sl_store *s, const char *key, const char *value)
{
    sqlite3_stmt *st = store_stmt_get(s, ST_META_SET);
    if (!st)
        return sl_errcode(s->ctx);
    store_bind_cstr(st, 1, key);
    store_bind_cstr(st, 2, value);
    return store_step_done(s, st);
}

void sl_store_hash(const sl_doc *doc, uint8_t out[16])
{
    /* each field hashed alone, then the five hashes together, so moving
     * bytes from one field to the next changes the result */
    const sl_str fields[5] = { doc->source, doc->url, doc->title, doc->published, doc->text };
    XXH128_canonical_t parts[5];
    for (int i = 0; i < 5; i++)
        XXH128_canonicalFromHash(&parts[i], XXH3_128bits(fields[i].len ? fields[i].ptr : "",
                                                          fields[i].len));
    XXH128_canonical_t all;
    XXH128_canonicalFromHash(&all, XXH3_128bits(parts, sizeof parts));
    memcpy(out, all.digest, 16);
}

int sl_store_has_hash(sl_store *s, const uint8_t hash[16])
{
    sqlite3_stmt *st = store_stmt_get(s, ST_HAS_HASH);
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_blob(st, 1, hash, 16, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : store_fail(s, store_code(rc), "cannot read documents");
}

static int single_count(sl_store *s, store_stmt which, uint64_t *n)
{
    sqlite3_stmt *st = store_stmt_get(s, which);
    if (!st)
        return sl_errcode(s->ctx);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = (uint64_t)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? SL_OK : store_fail(s, store_code(rc), "cannot count");
}

int sl_store_doc_count(sl_store *s, uint64_t *n)
{
    return single_count(s, ST_DOC_COUNT, n);
}

int sl_store_count(sl_store *s, const char *table, uint64_t *n)
{
    for (int i = 0; table && i < 9; i++)
        if (strcmp(table, store_count_tables[i]) == 0)
            return single_count(s, (store_stmt)(ST_COUNT_FIRST + i), n);
    return sl_error(s->ctx, SL_EINVAL, "store: nothing called '%s' to count", table ? table : "");
}

static void utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int sl_store_run_begin(sl_store *s, const char *inputs, const char *version, uint64_t *run)
{
    char now[32];
    utc_now(now);
    sqlite3_stmt *st = store_stmt_get(s, ST_RUN_BEGIN);
    if (!st)
        return sl_errcode(s->ctx);
    store_bind_cstr(st, 1, now);
    store_bind_cstr(st, 2, inputs);
    store_bind_cstr(st, 3, version);
    int rc = store_step_done(s, st);
    if (!rc)
        *run = (uint64_t)sqlite3_last_insert_rowid(s->db);
    return rc;
}

int sl_store_run_progress(sl_store *s, uint64_t run, uint64_t added, uint64_t skipped,
                          uint64_t rejected, int finished)
{
    char now[32];
    utc_now(now);
    sqlite3_stmt *st = store_stmt_get(s, ST_RUN_PROGRESS);
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)run);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)added);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)skipped);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)rejected);
    if (finished)
        store_bind_cstr(st, 5, now);
    return store_step_done(s, st);
}
