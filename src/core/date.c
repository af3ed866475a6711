/* Dates: ISO 8601 timestamps and the proleptic Gregorian calendar. */
#include "core/core.h"

#include <stdio.h>
#include <string.h>

static int digits(const char *s, size_t len, size_t at, size_t n, int *out)
{
    int v = 0;
    if (at + n > len)
        return 0;
    for (size_t i = at; i < at + n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t sl_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t sl_parse_iso_minutes(const char *s, size_t len)
{
    int y, mo, d, h = 0, mi = 0;
    if (!s || !digits(s, len, 0, 4, &y) || len < 10 || s[4] != '-' || !digits(s, len, 5, 2, &mo) ||
        s[7] != '-' || !digits(s, len, 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return SL_NO_MINUTES;
    size_t at = 10;
    if (at < len && (s[at] == 'T' || s[at] == ' ') && digits(s, len, at + 1, 2, &h) &&
        at + 3 < len && s[at + 3] == ':' && digits(s, len, at + 4, 2, &mi)) {
        at += 6;
        while (at < len && (s[at] == ':' || s[at] == '.' || (s[at] >= '0' && s[at] <= '9')))
            at++;
        int oh, om;
        if (at < len && (s[at] == '+' || s[at] == '-') && digits(s, len, at + 1, 2, &oh) &&
            at + 3 < len && s[at + 3] == ':' && digits(s, len, at + 4, 2, &om)) {
            int off = oh * 60 + om;
            mi -= s[at] == '+' ? off : -off; /* to UTC */
        }
    }
    return sl_days_from_civil(y, mo, d) * 1440 + h * 60 + mi;
}

void sl_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void sl_day_format(int64_t day, char out[static 11])
{
    int y, m, d;
    sl_civil_from_days(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        memcpy(out, "0000-00-00", 11);
        return;
    }
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}
