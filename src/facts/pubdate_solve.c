/* Solving the publication-date constraints: each constraint is laid out as
 * absolute intervals inside a window, and a sweep over their ends finds
 * the days where the total weight of the satisfied constraints is highest.
 * The answer is the hull of those days: when the evidence conflicts, the
 * lighter side loses; when it is silent, the interval stays wide. */
#include "facts/pubdate_internal.h"
#include "facts/timex_internal.h"

#include <stdlib.h>

typedef struct pd_event {
    int32_t day;
    int delta;
} pd_event;

typedef struct pd_events {
    sl_ctx *ctx;
    pd_event *v;
    size_t n, cap;
} pd_events;

static int add_interval(pd_events *e, int32_t a, int32_t b, pd_window w, int weight)
{
    if (a < w.lo)
        a = w.lo;
    if (b > w.hi)
        b = w.hi;
    if (a > b)
        return SL_OK;
    if (sl_grow(e->ctx, (void **)&e->v, &e->cap, e->n + 2, sizeof *e->v))
        return SL_ENOMEM;
    e->v[e->n++] = (pd_event){ a, weight };
    e->v[e->n++] = (pd_event){ b + 1, -weight };
    return SL_OK;
}

static int32_t occurrence(int64_t y, int m, int d, bool *ok)
{
    *ok = d <= tx_days_in_month(y, m);
    return *ok ? tx_days_from_civil(y, m, d) : 0;
}

static int64_t year_of(int32_t day)
{
    int64_t y;
    int m, d;
    tx_civil_from_days(day, &y, &m, &d);
    return y;
}

static int lay_out(pd_events *e, const pd_constraint *c, pd_window w, bool bonus)
{
    if (c->repeat == PD_FIXED) {
        int rc = add_interval(e, c->lo, c->hi, w, c->weight);
        return rc || !bonus || !c->bonus ? rc : add_interval(e, c->blo, c->bhi, w, c->bonus);
    }
    if (c->repeat == PD_WEEKLY) {
        int32_t first = w.lo - c->hi;
        first += (c->weekday - tx_weekday(first) + 7) % 7;
        int32_t hi = c->hi - c->lo > 6 ? c->lo + 6 : c->hi;
        for (int32_t day = first; day + c->lo <= w.hi; day += 7) {
            int rc = add_interval(e, day + c->lo, day + hi, w, c->weight);
            if (!rc && bonus && c->bonus)
                rc = add_interval(e, day + c->blo, day + c->bhi, w, c->bonus);
            if (rc)
                return rc;
        }
        return SL_OK;
    }
    /* Occurrences must not overlap, or a day would count twice. */
    int32_t hi = c->hi - c->lo > 364 ? c->lo + 364 : c->hi;
    for (int64_t y = year_of(w.lo) - 2; y <= year_of(w.hi) + 2; y++) {
        bool ok;
        int32_t day = occurrence(y, c->month, c->day, &ok);
        int rc = ok ? add_interval(e, day + c->lo, day + hi, w, c->weight) : SL_OK;
        if (rc)
            return rc;
    }
    return SL_OK;
}

static int by_day(const void *a, const void *b)
{
    const pd_event *x = a, *y = b;
    return x->day < y->day ? -1 : x->day > y->day;
}

/* Sweep the sorted events: the score is constant between two event days. */
static void sweep(const pd_events *e, int32_t from, pd_solution *out)
{
    int score = 0;
    for (size_t i = 0; i < e->n;) {
        int32_t day = e->v[i].day;
        while (i < e->n && e->v[i].day == day)
            score += e->v[i++].delta;
        if (i == e->n)
            break;
        int32_t end = e->v[i].day - 1; /* the segment [day, end] has this score */
        if (score <= 0)
            continue;
        if (!out->found || score > out->score) {
            *out = (pd_solution){ true, day, end, score, SL_TIMEX_NO_DAY };
        } else if (score == out->score) {
            out->last = end;
        } else {
            continue;
        }
        if (out->first_from == SL_TIMEX_NO_DAY && end >= from)
            out->first_from = day > from ? day : from;
    }
}

int pd_solve(sl_ctx *ctx, const pd_constraint *c, size_t n, pd_window w, int what, int32_t from,
             pd_solution *out)
{
    *out = (pd_solution){ false, 0, 0, 0, SL_TIMEX_NO_DAY };
    pd_events e = { ctx, NULL, 0, 0 };
    for (size_t i = 0; i < n; i++) {
        if ((what & PD_FIXED_ONLY) && c[i].repeat != PD_FIXED)
            continue;
        int rc = lay_out(&e, &c[i], w, (what & PD_BONUS) != 0);
        if (rc) {
            sl_free(ctx, e.v);
            return rc;
        }
    }
    if (e.n)
        qsort(e.v, e.n, sizeof *e.v, by_day);
    sweep(&e, from, out);
    sl_free(ctx, e.v);
    return SL_OK;
}

bool pd_allows(const pd_constraint *c, int32_t p)
{
    int32_t lo, hi;
    pd_nearest(c, p, &lo, &hi);
    return lo <= p && p <= hi;
}

void pd_nearest(const pd_constraint *c, int32_t p, int32_t *lo, int32_t *hi)
{
    *lo = c->lo;
    *hi = c->hi;
    if (c->repeat == PD_FIXED)
        return;
    int32_t best_lo = 0, best_hi = 0;
    int64_t best_gap = -1;
    if (c->repeat == PD_WEEKLY) {
        /* The occurrences W with W + lo <= p + 7 and W + hi >= p - 7. */
        int32_t day = p - c->hi - 7;
        day += (c->weekday - tx_weekday(day) + 7) % 7;
        for (; day + c->lo <= p + 7; day += 7) {
            int32_t a = day + c->lo, b = day + c->hi;
            int64_t gap = p < a ? a - p : p > b ? p - b : 0;
            if (best_gap < 0 || gap < best_gap)
                best_gap = gap, best_lo = a, best_hi = b;
        }
    } else {
        for (int64_t y = year_of(p) - 2; y <= year_of(p) + 2; y++) {
            bool ok;
            int32_t day = occurrence(y, c->month, c->day, &ok);
            if (!ok)
                continue;
            int32_t a = day + c->lo, b = day + c->hi;
            int64_t gap = p < a ? a - p : p > b ? p - b : 0;
            if (best_gap < 0 || gap < best_gap)
                best_gap = gap, best_lo = a, best_hi = b;
        }
    }
    if (best_gap >= 0) {
        *lo = best_lo;
        *hi = best_hi;
    }
}
