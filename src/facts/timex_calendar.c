/* Proleptic Gregorian calendar arithmetic on day numbers (days since
 * 1970-01-01) and ISO 8601 weeks. */
#include "facts/timex_internal.h"

/* Count days through 400-year eras that start on March 1st, so the leap
 * day is the last day of a shifted year. */
int32_t tx_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void tx_civil_from_days(int32_t days, int64_t *y, int *m, int *d)
{
    int64_t z = (int64_t)days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int tx_days_in_month(int64_t y, int m)
{
    static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12)
        return 0;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return len[m - 1] + (m == 2 && leap);
}

int tx_weekday(int32_t days)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = ((int64_t)days + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

void tx_iso_week(int32_t days, int64_t *wy, int *wn)
{
    int32_t thursday = days - (tx_weekday(days) - 1) + 3;
    int m, d;
    tx_civil_from_days(thursday, wy, &m, &d);
    int32_t jan1 = tx_days_from_civil(*wy, 1, 1);
    *wn = (int)((thursday - jan1) / 7 + 1);
}

int32_t tx_iso_week_start(int64_t wy, int wn)
{
    int32_t jan4 = tx_days_from_civil(wy, 1, 4);
    int32_t week1 = jan4 - (tx_weekday(jan4) - 1);
    return week1 + (wn - 1) * 7;
}

static bool digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

bool tx_parse_ref(const char *s, int32_t *days)
{
    int y, m, d;
    for (int i = 0; i < 10; i++)
        if (!s[i])
            return false;
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > tx_days_in_month(y, m))
        return false;
    if (s[10] && s[10] != 'T' && s[10] != ' ')
        return false;
    *days = tx_days_from_civil(y, m, d);
    return true;
}
