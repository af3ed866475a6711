/* Choosing the article: measure every element, score the containers of
 * running text, pick the best one and the siblings that continue it, then
 * leave out what looks like boilerplate inside.
 *
 * Node ids are in document order and a parent always comes before its
 * children, so a backward pass over the array sums children into parents
 * and a forward pass passes decisions down to descendants. */
#include "html.h"

#include <string.h>

/* A block of text shorter than this does not count as a paragraph. */
#define MIN_PARA_CHARS 25
/* A mixed name ("content" and "share") with this many paragraphs is not
 * boilerplate. */
#define MIXED_MIN_PARAS 3
/* Headings or lines ending in ':' dropped from the end of the article, at
 * most this many, each at most this long. */
#define TRAILING_ROUNDS 2
#define LEAD_IN_MAX_CHARS 80
/* How far above the best candidate the element holding the story is
 * looked for, and how much link text it may have. */
#define CLIMB_LEVELS 8
#define CLIMB_MAX_LINKS 0.35f

static int is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0 ||
           cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B);
}

static int is_comma_cp(int32_t cp)
{
    return cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == 0x3002 || cp == 0x060C;
}

/* Count non-space characters and commas of every visible text node. */
static void measure_text(sl_html_tree *t)
{
    for (size_t i = 0; i < t->n_nodes; i++) {
        sl_hnode *n = &t->nodes[i];
        n->chars = n->link_chars = n->paras = n->commas = 0;
        n->score = 0;
        if (n->tag != HT_TEXT || (n->flags & HN_HIDDEN))
            continue;
        const char *s = t->chars.ptr + n->text;
        size_t len = n->text_len, k = 0;
        uint32_t chars = 0, commas = 0;
        while (k < len) {
            size_t adv;
            int32_t cp = sl_utf8_decode(s + k, len - k, &adv);
            k += adv;
            if (is_space_cp(cp))
                continue;
            chars++;
            if (is_comma_cp(cp))
                commas++;
        }
        n->chars = chars;
        n->commas = commas;
        if (n->flags & HN_LINK)
            n->link_chars = chars;
    }
}

static uint32_t block_of(const sl_html_tree *t, uint32_t id)
{
    uint32_t p = t->nodes[id].parent;
    while (p && !(sl_html_tag_flags(t->nodes[p].tag) & HTAG_BLOCK))
        p = t->nodes[p].parent;
    return p;
}

/* Direct text of each block (inline descendants included) in `direct`,
 * then totals of whole subtrees in the nodes. */
static void sum_up(sl_html_tree *t, uint32_t *direct, uint32_t *direct_links)
{
    for (size_t i = t->n_nodes; i-- > 1;) {
        sl_hnode *n = &t->nodes[i];
        if (n->flags & HN_HIDDEN)
            continue;
        if (n->tag == HT_TEXT && n->chars) {
            uint32_t b = block_of(t, (uint32_t)i);
            direct[b] += n->chars;
            direct_links[b] += n->link_chars;
        }
        sl_hnode *p = &t->nodes[n->parent];
        if (n->tag == HT_MAIN || (n->flags & (HN_ARTICLE_BODY | HN_HOLDS_MAIN)))
            p->flags |= HN_HOLDS_MAIN;
        p->chars += n->chars;
        p->link_chars += n->link_chars;
        p->commas += n->commas;
        p->paras += n->paras;
        if (n->tag != HT_TEXT && direct[i] >= MIN_PARA_CHARS && direct_links[i] * 2 < direct[i])
            p->paras++;
    }
}

static float link_density(const sl_hnode *n)
{
    return n->chars ? (float)n->link_chars / (float)n->chars : 0.0f;
}

