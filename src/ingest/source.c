/* Byte sources: plain files and standard input, gzip (zlib inflate, any
 * number of members) and zstd (streaming, any number of frames).  Both
 * decompressors allocate through the context, so fault injection reaches
 * them too. */
#define ZSTD_STATIC_LINKING_ONLY /* ZSTD_createDCtx_advanced: our allocator */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <zstd_errors.h>

/* Compressed bytes read from the file at a time. */
#define SOURCE_IN_CAP ((size_t)128 << 10)

static const char *kind_name(int kind)
{
    return kind == SL_SOURCE_GZIP ? "gzip" : "zstd";
}

/* ---------------------------------------------------------------- allocators */

static voidpf zlib_alloc(voidpf opaque, uInt items, uInt size)
{
    if (size && items > SIZE_MAX / size)
        return Z_NULL;
    return sl_malloc(opaque, (size_t)items * size);
}

static void zlib_free(voidpf opaque, voidpf ptr)
{
    sl_free(opaque, ptr);
}

static void *zstd_alloc(void *opaque, size_t size)
{
    return sl_malloc(opaque, size);
}

static void zstd_free(void *opaque, void *ptr)
{
    sl_free(opaque, ptr);
}

/* ---------------------------------------------------------------- raw input */

/* read(2) that retries on EINTR. */
static int read_fd(sl_source *src, void *buf, size_t cap, size_t *got)
{
    ssize_t n;
    do {
        n = read(src->fd, buf, cap);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        *got = 0;
        return sl_error(src->ctx, SL_EIO, "%s: read error: %s", src->path, strerror(errno));
    }
    *got = (size_t)n;
    src->consumed += (uint64_t)n;
    return SL_OK;
}

/* Refill the compressed-input buffer once it is used up. */
static int refill(sl_source *src)
{
    if (src->in_pos < src->in_len || src->in_eof)
        return SL_OK;
    size_t got;
    int rc = read_fd(src, src->in, SOURCE_IN_CAP, &got);
    if (rc != SL_OK)
        return rc;
    src->in_pos = 0;
    src->in_len = got;
    src->in_eof = got == 0;
    return SL_OK;
}

static int truncated(sl_source *src)
{
    return sl_error(src->ctx, SL_EIO, "%s: truncated %s stream after %llu bytes", src->path,
                    kind_name(src->kind), (unsigned long long)src->consumed);
}

/* Counts the compressed bytes decoded before the damage, not those read. */
static uint64_t input_offset(const sl_source *src);

static int corrupt(sl_source *src, const char *why)
{
    return sl_error(src->ctx, SL_EIO, "%s: corrupt %s data after %llu bytes: %s", src->path,
                    kind_name(src->kind), (unsigned long long)input_offset(src), why);
}

/* ---------------------------------------------------------------- plain */

static int read_plain(sl_source *src, char *buf, size_t cap, size_t *got)
{
    /* Bytes looked at while sniffing come first. */
    if (src->in_pos < src->in_len) {
        size_t n = src->in_len - src->in_pos;
        if (n > cap)
            n = cap;
        memcpy(buf, src->in + src->in_pos, n);
        src->in_pos += n;
        *got = n;
        return SL_OK;
    }
    return read_fd(src, buf, cap, got);
}

/* ---------------------------------------------------------------- gzip */

static int gzip_init(sl_source *src)
{
    memset(&src->z, 0, sizeof src->z);
    src->z.zalloc = zlib_alloc;
    src->z.zfree = zlib_free;
    src->z.opaque = src->ctx;
    /* 15 + 32: a window of up to 32 KB, gzip or zlib header detected. */
    int ret = inflateInit2(&src->z, 15 + 32);
    if (ret == Z_MEM_ERROR)
        return sl_oom(src->ctx);
    if (ret != Z_OK)
        return sl_error(src->ctx, SL_EIO, "%s: cannot start gzip decoder", src->path);
    src->z_ready = true;
    return SL_OK;
}

/* File offset of the next compressed byte not yet decoded. */
static uint64_t input_offset(const sl_source *src)
{
    return src->consumed - (uint64_t)(src->in_len - src->in_pos);
}

static void begin_member(sl_source *src)
{
    src->member_start = input_offset(src);
    src->member_out = src->produced;
    src->members++;
}

