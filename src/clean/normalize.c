/* Normalisation.  The text is read as alternating "gaps" (white space, line
 * breaks, invisible and control characters) and "words" (everything else).
 * Each gap is rewritten to its canonical form ("", " ", "\n" or "\n\n"), and
 * each word that could change under NFC is composed with utf8proc.  Pieces
 * that are already canonical are copied, so the offset map stays exact. */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum char_class { CH_WORD, CH_SPACE, CH_BREAK, CH_DROP };

static enum char_class classify(int32_t cp)
{
    if (cp == ' ' || cp == '\t')
        return CH_SPACE;
    if (cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x85 ||
        cp == 0x2028 || cp == 0x2029)
        return CH_BREAK;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return CH_DROP;
    if (cp < 0xA0)
        return CH_WORD;
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000)
        return CH_SPACE;
    /* Invisible characters that only get in the way of matching: zero
     * width space, word joiner, byte order mark, soft hyphen.  ZWJ and ZWNJ
     * carry meaning (emoji sequences, Persian) and are kept. */
    if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD)
        return CH_DROP;
    return CH_WORD;
}

/* True when NFC might change a word containing this code point. */
static bool may_change_under_nfc(int32_t cp)
{
    if (cp < 0x300)
        return false;
    if (cp >= 0x1100 && cp <= 0x11FF) /* conjoining Hangul jamo */
        return true;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0 || p->comp_exclusion)
        return true;
    return p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX;
}

typedef struct gap {
    size_t start, end;   /* input range */
    unsigned breaks;     /* line breaks in it (CR LF counts once) */
    bool spaces;         /* any white space other than breaks */
} gap;

static const char *canonical_gap(const gap *g, bool at_start)
{
    if (at_start)
        return "";
    if (g->breaks >= 2)
        return "\n\n";
    if (g->breaks == 1)
        return "\n";
    return g->spaces ? " " : "";
}

static int emit_gap(sl_rewrite *rw, const char *in, const gap *g, bool at_start, bool at_end)
{
    size_t n = g->end - g->start;
    if (n == 0)
        return SL_OK;
    if (at_end)
        return sl_rw_remove(rw, n, NULL);
    const char *want = canonical_gap(g, at_start);
    size_t want_len = strlen(want);
    if (want_len == n && memcmp(in + g->start, want, n) == 0)
        return sl_rw_copy(rw, in, n);
    if (want_len == 0)
        return sl_rw_remove(rw, n, NULL);
    return sl_rw_replace(rw, n, want, want_len, NULL);
}

static int emit_word(sl_rewrite *rw, const char *in, size_t start, size_t end, bool check_nfc)
{
    if (!check_nfc)
        return sl_rw_copy(rw, in, end - start);
    utf8proc_uint8_t *composed = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in + start,
                                      (utf8proc_ssize_t)(end - start), &composed,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) {
        /* utf8proc allocates with malloc; the only failure on valid input
         * is running out of memory. */
        return n == UTF8PROC_ERROR_NOMEM ? sl_oom(rw->ctx) : sl_rw_copy(rw, in, end - start);
    }
    int rc;
    if ((size_t)n == end - start && memcmp(composed, in + start, (size_t)n) == 0)
        rc = sl_rw_copy(rw, in, end - start);
    else
        rc = sl_rw_replace(rw, end - start, (const char *)composed, (size_t)n, NULL);
    free(composed);
    return rc;
}

/* Bytes that are not valid UTF-8 (possible when the encoding step was
 * skipped) become U+FFFD, recorded as a repair. */
static int emit_invalid(sl_rewrite *rw, size_t n)
{
    return sl_rw_replace(rw, n, "\xEF\xBF\xBD", 3, "invalid-utf8");
}

int sl_normalize(sl_rewrite *rw, const char *in, size_t len)
{
    size_t i = 0;
    bool at_start = true;
    int rc = SL_OK;
    while (i < len && rc == SL_OK) {
        /* Gap. */
        gap g = { i, i, 0, false };
        while (i < len) {
            size_t adv;
            int32_t cp = sl_utf8_decode(in + i, len - i, &adv);
            enum char_class c = cp < 0 ? CH_WORD : classify(cp);
            if (c == CH_WORD)
                break;
            if (c == CH_BREAK && !(cp == '\n' && i > 0 && in[i - 1] == '\r' && i > g.start))
                g.breaks++;
            if (c == CH_SPACE)
                g.spaces = true;
            i += adv;
        }
        g.end = i;
        if ((rc = emit_gap(rw, in, &g, at_start, i == len)) != SL_OK || i == len)
            break;
        at_start = false;
        /* Word. */
        size_t w = i;
        bool check_nfc = false;
        while (i < len && rc == SL_OK) {
            size_t adv;
            int32_t cp = sl_utf8_decode(in + i, len - i, &adv);
            if (cp < 0) {
                if ((rc = emit_word(rw, in, w, i, check_nfc)) == SL_OK)
                    rc = emit_invalid(rw, adv);
                i += adv;
                w = i;
                check_nfc = false;
                continue;
            }
            if (classify(cp) != CH_WORD)
                break;
            check_nfc = check_nfc || may_change_under_nfc(cp);
            i += adv;
        }
        if (rc == SL_OK)
            rc = emit_word(rw, in, w, i, check_nfc);
    }
    return rc;
}
