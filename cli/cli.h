/* The storyline command-line tool: shared pieces of the commands. */
#ifndef SL_CLI_H
#define SL_CLI_H

#include "storyline.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit codes (docs/cli.md). */
enum {
    EXIT_OK = 0,
    EXIT_REJECTED = 1,  /* some records rejected, the rest processed */
    EXIT_USAGE = 2,
    EXIT_IO = 3         /* I/O or resource error */
};

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;   /* full --help text */
} cli_command;

extern const cli_command cli_commands[];
extern const size_t cli_n_commands;
const cli_command *cli_find_command(const char *name);

/* Messages for people, on stderr, prefixed with "storyline CMD: ". */
void cli_set_command(const char *name);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "see 'storyline CMD --help'" and return EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool cli_color(FILE *f);

/* Parse a size such as 1048576, 64K, 256M, 1G. */
bool cli_parse_size(const char *s, size_t *out);

/* Worst of two exit codes (I/O beats rejected beats ok). */
int cli_worse(int a, int b);
/* The exit code an sl_reader_next error maps to. */
int cli_exit_for(int rc);

/* Progress on stderr, only when it is a terminal and the job is not tiny. */
typedef struct cli_progress {
    bool enabled;
    double started, last;
    bool shown;
} cli_progress;
void cli_progress_init(cli_progress *p);
void cli_progress_update(cli_progress *p, uint64_t docs, uint64_t bytes);
void cli_progress_done(cli_progress *p);

/* Write all of data to stdout; false on a write error (reported). */
bool cli_write(FILE *out, const char *data, size_t len);

#endif
