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
    /* A starter that is the second half of a canonical pair (Indic two-part
     * vowels: U+0B47 U+0B3E composes to U+0B4B).  utf8proc 2.x marks those
     * with the high bit of comb_index; test_normalize checks this. */
    if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000))
        return true;
    return p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX;
}

/* The rewrite being built.  Pieces that are copied unchanged (nearly all
 * of a text) are only counted in `pending` and copied in one call when a
 * change comes or the text ends: the rewrite merges adjacent copies into
 * one map segment anyway, so the result is the same, with far fewer
 * calls. */
typedef struct norm {
    sl_rewrite *rw;
    const char *in;
    size_t pending; /* input bytes after rw->in_pos to copy as they are */
} norm;

static int flush(norm *n)
{
    size_t len = n->pending;
    n->pending = 0;
    return sl_rw_copy(n->rw, n->in, len);
}

static void keep(norm *n, size_t len)
{
    n->pending += len;
}

static int replace(norm *n, size_t in_len, const char *to, size_t to_len, const char *kind)
{
    int rc = flush(n);
    return rc ? rc : sl_rw_replace(n->rw, in_len, to, to_len, kind);
}

static int drop(norm *n, size_t in_len)
{
    int rc = flush(n);
    return rc ? rc : sl_rw_remove(n->rw, in_len, NULL);
}

/* Printable ASCII other than space: always a word character, and never
 * changed by NFC. */
static bool printable_ascii(unsigned char c)
{
    return c > 0x20 && c < 0x7F;
}

/* Decode with the ASCII answer inline. */
static inline int32_t decode_at(const char *s, size_t len, size_t *adv)
{
    if ((unsigned char)s[0] < 0x80) {
        *adv = 1;
        return (unsigned char)s[0];
    }
    return sl_utf8_decode(s, len, adv);
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

static int emit_gap(norm *nm, const gap *g, bool at_start, bool at_end)
{
    size_t n = g->end - g->start;
    if (n == 0)
        return SL_OK;
    if (at_end)
        return drop(nm, n);
    const char *want = canonical_gap(g, at_start);
    size_t want_len = strlen(want);
    if (want_len == n && memcmp(nm->in + g->start, want, n) == 0) {
        keep(nm, n);
        return SL_OK;
    }
    if (want_len == 0)
        return drop(nm, n);
    return replace(nm, n, want, want_len, NULL);
}

static int emit_word(norm *nm, size_t start, size_t end, bool check_nfc)
{
    if (!check_nfc) {
        keep(nm, end - start);
        return SL_OK;
    }
    const char *in = nm->in;
    utf8proc_uint8_t *composed = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in + start,
                                      (utf8proc_ssize_t)(end - start), &composed,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) {
        /* utf8proc allocates with malloc; the only failure on valid input
         * is running out of memory. */
        if (n == UTF8PROC_ERROR_NOMEM)
            return sl_oom(nm->rw->ctx);
        keep(nm, end - start);
        return SL_OK;
    }
    int rc = SL_OK;
    if ((size_t)n == end - start && memcmp(composed, in + start, (size_t)n) == 0)
        keep(nm, end - start);
    else
        rc = replace(nm, end - start, (const char *)composed, (size_t)n, NULL);
    free(composed);
    return rc;
}

/* Bytes that are not valid UTF-8 (possible when the encoding step was
 * skipped) become U+FFFD, recorded as a repair. */
static int emit_invalid(norm *nm, size_t n)
{
    return replace(nm, n, "\xEF\xBF\xBD", 3, "invalid-utf8");
}

/* Read the gap starting at i. */
static gap read_gap(const char *in, size_t len, size_t i)
{
    gap g = { i, i, 0, false };
    while (i < len) {
        size_t adv;
        int32_t cp = decode_at(in + i, len - i, &adv);
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
    return g;
}

/* Length of a gap at i that is already canonical: " ", "\n" or "\n\n"
 * between two words (printable ASCII next), else 0.  This is the gap
 * between nearly every two words, so it is checked before read_gap. */
static size_t simple_gap(const char *in, size_t len, size_t i)
{
    size_t n = in[i] == ' ' ? 1 : in[i] == '\n' ? (i + 1 < len && in[i + 1] == '\n' ? 2 : 1) : 0;
    return n && i + n < len && printable_ascii((unsigned char)in[i + n]) ? n : 0;
}

/* Emit the word starting at *pos and move past it.  Simple gaps after a
 * word that needs no NFC check are taken in stride: the word and the gap
 * are kept and the next word begins, without going back to the main loop
 * for every word. */
static int emit_word_at(norm *nm, size_t len, size_t *pos)
{
    const char *in = nm->in;
    size_t i = *pos, w = i;
    bool check_nfc = false;
    int rc = SL_OK;
    while (i < len && rc == SL_OK) {
        /* Skip printable ASCII without decoding, in a loop of its own. */
        while (i < len && printable_ascii((unsigned char)in[i]))
            i++;
        if (i == len)
            break;
        size_t simple = check_nfc ? 0 : simple_gap(in, len, i);
        if (simple) {
            i += simple;
            keep(nm, i - w);
            w = i;
            continue;
        }
        size_t adv;
        int32_t cp = decode_at(in + i, len - i, &adv);
        if (cp < 0) {
            if ((rc = emit_word(nm, w, i, check_nfc)) == SL_OK)
                rc = emit_invalid(nm, adv);
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
        rc = emit_word(nm, w, i, check_nfc);
    *pos = i;
    return rc;
}

int sl_normalize(sl_rewrite *rw, const char *in, size_t len)
{
    norm nm = { rw, in, 0 };
    size_t i = 0;
    bool at_start = true;
    int rc = SL_OK;
    while (i < len && rc == SL_OK) {
        size_t simple = at_start ? 0 : simple_gap(in, len, i);
        if (simple) {
            keep(&nm, simple);
            i += simple;
        } else {
            gap g = read_gap(in, len, i);
            i = g.end;
            if ((rc = emit_gap(&nm, &g, at_start, i == len)) != SL_OK || i == len)
                break;
        }
        at_start = false;
        rc = emit_word_at(&nm, len, &i);
    }
    if (rc == SL_OK)
        rc = flush(&nm);
    return rc;
}
