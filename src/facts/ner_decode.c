/* NER tagging: tokens, sentences, features, Viterbi, spans.  See ner.h. */
#include "facts/ner.h"

#include <math.h>
#include <string.h>
/* inlined: most keys hash a few bytes, where the call costs as much as the hash */
#define XXH_INLINE_ALL
#include <xxhash.h>

static const char *const type_names[SL_NER_NTYPES] = { "PER", "ORG", "LOC", "MISC" };

const char *sl_ner_type_name(int type)
{
    return type >= 0 && type < SL_NER_NTYPES ? type_names[type] : NULL;
}

/* Viterbi over the 9 tags.  The step of token i keeps, for every tag t, the
 * best of prev[p] + trans(p -> t) over the tags p allowed before t, the
 * first of equal scores (lowest p), and tag 0 at -1e30 when none is above
 * -1e30.  I-X only continues B-X or I-X: the other transitions into I-X are
 * -infinity, never above -1e30, so never chosen.  Tags 0-7 are worked on
 * as two vectors of four (GCC and Clang vector types: SSE2 or NEON code),
 * p by p in increasing order; the last tag, I-MISC, which can only follow
 * B-MISC or I-MISC, is done on its own.  The scores are sums of integers
 * stored in floats, computed as before, so the tags are the same as those
 * of the plain loop (tests/unit/test_ner.c compares the two). */
#define LANES 8
#define NVEC (LANES / 4)
#define LAST_TAG (SL_NER_NTAGS - 1)
typedef float vf4 __attribute__((vector_size(16)));
typedef int32_t vi4 __attribute__((vector_size(16)));

typedef struct vit_trans {
    vf4 into[SL_NER_NTAGS][NVEC]; /* lane t of row p: p -> t */
    float last[2];                /* B-MISC -> I-MISC, I-MISC -> I-MISC */
} vit_trans;

static void vit_trans_make(const float *trans, vit_trans *vt)
{
    for (int p = 0; p < SL_NER_NTAGS; p++)
        for (int t = 0; t < LANES; t++) {
            bool allowed = !SL_NER_TAG_IS_I(t) || p == t - 1 || p == t;
            vt->into[p][t / 4][t % 4] = allowed ? trans[(p + 1) * SL_NER_NTAGS + t] : -INFINITY;
        }
    for (int k = 0; k < 2; k++)
        vt->last[k] = trans[(LAST_TAG - 1 + k + 1) * SL_NER_NTAGS + LAST_TAG];
}

static void vit_step(const vit_trans *vt, const float *prev, const float *emit, float *cur,
                     uint8_t *back)
{
    vf4 best[NVEC];
    vi4 arg[NVEC];
    for (int k = 0; k < NVEC; k++) {
        best[k] = (vf4){ -1e30f, -1e30f, -1e30f, -1e30f };
        arg[k] = (vi4){ 0, 0, 0, 0 };
    }
    for (int p = 0; p < SL_NER_NTAGS; p++) {
        vf4 from = { prev[p], prev[p], prev[p], prev[p] };
        vi4 pv = { p, p, p, p };
        for (int k = 0; k < NVEC; k++) {
            vf4 v = from + vt->into[p][k];
            vi4 better = v > best[k]; /* all ones where v is better */
            best[k] = (vf4)(((vi4)v & better) | ((vi4)best[k] & ~better));
            arg[k] = (pv & better) | (arg[k] & ~better);
        }
    }
    for (int t = 0; t < LANES; t++) {
        cur[t] = best[t / 4][t % 4] + emit[t];
        back[t] = (uint8_t)arg[t / 4][t % 4];
    }
    float last = -1e30f;
    uint8_t last_arg = 0;
    for (int k = 0; k < 2; k++) {
        float v = prev[LAST_TAG - 1 + k] + vt->last[k];
        if (v > last) {
            last = v;
            last_arg = (uint8_t)(LAST_TAG - 1 + k);
        }
    }
    cur[LAST_TAG] = last + emit[LAST_TAG];
    back[LAST_TAG] = last_arg;
}

