/* Candidate pairs for shared passages by winnowing; see passages.h. */
#include "dedup/passages.h"
#include "dedup/dedup_internal.h"

#include "dedup/shingle.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

typedef struct fp_entry {
    uint64_t key;
    uint32_t id;
} fp_entry;

struct sl_passages {
    sl_ctx *ctx;
    sl_passages_options opts;
    unsigned k, w;           /* k-gram length, winnowing window */
    bool finished;
    /* fingerprint -> id (ids in order of first appearance): open
     * addressing with linear probing; a slot is taken when ids[s] != 0 */
    uint64_t *keys;
    uint32_t *ids;           /* 1 + id; 0 = empty slot */
    size_t slots, used;
    /* per fingerprint id: documents having it while adding, then the start
     * of its posting list (off[id]..off[id+1]) */
    uint32_t *df;
    size_t df_cap, n_ids;
    uint32_t *off;
    uint32_t *postings;
    /* per document: its fingerprint ids, fps[doc_off[d]..doc_off[d+1]) */
    size_t *doc_off;
    size_t doc_cap, docs;
    uint32_t *fps;
    size_t fps_cap, n_fps;
    /* after finish: the fingerprints in ascending order; ids are then
     * renumbered so that id i is fingerprint fp_sorted[i] */
    uint64_t *fp_sorted;
    /* scratch */
    uint64_t *tokens, *grams, *picked;
    size_t tokens_cap, grams_cap, picked_cap;
    size_t *deque;
    size_t deque_cap;
    uint32_t *doc_ids, *cand;
    size_t doc_ids_cap, cand_cap, n_cand;
    size_t peak;
};

/* ---- growable arrays ------------------------------------------------------ */

static int reserve(sl_ctx *ctx, void **v, size_t *cap, size_t need, size_t elem)
{
    return need <= *cap ? SL_OK : sl_grow(ctx, v, cap, need, elem);
}

static size_t held_bytes(const sl_passages *p)
{
    return (p->fp_sorted ? p->n_ids * sizeof *p->fp_sorted : 0) + p->picked_cap * sizeof *p->picked +
           p->slots * (sizeof *p->keys + sizeof *p->ids) + p->df_cap * sizeof *p->df +
           (p->off ? (p->n_ids + 1) * sizeof *p->off : 0) +
           (p->postings ? p->n_fps * sizeof *p->postings : 0) + p->doc_cap * sizeof *p->doc_off +
           p->fps_cap * sizeof *p->fps + p->tokens_cap * sizeof *p->tokens +
           p->grams_cap * sizeof *p->grams + p->deque_cap * sizeof *p->deque +
           p->doc_ids_cap * sizeof *p->doc_ids + p->cand_cap * sizeof *p->cand;
}

static void note_peak(sl_passages *p)
{
    size_t now = held_bytes(p);
    if (now > p->peak)
        p->peak = now;
}

/* ---- fingerprint table ------------------------------------------------------ */

static size_t slot_of(uint64_t key, size_t slots)
{
    return (size_t)(key * UINT64_C(0x9E3779B97F4A7C15) >> 32) & (slots - 1);
}

static int table_rehash(sl_passages *p, size_t slots)
{
    uint64_t *keys = sl_calloc(p->ctx, slots, sizeof *keys);
    uint32_t *ids = sl_calloc(p->ctx, slots, sizeof *ids);
    if (!keys || !ids) {
        sl_free(p->ctx, keys);
        sl_free(p->ctx, ids);
        return sl_oom(p->ctx);
    }
    for (size_t i = 0; i < p->slots; i++) {
        if (!p->ids[i])
            continue;
        size_t s = slot_of(p->keys[i], slots);
        while (ids[s])
            s = (s + 1) & (slots - 1);
        keys[s] = p->keys[i];
        ids[s] = p->ids[i];
    }
    sl_free(p->ctx, p->keys);
    sl_free(p->ctx, p->ids);
    p->keys = keys;
    p->ids = ids;
    p->slots = slots;
    return SL_OK;
}

/* The id of fingerprint `key`, given a new id when it is new. */
static int table_id(sl_passages *p, uint64_t key, uint32_t *id)
{
    if (2 * (p->used + 1) > p->slots) {
        int rc = table_rehash(p, p->slots ? 2 * p->slots : 1024);
        if (rc)
            return rc;
    }
    size_t s = slot_of(key, p->slots);
    while (p->ids[s] && p->keys[s] != key)
        s = (s + 1) & (p->slots - 1);
    if (p->ids[s]) {
        *id = p->ids[s] - 1;
        return SL_OK;
    }
    if (p->n_ids >= UINT32_MAX - 1)
        return sl_error(p->ctx, SL_EINVAL, "passages: too many distinct fingerprints");
    int rc = reserve(p->ctx, (void **)&p->df, &p->df_cap, p->n_ids + 1, sizeof *p->df);
    if (rc)
        return rc;
    p->df[p->n_ids] = 0;
    p->keys[s] = key;
    p->ids[s] = (uint32_t)(p->n_ids + 1);
    p->used++;
    *id = (uint32_t)p->n_ids++;
    return SL_OK;
}

