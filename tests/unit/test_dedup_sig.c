/* Shingles and MinHash signatures (src/dedup/shingle.c, minhash.c).
 * All texts here are invented for the tests. */
#include "test_util.h"
#include "core/core.h"
#include "dedup/minhash.h"
#include "dedup/shingle.h"

#define K SL_MINHASH_K

/* ---- helpers ------------------------------------------------------------ */

/* Shingle `text` with the default options into a fresh set. */
static sl_shingles shingle(sl_ctx *ctx, const char *text)
{
    sl_shingles s;
    sl_shingles_init(&s, ctx);
    assert_int_equal(sl_shingle_text(&s, text, strlen(text), NULL), SL_OK);
    return s;
}

static void signature(const sl_shingles *s, uint32_t *sig)
{
    assert_int_equal(sl_minhash(s->v, s->n, K, sig), SL_OK);
}

/* |a - b| without libm. */
static double absdiff(double a, double b)
{
    return a > b ? a - b : b - a;
}

/* Deterministic generator (xorshift64*) so the generated corpora are fixed. */
/* An invented word: 2 to 4 consonant-vowel syllables picked from `id`. */
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

/* Append `count` random words from a vocabulary of `vocab` words. */
static void append_words(sl_buf *b, uint64_t *rng, size_t count, uint64_t vocab)
{
    char word[16];
    for (size_t i = 0; i < count; i++) {
        make_word(test_rng(rng) % vocab, word);
        assert_int_equal(sl_buf_printf(b, "%s ", word), SL_OK);
    }
}

/* Build a pair: A = pre + mid + post, B = pre + other + post, where the
 * middle block has `changed` words; the rest is shared. */
static void make_pair(sl_buf *a, sl_buf *b, uint64_t seed, size_t len, size_t changed)
{
    uint64_t rng = seed * 7919 + 1;
    size_t pre = (len - changed) / 2, post = len - changed - pre;
    sl_buf_reset(a);
    sl_buf_reset(b);
    append_words(a, &rng, pre, 20000);
    assert_int_equal(sl_buf_append(b, a->ptr, a->len), SL_OK);
    append_words(a, &rng, changed, 20000);
    append_words(b, &rng, changed, 20000);
    sl_buf tail;
    sl_buf_init(&tail, a->ctx);
    append_words(&tail, &rng, post, 20000);
    assert_int_equal(sl_buf_append(a, tail.ptr, tail.len), SL_OK);
    assert_int_equal(sl_buf_append(b, tail.ptr, tail.len), SL_OK);
    sl_buf_release(&tail);
}

typedef struct pair_error {
    double exact, estimate;
} pair_error;

static pair_error compare_pair(sl_ctx *ctx, const sl_buf *a, const sl_buf *b)
{
    sl_shingles sa = shingle(ctx, a->ptr), sb = shingle(ctx, b->ptr);
    uint32_t ga[K], gb[K];
    signature(&sa, ga);
    signature(&sb, gb);
    pair_error e = { sl_shingle_jaccard(sa.v, sa.n, sb.v, sb.n), sl_sig_jaccard(ga, gb, K) };
    sl_shingles_release(&sa);
    sl_shingles_release(&sb);
    return e;
}

/* ---- tokenisation ------------------------------------------------------- */

static void test_identical_texts_identical_signatures(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    const char *t = "The harbour authority said the new ferry would start running "
                    "between the two islands in early spring, weather permitting.";
    sl_shingles a = shingle(ctx, t), b = shingle(ctx, t);
    assert_int_equal(a.n, 19 - 5 + 1); /* 19 words */
    assert_int_equal(a.n, b.n);
    assert_memory_equal(a.v, b.v, a.n * sizeof a.v[0]);
    uint32_t ga[K], gb[K];
    signature(&a, ga);
    signature(&b, gb);
    assert_memory_equal(ga, gb, sizeof ga);
    assert_true(sl_sig_jaccard(ga, gb, K) == 1.0);
    sl_shingles_release(&a);
    sl_shingles_release(&b);
    sl_ctx_free(ctx);
}

