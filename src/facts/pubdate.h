/* Publication-date inference: when was a document written?
 *
 * A document mentions dates up to around the day it was published.  Each
 * dated fact in the text narrows the interval of possible publication days:
 *   - a dateline at the top ("MOSCOW, March 17 (Reuters) -") fixes the day;
 *   - an explicit date told in the past tense is a lower bound, one told in
 *     the future tense ("will be held on September 15-16") an upper bound;
 *   - a weekday ("met on Wednesday") must fall within the week before (or
 *     after, in the future tense) the publication day;
 *   - a year mentioned ("in 2021") gives a weak lower bound;
 *   - a duration from a dated event ("more than a year after the March 2020
 *     lockdown") shifts that event's date.
 * Conflicting evidence is resolved by dropping the weakest pieces; the
 * interval is never empty.  With a given date, the evidence only checks it.
 *
 *   sl_pubdate p;
 *   sl_pubdate_infer(ctx, rules, text, len, NULL, 0, &p);
 *   ... p.value_day, p.earliest_day, p.latest_day, p.evidence[i]
 *   sl_pubdate_release(ctx, &p);
 */
#ifndef SL_FACTS_PUBDATE_H
#define SL_FACTS_PUBDATE_H

#include "facts/timex.h"

#include <stddef.h>
#include <stdint.h>

/* Kinds of evidence (sl_pubdate_evidence.kind). */
enum {
    SL_PUBDATE_GIVEN = 0,         /* the date given by the caller */
    SL_PUBDATE_DATELINE,          /* a date at the top of the text */
    SL_PUBDATE_EXPLICIT_DATE,     /* a full date, tense unknown */
    SL_PUBDATE_TENSE_PAST,        /* a full date told in the past tense */
    SL_PUBDATE_TENSE_FUTURE,      /* a full date told in the future tense */
    SL_PUBDATE_WEEKDAY,           /* "on Wednesday" near the publication */
    SL_PUBDATE_YEAR_MENTION,      /* a year or month without a day */
    SL_PUBDATE_DURATION_ANCHOR,   /* "a year after" a dated event */
    SL_PUBDATE_ORDINAL,           /* an edition of a periodic event, dated by the rules */
    SL_PUBDATE_CAPTION,           /* a full date in a photo caption: the photo came first */
    SL_PUBDATE_KIND_COUNT
};

/* One piece of evidence: the span of text it comes from and the interval of
 * publication days it allows (both inclusive, days since 1970-01-01;
 * SL_TIMEX_NO_DAY on a side means unbounded).  `used` is 0 when it was
 * dropped because it conflicted with stronger evidence. */
typedef struct sl_pubdate_evidence {
    int kind;
    size_t start, end;
    int32_t first_day, last_day;
    char text[64];
    int used;     /* 1 when it took part in the final interval */
    int weight;   /* strength used to resolve conflicts */
    int in_captions; /* 1: start/end are offsets into the captions text */
} sl_pubdate_evidence;

typedef struct sl_pubdate {
    /* days since 1970-01-01, SL_TIMEX_NO_DAY if unknown */
    int32_t value_day, earliest_day, latest_day;
    int given, contradicted;
    sl_pubdate_evidence *evidence;
    size_t n_evidence;
} sl_pubdate;

/* Infer the publication date of text[0..len).  `given` ("YYYY-MM-DD...",
 * may be NULL or empty) is the date the caller knows: then value, earliest
 * and latest are that day, `given` is 1 and `contradicted` is 1 when the
 * text's dated facts are impossible with it.  Otherwise the interval is the
 * narrowest the evidence allows (unbounded sides are SL_TIMEX_NO_DAY) and
 * value_day the most likely day, or SL_TIMEX_NO_DAY.  out->evidence is
 * allocated with the context; release it with sl_pubdate_release.
 * Returns 0, SL_EINVAL (bad argument or given date) or SL_ENOMEM. */
int sl_pubdate_infer(sl_ctx *ctx, const sl_timex_rules *rules, const char *text, size_t len,
                     const char *given, size_t given_len, sl_pubdate *out);
void sl_pubdate_release(sl_ctx *ctx, sl_pubdate *p);
/* "given", "dateline", "explicit-date", "tense-past", "tense-future",
 * "weekday", "year-mention", "duration-from-anchor", "ordinal", "caption";
 * "unknown"
 * for any other kind. */
const char *sl_pubdate_evidence_name(int kind);

/* Write the day as "YYYY-MM-DD" into buf (at least 11 bytes), for use as the
 * reference date of sl_timex_find; "" when day is SL_TIMEX_NO_DAY. */
void sl_pubdate_format_day(int32_t day, char *buf, size_t cap);

/* Find the text's time expressions against the inferred date: calls
 * sl_timex_find with p->value_day as the reference (none when unknown). */
int sl_pubdate_find_timex(sl_ctx *ctx, const sl_timex_rules *rules, const char *text, size_t len,
                          const sl_pubdate *p, sl_timex **out, size_t *n);

#endif
