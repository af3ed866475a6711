/* Fuzz target: publication-date inference (src/facts/pubdate*.c) over the
 * English time rules, then the time expressions resolved against the
 * inferred date, as `storyline facts` does.  A first line that starts
 * with a digit is the given date; the text is inferred from without one
 * too. */
#include "fuzz_util.h"

#include "facts/pubdate.h"

static const sl_timex_rules *english_rules(void)
{
    static sl_ctx *ctx;
    static sl_timex_rules *rules;
    if (!rules) {
        char path[4096];
        ctx = fuzz_ctx();
        if (sl_timex_rules_load(ctx, fuzz_data_path("time/en.rules", path, sizeof path), &rules)) {
            fprintf(stderr, "fuzz_pubdate: %s\n", sl_errmsg(ctx));
            abort();
        }
    }
    return rules;
}

static void infer(sl_ctx *ctx, const char *text, size_t len, const char *given, size_t given_len)
{
    sl_pubdate p;
    memset(&p, 0, sizeof p);
    int rc = sl_pubdate_infer(ctx, english_rules(), text, len, given, given_len, &p);
    FUZZ_CHECK(rc == SL_OK || rc == SL_EINVAL);
    if (rc == SL_OK) {
        if (p.earliest_day != SL_TIMEX_NO_DAY && p.latest_day != SL_TIMEX_NO_DAY)
            FUZZ_CHECK(p.earliest_day <= p.latest_day);
        for (size_t i = 0; i < p.n_evidence; i++) {
            const sl_pubdate_evidence *e = &p.evidence[i];
            FUZZ_CHECK(e->start <= e->end && e->end <= len);
            FUZZ_CHECK(memchr(e->text, '\0', sizeof e->text) != NULL);
            FUZZ_CHECK(sl_pubdate_evidence_name(e->kind) != NULL);
        }
        char day[11];
        sl_pubdate_format_day(p.value_day, day, sizeof day);
        sl_timex *tx = NULL;
        size_t n = 0;
        if (sl_pubdate_find_timex(ctx, english_rules(), text, len, &p, &tx, &n) == SL_OK)
            for (size_t i = 0; i < n; i++)
                FUZZ_CHECK(tx[i].start < tx[i].end && tx[i].end <= len);
        sl_free(ctx, tx);
    }
    sl_pubdate_release(ctx, &p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    const char *text = (const char *)data;
    sl_ctx *ctx = fuzz_ctx();
    const char *nl = memchr(text, '\n', size);
    if (size && text[0] >= '0' && text[0] <= '9' && nl && nl - text < 40) {
        size_t given = (size_t)(nl - text);
        infer(ctx, nl + 1, size - given - 1, text, given);
    }
    infer(ctx, text, size, NULL, 0);
    sl_ctx_free(ctx);
    return 0;
}