static void test_case_and_punctuation_ignored(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_shingles a = shingle(ctx, "Élodie met the Mayor of Zürich -- twice! -- on 3 May.");
    sl_shingles b = shingle(ctx, "ÉLODIE MET THE MAYOR OF ZÜRICH, TWICE, ON 3 MAY");
    sl_shingles c = shingle(ctx, "\"élodie\" met (the) mayor... of zürich twice on 3 may");
    assert_int_equal(a.n, 10 - 5 + 1);
    assert_int_equal(a.n, b.n);
    assert_int_equal(a.n, c.n);
    assert_memory_equal(a.v, b.v, a.n * sizeof a.v[0]);
    assert_memory_equal(a.v, c.v, a.n * sizeof a.v[0]);
    /* digits are words: another date is another text */
    sl_shingles d = shingle(ctx, "Élodie met the Mayor of Zürich twice on 4 May.");
    assert_true(sl_shingle_jaccard(a.v, a.n, d.v, d.n) < 1.0);
    /* invalid bytes separate words like spaces do */
    sl_shingles e = shingle(ctx, "one two\xff three\xc3 four five");
    sl_shingles f = shingle(ctx, "one two three four five");
    assert_int_equal(e.n, 1);
    assert_true(e.v[0] == f.v[0]);
    sl_shingles_release(&a);
    sl_shingles_release(&b);
    sl_shingles_release(&c);
    sl_shingles_release(&d);
    sl_shingles_release(&e);
    sl_shingles_release(&f);
    sl_ctx_free(ctx);
}

/* Words longer than the token buffer are hashed in pieces, in full. */
static void test_long_words(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    char upper[301], lower[301], other[301];
    for (int i = 0; i < 300; i++) {
        upper[i] = (char)('A' + i % 26);
        lower[i] = (char)('a' + i % 26);
    }
    upper[300] = lower[300] = '\0';
    memcpy(other, lower, sizeof other);
    other[299] = '0'; /* differs only in the last byte */
    sl_shingles u = shingle(ctx, upper), l = shingle(ctx, lower), o = shingle(ctx, other);
    assert_int_equal(u.n, 1);
    assert_true(u.v[0] == l.v[0]);
    assert_true(o.v[0] != l.v[0]);
    sl_shingles_release(&u);
    sl_shingles_release(&l);
    sl_shingles_release(&o);
    sl_ctx_free(ctx);
}

static void test_empty_and_one_word_documents(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_shingles e = shingle(ctx, "");
    assert_int_equal(e.n, 0);
    sl_shingles p = shingle(ctx, "  ... -- !? \n\t ");
    assert_int_equal(p.n, 0);
    uint32_t sig[K];
    assert_int_equal(sl_minhash(p.v, p.n, K, sig), SL_EINVAL);

    sl_shingles w1 = shingle(ctx, "Breaking!"), w2 = shingle(ctx, "  breaking  ");
    assert_int_equal(w1.n, 1);
    assert_int_equal(w2.n, 1);
    assert_true(w1.v[0] == w2.v[0]);
    uint32_t s1[K], s2[K];
    signature(&w1, s1);
    signature(&w2, s2);
    assert_memory_equal(s1, s2, sizeof s1);
    for (unsigned i = 1; i < K; i++) /* densification fills every bin */
        assert_true(s1[i] == s1[0]);
    /* a short document is one shingle of all its words, order included */
    sl_shingles t1 = shingle(ctx, "rain tomorrow"), t2 = shingle(ctx, "tomorrow rain");
    assert_int_equal(t1.n, 1);
    assert_true(t1.v[0] != t2.v[0]);
    assert_true(t1.v[0] != w1.v[0]);
    sl_shingles_release(&e);
    sl_shingles_release(&p);
    sl_shingles_release(&w1);
    sl_shingles_release(&w2);
    sl_shingles_release(&t1);
    sl_shingles_release(&t2);
    sl_ctx_free(ctx);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_shingles s;
    sl_shingles_init(&s, ctx);
    sl_shingle_options o = SL_SHINGLE_OPTIONS_INIT;
    o.word_k = 0;
    assert_int_equal(sl_shingle_text(&s, "a b", 3, &o), SL_EINVAL);
    o.word_k = SL_SHINGLE_MAX_K + 1;
    assert_int_equal(sl_shingle_text(&s, "a b", 3, &o), SL_EINVAL);
    assert_int_equal(sl_errcode(ctx), SL_EINVAL);
    o.word_k = 2;
    assert_int_equal(sl_shingle_text(&s, "a b c", 5, &o), SL_OK);
    assert_int_equal(s.n, 2);
    uint32_t sig[K];
    uint64_t keys[K];
    assert_int_equal(sl_minhash(s.v, s.n, 0, sig), SL_EINVAL);
    assert_int_equal(sl_minhash(s.v, s.n, SL_MINHASH_MAX_K + 1, sig), SL_EINVAL);
    assert_int_equal(sl_minhash(s.v, s.n, K, sig), SL_OK);
    assert_int_equal(sl_sig_bands(sig, K, 0, keys), SL_EINVAL);
    assert_int_equal(sl_sig_bands(sig, K, K + 1, keys), SL_EINVAL);
    sl_shingles_release(&s);
    sl_shingles_release(NULL);
    sl_ctx_free(ctx);
}

