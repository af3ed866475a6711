/* The schema of the store: created on a new file, checked and migrated on
 * an existing one.  docs/store.md documents every table; change both
 * together, and add a migration step when the version goes up. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Version 1.  Offsets are bytes: of repairs and removals into
 * documents.raw_text, of facts into documents.text. */
static const char schema_v1[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE runs (\n"
    "  run INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT,\n"
    "  inputs TEXT NOT NULL, version TEXT NOT NULL,\n"
    "  added INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,\n"
    "  rejected INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE documents (\n"
    "  doc INTEGER PRIMARY KEY, id TEXT NOT NULL, source TEXT, url TEXT,\n"
    "  title TEXT, title_given TEXT, byline TEXT, published TEXT, date TEXT,\n"
    "  story_date TEXT, raw_text BLOB NOT NULL, text TEXT NOT NULL,\n"
    "  cleaned INTEGER NOT NULL, clean_map TEXT, hash BLOB NOT NULL UNIQUE,\n"
    "  origin TEXT, line INTEGER, run INTEGER REFERENCES runs(run),\n"
    "  event INTEGER REFERENCES events(event) DEFERRABLE INITIALLY DEFERRED,\n"
    "  story INTEGER REFERENCES stories(story) DEFERRABLE INITIALLY DEFERRED,\n"
    "  score REAL);\n"
    "CREATE INDEX documents_id ON documents(id);\n"
    "CREATE INDEX documents_source ON documents(source, date);\n"
    "CREATE INDEX documents_date ON documents(date);\n"
    "CREATE INDEX documents_event ON documents(event);\n"
    "CREATE INDEX documents_story ON documents(story);\n"
    "CREATE TABLE repairs (\n"
    "  doc INTEGER NOT NULL REFERENCES documents(doc), start INTEGER NOT NULL,\n"
    "  \"end\" INTEGER NOT NULL, kind TEXT NOT NULL, replacement TEXT NOT NULL);\n"
    "CREATE INDEX repairs_doc ON repairs(doc);\n"
    "CREATE TABLE removals (\n"
    "  doc INTEGER NOT NULL REFERENCES documents(doc), start INTEGER NOT NULL,\n"
    "  \"end\" INTEGER NOT NULL, reason TEXT NOT NULL);\n"
    "CREATE INDEX removals_doc ON removals(doc);\n"
    "CREATE TABLE dups (\n"
    "  doc INTEGER PRIMARY KEY REFERENCES documents(doc), relation TEXT NOT NULL,\n"
    "  of INTEGER REFERENCES documents(doc), similarity REAL NOT NULL,\n"
    "  cluster INTEGER NOT NULL REFERENCES documents(doc));\n"
    "CREATE INDEX dups_cluster ON dups(cluster);\n"
    "CREATE INDEX dups_of ON dups(of);\n"
    "CREATE TABLE events (\n"
    "  event INTEGER PRIMARY KEY REFERENCES documents(doc), id TEXT NOT NULL,\n"
    "  story INTEGER NOT NULL REFERENCES stories(story) DEFERRABLE INITIALLY DEFERRED,\n"
    "  label TEXT NOT NULL, title TEXT, title_doc INTEGER REFERENCES documents(doc),\n"
    "  first TEXT, last TEXT, size INTEGER NOT NULL);\n"
    "CREATE INDEX events_story ON events(story);\n"
    "CREATE TABLE stories (\n"
    "  story INTEGER PRIMARY KEY REFERENCES documents(doc), id TEXT NOT NULL,\n"
    "  label TEXT NOT NULL, title TEXT, title_doc INTEGER REFERENCES documents(doc),\n"
    "  first TEXT, last TEXT, size INTEGER NOT NULL);\n"
    "CREATE TABLE entities (\n"
    "  doc INTEGER NOT NULL REFERENCES documents(doc), start INTEGER NOT NULL,\n"
    "  \"end\" INTEGER NOT NULL, type TEXT NOT NULL, canonical TEXT NOT NULL,\n"
    "  role TEXT);\n"
    "CREATE INDEX entities_doc ON entities(doc);\n"
    "CREATE INDEX entities_canonical ON entities(canonical, doc);\n"
    "CREATE TABLE quotes (\n"
    "  doc INTEGER NOT NULL REFERENCES documents(doc),\n"
    "  content_start INTEGER NOT NULL, content_end INTEGER NOT NULL, speaker TEXT,\n"
    "  speaker_start INTEGER, speaker_end INTEGER, source_start INTEGER,\n"
    "  source_end INTEGER, cue_start INTEGER, cue_end INTEGER, kind TEXT NOT NULL);\n"
    "CREATE INDEX quotes_doc ON quotes(doc);\n"

    "CREATE TABLE timex (\n"
    "  doc INTEGER NOT NULL REFERENCES documents(doc), start INTEGER NOT NULL,\n"
    "  \"end\" INTEGER NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL);\n"
    "CREATE INDEX timex_doc ON timex(doc);\n"
    "CREATE TABLE published (\n"
    "  doc INTEGER PRIMARY KEY REFERENCES documents(doc), value TEXT, earliest TEXT,\n"
    "  latest TEXT, given INTEGER NOT NULL, contradicted INTEGER NOT NULL,\n"
    "  evidence TEXT NOT NULL);\n"
    "CREATE VIRTUAL TABLE search USING fts5(title, text, content='documents',\n"
    "  content_rowid='doc', tokenize='unicode61 remove_diacritics 2');\n";

/* Version 2: documents.source is the outlet (docs/store.md).  A document
 * stored without a source gets the folder of its id (store_outlet_of),
 * named as the first source stored that spells it: the outlets table keeps
 * those names by slug.  source_derived tells the derived ones (1), so a
 * later run feeds the stages the input's source as before.  An older store
 * is brought there with the rule the new documents follow. */
static const char schema_v2[] =
    "ALTER TABLE documents ADD COLUMN source_derived INTEGER NOT NULL DEFAULT 0;\n"
    "CREATE TABLE outlets (slug TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;\n"
    "INSERT INTO outlets(slug, name) SELECT sl_outlet_slug(source), source FROM documents\n"
    "  WHERE source IS NOT NULL ORDER BY doc ON CONFLICT(slug) DO NOTHING;\n"
    "UPDATE documents SET source_derived = 1, source = coalesce(\n"
    "  (SELECT name FROM outlets WHERE slug = sl_outlet_slug(sl_outlet_folder(id))),\n"
    "  sl_outlet_folder(id))\n"
    "  WHERE source IS NULL AND sl_outlet_folder(id) IS NOT NULL;\n";

/* migrations[v] takes a store from version v to v + 1; a new file is made
 * at version 1 and taken up the same steps.  Each runs in the transaction
 * that records the new version, so a store is at one version or the next,
 * never between. */
static const char *const migrations[STORE_SCHEMA_VERSION] = { NULL, schema_v2 };

/* ------------------------------------------------------- SQL functions */

static void folder_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *id = (const char *)sqlite3_value_text(argv[0]);
    sl_str id_str = { id, id ? (size_t)sqlite3_value_bytes(argv[0]) : 0 };
    sl_str folder = store_outlet_of((sl_str){ NULL, 0 }, id_str);
    if (folder.len)
        sqlite3_result_text64(cx, folder.ptr, folder.len, SQLITE_TRANSIENT, SQLITE_UTF8);
    else
        sqlite3_result_null(cx);
}

static void slug_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sl_store *s = sqlite3_user_data(cx);
    const char *name = (const char *)sqlite3_value_text(argv[0]);
    if (!name) {
        sqlite3_result_null(cx);
        return;
    }
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    char *slug = sl_malloc(s->ctx, n + 1);
    if (!slug) {
        sqlite3_result_error_nomem(cx);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        slug[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c == ' ' ? '-' : c;
    }
    sqlite3_result_text64(cx, slug, n, SQLITE_TRANSIENT, SQLITE_UTF8);
    sl_free(s->ctx, slug);
}

int store_outlet_functions(sl_store *s)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function_v2(s->db, "sl_outlet_folder", 1, flags, s, folder_fn, NULL,
                                        NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(s->db, "sl_outlet_slug", 1, flags, s, slug_fn, NULL, NULL,
                                        NULL);
    return rc == SQLITE_OK ? SL_OK : store_fail(s, store_code(rc), "cannot add SQL functions");
}

int store_exec(sl_store *s, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        return SL_OK;
    int code = store_code(rc);
    if (code == SL_ENOMEM)
        sl_oom(s->ctx);
    else
        sl_error(s->ctx, code, "store %s: %s", s->path, msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return code;
}

/* 1 when the file already holds tables, 0 when it is empty (new). */
static int has_tables(sl_store *s, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0) > 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_NOTADB)
        return sl_error(s->ctx, SL_EIO, "'%s' is not a storyline store (not a SQLite database)",
                        s->path);
    return rc == SQLITE_OK ? SL_OK : store_fail(s, store_code(rc), "cannot read");
}

