/* The dedup index (src/dedup/dedup*.c): relations, ordering of versions,
 * clusters, window, bad input and allocation failures.  Texts are made up
 * from invented syllables so that nothing repeats by accident. */
#include "test_util.h"
#include "dedup/dedup_internal.h"

/* ---- made-up text --------------------------------------------------- */

/* Append `words` invented words to buf (NUL-terminated), sentences of 12. */
static void words(char *buf, size_t cap, uint64_t seed, size_t n)
{
    static const char *const syl[] = { "ka", "lo", "mi", "ter", "vos", "an", "du", "ril",
                                       "pe", "sa", "non", "gu", "zel", "ot", "bri", "ha" };
    uint64_t s = seed * 2654435761u + 1;
    size_t len = strlen(buf);
    for (size_t w = 0; w < n; w++) {
        char word[32] = "";
        size_t parts = 2 + test_rng(&s) % 3;
        for (size_t p = 0; p < parts; p++)
            strcat(word, syl[test_rng(&s) % 16]);
        int end = (w + 1) % 12 == 0;
        len += (size_t)snprintf(buf + len, cap - len, "%s%s ", word, end ? "." : "");
        assert_true(len < cap);
    }
}

typedef struct corpus {
    sl_ctx *ctx;
    sl_dedup *d;
    sl_dedup_doc *p;
} corpus;

static corpus open_corpus(const sl_dedup_options *o)
{
    corpus c;
    c.ctx = test_ctx();
    assert_int_equal(sl_dedup_new(c.ctx, &c.d, o), SL_OK);
    assert_int_equal(sl_dedup_doc_new(c.ctx, &c.p), SL_OK);
    return c;
}

static void close_corpus(corpus *c)
{
    sl_dedup_doc_free(c->p);
    sl_dedup_free(c->d);
    sl_ctx_free(c->ctx);
}

typedef struct meta {
    const char *title, *source, *published;
} meta;

static void add_meta(corpus *c, const char *id, const char *text, meta m)
{
    sl_dedup_options o = SL_DEDUP_OPTIONS_INIT;
    assert_int_equal(sl_dedup_prepare(c->p, &o, text, strlen(text), m.title,
                                      m.title ? strlen(m.title) : 0, m.source,
                                      m.source ? strlen(m.source) : 0),
                     SL_OK);
    assert_int_equal(sl_dedup_add(c->d, id, strlen(id), m.published,
                                  m.published ? strlen(m.published) : 0, c->p),
                     SL_OK);
}

static void add(corpus *c, const char *id, const char *text)
{
    add_meta(c, id, text, (meta){ NULL, NULL, NULL });
}

static sl_dup result(corpus *c, uint64_t i)
{
    sl_dup r;
    assert_int_equal(sl_dedup_result(c->d, i, &r), SL_OK);
    return r;
}

static void expect(corpus *c, uint64_t i, sl_dup_relation rel, uint64_t of, uint64_t cluster)
{
    sl_dup r = result(c, i);
    assert_string_equal(sl_dup_relation_name(r.relation), sl_dup_relation_name(rel));
    assert_int_equal(r.of, of);
    assert_int_equal(r.cluster, cluster);
}

enum { CAP = 1 << 16 };
#define NONE UINT64_MAX

/* ---- relations ------------------------------------------------------ */

static void test_exact_ignores_spacing(void **state)
{
    (void)state;
    char a[CAP] = "", b[CAP];
    words(a, CAP, 1, 200);
    size_t n = 0;
    for (const char *s = a; *s; s++) /* every space becomes a line break and a space */
        n += (size_t)snprintf(b + n, CAP - n, "%s", *s == ' ' ? "\n " : (char[]){ *s, 0 });
    corpus c = open_corpus(NULL);
    add(&c, "x", a);
    add(&c, "y", b);
    expect(&c, 0, SL_DUP_UNIQUE, NONE, 0);
    expect(&c, 1, SL_DUP_EXACT, 0, 0);
    assert_true(result(&c, 1).similarity == 1.0);
    close_corpus(&c);
}

