/* The HTML stage (src/html): main text, boilerplate left out, captions,
 * title/byline/date with their sources, charsets, offsets back to the
 * page, bad input and allocation failures.  Every page here is made up. */
#include "test_util.h"
#include "core/core.h"

/* An article page with the usual furniture around it. */
static const char article_page[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
    "<title>Harbour strike ends after nine days | The Coastal Gazette</title>"
    "<meta name=\"author\" content=\"Mara Lindqvist\">"
    "<meta property=\"article:published_time\" content=\"2021-12-15T08:30:00+01:00\">"
    "<script>var nav = 'never text';</script><style>p { color: red }</style></head><body>"
    "<nav class=\"main-menu\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a>"
    "</li><li><a href=\"/sport\">Sport</a></li></ul></nav>"
    "<div class=\"cookie-banner\">We use cookies to improve your visit. Accept all cookies now.</div>"
    "<article class=\"post\"><h1>Harbour strike ends after nine days</h1>"
    "<p>Dock workers in the northern harbour returned to work on Wednesday, after the union and "
    "the port authority agreed on a new wage scale, ending a strike of nine days.</p>"
    "<p>The agreement raises hourly pay by four percent this year, and by three percent next "
    "year, according to a statement read by the union's chair outside the main gate.</p>"
    "<figure><img src=\"cranes.jpg\"><figcaption>Cranes idle at the container terminal."
    "</figcaption></figure>"
    "<p>Shipping companies had diverted more than forty vessels to other ports, and local "
    "traders said the stoppage cost them weeks of sales, although most expect a quick recovery.</p>"
    "<div class=\"share-buttons\"><a href=\"#\">Share on social media</a> <a href=\"#\">Tweet</a></div>"
    "<template><p>Template text must not appear anywhere in the output at all.</p></template>"
    "<p hidden>Hidden paragraph text that must not appear in the output at all.</p>"
    "<p style=\"display: none\">Invisible styled paragraph that must not appear at all.</p>"
    "</article>"
    "<section class=\"comments\"><h3>Comments</h3><p>First comment: this is outrageous, "
    "the strike should never have happened, and someone must pay for all of it.</p></section>"
    "<aside class=\"related\"><h3>Related stories</h3><ul><li><a href=\"/a\">Port traffic rises</a>"
    "</li><li><a href=\"/b\">Union elects new chair</a></li></ul></aside>"
    "<div class=\"newsletter\">Subscribe to our newsletter for the daily briefing.</div>"
    "<footer>Copyright 2021 The Coastal Gazette. All rights reserved.</footer>"
    "</body></html>";

typedef struct fixture {
    sl_ctx *ctx;
    sl_html *h;
    const sl_html_result *r;
} fixture;

static fixture open_fixture(void)
{
    fixture f = { test_ctx(), NULL, NULL };
    assert_int_equal(sl_html_new(f.ctx, &f.h, NULL), SL_OK);
    return f;
}

static void close_fixture(fixture *f)
{
    sl_html_free(f->h);
    sl_ctx_free(f->ctx);
}

static void extract(fixture *f, const char *page, size_t len, const char *url, const char *hint)
{
    assert_int_equal(sl_html_extract(f->h, page, len, url, url ? strlen(url) : 0, hint, &f->r),
                     SL_OK);
    assert_non_null(f->r);
}

static bool has(const sl_str s, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= s.len; i++)
        if (memcmp(s.ptr + i, needle, n) == 0)
            return true;
    return false;
}

static void test_article_kept_boilerplate_dropped(void **state)
{
    fixture f = open_fixture();
    extract(&f, article_page, sizeof article_page - 1, NULL, NULL);
    const sl_str t = f.r->text;
    assert_true(has(t, "Dock workers in the northern harbour"));
    assert_true(has(t, "hourly pay by four percent"));
    assert_true(has(t, "Shipping companies had diverted"));
    assert_true(has(t, "Harbour strike ends after nine days"));
    static const char *const never[] = { "Home", "cookies", "Share on social", "Tweet",
                                         "Template text", "Hidden paragraph", "Invisible styled",
                                         "First comment", "Related stories", "Port traffic",
                                         "newsletter", "Copyright", "never text", "color: red" };
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        if (has(t, never[i]))
            fail_msg("'%s' leaked into the text: %.*s", never[i], (int)t.len, t.ptr);
    /* Reading order: the three paragraphs in page order. */
    const char *a = strstr(t.ptr, "Dock workers"), *b = strstr(t.ptr, "hourly pay"),
               *c = strstr(t.ptr, "Shipping companies");
    assert_true(a < b && b < c);
    close_fixture(&f);
}

