/* Line classification: titles, bylines, datelines, captions, every kind of
 * boilerplate, the hard negatives that must stay body, the repeated-line
 * memory, allocation failures, and (when present) the real seed articles.
 * Every text here is written for these tests. */
#include "lines_fixture.h"

#include "clean/lines_match.h"
#include "clean/lines_mem.h"

#include <dirent.h>

#define SEEDS SL_SHARED_DIR "/seeds"

/* ---------------------------------------------------------------- basics */

static void test_lines_cover_text(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    const char *text = PARA1 "\n" PARA2 "\n" PARA3;
    classify(&fx, text);
    /* The final newline ends the last paragraph; an empty line follows. */
    assert_int_equal(fx.n, 6);
    size_t pos = 0;
    for (size_t i = 0; i < fx.n; i++) {
        assert_int_equal(fx.cls[i].start, pos);
        assert_int_equal(fx.cls[i].dateline_end, fx.cls[i].start);
        pos = fx.cls[i].end + 1;
        assert_int_equal(fx.cls[i].kind, i % 2 ? SL_LINE_BLANK : SL_LINE_BODY);
    }
    assert_int_equal(fx.cls[fx.n - 1].end, strlen(text));
    classify(&fx, "");
    assert_int_equal(fx.n, 1);
    assert_int_equal(fx.cls[0].kind, SL_LINE_BLANK);
    fx_close(&fx);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    assert_int_equal(sl_classify_lines(NULL, "a", 1, NULL, 0, &fx.cls, &fx.n, &fx.cap), SL_EINVAL);
    assert_int_equal(sl_classify_lines(fx.st, NULL, 3, NULL, 0, &fx.cls, &fx.n, &fx.cap),
                     SL_EINVAL);
    sl_linestate_free(NULL);
    fx_close(&fx);
}

/* ---------------------------------------------------------------- title */

static void test_title_found(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget After Long Debate\n\n" PARA1 "\n" PARA2);
    assert_kind(&fx, "Council Backs", SL_LINE_TITLE, "title");
    assert_body(&fx, "The city council approved");
    /* Sentence case, set apart by a blank line; a question mark is fine. */
    classify(&fx, "Will the new buses arrive in time?\n\n" PARA1 "\n" PARA2);
    assert_kind(&fx, "Will the new buses", SL_LINE_TITLE, "title");
    /* Below a photo caption. */
    classify(&fx, "Photo: Sam Lee\nCouncil Backs Road Budget\n\n" PARA1 PARA2);
    assert_kind(&fx, "Photo: Sam", SL_LINE_CAPTION, "caption");
    assert_kind(&fx, "Council Backs", SL_LINE_TITLE, "title");
    /* Sentence case directly followed by a paragraph. */
    classify(&fx, "Council approves budget for road repairs\n" PARA1 PARA2);
    assert_kind(&fx, "Council approves", SL_LINE_TITLE, "title");
    fx_close(&fx);
}

static void test_no_title(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    /* A standfirst: one sentence with a full stop. */
    classify(&fx, "The council backs a road budget after a long debate, officials say.\n" PARA1 PARA2);
    assert_body(&fx, "The council backs");
    /* A first paragraph. */
    classify(&fx, PARA1 PARA2 PARA3);
    assert_body(&fx, "The city council approved");
    /* Several short sentences. */
    classify(&fx, "Roads first. Buses next\n\n" PARA1);
    assert_body(&fx, "Roads first.");
    /* A line ending with a colon introduces what follows. */
    classify(&fx, "The council listed three priorities:\n\n" PARA1);
    assert_body(&fx, "three priorities");
    /* A single line is the whole text, not a title. */
    classify(&fx, "Council backs road budget");
    assert_body(&fx, "Council backs");
    fx_close(&fx);
}

/* ---------------------------------------------------------------- byline */

