/* storyline facts: read, clean, extract on the pool, then write the
 * documents in input order (each document's facts are its own, so the
 * output does not depend on the number of threads). */
#include "facts.h"
#include "pool.h"
#include "dist.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

typedef struct facts_state {
    sl_ctx *ctx;
    sl_reader *reader;
    sl_cleaner *cleaner;
    sl_out *out;
    sl_facts *facts;
    pool pool;
    facts_job *job;
    FILE *dest;
    int status;
} facts_state;

static int facts_new_prep(sl_ctx *ctx, const void *arg, void **prep)
{
    (void)arg;
    return sl_facts_doc_new(ctx, (sl_facts_doc **)prep);
}

static void facts_free_prep(void *prep)
{
    sl_facts_doc_free(prep);
}

static int facts_prepare(void *prep, const pool_item *it, const void *arg)
{
    size_t tl, hl, pl;
    const char *text = item_field(it, PI_TEXT, &tl);
    const char *title = item_field(it, PI_TITLE, &hl);
    const char *pub = item_field(it, PI_PUBLISHED, &pl);
    return sl_facts_extract(arg, prep, text, tl, title, hl, pub, pl);
}

static void close_state(facts_state *s)
{
    pool_close(&s->pool);
    sl_facts_free(s->facts);
    sl_out_free(s->out);
    sl_cleaner_free(s->cleaner);
    sl_reader_free(s->reader);
    sl_ctx_free(s->ctx);
}

static int load_facts(facts_state *s, const facts_job *job)
{
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    o.ner_model = job->ner_model;
    o.time_rules = job->time_rules;
    o.entities = job->mode == FACTS_ALL;
    o.quotes = job->mode != FACTS_DATES;
    o.timex = o.published = job->mode != FACTS_QUOTES;
    int rc = sl_facts_new(s->ctx, &s->facts, &o);
    if (rc == SL_OK)
        return EXIT_OK;
    cli_error("cannot load the models: %s", sl_errmsg(s->ctx));
    return rc == SL_EINVAL ? EXIT_USAGE : EXIT_IO;
}

static int open_state(facts_state *s, facts_job *job)
{
    static const pool_ops ops = { facts_new_prep, facts_free_prep, facts_prepare,
                                  dist_save_facts, dist_load_facts };
    sl_clean_options clean = SL_CLEAN_OPTIONS_INIT;
    if (sl_ctx_new(&s->ctx, NULL) || sl_reader_new(s->ctx, &s->reader, &job->reader) ||
        sl_cleaner_new(s->ctx, &s->cleaner, &clean) || sl_out_new(s->ctx, &s->out)) {
        cli_error("%s", s->ctx ? sl_errmsg(s->ctx) : "out of memory");
        return EXIT_IO;
    }
    int status = load_facts(s, job);
    if (status != EXIT_OK)
        return status;
    if (!pool_open(&s->pool, job->threads, &ops, s->facts))
        return EXIT_IO;
    return EXIT_OK;
}

/* The record as it will be written, less its closing brace; the fields
 * this command writes (and the text, when it writes the cleaned one) are
 * left out. */
