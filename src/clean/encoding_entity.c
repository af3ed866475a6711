/* HTML character references left in text: &amp; &#8217; &#x2019; &eacute;.
 * Only complete references (with the closing ';') are decoded, and only
 * to characters that may appear in text. */
#include "encoding_internal.h"
#include "encoding_tables.h"

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int digit_value(char c, int base)
{
    int v = -1;
    if (c >= '0' && c <= '9')
        v = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
    return v;
}

/* A character a numeric reference may produce. */
static bool acceptable(uint32_t cp)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' || cp == '\r';
    return cp != 0x7F;
}

/* &#NNN; or &#xHHH; starting at s[0] == '&', s[1] == '#'. */
static size_t parse_numeric(const char *s, size_t len, uint32_t *cp)
{
    size_t i = 2;
    int base = 10;
    if (i < len && (s[i] == 'x' || s[i] == 'X')) {
        base = 16;
        i++;
    }
    size_t digits_at = i;
    uint32_t v = 0;
    int d;
    while (i < len && (d = digit_value(s[i], base)) >= 0) {
        if (i - digits_at >= 8)
            return 0;
        v = v * (uint32_t)base + (uint32_t)d;
        i++;
    }
    if (i == digits_at || i >= len || s[i] != ';')
        return 0;
    /* Browsers read references to C1 controls as cp1252 bytes. */
    if (v >= 0x80 && v <= 0x9F) {
        uint32_t w = sl_cp_decode(sl_cp_find("cp1252"), (unsigned char)v);
        v = w > 0x9F ? w : 0;
    }
    if (!acceptable(v))
        return 0;
    *cp = v;
    return i + 1;
}

size_t sl_entity_parse(const char *s, size_t len, uint32_t *cp)
{
    if (len < 4 || s[0] != '&')
        return 0;
    if (s[1] == '#')
        return parse_numeric(s, len, cp);
    size_t i = 1;
    while (i < len && i <= 10 && (is_alpha(s[i]) || (i > 1 && s[i] >= '0' && s[i] <= '9')))
        i++;
    if (i == 1 || i >= len || s[i] != ';')
        return 0;
    uint32_t v = sl_entity_lookup(s + 1, i - 1);
    if (!v)
        return 0;
    *cp = v;
    return i + 1;
}
