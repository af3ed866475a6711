/* Parse a page with libxml2's HTML parser into our own compact tree.
 *
 * We listen to the parser's SAX events instead of asking it for its DOM:
 * the DOM forgets where text came from, while during an event the parser's
 * read position tells which page bytes the event covered, so every text
 * node keeps its byte range.  Our nodes also live in one array allocated
 * through the context (fault injection reaches them) and are half the
 * size of libxml2's.  The page given here is already valid UTF-8. */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <xxhash.h>
#include <libxml/parserInternals.h>
#include <string.h>

void sl_html_tree_init(sl_html_tree *t, sl_ctx *ctx)
{
    memset(t, 0, sizeof *t);
    t->ctx = ctx;
    sl_buf_init(&t->chars, ctx);
}

void sl_html_tree_release(sl_html_tree *t)
{
    sl_free(t->ctx, t->nodes);
    sl_free(t->ctx, t->meta);
    sl_free(t->ctx, t->stack);
    sl_buf_release(&t->chars);
    sl_ctx *ctx = t->ctx;
    memset(t, 0, sizeof *t);
    t->ctx = ctx;
    sl_buf_init(&t->chars, ctx);
}

/* Stop the parser after the first error (out of memory): nothing more
 * can be stored. */
static void fail(sl_html_tree *t, int rc)
{
    if (!t->err)
        t->err = rc;
    if (t->parser)
        xmlStopParser((xmlParserCtxtPtr)t->parser);
}

static size_t parser_pos(const sl_html_tree *t)
{
    const xmlParserCtxt *p = t->parser;
    if (!p || !p->input || !p->input->cur || !p->input->base)
        return t->last_pos;
    size_t pos = (size_t)p->input->consumed + (size_t)(p->input->cur - p->input->base);
    return pos > t->page_len ? t->page_len : pos;
}

static uint32_t current(const sl_html_tree *t)
{
    return t->n_stack ? t->stack[t->n_stack - 1] : 0;
}

static uint32_t add_node(sl_html_tree *t, int tag)
{
    if (t->n_nodes >= UINT32_MAX - 1) {
        fail(t, sl_error(t->ctx, SL_ELIMIT, "page has too many HTML nodes"));
        return 0;
    }
    int rc = sl_grow(t->ctx, (void **)&t->nodes, &t->cap_nodes, t->n_nodes + 1, sizeof *t->nodes);
    if (rc) {
        fail(t, rc);
        return 0;
    }
    uint32_t id = (uint32_t)t->n_nodes++;
    sl_hnode *n = &t->nodes[id];
    memset(n, 0, sizeof *n);
    n->tag = (uint16_t)tag;
    if (id == 0)
        return id;
    uint32_t parent = current(t);
    sl_hnode *p = &t->nodes[parent];
    n->parent = parent;
    n->depth = p->depth < UINT16_MAX ? (uint16_t)(p->depth + 1) : UINT16_MAX;
    n->flags = p->flags & (HN_HIDDEN | HN_LINK);
    if (p->last)
        t->nodes[p->last].next = id;
    else
        p->first = id;
    p->last = id;
    return id;
}

static int add_meta(sl_html_tree *t, int kind, int prio, const char *label, const char *text,
                    size_t len, uint32_t node)
{
    if (len > 4096)
        len = 4096; /* a meta value longer than this is not a title or a date */
    int rc = sl_grow(t->ctx, (void **)&t->meta, &t->cap_meta, t->n_meta + 1, sizeof *t->meta);
    if (rc)
        return rc;
    size_t at = t->chars.len;
    if ((rc = sl_buf_append(&t->chars, text, len)) != 0)
        return rc;
    t->meta[t->n_meta++] = (sl_html_meta_item){ kind, prio, label, (uint32_t)at, (uint32_t)len,
                                                t->last_pos, node };
    return SL_OK;
}

static int eq_ci(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char c = *a;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *b)
            return 0;
    }
    return *a == *b;
}

typedef struct meta_name {
    const char *name;
    int kind;
} meta_name;

/* <meta name|property|itemprop=...>: what each name means, best first
 * within a kind. */
