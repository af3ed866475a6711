/* train_ner: what the trainer (train_ner.c) and its synthetic data
 * (train_ner_synth.c) share. */
#ifndef SL_TRAIN_NER_H
#define SL_TRAIN_NER_H

#include "facts/ner.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { T = SL_NER_NTAGS, TRANS = (SL_NER_NTAGS + 1) * SL_NER_NTAGS };

/* ---- corpus ----------------------------------------------------------- */

typedef struct sentence {
    size_t first, n; /* words first..first+n-1 */
    size_t doc;      /* document number */
    bool copy;       /* an augmented copy: not evidence for the document */
} sentence;

typedef struct corpus {
    char *text;       /* word bytes, each followed by a NUL */
    size_t text_len, text_cap;
    size_t *word_off, *word_len;
    uint8_t *gold;
    size_t nwords, words_cap;
    sentence *sents;
    size_t nsents, sents_cap;
    size_t ndocs;
    uint32_t *keys;   /* nwords * SL_NER_MAX_FEATS */
    uint8_t *nkeys;
} corpus;

typedef struct phrases {
    char *text;                 /* tokens, NUL-terminated, phrase after phrase */
    size_t len, cap;
    size_t *start[SL_NER_GAZ_N]; /* offset of each phrase's first token */
    uint8_t *ntok[SL_NER_GAZ_N];
    size_t n[SL_NER_GAZ_N], ncap[SL_NER_GAZ_N];
} phrases;

void add_word(corpus *c, const char *w, size_t len, int tag);
void end_sentence(corpus *c, size_t *first, size_t doc, bool copy);
uint64_t rng_next(uint64_t *s);
bool pick_phrase(const phrases *ph, int type, uint64_t *seed, int *cat, size_t *idx);
size_t upper_word(const char *w, size_t len, char *out, size_t cap);

typedef struct mentions {
    size_t (*m)[3];
    size_t n, cap;
} mentions;

typedef struct synth {
    corpus *c;
    const phrases *ph;
    const mentions *men;
    const sl_ner_gaz *gaz;
    uint64_t seed;
    bool upper; /* write everything in capitals */
} synth;

/* Grow *arr (elements of elem bytes) to hold need elements; dies when out of memory. */
void grow(void *arr, size_t *cap, size_t need, size_t elem);
/* train_ner_synth.c */
void collect_mentions(const corpus *c, mentions *out);
void add_sports(synth *base, size_t n, uint64_t seed);
void add_replaced_copies(synth *y, double rate, double made_up);

#endif
