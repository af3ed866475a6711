/* The JSON line builder: pass-through of input records, values, layout,
 * misuse and allocation failure. */
#include "test_util.h"

#include "core/json.h"

#include <math.h>

/* A document over a parsed JSON line (obj must be released). */
static void doc_from_line(sl_ctx *ctx, const char *line, sl_json_object *obj, sl_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    assert_int_equal(sl_json_parse_object(ctx, line, strlen(line), 64, obj, NULL), SL_OK);
    doc->raw = (sl_str){ line, strlen(line) };
    doc->members = obj;
}

static void assert_line(sl_out *o, const char *want)
{
    const char *data;
    size_t len;
    assert_int_equal(sl_out_finish(o, &data, &len), SL_OK);
    assert_int_equal(len, strlen(data));
    if (strcmp(data, want) != 0)
        fail_msg("got  %swant %s", data, want);
}

static void test_pass_through_byte_for_byte(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_out *o;
    assert_int_equal(sl_out_new(ctx, &o), SL_OK);
    sl_json_object obj = { 0 };
    sl_doc doc;
    const char *line = "{\"id\":\"x\\u0041\",  \"meta\" :{\"a\": [1,  2.50e0], \"b\":null},"
                       "\"text\":\"old\",\"n\":-0.0,\"t\\u0065xt\":\"old too\",\"k\":\"\xc3\xa9\\/\","
                       "\"k\":true}";
    doc_from_line(ctx, line, &obj, &doc);
    const char *replaced[] = { "text", "repairs", NULL };
    assert_int_equal(sl_out_begin_doc(o, &doc, replaced), SL_OK);
    assert_int_equal(sl_out_key(o, "text"), SL_OK);
    assert_int_equal(sl_out_string(o, "new", 3), SL_OK);
    assert_int_equal(sl_out_key(o, "repairs"), SL_OK);
    assert_int_equal(sl_out_begin_array(o), SL_OK);
    assert_int_equal(sl_out_end_array(o), SL_OK);
    /* Unknown members keep their bytes (escapes, number spelling, inner
     * spacing, duplicates); every spelling of a replaced key goes. */
    assert_line(o, "{\"id\": \"x\\u0041\", \"meta\": {\"a\": [1,  2.50e0], \"b\":null}, "
                   "\"n\": -0.0, \"k\": \"\xc3\xa9\\/\", \"k\": true, \"text\": \"new\", "
                   "\"repairs\": []}\n");
    /* No replaced list: everything passes, and an explicit end works. */
    assert_int_equal(sl_out_begin_doc(o, &doc, NULL), SL_OK);
    assert_int_equal(sl_out_end_object(o), SL_OK);
    const char *data;
    size_t len;
    assert_int_equal(sl_out_finish(o, &data, &len), SL_OK);
    assert_non_null(strstr(data, "\"text\": \"old\", \"n\": -0.0, \"t\\u0065xt\": \"old too\""));
    assert_int_equal(data[len - 2], '}');
    assert_int_equal(data[len - 1], '\n');
    sl_json_object_release(ctx, &obj);

    /* A record without an id gets the reader's id, first. */
    doc_from_line(ctx, "{\"text\":\"t\",\"x\":1}", &obj, &doc);
    doc.id = (sl_str){ "f.jsonl:3", 9 };
    assert_int_equal(sl_out_begin_doc(o, &doc, NULL), SL_OK);
    assert_line(o, "{\"id\": \"f.jsonl:3\", \"text\": \"t\", \"x\": 1}\n");
    const char *no_id[] = { "id", NULL };
    assert_int_equal(sl_out_begin_doc(o, &doc, no_id), SL_OK);
    assert_line(o, "{\"text\": \"t\", \"x\": 1}\n");
    sl_json_object_release(ctx, &obj);
    sl_out_free(o);
    sl_ctx_free(ctx);
}

