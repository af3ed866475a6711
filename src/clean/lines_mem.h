/* A bounded memory of line hashes per source, counting in how many
 * documents each line was seen. */
#ifndef SL_LINES_MEM_H
#define SL_LINES_MEM_H

#include "../core/core.h"

typedef struct sl_linemem_entry {
    uint64_t key;      /* hash of (source, line); 0 marks a free slot */
    uint32_t docs;     /* documents the line was seen in */
    uint32_t last_doc; /* the last document that counted it */
} sl_linemem_entry;

typedef struct sl_linemem {
    sl_ctx *ctx;
    sl_linemem_entry *slots;
    size_t cap, used;  /* cap is a power of two (or 0) */
    size_t max_used;   /* the bound: pruned beyond this */
    uint32_t doc;      /* number of the current document, from 1 */
} sl_linemem;

void sl_linemem_init(sl_linemem *m, sl_ctx *ctx, size_t max_entries);
void sl_linemem_release(sl_linemem *m);
/* Start a new document. */
void sl_linemem_next_doc(sl_linemem *m);
/* Count the line with this key in the current document (once per
 * document) and return in how many documents it has been seen so far. */
int sl_linemem_note(sl_linemem *m, uint64_t key, uint32_t *docs);
/* A 64-bit hash of s[0..len), continuing from `seed`. */
uint64_t sl_linemem_hash(uint64_t seed, const char *s, size_t len);

#endif