static void test_bylines(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\nBy Maria Lopez and Tom O'Neill\n\n" PARA1 PARA2);
    assert_kind(&fx, "By Maria", SL_LINE_BYLINE, "byline");
    classify(&fx, "Council Backs Road Budget\n\nMaria Lopez, Reuters\n\n" PARA1 PARA2);
    assert_kind(&fx, "Maria Lopez, Reuters", SL_LINE_BYLINE, "byline");
    classify(&fx, "Council Backs Road Budget\nMaria van der Berg | City News Agency\n" PARA1 PARA2);
    assert_kind(&fx, "Maria van der Berg", SL_LINE_BYLINE, "byline");
    classify(&fx, "Le conseil vote le budget\nPar Claire Martin\n\n" PARA1 PARA2);
    assert_kind(&fx, "Par Claire", SL_LINE_BYLINE, "byline");
    /* Not bylines: a place, a sentence starting with "By", a byline-like
     * line far from the top. */
    classify(&fx, "Council Backs Road Budget\nCentral Stadium, Riverside\n" PARA1 PARA2);
    assert_body(&fx, "Central Stadium");
    classify(&fx, "Council Backs Road Budget\nBy Friday the work was finished.\n" PARA1);
    assert_body(&fx, "By Friday");
    classify(&fx, "Council Backs Road Budget\n\n" PARA1 PARA2 PARA3 "By Maria Lopez\n" PARA4);
    assert_body(&fx, "By Maria Lopez");
    fx_close(&fx);
}

/* ---------------------------------------------------------------- dateline */

static size_t dateline_len(const fixture *fx, const char *needle)
{
    const sl_line_class *c = line_with(fx, needle);
    assert_int_equal(c->kind, SL_LINE_BODY);
    return c->dateline_end - c->start;
}

static void test_datelines(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\n\nRIVERTON (Reuters) - The council voted on Tuesday.\n" PARA1);
    assert_int_equal(dateline_len(&fx, "RIVERTON"), strlen("RIVERTON (Reuters) - "));
    classify(&fx, "RIVERTON, Dec 15 (Reuters) - The council voted on Tuesday to back it.\n" PARA1);
    assert_int_equal(dateline_len(&fx, "RIVERTON"), strlen("RIVERTON, Dec 15 (Reuters) - "));
    classify(&fx, "NEW HAVEN \xE2\x80\x94 The council voted on Tuesday to back the plan.\n" PARA1);
    assert_int_equal(dateline_len(&fx, "NEW HAVEN"), strlen("NEW HAVEN \xE2\x80\x94 "));
    classify(&fx, "(CNN) The council voted on Tuesday to back the plan for new roads.\n" PARA1);
    assert_int_equal(dateline_len(&fx, "(CNN)"), strlen("(CNN) "));
    classify(&fx, "Riverton, Dec 15 (AP) \xE2\x80\x93 The council voted on Tuesday.\n" PARA1);
    assert_int_equal(dateline_len(&fx, "Riverton"), strlen("Riverton, Dec 15 (AP) \xE2\x80\x93 "));
    /* Only the first body line, and only a real dateline. */
    classify(&fx, PARA1 "RIVERTON (Reuters) - Later the council met again to vote.\n");
    assert_int_equal(dateline_len(&fx, "RIVERTON"), 0);
    classify(&fx, "Riverton - a quiet town - voted on Tuesday to back the plan.\n" PARA1);
    assert_int_equal(dateline_len(&fx, "Riverton"), 0);
    fx_close(&fx);
}

/* ---------------------------------------------------------------- captions */

