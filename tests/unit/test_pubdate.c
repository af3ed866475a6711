/* Publication-date inference (src/facts/pubdate*.c): each kind of
 * evidence, conflicts, a given date checked against the text, texts
 * without evidence, absurd dates and allocation failures.  The sentences
 * are our own. */
#include "test_util.h"
#include "facts/pubdate.h"
#include "facts/timex_internal.h"

#define EN_RULES SL_SOURCE_DIR "/data/time/en.rules"

typedef struct fixture {
    sl_ctx *ctx;
    sl_timex_rules *rules;
} fixture;

static fixture open_rules(void)
{
    fixture f = { test_ctx(), NULL };
    int rc = sl_timex_rules_load(f.ctx, EN_RULES, &f.rules);
    if (rc)
        fail_msg("%s", sl_errmsg(f.ctx));
    return f;
}

static void close_rules(fixture *f)
{
    sl_timex_rules_free(f->rules);
    sl_ctx_free(f->ctx);
}

static int32_t day(const char *iso)
{
    int32_t d = 0;
    assert_true(tx_parse_ref(iso, &d));
    return d;
}

static sl_pubdate infer(fixture *f, const char *text, const char *given)
{
    sl_pubdate p;
    assert_int_equal(sl_pubdate_infer(f->ctx, f->rules, text, strlen(text), given,
                                      given ? strlen(given) : 0, &p),
                     SL_OK);
    return p;
}

/* The first piece of evidence of a kind, or fail. */
static const sl_pubdate_evidence *evidence(const sl_pubdate *p, int kind)
{
    for (size_t i = 0; i < p->n_evidence; i++)
        if (p->evidence[i].kind == kind)
            return &p->evidence[i];
    fail_msg("no %s evidence", sl_pubdate_evidence_name(kind));
    return NULL;
}

static void expect_interval(const sl_pubdate *p, const char *first, const char *last)
{
    assert_int_equal(p->earliest_day, first ? day(first) : SL_TIMEX_NO_DAY);
    assert_int_equal(p->latest_day, last ? day(last) : SL_TIMEX_NO_DAY);
}

/* ---- evidence kinds ------------------------------------------------------ */

