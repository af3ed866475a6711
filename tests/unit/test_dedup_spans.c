/* Exact shared spans between two texts (src/dedup/spans.c) and the
 * tokeniser they share with shingles.  All texts are invented here. */
#include "test_util.h"
#include "core/core.h"
#include "dedup/shingle.h"
#include "dedup/spans.h"

/* ---- helpers ------------------------------------------------------------ */

/* An invented word of 2 to 4 consonant-vowel syllables picked from `id`. */
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

/* Append `count` random words, each followed by a space. */
static void append_words(sl_buf *b, uint64_t *rng, size_t count)
{
    char word[16];
    for (size_t i = 0; i < count; i++) {
        make_word(test_rng(rng) % 50000, word);
        assert_int_equal(sl_buf_printf(b, "%s ", word), SL_OK);
    }
}

static sl_spans spans_of(sl_ctx *ctx, const char *a, const char *b, unsigned min_words)
{
    sl_spans s;
    sl_spans_init(&s, ctx);
    assert_int_equal(sl_shared_spans(&s, a, strlen(a), b, strlen(b), min_words), SL_OK);
    return s;
}

/* The span's bytes in a and b, as strings to compare in assertions. */
static void assert_span_text(const char *a, const char *b, const sl_span *sp, const char *want_a,
                             const char *want_b)
{
    assert_int_equal(sp->a_end - sp->a_start, strlen(want_a));
    assert_memory_equal(a + sp->a_start, want_a, strlen(want_a));
    assert_int_equal(sp->b_end - sp->b_start, strlen(want_b));
    assert_memory_equal(b + sp->b_start, want_b, strlen(want_b));
}

/* ---- the tokeniser -------------------------------------------------------- */

static void test_tokens_with_offsets(void **state)
{
    (void)state;
    const char *text = "  Hello, WORLD! caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87x";
    sl_tokenizer t;
    sl_token tok[8];
    size_t n = 0;
    sl_tokenizer_init(&t, text, strlen(text));
    while (n < 8 && sl_token_next(&t, &tok[n]))
        n++;
    assert_int_equal(n, 6);
    size_t want[6][2] = { { 2, 7 }, { 9, 14 }, { 16, 21 }, { 22, 25 }, { 25, 28 }, { 28, 29 } };
    unsigned kinds[6] = { SL_TOKEN_WORD, SL_TOKEN_WORD, SL_TOKEN_WORD, SL_TOKEN_CJK, SL_TOKEN_CJK,
                          SL_TOKEN_WORD };
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(tok[i].start, want[i][0]);
        assert_int_equal(tok[i].end, want[i][1]);
        assert_int_equal(tok[i].kind, kinds[i]);
    }
    /* case folds: "WORLD" hashes like "world" */
    sl_tokenizer_init(&t, "world", 5);
    sl_token w;
    assert_true(sl_token_next(&t, &w));
    assert_true(w.hash == tok[1].hash);
    assert_false(sl_token_next(&t, &w));
}

/* ---- spans ---------------------------------------------------------------- */

static void test_simple_span(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    const char *a = "Intro words here. one two three four five six seven eight. Other end.";
    const char *b = "Something else: one two three four five six seven eight and more";
    sl_spans s = spans_of(ctx, a, b, 5);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].words, 8);
    assert_span_text(a, b, &s.v[0], "one two three four five six seven eight",
                     "one two three four five six seven eight");
    assert_int_equal(s.a_words, 13);
    assert_int_equal(s.b_words, 12);
    assert_int_equal(s.shared_words, 8);
    /* too short for min_words 9 */
    assert_int_equal(sl_shared_spans(&s, a, strlen(a), b, strlen(b), 9), SL_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.shared_words, 0);
    sl_spans_release(&s);
    sl_ctx_free(ctx);
}

