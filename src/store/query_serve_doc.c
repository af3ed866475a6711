/* Read-only queries of the HTTP API (src/serve): one document with all its
 * parts, and the entity index.  Parameters are bound, never spliced. */
#include "store/store.h"

#include <string.h>

int store_sv_doc_find(sl_store *s, const char *id, uint64_t *doc)
{
    sqlite3_stmt *st = store_sv_prepare(s, "SELECT doc FROM documents WHERE id = ?1 "
                                           "ORDER BY doc LIMIT 1");
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int found = rc == SQLITE_ROW;
    if (found)
        *doc = (uint64_t)sqlite3_column_int64(st, 0);
    int code = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? SL_OK
                                                      : store_fail(s, store_code(rc), "cannot read");
    sqlite3_finalize(st);
    return code ? code : found;
}

static const char *const part_sql[STORE_SV_PARTS] = {
    [STORE_SV_DOC] =
        "SELECT d.doc, d.id, d.title, d.source, d.url, d.date, d.text, d.raw_text, ev.id, st.id"
        " FROM documents d LEFT JOIN events ev ON ev.event = d.event"
        " LEFT JOIN stories st ON st.story = d.story WHERE d.doc = ?1",
    [STORE_SV_REMOVALS] =
        "SELECT start, \"end\", reason FROM removals WHERE doc = ?1"
        " ORDER BY start, \"end\", rowid",
    [STORE_SV_REPAIRS] =
        "SELECT start, \"end\", kind, replacement FROM repairs WHERE doc = ?1"
        " ORDER BY start, \"end\", rowid",
    [STORE_SV_ENTITIES] =
        "SELECT start, \"end\", type, canonical, role FROM entities WHERE doc = ?1"
        " ORDER BY start, \"end\", rowid",
    [STORE_SV_QUOTES] =
        "SELECT content_start, content_end, speaker, speaker_start, speaker_end, source_start,"
        " source_end, cue_start, cue_end, kind FROM quotes WHERE doc = ?1"
        " ORDER BY content_start, content_end, rowid",
    [STORE_SV_PUBLISHED] =
        "SELECT value, earliest, latest, given, contradicted, evidence FROM published"
        " WHERE doc = ?1",
    [STORE_SV_DUP] =
        "SELECT x.relation, o.id, x.similarity, c.id FROM dups x"
        " LEFT JOIN documents o ON o.doc = x.of LEFT JOIN documents c ON c.doc = x.cluster"
        " WHERE x.doc = ?1",
};

int store_sv_doc_part(sl_store *s, int part, uint64_t doc, store_sv_row_fn fn, void *ud)
{
    if (part < 0 || part >= STORE_SV_PARTS)
        return sl_error(s->ctx, SL_EINVAL, "no such document part %d", part);
    sqlite3_stmt *st = store_sv_prepare(s, part_sql[part]);
    if (!st)
        return sl_errcode(s->ctx);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)doc);
    return store_sv_run(s, st, fn, ud);
}

/* A sequential scan (NOT INDEXED): through the canonical index every row
 * would cost a lookup of its type, several times slower on a large store. */
int store_sv_entities(sl_store *s, store_sv_row_fn fn, void *ud)
{
    sqlite3_stmt *st = store_sv_prepare(
        s, "SELECT canonical, type, count(*) AS n FROM"
           " (SELECT DISTINCT doc, canonical, type FROM entities NOT INDEXED)"
           " GROUP BY canonical, type ORDER BY n DESC, canonical, type");
    if (!st)
        return sl_errcode(s->ctx);
    return store_sv_run(s, st, fn, ud);
}

int store_sv_doc_stamp(sl_store *s, uint64_t *stamp)
{
    sqlite3_stmt *st = store_sv_prepare(s, "SELECT coalesce(max(doc) + 1, 0) FROM documents");
    if (!st)
        return sl_errcode(s->ctx);
    return store_sv_count(s, st, stamp);
}
