/* Scale-out in the command-line tool (docs/scale.md): --shard i/N, the
 * `storyline merge` reduce step, and mpiexec.
 *
 * Every layout runs the same reading loop (pool_read_all) over the whole
 * input: every process reads and cleans every record (the cleaner learns
 * each outlet's boilerplate in input order, so its state must see them all)
 * and numbers the records it reads, 0, 1, ...; record k belongs to shard
 * k mod N.  A process prepares (shingles, featurises, extracts facts from)
 * only its own records:
 *  - map (--shard i/N): its prepared records go to an intermediate file
 *    (src/dist/dist.h), nothing is resolved;
 *  - reduce (`storyline merge --stage S`): the intermediates of all shards
 *    are read back in global order and resolved as the unsharded command
 *    would, writing the same bytes;
 *  - MPI (mpiexec -n K): rank r is shard r of K; after each batch the
 *    prepared results are gathered at rank 0 (MPI_Gatherv), which resolves
 *    and writes everything, as the command would alone. */
#ifndef SL_CLI_DIST_H
#define SL_CLI_DIST_H

#include "cli.h"
#include "pool.h"

typedef enum dist_mode {
    DIST_OFF = 0,
    DIST_MAP,        /* --shard i/N */
    DIST_REDUCE,     /* storyline merge --stage S */
    DIST_MPI         /* launched by mpiexec with more than one rank */
} dist_mode;

/* Stage codes in the intermediate files. */
enum { DIST_STAGE_DEDUP = 1, DIST_STAGE_STORIES, DIST_STAGE_RUN, DIST_STAGE_FACTS,
       DIST_STAGE_CLEAN, DIST_STAGE_EXTRACT };

/* main(): take --shard out of the arguments and start MPI when launched
 * by mpiexec.  Returns EXIT_OK or a usage error. */
int dist_begin(const char *command, int *argc, char **argv);
/* main(): end MPI; returns status. */
int dist_end(int status);

dist_mode dist_get_mode(void);
/* Rank or shard, and their number (0 and 1 when off). */
unsigned dist_index(void);
unsigned dist_count(void);
/* merge: the next stage runs as the reduce of these stage and files. */
void dist_set_reduce(void);
const char *dist_stage_name(unsigned stage);

/* The stage the command runs, and a hash of the options its results
 * depend on: written into intermediates and checked by merge.  with_text:
 * the resolution reads the stage text (PI_TEXT), so intermediates keep it. */
void dist_set_stage(unsigned stage, uint64_t options, bool with_text);
uint64_t dist_hash(const void *data, size_t len, uint64_t seed);

/* cli_open_output: in map mode the output is the intermediate (the stage
 * writes to /dev/null); on MPI ranks other than 0, /dev/null. */
FILE *dist_open_output(const char *path, bool *handled);
/* cli_add_inputs: in reduce mode the inputs are the intermediate files. */
bool dist_take_inputs(int argc, char **argv, int first);
/* True when this process writes the command's results (not a map step,
 * not an MPI rank other than 0). */
bool dist_writes_results(void);

/* The pool_ops save and load of each stage's prepared documents. */
int dist_save_dedup(const void *prep, struct sl_buf *out);
int dist_load_dedup(void *prep, struct sl_dist_dec *in);
int dist_save_story(const void *prep, struct sl_buf *out);
int dist_load_story(void *prep, struct sl_dist_dec *in);
int dist_save_facts(const void *prep, struct sl_buf *out);
int dist_load_facts(void *prep, struct sl_dist_dec *in);

/* Commands that write one output per record without a pool (clean,
 * extract): record k is this process's when dist_owns(k) (always when
 * off); in a map step its output goes to the intermediate with
 * dist_put_line, which dist_lines_finish closes; merge puts the outputs
 * back in input order. */
bool dist_owns(uint64_t k);
int dist_put_line(uint64_t k, const char *line, size_t len);
int dist_lines_finish(uint64_t rejected, int status);
int dist_merge_lines(unsigned stage, FILE *out);

/* pool_read_all in a distributed mode. */
int dist_read_all(pool *p, const pool_stream *st);

/* storyline run: the content hashes queued so far in this run.  Every
 * process keeps them (a process that does not write the store cannot ask
 * it), so a sharded or MPI run skips what the one-process run skips; such a
 * run starts a new store.  dist_seen returns 1, 0, or -1 out of memory. */
int dist_seen(const uint8_t hash[16]);
/* The command's count of skipped records: a map step saves its count,
 * merge adds it up. */
void dist_count_skipped(uint64_t *counter);
int dist_remember(const uint8_t hash[16]);

/* Messages of records another process reports are muted (cli_error). */
bool dist_muted(void);

#endif
