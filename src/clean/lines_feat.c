/* Per-line features: shape, separators, addresses, bylines, datelines. */
#include "lines_feat.h"

#include <string.h>

bool sl_cp_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
           (c >= 0x100 && c <= 0x17F && c % 2 == 0) || (c >= 0x391 && c <= 0x3A9) ||
           (c >= 0x400 && c <= 0x42F);
}

static bool cp_lower(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) ||
           (c >= 0x101 && c <= 0x17F && c % 2 == 1) || (c >= 0x3B1 && c <= 0x3C9) ||
           (c >= 0x430 && c <= 0x45F);
}

bool sl_cp_letter(uint32_t c)
{
    if (sl_cp_upper(c) || cp_lower(c))
        return true;
    /* Other scripts: anything outside the punctuation and symbol blocks. */
    return c >= 0x180 && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F) &&
           !(c >= 0xFF00 && c <= 0xFF20) && !(c >= 0xFE00 && c <= 0xFE6F);
}

static bool cp_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* sl_cp_letter, sl_cp_upper and cp_lower with the ASCII answer inline. */
static inline bool letter_fast(uint32_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    return sl_cp_letter(c);
}

static inline bool upper_fast(uint32_t c)
{
    return c < 0x80 ? c >= 'A' && c <= 'Z' : sl_cp_upper(c);
}

static inline bool lower_fast(uint32_t c)
{
    return c < 0x80 ? c >= 'a' && c <= 'z' : cp_lower(c);
}

/* ASCII is answered without the decoder: it is most of any text. */
static inline uint32_t decode_at(const char *s, size_t len, size_t *adv)
{
    if (len > 0 && (unsigned char)s[0] < 0x80) {
        *adv = 1;
        return (unsigned char)s[0];
    }
    int32_t c = sl_utf8_decode(s, len, adv);
    return c < 0 ? 0xFFFD : (uint32_t)c;
}

/* Closing quotes and brackets, skipped when looking for the final mark. */
static bool cp_closer(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
           c == 0xBB || c == 0x203A || c == '*';
}

static bool cp_terminal(uint32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
           c == 0xFF1F;
}

/* The last code point of s[0..len) that is not a closing quote or bracket,
 * or 0. */
static uint32_t final_mark_at(const char *s, size_t len, size_t *at)
{
    size_t i = len;
    *at = 0;
    while (i > 0) {
        size_t b = i - 1;
        while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        size_t adv;
        uint32_t c = decode_at(s + b, i - b, &adv);
        if (!cp_closer(c)) {
            *at = b;
            return c;
        }
        i = b;
    }
    return 0;
}

static uint32_t final_mark(const char *s, size_t len)
{
    size_t at;
    return final_mark_at(s, len, &at);
}

static bool separator_start(unsigned char c)
{
    return c == '/' || c == '|' || c == '\\' || c == ':' || c == '>' || c == 0xE2 || c == 0xC2;
}

static bool is_separator(const char *w, size_t n, bool *crumb)
{
    static const char *const seps[] = { "/", "|", "\\", "::", "\xE2\x80\xA2", "\xC2\xB7" };
    static const char *const arrows[] = { ">", "\xC2\xBB", "\xE2\x80\xBA", "\xE2\x86\x92" };
    *crumb = false;
    /* No separator is longer than three bytes, and all start with one of
     * these: most words are turned away here. */
    if (n > 3 || !separator_start((unsigned char)w[0]))
        return false;
    for (size_t i = 0; i < sizeof arrows / sizeof arrows[0]; i++)
        if (n == strlen(arrows[i]) && memcmp(w, arrows[i], n) == 0)
            return *crumb = true;
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (n == strlen(seps[i]) && memcmp(w, seps[i], n) == 0)
            return true;
    return false;
}

static bool has_tld(const char *w, size_t n)
{
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++)
        if (w[i] == '.')
            dot = w + i;
    if (!dot || dot == w || (size_t)(dot - w) < 2)
        return false;
    size_t tld = n - (size_t)(dot - w) - 1;
    if (tld < 2 || tld > 6)
        return false;
    for (const char *p = dot + 1; p < w + n; p++)
        if (*p < 'a' || *p > 'z')
            return false;
    return memchr(w, '@', n) == NULL && memchr(w, '"', n) == NULL;
}

