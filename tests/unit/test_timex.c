/* Temporal expressions (src/facts/timex_*.c): rule files, matching,
 * normalisation against a reference date, bad input and allocation
 * failures.  The sentences are our own. */
#include "test_util.h"
#include "facts/timex.h"
#include "facts/timex_internal.h"

#define EN_RULES SL_SOURCE_DIR "/data/time/en.rules"
#define DE_RULES SL_SOURCE_DIR "/data/time/de.rules"

typedef struct fixture {
    sl_ctx *ctx;
    sl_timex_rules *rules;
} fixture;

static fixture open_rules(const char *path)
{
    fixture f = { test_ctx(), NULL };
    int rc = sl_timex_rules_load(f.ctx, path, &f.rules);
    if (rc)
        fail_msg("%s", sl_errmsg(f.ctx));
    return f;
}

static void close_rules(fixture *f)
{
    sl_timex_rules_free(f->rules);
    sl_ctx_free(f->ctx);
}

typedef struct found {
    sl_timex *v;
    size_t n;
} found;

static found find(fixture *f, const char *text, const char *ref)
{
    found r;
    assert_int_equal(sl_timex_find(f->ctx, f->rules, text, strlen(text), ref, &r.v, &r.n), SL_OK);
    return r;
}

/* The expression whose span is `span` (first occurrence), or fail. */
static sl_timex expect_span(fixture *f, const char *text, const char *ref, const char *span,
                            const char *type, const char *value)
{
    found r = find(f, text, ref);
    const char *at = strstr(text, span);
    assert_non_null(at);
    size_t start = (size_t)(at - text), end = start + strlen(span);
    for (size_t i = 0; i < r.n; i++) {
        if (r.v[i].start == start && r.v[i].end == end) {
            sl_timex t = r.v[i];
            sl_free(f->ctx, r.v);
            assert_string_equal(sl_timex_type_name(t.type), type);
            assert_string_equal(t.value, value);
            return t;
        }
    }
    for (size_t i = 0; i < r.n; i++)
        print_message("  found [%.*s] %s\n", (int)(r.v[i].end - r.v[i].start), text + r.v[i].start,
                      r.v[i].value);
    sl_free(f->ctx, r.v);
    fail_msg("no expression '%s' in '%s'", span, text);
    return (sl_timex){ 0 };
}

static size_t count(fixture *f, const char *text, const char *ref)
{
    found r = find(f, text, ref);
    sl_free(f->ctx, r.v);
    return r.n;
}

typedef struct example {
    const char *text, *span, *type, *value;
} example;

/* ---- English ---------------------------------------------------------- */

static void test_english_dates(void **state)
{
    (void)state;
    static const example ex[] = {
        { "The summit ran on September 15-16 in Oslo.", "September 15-16", "DATE", "2021-09-15" },
        { "She was born on June 16, 2021, at dawn.", "June 16, 2021", "DATE", "2021-06-16" },
        { "The form is dated 15/12/2021 in the file.", "15/12/2021", "DATE", "2021-12-15" },
        { "Music changed in the 1990s for good.", "the 1990s", "DATE", "199" },
        { "The mill closed in 2021.", "2021", "DATE", "2021" },
        { "The bridge opened Sept. 3 after repairs.", "Sept. 3", "DATE", "2021-09-03" },
        { "Profits rose in the third quarter.", "the third quarter", "DATE", "2021-Q3" },
        { "The company reported Q3 2021 earnings.", "Q3 2021", "DATE", "2021-Q3" },
        { "Fiscal 2020 was hard.", "Fiscal 2020", "DATE", "2020" },
        { "They married in the spring of 2023 in Rome.", "the spring of 2023", "DATE", "2023-SP" },
        { "Prices fell in March 2020.", "March 2020", "DATE", "2020-03" },
        { "Rents climbed in the 20th century.", "the 20th century", "DATE", "19" },
    };
    fixture f = open_rules(EN_RULES);
    for (size_t i = 0; i < sizeof ex / sizeof *ex; i++)
        expect_span(&f, ex[i].text, "2021-06-16", ex[i].span, ex[i].type, ex[i].value);
    close_rules(&f);
}

