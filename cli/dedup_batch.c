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

void batch_close(dd_batch *b)
{
    for (size_t i = 0; i < DD_BATCH; i++)
        if (b->items)
            item_free(&b->items[i]);
    free(b->items);
    for (unsigned w = 0; w < b->threads; w++)
        sl_ctx_free(b->wctx[w]);
    memset(b, 0, sizeof *b);
}

/* Item i is always prepared by worker i % threads, with that worker's
 * context: contexts are not shared between threads. */
bool batch_open(dd_batch *b, unsigned threads, const sl_dedup_options *opts)
{
    memset(b, 0, sizeof *b);
    b->opts = opts;
    b->threads = threads < 1 ? 1 : threads > DD_MAX_THREADS ? DD_MAX_THREADS : threads;
    b->items = calloc(DD_BATCH, sizeof *b->items);
    bool ok = b->items != NULL;
    for (unsigned w = 0; ok && w < b->threads; w++)
        ok = sl_ctx_new(&b->wctx[w], NULL) == SL_OK;
    for (size_t i = 0; ok && i < DD_BATCH; i++)
        ok = sl_dedup_doc_new(b->wctx[i % b->threads], &b->items[i].prep) == SL_OK;
    if (!ok) {
        cli_error("out of memory");
        batch_close(b);
    }
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

static void prepare_item(dd_batch *b, dd_item *it, sl_ctx *ctx)
{
    size_t tl, hl, sl;
    const char *text = item_field(it, DD_TEXT, &tl);
    const char *title = item_field(it, DD_TITLE, &hl);
    const char *source = item_field(it, DD_SOURCE, &sl);
    it->rc = sl_dedup_prepare(it->prep, b->opts, text, tl, title, hl, source, sl);
    if (it->rc) {
        strncpy(it->err, sl_errmsg(ctx), sizeof it->err - 1);
        it->err[sizeof it->err - 1] = '\0';
    }
}

typedef struct worker {
    dd_batch *b;
    unsigned w;
} worker;

static void *work(void *arg)
{
    worker *wk = arg;
    dd_batch *b = wk->b;
    for (size_t i = wk->w; i < b->n; i += b->threads)
        prepare_item(b, &b->items[i], b->wctx[wk->w]);
    return NULL;
}

void batch_prepare(dd_batch *b)
{
    pthread_t tid[DD_MAX_THREADS];
    worker wk[DD_MAX_THREADS];
    unsigned started = 1;
    for (unsigned w = 1; w < b->threads && b->n > 1; w++) {
        wk[w] = (worker){ b, w };
        if (pthread_create(&tid[w], NULL, work, &wk[w]) != 0)
            break; /* the calling thread does the rest */
        started++;
    }
    wk[0] = (worker){ b, 0 };
    work(&wk[0]);
    for (unsigned w = 1; w < started; w++)
        pthread_join(tid[w], NULL);
    /* items of workers that could not start */
    for (unsigned w = started; w < b->threads; w++) {
        wk[w] = (worker){ b, w };
        work(&wk[w]);
    }
}
