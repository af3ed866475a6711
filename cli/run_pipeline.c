/* storyline run: read and clean in input order, prepare on the pool (dedup
 * shingles, story features, facts), then index and store each batch in
 * input order, one transaction per batch. */
#include "run.h"
#include "dist.h"
#include "dist/dist.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A pool item is either a new document ("n" in PI_EXTRA) or a stored one
 * fed again to the indexes ("r"); PI_RECORD holds it packed. */
typedef struct run_prep {
    sl_dedup_doc *dedup;
    sl_story_doc *story;
    sl_facts_doc *facts;
} run_prep;

static void free_prep(void *p)
{
    run_prep *r = p;
    if (!r)
        return;
    sl_dedup_doc_free(r->dedup);
    sl_story_doc_free(r->story);
    sl_facts_doc_free(r->facts);
    free(r);
}

static int new_prep(sl_ctx *ctx, const void *arg, void **out)
{
    const run_arg *a = arg;
    run_prep *r = calloc(1, sizeof *r);
    if (!r)
        return SL_ENOMEM;
    int rc = sl_dedup_doc_new(ctx, &r->dedup);
    if (!rc) rc = sl_story_doc_new(ctx, a->story, &r->story);
    if (!rc) rc = sl_facts_doc_new(ctx, &r->facts);
    if (rc) {
        free_prep(r);
        return rc;
    }
    *out = r;
    return SL_OK;
}

static bool is_new(const pool_item *it)
{
    size_t n;
    const char *kind = item_field(it, PI_EXTRA, &n);
    return n == 1 && kind[0] == 'n';
}

static int prepare(void *p, const pool_item *it, const void *arg)
{
    const run_arg *a = arg;
    run_prep *r = p;
    size_t tl, hl, sl, pl;
    const char *text = item_field(it, PI_TEXT, &tl);
    const char *title = item_field(it, PI_TITLE, &hl);
    const char *source = item_field(it, PI_SOURCE, &sl);
    const char *pub = item_field(it, PI_PUBLISHED, &pl);
    int rc = sl_dedup_prepare(r->dedup, a->dedup, text, tl, title, hl, source, sl);
    if (!rc) rc = sl_story_prepare(r->story, text, tl, title, hl);
    if (!rc && is_new(it))
        rc = sl_facts_extract(a->facts, r->facts, text, tl, title, hl, pub, pl);
    return rc;
}

/* Shards and MPI (cli/dist.h): the three prepared parts, one after the
 * other; a stored document fed again has no facts, and none are saved. */
static int save_prep(const void *p, sl_buf *out)
{
    const run_prep *r = p;
    int rc = sl_dist_put_dedup_doc(out, r->dedup);
    if (!rc) rc = sl_dist_put_story_doc(out, r->story);
    if (!rc) rc = sl_dist_put_facts_doc(out, r->facts);
    return rc;
}

static int load_prep(void *p, sl_dist_dec *in)
{
    run_prep *r = p;
    int rc = sl_dist_get_dedup_doc(in, r->dedup);
    if (!rc) rc = sl_dist_get_story_doc(in, r->story);
    if (!rc) rc = sl_dist_get_facts_doc(in, r->facts);
    return rc;
}

const pool_ops run_pool_ops = { new_prep, free_prep, prepare, save_prep, load_prep };

/* ------------------------------------------------------------ queueing */

static bool seen_recently(run_state *s, const uint8_t hash[16])
{
    size_t n = s->n_recent < RUN_RECENT ? s->n_recent : RUN_RECENT;
    for (size_t i = 0; i < n; i++)
        if (memcmp(s->recent[i], hash, 16) == 0)
            return true;
    return false;
}

/* Clean the document (in input order: the cleaner learns each outlet's
 * boilerplate as it goes), pack what will be stored, and queue it.  A
 * document already stored, or queued earlier in this run, is skipped
 * before it is cleaned, so a resumed run cleans what an uninterrupted one
 * would. */
