/* The sl_dedup handle and its per-document records (internal). */
#ifndef SL_DEDUP_REC_H
#define SL_DEDUP_REC_H

#include "dedup/dedup_internal.h"
#include "storyline.h"

#include <stdint.h>

#define SL_NO_DATE INT64_MIN

/* One document: 72 bytes plus its id. */
typedef struct dd_rec {
    uint64_t set_off;        /* shingle set, title words, lead shingles in the store */
    uint64_t text_hash;
    uint64_t id_off;
    int64_t published;       /* minutes since 1970, SL_NO_DATE when not given */
    uint32_t id_len;
    uint32_t n_set;
    uint32_t parent;         /* union-find; the root is the earliest member */
    uint32_t best_of;
    float best_sim;
    uint32_t future;
    uint32_t source;         /* hash of the outlet, 0 when unknown */
    uint32_t title_hash;     /* hash of the headline, 0 when there is none */
    uint16_t n_anchors;
    uint8_t n_title;
    uint8_t n_lead;
    uint8_t best_rel;        /* sl_dup_relation */
    uint8_t update_title;
} dd_rec;

typedef enum dd_order {
    DD_ORDER_NONE = 0,
    DD_ORDER_PUBLISHED,
    DD_ORDER_MATERIAL,
    DD_ORDER_TENSE,
    DD_ORDER_BOTH,
    DD_ORDER_INPUT
} dd_order;

typedef struct dd_pair {
    uint32_t a, b;
    float jaccard, contain_a, contain_b;
    uint8_t relation;        /* sl_dup_relation */
    uint8_t order;           /* dd_order, revisions only */
} dd_pair;

typedef struct dd_hit {
    uint32_t doc, hits;
} dd_hit;

struct sl_dedup {
    sl_ctx *ctx;
    sl_dedup_options opts;
    sl_anchor_index ix;
    sl_setstore store;
    sl_buf ids;
    dd_rec *rec;
    size_t n, cap_rec;
    dd_pair *pairs;
    size_t n_pairs, cap_pairs;
    /* scratch */
    uint32_t *cands;         /* documents met through anchors, with repeats */
    size_t cap_cands;
    uint32_t *sort_tmp;      /* radix sort scratch, as long as cands */
    size_t cap_sort_tmp;
    dd_hit *hits;
    size_t cap_hits;
    uint32_t *other;         /* a candidate's set read back from the store */
    size_t cap_other;
    uint64_t verified;       /* candidates compared on their exact sets */
    dd_pair *fresh;          /* relations of the document being added */
    size_t n_fresh, cap_fresh;
};

/* Room for `extra` more pairs, so that linking them cannot fail. */
int sl_dedup_reserve_pairs(sl_dedup *d, size_t extra);
void sl_dedup_link(sl_dedup *d, const dd_pair *p);
void sl_dedup_note_unique_similarity(sl_dedup *d, uint32_t i, float jaccard);
const char *sl_dedup_order_name(uint8_t order);
/* Which of two versions came first: returns 1 when `b` is the later one. */
int sl_dedup_order(const dd_rec *ra, const dd_rec *rb, dd_order *why);
/* Minutes since 1970 of an ISO 8601 date or date-time, SL_NO_DATE if none. */
int64_t sl_dedup_parse_date(const char *s, size_t len);

#endif