static void test_english_relative(void **state)
{
    (void)state;
    /* 2021-06-16 is a Wednesday. */
    static const example ex[] = {
        { "The council met yesterday.", "yesterday", "DATE", "2021-06-15" },
        { "Talks resume next week.", "next week", "DATE", "2021-W25" },
        { "Sales slowed last month.", "last month", "DATE", "2021-05" },
        { "The plant opened two years ago.", "two years ago", "DATE", "2019" },
        { "He left more than a year ago.", "more than a year ago", "DATE", "2020" },
        { "Output doubled this year.", "this year", "DATE", "2021" },
        { "Rain fell earlier this month.", "earlier this month", "DATE", "2021-06" },
        { "The shop is busy now.", "now", "DATE", "PRESENT_REF" },
        { "Costs have risen recently.", "recently", "DATE", "PAST_REF" },
        { "The ferry sank on May 4, 1998. It had been repaired ten days earlier.",
          "ten days earlier", "DATE", "1998-04-24" },
    };
    fixture f = open_rules(EN_RULES);
    for (size_t i = 0; i < sizeof ex / sizeof *ex; i++)
        expect_span(&f, ex[i].text, "2021-06-16", ex[i].span, ex[i].type, ex[i].value);
    close_rules(&f);
}

static void test_tense_decides_weekday(void **state)
{
    (void)state;
    fixture f = open_rules(EN_RULES);
    /* Reference Friday 2021-06-18. */
    sl_timex t = expect_span(&f, "The ministers will meet on Wednesday.", "2021-06-18", "Wednesday",
                             "DATE", "2021-06-23");
    assert_int_equal(t.dir, 1);
    assert_true(t.flags & SL_TIMEX_TENSE);
    t = expect_span(&f, "The ministers met on Wednesday.", "2021-06-18", "Wednesday", "DATE",
                    "2021-06-16");
    assert_int_equal(t.dir, -1);
    expect_span(&f, "The board plans to vote Monday.", "2021-06-18", "Monday", "DATE", "2021-06-21");
    expect_span(&f, "The board is due to vote Monday.", "2021-06-18", "Monday", "DATE", "2021-06-21");
    expect_span(&f, "Voting ended last Monday.", "2021-06-18", "last Monday", "DATE", "2021-06-14");
    close_rules(&f);
}

static void test_anchor_chain(void **state)
{
    (void)state;
    fixture f = open_rules(EN_RULES);
    const char *text = "The treaty was signed on March 3, 2020. A day earlier, the envoys arrived.";
    sl_timex t = expect_span(&f, text, "2021-06-16", "A day earlier", "DATE", "2020-03-02");
    assert_true(t.flags & SL_TIMEX_ANCHORED);
    /* Without an earlier date the reference date is the anchor. */
    expect_span(&f, "A day earlier, the envoys arrived.", "2021-06-16", "A day earlier", "DATE",
                "2021-06-15");
    close_rules(&f);
}

static void test_times_durations_sets(void **state)
{
    (void)state;
    static const example ex[] = {
        { "The vote closes at 3 p.m. sharp.", "3 p.m.", "TIME", "2021-06-16T15:00" },
        { "Trading stopped at 10:30 GMT.", "10:30 GMT", "TIME", "2021-06-16T10:30" },
        { "They signed a 20-year lease.", "20-year", "DURATION", "P20Y" },
        { "The strike lasted three months.", "three months", "DURATION", "P3M" },
        { "Repairs took a decade.", "a decade", "DURATION", "P10Y" },
        { "The market opens every Friday.", "every Friday", "SET", "XXXX-WXX-5" },
        { "The paper appears weekly.", "weekly", "SET", "P1W" },
        { "Storms hit yesterday morning.", "yesterday morning", "TIME", "2021-06-15TMO" },
    };
    fixture f = open_rules(EN_RULES);
    for (size_t i = 0; i < sizeof ex / sizeof *ex; i++)
        expect_span(&f, ex[i].text, "2021-06-16", ex[i].span, ex[i].type, ex[i].value);
    close_rules(&f);
}

