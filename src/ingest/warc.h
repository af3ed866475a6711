/* Web pages as reader input: HTML files, WARC archives and JSONL records
 * with an "html" field (see docs/formats.md).
 *
 *   warc.c        WARC framing: records, their headers, damaged records
 *                 and resynchronisation;
 *   warc_http.c   the HTTP response inside a record: status, headers,
 *                 chunked transfer and gzip/deflate content decoding, dates;
 *   html_input.c  a page into a document: extraction with sl_html_extract
 *                 and the record the later stages see. */
#ifndef SL_INGEST_WARC_H
#define SL_INGEST_WARC_H

#include "../core/core.h"

/* Where the bytes of a WARC input stand (the reader's part of it). */
typedef struct sl_warc {
    sl_buf win;              /* decompressed bytes read and not yet dropped */
    size_t pos;              /* the next unread byte of win */
    uint64_t base;           /* stream offset of win.ptr[0] */
    bool eof;                /* the source has nothing more */
    bool resync;             /* damaged: look for "WARC/1." before reading on */
    bool quiet;              /* damage already reported: no second error */
    bool broken;             /* the gzip data went bad after the window's end */
    char broken_msg[200];    /* ... and why */
    uint64_t records;        /* records begun in this input */
    uint64_t members_seen;   /* gzip members the source had begun, last look */
    /* gzip members that began in the window: stream offset -> file offset */
    uint64_t *member_out, *member_in;
    size_t n_members, cap_members;
} sl_warc;

void sl_warc_init(sl_warc *w, sl_ctx *ctx);
void sl_warc_release(sl_warc *w, sl_ctx *ctx);
/* Forget the input (called when it is closed). */
void sl_warc_reset(sl_warc *w);

/* ---- the HTTP response of a record (warc_http.c) ---- */

enum { HTTP_IDENTITY, HTTP_GZIP, HTTP_DEFLATE, HTTP_UNKNOWN_CODING };

typedef struct sl_http_head {
    int status;              /* 200, ...; 0 when the status line is bad */
    bool html;               /* Content-Type text/html or application/xhtml+xml */
    bool chunked;            /* Transfer-Encoding: chunked */
    int coding;              /* HTTP_* of Content-Encoding */
    char charset[40];        /* Content-Type charset, "" when none */
    char date[11];           /* Date as YYYY-MM-DD, "" when none or bad */
    char coding_name[24];    /* the Content-Encoding as given, for messages */
    size_t body;             /* offset of the body after the header block */
} sl_http_head;

/* Parse the status line and headers of block[0..len).  false when it is
 * not an HTTP response (no status line or no end of the headers). */
bool sl_http_parse_head(const char *block, size_t len, sl_http_head *h);
/* The content type `value` (a header value) is a page?  Sets charset. */
bool sl_http_is_html(const char *value, size_t len, char charset[40]);
/* The page bytes of a body: chunked transfer and content coding undone,
 * at most `max` bytes (SL_ELIMIT beyond).  A body cut short gives what it
 * holds; bad compressed data gives SL_EPARSE with a message saying why
 * (without the file and offset, which the caller adds). */
int sl_http_body(sl_ctx *ctx, const sl_http_head *h, const char *body, size_t len, size_t max,
                 sl_buf *scratch, sl_buf *out);
/* "YYYY-MM-DD" of an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT" and the
 * two old forms) or of an ISO 8601 date-time; false when it is neither. */
bool sl_http_day(const char *s, size_t len, char out[11]);

#endif
