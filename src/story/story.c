/* The story index: documents arrive in order; each joins the most similar
 * open event (found through postings of the events' heaviest terms and
 * names) or founds a new one, and a new event joins the most similar story
 * or founds one.  Same input, same options: same clusters. */
#include "story/story_index.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

int sl_story_new(sl_ctx *ctx, sl_story_index **out, const sl_story_options *opts)
{
    sl_story_options def = SL_STORY_OPTIONS_INIT;
    *out = NULL;
    if (opts && opts->version != SL_STORY_OPTIONS_VERSION)
        return sl_error(ctx, SL_EINVAL, "stories: options version %u, expected %u", opts->version,
                        SL_STORY_OPTIONS_VERSION);
    if (opts && (opts->event_threshold < 0 || opts->event_threshold > 1 ||
                 opts->story_threshold < 0 || opts->story_threshold > 1 ||
                 !(opts->event_days >= 0) || !(opts->story_days >= 0)))
        return sl_error(ctx, SL_EINVAL, "stories: thresholds must be in [0, 1] and days >= 0");
    sl_story_index *x = sl_calloc(ctx, 1, sizeof *x);
    if (!x)
        return sl_oom(ctx);
    x->ctx = ctx;
    x->opts = opts ? *opts : def;
    st_vocab_init(&x->vocab, ctx);
    sl_buf_init(&x->ids, ctx);
    sl_buf_init(&x->titles, ctx);
    st_postings_init(&x->events.post, ctx);
    st_postings_init(&x->stories.post, ctx);
    *out = x;
    return SL_OK;
}

static void level_release(sl_ctx *ctx, st_level *l)
{
    for (size_t i = 0; i < l->ready; i++)
        st_cluster_release(ctx, &l->c[i]);
    sl_free(ctx, l->c);
    st_postings_release(&l->post);
}

void sl_story_free(sl_story_index *x)
{
    if (!x)
        return;
    level_release(x->ctx, &x->events);
    level_release(x->ctx, &x->stories);
    st_vocab_release(&x->vocab);
    sl_buf_release(&x->ids);
    sl_buf_release(&x->titles);
    sl_free(x->ctx, x->docs);
    sl_free(x->ctx, x->idmap);
    sl_free(x->ctx, x->work);
    sl_free(x->ctx, x);
}

/* ---- ids of earlier documents, for duplicates ---- */

static uint64_t id_hash(const char *id, size_t len)
{
    return XXH3_64bits(id, len) & ~(uint64_t)0xffffffffu;
}

static int idmap_reserve(sl_story_index *x)
{
    if (2 * (x->idmap_used + 1) <= x->idmap_cap)
        return SL_OK;
    size_t cap = x->idmap_cap ? 2 * x->idmap_cap : 1024;
    uint64_t *m = sl_calloc(x->ctx, cap, sizeof *m);
    if (!m)
        return sl_oom(x->ctx);
    for (size_t i = 0; i < x->idmap_cap; i++) {
        uint64_t e = x->idmap[i];
        if (!e)
            continue;
        size_t j = (size_t)(e >> 32) & (cap - 1);
        while (m[j])
            j = (j + 1) & (cap - 1);
        m[j] = e;
    }
    sl_free(x->ctx, x->idmap);
    x->idmap = m;
    x->idmap_cap = cap;
    return SL_OK;
}

static void idmap_put(sl_story_index *x, uint64_t h, uint32_t doc)
{
    size_t j = (size_t)(h >> 32) & (x->idmap_cap - 1);
    while (x->idmap[j])
        j = (j + 1) & (x->idmap_cap - 1);
    x->idmap[j] = h | ((uint64_t)doc + 1);
    x->idmap_used++;
}

/* The latest document with this id, or -1. */
static int64_t idmap_get(const sl_story_index *x, const char *id, size_t len)
{
    if (!x->idmap_cap)
        return -1;
    uint64_t h = id_hash(id, len);
    int64_t found = -1;
    for (size_t j = (size_t)(h >> 32) & (x->idmap_cap - 1); x->idmap[j];
         j = (j + 1) & (x->idmap_cap - 1)) {
        uint64_t e = x->idmap[j];
        if ((e & ~(uint64_t)0xffffffffu) != h)
            continue;
        uint32_t doc = (uint32_t)e - 1;
        const st_docrec *r = &x->docs[doc];
        if (r->id_len == len && memcmp(x->ids.ptr + r->id_off, id, len) == 0 && (int64_t)doc > found)
            found = doc;
    }
    return found;
}

