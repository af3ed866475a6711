/* storyline run: the store side of a run.  The indexes of dedup and
 * stories live in memory, so a run rebuilds them from the stored documents
 * (in stored order, the order they were first added) before it reads new
 * input; the stages are deterministic, so the stored documents land where
 * they did before and the ids of events and stories stay the same. */
#include "run.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int run_open_store(run_state *s)
{
    if (sl_store_open(s->ctx, &s->store, s->job->db, SL_STORE_CREATE) != SL_OK) {
        cli_error("%s", sl_errmsg(s->ctx));
        return EXIT_IO;
    }
    if (sl_store_doc_count(s->store, &s->next_doc) != SL_OK) {
        cli_error("%s", sl_errmsg(s->ctx));
        return EXIT_IO;
    }
    s->job->stored_before = s->next_doc;
    return EXIT_OK;
}

/* Everything that changes which event or story a document joins. */
static void options_text(const run_job *job, char *buf, size_t cap)
{
    const sl_dedup_options *d = &job->dedup;
    const sl_story_options *o = &job->story;
    snprintf(buf, cap,
             "dedup near=%g revision=%g revision-titled=%g contained=%g contained-ratio=%g "
             "copy-ratio=%g window=%llu anchors=%u/%u/%u; stories event-threshold=%g "
             "story-threshold=%g event-days=%g story-days=%g window=%u language=%s",
             d->near, d->revision, d->revision_titled, d->contained, d->contained_ratio,
             d->copy_ratio, (unsigned long long)d->window, d->anchor_rate, d->anchor_cap,
             d->max_verify, o->event_threshold, o->story_threshold, o->event_days, o->story_days,
             o->window, o->language ? o->language : "english");
}

static int store_error(run_state *s)
{
    cli_error("%s", sl_errmsg(s->ctx));
    sl_store_rollback(s->store);
    return EXIT_IO;
}

int run_check_options(run_state *s)
{
    char want[512], have[512];
    options_text(s->job, want, sizeof want);
    int found = sl_store_meta_get(s->store, "options", have, sizeof have);
    if (found < 0)
        return store_error(s);
    if (found && strcmp(have, want) != 0) {
        cli_error("the store '%s' was built with other options; a run must use the same ones "
                  "to keep the ids of events and stories (or start a new --db)",
                  s->job->db);
        cli_error("stored:  %s", have);
        cli_error("current: %s", want);
        return EXIT_USAGE;
    }
    if (sl_store_begin(s->store) || (!found && sl_store_meta_set(s->store, "options", want)) ||
        sl_store_meta_set(s->store, "state", "running") ||
        sl_store_run_begin(s->store, s->job->inputs, SL_VERSION_STRING, &s->run) ||
        sl_store_commit(s->store))
        return store_error(s);
    return EXIT_OK;
}

/* --------------------------------------------------------------- rebuild */

/* One stored document back into the pool; its story date and its event
 * and story go along, to be checked when it is indexed again. */
static int requeue(void *state, uint64_t doc, const sl_store_doc *d)
{
    run_state *s = state;
    /* the cleaner learns each outlet's boilerplate: show it what it saw */
    if (d->cleaned && !s->job->no_clean) {
        const sl_clean_result *r;
        if (sl_clean(s->cleaner, d->raw_text.ptr, d->raw_text.len, d->source.ptr, d->source.len,
                     &r) != SL_OK) {
            cli_error("stored document %llu: %s", (unsigned long long)doc, sl_errmsg(s->ctx));
            return EXIT_IO;
        }
    }
    sl_store_doc small;
    memset(&small, 0, sizeof small);
    small.story_date = d->story_date;
    small.event = d->event;
    small.story = d->story;
    const char *packed;
    size_t len;
    if (sl_store_pack_doc(s->store, &small, &packed, &len) != SL_OK) {
        cli_error("%s", sl_errmsg(s->ctx));
        return EXIT_IO;
    }
    sl_doc in;
    memset(&in, 0, sizeof in);
    in.id = d->id;
    in.source = d->source;
    in.published = d->published_given;
    in.origin = s->job->db;
    in.line = doc;
    if (!batch_push(pool_fill(&s->pool), &in, d->text, d->title, (sl_str){ "r", 1 },
                    (sl_str){ packed, len }, 0))
        return EXIT_IO;
    if (pool_fill(&s->pool)->n == POOL_BATCH &&
        pool_rotate(&s->pool, run_add_batch, s) != EXIT_OK)
        return EXIT_IO;
    return 0;
}

int run_rebuild(run_state *s)
{
    if (s->next_doc == 0)
        return EXIT_OK;
    int rc = sl_store_scan(s->store, 0, requeue, s);
    if (rc == SL_OK)
        return EXIT_OK;
    if (rc < 0) /* the store's; the others were reported where they happened */
        cli_error("%s", sl_errmsg(s->ctx));
    return EXIT_IO;
}

/* ---------------------------------------------------- events and stories */

