/* Shingling of cleaned text; see shingle.h for the rules. */
#include "dedup/shingle.h"

#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

/* What a code point contributes to the token stream. */
enum cp_role { ROLE_SEPARATOR, ROLE_MARK, ROLE_WORD, ROLE_CJK, ROLE_SEA };

/* Run kinds; the value also seeds the shingle hash so that runs of
 * different kinds never produce the same shingle. */
enum run_kind { RUN_NONE = 0, RUN_WORD = 1, RUN_CJK = 2, RUN_SEA = 3 };

typedef struct cp_range {
    uint32_t lo, hi;
} cp_range;

/* Han (with radicals, iteration marks, compatibility and supplementary
 * ideographs) and kana: character grams of cjk_k. */
static const cp_range cjk_ranges[] = {
    { 0x2E80, 0x2FDF }, { 0x3005, 0x3007 }, { 0x3021, 0x3029 }, { 0x3038, 0x303B },
    { 0x3040, 0x30FF }, { 0x31F0, 0x31FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
    { 0xF900, 0xFAFF }, { 0xFF66, 0xFF9F }, { 0x20000, 0x3FFFF },
};

/* Thai, Lao, Myanmar (with extensions), Khmer (with symbols). */
static const cp_range sea_ranges[] = {
    { 0x0E00, 0x0EFF }, { 0x1000, 0x109F }, { 0x1780, 0x17FF },
    { 0x19E0, 0x19FF }, { 0xA9E0, 0xA9FF }, { 0xAA60, 0xAA7F },
};

static bool in_ranges(uint32_t cp, const cp_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return true;
    return false;
}

static enum cp_role classify(int32_t cp)
{
    if (cp < 0)
        return ROLE_SEPARATOR;
    if (cp < 0x80) { /* ASCII fast path */
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
            return ROLE_WORD;
        return ROLE_SEPARATOR;
    }
    utf8proc_category_t cat = utf8proc_category(cp);
    switch (cat) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return ROLE_MARK;
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        break;
    default:
        return ROLE_SEPARATOR;
    }
    uint32_t u = (uint32_t)cp;
    if (in_ranges(u, cjk_ranges, sizeof cjk_ranges / sizeof cjk_ranges[0]))
        return ROLE_CJK;
    if (in_ranges(u, sea_ranges, sizeof sea_ranges / sizeof sea_ranges[0]))
        return ROLE_SEA;
    return ROLE_WORD;
}

static enum run_kind role_kind(enum cp_role role)
{
    switch (role) {
    case ROLE_WORD: return RUN_WORD;
    case ROLE_CJK: return RUN_CJK;
    case ROLE_SEA: return RUN_SEA;
    default: return RUN_NONE;
    }
}

/* ---- tokens ---------------------------------------------------------- */

/* Token hashing: the folded bytes are gathered in chunks of `pend` and each
 * full chunk is hashed seeded with the hash so far, so tokens of any length
 * hash without allocation. */
typedef struct token_hasher {
    uint64_t hash;
    unsigned char pend[64];
    size_t pend_len;
} token_hasher;

static void hasher_flush(token_hasher *h)
{
    h->hash = XXH3_64bits_withSeed(h->pend, h->pend_len, h->hash);
    h->pend_len = 0;
}

static void hasher_add(token_hasher *h, int32_t cp)
{
    if (cp < 0x80) {
        if (h->pend_len == sizeof h->pend)
            hasher_flush(h);
        h->pend[h->pend_len++] = (unsigned char)cp;
        return;
    }
    char enc[4];
    size_t n = sl_utf8_encode((uint32_t)cp, enc);
    if (h->pend_len + n > sizeof h->pend)
        hasher_flush(h);
    memcpy(h->pend + h->pend_len, enc, n);
    h->pend_len += n;
}

static int32_t fold(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
    return utf8proc_tolower(cp);
}

static bool ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int32_t decode_at(const char *text, size_t len, size_t i, size_t *adv)
{
    if ((unsigned char)text[i] < 0x80) {
        *adv = 1;
        return (unsigned char)text[i];
    }
    return sl_utf8_decode(text + i, len - i, adv);
}

