/* Legacy code pages and HTML entity names (facts generated from Python's
 * codecs, see scripts/gen_codepages.py). */
#ifndef SL_ENCODING_TABLES_H
#define SL_ENCODING_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Number of code pages; they are numbered 0..count-1, cp1252 first. */
int sl_cp_count(void);
/* Index of the code page with this label ("cp1252", "mac_roman"...), or -1. */
int sl_cp_find(const char *name);
/* "mojibake:<label>". */
const char *sl_cp_kind(int page);
/* "mojibake:<first>+<second>": decoded wrongly as `first`, then the
 * result again as `second`. */
const char *sl_cp_kind2(int first, int second);
/* The character a byte stands for (0 when the page leaves it undefined). */
uint32_t sl_cp_decode(int page, unsigned char byte);
/* The byte a character is written as, or -1 when the page lacks it. */
int sl_cp_encode(int page, uint32_t cp);
/* Code point of a named HTML entity (name without '&' and ';'), or 0. */
uint32_t sl_entity_lookup(const char *name, size_t len);

#endif
