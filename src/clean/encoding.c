/* STUB: being written. */
#include "encoding.h"
int sl_encoding_repair(sl_rewrite *rw, const char *in, size_t len) { return sl_rw_finish(rw, in, len); }
