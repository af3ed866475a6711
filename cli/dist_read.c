/* The reading loop of a map step or an MPI rank: every record is read and
 * queued (cleaned) in input order, only this process's share is prepared,
 * and each prepared batch goes to the intermediate file (map) or to rank 0
 * (MPI), which resolves the whole batch in input order. */
#include "dist_internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the items */

int dist_put_item(sl_buf *b, const pool *p, const pool_item *it, bool fields)
{
    int rc = sl_dist_put_varint(b, it->global);
    if (!rc) rc = sl_dist_put_varint(b, it->line);
    if (!rc) rc = sl_dist_put_varint(b, (uint64_t)-(int64_t)it->rc);
    if (!rc && it->rc) rc = sl_dist_put_bytes(b, it->err, strlen(it->err));
    for (int f = 0; fields && !rc && f < PI_FIELDS; f++) {
        size_t len = 0;
        /* the text and title were for preparing only */
        bool skip = f == PI_TITLE || (f == PI_TEXT && !dist_g.with_text);
        const char *s = skip ? "" : item_field(it, f, &len);
        rc = sl_dist_put_bytes(b, s, len);
    }
    if (!rc && !it->rc)
        rc = p->ops->save(it->prep, b);
    return rc;
}

void dist_get_item_head(sl_dist_dec *d, dist_item *it, bool fields)
{
    memset(it, 0, sizeof *it);
    it->global = sl_dist_get_varint(d);
    it->line = sl_dist_get_varint(d);
    uint64_t neg = sl_dist_get_varint(d);
    if (neg > 1000)
        d->bad = 1;
    it->rc = -(int)neg;
    if (it->rc)
        it->err = sl_dist_get_bytes(d, &it->err_len);
    for (int f = 0; fields && f < PI_FIELDS; f++)
        it->field[f] = sl_dist_get_bytes(d, &it->len[f]);
}

/* --------------------------------------------------- loaded documents */

bool dist_loaded_open(dist_loaded *l, pool *p)
{
    memset(l, 0, sizeof *l);
    if (sl_ctx_new(&l->ctx, NULL) != SL_OK)
        return false;
    sl_buf_init(&l->buf, l->ctx);
    for (size_t i = 0; i < POOL_BATCH; i++)
        if (p->ops->new_prep(l->ctx, p->arg, &l->prep[i]) != SL_OK)
            return false;
    return true;
}

void dist_loaded_close(dist_loaded *l, pool *p)
{
    for (size_t i = 0; i < POOL_BATCH; i++)
        if (l->prep[i])
            p->ops->free_prep(l->prep[i]);
    sl_buf_release(&l->buf);
    sl_ctx_free(l->ctx);
    memset(l, 0, sizeof *l);
}

void dist_loaded_swap_in(dist_loaded *l, pool_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (!l->used[i])
            continue;
        l->saved[i] = b->items[i].prep;
        b->items[i].prep = l->prep[i];
    }
}

void dist_loaded_swap_out(dist_loaded *l, pool_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (!l->used[i])
            continue;
        b->items[i].prep = l->saved[i];
        l->used[i] = false;
    }
}

/* ----------------------------------------------------------- map step */

typedef struct dist_run {
    pool *p;
    const pool_stream *st;
    dist_loaded loaded;
    sl_dist_writer writer;   /* map */
    sl_buf recv;             /* MPI rank 0 */
    size_t *rank_lens;       /* one per rank */
} dist_run;

/* A prepared batch of a map step: its own items, to the intermediate. */
static int map_add(void *state, pool_batch *b)
{
    dist_run *r = state;
    for (size_t i = 0; i < b->n; i++) {
        const pool_item *it = &b->items[i];
        if (it->remote)
            continue;
        sl_buf_reset(&r->loaded.buf);
        int rc = dist_put_item(&r->loaded.buf, r->p, it, true);
        if (!rc) rc = sl_dist_writer_put(&r->writer, r->loaded.buf.ptr, r->loaded.buf.len);
        if (rc) {
            cli_error("%s: %s", dist_g.map_path, sl_errmsg(r->loaded.ctx));
            return EXIT_IO;
        }
        dist_g.sent_bytes += r->loaded.buf.len;
        dist_g.sent_records++;
    }
    return EXIT_OK;
}

