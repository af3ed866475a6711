/* The passage index (src/dedup/passages.c): winnowing fingerprints and
 * candidate pairs.  All texts are invented here. */
#include "test_util.h"
#include "core/core.h"
#include "dedup/passages.h"

/* ---- helpers ------------------------------------------------------------ */

static void make_word(uint64_t id, char *out)
{
    static const char cons[] = "bdfgklmnprstvz";
    static const char vow[] = "aeiou";
    unsigned syllables = 2 + (unsigned)(id % 3);
    id /= 3;
    size_t n = 0;
    for (unsigned i = 0; i < syllables; i++) {
        out[n++] = cons[id % 14];
        id /= 14;
        out[n++] = vow[id % 5];
        id /= 5;
    }
    out[n] = '\0';
}

static void append_words(sl_buf *b, uint64_t *rng, size_t count)
{
    char word[16];
    for (size_t i = 0; i < count; i++) {
        make_word(test_rng(rng) % 50000, word);
        assert_int_equal(sl_buf_printf(b, "%s ", word), SL_OK);
    }
}

/* A document of `before` random words, the shared passage, `after` more. */
static void make_doc(sl_buf *doc, uint64_t seed, const sl_buf *passage, size_t before, size_t after)
{
    uint64_t rng = seed;
    sl_buf_reset(doc);
    append_words(doc, &rng, before);
    if (passage)
        assert_int_equal(sl_buf_append(doc, passage->ptr, passage->len), SL_OK);
    append_words(doc, &rng, after);
}

static sl_passages *index_new(sl_ctx *ctx, unsigned min_words, unsigned max_df)
{
    sl_passages_options o = SL_PASSAGES_OPTIONS_INIT;
    o.min_words = min_words;
    o.max_df = max_df;
    sl_passages *p = NULL;
    assert_int_equal(sl_passages_new(ctx, &p, &o), SL_OK);
    assert_non_null(p);
    return p;
}

static void add(sl_passages *p, const sl_buf *doc)
{
    assert_int_equal(sl_passages_add(p, doc->ptr, doc->len), SL_OK);
}

/* Candidates of document a as a short list; returns the count. */
static size_t candidates(sl_passages *p, uint32_t a, uint32_t *out, size_t max)
{
    const uint32_t *docs;
    size_t n;
    assert_int_equal(sl_passages_candidates(p, a, &docs, &n), SL_OK);
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = docs[i];
    return n;
}

/* ---- tests -------------------------------------------------------------- */

/* Docs 0 and 2 share a 30-word passage; doc 1 is unrelated. */
static void test_shared_passage_found(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf passage, doc;
    sl_buf_init(&passage, ctx);
    sl_buf_init(&doc, ctx);
    uint64_t rng = 99;
    append_words(&passage, &rng, 30);
    sl_passages *p = index_new(ctx, 25, 50);
    make_doc(&doc, 1, &passage, 200, 100);
    add(p, &doc);
    make_doc(&doc, 2, NULL, 300, 0);
    add(p, &doc);
    make_doc(&doc, 3, &passage, 20, 400);
    add(p, &doc);
    assert_int_equal(sl_passages_finish(p), SL_OK);
    uint32_t c[8];
    assert_int_equal(candidates(p, 0, c, 8), 1);
    assert_int_equal(c[0], 2);
    assert_int_equal(candidates(p, 1, c, 8), 0);
    assert_int_equal(candidates(p, 2, c, 8), 0); /* only later documents */
    sl_passages_stats st;
    sl_passages_get_stats(p, &st);
    assert_int_equal(st.docs, 3);
    assert_true(st.fingerprints > 0 && st.fingerprints < 3 * 500 / 5);
    assert_true(st.bytes > 0 && st.peak_bytes >= st.bytes);
    sl_passages_free(p);
    sl_buf_release(&passage);
    sl_buf_release(&doc);
    sl_ctx_free(ctx);
}

/* The winnowing guarantee: a shared run of exactly min_words words is
 * always found, whatever the words; a run one word shorter is found only
 * by chance and many unrelated documents give no candidates. */
