/* storyline compare: what each outlet adds to a story or leaves out, and
 * the words it frames it with. */
#include "commands.h"
#include "timeline_text.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_compare_usage[] =
    "usage: storyline compare --db=FILE [--format=jsonl|text] STORY\n"
    "\n"
    "Compare the outlets covering a story (or one event), from a store written by\n"
    "'storyline run': for each outlet, the facts only it reports (quotes, quoted\n"
    "speakers, entities, dates, numbers), those most other outlets report and it\n"
    "leaves out, and its framing terms (phrases of 1-3 words it uses far more than\n"
    "the others, by log-odds), each with document id and byte offsets.\n"
    "\n"
    "STORY is a story id or number, or an event id or number ('event:ID' when a\n"
    "story has the same id).\n"
    "\n"
    "options:\n"
    "  --db=FILE          the store (read only)\n"
    "  --items=N          at most N items of each kind per outlet (default 8)\n"
    "  --min-count=N      a framing term is used N times by the outlet at least (2)\n"
    "  --format=FORMAT    jsonl (default when standard output is not a terminal)\n"
    "                     or text (default on a terminal)\n"
    "\n"
    "output (jsonl): a {\"type\": \"compare\"} line, then one {\"type\": \"outlet\"}\n"
    "line per outlet with \"adds\", \"omits\" and \"terms\"; see docs/timeline.md.\n";

enum { CO_OPT_DB = 2700, CO_OPT_FORMAT, CO_OPT_ITEMS, CO_OPT_MIN };

static bool parse_count(const char *arg, unsigned *out)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (*end || n < 1 || n > 1000)
        return false;
    *out = (unsigned)n;
    return true;
}

static int parse_args(int argc, char **argv, const char **db, int *format,
                      sl_timeline_options *opts)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, CO_OPT_DB },
        { "format", required_argument, NULL, CO_OPT_FORMAT },
        { "items", required_argument, NULL, CO_OPT_ITEMS },
        { "min-count", required_argument, NULL, CO_OPT_MIN },
        { NULL, 0, NULL, 0 },
    };
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case CO_OPT_DB: *db = optarg; break;
        case CO_OPT_FORMAT:
            *format = tl_cli_format(optarg);
            if (*format < 0)
                return cli_usage_error("--format must be jsonl or text, not '%s'", optarg);
            break;
        case CO_OPT_ITEMS:
            if (!parse_count(optarg, &opts->max_items))
                return cli_usage_error("--items must be a number from 1 to 1000");
            break;
        case CO_OPT_MIN:
            if (!parse_count(optarg, &opts->min_term_count))
                return cli_usage_error("--min-count must be a number from 1 to 1000");
            break;
        default:
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!*db)
        return cli_usage_error("--db=FILE is required");
    if (optind + 1 != argc)
        return cli_usage_error("give one STORY");
    return EXIT_OK;
}

static int write_jsonl(sl_ctx *ctx, sl_out *o, const sl_cmp_result *r)
{
    const char *line;
    size_t len;
    sl_out_reset(o);
    int rc = sl_cmp_result_json(o, r);
    if (!rc) rc = sl_out_finish(o, &line, &len);
    if (!rc && !cli_write(stdout, line, len))
        return EXIT_IO;
    for (size_t i = 0; !rc && i < r->n_outlets; i++) {
        sl_out_reset(o);
        rc = sl_cmp_outlet_json(o, r, &r->outlets[i]);
        if (!rc) rc = sl_out_finish(o, &line, &len);
        if (!rc && !cli_write(stdout, line, len))
            return EXIT_IO;
    }
    return rc ? tl_cli_fail(ctx, rc) : EXIT_OK;
}

int cmd_compare(int argc, char **argv)
{
    const char *db = NULL;
    int format = -2;
    sl_timeline_options opts = SL_TIMELINE_OPTIONS_INIT;
    int status = parse_args(argc, argv, &db, &format, &opts);
    if (status != EXIT_OK)
        return status;
    bool text = format == -2 ? isatty(STDOUT_FILENO) : format == 1;
    sl_ctx *ctx = NULL;
    sl_out *out = NULL;
    sl_timeline *tl = NULL;
    sl_store *store = NULL;
    if (sl_ctx_new(&ctx, NULL) || sl_out_new(ctx, &out) || sl_timeline_new(ctx, &tl, &opts)) {
        cli_error("out of memory");
        status = EXIT_IO;
    } else if (sl_store_open(ctx, &store, db, SL_STORE_READONLY) != SL_OK) {
        cli_error("%s", sl_errmsg(ctx));
        status = EXIT_IO;
    } else {
        const sl_cmp_result *r;
        int rc = sl_timeline_compare(tl, store, argv[optind], &r);
        if (rc)
            status = tl_cli_fail(ctx, rc);
        else if (text)
            status = tl_cli_compare_text(stdout, r, cli_color(stdout)) ? EXIT_OK : EXIT_IO;
        else
            status = write_jsonl(ctx, out, r);
    }
    sl_timeline_free(tl);
    sl_store_close(store);
    sl_out_free(out);
    sl_ctx_free(ctx);
    if (fflush(stdout) != 0) {
        cli_error("cannot write standard output");
        return EXIT_IO;
    }
    return status;
}
