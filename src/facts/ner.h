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
 * Threads.  Several threads may tag with one model at once, each with its
 * own context: the model's weights are read-only, and its cache of word
 * scores (ner_model.c) is filled without locks, each entry written before it
 * is published.  The context given to load must outlive the model (the
 * model is freed through it).
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

/* ------------------------------------------------------------------------
 * A reusable tagger (one per thread): it keeps its scratch arrays and a
 * cache of what each word of the document contributes to the scores
 * (sl_ner_tag makes one per call).  Words and word pairs met on ordinary
 * lines also go to the model's shared cache, so their scores are computed
 * once per model rather than once per document.  The spans are exactly
 * those the features and weights give (as for the trainer's
 * sl_ner_features + sl_ner_model_score).
 * ------------------------------------------------------------------------ */
typedef struct sl_ner_tagger sl_ner_tagger;

/* Returns 0 or SL_ENOMEM.  The model must outlive the tagger. */
int sl_ner_tagger_new(sl_ctx *ctx, const sl_ner_model *m, sl_ner_tagger **out);
void sl_ner_tagger_free(sl_ner_tagger *g);
/* Tag text[0..len); *spans stays valid until the next call or the free.
 * Returns 0 or SL_ENOMEM. */
int sl_ner_tagger_run(sl_ner_tagger *g, const char *text, size_t len,
                      const sl_ner_span **spans, size_t *n);

/* Add the weights of n keys, key k into acc[k]. */
void sl_ner_model_add_many(const sl_ner_model *m, const uint32_t *keys, size_t n,
                           int32_t *const *acc);
/* Lookups gathered to be made together (see ner_model.c): every acc must
 * stay valid until the flush. */
#define SL_NER_BATCH 256
typedef struct sl_ner_batch {
    const sl_ner_model *m;
    size_t n;
    uint32_t key[SL_NER_BATCH];
    int32_t *acc[SL_NER_BATCH];
} sl_ner_batch;
void sl_ner_batch_add(sl_ner_batch *b, uint32_t key, int32_t *acc);
void sl_ner_batch_flush(sl_ner_batch *b);

/* Scores of the features that depend on one word alone (see
 * ner_features.c), for the tagger's cache: int32 sums of weights per tag. */
typedef int32_t sl_ner_vec[SL_NER_NTAGS];
typedef struct sl_ner_wscore {
    sl_ner_vec own;         /* the word's own features, context aside */
    sl_ner_vec as_prev;     /* as the word just before: word and short shape */
    sl_ner_vec prev2;       /* as the word two before */
    sl_ner_vec as_next;     /* as the word just after: word and short shape */
    sl_ner_vec next2;       /* as the word two after */
    sl_ner_vec numeric;     /* its shape on a table row */
    sl_ner_vec initial;     /* first word of a sentence */
    uint8_t flags;          /* letter flags (see ner_features.c) */
    bool letter;            /* has a letter: gets the document case feature */
    uint8_t sshape_len;
    char sshape[8];
} sl_ner_wscore;

/* As the features see word w: has it a small letter, an ASCII digit, and
 * how many capitals among its first code points (its shape's X). */
void sl_ner_word_case(const sl_ner_word *w, bool *lower, bool *digit, unsigned *upper);
/* The gazetteer lookup of one word alone (see sl_ner_gaz_first). */
typedef struct sl_ner_gaz_hit {
    uint64_t hash;   /* chain of the word alone */
    uint16_t mask;   /* categories of one-word phrases */
    bool prefix;     /* some longer phrase starts with this word */
} sl_ner_gaz_hit;

/* A word's scores on one kind of line, and the gazetteer lookup of the word
 * alone. */
typedef struct sl_ner_wvariant {
    sl_ner_wscore sc;
    sl_ner_gaz_hit gaz;
} sl_ner_wvariant;

/* What the tagger knows of a word as written, shared by all the threads
 * that tag with one model (see ner_model.c): found by the XXH3 hash of the
 * word's bytes, never changed once published.  Only words that fit are
 * shared. */
#define SL_NER_SHARED_WORD 40
#define SL_NER_SHARED_LOWER 48
typedef struct sl_ner_shared_word {
    uint64_t hash;
    uint64_t doc_key;            /* sl_ner_doc_key of the lower-cased form */
    uint8_t len, lolen;
    char word[SL_NER_SHARED_WORD];
    char lower[SL_NER_SHARED_LOWER];
    uint8_t first_case, upper;   /* see the tagger's word entries */
    bool ascii_lower, lower_letter, digit;
    sl_ner_wvariant plain;       /* on an ordinary (not all-caps) line */
} sl_ner_shared_word;

