/* Fuzz target: WARC archives as reader input (src/ingest/warc.c,
 * warc_http.c, html_input.c): record framing, damaged records and
 * resynchronisation, HTTP responses with chunked and gzip/deflate bodies,
 * and the page of each record made into a document.  The input is a
 * .warc file (whole-file or per-record gzip is sniffed by the reader).
 * The HTTP parsing helpers are also run on the input directly. */
#include "fuzz_util.h"

#include "core/core.h"
#include "ingest/warc.h"

static void check_doc(sl_reader *r, const sl_doc *doc)
{
    FUZZ_CHECK(fuzz_valid_utf8(doc->text.ptr, doc->text.len));
    FUZZ_CHECK(fuzz_valid_utf8(doc->id.ptr, doc->id.len));
    FUZZ_CHECK(fuzz_valid_utf8(doc->url.ptr, doc->url.len));
    sl_str v;
    if (sl_reader_field(r, doc, "page", "charset", &v) == 1)
        FUZZ_CHECK(fuzz_valid_utf8(v.ptr, v.len));
    (void)sl_reader_field(r, doc, "warc", "record_id", &v);
}

/* The HTTP helpers on the raw bytes, as if they were one record's block. */
static void http_direct(sl_ctx *ctx, const char *s, size_t len)
{
    sl_http_head h;
    char day[11];
    (void)sl_http_day(s, len < 64 ? len : 64, day);
    if (!sl_http_parse_head(s, len, &h))
        return;
    FUZZ_CHECK(h.body <= len);
    sl_buf scratch, out;
    sl_buf_init(&scratch, ctx);
    sl_buf_init(&out, ctx);
    int rc = sl_http_body(ctx, &h, s + h.body, len - h.body, (size_t)1 << 20, &scratch, &out);
    FUZZ_CHECK(rc == SL_OK || rc == SL_EPARSE || rc == SL_ELIMIT);
    if (rc == SL_OK)
        FUZZ_CHECK(out.len <= ((size_t)1 << 20));
    sl_buf_release(&scratch);
    sl_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    sl_ctx *ctx = fuzz_ctx();
    http_direct(ctx, (const char *)data, size);
    const char *path = fuzz_write_temp(".warc", data, size);
    sl_reader_options ro = SL_READER_OPTIONS_INIT;
    ro.max_doc = ro.max_line = (size_t)1 << 20;
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
        if (rc == SL_OK)
            check_doc(r, &doc);
        else
            FUZZ_CHECK(sl_errmsg(ctx)[0] != '\0');
    }
    sl_reader_free(r);
    sl_ctx_free(ctx);
    return 0;
}
