/* The workers: one read-only store connection, timeline builder and JSON
 * builder each, all opened at start (so a bad store fails the start, not
 * the first request).  A request takes a free worker and gives it back. */
#include "serve/serve.h"

#include <errno.h>
#include <string.h>
#include <time.h>

/* How long a request waits for a worker before answering 503. */
enum { POOL_WAIT_SECONDS = 5 };

static int open_worker(sl_server *srv, serve_worker *w)
{
    sl_timeline_options to = SL_TIMELINE_OPTIONS_INIT;
    if (sl_ctx_new(&w->ctx, NULL) != SL_OK)
        return sl_oom(srv->ctx);
    sl_buf_init(&w->body, w->ctx);
    int rc = sl_out_new(w->ctx, &w->out);
    if (!rc) rc = sl_timeline_new(w->ctx, &w->tl, &to);
    if (!rc) rc = sl_store_open(w->ctx, &w->store, srv->opts.db, SL_STORE_READONLY);
    if (rc)
        return sl_error(srv->ctx, rc, "%s", sl_errmsg(w->ctx));
    return SL_OK;
}

static void close_worker(serve_worker *w)
{
    sl_buf_release(&w->body);
    sl_store_close(w->store);
    sl_timeline_free(w->tl);
    sl_out_free(w->out);
    sl_ctx_free(w->ctx);
    memset(w, 0, sizeof *w);
}

int serve_pool_open(sl_server *srv)
{
    serve_pool *p = &srv->pool;
    p->workers = sl_calloc(srv->ctx, srv->opts.threads, sizeof *p->workers);
    if (!p->workers)
        return sl_oom(srv->ctx);
    p->n = srv->opts.threads;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    srv->pool_ready = 1;
    for (size_t i = 0; i < p->n; i++) {
        int rc = open_worker(srv, &p->workers[i]);
        if (rc)
            return rc;
    }
    return SL_OK;
}

void serve_pool_close(sl_server *srv)
{
    serve_pool *p = &srv->pool;
    for (size_t i = 0; i < p->n; i++)
        close_worker(&p->workers[i]);
    sl_free(srv->ctx, p->workers);
    p->workers = NULL;
    p->n = 0;
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->freed);
}

static serve_worker *find_free(serve_pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (!p->workers[i].busy && p->workers[i].store)
            return &p->workers[i];
    return NULL;
}

serve_worker *serve_pool_take(serve_pool *p)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += POOL_WAIT_SECONDS;
    pthread_mutex_lock(&p->lock);
    serve_worker *w;
    while (!(w = find_free(p))) {
        if (pthread_cond_timedwait(&p->freed, &p->lock, &until) == ETIMEDOUT) {
            w = find_free(p);
            break;
        }
    }
    if (w)
        w->busy = 1;
    pthread_mutex_unlock(&p->lock);
    return w;
}

void serve_pool_give(serve_pool *p, serve_worker *w)
{
    pthread_mutex_lock(&p->lock);
    w->busy = 0;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}