static int read_version(sl_store *s, int *version)
{
    char buf[32];
    int rc = sl_store_meta_get(s, "schema_version", buf, sizeof buf);
    if (rc < 0) {
        if (sl_errcode(s->ctx) == SL_ENOMEM)
            return rc;
        return sl_error(s->ctx, SL_EIO, "'%s' is not a storyline store (no meta table)", s->path);
    }
    char *end;
    long v = rc ? strtol(buf, &end, 10) : 0;
    if (!rc || end == buf || *end || v < 1)
        return sl_error(s->ctx, SL_EIO, "'%s' is not a storyline store (no schema version)",
                        s->path);
    *version = (int)v;
    return SL_OK;
}

static int set_version(sl_store *s, int version)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", version);
    return sl_store_meta_set(s, "schema_version", buf);
}

static int create(sl_store *s)
{
    int rc = store_exec(s, "BEGIN IMMEDIATE");
    if (rc)
        return rc;
    rc = store_exec(s, schema_v1);
    for (int v = 1; !rc && v < STORE_SCHEMA_VERSION; v++)
        rc = store_exec(s, migrations[v]);
    if (!rc) rc = set_version(s, STORE_SCHEMA_VERSION);
    if (!rc) rc = sl_store_meta_set(s, "created_by", "storyline " SL_VERSION_STRING);
    if (!rc) rc = store_exec(s, "COMMIT");
    if (rc)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->schema_version = rc ? 0 : STORE_SCHEMA_VERSION;
    return rc;
}

