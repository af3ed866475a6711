/* NER features: per-token word forms, shapes and gazetteer marks, then the
 * hashed feature keys of each token.  See ner.h.
 *
 * Every key is a hash of a template number and the template's values.  On an
 * all-caps line (a headline) case carries no information, so the templates
 * that look at case (shapes, the exact form) get a different template number
 * there: the model learns their weights separately, and words are compared
 * lower-cased everywhere. */
#include "facts/ner.h"

#include <string.h>
#include <utf8proc.h>
/* inlined: most keys hash a few bytes, where the call costs as much as the hash */
#define XXH_INLINE_ALL
#include <xxhash.h>

#define SHAPE_MAX 12
#define SSHAPE_MAX 6
#define KEY_BYTES 192 /* longest hashed feature; longer values are cut */
#define CASE_TEMPLATES 64 /* added to case templates on all-caps lines */

enum token_flag {
    F_INITCAP = 1, F_ALLCAP = 2, F_DIGIT = 4, F_ALLDIGIT = 8,
    F_HYPHEN = 16, F_DOT = 32, F_LOWER = 64, F_LETTER = 128
};

enum template_id {
    T_BIAS = 1, T_WORD, T_PREFIX, T_SUFFIX, T_PREV1, T_PREV2, T_NEXT1, T_NEXT2,
    T_PREV_WORD, T_WORD_NEXT, T_GAZ_B, T_GAZ_I, T_GAZ_PREV, T_GAZ_NEXT, T_ALLCAPS_LINE,
    T_INITIAL_WORD, T_FLAGS, T_DOC_CASE,
    /* templates that look at case */
    T_FORM, T_SHAPE, T_SSHAPE, T_PREV_SSHAPE, T_NEXT_SSHAPE, T_SSHAPE3, T_PREV_WORD_SSHAPE,
    T_SSHAPE_NEXT_WORD, T_INITIAL_SSHAPE, T_CAP_LEN, T_NUMERIC_LINE
};

struct sl_ner_tokinfo {
    size_t lo, lolen; /* lower-cased form in f->lower */
    uint16_t gaz_b, gaz_i;
    uint8_t flags;
    uint8_t shape_len, sshape_len;
    char shape[SHAPE_MAX], sshape[SSHAPE_MAX];
    size_t ncp; /* code points */
};

int sl_ner_lower(sl_buf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t adv = 0;
        int32_t c = sl_utf8_decode(s + i, len - i, &adv);
        int rc;
        if (c < 0) {
            rc = sl_buf_append(out, s + i, adv);
        } else if (c < 0x80) {
            rc = sl_buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
        } else {
            char enc[4];
            size_t n = sl_utf8_encode((uint32_t)utf8proc_tolower(c), enc);
            rc = n ? sl_buf_append(out, enc, n) : sl_buf_append(out, s + i, adv);
        }
        if (rc)
            return rc;
        i += adv;
    }
    return 0;
}

void sl_ner_feats_init(sl_ner_feats *f, sl_ctx *ctx)
{
    memset(f, 0, sizeof *f);
    f->ctx = ctx;
    sl_buf_init(&f->lower, ctx);
}

void sl_ner_feats_release(sl_ner_feats *f)
{
    sl_free(f->ctx, f->keys);
    sl_free(f->ctx, f->count);
    sl_free(f->ctx, f->info);
    sl_buf_release(&f->lower);
    memset(f, 0, sizeof *f);
}

static int reserve(sl_ner_feats *f, size_t n)
{
    if (n <= f->cap)
        return 0;
    size_t cap = f->cap ? f->cap : 64;
    while (cap < n)
        cap *= 2;
    uint32_t *keys = sl_realloc(f->ctx, f->keys, cap * SL_NER_MAX_FEATS * sizeof *keys);
    if (!keys)
        return sl_oom(f->ctx);
    f->keys = keys;
    uint8_t *count = sl_realloc(f->ctx, f->count, cap);
    if (!count)
        return sl_oom(f->ctx);
    f->count = count;
    struct sl_ner_tokinfo *info = sl_realloc(f->ctx, f->info, cap * sizeof *info);
    if (!info)
        return sl_oom(f->ctx);
    f->info = info;
    f->cap = cap;
    return 0;
}

