/* The timeline and compare stages on a small store written here with SQL:
 * events come in date order with their evidence, the summary is a member's
 * sentence at its offsets, quotes carry their speakers, compare finds what
 * one outlet alone reports and its framing words, outlets are the stored
 * sources, unknown keys are refused,
 * and allocation failures are survivable.  The texts are made up. */
#include "test_util.h"
#include "timeline/timeline.h"

#include <string.h>
#include <unistd.h>

/* Two outlets, one story, two events: the later-numbered event happened
 * first (its documents are dated earlier). */
static const char fixture_sql[] =
    "BEGIN;"
    "INSERT INTO documents(doc, id, source, title, date, raw_text, text, cleaned, hash, event, story, score) VALUES"
    " (0, 'a-tram', 'Alpha News', 'Council backs tram', '2024-05-09', x'00',"
    "  'Council backs tram\nThe Dunmore city council approved the new tram line on Wednesday after a long debate. "
    "\"Construction will begin next spring,\" said Ida Brenn, the transport chair. "
    "Critics called the scheme a costly vanity project. The vanity project was opposed by shopkeepers. "
    "Supporters denied it was a vanity project. A vanity project, the mayor said, would not run every day.',"
    "  1, x'01', 0, 0, 1),"
    " (1, 'b-tram', 'Beta Post', 'Tram line approved', '2024-05-09', x'00',"
    "  'Tram line approved\nDunmore councillors approved the new tram line on Wednesday, linking the station and the campus. "
    "The line will cost 40 million euros, the council said. Ida Brenn welcomed the vote.',"
    "  1, x'02', 0, 0, 0.8),"
    " (2, 'a-survey', 'Alpha News', 'Route surveyed', '2024-03-02', x'00',"
    "  'Route surveyed\nEngineers finished surveying the tram route through Dunmore on Friday, the council said. "
    "The survey found no obstacle to the line.',"
    "  1, x'03', 2, 0, 1);"
    "INSERT INTO stories(story, id, label, title, title_doc, first, last, size) VALUES"
    " (0, 'a-tram', '[\"tram\", \"Dunmore\"]', 'Council backs tram', 0, '2024-03-02', '2024-05-09', 2);"
    "INSERT INTO events(event, id, story, label, title, title_doc, first, last, size) VALUES"
    " (0, 'a-tram', 0, '[\"tram\"]', 'Council backs tram', 0, '2024-05-09', '2024-05-09', 2),"
    " (2, 'a-survey', 0, '[\"survey\"]', 'Route surveyed', 2, '2024-03-02', '2024-03-02', 1);"
    "INSERT INTO timex(doc, start, \"end\", type, value) VALUES (0, 74, 83, 'DATE', '2024-05-08'),"
    " (2, 78, 84, 'DATE', '2024-03-01');"
    "INSERT INTO entities(doc, start, \"end\", type, canonical, role) VALUES"
    " (0, 23, 30, 'LOC', 'Dunmore', NULL), (0, 149, 158, 'PER', 'Ida Brenn', 'chair'),"
    " (1, 19, 26, 'LOC', 'Dunmore', NULL), (1, 171, 180, 'PER', 'Ida Brenn', NULL);"
    "INSERT INTO quotes(doc, content_start, content_end, speaker, speaker_start, speaker_end, kind) VALUES"
    " (0, 106, 142, 'Ida Brenn', 149, 158, 'direct');"
    "COMMIT;";