/* ---- the weighted vector of a document ---- */

/* x->work must hold 2 * p->n_feat entries (reserve_doc sees to it). */
static void build_vector(sl_story_index *x, const sl_story_doc *p, const int64_t when[2])
{
    st_docvec *v = &x->vec;
    double n = (double)x->counted + 1; /* this document counted too */
    st_feat *terms = x->work, *names = x->work + p->n_feat;
    size_t nt = 0, nn = 0;
    for (size_t i = 0; i < p->n_feat; i++) {
        double df = st_vocab_df(&x->vocab, p->feat[i].key) + 1;
        double w = (1.0 + log(p->feat[i].w)) * log((n + PRIOR_DOCS) / (df + 1.0));
        if (w <= 0)
            continue;
        st_feat f = { p->feat[i].key, (float)w };
        if (st_is_name(f.key))
            names[nn++] = f;
        else
            terms[nt++] = f;
    }
    st_keep_top(terms, &nt, ST_DOC_TERMS);
    st_keep_top(names, &nn, ST_DOC_NAMES);
    double tn = st_norm(terms, nt), nm = st_norm(names, nn);
    for (size_t i = 0; i < nt; i++)
        v->terms[i] = (st_feat){ terms[i].key, (float)(terms[i].w / tn) };
    for (size_t i = 0; i < nn; i++)
        v->names[i] = (st_feat){ names[i].key, (float)(names[i].w / nm) };
    v->n_terms = nt;
    v->n_names = nn;
    v->years = p->years;
    v->n_years = p->n_years;
    v->day_lo = when[0];
    v->day_hi = when[1];
}

/* ---- candidates ---- */

static int is_open(const sl_story_index *x, const st_cluster *c)
{
    uint32_t window = x->opts.window;
    return !c->closed && (window == 0 || x->n_docs - c->last_seq <= window);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Open clusters filed under the document's keys, at most MAX_CANDIDATES,
 * those sharing the most keys first (ties: the most recent). */
static size_t gather(sl_story_index *x, const st_level *l, uint32_t *out)
{
    const st_docvec *v = &x->vec;
    size_t cap = sizeof x->cand / sizeof *x->cand, n = 0;
    for (size_t part = 0; part < 2; part++) {
        const st_feat *f = part ? v->names : v->terms;
        size_t nf = part ? v->n_names : v->n_terms;
        for (size_t i = 0; i < nf && n < cap; i++) {
            size_t got = st_postings_lookup(&l->post, f[i].key, x->found, LOOKUP_LIMIT);
            for (size_t k = 0; k < got && n < cap; k++)
                if (is_open(x, &l->c[x->found[k]]))
                    x->cand[n++] = x->found[k];
        }
    }
    qsort(x->cand, n, sizeof *x->cand, cmp_u32);
    /* (hits << 32 | cluster) for each distinct cluster, then the best */
    uint64_t ranked[MAX_CANDIDATES * 4];
    size_t nr = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && x->cand[j] == x->cand[i])
            j++;
        uint64_t r = (uint64_t)(j - i) << 32 | x->cand[i];
        if (nr < sizeof ranked / sizeof *ranked)
            ranked[nr++] = r;
        else { /* replace the weakest */
            size_t w = 0;
            for (size_t k = 1; k < nr; k++)
                if (ranked[k] < ranked[w])
                    w = k;
            if (r > ranked[w])
                ranked[w] = r;
        }
        i = j;
    }
    size_t keep = 0;
    for (size_t round = 0; round < MAX_CANDIDATES && round < nr; round++) {
        size_t b = round;
        for (size_t k = round + 1; k < nr; k++)
            if (ranked[k] > ranked[b])
                b = k;
        uint64_t t = ranked[round];
        ranked[round] = ranked[b];
        ranked[b] = t;
        out[keep++] = (uint32_t)ranked[round];
    }
    return keep;
}

/* The most similar open cluster of a level, or -1. */
static int64_t best_of(sl_story_index *x, const st_level *l, double share, double half_life,
                       double *score)
{
    uint32_t cands[MAX_CANDIDATES];
    size_t n = gather(x, l, cands);
    int64_t best = -1;
    *score = 0;
    for (size_t i = 0; i < n; i++) {
        double s = st_similarity(&l->c[cands[i]], &x->vec, share, half_life, l == &x->events);
        if (s > *score || (s == *score && best >= 0 && cands[i] > best)) {
            *score = s;
            best = cands[i];
        }
    }
    return best;
}

