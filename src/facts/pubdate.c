/* Publication-date inference: the time expressions of a text, found without
 * a reference date, each become a constraint on the publication day (see
 * pubdate_internal.h); pubdate_solve.c finds the days that satisfy the
 * heaviest set.  The weights and widths below are about how news are
 * written, not about a language: the words are in the timex rule files. */
#include "facts/pubdate_internal.h"
#include "facts/timex_internal.h"

#include <string.h>

/* Weights: how much each kind of evidence is trusted in a conflict. */
enum {
    W_DATELINE = 12,
    W_TENSED_DATE = 4,
    W_WEEKDAY_TENSED = 3,
    W_YEARLESS_TENSED = 3,
    W_DURATION = 3,
    W_WEEKDAY = 2,
    W_YEAR_TENSED = 2,
    W_YEARLESS = 1,
    W_HARD = 3 /* evidence this heavy contradicts a given date it excludes */
};

/* The repeating evidence is laid out over a few years: RECENT days on
 * each side of what the fixed evidence allows. */
enum { RECENT = 730, YEAR = 366, HALF_YEAR = 182, MONTH = 31, WEEK = 7 };
/* A date without its year told in a tense is at most this far away. */
enum { YEARLESS_REACH = 330 };
/* How far from the start a dateline may be, and the longest text between
 * an "ago" and the date it counts from. */
enum { DATELINE_REACH = 400, ANCHOR_REACH = 240, LONGEST_SPAN = 3660 };
/* A caption is a short paragraph: a longer one is body text that happens
 * to name a photographer. */
enum { CAPTION_TOKENS = 80 };

typedef struct collector {
    sl_ctx *ctx;
    const sl_timex_rules *rules;
    const char *text;
    size_t len;
    const tx_token *tok; /* the text's tokens, for the tense of a sentence */
    size_t ntok;
    int year_det, year_next; /* the rule lists YEARDET and YEARNEXT, or -1 */
    int year_event;          /* the rule list YEAREVENT, or -1 */
    int photo_credit;        /* the rule list PHOTOCREDIT, or -1 */
    sl_pubdate_evidence *ev;
    size_t n, cap;
    pd_constraint *c; /* c[i] is the constraint of ev[i] */
    size_t ccap;
    int32_t *event;   /* the day the text names, SL_TIMEX_NO_DAY if none */
    size_t ecap;
} collector;

const char *sl_pubdate_evidence_name(int kind)
{
    static const char *const names[SL_PUBDATE_KIND_COUNT] = {
        "given", "dateline", "explicit-date", "tense-past", "tense-future",
        "weekday", "year-mention", "duration-from-anchor", "ordinal", "caption"
    };
    return kind >= 0 && kind < SL_PUBDATE_KIND_COUNT ? names[kind] : "unknown";
}

void sl_pubdate_format_day(int32_t day, char *buf, size_t cap)
{
    if (!cap)
        return;
    buf[0] = 0;
    if (day == SL_TIMEX_NO_DAY || cap < 11)
        return;
    int64_t y;
    int m, d;
    tx_civil_from_days(day, &y, &m, &d);
    if (y < 0 || y > 9999)
        return;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = 0;
}

/* ---- collecting evidence ----------------------------------------------- */

/* Copy text[start, end) into out (cap bytes), cut at a character boundary. */
static void copy_span(const char *text, size_t start, size_t end, char *out, size_t cap)
{
    size_t n = end - start;
    if (n > cap - 1) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)text[start + n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, text + start, n);
    out[n] = 0;
}

static int add(collector *k, int kind, const sl_timex *t, pd_constraint c, int32_t event)
{
    if (sl_grow(k->ctx, (void **)&k->ev, &k->cap, k->n + 1, sizeof *k->ev) ||
        sl_grow(k->ctx, (void **)&k->c, &k->ccap, k->n + 1, sizeof *k->c) ||
        sl_grow(k->ctx, (void **)&k->event, &k->ecap, k->n + 1, sizeof *k->event))
        return SL_ENOMEM;
    sl_pubdate_evidence *e = &k->ev[k->n];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->start = t->start;
    e->end = t->end;
    e->first_day = e->last_day = SL_TIMEX_NO_DAY;
    e->weight = c.weight;
    copy_span(k->text, t->start, t->end, e->text, sizeof e->text);
    k->c[k->n] = c;
    k->event[k->n] = event;
    k->n++;
    return SL_OK;
}

static pd_constraint fixed(int32_t lo, int32_t hi, int weight)
{
    return (pd_constraint){ .repeat = PD_FIXED, .lo = lo, .hi = hi, .weight = weight };
}