static bool has_scheme(const char *w, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (w[i] == ':' && w[i + 1] == '/' && w[i + 2] == '/')
            return true;
    return false;
}

/* A web address or a bare domain such as "example.co.uk". */
static bool is_url_word(const char *w, size_t n)
{
    while (n && strchr(",;:)!?.", w[n - 1]))
        n--;
    while (n && (w[0] == '(' || w[0] == '<')) {
        w++;
        n--;
    }
    if (n >= 4 && (has_scheme(w, n) || (n > 4 && memcmp(w, "www.", 4) == 0)))
        return true;
    return has_tld(w, n);
}

/* A word like "Tw2sl" (digits between letters) or "GreenLeaf" (an upper
 * case letter after a lower case one): typical of random spam tokens. */
static bool is_odd_word(const char *w, size_t n)
{
    if (n > 16)
        return false;
    uint32_t prev = 0, prev2 = 0;
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t c = decode_at(w + i, n - i, &adv);
        if (letter_fast(c) && cp_digit(prev) && letter_fast(prev2))
            return true;
        if (upper_fast(c) && lower_fast(prev) && !(prev2 == 'M' && prev == 'c'))
            return true;
        prev2 = prev;
        prev = c;
        i += adv;
    }
    return false;
}

static bool is_abbreviation(const char *s, size_t word_start, size_t dot)
{
    static const char *const abbr[] = { "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Gov",
                                        "Sen", "Rep", "Col", "Lt", "Sgt", "Prof", "Rev", "No",
                                        "vs", "Inc", "Co", "Corp", "Ltd", "Jan", "Feb", "Aug",
                                        "Sept", "Sep", "Oct", "Nov", "Dec" };
    size_t n = dot - word_start;
    if (n <= 1 || memchr(s + word_start, '.', n))
        return true;
    for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
        if (strlen(abbr[i]) == n && memcmp(abbr[i], s + word_start, n) == 0)
            return true;
    return false;
}

/* Start of the word that ends at s[i]: after the last space before it. */
static size_t word_start_before(const char *s, size_t i)
{
    while (i > 0 && s[i - 1] != ' ')
        i--;
    return i;
}

/* Is the space at s[q] a sentence end inside the line: ". X", "? X",
 * "! X" followed by an upper case letter or an opening quote, not after an
 * abbreviation?  Needs 1 <= q and q + 1 < len. */
static bool break_at(const char *s, size_t len, size_t q)
{
    size_t i = q - 1; /* the mark */
    if (s[i] != '.' && s[i] != '!' && s[i] != '?')
        return false;
    size_t adv;
    uint32_t next = decode_at(s + q + 1, len - q - 1, &adv);
    if (!sl_cp_upper(next) && next != '"' && next != 0x201C && next != 0xAB)
        return false;
    return s[i] != '.' || !is_abbreviation(s, word_start_before(s, i), i);
}

/* Sentence ends inside the line (see break_at). */
static size_t count_breaks(const char *s, size_t len)
{
    size_t breaks = 0;
    for (size_t q = 1; q + 1 < len; q++)
        breaks += s[q] == ' ' && break_at(s, len, q);
    return breaks;
}

/* What the shape loop noticed in a word's bytes, so that the costlier
 * word tests run only where they can succeed. */
enum word_hint {
    HINT_URL = 1u << 0, /* a '.' or ':': needed by any web address */
    HINT_ODD = 1u << 1  /* a digit, or an upper-case ASCII letter or
                           non-ASCII byte after the first: is_odd_word
                           needs one (its capital must follow a letter) */
};

/* Classes of ASCII bytes for the shape loop, looked up instead of tested
 * one by one.  CAPLIKE marks what may be a capital inside a word: an
 * upper-case ASCII letter (non-ASCII characters get it too). */
enum ascii_class { C_LETTER = 1, C_DIGIT = 2, C_CAPLIKE = 4, C_URL = 8, C_SPACE = 16 };
enum { Lo = C_LETTER, Up = C_LETTER | C_CAPLIKE, Dg = C_DIGIT, Ur = C_URL, Sp = C_SPACE };
static const unsigned char ascii_class[128] = {
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0x00 */
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0x10 */
    Sp, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  Ur, 0,  /* ' ' '.' */
    Dg, Dg, Dg, Dg, Dg, Dg, Dg, Dg, Dg, Dg, Ur, 0,  0,  0,  0,  0,  /* 0-9 ':' */
    0,  Up, Up, Up, Up, Up, Up, Up, Up, Up, Up, Up, Up, Up, Up, Up, /* A-O */
    Up, Up, Up, Up, Up, Up, Up, Up, Up, Up, Up, 0,  0,  0,  0,  0,  /* P-Z */
    0,  Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, /* a-o */
    Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, Lo, 0,  0,  0,  0,  0,  /* p-z */
};

