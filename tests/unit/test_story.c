/* Stories: documents about one happening share an event, events about the
 * same actors share a story, copies join their original's event, ids are
 * stable, bad input is refused and allocation failures are survivable.
 * Texts are made up for these tests. */
#include "test_util.h"
#include "story/story_index.h"

#include <string.h>

static const char quake_a[] =
    "A strong earthquake struck Veltro Bay early on Tuesday, damaging the old harbour wall and "
    "cutting power to the fishing town of Casselmoor. Emergency crews searched collapsed sheds.";
static const char quake_b[] =
    "The earthquake that struck Veltro Bay on Tuesday damaged the harbour wall of Casselmoor, "
    "where emergency crews searched collapsed sheds and power was cut to the town.";
static const char tram[] =
    "The Dunmore city council approved a new tram line on Wednesday, linking the railway station "
    "with the university campus. Councillor Ida Brenn said construction would begin next year.";

typedef struct fixture {
    sl_ctx *ctx;
    sl_story_index *x;
    sl_story_doc *p;
} fixture;

static void open_fixture(fixture *f, const sl_story_options *o)
{
    f->ctx = test_ctx();
    assert_int_equal(sl_story_new(f->ctx, &f->x, o), SL_OK);
    assert_int_equal(sl_story_doc_new(f->ctx, o, &f->p), SL_OK);
}

static void close_fixture(fixture *f)
{
    sl_story_doc_free(f->p);
    sl_story_free(f->x);
    sl_ctx_free(f->ctx);
}

static int add(fixture *f, const char *id, const char *text, const char *published,
               const char *dup_of)
{
    int rc = sl_story_prepare(f->p, text, strlen(text), NULL, 0);
    if (rc)
        return rc;
    return sl_story_add(f->x, id, strlen(id), published, published ? strlen(published) : 0,
                        dup_of, dup_of ? strlen(dup_of) : 0, f->p);
}

static sl_story_assignment result(fixture *f, uint64_t i)
{
    sl_story_assignment a;
    assert_int_equal(sl_story_result(f->x, i, &a), SL_OK);
    return a;
}

static void test_same_event_and_apart(void **state)
{
    (void)state;
    fixture f;
    open_fixture(&f, NULL);
    assert_int_equal(add(&f, "q1", quake_a, "2025-03-04", NULL), SL_OK);
    assert_int_equal(add(&f, "t1", tram, "2025-03-05", NULL), SL_OK);
    assert_int_equal(add(&f, "q2", quake_b, "2025-03-04T18:00:00Z", NULL), SL_OK);
    assert_int_equal(sl_story_count(f.x), 3);
    assert_int_equal(result(&f, 2).event, result(&f, 0).event);
    assert_int_not_equal(result(&f, 1).event, result(&f, 0).event);
    assert_int_not_equal(result(&f, 1).story, result(&f, 0).story);
    assert_true(result(&f, 2).score > 0.25 && result(&f, 2).score <= 1.0);
    /* the event is named after its first document, the story too */
    sl_story_cluster ev;
    assert_int_equal(sl_story_event(f.x, result(&f, 2).event, &ev), SL_OK);
    size_t len;
    const char *id = sl_story_doc_id(f.x, ev.first_doc, &len);
    assert_int_equal(len, 2);
    assert_memory_equal(id, "q1", 2);
    assert_int_equal(ev.size, 2);
    char day[11];
    sl_day_format(ev.first_day, day);
    assert_string_equal(day, "2025-03-04");
    const char *label[4];
    size_t n;
    assert_int_equal(sl_story_label(f.x, result(&f, 0).event, 0, label, 4, &n), SL_OK);
    assert_true(n > 0);
    close_fixture(&f);
}

/* Months apart, the same words make two events of one story at most. */
static void test_time_separates_events(void **state)
{
    (void)state;
    fixture f;
    open_fixture(&f, NULL);
    assert_int_equal(add(&f, "q1", quake_a, "2025-03-04", NULL), SL_OK);
    assert_int_equal(add(&f, "q2", quake_b, "2025-09-20", NULL), SL_OK);
    assert_int_not_equal(result(&f, 1).event, result(&f, 0).event);
    close_fixture(&f);
}

