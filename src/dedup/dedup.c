/* The dedup index: add documents in order, find earlier documents sharing
 * anchors, verify each candidate with the exact shingle sets, classify the
 * relation, and keep clusters in a union-find whose roots are the earliest
 * members.  See docs/dedup.md for the method and the defaults. */
#include "dedup/dedup_internal.h"
#include "dedup/dedup_rec.h"
#include "storyline.h"

#include <string.h>

const char *sl_dup_relation_name(sl_dup_relation r)
{
    switch (r) {
    case SL_DUP_EXACT: return "exact";
    case SL_DUP_NEAR: return "near";
    case SL_DUP_REVISION: return "revision";
    case SL_DUP_CONTAINED: return "contained";
    default: return "unique";
    }
}

static int check_options(sl_ctx *ctx, const sl_dedup_options *o)
{
    if (o->version != SL_DEDUP_OPTIONS_VERSION)
        return sl_error(ctx, SL_EINVAL, "dedup: options version %u, expected %u", o->version,
                        SL_DEDUP_OPTIONS_VERSION);
    if (o->anchor_rate == 0 || o->anchor_cap == 0 || o->max_verify == 0)
        return sl_error(ctx, SL_EINVAL, "dedup: anchor rate, anchor cap and max verify must be > 0");
    double th[] = { o->near, o->revision, o->revision_titled, o->contained, o->contained_ratio,
                    o->copy_ratio };
    for (size_t i = 0; i < sizeof th / sizeof th[0]; i++)
        if (!(th[i] > 0.0 && th[i] <= 1.0))
            return sl_error(ctx, SL_EINVAL, "dedup: thresholds must be in (0, 1]");
    if (o->window > UINT32_MAX)
        return sl_error(ctx, SL_EINVAL, "dedup: window too large");
    return SL_OK;
}

int sl_dedup_new(sl_ctx *ctx, sl_dedup **out, const sl_dedup_options *opts)
{
    *out = NULL;
    sl_dedup_options defaults = SL_DEDUP_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    int rc = check_options(ctx, opts);
    if (rc)
        return rc;
    sl_dedup *d = sl_calloc(ctx, 1, sizeof *d);
    if (!d)
        return sl_oom(ctx);
    d->ctx = ctx;
    d->opts = *opts;
    sl_anchor_index_init(&d->ix, ctx);
    sl_buf_init(&d->ids, ctx);
    if ((rc = sl_setstore_open(&d->store, ctx, opts->spill_to_file)) != SL_OK) {
        sl_dedup_free(d);
        return rc;
    }
    *out = d;
    return SL_OK;
}

void sl_dedup_free(sl_dedup *d)
{
    if (!d)
        return;
    sl_ctx *ctx = d->ctx;
    sl_anchor_index_release(&d->ix);
    sl_setstore_close(&d->store);
    sl_buf_release(&d->ids);
    sl_free(ctx, d->rec);
    sl_free(ctx, d->pairs);
    sl_free(ctx, d->hits);
    sl_free(ctx, d->cands);
    sl_free(ctx, d->sort_tmp);
    sl_free(ctx, d->other);
    sl_free(ctx, d->fresh);
    sl_free(ctx, d);
}

uint64_t sl_dedup_count(const sl_dedup *d)
{
    return d->n;
}

const char *sl_dedup_id(const sl_dedup *d, uint64_t i, size_t *len)
{
    if (i >= d->n) {
        *len = 0;
        return "";
    }
    *len = d->rec[i].id_len;
    return d->ids.ptr + d->rec[i].id_off;
}

/* ---- union-find: the root is always the earliest member ---- */

static uint32_t find_root(sl_dedup *d, uint32_t i)
{
    while (d->rec[i].parent != i) {
        d->rec[i].parent = d->rec[d->rec[i].parent].parent; /* path halving */
        i = d->rec[i].parent;
    }
    return i;
}

static void unite(sl_dedup *d, uint32_t a, uint32_t b)
{
    a = find_root(d, a);
    b = find_root(d, b);
    if (a < b)
        d->rec[b].parent = a;
    else if (b < a)
        d->rec[a].parent = b;
}

