/* The story index: its types, shared by story.c (adding) and results.c
 * (reading the clusters back). */
#ifndef SL_STORY_INDEX_H
#define SL_STORY_INDEX_H

#include "story/story_cluster.h"

#define EVENT_TERMS 200
#define EVENT_NAMES 80
#define STORY_TERMS 150
#define STORY_NAMES 60
#define POST_TERMS 12        /* heaviest keys of a cluster filed in postings */
#define POST_NAMES 8
#define LOOKUP_LIMIT 64      /* clusters read per key */
#define MAX_CANDIDATES 32    /* clusters scored per document */
#define LABEL_KEEP 8         /* terms and names a closed cluster keeps */
#define EVENT_NAME_SHARE 0.5
#define STORY_NAME_SHARE 0.5
/* Documents assumed seen before the first: early frequencies are noise, so
 * IDF starts flat and becomes the stream's own as documents arrive. */
#define PRIOR_DOCS 100.0
/* A member that joined its event with at least this similarity counts in
 * full in the event's profile, one that joined lower counts less. */
#define MEMBER_FULL_SCORE 0.4

typedef struct st_docrec {
    uint64_t id_off, title_off;
    uint32_t id_len, title_len;
    uint32_t event;
    float score;
} st_docrec;

typedef struct st_level {
    st_cluster *c;
    size_t n, cap;
    size_t closed, closed_at_drop; /* closed clusters, now and when the
                                      postings last dropped theirs */
    size_t ready;            /* c[0..ready) initialised: n or n + 1 */
    st_postings post;
} st_level;

struct sl_story_index {
    sl_ctx *ctx;
    sl_story_options opts;
    st_vocab vocab;
    uint64_t counted;        /* documents in the frequencies (not duplicates) */
    st_docrec *docs;
    size_t n_docs, cap_docs;
    sl_buf ids, titles;
    uint64_t *idmap;         /* (hash of id & ~0xffffffff) | doc + 1: duplicates' targets */
    size_t idmap_cap, idmap_used;
    st_level events, stories;
    uint64_t swept;          /* documents when closed events were last shrunk */
    /* scratch */
    st_docvec vec;
    st_docvec scaled;        /* vec as a weaker member adds it to its event */
    st_feat scratch[STORY_TERMS + STORY_NAMES + ST_DOC_TERMS + ST_DOC_NAMES];
    st_feat *work;           /* one document's weighted features */
    size_t cap_work;
    uint32_t cand[MAX_CANDIDATES * 4];
    uint32_t found[LOOKUP_LIMIT];
};

/* Heaviest first, then by key: a strict order, for qsort. */
int st_by_weight_desc(const void *a, const void *b);

#endif