static void test_case_and_punctuation(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    const char *a = "He said: \"We will not sign any budget that forgets the people of the port.\" Then left.";
    const char *b = "we WILL not sign, any budget -- that forgets the People of the Port!";
    sl_spans s = spans_of(ctx, a, b, 10);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].words, 13);
    assert_span_text(a, b, &s.v[0], "We will not sign any budget that forgets the people of the port",
                     "we WILL not sign, any budget -- that forgets the People of the Port");
    sl_spans_release(&s);
    sl_ctx_free(ctx);
}

/* A 30-word passage inside two otherwise different 300-word texts. */
static void test_passage_in_long_texts(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf a, b, passage;
    sl_buf_init(&a, ctx);
    sl_buf_init(&b, ctx);
    sl_buf_init(&passage, ctx);
    uint64_t rng = 42;
    append_words(&passage, &rng, 30);
    passage.len--; /* no trailing space: the span ends at the last word */
    append_words(&a, &rng, 120);
    size_t a_at = a.len;
    assert_int_equal(sl_buf_append(&a, passage.ptr, passage.len), SL_OK);
    assert_int_equal(sl_buf_puts(&a, ". "), SL_OK);
    append_words(&a, &rng, 150);
    append_words(&b, &rng, 200);
    size_t b_at = b.len;
    assert_int_equal(sl_buf_append(&b, passage.ptr, passage.len), SL_OK);
    assert_int_equal(sl_buf_puts(&b, ", "), SL_OK);
    append_words(&b, &rng, 70);

    sl_spans s;
    sl_spans_init(&s, ctx);
    assert_int_equal(sl_shared_spans(&s, a.ptr, a.len, b.ptr, b.len, 25), SL_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].words, 30);
    assert_int_equal(s.v[0].a_start, a_at);
    assert_int_equal(s.v[0].a_end, a_at + passage.len);
    assert_int_equal(s.v[0].b_start, b_at);
    assert_int_equal(s.v[0].b_end, b_at + passage.len);
    assert_int_equal(s.a_words, 300);
    assert_int_equal(s.b_words, 300);
    sl_spans_release(&s);
    sl_buf_release(&a);
    sl_buf_release(&b);
    sl_buf_release(&passage);
    sl_ctx_free(ctx);
}

/* Texts sharing many runs of random lengths: every span has at least
 * min_words words, lies on whole tokens, spans are in b's order and never
 * overlap on either side, and every shared run of min_words or more is
 * found. */
static void test_spans_invariants(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf a, b, run;
    sl_buf_init(&a, ctx);
    sl_buf_init(&b, ctx);
    sl_buf_init(&run, ctx);
    sl_spans s;
    sl_spans_init(&s, ctx);
    for (uint64_t seed = 1; seed <= 40; seed++) {
        uint64_t rng = seed;
        sl_buf_reset(&a);
        sl_buf_reset(&b);
        size_t long_runs = 0, long_words = 0;
        for (int r = 0; r < 12; r++) {
            size_t len = 3 + test_rng(&rng) % 30;
            sl_buf_reset(&run);
            append_words(&run, &rng, len);
            append_words(&a, &rng, 1 + test_rng(&rng) % 20);
            append_words(&b, &rng, 1 + test_rng(&rng) % 20);
            assert_int_equal(sl_buf_append(&a, run.ptr, run.len), SL_OK);
            assert_int_equal(sl_buf_append(&b, run.ptr, run.len), SL_OK);
            if (len >= 12) {
                long_runs++;
                long_words += len;
            }
        }
        assert_int_equal(sl_shared_spans(&s, a.ptr, a.len, b.ptr, b.len, 12), SL_OK);
        assert_int_equal(s.n, long_runs);
        assert_int_equal(s.shared_words, long_words);
        for (size_t i = 0; i < s.n; i++) {
            const sl_span *sp = &s.v[i];
            assert_true(sp->words >= 12);
            assert_true(sp->a_end > sp->a_start && sp->b_end > sp->b_start);
            assert_memory_equal(a.ptr + sp->a_start, b.ptr + sp->b_start, sp->a_end - sp->a_start);
            assert_true(sp->a_start == 0 || a.ptr[sp->a_start - 1] == ' ');
            assert_true(a.ptr[sp->a_end] == ' ');
            if (i > 0) {
                assert_true(sp->b_start > s.v[i - 1].b_end);
                assert_true(sp->a_start > s.v[i - 1].a_end);
            }
        }
    }
    sl_spans_release(&s);
    sl_buf_release(&a);
    sl_buf_release(&b);
    sl_buf_release(&run);
    sl_ctx_free(ctx);
}