static void test_duplicate_joins_original(void **state)
{
    (void)state;
    fixture f;
    open_fixture(&f, NULL);
    assert_int_equal(add(&f, "q1", quake_a, NULL, NULL), SL_OK);
    assert_int_equal(add(&f, "t1", tram, NULL, NULL), SL_OK);
    assert_int_equal(add(&f, "copy", tram, NULL, "q1"), SL_OK);
    assert_int_equal(result(&f, 2).event, result(&f, 0).event);
    /* an unknown original: the document is clustered on its own words */
    assert_int_equal(add(&f, "copy2", tram, NULL, "nobody"), SL_OK);
    assert_int_equal(result(&f, 3).event, result(&f, 1).event);
    close_fixture(&f);
}

static void test_empty_and_bad_input(void **state)
{
    (void)state;
    fixture f;
    open_fixture(&f, NULL);
    assert_int_equal(add(&f, "empty", "", NULL, NULL), SL_OK);
    assert_int_equal(add(&f, "one", "word", NULL, NULL), SL_OK);
    assert_int_equal(add(&f, "nodate", quake_a, "not a date", NULL), SL_OK);
    assert_int_equal(sl_story_count(f.x), 3);
    assert_int_equal(sl_story_prepare(f.p, NULL, 5, NULL, 0), SL_EINVAL);
    assert_int_equal(sl_story_add(f.x, NULL, 3, NULL, 0, NULL, 0, f.p), SL_EINVAL);
    sl_story_assignment a;
    assert_int_equal(sl_story_result(f.x, 99, &a), SL_EINVAL);
    sl_story_cluster c;
    assert_int_equal(sl_story_event(f.x, 99, &c), SL_EINVAL);
    close_fixture(&f);
    sl_story_free(NULL);
    sl_story_doc_free(NULL);
}

/* The stopword list is searched by bisection: it must stay sorted. */
static void test_stopwords_sorted(void **state)
{
    (void)state;
    assert_true(sl_story_stopwords_sorted());
}

/* The name features of a prepared document whose surface form is `surface`
 * (names have the top bit set): how many there are. */
static size_t names_written(const sl_story_doc *p, const char *surface)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_feat; i++)
        n += st_is_name(p->feat[i].key) && strcmp(p->surf.ptr + p->surface[i], surface) == 0;
    return n;
}

static uint32_t name_key_of(const sl_story_doc *p, const char *surface)
{
    for (size_t i = 0; i < p->n_feat; i++)
        if (st_is_name(p->feat[i].key) && strcmp(p->surf.ptr + p->surface[i], surface) == 0)
            return p->feat[i].key;
    return 0;
}

/* Names: a one-word name is the same feature as that word inside a longer
 * name; weekdays, months and time zones end a name; a title-case headline
 * gives no names. */
static void test_name_features(void **state)
{
    (void)state;
    fixture f;
    open_fixture(&f, NULL);
    static const char a[] = "The champion beat Hasim Rahman Saturday night in Mannheim.";
    assert_int_equal(sl_story_prepare(f.p, a, strlen(a), NULL, 0), SL_OK);
    assert_int_equal(names_written(f.p, "Hasim Rahman"), 1);
    assert_int_equal(names_written(f.p, "Hasim Rahman Saturday"), 0);
    uint32_t part = name_key_of(f.p, "Rahman");
    assert_true(part != 0);
    static const char b[] = "It was a loss for Rahman, who fought at 5:59 PM EDT in Germany.";
    assert_int_equal(sl_story_prepare(f.p, b, strlen(b), NULL, 0), SL_OK);
    assert_int_equal(name_key_of(f.p, "Rahman"), part);
    assert_int_equal(names_written(f.p, "PM EDT"), 0);
    assert_int_equal(names_written(f.p, "EDT"), 0);
    static const char title[] = "Microsoft Rushes Emergency Fix To Address Browser Attacks";
    static const char body[] = "A fix for the browser was released.";
    assert_int_equal(sl_story_prepare(f.p, body, strlen(body), title, strlen(title)), SL_OK);
    for (size_t i = 0; i < f.p->n_feat; i++)
        assert_false(st_is_name(f.p->feat[i].key));
    close_fixture(&f);
}

