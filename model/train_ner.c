/* train_ner: train the NER model (src/facts/ner.h) as an averaged structured
 * perceptron on CoNLL files, report dev F1, write a .slm model.
 *
 *   train_ner [options] TRAIN.conll...
 *     -o FILE        write the model (int16 weights) to FILE
 *     --gaz DIR      gazetteer lists (countries.txt, demonyms.txt, ...)
 *     --dev FILE     score on FILE after each epoch (repeatable)
 *     --epochs N     passes over the training data (default 12)
 *     --upper R      add an all-caps copy of a fraction R of the training
 *                    sentences (default 0.05), so headlines are learnt
 *     --prune Q      drop quantised weights with |w| < Q (default 1)
 *     --replace R    add a copy of a fraction R of the sentences with their LOC
 *                    and ORG names replaced by gazetteer phrases (default 0)
 *     --orgs R       of those ORG names, replace a fraction R by made-up
 *                    organisation names ("X Holdings", default 0.3)
 *     --sports N     add N synthetic documents of sports results, teams named
 *                    after places tagged ORG (default 1000)
 *     --seed N       shuffling seed (default 1)
 *     --research     allow research-only data (conll_*.conll); the model
 *                    may then not be written under data/models
 *
 * Input: "token<TAB>tag" lines (BIO tags over PER, ORG, LOC, MISC), a blank
 * line between sentences, "-DOCSTART-" lines ignored.  Prints progress and
 * figures on stdout.  Build: see model/README.md. */
#include "train_ner.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char *const gaz_files[SL_NER_GAZ_N] = {
    "countries.txt", "demonyms.txt", "capitals.txt", "cities.txt",
    "intl_orgs.txt", "news_agencies.txt", "news_outlets.txt",
};

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "train_ner: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

/* Grow *arr (elements of elem bytes) to hold need elements. */
void grow(void *arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    *cap = *cap ? *cap * 2 : 1024;
    if (*cap < need)
        *cap = need;
    void **p = arr;
    *p = xrealloc(*p, *cap * elem);
}



static int parse_tag(const char *s)
{
    static const char *const types[SL_NER_NTYPES] = { "PER", "ORG", "LOC", "MISC" };
    if (strcmp(s, "O") == 0)
        return 0;
    if ((s[0] != 'B' && s[0] != 'I') || s[1] != '-')
        return -1;
    for (int t = 0; t < SL_NER_NTYPES; t++)
        if (strcmp(s + 2, types[t]) == 0)
            return s[0] == 'B' ? SL_NER_TAG_B(t) : SL_NER_TAG_I(t);
    return -1;
}

void add_word(corpus *c, const char *w, size_t len, int tag)
{
    /* w may point into c->text, which may move */
    bool inside = c->text && w >= c->text && w < c->text + c->text_len;
    size_t off = inside ? (size_t)(w - c->text) : 0;
    grow(&c->text, &c->text_cap, c->text_len + len + 1, sizeof *c->text);
    memcpy(c->text + c->text_len, inside ? c->text + off : w, len);
    c->text[c->text_len + len] = '\0';
    size_t old = c->words_cap;
    grow(&c->word_off, &c->words_cap, c->nwords + 1, sizeof *c->word_off);
    if (c->words_cap != old) {
        c->word_len = xrealloc(c->word_len, c->words_cap * sizeof *c->word_len);
        c->gold = xrealloc(c->gold, c->words_cap);
    }
    c->word_off[c->nwords] = c->text_len;
    c->word_len[c->nwords] = len;
    c->gold[c->nwords] = (uint8_t)tag;
    c->nwords++;
    c->text_len += len + 1;
}

void end_sentence(corpus *c, size_t *first, size_t doc, bool copy)
{
    if (c->nwords > *first) {
        grow(&c->sents, &c->sents_cap, c->nsents + 1, sizeof *c->sents);
        c->sents[c->nsents++] = (sentence){ *first, c->nwords - *first, doc, copy };
    }
    *first = c->nwords;
}

