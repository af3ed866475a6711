/* storyline stories: read, clean, featurise on the pool, then cluster in
 * input order and write each document as soon as it has its event (the
 * assignment of a document never changes afterwards). */
#include "pool.h"
#include "stories.h"
#include "dist.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

typedef struct stories_state {
    sl_ctx *ctx;
    sl_reader *reader;
    sl_cleaner *cleaner;
    sl_out *out;
    sl_story_index *x;
    pool pool;
    stories_job *job;
    FILE *dest;
    int status;
    char when[128];      /* an inferred interval, "earliest/latest" */
} stories_state;

/* A record's preparation: its text cleaned on the pool, then featurised. */
typedef struct story_prep {
    pool_clean pc; /* first: pool_clean_settle finds it there */
    sl_story_doc *doc;
} story_prep;

static void story_free_prep(void *prep)
{
    story_prep *p = prep;
    pool_clean_release(&p->pc);
    sl_story_doc_free(p->doc);
    free(p);
}

static int story_new_prep(sl_ctx *ctx, const void *arg, void **prep)
{
    story_prep *p = calloc(1, sizeof *p);
    if (!p)
        return SL_ENOMEM;
    int rc = pool_clean_init(ctx, &p->pc);
    if (!rc) rc = sl_story_doc_new(ctx, arg, &p->doc);
    if (rc) {
        story_free_prep(p);
        return rc;
    }
    *prep = p;
    return SL_OK;
}

/* Phase 1: the cleaning's analysis, for every record. */
static int story_analyze(void *prep, const pool_item *it, const void *arg)
{
    (void)arg;
    story_prep *p = prep;
    return pool_clean_analyze(&p->pc, it);
}

/* Phase 2, this process's records: the cleaned text, featurised. */
static int story_prepare(void *prep, const pool_item *it, const void *arg)
{
    (void)arg;
    story_prep *p = prep;
    sl_str text, title;
    int rc = pool_clean_text(&p->pc, it, &text, &title);
    return rc ? rc : sl_story_prepare(p->doc, text.ptr, text.len, title.ptr, title.len);
}

static int story_save(const void *prep, struct sl_buf *out)
{
    return dist_save_story(((const story_prep *)prep)->doc, out);
}

static int story_load(void *prep, struct sl_dist_dec *in)
{
    return dist_load_story(((story_prep *)prep)->doc, in);
}

/* In input order between the phases: the cleaner's line memory. */
static int story_settle(void *state, pool_batch *b)
{
    stories_state *s = state;
    pool_clean_settle(s->cleaner, s->ctx, b);
    return EXIT_OK;
}

static void close_state(stories_state *s)
{
    pool_close(&s->pool);
    sl_story_free(s->x);
    sl_out_free(s->out);
    sl_cleaner_free(s->cleaner);
    sl_reader_free(s->reader);
    sl_ctx_free(s->ctx);
}

static int open_state(stories_state *s, stories_job *job)
{
    static const pool_ops ops = { story_new_prep, story_free_prep, story_analyze, story_save,
                                  story_load };
    static const pool_phases phases = { story_settle, story_prepare };
    sl_clean_options clean = SL_CLEAN_OPTIONS_INIT;
    if (sl_ctx_new(&s->ctx, NULL) || sl_reader_new(s->ctx, &s->reader, &job->reader) ||
        sl_cleaner_new(s->ctx, &s->cleaner, &clean) || sl_out_new(s->ctx, &s->out) ||
        sl_story_new(s->ctx, &s->x, &job->story)) {
        cli_error("%s", s->ctx ? sl_errmsg(s->ctx) : "out of memory");
        return s->ctx && sl_errcode(s->ctx) == SL_EINVAL ? EXIT_USAGE : EXIT_IO;
    }
    /* a bad --language shows here, before any input is read */
    sl_story_doc *probe;
    if (sl_story_doc_new(s->ctx, &job->story, &probe) != SL_OK) {
        cli_error("%s", sl_errmsg(s->ctx));
        return sl_errcode(s->ctx) == SL_EINVAL ? EXIT_USAGE : EXIT_IO;
    }
    sl_story_doc_free(probe);
    if (!pool_open_phases(&s->pool, job->threads, &ops, &phases, &job->story, s))
        return EXIT_IO;
    return EXIT_OK;
}