static void test_near_small_edits(void **state)
{
    (void)state;
    char a[CAP] = "", b[CAP] = "";
    words(a, CAP, 2, 300);
    strcpy(b, a);
    memcpy(strchr(b + 400, ' ') + 1, "changed", 7); /* one word in the middle */
    corpus c = open_corpus(NULL);
    add(&c, "first", a);
    add(&c, "edited", b);
    expect(&c, 1, SL_DUP_NEAR, 0, 0);
    assert_true(result(&c, 1).similarity >= 0.88 && result(&c, 1).similarity < 1.0);
    close_corpus(&c);
}

/* A short text inside a long one is "contained", whichever comes first. */
static void test_contained_both_orders(void **state)
{
    (void)state;
    char brief[CAP] = "", longer[CAP] = "";
    words(brief, CAP, 3, 60);
    words(longer, CAP, 4, 150);
    strcat(longer, brief);
    words(longer, CAP, 5, 150);
    for (int order = 0; order < 2; order++) {
        corpus c = open_corpus(NULL);
        add(&c, order ? "long" : "brief", order ? longer : brief);
        add(&c, order ? "brief" : "long", order ? brief : longer);
        uint64_t b = order ? 1 : 0, l = order ? 0 : 1;
        expect(&c, b, SL_DUP_CONTAINED, l, 0);
        expect(&c, l, SL_DUP_UNIQUE, NONE, 0);
        assert_true(result(&c, b).similarity >= 0.99);
        close_corpus(&c);
    }
}

/* An update: the announcement becomes a report, material is added.  The
 * later version points to the earlier one even when it arrives first. */
static void test_revision_ordered_by_evidence(void **state)
{
    (void)state;
    char v1[CAP] = "The ministers are due to hold talks and will sign the accord. ";
    char v2[CAP] = "The ministers have held talks and signed the accord. ";
    char body[CAP] = "";
    words(body, CAP, 6, 200);
    strcat(v1, body);
    strcat(v1, "They are expected to meet again and will issue a statement. ");
    strcat(v2, body);
    words(v2, CAP, 7, 120); /* added material */
    for (int order = 0; order < 2; order++) {
        corpus c = open_corpus(NULL);
        meta m = { "Ministers talk", "Wire", NULL };
        add_meta(&c, order ? "v2" : "v1", order ? v2 : v1, m);
        add_meta(&c, order ? "v1" : "v2", order ? v1 : v2, m);
        uint64_t old = order ? 1 : 0, upd = order ? 0 : 1;
        expect(&c, upd, SL_DUP_REVISION, old, 0);
        expect(&c, old, SL_DUP_UNIQUE, NONE, 0);
        sl_dup_pair p;
        assert_int_equal(sl_dedup_pair_count(c.d), 1);
        assert_int_equal(sl_dedup_pair(c.d, 0, &p), SL_OK);
        assert_int_equal(p.a, old);
        assert_string_equal(p.order, "tense+added-material");
        close_corpus(&c);
    }
}

/* Given dates beat textual evidence. */
static void test_revision_ordered_by_date(void **state)
{
    (void)state;
    char v1[CAP] = "", v2[CAP] = "";
    words(v1, CAP, 8, 200);
    strcpy(v2, v1);
    words(v2, CAP, 9, 100);
    corpus c = open_corpus(NULL);
    add_meta(&c, "long-early", v2, (meta){ "Same headline here", "Wire", "2024-05-01T08:00:00Z" });
    add_meta(&c, "short-late", v1, (meta){ "Same headline here", "Wire", "2024-05-01T09:30:00+01:00" });
    /* 09:30+01:00 is 08:30Z: the short one is the later version although
     * it has less material */
    expect(&c, 1, SL_DUP_REVISION, 0, 0);
    expect(&c, 0, SL_DUP_UNIQUE, NONE, 0);
    sl_dup_pair p;
    assert_int_equal(sl_dedup_pair(c.d, 0, &p), SL_OK);
    assert_string_equal(p.order, "published");
    close_corpus(&c);
}

