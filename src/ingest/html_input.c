/* A web page as a document: the article is extracted with
 * sl_html_extract, and the page becomes a JSON record like any JSONL input,
 * so every stage reads it the same way and writes its fields through:
 *
 *   {"id", "url", "source", "title", "byline", "published", "text",
 *    "page": {"charset", "provenance", "captions", "map", "warc"}}
 *
 * Fields the page does not give are left out.  "source" is the host of the
 * URL without "www.".  "published" is the page's own date; without one, a
 * WARC record's HTTP Date (else its WARC-Date) is a bound, written the way
 * `storyline facts` writes an inferred date: {"value": null, "earliest":
 * null, "latest": "YYYY-MM-DD", "from": "http-date"}.  "page.map" maps
 * text offsets to byte offsets of the page (see docs/formats.md).  For a
 * JSONL record with "html", the record's own members come first, byte for
 * byte, and win over what the page says. */
#include "reader.h"

#include <string.h>

static int ensure_html(sl_reader *r)
{
    if (r->html)
        return SL_OK;
    sl_html_options o = SL_HTML_OPTIONS_INIT;
    o.max_page = r->opts.max_doc;
    return sl_html_new(r->ctx, &r->html, &o);
}

static bool has(const sl_doc *record, const char *key)
{
    return record && sl_doc_has_field(record, key);
}

/* The host of a URL, lower case, without "www." and a port; 0 when none. */
static size_t url_host(const char *url, size_t len, char *out, size_t cap)
{
    const char *p = NULL;
    for (size_t i = 0; i + 2 < len && i < 16; i++)
        if (url[i] == ':' && url[i + 1] == '/' && url[i + 2] == '/') {
            p = url + i + 3;
            break;
        }
    if (!p)
        return 0;
    const char *end = url + len, *h = p;
    for (const char *q = p; q < end && *q != '/' && *q != '?' && *q != '#'; q++)
        if (*q == '@')
            h = q + 1;
    size_t n = 0;
    for (const char *q = h; q < end && *q != '/' && *q != '?' && *q != '#' && *q != ':'; q++) {
        if (n + 1 >= cap)
            return 0;
        char c = *q;
        out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    if (n > 4 && memcmp(out, "www.", 4) == 0) {
        memmove(out, out + 4, n - 4);
        n -= 4;
    }
    return n;
}

/* ---------------------------------------------------------------- writing */

static int put_string(sl_out *o, const char *key, const char *s, size_t len)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_string(o, s, len);
}

static int put_int(sl_out *o, const char *key, int64_t v)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_int(o, v);
}

