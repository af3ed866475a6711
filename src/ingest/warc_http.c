/* The HTTP response inside a WARC record: the status line and the headers
 * that matter for a page (type and charset, transfer and content coding,
 * date), and the body turned back into the page bytes the server meant. */
#include "warc.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* ---------------------------------------------------------------- text */

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && (is_space((*s)[*len - 1]) || (*s)[*len - 1] == '\r'))
        (*len)--;
}

static bool equal_ci(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

/* Does s[0..len) contain `word` (lower case), ignoring case? */
static bool contains_ci(const char *s, size_t len, const char *word)
{
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= len; i++)
        if (strncasecmp(s + i, word, k) == 0)
            return true;
    return false;
}

/* ---------------------------------------------------------------- type */

bool sl_http_is_html(const char *value, size_t len, char charset[40])
{
    charset[0] = '\0';
    const char *semi = memchr(value, ';', len);
    size_t mlen = semi ? (size_t)(semi - value) : len;
    const char *mime = value;
    trim(&mime, &mlen);
    bool html = equal_ci(mime, mlen, "text/html") || equal_ci(mime, mlen, "application/xhtml+xml");
    for (const char *p = semi; p && p < value + len; p = memchr(p + 1, ';', (size_t)(value + len - p - 1))) {
        const char *param = p + 1;
        size_t plen = (size_t)(value + len - param);
        const char *next = memchr(param, ';', plen);
        if (next)
            plen = (size_t)(next - param);
        trim(&param, &plen);
        if (plen > 8 && strncasecmp(param, "charset=", 8) == 0) {
            const char *cs = param + 8;
            size_t clen = plen - 8;
            if (clen >= 2 && (cs[0] == '"' || cs[0] == '\'') && cs[clen - 1] == cs[0]) {
                cs++;
                clen -= 2;
            }
            if (clen > 0 && clen < 40) {
                memcpy(charset, cs, clen);
                charset[clen] = '\0';
            }
        }
        if (!next)
            break;
    }
    return html;
}

/* ---------------------------------------------------------------- head */

static int coding_of(const char *v, size_t len)
{
    if (len == 0 || equal_ci(v, len, "identity"))
        return HTTP_IDENTITY;
    if (equal_ci(v, len, "gzip") || equal_ci(v, len, "x-gzip"))
        return HTTP_GZIP;
    if (equal_ci(v, len, "deflate"))
        return HTTP_DEFLATE;
    return HTTP_UNKNOWN_CODING;
}

static void header(sl_http_head *h, const char *name, size_t nlen, const char *v, size_t vlen)
{
    trim(&v, &vlen);
    if (equal_ci(name, nlen, "content-type")) {
        h->html = sl_http_is_html(v, vlen, h->charset);
    } else if (equal_ci(name, nlen, "transfer-encoding")) {
        h->chunked = contains_ci(v, vlen, "chunked");
    } else if (equal_ci(name, nlen, "content-encoding")) {
        h->coding = coding_of(v, vlen);
        size_t n = vlen < sizeof h->coding_name - 1 ? vlen : sizeof h->coding_name - 1;
        memcpy(h->coding_name, v, n);
        h->coding_name[n] = '\0';
    } else if (equal_ci(name, nlen, "date")) {
        if (!sl_http_day(v, vlen, h->date))
            h->date[0] = '\0';
    }
}

static int status_of(const char *line, size_t len)
{
    if (len < 12 || strncmp(line, "HTTP/", 5) != 0)
        return 0;
    const char *sp = memchr(line, ' ', len);
    if (!sp || (size_t)(sp - line) + 4 > len)
        return 0;
    int status = 0;
    for (int i = 1; i <= 3; i++) {
        char c = sp[i];
        if (c < '0' || c > '9')
            return 0;
        status = status * 10 + (c - '0');
    }
    return status;
}