bool run_touch(run_state *s, uint64_t event)
{
    for (size_t i = 0; i < s->n_touched; i++)
        if (s->touched[i] == event)
            return true;
    if (s->n_touched == s->cap_touched) {
        size_t cap = s->cap_touched ? 2 * s->cap_touched : 256;
        uint64_t *p = realloc(s->touched, cap * sizeof *p);
        if (!p)
            return false;
        s->touched = p;
        s->cap_touched = cap;
    }
    s->touched[s->n_touched++] = event;
    return true;
}

/* "YYYY-MM-DD" as days since 1970; INT64_MIN for "" (undated). */
static int64_t day_number(const char *ymd)
{
    int y, m, d;
    if (!ymd[0] || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return INT64_MIN;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    return (int64_t)(timegm(&tm) / 86400);
}

/* A story's first and last day are its timeline's (docs/timeline.md): the
 * intervals of its dated events, which the members' inferred publication
 * intervals bound, so the API, the page and `storyline timeline` give the
 * same span.  The timeline reads what this run wrote in its transaction. */
static int timeline_span(run_state *s, sl_timeline *t, uint64_t story, int64_t *first,
                         int64_t *last)
{
    char key[24];
    snprintf(key, sizeof key, "%llu", (unsigned long long)story);
    const sl_tl_story *r;
    int rc = sl_timeline_build(t, s->store, key, &r);
    if (rc)
        return rc;
    *first = day_number(r->first);
    *last = day_number(r->last);
    return SL_OK;
}

/* Write event or story number n as its row; a story's span comes from its
 * timeline when one is given (the end of a run), else from the index. */
static int put_cluster(run_state *s, uint64_t n, int is_story, uint64_t *story_number,
                       sl_timeline *timeline)
{
    const sl_story_index *x = s->stories;
    sl_story_cluster c, st;
    const char *terms[8];
    size_t n_terms = 0, tl = 0;
    int rc = is_story ? sl_story_story(x, n, &c) : sl_story_event(x, n, &c);
    if (!rc) rc = sl_story_story(x, is_story ? n : c.story, &st);
    if (!rc) rc = sl_story_label(x, n, is_story, terms, 8, &n_terms);
    if (rc)
        return rc;
    const char *title = sl_story_doc_title(x, c.best_doc, &tl);
    sl_store_cluster sc = { is_story, c.first_doc, st.first_doc, terms, n_terms,
                            { title ? title : "", title ? tl : 0 }, c.best_doc,
                            c.first_day, c.last_day, c.size };
    if (story_number)
        *story_number = c.story;
    if (is_story && timeline) {
        rc = sl_store_put_cluster(s->store, &sc); /* the timeline reads this row */
        if (!rc) rc = timeline_span(s, timeline, c.first_doc, &sc.first_day, &sc.last_day);
        if (rc)
            return rc;
    }
    return sl_store_put_cluster(s->store, &sc);
}

int run_put_touched(run_state *s)
{
    int rc = SL_OK;
    for (size_t i = 0; !rc && i < s->n_touched; i++) {
        uint64_t story;
        rc = put_cluster(s, s->touched[i], 0, &story, NULL);
        if (!rc) rc = put_cluster(s, story, 1, NULL, NULL);
    }
    return rc;
}

/* ------------------------------------------------------------- the end */

/* Relations can change until the input ends (a later document can be the
 * earlier version, or the longer text containing an earlier one), and
 * labels and titles follow their members: everything is compared with
 * what is stored, and rows that changed are written.  Stories come last,
 * their spans from timelines built on the relations and events written
 * just before. */
static int refresh_all(run_state *s, uint64_t *changed)
{
    uint64_t n = sl_dedup_count(s->dedup);
    int rc = SL_OK;
    for (uint64_t i = 0; !rc && i < n; i++) {
        sl_dup dup;
        rc = sl_dedup_result(s->dedup, i, &dup);
        int w = rc ? rc : sl_store_put_dup(s->store, i, &dup);
        if (w < 0)
            rc = w;
        else
            *changed += (uint64_t)w;
    }
    uint64_t events = sl_story_event_count(s->stories), stories = sl_story_story_count(s->stories);
    for (uint64_t e = 0; !rc && e < events; e++)
        rc = put_cluster(s, e, 0, NULL, NULL);
    sl_timeline *tl = NULL;
    if (!rc && stories) rc = sl_timeline_new(s->ctx, &tl, NULL);
    for (uint64_t t = 0; !rc && t < stories; t++)
        rc = put_cluster(s, t, 1, NULL, tl);
    sl_timeline_free(tl);
    return rc;
}

int run_finish(run_state *s)
{
    uint64_t changed = 0;
    int rc = sl_store_begin(s->store);
    if (!rc) rc = refresh_all(s, &changed);
    if (!rc) rc = sl_store_meta_set(s->store, "state", "complete");
    if (!rc) rc = sl_store_run_progress(s->store, s->run, s->job->added, s->job->skipped,
                                        s->job->rejected, 1);
    if (!rc) rc = sl_store_commit(s->store);
    if (rc)
        return store_error(s);
    s->job->events = sl_story_event_count(s->stories);
    s->job->stories = sl_story_story_count(s->stories);
    s->job->dups_changed = changed;
    return EXIT_OK;
}