static int put_source(sl_out *o, const char *key, const sl_html_field *f)
{
    if (!f->from)
        return SL_OK;
    int rc = sl_out_key(o, key);
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = put_string(o, "from", f->from, strlen(f->from));
    if (!rc) rc = put_int(o, "start", (int64_t)f->start);
    if (!rc) rc = put_int(o, "end", (int64_t)f->end);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int put_provenance(sl_out *o, const sl_html_result *res)
{
    int rc = sl_out_key(o, "provenance");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = put_source(o, "title", &res->title);
    if (!rc) rc = put_source(o, "byline", &res->byline);
    if (!rc) rc = put_source(o, "published", &res->published);
    if (!rc) rc = put_source(o, "url", &res->url);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int put_captions(sl_out *o, const sl_html_result *res)
{
    int rc = sl_out_key(o, "captions");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < res->n_captions && !rc; i++) {
        const sl_html_field *c = &res->captions[i];
        rc = sl_out_begin_object(o);
        if (!rc) rc = put_string(o, "text", c->text.ptr, c->text.len);
        if (!rc) rc = put_int(o, "start", (int64_t)c->start);
        if (!rc) rc = put_int(o, "end", (int64_t)c->end);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int put_map(sl_out *o, const sl_html_result *res)
{
    int rc = sl_out_key(o, "map");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < res->n_map && !rc; i++) {
        const sl_map_seg *s = &res->map[i];
        rc = sl_out_begin_array(o);
        if (!rc) rc = sl_out_int(o, (int64_t)s->clean);
        if (!rc) rc = sl_out_int(o, (int64_t)s->clean_len);
        if (!rc) rc = sl_out_int(o, (int64_t)s->raw);
        if (!rc) rc = sl_out_int(o, (int64_t)s->raw_len);
        if (!rc) rc = sl_out_end_array(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int put_warc(sl_out *o, const sl_page_info *in)
{
    int rc = sl_out_key(o, "warc");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = put_int(o, "offset", (int64_t)in->offset);
    if (!rc && in->uncompressed_offset) rc = put_string(o, "offset_of", "uncompressed", 12);
    if (!rc) rc = put_int(o, "record", (int64_t)in->line);
    if (!rc && in->record_id.len)
        rc = put_string(o, "record_id", in->record_id.ptr, in->record_id.len);
    if (!rc && in->status) rc = put_int(o, "status", in->status);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int put_page(sl_out *o, const sl_html_result *res, const sl_page_info *in)
{
    int rc = sl_out_key(o, "page");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "charset");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = put_string(o, "name", res->charset, strlen(res->charset));
    if (!rc) rc = put_string(o, "from", res->charset_from, strlen(res->charset_from));
    if (!rc) rc = sl_out_end_object(o);
    if (!rc) rc = put_provenance(o, res);
    if (!rc) rc = put_captions(o, res);
    if (!rc) rc = put_map(o, res);
    if (!rc && in->warc) rc = put_warc(o, in);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int put_hint(sl_out *o, const sl_page_info *in)
{
    int rc = sl_out_key(o, "published");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "value");
    if (!rc) rc = sl_out_null(o);
    if (!rc) rc = sl_out_key(o, "earliest");
    if (!rc) rc = sl_out_null(o);
    if (!rc) rc = put_string(o, "latest", in->date_hint, strlen(in->date_hint));
    if (!rc) rc = put_string(o, "from", in->date_hint_from, strlen(in->date_hint_from));
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

/* url, source, title, byline, published, unless the record has them. */
static int put_fields(sl_out *o, const sl_html_result *res, const sl_page_info *in,
                      const sl_doc *record)
{
    sl_str url = in->url.len ? in->url : res->url.text;
    int rc = SL_OK;
    if (url.len && !has(record, "url"))
        rc = put_string(o, "url", url.ptr, url.len);
    char host[256];
    size_t hlen = url_host(url.ptr, url.len, host, sizeof host);
    if (!rc && hlen && !has(record, "source"))
        rc = put_string(o, "source", host, hlen);
    if (!rc && res->title.from && !has(record, "title"))
        rc = put_string(o, "title", res->title.text.ptr, res->title.text.len);
    if (!rc && res->byline.from && !has(record, "byline"))
        rc = put_string(o, "byline", res->byline.text.ptr, res->byline.text.len);
    if (!rc && !has(record, "published")) {
        if (res->published.from)
            rc = put_string(o, "published", res->published.text.ptr, res->published.text.len);
        else if (in->date_hint && in->date_hint[0])
            rc = put_hint(o, in);
    }
    return rc;
}

static int build_record(sl_reader *r, const sl_html_result *res, const sl_page_info *in,
                        const sl_doc *record, const char **line, size_t *len)
{
    sl_out *o = r->rec_out;
    int rc;
    if (record) {
        rc = sl_out_begin_doc(o, record, NULL);
    } else {
        sl_out_reset(o);
        rc = sl_out_begin_object(o);
        if (!rc) rc = put_string(o, "id", in->id.ptr, in->id.len);
    }
    if (!rc) rc = put_fields(o, res, in, record);
    if (!rc) rc = put_string(o, "text", res->text.ptr, res->text.len);
    if (!rc && !has(record, "page")) rc = put_page(o, res, in);
    if (!rc) rc = sl_out_end_object(o);
    return rc ? rc : sl_out_finish(o, line, len);
}

int sl_reader_page_doc(sl_reader *r, const char *page, size_t len, const sl_page_info *info,
                       const sl_doc *record, sl_doc *doc)
{
    int rc = ensure_html(r);
    if (!rc && !r->rec_out)
        rc = sl_out_new(r->ctx, &r->rec_out);
    if (rc)
        return rc;
    const sl_html_result *res;
    const char *url = info->url.len ? info->url.ptr : NULL;
    rc = sl_html_extract(r->html, page, len, url, info->url.len, info->charset, &res);
    if (rc)
        return rc;
    const char *line;
    size_t n;
    rc = build_record(r, res, info, record, &line, &n);
    if (rc)
        return rc;
    uint64_t line_no = record ? record->line : info->line;
    /* Drop the newline: doc->raw is the record without it, as for JSONL. */
    rc = sl_reader_record(r, line, n - 1, doc);
    if (rc)
        return rc;
    doc->line = line_no;
    return SL_OK;
}