/* The record as it will be written, less its closing brace. */
static int record_of(stories_state *s, const sl_doc *doc, sl_str *rec)
{
    static const char *const replaced[] = { "story", NULL };
    const char *line;
    size_t len;
    sl_out_reset(s->out);
    int rc = sl_out_begin_doc(s->out, doc, replaced);
    if (!rc)
        rc = sl_out_finish(s->out, &line, &len);
    if (rc)
        return rc;
    /* exactly one closing brace: the last field may be an object too */
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '}')
        len--;
    *rec = (sl_str){ line, len };
    return SL_OK;
}

/* "published" as `storyline facts` writes it ({"value", "earliest",
 * "latest", ...}): the interval "earliest/latest", ".." for a side that is
 * not known; its value is only the likeliest day of that interval. */
static int published_interval(stories_state *s, const sl_doc *doc, sl_doc *with)
{
    static const char *const side[2] = { "earliest", "latest" };
    *with = *doc;
    size_t len = 0;
    int known = 0;
    for (int k = 0; k < 2; k++) {
        sl_str v;
        int rc = sl_reader_field(s->reader, doc, "published", side[k], &v);
        if (rc < 0)
            return rc;
        if (rc == 0 || v.len > 32)
            v = (sl_str){ "..", 2 };
        else
            known++;
        if (k)
            s->when[len++] = '/';
        memcpy(s->when + len, v.ptr, v.len);
        len += v.len;
    }
    if (known)
        with->published = (sl_str){ s->when, len };
    return SL_OK;
}

static int queue_doc(void *state, const sl_doc *in)
{
    stories_state *s = state;
    sl_doc with_date;
    const sl_doc *doc = &with_date;
    sl_str dup_of = { "", 0 }, rec = { "", 0 };
    int drc = published_interval(s, in, &with_date);
    if (drc) {
        cli_error("%s:%llu: %s", in->origin, (unsigned long long)in->line, sl_errmsg(s->ctx));
        return cli_exit_for(drc);
    }
    /* cleaned on the pool */
    pool_batch *b = pool_fill(&s->pool);
    pool_clean_queue(b->items[b->n].prep, s->job->no_clean, doc);
    int rc = SL_OK;
    /* a document dedup found to repeat an earlier one: "dup": {"of": id} */
    if (sl_reader_field(s->reader, doc, "dup", "of", &dup_of) < 0)
        rc = SL_ENOMEM;
    if (!rc && !s->job->summary)
        rc = record_of(s, doc, &rec);
    if (rc) {
        cli_error("%s:%llu: %s", doc->origin, (unsigned long long)doc->line, sl_errmsg(s->ctx));
        return cli_exit_for(rc);
    }
    return batch_push(b, doc, doc->text, doc->title, dup_of, rec, 0) ? EXIT_OK : EXIT_IO;
}