static void test_captions_apart(void **state)
{
    fixture f = open_fixture();
    extract(&f, article_page, sizeof article_page - 1, NULL, NULL);
    assert_int_equal(f.r->n_captions, 1);
    const sl_html_field *c = &f.r->captions[0];
    assert_int_equal(c->text.len, strlen("Cranes idle at the container terminal."));
    assert_memory_equal(c->text.ptr, "Cranes idle at the container terminal.", c->text.len);
    assert_false(has(f.r->text, "Cranes idle"));
    /* The caption's offsets point at its text in the page. */
    assert_memory_equal(article_page + c->start, "Cranes idle", 11);
    assert_int_equal(c->end - c->start, c->text.len);
    close_fixture(&f);
}

static void test_title_byline_date_sources(void **state)
{
    fixture f = open_fixture();
    extract(&f, article_page, sizeof article_page - 1, NULL, NULL);
    assert_string_equal(f.r->title.from, "h1"); /* <title> holds the <h1> */
    assert_int_equal(f.r->title.text.len, strlen("Harbour strike ends after nine days"));
    assert_string_equal(f.r->byline.from, "author");
    assert_memory_equal(f.r->byline.text.ptr, "Mara Lindqvist", 14);
    assert_string_equal(f.r->published.from, "article:published_time");
    assert_memory_equal(f.r->published.text.ptr, "2021-12-15T08:30:00+01:00", 25);
    close_fixture(&f);
}

static void test_title_og_and_site_suffix(void **state)
{
    fixture f = open_fixture();
    const char *og = "<html><head><meta property=\"og:title\" content=\"Ferry timetable changes\">"
                     "<title>Ferry timetable changes - Island News</title></head><body><p>x</p>"
                     "</body></html>";
    extract(&f, og, strlen(og), NULL, NULL);
    assert_string_equal(f.r->title.from, "og:title");
    assert_int_equal(f.r->title.text.len, strlen("Ferry timetable changes"));
    const char *plain = "<html><head><title>New ferry timetable from May | Island News</title>"
                        "</head><body><p>x</p></body></html>";
    extract(&f, plain, strlen(plain), NULL, NULL);
    assert_string_equal(f.r->title.from, "title");
    assert_int_equal(f.r->title.text.len, strlen("New ferry timetable from May"));
    close_fixture(&f);
}

static void test_byline_class_and_date_fallbacks(void **state)
{
    fixture f = open_fixture();
    const char *page =
        "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"datePublished\": \"2020-03-04T10:00:00Z\"}</script></head><body><article>"
        "<p class=\"byline\">By Joan Okafor</p><p>The library reopens on Monday with longer hours, "
        "more seats and a new reading room for children and students alike.</p></article>"
        "</body></html>";
    extract(&f, page, strlen(page), NULL, NULL);
    assert_string_equal(f.r->byline.from, "class:byline");
    assert_int_equal(f.r->byline.text.len, strlen("Joan Okafor"));
    assert_string_equal(f.r->published.from, "json-ld:datePublished");
    assert_memory_equal(f.r->published.text.ptr, "2020-03-04T10:00:00Z", 20);

    const char *timed = "<html><body><article><time datetime=\"2019-07-01\">1 July</time><p>The "
                        "bridge is closed for repairs until the end of the summer holidays, "
                        "the council said.</p></article></body></html>";
    extract(&f, timed, strlen(timed), NULL, NULL);
    assert_string_equal(f.r->published.from, "time");
    assert_memory_equal(f.r->published.text.ptr, "2019-07-01", 10);

    const char *bare = "<html><body><p>Nothing dated here at all.</p></body></html>";
    extract(&f, bare, strlen(bare), "https://example.org/2021/12/15/story.html", NULL);
    assert_string_equal(f.r->published.from, "url");
    assert_memory_equal(f.r->published.text.ptr, "2021-12-15", 10);
    assert_string_equal(f.r->url.from, "given");
    close_fixture(&f);
}

/* A paragraph of made-up running text, n differing by its number. */
static void add_paragraph(char *buf, size_t cap, int n)
{
    size_t len = strlen(buf);
    snprintf(buf + len, cap - len,
             "<p>Paragraph %d of the report: the valley council met again on Tuesday, heard the "
             "engineers, and agreed that the old stone bridge needs new supports, a wider path "
             "and better lighting before the winter.</p>", n);
}

