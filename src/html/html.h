/* The HTML stage (internal): web pages in, article text out.
 *
 * A page goes through four steps, each in its own file:
 *   charset.c  choose the charset (BOM, HTTP hint, <meta>, detection) and
 *              turn the page into valid UTF-8, keeping a map back to the
 *              page's bytes;
 *   tree.c     parse it with libxml2's forgiving HTML parser (SAX events)
 *              into a compact tree of our own whose text nodes know their
 *              byte ranges; scripts, styles and hidden elements are marked;
 *   score.c    measure every element (text, links, paragraphs, class and id
 *              hints) and choose the elements that hold the article;
 *   emit.c     write the chosen blocks as text in reading order, captions
 *              apart, with the map from text offsets to page bytes;
 *   meta.c     title, byline and publication date, each with its source.
 * extract.c ties them together behind the public sl_html_* API. */
#ifndef SL_HTML_H
#define SL_HTML_H

#include "core/core.h"
#include "core/rewrite.h"

/* ---- tags ---------------------------------------------------------------- */

enum {
    HT_OTHER = 0, HT_TEXT, HT_ROOT,
    HT_A, HT_ADDRESS, HT_ARTICLE, HT_ASIDE, HT_AUDIO, HT_B, HT_BLOCKQUOTE, HT_BODY, HT_BR,
    HT_BUTTON, HT_CANVAS, HT_CAPTION, HT_CENTER, HT_DD, HT_DETAILS, HT_DIALOG, HT_DIV, HT_DL,
    HT_DT, HT_EM, HT_EMBED, HT_FIGCAPTION, HT_FIGURE, HT_FOOTER, HT_FORM, HT_H1, HT_H2, HT_H3,
    HT_H4, HT_H5, HT_H6, HT_HEAD, HT_HEADER, HT_HR, HT_HTML, HT_I, HT_IFRAME, HT_IMG, HT_INPUT,
    HT_LABEL, HT_LI, HT_LINK, HT_MAIN, HT_MAP, HT_MATH, HT_MENU, HT_META, HT_NAV, HT_NOSCRIPT,
    HT_OBJECT, HT_OL, HT_OPTION, HT_P, HT_PICTURE, HT_PRE, HT_SCRIPT, HT_SECTION, HT_SELECT,
    HT_SOURCE, HT_SPAN, HT_STRONG, HT_STYLE, HT_SUMMARY, HT_SVG, HT_TABLE, HT_TBODY, HT_TD,
    HT_TEMPLATE, HT_TEXTAREA, HT_TFOOT, HT_TH, HT_THEAD, HT_TIME, HT_TITLE, HT_TR, HT_UL,
    HT_VIDEO,
    HT_COUNT
};

enum {
    HTAG_SKIP = 1u << 0,     /* never text: script, style, form controls... */
    HTAG_BLOCK = 1u << 1,    /* starts a new block of text */
    HTAG_HEADING = 1u << 2,
    HTAG_BOILER = 1u << 3,   /* nav, aside, footer, menu */
    HTAG_PARA = 1u << 4      /* holds running text: p, pre, blockquote, td, li, dd */
};

int sl_html_tag_id(const char *name);
unsigned sl_html_tag_flags(int tag);
enum { HINT_BYLINE = 1u << 0, HINT_CAPTION = 1u << 1, HINT_DATE = 1u << 2 };
typedef struct sl_html_hint {
    int weight;              /* positive for article-like names ("article",
                                "content", "post"), negative for boilerplate
                                ("nav", "comment", "share", "cookie"...) */
    int good;                /* the positive part alone */
    unsigned kinds;          /* HINT_* */
    int worst;               /* 1 + index of the most negative word, 0 = none */
} sl_html_hint;
/* At most this many words (sl_html_hint.worst < SL_HTML_MAX_HINTS). */
#define SL_HTML_MAX_HINTS 128
/* The weight of the word sl_html_hint.worst names. */
int sl_html_hint_weight(int worst);
/* What a class or id value says. */
sl_html_hint sl_html_hint_of(const char *value, size_t len);
/* ASCII case-insensitive search of `needle` (lower case) in s[0..len). */
const char *sl_html_find_ci(const char *s, size_t len, const char *needle);
/* Exact search of needle[0..n) in s[0..len); NULL when absent or n is 0. */
const char *sl_html_find_bytes(const char *s, size_t len, const char *needle, size_t n);

