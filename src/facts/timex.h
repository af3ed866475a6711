/* Temporal expressions: find time expressions in a text and normalise them
 * to TIMEX3 values (TimeML / TempEval-3 conventions).
 *
 * The language knowledge lives in rule files (data/time/<lang>.rules, the
 * format is described in docs/time.md): word lists, tense cues and patterns
 * over tokens, each pattern naming a TIMEX3 type and a resolution action.
 * The code knows the calendar and the actions, not the words.
 *
 *   sl_timex_rules *r;
 *   sl_timex_rules_load(ctx, "data/time/en.rules", &r);
 *   sl_timex *tx; size_t n;
 *   sl_timex_find(ctx, r, text, len, "2021-06-16", &tx, &n);
 *   ... tx[i].start, tx[i].end, sl_timex_type_name(tx[i].type), tx[i].value
 *   sl_free(ctx, tx);
 *   sl_timex_rules_free(r);
 *
 * Loaded rules are read-only: one set may be shared by several threads,
 * each with its own context. */
#ifndef SL_FACTS_TIMEX_H
#define SL_FACTS_TIMEX_H

#include "core/core.h"

#include <stddef.h>
#include <stdint.h>

typedef struct sl_timex_rules sl_timex_rules;

/* Load rules from a file, or from memory (`name` is used in messages).
 * A malformed file gives SL_EPARSE with "file:line: reason" in
 * sl_errmsg(ctx); an unreadable one SL_EIO. */
int sl_timex_rules_load(sl_ctx *ctx, const char *path, sl_timex_rules **out);
int sl_timex_rules_load_mem(sl_ctx *ctx, const char *name, const char *text, size_t len,
                            sl_timex_rules **out);
void sl_timex_rules_free(sl_timex_rules *r); /* NULL is a no-op */
/* The `language` line of the file ("en"), or "" when there is none. */
const char *sl_timex_rules_language(const sl_timex_rules *r);

typedef enum sl_timex_type {
    SL_TIMEX_DATE = 0,
    SL_TIMEX_TIME = 1,
    SL_TIMEX_DURATION = 2,
    SL_TIMEX_SET = 3
} sl_timex_type;

const char *sl_timex_type_name(int type); /* "DATE", "TIME", "DURATION", "SET" */

/* Flags describing how a value was obtained. */
enum {
    SL_TIMEX_RELATIVE = 1u << 0,       /* computed from the reference date */
    SL_TIMEX_ANCHORED = 1u << 1,       /* computed from an earlier date in the text */
    SL_TIMEX_UNDERSPECIFIED = 1u << 2, /* some fields unknown (X in the value) */
    SL_TIMEX_TENSE = 1u << 3,          /* the direction came from the verbs nearby */
    SL_TIMEX_RANGE = 1u << 4           /* a range ("September 15-16"): value is its start */
};

#define SL_TIMEX_NO_DAY INT32_MIN

typedef struct sl_timex {
    size_t start, end;  /* byte offsets into the text, end exclusive */
    int type;           /* sl_timex_type */
    int dir;            /* -1 past, 0 unknown or present, +1 future */
    int tense;          /* the verbs near the expression: -1 past, +1 future, 0 none */
    unsigned flags;     /* SL_TIMEX_* */
    unsigned rule_line; /* line of the rule that matched, for debugging */
    /* The calendar interval the value covers, as days since 1970-01-01
     * (both inclusive); SL_TIMEX_NO_DAY when the value is not a calendar
     * interval (durations, sets, PAST_REF, unresolved relatives). */
    int32_t first_day, last_day;
    /* For relative expressions: the offset and unit they name ("two years
     * ago": -2, 'Y'), so a later stage can resolve them against another
     * date; 0 and 0 otherwise. */
    int32_t offset;
    char unit;
    char value[32]; /* the TIMEX3 value, NUL-terminated */
} sl_timex;

/* Find and normalise the time expressions of text[0..len).  `ref_date` is
 * the document's reference (publication) date "YYYY-MM-DD" (a longer ISO
 * date-time is cut to its date); NULL or "" keeps only what the text says
 * ("Wednesday" -> "XXXX-WXX-3").  *out is allocated with sl_malloc (NULL
 * when *n is 0); the caller frees it with sl_free.  Invalid UTF-8 is read
 * as punctuation; the text need not be NUL-terminated.
 * Returns 0, SL_EINVAL (bad argument or reference date) or SL_ENOMEM. */
int sl_timex_find(sl_ctx *ctx, const sl_timex_rules *r, const char *text, size_t len,
                  const char *ref_date, sl_timex **out, size_t *n);

#endif
