#include "../core/rewrite.h"
struct sl_cleaner { sl_ctx *ctx; };
int sl_cleaner_new(sl_ctx *ctx, sl_cleaner **out, const sl_clean_options *opts) { (void)opts; *out = sl_calloc(ctx, 1, sizeof **out); if (!*out) return sl_oom(ctx); (*out)->ctx = ctx; return 0; }
void sl_cleaner_free(sl_cleaner *c) { if (c) sl_free(c->ctx, c); }
int sl_clean(sl_cleaner *c, const char *text, size_t len, const char *source, size_t source_len, const sl_clean_result **result) { (void)c; (void)text; (void)len; (void)source; (void)source_len; *result = NULL; return SL_EINVAL; }
size_t sl_clean_raw_offset(const sl_clean_result *r, size_t off) { return sl_map_offset(r->map, r->n_map, off, 0); }
