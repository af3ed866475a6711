/* Fault injection across the stages, as SQLite does it: each job runs a
 * small realistic input once to count its allocations, then again for
 * every N from 1 to that count (with a stride when the count is large),
 * the Nth allocation failing.  Each run must succeed (the allocation was
 * optional) or answer SL_ENOMEM with a message on the context; the handles
 * must then still free cleanly (LeakSanitizer checks that in the ASan
 * build) and, where the API promises it, work again once memory is back:
 * a rerun gives exactly the result of the run that never failed.
 *
 * Jobs: the reader (JSONL with byte order marks and CR-only lines, gzip
 * members, zstd frames, UTF-16 and binary text files, a web page, a JSONL
 * record carrying a page, nested fields), the cleaner (documents and
 * fields), facts (entities, quotes, time expressions, publication date),
 * the HTML extractor and the story index.  The texts are made up for these tests. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "test_util.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define NER_MODEL SL_SOURCE_DIR "/data/models/ner-en.slm"
#define TIME_RULES SL_SOURCE_DIR "/data/time/en.rules"

/* At most this many failing runs per job: beyond it N takes strides. */
#define MAX_RUNS 1500

/* ---------------------------------------------------------------- log */

/* What a run produced, as text, to compare runs. */
typedef struct log_t {
    char *s;
    size_t len, cap;
} log_t;

static void log_printf(log_t *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (l->len + (size_t)n + 1 > l->cap) {
        l->cap = (l->len + (size_t)n + 1) * 2;
        l->s = realloc(l->s, l->cap);
        assert_non_null(l->s);
    }
    va_start(ap, fmt);
    vsnprintf(l->s + l->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    l->len += (size_t)n;
}

static void log_str(log_t *l, const char *label, sl_str s)
{
    log_printf(l, "%s=%.*s\n", label, (int)s.len, s.ptr);
}

static const char *log_text(const log_t *l)
{
    return l->s ? l->s : "";
}

/* The reference run found what the input holds. */
static void expect_in(const log_t *l, const char *want)
{
    if (!strstr(log_text(l), want))
        fail_msg("the reference run lacks '%s' in:\n%s", want, log_text(l));
}

/* ---------------------------------------------------------------- sweep */

typedef struct job {
    const char *name;
    /* Make the handles in *h (swept too when sweep_setup). */
    int (*setup)(sl_ctx *ctx, void **h);
    /* One pass over the input, its results logged.  Called again after a
     * failure, with memory back, when rerun is set. */
    int (*run)(void *h, sl_ctx *ctx, log_t *l);
    void (*teardown)(void *h);
    bool sweep_setup;
    bool rerun;
    /* Check what a failed run's handle does afterwards (may be NULL). */
    void (*after_failure)(void *h, sl_ctx *ctx, const log_t *ref);
} job;

/* The run that never fails: its log, and how many allocations it made. */
static uint64_t reference(const job *j, log_t *ref)
{
    sl_ctx *ctx = test_ctx();
    void *h = NULL;
    sl_ctx_set_fail_alloc_after(ctx, 0); /* counts from here */
    assert_int_equal(j->setup(ctx, &h), SL_OK);
    if (!j->sweep_setup)
        sl_ctx_set_fail_alloc_after(ctx, 0);
    assert_int_equal(j->run(h, ctx, ref), SL_OK);
    uint64_t count = sl_ctx_alloc_count(ctx);
    j->teardown(h);
    sl_ctx_free(ctx);
    return count;
}

/* After SL_ENOMEM: the code and a message are on the context. */
static void expect_enomem(const job *j, sl_ctx *ctx, int rc, uint64_t n)
{
    if (rc != SL_ENOMEM)
        fail_msg("%s: allocation %llu failed, the answer was %d (%s)", j->name,
                 (unsigned long long)n, rc, sl_errmsg(ctx));
    assert_int_equal(sl_errcode(ctx), SL_ENOMEM);
    assert_true(strlen(sl_errmsg(ctx)) > 0);
}

static void sweep(const job *j)
{
    log_t ref = { 0 };
    uint64_t count = reference(j, &ref);
    assert_true(count > 0);
    uint64_t stride = count > MAX_RUNS ? (count + MAX_RUNS - 1) / MAX_RUNS : 1;
    uint64_t failed = 0, optional = 0;
    for (uint64_t n = 1; n <= count; n += stride) {
        sl_ctx *ctx = test_ctx();
        void *h = NULL;
        log_t l = { 0 };
        int rc = SL_OK;
        if (j->sweep_setup) {
            sl_ctx_set_fail_alloc_after(ctx, n);
            rc = j->setup(ctx, &h);
        } else {
            assert_int_equal(j->setup(ctx, &h), SL_OK);
            sl_ctx_set_fail_alloc_after(ctx, n);
        }
        if (rc == SL_OK)
            rc = j->run(h, ctx, &l);
        if (rc == SL_OK) {
            optional++;
        } else {
            failed++;
            expect_enomem(j, ctx, rc, n);
            sl_ctx_set_fail_alloc_after(ctx, 0);
            sl_clear_error(ctx);
            if (h && j->rerun) {
                log_t again = { 0 };
                assert_int_equal(j->run(h, ctx, &again), SL_OK);
                assert_string_equal(log_text(&again), log_text(&ref));
                free(again.s);
            }
            if (h && j->after_failure)
                j->after_failure(h, ctx, &ref);
        }
        free(l.s);
        j->teardown(h);
        sl_ctx_free(ctx);
    }
    print_message("%s: %llu allocations, %llu failing runs (stride %llu), %llu survived an "
                  "optional failure\n",
                  j->name, (unsigned long long)count, (unsigned long long)failed,
                  (unsigned long long)stride, (unsigned long long)optional);
    assert_true(failed > 0);
    free(ref.s);
}

/* ---------------------------------------------------------------- files */

static char root[64];

static const char *at(const char *rel)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    return path;
}

