/* The public HTML API: decode, parse, choose, write, find metadata, and
 * map every offset back to the page as given. */
#include "html.h"

#include <stdbool.h>
#include <string.h>

struct sl_html {
    sl_ctx *ctx;
    sl_html_options opts;
    sl_html_decoded dec;
    sl_html_tree tree;
    uint8_t *keep;
    size_t cap_keep;
    sl_html_emit emit;
    sl_html_meta meta;
    sl_map_seg *map;         /* text -> page bytes */
    size_t n_map, cap_map;
    sl_html_field *captions;
    size_t cap_captions;
    sl_html_result result;
};

int sl_html_new(sl_ctx *ctx, sl_html **out, const sl_html_options *opts)
{
    if (!out)
        return sl_error(ctx, SL_EINVAL, "sl_html_new: out is NULL");
    *out = NULL;
    sl_html_options o = SL_HTML_OPTIONS_INIT;
    if (opts) {
        if (opts->version != SL_HTML_OPTIONS_VERSION)
            return sl_error(ctx, SL_EINVAL, "sl_html_new: options version %u, expected %u",
                            opts->version, SL_HTML_OPTIONS_VERSION);
        o = *opts;
    }
    if (o.max_page == 0)
        return sl_error(ctx, SL_EINVAL, "sl_html_new: max_page must be positive");
    sl_html *h = sl_calloc(ctx, 1, sizeof *h);
    if (!h)
        return sl_oom(ctx);
    h->ctx = ctx;
    h->opts = o;
    sl_rewrite_init(&h->dec.rw, ctx);
    sl_html_tree_init(&h->tree, ctx);
    sl_html_emit_init(&h->emit, ctx);
    sl_html_meta_init(&h->meta, ctx);
    *out = h;
    return SL_OK;
}

void sl_html_free(sl_html *h)
{
    if (!h)
        return;
    sl_ctx *ctx = h->ctx;
    sl_rewrite_release(&h->dec.rw);
    sl_html_tree_release(&h->tree);
    sl_html_emit_release(&h->emit, ctx);
    sl_html_meta_release(&h->meta);
    sl_free(ctx, h->keep);
    sl_free(ctx, h->map);
    sl_free(ctx, h->captions);
    sl_free(ctx, h);
}

/* A UTF-8 page offset as a byte offset of the page as given. */
static size_t page_offset(const sl_html *h, size_t off, int is_end)
{
    return sl_map_offset(h->dec.rw.segs, h->dec.rw.n_segs, off, is_end);
}

static void set_field(const sl_html *h, sl_html_field *f, const sl_html_found *x)
{
    memset(f, 0, sizeof *f);
    if (!x->from)
        return;
    f->text = (sl_str){ x->text.ptr, x->text.len };
    f->from = x->from;
    f->start = page_offset(h, x->raw, 0);
    f->end = x->raw_end > x->raw ? page_offset(h, x->raw_end, 1) : f->start;
}

static int build_captions(sl_html *h)
{
    const sl_html_emit *e = &h->emit;
    if (e->n_captions == 0)
        return SL_OK;
    int rc = sl_grow(h->ctx, (void **)&h->captions, &h->cap_captions, e->n_captions,
                     sizeof *h->captions);
    if (rc)
        return rc;
    for (size_t i = 0; i < e->n_captions; i++) {
        const sl_html_piece *p = &e->captions[i];
        sl_html_field *f = &h->captions[i];
        f->text = (sl_str){ e->caps.ptr + p->start, p->len };
        f->start = page_offset(h, p->raw, 0);
        f->end = page_offset(h, p->raw + p->raw_len, 1);
        f->from = "figcaption";
    }
    return SL_OK;
}

/* A page whose article text is nearly empty (a teaser before a paywall, a
 * text the page's scripts would fill in) still says what it is about in its
 * description meta: that becomes the lead paragraph, mapped to the meta
 * tag, unless the text or the title already holds it. */
enum { DESCRIPTION_LEAD_BELOW = 500, DESCRIPTION_MIN = 40, DESCRIPTION_PROBE = 60 };

/* b holds the first bytes of s[0..n). */
static bool holds(const sl_buf *b, const char *s, size_t n)
{
    if (n > DESCRIPTION_PROBE)
        n = DESCRIPTION_PROBE;
    return sl_html_find_bytes(b->ptr, b->len, s, n) != NULL;
}

