/* Fuzz target: the story index (src/story/): features of a few
 * documents split from the input at lines "===", added to the index and
 * read back (events, stories, labels, titles).  A document's first line is
 * its title; a second line that starts with a digit or "." is its
 * publication date or interval ("2021-12-01/..", as `storyline stories`
 * passes inferred dates); a document whose title starts with "+" is a
 * duplicate of the first one. */
#include "fuzz_util.h"

#define MAX_DOCS 6

static size_t line_len(const char *s, size_t len)
{
    const char *nl = memchr(s, '\n', len);
    return nl ? (size_t)(nl - s) : len;
}

static void add_doc(sl_story_index *x, sl_story_doc *p, size_t i, fuzz_piece doc)
{
    size_t title = line_len(doc.ptr, doc.len);
    const char *date = NULL;
    size_t date_len = 0;
    if (title < doc.len) {
        const char *second = doc.ptr + title + 1;
        size_t n = line_len(second, doc.len - title - 1);
        if (n && n < 40 && ((second[0] >= '0' && second[0] <= '9') || second[0] == '.')) {
            date = second;
            date_len = n;
        }
    }
    char id[16];
    snprintf(id, sizeof id, "doc%zu", i);
    int dup = i > 0 && title > 0 && doc.ptr[0] == '+';
    int rc = sl_story_prepare(p, doc.ptr, doc.len, doc.ptr, title);
    FUZZ_CHECK(rc == SL_OK);
    rc = sl_story_add(x, id, strlen(id), date, date_len, dup ? "doc0" : NULL, dup ? 4 : 0, p);
    FUZZ_CHECK(rc == SL_OK || rc == SL_EINVAL);
}

static void check_cluster(const sl_story_index *x, uint64_t c, int is_story, uint64_t n_docs)
{
    sl_story_cluster cl;
    int rc = is_story ? sl_story_story(x, c, &cl) : sl_story_event(x, c, &cl);
    FUZZ_CHECK(rc == SL_OK);
    FUZZ_CHECK(cl.first_doc < n_docs && cl.best_doc < n_docs && cl.size > 0);
    FUZZ_CHECK(cl.first_day <= cl.last_day);
    char day[11];
    if (cl.first_day != INT64_MIN)
        sl_day_format(cl.first_day, day);
    const char *terms[8];
    size_t nt = 0;
    FUZZ_CHECK(sl_story_label(x, c, is_story, terms, 8, &nt) == SL_OK && nt <= 8);
    for (size_t i = 0; i < nt; i++)
        FUZZ_CHECK(terms[i] != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    fuzz_piece docs[MAX_DOCS];
    size_t n = fuzz_split(data, size, docs, MAX_DOCS);
    sl_ctx *ctx = fuzz_ctx();
    sl_story_options o = SL_STORY_OPTIONS_INIT;
    sl_story_index *x = NULL;
    sl_story_doc *p = NULL;
    if (sl_story_new(ctx, &x, &o) != SL_OK || sl_story_doc_new(ctx, &o, &p) != SL_OK)
        abort();
    for (size_t i = 0; i < n; i++)
        add_doc(x, p, i, docs[i]);
    uint64_t nd = sl_story_count(x);
    for (uint64_t i = 0; i < nd; i++) {
        sl_story_assignment a;
        FUZZ_CHECK(sl_story_result(x, i, &a) == SL_OK);
        FUZZ_CHECK(a.event < sl_story_event_count(x) && a.story < sl_story_story_count(x));
        size_t len;
        FUZZ_CHECK(sl_story_doc_id(x, i, &len) != NULL);
        (void)sl_story_doc_title(x, i, &len);
    }
    for (uint64_t e = 0; e < sl_story_event_count(x); e++)
        check_cluster(x, e, 0, nd);
    for (uint64_t s = 0; s < sl_story_story_count(x); s++)
        check_cluster(x, s, 1, nd);
    sl_story_doc_free(p);
    sl_story_free(x);
    sl_ctx_free(ctx);
    return 0;
}
