/* JSON reading: a strict RFC 8259 validating scanner that records the byte
 * ranges of an object's top-level members, plus string decoding and
 * writing.
 *
 * The scanner is iterative: nesting is tracked in a bit stack (one bit per
 * level: object or array), so neither deep nesting nor long strings can
 * exhaust the C stack.  Nothing is allocated except the member array.
 *
 * Usage contract: an sl_json_object must be zeroed before its first use.  It
 * may then be passed to sl_json_parse_object again and again (the member
 * array is reused) and is freed with sl_json_object_release. */
#include "json.h"

#include <string.h>

/* Nesting up to this depth is tracked in a bit stack inside the scanner;
 * deeper limits get a heap-allocated one. */
#define JSON_SMALL_LEVELS 1024u

/* Byte classes inside a string token. */
enum { CH_PLAIN, CH_QUOTE, CH_BACKSLASH, CH_CONTROL, CH_HIGH };

/* Classification of every byte value for the string scanner's hot loop. */
static const unsigned char string_class[256] = {
    /* 0x00-0x1F: raw control characters are not allowed in strings. */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    /* 0x20-0x7F: '"' is 0x22, '\\' is 0x5C. */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x80-0xFF: the start or middle of a multi-byte sequence. */
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

typedef struct scanner {
    sl_ctx *ctx;
    const unsigned char *s;
    size_t len, pos;
    size_t err_off;
    unsigned max_depth;
    unsigned depth;
    unsigned char *stack;       /* one bit a level; set: array, clear: object */
    unsigned char small[JSON_SMALL_LEVELS / 8];
} scanner;

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_space(scanner *sc)
{
    while (sc->pos < sc->len && is_space(sc->s[sc->pos]))
        sc->pos++;
}

static int fail_at(scanner *sc, size_t off, int code, const char *what)
{
    sc->err_off = off;
    return sl_error(sc->ctx, code, "%s", what);
}

/* Describe the byte at `off` for an error message: a printable character
 * in quotes, otherwise its hex value. */
static int fail_byte(scanner *sc, size_t off, const char *expected)
{
    sc->err_off = off;
    if (off >= sc->len)
        return sl_error(sc->ctx, SL_EPARSE, "%s, found end of input", expected);
    unsigned c = sc->s[off];
    if (c >= 0x80) {
        size_t adv;
        if (sl_utf8_decode((const char *)sc->s + off, sc->len - off, &adv) < 0)
            return sl_error(sc->ctx, SL_EUTF8, "invalid UTF-8 byte 0x%02X", c);
        return sl_error(sc->ctx, SL_EPARSE, "%s, found byte 0x%02X", expected, c);
    }
    if (c < 0x20 || c == 0x7F)
        return sl_error(sc->ctx, SL_EPARSE, "%s, found control character 0x%02X", expected, c);
    return sl_error(sc->ctx, SL_EPARSE, "%s, found '%c'", expected, (char)c);
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Validate the escape sequence whose backslash is at sc->pos. */
static int scan_escape(scanner *sc)
{
    size_t at = sc->pos;
    if (at + 1 >= sc->len)
        return fail_at(sc, sc->len, SL_EPARSE, "unterminated string");
    unsigned char c = sc->s[at + 1];
    if (strchr("\"\\/bfnrt", c) && c != '\0') {
        sc->pos += 2;
        return SL_OK;
    }
    if (c != 'u') {
        sc->err_off = at;
        if (c >= 0x20 && c < 0x7F)
            return sl_error(sc->ctx, SL_EPARSE, "invalid escape \\%c", (char)c);
        return sl_error(sc->ctx, SL_EPARSE, "invalid escape: backslash followed by byte 0x%02X", c);
    }
    for (size_t i = 0; i < 4; i++) {
        if (at + 2 + i >= sc->len || hex_value(sc->s[at + 2 + i]) < 0)
            return fail_at(sc, at, SL_EPARSE, "invalid \\u escape: expected 4 hex digits");
    }
    sc->pos += 6;
    return SL_OK;
}

/* True when none of the 8 bytes in v needs a look: no '"', '\\', control
 * character or non-ASCII byte.  (The classic "has a zero byte" bit trick;
 * it can only err towards "needs a look".) */
static bool word_is_plain(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
    uint64_t special = ((v - ones * 0x20) & ~v) | ((quote - ones) & ~quote) |
                       ((backslash - ones) & ~backslash) | v;
    return (special & highs) == 0;
}

/* Skip plain ASCII string bytes, eight at a time while possible. */
static void skip_plain(scanner *sc)
{
    while (sc->len - sc->pos >= 8) {
        uint64_t v;
        memcpy(&v, sc->s + sc->pos, 8);
        if (!word_is_plain(v))
            break;
        sc->pos += 8;
    }
    while (sc->pos < sc->len && string_class[sc->s[sc->pos]] == CH_PLAIN)
        sc->pos++;
}

/* Scan a string token; sc->pos is at the opening quote and ends just after
 * the closing one. */
static int scan_string(scanner *sc)
{
    size_t start = sc->pos++;
    const unsigned char *s = sc->s;
    for (;;) {
        skip_plain(sc);
        if (sc->pos >= sc->len) {
            sc->err_off = start;
            return sl_error(sc->ctx, SL_EPARSE, "unterminated string");
        }
        int rc;
        size_t adv;
        switch (string_class[s[sc->pos]]) {
        case CH_QUOTE:
            sc->pos++;
            return SL_OK;
        case CH_BACKSLASH:
            if ((rc = scan_escape(sc)) != SL_OK)
                return rc;
            break;
        case CH_CONTROL:
            sc->err_off = sc->pos;
            return sl_error(sc->ctx, SL_EPARSE, "raw control character 0x%02X in string",
                            s[sc->pos]);
        default:
            if (sl_utf8_decode((const char *)s + sc->pos, sc->len - sc->pos, &adv) < 0) {
                sc->err_off = sc->pos;
                return sl_error(sc->ctx, SL_EUTF8, "invalid UTF-8 byte 0x%02X", s[sc->pos]);
            }
            sc->pos += adv;
            break;
        }
    }
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Consume one or more digits, or fail saying what the digits were for. */
static int scan_digits(scanner *sc, const char *what)
{
    if (sc->pos >= sc->len || !is_digit(sc->s[sc->pos]))
        return fail_byte(sc, sc->pos, what);
    while (sc->pos < sc->len && is_digit(sc->s[sc->pos]))
        sc->pos++;
    return SL_OK;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int scan_number(scanner *sc)
{
    int rc;
    if (sc->s[sc->pos] == '-')
        sc->pos++;
    if (sc->pos < sc->len && sc->s[sc->pos] == '0') {
        sc->pos++;
        if (sc->pos < sc->len && is_digit(sc->s[sc->pos]))
            return fail_at(sc, sc->pos, SL_EPARSE, "invalid number: leading zero");
    } else if ((rc = scan_digits(sc, "invalid number: expected a digit")) != SL_OK) {
        return rc;
    }
    if (sc->pos < sc->len && sc->s[sc->pos] == '.') {
        sc->pos++;
        if ((rc = scan_digits(sc, "invalid number: expected a digit after '.'")) != SL_OK)
            return rc;
    }
    if (sc->pos < sc->len && (sc->s[sc->pos] == 'e' || sc->s[sc->pos] == 'E')) {
        sc->pos++;
        if (sc->pos < sc->len && (sc->s[sc->pos] == '+' || sc->s[sc->pos] == '-'))
            sc->pos++;
        if ((rc = scan_digits(sc, "invalid number: expected a digit in the exponent")) != SL_OK)
            return rc;
    }
    return SL_OK;
}

static int scan_literal(scanner *sc, const char *word)
{
    size_t n = strlen(word);
    if (sc->len - sc->pos < n || memcmp(sc->s + sc->pos, word, n) != 0) {
        sc->err_off = sc->pos;
        return sl_error(sc->ctx, SL_EPARSE, "invalid literal, expected '%s'", word);
    }
    sc->pos += n;
    return SL_OK;
}

/* ---------------------------------------------------------------- nesting */

static bool top_is_array(const scanner *sc)
{
    unsigned level = sc->depth - 1;
    return sc->stack[level / 8] & (1u << (level % 8));
}

static int push_level(scanner *sc, bool array)
{
    if (sc->depth >= sc->max_depth) {
        sc->err_off = sc->pos;
        return sl_error(sc->ctx, SL_ELIMIT, "nesting deeper than %u levels", sc->max_depth);
    }
    unsigned level = sc->depth++;
    unsigned char bit = (unsigned char)(1u << (level % 8));
    if (array)
        sc->stack[level / 8] |= bit;
    else
        sc->stack[level / 8] &= (unsigned char)~bit;
    sc->pos++;
    return SL_OK;
}

/* Scan an object key and the ':' after it; sc->pos is at the key.  The end
 * of the key token goes to *key_end when it is not NULL. */
static int scan_key(scanner *sc, size_t *key_end)
{
    if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
        return fail_byte(sc, sc->pos, "expected a string key");
    int rc = scan_string(sc);
    if (rc != SL_OK)
        return rc;
    if (key_end)
        *key_end = sc->pos;
    skip_space(sc);
    if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
        return fail_byte(sc, sc->pos, "expected ':' after object key");
    sc->pos++;
    skip_space(sc);
    return SL_OK;
}

/* Scan a scalar value, or open a container (pushing a level). */
static int scan_value_start(scanner *sc)
{
    if (sc->pos >= sc->len)
        return fail_byte(sc, sc->pos, "expected a value");
    unsigned char c = sc->s[sc->pos];
    switch (c) {
    case '{': return push_level(sc, false);
    case '[': return push_level(sc, true);
    case '"': return scan_string(sc);
    case 't': return scan_literal(sc, "true");
    case 'f': return scan_literal(sc, "false");
    case 'n': return scan_literal(sc, "null");
    default:
        if (c == '-' || is_digit(c))
            return scan_number(sc);
        return fail_byte(sc, sc->pos, "expected a value");
    }
}

/* After an opening bracket: an empty container closes at once; otherwise
 * the first element (or key) follows.  Sets *closed when it closed. */
static int scan_first_element(scanner *sc, bool *closed)
{
    bool array = top_is_array(sc);
    skip_space(sc);
    *closed = false;
    if (sc->pos < sc->len && sc->s[sc->pos] == (array ? ']' : '}')) {
        sc->pos++;
        sc->depth--;
        *closed = true;
        return SL_OK;
    }
    return array ? SL_OK : scan_key(sc, NULL);
}

/* After a complete element at depth > base: a ',' and the next element, or
 * the closing bracket.  Sets *closed when the container closed. */
static int scan_after_element(scanner *sc, bool *closed)
{
    bool array = top_is_array(sc);
    skip_space(sc);
    *closed = false;
    if (sc->pos < sc->len && sc->s[sc->pos] == ',') {
        sc->pos++;
        skip_space(sc);
        return array ? SL_OK : scan_key(sc, NULL);
    }
    if (sc->pos < sc->len && sc->s[sc->pos] == (array ? ']' : '}')) {
        sc->pos++;
        sc->depth--;
        *closed = true;
        return SL_OK;
    }
    return fail_byte(sc, sc->pos, array ? "expected ',' or ']' after array element"
                                        : "expected ',' or '}' after object member");
}

/* Scan one complete value of any kind, nested containers included, without
 * recursion.  sc->depth is the depth of the enclosing container. */
static int scan_value(scanner *sc)
{
    unsigned base = sc->depth;
    int rc = scan_value_start(sc);
    bool opened = sc->depth > base;
    while (rc == SL_OK && sc->depth > base) {
        bool closed;
        if (opened) {
            rc = scan_first_element(sc, &closed);
        } else {
            rc = scan_after_element(sc, &closed);
        }
        if (rc != SL_OK || closed) {
            opened = false;
            continue;
        }
        unsigned before = sc->depth;
        rc = scan_value_start(sc);
        opened = sc->depth > before;
    }
    return rc;
}

/* ---------------------------------------------------------------- objects */

static int value_type(unsigned char c)
{
    switch (c) {
    case '{': return SL_JSON_OBJECT;
    case '[': return SL_JSON_ARRAY;
    case '"': return SL_JSON_STRING;
    case 't': return SL_JSON_TRUE;
    case 'f': return SL_JSON_FALSE;
    case 'n': return SL_JSON_NULL;
    default: return SL_JSON_NUMBER;
    }
}

static int scan_member(scanner *sc, sl_json_object *obj)
{
    sl_json_member m;
    m.key_start = sc->pos;
    int rc = scan_key(sc, &m.key_end);
    if (rc != SL_OK)
        return rc;
    m.val_start = sc->pos;
    if ((rc = scan_value(sc)) != SL_OK)
        return rc;
    m.val_end = sc->pos;
    m.type = value_type(sc->s[m.val_start]);
    if (sl_grow(sc->ctx, (void **)&obj->members, &obj->cap, obj->n + 1, sizeof m) != SL_OK) {
        sc->err_off = m.key_start;
        return SL_ENOMEM;
    }
    obj->members[obj->n++] = m;
    return SL_OK;
}

static int scan_members(scanner *sc, sl_json_object *obj)
{
    skip_space(sc);
    if (sc->pos < sc->len && sc->s[sc->pos] == '}') {
        sc->pos++;
        return SL_OK;
    }
    for (;;) {
        int rc = scan_member(sc, obj);
        if (rc != SL_OK)
            return rc;
        skip_space(sc);
        if (sc->pos < sc->len && sc->s[sc->pos] == '}') {
            sc->pos++;
            return SL_OK;
        }
        if (sc->pos >= sc->len || sc->s[sc->pos] != ',')
            return fail_byte(sc, sc->pos, "expected ',' or '}' after object member");
        sc->pos++;
        skip_space(sc);
    }
}

int sl_json_parse_object(sl_ctx *ctx, const char *s, size_t len, unsigned max_depth,
                         sl_json_object *obj, size_t *err_off)
{
    size_t dummy_off;
    if (!err_off)
        err_off = &dummy_off;
    *err_off = 0;
    obj->text = s;
    obj->n = 0;
    if (!s && len)
        return sl_error(ctx, SL_EINVAL, "no text to parse");
    if (max_depth == 0)
        return sl_error(ctx, SL_ELIMIT, "nesting deeper than 0 levels");

    scanner scan, *sc = &scan;
    sc->ctx = ctx;
    sc->s = (const unsigned char *)s;
    sc->len = len;
    sc->pos = 0;
    sc->err_off = 0;
    sc->max_depth = max_depth;
    sc->depth = 1;
    sc->stack = sc->small;
    if (max_depth > JSON_SMALL_LEVELS) {
        sc->stack = sl_malloc(ctx, max_depth / 8 + 1);
        if (!sc->stack)
            return sl_oom(ctx);
    }
    sc->stack[0] = 0;

    int rc;
    skip_space(sc);
    if (sc->pos >= len || sc->s[sc->pos] != '{') {
        rc = fail_byte(sc, sc->pos, "expected '{' at the start of a record");
    } else {
        sc->pos++;
        rc = scan_members(sc, obj);
    }
    if (rc == SL_OK) {
        skip_space(sc);
        if (sc->pos < len)
            rc = fail_byte(sc, sc->pos, "unexpected data after the end of the object");
    }
    *err_off = sc->err_off;
    if (sc->stack != sc->small)
        sl_free(ctx, sc->stack);
    if (rc != SL_OK)
        obj->n = 0;
    return rc;
}

void sl_json_object_release(sl_ctx *ctx, sl_json_object *obj)
{
    if (!obj)
        return;
    sl_free(ctx, obj->members);
    obj->members = NULL;
    obj->n = obj->cap = 0;
    obj->text = NULL;
}

/* ---------------------------------------------------------------- decoding */

static uint32_t read_hex4(const char *p)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value((unsigned char)p[i]);
        v = (v << 4) | (uint32_t)(h < 0 ? 0 : h);
    }
    return v;
}

/* Decode the escape at tok[*i] (a backslash) of a validated token ending at
 * `end`; writes up to 4 bytes to out and returns how many. */
static size_t decode_escape(const char *tok, size_t *i, size_t end, char out[4], size_t *lone)
{
    char c = *i + 1 < end ? tok[*i + 1] : '\\';
    *i += 2;
    switch (c) {
    case 'b': out[0] = '\b'; return 1;
    case 'f': out[0] = '\f'; return 1;
    case 'n': out[0] = '\n'; return 1;
    case 'r': out[0] = '\r'; return 1;
    case 't': out[0] = '\t'; return 1;
    case 'u': break;
    default: out[0] = c; return 1;
    }
    if (*i + 4 > end)
        return sl_utf8_encode(0xFFFD, out);
    uint32_t cp = read_hex4(tok + *i);
    *i += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF && *i + 6 <= end && tok[*i] == '\\' && tok[*i + 1] == 'u') {
        uint32_t lo = read_hex4(tok + *i + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            *i += 6;
            return sl_utf8_encode(0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00), out);
        }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
        (*lone)++;
        cp = 0xFFFD;
    }
    return sl_utf8_encode(cp, out);
}

