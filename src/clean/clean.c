/* The clean stage: encoding repair, normalisation and line classification,
 * each a rewrite of the previous text.  The maps of the steps are composed
 * so that every offset reported points into the raw input text.
 *
 * One document's cleaning is split for threads (include/storyline.h): the
 * analysis (encoding repair, normalisation, line features and keys) and the
 * finish (line classification, the rewrite without the removed lines,
 * tidying) use only the sl_clean_doc's own buffers and context; between
 * them, sl_clean_note consults and updates the cleaner's memory of lines
 * that repeat across documents of one source, in input order. */
#include "encoding.h"
#include "lines.h"
#include "normalize.h"

#include <string.h>

/* A growable array of one element type. */
#define SL_ARRAY(type) struct { type *items; size_t n, cap; }

enum sl_clean_doc_stage {
    SL_CLEAN_DOC_EMPTY,     /* nothing analysed, or a step failed */
    SL_CLEAN_DOC_ANALYSED,  /* sl_clean_analyze succeeded */
    SL_CLEAN_DOC_NOTED,     /* sl_clean_note succeeded */
    SL_CLEAN_DOC_FINISHED   /* sl_clean_finish succeeded */
};

struct sl_clean_doc {
    sl_ctx *ctx;
    sl_clean_options opts;
    int stage;                 /* enum sl_clean_doc_stage */
    sl_rewrite enc, norm, lines, tidy;
    sl_rewrite field_enc, field_norm; /* for sl_clean_doc_field */
    sl_lines_work *work;
    sl_line_class *classes;
    size_t n_classes, cap_classes;
    /* Maps from the current text back to the raw text (two, swapped). */
    sl_map_seg *map, *spare;
    size_t n_map, cap_map, n_spare, cap_spare;
    SL_ARRAY(sl_repair) repairs;
    SL_ARRAY(sl_removal) removed;
    SL_ARRAY(sl_field) captions;
    const char *text;          /* the current text (an output of a step) */
    size_t len;
    sl_clean_result result;
};

int sl_clean_doc_new(sl_ctx *ctx, sl_clean_doc **out, const sl_clean_options *opts)
{
    sl_clean_options defaults = SL_CLEAN_OPTIONS_INIT;
    if (!ctx || !out)
        return SL_EINVAL;
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != SL_CLEAN_OPTIONS_VERSION)
        return sl_error(ctx, SL_EINVAL, "sl_clean_options: unknown version %u", opts->version);
    sl_clean_doc *c = sl_calloc(ctx, 1, sizeof *c);
    if (!c)
        return sl_oom(ctx);
    c->ctx = ctx;
    c->opts = *opts;
    sl_rewrite_init(&c->enc, ctx);
    sl_rewrite_init(&c->norm, ctx);
    sl_rewrite_init(&c->lines, ctx);
    sl_rewrite_init(&c->tidy, ctx);
    sl_rewrite_init(&c->field_enc, ctx);
    sl_rewrite_init(&c->field_norm, ctx);
    int rc = sl_lines_work_new(ctx, &c->work);
    if (rc) {
        sl_free(ctx, c);
        return rc;
    }
    *out = c;
    return SL_OK;
}

void sl_clean_doc_free(sl_clean_doc *c)
{
    if (!c)
        return;
    sl_ctx *ctx = c->ctx;
    sl_rewrite_release(&c->enc);
    sl_rewrite_release(&c->norm);
    sl_rewrite_release(&c->lines);
    sl_rewrite_release(&c->tidy);
    sl_rewrite_release(&c->field_enc);
    sl_rewrite_release(&c->field_norm);
    sl_lines_work_free(c->work);
    sl_free(ctx, c->classes);
    sl_free(ctx, c->map);
    sl_free(ctx, c->spare);
    sl_free(ctx, c->repairs.items);
    sl_free(ctx, c->removed.items);
    sl_free(ctx, c->captions.items);
    sl_free(ctx, c);
}

/* Start the current map as the identity over len raw bytes. */
static int map_identity(sl_clean_doc *c, size_t len)
{
    c->n_map = 0;
    if (len == 0)
        return SL_OK;
    int rc = sl_grow(c->ctx, (void **)&c->map, &c->cap_map, 1, sizeof *c->map);
    if (rc)
        return rc;
    c->map[0] = (sl_map_seg){ 0, len, 0, len };
    c->n_map = 1;
    return SL_OK;
}