static void test_output_sorted_and_unique(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf text;
    sl_buf_init(&text, ctx);
    uint64_t rng = 5;
    /* a small vocabulary repeats shingles; 20000 words exercise the sort */
    append_words(&text, &rng, 20000, 40);
    sl_shingles s = shingle(ctx, text.ptr);
    assert_true(s.n > 1000 && s.n < 19996);
    for (size_t i = 1; i < s.n; i++)
        assert_true(s.v[i - 1] < s.v[i]);
    /* the same word over and over is one shingle */
    sl_buf_reset(&text);
    for (int i = 0; i < 5000; i++)
        assert_int_equal(sl_buf_puts(&text, "again "), SL_OK);
    sl_shingles r = shingle(ctx, text.ptr);
    assert_int_equal(r.n, 1);
    sl_shingles_release(&s);
    sl_shingles_release(&r);
    sl_buf_release(&text);
    sl_ctx_free(ctx);
}

/* ---- scripts without spaces --------------------------------------------- */

static void test_chinese_character_grams(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    /* 6 Han characters, punctuation dropped: 6 - 3 + 1 character 3-grams */
    sl_shingles a = shingle(ctx, "今天天气很好。");
    assert_int_equal(a.n, 4);
    /* spaces and punctuation inside the run do not change the grams */
    sl_shingles b = shingle(ctx, "今天 天气，很好");
    assert_int_equal(b.n, a.n);
    assert_memory_equal(a.v, b.v, a.n * sizeof a.v[0]);

    const char *x = "市政府昨天宣布，新的公共汽车路线将于下个月开通，连接城东的住宅区和"
                    "市中心的火车站。官员表示，这条路线每天预计可以服务大约五千名乘客。";
    const char *y = "市政府昨天宣布，新的公共汽车路线将于下个月开通，连接城东的住宅区和"
                    "市中心的火车站。官员表示，这条路线每天预计可以服务大约六千名乘客。";
    const char *z = "山区的农民今年种了更多的茶叶，因为春天的雨水比往年充足，价格也上涨了。";
    sl_shingles sx = shingle(ctx, x), sy = shingle(ctx, y), sz = shingle(ctx, z);
    double jxy = sl_shingle_jaccard(sx.v, sx.n, sy.v, sy.n);
    assert_true(jxy > 0.85 && jxy < 1.0);
    assert_true(sl_shingle_jaccard(sx.v, sx.n, sz.v, sz.n) < 0.05);
    uint32_t gx[K], gy[K], gz[K];
    signature(&sx, gx);
    signature(&sy, gy);
    signature(&sz, gz);
    assert_true(absdiff(sl_sig_jaccard(gx, gy, K), jxy) < 0.1);
    assert_true(sl_sig_jaccard(gx, gz, K) < 0.1);
    sl_shingles_release(&a);
    sl_shingles_release(&b);
    sl_shingles_release(&sx);
    sl_shingles_release(&sy);
    sl_shingles_release(&sz);
    sl_ctx_free(ctx);
}