int sl_json_decode_string(const char *tok, size_t len, sl_buf *out, size_t *lone_surrogates)
{
    size_t lone = 0;
    if (len < 2 || tok[0] != '"' || tok[len - 1] != '"')
        return sl_error(out->ctx, SL_EINVAL, "not a JSON string token");
    size_t end = len - 1, i = 1;
    int rc = sl_buf_reserve(out, end - i);
    while (rc == SL_OK && i < end) {
        const char *bs = memchr(tok + i, '\\', end - i);
        size_t run = bs ? (size_t)(bs - (tok + i)) : end - i;
        rc = sl_buf_append(out, tok + i, run);
        i += run;
        if (rc == SL_OK && i < end) {
            char units[4];
            size_t n = decode_escape(tok, &i, end, units, &lone);
            rc = sl_buf_append(out, units, n);
        }
    }
    if (lone_surrogates)
        *lone_surrogates += lone;
    return rc;
}

bool sl_json_key_is(const sl_json_object *obj, size_t i, const char *key)
{
    if (!obj || i >= obj->n)
        return false;
    const sl_json_member *m = &obj->members[i];
    const char *tok = obj->text + m->key_start;
    size_t end = m->key_end - m->key_start - 1, pos = 1, k = 0, klen = strlen(key);
    while (pos < end) {
        if (tok[pos] != '\\') {
            if (k >= klen || tok[pos] != key[k])
                return false;
            pos++;
            k++;
            continue;
        }
        char units[4];
        size_t lone = 0;
        size_t n = decode_escape(tok, &pos, end, units, &lone);
        if (klen - k < n || memcmp(key + k, units, n) != 0)
            return false;
        k += n;
    }
    return k == klen;
}