static void test_text_document(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_out *o;
    assert_int_equal(sl_out_new(ctx, &o), SL_OK);
    sl_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (sl_str){ "dir/a", 5 };
    doc.text = (sl_str){ "raw\xff\n\"text\"", 11 };
    /* A .txt document is {"id", "text"}; invalid bytes become U+FFFD. */
    assert_int_equal(sl_out_begin_doc(o, &doc, NULL), SL_OK);
    assert_line(o, "{\"id\": \"dir/a\", \"text\": \"raw\\ufffd\\n\\\"text\\\"\"}\n");
    const char *replaced[] = { "text", NULL };
    assert_int_equal(sl_out_begin_doc(o, &doc, replaced), SL_OK);
    assert_int_equal(sl_out_key(o, "text"), SL_OK);
    assert_int_equal(sl_out_string(o, "clean", 5), SL_OK);
    assert_line(o, "{\"id\": \"dir/a\", \"text\": \"clean\"}\n");
    /* Other standard fields a caller set are kept. */
    doc.title = (sl_str){ "T", 1 };
    const char *both[] = { "text", "id", NULL };
    assert_int_equal(sl_out_begin_doc(o, &doc, both), SL_OK);
    assert_line(o, "{\"title\": \"T\"}\n");
    sl_out_free(o);
    sl_ctx_free(ctx);
}

static void test_values_and_layout(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_out *o;
    assert_int_equal(sl_out_new(ctx, &o), SL_OK);
    assert_int_equal(sl_out_begin_object(o), SL_OK);
    assert_int_equal(sl_out_key(o, "i"), SL_OK);
    assert_int_equal(sl_out_begin_array(o), SL_OK);
    assert_int_equal(sl_out_int(o, 0), SL_OK);
    assert_int_equal(sl_out_int(o, INT64_MIN), SL_OK);
    assert_int_equal(sl_out_int(o, INT64_MAX), SL_OK);
    assert_int_equal(sl_out_end_array(o), SL_OK);
    assert_int_equal(sl_out_key(o, "d"), SL_OK);
    assert_int_equal(sl_out_begin_array(o), SL_OK);
    double ds[] = { 0.1, 1.0 / 3.0, 1e300, -0.0, 2.0, 5e-324, NAN, INFINITY };
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++)
        assert_int_equal(sl_out_double(o, ds[i]), SL_OK);
    assert_int_equal(sl_out_end_array(o), SL_OK);
    assert_int_equal(sl_out_key(o, "b"), SL_OK);
    assert_int_equal(sl_out_bool(o, 1), SL_OK);
    assert_int_equal(sl_out_key(o, "f"), SL_OK);
    assert_int_equal(sl_out_bool(o, 0), SL_OK);
    assert_int_equal(sl_out_key(o, "n"), SL_OK);
    assert_int_equal(sl_out_null(o), SL_OK);
    assert_int_equal(sl_out_key(o, "q\"k"), SL_OK);
    assert_int_equal(sl_out_begin_object(o), SL_OK);
    assert_int_equal(sl_out_end_object(o), SL_OK);
    assert_int_equal(sl_out_key(o, "s"), SL_OK);
    assert_int_equal(sl_out_string(o, NULL, 0), SL_OK);
    /* The outer object is left open: finish closes it. */
    const char *want = "{\"i\": [0, -9223372036854775808, 9223372036854775807], "
                       "\"d\": [0.1, 0.3333333333333333, 1e+300, -0, 2, 4.94065645841247e-324, "
                       "null, null], \"b\": true, \"f\": false, \"n\": null, \"q\\\"k\": {}, "
                       "\"s\": \"\"}\n";
    const char *data;
    size_t len;
    assert_int_equal(sl_out_finish(o, &data, &len), SL_OK);
    assert_string_equal(data, want);
    /* The line is valid JSON, and the doubles read back exactly. */
    sl_json_object obj = { 0 };
    assert_int_equal(sl_json_parse_object(ctx, data, len, 64, &obj, NULL), SL_OK);
    assert_int_equal(obj.n, 7);
    assert_true(strtod("0.3333333333333333", NULL) == 1.0 / 3.0);
    sl_json_object_release(ctx, &obj);
    /* The next call starts a new line. */
    assert_int_equal(sl_out_begin_array(o), SL_OK);
    assert_int_equal(sl_out_begin_array(o), SL_OK);
    assert_line(o, "[[]]\n");
    sl_out_reset(o);
    assert_int_equal(sl_out_string(o, "top", 3), SL_OK);
    assert_line(o, "\"top\"\n");
    sl_out_free(o);
    sl_ctx_free(ctx);
}

