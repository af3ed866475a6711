/* Facts: entities with roles and canonical names, quotes with speakers,
 * time expressions, the given publication date; two threads sharing one
 * sl_facts; allocation failures; bad arguments.  The sentences are written
 * for this test. */
#include "test_util.h"

#include <pthread.h>

#define NER_MODEL SL_SOURCE_DIR "/data/models/ner-en.slm"
#define TIME_RULES SL_SOURCE_DIR "/data/time/en.rules"

static const char summit[] =
    "President Vladimir Putin met Xi Jinping in Moscow on Tuesday. Putin said the talks were "
    "useful, and Xi agreed.";
static const char peskov[] =
    "Kremlin spokesperson Dmitry Peskov said the two leaders would talk again soon.\n"
    "\"We see no reason to hurry,\" Peskov told reporters on Friday.";
static const char library[] =
    "\"We will not close the library,\" said Mayor Anna Keller of Brookfield. Keller added that "
    "the budget would be ready by 16 June 2021.\n"
    "Mr. Tomas Brandt, a local teacher, disagreed. Brandt called the plan \"a slow retreat\".";

static sl_facts *load(sl_ctx *ctx)
{
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    o.ner_model = NER_MODEL;
    o.time_rules = TIME_RULES;
    sl_facts *f = NULL;
    assert_int_equal(sl_facts_new(ctx, &f, &o), SL_OK);
    assert_non_null(f);
    return f;
}

static sl_facts_doc *extract(sl_ctx *ctx, const sl_facts *f, const char *text,
                             const char *title, const char *published)
{
    sl_facts_doc *d = NULL;
    assert_int_equal(sl_facts_doc_new(ctx, &d), SL_OK);
    assert_int_equal(sl_facts_extract(f, d, text, strlen(text), title, title ? strlen(title) : 0,
                                      published, published ? strlen(published) : 0),
                     SL_OK);
    return d;
}

/* The entity whose text is `surface` (the n-th such, 0-based). */
static const sl_fact_entity *entity(const sl_facts_doc *d, const char *text, const char *surface,
                                    int nth)
{
    const sl_fact_entity *e;
    size_t n = sl_facts_entities(d, &e);
    for (size_t i = 0; i < n; i++)
        if (e[i].end - e[i].start == strlen(surface) &&
            memcmp(text + e[i].start, surface, strlen(surface)) == 0 && nth-- == 0)
            return &e[i];
    fail_msg("no entity '%s'", surface);
    return NULL;
}

