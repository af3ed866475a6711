/* NER model file: write, load (with validation), look up weights.
 *
 * Layout, little-endian:
 *   header, 32 bytes: magic (8), format version u32, tag count u32 (9),
 *     feature count u32, gazetteer bytes u32, feature set version u32,
 *     reserved u32 (0)
 *   transitions: int16[(NTAGS + 1) * NTAGS]; row 0 is the sentence start
 *   keys: u32[features], strictly increasing, non-zero
 *   masks: u16[features], which tags have a weight (bits 0..8, not 0)
 *   weights: int16 for every set mask bit, feature by feature
 *   gazetteer: "C<TAB>phrase<LF>" lines (see sl_ner_gaz_build)
 *   checksum: u32, low half of XXH3-64 of everything before it
 * Weights are the averaged perceptron weights times one common scale; only
 * their relative size matters to the tagger. */
#include "facts/ner.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#define FEATURE_SET_VERSION 2u
#define TRANS_CELLS ((SL_NER_NTAGS + 1) * SL_NER_NTAGS)
#define MAX_MODEL_BYTES ((size_t)1 << 30)

struct sl_ner_model {
    sl_ctx *ctx;
    size_t nfeat;
    uint32_t *slot_key;  /* open addressing, 0 = empty; kept apart from the
                            weights so that a miss (most lookups of pair
                            features) reads only this small array */
    int16_t *slot_w;     /* NTAGS weights per slot */
    size_t slot_mask;
    float trans[TRANS_CELLS];
    sl_ner_gaz *gaz;
    struct word_cache *words;
    sl_ner_fixed fixed;          /* features the same for every word */
    sl_ner_wscore edge[2][2];    /* sentence bounds: [all caps]["<S>", "</S>"] */
};

/* The words the taggers have seen, shared by every thread that tags with
 * the model, so that a word's scores are computed once per run rather than
 * once per document.  Insert-only and lock-free: a writer claims an entry
 * (an atomic counter), fills it, then publishes its number in the index
 * with a release store; a reader follows an index slot with an acquire
 * load, so it never sees an entry half written.  Entries never change or
 * go away until the model is freed.  When the entries run out, nothing more
 * is shared (the taggers compute the rest themselves).  The pages of the
 * entry array are touched only as entries are used. */
#define CACHE_ENTRIES 32768u
#define CACHE_SLOTS (2 * CACHE_ENTRIES)
#define PAIR_ENTRIES 131072u
#define PAIR_SLOTS (2 * PAIR_ENTRIES)

typedef struct word_cache {
    atomic_uint claimed;                /* entries handed out */
    _Atomic uint32_t index[CACHE_SLOTS]; /* entry + 1, 0: empty */
    sl_ner_shared_word *entries;
    /* pairs of shared words, the same way */
    atomic_uint pairs_claimed;
    _Atomic uint32_t *pair_index;        /* PAIR_SLOTS */
    sl_ner_shared_pair *pairs;
} word_cache;

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static int put32(sl_buf *b, uint32_t v)
{
    unsigned char p[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 24) };
    return sl_buf_append(b, p, 4);
}

static int put16(sl_buf *b, uint16_t v)
{
    unsigned char p[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
    return sl_buf_append(b, p, 2);
}

static unsigned popcount9(uint16_t m)
{
    unsigned c = 0;
    for (int t = 0; t < SL_NER_NTAGS; t++)
        c += (m >> t) & 1u;
    return c;
}

static int write_features(sl_buf *out, const uint32_t *keys, const int16_t *weights, size_t nfeat)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < nfeat; i++)
        rc = put32(out, keys[i]);
    for (size_t i = 0; !rc && i < nfeat; i++) {
        uint16_t mask = 0;
        for (int t = 0; t < SL_NER_NTAGS; t++)
            if (weights[i * SL_NER_NTAGS + t])
                mask |= (uint16_t)(1u << t);
        rc = put16(out, mask);
    }
    for (size_t i = 0; !rc && i < nfeat * SL_NER_NTAGS; i++)
        if (weights[i])
            rc = put16(out, (uint16_t)weights[i]);
    return rc;
}