/* A passage twice in b but once in a is reported once: a's words are not
 * used twice. */
static void test_no_duplicate_spans(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    const char *p = "alpha bravo charlie delta echo foxtrot golf hotel india juliet";
    char a[256], b[512];
    snprintf(a, sizeof a, "start %s end", p);
    snprintf(b, sizeof b, "%s middle words %s", p, p);
    sl_spans s = spans_of(ctx, a, b, 5);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].b_start, 0);
    assert_int_equal(s.v[0].words, 10);
    /* and the other way round: b has it once, a twice */
    assert_int_equal(sl_shared_spans(&s, b, strlen(b), a, strlen(a), 5), SL_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].a_start, 0); /* the earliest place in a wins */
    sl_spans_release(&s);
    sl_ctx_free(ctx);
}

static void test_cjk(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    /* 12 Han characters shared; punctuation differs */
    const char *shared_a = "\xe6\xb8\xaf\xe5\x8f\xa3\xe5\xb7\xa5\xe4\xba\xba\xe4\xbb\x8a\xe5\xa4\xa9"
                           "\xe5\x81\x9c\xe5\xb7\xa5\xe4\xb8\x89\xe5\xa4\xa9\xe4\xbb\xa5\xe4\xb8\x8a";
    char a[256], b[256];
    snprintf(a, sizeof a, "\xe5\xb8\x82\xe9\x95\xbf\xe8\xaf\xb4\xef\xbc\x9a%s\xe3\x80\x82", shared_a);
    snprintf(b, sizeof b, "\xe6\x8a\xa5\xe9\x81\x93\xe7\xa7\xb0%s\xef\xbc\x8c\xe5\xa5\xbd", shared_a);
    sl_spans s = spans_of(ctx, a, b, 10);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].words, 12);
    assert_int_equal(s.v[0].a_start, 12); /* after 3 characters and a full-width colon */
    assert_int_equal(s.v[0].a_end, 12 + strlen(shared_a));
    assert_int_equal(s.v[0].b_start, 9);
    assert_int_equal(s.v[0].b_end, 9 + strlen(shared_a));
    sl_spans_release(&s);
    sl_ctx_free(ctx);
}

static void test_empty_and_bad_args(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_spans s;
    sl_spans_init(&s, ctx);
    assert_int_equal(sl_shared_spans(&s, "", 0, "", 0, 1), SL_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(sl_shared_spans(&s, NULL, 0, "some words", 10, 1), SL_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.b_words, 2);
    assert_int_equal(sl_shared_spans(&s, " ,.; ", 5, " ,.; ", 5, 1), SL_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(sl_shared_spans(&s, "a b", 3, "a b", 3, 0), SL_EINVAL);
    assert_int_equal(sl_shared_spans(&s, NULL, 3, "a b", 3, 1), SL_EINVAL);
    /* min_words 1: single words match */
    assert_int_equal(sl_shared_spans(&s, "x same y", 8, "same", 4, 1), SL_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].a_start, 2);
    assert_int_equal(s.v[0].a_end, 6);
    sl_spans_release(&s);
    sl_spans_release(&s); /* twice is harmless */
    sl_ctx_free(ctx);
}

/* Field by field: the structs have padding, whose bytes are not defined. */
static void assert_same_spans(const sl_span *x, const sl_span *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(x[i].a_start, y[i].a_start);
        assert_int_equal(x[i].a_end, y[i].a_end);
        assert_int_equal(x[i].b_start, y[i].b_start);
        assert_int_equal(x[i].b_end, y[i].b_end);
        assert_int_equal(x[i].words, y[i].words);
        assert_int_equal(x[i].a_token, y[i].a_token);
        assert_int_equal(x[i].b_token, y[i].b_token);
    }
}