/* ---- adding ---- */


static void post_top(st_postings *post, st_cluster *c, uint32_t index, const st_feat *f,
                     size_t n, size_t top, st_feat *scratch)
{
    if (n == 0)
        return; /* f may be NULL */
    memcpy(scratch, f, n * sizeof *f);
    qsort(scratch, n, sizeof *scratch, st_by_weight_desc);
    for (size_t i = 0; i < n && i < top; i++) {
        size_t k = 0;
        while (k < c->n_posted && c->posted[k] != scratch[i].key)
            k++;
        if (k < c->n_posted || c->n_posted == sizeof c->posted / sizeof *c->posted)
            continue;
        c->posted[c->n_posted++] = scratch[i].key;
        st_postings_insert(post, scratch[i].key, index);
    }
}

/* A cluster's heaviest keys change less and less as it grows: file them
 * again at sizes 2, 3, 4, 8, 16, 32, ... */
static int repost_due(uint64_t size)
{
    return size <= 4 || (size & (size - 1)) == 0;
}

/* File the cluster's heaviest keys not filed yet (room was reserved). */
static void post_cluster(sl_story_index *x, st_level *l, uint32_t index)
{
    st_cluster *c = &l->c[index];
    post_top(&l->post, c, index, c->terms, c->n_terms, POST_TERMS, x->scratch);
    post_top(&l->post, c, index, c->names, c->n_names, POST_NAMES, x->scratch);
}

/* Room for one more cluster at l->c[l->n] (not counted yet), with room
 * for the document's vector. */
static int reserve_new_cluster(sl_story_index *x, st_level *l, uint16_t max_terms,
                               uint16_t max_names)
{
    if (l->n + 1 >= UINT32_MAX)
        return sl_error(x->ctx, SL_ELIMIT, "stories: more than 4 billion clusters");
    int rc = sl_grow(x->ctx, (void **)&l->c, &l->cap, l->n + 1, sizeof *l->c);
    if (rc)
        return rc;
    if (l->ready == l->n) {
        st_cluster_init(&l->c[l->n], max_terms, max_names);
        l->ready++;
    }
    return st_cluster_reserve(x->ctx, &l->c[l->n], &x->vec);
}

static int reserve_doc(sl_story_index *x, const char *id, size_t id_len, const sl_story_doc *p)
{
    if (x->n_docs >= UINT32_MAX - 1)
        return sl_error(x->ctx, SL_ELIMIT, "stories: more than 4 billion documents");
    int rc = sl_grow(x->ctx, (void **)&x->docs, &x->cap_docs, x->n_docs + 1, sizeof *x->docs);
    if (!rc)
        rc = idmap_reserve(x);
    if (!rc)
        rc = sl_buf_reserve(&x->ids, id_len + 1);
    if (!rc)
        rc = sl_buf_reserve(&x->titles, p->title.len + 1);
    if (!rc)
        rc = sl_grow(x->ctx, (void **)&x->work, &x->cap_work, p->n_feat ? 2 * p->n_feat : 1,
                     sizeof *x->work);
    return rc;
}

static void record_doc(sl_story_index *x, const char *id, size_t id_len, const sl_story_doc *p,
                       uint32_t event, double score)
{
    st_docrec *r = &x->docs[x->n_docs];
    r->id_off = x->ids.len;
    r->id_len = (uint32_t)id_len;
    sl_buf_append(&x->ids, id, id_len); /* reserved: cannot fail */
    r->title_off = x->titles.len;
    r->title_len = p ? (uint32_t)p->title.len : 0;
    if (r->title_len)
        sl_buf_append(&x->titles, p->title.ptr, r->title_len);
    r->event = event;
    r->score = (float)score;
    idmap_put(x, id_hash(id, id_len), (uint32_t)x->n_docs);
    x->n_docs++;
}

static void touch_event(sl_story_index *x, uint32_t e, const int64_t when[2], double score,
                        int has_title)
{
    st_cluster *c = &x->events.c[e];
    c->size++;
    c->last_seq = x->n_docs;
    st_cluster_note_when(c, when[0], when[1]);
    if (has_title && score > c->best_score) {
        c->best_score = (float)score;
        c->best_doc = x->n_docs;
    }
    st_cluster *s = &x->stories.c[c->story];
    s->last_seq = x->n_docs;
    st_cluster_note_when(s, when[0], when[1]);
}

