/* A rewrite turns an input text into an output text piece by piece, and
 * remembers where every output byte came from (the offset map) and every
 * repair or removal it made (in input offsets).  Every cleaning step is a
 * rewrite, so provenance survives any chain of steps. */
#ifndef SL_REWRITE_H
#define SL_REWRITE_H

#include "core.h"

enum { SL_EDIT_REPAIR = 1, SL_EDIT_REMOVAL = 2 };

typedef struct sl_edit {
    int type;              /* SL_EDIT_REPAIR or SL_EDIT_REMOVAL */
    size_t start, end;     /* input bytes concerned */
    size_t to, to_len;     /* replacement, as a range of the output */
    const char *label;     /* static string: repair kind or removal reason */
} sl_edit;

typedef struct sl_rewrite {
    sl_ctx *ctx;
    sl_buf out;
    sl_map_seg *segs;      /* clean = output offsets, raw = input offsets */
    size_t n_segs, cap_segs;
    sl_edit *edits;
    size_t n_edits, cap_edits;
    size_t in_pos;         /* input consumed so far */
} sl_rewrite;

void sl_rewrite_init(sl_rewrite *rw, sl_ctx *ctx);
void sl_rewrite_reset(sl_rewrite *rw);
void sl_rewrite_release(sl_rewrite *rw);

/* Input must be consumed in order: each call starts at rw->in_pos.  */
/* Copy `len` input bytes unchanged. */
int sl_rw_copy(sl_rewrite *rw, const char *in, size_t len);
/* Replace `in_len` input bytes by `to`.  With a non-NULL `kind` the change
 * is recorded as a repair; with NULL it is a silent normalisation. */
int sl_rw_replace(sl_rewrite *rw, size_t in_len, const char *to, size_t to_len,
                  const char *kind);
/* Drop `in_len` input bytes.  With a non-NULL `reason` it is recorded as a
 * removal. */
int sl_rw_remove(sl_rewrite *rw, size_t in_len, const char *reason);
/* Copy the rest of the input. */
int sl_rw_finish(sl_rewrite *rw, const char *in, size_t in_len);

/* Map an output offset back to the input.  A position inside a replaced
 * piece maps to its start, or to its end when `is_end` is true. */
size_t sl_map_offset(const sl_map_seg *segs, size_t n, size_t off, int is_end);



/* Compose maps: `a` maps mid offsets to raw ones, `b` maps out offsets to
 * mid ones; the result (replacing *out) maps out offsets to raw ones. */
int sl_map_compose(sl_ctx *ctx, const sl_map_seg *a, size_t na, const sl_map_seg *b,
                   size_t nb, sl_map_seg **out, size_t *n, size_t *cap);
#endif
