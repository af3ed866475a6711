/* The input reader: files, directory trees and standard input, as .txt
 * documents or JSONL records (plain, gzip or zstd), one document at a
 * time in memory bounded by the longest line or document.
 *
 * Decisions worth knowing:
 *  - A .txt document's id is its path relative to the directory that was
 *    added (for a file added by name: its base name), without the .txt
 *    (and .gz/.zst) extension, so a flat directory gives the "file name
 *    without extension" of DESIGN.md section 4 and a tree stays unique.
 *    Standard input read as text has the id "stdin".
 *  - A .txt file is taken as raw bytes: invalid UTF-8 and even NUL bytes
 *    are accepted and left for the cleaner to repair or drop, because one
 *    stray byte should not cost a whole article.  (In a JSONL line a raw
 *    NUL is a JSON error like any raw control character.)
 *  - Inside directories, hidden entries, unknown extensions and symbolic
 *    links to directories (which could loop) are skipped.  A file named
 *    on the command line with an unknown extension, and standard input,
 *    are sniffed: gzip/zstd by magic number, then JSONL if the first
 *    non-space byte is '{', else one text document.
 *  - A JSONL "id" may also be a number (its digits become the id); a
 *    missing, null or empty id becomes "<file base name>:<line>".
 *  - A UTF-8 byte order mark at the start of a JSONL line is ignored (files
 *    joined with cat have one mid-file), and so is a CR before the LF; a
 *    file with CR-only line ends is split at its CRs (jsonl.c).
 *  - A text document with a UTF-16 byte order mark is converted to UTF-8.
 *    One that looks binary (many control bytes near its start: an
 *    executable, an image, random bytes) is rejected, not cleaned into a
 *    page of garbage; a few stray NULs in real text do not count.
 *  - Inside directories, a symbolic link that cannot be followed (broken,
 *    or a loop) is an error when its name has a known extension. */
#include "reader.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Decompressed bytes handled at a time. */
#define READER_CHUNK ((size_t)256 << 10)

/* ---------------------------------------------------------------- setup */

int sl_reader_new(sl_ctx *ctx, sl_reader **out, const sl_reader_options *opts)
{
    sl_reader_options defaults = SL_READER_OPTIONS_INIT;
    if (!out)
        return sl_error(ctx, SL_EINVAL, "sl_reader_new: no output pointer");
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != SL_READER_OPTIONS_VERSION)
        return sl_error(ctx, SL_EINVAL, "reader options: unknown version %u", opts->version);
    if (opts->max_line == 0 || opts->max_doc == 0 || opts->max_depth == 0)
        return sl_error(ctx, SL_EINVAL, "reader options: max_line, max_doc and max_depth must be set");
    sl_reader *r = sl_calloc(ctx, 1, sizeof *r);
    if (!r)
        return sl_oom(ctx);
    r->ctx = ctx;
    r->opts = *opts;
    sl_buf_init(&r->line, ctx);
    sl_buf_init(&r->field, ctx);
    sl_buf_init(&r->page, ctx);
    sl_buf_init(&r->scratch, ctx);
    sl_warc_init(&r->warc, ctx);
    for (size_t i = 0; i < N_FIELDS; i++)
        sl_buf_init(&r->fields[i], ctx);
    r->chunk = sl_malloc(ctx, READER_CHUNK);
    if (!r->chunk) {
        sl_free(ctx, r);
        return sl_oom(ctx);
    }
    r->chunk_cap = READER_CHUNK;
    *out = r;
    return SL_OK;
}

static void free_pending(sl_ctx *ctx, pending *list, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        sl_free(ctx, list[i].path);
}

static void close_input(sl_reader *r)
{
    if (r->open) {
        r->bytes_done += r->src.consumed;
        sl_source_close(&r->src);
    }
    r->open = r->skipping = r->src_failed = false;
    r->chunk_pos = r->chunk_len = 0;
    r->line_no = 0;
    sl_warc_reset(&r->warc);
}

