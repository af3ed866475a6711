/* The store: a new file gets the schema, a newer schema or a file that is
 * not a store is refused, what goes in comes out (documents, clean
 * records, facts, relations, clusters, search), a batch that fails leaves
 * nothing behind, and allocation failures are survivable.  The texts are
 * made up for these tests. */
#include "test_util.h"
#include "store/store.h"

#include <unistd.h>

static const char text_a[] =
    "The Dunmore city council approved a new tram line on Wednesday, linking the railway station "
    "with the university campus. \"Construction will begin next year,\" said Ida Brenn.";
static const char text_b[] =
    "A strong earthquake struck Veltro Bay early on Tuesday, damaging the old harbour wall of "
    "Casselmoor.";

typedef struct fixture {
    char dir[64];
    char path[96];
    sl_ctx *ctx;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/sl-store-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/s.db", f->dir);
    f->ctx = test_ctx();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char buf[160];
    const char *suffix[] = { "", "-wal", "-shm" };
    for (int i = 0; i < 3; i++) {
        snprintf(buf, sizeof buf, "%s%s", f->path, suffix[i]);
        unlink(buf);
    }
    snprintf(buf, sizeof buf, "%s/not-a-db", f->dir);
    unlink(buf);
    rmdir(f->dir);
    sl_ctx_free(f->ctx);
    free(f);
    return 0;
}

/* A document with one repair, one removal and a two-segment map. */
static void make_doc(sl_store_doc *d, const char *id, const char *text, const char *source,
                     const char *date)
{
    static const sl_repair rep = { 4, 6, { "'", 1 }, "mojibake:cp1252" };
    static const sl_removal rem = { 0, 4, "navigation" };
    static const sl_map_seg map[2] = { { 0, 0, 0, 4 }, { 0, 10, 4, 10 } };
    memset(d, 0, sizeof *d);
    d->id = (sl_str){ id, strlen(id) };
    d->source = (sl_str){ source, strlen(source) };
    d->raw_text = (sl_str){ text, strlen(text) };
    d->text = d->raw_text;
    d->title = (sl_str){ "Tram line approved", 18 };
    d->date = (sl_str){ date, strlen(date) };
    d->origin = (sl_str){ "test.jsonl", 10 };
    d->cleaned = 1;
    sl_doc in = { .text = d->raw_text, .source = d->source };
    sl_store_hash(&in, d->hash);
    d->repairs = &rep, d->n_repairs = 1;
    d->removed = &rem, d->n_removed = 1;
    d->map = map, d->n_map = 2;
}

static sl_store *open_store(fixture *f)
{
    sl_store *s = NULL;
    assert_int_equal(sl_store_open(f->ctx, &s, f->path, SL_STORE_CREATE), SL_OK);
    return s;
}

/* Add document `doc` as its own event and story, with a unique relation. */
static void add_doc(sl_store *s, uint64_t doc, const sl_store_doc *d)
{
    sl_store_doc with = *d;
    with.event = with.story = doc;
    assert_int_equal(sl_store_add_doc(s, doc, &with), SL_OK);
    sl_dup dup = { SL_DUP_UNIQUE, UINT64_MAX, 0.0, doc };
    assert_int_equal(sl_store_put_dup(s, doc, &dup), 1);
    const char *label[2] = { "tram", "Dunmore" };
    sl_store_cluster ev = { 0, doc, doc, label, 2, d->title, doc, 20000, 20001, 1 };
    sl_store_cluster st = ev;
    st.is_story = 1;
    assert_int_equal(sl_store_put_cluster(s, &st), SL_OK);
    assert_int_equal(sl_store_put_cluster(s, &ev), SL_OK);
}

static uint64_t count(sl_store *s, const char *table)
{
    uint64_t n = 99;
    assert_int_equal(sl_store_count(s, table, &n), SL_OK);
    return n;
}