static char shape_char(int32_t c, uint8_t *flags)
{
    if (c < 0)
        return '*';
    if (c >= '0' && c <= '9') {
        *flags |= F_DIGIT;
        return 'd';
    }
    if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        if (c == '-')
            *flags |= F_HYPHEN;
        if (c == '.')
            *flags |= F_DOT;
        return (char)c;
    }
    utf8proc_category_t k = c < 0x80 ? (c >= 'a' ? UTF8PROC_CATEGORY_LL : UTF8PROC_CATEGORY_LU)
                                     : utf8proc_category(c);
    if (k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT) {
        *flags |= F_LETTER;
        return 'X';
    }
    if (k <= UTF8PROC_CATEGORY_LO) {
        *flags |= F_LETTER | F_LOWER;
        return 'x';
    }
    if (k == UTF8PROC_CATEGORY_ND)
        return 'd';
    return '*';
}

/* Shapes, flags and code point count of one word. */
static void describe(const sl_ner_word *w, struct sl_ner_tokinfo *t)
{
    t->flags = 0;
    t->shape_len = t->sshape_len = 0;
    t->ncp = 0;
    bool all_digit = true, all_upper = true, first = true;
    for (size_t i = 0; i < w->len;) {
        size_t adv = 0;
        int32_t c = sl_utf8_decode(w->s + i, w->len - i, &adv);
        char ch = shape_char(c, &t->flags);
        if (first && ch == 'X')
            t->flags |= F_INITCAP;
        first = false;
        if (ch == 'x')
            all_upper = false;
        if (ch != 'd')
            all_digit = false;
        if (t->shape_len < SHAPE_MAX)
            t->shape[t->shape_len++] = ch;
        if (t->sshape_len < SSHAPE_MAX && (t->sshape_len == 0 || t->sshape[t->sshape_len - 1] != ch))
            t->sshape[t->sshape_len++] = ch;
        t->ncp++;
        i += adv;
    }
    if (all_digit && w->len)
        t->flags |= F_ALLDIGIT;
    if (all_upper && (t->flags & F_LETTER))
        t->flags |= F_ALLCAP;
}

/* Byte length of the first / last k code points of s[0..len). */
static size_t prefix_bytes(const char *s, size_t len, size_t k)
{
    size_t i = 0;
    while (i < len && k > 0) {
        size_t adv = 0;
        sl_utf8_decode(s + i, len - i, &adv);
        i += adv;
        k--;
    }
    return i;
}

static size_t suffix_bytes(const char *s, size_t len, size_t k)
{
    size_t e = len;
    while (e > 0 && k > 0) {
        e--;
        while (e > 0 && ((unsigned char)s[e] & 0xC0) == 0x80 && len - e < 4 * k)
            e--;
        k--;
    }
    return len - e;
}

/* A feature being hashed: template byte, then values separated by 0x1F. */
typedef struct fkey {
    char b[KEY_BYTES];
    size_t n;
} fkey;

static void fk_start(fkey *k, int template_id)
{
    k->b[0] = (char)template_id;
    k->n = 1;
}

static void fk_add(fkey *k, const char *s, size_t len)
{
    if (k->n < KEY_BYTES)
        k->b[k->n++] = '\x1f';
    size_t room = KEY_BYTES - k->n;
    if (len > room)
        len = room;
    memcpy(k->b + k->n, s, len);
    k->n += len;
}

static uint32_t fk_key(const fkey *k)
{
    uint64_t h = XXH3_64bits(k->b, k->n);
    uint32_t key = (uint32_t)(h ^ (h >> 32));
    return key ? key : 1;
}

/* The sentence being featurised. */
typedef struct sent {
    sl_ner_feats *f;
    const sl_ner_word *words;
    size_t n;
    bool allcaps;
    bool numeric; /* a table row: a third or more of the words hold digits */
    const sl_ner_doc *doc;
} sent;

static const char BOS[] = "<S>", EOS[] = "</S>";

static void lower_of(const sent *s, long i, const char **p, size_t *len)
{
    if (i < 0 || (size_t)i >= s->n) {
        *p = i < 0 ? BOS : EOS;
        *len = strlen(*p);
        return;
    }
    const struct sl_ner_tokinfo *t = &s->f->info[i];
    *p = s->f->lower.ptr + t->lo;
    *len = t->lolen;
}

