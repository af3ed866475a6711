/* Matching a folded line against the cue lexicon (lines_lex.c holds the
 * tables): the per-classifier index built once by sl_lex_init, and the
 * search that finds the first matching cue of a line. */
#include "lines_match.h"

#include <string.h>

/* ------------------------------------------------------- matching one cue */

static bool is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Characters skipped around a line for START, END and WHOLE cues. */
static bool is_edge_punct(unsigned char c)
{
    return c == ' ' || c == '*' || c == ':' || c == '-' || c == '"' || c == '\'' || c == '.' ||
           c == '!' || c == '>' || c == '<' || c == '[' || c == ']' || c == '|' || c == '#' ||
           c == '+' || c == '=' || c == '_' || c == '~';
}

static bool boundary_ok(const char *low, size_t len, size_t at, size_t plen)
{
    if (at > 0 && is_word_byte((unsigned char)low[at - 1]) && is_word_byte((unsigned char)low[at]))
        return false;
    size_t end = at + plen;
    if (end < len && is_word_byte((unsigned char)low[end - 1]) && is_word_byte((unsigned char)low[end]))
        return false;
    return true;
}

static bool match_any(const char *low, size_t len, const char *p, size_t plen)
{
    for (size_t at = 0; at + plen <= len; at++) {
        const char *hit = memchr(low + at, p[0], len - at - plen + 1);
        if (!hit)
            return false;
        at = (size_t)(hit - low);
        if (memcmp(hit, p, plen) == 0 && boundary_ok(low, len, at, plen))
            return true;
    }
    return false;
}

static bool match_cue(const sl_cue *cue, size_t plen, const char *low, size_t len)
{
    size_t b = 0, e = len;
    /* Leading punctuation never belongs to a START cue that begins with it. */
    while (b < e && is_edge_punct((unsigned char)low[b]) && low[b] != cue->phrase[0])
        b++;
    while (e > b && is_edge_punct((unsigned char)low[e - 1]) && low[e - 1] != cue->phrase[plen - 1])
        e--;
    if (e - b < plen)
        return false;
    switch (cue->where) {
    case SL_CUE_START:
        return memcmp(low + b, cue->phrase, plen) == 0 && boundary_ok(low, e, b, plen);
    case SL_CUE_END:
        return memcmp(low + e - plen, cue->phrase, plen) == 0 && boundary_ok(low, e, e - plen, plen);
    case SL_CUE_WHOLE:
        return e - b == plen && memcmp(low + b, cue->phrase, plen) == 0;
    default:
        return match_any(low, len, cue->phrase, plen);
    }
}


/* ------------------------------------------------------- per-classifier index */

static unsigned any_bucket(const char *p)
{
    return ((unsigned char)p[0] * 131u + (unsigned char)p[1]) & (SL_LEX_ANY_BUCKETS - 1);
}

static unsigned word_hash(const char *w, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h & (SL_LEX_WORD_SLOTS - 1);
}

/* Word i of the social list followed by the menu list. */
static const char *feature_word(const sl_lex *lex, size_t i)
{
    return i < lex->n_social ? lex->social[i] : lex->menu[i - lex->n_social];
}

/* The slot holding w[0..len), or the free slot where it would go. */
static size_t word_slot(const sl_lex *lex, const char *w, size_t len)
{
    size_t at = word_hash(w, len);
    while (lex->word_slot[at]) {
        const char *x = feature_word(lex, lex->word_slot[at] - 1u);
        if (lex->word_len[at] == len && memcmp(x, w, len) == 0)
            return at;
        at = (at + 1) & (SL_LEX_WORD_SLOTS - 1);
    }
    return at;
}