static const meta_name meta_names[] = {
    { "og:title", HM_OG_TITLE }, { "twitter:title", HM_OG_TITLE },
    { "dc.title", HM_OG_TITLE }, { "headline", HM_OG_TITLE },
    { "author", HM_AUTHOR }, { "article:author", HM_AUTHOR }, { "dc.creator", HM_AUTHOR },
    { "byl", HM_AUTHOR }, { "sailthru.author", HM_AUTHOR }, { "parsely-author", HM_AUTHOR },
    { "dcterms.creator", HM_AUTHOR }, { "twitter:creator", HM_AUTHOR },
    { "article:published_time", HM_PUBLISHED }, { "og:article:published_time", HM_PUBLISHED },
    { "datepublished", HM_PUBLISHED }, { "article.published", HM_PUBLISHED },
    { "published_time", HM_PUBLISHED }, { "parsely-pub-date", HM_PUBLISHED },
    { "sailthru.date", HM_PUBLISHED }, { "pubdate", HM_PUBLISHED },
    { "publishdate", HM_PUBLISHED }, { "publish-date", HM_PUBLISHED },
    { "dc.date.issued", HM_PUBLISHED }, { "dcterms.issued", HM_PUBLISHED },
    { "dcterms.created", HM_PUBLISHED }, { "dc.date", HM_PUBLISHED },
    { "dcterms.date", HM_PUBLISHED }, { "date", HM_PUBLISHED }, { "og:pubdate", HM_PUBLISHED },
    { "article:modified_time", HM_PUBLISHED }, { "og:updated_time", HM_PUBLISHED },
    { "datemodified", HM_PUBLISHED }, { "last-modified", HM_PUBLISHED },
    { "og:url", HM_URL }, { "og:site_name", HM_SITE }, { "application-name", HM_SITE },
    { "og:description", HM_DESCRIPTION }, { "description", HM_DESCRIPTION },
    { "twitter:description", HM_DESCRIPTION }, { "dc.description", HM_DESCRIPTION },
};

static void meta_tag(sl_html_tree *t, const xmlChar **atts)
{
    const char *name = NULL, *content = NULL;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *a = (const char *)atts[i], *v = (const char *)atts[i + 1];
        if (!v)
            continue;
        if (eq_ci(a, "name") || eq_ci(a, "property") || eq_ci(a, "itemprop") ||
            eq_ci(a, "http-equiv"))
            name = name ? name : v;
        else if (eq_ci(a, "content"))
            content = v;
    }
    if (!name || !content)
        return;
    for (size_t i = 0; i < sizeof meta_names / sizeof meta_names[0]; i++) {
        if (eq_ci(name, meta_names[i].name)) {
            int rc = add_meta(t, meta_names[i].kind, (int)i, meta_names[i].name, content,
                              strlen(content), 0);
            if (rc)
                fail(t, rc);
            return;
        }
    }
}

static int style_hides(const char *v)
{
    char squeezed[256];
    size_t n = 0;
    for (; *v && n < sizeof squeezed - 1; v++)
        if (*v != ' ' && *v != '\t' && *v != '\n' && *v != '\r')
            squeezed[n++] = *v;
    return sl_html_find_ci(squeezed, n, "display:none") != NULL ||
           sl_html_find_ci(squeezed, n, "visibility:hidden") != NULL;
}

static int role_is_boiler(const char *v)
{
    static const char *const roles[] = { "navigation", "menu", "menubar", "complementary",
                                         "contentinfo", "banner", "search", "dialog",
                                         "alertdialog", "toolbar", "tablist" };
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (eq_ci(v, roles[i]))
            return 1;
    return 0;
}

static sl_html_hint cached_hint(sl_html_tree *t, const char *v, size_t len)
{
    uint64_t h = XXH3_64bits(v, len) | 1;
    sl_html_hint_slot *slot = &t->hint_cache[h % SL_HTML_HINT_CACHE];
    if (slot->hash != h) {
        slot->hash = h;
        slot->hint = sl_html_hint_of(v, len);
    }
    return slot->hint;
}

