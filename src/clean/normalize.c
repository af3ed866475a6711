#include "normalize.h"
int sl_normalize(sl_rewrite *rw, const char *in, size_t len) { return sl_rw_finish(rw, in, len); }