void sl_ner_viterbi(const float *emit, const float *trans, size_t n, uint8_t *back,
                    float *scratch, uint8_t *tags)
{
    enum { T = SL_NER_NTAGS };
    if (n == 0)
        return;
    vit_trans vt;
    vit_trans_make(trans, &vt);
    float *prev = scratch, *cur = scratch + T;
    for (int t = 0; t < T; t++)
        prev[t] = SL_NER_TAG_IS_I(t) ? -1e30f : trans[t] + emit[t];
    for (size_t i = 1; i < n; i++) {
        vit_step(&vt, prev, emit + i * T, cur, back + i * T);
        float *swap = prev;
        prev = cur;
        cur = swap;
    }
    int best = 0;
    for (int t = 1; t < T; t++)
        if (prev[t] > prev[best])
            best = t;
    for (size_t i = n; i-- > 0;) {
        tags[i] = (uint8_t)best;
        if (i > 0)
            best = back[i * T + best];
    }
}

int sl_ner_tags_to_spans(const uint8_t *tags, size_t n,
                         int (*out)(void *ud, size_t first, size_t last, int type), void *ud)
{
    size_t i = 0;
    while (i < n) {
        if (tags[i] == 0 || tags[i] >= SL_NER_NTAGS) {
            i++;
            continue;
        }
        int type = SL_NER_TAG_TYPE(tags[i]);
        size_t j = i + 1;
        while (j < n && tags[j] == SL_NER_TAG_I(type))
            j++;
        int rc = out(ud, i, j - 1, type);
        if (rc)
            return rc;
        i = j;
    }
    return 0;
}


/* ------------------------------------------------------------------------
 * The tagger.  Each distinct word gets a cache entry: its lower-cased form,
 * its letter flags and case, and (per kind of line: ordinary or all caps)
 * the summed weights of every feature that depends on that word alone.  A
 * token then costs the few features over its neighbours (pairs of words,
 * three shapes) instead of some thirty hashes and model lookups.  Words
 * on ordinary lines are also published to the model's shared cache (see
 * ner_model.c), where the next documents find them ready.  The tagger's
 * own cache is emptied between documents once it holds MAX_CACHED words,
 * so memory stays bounded.
 * ------------------------------------------------------------------------ */

#define MAX_CACHED 4096
#define NO_VARIANT UINT32_MAX
#define FIRST_INDEX_CAP 1024

/* A word as written. */
typedef struct wentry {
    uint64_t hash;           /* XXH3 of the bytes */
    size_t off, lo_off;      /* the word and its lower-cased form in pool */
    uint32_t len, lolen;
    uint64_t doc_key;        /* sl_ner_doc_key of the lower-cased form */
    uint32_t variant[2];     /* scores on an ordinary / all-caps line */
    const sl_ner_wvariant *shared; /* ordinary line, from the shared cache */
    const sl_ner_shared_word *sw;  /* the shared entry, when it came from one */
    uint8_t first_case;      /* sl_ner_first_letter_case */
    uint8_t upper;           /* capitals among the first 12 code points */
    bool ascii_lower;        /* has a byte a-z */
    bool lower_letter;       /* has a small letter (any script) */
    bool digit;              /* has a digit */
} wentry;

struct sl_ner_tagger {
    sl_ctx *ctx;
    const sl_ner_model *m;
    const sl_ner_fixed *fixed;
    wentry *entries;
    size_t n_entries, cap_entries;
    sl_ner_wvariant *variants;
    size_t n_variants, cap_variants;
    uint32_t *index;          /* entry + 1, 0: empty; open addressing */
    size_t index_cap;
    sl_buf pool;
    /* one document */
    const char *text;
    sl_ner_token *toks;
    size_t ntoks, toks_cap;
    uint32_t *ids;            /* entry of each token */
    size_t ids_cap;
    size_t *sent_end;         /* token after each sentence */
    size_t nsents, sent_end_cap;
    const sl_ner_wvariant **var; /* per token of the sentence */
    size_t var_cap;
    uint32_t *fresh;          /* entries whose ordinary scores were just made */
    size_t fresh_cap, nfresh;
    sl_ner_word *words;
    size_t words_cap;
    sl_ner_gaz_hit *hits;
    size_t hits_cap;
    uint16_t *gaz_b, *gaz_in;
    size_t gb_cap, gi_cap;
    float *emit;
    size_t emit_cap;
    uint8_t *back, *tags;
    size_t back_cap, tags_cap;
    sl_ner_doc doc;
    sl_ner_span *spans;
    size_t nspans, spans_cap;
    sl_ner_vec *acc;          /* per token of the sentence */
    size_t acc_cap;
    sl_ner_vec *right, *left; /* per pair of adjacent words (bounds too) */
    size_t right_cap, left_cap;
    uint32_t *pending;        /* pairs to publish */
    size_t pending_cap;
    size_t first;             /* token index of the sentence being tagged */
    sl_ner_batch batch;
};