/* ---- winnowing ------------------------------------------------------------------- */

static int doc_tokens(sl_passages *p, const char *text, size_t len, size_t *n)
{
    sl_tokenizer t;
    sl_token tok;
    *n = 0;
    sl_tokenizer_init(&t, text, len);
    while (sl_token_next(&t, &tok)) {
        int rc = reserve(p->ctx, (void **)&p->tokens, &p->tokens_cap, *n + 1, sizeof *p->tokens);
        if (rc)
            return rc;
        p->tokens[(*n)++] = tok.hash;
    }
    return SL_OK;
}

/* The k-gram hashes of the document's tokens into p->grams[0..m). */
static int doc_grams(sl_passages *p, const uint64_t *tokens, size_t n_tokens, size_t *m)
{
    *m = n_tokens - p->k + 1;
    int rc = reserve(p->ctx, (void **)&p->grams, &p->grams_cap, *m, sizeof *p->grams);
    if (rc)
        return rc;
    for (size_t i = 0; i < *m; i++)
        p->grams[i] = XXH3_64bits(tokens + i, p->k * sizeof *tokens);
    return SL_OK;
}

/* Keep the minimum of every window of w grams (the rightmost on ties),
 * each selected position once, in p->picked[0..*n).
 * A deque of positions with increasing gram values gives each window's
 * minimum in O(1) amortised. */
static int winnow(sl_passages *p, size_t m, size_t *n)
{
    int rc = reserve(p->ctx, (void **)&p->deque, &p->deque_cap, m, sizeof *p->deque);
    if (rc)
        return rc;
    size_t head = 0, tail = 0, last = SIZE_MAX, w = p->w;
    *n = 0;
    for (size_t i = 0; i < m; i++) {
        while (tail > head && p->grams[p->deque[tail - 1]] >= p->grams[i])
            tail--;
        p->deque[tail++] = i;
        if (p->deque[head] + w <= i)
            head++;
        if (i + 1 < w || p->deque[head] == last)
            continue;
        last = p->deque[head];
        rc = reserve(p->ctx, (void **)&p->picked, &p->picked_cap, *n + 1, sizeof *p->picked);
        if (rc)
            return rc;
        p->picked[(*n)++] = p->grams[last];
    }
    return SL_OK;
}

/* The fingerprints of text[0..len) in p->picked[0..*n). */
static int hash_fingerprints(sl_passages *p, const uint64_t *tokens, size_t n_tokens, size_t *n)
{
    size_t m;
    *n = 0;
    if (n_tokens < p->opts.min_words)
        return SL_OK;
    int rc = doc_grams(p, tokens, n_tokens, &m);
    return rc ? rc : winnow(p, m, n);
}

static int fingerprints(sl_passages *p, const char *text, size_t len, size_t *n)
{
    size_t n_tokens;
    *n = 0;
    int rc = doc_tokens(p, text, len, &n_tokens);
    return rc ? rc : hash_fingerprints(p, p->tokens, n_tokens, n);
}

/* Their ids in p->doc_ids[0..n). */
static int fingerprint_ids(sl_passages *p, size_t n)
{
    int rc = reserve(p->ctx, (void **)&p->doc_ids, &p->doc_ids_cap, n, sizeof *p->doc_ids);
    for (size_t i = 0; i < n && !rc; i++)
        rc = table_id(p, p->picked[i], &p->doc_ids[i]);
    return rc;
}

/* Append the document's distinct fingerprint ids and count them.  Nothing
 * changes unless everything needed could be allocated. */
static int doc_store(sl_passages *p, size_t n)
{
    n = sl_sort_unique_u32(p->doc_ids, n);
    if (p->n_fps + n >= UINT32_MAX)
        return sl_error(p->ctx, SL_EINVAL, "passages: index full (2^32 fingerprints)");
    int rc = reserve(p->ctx, (void **)&p->fps, &p->fps_cap, p->n_fps + n, sizeof *p->fps);
    if (!rc)
        rc = reserve(p->ctx, (void **)&p->doc_off, &p->doc_cap, p->docs + 2, sizeof *p->doc_off);
    if (rc)
        return rc;
    if (n)
        memcpy(p->fps + p->n_fps, p->doc_ids, n * sizeof *p->fps);
    for (size_t i = 0; i < n; i++)
        p->df[p->doc_ids[i]]++;
    p->doc_off[p->docs] = p->n_fps;
    p->n_fps += n;
    p->doc_off[++p->docs] = p->n_fps;
    return SL_OK;
}