/* ---- results ---- */

/* Is (rel, sim, of) a stronger link than the record's current best?  A
 * total order, so the outcome does not depend on the order pairs arrive. */
static int stronger(const dd_rec *r, sl_dup_relation rel, float sim, uint32_t of)
{
    if (rel != r->best_rel)
        return rel > r->best_rel;
    if (sim != r->best_sim)
        return sim > r->best_sim;
    return of < r->best_of;
}

static void offer_link(sl_dedup *d, uint32_t from, uint32_t to, sl_dup_relation rel, float sim)
{
    dd_rec *r = &d->rec[from];
    if (stronger(r, rel, sim, to)) {
        r->best_rel = (uint8_t)rel;
        r->best_sim = sim;
        r->best_of = to;
    }
}

int sl_dedup_result(sl_dedup *d, uint64_t i, sl_dup *out)
{
    if (i >= d->n)
        return sl_error(d->ctx, SL_EINVAL, "dedup: no document %llu", (unsigned long long)i);
    const dd_rec *r = &d->rec[i];
    out->relation = (sl_dup_relation)r->best_rel;
    out->of = r->best_rel == SL_DUP_UNIQUE ? UINT64_MAX : r->best_of;
    out->similarity = r->best_sim;
    out->cluster = find_root(d, (uint32_t)i);
    return SL_OK;
}

size_t sl_dedup_pair_count(const sl_dedup *d)
{
    return d->n_pairs;
}

int sl_dedup_pair(const sl_dedup *d, size_t i, sl_dup_pair *out)
{
    if (i >= d->n_pairs)
        return sl_error(d->ctx, SL_EINVAL, "dedup: no pair %zu", i);
    const dd_pair *p = &d->pairs[i];
    out->a = p->a;
    out->b = p->b;
    out->relation = (sl_dup_relation)p->relation;
    out->jaccard = p->jaccard;
    out->contain_a = p->contain_a;
    out->contain_b = p->contain_b;
    out->order = sl_dedup_order_name(p->order);
    return SL_OK;
}

uint64_t sl_dedup_verified(const sl_dedup *d)
{
    return d->verified;
}

void sl_dedup_memory_parts(const sl_dedup *d, sl_dedup_memory_use *out)
{
    memset(out, 0, sizeof *out);
    if (!d)
        return;
    out->index = d->ix.cap * sizeof *d->ix.slot;
    out->records = d->cap_rec * sizeof *d->rec;
    out->ids = d->ids.cap;
    out->pairs = d->cap_pairs * sizeof *d->pairs;
    out->set_cache = sl_setstore_cached(&d->store);
}

size_t sl_dedup_memory(const sl_dedup *d)
{
    sl_dedup_memory_use u;
    sl_dedup_memory_parts(d, &u);
    return u.index + u.records + u.ids + u.pairs;
}

/* ---- recording a verified relation ---- */

int sl_dedup_reserve_pairs(sl_dedup *d, size_t extra)
{
    if (d->n_pairs + extra <= d->cap_pairs)
        return SL_OK;
    return sl_grow(d->ctx, (void **)&d->pairs, &d->cap_pairs, d->n_pairs + extra, sizeof *d->pairs);
}

void sl_dedup_link(sl_dedup *d, const dd_pair *p)
{
    d->pairs[d->n_pairs++] = *p;
    unite(d, p->a, p->b);
    sl_dup_relation rel = (sl_dup_relation)p->relation;
    if (rel == SL_DUP_CONTAINED)
        offer_link(d, p->a, p->b, rel, p->contain_a);
    else if (rel == SL_DUP_REVISION)
        offer_link(d, p->b, p->a, rel, p->contain_a < p->contain_b ? p->contain_b : p->contain_a);
    else
        offer_link(d, p->b, p->a, rel, p->jaccard);
}

void sl_dedup_note_unique_similarity(sl_dedup *d, uint32_t i, float jaccard)
{
    dd_rec *r = &d->rec[i];
    if (r->best_rel == SL_DUP_UNIQUE && jaccard > r->best_sim)
        r->best_sim = jaccard;
}