static void entry_scan(wentry *e, const char *s, size_t len)
{
    sl_ner_word w = { s, len };
    e->first_case = sl_ner_first_letter_case(&w);
    e->ascii_lower = false;
    for (size_t i = 0; i < len && !e->ascii_lower; i++)
        e->ascii_lower = s[i] >= 'a' && s[i] <= 'z';
    unsigned upper;
    sl_ner_word_case(&w, &e->lower_letter, &e->digit, &upper);
    e->upper = (uint8_t)upper;
}

int sl_ner_tagger_new(sl_ctx *ctx, const sl_ner_model *m, sl_ner_tagger **out)
{
    *out = NULL;
    sl_ner_tagger *g = sl_calloc(ctx, 1, sizeof *g);
    if (!g)
        return sl_oom(ctx);
    g->ctx = ctx;
    g->m = m;
    sl_buf_init(&g->pool, ctx);
    sl_ner_doc_init(&g->doc, ctx);
    g->batch.m = m;
    g->fixed = sl_ner_model_fixed(m);
    *out = g;
    return 0;
}

void sl_ner_tagger_free(sl_ner_tagger *g)
{
    if (!g)
        return;
    sl_ctx *ctx = g->ctx;
    sl_free(ctx, g->entries);
    sl_free(ctx, g->variants);
    sl_free(ctx, g->index);
    sl_buf_release(&g->pool);
    sl_free(ctx, g->toks);
    sl_free(ctx, g->ids);
    sl_free(ctx, g->sent_end);
    sl_free(ctx, g->var);
    sl_free(ctx, g->words);
    sl_free(ctx, g->hits);
    sl_free(ctx, g->gaz_b);
    sl_free(ctx, g->gaz_in);
    sl_free(ctx, g->emit);
    sl_free(ctx, g->back);
    sl_free(ctx, g->tags);
    sl_ner_doc_release(&g->doc);
    sl_free(ctx, g->spans);
    sl_free(ctx, g->acc);
    sl_free(ctx, g->fresh);
    sl_free(ctx, g->right);
    sl_free(ctx, g->left);
    sl_free(ctx, g->pending);
    sl_free(ctx, g);
}

/* ------------------------------------------------------------ the cache */

static void cache_clear(sl_ner_tagger *g)
{
    g->n_entries = g->n_variants = 0;
    if (g->index)
        memset(g->index, 0, g->index_cap * sizeof *g->index);
    sl_buf_reset(&g->pool);
}

static size_t index_slot(const sl_ner_tagger *g, uint64_t hash, const char *s, size_t len)
{
    size_t i = (size_t)hash & (g->index_cap - 1);
    for (;; i = (i + 1) & (g->index_cap - 1)) {
        uint32_t k = g->index[i];
        if (!k)
            return i;
        const wentry *e = &g->entries[k - 1];
        if (e->hash == hash && e->len == len && memcmp(g->pool.ptr + e->off, s, len) == 0)
            return i;
    }
}

static int index_grow(sl_ner_tagger *g)
{
    size_t cap = g->index_cap ? g->index_cap * 2 : FIRST_INDEX_CAP;
    uint32_t *index = sl_calloc(g->ctx, cap, sizeof *index);
    if (!index)
        return SL_ENOMEM;
    sl_free(g->ctx, g->index);
    g->index = index;
    g->index_cap = cap;
    for (size_t k = 0; k < g->n_entries; k++) {
        size_t i = (size_t)g->entries[k].hash & (cap - 1);
        while (index[i])
            i = (i + 1) & (cap - 1);
        index[i] = (uint32_t)(k + 1);
    }
    return 0;
}