static void test_byline_date_and_author_box_out_of_text(void **state)
{
    fixture f = open_fixture();
    char page[8192] = "<html><body><article class=\"story\"><h1>Bridge to be repaired</h1>"
                      "<div class=\"byline\">By Tomas Ilves</div>"
                      "<div class=\"post-date\">12 March 2022</div>";
    for (int i = 1; i <= 4; i++)
        add_paragraph(page, sizeof page, i);
    strcat(page, "<div class=\"author-box\"><h3>About the author</h3><p>Tomas Ilves has "
                 "reported on local government for twenty years and lives by the river.</p></div>"
                 "</article></body></html>");
    extract(&f, page, strlen(page), NULL, NULL);
    assert_true(has(f.r->text, "Paragraph 1 of the report"));
    assert_true(has(f.r->text, "Paragraph 4 of the report"));
    assert_false(has(f.r->text, "By Tomas Ilves"));
    assert_false(has(f.r->text, "12 March 2022"));
    assert_false(has(f.r->text, "reported on local government"));
    /* The byline is still found in the article. */
    assert_string_equal(f.r->byline.from, "class:byline");
    assert_memory_equal(f.r->byline.text.ptr, "Tomas Ilves", 11);
    close_fixture(&f);
}

static void test_story_inside_wrapper_named_sidebar(void **state)
{
    fixture f = open_fixture();
    char page[8192] = "<html><body><div class=\"sidebar_content\"><div class=\"post hentry\">"
                      "<h1>Bridge to be repaired</h1>";
    for (int i = 1; i <= 4; i++)
        add_paragraph(page, sizeof page, i);
    strcat(page, "</div></div><aside class=\"sidebar\"><p>Our partners: a long list of "
                 "friendly local shops, cafes and bakeries worth a visit.</p></aside><div>");
    /* More paragraphs outside the wrapper than in it. */
    for (int i = 1; i <= 5; i++)
        strcat(page, "<p>Visitor notice: the town hall opens late today.</p>");
    strcat(page, "</div></body></html>");
    extract(&f, page, strlen(page), NULL, NULL);
    assert_true(has(f.r->text, "Paragraph 1 of the report"));
    assert_true(has(f.r->text, "Paragraph 4 of the report"));
    assert_false(has(f.r->text, "Our partners"));
    close_fixture(&f);
}

static void test_page_builder_words_not_boilerplate(void **state)
{
    /* Every block is a "widget", the story too; the menu is still left
     * out by its links. */
    fixture f = open_fixture();
    char page[16384] = "<html><body><div class=\"pb-widget\"><ul class=\"pb-widget\">";
    for (int i = 0; i < 40; i++) {
        size_t len = strlen(page);
        snprintf(page + len, sizeof page - len,
                 "<li class=\"pb-widget\"><a href=\"/s%d\">Section %d</a></li>", i, i);
    }
    strcat(page, "</ul></div><div>");
    for (int i = 1; i <= 4; i++)
        strcat(page, "<p>Visitor notice: the town hall opens late today.</p>");
    strcat(page, "</div><div class=\"pb-widget pb-widget-post-content\">");
    for (int i = 1; i <= 3; i++)
        add_paragraph(page, sizeof page, i);
    strcat(page, "</div></body></html>");
    extract(&f, page, strlen(page), NULL, NULL);
    assert_true(has(f.r->text, "Paragraph 1 of the report"));
    assert_true(has(f.r->text, "Paragraph 3 of the report"));
    assert_false(has(f.r->text, "Section 12"));
    close_fixture(&f);
}

static void test_article_element_taken_whole(void **state)
{
    /* The lead sits in the article's header, apart from the body. */
    fixture f = open_fixture();
    char page[8192] = "<html><body><nav><a href=\"/\">Home</a></nav><article><div class=\"row\">"
                      "<header><h2>Bridge to be repaired</h2><div class=\"intro\">The old "
                      "stone bridge gets new supports before the winter. Engineers found cracks "
                      "in two of its arches last spring, and the path will be closed for a "
                      "month while the work goes on.</div></header></div>"
                      "<div class=\"row\"><div class=\"columns\">";
    for (int i = 1; i <= 10; i++)
        add_paragraph(page, sizeof page, i);
    strcat(page, "</div></div></article></body></html>");
    extract(&f, page, strlen(page), NULL, NULL);
    assert_true(has(f.r->text, "The old stone bridge gets new supports"));
    assert_true(has(f.r->text, "Paragraph 10 of the report"));
    assert_false(has(f.r->text, "Home"));
    close_fixture(&f);
}

/* A page builder wraps each paragraph in wrappers of its own; the lead,
 * in an element named like the article, must not win over the body. */
