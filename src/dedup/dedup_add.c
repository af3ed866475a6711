/* Adding a document to the dedup index: exact copies through the text hash,
 * candidates through shared anchors, verification with the exact sets. */
#include "dedup/dedup_rec.h"

#include <stdlib.h>
#include <string.h>

/* The exact-copy key lives in the anchor table too; it is told apart from
 * anchors by comparing the full 64-bit text hash of the record. */
static uint32_t exact_key(uint64_t text_hash)
{
    return (uint32_t)(text_hash >> 32) ^ 0x5bd1e995u;
}

static int new_record(sl_dedup *d, const char *id, size_t id_len, const char *published,
                      size_t published_len, const sl_dedup_doc *p, uint32_t *index)
{
    if (d->n >= UINT32_MAX - 1)
        return sl_error(d->ctx, SL_ELIMIT, "dedup: more than 4 billion documents");
    if (d->n == d->cap_rec) {
        /* by half again, not double: records are a third of the memory */
        size_t cap = d->cap_rec < 1024 ? 1024 : d->cap_rec + d->cap_rec / 2;
        dd_rec *rec = sl_realloc(d->ctx, d->rec, cap * sizeof *rec);
        if (!rec)
            return sl_oom(d->ctx);
        d->rec = rec;
        d->cap_rec = cap;
    }
    uint64_t id_off = d->ids.len;
    int rc = sl_buf_append(&d->ids, id, id_len);
    if (rc)
        return rc;
    dd_rec *r = &d->rec[d->n];
    memset(r, 0, sizeof *r);
    r->id_off = id_off;
    r->id_len = (uint32_t)id_len;
    r->text_hash = p->text_hash;
    r->published = sl_dedup_parse_date(published, published_len);
    r->n_set = (uint32_t)p->n_set;
    r->n_anchors = p->n_anchors > UINT16_MAX ? UINT16_MAX : (uint16_t)p->n_anchors;
    r->n_title = (uint8_t)p->n_title;
    r->n_lead = (uint8_t)p->n_lead;
    r->future = p->future;
    r->source = p->source;
    r->title_hash = p->title_hash;
    r->update_title = (uint8_t)p->update_title;
    r->parent = (uint32_t)d->n;
    r->best_of = UINT32_MAX;
    *index = (uint32_t)d->n++;
    return SL_OK;
}

static int push_cand(sl_dedup *d, size_t *n, size_t need)
{
    if (*n + need <= d->cap_cands)
        return SL_OK;
    return sl_grow(d->ctx, (void **)&d->cands, &d->cap_cands, *n + need, sizeof *d->cands);
}

/* Look up the exact key: the earliest live record with the same text hash. */
static int find_exact(sl_dedup *d, uint64_t text_hash, uint32_t *match)
{
    *match = UINT32_MAX;
    size_t n = 0, cap = d->opts.anchor_cap;
    int rc = push_cand(d, &n, cap);
    if (rc)
        return rc;
    sl_anchor_lookup(&d->ix, exact_key(text_hash), d->cands, cap, &n);
    for (size_t i = 0; i < n; i++)
        if (d->rec[d->cands[i]].text_hash == text_hash && d->cands[i] < *match)
            *match = d->cands[i];
    return SL_OK;
}

/* Sort document numbers: insertion sort for the usual handful, an LSD
 * radix sort (four byte passes through `tmp`) for long lists, where qsort's
 * comparisons and allocation would cost more than the lookups. */