void sl_reader_free(sl_reader *r)
{
    if (!r)
        return;
    sl_ctx *ctx = r->ctx;
    close_input(r);
    free_pending(ctx, r->inputs, r->next_input, r->n_inputs);
    free_pending(ctx, r->stack, 0, r->n_stack);
    sl_free(ctx, r->inputs);
    sl_free(ctx, r->stack);
    sl_free(ctx, r->cur.path);
    sl_free(ctx, r->chunk);
    sl_buf_release(&r->line);
    for (size_t i = 0; i < N_FIELDS; i++)
        sl_buf_release(&r->fields[i]);
    sl_json_object_release(ctx, &r->obj);
    sl_json_object_release(ctx, &r->sub);
    sl_buf_release(&r->field);
    sl_buf_release(&r->page);
    sl_buf_release(&r->scratch);
    sl_warc_release(&r->warc, ctx);
    sl_html_free(r->html);
    sl_out_free(r->rec_out);
    sl_free(ctx, r);
}

int sl_reader_add(sl_reader *r, const char *path)
{
    if (!r)
        return SL_EINVAL;
    if (!path || !*path)
        return sl_error(r->ctx, SL_EINVAL, "an empty input path");
    if (sl_grow(r->ctx, (void **)&r->inputs, &r->cap_inputs, r->n_inputs + 1, sizeof(pending)))
        return SL_ENOMEM;
    char *copy = sl_strndup(r->ctx, path, strlen(path));
    if (!copy)
        return sl_oom(r->ctx);
    r->inputs[r->n_inputs++] = (pending){ copy, 0, false };
    return SL_OK;
}

uint64_t sl_reader_bytes(const sl_reader *r)
{
    if (!r)
        return 0;
    return r->bytes_done + (r->open ? r->src.consumed : 0);
}

/* ---------------------------------------------------------------- names */

static bool has_suffix(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && strncasecmp(s + n - k, suffix, k) == 0;
}

/* Length of `name` without a compression suffix; sets *kind from it. */
static size_t strip_compression(const char *name, size_t n, int *kind)
{
    *kind = SL_SOURCE_PLAIN;
    if (has_suffix(name, n, ".gz")) {
        *kind = SL_SOURCE_GZIP;
        return n - 3;
    }
    if (has_suffix(name, n, ".zst")) {
        *kind = SL_SOURCE_ZSTD;
        return n - 4;
    }
    if (has_suffix(name, n, ".zstd")) {
        *kind = SL_SOURCE_ZSTD;
        return n - 5;
    }
    return n;
}

/* Decoder and format from the file name; false for an unknown extension. */
static bool classify(const char *path, int *kind, int *format)
{
    size_t n = strip_compression(path, strlen(path), kind);
    if (has_suffix(path, n, ".txt")) {
        *format = FORMAT_TEXT;
        return true;
    }
    if (has_suffix(path, n, ".jsonl") || has_suffix(path, n, ".ndjson") ||
        has_suffix(path, n, ".json")) {
        *format = FORMAT_JSONL;
        return true;
    }
    if (has_suffix(path, n, ".html") || has_suffix(path, n, ".htm") ||
        has_suffix(path, n, ".xhtml")) {
        *format = FORMAT_HTML;
        return true;
    }
    if (has_suffix(path, n, ".warc")) {
        /* Whole-file or per-record gzip alike; the magic decides. */
        *kind = *kind == SL_SOURCE_ZSTD ? SL_SOURCE_ZSTD : SL_SOURCE_SNIFF;
        *format = FORMAT_WARC;
        return true;
    }
    return false;
}