void sl_tokenizer_init(sl_tokenizer *t, const char *text, size_t len)
{
    t->text = text;
    t->len = text ? len : 0;
    t->pos = 0;
}

/* The tokeniser proper; inline so that shingling, its main user, pays no
 * call per token. */
static inline bool next_token(sl_tokenizer *t, sl_token *tok)
{
    const char *s = t->text;
    size_t len = t->len, i = t->pos, adv = 0;
    int32_t cp = 0;
    enum cp_role role = ROLE_SEPARATOR;
    /* Separators and stray marks (a mark with no token before it) are
     * skipped. */
    for (; i < len; i += adv) {
        if ((unsigned char)s[i] < 0x80 && !ascii_alnum((unsigned char)s[i])) {
            adv = 1; /* ASCII separator */
            continue;
        }
        cp = decode_at(s, len, i, &adv);
        role = classify(cp);
        if (role != ROLE_SEPARATOR && role != ROLE_MARK)
            break;
    }
    if (i >= len) {
        t->pos = len;
        return false;
    }
    enum run_kind kind = role_kind(role);
    token_hasher h; /* pend is written before it is read: no need to clear it */
    h.hash = 0;
    h.pend_len = 0;
    tok->start = i;
    hasher_add(&h, fold(cp));
    /* Marks stay with the token they follow; word characters extend a
     * word; a CJK/SEA character is always a token of its own. */
    for (i += adv; i < len; i += adv) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII fast path: only letters and digits go on a word */
            if (kind != RUN_WORD || !ascii_alnum(c))
                break;
            if (h.pend_len == sizeof h.pend)
                hasher_flush(&h);
            h.pend[h.pend_len++] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            adv = 1;
            continue;
        }
        cp = sl_utf8_decode(s + i, len - i, &adv);
        role = classify(cp);
        if (role == ROLE_MARK)
            hasher_add(&h, cp);
        else if (role == ROLE_WORD && kind == RUN_WORD)
            hasher_add(&h, fold(cp));
        else
            break;
    }
    hasher_flush(&h);
    tok->hash = h.hash;
    tok->kind = (unsigned)kind;
    tok->end = i;
    t->pos = i;
    return true;
}

bool sl_token_next(sl_tokenizer *t, sl_token *tok)
{
    return next_token(t, tok);
}

/* ---- shingles --------------------------------------------------------- */

/* Streaming state of one sl_shingle_text call: only the last k token
 * hashes of the current run are kept, so shingling allocates nothing but
 * the output array. */
typedef struct shingler {
    sl_shingles *out;
    unsigned kfor[4];       /* k per run kind */
    /* current run: token i of the run is stored at ring[i % k] and
     * ring[i % k + k], so the last k tokens are always contiguous */
    enum run_kind run_kind;
    uint64_t ring[2 * SL_SHINGLE_MAX_K];
    size_t run_tokens;      /* tokens in the run so far */
} shingler;