static int add_description_lead(sl_html *h)
{
    sl_html_emit *e = &h->emit;
    const sl_html_found *d = &h->meta.description;
    if (e->text.len >= DESCRIPTION_LEAD_BELOW || !d->from || d->text.len < DESCRIPTION_MIN ||
        holds(&e->text, d->text.ptr, d->text.len) ||
        holds(&h->meta.title.text, d->text.ptr, d->text.len))
        return SL_OK;
    size_t shift = d->text.len + (e->text.len ? 2 : 0);
    sl_buf lead;
    sl_buf_init(&lead, h->ctx);
    int rc = sl_buf_append(&lead, d->text.ptr, d->text.len);
    if (!rc && e->text.len)
        rc = sl_buf_append(&lead, "\n\n", 2);
    if (!rc)
        rc = sl_buf_append(&lead, e->text.ptr, e->text.len);
    if (!rc)
        rc = sl_grow(h->ctx, (void **)&e->map, &e->cap_map, e->n_map + 1, sizeof *e->map);
    if (rc) {
        sl_buf_release(&lead);
        return rc;
    }
    memmove(e->map + 1, e->map, e->n_map * sizeof *e->map);
    for (size_t i = 1; i <= e->n_map; i++)
        e->map[i].clean += shift;
    e->map[0] = (sl_map_seg){ 0, d->text.len, d->raw, 0 };
    e->n_map++;
    sl_buf_release(&e->text);
    e->text = lead;
    return SL_OK;
}

static int run(sl_html *h, const char *page, size_t len, const char *url, size_t url_len,
               const char *charset_hint)
{
    int rc = sl_html_decode(h->ctx, page, len, charset_hint, &h->dec);
    if (rc)
        return rc;
    const sl_buf *utf8 = &h->dec.rw.out;
    rc = sl_html_tree_parse(&h->tree, utf8->len ? utf8->ptr : "", utf8->len);
    if (rc)
        return rc;
    if ((rc = sl_html_choose(&h->tree, &h->keep, &h->cap_keep)) != 0)
        return rc;
    if ((rc = sl_html_emit_text(&h->emit, &h->tree, h->keep)) != 0)
        return rc;
    if ((rc = sl_html_find_meta(&h->meta, &h->tree, h->keep, url, url_len)) != 0)
        return rc;
    if ((rc = add_description_lead(h)) != 0)
        return rc;
    rc = sl_map_compose(h->ctx, h->dec.rw.segs, h->dec.rw.n_segs, h->emit.map, h->emit.n_map,
                        &h->map, &h->n_map, &h->cap_map);
    if (rc)
        return rc;
    return build_captions(h);
}

int sl_html_extract(sl_html *h, const char *page, size_t len, const char *url, size_t url_len,
                    const char *charset_hint, const sl_html_result **result)
{
    if (!h || !result || (!page && len))
        return h ? sl_error(h->ctx, SL_EINVAL, "sl_html_extract: bad arguments") : SL_EINVAL;
    *result = NULL;
    if (len > h->opts.max_page)
        return sl_error(h->ctx, SL_ELIMIT, "page of %zu bytes is larger than the limit (%zu)",
                        len, h->opts.max_page);
    h->n_map = 0;
    int rc = run(h, page ? page : "", len, url, url ? url_len : 0, charset_hint);
    if (rc)
        return rc;
    sl_html_result *r = &h->result;
    memset(r, 0, sizeof *r);
    r->text = (sl_str){ h->emit.text.len ? h->emit.text.ptr : "", h->emit.text.len };
    set_field(h, &r->title, &h->meta.title);
    set_field(h, &r->byline, &h->meta.byline);
    set_field(h, &r->published, &h->meta.published);
    set_field(h, &r->url, &h->meta.url);
    r->captions = h->captions;
    r->n_captions = h->emit.n_captions;
    r->map = h->map;
    r->n_map = h->n_map;
    r->charset = h->dec.charset;
    r->charset_from = h->dec.from;
    *result = r;
    return SL_OK;
}

size_t sl_html_page_offset(const sl_html_result *r, size_t text_offset)
{
    if (!r)
        return 0;
    return sl_map_offset(r->map, r->n_map, text_offset, 0);
}