/* Read the attributes that matter into the node's flags and hint. */
static void read_attributes(sl_html_tree *t, uint32_t id, const xmlChar **atts)
{
    sl_hnode *n = &t->nodes[id];
    int hint = 0, named = 0;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *a = (const char *)atts[i], *v = (const char *)atts[i + 1];
        if (eq_ci(a, "hidden")) {
            n->flags |= HN_HIDDEN;
            continue;
        }
        if (!v)
            continue;
        size_t vlen = strlen(v);
        if (eq_ci(a, "class") || eq_ci(a, "id")) {
            sl_html_hint h = cached_hint(t, v, vlen);
            hint += h.weight;
            if (h.worst && (!n->worst || sl_html_hint_weight(h.worst) <
                                             sl_html_hint_weight(n->worst)))
                n->worst = (uint8_t)h.worst;
            named = 1;
            if (h.good >= 15)
                n->flags |= HN_NAMED_GOOD;
            if (h.good >= 20)
                n->flags |= HN_STRONG_GOOD;
            if (h.kinds & HINT_BYLINE)
                n->flags |= HN_BYLINE;
            if (h.kinds & HINT_CAPTION)
                n->flags |= HN_CAPTION;
            if (h.kinds & HINT_DATE)
                n->flags |= HN_DATE;
        } else if (eq_ci(a, "aria-hidden") && eq_ci(v, "true")) {
            n->flags |= HN_HIDDEN;
        } else if (eq_ci(a, "style") && style_hides(v)) {
            n->flags |= HN_HIDDEN;
        } else if (eq_ci(a, "role")) {
            if (role_is_boiler(v))
                n->flags |= HN_BOILER;
            else if (eq_ci(v, "main") || eq_ci(v, "article"))
                n->flags |= HN_GOOD;
        } else if (eq_ci(a, "itemprop")) {
            if (eq_ci(v, "articlebody") || eq_ci(v, "text") || eq_ci(v, "reviewbody"))
                n->flags |= HN_ARTICLE_BODY | HN_GOOD;
            else if (eq_ci(v, "author") || eq_ci(v, "creator"))
                n->flags |= HN_BYLINE;
            else if (eq_ci(v, "datepublished"))
                n->flags |= HN_DATE;
        } else if (eq_ci(a, "rel") && sl_html_find_ci(v, vlen, "author")) {
            n->flags |= HN_BYLINE;
        } else if (eq_ci(a, "href") && n->tag == HT_A) {
            n->flags |= HN_LINK;
        }
    }
    t->named += (uint32_t)named;
    if (n->worst)
        t->worst_uses[n->worst]++;
    if (hint > INT16_MAX)
        hint = INT16_MAX;
    if (hint < INT16_MIN)
        hint = INT16_MIN;
    n->hint = (int16_t)hint;
}

/* Values kept for the metadata: <time datetime>, itemprop=datePublished
 * content, <link rel=canonical>, JSON-LD scripts. */
static void special_tags(sl_html_tree *t, uint32_t id, int tag, const xmlChar **atts)
{
    const char *datetime = NULL, *content = NULL, *rel = NULL, *href = NULL, *type = NULL,
               *lang = NULL;
    int published = 0;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *a = (const char *)atts[i], *v = (const char *)atts[i + 1];
        if (!v)
            continue;
        if (eq_ci(a, "datetime"))
            datetime = v;
        else if (eq_ci(a, "content"))
            content = v;
        else if (eq_ci(a, "rel"))
            rel = v;
        else if (eq_ci(a, "href"))
            href = v;
        else if (eq_ci(a, "type"))
            type = v;
        else if (eq_ci(a, "lang"))
            lang = v;
        else if (eq_ci(a, "itemprop") && eq_ci(v, "datepublished"))
            published = 1;
        else if (eq_ci(a, "pubdate"))
            published = 1;
    }
    int rc = SL_OK;
    if (tag == HT_META) {
        meta_tag(t, atts);
    } else if (tag == HT_LINK && rel && href && eq_ci(rel, "canonical")) {
        rc = add_meta(t, HM_URL, 100, "link:canonical", href, strlen(href), 0);
    } else if (tag == HT_SCRIPT && type && eq_ci(type, "application/ld+json")) {
        t->in_jsonld = 1;
        rc = add_meta(t, HM_JSONLD, 0, "json-ld", "", 0, id);
    } else if (published && (datetime || content)) {
        const char *v = datetime ? datetime : content;
        rc = add_meta(t, HM_ITEM_DATE, 0, "itemprop:datePublished", v, strlen(v), id);
    } else if (tag == HT_HTML && lang) {
        rc = add_meta(t, HM_LANG, 0, "html:lang", lang, strlen(lang), id);
    } else if (tag == HT_TIME && datetime) {
        rc = add_meta(t, HM_TIME, 0, "time", datetime, strlen(datetime), id);
    }
    if (rc)
        fail(t, rc);
}

