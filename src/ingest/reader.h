/* Internals of the reader, shared by reader.c (inputs, directories, text
 * documents) and jsonl.c (lines and records). */
#ifndef SL_INGEST_READER_H
#define SL_INGEST_READER_H

#include "../core/json.h"
#include "source.h"
#include "warc.h"

enum { FORMAT_TEXT, FORMAT_JSONL, FORMAT_SNIFF, FORMAT_HTML, FORMAT_WARC };

/* open_current's answer when an input had nothing to read (a directory
 * that was expanded, a skipped entry). */
enum { OPEN_NOTHING = 1 };

/* The decoded standard fields of a document. */
enum { F_ID, F_TEXT, F_TITLE, F_URL, F_SOURCE, F_PUBLISHED, N_FIELDS };

/* An input waiting to be read. */
typedef struct pending {
    char *path;
    size_t root_len;   /* length of the added directory's prefix (with '/') */
    bool in_tree;      /* found inside a directory, not named by the caller */
} pending;

struct sl_reader {
    sl_ctx *ctx;
    sl_reader_options opts;
    pending *inputs;          /* as added, read front to back */
    size_t n_inputs, cap_inputs, next_input;
    pending *stack;           /* directory entries, read before the inputs */
    size_t n_stack, cap_stack;
    pending cur;              /* the input being read (path owned) */
    bool open;                /* src is open on cur */
    bool src_failed;          /* src gave an error: drop the rest of the input */
    bool skipping;            /* inside an over-long line, looking for its end */
    char eol;                 /* JSONL line end: '\n', or '\r' for a file with CR-only lines */
    int format;               /* FORMAT_* of the open input */
    sl_source src;
    uint64_t line_no;         /* the line last returned */
    uint64_t bytes_done;      /* bytes consumed by inputs already closed */
    char *chunk;              /* decompressed bytes not yet split into lines */
    size_t chunk_pos, chunk_len, chunk_cap;
    sl_buf line;              /* a line that spans chunks */
    sl_json_object obj;       /* the parsed line */
    sl_buf fields[N_FIELDS];
    sl_json_object sub;       /* sl_reader_field: a nested object */
    sl_buf field;             /* sl_reader_field: the decoded string */
    /* web pages (html_input.c, warc.c) */
    sl_html *html;            /* made when the first page comes */
    sl_buf page;              /* the page bytes being read */
    sl_buf scratch;           /* a de-chunked HTTP body */
    sl_out *rec_out;          /* builds the record of a page */
    sl_warc warc;             /* the WARC input being read */
};

/* What is known about a page besides its bytes. */
typedef struct sl_page_info {
    sl_str id;                /* the document id */
    sl_str url;               /* the page's address, may be empty */
    const char *charset;      /* charset named by the HTTP header, or NULL */
    const char *date_hint;    /* YYYY-MM-DD the page existed by, or NULL ... */
    const char *date_hint_from; /* ... and where it came from ("http-date") */
    uint64_t line;            /* doc->line: the record number in a WARC */
    bool warc;                /* from a WARC record: */
    bool uncompressed_offset; /* offset counts uncompressed bytes */
    uint64_t offset;          /* the record's byte offset */
    sl_str record_id;         /* WARC-Record-ID */
    int status;               /* HTTP status */
} sl_page_info;

/* The next JSONL record of the open input: SL_OK, SL_EOF at its end, or an
 * error for one line (sets src_failed when the input cannot go on). */
int sl_reader_next_record(sl_reader *r, sl_doc *doc);
/* Parse a complete record (it has "text") into r->obj and its standard
 * fields into *doc. */
int sl_reader_record(sl_reader *r, const char *rec, size_t len, sl_doc *doc);

/* A page as a document (html_input.c): extract the article, build the
 * record the later stages see ("page" keeps the offset map) and fill *doc
 * from it.  `record` is the JSONL record the page came in (its fields are
 * kept and win), or NULL. */
int sl_reader_page_doc(sl_reader *r, const char *page, size_t len, const sl_page_info *info,
                       const sl_doc *record, sl_doc *doc);
/* The next page of the open WARC input (warc.c): SL_OK, SL_EOF at its end,
 * or an error for one record (reading goes on with the next). */
int sl_reader_next_warc(sl_reader *r, sl_doc *doc);
/* Does the start of this text look like binary data (many control bytes)
 * rather than text?  Sets *first to the offset of the first such byte. */
bool sl_reader_looks_binary(const char *s, size_t n, size_t *first);
/* Does the text start with a UTF-16 byte order mark? */
bool sl_reader_utf16_bom(const char *s, size_t n);
/* Read the rest of the open input into buf (at most max_doc bytes). */
int sl_reader_read_all(sl_reader *r, sl_buf *buf);
/* The id of a whole-file document: the path below the added directory
 * (or the base name) without the extensions given (and .gz/.zst). */
int sl_reader_file_id(sl_reader *r, const char *const *exts, sl_buf *id);

#endif
