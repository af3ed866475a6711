/* Text pieces of the timeline: an arena, the story's vocabulary, words and
 * sentences of the cleaned texts. */
#include "timeline/timeline.h"

#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- arena */

struct tl_block {
    tl_block *next;
    size_t used, cap;
    max_align_t data[];
};

#define TL_BLOCK_SIZE ((size_t)64 << 10)

void *tl_alloc(tl_arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    if (size == 0)
        size = sizeof(max_align_t);
    tl_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > TL_BLOCK_SIZE ? size : TL_BLOCK_SIZE;
        b = sl_malloc(a->ctx, sizeof *b + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

sl_str tl_strdup(tl_arena *a, sl_str s)
{
    char *p = tl_alloc(a, s.len + 1);
    if (!p)
        return (sl_str){ NULL, 0 };
    if (s.len)
        memcpy(p, s.ptr, s.len);
    return (sl_str){ p, s.len };
}

void tl_arena_free(tl_arena *a)
{
    while (a->head) {
        tl_block *next = a->head->next;
        sl_free(a->ctx, a->head);
        a->head = next;
    }
}

uint64_t tl_hash(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ull ^ seed;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* ---------------------------------------------------------------- stopwords */

/* Sorted for bsearch-like lookup. */
static const char *const stopwords[] = {
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "just", "me", "more", "most", "my", "no", "not", "now", "of", "on", "one", "only", "or",
    "other", "our", "out", "over", "said", "says", "she", "so", "some", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "up", "us", "was",
    "we", "were", "what", "when", "which", "while", "who", "will", "with", "would", "you", "your",
};

int tl_is_stopword(const char *s, size_t len)
{
    size_t lo = 0, hi = sizeof stopwords / sizeof stopwords[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *w = stopwords[mid];
        size_t wl = strlen(w);
        int c = memcmp(s, w, len < wl ? len : wl);
        if (c == 0)
            c = len < wl ? -1 : len > wl ? 1 : 0;
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- vocabulary */

int tl_vocab_init(tl_vocab *v, sl_ctx *ctx)
{
    memset(v, 0, sizeof *v);
    v->ctx = ctx;
    v->n_slots = 1024;
    v->slots = sl_calloc(ctx, v->n_slots, sizeof *v->slots);
    return v->slots ? SL_OK : sl_oom(ctx);
}

void tl_vocab_free(tl_vocab *v)
{
    if (!v->ctx)
        return;
    sl_free(v->ctx, v->terms);
    sl_free(v->ctx, v->df);
    sl_free(v->ctx, v->last_doc);
    sl_free(v->ctx, v->stop);
    sl_free(v->ctx, v->slots);
    memset(v, 0, sizeof *v);
}

static int vocab_rehash(tl_vocab *v)
{
    size_t n_slots = v->n_slots * 2;
    uint32_t *slots = sl_calloc(v->ctx, n_slots, sizeof *slots);
    if (!slots)
        return sl_oom(v->ctx);
    for (size_t t = 0; t < v->n; t++) {
        size_t i = tl_hash(v->terms[t].ptr, v->terms[t].len, 0) & (n_slots - 1);
        while (slots[i])
            i = (i + 1) & (n_slots - 1);
        slots[i] = (uint32_t)t + 1;
    }
    sl_free(v->ctx, v->slots);
    v->slots = slots;
    v->n_slots = n_slots;
    return SL_OK;
}

static int vocab_grow(tl_vocab *v)
{
    size_t cap = v->cap, need = v->n + 1;
    if (sl_grow(v->ctx, (void **)&v->terms, &cap, need, sizeof *v->terms))
        return SL_ENOMEM;
    size_t c2 = v->cap, c3 = v->cap, c4 = v->cap;
    if (sl_grow(v->ctx, (void **)&v->df, &c2, cap, sizeof *v->df) ||
        sl_grow(v->ctx, (void **)&v->last_doc, &c3, cap, sizeof *v->last_doc) ||
        sl_grow(v->ctx, (void **)&v->stop, &c4, cap, sizeof *v->stop))
        return SL_ENOMEM;
    v->cap = cap;
    return SL_OK;
}

int tl_vocab_add(tl_vocab *v, tl_arena *a, const char *s, size_t len, uint32_t *term)
{
    size_t i = tl_hash(s, len, 0) & (v->n_slots - 1);
    for (; v->slots[i]; i = (i + 1) & (v->n_slots - 1)) {
        sl_str t = v->terms[v->slots[i] - 1];
        if (t.len == len && memcmp(t.ptr, s, len) == 0) {
            *term = v->slots[i] - 1;
            return SL_OK;
        }
    }
    if (v->n + 1 >= v->cap && vocab_grow(v))
        return sl_oom(v->ctx);
    sl_str copy = tl_strdup(a, (sl_str){ s, len });
    if (!copy.ptr)
        return sl_oom(v->ctx);
    *term = (uint32_t)v->n;
    v->terms[v->n] = copy;
    v->df[v->n] = 0;
    v->last_doc[v->n] = 0;
    v->stop[v->n] = (uint8_t)tl_is_stopword(s, len);
    v->n++;
    v->slots[i] = *term + 1;
    if (v->n * 2 > v->n_slots)
        return vocab_rehash(v);
    return SL_OK;
}

/* ---------------------------------------------------------------- words, sentences */

static int is_word_char(int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
           c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_ND ||
           c == UTF8PROC_CATEGORY_MN;
}

/* Word characters plus the joiners inside numbers ("4.2", "2,300"). */
static size_t word_end(const char *p, size_t len, size_t i)
{
    while (i < len) {
        size_t adv;
        int32_t cp = sl_utf8_decode(p + i, len - i, &adv);
        if (is_word_char(cp)) {
            i += adv;
            continue;
        }
        if ((p[i] == '.' || p[i] == ',') && i > 0 && i + 1 < len && p[i - 1] >= '0' &&
            p[i - 1] <= '9' && p[i + 1] >= '0' && p[i + 1] <= '9') {
            i++;
            continue;
        }
        break;
    }
    return i;
}

static int lower_word(sl_buf *b, const char *p, size_t len)
{
    sl_buf_reset(b);
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = sl_utf8_decode(p + i, len - i, &adv);
        char enc[4];
        size_t n = cp >= 0 ? sl_utf8_encode((uint32_t)utf8proc_tolower(cp), enc) : 0;
        if (n && sl_buf_append(b, enc, n))
            return SL_ENOMEM;
        i += adv;
    }
    return SL_OK;
}

/* Abbreviations whose full stop does not end a sentence. */
static int is_abbreviation(const char *p, size_t start, size_t dot)
{
    size_t len = dot - start;
    if (len == 1 && p[start] >= 'A' && p[start] <= 'Z')
        return 1; /* initials: "J. Smith" */
    static const char *const abbr[] = { "Mr", "Mrs", "Ms", "Dr", "St", "Jan", "Feb", "Mar", "Apr",
                                        "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
                                        "Gen", "Sen", "Rep", "Gov", "Prof", "No", "vs", "Inc",
                                        "Co", "Corp", "Ltd", "Jr", "Sr", "Lt", "Col", "Capt" };
    for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
        if (strlen(abbr[i]) == len && memcmp(p + start, abbr[i], len) == 0)
            return 1;
    return 0;
}

/* A wire dateline ("PORTVALE, Jan 20 (Harbor Wire) - ") at the start of a
 * sentence: the offset after it, or start. */
static size_t skip_dateline(const char *p, size_t start, size_t end)
{
    size_t limit = start + 90 < end ? start + 90 : end;
    size_t open = 0;
    for (size_t i = start; i + 2 < limit; i++) {
        if (p[i] == '(' && !open)
            open = i + 1;
        if (open && p[i] == ')' && (p[i + 1] == ' ') &&
            (p[i + 2] == '-' || (unsigned char)p[i + 2] == 0xe2)) {
            size_t j = i + 2;
            while (j < end && p[j] != ' ')
                j++;
            while (j < end && p[j] == ' ')
                j++;
            return j < end ? j : start;
        }
    }
    return start;
}

/* Close the sentence [start, end) whose tokens begin at first_tok. */
static int push_sentence(tl_text *t, sl_ctx *ctx, uint32_t doc, const char *p, size_t start,
                         size_t end, size_t first_tok, uint32_t *index, int ends_sentence)
{
    while (start < end && (p[start] == ' ' || p[start] == '\t'))
        start++;
    while (end > start && (p[end - 1] == ' ' || p[end - 1] == '\t' || p[end - 1] == '\r'))
        end--;
    size_t body = skip_dateline(p, start, end);
    while (first_tok < t->n_toks && t->toks[first_tok].start < body)
        first_tok++;
    if (end <= body || first_tok >= t->n_toks)
        return SL_OK;
    if (sl_grow(ctx, (void **)&t->sents, &t->cap_sents, t->n_sents + 1, sizeof *t->sents))
        return sl_oom(ctx);
    tl_sent *s = &t->sents[t->n_sents++];
    memset(s, 0, sizeof *s);
    s->doc = doc;
    s->start = (uint32_t)body;
    s->end = (uint32_t)end;
    s->first = (uint32_t)first_tok;
    s->n = (uint32_t)(t->n_toks - first_tok);
    s->words = s->n;
    s->index = (*index)++;
    uint64_t h = 0;
    for (size_t i = first_tok; i < t->n_toks; i++)
        h = tl_hash(&t->toks[i].term, sizeof t->toks[i].term, h);
    s->hash = h;
    s->candidate = ends_sentence && s->words >= 6 && s->words <= 60;
    return SL_OK;
}

static int add_token(tl_text *t, tl_vocab *v, tl_arena *a, const char *p, size_t start,
                     size_t end)
{
    if (lower_word(&t->lower, p + start, end - start))
        return sl_oom(v->ctx);
    uint32_t term;
    int rc = tl_vocab_add(v, a, t->lower.ptr ? t->lower.ptr : "", t->lower.len, &term);
    if (rc)
        return rc;
    if (sl_grow(v->ctx, (void **)&t->toks, &t->cap_toks, t->n_toks + 1, sizeof *t->toks))
        return sl_oom(v->ctx);
    t->toks[t->n_toks++] = (tl_token){ term, (uint32_t)start, (uint32_t)end };
    return SL_OK;
}

/* Does a full stop at p[i] end a sentence?  Followed by space (and maybe a
 * closing quote first), not an abbreviation. */
static size_t sentence_break(const char *p, size_t len, size_t i, size_t word_start)
{
    char c = p[i];
    if (c != '.' && c != '!' && c != '?')
        return 0;
    size_t j = i + 1;
    while (j < len && (p[j] == '"' || p[j] == '\'' || p[j] == ')'))
        j++;
    if (j + 2 < len && (unsigned char)p[j] == 0xe2 && (unsigned char)p[j + 1] == 0x80 &&
        ((unsigned char)p[j + 2] == 0x9d || (unsigned char)p[j + 2] == 0x99))
        j += 3; /* closing curly quote */
    if (j < len && p[j] != ' ' && p[j] != '\n')
        return 0;
    if (c == '.' && word_start < i && is_abbreviation(p, word_start, i))
        return 0;
    return j;
}

int tl_text_split(tl_text *t, tl_vocab *v, tl_arena *a, uint32_t doc, sl_str text)
{
    sl_buf_init(&t->lower, v->ctx);
    const char *p = text.ptr;
    size_t len = text.len, sent_start = 0, first_tok = t->n_toks, last_word = 0;
    uint32_t index = 0;
    int rc = SL_OK;
    for (size_t i = 0; i < len && !rc;) {
        size_t adv;
        int32_t cp = sl_utf8_decode(p + i, len - i, &adv);
        if (is_word_char(cp)) {
            size_t e = word_end(p, len, i);
            rc = add_token(t, v, a, p, i, e);
            last_word = i;
            i = e;
            continue;
        }
        size_t after = p[i] == '\n' ? i + 1 : sentence_break(p, len, i, last_word);
        if (after) {
            size_t end = p[i] == '\n' ? i : after;
            rc = push_sentence(t, v->ctx, doc, p, sent_start, end, first_tok, &index,
                               p[i] != '\n');
            sent_start = after;
            first_tok = t->n_toks;
            i = after;
            continue;
        }
        i += adv;
    }
    if (!rc)
        rc = push_sentence(t, v->ctx, doc, p, sent_start, len, first_tok, &index, 1);
    sl_buf_release(&t->lower);
    return rc;
}

void tl_text_free(tl_text *t, sl_ctx *ctx)
{
    sl_free(ctx, t->toks);
    sl_free(ctx, t->sents);
    memset(t, 0, sizeof *t);
}