static void on_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
    sl_html_tree *t = ud;
    if (t->err)
        return;
    size_t pos = parser_pos(t);
    /* The parser stops at the '>' (or "/>") of the start tag. */
    if (pos < t->page_len && t->page[pos] == '/')
        pos++;
    if (pos < t->page_len && t->page[pos] == '>')
        pos++;
    t->last_pos = pos;
    int tag = strlen((const char *)name) < 16 ? sl_html_tag_id((const char *)name) : HT_OTHER;
    uint32_t id = add_node(t, tag);
    if (t->err)
        return;
    unsigned tf = sl_html_tag_flags(tag);
    if (tf & HTAG_SKIP)
        t->nodes[id].flags |= HN_HIDDEN;
    if (tf & HTAG_BOILER)
        t->nodes[id].flags |= HN_BOILER;
    if (tag == HT_FIGCAPTION || tag == HT_CAPTION)
        t->nodes[id].flags |= HN_CAPTION;
    read_attributes(t, id, atts);
    special_tags(t, id, tag, atts);
    if (tag == HT_TITLE && !t->in_title)
        t->in_title = (int)id;
    int rc = sl_grow(t->ctx, (void **)&t->stack, &t->cap_stack, t->n_stack + 1, sizeof *t->stack);
    if (rc) {
        fail(t, rc);
        return;
    }
    t->stack[t->n_stack++] = id;
}

static void close_node(sl_html_tree *t, uint32_t id)
{
    if ((int)id == t->in_title) {
        t->in_title = 0;
        sl_hnode *n = &t->nodes[id];
        /* The title's text node(s) were stored; the first one is enough. */
        if (n->first && t->nodes[n->first].tag == HT_TEXT) {
            const sl_hnode *x = &t->nodes[n->first];
            int rc = sl_grow(t->ctx, (void **)&t->meta, &t->cap_meta, t->n_meta + 1,
                             sizeof *t->meta);
            if (rc)
                fail(t, rc);
            else
                t->meta[t->n_meta++] = (sl_html_meta_item){ HM_TITLE, 0, "title", x->text,
                                                            x->text_len, x->raw, id };
        }
    }
    if (t->nodes[id].tag == HT_SCRIPT)
        t->in_jsonld = 0;
}

static void on_end(void *ud, const xmlChar *name)
{
    sl_html_tree *t = ud;
    if (t->err)
        return;
    t->last_pos = parser_pos(t);
    int tag = strlen((const char *)name) < 16 ? sl_html_tag_id((const char *)name) : HT_OTHER;
    size_t k = t->n_stack;
    while (k > 0 && t->nodes[t->stack[k - 1]].tag != tag)
        k--;
    if (k == 0)
        return; /* an end tag with nothing open to close */
    while (t->n_stack >= k) {
        close_node(t, t->stack[t->n_stack - 1]);
        t->n_stack--;
    }
}

/* The page bytes a piece of text came from: the text itself when the
 * bytes are there (copied), else what the parser read since the last
 * event (an entity reference). */
static void locate(sl_html_tree *t, const char *ch, size_t len, size_t *raw, size_t *raw_len,
                   int *copy)
{
    size_t end = parser_pos(t), start = t->last_pos;
    if (start + len <= t->page_len && memcmp(t->page + start, ch, len) == 0 &&
        !(t->page[start] == '&' && end > start + len)) {
        *copy = 1;
        end = start + len;
    } else if (end >= len && end - len >= start && memcmp(t->page + end - len, ch, len) == 0) {
        *copy = 1;
        start = end - len;
    } else {
        *copy = 0;
        if (end < start)
            end = start;
    }
    *raw = start;
    *raw_len = end - start;
    t->last_pos = end;
}

