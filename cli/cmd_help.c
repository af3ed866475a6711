/* storyline help [COMMAND] */
#include "cli.h"
#include "commands.h"

#include <stdio.h>

const char cmd_help_usage[] =
    "usage: storyline help [COMMAND]\n"
    "\n"
    "Without COMMAND, list the commands; with it, show that command's help\n"
    "(the same as 'storyline COMMAND --help').\n";

const char cmd_version_usage[] =
    "usage: storyline version\n"
    "       storyline --version\n"
    "\n"
    "Print the version of storyline.\n";

int cmd_version(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return cli_usage_error("'version' takes no arguments");
    printf("storyline %s\n", sl_version());
    return EXIT_OK;
}

int cmd_help(int argc, char **argv)
{
    if (argc > 2)
        return cli_usage_error("'help' takes at most one command name");
    if (argc == 2) {
        const cli_command *cmd = cli_find_command(argv[1]);
        if (!cmd)
            return cli_usage_error("'%s' is not a storyline command", argv[1]);
        fputs(cmd->usage, stdout);
        return EXIT_OK;
    }
    printf("usage: storyline COMMAND [OPTIONS] [INPUT...]\n"
           "\n"
           "Turn a stream of scraped news articles into clean, de-duplicated stories.\n"
           "Inputs are .jsonl (.gz, .zst) files, .txt files, web pages (.html, .htm,\n"
           ".html.gz), WARC archives (.warc, .warc.gz), directories of them, or - for\n"
           "standard input; output is JSON lines on standard output.\n"
           "\n"
           "commands:\n");
    for (size_t i = 0; i < cli_n_commands; i++)
        printf("  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
    printf("\n"
           "'storyline COMMAND --help' shows a command's options.\n"
           "Exit codes: 0 ok, 1 some records rejected (the rest processed),\n"
           "2 usage error, 3 I/O or resource error.  NO_COLOR turns colour off.\n");
    return EXIT_OK;
}