/* ---- the public calls ---------------------------------------------------------- */

int sl_passages_new(sl_ctx *ctx, sl_passages **out, const sl_passages_options *opts)
{
    sl_passages_options defaults = SL_PASSAGES_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    *out = NULL;
    if (opts->min_words < 1 || opts->max_df < 2)
        return sl_error(ctx, SL_EINVAL, "passages: min_words must be >= 1 and max_df >= 2");
    sl_passages *p = sl_calloc(ctx, 1, sizeof *p);
    if (!p)
        return sl_oom(ctx);
    p->ctx = ctx;
    p->opts = *opts;
    p->k = opts->gram ? opts->gram : SL_PASSAGES_GRAM;
    if (p->k > opts->min_words)
        p->k = opts->min_words;
    p->w = opts->min_words - p->k + 1;
    *out = p;
    return SL_OK;
}

void sl_passages_free(sl_passages *p)
{
    if (!p)
        return;
    sl_ctx *ctx = p->ctx;
    void *arrays[] = { p->keys, p->ids, p->df, p->off, p->postings, p->doc_off, p->fps,
                       p->fp_sorted, p->tokens, p->grams, p->picked, p->deque, p->doc_ids, p->cand };
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        sl_free(ctx, arrays[i]);
    sl_free(ctx, p);
}

static int add_check(sl_passages *p, bool null_input)
{
    if (p->finished)
        return sl_error(p->ctx, SL_EINVAL, "passages: document added after finish");
    if (p->docs >= UINT32_MAX - 1 || p->n_fps >= UINT32_MAX / 2)
        return sl_error(p->ctx, SL_EINVAL, "passages: too many documents");
    if (null_input)
        return sl_error(p->ctx, SL_EINVAL, "passages: NULL text");
    return SL_OK;
}

/* Store the document whose fingerprints are in p->picked[0..n) (rc is the
 * result of finding them). */
static int add_picked(sl_passages *p, int rc, size_t n)
{
    if (!rc)
        rc = fingerprint_ids(p, n);
    /* A failed document leaves fingerprints in the table with no document;
     * they are harmless (they only count the documents that were added). */
    if (!rc)
        rc = doc_store(p, n);
    note_peak(p);
    return rc;
}

int sl_passages_add(sl_passages *p, const char *text, size_t len)
{
    int rc = add_check(p, !text && len);
    if (rc)
        return rc;
    size_t n = 0;
    rc = fingerprints(p, text, len, &n);
    return add_picked(p, rc, n);
}

int sl_passages_add_hashes(sl_passages *p, const uint64_t *tokens, size_t n_tokens)
{
    int rc = add_check(p, !tokens && n_tokens);
    if (rc)
        return rc;
    size_t n = 0;
    rc = hash_fingerprints(p, tokens, n_tokens, &n);
    return add_picked(p, rc, n);
}

static int by_key(const void *x, const void *y)
{
    const fp_entry *a = x, *b = y;
    return a->key < b->key ? -1 : a->key > b->key;
}

/* Documents having fingerprint `key` (0 when it is not in the index). */
static size_t df_of(const sl_passages *p, uint64_t key)
{
    size_t lo = 0, hi = p->n_ids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->fp_sorted[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == p->n_ids || p->fp_sorted[lo] != key)
        return 0;
    return p->off[lo + 1] - p->off[lo];
}

typedef struct finish_arrays {
    fp_entry *entries;   /* temporary: the table, sorted by fingerprint */
    uint32_t *renumber;  /* temporary: old id -> new id */
    uint64_t *fp_sorted;
    uint32_t *off, *postings;
} finish_arrays;

static void finish_free(sl_ctx *ctx, finish_arrays *f)
{
    sl_free(ctx, f->entries);
    sl_free(ctx, f->renumber);
    sl_free(ctx, f->fp_sorted);
    sl_free(ctx, f->off);
    sl_free(ctx, f->postings);
}

static int finish_alloc(sl_passages *p, finish_arrays *f)
{
    size_t ids = p->n_ids ? p->n_ids : 1;
    memset(f, 0, sizeof *f);
    f->entries = sl_malloc(p->ctx, ids * sizeof *f->entries);
    f->renumber = sl_malloc(p->ctx, ids * sizeof *f->renumber);
    f->fp_sorted = sl_malloc(p->ctx, ids * sizeof *f->fp_sorted);
    f->off = sl_calloc(p->ctx, p->n_ids + 1, sizeof *f->off);
    f->postings = sl_malloc(p->ctx, (p->n_fps ? p->n_fps : 1) * sizeof *f->postings);
    if (f->entries && f->renumber && f->fp_sorted && f->off && f->postings)
        return SL_OK;
    finish_free(p->ctx, f);
    return sl_oom(p->ctx);
}

