/* The clean stage end to end: the offset map back to the raw text through
 * every step, the steps option, determinism and out-of-memory survival. */
#include "test_util.h"

/* An invented article with a bit of everything: CRLF line ends, a title,
 * doubled spaces, a control character, an HTML entity, cp1252 mojibake, a
 * photo caption and a comment form at the end. */
static const char article[] =
    "Harbour cranes stand idle as strike enters second week\r\n"
    "\r\n"
    "PORTVALE (Harbor Wire) -  Dock workers in Portvale kept the city\xE2\x80\x99s cranes idle on Monday,\r\n"
    "as talks between the union and the port authority broke down for the third time this month.\r\n"
    "\r\n"
    "FILE PHOTO: Containers are stacked at the Portvale terminal, March 2, 2025.\r\n"
    "\r\n"
    "\xE2\x80\x9CWe will not go back without a contract,\xE2\x80\x9D said Ines Darrow, who leads the union\x07 local.\r\n"
    "The authority said it had offered a 4% raise &amp; shorter shifts, which the union called \xC3\xA2\xE2\x82\xAC\xC5\x93not serious\xC3\xA2\xE2\x82\xAC\xC2\x9D.\r\n"
    "\r\n"
    "Leave a Reply\r\n"
    "Your email address will not be published. Required fields are marked *\r\n";

static const sl_clean_result *clean_text(sl_cleaner *c, const char *text, size_t len)
{
    const sl_clean_result *r = NULL;
    assert_int_equal(sl_clean(c, text, len, NULL, 0, &r), SL_OK);
    assert_non_null(r);
    return r;
}

/* Map segments tile the cleaned text in order, point into the raw text in
 * order, and segments of equal length are byte-for-byte copies. */
static void assert_map_valid(const sl_clean_result *r, const char *raw, size_t raw_len)
{
    size_t clean_at = 0, raw_at = 0;
    for (size_t i = 0; i < r->n_map; i++) {
        const sl_map_seg *m = &r->map[i];
        assert_int_equal(m->clean, clean_at);
        assert_true(m->raw >= raw_at);
        assert_true(m->raw + m->raw_len <= raw_len);
        if (m->clean_len == m->raw_len && m->clean_len > 0 &&
            memcmp(r->text.ptr + m->clean, raw + m->raw, m->raw_len) != 0) {
            /* Equal lengths may also be a repair (e.g. one 3-byte
             * character for another); those are listed as repairs. */
            bool is_repair = false;
            for (size_t k = 0; k < r->n_repairs; k++)
                is_repair = is_repair || (r->repairs[k].start <= m->raw &&
                                          m->raw < r->repairs[k].end);
            bool reencoded = false;
            for (size_t k = 0; k < m->raw_len; k++)
                reencoded = reencoded || (unsigned char)raw[m->raw + k] >= 0x80 ||
                            raw[m->raw + k] == '\r' || raw[m->raw + k] == ' ';
            if (!is_repair && !reencoded)
                fail_msg("segment %zu: equal lengths but different bytes", i);
        }
        clean_at += m->clean_len;
        raw_at = m->raw + m->raw_len;
    }
    assert_int_equal(clean_at, r->text.len);
}

/* Every ASCII word of the cleaned text is found at the raw offset the map
 * gives for it. */