static void test_captions(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\n\n" PARA1
                  "FILE PHOTO: Workers repair a road in Riverton, May 3, 2021. REUTERS/Jane Roe\n"
                  PARA2
                  "The mayor speaks to reporters outside the town hall. (Photo: Sam Lee)\n"
                  PARA3
                  "Photo by Sam Lee\n"
                  "Image: a bus at the new depot\n"
                  "Residents queue at a bus stop in the old town centre (Reuters)\n"
                  "A crane over the river bridge. Sam Lee/Getty Images\n"
                  "The file photo shows the council chamber during a vote.\n"
                  "Road crews at work in the city, June 2, 2021. REUTERS/Sam Lee\n"
                  PARA4);
    const char *captions[] = { "FILE PHOTO", "(Photo: Sam Lee)", "Photo by", "Image: a bus",
                               "bus stop in the old", "Getty Images", "The file photo",
                               "Road crews at work" };
    for (size_t i = 0; i < sizeof captions / sizeof captions[0]; i++)
        assert_kind(&fx, captions[i], SL_LINE_CAPTION, "caption");
    assert_body(&fx, "The city council approved");
    assert_body(&fx, "Construction on the first");
    /* Words about photos in a paragraph are not captions. */
    classify(&fx, PARA1 "Photographers gathered outside the court as the verdict was read.\n" PARA2);
    assert_body(&fx, "Photographers gathered");
    fx_close(&fx);
}

/* ---------------------------------------------------------------- reasons */

static void test_navigation(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Home > Local > Politics\nNews / World / Europe\n"
                  "Home News Sport Business Culture Weather\nSkip to content\n"
                  "Council Backs Road Budget\n\n" PARA1 PARA2);
    assert_boiler(&fx, "Home > Local", "navigation");
    assert_boiler(&fx, "News / World", "navigation");
    assert_boiler(&fx, "Home News Sport", "navigation");
    assert_boiler(&fx, "Skip to content", "navigation");
    assert_kind(&fx, "Council Backs", SL_LINE_TITLE, "title");
    /* Slashes in a sentence or a lower-case list are not a menu. */
    classify(&fx, PARA1 "Input / output errors / crashes were fixed.\n"
                  "choose one: red / green / blue\n" PARA2);
    assert_body(&fx, "Input / output");
    assert_body(&fx, "red / green");
    fx_close(&fx);
}

static void test_share_and_subscribe(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\nFacebook Twitter WhatsApp Email\n\n" PARA1
                  "Advertisement\n" PARA2 PARA3 PARA4
                  "Sign up for our daily newsletter\nFollow us on Twitter and Instagram\n"
                  "Share this article\n");
    assert_boiler(&fx, "Facebook Twitter", "share");
    assert_boiler(&fx, "Advertisement", "advert");
    assert_boiler(&fx, "Sign up for our", "subscribe");
    assert_boiler(&fx, "Follow us", "share");
    assert_boiler(&fx, "Share this article", "share");
    /* The same words inside paragraphs. */
    classify(&fx, PARA1 "Shares in the bus maker rose 5% after the vote, traders said.\n"
                  "More than two million readers now sign up for our rivals' newsletters each "
                  "year, according to a survey published by the council on Monday morning.\n"
                  PARA2 PARA3);
    assert_body(&fx, "Shares in the bus");
    assert_body(&fx, "More than two million");
    fx_close(&fx);
}

static void test_multilingual_cues(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, PARA1 PARA2 PARA3
                  "Partager cet article\nSuscr\xC3\xAD" "bete a nuestro bolet\xC3\xADn\n"
                  "\xD0\x9F\xD0\xBE\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB8\xD1\x82\xD1\x8C\xD1\x81\xD1\x8F\n"
                  "\xC2\xA9 2024 Giornale Esempio. Tutti i diritti riservati\n"
                  "Hinterlasse einen Kommentar\n"
                  "Deine E-Mail-Adresse wird nicht ver\xC3\xB6" "ffentlicht.\n");
    assert_boiler(&fx, "Partager", "share");
    assert_boiler(&fx, "Suscr", "subscribe");
    assert_boiler(&fx, "\xD0\x9F\xD0\xBE\xD0\xB4", "share");
    assert_boiler(&fx, "Tutti i diritti", "signature");
    assert_boiler(&fx, "Hinterlasse", "comment-form");
    assert_boiler(&fx, "Deine E-Mail", "comment-form");
    assert_body(&fx, "The mayor said");
    classify(&fx, PARA1 PARA2 "Deixe uma resposta\n"
                  "O seu endere\xC3\xA7o de email n\xC3\xA3o ser\xC3\xA1 publicado.\n");
    assert_boiler(&fx, "Deixe uma", "comment-form");
    fx_close(&fx);
}