static void test_story_in_page_builder_columns(void **state)
{
    fixture f = open_fixture();
    char page[16384] = "<html><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
                       "<div class=\"row\"><div class=\"col\"><div class=\"article-lead\">"
                       "<p>The old stone bridge gets new supports before the winter, the "
                       "council decided.</p></div>"
                       "<div class=\"col-body\"><div class=\"col-inner\">";
    for (int i = 1; i <= 6; i++) {
        strcat(page, "<div class=\"pb-col\"><div class=\"pb-wrap\"><div class=\"pb-block\">"
                     "<div class=\"pb-inner\">");
        add_paragraph(page, sizeof page, i);
        strcat(page, "</div></div></div></div>");
    }
    strcat(page, "</div></div></div></div><footer>Copyright by the valley paper.</footer>"
                 "</body></html>");
    extract(&f, page, strlen(page), NULL, NULL);
    assert_true(has(f.r->text, "The old stone bridge gets new supports"));
    assert_true(has(f.r->text, "Paragraph 1 of the report"));
    assert_true(has(f.r->text, "Paragraph 6 of the report"));
    assert_false(has(f.r->text, "Copyright by the valley paper"));
    assert_false(has(f.r->text, "Home"));
    close_fixture(&f);
}

/* A name with an article word and a boilerplate word ("page-content
 * share-container") around several paragraphs of prose is the story; a
 * real share bar is still left out. */
static void test_mixed_name_with_prose_kept(void **state)
{
    fixture f = open_fixture();
    char page[16384] = "<html><body><div class=\"page-content share-container\">";
    for (int i = 1; i <= 4; i++)
        add_paragraph(page, sizeof page, i);
    strcat(page, "<div class=\"share-container\"><a href=\"/s/fb\">Share this on the social "
                 "network of your choice</a> <a href=\"/s/mail\">Mail</a></div></div><div>");
    for (int i = 1; i <= 5; i++)
        strcat(page, "<p>Visitor notice: the town hall opens late today.</p>");
    strcat(page, "</div></body></html>");
    extract(&f, page, strlen(page), NULL, NULL);
    assert_true(has(f.r->text, "Paragraph 1 of the report"));
    assert_true(has(f.r->text, "Paragraph 4 of the report"));
    assert_false(has(f.r->text, "Share this on"));
    close_fixture(&f);
}

/* A heading or a line ending in a colon that ends the article announced
 * something left out; inside the article such a line stays. */
static void test_trailing_lead_in_dropped(void **state)
{
    fixture f = open_fixture();
    char page[16384] = "<html><body><article><h1>Bridge to be repaired</h1>";
    add_paragraph(page, sizeof page, 1);
    strcat(page, "<p>The engineers listed three reasons:</p>");
    for (int i = 2; i <= 4; i++)
        add_paragraph(page, sizeof page, i);
    strcat(page, "<p><strong>More on this topic:</strong></p><h3>Further reading</h3>"
                 "</article><div class=\"more\"><a href=\"/a\">Old bridges of the valley, a "
                 "list</a></div></body></html>");
    extract(&f, page, strlen(page), NULL, NULL);
    assert_true(has(f.r->text, "Paragraph 4 of the report"));
    assert_true(has(f.r->text, "The engineers listed three reasons:"));
    assert_false(has(f.r->text, "More on this topic"));
    assert_false(has(f.r->text, "Further reading"));
    close_fixture(&f);
}

/* Class names in other languages: "contenido" (Spanish for content)
 * outweighs "banner" in the same name, so the story is not boilerplate. */
static void test_article_words_in_other_languages(void **state)
{
    fixture f = open_fixture();
    char page[16384] = "<html><body><div class=\"banners-contenido-nota\">";
    for (int i = 1; i <= 4; i++)
        add_paragraph(page, sizeof page, i);
    strcat(page, "</div><div>");
    for (int i = 1; i <= 5; i++)
        strcat(page, "<p>Visitor notice: the town hall opens late today.</p>");
    strcat(page, "</div></body></html>");
    extract(&f, page, strlen(page), NULL, NULL);
    assert_true(has(f.r->text, "Paragraph 1 of the report"));
    assert_true(has(f.r->text, "Paragraph 4 of the report"));
    close_fixture(&f);
}

/* A page with the given <html> attributes and published-time meta. */
static void extract_dated(fixture *f, char *page, size_t cap, const char *html_attrs,
                          const char *date)
{
    snprintf(page, cap,
             "<html %s><head><meta property=\"article:published_time\" content=\"%s\">"
             "</head><body><article><p>The valley council met again on Tuesday and agreed "
             "that the old stone bridge needs new supports before the winter.</p></article>"
             "</body></html>", html_attrs, date);
    extract(f, page, strlen(page), NULL, NULL);
}