static void index_words(sl_lex *lex)
{
    memset(lex->word_slot, 0, sizeof lex->word_slot);
    memset(lex->word_kind, 0, sizeof lex->word_kind);
    for (size_t i = 0; i < lex->n_social + lex->n_menu; i++) {
        const char *w = feature_word(lex, i);
        size_t at = word_slot(lex, w, strlen(w));
        if (!lex->word_slot[at]) {
            lex->word_slot[at] = (unsigned short)(i + 1);
            lex->word_len[at] = (unsigned char)strlen(w);
        }
        lex->word_kind[at] |= i < lex->n_social ? SL_WORD_SOCIAL : SL_WORD_MENU;
        lex->word_lengths[(unsigned char)w[0]] |= (uint32_t)1 << (strlen(w) % 32);
    }
}

unsigned sl_lex_word_kind(const sl_lex *lex, const char *w, size_t len)
{
    if (len == 0 || !(lex->word_lengths[(unsigned char)w[0]] >> (len % 32) & 1))
        return 0;
    size_t at = word_slot(lex, w, len);
    return lex->word_slot[at] ? lex->word_kind[at] : 0;
}

/* Which chain a cue goes in; returns its head. */
/* A chain holds the cues for which its key is a necessary condition:
 * the first byte at the line's trimmed start (START, WHOLE), the last byte
 * at its trimmed end (END), the first two bytes somewhere (ANY).  A
 * trimmed character as the key byte moves the trim, so those go slow. */
static unsigned short *cue_chain(sl_lex *lex, const sl_cue *c, size_t len)
{
    unsigned char first = (unsigned char)c->phrase[0], last = (unsigned char)c->phrase[len - 1];
    if (len < 2)
        return &lex->slow_head;
    if (c->where == SL_CUE_ANY)
        return &lex->any_head[any_bucket(c->phrase)];
    if (c->where == SL_CUE_END)
        return is_edge_punct(last) ? &lex->slow_head : &lex->end_head[last];
    return is_edge_punct(first) ? &lex->slow_head : &lex->start_head[first];
}

/* Add the bytes of s[0..len) to a 256-bit set.  The four words are kept
 * in locals and every byte is or-ed into each under a mask: no branch and
 * no store per byte (this runs over every line). */
static void add_bytes(uint64_t set[4], const char *s, size_t len)
{
    uint64_t w0 = set[0], w1 = set[1], w2 = set[2], w3 = set[3];
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        uint64_t bit = (uint64_t)1 << (b & 63);
        unsigned word = b >> 6;
        w0 |= bit & ((uint64_t)0 - (word == 0));
        w1 |= bit & ((uint64_t)0 - (word == 1));
        w2 |= bit & ((uint64_t)0 - (word == 2));
        w3 |= bit & ((uint64_t)0 - (word == 3));
    }
    set[0] = w0;
    set[1] = w1;
    set[2] = w2;
    set[3] = w3;
}

/* any_list and any_bytes: the cues of the any_head chains. */
static void list_any_cues(sl_lex *lex)
{
    lex->n_any = 0;
    for (unsigned b = 0; b < SL_LEX_ANY_BUCKETS; b++) {
        for (unsigned k = lex->any_head[b]; k; k = lex->next[k - 1]) {
            add_bytes(lex->any_bytes[k - 1], lex->cues[k - 1].phrase, lex->len[k - 1]);
            /* Insertion sort by max_words, most first. */
            size_t at = lex->n_any++;
            while (at > 0 &&
                   lex->cues[lex->any_list[at - 1]].max_words < lex->cues[k - 1].max_words) {
                lex->any_list[at] = lex->any_list[at - 1];
                at--;
            }
            lex->any_list[at] = (unsigned short)(k - 1);
        }
    }
}

