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
    ST_SCAN, ST_SEARCH,
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

/* Create the schema of a new file, or check and migrate an existing one. */
int store_schema_init(sl_store *s, int read_only);
/* Execute SQL text with no parameters (schema statements). */
int store_exec(sl_store *s, const char *sql);

extern const char *const store_count_tables[9];

#endif