static void assert_published(const fixture *f, const char *iso)
{
    assert_non_null(f->r->published.from);
    assert_int_equal(f->r->published.text.len, strlen(iso));
    assert_memory_equal(f->r->published.text.ptr, iso, strlen(iso));
}

/* Numeric dates with slashes: the order comes from the page's language,
 * or from a part above 12; an ambiguous date on a page without a known
 * order is left out. */
static void test_numeric_date_order(void **state)
{
    fixture f = open_fixture();
    char page[2048];
    extract_dated(&f, page, sizeof page, "lang=\"es\"", "10/05/2022 05:22 pm");
    assert_published(&f, "2022-05-10T17:22");
    extract_dated(&f, page, sizeof page, "lang=\"en-US\"", "10/05/2022 05:22 pm");
    assert_published(&f, "2022-10-05T17:22");
    extract_dated(&f, page, sizeof page, "lang=\"en-GB\"", "10/05/2022");
    assert_published(&f, "2022-05-10");
    extract_dated(&f, page, sizeof page, "", "10/05/2022 05:22 pm");
    assert_null(f.r->published.from);
    extract_dated(&f, page, sizeof page, "lang=\"en\"", "10/05/2022");
    assert_null(f.r->published.from);
    /* A part above 12 can only be the day. */
    extract_dated(&f, page, sizeof page, "", "12/25/2021 12:05 am");
    assert_published(&f, "2021-12-25T00:05");
    extract_dated(&f, page, sizeof page, "lang=\"de\"", "25-12-2021 14:30:10");
    assert_published(&f, "2021-12-25T14:30:10");
    /* Dots are day first; a clock that cannot be read is left off. */
    extract_dated(&f, page, sizeof page, "", "5.3.2022, 25:99");
    assert_published(&f, "2022-03-05");
    /* Impossible dates and times give nothing. */
    extract_dated(&f, page, sizeof page, "lang=\"de\"", "31/13/2022");
    assert_null(f.r->published.from);
    extract_dated(&f, page, sizeof page, "lang=\"de\"", "1/2/20221");
    assert_null(f.r->published.from);
    extract_dated(&f, page, sizeof page, "lang=\"en-US\"", "3/4/2022 13:00 pm");
    assert_published(&f, "2022-03-04");
    close_fixture(&f);
}