/* Whether the prepared document has a term (not a name) written `surface`. */
static int has_term(const sl_story_doc *p, const char *surface)
{
    for (size_t i = 0; i < p->n_feat; i++)
        if (!st_is_name(p->feat[i].key) && strcmp(p->surf.ptr + p->surface[i], surface) == 0)
            return 1;
    return 0;
}

/* Two adjacent terms of the lead are a phrase too; a function word between
 * them breaks it, and the body past the lead gives none. */
static void test_lead_phrases(void **state)
{
    (void)state;
    fixture f;
    open_fixture(&f, NULL);
    char text[1024] = "Rescue teams reached the flooded valley of Orsk on Tuesday.";
    for (int i = 0; i < ST_LEAD_WORDS; i++)
        strcat(text, " and");
    strcat(text, " Harbour cranes toppled.");
    assert_int_equal(sl_story_prepare(f.p, text, strlen(text), NULL, 0), SL_OK);
    assert_true(has_term(f.p, "flooded valley"));
    assert_true(has_term(f.p, "Rescue teams"));
    assert_true(has_term(f.p, "teams reached"));
    assert_true(has_term(f.p, "harbour")); /* the word itself, but no phrase */
    assert_false(has_term(f.p, "Harbour cranes"));
    assert_false(has_term(f.p, "reached the flooded"));
    assert_false(has_term(f.p, "valley of Orsk"));
    /* the phrase weighs half its words' weight (3 in the lead) */
    for (size_t i = 0; i < f.p->n_feat; i++)
        if (strcmp(f.p->surf.ptr + f.p->surface[i], "flooded valley") == 0)
            assert_float_equal(f.p->feat[i].w, 1.5, 1e-6);
    close_fixture(&f);
}

/* A member that joined its event with a low similarity adds less to the
 * event's profile than one that joined with a high one. */
static void test_weak_member_counts_less(void **state)
{
    (void)state;
    static const char weak[] =
        "Fishermen in Veltro Bay asked the province for grants to rebuild moorings, net "
        "stores, the quay and a ferry ramp lost in the earthquake.";
    fixture f;
    open_fixture(&f, NULL);
    assert_int_equal(add(&f, "q1", quake_a, NULL, NULL), SL_OK);
    assert_int_equal(add(&f, "w1", weak, NULL, NULL), SL_OK);
    sl_story_assignment a = result(&f, 1);
    assert_int_equal(a.event, result(&f, 0).event);
    assert_true(a.score < MEMBER_FULL_SCORE);
    double scale = (a.score / MEMBER_FULL_SCORE) * (a.score / MEMBER_FULL_SCORE);
    /* "grants" is in the weak member only: its weight in the event is the
     * member's own, scaled */
    const st_cluster *c = &f.x->events.c[a.event];
    const st_docvec *v = &f.x->vec; /* the last document's vector */
    int seen = 0;
    for (size_t i = 0; i < v->n_terms; i++)
        for (size_t j = 0; j < c->n_terms; j++)
            if (c->terms[j].key == v->terms[i].key &&
                strcmp(st_vocab_surface(&f.x->vocab, v->terms[i].key), "grants") == 0) {
                assert_float_equal(c->terms[j].w, v->terms[i].w * scale, 1e-5);
                seen = 1;
            }
    assert_true(seen);
    close_fixture(&f);
}

/* An inferred date is an interval ("earliest/latest"); a narrow one dates
 * the event, a wide one only keeps far-apart documents apart. */
