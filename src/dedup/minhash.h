/* MinHash signatures by one-permutation hashing (OPH) with densification,
 * and LSH band keys.
 *
 * One pass over the shingle hashes: each hash is remixed with a fixed seed;
 * its high 32 bits pick one of k bins and its low 32 bits are the value;
 * each bin keeps its minimum value.  Bins left empty (documents with fewer
 * shingles than bins, or by chance) are filled as in Shrivastava's
 * "optimal densification" (ICML 2017): empty bin i probes bins
 * h(i, 1), h(i, 2), ... (a fixed hash, the same for every document) and
 * copies the value of the first non-empty bin it meets.  Two documents thus
 * borrow from the same place for the same bin, which keeps the fraction of
 * equal bins an unbiased estimate of the Jaccard similarity of the sets.
 *
 * Everything is deterministic (fixed seeds), uses no globals and allocates
 * nothing: the caller passes the output buffers.  Band keys hash the raw
 * bytes of the signature, so they are equal across machines of the same
 * endianness (all supported targets are little-endian).
 */
#ifndef SL_DEDUP_MINHASH_H
#define SL_DEDUP_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define SL_MINHASH_K 128       /* default number of bins */
#define SL_MINHASH_MAX_K 4096  /* largest number of bins accepted */

/* Signature of the set shingles[0..n) into out[0..k).  Duplicated hashes are
 * harmless (MinHash is over sets).  Returns 0, or SL_EINVAL when k is not in
 * 1..SL_MINHASH_MAX_K, a pointer is NULL, or n is 0: an empty document has
 * no signature, callers handle empty documents on their own. */
int sl_minhash(const uint64_t *shingles, size_t n, unsigned k, uint32_t *out);

/* Estimated Jaccard similarity: the fraction of equal bins (0 when k is 0). */
double sl_sig_jaccard(const uint32_t *a, const uint32_t *b, unsigned k);

/* LSH band keys: rows = k / bands; keys[b] = XXH3 of rows r*b .. r*b+r-1
 * with the band index mixed into the seed, so equal rows in different bands
 * give different keys.  When bands does not divide k the last k % bands bins
 * are not used.  Returns 0, or SL_EINVAL when bands is not in 1..k. */
int sl_sig_bands(const uint32_t *sig, unsigned k, unsigned bands, uint64_t *keys);

#endif
