/* JSONL input: splitting the decompressed stream into lines (at most
 * max_line bytes are ever held) and turning each line into a document.
 * Errors name "path:LINE:COL" with a 1-based byte column. */
#include "reader.h"

#include <stdio.h>
#include <string.h>

static int refill_chunk(sl_reader *r)
{
    size_t got;
    int rc = sl_source_read(&r->src, r->chunk, r->chunk_cap, &got);
    r->chunk_pos = 0;
    r->chunk_len = rc == SL_OK ? got : 0;
    if (rc != SL_OK)
        r->src_failed = true;
    return rc;
}

/* Drop the rest of an over-long line.  SL_EOF when the input ends first. */
static int skip_rest_of_line(sl_reader *r)
{
    while (r->skipping) {
        if (r->chunk_pos == r->chunk_len) {
            int rc = refill_chunk(r);
            if (rc != SL_OK)
                return rc;
            if (r->chunk_len == 0)
                return SL_EOF;
        }
        char *p = r->chunk + r->chunk_pos;
        char *nl = memchr(p, r->eol, r->chunk_len - r->chunk_pos);
        r->chunk_pos = nl ? (size_t)(nl - r->chunk) + 1 : r->chunk_len;
        r->skipping = !nl;
    }
    return SL_OK;
}

/* Consume `piece` bytes of the current line, plus its newline if found. */
static void consume(sl_reader *r, size_t piece, bool newline)
{
    r->chunk_pos += piece + (newline ? 1 : 0);
}

static int line_too_long(sl_reader *r, bool newline)
{
    r->skipping = !newline;
    sl_buf_reset(&r->line);
    return sl_error(r->ctx, SL_ELIMIT, "%s:%llu:%zu: line longer than %zu bytes (max_line)",
                    r->cur.path, (unsigned long long)r->line_no, r->opts.max_line + 1,
                    r->opts.max_line);
}

/* Lines end with LF (a CR before it is dropped later), except in a file
 * whose first line ends with a lone CR followed by the next record's '{'
 * (old Mac line ends): there every CR ends a line.  A raw CR cannot occur
 * inside a JSON string, so splitting there loses nothing. */
static void detect_line_end(sl_reader *r)
{
    const char *p = r->chunk + r->chunk_pos, *end = r->chunk + r->chunk_len;
    const char *lf = memchr(p, '\n', (size_t)(end - p));
    const char *cr = memchr(p, '\r', (size_t)((lf ? lf : end) - p));
    r->eol = '\n';
    if (!cr)
        return;
    for (const char *q = cr + 1; q < end; q++) {
        if (*q == '{')
            r->eol = '\r';
        if (*q != '\r' && *q != ' ' && *q != '\t')
            return;
    }
}

/* The next line without its newline.  It points into the chunk when it
 * lies there whole, else into r->line; valid until the next call. */
static int next_line(sl_reader *r, const char **line, size_t *len)
{
    int rc = skip_rest_of_line(r);
    if (rc != SL_OK)
        return rc;
    sl_buf_reset(&r->line);
    bool started = false;
    for (;;) {
        if (r->chunk_pos == r->chunk_len) {
            if ((rc = refill_chunk(r)) != SL_OK)
                return rc;
            if (r->chunk_len == 0) {
                /* The last line may lack its newline. */
                if (!started)
                    return SL_EOF;
                *line = r->line.ptr;
                *len = r->line.len;
                return SL_OK;
            }
        }
        if (!started) {
            if (r->line_no == 0)
                detect_line_end(r);
            r->line_no++;
            started = true;
        }
        char *p = r->chunk + r->chunk_pos;
        char *nl = memchr(p, r->eol, r->chunk_len - r->chunk_pos);
        size_t piece = nl ? (size_t)(nl - p) : r->chunk_len - r->chunk_pos;
        if (piece > r->opts.max_line - r->line.len) {
            consume(r, piece, nl != NULL);
            return line_too_long(r, nl != NULL);
        }
        if (nl && r->line.len == 0) {
            consume(r, piece, true);
            *line = p;
            *len = piece;
            return SL_OK;
        }
        rc = sl_buf_append(&r->line, p, piece);
        consume(r, piece, nl != NULL);
        if (rc != SL_OK) {
            r->skipping = !nl;
            return rc;
        }
        if (nl) {
            *line = r->line.ptr;
            *len = r->line.len;
            return SL_OK;
        }
    }
}