/* A new entry from the shared cache's copy of the word. */
static int entry_from_shared(sl_ner_tagger *g, wentry *e, const sl_ner_shared_word *w)
{
    e->off = g->pool.len;
    e->len = w->len;
    e->lo_off = e->off + w->len;
    e->lolen = w->lolen;
    if (sl_buf_append(&g->pool, w->word, w->len) || sl_buf_append(&g->pool, w->lower, w->lolen))
        return SL_ENOMEM;
    e->doc_key = w->doc_key;
    e->first_case = w->first_case;
    e->upper = w->upper;
    e->ascii_lower = w->ascii_lower;
    e->lower_letter = w->lower_letter;
    e->digit = w->digit;
    e->shared = &w->plain;
    e->sw = w;
    return 0;
}

static int entry_made(sl_ner_tagger *g, wentry *e, const char *s, size_t len)
{
    e->off = g->pool.len;
    e->len = (uint32_t)len;
    if (sl_buf_append(&g->pool, s, len))
        return SL_ENOMEM;
    e->lo_off = g->pool.len;
    if (sl_ner_lower(&g->pool, s, len))
        return SL_ENOMEM;
    e->lolen = (uint32_t)(g->pool.len - e->lo_off);
    e->doc_key = sl_ner_doc_key(g->pool.ptr + e->lo_off, e->lolen);
    e->shared = NULL;
    e->sw = NULL;
    entry_scan(e, s, len);
    return 0;
}

static int entry_add(sl_ner_tagger *g, uint64_t hash, const char *s, size_t len, size_t slot)
{
    if (sl_grow(g->ctx, (void **)&g->entries, &g->cap_entries, g->n_entries + 1,
                sizeof *g->entries))
        return SL_ENOMEM;
    wentry *e = &g->entries[g->n_entries];
    e->hash = hash;
    e->variant[0] = e->variant[1] = NO_VARIANT;
    const sl_ner_shared_word *w = sl_ner_model_word(g->m, hash, s, len);
    int rc = w ? entry_from_shared(g, e, w) : entry_made(g, e, s, len);
    if (rc)
        return rc;
    g->index[slot] = (uint32_t)(++g->n_entries);
    return 0;
}

/* The entry of word s[0..len) (added when new). */
static int entry_of(sl_ner_tagger *g, const char *s, size_t len, uint32_t *id)
{
    if ((g->n_entries + 1) * 2 > g->index_cap && index_grow(g))
        return SL_ENOMEM;
    uint64_t hash = XXH3_64bits(s, len);
    size_t slot = index_slot(g, hash, s, len);
    if (!g->index[slot]) {
        int rc = entry_add(g, hash, s, len, slot);
        if (rc)
            return rc;
    }
    *id = g->index[slot] - 1;
    return 0;
}

/* Make the scores of entry id on a line of this kind when it has none yet
 * (room for them is reserved: their lookups are pending in g->batch). */
static void variant_make(sl_ner_tagger *g, uint32_t id, bool allcaps)
{
    wentry *e = &g->entries[id];
    if (e->variant[allcaps] == NO_VARIANT) {
        sl_ner_wvariant *v = &g->variants[g->n_variants];
        sl_ner_word w = { g->pool.ptr + e->off, e->len };
        const char *lo = g->pool.ptr + e->lo_off;
        sl_ner_word_scores(&g->batch, &w, lo, e->lolen, allcaps, &v->sc);
        if (allcaps)
            sl_ner_gaz_first(sl_ner_model_gaz(g->m), lo, e->lolen, true, &v->gaz);
        else
            sl_ner_gaz_first(sl_ner_model_gaz(g->m), w.s, w.len, false, &v->gaz);
        e->variant[allcaps] = (uint32_t)g->n_variants++;
        if (!allcaps)
            g->fresh[g->nfresh++] = id;
    }
}

static const sl_ner_wvariant *variant_at(const sl_ner_tagger *g, const wentry *e, bool allcaps)
{
    if (!allcaps && e->shared)
        return e->shared;
    return &g->variants[e->variant[allcaps]];
}

