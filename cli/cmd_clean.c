/* storyline clean: text hygiene. */
#include "cli.h"
#include "commands.h"
#include "core/core.h"
#include "dist.h"
#include "pool.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_clean_usage[] =
    "usage: storyline clean [OPTIONS] [INPUT...]\n"
    "\n"
    "Repair broken encodings (mojibake, HTML entities, invalid bytes), normalise\n"
    "Unicode and white space, and take apart each article: title, byline,\n"
    "dateline and photo captions are moved into fields, boilerplate lines\n"
    "(navigation, share prompts, comment forms, mirror notices, footers) are\n"
    "removed with a reason.  Every repair and removal gives its byte offsets in\n"
    "the raw input text.  Reads INPUT (default: standard input) and writes one\n"
    "JSON object per document; fields it does not set pass through unchanged.\n"
    "\n"
    "options:\n"
    "  --only=STEPS      run only these steps, comma-separated: encoding,\n"
    "                    normalize, lines (lines implies normalize)\n"
    "  --map             add \"map\": [[clean, clean_len, raw, raw_len], ...]\n"
    "  --summary         print a summary for people instead of documents\n"
    "  --threads=N       threads that clean documents (default: one per core); the\n"
    "                    output is the same for any N\n"
    "  --shard=i/N       write records k with k mod N = i (every record is still\n"
    "                    analysed: the cleaner learns repeated lines from all) to\n"
    "                    the intermediate -o FILE; 'storyline merge --stage clean'\n"
    "                    joins them\n"
    "  -o, --output=FILE write to FILE instead of standard output\n"
    "  --max-line=SIZE   reject JSON lines longer than SIZE (default 256M)\n"
    "  --max-doc=SIZE    reject larger files, pages, texts (default 256M)\n"
    "  --max-depth=N     reject JSON nested deeper than N (default 64)\n"
    "  -q, --quiet       do not print rejected records (the exit code still\n"
    "                    says some were)\n"
    "\n"
    "output fields: text, title, byline, dateline, captions [{text,start,end}],\n"
    "removed [{start,end,reason}], repairs [{start,end,from,to,kind}]; with\n"
    "--only=encoding just text and repairs.  See docs/clean.md.\n";

/* Counts by label for the summary (labels are a small, fixed set). */
typedef struct tally {
    const char *label[64];
    uint64_t count[64];
    size_t n;
} tally;

static void tally_add(tally *t, const char *label)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->label[i], label) == 0) {
            t->count[i]++;
            return;
        }
    }
    if (t->n < 64) {
        t->label[t->n] = label;
        t->count[t->n++] = 1;
    }
}

static int by_count(const void *a, const void *b, const tally *t)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (t->count[i] != t->count[j])
        return t->count[i] < t->count[j] ? 1 : -1;
    return strcmp(t->label[i], t->label[j]);
}

static void tally_print(FILE *f, const char *heading, const tally *t)
{
    size_t order[64];
    for (size_t i = 0; i < t->n; i++)
        order[i] = i;
    /* Insertion sort: at most 64 entries, and no qsort_r in C11. */
    for (size_t i = 1; i < t->n; i++)
        for (size_t j = i; j > 0 && by_count(&order[j - 1], &order[j], t) > 0; j--) {
            size_t x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    fprintf(f, "%s:%s\n", heading, t->n ? "" : " none");
    for (size_t i = 0; i < t->n; i++)
        fprintf(f, "  %-24s %8llu\n", t->label[order[i]], (unsigned long long)t->count[order[i]]);
}

typedef struct clean_job {
    sl_reader_options reader;
    sl_clean_options clean;
    bool map, summary, quiet;
    unsigned threads;
    const char *output;
    /* Summary figures. */
    uint64_t docs, rejected, bytes_in, bytes_out, titles, bylines, datelines, captions;
    tally repairs, removals;
} clean_job;

static bool parse_steps(const char *s, unsigned *steps)
{
    *steps = 0;
    char buf[128];
    if (strlen(s) >= sizeof buf)
        return false;
    strcpy(buf, s);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        if (strcmp(tok, "encoding") == 0)
            *steps |= SL_CLEAN_ENCODING;
        else if (strcmp(tok, "normalize") == 0 || strcmp(tok, "normalise") == 0)
            *steps |= SL_CLEAN_NORMALIZE;
        else if (strcmp(tok, "lines") == 0)
            *steps |= SL_CLEAN_LINES | SL_CLEAN_NORMALIZE;
        else
            return false;
    }
    return *steps != 0;
}

