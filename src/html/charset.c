/* Charset of a page and its conversion to UTF-8.
 *
 * The order follows what browsers do: a byte order mark wins, then the
 * HTTP header, then <meta charset> / http-equiv in the first 64 KiB, then a
 * guess.  Declarations are often wrong, so two checks override them: a
 * page declared Latin-1 or windows-1252 that is valid UTF-8 with non-ASCII
 * characters is UTF-8, and a page declared UTF-8 whose non-ASCII bytes are
 * mostly invalid UTF-8 is detected again.  A page that declares nothing and
 * is not UTF-8 is detected too: uchardet (Mozilla's universal detector)
 * tells windows-1251 from windows-1250, Shift_JIS, GBK, EUC-KR and the
 * rest, which a Latin-1 guess would turn into mojibake.  The conversion is
 * a rewrite, so every UTF-8 byte maps back to the page's bytes. */
#include "html.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <uchardet/uchardet.h>

#define META_SCAN_BYTES 65536
/* Enough of a page for the detector to be sure; more only costs time. */
#define DETECT_SCAN_BYTES (256 * 1024)

typedef struct label_alias {
    const char *label;
    const char *charset;     /* name for iconv; "utf-8" is decoded here */
} label_alias;

/* Labels that browsers treat as another charset (WHATWG Encoding). */
static const label_alias aliases[] = {
    { "utf8", "utf-8" }, { "unicode-1-1-utf-8", "utf-8" }, { "x-unicode20utf8", "utf-8" },
    { "iso-8859-1", "windows-1252" }, { "iso8859-1", "windows-1252" },
    { "latin1", "windows-1252" }, { "latin-1", "windows-1252" }, { "l1", "windows-1252" },
    { "us-ascii", "windows-1252" }, { "ascii", "windows-1252" }, { "cp1252", "windows-1252" },
    { "x-cp1252", "windows-1252" }, { "iso_8859-1", "windows-1252" },
    { "iso-8859-9", "windows-1254" }, { "latin5", "windows-1254" },
    { "iso-8859-11", "windows-874" }, { "tis-620", "windows-874" },
    { "gb2312", "gbk" }, { "x-gbk", "gbk" }, { "chinese", "gbk" }, { "gb_2312-80", "gbk" },
    { "shift_jis", "cp932" }, { "sjis", "cp932" }, { "x-sjis", "cp932" },
    { "ms932", "cp932" }, { "windows-31j", "cp932" }, { "shift-jis", "cp932" },
    { "euc-kr", "cp949" }, { "uhc", "cp949" }, { "ks_c_5601-1987", "cp949" }, { "windows-949", "cp949" },
    { "big5-hkscs", "big5-hkscs" }, { "big5", "big5-hkscs" }, { "x-euc-jp", "euc-jp" },
};

static void lower_label(const char *s, size_t len, char out[32])
{
    size_t n = 0;
    while (len > 0 && (*s == ' ' || *s == '\t' || *s == '"' || *s == '\''))
        s++, len--;
    for (size_t i = 0; i < len && n < 31; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == ':'))
            break;
        out[n++] = c;
    }
    out[n] = '\0';
}

/* Canonical charset for a label, "" when there is none. */
static void canonical(const char *label, size_t len, char out[32])
{
    lower_label(label, len, out);
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(out, aliases[i].label) == 0) {
            strcpy(out, aliases[i].charset);
            return;
        }
    }
}

/* The value after "charset" inside one tag, or NULL. */
static const char *charset_in_tag(const char *tag, size_t len, size_t *vlen)
{
    const char *p = sl_html_find_ci(tag, len, "charset");
    if (!p)
        return NULL;
    const char *end = tag + len;
    p += 7;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    if (p >= end || *p != '=')
        return NULL;
    p++;
    while (p < end && (*p == ' ' || *p == '"' || *p == '\'' || *p == '\t'))
        p++;
    const char *v = p;
    while (p < end && *p != '"' && *p != '\'' && *p != ';' && *p != ' ' && *p != '>' &&
           *p != '/')
        p++;
    *vlen = (size_t)(p - v);
    return *vlen ? v : NULL;
}