static void sshape_of(const sent *s, long i, const char **p, size_t *len)
{
    if (i < 0 || (size_t)i >= s->n) {
        *p = i < 0 ? BOS : EOS;
        *len = strlen(*p);
        return;
    }
    *p = s->f->info[i].sshape;
    *len = s->f->info[i].sshape_len;
}

/* Collects a token's keys. */
typedef struct kout {
    uint32_t *keys;
    uint8_t n;
} kout;

static void put(kout *o, const fkey *k)
{
    if (o->n < SL_NER_MAX_FEATS)
        o->keys[o->n++] = fk_key(k);
}

static int case_template(const sent *s, int t)
{
    return s->allcaps ? t + CASE_TEMPLATES : t;
}

/* Feature with one value: word/shape of token i+off. */
static void put_lower(kout *o, int tmpl, const sent *s, long i)
{
    fkey k;
    const char *p;
    size_t n;
    fk_start(&k, tmpl);
    lower_of(s, i, &p, &n);
    fk_add(&k, p, n);
    put(o, &k);
}

static void put_sshape(kout *o, int tmpl, const sent *s, long i)
{
    fkey k;
    const char *p;
    size_t n;
    fk_start(&k, case_template(s, tmpl));
    sshape_of(s, i, &p, &n);
    fk_add(&k, p, n);
    put(o, &k);
}

/* Two values: a word and a word, or a word and a shape. */
static void put_pair(kout *o, int tmpl, const char *a, size_t an, const char *b, size_t bn)
{
    fkey k;
    fk_start(&k, tmpl);
    fk_add(&k, a, an);
    fk_add(&k, b, bn);
    put(o, &k);
}

static void word_features(kout *o, const sent *s, long i)
{
    const struct sl_ner_tokinfo *t = &s->f->info[i];
    const char *w;
    size_t wn;
    lower_of(s, i, &w, &wn);
    fkey k;
    fk_start(&k, T_BIAS);
    put(o, &k);
    put_lower(o, T_WORD, s, i);
    if (!s->allcaps) {
        fk_start(&k, T_FORM);
        fk_add(&k, s->words[i].s, s->words[i].len);
        put(o, &k);
    }
    for (size_t a = 1; a <= 4 && a < t->ncp; a++) {
        char tag = (char)('0' + a);
        fk_start(&k, T_PREFIX);
        fk_add(&k, &tag, 1);
        fk_add(&k, w, prefix_bytes(w, wn, a));
        put(o, &k);
        fk_start(&k, T_SUFFIX);
        fk_add(&k, &tag, 1);
        size_t sb = suffix_bytes(w, wn, a);
        fk_add(&k, w + wn - sb, sb);
        put(o, &k);
    }
    fk_start(&k, case_template(s, T_SHAPE));
    fk_add(&k, t->shape, t->shape_len);
    put(o, &k);
    put_sshape(o, T_SSHAPE, s, i);
    char fl = (char)(t->flags & (F_DIGIT | F_ALLDIGIT | F_HYPHEN | F_DOT));
    if (fl) {
        fk_start(&k, T_FLAGS);
        fk_add(&k, &fl, 1);
        put(o, &k);
    }
    if (s->doc && (t->flags & F_LETTER)) {
        /* where case says little, how the document writes the word elsewhere */
        char v = (char)('0' + sl_ner_doc_case(s->doc, w, wn) + (s->allcaps || i == 0 ? 4 : 0));
        fk_start(&k, T_DOC_CASE);
        fk_add(&k, &v, 1);
        put(o, &k);
    }
    char len_bucket = (char)(t->ncp > 6 ? 7 : t->ncp);
    fk_start(&k, case_template(s, T_CAP_LEN));
    fk_add(&k, &len_bucket, 1);
    fk_add(&k, t->sshape, t->sshape_len);
    put(o, &k);
}

