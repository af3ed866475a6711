/* Normalising a match to a TIMEX3 value: the rule's action reads the
 * captured slots and computes the value against the reference date (or the
 * last date of the text, for anchored actions), with the direction taken
 * from the expression ("last", "ago") or else from the verbs nearby. */
#include "facts/timex_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct res {
    const tx_resolve_ctx *rc;
    const tx_slots *s;
    sl_timex *t;
} res;

static bool has(const res *r, tx_slot k)
{
    return r->s->v[k].set;
}

static int64_t num(const res *r, tx_slot k, int64_t dflt)
{
    return r->s->v[k].set ? r->s->v[k].num : dflt;
}

static const char *str(const res *r, tx_slot k)
{
    const tx_slotval *v = &r->s->v[k];
    return v->set && v->str ? v->str : "";
}

/* A vague count ("several", "few"): the list gives X. */
static bool vague(const res *r, tx_slot k)
{
    return strcmp(str(r, k), "X") == 0;
}

static bool put(sl_timex *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool put(sl_timex *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->value, sizeof t->value, fmt, ap);
    va_end(ap);
    return n > 0 && (size_t)n < sizeof t->value;
}

static void interval(sl_timex *t, int32_t first, int32_t last)
{
    t->first_day = first;
    t->last_day = last;
}

static void no_interval(sl_timex *t)
{
    interval(t, SL_TIMEX_NO_DAY, SL_TIMEX_NO_DAY);
}

static bool year_ok(int64_t y)
{
    return y >= 0 && y <= 9999;
}

/* ---- values at each granularity -------------------------------------- */

static bool put_day(sl_timex *t, int32_t day)
{
    int64_t y;
    int m, d;
    tx_civil_from_days(day, &y, &m, &d);
    interval(t, day, day);
    return year_ok(y) && put(t, "%04lld-%02d-%02d", (long long)y, m, d);
}

static bool put_month(sl_timex *t, int64_t y, int m)
{
    interval(t, tx_days_from_civil(y, m, 1), tx_days_from_civil(y, m, tx_days_in_month(y, m)));
    return year_ok(y) && put(t, "%04lld-%02d", (long long)y, m);
}

static bool put_year(sl_timex *t, int64_t y)
{
    interval(t, tx_days_from_civil(y, 1, 1), tx_days_from_civil(y, 12, 31));
    return year_ok(y) && put(t, "%04lld", (long long)y);
}

static bool put_quarter(sl_timex *t, int64_t y, int q)
{
    int m = (q - 1) * 3 + 1;
    interval(t, tx_days_from_civil(y, m, 1), tx_days_from_civil(y, m + 2, tx_days_in_month(y, m + 2)));
    return year_ok(y) && q >= 1 && q <= 4 && put(t, "%04lld-Q%d", (long long)y, q);
}

static bool put_week(sl_timex *t, int32_t day, bool weekend)
{
    int64_t wy;
    int wn;
    tx_iso_week(day, &wy, &wn);
    int32_t monday = tx_iso_week_start(wy, wn);
    if (weekend)
        interval(t, monday + 5, monday + 6);
    else
        interval(t, monday, monday + 6);
    return year_ok(wy) && put(t, weekend ? "%04lld-W%02d-WE" : "%04lld-W%02d", (long long)wy, wn);
}

static bool put_decade(sl_timex *t, int64_t decade)
{
    interval(t, tx_days_from_civil(decade * 10, 1, 1), tx_days_from_civil(decade * 10 + 9, 12, 31));
    return decade >= 0 && decade <= 999 && put(t, "%03lld", (long long)decade);
}

static bool put_century(sl_timex *t, int64_t c)
{
    interval(t, tx_days_from_civil(c * 100, 1, 1), tx_days_from_civil(c * 100 + 99, 12, 31));
    return c >= 0 && c <= 99 && put(t, "%02lld", (long long)c);
}

/* Meteorological seasons of the northern hemisphere: spring is March to
 * May, winter December (of the year before) to February. */
