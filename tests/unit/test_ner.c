/* Named-entity recognition: tokeniser, shipped model on sentences written
 * for this test, model file validation, allocation failures. */
#include "test_util.h"

#include "facts/ner.h"

#include <xxhash.h>

#define MODEL_PATH SL_SOURCE_DIR "/data/models/ner-en.slm"
#define TINY_GAZ "0\tZorbland\n3\tNew Zorb City\n"

/* ---- tokeniser -------------------------------------------------------- */

static void expect_tokens(const char *text, const char *const *want, size_t nwant)
{
    sl_ctx *ctx = test_ctx();
    sl_ner_token *toks = NULL;
    size_t cap = 0, n = 0;
    assert_int_equal(sl_ner_tokenize(ctx, text, strlen(text), &toks, &cap, &n), SL_OK);
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n; i++) {
        size_t len = toks[i].end - toks[i].start;
        assert_int_equal(len, strlen(want[i]));
        assert_memory_equal(text + toks[i].start, want[i], len);
    }
    sl_free(ctx, toks);
    sl_ctx_free(ctx);
}

static void test_tokenize_punctuation(void **state)
{
    (void)state;
    const char *const want[] = { "Mr.", "Brandt", "'s", "firm", "(", "Kessel", "Corp.", ")",
                                 "moved", "to", "the", "U.S.", "in", "2019", "." };
    expect_tokens("Mr. Brandt's firm (Kessel Corp.) moved to the U.S. in 2019.", want,
                  sizeof want / sizeof want[0]);
    const char *const quotes[] = { "\xE2\x80\x9C", "We", "won", "\xE2\x80\x9D", ",", "she",
                                   "said", "\xE2\x80\x94", "twice", "..." };
    expect_tokens("\xE2\x80\x9CWe won\xE2\x80\x9D, she said\xE2\x80\x94twice...", quotes,
                  sizeof quotes / sizeof quotes[0]);
    /* the longest abbreviations; a longer word gives up its period; two em
     * dashes in one chunk, and an E2 byte that starts no dash */
    const char *const more[] = { "Messrs.", "Abcdefg", ".", "x", "\xE2\x80\x94", "y\xE2\x80\x99z",
                                 "\xE2\x80\x94", "w" };
    expect_tokens("Messrs. Abcdefg. x\xE2\x80\x94y\xE2\x80\x99z\xE2\x80\x94w", more,
                  sizeof more / sizeof more[0]);
}

static void test_tokenize_odd_input(void **state)
{
    (void)state;
    const char *const want[] = { "a\xFF" "b", "--", "'s", "x" };
    expect_tokens(" a\xFF" "b\t-- 's\n\nx ", want, 4);
    expect_tokens("", NULL, 0);
    expect_tokens(" \n\t ", NULL, 0);
}

static void test_sentence_ends(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    const char *text = "Dr. Ruiz left. Then he said \"Stop.\" Again\nnext line";
    sl_ner_token *toks = NULL;
    size_t cap = 0, n = 0;
    assert_int_equal(sl_ner_tokenize(ctx, text, strlen(text), &toks, &cap, &n), SL_OK);
    /* Dr. | Ruiz | left | . | Then | he | said | " | Stop | . | " | Again | next | line */
    assert_int_equal(n, 14);
    bool ends[14];
    for (size_t i = 0; i < n; i++)
        ends[i] = sl_ner_sentence_ends(text, toks, n, i);
    assert_false(ends[0]); /* "Dr." is an abbreviation, not a sentence end */
    assert_true(ends[3]);
    assert_false(ends[9]); /* the quote closes first */
    assert_true(ends[10]);
    assert_true(ends[11]); /* end of the line */
    assert_true(ends[13]);
    assert_true(toks[12].line_start);
    sl_free(ctx, toks);
    sl_ctx_free(ctx);
}

/* ---- the shipped model ------------------------------------------------ */

static sl_ner_model *shipped_model(sl_ctx *ctx)
{
    sl_ner_model *m = NULL;
    int rc = sl_ner_model_load(ctx, MODEL_PATH, &m);
    if (rc)
        fail_msg("cannot load %s: %s", MODEL_PATH, sl_errmsg(ctx));
    return m;
}

