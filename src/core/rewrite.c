#include "rewrite.h"

#include <string.h>

void sl_rewrite_init(sl_rewrite *rw, sl_ctx *ctx)
{
    memset(rw, 0, sizeof *rw);
    rw->ctx = ctx;
    sl_buf_init(&rw->out, ctx);
}

void sl_rewrite_reset(sl_rewrite *rw)
{
    sl_buf_reset(&rw->out);
    rw->n_segs = 0;
    rw->n_edits = 0;
    rw->in_pos = 0;
}

void sl_rewrite_release(sl_rewrite *rw)
{
    sl_buf_release(&rw->out);
    sl_free(rw->ctx, rw->segs);
    sl_free(rw->ctx, rw->edits);
    rw->segs = NULL;
    rw->edits = NULL;
    rw->n_segs = rw->cap_segs = rw->n_edits = rw->cap_edits = 0;
    rw->in_pos = 0;
}

static int add_seg(sl_rewrite *rw, size_t out_len, size_t in_len)
{
    size_t out_at = rw->out.len - out_len;
    if (rw->n_segs > 0) {
        sl_map_seg *last = &rw->segs[rw->n_segs - 1];
        bool last_is_copy = last->clean_len == last->raw_len;
        bool this_is_copy = out_len == in_len;
        /* Merge runs of one-to-one copies so the map stays small. */
        if (last_is_copy && this_is_copy && last->clean + last->clean_len == out_at &&
            last->raw + last->raw_len == rw->in_pos) {
            last->clean_len += out_len;
            last->raw_len += in_len;
            return SL_OK;
        }
    }
    int rc = sl_grow(rw->ctx, (void **)&rw->segs, &rw->cap_segs, rw->n_segs + 1, sizeof *rw->segs);
    if (rc)
        return rc;
    rw->segs[rw->n_segs++] = (sl_map_seg){ out_at, out_len, rw->in_pos, in_len };
    return SL_OK;
}

static int add_edit(sl_rewrite *rw, int type, size_t in_len, size_t to, size_t to_len,
                    const char *label)
{
    int rc = sl_grow(rw->ctx, (void **)&rw->edits, &rw->cap_edits, rw->n_edits + 1,
                     sizeof *rw->edits);
    if (rc)
        return rc;
    rw->edits[rw->n_edits++] = (sl_edit){ type, rw->in_pos, rw->in_pos + in_len, to, to_len, label };
    return SL_OK;
}

int sl_rw_copy(sl_rewrite *rw, const char *in, size_t len)
{
    if (len == 0)
        return SL_OK;
    int rc = sl_buf_append(&rw->out, in + rw->in_pos, len);
    if (rc)
        return rc;
    /* A copy is a segment whose two lengths are equal.  A replacement of
     * equal length would look the same, which is harmless: its bytes map
     * one to one as well. */
    rc = add_seg(rw, len, len);
    if (rc) {
        rw->out.len -= len;
        return rc;
    }
    rw->in_pos += len;
    return SL_OK;
}

int sl_rw_replace(sl_rewrite *rw, size_t in_len, const char *to, size_t to_len,
                  const char *kind)
{
    size_t at = rw->out.len;
    int rc = sl_buf_append(&rw->out, to, to_len);
    if (rc)
        return rc;
    if (kind && (rc = add_edit(rw, SL_EDIT_REPAIR, in_len, at, to_len, kind)) != 0) {
        rw->out.len = at;
        return rc;
    }
    if ((rc = add_seg(rw, to_len, in_len)) != 0) {
        rw->out.len = at;
        if (kind)
            rw->n_edits--;
        return rc;
    }
    rw->in_pos += in_len;
    return SL_OK;
}

int sl_rw_remove(sl_rewrite *rw, size_t in_len, const char *reason)
{
    if (in_len == 0)
        return SL_OK;
    int rc;
    if (reason && (rc = add_edit(rw, SL_EDIT_REMOVAL, in_len, rw->out.len, 0, reason)) != 0)
        return rc;
    if ((rc = add_seg(rw, 0, in_len)) != 0) {
        if (reason)
            rw->n_edits--;
        return rc;
    }
    rw->in_pos += in_len;
    return SL_OK;
}

