/* Line and block classification: title, byline, dateline, captions, and
 * boilerplate (navigation, share prompts, mirror notices, comment forms,
 * site signatures, spam-blog tails). */
#ifndef SL_LINES_H
#define SL_LINES_H

#include "../core/core.h"

enum sl_line_kind {
    SL_LINE_BODY = 0,
    SL_LINE_BLANK,
    SL_LINE_TITLE,
    SL_LINE_BYLINE,
    SL_LINE_CAPTION,
    SL_LINE_BOILERPLATE   /* removed; `reason` says which kind */
};

typedef struct sl_line_class {
    size_t start, end;    /* the line, without its '\n' */
    int kind;             /* enum sl_line_kind */
    const char *reason;   /* static string for removed lines: "title",
                             "byline", "caption", "navigation", "share",
                             "subscribe", "mirror", "comment-form",
                             "signature", "spam-tail", "advert", "widget",
                             "timestamp", "repeated";
                             NULL for body and blank lines */
    size_t dateline_end;  /* body lines: end of a leading dateline such as
                             "MOSCOW (Reuters) - ", else == start */
} sl_line_class;

/* Memory kept across documents (lines that repeat within one source). */
typedef struct sl_linestate sl_linestate;

int sl_linestate_new(sl_ctx *ctx, sl_linestate **out);
void sl_linestate_free(sl_linestate *st);

/* Classify the lines of text[0..len), which is normalised: '\n' line ends,
 * NFC, no trailing spaces.  The result replaces *out (grown as needed, one
 * entry per line in order).  `source` may be NULL. */
int sl_classify_lines(sl_linestate *st, const char *text, size_t len,
                      const char *source, size_t source_len,
                      sl_line_class **out, size_t *n, size_t *cap);

/* The same in three steps, for threads: sl_lines_analyze (passes that
 * need no memory: features, cues, body span, tail, line keys) on any
 * thread, sl_lines_note (the memory of repeated lines: consulted and
 * updated; allocates only with the state's context) in input order, then
 * sl_lines_classify on the work's thread.  A work belongs to one thread at
 * a time; the text given to sl_lines_analyze must stay unchanged until
 * sl_lines_classify. */
typedef struct sl_lines_work sl_lines_work;

int sl_lines_work_new(sl_ctx *ctx, sl_lines_work **out);
void sl_lines_work_free(sl_lines_work *w);
int sl_lines_analyze(sl_lines_work *w, const char *text, size_t len,
                     const char *source, size_t source_len);
/* SL_EINVAL unless w was analysed (and not noted) since. */
int sl_lines_note(sl_linestate *st, sl_lines_work *w);
/* SL_EINVAL unless w was noted since it was analysed. */
int sl_lines_classify(sl_lines_work *w, sl_line_class **out, size_t *n, size_t *cap);

#endif