static int read_gzip(sl_source *src, char *buf, size_t cap, size_t *got)
{
    *got = 0;
    for (;;) {
        int rc = refill(src);
        if (rc != SL_OK)
            return rc;
        if (src->in_pos == src->in_len)
            return src->frame_open ? truncated(src) : SL_OK;
        if (!src->frame_open)
            begin_member(src);
        src->frame_open = true;
        src->z.next_in = src->in + src->in_pos;
        src->z.avail_in = (uInt)(src->in_len - src->in_pos);
        src->z.next_out = (Bytef *)buf;
        src->z.avail_out = (uInt)(cap > UINT32_MAX ? UINT32_MAX : cap);
        int ret = inflate(&src->z, Z_NO_FLUSH);
        src->in_pos = src->in_len - src->z.avail_in;
        *got = (size_t)((char *)src->z.next_out - buf);
        if (ret == Z_STREAM_END) {
            /* One member is complete; another may follow (as `cat a.gz
             * b.gz` makes). */
            src->frame_open = false;
            inflateReset(&src->z);
        } else if (ret == Z_MEM_ERROR) {
            return sl_oom(src->ctx);
        } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
            return corrupt(src, src->z.msg ? src->z.msg : "invalid data");
        }
        if (*got > 0)
            return SL_OK;
    }
}

/* ---------------------------------------------------------------- zstd */

static int zstd_init(sl_source *src)
{
    ZSTD_customMem mem = { zstd_alloc, zstd_free, src->ctx };
    src->zd = ZSTD_createDCtx_advanced(mem);
    return src->zd ? SL_OK : sl_oom(src->ctx);
}

static int read_zstd(sl_source *src, char *buf, size_t cap, size_t *got)
{
    *got = 0;
    for (;;) {
        int rc = refill(src);
        if (rc != SL_OK)
            return rc;
        bool at_end = src->in_pos == src->in_len;
        if (at_end && !src->frame_open)
            return SL_OK;
        ZSTD_inBuffer in = { src->in, src->in_len, src->in_pos };
        ZSTD_outBuffer out = { buf, cap, 0 };
        size_t ret = ZSTD_decompressStream(src->zd, &out, &in);
        src->in_pos = in.pos;
        if (ZSTD_isError(ret)) {
            if (ZSTD_getErrorCode(ret) == ZSTD_error_memory_allocation)
                return sl_oom(src->ctx);
            return corrupt(src, ZSTD_getErrorName(ret));
        }
        /* 0: a frame is complete and flushed; anything else: more to come. */
        src->frame_open = ret != 0;
        *got = out.pos;
        if (*got > 0)
            return SL_OK;
        if (at_end)
            return truncated(src);
    }
}

/* ---------------------------------------------------------------- open/close */

/* Fill the input buffer with the first bytes and pick the decoder from
 * the magic numbers. */
static int sniff_kind(sl_source *src)
{
    while (src->in_len < 4 && !src->in_eof) {
        size_t got;
        int rc = read_fd(src, src->in + src->in_len, SOURCE_IN_CAP - src->in_len, &got);
        if (rc != SL_OK)
            return rc;
        src->in_len += got;
        src->in_eof = got == 0;
    }
    const unsigned char *m = src->in;
    if (src->in_len >= 2 && m[0] == 0x1F && m[1] == 0x8B)
        src->kind = SL_SOURCE_GZIP;
    else if (src->in_len >= 4 && m[0] == 0x28 && m[1] == 0xB5 && m[2] == 0x2F && m[3] == 0xFD)
        src->kind = SL_SOURCE_ZSTD;
    else
        src->kind = SL_SOURCE_PLAIN;
    return SL_OK;
}