typedef struct want_span {
    const char *text;
    int type;
} want_span;

/* Every wanted entity is found with its exact span and type. */
static void expect_entities(const sl_ner_model *m, const char *text, const want_span *want,
                            size_t nwant)
{
    sl_ctx *ctx = test_ctx();
    sl_ner_span *spans = NULL;
    size_t n = 0;
    assert_int_equal(sl_ner_tag(ctx, m, text, strlen(text), &spans, &n), SL_OK);
    for (size_t w = 0; w < nwant; w++) {
        const char *at = strstr(text, want[w].text);
        assert_non_null(at);
        size_t start = (size_t)(at - text), end = start + strlen(want[w].text);
        bool found = false;
        for (size_t i = 0; i < n; i++)
            found |= spans[i].start == start && spans[i].end == end && spans[i].type == want[w].type;
        if (!found)
            fail_msg("%s: no %s entity \"%s\"", text, sl_ner_type_name(want[w].type), want[w].text);
    }
    for (size_t i = 1; i < n; i++)
        assert_true(spans[i].start >= spans[i - 1].end); /* in order, no overlap */
    sl_free(ctx, spans);
    sl_ctx_free(ctx);
}

static void test_tag_sentences(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_ner_model *m = shipped_model(ctx);
    const want_span a[] = { { "Angela Merkel", SL_NER_PER }, { "Emmanuel Macron", SL_NER_PER },
                            { "Paris", SL_NER_LOC } };
    expect_entities(m, "Angela Merkel met Emmanuel Macron in Paris on Tuesday.", a, 3);
    const want_span b[] = { { "United Nations", SL_NER_ORG }, { "Geneva", SL_NER_LOC },
                            { "Reuters", SL_NER_ORG } };
    expect_entities(m, "The United Nations said talks in Geneva would resume next week, "
                       "according to Reuters.", b, 3);
    const want_span c[] = { { "Texas", SL_NER_LOC }, { "Germans", SL_NER_MISC } };
    expect_entities(m, "The plant opened in 1999.\nIt now employs 300 people in Texas, "
                       "most of them Germans.", c, 2);
    sl_ner_model_free(m);
    sl_ctx_free(ctx);
}

/* A headline in capitals: case carries no information there. */
static void test_tag_all_caps(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_ner_model *m = shipped_model(ctx);
    const want_span a[] = { { "FRANCE", SL_NER_LOC }, { "ROME", SL_NER_LOC } };
    expect_entities(m, "FRANCE BEAT ITALY IN ROME", a, 2);
    sl_ner_model_free(m);
    sl_ctx_free(ctx);
}

/* Results tables: clubs named after places are ORG (the CoNLL convention),
 * the dateline city is LOC, and countries stay LOC as national sides. */
static void test_tag_sports_results(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_ner_model *m = shipped_model(ctx);
    const want_span a[] = { { "AMSTERDAM", SL_NER_LOC }, { "Utrecht", SL_NER_ORG },
                            { "Groningen", SL_NER_ORG }, { "Heerenveen", SL_NER_ORG },
                            { "Tilburg", SL_NER_ORG } };
    expect_entities(m, "SOCCER - DUTCH LEAGUE RESULTS .\nAMSTERDAM 2026-03-01\n"
                       "Utrecht 2 Groningen 1\nEindhoven 0 Breda 0\nHeerenveen 3 Tilburg 2", a, 5);
    const want_span b[] = { { "France", SL_NER_LOC }, { "Italy", SL_NER_LOC } };
    expect_entities(m, "France beat Italy 2-1 in Rome on Saturday.", b, 2);
    sl_ner_model_free(m);
    sl_ctx_free(ctx);
}

/* An unknown company name with a company word. */
static void test_tag_company(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_ner_model *m = shipped_model(ctx);
    const want_span a[] = { { "Kessler Holdings", SL_NER_ORG }, { "Otto Brandt", SL_NER_PER },
                            { "Vienna", SL_NER_LOC } };
    expect_entities(m, "Investors bought shares of Kessler Holdings after the company said profit "
                       "doubled, chairman Otto Brandt told reporters in Vienna.", a, 3);
    sl_ner_model_free(m);
    sl_ctx_free(ctx);
}