void sl_lex_init(sl_lex *lex)
{
    memset(lex, 0, sizeof *lex);
    lex->cues = sl_lex_cues(&lex->n_cues);
    lex->social = sl_lex_social_words(&lex->n_social);
    lex->menu = sl_lex_menu_words(&lex->n_menu);
    for (size_t i = 0; i < lex->n_cues; i++) {
        size_t len = strlen(lex->cues[i].phrase);
        lex->len[i] = (unsigned char)len;
        lex->plain[i] = !is_edge_punct((unsigned char)lex->cues[i].phrase[0]) &&
                        !is_edge_punct((unsigned char)lex->cues[i].phrase[len - 1]);
        if (lex->cues[i].max_words > lex->max_words)
            lex->max_words = lex->cues[i].max_words;
    }
    /* Pushing to the front in reverse keeps every chain in lexicon order. */
    for (size_t i = lex->n_cues; i-- > 0;) {
        unsigned short *head = cue_chain(lex, &lex->cues[i], lex->len[i]);
        lex->next[i] = *head;
        *head = (unsigned short)(i + 1);
        bool any = lex->cues[i].where == SL_CUE_ANY && head != &lex->slow_head;
        if (any && lex->cues[i].max_words > lex->any_max_words)
            lex->any_max_words = lex->cues[i].max_words;
    }
    for (unsigned c = 0; c < 256; c++)
        lex->word_byte[c] = is_word_byte((unsigned char)c);
    list_any_cues(lex);
    index_words(lex);
}

/* ------------------------------------------------------- matching a line */

typedef struct any_hits {
    uint64_t bits[SL_LEX_MAX_CUES / 64];
} any_hits;

static bool cue_applies(const sl_lex *lex, size_t i, size_t len, size_t words)
{
    return words <= lex->cues[i].max_words && lex->len[i] <= len;
}

/* Marks in `cand` the indexed SL_CUE_ANY cues that apply to the line and
 * whose bytes all occur in it; false when there are none. */
static bool any_candidates(const sl_lex *lex, const char *low, size_t len, size_t words,
                           any_hits *cand)
{
    uint64_t present[4] = { 0, 0, 0, 0 };
    add_bytes(present, low, len);
    bool some = false;
    memset(cand, 0, sizeof *cand);
    for (size_t j = 0; j < lex->n_any; j++) {
        size_t i = lex->any_list[j];
        if (words > lex->cues[i].max_words)
            break; /* the rest allow even fewer words */
        const uint64_t *need = lex->any_bytes[i];
        if (lex->len[i] > len || (need[0] & ~present[0]) || (need[1] & ~present[1]) ||
            (need[2] & ~present[2]) || (need[3] & ~present[3]))
            continue;
        cand->bits[i / 64] |= (uint64_t)1 << (i % 64);
        some = true;
    }
    return some;
}

static bool has_bit(const any_hits *h, size_t i)
{
    return (h->bits[i / 64] >> (i % 64)) & 1;
}

/* One pass over the line marks every indexed SL_CUE_ANY cue that applies
 * and occurs at word boundaries: the same answer as match_any for each.
 * Positions between two word bytes are skipped: boundary_ok refuses them
 * whatever the phrase. */
static void find_any_hits(const sl_lex *lex, const char *low, size_t len, size_t words,
                          any_hits *hits)
{
    memset(hits, 0, sizeof *hits);
    any_hits cand;
    if (words > lex->any_max_words || !any_candidates(lex, low, len, words, &cand))
        return;
    bool prev_word = false;
    for (size_t at = 0; at + 1 < len; at++) {
        bool word = lex->word_byte[(unsigned char)low[at]];
        bool inside = prev_word && word;
        prev_word = word;
        if (inside)
            continue;
        for (unsigned k = lex->any_head[any_bucket(low + at)]; k; k = lex->next[k - 1]) {
            size_t i = k - 1, plen = lex->len[i];
            if (has_bit(&cand, i) && at + plen <= len && low[at + 1] == lex->cues[i].phrase[1] &&
                memcmp(low + at, lex->cues[i].phrase, plen) == 0 && boundary_ok(low, len, at, plen))
                hits->bits[i / 64] |= (uint64_t)1 << (i % 64);
        }
    }
}

/* The line without edge punctuation, as match_cue trims it for a phrase
 * that does not itself start or end with such a character. */
typedef struct trimmed {
    size_t b, e;
} trimmed;

