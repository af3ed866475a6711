/* Batches of documents prepared by a pool of threads (shingled for dedup,
 * featurised for stories), while the calling thread reads the next batch
 * and indexes the previous one in input order. */
#ifndef SL_CLI_POOL_H
#define SL_CLI_POOL_H

#include "cli.h"

#include <pthread.h>

#define POOL_BATCH 256
#define POOL_MAX_THREADS 64

/* PI_EXTRA: what the command adds (stories: the id the document duplicates);
 * PI_RECORD: the output record, when the command writes it after indexing. */
enum { PI_ID, PI_TEXT, PI_TITLE, PI_SOURCE, PI_PUBLISHED, PI_ORIGIN, PI_EXTRA, PI_RECORD, PI_FIELDS };

/* One document: its fields copied (the reader's buffers move on), the
 * number of its kept record, and its prepared features. */
typedef struct pool_item {
    char *buf;
    size_t used, cap;
    struct { size_t off, len; } f[PI_FIELDS];
    uint64_t line, spill_item;
    uint64_t global;         /* record number in the input (cli/dist.h) */
    bool remote;             /* prepared by another process (cli/dist.h) */
    void *prep;              /* the stage's prepared features */
    int rc;
    char err[256];
} pool_item;

typedef struct pool_batch pool_batch;
/* Index a prepared batch in input order: EXIT_OK, or EXIT_IO to stop. */
typedef int (*pool_add_fn)(void *state, pool_batch *b);

/* What a stage prepares, and how; save and load turn a prepared document
 * into bytes and back, for shards and MPI (cli/dist.h, src/dist/dist.h). */
struct sl_buf;
struct sl_dist_dec;
typedef struct pool_ops {
    int (*new_prep)(sl_ctx *ctx, const void *arg, void **prep);
    void (*free_prep)(void *prep);
    int (*prepare)(void *prep, const pool_item *it, const void *arg);
    int (*save)(const void *prep, struct sl_buf *out);
    int (*load)(void *prep, struct sl_dist_dec *in);
} pool_ops;

/* Two phases (pool_open_phases): a batch is prepared on the workers,
 * settled on the calling thread in input order (what must see the
 * documents before it: the cleaner's line memory), finished on the
 * workers, then added.  The workers prepare batch n + 1 while they finish
 * batch n; the caller adds batch n - 1 meanwhile.  An item whose rc a
 * phase sets is skipped by the later ones (settle sets rc and err itself);
 * finish skips remote items too. */
typedef struct pool_phases {
    pool_add_fn settle;
    int (*finish)(void *prep, const pool_item *it, const void *arg);
} pool_phases;

struct pool_batch {
    pool_item *items;          /* POOL_BATCH of them */
    size_t n;
};

/* Two batches: one filled (or indexed) by the caller while the workers
 * prepare the other.  Item i of a batch is always prepared by worker
 * i % workers with that worker's context, so a context is never used by
 * two threads at once and the result does not depend on timing. */
typedef struct pool {
    pool_batch slots[3];       /* the third with two phases only */
    unsigned workers;        /* preparing threads: threads - 1, or 1 */
    unsigned started;        /* of them running in the background */
    sl_ctx *wctx[POOL_MAX_THREADS];
    pthread_t tid[POOL_MAX_THREADS];
    const pool_ops *ops;
    const pool_phases *phases; /* or NULL: one phase */
    void *phase_state;       /* given to phases->settle */
    const void *arg;         /* given to the ops: the stage's options */
    pool_batch *fill;        /* being read into */
    pool_batch *busy;        /* being prepared, then indexed; or NULL */
    pool_batch *finishing;   /* two phases: being finished, or NULL */
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    bool sync_ok;            /* mu and the conditions exist */
    pool_batch *job;           /* being prepared, or NULL */
    pool_batch *job_finish;  /* being finished (two phases), or NULL */
    uint64_t generation;     /* jobs started so far */
    unsigned finished;       /* workers done with the current job */
    bool quit;
    bool stopped;            /* pool_read_all gave up: the run must stop */
} pool;