/* A sentence ends between a and b ('.', '!' or '?', a space, a capital). */
static bool sentence_between(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i + 2 < b; i++)
        if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && (s[i + 1] == ' ' || s[i + 1] == '\n') &&
            ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || s[i + 2] == '\n'))
            return true;
    return false;
}

/* At most one lower-case word of three letters or more in s[from, to):
 * names, times, zones and a label ("Updated: July 7, 2012, 10:04 PM ET",
 * "16 September 2013 Last updated at 12:42 GMT", "Published time: March
 * 12, 2013 02:03"), not a sentence. */
static bool not_a_sentence(const char *s, size_t from, size_t to)
{
    size_t run = 0, words = 0;
    for (size_t i = from; i < to; i++) {
        bool lower = s[i] >= 'a' && s[i] <= 'z';
        bool word_start = i == from || !((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
                                          (s[i - 1] >= 'A' && s[i - 1] <= 'Z'));
        run = lower && (run || word_start) ? run + 1 : 0;
        if (run == 3)
            words++;
    }
    return words <= 1;
}

/* A date near the top of the text that says when it was written: "MOSCOW,
 * March 17 (Reuters) -" (a bracket or dash right after it), or a short
 * line with a full date that is not a sentence ("Updated 10:01 AM EDT, Fri
 * March 17, 2023", "PUBLISHED: MAY 2, 2013, 1:32 PM"). */
static bool is_dateline(const collector *k, const sl_timex *t, bool has_year)
{
    const char *s = k->text;
    if (t->start > DATELINE_REACH)
        return false;
    size_t ls = t->start, le = t->end;
    while (ls > 0 && s[ls - 1] != '\n')
        ls--;
    while (le < k->len && s[le] != '\n')
        le++;
    size_t after = t->end;
    while (after < le && s[after] == ' ')
        after++;
    if (after < le && (s[after] == '(' || s[after] == '-' || s[after] == '_' ||
                       (unsigned char)s[after] == 0xE2 /* a Unicode dash */) &&
        t->start >= ls + 2 && s[t->start - 2] == ',' && !sentence_between(s, 0, t->start))
        return true;
    return has_year && le - ls <= 80 && not_a_sentence(s, ls, le);
}

/* ---- the tense of a statement ------------------------------------------ */

/* How far the cues of a statement are looked for, in tokens. */
enum { CUE_BACK = 12, CUE_AHEAD = 8 };
/* A future word governed by a past one ("had been scheduled", "was due"):
 * a plan told in the past, which may or may not have happened. */
enum { CUE_NONE = 0, CUE_PAST = -1, CUE_FUTURE = 1, CUE_PLAN_IN_PAST = 2 };

/* Token t begins a sentence (the tagger's rule). */
static bool starts_sentence(const collector *k, size_t t)
{
    const tx_token *x = &k->tok[t];
    if (x->flags & TX_TF_PARA)
        return true;
    if (t == 0)
        return false;
    const tx_token *p = &k->tok[t - 1];
    char c = p->kind == TX_TOK_PUNCT ? k->text[p->start] : 0;
    return (c == '.' || c == '!' || c == '?') && (x->flags & TX_TF_UPPER) &&
           (x->flags & TX_TF_SPACE);
}

/* Token t is joined by a hyphen to the word before it: a compound
 * adjective ("lower-than-anticipated", "long-awaited"), not a verb. */
static bool hyphenated(const collector *k, size_t t)
{
    const tx_token *x = &k->tok[t];
    if (memchr(k->text + x->start, '-', x->end - x->start))
        return true;
    return t > 0 && !(x->flags & TX_TF_SPACE) && k->tok[t - 1].kind == TX_TOK_PUNCT &&
           k->text[k->tok[t - 1].start] == '-';
}

/* The cue of one token, from the rule file: CUE_PAST, CUE_FUTURE or none. */
static int word_cue(const collector *k, size_t t)
{
    const tx_token *x = &k->tok[t];
    const sl_timex_rules *r = k->rules;
    if (x->kind != TX_TOK_WORD)
        return CUE_NONE;
    if (x->word >= 0 && r->words[x->word].cue)
        return r->words[x->word].cue == 1   ? CUE_PAST
               : r->words[x->word].cue == 2 ? CUE_FUTURE
                                            : CUE_NONE;
    size_t len = x->end - x->start;
    for (size_t i = 0; i < r->npast_suffix; i++) {
        const char *suf = r->pool + r->past_suffix[i];
        size_t sl = strlen(suf);
        char low[TX_MAX_WORD];
        if (len >= sl + 3 && tx_lower(k->text + x->end - sl, sl, low, sizeof low) &&
            memcmp(low, suf, sl) == 0)
            return hyphenated(k, t) ? CUE_NONE : CUE_PAST;
    }
    return CUE_NONE;
}

/* The cue of token t read with the one or two words before it: "will be
 * held" is future, "had postponed two scheduled" a plan told in the past. */
static bool is_to(const collector *k, size_t t)
{
    const tx_token *x = &k->tok[t];
    return x->kind == TX_TOK_WORD && x->end - x->start == 2 &&
           (k->text[x->start] | 0x20) == 't' && (k->text[x->start + 1] | 0x20) == 'o';
}

static int cue_at(const collector *k, size_t t)
{
    int c = word_cue(k, t);
    /* "hope to have a president by the 2000 Olympics": an infinitive is no
     * past tense. */
    if (c == CUE_PAST && t > 0 && is_to(k, t - 1))
        return CUE_NONE;
    for (size_t d = 1; c != CUE_NONE && d <= 2 && d <= t && !starts_sentence(k, t - d + 1); d++) {
        int before = word_cue(k, t - d);
        if (c == CUE_PAST && before == CUE_FUTURE)
            return CUE_FUTURE;
        if (c == CUE_FUTURE && before == CUE_PAST)
            return CUE_PLAN_IN_PAST;
    }
    return c;
}

/* The first token starting at or after byte `at`. */
static size_t token_at(const collector *k, size_t at)
{
    size_t lo = 0, hi = k->ntok;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k->tok[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The index of the rule list called `name`, or -1. */
static int list_named(const sl_timex_rules *r, const char *name)
{
    for (size_t i = 0; i < r->nlists; i++)
        if (strcmp(r->pool + r->lists[i].name, name) == 0)
            return (int)i;
    return -1;
}

static bool in_list(const collector *k, size_t t, int list)
{
    int32_t w = k->tok[t].word;
    return list >= 0 && w >= 0 && (k->rules->words[w].lists >> list & 1);
}

/* A year that names a thing, not the time of the statement: after a
 * determiner ("the 1991 constitution", "his 1990 projection") or before a
 * word that does not follow a year of time ("1990 BellSouth earnings").
 * The tense of the verb says nothing about it.  (YEARDET and YEARNEXT are
 * the rule file's lists.) */
static bool names_a_thing(const collector *k, const sl_timex *t, size_t first, size_t last)
{
    const char *v = t->value;
    if (strlen(v) != 4 || v[0] < '0' || v[0] > '9')
        return false;
    if (last < k->ntok && in_list(k, last, k->year_event))
        return false; /* "the 2022 Olympics": an event, dated by its year */
    if (first > 0 && !starts_sentence(k, first) && in_list(k, first - 1, k->year_det))
        return true;
    return last < k->ntok && k->year_next >= 0 && k->tok[last].kind == TX_TOK_WORD &&
           !starts_sentence(k, last) && !(k->tok[last].flags & TX_TF_PARA) &&
           !in_list(k, last, k->year_next);
}

/* Token t ends the clause of what comes before it, so a verb after it is
 * another clause's: a semicolon, a closing parenthesis or quotation mark,
 * or a comma before a relative or contrasting word ("... of the 24th
 * Winter Olympic Games," which has seen ..."). */
static bool ends_clause(const collector *k, size_t t)
{
    static const char *const openers[] = { "which", "who", "whom", "whose", "where",
                                           "while", "although", "though", "but" };
    const tx_token *x = &k->tok[t];
    if (x->kind != TX_TOK_PUNCT)
        return false;
    const char *p = k->text + x->start;
    size_t n = x->end - x->start;
    if (*p == ';' || *p == ')' || (n == 3 && memcmp(p, "\xE2\x80\x9D", 3) == 0))
        return true;
    if (*p != ',' || t + 1 >= k->ntok || k->tok[t + 1].kind != TX_TOK_WORD)
        return false;
    char low[16];
    const tx_token *w = &k->tok[t + 1];
    size_t wl = tx_lower(k->text + w->start, w->end - w->start, low, sizeof low);
    for (size_t i = 0; wl && i < sizeof openers / sizeof openers[0]; i++)
        if (strcmp(low, openers[i]) == 0)
            return true;
    return false;
}

/* The tense of the statement naming t: the nearest cue before it in its
 * sentence; a cue after it only when nothing but a word or two comes
 * before it ("In 2019 the mill closed"; in "the issue, which is puttable
 * in 1999, was priced" the verb after is another clause's).  Past (-1) or
 * future (+1) only when the cues agree; 0 when there is none or they
 * disagree ("had postponed two scheduled inspections in 2022": a plan
 * told in the past; "started demonstrations in 1992 intended to ..."). */
static int clear_tense(const collector *k, const sl_timex *t)
{
    size_t first = token_at(k, t->start), last = token_at(k, t->end);
    if (names_a_thing(k, t, first, last))
        return 0;
    int before = CUE_NONE, after = CUE_NONE;
    size_t d = 1;
    for (; d <= CUE_BACK && d <= first && !starts_sentence(k, first - d + 1); d++)
        if ((before = cue_at(k, first - d)) != CUE_NONE)
            break;
    bool opens_sentence = before == CUE_NONE && d <= 3 && (d > first || starts_sentence(k, first - d + 1));
    for (size_t f = last; f < k->ntok && f < last + CUE_AHEAD && !starts_sentence(k, f); f++) {
        if (ends_clause(k, f))
            break;
        if ((after = cue_at(k, f)) != CUE_NONE)
            break;
    }
    if (before == CUE_PLAN_IN_PAST || after == CUE_PLAN_IN_PAST ||
        (before != CUE_NONE && after != CUE_NONE && before != after))
        return 0;
    return before != CUE_NONE ? before : opens_sentence ? after : 0;
}

/* "XXXX-MM-DD..." or "XXXX-MM": a day or a month named without its year
 * (*d is 0 for a month). */
static bool yearless(const char *v, int *m, int *d)
{
    size_t n = strlen(v);
    if (strncmp(v, "XXXX-", 5) != 0 || n < 7 || v[5] < '0' || v[5] > '1' || v[6] < '0' ||
        v[6] > '9' || (n > 7 && (n < 10 || v[7] != '-' || v[8] < '0' || v[8] > '3' ||
                                 v[9] < '0' || v[9] > '9')))
        return false;
    *m = (v[5] - '0') * 10 + (v[6] - '0');
    *d = n > 7 ? (v[8] - '0') * 10 + (v[9] - '0') : 0;
    return *m >= 1 && *m <= 12 && *d <= 31;
}

/* "XXXX-WXX-3...": a weekday. */
static bool weekday_of(const char *v, int *w)
{
    if (strncmp(v, "XXXX-WXX-", 9) != 0 || v[9] < '1' || v[9] > '7')
        return false;
    *w = v[9] - '0';
    return true;
}

/* A value naming one day or a few ("2021-09-15", a range, a time). */
static bool day_granular(const sl_timex *t)
{
    return (strlen(t->value) >= 10 && t->value[7] == '-') || (t->flags & SL_TIMEX_RANGE);
}

static int add_dateline(collector *k, const sl_timex *t)
{
    int m, d;
    if (t->first_day != SL_TIMEX_NO_DAY)
        return add(k, SL_PUBDATE_DATELINE, t, fixed(t->first_day, t->first_day, W_DATELINE),
                   t->first_day);
    if (!yearless(t->value, &m, &d) || !d)
        return SL_OK;
    pd_constraint c = { .repeat = PD_YEARLY, .lo = 0, .hi = 0, .month = m, .day = d,
                        .weight = W_DATELINE };
    return add(k, SL_PUBDATE_DATELINE, t, c, SL_TIMEX_NO_DAY);
}

/* Days [a, b] the text names, in a clear tense: past ones are a lower
 * bound, future ones an upper bound.  Untold ones bound nothing: "the
 * 1991 constitution" and "the 2030 plan" are written the same way. */
static int add_named(collector *k, const sl_timex *t, int32_t a, int32_t b, bool day, int tense)
{
    if (b - a > LONGEST_SPAN)
        return SL_OK;
    int weight = day ? W_TENSED_DATE : W_YEAR_TENSED;
    pd_constraint c = tense > 0   ? fixed(-PD_FAR, day ? a : b, weight)
                      : tense < 0 ? fixed(a, PD_FAR, weight)
                                  : fixed(-PD_FAR, PD_FAR, 0);
    if (!day) { /* most often the text's own year (or month), unless it is ahead */
        c.blo = a;
        c.bhi = b;
        c.bonus = tense <= 0;
    }
    int kind = !day      ? SL_PUBDATE_YEAR_MENTION
               : tense < 0 ? SL_PUBDATE_TENSE_PAST
               : tense > 0 ? SL_PUBDATE_TENSE_FUTURE
                           : SL_PUBDATE_EXPLICIT_DATE;
    return add(k, kind, t, c, day && tense <= 0 ? a : SL_TIMEX_NO_DAY);
}

/* "the 24th Winter Olympic Games": an edition of a periodic event that the
 * rule file dates (an ordinal number, then its name). */
static bool names_an_edition(const collector *k, const sl_timex *t)
{
    const char *p = k->text + t->start, *end = k->text + t->end;
    if (end - p > 4 && (p[0] | 0x20) == 't' && p[1] == 'h' && p[2] == 'e' && p[3] == ' ')
        p += 4;
    const char *digits = p;
    while (p < end && *p >= '0' && *p <= '9')
        p++;
    if (p == digits || end - p < 3)
        return false;
    static const char *const suffixes[] = { "st ", "nd ", "rd ", "th " };
    for (size_t i = 0; i < 4; i++)
        if (memcmp(p, suffixes[i], 3) == 0)
            return true;
    return false;
}

/* The paragraph of token t holds a photo credit (a word of the rule list
 * PHOTOCREDIT: "REUTERS/Kevin Lamarque", "File photo", "Getty Images"):
 * it is a caption, whose dates are when the photo was taken. */
static bool in_caption(const collector *k, size_t t)
{
    if (k->photo_credit < 0 || t >= k->ntok)
        return false;
    size_t a = t, b = t + 1;
    while (a > 0 && !(k->tok[a].flags & TX_TF_PARA))
        a--;
    while (b < k->ntok && !(k->tok[b].flags & TX_TF_PARA))
        b++;
    if (b - a > CAPTION_TOKENS)
        return false;
    for (size_t i = a; i < b; i++)
        if (in_list(k, i, k->photo_credit))
            return true;
    return false;
}

static int add_absolute(collector *k, const sl_timex *t)
{
    int tense = clear_tense(k, t);
    bool day = day_granular(t);
    bool caption = day && tense == 0 && in_caption(k, token_at(k, t->start));
    size_t before = k->n;
    int rc = add_named(k, t, t->first_day, t->last_day, day, caption ? -1 : tense);
    if (!rc && k->n > before && day && names_an_edition(k, t))
        k->ev[k->n - 1].kind = SL_PUBDATE_ORDINAL;
    else if (!rc && k->n > before && caption)
        k->ev[k->n - 1].kind = SL_PUBDATE_CAPTION;
    return rc;
}

/* "on Wednesday": within the week after it (past) or before it (future). */
static int add_weekday(collector *k, const sl_timex *t, int w)
{
    int dir = t->dir ? t->dir : t->tense;
    pd_constraint c = { .repeat = PD_WEEKLY, .weekday = w, .lo = 0, .hi = WEEK - 1,
                        .weight = dir ? W_WEEKDAY_TENSED : W_WEEKDAY, .blo = 0, .bhi = 1,
                        .bonus = 1 };
    if (dir > 0) { /* "will meet on Wednesday": most often said a day or two before */
        c.lo = -(WEEK - 1);
        c.hi = 0;
        c.blo = -2;
        c.bhi = -1;
    }
    return add(k, SL_PUBDATE_WEEKDAY, t, c, SL_TIMEX_NO_DAY);
}

/* "September 15" or "February" without a year: news name so the days of
 * the months around the publication: before it when told in the past,
 * after it in the future, within half a year untold.  Which year is not
 * known: a year named elsewhere in the sentence may be history ("under
 * the 1991 constitution, the April 20 run-off ..."), so every year's day
 * is allowed, and only fixed evidence chooses between them. */
static int add_yearless(collector *k, const sl_timex *t, int m, int d)
{
    int tense = clear_tense(k, t);
    int32_t len = d ? 0 : 27; /* a month: its last day is about 27 days after its first */
    pd_constraint c = { .repeat = PD_YEARLY, .month = m, .day = d ? d : 1, .lo = -HALF_YEAR,
                        .hi = HALF_YEAR, .weight = W_YEARLESS };
    int kind = d ? SL_PUBDATE_EXPLICIT_DATE : SL_PUBDATE_YEAR_MENTION;
    if (tense) {
        c.weight = W_YEARLESS_TENSED;
        c.lo = tense < 0 ? 0 : -YEARLESS_REACH;
        c.hi = tense < 0 ? YEARLESS_REACH : len;
        kind = tense < 0 ? SL_PUBDATE_TENSE_PAST : SL_PUBDATE_TENSE_FUTURE;
    }
    return add(k, kind, t, c, SL_TIMEX_NO_DAY);
}

static int32_t unit_days(char unit)
{
    switch (unit) {
    case 'Y':
        return 365;
    case 'Q':
        return 91;
    case 'M':
        return 30;
    case 'W':
        return 7;
    case 'D':
        return 1;
    default:
        return 0;
    }
}

/* "more than a year ago", said of a date in the same sentence: the
 * publication is that long after the date. */
static int add_duration(collector *k, const sl_timex *tx, size_t n, size_t i)
{
    const sl_timex *t = &tx[i];
    int32_t u = unit_days(t->unit);
    if (!u || !t->offset)
        return SL_OK;
    const sl_timex *best = NULL;
    size_t best_gap = 0;
    for (size_t j = i > 8 ? i - 8 : 0; j < n && j <= i + 8; j++) { /* neighbours only */
        const sl_timex *a = &tx[j];
        if (j == i || a->first_day == SL_TIMEX_NO_DAY || a->type == SL_TIMEX_DURATION ||
            a->last_day - a->first_day > 31)
            continue;
        bool before = a->start < t->start;
        size_t lo = before ? a->end : t->end, hi = before ? t->start : a->start;
        if (hi < lo || hi - lo > ANCHOR_REACH || sentence_between(k->text, lo, hi))
            continue;
        if (!best || hi - lo < best_gap) {
            best = a;
            best_gap = hi - lo;
        }
    }
    if (!best)
        return SL_OK;
    int64_t shift = -(int64_t)t->offset * u; /* "a year ago": the publication is a year after */
    if (shift > 200 * 365 || shift < -200 * 365)
        return SL_OK;
    int32_t lo = best->first_day + (int32_t)shift - u / 2, hi = best->last_day + (int32_t)shift + u;
    return add(k, SL_PUBDATE_DURATION_ANCHOR, t, fixed(lo, hi, W_DURATION), SL_TIMEX_NO_DAY);
}

/* Only the latest year (or month) named keeps its preference for being
 * the text's own.  It bounds nothing more: a document names dates up to
 * around its publication, but how far "around" is is a habit of news,
 * not evidence, and a text about history ("entered production in
 * February 1947") would get an interval that misses it. */
static void prefer_latest_year(collector *k)
{
    size_t year = k->n;
    for (size_t i = 0; i < k->n; i++) {
        const pd_constraint *c = &k->c[i];
        if (c->repeat == PD_FIXED && c->bonus && (year == k->n || c->blo > k->c[year].blo))
            year = i;
    }
    for (size_t i = 0; i < k->n; i++)
        if (i != year && k->c[i].repeat == PD_FIXED)
            k->c[i].bonus = 0;
}

static int collect(collector *k, const sl_timex *tx, size_t n)
{
    bool dateline_seen = false;
    for (size_t i = 0; i < n; i++) {
        const sl_timex *t = &tx[i];
        int rc = SL_OK, m, d, w;
        if (t->type == SL_TIMEX_DURATION || t->type == SL_TIMEX_SET ||
            (t->flags & SL_TIMEX_ANCHORED))
            continue; /* "the next day": counted from a date already counted */
        bool absolute = t->first_day != SL_TIMEX_NO_DAY;
        bool no_year = yearless(t->value, &m, &d);
        if (!dateline_seen && (absolute ? day_granular(t) : no_year && d) &&
            is_dateline(k, t, absolute)) {
            dateline_seen = true;
            rc = add_dateline(k, t);
        } else if (absolute) {
            rc = add_absolute(k, t);
        } else if (no_year) {
            rc = add_yearless(k, t, m, d);
        } else if (weekday_of(t->value, &w)) {
            rc = add_weekday(k, t, w);
        } else if (t->offset) {
            rc = add_duration(k, tx, n, i);
        }
        if (rc)
            return rc;
    }
    prefer_latest_year(k);
    return SL_OK;
}

/* The captions the clean step moved out of the text: a full date there is
 * when the photo was taken, so the text came after it.  A caption is told
 * in the present of its picture, so its tense is not asked. */
static int collect_captions(collector *k, tx_doc *captions)
{
    sl_timex *tx = NULL;
    size_t n = 0;
    int rc = tx_doc_find(captions, NULL, &tx, &n);
    const char *text = k->text;
    k->text = captions->text; /* add() copies the evidence's words from here */
    for (size_t i = 0; !rc && i < n; i++) {
        const sl_timex *t = &tx[i];
        if (t->first_day == SL_TIMEX_NO_DAY || !day_granular(t) ||
            (t->flags & SL_TIMEX_ANCHORED) || t->last_day - t->first_day > LONGEST_SPAN)
            continue;
        rc = add(k, SL_PUBDATE_CAPTION, t, fixed(t->first_day, PD_FAR, W_TENSED_DATE),
                 t->first_day);
        if (!rc)
            k->ev[k->n - 1].in_captions = 1;
    }
    k->text = text;
    sl_free(k->ctx, tx);
    return rc;
}

/* ---- inference ---------------------------------------------------------- */

/* The days the repeating constraints are laid out in: around the days the
 * fixed ones allow, at most about eight years. */
static int choose_window(collector *k, pd_window *w, bool *found, bool *open_lo, bool *open_hi,
                         int32_t *fixed_first)
{
    pd_solution s;
    int rc = pd_solve(k->ctx, k->c, k->n, (pd_window){ -PD_FAR, PD_FAR }, PD_FIXED_ONLY, 0, &s);
    if (rc)
        return rc;
    *found = s.found;
    if (!s.found)
        return SL_OK;
    /* Repeating evidence alone (a weekday, a date without its year) does
     * not bound a side the fixed evidence leaves open. */
    *open_lo = s.first <= -PD_FAR / 2;
    *open_hi = s.last >= PD_FAR / 2;
    *fixed_first = s.first;
    if (*open_hi)
        s.last = s.first + 2 * RECENT;
    if (*open_lo || s.last - s.first > 8 * YEAR)
        s.first = s.last - 2 * RECENT;
    *w = (pd_window){ s.first - 2 * MONTH, s.last + 2 * MONTH };
    return SL_OK;
}

/* The latest day a piece in use names up to `last` (a past or untold
 * event), or SL_TIMEX_NO_DAY. */
static int32_t latest_event(const collector *k, int32_t last)
{
    int32_t best = SL_TIMEX_NO_DAY;
    for (size_t i = 0; i < k->n; i++) {
        int32_t e = k->event[i];
        if (k->ev[i].used && e != SL_TIMEX_NO_DAY && e <= last &&
            (best == SL_TIMEX_NO_DAY || e > best))
            best = e;
    }
    return best;
}

/* The most likely day in [first, last]: the dateline's; else the first of
 * the likeliest days (the preferences counted) on or after the latest
 * event the text reports, as news are written soon after what they
 * report; else the first likeliest day when they are within a season. */
static int likely_day(collector *k, int32_t first, int32_t last, int32_t *out)
{
    *out = SL_TIMEX_NO_DAY;
    int32_t event = latest_event(k, last);
    int32_t from = event != SL_TIMEX_NO_DAY && event > first ? event : first;
    pd_solution likely;
    int rc = pd_solve(k->ctx, k->c, k->n, (pd_window){ first, last }, PD_ALL | PD_BONUS, from,
                      &likely);
    if (rc || !likely.found)
        return rc;
    for (size_t i = 0; i < k->n; i++)
        if (k->ev[i].used && k->ev[i].kind == SL_PUBDATE_DATELINE) {
            int32_t lo, hi;
            pd_nearest(&k->c[i], likely.first, &lo, &hi);
            *out = lo;
            return SL_OK;
        }
    if (event != SL_TIMEX_NO_DAY)
        *out = likely.first_from != SL_TIMEX_NO_DAY ? likely.first_from : from;
    else if (likely.last - likely.first <= 3 * MONTH)
        *out = likely.first;
    return SL_OK;
}

/* Fill each piece's interval (the occurrence nearest to day p) and whether
 * it agrees with [first, last]. */
static void mark_evidence(collector *k, int32_t p, int32_t first, int32_t last)
{
    for (size_t i = 0; i < k->n; i++) {
        int32_t lo, hi;
        pd_nearest(&k->c[i], p, &lo, &hi);
        k->ev[i].first_day = lo > -PD_FAR / 2 ? lo : SL_TIMEX_NO_DAY; /* unbounded sides */
        k->ev[i].last_day = hi < PD_FAR / 2 ? hi : SL_TIMEX_NO_DAY;
        k->ev[i].used = lo <= last && hi >= first;
    }
}

/* With a given date: the hard part of each heavy piece must allow it.
 * (A past event is a lower bound whatever its age; the width of the
 * recency window is only a guess.) */
static bool contradicts(const collector *k, size_t i, int32_t given)
{
    pd_constraint c = k->c[i];
    if (c.weight < W_HARD)
        return false;
    int kind = k->ev[i].kind;
    if (c.repeat == PD_FIXED && kind == SL_PUBDATE_TENSE_PAST)
        c.hi = PD_FAR;
    else if (c.repeat == PD_FIXED && kind == SL_PUBDATE_TENSE_FUTURE)
        c.lo = -PD_FAR;
    else if (c.repeat == PD_FIXED && kind == SL_PUBDATE_DATELINE)
        c.lo -= 1; /* time zones */
    else if (kind == SL_PUBDATE_DURATION_ANCHOR)
        return false;
    return !pd_allows(&c, given);
}

static void use_given(collector *k, int32_t given, sl_pubdate *out)
{
    out->given = 1;
    out->value_day = out->earliest_day = out->latest_day = given;
    mark_evidence(k, given, given, given);
    for (size_t i = 0; i < k->n; i++)
        if (contradicts(k, i, given))
            out->contradicted = 1;
}

static int infer(collector *k, sl_pubdate *out)
{
    pd_window w;
    bool found, open_lo = false, open_hi = false;
    int32_t fixed_first = SL_TIMEX_NO_DAY;
    int rc = choose_window(k, &w, &found, &open_lo, &open_hi, &fixed_first);
    if (rc || !found)
        return rc;
    /* The interval: every day the heaviest evidence allows.  The value:
     * the likeliest of them, with the preferences (bonus) counted. */
    pd_solution s;
    rc = pd_solve(k->ctx, k->c, k->n, w, PD_ALL, w.lo, &s);
    if (rc || !s.found)
        return rc;
    /* A side that reaches the window is not bounded by any evidence, except
     * the fixed evidence's first day when a long interval ([1997, 2022])
     * was cut to its last years: the repeating evidence allows days all the
     * way back to it. */
    out->earliest_day = s.first > w.lo && !open_lo ? s.first
                        : !open_lo && fixed_first < w.lo ? fixed_first
                                                         : SL_TIMEX_NO_DAY;
    out->latest_day = s.last < w.hi && !open_hi ? s.last : SL_TIMEX_NO_DAY;
    mark_evidence(k, s.first + (s.last - s.first) / 2, s.first, s.last);
    /* A value only when the evidence pins the year: a day picked in a
     * wider or open interval would claim a year nothing supports. */
    if (out->earliest_day == SL_TIMEX_NO_DAY || out->latest_day == SL_TIMEX_NO_DAY ||
        out->latest_day - out->earliest_day >= YEAR)
        return SL_OK;
    rc = likely_day(k, s.first, s.last, &out->value_day);
    if (!rc && out->value_day != SL_TIMEX_NO_DAY)
        mark_evidence(k, out->value_day, s.first, s.last);
    return rc;
}

static int parse_given(sl_ctx *ctx, const char *given, size_t len, int32_t *day)
{
    char buf[32];
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, given, len);
    buf[len] = 0;
    if (!tx_parse_ref(buf, day))
        return sl_error(ctx, SL_EINVAL, "pubdate: given date '%.20s' is not YYYY-MM-DD", buf);
    return SL_OK;
}

int sl_pubdate_infer(sl_ctx *ctx, const sl_timex_rules *rules, const char *text, size_t len,
                     const char *given, size_t given_len, sl_pubdate *out)
{
    if (!ctx)
        return SL_EINVAL;
    if (!rules || !out || (!text && len) || (!given && given_len))
        return sl_error(ctx, SL_EINVAL, "pubdate: bad argument");
    tx_doc doc;
    int rc = tx_doc_open(ctx, rules, text, len, &doc);
    if (rc) {
        memset(out, 0, sizeof *out);
        out->value_day = out->earliest_day = out->latest_day = SL_TIMEX_NO_DAY;
        return rc;
    }
    rc = pd_infer_doc(&doc, NULL, given, given_len, out);
    tx_doc_close(&doc);
    return rc;
}

int pd_infer_doc(tx_doc *doc, tx_doc *captions, const char *given, size_t given_len,
                 sl_pubdate *out)
{
    sl_ctx *ctx = doc->ctx;
    memset(out, 0, sizeof *out);
    out->value_day = out->earliest_day = out->latest_day = SL_TIMEX_NO_DAY;
    int32_t given_day = 0;
    int rc = given_len ? parse_given(ctx, given, given_len, &given_day) : SL_OK;
    if (rc)
        return rc;
    sl_timex *tx = NULL;
    size_t n = 0;
    rc = tx_doc_find(doc, NULL, &tx, &n);
    if (rc)
        return rc;
    collector k = { .ctx = ctx, .rules = doc->r, .text = doc->text, .len = doc->len };
    k.year_det = list_named(doc->r, "YEARDET");
    k.year_next = list_named(doc->r, "YEARNEXT");
    k.year_event = list_named(doc->r, "YEAREVENT");
    k.photo_credit = list_named(doc->r, "PHOTOCREDIT");
    k.tok = doc->toks;
    k.ntok = doc->ntok;
    rc = collect(&k, tx, n);
    sl_free(ctx, tx);
    if (!rc && captions)
        rc = collect_captions(&k, captions);
    if (!rc && given_len)
        use_given(&k, given_day, out);
    else if (!rc)
        rc = infer(&k, out);
    sl_free(ctx, k.c);
    sl_free(ctx, k.event);
    if (rc) {
        sl_free(ctx, k.ev);
        memset(out, 0, sizeof *out);
        out->value_day = out->earliest_day = out->latest_day = SL_TIMEX_NO_DAY;
        return rc == SL_ENOMEM ? sl_oom(ctx) : rc;
    }
    out->evidence = k.ev;
    out->n_evidence = k.n;
    return SL_OK;
}

void sl_pubdate_release(sl_ctx *ctx, sl_pubdate *p)
{
    if (!p)
        return;
    sl_free(ctx, p->evidence);
    p->evidence = NULL;
    p->n_evidence = 0;
}

int sl_pubdate_find_timex(sl_ctx *ctx, const sl_timex_rules *rules, const char *text, size_t len,
                          const sl_pubdate *p, sl_timex **out, size_t *n)
{
    char day[16];
    sl_pubdate_format_day(p ? p->value_day : SL_TIMEX_NO_DAY, day, sizeof day);
    return sl_timex_find(ctx, rules, text, len, day[0] ? day : NULL, out, n);
}