typedef struct fixture {
    char dir[64], path[96];
    sl_ctx *ctx;
    sl_store *store;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/sl-timeline-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/s.db", f->dir);
    f->ctx = test_ctx();
    assert_int_equal(sl_store_open(f->ctx, &f->store, f->path, SL_STORE_CREATE), SL_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(f->store->db, fixture_sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("fixture: %s", msg ? msg : "?");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sl_store_close(f->store);
    char buf[160];
    const char *suffix[] = { "", "-wal", "-shm" };
    for (int i = 0; i < 3; i++) {
        snprintf(buf, sizeof buf, "%s%s", f->path, suffix[i]);
        unlink(buf);
    }
    rmdir(f->dir);
    sl_ctx_free(f->ctx);
    free(f);
    return 0;
}

static int contains(sl_str s, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i + n <= s.len; i++)
        if (memcmp(s.ptr + i, w, n) == 0)
            return 1;
    return 0;
}

static sl_str cut(const char *text, sl_tl_span at)
{
    return (sl_str){ text + at.start, at.end - at.start };
}

static void test_events_in_date_order(void **state)
{
    fixture *f = *state;
    sl_timeline *t = NULL;
    assert_int_equal(sl_timeline_new(f->ctx, &t, NULL), SL_OK);
    const sl_tl_story *st = NULL;
    assert_int_equal(sl_timeline_build(t, f->store, "a-tram", &st), SL_OK);
    assert_int_equal(st->is_event, 0);
    assert_int_equal(st->n_events, 2);
    assert_int_equal(st->n_docs, 3);
    /* the survey (event 2) happened first */
    assert_string_equal(st->events[0].id.ptr, "a-survey");
    assert_string_equal(st->events[0].date, "2024-03-01");   /* "on Friday", before publication */
    assert_string_equal(st->events[0].latest, "2024-03-02"); /* published */
    assert_string_equal(st->events[1].date, "2024-05-08");
    assert_string_equal(st->events[1].earliest, "2024-05-08");
    assert_string_equal(st->events[1].latest, "2024-05-09");
    assert_string_equal(st->first, "2024-03-01");
    /* evidence names the expression and where it is */
    const sl_tl_event *e = &st->events[1];
    int timex = 0;
    for (size_t i = 0; i < e->n_evidence; i++)
        if (strcmp(e->evidence[i].kind, "timex") == 0) {
            timex++;
            assert_int_equal(e->evidence[i].at.doc, 0);
            assert_memory_equal(e->evidence[i].text.ptr, "Wednesday", 9);
        }
    assert_int_equal(timex, 1);
    /* two outlets cover the tram event, the summary is a member sentence */
    assert_int_equal(e->n_sources, 2);
    assert_memory_equal(e->sources[0].name.ptr, "Alpha News", 10);
    assert_int_equal(e->sources[1].docs[0], 1);
    assert_true(e->summary.len > 20);
    assert_true(e->summary_at.doc == 0 || e->summary_at.doc == 1);
    if (!contains(e->summary, "tram line"))
        fail_msg("summary: %.*s", (int)e->summary.len, e->summary.ptr);
    /* the quote, with its speaker's canonical name */
    assert_int_equal(e->n_quotes, 1);
    assert_memory_equal(e->quotes[0].speaker.ptr, "Ida Brenn", 9);
    assert_memory_equal(e->quotes[0].text.ptr, "Construction will begin", 23);
    assert_int_equal(e->quotes[0].at.start, 106);
    sl_timeline_free(t);
}

static void test_event_key_and_unknown(void **state)
{
    fixture *f = *state;
    sl_timeline *t = NULL;
    assert_int_equal(sl_timeline_new(f->ctx, &t, NULL), SL_OK);
    const sl_tl_story *st = NULL;
    assert_int_equal(sl_timeline_build(t, f->store, "event:a-tram", &st), SL_OK);
    assert_int_equal(st->is_event, 1);
    assert_int_equal(st->n_events, 1);
    assert_int_equal(st->n_docs, 2);
    assert_int_equal(sl_timeline_build(t, f->store, "a-survey", &st), SL_OK);
    assert_int_equal(st->is_event, 1);
    assert_int_equal(sl_timeline_build(t, f->store, "nothing", &st), SL_EINVAL);
    assert_null(st);
    assert_non_null(strstr(sl_errmsg(f->ctx), "nothing"));
    sl_timeline_free(t);
}

/* The outlet is documents.source, as the store keeps it: the store names
 * documents read from folders when it stores them (tests/unit/test_store.c),
 * the timeline does not derive a name of its own. */
static void test_outlet_is_the_stored_source(void **state)
{
    fixture *f = *state;
    assert_int_equal(sqlite3_exec(f->store->db,
                                  "UPDATE documents SET id = 'beta-post/tram', source = NULL "
                                  "WHERE doc = 1", NULL, NULL, NULL), SQLITE_OK);
    sl_timeline *t = NULL;
    assert_int_equal(sl_timeline_new(f->ctx, &t, NULL), SL_OK);
    const sl_tl_story *st = NULL;
    assert_int_equal(sl_timeline_build(t, f->store, "a-tram", &st), SL_OK);
    const sl_tl_event *e = &st->events[1];
    assert_int_equal(e->n_sources, 2);
    assert_memory_equal(e->sources[0].name.ptr, "(unknown)", 9); /* names sort first */
    assert_memory_equal(e->sources[0].doc_ids[0].ptr, "beta-post/tram", 14);
    assert_int_equal(sqlite3_exec(f->store->db,
                                  "UPDATE documents SET source = 'beta-post' WHERE doc = 1", NULL,
                                  NULL, NULL), SQLITE_OK);
    assert_int_equal(sl_timeline_build(t, f->store, "a-tram", &st), SL_OK);
    e = &st->events[1];
    assert_int_equal(e->sources[1].name.len, 9);
    assert_memory_equal(e->sources[1].name.ptr, "beta-post", 9);
    sl_timeline_free(t);
}

static const sl_cmp_outlet *outlet(const sl_cmp_result *r, const char *name)
{
    for (size_t i = 0; i < r->n_outlets; i++)
        if (r->outlets[i].name.len == strlen(name) && memcmp(r->outlets[i].name.ptr, name, strlen(name)) == 0)
            return &r->outlets[i];
    fail_msg("no outlet %s", name);
    return NULL;
}

static int has_item(const sl_cmp_item *items, size_t n, const char *kind, const char *text)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].kind, kind) == 0 && items[i].text.len == strlen(text) &&
            memcmp(items[i].text.ptr, text, items[i].text.len) == 0)
            return 1;
    return 0;
}

