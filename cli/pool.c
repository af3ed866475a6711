/* Documents are prepared in batches by a pool of threads and added to an
 * index by one thread in input order, so the output does not depend on
 * the number of threads. */
#include "pool.h"
#include "dist.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static void slot_close(pool *p, pool_batch *b)
{
    for (size_t i = 0; b->items && i < POOL_BATCH; i++) {
        if (b->items[i].prep)
            p->ops->free_prep(b->items[i].prep);
        free(b->items[i].buf);
    }
    free(b->items);
    b->items = NULL;
}

static bool slot_open(pool *p, pool_batch *b)
{
    b->n = 0;
    b->items = calloc(POOL_BATCH, sizeof *b->items);
    bool ok = b->items != NULL;
    for (size_t i = 0; ok && i < POOL_BATCH; i++)
        ok = p->ops->new_prep(p->wctx[i % p->workers], p->arg, &b->items[i].prep) == SL_OK;
    return ok;
}

static bool append(pool_item *it, sl_str s, size_t *off, size_t *len)
{
    if (it->used + s.len + 1 > it->cap) {
        size_t cap = it->cap ? it->cap : 4096;
        while (cap < it->used + s.len + 1)
            cap *= 2;
        char *p = realloc(it->buf, cap);
        if (!p) {
            cli_error("out of memory");
            return false;
        }
        it->buf = p;
        it->cap = cap;
    }
    if (s.len)
        memcpy(it->buf + it->used, s.ptr, s.len);
    *off = it->used;
    *len = s.len;
    it->used += s.len + 1;
    it->buf[it->used - 1] = '\0';
    return true;
}

bool batch_push(pool_batch *b, const sl_doc *doc, sl_str text, sl_str title, sl_str extra,
                sl_str record, uint64_t spill_item)
{
    pool_item *it = &b->items[b->n];
    it->used = 0;
    it->line = doc->line;
    it->global = 0;
    it->remote = false;
    it->spill_item = spill_item;
    sl_str origin = { doc->origin, strlen(doc->origin) };
    bool ok = append(it, doc->id, &it->f[PI_ID].off, &it->f[PI_ID].len) &&
              append(it, text, &it->f[PI_TEXT].off, &it->f[PI_TEXT].len) &&
              append(it, title, &it->f[PI_TITLE].off, &it->f[PI_TITLE].len) &&
              append(it, doc->source, &it->f[PI_SOURCE].off, &it->f[PI_SOURCE].len) &&
              append(it, doc->published, &it->f[PI_PUBLISHED].off, &it->f[PI_PUBLISHED].len) &&
              append(it, origin, &it->f[PI_ORIGIN].off, &it->f[PI_ORIGIN].len) &&
              append(it, extra, &it->f[PI_EXTRA].off, &it->f[PI_EXTRA].len) &&
              append(it, record, &it->f[PI_RECORD].off, &it->f[PI_RECORD].len);
    if (ok)
        b->n++;
    return ok;
}

const char *item_field(const pool_item *it, int field, size_t *len)
{
    *len = it->f[field].len;
    return it->buf + it->f[field].off;
}

static void prepare_item(pool *p, pool_item *it, sl_ctx *ctx)
{
    /* another process prepares it; with two phases the first is for
     * every record (the stage's prepare knows) */
    if (it->remote && !p->phases) {
        it->rc = SL_OK;
        return;
    }
    it->rc = p->ops->prepare(it->prep, it, p->arg);
    if (it->rc) {
        strncpy(it->err, sl_errmsg(ctx), sizeof it->err - 1);
        it->err[sizeof it->err - 1] = '\0';
    }
}

static void finish_item(pool *p, pool_item *it, sl_ctx *ctx)
{
    if (it->rc || it->remote)
        return;
    it->rc = p->phases->finish(it->prep, it, p->arg);
    if (it->rc) {
        strncpy(it->err, sl_errmsg(ctx), sizeof it->err - 1);
        it->err[sizeof it->err - 1] = '\0';
    }
}

/* Worker w's share of a job: the items i with i % workers == w, so an
 * item's preparation always uses the context it was made with. */
static void prepare_share(pool *p, pool_batch *b, pool_batch *f, unsigned w)
{
    for (size_t i = w; f && i < f->n; i += p->workers)
        finish_item(p, &f->items[i], p->wctx[w]);
    for (size_t i = w; b && i < b->n; i += p->workers)
        prepare_item(p, &b->items[i], p->wctx[w]);
}

static bool two_phases(const pool *p)
{
    return p->phases != NULL;
}

typedef struct worker_arg {
    pool *p;
    unsigned w;
} worker_arg;

