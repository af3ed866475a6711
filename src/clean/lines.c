/* STUB: being written. */
#include "lines.h"
#include <string.h>
struct sl_linestate { sl_ctx *ctx; };
int sl_linestate_new(sl_ctx *ctx, sl_linestate **out) { *out = sl_calloc(ctx, 1, sizeof **out); if (!*out) return sl_oom(ctx); (*out)->ctx = ctx; return 0; }
void sl_linestate_free(sl_linestate *st) { if (st) sl_free(st->ctx, st); }
int sl_classify_lines(sl_linestate *st, const char *text, size_t len, const char *source, size_t source_len, sl_line_class **out, size_t *n, size_t *cap)
{ (void)source; (void)source_len; size_t start = 0; *n = 0;
  while (start <= len) { const char *nl = memchr(text + start, '\n', len - start); size_t end = nl ? (size_t)(nl - text) : len;
    int rc = sl_grow(st->ctx, (void **)out, cap, *n + 1, sizeof **out);
    if (rc) return rc;
    (*out)[(*n)++] = (sl_line_class){ start, end, end == start ? SL_LINE_BLANK : SL_LINE_BODY, NULL, start };
    if (!nl) break;
    start = end + 1; }
  return 0; }
