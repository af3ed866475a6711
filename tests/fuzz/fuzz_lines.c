/* Fuzz target: line classification (src/clean/lines*.c) and the whole
 * clean stage (src/clean/clean.c).  The input is split at lines "===" into
 * up to four documents of one outlet, so the memory of lines repeated
 * within a source is exercised.  Each document is normalised and its lines
 * classified directly, then cleaned with every step as `storyline clean`
 * does, and the result checked against the contract of sl_clean. */
#include "fuzz_util.h"

#include "clean/encoding.h"
#include "clean/lines.h"
#include "clean/normalize.h"
#include "core/rewrite.h"

static void classify(sl_ctx *ctx, sl_linestate *st, const char *text, size_t len)
{
    /* Normalisation wants valid UTF-8: repair the encoding first, as the
     * clean stage does. */
    sl_rewrite fixed, rw;
    sl_rewrite_init(&fixed, ctx);
    sl_rewrite_init(&rw, ctx);
    sl_line_class *lines = NULL;
    size_t n = 0, cap = 0;
    if (sl_encoding_repair(&fixed, text, len) == SL_OK &&
        sl_normalize(&rw, fixed.out.ptr ? fixed.out.ptr : "", fixed.out.len) == SL_OK &&
        sl_classify_lines(st, rw.out.ptr ? rw.out.ptr : "", rw.out.len, "site", 4, &lines, &n,
                          &cap) == SL_OK) {
        size_t prev_end = 0;
        for (size_t i = 0; i < n; i++) {
            FUZZ_CHECK(lines[i].start <= lines[i].end && lines[i].end <= rw.out.len);
            FUZZ_CHECK(lines[i].start >= prev_end);
            FUZZ_CHECK(lines[i].dateline_end >= lines[i].start &&
                       lines[i].dateline_end <= lines[i].end);
            prev_end = lines[i].end;
        }
    }
    sl_free(ctx, lines);
    sl_rewrite_release(&rw);
    sl_rewrite_release(&fixed);
}

static void check_field(const sl_field *f, size_t len)
{
    FUZZ_CHECK(fuzz_valid_utf8(f->text.ptr, f->text.len));
    if (f->text.len)
        FUZZ_CHECK(f->start <= f->end && f->end <= len);
}

static void check_result(const sl_clean_result *r, size_t len)
{
    FUZZ_CHECK(fuzz_valid_utf8(r->text.ptr, r->text.len));
    fuzz_check_map(r->map, r->n_map, r->text.len, len);
    check_field(&r->title, len);
    check_field(&r->byline, len);
    check_field(&r->dateline, len);
    for (size_t i = 0; i < r->n_captions; i++)
        check_field(&r->captions[i], len);
    for (size_t i = 0; i < r->n_removed; i++)
        FUZZ_CHECK(r->removed[i].start <= r->removed[i].end && r->removed[i].end <= len &&
                   r->removed[i].reason);
    for (size_t i = 0; i < r->n_repairs; i++)
        FUZZ_CHECK(r->repairs[i].start <= r->repairs[i].end && r->repairs[i].end <= len);
    for (size_t off = 0; off <= r->text.len; off += 1 + r->text.len / 7)
        FUZZ_CHECK(sl_clean_raw_offset(r, off) <= len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size = fuzz_cap(size);
    fuzz_piece docs[4];
    size_t n = fuzz_split(data, size, docs, 4);
    sl_ctx *ctx = fuzz_ctx();
    sl_linestate *st = NULL;
    sl_cleaner *c = NULL;
    sl_clean_options co = SL_CLEAN_OPTIONS_INIT;
    if (sl_linestate_new(ctx, &st) != SL_OK || sl_cleaner_new(ctx, &c, &co) != SL_OK)
        abort();
    for (size_t i = 0; i < n; i++) {
        classify(ctx, st, docs[i].ptr, docs[i].len);
        const sl_clean_result *r;
        if (sl_clean(c, docs[i].ptr, docs[i].len, "site", 4, &r) == SL_OK)
            check_result(r, docs[i].len);
    }
    sl_cleaner_free(c);
    sl_linestate_free(st);
    sl_ctx_free(ctx);
    return 0;
}