static int parse_args(int argc, char **argv, clean_job *job)
{
    enum { OPT_ONLY = 256, OPT_MAP, OPT_SUMMARY, OPT_THREADS };
    static const struct option longopts[] = {
        { "only", required_argument, NULL, OPT_ONLY },
        { "threads", required_argument, NULL, OPT_THREADS },
        { "map", no_argument, NULL, OPT_MAP },
        { "summary", no_argument, NULL, OPT_SUMMARY },
        { "output", required_argument, NULL, 'o' },
        { "quiet", no_argument, NULL, 'q' },
        CLI_READER_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    int c, status = EXIT_OK;
    opterr = 0;
    optind = 1;
    while (status == EXIT_OK && (c = getopt_long(argc, argv, "o:q", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_ONLY:
            if (!parse_steps(optarg, &job->clean.steps))
                return cli_usage_error("--only takes encoding, normalize or lines, not '%s'", optarg);
            break;
        case OPT_THREADS: {
            size_t v;
            if (!cli_parse_size(optarg, &v) || v == 0 || v > 64)
                return cli_usage_error("--threads takes a number from 1 to 64, not '%s'", optarg);
            job->threads = (unsigned)v;
            break;
        }
        case OPT_MAP: job->map = true; break;
        case OPT_SUMMARY: job->summary = true; break;
        case 'o': job->output = optarg; break;
        case 'q': job->quiet = true; break;
        case '?':
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        default:
            if (!cli_reader_option(c, optarg, &job->reader, &status))
                return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    return status;
}

static int write_field(sl_out *o, const char *key, const sl_field *f)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_string(o, f->text.ptr, f->text.len);
}

static int write_captions_and_removals(sl_out *o, const sl_clean_result *r)
{
    int rc = sl_out_key(o, "captions");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < r->n_captions && !rc; i++) {
        const sl_field *f = &r->captions[i];
        rc = sl_out_begin_object(o);
        if (!rc) rc = write_field(o, "text", f);
        if (!rc) rc = sl_out_key(o, "start");
        if (!rc) rc = sl_out_int(o, (int64_t)f->start);
        if (!rc) rc = sl_out_key(o, "end");
        if (!rc) rc = sl_out_int(o, (int64_t)f->end);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = sl_out_key(o, "removed");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < r->n_removed && !rc; i++) {
        const sl_removal *m = &r->removed[i];
        rc = sl_out_begin_object(o);
        if (!rc) rc = sl_out_key(o, "start");
        if (!rc) rc = sl_out_int(o, (int64_t)m->start);
        if (!rc) rc = sl_out_key(o, "end");
        if (!rc) rc = sl_out_int(o, (int64_t)m->end);
        if (!rc) rc = sl_out_key(o, "reason");
        if (!rc) rc = sl_out_string(o, m->reason, strlen(m->reason));
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int write_repairs(sl_out *o, sl_str raw, const sl_clean_result *r)
{
    int rc = sl_out_key(o, "repairs");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < r->n_repairs && !rc; i++) {
        const sl_repair *p = &r->repairs[i];
        rc = sl_out_begin_object(o);
        if (!rc) rc = sl_out_key(o, "start");
        if (!rc) rc = sl_out_int(o, (int64_t)p->start);
        if (!rc) rc = sl_out_key(o, "end");
        if (!rc) rc = sl_out_int(o, (int64_t)p->end);
        if (!rc) rc = sl_out_key(o, "from");
        if (!rc) rc = sl_out_string(o, raw.ptr + p->start, p->end - p->start);
        if (!rc) rc = sl_out_key(o, "to");
        if (!rc) rc = sl_out_string(o, p->to.ptr, p->to.len);
        if (!rc) rc = sl_out_key(o, "kind");
        if (!rc) rc = sl_out_string(o, p->kind, strlen(p->kind));
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int write_map(sl_out *o, const sl_clean_result *r)
{
    int rc = sl_out_key(o, "map");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < r->n_map && !rc; i++) {
        const sl_map_seg *s = &r->map[i];
        rc = sl_out_begin_array(o);
        if (!rc) rc = sl_out_int(o, (int64_t)s->clean);
        if (!rc) rc = sl_out_int(o, (int64_t)s->clean_len);
        if (!rc) rc = sl_out_int(o, (int64_t)s->raw);
        if (!rc) rc = sl_out_int(o, (int64_t)s->raw_len);
        if (!rc) rc = sl_out_end_array(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

/* The title to write: the one found in the text, else the record's own
 * "title" field cleaned like the text (encoding, white space). */
static int pick_title(sl_clean_doc *d, sl_str given, const sl_clean_result *r, sl_str *title)
{
    if (r->title.text.len) {
        *title = r->title.text;
        return SL_OK;
    }
    if (!given.len) {
        *title = (sl_str){ NULL, 0 };
        return SL_OK;
    }
    return sl_clean_doc_field(d, given.ptr, given.len, title);
}

/* The fields the output replaces depend on the result: the record's own
 * "title" goes when a title was found or cleaned, its own "byline" when
 * the text shows one.  So the record (read on the main thread, before the
 * result is known) is copied once for each case that can arise: variant
 * title_replaced + 2 * byline_replaced. */
enum { VARIANT_TITLE = 1, VARIANT_BYLINE = 2, VARIANTS = 4 };

static size_t replaced_fields(const clean_job *job, unsigned variant, const char **replaced)
{
    size_t n = 0;
    replaced[n++] = "text";
    replaced[n++] = "repairs";
    if (variant & VARIANT_TITLE)
        replaced[n++] = "title";
    if (job->clean.steps & SL_CLEAN_LINES) {
        if (variant & VARIANT_BYLINE)
            replaced[n++] = "byline";
        replaced[n++] = "dateline";
        replaced[n++] = "captions";
        replaced[n++] = "removed";
    }
    if (job->map)
        replaced[n++] = "map";
    replaced[n] = NULL;
    return n;
}

/* The fields written after the record's own, as an object of their own:
 * {"text": ..., ...}. */
static int write_tail(sl_out *o, const clean_job *job, sl_str raw, sl_str title,
                      bool write_byline, const sl_clean_result *r)
{
    bool lines = job->clean.steps & SL_CLEAN_LINES;
    sl_out_reset(o);
    int rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "text");
    if (!rc) rc = sl_out_string(o, r->text.ptr, r->text.len);
    if (!rc && title.len) rc = sl_out_key(o, "title");
    if (!rc && title.len) rc = sl_out_string(o, title.ptr, title.len);
    if (lines) {
        if (!rc && write_byline) rc = write_field(o, "byline", &r->byline);
        if (!rc) rc = write_field(o, "dateline", &r->dateline);
        if (!rc) rc = write_captions_and_removals(o, r);
    }
    if (!rc) rc = write_repairs(o, raw, r);
    if (!rc && job->map) rc = write_map(o, r);
    return rc;
}

static void count_doc(clean_job *job, size_t text_len, const sl_clean_result *r)
{
    job->docs++;
    job->bytes_in += text_len;
    job->bytes_out += r->text.len;
    job->titles += r->title.text.len > 0;
    job->bylines += r->byline.text.len > 0;
    job->datelines += r->dateline.text.len > 0;
    job->captions += r->n_captions;
    for (size_t i = 0; i < r->n_repairs; i++)
        tally_add(&job->repairs, r->repairs[i].kind);
    for (size_t i = 0; i < r->n_removed; i++)
        tally_add(&job->removals, r->removed[i].reason);
}

static void print_summary(FILE *f, const clean_job *job)
{
    fprintf(f, "documents:       %llu cleaned, %llu rejected\n", (unsigned long long)job->docs,
            (unsigned long long)job->rejected);
    fprintf(f, "text:            %.1f KB in, %.1f KB out\n", (double)job->bytes_in / 1e3,
            (double)job->bytes_out / 1e3);
    fprintf(f, "found:           %llu titles, %llu bylines, %llu datelines, %llu captions\n",
            (unsigned long long)job->titles, (unsigned long long)job->bylines,
            (unsigned long long)job->datelines, (unsigned long long)job->captions);
    tally_print(f, "repairs by kind", &job->repairs);
    tally_print(f, "removed lines by reason", &job->removals);
}

/* ------------------------------------------------------------ threads */

#define BATCH_PER_WORKER 16

/* What a worker keeps for one record: the cleaning, and the output line. */
typedef struct clean_prep {
    sl_ctx *ctx;                /* the worker's */
    sl_clean_doc *doc;
    sl_out *out;
    bool own;                   /* this process writes the record (--shard) */
    bool has_byline;            /* the record has a "byline" of its own */
    size_t variant_off[VARIANTS], variant_len[VARIANTS]; /* in PI_RECORD */
    const sl_clean_result *r;   /* after finish */
    char *line;                 /* the output line */
    size_t len, cap;
} clean_prep;

static int prep_new(sl_ctx *ctx, const void *arg, void **out)
{
    const clean_job *job = arg;
    clean_prep *p = calloc(1, sizeof *p);
    if (!p)
        return sl_oom(ctx);
    p->ctx = ctx;
    int rc = sl_clean_doc_new(ctx, &p->doc, &job->clean);
    if (rc == SL_OK)
        rc = sl_out_new(ctx, &p->out);
    if (rc == SL_OK) {
        *out = p;
        return SL_OK;
    }
    sl_clean_doc_free(p->doc);
    free(p);
    return rc;
}

static void prep_free(void *prep)
{
    clean_prep *p = prep;
    sl_clean_doc_free(p->doc);
    sl_out_free(p->out);
    free(p->line);
    free(p);
}

/* Phase 1, on a worker: everything that needs no other record. */
static int prep_analyze(void *prep, const pool_item *it, const void *arg)
{
    clean_prep *p = prep;
    size_t tl, sl;
    const char *text = item_field(it, PI_TEXT, &tl);
    const char *source = item_field(it, PI_SOURCE, &sl);
    p->r = NULL;
    /* an empty source is no source (the reader gives NULL for none) */
    return sl_clean_analyze(p->doc, text, tl, it->f[PI_EXTRA].len ? source : NULL, sl);
}

static bool line_append(clean_prep *p, const char *s, size_t len)
{
    if (p->len + len > p->cap) {
        size_t cap = p->cap ? p->cap : 4096;
        while (cap < p->len + len)
            cap *= 2;
        char *line = realloc(p->line, cap);
        if (!line)
            return false;
        p->line = line;
        p->cap = cap;
    }
    memcpy(p->line + p->len, s, len);
    p->len += len;
    return true;
}

/* The record's variant, less its closing brace, then the tail's fields. */
static int join_line(clean_prep *p, const pool_item *it, unsigned variant, const char *tail,
                     size_t tail_len)
{
    size_t rl;
    const char *rec = item_field(it, PI_RECORD, &rl) + p->variant_off[variant];
    rl = p->variant_len[variant];
    p->len = 0;
    bool ok = line_append(p, rec, rl) && (rl == 1 || line_append(p, ", ", 2)) &&
              line_append(p, tail + 1, tail_len - 1);
    return ok ? SL_OK : SL_ENOMEM;
}

/* Phase 2, on a worker, after the record was noted: the result and the
 * output line. */
static int prep_finish(void *prep, const pool_item *it, const void *arg)
{
    const clean_job *job = arg;
    clean_prep *p = prep;
    if (!p->own)
        return SL_OK;
    int rc = sl_clean_finish(p->doc, &p->r);
    if (rc || job->summary)
        return rc;
    size_t tl, gl;
    const char *raw = item_field(it, PI_TEXT, &tl), *given = item_field(it, PI_TITLE, &gl);
    sl_str title;
    rc = pick_title(p->doc, (sl_str){ given, gl }, p->r, &title);
    bool lines = job->clean.steps & SL_CLEAN_LINES;
    /* a byline the input already has (a web page's, say) stays when the
     * text shows none */
    bool keep_byline = p->r->byline.text.len == 0 && p->has_byline;
    unsigned variant = (title.len ? VARIANT_TITLE : 0) | (lines && !keep_byline ? VARIANT_BYLINE : 0);
    const char *tail;
    size_t tail_len;
    if (!rc) rc = write_tail(p->out, job, (sl_str){ raw, tl }, title, !keep_byline, p->r);
    if (!rc) rc = sl_out_finish(p->out, &tail, &tail_len);
    if (!rc) rc = join_line(p, it, variant, tail, tail_len);
    if (rc == SL_ENOMEM)
        rc = sl_oom(p->ctx);
    return rc;
}

typedef struct clean_handles {
    sl_ctx *ctx;
    sl_reader *reader;
    sl_cleaner *cleaner;
    sl_out *out;
    pool pool;
    clean_job *job;
    FILE *dest;
    int status;
    cli_progress progress;
} clean_handles;

/* In input order, between the phases: the line memory (sl_clean_note). */
static int settle_batch(void *state, pool_batch *b)
{
    clean_handles *h = state;
    for (size_t i = 0; i < b->n; i++) {
        pool_item *it = &b->items[i];
        clean_prep *p = it->prep;
        if (it->rc)
            continue;
        it->rc = sl_clean_note(h->cleaner, p->doc);
        if (it->rc) {
            strncpy(it->err, sl_errmsg(h->ctx), sizeof it->err - 1);
            it->err[sizeof it->err - 1] = '\0';
        }
    }
    return EXIT_OK;
}

/* Write a cleaned document: to out, or, with --shard, as record k of the
 * intermediate (cli/dist.h). */
static bool put_doc(FILE *out, uint64_t k, const char *line, size_t len)
{
    if (dist_get_mode() == DIST_MAP)
        return dist_put_line(k, line, len) == EXIT_OK;
    return cli_write(out, line, len);
}

/* In input order, last: write (or count) the finished records. */
static int add_batch(void *state, pool_batch *b)
{
    clean_handles *h = state;
    clean_job *job = h->job;
    for (size_t i = 0; i < b->n; i++) {
        pool_item *it = &b->items[i];
        clean_prep *p = it->prep;
        if (!p->own)
            continue;
        if (it->rc) {
            size_t ol;
            cli_error("%s:%llu: %s", item_field(it, PI_ORIGIN, &ol), (unsigned long long)it->line,
                      it->err);
            job->rejected++;
            h->status = cli_worse(h->status, EXIT_IO);
            continue;
        }
        if (!job->summary && !put_doc(h->dest, it->global, p->line, p->len))
            return EXIT_IO;
        size_t tl;
        item_field(it, PI_TEXT, &tl);
        count_doc(job, tl, p->r);
    }
    return EXIT_OK;
}

/* Copy the record into the next item: its text, source and title, and the
 * record itself in each variant of the replaced fields that can arise. */
static int queue_doc(clean_handles *h, const sl_doc *doc, uint64_t k)
{
    clean_job *job = h->job;
    pool_batch *b = pool_fill(&h->pool);
    pool_item *it = &b->items[b->n];
    clean_prep *p = it->prep;
    p->own = dist_owns(k);
    p->has_byline = sl_doc_has_field(doc, "byline");
    bool has_title = sl_doc_has_field(doc, "title");
    sl_buf rec;
    sl_buf_init(&rec, h->ctx);
    int rc = SL_OK;
    for (unsigned v = 0; v < VARIANTS && p->own && !job->summary && rc == SL_OK; v++) {
        unsigned same = v & ~((has_title ? VARIANT_TITLE : 0u) | (p->has_byline ? VARIANT_BYLINE : 0u));
        if (same) { /* the record has no such field: the same as a variant before */
            p->variant_off[v] = p->variant_off[v & ~same];
            p->variant_len[v] = p->variant_len[v & ~same];
            continue;
        }
        const char *replaced[12], *line;
        size_t len;
        replaced_fields(job, v, replaced);
        rc = sl_out_begin_doc(h->out, doc, replaced);
        if (!rc) rc = sl_out_finish(h->out, &line, &len);
        if (rc)
            break;
        len -= 2; /* without "}\n" */
        p->variant_off[v] = rec.len;
        p->variant_len[v] = len;
        rc = sl_buf_append(&rec, line, len);
    }
    /* PI_EXTRA non-empty: the record has a source */
    sl_str has_source = doc->source.ptr ? (sl_str){ "s", 1 } : (sl_str){ "", 0 };
    bool ok = rc == SL_OK && batch_push(b, doc, doc->text, doc->title, has_source,
                                        (sl_str){ rec.ptr ? rec.ptr : "", rec.len }, 0);
    if (ok)
        it->global = k;
    if (rc)
        cli_error("%s", sl_errmsg(h->ctx));
    sl_buf_release(&rec);
    return ok ? EXIT_OK : EXIT_IO;
}

static void close_handles(clean_handles *h)
{
    pool_close(&h->pool);
    sl_out_free(h->out);
    sl_cleaner_free(h->cleaner);
    sl_reader_free(h->reader);
    sl_ctx_free(h->ctx);
}

static int open_handles(clean_handles *h, clean_job *job, int argc, char **argv)
{
    if (sl_ctx_new(&h->ctx, NULL) || sl_reader_new(h->ctx, &h->reader, &job->reader) ||
        sl_cleaner_new(h->ctx, &h->cleaner, &job->clean) || sl_out_new(h->ctx, &h->out)) {
        cli_error("%s", h->ctx ? sl_errmsg(h->ctx) : "out of memory");
        return EXIT_IO;
    }
    static const pool_ops ops = { prep_new, prep_free, prep_analyze, NULL, NULL };
    static const pool_phases phases = { settle_batch, prep_finish };
    /* The calling thread only reads, notes and writes: with N threads, N
     * workers analyse and finish (one thread: all on the caller). */
    unsigned threads = job->threads > 1 ? job->threads + 1 : 1;
    if (!pool_open_phases(&h->pool, threads, &ops, &phases, job, h))
        return EXIT_IO;
    return cli_add_inputs(h->ctx, h->reader, argc, argv, optind);
}

/* Read, clean and write every document; returns the exit status.  With
 * --shard every record is analysed and noted (repeated lines are learnt
 * from all of them, in input order) and this shard's are finished and
 * written. */
static int clean_all(clean_handles *h)
{
    pool *p = &h->pool;
    uint64_t k = 0;
    /* Small batches keep each document's buffers warm in the cache: one
     * document at a time on one thread, a few dozen for each worker. */
    size_t batch = h->job->threads > 1 ? BATCH_PER_WORKER * p->workers : 1;
    if (batch > POOL_BATCH)
        batch = POOL_BATCH;
    h->status = EXIT_OK;
    cli_progress_init(&h->progress);
    for (;;) {
        sl_doc doc;
        int rc = sl_reader_next(h->reader, &doc);
        if (rc == SL_EOF)
            break;
        if (rc != SL_OK) {
            if (!dist_owns(0)) /* shard 0 reports what every shard reads */
                continue;
            h->job->rejected++;
            cli_read_error(h->ctx, rc, h->job->quiet, &h->status);
            continue;
        }
        if (queue_doc(h, &doc, k++) != EXIT_OK)
            return EXIT_IO;
        if (pool_fill(p)->n == batch && pool_rotate(p, add_batch, h) != EXIT_OK)
            return EXIT_IO;
        cli_progress_update(&h->progress, k, sl_reader_bytes(h->reader));
    }
    if (pool_drain(p, add_batch, h) != EXIT_OK)
        return EXIT_IO;
    cli_progress_done(&h->progress);
    return h->status;
}

int cmd_clean(int argc, char **argv)
{
    clean_job job;
    memset(&job, 0, sizeof job);
    job.reader = (sl_reader_options)SL_READER_OPTIONS_INIT;
    job.clean = (sl_clean_options)SL_CLEAN_OPTIONS_INIT;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    job.threads = cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
    int status = parse_args(argc, argv, &job);
    if (status != EXIT_OK)
        return status;

    FILE *out = cli_open_output(job.output);
    if (!out)
        return EXIT_IO;
    if (dist_get_mode() == DIST_MAP && job.summary) {
        cli_close_output(out, job.output, EXIT_OK);
        return cli_usage_error("--summary and --shard cannot be combined");
    }
    dist_set_stage(DIST_STAGE_CLEAN, job.clean.steps | (uint64_t)job.map << 32, false);
    clean_handles h;
    memset(&h, 0, sizeof h);
    h.job = &job;
    h.dest = out;
    status = open_handles(&h, &job, argc, argv);
    if (h.pool.ops)
        status = cli_worse(status, clean_all(&h));
    status = dist_lines_finish(job.rejected, status);
    close_handles(&h);
    if (job.summary)
        print_summary(out, &job);
    return cli_close_output(out, job.output, status);
}