static void test_tag_edge_cases(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_ner_model *m = shipped_model(ctx);
    sl_ner_span *spans = (sl_ner_span *)&spans;
    size_t n = 99;
    assert_int_equal(sl_ner_tag(ctx, m, "", 0, &spans, &n), SL_OK);
    assert_null(spans);
    assert_int_equal(n, 0);
    assert_int_equal(sl_ner_tag(ctx, m, "no names here at all .", 22, &spans, &n), SL_OK);
    assert_int_equal(n, 0);
    const char bad[] = "\xC3\x28 Paris \xF0\x9F ... \x80";
    assert_int_equal(sl_ner_tag(ctx, m, bad, sizeof bad - 1, &spans, &n), SL_OK);
    for (size_t i = 0; i < n; i++)
        assert_true(spans[i].end <= sizeof bad - 1 && spans[i].start < spans[i].end);
    sl_free(ctx, spans);
    assert_int_equal(sl_ner_tag(ctx, NULL, "x", 1, &spans, &n), SL_EINVAL);
    assert_int_equal(sl_ner_tag(ctx, m, NULL, 1, &spans, &n), SL_EINVAL);
    assert_null(sl_ner_type_name(SL_NER_NTYPES));
    assert_string_equal(sl_ner_type_name(SL_NER_MISC), "MISC");
    sl_ner_model_free(m);
    sl_ner_model_free(NULL);
    sl_ctx_free(ctx);
}

/* ---- model file validation -------------------------------------------- */

/* A tiny model written with the library's writer: one feature that makes
 * "Zorbland" a LOC, a gazetteer of two phrases. */
static void tiny_model(sl_ctx *ctx, sl_buf *out)
{
    int16_t trans[(SL_NER_NTAGS + 1) * SL_NER_NTAGS] = { 0 };
    sl_ner_word w = { "Zorbland", 8 };
    sl_ner_feats f;
    sl_ner_feats_init(&f, ctx);
    assert_int_equal(sl_ner_features(&f, NULL, NULL, &w, 1), SL_OK);
    uint32_t keys[1] = { f.keys[1] }; /* the lower-cased word */
    sl_ner_feats_release(&f);
    int16_t weights[SL_NER_NTAGS] = { 0 };
    weights[SL_NER_TAG_B(SL_NER_LOC)] = 100;
    assert_int_equal(sl_ner_model_write(out, trans, keys, weights, 1, TINY_GAZ, strlen(TINY_GAZ)),
                     SL_OK);
}

