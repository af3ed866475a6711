/* storyline run: every stage, into a store. */
#include "cli.h"
#include "commands.h"
#include "run.h"
#include "dist.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SL_DATA_DIR
#define SL_DATA_DIR "data"
#endif

const char cmd_run_usage[] =
    "usage: storyline run --db=FILE [OPTIONS] [INPUT...]\n"
    "\n"
    "Run every stage (clean, dedup, stories, facts) and write the result to a\n"
    "SQLite store: documents with their raw and cleaned text, repairs and\n"
    "removals, duplicate relations, events and stories, entities, quotes, time\n"
    "expressions and publication dates, all with byte offsets, and a full-text\n"
    "index for 'storyline search'.  Running again adds new documents: those\n"
    "already stored (same content hash) are skipped, ids never change.  Each\n"
    "batch of documents is committed whole or not at all.\n"
    "\n"
    "options:\n"
    "  --db=FILE          the store (created when missing)\n"
    "  --threads=N        threads (default: one per core); the store is the same\n"
    "                     for any N\n"
    "  --shard=i/N        prepare records k with k mod N = i into the intermediate\n"
    "                     file -o FILE (no --db); 'storyline merge --stage run\n"
    "                     --db FILE PART...' makes the store (docs/scale.md)\n"
    "  -o, --output=FILE  with --shard: the intermediate file\n"
    "  --no-clean         use the text as given\n"
    "  --near=J, --revision=C, --contained=C   dedup thresholds (see dedup)\n"
    "  --event-threshold=S, --story-threshold=S, --event-days=D, --story-days=D\n"
    "                     story thresholds (see stories)\n"
    "  --stemmer=NAME     stemmer language of stories (english)\n"
    "  --ner-model=FILE   entity model (default DATA/models/ner-en.slm)\n"
    "  --language=LANG    time rules DATA/time/LANG.rules (default en)\n"
    "  --time-rules=FILE  time rules file (overrides --language)\n"
    "  --max-line=SIZE, --max-doc=SIZE, --max-depth=N  input limits (see clean)\n"
    "  -q, --quiet        no summary, no rejected records\n"
    "\n"
    "The options that decide events and stories are kept in the store; a later\n"
    "run must use the same.  A summary goes to standard error.  See docs/run.md\n"
    "and docs/store.md.\n";

enum {
    RU_OPT_DB = 2400, RU_OPT_THREADS, RU_OPT_NO_CLEAN, RU_OPT_NEAR, RU_OPT_REVISION,
    RU_OPT_CONTAINED, RU_OPT_EVENT_THRESHOLD, RU_OPT_STORY_THRESHOLD, RU_OPT_EVENT_DAYS,
    RU_OPT_STORY_DAYS, RU_OPT_STEMMER, RU_OPT_NER_MODEL, RU_OPT_LANGUAGE, RU_OPT_TIME_RULES
};

typedef struct run_args {
    const char *ner_model, *time_rules, *language;
} run_args;

static int parse_fraction(const char *name, const char *arg, double *out)
{
    if (!cli_parse_fraction(arg, out))
        return cli_usage_error("%s takes a number in (0, 1], not '%s'", name, arg);
    return EXIT_OK;
}

static int parse_days(const char *name, const char *arg, double *out)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !(v >= 0) || v > 100000)
        return cli_usage_error("%s takes a number of days from 0 to 100000, not '%s'", name, arg);
    *out = v;
    return EXIT_OK;
}

static bool language_ok(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    return n >= 2 && n <= 8;
}

static int parse_value(int c, const char *arg, run_job *job, run_args *a)
{
    size_t v;
    switch (c) {
    case RU_OPT_DB: job->db = arg; return EXIT_OK;
    case RU_OPT_THREADS:
        if (!cli_parse_size(arg, &v) || v == 0 || v > 64)
            return cli_usage_error("--threads takes a number from 1 to 64, not '%s'", arg);
        job->threads = (unsigned)v;
        return EXIT_OK;
    case RU_OPT_NEAR: return parse_fraction("--near", arg, &job->dedup.near);
    case RU_OPT_REVISION: return parse_fraction("--revision", arg, &job->dedup.revision);
    case RU_OPT_CONTAINED: return parse_fraction("--contained", arg, &job->dedup.contained);
    case RU_OPT_EVENT_THRESHOLD:
        return parse_fraction("--event-threshold", arg, &job->story.event_threshold);
    case RU_OPT_STORY_THRESHOLD:
        return parse_fraction("--story-threshold", arg, &job->story.story_threshold);
    case RU_OPT_EVENT_DAYS: return parse_days("--event-days", arg, &job->story.event_days);
    case RU_OPT_STORY_DAYS: return parse_days("--story-days", arg, &job->story.story_days);
    case RU_OPT_STEMMER: job->story.language = arg; return EXIT_OK;
    case RU_OPT_NER_MODEL: a->ner_model = arg; return EXIT_OK;
    case RU_OPT_TIME_RULES: a->time_rules = arg; return EXIT_OK;
    case RU_OPT_LANGUAGE:
        if (!language_ok(arg))
            return cli_usage_error("--language takes a language code such as en, not '%s'", arg);
        a->language = arg;
        return EXIT_OK;
    default:
        return cli_usage_error("unknown option");
    }
}

