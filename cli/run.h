/* storyline run: every stage into a store (cmd_run.c parses the arguments,
 * run_pipeline.c reads, prepares and stores documents, run_store.c opens
 * the store, rebuilds the indexes from it and brings it up to date at the
 * end).  docs/run.md tells the whole story. */
#ifndef SL_CLI_RUN_H
#define SL_CLI_RUN_H

#include "cli.h"
#include "pool.h"

#include <stdio.h>

typedef struct run_job {
    sl_reader_options reader;
    sl_dedup_options dedup;
    sl_story_options story;
    const char *db;
    const char *output;       /* --shard: the intermediate file (cli/dist.h) */
    const char *inputs;       /* the input names, for the runs table */
    const char *ner_model, *time_rules;   /* resolved paths */
    bool quiet, no_clean;
    unsigned threads;
    /* what happened */
    uint64_t stored_before, added, skipped, rejected, mismatched;
    uint64_t events, stories, dups_changed;
    double rebuild_seconds, total_seconds;
} run_job;

/* What the workers need to prepare a document. */
typedef struct run_arg {
    const sl_dedup_options *dedup;
    const sl_story_options *story;
    const sl_facts *facts;
} run_arg;

/* Recently queued content hashes: those not yet committed are not in the
 * store, so a copy queued right after its original is caught here. */
#define RUN_RECENT 1024

typedef struct run_state {
    sl_ctx *ctx;
    sl_reader *reader;
    sl_cleaner *cleaner;
    sl_dedup *dedup;
    sl_story_index *stories;
    sl_facts *facts;
    sl_store *store;
    pool pool;
    run_arg arg;
    run_job *job;
    int status;
    uint64_t run;             /* this run's row in the runs table */
    uint64_t next_doc;        /* number of the next document stored */
    uint8_t recent[RUN_RECENT][16];
    size_t n_recent;
    uint64_t *touched;        /* events changed by the batch being stored */
    size_t n_touched, cap_touched;
    char date_buf[64];
} run_state;

int run_pipeline(run_job *job, int argc, char **argv, int first);

/* run_store.c */
int run_open_store(run_state *s);
/* The options that decide ids, kept in the store: a second run must use
 * the same (EXIT_USAGE and a message when not). */
int run_check_options(run_state *s);
/* Feed every stored document through the indexes again, in stored order. */
int run_rebuild(run_state *s);
/* End of the run: duplicate relations, events and stories brought up to
 * date in one batch. */
int run_finish(run_state *s);
/* Write the events (and their stories) listed in s->touched. */
int run_put_touched(run_state *s);
bool run_touch(run_state *s, uint64_t event);

/* run_pipeline.c: the pool's stage (for the rebuild too). */
extern const pool_ops run_pool_ops;
int run_add_batch(void *state, pool_batch *b);

#endif
