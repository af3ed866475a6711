/* NER gazetteer: phrases (token sequences) by category, looked up by a
 * chained hash of their tokens.  Two tables: the phrases as written, for
 * ordinary text, and lower-cased, for all-caps lines. */
#include "facts/ner.h"

#include <string.h>
#include <xxhash.h>

#define GAZ_SEED UINT64_C(0x6a09e667f3bcc908)
#define GAZ_MAX_TOKENS 8 /* longer phrases are not matched */

typedef struct gaz_slot {
    uint64_t key; /* 0: empty */
    uint16_t mask;
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

static void slot_put(gaz_slot *t, size_t cap, uint64_t key, uint16_t mask)
{
    size_t i = (size_t)key & (cap - 1);
    while (t[i].key && t[i].key != key)
        i = (i + 1) & (cap - 1);
    t[i].key = key;
    t[i].mask |= mask;
}

static uint16_t slot_get(const gaz_slot *t, size_t cap, uint64_t key)
{
    size_t i = (size_t)key & (cap - 1);
    while (t[i].key) {
        if (t[i].key == key)
            return t[i].mask;
        i = (i + 1) & (cap - 1);
    }
    return 0;
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
} gaz_build;

static int add_phrase(sl_ner_gaz *g, gaz_build *b, const char *s, size_t len, uint16_t mask)
{
    int rc = sl_ner_tokenize(b->ctx, s, len, &b->toks, &b->cap, &b->n);
    if (rc || b->n == 0 || b->n > GAZ_MAX_TOKENS)
        return rc;
    uint64_t he = GAZ_SEED, hf = GAZ_SEED;
    for (size_t i = 0; i < b->n; i++) {
        const sl_ner_token *t = &b->toks[i];
        sl_buf_reset(&b->lower);
        if ((rc = sl_ner_lower(&b->lower, s + t->start, t->end - t->start)))
            return rc;
        he = chain(he, s + t->start, t->end - t->start);
        hf = chain(hf, b->lower.ptr, b->lower.len);
    }
    slot_put(g->exact, g->cap, he, mask);
    slot_put(g->folded, g->cap, hf, mask);
    if (b->n > g->max_tokens)
        g->max_tokens = b->n;
    return 0;
}

static int fill(sl_ner_gaz *g, sl_ctx *ctx, const char *blob, size_t len)
{
    gaz_build b = { ctx, NULL, 0, 0, { 0 } };
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
    g->cap = 16;
    while (g->cap < (size_t)lines * 2)
        g->cap *= 2;
    g->exact = sl_calloc(ctx, g->cap, sizeof *g->exact);
    g->folded = sl_calloc(ctx, g->cap, sizeof *g->folded);
    int rc = (g->exact && g->folded) ? fill(g, ctx, blob, len) : SL_ENOMEM;
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

void sl_ner_gaz_match(const sl_ner_gaz *g, const sl_ner_word *words, const sl_ner_word *lower,
                      size_t n, bool folded, uint16_t *b, uint16_t *in)
{
    memset(b, 0, n * sizeof *b);
    memset(in, 0, n * sizeof *in);
    if (!g)
        return;
    const sl_ner_word *w = folded ? lower : words;
    const gaz_slot *table = folded ? g->folded : g->exact;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = GAZ_SEED;
        for (size_t k = 0; k < g->max_tokens && i + k < n; k++) {
            h = chain(h, w[i + k].s, w[i + k].len);
            uint16_t m = slot_get(table, g->cap, h);
            if (!m)
                continue;
            b[i] |= m;
            for (size_t j = 1; j <= k; j++)
                in[i + j] |= m;
        }
    }
}