/* One a against many b: the same answers as sl_shared_spans pair by pair. */
static void test_one_a_many_b(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    const char *a = "Intro words here. one two three four five six seven eight. Other end.";
    const char *bs[] = {
        "Something else: one two three four five six seven eight and more",
        "nothing in common at all",
        "",
        "five six seven eight. Other end. Intro words here. one two",
    };
    sl_spans s, ref;
    sl_spans_init(&s, ctx);
    sl_spans_init(&ref, ctx);
    assert_int_equal(sl_spans_match(&s, "x", 1), SL_EINVAL); /* no a yet */
    assert_int_equal(sl_spans_set_a(&s, a, strlen(a), 4), SL_OK);
    size_t want_n[] = { 1, 0, 0, 2 };
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(sl_spans_match(&s, bs[i], strlen(bs[i])), SL_OK);
        assert_int_equal(sl_shared_spans(&ref, a, strlen(a), bs[i], strlen(bs[i]), 4), SL_OK);
        assert_int_equal(s.n, want_n[i]);
        assert_int_equal(s.n, ref.n);
        assert_int_equal(s.shared_words, ref.shared_words);
        assert_int_equal(s.a_words, 13);
        if (s.n)
            assert_same_spans(s.v, ref.v, s.n);
        /* b as token hashes: the same spans once b's offsets are located */
        uint64_t hashes[32];
        size_t nh = 0;
        sl_tokenizer t;
        sl_token tok;
        sl_tokenizer_init(&t, bs[i], strlen(bs[i]));
        while (nh < 32 && sl_token_next(&t, &tok))
            hashes[nh++] = tok.hash;
        assert_int_equal(sl_spans_match_hashes(&s, hashes, nh), SL_OK);
        assert_int_equal(s.n, ref.n);
        assert_int_equal(sl_spans_locate_b(&s, bs[i], strlen(bs[i])), SL_OK);
        if (s.n)
            assert_same_spans(s.v, ref.v, s.n);
        if (nh > 0) /* a text that does not go with the hashes */
            assert_int_equal(sl_spans_locate_b(&s, "x", 1), SL_EINVAL);
    }
    /* b = 3: "five..end" (6 words) then "intro..two" (5 words) */
    assert_int_equal(s.v[0].words, 6);
    assert_int_equal(s.v[1].words, 5);
    assert_int_equal(s.v[1].a_start, 0);
    sl_spans_release(&s);
    sl_spans_release(&ref);
    sl_ctx_free(ctx);
}

/* A revision: what b kept, removed and added. */
static void test_uncovered(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    const char *a = "one two three four five six. OLD WORDS HERE. seven eight nine ten eleven twelve.";
    const char *b = "seven eight nine ten eleven twelve! one two three four five six, new text.";
    sl_spans s = spans_of(ctx, a, b, 6);
    assert_int_equal(s.n, 2);
    sl_ranges r;
    sl_ranges_init(&r, ctx);
    assert_int_equal(sl_spans_uncovered(&s, false, a, strlen(a), &r), SL_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.v[0].words, 3);
    assert_memory_equal(a + r.v[0].start, "OLD WORDS HERE", r.v[0].end - r.v[0].start);
    assert_int_equal(sl_spans_uncovered(&s, true, b, strlen(b), &r), SL_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.v[0].words, 2);
    assert_int_equal(r.v[0].end - r.v[0].start, 8);
    assert_memory_equal(b + r.v[0].start, "new text", 8);
    /* nothing shared: the whole text (its tokens) is uncovered */
    assert_int_equal(sl_shared_spans(&s, a, strlen(a), "zzz", 3, 6), SL_OK);
    assert_int_equal(sl_spans_uncovered(&s, false, a, strlen(a), &r), SL_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.v[0].start, 0);
    assert_int_equal(r.v[0].end, strlen(a) - 1);
    assert_int_equal(sl_spans_uncovered(&s, true, "...", 3, &r), SL_OK);
    assert_int_equal(r.n, 0);
    sl_ranges_release(&r);
    sl_spans_release(&s);
    sl_ctx_free(ctx);
}