bool sl_http_parse_head(const char *block, size_t len, sl_http_head *h)
{
    memset(h, 0, sizeof *h);
    size_t pos = 0;
    bool first = true;
    while (pos < len) {
        const char *line = block + pos;
        const char *nl = memchr(line, '\n', len - pos);
        if (!nl)
            return false;
        size_t llen = (size_t)(nl - line);
        pos += llen + 1;
        if (llen > 0 && line[llen - 1] == '\r')
            llen--;
        if (first) {
            h->status = status_of(line, llen);
            if (h->status == 0)
                return false;
            first = false;
            continue;
        }
        if (llen == 0) {
            h->body = pos;
            return true;
        }
        const char *colon = memchr(line, ':', llen);
        if (colon)
            header(h, line, (size_t)(colon - line), colon + 1, llen - (size_t)(colon - line) - 1);
    }
    return false;
}

/* ---------------------------------------------------------------- chunked */

/* The size on a chunk line s[0..len) ("1a3f;ext"), or -1. */
static long long chunk_size(const char *s, size_t len)
{
    long long v = 0;
    size_t i = 0;
    for (; i < len; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            break;
        if (v > (1LL << 40))
            return -1;
        v = v * 16 + d;
    }
    if (i == 0)
        return -1;
    for (; i < len; i++)
        if (s[i] != ';' && !is_space(s[i]) && s[i] != '\r')
            return i > 0 && s[i - 1] != ';' && !is_space(s[i - 1]) ? -1 : v;
    return v;
}

/* Undo chunked transfer coding into out.  false when the body does not
 * start as a chunked body (some archives store it decoded already); a
 * body cut short gives the chunks it holds. */
static int dechunk(const char *body, size_t len, size_t max, sl_buf *out, bool *was_chunked)
{
    size_t pos = 0;
    *was_chunked = false;
    while (pos < len) {
        const char *nl = memchr(body + pos, '\n', len - pos);
        if (!nl)
            break;
        long long n = chunk_size(body + pos, (size_t)(nl - body - pos));
        if (n < 0)
            break;
        *was_chunked = true;
        pos = (size_t)(nl - body) + 1;
        if (n == 0)
            break;
        size_t take = (size_t)n < len - pos ? (size_t)n : len - pos;
        if (out->len + take > max)
            return SL_ELIMIT;
        int rc = sl_buf_append(out, body + pos, take);
        if (rc)
            return rc;
        pos += take;
        if (pos < len && body[pos] == '\r')
            pos++;
        if (pos < len && body[pos] == '\n')
            pos++;
    }
    return SL_OK;
}

/* ---------------------------------------------------------------- inflate */

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    if (size && items > SIZE_MAX / size)
        return Z_NULL;
    return sl_malloc(opaque, (size_t)items * size);
}

static void z_free(voidpf opaque, voidpf ptr)
{
    sl_free(opaque, ptr);
}

/* Inflate in[0..len) with `bits` (zlib's windowBits) into out.  Returns
 * SL_OK (also for data cut short), SL_EPARSE on bad data, with *produced. */
static int inflate_into(sl_ctx *ctx, int bits, const char *in, size_t len, size_t max,
                        sl_buf *out, size_t *produced)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    z.zalloc = z_alloc;
    z.zfree = z_free;
    z.opaque = ctx;
    *produced = 0;
    int ret = inflateInit2(&z, bits);
    if (ret != Z_OK)
        return ret == Z_MEM_ERROR ? sl_oom(ctx) : SL_EPARSE;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
    int rc = SL_OK;
    for (;;) {
        if ((rc = sl_buf_reserve(out, 64 << 10)) != SL_OK)
            break;
        z.next_out = (Bytef *)(out->ptr + out->len);
        z.avail_out = (uInt)(out->cap - out->len - 1);
        ret = inflate(&z, Z_NO_FLUSH);
        size_t got = (size_t)((char *)z.next_out - (out->ptr + out->len));
        out->len += got;
        out->ptr[out->len] = '\0';
        *produced += got;
        if (out->len > max) {
            rc = SL_ELIMIT;
            break;
        }
        if (ret == Z_STREAM_END || (ret == Z_BUF_ERROR && z.avail_in == 0))
            break; /* done, or the body was cut short */
        if (ret == Z_MEM_ERROR) {
            rc = sl_oom(ctx);
            break;
        }
        if (ret != Z_OK && ret != Z_BUF_ERROR) {
            rc = sl_error(ctx, SL_EPARSE, "bad compressed body: %s", z.msg ? z.msg : "invalid data");
            break;
        }
        if (z.avail_in == 0 && got == 0)
            break;
    }
    inflateEnd(&z);
    return rc;
}

