/* Clusters (events and stories) and the weighted vector of a document. */
#ifndef SL_STORY_CLUSTER_H
#define SL_STORY_CLUSTER_H

#include "story/story_internal.h"

#define ST_DOC_TERMS 100
#define ST_DOC_NAMES 40

/* A document as the index sees it: TF-IDF weights, each part of unit length. */
typedef struct st_docvec {
    st_feat terms[ST_DOC_TERMS], names[ST_DOC_NAMES];
    size_t n_terms, n_names;
    const uint16_t *years;
    size_t n_years;
    int64_t day_lo, day_hi;  /* when it was published: days since 1970, an
                                interval; INT64_MIN / INT64_MAX for an open
                                side (both open: unknown) */
} st_docvec;

/* Intervals wider than this are used to compare, not to date a cluster. */
#define ST_NARROW_DAYS 7

void st_cluster_init(st_cluster *c, uint16_t max_terms, uint16_t max_names);
void st_cluster_release(sl_ctx *ctx, st_cluster *c);
/* Room to add d; then st_cluster_add cannot fail. */
int st_cluster_reserve(sl_ctx *ctx, st_cluster *c, const st_docvec *d);
/* scratch: room for max_terms + ST_DOC_TERMS entries (and names likewise). */
void st_cluster_add(st_cluster *c, const st_docvec *d, st_feat *scratch);
void st_cluster_note_day(st_cluster *c, int64_t day);
/* Date a cluster by a member published within [lo, hi] (if narrow). */
void st_cluster_note_when(st_cluster *c, int64_t lo, int64_t hi);
/* Cosine of terms and of names, mixed with name_share, times the decay in time. */
double st_similarity(const st_cluster *c, const st_docvec *d, double name_share,
                     double half_life, int is_event);
void st_cluster_shrink(sl_ctx *ctx, st_cluster *c, uint16_t keep);

#endif