static void test_guarantee_and_unrelated(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf passage, doc;
    sl_buf_init(&passage, ctx);
    sl_buf_init(&doc, ctx);
    for (uint64_t seed = 1; seed <= 60; seed++) {
        unsigned min_words = 6 + (unsigned)(seed % 30);
        uint64_t rng = seed * 1000;
        sl_buf_reset(&passage);
        append_words(&passage, &rng, min_words);
        sl_passages *p = index_new(ctx, min_words, 50);
        make_doc(&doc, seed * 3 + 1, &passage, seed % 50, 80);
        add(p, &doc);
        for (uint64_t u = 0; u < 5; u++) {
            make_doc(&doc, seed * 100 + u, NULL, 150, 0);
            add(p, &doc);
        }
        make_doc(&doc, seed * 3 + 2, &passage, 70 + seed % 7, 10);
        add(p, &doc);
        assert_int_equal(sl_passages_finish(p), SL_OK);
        uint32_t c[8];
        assert_int_equal(candidates(p, 0, c, 8), 1);
        assert_int_equal(c[0], 6);
        for (uint32_t d = 1; d < 6; d++)
            assert_int_equal(candidates(p, d, c, 8), 0);
        sl_passages_free(p);
    }
    sl_buf_release(&passage);
    sl_buf_release(&doc);
    sl_ctx_free(ctx);
}

/* A passage in 5 documents: candidates with max_df 5, none with max_df 4. */
static void test_frequency_cap(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf passage, doc;
    sl_buf_init(&passage, ctx);
    sl_buf_init(&doc, ctx);
    uint64_t rng = 5;
    append_words(&passage, &rng, 40);
    for (unsigned max_df = 4; max_df <= 5; max_df++) {
        sl_passages *p = index_new(ctx, 25, max_df);
        for (uint64_t d = 0; d < 5; d++) {
            make_doc(&doc, 70 + d, &passage, 50 + d, 50);
            add(p, &doc);
        }
        assert_int_equal(sl_passages_finish(p), SL_OK);
        uint32_t c[8];
        size_t n = candidates(p, 0, c, 8);
        bool rare;
        /* the passage itself (no text around it) */
        assert_int_equal(sl_passages_rare(p, passage.ptr, passage.len, &rare), SL_OK);
        if (max_df == 4) {
            /* windows reaching past the passage's ends may still pair some
             * documents, but the passage is known to be common */
            assert_false(rare);
            assert_true(n < 4);
        } else {
            assert_true(rare);
            assert_int_equal(n, 4);
            for (uint32_t i = 0; i < 4; i++)
                assert_int_equal(c[i], i + 1);
        }
        sl_passages_stats st;
        sl_passages_get_stats(p, &st);
        assert_true(max_df == 4 ? st.common > 0 : st.common == 0);
        sl_passages_free(p);
    }
    sl_buf_release(&passage);
    sl_buf_release(&doc);
    sl_ctx_free(ctx);
}

/* The same documents give the same candidates, however the table grew
 * (many distinct fingerprints force several rehashes). */
static void test_deterministic(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf doc, passage;
    sl_buf_init(&doc, ctx);
    sl_buf_init(&passage, ctx);
    uint32_t first[64][16];
    size_t first_n[64];
    for (int round = 0; round < 2; round++) {
        sl_passages *p = index_new(ctx, 25, 50);
        for (uint64_t d = 0; d < 64; d++) {
            uint64_t rng = d % 8; /* 8 passages, each in 8 documents */
            sl_buf_reset(&passage);
            append_words(&passage, &rng, 30);
            make_doc(&doc, 1000 + d, &passage, 100 + d, 300);
            add(p, &doc);
        }
        assert_int_equal(sl_passages_finish(p), SL_OK);
        for (uint32_t d = 0; d < 64; d++) {
            uint32_t c[16];
            size_t n = candidates(p, d, c, 16);
            assert_int_equal(n, 7 - d / 8);
            if (round == 0) {
                first_n[d] = n;
                memcpy(first[d], c, n * sizeof *c);
            } else {
                assert_int_equal(n, first_n[d]);
                assert_memory_equal(c, first[d], n * sizeof *c);
            }
            for (size_t i = 0; i < n; i++)
                assert_int_equal(c[i] % 8, d % 8);
        }
        sl_passages_free(p);
    }
    sl_buf_release(&doc);
    sl_buf_release(&passage);
    sl_ctx_free(ctx);
}