static void test_without_reference(void **state)
{
    (void)state;
    fixture f = open_rules(EN_RULES);
    sl_timex t = expect_span(&f, "They met on Wednesday.", NULL, "Wednesday", "DATE", "XXXX-WXX-3");
    assert_true(t.flags & SL_TIMEX_UNDERSPECIFIED);
    assert_int_equal(t.first_day, SL_TIMEX_NO_DAY);
    expect_span(&f, "They met yesterday.", "", "yesterday", "DATE", "XXXX-XX-XX");
    expect_span(&f, "It opens June 16.", NULL, "June 16", "DATE", "XXXX-06-16");
    t = expect_span(&f, "It closed two years ago.", NULL, "two years ago", "DATE", "XXXX");
    assert_int_equal(t.offset, -2);
    assert_int_equal(t.unit, 'Y');
    expect_span(&f, "It closed in 2019.", NULL, "2019", "DATE", "2019");
    close_rules(&f);
}

static void test_interval_days(void **state)
{
    (void)state;
    fixture f = open_rules(EN_RULES);
    sl_timex t = expect_span(&f, "Prices fell in March 2020.", NULL, "March 2020", "DATE", "2020-03");
    assert_int_equal(t.first_day, tx_days_from_civil(2020, 3, 1));
    assert_int_equal(t.last_day, tx_days_from_civil(2020, 3, 31));
    t = expect_span(&f, "The summit ran on September 15-16, 2021.", NULL, "September 15-16, 2021",
                    "DATE", "2021-09-15");
    assert_true(t.flags & SL_TIMEX_RANGE);
    assert_int_equal(t.last_day - t.first_day, 1);
    /* Seasons cover their months (winter from the December before). */
    t = expect_span(&f, "They will visit in the spring of 2023.", NULL, "the spring of 2023", "DATE",
                    "2023-SP");
    assert_int_equal(t.first_day, tx_days_from_civil(2023, 3, 1));
    assert_int_equal(t.last_day, tx_days_from_civil(2023, 5, 31));
    /* The tense of the verbs is kept, also without a reference date. */
    t = expect_span(&f, "The summit will be held on September 15-16.", NULL, "September 15-16",
                    "DATE", "XXXX-09-15");
    assert_int_equal(t.tense, 1);
    close_rules(&f);
}

/* ---- reports, context, spoken years ------------------------------------ */

static void test_reports_and_context(void **state)
{
    (void)state;
    fixture f = open_rules(EN_RULES);
    const char *ref = "1989-11-01";
    /* The quarter a report is about: the latest one named before the
     * reference; "a year earlier" is that quarter a year back. */
    const char *report = "Profit rose in the third quarter. A year earlier, it fell. The year-ago "
                         "quarter was weak, and for the quarter sales rose.";
    expect_span(&f, report, ref, "the third quarter", "DATE", "1989-Q3");
    expect_span(&f, report, ref, "A year earlier", "DATE", "1988-Q3");
    expect_span(&f, report, ref, "The year-ago quarter", "DATE", "1988-Q3");
    expect_span(&f, report, ref, "the quarter", "DATE", "1989-Q3");
    /* Without a quarter named, "the quarter" is the last one ended. */
    expect_span(&f, "Sales rose in the quarter.", ref, "the quarter", "DATE", "1989-Q3");
    expect_span(&f, "A year earlier, it fell.", ref, "A year earlier", "DATE", "1988");
    /* A quarter without its year is a reported one unless it is the next. */
    expect_span(&f, "Sales in the first quarter rose.", ref, "the first quarter", "DATE",
                "1989-Q1");
    /* "that year" follows the last year named, not only full dates. */
    expect_span(&f, "He moved in 1998. Later that year he left.", "2000-01-28", "that year", "DATE",
                "1998");
    /* A time of day in the sentence of a date is on that date. */
    expect_span(&f, "On March 3, 2021, at 5 p.m., the polls closed.", "2021-06-16", "5 p.m.",
                "TIME", "2021-03-03T17:00");
    expect_span(&f, "Bids are due at 5 p.m. EST, Nov. 6.", "1989-11-02", "5 p.m. EST, Nov. 6",
                "TIME", "1989-11-06T17:00");
    /* Spoken years and holidays on an n-th weekday. */
    expect_span(&f, "It began in nineteen ninety-six and ended.", "1998-01-15",
                "nineteen ninety-six", "DATE", "1996");
    expect_span(&f, "They met on Thanksgiving Day.", "1999-11-30", "Thanksgiving Day", "DATE",
                "1999-11-25");
    /* A year after a determiner or a preposition, even before a word. */
    expect_span(&f, "Its 1990 invasion failed.", "1998-01-15", "1990", "DATE", "1990");
    expect_span(&f, "Since 1990 prices rose.", "1998-01-15", "1990", "DATE", "1990");
    /* "for years": the bare plural is a vague duration. */
    expect_span(&f, "They have waited for years.", "1998-01-15", "years", "DURATION", "PXY");
    /* Rates, fractions, ordinals and index values are no expressions. */
    assert_int_equal(count(&f, "It saves $2 million a year.", ref), 0);
    assert_int_equal(count(&f, "Iraq imports about three-quarters of its food.", ref), 0);
    assert_int_equal(count(&f, "A second group of directors resigned.", ref), 0);
    assert_int_equal(count(&f, "The index closed at 2082.1 points.", ref), 0);
    close_rules(&f);
}