static void test_canonical_names(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_facts *f = load(ctx);
    sl_facts_doc *d = extract(ctx, f, summit, NULL, NULL);
    const sl_fact_entity *putin = entity(d, summit, "Vladimir Putin", 0);
    assert_string_equal(putin->type, "PER");
    assert_string_equal(putin->canonical, "Vladimir Putin");
    assert_string_equal(putin->role, "president"); /* the title is not in the name */
    assert_string_equal(entity(d, summit, "Putin", 0)->canonical, "Vladimir Putin");
    /* a family name first: the short form is the first word */
    const sl_fact_entity *xi = entity(d, summit, "Xi", 0);
    assert_string_equal(xi->type, "PER");
    assert_string_equal(xi->canonical, "Xi Jinping");
    assert_null(xi->role);
    assert_string_equal(entity(d, summit, "Moscow", 0)->type, "LOC");
    sl_facts_doc_free(d);
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

static void test_role_and_organisation(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_facts *f = load(ctx);
    sl_facts_doc *d = extract(ctx, f, peskov, NULL, NULL);
    const sl_fact_entity *kremlin = entity(d, peskov, "Kremlin", 0);
    assert_string_equal(kremlin->type, "ORG");
    const sl_fact_entity *p = entity(d, peskov, "Dmitry Peskov", 0);
    assert_string_equal(p->type, "PER");
    assert_string_equal(p->role, "spokesperson");
    assert_string_equal(entity(d, peskov, "Peskov", 0)->canonical, "Dmitry Peskov");
    sl_facts_doc_free(d);
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

static void test_titles_and_title_names(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_facts *f = load(ctx);
    sl_facts_doc *d = extract(ctx, f, library, NULL, NULL);
    const sl_fact_entity *brandt = entity(d, library, "Brandt", 0);
    assert_string_equal(brandt->canonical, "Tomas Brandt"); /* no "Mr." */
    assert_string_equal(entity(d, library, "Anna Keller", 0)->role, "mayor");
    assert_string_equal(entity(d, library, "Keller", 0)->canonical, "Anna Keller");
    sl_facts_doc_free(d);
    /* a name only the title gives in full */
    const char *text = "Berger arrived in Paris on Monday, the European Union said. The EU "
                       "welcomed the visit.";
    d = extract(ctx, f, text, "Chancellor Olaf Berger visits Paris", NULL);
    const sl_fact_entity *berger = entity(d, text, "Berger", 0);
    assert_string_equal(berger->type, "PER");
    assert_string_equal(berger->canonical, "Olaf Berger");
    assert_string_equal(entity(d, text, "EU", 0)->canonical, "European Union");
    sl_facts_doc_free(d);
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

/* The same person gets the same string in two documents. */
static void test_canonical_across_documents(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_facts *f = load(ctx);
    const char *other = "Talks in Geneva ended late.  Vladimir   Putin left early; Putin did "
                        "not speak.";
    sl_facts_doc *a = extract(ctx, f, summit, NULL, NULL);
    sl_facts_doc *b = extract(ctx, f, other, NULL, NULL);
    assert_string_equal(entity(a, summit, "Putin", 0)->canonical,
                        entity(b, other, "Putin", 0)->canonical);
    assert_string_equal(entity(b, other, "Vladimir   Putin", 0)->canonical, "Vladimir Putin");
    sl_facts_doc_free(a);
    sl_facts_doc_free(b);
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

static const sl_fact_quote *quote_with(const sl_facts_doc *d, const char *text, const char *part)
{
    const sl_fact_quote *q;
    size_t n = sl_facts_quotes(d, &q);
    for (size_t i = 0; i < n; i++) {
        size_t len = q[i].content_end - q[i].content_start;
        const char *c = text + q[i].content_start;
        for (size_t k = 0; k + strlen(part) <= len; k++)
            if (memcmp(c + k, part, strlen(part)) == 0)
                return &q[i];
    }
    fail_msg("no quote with '%s'", part);
    return NULL;
}

static void test_quote_speakers(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_facts *f = load(ctx);
    sl_facts_doc *d = extract(ctx, f, peskov, NULL, NULL);
    const sl_fact_quote *q = quote_with(d, peskov, "no reason to hurry");
    assert_true(q->has_speaker);
    assert_string_equal(q->speaker, "Dmitry Peskov"); /* "Peskov" in the text */
    assert_string_equal(q->kind, "direct");
    q = quote_with(d, peskov, "talk again soon");
    assert_string_equal(q->speaker, "Dmitry Peskov"); /* not "Kremlin" */
    assert_true(q->has_source && q->has_cue);
    sl_facts_doc_free(d);
    d = extract(ctx, f, library, NULL, NULL);
    assert_string_equal(quote_with(d, library, "close the library")->speaker, "Anna Keller");
    assert_string_equal(quote_with(d, library, "slow retreat")->speaker, "Tomas Brandt");
    sl_facts_doc_free(d);
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

static const sl_fact_timex *timex_of(const sl_facts_doc *d, const char *text, const char *surface)
{
    const sl_fact_timex *t;
    size_t n = sl_facts_timexes(d, &t);
    for (size_t i = 0; i < n; i++)
        if (t[i].end - t[i].start == strlen(surface) &&
            memcmp(text + t[i].start, surface, strlen(surface)) == 0)
            return &t[i];
    fail_msg("no time expression '%s'", surface);
    return NULL;
}

static void test_timex_and_published(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_facts *f = load(ctx);
    sl_facts_doc *d = extract(ctx, f, summit, NULL, "2021-06-18T09:30:00Z");
    const sl_fact_timex *t = timex_of(d, summit, "Tuesday");
    assert_string_equal(t->type, "DATE");
    assert_string_equal(t->value, "2021-06-15"); /* the Tuesday before the given day */
    const sl_fact_published *p = sl_facts_published(d);
    assert_non_null(p);
    assert_string_equal(p->value, "2021-06-18");
    assert_int_equal(p->given, 1);
    sl_facts_doc_free(d);
    /* a date that is not one is not given: "Tuesday" stays a weekday */
    d = extract(ctx, f, summit, NULL, "2021-02-30");
    assert_string_equal(timex_of(d, summit, "Tuesday")->value, "XXXX-WXX-2");
    assert_int_equal(sl_facts_published(d)->given, 0);
    sl_facts_doc_free(d);
    d = extract(ctx, f, library, NULL, NULL);
    assert_string_equal(timex_of(d, library, "16 June 2021")->value, "2021-06-16");
    sl_facts_doc_free(d);
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

/* Options choose what is extracted and what is loaded. */
static void test_options(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    o.entities = o.quotes = 0;
    o.time_rules = TIME_RULES; /* no NER model needed */
    sl_facts *f = NULL;
    assert_int_equal(sl_facts_new(ctx, &f, &o), SL_OK);
    sl_facts_doc *d = extract(ctx, f, summit, NULL, NULL);
    const sl_fact_entity *e;
    const sl_fact_quote *q;
    assert_int_equal(sl_facts_entities(d, &e), 0);
    assert_null(e);
    assert_int_equal(sl_facts_quotes(d, &q), 0);
    assert_non_null(timex_of(d, summit, "Tuesday"));
    sl_facts_doc_free(d);
    sl_facts_free(f);
    /* quotes without entities: speakers still named, no entities kept */
    o = (sl_facts_options)SL_FACTS_OPTIONS_INIT;
    o.entities = o.timex = o.published = 0;
    o.ner_model = NER_MODEL;
    assert_int_equal(sl_facts_new(ctx, &f, &o), SL_OK);
    d = extract(ctx, f, peskov, NULL, NULL);
    assert_int_equal(sl_facts_entities(d, &e), 0);
    assert_string_equal(quote_with(d, peskov, "hurry")->speaker, "Dmitry Peskov");
    assert_null(sl_facts_published(d));
    sl_facts_doc_free(d);
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    sl_facts_free(NULL);
    sl_facts_doc_free(NULL);
    assert_int_equal(sl_facts_new(NULL, NULL, NULL), SL_EINVAL);
    assert_int_equal(sl_facts_doc_new(NULL, NULL), SL_EINVAL);
    sl_ctx *ctx = test_ctx();
    sl_facts *f = (sl_facts *)1;
    /* the defaults want both files and have no paths */
    assert_int_equal(sl_facts_new(ctx, &f, NULL), SL_EINVAL);
    assert_null(f);
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(sl_facts_new(ctx, &f, &o), SL_EINVAL);
    o = (sl_facts_options)SL_FACTS_OPTIONS_INIT;
    o.ner_model = "/nonexistent/ner.slm";
    o.time_rules = TIME_RULES;
    assert_int_equal(sl_facts_new(ctx, &f, &o), SL_EIO);
    assert_non_null(strstr(sl_errmsg(ctx), "/nonexistent/ner.slm"));
    assert_null(f);
    f = load(ctx);
    sl_facts_doc *d = NULL;
    assert_int_equal(sl_facts_doc_new(ctx, &d), SL_OK);
    assert_int_equal(sl_facts_extract(f, NULL, "x", 1, NULL, 0, NULL, 0), SL_EINVAL);
    assert_int_equal(sl_facts_extract(NULL, d, "x", 1, NULL, 0, NULL, 0), SL_EINVAL);
    assert_int_equal(sl_facts_extract(f, d, NULL, 5, NULL, 0, NULL, 0), SL_EINVAL);
    assert_int_equal(sl_facts_extract(f, d, "x", 1, NULL, 3, NULL, 0), SL_EINVAL);
    /* empty and odd texts are fine */
    assert_int_equal(sl_facts_extract(f, d, NULL, 0, NULL, 0, NULL, 0), SL_OK);
    const sl_fact_entity *e;
    assert_int_equal(sl_facts_entities(d, &e), 0);
    assert_int_equal(sl_facts_extract(f, d, "\xFF\xFE Mr. \n\n\"", 10, "\xC3", 1, "x", 1), SL_OK);
    assert_int_equal(sl_facts_entities(NULL, &e), 0);
    assert_null(sl_facts_published(NULL));
    sl_facts_doc_free(d);
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

/* ---- threads: one sl_facts, two workers with their own contexts ---- */

typedef struct worker {
    const sl_facts *f;
    const char *text;
    char canon[64];
    size_t n_entities, n_quotes, n_timex;
    int rc;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    sl_ctx *ctx = NULL;
    sl_facts_doc *d = NULL;
    w->rc = sl_ctx_new(&ctx, NULL);
    if (!w->rc)
        w->rc = sl_facts_doc_new(ctx, &d);
    for (int round = 0; !w->rc && round < 30; round++) {
        w->rc = sl_facts_extract(w->f, d, w->text, strlen(w->text), NULL, 0, "2021-06-18", 10);
        const sl_fact_entity *e;
        const sl_fact_quote *q;
        const sl_fact_timex *t;
        size_t ne = sl_facts_entities(d, &e), nq = sl_facts_quotes(d, &q),
               nt = sl_facts_timexes(d, &t);
        if (round > 0 && (ne != w->n_entities || nq != w->n_quotes || nt != w->n_timex ||
                          (ne && strcmp(e[ne - 1].canonical, w->canon) != 0)))
            w->rc = -100; /* a different answer: shared state */
        w->n_entities = ne;
        w->n_quotes = nq;
        w->n_timex = nt;
        snprintf(w->canon, sizeof w->canon, "%s", ne ? e[ne - 1].canonical : "");
    }
    sl_facts_doc_free(d);
    sl_ctx_free(ctx);
    return NULL;
}

static void test_two_threads(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_facts *f = load(ctx);
    worker w[2] = { { f, peskov, "", 0, 0, 0, 0 }, { f, library, "", 0, 0, 0, 0 } };
    worker alone[2] = { w[0], w[1] };
    work(&alone[0]);
    work(&alone[1]);
    pthread_t tid[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&tid[i], NULL, work, &w[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(tid[i], NULL);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(w[i].rc, 0);
        assert_int_equal(w[i].n_entities, alone[i].n_entities);
        assert_int_equal(w[i].n_quotes, alone[i].n_quotes);
        assert_int_equal(w[i].n_timex, alone[i].n_timex);
        assert_string_equal(w[i].canon, alone[i].canon);
        assert_true(w[i].n_entities > 0 && w[i].n_quotes > 0);
    }
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

/* ---- allocation failures ---- */

static void test_oom_load(void **state)
{
    (void)state;
    for (uint64_t k = 1;; k++) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, k);
        sl_facts_options o = SL_FACTS_OPTIONS_INIT;
        o.ner_model = NER_MODEL;
        o.time_rules = TIME_RULES;
        sl_facts *f = NULL;
        int rc = sl_facts_new(ctx, &f, &o);
        sl_facts_free(f);
        sl_ctx_free(ctx);
        if (rc == SL_OK)
            break;
        assert_int_equal(rc, SL_ENOMEM);
        assert_null(f);
        assert_true(k < 100000);
    }
}

static void test_oom_extract(void **state)
{
    (void)state;
    sl_ctx *lctx = test_ctx();
    sl_facts *f = load(lctx);
    const char *texts[] = { summit, peskov, library };
    for (uint64_t k = 1;; k++) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, k);
        sl_facts_doc *d = NULL;
        int rc = sl_facts_doc_new(ctx, &d);
        int failed = rc != SL_OK;
        for (size_t i = 0; !rc && i < 3; i++) {
            rc = sl_facts_extract(f, d, texts[i], strlen(texts[i]), "Olaf Berger", 11, NULL, 0);
            if (rc) {
                failed = 1;
                assert_int_equal(rc, SL_ENOMEM);
                const sl_fact_entity *e;
                assert_int_equal(sl_facts_entities(d, &e), 0); /* nothing half made */
                sl_ctx_set_fail_alloc_after(ctx, 0);              /* still usable */
                assert_int_equal(sl_facts_extract(f, d, texts[i], strlen(texts[i]), NULL, 0,
                                                  NULL, 0),
                                 SL_OK);
                assert_true(sl_facts_entities(d, &e) > 0);
            }
        }
        if (rc)
            assert_int_equal(rc, SL_ENOMEM);
        sl_facts_doc_free(d);
        sl_ctx_free(ctx);
        if (!failed)
            break;
        assert_true(k < 100000);
    }
    sl_facts_free(f);
    sl_ctx_free(lctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_names),
        cmocka_unit_test(test_role_and_organisation),
        cmocka_unit_test(test_titles_and_title_names),
        cmocka_unit_test(test_canonical_across_documents),
        cmocka_unit_test(test_quote_speakers),
        cmocka_unit_test(test_timex_and_published),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_two_threads),
        cmocka_unit_test(test_oom_load),
        cmocka_unit_test(test_oom_extract),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
