/* storyline: the command table and dispatch. */
#include "cli.h"
#include "commands.h"
#include "dist.h"

#include <stdio.h>
#include <string.h>

const cli_command cli_commands[] = {
    { "clean", cmd_clean, "repair encoding, normalise, strip boilerplate; find title, byline, captions",
      cmd_clean_usage },
    { "compare", cmd_compare, "what each outlet adds to a story, leaves out, and its framing words",
      cmd_compare_usage },
    { "dates", cmd_dates, "time expressions and the publication date", cmd_dates_usage },
    { "dedup", cmd_dedup, "find exact copies, near duplicates, revisions and contained texts",
      cmd_dedup_usage },
    { "extract", cmd_extract, "web pages in, article text out: main text, title, byline, date",
      cmd_extract_usage },
    { "facts", cmd_facts, "entities, quotes with speakers, time expressions, publication date", cmd_facts_usage },
    { "help", cmd_help, "show help for storyline or one command", cmd_help_usage },
    { "merge", cmd_merge, "put the shards of dedup, stories, facts or run back together",
      cmd_merge_usage },
    { "passages", cmd_passages, "passages shared by documents that are not duplicates",
      cmd_passages_usage },
    { "quotes", cmd_quotes, "quotes with their sources and speakers", cmd_quotes_usage },
    { "run", cmd_run, "every stage into a SQLite store; again to add new documents",
      cmd_run_usage },
    { "search", cmd_search, "full-text search of a store, with filters", cmd_search_usage },
    { "serve", cmd_serve, "the HTTP API and web page over a store", cmd_serve_usage },
    { "stories", cmd_stories, "group documents into events and stories with stable ids",
      cmd_stories_usage },
    { "timeline", cmd_timeline, "a story's events in date order: dates, summaries, sources, quotes",
      cmd_timeline_usage },
    { "version", cmd_version, "print the version", cmd_version_usage },
};
const size_t cli_n_commands = sizeof cli_commands / sizeof cli_commands[0];

const cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; i < cli_n_commands; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        char *help_argv[] = { "help", NULL };
        cmd_help(1, help_argv);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        name = "version";
    else if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        name = "help";
    const cli_command *cmd = cli_find_command(name);
    if (!cmd) {
        cli_error("'%s' is not a storyline command; see 'storyline help'", argv[1]);
        return EXIT_USAGE;
    }
    cli_set_command(cmd->name);
    if (wants_help(argc - 1, argv + 1) && cmd->run != cmd_help) {
        fputs(cmd->usage, stdout);
        return EXIT_OK;
    }
    /* --shard i/N, and MPI when mpiexec started this process (cli/dist.h) */
    int status = dist_begin(cmd->name, &argc, argv);
    if (status != EXIT_OK)
        return dist_end(status);
    return dist_end(cmd->run(argc - 1, argv + 1));
}