static void create_and_version(void **state)
{
    fixture *f = *state;
    sl_store *s = open_store(f);
    assert_int_equal(sl_store_schema_version(s), STORE_SCHEMA_VERSION);
    char v[16];
    assert_int_equal(sl_store_meta_get(s, "schema_version", v, sizeof v), 1);
    assert_string_equal(v, "2");
    assert_int_equal(sl_store_meta_get(s, "no-such-key", v, sizeof v), 0);
    assert_int_equal(count(s, "documents"), 0);
    assert_int_equal(sl_store_count(s, "sqlite_master; DROP TABLE x", &(uint64_t){ 0 }),
                     SL_EINVAL);
    sl_store_close(s);
    /* reopened read-only: the same store */
    assert_int_equal(sl_store_open(f->ctx, &s, f->path, SL_STORE_READONLY), SL_OK);
    assert_int_equal(sl_store_schema_version(s), STORE_SCHEMA_VERSION);
    sl_store_close(s);
}

static void newer_schema_refused(void **state)
{
    fixture *f = *state;
    sl_store *s = open_store(f);
    assert_int_equal(sl_store_begin(s), SL_OK);
    assert_int_equal(sl_store_meta_set(s, "schema_version", "7"), SL_OK);
    assert_int_equal(sl_store_commit(s), SL_OK);
    sl_store_close(s);
    s = NULL;
    assert_int_equal(sl_store_open(f->ctx, &s, f->path, SL_STORE_CREATE), SL_EINVAL);
    assert_null(s);
    assert_non_null(strstr(sl_errmsg(f->ctx), "schema version 7, newer than"));
}

