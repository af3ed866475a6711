/* Internals of encoding repair, shared by encoding.c (the scan over the
 * text), encoding_mojibake.c (undoing wrong decodings of one run of
 * suspicious characters), encoding_score.c (how plausible a run of
 * characters is) and encoding_entity.c (HTML character references). */
#ifndef SL_ENCODING_INTERNAL_H
#define SL_ENCODING_INTERNAL_H

#include "../core/core.h"

#include <stdint.h>

/* Longest run of suspicious characters examined as one piece. */
enum { SL_MOJI_MAX_RUN = 1024 };
/* Most wrong decodings undone on one run. */
enum { SL_MOJI_MAX_LAYERS = 3 };

/* Cost of a sequence of code points: lower is more plausible as text.
 * `before` and `after` are the neighbouring code points (0 for none). */
int sl_enc_cost(const uint32_t *cps, size_t n, uint32_t before, uint32_t after);

/* Character classes used by the cost and by the repair rules. */
bool sl_enc_is_letter(uint32_t cp);
bool sl_enc_is_space(uint32_t cp);

/* A growable array of code points. */
typedef struct sl_cpvec {
    uint32_t *v;
    size_t n, cap;
} sl_cpvec;

/* Room for the code pages of the tables. */
enum { SL_MOJI_MAX_PAGES = 16 };

/* Working state for repairing runs; reused from run to run. */
typedef struct sl_moji {
    sl_ctx *ctx;
    sl_cpvec cur, cand[2], best[2]; /* candidates of a layer and the next */
    const int *order;  /* code pages in order of preference (NULL: table order) */
    uint32_t after2;   /* the code point after the one after the run (0: none) */
    int layers[SL_MOJI_MAX_LAYERS]; /* code page indexes, outermost first */
    int n_layers;
    int first_gain;    /* cost saved by the first layer (and the ones after) */
    int gains[SL_MOJI_MAX_PAGES]; /* the same for each code page as first layer */
    bool letterless;   /* no letter before or after: weak evidence */
    bool c1_fixed;     /* C1 controls read as cp1252 */
} sl_moji;

void sl_moji_init(sl_moji *m, sl_ctx *ctx);
void sl_moji_release(sl_moji *m);

/* Repair run[0..n) (the result is m->cur).  Sets m->n_layers, m->layers,
 * m->first_gain and m->c1_fixed; a result equal to the input has no
 * layers and no C1 repair. */
int sl_moji_fix(sl_moji *m, const uint32_t *run, size_t n, uint32_t before, uint32_t after);

/* Cost saved by a first layer that counts as evidence on its own; weaker
 * repairs are kept only when the same code page has such evidence
 * elsewhere in the text. */
enum { SL_MOJI_STRONG_GAIN = 4, SL_MOJI_WEAK_GAIN = 1, SL_MOJI_LATER_GAIN = 3 };

/* Repair kind for the layers found by sl_moji_fix. */
const char *sl_moji_kind(const sl_moji *m);

/* An HTML character reference at s[0] == '&': returns its length and sets
 * *cp, or returns 0 when s does not start with one. */
size_t sl_entity_parse(const char *s, size_t len, uint32_t *cp);

#endif
