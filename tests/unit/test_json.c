/* JSON scanner, string decoding and string writing. */
#include "test_util.h"

#include "core/json.h"

static int parse(sl_ctx *ctx, const char *s, size_t len, unsigned depth, sl_json_object *obj,
                 size_t *off)
{
    return sl_json_parse_object(ctx, s, len, depth, obj, off);
}

static int parse_str(sl_ctx *ctx, const char *s, sl_json_object *obj, size_t *off)
{
    return parse(ctx, s, strlen(s), 64, obj, off);
}

/* The text of member i's value. */
static char *member_value(const sl_json_object *obj, size_t i)
{
    const sl_json_member *m = &obj->members[i];
    return strndup(obj->text + m->val_start, m->val_end - m->val_start);
}

static void test_valid_documents(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        size_t members;
    } cases[] = {
        { "{}", 0 },
        { " \t\r\n{ \n}\r\n ", 0 },
        { "{\"a\":1}", 1 },
        { "{\"n\":-0.5e+10,\"m\":0,\"k\":1E5,\"z\":-0,\"f\":12.25e-3,\"b\":1e+0}", 6 },
        { "{\"t\":true,\"f\":false,\"n\":null}", 3 },
        { "{\"o\":{\"a\":[1,{\"b\":[]},\"x\"]},\"e\":[],\"eo\":{}}", 3 },
        { "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}", 1 },
        { "{\"\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87\":\"\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\x98\x80\"}", 1 },
        { "{\"a\":1,\"a\":2}", 2 },
        { "{ \"a\" : [ 1 , 2 ] , \"b\" : { } }", 2 },
        { "{\"\":\"\"}", 1 },
        { "{\"x\":\"\x7f\"}", 1 },
    };
    sl_ctx *ctx = test_ctx();
    sl_json_object obj = { 0 };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t off = 99;
        int rc = parse_str(ctx, cases[i].json, &obj, &off);
        if (rc != SL_OK)
            fail_msg("case %zu (%s): %s", i, cases[i].json, sl_errmsg(ctx));
        assert_int_equal(obj.n, cases[i].members);
    }
    sl_json_object_release(ctx, &obj);
    sl_ctx_free(ctx);
}

static void test_member_ranges_and_types(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_json_object obj = { 0 };
    const char *s = "{ \"id\" : \"a\\\"b\" , \"n\":-1.5,\"o\":{\"k\":[1]},\"z\":null }";
    assert_int_equal(parse_str(ctx, s, &obj, NULL), SL_OK);
    assert_int_equal(obj.n, 4);
    assert_ptr_equal(obj.text, s);
    assert_int_equal(obj.members[0].key_start, 2);
    assert_int_equal(obj.members[0].key_end, 6);
    assert_int_equal(obj.members[0].type, SL_JSON_STRING);
    char *v = member_value(&obj, 0);
    assert_string_equal(v, "\"a\\\"b\"");
    free(v);
    assert_int_equal(obj.members[1].type, SL_JSON_NUMBER);
    v = member_value(&obj, 1);
    assert_string_equal(v, "-1.5");
    free(v);
    assert_int_equal(obj.members[2].type, SL_JSON_OBJECT);
    v = member_value(&obj, 2);
    assert_string_equal(v, "{\"k\":[1]}");
    free(v);
    assert_int_equal(obj.members[3].type, SL_JSON_NULL);
    sl_json_object_release(ctx, &obj);
    assert_null(obj.members);
    sl_ctx_free(ctx);
}

static void test_find_and_duplicate_keys(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_json_object obj = { 0 };
    const char *s = "{\"text\":\"one\",\"t\\u0065xt\":\"two\",\"\\u00e9\":1,\"k\\\"q\":2}";
    assert_int_equal(parse_str(ctx, s, &obj, NULL), SL_OK);
    /* The last duplicate wins, escapes in keys are decoded. */
    assert_int_equal(sl_json_find(&obj, "text"), 1);
    assert_true(sl_json_key_is(&obj, 0, "text"));
    assert_false(sl_json_key_is(&obj, 0, "tex"));
    assert_false(sl_json_key_is(&obj, 0, "texts"));
    assert_int_equal(sl_json_find(&obj, "\xc3\xa9"), 2);
    assert_int_equal(sl_json_find(&obj, "k\"q"), 3);
    assert_int_equal(sl_json_find(&obj, "missing"), -1);
    assert_false(sl_json_key_is(&obj, 9, "text"));
    sl_json_object_release(ctx, &obj);
    sl_ctx_free(ctx);
}

