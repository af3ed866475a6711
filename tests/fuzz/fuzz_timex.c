/* Fuzz target: the temporal tagger (src/facts/timex_*) with the English
 * rules of data/time/en.rules, loaded once per process.  A first line that
 * starts with a digit is the reference date (a bad one must give
 * SL_EINVAL, nothing worse); otherwise 2021-06-16 is.  The text is also
 * tagged without a reference date. */
#include "fuzz_util.h"

#include "facts/timex.h"

static const sl_timex_rules *english_rules(void)
{
    static sl_ctx *ctx;
    static sl_timex_rules *rules;
    if (!rules) {
        char path[4096];
        ctx = fuzz_ctx();
        if (sl_timex_rules_load(ctx, fuzz_data_path("time/en.rules", path, sizeof path), &rules)) {
            fprintf(stderr, "fuzz_timex: %s\n", sl_errmsg(ctx));
            abort();
        }
    }
    return rules;
}

static void tag(sl_ctx *ctx, const char *text, size_t len, const char *ref)
{
    sl_timex *tx = NULL;
    size_t n = 0;
    int rc = sl_timex_find(ctx, english_rules(), text, len, ref, &tx, &n);
    FUZZ_CHECK(rc == SL_OK || rc == SL_EINVAL);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(tx[i].start < tx[i].end && tx[i].end <= len);
        FUZZ_CHECK(memchr(tx[i].value, '\0', sizeof tx[i].value) != NULL);
        FUZZ_CHECK(tx[i].type >= SL_TIMEX_DATE && tx[i].type <= SL_TIMEX_SET);
        FUZZ_CHECK(sl_timex_type_name(tx[i].type) != NULL);
        if (i)
            FUZZ_CHECK(tx[i].start >= tx[i - 1].start);
    }
    sl_free(ctx, tx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    const char *text = (const char *)data;
    char ref[40] = "2021-06-16";
    const char *nl = memchr(text, '\n', size);
    if (size && text[0] >= '0' && text[0] <= '9' && nl && (size_t)(nl - text) < sizeof ref) {
        memcpy(ref, text, (size_t)(nl - text));
        ref[nl - text] = '\0';
    }
    sl_ctx *ctx = fuzz_ctx();
    tag(ctx, text, size, ref);
    tag(ctx, text, size, NULL);
    sl_ctx_free(ctx);
    return 0;
}