static void write_bytes(const char *rel, const void *data, size_t len)
{
    FILE *f = fopen(at(rel), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void write_gzip(const char *rel, const char *const *parts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        gzFile g = gzopen(at(rel), i ? "ab" : "wb");
        assert_non_null(g);
        assert_int_equal(gzwrite(g, parts[i], (unsigned)strlen(parts[i])), (int)strlen(parts[i]));
        assert_int_equal(gzclose(g), Z_OK);
    }
}

static void write_zstd(const char *rel, const char *const *parts, size_t n)
{
    FILE *f = fopen(at(rel), "wb");
    assert_non_null(f);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(parts[i]), cap = ZSTD_compressBound(len);
        char *buf = malloc(cap);
        size_t z = ZSTD_compress(buf, cap, parts[i], len, 3);
        assert_false(ZSTD_isError(z));
        assert_int_equal(fwrite(buf, 1, z, f), z);
        free(buf);
    }
    fclose(f);
}

static const char page_html[] =
    "<!doctype html><html><head><meta charset=\"utf-8\">"
    "<title>Ferry strike ends | Harbour Wire</title>"
    "<meta property=\"article:published_time\" content=\"2024-04-18T09:30:00Z\"></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
    "<article><h1>Ferry strike ends</h1><p class=\"byline\">By Lene Haugen</p>"
    "<p>The ferry crews of Nordvik returned to work on Thursday after a three-day strike "
    "over rosters, the operator said.</p>"
    "<figure><img src=\"a.jpg\"><figcaption>Crews at the quay.</figcaption></figure>"
    "<p>&ldquo;We are glad it is over,&rdquo; said Per Olsen, who leads the crews' union. "
    "Talks will resume on 2 May.</p></article>"
    "<aside>Related: <a href=\"/x\">Bridge tolls rise</a></aside>"
    "<footer>Cookie settings</footer></body></html>";