static void *work(void *arg)
{
    worker_arg a = *(worker_arg *)arg;
    pool *p = a.p;
    free(arg);
    uint64_t seen = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->generation == seen)
            pthread_cond_wait(&p->go, &p->mu);
        if (p->quit)
            break;
        seen = p->generation;
        pool_batch *b = p->job, *f = p->job_finish;
        pthread_mutex_unlock(&p->mu);
        prepare_share(p, b, f, a.w);
        pthread_mutex_lock(&p->mu);
        if (++p->finished == p->started)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void start_workers(pool *p, unsigned want)
{
    while (p->started < want) {
        worker_arg *a = malloc(sizeof *a);
        if (!a)
            break;
        *a = (worker_arg){ p, p->started };
        if (pthread_create(&p->tid[p->started], NULL, work, a) != 0) {
            free(a);
            break; /* fewer workers: the output is the same */
        }
        p->started++;
    }
}

bool pool_open(pool *p, unsigned threads, const pool_ops *ops, const void *arg)
{
    return pool_open_phases(p, threads, ops, NULL, arg, NULL);
}

bool pool_open_phases(pool *p, unsigned threads, const pool_ops *ops, const pool_phases *phases,
                      const void *arg, void *state)
{
    memset(p, 0, sizeof *p);
    p->ops = ops;
    p->phases = phases;
    p->phase_state = state;
    p->arg = arg;
    threads = threads < 1 ? 1 : threads > POOL_MAX_THREADS ? POOL_MAX_THREADS : threads;
    bool ok = pthread_mutex_init(&p->mu, NULL) == 0;
    if (ok && (pthread_cond_init(&p->go, NULL) != 0 || pthread_cond_init(&p->done, NULL) != 0))
        ok = false; /* not reached on Linux, where these cannot fail */
    p->sync_ok = ok;
    if (ok && threads > 1)
        start_workers(p, threads - 1);
    p->workers = p->started ? p->started : 1;
    for (unsigned w = 0; ok && w < p->workers; w++)
        ok = sl_ctx_new(&p->wctx[w], NULL) == SL_OK;
    ok = ok && slot_open(p, &p->slots[0]) && slot_open(p, &p->slots[1]);
    ok = ok && (!two_phases(p) || slot_open(p, &p->slots[2]));
    p->fill = &p->slots[0];
    if (!ok) {
        cli_error("out of memory");
        pool_close(p);
    }
    return ok;
}

void pool_close(pool *p)
{
    if (p->started) {
        pthread_mutex_lock(&p->mu);
        p->quit = true;
        pthread_cond_broadcast(&p->go);
        pthread_mutex_unlock(&p->mu);
        for (unsigned w = 0; w < p->started; w++)
            pthread_join(p->tid[w], NULL);
    }
    for (size_t i = 0; i < 3; i++)
        slot_close(p, &p->slots[i]);
    for (unsigned w = 0; w < POOL_MAX_THREADS; w++)
        sl_ctx_free(p->wctx[w]);
    if (p->sync_ok) {
        pthread_cond_destroy(&p->done);
        pthread_cond_destroy(&p->go);
        pthread_mutex_destroy(&p->mu);
    }
    memset(p, 0, sizeof *p);
}