/* Between two outlets, a rewritten copy is near, not a revision. */
static void test_outlets_copy_not_revise(void **state)
{
    (void)state;
    char a[CAP] = "", b[CAP] = "";
    words(a, CAP, 10, 300);
    strcpy(b, a);
    words(b, CAP, 11, 40);
    corpus c = open_corpus(NULL);
    add_meta(&c, "wire", a, (meta){ "Headline", "Wire", NULL });
    add_meta(&c, "paper", b, (meta){ "Headline", "Paper", NULL });
    expect(&c, 1, SL_DUP_NEAR, 0, 0);
    close_corpus(&c);
}

/* Hard negative: two different stories quoting the same long statement. */
static void test_shared_quote_is_not_duplicate(void **state)
{
    (void)state;
    char quote[CAP] = "", a[CAP] = "", b[CAP] = "";
    words(quote, CAP, 12, 45);
    words(a, CAP, 13, 250);
    strcat(a, quote);
    words(b, CAP, 14, 250);
    strcat(b, quote);
    corpus c = open_corpus(NULL);
    add(&c, "a", a);
    add(&c, "b", b);
    expect(&c, 1, SL_DUP_UNIQUE, NONE, 1);
    assert_int_equal(sl_dedup_pair_count(c.d), 0);
    close_corpus(&c);
}

/* Clusters join through any relation; the id is the earliest member. */
static void test_cluster_is_earliest_member(void **state)
{
    (void)state;
    char a[CAP] = "", other[CAP] = "", brief[CAP] = "";
    words(a, CAP, 15, 300);
    words(other, CAP, 16, 300);
    memcpy(brief, a + 100, 600);
    brief[600] = 0;
    corpus c = open_corpus(NULL);
    add(&c, "other", other);
    add(&c, "brief", brief);
    add(&c, "full", a);
    add(&c, "copy", a);
    expect(&c, 0, SL_DUP_UNIQUE, NONE, 0);
    expect(&c, 1, SL_DUP_CONTAINED, 2, 1);
    expect(&c, 2, SL_DUP_UNIQUE, NONE, 1);
    expect(&c, 3, SL_DUP_EXACT, 2, 1);
    size_t len;
    assert_memory_equal(sl_dedup_id(c.d, result(&c, 3).cluster, &len), "brief", 5);
    close_corpus(&c);
}

/* ---- bad and unusual input ----------------------------------------- */

static void test_empty_and_tiny_documents(void **state)
{
    (void)state;
    corpus c = open_corpus(NULL);
    add(&c, "empty", "");
    add(&c, "blank", "  \n ... ");
    add(&c, "one", "Hello");
    add(&c, "one-again", "hello!");
    add(&c, "other", "Goodbye");
    expect(&c, 0, SL_DUP_UNIQUE, NONE, 0);
    expect(&c, 1, SL_DUP_UNIQUE, NONE, 1);
    expect(&c, 3, SL_DUP_NEAR, 2, 2); /* same words, other punctuation */
    expect(&c, 4, SL_DUP_UNIQUE, NONE, 4);
    close_corpus(&c);
}

static void test_chinese_and_thai(void **state)
{
    (void)state;
    const char *zh = "中国和俄罗斯的领导人今天举行视频会晤，双方讨论了两国关系和国际局势，"
                     "并同意在明年二月再次见面。会议持续了大约一个半小时，气氛友好。";
    char zh2[512];
    snprintf(zh2, sizeof zh2, "%s%s", zh, "新华社报道。");
    const char *th = "ผู้นำทั้งสองประเทศประชุมผ่านวิดีโอในวันพุธเพื่อหารือความสัมพันธ์และสถานการณ์ระหว่างประเทศ";
    corpus c = open_corpus(NULL);
    add(&c, "zh", zh);
    add(&c, "zh2", zh2);
    add(&c, "th", th);
    add(&c, "th2", th);
    expect(&c, 1, SL_DUP_NEAR, 0, 0);
    expect(&c, 2, SL_DUP_UNIQUE, NONE, 2);
    expect(&c, 3, SL_DUP_EXACT, 2, 2);
    close_corpus(&c);
}