/* Fold a step's map (its output -> its input) into the current map. */
static int map_push_step(sl_clean_doc *c, const sl_rewrite *step)
{
    int rc = sl_map_compose(c->ctx, c->map, c->n_map, step->segs, step->n_segs, &c->spare,
                            &c->n_spare, &c->cap_spare);
    if (rc)
        return rc;
    sl_map_seg *t = c->map;
    c->map = c->spare;
    c->spare = t;
    size_t tn = c->cap_map;
    c->cap_map = c->cap_spare;
    c->cap_spare = tn;
    c->n_map = c->n_spare;
    return SL_OK;
}

static size_t raw_start(const sl_clean_doc *c, size_t off)
{
    return sl_map_offset(c->map, c->n_map, off, 0);
}

static size_t raw_end(const sl_clean_doc *c, size_t off)
{
    return sl_map_offset(c->map, c->n_map, off, 1);
}

/* Record a step's repairs, converting their offsets to raw ones with the
 * map as it was before the step. */
static int collect_repairs(sl_clean_doc *c, const sl_rewrite *step)
{
    for (size_t i = 0; i < step->n_edits; i++) {
        const sl_edit *e = &step->edits[i];
        if (e->type != SL_EDIT_REPAIR)
            continue;
        int rc = sl_grow(c->ctx, (void **)&c->repairs.items, &c->repairs.cap,
                         c->repairs.n + 1, sizeof *c->repairs.items);
        if (rc)
            return rc;
        c->repairs.items[c->repairs.n++] = (sl_repair){
            raw_start(c, e->start), raw_end(c, e->end),
            { step->out.ptr + e->to, e->to_len }, e->label };
    }
    return SL_OK;
}

static int add_removal(sl_clean_doc *c, size_t start, size_t end, const char *reason)
{
    int rc = sl_grow(c->ctx, (void **)&c->removed.items, &c->removed.cap, c->removed.n + 1,
                     sizeof *c->removed.items);
    if (rc)
        return rc;
    c->removed.items[c->removed.n++] = (sl_removal){ raw_start(c, start), raw_end(c, end), reason };
    return SL_OK;
}

static sl_field make_field(const sl_clean_doc *c, const char *text, size_t start, size_t end)
{
    return (sl_field){ { text + start, end - start }, raw_start(c, start), raw_end(c, end) };
}

static int add_caption(sl_clean_doc *c, const char *text, const sl_line_class *lc)
{
    int rc = sl_grow(c->ctx, (void **)&c->captions.items, &c->captions.cap, c->captions.n + 1,
                     sizeof *c->captions.items);
    if (rc)
        return rc;
    c->captions.items[c->captions.n++] = make_field(c, text, lc->start, lc->end);
    return SL_OK;
}

/* Take one classified line: keep it, or remove it (with the separator that
 * follows it) and remember it as a field or a removal. */
static int apply_line(sl_clean_doc *c, const char *text, const sl_line_class *lc, size_t next)
{
    sl_rewrite *rw = &c->lines;
    int rc = SL_OK;
    if (lc->kind == SL_LINE_BODY || lc->kind == SL_LINE_BLANK) {
        if (lc->kind == SL_LINE_BODY && lc->dateline_end > lc->start && !c->result.dateline.text.len)
            c->result.dateline = make_field(c, text, lc->start, lc->dateline_end);
        return sl_rw_copy(rw, text, next - lc->start);
    }
    if (lc->kind == SL_LINE_TITLE && !c->result.title.text.len)
        c->result.title = make_field(c, text, lc->start, lc->end);
    else if (lc->kind == SL_LINE_BYLINE && !c->result.byline.text.len)
        c->result.byline = make_field(c, text, lc->start, lc->end);
    else if (lc->kind == SL_LINE_CAPTION)
        rc = add_caption(c, text, lc);
    if (rc == SL_OK)
        rc = add_removal(c, lc->start, lc->end, lc->reason ? lc->reason : "boilerplate");
    if (rc == SL_OK)
        rc = sl_rw_remove(rw, lc->end - lc->start, NULL);
    if (rc == SL_OK)
        rc = sl_rw_remove(rw, next - lc->end, NULL);
    return rc;
}

