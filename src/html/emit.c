/* Writing the chosen elements as text, in reading order.
 *
 * White space collapses as a browser shows it (except in <pre>); blocks
 * are separated by a blank line, list items, table rows and <br> by a line
 * end.  Captions go to their own list.  Every output byte gets a segment
 * in the map back to the UTF-8 page: copied runs map byte for byte, a
 * collapsed space or a block break maps to the bytes it stands for, and
 * text that came from an entity maps to the whole reference. */
#include "html.h"

#include <string.h>

enum { BREAK_NONE = 0, BREAK_SPACE = 1, BREAK_LINE = 2, BREAK_PARA = 3 };

typedef struct writer {
    sl_buf *out;
    sl_map_seg **map;        /* NULL for captions */
    size_t *n_map, *cap_map;
    sl_ctx *ctx;
    int pending;             /* BREAK_* owed before the next text */
    size_t pending_raw;      /* where the owed break is in the page */
    size_t raw_first, raw_end; /* page range of what was written */
    int wrote;
    int flat;                /* a field: every break is a space */
} writer;

static int add_seg(writer *w, size_t out_len, size_t raw, size_t raw_len)
{
    if (!w->map || out_len == 0)
        return SL_OK;
    size_t at = w->out->len - out_len;
    if (*w->n_map > 0) {
        sl_map_seg *last = &(*w->map)[*w->n_map - 1];
        if (last->clean_len == last->raw_len && out_len == raw_len &&
            last->clean + last->clean_len == at && last->raw + last->raw_len == raw) {
            last->clean_len += out_len;
            last->raw_len += raw_len;
            return SL_OK;
        }
    }
    int rc = sl_grow(w->ctx, (void **)w->map, w->cap_map, *w->n_map + 1, sizeof **w->map);
    if (rc)
        return rc;
    (*w->map)[(*w->n_map)++] = (sl_map_seg){ at, out_len, raw, raw_len };
    return SL_OK;
}

static int put(writer *w, const char *s, size_t len, size_t raw, size_t raw_len)
{
    int rc = sl_buf_append(w->out, s, len);
    if (!rc)
        rc = add_seg(w, len, raw, raw_len);
    if (!rc) {
        if (!w->wrote)
            w->raw_first = raw;
        w->wrote = 1;
        if (raw + raw_len > w->raw_end)
            w->raw_end = raw + raw_len;
    }
    return rc;
}

/* Write what the owed break stands for, just before new text. */
static int flush_break(writer *w, size_t raw_next)
{
    int b = w->pending;
    w->pending = BREAK_NONE;
    if (!w->wrote || b == BREAK_NONE)
        return SL_OK;
    static const char *const seps[] = { "", " ", "\n", "\n\n" };
    size_t raw = w->pending_raw <= raw_next ? w->pending_raw : raw_next;
    return put(w, seps[b], strlen(seps[b]), raw, raw_next - raw);
}

