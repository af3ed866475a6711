/* The byte encoding and the intermediate file of the scale-out path. */
#include "dist/dist.h"

#include <string.h>
#include <xxhash.h>

static const char magic[8] = { 'S', 'L', 'D', 'I', 'S', 'T', '\n', '\0' };

/* A record length with this value starts the trailer instead. */
#define TRAILER_MARK 0xffffffffu
/* Records larger than this are damage, not data (a document is at most
 * a few megabytes; see --max-doc). */
#define MAX_RECORD (1u << 30)

uint64_t sl_dist_hash(const void *data, size_t len, uint64_t seed)
{
    return XXH3_64bits_withSeed(data, len, seed);
}

/* ------------------------------------------------------------ encoding */

int sl_dist_put_u32(sl_buf *b, uint32_t v)
{
    unsigned char x[4];
    for (int i = 0; i < 4; i++)
        x[i] = (unsigned char)(v >> (8 * i));
    return sl_buf_append(b, x, sizeof x);
}

int sl_dist_put_u64(sl_buf *b, uint64_t v)
{
    unsigned char x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (unsigned char)(v >> (8 * i));
    return sl_buf_append(b, x, sizeof x);
}

int sl_dist_put_varint(sl_buf *b, uint64_t v)
{
    unsigned char x[10];
    size_t n = 0;
    do {
        x[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            x[n] |= 0x80;
        n++;
    } while (v);
    return sl_buf_append(b, x, n);
}

int sl_dist_put_bytes(sl_buf *b, const void *data, size_t len)
{
    int rc = sl_dist_put_varint(b, len);
    return rc ? rc : sl_buf_append(b, len ? data : "", len);
}

void sl_dist_dec_init(sl_dist_dec *d, const void *data, size_t len)
{
    d->p = data;
    d->end = d->p + len;
    d->bad = 0;
}

static const uint8_t *take(sl_dist_dec *d, size_t n)
{
    if (d->bad || (size_t)(d->end - d->p) < n) {
        d->bad = 1;
        return NULL;
    }
    const uint8_t *at = d->p;
    d->p += n;
    return at;
}

uint32_t sl_dist_get_u32(sl_dist_dec *d)
{
    const uint8_t *x = take(d, 4);
    uint32_t v = 0;
    for (int i = 0; x && i < 4; i++)
        v |= (uint32_t)x[i] << (8 * i);
    return v;
}

uint64_t sl_dist_get_u64(sl_dist_dec *d)
{
    const uint8_t *x = take(d, 8);
    uint64_t v = 0;
    for (int i = 0; x && i < 8; i++)
        v |= (uint64_t)x[i] << (8 * i);
    return v;
}

uint64_t sl_dist_get_varint(sl_dist_dec *d)
{
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        const uint8_t *x = take(d, 1);
        if (!x)
            return 0;
        v |= (uint64_t)(*x & 0x7f) << shift;
        if (!(*x & 0x80))
            return v;
    }
    d->bad = 1;
    return 0;
}

const char *sl_dist_get_bytes(sl_dist_dec *d, size_t *len)
{
    uint64_t n = sl_dist_get_varint(d);
    const uint8_t *at = n <= (uint64_t)(d->end - d->p) ? take(d, (size_t)n) : take(d, SIZE_MAX);
    *len = at ? (size_t)n : 0;
    return at ? (const char *)at : NULL;
}

/* ------------------------------------------------------------- writing */

static int write_all(sl_dist_writer *w, const void *data, size_t len)
{
    if (fwrite(data, 1, len, w->f) == len)
        return SL_OK;
    return sl_error(w->ctx, SL_EIO, "dist: cannot write the intermediate file");
}

int sl_dist_writer_open(sl_dist_writer *w, sl_ctx *ctx, FILE *f, const sl_dist_header *h)
{
    memset(w, 0, sizeof *w);
    w->ctx = ctx;
    w->f = f;
    sl_buf_init(&w->frame, ctx);
    sl_buf *b = &w->frame;
    int rc = sl_buf_append(b, magic, sizeof magic);
    if (!rc) rc = sl_dist_put_u32(b, SL_DIST_VERSION);
    if (!rc) rc = sl_dist_put_u32(b, h->stage);
    if (!rc) rc = sl_dist_put_u32(b, h->shard);
    if (!rc) rc = sl_dist_put_u32(b, h->shards);
    if (!rc) rc = sl_dist_put_u64(b, h->options);
    if (!rc) rc = sl_dist_put_u64(b, sl_dist_hash(b->ptr, b->len, 0));
    return rc ? rc : write_all(w, b->ptr, b->len);
}

int sl_dist_writer_put(sl_dist_writer *w, const void *data, size_t len)
{
    if (len >= MAX_RECORD)
        return sl_error(w->ctx, SL_ELIMIT, "dist: a record of %zu bytes is too large", len);
    sl_buf_reset(&w->frame);
    int rc = sl_dist_put_u32(&w->frame, (uint32_t)len);
    if (!rc) rc = write_all(w, w->frame.ptr, w->frame.len);
    if (!rc) rc = write_all(w, data, len);
    sl_buf_reset(&w->frame);
    if (!rc) rc = sl_dist_put_u64(&w->frame, sl_dist_hash(data, len, w->records));
    if (!rc) rc = write_all(w, w->frame.ptr, w->frame.len);
    if (!rc)
        w->records++;
    return rc;
}