static void context_features(kout *o, const sent *s, long i)
{
    put_lower(o, T_PREV1, s, i - 1);
    put_lower(o, T_PREV2, s, i - 2);
    put_lower(o, T_NEXT1, s, i + 1);
    put_lower(o, T_NEXT2, s, i + 2);
    const char *w, *p, *nx, *sh;
    size_t wn, pn, nn, shn;
    lower_of(s, i, &w, &wn);
    lower_of(s, i - 1, &p, &pn);
    lower_of(s, i + 1, &nx, &nn);
    put_pair(o, T_PREV_WORD, p, pn, w, wn);
    put_pair(o, T_WORD_NEXT, w, wn, nx, nn);
    put_sshape(o, T_PREV_SSHAPE, s, i - 1);
    put_sshape(o, T_NEXT_SSHAPE, s, i + 1);
    sshape_of(s, i, &sh, &shn);
    put_pair(o, case_template(s, T_PREV_WORD_SSHAPE), p, pn, sh, shn);
    put_pair(o, case_template(s, T_SSHAPE_NEXT_WORD), sh, shn, nx, nn);
    fkey k;
    fk_start(&k, case_template(s, T_SSHAPE3));
    const char *a, *c;
    size_t an, cn;
    sshape_of(s, i - 1, &a, &an);
    sshape_of(s, i + 1, &c, &cn);
    fk_add(&k, a, an);
    fk_add(&k, sh, shn);
    fk_add(&k, c, cn);
    put(o, &k);
    if (s->numeric)
        put_sshape(o, T_NUMERIC_LINE, s, i);
    if (i == 0) {
        put_sshape(o, T_INITIAL_SSHAPE, s, i);
        put_lower(o, T_INITIAL_WORD, s, i);
    }
    if (s->allcaps) {
        fk_start(&k, T_ALLCAPS_LINE);
        put(o, &k);
    }
}

static void put_gaz_bits(kout *o, int tmpl, uint16_t mask)
{
    for (int c = 0; c < SL_NER_GAZ_N; c++) {
        if (!(mask & (1u << c)))
            continue;
        fkey k;
        char v = (char)('0' + c);
        fk_start(&k, tmpl);
        fk_add(&k, &v, 1);
        put(o, &k);
    }
}

static void gaz_features(kout *o, const sent *s, long i)
{
    const struct sl_ner_tokinfo *t = s->f->info;
    put_gaz_bits(o, T_GAZ_B, t[i].gaz_b);
    put_gaz_bits(o, T_GAZ_I, t[i].gaz_i);
    if (i > 0)
        put_gaz_bits(o, T_GAZ_PREV, t[i - 1].gaz_b | t[i - 1].gaz_i);
    if ((size_t)i + 1 < s->n)
        put_gaz_bits(o, T_GAZ_NEXT, t[i + 1].gaz_b | t[i + 1].gaz_i);
}

/* Lower-case every word and describe it; decide whether the line is all
 * caps (letters, three or more capitals and no small letter). */
static int describe_all(sent *s)
{
    sl_ner_feats *f = s->f;
    sl_buf_reset(&f->lower);
    size_t upper = 0, numbers = 0;
    bool any_lower = false;
    for (size_t i = 0; i < s->n; i++) {
        struct sl_ner_tokinfo *t = &f->info[i];
        t->lo = f->lower.len;
        int rc = sl_ner_lower(&f->lower, s->words[i].s, s->words[i].len);
        if (rc)
            return rc;
        t->lolen = f->lower.len - t->lo;
        describe(&s->words[i], t);
        if (t->flags & F_LOWER)
            any_lower = true;
        numbers += (t->flags & F_DIGIT) != 0;
        for (size_t j = 0; j < t->shape_len; j++)
            upper += t->shape[j] == 'X';
    }
    s->allcaps = !any_lower && upper >= 3;
    s->numeric = numbers * 3 >= s->n && s->n >= 3;
    return 0;
}

