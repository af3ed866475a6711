/* Normalisation: Unicode NFC, line endings, control characters and
 * whitespace. */
#ifndef SL_NORMALIZE_H
#define SL_NORMALIZE_H

#include "../core/rewrite.h"

/* Rewrite valid UTF-8 in[0..len) into rw (freshly reset):
 *  - CR LF and lone CR become LF; U+2028/U+2029 become LF;
 *  - other control characters (C0 except TAB and LF, DEL, C1) and
 *    zero-width formatting characters (ZWSP, BOM, soft hyphen) are removed;
 *  - tabs and Unicode spaces (NBSP, thin space, ...) become one ASCII space,
 *    runs of spaces collapse to one, spaces at line ends are dropped;
 *  - more than one blank line in a row collapses to one blank line, and
 *    blank lines at the start and end are dropped;
 *  - text is put in Unicode NFC.
 * Nothing is recorded as a repair: these are silent normalisations, but the
 * offset map keeps every byte traceable. */
int sl_normalize(sl_rewrite *rw, const char *in, size_t len);

#endif