static int queue_doc(void *state, const sl_doc *doc)
{
    run_state *s = state;
    sl_store_doc d;
    memset(&d, 0, sizeof d);
    sl_store_hash(doc, d.hash);
    /* sharded or MPI: this process may not write the store (cli/dist.h) */
    bool dist = dist_get_mode() != DIST_OFF;
    int have = seen_recently(s, d.hash) ? 1
               : dist                   ? dist_seen(d.hash)
                                        : sl_store_has_hash(s->store, d.hash);
    if (have < 0) {
        cli_error("%s", sl_errmsg(s->ctx));
        return EXIT_IO;
    }
    if (have) {
        s->job->skipped++;
        return EXIT_OK;
    }
    memcpy(s->recent[s->n_recent++ % RUN_RECENT], d.hash, 16);
    const sl_clean_result *r;
    sl_str text, title;
    int rc = cli_stage_text(s->cleaner, s->job->no_clean, doc, &text, &title, &r);
    if (rc) {
        cli_error("%s:%llu: %s", doc->origin, (unsigned long long)doc->line, sl_errmsg(s->ctx));
        return cli_exit_for(rc);
    }
    d.id = doc->id;
    d.source = doc->source;
    d.url = doc->url;
    d.title_given = doc->title;
    d.published_given = doc->published;
    d.raw_text = doc->text;
    d.text = text;
    d.title = title;
    d.origin = (sl_str){ doc->origin, strlen(doc->origin) };
    d.line = doc->line;
    d.cleaned = r != NULL;
    if (r) {
        d.byline = r->byline.text;
        d.repairs = r->repairs, d.n_repairs = r->n_repairs;
        d.removed = r->removed, d.n_removed = r->n_removed;
        d.map = r->map, d.n_map = r->n_map;
    }
    const char *packed;
    size_t len;
    if (sl_store_pack_doc(s->store, &d, &packed, &len)) {
        cli_error("%s", sl_errmsg(s->ctx));
        return EXIT_IO;
    }
    if (dist && dist_remember(d.hash) != 0) {
        cli_error("out of memory");
        return EXIT_IO;
    }
    return batch_push(pool_fill(&s->pool), doc, text, title, (sl_str){ "n", 1 },
                      (sl_str){ packed, len }, 0)
               ? EXIT_OK
               : EXIT_IO;
}

/* ------------------------------------------------------------- storing */

/* The date the story stage gets, as `storyline facts | storyline stories`
 * gives it: the inferred interval "earliest/latest" (".." for an open
 * side) when facts found one, else the given date. */
static sl_str story_date(run_state *s, const sl_facts_doc *f, sl_str given)
{
    const sl_fact_published *p = sl_facts_published(f);
    if (!p || (!p->earliest[0] && !p->latest[0]))
        return given;
    snprintf(s->date_buf, sizeof s->date_buf, "%s/%s", p->earliest[0] ? p->earliest : "..",
             p->latest[0] ? p->latest : "..");
    return (sl_str){ s->date_buf, strlen(s->date_buf) };
}

/* The id of the earlier document a new one repeats, for the story stage. */
static sl_str dup_of(run_state *s, uint64_t doc, sl_dup *dup)
{
    if (sl_dedup_result(s->dedup, doc, dup) || dup->of == UINT64_MAX)
        return (sl_str){ NULL, 0 };
    size_t len;
    const char *id = sl_dedup_id(s->dedup, dup->of, &len);
    return (sl_str){ id, len };
}

/* Index one document in both indexes; *a gets its story assignment. */
static int index_doc(run_state *s, const pool_item *it, sl_str date, sl_dup *dup,
                     sl_story_assignment *a)
{
    const run_prep *p = it->prep;
    size_t il, pl;
    const char *id = item_field(it, PI_ID, &il), *pub = item_field(it, PI_PUBLISHED, &pl);
    uint64_t doc = sl_dedup_count(s->dedup);
    int rc = sl_dedup_add(s->dedup, id, il, pub, pl, p->dedup);
    sl_str of = { NULL, 0 };
    if (!rc)
        of = dup_of(s, doc, dup);
    if (!rc) rc = sl_story_add(s->stories, id, il, date.ptr, date.len, of.ptr, of.len, p->story);
    if (!rc) rc = sl_story_result(s->stories, doc, a);
    return rc;
}

static int cluster_keys(run_state *s, const sl_story_assignment *a, uint64_t *event,
                        uint64_t *story)
{
    sl_story_cluster ev, st;
    int rc = sl_story_event(s->stories, a->event, &ev);
    if (!rc) rc = sl_story_story(s->stories, ev.story, &st);
    if (!rc) {
        *event = ev.first_doc;
        *story = st.first_doc;
    }
    return rc;
}