static void assert_words_map_back(const sl_clean_result *r, const char *raw)
{
    const char *t = r->text.ptr;
    size_t i = 0, n = r->text.len, checked = 0;
    while (i < n) {
        while (i < n && !((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z')))
            i++;
        size_t start = i;
        while (i < n && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z')))
            i++;
        if (i - start < 3)
            continue;
        size_t at = sl_clean_raw_offset(r, start);
        if (memcmp(raw + at, t + start, i - start) != 0)
            fail_msg("word at clean offset %zu (%.*s) maps to raw %zu (%.*s)", start,
                     (int)(i - start), t + start, at, (int)(i - start), raw + at);
        checked++;
    }
    assert_true(checked > 20);
}

static void test_map_through_all_steps(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_cleaner *c;
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    const sl_clean_result *r = clean_text(c, article, sizeof article - 1);

    assert_map_valid(r, article, sizeof article - 1);
    assert_words_map_back(r, article);
    /* Normalised: no CR, no bell, no doubled space. */
    assert_null(memchr(r->text.ptr, '\r', r->text.len));
    assert_null(memchr(r->text.ptr, '\x07', r->text.len));
    for (size_t i = 1; i < r->text.len; i++)
        assert_false(r->text.ptr[i] == ' ' && r->text.ptr[i - 1] == ' ');

    sl_cleaner_free(c);
    sl_ctx_free(ctx);
}

static void test_fields_point_into_raw(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_cleaner *c;
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    const sl_clean_result *r = clean_text(c, article, sizeof article - 1);

    /* The title is the first line, and its raw range is that line. */
    const char *title = "Harbour cranes stand idle as strike enters second week";
    assert_int_equal(r->title.text.len, strlen(title));
    assert_memory_equal(r->title.text.ptr, title, strlen(title));
    assert_int_equal(r->title.start, 0);
    assert_int_equal(r->title.end, strlen(title));
    assert_null(strstr(r->text.ptr, "Harbour cranes"));

    /* The caption is kept aside, with its raw range. */
    assert_int_equal(r->n_captions, 1);
    const sl_field *cap = &r->captions[0];
    assert_memory_equal(article + cap->start, "FILE PHOTO:", 11);
    assert_memory_equal(cap->text.ptr, "FILE PHOTO:", 11);

    /* Removals are sorted, disjoint and inside the raw text, each with a
     * reason; the comment form is among them. */
    bool comment_form = false;
    for (size_t i = 0; i < r->n_removed; i++) {
        const sl_removal *m = &r->removed[i];
        assert_true(m->start < m->end && m->end <= sizeof article - 1);
        if (i > 0)
            assert_true(r->removed[i - 1].end <= m->start);
        assert_non_null(m->reason);
        comment_form = comment_form || strcmp(m->reason, "comment-form") == 0;
    }
    assert_true(comment_form);
    assert_null(strstr(r->text.ptr, "Leave a Reply"));

    sl_cleaner_free(c);
    sl_ctx_free(ctx);
}

static void test_repairs_point_into_raw(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_cleaner *c;
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    const sl_clean_result *r = clean_text(c, article, sizeof article - 1);

    bool entity = false, mojibake = false;
    for (size_t i = 0; i < r->n_repairs; i++) {
        const sl_repair *p = &r->repairs[i];
        assert_true(p->start < p->end && p->end <= sizeof article - 1);
        if (strcmp(p->kind, "entity") == 0) {
            entity = true;
            assert_memory_equal(article + p->start, "&amp;", 5);
            assert_int_equal(p->to.len, 1);
            assert_int_equal(p->to.ptr[0], '&');
        }
        if (strncmp(p->kind, "mojibake:", 9) == 0) {
            mojibake = true;
            assert_memory_equal(article + p->start, "\xC3\xA2\xE2\x82\xAC", 5);
        }
    }
    assert_true(entity);
    assert_true(mojibake);
    assert_non_null(strstr(r->text.ptr, "called \xE2\x80\x9Cnot serious\xE2\x80\x9D."));
    /* Correct curly quotes and apostrophes are left alone. */
    assert_non_null(strstr(r->text.ptr, "city\xE2\x80\x99s cranes"));

    sl_cleaner_free(c);
    sl_ctx_free(ctx);
}

/* --only=normalize: no repairs, no removals, but CRLF and spaces fixed. */
static void test_steps_option(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_cleaner *c;
    sl_clean_options opts = SL_CLEAN_OPTIONS_INIT;
    opts.steps = SL_CLEAN_NORMALIZE;
    assert_int_equal(sl_cleaner_new(ctx, &c, &opts), SL_OK);
    const sl_clean_result *r = clean_text(c, article, sizeof article - 1);
    assert_int_equal(r->n_removed, 0);
    assert_int_equal(r->n_captions, 0);
    assert_int_equal(r->title.text.len, 0);
    for (size_t i = 0; i < r->n_repairs; i++)
        assert_true(strncmp(r->repairs[i].kind, "mojibake", 8) != 0 &&
                    strcmp(r->repairs[i].kind, "entity") != 0);
    assert_null(memchr(r->text.ptr, '\r', r->text.len));
    assert_non_null(strstr(r->text.ptr, "&amp;"));
    assert_map_valid(r, article, sizeof article - 1);
    sl_cleaner_free(c);

    opts.steps = 0;
    assert_int_equal(sl_cleaner_new(ctx, &c, &opts), SL_OK);
    r = clean_text(c, article, sizeof article - 1);
    assert_int_equal(r->text.len, sizeof article - 1);
    assert_memory_equal(r->text.ptr, article, sizeof article - 1);
    sl_cleaner_free(c);
    sl_ctx_free(ctx);
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_cleaner *c;
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    const sl_clean_result *r = clean_text(c, "", 0);
    assert_int_equal(r->text.len, 0);
    assert_int_equal(r->n_removed, 0);
    r = clean_text(c, " \r\n\t\n\n  ", 8);
    assert_int_equal(r->text.len, 0);
    assert_int_equal(r->title.text.len, 0);
    sl_cleaner_free(c);
    sl_cleaner_free(NULL); /* a no-op, like free(NULL) */
    sl_ctx_free(ctx);
}

/* A metadata field is repaired and normalised without disturbing the
 * result of the last sl_clean. */
static void test_clean_field(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_cleaner *c;
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    const sl_clean_result *r = clean_text(c, article, sizeof article - 1);
    size_t text_len = r->text.len;
    sl_str f;
    const char *title = "Strike \xC3\xA2\xE2\x82\xAC\xE2\x80\x9C day  two\r\nand &amp; three";
    assert_int_equal(sl_clean_field(c, title, strlen(title), &f), SL_OK);
    const char *want = "Strike \xE2\x80\x93 day two and & three";
    assert_int_equal(f.len, strlen(want));
    assert_memory_equal(f.ptr, want, f.len);
    assert_int_equal(r->text.len, text_len);
    assert_non_null(strstr(r->text.ptr, "Dock workers"));
    assert_int_equal(sl_clean_field(c, NULL, 0, &f), SL_OK);
    assert_int_equal(f.len, 0);
    sl_cleaner_free(c);
    sl_ctx_free(ctx);
}

/* The same input gives the same result, also after other documents. */
static void test_deterministic(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_cleaner *c;
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    const sl_clean_result *r = clean_text(c, article, sizeof article - 1);
    size_t len = r->text.len, n_removed = r->n_removed, n_repairs = r->n_repairs;
    char *first = malloc(len);
    memcpy(first, r->text.ptr, len);
    clean_text(c, "Another text.\n", 14);
    r = clean_text(c, article, sizeof article - 1);
    assert_int_equal(r->text.len, len);
    assert_memory_equal(r->text.ptr, first, len);
    assert_int_equal(r->n_removed, n_removed);
    assert_int_equal(r->n_repairs, n_repairs);
    free(first);
    sl_cleaner_free(c);
    sl_ctx_free(ctx);
}

/* Fail the k-th allocation for every k until cleaning succeeds: each
 * failure is SL_ENOMEM with a message, nothing leaks (ASan), nothing
 * crashes, and the handle still works afterwards. */
static void test_out_of_memory(void **state)
{
    (void)state;
    bool succeeded = false;
    for (uint64_t k = 1; k < 100000 && !succeeded; k++) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, k);
        sl_cleaner *c = NULL;
        int rc = sl_cleaner_new(ctx, &c, NULL);
        const sl_clean_result *r = NULL;
        if (rc == SL_OK)
            rc = sl_clean(c, article, sizeof article - 1, "harbor-wire", 11, &r);
        if (rc == SL_OK) {
            succeeded = true;
            assert_true(r->text.len > 0);
        } else {
            assert_int_equal(rc, SL_ENOMEM);
            assert_int_equal(sl_errcode(ctx), SL_ENOMEM);
            assert_true(strlen(sl_errmsg(ctx)) > 0);
            if (c) {
                /* The handle survives: with memory back, it cleans. */
                sl_ctx_set_fail_alloc_after(ctx, 0);
                sl_clear_error(ctx);
                assert_int_equal(sl_clean(c, article, sizeof article - 1, NULL, 0, &r), SL_OK);
            }
        }
        sl_cleaner_free(c);
        sl_ctx_free(ctx);
    }
    assert_true(succeeded);
}

/* ------------------------------------------------ the three-step split */

#define SPLIT_DOCS 8

/* Invented articles of one outlet: the same furniture line under each, so
 * the memory of repeated lines decides part of the result. */
static void split_doc(char *buf, size_t cap, int i)
{
    snprintf(buf, cap,
             "Harbour report %d: cranes idle on the quay\n\n"
             "Dock workers in Portvale kept the cranes idle for day %d, as talks between "
             "the union and the port authority broke down again this week.\n\n"
             "The authority said it had offered a %d%% raise &amp; shorter shifts, which the "
             "union called \xC3\xA2\xE2\x82\xAC\xC5\x93not serious\xC3\xA2\xE2\x82\xAC\xC2\x9D.\n\n"
             "Portvale Evening Courier desk\n",
             i, i, i + 2);
}

static void assert_same_result(const sl_clean_result *a, const sl_clean_result *b)
{
    assert_int_equal(a->text.len, b->text.len);
    assert_memory_equal(a->text.ptr, b->text.ptr, a->text.len);
    assert_int_equal(a->title.text.len, b->title.text.len);
    assert_int_equal(a->title.start, b->title.start);
    assert_int_equal(a->n_removed, b->n_removed);
    for (size_t k = 0; k < a->n_removed; k++) {
        assert_int_equal(a->removed[k].start, b->removed[k].start);
        assert_int_equal(a->removed[k].end, b->removed[k].end);
        assert_string_equal(a->removed[k].reason, b->removed[k].reason);
    }
    assert_int_equal(a->n_repairs, b->n_repairs);
    for (size_t k = 0; k < a->n_repairs; k++) {
        assert_int_equal(a->repairs[k].start, b->repairs[k].start);
        assert_string_equal(a->repairs[k].kind, b->repairs[k].kind);
    }
    assert_int_equal(a->n_map, b->n_map);
    assert_memory_equal(a->map, b->map, a->n_map * sizeof *a->map);
}

static bool has_reason(const sl_clean_result *r, const char *reason)
{
    for (size_t k = 0; k < r->n_removed; k++)
        if (strcmp(r->removed[k].reason, reason) == 0)
            return true;
    return false;
}

/* Analysed out of order, each with its own context (as on worker
 * threads), noted in input order, finished out of order: the same results
 * as sl_clean one after the other. */
static void test_split_matches_clean(void **state)
{
    (void)state;
    char text[SPLIT_DOCS][1024];
    sl_ctx *ctx, *wctx[SPLIT_DOCS];
    sl_cleaner *seq, *mem;
    sl_clean_doc *d[SPLIT_DOCS];
    assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
    assert_int_equal(sl_cleaner_new(ctx, &seq, NULL), SL_OK);
    assert_int_equal(sl_cleaner_new(ctx, &mem, NULL), SL_OK);
    for (int i = SPLIT_DOCS - 1; i >= 0; i--) {
        split_doc(text[i], sizeof text[i], i);
        assert_int_equal(sl_ctx_new(&wctx[i], NULL), SL_OK);
        assert_int_equal(sl_clean_doc_new(wctx[i], &d[i], NULL), SL_OK);
        assert_int_equal(sl_clean_analyze(d[i], text[i], strlen(text[i]), "courier", 7), SL_OK);
    }
    for (int i = 0; i < SPLIT_DOCS; i++)
        assert_int_equal(sl_clean_note(mem, d[i]), SL_OK);
    const sl_clean_result *split[SPLIT_DOCS];
    for (int i = SPLIT_DOCS - 1; i >= 0; i--)
        assert_int_equal(sl_clean_finish(d[i], &split[i]), SL_OK);
    bool repeated = false;
    for (int i = 0; i < SPLIT_DOCS; i++) {
        const sl_clean_result *r;
        assert_int_equal(sl_clean(seq, text[i], strlen(text[i]), "courier", 7, &r), SL_OK);
        assert_same_result(r, split[i]);
        repeated = repeated || has_reason(r, "repeated");
    }
    /* the furniture line was learnt: the memory mattered */
    assert_false(has_reason(split[0], "repeated"));
    assert_true(repeated);
    assert_true(split[0]->n_repairs > 0);
    for (int i = 0; i < SPLIT_DOCS; i++) {
        sl_clean_doc_free(d[i]);
        sl_ctx_free(wctx[i]);
    }
    sl_cleaner_free(seq);
    sl_cleaner_free(mem);
    sl_ctx_free(ctx);
}

/* A document analysed but never noted teaches the memory nothing: the
 * furniture line counts only the noted documents. */
static void test_split_note_is_the_memory(void **state)
{
    (void)state;
    char text[1024];
    sl_ctx *ctx;
    sl_cleaner *c;
    sl_clean_doc *d;
    const sl_clean_result *r;
    assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    assert_int_equal(sl_clean_doc_new(ctx, &d, NULL), SL_OK);
    for (int i = 0; i < SPLIT_DOCS; i++) { /* analysed only */
        split_doc(text, sizeof text, i);
        assert_int_equal(sl_clean_analyze(d, text, strlen(text), "courier", 7), SL_OK);
    }
    split_doc(text, sizeof text, 99);
    assert_int_equal(sl_clean_analyze(d, text, strlen(text), "courier", 7), SL_OK);
    assert_int_equal(sl_clean_note(c, d), SL_OK);
    assert_int_equal(sl_clean_finish(d, &r), SL_OK);
    assert_false(has_reason(r, "repeated"));
    sl_clean_doc_free(d);
    sl_cleaner_free(c);
    sl_ctx_free(ctx);
}

/* The steps go in order, once each; misuse is SL_EINVAL, not a crash. */
static void test_split_order(void **state)
{
    (void)state;
    sl_ctx *ctx;
    sl_cleaner *c;
    sl_clean_doc *d;
    const sl_clean_result *r = NULL;
    assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    assert_int_equal(sl_clean_doc_new(ctx, &d, NULL), SL_OK);
    sl_clean_options bad = { 99, SL_CLEAN_ALL };
    sl_clean_doc *none = (sl_clean_doc *)1;
    assert_int_equal(sl_clean_doc_new(ctx, &none, &bad), SL_EINVAL);
    assert_null(none);
    assert_int_equal(sl_clean_note(c, d), SL_EINVAL);      /* not analysed */
    assert_int_equal(sl_clean_finish(d, &r), SL_EINVAL);   /* not noted */
    assert_null(r);
    assert_int_equal(sl_clean_analyze(d, NULL, 3, NULL, 0), SL_EINVAL);
    assert_int_equal(sl_clean_analyze(NULL, "a", 1, NULL, 0), SL_EINVAL);
    assert_int_equal(sl_clean_analyze(d, "Some text.", 10, NULL, 0), SL_OK);
    assert_int_equal(sl_clean_finish(d, &r), SL_EINVAL);   /* not noted */
    assert_int_equal(sl_clean_note(NULL, d), SL_EINVAL);
    assert_int_equal(sl_clean_note(c, d), SL_OK);
    assert_int_equal(sl_clean_note(c, d), SL_EINVAL);      /* noted twice */
    assert_int_equal(sl_clean_finish(d, &r), SL_OK);
    assert_non_null(r);
    assert_int_equal(r->text.len, 10);
    assert_int_equal(sl_clean_finish(d, &r), SL_EINVAL);   /* finished twice */
    /* analysing again starts over */
    assert_int_equal(sl_clean_analyze(d, NULL, 0, NULL, 0), SL_OK);
    assert_int_equal(sl_clean_note(c, d), SL_OK);
    assert_int_equal(sl_clean_finish(d, &r), SL_OK);
    assert_int_equal(r->text.len, 0);
    sl_clean_doc_free(NULL);
    sl_clean_doc_free(d);
    sl_cleaner_free(c);
    sl_ctx_free(ctx);
}

/* The document's options decide the steps, and its field cleaning is the
 * cleaner's. */
static void test_split_options_and_field(void **state)
{
    (void)state;
    sl_ctx *ctx;
    sl_cleaner *c, *enc_only;
    sl_clean_doc *d, *e;
    sl_clean_options only = { SL_CLEAN_OPTIONS_VERSION, SL_CLEAN_ENCODING };
    assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    assert_int_equal(sl_cleaner_new(ctx, &enc_only, &only), SL_OK);
    assert_int_equal(sl_clean_doc_new(ctx, &d, NULL), SL_OK);
    assert_int_equal(sl_clean_doc_new(ctx, &e, &only), SL_OK);
    const sl_clean_result *a, *b;
    assert_int_equal(sl_clean(enc_only, article, sizeof article - 1, NULL, 0, &a), SL_OK);
    assert_int_equal(sl_clean_analyze(e, article, sizeof article - 1, NULL, 0), SL_OK);
    assert_int_equal(sl_clean_note(c, e), SL_OK); /* any cleaner's memory */
    assert_int_equal(sl_clean_finish(e, &b), SL_OK);
    assert_same_result(a, b);
    assert_int_equal(b->n_removed, 0);
    static const char title[] = "  Strike \xC3\xA2\xE2\x82\xAC\xE2\x80\x9C day\r\ntwo  ";
    sl_str f1, f2;
    assert_int_equal(sl_clean_field(c, title, sizeof title - 1, &f1), SL_OK);
    assert_int_equal(sl_clean_doc_field(d, title, sizeof title - 1, &f2), SL_OK);
    assert_int_equal(f1.len, f2.len);
    assert_memory_equal(f1.ptr, f2.ptr, f1.len);
    assert_null(memchr(f2.ptr, '\n', f2.len));
    assert_int_equal(sl_clean_doc_field(d, NULL, 2, &f2), SL_EINVAL);
    sl_clean_doc_free(d);
    sl_clean_doc_free(e);
    sl_cleaner_free(c);
    sl_cleaner_free(enc_only);
    sl_ctx_free(ctx);
}

/* Out of memory at every allocation of the analysis: SL_ENOMEM, the
 * document is left empty (not to be noted), and it works again after. */
static void test_split_out_of_memory(void **state)
{
    (void)state;
    bool succeeded = false;
    for (uint64_t n = 1; n < 400 && !succeeded; n++) {
        sl_ctx *ctx, *wctx;
        sl_cleaner *c;
        sl_clean_doc *d = NULL;
        const sl_clean_result *r;
        assert_int_equal(sl_ctx_new(&ctx, NULL), SL_OK);
        assert_int_equal(sl_ctx_new(&wctx, NULL), SL_OK);
        assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
        sl_ctx_set_fail_alloc_after(wctx, n);
        int rc = sl_clean_doc_new(wctx, &d, NULL);
        if (rc == SL_OK)
            rc = sl_clean_analyze(d, article, sizeof article - 1, "src", 3);
        if (rc == SL_OK)
            rc = sl_clean_note(c, d);
        if (rc == SL_OK)
            rc = sl_clean_finish(d, &r);
        if (rc == SL_OK) {
            succeeded = true;
        } else {
            assert_int_equal(rc, SL_ENOMEM);
            assert_int_equal(sl_errcode(wctx), SL_ENOMEM);
            if (d) {
                assert_int_equal(sl_clean_note(c, d), SL_EINVAL);
                sl_ctx_set_fail_alloc_after(wctx, 0);
                assert_int_equal(sl_clean_analyze(d, article, sizeof article - 1, "src", 3), SL_OK);
                assert_int_equal(sl_clean_note(c, d), SL_OK);
                assert_int_equal(sl_clean_finish(d, &r), SL_OK);
                assert_true(r->text.len > 0);
            }
        }
        sl_clean_doc_free(d);
        sl_cleaner_free(c);
        sl_ctx_free(wctx);
        sl_ctx_free(ctx);
    }
    assert_true(succeeded);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_through_all_steps),
        cmocka_unit_test(test_fields_point_into_raw),
        cmocka_unit_test(test_repairs_point_into_raw),
        cmocka_unit_test(test_steps_option),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_clean_field),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_split_matches_clean),
        cmocka_unit_test(test_split_note_is_the_memory),
        cmocka_unit_test(test_split_order),
        cmocka_unit_test(test_split_options_and_field),
        cmocka_unit_test(test_split_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
