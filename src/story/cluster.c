/* Events and stories as clusters: centroids kept as the heaviest terms and
 * names of the sum of their members' vectors, and the similarity of a
 * document to a cluster (text, names, and distance in time). */
#include "story/story_cluster.h"

#include <math.h>
#include <string.h>

/* Nothing is allocated until st_cluster_reserve: most events stay small. */
void st_cluster_init(st_cluster *c, uint16_t max_terms, uint16_t max_names)
{
    memset(c, 0, sizeof *c);
    c->max_terms = max_terms;
    c->max_names = max_names;
    c->first_day = c->last_day = INT64_MIN;
    c->may_lo = INT64_MIN;
    c->may_hi = INT64_MAX;
}

static int reserve_array(sl_ctx *ctx, st_feat **v, uint16_t *alloc, size_t need)
{
    if (need <= *alloc)
        return SL_OK;
    st_feat *p = sl_realloc(ctx, *v, need * sizeof *p);
    if (!p)
        return sl_oom(ctx);
    *v = p;
    *alloc = (uint16_t)need;
    return SL_OK;
}

int st_cluster_reserve(sl_ctx *ctx, st_cluster *c, const st_docvec *d)
{
    size_t t = c->n_terms + d->n_terms, n = c->n_names + d->n_names;
    int rc = reserve_array(ctx, &c->terms, &c->alloc_terms, t < c->max_terms ? t : c->max_terms);
    if (!rc)
        rc = reserve_array(ctx, &c->names, &c->alloc_names, n < c->max_names ? n : c->max_names);
    return rc;
}

void st_cluster_release(sl_ctx *ctx, st_cluster *c)
{
    sl_free(ctx, c->terms);
    sl_free(ctx, c->names);
    c->terms = c->names = NULL;
    c->n_terms = c->n_names = c->alloc_terms = c->alloc_names = 0;
}

/* sum = sum + v, keeping the `cap` heaviest entries; scratch holds na + nv. */
static void add_vector(st_feat *sum, uint16_t *n, uint16_t cap, const st_feat *v, size_t nv,
                       st_feat *scratch)
{
    size_t i = 0, j = 0, k = 0;
    while (i < *n || j < nv) {
        if (j == nv || (i < *n && sum[i].key < v[j].key))
            scratch[k++] = sum[i++];
        else if (i == *n || v[j].key < sum[i].key)
            scratch[k++] = v[j++];
        else {
            scratch[k] = sum[i++];
            scratch[k++].w += v[j++].w;
        }
    }
    /* prune back to cap only once half as many again have gathered: the
     * sort is then paid once every few documents */
    if (k > cap)
        st_keep_top(scratch, &k, cap * 2 / 3);
    if (k) /* sum is NULL while the cluster has no entries */
        memcpy(sum, scratch, k * sizeof *sum);
    *n = (uint16_t)k;
}

static void add_years(st_cluster *c, const uint16_t *years, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < c->n_years && c->years[j] != years[i])
            j++;
        if (j == c->n_years && c->n_years < ST_MAX_YEARS)
            c->years[c->n_years++] = years[i];
    }
}

void st_cluster_add(st_cluster *c, const st_docvec *d, st_feat *scratch)
{
    add_vector(c->terms, &c->n_terms, c->max_terms, d->terms, d->n_terms, scratch);
    add_vector(c->names, &c->n_names, c->max_names, d->names, d->n_names, scratch);
    c->tnorm = (float)st_norm(c->terms, c->n_terms);
    c->nnorm = (float)st_norm(c->names, c->n_names);
    add_years(c, d->years, d->n_years);
    st_cluster_note_when(c, d->day_lo, d->day_hi);
}

void st_cluster_note_when(st_cluster *c, int64_t lo, int64_t hi)
{
    if (lo != INT64_MIN && hi != INT64_MAX && hi - lo <= ST_NARROW_DAYS)
        st_cluster_note_day(c, lo + (hi - lo) / 2);
    int64_t new_lo = lo > c->may_lo ? lo : c->may_lo;
    int64_t new_hi = hi < c->may_hi ? hi : c->may_hi;
    if (new_lo <= new_hi) { /* a member that cannot fit narrows nothing */
        c->may_lo = new_lo;
        c->may_hi = new_hi;
    }
}