int sl_ner_model_write(sl_buf *out, const int16_t *trans, const uint32_t *keys,
                       const int16_t *weights, size_t nfeat, const char *gaz, size_t gaz_len)
{
    sl_ctx *ctx = out->ctx;
    for (size_t i = 0; i < nfeat; i++) {
        bool any = false;
        for (int t = 0; t < SL_NER_NTAGS; t++)
            any |= weights[i * SL_NER_NTAGS + t] != 0;
        if (!keys[i] || (i > 0 && keys[i] <= keys[i - 1]) || !any)
            return sl_error(ctx, SL_EINVAL, "model: feature %zu: keys must increase, weights not all 0", i);
    }
    if (nfeat > UINT32_MAX || gaz_len > UINT32_MAX)
        return sl_error(ctx, SL_ELIMIT, "model: too large");
    size_t start = out->len;
    int rc = sl_buf_append(out, SL_NER_MAGIC, 8);
    uint32_t head[6] = { SL_NER_FORMAT_VERSION, SL_NER_NTAGS, (uint32_t)nfeat, (uint32_t)gaz_len,
                         FEATURE_SET_VERSION, 0 };
    for (int i = 0; !rc && i < 6; i++)
        rc = put32(out, head[i]);
    for (int i = 0; !rc && i < TRANS_CELLS; i++)
        rc = put16(out, (uint16_t)trans[i]);
    if (!rc)
        rc = write_features(out, keys, weights, nfeat);
    if (!rc && gaz_len)
        rc = sl_buf_append(out, gaz, gaz_len);
    if (!rc)
        rc = put32(out, (uint32_t)XXH3_64bits(out->ptr + start, out->len - start));
    return rc;
}

/* Parsed and checked view of a model image. */
typedef struct image {
    const unsigned char *p;
    size_t len;
    size_t nfeat, gaz_len;
    size_t keys_off, masks_off, weights_off, gaz_off;
} image;

static int check_header(sl_ctx *ctx, image *im)
{
    const unsigned char *p = im->p;
    if (im->len < SL_NER_HEADER_BYTES + 2 * TRANS_CELLS + 4 || memcmp(p, SL_NER_MAGIC, 8) != 0)
        return sl_error(ctx, SL_EPARSE, "NER model: not a model file (bad magic or too short)");
    if (rd32(p + 8) != SL_NER_FORMAT_VERSION || rd32(p + 24) != FEATURE_SET_VERSION)
        return sl_error(ctx, SL_EPARSE, "NER model: unsupported version %u/%u", rd32(p + 8),
                        rd32(p + 24));
    if (rd32(p + 12) != SL_NER_NTAGS || rd32(p + 28) != 0)
        return sl_error(ctx, SL_EPARSE, "NER model: bad header");
    uint32_t stored = rd32(p + im->len - 4);
    if ((uint32_t)XXH3_64bits(p, im->len - 4) != stored)
        return sl_error(ctx, SL_EPARSE, "NER model: checksum mismatch (corrupt or truncated file)");
    im->nfeat = rd32(p + 16);
    im->gaz_len = rd32(p + 20);
    im->keys_off = SL_NER_HEADER_BYTES + 2 * TRANS_CELLS;
    size_t room = im->len - 4 - im->keys_off;
    if (im->nfeat > room / 6 || im->gaz_len > room - im->nfeat * 6)
        return sl_error(ctx, SL_EPARSE, "NER model: section sizes exceed the file");
    im->masks_off = im->keys_off + 4 * im->nfeat;
    im->weights_off = im->masks_off + 2 * im->nfeat;
    return 0;
}

/* Keys increasing, masks valid, and the weights fill the space exactly up
 * to the gazetteer. */
static int check_features(sl_ctx *ctx, image *im)
{
    size_t nweights = 0;
    for (size_t i = 0; i < im->nfeat; i++) {
        uint32_t key = rd32(im->p + im->keys_off + 4 * i);
        if (!key || (i > 0 && key <= rd32(im->p + im->keys_off + 4 * (i - 1))))
            return sl_error(ctx, SL_EPARSE, "NER model: feature keys out of order at %zu", i);
        uint16_t mask = rd16(im->p + im->masks_off + 2 * i);
        if (!mask || (mask >> SL_NER_NTAGS))
            return sl_error(ctx, SL_EPARSE, "NER model: bad weight mask at %zu", i);
        nweights += popcount9(mask);
    }
    im->gaz_off = im->weights_off + 2 * nweights;
    if (im->gaz_off > im->len - 4 || im->len - 4 - im->gaz_off != im->gaz_len)
        return sl_error(ctx, SL_EPARSE, "NER model: section sizes do not add up");
    return 0;
}