/* Publish the words whose ordinary scores this sentence made. */
static void share_fresh(sl_ner_tagger *g)
{
    for (size_t i = 0; i < g->nfresh; i++) {
        const wentry *e = &g->entries[g->fresh[i]];
        if (e->len > SL_NER_SHARED_WORD || e->lolen > SL_NER_SHARED_LOWER)
            continue;
        sl_ner_shared_word w;
        memset(&w, 0, sizeof w);
        w.hash = e->hash;
        w.doc_key = e->doc_key;
        w.len = (uint8_t)e->len;
        w.lolen = (uint8_t)e->lolen;
        memcpy(w.word, g->pool.ptr + e->off, e->len);
        memcpy(w.lower, g->pool.ptr + e->lo_off, e->lolen);
        w.first_case = e->first_case;
        w.upper = e->upper;
        w.ascii_lower = e->ascii_lower;
        w.lower_letter = e->lower_letter;
        w.digit = e->digit;
        w.plain = g->variants[e->variant[0]];
        sl_ner_model_word_put(g->m, &w);
    }
    g->nfresh = 0;
}

/* ------------------------------------------------------------ sentences */

/* What a sentence's words say about the whole line. */
typedef struct line_kind {
    bool allcaps; /* no small letter and three or more capitals */
    bool numeric; /* a table row: a third or more of the words hold digits */
} line_kind;

static line_kind kind_of(const sl_ner_tagger *g, const uint32_t *ids, size_t n)
{
    bool any_lower = false;
    size_t upper = 0, numbers = 0;
    for (size_t i = 0; i < n; i++) {
        const wentry *e = &g->entries[ids[i]];
        any_lower |= e->lower_letter;
        upper += e->upper;
        numbers += e->digit;
    }
    return (line_kind){ !any_lower && upper >= 3, numbers * 3 >= n && n >= 3 };
}

/* First pass: how the text writes its words (see sl_ner_doc_add). */
static int learn_sentence(sl_ner_tagger *g, size_t first, size_t n)
{
    const uint32_t *ids = g->ids + first;
    bool any = false;
    for (size_t i = 0; i < n && !any; i++)
        any = g->entries[ids[i]].ascii_lower;
    if (!any)
        return 0; /* a headline in capitals: its case says nothing */
    for (size_t i = 1; i < n; i++) {
        const wentry *e = &g->entries[ids[i]];
        if (e->first_case && sl_ner_doc_put(&g->doc, e->doc_key, e->first_case))
            return SL_ENOMEM;
    }
    return 0;
}

static int reserve_sentence(sl_ner_tagger *g, size_t n)
{
    sl_ctx *ctx = g->ctx;
    size_t cells = n * SL_NER_NTAGS;
    if (sl_grow(ctx, (void **)&g->var, &g->var_cap, n, sizeof *g->var) ||
        sl_grow(ctx, (void **)&g->words, &g->words_cap, n, sizeof *g->words) ||
        sl_grow(ctx, (void **)&g->hits, &g->hits_cap, n, sizeof *g->hits) ||
        sl_grow(ctx, (void **)&g->gaz_b, &g->gb_cap, n, sizeof *g->gaz_b) ||
        sl_grow(ctx, (void **)&g->gaz_in, &g->gi_cap, n, sizeof *g->gaz_in) ||
        sl_grow(ctx, (void **)&g->emit, &g->emit_cap, cells, sizeof *g->emit) ||
        sl_grow(ctx, (void **)&g->back, &g->back_cap, cells, 1) ||
        sl_grow(ctx, (void **)&g->tags, &g->tags_cap, n, 1) ||
        sl_grow(ctx, (void **)&g->acc, &g->acc_cap, n, sizeof *g->acc) ||
        sl_grow(ctx, (void **)&g->fresh, &g->fresh_cap, n, sizeof *g->fresh) ||
        sl_grow(ctx, (void **)&g->right, &g->right_cap, n + 1, sizeof *g->right) ||
        sl_grow(ctx, (void **)&g->left, &g->left_cap, n + 1, sizeof *g->left) ||
        sl_grow(ctx, (void **)&g->pending, &g->pending_cap, n + 1, sizeof *g->pending) ||
        sl_grow(ctx, (void **)&g->variants, &g->cap_variants, g->n_variants + n,
                sizeof *g->variants))
        return SL_ENOMEM;
    return 0;
}

/* The scores of every word of the sentence on this kind of line, and the
 * gazetteer marks. */
