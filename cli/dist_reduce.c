/* storyline merge --stage S: the reduce step.  The intermediates of all
 * shards are read together, their records taken in global order (the
 * smallest number at the heads of the files), rebuilt into pool items with
 * their prepared documents decoded, and resolved by the stage's own add
 * function, batch by batch, as the unsharded command does. */
#include "dist_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct part {
    FILE *f;
    sl_dist_reader r;
    bool open;
    bool live;               /* a record is at the head */
    const uint8_t *data;
    size_t len;
    uint64_t global;         /* of the head record */
} part;

typedef struct reduce {
    pool *p;
    const pool_stream *st;
    dist_loaded loaded;
    part *parts;
    size_t n;
    bool lines;              /* outputs as they are: the shards agree on options */
    char origin[4096];
} reduce;

/* Read the next record of a part into its head. */
static int advance(reduce *x, part *pt)
{
    int rc = sl_dist_reader_next(&pt->r, &pt->data, &pt->len);
    if (rc == SL_EOF) {
        pt->live = false;
        return EXIT_OK;
    }
    if (rc != SL_OK) {
        cli_error("%s", sl_errmsg(x->loaded.ctx));
        return EXIT_IO;
    }
    sl_dist_dec d;
    sl_dist_dec_init(&d, pt->data, pt->len);
    uint64_t g = sl_dist_get_varint(&d);
    if (d.bad || (pt->live && g <= pt->global) || g % x->n != pt->r.header.shard) {
        cli_error("%s: records out of order", pt->r.name);
        return EXIT_IO;
    }
    pt->global = g;
    pt->live = true;
    return EXIT_OK;
}

static int check_header(reduce *x, part *pt, bool *seen)
{
    const sl_dist_header *h = &pt->r.header;
    const char *name = pt->r.name;
    if (h->stage != dist_g.stage)
        return cli_usage_error("%s holds %s results, not %s", name, dist_stage_name(h->stage),
                               dist_stage_name(dist_g.stage));
    if (h->shards != x->n)
        return cli_usage_error("%s is a shard of %u, but %zu files were given", name, h->shards,
                               x->n);
    if (seen[h->shard])
        return cli_usage_error("shard %u/%u is given twice (%s)", h->shard, h->shards, name);
    seen[h->shard] = true;
    if (x->lines && h->options != x->parts[0].r.header.options)
        return cli_usage_error("%s was made with other options than %s", name,
                               x->parts[0].r.name);
    if (!x->lines && h->options != dist_g.options)
        return cli_usage_error("%s was made with other options: give merge the options "
                               "the shards had", name);
    return EXIT_OK;
}

static int open_parts(reduce *x)
{
    x->n = dist_g.n_parts;
    if (x->n == 0)
        return cli_usage_error("merge needs the intermediate files of every shard");
    x->parts = calloc(x->n, sizeof *x->parts);
    bool *seen = calloc(x->n, sizeof *seen);
    int status = x->parts && seen ? EXIT_OK : EXIT_IO;
    for (size_t i = 0; status == EXIT_OK && i < x->n; i++) {
        part *pt = &x->parts[i];
        const char *name = dist_g.parts[i];
        if (!(pt->f = fopen(name, "rb"))) {
            cli_error("cannot open '%s': %s", name, strerror(errno));
            status = EXIT_IO;
            break;
        }
        setvbuf(pt->f, NULL, _IOFBF, 1 << 20);
        pt->open = true;
        if (sl_dist_reader_open(&pt->r, x->loaded.ctx, pt->f, name) != SL_OK) {
            cli_error("%s", sl_errmsg(x->loaded.ctx));
            status = EXIT_IO;
            break;
        }
        status = check_header(x, pt, seen);
        if (status == EXIT_OK)
            status = advance(x, pt);
    }
    free(seen);
    return status;
}

static void close_parts(reduce *x)
{
    for (size_t i = 0; x->parts && i < x->n; i++) {
        if (x->parts[i].open)
            sl_dist_reader_release(&x->parts[i].r);
        if (x->parts[i].f)
            fclose(x->parts[i].f);
    }
    free(x->parts);
}

static sl_str field(const dist_item *h, int f)
{
    return (sl_str){ h->field[f] ? h->field[f] : "", h->len[f] };
}