/* The word hints a character of class `cls` gives; `first` when it is the
 * word's first byte. */
static unsigned class_hint(unsigned cls, bool first)
{
    unsigned hint = (cls & C_URL) ? HINT_URL : 0;
    if ((cls & C_DIGIT) || ((cls & C_CAPLIKE) && !first))
        hint |= HINT_ODD;
    return hint;
}

/* The class of the non-ASCII character at s[0..len), and its length in
 * *adv. */
static unsigned multibyte_class(const char *s, size_t len, size_t *adv)
{
    return sl_cp_letter(decode_at(s, len, adv)) ? C_LETTER | C_CAPLIKE : C_CAPLIKE;
}

static void count_word(sl_line_feat *f, const char *w, size_t n, size_t *segment, unsigned hint)
{
    bool crumb;
    if (is_separator(w, n, &crumb)) {
        f->seps++;
        f->crumbs += crumb;
        *segment = 0;
        return;
    }
    f->words++;
    if (*segment == 0)
        f->segments++;
    if (++*segment > f->max_segment)
        f->max_segment = *segment;
    size_t adv;
    uint32_t first = decode_at(w, n, &adv);
    /* Skip an opening quote or bracket before the first letter. */
    if ((first == '"' || first == '(' || first == 0x201C || first == 0xAB || first == '\'') && adv < n)
        first = decode_at(w + adv, n - adv, &adv);
    if (letter_fast(first)) {
        f->alpha_words++;
        f->cap_words += upper_fast(first);
    }
    if (hint & HINT_URL)
        f->urls += is_url_word(w, n);
    if (hint & HINT_ODD)
        f->odd_words += is_odd_word(w, n);
}

void sl_feat_shape(sl_line_feat *f, const char *text, size_t start, size_t end)
{
    memset(f, 0, sizeof *f);
    f->start = start;
    f->end = end;
    const char *s = text + start;
    size_t len = end - start, w = 0, segment = 0;
    unsigned hint = 0;
    /* Counters in locals: stores through f could alias the text. */
    size_t chars = 0, letters = 0, digits = 0, breaks = 0;
    for (size_t i = 0; i < len;) {
        size_t adv = 1;
        unsigned char b = (unsigned char)s[i];
        unsigned cls = b < 0x80 ? ascii_class[b] : multibyte_class(s + i, len - i, &adv);
        chars++;
        letters += cls & C_LETTER;
        digits += (cls & C_DIGIT) != 0;
        if (cls & C_SPACE) {
            if (i >= 1 && i + 1 < len)
                breaks += break_at(s, len, i);
            if (i > w)
                count_word(f, s + w, i - w, &segment, hint);
            w = i + 1;
            hint = 0;
        } else {
            hint |= class_hint(cls, i == w);
        }
        i += adv;
    }
    f->chars = chars;
    f->letters = letters;
    f->digits = digits;
    if (len > w)
        count_word(f, s + w, len - w, &segment, hint);
    size_t at;
    uint32_t mark = final_mark_at(s, len, &at);
    f->terminal = cp_terminal(mark);
    /* A trailing ellipsis ("Rivals of the new phone...") is not a full
     * stop: headlines end that way. */
    f->period = (mark == '.' && !(at > 0 && s[at - 1] == '.')) || mark == 0x3002;
    f->breaks = breaks;
    f->sentence_like = f->terminal && f->words >= 5;
    f->body_like = (f->terminal && f->words >= 12) || f->words >= 25;
}

/* Characters stripped after and before a folded word.  (The NUL byte is
 * in both sets, as it was when these were strchr look-ups.) */
static bool trailing_punct(char c)
{
    switch (c) {
    case ',': case '.': case ';': case ':': case '!': case '?': case '"': case '\'':
    case '(': case ')': case '[': case ']': case '*': case '\0':
        return true;
    default:
        return false;
    }
}

static bool leading_punct(char c)
{
    switch (c) {
    case '"': case '\'': case '(': case '[': case '*': case '#': case '@': case '\0':
        return true;
    default:
        return false;
    }
}