static void decode_expect(const char *tok, const char *want, size_t want_len, size_t want_lone)
{
    sl_ctx *ctx = test_ctx();
    sl_buf b;
    sl_buf_init(&b, ctx);
    size_t lone = 0;
    assert_int_equal(sl_json_decode_string(tok, strlen(tok), &b, &lone), SL_OK);
    assert_int_equal(b.len, want_len);
    assert_memory_equal(b.ptr ? b.ptr : "", want, want_len);
    assert_int_equal(lone, want_lone);
    sl_buf_release(&b);
    sl_ctx_free(ctx);
}

static void test_decode_escapes(void **state)
{
    (void)state;
    decode_expect("\"\"", "", 0, 0);
    decode_expect("\"plain\"", "plain", 5, 0);
    decode_expect("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", 8, 0);
    decode_expect("\"\\u00e9\\u20AC\"", "\xc3\xa9\xe2\x82\xac", 5, 0);
    decode_expect("\"\\u0000\"", "\0", 1, 0);
    /* A surrogate pair is one code point. */
    decode_expect("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", 4, 0);
    /* Lone surrogates become U+FFFD and are counted. */
    decode_expect("\"\\ud800x\"", "\xef\xbf\xbdx", 4, 1);
    decode_expect("\"\\udc00\"", "\xef\xbf\xbd", 3, 1);
    decode_expect("\"\\ud800\\ud800\\udc00\"", "\xef\xbf\xbd\xf0\x90\x80\x80", 7, 1);
    decode_expect("\"\\ud800\\n\"", "\xef\xbf\xbd\n", 4, 1);
    decode_expect("\"a\\ud83d\"", "a\xef\xbf\xbd", 4, 1);
}

static void test_decode_rejects_non_tokens(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf b;
    sl_buf_init(&b, ctx);
    assert_int_equal(sl_json_decode_string("x", 1, &b, NULL), SL_EINVAL);
    assert_int_equal(sl_json_decode_string("\"", 1, &b, NULL), SL_EINVAL);
    sl_buf_release(&b);
    sl_ctx_free(ctx);
}

/* {"a": followed by `levels` nested arrays. */
static char *nested(size_t levels, size_t *len)
{
    char *s = malloc(levels * 2 + 16);
    size_t n = 0;
    memcpy(s, "{\"a\":", 5);
    n = 5;
    for (size_t i = 0; i < levels; i++)
        s[n++] = '[';
    for (size_t i = 0; i < levels; i++)
        s[n++] = ']';
    s[n++] = '}';
    s[n] = '\0';
    *len = n;
    return s;
}

static void test_nesting_limit(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_json_object obj = { 0 };
    size_t len, off;
    /* The object is level 1, so 63 arrays make 64 levels: at the limit. */
    char *s = nested(63, &len);
    assert_int_equal(parse(ctx, s, len, 64, &obj, &off), SL_OK);
    assert_int_equal(obj.members[0].type, SL_JSON_ARRAY);
    assert_int_equal(obj.members[0].val_end, len - 1);
    free(s);
    s = nested(64, &len);
    assert_int_equal(parse(ctx, s, len, 64, &obj, &off), SL_ELIMIT);
    assert_int_equal(off, 5 + 63);
    assert_non_null(strstr(sl_errmsg(ctx), "nesting deeper than 64"));
    free(s);
    /* Very deep nesting needs no recursion (and a heap bit stack). */
    s = nested(200000, &len);
    assert_int_equal(parse(ctx, s, len, 300000, &obj, &off), SL_OK);
    assert_int_equal(parse(ctx, s, len, 100000, &obj, &off), SL_ELIMIT);
    assert_int_equal(off, 5 + 99999);
    free(s);
    /* Mixed objects and arrays close in the right order. */
    const char *mixed = "{\"a\":[{\"b\":[{\"c\":{}}]}]}";
    assert_int_equal(parse(ctx, mixed, strlen(mixed), 6, &obj, &off), SL_OK);
    assert_int_equal(parse(ctx, mixed, strlen(mixed), 5, &obj, &off), SL_ELIMIT);
    const char *crossed = "{\"a\":[{\"b\":1]}}";
    assert_int_equal(parse(ctx, crossed, strlen(crossed), 64, &obj, &off), SL_EPARSE);
    assert_int_equal(off, 12);
    sl_json_object_release(ctx, &obj);
    sl_ctx_free(ctx);
}