static void test_interval_dates(void **state)
{
    (void)state;
    fixture f;
    open_fixture(&f, NULL);
    assert_int_equal(add(&f, "q1", quake_a, "2025-03-02/2025-03-05", NULL), SL_OK);
    assert_int_equal(add(&f, "q2", quake_b, "2025-09-01/2025-12-31", NULL), SL_OK);
    assert_int_equal(add(&f, "q3", quake_a, "2025-01-01/2025-12-31", NULL), SL_OK);
    sl_story_cluster ev;
    assert_int_equal(sl_story_event(f.x, result(&f, 0).event, &ev), SL_OK);
    char day[11];
    sl_day_format(ev.first_day, day);
    assert_string_equal(day, "2025-03-03");
    assert_int_not_equal(result(&f, 1).event, result(&f, 0).event);
    assert_int_equal(result(&f, 2).event, result(&f, 0).event);
    /* a reversed interval is no date at all */
    assert_int_equal(add(&f, "q4", quake_b, "2025-12-31/2025-01-01", NULL), SL_OK);
    close_fixture(&f);
}

static void test_bad_options(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_story_index *x = NULL;
    sl_story_options o = SL_STORY_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(sl_story_new(ctx, &x, &o), SL_EINVAL);
    o = (sl_story_options)SL_STORY_OPTIONS_INIT;
    o.event_threshold = 2;
    assert_int_equal(sl_story_new(ctx, &x, &o), SL_EINVAL);
    o = (sl_story_options)SL_STORY_OPTIONS_INIT;
    o.language = "klingon";
    sl_story_doc *p = NULL;
    assert_int_equal(sl_story_doc_new(ctx, &o, &p), SL_EINVAL);
    assert_non_null(strstr(sl_errmsg(ctx), "klingon"));
    o.language = "french";
    assert_int_equal(sl_story_doc_new(ctx, &o, &p), SL_OK);
    sl_story_doc_free(p);
    sl_ctx_free(ctx);
}

/* Every allocation failure returns SL_ENOMEM, leaves the index usable and
 * leaks nothing (ASan checks the leaks). */
static void test_allocation_failures(void **state)
{
    (void)state;
    const char *texts[] = { quake_a, tram, quake_b, tram };
    const char *dups[] = { NULL, NULL, NULL, "t1" };
    const char *ids[] = { "q1", "t1", "q2", "t2" };
    for (uint64_t k = 1;; k++) {
        fixture f = { test_ctx(), NULL, NULL };
        sl_ctx_set_fail_alloc_after(f.ctx, k);
        int rc = sl_story_new(f.ctx, &f.x, NULL);
        if (!rc)
            rc = sl_story_doc_new(f.ctx, NULL, &f.p);
        int failed = rc != SL_OK;
        for (size_t i = 0; !rc && i < 4; i++) {
            rc = add(&f, ids[i], texts[i], "2025-01-01", dups[i]);
            if (rc) {
                failed = 1;
                assert_int_equal(rc, SL_ENOMEM);
                uint64_t before = sl_story_count(f.x);
                sl_ctx_set_fail_alloc_after(f.ctx, 0); /* the index still works */
                assert_int_equal(add(&f, ids[i], texts[i], "2025-01-01", dups[i]), SL_OK);
                assert_int_equal(sl_story_count(f.x), before + 1);
                rc = SL_OK;
            }
        }
        if (rc)
            assert_int_equal(rc, SL_ENOMEM);
        close_fixture(&f);
        if (!failed)
            break;
        assert_true(k < 10000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_event_and_apart),
        cmocka_unit_test(test_time_separates_events),
        cmocka_unit_test(test_duplicate_joins_original),
        cmocka_unit_test(test_empty_and_bad_input),
        cmocka_unit_test(test_stopwords_sorted),
        cmocka_unit_test(test_name_features),
        cmocka_unit_test(test_lead_phrases),
        cmocka_unit_test(test_weak_member_counts_less),
        cmocka_unit_test(test_interval_dates),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
