/* Exact shared spans between two texts; see spans.h for the method. */
#include "dedup/spans.h"

#include "dedup/shingle.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* ---- tokens ------------------------------------------------------------- */

static int list_grow(sl_ctx *ctx, sl_token_list *l, size_t need)
{
    if (need <= l->cap)
        return SL_OK;
    size_t cap = l->cap ? l->cap : 256;
    while (cap < need)
        cap *= 2;
    /* Three arrays grown one by one; each stays valid if a later one fails,
     * and l->cap only moves when all three have the new size. */
    uint64_t *h = sl_realloc(ctx, l->hash, cap * sizeof *h);
    if (!h)
        return sl_oom(ctx);
    l->hash = h;
    size_t *s = sl_realloc(ctx, l->start, cap * sizeof *s);
    if (!s)
        return sl_oom(ctx);
    l->start = s;
    size_t *e = sl_realloc(ctx, l->end, cap * sizeof *e);
    if (!e)
        return sl_oom(ctx);
    l->end = e;
    l->cap = cap;
    return SL_OK;
}

static void list_release(sl_ctx *ctx, sl_token_list *l)
{
    sl_free(ctx, l->hash);
    sl_free(ctx, l->start);
    sl_free(ctx, l->end);
    memset(l, 0, sizeof *l);
}

static int tokenize(sl_ctx *ctx, sl_token_list *l, const char *text, size_t len)
{
    sl_tokenizer t;
    sl_token tok;
    l->n = 0;
    sl_tokenizer_init(&t, text, len);
    while (sl_token_next(&t, &tok)) {
        if (l->n == l->cap) {
            int rc = list_grow(ctx, l, l->n + 1);
            if (rc)
                return rc;
        }
        l->hash[l->n] = tok.hash;
        l->start[l->n] = tok.start;
        l->end[l->n] = tok.end;
        l->n++;
    }
    if (l->n >= UINT32_MAX)
        return sl_error(ctx, SL_EINVAL, "shared spans: a text has 2^32 tokens or more");
    return SL_OK;
}

/* ---- the k-gram table over a ---------------------------------------------- */

static uint64_t gram_hash(const uint64_t *tokens, size_t k)
{
    return XXH3_64bits(tokens, k * sizeof *tokens);
}

static int grow_u32(sl_ctx *ctx, uint32_t **v, size_t *cap, size_t need)
{
    if (need <= *cap)
        return SL_OK;
    uint32_t *p = sl_realloc(ctx, *v, need * sizeof *p);
    if (!p)
        return sl_oom(ctx);
    *v = p;
    *cap = need;
    return SL_OK;
}

/* Buckets: a power of two at least twice the number of grams. */
static size_t table_bits(size_t grams)
{
    size_t bits = 4;
    while (((size_t)1 << bits) < 2 * grams)
        bits++;
    return bits;
}

static size_t bucket(uint64_t gram, size_t bits)
{
    return (size_t)(gram >> (64 - bits));
}

/* Chain every position of a into its k-gram's bucket.  Positions are added
 * from the last to the first so that each chain lists them in ascending
 * order, which makes ties between equally long matches go to the earliest
 * place in a. */
static int build_table(sl_spans *s, size_t k, size_t *bits_out)
{
    const sl_token_list *a = &s->tok[0];
    size_t grams = a->n - k + 1;
    size_t bits = table_bits(grams);
    int rc = grow_u32(s->ctx, &s->head, &s->head_cap, (size_t)1 << bits);
    if (!rc)
        rc = grow_u32(s->ctx, &s->next, &s->next_cap, grams);
    if (rc)
        return rc;
    memset(s->head, 0, ((size_t)1 << bits) * sizeof *s->head);
    for (size_t i = grams; i-- > 0;) {
        size_t h = bucket(gram_hash(a->hash + i, k), bits);
        s->next[i] = s->head[h];
        s->head[h] = (uint32_t)(i + 1);
    }
    *bits_out = bits;
    return SL_OK;
}

/* ---- matching ------------------------------------------------------------ */

typedef struct match {
    size_t i, j, len;  /* tokens a[i..i+len) == b[j..j+len) */
} match;

/* The longest match through a[i] == b[j] (both unused), extended right and
 * then left, where b may not reach before `b_floor` (the end of the last
 * span) and a may not enter used tokens. */
static match extend(const sl_spans *s, size_t i, size_t j, size_t b_floor)
{
    const uint64_t *ha = s->tok[0].hash, *hb = s->b_hash;
    size_t na = s->tok[0].n, nb = s->b_words;
    size_t r = 0;
    while (i + r < na && j + r < nb && !s->used[i + r] && ha[i + r] == hb[j + r])
        r++;
    size_t l = 0;
    while (i > l && j - l > b_floor && !s->used[i - l - 1] && ha[i - l - 1] == hb[j - l - 1])
        l++;
    return (match){ i - l, j - l, l + r };
}