static int write_story(stories_state *s, const pool_item *it, uint64_t doc)
{
    sl_story_assignment a;
    sl_story_cluster ev, st;
    size_t rl, el, sl;
    const char *rec = item_field(it, PI_RECORD, &rl);
    int rc = sl_story_result(s->x, doc, &a);
    if (!rc) rc = sl_story_event(s->x, a.event, &ev);
    if (!rc) rc = sl_story_story(s->x, a.story, &st);
    const char *eid = sl_story_doc_id(s->x, ev.first_doc, &el);
    const char *sid = sl_story_doc_id(s->x, st.first_doc, &sl);
    const char *tail;
    size_t tail_len;
    sl_out_reset(s->out);
    if (!rc) rc = sl_out_begin_object(s->out);
    if (!rc) rc = sl_out_key(s->out, "story");
    if (!rc) rc = sl_out_begin_object(s->out);
    if (!rc) rc = sl_out_key(s->out, "event");
    if (!rc) rc = sl_out_string(s->out, eid, el);
    if (!rc) rc = sl_out_key(s->out, "story");
    if (!rc) rc = sl_out_string(s->out, sid, sl);
    if (!rc) rc = sl_out_key(s->out, "score");
    if (!rc) rc = sl_out_double(s->out, cli_round4(a.score));
    if (!rc) rc = sl_out_end_object(s->out);
    if (!rc) rc = sl_out_end_object(s->out);
    if (!rc) rc = sl_out_finish(s->out, &tail, &tail_len);
    if (rc) {
        cli_error("%s", sl_errmsg(s->ctx));
        return EXIT_IO;
    }
    /* the record without its brace, then ", "story": {...}}" */
    bool empty = rl <= 1; /* "{" alone: a record with no fields */
    return cli_write(s->dest, rec, rl) && (empty || cli_write(s->dest, ", ", 2)) &&
                   cli_write(s->dest, tail + 1, tail_len - 1)
               ? EXIT_OK
               : EXIT_IO;
}

/* Cluster the prepared documents of b in input order (a pool_add_fn). */
static int add_batch(void *state, pool_batch *b)
{
    stories_state *s = state;
    for (size_t k = 0; k < b->n; k++) {
        pool_item *it = &b->items[k];
        size_t il, pl, dl;
        const char *id = item_field(it, PI_ID, &il), *pub = item_field(it, PI_PUBLISHED, &pl);
        const char *dup = item_field(it, PI_EXTRA, &dl);
        story_prep *p = it->prep;
        int rc = it->rc ? it->rc : sl_story_add(s->x, id, il, pub, pl, dup, dl, p->doc);
        if (rc) {
            pool_reject(it, it->rc ? it->err : sl_errmsg(s->ctx), rc, &s->job->rejected,
                        &s->status);
            continue;
        }
        s->job->docs++;
        if (!s->job->summary && write_story(s, it, sl_story_count(s->x) - 1) != EXIT_OK)
            return EXIT_IO;
    }
    return EXIT_OK;
}

static int read_all(stories_state *s)
{
    pool_stream st = { s->ctx, s->reader, s->job->quiet, &s->job->docs, &s->job->rejected,
                       &s->status, queue_doc, add_batch, s };
    return pool_read_all(&s->pool, &st);
}

/* What the prepared features and the clusters depend on, for shards and
 * merge. */
static uint64_t options_hash(const stories_job *job)
{
    const sl_story_options *o = &job->story;
    char text[512];
    int n = snprintf(text, sizeof text, "stories %d %.17g %.17g %.17g %.17g %u %s", job->no_clean,
                     o->event_threshold, o->story_threshold, o->event_days, o->story_days,
                     (unsigned)o->window, o->language ? o->language : "english");
    return dist_hash(text, (size_t)n, 0);
}

int stories_run(stories_job *job, int argc, char **argv, int first, FILE *out)
{
    dist_set_stage(DIST_STAGE_STORIES, options_hash(job), false);
    stories_state s;
    memset(&s, 0, sizeof s);
    s.job = job;
    s.dest = out;
    int status = open_state(&s, job);
    if (status != EXIT_OK) {
        close_state(&s);
        return status;
    }
    status = cli_add_inputs(s.ctx, s.reader, argc, argv, first); /* the others are still read */
    int read_status = read_all(&s);
    status = cli_worse(status, read_status);
    if (!s.pool.stopped && job->summary &&
        stories_write_summary(s.ctx, s.x, out) != EXIT_OK)
        status = EXIT_IO;
    close_state(&s);
    return status;
}