static void owe(writer *w, int b, size_t raw)
{
    if (w->flat && b > BREAK_SPACE)
        b = BREAK_SPACE;
    if (b > w->pending) {
        if (w->pending == BREAK_NONE)
            w->pending_raw = raw;
        w->pending = b;
    }
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* One text node, white space collapsed unless `pre`. */
static int write_text(writer *w, const sl_html_tree *t, const sl_hnode *n, int pre)
{
    const char *s = t->chars.ptr + n->text;
    size_t len = n->text_len;
    int copy = (n->flags & HN_COPY) != 0;
    if (pre) {
        int rc = flush_break(w, n->raw);
        return rc ? rc : put(w, s, len, n->raw, copy ? len : n->raw_len);
    }
    size_t i = 0;
    while (i < len) {
        if (is_ws(s[i])) {
            owe(w, BREAK_SPACE, copy ? n->raw + i : n->raw);
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && !is_ws(s[j]))
            j++;
        int rc = flush_break(w, copy ? n->raw + i : n->raw);
        if (!rc && copy)
            rc = put(w, s + i, j - i, n->raw + i, j - i);
        else if (!rc)
            /* Not a copy: the whole reference stands behind its first run;
             * later runs of the same node map to its end. */
            rc = put(w, s + i, j - i, i == 0 ? n->raw : n->raw + n->raw_len,
                     i == 0 ? n->raw_len : 0);
        if (rc)
            return rc;
        i = j;
    }
    return SL_OK;
}

static int break_for(int tag)
{
    unsigned f = sl_html_tag_flags(tag);
    if (tag == HT_BR || tag == HT_LI || tag == HT_TR || tag == HT_DT || tag == HT_DD)
        return BREAK_LINE;
    if (tag == HT_TD || tag == HT_TH)
        return BREAK_SPACE;
    return (f & HTAG_BLOCK) ? BREAK_PARA : BREAK_NONE;
}

static size_t node_raw(const sl_html_tree *t, uint32_t id)
{
    /* The first text node at or after id gives a position in the page. */
    for (size_t i = id; i < t->n_nodes; i++)
        if (t->nodes[i].tag == HT_TEXT)
            return t->nodes[i].raw;
    return t->page_len;
}

/* Walk the subtree at `top` (or all of it when keep is NULL), writing
 * text nodes whose element is kept.  Captions are skipped when
 * `skip_captions`. */
static int walk(writer *w, const sl_html_tree *t, uint32_t top, const uint8_t *keep,
                int skip_captions, int (*on_caption)(void *, uint32_t), void *ud)
{
    int pre = 0;
    uint32_t n = t->nodes[top].first;
    while (n) {
        const sl_hnode *x = &t->nodes[n];
        /* Elements outside the article are walked through (the article is
         * somewhere below them) but write nothing. */
        int enter = !(x->flags & HN_HIDDEN);
        int kept = enter && (!keep || keep[n] == KEEP_TEXT);
        if (kept && skip_captions && (x->flags & HN_CAPTION) && x->tag != HT_TEXT) {
            int rc = on_caption ? on_caption(ud, n) : SL_OK;
            if (rc)
                return rc;
            enter = kept = 0;
        }
        if (kept && x->tag == HT_TEXT) {
            int rc = write_text(w, t, x, pre);
            if (rc)
                return rc;
        } else if (kept) {
            owe(w, break_for(x->tag), node_raw(t, n));
            if (x->tag == HT_PRE)
                pre++;
        }
        if (enter && x->first) {
            n = x->first;
            continue;
        }
        /* Leave n and every ancestor that has no next sibling. */
        for (;;) {
            const sl_hnode *y = &t->nodes[n];
            if (y->tag != HT_TEXT && !(y->flags & HN_HIDDEN) && (!keep || keep[n] == KEEP_TEXT) && y->first &&
                !(skip_captions && (y->flags & HN_CAPTION))) {
                owe(w, break_for(y->tag), node_raw(t, y->next ? y->next : n));
                if (y->tag == HT_PRE && pre > 0)
                    pre--;
            }
            if (n == top)
                return SL_OK;
            if (y->next) {
                n = y->next;
                break;
            }
            n = y->parent;
            if (n == top || n == 0)
                return SL_OK;
        }
    }
    return SL_OK;
}

void sl_html_emit_init(sl_html_emit *e, sl_ctx *ctx)
{
    memset(e, 0, sizeof *e);
    sl_buf_init(&e->text, ctx);
    sl_buf_init(&e->caps, ctx);
}

void sl_html_emit_reset(sl_html_emit *e)
{
    sl_buf_reset(&e->text);
    sl_buf_reset(&e->caps);
    e->n_map = e->n_captions = 0;
}

void sl_html_emit_release(sl_html_emit *e, sl_ctx *ctx)
{
    sl_buf_release(&e->text);
    sl_buf_release(&e->caps);
    sl_free(ctx, e->map);
    sl_free(ctx, e->captions);
    sl_html_emit_init(e, ctx);
}

typedef struct caption_job {
    sl_html_emit *e;
    const sl_html_tree *t;
} caption_job;

static int take_caption(void *ud, uint32_t node)
{
    caption_job *job = ud;
    sl_html_emit *e = job->e;
    size_t at = e->caps.len, raw, raw_end;
    int rc = sl_html_node_text(job->t, node, &e->caps, &raw, &raw_end);
    if (rc || e->caps.len == at)
        return rc;
    rc = sl_grow(job->t->ctx, (void **)&e->captions, &e->cap_captions, e->n_captions + 1,
                 sizeof *e->captions);
    if (rc)
        return rc;
    e->captions[e->n_captions++] = (sl_html_piece){ at, e->caps.len - at, raw, raw_end - raw };
    return SL_OK;
}

int sl_html_emit_text(sl_html_emit *e, const sl_html_tree *t, const uint8_t *keep)
{
    sl_html_emit_reset(e);
    if (t->n_nodes < 2)
        return SL_OK;
    writer w = { &e->text, &e->map, &e->n_map, &e->cap_map, t->ctx, 0, 0, 0, 0, 0, 0 };
    caption_job job = { e, t };
    int rc = walk(&w, t, 0, keep, 1, take_caption, &job);
    /* NUL-terminate even when empty, for callers that print it. */
    if (!rc && e->text.len == 0)
        rc = sl_buf_reserve(&e->text, 1);
    return rc;
}

int sl_html_node_text(const sl_html_tree *t, uint32_t node, sl_buf *out, size_t *raw,
                      size_t *raw_end)
{
    writer w = { out, NULL, NULL, NULL, t->ctx, 0, 0, 0, 0, 0, 1 };
    int rc = walk(&w, t, node, NULL, 0, NULL, NULL);
    *raw = w.wrote ? w.raw_first : 0;
    *raw_end = w.wrote ? w.raw_end : 0;
    return rc;
}
