/* storyline stories: the job (cmd_stories.c parses arguments) and the run
 * loop (stories_run.c), with the --summary writer (stories_summary.c). */
#ifndef SL_CLI_STORIES_H
#define SL_CLI_STORIES_H

#include "cli.h"

#include <stdio.h>

typedef struct stories_job {
    sl_reader_options reader;
    sl_story_options story;
    const char *output;
    bool summary, quiet, no_clean;
    unsigned threads;
    uint64_t docs, rejected;
} stories_job;

int stories_run(stories_job *job, int argc, char **argv, int first, FILE *out);
/* One line per event, then one per story. */
int stories_write_summary(sl_ctx *ctx, const sl_story_index *x, FILE *out);

#endif