/* ------------------------------------------------------------ MPI step */

static pool_item *item_numbered(pool_batch *b, uint64_t global, size_t *at)
{
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->items[mid].global < global)
            lo = mid + 1;
        else
            hi = mid;
    }
    *at = lo;
    return lo < b->n && b->items[lo].global == global ? &b->items[lo] : NULL;
}

/* Rank 0: decode another rank's results into the loaded documents. */
static bool load_remote(dist_run *r, pool_batch *b, const char *data, size_t len)
{
    sl_dist_dec d;
    sl_dist_dec_init(&d, data, len);
    while (!d.bad && d.p < d.end) {
        dist_item h;
        size_t at;
        dist_get_item_head(&d, &h, false);
        pool_item *it = d.bad ? NULL : item_numbered(b, h.global, &at);
        if (!it || !it->remote)
            return false;
        it->rc = h.rc;
        if (h.rc) {
            size_t n = h.err_len < sizeof it->err - 1 ? h.err_len : sizeof it->err - 1;
            memcpy(it->err, h.err ? h.err : "", n);
            it->err[n] = '\0';
        } else if (r->p->ops->load(r->loaded.prep[at], &d) != SL_OK)
            return false;
        it->remote = false;
        r->loaded.used[at] = h.rc == 0;
    }
    return !d.bad;
}

static int mpi_add(void *state, pool_batch *b)
{
    dist_run *r = state;
    sl_buf *out = &r->loaded.buf;
    sl_buf_reset(out);
    for (size_t i = 0; i < b->n; i++) {
        if (b->items[i].remote)
            continue;
        if (dist_g.index != 0 && dist_put_item(out, r->p, &b->items[i], false) != SL_OK) {
            cli_error("out of memory");
            return EXIT_IO;
        }
    }
    if (!dist_mpi_gather(out->ptr, out->len, &r->recv, r->rank_lens))
        return EXIT_IO;
    if (dist_g.index != 0) {
        dist_g.sent_bytes += out->len;
        return EXIT_OK;
    }
    size_t off = 0;
    for (unsigned k = 1; k < dist_g.count; k++) {
        if (!load_remote(r, b, r->recv.ptr + off, r->rank_lens[k])) {
            cli_error("rank %u sent results that do not fit the batch", k);
            return EXIT_IO;
        }
        off += r->rank_lens[k];
        dist_g.sent_bytes += r->rank_lens[k];
    }
    for (size_t i = 0; i < b->n; i++)
        if (b->items[i].remote) {
            cli_error("no result for record %llu", (unsigned long long)b->items[i].global);
            return EXIT_IO;
        }
    dist_loaded_swap_in(&r->loaded, b);
    int status = r->st->add(r->st->state, b);
    dist_loaded_swap_out(&r->loaded, b);
    return status;
}

/* ------------------------------------------------------------ the loop */

static bool owns(uint64_t k)
{
    return k % dist_g.count == dist_g.index;
}

/* Whether this process reports (and counts) what happens to record k:
 * its owner in a map step, rank 0 under MPI (it resolves them all). */
static bool reports(uint64_t k)
{
    return dist_g.mode == DIST_MPI ? dist_g.index == 0 : owns(k);
}

/* Queue record k; mark the item it became, if any, with its number and
 * whether another process prepares it. */
static int queue_numbered(pool *p, const pool_stream *st, const sl_doc *doc, uint64_t k)
{
    size_t before = p->fill->n;
    dist_g.muted = !reports(k);
    int q = st->queue(st->state, doc);
    dist_g.muted = false;
    if (p->fill->n > before) {
        p->fill->items[before].global = k;
        p->fill->items[before].remote = !owns(k);
    }
    if (q != EXIT_OK && q != EXIT_IO && reports(k)) {
        (*st->rejected)++;
        *st->status = cli_worse(*st->status, q);
    }
    return q;
}