static void test_bad_use(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_passages *p = NULL;
    sl_passages_options o = SL_PASSAGES_OPTIONS_INIT;
    o.min_words = 0;
    assert_int_equal(sl_passages_new(ctx, &p, &o), SL_EINVAL);
    assert_null(p);
    p = index_new(ctx, 3, 2);
    const uint32_t *docs;
    size_t n;
    assert_int_equal(sl_passages_add(p, "", 0), SL_OK);
    assert_int_equal(sl_passages_add(p, "tiny", 4), SL_OK);
    assert_int_equal(sl_passages_add(p, "x tiny a b c", 12), SL_OK);
    assert_int_equal(sl_passages_add(p, "a b c", 5), SL_OK);
    assert_int_equal(sl_passages_candidates(p, 0, &docs, &n), SL_EINVAL);
    bool rare = true;
    assert_int_equal(sl_passages_rare(p, "a b c", 5, &rare), SL_EINVAL);
    assert_false(rare);
    assert_int_equal(sl_passages_finish(p), SL_OK);
    assert_int_equal(sl_passages_rare(p, "a b c", 5, &rare), SL_OK);
    assert_true(rare);
    assert_int_equal(sl_passages_rare(p, "q r s", 5, &rare), SL_OK);
    assert_false(rare); /* not in the index at all */
    assert_int_equal(sl_passages_add(p, "late", 4), SL_EINVAL);
    assert_int_equal(sl_passages_candidates(p, 4, &docs, &n), SL_EINVAL);
    assert_int_equal(sl_passages_candidates(p, 0, &docs, &n), SL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(sl_passages_candidates(p, 2, &docs, &n), SL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(docs[0], 3);
    sl_passages_free(p);
    sl_passages_free(NULL);
    sl_ctx_free(ctx);
}

/* Allocation failures in add, finish and candidates return SL_ENOMEM and
 * leave the index usable; the final answer is the same as without them. */
static void test_oom_sweep(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_ctx *buf_ctx = test_ctx(); /* the test's own buffers never fail */
    sl_buf passage, doc;
    sl_buf_init(&passage, buf_ctx);
    sl_buf_init(&doc, buf_ctx);
    uint64_t rng = 3;
    append_words(&passage, &rng, 30);
    unsigned failures = 0;
    bool done = false;
    for (uint64_t k = 1; k < 500 && !done; k++) {
        sl_passages *p = NULL;
        sl_ctx_set_fail_alloc_after(ctx, k);
        int rc = sl_passages_new(ctx, &p, NULL);
        for (uint64_t d = 0; d < 20 && rc == SL_OK; d++) {
            make_doc(&doc, 500 + d, d % 5 ? NULL : &passage, 100, 100);
            rc = sl_passages_add(p, doc.ptr, doc.len);
        }
        if (rc == SL_OK)
            rc = sl_passages_finish(p);
        const uint32_t *docs = NULL;
        size_t n = 0;
        if (rc == SL_OK)
            rc = sl_passages_candidates(p, 0, &docs, &n);
        sl_ctx_set_fail_alloc_after(ctx, 0);
        if (rc == SL_OK) {
            done = true;
            assert_int_equal(n, 3);
            assert_int_equal(docs[0], 5);
            assert_int_equal(docs[2], 15);
        } else {
            assert_int_equal(rc, SL_ENOMEM);
            failures++;
        }
        sl_passages_free(p);
    }
    assert_true(done);
    assert_true(failures > 10);
    sl_buf_release(&passage);
    sl_buf_release(&doc);
    sl_ctx_free(buf_ctx);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_passage_found),
        cmocka_unit_test(test_guarantee_and_unrelated),
        cmocka_unit_test(test_frequency_cap),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_bad_use),
        cmocka_unit_test(test_oom_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