/* ---- charset ------------------------------------------------------------- */

typedef struct sl_html_decoded {
    sl_rewrite rw;           /* out = UTF-8 page, segs = map to page bytes */
    char charset[32];        /* the charset used, lower case */
    const char *from;        /* "bom", "http", "meta", "detected", "default" */
} sl_html_decoded;

/* Decode `page` to valid UTF-8 without NUL bytes. */
int sl_html_decode(sl_ctx *ctx, const char *page, size_t len, const char *hint,
                   sl_html_decoded *out);

/* ---- tree ---------------------------------------------------------------- */

enum {
    HN_HIDDEN = 1u << 0,     /* this subtree never reaches text */
    HN_LINK = 1u << 1,       /* inside <a href> */
    HN_BOILER = 1u << 2,     /* class, id, role or tag says boilerplate */
    HN_GOOD = 1u << 3,       /* class, id or itemprop says article body */
    HN_BYLINE = 1u << 4,     /* class, id, rel or itemprop says author */
    HN_CAPTION = 1u << 5,    /* figcaption, or caption-like class */
    HN_COPY = 1u << 6,       /* text node: bytes copied one to one */
    HN_ARTICLE_BODY = 1u << 7, /* itemprop=articleBody or similar strong sign */
    HN_DATE = 1u << 8,       /* class or itemprop says date */
    HN_NAMED_GOOD = 1u << 9, /* class or id has an article-like word too */
    HN_HOLDS_MAIN = 1u << 10, /* has <main> or itemprop=articleBody below (score.c) */
    HN_STRONG_GOOD = 1u << 11 /* class or id has a word that names the article itself
                                 ("article", "entry", "story"), not a mere "content" */
};

typedef struct sl_hnode {
    uint32_t parent, first, last, next; /* 0 = none; node 0 is the root */
    uint16_t tag, flags;
    int16_t hint;            /* class/id weight */
    uint16_t depth;
    uint32_t text, text_len; /* text node: bytes in tree.chars */
    size_t raw, raw_len;     /* text node: bytes of the UTF-8 page */
    /* measures (score.c), for elements */
    uint32_t chars, link_chars, paras, commas;
    float score;
    uint8_t worst;           /* sl_html_hint.worst of its class, else of its id */
} sl_hnode;

/* What the page says about itself, gathered while parsing. */
typedef struct sl_html_meta_item {
    int kind;                /* HM_* */
    int prio;                /* lower is better within a kind */
    const char *label;       /* where it came from, e.g. "og:title" */
    uint32_t text, text_len; /* bytes in tree.chars */
    size_t raw;              /* where in the UTF-8 page */
    uint32_t node;           /* element it belongs to (time, rel=author), or 0 */
} sl_html_meta_item;

enum {
    HM_OG_TITLE = 1, HM_TITLE, HM_AUTHOR, HM_PUBLISHED, HM_JSONLD, HM_TIME, HM_URL, HM_ITEM_DATE,
    HM_SITE, HM_DESCRIPTION, HM_LANG
};

/* Class and id values repeat a lot within a page; what they say is
 * remembered by hash. */
#define SL_HTML_HINT_CACHE 512
typedef struct sl_html_hint_slot {
    uint64_t hash;           /* 0 = empty */
    sl_html_hint hint;
} sl_html_hint_slot;

typedef struct sl_html_tree {
    sl_ctx *ctx;
    sl_html_hint_slot hint_cache[SL_HTML_HINT_CACHE];
    uint32_t worst_uses[SL_HTML_MAX_HINTS]; /* elements whose worst word it is */
    uint32_t named;          /* elements with a class or id */
    sl_hnode *nodes;
    size_t n_nodes, cap_nodes;
    sl_buf chars;            /* text of text nodes, attribute values kept */
    sl_html_meta_item *meta;
    size_t n_meta, cap_meta;
    uint32_t *stack;         /* open elements while parsing */
    size_t n_stack, cap_stack;
    int err;                 /* first error during parsing */
    int in_title, in_jsonld; /* collecting <title> / JSON-LD text */
    size_t last_pos;         /* page byte after the previous event */
    const char *page;        /* the UTF-8 page */
    size_t page_len;
    void *parser;            /* libxml2 parser context while parsing */
} sl_html_tree;

