/* Scale-out: the per-document results of the heavy stages (dedup
 * signatures, story features, facts) as bytes, so that they can be computed
 * on another process or machine and resolved later, in input order, by the
 * one process that owns the order-dependent state (docs/scale.md).
 *
 * Two layers:
 *  - codecs: a prepared sl_dedup_doc, sl_story_doc or sl_facts_doc appended
 *    to a byte buffer, and read back into a document object of the same
 *    kind, which sl_dedup_add, sl_story_add and the store then take exactly
 *    as if it had been prepared here (the bytes are the document's fields,
 *    so the result is the same bit for bit);
 *  - the intermediate file: a versioned header, length-framed records each
 *    with a 64-bit checksum, and a trailer with counts and its own checksum,
 *    so a truncated, damaged or mismatched file is refused, never half read.
 *
 * All integers are little-endian; lengths and counts are LEB128 varints. */
#ifndef SL_DIST_H
#define SL_DIST_H

#include "core/core.h"
#include "storyline.h"

#include <stdint.h>
#include <stdio.h>

/* ---- encoding ---- */

int sl_dist_put_u32(sl_buf *b, uint32_t v);
int sl_dist_put_u64(sl_buf *b, uint64_t v);
int sl_dist_put_varint(sl_buf *b, uint64_t v);
/* A varint length, then the bytes. */
int sl_dist_put_bytes(sl_buf *b, const void *data, size_t len);

/* A cursor over received bytes.  Reading past the end, or a malformed
 * varint, sets `bad`; every read then returns zeros, so a decoder checks
 * once at the end. */
typedef struct sl_dist_dec {
    const uint8_t *p, *end;
    int bad;
} sl_dist_dec;

void sl_dist_dec_init(sl_dist_dec *d, const void *data, size_t len);
uint32_t sl_dist_get_u32(sl_dist_dec *d);
uint64_t sl_dist_get_u64(sl_dist_dec *d);
uint64_t sl_dist_get_varint(sl_dist_dec *d);
/* Points into the decoded bytes (not copied); len 0 and NULL when bad. */
const char *sl_dist_get_bytes(sl_dist_dec *d, size_t *len);

/* ---- codecs of prepared documents ---- */

int sl_dist_put_dedup_doc(sl_buf *b, const sl_dedup_doc *p);
/* Fill p (made by sl_dedup_doc_new) from the bytes; SL_EPARSE when they do
 * not hold one. */
int sl_dist_get_dedup_doc(sl_dist_dec *d, sl_dedup_doc *p);

int sl_dist_put_story_doc(sl_buf *b, const sl_story_doc *p);
int sl_dist_get_story_doc(sl_dist_dec *d, sl_story_doc *p);

int sl_dist_put_facts_doc(sl_buf *b, const sl_facts_doc *p);
int sl_dist_get_facts_doc(sl_dist_dec *d, sl_facts_doc *p);

/* ---- the intermediate file ---- */

#define SL_DIST_VERSION 1

typedef struct sl_dist_header {
    uint32_t version;        /* SL_DIST_VERSION */
    uint32_t stage;          /* what the records hold (the caller's code) */
    uint32_t shard, shards;  /* this file is shard `shard` of `shards` */
    uint64_t options;        /* a hash of the options the results depend on */
} sl_dist_header;

typedef struct sl_dist_trailer {
    uint64_t records;        /* records in the file */
    uint64_t counts[4];      /* the caller's counters (rejected records...) */
} sl_dist_trailer;

typedef struct sl_dist_writer {
    sl_ctx *ctx;
    FILE *f;
    sl_buf frame;
    uint64_t records;
} sl_dist_writer;

int sl_dist_writer_open(sl_dist_writer *w, sl_ctx *ctx, FILE *f, const sl_dist_header *h);
/* One record: its length, the bytes, their checksum. */
int sl_dist_writer_put(sl_dist_writer *w, const void *data, size_t len);
/* The trailer (records is filled in); then flushes. The FILE stays open. */
int sl_dist_writer_finish(sl_dist_writer *w, sl_dist_trailer *t);
void sl_dist_writer_release(sl_dist_writer *w);

typedef struct sl_dist_reader {
    sl_ctx *ctx;
    FILE *f;
    const char *name;        /* for messages */
    sl_dist_header header;
    sl_dist_trailer trailer; /* valid once sl_dist_reader_next returned SL_EOF */
    sl_buf rec;
    uint64_t records;
} sl_dist_reader;

/* Read and check the header: SL_EPARSE when it is not an intermediate file
 * of this version. */
int sl_dist_reader_open(sl_dist_reader *r, sl_ctx *ctx, FILE *f, const char *name);
/* The next record (valid until the next call), SL_EOF after a trailer that
 * checks out, SL_EPARSE on damage or truncation. */
int sl_dist_reader_next(sl_dist_reader *r, const uint8_t **data, size_t *len);
void sl_dist_reader_release(sl_dist_reader *r);

/* 64-bit hash of bytes, continuing from seed (XXH3). */
uint64_t sl_dist_hash(const void *data, size_t len, uint64_t seed);

#endif