static void test_tiny_model(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf b;
    sl_buf_init(&b, ctx);
    tiny_model(ctx, &b);
    sl_ner_model *m = NULL;
    assert_int_equal(sl_ner_model_load_mem(ctx, b.ptr, b.len, &m), SL_OK);
    const char *text = "We flew to Zorbland today.";
    sl_ner_span *spans = NULL;
    size_t n = 0;
    assert_int_equal(sl_ner_tag(ctx, m, text, strlen(text), &spans, &n), SL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(spans[0].start, 11);
    assert_int_equal(spans[0].end, 19);
    assert_int_equal(spans[0].type, SL_NER_LOC);
    sl_free(ctx, spans);
    sl_ner_model_free(m);
    sl_buf_release(&b);
    sl_ctx_free(ctx);
}

static void expect_refused(sl_ctx *ctx, const void *data, size_t len)
{
    sl_ner_model *m = (sl_ner_model *)&m;
    assert_int_equal(sl_ner_model_load_mem(ctx, data, len, &m), SL_EPARSE);
    assert_null(m);
    assert_true(strlen(sl_errmsg(ctx)) > 0);
}

static void test_corrupt_model(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    size_t len = 0;
    char *data = test_read_file(MODEL_PATH, &len);
    assert_non_null(data);
    assert_true(len > 1000);
    const size_t cuts[] = { 0, 1, 7, 8, 31, 32, 200, len / 2, len - 5, len - 1 };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
        expect_refused(ctx, data, cuts[i]); /* truncated */
    uint64_t rng = 42;
    for (int i = 0; i < 50; i++) { /* one flipped bit anywhere */
        size_t at = (size_t)(test_rng(&rng) % len);
        unsigned char bit = (unsigned char)(1u << (test_rng(&rng) % 8));
        data[at] ^= (char)bit;
        expect_refused(ctx, data, len);
        data[at] ^= (char)bit;
    }
    for (size_t i = 0; i < len; i++) /* noise */
        data[i] = (char)test_rng(&rng);
    expect_refused(ctx, data, len);
    free(data);
    sl_ctx_free(ctx);
}

/* Damage that keeps the checksum right: the structure checks must catch it. */
static void rechecksum(sl_buf *b)
{
    uint64_t h = XXH3_64bits(b->ptr, b->len - 4);
    for (int i = 0; i < 4; i++)
        b->ptr[b->len - 4 + i] = (char)(h >> (8 * i));
}

static void test_inconsistent_model(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf b;
    sl_buf_init(&b, ctx);
    tiny_model(ctx, &b);
    const size_t fields[] = { 8, 12, 16, 20, 24, 28 }; /* header words */
    const uint32_t values[] = { 0, 1, 2, 1000, 0xFFFFFFFFu };
    for (size_t f = 0; f < 6; f++) {
        for (size_t v = 0; v < 5; v++) {
            char saved[4];
            memcpy(saved, b.ptr + fields[f], 4);
            uint32_t x = values[v];
            unsigned char le[4] = { (unsigned char)x, (unsigned char)(x >> 8),
                                    (unsigned char)(x >> 16), (unsigned char)(x >> 24) };
            if (memcmp(le, saved, 4) == 0)
                continue;
            memcpy(b.ptr + fields[f], le, 4);
            rechecksum(&b);
            expect_refused(ctx, b.ptr, b.len);
            memcpy(b.ptr + fields[f], saved, 4);
        }
    }
    /* a gazetteer line without its category */
    char *gaz = b.ptr + b.len - 4 - strlen(TINY_GAZ);
    assert_memory_equal(gaz, TINY_GAZ, strlen(TINY_GAZ));
    gaz[0] = 'x';
    rechecksum(&b);
    expect_refused(ctx, b.ptr, b.len);
    sl_buf_release(&b);
    sl_ctx_free(ctx);
}

static void test_missing_file(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_ner_model *m = NULL;
    assert_int_equal(sl_ner_model_load(ctx, SL_SOURCE_DIR "/no/such/model.slm", &m), SL_EIO);
    assert_null(m);
    assert_int_equal(sl_ner_model_load(ctx, NULL, &m), SL_EINVAL);
    sl_ctx_free(ctx);
}

/* ---- allocation failures ---------------------------------------------- */

/* Every allocation failure while loading or tagging returns SL_ENOMEM,
 * leaks nothing (ASan checks) and leaves the model usable. */
static void test_allocation_failures(void **state)
{
    (void)state;
    sl_ctx *base = test_ctx();
    sl_buf tiny;
    sl_buf_init(&tiny, base);
    tiny_model(base, &tiny);
    sl_ner_model *shipped = shipped_model(base);
    const char *text = "Officials in Zorbland said on Monday that Maria Lopez of the "
                       "World Bank would visit New Zorb City.\nSECOND LINE IN CAPITALS . "
                       "Another sentence follows here.";
    for (uint64_t k = 1;; k++) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, k);
        sl_ner_model *m = NULL;
        sl_ner_span *spans = NULL;
        size_t n = 0;
        int rc = sl_ner_model_load_mem(ctx, tiny.ptr, tiny.len, &m);
        int failed = rc != SL_OK;
        if (rc) {
            assert_int_equal(rc, SL_ENOMEM);
            assert_null(m);
        } else {
            rc = sl_ner_tag(ctx, m, text, strlen(text), &spans, &n);
            failed |= rc != SL_OK;
            if (rc) {
                assert_int_equal(rc, SL_ENOMEM);
                assert_null(spans);
            }
            sl_free(ctx, spans);
            rc = sl_ner_tag(ctx, shipped, text, strlen(text), &spans, &n);
            failed |= rc != SL_OK;
            if (rc)
                assert_int_equal(rc, SL_ENOMEM);
            sl_free(ctx, spans);
            sl_ctx_set_fail_alloc_after(ctx, 0); /* the model still works */
            assert_int_equal(sl_ner_tag(ctx, m, text, strlen(text), &spans, &n), SL_OK);
            assert_true(n >= 1);
            sl_free(ctx, spans);
        }
        sl_ner_model_free(m);
        sl_ctx_free(ctx);
        if (!failed)
            break;
        assert_true(k < 10000);
    }
    sl_ner_model_free(shipped);
    sl_buf_release(&tiny);
    sl_ctx_free(base);
}

