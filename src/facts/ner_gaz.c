/* NER gazetteer: phrases (token sequences) by category, looked up by a
 * chained hash of their tokens.  Two tables: the phrases as written, for
 * ordinary text, and lower-cased, for all-caps lines. */
#include "facts/ner.h"

#include <string.h>
/* inlined: most keys hash a few bytes, where the call costs as much as the hash */
#define XXH_INLINE_ALL
#include <xxhash.h>

#define GAZ_SEED UINT64_C(0x6a09e667f3bcc908)
#define GAZ_MAX_TOKENS 8 /* longer phrases are not matched */

typedef struct gaz_slot {
    uint64_t key; /* 0: empty */
    uint16_t mask;
    bool prefix; /* the first words of a longer phrase: matching goes on */
} gaz_slot;

struct sl_ner_gaz {
    gaz_slot *exact, *folded;
    size_t cap; /* a power of two */
    size_t max_tokens;
};

static uint64_t chain(uint64_t h, const char *s, size_t len)
{
    h = XXH3_64bits_withSeed(s, len, h);
    return h ? h : 1;
}

static void slot_put(gaz_slot *t, size_t cap, uint64_t key, uint16_t mask, bool prefix)
{
    size_t i = (size_t)key & (cap - 1);
    while (t[i].key && t[i].key != key)
        i = (i + 1) & (cap - 1);
    t[i].key = key;
    t[i].mask |= mask;
    t[i].prefix |= prefix;
}

/* The slot of key; NULL when no phrase is or starts with it. */
static const gaz_slot *slot_get(const gaz_slot *t, size_t cap, uint64_t key)
{
    size_t i = (size_t)key & (cap - 1);
    while (t[i].key) {
        if (t[i].key == key)
            return &t[i];
        i = (i + 1) & (cap - 1);
    }
    return NULL;
}

/* Check the blob's lines; returns their number or a negative error. */
static long count_lines(sl_ctx *ctx, const char *blob, size_t len)
{
    long lines = 0;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(blob + i, '\n', len - i);
        if (!nl)
            return sl_error(ctx, SL_EPARSE, "gazetteer: last line not terminated");
        size_t n = (size_t)(nl - (blob + i));
        if (n < 3 || blob[i] < '0' || blob[i] >= '0' + SL_NER_GAZ_N || blob[i + 1] != '\t')
            return sl_error(ctx, SL_EPARSE, "gazetteer: malformed line at byte %zu", i);
        if (!sl_utf8_valid(blob + i, n))
            return sl_error(ctx, SL_EPARSE, "gazetteer: invalid UTF-8 at byte %zu", i);
        lines++;
        i += n + 1;
    }
    return lines;
}

typedef struct gaz_build {
    sl_ctx *ctx;
    sl_ner_token *toks;
    size_t cap, n;
    sl_buf lower;
    bool counting; /* first pass: only count the table entries */
    size_t entries;
} gaz_build;

static int add_phrase(sl_ner_gaz *g, gaz_build *b, const char *s, size_t len, uint16_t mask)
{
    int rc = sl_ner_tokenize(b->ctx, s, len, &b->toks, &b->cap, &b->n);
    if (rc || b->n == 0 || b->n > GAZ_MAX_TOKENS)
        return rc;
    b->entries += b->n;
    if (b->counting)
        return 0;
    uint64_t he = GAZ_SEED, hf = GAZ_SEED;
    for (size_t i = 0; i < b->n; i++) {
        if (i > 0) {
            slot_put(g->exact, g->cap, he, 0, true);
            slot_put(g->folded, g->cap, hf, 0, true);
        }
        const sl_ner_token *t = &b->toks[i];
        sl_buf_reset(&b->lower);
        if ((rc = sl_ner_lower(&b->lower, s + t->start, t->end - t->start)))
            return rc;
        he = chain(he, s + t->start, t->end - t->start);
        hf = chain(hf, b->lower.ptr, b->lower.len);
    }
    slot_put(g->exact, g->cap, he, mask, false);
    slot_put(g->folded, g->cap, hf, mask, false);
    if (b->n > g->max_tokens)
        g->max_tokens = b->n;
    return 0;
}

