/* Internals of the store (src/store): the handle, its prepared statements
 * and the schema.  docs/store.md describes the tables. */
#ifndef SL_STORE_H
#define SL_STORE_H

#include "core/core.h"

#include <sqlite3.h>

/* Prepared statements, made on first use and kept for the handle's life. */
typedef enum store_stmt {
    ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
    ST_META_GET, ST_META_SET,
    ST_HAS_HASH, ST_DOC_COUNT,
    ST_ADD_DOC, ST_ADD_FTS, ST_ADD_REPAIR, ST_ADD_REMOVAL,
    ST_ADD_ENTITY, ST_ADD_QUOTE, ST_ADD_TIMEX, ST_ADD_PUBLISHED,
    ST_PUT_DUP, ST_PUT_EVENT, ST_PUT_STORY,
    ST_RUN_BEGIN, ST_RUN_PROGRESS,
    ST_SCAN, ST_SEARCH, ST_SEARCH_FILTERED,
    ST_OUTLET_PUT, ST_OUTLET_RENAME,
    ST_COUNT_FIRST, /* one per countable table, in store_count_tables order */
    ST_N = ST_COUNT_FIRST + 9
} store_stmt;

struct sl_store {
    sl_ctx *ctx;
    sqlite3 *db;
    char *path;
    sqlite3_stmt *stmt[ST_N];
    int schema_version;
    int in_batch;
    sl_buf pack;             /* sl_store_pack_doc output */
    sl_buf scratch;          /* JSON of labels, maps and evidence */
    sl_out *out;             /* builds that JSON */
    sl_repair *repairs;      /* sl_store_unpack_doc arrays */
    size_t cap_repairs;
    sl_removal *removed;
    size_t cap_removed;
    sl_map_seg *map;
    size_t cap_map;
};

/* The statement `which`, prepared on first use and reset for new bindings;
 * NULL (error set) when SQLite refuses it. */
sqlite3_stmt *store_stmt_get(sl_store *s, store_stmt which);
/* Run a statement to its end; 0 or the error (set on the context). */
int store_step_done(sl_store *s, sqlite3_stmt *st);
/* Record the connection's last error as `code` with a short context. */
int store_fail(sl_store *s, int code, const char *what);
/* Map a SQLite result code to SL_E* (SL_ENOMEM for SQLITE_NOMEM, ...). */
int store_code(int sqlite_rc);

/* Bind helpers: an empty sl_str binds NULL when null_if_empty. */
int store_bind_str(sqlite3_stmt *st, int i, sl_str v, int null_if_empty);
int store_bind_cstr(sqlite3_stmt *st, int i, const char *v);
sl_str store_column_str(sqlite3_stmt *st, int i);

/* The schema version this code writes and reads (docs/store.md). */
#define STORE_SCHEMA_VERSION SL_STORE_SCHEMA_VERSION

/* The outlet of a document: its source, else the folder of its id
 * ("valley-courier/levee-gives-way" was read from a directory per
 * outlet); empty when neither says.  The one rule: the store applies it
 * when a document is stored (and to older stores when migrating them);
 * everything else reads documents.source. */
sl_str store_outlet_of(sl_str source, sl_str id);
/* SQL functions of the connection (schema.c): sl_outlet_folder(id), the
 * folder store_outlet_of gives for a document without a source, NULL when
 * none; sl_outlet_slug(name), the name lowercased (ASCII) with dashes for
 * spaces, how a folder spells an outlet ("northgate-times"). */
int store_outlet_functions(sl_store *s);

/* Create the schema of a new file, or check and migrate an existing one. */
int store_schema_init(sl_store *s, int read_only);
/* Execute SQL text with no parameters (schema statements). */
int store_exec(sl_store *s, const char *sql);

extern const char *const store_count_tables[9];


/* ---- read-only queries of the timeline and compare (query_timeline.c) ----
 * Each query is prepared for the call (these run once per request, not per
 * document); rows come in a fixed order so results are deterministic. */
typedef struct store_tl_cluster {
    uint64_t num, story;      /* founding document; an event's story */
    sl_str id, title, label, first, last;
    uint64_t size, title_doc;
} store_tl_cluster;

typedef struct store_tl_doc {
    uint64_t doc, event, story;
    sl_str id, source, url, title, date, earliest, latest, text;
    sl_str relation;          /* dups.relation; empty when none */
    uint64_t cluster;         /* dups.cluster; the document itself when none */
} store_tl_doc;

/* One row of entities (type, canonical, role), quotes (kind, speaker; span
 * is the content) or timex (type, value). */
typedef struct store_tl_fact {
    uint64_t doc;
    int64_t start, end;
    sl_str type, value, role;
    int64_t speaker_start, speaker_end; /* quotes; -1 when absent */
} store_tl_fact;

enum { STORE_TL_ENTITIES, STORE_TL_QUOTES, STORE_TL_TIMEX };
enum { STORE_TL_NONE = 0, STORE_TL_STORY = 1, STORE_TL_EVENT = 2 };