static void test_thai_character_grams(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    /* 12 characters once the vowel and tone marks join their consonant:
     * ว(ั) น น(ี้) อ า ก า ศ ด(ี) ม า ก -> 12 - 4 + 1 grams */
    sl_shingles a = shingle(ctx, "วันนี้อากาศดีมาก");
    assert_int_equal(a.n, 9);
    /* Thai puts spaces between phrases, not words: spaces do not matter */
    sl_shingles b = shingle(ctx, "วันนี้ อากาศ ดีมาก");
    assert_int_equal(b.n, a.n);
    assert_memory_equal(a.v, b.v, a.n * sizeof a.v[0]);

    const char *x = "รัฐบาลประกาศว่าจะเปิดสะพานใหม่ข้ามแม่น้ำในเดือนหน้า "
                    "เพื่อช่วยลดปัญหาการจราจรในตัวเมืองช่วงเช้าและเย็น";
    const char *y = "รัฐบาลประกาศว่าจะเปิดสะพานใหม่ข้ามแม่น้ำในเดือนหน้า "
                    "เพื่อช่วยลดปัญหาการจราจรในตัวเมืองช่วงเช้า";
    const char *z = "นักเรียนในหมู่บ้านปลูกต้นไม้ริมถนนหลายร้อยต้นเมื่อวันเสาร์";
    sl_shingles sx = shingle(ctx, x), sy = shingle(ctx, y), sz = shingle(ctx, z);
    double jxy = sl_shingle_jaccard(sx.v, sx.n, sy.v, sy.n);
    assert_true(jxy > 0.85 && jxy < 1.0);
    assert_true(sl_shingle_containment(sy.v, sy.n, sx.v, sx.n) == 1.0);
    assert_true(sl_shingle_jaccard(sx.v, sx.n, sz.v, sz.n) < 0.1);
    uint32_t gx[K], gy[K], gz[K];
    signature(&sx, gx);
    signature(&sy, gy);
    signature(&sz, gz);
    assert_true(absdiff(sl_sig_jaccard(gx, gy, K), jxy) < 0.1);
    assert_true(sl_sig_jaccard(gx, gz, K) < 0.15);
    sl_shingles_release(&a);
    sl_shingles_release(&b);
    sl_shingles_release(&sx);
    sl_shingles_release(&sy);
    sl_shingles_release(&sz);
    sl_ctx_free(ctx);
}

static void test_mixed_scripts_make_separate_runs(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    /* runs: 北京市 (3 chars, one gram) | Beijing 2024 (2 words, short run,
     * one shingle) | 年春天 (one gram) */
    sl_shingles a = shingle(ctx, "北京市 Beijing 2024年春天");
    assert_int_equal(a.n, 3);
    sl_shingles b = shingle(ctx, "北京市 Beijing 2025年春天");
    assert_int_equal(sl_shingle_overlap(a.v, a.n, b.v, b.n), 2);
    sl_shingles_release(&a);
    sl_shingles_release(&b);
    sl_ctx_free(ctx);
}

/* ---- estimation quality ------------------------------------------------- */