static void test_mirror_and_signature(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\n\n" PARA1 PARA2 PARA3
                  "If the site is blocked in your country, use our mirror site:\n\n"
                  "riverton-news-mirror.example.org\n\n"
                  "\xC2\xA9 2024 Riverton Media Ltd. All rights reserved.\n");
    assert_boiler(&fx, "If the site is blocked", "mirror");
    assert_boiler(&fx, "riverton-news-mirror", "mirror");
    assert_boiler(&fx, "All rights reserved", "signature");
    assert_body(&fx, "The mayor said");
    classify(&fx, PARA1 PARA2 "Reporting by Sam Lee; Editing by Jane Roe\n");
    assert_boiler(&fx, "Reporting by", "signature");
    fx_close(&fx);
}

static void test_comment_form_tail(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\n\n" PARA1 "\n" PARA2 "\n" PARA3 "\n" PARA4 "\n"
                  "Leave a Reply\n\n"
                  "Your email address will not be published. Required fields are marked *\n"
                  "Comment *\nName *\nEmail *\nWebsite\n"
                  "Save my name, email, and website in this browser for the next time I comment.\n"
                  "Post Comment\n"
                  "Bkq7z Lorem\n"
                  "Cheap watches and great deals on shoes are waiting for you today, click here "
                  "now to find the best offers on the market this week.\n");
    const char *form[] = { "Leave a Reply", "Your email", "Comment *", "Name *", "Email *",
                           "Website", "Save my name", "Post Comment" };
    for (size_t i = 0; i < sizeof form / sizeof form[0]; i++)
        assert_boiler(&fx, form[i], "comment-form");
    assert_boiler(&fx, "Bkq7z", "spam-tail");
    /* After a real comment form even a paragraph goes (it is a comment). */
    assert_boiler(&fx, "Cheap watches", "comment-form");
    assert_body(&fx, "Construction on the first");
    fx_close(&fx);
}

static void test_comment_link_does_not_swallow_body(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    /* A lone "Leave a comment" link under the lead: the rest is article. */
    classify(&fx, "Council Backs Road Budget\n" PARA1 "Leave a comment\n" PARA2
                  "What happens next\n" PARA3 PARA4);
    assert_boiler(&fx, "Leave a comment", "comment-form");
    assert_body(&fx, "Opponents said");
    assert_body(&fx, "What happens next");
    assert_body(&fx, "Construction on the first");
    fx_close(&fx);
}

static void test_share_tail_keeps_paragraphs(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, PARA1 PARA2 PARA3 "\nShare this article\n\nPrint\n"
                  "Editor's note: this report was updated on Wednesday to add the final vote "
                  "count and comments from the opposition members of the council.\n"
                  "Riverton Daily on the go\nZq9xk Vb3n\n");
    assert_boiler(&fx, "Share this article", "share");
    assert_boiler(&fx, "Print", "share");
    assert_boiler(&fx, "Riverton Daily on the go", "share");
    assert_body(&fx, "Editor's note");
    assert_boiler(&fx, "Zq9xk", "spam-tail");
    fx_close(&fx);
}

static void test_spam_tail(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\n\n" PARA1 PARA2 PARA3 "\nRelated posts\n"
                  "Ten Best Buses Of The Year\nCheap Road Tips 2024\n"
                  "Tags: roads, buses, council, budget, city\nXr4tq Mmk9p\n");
    assert_boiler(&fx, "Related posts", "spam-tail");
    assert_boiler(&fx, "Ten Best Buses", "spam-tail");
    assert_boiler(&fx, "Cheap Road Tips", "spam-tail");
    assert_boiler(&fx, "Tags:", "spam-tail");
    assert_boiler(&fx, "Xr4tq", "spam-tail");
    /* Odd tokens inside the article are left alone. */
    classify(&fx, PARA1 "Wd40 Fix\n" PARA2);
    assert_body(&fx, "Wd40 Fix");
    fx_close(&fx);
}