typedef int (*store_tl_cluster_fn)(void *ud, const store_tl_cluster *c);
typedef int (*store_tl_doc_fn)(void *ud, const store_tl_doc *d);
typedef int (*store_tl_fact_fn)(void *ud, const store_tl_fact *f);

/* What `key` names: a story id or number, else an event id or number
 * ("event:KEY" asks for the event only).  *kind is STORE_TL_NONE when
 * nothing matches. */
int store_tl_find(sl_store *s, const char *key, int *kind, uint64_t *num);
/* A story (is_story) or event row, its strings copied; 0 when found,
 * SL_EINVAL when not. */
int store_tl_get(sl_store *s, int is_story, uint64_t num, store_tl_cluster *out);
/* Free the strings store_tl_get copied. */
void store_tl_cluster_release(sl_store *s, store_tl_cluster *c);
/* Every story, by first date (undated last) then number; or the events of
 * one story, in event order. */
int store_tl_stories(sl_store *s, store_tl_cluster_fn fn, void *ud);
int store_tl_events(sl_store *s, uint64_t story, store_tl_cluster_fn fn, void *ud);
/* The members of a story (is_story) or an event, in document order. */
int store_tl_docs(sl_store *s, int is_story, uint64_t num, store_tl_doc_fn fn, void *ud);
/* Entities, quotes or timex of those members, by document then offset. */
int store_tl_facts(sl_store *s, int which, int is_story, uint64_t num, store_tl_fact_fn fn,
                   void *ud);


/* ---- read-only queries of the HTTP API (query_serve.c, query_serve_doc.c) ----
 * Rows come as their columns (the order each function names): text and
 * blobs as bytes (ptr NULL for SQL NULL), numbers as int64 and double.
 * Each query is prepared for the call, parameters bound; lists are in a
 * fixed order with ties broken by id then number. */
enum { STORE_SV_COLS = 12 };
typedef struct store_sv_row {
    size_t n;
    sl_str s[STORE_SV_COLS];
    int64_t i[STORE_SV_COLS];
    double d[STORE_SV_COLS];
    int null[STORE_SV_COLS];
} store_sv_row;
typedef int (*store_sv_row_fn)(void *ud, const store_sv_row *row);
/* Shared by both files: prepare (NULL, error set, on failure); step a
 * prepared statement to its end, each row to fn (its non-zero return
 * stops), finalizing it; read one count. */
sqlite3_stmt *store_sv_prepare(sl_store *s, const char *sql);
int store_sv_run(sl_store *s, sqlite3_stmt *st, store_sv_row_fn fn, void *ud);
int store_sv_count(sl_store *s, sqlite3_stmt *st, uint64_t *total);

/* Stories (num, id, label, title, events, documents, first, last) by first
 * date (undated last), id, number; *total counts them all. */
int store_sv_stories(sl_store *s, uint64_t limit, uint64_t offset, store_sv_row_fn fn, void *ud,
                     uint64_t *total);
/* One story, same columns, by id (else number): 1 when found, 0 when not. */
int store_sv_story(sl_store *s, const char *key, store_sv_row_fn fn, void *ud);
/* Events (num, id, label, title, documents, first, last, story id, story
 * num) of one story (has_story) or all, by first date (undated last), id,
 * number. */
int store_sv_events(sl_store *s, int has_story, uint64_t story, uint64_t limit, uint64_t offset,
                    store_sv_row_fn fn, void *ud, uint64_t *total);

/* The number of the first document stored with this id: 1 when found. */
int store_sv_doc_find(sl_store *s, const char *id, uint64_t *doc);
/* Parts of a document, each row's columns:
 *   DOC: doc, id, title, source, url, date, text, raw_text, event id, story id
 *   REMOVALS: start, end, reason            (by start, end)
 *   REPAIRS: start, end, kind, replacement  (by start, end)
 *   ENTITIES: start, end, type, canonical, role
 *   QUOTES: content_start, content_end, speaker, speaker_start, speaker_end,
 *           source_start, source_end, cue_start, cue_end, kind
 *   PUBLISHED: value, earliest, latest, given, contradicted, evidence
 *   DUP: relation, of id, similarity, cluster id */
enum { STORE_SV_DOC, STORE_SV_REMOVALS, STORE_SV_REPAIRS, STORE_SV_ENTITIES, STORE_SV_QUOTES,
       STORE_SV_PUBLISHED, STORE_SV_DUP, STORE_SV_PARTS };
int store_sv_doc_part(sl_store *s, int part, uint64_t doc, store_sv_row_fn fn, void *ud);
/* Every entity by canonical name and type (canonical, type, documents),
 * most documents first, then name, type: one pass over the table, which
 * the server keeps (src/serve/entities.c). */
int store_sv_entities(sl_store *s, store_sv_row_fn fn, void *ud);
/* A number that changes when documents are added: one past the last. */
int store_sv_doc_stamp(sl_store *s, uint64_t *stamp);

#endif
