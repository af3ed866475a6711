/* Passages shared between documents at corpus scale: which pairs of
 * documents may share a run of at least min_words words.  The exact spans
 * of a candidate pair are then found with sl_shared_spans (spans.h).
 *
 * Fingerprints by winnowing (Schleimer, Wilkerson and Aiken, "Winnowing:
 * local algorithms for document fingerprinting", SIGMOD 2003).  Each
 * document is tokenised like shingles (shingle.h) and every run of k
 * consecutive tokens is hashed (k = 15 by default, min_words when that is
 * smaller); in every window of w = min_words - k + 1 consecutive k-gram
 * hashes the smallest (the rightmost one on ties) is kept as a
 * fingerprint.  A run of min_words tokens shared by two documents is
 * exactly one window of k-grams in both, so both keep its minimum: any
 * shared passage of min_words words is guaranteed to give a common
 * fingerprint.  About 2 / (w + 1) of the k-grams are kept (0.17 per word
 * for min_words = 25).
 *
 * Why k = 15 and not 5: a common fingerprint means a common k-gram, and
 * news text shares many 5-word phrases ("the chief executive of the"), so
 * with k = 5 most candidate pairs share no passage at all (537,000
 * candidates for 3,300 real pairs on a generated 20 MB corpus, against
 * 51,000 with k = 15), and a passage whose one guaranteed fingerprint is a
 * common phrase (over max_df) is lost.  The price is memory: 0.17 instead
 * of 0.09 fingerprints per word.
 *
 * The index stores, per document, the ids of its distinct fingerprints and,
 * per fingerprint, the list of documents that have it (a posting list), in
 * flat arrays.  Texts are not kept.  A fingerprint found in more than
 * max_df documents is boilerplate (a standard sign-off, a slogan, or a
 * story copied many times) and makes no candidates.
 *
 * Because windows at the ends of a frequent passage reach into the text
 * around it, such a passage can still make some pairs candidates; the
 * caller checks each span it finds with sl_passages_rare.
 *
 * Use: sl_passages_add for each document in order (document numbers 0, 1,
 * ...), sl_passages_finish once, then sl_passages_candidates for any
 * document.  Results do not depend on hash table layout: fingerprint ids
 * follow first appearance and candidate lists are sorted.
 */
#ifndef SL_DEDUP_PASSAGES_H
#define SL_DEDUP_PASSAGES_H

#include "core/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SL_PASSAGES_GRAM 15       /* tokens per hashed k-gram */
#define SL_PASSAGES_MIN_WORDS 25  /* default shortest passage */
#define SL_PASSAGES_MAX_DF 50     /* default: fingerprints in more documents are ignored */

typedef struct sl_passages_options {
    unsigned min_words;  /* >= 1 */
    unsigned max_df;     /* >= 2 */
    unsigned gram;       /* tokens per k-gram, 1..min_words (larger values
                            are capped at min_words); 0: SL_PASSAGES_GRAM */
} sl_passages_options;
#define SL_PASSAGES_OPTIONS_INIT { SL_PASSAGES_MIN_WORDS, SL_PASSAGES_MAX_DF, 0 }

typedef struct sl_passages sl_passages;

typedef struct sl_passages_stats {
    size_t docs;
    size_t fingerprints;   /* (document, fingerprint) pairs */
    size_t distinct;       /* distinct fingerprints */
    size_t common;         /* distinct fingerprints in more than max_df documents */
    size_t bytes;          /* memory held by the index now */
    size_t peak_bytes;     /* most memory held at any time */
} sl_passages_stats;

int sl_passages_new(sl_ctx *ctx, sl_passages **out, const sl_passages_options *opts);
void sl_passages_free(sl_passages *p);

/* Add the next document (its number is the count of documents added
 * before).  Returns 0, SL_EINVAL after sl_passages_finish or past 2^32 - 1
 * documents, or SL_ENOMEM (the document is then not added and the index
 * stays usable). */
int sl_passages_add(sl_passages *p, const char *text, size_t len);
/* The same for a document given as its token hashes (sl_token.hash, in
 * order), for callers that tokenise the text themselves. */
int sl_passages_add_hashes(sl_passages *p, const uint64_t *tokens, size_t n);

/* Build the posting lists; no documents can be added afterwards.  Returns
 * 0 or SL_ENOMEM (then it can be called again). */
int sl_passages_finish(sl_passages *p);

/* The documents b > a that share at least one fingerprint with document a
 * that is in at most max_df documents, ascending, in *docs[0..*n).  The
 * array belongs to the index and stays valid until the next call.  Returns
 * 0, SL_EINVAL (not finished, or no such document) or SL_ENOMEM. */
int sl_passages_candidates(sl_passages *p, uint32_t a, const uint32_t **docs, size_t *n);

/* Whether a shared passage (the text of a span found by sl_shared_spans in
 * an indexed document) is rare: at least one of its fingerprints is in at
 * most max_df documents.  A passage found in more documents (boilerplate)
 * can still make a pair a candidate through the fingerprints of windows
 * that reach past its ends; this tells the caller to leave it out.
 * Returns 0, SL_EINVAL before sl_passages_finish, or SL_ENOMEM. */
int sl_passages_rare(sl_passages *p, const char *text, size_t len, bool *rare);

void sl_passages_get_stats(const sl_passages *p, sl_passages_stats *st);

#endif
