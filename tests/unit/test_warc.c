/* WARC and page input: the HTTP helpers (headers, chunked and compressed
 * bodies, dates), the reader on WARC files with damaged records, and
 * allocation failure all through. */
#include "test_util.h"

#include "ingest/warc.h"

#include <unistd.h>
#include <zlib.h>

/* ---------------------------------------------------------------- HTTP */

static void test_http_head(void **state)
{
    (void)state;
    const char *resp = "HTTP/1.1 200 OK\r\nContent-Type: text/html; Charset=\"ISO-8859-1\"\r\n"
                       "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"
                       "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nBODY";
    sl_http_head h;
    assert_true(sl_http_parse_head(resp, strlen(resp), &h));
    assert_int_equal(h.status, 200);
    assert_true(h.html);
    assert_true(h.chunked);
    assert_int_equal(h.coding, HTTP_GZIP);
    assert_string_equal(h.charset, "ISO-8859-1");
    assert_string_equal(h.date, "1994-11-06");
    assert_string_equal(resp + h.body, "BODY");

    const char *img = "HTTP/1.0 404 Not Found\nContent-Type: image/png\n\n";
    assert_true(sl_http_parse_head(img, strlen(img), &h));
    assert_int_equal(h.status, 404);
    assert_false(h.html);
    assert_false(sl_http_parse_head("GET / HTTP/1.1\r\n\r\n", 18, &h));
    assert_false(sl_http_parse_head("HTTP/1.1 200 OK\r\nX: y", 21, &h)); /* no end */
}

static void test_http_dates(void **state)
{
    (void)state;
    char d[11];
    assert_true(sl_http_day("Sunday, 06-Nov-94 08:49:37 GMT", 30, d));
    assert_string_equal(d, "1994-11-06");
    assert_true(sl_http_day("Sun Nov  6 08:49:37 1994", 24, d));
    assert_string_equal(d, "1994-11-06");
    assert_true(sl_http_day("2024-03-05T10:00:00Z", 20, d));
    assert_string_equal(d, "2024-03-05");
    assert_false(sl_http_day("yesterday", 9, d));
    assert_false(sl_http_day("", 0, d));
}

static size_t gzip_bytes(const char *s, unsigned char *out, size_t cap, int bits)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)s;
    z.avail_in = (uInt)strlen(s);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    return n;
}

static void test_http_bodies(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_buf scratch, out;
    sl_buf_init(&scratch, ctx);
    sl_buf_init(&out, ctx);
    sl_http_head h;
    memset(&h, 0, sizeof h);

    h.chunked = true;
    const char *chunked = "5\r\n<p>he\r\n7;x=1\r\nllo</p>\r\n0\r\n\r\n";
    assert_int_equal(sl_http_body(ctx, &h, chunked, strlen(chunked), 100, &scratch, &out), SL_OK);
    assert_string_equal(out.ptr, "<p>hello</p>");
    /* Stored de-chunked although the header says chunked: taken as is. */
    assert_int_equal(sl_http_body(ctx, &h, "<p>x</p>", 8, 100, &scratch, &out), SL_OK);
    assert_string_equal(out.ptr, "<p>x</p>");

    h.chunked = false;
    unsigned char z[256];
    const char *page = "<html><body><p>compressed page</p></body></html>";
    int kinds[3][2] = { { HTTP_GZIP, 15 + 16 }, { HTTP_DEFLATE, 15 }, { HTTP_DEFLATE, -15 } };
    for (int k = 0; k < 3; k++) {
        h.coding = kinds[k][0];
        size_t n = gzip_bytes(page, z, sizeof z, kinds[k][1]);
        assert_int_equal(sl_http_body(ctx, &h, (char *)z, n, 1000, &scratch, &out), SL_OK);
        assert_string_equal(out.ptr, page);
        /* cut short: what it holds, no error */
        assert_int_equal(sl_http_body(ctx, &h, (char *)z, n / 2, 1000, &scratch, &out), SL_OK);
        assert_true(out.len < strlen(page));
        /* over the limit */
        assert_int_equal(sl_http_body(ctx, &h, (char *)z, n, 10, &scratch, &out), SL_ELIMIT);
    }
    /* Labelled gzip, stored decoded. */
    h.coding = HTTP_GZIP;
    assert_int_equal(sl_http_body(ctx, &h, page, strlen(page), 1000, &scratch, &out), SL_OK);
    assert_string_equal(out.ptr, page);
    sl_buf_release(&scratch);
    sl_buf_release(&out);
    sl_ctx_free(ctx);
}

