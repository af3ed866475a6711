/* NER tokeniser: UTF-8 text into CoNLL-style tokens with byte offsets, and
 * sentence ends.  See ner.h. */
#include "facts/ner.h"

#include <string.h>
#include <utf8proc.h>

/* Trailing punctuation peeled off one chunk is kept in a small array; a
 * chunk with more than this many closing marks keeps the rest attached. */
#define MAX_TRAILING 16

/* Abbreviations that keep their final period (matched exactly), with their
 * lengths so that a word is compared only with those of its length. */
typedef struct abbrev {
    const char *s;
    size_t len;
} abbrev;
#define AB(lit) { lit, sizeof lit - 1 }
static const abbrev abbreviations[] = {
    AB("Mr"), AB("Mrs"), AB("Ms"), AB("Dr"), AB("Prof"), AB("St"), AB("Mt"), AB("Jr"),
    AB("Sr"), AB("Inc"), AB("Corp"), AB("Co"), AB("Ltd"), AB("Plc"), AB("PLC"), AB("Bros"),
    AB("Gen"), AB("Col"), AB("Lt"), AB("Sgt"), AB("Capt"), AB("Cmdr"), AB("Adm"), AB("Gov"),
    AB("Sen"), AB("Rep"), AB("Rev"), AB("Hon"), AB("Pres"), AB("Fr"), AB("Jan"), AB("Feb"),
    AB("Mar"), AB("Apr"), AB("Jun"), AB("Jul"), AB("Aug"), AB("Sep"), AB("Sept"), AB("Oct"),
    AB("Nov"), AB("Dec"), AB("No"), AB("Nos"), AB("vs"), AB("etc"), AB("Ave"), AB("Blvd"),
    AB("Dept"), AB("Univ"), AB("Messrs"), AB("approx"), AB("Ft"), AB("Mass"), AB("Calif"),
    AB("Fla"), AB("Ill"), AB("Pa"), AB("Va"), AB("Wash"),
};
#undef AB

/* Code point at s[i..len), or -1 for an invalid byte (adv is then 1+). */
static int32_t cp_at(const char *s, size_t len, size_t i, size_t *adv)
{
    unsigned char b = (unsigned char)s[i]; /* i < len: every caller checks */
    if (b < 0x80) { /* most text is ASCII: no call */
        *adv = 1;
        return (int32_t)b;
    }
    return sl_utf8_decode(s + i, len - i, adv);
}

/* Start of the code point that ends just before byte e (e > lo). */
static size_t cp_back(const char *s, size_t lo, size_t e)
{
    size_t b = e - 1;
    while (b > lo && e - b < 4 && ((unsigned char)s[b] & 0xC0) == 0x80)
        b--;
    size_t adv = 0;
    if (sl_utf8_decode(s + b, e - b, &adv) < 0 || b + adv != e)
        return e - 1; /* invalid sequence: one byte at a time */
    return b;
}

static bool is_newline(int32_t c)
{
    return c == '\n' || c == 0x2028 || c == 0x2029;
}

static bool is_space(int32_t c)
{
    if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0)
        return true;
    if (c < 0x80)
        return false;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS || is_newline(c);
}