/* The charset a <meta> tag declares in the first bytes of the page. */
static int meta_charset(const char *page, size_t len, char out[32])
{
    size_t scan = len < META_SCAN_BYTES ? len : META_SCAN_BYTES;
    const char *p = page, *end = page + scan;
    while (p < end) {
        const char *m = sl_html_find_ci(p, (size_t)(end - p), "<meta");
        if (!m)
            break;
        const char *close = memchr(m, '>', (size_t)(end - m));
        size_t tag_len = close ? (size_t)(close - m) : (size_t)(end - m);
        size_t vlen;
        const char *v = charset_in_tag(m, tag_len, &vlen);
        if (v) {
            canonical(v, vlen, out);
            if (out[0])
                return 1;
        }
        p = m + 5;
    }
    return 0;
}

typedef struct utf8_stats {
    size_t multibyte, invalid;
} utf8_stats;

static utf8_stats utf8_check(const char *s, size_t len)
{
    utf8_stats st = { 0, 0 };
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t adv;
        if (sl_utf8_decode(s + i, len - i, &adv) < 0)
            st.invalid++;
        else
            st.multibyte++;
        i += adv;
    }
    return st;
}

static int is_single_byte_latin(const char *cs)
{
    return strcmp(cs, "windows-1252") == 0 || strncmp(cs, "iso-8859-", 9) == 0 ||
           strncmp(cs, "windows-125", 11) == 0;
}

/* The charset uchardet finds in the page, windows-1252 when it finds none
 * we can use (an unknown answer, or UTF-8 on bytes that are not UTF-8).
 * uchardet allocates with malloc, outside the context: when it cannot,
 * the guess is windows-1252 as it was before detection. */
static void detect(const char *page, size_t len, char out[32])
{
    strcpy(out, "windows-1252");
    uchardet_t ud = uchardet_new();
    if (!ud)
        return;
    size_t scan = len < DETECT_SCAN_BYTES ? len : DETECT_SCAN_BYTES;
    if (uchardet_handle_data(ud, page, scan) == 0) {
        uchardet_data_end(ud);
        const char *found = uchardet_get_charset(ud);
        char cs[32] = "";
        if (found && found[0])
            canonical(found, strlen(found), cs);
        if (cs[0] && strcmp(cs, "utf-8") != 0 && strncmp(cs, "utf-16", 6) != 0 &&
            strncmp(cs, "utf-32", 6) != 0)
            strcpy(out, cs);
    }
    uchardet_delete(ud);
}

static int mostly_invalid(utf8_stats st)
{
    return st.invalid > 0 && st.invalid * 4 > st.multibyte;
}

/* Choose the charset of the body (after any BOM). */
static void choose(const char *page, size_t len, const char *hint, sl_html_decoded *d)
{
    char declared[32] = "";
    const char *from = NULL;
    if (hint && hint[0]) {
        canonical(hint, strlen(hint), declared);
        if (declared[0])
            from = "http";
    }
    if (!from && meta_charset(page, len, declared))
        from = "meta";
    /* A page that ASCII tools could read is not UTF-16 whatever it says. */
    if (from && strncmp(declared, "utf-16", 6) == 0)
        strcpy(declared, "utf-8");
    utf8_stats st = utf8_check(page, len);
    if (from && is_single_byte_latin(declared) && st.invalid == 0 && st.multibyte > 0) {
        strcpy(d->charset, "utf-8");
        d->from = "detected";
        return;
    }
    if (from && !(strcmp(declared, "utf-8") == 0 && mostly_invalid(st))) {
        strcpy(d->charset, declared);
        d->from = from;
        return;
    }
    if (mostly_invalid(st))
        detect(page, len, d->charset);
    else
        strcpy(d->charset, "utf-8");
    d->from = "detected";
}

/* Copy valid UTF-8, turn invalid bytes into U+FFFD and drop NUL bytes. */
static int decode_utf8(sl_rewrite *rw, const char *s, size_t len)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    int rc = SL_OK;
    while (rw->in_pos < len && !rc) {
        size_t i = rw->in_pos;
        while (i < len && (unsigned char)s[i] != 0) {
            if ((unsigned char)s[i] < 0x80) {
                i++;
                continue;
            }
            size_t adv;
            if (sl_utf8_decode(s + i, len - i, &adv) < 0)
                break;
            i += adv;
        }
        rc = sl_rw_copy(rw, s, i - rw->in_pos);
        if (rc || i >= len)
            break;
        if (s[i] == 0) {
            rc = sl_rw_remove(rw, 1, NULL);
        } else {
            size_t adv;
            sl_utf8_decode(s + i, len - i, &adv);
            rc = sl_rw_replace(rw, adv, replacement, 3, NULL);
        }
    }
    return rc;
}