static void test_huge_string(void **state)
{
    (void)state;
    size_t body = 10u << 20;
    char *s = malloc(body + 32);
    size_t n = 0;
    n += (size_t)sprintf(s, "{\"text\":\"");
    for (size_t i = 0; i < body; i++)
        s[n++] = (char)('a' + i % 26);
    memcpy(s + n, "\\u00e9\"}", 9);
    n += 8;
    sl_ctx *ctx = test_ctx();
    sl_json_object obj = { 0 };
    assert_int_equal(parse(ctx, s, n, 64, &obj, NULL), SL_OK);
    sl_buf b;
    sl_buf_init(&b, ctx);
    const sl_json_member *m = &obj.members[0];
    assert_int_equal(sl_json_decode_string(s + m->val_start, m->val_end - m->val_start, &b, NULL),
                     SL_OK);
    assert_int_equal(b.len, body + 2);
    assert_memory_equal(b.ptr + body, "\xc3\xa9", 2);
    sl_buf_release(&b);
    sl_json_object_release(ctx, &obj);
    sl_ctx_free(ctx);
    free(s);
}

typedef struct bad_case {
    const char *json;
    size_t len;        /* 0: strlen */
    int code;
    size_t off;
    const char *msg;   /* substring of the message */
} bad_case;

static void test_invalid_documents(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        { "", 0, SL_EPARSE, 0, "expected '{' at the start of a record, found end of input" },
        { "[1]", 0, SL_EPARSE, 0, "expected '{'" },
        { "  \"a\"", 0, SL_EPARSE, 2, "expected '{'" },
        { "{\"a\":1,}", 0, SL_EPARSE, 7, "expected a string key, found '}'" },
        { "{a:1}", 0, SL_EPARSE, 1, "expected a string key" },
        { "{\"a\" 1}", 0, SL_EPARSE, 5, "expected ':' after object key" },
        { "{\"a\":1 \"b\":2}", 0, SL_EPARSE, 7, "expected ',' or '}' after object member" },
        { "{\"a\":{\"b\":1 \"c\":2}}", 0, SL_EPARSE, 12, "expected ',' or '}' after object member" },
        { "{\"a\":[1 2]}", 0, SL_EPARSE, 8, "expected ',' or ']' after array element" },
        { "{\"a\":[1,]}", 0, SL_EPARSE, 8, "expected a value, found ']'" },
        { "{\"a\":\"\\q\"}", 0, SL_EPARSE, 6, "invalid escape \\q" },
        { "{\"a\":\"\\u12G4\"}", 0, SL_EPARSE, 6, "invalid \\u escape" },
        { "{\"a\":\"\\u12\"}", 0, SL_EPARSE, 6, "invalid \\u escape" },
        { "{\"a\":01}", 0, SL_EPARSE, 6, "leading zero" },
        { "{\"a\":1.}", 0, SL_EPARSE, 7, "expected a digit after '.'" },
        { "{\"a\":.5}", 0, SL_EPARSE, 5, "expected a value" },
        { "{\"a\":1e}", 0, SL_EPARSE, 7, "exponent" },
        { "{\"a\":1e+}", 0, SL_EPARSE, 8, "exponent" },
        { "{\"a\":-}", 0, SL_EPARSE, 6, "invalid number" },
        { "{\"a\":+1}", 0, SL_EPARSE, 5, "expected a value, found '+'" },
        { "{\"a\":tru}", 0, SL_EPARSE, 5, "invalid literal, expected 'true'" },
        { "{\"a\":NaN}", 0, SL_EPARSE, 5, "expected a value" },
        { "{\"a\":\"x\ny\"}", 0, SL_EPARSE, 7, "raw control character 0x0A in string" },
        { "{\"a\":\"x\0y\"}", 11, SL_EPARSE, 7, "raw control character 0x00 in string" },
        { "{\"a\":1,\0}", 9, SL_EPARSE, 7, "found control character 0x00" },
        { "{\"a\":\"\xc3(\"}", 0, SL_EUTF8, 6, "invalid UTF-8 byte 0xC3" },
        { "{\"a\":\"\xc0\xaf\"}", 0, SL_EUTF8, 6, "invalid UTF-8 byte 0xC0" },
        { "{\"a\":\"\xed\xa0\x80\"}", 0, SL_EUTF8, 6, "invalid UTF-8 byte 0xED" },
        { "{\"a\":\"ok\xf4\x90\x80\x80\"}", 0, SL_EUTF8, 8, "invalid UTF-8 byte 0xF4" },
        { "{\"\xff\":1}", 0, SL_EUTF8, 2, "invalid UTF-8 byte 0xFF" },
        { "{\xff}", 0, SL_EUTF8, 1, "invalid UTF-8 byte 0xFF" },
        { "{\xc3\xa9}", 0, SL_EPARSE, 1, "found byte 0xC3" },
        { "{\"a\":1} x", 0, SL_EPARSE, 8, "unexpected data after the end of the object" },
        { "{\"a\":1}{}", 0, SL_EPARSE, 7, "unexpected data after the end of the object" },
        { "{\"a\":\"abc", 0, SL_EPARSE, 5, "unterminated string" },
        { "{\"a\":\"abc\\", 0, SL_EPARSE, 10, "unterminated string" },
        { "{\"a\":1", 0, SL_EPARSE, 6, "expected ',' or '}' after object member, found end of input" },
        { "{\"a\":", 0, SL_EPARSE, 5, "expected a value, found end of input" },
        { "{\"a\":[", 0, SL_EPARSE, 6, "expected a value, found end of input" },
        { "{", 0, SL_EPARSE, 1, "expected a string key, found end of input" },
    };
    sl_ctx *ctx = test_ctx();
    sl_json_object obj = { 0 };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_case *c = &cases[i];
        size_t len = c->len ? c->len : strlen(c->json), off = 12345;
        int rc = parse(ctx, c->json, len, 64, &obj, &off);
        if (rc != c->code || off != c->off || !strstr(sl_errmsg(ctx), c->msg))
            fail_msg("case %zu: rc %d off %zu msg '%s'; want rc %d off %zu msg '%s'", i, rc, off,
                     sl_errmsg(ctx), c->code, c->off, c->msg);
        assert_int_equal(obj.n, 0);
    }
    sl_json_object_release(ctx, &obj);
    sl_ctx_free(ctx);
}

