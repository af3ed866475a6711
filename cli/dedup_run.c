/* storyline dedup: read, clean, index, then write each document with its
 * relation once it is final. */
#include "dedup_batch.h"
#include "dedup_spill.h"

#include <stdlib.h>
#include <string.h>

typedef struct dedup_state {
    sl_ctx *ctx;
    sl_reader *reader;
    sl_cleaner *cleaner;
    sl_out *out;
    sl_dedup *d;
    dd_pool pool;
    dd_batch *fill;      /* being read into */
    dd_batch *busy;      /* being prepared, then indexed; or NULL */
    uint64_t *item_of;   /* document number -> its kept item */
    size_t cap_item_of;
    uint64_t kept;       /* items kept so far */
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

static int open_state(dedup_state *s, dedup_job *job)
{
    sl_clean_options clean = SL_CLEAN_OPTIONS_INIT;
    if (sl_ctx_new(&s->ctx, NULL) || sl_reader_new(s->ctx, &s->reader, &job->reader) ||
        sl_cleaner_new(s->ctx, &s->cleaner, &clean) || sl_out_new(s->ctx, &s->out) ||
        sl_dedup_new(s->ctx, &s->d, &job->dedup)) {
        cli_error("%s", s->ctx ? sl_errmsg(s->ctx) : "out of memory");
        return EXIT_IO;
    }
    if (!pool_open(&s->pool, job->threads, &job->dedup))
        return EXIT_IO;
    s->fill = &s->pool.slots[0];
    if ((job->pairs || !job->summary) && !spill_open(job->pairs ? &s->texts : &s->records))
        return EXIT_IO;
    return EXIT_OK;
}

/* The text to compare: cleaned here, unless the record went through
 * `storyline clean` already (it has "repairs") or --no-clean says so.
 * *r is NULL when the text is the input's own. */
static int compared_text(dedup_state *s, const dedup_job *job, const sl_doc *doc, sl_str *text,
                         sl_str *title, const sl_clean_result **r)
{
    *r = NULL;
    *text = doc->text;
    *title = doc->title;
    if (job->no_clean || sl_doc_has_field(doc, "repairs"))
        return SL_OK;
    int rc = sl_clean(s->cleaner, doc->text.ptr, doc->text.len, doc->source.ptr, doc->source.len, r);
    if (rc)
        return rc;
    *text = (*r)->text;
    if ((*r)->title.text.len) {
        *title = (*r)->title.text;
        return SL_OK;
    }
    return sl_clean_field(s->cleaner, doc->title.ptr, doc->title.len, title);
}

/* The record as it will be written, less its closing brace: "dup" goes
 * after it once known. */
static bool keep_record(dedup_state *s, const sl_doc *doc)
{
    static const char *const replaced[] = { "dup", NULL };
    const char *line;
    size_t len;
    sl_out_reset(s->out);
    if (sl_out_begin_doc(s->out, doc, replaced) || sl_out_finish(s->out, &line, &len)) {
        cli_error("%s", sl_errmsg(s->ctx));
        return false;
    }
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '}'))
        len--;
    return spill_put(&s->records, line, len) && spill_end_item(&s->records);
}