static void season_interval(sl_timex *t, int64_t y, const char *season)
{
    static const char *const names[] = { "WI", "SP", "SU", "FA" };
    for (int i = 0; i < 4; i++) {
        if (strcmp(season, names[i]) != 0)
            continue;
        int64_t y0 = i == 0 ? y - 1 : y;
        int m0 = i == 0 ? 12 : i * 3, m1 = i * 3 + 2;
        interval(t, tx_days_from_civil(y0, m0, 1),
                 tx_days_from_civil(y, m1, tx_days_in_month(y, m1)));
    }
}

/* Append "T" + part of day (MO, AF, EV, NI) to a day value. */
static bool add_part(const res *r)
{
    if (!has(r, TX_PART))
        return true;
    size_t n = strlen(r->t->value);
    int w = snprintf(r->t->value + n, sizeof r->t->value - n, "T%s", str(r, TX_PART));
    return w > 0 && (size_t)w < sizeof r->t->value - n;
}

/* ---- the direction --------------------------------------------------- */

/* Explicit direction of the expression ("last", "next", "ago"), else the
 * tense of the sentence. */
static int direction(const res *r)
{
    if (has(r, TX_DIR))
        return (int)num(r, TX_DIR, 0);
    if (r->rc->tense)
        r->t->flags |= SL_TIMEX_TENSE;
    return r->rc->tense;
}

static int64_t year_of(int32_t day)
{
    int64_t y;
    int m, d;
    tx_civil_from_days(day, &y, &m, &d);
    return y;
}

/* Two-digit years: the century that puts the year at most 20 years after
 * the reference (or 1950-2049 without one). */
static int64_t full_year(const res *r)
{
    if (has(r, TX_Y))
        return num(r, TX_Y, 0);
    int64_t y2 = num(r, TX_Y2, 0);
    if (has(r, TX_YH)) /* "nineteen ninety-six" */
        return num(r, TX_YH, 0) * 100 + y2;
    int64_t base = r->rc->has_ref ? year_of(r->rc->ref) : 2000;
    int64_t y = (base / 100) * 100 + y2;
    if (y > base + 20)
        y -= 100;
    else if (y < base - 79)
        y += 100;
    return y;
}

/* The year of a month/day/quarter named without one.  With "last" or
 * "next" the nearest one on that side of the reference; otherwise the one
 * within `ahead` after or `back` before the reference, the verbs nearby
 * deciding when it is far.  `pos` and `ref_pos` are positions inside a
 * year, `ahead` and `back` in the same units. */
static int64_t guess_year(const res *r, int64_t pos, int64_t ref_pos, int64_t ahead, int64_t back)
{
    int64_t y = year_of(r->rc->ref);
    r->t->flags |= SL_TIMEX_RELATIVE;
    if (has(r, TX_DIR)) { /* last, next, this */
        int dir = (int)num(r, TX_DIR, 0);
        r->t->dir = dir;
        if (dir < 0 && pos >= ref_pos)
            return y - 1;
        if (dir > 0 && pos <= ref_pos)
            return y + 1;
        return y;
    }
    /* The verbs nearby pick the side: "sales fell in March" said in
     * November is the March before. */
    int tense = r->rc->tense;
    if (tense < 0 && pos - ref_pos > (ahead + back) / 3) {
        r->t->dir = -1;
        r->t->flags |= SL_TIMEX_TENSE;
        return y - 1;
    }
    if (tense > 0 && ref_pos - pos > (ahead + back) / 3) {
        r->t->dir = 1;
        r->t->flags |= SL_TIMEX_TENSE;
        return y + 1;
    }
    if (pos - ref_pos > ahead)
        return y - 1;
    if (ref_pos - pos > back)
        return y + 1;
    r->t->dir = pos < ref_pos ? -1 : pos > ref_pos;
    return y;
}

/* ---- actions --------------------------------------------------------- */

/* Day of the month of the n-th weekday w (1 Monday) of a month, 0 when
 * there is none. */
static int nth_weekday(int64_t y, int m, int w, int n)
{
    if (w < 1 || w > 7 || n < 1 || n > 5)
        return 0;
    int d = 1 + (w - tx_weekday(tx_days_from_civil(y, m, 1)) + 7) % 7 + 7 * (n - 1);
    return d <= tx_days_in_month(y, m) ? d : 0;
}