static void test_misuse_is_refused(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_out *o;
    assert_int_equal(sl_out_new(ctx, &o), SL_OK);
    const char *data;
    size_t len;
    assert_int_equal(sl_out_finish(o, &data, &len), SL_EINVAL);
    assert_null(data);
    assert_int_equal(sl_out_key(o, "k"), SL_EINVAL);
    assert_int_equal(sl_out_end_object(o), SL_EINVAL);
    assert_int_equal(sl_out_begin_array(o), SL_OK);
    assert_int_equal(sl_out_key(o, "k"), SL_EINVAL);
    assert_int_equal(sl_out_end_object(o), SL_EINVAL);
    assert_int_equal(sl_out_end_array(o), SL_OK);
    assert_int_equal(sl_out_int(o, 1), SL_EINVAL); /* a second top-level value */
    sl_out_reset(o);
    assert_int_equal(sl_out_begin_object(o), SL_OK);
    assert_int_equal(sl_out_int(o, 1), SL_EINVAL); /* a value without a key */
    assert_int_equal(sl_out_key(o, "k"), SL_OK);
    assert_int_equal(sl_out_key(o, "k2"), SL_EINVAL);
    assert_int_equal(sl_out_end_object(o), SL_EINVAL);
    assert_int_equal(sl_out_finish(o, &data, &len), SL_EINVAL);
    assert_non_null(strstr(sl_errmsg(ctx), "key without a value"));
    assert_int_equal(sl_out_int(o, 7), SL_OK);
    assert_line(o, "{\"k\": 7}\n");
    sl_out_free(o);
    sl_out_free(NULL);
    sl_ctx_free(ctx);
}

/* Build one document line; rc of the first failing call. */
static int build_line(sl_out *o, const sl_doc *doc, const char **data, size_t *len)
{
    const char *replaced[] = { "text", NULL };
    int rc = sl_out_begin_doc(o, doc, replaced);
    if (!rc) rc = sl_out_key(o, "text");
    if (!rc) rc = sl_out_string(o, "cleaned \xe2\x80\x94 text", 16);
    if (!rc) rc = sl_out_key(o, "removed");
    if (!rc) rc = sl_out_begin_array(o);
    for (int i = 0; i < 40 && !rc; i++) {
        rc = sl_out_begin_object(o);
        if (!rc) rc = sl_out_key(o, "start");
        if (!rc) rc = sl_out_int(o, i);
        if (!rc) rc = sl_out_key(o, "score");
        if (!rc) rc = sl_out_double(o, i / 7.0);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = sl_out_finish(o, data, len);
    return rc;
}

static void test_out_of_memory_sweep(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_json_object obj = { 0 };
    sl_doc doc;
    doc_from_line(ctx, "{\"id\":\"a\",\"text\":\"t\",\"x\":[1,2,3]}", &obj, &doc);
    /* The expected line, built without failures. */
    sl_out *o;
    assert_int_equal(sl_out_new(ctx, &o), SL_OK);
    const char *data;
    size_t len;
    assert_int_equal(build_line(o, &doc, &data, &len), SL_OK);
    char *want = strdup(data);
    sl_out_free(o);

    int rc = SL_ENOMEM;
    uint64_t k;
    for (k = 1; k < 1000 && rc != SL_OK; k++) {
        sl_ctx_set_fail_alloc_after(ctx, k);
        o = NULL;
        rc = sl_out_new(ctx, &o);
        if (rc == SL_OK)
            rc = build_line(o, &doc, &data, &len);
        assert_true(rc == SL_OK || rc == SL_ENOMEM);
        if (rc == SL_OK)
            assert_string_equal(data, want);
        sl_out_free(o);
    }
    assert_int_equal(rc, SL_OK);
    assert_true(k > 3);
    sl_ctx_set_fail_alloc_after(ctx, 0);
    free(want);
    sl_json_object_release(ctx, &obj);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pass_through_byte_for_byte),
        cmocka_unit_test(test_text_document),
        cmocka_unit_test(test_values_and_layout),
        cmocka_unit_test(test_misuse_is_refused),
        cmocka_unit_test(test_out_of_memory_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