static int prepare_sentence(sl_ner_tagger *g, const uint32_t *ids, size_t n, bool allcaps)
{
    g->nfresh = 0;
    for (size_t i = 0; i < n; i++)
        if (allcaps || !g->entries[ids[i]].shared)
            variant_make(g, ids[i], allcaps);
    sl_ner_batch_flush(&g->batch);
    share_fresh(g);
    for (size_t i = 0; i < n; i++) {
        const wentry *e = &g->entries[ids[i]];
        g->var[i] = variant_at(g, e, allcaps);
        g->hits[i] = g->var[i]->gaz;
        g->words[i] = allcaps ? (sl_ner_word){ g->pool.ptr + e->lo_off, e->lolen }
                              : (sl_ner_word){ g->text + g->toks[g->first + i].start,
                                               g->toks[g->first + i].end -
                                                   g->toks[g->first + i].start };
    }
    sl_ner_gaz_match_from(sl_ner_model_gaz(g->m), g->words, g->hits, n, allcaps, g->gaz_b,
                          g->gaz_in);
    return 0;
}

static void add_vec(int32_t *restrict acc, const int32_t *restrict v)
{
    for (int t = 0; t < SL_NER_NTAGS; t++)
        acc[t] += v[t];
}

static void add_gaz(int32_t *acc, const sl_ner_vec *by_bit, unsigned mask)
{
    for (; mask; mask &= mask - 1) /* the set bits only: most masks are 0 */
        add_vec(acc, by_bit[__builtin_ctz(mask)]);
}

static sl_ner_ctxword ctx_word(const sl_ner_tagger *g, const uint32_t *ids, size_t n, long i,
                               bool allcaps)
{
    if (i < 0 || (size_t)i >= n) {
        const sl_ner_wscore *e = sl_ner_model_edge(g->m, allcaps, i >= 0);
        return (sl_ner_ctxword){ e->sshape, e->sshape_len, e->sshape, e->sshape_len };
    }
    const wentry *e = &g->entries[ids[i]];
    const sl_ner_wscore *sc = &g->var[i]->sc;
    return (sl_ner_ctxword){ g->pool.ptr + e->lo_off, e->lolen, sc->sshape, sc->sshape_len };
}

/* The word scores of token i's neighbours (the bounds past the ends). */
static void neighbour_scores(const sl_ner_tagger *g, size_t n, size_t i, bool allcaps,
                             int32_t *acc)
{
    const sl_ner_wscore *bos = sl_ner_model_edge(g->m, allcaps, false);
    const sl_ner_wscore *eos = sl_ner_model_edge(g->m, allcaps, true);
    const sl_ner_wscore *p1 = i >= 1 ? &g->var[i - 1]->sc : bos;
    const sl_ner_wscore *p2 = i >= 2 ? &g->var[i - 2]->sc : bos;
    const sl_ner_wscore *n1 = i + 1 < n ? &g->var[i + 1]->sc : eos;
    const sl_ner_wscore *n2 = i + 2 < n ? &g->var[i + 2]->sc : eos;
    add_vec(acc, p1->as_prev);
    add_vec(acc, p2->prev2);
    add_vec(acc, n1->as_next);
    add_vec(acc, n2->next2);
}

/* The shared scores of the pair of words before token j (tokens j-1, j),
 * or NULL: only pairs of shared words on ordinary lines are shared. */
static const sl_ner_shared_pair *shared_pair(const sl_ner_tagger *g, const uint32_t *ids,
                                             size_t n, size_t j, bool allcaps, bool *can_share)
{
    *can_share = false;
    if (allcaps || j == 0 || j == n)
        return NULL;
    const wentry *a = &g->entries[ids[j - 1]], *b = &g->entries[ids[j]];
    if (!a->sw || !b->sw)
        return NULL;
    *can_share = true;
    return sl_ner_model_pair(g->m, a->sw, b->sw);
}

/* The features over neighbours of every token: the pairs of adjacent words
 * (shared, or looked up in a batch) and the three shapes. */