static void test_og_title_site_affix(void **state)
{
    fixture f = open_fixture();
    static const struct {
        const char *head, *url, *title;
    } cases[] = {
        /* og:site_name names the suffix */
        { "<meta property=\"og:title\" content=\"Ferry fares rise | The Island Post\">"
          "<meta property=\"og:site_name\" content=\"The Island Post\">",
          NULL, "Ferry fares rise" },
        /* the host names the prefix */
        { "<meta property=\"og:title\" content=\"ISLANDPOST - Ferry fares rise\">",
          "https://www.islandpost.example/2022/ferry", "Ferry fares rise" },
        /* the host names the suffix, with an article word */
        { "<meta property=\"og:title\" content=\"Ferry fares rise \xE2\x80\x93 The Islandpost\">",
          "https://islandpost.example/ferry", "Ferry fares rise" },
        /* nothing names the site: the title stays whole */
        { "<meta property=\"og:title\" content=\"Ferries: fares rise - again\">",
          "https://islandpost.example/ferry", "Ferries: fares rise - again" },
        { "<meta property=\"og:title\" content=\"Harbour | Ferry fares rise\">"
          "<meta property=\"og:site_name\" content=\"Island Post\">",
          NULL, "Harbour | Ferry fares rise" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char page[1024];
        snprintf(page, sizeof page, "<html><head>%s</head><body><p>x</p></body></html>",
                 cases[i].head);
        extract(&f, page, strlen(page), cases[i].url, NULL);
        assert_string_equal(f.r->title.from, "og:title");
        if (f.r->title.text.len != strlen(cases[i].title) ||
            memcmp(f.r->title.text.ptr, cases[i].title, f.r->title.text.len) != 0)
            fail_msg("case %zu: title '%.*s', expected '%s'", i, (int)f.r->title.text.len,
                     f.r->title.text.ptr, cases[i].title);
    }
    close_fixture(&f);
}

static void test_charset_from_meta(void **state)
{
    fixture f = open_fixture();
    /* "Café Größe" in windows-1252, declared by http-equiv. */
    const char page[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                        "charset=windows-1252\"></head><body><p>Caf\xE9 Gr\xF6\xDF" "e</p>"
                        "</body></html>";
    extract(&f, page, sizeof page - 1, NULL, NULL);
    assert_string_equal(f.r->charset, "windows-1252");
    assert_string_equal(f.r->charset_from, "meta");
    assert_true(has(f.r->text, "Caf\xC3\xA9 Gr\xC3\xB6\xC3\x9F" "e"));
    /* The map leads back to the single page byte of the é. */
    const char *e = strstr(f.r->text.ptr, "\xC3\xA9");
    size_t at = sl_html_page_offset(f.r, (size_t)(e - f.r->text.ptr));
    assert_int_equal((unsigned char)page[at], 0xE9);

    /* The HTTP hint wins over the meta; a BOM wins over both. */
    extract(&f, page, sizeof page - 1, NULL, "iso-8859-15");
    assert_string_equal(f.r->charset_from, "http");
    const char bom[] = "\xEF\xBB\xBF<p>\xC3\xA9t\xC3\xA9</p>";
    extract(&f, bom, sizeof bom - 1, NULL, "windows-1252");
    assert_string_equal(f.r->charset_from, "bom");
    assert_true(has(f.r->text, "\xC3\xA9t\xC3\xA9"));
    close_fixture(&f);
}

/* A page that declares no charset and is not UTF-8 is detected, not read as
 * Latin-1: a Cyrillic windows-1251 page and a Japanese Shift_JIS page (our
 * own sentences, each written twice so the detector has enough text). */
#define CYRILLIC_1251 \
        "\xC2\xF7\xE5\xF0\xE0\x20\xE2\x20\xE3\xEE\xF0\xEE\xE4\xE5\x20\xEF" \
        "\xF0\xEE\xF8\xEB\xEE\x20\xE7\xE0\xF1\xE5\xE4\xE0\xED\xE8\xE5\x20" \
        "\xF1\xEE\xE2\xE5\xF2\xE0\x2C\x20\xED\xE0\x20\xEA\xEE\xF2\xEE\xF0" \
        "\xEE\xEC\x20\xE4\xE5\xEF\xF3\xF2\xE0\xF2\xFB\x20\xEE\xE1\xF1\xF3" \
        "\xE4\xE8\xEB\xE8\x20\xED\xEE\xE2\xFB\xE9\x20\xE1\xFE\xE4\xE6\xE5" \
        "\xF2\x20\xE8\x20\xEF\xEB\xE0\xED\xFB\x20\xF1\xF2\xF0\xEE\xE8\xF2" \
        "\xE5\xEB\xFC\xF1\xF2\xE2\xE0\x20\xF8\xEA\xEE\xEB\x2E"
#define JAPANESE_SJIS \
        "\x8D\xF0\x93\xFA\x81\x41\x8E\x73\x8B\x63\x89\xEF\x82\xAA\x8A\x4A" \
        "\x82\xA9\x82\xEA\x81\x41\x8B\x63\x88\xF5\x82\xBD\x82\xBF\x82\xCD" \
        "\x90\x56\x82\xB5\x82\xA2\x97\x5C\x8E\x5A\x82\xC6\x8A\x77\x8D\x5A" \
        "\x82\xCC\x8C\x9A\x90\xDD\x8C\x76\x89\xE6\x82\xC9\x82\xC2\x82\xA2" \
        "\x82\xC4\x98\x62\x82\xB5\x8D\x87\x82\xC1\x82\xBD\x81\x42"

static void test_charset_detected_when_undeclared(void **state)
{
    fixture f = open_fixture();
    const char cyr[] = "<html><body><article><h1>Sovet</h1><p>" CYRILLIC_1251 "</p><p>"
                       CYRILLIC_1251 "</p></article></body></html>";
    extract(&f, cyr, sizeof cyr - 1, NULL, NULL);
    assert_string_equal(f.r->charset, "windows-1251");
    assert_string_equal(f.r->charset_from, "detected");
    assert_true(has(f.r->text, "Вчера в городе прошло заседание совета"));

    const char sjis[] = "<html><body><article><h1>Shigikai</h1><p>" JAPANESE_SJIS "</p><p>"
                        JAPANESE_SJIS "</p></article></body></html>";
    extract(&f, sjis, sizeof sjis - 1, NULL, NULL);
    assert_string_equal(f.r->charset, "cp932");
    assert_string_equal(f.r->charset_from, "detected");
    assert_true(has(f.r->text, "市議会が開かれ"));

    /* A page that claims UTF-8 but is windows-1251 is detected too. */
    extract(&f, cyr, sizeof cyr - 1, NULL, "utf-8");
    assert_string_equal(f.r->charset, "windows-1251");
    assert_true(has(f.r->text, "Вчера в городе"));
    close_fixture(&f);
}

/* A page whose article is nearly empty (a teaser, a script-filled body)
 * gets its description meta as the lead; a page with an article does not,
 * and a description the text already holds is not repeated. */
static void test_description_lead(void **state)
{
    fixture f = open_fixture();
    const char teaser[] =
        "<html><head><title>Harbour plan</title><meta property=\"og:description\" "
        "content=\"The council approved a new harbour plan on Tuesday after a long debate "
        "about costs.\"></head><body><nav><a href=\"/\">Home</a></nav><main>"
        "<p>Subscribe to read more.</p></main></body></html>";
    extract(&f, teaser, sizeof teaser - 1, NULL, NULL);
    assert_true(f.r->text.len > 40);
    assert_memory_equal(f.r->text.ptr, "The council approved a new harbour plan", 39);

    char page[4096];
    int n = snprintf(page, sizeof page,
                     "<html><head><meta name=\"description\" content=\"A short summary of "
                     "the harbour story for search engines.\"></head><body><article>");
    for (int i = 0; i < 8; i++)
        n += snprintf(page + n, sizeof page - (size_t)n,
                      "<p>Paragraph %d of the article tells how the council argued over the "
                      "harbour plan, its costs and the fishermen it affects.</p>", i);
    n += snprintf(page + n, sizeof page - (size_t)n, "</article></body></html>");
    extract(&f, page, (size_t)n, NULL, NULL);
    assert_false(has(f.r->text, "A short summary"));
    close_fixture(&f);
}

static void test_offsets_map_to_page(void **state)
{
    fixture f = open_fixture();
    extract(&f, article_page, sizeof article_page - 1, NULL, NULL);
    const sl_str t = f.r->text;
    /* Every word of the text maps to the same bytes in the page. */
    size_t i = 0, words = 0;
    while (i < t.len) {
        while (i < t.len && (t.ptr[i] == ' ' || t.ptr[i] == '\n'))
            i++;
        size_t j = i;
        while (j < t.len && t.ptr[j] != ' ' && t.ptr[j] != '\n')
            j++;
        if (j > i) {
            size_t at = sl_html_page_offset(f.r, i);
            assert_true(at + (j - i) <= sizeof article_page - 1);
            if (memcmp(article_page + at, t.ptr + i, j - i) != 0 && t.ptr[i] != '\'')
                fail_msg("word '%.*s' maps to '%.*s'", (int)(j - i), t.ptr + i, (int)(j - i),
                         article_page + at);
            words++;
        }
        i = j;
    }
    assert_true(words > 50);
    /* Entities: the text holds the character, the map the whole reference. */
    const char *ent = "<p>Salt &amp; pepper, bread &amp; butter, and more of everything for all.</p>";
    extract(&f, ent, strlen(ent), NULL, NULL);
    const char *amp = strchr(f.r->text.ptr, '&');
    assert_non_null(amp);
    size_t at = sl_html_page_offset(f.r, (size_t)(amp - f.r->text.ptr));
    assert_memory_equal(ent + at, "&amp;", 5);
    close_fixture(&f);
}

static void test_broken_and_truncated(void **state)
{
    fixture f = open_fixture();
    const char *broken = "<html><body><div><p>Unclosed paragraph one with enough words to count "
                         "as a paragraph, surely.<p>Second one <b>bold <i>italic</p></div><table>"
                         "<tr><td>cell<tr></table></span></span></body></html></html><p>after";
    extract(&f, broken, strlen(broken), NULL, NULL);
    assert_true(has(f.r->text, "Unclosed paragraph one"));
    /* Every prefix of the article page parses without error. */
    for (size_t n = 0; n < sizeof article_page - 1; n += 37)
        extract(&f, article_page, n, NULL, NULL);
    close_fixture(&f);
}

static void test_empty_and_binary(void **state)
{
    fixture f = open_fixture();
    extract(&f, "", 0, NULL, NULL);
    assert_int_equal(f.r->text.len, 0);
    assert_null(f.r->title.from);
    const char *nobody = "<html><head><title>Only a title</title></head></html>";
    extract(&f, nobody, strlen(nobody), NULL, NULL);
    assert_int_equal(f.r->text.len, 0);
    assert_string_equal(f.r->title.from, "title");
    char garbage[4096];
    uint64_t s = 7;
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < sizeof garbage; i++)
            garbage[i] = (char)(test_rng(&s) >> 56);
        extract(&f, garbage, sizeof garbage, NULL, NULL);
        assert_true(sl_utf8_valid(f.r->text.ptr, f.r->text.len));
    }
    close_fixture(&f);
}

