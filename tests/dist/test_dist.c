/* src/dist: the codecs give back documents that index and read exactly as
 * the prepared ones, damage is refused, allocation failures are reported
 * without leaks, and the intermediate file checks its frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dist/dist.h"
#include "storyline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NER_MODEL SL_SOURCE_DIR "/data/models/ner-en.slm"
#define TIME_RULES SL_SOURCE_DIR "/data/time/en.rules"

static const char text_a[] =
    "The city council of Northgate voted on Tuesday to close the old harbour bridge "
    "after engineers found cracks in two of its piers. \"We cannot wait for a "
    "disaster,\" said Mayor Ilse Feyrin. Repairs will cost 4 million euros and take "
    "until March 2020, the council said in a statement.";
static const char text_b[] =
    "The city council of Northgate voted on Tuesday to close the old harbour bridge "
    "after engineers found cracks in two of its piers. \"We cannot wait for a "
    "disaster,\" said Mayor Ilse Feyrin. Repairs will cost 4 million euros and take "
    "until March 2020, the council said on Wednesday.";

/* Encode p, decode into a fresh document, encode that: the same bytes. */
static void test_dedup_round_trip(void **state)
{
    (void)state;
    sl_ctx *ctx;
    assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
    sl_dedup_options o = SL_DEDUP_OPTIONS_INIT;
    sl_dedup_doc *a, *b, *c;
    assert_int_equal(sl_dedup_doc_new(ctx, &a), SL_OK);
    assert_int_equal(sl_dedup_doc_new(ctx, &b), SL_OK);
    assert_int_equal(sl_dedup_doc_new(ctx, &c), SL_OK);
    assert_int_equal(sl_dedup_prepare(a, &o, text_a, strlen(text_a), "Bridge closed", 13,
                                      "Gazette", 7), SL_OK);
    assert_int_equal(sl_dedup_prepare(b, &o, text_b, strlen(text_b), "Bridge closed", 13,
                                      "Gazette", 7), SL_OK);
    sl_buf x, y;
    sl_buf_init(&x, ctx);
    sl_buf_init(&y, ctx);
    assert_int_equal(sl_dist_put_dedup_doc(&x, b), SL_OK);
    sl_dist_dec d;
    sl_dist_dec_init(&d, x.ptr, x.len);
    assert_int_equal(sl_dist_get_dedup_doc(&d, c), SL_OK);
    assert_true(d.p == d.end);
    assert_int_equal(sl_dist_put_dedup_doc(&y, c), SL_OK);
    assert_int_equal(x.len, y.len);
    assert_memory_equal(x.ptr, y.ptr, x.len);

    /* the decoded one pairs with a as the prepared one does */
    sl_dedup *one, *two;
    assert_int_equal(sl_dedup_new(ctx, &one, &o), SL_OK);
    assert_int_equal(sl_dedup_new(ctx, &two, &o), SL_OK);
    assert_int_equal(sl_dedup_add(one, "a", 1, NULL, 0, a), SL_OK);
    assert_int_equal(sl_dedup_add(one, "b", 1, NULL, 0, b), SL_OK);
    assert_int_equal(sl_dedup_add(two, "a", 1, NULL, 0, a), SL_OK);
    assert_int_equal(sl_dedup_add(two, "b", 1, NULL, 0, c), SL_OK);
    sl_dup r1, r2;
    assert_int_equal(sl_dedup_result(one, 1, &r1), SL_OK);
    assert_int_equal(sl_dedup_result(two, 1, &r2), SL_OK);
    assert_int_not_equal(r1.relation, SL_DUP_UNIQUE);
    assert_int_equal(r1.relation, r2.relation);
    assert_true(r1.similarity == r2.similarity);

    /* cut short: refused */
    for (size_t cut = 0; cut < x.len; cut += 7) {
        sl_dist_dec_init(&d, x.ptr, cut);
        assert_int_equal(sl_dist_get_dedup_doc(&d, c), SL_EPARSE);
    }
    sl_dedup_free(one);
    sl_dedup_free(two);
    sl_buf_release(&x);
    sl_buf_release(&y);
    sl_dedup_doc_free(a);
    sl_dedup_doc_free(b);
    sl_dedup_doc_free(c);
    sl_ctx_free(ctx);
}