/* ---------------------------------------------------------------- reader */

static char dir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/sl_warc_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void add_record(sl_buf *b, const char *type, const char *uri, const char *block,
                       long length)
{
    char head[512];
    snprintf(head, sizeof head,
             "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
             "WARC-Date: 2024-03-06T11:00:00Z\r\nContent-Length: %ld\r\n\r\n",
             type, uri, length >= 0 ? length : (long)strlen(block));
    assert_int_equal(sl_buf_puts(b, head), SL_OK);
    assert_int_equal(sl_buf_puts(b, block), SL_OK);
    assert_int_equal(sl_buf_puts(b, "\r\n\r\n"), SL_OK);
}

static const char *response(const char *sentence)
{
    static char buf[1024];
    snprintf(buf, sizeof buf,
             "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>T</title>"
             "</head><body><article><p>%s</p></article></body></html>", sentence);
    return buf;
}

/* A WARC: good, damaged (wrong length), request, good, no length, good. */
static const char *write_warc(sl_ctx *ctx, size_t *damaged_at)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/t.warc", dir);
    sl_buf b;
    sl_buf_init(&b, ctx);
    add_record(&b, "response", "http://a.example/1",
               response("First page, long enough to be an article, with a comma."), -1);
    *damaged_at = b.len;
    add_record(&b, "response", "http://a.example/2", response("Damaged page."), 5000);
    add_record(&b, "request", "http://a.example/3", "GET / HTTP/1.1\r\n\r\n", -1);
    add_record(&b, "response", "http://a.example/4",
               response("Second page, long enough to be an article, with a comma."), -1);
    assert_int_equal(sl_buf_puts(&b, "WARC/1.0\r\nWARC-Type: response\r\n\r\n"), SL_OK);
    add_record(&b, "response", "http://b.example/5",
               response("Third page, long enough to be an article, with a comma."), -1);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b.ptr, 1, b.len, f), b.len);
    fclose(f);
    sl_buf_release(&b);
    return path;
}

static void test_damaged_records(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    size_t bad;
    const char *path = write_warc(ctx, &bad);
    sl_reader *r;
    assert_int_equal(sl_reader_new(ctx, &r, NULL), SL_OK);
    assert_int_equal(sl_reader_add(r, path), SL_OK);
    sl_doc d;
    int rc, good = 0, errors = 0;
    char want[64];
    snprintf(want, sizeof want, "WARC record at byte %zu: damaged record", bad);
    while ((rc = sl_reader_next(r, &d)) != SL_EOF) {
        if (rc == SL_OK) {
            good++;
            assert_non_null(strstr(d.text.ptr, "long enough"));
            assert_true(d.url.len > 0);
            assert_true(sl_doc_has_field(&d, "page"));
        } else {
            if (errors++ == 0)
                assert_non_null(strstr(sl_errmsg(ctx), want));
            assert_int_equal(rc, SL_EPARSE);
        }
    }
    assert_int_equal(good, 3);
    assert_int_equal(errors, 2);
    sl_reader_free(r);
    sl_ctx_free(ctx);
}

/* Fail the k-th allocation until a whole run works: every call answers
 * SL_ENOMEM or works, and nothing leaks (ASan). */
static void test_out_of_memory(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    size_t bad;
    const char *path = write_warc(ctx, &bad);
    bool done = false;
    uint64_t k;
    for (k = 1; k < 20000 && !done; k++) {
        sl_ctx_set_fail_alloc_after(ctx, k);
        sl_reader *r = NULL;
        int rc = sl_reader_new(ctx, &r, NULL);
        if (rc == SL_OK)
            rc = sl_reader_add(r, path);
        int good = 0;
        while (rc != SL_EOF && rc != SL_ENOMEM) {
            sl_doc d;
            rc = sl_reader_next(r, &d);
            good += rc == SL_OK;
        }
        if (rc == SL_EOF) {
            assert_int_equal(good, 3);
            done = true;
        }
        sl_reader_free(r);
    }
    assert_true(done);
    assert_true(k > 50); /* the run needs many allocations: all were tried */
    sl_ctx_set_fail_alloc_after(ctx, 0);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_http_head),
        cmocka_unit_test(test_http_dates),
        cmocka_unit_test(test_http_bodies),
        cmocka_unit_test_setup_teardown(test_damaged_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_memory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