/* Strip punctuation around a folded word. */
static void trim_word(const char **w, size_t *n)
{
    while (*n && trailing_punct((*w)[*n - 1]))
        (*n)--;
    while (*n && leading_punct((*w)[0])) {
        (*w)++;
        (*n)--;
    }
}

void sl_feat_words(sl_line_feat *f, const sl_lex *lex, const char *low, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && low[i] != ' ')
            continue;
        const char *word = low + w;
        size_t n = i - w;
        trim_word(&word, &n);
        if (n) {
            unsigned kind = sl_lex_word_kind(lex, word, n);
            f->social += (kind & SL_WORD_SOCIAL) != 0;
            f->menu += (kind & SL_WORD_MENU) != 0;
        }
        w = i + 1;
    }
}

/* ---------------------------------------------------------------- tokens */

typedef struct token {
    const char *p;
    size_t n;
} token;

/* Split s[0..len) at spaces into at most `max` tokens; returns the count
 * (max + 1 when there are more). */
static size_t tokenize(const char *s, size_t len, token *t, size_t max)
{
    size_t n = 0, w = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != ' ')
            continue;
        if (i > w) {
            if (n == max)
                return max + 1;
            t[n++] = (token){ s + w, i - w };
        }
        w = i + 1;
    }
    return n;
}

static uint32_t first_cp(const token *t)
{
    size_t adv;
    return decode_at(t->p, t->n, &adv);
}

/* Fold a short token into out (NUL-terminated) for list look-ups. */
static size_t fold_token(const token *t, char *out, size_t cap)
{
    const char *w = t->p;
    size_t n = t->n, o = 0;
    while (n && strchr(",;:.", w[n - 1]))
        n--;
    for (size_t i = 0; i < n;) {
        size_t adv;
        char enc[4];
        size_t k = sl_utf8_encode(sl_lex_fold_cp(decode_at(w + i, n - i, &adv)), enc);
        if (o + k >= cap)
            return 0;
        memcpy(out + o, enc, k);
        o += k;
        i += adv;
    }
    out[o] = '\0';
    return o;
}

static bool is_particle(const token *t)
{
    char f[32];
    size_t n = fold_token(t, f, sizeof f);
    return n && sl_lex_is_particle(f, n);
}

/* A word of a personal name: capitalised, letters and . ' - only. */
static bool is_name_word(const token *t)
{
    size_t n = t->n;
    while (n && t->p[n - 1] == ',')
        n--;
    if (!n || n > 24 || !sl_cp_upper(first_cp(t)))
        return false;
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t c = decode_at(t->p + i, n - i, &adv);
        if (!sl_cp_letter(c) && c != '.' && c != '\'' && c != '-' && c != 0x2019)
            return false;
        i += adv;
    }
    return true;
}

/* "By A B and C D", "Von A B", "Par A B, correspondant". */
static bool byline_by(const token *t, size_t n)
{
    char f[32];
    size_t fn = fold_token(&t[0], f, sizeof f);
    if (n < 2 || n > 14 || !fn || !sl_lex_is_by(f, fn) || !is_name_word(&t[1]))
        return false;
    size_t lower = 0;
    for (size_t i = 1; i < n; i++)
        if (!is_name_word(&t[i]) && !is_particle(&t[i]))
            lower++;
    return lower <= 2;
}

static bool is_dash(const token *t)
{
    return (t->n == 1 && t->p[0] == '-') || (t->n == 2 && memcmp(t->p, "--", 2) == 0) ||
           (t->n == 3 && (memcmp(t->p, "\xE2\x80\x93", 3) == 0 ||
                          memcmp(t->p, "\xE2\x80\x94", 3) == 0));
}

/* A word of an outlet's name: an acronym ("BBC", at most five letters) or
 * a media word. */
static bool is_outlet_word(const token *t)
{
    char f[48];
    size_t n = fold_token(t, f, sizeof f);
    if (n && sl_lex_is_media(f, n))
        return true;
    size_t upper = 0;
    for (size_t i = 0; i < t->n;) {
        size_t adv;
        uint32_t c = decode_at(t->p + i, t->n - i, &adv);
        if (sl_cp_letter(c) && !sl_cp_upper(c))
            return false;
        upper += sl_cp_upper(c);
        i += adv;
    }
    return upper >= 2 && upper <= 5;
}

