/* Reading the story index back: assignments, clusters, labels. */
#include "story/story_index.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int st_by_weight_desc(const void *a, const void *b)
{
    const st_feat *x = a, *y = b;
    if (x->w != y->w)
        return x->w < y->w ? 1 : -1;
    return (x->key > y->key) - (x->key < y->key);
}

/* ---- results ---- */

uint64_t sl_story_count(const sl_story_index *x)
{
    return x ? x->n_docs : 0;
}

int sl_story_result(const sl_story_index *x, uint64_t doc, sl_story_assignment *out)
{
    if (!x || !out || doc >= x->n_docs)
        return x ? sl_error(x->ctx, SL_EINVAL, "stories: no document %llu",
                            (unsigned long long)doc)
                 : SL_EINVAL;
    const st_docrec *r = &x->docs[doc];
    out->event = r->event;
    out->story = x->events.c[r->event].story;
    out->score = r->score;
    return SL_OK;
}

const char *sl_story_doc_id(const sl_story_index *x, uint64_t doc, size_t *len)
{
    if (!x || doc >= x->n_docs) {
        *len = 0;
        return NULL;
    }
    *len = x->docs[doc].id_len;
    return x->ids.ptr + x->docs[doc].id_off;
}

const char *sl_story_doc_title(const sl_story_index *x, uint64_t doc, size_t *len)
{
    if (!x || doc >= x->n_docs) {
        *len = 0;
        return NULL;
    }
    *len = x->docs[doc].title_len;
    return *len ? x->titles.ptr + x->docs[doc].title_off : "";
}

uint64_t sl_story_event_count(const sl_story_index *x)
{
    return x ? x->events.n : 0;
}

uint64_t sl_story_story_count(const sl_story_index *x)
{
    return x ? x->stories.n : 0;
}

static int cluster_info(const sl_story_index *x, const st_level *l, uint64_t i,
                        sl_story_cluster *out)
{
    if (!x || !out || i >= l->n)
        return x ? sl_error(x->ctx, SL_EINVAL, "stories: no cluster %llu", (unsigned long long)i)
                 : SL_EINVAL;
    const st_cluster *c = &l->c[i];
    out->first_doc = c->first_doc;
    out->story = c->story;
    out->size = c->size;
    out->best_doc = c->best_doc;
    out->first_day = c->first_day;
    out->last_day = c->last_day;
    return SL_OK;
}

int sl_story_event(const sl_story_index *x, uint64_t event, sl_story_cluster *out)
{
    return cluster_info(x, x ? &x->events : NULL, event, out);
}

int sl_story_story(const sl_story_index *x, uint64_t story, sl_story_cluster *out)
{
    if (!x)
        return SL_EINVAL;
    int rc = cluster_info(x, &x->stories, story, out);
    if (!rc)
        out->story = story;
    return rc;
}

/* Does `in` contain `part`, ignoring ASCII case? */
static int contains_ci(const char *in, const char *part)
{
    size_t n = strlen(part);
    for (; *in; in++)
        if (strncasecmp(in, part, n) == 0)
            return 1;
    return n == 0;
}

/* A word of a longer name counts in full as a name of its own, so one that
 * only ever occurs inside "North Quay" weighs as much as "North Quay" and
 * may come first: such a word is left out when a longer name among the
 * cluster's top names holds it and weighs at least half as much (a word
 * also used alone, "Portvale", weighs much more than the names holding it,
 * and stays). */
static int part_of_longer(const sl_story_index *x, const st_feat *top, size_t n,
                          const st_feat *f, const char *s)
{
    if (strchr(s, ' '))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (top[i].key == f->key || top[i].w < 0.5f * f->w)
            continue;
        const char *t = st_vocab_surface(&x->vocab, top[i].key);
        if (t && strlen(t) > strlen(s) && contains_ci(t, s))
            return 1;
    }
    return 0;
}

/* Names first (heaviest first), then terms, each with a surface form and
 * not already in the label. */
int sl_story_label(const sl_story_index *x, uint64_t cluster, int is_story, const char **terms,
                   size_t max, size_t *n)
{
    *n = 0;
    const st_level *l = x ? (is_story ? &x->stories : &x->events) : NULL;
    if (!l || cluster >= l->n)
        return x ? sl_error(x->ctx, SL_EINVAL, "stories: no cluster %llu",
                            (unsigned long long)cluster)
                 : SL_EINVAL;
    const st_cluster *c = &l->c[cluster];
    st_feat top[EVENT_NAMES > STORY_NAMES ? EVENT_NAMES : STORY_NAMES];
    for (int part = 0; part < 2; part++) {
        size_t nf = part ? c->n_terms : c->n_names;
        size_t take = nf < sizeof top / sizeof *top ? nf : sizeof top / sizeof *top;
        if (take == 0)
            continue; /* the array may be NULL */
        memcpy(top, part ? c->terms : c->names, take * sizeof *top);
        qsort(top, take, sizeof *top, st_by_weight_desc);
        size_t want = part ? max : (max + 1) / 2;
        for (size_t i = 0; i < take && *n < want; i++) {
            const char *s = st_vocab_surface(&x->vocab, top[i].key);
            if (!s)
                continue;
            if (!part && part_of_longer(x, top, take, &top[i], s))
                continue;
            size_t k = 0;
            while (k < *n && !contains_ci(terms[k], s))
                k++;
            if (k == *n)
                terms[(*n)++] = s;
        }
    }
    return SL_OK;
}
