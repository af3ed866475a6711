/* Normalisation: white space, line ends, controls, NFC; the map stays exact. */
#include "test_util.h"
#include "clean/normalize.h"

/* Normalise `in` and check the output; also check that the map covers the
 * output without holes and that pieces of equal length (copies, or
 * one-for-one replacements such as CR -> LF) hold the same ASCII letters. */
static void check(const char *in, size_t len, const char *want)
{
    sl_ctx *ctx = test_ctx();
    sl_rewrite rw;
    sl_rewrite_init(&rw, ctx);
    assert_int_equal(sl_normalize(&rw, in, len), SL_OK);
    assert_int_equal(rw.out.len, strlen(want));
    assert_memory_equal(rw.out.ptr ? rw.out.ptr : "", want, strlen(want));
    size_t covered = 0;
    for (size_t i = 0; i < rw.n_segs; i++) {
        const sl_map_seg *s = &rw.segs[i];
        assert_int_equal(s->clean, covered);
        covered += s->clean_len;
        for (size_t k = 0; s->clean_len == s->raw_len && k < s->raw_len; k++) {
            char c = in[s->raw + k];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                assert_int_equal(rw.out.ptr[s->clean + k], c);
        }
    }
    assert_int_equal(covered, rw.out.len);
    sl_rewrite_release(&rw);
    sl_ctx_free(ctx);
}

#define CHECK(in, want) check(in, sizeof(in) - 1, want)

static void test_whitespace(void **state)
{
    (void)state;
    CHECK("a  b\t\tc", "a b c");
    CHECK("  leading and trailing  ", "leading and trailing");
    CHECK("line one   \nline two", "line one\nline two");
    CHECK("News   /   China   /   Russia", "News / China / Russia");
    CHECK("no\xC2\xA0" "break\xE2\x80\x89thin", "no break thin");
    CHECK("", "");
    CHECK("   \n\n  ", "");
}

static void test_line_endings_and_blank_lines(void **state)
{
    (void)state;
    CHECK("a\r\nb\rc\n", "a\nb\nc");
    CHECK("a\r\n\r\n\r\n\r\nb", "a\n\nb");
    CHECK("a\n \n\t\nb", "a\n\nb");
    CHECK("\n\n\ntitle\n\nbody\n\n\n", "title\n\nbody");
    CHECK("para\xE2\x80\xA8next", "para\nnext");
}

static void test_controls_and_invisibles(void **state)
{
    (void)state;
    CHECK("a\x01" "b\x7f" "c", "abc");
    CHECK("nul\0byte", "nulbyte");
    CHECK("\xEF\xBB\xBFStart", "Start");
    CHECK("co\xC2\xAD" "operate", "cooperate");
    CHECK("zero\xE2\x80\x8Bwidth", "zerowidth");
    /* ZWJ inside an emoji sequence is kept. */
    CHECK("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB");
}

static void test_nfc(void **state)
{
    (void)state;
    CHECK("Gene\xCC\x80ve", "Gen\xC3\xA8ve");                /* e + grave -> è */
    CHECK("S\xC3\xA3o Paulo", "S\xC3\xA3o Paulo");            /* already NFC */
    CHECK("\xE2\x84\xAB", "\xC3\x85");                         /* angstrom sign -> Å */
    CHECK("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "\xED\x95\x9C"); /* jamo -> 한 */
    CHECK("\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3", "\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3"); /* Thai */
    /* Two-part vowels: neither half decomposes, yet they compose. */
    CHECK("x \xE0\xAD\x87\xE0\xAC\xBE y", "x \xE0\xAD\x8B y");           /* Oriya o */
    CHECK("\xE0\xAF\x86\xE0\xAE\xBE", "\xE0\xAF\x8A");                    /* Tamil o */
}

static void test_invalid_bytes_become_replacement(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_rewrite rw;
    sl_rewrite_init(&rw, ctx);
    const char in[] = "ok\xFFok";
    assert_int_equal(sl_normalize(&rw, in, sizeof in - 1), SL_OK);
    assert_string_equal(rw.out.ptr, "ok\xEF\xBF\xBDok");
    assert_int_equal(rw.n_edits, 1);
    assert_int_equal(rw.edits[0].start, 2);
    assert_int_equal(rw.edits[0].end, 3);
    assert_string_equal(rw.edits[0].label, "invalid-utf8");
    sl_rewrite_release(&rw);
    sl_ctx_free(ctx);
}

static void test_oom_sweep(void **state)
{
    (void)state;
    const char in[] = "  Gene\xCC\x80ve\r\n\r\n\r\nna\xC3\xAFve  text\x01 here ";
    for (uint64_t n = 1; n < 40; n++) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, n);
        sl_rewrite rw;
        sl_rewrite_init(&rw, ctx);
        int rc = sl_normalize(&rw, in, sizeof in - 1);
        assert_true(rc == SL_OK || rc == SL_ENOMEM);
        sl_rewrite_release(&rw);
        sl_ctx_free(ctx);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whitespace),
        cmocka_unit_test(test_line_endings_and_blank_lines),
        cmocka_unit_test(test_controls_and_invisibles),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_invalid_bytes_become_replacement),
        cmocka_unit_test(test_oom_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
