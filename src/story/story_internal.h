/* Stories: internal types shared by the feature extraction, the
 * vocabulary, the clusters and the index. */
#ifndef SL_STORY_INTERNAL_H
#define SL_STORY_INTERNAL_H

#include "core/core.h"

struct sb_stemmer;

/* One entry of a sparse vector.  Keys of terms (stems) have the top bit
 * clear, keys of names (capitalised phrases) have it set; 0 is never a key. */
typedef struct st_feat {
    uint32_t key;
    float w;
} st_feat;

#define ST_NAME_BIT 0x80000000u
#define ST_MAX_YEARS 8
#define ST_LEAD_WORDS 60

static inline int st_is_name(uint32_t key) { return (key & ST_NAME_BIT) != 0; }

/* A prepared document: term and name frequencies (weighted by where they
 * occur), the first surface form of each, the years mentioned. */
struct sl_story_doc {
    sl_ctx *ctx;
    struct sb_stemmer *stemmer;
    st_feat *feat;           /* sorted by key, no repeats */
    uint32_t *surface;       /* offset of feat[i]'s surface form in surf */
    size_t n_feat, cap_feat;
    sl_buf surf;             /* surface forms, each NUL-terminated */
    uint16_t years[ST_MAX_YEARS];
    size_t n_years;
    sl_buf title;
    /* scratch while preparing */
    st_feat *raw;
    uint32_t *raw_surface;
    size_t n_raw, cap_raw;
};

/* For a test: the stopword list is sorted and no word is over 9 letters;
 * no word that never starts a name is over 5. */
int sl_story_stopwords_sorted(void);

/* The vocabulary: document frequency and first surface form of every key. */
typedef struct st_vocab {
    sl_ctx *ctx;
    uint32_t *key;
    uint32_t *df;
    uint32_t *surface;       /* offset in strings, UINT32_MAX when none */
    size_t cap, used;
    sl_buf strings;
} st_vocab;

void st_vocab_init(st_vocab *v, sl_ctx *ctx);
void st_vocab_release(st_vocab *v);
/* Count one document's keys (each once) and record new surface forms.
 * Fails only for lack of memory, and then changes nothing. */
int st_vocab_add_doc(st_vocab *v, const sl_story_doc *p);
uint32_t st_vocab_df(const st_vocab *v, uint32_t key);
const char *st_vocab_surface(const st_vocab *v, uint32_t key);

/* Sparse-vector helpers (vectors sorted by key). */
double st_dot(const st_feat *a, size_t na, const st_feat *b, size_t nb);
double st_norm(const st_feat *a, size_t n);
/* Keep the `keep` heaviest entries of v[0..*n) and sort them by key. */
void st_keep_top(st_feat *v, size_t *n, size_t keep);
void st_sort_by_key(st_feat *v, size_t n);

/* An event or a story: the sum of its members' vectors (the heaviest terms
 * and names only) and what the output needs. */
typedef struct st_cluster {
    st_feat *terms, *names;
    uint16_t n_terms, n_names;
    uint16_t max_terms, max_names;     /* the heaviest kept */
    uint16_t alloc_terms, alloc_names; /* room in terms and names */
    float tnorm, nnorm;
    uint32_t posted[32];     /* keys filed in the postings for it */
    uint16_t n_posted;
    uint16_t years[ST_MAX_YEARS];
    uint8_t n_years;
    uint8_t closed;
    uint64_t first_doc, best_doc, size, last_seq, story;
    float best_score;
    int64_t first_day, last_day;
    /* the days all dated members may have been published on: the
     * intersection of their intervals (INT64_MIN / INT64_MAX: open) */
    int64_t may_lo, may_hi;
} st_cluster;

/* Postings: key -> clusters, newest first.  A hash table of keys, each
 * the head of a list of nodes in one array: filing is one lookup whatever
 * the number of clusters under the key (a common word has thousands). */
typedef struct st_postings {
    sl_ctx *ctx;
    uint32_t *key, *head;    /* head: node + 1, 0 for none; key 0: empty slot */
    size_t kcap, kused;
    uint32_t *node_cluster, *node_next; /* next: node + 1, 0 ends the list */
    size_t n_nodes, cap_nodes;
} st_postings;

void st_postings_init(st_postings *p, sl_ctx *ctx);
void st_postings_release(st_postings *p);
int st_postings_reserve(st_postings *p, size_t extra);
void st_postings_insert(st_postings *p, uint32_t key, uint32_t cluster);
/* Rebuild without the entries of closed clusters (clusters[i].closed). */
struct st_cluster;
int st_postings_drop(st_postings *p, const struct st_cluster *clusters);
/* Write the clusters filed under key to out (at most limit); return how many. */
size_t st_postings_lookup(const st_postings *p, uint32_t key, uint32_t *out, size_t limit);



#endif