static char *written(sl_ctx *ctx, const char *s, size_t len)
{
    sl_buf b;
    sl_buf_init(&b, ctx);
    assert_int_equal(sl_json_write_string(&b, s, len), SL_OK);
    char *copy = strdup(b.ptr);
    sl_buf_release(&b);
    return copy;
}

static void test_write_string(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        const char *out;
    } cases[] = {
        { "", 0, "\"\"" },
        { "plain text", 10, "\"plain text\"" },
        { "q\"b\\s/", 6, "\"q\\\"b\\\\s/\"" },
        { "\b\f\n\r\t\x01\x1f", 7, "\"\\b\\f\\n\\r\\t\\u0001\\u001f\"" },
        { "nul\0x", 5, "\"nul\\u0000x\"" },
        { "del\x7f", 4, "\"del\\u007f\"" },
        { "c1\xc2\x85", 4, "\"c1\\u0085\"" },
        { "ls\xe2\x80\xa8", 5, "\"ls\\u2028\"" },
        { "\xc3\xa9\xf0\x9f\x98\x80", 6, "\"\xc3\xa9\xf0\x9f\x98\x80\"" },
        { "bad\xff!", 5, "\"bad\\ufffd!\"" },
        { "cut\xe2\x82", 5, "\"cut\\ufffd\"" },
        { "sur\xed\xa0\x80", 6, "\"sur\\ufffd\\ufffd\\ufffd\"" },
    };
    sl_ctx *ctx = test_ctx();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = written(ctx, cases[i].in, cases[i].len);
        if (strcmp(got, cases[i].out) != 0)
            fail_msg("case %zu: got %s want %s", i, got, cases[i].out);
        free(got);
    }
    sl_ctx_free(ctx);
}

