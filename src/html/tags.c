/* Tag names and the class/id hints that tell article from boilerplate. */
#include "html.h"

#include <string.h>

typedef struct tag_info {
    const char *name;
    int id;
    unsigned flags;
} tag_info;

enum { SKIP = HTAG_SKIP, BLOCK = HTAG_BLOCK, HEAD = HTAG_HEADING | HTAG_BLOCK,
       BOIL = HTAG_BOILER | HTAG_BLOCK, PARA = HTAG_PARA | HTAG_BLOCK };

/* Sorted by name for the binary search. */
static const tag_info tags[] = {
    { "a", HT_A, 0 },
    { "address", HT_ADDRESS, BLOCK },
    { "article", HT_ARTICLE, BLOCK },
    { "aside", HT_ASIDE, BOIL },
    { "audio", HT_AUDIO, SKIP },
    { "b", HT_B, 0 },
    { "blockquote", HT_BLOCKQUOTE, PARA },
    { "body", HT_BODY, BLOCK },
    { "br", HT_BR, 0 },
    { "button", HT_BUTTON, SKIP },
    { "canvas", HT_CANVAS, SKIP },
    { "caption", HT_CAPTION, BLOCK },
    { "center", HT_CENTER, BLOCK },
    { "dd", HT_DD, PARA },
    { "details", HT_DETAILS, BLOCK },
    { "dialog", HT_DIALOG, SKIP },
    { "div", HT_DIV, BLOCK },
    { "dl", HT_DL, BLOCK },
    { "dt", HT_DT, BLOCK },
    { "em", HT_EM, 0 },
    { "embed", HT_EMBED, SKIP },
    { "figcaption", HT_FIGCAPTION, BLOCK },
    { "figure", HT_FIGURE, BLOCK },
    { "footer", HT_FOOTER, BOIL },
    { "form", HT_FORM, BLOCK },
    { "h1", HT_H1, HEAD },
    { "h2", HT_H2, HEAD },
    { "h3", HT_H3, HEAD },
    { "h4", HT_H4, HEAD },
    { "h5", HT_H5, HEAD },
    { "h6", HT_H6, HEAD },
    { "head", HT_HEAD, SKIP },
    { "header", HT_HEADER, BLOCK },
    { "hr", HT_HR, BLOCK },
    { "html", HT_HTML, BLOCK },
    { "i", HT_I, 0 },
    { "iframe", HT_IFRAME, SKIP },
    { "img", HT_IMG, 0 },
    { "input", HT_INPUT, SKIP },
    { "label", HT_LABEL, 0 },
    { "li", HT_LI, PARA },
    { "link", HT_LINK, SKIP },
    { "main", HT_MAIN, BLOCK },
    { "map", HT_MAP, SKIP },
    { "math", HT_MATH, SKIP },
    { "menu", HT_MENU, BOIL },
    { "meta", HT_META, SKIP },
    { "nav", HT_NAV, BOIL },
    { "noscript", HT_NOSCRIPT, SKIP },
    { "object", HT_OBJECT, SKIP },
    { "ol", HT_OL, BLOCK },
    { "option", HT_OPTION, SKIP },
    { "p", HT_P, PARA },
    { "picture", HT_PICTURE, 0 },
    { "pre", HT_PRE, PARA },
    { "script", HT_SCRIPT, SKIP },
    { "section", HT_SECTION, BLOCK },
    { "select", HT_SELECT, SKIP },
    { "source", HT_SOURCE, SKIP },
    { "span", HT_SPAN, 0 },
    { "strong", HT_STRONG, 0 },
    { "style", HT_STYLE, SKIP },
    { "summary", HT_SUMMARY, BLOCK },
    { "svg", HT_SVG, SKIP },
    { "table", HT_TABLE, BLOCK },
    { "tbody", HT_TBODY, BLOCK },
    { "td", HT_TD, PARA },
    { "template", HT_TEMPLATE, SKIP },
    { "textarea", HT_TEXTAREA, SKIP },
    { "tfoot", HT_TFOOT, BLOCK },
    { "th", HT_TH, BLOCK },
    { "thead", HT_THEAD, BLOCK },
    { "time", HT_TIME, 0 },
    { "title", HT_TITLE, SKIP },
    { "tr", HT_TR, BLOCK },
    { "ul", HT_UL, BLOCK },
    { "video", HT_VIDEO, SKIP },
};
static const size_t n_tags = sizeof tags / sizeof tags[0];

/* Flags by id, filled from the same table on first use would need a
 * global; a linear scan over ~80 entries is cheap enough for flags. */
unsigned sl_html_tag_flags(int tag)
{
    for (size_t i = 0; i < n_tags; i++)
        if (tags[i].id == tag)
            return tags[i].flags;
    return 0;
}

int sl_html_tag_id(const char *name)
{
    size_t lo = 0, hi = n_tags;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, tags[mid].name);
        if (c == 0)
            return tags[mid].id;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return HT_OTHER;
}

const char *sl_html_find_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0 || n > len)
        return NULL;
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n) {
            char c = s[i + k];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != needle[k])
                break;
            k++;
        }
        if (k == n)
            return s + i;
    }
    return NULL;
}

typedef struct hint {
    const char *word;
    size_t len;
    int weight;
    unsigned kind;           /* HINT_* bits */
} hint;

#define H(word, weight, kind) { word, sizeof word - 1, weight, kind }

/* Names that web authors give to the article and to everything around
 * it.  A class or id value is cut into words (at punctuation and at
 * camelCase humps); a hint matches a word that starts with it, and a hint
 * of six letters or more also matches inside a word ("pagecomments"). */
