/* Byte sources for the reader: a file or standard input, read as it is or
 * decompressed on the fly (gzip, zstd), in bounded memory. */
#ifndef SL_INGEST_SOURCE_H
#define SL_INGEST_SOURCE_H

#include "../core/core.h"

#include <zlib.h>
#include <zstd.h>

enum sl_source_kind {
    SL_SOURCE_PLAIN,
    SL_SOURCE_GZIP,
    SL_SOURCE_ZSTD,
    SL_SOURCE_SNIFF  /* look at the first bytes: gzip or zstd magic, else plain */
};

typedef struct sl_source {
    sl_ctx *ctx;
    const char *path;      /* for messages; "-" is standard input */
    int fd;
    int kind;
    unsigned char *in;     /* compressed input (and sniffed bytes) */
    size_t in_pos, in_len;
    bool in_eof;
    uint64_t consumed;     /* bytes read from the file */
    z_stream z;
    bool z_ready;
    ZSTD_DCtx *zd;
    bool frame_open;       /* a compressed member/frame has started but not ended */
    uint64_t produced;     /* (decompressed) bytes returned so far */
    /* gzip: the member being decoded (or the last one): where it starts
     * in the file, the value of `produced` when its output began, and how
     * many members have begun.  WARC readers name records by these. */
    uint64_t member_start, member_out, members;
} sl_source;

/* Open `path` ("-": standard input).  On failure returns SL_EIO (or
 * SL_ENOMEM) with a message naming the path, and the source needs no
 * closing. */
int sl_source_open(sl_source *src, sl_ctx *ctx, const char *path, int kind);
/* Read up to cap bytes of (decompressed) data; *got == 0 means the end.
 * A truncated or corrupt stream gives SL_EIO and a message such as
 * "path: truncated gzip stream after N bytes". */
int sl_source_read(sl_source *src, char *buf, size_t cap, size_t *got);
void sl_source_close(sl_source *src);
/* After a gzip error: go on with the next gzip member after the start of
 * the damaged one (found by its magic bytes; in a seekable file the
 * search starts right after the damaged member's first byte, otherwise
 * where decoding stopped).  SL_OK, also when no member is left (the next
 * read then gives the end); SL_EINVAL for a source that is not gzip, and
 * SL_EIO when the file cannot be read. */
int sl_source_resync(sl_source *src);

#endif