static int tag_bonus(int tag)
{
    switch (tag) {
    case HT_ARTICLE: return 10;
    case HT_DIV: case HT_MAIN: case HT_SECTION: return 5;
    case HT_PRE: case HT_TD: case HT_BLOCKQUOTE: return 3;
    case HT_ADDRESS: case HT_OL: case HT_UL: case HT_DL: case HT_DD: case HT_DT: case HT_LI:
    case HT_FORM: return -3;
    case HT_H1: case HT_H2: case HT_H3: case HT_H4: case HT_H5: case HT_H6: case HT_TH:
        return -5;
    default: return 0;
    }
}

/* A name with an article word and a boilerplate word at once
 * ("documentContent sharingContainer") is not boilerplate when the element
 * holds several paragraphs of unlinked prose: share bars, menus and
 * footers do not. */
static int mixed_name_with_prose(const sl_hnode *n)
{
    return (n->flags & HN_NAMED_GOOD) && n->paras >= MIXED_MIN_PARAS &&
           n->link_chars * 10 < n->chars;
}

/* Is this element boilerplate by its tag, role, class or id?  An element
 * that holds most of the page's paragraphs is not, whatever its name
 * says (wrappers named "page-with-sidebar"). */
static int looks_boiler(const sl_html_tree *t, uint32_t id, uint32_t total_paras)
{
    const sl_hnode *n = &t->nodes[id];
    if (n->tag == HT_BODY || n->tag == HT_HTML || n->tag == HT_MAIN || n->tag == HT_ROOT)
        return 0;
    if (n->flags & (HN_GOOD | HN_ARTICLE_BODY | HN_HOLDS_MAIN))
        return 0;
    if (!(n->flags & HN_BOILER) && n->hint > -25)
        return 0;
    if (!(n->flags & HN_BOILER) && mixed_name_with_prose(n))
        return 0;
    if (total_paras >= 3 && n->paras * 2 > total_paras)
        return 0;
    return 1;
}

/* An element named like the article body ("post hentry", itemprop
 * articleBody) with running text is not boilerplate just because a
 * wrapper's name says so ("sidebar_content" around the whole story); a
 * wrapper that is boilerplate by its tag or role (nav, aside, footer) still
 * holds only boilerplate. */
static int escapes_named_boiler(const sl_html_tree *t, uint32_t id)
{
    const sl_hnode *n = &t->nodes[id];
    int named_body = (n->flags & HN_ARTICLE_BODY) ||
                     ((n->flags & HN_STRONG_GOOD) && n->hint > 0) ||
                     (n->tag == HT_ARTICLE && n->hint >= 0);
    return named_body && n->paras >= 2 && n->chars >= 400 && link_density(n) < 0.3f;
}

/* 0: not boilerplate; BOILER_NAME: by an ancestor's (or its own) class or
 * id only; BOILER_TAG: by a tag or role. */
enum { BOILER_NAME = 1, BOILER_TAG = 2 };

static uint8_t boiler_state(const sl_html_tree *t, uint32_t id, uint8_t parent,
                            uint32_t total_paras)
{
    if (parent == BOILER_TAG || (parent == BOILER_NAME && !escapes_named_boiler(t, id)))
        return parent;
    if (!looks_boiler(t, id, total_paras))
        return 0;
    return (t->nodes[id].flags & HN_BOILER) ? BOILER_TAG : BOILER_NAME;
}

/* Readability-style propagation: each paragraph gives its score to its
 * parent, half to the grandparent and less further up. */
static void score_paragraphs(sl_html_tree *t, const uint32_t *direct, const uint32_t *direct_links,
                             const uint8_t *boiler)
{
    for (size_t i = 1; i < t->n_nodes; i++) {
        const sl_hnode *n = &t->nodes[i];
        if (n->tag == HT_TEXT || (n->flags & HN_HIDDEN) || boiler[i])
            continue;
        if (direct[i] < MIN_PARA_CHARS || direct_links[i] * 2 >= direct[i])
            continue;
        float s = 1.0f + (float)n->commas;
        float len_bonus = (float)direct[i] / 100.0f;
        s += len_bonus < 3.0f ? len_bonus : 3.0f;
        uint32_t a = n->parent;
        for (int level = 0; a && level < 5; level++, a = t->nodes[a].parent) {
            float share = level == 0 ? 1.0f : level == 1 ? 0.5f : 1.0f / (float)(level * 3);
            t->nodes[a].score += s * share;
        }
    }
}

