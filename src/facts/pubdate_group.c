/* Publication dates across documents.  Reports of one event are written
 * within days of each other, so a member whose own text pins its date
 * (a dateline, a tensed full date and a weekday) bounds the members whose
 * text does not: each of them gets its own interval cut to the days
 * around the pinned members.  A member's own evidence always wins: when
 * the group's days and its own do not meet, it keeps its own. */
#include "facts/pubdate.h"
#include "facts/timex_internal.h"

#include <string.h>

/* An interval at most this wide (days) pins a member's date. */
enum { PINNED_WIDTH = 31 };

typedef struct span {
    int32_t lo, hi; /* SL_TIMEX_NO_DAY on an unbounded side */
} span;

static int32_t parse_day(const char *s)
{
    int32_t d;
    return s && s[0] && tx_parse_ref(s, &d) ? d : SL_TIMEX_NO_DAY;
}

static span member_span(const sl_published_member *m)
{
    return (span){ parse_day(m->earliest), parse_day(m->latest) };
}

static bool pinned(span s)
{
    return s.lo != SL_TIMEX_NO_DAY && s.hi != SL_TIMEX_NO_DAY && s.hi - s.lo <= PINNED_WIDTH;
}

static void write_day(int32_t day, char out[11])
{
    sl_pubdate_format_day(day, out, 11);
}

/* The days around the pinned members; *first and *last get the members
 * that set its two ends.  False when no member is pinned. */
static bool group_days(const sl_published_member *m, size_t n, int window, span *g, size_t *first,
                       size_t *last)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        span s = member_span(&m[i]);
        if (!pinned(s))
            continue;
        if (!any || s.lo - window < g->lo) {
            g->lo = s.lo - window;
            *first = i;
        }
        if (!any || s.hi + window > g->hi) {
            g->hi = s.hi + window;
            *last = i;
        }
        any = true;
    }
    return any;
}

int sl_published_group(sl_ctx *ctx, const sl_published_member *m, size_t n, int window,
                       sl_published_group_result *out)
{
    if (!ctx)
        return SL_EINVAL;
    if ((!m || !out) && n)
        return sl_error(ctx, SL_EINVAL, "sl_published_group: bad argument");
    if (window < 0 || window > 3660)
        return sl_error(ctx, SL_EINVAL, "sl_published_group: window %d is not 0..3660 days",
                        window);
    span g = { 0, 0 };
    size_t first = 0, last = 0;
    bool any = group_days(m, n, window, &g, &first, &last);
    for (size_t i = 0; i < n; i++) {
        sl_published_group_result *o = &out[i];
        memset(o, 0, sizeof *o);
        span s = member_span(&m[i]);
        write_day(s.lo, o->earliest);
        write_day(s.hi, o->latest);
        if (!any || m[i].given || pinned(s))
            continue;
        span t = { s.lo == SL_TIMEX_NO_DAY || s.lo < g.lo ? g.lo : s.lo,
                   s.hi == SL_TIMEX_NO_DAY || s.hi > g.hi ? g.hi : s.hi };
        if (t.lo > t.hi || (t.lo == s.lo && t.hi == s.hi))
            continue; /* its own evidence disagrees, or the group adds nothing */
        write_day(t.lo, o->earliest);
        write_day(t.hi, o->latest);
        o->narrowed = 1;
        o->first_from = first;
        o->last_from = last;
    }
    return SL_OK;
}