/* Rebuild the head record of pt as the next item of the batch. */
static int push_record(reduce *x, part *pt)
{
    sl_dist_dec d;
    sl_dist_dec_init(&d, pt->data, pt->len);
    dist_item h;
    dist_get_item_head(&d, &h, true);
    size_t ol = h.len[PI_ORIGIN] < sizeof x->origin - 1 ? h.len[PI_ORIGIN] : sizeof x->origin - 1;
    memcpy(x->origin, h.field[PI_ORIGIN] ? h.field[PI_ORIGIN] : "", ol);
    x->origin[ol] = '\0';
    pool_batch *b = pool_fill(x->p);
    size_t at = b->n;
    sl_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = field(&h, PI_ID);
    doc.source = field(&h, PI_SOURCE);
    doc.published = field(&h, PI_PUBLISHED);
    doc.origin = x->origin;
    doc.line = h.line;
    if (d.bad || !batch_push(b, &doc, field(&h, PI_TEXT), (sl_str){ "", 0 }, field(&h, PI_EXTRA),
                             field(&h, PI_RECORD), 0))
        return d.bad ? (cli_error("%s: a damaged record", pt->r.name), EXIT_IO) : EXIT_IO;
    pool_item *it = &b->items[at];
    it->global = h.global;
    it->remote = false;
    it->rc = h.rc;
    if (h.rc) {
        size_t n = h.err_len < sizeof it->err - 1 ? h.err_len : sizeof it->err - 1;
        memcpy(it->err, h.err ? h.err : "", n);
        it->err[n] = '\0';
        return EXIT_OK;
    }
    if (x->p->ops->load(x->loaded.prep[at], &d) != SL_OK || d.p != d.end) {
        cli_error("%s: a damaged record", pt->r.name);
        return EXIT_IO;
    }
    x->loaded.used[at] = true;
    return EXIT_OK;
}

static int add_batch(reduce *x)
{
    pool_batch *b = pool_fill(x->p);
    dist_loaded_swap_in(&x->loaded, b);
    int status = x->st->add(x->st->state, b);
    dist_loaded_swap_out(&x->loaded, b);
    b->n = 0;
    return status;
}

static part *lowest(reduce *x)
{
    part *best = NULL;
    for (size_t i = 0; i < x->n; i++)
        if (x->parts[i].live && (!best || x->parts[i].global < best->global))
            best = &x->parts[i];
    return best;
}

static int merge_all(reduce *x)
{
    part *pt;
    while ((pt = lowest(x)) != NULL) {
        if (push_record(x, pt) != EXIT_OK || advance(x, pt) != EXIT_OK)
            return EXIT_IO;
        if (pool_fill(x->p)->n == POOL_BATCH && add_batch(x) != EXIT_OK)
            return EXIT_IO;
    }
    if (pool_fill(x->p)->n && add_batch(x) != EXIT_OK)
        return EXIT_IO;
    /* what the map steps rejected and skipped (shard 0 counts the skips) */
    for (size_t i = 0; i < x->n; i++) {
        if (dist_g.skipped && x->parts[i].r.header.shard == 0)
            *dist_g.skipped += x->parts[i].r.trailer.counts[1];
        uint64_t rejected = x->parts[i].r.trailer.counts[0];
        *x->st->rejected += rejected;
        if (rejected)
            *x->st->status = cli_worse(*x->st->status, EXIT_REJECTED);
    }
    return *x->st->status;
}

int dist_reduce(pool *p, const pool_stream *st)
{
    reduce x;
    memset(&x, 0, sizeof x);
    x.p = p;
    x.st = st;
    int status = dist_loaded_open(&x.loaded, p) ? open_parts(&x) : EXIT_IO;
    if (status == EXIT_OK)
        status = merge_all(&x);
    close_parts(&x);
    if (x.loaded.ctx)
        dist_loaded_close(&x.loaded, p);
    return status;
}

/* ------------------------------------------------- one line per record */

static int write_lines(reduce *x, FILE *out)
{
    part *pt;
    while ((pt = lowest(x)) != NULL) {
        sl_dist_dec d;
        sl_dist_dec_init(&d, pt->data, pt->len);
        sl_dist_get_varint(&d);
        size_t len;
        const char *line = sl_dist_get_bytes(&d, &len);
        if (d.bad || d.p != d.end) {
            cli_error("%s: a damaged record", pt->r.name);
            return EXIT_IO;
        }
        if (!cli_write(out, line, len) || advance(x, pt) != EXIT_OK)
            return EXIT_IO;
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < x->n; i++)
        if (x->parts[i].r.trailer.counts[0])
            status = EXIT_REJECTED;
    return status;
}

int dist_merge_lines(unsigned stage, FILE *out)
{
    reduce x;
    memset(&x, 0, sizeof x);
    dist_g.stage = stage;
    x.lines = true;
    int status = sl_ctx_new(&x.loaded.ctx, NULL) == SL_OK ? open_parts(&x) : EXIT_IO;
    if (status == EXIT_OK)
        status = write_lines(&x, out);
    close_parts(&x);
    sl_ctx_free(x.loaded.ctx);
    return status;
}