/* ---------------------------------------------------------------- negatives */

static void test_hard_negatives(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\n\n" PARA1 "\n"
                  "Long road ahead\n" PARA2 "\n"
                  "\"We did it,\" she said.\n\n"
                  "Nobody objected.\n\n"
                  "The plan includes:\n"
                  "- new asphalt on Main Street\n"
                  "- two bus lanes\n"
                  "- more street lights\n\n"
                  "Name\n" PARA3 "\n"
                  "Why it matters\n" PARA4 "\n"
                  "The vote was 7-2.\n");
    const char *keep[] = { "Long road ahead", "\"We did it,\"", "Nobody objected.",
                           "The plan includes:", "- new asphalt", "- two bus lanes",
                           "- more street lights", "Why it matters", "The vote was 7-2.",
                           "Name" };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        assert_body(&fx, keep[i]);
    for (size_t i = 0; i < fx.n; i++)
        assert_true(fx.cls[i].kind != SL_LINE_BOILERPLATE && fx.cls[i].kind != SL_LINE_CAPTION);
    fx_close(&fx);
}

/* ---------------------------------------------------------------- memory */

#define FOOTER "Riverton Daily - independent news since 1901\n"

static void test_repeated_lines(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    const char *docs[] = { PARA1 PARA2 FOOTER, PARA3 FOOTER, PARA4 PARA1 FOOTER, PARA2 FOOTER };
    for (size_t i = 0; i < 4; i++) {
        classify_src(&fx, docs[i], "riverton-daily");
        if (i < 2)
            assert_body(&fx, "Riverton Daily");
        else
            assert_boiler(&fx, "Riverton Daily", "repeated");
        /* Repeated paragraphs are never "repeated" boilerplate. */
        for (size_t k = 0; k < fx.n; k++)
            if (fx.cls[k].end - fx.cls[k].start > 100)
                assert_int_equal(fx.cls[k].kind, SL_LINE_BODY);
    }
    /* Another source, or none, has not seen it three times. */
    classify_src(&fx, PARA3 FOOTER, "other-paper");
    assert_body(&fx, "Riverton Daily");
    classify(&fx, PARA3 FOOTER);
    assert_body(&fx, "Riverton Daily");
    classify_src(&fx, PARA3 FOOTER, "other-paper");
    classify_src(&fx, PARA3 FOOTER, "other-paper");
    assert_boiler(&fx, "Riverton Daily", "repeated");
    fx_close(&fx);
}

static void test_repeated_copies_kept(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    /* The same story three times: a duplicate, not boilerplate. */
    const char *text = "Council Backs Road Budget\n\n" PARA1 "Long road ahead\n" PARA2
                       "\"We did it,\" she said.\n" PARA3;
    for (int i = 0; i < 4; i++)
        classify_src(&fx, text, "wire");
    assert_kind(&fx, "Council Backs", SL_LINE_TITLE, "title");
    assert_body(&fx, "Long road ahead");
    assert_body(&fx, "\"We did it,\"");
    fx_close(&fx);
}

static void test_memory_is_bounded(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_linemem m;
    sl_linemem_init(&m, ctx, 1000);
    uint32_t docs;
    /* A line seen in every document survives floods of one-off lines. */
    for (uint32_t d = 0; d < 50; d++) {
        sl_linemem_next_doc(&m);
        assert_int_equal(sl_linemem_note(&m, sl_linemem_hash(0, "footer", 6), &docs), SL_OK);
        assert_int_equal(docs, d + 1);
        assert_int_equal(sl_linemem_note(&m, sl_linemem_hash(0, "footer", 6), &docs), SL_OK);
        assert_int_equal(docs, d + 1); /* once per document */
        for (uint32_t k = 0; k < 400; k++) {
            char line[32];
            int n = snprintf(line, sizeof line, "line %u %u", d, k);
            assert_int_equal(sl_linemem_note(&m, sl_linemem_hash(0, line, (size_t)n), &docs), SL_OK);
            assert_int_equal(docs, 1);
        }
        assert_true(m.used <= 2 * 1000);
        assert_true(m.cap <= 4096);
    }
    sl_linemem_release(&m);
    sl_ctx_free(ctx);
}

