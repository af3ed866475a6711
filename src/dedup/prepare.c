/* Per-document features for dedup: the shingle set, the index anchors, the
 * exact-copy hash, the title words and the future markers.  Pure: touches
 * nothing shared, so workers can prepare documents in parallel. */
#include "dedup/dedup_internal.h"
#include "storyline.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

int sl_dedup_doc_new(sl_ctx *ctx, sl_dedup_doc **out)
{
    *out = NULL;
    sl_dedup_doc *p = sl_calloc(ctx, 1, sizeof *p);
    if (!p)
        return sl_oom(ctx);
    p->ctx = ctx;
    sl_shingles_init(&p->sh, ctx);
    *out = p;
    return SL_OK;
}

void sl_dedup_doc_free(sl_dedup_doc *p)
{
    if (!p)
        return;
    sl_shingles_release(&p->sh);
    sl_free(p->ctx, p->set);
    sl_free(p->ctx, p->anchors);
    sl_free(p->ctx, p);
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Exact copies: the same words in the same order, whatever the white space
 * between them, so copies that differ in line breaks or spacing left by
 * different scrapers still match.  Each run of non-space bytes is hashed
 * with the hash so far (h) as its seed. */
static uint64_t text_hash(uint64_t h, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && is_space((unsigned char)text[i]))
            i++;
        size_t start = i;
        while (i < len && !is_space((unsigned char)text[i]))
            i++;
        if (i > start)
            h = XXH3_64bits_withSeed(text + start, i - start, h);
    }
    return h;
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

size_t sl_sort_unique_u32(uint32_t *v, size_t n)
{
    if (n < 2)
        return n;
    qsort(v, n, sizeof *v, cmp_u32);
    size_t w = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[w - 1])
            v[w++] = v[i];
    return w;
}