int sl_dist_writer_finish(sl_dist_writer *w, sl_dist_trailer *t)
{
    t->records = w->records;
    sl_buf *b = &w->frame;
    sl_buf_reset(b);
    int rc = sl_dist_put_u32(b, TRAILER_MARK);
    if (!rc) rc = sl_dist_put_u64(b, t->records);
    for (size_t i = 0; !rc && i < 4; i++)
        rc = sl_dist_put_u64(b, t->counts[i]);
    if (!rc) rc = sl_dist_put_u64(b, sl_dist_hash(b->ptr, b->len, 0));
    if (!rc) rc = write_all(w, b->ptr, b->len);
    if (!rc && fflush(w->f) != 0)
        rc = sl_error(w->ctx, SL_EIO, "dist: cannot write the intermediate file");
    return rc;
}

void sl_dist_writer_release(sl_dist_writer *w)
{
    sl_buf_release(&w->frame);
}

/* ------------------------------------------------------------- reading */

static int damaged(sl_dist_reader *r, const char *what)
{
    return sl_error(r->ctx, SL_EPARSE, "%s: %s (after %llu records)", r->name, what,
                    (unsigned long long)r->records);
}

static int read_exact(sl_dist_reader *r, void *data, size_t len)
{
    if (len && fread(data, 1, len, r->f) != len)
        return ferror(r->f) ? sl_error(r->ctx, SL_EIO, "%s: cannot read", r->name)
                            : damaged(r, "truncated intermediate file");
    return SL_OK;
}

int sl_dist_reader_open(sl_dist_reader *r, sl_ctx *ctx, FILE *f, const char *name)
{
    memset(r, 0, sizeof *r);
    r->ctx = ctx;
    r->f = f;
    r->name = name;
    sl_buf_init(&r->rec, ctx);
    uint8_t h[8 + 4 * 4 + 8 + 8];
    int rc = read_exact(r, h, sizeof h);
    if (rc)
        return rc == SL_EPARSE ? damaged(r, "not a storyline intermediate file") : rc;
    if (memcmp(h, magic, sizeof magic) != 0)
        return damaged(r, "not a storyline intermediate file");
    sl_dist_dec d;
    sl_dist_dec_init(&d, h + 8, sizeof h - 8);
    r->header.version = sl_dist_get_u32(&d);
    r->header.stage = sl_dist_get_u32(&d);
    r->header.shard = sl_dist_get_u32(&d);
    r->header.shards = sl_dist_get_u32(&d);
    r->header.options = sl_dist_get_u64(&d);
    if (sl_dist_get_u64(&d) != sl_dist_hash(h, sizeof h - 8, 0))
        return damaged(r, "damaged header");
    if (r->header.version != SL_DIST_VERSION)
        return sl_error(ctx, SL_EPARSE, "%s: intermediate file version %u, this build reads %u",
                        name, r->header.version, SL_DIST_VERSION);
    return SL_OK;
}

static int read_trailer(sl_dist_reader *r)
{
    uint8_t t[8 * 6];
    int rc = read_exact(r, t, sizeof t);
    if (rc)
        return rc;
    uint8_t mark[4] = { 0xff, 0xff, 0xff, 0xff };
    sl_buf_reset(&r->rec);
    rc = sl_buf_append(&r->rec, mark, 4);
    if (!rc) rc = sl_buf_append(&r->rec, t, sizeof t - 8);
    if (rc)
        return rc;
    sl_dist_dec d;
    sl_dist_dec_init(&d, t, sizeof t);
    r->trailer.records = sl_dist_get_u64(&d);
    for (size_t i = 0; i < 4; i++)
        r->trailer.counts[i] = sl_dist_get_u64(&d);
    if (sl_dist_get_u64(&d) != sl_dist_hash(r->rec.ptr, r->rec.len, 0))
        return damaged(r, "damaged trailer");
    if (r->trailer.records != r->records)
        return damaged(r, "the trailer counts another number of records");
    if (fgetc(r->f) != EOF)
        return damaged(r, "bytes after the trailer");
    return SL_EOF;
}

int sl_dist_reader_next(sl_dist_reader *r, const uint8_t **data, size_t *len)
{
    uint8_t x[8];
    int rc = read_exact(r, x, 4);
    if (rc)
        return rc;
    sl_dist_dec d;
    sl_dist_dec_init(&d, x, 4);
    uint32_t n = sl_dist_get_u32(&d);
    if (n == TRAILER_MARK)
        return read_trailer(r);
    if (n >= MAX_RECORD)
        return damaged(r, "damaged record length");
    sl_buf_reset(&r->rec);
    if ((rc = sl_buf_reserve(&r->rec, n)) != SL_OK)
        return rc;
    if ((rc = read_exact(r, r->rec.ptr, n)) != SL_OK || (rc = read_exact(r, x, 8)) != SL_OK)
        return rc;
    r->rec.len = n;
    sl_dist_dec_init(&d, x, 8);
    if (sl_dist_get_u64(&d) != sl_dist_hash(r->rec.ptr, n, r->records))
        return damaged(r, "checksum mismatch");
    r->records++;
    *data = (const uint8_t *)r->rec.ptr;
    *len = n;
    return SL_OK;
}

void sl_dist_reader_release(sl_dist_reader *r)
{
    sl_buf_release(&r->rec);
}