static trimmed trim_line(const char *low, size_t len)
{
    trimmed t = { 0, len };
    while (t.b < t.e && is_edge_punct((unsigned char)low[t.b]))
        t.b++;
    while (t.e > t.b && is_edge_punct((unsigned char)low[t.e - 1]))
        t.e--;
    return t;
}

/* match_cue for a START, END or WHOLE phrase with plain edges, using the
 * line's trim. */
static bool match_plain(const sl_cue *cue, size_t plen, const char *low, trimmed t)
{
    const char *p = cue->phrase;
    if (t.e - t.b < plen)
        return false;
    switch (cue->where) {
    case SL_CUE_START:
        return memcmp(low + t.b, p, plen) == 0 && boundary_ok(low, t.e, t.b, plen);
    case SL_CUE_END:
        return memcmp(low + t.e - plen, p, plen) == 0 && boundary_ok(low, t.e, t.e - plen, plen);
    default: /* SL_CUE_WHOLE */
        return t.e - t.b == plen && memcmp(low + t.b, p, plen) == 0;
    }
}

/* match_cue, with the line's trim for a plain phrase. */
static bool match_keyed(const sl_lex *lex, size_t i, const char *low, size_t len, trimmed t)
{
    if (lex->plain[i])
        return match_plain(&lex->cues[i], lex->len[i], low, t);
    return match_cue(&lex->cues[i], lex->len[i], low, len);
}

/* The first cue before `best` in a START/WHOLE or END chain that matches,
 * else best. */
static size_t first_keyed(const sl_lex *lex, unsigned k, const char *low, size_t len,
                          size_t words, trimmed t, size_t best)
{
    for (; k && k - 1 < best; k = lex->next[k - 1])
        if (cue_applies(lex, k - 1, len, words) && match_keyed(lex, k - 1, low, len, t))
            return k - 1;
    return best;
}

static size_t first_slow(const sl_lex *lex, const char *low, size_t len, size_t words, size_t best)
{
    for (unsigned k = lex->slow_head; k && k - 1 < best; k = lex->next[k - 1])
        if (cue_applies(lex, k - 1, len, words) &&
            match_cue(&lex->cues[k - 1], lex->len[k - 1], low, len))
            return k - 1;
    return best;
}

/* The first marked ANY cue before best whose trimmed line is long enough
 * (match_cue checks that before searching; a phrase that is not plain
 * gets the whole match_cue). */
static size_t first_any(const sl_lex *lex, const any_hits *hits, const char *low, size_t len,
                        trimmed t, size_t best)
{
    for (size_t w = 0; w < SL_LEX_MAX_CUES / 64 && w * 64 < best; w++) {
        uint64_t bits = hits->bits[w];
        for (size_t i = w * 64; bits; i++, bits >>= 1) {
            if (i >= best)
                return best;
            if (!(bits & 1))
                continue;
            if (lex->plain[i] ? t.e - t.b >= lex->len[i]
                              : match_cue(&lex->cues[i], lex->len[i], low, len))
                return i;
        }
    }
    return best;
}

/* Every chain yields its first match in lexicon order; the earliest of
 * those is the first cue of the lexicon that matches, as a plain scan of
 * all cues would find. */
const sl_cue *sl_lex_find(const sl_lex *lex, const char *low, size_t len, size_t words)
{
    if (words > lex->max_words || len == 0)
        return NULL;
    trimmed t = trim_line(low, len);
    size_t best = lex->n_cues;
    if (t.e > t.b) {
        best = first_keyed(lex, lex->start_head[(unsigned char)low[t.b]], low, len, words, t, best);
        best = first_keyed(lex, lex->end_head[(unsigned char)low[t.e - 1]], low, len, words, t, best);
    }
    best = first_slow(lex, low, len, words, best);
    any_hits hits;
    find_any_hits(lex, low, len, words, &hits);
    best = first_any(lex, &hits, low, len, t, best);
    return best < lex->n_cues ? &lex->cues[best] : NULL;
}