/* Undated events bounded only by wide publication intervals sit in the
 * timeline at their bounds: an event told before a day ("will attend the
 * opening of the Games") comes before one known to follow a later day;
 * an unbounded one comes last, and bounds do not stretch the story. */
static const char undated_sql[] =
    "BEGIN;"
    "INSERT INTO documents(doc, id, source, title, date, raw_text, text, cleaned, hash, event, story, score) VALUES"
    " (10, 'u-talks', 'Delta', 'Talks', NULL, x'00', 'Talks\nThe envoys talked again.', 1, x'13', 10, 10, 1),"
    " (11, 'u-summit', 'Gamma', 'Summit held', NULL, x'00', 'Summit held\nThe envoys met at the summit.', 1, x'12', 11, 10, 1),"
    " (12, 'u-visit', 'Gamma', 'Visit set', NULL, x'00', 'Visit set\nThe envoys will meet before the games.', 1, x'11', 12, 10, 1);"
    "INSERT INTO published(doc, value, earliest, latest, given, contradicted, evidence) VALUES"
    " (11, NULL, '2022-02-24', NULL, 0, 0, '[]'),"
    " (12, NULL, '1997-01-01', '2022-02-04', 0, 0, '[]');"
    "INSERT INTO stories(story, id, label, title, title_doc, first, last, size) VALUES"
    " (10, 'u-story', '[]', 'Envoys', 10, NULL, NULL, 3);"
    "INSERT INTO events(event, id, story, label, title, title_doc, first, last, size) VALUES"
    " (10, 'u-talks', 10, '[]', 'Talks', 10, NULL, NULL, 1),"
    " (11, 'u-summit', 10, '[]', 'Summit held', 11, NULL, NULL, 1),"
    " (12, 'u-visit', 10, '[]', 'Visit set', 12, NULL, NULL, 1);"
    "COMMIT;";