static const char *base_name(const char *path)
{
    if (strcmp(path, "-") == 0)
        return "stdin";
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The id of a whole-file document (see the decisions at the top). */
int sl_reader_file_id(sl_reader *r, const char *const *exts, sl_buf *id)
{
    const char *name = r->cur.in_tree ? r->cur.path + r->cur.root_len : base_name(r->cur.path);
    int kind;
    size_t n = strip_compression(name, strlen(name), &kind);
    for (size_t i = 0; exts[i]; i++) {
        size_t k = strlen(exts[i]);
        if (has_suffix(name, n, exts[i]) && n > k) {
            n -= k;
            break;
        }
    }
    sl_buf_reset(id);
    return sl_buf_append(id, name, n);
}

static int text_doc_id(sl_reader *r, sl_buf *id)
{
    static const char *const exts[] = { ".txt", NULL };
    return sl_reader_file_id(r, exts, id);
}

/* ---------------------------------------------------------------- inputs */

static int by_bytes(const void *a, const void *b)
{
    return strcmp(((const pending *)a)->path, ((const pending *)b)->path);
}

static char *join_path(sl_ctx *ctx, const char *dir, const char *name)
{
    size_t dn = strlen(dir), nn = strlen(name);
    bool slash = dn > 0 && dir[dn - 1] == '/';
    char *p = sl_malloc(ctx, dn + nn + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, dn);
    if (!slash)
        p[dn++] = '/';
    memcpy(p + dn, name, nn + 1);
    return p;
}

/* Read a directory's visible entries into a list (paths owned). */
static int list_dir(sl_reader *r, DIR *d, pending **list, size_t *n, size_t *cap)
{
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (sl_grow(r->ctx, (void **)list, cap, *n + 1, sizeof **list))
            return SL_ENOMEM;
        char *p = join_path(r->ctx, r->cur.path, e->d_name);
        if (!p)
            return sl_oom(r->ctx);
        (*list)[(*n)++] = (pending){ p, r->cur.root_len, true };
        errno = 0;
    }
    if (errno)
        return sl_error(r->ctx, SL_EIO, "%s: cannot read directory: %s", r->cur.path, strerror(errno));
    return SL_OK;
}

/* Queue the entries of the current directory, in byte order, ahead of
 * everything else. */
static int expand_dir(sl_reader *r)
{
    DIR *d = opendir(r->cur.path);
    if (!d)
        return sl_error(r->ctx, SL_EIO, "%s: cannot read directory: %s", r->cur.path, strerror(errno));
    pending *list = NULL;
    size_t n = 0, cap = 0;
    int rc = list_dir(r, d, &list, &n, &cap);
    closedir(d);
    if (rc == SL_OK && n > 0)
        rc = sl_grow(r->ctx, (void **)&r->stack, &r->cap_stack, r->n_stack + n, sizeof *list);
    if (rc != SL_OK) {
        free_pending(r->ctx, list, 0, n);
        sl_free(r->ctx, list);
        return rc;
    }
    if (n > 0)
        qsort(list, n, sizeof *list, by_bytes);
    /* The stack pops from its end: push the last entry first. */
    for (size_t i = n; i-- > 0;)
        r->stack[r->n_stack++] = list[i];
    sl_free(r->ctx, list);
    return SL_OK;
}

static int open_source(sl_reader *r, int kind, int format)
{
    int rc = sl_source_open(&r->src, r->ctx, r->cur.path, kind);
    if (rc != SL_OK)
        return rc;
    r->open = true;
    r->format = format;
    r->eol = '\n';
    r->line_no = 0;
    r->chunk_pos = r->chunk_len = 0;
    return SL_OK;
}

/* Start on the current pending input.  Returns SL_OK when a source is
 * open, OPEN_NOTHING when there was nothing to read, or an error. */