void sl_html_tree_init(sl_html_tree *t, sl_ctx *ctx);
void sl_html_tree_release(sl_html_tree *t);
/* Parse the UTF-8 page (from sl_html_decode). */
int sl_html_tree_parse(sl_html_tree *t, const char *page, size_t len);

/* ---- scoring and emission ------------------------------------------------- */

/* What sl_html_choose says of each node. */
enum {
    KEEP_NO = 0,
    KEEP_TEXT = 1,           /* the article's text */
    KEEP_AROUND = 2          /* in the article but not its text: byline, date,
                                author box; the metadata still looks there */
};

/* Measure the tree and choose what to keep: sets *keep (array of n_nodes
 * KEEP_* values). */
int sl_html_choose(sl_html_tree *t, uint8_t **keep, size_t *cap_keep);

typedef struct sl_html_piece {
    size_t start, len;       /* in text, or in the caption buffer */
    size_t raw, raw_len;     /* in the UTF-8 page */
} sl_html_piece;

typedef struct sl_html_emit {
    sl_buf text;
    sl_map_seg *map;         /* text → UTF-8 page */
    size_t n_map, cap_map;
    sl_buf caps;             /* caption texts, one after another */
    sl_html_piece *captions; /* start/len in caps, raw range in the page */
    size_t n_captions, cap_captions;
} sl_html_emit;

void sl_html_emit_init(sl_html_emit *e, sl_ctx *ctx);
void sl_html_emit_reset(sl_html_emit *e);
void sl_html_emit_release(sl_html_emit *e, sl_ctx *ctx);
/* Write the text of kept elements, captions apart. */
int sl_html_emit_text(sl_html_emit *e, const sl_html_tree *t, const uint8_t *keep);
/* Whitespace-collapsed text of the subtree at `node` into `out`, and the
 * raw range it spans. */
int sl_html_node_text(const sl_html_tree *t, uint32_t node, sl_buf *out, size_t *raw,
                      size_t *raw_end);

/* ---- metadata -------------------------------------------------------------- */

typedef struct sl_html_found {
    sl_buf text;
    size_t raw, raw_end;     /* in the UTF-8 page; equal when not from it */
    const char *from;        /* static label, NULL when nothing was found */
} sl_html_found;

typedef struct sl_html_meta {
    sl_html_found title, byline, published, url;
    sl_html_found description; /* og:description or the description meta */
    int date_order;          /* DATE_* for numeric dates with slashes, from <html lang> */
} sl_html_meta;

/* How a numeric date "10/05/2022" reads: day first, month first, or not
 * known (then only a form that cannot be misread is taken). */
enum { DATE_ORDER_UNKNOWN = 0, DATE_DAY_FIRST = 1, DATE_MONTH_FIRST = 2 };

void sl_html_meta_init(sl_html_meta *m, sl_ctx *ctx);
void sl_html_meta_reset(sl_html_meta *m);
void sl_html_meta_release(sl_html_meta *m);
int sl_html_find_meta(sl_html_meta *m, const sl_html_tree *t, const uint8_t *keep,
                      const char *url, size_t url_len);
/* "YYYY-MM-DD" or a longer ISO 8601 prefix of s when it starts with a date
 * (or holds one in a common numeric form); 0 when it does not. */
size_t sl_html_iso_date(const char *s, size_t len, char out[40]);
/* The same, also reading "DD/MM/YYYY" or "MM/DD/YYYY" (with "-" or "."
 * too, and an optional "HH:MM[:SS] [am|pm]" time, kept without a zone):
 * `order` (DATE_*) says which; with DATE_ORDER_UNKNOWN only a date whose
 * order cannot be misread (a part above 12, or day equal to month) is
 * taken. */
size_t sl_html_date_ordered(const char *s, size_t len, int order, char out[40]);
/* DATE_* for a language tag: "en-US" month first; English with another
 * region and the languages that write the day first (de, es, fr...) day
 * first; "en" alone, other languages and odd tags unknown. */
int sl_html_date_order_of_lang(const char *lang, size_t len);

#endif
