/* storyline dedup: the job description and the run loop (cmd_dedup.c parses
 * arguments, dedup_run.c does the work, dedup_pairs.c writes pair lines). */
#ifndef SL_CLI_DEDUP_H
#define SL_CLI_DEDUP_H

#include "cli.h"

#include <stddef.h>
#include <stdio.h>

enum {
    DD_OPT_PAIRS = 2000, DD_OPT_SUMMARY, DD_OPT_WINDOW, DD_OPT_NEAR, DD_OPT_REVISION,
    DD_OPT_REVISION_TITLED, DD_OPT_CONTAINED, DD_OPT_CONTAINED_RATIO, DD_OPT_MIN_WORDS,
    DD_OPT_NO_CLEAN, DD_OPT_IN_MEMORY, DD_OPT_THREADS
};

typedef struct dedup_job {
    sl_reader_options reader;
    sl_dedup_options dedup;
    const char *output;
    bool pairs, summary, quiet, no_clean;
    unsigned min_words;
    unsigned threads;        /* 0: one per core */
    uint64_t docs, rejected;
} dedup_job;

/* Bytes kept aside in a temporary file until they can be written: a
 * document's output record, or its compared text and clean map. */
typedef struct spill {
    FILE *file;
    uint64_t size;
    uint64_t *off;  /* start of item i; item i ends where i + 1 starts */
    size_t n, cap;
} spill;

bool spill_open(spill *s);
void spill_close(spill *s);
/* Append bytes to the item being built; spill_end_item closes it. */
bool spill_put(spill *s, const void *data, size_t len);
bool spill_end_item(spill *s);
/* Read item i into *buf (grown with realloc). */
bool spill_get(spill *s, size_t i, char **buf, size_t *cap, size_t *len);

int dedup_run(dedup_job *job, int argc, char **argv, int first, FILE *out);
/* With --pairs: one line per related pair, spans from the kept texts. */
int dedup_write_pairs(const dedup_job *job, sl_ctx *ctx, sl_dedup *d, spill *texts,
                      const uint64_t *item_of, FILE *out);

#endif