static void read_conll(corpus *c, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot open", path);
    char line[4096];
    size_t first = c->nwords;
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        line[n] = '\0';
        char *tab = strchr(line, '\t');
        if (n == 0 || !tab) {
            end_sentence(c, &first, c->ndocs, false);
            continue;
        }
        *tab = '\0';
        if (strcmp(line, "-DOCSTART-") == 0) {
            end_sentence(c, &first, c->ndocs, false);
            c->ndocs++;
            continue;
        }
        int tag = parse_tag(tab + 1);
        if (tag < 0)
            die("unknown tag in", path);
        add_word(c, line, strlen(line), tag);
    }
    end_sentence(c, &first, c->ndocs, false);
    c->ndocs++;
    fclose(f);
}

/* Upper-case a word (ASCII and utf8proc) into out. */
size_t upper_word(const char *w, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t adv = 0;
        int32_t cp = sl_utf8_decode(w + i, len - i, &adv);
        char enc[4];
        size_t n = cp < 0 ? 0 : sl_utf8_encode((uint32_t)utf8proc_toupper(cp), enc);
        const char *src = n ? enc : w + i;
        if (!n)
            n = adv;
        if (o + n > cap)
            break;
        memcpy(out + o, src, n);
        o += n;
        i += adv;
    }
    return o;
}

uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * UINT64_C(0x2545f4914f6cdd1d);
}

/* Append all-caps copies of about `rate` of the sentences. */
static void add_upper_copies(corpus *c, double rate, uint64_t seed)
{
    size_t nsents = c->nsents;
    char buf[4096];
    for (size_t s = 0; s < nsents; s++) {
        if ((double)(rng_next(&seed) >> 11) / 9007199254740992.0 >= rate)
            continue;
        size_t first = c->nwords;
        sentence src = c->sents[s];
        for (size_t i = src.first; i < src.first + src.n; i++) {
            size_t n = upper_word(c->text + c->word_off[i], c->word_len[i], buf, sizeof buf);
            add_word(c, buf, n, c->gold[i]);
        }
        /* half of them alone in a document, like a headline without its story */
        end_sentence(c, &first, (rng_next(&seed) & 1) ? src.doc : c->ndocs++, true);
    }
}

/* Gazetteer phrases split into tokens, by category, for mention
 * replacement. */

static void split_phrases(phrases *ph, sl_ctx *ctx, const sl_buf *blob)
{
    sl_ner_token *toks = NULL;
    size_t cap = 0, n = 0;
    for (size_t i = 0; i < blob->len;) {
        const char *line = blob->ptr + i;
        size_t len = strcspn(line, "\n");
        int c = line[0] - '0';
        if (sl_ner_tokenize(ctx, line + 2, len - 2, &toks, &cap, &n))
            die("out of memory", NULL);
        i += len + 1;
        if (n == 0 || n > 8)
            continue;
        size_t old = ph->ncap[c];
        grow(&ph->start[c], &ph->ncap[c], ph->n[c] + 1, sizeof *ph->start[c]);
        if (ph->ncap[c] != old)
            ph->ntok[c] = xrealloc(ph->ntok[c], ph->ncap[c]);
        ph->start[c][ph->n[c]] = ph->len;
        ph->ntok[c][ph->n[c]++] = (uint8_t)n;
        for (size_t k = 0; k < n; k++) {
            size_t tl = toks[k].end - toks[k].start;
            grow(&ph->text, &ph->cap, ph->len + tl + 1, 1);
            memcpy(ph->text + ph->len, line + 2 + toks[k].start, tl);
            ph->text[ph->len + tl] = '\0';
            ph->len += tl + 1;
        }
    }
    sl_free(ctx, toks);
}

/* A random phrase for an entity of this type; false when none. */
bool pick_phrase(const phrases *ph, int type, uint64_t *seed, int *cat, size_t *idx)
{
    static const int loc[] = { SL_NER_GAZ_COUNTRY, SL_NER_GAZ_CAPITAL, SL_NER_GAZ_CITY };
    static const int org[] = { SL_NER_GAZ_INTL_ORG, SL_NER_GAZ_AGENCY, SL_NER_GAZ_OUTLET };
    const int *cats = type == SL_NER_LOC ? loc : type == SL_NER_ORG ? org : NULL;
    if (!cats)
        return false;
    *cat = cats[rng_next(seed) % 3];
    if (ph->n[*cat] == 0)
        return false;
    *idx = (size_t)(rng_next(seed) % ph->n[*cat]);
    return true;
}