static bool resolve_date_fields(const res *r, int64_t y, bool known_year)
{
    sl_timex *t = r->t;
    if (has(r, TX_M)) {
        int m = (int)num(r, TX_M, 0);
        if (m < 1 || m > 12)
            return false;
        int d = has(r, TX_D) ? (int)num(r, TX_D, 0) : 0;
        if (!d && has(r, TX_W) && known_year) /* a holiday: the 4th Thursday of November */
            d = nth_weekday(y, m, (int)num(r, TX_W, 0), (int)num(r, TX_N, 1));
        if (!d && has(r, TX_W))
            return false;
        if (!d)
            return known_year ? put_month(t, y, m) : put(t, "XXXX-%02d", m);
        if (d < 1 || d > (known_year ? tx_days_in_month(y, m) : tx_days_in_month(2000, m)))
            return false;
        if (!known_year)
            return put(t, "XXXX-%02d-%02d", m, d) && add_part(r);
        if (!put_day(t, tx_days_from_civil(y, m, d)) || !add_part(r))
            return false;
        if (has(r, TX_D2)) { /* a range: September 15-16 */
            int m2 = (int)num(r, TX_M2, m), d2 = (int)num(r, TX_D2, 0);
            if (m2 < 1 || m2 > 12 || d2 < 1 || d2 > tx_days_in_month(y, m2))
                return false;
            int32_t last = tx_days_from_civil(y, m2, d2);
            if (last < t->first_day)
                return false;
            t->last_day = last;
            t->flags |= SL_TIMEX_RANGE;
        }
        return true;
    }
    if (has(r, TX_Q))
        return known_year ? put_quarter(t, y, (int)num(r, TX_Q, 0))
                          : put(t, "XXXX-Q%d", (int)num(r, TX_Q, 0));
    if (has(r, TX_HALF))
        return known_year ? put(t, "%04lld-H%d", (long long)y, (int)num(r, TX_HALF, 0))
                          : put(t, "XXXX-H%d", (int)num(r, TX_HALF, 0));
    if (has(r, TX_SEASON)) {
        no_interval(t);
        if (known_year)
            season_interval(t, y, str(r, TX_SEASON));
        return known_year ? year_ok(y) && put(t, "%04lld-%s", (long long)y, str(r, TX_SEASON))
                          : put(t, "XXXX-%s", str(r, TX_SEASON));
    }
    return known_year ? put_year(t, y) : put(t, "XXXX");
}

/* Position inside the year of a day at granularity gran (D day, M month,
 * Q quarter, S season), comparable with the positions act_date computes. */
static int64_t ref_position(int32_t day, int gran)
{
    int64_t y;
    int m, d;
    tx_civil_from_days(day, &y, &m, &d);
    if (gran == 'D')
        return m * 32 + d;
    if (gran == 'M')
        return m * 32;
    if (gran == 'Q')
        return (m - 1) / 3;
    return (m % 12) / 3; /* seasons: Dec-Feb 0, Mar-May 1, Jun-Aug 2, Sep-Nov 3 */
}

static bool act_date(const res *r)
{
    sl_timex *t = r->t;
    if (has(r, TX_CENT)) {
        int64_t c = num(r, TX_CENT, 0);
        return c >= 1 && put_century(t, c - 1);
    }
    if (has(r, TX_DEC)) {
        int64_t d = num(r, TX_DEC, 0);
        if (d < 100) /* the '90s, the nineties */
            d = (r->rc->has_ref ? year_of(r->rc->ref) / 100 : 19) * 100 + d - (d % 10);
        if (d % 10)
            return false;
        return put_decade(t, d / 10);
    }
    if (has(r, TX_Y) || has(r, TX_Y2))
        return resolve_date_fields(r, full_year(r), true);
    if (!r->rc->has_ref || !(has(r, TX_M) || has(r, TX_Q) || has(r, TX_SEASON))) {
        t->flags |= SL_TIMEX_UNDERSPECIFIED;
        return resolve_date_fields(r, 0, false);
    }
    bool day = has(r, TX_D) || has(r, TX_W);
    int gran = has(r, TX_M) ? (day ? 'D' : 'M') : has(r, TX_Q) ? 'Q' : 'S';
    int64_t pos;
    if (gran == 'D' || gran == 'M') /* an n-th weekday is about day 7n - 3 */
        pos = num(r, TX_M, 0) * 32 +
              (gran == 'M' ? 0 : has(r, TX_D) ? num(r, TX_D, 0) : 7 * num(r, TX_N, 1) - 3);
    else if (gran == 'Q')
        pos = num(r, TX_Q, 1) - 1;
    else {
        const char *se = str(r, TX_SEASON);
        pos = strcmp(se, "WI") == 0 ? 0 : strcmp(se, "SP") == 0 ? 1 : strcmp(se, "SU") == 0 ? 2 : 3;
    }
    /* News look back more often than ahead: a month is at most half a
     * year ahead and two thirds of a year back; a quarter (or season) is a
     * reported one unless it is the next. */
    bool months = gran == 'D' || gran == 'M';
    int64_t ahead = months ? 6 * 32 : 1, back = months ? 8 * 32 : 3;
    int64_t y = guess_year(r, pos, ref_position(r->rc->ref, gran), ahead, back);
    return resolve_date_fields(r, y, true);
}