static bool is_opening(int32_t c)
{
    if (c < 0x80)
        return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' || c == '`';
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_PS || k == UTF8PROC_CATEGORY_PI;
}

static bool is_closing(int32_t c)
{
    if (c < 0x80)
        return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'' || c == ',' ||
               c == ';' || c == ':' || c == '!' || c == '?' || c == '.';
    if (c == 0x2026) /* ellipsis */
        return true;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_PE || k == UTF8PROC_CATEGORY_PF;
}

static bool is_alnum(int32_t c)
{
    if (c < 0)
        return true; /* an invalid byte is treated as part of a word */
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    utf8proc_category_t k = utf8proc_category(c);
    return k <= UTF8PROC_CATEGORY_NO && k != UTF8PROC_CATEGORY_CN;
}

static bool is_upper(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

/* Does s[a..e) (a word without its final period) take the period? */
static bool is_abbreviation(const char *s, size_t a, size_t e)
{
    if (e <= a)
        return false;
    if (memchr(s + a, '.', e - a))
        return true; /* "U.S", "a.m" */
    size_t adv = 0;
    int32_t c = cp_at(s, e, a, &adv);
    if (a + adv == e && c > 0 && is_alnum(c) && !(c >= '0' && c <= '9'))
        return true; /* an initial: "J." */
    for (size_t i = 0; i < sizeof abbreviations / sizeof abbreviations[0]; i++) {
        const abbrev *ab = &abbreviations[i];
        if (ab->len == e - a && memcmp(s + a, ab->s, ab->len) == 0)
            return true;
    }
    return false;
}

typedef struct tok_out {
    sl_ctx *ctx;
    sl_ner_token **toks;
    size_t *cap, *n;
    bool line_start;
} tok_out;

static int emit(tok_out *o, size_t start, size_t end)
{
    if (end <= start)
        return 0;
    if (sl_grow(o->ctx, (void **)o->toks, o->cap, *o->n + 1, sizeof **o->toks))
        return SL_ENOMEM;
    (*o->toks)[(*o->n)++] = (sl_ner_token){ start, end, o->line_start };
    o->line_start = false;
    return 0;
}

static bool has_alnum(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        size_t adv = 0;
        if (is_alnum(cp_at(s, b, i, &adv)))
            return true;
        i += adv;
    }
    return false;
}

/* A chunk without letters or digits: runs of one character ("...", "--")
 * stay together, other characters are tokens of their own. */
static int emit_punct_run(tok_out *o, const char *s, size_t a, size_t b)
{
    while (a < b) {
        size_t adv = 0;
        cp_at(s, b, a, &adv);
        size_t e = a + adv;
        while (e + adv <= b && memcmp(s + e, s + a, adv) == 0)
            e += adv;
        int rc = emit(o, a, e);
        if (rc)
            return rc;
        a = e;
    }
    return 0;
}

/* The length of a clitic to split off the end of word s[a..e): "'s", "’s",
 * "n't"; 0 when none. */
static size_t clitic_len(const char *s, size_t a, size_t e)
{
    size_t n = e - a;
    if (n > 2 && s[e - 2] == '\'' && (s[e - 1] == 's' || s[e - 1] == 'S'))
        return 2;
    if (n > 4 && memcmp(s + e - 4, "\xE2\x80\x99", 3) == 0 && (s[e - 1] == 's' || s[e - 1] == 'S'))
        return 4;
    if (n > 3 && memcmp(s + e - 3, "n't", 3) == 0)
        return 3;
    return 0;
}

/* The core of a chunk: split at em dashes, then the clitic. */
static int emit_core(tok_out *o, const char *s, size_t a, size_t e)
{
    static const char em_dash[] = "\xE2\x80\x94";
    for (size_t i = a; i + 3 <= e; i++) {
        const char *lead = memchr(s + i, '\xE2', e - 2 - i);
        if (!lead)
            break;
        i = (size_t)(lead - s);
        if (memcmp(s + i, em_dash, 3) == 0) {
            int rc = emit_core(o, s, a, i);
            if (!rc)
                rc = emit(o, i, i + 3);
            if (!rc)
                rc = emit_core(o, s, i + 3, e);
            return rc;
        }
    }
    size_t cl = clitic_len(s, a, e);
    int rc = emit(o, a, e - cl);
    if (!rc && cl)
        rc = emit(o, e - cl, e);
    return rc;
}

/* Peel closing punctuation off the end of s[a..e): fills marks[] (right to
 * left) and returns the new end. */
static size_t peel_trailing(const char *s, size_t a, size_t e, size_t marks[][2], size_t *nm)
{
    *nm = 0;
    while (e > a && *nm < MAX_TRAILING) {
        size_t b = cp_back(s, a, e);
        size_t adv = 0;
        int32_t c = cp_at(s, e, b, &adv);
        if (!is_closing(c))
            break;
        if (c == '.' && e - a >= 3 && memcmp(s + e - 3, "...", 3) == 0) {
            b = e - 3;
        } else if (c == '.' && is_abbreviation(s, a, b)) {
            break;
        }
        if (b == a)
            break; /* keep at least one character in the core */
        marks[*nm][0] = b;
        marks[*nm][1] = e;
        (*nm)++;
        e = b;
    }
    return e;
}

static int emit_chunk(tok_out *o, const char *s, size_t a, size_t b)
{
    if (!has_alnum(s, a, b))
        return emit_punct_run(o, s, a, b);
    int rc = 0;
    for (;;) { /* opening punctuation */
        size_t adv = 0;
        int32_t c = cp_at(s, b, a, &adv);
        if (!is_opening(c) || a + adv >= b)
            break;
        if (c == '\'' && b - a == 2 && (s[a + 1] == 's' || s[a + 1] == 'S'))
            break; /* a lone "'s" */
        if ((rc = emit(o, a, a + adv)))
            return rc;
        a += adv;
    }
    size_t marks[MAX_TRAILING][2], nm = 0;
    size_t e = peel_trailing(s, a, b, marks, &nm);
    rc = emit_core(o, s, a, e);
    while (!rc && nm > 0) {
        nm--;
        rc = emit(o, marks[nm][0], marks[nm][1]);
    }
    return rc;
}

int sl_ner_tokenize(sl_ctx *ctx, const char *text, size_t len, sl_ner_token **toks,
                    size_t *cap, size_t *n)
{
    tok_out o = { ctx, toks, cap, n, true };
    *n = 0;
    size_t i = 0;
    while (i < len) {
        size_t adv = 0;
        int32_t c = cp_at(text, len, i, &adv);
        if (is_space(c)) {
            if (is_newline(c))
                o.line_start = true;
            i += adv;
            continue;
        }
        size_t a = i;
        while (i < len) {
            unsigned char b = (unsigned char)text[i];
            if (b > ' ' && b < 0x7F) { /* printable ASCII: never a space */
                i++;
                continue;
            }
            c = cp_at(text, len, i, &adv);
            if (c >= 0 && is_space(c))
                break;
            i += adv;
        }
        int rc = emit_chunk(&o, text, a, i);
        if (rc)
            return rc;
    }
    return 0;
}

/* ".", "!", "?", "..." or the ellipsis character. */
static bool is_final_punct(const char *text, const sl_ner_token *t)
{
    const char *s = text + t->start;
    switch (t->end - t->start) {
    case 1:
        return s[0] == '.' || s[0] == '!' || s[0] == '?';
    case 3:
        return memcmp(s, "...", 3) == 0 || memcmp(s, "\xE2\x80\xA6", 3) == 0;
    default:
        return false;
    }
}

static bool is_closing_token(const char *text, const sl_ner_token *t)
{
    size_t adv = 0;
    int32_t c = cp_at(text, t->end, t->start, &adv);
    return t->start + adv == t->end && c != '.' && c != ',' && is_closing(c);
}

static bool starts_sentence(const char *text, const sl_ner_token *t)
{
    size_t adv = 0;
    int32_t c = cp_at(text, t->end, t->start, &adv);
    return is_upper(c) || is_opening(c) || (c >= '0' && c <= '9');
}

bool sl_ner_sentence_ends(const char *text, const sl_ner_token *toks, size_t n, size_t i)
{
    if (i + 1 >= n || toks[i + 1].line_start)
        return true;
    const sl_ner_token *t = &toks[i];
    if (is_final_punct(text, t))
        return !is_closing_token(text, &toks[i + 1]) && starts_sentence(text, &toks[i + 1]);
    if (i > 0 && is_closing_token(text, t) && is_final_punct(text, &toks[i - 1]))
        return starts_sentence(text, &toks[i + 1]);
    return false;
}