static void test_story_round_trip(void **state)
{
    (void)state;
    sl_ctx *ctx;
    assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
    sl_story_options o = SL_STORY_OPTIONS_INIT;
    sl_story_doc *a, *c;
    assert_int_equal(sl_story_doc_new(ctx, &o, &a), SL_OK);
    assert_int_equal(sl_story_doc_new(ctx, &o, &c), SL_OK);
    assert_int_equal(sl_story_prepare(a, text_a, strlen(text_a), "Bridge closed", 13), SL_OK);
    sl_buf x, y;
    sl_buf_init(&x, ctx);
    sl_buf_init(&y, ctx);
    assert_int_equal(sl_dist_put_story_doc(&x, a), SL_OK);
    sl_dist_dec d;
    sl_dist_dec_init(&d, x.ptr, x.len);
    assert_int_equal(sl_dist_get_story_doc(&d, c), SL_OK);
    assert_int_equal(sl_dist_put_story_doc(&y, c), SL_OK);
    assert_int_equal(x.len, y.len);
    assert_memory_equal(x.ptr, y.ptr, x.len);

    /* the same label and title from either */
    sl_story_index *one, *two;
    assert_int_equal(sl_story_new(ctx, &one, &o), SL_OK);
    assert_int_equal(sl_story_new(ctx, &two, &o), SL_OK);
    assert_int_equal(sl_story_add(one, "a", 1, "2019-05-01", 10, NULL, 0, a), SL_OK);
    assert_int_equal(sl_story_add(two, "a", 1, "2019-05-01", 10, NULL, 0, c), SL_OK);
    const char *t1[8], *t2[8];
    size_t n1, n2, l1, l2;
    assert_int_equal(sl_story_label(one, 0, 0, t1, 8, &n1), SL_OK);
    assert_int_equal(sl_story_label(two, 0, 0, t2, 8, &n2), SL_OK);
    assert_true(n1 > 0);
    assert_int_equal(n1, n2);
    for (size_t i = 0; i < n1; i++)
        assert_string_equal(t1[i], t2[i]);
    assert_string_equal(sl_story_doc_title(one, 0, &l1), sl_story_doc_title(two, 0, &l2));

    /* decoding under allocation failure: SL_ENOMEM, nothing leaks (ASan) */
    for (uint64_t fail = 1; fail < 20; fail++) {
        sl_ctx *small;
        sl_story_doc *p;
        assert_int_equal(sl_ctx_new(&small, NULL), SL_OK);
        assert_int_equal(sl_story_doc_new(small, &o, &p), SL_OK);
        sl_ctx_set_fail_alloc_after(small, fail);
        sl_dist_dec_init(&d, x.ptr, x.len);
        int rc = sl_dist_get_story_doc(&d, p);
        assert_true(rc == SL_OK || rc == SL_ENOMEM);
        sl_story_doc_free(p);
        sl_ctx_free(small);
    }
    sl_story_free(one);
    sl_story_free(two);
    sl_buf_release(&x);
    sl_buf_release(&y);
    sl_story_doc_free(a);
    sl_story_doc_free(c);
    sl_ctx_free(ctx);
}

static void test_facts_round_trip(void **state)
{
    (void)state;
    FILE *probe = fopen(NER_MODEL, "rb");
    if (!probe)
        skip();
    fclose(probe);
    sl_ctx *ctx;
    assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    o.ner_model = NER_MODEL;
    o.time_rules = TIME_RULES;
    sl_facts *f;
    sl_facts_doc *a, *c;
    assert_int_equal(sl_facts_new(ctx, &f, &o), SL_OK);
    assert_int_equal(sl_facts_doc_new(ctx, &a), SL_OK);
    assert_int_equal(sl_facts_doc_new(ctx, &c), SL_OK);
    assert_int_equal(sl_facts_extract(f, a, text_a, strlen(text_a), "Bridge closed", 13,
                                      "2019-05-01", 10), SL_OK);
    sl_buf x, y;
    sl_buf_init(&x, ctx);
    sl_buf_init(&y, ctx);
    assert_int_equal(sl_dist_put_facts_doc(&x, a), SL_OK);
    sl_dist_dec d;
    sl_dist_dec_init(&d, x.ptr, x.len);
    assert_int_equal(sl_dist_get_facts_doc(&d, c), SL_OK);
    assert_int_equal(sl_dist_put_facts_doc(&y, c), SL_OK);
    assert_int_equal(x.len, y.len);
    assert_memory_equal(x.ptr, y.ptr, x.len);
    const sl_fact_entity *ea, *ec;
    size_t n = sl_facts_entities(a, &ea);
    assert_true(n > 0);
    assert_int_equal(sl_facts_entities(c, &ec), n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ea[i].start, ec[i].start);
        assert_string_equal(ea[i].type, ec[i].type);
        assert_string_equal(ea[i].canonical, ec[i].canonical);
    }
    const sl_fact_quote *qa, *qc;
    assert_int_equal(sl_facts_quotes(a, &qa), sl_facts_quotes(c, &qc));
    const sl_fact_published *pa = sl_facts_published(a), *pc = sl_facts_published(c);
    assert_non_null(pa);
    assert_non_null(pc);
    assert_string_equal(pa->value, pc->value);
    assert_int_equal(pa->n_evidence, pc->n_evidence);
    sl_dist_dec_init(&d, x.ptr, x.len / 2);
    assert_int_equal(sl_dist_get_facts_doc(&d, c), SL_EPARSE);
    sl_buf_release(&x);
    sl_buf_release(&y);
    sl_facts_doc_free(a);
    sl_facts_doc_free(c);
    sl_facts_free(f);
    sl_ctx_free(ctx);
}

