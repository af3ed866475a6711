/* The spill store of shingle sets: append-only, read back by offset.
 *
 * In file mode the bytes go to an anonymous temporary file (tmpfile(), in
 * TMPDIR) through a write buffer, and reads use pread, so the index keeps
 * only offsets in memory and the page cache decides what stays resident. */
#include "dedup/dedup_internal.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define SETSTORE_FLUSH_AT (1u << 16)

int sl_setstore_open(sl_setstore *s, sl_ctx *ctx, int to_file)
{
    memset(s, 0, sizeof *s);
    s->ctx = ctx;
    sl_buf_init(&s->mem, ctx);
    if (!to_file)
        return SL_OK;
    s->file = tmpfile();
    if (!s->file)
        return sl_error(ctx, SL_EIO, "dedup: cannot create a temporary file for shingle sets: %s",
                        strerror(errno));
    return SL_OK;
}

void sl_setstore_close(sl_setstore *s)
{
    if (s->file)
        fclose(s->file);
    s->file = NULL;
    sl_buf_release(&s->mem);
}

/* In file mode `mem` holds the bytes not yet written, which start at
 * file offset size - mem.len. */
static int flush(sl_setstore *s)
{
    const char *p = s->mem.ptr;
    size_t left = s->mem.len;
    int fd = fileno(s->file);
    off_t at = (off_t)(s->size - s->mem.len);
    while (left > 0) {
        ssize_t w = pwrite(fd, p, left, at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return sl_error(s->ctx, SL_EIO, "dedup: cannot write the temporary shingle file: %s",
                            w < 0 ? strerror(errno) : "no space written");
        p += w;
        at += w;
        left -= (size_t)w;
    }
    sl_buf_reset(&s->mem);
    return SL_OK;
}

int sl_setstore_append(sl_setstore *s, const void *data, size_t len, uint64_t *offset)
{
    *offset = s->size;
    if (len == 0)
        return SL_OK;
    int rc = sl_buf_append(&s->mem, data, len);
    if (rc)
        return rc;
    s->size += len;
    if (s->file && s->mem.len >= SETSTORE_FLUSH_AT)
        return flush(s);
    return SL_OK;
}

static int read_file(sl_setstore *s, uint64_t offset, char *data, size_t len)
{
    uint64_t buffered_from = s->size - s->mem.len;
    if (offset >= buffered_from) {
        memcpy(data, s->mem.ptr + (offset - buffered_from), len);
        return SL_OK;
    }
    int rc = flush(s); /* the record may straddle the buffer: write it all out */
    if (rc)
        return rc;
    int fd = fileno(s->file);
    while (len > 0) {
        ssize_t r = pread(fd, data, len, (off_t)offset);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return sl_error(s->ctx, SL_EIO, "dedup: cannot read the temporary shingle file: %s",
                            r < 0 ? strerror(errno) : "short read");
        data += r;
        offset += (uint64_t)r;
        len -= (size_t)r;
    }
    return SL_OK;
}

int sl_setstore_read(sl_setstore *s, uint64_t offset, void *data, size_t len)
{
    if (len == 0)
        return SL_OK;
    if (offset + len > s->size)
        return sl_error(s->ctx, SL_EINVAL, "dedup: read past the end of the shingle store");
    if (s->file)
        return read_file(s, offset, data, len);
    memcpy(data, s->mem.ptr + offset, len);
    return SL_OK;
}
