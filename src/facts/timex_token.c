/* Tokens for the temporal tagger: runs of letters, runs of digits and
 * single punctuation characters, with whether whitespace came before.
 * The same scanner splits the literals of the rule files, so a rule's
 * "p.m." and a text's "p.m." give the same tokens. */
#include "facts/timex_internal.h"

#include <string.h>

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Classify the character at s[0..len): 'w' letter, 'd' digit, 's' space,
 * 'p' punctuation; *adv gets its byte length and *punct a one-byte
 * stand-in for punctuation (dashes become '-', curly quotes '\''). */
static char classify(const char *s, size_t len, size_t *adv, char *punct)
{
    unsigned char c = (unsigned char)s[0];
    *adv = 1;
    *punct = (char)c;
    if (c < 0x80) {
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            return 'w';
        if (c >= '0' && c <= '9')
            return 'd';
        return is_space(c) ? 's' : 'p';
    }
    int32_t cp = sl_utf8_decode(s, len, adv);
    if (cp < 0) {
        *punct = '?';
        return 'p';
    }
    if (cp == 0xA0 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A))
        return 's';
    if (cp >= 0x2010 && cp <= 0x2015) {
        *punct = '-';
        return 'p';
    }
    if (cp == 0x2018 || cp == 0x2019) {
        *punct = '\'';
        return 'p';
    }
    if ((cp >= 0x2016 && cp <= 0x206F) || (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7) {
        *punct = '?';
        return 'p';
    }
    return 'w';
}

size_t tx_lower(const char *s, size_t len, char *out, size_t cap)
{
    if (len >= cap)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
            c = (unsigned char)(c + 32); /* Latin-1 capitals: À..Þ -> à..þ */
        out[i] = (char)c;
    }
    out[len] = '\0';
    return len;
}

static bool starts_upper(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 'A' && c <= 'Z')
        return true;
    return len > 1 && c == 0xC3 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E;
}

int tx_scan(const char *s, size_t len, size_t *pos, tx_rawtok *t)
{
    size_t i = *pos, adv;
    char p;
    int newlines = 0;
    t->flags = 0;
    while (i < len) {
        char k = classify(s + i, len - i, &adv, &p);
        if (k != 's')
            break;
        t->flags |= TX_TF_SPACE;
        newlines += s[i] == '\n';
        i += adv;
    }
    if (newlines >= 2)
        t->flags |= TX_TF_PARA;
    if (i >= len) {
        *pos = i;
        return 0;
    }
    t->start = i;
    char k = classify(s + i, len - i, &adv, &p);
    t->punct = 0;
    if (k == 'p') {
        t->kind = TX_TOK_PUNCT;
        t->punct = p;
        i += adv;
    } else {
        t->kind = k == 'd' ? TX_TOK_NUM : TX_TOK_WORD;
        while (i < len) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) { /* what classify says of ASCII, without the call */
                char ak = (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? 'w'
                          : c >= '0' && c <= '9'                  ? 'd'
                                                                  : 'p';
                if (ak != k)
                    break;
                i++;
            } else if (classify(s + i, len - i, &adv, &p) == k) {
                i += adv;
            } else {
                break;
            }
        }
    }
    t->end = i;
    if (t->kind == TX_TOK_WORD && starts_upper(s + t->start, t->end - t->start))
        t->flags |= TX_TF_UPPER;
    *pos = i;
    return 1;
}

size_t tx_rawtok_key(const char *s, const tx_rawtok *t, char *out, size_t cap)
{
    if (t->kind == TX_TOK_PUNCT) {
        out[0] = t->punct;
        out[1] = '\0';
        return 1;
    }
    return tx_lower(s + t->start, t->end - t->start, out, cap);
}

static int64_t digits_value(const char *s, size_t n)
{
    int64_t v = 0;
    for (size_t i = 0; i < n && i < 15; i++)
        v = v * 10 + (s[i] - '0');
    return n > 15 ? INT64_C(999999999999999) : v;
}

int tx_tokenize(sl_ctx *ctx, const sl_timex_rules *r, const char *text, size_t len,
                tx_token **out, size_t *n)
{
    tx_token *toks = NULL;
    size_t cap = 0, count = 0, pos = 0;
    tx_rawtok t;
    char key[TX_MAX_WORD];
    while (tx_scan(text, len, &pos, &t)) {
        if (count == cap && sl_grow(ctx, (void **)&toks, &cap, count + 1, sizeof *toks)) {
            sl_free(ctx, toks);
            return SL_ENOMEM;
        }
        tx_token *o = &toks[count++];
        o->start = t.start;
        o->end = t.end;
        o->kind = (uint8_t)t.kind;
        o->flags = (uint8_t)t.flags;
        size_t n_bytes = t.end - t.start;
        o->ndigits = (uint8_t)(n_bytes > 255 ? 255 : n_bytes);
        o->num = t.kind == TX_TOK_NUM ? digits_value(text + t.start, n_bytes) : -1;
        size_t kl = tx_rawtok_key(text, &t, key, sizeof key);
        o->word = kl ? tx_word_find(r, key, kl) : -1;
    }
    *out = toks;
    *n = count;
    return SL_OK;
}