/* ---------------------------------------------------------------- OOM */

static const char rich_doc[] =
    "News / World / Europe\nCouncil Backs Road Budget\nBy Maria Lopez and Tom O'Neill\n\n"
    "RIVERTON (Reuters) - " PARA1 "FILE PHOTO: Workers repair a road. REUTERS/Jane Roe\n" PARA2
    "Long road ahead\n" PARA3 PARA4 "Share this article\nLeave a Reply\n"
    "Your email address will not be published. Required fields are marked *\nXr4tq Mmk9p\n";

static int classify_with_failure(uint64_t fail_after, sl_line_class *ref, size_t ref_n)
{
    sl_ctx *ctx;
    sl_ctx_options o = SL_CTX_OPTIONS_INIT;
    o.fail_alloc_after = fail_after;
    assert_int_equal(sl_ctx_new(&ctx, &o), SL_OK);
    sl_linestate *st = NULL;
    sl_line_class *cls = NULL;
    size_t n = 0, cap = 0;
    int rc = sl_linestate_new(ctx, &st);
    for (int doc = 0; doc < 3 && rc == SL_OK; doc++)
        rc = sl_classify_lines(st, rich_doc, strlen(rich_doc), "src", 3, &cls, &n, &cap);
    if (rc == SL_OK && ref) {
        assert_int_equal(n, ref_n);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(cls[i].kind, ref[i].kind);
            assert_int_equal(cls[i].dateline_end, ref[i].dateline_end);
        }
    } else if (rc != SL_OK) {
        assert_int_equal(rc, SL_ENOMEM);
        assert_int_equal(sl_errcode(ctx), SL_ENOMEM);
    }
    sl_free(ctx, cls);
    sl_linestate_free(st);
    sl_ctx_free(ctx);
    return rc;
}

static void test_oom_sweep(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    for (int doc = 0; doc < 3; doc++)
        classify_src(&fx, rich_doc, "src");
    assert_boiler(&fx, "News / World", "navigation");
    assert_kind(&fx, "By Maria", SL_LINE_BYLINE, "byline");
    assert_boiler(&fx, "Xr4tq", "spam-tail");
    uint64_t failures = 0, fail_after = 1;
    for (; fail_after < 1000; fail_after++) {
        if (classify_with_failure(fail_after, fx.cls, fx.n) == SL_OK)
            break;
        failures++;
    }
    assert_true(failures >= 3);
    assert_true(fail_after < 1000);
    fx_close(&fx);
}

/* ---------------------------------------------------------------- seeds */

typedef struct seed_view {
    char *raw;
    sl_rewrite norm;
    fixture fx;
} seed_view;

static bool open_seed(const char *prefix, seed_view *s)
{
    DIR *d = opendir(SEEDS);
    char path[600] = "";
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            snprintf(path, sizeof path, "%s/%s", SEEDS, e->d_name);
    if (d)
        closedir(d);
    size_t len;
    if (!path[0] || !(s->raw = test_read_file(path, &len)))
        return false;
    fx_open(&s->fx);
    sl_rewrite_init(&s->norm, s->fx.ctx);
    assert_int_equal(sl_normalize(&s->norm, s->raw, len), SL_OK);
    /* classify() needs a NUL-terminated text; the buffer keeps one. */
    classify(&s->fx, s->norm.out.ptr ? s->norm.out.ptr : "");
    return true;
}

static void close_seed(seed_view *s)
{
    sl_rewrite_release(&s->norm);
    fx_close(&s->fx);
    free(s->raw);
}