/* ---- bad input --------------------------------------------------------- */

static void test_bad_text(void **state)
{
    (void)state;
    fixture f = open_rules(EN_RULES);
    /* An impossible day falls back to the month alone. */
    expect_span(&f, "It was due on February 30.", "2021-06-16", "February", "DATE", "2021-02");
    assert_int_equal(count(&f, "In the year 99999 nothing happened.", "2021-06-16"), 0);
    assert_int_equal(count(&f, "Mix 3/4 of the flour.", "2021-06-16"), 0);
    assert_int_equal(count(&f, "They sent 2022 troops.", "2021-06-16"), 0);
    assert_int_equal(count(&f, "It cost $2021 and 1,999 people came.", "2021-06-16"), 0);
    /* Invalid UTF-8 and NUL bytes are punctuation, not a crash. */
    const char bin[] = "\xff\xfe June 16 \xc3\x28 \0 2021 \xe2\x82";
    found r;
    assert_int_equal(sl_timex_find(f.ctx, f.rules, bin, sizeof bin - 1, "2021-06-16", &r.v, &r.n),
                     SL_OK);
    assert_true(r.n >= 1);
    sl_free(f.ctx, r.v);
    /* A bad reference date is an argument error. */
    assert_int_equal(sl_timex_find(f.ctx, f.rules, "now", 3, "2021-13-01", &r.v, &r.n), SL_EINVAL);
    assert_int_equal(sl_timex_find(f.ctx, f.rules, "now", 3, "June", &r.v, &r.n), SL_EINVAL);
    assert_int_equal(sl_timex_find(f.ctx, NULL, "now", 3, NULL, &r.v, &r.n), SL_EINVAL);
    /* Empty text. */
    assert_int_equal(sl_timex_find(f.ctx, f.rules, NULL, 0, NULL, &r.v, &r.n), SL_OK);
    assert_int_equal(r.n, 0);
    close_rules(&f);
}

static void test_one_megabyte(void **state)
{
    (void)state;
    fixture f = open_rules(EN_RULES);
    const char *unit = "The council met on Wednesday and will meet again next week; "
                       "in 2021, some 2022 troops left 3/4 of the 10:30 GMT posts. ";
    size_t ul = strlen(unit), n = (1u << 20) / ul + 1;
    char *text = malloc(n * ul + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * ul, unit, ul);
    text[n * ul] = '\0';
    found r;
    assert_int_equal(sl_timex_find(f.ctx, f.rules, text, n * ul, "2021-06-16", &r.v, &r.n), SL_OK);
    assert_int_equal(r.n, 4 * n); /* Wednesday, next week, 2021, 10:30 GMT */
    for (size_t i = 1; i < r.n; i++)
        assert_true(r.v[i].start >= r.v[i - 1].end);
    sl_free(f.ctx, r.v);
    free(text);
    close_rules(&f);
}

