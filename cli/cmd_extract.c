/* storyline extract: web pages in, article text out. */
#include "commands.h"
#include "dist.h"
#include "extract.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char cmd_extract_usage[] =
    "usage: storyline extract [OPTIONS] FILE.html|DIR...\n"
    "\n"
    "Take the article out of web pages: the main text (headings, paragraphs,\n"
    "lists, quotes in reading order, without navigation, share bars, related\n"
    "links, comments, cookie and newsletter prompts), its title, byline and\n"
    "publication date, and the figure captions.  Reads .html, .htm and\n"
    ".html.gz files, and directories of them (recursively, in name order);\n"
    "\"-\" reads one page from standard input.  Writes one JSON object per\n"
    "page, or the plain text.\n"
    "\n"
    "options:\n"
    "  --format=FORMAT   jsonl (default) or text (the article text of each\n"
    "                    page, pages separated by a blank line)\n"
    "  --url=URL         the address of the page (one input page): written as\n"
    "                    \"url\" and used to find the date\n"
    "  --charset=NAME    the charset the HTTP header named (a BOM still wins)\n"
    "  --map             add \"map\": [[text, text_len, page, page_len], ...]\n"
    "  --max-page=SIZE   reject pages larger than SIZE (default 256M)\n"
    "  --stats           print pages, pages/s, MB/s, titles and dates found\n"
    "                    on standard error at the end\n"
    "  -o, --output=FILE write to FILE instead of standard output\n"
    "  -q, --quiet       do not print rejected pages (the exit code still\n"
    "                    says some were)\n"
    "\n"
    "output fields: id (file name without .html/.gz), url (when known), title,\n"
    "byline, published (ISO 8601), text, captions [{text,start,end}],\n"
    "provenance {title|byline|published: {from,start,end}}, charset {name,from}.\n"
    "Offsets are bytes of the page as read (after gunzip).  See docs/extract.md.\n";

typedef struct job {
    sl_ctx *ctx;
    sl_html *html;
    sl_out *out;
    FILE *f;
    const char *url, *charset;
    size_t max_page;
    bool text_format, map, quiet;
    char *buf;
    size_t len, cap;
    uint64_t pages, rejected, bytes, titles, dates, bylines;
    uint64_t seen;           /* pages met so far, this shard's or not (cli/dist.h) */
} job;

static int put_field_source(sl_out *o, const char *key, const sl_html_field *f)
{
    if (!f->from)
        return SL_OK;
    int rc = sl_out_key(o, key);
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "from");
    if (!rc) rc = sl_out_string(o, f->from, strlen(f->from));
    if (!rc) rc = sl_out_key(o, "start");
    if (!rc) rc = sl_out_int(o, (int64_t)f->start);
    if (!rc) rc = sl_out_key(o, "end");
    if (!rc) rc = sl_out_int(o, (int64_t)f->end);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int put_string_or_null(sl_out *o, const char *key, const sl_html_field *f)
{
    int rc = sl_out_key(o, key);
    if (rc)
        return rc;
    return f->from ? sl_out_string(o, f->text.ptr, f->text.len) : sl_out_null(o);
}

