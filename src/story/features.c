/* Story features of one document: stemmed terms (headline and lead weigh
 * more), names (runs of capitalised words), and the years it mentions.
 * Pure: touches only the sl_story_doc, so documents can be prepared on
 * several threads at once. */
#include "story/story_internal.h"
#include "dedup/shingle.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#define TITLE_WEIGHT 3.0f
#define LEAD_WEIGHT 3.0f
/* Each word of a multi-word name also counts as the name of one word, at
 * full weight: "Klitschko" alone is a name as much as "Wladimir Klitschko". */
#define NAME_PART_WEIGHT 1.0f
/* Two adjacent terms of the headline or the lead ("stops Thompson",
 * "emergency patch") are a phrase, a feature of its own at this share of
 * the weight: a phrase says what happened to whom more narrowly than its
 * words, which the other events of the same kind share. */
#define PHRASE_WEIGHT 0.5f
#define MAX_WORD 64

/* Function words, weekdays and months: never terms, and never the start of
 * a name ("The", "In", "Monday"); dates are compared as dates. */
static const char *const stopwords[] = {
    "a", "about", "after", "again", "against", "all", "also", "an", "and", "any", "april",
    "are", "as", "at", "august", "be", "because", "been", "before", "being", "between", "both",
    "but", "by", "can", "could", "december", "did", "do", "does", "during", "each", "february",
    "for", "friday", "from", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
    "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "january", "july",
    "june", "just", "last", "like", "many", "march", "may", "me", "monday", "more", "most",
    "mr", "mrs", "ms", "much", "must", "my", "new", "no", "nor", "not", "november", "now",
    "october", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over",
    "said", "saturday", "says", "september", "she", "should", "since", "so", "some", "such",
    "sunday", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "thursday", "to", "today", "tomorrow", "too", "tuesday", "two", "under",
    "until", "up", "very", "was", "we", "wednesday", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "year", "years", "yesterday", "yet",
    "you", "your",
};

/* Capitalised words that are never part of a name: short forms of months
 * and weekdays, times and time zones of datelines ("Jul. 7 5:59 PM EDT").
 * None is longer than 5 letters. */
static const char *const not_names[] = {
    "am", "apr", "aug", "bst", "cdt", "cest", "cet", "cst", "dec", "edt", "est", "et", "feb",
    "fri", "gmt", "jan", "jul", "jun", "mar", "mdt", "mon", "mst", "nov", "oct", "pdt", "pm",
    "pst", "sat", "sep", "sept", "sun", "thu", "thur", "thurs", "tue", "tues", "utc", "wed",
};

/* Lower-case words that may sit inside a name: "Bank of England". */
static const char *const name_links[] = { "of", "de", "la", "del", "van", "von", "der", "al", "bin" };

static int in_list(const char *const *list, size_t n, const char *w, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
            return 1;
    return 0;
}

/* Binary search: the list is sorted (a unit test checks it), and this runs
 * for every word of every document. */