/* ---- rule files -------------------------------------------------------- */

static void expect_rules_error(const char *text, const char *message)
{
    sl_ctx *ctx = test_ctx();
    sl_timex_rules *r = (sl_timex_rules *)1;
    assert_int_equal(sl_timex_rules_load_mem(ctx, "bad.rules", text, strlen(text), &r), SL_EPARSE);
    assert_null(r);
    if (!strstr(sl_errmsg(ctx), message))
        fail_msg("'%s' does not contain '%s'", sl_errmsg(ctx), message);
    sl_ctx_free(ctx);
}

static void test_bad_rules(void **state)
{
    (void)state;
    expect_rules_error("list M a=1\nDATE date : @X:m", "bad.rules:2: unknown list");
    expect_rules_error("DATE date : #1-31:zz", "bad.rules:1: unknown slot");
    expect_rules_error("DATE frobnicate : now", "bad.rules:1: unknown action");
    expect_rules_error("# c\n\nDATE date : ( now | then", "bad.rules:3: unclosed '('");
    expect_rules_error("DATE date : now )", "bad.rules:1: unbalanced");
    expect_rules_error("DATE date : now?", "bad.rules:1: the pattern can match nothing");
    expect_rules_error("DATE date : #31-1", "bad.rules:1: bad number range");
    expect_rules_error("DATE date now", "bad.rules:1: a rule is");
    expect_rules_error("WHEN date : now", "bad.rules:1: unknown directive");
    expect_rules_error("list M a=1\nlist M b=2", "bad.rules:2: list defined twice");
    expect_rules_error("  a=1", "bad.rules:1: indented line");
    expect_rules_error("DATE date : now:y", "bad.rules:1: a literal cannot fill a slot");
    expect_rules_error("DATE date : \"now", "bad.rules:1: unclosed quote");
    expect_rules_error("cue sometimes will", "bad.rules:1: unknown cue kind");
    expect_rules_error("DATE date : %lower now", "bad.rules:1: a pattern cannot start with %lower");
    expect_rules_error("list M a=1\n", "no rules");
    expect_rules_error("DATE date m=13x y : now", "bad.rules:1: expected slot=value");

    sl_ctx *ctx = test_ctx();
    sl_timex_rules *r = NULL;
    assert_int_equal(sl_timex_rules_load(ctx, "/nonexistent/time.rules", &r), SL_EIO);
    assert_non_null(strstr(sl_errmsg(ctx), "/nonexistent/time.rules"));
    sl_timex_rules_free(NULL);
    sl_ctx_free(ctx);
}

static void test_small_rules_in_memory(void **state)
{
    (void)state;
    const char *text = "language xx\n"
                       "list DAY blip=1 blop=2\n"
                       "DATE weekday : @DAY:w\n"
                       "DURATION duration u=D : #1-99:n zork\n";
    fixture f = { test_ctx(), NULL };
    assert_int_equal(sl_timex_rules_load_mem(f.ctx, "mini", text, strlen(text), &f.rules), SL_OK);
    assert_string_equal(sl_timex_rules_language(f.rules), "xx");
    expect_span(&f, "We meet on blop after 12 zork.", "2021-06-16", "blop", "DATE", "2021-06-15");
    expect_span(&f, "We meet on blop after 12 zork.", "2021-06-16", "12 zork", "DURATION", "P12D");
    close_rules(&f);
}

/* ---- a second language -------------------------------------------------- */