static size_t words_of(const fixture *fx, const sl_line_class *c)
{
    size_t words = 0;
    for (size_t i = c->start; i < c->end; i++)
        words += fx->text[i] != ' ' && (i == c->start || fx->text[i - 1] == ' ');
    return words;
}

/* Every long line is body (or a caption), and the title, if any, is the
 * first line that is kept out of the body. */
static void check_seed_common(const seed_view *s, bool want_title)
{
    const fixture *fx = &s->fx;
    size_t titles = 0;
    for (size_t i = 0; i < fx->n; i++) {
        const sl_line_class *c = &fx->cls[i];
        if (words_of(fx, c) >= 20 && c->kind != SL_LINE_CAPTION)
            assert_int_equal(c->kind, SL_LINE_BODY);
        titles += c->kind == SL_LINE_TITLE;
    }
    assert_int_equal(titles, want_title ? 1 : 0);
}

/* The set of reasons given, as "reason," strings. */
static void reasons_of(const fixture *fx, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < fx->n; i++) {
        const char *r = fx->cls[i].reason;
        if (r && !strstr(out, r) && strlen(out) + strlen(r) + 2 < cap) {
            strcat(out, r);
            strcat(out, ",");
        }
    }
}

/* After the last long paragraph, nothing is kept. */
static void check_tail_removed(const fixture *fx)
{
    size_t last = 0;
    for (size_t i = 0; i < fx->n; i++)
        if (fx->cls[i].kind == SL_LINE_BODY && words_of(fx, &fx->cls[i]) >= 20)
            last = i;
    size_t removed = 0;
    for (size_t i = last + 1; i < fx->n; i++) {
        assert_true(fx->cls[i].kind == SL_LINE_BLANK || fx->cls[i].kind == SL_LINE_BOILERPLATE);
        removed += fx->cls[i].kind == SL_LINE_BOILERPLATE;
    }
    assert_true(removed >= 2);
}

static void test_seeds(void **state)
{
    (void)state;
    const char *prefixes[] = { "000", "001", "002", "003", "004" };
    const bool titled[] = { false, true, false, true, true };
    for (size_t k = 0; k < 5; k++) {
        seed_view s;
        if (!open_seed(prefixes[k], &s))
            fail_msg("seed %s missing", prefixes[k]);
        check_seed_common(&s, titled[k]);
        char reasons[256];
        reasons_of(&s.fx, reasons, sizeof reasons);
        size_t captions = 0, removed = 0;
        for (size_t i = 0; i < s.fx.n; i++) {
            captions += s.fx.cls[i].kind == SL_LINE_CAPTION;
            removed += s.fx.cls[i].kind == SL_LINE_BOILERPLATE;
        }
        if (k == 0 || k == 2)
            assert_int_equal(captions + removed, 0);
        if (k == 1) {
            assert_int_equal(captions, 1);
            assert_int_equal(removed, 0);
        }
        if (k == 3) {
            const char *want[] = { "navigation", "caption", "mirror", "share", "subscribe" };
            for (size_t r = 0; r < 5; r++)
                if (!strstr(reasons, want[r]))
                    fail_msg("seed 003: no line removed as %s (%s)", want[r], reasons);
            check_tail_removed(&s.fx);
        }
        if (k == 4) {
            assert_non_null(strstr(reasons, "comment-form"));
            assert_non_null(strstr(reasons, "spam-tail"));
            check_tail_removed(&s.fx);
        }
        close_seed(&s);
    }
}