static int is_stopword(const char *w, size_t len)
{
    size_t lo = 0, hi = sizeof stopwords / sizeof *stopwords;
    if (len > 9)
        return 0; /* the longest stopword has 9 letters */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(stopwords[mid], w, len);
        if (c == 0)
            c = stopwords[mid][len] != '\0'; /* longer than w: after it */
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int sl_story_stopwords_sorted(void)
{
    for (size_t i = 1; i < sizeof stopwords / sizeof *stopwords; i++)
        if (strcmp(stopwords[i - 1], stopwords[i]) >= 0 || strlen(stopwords[i]) > 9)
            return 0;
    for (size_t i = 0; i < sizeof not_names / sizeof *not_names; i++)
        if (strlen(not_names[i]) > 5)
            return 0;
    return 1;
}

int sl_story_doc_new(sl_ctx *ctx, const sl_story_options *opts, sl_story_doc **out)
{
    *out = NULL;
    sl_story_doc *p = sl_calloc(ctx, 1, sizeof *p);
    if (!p)
        return sl_oom(ctx);
    p->ctx = ctx;
    sl_buf_init(&p->surf, ctx);
    sl_buf_init(&p->title, ctx);
    const char *lang = opts && opts->language ? opts->language : "english";
    p->stemmer = sb_stemmer_new(lang, NULL);
    if (!p->stemmer) {
        int known = 0;
        for (const char **l = sb_stemmer_list(); *l; l++)
            known |= strcmp(*l, lang) == 0;
        sl_story_doc_free(p);
        return known ? sl_oom(ctx)
                     : sl_error(ctx, SL_EINVAL, "stories: no stemmer for language '%s'", lang);
    }
    *out = p;
    return SL_OK;
}

void sl_story_doc_free(sl_story_doc *p)
{
    if (!p)
        return;
    if (p->stemmer)
        sb_stemmer_delete(p->stemmer);
    sl_free(p->ctx, p->feat);
    sl_free(p->ctx, p->surface);
    sl_free(p->ctx, p->raw);
    sl_free(p->ctx, p->raw_surface);
    sl_buf_release(&p->surf);
    sl_buf_release(&p->title);
    sl_free(p->ctx, p);
}

/* ---- collecting raw features ---- */

static int add_raw(sl_story_doc *p, uint32_t key, float w, const char *surf, size_t len)
{
    if (p->n_raw == p->cap_raw) {
        size_t cap = p->cap_raw;
        int rc = sl_grow(p->ctx, (void **)&p->raw, &cap, p->n_raw + 1, sizeof *p->raw);
        if (!rc)
            rc = sl_grow(p->ctx, (void **)&p->raw_surface, &p->cap_raw, p->n_raw + 1,
                         sizeof *p->raw_surface);
        if (rc)
            return rc;
    }
    uint32_t at = (uint32_t)p->surf.len;
    int rc = sl_buf_append(&p->surf, surf, len);
    if (!rc)
        rc = sl_buf_putc(&p->surf, '\0');
    if (rc)
        return rc;
    p->raw[p->n_raw] = (st_feat){ key, w };
    p->raw_surface[p->n_raw++] = at;
    return SL_OK;
}

static uint32_t term_key(const char *stem, size_t len)
{
    uint32_t k = (uint32_t)XXH3_64bits_withSeed(stem, len, 1) & ~ST_NAME_BIT;
    return k ? k : 1;
}

static uint32_t name_key(uint64_t h)
{
    return (uint32_t)h | ST_NAME_BIT;
}

static int is_upper_start(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    size_t adv;
    int32_t cp = sl_utf8_decode(s, len, &adv);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* ASCII lower case of a word into buf (other bytes as they are). */
static size_t lower_word(const char *s, size_t len, char *buf)
{
    if (len > MAX_WORD)
        len = MAX_WORD;
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    return len;
}

static int year_of(const char *w, size_t len)
{
    if (len != 4 || w[0] < '1' || w[0] > '2')
        return 0;
    int y = 0;
    for (size_t i = 0; i < 4; i++) {
        if (w[i] < '0' || w[i] > '9')
            return 0;
        y = y * 10 + (w[i] - '0');
    }
    return y >= 1900 && y <= 2099 ? y : 0;
}

static void note_year(sl_story_doc *p, int y)
{
    for (size_t i = 0; i < p->n_years; i++)
        if (p->years[i] == y)
            return;
    if (p->n_years < ST_MAX_YEARS)
        p->years[p->n_years++] = (uint16_t)y;
}

/* *key: the key of the term the word gave, 0 when none. */
static int add_term(sl_story_doc *p, const char *w, size_t len, float weight, uint32_t *key)
{
    char low[MAX_WORD];
    *key = 0;
    len = lower_word(w, len, low);
    if (len < 2 || is_stopword(low, len))
        return SL_OK;
    if (low[0] >= '0' && low[0] <= '9') {
        int y = year_of(low, len);
        if (y) {
            note_year(p, y);
            return SL_OK;
        }
        /* other numbers ("6.1", "2,000") tell events of one kind apart */
        *key = term_key(low, len);
        return add_raw(p, *key, weight, low, len);
    }
    const sb_symbol *stem = sb_stemmer_stem(p->stemmer, (const sb_symbol *)low, (int)len);
    if (!stem)
        return sl_oom(p->ctx);
    size_t slen = (size_t)sb_stemmer_length(p->stemmer);
    *key = term_key((const char *)stem, slen);
    return add_raw(p, *key, weight, low, len);
}

/* ---- names: runs of capitalised words ---- */

typedef struct name_run {
    size_t start, end;       /* bytes of the run in the text */
    uint64_t hash;           /* of the case-folded words */
    uint64_t first_hash;     /* of its first word alone */
    size_t words;
    size_t pending_links;    /* link words at the end, not yet part of it */
    uint64_t hash_before_links;
    size_t end_before_links, words_before_links;
    int sentence_start;
    float weight;
} name_run;

static uint32_t part_key(uint64_t token_hash)
{
    return name_key(token_hash * 0x9E3779B97F4A7C15ull + 7);
}

static int flush_name(sl_story_doc *p, const char *text, name_run *r)
{
    if (r->pending_links) {
        r->hash = r->hash_before_links;
        r->end = r->end_before_links;
        r->words = r->words_before_links;
    }
    int rc = SL_OK;
    /* a lone capitalised word opening a sentence may be any word */
    /* a name of one word is the same feature as that word inside longer
     * names: "Klitschko" meets "Wladimir Klitschko" */
    if (r->words > 1)
        rc = add_raw(p, name_key(r->hash), r->weight, text + r->start, r->end - r->start);
    else if (r->words == 1 && !r->sentence_start)
        rc = add_raw(p, part_key(r->first_hash), r->weight, text + r->start, r->end - r->start);
    r->words = 0;
    r->pending_links = 0;
    return rc;
}

static int name_part(sl_story_doc *p, const char *w, size_t len, const sl_token *tok,
                     float weight, int multi)
{
    if (!multi)
        return SL_OK;
    char low[MAX_WORD];
    size_t n = lower_word(w, len, low);
    if (is_stopword(low, n))
        return SL_OK;
    return add_raw(p, part_key(tok->hash), weight * NAME_PART_WEIGHT, w, len);
}

/* Is there only one plain space between the two tokens? */
static int single_space(const char *text, size_t from, size_t to)
{
    return to == from + 1 && text[from] == ' ';
}

static int sentence_start_at(const char *text, size_t at)
{
    size_t i = at;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
        i--;
    if (i == 0)
        return 1;
    char c = text[i - 1];
    return c == '\n' || c == '.' || c == '!' || c == '?' || c == ':' || c == '"' ||
           c == '\'' || (unsigned char)c == 0x9C || (unsigned char)c == 0x9D; /* “ ” */
}

/* ---- the whole text ---- */

typedef struct scan {
    sl_story_doc *p;
    const char *text;
    name_run run;
    size_t words;
    float weight;            /* of the current region: title, lead, body */
    size_t prev_end;
    int all_caps_line;
    uint32_t prev_term;      /* key of the previous word's term, 0: none */
    size_t prev_start;       /* where the previous word starts */
} scan;

static int all_caps(const char *s, size_t len)
{
    int letters = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            return 0;
        letters += c >= 'A' && c <= 'Z';
    }
    return letters >= 8;
}

/* A headline in title case ("Microsoft Rushes Emergency Fix To Address
 * Attacks"): its capitals say nothing about names.  At least four words
 * and at most one in five of them starting in lower case. */
static int title_case(const char *s, size_t len)
{
    size_t words = 0, lower = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && s[i - 1] != ' ')
            continue;
        unsigned char c = (unsigned char)s[i];
        words += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        lower += c >= 'a' && c <= 'z';
    }
    return words >= 4 && lower * 5 <= words;
}