/* A separator between a name and an outlet: "|", a dash, "·" or "•". */
static bool is_name_separator(const token *t)
{
    return (t->n == 1 && t->p[0] == '|') || is_dash(t) ||
           (t->n == 2 && memcmp(t->p, "\xC2\xB7", 2) == 0) ||
           (t->n == 3 && memcmp(t->p, "\xE2\x80\xA2", 3) == 0);
}

/* "A B, Outlet", "A B | Outlet", "A B - Outlet", "A B · Outlet": the
 * outlet must read as one, or the pattern would take "Stadium Name, City"
 * for a byline. */
static bool byline_outlet(const token *t, size_t n)
{
    if (n < 3 || n > 9)
        return false;
    size_t split = 0, right = 0;
    for (size_t i = 0; i < n && !split; i++) {
        if (t[i].n && t[i].p[t[i].n - 1] == ',')
            split = right = i + 1;
        else if (i > 0 && is_name_separator(&t[i])) {
            split = i;
            right = i + 1;
        }
    }
    if (split < 2 || split > 4 || right >= n || n - right > 5)
        return false;
    size_t caps = 0;
    for (size_t i = 0; i < split; i++) {
        if (is_name_word(&t[i]))
            caps++;
        else if (!is_particle(&t[i]))
            return false;
    }
    bool outlet = false;
    for (size_t i = right; i < n; i++) {
        if (!sl_cp_upper(first_cp(&t[i])) && !is_particle(&t[i]))
            return false;
        outlet = outlet || is_outlet_word(&t[i]);
    }
    return caps >= 2 && outlet;
}

/* "Valley Courier staff and wire reports", "Staff and agencies": a few
 * capitalised words (the outlet) before a newsroom credit ending. */
static bool byline_staff(const token *t, size_t n)
{
    char low[160];
    size_t len = 0, ends[16];
    for (size_t i = 0; i < n; i++) {
        size_t k = fold_token(&t[i], low + len + (i > 0), sizeof low - len - 1);
        if (!k)
            return false;
        if (i > 0)
            low[len++] = ' ';
        len += k;
        ends[i] = len;
    }
    size_t tail = sl_lex_staff_tail(low, len), prefix = 0;
    if (tail == len)
        return false;
    for (; prefix < n && ends[prefix] <= tail; prefix++)
        if (!is_name_word(&t[prefix]) && !is_particle(&t[prefix]))
            return false;
    return prefix <= 5;
}

bool sl_feat_byline(const char *s, size_t len)
{
    token t[16];
    size_t n = tokenize(s, len, t, 15);
    if (n > 15 || n < 2)
        return false;
    uint32_t mark = final_mark(s, len);
    if (mark == '?' || mark == '!' || count_breaks(s, len))
        return false;
    if (byline_by(t, n))
        return true;
    return !cp_terminal(mark) && (byline_outlet(t, n) || (n <= 10 && byline_staff(t, n)));
}

/* A word of a person's name for sl_feat_byline_place: a name word with a
 * lower-case letter (not an all-caps place) that is no common noun of
 * places and no outlet word. */
static bool is_person_word(const token *t)
{
    char f[48];
    size_t n = fold_token(t, f, sizeof f);
    if (!n || !is_name_word(t) || sl_lex_is_place_noun(f, n) || sl_lex_is_media(f, n))
        return false;
    for (size_t i = 0; i < t->n;) {
        size_t adv;
        if (lower_fast(decode_at(t->p + i, t->n - i, &adv)))
            return true;
        i += adv;
    }
    return false;
}

bool sl_feat_byline_place(const char *s, size_t len, size_t *place)
{
    token t[6];
    size_t n = tokenize(s, len, t, 5);
    if (n < 3 || n > 5 || cp_terminal(final_mark(s, len)))
        return false;
    size_t comma = 0;
    while (comma < n && t[comma].p[t[comma].n - 1] != ',')
        comma++;
    if (comma < 1 || comma > 2 || n - comma - 1 < 1 || n - comma - 1 > 2)
        return false;
    for (size_t i = 0; i <= comma; i++)
        if (!is_person_word(&t[i]))
            return false;
    for (size_t i = comma + 1; i < n; i++) {
        char f[48];
        size_t k = fold_token(&t[i], f, sizeof f);
        if (!k || !is_name_word(&t[i]) || t[i].p[t[i].n - 1] == ',' || sl_lex_is_media(f, k))
            return false;
    }
    *place = (size_t)(t[comma + 1].p - s);
    return true;
}

