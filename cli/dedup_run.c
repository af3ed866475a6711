/* storyline dedup: read, clean, index, then write each document with its
 * relation once it is final. */
#include "pool.h"
#include "dedup_spill.h"
#include "dist.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

typedef struct dedup_state {
    sl_ctx *ctx;
    sl_reader *reader;
    sl_cleaner *cleaner;
    sl_out *out;
    sl_dedup *d;
    pool pool;
    dedup_job *job;
    FILE *dest;          /* where documents go */
    int status;
    uint64_t *item_of;   /* document number -> its kept item */
    size_t cap_item_of;
    uint64_t kept;       /* items kept so far (--pairs: texts; else records) */
    spill records;   /* output records without their closing brace */
    spill texts;     /* --pairs: compared text and clean map */
    uint64_t emitted;
    char *buf;
    size_t cap;
    uint64_t by_relation[5];
} dedup_state;

static void close_state(dedup_state *s)
{
    spill_close(&s->records);
    spill_close(&s->texts);
    free(s->buf);
    pool_close(&s->pool);
    free(s->item_of);
    sl_dedup_free(s->d);
    sl_out_free(s->out);
    sl_cleaner_free(s->cleaner);
    sl_reader_free(s->reader);
    sl_ctx_free(s->ctx);
}

/* A record's preparation: its text cleaned on the pool, then shingled. */
typedef struct dedup_prep {
    pool_clean pc; /* first: pool_clean_settle finds it there */
    sl_dedup_doc *doc;
} dedup_prep;

static void dedup_free_prep(void *prep)
{
    dedup_prep *p = prep;
    pool_clean_release(&p->pc);
    sl_dedup_doc_free(p->doc);
    free(p);
}

static int dedup_new_prep(sl_ctx *ctx, const void *arg, void **prep)
{
    (void)arg;
    dedup_prep *p = calloc(1, sizeof *p);
    if (!p)
        return SL_ENOMEM;
    int rc = pool_clean_init(ctx, &p->pc);
    if (!rc) rc = sl_dedup_doc_new(ctx, &p->doc);
    if (rc) {
        dedup_free_prep(p);
        return rc;
    }
    *prep = p;
    return SL_OK;
}

/* Phase 1: the cleaning's analysis, for every record. */
static int dedup_analyze(void *prep, const pool_item *it, const void *arg)
{
    (void)arg;
    dedup_prep *p = prep;
    return pool_clean_analyze(&p->pc, it);
}

/* Phase 2, this process's records: the cleaned text, shingled. */
static int dedup_prepare(void *prep, const pool_item *it, const void *arg)
{
    dedup_prep *p = prep;
    sl_str text, title;
    size_t sl;
    const char *source = item_field(it, PI_SOURCE, &sl);
    int rc = pool_clean_text(&p->pc, it, &text, &title);
    return rc ? rc : sl_dedup_prepare(p->doc, arg, text.ptr, text.len, title.ptr, title.len,
                                      source, sl);
}

static int dedup_save(const void *prep, struct sl_buf *out)
{
    return dist_save_dedup(((const dedup_prep *)prep)->doc, out);
}

static int dedup_load(void *prep, struct sl_dist_dec *in)
{
    return dist_load_dedup(((dedup_prep *)prep)->doc, in);
}

static int dedup_settle(void *state, pool_batch *b);

static int open_state(dedup_state *s, dedup_job *job)
{
    sl_clean_options clean = SL_CLEAN_OPTIONS_INIT;
    if (sl_ctx_new(&s->ctx, NULL) || sl_reader_new(s->ctx, &s->reader, &job->reader) ||
        sl_cleaner_new(s->ctx, &s->cleaner, &clean) || sl_out_new(s->ctx, &s->out) ||
        sl_dedup_new(s->ctx, &s->d, &job->dedup)) {
        cli_error("%s", s->ctx ? sl_errmsg(s->ctx) : "out of memory");
        return EXIT_IO;
    }
    static const pool_ops ops = { dedup_new_prep, dedup_free_prep, dedup_analyze, dedup_save,
                                  dedup_load };
    static const pool_phases phases = { dedup_settle, dedup_prepare };
    if (!pool_open_phases(&s->pool, job->threads, &ops, &phases, &job->dedup, s))
        return EXIT_IO;
    if ((job->pairs || !job->summary) && !spill_open(job->pairs ? &s->texts : &s->records))
        return EXIT_IO;
    return EXIT_OK;
}

/* The record as it will be written, less its closing brace: "dup" goes
 * after it once known.  It travels with the document (PI_RECORD) and is
 * spilled when the document is added, so a shard's intermediate file
 * carries it too (cli/dist.h). */