static void sort_docs(uint32_t *v, uint32_t *tmp, size_t n)
{
    if (n <= 48) {
        for (size_t i = 1; i < n; i++) {
            uint32_t x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
        return;
    }
    for (unsigned shift = 0; shift < 32; shift += 8) {
        size_t count[257] = { 0 };
        for (size_t i = 0; i < n; i++)
            count[((v[i] >> shift) & 0xff) + 1]++;
        for (size_t b = 1; b < 257; b++)
            count[b] += count[b - 1];
        for (size_t i = 0; i < n; i++)
            tmp[count[(v[i] >> shift) & 0xff]++] = v[i];
        memcpy(v, tmp, n * sizeof *v);
    }
}

static int by_hits(const void *a, const void *b)
{
    const dd_hit *x = a, *y = b;
    if (x->hits != y->hits)
        return x->hits < y->hits ? 1 : -1;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

/* A candidate is worth verifying when it shares a quarter of the anchors
 * of the shorter text (at least two; one when either text is too short to
 * have more).  Every relation needs half of the shorter text's shingles in
 * the other, which gives half its anchors on average: at a quarter, a pair
 * at that bound is still checked with probability above 0.94 for a text of
 * 300 words, and more for longer texts. */
static int worth_verifying(const dd_rec *other, const sl_dedup_doc *p, uint32_t hits)
{
    size_t fewer = other->n_anchors < p->n_anchors ? other->n_anchors : p->n_anchors;
    if (fewer <= 3)
        return hits >= 1;
    size_t need = fewer / 4 > 2 ? fewer / 4 : 2;
    return hits >= need;
}

/* Size of the intersection of two sorted sets.  Branch-free steps: the
 * comparisons are unpredictable, and this loop is most of the time spent
 * verifying candidates. */
/* Documents sharing enough anchors with p, most shared first.  Anchors filed in
 * more than anchor_cap documents are common phrases, not evidence; their
 * bit in `skip` keeps them out of the index too. */
static int gather(sl_dedup *d, const sl_dedup_doc *p, unsigned char *skip, size_t *n_hits)
{
    size_t n = 0, cap = d->opts.anchor_cap;
    for (size_t a = 0; a < p->n_anchors; a++) {
        int rc = push_cand(d, &n, cap + 1);
        if (rc)
            return rc;
        size_t got = 0;
        skip[a] = (unsigned char)sl_anchor_lookup(&d->ix, p->anchors[a], d->cands + n, cap, &got);
        if (!skip[a])
            n += got;
    }
    if (n > d->cap_sort_tmp) {
        int rc = sl_grow(d->ctx, (void **)&d->sort_tmp, &d->cap_sort_tmp, n, sizeof *d->sort_tmp);
        if (rc)
            return rc;
    }
    sort_docs(d->cands, d->sort_tmp, n);
    size_t h = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && d->cands[j] == d->cands[i])
            j++;
        uint32_t doc = d->cands[i], hits = (uint32_t)(j - i);
        i = j;
        if (!worth_verifying(&d->rec[doc], p, hits))
            continue; /* filtered before sorting: most are */
        if (h == d->cap_hits) {
            int rc = sl_grow(d->ctx, (void **)&d->hits, &d->cap_hits, h + 1, sizeof *d->hits);
            if (rc)
                return rc;
        }
        d->hits[h].doc = doc;
        d->hits[h++].hits = hits;
    }
    if (h > 1)
        qsort(d->hits, h, sizeof *d->hits, by_hits);
    *n_hits = h;
    return SL_OK;
}

static size_t intersect(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        uint32_t x = a[i], y = b[j];
        n += x == y;
        i += x <= y;
        j += y <= x;
    }
    return n;
}

static int read_other(sl_dedup *d, const dd_rec *r)
{
    size_t need = (size_t)r->n_set + r->n_title + r->n_lead;
    if (need > d->cap_other) {
        int rc = sl_grow(d->ctx, (void **)&d->other, &d->cap_other, need, sizeof *d->other);
        if (rc)
            return rc;
    }
    return sl_setstore_read(&d->store, r->set_off, d->other, need * sizeof *d->other);
}

/* Titles agree when most words of the shorter one are in the longer one. */
static int titles_agree(const uint32_t *ta, size_t na, const uint32_t *tb, size_t nb)
{
    size_t fewer = na < nb ? na : nb;
    if (fewer < 2)
        return 0;
    return 4 * intersect(ta, na, tb, nb) >= 3 * fewer;
}

/* Leads agree when they share a good part of their shingles: the same
 * opening sentence, perhaps with its tense or a clause changed. */
static int leads_agree(const uint32_t *la, size_t na, const uint32_t *lb, size_t nb)
{
    size_t fewer = na < nb ? na : nb;
    size_t shared = intersect(la, na, lb, nb);
    return shared >= 3 && 6 * shared >= fewer;
}