static float final_score(const sl_html_tree *t, uint32_t id)
{
    const sl_hnode *n = &t->nodes[id];
    float s = n->score + (float)tag_bonus(n->tag) + (float)n->hint;
    if (n->flags & HN_ARTICLE_BODY)
        s += 30.0f;
    else if (n->flags & HN_GOOD)
        s += 15.0f;
    return s * (1.0f - link_density(n));
}

static uint32_t best_candidate(const sl_html_tree *t, const uint8_t *boiler, float *best_score)
{
    uint32_t best = 0;
    float top = 0.0f;
    for (size_t i = 1; i < t->n_nodes; i++) {
        const sl_hnode *n = &t->nodes[i];
        /* Names and tags only adjust the score of what holds paragraphs. */
        if (n->tag == HT_TEXT || n->score < 1.0f || boiler[i] || (n->flags & HN_HIDDEN))
            continue;
        float s = final_score(t, (uint32_t)i);
        if (s > top) {
            top = s;
            best = (uint32_t)i;
        }
    }
    *best_score = top;
    return best;
}

/* A candidate that is its parent's only element with text stands for
 * the parent; go up so siblings of the whole article can be judged. */
static uint32_t widen(const sl_html_tree *t, uint32_t best)
{
    while (best && t->nodes[best].parent) {
        uint32_t p = t->nodes[best].parent;
        if (t->nodes[p].tag == HT_BODY || t->nodes[p].tag == HT_HTML)
            break;
        if (t->nodes[p].chars > t->nodes[best].chars + t->nodes[best].chars / 10 + 10)
            break;
        best = p;
    }
    return best;
}

/* The story's <article> element a little above the candidate holds its
 * headline, lead and byline too, often in a header beside the body: take
 * it whole (what is boilerplate inside is left out later). */
static uint32_t enclosing_article(const sl_html_tree *t, uint32_t best, const uint8_t *boiler)
{
    uint32_t a = t->nodes[best].parent;
    for (int level = 0; a && level < 3; level++, a = t->nodes[a].parent) {
        const sl_hnode *n = &t->nodes[a];
        if (n->tag != HT_ARTICLE)
            continue;
        if (boiler[a] || n->hint < 0 || n->chars > 2 * t->nodes[best].chars ||
            link_density(n) > 0.3f)
            break;
        return a;
    }
    return best;
}

/* Unlinked text of an element. */
static uint32_t plain_chars(const sl_hnode *n)
{
    return n->chars > n->link_chars ? n->chars - n->link_chars : 0;
}

/* Page builders wrap every paragraph in three or four elements of its own
 * ("column > wrapper > text-block > p"), so the element that holds the
 * whole story gets little of each paragraph's score and a lead paragraph
 * with an article-like name can win.  An ancestor a few levels up that
 * holds several times the candidate's paragraphs and plain text, with
 * little link text, is the story. */
static uint32_t climb_to_story(const sl_html_tree *t, uint32_t best, const uint8_t *boiler)
{
    uint32_t a = t->nodes[best].parent;
    for (int level = 0; a && level < CLIMB_LEVELS; level++, a = t->nodes[a].parent) {
        const sl_hnode *n = &t->nodes[a], *b = &t->nodes[best];
        if (n->tag == HT_BODY || n->tag == HT_HTML || boiler[a])
            break;
        if (n->paras >= 2 * b->paras + 2 && plain_chars(n) >= 2 * plain_chars(b) &&
            link_density(n) < CLIMB_MAX_LINKS)
            best = a;
    }
    return best;
}

