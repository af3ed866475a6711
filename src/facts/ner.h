/* Named-entity recognition: PER, ORG, LOC and MISC names in English text.
 *
 * Model.  A first-order linear-chain tagger over BIO tags (O, B-PER, I-PER,
 * B-ORG, ...) trained as an averaged structured perceptron by
 * model/train_ner.c.  Each token has a few dozen sparse binary features
 * (lower-cased word, shape, affixes, neighbouring words and shapes,
 * sentence position, gazetteer membership, all-caps line); every feature is
 * a 32-bit hash key with one weight per tag.  Viterbi decoding forbids
 * I-X after anything but B-X or I-X.
 *
 * Model file (".slm", little-endian, see ner_model.c): header, transition
 * weights, sorted feature keys with int16 weights, the gazetteer entries the
 * features need (so the file is self-contained) and a checksum.  A corrupt
 * or truncated file is refused with SL_EPARSE.
 *
 * Threads.  A loaded model is read-only: several threads may tag with one
 * model at once, each with its own context.  The context given to load must
 * outlive the model (the model is freed through it).
 */
#ifndef SL_FACTS_NER_H
#define SL_FACTS_NER_H

#include "core/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Entity types, in the order of the tag set. */
enum { SL_NER_PER = 0, SL_NER_ORG = 1, SL_NER_LOC = 2, SL_NER_MISC = 3, SL_NER_NTYPES = 4 };

/* "PER", "ORG", "LOC", "MISC"; NULL for anything else. */
const char *sl_ner_type_name(int type);

typedef struct sl_ner_model sl_ner_model;

/* Load a model file.  SL_EIO when it cannot be read, SL_EPARSE when it is not
 * a valid model (message says why), SL_ENOMEM. */
int sl_ner_model_load(sl_ctx *ctx, const char *path, sl_ner_model **out);
/* Load a model from memory (data is not kept after the call). */
int sl_ner_model_load_mem(sl_ctx *ctx, const void *data, size_t len, sl_ner_model **out);
/* Free a model; NULL is a no-op. */
void sl_ner_model_free(sl_ner_model *m);

/* An entity: bytes text[start..end) and its type (SL_NER_PER..). */
typedef struct sl_ner_span {
    size_t start, end;
    int type;
} sl_ner_span;

/* Tag text[0..len) (UTF-8; invalid bytes are tolerated).  Each line is a
 * paragraph; lines are split into sentences at . ! ? followed by a capital.
 * *spans (freed by the caller with sl_free) gets the entities in text order;
 * *spans is NULL when *n is 0.  Returns 0, SL_EINVAL or SL_ENOMEM. */
int sl_ner_tag(sl_ctx *ctx, const sl_ner_model *m, const char *text, size_t len,
               sl_ner_span **spans, size_t *n);

/* ------------------------------------------------------------------------
 * Internals shared by the tagger and the trainer (model/train_ner.c).
 * ------------------------------------------------------------------------ */

/* Tags: 0 = O, 1 + 2t = B-type t, 2 + 2t = I-type t. */
#define SL_NER_NTAGS 9
#define SL_NER_TAG_B(t) (1 + 2 * (t))
#define SL_NER_TAG_I(t) (2 + 2 * (t))
#define SL_NER_TAG_TYPE(tag) (((tag) - 1) / 2)
#define SL_NER_TAG_IS_I(tag) ((tag) > 0 && ((tag) % 2) == 0)

/* Gazetteer categories (bit numbers in the per-token masks). */
enum {
    SL_NER_GAZ_COUNTRY, SL_NER_GAZ_DEMONYM, SL_NER_GAZ_CAPITAL, SL_NER_GAZ_CITY,
    SL_NER_GAZ_INTL_ORG, SL_NER_GAZ_AGENCY, SL_NER_GAZ_OUTLET, SL_NER_GAZ_N
};

/* Most features one token can have. */
#define SL_NER_MAX_FEATS 64

/* A token: bytes [start, end) of the text. */
typedef struct sl_ner_token {
    size_t start, end;
    bool line_start; /* first token of a line */
} sl_ner_token;

/* Split text into tokens the way CoNLL-style corpora are tokenised:
 * whitespace separates, opening and closing punctuation is split off, a
 * final period stays on abbreviations ("U.S.", "Mr."), "'s" and "n't" are
 * split.  Appends to *toks (grown with sl_grow; *cap is its capacity) and
 * sets *n.  Returns 0 or SL_ENOMEM. */
int sl_ner_tokenize(sl_ctx *ctx, const char *text, size_t len, sl_ner_token **toks,
                    size_t *cap, size_t *n);

/* True when token i ends a sentence (given the tokens after it). */
bool sl_ner_sentence_ends(const char *text, const sl_ner_token *toks, size_t n, size_t i);

/* Append the lower-cased form of s[0..len) to out (invalid bytes are copied
 * as they are).  Returns 0 or SL_ENOMEM. */
int sl_ner_lower(sl_buf *out, const char *s, size_t len);

/* Gazetteer: phrases by category, matched on token sequences. */
typedef struct sl_ner_gaz sl_ner_gaz;

