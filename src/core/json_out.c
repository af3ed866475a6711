/* STUB: being written. */
#include "json.h"
struct sl_out { sl_ctx *ctx; sl_buf buf; };
int sl_out_new(sl_ctx *ctx, sl_out **out) { *out = sl_calloc(ctx, 1, sizeof **out); if (!*out) return sl_oom(ctx); (*out)->ctx = ctx; sl_buf_init(&(*out)->buf, ctx); return 0; }
void sl_out_free(sl_out *o) { if (!o) return; sl_buf_release(&o->buf); sl_free(o->ctx, o); }
void sl_out_reset(sl_out *o) { sl_buf_reset(&o->buf); }
int sl_out_begin_doc(sl_out *o, const sl_doc *doc, const char *const *replaced) { (void)doc; (void)replaced; return sl_buf_putc(&o->buf, '{'); }
int sl_out_begin_object(sl_out *o) { return sl_buf_putc(&o->buf, '{'); }
int sl_out_end_object(sl_out *o) { return sl_buf_putc(&o->buf, '}'); }
int sl_out_begin_array(sl_out *o) { return sl_buf_putc(&o->buf, '['); }
int sl_out_end_array(sl_out *o) { return sl_buf_putc(&o->buf, ']'); }
int sl_out_key(sl_out *o, const char *key) { return sl_buf_printf(&o->buf, "\"%s\":", key); }
int sl_out_string(sl_out *o, const char *s, size_t len) { return sl_json_write_string(&o->buf, s, len); }
int sl_out_int(sl_out *o, int64_t v) { return sl_buf_printf(&o->buf, "%lld", (long long)v); }
int sl_out_double(sl_out *o, double v) { return sl_buf_printf(&o->buf, "%g", v); }
int sl_out_bool(sl_out *o, int v) { return sl_buf_puts(&o->buf, v ? "true" : "false"); }
int sl_out_null(sl_out *o) { return sl_buf_puts(&o->buf, "null"); }
int sl_out_finish(sl_out *o, const char **data, size_t *len) { int rc = sl_buf_putc(&o->buf, '\n'); *data = o->buf.ptr; *len = o->buf.len; return rc; }