static int is_sentence_text(const sl_html_tree *t, uint32_t id)
{
    /* Text ending a sentence somewhere: ". " or a final full stop. */
    for (uint32_t c = t->nodes[id].first; c; c = t->nodes[c].next) {
        const sl_hnode *x = &t->nodes[c];
        if (x->tag != HT_TEXT)
            continue;
        const char *s = t->chars.ptr + x->text;
        for (size_t k = 0; k < x->text_len; k++)
            if (s[k] == '.' && (k + 1 == x->text_len || s[k + 1] == ' '))
                return 1;
    }
    return 0;
}

/* Siblings of the top candidate that continue the article. */
static void mark_siblings(const sl_html_tree *t, uint32_t top, float top_score, const uint8_t *boiler,
                          uint8_t *root)
{
    root[top] = 1;
    uint32_t p = t->nodes[top].parent;
    if (!p)
        return;
    float threshold = top_score * 0.1f > 5.0f ? top_score * 0.1f : 5.0f;
    for (uint32_t s = t->nodes[p].first; s; s = t->nodes[s].next) {
        const sl_hnode *n = &t->nodes[s];
        if (s == top || boiler[s] || (n->flags & HN_HIDDEN) || n->chars == 0)
            continue;
        if (n->tag == HT_TEXT) {
            root[s] = n->chars >= MIN_PARA_CHARS;
            continue;
        }
        float ld = link_density(n);
        if (n->score > 0.0f && final_score(t, s) >= threshold) {
            root[s] = 1;
        } else if (sl_html_tag_flags(n->tag) & (HTAG_PARA | HTAG_HEADING)) {
            if (n->chars > 80 && ld < 0.25f)
                root[s] = 1;
            else if (n->chars <= 80 && ld == 0.0f && is_sentence_text(t, s))
                root[s] = 1;
        }
    }
}

/* Inside the article: leave out boilerplate and link lists. */
static int drop_inside(const sl_html_tree *t, uint32_t id, const uint8_t *boiler,
                       uint32_t region_paras)
{
    const sl_hnode *n = &t->nodes[id];
    if (n->tag == HT_TEXT)
        return 0;
    if (n->flags & HN_HIDDEN)
        return 1;
    /* What holds most of the article's paragraphs is the article. */
    if (n->paras > 0 && n->paras * 2 >= region_paras)
        return 0;
    if (boiler[id])
        return 1;
    if (n->chars == 0)
        return 0;
    float ld = link_density(n);
    unsigned tf = sl_html_tag_flags(n->tag);
    int list = n->tag == HT_UL || n->tag == HT_OL || n->tag == HT_DL || n->tag == HT_MENU;
    if (n->hint < 0 && ld > 0.2f)
        return 1;
    if (list && ld > 0.5f)
        return 1;
    if ((tf & HTAG_BLOCK) && !(tf & HTAG_HEADING) && ld > 0.6f && n->chars < 400)
        return 1;
    if ((tf & HTAG_BLOCK) && n->commas == 0 && ld > 0.35f && n->chars < 100 && n->paras == 0)
        return 1;
    return 0;
}

/* Bylines, dates and author boxes: named so (class, id, itemprop, rel),
 * or a <time>, and not holding much of the article.  An inline element
 * counts only when it is all of its parent's text (not a name inside a
 * sentence). */
static int is_furniture(const sl_html_tree *t, uint32_t id, uint32_t region_paras)
{
    const sl_hnode *n = &t->nodes[id];
    if (n->tag == HT_TEXT || n->chars == 0)
        return 0;
    if (!(n->flags & (HN_BYLINE | HN_DATE)) && n->tag != HT_TIME)
        return 0;
    if (n->paras > 3 || (n->paras > 0 && n->paras * 2 >= region_paras) || n->chars > 1500)
        return 0;
    if (!(sl_html_tag_flags(n->tag) & HTAG_BLOCK) &&
        t->nodes[n->parent].chars > n->chars + 3)
        return 0;
    return 1;
}