static char unit_of(const res *r)
{
    const char *u = str(r, TX_U);
    if (strcmp(u, "MIN") == 0)
        return 'm';
    if (strcmp(u, "DE") == 0)
        return 'E';
    if (strcmp(u, "CE") == 0)
        return 'C';
    if (strcmp(u, "WE") == 0)
        return 'K';
    return u[0];
}

static bool shift(sl_timex *t, int32_t base, char unit, int64_t n)
{
    int64_t y;
    int m, d;
    tx_civil_from_days(base, &y, &m, &d);
    if (n > 100000 || n < -100000)
        return false;
    switch (unit) {
    case 'D':
        return put_day(t, base + (int32_t)n);
    case 'W':
    case 'K':
        return put_week(t, base + (int32_t)(n * 7), unit == 'K');
    case 'M': {
        int64_t months = y * 12 + (m - 1) + n;
        return put_month(t, months / 12, (int)(months % 12) + 1);
    }
    case 'Q': {
        int64_t q = y * 4 + (m - 1) / 3 + n;
        return put_quarter(t, q / 4, (int)(q % 4) + 1);
    }
    case 'Y':
        return put_year(t, y + n);
    case 'E':
        return put_decade(t, y / 10 + n);
    case 'C':
        return put_century(t, y / 100 + n);
    default:
        return false;
    }
}

static bool put_unknown(sl_timex *t, char unit, int dir)
{
    no_interval(t);
    t->flags |= SL_TIMEX_UNDERSPECIFIED;
    switch (unit) {
    case 'D':
        return put(t, "XXXX-XX-XX");
    case 'W':
        return put(t, "XXXX-WXX");
    case 'K':
        return put(t, "XXXX-WXX-WE");
    case 'M':
        return put(t, "XXXX-XX");
    case 'Q':
        return put(t, "XXXX-QX");
    case 'Y':
        return put(t, "XXXX");
    default:
        return put(t, dir < 0 ? "PAST_REF" : dir > 0 ? "FUTURE_REF" : "PRESENT_REF");
    }
}

/* A quarter given as year * 4 + quarter - 1. */
static bool put_quarter_index(sl_timex *t, int64_t qi)
{
    if (qi < 0)
        return false;
    t->flags |= SL_TIMEX_ANCHORED;
    return put_quarter(t, qi / 4, (int)(qi % 4) + 1);
}

/* The quarter a financial text reports on: the last quarter it named, else
 * the last one that ended before the reference date.  A year moves it to
 * that year ("the 1988 quarter"), n and dir by years ("the year-ago
 * quarter"). */
static bool act_period(const res *r)
{
    sl_timex *t = r->t;
    int64_t qi;
    if (r->rc->has_quarter) {
        qi = r->rc->quarter;
    } else if (r->rc->has_ref) {
        int64_t y;
        int m, d;
        tx_civil_from_days(r->rc->ref, &y, &m, &d);
        qi = y * 4 + (m - 1) / 3 - 1;
    } else {
        no_interval(t);
        t->flags |= SL_TIMEX_UNDERSPECIFIED;
        return has(r, TX_Y) ? put(t, "%04lld-QX", (long long)num(r, TX_Y, 0)) : put(t, "XXXX-QX");
    }
    if (has(r, TX_Y))
        qi = num(r, TX_Y, 0) * 4 + qi % 4;
    if (has(r, TX_Q)) {
        int64_t q = num(r, TX_Q, 0);
        if (q < 1 || q > 4)
            return false;
        qi = qi / 4 * 4 + q - 1;
    }
    int64_t n = num(r, TX_N, 0) * num(r, TX_DIR, 0);
    if (n > 1000 || n < -1000)
        return false;
    t->dir = n < 0 ? -1 : n > 0;
    return put_quarter_index(t, qi + 4 * n);
}

