/* The vocabulary (document frequencies and surface forms), sparse-vector
 * arithmetic, and the postings that find candidate clusters. */
#include "story/story_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MIN_CAP 1024

static size_t slot_of(uint32_t key, size_t cap)
{
    return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ull) >> 20) % cap;
}

/* ---- vocabulary ---- */

void st_vocab_init(st_vocab *v, sl_ctx *ctx)
{
    memset(v, 0, sizeof *v);
    v->ctx = ctx;
    sl_buf_init(&v->strings, ctx);
}

void st_vocab_release(st_vocab *v)
{
    sl_free(v->ctx, v->key);
    sl_free(v->ctx, v->df);
    sl_free(v->ctx, v->surface);
    sl_buf_release(&v->strings);
    memset(v, 0, sizeof *v);
}

static size_t vocab_find(const st_vocab *v, uint32_t key)
{
    size_t i = slot_of(key, v->cap);
    while (v->key[i] && v->key[i] != key)
        i = i + 1 == v->cap ? 0 : i + 1;
    return i;
}

static int vocab_grow(st_vocab *v, size_t extra)
{
    if (2 * (v->used + extra) <= v->cap)
        return SL_OK;
    size_t cap = MIN_CAP;
    while (cap < 3 * (v->used + extra))
        cap *= 2;
    st_vocab nv = *v;
    nv.key = sl_calloc(v->ctx, cap, sizeof *nv.key);
    nv.df = sl_malloc(v->ctx, cap * sizeof *nv.df);
    nv.surface = sl_malloc(v->ctx, cap * sizeof *nv.surface);
    nv.cap = cap;
    if (!nv.key || !nv.df || !nv.surface) {
        sl_free(v->ctx, nv.key);
        sl_free(v->ctx, nv.df);
        sl_free(v->ctx, nv.surface);
        return sl_oom(v->ctx);
    }
    for (size_t i = 0; i < v->cap; i++) {
        if (!v->key[i])
            continue;
        size_t j = vocab_find(&nv, v->key[i]);
        nv.key[j] = v->key[i];
        nv.df[j] = v->df[i];
        nv.surface[j] = v->surface[i];
    }
    sl_free(v->ctx, v->key);
    sl_free(v->ctx, v->df);
    sl_free(v->ctx, v->surface);
    *v = nv;
    return SL_OK;
}

int st_vocab_add_doc(st_vocab *v, const sl_story_doc *p)
{
    int rc = vocab_grow(v, p->n_feat);
    if (rc)
        return rc;
    /* surface forms first: the only step that can fail */
    size_t strings_before = v->strings.len;
    uint32_t *new_surface = sl_malloc(v->ctx, (p->n_feat ? p->n_feat : 1) * sizeof *new_surface);
    if (!new_surface)
        return sl_oom(v->ctx);
    for (size_t i = 0; i < p->n_feat; i++) {
        size_t j = vocab_find(v, p->feat[i].key);
        new_surface[i] = UINT32_MAX;
        if (v->key[j] || v->strings.len > UINT32_MAX - 256)
            continue;
        const char *s = p->surf.ptr + p->surface[i];
        new_surface[i] = (uint32_t)v->strings.len;
        if ((rc = sl_buf_append(&v->strings, s, strlen(s) + 1)) != SL_OK) {
            v->strings.len = strings_before;
            sl_free(v->ctx, new_surface);
            return rc;
        }
    }
    for (size_t i = 0; i < p->n_feat; i++) {
        size_t j = vocab_find(v, p->feat[i].key);
        if (!v->key[j]) {
            v->key[j] = p->feat[i].key;
            v->df[j] = 0;
            v->surface[j] = new_surface[i];
            v->used++;
        }
        if (v->df[j] < UINT32_MAX)
            v->df[j]++;
    }
    sl_free(v->ctx, new_surface);
    return SL_OK;
}

uint32_t st_vocab_df(const st_vocab *v, uint32_t key)
{
    if (!v->cap)
        return 0;
    size_t j = vocab_find(v, key);
    return v->key[j] ? v->df[j] : 0;
}