/* A stored document fed again: it must land where it did before. */
static int add_stored(run_state *s, const pool_item *it)
{
    size_t rl;
    const char *rec = item_field(it, PI_RECORD, &rl);
    sl_store_doc d;
    sl_dup dup;
    sl_story_assignment a;
    uint64_t event, story;
    int rc = sl_store_unpack_doc(s->store, rec, rl, &d);
    if (!rc) rc = index_doc(s, it, d.story_date, &dup, &a);
    if (!rc) rc = cluster_keys(s, &a, &event, &story);
    if (!rc && (event != d.event || story != d.story))
        s->job->mismatched++;
    return rc;
}

static int add_new(run_state *s, const pool_item *it)
{
    size_t rl;
    const char *rec = item_field(it, PI_RECORD, &rl);
    const run_prep *p = it->prep;
    sl_store_doc d;
    sl_dup dup;
    sl_story_assignment a;
    uint64_t doc = s->next_doc;
    int rc = sl_store_unpack_doc(s->store, rec, rl, &d);
    if (rc)
        return rc;
    const sl_fact_published *pub = sl_facts_published(p->facts);
    d.story_date = story_date(s, p->facts, d.published_given);
    d.date = pub && pub->value[0] ? (sl_str){ pub->value, strlen(pub->value) } : (sl_str){ "", 0 };
    rc = index_doc(s, it, d.story_date, &dup, &a);
    if (!rc) rc = cluster_keys(s, &a, &d.event, &d.story);
    d.score = cli_round4(a.score);
    if (!rc) rc = sl_store_add_doc(s->store, doc, &d);
    if (!rc) rc = sl_store_add_facts(s->store, doc, p->facts, d.text.ptr, d.text.len);
    if (!rc) rc = sl_store_put_dup(s->store, doc, &dup) < 0 ? sl_errcode(s->ctx) : SL_OK;
    if (!rc && !run_touch(s, a.event))
        rc = SL_ENOMEM;
    if (!rc) {
        s->next_doc++;
        s->job->added++;
    }
    return rc;
}

static bool has_new(const pool_batch *b)
{
    for (size_t k = 0; k < b->n; k++)
        if (is_new(&b->items[k]))
            return true;
    return false;
}

static int fail_batch(run_state *s, int rc)
{
    if (rc != SL_ENOMEM || sl_errcode(s->ctx) == SL_ENOMEM)
        cli_error("%s", sl_errmsg(s->ctx));
    else
        cli_error("out of memory");
    sl_store_rollback(s->store);
    return EXIT_IO;
}

/* Index and store the prepared documents of b in input order: one
 * transaction, with the run's progress, so a batch is there whole or not
 * at all (a pool_add_fn). */
int run_add_batch(void *state, pool_batch *b)
{
    run_state *s = state;
    bool writes = has_new(b);
    int rc = writes ? sl_store_begin(s->store) : SL_OK;
    if (rc)
        return fail_batch(s, rc);
    s->n_touched = 0;
    for (size_t k = 0; k < b->n; k++) {
        pool_item *it = &b->items[k];
        bool fresh = is_new(it);
        if (it->rc && fresh) {
            pool_reject(it, it->err, it->rc, &s->job->rejected, &s->status);
            continue;
        }
        if (it->rc) {
            cli_error("a stored document could not be read again: %s", it->err);
            return fail_batch(s, it->rc);
        }
        rc = fresh ? add_new(s, it) : add_stored(s, it);
        if (rc)
            return fail_batch(s, rc);
    }
    if (!writes)
        return EXIT_OK;
    rc = run_put_touched(s);
    if (!rc) rc = sl_store_run_progress(s->store, s->run, s->job->added, s->job->skipped,
                                        s->job->rejected, 0);
    if (!rc) rc = sl_store_commit(s->store);
    return rc ? fail_batch(s, rc) : EXIT_OK;
}

/* ------------------------------------------------------------- the run */

static int load_facts(run_state *s)
{
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    o.ner_model = s->job->ner_model;
    o.time_rules = s->job->time_rules;
    int rc = sl_facts_new(s->ctx, &s->facts, &o);
    if (rc == SL_OK)
        return EXIT_OK;
    cli_error("cannot load the models: %s", sl_errmsg(s->ctx));
    return rc == SL_EINVAL ? EXIT_USAGE : EXIT_IO;
}