/* n units before or after a base day: rel (the reference) or anchor (the
 * last day of the text). */
static bool act_relative(const res *r, bool anchored)
{
    sl_timex *t = r->t;
    char unit = unit_of(r);
    int dir = has(r, TX_DIR) ? (int)num(r, TX_DIR, 0) : direction(r);
    t->dir = dir;
    if (vague(r, TX_N)) {
        no_interval(t);
        return put(t, dir < 0 ? "PAST_REF" : dir > 0 ? "FUTURE_REF" : "PRESENT_REF");
    }
    int64_t n = num(r, TX_N, 1) * (dir < 0 ? -1 : dir > 0 ? 1 : 0);
    t->offset = (int32_t)n;
    t->unit = unit;
    /* "that year", "the following month": the last month or year named
     * counts too, not only full dates. */
    bool by_period = anchored && r->rc->has_period && (unit == 'Y' || unit == 'Q' || unit == 'M');
    bool base_known =
        anchored ? (by_period || r->rc->has_anchor || r->rc->has_ref) : r->rc->has_ref;
    if (!base_known || unit == 'H' || unit == 'm' || unit == 'S')
        return put_unknown(t, unit, dir); /* hours ago: no clock time to count from */
    if (unit == 'Y' && (n == 1 || n == -1) && r->rc->has_quarter && has(r, TX_GRAN))
        return put_quarter_index(t, r->rc->quarter + 4 * n); /* "a year earlier": Q3 1988 */
    bool from_text = by_period || (anchored && r->rc->has_anchor);
    int32_t base = by_period ? r->rc->period : from_text ? r->rc->anchor : r->rc->ref;
    t->flags |= from_text ? SL_TIMEX_ANCHORED : SL_TIMEX_RELATIVE;
    return shift(t, base, unit, n) && (unit != 'D' || add_part(r));
}

/* The day a weekday names, relative to the reference date. */
static bool weekday_day(const res *r, int32_t *day)
{
    int w = (int)num(r, TX_W, 0);
    if (w < 1 || w > 7)
        return false;
    int dir = direction(r);
    r->t->dir = dir;
    if (!r->rc->has_ref)
        return false;
    int delta = w - tx_weekday(r->rc->ref);
    bool explicit_dir = has(r, TX_DIR);
    if (dir < 0 && (delta > 0 || (explicit_dir && delta == 0)))
        delta -= 7;
    else if (dir > 0 && (delta < 0 || (explicit_dir && delta == 0)))
        delta += 7;
    else if (dir == 0 && delta > 0)
        delta -= 7; /* news report what happened: the past one by default */
    *day = r->rc->ref + delta;
    r->t->flags |= SL_TIMEX_RELATIVE;
    return true;
}

static bool act_weekday(const res *r)
{
    int32_t day;
    int w = (int)num(r, TX_W, 0);
    if (w < 1 || w > 7)
        return false;
    if (!weekday_day(r, &day)) {
        r->t->flags |= SL_TIMEX_UNDERSPECIFIED;
        no_interval(r->t);
        return put(r->t, "XXXX-WXX-%d", w) && add_part(r);
    }
    return put_day(r->t, day) && add_part(r);
}

/* The day a time of day is on: a weekday, a date, a relative day or the
 * reference date.  Writes the day value (or X's) into t->value. */
static bool time_day(const res *r)
{
    sl_timex *t = r->t;
    int32_t day;
    if (has(r, TX_W))
        return weekday_day(r, &day) ? put_day(t, day) : put(t, "XXXX-WXX-%d", (int)num(r, TX_W, 0));
    if (has(r, TX_M) && has(r, TX_D)) {
        tx_slots copy = *r->s;
        copy.v[TX_PART].set = false;
        res inner = { r->rc, &copy, t };
        return act_date(&inner);
    }
    if (!has(r, TX_U) && r->rc->anchor_in_sentence) { /* "On May 3 ... at 5 p.m." */
        t->flags |= SL_TIMEX_ANCHORED;
        return put_day(t, r->rc->anchor);
    }
    if (!r->rc->has_ref)
        return put(t, "XXXX-XX-XX");
    int64_t n = has(r, TX_U) ? num(r, TX_N, 1) * num(r, TX_DIR, 0) : 0;
    t->flags |= SL_TIMEX_RELATIVE;
    return put_day(t, r->rc->ref + (int32_t)n);
}