static int emit(shingler *sh, const uint64_t *tokens, size_t n)
{
    sl_shingles *s = sh->out;
    if (s->n == s->cap) {
        int rc = sl_grow(s->ctx, (void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
        if (rc)
            return rc;
    }
    s->v[s->n++] = XXH3_64bits_withSeed(tokens, n * sizeof *tokens, (uint64_t)sh->run_kind);
    return SL_OK;
}

/* End the current run: a run shorter than its k still gives one shingle. */
static int end_run(shingler *sh)
{
    int rc = SL_OK;
    if (sh->run_kind != RUN_NONE && sh->run_tokens > 0 && sh->run_tokens < sh->kfor[sh->run_kind])
        rc = emit(sh, sh->ring, sh->run_tokens); /* ring[0..n) holds the run */
    sh->run_kind = RUN_NONE;
    sh->run_tokens = 0;
    return rc;
}

static int push_token(shingler *sh, enum run_kind kind, uint64_t hash)
{
    if (kind != sh->run_kind) {
        int rc = end_run(sh);
        if (rc)
            return rc;
        sh->run_kind = kind;
    }
    size_t k = sh->kfor[kind];
    size_t slot = sh->run_tokens % k;
    sh->ring[slot] = sh->ring[slot + k] = hash;
    sh->run_tokens++;
    if (sh->run_tokens < k)
        return SL_OK;
    return emit(sh, sh->ring + (slot + 1) % k, k);
}

static void insertion_sort(uint64_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static uint64_t median3(uint64_t a, uint64_t b, uint64_t c)
{
    if (a > b) {
        uint64_t t = a;
        a = b;
        b = t;
    }
    return c < a ? a : c > b ? b : c;
}

/* Quicksort on integers (qsort's comparison callback cost about half the
 * shingling time).  Hoare partition keeps runs of equal hashes (repetitive
 * text) at n log n; recursing into the smaller part bounds the stack depth
 * by log2 n.  The keys are hashes, so bad pivots are vanishingly rare. */
static void sort_u64(uint64_t *v, size_t n)
{
    while (n > 24) {
        uint64_t pivot = median3(v[0], v[n / 2], v[n - 1]);
        size_t i = 0, j = n - 1;
        for (;;) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i >= j)
                break;
            uint64_t t = v[i];
            v[i++] = v[j];
            v[j--] = t;
        }
        size_t left = j + 1; /* v[0..left) <= pivot <= v[left..n) */
        if (left < n - left) {
            sort_u64(v, left);
            v += left;
            n -= left;
        } else {
            sort_u64(v + left, n - left);
            n = left;
        }
    }
    insertion_sort(v, n);
}

static void sort_unique(sl_shingles *s)
{
    if (s->n < 2)
        return;
    sort_u64(s->v, s->n);
    size_t w = 1;
    for (size_t r = 1; r < s->n; r++)
        if (s->v[r] != s->v[w - 1])
            s->v[w++] = s->v[r];
    s->n = w;
}

static bool k_valid(unsigned k)
{
    return k >= 1 && k <= SL_SHINGLE_MAX_K;
}

void sl_shingles_init(sl_shingles *s, sl_ctx *ctx)
{
    s->ctx = ctx;
    s->v = NULL;
    s->n = s->cap = 0;
}

void sl_shingles_release(sl_shingles *s)
{
    if (!s)
        return;
    sl_free(s->ctx, s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static int shingle_all(shingler *sh, const char *text, size_t len)
{
    sl_tokenizer t;
    sl_token tok;
    sl_tokenizer_init(&t, text, len);
    while (next_token(&t, &tok)) {
        int rc = push_token(sh, (enum run_kind)tok.kind, tok.hash);
        if (rc)
            return rc;
    }
    return end_run(sh);
}

int sl_shingle_text(sl_shingles *s, const char *text, size_t len, const sl_shingle_options *opts)
{
    sl_shingle_options defaults = SL_SHINGLE_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    s->n = 0;
    if (!k_valid(opts->word_k) || !k_valid(opts->cjk_k) || !k_valid(opts->sea_k))
        return sl_error(s->ctx, SL_EINVAL, "shingle length must be 1..%d", SL_SHINGLE_MAX_K);
    if (!text && len)
        return sl_error(s->ctx, SL_EINVAL, "shingle: NULL text");
    shingler sh;
    memset(&sh, 0, sizeof sh);
    sh.out = s;
    sh.kfor[RUN_NONE] = 1;
    sh.kfor[RUN_WORD] = opts->word_k;
    sh.kfor[RUN_CJK] = opts->cjk_k;
    sh.kfor[RUN_SEA] = opts->sea_k;
    int rc = shingle_all(&sh, text, len);
    if (rc) {
        s->n = 0;
        return rc;
    }
    sort_unique(s);
    return SL_OK;
}

size_t sl_shingle_overlap(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) {
            i++;
        } else if (a[i] > b[j]) {
            j++;
        } else {
            common++;
            i++;
            j++;
        }
    }
    return common;
}

double sl_shingle_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (na == 0 && nb == 0)
        return 1.0;
    size_t common = sl_shingle_overlap(a, na, b, nb);
    return (double)common / (double)(na + nb - common);
}

double sl_shingle_containment(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (na == 0)
        return 1.0;
    return (double)sl_shingle_overlap(a, na, b, nb) / (double)na;
}
