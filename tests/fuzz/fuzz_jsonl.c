/* Fuzz target: the reader over JSON Lines (src/ingest/jsonl.c,
 * src/core/json.c), used as `storyline clean` uses it: every record read,
 * its fields looked up (nested "published" object, "dup"."of", an "html"
 * field that makes a page), and the record written back out with the
 * pass-through of its members.  The first byte picks small limits so the
 * line-length and nesting errors are reached too. */
#include "fuzz_util.h"

#include "core/json.h"

/* Write the document back as `storyline clean` does: pass-through fields,
 * then a field of our own. */
static void write_back(sl_out *o, const sl_doc *doc)
{
    static const char *const replaced[] = { "text", "repairs", NULL };
    const char *line;
    size_t len;
    if (sl_out_begin_doc(o, doc, replaced) != SL_OK)
        return;
    if (sl_out_key(o, "text") || sl_out_string(o, doc->text.ptr, doc->text.len) ||
        sl_out_end_object(o) || sl_out_finish(o, &line, &len))
        return;
    FUZZ_CHECK(len > 0 && line[len - 1] == '\n');
    FUZZ_CHECK(fuzz_valid_utf8(line, len));
}

static void check_doc(sl_reader *r, const sl_doc *doc)
{
    FUZZ_CHECK(fuzz_valid_utf8(doc->text.ptr, doc->text.len));
    FUZZ_CHECK(fuzz_valid_utf8(doc->id.ptr, doc->id.len));
    FUZZ_CHECK(fuzz_valid_utf8(doc->title.ptr, doc->title.len));
    FUZZ_CHECK(fuzz_valid_utf8(doc->published.ptr, doc->published.len));
    sl_str v;
    static const char *const keys[][2] = {
        { "published", "earliest" }, { "published", "latest" }, { "dup", "of" },
        { "title", NULL }, { "meta", "author" }, { "page", "charset" },
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (sl_reader_field(r, doc, keys[i][0], keys[i][1], &v) == 1)
            FUZZ_CHECK(fuzz_valid_utf8(v.ptr, v.len));
    (void)sl_doc_has_field(doc, "repairs");
}

/* The JSON scanner on its own, on the whole input as one object. */
static void parse_whole(sl_ctx *ctx, const uint8_t *data, size_t size)
{
    sl_json_object obj = { 0 };
    size_t err = 0;
    sl_buf b;
    sl_buf_init(&b, ctx);
    if (sl_json_parse_object(ctx, (const char *)data, size, 16, &obj, &err) == SL_OK) {
        for (size_t i = 0; i < obj.n; i++) {
            const sl_json_member *m = &obj.members[i];
            FUZZ_CHECK(m->key_end <= size && m->val_end <= size && m->val_start <= m->val_end);
            sl_buf_reset(&b);
            size_t lone = 0;
            FUZZ_CHECK(sl_json_decode_string(obj.text + m->key_start, m->key_end - m->key_start,
                                             &b, &lone) == SL_OK);
            FUZZ_CHECK(fuzz_valid_utf8(b.ptr, b.len));
        }
    } else {
        FUZZ_CHECK(err <= size);
    }
    sl_buf_release(&b);
    sl_json_object_release(ctx, &obj);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    sl_ctx *ctx = fuzz_ctx();
    parse_whole(ctx, data, size);

    sl_reader_options ro = SL_READER_OPTIONS_INIT;
    if (size > 0 && data[0] == '#') { /* a comment-like first byte: tight limits */
        ro.max_line = 256;
        ro.max_depth = 3;
    }
    const char *path = fuzz_write_temp(".jsonl", data, size);
    sl_reader *r = NULL;
    sl_out *o = NULL;
    if (sl_reader_new(ctx, &r, &ro) != SL_OK || sl_out_new(ctx, &o) != SL_OK)
        abort();
    FUZZ_CHECK(sl_reader_add(r, path) == SL_OK);
    for (int guard = 0; guard < 100000; guard++) {
        sl_doc doc;
        int rc = sl_reader_next(r, &doc);
        if (rc == SL_EOF)
            break;
        FUZZ_CHECK(rc != SL_ENOMEM);
        if (rc != SL_OK) {
            FUZZ_CHECK(sl_errmsg(ctx)[0] != '\0');
            continue;
        }
        check_doc(r, &doc);
        write_back(o, &doc);
    }
    sl_out_free(o);
    sl_reader_free(r);
    sl_ctx_free(ctx);
    return 0;
}