/* Shrink events and stories that closed since the last sweep. */
static void sweep(sl_story_index *x)
{
    if (!x->opts.window || x->n_docs - x->swept < x->opts.window / 4 + 1)
        return;
    x->swept = x->n_docs;
    st_level *levels[2] = { &x->events, &x->stories };
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < levels[k]->n; i++) {
            st_cluster *c = &levels[k]->c[i];
            if (!c->closed && !is_open(x, c)) {
                st_cluster_shrink(x->ctx, c, LABEL_KEEP);
                levels[k]->closed++;
            }
        }
}

/* Once a quarter of the postings may belong to closed clusters, rebuild
 * them without: lookups stay as fast at 10 million documents as at 10,000.
 * Runs before anything changes, so a failure leaves the index as it was. */
static int drop_closed(sl_story_index *x, st_level *l)
{
    if (4 * (l->closed - l->closed_at_drop) < l->n + 64)
        return SL_OK;
    int rc = st_postings_drop(&l->post, l->c);
    if (!rc)
        l->closed_at_drop = l->closed;
    return rc;
}

static int64_t day_of_minutes(int64_t m)
{
    return m >= 0 ? m / 1440 : -((-m + 1439) / 1440);
}

/* One end of an interval: a date, or ".." (open) as *open_value. */
static int interval_end(const char *s, size_t len, int64_t open_value, int64_t *day)
{
    if (len == 2 && s[0] == '.' && s[1] == '.') {
        *day = open_value;
        return 1;
    }
    int64_t m = sl_parse_iso_minutes(s, len);
    if (m == SL_NO_MINUTES)
        return 0;
    *day = day_of_minutes(m);
    return 1;
}

/* "2021-12-15" (or a date-time): that day; an ISO 8601 interval
 * "2021-12-01/2021-12-14", "2021-12-01/.." or "../2022-02-28" (an inferred
 * date): those days; anything else: unknown (both sides open). */
static void when_of(const char *published, size_t len, int64_t when[2])
{
    when[0] = INT64_MIN;
    when[1] = INT64_MAX;
    if (!published || !len)
        return;
    const char *slash = memchr(published, '/', len);
    size_t first_len = slash ? (size_t)(slash - published) : len;
    int64_t a, b;
    if (!interval_end(published, first_len, INT64_MIN, &a) ||
        !interval_end(slash ? slash + 1 : published, slash ? len - first_len - 1 : len,
                      INT64_MAX, &b) ||
        b < a)
        return;
    when[0] = a;
    when[1] = b;
}

static void add_duplicate(sl_story_index *x, const char *id, size_t id_len,
                          const sl_story_doc *p, uint32_t of, const int64_t when[2])
{
    uint32_t e = x->docs[of].event;
    touch_event(x, e, when, 0.0, 0);
    record_doc(x, id, id_len, p, e, 1.0);
}

/* Where a document goes, decided before anything changes: its event (or
 * a new one: event == events.n) and, for a new event, its story (or a new
 * one: story == stories.n). */
typedef struct st_plan {
    uint32_t event, story;
    double score;
    int new_event, new_story;
} st_plan;

static void plan_doc(sl_story_index *x, st_plan *plan)
{
    double score;
    int64_t e = best_of(x, &x->events, EVENT_NAME_SHARE, x->opts.event_days, &score);
    plan->new_event = !(e >= 0 && score >= x->opts.event_threshold);
    plan->new_story = 0;
    if (!plan->new_event) {
        plan->event = (uint32_t)e;
        plan->story = (uint32_t)x->events.c[e].story;
        plan->score = score;
        return;
    }
    plan->event = (uint32_t)x->events.n;
    plan->score = 1.0;
    int64_t s = best_of(x, &x->stories, STORY_NAME_SHARE, x->opts.story_days, &score);
    plan->new_story = s < 0 || score < x->opts.story_threshold;
    plan->story = plan->new_story ? (uint32_t)x->stories.n : (uint32_t)s;
}