/* threads is the number of threads in all, the caller's included: with 1
 * every batch is prepared by the caller, in pool_start. */
bool pool_open(pool *p, unsigned threads, const pool_ops *ops, const void *arg);
/* settle gets `state` (the stage's own, whatever pool_rotate is given). */
bool pool_open_phases(pool *p, unsigned threads, const pool_ops *ops, const pool_phases *phases,
                      const void *arg, void *state);
void pool_close(pool *p);
/* Start preparing b (and finishing f, with two phases; either may be
 * NULL) in the background, or do it now with 1 thread. */
void pool_start(pool *p, pool_batch *b, pool_batch *f);
/* Wait until the batch given to pool_start is prepared. */
void pool_wait(pool *p);

/* The batch to read documents into (full at POOL_BATCH items). */
pool_batch *pool_fill(pool *p);
/* The filled batch goes to the workers; the one they prepared before is
 * indexed meanwhile with add, and becomes the next to fill. */
int pool_rotate(pool *p, pool_add_fn add, void *state);
/* At the end of the input: index everything still queued. */
int pool_drain(pool *p, pool_add_fn add, void *state);

/* A command's reading loop: every record of the reader is queued (the
 * command copies it into pool_fill), full batches go to the workers, and
 * prepared ones are indexed in input order.  Rejected records are counted
 * and reported; the rest go on. */
typedef struct pool_stream {
    sl_ctx *ctx;
    sl_reader *reader;
    bool quiet;
    uint64_t *docs, *rejected;          /* the job's counters */
    int *status;                        /* worst exit status so far */
    int (*queue)(void *state, const sl_doc *doc); /* EXIT_* */
    pool_add_fn add;
    void *state;
} pool_stream;
/* Returns *status, or EXIT_IO when the run must stop (a write or memory
 * failure); then p->stopped is set.  An input that could not be read also
 * makes *status EXIT_IO, but the other inputs are read and the run goes on
 * (p->stopped tells the two apart). */
int pool_read_all(pool *p, const pool_stream *st);

/* Report a record that could not be prepared or indexed (file:line:
 * message), count it, and make the exit status at least what rc says. */
void pool_reject(const pool_item *it, const char *msg, int rc, uint64_t *rejected, int *status);

/* ---- a stage's text cleaned on the pool (two phases) ----
 * A stage's prepared document starts with a pool_clean; its prepare
 * analyses (pool_clean_analyze: every record, another process's too, for
 * the line memory), its settle notes (pool_clean_settle, in input order),
 * and its finish takes the cleaned text and title (pool_clean_text) and
 * prepares from them, as cli_stage_text and the prepare did before: the
 * same bytes, with the cleaning off the calling thread. */
typedef struct pool_clean {
    sl_clean_doc *doc;
    bool clean;        /* the text is cleaned (else taken as given) */
    bool has_source;   /* the record has a "source" */
    const sl_clean_result *r; /* after pool_clean_text, when cleaned */
} pool_clean;

int pool_clean_init(sl_ctx *ctx, pool_clean *pc);
void pool_clean_release(pool_clean *pc);
/* On the calling thread, as the record is queued into the item that
 * pc belongs to: cleaned unless no_clean or the record went through
 * `storyline clean` already (it has "repairs"). */
void pool_clean_queue(pool_clean *pc, bool no_clean, const sl_doc *doc);
int pool_clean_analyze(pool_clean *pc, const pool_item *it);
/* The items' preps start with a pool_clean; ctx is the cleaner's. */
void pool_clean_settle(sl_cleaner *c, sl_ctx *ctx, pool_batch *b);
int pool_clean_text(pool_clean *pc, const pool_item *it, sl_str *text, sl_str *title);

/* Copy a document into the next item (false and reported when out of memory). */
bool batch_push(pool_batch *b, const sl_doc *doc, sl_str text, sl_str title, sl_str extra,
                sl_str record, uint64_t spill_item);
const char *item_field(const pool_item *it, int field, size_t *len);

#endif