static bool record_of(dedup_state *s, const sl_doc *doc, sl_str *rec)
{
    static const char *const replaced[] = { "dup", NULL };
    const char *line;
    size_t len;
    sl_out_reset(s->out);
    if (sl_out_begin_doc(s->out, doc, replaced) || sl_out_finish(s->out, &line, &len)) {
        cli_error("%s", sl_errmsg(s->ctx));
        return false;
    }
    /* exactly one closing brace: the last field may be an object too */
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '}')
        len--;
    *rec = (sl_str){ line, len };
    return true;
}

/* Spill an added document's record; *item is its number in the spill. */
static bool keep_record(dedup_state *s, const pool_item *it, uint64_t *item)
{
    size_t len;
    const char *rec = item_field(it, PI_RECORD, &len);
    *item = s->kept++;
    return spill_put(&s->records, rec, len) && spill_end_item(&s->records);
}

/* With --pairs: the compared text and the map back to the input text
 * (the cleaned one, or the text as given). */
static bool keep_text(dedup_state *s, const pool_item *it)
{
    const dedup_prep *p = it->prep;
    const sl_clean_result *r = p->pc.r;
    sl_str given;
    given.ptr = item_field(it, PI_TEXT, &given.len);
    const sl_str *text = r ? &r->text : &given;
    uint64_t len = text->len, n_map = r ? r->n_map : 0;
    return spill_put(&s->texts, &len, sizeof len) && spill_put(&s->texts, &n_map, sizeof n_map) &&
           spill_put(&s->texts, text->ptr, text->len) &&
           spill_put(&s->texts, r ? (const void *)r->map : "", n_map * sizeof(sl_map_seg)) &&
           spill_end_item(&s->texts);
}

static int write_dup(dedup_state *s, sl_out *o, uint64_t i)
{
    sl_dup dup;
    int rc = sl_dedup_result(s->d, i, &dup);
    size_t len;
    const char *id = sl_dedup_id(s->d, dup.cluster, &len);
    if (!rc) rc = sl_out_key(o, "dup");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "cluster");
    if (!rc) rc = sl_out_string(o, id, len);
    if (!rc) rc = sl_out_key(o, "relation");
    if (!rc) rc = sl_out_string(o, sl_dup_relation_name(dup.relation),
                                strlen(sl_dup_relation_name(dup.relation)));
    if (!rc) rc = sl_out_key(o, "of");
    if (!rc && dup.of == UINT64_MAX)
        rc = sl_out_null(o);
    else if (!rc) {
        id = sl_dedup_id(s->d, dup.of, &len);
        rc = sl_out_string(o, id, len);
    }
    if (!rc) rc = sl_out_key(o, "similarity");
    if (!rc) rc = sl_out_double(o, cli_round4(dup.similarity));
    if (!rc) rc = sl_out_end_object(o);
    if (!rc) s->by_relation[dup.relation]++;
    return rc;
}

/* Write document i: its kept record, then ", "dup": {...}}". */
static bool emit(dedup_state *s, const dedup_job *job, uint64_t i, FILE *out)
{
    const char *tail;
    size_t tail_len, len;
    sl_out_reset(s->out);
    int rc = sl_out_begin_object(s->out);
    if (!rc) rc = write_dup(s, s->out, i);
    if (!rc) rc = sl_out_finish(s->out, &tail, &tail_len);
    if (rc) {
        cli_error("%s", sl_errmsg(s->ctx));
        return false;
    }
    if (job->summary)
        return true;
    if (!spill_get(&s->records, (size_t)s->item_of[i], &s->buf, &s->cap, &len))
        return false;
    return cli_write(out, s->buf, len) && cli_write(out, ", ", 2) &&
           cli_write(out, tail + 1, tail_len - 1);
}

static bool emit_ready(dedup_state *s, const dedup_job *job, FILE *out, bool all)
{
    uint64_t n = sl_dedup_count(s->d);
    uint64_t ready = all ? n : (n > job->dedup.window ? n - job->dedup.window : 0);
    for (; s->emitted < ready; s->emitted++)
        if (!job->pairs && !emit(s, job, s->emitted, out))
            return false;
    return true;
}

/* Keep what will be written and queue the document; it is cleaned on
 * the pool. */
static int queue_doc(dedup_state *s, dedup_job *job, const sl_doc *doc)
{
    pool_batch *b = pool_fill(&s->pool);
    pool_clean_queue(b->items[b->n].prep, job->no_clean, doc);
    sl_str rec = { "", 0 };
    if (!job->pairs && !job->summary && !record_of(s, doc, &rec))
        return EXIT_IO;
    if (!batch_push(b, doc, doc->text, doc->title, (sl_str){ "", 0 }, rec, 0))
        return EXIT_IO;
    return EXIT_OK;
}

/* In input order between the phases: the cleaner's line memory. */
static int dedup_settle(void *state, pool_batch *b)
{
    dedup_state *s = state;
    pool_clean_settle(s->cleaner, s->ctx, b);
    return EXIT_OK;
}