long sl_json_find(const sl_json_object *obj, const char *key)
{
    if (!obj)
        return -1;
    for (size_t i = obj->n; i-- > 0;) {
        if (sl_json_key_is(obj, i, key))
            return (long)i;
    }
    return -1;
}

/* ---------------------------------------------------------------- writing */

/* True for bytes that are copied as they are: printable ASCII other than
 * '"' and '\\'. */
static bool plain_ascii(unsigned char c)
{
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

static int write_escape(sl_buf *out, uint32_t cp)
{
    switch (cp) {
    case '"': return sl_buf_append(out, "\\\"", 2);
    case '\\': return sl_buf_append(out, "\\\\", 2);
    case '\b': return sl_buf_append(out, "\\b", 2);
    case '\f': return sl_buf_append(out, "\\f", 2);
    case '\n': return sl_buf_append(out, "\\n", 2);
    case '\r': return sl_buf_append(out, "\\r", 2);
    case '\t': return sl_buf_append(out, "\\t", 2);
    default: return sl_buf_printf(out, "\\u%04x", (unsigned)cp);
    }
}

/* Control characters (C0, DEL, C1) and the two JavaScript line breaks are
 * escaped; everything else valid is literal. */
static bool needs_escape(uint32_t cp)
{
    return cp < 0x20 || cp == '"' || cp == '\\' || (cp >= 0x7F && cp <= 0x9F) ||
           cp == 0x2028 || cp == 0x2029;
}

/* Length of the run at s[0..len) that is written as it is: plain ASCII
 * and valid UTF-8 characters that need no escape. */
static size_t literal_run(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (!plain_ascii(c))
                return i;
            i++;
            continue;
        }
        size_t adv;
        int32_t cp = sl_utf8_decode(s + i, len - i, &adv);
        if (cp < 0 || needs_escape((uint32_t)cp))
            return i;
        i += adv;
    }
    return len;
}

/* The output is reserved once (len + 2, escapes may grow it) and the
 * literal runs are appended whole: one call per run, not per character. */
int sl_json_write_string(sl_buf *out, const char *s, size_t len)
{
    int rc = sl_buf_reserve(out, len + 2);
    if (rc == SL_OK)
        rc = sl_buf_putc(out, '"');
    size_t i = 0;
    while (rc == SL_OK && i < len) {
        size_t run = literal_run(s + i, len - i);
        if (run > 0) {
            rc = sl_buf_append(out, s + i, run);
            i += run;
            continue;
        }
        size_t adv;
        int32_t cp = sl_utf8_decode(s + i, len - i, &adv);
        if (cp < 0)
            rc = sl_buf_append(out, "\\ufffd", 6);
        else
            rc = write_escape(out, (uint32_t)cp);
        i += adv;
    }
    if (rc == SL_OK)
        rc = sl_buf_putc(out, '"');
    return rc;
}
