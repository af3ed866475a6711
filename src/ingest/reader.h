/* Internals of the reader, shared by reader.c (inputs, directories, text
 * documents) and jsonl.c (lines and records). */
#ifndef SL_INGEST_READER_H
#define SL_INGEST_READER_H

#include "../core/json.h"
#include "source.h"

enum { FORMAT_TEXT, FORMAT_JSONL, FORMAT_SNIFF };

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
};

/* The next JSONL record of the open input: SL_OK, SL_EOF at its end, or an
 * error for one line (sets src_failed when the input cannot go on). */
int sl_reader_next_record(sl_reader *r, sl_doc *doc);

#endif