static void test_undated_events_by_bounds(void **state)
{
    fixture *f = *state;
    char *msg = NULL;
    if (sqlite3_exec(f->store->db, undated_sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("fixture: %s", msg ? msg : "?");
    sl_timeline *t = NULL;
    assert_int_equal(sl_timeline_new(f->ctx, &t, NULL), SL_OK);
    const sl_tl_story *st = NULL;
    assert_int_equal(sl_timeline_build(t, f->store, "u-story", &st), SL_OK);
    assert_int_equal(st->n_events, 3);
    assert_string_equal(st->events[0].id.ptr, "u-visit");
    assert_string_equal(st->events[0].date, "");
    assert_string_equal(st->events[0].earliest, "1997-01-01");
    assert_string_equal(st->events[0].latest, "2022-02-04");
    assert_string_equal(st->events[1].id.ptr, "u-summit");
    assert_string_equal(st->events[1].earliest, "2022-02-24");
    assert_string_equal(st->events[1].latest, "");
    assert_string_equal(st->events[2].id.ptr, "u-talks");
    assert_string_equal(st->events[2].earliest, "");
    assert_string_equal(st->first, "");
    sl_timeline_free(t);
}

static void test_compare_outlets(void **state)
{
    fixture *f = *state;
    sl_timeline *t = NULL;
    assert_int_equal(sl_timeline_new(f->ctx, &t, NULL), SL_OK);
    const sl_cmp_result *r = NULL;
    assert_int_equal(sl_timeline_compare(t, f->store, "a-tram", &r), SL_OK);
    assert_int_equal(r->n_outlets, 2);
    const sl_cmp_outlet *a = outlet(r, "Alpha News"), *b = outlet(r, "Beta Post");
    /* Alpha alone quotes Ida Brenn; Beta alone gives the cost */
    assert_true(has_item(a->adds, a->n_adds, "speaker", "Ida Brenn"));
    assert_true(has_item(b->adds, b->n_adds, "number", "40 million"));
    assert_false(has_item(a->adds, a->n_adds, "entity", "Dunmore")); /* both name it */
    /* Alpha's framing: "vanity project", four times, never in Beta */
    if (!has_item(a->terms, a->n_terms, "term", "vanity project"))
        for (size_t i = 0; i < a->n_terms; i++)
            print_message("term %.*s %zu %zu %.2f\n", (int)a->terms[i].text.len, a->terms[i].text.ptr,
                          a->terms[i].count, a->terms[i].others, a->terms[i].score);
    assert_true(has_item(a->terms, a->n_terms, "term", "vanity project"));
    for (size_t i = 0; i < a->n_terms; i++)
        assert_true(a->terms[i].score >= 0.9);
    /* items point at their text */
    for (size_t i = 0; i < b->n_adds; i++)
        assert_true(b->adds[i].at.doc == 1);
    sl_timeline_free(t);
}

static void test_json_lines(void **state)
{
    fixture *f = *state;
    sl_timeline *t = NULL;
    sl_out *o = NULL;
    assert_int_equal(sl_timeline_new(f->ctx, &t, NULL), SL_OK);
    assert_int_equal(sl_out_new(f->ctx, &o), SL_OK);
    const sl_tl_story *st = NULL;
    assert_int_equal(sl_timeline_build(t, f->store, "0", &st), SL_OK);
    const char *line;
    size_t len;
    sl_out_reset(o);
    assert_int_equal(sl_tl_event_json(o, st, &st->events[0]), SL_OK);
    assert_int_equal(sl_out_finish(o, &line, &len), SL_OK);
    assert_non_null(strstr(line, "\"date\": \"2024-03-01\""));
    assert_non_null(strstr(line, "\"summary_at\": {\"doc\": 2, \"id\": \"a-survey\""));
    sl_out_free(o);
    sl_timeline_free(t);
}

static void test_cut_matches(void **state)
{
    fixture *f = *state;
    sl_timeline *t = NULL;
    assert_int_equal(sl_timeline_new(f->ctx, &t, NULL), SL_OK);
    const sl_tl_story *st = NULL;
    assert_int_equal(sl_timeline_build(t, f->store, "a-tram", &st), SL_OK);
    const sl_tl_event *e = &st->events[0];
    /* the summary is the member text at its offsets: the only member here */
    sl_str again = cut(e->summary.ptr - e->summary_at.start, e->summary_at);
    assert_int_equal(again.len, e->summary.len);
    assert_memory_equal(again.ptr, "Engineers finished surveying", 28);
    sl_timeline_free(t);
}

/* Every allocation failing in turn: an error, never a crash or a leak (the
 * ASan build checks the leaks), and the handle still works after. */
static void test_allocation_failures(void **state)
{
    fixture *f = *state;
    for (uint64_t n = 1; n < 2000; n++) {
        sl_timeline *t = NULL;
        sl_ctx_set_fail_alloc_after(f->ctx, sl_ctx_alloc_count(f->ctx) + n);
        int rc = sl_timeline_new(f->ctx, &t, NULL);
        const sl_tl_story *st = NULL;
        const sl_cmp_result *r = NULL;
        if (!rc)
            rc = sl_timeline_build(t, f->store, "a-tram", &st);
        if (!rc)
            rc = sl_timeline_compare(t, f->store, "a-tram", &r);
        sl_ctx_set_fail_alloc_after(f->ctx, 0);
        sl_timeline_free(t);
        if (rc == SL_OK) {
            assert_non_null(r);
            return;
        }
        assert_int_equal(rc, SL_ENOMEM);
    }
    fail_msg("never succeeded");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_events_in_date_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_key_and_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outlet_is_the_stored_source, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undated_events_by_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_outlets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cut_matches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_allocation_failures, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