static int build_table(sl_ner_model *m, const image *im)
{
    size_t cap = 16;
    while (cap < im->nfeat * 2)
        cap *= 2;
    m->slot_mask = cap - 1;
    m->nfeat = im->nfeat;
    m->slot_key = sl_calloc(m->ctx, cap, sizeof *m->slot_key);
    /* rows of empty slots are never read: each row is written when filled */
    m->slot_w = sl_malloc(m->ctx, cap * SL_NER_NTAGS * sizeof *m->slot_w);
    if (!m->slot_key || !m->slot_w)
        return SL_ENOMEM;
    const unsigned char *w = im->p + im->weights_off;
    for (size_t i = 0; i < im->nfeat; i++) {
        uint32_t key = rd32(im->p + im->keys_off + 4 * i);
        uint16_t mask = rd16(im->p + im->masks_off + 2 * i);
        size_t s = key & m->slot_mask;
        while (m->slot_key[s])
            s = (s + 1) & m->slot_mask;
        m->slot_key[s] = key;
        for (int t = 0; t < SL_NER_NTAGS; t++) {
            m->slot_w[s * SL_NER_NTAGS + t] = 0;
            if (mask & (1u << t)) {
                m->slot_w[s * SL_NER_NTAGS + t] = (int16_t)rd16(w);
                w += 2;
            }
        }
    }
    return 0;
}

/* The scores every tagger needs, made once. */
static void fixed_scores(sl_ner_model *m)
{
    sl_ner_fixed_scores(m, &m->fixed);
    sl_ner_batch b = { m, 0, { 0 }, { NULL } };
    for (int caps = 0; caps < 2; caps++) {
        sl_ner_word_scores(&b, NULL, "<S>", 3, caps, &m->edge[caps][0]);
        sl_ner_word_scores(&b, NULL, "</S>", 4, caps, &m->edge[caps][1]);
    }
    sl_ner_batch_flush(&b);
}

const sl_ner_fixed *sl_ner_model_fixed(const sl_ner_model *m)
{
    return &m->fixed;
}

const sl_ner_wscore *sl_ner_model_edge(const sl_ner_model *m, bool allcaps, bool end)
{
    return &m->edge[allcaps][end];
}

static int word_cache_new(sl_ner_model *m)
{
    m->words = sl_calloc(m->ctx, 1, sizeof *m->words);
    if (!m->words)
        return SL_ENOMEM;
    atomic_init(&m->words->claimed, 0);
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        atomic_init(&m->words->index[i], 0);
    /* not cleared: an entry is written before it is published */
    m->words->entries = sl_malloc(m->ctx, CACHE_ENTRIES * sizeof *m->words->entries);
    atomic_init(&m->words->pairs_claimed, 0);
    m->words->pair_index = sl_malloc(m->ctx, PAIR_SLOTS * sizeof *m->words->pair_index);
    m->words->pairs = sl_malloc(m->ctx, PAIR_ENTRIES * sizeof *m->words->pairs);
    if (!m->words->entries || !m->words->pair_index || !m->words->pairs)
        return SL_ENOMEM;
    for (size_t i = 0; i < PAIR_SLOTS; i++)
        atomic_init(&m->words->pair_index[i], 0);
    return 0;
}

int sl_ner_model_load_mem(sl_ctx *ctx, const void *data, size_t len, sl_ner_model **out)
{
    if (!ctx)
        return SL_EINVAL;
    if (!out || (!data && len))
        return sl_error(ctx, SL_EINVAL, "sl_ner_model_load_mem: missing argument");
    *out = NULL;
    image im = { data, len, 0, 0, 0, 0, 0, 0 };
    int rc = check_header(ctx, &im);
    if (!rc)
        rc = check_features(ctx, &im);
    if (rc)
        return rc;
    sl_ner_model *m = sl_calloc(ctx, 1, sizeof *m);
    if (!m)
        return sl_oom(ctx);
    m->ctx = ctx;
    for (int i = 0; i < TRANS_CELLS; i++)
        m->trans[i] = (float)(int16_t)rd16(im.p + SL_NER_HEADER_BYTES + 2 * i);
    rc = build_table(m, &im);
    if (!rc)
        rc = word_cache_new(m);
    if (!rc)
        fixed_scores(m);
    if (!rc)
        rc = sl_ner_gaz_build(ctx, (const char *)im.p + im.gaz_off, im.gaz_len, &m->gaz);
    if (rc) {
        sl_ner_model_free(m);
        return rc == SL_ENOMEM ? sl_oom(ctx) : rc;
    }
    *out = m;
    return 0;
}

