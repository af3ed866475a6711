/* Codecs of the prepared dedup and story documents: every field the index
 * reads, so a decoded document is added exactly as the original would be. */
#include "dist/dist.h"
#include "dedup/dedup_internal.h"
#include "story/story_internal.h"

#include <string.h>

/* Sorted 32-bit hashes as differences (mod 2^32, so any order is exact):
 * neighbours in a sorted set are close, and their varints short. */
static int put_u32_deltas(sl_buf *b, const uint32_t *v, size_t n)
{
    int rc = sl_dist_put_varint(b, n);
    uint32_t prev = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        rc = sl_dist_put_varint(b, (uint32_t)(v[i] - prev));
        prev = v[i];
    }
    return rc;
}

/* Decode n values (n already read) into v. */
static void get_u32_deltas(sl_dist_dec *d, uint32_t *v, size_t n)
{
    uint32_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t delta = sl_dist_get_varint(d);
        if (delta > UINT32_MAX)
            d->bad = 1;
        prev += (uint32_t)delta;
        v[i] = prev;
    }
}

/* A count that cannot exceed the bytes left (each value is one byte at
 * least), so damage cannot ask for a huge allocation. */
static size_t get_count(sl_dist_dec *d, size_t max)
{
    uint64_t n = sl_dist_get_varint(d);
    if (n > max || n > (uint64_t)(d->end - d->p)) {
        d->bad = 1;
        return 0;
    }
    return (size_t)n;
}

/* ---------------------------------------------------------------- dedup */

int sl_dist_put_dedup_doc(sl_buf *b, const sl_dedup_doc *p)
{
    int rc = put_u32_deltas(b, p->set, p->n_set);
    if (!rc) rc = put_u32_deltas(b, p->anchors, p->n_anchors);
    if (!rc) rc = put_u32_deltas(b, p->title, p->n_title);
    if (!rc) rc = put_u32_deltas(b, p->lead, p->n_lead);
    if (!rc) rc = sl_dist_put_u64(b, p->text_hash);
    if (!rc) rc = sl_dist_put_u32(b, p->source);
    if (!rc) rc = sl_dist_put_u32(b, p->title_hash);
    if (!rc) rc = sl_dist_put_varint(b, (uint64_t)(p->update_title != 0));
    if (!rc) rc = sl_dist_put_varint(b, p->words);
    if (!rc) rc = sl_dist_put_varint(b, p->future);
    if (!rc) rc = sl_dist_put_varint(b, (uint64_t)(p->empty != 0));
    return rc;
}

static int get_array(sl_dist_dec *d, sl_ctx *ctx, uint32_t **v, size_t *cap, size_t *n)
{
    size_t count = get_count(d, SIZE_MAX / sizeof **v);
    if (count > *cap) {
        int rc = sl_grow(ctx, (void **)v, cap, count, sizeof **v);
        if (rc)
            return rc;
    }
    get_u32_deltas(d, *v, count);
    *n = count;
    return SL_OK;
}

int sl_dist_get_dedup_doc(sl_dist_dec *d, sl_dedup_doc *p)
{
    p->n_set = p->n_anchors = p->n_title = p->n_lead = 0;
    int rc = get_array(d, p->ctx, &p->set, &p->cap_set, &p->n_set);
    if (!rc) rc = get_array(d, p->ctx, &p->anchors, &p->cap_anchors, &p->n_anchors);
    if (rc)
        return rc;
    p->n_title = get_count(d, SL_DEDUP_MAX_TITLE_WORDS);
    get_u32_deltas(d, p->title, p->n_title);
    p->n_lead = get_count(d, SL_DEDUP_MAX_LEAD);
    get_u32_deltas(d, p->lead, p->n_lead);
    p->text_hash = sl_dist_get_u64(d);
    p->source = sl_dist_get_u32(d);
    p->title_hash = sl_dist_get_u32(d);
    p->update_title = sl_dist_get_varint(d) != 0;
    p->words = (uint32_t)sl_dist_get_varint(d);
    p->future = (uint32_t)sl_dist_get_varint(d);
    p->empty = sl_dist_get_varint(d) != 0;
    if (d->bad) {
        p->n_set = p->n_anchors = p->n_title = p->n_lead = 0;
        return sl_error(p->ctx, SL_EPARSE, "dist: a damaged dedup signature");
    }
    return SL_OK;
}

/* ---------------------------------------------------------------- story */

static uint32_t float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static float bits_float(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* Keys, weights (their exact bits), and each key's surface form. */
int sl_dist_put_story_doc(sl_buf *b, const sl_story_doc *p)
{
    int rc = sl_dist_put_varint(b, p->n_feat);
    uint32_t prev = 0;
    for (size_t i = 0; !rc && i < p->n_feat; i++) {
        const char *s = p->surf.ptr + p->surface[i];
        rc = sl_dist_put_varint(b, (uint32_t)(p->feat[i].key - prev));
        if (!rc) rc = sl_dist_put_u32(b, float_bits(p->feat[i].w));
        if (!rc) rc = sl_dist_put_bytes(b, s, strlen(s));
        prev = p->feat[i].key;
    }
    if (!rc) rc = sl_dist_put_varint(b, p->n_years);
    for (size_t i = 0; !rc && i < p->n_years; i++)
        rc = sl_dist_put_varint(b, p->years[i]);
    if (!rc) rc = sl_dist_put_bytes(b, p->title.ptr, p->title.len);
    return rc;
}

static int reserve_feats(sl_story_doc *p, size_t n)
{
    /* feat and surface grow together, as sl_story_prepare grows them */
    size_t cap = p->cap_feat;
    int rc = sl_grow(p->ctx, (void **)&p->feat, &cap, n ? n : 1, sizeof *p->feat);
    if (!rc)
        rc = sl_grow(p->ctx, (void **)&p->surface, &p->cap_feat, n ? n : 1, sizeof *p->surface);
    return rc;
}

static int get_feats(sl_dist_dec *d, sl_story_doc *p)
{
    size_t n = get_count(d, SIZE_MAX / sizeof *p->feat);
    int rc = reserve_feats(p, n);
    uint32_t key = 0;
    for (size_t i = 0; !rc && i < n && !d->bad; i++) {
        key += (uint32_t)sl_dist_get_varint(d);
        float w = bits_float(sl_dist_get_u32(d));
        size_t len;
        const char *s = sl_dist_get_bytes(d, &len);
        p->feat[i] = (st_feat){ key, w };
        p->surface[i] = (uint32_t)p->surf.len;
        rc = sl_buf_append(&p->surf, s ? s : "", len);
        if (!rc) rc = sl_buf_putc(&p->surf, '\0');
        p->n_feat = i + 1;
    }
    return rc;
}

int sl_dist_get_story_doc(sl_dist_dec *d, sl_story_doc *p)
{
    p->n_feat = 0;
    p->n_years = 0;
    sl_buf_reset(&p->surf);
    sl_buf_reset(&p->title);
    int rc = get_feats(d, p);
    if (rc)
        return rc;
    p->n_years = get_count(d, ST_MAX_YEARS);
    for (size_t i = 0; i < p->n_years; i++)
        p->years[i] = (uint16_t)sl_dist_get_varint(d);
    size_t len;
    const char *title = sl_dist_get_bytes(d, &len);
    if (!d->bad && (rc = sl_buf_append(&p->title, title, len)) != SL_OK)
        return rc;
    if (d->bad) {
        p->n_feat = p->n_years = 0;
        sl_buf_reset(&p->title);
        return sl_error(p->ctx, SL_EPARSE, "dist: damaged story features");
    }
    return SL_OK;
}