static void pair_scores(sl_ner_tagger *g, const uint32_t *ids, size_t n, bool allcaps)
{
    size_t npending = 0;
    for (size_t j = 0; j <= n; j++) {
        bool can_share;
        const sl_ner_shared_pair *sp = shared_pair(g, ids, n, j, allcaps, &can_share);
        if (sp) {
            memcpy(g->right[j], sp->right, sizeof g->right[j]);
            memcpy(g->left[j], sp->left, sizeof g->left[j]);
            continue;
        }
        memset(g->right[j], 0, sizeof g->right[j]);
        memset(g->left[j], 0, sizeof g->left[j]);
        sl_ner_ctxword a = ctx_word(g, ids, n, (long)j - 1, allcaps);
        sl_ner_ctxword b = ctx_word(g, ids, n, (long)j, allcaps);
        sl_ner_pair_scores(&g->batch, allcaps, &a, &b, g->right[j], g->left[j]);
        if (can_share)
            g->pending[npending++] = (uint32_t)j;
    }
    memset(g->acc, 0, n * sizeof *g->acc);
    for (size_t i = 0; i < n; i++) {
        sl_ner_ctxword prev = ctx_word(g, ids, n, (long)i - 1, allcaps);
        sl_ner_ctxword cur = ctx_word(g, ids, n, (long)i, allcaps);
        sl_ner_ctxword next = ctx_word(g, ids, n, (long)i + 1, allcaps);
        sl_ner_shape3_scores(&g->batch, allcaps, &prev, &cur, &next, g->acc[i]);
    }
    sl_ner_batch_flush(&g->batch);
    for (size_t k = 0; k < npending; k++) {
        size_t j = g->pending[k];
        sl_ner_shared_pair p = { g->entries[ids[j - 1]].sw, g->entries[ids[j]].sw, { 0 }, { 0 } };
        memcpy(p.right, g->right[j], sizeof p.right);
        memcpy(p.left, g->left[j], sizeof p.left);
        sl_ner_model_pair_put(g->m, &p);
    }
    for (size_t i = 0; i < n; i++) {
        add_vec(g->acc[i], g->right[i]);
        add_vec(g->acc[i], g->left[i + 1]);
    }
}

static void token_scores(const sl_ner_tagger *g, const uint32_t *ids, size_t n, size_t i,
                         line_kind k, float *emit)
{
    const sl_ner_wscore *sc = &g->var[i]->sc;
    int32_t *acc = g->acc[i];
    add_vec(acc, sc->own);
    if (sc->letter) {
        unsigned v = sl_ner_doc_case_key(&g->doc, g->entries[ids[i]].doc_key);
        add_vec(acc, g->fixed->doc_case[v + (k.allcaps || i == 0 ? 4 : 0)]);
    }
    neighbour_scores(g, n, i, k.allcaps, acc);
    if (k.numeric)
        add_vec(acc, sc->numeric);
    if (i == 0)
        add_vec(acc, sc->initial);
    if (k.allcaps)
        add_vec(acc, g->fixed->allcaps_line);
    add_gaz(acc, g->fixed->gaz[0], g->gaz_b[i]);
    add_gaz(acc, g->fixed->gaz[1], g->gaz_in[i]);
    if (i > 0)
        add_gaz(acc, g->fixed->gaz[2], g->gaz_b[i - 1] | g->gaz_in[i - 1]);
    if (i + 1 < n)
        add_gaz(acc, g->fixed->gaz[3], g->gaz_b[i + 1] | g->gaz_in[i + 1]);
    for (int t = 0; t < SL_NER_NTAGS; t++)
        emit[t] = (float)acc[t];
}

static int add_span(void *ud, size_t first, size_t last, int type)
{
    sl_ner_tagger *g = ud;
    if (sl_grow(g->ctx, (void **)&g->spans, &g->spans_cap, g->nspans + 1, sizeof *g->spans))
        return SL_ENOMEM;
    g->spans[g->nspans++] = (sl_ner_span){ g->toks[g->first + first].start,
                                            g->toks[g->first + last].end, type };
    return 0;
}