static bool remember_item(dedup_state *s, uint64_t i, uint64_t item)
{
    if (i >= s->cap_item_of) {
        size_t cap = s->cap_item_of ? 2 * s->cap_item_of : 1024;
        uint64_t *p = realloc(s->item_of, cap * sizeof *p);
        if (!p) {
            cli_error("out of memory");
            return false;
        }
        s->item_of = p;
        s->cap_item_of = cap;
    }
    s->item_of[i] = item;
    return true;
}

/* Add the prepared documents of b in input order (a pool_add_fn). */
static int add_batch(void *state, pool_batch *b)
{
    dedup_state *s = state;
    dedup_job *job = s->job;
    for (size_t k = 0; k < b->n; k++) {
        pool_item *it = &b->items[k];
        size_t il, pl;
        const char *id = item_field(it, PI_ID, &il), *pub = item_field(it, PI_PUBLISHED, &pl);
        dedup_prep *p = it->prep;
        int rc = it->rc ? it->rc : sl_dedup_add(s->d, id, il, pub, pl, p->doc);
        if (rc) {
            pool_reject(it, it->rc ? it->err : sl_errmsg(s->ctx), rc, &job->rejected, &s->status);
            continue;
        }
        uint64_t item = 0;
        if (job->pairs && !(item = s->kept++, keep_text(s, it)))
            return EXIT_IO;
        if (!job->pairs && !job->summary && !keep_record(s, it, &item))
            return EXIT_IO;
        if (!remember_item(s, sl_dedup_count(s->d) - 1, item))
            return EXIT_IO;
        job->docs++;
        if (job->dedup.window && !emit_ready(s, job, s->dest, false))
            return EXIT_IO;
    }
    return EXIT_OK;
}

static void print_summary(FILE *f, const dedup_state *s, const dedup_job *job)
{
    fprintf(f, "documents:   %llu read, %llu rejected\n", (unsigned long long)job->docs,
            (unsigned long long)job->rejected);
    for (int r = SL_DUP_EXACT; r >= SL_DUP_UNIQUE; r--)
        fprintf(f, "%-12s %llu\n", sl_dup_relation_name((sl_dup_relation)r),
                (unsigned long long)s->by_relation[r]);
    fprintf(f, "pairs:       %zu related, %llu candidates verified\n", sl_dedup_pair_count(s->d),
            (unsigned long long)sl_dedup_verified(s->d));
    sl_dedup_memory_use u;
    sl_dedup_memory_parts(s->d, &u);
    double n = job->docs ? (double)job->docs : 1.0;
    fprintf(f, "memory:      %.0f bytes per document: index %.0f, records %.0f, ids %.0f, "
            "pairs %.0f; set cache %.1f MB\n",
            (double)sl_dedup_memory(s->d) / n, (double)u.index / n, (double)u.records / n,
            (double)u.ids / n, (double)u.pairs / n, (double)u.set_cache / 1e6);
}

static int queue_any(void *state, const sl_doc *doc)
{
    dedup_state *s = state;
    return queue_doc(s, s->job, doc);
}

static int read_all(dedup_state *s, dedup_job *job, FILE *out)
{
    s->job = job;
    s->dest = out;
    s->status = EXIT_OK;
    pool_stream st = { s->ctx, s->reader, job->quiet, &job->docs, &job->rejected, &s->status,
                       queue_any, add_batch, s };
    return pool_read_all(&s->pool, &st);
}

/* What the prepared signatures depend on, for shards and merge. */
static uint64_t options_hash(const dedup_job *job)
{
    const sl_dedup_options *o = &job->dedup;
    char text[512];
    int n = snprintf(text, sizeof text, "dedup %d %u %u %u %.17g %.17g %.17g %.17g %.17g %.17g %llu",
                     job->no_clean, o->anchor_rate, o->anchor_cap, o->max_verify, o->near,
                     o->revision, o->revision_titled, o->contained, o->contained_ratio,
                     o->copy_ratio, (unsigned long long)o->window);
    return dist_hash(text, (size_t)n, 0);
}

int dedup_run(dedup_job *job, int argc, char **argv, int first, FILE *out)
{
    if (job->pairs && dist_get_mode() != DIST_OFF)
        return cli_usage_error("--pairs does not run sharded or under mpiexec yet");
    dist_set_stage(DIST_STAGE_DEDUP, options_hash(job), false);
    dedup_state s;
    memset(&s, 0, sizeof s);
    int status = open_state(&s, job);
    if (status != EXIT_OK) {
        close_state(&s);
        return status;
    }
    status = cli_add_inputs(s.ctx, s.reader, argc, argv, first); /* the others are still read */
    int read_status = read_all(&s, job, out);
    status = cli_worse(status, read_status);
    if (!s.pool.stopped && !emit_ready(&s, job, out, true))
        status = EXIT_IO;
    if (!s.pool.stopped && job->pairs)
        status = cli_worse(status, dedup_write_pairs(job, s.ctx, s.d, &s.texts, s.item_of, out));
    if (!s.pool.stopped && job->summary)
        print_summary(out, &s, job);
    close_state(&s);
    return status;
}