static sl_ner_word *sentence_words(const corpus *c, const sentence *st, sl_ner_word **words,
                                   size_t *cap)
{
    grow(words, cap, st->n, sizeof **words);
    for (size_t i = 0; i < st->n; i++)
        (*words)[i] = (sl_ner_word){ c->text + c->word_off[st->first + i], c->word_len[st->first + i] };
    return *words;
}

/* Sentence numbers ordered by document (counting sort). */
static size_t *by_document(const corpus *c, size_t **doc_start)
{
    size_t *start = calloc(c->ndocs + 2, sizeof *start);
    size_t *order = xrealloc(NULL, c->nsents * sizeof *order);
    if (!start)
        die("out of memory", NULL);
    for (size_t s = 0; s < c->nsents; s++)
        start[c->sents[s].doc + 2]++;
    for (size_t d = 2; d < c->ndocs + 2; d++)
        start[d] += start[d - 1];
    for (size_t s = 0; s < c->nsents; s++)
        order[start[c->sents[s].doc + 1]++] = s;
    *doc_start = start; /* document d: order[start[d] .. start[d + 1]) */
    return order;
}

static void featurise(corpus *c, sl_ner_feats *f, const sl_ner_gaz *gaz, sl_ctx *ctx)
{
    c->keys = xrealloc(c->keys, c->nwords * SL_NER_MAX_FEATS * sizeof *c->keys);
    c->nkeys = xrealloc(c->nkeys, c->nwords);
    sl_ner_word *words = NULL;
    size_t words_cap = 0, *doc_start = NULL;
    size_t *order = by_document(c, &doc_start);
    sl_ner_doc doc;
    sl_ner_doc_init(&doc, ctx);
    for (size_t d = 0; d < c->ndocs; d++) {
        sl_ner_doc_reset(&doc);
        for (size_t k = doc_start[d]; k < doc_start[d + 1]; k++) {
            const sentence *st = &c->sents[order[k]];
            if (!st->copy && sl_ner_doc_add(&doc, sentence_words(c, st, &words, &words_cap), st->n))
                die("out of memory", NULL);
        }
        for (size_t k = doc_start[d]; k < doc_start[d + 1]; k++) {
            const sentence *st = &c->sents[order[k]];
            if (sl_ner_features(f, gaz, &doc, sentence_words(c, st, &words, &words_cap), st->n))
                die("out of memory", NULL);
            memcpy(c->keys + st->first * SL_NER_MAX_FEATS, f->keys,
                   st->n * SL_NER_MAX_FEATS * sizeof *c->keys);
            memcpy(c->nkeys + st->first, f->count, st->n);
        }
    }
    sl_ner_doc_release(&doc);
    free(order);
    free(doc_start);
    free(words);
}

/* ---- weights ---------------------------------------------------------- */

/* Features get a row of weights when first updated.  Averaging: w is the
 * current weight, u the sum of c * delta over updates; the average after c
 * steps is w - u / c. */
typedef struct weights {
    uint32_t *slot_key;
    uint32_t *slot_row;
    size_t slot_cap;
    uint32_t *row_key;
    double *w, *u;
    size_t nrows, rows_cap;
    double tw[TRANS], tu[TRANS];
    double c;
} weights;

static long find_row(const weights *W, uint32_t key)
{
    if (!W->slot_cap)
        return -1;
    size_t s = key & (W->slot_cap - 1);
    while (W->slot_key[s]) {
        if (W->slot_key[s] == key)
            return W->slot_row[s];
        s = (s + 1) & (W->slot_cap - 1);
    }
    return -1;
}

static void slot_insert(weights *W, uint32_t key, uint32_t row)
{
    size_t s = key & (W->slot_cap - 1);
    while (W->slot_key[s])
        s = (s + 1) & (W->slot_cap - 1);
    W->slot_key[s] = key;
    W->slot_row[s] = row;
}