static void bad_files_refused(void **state)
{
    fixture *f = *state;
    sl_store *s = NULL;
    char path[160];
    snprintf(path, sizeof path, "%s/not-a-db", f->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("{\"id\": \"a\", \"text\": \"this is JSON, not a database, and long enough\"}\n", fp);
    fclose(fp);
    assert_int_equal(sl_store_open(f->ctx, &s, path, SL_STORE_CREATE), SL_EIO);
    assert_non_null(strstr(sl_errmsg(f->ctx), "not a storyline store"));
    assert_int_equal(sl_store_open(f->ctx, &s, "/nonexistent-dir/x.db", SL_STORE_CREATE), SL_EIO);
    assert_non_null(strstr(sl_errmsg(f->ctx), "cannot open store"));
    /* not created when only reading */
    assert_int_equal(sl_store_open(f->ctx, &s, f->path, SL_STORE_READONLY), SL_EIO);
    assert_null(s);
}

static int collect_hit(void *ud, const sl_store_hit *h)
{
    char *ids = ud;
    strncat(ids, h->id.ptr, h->id.len);
    strcat(ids, " ");
    return 0;
}

static const char *search_ids(sl_store *s, sl_store_query *q, char *buf)
{
    buf[0] = '\0';
    assert_int_equal(sl_store_search(s, q, collect_hit, buf), SL_OK);
    return buf;
}

static int check_scanned(void *ud, uint64_t doc, const sl_store_doc *d)
{
    int *seen = ud;
    assert_int_equal(doc, (uint64_t)*seen);
    assert_int_equal(d->event, doc);
    assert_true(d->cleaned);
    (*seen)++;
    return 0;
}

static void round_trip(void **state)
{
    fixture *f = *state;
    sl_store *s = open_store(f);
    sl_store_doc a, b, back;
    make_doc(&a, "tram", text_a, "Dunmore Daily", "2024-10-02");
    make_doc(&b, "quake", text_b, "Bay News", "2024-11-20");
    b.title = (sl_str){ "Harbour wall damaged", 20 };
    /* packed and unpacked: the same document */
    const char *packed;
    size_t len;
    assert_int_equal(sl_store_pack_doc(s, &a, &packed, &len), SL_OK);
    char *copy = malloc(len);
    memcpy(copy, packed, len);
    assert_int_equal(sl_store_unpack_doc(s, copy, len, &back), SL_OK);
    assert_memory_equal(back.text.ptr, text_a, strlen(text_a));
    assert_int_equal(back.n_repairs, 1);
    assert_string_equal(back.repairs[0].kind, "mojibake:cp1252");
    assert_string_equal(back.removed[0].reason, "navigation");
    assert_int_equal(back.map[1].raw, 4);
    assert_memory_equal(back.hash, a.hash, 16);
    assert_int_equal(sl_store_unpack_doc(s, copy, len - 1, &back), SL_EINVAL);

    assert_int_equal(sl_store_begin(s), SL_OK);
    assert_int_equal(sl_store_run_begin(s, "test.jsonl", "0", &(uint64_t){ 0 }), SL_OK);
    assert_int_equal(sl_store_unpack_doc(s, copy, len, &back), SL_OK);
    add_doc(s, 0, &back);
    add_doc(s, 1, &b);
    assert_int_equal(sl_store_commit(s), SL_OK);
    free(copy);

    uint64_t n = 0;
    assert_int_equal(sl_store_doc_count(s, &n), SL_OK);
    assert_int_equal(n, 2);
    assert_int_equal(count(s, "repairs"), 2);
    assert_int_equal(count(s, "removals"), 2);
    assert_int_equal(count(s, "events"), 2);
    assert_int_equal(count(s, "stories"), 2);
    assert_int_equal(sl_store_has_hash(s, a.hash), 1);
    uint8_t other[16] = { 1 };
    assert_int_equal(sl_store_has_hash(s, other), 0);

    /* the same relation again changes nothing; another one is written */
    assert_int_equal(sl_store_begin(s), SL_OK);
    sl_dup dup = { SL_DUP_UNIQUE, UINT64_MAX, 0.0, 1 };
    assert_int_equal(sl_store_put_dup(s, 1, &dup), 0);
    dup = (sl_dup){ SL_DUP_CONTAINED, 0, 0.91, 0 };
    assert_int_equal(sl_store_put_dup(s, 1, &dup), 1);
    assert_int_equal(sl_store_commit(s), SL_OK);

    int seen = 0;
    assert_int_equal(sl_store_scan(s, 0, check_scanned, &seen), SL_OK);
    assert_int_equal(seen, 2);

    char ids[256];
    sl_store_query q = SL_STORE_QUERY_INIT;
    q.match = "tram";
    assert_string_equal(search_ids(s, &q, ids), "tram ");
    q.match = "EARTHQUAKE veltro";     /* any case, every word */
    assert_string_equal(search_ids(s, &q, ids), "quake ");
    q.match = "earthquake tram";
    assert_string_equal(search_ids(s, &q, ids), "");
    q.match = "\"line\" OR";           /* operators are words unless fts_syntax */
    assert_string_equal(search_ids(s, &q, ids), "");
    q.match = "tram OR earthquake";
    q.fts_syntax = 1;
    search_ids(s, &q, ids);
    assert_true(strcmp(ids, "tram quake ") == 0 || strcmp(ids, "quake tram ") == 0);
    q.source = "Bay News";
    assert_string_equal(search_ids(s, &q, ids), "quake ");
    q.source = NULL;
    q.from = "2024-11-01";
    assert_string_equal(search_ids(s, &q, ids), "quake ");
    q.from = NULL;
    q.to = "2024-10-31";
    assert_string_equal(search_ids(s, &q, ids), "tram ");
    q.match = "tram AND (";
    assert_int_equal(sl_store_search(s, &q, collect_hit, ids), SL_EINVAL);
    sl_store_close(s);
}

static void facts_stored(void **state)
{
    fixture *f = *state;
    char model[512], rules[512];
    snprintf(model, sizeof model, "%s/data/models/ner-en.slm", SL_SOURCE_DIR);
    snprintf(rules, sizeof rules, "%s/data/time/en.rules", SL_SOURCE_DIR);
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    o.ner_model = model;
    o.time_rules = rules;
    sl_facts *facts = NULL;
    sl_facts_doc *fd = NULL;
    assert_int_equal(sl_facts_new(f->ctx, &facts, &o), SL_OK);
    assert_int_equal(sl_facts_doc_new(f->ctx, &fd), SL_OK);
    assert_int_equal(sl_facts_extract(facts, fd, text_a, strlen(text_a), NULL, 0, "2024-10-02", 10),
                     SL_OK);
    const sl_fact_entity *e;
    const sl_fact_quote *qs;
    size_t n_ent = sl_facts_entities(fd, &e), n_quotes = sl_facts_quotes(fd, &qs);
    sl_store *s = open_store(f);
    sl_store_doc a;
    make_doc(&a, "tram", text_a, "Dunmore Daily", "2024-10-02");
    assert_int_equal(sl_store_begin(s), SL_OK);
    add_doc(s, 0, &a);
    assert_int_equal(sl_store_add_facts(s, 0, fd, text_a, strlen(text_a)), SL_OK);
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_true(n_ent > 0);
    assert_int_equal(count(s, "entities"), n_ent);
    assert_int_equal(count(s, "quotes"), n_quotes);
    assert_int_equal(count(s, "timex"), sl_facts_timexes(fd, &(const sl_fact_timex *){ NULL }));
    /* the entity filter of search reads the canonical names stored */
    char ids[64];
    sl_store_query q = SL_STORE_QUERY_INIT;
    q.match = "tram";
    q.entity = e[0].canonical;
    assert_string_equal(search_ids(s, &q, ids), "tram ");
    q.entity = "Nobody At All";
    assert_string_equal(search_ids(s, &q, ids), "");
    sl_store_close(s);
    sl_facts_doc_free(fd);
    sl_facts_free(facts);
}

static void failed_batch_leaves_nothing(void **state)
{
    fixture *f = *state;
    sl_store *s = open_store(f);
    sl_store_doc a;
    make_doc(&a, "tram", text_a, "Dunmore Daily", "2024-10-02");
    assert_int_equal(sl_store_begin(s), SL_OK);
    add_doc(s, 0, &a);
    /* the same content again breaks the unique hash: the batch fails */
    sl_store_doc again = a;
    assert_int_equal(sl_store_add_doc(s, 1, &again), SL_EINVAL);
    assert_int_equal(sl_store_rollback(s), SL_OK);
    assert_int_equal(count(s, "documents"), 0);
    assert_int_equal(count(s, "repairs"), 0);
    assert_int_equal(count(s, "events"), 0);
    /* a batch never committed (the process ends) is not there either */
    assert_int_equal(sl_store_begin(s), SL_OK);
    add_doc(s, 0, &a);
    sl_store_close(s);
    s = open_store(f);
    assert_int_equal(count(s, "documents"), 0);
    assert_int_equal(count(s, "dups"), 0);
    sl_store_query q = SL_STORE_QUERY_INIT;
    char ids[64];
    q.match = "tram";
    assert_string_equal(search_ids(s, &q, ids), "");
    /* a dangling reference fails the commit, which then leaves nothing */
    assert_int_equal(sl_store_begin(s), SL_OK);
    sl_store_doc b = a;
    b.event = b.story = 42;
    assert_int_equal(sl_store_add_doc(s, 0, &b), SL_OK);
    assert_int_not_equal(sl_store_commit(s), SL_OK);
    assert_int_equal(count(s, "documents"), 0);
    sl_store_close(s);
}

/* ------------------------------------------------------------ outlets */

static const char *const folder_texts[4] = {
    "Flood waters rose over the Millbrook levee before dawn.",
    "The Northgate council met to discuss the flood inquiry.",
    "Rescue crews reached the last stranded families in Millbrook.",
    "A wire report on the levee, with no outlet and no folder.",
};

/* Four documents: two read from folders (one stored before the source
 * that names its folder), one with a source, one with neither. */
static void add_folder_docs(sl_store *s)
{
    static const char *const ids[4] = { "northgate-times/levee", "nt-council",
                                        "valley-courier/rescue", "wire-levee" };
    static const char *const sources[4] = { "", "Northgate Times", "", "" };
    assert_int_equal(sl_store_begin(s), SL_OK);
    for (uint64_t i = 0; i < 4; i++) {
        sl_store_doc d;
        make_doc(&d, ids[i], folder_texts[i], sources[i], "2025-04-03");
        add_doc(s, i, &d);
    }
    assert_int_equal(sl_store_commit(s), SL_OK);
}

static void doc_source(fixture *f, uint64_t doc, char *out, size_t cap, int *derived)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT source, source_derived FROM documents "
                                            "WHERE doc = ?1", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)doc);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *v = (const char *)sqlite3_column_text(st, 0);
    snprintf(out, cap, "%s", v ? v : "(null)");
    *derived = sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void expect_source(fixture *f, uint64_t doc, const char *source, int derived)
{
    char buf[64];
    int d = -1;
    doc_source(f, doc, buf, sizeof buf, &d);
    assert_string_equal(buf, source);
    assert_int_equal(d, derived);
}