/* A phrase key: terms and phrases share the key space (top bit clear). */
static uint32_t phrase_key(uint32_t first, uint32_t second)
{
    uint32_t k = (uint32_t)((first * 0x9E3779B97F4A7C15ull + second) >> 17) & ~ST_NAME_BIT;
    return k ? k : 1;
}

/* Headline and lead only (their weight is above 1): they say what the
 * event is; phrases of the body would mostly add noise and time. */
static int add_phrase(scan *s, const sl_token *tok, uint32_t term)
{
    if (!term || !s->prev_term || s->weight <= 1.0f)
        return SL_OK;
    return add_raw(s->p, phrase_key(s->prev_term, term), s->weight * PHRASE_WEIGHT,
                   s->text + s->prev_start, tok->end - s->prev_start);
}

static int scan_token(scan *s, const sl_token *tok)
{
    const char *w = s->text + tok->start;
    size_t len = tok->end - tok->start;
    uint32_t term;
    int rc = add_term(s->p, w, len, s->weight, &term);
    if (!rc)
        rc = add_phrase(s, tok, term);
    s->prev_term = term; /* a function word between two terms breaks the phrase */
    s->prev_start = tok->start;
    if (rc || tok->kind != SL_TOKEN_WORD || s->all_caps_line)
        return rc;
    name_run *r = &s->run;
    int joined = r->words > 0 && single_space(s->text, s->prev_end, tok->start);
    if (is_upper_start(w, len)) {
        char low[MAX_WORD];
        size_t n = lower_word(w, len, low);
        /* a capitalised function word, weekday or month ends a name too:
         * "Hasim Rahman Saturday" */
        int never = (n <= 5 && in_list(not_names, sizeof not_names / sizeof *not_names, low, n)) ||
                    is_stopword(low, n);
        if ((!joined || never) && (rc = flush_name(s->p, s->text, r)) != SL_OK)
            return rc;
        if (r->words == 0) {
            if (never)
                return SL_OK; /* "The", "In", "Monday": not the start of a name */
            *r = (name_run){ tok->start, tok->end, 0x51ED27u, tok->hash, 0, 0, 0, 0, 0,
                             sentence_start_at(s->text, tok->start), s->weight };
        }
        r->hash = (r->hash ^ tok->hash) * 0x9E3779B97F4A7C15ull;
        r->end = tok->end;
        r->words++;
        r->pending_links = 0;
        return name_part(s->p, w, len, tok, s->weight, 1);
    }
    char low[MAX_WORD];
    size_t n = lower_word(w, len, low);
    if (joined && in_list(name_links, sizeof name_links / sizeof *name_links, low, n) &&
        r->pending_links == 0) {
        r->hash_before_links = r->hash;
        r->end_before_links = r->end;
        r->words_before_links = r->words;
        r->hash = (r->hash ^ tok->hash) * 0x9E3779B97F4A7C15ull;
        r->pending_links = 1;
        return SL_OK;
    }
    return flush_name(s->p, s->text, r);
}