/* The reader's inputs: every way a file can look. */
static void write_inputs(void)
{
    const char jsonl[] =
        "\xEF\xBB\xBF{\"id\":\"a1\",\"text\":\"first \\u00e9\",\"published\":{\"value\":\"2024-04-18\"}}\n"
        "\xEF\xBB\xBF{\"id\":\"a2\",\"text\":\"after a cat of two files\"}\r\n"
        "{\"id\":\"bad\",\"text\":\"unterminated}\n"
        "{\"id\":\"a3\",\"text\":\"pair \\ud83d\\ude00 and lone \\udc00\",\"meta\":{\"k\":[1,{\"x\":2}]}}\n"
        "{\"id\":\"pg\",\"html\":\"<html><body><article><p>A page inside a record, about the "
        "ferry crews of Nordvik and their strike.</p></article></body></html>\",\"url\":"
        "\"https://example.org/ferry\"}\n";
    write_bytes("a.jsonl", jsonl, sizeof jsonl - 1);
    const char cr[] = "{\"id\":\"c1\",\"text\":\"old\"}\r{\"id\":\"c2\",\"text\":\"mac\"}\r";
    write_bytes("b-cr.jsonl", cr, sizeof cr - 1);
    const char *parts[] = { "{\"id\":\"g1\",\"text\":\"gz one\"}\n",
                            "{\"id\":\"g2\",\"text\":\"gz two\"}\n" };
    write_gzip("c.jsonl.gz", parts, 2);
    write_zstd("d.jsonl.zst", parts, 2);
    /* UTF-16LE with a BOM: "Nordvik é 😀" */
    const unsigned char u16[] = { 0xFF, 0xFE, 'N', 0, 'o', 0, 'r', 0, 'd', 0, 'v', 0, 'i', 0,
                                  'k', 0, ' ', 0, 0xE9, 0, ' ', 0, 0x3D, 0xD8, 0x00, 0xDE };
    write_bytes("e-utf16.txt", u16, sizeof u16);
    unsigned char bin[4096];
    uint64_t seed = 7;
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)(test_rng(&seed) >> 56);
    write_bytes("f-binary.txt", bin, sizeof bin);
    write_bytes("g-page.html", page_html, sizeof page_html - 1);
    const char txt[] = "A plain text article about the ferry crews.\n";
    write_bytes("h.txt", txt, sizeof txt - 1);
}

