/* The timeline handle: options, building a timeline or a comparison, the
 * list of stories. */
#include "timeline/timeline.h"

#include <string.h>

int sl_timeline_new(sl_ctx *ctx, sl_timeline **out, const sl_timeline_options *opts)
{
    *out = NULL;
    sl_timeline_options def = SL_TIMELINE_OPTIONS_INIT;
    if (opts && opts->version != SL_TIMELINE_OPTIONS_VERSION)
        return sl_error(ctx, SL_EINVAL, "timeline: options version %u, expected %u",
                        opts->version, SL_TIMELINE_OPTIONS_VERSION);
    sl_timeline *t = sl_calloc(ctx, 1, sizeof *t);
    if (!t)
        return sl_oom(ctx);
    t->ctx = ctx;
    t->opts = opts ? *opts : def;
    if (!t->opts.max_quotes) t->opts.max_quotes = def.max_quotes;
    if (!t->opts.max_items) t->opts.max_items = def.max_items;
    if (!t->opts.min_term_count) t->opts.min_term_count = def.min_term_count;
    t->out.ctx = ctx;
    t->story.arena.ctx = ctx;
    *out = t;
    return SL_OK;
}

static void reset(sl_timeline *t)
{
    tl_story_free(&t->story, t->ctx);
    tl_arena_free(&t->out);
    memset(&t->result, 0, sizeof t->result);
    memset(&t->cmp, 0, sizeof t->cmp);
}

void sl_timeline_free(sl_timeline *t)
{
    if (!t)
        return;
    reset(t);
    sl_free(t->ctx, t);
}

static int load(sl_timeline *t, sl_store *s, const char *key)
{
    if (!s || !key)
        return sl_error(t->ctx, SL_EINVAL, "timeline: no store or key");
    reset(t);
    int rc = tl_story_load(&t->story, t->ctx, s, key);
    if (rc)
        reset(t);
    return rc;
}

int sl_timeline_build(sl_timeline *t, sl_store *s, const char *key, const sl_tl_story **out)
{
    *out = NULL;
    int rc = load(t, s, key);
    if (!rc)
        rc = tl_build_events(t);
    if (rc) {
        reset(t);
        return rc;
    }
    *out = &t->result;
    return SL_OK;
}

int sl_timeline_compare(sl_timeline *t, sl_store *s, const char *key, const sl_cmp_result **out)
{
    *out = NULL;
    int rc = load(t, s, key);
    if (!rc)
        rc = tl_build_compare(t);
    if (rc) {
        reset(t);
        return rc;
    }
    *out = &t->cmp;
    return SL_OK;
}

typedef struct stories_ud {
    sl_tl_story_fn fn;
    void *ud;
} stories_ud;

static int on_story(void *ud, const store_tl_cluster *c)
{
    stories_ud *s = ud;
    return s->fn(s->ud, c->num, c->id);
}

int sl_timeline_stories(sl_timeline *t, sl_store *s, sl_tl_story_fn fn, void *ud)
{
    if (!s || !fn)
        return sl_error(t->ctx, SL_EINVAL, "timeline: no store or callback");
    stories_ud su = { fn, ud };
    return store_tl_stories(s, on_story, &su);
}
