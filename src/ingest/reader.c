/* STUB: being written. */
#include "../core/json.h"
struct sl_reader { sl_ctx *ctx; };
int sl_reader_new(sl_ctx *ctx, sl_reader **out, const sl_reader_options *opts) { (void)opts; *out = sl_calloc(ctx, 1, sizeof **out); if (!*out) return sl_oom(ctx); (*out)->ctx = ctx; return 0; }
void sl_reader_free(sl_reader *r) { if (r) sl_free(r->ctx, r); }
int sl_reader_add(sl_reader *r, const char *path) { (void)path; return sl_error(r->ctx, SL_EIO, "not implemented"); }
int sl_reader_next(sl_reader *r, sl_doc *doc) { (void)r; (void)doc; return SL_EOF; }
uint64_t sl_reader_bytes(const sl_reader *r) { (void)r; return 0; }
