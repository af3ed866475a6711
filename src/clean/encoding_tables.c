/* Access to the generated code page and entity tables (the only file that
 * includes codepage_tables.h, so the tables exist once). */
#include "encoding_tables.h"

#include "codepage_tables.h"

#include <string.h>

int sl_cp_count(void)
{
    return SL_N_CODEPAGES;
}

const char *sl_cp_kind(int page)
{
    return sl_codepages[page].kind;
}

const char *sl_cp_kind2(int first, int second)
{
    return sl_mojibake_kinds2[first][second];
}

uint32_t sl_cp_decode(int page, unsigned char byte)
{
    return byte < 0x80 ? byte : sl_codepages[page].decode[byte - 0x80];
}

/* Mac OS Roman has no C1 controls at all; the other pages are read by
 * "sloppy" decoders that pass undefined bytes through as C1 controls, and
 * text mixing Latin-1 and cp1252 readings is common. */
static bool passes_c1(int page)
{
    return strcmp(sl_codepages[page].name, "mac_roman") != 0;
}

int sl_cp_encode(int page, uint32_t cp)
{
    if (cp < 0x80)
        return (int)cp;
    const sl_codepage *p = &sl_codepages[page];
    int lo = 0, hi = p->n_encode;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (p->encode[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < p->n_encode && p->encode[lo].cp == cp)
        return p->encode[lo].byte;
    if (cp < 0xA0 && passes_c1(page))
        return (int)cp;
    return -1;
}

int sl_cp_find(const char *name)
{
    for (int i = 0; i < SL_N_CODEPAGES; i++)
        if (strcmp(sl_codepages[i].name, name) == 0)
            return i;
    return -1;
}

uint32_t sl_entity_lookup(const char *name, size_t len)
{
    size_t n = sizeof sl_entities / sizeof sl_entities[0];
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *e = sl_entities[mid].name;
        int c = strncmp(e, name, len);
        if (c == 0 && e[len] != '\0')
            c = 1; /* the table name is longer */
        if (c == 0)
            return sl_entities[mid].cp;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