static void swap_sides(dd_pair *p)
{
    uint32_t t = p->a;
    p->a = p->b;
    p->b = t;
    float c = p->contain_a;
    p->contain_a = p->contain_b;
    p->contain_b = c;
}

/* Two outlets do not revise each other's articles: between outlets a text
 * is a copy, contained in the other when clearly shorter, near otherwise. */
static void classify_copy(const sl_dedup_options *o, double cover, double ratio, int new_smaller,
                          dd_pair *out)
{
    if (cover >= o->contained && ratio <= o->copy_ratio) {
        out->relation = SL_DUP_CONTAINED;
        if (new_smaller)
            swap_sides(out);
    } else if (cover >= o->revision) {
        out->relation = SL_DUP_NEAR;
    }
}

/* Evidence beyond the overlap that two texts are one article: agreeing
 * headlines, an update marked in the headline by the same outlet, or, when
 * a headline is missing, agreeing leads.  Two different headlines speak
 * against it. */
static int same_article(const sl_dedup *d, const dd_rec *re, size_t ne, const sl_dedup_doc *p)
{
    const uint32_t *title = d->other + ne, *lead = title + re->n_title;
    if ((re->update_title || p->update_title) && re->source && re->source == p->source)
        return 1;
    if (re->n_title && p->n_title)
        return titles_agree(title, re->n_title, p->title, p->n_title);
    return leads_agree(lead, re->n_lead, p->lead, p->n_lead);
}

static void classify(sl_dedup *d, uint32_t e, uint32_t i, const sl_dedup_doc *p, size_t inter,
                     dd_pair *out)
{
    const sl_dedup_options *o = &d->opts;
    const dd_rec *re = &d->rec[e], *ri = &d->rec[i];
    size_t ne = re->n_set, ni = ri->n_set;
    size_t small = ne < ni ? ne : ni, large = ne < ni ? ni : ne;
    double jac = (double)inter / (double)(ne + ni - inter);
    double cover = (double)inter / (double)small;
    memset(out, 0, sizeof *out);
    out->relation = SL_DUP_UNIQUE;
    out->a = e;
    out->b = i;
    out->jaccard = (float)jac;
    out->contain_a = (float)((double)inter / (double)ne);
    out->contain_b = (float)((double)inter / (double)ni);
    if (jac >= o->near) {
        out->relation = SL_DUP_NEAR;
        return;
    }
    if (re->source && ri->source && re->source != ri->source) {
        classify_copy(o, cover, (double)small / (double)large, ni < ne, out);
        return;
    }
    if (cover >= o->contained && (double)small <= o->contained_ratio * (double)large) {
        out->relation = SL_DUP_CONTAINED;
        if (ni < ne)
            swap_sides(out);
        return;
    }
    if (cover >= o->revision || (cover >= o->revision_titled && same_article(d, re, ne, p))) {
        out->relation = SL_DUP_REVISION;
        dd_order why;
        if (!sl_dedup_order(re, ri, &why))
            swap_sides(out);
        out->order = (uint8_t)why;
    }
}

static int verify(sl_dedup *d, uint32_t i, const sl_dedup_doc *p, size_t n_hits,
                  float *best_other)
{
    size_t verified = 0;
    d->n_fresh = 0;
    *best_other = 0.0f;
    for (size_t h = 0; h < n_hits && verified < d->opts.max_verify; h++) {
        uint32_t e = d->hits[h].doc;
        const dd_rec *re = &d->rec[e];
        verified++;
        d->verified++;
        int rc = read_other(d, re);
        if (rc)
            return rc;
        size_t inter = intersect(d->other, re->n_set, p->set, p->n_set);
        dd_pair pair;
        classify(d, e, i, p, inter, &pair);
        if (pair.relation == SL_DUP_UNIQUE) {
            if (pair.jaccard > *best_other)
                *best_other = pair.jaccard;
            continue;
        }
        if (d->n_fresh == d->cap_fresh &&
            (rc = sl_grow(d->ctx, (void **)&d->fresh, &d->cap_fresh, d->n_fresh + 1,
                          sizeof *d->fresh)) != SL_OK)
            return rc;
        d->fresh[d->n_fresh++] = pair;
    }
    return SL_OK;
}