static size_t get_row(weights *W, uint32_t key)
{
    long r = find_row(W, key);
    if (r >= 0)
        return (size_t)r;
    if ((W->nrows + 1) * 2 > W->slot_cap) {
        size_t cap = W->slot_cap ? W->slot_cap * 2 : 1 << 16;
        free(W->slot_key);
        free(W->slot_row);
        W->slot_key = calloc(cap, sizeof *W->slot_key);
        W->slot_row = calloc(cap, sizeof *W->slot_row);
        if (!W->slot_key || !W->slot_row)
            die("out of memory", NULL);
        W->slot_cap = cap;
        for (size_t i = 0; i < W->nrows; i++)
            slot_insert(W, W->row_key[i], (uint32_t)i);
    }
    size_t old = W->rows_cap;
    grow(&W->row_key, &W->rows_cap, W->nrows + 1, sizeof *W->row_key);
    if (W->rows_cap != old) {
        W->w = xrealloc(W->w, W->rows_cap * T * sizeof *W->w);
        W->u = xrealloc(W->u, W->rows_cap * T * sizeof *W->u);
    }
    size_t row = W->nrows++;
    W->row_key[row] = key;
    memset(W->w + row * T, 0, T * sizeof *W->w);
    memset(W->u + row * T, 0, T * sizeof *W->u);
    slot_insert(W, key, (uint32_t)row);
    return row;
}

/* Scores of one token with current (avg = false) or averaged weights. */
static void score_token(const weights *W, const uint32_t *keys, size_t n, bool avg, float *out)
{
    double acc[T] = { 0 };
    for (size_t k = 0; k < n; k++) {
        long r = find_row(W, keys[k]);
        if (r < 0)
            continue;
        for (int t = 0; t < T; t++)
            acc[t] += avg ? W->w[r * T + t] - W->u[r * T + t] / W->c : W->w[r * T + t];
    }
    for (int t = 0; t < T; t++)
        out[t] = (float)acc[t];
}

static void trans_of(const weights *W, bool avg, float *out)
{
    for (int i = 0; i < TRANS; i++)
        out[i] = (float)(avg ? W->tw[i] - W->tu[i] / W->c : W->tw[i]);
}

typedef struct decoder {
    float *emit;
    uint8_t *back, *tags;
    size_t cap;
} decoder;

static void reserve_decoder(decoder *d, size_t n)
{
    if (n > d->cap) {
        d->cap = n * 2;
        d->emit = xrealloc(d->emit, d->cap * T * sizeof *d->emit);
        d->back = xrealloc(d->back, d->cap * T);
        d->tags = xrealloc(d->tags, d->cap);
    }
}

static void decode(decoder *d, const corpus *c, const sentence *st, const float *emit_trans,
                   const weights *W, bool avg)
{
    reserve_decoder(d, st->n);
    for (size_t i = 0; i < st->n; i++) {
        size_t w = st->first + i;
        score_token(W, c->keys + w * SL_NER_MAX_FEATS, c->nkeys[w], avg, d->emit + i * T);
    }
    float scratch[2 * T];
    sl_ner_viterbi(d->emit, emit_trans, st->n, d->back, scratch, d->tags);
}

static void update(weights *W, const corpus *c, const sentence *st, const uint8_t *pred)
{
    const uint8_t *gold = c->gold + st->first;
    for (size_t i = 0; i < st->n; i++) {
        int pg = i ? gold[i - 1] : -1, pp = i ? pred[i - 1] : -1;
        if (gold[i] != pred[i] || pg != pp) {
            size_t tg = (size_t)(pg + 1) * T + gold[i], tp = (size_t)(pp + 1) * T + pred[i];
            W->tw[tg] += 1, W->tu[tg] += W->c;
            W->tw[tp] -= 1, W->tu[tp] -= W->c;
        }
        if (gold[i] == pred[i])
            continue;
        size_t w = st->first + i;
        for (size_t k = 0; k < c->nkeys[w]; k++) {
            size_t r = get_row(W, c->keys[w * SL_NER_MAX_FEATS + k]);
            W->w[r * T + gold[i]] += 1, W->u[r * T + gold[i]] += W->c;
            W->w[r * T + pred[i]] -= 1, W->u[r * T + pred[i]] -= W->c;
        }
    }
}