/* ---------------------------------------------------------------- records */

/* An error about the current line at 0-based byte `col0`, keeping the
 * message already on the context (the parser's). */
static int located_error(sl_reader *r, int code, size_t col0)
{
    char msg[sizeof r->ctx->errmsg];
    snprintf(msg, sizeof msg, "%s", sl_errmsg(r->ctx));
    return sl_error(r->ctx, code, "%s:%llu:%zu: %s", r->cur.path,
                    (unsigned long long)r->line_no, col0 + 1, msg);
}

static const char *type_name(int type)
{
    switch (type) {
    case SL_JSON_NULL: return "null";
    case SL_JSON_FALSE: case SL_JSON_TRUE: return "boolean";
    case SL_JSON_NUMBER: return "number";
    case SL_JSON_STRING: return "string";
    case SL_JSON_ARRAY: return "array";
    default: return "object";
    }
}

/* Decode member `name` into r->fields[f].  `required` for "text"; an id
 * may also be a number. */
/* "published" as `storyline facts` writes it, {"value": "2021-12-15",
 * "earliest": ..., "latest": ..., "evidence": [...]}: its value (empty when
 * null: only an interval is known, sl_reader_field reads that). */
static int published_value(sl_reader *r, const char *tok, size_t len, sl_buf *out)
{
    size_t err;
    int rc = sl_json_parse_object(r->ctx, tok, len, r->opts.max_depth, &r->sub, &err);
    if (rc)
        return rc; /* validated with the line: only memory can fail */
    long i = sl_json_find(&r->sub, "value");
    if (i < 0 || r->sub.members[i].type != SL_JSON_STRING)
        return SL_OK;
    const sl_json_member *v = &r->sub.members[i];
    return sl_json_decode_string(tok + v->val_start, v->val_end - v->val_start, out, NULL);
}

static int decode_field(sl_reader *r, int f, const char *name, size_t col_base)
{
    sl_buf *out = &r->fields[f];
    sl_buf_reset(out);
    long i = sl_json_find(&r->obj, name);
    if (i < 0 && f == F_TEXT)
        return sl_error(r->ctx, SL_EPARSE, "%s:%llu:1: missing \"text\" field", r->cur.path,
                        (unsigned long long)r->line_no);
    if (i < 0)
        return SL_OK;
    const sl_json_member *m = &r->obj.members[i];
    const char *tok = r->obj.text + m->val_start;
    size_t len = m->val_end - m->val_start;
    if (m->type == SL_JSON_STRING)
        return sl_json_decode_string(tok, len, out, NULL);
    if (m->type == SL_JSON_NULL && f != F_TEXT)
        return SL_OK;
    if (m->type == SL_JSON_NUMBER && f == F_ID)
        return sl_buf_append(out, tok, len);
    if (m->type == SL_JSON_OBJECT && f == F_PUBLISHED)
        return published_value(r, tok, len, out);
    return sl_error(r->ctx, SL_EPARSE, "%s:%llu:%zu: \"%s\" must be a string%s, not %s %s",
                    r->cur.path, (unsigned long long)r->line_no, col_base + m->val_start + 1,
                    name, f == F_TEXT ? "" : " or null",
                    m->type == SL_JSON_ARRAY || m->type == SL_JSON_OBJECT ? "an" : "a",
                    type_name(m->type));
}