/* Counting: *entries gets the most table entries the phrases need. */
static int fill(sl_ner_gaz *g, sl_ctx *ctx, const char *blob, size_t len, bool counting,
                size_t *entries)
{
    gaz_build b = { ctx, NULL, 0, 0, { 0 }, counting, 0 };
    sl_buf_init(&b.lower, ctx);
    int rc = 0;
    for (size_t i = 0; !rc && i < len;) {
        const char *nl = memchr(blob + i, '\n', len - i);
        size_t n = (size_t)(nl - (blob + i));
        rc = add_phrase(g, &b, blob + i + 2, n - 2, (uint16_t)(1u << (blob[i] - '0')));
        i += n + 1;
    }
    sl_free(ctx, b.toks);
    sl_buf_release(&b.lower);
    *entries = b.entries;
    return rc;
}

int sl_ner_gaz_build(sl_ctx *ctx, const char *blob, size_t len, sl_ner_gaz **out)
{
    *out = NULL;
    long lines = count_lines(ctx, blob, len);
    if (lines < 0)
        return (int)lines;
    sl_ner_gaz *g = sl_calloc(ctx, 1, sizeof *g);
    if (!g)
        return sl_oom(ctx);
    /* phrases and their first words (prefixes) share the tables */
    size_t entries = 0;
    int rc = fill(g, ctx, blob, len, true, &entries);
    g->cap = 16;
    while (g->cap < (size_t)lines * 2 || g->cap < entries * 2)
        g->cap *= 2;
    if (!rc) {
        g->exact = sl_calloc(ctx, g->cap, sizeof *g->exact);
        g->folded = sl_calloc(ctx, g->cap, sizeof *g->folded);
        rc = (g->exact && g->folded) ? fill(g, ctx, blob, len, false, &entries) : SL_ENOMEM;
    }
    if (rc) {
        sl_ner_gaz_free(ctx, g);
        return rc == SL_ENOMEM ? sl_oom(ctx) : rc;
    }
    *out = g;
    return 0;
}

void sl_ner_gaz_free(sl_ctx *ctx, sl_ner_gaz *g)
{
    if (!g)
        return;
    sl_free(ctx, g->exact);
    sl_free(ctx, g->folded);
    sl_free(ctx, g);
}

/* Mark the phrases that start at word i, the first word's lookup known:
 * longer phrases are tried only while the words so far begin one. */
static void match_at(const sl_ner_gaz *g, const gaz_slot *table, const sl_ner_word *w,
                     size_t i, size_t n, sl_ner_gaz_hit first, uint16_t *b, uint16_t *in)
{
    b[i] |= first.mask;
    uint64_t h = first.hash;
    bool more = first.prefix;
    for (size_t k = 1; more && k < g->max_tokens && i + k < n; k++) {
        h = chain(h, w[i + k].s, w[i + k].len);
        const gaz_slot *s = slot_get(table, g->cap, h);
        if (!s)
            return;
        more = s->prefix;
        if (!s->mask)
            continue;
        b[i] |= s->mask;
        for (size_t j = 1; j <= k; j++)
            in[i + j] |= s->mask;
    }
}

void sl_ner_gaz_first(const sl_ner_gaz *g, const char *s, size_t len, bool folded,
                      sl_ner_gaz_hit *out)
{
    out->hash = chain(GAZ_SEED, s, len);
    out->mask = 0;
    out->prefix = false;
    if (!g || g->max_tokens == 0)
        return;
    const gaz_slot *slot = slot_get(folded ? g->folded : g->exact, g->cap, out->hash);
    if (slot) {
        out->mask = slot->mask;
        out->prefix = slot->prefix;
    }
}

void sl_ner_gaz_match_from(const sl_ner_gaz *g, const sl_ner_word *w, const sl_ner_gaz_hit *first,
                           size_t n, bool folded, uint16_t *b, uint16_t *in)
{
    memset(b, 0, n * sizeof *b);
    memset(in, 0, n * sizeof *in);
    if (!g)
        return;
    const gaz_slot *table = folded ? g->folded : g->exact;
    for (size_t i = 0; i < n; i++)
        match_at(g, table, w, i, n, first[i], b, in);
}

void sl_ner_gaz_match(const sl_ner_gaz *g, const sl_ner_word *words, const sl_ner_word *lower,
                      size_t n, bool folded, uint16_t *b, uint16_t *in)
{
    memset(b, 0, n * sizeof *b);
    memset(in, 0, n * sizeof *in);
    if (!g)
        return;
    const sl_ner_word *w = folded ? lower : words;
    for (size_t i = 0; i < n; i++) {
        sl_ner_gaz_hit first;
        sl_ner_gaz_first(g, w[i].s, w[i].len, folded, &first);
        match_at(g, folded ? g->folded : g->exact, w, i, n, first, b, in);
    }
}
