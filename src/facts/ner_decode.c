/* NER tagging: tokens, sentences, features, Viterbi, spans.  See ner.h. */
#include "facts/ner.h"

#include <string.h>

static const char *const type_names[SL_NER_NTYPES] = { "PER", "ORG", "LOC", "MISC" };

const char *sl_ner_type_name(int type)
{
    return type >= 0 && type < SL_NER_NTYPES ? type_names[type] : NULL;
}

/* May tag t follow tag p (p < 0: the sentence start)?  I-X only continues
 * B-X or I-X. */
static bool allowed(int p, int t)
{
    if (!SL_NER_TAG_IS_I(t))
        return true;
    return p > 0 && SL_NER_TAG_TYPE(p) == SL_NER_TAG_TYPE(t);
}

void sl_ner_viterbi(const float *emit, const float *trans, size_t n, uint8_t *back,
                    float *scratch, uint8_t *tags)
{
    enum { T = SL_NER_NTAGS };
    if (n == 0)
        return;
    float *prev = scratch, *cur = scratch + T;
    for (int t = 0; t < T; t++)
        prev[t] = allowed(-1, t) ? trans[t] + emit[t] : -1e30f;
    for (size_t i = 1; i < n; i++) {
        for (int t = 0; t < T; t++) {
            int best = 0;
            float best_score = -1e30f;
            for (int p = 0; p < T; p++) {
                if (!allowed(p, t))
                    continue;
                float v = prev[p] + trans[(p + 1) * T + t];
                if (v > best_score) {
                    best_score = v;
                    best = p;
                }
            }
            cur[t] = best_score + emit[i * T + t];
            back[i * T + t] = (uint8_t)best;
        }
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

/* Everything one sl_ner_tag call allocates besides the result. */
typedef struct tagger {
    sl_ctx *ctx;
    const sl_ner_model *m;
    const char *text;
    sl_ner_token *toks;
    size_t ntoks, toks_cap;
    sl_ner_word *words;
    size_t words_cap;
    float *emit;
    size_t emit_cap;
    uint8_t *back, *tags;
    size_t back_cap, tags_cap;
    sl_ner_feats feats;
    sl_ner_doc doc;
    size_t first; /* token index of the sentence being tagged */
    sl_ner_span *spans;
    size_t nspans, spans_cap;
} tagger;

static int add_span(void *ud, size_t first, size_t last, int type)
{
    tagger *g = ud;
    if (sl_grow(g->ctx, (void **)&g->spans, &g->spans_cap, g->nspans + 1, sizeof *g->spans))
        return SL_ENOMEM;
    g->spans[g->nspans++] = (sl_ner_span){ g->toks[g->first + first].start,
                                            g->toks[g->first + last].end, type };
    return 0;
}

static int reserve_sentence(tagger *g, size_t n)
{
    size_t cells = n * SL_NER_NTAGS;
    if (sl_grow(g->ctx, (void **)&g->words, &g->words_cap, n, sizeof *g->words) ||
        sl_grow(g->ctx, (void **)&g->emit, &g->emit_cap, cells, sizeof *g->emit) ||
        sl_grow(g->ctx, (void **)&g->back, &g->back_cap, cells, 1) ||
        sl_grow(g->ctx, (void **)&g->tags, &g->tags_cap, n, 1))
        return SL_ENOMEM;
    return 0;
}

static int fill_words(tagger *g, size_t first, size_t n)
{
    int rc = reserve_sentence(g, n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        const sl_ner_token *t = &g->toks[first + i];
        g->words[i] = (sl_ner_word){ g->text + t->start, t->end - t->start };
    }
    return 0;
}

/* First pass: how the text writes its words. */
static int learn_sentence(tagger *g, size_t first, size_t n)
{
    int rc = fill_words(g, first, n);
    return rc ? rc : sl_ner_doc_add(&g->doc, g->words, n);
}

/* Tag tokens first..first+n-1 as one sentence. */
static int tag_sentence(tagger *g, size_t first, size_t n)
{
    int rc = fill_words(g, first, n);
    if (rc)
        return rc;
    if ((rc = sl_ner_features(&g->feats, sl_ner_model_gaz(g->m), &g->doc, g->words, n)))
        return rc;
    for (size_t i = 0; i < n; i++)
        sl_ner_model_score(g->m, g->feats.keys + i * SL_NER_MAX_FEATS, g->feats.count[i],
                           g->emit + i * SL_NER_NTAGS);
    float scratch[2 * SL_NER_NTAGS];
    sl_ner_viterbi(g->emit, sl_ner_model_trans(g->m), n, g->back, scratch, g->tags);
    g->first = first;
    return sl_ner_tags_to_spans(g->tags, n, add_span, g);
}

static void tagger_release(tagger *g)
{
    sl_free(g->ctx, g->toks);
    sl_free(g->ctx, g->words);
    sl_free(g->ctx, g->emit);
    sl_free(g->ctx, g->back);
    sl_free(g->ctx, g->tags);
    sl_ner_feats_release(&g->feats);
    sl_ner_doc_release(&g->doc);
}

/* Call fn on every sentence of the text. */
static int each_sentence(tagger *g, int (*fn)(tagger *g, size_t first, size_t n))
{
    size_t start = 0;
    for (size_t i = 0; i < g->ntoks; i++) {
        if (!sl_ner_sentence_ends(g->text, g->toks, g->ntoks, i))
            continue;
        int rc = fn(g, start, i + 1 - start);
        if (rc)
            return rc;
        start = i + 1;
    }
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
    tagger g;
    memset(&g, 0, sizeof g);
    g.ctx = ctx;
    g.m = m;
    g.text = text;
    sl_ner_feats_init(&g.feats, ctx);
    sl_ner_doc_init(&g.doc, ctx);
    int rc = len ? sl_ner_tokenize(ctx, text, len, &g.toks, &g.toks_cap, &g.ntoks) : 0;
    if (!rc)
        rc = each_sentence(&g, learn_sentence);
    if (!rc)
        rc = each_sentence(&g, tag_sentence);
    tagger_release(&g);
    if (rc) {
        sl_free(ctx, g.spans);
        return rc == SL_ENOMEM ? sl_oom(ctx) : rc;
    }
    *spans = g.spans;
    *n = g.nspans;
    return 0;
}