static int record_of(facts_state *s, const sl_doc *doc, bool with_text, sl_str *rec)
{
    const char *replaced[6];
    size_t n = 0;
    if (with_text)
        replaced[n++] = "text";
    if (s->job->mode == FACTS_ALL)
        replaced[n++] = "entities";
    if (s->job->mode != FACTS_DATES)
        replaced[n++] = "quotes";
    if (s->job->mode != FACTS_QUOTES) {
        replaced[n++] = "timex";
        replaced[n++] = "published";
    }
    replaced[n] = NULL;
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

static int queue_doc(void *state, const sl_doc *doc)
{
    facts_state *s = state;
    sl_str text, title, rec = { "", 0 };
    const sl_clean_result *r;
    int rc = cli_stage_text(s->cleaner, s->job->no_clean, doc, &text, &title, &r);
    /* cleaned here: the cleaned text is written, the offsets are into it */
    sl_str with_text = { r ? "t" : "", r ? 1 : 0 };
    if (!rc)
        rc = record_of(s, doc, r != NULL, &rec);
    if (rc) {
        cli_error("%s:%llu: %s", doc->origin, (unsigned long long)doc->line, sl_errmsg(s->ctx));
        return cli_exit_for(rc);
    }
    return batch_push(pool_fill(&s->pool), doc, text, title, with_text, rec, 0) ? EXIT_OK : EXIT_IO;
}

/* ------------------------------------------------------------ writing */

static int write_span(sl_out *o, const char *key, int has, size_t start, size_t end)
{
    int rc = sl_out_key(o, key);
    if (!rc && !has)
        return sl_out_null(o);
    if (!rc) rc = sl_out_begin_array(o);
    if (!rc) rc = sl_out_int(o, (int64_t)start);
    if (!rc) rc = sl_out_int(o, (int64_t)end);
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int write_cstr(sl_out *o, const char *key, const char *s)
{
    int rc = sl_out_key(o, key);
    if (rc)
        return rc;
    return s && s[0] ? sl_out_string(o, s, strlen(s)) : sl_out_null(o);
}

static int write_text_span(sl_out *o, const char *text, size_t start, size_t end)
{
    int rc = sl_out_key(o, "start");
    if (!rc) rc = sl_out_int(o, (int64_t)start);
    if (!rc) rc = sl_out_key(o, "end");
    if (!rc) rc = sl_out_int(o, (int64_t)end);
    if (!rc) rc = sl_out_key(o, "text");
    if (!rc) rc = sl_out_string(o, text + start, end - start);
    return rc;
}

static int write_entities(sl_out *o, const sl_facts_doc *d, const char *text)
{
    const sl_fact_entity *e;
    size_t n = sl_facts_entities(d, &e);
    int rc = sl_out_key(o, "entities");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < n && !rc; i++) {
        rc = sl_out_begin_object(o);
        if (!rc) rc = write_text_span(o, text, e[i].start, e[i].end);
        if (!rc) rc = write_cstr(o, "type", e[i].type);
        if (!rc) rc = write_cstr(o, "canonical", e[i].canonical);
        if (!rc) rc = write_cstr(o, "role", e[i].role);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int write_quotes(sl_out *o, const sl_facts_doc *d)
{
    const sl_fact_quote *q;
    size_t n = sl_facts_quotes(d, &q);
    int rc = sl_out_key(o, "quotes");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < n && !rc; i++) {
        rc = sl_out_begin_object(o);
        if (!rc) rc = write_span(o, "content", 1, q[i].content_start, q[i].content_end);
        if (!rc) rc = write_cstr(o, "speaker", q[i].speaker);
        if (!rc) rc = write_span(o, "source", q[i].has_source, q[i].source_start, q[i].source_end);
        if (!rc) rc = write_span(o, "cue", q[i].has_cue, q[i].cue_start, q[i].cue_end);
        if (!rc) rc = write_cstr(o, "kind", q[i].kind);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int write_timex(sl_out *o, const sl_facts_doc *d, const char *text)
{
    const sl_fact_timex *t;
    size_t n = sl_facts_timexes(d, &t);
    int rc = sl_out_key(o, "timex");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < n && !rc; i++) {
        rc = sl_out_begin_object(o);
        if (!rc) rc = write_text_span(o, text, t[i].start, t[i].end);
        if (!rc) rc = write_cstr(o, "type", t[i].type);
        if (!rc) rc = write_cstr(o, "value", t[i].value);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int write_evidence(sl_out *o, const sl_fact_evidence *e)
{
    int rc = sl_out_begin_object(o);
    if (!rc) rc = write_cstr(o, "kind", e->kind);
    if (!rc) rc = sl_out_key(o, "start");
    if (!rc) rc = sl_out_int(o, (int64_t)e->start);
    if (!rc) rc = sl_out_key(o, "end");
    if (!rc) rc = sl_out_int(o, (int64_t)e->end);
    if (!rc) rc = write_cstr(o, "text", e->text);
    if (!rc) rc = write_cstr(o, "earliest", e->earliest);
    if (!rc) rc = write_cstr(o, "latest", e->latest);
    if (!rc) rc = sl_out_key(o, "used");
    if (!rc) rc = sl_out_bool(o, e->used);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int write_published(sl_out *o, const sl_facts_doc *d)
{
    const sl_fact_published *p = sl_facts_published(d);
    int rc = sl_out_key(o, "published");
    if (!rc && !p)
        return sl_out_null(o);
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = write_cstr(o, "value", p->value);
    if (!rc) rc = write_cstr(o, "earliest", p->earliest);
    if (!rc) rc = write_cstr(o, "latest", p->latest);
    if (!rc) rc = sl_out_key(o, "given");
    if (!rc) rc = sl_out_bool(o, p->given);
    if (!rc) rc = sl_out_key(o, "contradicted");
    if (!rc) rc = sl_out_bool(o, p->contradicted);
    if (!rc) rc = sl_out_key(o, "evidence");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < p->n_evidence; i++)
        rc = write_evidence(o, &p->evidence[i]);
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

/* The fields this command adds, as one object "{...}". */
static int facts_object(facts_state *s, const pool_item *it, const char **tail, size_t *len)
{
    size_t tl, wl;
    const char *text = item_field(it, PI_TEXT, &tl);
    item_field(it, PI_EXTRA, &wl);
    const sl_facts_doc *d = it->prep;
    sl_out *o = s->out;
    facts_mode mode = s->job->mode;
    sl_out_reset(o);
    int rc = sl_out_begin_object(o);
    if (!rc && wl) {
        rc = sl_out_key(o, "text");
        if (!rc) rc = sl_out_string(o, text, tl);
    }
    if (!rc && mode == FACTS_ALL) rc = write_entities(o, d, text);
    if (!rc && mode != FACTS_DATES) rc = write_quotes(o, d);
    if (!rc && mode != FACTS_QUOTES) rc = write_timex(o, d, text);
    if (!rc && mode != FACTS_QUOTES) rc = write_published(o, d);
    if (!rc) rc = sl_out_end_object(o);
    if (!rc) rc = sl_out_finish(o, tail, len);
    return rc;
}

static int write_doc(facts_state *s, const pool_item *it)
{
    size_t rl, tail_len;
    const char *rec = item_field(it, PI_RECORD, &rl);
    const char *tail;
    if (facts_object(s, it, &tail, &tail_len)) {
        cli_error("%s", sl_errmsg(s->ctx));
        return EXIT_IO;
    }
    /* the record without its brace, then ", " and the fields less "{" */
    bool empty = rl <= 1; /* "{" alone: a record with no fields */
    return cli_write(s->dest, rec, rl) && (empty || cli_write(s->dest, ", ", 2)) &&
                   cli_write(s->dest, tail + 1, tail_len - 1)
               ? EXIT_OK
               : EXIT_IO;
}

/* Write the documents of b in input order (a pool_add_fn). */
static int add_batch(void *state, pool_batch *b)
{
    facts_state *s = state;
    for (size_t k = 0; k < b->n; k++) {
        pool_item *it = &b->items[k];
        if (it->rc) {
            pool_reject(it, it->err, it->rc, &s->job->rejected, &s->status);
            continue;
        }
        s->job->docs++;
        if (write_doc(s, it) != EXIT_OK)
            return EXIT_IO;
    }
    return EXIT_OK;
}

static int read_all(facts_state *s)
{
    pool_stream st = { s->ctx, s->reader, s->job->quiet, &s->job->docs, &s->job->rejected,
                       &s->status, queue_doc, add_batch, s };
    return pool_read_all(&s->pool, &st);
}

/* What the extracted facts depend on, for shards and merge. */
static uint64_t options_hash(const facts_job *job)
{
    char text[8192];
    int n = snprintf(text, sizeof text, "facts %d %d %s %s", (int)job->mode, job->no_clean,
                     job->ner_model ? job->ner_model : "", job->time_rules ? job->time_rules : "");
    return dist_hash(text, n < (int)sizeof text ? (size_t)n : sizeof text - 1, 0);
}

int facts_run(facts_job *job, int argc, char **argv, int first, FILE *out)
{
    /* the written facts read the text they were found in: it travels too */
    dist_set_stage(DIST_STAGE_FACTS, options_hash(job), true);
    facts_state s;
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
    close_state(&s);
    return status;
}