/* A heading with no kept text after it in its section introduces what
 * was left out ("Related stories", "About the author"): drop it too. */
static void drop_orphan_headings(const sl_html_tree *t, uint8_t *k, uint8_t *has_text)
{
    size_t n = t->n_nodes;
    memset(has_text, 0, n);
    for (size_t i = n; i-- > 1;) {
        const sl_hnode *x = &t->nodes[i];
        if (x->tag == HT_TEXT && k[i] == KEEP_TEXT && x->chars)
            has_text[i] = 1;
        if (has_text[i])
            has_text[x->parent] = 1;
    }
    for (size_t p = 0; p < n; p++) {
        if (!has_text[p] || t->nodes[p].tag == HT_TEXT)
            continue;
        uint32_t last_text = 0;
        for (uint32_t c = t->nodes[p].first; c; c = t->nodes[c].next)
            if (has_text[c])
                last_text = c;
        if (!last_text || !(sl_html_tag_flags(t->nodes[last_text].tag) & HTAG_HEADING))
            continue;
        uint32_t dropped = 0; /* text after the heading that was left out */
        for (uint32_t c = t->nodes[last_text].next; c && !dropped; c = t->nodes[c].next)
            if (t->nodes[c].chars > 0)
                dropped = c;
        if (dropped) {
            uint32_t c = last_text;
            k[c] = 0;
            for (size_t d = c + 1; d < n && t->nodes[d].depth > t->nodes[c].depth; d++)
                k[d] = 0;
        }
    }
}

/* The last non-space byte of the visible text of the subtree at id
 * (0 when it has none). */