/* Content coding undone; bodies that were stored decoded already (they
 * do not start as compressed data) are taken as they are. */
static int decode_content(sl_ctx *ctx, int coding, const char *in, size_t len, size_t max,
                          sl_buf *out)
{
    size_t produced;
    size_t start = out->len;
    /* 15 + 32: gzip or zlib header; deflate without a header is raw. */
    int rc = inflate_into(ctx, 15 + 32, in, len, max, out, &produced);
    if (rc == SL_EPARSE && produced == 0 && coding == HTTP_DEFLATE) {
        out->len = start;
        rc = inflate_into(ctx, -15, in, len, max, out, &produced);
    }
    if (rc == SL_EPARSE && produced == 0 && len > 0 && in[0] == '<') {
        out->len = start;
        if (len > max)
            return SL_ELIMIT;
        return sl_buf_append(out, in, len);
    }
    return rc;
}

int sl_http_body(sl_ctx *ctx, const sl_http_head *h, const char *body, size_t len, size_t max,
                 sl_buf *scratch, sl_buf *out)
{
    sl_buf_reset(out);
    const char *data = body;
    size_t dlen = len;
    if (h->chunked) {
        sl_buf_reset(scratch);
        bool was = false;
        int rc = dechunk(body, len, h->coding == HTTP_IDENTITY ? max : SIZE_MAX, scratch, &was);
        if (rc)
            return rc == SL_ELIMIT ? sl_error(ctx, rc, "page larger than %zu bytes (max_doc)", max)
                                   : rc;
        if (was) {
            data = scratch->len ? scratch->ptr : "";
            dlen = scratch->len;
        }
    }
    int rc;
    if (h->coding == HTTP_GZIP || h->coding == HTTP_DEFLATE)
        rc = decode_content(ctx, h->coding, data, dlen, max, out);
    else
        rc = dlen > max ? SL_ELIMIT : sl_buf_append(out, data, dlen);
    if (rc == SL_ELIMIT)
        return sl_error(ctx, rc, "page larger than %zu bytes (max_doc)", max);
    return rc;
}

/* ---------------------------------------------------------------- dates */

static int month_of(const char *s, size_t len)
{
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    if (len < 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (strncasecmp(s, names + 3 * m, 3) == 0)
            return m + 1;
    return 0;
}

static bool all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return len > 0;
}

static int number(const char *s, size_t len)
{
    int v = 0;
    for (size_t i = 0; i < len; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool format_day(int y, int m, int d, char out[11])
{
    if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return true;
}

/* Words of an HTTP date: "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday,
 * 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994". */
static bool http_date(const char *s, size_t len, char out[11])
{
    int y = 0, m = 0, d = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && (is_space(s[i]) || s[i] == ',' || s[i] == '-'))
            i++;
        size_t b = i;
        while (i < len && !is_space(s[i]) && s[i] != ',' && s[i] != '-')
            i++;
        const char *w = s + b;
        size_t n = i - b;
        if (n == 0 || memchr(w, ':', n))
            continue;
        if (!m && month_of(w, n))
            m = month_of(w, n);
        else if (all_digits(w, n) && n <= 2 && !d)
            d = number(w, n);
        else if (all_digits(w, n) && n <= 2 && d && !y)
            y = 1900 + number(w, n) + (number(w, n) < 70 ? 100 : 0);
        else if (all_digits(w, n) && n == 4)
            y = number(w, n);
    }
    return format_day(y, m, d, out);
}

bool sl_http_day(const char *s, size_t len, char out[11])
{
    trim(&s, &len);
    out[0] = '\0';
    if (len >= 10 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2) && s[7] == '-' &&
        all_digits(s + 8, 2))
        return format_day(number(s, 4), number(s + 5, 2), number(s + 8, 2), out);
    return http_date(s, len, out);
}
