/* The rewrite and its offset map. */
#include "test_util.h"
#include "core/rewrite.h"

static void test_copy_replace_remove(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_rewrite rw;
    sl_rewrite_init(&rw, ctx);
    const char *in = "ab&amp;cdXXef";
    /* "ab" copied, "&amp;" -> "&", "cd" copied, "XX" removed, rest copied. */
    assert_int_equal(sl_rw_copy(&rw, in, 2), SL_OK);
    assert_int_equal(sl_rw_replace(&rw, 5, "&", 1, "entity"), SL_OK);
    assert_int_equal(sl_rw_copy(&rw, in, 2), SL_OK);
    assert_int_equal(sl_rw_remove(&rw, 2, "junk"), SL_OK);
    assert_int_equal(sl_rw_finish(&rw, in, strlen(in)), SL_OK);
    assert_string_equal(rw.out.ptr, "ab&cdef");
    assert_int_equal(rw.n_edits, 2);
    assert_int_equal(rw.edits[0].start, 2);
    assert_int_equal(rw.edits[0].end, 7);
    assert_string_equal(rw.edits[0].label, "entity");
    assert_int_equal(rw.edits[1].start, 9);
    assert_int_equal(rw.edits[1].end, 11);
    /* Offsets of the output map back into the input. */
    assert_int_equal(sl_map_offset(rw.segs, rw.n_segs, 0, 0), 0);
    assert_int_equal(sl_map_offset(rw.segs, rw.n_segs, 2, 0), 2);   /* '&' starts at 2 */
    assert_int_equal(sl_map_offset(rw.segs, rw.n_segs, 3, 1), 7);   /* '&' ends at 7 */
    assert_int_equal(sl_map_offset(rw.segs, rw.n_segs, 3, 0), 7);   /* 'c' */
    assert_int_equal(sl_map_offset(rw.segs, rw.n_segs, 5, 0), 11);  /* 'e' after removal */
    assert_int_equal(sl_map_offset(rw.segs, rw.n_segs, 5, 1), 9);   /* end of "cd" */
    assert_int_equal(sl_map_offset(rw.segs, rw.n_segs, 7, 1), 13);
    sl_rewrite_release(&rw);
    sl_ctx_free(ctx);
}

static void test_compose_two_steps(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_rewrite a, b;
    sl_rewrite_init(&a, ctx);
    sl_rewrite_init(&b, ctx);
    const char *raw = "x&lt;y  z";
    /* Step a: entity. */
    assert_int_equal(sl_rw_copy(&a, raw, 1), SL_OK);
    assert_int_equal(sl_rw_replace(&a, 4, "<", 1, "entity"), SL_OK);
    assert_int_equal(sl_rw_finish(&a, raw, strlen(raw)), SL_OK);
    assert_string_equal(a.out.ptr, "x<y  z");
    /* Step b: collapse the double space. */
    assert_int_equal(sl_rw_copy(&b, a.out.ptr, 3), SL_OK);
    assert_int_equal(sl_rw_replace(&b, 2, " ", 1, NULL), SL_OK);
    assert_int_equal(sl_rw_finish(&b, a.out.ptr, a.out.len), SL_OK);
    assert_string_equal(b.out.ptr, "x<y z");
    sl_map_seg *m = NULL;
    size_t n = 0, cap = 0;
    assert_int_equal(sl_map_compose(ctx, a.segs, a.n_segs, b.segs, b.n_segs, &m, &n, &cap), SL_OK);
    assert_int_equal(sl_map_offset(m, n, 1, 0), 1);  /* '<' starts at raw 1 */
    assert_int_equal(sl_map_offset(m, n, 2, 1), 5);  /* '<' ends at raw 5 */
    assert_int_equal(sl_map_offset(m, n, 2, 0), 5);  /* 'y' */
    assert_int_equal(sl_map_offset(m, n, 4, 0), 8);  /* 'z' */
    assert_int_equal(sl_map_offset(m, n, 5, 1), 9);
    /* Copied bytes are equal in both texts. */
    for (size_t i = 0; i < n; i++)
        if (m[i].clean_len == m[i].raw_len)
            assert_memory_equal(b.out.ptr + m[i].clean, raw + m[i].raw, m[i].raw_len);
    free(m);
    sl_rewrite_release(&a);
    sl_rewrite_release(&b);
    sl_ctx_free(ctx);
}

static void test_oom_leaves_rewrite_consistent(void **state)
{
    (void)state;
    const char *in = "aaaa bbbb cccc dddd ";
    for (uint64_t n = 1; n < 20; n++) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, n);
        sl_rewrite rw;
        sl_rewrite_init(&rw, ctx);
        int rc = SL_OK;
        for (int i = 0; i < 4 && rc == SL_OK; i++) {
            rc = sl_rw_copy(&rw, in, 4);
            if (rc == SL_OK)
                rc = sl_rw_replace(&rw, 1, "_", 1, "x");
        }
        assert_true(rc == SL_OK || rc == SL_ENOMEM);
        if (rc == SL_OK)
            assert_string_equal(rw.out.ptr, "aaaa_bbbb_cccc_dddd_");
        sl_rewrite_release(&rw);
        sl_ctx_free(ctx);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_replace_remove),
        cmocka_unit_test(test_compose_two_steps),
        cmocka_unit_test(test_oom_leaves_rewrite_consistent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