/* ---- Viterbi ---------------------------------------------------------- */

/* The decoder as first written: for each tag, the tags allowed before it in
 * increasing order, the first of equal scores kept. */
static void reference_viterbi(const float *emit, const float *trans, size_t n, uint8_t *tags)
{
    enum { T = SL_NER_NTAGS };
    float score[64][T];
    uint8_t back[64][T];
    for (int t = 0; t < T; t++)
        score[0][t] = SL_NER_TAG_IS_I(t) ? -1e30f : trans[t] + emit[t];
    for (size_t i = 1; i < n; i++) {
        for (int t = 0; t < T; t++) {
            int first = SL_NER_TAG_IS_I(t) ? t - 1 : 0, last = SL_NER_TAG_IS_I(t) ? t : T - 1;
            int best = 0;
            float best_score = -1e30f;
            for (int p = first; p <= last; p++) {
                float v = score[i - 1][p] + trans[(p + 1) * T + t];
                if (v > best_score) {
                    best_score = v;
                    best = p;
                }
            }
            score[i][t] = best_score + emit[i * T + t];
            back[i][t] = (uint8_t)best;
        }
    }
    int best = 0;
    for (int t = 1; t < T; t++)
        if (score[n - 1][t] > score[n - 1][best])
            best = t;
    for (size_t i = n; i-- > 0;) {
        tags[i] = (uint8_t)best;
        if (i > 0)
            best = back[i][best];
    }
}

/* The vectorised decoder gives the same tags as the reference, ties and
 * forbidden transitions included (small integer scores make ties common). */
static void test_viterbi_matches_reference(void **state)
{
    (void)state;
    enum { T = SL_NER_NTAGS, MAXN = 64 };
    uint64_t seed = 12345;
    float trans[(T + 1) * T], emit[MAXN * T], scratch[2 * T];
    uint8_t back[MAXN * T], got[MAXN], want[MAXN];
    for (int round = 0; round < 2000; round++) {
        size_t n = 1 + (size_t)(round % MAXN);
        int range = round % 3 == 0 ? 3 : 2000; /* few values: many ties */
        for (size_t k = 0; k < (T + 1) * T; k++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            trans[k] = (float)((int)(seed >> 33) % range - range / 2);
        }
        for (size_t k = 0; k < n * T; k++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            emit[k] = (float)((int)(seed >> 33) % range - range / 2);
        }
        sl_ner_viterbi(emit, trans, n, back, scratch, got);
        reference_viterbi(emit, trans, n, want);
        assert_memory_equal(got, want, n);
        for (size_t i = 1; i < n; i++) /* I-X only after B-X or I-X */
            if (SL_NER_TAG_IS_I(got[i]))
                assert_true(got[i - 1] == got[i] || got[i - 1] == got[i] - 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokenize_punctuation),
        cmocka_unit_test(test_tokenize_odd_input),
        cmocka_unit_test(test_sentence_ends),
        cmocka_unit_test(test_viterbi_matches_reference),
        cmocka_unit_test(test_tag_sentences),
        cmocka_unit_test(test_tag_all_caps),
        cmocka_unit_test(test_tag_sports_results),
        cmocka_unit_test(test_tag_company),
        cmocka_unit_test(test_tag_edge_cases),
        cmocka_unit_test(test_tiny_model),
        cmocka_unit_test(test_corrupt_model),
        cmocka_unit_test(test_inconsistent_model),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