/* With --pairs: the compared text and the map back to the input text. */
static bool keep_text(dedup_state *s, const sl_str *text, const sl_clean_result *r)
{
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

/* Clean the document, keep what will be written, and queue it. */
static int queue_doc(dedup_state *s, dedup_job *job, const sl_doc *doc)
{
    sl_str text, title;
    const sl_clean_result *r;
    int rc = compared_text(s, job, doc, &text, &title, &r);
    if (rc) {
        cli_error("%s:%llu: %s", doc->origin, (unsigned long long)doc->line, sl_errmsg(s->ctx));
        return cli_exit_for(rc);
    }
    bool kept = job->pairs ? keep_text(s, &text, r) : job->summary ? true : keep_record(s, doc);
    if (!kept || !batch_push(s->fill, doc, text, title, s->kept++))
        return EXIT_IO;
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

/* Add the prepared documents of b in input order. */
static int add_batch(dedup_state *s, dedup_job *job, dd_batch *b, FILE *out, int *status)
{
    for (size_t k = 0; k < b->n; k++) {
        dd_item *it = &b->items[k];
        size_t il, pl, ol;
        const char *id = item_field(it, DD_ID, &il), *pub = item_field(it, DD_PUBLISHED, &pl);
        const char *origin = item_field(it, DD_ORIGIN, &ol);
        int rc = it->rc ? it->rc : sl_dedup_add(s->d, id, il, pub, pl, it->prep);
        if (rc) {
            cli_error("%s:%llu: %s", origin, (unsigned long long)it->line,
                      it->rc ? it->err : sl_errmsg(s->ctx));
            job->rejected++;
            *status = cli_worse(*status, cli_exit_for(rc));
            continue;
        }
        if (!remember_item(s, sl_dedup_count(s->d) - 1, it->spill_item))
            return EXIT_IO;
        job->docs++;
        if (job->dedup.window && !emit_ready(s, job, out, false))
            return EXIT_IO;
    }
    b->n = 0;
    return EXIT_OK;
}

/* The filled batch goes to the workers; the one they prepared before is
 * indexed meanwhile, and becomes the next to fill. */
static int rotate(dedup_state *s, dedup_job *job, FILE *out, int *status)
{
    dd_batch *done = s->busy;
    if (done)
        pool_wait(&s->pool);
    pool_start(&s->pool, s->fill);
    s->busy = s->fill;
    s->fill = s->fill == &s->pool.slots[0] ? &s->pool.slots[1] : &s->pool.slots[0];
    return done ? add_batch(s, job, done, out, status) : EXIT_OK;
}

/* Index what is left at the end of the input. */
static int drain(dedup_state *s, dedup_job *job, FILE *out, int *status)
{
    if (s->fill->n && rotate(s, job, out, status) != EXIT_OK)
        return EXIT_IO;
    if (!s->busy)
        return EXIT_OK;
    pool_wait(&s->pool);
    dd_batch *last = s->busy;
    s->busy = NULL;
    return add_batch(s, job, last, out, status);
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

static int read_all(dedup_state *s, dedup_job *job, FILE *out)
{
    int status = EXIT_OK;
    cli_progress progress;
    cli_progress_init(&progress);
    for (;;) {
        sl_doc doc;
        int rc = sl_reader_next(s->reader, &doc);
        if (rc == SL_EOF)
            break;
        if (rc != SL_OK) {
            job->rejected++;
            cli_read_error(s->ctx, rc, job->quiet, &status);
            continue;
        }
        int st = queue_doc(s, job, &doc);
        if (st == EXIT_IO)
            return EXIT_IO;
        if (st != EXIT_OK) {
            job->rejected++;
            status = cli_worse(status, st);
            continue;
        }
        if (s->fill->n == DD_BATCH && rotate(s, job, out, &status) != EXIT_OK)
            return EXIT_IO;
        cli_progress_update(&progress, job->docs, sl_reader_bytes(s->reader));
    }
    if (drain(s, job, out, &status) != EXIT_OK)
        return EXIT_IO;
    cli_progress_done(&progress);
    return status;
}

int dedup_run(dedup_job *job, int argc, char **argv, int first, FILE *out)
{
    dedup_state s;
    memset(&s, 0, sizeof s);
    int status = open_state(&s, job);
    if (status != EXIT_OK) {
        close_state(&s);
        return status;
    }
    status = cli_add_inputs(s.ctx, s.reader, argc, argv, first); /* the others are still read */
    int read_status = read_all(&s, job, out);
    status = read_status == EXIT_IO ? EXIT_IO : cli_worse(status, read_status);
    if (read_status != EXIT_IO && !emit_ready(&s, job, out, true))
        status = EXIT_IO;
    if (read_status != EXIT_IO && job->pairs)
        status = cli_worse(status, dedup_write_pairs(job, s.ctx, s.d, &s.texts, s.item_of, out));
    if (read_status != EXIT_IO && job->summary)
        print_summary(out, &s, job);
    close_state(&s);
    return status;
}