/* Convert s[0..len) with iconv, chunk by chunk; each chunk becomes one
 * replaced piece of the map (ASCII runs of ASCII-compatible charsets are
 * copied so their map is exact). */
static int decode_iconv(sl_rewrite *rw, iconv_t cd, const char *s, size_t len, int ascii_ok)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    char out[1024];
    int rc = SL_OK;
    while (rw->in_pos < len && !rc) {
        size_t at = rw->in_pos;
        if (ascii_ok && (unsigned char)s[at] < 0x80) {
            size_t i = at;
            while (i < len && (unsigned char)s[i] < 0x80 && s[i] != 0)
                i++;
            if (i == at)
                rc = sl_rw_remove(rw, 1, NULL); /* NUL */
            else
                rc = sl_rw_copy(rw, s, i - at);
            continue;
        }
        size_t chunk = len - at < 64 ? len - at : 64;
        if (ascii_ok) { /* stop at the next ASCII byte that cannot be a trail byte */
            size_t i = 1;
            while (i < chunk && ((unsigned char)s[at + i] >= 0x40 || (unsigned char)s[at + i - 1] >= 0x80))
                i++;
            chunk = i;
        }
        char *in = (char *)(s + at), *o = out;
        size_t in_left = chunk, out_left = sizeof out;
        iconv(cd, NULL, NULL, NULL, NULL);
        size_t r = iconv(cd, &in, &in_left, &o, &out_left);
        size_t used = chunk - in_left;
        if (r == (size_t)-1 && used == 0) {
            /* Invalid or incomplete at the first byte: one replacement. */
            rc = sl_rw_replace(rw, 1, replacement, 3, NULL);
            continue;
        }
        /* Drop NUL characters from the converted piece. */
        size_t n = 0;
        for (size_t i = 0; i < (size_t)(o - out); i++)
            if (out[i] != 0)
                out[n++] = out[i];
        rc = sl_rw_replace(rw, used, out, n, NULL);
    }
    return rc;
}

static int convert(sl_ctx *ctx, sl_html_decoded *d, const char *s, size_t len)
{
    if (strcmp(d->charset, "utf-8") == 0) {
        size_t at = d->rw.in_pos;
        if (!memchr(s + at, 0, len - at) && sl_utf8_valid(s + at, len - at))
            return sl_rw_copy(&d->rw, s, len - at); /* the common case */
        return decode_utf8(&d->rw, s, len);
    }
    iconv_t cd = iconv_open("UTF-8", d->charset);
    if (cd == (iconv_t)-1) {
        /* A charset iconv does not know: read it as windows-1252. */
        strcpy(d->charset, "windows-1252");
        d->from = "default";
        cd = iconv_open("UTF-8", "WINDOWS-1252");
        if (cd == (iconv_t)-1)
            return decode_utf8(&d->rw, s, len);
    }
    int ascii_ok = strncmp(d->charset, "utf-16", 6) != 0 && strncmp(d->charset, "utf-32", 6) != 0;
    int rc = decode_iconv(&d->rw, cd, s, len, ascii_ok);
    iconv_close(cd);
    return rc;
}

int sl_html_decode(sl_ctx *ctx, const char *page, size_t len, const char *hint,
                   sl_html_decoded *d)
{
    sl_rewrite_reset(&d->rw);
    size_t bom = 0;
    if (len >= 3 && memcmp(page, "\xEF\xBB\xBF", 3) == 0) {
        strcpy(d->charset, "utf-8");
        bom = 3;
    } else if (len >= 2 && memcmp(page, "\xFF\xFE", 2) == 0) {
        strcpy(d->charset, "utf-16le");
        bom = 2;
    } else if (len >= 2 && memcmp(page, "\xFE\xFF", 2) == 0) {
        strcpy(d->charset, "utf-16be");
        bom = 2;
    }
    int rc;
    if (bom) {
        d->from = "bom";
        if ((rc = sl_rw_remove(&d->rw, bom, NULL)) != 0)
            return rc;
    } else {
        choose(page, len, hint, d);
    }
    return convert(ctx, d, page, len);
}