static void expect_folder_outlets(fixture *f)
{
    expect_source(f, 0, "Northgate Times", 1);  /* named by a later document */
    expect_source(f, 1, "Northgate Times", 0);
    expect_source(f, 2, "valley-courier", 1);   /* no source spells it */
    expect_source(f, 3, "(null)", 0);
}

static int scanned_source(void *ud, uint64_t doc, const sl_store_doc *d)
{
    char *sources = ud;
    strncat(sources, d->source.ptr, d->source.len);
    strcat(sources, doc < 3 ? "|" : "");
    return 0;
}

static void outlets_from_folders(void **state)
{
    fixture *f = *state;
    sl_store *s = open_store(f);
    add_folder_docs(s);
    expect_folder_outlets(f);
    /* fed again, the stages see what the input gave, as the first time */
    char sources[128] = "";
    assert_int_equal(sl_store_scan(s, 0, scanned_source, sources), SL_OK);
    assert_string_equal(sources, "|Northgate Times||");
    /* search filters by the outlet */
    char ids[256];
    sl_store_query q = SL_STORE_QUERY_INIT;
    q.match = "flood OR levee OR millbrook";
    q.fts_syntax = 1;
    q.source = "Northgate Times";
    assert_string_equal(search_ids(s, &q, ids), "northgate-times/levee nt-council ");
    q.source = "valley-courier";
    assert_string_equal(search_ids(s, &q, ids), "valley-courier/rescue ");
    sl_store_close(s);
}