/* Every allocation failure returns SL_ENOMEM, leaves the result releasable
 * and leaks nothing (LSan checks the leaks); eventually the call succeeds
 * with the same answer as without failures. */
static void test_oom_sweep(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf a, b;
    sl_buf_init(&a, ctx);
    sl_buf_init(&b, ctx);
    uint64_t rng = 7;
    append_words(&a, &rng, 400);
    assert_int_equal(sl_buf_append(&b, a.ptr + 100, 600), SL_OK);
    append_words(&b, &rng, 300);
    sl_spans ref;
    sl_spans_init(&ref, ctx);
    assert_int_equal(sl_shared_spans(&ref, a.ptr, a.len, b.ptr, b.len, 25), SL_OK);
    assert_int_equal(ref.n, 1);
    bool done = false;
    unsigned failures = 0;
    for (uint64_t k = 1; k < 200 && !done; k++) {
        sl_spans s;
        sl_ranges r;
        sl_spans_init(&s, ctx);
        sl_ranges_init(&r, ctx);
        sl_ctx_set_fail_alloc_after(ctx, k); /* the k-th allocation from now fails */
        int rc = sl_shared_spans(&s, a.ptr, a.len, b.ptr, b.len, 25);
        if (rc == SL_OK)
            rc = sl_spans_uncovered(&s, true, b.ptr, b.len, &r);
        sl_ctx_set_fail_alloc_after(ctx, 0);
        if (rc == SL_OK) {
            done = true;
            assert_int_equal(s.n, 1);
            assert_same_spans(&s.v[0], &ref.v[0], 1);
            assert_int_equal(r.n, 2);
        } else {
            assert_int_equal(rc, SL_ENOMEM);
            assert_int_equal(sl_errcode(ctx), SL_ENOMEM);
            assert_int_equal(r.n, 0);
            failures++;
        }
        sl_ranges_release(&r);
        sl_spans_release(&s);
    }
    assert_true(done);
    assert_true(failures >= 6); /* tokens of a and b (3 arrays each), table, ... */
    sl_spans_release(&ref);
    sl_buf_release(&a);
    sl_buf_release(&b);
    sl_ctx_free(ctx);
}

/* Linear time: two texts of 200,000 words, one made of a few words
 * repeated (the worst case for the k-gram chains), finish quickly. */
static void test_repetitive_text(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf a;
    sl_buf_init(&a, ctx);
    for (int i = 0; i < 200000; i++)
        assert_int_equal(sl_buf_puts(&a, i % 3 ? "la " : "da "), SL_OK);
    sl_spans s;
    sl_spans_init(&s, ctx);
    assert_int_equal(sl_shared_spans(&s, a.ptr, a.len, a.ptr + 30, a.len - 30, 25), SL_OK);
    assert_true(s.n >= 1);
    assert_int_equal(s.shared_words, 199990);
    sl_spans_release(&s);
    sl_buf_release(&a);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_with_offsets),
        cmocka_unit_test(test_simple_span),
        cmocka_unit_test(test_case_and_punctuation),
        cmocka_unit_test(test_passage_in_long_texts),
        cmocka_unit_test(test_spans_invariants),
        cmocka_unit_test(test_no_duplicate_spans),
        cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_empty_and_bad_args),
        cmocka_unit_test(test_one_a_many_b),
        cmocka_unit_test(test_uncovered),
        cmocka_unit_test(test_oom_sweep),
        cmocka_unit_test(test_repetitive_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