bool sl_feat_dated(const char *s, size_t len, size_t skip_first, size_t skip_last)
{
    token t[17];
    size_t n = tokenize(s, len, t, 16), numbers = 0, other = 0;
    if (n > 16 || skip_last > n)
        return false;
    for (size_t i = skip_first; i < n - skip_last; i++) {
        char f[48];
        size_t k = fold_token(&t[i], f, sizeof f);
        bool number = false;
        for (size_t j = 0; j < t[i].n && !number; j++)
            number = cp_digit((unsigned char)t[i].p[j]);
        if (number)
            numbers++;
        else if (k && !sl_lex_is_date_word(f, k))
            other++;
    }
    return numbers > 0 && other <= 1;
}

/* ---------------------------------------------------------------- datelines */

/* A place word of a dateline: "MOSCOW", "ST.", "D.C.,"; or, when an agency
 * follows, a capitalised word such as "Moscow,". */
static bool is_place_word(const token *t, bool *all_caps)
{
    size_t n = t->n;
    while (n && t->p[n - 1] == ',')
        n--;
    if (!n || !sl_cp_upper(first_cp(t)))
        return false;
    size_t letters = 0;
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t c = decode_at(t->p + i, n - i, &adv);
        if (sl_cp_letter(c)) {
            letters++;
            if (!sl_cp_upper(c))
                *all_caps = false;
        } else if (c != '.' && c != '\'' && c != '-') {
            return false;
        }
        i += adv;
    }
    return letters > 0;
}

/* After "(CNN)" or a dash: skip spaces and one dash. */
static size_t skip_dash(const char *s, size_t len, size_t p)
{
    while (p < len && s[p] == ' ')
        p++;
    token rest[1];
    size_t n = tokenize(s + p, len - p, rest, 1);
    if (n >= 1 && is_dash(&rest[0])) {
        p = (size_t)(rest[0].p - s) + rest[0].n;
        while (p < len && s[p] == ' ')
            p++;
    }
    return p;
}

/* "(CNN) ...", "(Reuters) - ...". */
static size_t dateline_agency_first(const char *s, size_t len)
{
    const char *close = memchr(s, ')', len < 40 ? len : 40);
    if (!close || close == s + 1 || !sl_cp_upper((unsigned char)s[1]))
        return 0;
    size_t p = skip_dash(s, len, (size_t)(close - s) + 1);
    return p < len ? p : 0;
}

/* Consume a parenthesised agency "(Reuters)" or "(AP Photo)" at t[i]. */
static size_t agency_tokens(const token *t, size_t i, size_t k)
{
    if (i >= k || t[i].p[0] != '(')
        return 0;
    for (size_t j = i; j < k && j < i + 4; j++)
        if (t[j].p[t[j].n - 1] == ')')
            return j - i + 1;
    return 0;
}

size_t sl_feat_dateline(const char *s, size_t len)
{
    if (len > 0 && s[0] == '(')
        return dateline_agency_first(s, len);
    token t[12];
    size_t n = tokenize(s, len < 120 ? len : 120, t, 11);
    size_t k = 0;
    while (k < n && k < 10 && !is_dash(&t[k]))
        k++;
    if (k == 0 || k >= n || k >= 10)
        return 0;
    bool all_caps = true;
    size_t i = 0;
    while (i < k && t[i].p[0] != '(' && is_place_word(&t[i], &all_caps)) {
        i++;
        if (t[i - 1].p[t[i - 1].n - 1] == ',')
            break;
    }
    if (i == 0)
        return 0;
    /* After "PLACE,": a date or region of a few words ("Dec 15"). */
    for (size_t extra = 0; i < k && t[i].p[0] != '(' && extra < 4; extra++, i++) {
        uint32_t c = first_cp(&t[i]);
        if (!sl_cp_upper(c) && !cp_digit(c))
            return 0;
    }
    size_t agency = agency_tokens(t, i, k);
    i += agency;
    if (i != k || (!agency && !all_caps))
        return 0;
    size_t p = (size_t)(t[k].p - s) + t[k].n;
    while (p < len && s[p] == ' ')
        p++;
    return p < len ? p : 0;
}
