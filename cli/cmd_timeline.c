/* storyline timeline: a story's events in date order from a store. */
#include "commands.h"
#include "timeline_text.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_timeline_usage[] =
    "usage: storyline timeline --db=FILE [--format=jsonl|text] (STORY | --all)\n"
    "\n"
    "The events of a story in date order, from a store written by 'storyline run':\n"
    "each with its date (the best-supported day and the interval the evidence\n"
    "allows, with that evidence), a one-sentence summary taken from a member\n"
    "article, the outlets covering it, the key quotes with their speakers, and\n"
    "where each came from (document id and byte offsets of the cleaned text).\n"
    "\n"
    "STORY is a story id or number; an event id or number gives that event alone\n"
    "('event:ID' when a story has the same id).\n"
    "\n"
    "options:\n"
    "  --db=FILE          the store (read only)\n"
    "  --all              every story, by first date\n"
    "  --quotes=N         key quotes per event (default 3)\n"
    "  --format=FORMAT    jsonl (default when standard output is not a terminal)\n"
    "                     or text (default on a terminal)\n"
    "\n"
    "output (jsonl): a {\"type\": \"story\"} line, then one {\"type\": \"event\"} line\n"
    "per event; see docs/timeline.md.\n";

enum { TL_OPT_DB = 2600, TL_OPT_ALL, TL_OPT_FORMAT, TL_OPT_QUOTES };

typedef struct tl_job {
    const char *db;
    bool all, text, format_set;
    sl_timeline_options opts;
    sl_ctx *ctx;
    sl_store *store;
    sl_timeline *tl;
    sl_out *out;
    int status;
} tl_job;

static int parse_args(int argc, char **argv, tl_job *job)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, TL_OPT_DB },
        { "all", no_argument, NULL, TL_OPT_ALL },
        { "format", required_argument, NULL, TL_OPT_FORMAT },
        { "quotes", required_argument, NULL, TL_OPT_QUOTES },
        { NULL, 0, NULL, 0 },
    };
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case TL_OPT_DB: job->db = optarg; break;
        case TL_OPT_ALL: job->all = true; break;
        case TL_OPT_FORMAT: {
            int f = tl_cli_format(optarg);
            if (f < 0)
                return cli_usage_error("--format must be jsonl or text, not '%s'", optarg);
            job->text = f == 1;
            job->format_set = true;
            break;
        }
        case TL_OPT_QUOTES: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 100)
                return cli_usage_error("--quotes must be a number from 1 to 100");
            job->opts.max_quotes = (unsigned)n;
            break;
        }
        default:
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!job->db)
        return cli_usage_error("--db=FILE is required");
    if (job->all != (optind == argc))
        return cli_usage_error(job->all ? "--all takes no STORY" : "give one STORY, or --all");
    if (optind + 1 < argc)
        return cli_usage_error("give one STORY");
    return EXIT_OK;
}

static int show(tl_job *job, const char *key)
{
    const sl_tl_story *st;
    int rc = sl_timeline_build(job->tl, job->store, key, &st);
    if (rc)
        return tl_cli_fail(job->ctx, rc);
    if (job->text)
        return tl_cli_story_text(stdout, st, cli_color(stdout)) ? EXIT_OK : EXIT_IO;
    const char *line;
    size_t len;
    sl_out_reset(job->out);
    rc = sl_tl_story_json(job->out, st);
    if (!rc) rc = sl_out_finish(job->out, &line, &len);
    if (!rc && !cli_write(stdout, line, len))
        return EXIT_IO;
    for (size_t i = 0; !rc && i < st->n_events; i++) {
        sl_out_reset(job->out);
        rc = sl_tl_event_json(job->out, st, &st->events[i]);
        if (!rc) rc = sl_out_finish(job->out, &line, &len);
        if (!rc && !cli_write(stdout, line, len))
            return EXIT_IO;
    }
    return rc ? tl_cli_fail(job->ctx, rc) : EXIT_OK;
}

/* --all: the story numbers first (the list query must end before each
 * timeline runs its own). */
typedef struct key_list {
    uint64_t *keys;
    size_t n, cap;
} key_list;

static int on_story(void *ud, uint64_t story, sl_str id)
{
    (void)id;
    key_list *l = ud;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        uint64_t *k = realloc(l->keys, cap * sizeof *k);
        if (!k)
            return SL_ENOMEM;
        l->keys = k;
        l->cap = cap;
    }
    l->keys[l->n++] = story;
    return 0;
}

static int show_all(tl_job *job)
{
    key_list l = { NULL, 0, 0 };
    int rc = sl_timeline_stories(job->tl, job->store, on_story, &l);
    if (rc) {
        free(l.keys);
        if (rc == SL_ENOMEM)
            cli_error("out of memory");
        return rc == SL_ENOMEM ? EXIT_IO : tl_cli_fail(job->ctx, rc);
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < l.n && status == EXIT_OK; i++) {
        char key[32];
        snprintf(key, sizeof key, "%llu", (unsigned long long)l.keys[i]);
        status = show(job, key);
    }
    free(l.keys);
    return status;
}

int cmd_timeline(int argc, char **argv)
{
    tl_job job;
    memset(&job, 0, sizeof job);
    job.opts = (sl_timeline_options)SL_TIMELINE_OPTIONS_INIT;
    int status = parse_args(argc, argv, &job);
    if (status != EXIT_OK)
        return status;
    if (!job.format_set)
        job.text = isatty(STDOUT_FILENO);
    if (sl_ctx_new(&job.ctx, NULL) || sl_out_new(job.ctx, &job.out) ||
        sl_timeline_new(job.ctx, &job.tl, &job.opts)) {
        cli_error("out of memory");
        status = EXIT_IO;
    } else if (sl_store_open(job.ctx, &job.store, job.db, SL_STORE_READONLY) != SL_OK) {
        cli_error("%s", sl_errmsg(job.ctx));
        status = EXIT_IO;
    } else {
        status = job.all ? show_all(&job) : show(&job, argv[optind]);
    }
    sl_timeline_free(job.tl);
    sl_store_close(job.store);
    sl_out_free(job.out);
    sl_ctx_free(job.ctx);
    if (fflush(stdout) != 0) {
        cli_error("cannot write standard output");
        return EXIT_IO;
    }
    return status;
}
