/* The spill store of shingle sets: append-only, read back by offset.
 *
 * In file mode the bytes go to an anonymous temporary file (tmpfile(), in
 * TMPDIR); the most recent SL_SETSTORE_TAIL to twice that many bytes stay in
 * memory as well, older ones are read back with pread.  Memory is thus
 * bounded whatever the corpus size. */
#include "dedup/dedup_internal.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

int sl_setstore_open(sl_setstore *s, sl_ctx *ctx, int to_file)
{
    memset(s, 0, sizeof *s);
    s->ctx = ctx;
    s->tail = SL_SETSTORE_TAIL;
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

/* Write [written, size) to the file. */
static int flush(sl_setstore *s)
{
    const char *p = s->mem.ptr + (s->written - s->mem_from);
    size_t left = (size_t)(s->size - s->written);
    int fd = fileno(s->file);
    while (left > 0) {
        ssize_t w = pwrite(fd, p, left, (off_t)s->written);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return sl_error(s->ctx, SL_EIO, "dedup: cannot write the temporary shingle file: %s",
                            w < 0 ? strerror(errno) : "no space written");
        p += w;
        s->written += (uint64_t)w;
        left -= (size_t)w;
    }
    return SL_OK;
}

/* Once the memory holds twice the tail, write it out and keep the tail. */
static int trim(sl_setstore *s)
{
    int rc = flush(s);
    if (rc)
        return rc;
    size_t drop = s->mem.len - s->tail;
    memmove(s->mem.ptr, s->mem.ptr + drop, s->tail);
    s->mem.len = s->tail;
    s->mem_from += drop;
    return SL_OK;
}

int sl_setstore_append(sl_setstore *s, const void *data, size_t len, uint64_t *offset)
{
    *offset = s->size;
    if (len == 0)
        return SL_OK;
    /* trim before the memory would pass twice the tail, so the buffer's
     * capacity stays at twice the tail instead of doubling past it */
    if (s->file && s->mem.len > s->tail && s->mem.len + len > 2 * s->tail) {
        int rc = trim(s);
        if (rc)
            return rc;
    }
    int rc = sl_buf_append(&s->mem, data, len);
    if (rc)
        return rc;
    s->size += len;
    return SL_OK;
}

static int read_file(sl_setstore *s, uint64_t offset, char *data, size_t len)
{
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
    if (offset >= s->mem_from) {
        memcpy(data, s->mem.ptr + (offset - s->mem_from), len);
        return SL_OK;
    }
    /* bytes before mem_from were written before they left memory; the
     * rest of a record that straddles mem_from may not be written yet */
    size_t from_file = offset + len > s->mem_from ? (size_t)(s->mem_from - offset) : len;
    int rc = read_file(s, offset, data, from_file);
    if (rc == SL_OK && from_file < len)
        memcpy((char *)data + from_file, s->mem.ptr, len - from_file);
    return rc;
}

size_t sl_setstore_cached(const sl_setstore *s)
{
    return s->mem.cap;
}
