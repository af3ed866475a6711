/* storyline merge: the reduce step of a sharded run (docs/scale.md). */
#include "cli.h"
#include "commands.h"
#include "dist.h"

#include <stdlib.h>
#include <string.h>

const char cmd_merge_usage[] =
    "usage: storyline merge --stage=STAGE [STAGE OPTIONS] PART...\n"
    "\n"
    "Put the shards of a command back together.  Each shard ran the command on\n"
    "the same inputs with --shard i/N (record k of the input belongs to shard\n"
    "k mod N) and wrote an intermediate file with -o: the prepared results of\n"
    "its records (shingle sets, story features, facts) with their record\n"
    "numbers.  merge reads the files of all N shards, takes the records in\n"
    "input order and resolves them as the command does on its own, so it\n"
    "writes exactly what the unsharded command writes.\n"
    "\n"
    "  --stage=STAGE      dedup, stories, facts (also dates, quotes), run, clean\n"
    "                     or extract\n"
    "\n"
    "For dedup, stories, facts and run the other options are the command's\n"
    "own; those that decide the results must be the ones the shards had\n"
    "(checked).  Output options (-o, --summary, --db for run) belong to merge.\n"
    "For clean and extract the shards wrote their records whole: merge puts\n"
    "them in input order and takes only -o FILE.\n"
    "\n"
    "example:\n"
    "  storyline dedup --shard 0/2 -o part0 in.jsonl\n"
    "  storyline dedup --shard 1/2 -o part1 in.jsonl\n"
    "  storyline merge --stage dedup part0 part1 > out.jsonl\n";

static const char *stage_of(int argc, char **argv, int *at, int *used)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strncmp(argv[i], "--stage=", 8) == 0) {
            *at = i;
            *used = 1;
            return argv[i] + 8;
        }
        if (strcmp(argv[i], "--stage") == 0 && i + 1 < argc) {
            *at = i;
            *used = 2;
            return argv[i + 1];
        }
    }
    return NULL;
}

/* clean and extract: the outputs as they are, in input order; only -o. */
static int merge_lines(unsigned stage, int argc, char **argv, int at, int used)
{
    const char *output = NULL;
    int first = 1;
    for (; first < argc; first++) {
        if (first >= at && first < at + used)
            continue;
        if (strcmp(argv[first], "-o") == 0 && first + 1 < argc && first + 1 != at)
            output = argv[++first];
        else if (strncmp(argv[first], "--output=", 9) == 0)
            output = argv[first] + 9;
        else if (argv[first][0] == '-' && argv[first][1])
            return cli_usage_error("merge --stage %s takes only -o FILE and the parts, not '%s'",
                                   dist_stage_name(stage), argv[first]);
        else
            break;
    }
    char **parts = argv + first;
    int n = argc - first;
    for (int k = 0; k < n; k++)
        if (strcmp(parts[k], "--stage") == 0 || strncmp(parts[k], "--stage=", 8) == 0)
            return cli_usage_error("give --stage before the parts");
    dist_set_reduce();
    dist_take_inputs(n, parts, 0);
    FILE *out = cli_open_output(output);
    if (!out)
        return EXIT_IO;
    int status = dist_merge_lines(stage, out);
    return cli_close_output(out, output, status);
}

int cmd_merge(int argc, char **argv)
{
    int at = 0, used = 0;
    const char *stage = stage_of(argc, argv, &at, &used);
    if (!stage)
        return cli_usage_error("merge needs --stage=dedup|stories|facts|run|clean|extract");
    if (strcmp(stage, "clean") == 0 || strcmp(stage, "extract") == 0)
        return merge_lines(strcmp(stage, "clean") == 0 ? DIST_STAGE_CLEAN : DIST_STAGE_EXTRACT,
                           argc, argv, at, used);
    static const struct { const char *name; int (*run)(int, char **); } stages[] = {
        { "dedup", cmd_dedup }, { "stories", cmd_stories }, { "facts", cmd_facts },
        { "dates", cmd_dates }, { "quotes", cmd_quotes }, { "run", cmd_run },
    };
    for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++) {
        if (strcmp(stage, stages[i].name) != 0)
            continue;
        /* the stage's arguments: its name, then everything but --stage */
        char **stage_argv = malloc((size_t)(argc + 1) * sizeof *stage_argv);
        if (!stage_argv) {
            cli_error("out of memory");
            return EXIT_IO;
        }
        int n = 0;
        stage_argv[n++] = (char *)stages[i].name;
        for (int k = 1; k < argc; k++)
            if (k < at || k >= at + used)
                stage_argv[n++] = argv[k];
        stage_argv[n] = NULL;
        dist_set_reduce();
        int status = stages[i].run(n, stage_argv);
        free(stage_argv);
        return status;
    }
    return cli_usage_error("--stage takes dedup, stories, facts, dates, quotes, run, clean or "
                           "extract, not '%s'", stage);
}