static int clean_lines(sl_clean_doc *c, const char *text, size_t len)
{
    int rc = sl_lines_classify(c->work, &c->classes, &c->n_classes, &c->cap_classes);
    for (size_t i = 0; i < c->n_classes && rc == SL_OK; i++) {
        size_t next = i + 1 < c->n_classes ? c->classes[i + 1].start : len;
        rc = apply_line(c, text, &c->classes[i], next);
    }
    if (rc == SL_OK)
        rc = sl_rw_finish(&c->lines, text, len);
    return rc;
}

static void reset(sl_clean_doc *c)
{
    sl_rewrite_reset(&c->enc);
    sl_rewrite_reset(&c->norm);
    sl_rewrite_reset(&c->lines);
    sl_rewrite_reset(&c->tidy);
    c->repairs.n = c->removed.n = c->captions.n = 0;
    c->n_classes = 0;
    c->stage = SL_CLEAN_DOC_EMPTY;
    memset(&c->result, 0, sizeof c->result);
}

/* Run one rewrite step over the current text and fold its map in. */
static int run_step(sl_clean_doc *c, sl_rewrite *rw, int (*step)(sl_rewrite *, const char *, size_t),
                    const char **text, size_t *len)
{
    int rc = step(rw, *text, *len);
    if (rc == SL_OK)
        rc = collect_repairs(c, rw);
    if (rc == SL_OK)
        rc = map_push_step(c, rw);
    if (rc == SL_OK) {
        *text = rw->out.ptr ? rw->out.ptr : "";
        *len = rw->out.len;
    }
    return rc;
}


/* Encoding repair and normalisation, then the lines' analysis. */
static int analyze_steps(sl_clean_doc *c, const char *source, size_t source_len)
{
    unsigned steps = c->opts.steps;
    int rc = map_identity(c, c->len);
    if (rc == SL_OK && (steps & SL_CLEAN_ENCODING))
        rc = run_step(c, &c->enc, sl_encoding_repair, &c->text, &c->len);
    if (rc == SL_OK && (steps & (SL_CLEAN_NORMALIZE | SL_CLEAN_LINES)))
        rc = run_step(c, &c->norm, sl_normalize, &c->text, &c->len);
    if (rc == SL_OK && (steps & SL_CLEAN_LINES))
        rc = sl_lines_analyze(c->work, c->text, c->len, source, source_len);
    return rc;
}

int sl_clean_analyze(sl_clean_doc *c, const char *text, size_t len, const char *source,
                     size_t source_len)
{
    if (!c || (!text && len))
        return SL_EINVAL;
    reset(c);
    c->text = text ? text : "";
    c->len = len;
    int rc = analyze_steps(c, source, source_len);
    if (rc != SL_OK) {
        reset(c);
        return rc;
    }
    c->stage = SL_CLEAN_DOC_ANALYSED;
    return SL_OK;
}

/* The lines without the removed ones, then tidied: removing lines can
 * leave blank lines at the ends. */
static int finish_lines(sl_clean_doc *c)
{
    int rc = clean_lines(c, c->text, c->len);
    if (rc == SL_OK)
        rc = map_push_step(c, &c->lines);
    if (rc == SL_OK) {
        c->text = c->lines.out.ptr ? c->lines.out.ptr : "";
        c->len = c->lines.out.len;
        rc = run_step(c, &c->tidy, sl_normalize, &c->text, &c->len);
    }
    return rc;
}

int sl_clean_finish(sl_clean_doc *c, const sl_clean_result **result)
{
    if (!c || !result)
        return SL_EINVAL;
    *result = NULL;
    if (c->stage != SL_CLEAN_DOC_NOTED)
        return sl_error(c->ctx, SL_EINVAL, "sl_clean_finish: the document was not noted");
    int rc = (c->opts.steps & SL_CLEAN_LINES) ? finish_lines(c) : SL_OK;
    if (rc != SL_OK) {
        reset(c);
        return rc;
    }
    c->stage = SL_CLEAN_DOC_FINISHED;
    sl_clean_result *r = &c->result;
    r->text = (sl_str){ c->text, c->len };
    r->captions = c->captions.items;
    r->n_captions = c->captions.n;
    r->removed = c->removed.items;
    r->n_removed = c->removed.n;
    r->repairs = c->repairs.items;
    r->n_repairs = c->repairs.n;
    r->map = c->map;
    r->n_map = c->n_map;
    *result = r;
    return SL_OK;
}

