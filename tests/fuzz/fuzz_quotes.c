/* Fuzz target: quote extraction (src/facts/quotes*.c).  The quote finder
 * runs on the whole input with entity hints made up from it (every run of
 * capitalised words is a person, or an organisation when it ends in "s"),
 * and then, as `storyline facts` runs it, behind the NER tagger with the
 * shipped model (data/models/ner-en.slm, loaded once per process) on the
 * first 8 KB: entities are the hints and name the speakers. */
#include "fuzz_util.h"

#include "facts/quotes.h"

#define NER_MAX ((size_t)8 << 10)

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_alpha(unsigned char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }

/* Sorted, non-overlapping hints: runs of capitalised words. */
static size_t make_hints(const char *s, size_t len, sl_quote_entity *out, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        if (!is_upper((unsigned char)s[i]) || (i && is_alpha((unsigned char)s[i - 1]))) {
            i++;
            continue;
        }
        size_t start = i, end = i;
        while (end < len && is_upper((unsigned char)s[end])) {
            while (end < len && is_alpha((unsigned char)s[end]))
                end++;
            if (end + 1 < len && s[end] == ' ' && is_upper((unsigned char)s[end + 1]))
                end++;
            else
                break;
        }
        out[n++] = (sl_quote_entity){ start, end,
                                      s[end - 1] == 's' ? SL_QENT_ORG : SL_QENT_PER };
        i = end;
    }
    return n;
}

static void check_quotes(const sl_quote *q, size_t n, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(q[i].content_start <= q[i].content_end && q[i].content_end <= len);
        if (q[i].has_source)
            FUZZ_CHECK(q[i].source_start <= q[i].source_end && q[i].source_end <= len);
        if (q[i].has_cue)
            FUZZ_CHECK(q[i].cue_start <= q[i].cue_end && q[i].cue_end <= len);
        if (q[i].has_speaker)
            FUZZ_CHECK(q[i].speaker_start <= q[i].speaker_end && q[i].speaker_end <= len);
        FUZZ_CHECK(sl_quote_kind_name(q[i].kind) != NULL);
        if (i)
            FUZZ_CHECK(q[i].content_start >= q[i - 1].content_start);
    }
}

static void find_with_hints(sl_ctx *ctx, const char *text, size_t len)
{
    static sl_quote_entity hints[256];
    size_t nh = make_hints(text, len, hints, 256);
    for (int pass = 0; pass < 2; pass++) {
        sl_quote *q = NULL;
        size_t n = 0;
        int rc = sl_quotes_find(ctx, text, len, pass ? hints : NULL, pass ? nh : 0, &q, &n);
        FUZZ_CHECK(rc == SL_OK);
        check_quotes(q, n, len);
        sl_free(ctx, q);
    }
}

static const sl_facts *ner_facts(void)
{
    static sl_ctx *ctx;
    static sl_facts *facts;
    if (!facts) {
        char path[4096];
        sl_facts_options o = SL_FACTS_OPTIONS_INIT;
        o.ner_model = fuzz_data_path("models/ner-en.slm", path, sizeof path);
        o.timex = o.published = 0;
        ctx = fuzz_ctx();
        if (sl_facts_new(ctx, &facts, &o) != SL_OK) {
            fprintf(stderr, "fuzz_quotes: %s\n", sl_errmsg(ctx));
            abort();
        }
    }
    return facts;
}

static void find_with_ner(sl_ctx *ctx, const char *text, size_t len)
{
    sl_facts_doc *d = NULL;
    if (sl_facts_doc_new(ctx, &d) != SL_OK)
        abort();
    if (sl_facts_extract(ner_facts(), d, text, len, "Fuzz title", 10, NULL, 0) == SL_OK) {
        const sl_fact_quote *q;
        size_t n = sl_facts_quotes(d, &q);
        for (size_t i = 0; i < n; i++) {
            FUZZ_CHECK(q[i].content_start <= q[i].content_end && q[i].content_end <= len);
            FUZZ_CHECK(!q[i].has_speaker || q[i].speaker != NULL);
        }
        const sl_fact_entity *e;
        n = sl_facts_entities(d, &e);
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(e[i].start < e[i].end && e[i].end <= len && e[i].canonical);
    }
    sl_facts_doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    const char *text = (const char *)data;
    sl_ctx *ctx = fuzz_ctx();
    find_with_hints(ctx, text, size);
    find_with_ner(ctx, text, size < NER_MAX ? size : NER_MAX);
    sl_ctx_free(ctx);
    return 0;
}