static int read_loop(dist_run *r, pool_add_fn add)
{
    pool *p = r->p;
    const pool_stream *st = r->st;
    uint64_t k = 0;
    for (;;) {
        sl_doc doc;
        int rc = sl_reader_next(st->reader, &doc);
        if (rc == SL_EOF)
            break;
        if (rc != SL_OK) {
            /* every process sees it; the first reports it */
            if (dist_index() == 0) {
                (*st->rejected)++;
                cli_read_error(st->ctx, rc, st->quiet, st->status);
            }
            continue;
        }
        if (queue_numbered(p, st, &doc, k++) == EXIT_IO)
            return EXIT_IO;
        if (p->fill->n == POOL_BATCH && pool_rotate(p, add, r) != EXIT_OK)
            return EXIT_IO;
    }
    return pool_drain(p, add, r) != EXIT_OK ? EXIT_IO : *st->status;
}

/* The trailer makes the file whole: a map step that failed leaves a file
 * without one, which merge refuses. */
static int map_finish(dist_run *r, int status)
{
    if (status == EXIT_IO)
        return status;
    sl_dist_trailer t;
    memset(&t, 0, sizeof t);
    t.counts[0] = *r->st->rejected;
    /* every shard skips the same records; shard 0 counts them for all */
    t.counts[1] = dist_g.skipped && dist_g.index == 0 ? *dist_g.skipped : 0;
    if (sl_dist_writer_finish(&r->writer, &t) != SL_OK) {
        cli_error("%s: %s", dist_g.map_path, sl_errmsg(r->loaded.ctx));
        return EXIT_IO;
    }
    return status;
}

static void print_stats(void)
{
    if (!getenv("SL_DIST_STATS") || (dist_g.mode == DIST_MPI && dist_g.index != 0))
        return;
    fprintf(stderr, "storyline dist: %s %u of %u: %llu bytes %s\n",
            dist_g.mode == DIST_MPI ? "rank" : "shard", dist_g.index, dist_g.count,
            (unsigned long long)dist_g.sent_bytes,
            dist_g.mode == DIST_MPI ? "gathered from the other ranks" : "written");
}

int dist_read_all(pool *p, const pool_stream *st)
{
    if (dist_g.mode == DIST_REDUCE)
        return dist_reduce(p, st);
    if (dist_g.mode == DIST_MPI) {
        dist_g.read_entered = true;
        if (!dist_mpi_agree(true))
            return EXIT_OK; /* another rank failed and says why; this one did nothing */
    }
    dist_run r;
    memset(&r, 0, sizeof r);
    r.p = p;
    r.st = st;
    int status = EXIT_IO;
    size_t lens[1024];
    r.rank_lens = dist_g.count <= 1024 ? lens : calloc(dist_g.count, sizeof *lens);
    if (!r.rank_lens || !dist_loaded_open(&r.loaded, p)) {
        cli_error("out of memory");
        goto done;
    }
    sl_buf_init(&r.recv, r.loaded.ctx);
    if (dist_g.mode == DIST_MAP) {
        sl_dist_header h = { SL_DIST_VERSION, dist_g.stage, dist_g.index, dist_g.count,
                             dist_g.options };
        if (sl_dist_writer_open(&r.writer, r.loaded.ctx, dist_g.map_out, &h) != SL_OK) {
            cli_error("%s: %s", dist_g.map_path, sl_errmsg(r.loaded.ctx));
            goto done;
        }
        status = map_finish(&r, read_loop(&r, map_add));
    } else {
        status = read_loop(&r, mpi_add);
        if (status == EXIT_IO)
            dist_mpi_abort(EXIT_IO);
    }
    print_stats();
done:
    sl_dist_writer_release(&r.writer);
    sl_buf_release(&r.recv);
    if (r.loaded.ctx)
        dist_loaded_close(&r.loaded, p);
    if (r.rank_lens != lens)
        free(r.rank_lens);
    return status;
}