static int open_current(sl_reader *r)
{
    const char *path = r->cur.path;
    if (strcmp(path, "-") == 0)
        return open_source(r, SL_SOURCE_SNIFF, FORMAT_SNIFF);
    struct stat st;
    /* Inside a tree, a symbolic link to a directory is not followed. */
    int sr = r->cur.in_tree ? lstat(path, &st) : stat(path, &st);
    int kind, format;
    if (sr == 0 && S_ISLNK(st.st_mode)) {
        /* a broken or looping link is reported when it names an input */
        sr = stat(path, &st);
        if ((sr == 0 && S_ISDIR(st.st_mode)) || (sr != 0 && !classify(path, &kind, &format)))
            return OPEN_NOTHING;
    }
    if (sr != 0)
        return sl_error(r->ctx, SL_EIO, "%s: cannot open: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        if (!r->cur.in_tree) {
            size_t n = strlen(path);
            r->cur.root_len = n + (path[n - 1] == '/' ? 0 : 1);
        }
        int rc = expand_dir(r);
        return rc ? rc : OPEN_NOTHING;
    }
    if (!classify(path, &kind, &format)) {
        if (r->cur.in_tree)
            return OPEN_NOTHING;
        kind = SL_SOURCE_SNIFF;
        format = FORMAT_SNIFF;
    }
    return open_source(r, kind, format);
}

/* Open the next input that has something to read; SL_EOF when none is
 * left.  An input that fails is reported and dropped. */
static int open_next(sl_reader *r)
{
    for (;;) {
        pending p;
        if (r->n_stack > 0)
            p = r->stack[--r->n_stack];
        else if (r->next_input < r->n_inputs)
            p = r->inputs[r->next_input++];
        else
            return SL_EOF;
        sl_free(r->ctx, r->cur.path);
        r->cur = p;
        int rc = open_current(r);
        if (rc != OPEN_NOTHING)
            return rc;
    }
}

/* ---------------------------------------------------------------- documents */

static void set_str(sl_str *s, const sl_buf *b)
{
    s->ptr = b->len ? b->ptr : "";
    s->len = b->len;
}

/* Read the rest of the current input into buf. */
int sl_reader_read_all(sl_reader *r, sl_buf *text)
{
    sl_buf_reset(text);
    int rc = sl_buf_append(text, r->chunk + r->chunk_pos, r->chunk_len - r->chunk_pos);
    r->chunk_pos = r->chunk_len = 0;
    for (;;) {
        if (rc == SL_OK && text->len > r->opts.max_doc)
            rc = sl_error(r->ctx, SL_ELIMIT, "%s: document larger than %zu bytes (max_doc)",
                          r->cur.path, r->opts.max_doc);
        if (rc == SL_OK)
            rc = sl_buf_reserve(text, READER_CHUNK);
        if (rc != SL_OK)
            return rc;
        size_t got;
        rc = sl_source_read(&r->src, text->ptr + text->len, text->cap - text->len - 1, &got);
        if (rc == SL_OK && got == 0)
            break;
        text->len += got;
        text->ptr[text->len] = '\0';
    }
    return SL_OK;
}

/* Control bytes that do not occur in text (all but tab, LF, VT, FF, CR
 * and ESC). */
static bool is_binary_byte(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B;
}

/* Binary when at least 8 of the first 64 KiB, and more than 1 in 20, are
 * such bytes: random bytes have about 1 in 10, executables and images
 * more, text none but the odd stray NUL. */
bool sl_reader_looks_binary(const char *s, size_t n, size_t *first)
{
    size_t sample = n < ((size_t)64 << 10) ? n : (size_t)64 << 10, count = 0;
    *first = 0;
    for (size_t i = 0; i < sample; i++) {
        if (is_binary_byte((unsigned char)s[i]) && count++ == 0)
            *first = i;
    }
    return count >= 8 && count * 20 > sample;
}

bool sl_reader_utf16_bom(const char *s, size_t n)
{
    return n >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'));
}

/* UTF-16 (after its byte order mark) to UTF-8 in out; unpaired surrogates
 * and an odd last byte become U+FFFD. */
