/* storyline clean: text hygiene. */
#include "cli.h"
#include "commands.h"
#include "dist.h"

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
    "  --shard=i/N       write records k with k mod N = i (every record is still\n"
    "                    cleaned: the cleaner learns from all) to the intermediate\n"
    "                    -o FILE; 'storyline merge --stage clean' joins them\n"
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
    enum { OPT_ONLY = 256, OPT_MAP, OPT_SUMMARY };
    static const struct option longopts[] = {
        { "only", required_argument, NULL, OPT_ONLY },
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

static int write_repairs(sl_out *o, const sl_doc *doc, const sl_clean_result *r)
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
        if (!rc) rc = sl_out_string(o, doc->text.ptr + p->start, p->end - p->start);
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
static int pick_title(sl_cleaner *c, const sl_doc *doc, const sl_clean_result *r, sl_str *title)
{
    if (r->title.text.len) {
        *title = r->title.text;
        return SL_OK;
    }
    if (!doc->title.len) {
        *title = (sl_str){ NULL, 0 };
        return SL_OK;
    }
    return sl_clean_field(c, doc->title.ptr, doc->title.len, title);
}

static int write_doc(sl_out *o, sl_cleaner *c, const clean_job *job, const sl_doc *doc,
                     const sl_clean_result *r)
{
    bool lines = job->clean.steps & SL_CLEAN_LINES;
    sl_str title;
    int rc = pick_title(c, doc, r, &title);
    if (rc)
        return rc;
    const char *replaced[12];
    size_t n = 0;
    replaced[n++] = "text";
    replaced[n++] = "repairs";
    if (title.len)
        replaced[n++] = "title";
    /* a byline the input already has (a web page's, say) stays when the
     * text shows none */
    bool keep_byline = r->byline.text.len == 0 && sl_doc_has_field(doc, "byline");
    if (lines) {
        if (!keep_byline)
            replaced[n++] = "byline";
        replaced[n++] = "dateline";
        replaced[n++] = "captions";
        replaced[n++] = "removed";
    }
    if (job->map)
        replaced[n++] = "map";
    replaced[n] = NULL;

    sl_out_reset(o);
    rc = sl_out_begin_doc(o, doc, replaced);
    if (!rc) rc = sl_out_key(o, "text");
    if (!rc) rc = sl_out_string(o, r->text.ptr, r->text.len);
    if (!rc && title.len) rc = sl_out_key(o, "title");
    if (!rc && title.len) rc = sl_out_string(o, title.ptr, title.len);
    if (lines) {
        if (!rc && !keep_byline) rc = write_field(o, "byline", &r->byline);
        if (!rc) rc = write_field(o, "dateline", &r->dateline);
        if (!rc) rc = write_captions_and_removals(o, r);
    }
    if (!rc) rc = write_repairs(o, doc, r);
    if (!rc && job->map) rc = write_map(o, r);
    return rc;
}

static void count_doc(clean_job *job, const sl_doc *doc, const sl_clean_result *r)
{
    job->docs++;
    job->bytes_in += doc->text.len;
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

typedef struct clean_handles {
    sl_ctx *ctx;
    sl_reader *reader;
    sl_cleaner *cleaner;
    sl_out *out;
} clean_handles;

static void close_handles(clean_handles *h)
{
    sl_out_free(h->out);
    sl_cleaner_free(h->cleaner);
    sl_reader_free(h->reader);
    sl_ctx_free(h->ctx);
}

static int open_handles(clean_handles *h, clean_job *job, int argc, char **argv)
{
    if (sl_ctx_new(&h->ctx, NULL) || sl_reader_new(h->ctx, &h->reader, &job->reader) ||
        sl_cleaner_new(h->ctx, &h->cleaner, &job->clean) || sl_out_new(h->ctx, &h->out)) {
        cli_error("%s", sl_errmsg(h->ctx));
        return EXIT_IO;
    }
    return cli_add_inputs(h->ctx, h->reader, argc, argv, optind);
}

/* Write a cleaned document: to out, or, with --shard, as record k of the
 * intermediate (cli/dist.h). */
static bool put_doc(FILE *out, uint64_t k, const char *line, size_t len)
{
    if (dist_get_mode() == DIST_MAP)
        return dist_put_line(k, line, len) == EXIT_OK;
    return cli_write(out, line, len);
}

/* Read, clean and write every document; returns the exit status.  With
 * --shard every record is cleaned (repeated lines are learnt from all of
 * them, in input order) and this shard's are written. */
static int clean_all(clean_handles *h, clean_job *job, FILE *out)
{
    int status = EXIT_OK;
    uint64_t k = 0;
    cli_progress progress;
    cli_progress_init(&progress);
    for (;;) {
        sl_doc doc;
        int rc = sl_reader_next(h->reader, &doc);
        if (rc == SL_EOF)
            break;
        if (rc != SL_OK) {
            if (!dist_owns(0)) /* shard 0 reports what every shard reads */
                continue;
            job->rejected++;
            cli_read_error(h->ctx, rc, job->quiet, &status);
            continue;
        }
        bool own = dist_owns(k++);
        const sl_clean_result *r;
        rc = sl_clean(h->cleaner, doc.text.ptr, doc.text.len, doc.source.ptr, doc.source.len, &r);
        if (!own)
            continue;
        if (rc == SL_OK && !job->summary) {
            const char *line;
            size_t len;
            rc = write_doc(h->out, h->cleaner, job, &doc, r);
            if (rc == SL_OK)
                rc = sl_out_finish(h->out, &line, &len);
            if (rc == SL_OK && !put_doc(out, k - 1, line, len))
                return EXIT_IO;
        }
        if (rc != SL_OK) {
            cli_error("%s:%llu: %s", doc.origin, (unsigned long long)doc.line, sl_errmsg(h->ctx));
            job->rejected++;
            status = cli_worse(status, EXIT_IO);
            continue;
        }
        count_doc(job, &doc, r);
        cli_progress_update(&progress, job->docs, sl_reader_bytes(h->reader));
    }
    cli_progress_done(&progress);
    return status;
}

int cmd_clean(int argc, char **argv)
{
    clean_job job;
    memset(&job, 0, sizeof job);
    job.reader = (sl_reader_options)SL_READER_OPTIONS_INIT;
    job.clean = (sl_clean_options)SL_CLEAN_OPTIONS_INIT;
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
    clean_handles h = { 0 };
    status = open_handles(&h, &job, argc, argv);
    if (h.out)
        status = cli_worse(status, clean_all(&h, &job, out));
    status = dist_lines_finish(job.rejected, status);
    close_handles(&h);
    if (job.summary)
        print_summary(out, &job);
    return cli_close_output(out, job.output, status);
}
