/* Context, errors, fault injection, buffers and UTF-8. */
#include "test_util.h"
#include "core/core.h"

static void test_free_null_is_noop(void **state)
{
    (void)state;
    sl_ctx_free(NULL);
    sl_reader_free(NULL);
    sl_cleaner_free(NULL);
    sl_out_free(NULL);
    assert_string_equal(sl_errmsg(NULL), "no context (out of memory?)");
}

static void test_options_version_checked(void **state)
{
    (void)state;
    sl_ctx_options o = SL_CTX_OPTIONS_INIT;
    o.version = 999;
    sl_ctx *ctx = (sl_ctx *)1;
    assert_int_equal(sl_ctx_new(&ctx, &o), SL_EINVAL);
    assert_null(ctx);
}

static void test_error_message_kept_per_handle(void **state)
{
    (void)state;
    sl_ctx *a = test_ctx(), *b = test_ctx();
    assert_int_equal(sl_error(a, SL_EPARSE, "file.jsonl:%d: bad", 3), SL_EPARSE);
    assert_string_equal(sl_errmsg(a), "file.jsonl:3: bad");
    assert_int_equal(sl_errcode(a), SL_EPARSE);
    assert_int_equal(sl_errcode(b), SL_OK);
    sl_clear_error(a);
    assert_int_equal(sl_errcode(a), SL_OK);
    sl_ctx_free(a);
    sl_ctx_free(b);
}

static void test_fault_injection_fails_nth_allocation(void **state)
{
    (void)state;
    sl_ctx_options o = SL_CTX_OPTIONS_INIT;
    o.fail_alloc_after = 3;
    sl_ctx *ctx;
    assert_int_equal(sl_ctx_new(&ctx, &o), SL_OK);
    void *p1 = sl_malloc(ctx, 8), *p2 = sl_malloc(ctx, 8);
    assert_non_null(p1);
    assert_non_null(p2);
    assert_null(sl_malloc(ctx, 8));
    assert_null(sl_malloc(ctx, 8));
    sl_ctx_set_fail_alloc_after(ctx, 0);
    void *p3 = sl_malloc(ctx, 8);
    assert_non_null(p3);
    sl_free(ctx, p1);
    sl_free(ctx, p2);
    sl_free(ctx, p3);
    sl_ctx_free(ctx);
}

static int allocs, frees;
static void *counting_malloc(void *ud, size_t n) { (void)ud; allocs++; return malloc(n); }
static void counting_free(void *ud, void *p) { (void)ud; if (p) frees++; free(p); }

static void test_custom_allocator_is_used(void **state)
{
    (void)state;
    sl_allocator a = { counting_malloc, NULL, counting_free, NULL };
    sl_ctx_options o = SL_CTX_OPTIONS_INIT;
    o.allocator = &a;
    sl_ctx *ctx;
    allocs = frees = 0;
    assert_int_equal(sl_ctx_new(&ctx, &o), SL_OK);
    sl_cleaner *c;
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    sl_cleaner_free(c);
    sl_ctx_free(ctx);
    assert_true(allocs >= 2);
    assert_int_equal(allocs, frees);
}

static void test_buf(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf b;
    sl_buf_init(&b, ctx);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(sl_buf_printf(&b, "%d,", i), SL_OK);
    assert_int_equal(strncmp(b.ptr, "0,1,2,", 6), 0);
    assert_int_equal(b.ptr[b.len], '\0');
    char big[300];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    size_t before = b.len;
    assert_int_equal(sl_buf_printf(&b, "%s", big), SL_OK);
    assert_int_equal(b.len, before + 299);
    sl_buf_release(&b);
    sl_ctx_free(ctx);
}

static void test_utf8_decode_strict(void **state)
{
    (void)state;
    size_t adv;
    assert_int_equal(sl_utf8_decode("\xC3\xA9", 2, &adv), 0xE9);
    assert_int_equal(adv, 2);
    assert_int_equal(sl_utf8_decode("\xF0\x9F\x98\x80", 4, &adv), 0x1F600);
    assert_int_equal(sl_utf8_decode("\xC0\xAF", 2, &adv), -1);          /* overlong */
    assert_int_equal(sl_utf8_decode("\xE0\x80\xAF", 3, &adv), -1);      /* overlong */
    assert_int_equal(sl_utf8_decode("\xED\xA0\x80", 3, &adv), -1);      /* surrogate */
    assert_int_equal(sl_utf8_decode("\xF4\x90\x80\x80", 4, &adv), -1);  /* > U+10FFFF */
    assert_int_equal(sl_utf8_decode("\xE2\x82", 2, &adv), -1);          /* truncated */
    assert_int_equal(adv, 2);
    assert_true(sl_utf8_valid("S\xC3\xA3o Paulo", 10));
    assert_int_equal(sl_utf8_valid_prefix("ab\xFF" "cd", 5), 2);
    char out[4];
    assert_int_equal(sl_utf8_encode(0x20AC, out), 3);
    assert_memory_equal(out, "\xE2\x82\xAC", 3);
    assert_int_equal(sl_utf8_encode(0xD800, out), 0);
    assert_int_equal(sl_utf8_encode(0x110000, out), 0);
}

static void test_strerror_names_every_code(void **state)
{
    (void)state;
    int codes[] = { SL_OK, SL_ENOMEM, SL_EINVAL, SL_EIO, SL_EPARSE, SL_ELIMIT, SL_EUTF8, SL_EOF };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        assert_string_not_equal(sl_strerror(codes[i]), "unknown error");
    assert_string_equal(sl_strerror(12345), "unknown error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_null_is_noop),
        cmocka_unit_test(test_options_version_checked),
        cmocka_unit_test(test_error_message_kept_per_handle),
        cmocka_unit_test(test_fault_injection_fails_nth_allocation),
        cmocka_unit_test(test_custom_allocator_is_used),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_utf8_decode_strict),
        cmocka_unit_test(test_strerror_names_every_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