void pool_start(pool *p, pool_batch *b, pool_batch *f)
{
    if (!p->started) {
        prepare_share(p, b, f, 0);
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->job = b;
    p->job_finish = f;
    p->finished = 0;
    p->generation++;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
}

void pool_wait(pool *p)
{
    if (!p->started)
        return;
    pthread_mutex_lock(&p->mu);
    while ((p->job || p->job_finish) && p->finished < p->started)
        pthread_cond_wait(&p->done, &p->mu);
    p->job = NULL;
    p->job_finish = NULL;
    pthread_mutex_unlock(&p->mu);
}

pool_batch *pool_fill(pool *p)
{
    return p->fill;
}

/* Two phases (pool_phases): the workers prepare the filled batch and finish
 * the one prepared before (settled here first); the one they finished
 * before is added meanwhile and becomes the next to fill. */
static int rotate_two(pool *p, pool_add_fn add, void *state)
{
    pool_batch *prepared = p->busy, *finished = p->finishing;
    if (prepared || finished)
        pool_wait(p);
    int st = prepared ? p->phases->settle(p->phase_state, prepared) : EXIT_OK;
    if (st != EXIT_OK)
        return st;
    pool_batch *next = p->fill->n ? p->fill : NULL;
    if (next || prepared)
        pool_start(p, next, prepared);
    p->busy = next;
    p->finishing = prepared;
    if (finished) {
        st = add(state, finished);
        finished->n = 0;
    }
    /* the next to fill: the batch no phase holds */
    for (size_t i = 0; i < 3; i++)
        if (&p->slots[i] != p->busy && &p->slots[i] != p->finishing)
            p->fill = &p->slots[i];
    return st;
}

int pool_rotate(pool *p, pool_add_fn add, void *state)
{
    if (two_phases(p))
        return rotate_two(p, add, state);
    pool_batch *done = p->busy;
    if (done)
        pool_wait(p);
    pool_start(p, p->fill, NULL);
    p->busy = p->fill;
    p->fill = p->fill == &p->slots[0] ? &p->slots[1] : &p->slots[0];
    if (!done)
        return EXIT_OK;
    int st = add(state, done);
    done->n = 0;
    return st;
}

int pool_drain(pool *p, pool_add_fn add, void *state)
{
    if (two_phases(p)) {
        if (p->fill->n && rotate_two(p, add, state) != EXIT_OK)
            return EXIT_IO;
        int st = EXIT_OK;
        while (st == EXIT_OK && (p->busy || p->finishing))
            st = rotate_two(p, add, state);
        return st;
    }
    if (p->fill->n && pool_rotate(p, add, state) != EXIT_OK)
        return EXIT_IO;
    if (!p->busy)
        return EXIT_OK;
    pool_wait(p);
    pool_batch *last = p->busy;
    p->busy = NULL;
    int st = add(state, last);
    last->n = 0;
    return st;
}

static int read_loop(pool *p, const pool_stream *st);

int pool_read_all(pool *p, const pool_stream *st)
{
    p->stopped = false;
    if (dist_get_mode() == DIST_OFF)
        return read_loop(p, st);
    /* dist_read_all tells no more: an EXIT_IO from it stops the run */
    int rc = dist_read_all(p, st);
    p->stopped = rc == EXIT_IO;
    return rc;
}

static int stop(pool *p)
{
    p->stopped = true;
    return EXIT_IO;
}

/* The reading loop of pool_read_all. */
static int read_loop(pool *p, const pool_stream *st)
{
    cli_progress progress;
    cli_progress_init(&progress);
    for (;;) {
        sl_doc doc;
        int rc = sl_reader_next(st->reader, &doc);
        if (rc == SL_EOF)
            break;
        if (rc != SL_OK) {
            (*st->rejected)++;
            cli_read_error(st->ctx, rc, st->quiet, st->status);
            continue;
        }
        int q = st->queue(st->state, &doc);
        if (q == EXIT_IO)
            return stop(p);
        if (q != EXIT_OK) {
            (*st->rejected)++;
            *st->status = cli_worse(*st->status, q);
            continue;
        }
        if (p->fill->n == POOL_BATCH && pool_rotate(p, st->add, st->state) != EXIT_OK)
            return stop(p);
        cli_progress_update(&progress, *st->docs, sl_reader_bytes(st->reader));
    }
    if (pool_drain(p, st->add, st->state) != EXIT_OK)
        return stop(p);
    cli_progress_done(&progress);
    return *st->status;
}

void pool_reject(const pool_item *it, const char *msg, int rc, uint64_t *rejected, int *status)
{
    size_t ol;
    const char *origin = item_field(it, PI_ORIGIN, &ol);
    cli_error("%s:%llu: %s", origin, (unsigned long long)it->line, msg);
    (*rejected)++;
    *status = cli_worse(*status, cli_exit_for(rc));
}

/* ------------------------------------------------ cleaning on the pool */

int pool_clean_init(sl_ctx *ctx, pool_clean *pc)
{
    memset(pc, 0, sizeof *pc);
    sl_clean_options opts = SL_CLEAN_OPTIONS_INIT;
    return sl_clean_doc_new(ctx, &pc->doc, &opts);
}

void pool_clean_release(pool_clean *pc)
{
    sl_clean_doc_free(pc->doc);
    pc->doc = NULL;
}

void pool_clean_queue(pool_clean *pc, bool no_clean, const sl_doc *doc)
{
    pc->clean = !no_clean && !sl_doc_has_field(doc, "repairs");
    pc->has_source = doc->source.ptr != NULL;
}

int pool_clean_analyze(pool_clean *pc, const pool_item *it)
{
    pc->r = NULL;
    if (!pc->clean)
        return SL_OK;
    size_t tl, sl;
    const char *text = item_field(it, PI_TEXT, &tl);
    const char *source = item_field(it, PI_SOURCE, &sl);
    return sl_clean_analyze(pc->doc, text, tl, pc->has_source ? source : NULL, sl);
}

void pool_clean_settle(sl_cleaner *c, sl_ctx *ctx, pool_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        pool_item *it = &b->items[i];
        pool_clean *pc = it->prep;
        if (it->rc || !pc->clean)
            continue;
        it->rc = sl_clean_note(c, pc->doc);
        if (it->rc) {
            strncpy(it->err, sl_errmsg(ctx), sizeof it->err - 1);
            it->err[sizeof it->err - 1] = '\0';
        }
    }
}

int pool_clean_text(pool_clean *pc, const pool_item *it, sl_str *text, sl_str *title)
{
    size_t tl, hl;
    const char *given_text = item_field(it, PI_TEXT, &tl);
    const char *given_title = item_field(it, PI_TITLE, &hl);
    *text = (sl_str){ given_text, tl };
    *title = (sl_str){ given_title, hl };
    if (!pc->clean)
        return SL_OK;
    const sl_clean_result *r;
    int rc = sl_clean_finish(pc->doc, &r);
    if (rc)
        return rc;
    pc->r = r;
    *text = r->text;
    if (r->title.text.len) {
        *title = r->title.text;
        return SL_OK;
    }
    return sl_clean_doc_field(pc->doc, given_title, hl, title);
}
