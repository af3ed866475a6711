/* Encoding repair: mojibake (UTF-8 decoded as a legacy code page, once or
 * twice), HTML entities left in text, and invalid byte sequences. */
#ifndef SL_ENCODING_H
#define SL_ENCODING_H

#include "../core/rewrite.h"

/* Rewrite in[0..len) into rw (freshly reset), recording every repair with
 * its kind: "mojibake:<codepage>", "mojibake:<cp>+<cp>" (twice encoded),
 * "entity", "invalid-utf8", "decode:<codepage>" (a whole text in a legacy
 * code page).  Correct text in any script is copied unchanged. */
int sl_encoding_repair(sl_rewrite *rw, const char *in, size_t len);

#endif