static int utf16_to_utf8(const char *s, size_t n, sl_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    bool le = u[0] == 0xFF;
    sl_buf_reset(out);
    int rc = SL_OK;
    for (size_t i = 2; i < n && rc == SL_OK;) {
        if (i + 1 >= n) {
            rc = sl_buf_append(out, "\xEF\xBF\xBD", 3);
            break;
        }
        uint32_t cp = le ? (uint32_t)(u[i] | u[i + 1] << 8) : (uint32_t)(u[i] << 8 | u[i + 1]);
        i += 2;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < n) {
            uint32_t lo = le ? (uint32_t)(u[i] | u[i + 1] << 8) : (uint32_t)(u[i] << 8 | u[i + 1]);
            if (lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if (cp >= 0xD800 && cp < 0xE000)
            cp = 0xFFFD;
        char enc[4];
        rc = sl_buf_append(out, enc, sl_utf8_encode(cp, enc));
    }
    return rc;
}

/* A text document's bytes as UTF-8 text, or an error for binary data. */
static int check_text(sl_reader *r, sl_buf *text)
{
    size_t first;
    if (sl_reader_utf16_bom(text->ptr, text->len)) {
        int rc = utf16_to_utf8(text->ptr, text->len, &r->line);
        if (rc != SL_OK)
            return rc;
        sl_buf tmp = *text;
        *text = r->line;
        r->line = tmp;
        return SL_OK;
    }
    if (sl_reader_looks_binary(text->ptr, text->len, &first))
        return sl_error(r->ctx, SL_EPARSE,
                        "%s: binary data, not text (control byte at byte %zu); skipped",
                        r->cur.path, first);
    return SL_OK;
}

/* Read the rest of the current input as one text document. */
static int read_text_doc(sl_reader *r, sl_doc *doc, bool *empty)
{
    sl_buf *text = &r->fields[F_TEXT];
    int rc = sl_reader_read_all(r, text);
    if (rc == SL_OK)
        rc = check_text(r, text);
    if (rc != SL_OK)
        return rc;
    *empty = text->len == 0;
    rc = text_doc_id(r, &r->fields[F_ID]);
    if (rc != SL_OK)
        return rc;
    set_str(&doc->id, &r->fields[F_ID]);
    set_str(&doc->text, text);
    doc->title = doc->url = doc->source = doc->published = doc->raw = (sl_str){ "", 0 };
    doc->origin = r->cur.path;
    doc->line = 0;
    doc->members = NULL;
    return SL_OK;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool starts_ci(const char *s, size_t len, const char *word)
{
    size_t k = strlen(word);
    return len >= k && strncasecmp(s, word, k) == 0;
}

/* A sniffed input that is not JSONL: a WARC archive, a web page, or text. */
static int looks_like(const sl_reader *r, size_t i)
{
    const char *p = r->chunk + i;
    size_t n = r->chunk_len - i;
    if (i == 0 && starts_ci(p, n, "WARC/1."))
        return FORMAT_WARC;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    if (starts_ci(p, n, "<!doctype html") || starts_ci(p, n, "<html"))
        return FORMAT_HTML;
    return FORMAT_TEXT;
}

/* Decide between JSONL and text by the first non-space byte, reading
 * further (the chunk grows) while only white space has been seen. */
static int sniff_format(sl_reader *r)
{
    size_t i = 0;
    for (;;) {
        while (i < r->chunk_len && is_space(r->chunk[i]))
            i++;
        if (i < r->chunk_len)
            break;
        if (r->chunk_len == r->chunk_cap &&
            sl_grow(r->ctx, (void **)&r->chunk, &r->chunk_cap, r->chunk_cap + 1, 1))
            return SL_ENOMEM;
        size_t got;
        int rc = sl_source_read(&r->src, r->chunk + r->chunk_len, r->chunk_cap - r->chunk_len, &got);
        if (rc != SL_OK) {
            r->src_failed = true;
            return rc;
        }
        if (got == 0)
            break;
        r->chunk_len += got;
    }
    bool json = i >= r->chunk_len || r->chunk[i] == '{';
    r->format = json ? FORMAT_JSONL : looks_like(r, i);
    return SL_OK;
}

/* Text documents: one per input.  Sets *none when the input was empty. */
static int next_text(sl_reader *r, sl_doc *doc, bool *none)
{
    bool empty = false;
    int rc = read_text_doc(r, doc, &empty);
    *none = rc == SL_OK && empty;
    close_input(r);
    return rc;
}

/* A web page: one document per input. */
static int next_html(sl_reader *r, sl_doc *doc)
{
    static const char *const exts[] = { ".html", ".htm", ".xhtml", NULL };
    int rc = sl_reader_read_all(r, &r->page);
    if (rc == SL_OK)
        rc = sl_reader_file_id(r, exts, &r->scratch);
    if (rc == SL_OK) {
        sl_page_info info = { 0 };
        info.id = (sl_str){ r->scratch.ptr, r->scratch.len };
        rc = sl_reader_page_doc(r, r->page.len ? r->page.ptr : "", r->page.len, &info, NULL, doc);
        if (rc != SL_OK && rc != SL_ENOMEM) {
            char msg[sizeof r->ctx->errmsg];
            snprintf(msg, sizeof msg, "%s", sl_errmsg(r->ctx));
            rc = sl_error(r->ctx, rc, "%s: %s", r->cur.path, msg);
        }
    }
    close_input(r);
    return rc;
}

int sl_reader_next(sl_reader *r, sl_doc *doc)
{
    if (!r || !doc)
        return SL_EINVAL;
    memset(doc, 0, sizeof *doc);
    for (;;) {
        int rc;
        if (!r->open) {
            rc = open_next(r);
            if (rc != SL_OK)
                return rc;
        }
        if (r->format == FORMAT_SNIFF && (rc = sniff_format(r)) != SL_OK) {
            close_input(r);
            return rc;
        }
        if (r->format == FORMAT_TEXT) {
            bool none;
            rc = next_text(r, doc, &none);
            if (none)
                continue;
            return rc;
        }
        if (r->format == FORMAT_HTML)
            return next_html(r, doc);
        if (r->format == FORMAT_WARC)
            rc = sl_reader_next_warc(r, doc);
        else
            rc = sl_reader_next_record(r, doc);
        if (rc == SL_EOF || r->src_failed)
            close_input(r);
        if (rc != SL_EOF)
            return rc;
    }
}

int sl_doc_has_field(const sl_doc *doc, const char *key)
{
    return doc && doc->members && key && sl_json_find(doc->members, key) >= 0;
}

/* The string at doc[key] or, with subkey, doc[key][subkey]. */
int sl_reader_field(sl_reader *r, const sl_doc *doc, const char *key, const char *subkey,
                    sl_str *out)
{
    *out = (sl_str){ "", 0 };
    if (!r || !doc || !doc->members || !key)
        return 0;
    const sl_json_object *o = doc->members;
    long i = sl_json_find(o, key);
    if (i < 0)
        return 0;
    const sl_json_member *m = &o->members[i];
    if (subkey) {
        if (m->type != SL_JSON_OBJECT)
            return 0;
        size_t err;
        /* the value was validated with the line: this parse cannot fail
         * but for memory */
        int rc = sl_json_parse_object(r->ctx, o->text + m->val_start, m->val_end - m->val_start,
                                      r->opts.max_depth, &r->sub, &err);
        if (rc)
            return rc;
        o = &r->sub;
        if ((i = sl_json_find(o, subkey)) < 0)
            return 0;
        m = &o->members[i];
    }
    if (m->type != SL_JSON_STRING)
        return 0;
    sl_buf_reset(&r->field);
    int rc = sl_json_decode_string(o->text + m->val_start, m->val_end - m->val_start, &r->field,
                                   NULL);
    if (rc)
        return rc;
    *out = (sl_str){ r->field.ptr ? r->field.ptr : "", r->field.len };
    return 1;
}