static int scan_text(sl_story_doc *p, const char *text, size_t len, float weight, int lead)
{
    scan s = { p, text, { 0 }, 0, weight, 0, 0, 0, 0 };
    sl_tokenizer t;
    sl_token tok;
    sl_tokenizer_init(&t, text, len);
    size_t line_end = 0, lines = 0;
    while (sl_token_next(&t, &tok)) {
        if (tok.start >= line_end) { /* a new line: is it all capitals? */
            const char *nl = memchr(text + tok.start, '\n', len - tok.start);
            line_end = nl ? (size_t)(nl - text) : len;
            /* title case only in a headline: the title, or the text's first
             * line; further down, a line of capitals is a list of names
             * (tags, bylines, captions) */
            s.all_caps_line = all_caps(text + tok.start, line_end - tok.start) ||
                              (lines == 0 && title_case(text + tok.start, line_end - tok.start));
            lines++;
        }
        if (lead && s.words == ST_LEAD_WORDS) {
            int rc = flush_name(p, text, &s.run);
            if (rc)
                return rc;
            s.weight = 1.0f;
        }
        int rc = scan_token(&s, &tok);
        if (rc)
            return rc;
        s.prev_end = tok.end;
        s.words++;
    }
    return flush_name(p, text, &s.run);
}

/* ---- merging repeats ---- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sum the weights of each key; its surface form is that of its first
 * occurrence (raw entries are in text order, and the sort key breaks ties
 * by that order). */
static int merge_raw(sl_story_doc *p)
{
    size_t n = p->n_raw, cap = p->cap_feat;
    uint64_t *order = sl_malloc(p->ctx, (n ? n : 1) * sizeof *order);
    int rc = order ? SL_OK : sl_oom(p->ctx);
    if (!rc)
        rc = sl_grow(p->ctx, (void **)&p->feat, &cap, n ? n : 1, sizeof *p->feat);
    if (!rc)
        rc = sl_grow(p->ctx, (void **)&p->surface, &p->cap_feat, n ? n : 1, sizeof *p->surface);
    if (rc) {
        sl_free(p->ctx, order);
        return rc;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (uint64_t)p->raw[i].key << 32 | i;
    qsort(order, n, sizeof *order, cmp_u64);
    p->n_feat = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = (size_t)(uint32_t)order[k];
        if (p->n_feat && p->feat[p->n_feat - 1].key == p->raw[i].key) {
            p->feat[p->n_feat - 1].w += p->raw[i].w;
            continue;
        }
        p->feat[p->n_feat] = p->raw[i];
        p->surface[p->n_feat++] = p->raw_surface[i];
    }
    sl_free(p->ctx, order);
    return SL_OK;
}

int sl_story_prepare(sl_story_doc *p, const char *text, size_t len, const char *title,
                     size_t title_len)
{
    if (!p || (!text && len) || (!title && title_len))
        return p ? sl_error(p->ctx, SL_EINVAL, "stories: bad arguments to prepare") : SL_EINVAL;
    p->n_raw = p->n_feat = p->n_years = 0;
    sl_buf_reset(&p->surf);
    sl_buf_reset(&p->title);
    int rc = sl_buf_append(&p->title, title ? title : "", title_len);
    if (!rc && title_len)
        rc = scan_text(p, title, title_len, TITLE_WEIGHT, 0);
    if (!rc && len)
        rc = scan_text(p, text, len, LEAD_WEIGHT, 1);
    if (rc)
        return rc;
    return merge_raw(p);
}