const char *st_vocab_surface(const st_vocab *v, uint32_t key)
{
    if (!v->cap)
        return NULL;
    size_t j = vocab_find(v, key);
    if (!v->key[j] || v->surface[j] == UINT32_MAX)
        return NULL;
    return v->strings.ptr + v->surface[j];
}

/* ---- sparse vectors ---- */

double st_dot(const st_feat *a, size_t na, const st_feat *b, size_t nb)
{
    double s = 0;
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i].key < b[j].key)
            i++;
        else if (a[i].key > b[j].key)
            j++;
        else
            s += (double)a[i++].w * b[j++].w;
    }
    return s;
}

double st_norm(const st_feat *a, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += (double)a[i].w * a[i].w;
    return sqrt(s);
}

/* The order of "heavier": larger weight first, then smaller key, a strict
 * total order (keys are distinct within a vector), so ties are broken the
 * same way on every run. */
static int heavier(const st_feat *a, const st_feat *b)
{
    return a->w > b->w || (a->w == b->w && a->key < b->key);
}

static void swap_feat(st_feat *a, st_feat *b)
{
    st_feat t = *a;
    *a = *b;
    *b = t;
}

/* Lomuto partition of v[lo..hi) around its middle entry: returns where the
 * pivot lands, everything before it being `before` it in the order. */
static size_t partition(st_feat *v, size_t lo, size_t hi, int by_weight)
{
    swap_feat(&v[lo + (hi - lo) / 2], &v[hi - 1]);
    st_feat pivot = v[hi - 1];
    size_t store = lo;
    for (size_t i = lo; i + 1 < hi; i++) {
        int before = by_weight ? heavier(&v[i], &pivot) : v[i].key < pivot.key;
        if (before)
            swap_feat(&v[i], &v[store++]);
    }
    swap_feat(&v[store], &v[hi - 1]);
    return store;
}

/* Quickselect: afterwards v[0..keep) holds the `keep` heaviest entries, in
 * no particular order.  Specialised (no callback): it runs for every
 * document and every cluster update. */
static void select_heaviest(st_feat *v, size_t n, size_t keep)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t p = partition(v, lo, hi, 1);
        if (p == keep || p + 1 == keep)
            return;
        if (p > keep)
            hi = p;
        else
            lo = p + 1;
    }
}

/* Keys are distinct hashes, so the middle pivot splits evenly enough;
 * recursing into the smaller side bounds the stack anyway. */
static void sort_keys(st_feat *v, size_t n)
{
    while (n > 16) {
        size_t p = partition(v, 0, n, 0);
        if (p < n - p) {
            sort_keys(v, p);
            v += p + 1;
            n -= p + 1;
        } else {
            sort_keys(v + p + 1, n - p - 1);
            n = p;
        }
    }
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && v[k - 1].key > v[k].key; k--)
            swap_feat(&v[k - 1], &v[k]);
}

void st_sort_by_key(st_feat *v, size_t n)
{
    sort_keys(v, n);
}

void st_keep_top(st_feat *v, size_t *n, size_t keep)
{
    if (*n > keep) {
        select_heaviest(v, *n, keep);
        *n = keep;
    }
    sort_keys(v, *n);
}

/* ---- postings ---- */

void st_postings_init(st_postings *p, sl_ctx *ctx)
{
    memset(p, 0, sizeof *p);
    p->ctx = ctx;
}

void st_postings_release(st_postings *p)
{
    sl_free(p->ctx, p->key);
    sl_free(p->ctx, p->head);
    sl_free(p->ctx, p->node_cluster);
    sl_free(p->ctx, p->node_next);
    sl_ctx *ctx = p->ctx;
    memset(p, 0, sizeof *p);
    p->ctx = ctx;
}

static size_t key_slot(const uint32_t *keys, size_t cap, uint32_t key)
{
    size_t i = slot_of(key, cap);
    while (keys[i] && keys[i] != key)
        i = i + 1 == cap ? 0 : i + 1;
    return i;
}