/* Gazetteer marks, with scratch arrays for the lower-cased words. */
static int mark_gazetteer(sent *s, const sl_ner_gaz *gaz)
{
    sl_ctx *ctx = s->f->ctx;
    size_t n = s->n;
    sl_ner_word *lower = sl_malloc(ctx, n * sizeof *lower);
    uint16_t *b = sl_malloc(ctx, n * sizeof *b);
    uint16_t *in = sl_malloc(ctx, n * sizeof *in);
    int rc = 0;
    if (!lower || !b || !in) {
        rc = sl_oom(ctx);
    } else {
        for (size_t i = 0; i < n; i++)
            lower[i] = (sl_ner_word){ s->f->lower.ptr + s->f->info[i].lo, s->f->info[i].lolen };
        sl_ner_gaz_match(gaz, s->words, lower, n, s->allcaps, b, in);
        for (size_t i = 0; i < n; i++) {
            s->f->info[i].gaz_b = b[i];
            s->f->info[i].gaz_i = in[i];
        }
    }
    sl_free(ctx, lower);
    sl_free(ctx, b);
    sl_free(ctx, in);
    return rc;
}

int sl_ner_features(sl_ner_feats *f, const sl_ner_gaz *gaz, const sl_ner_doc *doc,
                    const sl_ner_word *words, size_t n)
{
    if (n == 0)
        return 0;
    int rc = reserve(f, n);
    sent s = { f, words, n, false, false, doc };
    if (!rc)
        rc = describe_all(&s);
    if (!rc)
        rc = mark_gazetteer(&s, gaz);
    if (rc)
        return rc;
    /* the lower buffer is no longer grown: pointers into it are stable */
    for (size_t i = 0; i < n; i++) {
        kout o = { f->keys + i * SL_NER_MAX_FEATS, 0 };
        word_features(&o, &s, (long)i);
        context_features(&o, &s, (long)i);
        gaz_features(&o, &s, (long)i);
        f->count[i] = o.n;
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * The same features summed in parts, for the tagger's word cache.  Every
 * key below is built exactly as above; only the grouping differs.
 * ------------------------------------------------------------------------ */

static int template_for(bool allcaps, int t)
{
    return allcaps ? t + CASE_TEMPLATES : t;
}

static void add_key(sl_ner_batch *m, const fkey *k, int32_t *acc)
{
    sl_ner_batch_add(m, fk_key(k), acc);
}

static void add_one(sl_ner_batch *m, int tmpl, const char *s, size_t len, int32_t *acc)
{
    fkey k;
    fk_start(&k, tmpl);
    fk_add(&k, s, len);
    add_key(m, &k, acc);
}

static void add_two(sl_ner_batch *m, int tmpl, const char *a, size_t an, const char *b,
                    size_t bn, int32_t *acc)
{
    fkey k;
    fk_start(&k, tmpl);
    fk_add(&k, a, an);
    fk_add(&k, b, bn);
    add_key(m, &k, acc);
}

/* What word_features adds, less the document case. */
static void own_scores(sl_ner_batch *m, const sl_ner_word *w, const char *lo, size_t lolen,
                       bool allcaps, const struct sl_ner_tokinfo *t, int32_t *acc)
{
    fkey k;
    fk_start(&k, T_BIAS);
    add_key(m, &k, acc);
    add_one(m, T_WORD, lo, lolen, acc);
    if (!allcaps)
        add_one(m, T_FORM, w->s, w->len, acc);
    for (size_t a = 1; a <= 4 && a < t->ncp; a++) {
        char tag = (char)('0' + a);
        add_two(m, T_PREFIX, &tag, 1, lo, prefix_bytes(lo, lolen, a), acc);
        size_t sb = suffix_bytes(lo, lolen, a);
        add_two(m, T_SUFFIX, &tag, 1, lo + lolen - sb, sb, acc);
    }
    add_one(m, template_for(allcaps, T_SHAPE), t->shape, t->shape_len, acc);
    add_one(m, template_for(allcaps, T_SSHAPE), t->sshape, t->sshape_len, acc);
    char fl = (char)(t->flags & (F_DIGIT | F_ALLDIGIT | F_HYPHEN | F_DOT));
    if (fl)
        add_one(m, T_FLAGS, &fl, 1, acc);
    char len_bucket = (char)(t->ncp > 6 ? 7 : t->ncp);
    add_two(m, template_for(allcaps, T_CAP_LEN), &len_bucket, 1, t->sshape, t->sshape_len, acc);
}

void sl_ner_word_scores(sl_ner_batch *m, const sl_ner_word *w, const char *lower,
                        size_t lolen, bool allcaps, sl_ner_wscore *out)
{
    memset(out, 0, sizeof *out);
    struct sl_ner_tokinfo t;
    const char *sh = lower;
    size_t shn = lolen;
    if (w) {
        describe(w, &t);
        own_scores(m, w, lower, lolen, allcaps, &t, out->own);
        out->flags = t.flags;
        out->letter = (t.flags & F_LETTER) != 0;
        memcpy(out->sshape, t.sshape, t.sshape_len);
        out->sshape_len = t.sshape_len;
        sh = out->sshape;
        shn = out->sshape_len;
        add_one(m, template_for(allcaps, T_NUMERIC_LINE), sh, shn, out->numeric);
        add_one(m, template_for(allcaps, T_INITIAL_SSHAPE), sh, shn, out->initial);
        add_one(m, T_INITIAL_WORD, lower, lolen, out->initial);
    } else {
        memcpy(out->sshape, lower, lolen);
        out->sshape_len = (uint8_t)lolen;
    }
    add_one(m, T_PREV1, lower, lolen, out->as_prev);
    add_one(m, T_PREV2, lower, lolen, out->prev2);
    add_one(m, T_NEXT1, lower, lolen, out->as_next);
    add_one(m, T_NEXT2, lower, lolen, out->next2);
    add_one(m, template_for(allcaps, T_PREV_SSHAPE), sh, shn, out->as_prev);
    add_one(m, template_for(allcaps, T_NEXT_SSHAPE), sh, shn, out->as_next);
}

void sl_ner_fixed_scores(const sl_ner_model *model, sl_ner_fixed *out)
{
    static const int gaz_templates[4] = { T_GAZ_B, T_GAZ_I, T_GAZ_PREV, T_GAZ_NEXT };
    memset(out, 0, sizeof *out);
    sl_ner_batch batch = { model, 0, { 0 }, { NULL } };
    sl_ner_batch *m = &batch;
    fkey k;
    fk_start(&k, T_ALLCAPS_LINE);
    add_key(m, &k, out->allcaps_line);
    for (int v = 0; v < 8; v++) {
        char c = (char)('0' + v);
        add_one(m, T_DOC_CASE, &c, 1, out->doc_case[v]);
    }
    for (int g = 0; g < 4; g++) {
        for (int c = 0; c < SL_NER_GAZ_N; c++) {
            char v = (char)('0' + c);
            add_one(m, gaz_templates[g], &v, 1, out->gaz[g][c]);
        }
    }
    sl_ner_batch_flush(m);
}

void sl_ner_pair_scores(sl_ner_batch *m, bool allcaps, const sl_ner_ctxword *a,
                        const sl_ner_ctxword *b, int32_t *right, int32_t *left)
{
    add_two(m, T_PREV_WORD, a->lower, a->lolen, b->lower, b->lolen, right);
    add_two(m, template_for(allcaps, T_PREV_WORD_SSHAPE), a->lower, a->lolen, b->sshape,
            b->sslen, right);
    add_two(m, T_WORD_NEXT, a->lower, a->lolen, b->lower, b->lolen, left);
    add_two(m, template_for(allcaps, T_SSHAPE_NEXT_WORD), a->sshape, a->sslen, b->lower,
            b->lolen, left);
}

void sl_ner_shape3_scores(sl_ner_batch *m, bool allcaps, const sl_ner_ctxword *prev,
                          const sl_ner_ctxword *cur, const sl_ner_ctxword *next, int32_t *acc)
{
    fkey k;
    fk_start(&k, template_for(allcaps, T_SSHAPE3));
    fk_add(&k, prev->sshape, prev->sslen);
    fk_add(&k, cur->sshape, cur->sslen);
    fk_add(&k, next->sshape, next->sslen);
    add_key(m, &k, acc);
}

void sl_ner_word_case(const sl_ner_word *w, bool *lower, bool *digit, unsigned *upper)
{
    struct sl_ner_tokinfo t;
    describe(w, &t);
    *lower = (t.flags & F_LOWER) != 0;
    *digit = (t.flags & F_DIGIT) != 0;
    *upper = 0;
    for (size_t j = 0; j < t.shape_len; j++)
        *upper += t.shape[j] == 'X';
}
