/* Fuzz target: encoding repair (src/clean/encoding*.c): mojibake once or
 * twice encoded, HTML entities, invalid bytes, whole texts in a legacy
 * code page.  The repair step is run on its own and checked (valid UTF-8
 * out, a map and repairs inside the input), then as `storyline clean
 * --steps encoding,normalize` runs it, and on the text as a title field. */
#include "fuzz_util.h"

#include "clean/encoding.h"
#include "core/rewrite.h"

static void check_rewrite(const sl_rewrite *rw, size_t in_len)
{
    FUZZ_CHECK(fuzz_valid_utf8(rw->out.ptr, rw->out.len));
    fuzz_check_map(rw->segs, rw->n_segs, rw->out.len, in_len);
    for (size_t i = 0; i < rw->n_edits; i++) {
        const sl_edit *e = &rw->edits[i];
        FUZZ_CHECK(e->start <= e->end && e->end <= in_len);
        FUZZ_CHECK(e->to + e->to_len <= rw->out.len);
        FUZZ_CHECK(e->label != NULL);
    }
}

static void clean_as_cli(sl_ctx *ctx, const char *text, size_t len)
{
    sl_clean_options co = SL_CLEAN_OPTIONS_INIT;
    co.steps = SL_CLEAN_ENCODING | SL_CLEAN_NORMALIZE;
    sl_cleaner *c = NULL;
    if (sl_cleaner_new(ctx, &c, &co) != SL_OK)
        abort();
    const sl_clean_result *r;
    if (sl_clean(c, text, len, NULL, 0, &r) == SL_OK) {
        FUZZ_CHECK(fuzz_valid_utf8(r->text.ptr, r->text.len));
        fuzz_check_map(r->map, r->n_map, r->text.len, len);
        for (size_t i = 0; i < r->n_repairs; i++)
            FUZZ_CHECK(r->repairs[i].start <= r->repairs[i].end && r->repairs[i].end <= len);
        FUZZ_CHECK(sl_clean_raw_offset(r, r->text.len) <= len);
    }
    sl_str field;
    if (sl_clean_field(c, text, len < 512 ? len : 512, &field) == SL_OK)
        FUZZ_CHECK(fuzz_valid_utf8(field.ptr, field.len));
    sl_cleaner_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    const char *text = (const char *)data;
    sl_ctx *ctx = fuzz_ctx();
    sl_rewrite rw;
    sl_rewrite_init(&rw, ctx);
    if (sl_encoding_repair(&rw, text, size) == SL_OK)
        check_rewrite(&rw, size);
    sl_rewrite_release(&rw);
    clean_as_cli(ctx, text, size);
    sl_ctx_free(ctx);
    return 0;
}