/* The shared entry of word s[0..len) with this hash, or NULL. */
const sl_ner_shared_word *sl_ner_model_word(const sl_ner_model *m, uint64_t hash, const char *s,
                                            size_t len);
/* Publish a copy of w (nothing when the cache is full or the word is
 * there already).  Safe to call from several threads at once. */
void sl_ner_model_word_put(const sl_ner_model *m, const sl_ner_shared_word *w);

/* The same for two adjacent shared words a b on an ordinary line: the
 * scores of their pair features (see sl_ner_pair_scores). */
typedef struct sl_ner_shared_pair {
    const sl_ner_shared_word *a, *b;
    sl_ner_vec right, left;
} sl_ner_shared_pair;
const sl_ner_shared_pair *sl_ner_model_pair(const sl_ner_model *m, const sl_ner_shared_word *a,
                                            const sl_ner_shared_word *b);
void sl_ner_model_pair_put(const sl_ner_model *m, const sl_ner_shared_pair *p);

/* Scores of word w (lower-cased: lower[0..lolen)) on an all-caps line or
 * not.  For the sentence bounds, w is NULL and lower is "<S>" or "</S>".
 * The lookups go to batch b: out is complete after the flush. */
void sl_ner_word_scores(sl_ner_batch *b, const sl_ner_word *w, const char *lower,
                        size_t lolen, bool allcaps, sl_ner_wscore *out);
/* The features that are the same for every word: the all-caps line mark,
 * the document case values (8) and the gazetteer bits (4 templates x
 * SL_NER_GAZ_N: start, inside, previous, next). */
typedef struct sl_ner_fixed {
    sl_ner_vec allcaps_line;
    sl_ner_vec doc_case[8];
    sl_ner_vec gaz[4][SL_NER_GAZ_N];
} sl_ner_fixed;
void sl_ner_fixed_scores(const sl_ner_model *m, sl_ner_fixed *out);
/* Made when the model is loaded: the fixed scores, and those of the
 * sentence bounds ("<S>" when !end, "</S>" when end) on a line of a kind. */
const sl_ner_fixed *sl_ner_model_fixed(const sl_ner_model *m);
const sl_ner_wscore *sl_ner_model_edge(const sl_ner_model *m, bool allcaps, bool end);
/* The features over neighbouring words (lower-cased forms and short
 * shapes; the sentence bounds as "<S>" and "</S>").  Of two adjacent words
 * a b: what b gets from a (right) and a from b (left); added by batch b.
 * Of three: the three shapes, for the middle one. */
typedef struct sl_ner_ctxword {
    const char *lower;
    size_t lolen;
    const char *sshape;
    size_t sslen;
} sl_ner_ctxword;
void sl_ner_pair_scores(sl_ner_batch *m, bool allcaps, const sl_ner_ctxword *a,
                        const sl_ner_ctxword *b, int32_t *right, int32_t *left);
void sl_ner_shape3_scores(sl_ner_batch *m, bool allcaps, const sl_ner_ctxword *prev,
                          const sl_ner_ctxword *cur, const sl_ner_ctxword *next, int32_t *acc);


/* Gazetteer matching with the first word's lookup known: first_hash is the
 * chained hash of word i alone (see sl_ner_gaz_first), first[i] what it
 * finds.  Same marks as sl_ner_gaz_match. */
void sl_ner_gaz_first(const sl_ner_gaz *g, const char *s, size_t len, bool folded,
                      sl_ner_gaz_hit *out);
void sl_ner_gaz_match_from(const sl_ner_gaz *g, const sl_ner_word *w, const sl_ner_gaz_hit *first,
                           size_t n, bool folded, uint16_t *b, uint16_t *in);

/* The key sl_ner_doc uses for a lower-cased word, and a lookup by it. */
uint64_t sl_ner_doc_key(const char *lower, size_t len);
unsigned sl_ner_doc_case_key(const sl_ner_doc *d, uint64_t key);
/* Add one word's case (bit: SL_NER_DOC_CAP or _LOWER) under its key. */
int sl_ner_doc_put(sl_ner_doc *d, uint64_t key, uint8_t bit);
/* SL_NER_DOC_CAP, SL_NER_DOC_LOWER or 0 by the first letter of a word. */
uint8_t sl_ner_first_letter_case(const sl_ner_word *w);

/* Model file layout. */
#define SL_NER_MAGIC "SLNER\r\n\x1a"
#define SL_NER_FORMAT_VERSION 1u
#define SL_NER_HEADER_BYTES 32u

#endif
