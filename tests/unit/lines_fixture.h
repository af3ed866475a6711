/* The line-classifier fixture shared by test_lines.c and test_lines_cues.c:
 * a classifier with its own context, and assertions on its result. */
#ifndef SL_LINES_FIXTURE_H
#define SL_LINES_FIXTURE_H

#include "test_util.h"

#include "clean/lines.h"
#include "clean/normalize.h"
#include "core/rewrite.h"

/* A classifier with its own context and result array. */
typedef struct fixture {
    sl_ctx *ctx;
    sl_linestate *st;
    sl_line_class *cls;
    size_t n, cap;
    const char *text;
} fixture;

static void fx_open(fixture *fx)
{
    memset(fx, 0, sizeof *fx);
    fx->ctx = test_ctx();
    assert_int_equal(sl_linestate_new(fx->ctx, &fx->st), SL_OK);
}

static void fx_close(fixture *fx)
{
    sl_free(fx->ctx, fx->cls);
    sl_linestate_free(fx->st);
    sl_ctx_free(fx->ctx);
}

static void classify_src(fixture *fx, const char *text, const char *source)
{
    fx->text = text;
    assert_int_equal(sl_classify_lines(fx->st, text, strlen(text), source,
                                       source ? strlen(source) : 0, &fx->cls, &fx->n, &fx->cap),
                     SL_OK);
}

static void classify(fixture *fx, const char *text)
{
    classify_src(fx, text, NULL);
}

/* The class of the line that contains `needle`. */
static const sl_line_class *line_with(const fixture *fx, const char *needle)
{
    for (size_t i = 0; i < fx->n; i++) {
        const sl_line_class *c = &fx->cls[i];
        size_t len = c->end - c->start, nl = strlen(needle);
        for (size_t k = 0; k + nl <= len; k++)
            if (memcmp(fx->text + c->start + k, needle, nl) == 0)
                return c;
    }
    fail_msg("no line contains '%s'", needle);
    return NULL;
}

static void assert_kind(const fixture *fx, const char *needle, int kind, const char *reason)
{
    const sl_line_class *c = line_with(fx, needle);
    if (c->kind != kind)
        fail_msg("'%s': kind %d, expected %d (reason %s)", needle, c->kind, kind,
                 c->reason ? c->reason : "none");
    if (reason) {
        assert_non_null(c->reason);
        assert_string_equal(c->reason, reason);
    } else if (kind == SL_LINE_BODY || kind == SL_LINE_BLANK) {
        assert_null(c->reason);
    }
}

static void assert_body(const fixture *fx, const char *needle)
{
    assert_kind(fx, needle, SL_LINE_BODY, NULL);
}

static void assert_boiler(const fixture *fx, const char *needle, const char *reason)
{
    assert_kind(fx, needle, SL_LINE_BOILERPLATE, reason);
}

#define PARA1 "The city council approved the new budget on Tuesday after a long debate, " \
              "with most members backing a plan to repair roads and expand bus routes.\n"
#define PARA2 "Opponents said the plan relied on optimistic revenue forecasts and warned " \
              "that taxes might have to rise next year if the economy slowed down.\n"
#define PARA3 "The mayor said the vote showed that the council could agree on long-term " \
              "investment, and promised to publish monthly reports on the work.\n"
#define PARA4 "Construction on the first roads is expected to begin in the spring, once the " \
              "contracts have been awarded and the winter weather has passed.\n"

#endif