static void test_large_page(void **state)
{
    fixture f = open_fixture();
    const char *para = "<p>The committee met again on Thursday, and the members agreed, after a "
                       "long debate, to publish the full report before the end of the month.</p>";
    size_t plen = strlen(para), n = 5u << 20;
    char *page = malloc(n + 64);
    size_t len = 0;
    len += (size_t)sprintf(page, "<html><body><article>");
    while (len + plen < n)
        memcpy(page + len, para, plen), len += plen;
    len += (size_t)sprintf(page + len, "</article></body></html>");
    extract(&f, page, len, NULL, NULL);
    assert_true(f.r->text.len > (3u << 20));
    sl_html_options o = SL_HTML_OPTIONS_INIT;
    o.max_page = 1u << 20;
    sl_html *small;
    assert_int_equal(sl_html_new(f.ctx, &small, &o), SL_OK);
    const sl_html_result *r;
    assert_int_equal(sl_html_extract(small, page, len, NULL, 0, NULL, &r), SL_ELIMIT);
    assert_non_null(strstr(sl_errmsg(f.ctx), "larger than the limit"));
    sl_html_free(small);
    free(page);
    close_fixture(&f);
}

static void test_bad_arguments(void **state)
{
    sl_ctx *ctx = test_ctx();
    sl_html *h = NULL;
    sl_html_options o = SL_HTML_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(sl_html_new(ctx, &h, &o), SL_EINVAL);
    assert_null(h);
    sl_html_free(NULL);
    assert_int_equal(sl_html_new(ctx, &h, NULL), SL_OK);
    const sl_html_result *r;
    assert_int_equal(sl_html_extract(h, NULL, 5, NULL, 0, NULL, &r), SL_EINVAL);
    sl_html_free(h);
    sl_ctx_free(ctx);
}

