/* WARC input: the records of a .warc or .warc.gz file (gzip per record or
 * over the whole file), one page per response record with an HTML payload
 * (and per resource record of type text/html).  Other records are skipped
 * without a word.
 *
 * Every record is checked before it is used: it must start with
 * "WARC/1.", its headers must end within 64 KiB and name WARC-Type and a
 * Content-Length, and its block must be followed by the blank line that
 * ends a record (or the end of the file, or the next record).  A record
 * that fails, and gzip data that cannot be decoded, is reported once,
 * naming the file and the record's byte offset; reading then looks for the
 * next "WARC/1." from the damaged record's block (so a wrong length loses
 * only its own record) or, after a gzip error, from the next gzip member.
 *
 * Record offsets are file offsets for an uncompressed file and, in a
 * .warc.gz, the offset of the gzip member the record starts (what CDX
 * indexes use); a record that does not start a member (whole-file gzip)
 * gets its offset in the uncompressed stream, and says so. */
#include "reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define WARC_MAX_HEAD ((size_t)64 << 10)
#define WARC_READ ((size_t)256 << 10)

/* next_record's answers besides SL_OK, SL_EOF and errors. */
enum { REC_SKIP = 1, REC_DAMAGED = 2 };

void sl_warc_init(sl_warc *w, sl_ctx *ctx)
{
    memset(w, 0, sizeof *w);
    sl_buf_init(&w->win, ctx);
}

void sl_warc_release(sl_warc *w, sl_ctx *ctx)
{
    sl_buf_release(&w->win);
    sl_free(ctx, w->member_out);
    sl_free(ctx, w->member_in);
    w->member_out = w->member_in = NULL;
    w->cap_members = w->n_members = 0;
}

void sl_warc_reset(sl_warc *w)
{
    /* One huge record should not keep its memory for the next input. */
    if (w->win.cap > ((size_t)16 << 20))
        sl_buf_release(&w->win);
    sl_buf_reset(&w->win);
    w->pos = 0;
    w->base = 0;
    w->eof = w->resync = w->quiet = w->broken = false;
    w->records = w->members_seen = 0;
    w->n_members = 0;
}

/* ---------------------------------------------------------------- window */

static size_t avail(const sl_warc *w)
{
    return w->win.len - w->pos;
}

/* Drop the bytes before pos (and the gzip members that began there). */
static void compact(sl_warc *w)
{
    if (w->pos == 0)
        return;
    memmove(w->win.ptr, w->win.ptr + w->pos, w->win.len - w->pos);
    w->base += w->pos;
    w->win.len -= w->pos;
    w->pos = 0;
    size_t k = 0;
    for (size_t i = 0; i < w->n_members; i++)
        if (w->member_out[i] >= w->base) {
            w->member_out[k] = w->member_out[i];
            w->member_in[k++] = w->member_in[i];
        }
    w->n_members = k;
}

/* Remember where a gzip member that the last read began starts. */
static int note_member(sl_reader *r)
{
    sl_warc *w = &r->warc;
    if (r->src.kind != SL_SOURCE_GZIP || r->src.members == w->members_seen)
        return SL_OK;
    w->members_seen = r->src.members;
    size_t cap = w->cap_members;
    if (sl_grow(r->ctx, (void **)&w->member_out, &cap, w->n_members + 1, sizeof(uint64_t)))
        return SL_ENOMEM;
    if (sl_grow(r->ctx, (void **)&w->member_in, &w->cap_members, w->n_members + 1,
                sizeof(uint64_t)))
        return SL_ENOMEM;
    w->member_out[w->n_members] = r->src.member_out;
    w->member_in[w->n_members++] = r->src.member_start;
    return SL_OK;
}

/* Read once more into the window: bytes the format sniffer looked at
 * first, then the source. */
static int read_more(sl_reader *r, size_t want)
{
    sl_warc *w = &r->warc;
    int rc = sl_buf_reserve(&w->win, want);
    if (rc)
        return rc;
    size_t got = 0;
    if (r->chunk_pos < r->chunk_len) {
        got = r->chunk_len - r->chunk_pos;
        if (got > want)
            got = want;
        memcpy(w->win.ptr + w->win.len, r->chunk + r->chunk_pos, got);
        r->chunk_pos += got;
    } else {
        /* Bytes decoded before damaged data are kept, and so is the start
         * of the member they belong to. */
        rc = sl_source_read(&r->src, w->win.ptr + w->win.len, want, &got);
        int mrc = note_member(r);
        if (rc == SL_OK)
            rc = mrc;
        w->eof = rc == SL_OK && got == 0;
    }
    w->win.len += got;
    w->win.ptr[w->win.len] = '\0';
    return rc;
}