static const char *base_name(const char *path)
{
    if (strcmp(path, "-") == 0)
        return "stdin";
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void set_str(sl_str *s, const sl_buf *b)
{
    s->ptr = b->len ? b->ptr : "";
    s->len = b->len;
}

/* Parse one non-blank line into *doc; `skipped` bytes (a BOM) came before
 * it on the line. */
/* A first line that opens a JSON array, or is a lone "{", means a
 * whole-file JSON document rather than JSON Lines: give one clear error and
 * skip the file, instead of an error for every line of it. */
static bool whole_file_json(const sl_reader *r, const char *line, size_t len, size_t *col,
                            bool *array)
{
    size_t b = 0, e = len;
    while (b < e && (line[b] == ' ' || line[b] == '\t'))
        b++;
    while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t'))
        e--;
    *col = b + 1;
    *array = b < e && line[b] == '[';
    return r->line_no == 1 && (*array || (e - b == 1 && line[b] == '{'));
}

static int not_json_lines(sl_reader *r, size_t col, bool array)
{
    r->src_failed = true;
    return sl_error(r->ctx, SL_EPARSE,
                    "%s:1:%zu: not JSON Lines: the file holds %s; storyline reads one JSON "
                    "object per line (convert with: jq -c %s); skipping the file",
                    r->cur.path, col, array ? "a JSON array" : "pretty-printed JSON",
                    array ? "'.[]'" : ".");
}

static const char *const field_names[N_FIELDS] = {
    "id", "text", "title", "url", "source", "published"
};

/* Decode the id (made up when missing) and the URL of the parsed record. */
static int decode_id_url(sl_reader *r, size_t skipped)
{
    int rc = decode_field(r, F_ID, field_names[F_ID], skipped);
    if (rc == SL_OK && r->fields[F_ID].len == 0)
        rc = sl_buf_printf(&r->fields[F_ID], "%s:%llu", base_name(r->cur.path),
                           (unsigned long long)r->line_no);
    if (rc == SL_OK)
        rc = decode_field(r, F_URL, field_names[F_URL], skipped);
    return rc;
}

/* The standard fields of the parsed record r->obj into *doc. */
static int fill_doc(sl_reader *r, const char *line, size_t len, size_t skipped, sl_doc *doc)
{
    int rc = decode_id_url(r, skipped);
    for (int f = F_TEXT; f < N_FIELDS && rc == SL_OK; f++)
        if (f != F_URL)
            rc = decode_field(r, f, field_names[f], skipped);
    if (rc != SL_OK)
        return rc;
    if (r->fields[F_TEXT].len > r->opts.max_doc)
        return sl_error(r->ctx, SL_ELIMIT, "%s:%llu:%zu: text larger than %zu bytes (max_doc)",
                        r->cur.path, (unsigned long long)r->line_no,
                        skipped + r->obj.members[sl_json_find(&r->obj, "text")].val_start + 1,
                        r->opts.max_doc);
    set_str(&doc->id, &r->fields[F_ID]);
    set_str(&doc->text, &r->fields[F_TEXT]);
    set_str(&doc->title, &r->fields[F_TITLE]);
    set_str(&doc->url, &r->fields[F_URL]);
    set_str(&doc->source, &r->fields[F_SOURCE]);
    set_str(&doc->published, &r->fields[F_PUBLISHED]);
    doc->raw = (sl_str){ line, len };
    doc->origin = r->cur.path;
    doc->line = r->line_no;
    doc->members = &r->obj;
    return SL_OK;
}

int sl_reader_record(sl_reader *r, const char *rec, size_t len, sl_doc *doc)
{
    size_t off;
    /* A page's record nests a few levels below what the input had. */
    unsigned depth = r->opts.max_depth < 8 ? 8 : r->opts.max_depth + 4;
    int rc = sl_json_parse_object(r->ctx, rec, len, depth, &r->obj, &off);
    return rc ? rc : fill_doc(r, rec, len, 0, doc);
}

/* A record with "html" instead of "text": the article is extracted from
 * the page (html_input.c). */
static int html_record(sl_reader *r, long h, size_t skipped, sl_doc *doc)
{
    const sl_json_member *m = &r->obj.members[h];
    if (m->type != SL_JSON_STRING)
        return sl_error(r->ctx, SL_EPARSE, "%s:%llu:%zu: \"html\" must be a string, not %s %s",
                        r->cur.path, (unsigned long long)r->line_no, skipped + m->val_start + 1,
                        m->type == SL_JSON_ARRAY || m->type == SL_JSON_OBJECT ? "an" : "a",
                        type_name(m->type));
    int rc = decode_id_url(r, skipped);
    if (rc)
        return rc;
    sl_buf_reset(&r->page);
    rc = sl_json_decode_string(r->obj.text + m->val_start, m->val_end - m->val_start, &r->page,
                               NULL);
    if (rc)
        return rc;
    sl_doc record = { 0 };
    set_str(&record.id, &r->fields[F_ID]);
    record.members = &r->obj;
    record.origin = r->cur.path;
    record.line = r->line_no;
    sl_page_info info = { 0 };
    info.id = record.id;
    set_str(&info.url, &r->fields[F_URL]);
    rc = sl_reader_page_doc(r, r->page.len ? r->page.ptr : "", r->page.len, &info, &record, doc);
    if (rc && rc != SL_ENOMEM)
        return located_error(r, rc, skipped);
    return rc;
}

/* A first line that is UTF-16 or binary data: one error for the file
 * instead of one for every "line" of it. */
static int not_utf8_text(sl_reader *r, const char *line, size_t len)
{
    size_t first;
    r->src_failed = true;
    if (sl_reader_utf16_bom(line, len))
        return sl_error(r->ctx, SL_EPARSE,
                        "%s:1:1: UTF-16 text (byte order mark %02X %02X); storyline reads UTF-8 "
                        "(convert with: iconv -f UTF-16 -t UTF-8); skipping the file",
                        r->cur.path, (unsigned char)line[0], (unsigned char)line[1]);
    sl_reader_looks_binary(r->chunk, r->chunk_len, &first);
    return sl_error(r->ctx, SL_EPARSE,
                    "%s:1:1: binary data, not JSON Lines (control byte at byte %zu); "
                    "skipping the file", r->cur.path, first);
}

static int parse_record(sl_reader *r, const char *line, size_t len, size_t skipped, sl_doc *doc)
{
    size_t off, first;
    int rc = sl_json_parse_object(r->ctx, line, len, r->opts.max_depth, &r->obj, &off);
    size_t col;
    bool array;
    if (rc != SL_OK && r->line_no == 1 &&
        (sl_reader_utf16_bom(line, len) || sl_reader_looks_binary(r->chunk, r->chunk_len, &first)))
        return not_utf8_text(r, line, len);
    if (rc != SL_OK && whole_file_json(r, line, len, &col, &array))
        return not_json_lines(r, skipped + col, array);
    if (rc != SL_OK)
        return located_error(r, rc, skipped + off);
    long h;
    if (sl_json_find(&r->obj, "text") < 0 && (h = sl_json_find(&r->obj, "html")) >= 0)
        return html_record(r, h, skipped, doc);
    return fill_doc(r, line, len, skipped, doc);
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

int sl_reader_next_record(sl_reader *r, sl_doc *doc)
{
    for (;;) {
        const char *line = NULL;
        size_t len = 0;
        int rc = next_line(r, &line, &len);
        if (rc != SL_OK)
            return rc;
        /* A UTF-8 byte order mark starts the file, or a line of files
         * joined with cat. */
        size_t skipped = 0;
        if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            skipped = 3;
        line += skipped;
        len -= skipped;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (!is_blank(line, len))
            return parse_record(r, line, len, skipped, doc);
    }
}