/* Memory the plan needs; a failure changes nothing that matters. */
static int reserve_plan(sl_story_index *x, const st_plan *plan)
{
    int rc = plan->new_event ? reserve_new_cluster(x, &x->events, EVENT_TERMS, EVENT_NAMES)
                             : st_cluster_reserve(x->ctx, &x->events.c[plan->event], &x->vec);
    if (!rc)
        rc = plan->new_story ? reserve_new_cluster(x, &x->stories, STORY_TERMS, STORY_NAMES)
                             : st_cluster_reserve(x->ctx, &x->stories.c[plan->story], &x->vec);
    if (!rc)
        rc = st_postings_reserve(&x->events.post, 2 * (POST_TERMS + POST_NAMES));
    if (!rc)
        rc = st_postings_reserve(&x->stories.post, 2 * (POST_TERMS + POST_NAMES));
    return rc;
}

/* How much a member weighs in its event's profile: in full when it joined
 * with at least MEMBER_FULL_SCORE, less the closer it was to the threshold
 * (the square of score / MEMBER_FULL_SCORE), so that one doubtful member
 * does not pull the profile towards another event of the same kind, which
 * would then draw that event's documents in. */
static double member_weight(const st_plan *plan)
{
    if (plan->new_event || plan->score >= MEMBER_FULL_SCORE)
        return 1.0;
    double r = plan->score / MEMBER_FULL_SCORE;
    return r * r;
}

/* Add the document to its event, scaled by member_weight. */
static void add_to_event(sl_story_index *x, st_cluster *c, double weight)
{
    if (weight >= 1.0) {
        st_cluster_add(c, &x->vec, x->scratch);
        return;
    }
    st_docvec *v = &x->scaled;
    *v = x->vec;
    for (size_t i = 0; i < v->n_terms; i++)
        v->terms[i].w = (float)(v->terms[i].w * weight);
    for (size_t i = 0; i < v->n_names; i++)
        v->names[i].w = (float)(v->names[i].w * weight);
    st_cluster_add(c, v, x->scratch);
}

static void carry_out(sl_story_index *x, const st_plan *plan)
{
    st_level *ev = &x->events, *st = &x->stories;
    if (plan->new_event) {
        ev->n++;
        ev->c[plan->event].first_doc = ev->c[plan->event].best_doc = x->n_docs;
        ev->c[plan->event].story = plan->story;
    }
    if (plan->new_story) {
        st->n++;
        st->c[plan->story].first_doc = st->c[plan->story].best_doc = x->n_docs;
    }
    st_cluster *c = &ev->c[plan->event], *s = &st->c[plan->story];
    add_to_event(x, c, member_weight(plan));
    st_cluster_add(s, &x->vec, x->scratch);
    if (plan->new_event)
        s->size++; /* a story counts its events */
    if (repost_due(c->size + 1))
        post_cluster(x, ev, plan->event);
    if (plan->new_event || repost_due(s->size + c->size + 1))
        post_cluster(x, st, plan->story);
}

int sl_story_add(sl_story_index *x, const char *id, size_t id_len, const char *published,
                 size_t published_len, const char *dup_of, size_t dup_of_len,
                 const sl_story_doc *p)
{
    if (!x || !p || (!id && id_len) || (!published && published_len) || (!dup_of && dup_of_len))
        return x ? sl_error(x->ctx, SL_EINVAL, "stories: bad arguments to add") : SL_EINVAL;
    id = id ? id : "";
    int64_t when[2];
    when_of(published, published_len, when);
    int rc = reserve_doc(x, id, id_len, p);
    if (rc)
        return rc;
    int64_t of = dup_of && dup_of_len ? idmap_get(x, dup_of, dup_of_len) : -1;
    if (of >= 0) {
        add_duplicate(x, id, id_len, p, (uint32_t)of, when);
        return SL_OK;
    }
    if ((rc = drop_closed(x, &x->events)) != SL_OK || (rc = drop_closed(x, &x->stories)) != SL_OK)
        return rc;
    /* weighed by the frequencies of the documents so far, itself included
     * (its own words are counted in by hand: the vocabulary changes last) */
    sweep(x);
    build_vector(x, p, when);
    st_plan plan;
    plan_doc(x, &plan);
    if ((rc = reserve_plan(x, &plan)) != SL_OK || (rc = st_vocab_add_doc(&x->vocab, p)) != SL_OK)
        return rc;
    /* nothing fails from here on */
    x->counted++;
    carry_out(x, &plan);
    /* a founder scores 1; any later member with a title is closer to the
     * centre than the founder as representative */
    touch_event(x, plan.event, when, plan.new_event ? 0.0 : plan.score, p->title.len > 0);
    record_doc(x, id, id_len, p, plan.event, plan.score);
    return SL_OK;
}
