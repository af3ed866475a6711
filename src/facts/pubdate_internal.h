/* Private to the publication-date inference (pubdate.c, pubdate_solve.c).
 *
 * Every piece of evidence becomes a constraint on the publication day P:
 * an interval [lo, hi], fixed or repeating (every week for a weekday,
 * every year for a date without its year).  The solver looks for the days
 * that satisfy the heaviest set of constraints. */
#ifndef SL_FACTS_PUBDATE_INTERNAL_H
#define SL_FACTS_PUBDATE_INTERNAL_H

#include "facts/pubdate.h"
#include "facts/timex_internal.h"

#include <stdbool.h>

enum {
    PD_FIXED = 0,  /* P in [lo, hi] */
    PD_WEEKLY = 1, /* P in [W + lo, W + hi] for every day W with weekday `weekday` */
    PD_YEARLY = 2  /* P in [D + lo, D + hi] for every year's month/day D */
};

/* Far enough to mean "unbounded" and still safe to add a few years to. */
enum { PD_FAR = 10000000 };

typedef struct pd_constraint {
    int repeat;     /* PD_FIXED, PD_WEEKLY or PD_YEARLY */
    int32_t lo, hi; /* days, or offsets from each occurrence */
    int weekday;    /* PD_WEEKLY: 1 Monday .. 7 Sunday */
    int month, day; /* PD_YEARLY */
    int weight;
    /* A preference inside [lo, hi], worth `bonus` more: days for PD_FIXED
     * ("a year the text names is most often its own year"), offsets for
     * PD_WEEKLY ("on Wednesday": most often written a day after). */
    int32_t blo, bhi;
    int bonus;
} pd_constraint;

/* The result of solving: the hull of the days with the best score. */
typedef struct pd_solution {
    bool found;
    int32_t first, last;
    int score;
    /* The first best day on or after the `from` day given to pd_solve
     * (SL_TIMEX_NO_DAY when none is). */
    int32_t first_from;
} pd_solution;

/* Days [wlo, whi] the repeating constraints are laid out in. */
typedef struct pd_window {
    int32_t lo, hi;
} pd_window;

/* What pd_solve counts: every constraint or only the fixed ones (the
 * repeating ones need a window of a few years), with or without the
 * preferences (bonus). */
enum { PD_ALL = 0, PD_FIXED_ONLY = 1, PD_BONUS = 2 };

/* Solve the constraints c[0..n) inside the window. */
int pd_solve(sl_ctx *ctx, const pd_constraint *c, size_t n, pd_window w, int what, int32_t from,
             pd_solution *out);
/* Does constraint c allow day p? */
bool pd_allows(const pd_constraint *c, int32_t p);
/* The occurrence of c nearest to day p, as an absolute interval. */
void pd_nearest(const pd_constraint *c, int32_t p, int32_t *lo, int32_t *hi);

/* sl_pubdate_infer on a text already tokenized (the doc's candidates are
 * found once for this and the final pass).  `captions` (may be NULL) are
 * the photo captions the clean step moved out of the text: their full
 * dates are caption evidence. */
int pd_infer_doc(tx_doc *doc, tx_doc *captions, const char *given, size_t given_len,
                 sl_pubdate *out);

#endif