/* The per-classifier word set answers as the two word lists do. */
static void test_lexicon_word_set(void **state)
{
    (void)state;
    static sl_lex lex;
    sl_lex_init(&lex);
    const char *words[] = { "facebook", "whatsapp", "home", "news", "print", "search", "x",
                            "вконтакте", "главная", "e-mail", "actualités", "xyz", "face",
                            "facebooks", "newsroom", "" };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i]);
        unsigned want = (sl_lex_is_social(words[i], n) ? SL_WORD_SOCIAL : 0u) |
                        (sl_lex_is_menu(words[i], n) ? SL_WORD_MENU : 0u);
        assert_int_equal(sl_lex_word_kind(&lex, words[i], n), want);
    }
    assert_int_equal(sl_lex_word_kind(&lex, "facebook", 8), SL_WORD_SOCIAL);
    assert_int_equal(sl_lex_word_kind(&lex, "home", 4), SL_WORD_MENU);
    assert_int_equal(sl_lex_word_kind(&lex, "homework", 4), SL_WORD_MENU); /* length counts */
    assert_int_equal(sl_lex_word_kind(&lex, "homework", 8), 0);
}

/* The indexed cue search: every chain (start, end, anywhere, the slow
 * one), word boundaries, word limits and lexicon order. */
static void test_lexicon_find(void **state)
{
    (void)state;
    static sl_lex lex;
    sl_lex_init(&lex);
    sl_ctx *ctx = test_ctx();
    sl_buf low;
    sl_buf_init(&low, ctx);
    const struct {
        const char *line;
        size_t words;
        const char *phrase; /* NULL: no cue */
    } cases[] = {
        { "Share this article", 3, "share this article" },
        { "*** Read more ***", 2, "read more" },
        { "[Photo by Jane Doe]", 4, "photo by" },
        { "[photo Jane Doe", 3, "[photo" },
        { "Tags: politics, economy", 3, "tags:" },
        { "Troops gather near the border (Reuters)", 6, "(reuters)" },
        { "We note that all rights reserved here", 7, "all rights reserved" },
        { "Ball rights reserved", 3, NULL },
        { "Copyright 2024", 2, "copyright" },
        { "Share", 3, NULL },
        { "\xC2\xA9 2024 Example Media", 4, "\xC2\xA9" },
        { "A quiet day (photo: staff) in the park", 8, "(photo:" },
        { "Follow us on the radio", 5, "follow us" },
        { "", 0, NULL },
        { "...", 1, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(sl_lex_fold(&low, cases[i].line, strlen(cases[i].line)), SL_OK);
        const sl_cue *cue = sl_lex_find(&lex, low.ptr ? low.ptr : "", low.len, cases[i].words);
        if (!cases[i].phrase) {
            assert_null(cue);
            continue;
        }
        assert_non_null(cue);
        assert_string_equal(cue->phrase, cases[i].phrase);
    }
    sl_buf_release(&low);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_cover_text),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_title_found),
        cmocka_unit_test(test_no_title),
        cmocka_unit_test(test_bylines),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_captions),
        cmocka_unit_test(test_navigation),
        cmocka_unit_test(test_share_and_subscribe),
        cmocka_unit_test(test_multilingual_cues),
        cmocka_unit_test(test_mirror_and_signature),
        cmocka_unit_test(test_comment_form_tail),
        cmocka_unit_test(test_comment_link_does_not_swallow_body),
        cmocka_unit_test(test_share_tail_keeps_paragraphs),
        cmocka_unit_test(test_spam_tail),
        cmocka_unit_test(test_hard_negatives),
        cmocka_unit_test(test_repeated_lines),
        cmocka_unit_test(test_repeated_copies_kept),
        cmocka_unit_test(test_memory_is_bounded),
        cmocka_unit_test(test_oom_sweep),
        cmocka_unit_test(test_lexicon_word_set),
        cmocka_unit_test(test_lexicon_find),
    };
    const struct CMUnitTest seed_tests[] = {
        cmocka_unit_test(test_seeds),
    };
    int failed = cmocka_run_group_tests_name("lines", tests, NULL, NULL);
    DIR *d = opendir(SEEDS);
    if (!d) {
        /* The other tests ran: report them, and say the seeds were skipped. */
        printf("seeds not found at %s: skipping the seed test\n", SEEDS);
        return failed;
    }
    closedir(d);
    return failed + cmocka_run_group_tests_name("lines-seeds", seed_tests, NULL, NULL);
}