static void test_german(void **state)
{
    (void)state;
    static const example ex[] = {
        { "Der Vertrag vom 15. Juni 2021 gilt.", "15. Juni 2021", "DATE", "2021-06-15" },
        { "Die Frist endet am 16.12.2021 um Mitternacht.", "16.12.2021", "DATE", "2021-12-16" },
        { "Das Werk schloss vor zwei Jahren.", "vor zwei Jahren", "DATE", "2019" },
        { "Die Firma wuchs letzte Woche.", "letzte Woche", "DATE", "2021-W23" },
        { "Der Rat tagte gestern.", "gestern", "DATE", "2021-06-15" },
        { "Der Streik dauerte drei Monate.", "drei Monate", "DURATION", "P3M" },
        { "Der Markt ist jeden Freitag offen.", "jeden Freitag", "SET", "XXXX-WXX-5" },
        { "Die Sitzung beginnt um 10:30 Uhr.", "10:30 Uhr", "TIME", "2021-06-16T10:30" },
    };
    fixture f = open_rules(DE_RULES);
    assert_string_equal(sl_timex_rules_language(f.rules), "de");
    for (size_t i = 0; i < sizeof ex / sizeof *ex; i++)
        expect_span(&f, ex[i].text, "2021-06-16", ex[i].span, ex[i].type, ex[i].value);
    /* Tense: reference Friday 2021-06-18. */
    expect_span(&f, "Der Rat wird am Mittwoch tagen.", "2021-06-18", "Mittwoch", "DATE", "2021-06-23");
    expect_span(&f, "Der Rat tagte am Mittwoch, sagte er.", "2021-06-18", "Mittwoch", "DATE",
                "2021-06-16");
    close_rules(&f);
}

/* ---- allocation failures ------------------------------------------------ */

static void test_allocation_failures(void **state)
{
    (void)state;
    size_t len = 0;
    char *rules = test_read_file(EN_RULES, &len);
    assert_non_null(rules);
    const char *text = "The council met on Wednesday, June 16, 2021, and will meet again next "
                       "week; two years ago it met every Friday at 3 p.m.";
    int succeeded = 0;
    for (uint64_t k = 1; k < 100000 && !succeeded; k += 1 + k / 16) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, k);
        sl_timex_rules *r = NULL;
        int rc = sl_timex_rules_load_mem(ctx, "en", rules, len, &r);
        if (rc) {
            assert_int_equal(rc, SL_ENOMEM);
            assert_null(r);
        } else {
            sl_timex *v = NULL;
            size_t n = 0;
            rc = sl_timex_find(ctx, r, text, strlen(text), "2021-06-18", &v, &n);
            if (rc) {
                assert_int_equal(rc, SL_ENOMEM);
                assert_null(v);
            } else {
                assert_int_equal(n, 5); /* "Wednesday, June 16, 2021" is one */
                succeeded = 1;
            }
            sl_free(ctx, v);
        }
        sl_timex_rules_free(r);
        sl_ctx_free(ctx);
    }
    assert_true(succeeded);
    /* Every early failure point during find, with rules loaded normally. */
    fixture f = open_rules(EN_RULES);
    uint64_t base = sl_ctx_alloc_count(f.ctx);
    for (uint64_t k = 1; k < 40; k++) {
        sl_ctx_set_fail_alloc_after(f.ctx, base + k);
        sl_timex *v = NULL;
        size_t n = 0;
        int rc = sl_timex_find(f.ctx, f.rules, text, strlen(text), "2021-06-18", &v, &n);
        assert_true(rc == SL_OK || rc == SL_ENOMEM);
        sl_free(f.ctx, v);
        sl_ctx_set_fail_alloc_after(f.ctx, 0);
        base = sl_ctx_alloc_count(f.ctx);
    }
    close_rules(&f);
    free(rules);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_dates),
        cmocka_unit_test(test_english_relative),
        cmocka_unit_test(test_tense_decides_weekday),
        cmocka_unit_test(test_anchor_chain),
        cmocka_unit_test(test_times_durations_sets),
        cmocka_unit_test(test_without_reference),
        cmocka_unit_test(test_interval_days),
        cmocka_unit_test(test_reports_and_context),
        cmocka_unit_test(test_bad_text),
        cmocka_unit_test(test_one_megabyte),
        cmocka_unit_test(test_bad_rules),
        cmocka_unit_test(test_small_rules_in_memory),
        cmocka_unit_test(test_german),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