/* Fields are short and have no lines to classify: only the encoding and
 * normalisation steps apply, and line ends become spaces. */
int sl_clean_doc_field(sl_clean_doc *c, const char *text, size_t len, sl_str *out)
{
    if (!c || !out || (!text && len))
        return SL_EINVAL;
    *out = (sl_str){ "", 0 };
    const char *cur = text ? text : "";
    size_t cur_len = len;
    sl_rewrite_reset(&c->field_enc);
    sl_rewrite_reset(&c->field_norm);
    int rc = SL_OK;
    if (c->opts.steps & SL_CLEAN_ENCODING) {
        rc = sl_encoding_repair(&c->field_enc, cur, cur_len);
        cur = c->field_enc.out.ptr ? c->field_enc.out.ptr : "";
        cur_len = c->field_enc.out.len;
    }
    if (rc == SL_OK && (c->opts.steps & (SL_CLEAN_NORMALIZE | SL_CLEAN_LINES))) {
        rc = sl_normalize(&c->field_norm, cur, cur_len);
        sl_buf *b = &c->field_norm.out;
        for (size_t i = 0; rc == SL_OK && i < b->len; i++)
            if (b->ptr[i] == '\n')
                b->ptr[i] = ' ';
        cur = b->ptr ? b->ptr : "";
        cur_len = b->len;
    }
    if (rc == SL_OK)
        *out = (sl_str){ cur, cur_len };
    return rc;
}

/* ---------------------------------------------------------- the cleaner */

struct sl_cleaner {
    sl_ctx *ctx;
    sl_linestate *linestate;
    sl_clean_doc *doc; /* for sl_clean and sl_clean_field */
};

int sl_cleaner_new(sl_ctx *ctx, sl_cleaner **out, const sl_clean_options *opts)
{
    if (!ctx || !out)
        return SL_EINVAL;
    *out = NULL;
    sl_cleaner *c = sl_calloc(ctx, 1, sizeof *c);
    if (!c)
        return sl_oom(ctx);
    c->ctx = ctx;
    int rc = sl_clean_doc_new(ctx, &c->doc, opts);
    if (rc == SL_OK)
        rc = sl_linestate_new(ctx, &c->linestate);
    if (rc) {
        sl_cleaner_free(c);
        return rc;
    }
    *out = c;
    return SL_OK;
}

void sl_cleaner_free(sl_cleaner *c)
{
    if (!c)
        return;
    sl_linestate_free(c->linestate);
    sl_clean_doc_free(c->doc);
    sl_free(c->ctx, c);
}

int sl_clean_note(sl_cleaner *c, sl_clean_doc *d)
{
    if (!c || !d)
        return SL_EINVAL;
    if (d->stage != SL_CLEAN_DOC_ANALYSED)
        return sl_error(c->ctx, SL_EINVAL, "sl_clean_note: the document was not analysed");
    if (d->opts.steps & SL_CLEAN_LINES) {
        int rc = sl_lines_note(c->linestate, d->work);
        if (rc) {
            d->stage = SL_CLEAN_DOC_EMPTY;
            return rc;
        }
    }
    d->stage = SL_CLEAN_DOC_NOTED;
    return SL_OK;
}

int sl_clean(sl_cleaner *c, const char *text, size_t len, const char *source, size_t source_len,
             const sl_clean_result **result)
{
    if (!c || !result || (!text && len))
        return SL_EINVAL;
    *result = NULL;
    int rc = sl_clean_analyze(c->doc, text, len, source, source_len);
    if (rc == SL_OK)
        rc = sl_clean_note(c, c->doc);
    if (rc == SL_OK)
        rc = sl_clean_finish(c->doc, result);
    return rc;
}

size_t sl_clean_raw_offset(const sl_clean_result *r, size_t clean_offset)
{
    return r ? sl_map_offset(r->map, r->n_map, clean_offset, 0) : clean_offset;
}

int sl_clean_field(sl_cleaner *c, const char *text, size_t len, sl_str *out)
{
    if (!c || !out || (!text && len))
        return SL_EINVAL;
    return sl_clean_doc_field(c->doc, text, len, out);
}