/* Writing then parsing and decoding gives the input back for valid UTF-8. */
static void test_write_round_trip(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    char in[512];
    size_t n = 0;
    for (unsigned c = 0; c < 0x80; c++)
        in[n++] = (char)c;
    memcpy(in + n, "\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\xc2\x9f", 11);
    n += 11;
    sl_buf b;
    sl_buf_init(&b, ctx);
    assert_int_equal(sl_buf_puts(&b, "{\"k\":"), SL_OK);
    assert_int_equal(sl_json_write_string(&b, in, n), SL_OK);
    assert_int_equal(sl_buf_putc(&b, '}'), SL_OK);
    sl_json_object obj = { 0 };
    assert_int_equal(parse(ctx, b.ptr, b.len, 64, &obj, NULL), SL_OK);
    sl_buf d;
    sl_buf_init(&d, ctx);
    const sl_json_member *m = &obj.members[0];
    assert_int_equal(sl_json_decode_string(b.ptr + m->val_start, m->val_end - m->val_start, &d, NULL),
                     SL_OK);
    assert_int_equal(d.len, n);
    assert_memory_equal(d.ptr, in, n);
    sl_buf_release(&d);
    sl_buf_release(&b);
    sl_json_object_release(ctx, &obj);
    sl_ctx_free(ctx);
}

/* Fail the k-th allocation for k = 1, 2, ... until the call succeeds: each
 * failure must be SL_ENOMEM, and ASan/LSan catch leaks and crashes. */
static void test_out_of_memory_sweep(void **state)
{
    (void)state;
    char big[4096];
    size_t n = (size_t)sprintf(big, "{");
    for (int i = 0; i < 100; i++)
        n += (size_t)sprintf(big + n, "%s\"k%d\":[%d,\"\\u00e9\"]", i ? "," : "", i, i);
    big[n++] = '}';
    sl_ctx *ctx = test_ctx();
    int rc = SL_ENOMEM;
    uint64_t k;
    for (k = 1; k < 1000 && rc != SL_OK; k++) {
        sl_json_object obj = { 0 };
        sl_ctx_set_fail_alloc_after(ctx, k);
        rc = parse(ctx, big, n, 64, &obj, NULL);
        assert_true(rc == SL_OK || rc == SL_ENOMEM);
        if (rc == SL_OK)
            assert_int_equal(obj.n, 100);
        sl_json_object_release(ctx, &obj);
    }
    assert_int_equal(rc, SL_OK);
    assert_true(k > 2);
    /* Deep nesting allocates its bit stack. */
    size_t len;
    char *deep = nested(5000, &len);
    rc = SL_ENOMEM;
    for (k = 1; k < 100 && rc != SL_OK; k++) {
        sl_json_object obj = { 0 };
        sl_ctx_set_fail_alloc_after(ctx, k);
        rc = parse(ctx, deep, len, 10000, &obj, NULL);
        assert_true(rc == SL_OK || rc == SL_ENOMEM);
        sl_json_object_release(ctx, &obj);
    }
    assert_int_equal(rc, SL_OK);
    free(deep);
    /* Decoding and writing. */
    rc = SL_ENOMEM;
    for (k = 1; k < 100 && rc != SL_OK; k++) {
        sl_buf b;
        sl_buf_init(&b, ctx);
        sl_ctx_set_fail_alloc_after(ctx, k);
        rc = sl_json_decode_string("\"ab\\u00e9\\ud83d\\ude00\"", 22, &b, NULL);
        if (rc == SL_OK)
            rc = sl_json_write_string(&b, big, n);
        assert_true(rc == SL_OK || rc == SL_ENOMEM);
        sl_buf_release(&b);
    }
    assert_int_equal(rc, SL_OK);
    sl_ctx_set_fail_alloc_after(ctx, 0);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_documents),
        cmocka_unit_test(test_member_ranges_and_types),
        cmocka_unit_test(test_find_and_duplicate_keys),
        cmocka_unit_test(test_decode_escapes),
        cmocka_unit_test(test_decode_rejects_non_tokens),
        cmocka_unit_test(test_nesting_limit),
        cmocka_unit_test(test_huge_string),
        cmocka_unit_test(test_invalid_documents),
        cmocka_unit_test(test_write_string),
        cmocka_unit_test(test_write_round_trip),
        cmocka_unit_test(test_out_of_memory_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