/* A version 1 store (documents from folders without a source, no outlets
 * table) is migrated on open for writing: the same outlets as new ones. */
static void migrated_from_v1(void **state)
{
    fixture *f = *state;
    sl_store *s = open_store(f);
    add_folder_docs(s);
    sl_store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE documents SET source = NULL WHERE source_derived;"
                                      "ALTER TABLE documents DROP COLUMN source_derived;"
                                      "DROP TABLE outlets;"
                                      "UPDATE meta SET value = '1' WHERE key = 'schema_version'",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    /* read-only: refused until a run migrates it */
    assert_int_equal(sl_store_open(f->ctx, &s, f->path, SL_STORE_READONLY), SL_EINVAL);
    assert_non_null(strstr(sl_errmsg(f->ctx), "schema version 1"));
    s = open_store(f);
    assert_int_equal(sl_store_schema_version(s), 2);
    sl_store_close(s);
    expect_folder_outlets(f);
}

/* ------------------------------------------------------------- ranking */

/* What search gave before it ranked only the page: every match ranked,
 * the filters applied, then the first `limit`. */
static void reference_ids(fixture *f, const sl_store_query *q, char *out)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
        "SELECT d.id FROM search JOIN documents d ON d.doc = search.rowid"
        " WHERE search MATCH ?1 AND (?2 IS NULL OR d.source = ?2)"
        " AND (?3 IS NULL OR d.date >= ?3) AND (?4 IS NULL OR d.date <= ?4)"
        " ORDER BY bm25(search, 5.0, 1.0), d.doc LIMIT ?5", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, q->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, q->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, q->to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)(q->limit ? q->limit : 20));
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW) {
        strcat(out, (const char *)sqlite3_column_text(st, 0));
        strcat(out, " ");
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* Sixty documents, many with equal texts (equal scores: ties go by
 * number), over three outlets and a few dates: search gives exactly the
 * rows and order of ranking every match, at every limit and filter. */
static void ranks_like_every_match(void **state)
{
    fixture *f = *state;
    sl_store *s = open_store(f);
    static const char *const outlets[3] = { "Harbor Wire", "Valley Courier", "" };
    static const char *const dates[3] = { "2025-01-05", "2025-02-10", "" };
    char texts[60][160], ids[60][16];
    assert_int_equal(sl_store_begin(s), SL_OK);
    for (uint64_t i = 0; i < 60; i++) {
        snprintf(ids[i], sizeof ids[i], "%sd%02u", i % 3 == 2 ? "folder/" : "", (unsigned)i);
        /* five texts, each once per document number mod 5; the number
         * at the end keeps the hashes apart without a second matching word */
        snprintf(texts[i], sizeof texts[i], "%s council %s harbour %u",
                 i % 5 == 0 ? "the council met" : "news", i % 5 < 2 ? "levee" : "tram",
                 (unsigned)i);
        sl_store_doc d;
        make_doc(&d, ids[i], texts[i], outlets[i % 3], dates[i / 20]);
        add_doc(s, i, &d);
    }
    assert_int_equal(sl_store_commit(s), SL_OK);
    static const char *const matches[3] = { "council", "levee", "harbour council" };
    static const uint64_t limits[4] = { 1, 7, 20, 100 };
    static char got[4096], want[4096];
    int compared = 0;
    for (int m = 0; m < 3; m++)
        for (int l = 0; l < 4; l++)
            for (int filter = 0; filter < 4; filter++) {
                sl_store_query q = SL_STORE_QUERY_INIT;
                q.match = matches[m];
                q.limit = limits[l];
                q.source = filter == 1 ? "Harbor Wire" : filter == 3 ? "folder" : NULL;
                q.from = filter == 2 ? "2025-02-01" : NULL;
                search_ids(s, &q, got);
                q.match = m == 2 ? "\"harbour\" \"council\"" : matches[m];
                reference_ids(f, &q, want);
                assert_string_equal(got, want);
                compared += got[0] != '\0';
            }
    assert_int_equal(compared, 48);
    sl_store_close(s);
}

/* Every allocation of open, pack, unpack and add can fail: the result is
 * SL_ENOMEM and nothing leaks (run under ASan). */
static void allocation_failures(void **state)
{
    fixture *f = *state;
    sl_store_doc a;
    make_doc(&a, "tram", text_a, "Dunmore Daily", "2024-10-02");
    int failures = 0;
    for (uint64_t k = 1; k < 200; k++) {
        sl_ctx_set_fail_alloc_after(f->ctx, 0);
        sl_store *s = NULL;
        sl_ctx_set_fail_alloc_after(f->ctx, sl_ctx_alloc_count(f->ctx) + k);
        int rc = sl_store_open(f->ctx, &s, f->path, SL_STORE_CREATE);
        const char *packed;
        size_t len;
        sl_store_doc back;
        if (!rc) rc = sl_store_pack_doc(s, &a, &packed, &len);
        if (!rc) rc = sl_store_unpack_doc(s, packed, len, &back);
        if (!rc) rc = sl_store_begin(s);
        if (!rc) {
            back.event = back.story = 0;
            rc = sl_store_add_doc(s, 0, &back);
            sl_store_rollback(s);
        }
        sl_store_close(s);
        assert_true(rc == SL_OK || rc == SL_ENOMEM);
        failures += rc == SL_ENOMEM;
        if (rc == SL_OK)
            break;
    }
    sl_ctx_set_fail_alloc_after(f->ctx, 0);
    assert_true(failures > 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(create_and_version, setup, teardown),
        cmocka_unit_test_setup_teardown(newer_schema_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_files_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(facts_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_batch_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(outlets_from_folders, setup, teardown),
        cmocka_unit_test_setup_teardown(migrated_from_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(ranks_like_every_match, setup, teardown),
        cmocka_unit_test_setup_teardown(allocation_failures, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
