/* Batches of documents prepared for dedup by a pool of threads. */
#ifndef SL_CLI_DEDUP_BATCH_H
#define SL_CLI_DEDUP_BATCH_H

#include "cli.h"

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
    unsigned threads;
    sl_ctx *wctx[DD_MAX_THREADS];
    const sl_dedup_options *opts;
} dd_batch;

bool batch_open(dd_batch *b, unsigned threads, const sl_dedup_options *opts);
void batch_close(dd_batch *b);
/* Copy a document into the next item (false and reported when out of memory). */
bool batch_push(dd_batch *b, const sl_doc *doc, sl_str text, sl_str title, uint64_t spill_item);
/* Prepare every item, in parallel. */
void batch_prepare(dd_batch *b);
const char *item_field(const dd_item *it, int field, size_t *len);

#endif
