/* Batches of documents prepared for dedup by a pool of threads, while the
 * calling thread reads the next batch and indexes the previous one. */
#ifndef SL_CLI_DEDUP_BATCH_H
#define SL_CLI_DEDUP_BATCH_H

#include "cli.h"

#include <pthread.h>

#define DD_BATCH 256
#define DD_MAX_THREADS 64

enum { DD_ID, DD_TEXT, DD_TITLE, DD_SOURCE, DD_PUBLISHED, DD_ORIGIN, DD_FIELDS };

/* One document: its fields copied (the reader's buffers move on), the
 * number of its kept record, and its prepared features. */
typedef struct dd_item {
    char *buf;
    size_t used, cap;
    struct { size_t off, len; } f[DD_FIELDS];
    uint64_t line, spill_item;
    sl_dedup_doc *prep;
    int rc;
    char err[256];
} dd_item;

typedef struct dd_batch {
    dd_item *items;          /* DD_BATCH of them */
    size_t n;
} dd_batch;

/* Two batches: one filled (or indexed) by the caller while the workers
 * prepare the other.  Item i of a batch is always prepared by worker
 * i % workers with that worker's context, so a context is never used by
 * two threads at once and the result does not depend on timing. */
typedef struct dd_pool {
    dd_batch slots[2];
    unsigned workers;        /* preparing threads: threads - 1, or 1 */
    unsigned started;        /* of them running in the background */
    sl_ctx *wctx[DD_MAX_THREADS];
    pthread_t tid[DD_MAX_THREADS];
    const sl_dedup_options *opts;
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    bool sync_ok;            /* mu and the conditions exist */
    dd_batch *job;           /* being prepared, or NULL */
    uint64_t generation;     /* jobs started so far */
    unsigned finished;       /* workers done with the current job */
    bool quit;
} dd_pool;

/* threads is the number of threads in all, the caller's included: with 1
 * every batch is prepared by the caller, in pool_start. */
bool pool_open(dd_pool *p, unsigned threads, const sl_dedup_options *opts);
void pool_close(dd_pool *p);
/* Start preparing b in the background (or prepare it now with 1 thread). */
void pool_start(dd_pool *p, dd_batch *b);
/* Wait until the batch given to pool_start is prepared. */
void pool_wait(dd_pool *p);

/* Copy a document into the next item (false and reported when out of memory). */
bool batch_push(dd_batch *b, const sl_doc *doc, sl_str text, sl_str title, uint64_t spill_item);
const char *item_field(const dd_item *it, int field, size_t *len);

#endif