static void test_estimate_tracks_exact_jaccard(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf a, b;
    sl_buf_init(&a, ctx);
    sl_buf_init(&b, ctx);
    double sum_abs = 0, worst = 0;
    const unsigned pairs = 50;
    for (unsigned i = 0; i < pairs; i++) {
        size_t len = 400, changed = (size_t)i * len / pairs;
        make_pair(&a, &b, i, len, changed);
        pair_error e = compare_pair(ctx, &a, &b);
        double err = absdiff(e.estimate, e.exact);
        sum_abs += err;
        if (err > worst)
            worst = err;
        if (err > 0.1)
            print_error("pair %u: exact %.3f estimate %.3f\n", i, e.exact, e.estimate);
        assert_true(err <= 0.1);
    }
    double mae = sum_abs / pairs;
    print_message("estimate vs exact Jaccard, %u pairs of 400 words, K=%d: "
                  "mean abs error %.4f, max %.4f\n", pairs, K, mae, worst);
    assert_true(mae < 0.04);
    sl_buf_release(&a);
    sl_buf_release(&b);
    sl_ctx_free(ctx);
}

/* Documents with fewer shingles than bins: most bins are densified. */
static void test_sparse_documents_estimate_well(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf a, b;
    sl_buf_init(&a, ctx);
    sl_buf_init(&b, ctx);
    double sum_abs = 0, worst = 0;
    const unsigned pairs = 40;
    for (unsigned i = 0; i < pairs; i++) {
        /* 40 words: 36 shingles for 128 bins */
        size_t len = 40, changed = (size_t)(i % 20) * 2;
        make_pair(&a, &b, 1000 + i, len, changed);
        pair_error e = compare_pair(ctx, &a, &b);
        double err = absdiff(e.estimate, e.exact);
        sum_abs += err;
        if (err > worst)
            worst = err;
    }
    double mae = sum_abs / pairs;
    print_message("sparse documents (36 shingles, K=%d), %u pairs: mean abs error %.4f, "
                  "max %.4f\n", K, pairs, mae, worst);
    assert_true(mae < 0.06);
    assert_true(worst < 0.2);

    /* unrelated sparse documents: empty bins must not count as agreement */
    uint64_t rng = 99;
    for (unsigned i = 0; i < 10; i++) {
        sl_buf_reset(&a);
        sl_buf_reset(&b);
        append_words(&a, &rng, 8, 20000);
        append_words(&b, &rng, 8, 20000);
        pair_error e = compare_pair(ctx, &a, &b);
        assert_true(e.exact == 0.0);
        assert_true(e.estimate < 0.05);
    }
    sl_buf_release(&a);
    sl_buf_release(&b);
    sl_ctx_free(ctx);
}

static void test_containment_of_short_text_in_long(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf shorter, longer;
    sl_buf_init(&shorter, ctx);
    sl_buf_init(&longer, ctx);
    uint64_t rng = 4242;
    append_words(&shorter, &rng, 40, 20000);
    append_words(&longer, &rng, 300, 20000);
    assert_int_equal(sl_buf_append(&longer, shorter.ptr, shorter.len), SL_OK);
    append_words(&longer, &rng, 300, 20000);
    sl_shingles s = shingle(ctx, shorter.ptr), l = shingle(ctx, longer.ptr);
    double contained = sl_shingle_containment(s.v, s.n, l.v, l.n);
    double jaccard = sl_shingle_jaccard(s.v, s.n, l.v, l.n);
    assert_true(contained == 1.0);
    assert_true(sl_shingle_containment(l.v, l.n, s.v, s.n) < 0.1);
    assert_true(jaccard < 0.1);
    uint32_t gs[K], gl[K];
    signature(&s, gs);
    signature(&l, gl);
    assert_true(sl_sig_jaccard(gs, gl, K) < 0.15);
    sl_shingles_release(&s);
    sl_shingles_release(&l);
    sl_buf_release(&shorter);
    sl_buf_release(&longer);
    sl_ctx_free(ctx);
}

/* ---- LSH bands ---------------------------------------------------------- */