static int put_captions(sl_out *o, const sl_html_result *r)
{
    int rc = sl_out_key(o, "captions");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < r->n_captions && !rc; i++) {
        const sl_html_field *c = &r->captions[i];
        rc = sl_out_begin_object(o);
        if (!rc) rc = sl_out_key(o, "text");
        if (!rc) rc = sl_out_string(o, c->text.ptr, c->text.len);
        if (!rc) rc = sl_out_key(o, "start");
        if (!rc) rc = sl_out_int(o, (int64_t)c->start);
        if (!rc) rc = sl_out_key(o, "end");
        if (!rc) rc = sl_out_int(o, (int64_t)c->end);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int put_map(sl_out *o, const sl_html_result *r)
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

static int write_json(job *j, const char *id, const sl_html_result *r)
{
    sl_out *o = j->out;
    sl_out_reset(o);
    int rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "id");
    if (!rc) rc = sl_out_string(o, id, strlen(id));
    if (!rc && r->url.from) {
        rc = sl_out_key(o, "url");
        if (!rc) rc = sl_out_string(o, r->url.text.ptr, r->url.text.len);
    }
    if (!rc) rc = put_string_or_null(o, "title", &r->title);
    if (!rc) rc = put_string_or_null(o, "byline", &r->byline);
    if (!rc) rc = put_string_or_null(o, "published", &r->published);
    if (!rc) rc = sl_out_key(o, "text");
    if (!rc) rc = sl_out_string(o, r->text.ptr, r->text.len);
    if (!rc) rc = put_captions(o, r);
    if (!rc) rc = sl_out_key(o, "provenance");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = put_field_source(o, "title", &r->title);
    if (!rc) rc = put_field_source(o, "byline", &r->byline);
    if (!rc) rc = put_field_source(o, "published", &r->published);
    if (!rc) rc = put_field_source(o, "url", &r->url);
    if (!rc) rc = sl_out_end_object(o);
    if (!rc) rc = sl_out_key(o, "charset");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "name");
    if (!rc) rc = sl_out_string(o, r->charset, strlen(r->charset));
    if (!rc) rc = sl_out_key(o, "from");
    if (!rc) rc = sl_out_string(o, r->charset_from, strlen(r->charset_from));
    if (!rc) rc = sl_out_end_object(o);
    if (!rc && j->map) rc = put_map(o, r);
    if (!rc) rc = sl_out_end_object(o);
    const char *data;
    size_t len;
    if (!rc) rc = sl_out_finish(o, &data, &len);
    if (rc)
        return rc;
    if (dist_get_mode() == DIST_MAP) /* --shard: numbered, into the intermediate */
        return dist_put_line(j->seen - 1, data, len) == EXIT_OK ? SL_OK : SL_EIO;
    return cli_write(j->f, data, len) ? SL_OK : SL_EIO;
}

static int write_text(job *j, const sl_html_result *r)
{
    if (j->pages > 1 && !cli_write(j->f, "\n", 1))
        return SL_EIO;
    if (!cli_write(j->f, r->text.ptr, r->text.len) || !cli_write(j->f, "\n", 1))
        return SL_EIO;
    return SL_OK;
}