static int setup_dir(void **state)
{
    (void)state;
    strcpy(root, "/tmp/sl-oom-XXXXXX");
    assert_non_null(mkdtemp(root));
    write_inputs();
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int teardown_dir(void **state)
{
    (void)state;
    nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

/* ---------------------------------------------------------------- reader */

static int reader_setup(sl_ctx *ctx, void **h)
{
    sl_reader *r = NULL;
    int rc = sl_reader_new(ctx, &r, NULL);
    if (rc == SL_OK)
        rc = sl_reader_add(r, root);
    *h = r;
    return rc;
}

static void reader_teardown(void *h)
{
    sl_reader_free(h);
}

static int log_doc(sl_reader *r, const sl_doc *d, log_t *l)
{
    log_printf(l, "D %.*s %llu ", (int)d->id.len, d->id.ptr, (unsigned long long)d->line);
    log_str(l, "text", d->text);
    sl_str v;
    int rc = sl_reader_field(r, d, "published", "value", &v);
    if (rc == 1)
        log_str(l, "published.value", v);
    return rc < 0 ? rc : SL_OK;
}

/* Read everything; the expected rejections (a bad line, a binary file) are
 * logged and reading goes on, as the reader promises. */
static int reader_run(void *h, sl_ctx *ctx, log_t *l)
{
    sl_reader *r = h;
    for (;;) {
        sl_doc d;
        int rc = sl_reader_next(r, &d);
        if (rc == SL_EOF)
            return SL_OK;
        if (rc == SL_OK)
            rc = log_doc(r, &d, l);
        if (rc == SL_EPARSE)
            log_printf(l, "E %d\n", rc);
        else if (rc != SL_OK)
            return rc;
    }
}

/* The reader goes on after a failure: what it still returns are documents
 * of the reference run, in its order, and it comes to the end. */
static void reader_after_failure(void *h, sl_ctx *ctx, const log_t *ref)
{
    sl_reader *r = h;
    const char *from = log_text(ref);
    for (int rc = SL_OK; rc != SL_EOF;) {
        sl_doc d;
        rc = sl_reader_next(r, &d);
        assert_true(rc == SL_OK || rc == SL_EOF || rc == SL_EPARSE || rc == SL_EIO);
        if (rc != SL_OK)
            continue;
        log_t one = { 0 };
        assert_int_equal(log_doc(r, &d, &one), SL_OK);
        const char *hit = strstr(from, one.s);
        if (!hit)
            fail_msg("after a failure the reader returned a document the reference run did "
                     "not: %s", one.s);
        from = hit + one.len;
        free(one.s);
    }
}

static void test_reader(void **state)
{
    (void)state;
    const job j = { "reader", reader_setup, reader_run, reader_teardown, true, false,
                    reader_after_failure };
    log_t ref = { 0 };
    reference(&j, &ref);
    /* The reference run read every kind of input. */
    const char *want[] = {
        "D a1 1 text=first \xC3\xA9\npublished.value=2024-04-18\n",
        "D a2 2 text=after a cat of two files\n",
        "E -4\n",
        "D a3 4 text=pair \xF0\x9F\x98\x80 and lone \xEF\xBF\xBD\n",
        "D pg 5 text=A page inside a record",
        "D c1 1 text=old\nD c2 2 text=mac\n",
        "D g1 1 text=gz one\nD g2 2 text=gz two\n",
        "D e-utf16 0 text=Nordvik \xC3\xA9 \xF0\x9F\x98\x80\n",
        "D g-page 0 text=Ferry strike ends",
        "D h 0 text=A plain text article",
    };
    const char *s = log_text(&ref);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const char *hit = strstr(s, want[i]);
        if (!hit)
            fail_msg("the reference run lacks '%s' in:\n%s", want[i], log_text(&ref));
        s = hit;
    }
    /* the binary file is one rejection, the bad line another */
    size_t errors = 0;
    for (const char *p = log_text(&ref); (p = strstr(p, "E -4\n")) != NULL; p++)
        errors++;
    assert_int_equal(errors, 2);
    free(ref.s);
    sweep(&j);
}

/* ---------------------------------------------------------------- clean */

/* cp1252 bytes, NULs, control characters, odd spaces */
static const char clean_raw[] =
    "The council of Brookfield met on Monday.\x00 Its budget \x96 the first in years \x96 "
    "passed.\x01\x02\nMayor Anna Keller said it was \x93" "a fair plan\x94.\xA0\xA0Read more\n";

static const char *const clean_docs[] = {
    /* mojibake, a share bar, a byline, a caption, a dateline */
    "Home | World | Business\n"
    "Share on Facebook Share on Twitter\n"
    "By Lene Haugen\n"
    "NORDVIK, April 18 (Harbour Wire) - The ferry crews returned to work on Thursday "
    "after a three-day strike over rosters, the operator said.\n"
    "\xC3\xA2\xE2\x82\xAC\xC5\x93We are glad it is over,\xC3\xA2\xE2\x82\xAC\xC2\x9D said "
    "Per Olsen, who leads the crews\xE2\x80\x99 union.\n"
    "Photo: Crews at the quay. (Harbour Wire)\n"
    "Talks will resume on 2 May.\n"
    "Sign up for our newsletter\n"
    "\xC2\xA9 2024 Harbour Wire. All rights reserved.\n",
    clean_raw,
    /* nothing but boilerplate */
    "Cookie settings\nAccept all cookies\nSubscribe\n",
};
static const size_t clean_lens[] = { 0, sizeof clean_raw - 1, 0 };

static int clean_setup(sl_ctx *ctx, void **h)
{
    sl_cleaner *c = NULL;
    int rc = sl_cleaner_new(ctx, &c, NULL);
    *h = c;
    return rc;
}

static void clean_teardown(void *h)
{
    sl_cleaner_free(h);
}

static int clean_run(void *h, sl_ctx *ctx, log_t *l)
{
    sl_cleaner *c = h;
    for (size_t i = 0; i < sizeof clean_docs / sizeof *clean_docs; i++) {
        size_t len = clean_lens[i] ? clean_lens[i] : strlen(clean_docs[i]);
        const sl_clean_result *r = NULL;
        int rc = sl_clean(c, clean_docs[i], len, NULL, 0, &r);
        if (rc)
            return rc;
        log_str(l, "text", r->text);
        log_str(l, "byline", r->byline.text);
        log_str(l, "dateline", r->dateline.text);
        log_printf(l, "captions=%zu removed=%zu repairs=%zu map=%zu\n", r->n_captions,
                   r->n_removed, r->n_repairs, r->n_map);
        for (size_t k = 0; k < r->n_repairs; k++)
            log_printf(l, "repair %zu-%zu %s\n", r->repairs[k].start, r->repairs[k].end,
                       r->repairs[k].kind);
        sl_str f;
        static const char title[] = "Ferry strike \xC3\xA2\xE2\x82\xAC\xE2\x80\x9C ends\r\nnow";
        rc = sl_clean_field(c, title, sizeof title - 1, &f);
        if (rc)
            return rc;
        log_str(l, "field", f);
    }
    return SL_OK;
}

static void test_clean(void **state)
{
    (void)state;
    const job j = { "clean", clean_setup, clean_run, clean_teardown, true, true, NULL };
    log_t ref = { 0 };
    reference(&j, &ref);
    expect_in(&ref, "The ferry crews returned to work");
    expect_in(&ref, " mojibake:cp1252\n");
    expect_in(&ref, "\xE2\x80\x9CWe are glad it is over,\xE2\x80\x9D");
    free(ref.s);
    sweep(&j);
}

/* ---------------------------------------------------------------- facts */

typedef struct facts_h {
    sl_facts *f;
    sl_facts_doc *d;
} facts_h;

static const char *const facts_docs[] = {
    "NORDVIK, April 18 - The ferry crews of Nordvik returned to work on Thursday after a "
    "three-day strike, the operator Fjordline said. \"We are glad it is over,\" said Per Olsen, "
    "who leads the crews' union. Talks will resume on 2 May, Olsen added.",
    "Mayor Anna Keller of Brookfield said on Monday that the library would stay open. Keller "
    "told reporters the budget would be ready by 16 June 2021, three weeks from now.",
    "Last year the Veltro Bay harbour wall was repaired twice. According to engineers at "
    "Casselmoor University, it needs work every spring.",
};

/* The model and rules, loaded once with their own context (test_facts
 * sweeps loading): the sweep fails the allocations of the extraction. */
static sl_facts *shared_facts;

static int facts_setup(sl_ctx *ctx, void **h)
{
    facts_h *x = calloc(1, sizeof *x);
    assert_non_null(x);
    *h = x;
    x->f = shared_facts;
    int rc = sl_facts_doc_new(ctx, &x->d);
    if (rc) {
        free(x);
        *h = NULL;
    }
    return rc;
}

static void facts_teardown(void *h)
{
    facts_h *x = h;
    if (!x)
        return;
    sl_facts_doc_free(x->d);
    free(x);
}

static void log_facts(const char *text, const sl_facts_doc *d, log_t *l)
{
    const sl_fact_entity *e;
    size_t n = sl_facts_entities(d, &e);
    for (size_t i = 0; i < n; i++)
        log_printf(l, "E %s %.*s = %s\n", e[i].type, (int)(e[i].end - e[i].start),
                   text + e[i].start, e[i].canonical);
    const sl_fact_quote *q;
    n = sl_facts_quotes(d, &q);
    for (size_t i = 0; i < n; i++)
        log_printf(l, "Q %s %zu-%zu %s\n", q[i].kind, q[i].content_start, q[i].content_end,
                   q[i].speaker ? q[i].speaker : "-");
    const sl_fact_timex *t;
    n = sl_facts_timexes(d, &t);
    for (size_t i = 0; i < n; i++)
        log_printf(l, "T %s %s %.*s\n", t[i].type, t[i].value, (int)(t[i].end - t[i].start),
                   text + t[i].start);
    const sl_fact_published *p = sl_facts_published(d);
    if (p)
        log_printf(l, "P %s [%s, %s] %zu\n", p->value, p->earliest, p->latest, p->n_evidence);
}

static int facts_run(void *h, sl_ctx *ctx, log_t *l)
{
    facts_h *x = h;
    static const char *const published[] = { NULL, "2021-05-24", NULL };
    for (size_t i = 0; i < sizeof facts_docs / sizeof *facts_docs; i++) {
        const char *text = facts_docs[i];
        const char *pub = published[i];
        int rc = sl_facts_extract(x->f, x->d, text, strlen(text), "Ferry strike ends", 17, pub,
                                  pub ? strlen(pub) : 0);
        if (rc) {
            /* on an error the document holds no facts */
            const sl_fact_entity *e;
            assert_int_equal(sl_facts_entities(x->d, &e), 0);
            return rc;
        }
        log_facts(text, x->d, l);
    }
    return SL_OK;
}

static void test_facts(void **state)
{
    (void)state;
    if (access(NER_MODEL, R_OK) != 0 || access(TIME_RULES, R_OK) != 0) {
        print_message("skip: no model at %s\n", NER_MODEL);
        skip();
    }
    sl_ctx *model_ctx = test_ctx();
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    o.ner_model = NER_MODEL;
    o.time_rules = TIME_RULES;
    assert_int_equal(sl_facts_new(model_ctx, &shared_facts, &o), SL_OK);
    const job j = { "facts", facts_setup, facts_run, facts_teardown, true, true, NULL };
    log_t ref = { 0 };
    reference(&j, &ref);
    expect_in(&ref, "= Per Olsen");
    expect_in(&ref, "\nQ ");
    expect_in(&ref, "T DATE 2021-06-16 16 June 2021");
    expect_in(&ref, "P 2021-05-24");
    free(ref.s);
    uint64_t loaded = sl_ctx_alloc_count(model_ctx);
    sweep(&j);
    /* every allocation of an extraction went through the swept context */
    assert_int_equal(sl_ctx_alloc_count(model_ctx), loaded);
    sl_facts_free(shared_facts);
    shared_facts = NULL;
    sl_ctx_free(model_ctx);
}

/* ---------------------------------------------------------------- html */

static const char broken_html[] =
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
    "<title>Tram \x96 approved</title></head><body><div class=\"content\"><p>The Dunmore "
    "council approved the tram line on Wednesday.<p>\x93It is a good day,\x94 said Ida Brenn."
    "<table><tr><td>Cell<td>Cell</table><script>var x = '</p>';</script><p>Unclosed <b><i>tags";

static int html_setup(sl_ctx *ctx, void **h)
{
    sl_html *x = NULL;
    int rc = sl_html_new(ctx, &x, NULL);
    *h = x;
    return rc;
}

static void html_teardown(void *h)
{
    sl_html_free(h);
}

static int html_run(void *h, sl_ctx *ctx, log_t *l)
{
    const char *pages[] = { page_html, broken_html };
    size_t lens[] = { sizeof page_html - 1, sizeof broken_html - 1 };
    for (size_t i = 0; i < 2; i++) {
        const sl_html_result *r = NULL;
        int rc = sl_html_extract(h, pages[i], lens[i], "https://example.org/2024/04/18/ferry", 36,
                                 NULL, &r);
        if (rc)
            return rc;
        log_str(l, "text", r->text);
        log_str(l, "title", r->title.text);
        log_str(l, "byline", r->byline.text);
        log_str(l, "published", r->published.text);
        log_printf(l, "captions=%zu map=%zu charset=%s from %s\n", r->n_captions, r->n_map,
                   r->charset, r->charset_from);
    }
    return SL_OK;
}

static void test_html(void **state)
{
    (void)state;
    const job j = { "html", html_setup, html_run, html_teardown, true, true, NULL };
    log_t ref = { 0 };
    reference(&j, &ref);
    expect_in(&ref, "The ferry crews of Nordvik returned");
    expect_in(&ref, "\xE2\x80\x9CIt is a good day,\xE2\x80\x9D");
    free(ref.s);
    sweep(&j);
}

/* ---------------------------------------------------------------- stories */

typedef struct story_h {
    sl_story_index *x;
    sl_story_doc *p;
} story_h;

static const char *const story_docs[] = {
    "The ferry crews of Nordvik went on strike on Monday over rosters, stopping every crossing "
    "to the islands. The operator Fjordline said talks would resume.",
    "Ferry crossings from Nordvik stopped on Monday as crews struck over rosters; Fjordline, the "
    "operator, said it hoped talks would resume soon.",
    "The Dunmore city council approved a new tram line on Wednesday, linking the railway "
    "station with the university campus.",
    "Nordvik ferry crews returned to work on Thursday after the strike over rosters ended, "
    "Fjordline said.",
};
static const char *const story_dates[] = { "2024-04-15", "2024-04-15", "2024-04-17",
                                           "2024-04-18" };

static void story_teardown(void *h)
{
    story_h *x = h;
    if (!x)
        return;
    sl_story_doc_free(x->p);
    sl_story_free(x->x);
    free(x);
}

static int story_setup(sl_ctx *ctx, void **h)
{
    story_h *x = calloc(1, sizeof *x);
    assert_non_null(x);
    *h = x;
    int rc = sl_story_new(ctx, &x->x, NULL);
    if (rc == SL_OK)
        rc = sl_story_doc_new(ctx, NULL, &x->p);
    if (rc) {
        story_teardown(x);
        *h = NULL;
    }
    return rc;
}

static int story_add(story_h *x, size_t i)
{
    char id[8];
    snprintf(id, sizeof id, "s%zu", i);
    int rc = sl_story_prepare(x->p, story_docs[i], strlen(story_docs[i]), NULL, 0);
    if (rc)
        return rc;
    return sl_story_add(x->x, id, strlen(id), story_dates[i], 10, i == 1 ? "s0" : NULL,
                        i == 1 ? 2 : 0, x->p);
}

static int story_run(void *h, sl_ctx *ctx, log_t *l)
{
    story_h *x = h;
    for (size_t i = 0; i < sizeof story_docs / sizeof *story_docs; i++) {
        int rc = story_add(x, i);
        if (rc)
            return rc;
    }
    for (uint64_t i = 0; i < sl_story_count(x->x); i++) {
        sl_story_assignment a;
        int rc = sl_story_result(x->x, i, &a);
        if (rc)
            return rc;
        log_printf(l, "doc %llu event %llu story %llu\n", (unsigned long long)i,
                   (unsigned long long)a.event, (unsigned long long)a.story);
    }
    return SL_OK;
}

/* The index keeps what it had before the failure and takes the next
 * document. */
static void story_after_failure(void *h, sl_ctx *ctx, const log_t *ref)
{
    story_h *x = h;
    uint64_t before = sl_story_count(x->x);
    assert_true(before < sizeof story_docs / sizeof *story_docs);
    assert_int_equal(story_add(x, 2), SL_OK);
    assert_int_equal(sl_story_count(x->x), before + 1);
}

static void test_stories(void **state)
{
    (void)state;
    const job j = { "stories", story_setup, story_run, story_teardown, true, false,
                    story_after_failure };
    log_t ref = { 0 };
    reference(&j, &ref);
    /* the two strike reports share an event, the tram line has its own */
    expect_in(&ref, "doc 1 event 0 ");
    assert_null(strstr(log_text(&ref), "doc 2 event 0 "));
    free(ref.s);
    sweep(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reader, setup_dir, teardown_dir),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_facts),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_stories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