static int read_file(sl_ctx *ctx, const char *path, sl_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sl_error(ctx, SL_EIO, "%s: %s", path, strerror(errno));
    int rc = 0;
    char chunk[65536];
    size_t got;
    while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b->len + got > MAX_MODEL_BYTES)
            rc = sl_error(ctx, SL_ELIMIT, "%s: larger than a model can be", path);
        else if (sl_buf_append(b, chunk, got))
            rc = sl_oom(ctx);
    }
    if (!rc && ferror(f))
        rc = sl_error(ctx, SL_EIO, "%s: read error", path);
    fclose(f);
    return rc;
}

int sl_ner_model_load(sl_ctx *ctx, const char *path, sl_ner_model **out)
{
    if (!ctx)
        return SL_EINVAL;
    if (!path || !out)
        return sl_error(ctx, SL_EINVAL, "sl_ner_model_load: missing argument");
    *out = NULL;
    sl_buf b;
    sl_buf_init(&b, ctx);
    int rc = read_file(ctx, path, &b);
    if (!rc)
        rc = sl_ner_model_load_mem(ctx, b.ptr, b.len, out);
    if (rc == SL_EPARSE) {
        char msg[sizeof ctx->errmsg];
        snprintf(msg, sizeof msg, "%s", ctx->errmsg);
        sl_error(ctx, SL_EPARSE, "%s: %s", path, msg);
    }
    sl_buf_release(&b);
    return rc;
}

void sl_ner_model_free(sl_ner_model *m)
{
    if (!m)
        return;
    sl_ctx *ctx = m->ctx;
    sl_free(ctx, m->slot_key);
    sl_free(ctx, m->slot_w);
    if (m->words) {
        sl_free(ctx, m->words->entries);
        sl_free(ctx, (void *)m->words->pair_index);
        sl_free(ctx, m->words->pairs);
    }
    sl_free(ctx, m->words);
    sl_ner_gaz_free(ctx, m->gaz);
    sl_free(ctx, m);
}

/* Lookups miss the caches (the tables are megabytes): they are made in
 * groups, first touching every key's slot, then every weight row found, so
 * that the memory reads of a group overlap instead of following one another. */
#define GROUP 32

static void add_group(const sl_ner_model *m, const uint32_t *keys, size_t n, int32_t *const *acc)
{
    size_t found[GROUP];
    for (size_t k = 0; k < n; k++)
        __builtin_prefetch(&m->slot_key[keys[k] & m->slot_mask]);
    for (size_t k = 0; k < n; k++) {
        size_t s = keys[k] & m->slot_mask;
        while (m->slot_key[s] && m->slot_key[s] != keys[k])
            s = (s + 1) & m->slot_mask;
        found[k] = m->slot_key[s] ? s : SIZE_MAX;
        if (found[k] != SIZE_MAX)
            __builtin_prefetch(m->slot_w + s * SL_NER_NTAGS);
    }
    for (size_t k = 0; k < n; k++) {
        if (found[k] == SIZE_MAX)
            continue;
        const int16_t *w = m->slot_w + found[k] * SL_NER_NTAGS;
        for (int t = 0; t < SL_NER_NTAGS; t++)
            acc[k][t] += w[t];
    }
}

void sl_ner_model_add_many(const sl_ner_model *m, const uint32_t *keys, size_t n,
                           int32_t *const *acc)
{
    for (size_t i = 0; i < n; i += GROUP)
        add_group(m, keys + i, n - i < GROUP ? n - i : GROUP, acc + i);
}

void sl_ner_model_score(const sl_ner_model *m, const uint32_t *keys, size_t n, float *scores)
{
    int32_t acc[SL_NER_NTAGS] = { 0 };
    int32_t *to[SL_NER_MAX_FEATS];
    if (n > SL_NER_MAX_FEATS)
        n = SL_NER_MAX_FEATS;
    for (size_t k = 0; k < n; k++)
        to[k] = acc;
    sl_ner_model_add_many(m, keys, n, to);
    for (int t = 0; t < SL_NER_NTAGS; t++)
        scores[t] = (float)acc[t];
}

