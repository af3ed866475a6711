/* Shingling: turn a cleaned UTF-8 text into the set of 64-bit hashes of its
 * shingles, the input of MinHash (minhash.h) and of exact set similarity.
 *
 * Tokeniser.  Code points are case-folded with utf8proc_tolower.  Letters
 * (L*) and digits/numbers (N*) build tokens; combining marks (M*) stay with
 * the token they follow; everything else (punctuation, symbols, spaces,
 * controls) separates tokens and is dropped.  Invalid UTF-8 bytes separate
 * tokens too.
 *
 * Scripts written without spaces between words (Han, Hiragana, Katakana,
 * Thai, Lao, Khmer, Myanmar) cannot be split into words by spaces, so there
 * every character (a base code point with the marks that follow it) is a
 * token and shingles are character k-grams:
 *   - Han and kana: 3 characters (SL_SHINGLE_CJK_K).  A Han character is
 *     roughly a morpheme, so 3 characters span one or two words, about as
 *     specific as a word shingle of a few words.
 *   - Thai, Lao, Khmer, Myanmar: 4 characters (SL_SHINGLE_SEA_K).  These are
 *     alphabets, one character carries less than a Han character, so the
 *     gram is longer to stay specific (about a syllable or two).
 * Korean (Hangul) is written with spaces and is tokenised by words.
 *
 * Runs.  The token stream is split into maximal runs of one kind (words,
 * CJK characters, South-East Asian characters); whitespace and punctuation
 * do not end a run.  A run of n >= k tokens gives its n-k+1 sliding k-grams;
 * a shorter run gives one shingle of the whole run, so a one-word document
 * still has a signature and a Latin name inside Chinese text still counts.
 * An empty document (no tokens) gives no shingles.
 *
 * Shingle hash: XXH3_64bits over the k token hashes (each token hash is
 * XXH3 over its folded UTF-8 bytes), seeded with the run kind.  Deterministic
 * on every platform of the same endianness.
 */
#ifndef SL_DEDUP_SHINGLE_H
#define SL_DEDUP_SHINGLE_H

#include "core/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SL_SHINGLE_WORD_K 5  /* default word shingle length */
#define SL_SHINGLE_CJK_K 3   /* character gram length for Han and kana */
#define SL_SHINGLE_SEA_K 4   /* character gram length for Thai, Lao, Khmer, Myanmar */
#define SL_SHINGLE_MAX_K 16  /* largest k accepted */

typedef struct sl_shingle_options {
    unsigned word_k; /* 1..SL_SHINGLE_MAX_K */
    unsigned cjk_k;  /* 1..SL_SHINGLE_MAX_K */
    unsigned sea_k;  /* 1..SL_SHINGLE_MAX_K */
} sl_shingle_options;

#define SL_SHINGLE_OPTIONS_INIT { SL_SHINGLE_WORD_K, SL_SHINGLE_CJK_K, SL_SHINGLE_SEA_K }

/* The tokeniser on its own, for callers that need the tokens with their
 * places (exact shared passages, dedup/spans.h).  The token stream is the
 * one shingles are built from. */
enum { SL_TOKEN_WORD = 1, SL_TOKEN_CJK = 2, SL_TOKEN_SEA = 3 };

typedef struct sl_token {
    uint64_t hash;      /* XXH3 of the case-folded UTF-8 bytes (see above) */
    size_t start, end;  /* the token's bytes in the text, marks included */
    unsigned kind;      /* SL_TOKEN_* */
} sl_token;

typedef struct sl_tokenizer {
    const char *text;
    size_t len, pos;
} sl_tokenizer;

void sl_tokenizer_init(sl_tokenizer *t, const char *text, size_t len);
/* The next token of the text: true and *tok filled, or false at the end.
 * Allocates nothing and cannot fail. */
bool sl_token_next(sl_tokenizer *t, sl_token *tok);

/* A caller-owned, reusable set of shingle hashes.  After a successful
 * sl_shingle_text, v[0..n) is sorted ascending with no duplicates. */
typedef struct sl_shingles {
    sl_ctx *ctx;
    uint64_t *v;
    size_t n, cap;
} sl_shingles;

void sl_shingles_init(sl_shingles *s, sl_ctx *ctx);
/* Free the array; the struct can be reused after sl_shingles_init. */
void sl_shingles_release(sl_shingles *s);

/* Replace the contents of `s` with the distinct shingles of text[0..len).
 * `opts` may be NULL for the defaults.  Returns 0 with the number of distinct
 * shingles in s->n, SL_EINVAL for a bad option, or SL_ENOMEM (then s->n is 0
 * and s stays releasable).  The array is kept between calls, so reusing one
 * sl_shingles per worker avoids allocation after warm-up. */
int sl_shingle_text(sl_shingles *s, const char *text, size_t len,
                     const sl_shingle_options *opts);

/* Size of the intersection of two sorted, duplicate-free hash sets. */
size_t sl_shingle_overlap(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);
/* Exact Jaccard |A n B| / |A u B| of two such sets (1.0 when both are empty). */
double sl_shingle_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);
/* Exact containment |A n B| / |A| of A in B (1.0 when A is empty). */
double sl_shingle_containment(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

#endif