static const hint hints[] = {
    H("article", 25, 0), H("content", 15, 0), H("entry", 20, 0), H("post", 15, 0),
    H("story", 20, 0), H("text", 10, 0), H("body", 10, 0), H("main", 10, 0), H("blog", 10, 0),
    H("hentry", 20, 0), H("prose", 20, 0), H("single", 10, 0), H("detail", 10, 0),
    H("news", 5, 0), H("artikel", 25, 0), H("articulo", 25, 0), H("articolo", 25, 0),
    H("contenido", 15, 0), H("contenu", 15, 0), H("inhalt", 15, 0), H("beitrag", 15, 0),
    H("testo", 10, 0), H("cuerpo", 10, 0), H("comment", -40, 0), H("share", -40, 0),
    H("sharing", -40, 0), H("social", -40, 0), H("related", -40, 0), H("cookie", -50, 0),
    H("consent", -50, 0), H("newsletter", -50, 0), H("subscri", -40, 0), H("sidebar", -50, 0),
    H("footer", -50, 0), H("menu", -40, 0), H("nav", -50, 0), H("breadcrumb", -50, 0),
    H("banner", -30, 0), H("crumb", -40, 0), H("advert", -50, 0), H("sponsor", -40, 0),
    H("promo", -40, 0), H("widget", -40, 0), H("popup", -40, 0), H("modal", -40, 0),
    H("masthead", -40, 0), H("teaser", -25, 0), H("recommend", -40, 0), H("tags", -25, 0),
    H("tagcloud", -40, 0), H("pagination", -40, 0), H("pager", -40, 0), H("signup", -40, 0),
    H("login", -40, 0), H("copyright", -40, 0), H("disclaimer", -20, 0), H("meta", -15, 0),
    H("toolbar", -40, 0), H("skip", -30, 0), H("print", -20, 0), H("rating", -30, 0),
    H("outbrain", -50, 0), H("taboola", -50, 0), H("sitemap", -40, 0), H("reply", -30, 0),
    H("respond", -30, 0), H("disqus", -50, 0), H("hidden", -30, 0), H("sronly", -50, 0),
    H("screenreader", -50, 0), H("shopping", -30, 0), H("follow", -30, 0), H("header", -25, 0),
    H("foot", -30, 0), H("legal", -30, 0), H("trending", -40, 0), H("popular", -30, 0),
    H("overlay", -30, 0), H("ad", -40, 0), H("ads", -40, 0), H("aside", -40, 0),
    H("links", -25, 0), H("sociallinks", -50, 0), H("topbar", -40, 0), H("dropdown", -30, 0),
    H("offcanvas", -40, 0), H("affiliate", -40, 0), H("flyout", -30, 0),
    H("metadata", -30, 0), H("kommentar", -40, 0),
    H("byline", 0, HINT_BYLINE), H("author", 0, HINT_BYLINE), H("writer", 0, HINT_BYLINE),
    H("creator", 0, HINT_BYLINE), H("autor", 0, HINT_BYLINE), H("bio", 0, HINT_BYLINE), H("caption", 0, HINT_CAPTION), H("date", 0, HINT_DATE),
    H("time", 0, HINT_DATE), H("published", 0, HINT_DATE),
};

static int lower(char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Does hint h match the word w[0..n) (already lower case)? */
static int hint_matches(const hint *h, const char *w, size_t n)
{
    size_t k = h->len;
    if (k > n)
        return 0;
    if (w[0] == h->word[0] && memcmp(w, h->word, k) == 0)
        return k >= 3 || k == n; /* "ad" only as a whole word */
    if (k < 6)
        return 0;
    for (size_t i = 1; i + k <= n; i++)
        if (w[i] == h->word[0] && memcmp(w + i, h->word, k) == 0)
            return 1;
    return 0;
}

static const size_t n_hints = sizeof hints / sizeof hints[0];

static void weigh_word(const char *w, size_t n, sl_html_hint *out, int *good, int *bad)
{
    for (size_t i = 0; i < n_hints; i++) {
        if (!hint_matches(&hints[i], w, n))
            continue;
        out->kinds |= hints[i].kind;
        if (hints[i].weight > *good)
            *good = hints[i].weight;
        if (hints[i].weight < *bad) {
            *bad = hints[i].weight;
            out->worst = (int)i + 1;
        }
    }
}

int sl_html_hint_weight(int worst)
{
    return worst > 0 && (size_t)worst <= n_hints ? hints[worst - 1].weight : 0;
}

sl_html_hint sl_html_hint_of(const char *value, size_t len)
{
    _Static_assert(sizeof hints / sizeof hints[0] < SL_HTML_MAX_HINTS, "too many hints");
    sl_html_hint out = { 0, 0, 0, 0 };
    int good = 0, bad = 0;
    char word[64];
    size_t n = 0;
    for (size_t i = 0; i <= len; i++) {
        char c = i < len ? value[i] : ' ';
        /* camelCase: a capital after a small letter starts a word. */
        int hump = n > 0 && c >= 'A' && c <= 'Z' && value[i - 1] >= 'a' && value[i - 1] <= 'z';
        if (!is_alnum(c) || hump) {
            if (n > 0)
                weigh_word(word, n, &out, &good, &bad);
            n = 0;
            if (!is_alnum(c))
                continue;
        }
        if (n < sizeof word)
            word[n++] = (char)lower(c);
    }
    out.weight = good + bad;
    out.good = good;
    return out;
}

const char *sl_html_find_bytes(const char *s, size_t len, const char *needle, size_t n)
{
    if (n == 0 || n > len)
        return NULL;
    size_t last = len - n;
    for (size_t i = 0; i <= last; i++) {
        const char *p = memchr(s + i, needle[0], last - i + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, n) == 0)
            return p;
        i = (size_t)(p - s);
    }
    return NULL;
}