static void on_text(void *ud, const xmlChar *ch, int len)
{
    sl_html_tree *t = ud;
    if (t->err || len <= 0)
        return;
    size_t raw, raw_len;
    int copy;
    locate(t, (const char *)ch, (size_t)len, &raw, &raw_len, &copy);
    uint32_t parent = current(t);
    if ((t->nodes[parent].flags & HN_HIDDEN) && !t->in_title)
        return;
    if (t->chars.len + (size_t)len >= UINT32_MAX) {
        fail(t, sl_error(t->ctx, SL_ELIMIT, "page has too much text"));
        return;
    }
    size_t at = t->chars.len;
    int rc = sl_buf_append(&t->chars, ch, (size_t)len);
    if (rc) {
        fail(t, rc);
        return;
    }
    uint32_t id = add_node(t, HT_TEXT);
    if (t->err)
        return;
    sl_hnode *n = &t->nodes[id];
    n->text = (uint32_t)at;
    n->text_len = (uint32_t)len;
    n->raw = raw;
    n->raw_len = raw_len;
    if (copy)
        n->flags |= HN_COPY;
}

/* Script and style content arrives here; only JSON-LD is kept. */
static void on_cdata(void *ud, const xmlChar *ch, int len)
{
    sl_html_tree *t = ud;
    t->last_pos = parser_pos(t);
    if (t->err || !t->in_jsonld || len <= 0 || t->n_meta == 0)
        return;
    sl_html_meta_item *m = &t->meta[t->n_meta - 1];
    if (m->kind != HM_JSONLD || m->text + m->text_len != t->chars.len || m->text_len > (1u << 20))
        return;
    int rc = sl_buf_append(&t->chars, ch, (size_t)len);
    if (rc)
        fail(t, rc);
    else
        m->text_len += (uint32_t)len;
}

static void on_other(void *ud, const xmlChar *value)
{
    sl_html_tree *t = ud;
    t->last_pos = parser_pos(t);
}

static void on_pi(void *ud, const xmlChar *target, const xmlChar *data)
{
    sl_html_tree *t = ud;
    t->last_pos = parser_pos(t);
}

static void quiet(void *ud, const char *msg, ...) {}
static void quiet_structured(void *ud, xmlErrorPtr error) {}

int sl_html_tree_parse(sl_html_tree *t, const char *page, size_t len)
{
    t->n_nodes = t->n_meta = t->n_stack = 0;
    t->err = 0;
    t->in_title = t->in_jsonld = 0;
    t->last_pos = 0;
    memset(t->hint_cache, 0, sizeof t->hint_cache);
    memset(t->worst_uses, 0, sizeof t->worst_uses);
    t->named = 0;
    t->page = page;
    t->page_len = len;
    sl_buf_reset(&t->chars);
    if (len > INT32_MAX)
        return sl_error(t->ctx, SL_ELIMIT, "page of %zu bytes is too large to parse", len);
    add_node(t, HT_ROOT);
    if (t->err)
        return t->err;
    if (len == 0)
        return SL_OK;
    htmlParserCtxtPtr p = htmlCreateMemoryParserCtxt(page, (int)len);
    if (!p)
        return sl_oom(t->ctx);
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_cdata;
    sax.comment = on_other;
    sax.processingInstruction = on_pi;
    sax.warning = quiet;
    sax.error = quiet;
    sax.fatalError = quiet;
    sax.serror = quiet_structured;
    sax.initialized = XML_SAX2_MAGIC;
    memcpy(p->sax, &sax, sizeof sax);
    /* The page is UTF-8 already; without this the parser would take bytes
     * above 0x7F for Latin-1 when the page declares nothing. */
    xmlSwitchEncoding(p, XML_CHAR_ENCODING_UTF8);
    p->userData = t;
    htmlCtxtUseOptions(p, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                              HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC |
                              HTML_PARSE_NODEFDTD);
    p->sax->serror = quiet_structured; /* the options may reset the handlers */
    t->parser = p;
    htmlParseDocument(p);
    t->parser = NULL;
    if (p->myDoc)
        xmlFreeDoc(p->myDoc);
    htmlFreeParserCtxt(p);
    while (t->n_stack > 0 && !t->err) {
        close_node(t, t->stack[t->n_stack - 1]);
        t->n_stack--;
    }
    t->n_stack = 0;
    return t->err;
}