static void test_band_keys(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf a, b;
    sl_buf_init(&a, ctx);
    sl_buf_init(&b, ctx);
    uint64_t rng = 7;
    append_words(&a, &rng, 200, 20000);
    append_words(&b, &rng, 200, 20000);
    sl_shingles sa = shingle(ctx, a.ptr), sa2 = shingle(ctx, a.ptr), sb = shingle(ctx, b.ptr);
    uint32_t ga[K], ga2[K], gb[K];
    signature(&sa, ga);
    signature(&sa2, ga2);
    signature(&sb, gb);
    enum { BANDS = 32 };
    uint64_t ka[BANDS], ka2[BANDS], kb[BANDS];
    assert_int_equal(sl_sig_bands(ga, K, BANDS, ka), SL_OK);
    assert_int_equal(sl_sig_bands(ga2, K, BANDS, ka2), SL_OK);
    assert_int_equal(sl_sig_bands(gb, K, BANDS, kb), SL_OK);
    assert_memory_equal(ka, ka2, sizeof ka);
    unsigned same = 0;
    for (unsigned i = 0; i < BANDS; i++)
        same += ka[i] == kb[i];
    assert_true(same <= 1);
    /* the band index is mixed in: equal rows in two bands give two keys */
    uint32_t flat[8] = { 1, 2, 1, 2, 1, 2, 1, 2 };
    uint64_t kf[4];
    assert_int_equal(sl_sig_bands(flat, 8, 4, kf), SL_OK);
    assert_true(kf[0] != kf[1] && kf[1] != kf[2] && kf[0] != kf[3]);
    /* bands that do not divide k ignore the last bins */
    uint64_t k3[3];
    assert_int_equal(sl_sig_bands(flat, 8, 3, k3), SL_OK);
    flat[7] = 99;
    uint64_t k3b[3];
    assert_int_equal(sl_sig_bands(flat, 8, 3, k3b), SL_OK);
    assert_memory_equal(k3, k3b, sizeof k3);
    sl_shingles_release(&sa);
    sl_shingles_release(&sa2);
    sl_shingles_release(&sb);
    sl_buf_release(&a);
    sl_buf_release(&b);
    sl_ctx_free(ctx);
}

/* ---- allocation failure ------------------------------------------------- */

static void test_oom_sweep(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf text;
    sl_buf_init(&text, ctx);
    uint64_t rng = 11;
    append_words(&text, &rng, 500, 20000); /* 496 shingles: several grows */
    sl_shingles ref = shingle(ctx, text.ptr);
    unsigned failures = 0;
    for (uint64_t fail_at = 1;; fail_at++) {
        assert_true(fail_at < 1000);
        sl_shingles s;
        sl_shingles_init(&s, ctx);
        sl_ctx_set_fail_alloc_after(ctx, fail_at);
        int rc = sl_shingle_text(&s, text.ptr, text.len, NULL);
        sl_ctx_set_fail_alloc_after(ctx, 0);
        if (rc == SL_ENOMEM) {
            assert_int_equal(s.n, 0);
            assert_int_equal(sl_errcode(ctx), SL_ENOMEM);
            sl_shingles_release(&s);
            failures++;
            continue;
        }
        assert_int_equal(rc, SL_OK);
        assert_int_equal(s.n, ref.n);
        assert_memory_equal(s.v, ref.v, s.n * sizeof s.v[0]);
        sl_shingles_release(&s);
        break;
    }
    assert_true(failures >= 3);
    sl_shingles_release(&ref);
    sl_buf_release(&text);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_texts_identical_signatures),
        cmocka_unit_test(test_case_and_punctuation_ignored),
        cmocka_unit_test(test_long_words),
        cmocka_unit_test(test_empty_and_one_word_documents),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_output_sorted_and_unique),
        cmocka_unit_test(test_chinese_character_grams),
        cmocka_unit_test(test_thai_character_grams),
        cmocka_unit_test(test_mixed_scripts_make_separate_runs),
        cmocka_unit_test(test_estimate_tracks_exact_jaccard),
        cmocka_unit_test(test_sparse_documents_estimate_well),
        cmocka_unit_test(test_containment_of_short_text_in_long),
        cmocka_unit_test(test_band_keys),
        cmocka_unit_test(test_oom_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
