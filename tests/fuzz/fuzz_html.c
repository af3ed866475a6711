/* Fuzz target: article extraction from web pages (src/html/): charset
 * detection, the forgiving parser, scoring, the text and its map back to
 * the page.  The last byte picks the charset hint an HTTP header would
 * give (or none).  The result is checked against the contract of
 * sl_html_extract. */
#include "fuzz_util.h"

static void check_field(const sl_html_field *f, size_t len)
{
    FUZZ_CHECK(fuzz_valid_utf8(f->text.ptr, f->text.len));
    if (f->from)
        FUZZ_CHECK(f->start <= f->end && f->end <= len);
}

static void check_result(const sl_html_result *r, size_t len)
{
    FUZZ_CHECK(fuzz_valid_utf8(r->text.ptr, r->text.len));
    FUZZ_CHECK(r->charset && r->charset_from);
    check_field(&r->title, len);
    check_field(&r->byline, len);
    check_field(&r->published, len);
    check_field(&r->url, len);
    for (size_t i = 0; i < r->n_captions; i++)
        check_field(&r->captions[i], len);
    for (size_t i = 0; i < r->n_map; i++)
        FUZZ_CHECK(r->map[i].raw + r->map[i].raw_len <= len &&
                   r->map[i].clean + r->map[i].clean_len <= r->text.len);
    for (size_t off = 0; off <= r->text.len; off += 1 + r->text.len / 9)
        FUZZ_CHECK(sl_html_page_offset(r, off) <= len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const hints[] = { NULL, "utf-8", "windows-1252", "iso-8859-2",
                                         "shift_jis", "koi8-r", "bogus-charset", NULL };
    static const char url[] = "https://news.example.com/2021/06/16/a-story.html";
    size = fuzz_cap(size);
    const char *hint = size ? hints[data[size - 1] % 8] : NULL;
    sl_ctx *ctx = fuzz_ctx();
    sl_html *h = NULL;
    sl_html_options ho = SL_HTML_OPTIONS_INIT;
    if (sl_html_new(ctx, &h, &ho) != SL_OK)
        abort();
    const sl_html_result *r = NULL;
    int rc = sl_html_extract(h, (const char *)data, size, url, sizeof url - 1, hint, &r);
    FUZZ_CHECK(rc == SL_OK);
    check_result(r, size);
    /* Once more without the URL, on the same handle (results are reused). */
    rc = sl_html_extract(h, (const char *)data, size, NULL, 0, NULL, &r);
    FUZZ_CHECK(rc == SL_OK);
    check_result(r, size);
    sl_html_free(h);
    sl_ctx_free(ctx);
    return 0;
}