static void test_identical_corpus(void **state)
{
    (void)state;
    char a[CAP] = "";
    words(a, CAP, 17, 100);
    corpus c = open_corpus(NULL);
    for (int i = 0; i < 600; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        add(&c, id, a);
    }
    for (uint64_t i = 1; i < 600; i++)
        expect(&c, i, SL_DUP_EXACT, 0, 0);
    assert_int_equal(sl_dedup_pair_count(c.d), 599);
    close_corpus(&c);
}

static void test_ten_megabyte_document(void **state)
{
    (void)state;
    size_t cap = 11u << 20;
    char *big = malloc(cap);
    big[0] = 0;
    words(big, cap, 18, 1400000);
    assert_true(strlen(big) > 10u << 20);
    corpus c = open_corpus(NULL);
    add(&c, "big", big);
    big[5000] = 'Q'; /* an edit deep inside */
    add(&c, "big-edited", big);
    expect(&c, 1, SL_DUP_NEAR, 0, 0);
    close_corpus(&c);
    free(big);
}

/* ---- window, determinism, errors ----------------------------------- */

static void test_window_forgets_old_documents(void **state)
{
    (void)state;
    char a[CAP] = "", x[CAP] = "", y[CAP] = "", z[CAP] = "";
    words(a, CAP, 19, 200);
    words(x, CAP, 20, 200);
    words(y, CAP, 21, 200);
    words(z, CAP, 22, 200);
    sl_dedup_options o = SL_DEDUP_OPTIONS_INIT;
    o.window = 2;
    corpus c = open_corpus(&o);
    add(&c, "a", a);
    add(&c, "x", x);
    add(&c, "a-in-window", a);
    add(&c, "y", y);
    add(&c, "z", z);
    add(&c, "a-too-late", a);
    expect(&c, 2, SL_DUP_EXACT, 0, 0);   /* a is 2 documents back */
    expect(&c, 5, SL_DUP_UNIQUE, NONE, 5); /* a-in-window is 3 back */
    close_corpus(&c);
}

static void run_mixed(corpus *c)
{
    char a[CAP] = "", b[CAP] = "";
    words(a, CAP, 23, 300);
    strcpy(b, a);
    words(b, CAP, 24, 100);
    add(c, "a", a);
    add(c, "b", b);
    add(c, "a2", a);
}

static void test_memory_and_file_spill_agree(void **state)
{
    (void)state;
    sl_dedup_options mem = SL_DEDUP_OPTIONS_INIT, file = SL_DEDUP_OPTIONS_INIT;
    mem.spill_to_file = 0;
    file.spill_to_file = 1;
    corpus m = open_corpus(&mem), f = open_corpus(&file);
    run_mixed(&m);
    run_mixed(&f);
    for (uint64_t i = 0; i < 3; i++) {
        sl_dup x = result(&m, i), y = result(&f, i);
        assert_int_equal(x.relation, y.relation);
        assert_int_equal(x.of, y.of);
        assert_true(x.similarity == y.similarity);
    }
    expect(&m, 1, SL_DUP_REVISION, 0, 0);
    expect(&m, 2, SL_DUP_EXACT, 0, 0);
    close_corpus(&m);
    close_corpus(&f);
}

/* The spill file keeps a tail in memory; records read back whole whether
 * they are in the file, in memory, or straddle the two. */
static void test_setstore_tail(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_setstore st;
    assert_int_equal(sl_setstore_open(&st, ctx, 1), SL_OK);
    st.tail = 100;
    uint64_t off[300];
    size_t len[300];
    unsigned char rec[64], back[64];
    for (size_t i = 0; i < 300; i++) {
        len[i] = 1 + i % 37;
        for (size_t k = 0; k < len[i]; k++)
            rec[k] = (unsigned char)(i * 7 + k);
        /* two appends per record, as dedup does (set, then title words) */
        uint64_t second;
        assert_int_equal(sl_setstore_append(&st, rec, len[i] / 2, &off[i]), SL_OK);
        assert_int_equal(sl_setstore_append(&st, rec + len[i] / 2, len[i] - len[i] / 2, &second),
                         SL_OK);
        if (len[i] / 2 == 0)
            off[i] = second;
    }
    assert_true(st.mem_from > 0); /* the early records left memory */
    for (size_t i = 0; i < 300; i++) {
        assert_int_equal(sl_setstore_read(&st, off[i], back, len[i]), SL_OK);
        for (size_t k = 0; k < len[i]; k++)
            assert_int_equal(back[k], (unsigned char)(i * 7 + k));
    }
    assert_int_equal(sl_setstore_read(&st, st.size, back, 1), SL_EINVAL);
    sl_setstore_close(&st);
    sl_ctx_free(ctx);
}

