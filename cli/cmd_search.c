/* storyline search: full-text search of a store. */
#include "cli.h"
#include "commands.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_search_usage[] =
    "usage: storyline search --db=FILE [OPTIONS] QUERY...\n"
    "\n"
    "Search the titles and cleaned texts of a store written by 'storyline run'.\n"
    "Every word of QUERY must appear (as a word, any case, accents ignored);\n"
    "the best matches come first (BM25, a match in the title counting more).\n"
    "\n"
    "options:\n"
    "  --db=FILE          the store\n"
    "  --source=NAME      only documents from this outlet\n"
    "  --entity=NAME      only documents naming this entity (its canonical name,\n"
    "                     e.g. \"Vladimir Putin\")\n"
    "  --from=DATE, --to=DATE  only documents dated in [from, to] (YYYY-MM-DD;\n"
    "                     the given or inferred publication date)\n"
    "  --limit=N          at most N results (default 20)\n"
    "  --fts              QUERY is FTS5 query syntax (AND, OR, NOT, \"phrases\",\n"
    "                     prefix*, NEAR(...))\n"
    "  --format=FORMAT    jsonl (default when standard output is not a terminal)\n"
    "                     or table (default on a terminal)\n"
    "  --mark=OPEN,CLOSE  around matched words in snippets (default [,] and bold\n"
    "                     in a table on a terminal, unless NO_COLOR is set)\n"
    "\n"
    "output (jsonl): {\"doc\", \"id\", \"source\", \"url\", \"title\", \"date\", \"event\",\n"
    "\"story\", \"score\", \"snippet\"}; score is BM25, lower is better.  See\n"
    "docs/store.md.\n";

enum {
    SE_OPT_DB = 2500, SE_OPT_SOURCE, SE_OPT_ENTITY, SE_OPT_FROM, SE_OPT_TO, SE_OPT_LIMIT,
    SE_OPT_FTS, SE_OPT_FORMAT, SE_OPT_MARK
};

typedef struct search_job {
    const char *db;
    sl_store_query q;
    bool table, format_set;
    char *marks;          /* --mark, split in place */
    sl_out *out;
    sl_ctx *ctx;
    uint64_t hits;
} search_job;

static bool is_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

static int set_marks(search_job *job, char *arg)
{
    char *comma = strchr(arg, ',');
    if (!comma || strchr(comma + 1, ','))
        return cli_usage_error("--mark takes OPEN,CLOSE such as '<b>,</b>', not '%s'", arg);
    *comma = '\0';
    job->q.mark_open = arg;
    job->q.mark_close = comma + 1;
    job->marks = arg;
    return EXIT_OK;
}

static int parse_value(int c, char *arg, search_job *job)
{
    size_t v;
    switch (c) {
    case SE_OPT_DB: job->db = arg; return EXIT_OK;
    case SE_OPT_SOURCE: job->q.source = arg; return EXIT_OK;
    case SE_OPT_ENTITY: job->q.entity = arg; return EXIT_OK;
    case SE_OPT_FROM:
    case SE_OPT_TO:
        if (!is_date(arg))
            return cli_usage_error("--%s takes a date YYYY-MM-DD, not '%s'",
                                   c == SE_OPT_FROM ? "from" : "to", arg);
        *(c == SE_OPT_FROM ? &job->q.from : &job->q.to) = arg;
        return EXIT_OK;
    case SE_OPT_LIMIT:
        if (!cli_parse_size(arg, &v) || v == 0 || v > 1000000)
            return cli_usage_error("--limit takes a number from 1 to 1000000, not '%s'", arg);
        job->q.limit = v;
        return EXIT_OK;
    case SE_OPT_FTS: job->q.fts_syntax = 1; return EXIT_OK;
    case SE_OPT_FORMAT:
        if (strcmp(arg, "jsonl") != 0 && strcmp(arg, "table") != 0)
            return cli_usage_error("--format takes jsonl or table, not '%s'", arg);
        job->table = strcmp(arg, "table") == 0;
        job->format_set = true;
        return EXIT_OK;
    case SE_OPT_MARK: return set_marks(job, arg);
    default: return cli_usage_error("unknown option");
    }
}

static int parse_args(int argc, char **argv, search_job *job)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, SE_OPT_DB },
        { "source", required_argument, NULL, SE_OPT_SOURCE },
        { "entity", required_argument, NULL, SE_OPT_ENTITY },
        { "from", required_argument, NULL, SE_OPT_FROM },
        { "to", required_argument, NULL, SE_OPT_TO },
        { "limit", required_argument, NULL, SE_OPT_LIMIT },
        { "fts", no_argument, NULL, SE_OPT_FTS },
        { "format", required_argument, NULL, SE_OPT_FORMAT },
        { "mark", required_argument, NULL, SE_OPT_MARK },
        { NULL, 0, NULL, 0 },
    };
    int c, status = EXIT_OK;
    opterr = 0;
    optind = 1;
    while (status == EXIT_OK && (c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == '?')
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        status = parse_value(c, optarg, job);
    }
    if (status != EXIT_OK)
        return status;
    if (!job->db || !job->db[0])
        return cli_usage_error("--db=FILE is required: the store to search");
    if (optind == argc)
        return cli_usage_error("no query: give the words to search for");
    return EXIT_OK;
}