/* The best match for position j of b among the places in a that share its
 * k-gram (at most SL_SPANS_MAX_CANDIDATES of them). */
static match best_at(const sl_spans *s, size_t j, size_t k, size_t bits, size_t b_floor)
{
    match best = { 0, 0, 0 };
    size_t h = bucket(gram_hash(s->b_hash + j, k), bits);
    unsigned tried = 0;
    for (uint32_t p = s->head[h]; p && tried < SL_SPANS_MAX_CANDIDATES; p = s->next[p - 1]) {
        size_t i = p - 1;
        tried++;
        if (s->used[i] || s->tok[0].hash[i] != s->b_hash[j])
            continue;
        match m = extend(s, i, j, b_floor);
        if (m.len > best.len)
            best = m;
    }
    return best;
}

static int add_span(sl_spans *s, match m)
{
    if (s->n == s->cap) {
        int rc = sl_grow(s->ctx, (void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
        if (rc)
            return rc;
    }
    const sl_token_list *a = &s->tok[0];
    sl_span *sp = &s->v[s->n++];
    sp->a_start = a->start[m.i];
    sp->a_end = a->end[m.i + m.len - 1];
    sp->b_start = sp->b_end = 0; /* set by fill_b_offsets */
    sp->words = (uint32_t)m.len;
    sp->a_token = (uint32_t)m.i;
    sp->b_token = (uint32_t)m.j;
    memset(s->used + m.i, 1, m.len);
    s->shared_words += m.len;
    return SL_OK;
}

static int walk_b(sl_spans *s, size_t k, size_t bits, size_t min_words)
{
    size_t nb = s->b_words, b_floor = 0;
    for (size_t j = 0; j + k <= nb;) {
        match m = best_at(s, j, k, bits, b_floor);
        if (m.len < min_words) {
            j++;
            continue;
        }
        int rc = add_span(s, m);
        if (rc)
            return rc;
        j = b_floor = m.j + m.len;
    }
    return SL_OK;
}

/* Tokenise a, chain its k-grams and size the used marks. */
static int prepare_a(sl_spans *s, const char *a, size_t alen)
{
    int rc = tokenize(s->ctx, &s->tok[0], a, alen);
    if (rc)
        return rc;
    s->a_words = s->tok[0].n;
    if (s->a_words < s->min_words)
        return SL_OK;
    s->k = s->min_words < SL_SPANS_ANCHOR_K ? s->min_words : SL_SPANS_ANCHOR_K;
    rc = build_table(s, s->k, &s->bits);
    if (rc)
        return rc;
    if (s->a_words > s->used_cap) {
        unsigned char *u = sl_realloc(s->ctx, s->used, s->a_words);
        if (!u)
            return sl_oom(s->ctx);
        s->used = u;
        s->used_cap = s->a_words;
    }
    return SL_OK;
}

static void clear_result(sl_spans *s)
{
    s->n = 0;
    s->b_words = s->shared_words = 0;
    s->b_hash = NULL;
}

void sl_spans_init(sl_spans *s, sl_ctx *ctx)
{
    memset(s, 0, sizeof *s);
    s->ctx = ctx;
}

void sl_spans_release(sl_spans *s)
{
    if (!s)
        return;
    sl_ctx *ctx = s->ctx;
    sl_free(ctx, s->v);
    list_release(ctx, &s->tok[0]);
    list_release(ctx, &s->tok[1]);
    sl_free(ctx, s->head);
    sl_free(ctx, s->next);
    sl_free(ctx, s->used);
    sl_spans_init(s, ctx);
}

int sl_spans_set_a(sl_spans *s, const char *a, size_t alen, unsigned min_words)
{
    clear_result(s);
    s->a_words = 0;
    s->a_ready = false;
    if (min_words == 0)
        return sl_error(s->ctx, SL_EINVAL, "shared spans: min_words must be at least 1");
    if (!a && alen)
        return sl_error(s->ctx, SL_EINVAL, "shared spans: NULL text");
    s->min_words = min_words;
    int rc = prepare_a(s, a, alen);
    if (rc) {
        s->a_words = 0;
        return rc;
    }
    s->a_ready = true;
    return SL_OK;
}

/* The spans of the current a and the tokens s->b_hash[0..s->b_words). */
static int match_hashes(sl_spans *s)
{
    if (s->a_words < s->min_words || s->b_words < s->min_words)
        return SL_OK;
    memset(s->used, 0, s->a_words);
    int rc = walk_b(s, s->k, s->bits, s->min_words);
    if (rc)
        clear_result(s);
    return rc;
}

/* Byte offsets in b from the token offsets in s->tok[1]. */
static void fill_b_offsets(sl_spans *s)
{
    const sl_token_list *b = &s->tok[1];
    for (size_t i = 0; i < s->n; i++) {
        sl_span *sp = &s->v[i];
        sp->b_start = b->start[sp->b_token];
        sp->b_end = b->end[sp->b_token + sp->words - 1];
    }
}

int sl_spans_match(sl_spans *s, const char *b, size_t blen)
{
    clear_result(s);
    if (!s->a_ready)
        return sl_error(s->ctx, SL_EINVAL, "shared spans: no text a (sl_spans_set_a)");
    if (!b && blen)
        return sl_error(s->ctx, SL_EINVAL, "shared spans: NULL text");
    int rc = tokenize(s->ctx, &s->tok[1], b, blen);
    if (rc)
        return rc;
    s->b_hash = s->tok[1].hash;
    s->b_words = s->tok[1].n;
    rc = match_hashes(s);
    if (!rc)
        fill_b_offsets(s);
    return rc;
}

int sl_spans_match_hashes(sl_spans *s, const uint64_t *hashes, size_t n)
{
    clear_result(s);
    if (!s->a_ready)
        return sl_error(s->ctx, SL_EINVAL, "shared spans: no text a (sl_spans_set_a)");
    if (!hashes && n)
        return sl_error(s->ctx, SL_EINVAL, "shared spans: NULL token hashes");
    s->b_hash = hashes;
    s->b_words = n;
    return match_hashes(s);
}

int sl_spans_locate_b(sl_spans *s, const char *b, size_t blen)
{
    if (!b && blen)
        return sl_error(s->ctx, SL_EINVAL, "shared spans: NULL text");
    int rc = tokenize(s->ctx, &s->tok[1], b, blen);
    if (rc)
        return rc;
    if (s->tok[1].n != s->b_words)
        return sl_error(s->ctx, SL_EINVAL, "shared spans: text b has %zu tokens, its hashes %zu",
                        s->tok[1].n, s->b_words);
    fill_b_offsets(s);
    return SL_OK;
}

int sl_shared_spans(sl_spans *out, const char *a, size_t alen, const char *b, size_t blen,
                    unsigned min_words)
{
    int rc = sl_spans_set_a(out, a, alen, min_words);
    return rc ? rc : sl_spans_match(out, b, blen);
}

/* ---- uncovered parts --------------------------------------------------------- */

void sl_ranges_init(sl_ranges *r, sl_ctx *ctx)
{
    r->ctx = ctx;
    r->v = NULL;
    r->n = r->cap = 0;
}

void sl_ranges_release(sl_ranges *r)
{
    if (!r)
        return;
    sl_free(r->ctx, r->v);
    sl_ranges_init(r, r->ctx);
}

/* The tokens of text[from..to) as one range; false when there are none. */
static bool gap_range(const char *text, size_t from, size_t to, sl_range *out)
{
    sl_tokenizer t;
    sl_token tok;
    sl_tokenizer_init(&t, text + from, to - from);
    uint32_t words = 0;
    while (sl_token_next(&t, &tok)) {
        if (words == 0)
            out->start = from + tok.start;
        out->end = from + tok.end;
        words++;
    }
    out->words = words;
    return words > 0;
}

static int push_gap(sl_ranges *out, const char *text, size_t from, size_t to)
{
    sl_range r;
    if (to <= from || !gap_range(text, from, to, &r))
        return SL_OK;
    if (out->n == out->cap) {
        int rc = sl_grow(out->ctx, (void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
        if (rc)
            return rc;
    }
    out->v[out->n++] = r;
    return SL_OK;
}

static int by_start(const void *x, const void *y)
{
    const sl_range *p = x, *q = y;
    return p->start < q->start ? -1 : p->start > q->start;
}

/* The covered ranges of one side, in text order (spans are in b's order,
 * so a's side needs sorting). */
static int covered_ranges(const sl_spans *s, bool side_b, sl_ranges *cov)
{
    if (s->n && sl_grow(cov->ctx, (void **)&cov->v, &cov->cap, s->n, sizeof *cov->v))
        return SL_ENOMEM;
    for (size_t i = 0; i < s->n; i++) {
        const sl_span *sp = &s->v[i];
        cov->v[i] = side_b ? (sl_range){ sp->b_start, sp->b_end, sp->words }
                           : (sl_range){ sp->a_start, sp->a_end, sp->words };
    }
    cov->n = s->n;
    if (!side_b && cov->n > 1)
        qsort(cov->v, cov->n, sizeof *cov->v, by_start);
    return SL_OK;
}

int sl_spans_uncovered(const sl_spans *s, bool side_b, const char *text, size_t len,
                       sl_ranges *out)
{
    out->n = 0;
    sl_ranges cov;
    sl_ranges_init(&cov, out->ctx);
    int rc = covered_ranges(s, side_b, &cov);
    size_t pos = 0;
    for (size_t i = 0; i < cov.n && !rc; i++) {
        rc = push_gap(out, text, pos, cov.v[i].start);
        pos = cov.v[i].end;
    }
    if (!rc)
        rc = push_gap(out, text, pos, len);
    sl_ranges_release(&cov);
    if (rc)
        out->n = 0;
    return rc;
}