static void test_bad_options(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_dedup *d = NULL;
    sl_dedup_options o = SL_DEDUP_OPTIONS_INIT;
    o.near = 1.5;
    assert_int_equal(sl_dedup_new(ctx, &d, &o), SL_EINVAL);
    assert_null(d);
    assert_non_null(strstr(sl_errmsg(ctx), "thresholds"));
    o = (sl_dedup_options)SL_DEDUP_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(sl_dedup_new(ctx, &d, &o), SL_EINVAL);
    assert_int_equal(sl_dedup_new(ctx, &d, NULL), SL_OK);
    sl_dup r;
    assert_int_equal(sl_dedup_result(d, 0, &r), SL_EINVAL);
    sl_dedup_free(d);
    sl_dedup_free(NULL);
    sl_dedup_doc_free(NULL);
    sl_ctx_free(ctx);
}

/* Every allocation failure returns SL_ENOMEM, leaves the handle usable
 * and leaks nothing (ASan checks the leaks). */
static void test_allocation_failures(void **state)
{
    (void)state;
    char a[CAP] = "", b[CAP] = "";
    words(a, CAP, 25, 300);
    strcpy(b, a);
    words(b, CAP, 26, 100);
    const char *texts[] = { a, b, a, "short one" };
    for (uint64_t k = 1;; k++) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, k);
        sl_dedup_options o = SL_DEDUP_OPTIONS_INIT;
        o.spill_to_file = 0;
        sl_dedup *d = NULL;
        sl_dedup_doc *p = NULL;
        int rc = sl_dedup_new(ctx, &d, &o);
        if (!rc)
            rc = sl_dedup_doc_new(ctx, &p);
        int failed = rc != SL_OK;
        for (size_t i = 0; !rc && i < 4; i++) {
            rc = sl_dedup_prepare(p, &o, texts[i], strlen(texts[i]), "T", 1, NULL, 0);
            if (!rc)
                rc = sl_dedup_add(d, "id", 2, NULL, 0, p);
            if (rc) {
                failed = 1;
                assert_int_equal(rc, SL_ENOMEM);
                uint64_t before = sl_dedup_count(d);
                sl_ctx_set_fail_alloc_after(ctx, 0); /* the handle still works */
                rc = sl_dedup_prepare(p, &o, texts[i], strlen(texts[i]), "T", 1, NULL, 0);
                assert_int_equal(rc, SL_OK);
                assert_int_equal(sl_dedup_add(d, "id", 2, NULL, 0, p), SL_OK);
                assert_int_equal(sl_dedup_count(d), before + 1);
            }
        }
        if (rc)
            assert_int_equal(rc, SL_ENOMEM);
        sl_dedup_doc_free(p);
        sl_dedup_free(d);
        sl_ctx_free(ctx);
        if (!failed)
            break;
        assert_true(k < 10000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_ignores_spacing),
        cmocka_unit_test(test_near_small_edits),
        cmocka_unit_test(test_contained_both_orders),
        cmocka_unit_test(test_revision_ordered_by_evidence),
        cmocka_unit_test(test_revision_ordered_by_date),
        cmocka_unit_test(test_outlets_copy_not_revise),
        cmocka_unit_test(test_shared_quote_is_not_duplicate),
        cmocka_unit_test(test_cluster_is_earliest_member),
        cmocka_unit_test(test_empty_and_tiny_documents),
        cmocka_unit_test(test_chinese_and_thai),
        cmocka_unit_test(test_identical_corpus),
        cmocka_unit_test(test_ten_megabyte_document),
        cmocka_unit_test(test_window_forgets_old_documents),
        cmocka_unit_test(test_memory_and_file_spill_agree),
        cmocka_unit_test(test_setstore_tail),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