static bool act_time(const res *r)
{
    sl_timex *t = r->t;
    if (!time_day(r))
        return false;
    size_t n = strlen(t->value);
    int w;
    if (has(r, TX_H)) {
        int64_t h = num(r, TX_H, 0), mi = num(r, TX_MI, 0);
        const char *ap = str(r, TX_AP);
        if (mi < 0 || mi > 59 || h < 0 || h > 24 || (*ap && (h < 1 || h > 12)))
            return false;
        if (ap[0] == 'p' && h < 12)
            h += 12;
        else if (ap[0] == 'a' && h == 12)
            h = 0;
        w = snprintf(t->value + n, sizeof t->value - n, "T%02d:%02d", (int)h, (int)mi);
    } else if (has(r, TX_PART)) {
        w = snprintf(t->value + n, sizeof t->value - n, "T%s", str(r, TX_PART));
    } else {
        return true;
    }
    return w > 0 && (size_t)w < sizeof t->value - n;
}

static bool act_duration(const res *r)
{
    sl_timex *t = r->t;
    no_interval(t);
    char unit = unit_of(r);
    const char *u = str(r, TX_U);
    if (!*u)
        return false;
    bool clock = unit == 'H' || unit == 'm' || unit == 'S';
    const char *letters = unit == 'm' ? "M" : unit == 'K' ? "WE" : u;
    if (vague(r, TX_N)) /* "decades" PXY (as "a decade" is P10Y), "centuries" PXC */
        return put(t, "P%sX%s", clock ? "T" : "", unit == 'E' ? "Y" : unit == 'C' ? "C" : letters);
    int64_t n = num(r, TX_N, 1);
    if (n < 0 || n > 100000000)
        return false;
    if (unit == 'E') /* decades in years, as TimeBank writes them */
        return put(t, "P%lldY", (long long)n * 10);
    if (unit == 'C')
        return put(t, "P%lldY", (long long)n * 100);
    return put(t, "P%s%lld%s", clock ? "T" : "", (long long)n, letters);
}

static bool act_set(const res *r)
{
    sl_timex *t = r->t;
    no_interval(t);
    if (has(r, TX_VAL))
        return put(t, "%s", str(r, TX_VAL));
    if (has(r, TX_W))
        return put(t, "XXXX-WXX-%d", (int)num(r, TX_W, 0)) && add_part(r);
    if (has(r, TX_M))
        return put(t, "XXXX-%02d", (int)num(r, TX_M, 0));
    return act_duration(r);
}

bool tx_resolve(const sl_timex_rules *rules, const tx_resolve_ctx *rc, const tx_rule *rule,
                const tx_slots *slots, sl_timex *t)
{
    /* Constants of the rule fill the slots the pattern left empty. */
    tx_slots s = *slots;
    for (uint32_t i = 0; i < rule->nconst; i++) {
        const tx_const *c = &rules->consts[rule->first_const + i];
        if (!s.v[c->slot].set)
            s.v[c->slot] = (tx_slotval){ rules->pool + c->value, c->num, true };
    }
    res r = { rc, &s, t };
    no_interval(t);
    switch (rule->action) {
    case TX_ACT_DATE:
        return act_date(&r);
    case TX_ACT_REL:
        return act_relative(&r, false);
    case TX_ACT_ANCHOR:
        return act_relative(&r, true);
    case TX_ACT_WEEKDAY:
        return act_weekday(&r);
    case TX_ACT_TIME:
        return act_time(&r);
    case TX_ACT_DURATION:
        return act_duration(&r);
    case TX_ACT_SET:
        return act_set(&r);
    case TX_ACT_PERIOD:
        return act_period(&r);
    default:
        return has(&r, TX_VAL) && put(t, "%s", str(&r, TX_VAL));
    }
}