/* Title words, ASCII letters folded to lower case, as 32-bit hashes. */
static void title_words(sl_dedup_doc *p, const char *t, size_t len)
{
    p->n_title = 0;
    char word[64];
    size_t i = 0;
    while (i < len && p->n_title < SL_DEDUP_MAX_TITLE_WORDS) {
        while (i < len && !is_word_byte((unsigned char)t[i]))
            i++;
        size_t n = 0;
        while (i < len && is_word_byte((unsigned char)t[i])) {
            unsigned char c = (unsigned char)t[i++];
            if (n < sizeof word)
                word[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (n)
            p->title[p->n_title++] = (uint32_t)XXH3_64bits(word, n);
    }
    p->n_title = sl_sort_unique_u32(p->title, p->n_title);
}

static int fill_set(sl_dedup_doc *p)
{
    const uint64_t *h = p->sh.v;
    size_t n = p->sh.n;
    if (n > p->cap_set) {
        int rc = sl_grow(p->ctx, (void **)&p->set, &p->cap_set, n, sizeof *p->set);
        if (rc)
            return rc;
    }
    /* h is sorted, so its high halves are too: drop adjacent repeats */
    p->n_set = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = (uint32_t)(h[i] >> 32);
        if (p->n_set == 0 || p->set[p->n_set - 1] != v)
            p->set[p->n_set++] = v;
    }
    return SL_OK;
}

static int push_anchor(sl_dedup_doc *p, uint32_t key)
{
    if (p->n_anchors == p->cap_anchors) {
        int rc = sl_grow(p->ctx, (void **)&p->anchors, &p->cap_anchors, p->n_anchors + 1,
                         sizeof *p->anchors);
        if (rc)
            return rc;
    }
    p->anchors[p->n_anchors++] = key;
    return SL_OK;
}

/* Anchors are the shingles whose hash falls in a fixed 1/rate slice, so a
 * passage shared by two documents gives both the same anchors.  A document
 * too short to have two anchors also files its two smallest shingles, so
 * copies of short texts still meet. */
static int pick_anchors(sl_dedup_doc *p, unsigned rate)
{
    p->n_anchors = 0;
    for (size_t i = 0; i < p->sh.n; i++) {
        uint64_t h = p->sh.v[i];
        if ((uint32_t)h % rate != 0)
            continue;
        uint32_t key = (uint32_t)(h >> 32);
        if (p->n_anchors && p->anchors[p->n_anchors - 1] == key)
            continue;
        int rc = push_anchor(p, key);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < p->n_set && i < 2 && p->n_anchors < 2; i++) {
        if (p->n_anchors == 1 && p->anchors[0] == p->set[i])
            continue;
        int rc = push_anchor(p, p->set[i]);
        if (rc)
            return rc;
    }
    p->n_anchors = sl_sort_unique_u32(p->anchors, p->n_anchors);
    return SL_OK;
}

/* End of the first `words` space-separated words of text. */
static size_t lead_end(const char *text, size_t len, unsigned words)
{
    size_t i = 0;
    for (unsigned w = 0; w < words && i < len; w++) {
        while (i < len && is_space((unsigned char)text[i]))
            i++;
        while (i < len && !is_space((unsigned char)text[i]))
            i++;
    }
    return i;
}

/* The lead's shingles: a revision keeps the lead's substance while an
 * article that only reuses background paragraphs does not. */
static int lead_shingles(sl_dedup_doc *p, const char *text, size_t len)
{
    p->n_lead = 0;
    int rc = sl_shingle_text(&p->sh, text, lead_end(text, len, SL_DEDUP_LEAD_WORDS), NULL);
    for (size_t i = 0; !rc && i < p->sh.n && p->n_lead < SL_DEDUP_MAX_LEAD; i++) {
        uint32_t v = (uint32_t)(p->sh.v[i] >> 32);
        if (p->n_lead == 0 || p->lead[p->n_lead - 1] != v)
            p->lead[p->n_lead++] = v;
    }
    return rc;
}

/* Wire services mark updated stories in the headline: "UPDATE 2-...",
 * "UPDATED: ...", "CORRECTED-...", "REFILE-...". */
static int is_update_title(const char *t, size_t len)
{
    static const char *const marks[] = { "update", "corrected", "refile" };
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
        size_t n = strlen(marks[m]), i = 0;
        while (i < n && i < len && (t[i] | 0x20) == marks[m][i])
            i++;
        if (i < n)
            continue;
        if (i < len && (t[i] | 0x20) == 'd')
            i++;
        while (i < len && (t[i] == ' ' || (t[i] >= '0' && t[i] <= '9')))
            i++;
        if (i < len && (t[i] == '-' || t[i] == ':'))
            return 1;
    }
    return 0;
}

static uint32_t source_hash(const char *s, size_t len)
{
    if (!s || !len)
        return 0;
    uint32_t h = (uint32_t)XXH3_64bits(s, len);
    return h ? h : 1;
}

int sl_dedup_prepare(sl_dedup_doc *p, const sl_dedup_options *opts, const char *text,
                     size_t len, const char *title, size_t title_len, const char *source,
                     size_t source_len)
{
    if (!p || !opts || (!text && len) || opts->anchor_rate == 0)
        return p ? sl_error(p->ctx, SL_EINVAL, "dedup: bad arguments to prepare") : SL_EINVAL;
    p->n_set = p->n_anchors = 0;
    p->text_hash = text_hash(0x9E3779B97F4A7C15ull, text ? text : "", len);
    p->title_hash = title && title_len ? (uint32_t)text_hash(0, title, title_len) | 1u : 0;
    p->future = sl_dedup_future_markers(text, len);
    title_words(p, title ? title : "", title ? title_len : 0);
    p->update_title = title && is_update_title(title, title_len);
    p->source = source_hash(source, source_len);
    int rc = lead_shingles(p, text ? text : "", len);
    if (rc)
        return rc;
    rc = sl_shingle_text(&p->sh, text ? text : "", len, NULL);
    if (rc)
        return rc;
    p->empty = p->sh.n == 0;
    if ((rc = fill_set(p)) != SL_OK)
        return rc;
    return pick_anchors(p, opts->anchor_rate);
}
