/* storyline dedup: documents are prepared (shingled) in batches by a pool
 * of threads and added to the index by one thread in input order, so the
 * output does not depend on the number of threads. */
#include "dedup_batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static void item_free(dd_item *it)
{
    sl_dedup_doc_free(it->prep);
    free(it->buf);
}

static void slot_close(dd_batch *b)
{
    for (size_t i = 0; b->items && i < DD_BATCH; i++)
        item_free(&b->items[i]);
    free(b->items);
    b->items = NULL;
}

static bool slot_open(dd_pool *p, dd_batch *b)
{
    b->n = 0;
    b->items = calloc(DD_BATCH, sizeof *b->items);
    bool ok = b->items != NULL;
    for (size_t i = 0; ok && i < DD_BATCH; i++)
        ok = sl_dedup_doc_new(p->wctx[i % p->workers], &b->items[i].prep) == SL_OK;
    return ok;
}

static bool append(dd_item *it, sl_str s, size_t *off, size_t *len)
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

bool batch_push(dd_batch *b, const sl_doc *doc, sl_str text, sl_str title, uint64_t spill_item)
{
    dd_item *it = &b->items[b->n];
    it->used = 0;
    it->line = doc->line;
    it->spill_item = spill_item;
    sl_str origin = { doc->origin, strlen(doc->origin) };
    bool ok = append(it, doc->id, &it->f[DD_ID].off, &it->f[DD_ID].len) &&
              append(it, text, &it->f[DD_TEXT].off, &it->f[DD_TEXT].len) &&
              append(it, title, &it->f[DD_TITLE].off, &it->f[DD_TITLE].len) &&
              append(it, doc->source, &it->f[DD_SOURCE].off, &it->f[DD_SOURCE].len) &&
              append(it, doc->published, &it->f[DD_PUBLISHED].off, &it->f[DD_PUBLISHED].len) &&
              append(it, origin, &it->f[DD_ORIGIN].off, &it->f[DD_ORIGIN].len);
    if (ok)
        b->n++;
    return ok;
}

const char *item_field(const dd_item *it, int field, size_t *len)
{
    *len = it->f[field].len;
    return it->buf + it->f[field].off;
}

static void prepare_item(dd_pool *p, dd_item *it, sl_ctx *ctx)
{
    size_t tl, hl, sl;
    const char *text = item_field(it, DD_TEXT, &tl);
    const char *title = item_field(it, DD_TITLE, &hl);
    const char *source = item_field(it, DD_SOURCE, &sl);
    it->rc = sl_dedup_prepare(it->prep, p->opts, text, tl, title, hl, source, sl);
    if (it->rc) {
        strncpy(it->err, sl_errmsg(ctx), sizeof it->err - 1);
        it->err[sizeof it->err - 1] = '\0';
    }
}

/* Worker w's share of a batch. */
static void prepare_share(dd_pool *p, dd_batch *b, unsigned w)
{
    for (size_t i = w; i < b->n; i += p->workers)
        prepare_item(p, &b->items[i], p->wctx[w]);
}

typedef struct worker_arg {
    dd_pool *p;
    unsigned w;
} worker_arg;

static void *work(void *arg)
{
    worker_arg a = *(worker_arg *)arg;
    dd_pool *p = a.p;
    free(arg);
    uint64_t seen = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->generation == seen)
            pthread_cond_wait(&p->go, &p->mu);
        if (p->quit)
            break;
        seen = p->generation;
        dd_batch *b = p->job;
        pthread_mutex_unlock(&p->mu);
        prepare_share(p, b, a.w);
        pthread_mutex_lock(&p->mu);
        if (++p->finished == p->started)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void start_workers(dd_pool *p, unsigned want)
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

bool pool_open(dd_pool *p, unsigned threads, const sl_dedup_options *opts)
{
    memset(p, 0, sizeof *p);
    p->opts = opts;
    threads = threads < 1 ? 1 : threads > DD_MAX_THREADS ? DD_MAX_THREADS : threads;
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
    if (!ok) {
        cli_error("out of memory");
        pool_close(p);
    }
    return ok;
}

void pool_close(dd_pool *p)
{
    if (p->started) {
        pthread_mutex_lock(&p->mu);
        p->quit = true;
        pthread_cond_broadcast(&p->go);
        pthread_mutex_unlock(&p->mu);
        for (unsigned w = 0; w < p->started; w++)
            pthread_join(p->tid[w], NULL);
    }
    slot_close(&p->slots[0]);
    slot_close(&p->slots[1]);
    for (unsigned w = 0; w < DD_MAX_THREADS; w++)
        sl_ctx_free(p->wctx[w]);
    if (p->sync_ok) {
        pthread_cond_destroy(&p->done);
        pthread_cond_destroy(&p->go);
        pthread_mutex_destroy(&p->mu);
    }
    memset(p, 0, sizeof *p);
}

void pool_start(dd_pool *p, dd_batch *b)
{
    if (!p->started) {
        prepare_share(p, b, 0);
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->job = b;
    p->finished = 0;
    p->generation++;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
}

void pool_wait(dd_pool *p)
{
    if (!p->started)
        return;
    pthread_mutex_lock(&p->mu);
    while (p->job && p->finished < p->started)
        pthread_cond_wait(&p->done, &p->mu);
    p->job = NULL;
    pthread_mutex_unlock(&p->mu);
}