static int parse_args(int argc, char **argv, run_job *job, run_args *a)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, RU_OPT_DB },
        { "threads", required_argument, NULL, RU_OPT_THREADS },
        { "no-clean", no_argument, NULL, RU_OPT_NO_CLEAN },
        { "near", required_argument, NULL, RU_OPT_NEAR },
        { "revision", required_argument, NULL, RU_OPT_REVISION },
        { "contained", required_argument, NULL, RU_OPT_CONTAINED },
        { "event-threshold", required_argument, NULL, RU_OPT_EVENT_THRESHOLD },
        { "story-threshold", required_argument, NULL, RU_OPT_STORY_THRESHOLD },
        { "event-days", required_argument, NULL, RU_OPT_EVENT_DAYS },
        { "story-days", required_argument, NULL, RU_OPT_STORY_DAYS },
        { "stemmer", required_argument, NULL, RU_OPT_STEMMER },
        { "ner-model", required_argument, NULL, RU_OPT_NER_MODEL },
        { "language", required_argument, NULL, RU_OPT_LANGUAGE },
        { "time-rules", required_argument, NULL, RU_OPT_TIME_RULES },
        { "quiet", no_argument, NULL, 'q' },
        { "output", required_argument, NULL, 'o' },
        CLI_READER_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    int c, status = EXIT_OK;
    opterr = 0;
    optind = 1;
    while (status == EXIT_OK && (c = getopt_long(argc, argv, "qo:", longopts, NULL)) != -1) {
        switch (c) {
        case RU_OPT_NO_CLEAN: job->no_clean = true; break;
        case 'q': job->quiet = true; break;
        case 'o': job->output = optarg; break;
        case '?':
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        default:
            if (!cli_reader_option(c, optarg, &job->reader, &status))
                status = parse_value(c, optarg, job, a);
        }
    }
    if (status == EXIT_OK && dist_get_mode() == DIST_MAP && job->db)
        return cli_usage_error("with --shard, run writes an intermediate file (-o), not a store");
    if (status == EXIT_OK && dist_get_mode() != DIST_MAP && job->output)
        return cli_usage_error("-o is for --shard; run writes the store given by --db");
    if (status == EXIT_OK && dist_get_mode() != DIST_MAP && (!job->db || !job->db[0]))
        return cli_usage_error("--db=FILE is required: the store to write");
    return status;
}

static const char *data_path(char *buf, size_t cap, const char *rest, const char *lang)
{
    const char *dir = getenv("STORYLINE_DATA");
    if (!dir || !dir[0])
        dir = SL_DATA_DIR;
    snprintf(buf, cap, "%s/%s%s%s", dir, rest, lang ? lang : "", lang ? ".rules" : "");
    return buf;
}

/* The input names, space-separated, for the runs table. */
static char *join_inputs(int argc, char **argv, int first)
{
    size_t n = 2;
    for (int i = first; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = first; i < argc; i++) {
        if (i > first)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    if (first == argc)
        strcpy(s, "-");
    return s;
}

static void print_summary(const run_job *job)
{
    fprintf(stderr,
            "storyline run: %llu documents added, %llu skipped (already stored), %llu rejected; "
            "%s now holds %llu documents, %llu events, %llu stories\n",
            (unsigned long long)job->added, (unsigned long long)job->skipped,
            (unsigned long long)job->rejected, job->db,
            (unsigned long long)(job->stored_before + job->added),
            (unsigned long long)job->events, (unsigned long long)job->stories);
    fprintf(stderr, "storyline run: %.2f s (%.2f s re-reading %llu stored documents)\n",
            job->total_seconds, job->rebuild_seconds, (unsigned long long)job->stored_before);
    if (job->mismatched)
        cli_warn("%llu stored documents would now join another event or story (the store was "
                 "built by another version); their stored ids are kept",
                 (unsigned long long)job->mismatched);
}

int cmd_run(int argc, char **argv)
{
    run_job job;
    run_args a = { NULL, NULL, "en" };
    memset(&job, 0, sizeof job);
    job.reader = (sl_reader_options)SL_READER_OPTIONS_INIT;
    job.dedup = (sl_dedup_options)SL_DEDUP_OPTIONS_INIT;
    job.story = (sl_story_options)SL_STORY_OPTIONS_INIT;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    job.threads = cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
    int status = parse_args(argc, argv, &job, &a);
    if (status != EXIT_OK)
        return status;
    char ner[4096], rules[4096];
    job.ner_model = a.ner_model ? a.ner_model : data_path(ner, sizeof ner, "models/ner-en.slm", NULL);
    job.time_rules = a.time_rules ? a.time_rules : data_path(rules, sizeof rules, "time/", a.language);
    char *inputs = join_inputs(argc, argv, optind);
    if (!inputs) {
        cli_error("out of memory");
        return EXIT_IO;
    }
    job.inputs = inputs;
    status = run_pipeline(&job, argc, argv, optind);
    free(inputs);
    if (!job.quiet && status != EXIT_IO && status != EXIT_USAGE && dist_writes_results())
        print_summary(&job);
    return status;
}