/* The words of QUERY..., joined by spaces. */
static char *join_query(int argc, char **argv, int first)
{
    size_t n = 1;
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
    return s;
}

/* ---------------------------------------------------------------- output */

static int put_str(sl_out *o, const char *key, sl_str v)
{
    int rc = sl_out_key(o, key);
    if (rc)
        return rc;
    return v.len ? sl_out_string(o, v.ptr, v.len) : sl_out_null(o);
}

static int write_jsonl(search_job *job, const sl_store_hit *h)
{
    sl_out *o = job->out;
    const char *line;
    size_t len;
    sl_out_reset(o);
    int rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "doc");
    if (!rc) rc = sl_out_int(o, (int64_t)h->doc);
    if (!rc) rc = sl_out_key(o, "id");
    if (!rc) rc = sl_out_string(o, h->id.ptr, h->id.len);
    if (!rc) rc = put_str(o, "source", h->source);
    if (!rc) rc = put_str(o, "url", h->url);
    if (!rc) rc = put_str(o, "title", h->title);
    if (!rc) rc = put_str(o, "date", h->date);
    if (!rc) rc = put_str(o, "event", h->event);
    if (!rc) rc = put_str(o, "story", h->story);
    if (!rc) rc = sl_out_key(o, "score");
    if (!rc) rc = sl_out_double(o, cli_round4(h->score));
    if (!rc) rc = put_str(o, "snippet", h->snippet);
    if (!rc) rc = sl_out_end_object(o);
    if (!rc) rc = sl_out_finish(o, &line, &len);
    if (rc) {
        cli_error("%s", sl_errmsg(job->ctx));
        return EXIT_IO;
    }
    return cli_write(stdout, line, len) ? 0 : EXIT_IO;
}

/* The snippet on one line: line ends and tabs become spaces. */
static void print_flat(sl_str s)
{
    for (size_t i = 0; i < s.len; i++) {
        char c = s.ptr[i];
        putchar(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
}

static int write_row(search_job *job, const sl_store_hit *h)
{
    printf("%3llu. %-10.*s  %.*s  %.*s  (%.2f)\n", (unsigned long long)job->hits,
           (int)(h->date.len ? h->date.len : 1), h->date.len ? h->date.ptr : "-",
           (int)h->source.len, h->source.ptr, (int)h->id.len, h->id.ptr, -h->score);
    if (h->title.len)
        printf("     %.*s\n", (int)h->title.len, h->title.ptr);
    fputs("     ", stdout);
    print_flat(h->snippet);
    fputs("\n\n", stdout);
    return ferror(stdout) ? EXIT_IO : 0;
}

static int on_hit(void *ud, const sl_store_hit *h)
{
    search_job *job = ud;
    job->hits++;
    return job->table ? write_row(job, h) : write_jsonl(job, h);
}

static int search(search_job *job, const char *query)
{
    sl_store *store = NULL;
    if (sl_ctx_new(&job->ctx, NULL) || sl_out_new(job->ctx, &job->out)) {
        cli_error("out of memory");
        sl_ctx_free(job->ctx);
        return EXIT_IO;
    }
    int status = EXIT_OK;
    if (sl_store_open(job->ctx, &store, job->db, SL_STORE_READONLY) != SL_OK) {
        cli_error("%s", sl_errmsg(job->ctx));
        status = EXIT_IO;
    } else {
        job->q.match = query;
        int rc = sl_store_search(store, &job->q, on_hit, job);
        if (rc == SL_EINVAL) {
            cli_error("%s", sl_errmsg(job->ctx));
            status = EXIT_USAGE;
        } else if (rc < 0) {
            cli_error("%s", sl_errmsg(job->ctx));
            status = EXIT_IO;
        } else if (rc > 0) {
            status = EXIT_IO;
        }
    }
    sl_store_close(store);
    sl_out_free(job->out);
    sl_ctx_free(job->ctx);
    return status;
}

int cmd_search(int argc, char **argv)
{
    search_job job;
    memset(&job, 0, sizeof job);
    job.q = (sl_store_query)SL_STORE_QUERY_INIT;
    int status = parse_args(argc, argv, &job);
    if (status != EXIT_OK)
        return status;
    if (!job.format_set)
        job.table = isatty(STDOUT_FILENO);
    if (job.table && !job.marks && cli_color(stdout)) {
        job.q.mark_open = "\033[1m";
        job.q.mark_close = "\033[0m";
    }
    char *query = join_query(argc, argv, optind);
    if (!query) {
        cli_error("out of memory");
        return EXIT_IO;
    }
    status = search(&job, query);
    free(query);
    if (fflush(stdout) != 0) {
        cli_error("cannot write standard output");
        return EXIT_IO;
    }
    return status;
}