/* Tag tokens first..first+n-1 as one sentence. */
static int tag_sentence(sl_ner_tagger *g, size_t first, size_t n)
{
    const uint32_t *ids = g->ids + first;
    line_kind k = kind_of(g, ids, n);
    g->first = first;
    int rc = reserve_sentence(g, n);
    if (!rc)
        rc = prepare_sentence(g, ids, n, k.allcaps);
    if (rc)
        return rc;
    pair_scores(g, ids, n, k.allcaps);
    for (size_t i = 0; i < n; i++)
        token_scores(g, ids, n, i, k, g->emit + i * SL_NER_NTAGS);
    float scratch[2 * SL_NER_NTAGS];
    sl_ner_viterbi(g->emit, sl_ner_model_trans(g->m), n, g->back, scratch, g->tags);
    return sl_ner_tags_to_spans(g->tags, n, add_span, g);
}

/* Find where the sentences end (once: both passes go over them). */
static int find_sentences(sl_ner_tagger *g)
{
    g->nsents = 0;
    for (size_t i = 0; i < g->ntoks; i++) {
        if (!sl_ner_sentence_ends(g->text, g->toks, g->ntoks, i))
            continue;
        if (sl_grow(g->ctx, (void **)&g->sent_end, &g->sent_end_cap, g->nsents + 1,
                    sizeof *g->sent_end))
            return SL_ENOMEM;
        g->sent_end[g->nsents++] = i + 1;
    }
    return 0;
}

/* Call fn on every sentence of the text. */
static int each_sentence(sl_ner_tagger *g, int (*fn)(sl_ner_tagger *g, size_t first, size_t n))
{
    size_t start = 0;
    for (size_t k = 0; k < g->nsents; k++) {
        int rc = fn(g, start, g->sent_end[k] - start);
        if (rc)
            return rc;
        start = g->sent_end[k];
    }
    return 0;
}

static int read_words(sl_ner_tagger *g, const char *text, size_t len)
{
    g->ntoks = 0;
    int rc = len ? sl_ner_tokenize(g->ctx, text, len, &g->toks, &g->toks_cap, &g->ntoks) : 0;
    if (!rc && g->ntoks &&
        sl_grow(g->ctx, (void **)&g->ids, &g->ids_cap, g->ntoks, sizeof *g->ids))
        rc = SL_ENOMEM;
    for (size_t i = 0; !rc && i < g->ntoks; i++)
        rc = entry_of(g, text + g->toks[i].start, g->toks[i].end - g->toks[i].start, &g->ids[i]);
    return rc;
}

int sl_ner_tagger_run(sl_ner_tagger *g, const char *text, size_t len,
                      const sl_ner_span **spans, size_t *n)
{
    *spans = NULL;
    *n = 0;
    if (!text && len)
        return sl_error(g->ctx, SL_EINVAL, "sl_ner_tagger_run: missing text");
    if (g->n_entries > MAX_CACHED)
        cache_clear(g);
    g->text = text;
    g->nspans = 0;
    sl_ner_doc_reset(&g->doc);
    int rc = read_words(g, text, len);
    if (!rc)
        rc = find_sentences(g);
    if (!rc)
        rc = each_sentence(g, learn_sentence);
    if (!rc)
        rc = each_sentence(g, tag_sentence);
    if (rc) {
        /* an entry may be half made: start the cache afresh */
        cache_clear(g);
        g->nspans = 0;
        return rc == SL_ENOMEM ? sl_oom(g->ctx) : rc;
    }
    *spans = g->nspans ? g->spans : NULL;
    *n = g->nspans;
    return 0;
}

int sl_ner_tag(sl_ctx *ctx, const sl_ner_model *m, const char *text, size_t len,
               sl_ner_span **spans, size_t *n)
{
    if (!ctx)
        return SL_EINVAL;
    if (!m || (!text && len) || !spans || !n)
        return sl_error(ctx, SL_EINVAL, "sl_ner_tag: missing argument");
    *spans = NULL;
    *n = 0;
    sl_ner_tagger *g;
    int rc = sl_ner_tagger_new(ctx, m, &g);
    if (rc)
        return rc;
    const sl_ner_span *found;
    size_t count;
    rc = sl_ner_tagger_run(g, text, len, &found, &count);
    if (!rc && count) {
        *spans = sl_malloc(ctx, count * sizeof **spans);
        if (*spans) {
            memcpy(*spans, found, count * sizeof **spans);
            *n = count;
        } else {
            rc = sl_oom(ctx);
        }
    }
    sl_ner_tagger_free(g);
    return rc;
}