static int open_state(run_state *s)
{
    sl_clean_options clean = SL_CLEAN_OPTIONS_INIT;
    if (sl_ctx_new(&s->ctx, NULL) || sl_reader_new(s->ctx, &s->reader, &s->job->reader) ||
        sl_cleaner_new(s->ctx, &s->cleaner, &clean)) {
        cli_error("%s", s->ctx ? sl_errmsg(s->ctx) : "out of memory");
        return EXIT_IO;
    }
    int rc = sl_dedup_new(s->ctx, &s->dedup, &s->job->dedup);
    if (!rc) rc = sl_story_new(s->ctx, &s->stories, &s->job->story);
    if (rc) {
        cli_error("%s", sl_errmsg(s->ctx));
        return rc == SL_EINVAL ? EXIT_USAGE : EXIT_IO;
    }
    int status = load_facts(s);
    if (status == EXIT_OK)
        status = run_open_store(s);
    if (status != EXIT_OK)
        return status;
    s->arg = (run_arg){ &s->job->dedup, &s->job->story, s->facts };
    return pool_open(&s->pool, s->job->threads, &run_pool_ops, &s->arg) ? EXIT_OK : EXIT_IO;
}

static void close_state(run_state *s)
{
    pool_close(&s->pool);
    sl_store_close(s->store);
    sl_facts_free(s->facts);
    sl_story_free(s->stories);
    sl_dedup_free(s->dedup);
    sl_cleaner_free(s->cleaner);
    sl_reader_free(s->reader);
    free(s->touched);
    sl_ctx_free(s->ctx);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int read_new(run_state *s)
{
    pool_stream st = { s->ctx, s->reader, s->job->quiet, &s->job->added, &s->job->rejected,
                       &s->status, queue_doc, run_add_batch, s };
    return pool_read_all(&s->pool, &st);
}

/* Sharded or MPI (cli/dist.h): a process that does not write the results
 * keeps an empty store in memory, and the one that does starts a new store
 * (the others cannot see what an old one holds). */
static int dist_prepare(run_state *s)
{
    if (dist_get_mode() == DIST_OFF)
        return EXIT_OK;
    if (s->next_doc) {
        cli_error("'%s' holds %llu documents: a run with --shard, merge or mpiexec starts a new "
                  "store (add to this one without them)", s->job->db,
                  (unsigned long long)s->next_doc);
        return EXIT_USAGE;
    }
    char text[8192];
    int n = snprintf(text, sizeof text, "run %d %s %s", s->job->no_clean, s->job->ner_model,
                     s->job->time_rules);
    uint64_t h = dist_hash(text, n < (int)sizeof text ? (size_t)n : sizeof text - 1, 0);
    /* the options that decide ids are the store's (run_check_options) */
    sl_store_meta_get(s->store, "options", text, sizeof text);
    dist_set_stage(DIST_STAGE_RUN, dist_hash(text, strlen(text), h), false);
    dist_count_skipped(&s->job->skipped);
    return EXIT_OK;
}

int run_pipeline(run_job *job, int argc, char **argv, int first)
{
    double t0 = now_seconds();
    /* a map step's intermediate (cli_open_output hands it to cli/dist.c) */
    FILE *sink = dist_get_mode() == DIST_MAP ? cli_open_output(job->output) : NULL;
    if (dist_get_mode() == DIST_MAP && !sink)
        return EXIT_IO;
    if (!dist_writes_results())
        job->db = ":memory:";
    run_state *s = calloc(1, sizeof *s);
    if (!s) {
        cli_error("out of memory");
        return EXIT_IO;
    }
    s->job = job;
    int status = open_state(s);
    if (status == EXIT_OK)
        status = run_check_options(s);
    if (status == EXIT_OK)
        status = dist_prepare(s);
    if (status == EXIT_OK) {
        double t = now_seconds();
        status = run_rebuild(s);
        job->rebuild_seconds = now_seconds() - t;
    }
    if (status == EXIT_OK) {
        status = cli_add_inputs(s->ctx, s->reader, argc, argv, first);
        int read_status = read_new(s);
        status = cli_worse(status, read_status);
        if (!s->pool.stopped && run_finish(s) != EXIT_OK)
            status = EXIT_IO;
    }
    close_state(s);
    free(s);
    if (sink)
        status = cli_close_output(sink, NULL, status);
    job->total_seconds = now_seconds() - t0;
    return status;
}
