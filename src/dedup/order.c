/* Ordering versions of one article.  Given dates decide when both texts
 * have them; otherwise the evidence is the text itself: a later version
 * adds material (it contains more of the earlier one than the earlier one
 * contains of it) and reports as done what the earlier one announced
 * ("are due to hold" becomes "held"), so it carries fewer future markers. */
#include "dedup/dedup_rec.h"

#include <string.h>

/* Phrases announcing something still to come, lower case, matched on word
 * boundaries.  English only for now; other languages add their own list. */
static const char *const future_phrases[] = {
    "will", "is due to", "are due to", "is expected to", "are expected to",
    "is set to", "are set to", "is to", "are to", "plans to", "plan to",
    "is scheduled to", "are scheduled to", "is planning to", "are planning to",
    "upcoming", "later today", "later this week", "next week", "ahead of",
};

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c >= 0x80;
}

static int lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does the phrase start at text[i] and end on a word boundary?  Spaces in
 * the phrase match one run of white space. */
static int phrase_at(const char *text, size_t len, size_t i, const char *ph)
{
    while (*ph) {
        if (*ph == ' ') {
            if (i >= len || (text[i] != ' ' && text[i] != '\n'))
                return 0;
            while (i < len && (text[i] == ' ' || text[i] == '\n'))
                i++;
            ph++;
            continue;
        }
        if (i >= len || lower((unsigned char)text[i]) != *ph)
            return 0;
        i++;
        ph++;
    }
    return i == len || !word_byte((unsigned char)text[i]);
}

/* Can a future phrase start with this (lower-case) letter? */
static int starts_phrase(int c)
{
    return c == 'w' || c == 'i' || c == 'a' || c == 'p' || c == 'u' || c == 'l' || c == 'n';
}

static uint32_t phrase_here(const char *text, size_t len, size_t i)
{
    int c = lower((unsigned char)text[i]);
    if (!starts_phrase(c))
        return 0;
    for (size_t k = 0; k < sizeof future_phrases / sizeof future_phrases[0]; k++)
        if (future_phrases[k][0] == c && phrase_at(text, len, i, future_phrases[k]))
            return 1;
    return 0;
}

/* Phrases are looked for at the start of the text and after each space
 * (memchr is fast; a phrase right after a line break or a quote mark is
 * rare enough to miss). */
uint32_t sl_dedup_future_markers(const char *text, size_t len)
{
    if (!text || !len)
        return 0;
    uint32_t n = phrase_here(text, len, 0);
    const char *p = text, *end = text + len;
    while ((p = memchr(p, ' ', (size_t)(end - p))) != NULL) {
        p++;
        if (p < end)
            n += phrase_here(text, len, (size_t)(p - text));
    }
    return n;
}

const char *sl_dedup_order_name(uint8_t order)
{
    switch (order) {
    case DD_ORDER_PUBLISHED: return "published";
    case DD_ORDER_MATERIAL: return "added-material";
    case DD_ORDER_TENSE: return "tense";
    case DD_ORDER_BOTH: return "tense+added-material";
    case DD_ORDER_INPUT: return "input-order";
    default: return NULL;
    }
}

/* Future markers per 1000 shingles, the size measure of a text. */
static double future_rate(const dd_rec *r)
{
    return r->n_set ? 1000.0 * r->future / r->n_set : 0.0;
}

/* Votes: +1 says b is later, -1 says a is later, 0 no evidence. */
static int material_vote(const dd_rec *ra, const dd_rec *rb)
{
    double big = ra->n_set > rb->n_set ? ra->n_set : rb->n_set;
    double diff = (double)rb->n_set - (double)ra->n_set;
    if (big == 0 || (diff < 0 ? -diff : diff) < 0.1 * big)
        return 0;
    return diff > 0 ? 1 : -1;
}

static int tense_vote(const dd_rec *ra, const dd_rec *rb)
{
    uint32_t fa = ra->future, fb = rb->future;
    uint32_t gap = fa > fb ? fa - fb : fb - fa;
    double rate_gap = future_rate(ra) - future_rate(rb);
    if (gap < 2 || (rate_gap < 0 ? -rate_gap : rate_gap) < 1.5)
        return 0;
    return rate_gap > 0 ? 1 : -1; /* fewer future markers: later */
}

int sl_dedup_order(const dd_rec *ra, const dd_rec *rb, dd_order *why)
{
    if (ra->published != SL_NO_DATE && rb->published != SL_NO_DATE &&
        ra->published != rb->published) {
        *why = DD_ORDER_PUBLISHED;
        return rb->published > ra->published;
    }
    int m = material_vote(ra, rb), t = tense_vote(ra, rb);
    int sum = m + t;
    if (sum == 0) {
        *why = DD_ORDER_INPUT;
        return 1; /* a was added first */
    }
    *why = m && t ? DD_ORDER_BOTH : m ? DD_ORDER_MATERIAL : DD_ORDER_TENSE;
    return sum > 0;
}

int64_t sl_dedup_parse_date(const char *s, size_t len)
{
    int64_t m = sl_parse_iso_minutes(s, len);
    return m == SL_NO_MINUTES ? SL_NO_DATE : m;
}
