/* One-permutation MinHash with optimal densification; see minhash.h. */
#include "dedup/minhash.h"

#include "storyline.h"

#include <stdbool.h>
#include <string.h>
#include <xxhash.h>

/* Fixed seeds: changing any of them changes every signature and band key. */
#define SIG_SEED UINT64_C(0x5d1e2c7f0b9a3461)
#define PROBE_SEED UINT64_C(0x2b7e151628aed2a6)
#define BAND_SEED UINT64_C(0x9e3779b97f4a7c15)

/* A bijective 64-bit mixer (the splitmix64 finaliser).  Shingle hashes are
 * already XXH3 outputs; remixing with our own seed decorrelates the bin
 * choice and value from any other use of the same hashes. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

/* Map a 32-bit value uniformly onto 0..k-1 without a division. */
static unsigned reduce32(uint32_t x, unsigned k)
{
    return (unsigned)(((uint64_t)x * k) >> 32);
}

static bool bit_get(const uint64_t *bits, unsigned i)
{
    return (bits[i >> 6] >> (i & 63)) & 1u;
}

static void bit_set(uint64_t *bits, unsigned i)
{
    bits[i >> 6] |= UINT64_C(1) << (i & 63);
}

/* Bin that empty bin `bin` borrows from: the first filled bin along its
 * probe sequence.  The sequence depends only on (bin, attempt), so it is
 * the same for every document.  At least one bin is filled; after many
 * unlucky probes (probability < 2^-60 for any k) fall back to a scan. */
static unsigned donor_bin(const uint64_t *filled, unsigned k, unsigned bin)
{
    uint64_t limit = 64u * (uint64_t)k;
    for (uint64_t attempt = 1; attempt <= limit; attempt++) {
        uint64_t h = mix64(PROBE_SEED ^ ((uint64_t)bin << 32) ^ attempt);
        unsigned j = reduce32((uint32_t)(h >> 32), k);
        if (bit_get(filled, j))
            return j;
    }
    for (unsigned step = 1; step < k; step++) {
        unsigned j = (bin + step) % k;
        if (bit_get(filled, j))
            return j;
    }
    return bin;
}

int sl_minhash(const uint64_t *shingles, size_t n, unsigned k, uint32_t *out)
{
    if (!shingles || !out || n == 0 || k < 1 || k > SL_MINHASH_MAX_K)
        return SL_EINVAL;
    uint64_t filled[SL_MINHASH_MAX_K / 64];
    memset(filled, 0, ((k + 63) / 64) * sizeof filled[0]);
    for (unsigned i = 0; i < k; i++)
        out[i] = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = mix64(shingles[i] ^ SIG_SEED);
        unsigned bin = reduce32((uint32_t)(h >> 32), k);
        uint32_t value = (uint32_t)h;
        bit_set(filled, bin);
        if (value < out[bin])
            out[bin] = value;
    }
    /* Borrow only from bins filled by shingles, never from bins filled by
     * borrowing, so the result does not depend on the order bins are visited. */
    for (unsigned i = 0; i < k; i++)
        if (!bit_get(filled, i))
            out[i] = out[donor_bin(filled, k, i)];
    return SL_OK;
}

double sl_sig_jaccard(const uint32_t *a, const uint32_t *b, unsigned k)
{
    if (k == 0)
        return 0.0;
    unsigned equal = 0;
    for (unsigned i = 0; i < k; i++)
        equal += a[i] == b[i];
    return (double)equal / (double)k;
}

int sl_sig_bands(const uint32_t *sig, unsigned k, unsigned bands, uint64_t *keys)
{
    if (!sig || !keys || bands < 1 || bands > k)
        return SL_EINVAL;
    unsigned rows = k / bands;
    for (unsigned b = 0; b < bands; b++)
        keys[b] = XXH3_64bits_withSeed(sig + (size_t)b * rows, rows * sizeof *sig,
                                       BAND_SEED + b);
    return SL_OK;
}
