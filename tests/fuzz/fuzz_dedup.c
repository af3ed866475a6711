/* Fuzz target: duplicate detection (src/dedup/): shingles, signatures,
 * the anchor index and verification, over a few documents split from the
 * input at lines "===".  A document's first line is its title; documents
 * alternate between two outlets; a second line that starts with a digit is
 * its publication date.  Shingle sets stay in memory (no temporary file),
 * and one anchor in four is indexed so that short texts find each other. */
#include "fuzz_util.h"

#define MAX_DOCS 6

static size_t line_len(const char *s, size_t len)
{
    const char *nl = memchr(s, '\n', len);
    return nl ? (size_t)(nl - s) : len;
}

static void add_doc(sl_dedup *d, sl_dedup_doc *p, const sl_dedup_options *o, size_t i,
                    fuzz_piece doc)
{
    size_t title = line_len(doc.ptr, doc.len);
    const char *date = NULL;
    size_t date_len = 0;
    if (title < doc.len) {
        const char *second = doc.ptr + title + 1;
        size_t n = line_len(second, doc.len - title - 1);
        if (n && n < 40 && second[0] >= '0' && second[0] <= '9') {
            date = second;
            date_len = n;
        }
    }
    const char *source = i % 2 ? "outlet-b" : "outlet-a";
    char id[16];
    snprintf(id, sizeof id, "doc%zu", i);
    int rc = sl_dedup_prepare(p, o, doc.ptr, doc.len, doc.ptr, title, source, 8);
    FUZZ_CHECK(rc == SL_OK);
    rc = sl_dedup_add(d, id, strlen(id), date, date_len, p);
    FUZZ_CHECK(rc == SL_OK);
}

static void check_results(sl_dedup *d, size_t n)
{
    FUZZ_CHECK(sl_dedup_count(d) == n);
    for (uint64_t i = 0; i < n; i++) {
        sl_dup r;
        FUZZ_CHECK(sl_dedup_result(d, i, &r) == SL_OK);
        FUZZ_CHECK(r.relation == SL_DUP_UNIQUE || r.of < n);
        FUZZ_CHECK(r.cluster < n && r.cluster <= i);
        FUZZ_CHECK(sl_dup_relation_name(r.relation) != NULL);
        size_t len;
        FUZZ_CHECK(sl_dedup_id(d, i, &len) != NULL);
    }
    for (size_t i = 0; i < sl_dedup_pair_count(d); i++) {
        sl_dup_pair pr;
        FUZZ_CHECK(sl_dedup_pair(d, i, &pr) == SL_OK);
        FUZZ_CHECK(pr.a < n && pr.b < n && pr.a != pr.b);
        FUZZ_CHECK(pr.jaccard >= 0.0 && pr.jaccard <= 1.0);
    }
    sl_dedup_memory_use mu;
    sl_dedup_memory_parts(d, &mu);
    (void)sl_dedup_memory(d);
    (void)sl_dedup_verified(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    fuzz_piece docs[MAX_DOCS];
    size_t n = fuzz_split(data, size, docs, MAX_DOCS);
    sl_ctx *ctx = fuzz_ctx();
    sl_dedup_options o = SL_DEDUP_OPTIONS_INIT;
    o.spill_to_file = 0;
    o.anchor_rate = 4;
    sl_dedup *d = NULL;
    sl_dedup_doc *p = NULL;
    if (sl_dedup_new(ctx, &d, &o) != SL_OK || sl_dedup_doc_new(ctx, &p) != SL_OK)
        abort();
    for (size_t i = 0; i < n; i++)
        add_doc(d, p, &o, i, docs[i]);
    check_results(d, n);
    sl_dedup_doc_free(p);
    sl_dedup_free(d);
    sl_ctx_free(ctx);
    return 0;
}
