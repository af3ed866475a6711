/* STUB: being written. */
#include "json.h"
int sl_json_parse_object(sl_ctx *ctx, const char *s, size_t len, unsigned max_depth,
                         sl_json_object *obj, size_t *err_off)
{ (void)s; (void)len; (void)max_depth; (void)obj; *err_off = 0; return sl_error(ctx, SL_EPARSE, "not implemented"); }
void sl_json_object_release(sl_ctx *ctx, sl_json_object *obj) { sl_free(ctx, obj->members); obj->members = NULL; }
long sl_json_find(const sl_json_object *obj, const char *key) { (void)obj; (void)key; return -1; }
bool sl_json_key_is(const sl_json_object *obj, size_t i, const char *key) { (void)obj; (void)i; (void)key; return false; }
int sl_json_decode_string(const char *tok, size_t len, sl_buf *out, size_t *ls) { (void)ls; return sl_buf_append(out, tok + 1, len - 2); }
int sl_json_write_string(sl_buf *out, const char *s, size_t len)
{ int rc = sl_buf_putc(out, '"'); if (!rc) rc = sl_buf_append(out, s, len); if (!rc) rc = sl_buf_putc(out, '"'); return rc; }
