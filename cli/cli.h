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

/* Parse a number in (0, 1], as thresholds are given. */
bool cli_parse_fraction(const char *s, double *out);
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

/* Scores are written with four decimals: more is noise, and short
 * numbers keep the output readable and stable across platforms. */
double cli_round4(double v);

/* Options every reading command takes (values for getopt_long). */
enum { CLI_OPT_MAX_LINE = 1000, CLI_OPT_MAX_DOC, CLI_OPT_MAX_DEPTH };
#define CLI_READER_LONGOPTS \
    { "max-line", required_argument, NULL, CLI_OPT_MAX_LINE }, \
    { "max-doc", required_argument, NULL, CLI_OPT_MAX_DOC }, \
    { "max-depth", required_argument, NULL, CLI_OPT_MAX_DEPTH }
/* Handle one of those options; false when `opt` is not one of them.  A bad
 * value sets *status to the usage exit code. */
bool cli_reader_option(int opt, const char *arg, sl_reader_options *o, int *status);
/* Add argv[first..argc) to the reader, standard input when there are none;
 * returns EXIT_IO when an input cannot be opened (the others still are). */
int cli_add_inputs(sl_ctx *ctx, sl_reader *reader, int argc, char **argv, int first);
/* Report a rejected record (unless quiet) and fold its exit code in. */
bool cli_read_error(sl_ctx *ctx, int rc, bool quiet, int *status);
/* Standard output when path is NULL; NULL (reported) when it cannot open. */
/* The text a stage works on: cleaned (unless no_clean, or the record went
 * through clean already), with its title; *r is NULL when not cleaned here. */
int cli_stage_text(sl_cleaner *cleaner, bool no_clean, const sl_doc *doc, sl_str *text,
                   sl_str *title, const sl_clean_result **r);
FILE *cli_open_output(const char *path);
/* Flush and close; returns EXIT_IO (reported) on a write error, else status. */
int cli_close_output(FILE *out, const char *path, int status);

#endif