static int grow_keys(st_postings *p, size_t need)
{
    if (2 * need <= p->kcap)
        return SL_OK;
    size_t cap = MIN_CAP;
    while (cap < 4 * need)
        cap *= 2;
    uint32_t *key = sl_calloc(p->ctx, cap, sizeof *key);
    uint32_t *head = sl_calloc(p->ctx, cap, sizeof *head);
    if (!key || !head) {
        sl_free(p->ctx, key);
        sl_free(p->ctx, head);
        return sl_oom(p->ctx);
    }
    for (size_t i = 0; i < p->kcap; i++) {
        if (!p->key[i])
            continue;
        size_t j = key_slot(key, cap, p->key[i]);
        key[j] = p->key[i];
        head[j] = p->head[i];
    }
    sl_free(p->ctx, p->key);
    sl_free(p->ctx, p->head);
    p->key = key;
    p->head = head;
    p->kcap = cap;
    return SL_OK;
}

static int grow_nodes(st_postings *p, size_t need)
{
    if (need <= p->cap_nodes)
        return SL_OK;
    size_t cap = p->cap_nodes;
    int rc = sl_grow(p->ctx, (void **)&p->node_cluster, &cap, need, sizeof *p->node_cluster);
    if (!rc)
        rc = sl_grow(p->ctx, (void **)&p->node_next, &p->cap_nodes, need, sizeof *p->node_next);
    return rc;
}

int st_postings_reserve(st_postings *p, size_t extra)
{
    if (p->n_nodes + extra >= UINT32_MAX)
        return sl_error(p->ctx, SL_ELIMIT, "stories: postings over 4 billion entries");
    int rc = grow_keys(p, p->kused + extra);
    if (!rc)
        rc = grow_nodes(p, p->n_nodes + extra);
    return rc;
}

void st_postings_insert(st_postings *p, uint32_t key, uint32_t cluster)
{
    size_t i = key_slot(p->key, p->kcap, key);
    if (!p->key[i]) {
        p->key[i] = key;
        p->head[i] = 0;
        p->kused++;
    }
    size_t n = p->n_nodes++;
    p->node_cluster[n] = cluster;
    p->node_next[n] = p->head[i];
    p->head[i] = (uint32_t)n + 1;
}

size_t st_postings_lookup(const st_postings *p, uint32_t key, uint32_t *out, size_t limit)
{
    if (!p->kcap)
        return 0;
    size_t i = key_slot(p->key, p->kcap, key), n = 0;
    if (!p->key[i])
        return 0;
    for (uint32_t at = p->head[i]; at && n < limit; at = p->node_next[at - 1])
        out[n++] = p->node_cluster[at - 1];
    return n;
}

int st_postings_drop(st_postings *p, const st_cluster *clusters)
{
    size_t live = 0;
    for (size_t k = 0; k < p->n_nodes; k++)
        live += !clusters[p->node_cluster[k]].closed;
    uint32_t *cl = sl_malloc(p->ctx, (live ? live : 1) * sizeof *cl);
    uint32_t *next = sl_malloc(p->ctx, (live ? live : 1) * sizeof *next);
    if (!cl || !next) {
        sl_free(p->ctx, cl);
        sl_free(p->ctx, next);
        return sl_oom(p->ctx);
    }
    /* key by key in slot order, each list kept in its order (newest first) */
    size_t n = 0;
    for (size_t i = 0; i < p->kcap; i++) {
        if (!p->key[i])
            continue;
        uint32_t *link = &p->head[i];
        for (uint32_t at = p->head[i]; at; at = p->node_next[at - 1]) {
            if (clusters[p->node_cluster[at - 1]].closed)
                continue;
            cl[n] = p->node_cluster[at - 1];
            *link = (uint32_t)n + 1;
            link = &next[n++];
        }
        *link = 0;
    }
    sl_free(p->ctx, p->node_cluster);
    sl_free(p->ctx, p->node_next);
    p->node_cluster = cl;
    p->node_next = next;
    p->n_nodes = p->cap_nodes = live;
    return SL_OK;
}