static void test_datelines(void **state)
{
    (void)state;
    fixture f = open_rules();
    sl_pubdate p = infer(&f, "LISBON, May 4, 2024 (Wire) - The ferry crews went on strike.", NULL);
    expect_interval(&p, "2024-05-04", "2024-05-04");
    assert_int_equal(p.value_day, day("2024-05-04"));
    assert_string_equal(evidence(&p, SL_PUBDATE_DATELINE)->text, "May 4, 2024");
    sl_pubdate_release(f.ctx, &p);

    p = infer(&f, "Ferry crews walk out\nUpdated 7:15 PM CET, Sat May 4, 2024\nThe crews struck.",
              NULL);
    assert_int_equal(p.value_day, day("2024-05-04"));
    assert_int_equal(evidence(&p, SL_PUBDATE_DATELINE)->first_day, day("2024-05-04"));
    sl_pubdate_release(f.ctx, &p);

    /* Without its year, the dateline is some May 4 from the year the text
     * reports on; which one is not known, so there is no value. */
    p = infer(&f, "LISBON, May 4 (Wire) - Crews struck in 2024, as they had in 2024 before.", NULL);
    expect_interval(&p, "2024-05-04", NULL);
    assert_int_equal(p.value_day, SL_TIMEX_NO_DAY);
    sl_pubdate_release(f.ctx, &p);

    /* A sentence ending with a date is not a dateline. */
    p = infer(&f, "The ferry strike will end on May 4, 2024.", NULL);
    assert_int_equal(p.n_evidence, 1);
    assert_int_equal(p.evidence[0].kind, SL_PUBDATE_TENSE_FUTURE);
    expect_interval(&p, NULL, "2024-05-04");
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

static void test_tensed_dates(void **state)
{
    (void)state;
    fixture f = open_rules();
    /* A past event is a lower bound, a future one an upper bound. */
    sl_pubdate p = infer(&f,
                         "The first congress was held on March 2, 2023. The next congress will be "
                         "held on October 10-12, 2023.",
                         NULL);
    expect_interval(&p, "2023-03-02", "2023-10-10");
    assert_int_equal(evidence(&p, SL_PUBDATE_TENSE_PAST)->first_day, day("2023-03-02"));
    assert_int_equal(evidence(&p, SL_PUBDATE_TENSE_FUTURE)->last_day, day("2023-10-10"));
    assert_int_equal(p.value_day, day("2023-03-02"));
    sl_pubdate_release(f.ctx, &p);

    /* A date without its year in the future tense: within the year before. */
    p = infer(&f, "Delegates arrived in 2023 and again in 2023. The vote will be held on June 9.",
              NULL);
    const sl_pubdate_evidence *e = evidence(&p, SL_PUBDATE_TENSE_FUTURE);
    int64_t y;
    int m, d;
    tx_civil_from_days(e->last_day, &y, &m, &d); /* some June 9 */
    assert_int_equal(m * 100 + d, 609);
    assert_true(e->last_day - e->first_day > 180);
    assert_int_equal(p.earliest_day, day("2023-01-01"));
    sl_pubdate_release(f.ctx, &p);

    /* An explicit date told without a tense. */
    p = infer(&f, "Photos of the flood in Riverside on April 3, 2022 show the damage.", NULL);
    assert_int_equal(evidence(&p, SL_PUBDATE_EXPLICIT_DATE)->start, 36);
    assert_true(p.earliest_day <= day("2022-04-03"));
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

static void test_weekday_and_years(void **state)
{
    (void)state;
    fixture f = open_rules();
    /* A weekday does not narrow the interval (every day is within a week
     * after some Friday) but makes the day after the event likely. */
    sl_pubdate p =
        infer(&f, "The board met on March 1, 2023. On Friday it approved the plan.", NULL);
    assert_int_equal(evidence(&p, SL_PUBDATE_WEEKDAY)->kind, SL_PUBDATE_WEEKDAY);
    expect_interval(&p, "2023-03-01", NULL);
    assert_int_equal(p.value_day, SL_TIMEX_NO_DAY); /* any year from 2023 on */
    sl_pubdate_release(f.ctx, &p);

    /* Past years are lower bounds; how long after them the text was
     * written is not known, even when a year is named twice. */
    p = infer(&f, "In 2019 the mill closed. In 2019 the town shrank.", NULL);
    expect_interval(&p, "2019-01-01", NULL);
    assert_int_equal(evidence(&p, SL_PUBDATE_YEAR_MENTION)->kind, SL_PUBDATE_YEAR_MENTION);
    sl_pubdate_release(f.ctx, &p);
    p = infer(&f, "The treaty was signed in 1997.", NULL);
    expect_interval(&p, "1997-01-01", NULL);
    sl_pubdate_release(f.ctx, &p);

    /* "more than a year ago", said of a dated event. */
    p = infer(&f, "The dam burst on August 8, 2021, more than a year ago.", NULL);
    const sl_pubdate_evidence *e = evidence(&p, SL_PUBDATE_DURATION_ANCHOR);
    assert_string_equal(e->text, "more than a year ago");
    assert_true(p.earliest_day >= day("2022-02-01") && p.earliest_day <= day("2022-08-08"));
    assert_true(p.latest_day >= day("2023-08-08"));
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

/* ---- conflicts, given dates, nothing to go on ------------------------------- */

static void test_conflicts(void **state)
{
    (void)state;
    fixture f = open_rules();
    /* Two past events outweigh one future event that contradicts them. */
    sl_pubdate p = infer(&f,
                         "The festival will open on January 5, 2020. It opened on May 3, 2021. "
                         "It closed on June 16, 2021.",
                         NULL);
    assert_true(p.earliest_day != SL_TIMEX_NO_DAY && p.earliest_day >= day("2021-06-16"));
    assert_int_equal(evidence(&p, SL_PUBDATE_TENSE_FUTURE)->used, 0);
    assert_int_equal(p.latest_day, SL_TIMEX_NO_DAY);
    assert_int_equal(p.value_day, SL_TIMEX_NO_DAY);
    sl_pubdate_release(f.ctx, &p);

    /* An even conflict widens the interval; it is never empty. */
    p = infer(&f, "The fair will open on January 5, 2020. The fair opened on May 3, 2021.", NULL);
    assert_true(p.earliest_day == SL_TIMEX_NO_DAY || p.earliest_day <= day("2020-01-05"));
    assert_true(p.latest_day == SL_TIMEX_NO_DAY || p.latest_day >= day("2021-05-03"));
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

static void test_given_date(void **state)
{
    (void)state;
    fixture f = open_rules();
    const char *text = "The two leaders will meet on Wednesday at the summit, which will be held "
                       "on September 15-16.";
    sl_pubdate p = infer(&f, text, "2022-09-09");
    assert_int_equal(p.given, 1);
    assert_int_equal(p.contradicted, 0);
    assert_int_equal(p.value_day, day("2022-09-09"));
    expect_interval(&p, "2022-09-09", "2022-09-09");
    assert_int_equal(evidence(&p, SL_PUBDATE_TENSE_FUTURE)->used, 1);
    sl_pubdate_release(f.ctx, &p);

    /* Published after the summit it announces: impossible. */
    p = infer(&f, text, "2022-09-20T08:00:00Z");
    assert_int_equal(p.given, 1);
    assert_int_equal(p.contradicted, 1);
    assert_int_equal(p.value_day, day("2022-09-20"));
    assert_int_equal(evidence(&p, SL_PUBDATE_TENSE_FUTURE)->used, 0);
    sl_pubdate_release(f.ctx, &p);

    /* An old event reported in the past tense is no contradiction. */
    p = infer(&f, "The wall fell on November 9, 1989.", "2024-11-09");
    assert_int_equal(p.contradicted, 0);
    sl_pubdate_release(f.ctx, &p);

    /* A bad given date is an argument error. */
    assert_int_equal(sl_pubdate_infer(f.ctx, f.rules, text, strlen(text), "2022-13-01", 10, &p),
                     SL_EINVAL);
    assert_null(p.evidence);
    close_rules(&f);
}

static void test_no_evidence(void **state)
{
    (void)state;
    fixture f = open_rules();
    sl_pubdate p = infer(&f, "Nothing here says when it was written.", NULL);
    assert_int_equal(p.n_evidence, 0);
    assert_null(p.evidence);
    expect_interval(&p, NULL, NULL);
    assert_int_equal(p.value_day, SL_TIMEX_NO_DAY);
    assert_int_equal(p.given, 0);
    sl_pubdate_release(f.ctx, &p);

    /* A weekday alone is evidence, but no interval. */
    p = infer(&f, "The ministers met on Wednesday.", NULL);
    assert_int_equal(p.n_evidence, 1);
    assert_int_equal(p.evidence[0].kind, SL_PUBDATE_WEEKDAY);
    assert_int_equal(p.evidence[0].first_day, SL_TIMEX_NO_DAY);
    expect_interval(&p, NULL, NULL);
    sl_pubdate_release(f.ctx, &p);

    p = infer(&f, "", NULL);
    expect_interval(&p, NULL, NULL);
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

static void test_absurd_dates(void **state)
{
    (void)state;
    fixture f = open_rules();
    /* February 30 is no day; one far year loses against the rest. */
    sl_pubdate p = infer(&f,
                         "It rained on February 30, 2021 and on March 3, 2021, not in 2999 or in "
                         "the year 99999.",
                         NULL);
    assert_int_equal(p.earliest_day, day("2021-03-03"));
    assert_true(p.latest_day == SL_TIMEX_NO_DAY || p.latest_day < day("2100-01-01"));
    sl_pubdate_release(f.ctx, &p);
    /* Invalid UTF-8 and NUL bytes are no crash. */
    const char bin[] = "\xff\xfe May 4, 2024 \xc3\x28 \0 2024 \xe2\x82";
    assert_int_equal(sl_pubdate_infer(f.ctx, f.rules, bin, sizeof bin - 1, NULL, 0, &p), SL_OK);
    sl_pubdate_release(f.ctx, &p);
    /* Bad arguments. */
    assert_int_equal(sl_pubdate_infer(f.ctx, NULL, "x", 1, NULL, 0, &p), SL_EINVAL);
    assert_int_equal(sl_pubdate_infer(f.ctx, f.rules, NULL, 3, NULL, 0, &p), SL_EINVAL);
    sl_pubdate_release(f.ctx, NULL);
    close_rules(&f);
}

static void test_names_and_timex(void **state)
{
    (void)state;
    static const char *const names[] = { "given", "dateline", "explicit-date", "tense-past",
                                         "tense-future", "weekday", "year-mention",
                                         "duration-from-anchor", "ordinal", "caption" };
    for (int k = 0; k < SL_PUBDATE_KIND_COUNT; k++)
        assert_string_equal(sl_pubdate_evidence_name(k), names[k]);
    assert_string_equal(sl_pubdate_evidence_name(-1), "unknown");
    assert_string_equal(sl_pubdate_evidence_name(SL_PUBDATE_KIND_COUNT), "unknown");
    char buf[16];
    sl_pubdate_format_day(day("2024-02-29"), buf, sizeof buf);
    assert_string_equal(buf, "2024-02-29");
    sl_pubdate_format_day(SL_TIMEX_NO_DAY, buf, sizeof buf);
    assert_string_equal(buf, "");

    /* The text's own expressions, resolved against the inferred day. */
    fixture f = open_rules();
    const char *text = "LISBON, May 4, 2024 (Wire) - The crews struck on Thursday.";
    sl_pubdate p = infer(&f, text, NULL);
    sl_timex *tx = NULL;
    size_t n = 0;
    assert_int_equal(sl_pubdate_find_timex(f.ctx, f.rules, text, strlen(text), &p, &tx, &n), SL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(tx[1].value, "2024-05-02");
    sl_free(f.ctx, tx);
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

/* ---- claiming no more than the evidence allows ----------------------------- */

/* A date without its year does not take a year that is only mentioned:
 * "the 1991 charter" names a thing, not the time of the text. */
static void test_yearless_takes_no_mentioned_year(void **state)
{
    (void)state;
    fixture f = open_rules();
    sl_pubdate p = infer(&f,
                         "Under the 1991 charter, the May 18 run-off decided the mayoralty. The "
                         "new mayor was sworn in on Monday.",
                         NULL);
    expect_interval(&p, NULL, NULL);
    assert_int_equal(p.value_day, SL_TIMEX_NO_DAY);
    assert_int_equal(evidence(&p, SL_PUBDATE_YEAR_MENTION)->weight, 0);
    sl_pubdate_release(f.ctx, &p);

    /* A past year bounds from below; the yearless date adds only which
     * days of a year are possible (up to 330 days after some May 18),
     * never its year. */
    p = infer(&f, "The charter was adopted in 1991. The run-off was held on May 18.", NULL);
    expect_interval(&p, "1991-01-01", NULL);
    assert_int_equal(p.value_day, SL_TIMEX_NO_DAY);
    sl_pubdate_release(f.ctx, &p);

    /* A yearly constraint alone bounds nothing. */
    p = infer(&f, "The run-off was held on May 18 in the rain.", NULL);
    expect_interval(&p, NULL, NULL);
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

/* A year told in the past is a lower bound at most; only a clearly future
 * statement makes one an upper bound. */
static void test_years_bound_by_tense(void **state)
{
    (void)state;
    fixture f = open_rules();
    /* A plan told in the past: neither side. */
    sl_pubdate p = infer(&f,
                         "The agency had postponed two scheduled checks of the weir, in 2021 and "
                         "2023, for lack of staff.",
                         NULL);
    expect_interval(&p, NULL, NULL);
    sl_pubdate_release(f.ctx, &p);

    p = infer(&f, "The weir was last checked in 2021.", NULL);
    expect_interval(&p, "2021-01-01", NULL);
    sl_pubdate_release(f.ctx, &p);

    p = infer(&f, "The weir will be rebuilt in 2027.", NULL);
    expect_interval(&p, NULL, "2027-12-31");
    sl_pubdate_release(f.ctx, &p);

    p = infer(&f, "The town aims to close the old weir by 2030.", NULL);
    expect_interval(&p, NULL, "2030-12-31");
    sl_pubdate_release(f.ctx, &p);

    /* Cues that disagree around the year: no side. */
    p = infer(&f, "The group started a campaign in 2012 intended to close the weir.", NULL);
    expect_interval(&p, NULL, NULL);
    sl_pubdate_release(f.ctx, &p);

    /* A year that names a thing: the verb's tense says nothing of it. */
    p = infer(&f, "Analysts cut their 2026 forecasts for the mill.", NULL);
    expect_interval(&p, NULL, NULL);
    sl_pubdate_release(f.ctx, &p);

    /* A year with no tense at all bounds nothing either. */
    p = infer(&f, "The 2030 plan for the weir.", NULL);
    expect_interval(&p, NULL, NULL);
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

/* The value claims a year only when the evidence pins it. */
static void test_value_needs_the_year(void **state)
{
    (void)state;
    fixture f = open_rules();
    /* A yearless dateline and a weekday: many years fit. */
    sl_pubdate p = infer(&f,
                         "MILLBROOK, April 3 (Wire) - Floods forced 900 people from their homes "
                         "on Thursday, the worst since 1998.",
                         NULL);
    assert_int_equal(p.value_day, SL_TIMEX_NO_DAY);
    assert_int_equal(p.latest_day, SL_TIMEX_NO_DAY);
    assert_true(p.earliest_day == SL_TIMEX_NO_DAY || p.earliest_day <= day("2025-04-03"));
    sl_pubdate_release(f.ctx, &p);

    /* A past event and a future one less than a year apart pin it. */
    p = infer(&f,
              "The levee failed on March 9, 2025. Repairs will be finished on June 30, 2025.",
              NULL);
    expect_interval(&p, "2025-03-09", "2025-06-30");
    assert_int_equal(p.value_day, day("2025-03-09"));
    sl_pubdate_release(f.ctx, &p);

    /* A yearless dateline inside such an interval has one occurrence. */
    p = infer(&f,
              "MILLBROOK, April 3 (Wire) - The levee failed on March 9, 2025. Repairs will be "
              "finished on June 30, 2025.",
              NULL);
    expect_interval(&p, "2025-04-03", "2025-04-03");
    assert_int_equal(p.value_day, day("2025-04-03"));
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

/* ---- allocation failures -------------------------------------------------- */

/* An edition of a periodic event is a date: told in the future it bounds
 * the publication from above, in the past from below.  The verb of a
 * relative clause after it ("which has seen") is another clause's. */
static void test_ordinal_editions(void **state)
{
    fixture f = open_rules();
    sl_pubdate p = infer(&f, "The minister will attend the opening of the 24th Winter Olympic "
                             "Games, which has seen several boycotts, officials said.", NULL);
    const sl_pubdate_evidence *e = evidence(&p, SL_PUBDATE_ORDINAL);
    assert_int_equal(e->weight > 0, 1);
    expect_interval(&p, NULL, "2022-02-04");
    sl_pubdate_release(f.ctx, &p);

    p = infer(&f, "Delegates met in Beijing after the 20th National Congress of the Communist "
                  "Party of China closed.", NULL);
    assert_true(p.earliest_day >= day("2022-10-16"));
    assert_int_equal(p.latest_day, SL_TIMEX_NO_DAY);
    sl_pubdate_release(f.ctx, &p);

    /* An edition the rule file does not list is no date. */
    p = infer(&f, "Athletes will compete at the 40th Winter Olympic Games.", NULL);
    expect_interval(&p, NULL, NULL);
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

/* A year before an event noun dates the event ("will attend the 2022
 * Olympics"), while a year naming a thing does not ("the 1991
 * constitution"); "hope to have" is no past tense. */
static void test_year_of_an_event(void **state)
{
    fixture f = open_rules();
    sl_pubdate p = infer(&f, "The president will attend the 2028 Olympics in person.", NULL);
    expect_interval(&p, NULL, "2028-12-31");
    sl_pubdate_release(f.ctx, &p);

    p = infer(&f, "Lawmakers will amend the 1991 constitution next year.", NULL);
    expect_interval(&p, NULL, NULL);
    sl_pubdate_release(f.ctx, &p);

    p = infer(&f, "Campaigners hope to have a new stadium by the opening of the 2032 Olympics.",
              NULL);
    assert_int_equal(p.earliest_day, SL_TIMEX_NO_DAY);
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

/* A full date in a short paragraph with a photo credit is when the photo
 * was taken: the text came later.  The same date elsewhere bounds nothing. */
static void test_caption_dates(void **state)
{
    fixture f = open_rules();
    sl_pubdate p = infer(&f, "The two leaders spoke for two hours about trade.\n\n"
                             "Delegates walk to the hall in Geneva, June 16, 2021. "
                             "REUTERS/Jane Example\n\nThe talks covered energy.", NULL);
    assert_int_equal(evidence(&p, SL_PUBDATE_CAPTION)->used, 1);
    expect_interval(&p, "2021-06-16", NULL);
    sl_pubdate_release(f.ctx, &p);

    p = infer(&f, "Delegates walk to the hall in Geneva, June 16, 2021, a spokesman noted "
                  "in passing.\n\nThe talks covered energy.", NULL);
    assert_int_equal(p.earliest_day, SL_TIMEX_NO_DAY);
    sl_pubdate_release(f.ctx, &p);
    close_rules(&f);
}

/* Captions the clean step moved out of the text are given beside it: their
 * dates bound the document the same way, with offsets into the captions,
 * and only for the next extraction. */
static void test_captions_given_apart(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    o.entities = o.quotes = 0;
    o.time_rules = EN_RULES;
    sl_facts *facts = NULL;
    sl_facts_doc *d = NULL;
    assert_int_equal(sl_facts_new(ctx, &facts, &o), SL_OK);
    assert_int_equal(sl_facts_doc_new(ctx, &d), SL_OK);
    const char *text = "The two leaders spoke for two hours about trade and energy.";
    const char *captions = "Ministers arrive in Oslo.\nThe hall on March 3, 2020, before the talks.";
    assert_int_equal(sl_facts_set_captions(d, captions, strlen(captions)), SL_OK);
    assert_int_equal(sl_facts_extract(facts, d, text, strlen(text), NULL, 0, NULL, 0), SL_OK);
    const sl_fact_published *p = sl_facts_published(d);
    assert_non_null(p);
    assert_string_equal(p->earliest, "2020-03-03");
    assert_string_equal(p->latest, "");
    assert_int_equal(p->n_evidence, 1);
    assert_string_equal(p->evidence[0].kind, "caption");
    assert_int_equal(p->evidence[0].in_captions, 1);
    assert_memory_equal(captions + p->evidence[0].start, "March 3, 2020", 13);

    /* The next document has no captions unless it is given its own. */
    assert_int_equal(sl_facts_extract(facts, d, text, strlen(text), NULL, 0, NULL, 0), SL_OK);
    assert_string_equal(sl_facts_published(d)->earliest, "");
    assert_int_equal(sl_facts_published(d)->n_evidence, 0);
    assert_int_equal(sl_facts_set_captions(d, NULL, 3), SL_EINVAL);
    assert_int_equal(sl_facts_set_captions(NULL, captions, 3), SL_EINVAL);
    sl_facts_doc_free(d);
    sl_facts_free(facts);
    sl_ctx_free(ctx);
}

/* Members of one event: the pinned ones (narrow own intervals) bound the
 * others, a given date is kept, and own evidence that disagrees wins. */
static void test_group_dates(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    const sl_published_member m[] = {
        { "2021-12-15", "2021-12-16", 0 }, /* pinned: a dateline and a weekday */
        { "", "", 0 },                     /* nothing in its own text */
        { "2021-06-16", "", 0 },           /* a caption: after June */
        { "2021-12-20", "2021-12-20", 1 }, /* given: kept, and it pins too */
        { "", "2019-01-01", 0 },           /* its own text says before 2019 */
    };
    sl_published_group_result out[5];
    assert_int_equal(sl_published_group(ctx, m, 5, 7, out), SL_OK);
    assert_int_equal(out[0].narrowed, 0);
    assert_string_equal(out[0].earliest, "2021-12-15");
    assert_int_equal(out[1].narrowed, 1);
    assert_string_equal(out[1].earliest, "2021-12-08");
    assert_string_equal(out[1].latest, "2021-12-27");
    assert_int_equal(out[1].first_from, 0);
    assert_int_equal(out[1].last_from, 3);
    assert_int_equal(out[2].narrowed, 1);
    assert_string_equal(out[2].earliest, "2021-12-08");
    assert_int_equal(out[3].narrowed, 0);
    assert_string_equal(out[3].latest, "2021-12-20");
    assert_int_equal(out[4].narrowed, 0);
    assert_string_equal(out[4].earliest, "");
    assert_string_equal(out[4].latest, "2019-01-01");

    /* No pinned member: nothing changes. */
    const sl_published_member open[] = { { "2020-01-01", "", 0 }, { "", "", 0 } };
    assert_int_equal(sl_published_group(ctx, open, 2, 7, out), SL_OK);
    assert_int_equal(out[0].narrowed + out[1].narrowed, 0);
    assert_string_equal(out[0].earliest, "2020-01-01");
    assert_int_equal(sl_published_group(ctx, open, 0, 7, NULL), SL_OK);
    assert_int_equal(sl_published_group(ctx, NULL, 2, 7, out), SL_EINVAL);
    assert_int_equal(sl_published_group(ctx, open, 2, -1, out), SL_EINVAL);
    assert_non_null(strstr(sl_errmsg(ctx), "window"));
    sl_ctx_free(ctx);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    fixture f = open_rules();
    const char *text = "LISBON, May 4 (Wire) - The congress was held on March 2, 2023 and will "
                       "meet on October 10-12, 2023. On Friday, more than a year after June 1, "
                       "2022, delegates met; in 2023 they voted.";
    sl_pubdate want = infer(&f, text, NULL);
    int succeeded = 0;
    for (uint64_t k = 1; k < 400 && !succeeded; k++) {
        uint64_t base = sl_ctx_alloc_count(f.ctx);
        sl_ctx_set_fail_alloc_after(f.ctx, base + k);
        sl_pubdate p;
        int rc = sl_pubdate_infer(f.ctx, f.rules, text, strlen(text), NULL, 0, &p);
        sl_ctx_set_fail_alloc_after(f.ctx, 0);
        if (rc) {
            assert_int_equal(rc, SL_ENOMEM);
            assert_null(p.evidence);
            assert_int_equal(p.value_day, SL_TIMEX_NO_DAY);
            continue;
        }
        assert_int_equal(p.value_day, want.value_day);
        assert_int_equal(p.earliest_day, want.earliest_day);
        assert_int_equal(p.latest_day, want.latest_day);
        assert_int_equal(p.n_evidence, want.n_evidence);
        sl_pubdate_release(f.ctx, &p);
        succeeded = 1;
    }
    assert_true(succeeded);
    sl_pubdate_release(f.ctx, &want);
    close_rules(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_datelines),        cmocka_unit_test(test_tensed_dates),
        cmocka_unit_test(test_weekday_and_years), cmocka_unit_test(test_conflicts),
        cmocka_unit_test(test_given_date),       cmocka_unit_test(test_no_evidence),
        cmocka_unit_test(test_absurd_dates),     cmocka_unit_test(test_names_and_timex),
        cmocka_unit_test(test_yearless_takes_no_mentioned_year),
        cmocka_unit_test(test_years_bound_by_tense),
        cmocka_unit_test(test_value_needs_the_year),
        cmocka_unit_test(test_ordinal_editions),
        cmocka_unit_test(test_year_of_an_event),
        cmocka_unit_test(test_caption_dates),
        cmocka_unit_test(test_captions_given_apart),
        cmocka_unit_test(test_group_dates),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
