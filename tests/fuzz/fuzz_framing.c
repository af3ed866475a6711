/* Fuzz target: the byte sources under the reader (src/ingest/source.c):
 * plain, gzip (one or many members) and zstd streams, whole, truncated or
 * corrupt.  The input is a file's bytes.  It is read twice: through a
 * sniffing source in uneven pieces, with resynchronisation after gzip
 * damage as the WARC reader does, and through the reader under a name
 * without a known extension, so the reader sniffs the compression and the
 * format (JSONL, a page, a WARC or plain text) as it does on stdin. */
#include "fuzz_util.h"

#include "ingest/source.h"

static void read_source(sl_ctx *ctx, const char *path, size_t piece)
{
    sl_source src;
    if (sl_source_open(&src, ctx, path, SL_SOURCE_SNIFF) != SL_OK)
        abort();
    char buf[4096];
    uint64_t total = 0;
    for (int guard = 0; guard < 100000; guard++) {
        size_t got = 0;
        int rc = sl_source_read(&src, buf, piece, &got);
        if (rc == SL_OK && got == 0)
            break;
        FUZZ_CHECK(rc == SL_OK || rc == SL_EIO);
        if (rc == SL_OK) {
            FUZZ_CHECK(got <= piece);
            total += got;
            FUZZ_CHECK(total <= ((uint64_t)64 << 20));
            continue;
        }
        FUZZ_CHECK(sl_errmsg(ctx)[0] != '\0');
        if (src.kind != SL_SOURCE_GZIP)
            break;
        rc = sl_source_resync(&src);
        FUZZ_CHECK(rc == SL_OK || rc == SL_EIO);
        if (rc != SL_OK)
            break;
    }
    sl_source_close(&src);
}

static void read_records(sl_ctx *ctx, const char *path)
{
    sl_reader_options ro = SL_READER_OPTIONS_INIT;
    ro.max_line = ro.max_doc = (size_t)1 << 20;
    sl_reader *r = NULL;
    if (sl_reader_new(ctx, &r, &ro) != SL_OK)
        abort();
    FUZZ_CHECK(sl_reader_add(r, path) == SL_OK);
    for (int guard = 0; guard < 100000; guard++) {
        sl_doc doc;
        int rc = sl_reader_next(r, &doc);
        if (rc == SL_EOF)
            break;
        FUZZ_CHECK(rc != SL_ENOMEM);
        /* A JSONL record's text is valid UTF-8; a plain-text document is
         * taken as raw bytes, for the clean stage to repair. */
        if (rc == SL_OK && doc.raw.len)
            FUZZ_CHECK(fuzz_valid_utf8(doc.text.ptr, doc.text.len));
    }
    (void)sl_reader_bytes(r);
    sl_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    sl_ctx *ctx = fuzz_ctx();
    const char *path = fuzz_write_temp(".in", data, size);
    /* Odd piece sizes cross every boundary of the decoders' buffers. */
    size_t piece = size ? 1 + data[size - 1] % 61 : 1;
    read_source(ctx, path, piece);
    read_source(ctx, path, 4096);
    read_records(ctx, path);
    sl_ctx_free(ctx);
    return 0;
}