/* Give the fingerprints new ids in key order: fp_sorted[id] is then the
 * key of id, which is all sl_passages_rare needs to find it. */
static void renumber_ids(sl_passages *p, finish_arrays *f)
{
    size_t n = 0;
    for (size_t s = 0; s < p->slots; s++)
        if (p->ids[s])
            f->entries[n++] = (fp_entry){ p->keys[s], p->ids[s] - 1 };
    if (n > 1)
        qsort(f->entries, n, sizeof *f->entries, by_key);
    for (size_t r = 0; r < n; r++) {
        f->fp_sorted[r] = f->entries[r].key;
        f->renumber[f->entries[r].id] = (uint32_t)r;
    }
    for (size_t i = 0; i < p->n_fps; i++)
        p->fps[i] = f->renumber[p->fps[i]];
    for (size_t id = 0; id < p->n_ids; id++)
        f->off[f->renumber[id] + 1] = p->df[id];
}

int sl_passages_finish(sl_passages *p)
{
    if (p->finished)
        return SL_OK;
    finish_arrays f;
    int rc = finish_alloc(p, &f);
    if (rc)
        return rc;
    renumber_ids(p, &f);
    for (size_t id = 0; id < p->n_ids; id++)
        f.off[id + 1] += f.off[id];
    /* df becomes the fill cursor of each list; documents go in ascending
     * order, so every posting list comes out sorted. */
    if (p->n_ids)
        memcpy(p->df, f.off, p->n_ids * sizeof *f.off);
    for (size_t d = 0; d < p->docs; d++)
        for (size_t i = p->doc_off[d]; i < p->doc_off[d + 1]; i++)
            f.postings[p->df[p->fps[i]]++] = (uint32_t)d;
    p->off = f.off;
    p->postings = f.postings;
    p->fp_sorted = f.fp_sorted;
    note_peak(p);
    /* The table, the counts and the temporary arrays are not needed any
     * more. */
    sl_free(p->ctx, f.entries);
    sl_free(p->ctx, f.renumber);
    sl_free(p->ctx, p->keys);
    sl_free(p->ctx, p->ids);
    sl_free(p->ctx, p->df);
    p->keys = NULL;
    p->ids = NULL;
    p->df = NULL;
    p->slots = p->df_cap = 0;
    p->finished = true;
    return SL_OK;
}

int sl_passages_candidates(sl_passages *p, uint32_t a, const uint32_t **docs, size_t *n)
{
    *docs = NULL;
    *n = 0;
    if (!p->finished || a >= p->docs)
        return sl_error(p->ctx, SL_EINVAL, "passages: candidates before finish or of no document");
    size_t c = 0;
    for (size_t i = p->doc_off[a]; i < p->doc_off[a + 1]; i++) {
        size_t id = p->fps[i], lo = p->off[id], hi = p->off[id + 1];
        if (hi - lo < 2 || hi - lo > p->opts.max_df)
            continue;
        int rc = reserve(p->ctx, (void **)&p->cand, &p->cand_cap, c + (hi - lo), sizeof *p->cand);
        if (rc)
            return rc;
        for (size_t j = lo; j < hi; j++)
            if (p->postings[j] > a)
                p->cand[c++] = p->postings[j];
    }
    note_peak(p);
    *n = sl_sort_unique_u32(p->cand, c);
    *docs = p->cand;
    return SL_OK;
}

void sl_passages_get_stats(const sl_passages *p, sl_passages_stats *st)
{
    memset(st, 0, sizeof *st);
    st->docs = p->docs;
    st->fingerprints = p->n_fps;
    st->distinct = p->n_ids;
    for (size_t id = 0; id < p->n_ids; id++) {
        size_t df = p->finished ? p->off[id + 1] - p->off[id] : p->df[id];
        st->common += df > p->opts.max_df;
    }
    st->bytes = held_bytes(p) + sizeof *p;
    st->peak_bytes = (p->peak > held_bytes(p) ? p->peak : held_bytes(p)) + sizeof *p;
}

int sl_passages_rare(sl_passages *p, const char *text, size_t len, bool *rare)
{
    *rare = false;
    if (!p->finished)
        return sl_error(p->ctx, SL_EINVAL, "passages: rare before finish");
    size_t n;
    int rc = fingerprints(p, text, len, &n);
    for (size_t i = 0; i < n && !rc && !*rare; i++) {
        size_t df = df_of(p, p->picked[i]);
        *rare = df >= 1 && df <= p->opts.max_df;
    }
    return rc;
}