static int store_set(sl_dedup *d, dd_rec *r, const sl_dedup_doc *p)
{
    int rc = sl_setstore_append(&d->store, p->set, p->n_set * sizeof *p->set, &r->set_off);
    if (rc)
        return rc;
    uint64_t unused;
    rc = sl_setstore_append(&d->store, p->title, p->n_title * sizeof *p->title, &unused);
    if (rc)
        return rc;
    return sl_setstore_append(&d->store, p->lead, p->n_lead * sizeof *p->lead, &unused);
}

static void index_anchors(sl_dedup *d, uint32_t i, const sl_dedup_doc *p, const unsigned char *skip)
{
    for (size_t a = 0; a < p->n_anchors; a++)
        if (!skip[a])
            sl_anchor_insert(&d->ix, p->anchors[a], i);
    sl_anchor_insert(&d->ix, exact_key(p->text_hash), i);
}

static int add_exact_copy(sl_dedup *d, uint32_t i, uint32_t first)
{
    int rc = sl_dedup_reserve_pairs(d, 1);
    if (rc)
        return rc;
    dd_rec *r = &d->rec[i];
    r->set_off = d->rec[first].set_off; /* same set: share it */
    r->n_title = 0;
    r->n_lead = 0;
    /* The same text under another headline is a near duplicate; a copy
     * that lost its headline is still exact. */
    const dd_rec *rf = &d->rec[first];
    int retitled = r->title_hash && rf->title_hash && r->title_hash != rf->title_hash;
    dd_pair pair = { first, i, 1.0f, 1.0f, 1.0f, retitled ? SL_DUP_NEAR : SL_DUP_EXACT,
                     DD_ORDER_NONE };
    sl_dedup_link(d, &pair);
    return SL_OK;
}

/* Everything that can fail happens before the first change to shared
 * state, so a failed add leaves the index as it was. */
static int add_indexed(sl_dedup *d, uint32_t i, const sl_dedup_doc *p)
{
    unsigned char small_skip[64], *skip = small_skip;
    if (p->n_anchors > sizeof small_skip) {
        skip = sl_malloc(d->ctx, p->n_anchors);
        if (!skip)
            return sl_oom(d->ctx);
    }
    size_t n_hits = 0;
    float best_other = 0.0f;
    int rc = gather(d, p, skip, &n_hits);
    if (!rc)
        rc = store_set(d, &d->rec[i], p);
    if (!rc)
        rc = verify(d, i, p, n_hits, &best_other);
    if (!rc)
        rc = sl_dedup_reserve_pairs(d, d->n_fresh);
    if (!rc)
        rc = sl_anchor_reserve(&d->ix, p->n_anchors + 1);
    if (!rc) {
        for (size_t k = 0; k < d->n_fresh; k++)
            sl_dedup_link(d, &d->fresh[k]);
        sl_dedup_note_unique_similarity(d, i, best_other);
        index_anchors(d, i, p, skip);
    }
    if (skip != small_skip)
        sl_free(d->ctx, skip);
    return rc;
}

int sl_dedup_add(sl_dedup *d, const char *id, size_t id_len, const char *published,
                 size_t published_len, const sl_dedup_doc *p)
{
    if (!d || !p || (!id && id_len))
        return d ? sl_error(d->ctx, SL_EINVAL, "dedup: bad arguments to add") : SL_EINVAL;
    uint32_t i = 0;
    int rc = new_record(d, id ? id : "", id_len, published, published_len, p, &i);
    if (rc)
        return rc;
    if (d->opts.window && i > d->opts.window)
        d->ix.live_from = (uint32_t)(i - d->opts.window);
    if (p->empty)
        return SL_OK; /* nothing to compare: unique */
    uint32_t first;
    if ((rc = find_exact(d, p->text_hash, &first)) != SL_OK)
        goto undo;
    rc = first != UINT32_MAX ? add_exact_copy(d, i, first) : add_indexed(d, i, p);
    if (rc == SL_OK)
        return SL_OK;
undo:
    /* Nothing refers to the new record yet (see add_indexed): drop it. */
    d->n--;
    d->ids.len = d->rec[i].id_off;
    return rc;
}
