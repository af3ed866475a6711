/* storyline dedup: exact copies, near duplicates, revisions and contained
 * texts, grouped into clusters. */
#include "cli.h"
#include "commands.h"
#include "dedup_spill.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_dedup_usage[] =
    "usage: storyline dedup [OPTIONS] [INPUT...]\n"
    "\n"
    "Find documents that repeat each other and tell the relations apart:\n"
    "exact copies (the same text after cleaning), near duplicates (small edits),\n"
    "revisions (an updated version of the same article; the later version points\n"
    "to the earlier one) and contained texts (a short text inside a longer one).\n"
    "Every candidate is verified with the exact sets of word 5-grams.  Each\n"
    "document is written with a \"dup\" field; related documents share a cluster,\n"
    "named after its earliest member.  Text is cleaned first (as by 'storyline\n"
    "clean') unless the input already went through clean.\n"
    "\n"
    "options:\n"
    "  --pairs            write one line per related pair instead, with both\n"
    "                     similarities and the shared, added and removed spans\n"
    "  --summary          print counts for people instead of documents\n"
    "  --window=N         compare each document with the previous N only, and\n"
    "                     write each document once N more have arrived (streams)\n"
    "  --near=J           Jaccard for a near duplicate (default 0.88)\n"
    "  --revision=C       containment of the shorter text for a revision (0.72)\n"
    "  --revision-titled=C  the same when the titles agree (0.5)\n"
    "  --contained=C      containment for a contained text (0.8) ...\n"
    "  --contained-ratio=R  ... at most R times the other's size (0.5)\n"
    "  --min-words=N      shortest span reported with --pairs (default 8)\n"
    "  --no-clean         compare the text as given\n"
    "  --in-memory        keep shingle sets in memory, not in a temporary file\n"
    "  --threads=N        threads that shingle documents (default: one per core);\n"
    "                     the output is the same for any N\n"
    "  --shard=i/N        prepare only records k with k mod N = i, into the\n"
    "                     intermediate file -o FILE; 'storyline merge' puts the\n"
    "                     shards together (docs/scale.md); mpiexec -n K works too\n"
    "  -o, --output=FILE  write to FILE instead of standard output\n"
    "  --max-line=SIZE, --max-doc=SIZE, --max-depth=N  input limits (see clean)\n"
    "  -q, --quiet        do not print rejected records\n"
    "\n"
    "output: \"dup\": {\"cluster\": id, \"relation\": \"unique|exact|near|revision|\n"
    "contained\", \"of\": id|null, \"similarity\": number}.  See docs/dedup.md.\n";

static int parse_number_option(int c, const char *arg, dedup_job *job)
{
    static const struct { int opt; const char *name; size_t field; } fractions[] = {
        { DD_OPT_NEAR, "--near", offsetof(sl_dedup_options, near) },
        { DD_OPT_REVISION, "--revision", offsetof(sl_dedup_options, revision) },
        { DD_OPT_REVISION_TITLED, "--revision-titled", offsetof(sl_dedup_options, revision_titled) },
        { DD_OPT_CONTAINED, "--contained", offsetof(sl_dedup_options, contained) },
        { DD_OPT_CONTAINED_RATIO, "--contained-ratio", offsetof(sl_dedup_options, contained_ratio) },
    };
    for (size_t i = 0; i < sizeof fractions / sizeof fractions[0]; i++) {
        if (fractions[i].opt != c)
            continue;
        double *field = (double *)((char *)&job->dedup + fractions[i].field);
        if (!cli_parse_fraction(arg, field))
            return cli_usage_error("%s takes a number in (0, 1], not '%s'", fractions[i].name, arg);
        return EXIT_OK;
    }
    size_t v;
    if (c == DD_OPT_WINDOW) {
        if (!cli_parse_size(arg, &v) || v == 0 || v > UINT32_MAX / 2)
            return cli_usage_error("--window takes a number of documents, not '%s'", arg);
        job->dedup.window = v;
    } else if (c == DD_OPT_THREADS) {
        if (!cli_parse_size(arg, &v) || v == 0 || v > 64)
            return cli_usage_error("--threads takes a number from 1 to 64, not '%s'", arg);
        job->threads = (unsigned)v;
    } else if (c == DD_OPT_MIN_WORDS) {
        if (!cli_parse_size(arg, &v) || v == 0 || v > 100000)
            return cli_usage_error("--min-words takes a number from 1 to 100000, not '%s'", arg);
        job->min_words = (unsigned)v;
    }
    return EXIT_OK;
}

static int parse_args(int argc, char **argv, dedup_job *job)
{
    static const struct option longopts[] = {
        { "pairs", no_argument, NULL, DD_OPT_PAIRS },
        { "summary", no_argument, NULL, DD_OPT_SUMMARY },
        { "window", required_argument, NULL, DD_OPT_WINDOW },
        { "near", required_argument, NULL, DD_OPT_NEAR },
        { "revision", required_argument, NULL, DD_OPT_REVISION },
        { "revision-titled", required_argument, NULL, DD_OPT_REVISION_TITLED },
        { "contained", required_argument, NULL, DD_OPT_CONTAINED },
        { "contained-ratio", required_argument, NULL, DD_OPT_CONTAINED_RATIO },
        { "min-words", required_argument, NULL, DD_OPT_MIN_WORDS },
        { "threads", required_argument, NULL, DD_OPT_THREADS },
        { "no-clean", no_argument, NULL, DD_OPT_NO_CLEAN },
        { "in-memory", no_argument, NULL, DD_OPT_IN_MEMORY },
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
        case DD_OPT_PAIRS: job->pairs = true; break;
        case DD_OPT_SUMMARY: job->summary = true; break;
        case DD_OPT_NO_CLEAN: job->no_clean = true; break;
        case DD_OPT_IN_MEMORY: job->dedup.spill_to_file = 0; break;
        case 'o': job->output = optarg; break;
        case 'q': job->quiet = true; break;
        case '?':
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        default:
            if (!cli_reader_option(c, optarg, &job->reader, &status))
                status = parse_number_option(c, optarg, job);
        }
    }
    if (status == EXIT_OK && job->pairs && job->summary)
        return cli_usage_error("--pairs and --summary cannot be combined");
    return status;
}

int cmd_dedup(int argc, char **argv)
{
    dedup_job job;
    memset(&job, 0, sizeof job);
    job.reader = (sl_reader_options)SL_READER_OPTIONS_INIT;
    job.dedup = (sl_dedup_options)SL_DEDUP_OPTIONS_INIT;
    job.min_words = 8;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    job.threads = cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
    int status = parse_args(argc, argv, &job);
    if (status != EXIT_OK)
        return status;
    FILE *out = cli_open_output(job.output);
    if (!out)
        return EXIT_IO;
    status = dedup_run(&job, argc, argv, optind, out);
    return cli_close_output(out, job.output, status);
}