/* Damaged gzip data ends the window like the end of the input, so that
 * what was decoded before it is still read; the damage is dealt with when
 * a record runs into it (gzip_damage). */
static void note_broken(sl_reader *r)
{
    sl_warc *w = &r->warc;
    const char *msg = sl_errmsg(r->ctx);
    size_t n = strlen(r->cur.path);
    if (strncmp(msg, r->cur.path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
        msg += n + 2;
    snprintf(w->broken_msg, sizeof w->broken_msg, "%s", msg);
    w->broken = w->eof = true;
}

/* At least `need` bytes from pos, fewer only at the end of the input. */
static int fill(sl_reader *r, size_t need)
{
    sl_warc *w = &r->warc;
    while (avail(w) < need && !w->eof) {
        compact(w);
        size_t want = need - avail(w);
        int rc = read_more(r, want < WARC_READ ? WARC_READ : want);
        if (rc == SL_EIO && r->src.kind == SL_SOURCE_GZIP)
            note_broken(r);
        else if (rc)
            return rc;
    }
    return SL_OK;
}

/* ---------------------------------------------------------------- errors */

/* The offset by which a record at stream offset `at` is named. */
static uint64_t record_offset(const sl_reader *r, uint64_t at, bool *uncompressed)
{
    const sl_warc *w = &r->warc;
    *uncompressed = false;
    if (r->src.kind != SL_SOURCE_GZIP && r->src.kind != SL_SOURCE_ZSTD)
        return at;
    for (size_t i = 0; i < w->n_members; i++)
        if (w->member_out[i] == at)
            return w->member_in[i];
    *uncompressed = true;
    return at;
}

/* "FILE: WARC record at byte N: " + what, as the error of the record. */
static int record_error(sl_reader *r, int code, uint64_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int record_error(sl_reader *r, int code, uint64_t at, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    bool unc;
    uint64_t off = record_offset(r, at, &unc);
    return sl_error(r->ctx, code, "%s: WARC record at %sbyte %llu: %s", r->cur.path,
                    unc ? "uncompressed " : "", (unsigned long long)off, what);
}

/* The gzip data went bad under the record at `at`: say so, and go on with
 * the next gzip member. */
static int gzip_damage(sl_reader *r, uint64_t at)
{
    sl_warc *w = &r->warc;
    if (!w->quiet)
        record_error(r, SL_EIO, at, "damaged gzip data (%s); skipped to the next gzip member",
                     w->broken_msg);
    char keep[sizeof r->ctx->errmsg];
    snprintf(keep, sizeof keep, "%s", sl_errmsg(r->ctx));
    if (sl_source_resync(&r->src) != SL_OK) {
        r->src_failed = true;
        return SL_EIO;
    }
    sl_error(r->ctx, SL_EIO, "%s", keep);
    w->pos = w->win.len;
    w->eof = w->broken = false;
    w->resync = true;
    return REC_DAMAGED;
}

/* A damaged record: say so (once for a damaged stretch) and look for the
 * next record from window index `resume`. */
static int damaged(sl_reader *r, uint64_t at, size_t resume, const char *what)
{
    sl_warc *w = &r->warc;
    if (w->broken)
        return gzip_damage(r, at);
    w->pos = resume;
    w->resync = true;
    if (!w->quiet)
        record_error(r, SL_EPARSE, at, "damaged record (%s); skipped to the next record", what);
    return REC_DAMAGED;
}

/* The source failed for good (a read error, bad zstd data, no memory):
 * the rest of the input is dropped. */
static int source_failed(sl_reader *r, int rc)
{
    r->src_failed = true;
    return rc;
}

/* ---------------------------------------------------------------- framing */

/* The first `needle` in s[0..len), or NULL (memmem is not in C11/POSIX). */
static const char *find_bytes(const char *s, size_t len, const char *needle, size_t n)
{
    const char *end = s + len;
    while ((size_t)(end - s) >= n) {
        const char *p = memchr(s, needle[0], (size_t)(end - s) - n + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, n) == 0)
            return p;
        s = p + 1;
    }
    return NULL;
}

/* Move pos to the next "WARC/1.", or to the end (SL_EOF). */
static int find_record_start(sl_reader *r)
{
    sl_warc *w = &r->warc;
    for (;;) {
        const char *p = w->win.ptr ? w->win.ptr + w->pos : "";
        const char *hit = find_bytes(p, avail(w), "WARC/1.", 7);
        if (hit) {
            w->pos += (size_t)(hit - p);
            w->resync = false;
            return SL_OK;
        }
        if (avail(w) > 6)
            w->pos = w->win.len - 6;
        if (w->eof && w->broken) {
            int rc = gzip_damage(r, w->base + w->pos);
            if (rc != REC_DAMAGED)
                return rc;
            continue;
        }
        if (w->eof) {
            w->pos = w->win.len;
            w->resync = false;
            return SL_EOF;
        }
        int rc = fill(r, avail(w) + 1);
        if (rc)
            return rc;
    }
}

/* Blank lines between records are tolerated. */
static int skip_blank_lines(sl_reader *r)
{
    sl_warc *w = &r->warc;
    for (;;) {
        int rc = fill(r, 1);
        if (rc || avail(w) == 0)
            return rc;
        char c = w->win.ptr[w->pos];
        if (c != '\r' && c != '\n')
            return SL_OK;
        w->pos++;
    }
}

/* The length of the header block (through its blank line) of the record
 * at pos; 0 when it does not end within WARC_MAX_HEAD. */
static int head_length(sl_reader *r, size_t *hlen)
{
    sl_warc *w = &r->warc;
    size_t looked = 0;
    *hlen = 0;
    for (;;) {
        const char *p = w->win.ptr + w->pos;
        size_t from = looked > 3 ? looked - 3 : 0;
        const char *end = find_bytes(p + from, avail(w) - from, "\r\n\r\n", 4);
        if (end) {
            *hlen = (size_t)(end - p) + 4;
            return SL_OK;
        }
        looked = avail(w);
        if (looked >= WARC_MAX_HEAD || w->eof)
            return SL_OK;
        int rc = fill(r, looked + 4096);
        if (rc)
            return rc;
    }
}

/* The headers of a record that matter here, as offsets from its start. */
typedef struct warc_head {
    size_t type, type_len, uri, uri_len, date, date_len, id, id_len, ctype, ctype_len;
    bool has_type, has_length;
    uint64_t length;
} warc_head;

static bool name_is(const char *s, size_t len, const char *name)
{
    return strlen(name) == len && strncasecmp(s, name, len) == 0;
}

static bool parse_length(const char *s, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    if (len == 0 || len > 18)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

static void head_field(warc_head *h, const char *rec, size_t line, size_t colon, size_t end)
{
    size_t v = colon + 1;
    while (v < end && (rec[v] == ' ' || rec[v] == '\t'))
        v++;
    size_t ve = end;
    while (ve > v && (rec[ve - 1] == ' ' || rec[ve - 1] == '\t'))
        ve--;
    const char *name = rec + line;
    size_t nlen = colon - line;
    if (name_is(name, nlen, "WARC-Type")) {
        h->type = v, h->type_len = ve - v, h->has_type = true;
    } else if (name_is(name, nlen, "WARC-Target-URI")) {
        h->uri = v, h->uri_len = ve - v;
    } else if (name_is(name, nlen, "WARC-Date")) {
        h->date = v, h->date_len = ve - v;
    } else if (name_is(name, nlen, "WARC-Record-ID")) {
        h->id = v, h->id_len = ve - v;
    } else if (name_is(name, nlen, "Content-Type")) {
        h->ctype = v, h->ctype_len = ve - v;
    } else if (name_is(name, nlen, "Content-Length")) {
        h->has_length = parse_length(rec + v, ve - v, &h->length);
    }
}

static void parse_head(const char *rec, size_t hlen, warc_head *h)
{
    memset(h, 0, sizeof *h);
    size_t pos = 0;
    while (pos < hlen) {
        const char *nl = memchr(rec + pos, '\n', hlen - pos);
        size_t end = nl ? (size_t)(nl - rec) : hlen;
        size_t line_end = end > pos && rec[end - 1] == '\r' ? end - 1 : end;
        const char *colon = memchr(rec + pos, ':', line_end - pos);
        if (colon && pos > 0)
            head_field(h, rec, pos, (size_t)(colon - rec), line_end);
        pos = end + 1;
    }
}

/* After a block of `len` bytes at window index `block`: the blank line
 * that ends the record, tolerated short when the input or the next record
 * follows.  Sets *next to the window index after it; false when the block
 * is not followed by a record end (the length is wrong). */
static bool record_end(const sl_warc *w, size_t block, uint64_t len, size_t *next)
{
    size_t i = block + (size_t)len, n = 0;
    while (i < w->win.len && n < 4 && (w->win.ptr[i] == '\r' || w->win.ptr[i] == '\n')) {
        i++;
        n++;
    }
    *next = i;
    if (n == 4 || i == w->win.len)
        return true;
    return w->win.len - i >= 7 && memcmp(w->win.ptr + i, "WARC/1.", 7) == 0;
}

/* ---------------------------------------------------------------- pages */

typedef struct warc_page {
    const char *bytes;
    size_t len;
    const char *charset;
    char date[11];
    const char *date_from;
    int status;
} warc_page;

static bool type_is(const char *rec, const warc_head *h, const char *type)
{
    return name_is(rec + h->type, h->type_len, type);
}

/* The page of a response record: SL_OK, REC_SKIP when it holds none, or an
 * error. */
static int response_page(sl_reader *r, const char *block, size_t len, uint64_t at,
                         sl_http_head *hh, warc_page *pg)
{
    if (!sl_http_parse_head(block, len, hh) || !hh->html || hh->status < 200 || hh->status > 299)
        return REC_SKIP;
    if (hh->coding == HTTP_UNKNOWN_CODING)
        return record_error(r, SL_EPARSE, at, "page in Content-Encoding '%s', which is not read",
                            hh->coding_name);
    int rc = sl_http_body(r->ctx, hh, block + hh->body, len - hh->body, r->opts.max_doc,
                          &r->scratch, &r->page);
    if (rc == SL_ENOMEM)
        return rc;
    if (rc) {
        char msg[sizeof r->ctx->errmsg];
        snprintf(msg, sizeof msg, "%s", sl_errmsg(r->ctx));
        return record_error(r, rc, at, "%s", msg);
    }
    pg->bytes = r->page.len ? r->page.ptr : "";
    pg->len = r->page.len;
    pg->charset = hh->charset[0] ? hh->charset : NULL;
    pg->status = hh->status;
    if (hh->date[0]) {
        memcpy(pg->date, hh->date, sizeof pg->date);
        pg->date_from = "http-date";
    }
    return SL_OK;
}

static int make_id(sl_reader *r, uint64_t at, sl_page_info *info)
{
    static const char *const exts[] = { ".warc", NULL };
    sl_buf *id = &r->field;
    int rc = sl_reader_file_id(r, exts, id);
    bool unc;
    if (!rc)
        rc = sl_buf_printf(id, ":%llu", (unsigned long long)record_offset(r, at, &unc));
    info->id = (sl_str){ id->ptr, id->len };
    info->offset = record_offset(r, at, &info->uncompressed_offset);
    return rc;
}

/* The document of a good record, or REC_SKIP. */
static int record_doc(sl_reader *r, const char *rec, const warc_head *h, size_t hlen, uint64_t at,
                      sl_doc *doc)
{
    const char *block = rec + hlen;
    size_t len = (size_t)h->length;
    warc_page pg = { 0 };
    sl_http_head hh;
    char charset[40];
    int rc;
    if (type_is(rec, h, "response")) {
        rc = response_page(r, block, len, at, &hh, &pg);
        if (rc)
            return rc;
    } else if (type_is(rec, h, "resource") && sl_http_is_html(rec + h->ctype, h->ctype_len, charset)) {
        pg.bytes = block;
        pg.len = len;
        pg.charset = charset[0] ? charset : NULL;
    } else {
        return REC_SKIP;
    }
    if (!pg.date_from && sl_http_day(rec + h->date, h->date_len, pg.date))
        pg.date_from = "warc-date";
    sl_page_info info = { 0 };
    if ((rc = make_id(r, at, &info)) != SL_OK)
        return rc;
    const char *uri = rec + h->uri;
    size_t ulen = h->uri_len;
    if (ulen >= 2 && uri[0] == '<' && uri[ulen - 1] == '>') {
        uri++;
        ulen -= 2;
    }
    info.url = (sl_str){ uri, ulen };
    info.charset = pg.charset;
    info.date_hint = pg.date_from ? pg.date : NULL;
    info.date_hint_from = pg.date_from;
    info.line = r->warc.records;
    info.warc = true;
    info.record_id = (sl_str){ rec + h->id, h->id_len };
    info.status = pg.status;
    rc = sl_reader_page_doc(r, pg.bytes, pg.len, &info, NULL, doc);
    if (rc && rc != SL_ENOMEM) {
        char msg[sizeof r->ctx->errmsg];
        snprintf(msg, sizeof msg, "%s", sl_errmsg(r->ctx));
        return record_error(r, rc, at, "%s", msg);
    }
    return rc;
}

/* A record too large to hold: skipped as it streams by. */
static int skip_large(sl_reader *r, bool response, uint64_t at, size_t hlen, uint64_t length)
{
    sl_warc *w = &r->warc;
    int rc = fill(r, hlen + 4096);
    if (rc)
        return source_failed(r, rc);
    sl_http_head hh;
    size_t peek = avail(w) - hlen;
    bool page = response && sl_http_parse_head(w->win.ptr + w->pos + hlen, peek, &hh) && hh.html;
    uint64_t left = hlen + length;
    while (left > 0) {
        if ((rc = fill(r, 1)) != SL_OK)
            return source_failed(r, rc);
        if (avail(w) == 0)
            return damaged(r, at, w->pos, "truncated: the file ends inside the record");
        size_t n = avail(w) < left ? avail(w) : (size_t)left;
        w->pos += n;
        left -= n;
    }
    if ((rc = fill(r, 11)) != SL_OK)
        return source_failed(r, rc);
    size_t next;
    if (!record_end(w, w->pos, 0, &next))
        return damaged(r, at, w->pos, "its Content-Length does not end the record");
    w->pos = next;
    w->quiet = false;
    if (page)
        return record_error(r, SL_ELIMIT, at, "page larger than %zu bytes (max_doc)",
                            r->opts.max_doc);
    return REC_SKIP;
}

static int next_record(sl_reader *r, sl_doc *doc)
{
    sl_warc *w = &r->warc;
    int rc = skip_blank_lines(r);
    if (!rc)
        rc = fill(r, 8);
    uint64_t at = w->base + w->pos;
    if (rc)
        return source_failed(r, rc);
    if (avail(w) == 0)
        return w->broken ? gzip_damage(r, at) : SL_EOF;
    w->records++;
    if (memcmp(w->win.ptr + w->pos, "WARC/1.", avail(w) < 7 ? avail(w) : 7) != 0 || avail(w) < 7)
        return damaged(r, at, w->pos + 1, "no \"WARC/1.\" where a record should start");
    size_t hlen;
    if ((rc = head_length(r, &hlen)) != SL_OK)
        return source_failed(r, rc);
    if (hlen == 0)
        return damaged(r, at, w->pos + 1,
                       w->eof ? "truncated in its headers" : "headers without an end");
    warc_head h;
    parse_head(w->win.ptr + w->pos, hlen, &h);
    if (!h.has_type)
        return damaged(r, at, w->pos + 1, "no WARC-Type");
    if (!h.has_length)
        return damaged(r, at, w->pos + 1, "no valid Content-Length");
    if (h.length > r->opts.max_doc + WARC_MAX_HEAD) {
        bool response = type_is(w->win.ptr + w->pos, &h, "response");
        return skip_large(r, response, at, hlen, h.length);
    }
    if ((rc = fill(r, hlen + (size_t)h.length + 11)) != SL_OK)
        return source_failed(r, rc);
    size_t block = w->pos + hlen, next;
    if (avail(w) < hlen + h.length) {
        char what[120];
        snprintf(what, sizeof what, "truncated: Content-Length %llu, %zu bytes left",
                 (unsigned long long)h.length, avail(w) - hlen);
        return damaged(r, at, block, what);
    }
    if (!record_end(w, block, h.length, &next)) {
        char what[120];
        snprintf(what, sizeof what, "Content-Length %llu does not end the record",
                 (unsigned long long)h.length);
        return damaged(r, at, block, what);
    }
    w->quiet = false;
    rc = record_doc(r, w->win.ptr + w->pos, &h, hlen, at, doc);
    w->pos = next;
    return rc;
}

int sl_reader_next_warc(sl_reader *r, sl_doc *doc)
{
    sl_warc *w = &r->warc;
    for (;;) {
        int rc = SL_OK;
        if (w->resync) {
            rc = find_record_start(r);
            if (rc == SL_EOF)
                return SL_EOF;
            if (rc != SL_OK && rc != REC_DAMAGED)
                rc = source_failed(r, rc);
        }
        if (rc == SL_OK)
            rc = next_record(r, doc);
        if (rc == REC_SKIP)
            continue;
        if (rc == REC_DAMAGED) {
            if (r->src_failed)
                return SL_EIO;
            if (w->quiet)
                continue;
            w->quiet = true;
            return sl_errcode(r->ctx);
        }
        return rc;
    }
}
