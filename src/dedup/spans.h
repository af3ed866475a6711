/* Exact shared spans between two texts: the runs of words the texts have in
 * common, with byte offsets in both.  Used by `storyline passages` (wire
 * copy, press releases, long quotes reused in different articles) and by
 * dedup for revisions (what was kept, added and removed).
 *
 * Tokens are those of the shingler (dedup/shingle.h): case-folded words,
 * and one token per Han/kana or Thai/Lao/Khmer/Myanmar character, so case,
 * punctuation and white space differences do not break a match.  A span
 * covers whole tokens: [start, end) runs from the first byte of its first
 * token to the last byte of its last token.
 *
 * Method: the tokens of `a` are indexed by the hash of the k tokens that
 * start at each position (k = min(min_words, 8)) in a chained hash table.
 * `b` is walked from the start; at each position the candidates in `a` with
 * the same k-gram are extended left and right token by token and the longest
 * match wins; when it has at least min_words tokens it becomes a span, its
 * tokens in `a` are marked used (so no part of `a` is reported twice), and
 * the walk jumps past it in `b`.  Candidates per position are capped
 * (SL_SPANS_MAX_CANDIDATES) so repetitive texts stay linear; the cost is
 * O(len(a) + len(b)) with a small constant.  Spans come out in the order of
 * their position in `b` and never overlap in either text.
 *
 * Tokens are compared by their 64-bit hashes.
 */
#ifndef SL_DEDUP_SPANS_H
#define SL_DEDUP_SPANS_H

#include "core/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SL_SPANS_ANCHOR_K 8           /* longest anchor k-gram */
#define SL_SPANS_MAX_CANDIDATES 64    /* places in a tried per position of b */

typedef struct sl_span {
    size_t a_start, a_end;  /* bytes of a, [start, end), whole tokens */
    size_t b_start, b_end;  /* bytes of b */
    uint32_t words;         /* tokens in the span (the same on both sides) */
    uint32_t a_token, b_token; /* index of the span's first token in a, in b */
} sl_span;

/* The tokens of one text, as parallel arrays (hashes are scanned far more
 * often than offsets). */
typedef struct sl_token_list {
    uint64_t *hash;
    size_t *start, *end;
    size_t n, cap;
} sl_token_list;

/* A caller-owned, reusable result.  Scratch arrays are kept between calls,
 * so one sl_spans per worker allocates nothing after warm-up. */
typedef struct sl_spans {
    sl_ctx *ctx;
    sl_span *v;
    size_t n, cap;
    size_t a_words, b_words;  /* tokens in a and in b */
    size_t shared_words;      /* tokens covered by the spans (each side) */
    /* scratch */
    sl_token_list tok[2];     /* tokens of a and of b */
    uint32_t *head, *next;    /* k-gram table over a: bucket -> 1 + position */
    size_t head_cap, next_cap;
    unsigned char *used;
    size_t used_cap;
    size_t min_words, k, bits; /* of the current a */
    bool a_ready;
    const uint64_t *b_hash;    /* token hashes of the current b */
} sl_spans;

void sl_spans_init(sl_spans *s, sl_ctx *ctx);
/* Free everything; the struct can be reused after sl_spans_init. */
void sl_spans_release(sl_spans *s);

/* Replace the contents of `out` with the shared spans of at least
 * `min_words` tokens (min_words >= 1) of a[0..alen) and b[0..blen).
 * Returns 0, SL_EINVAL (min_words 0, NULL text with a length, or a text of
 * 2^32 tokens or more) or SL_ENOMEM; on error out->n is 0 and `out` stays
 * releasable. */
int sl_shared_spans(sl_spans *out, const char *a, size_t alen, const char *b, size_t blen,
                    unsigned min_words);

/* The same in two steps, to compare one text a with many texts b: index a
 * once, then match each b.  sl_spans_set_a returns 0, SL_EINVAL or
 * SL_ENOMEM (then a must be set again); sl_spans_match fills `s` as
 * sl_shared_spans does, with a_words of the current a, and returns SL_EINVAL
 * when no a is set.  Offsets in a refer to the text given to set_a, which
 * is not kept: only its tokens are. */
int sl_spans_set_a(sl_spans *s, const char *a, size_t alen, unsigned min_words);
int sl_spans_match(sl_spans *s, const char *b, size_t blen);

/* Match b given as its token hashes (sl_token.hash, in order; `hashes` must
 * stay valid until the next call): the spans get their tokens, words and
 * offsets in a, but b_start and b_end stay 0 until sl_spans_locate_b is
 * given b's text.  This saves tokenising b when most candidates share
 * nothing (the common case in `storyline passages`).  Returns as
 * sl_spans_match.  sl_spans_locate_b returns 0, SL_ENOMEM, or SL_EINVAL when
 * the text does not have as many tokens as the hashes. */
int sl_spans_match_hashes(sl_spans *s, const uint64_t *hashes, size_t n);
int sl_spans_locate_b(sl_spans *s, const char *b, size_t blen);

/* A byte range of one text with the number of tokens in it. */
typedef struct sl_range {
    size_t start, end;
    uint32_t words;
} sl_range;

typedef struct sl_ranges {
    sl_ctx *ctx;
    sl_range *v;
    size_t n, cap;
} sl_ranges;

void sl_ranges_init(sl_ranges *r, sl_ctx *ctx);
void sl_ranges_release(sl_ranges *r);

/* The parts of one text that the spans do not cover: of a (`side_b` false:
 * what b removed) or of b (`side_b` true: what b added).  `text` must be the
 * same text the spans were computed on (for b after
 * sl_spans_match_hashes, call sl_spans_locate_b first).  Each range runs from the first
 * token after a span (or the start) to the last token before the next span
 * (or the end); stretches with no token (only spaces or punctuation between
 * two spans) are left out.  Ranges come in text order.  Returns 0 or
 * SL_ENOMEM (then out->n is 0). */
int sl_spans_uncovered(const sl_spans *s, bool side_b, const char *text, size_t len,
                       sl_ranges *out);

#endif