/* Every allocation failure is reported as SL_ENOMEM, leaks nothing (ASan
 * checks), and leaves the handle usable. */
static void test_out_of_memory(void **state)
{
    for (uint64_t k = 1;; k++) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, k);
        sl_html *h = NULL;
        const sl_html_result *r;
        int rc = sl_html_new(ctx, &h, NULL);
        int failed = rc != SL_OK;
        if (!rc) {
            rc = sl_html_extract(h, article_page, sizeof article_page - 1, NULL, 0, NULL, &r);
            if (rc) {
                failed = 1;
                assert_int_equal(rc, SL_ENOMEM);
                sl_ctx_set_fail_alloc_after(ctx, 0); /* the handle still works */
                assert_int_equal(sl_html_extract(h, article_page, sizeof article_page - 1, NULL,
                                                 0, NULL, &r), SL_OK);
                assert_true(has(r->text, "Dock workers"));
            }
        } else {
            assert_int_equal(rc, SL_ENOMEM);
        }
        sl_html_free(h);
        sl_ctx_free(ctx);
        if (!failed)
            break;
        assert_true(k < 100000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_kept_boilerplate_dropped),
        cmocka_unit_test(test_captions_apart),
        cmocka_unit_test(test_title_byline_date_sources),
        cmocka_unit_test(test_title_og_and_site_suffix),
        cmocka_unit_test(test_byline_class_and_date_fallbacks),
        cmocka_unit_test(test_byline_date_and_author_box_out_of_text),
        cmocka_unit_test(test_story_inside_wrapper_named_sidebar),
        cmocka_unit_test(test_page_builder_words_not_boilerplate),
        cmocka_unit_test(test_article_element_taken_whole),
        cmocka_unit_test(test_story_in_page_builder_columns),
        cmocka_unit_test(test_mixed_name_with_prose_kept),
        cmocka_unit_test(test_trailing_lead_in_dropped),
        cmocka_unit_test(test_article_words_in_other_languages),
        cmocka_unit_test(test_numeric_date_order),
        cmocka_unit_test(test_og_title_site_affix),
        cmocka_unit_test(test_charset_from_meta),
        cmocka_unit_test(test_charset_detected_when_undeclared),
        cmocka_unit_test(test_description_lead),
        cmocka_unit_test(test_offsets_map_to_page),
        cmocka_unit_test(test_broken_and_truncated),
        cmocka_unit_test(test_empty_and_binary),
        cmocka_unit_test(test_large_page),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