static int one_page(const char *path, void *ud)
{
    job *j = ud;
    if (!dist_owns(j->seen++)) /* another shard's page: pages are independent */
        return EXIT_OK;
    char err[256];
    if (extract_read_file(path, j->max_page, &j->buf, &j->len, &j->cap, err, sizeof err) != 0) {
        j->rejected++;
        if (!j->quiet)
            cli_error("%s: %s", path, err);
        return EXIT_REJECTED;
    }
    j->bytes += j->len;
    const sl_html_result *r;
    int rc = sl_html_extract(j->html, j->buf, j->len, j->url, j->url ? strlen(j->url) : 0,
                             j->charset, &r);
    if (rc) {
        j->rejected++;
        if (!j->quiet || rc == SL_ENOMEM)
            cli_error("%s: %s", path, sl_errmsg(j->ctx));
        sl_clear_error(j->ctx);
        return rc == SL_ENOMEM ? EXIT_IO : EXIT_REJECTED;
    }
    j->pages++;
    j->titles += r->title.from != NULL;
    j->dates += r->published.from != NULL;
    j->bylines += r->byline.from != NULL;
    char id[1024];
    extract_page_id(strcmp(path, "-") == 0 ? "stdin" : path, id, sizeof id);
    rc = j->text_format ? write_text(j, r) : write_json(j, id, r);
    if (rc == SL_EIO)
        return EXIT_IO;
    if (rc) {
        cli_error("%s: %s", path, sl_errmsg(j->ctx));
        return EXIT_IO;
    }
    return EXIT_OK;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { OPT_FORMAT = 2000, OPT_URL, OPT_CHARSET, OPT_MAP, OPT_MAX_PAGE, OPT_STATS };

typedef struct settings {
    const char *output;
    bool stats;
} settings;

static int parse_options(int argc, char **argv, job *j, settings *s)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "url", required_argument, NULL, OPT_URL },
        { "charset", required_argument, NULL, OPT_CHARSET },
        { "map", no_argument, NULL, OPT_MAP },
        { "max-page", required_argument, NULL, OPT_MAX_PAGE },
        { "stats", no_argument, NULL, OPT_STATS },
        { "output", required_argument, NULL, 'o' },
        { "quiet", no_argument, NULL, 'q' },
        { NULL, 0, NULL, 0 },
    };
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:q", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                j->text_format = true;
            else if (strcmp(optarg, "jsonl") != 0)
                return cli_usage_error("--format takes jsonl or text, not '%s'", optarg);
            break;
        case OPT_URL: j->url = optarg; break;
        case OPT_CHARSET: j->charset = optarg; break;
        case OPT_MAP: j->map = true; break;
        case OPT_MAX_PAGE:
            if (!cli_parse_size(optarg, &j->max_page) || j->max_page == 0)
                return cli_usage_error("--max-page takes a size such as 64M, not '%s'", optarg);
            break;
        case OPT_STATS: s->stats = true; break;
        case 'o': s->output = optarg; break;
        case 'q': j->quiet = true; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind == argc)
        return cli_usage_error("give at least one page or directory (or - for standard input)");
    if (j->text_format && dist_get_mode() == DIST_MAP)
        return cli_usage_error("--shard writes JSON lines: --format text cannot be sharded");
    if (j->url && argc - optind > 1)
        return cli_usage_error("--url names one page; give only one input with it");
    return EXIT_OK;
}

static void print_stats(const job *j, double secs)
{
    fprintf(stderr,
            "pages: %llu, rejected: %llu, %.1f MB, %.2f s, %.1f pages/s, %.1f MB/s\n"
            "titles: %llu, bylines: %llu, dates: %llu\n",
            (unsigned long long)j->pages, (unsigned long long)j->rejected, (double)j->bytes / 1e6,
            secs, secs > 0 ? (double)j->pages / secs : 0.0,
            secs > 0 ? (double)j->bytes / 1e6 / secs : 0.0, (unsigned long long)j->titles,
            (unsigned long long)j->bylines, (unsigned long long)j->dates);
}

int cmd_extract(int argc, char **argv)
{
    job j;
    memset(&j, 0, sizeof j);
    j.max_page = (size_t)256 << 20;
    settings s = { NULL, false };
    int status = parse_options(argc, argv, &j, &s);
    if (status)
        return status;
    if (sl_ctx_new(&j.ctx, NULL) != SL_OK) {
        cli_error("out of memory");
        return EXIT_IO;
    }
    sl_html_options ho = SL_HTML_OPTIONS_INIT;
    ho.max_page = j.max_page;
    if (sl_html_new(j.ctx, &j.html, &ho) != SL_OK || sl_out_new(j.ctx, &j.out) != SL_OK) {
        cli_error("%s", sl_errmsg(j.ctx));
        sl_html_free(j.html);
        sl_ctx_free(j.ctx);
        return EXIT_IO;
    }
    dist_set_stage(DIST_STAGE_EXTRACT, (uint64_t)j.map, false);
    j.f = cli_open_output(s.output);
    if (!j.f) {
        status = EXIT_IO;
    } else {
        double t0 = seconds();
        for (int i = optind; i < argc && status != EXIT_IO; i++)
            status = cli_worse(status, extract_for_each_page(argv[i], one_page, &j));
        status = dist_lines_finish(j.rejected, status);
        if (s.stats)
            print_stats(&j, seconds() - t0);
        status = cli_close_output(j.f, s.output, status);
    }
    free(j.buf);
    sl_out_free(j.out);
    sl_html_free(j.html);
    sl_ctx_free(j.ctx);
    return status;
}
