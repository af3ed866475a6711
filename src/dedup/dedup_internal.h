/* Internals of the dedup stage shared by its files (not public API). */
#ifndef SL_DEDUP_INTERNAL_H
#define SL_DEDUP_INTERNAL_H

#include "core/core.h"
#include "dedup/shingle.h"

#include <stdint.h>
#include <stdio.h>

#define SL_DEDUP_MAX_TITLE_WORDS 32
#define SL_DEDUP_LEAD_WORDS 50  /* the lead: shingles of the first words */
#define SL_DEDUP_MAX_LEAD 64

/* Features of one document (sl_dedup_prepare).  Shingles are kept as the
 * high 32 bits of their 64-bit hashes, sorted and distinct: exact set
 * similarity over 32-bit values of a few thousand shingles differs from the
 * 64-bit one by less than one shingle in expectation, and halves the spill. */
struct sl_dedup_doc {
    sl_ctx *ctx;
    sl_shingles sh;          /* 64-bit shingles, scratch */
    uint32_t *set;           /* distinct 32-bit shingles, sorted */
    size_t n_set, cap_set;
    uint32_t *anchors;       /* index keys: sampled shingles, sorted */
    size_t n_anchors, cap_anchors;
    uint32_t title[SL_DEDUP_MAX_TITLE_WORDS]; /* distinct title word hashes, sorted */
    size_t n_title;
    uint32_t lead[SL_DEDUP_MAX_LEAD]; /* distinct shingles of the lead, sorted */
    size_t n_lead;
    uint64_t text_hash;      /* exact-copy hash: the text without white space */
    uint32_t source;         /* hash of the outlet's name, 0 when unknown */
    uint32_t title_hash;     /* hash of the headline, 0 when there is none */
    int update_title;        /* the title says it is an update ("UPDATE 2-...") */
    uint32_t words;          /* word (or character) tokens */
    uint32_t future;         /* markers of things still to come ("will", "is due to") */
    int empty;               /* no tokens at all */
};

/* The spill store: every document's shingle set, appended in order and read
 * back for verification.  Memory or a temporary file. */
typedef struct sl_setstore {
    sl_ctx *ctx;
    FILE *file;              /* NULL: memory */
    sl_buf mem;              /* bytes [mem_from, size): all of them in memory mode */
    uint64_t mem_from;
    uint64_t written;        /* file mode: bytes [0, written) are in the file */
    uint64_t size;
    size_t tail;             /* SL_SETSTORE_TAIL (tests set less) */
} sl_setstore;

/* File mode keeps the most recent bytes in memory too: candidates are
 * mostly recent documents (news repeats itself within days), and reading
 * them back from memory saves a system call per candidate. */
#define SL_SETSTORE_TAIL (32u << 20)

int sl_setstore_open(sl_setstore *s, sl_ctx *ctx, int to_file);
void sl_setstore_close(sl_setstore *s);
int sl_setstore_append(sl_setstore *s, const void *data, size_t len, uint64_t *offset);
int sl_setstore_read(sl_setstore *s, uint64_t offset, void *data, size_t len);
/* Bytes of memory the store holds (all of it in memory mode). */
size_t sl_setstore_cached(const sl_setstore *s);

/* The anchor index: an open-addressing table of (key, document) entries, a
 * key may occur many times.  Entries of documents below `live_from` are dead
 * (out of the window) and their slots are reused. */
typedef struct sl_anchor_index {
    sl_ctx *ctx;
    uint64_t *slot;          /* (key << 32) | (doc + 1); 0 is empty */
    size_t cap, used;
    uint32_t live_from;
} sl_anchor_index;

void sl_anchor_index_init(sl_anchor_index *ix, sl_ctx *ctx);
void sl_anchor_index_release(sl_anchor_index *ix);
/* Append the live documents filed under key to *docs (at most cap + 1 of
 * them; the return tells whether more than `cap` exist). */
int sl_anchor_lookup(const sl_anchor_index *ix, uint32_t key, uint32_t *docs, size_t cap,
                     size_t *n);
/* Make room for `extra` inserts, which then cannot fail. */
int sl_anchor_reserve(sl_anchor_index *ix, size_t extra);
void sl_anchor_insert(sl_anchor_index *ix, uint32_t key, uint32_t doc);

/* Sort v[0..n) and drop repeats; returns the new length. */
size_t sl_sort_unique_u32(uint32_t *v, size_t n);

/* Future markers in a text: how much of it announces things still to come.
 * Later versions of an article report what earlier ones announced. */
uint32_t sl_dedup_future_markers(const char *text, size_t len);

#endif
