/* storyline facts, dates and quotes: one job (cmd_facts.c parses the
 * arguments of the three commands) and one run loop (facts_run.c). */
#ifndef SL_CLI_FACTS_H
#define SL_CLI_FACTS_H

#include "cli.h"

#include <stdio.h>

/* What a command writes: facts writes everything, dates the time
 * expressions and the publication date, quotes the quotes. */
typedef enum facts_mode { FACTS_ALL, FACTS_DATES, FACTS_QUOTES } facts_mode;

typedef struct facts_job {
    sl_reader_options reader;
    facts_mode mode;
    const char *ner_model;   /* resolved paths (see facts_resolve_paths) */
    const char *time_rules;
    const char *output;
    bool quiet, no_clean;
    unsigned threads;
    uint64_t docs, rejected;
} facts_job;

int facts_run(facts_job *job, int argc, char **argv, int first, FILE *out);

#endif
