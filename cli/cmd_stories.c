/* storyline stories: events and stories, with stable ids. */
#include "cli.h"
#include "commands.h"
#include "stories.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_stories_usage[] =
    "usage: storyline stories [OPTIONS] [INPUT...]\n"
    "\n"
    "Group documents into events (one real-world happening and all its coverage)\n"
    "and events into stories (a chain of events about the same actors and issue),\n"
    "as they stream in.  Each document is written with a \"story\" field.  An event\n"
    "is named after its first document and a story after its first event; the\n"
    "names never change as documents are added.  Documents that dedup marked as\n"
    "copies of an earlier one (a \"dup\" field) join its event without weighing on\n"
    "it.  Text is cleaned first unless the input already went through clean.\n"
    "\n"
    "options:\n"
    "  --summary          one line per event and per story instead: label, title,\n"
    "                     first and last dates, members\n"
    "  --event-threshold=S  similarity to join an event (default 0.25)\n"
    "  --story-threshold=S  similarity of a new event to join a story (0.22)\n"
    "  --event-days=D     similarity to an event halves every D days apart (7)\n"
    "  --story-days=D     the same for stories (120)\n"
    "  --window=N         close events that took no document in N (200000; 0: never)\n"
    "  --language=NAME    stemmer language (english; see docs/stories.md)\n"
    "  --no-clean         use the text as given\n"
    "  --threads=N        threads that read documents (default: one per core);\n"
    "                     the output is the same for any N\n"
    "  --shard=i/N        prepare only records k with k mod N = i, into the\n"
    "                     intermediate file -o FILE; 'storyline merge' puts the\n"
    "                     shards together (docs/scale.md); mpiexec -n K works too\n"
    "  -o, --output=FILE  write to FILE instead of standard output\n"
    "  --max-line=SIZE, --max-doc=SIZE, --max-depth=N  input limits (see clean)\n"
    "  -q, --quiet        do not print rejected records\n"
    "\n"
    "output: \"story\": {\"event\": id, \"story\": id, \"score\": number}.  See\n"
    "docs/stories.md.\n";

enum {
    ST_OPT_SUMMARY = 2100, ST_OPT_EVENT_THRESHOLD, ST_OPT_STORY_THRESHOLD, ST_OPT_EVENT_DAYS,
    ST_OPT_STORY_DAYS, ST_OPT_WINDOW, ST_OPT_LANGUAGE, ST_OPT_NO_CLEAN, ST_OPT_THREADS
};

static int parse_days(const char *name, const char *arg, double *out)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !(v >= 0) || v > 100000)
        return cli_usage_error("%s takes a number of days from 0 to 100000, not '%s'", name, arg);
    *out = v;
    return EXIT_OK;
}

static int parse_value(int c, const char *arg, stories_job *job)
{
    size_t v;
    switch (c) {
    case ST_OPT_EVENT_THRESHOLD:
    case ST_OPT_STORY_THRESHOLD: {
        double *t = c == ST_OPT_EVENT_THRESHOLD ? &job->story.event_threshold
                                                : &job->story.story_threshold;
        if (!cli_parse_fraction(arg, t))
            return cli_usage_error("--%s-threshold takes a number in (0, 1], not '%s'",
                                   c == ST_OPT_EVENT_THRESHOLD ? "event" : "story", arg);
        return EXIT_OK;
    }
    case ST_OPT_EVENT_DAYS: return parse_days("--event-days", arg, &job->story.event_days);
    case ST_OPT_STORY_DAYS: return parse_days("--story-days", arg, &job->story.story_days);
    case ST_OPT_WINDOW:
        if (!cli_parse_size(arg, &v) || v > UINT32_MAX / 2)
            return cli_usage_error("--window takes a number of documents, not '%s'", arg);
        job->story.window = (uint32_t)v;
        return EXIT_OK;
    case ST_OPT_THREADS:
        if (!cli_parse_size(arg, &v) || v == 0 || v > 64)
            return cli_usage_error("--threads takes a number from 1 to 64, not '%s'", arg);
        job->threads = (unsigned)v;
        return EXIT_OK;
    default:
        return cli_usage_error("unknown option");
    }
}

static int parse_args(int argc, char **argv, stories_job *job)
{
    static const struct option longopts[] = {
        { "summary", no_argument, NULL, ST_OPT_SUMMARY },
        { "event-threshold", required_argument, NULL, ST_OPT_EVENT_THRESHOLD },
        { "story-threshold", required_argument, NULL, ST_OPT_STORY_THRESHOLD },
        { "event-days", required_argument, NULL, ST_OPT_EVENT_DAYS },
        { "story-days", required_argument, NULL, ST_OPT_STORY_DAYS },
        { "window", required_argument, NULL, ST_OPT_WINDOW },
        { "language", required_argument, NULL, ST_OPT_LANGUAGE },
        { "no-clean", no_argument, NULL, ST_OPT_NO_CLEAN },
        { "threads", required_argument, NULL, ST_OPT_THREADS },
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
        case ST_OPT_SUMMARY: job->summary = true; break;
        case ST_OPT_NO_CLEAN: job->no_clean = true; break;
        case ST_OPT_LANGUAGE: job->story.language = optarg; break;
        case 'o': job->output = optarg; break;
        case 'q': job->quiet = true; break;
        case '?':
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        default:
            if (!cli_reader_option(c, optarg, &job->reader, &status))
                status = parse_value(c, optarg, job);
        }
    }
    return status;
}

int cmd_stories(int argc, char **argv)
{
    stories_job job;
    memset(&job, 0, sizeof job);
    job.reader = (sl_reader_options)SL_READER_OPTIONS_INIT;
    job.story = (sl_story_options)SL_STORY_OPTIONS_INIT;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    job.threads = cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
    int status = parse_args(argc, argv, &job);
    if (status != EXIT_OK)
        return status;
    FILE *out = cli_open_output(job.output);
    if (!out)
        return EXIT_IO;
    status = stories_run(&job, argc, argv, optind, out);
    return cli_close_output(out, job.output, status);
}