int sl_rw_finish(sl_rewrite *rw, const char *in, size_t in_len)
{
    if (rw->in_pos >= in_len)
        return SL_OK;
    return sl_rw_copy(rw, in, in_len - rw->in_pos);
}

size_t sl_map_offset(const sl_map_seg *segs, size_t n, size_t off, int is_end)
{
    if (n == 0)
        return off;
    /* Binary search for the last segment starting at or before off; for an
     * end offset, prefer the segment that ends at off. */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        bool before = is_end ? segs[mid].clean < off : segs[mid].clean <= off;
        if (before)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return segs[0].raw;
    const sl_map_seg *s = &segs[lo - 1];
    if (!is_end) {
        /* Skip empty (removal) segments that start exactly at off. */
        while (lo < n && segs[lo].clean == off && segs[lo].clean_len == 0)
            lo++;
        if (lo < n && segs[lo].clean == off)
            s = &segs[lo];
    }
    size_t into = off - s->clean;
    if (s->clean_len == s->raw_len)
        return s->raw + (into < s->raw_len ? into : s->raw_len);
    if (into == 0 && !is_end)
        return s->raw;
    if (into >= s->clean_len || is_end)
        return s->raw + s->raw_len;
    return s->raw;
}

static int push_seg(sl_ctx *ctx, sl_map_seg **out, size_t *n, size_t *cap, sl_map_seg s)
{
    if (s.clean_len == 0 && s.raw_len == 0)
        return SL_OK;
    if (*n > 0) {
        sl_map_seg *last = &(*out)[*n - 1];
        if (last->clean_len == last->raw_len && s.clean_len == s.raw_len &&
            last->clean + last->clean_len == s.clean && last->raw + last->raw_len == s.raw) {
            last->clean_len += s.clean_len;
            last->raw_len += s.raw_len;
            return SL_OK;
        }
    }
    int rc = sl_grow(ctx, (void **)out, cap, *n + 1, sizeof **out);
    if (rc)
        return rc;
    (*out)[(*n)++] = s;
    return SL_OK;
}

/* Index of the first segment of `a` whose mid range ends after `pos`. */
static size_t first_seg_after(const sl_map_seg *a, size_t na, size_t pos)
{
    size_t lo = 0, hi = na;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid].clean + a[mid].clean_len <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A copied piece of b: split it along the segments of a. */
static int compose_copy(sl_ctx *ctx, const sl_map_seg *a, size_t na, const sl_map_seg *s,
                        sl_map_seg **out, size_t *n, size_t *cap)
{
    size_t pos = s->raw, end = s->raw + s->raw_len;
    size_t k = first_seg_after(a, na, pos);
    while (pos < end && k < na) {
        const sl_map_seg *t = &a[k];
        size_t piece_end = t->clean + t->clean_len < end ? t->clean + t->clean_len : end;
        size_t out_at = s->clean + (pos - s->raw);
        sl_map_seg piece;
        if (t->clean_len == t->raw_len)
            piece = (sl_map_seg){ out_at, piece_end - pos, t->raw + (pos - t->clean), piece_end - pos };
        else /* inside a replacement of a: the whole replaced raw range */
            piece = (sl_map_seg){ out_at, piece_end - pos, t->raw, t->raw_len };
        int rc = push_seg(ctx, out, n, cap, piece);
        if (rc)
            return rc;
        pos = piece_end;
        k++;
    }
    return SL_OK;
}

int sl_map_compose(sl_ctx *ctx, const sl_map_seg *a, size_t na, const sl_map_seg *b,
                   size_t nb, sl_map_seg **out, size_t *n, size_t *cap)
{
    *n = 0;
    for (size_t i = 0; i < nb; i++) {
        const sl_map_seg *s = &b[i];
        int rc;
        if (s->clean_len == s->raw_len && s->clean_len > 0) {
            rc = compose_copy(ctx, a, na, s, out, n, cap);
        } else {
            size_t lo = sl_map_offset(a, na, s->raw, 0);
            size_t hi = sl_map_offset(a, na, s->raw + s->raw_len, 1);
            if (hi < lo)
                hi = lo;
            rc = push_seg(ctx, out, n, cap, (sl_map_seg){ s->clean, s->clean_len, lo, hi - lo });
        }
        if (rc)
            return rc;
    }
    return SL_OK;
}