static int open_fd(sl_source *src, const char *path)
{
    if (strcmp(path, "-") == 0) {
        src->fd = STDIN_FILENO;
        return SL_OK;
    }
    do {
        src->fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (src->fd < 0 && errno == EINTR);
    if (src->fd < 0)
        return sl_error(src->ctx, SL_EIO, "%s: cannot open: %s", path, strerror(errno));
    return SL_OK;
}

int sl_source_open(sl_source *src, sl_ctx *ctx, const char *path, int kind)
{
    memset(src, 0, sizeof *src);
    src->ctx = ctx;
    src->path = path;
    src->kind = kind;
    src->fd = -1;
    int rc = open_fd(src, path);
    if (rc == SL_OK && kind != SL_SOURCE_PLAIN) {
        src->in = sl_malloc(ctx, SOURCE_IN_CAP);
        rc = src->in ? SL_OK : sl_oom(ctx);
    }
    if (rc == SL_OK && kind == SL_SOURCE_SNIFF)
        rc = sniff_kind(src);
    if (rc == SL_OK && src->kind == SL_SOURCE_GZIP)
        rc = gzip_init(src);
    if (rc == SL_OK && src->kind == SL_SOURCE_ZSTD)
        rc = zstd_init(src);
    if (rc != SL_OK)
        sl_source_close(src);
    return rc;
}

int sl_source_read(sl_source *src, char *buf, size_t cap, size_t *got)
{
    *got = 0;
    if (cap == 0)
        return SL_OK;
    int rc;
    switch (src->kind) {
    case SL_SOURCE_GZIP: rc = read_gzip(src, buf, cap, got); break;
    case SL_SOURCE_ZSTD: rc = read_zstd(src, buf, cap, got); break;
    default: rc = read_plain(src, buf, cap, got); break;
    }
    src->produced += *got;
    return rc;
}

/* ---------------------------------------------------------------- resync */

/* Does in[i..] start like a gzip member (magic, deflate, no reserved flag
 * bits)?  -1 when more bytes are needed to tell. */
static int member_at(const sl_source *src, size_t i)
{
    const unsigned char *m = src->in + i;
    size_t left = src->in_len - i;
    if (left < 4)
        return left == 0 || m[0] == 0x1F ? -1 : 0;
    return m[0] == 0x1F && m[1] == 0x8B && m[2] == 0x08 && (m[3] & 0xE0) == 0;
}

/* Keep the unread tail of the input buffer and read more after it. */
static int refill_keeping_tail(sl_source *src)
{
    size_t tail = src->in_len - src->in_pos;
    memmove(src->in, src->in + src->in_pos, tail);
    src->in_pos = 0;
    src->in_len = tail;
    size_t got;
    int rc = read_fd(src, src->in + tail, SOURCE_IN_CAP - tail, &got);
    if (rc != SL_OK)
        return rc;
    src->in_len += got;
    src->in_eof = got == 0;
    return SL_OK;
}

/* Move the input to the first possible member start at or after in_pos. */
static int find_member(sl_source *src)
{
    for (;;) {
        while (src->in_pos < src->in_len) {
            int at = member_at(src, src->in_pos);
            if (at == 1 || (at < 0 && src->in_eof))
                return SL_OK;
            if (at < 0)
                break;
            src->in_pos++;
        }
        if (src->in_eof) {
            src->in_pos = src->in_len;
            return SL_OK;
        }
        int rc = refill_keeping_tail(src);
        if (rc != SL_OK)
            return rc;
        if (src->in_eof && src->in_pos == src->in_len)
            return SL_OK;
    }
}

int sl_source_resync(sl_source *src)
{
    if (src->kind != SL_SOURCE_GZIP)
        return sl_error(src->ctx, SL_EINVAL, "%s: only gzip input can resynchronise", src->path);
    uint64_t from = src->member_start + 1, here = input_offset(src);
    int rc = SL_OK;
    if (src->fd != STDIN_FILENO && from < here &&
        lseek(src->fd, (off_t)from, SEEK_SET) == (off_t)from) {
        src->consumed = from;
        src->in_pos = src->in_len = 0;
        src->in_eof = false;
    } else if (here < from) {
        /* Nothing of the member was consumed: step over its first byte so
         * that the same start is not found again. */
        if (src->in_pos == src->in_len)
            rc = refill(src);
        if (rc == SL_OK && src->in_pos < src->in_len)
            src->in_pos++;
    }
    inflateReset(&src->z);
    src->frame_open = false;
    if (rc == SL_OK)
        rc = find_member(src);
    if (rc == SL_OK && src->in_pos < src->in_len) {
        /* The next read starts a member here, even a false match: its
         * damage is found (and skipped) in turn. */
        src->member_start = input_offset(src);
    }
    return rc;
}

void sl_source_close(sl_source *src)
{
    if (src->z_ready)
        inflateEnd(&src->z);
    if (src->zd)
        ZSTD_freeDCtx(src->zd);
    if (src->fd > STDIN_FILENO)
        close(src->fd);
    sl_free(src->ctx, src->in);
    memset(src, 0, sizeof *src);
    src->fd = -1;
}