static void test_file_frame(void **state)
{
    (void)state;
    sl_ctx *ctx;
    assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
    char *mem = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&mem, &size);
    assert_non_null(f);
    sl_dist_writer w;
    sl_dist_header h = { SL_DIST_VERSION, 7, 1, 3, 0x1234 };
    assert_int_equal(sl_dist_writer_open(&w, ctx, f, &h), SL_OK);
    assert_int_equal(sl_dist_writer_put(&w, "first", 5), SL_OK);
    assert_int_equal(sl_dist_writer_put(&w, "", 0), SL_OK);
    assert_int_equal(sl_dist_writer_put(&w, "third record", 12), SL_OK);
    sl_dist_trailer t = { 0, { 9, 8, 0, 0 } };
    assert_int_equal(sl_dist_writer_finish(&w, &t), SL_OK);
    sl_dist_writer_release(&w);
    fclose(f);

    /* whole: three records and the counts */
    f = fmemopen(mem, size, "rb");
    sl_dist_reader r;
    assert_int_equal(sl_dist_reader_open(&r, ctx, f, "mem"), SL_OK);
    assert_int_equal(r.header.stage, 7);
    assert_int_equal(r.header.shard, 1);
    assert_int_equal(r.header.shards, 3);
    const uint8_t *data;
    size_t len;
    assert_int_equal(sl_dist_reader_next(&r, &data, &len), SL_OK);
    assert_int_equal(len, 5);
    assert_memory_equal(data, "first", 5);
    assert_int_equal(sl_dist_reader_next(&r, &data, &len), SL_OK);
    assert_int_equal(len, 0);
    assert_int_equal(sl_dist_reader_next(&r, &data, &len), SL_OK);
    assert_int_equal(len, 12);
    assert_int_equal(sl_dist_reader_next(&r, &data, &len), SL_EOF);
    assert_int_equal(r.trailer.records, 3);
    assert_int_equal(r.trailer.counts[0], 9);
    sl_dist_reader_release(&r);
    fclose(f);

    /* every truncation and every flipped byte is caught */
    for (size_t cut = 0; cut < size; cut++) {
        f = fmemopen(mem, cut ? cut : 1, "rb");
        int rc = sl_dist_reader_open(&r, ctx, f, "mem");
        while (rc == SL_OK)
            rc = sl_dist_reader_next(&r, &data, &len);
        assert_int_equal(rc, SL_EPARSE);
        sl_dist_reader_release(&r);
        fclose(f);
    }
    for (size_t at = 0; at < size; at++) {
        mem[at] ^= 0x20;
        f = fmemopen(mem, size, "rb");
        int rc = sl_dist_reader_open(&r, ctx, f, "mem");
        while (rc == SL_OK)
            rc = sl_dist_reader_next(&r, &data, &len);
        assert_int_equal(rc, SL_EPARSE);
        sl_dist_reader_release(&r);
        fclose(f);
        mem[at] ^= 0x20;
    }
    free(mem);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dedup_round_trip),
        cmocka_unit_test(test_story_round_trip),
        cmocka_unit_test(test_facts_round_trip),
        cmocka_unit_test(test_file_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