/* Days between the interval [lo, hi] and [a, b] (open sides allowed). */
static int64_t gap_between(int64_t lo, int64_t hi, int64_t a, int64_t b)
{
    if (a != INT64_MIN && hi != INT64_MAX && hi < a)
        return a - hi;
    if (b != INT64_MAX && lo != INT64_MIN && lo > b)
        return lo - b;
    return 0;
}

void st_cluster_note_day(st_cluster *c, int64_t day)
{
    if (day == INT64_MIN)
        return;
    if (c->first_day == INT64_MIN || day < c->first_day)
        c->first_day = day;
    if (c->last_day == INT64_MIN || day > c->last_day)
        c->last_day = day;
}

/* Similarity halves every `half_life` days between the document's dates
 * (an interval when inferred) and the cluster's dated span, or the days its
 * members may have been published on, after a day of grace. */
static double time_factor(const st_cluster *c, const st_docvec *d, double half_life,
                          int is_event)
{
    if (half_life <= 0)
        return 1.0;
    int64_t gap = 0;
    if (c->first_day != INT64_MIN)
        gap = gap_between(d->day_lo, d->day_hi, c->first_day, c->last_day);
    /* an event's members are published within days of each other: the
     * days they may all have been published on count too (not for a story,
     * whose members span months) */
    if (is_event) {
        int64_t may = gap_between(d->day_lo, d->day_hi, c->may_lo, c->may_hi);
        gap = may > gap ? may : gap;
    }
    return gap <= 1 ? 1.0 : pow(0.5, (double)(gap - 1) / half_life);
}

/* Years mentioned on both sides and none in common: likely another event
 * of the same kind ("the 2008 quake" against "the 2013 quake"). */
static double years_factor(const st_cluster *c, const st_docvec *d)
{
    if (!c->n_years || !d->n_years)
        return 1.0;
    for (size_t i = 0; i < d->n_years; i++)
        for (size_t j = 0; j < c->n_years; j++)
            if (d->years[i] == c->years[j])
                return 1.0;
    return 0.7;
}

double st_similarity(const st_cluster *c, const st_docvec *d, double name_share,
                     double half_life, int is_event)
{
    double t = c->tnorm > 0 ? st_dot(d->terms, d->n_terms, c->terms, c->n_terms) / c->tnorm : 0;
    double s = t;
    if (d->n_names && c->n_names && c->nnorm > 0) {
        double n = st_dot(d->names, d->n_names, c->names, c->n_names) / c->nnorm;
        s = (1 - name_share) * t + name_share * n;
    }
    return s * time_factor(c, d, half_life, is_event) * years_factor(c, d);
}

/* Give back the memory past n entries (if the allocator will not, the
 * array simply stays larger). */
static void shrink_array(sl_ctx *ctx, st_feat **v, uint16_t *alloc, uint16_t n)
{
    if (!*v || n == *alloc)
        return;
    st_feat *p = sl_realloc(ctx, *v, (n ? n : 1) * sizeof **v);
    if (p) {
        *v = p;
        *alloc = n ? n : 1;
    }
}

/* A closed cluster keeps only what its label needs. */
void st_cluster_shrink(sl_ctx *ctx, st_cluster *c, uint16_t keep)
{
    size_t nt = c->n_terms, nn = c->n_names;
    st_keep_top(c->terms, &nt, keep);
    st_keep_top(c->names, &nn, keep);
    c->n_terms = (uint16_t)nt;
    c->n_names = (uint16_t)nn;
    shrink_array(ctx, &c->terms, &c->alloc_terms, c->n_terms);
    shrink_array(ctx, &c->names, &c->alloc_names, c->n_names);
    c->closed = 1;
}