static int migrate(sl_store *s, int from)
{
    for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
        int rc = store_exec(s, "BEGIN IMMEDIATE");
        if (!rc) rc = migrations[v] ? store_exec(s, migrations[v]) : SL_OK;
        if (!rc) rc = set_version(s, v + 1);
        if (!rc) rc = store_exec(s, "COMMIT");
        if (rc) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
        s->schema_version = v + 1;
    }
    return SL_OK;
}

int store_schema_init(sl_store *s, int read_only)
{
    int exists = 0;
    int rc = store_outlet_functions(s);
    if (!rc) rc = has_tables(s, &exists);
    if (rc)
        return rc;
    if (!exists) {
        if (read_only)
            return sl_error(s->ctx, SL_EIO, "'%s' is not a storyline store (empty)", s->path);
        return create(s);
    }
    int version = 0;
    rc = read_version(s, &version);
    if (rc)
        return rc;
    s->schema_version = version;
    if (version > STORE_SCHEMA_VERSION)
        return sl_error(s->ctx, SL_EINVAL,
                        "store '%s' has schema version %d, newer than this storyline reads (%d): "
                        "use a newer storyline", s->path, version, STORE_SCHEMA_VERSION);
    if (version < STORE_SCHEMA_VERSION) {
        if (read_only)
            return sl_error(s->ctx, SL_EINVAL,
                            "store '%s' has schema version %d; run 'storyline run --db' on it "
                            "once to migrate it to version %d", s->path, version,
                            STORE_SCHEMA_VERSION);
        return migrate(s, version);
    }
    return SL_OK;
}
