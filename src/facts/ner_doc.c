/* NER document evidence: how each word is written elsewhere in the same
 * document.  A capitalised word at the start of a sentence or in an all-caps
 * headline says nothing by its case; the same word written "Brandt" in the
 * middle of another sentence, or "plant" in lower case, does.  See ner.h. */
#include "facts/ner.h"

#include <string.h>
#include <utf8proc.h>
/* inlined: most keys hash a few bytes, where the call costs as much as the hash */
#define XXH_INLINE_ALL
#include <xxhash.h>

void sl_ner_doc_init(sl_ner_doc *d, sl_ctx *ctx)
{
    memset(d, 0, sizeof *d);
    d->ctx = ctx;
    sl_buf_init(&d->scratch, ctx);
}

void sl_ner_doc_release(sl_ner_doc *d)
{
    sl_free(d->ctx, d->keys);
    sl_free(d->ctx, d->bits);
    sl_buf_release(&d->scratch);
    memset(d, 0, sizeof *d);
}

void sl_ner_doc_reset(sl_ner_doc *d)
{
    if (d->cap) {
        memset(d->keys, 0, d->cap * sizeof *d->keys);
        memset(d->bits, 0, d->cap);
    }
    d->n = 0;
}

uint64_t sl_ner_doc_key(const char *lower, size_t len)
{
    uint64_t h = XXH3_64bits(lower, len);
    return h ? h : 1;
}

static size_t find_slot(const uint64_t *keys, size_t cap, uint64_t key)
{
    size_t i = (size_t)key & (cap - 1);
    while (keys[i] && keys[i] != key)
        i = (i + 1) & (cap - 1);
    return i;
}

static int rehash(sl_ner_doc *d)
{
    size_t cap = d->cap ? d->cap * 2 : 256;
    uint64_t *keys = sl_calloc(d->ctx, cap, sizeof *keys);
    uint8_t *bits = sl_calloc(d->ctx, cap, 1);
    if (!keys || !bits) {
        sl_free(d->ctx, keys);
        sl_free(d->ctx, bits);
        return sl_oom(d->ctx);
    }
    for (size_t i = 0; i < d->cap; i++) {
        if (!d->keys[i])
            continue;
        size_t s = find_slot(keys, cap, d->keys[i]);
        keys[s] = d->keys[i];
        bits[s] = d->bits[i];
    }
    sl_free(d->ctx, d->keys);
    sl_free(d->ctx, d->bits);
    d->keys = keys;
    d->bits = bits;
    d->cap = cap;
    return 0;
}

/* SL_NER_DOC_CAP, SL_NER_DOC_LOWER or 0 by the first letter of a word. */
uint8_t sl_ner_first_letter_case(const sl_ner_word *w)
{
    size_t adv = 0;
    int32_t c = sl_utf8_decode(w->s, w->len, &adv);
    if (c < 0)
        return 0;
    utf8proc_category_t k = utf8proc_category(c);
    if (k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT)
        return SL_NER_DOC_CAP;
    return k == UTF8PROC_CATEGORY_LL ? SL_NER_DOC_LOWER : 0;
}

static bool has_lower_letter(const sl_ner_word *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < words[i].len; j++)
            if (words[i].s[j] >= 'a' && words[i].s[j] <= 'z')
                return true;
    return false;
}

int sl_ner_doc_add(sl_ner_doc *d, const sl_ner_word *words, size_t n)
{
    if (!has_lower_letter(words, n))
        return 0; /* a headline in capitals: its case says nothing */
    for (size_t i = 1; i < n; i++) {
        uint8_t bit = sl_ner_first_letter_case(&words[i]);
        if (!bit)
            continue;
        sl_buf_reset(&d->scratch);
        if (sl_ner_lower(&d->scratch, words[i].s, words[i].len))
            return SL_ENOMEM;
        if (sl_ner_doc_put(d, sl_ner_doc_key(d->scratch.ptr, d->scratch.len), bit))
            return SL_ENOMEM;
    }
    return 0;
}

int sl_ner_doc_put(sl_ner_doc *d, uint64_t key, uint8_t bit)
{
    if ((d->n + 1) * 2 > d->cap && rehash(d))
        return SL_ENOMEM;
    size_t s = find_slot(d->keys, d->cap, key);
    if (!d->keys[s]) {
        d->keys[s] = key;
        d->n++;
    }
    d->bits[s] |= bit;
    return 0;
}

unsigned sl_ner_doc_case_key(const sl_ner_doc *d, uint64_t key)
{
    if (!d || !d->cap)
        return 0;
    size_t s = find_slot(d->keys, d->cap, key);
    return d->keys[s] ? d->bits[s] : 0;
}

unsigned sl_ner_doc_case(const sl_ner_doc *d, const char *lower, size_t len)
{
    if (!d || !d->cap)
        return 0;
    size_t s = find_slot(d->keys, d->cap, sl_ner_doc_key(lower, len));
    return d->keys[s] ? d->bits[s] : 0;
}