/* Build from "C<TAB>phrase<LF>" lines, C a category digit.  The blob is
 * checked (SL_EPARSE on a malformed line) and not kept. */
int sl_ner_gaz_build(sl_ctx *ctx, const char *blob, size_t len, sl_ner_gaz **out);
void sl_ner_gaz_free(sl_ctx *ctx, sl_ner_gaz *g);

/* Mark gazetteer matches in a sentence of n words (lower: their lower-cased
 * forms, used when `folded`, for all-caps lines): b[i] gets the categories
 * of matches starting at word i, in[i] of matches continuing there. */
typedef struct sl_ner_word sl_ner_word;
void sl_ner_gaz_match(const sl_ner_gaz *g, const sl_ner_word *words, const sl_ner_word *lower,
                      size_t n, bool folded, uint16_t *b, uint16_t *in);

/* A word of a sentence (bytes, not owned). */
struct sl_ner_word {
    const char *s;
    size_t len;
};

/* How words are written elsewhere in the document: a set of lower-cased
 * words with bits SL_NER_DOC_CAP (seen capitalised inside a sentence that
 * has small letters, not at its start) and SL_NER_DOC_LOWER (seen starting
 * with a small letter there).  Filled sentence by sentence before tagging. */
enum { SL_NER_DOC_CAP = 1, SL_NER_DOC_LOWER = 2 };
typedef struct sl_ner_doc {
    sl_ctx *ctx;
    uint64_t *keys; /* 0: empty */
    uint8_t *bits;
    size_t cap, n;
    sl_buf scratch;
} sl_ner_doc;

void sl_ner_doc_init(sl_ner_doc *d, sl_ctx *ctx);
void sl_ner_doc_release(sl_ner_doc *d);
void sl_ner_doc_reset(sl_ner_doc *d);
/* Add a sentence of n words.  Returns 0 or SL_ENOMEM. */
int sl_ner_doc_add(sl_ner_doc *d, const sl_ner_word *words, size_t n);
/* The bits of a lower-cased word (0 when unseen or d is NULL). */
unsigned sl_ner_doc_case(const sl_ner_doc *d, const char *lower, size_t len);

/* Feature extraction scratch, reused from sentence to sentence. */
typedef struct sl_ner_feats {
    sl_ctx *ctx;
    uint32_t *keys;      /* n * SL_NER_MAX_FEATS keys */
    uint8_t *count;      /* features of token i */
    struct sl_ner_tokinfo *info;
    size_t cap;          /* tokens the arrays hold */
    sl_buf lower;        /* lower-cased words, concatenated */
} sl_ner_feats;

void sl_ner_feats_init(sl_ner_feats *f, sl_ctx *ctx);
void sl_ner_feats_release(sl_ner_feats *f);

/* Compute the features of a sentence of n words.  Afterwards token i has
 * f->count[i] keys at f->keys + i * SL_NER_MAX_FEATS.  Returns 0 or
 * SL_ENOMEM.  doc (may be NULL) holds the document's case evidence. */
int sl_ner_features(sl_ner_feats *f, const sl_ner_gaz *gaz, const sl_ner_doc *doc,
                    const sl_ner_word *words, size_t n);

/* Best tag sequence under first-order scores: emit[i * NTAGS + t] is the
 * score of tag t at token i, trans[(p + 1) * NTAGS + t] of tag t after tag p
 * (row 0: after the sentence start).  back has n * NTAGS bytes of scratch.
 * Writes tags[0..n). */
void sl_ner_viterbi(const float *emit, const float *trans, size_t n, uint8_t *back,
                    float *scratch, uint8_t *tags);

/* Turn a BIO tag sequence into spans over tokens: calls out(ud, first, last,
 * type) for each entity (tokens first..last inclusive).  An I-X without a
 * B-X before it starts an entity. Returns the first non-zero value of out. */
int sl_ner_tags_to_spans(const uint8_t *tags, size_t n,
                         int (*out)(void *ud, size_t first, size_t last, int type), void *ud);

/* Model access for the tagger: add the weights of the given feature keys to
 * scores[0..NTAGS); the transition matrix as sl_ner_viterbi wants it; the
 * gazetteer. */
void sl_ner_model_score(const sl_ner_model *m, const uint32_t *keys, size_t n, float *scores);
const float *sl_ner_model_trans(const sl_ner_model *m);
const sl_ner_gaz *sl_ner_model_gaz(const sl_ner_model *m);

/* Append a model image to out (used by the trainer): transitions
 * trans[(NTAGS + 1) * NTAGS], nfeat strictly increasing non-zero keys with
 * NTAGS weights each (not all 0), the gazetteer blob.  Returns 0, SL_EINVAL,
 * SL_ELIMIT or SL_ENOMEM. */
int sl_ner_model_write(sl_buf *out, const int16_t *trans, const uint32_t *keys,
                       const int16_t *weights, size_t nfeat, const char *gaz, size_t gaz_len);

/* Model file layout. */
#define SL_NER_MAGIC "SLNER\r\n\x1a"
#define SL_NER_FORMAT_VERSION 1u
#define SL_NER_HEADER_BYTES 32u

#endif