static void train_epoch(weights *W, const corpus *c, size_t *order, uint64_t *seed, decoder *d)
{
    for (size_t i = c->nsents; i > 1; i--) { /* Fisher-Yates */
        size_t j = (size_t)(rng_next(seed) % i);
        size_t tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
    float trans[TRANS];
    for (size_t s = 0; s < c->nsents; s++) {
        const sentence *st = &c->sents[order[s]];
        trans_of(W, false, trans);
        decode(d, c, st, trans, W, false);
        if (memcmp(d->tags, c->gold + st->first, st->n) != 0)
            update(W, c, st, d->tags);
        W->c += 1;
    }
}

/* ---- scoring ---------------------------------------------------------- */

typedef struct span_list {
    size_t (*s)[3];
    size_t n, cap;
} span_list;

static int collect(void *ud, size_t first, size_t last, int type)
{
    span_list *l = ud;
    grow(&l->s, &l->cap, l->n + 1, sizeof *l->s);
    l->s[l->n][0] = first, l->s[l->n][1] = last, l->s[l->n][2] = (size_t)type;
    l->n++;
    return 0;
}

typedef struct counts {
    size_t tp, gold, pred;
} counts;

static void count_sentence(counts *k, const uint8_t *gold, const uint8_t *pred, size_t n)
{
    span_list g = { 0 }, p = { 0 };
    sl_ner_tags_to_spans(gold, n, collect, &g);
    sl_ner_tags_to_spans(pred, n, collect, &p);
    for (size_t i = 0; i < p.n; i++)
        for (size_t j = 0; j < g.n; j++)
            if (memcmp(p.s[i], g.s[j], sizeof p.s[i]) == 0)
                k->tp++;
    k->gold += g.n;
    k->pred += p.n;
    free(g.s);
    free(p.s);
}

static double f1(const counts *k)
{
    double p = k->pred ? (double)k->tp / (double)k->pred : 0;
    double r = k->gold ? (double)k->tp / (double)k->gold : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* Score a corpus with the averaged weights, or with a loaded model. */
static counts evaluate(const corpus *c, const weights *W, const sl_ner_model *m, decoder *d)
{
    counts k = { 0, 0, 0 };
    float trans[TRANS];
    if (!m)
        trans_of(W, true, trans);
    for (size_t s = 0; s < c->nsents; s++) {
        const sentence *st = &c->sents[s];
        if (m) {
            reserve_decoder(d, st->n);
            for (size_t i = 0; i < st->n; i++) {
                size_t w = st->first + i;
                sl_ner_model_score(m, c->keys + w * SL_NER_MAX_FEATS, c->nkeys[w], d->emit + i * T);
            }
            float scratch[2 * T];
            sl_ner_viterbi(d->emit, sl_ner_model_trans(m), st->n, d->back, scratch, d->tags);
        } else {
            decode(d, c, st, trans, W, true);
        }
        count_sentence(&k, c->gold + st->first, d->tags, st->n);
    }
    return k;
}

/* ---- saving ----------------------------------------------------------- */

typedef struct saved_row {
    uint32_t key;
    int16_t w[T];
} saved_row;

static int by_key(const void *a, const void *b)
{
    uint32_t x = ((const saved_row *)a)->key, y = ((const saved_row *)b)->key;
    return (x > y) - (x < y);
}

static int16_t quantise(double v, double scale, int prune)
{
    long q = lround(v * scale);
    if (labs(q) < prune)
        return 0;
    return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

static void save_model(sl_ctx *ctx, const weights *W, const sl_buf *gaz, int prune, const char *path)
{
    double maxabs = 1e-9;
    for (size_t i = 0; i < W->nrows * T; i++)
        maxabs = fmax(maxabs, fabs(W->w[i] - W->u[i] / W->c));
    for (int i = 0; i < TRANS; i++)
        maxabs = fmax(maxabs, fabs(W->tw[i] - W->tu[i] / W->c));
    double scale = 32767.0 / maxabs;
    saved_row *rows = xrealloc(NULL, W->nrows * sizeof *rows);
    size_t n = 0;
    for (size_t r = 0; r < W->nrows; r++) {
        bool any = false;
        rows[n].key = W->row_key[r];
        for (int t = 0; t < T; t++) {
            rows[n].w[t] = quantise(W->w[r * T + t] - W->u[r * T + t] / W->c, scale, prune);
            any |= rows[n].w[t] != 0;
        }
        n += any;
    }
    qsort(rows, n, sizeof *rows, by_key);
    uint32_t *keys = xrealloc(NULL, n * sizeof *keys);
    int16_t *w = xrealloc(NULL, n * T * sizeof *w), trans[TRANS];
    for (size_t i = 0; i < n; i++) {
        keys[i] = rows[i].key;
        memcpy(w + i * T, rows[i].w, sizeof rows[i].w);
    }
    for (int i = 0; i < TRANS; i++)
        trans[i] = quantise(W->tw[i] - W->tu[i] / W->c, scale, 0);
    sl_buf out;
    sl_buf_init(&out, ctx);
    if (sl_ner_model_write(&out, trans, keys, w, n, gaz->ptr, gaz->len))
        die("cannot build the model", sl_errmsg(ctx));
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(out.ptr, 1, out.len, f) != out.len || fclose(f) != 0)
        die("cannot write", path);
    printf("model: %s, %zu features of %zu, %zu bytes, scale %.3f\n", path, n, W->nrows, out.len, scale);
    sl_buf_release(&out);
    free(rows);
    free(keys);
    free(w);
}

/* ---- gazetteer -------------------------------------------------------- */

static void load_gazetteer(sl_buf *blob, const char *dir)
{
    char path[4096], line[1024];
    for (int c = 0; c < SL_NER_GAZ_N; c++) {
        snprintf(path, sizeof path, "%s/%s", dir, gaz_files[c]);
        FILE *f = fopen(path, "r");
        if (!f)
            die("cannot open", path);
        while (fgets(line, sizeof line, f)) {
            size_t n = strcspn(line, "\r\n\t");
            while (n > 0 && line[n - 1] == ' ')
                n--;
            if (n == 0 || !sl_utf8_valid(line, n))
                continue;
            if (sl_buf_putc(blob, (char)('0' + c)) || sl_buf_putc(blob, '\t') ||
                sl_buf_append(blob, line, n) || sl_buf_putc(blob, '\n'))
                die("out of memory", NULL);
        }
        fclose(f);
    }
}

/* ---- main ------------------------------------------------------------- */

typedef struct options {
    const char *out, *gaz;
    const char *dev[16];
    int ndev;
    const char *train[16];
    int ntrain;
    int epochs, prune;
    double upper, replace, made_up;
    int sports;
    uint64_t seed;
    bool research;
} options;

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void parse_args(options *o, int argc, char **argv)
{
    *o = (options){ .epochs = 12, .prune = 1, .upper = 0.05, .seed = 1, .sports = 1000, .made_up = 0.3 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--research") == 0)
            o->research = true;
        else if (strcmp(a, "-o") == 0 && has_value)
            o->out = argv[++i];
        else if (strcmp(a, "--gaz") == 0 && has_value)
            o->gaz = argv[++i];
        else if (strcmp(a, "--dev") == 0 && has_value && o->ndev < 16)
            o->dev[o->ndev++] = argv[++i];
        else if (strcmp(a, "--epochs") == 0 && has_value)
            o->epochs = atoi(argv[++i]);
        else if (strcmp(a, "--prune") == 0 && has_value)
            o->prune = atoi(argv[++i]);
        else if (strcmp(a, "--replace") == 0 && has_value)
            o->replace = atof(argv[++i]);
        else if (strcmp(a, "--orgs") == 0 && has_value)
            o->made_up = atof(argv[++i]);
        else if (strcmp(a, "--sports") == 0 && has_value)
            o->sports = atoi(argv[++i]);
        else if (strcmp(a, "--upper") == 0 && has_value)
            o->upper = atof(argv[++i]);
        else if (strcmp(a, "--seed") == 0 && has_value)
            o->seed = strtoull(argv[++i], NULL, 10);
        else if (a[0] != '-' && o->ntrain < 16)
            o->train[o->ntrain++] = a;
        else
            die("bad argument (see the comment at the top of model/train_ner.c)", a);
    }
    if (o->ntrain == 0 || o->epochs < 1)
        die("usage: train_ner [-o OUT] [--gaz DIR] [--dev FILE] [--epochs N] TRAIN.conll...", NULL);
    for (int i = 0; i < o->ntrain; i++)
        if (strncmp(base_name(o->train[i]), "conll_", 6) == 0 && !o->research)
            die("research-only training data needs --research", o->train[i]);
    if (o->research && o->out && strstr(o->out, "data/models"))
        die("a model trained on research-only data is never written to data/models", o->out);
}

static void report(const char *what, const counts *k)
{
    printf("  %-40s gold %5zu pred %5zu tp %5zu  F1 %.4f\n", what, k->gold, k->pred, k->tp, f1(k));
}

int main(int argc, char **argv)
{
    options o;
    parse_args(&o, argc, argv);
    sl_ctx *ctx = NULL;
    if (sl_ctx_new(&ctx, NULL))
        die("no context", NULL);
    sl_buf gaz_blob;
    sl_buf_init(&gaz_blob, ctx);
    if (o.gaz)
        load_gazetteer(&gaz_blob, o.gaz);
    sl_ner_gaz *gaz = NULL;
    if (sl_ner_gaz_build(ctx, gaz_blob.ptr ? gaz_blob.ptr : "", gaz_blob.len, &gaz))
        die("gazetteer", sl_errmsg(ctx));
    sl_ner_feats feats;
    sl_ner_feats_init(&feats, ctx);

    corpus train = { 0 }, dev[16];
    for (int i = 0; i < o.ntrain; i++)
        read_conll(&train, o.train[i]);
    size_t original = train.nsents;
    phrases ph = { 0 };
    split_phrases(&ph, ctx, &gaz_blob);
    mentions men = { 0 };
    collect_mentions(&train, &men);
    synth y = { &train, &ph, &men, gaz, o.seed * 31 + 7, false };
    if (o.replace > 0 && men.n && o.gaz)
        add_replaced_copies(&y, o.replace, o.made_up);
    if (o.sports > 0 && men.n && o.gaz)
        add_sports(&y, (size_t)o.sports, o.seed * 613 + 5);
    add_upper_copies(&train, o.upper, o.seed * 7919 + 1);
    featurise(&train, &feats, gaz, ctx);
    printf("train: %zu sentences (%zu original), %zu tokens\n", train.nsents, original,
           train.nwords);
    for (int i = 0; i < o.ndev; i++) {
        dev[i] = (corpus){ 0 };
        read_conll(&dev[i], o.dev[i]);
        featurise(&dev[i], &feats, gaz, ctx);
    }

    weights W = { 0 };
    W.c = 1;
    decoder d = { 0 };
    size_t *order = xrealloc(NULL, train.nsents * sizeof *order);
    for (size_t i = 0; i < train.nsents; i++)
        order[i] = i;
    uint64_t seed = o.seed * 104729 + 17;
    for (int e = 1; e <= o.epochs; e++) {
        train_epoch(&W, &train, order, &seed, &d);
        printf("epoch %d: %zu features\n", e, W.nrows);
        counts open = { 0, 0, 0 };
        for (int i = 0; i < o.ndev; i++) {
            counts k = evaluate(&dev[i], &W, NULL, &d);
            report(o.dev[i], &k);
            if (strncmp(base_name(o.dev[i]), "conll_", 6) != 0)
                open.tp += k.tp, open.gold += k.gold, open.pred += k.pred;
        }
        if (open.gold)
            report("open dev (all but conll_*)", &open);
        fflush(stdout);
    }
    if (o.out) {
        save_model(ctx, &W, &gaz_blob, o.prune, o.out);
        sl_ner_model *m = NULL;
        if (sl_ner_model_load(ctx, o.out, &m))
            die("cannot reload the model", sl_errmsg(ctx));
        for (int i = 0; i < o.ndev; i++) {
            counts k = evaluate(&dev[i], NULL, m, &d);
            printf("saved model on %s: F1 %.4f\n", o.dev[i], f1(&k));
        }
        sl_ner_model_free(m);
    }
    sl_ner_feats_release(&feats);
    sl_ner_gaz_free(ctx, gaz);
    sl_buf_release(&gaz_blob);
    sl_ctx_free(ctx);
    return 0;
}