void sl_ner_batch_add(sl_ner_batch *b, uint32_t key, int32_t *acc)
{
    if (b->n == SL_NER_BATCH)
        sl_ner_batch_flush(b);
    b->key[b->n] = key;
    b->acc[b->n++] = acc;
}

void sl_ner_batch_flush(sl_ner_batch *b)
{
    sl_ner_model_add_many(b->m, b->key, b->n, b->acc);
    b->n = 0;
}


const float *sl_ner_model_trans(const sl_ner_model *m)
{
    return m->trans;
}

const sl_ner_gaz *sl_ner_model_gaz(const sl_ner_model *m)
{
    return m->gaz;
}

static bool same_word(const sl_ner_shared_word *e, uint64_t hash, const char *s, size_t len)
{
    return e->hash == hash && e->len == len && memcmp(e->word, s, len) == 0;
}

const sl_ner_shared_word *sl_ner_model_word(const sl_ner_model *m, uint64_t hash, const char *s,
                                            size_t len)
{
    const word_cache *c = m->words;
    if (len > SL_NER_SHARED_WORD)
        return NULL;
    for (size_t i = hash % CACHE_SLOTS;; i = (i + 1) % CACHE_SLOTS) {
        uint32_t k = atomic_load_explicit(&c->index[i], memory_order_acquire);
        if (!k)
            return NULL;
        if (same_word(&c->entries[k - 1], hash, s, len))
            return &c->entries[k - 1];
    }
}

void sl_ner_model_word_put(const sl_ner_model *m, const sl_ner_shared_word *w)
{
    word_cache *c = m->words;
    if (atomic_load_explicit(&c->claimed, memory_order_relaxed) >= CACHE_ENTRIES)
        return;
    unsigned e = atomic_fetch_add_explicit(&c->claimed, 1, memory_order_relaxed);
    if (e >= CACHE_ENTRIES)
        return;
    c->entries[e] = *w;
    for (size_t i = w->hash % CACHE_SLOTS;; i = (i + 1) % CACHE_SLOTS) {
        uint32_t k = 0;
        if (atomic_compare_exchange_strong_explicit(&c->index[i], &k, e + 1, memory_order_release,
                                                    memory_order_acquire))
            return;
        if (same_word(&c->entries[k - 1], w->hash, w->word, w->len))
            return; /* another thread was first: entry e stays unused */
    }
}

static size_t pair_hash(const sl_ner_shared_word *a, const sl_ner_shared_word *b)
{
    uint64_t h = a->hash * UINT64_C(0x9E3779B97F4A7C15) ^ (b->hash + (a->hash >> 29));
    return (size_t)(h ^ (h >> 32));
}

const sl_ner_shared_pair *sl_ner_model_pair(const sl_ner_model *m, const sl_ner_shared_word *a,
                                            const sl_ner_shared_word *b)
{
    const word_cache *c = m->words;
    for (size_t i = pair_hash(a, b) % PAIR_SLOTS;; i = (i + 1) % PAIR_SLOTS) {
        uint32_t k = atomic_load_explicit(&c->pair_index[i], memory_order_acquire);
        if (!k)
            return NULL;
        if (c->pairs[k - 1].a == a && c->pairs[k - 1].b == b)
            return &c->pairs[k - 1];
    }
}

void sl_ner_model_pair_put(const sl_ner_model *m, const sl_ner_shared_pair *p)
{
    word_cache *c = m->words;
    if (atomic_load_explicit(&c->pairs_claimed, memory_order_relaxed) >= PAIR_ENTRIES)
        return;
    unsigned e = atomic_fetch_add_explicit(&c->pairs_claimed, 1, memory_order_relaxed);
    if (e >= PAIR_ENTRIES)
        return;
    c->pairs[e] = *p;
    for (size_t i = pair_hash(p->a, p->b) % PAIR_SLOTS;; i = (i + 1) % PAIR_SLOTS) {
        uint32_t k = 0;
        if (atomic_compare_exchange_strong_explicit(&c->pair_index[i], &k, e + 1,
                                                    memory_order_release, memory_order_acquire))
            return;
        if (c->pairs[k - 1].a == p->a && c->pairs[k - 1].b == p->b)
            return;
    }
}