static char last_char(const sl_html_tree *t, uint32_t id, const uint8_t *k)
{
    size_t end = id + 1;
    while (end < t->n_nodes && t->nodes[end].depth > t->nodes[id].depth)
        end++;
    for (size_t i = end; i-- > id;) {
        const sl_hnode *x = &t->nodes[i];
        if (x->tag != HT_TEXT || k[i] != KEEP_TEXT || !x->chars)
            continue;
        const char *s = t->chars.ptr + x->text;
        for (size_t j = x->text_len; j-- > 0;)
            if (s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
                return s[j];
    }
    return 0;
}

/* The article does not end with a heading or a short line that announces
 * something ("More on this topic:", "Related"): what it announced was left
 * out, so it goes too. */
static size_t last_kept_text(const sl_html_tree *t, const uint8_t *k, size_t before)
{
    size_t i = before;
    while (i-- > 1)
        if (t->nodes[i].tag == HT_TEXT && k[i] == KEEP_TEXT && t->nodes[i].chars)
            return i;
    return 0;
}

static void drop_trailing_lead_ins(const sl_html_tree *t, uint8_t *k)
{
    for (int round = 0; round < TRAILING_ROUNDS; round++) {
        size_t i = last_kept_text(t, k, t->n_nodes);
        if (i == 0)
            return;
        uint32_t b = block_of(t, (uint32_t)i);
        /* Never the whole text (a page that is only a heading). */
        if (b && last_kept_text(t, k, b) == 0)
            return;
        const sl_hnode *x = &t->nodes[b];
        if (!b || x->chars > LEAD_IN_MAX_CHARS)
            return;
        int heading = (sl_html_tag_flags(x->tag) & HTAG_HEADING) != 0;
        if (!heading && last_char(t, b, k) != ':')
            return;
        k[b] = KEEP_NO;
        for (size_t d = b + 1; d < t->n_nodes && t->nodes[d].depth > x->depth; d++)
            k[d] = KEEP_NO;
    }
}

/* Work arrays, one entry per node. */
typedef struct work {
    uint8_t *boiler, *root;
    uint32_t *direct, *direct_links;
} work;

static int work_alloc(sl_ctx *ctx, work *w, size_t n)
{
    w->boiler = sl_calloc(ctx, n, 1);
    w->root = sl_calloc(ctx, n, 1);
    w->direct = sl_calloc(ctx, n, sizeof *w->direct);
    w->direct_links = sl_calloc(ctx, n, sizeof *w->direct_links);
    if (w->boiler && w->root && w->direct && w->direct_links)
        return SL_OK;
    return sl_oom(ctx);
}

static void work_free(sl_ctx *ctx, work *w)
{
    sl_free(ctx, w->boiler);
    sl_free(ctx, w->root);
    sl_free(ctx, w->direct);
    sl_free(ctx, w->direct_links);
}

/* A boilerplate word that names a large share of the page's elements is
 * the vocabulary of a page builder ("elementor-widget" around everything,
 * the article included), not a sign of boilerplate: its weight is taken
 * back.  Link density still finds the real menus. */
static void discount_common_words(sl_html_tree *t)
{
    for (size_t i = 1; i < t->n_nodes; i++) {
        sl_hnode *n = &t->nodes[i];
        if (!n->worst)
            continue;
        uint32_t uses = t->worst_uses[n->worst];
        if (uses >= 30 && uses * 12 >= t->named) {
            int h = n->hint - sl_html_hint_weight(n->worst);
            n->hint = (int16_t)(h > INT16_MAX ? INT16_MAX : h);
        }
        n->worst = 0; /* once only */
    }
}

static void choose_with(sl_html_tree *t, work *w, uint8_t *k)
{
    size_t n = t->n_nodes;
    discount_common_words(t);
    measure_text(t);
    sum_up(t, w->direct, w->direct_links);
    uint32_t total_paras = t->nodes[0].paras;
    for (size_t i = 1; i < n; i++)
        w->boiler[i] = boiler_state(t, (uint32_t)i, w->boiler[t->nodes[i].parent], total_paras);
    score_paragraphs(t, w->direct, w->direct_links, w->boiler);
    float top_score;
    uint32_t top = best_candidate(t, w->boiler, &top_score);
    if (!top) {
        /* No paragraph anywhere: keep whatever visible text is not
         * boilerplate (short pages, lists, tables). */
        for (size_t i = 1; i < n; i++)
            k[i] = (uint8_t)(!w->boiler[i] && !(t->nodes[i].flags & HN_HIDDEN));
        return;
    }
    top = widen(t, top);
    top = climb_to_story(t, top, w->boiler);
    top = enclosing_article(t, top, w->boiler);
    mark_siblings(t, top, top_score, w->boiler, w->root);
    uint32_t region_paras = 0;
    for (size_t i = 1; i < n; i++)
        if (w->root[i])
            region_paras += t->nodes[i].paras;
    for (size_t i = 1; i < n; i++) {
        uint32_t p = t->nodes[i].parent;
        if (w->root[i])
            k[i] = (t->nodes[i].flags & HN_HIDDEN) ? KEEP_NO : KEEP_TEXT;
        else if (!k[p] || drop_inside(t, (uint32_t)i, w->boiler, region_paras))
            k[i] = KEEP_NO;
        else if (k[p] == KEEP_AROUND || is_furniture(t, (uint32_t)i, region_paras))
            k[i] = KEEP_AROUND;
        else
            k[i] = KEEP_TEXT;
    }
    drop_orphan_headings(t, k, w->root);
    drop_trailing_lead_ins(t, k);
}

int sl_html_choose(sl_html_tree *t, uint8_t **keep, size_t *cap_keep)
{
    size_t n = t->n_nodes;
    int rc = sl_grow(t->ctx, (void **)keep, cap_keep, n ? n : 1, 1);
    if (rc)
        return rc;
    memset(*keep, 0, n);
    if (n < 2)
        return SL_OK;
    work w;
    rc = work_alloc(t->ctx, &w, n);
    if (!rc)
        choose_with(t, &w, *keep);
    work_free(t->ctx, &w);
    return rc;
}
