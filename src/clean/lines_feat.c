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

static uint32_t decode_at(const char *s, size_t len, size_t *adv)
{
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

static bool is_separator(const char *w, size_t n, bool *crumb)
{
    static const char *const seps[] = { "/", "|", "\\", "::", "\xE2\x80\xA2", "\xC2\xB7" };
    static const char *const arrows[] = { ">", "\xC2\xBB", "\xE2\x80\xBA", "\xE2\x86\x92" };
    for (size_t i = 0; i < sizeof arrows / sizeof arrows[0]; i++)
        if (n == strlen(arrows[i]) && memcmp(w, arrows[i], n) == 0)
            return *crumb = true;
    *crumb = false;
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
        if (sl_cp_letter(c) && cp_digit(prev) && sl_cp_letter(prev2))
            return true;
        if (sl_cp_upper(c) && cp_lower(prev) && !(prev2 == 'M' && prev == 'c'))
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

/* Sentence ends inside the line: ". X", "? X", "! X" followed by an upper
 * case letter or an opening quote, not after an abbreviation. */
static size_t count_breaks(const char *s, size_t len)
{
    size_t breaks = 0, word_start = 0;
    for (size_t i = 0; i + 2 < len; i++) {
        if (s[i] == ' ') {
            word_start = i + 1;
            continue;
        }
        if ((s[i] != '.' && s[i] != '!' && s[i] != '?') || s[i + 1] != ' ')
            continue;
        size_t adv;
        uint32_t next = decode_at(s + i + 2, len - i - 2, &adv);
        if (!sl_cp_upper(next) && next != '"' && next != 0x201C && next != 0xAB)
            continue;
        if (s[i] == '.' && is_abbreviation(s, word_start, i))
            continue;
        breaks++;
    }
    return breaks;
}

static void count_word(sl_line_feat *f, const char *w, size_t n, size_t *segment)
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
    if (sl_cp_letter(first)) {
        f->alpha_words++;
        f->cap_words += sl_cp_upper(first);
    }
    f->urls += is_url_word(w, n);
    f->odd_words += is_odd_word(w, n);
}

void sl_feat_shape(sl_line_feat *f, const char *text, size_t start, size_t end)
{
    memset(f, 0, sizeof *f);
    f->start = start;
    f->end = end;
    const char *s = text + start;
    size_t len = end - start, w = 0, segment = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        uint32_t c = decode_at(s + i, len - i, &adv);
        f->chars++;
        f->letters += sl_cp_letter(c);
        f->digits += cp_digit(c);
        if (c == ' ') {
            if (i > w)
                count_word(f, s + w, i - w, &segment);
            w = i + 1;
        }
        i += adv;
    }
    if (len > w)
        count_word(f, s + w, len - w, &segment);
    size_t at;
    uint32_t mark = final_mark_at(s, len, &at);
    f->terminal = cp_terminal(mark);
    /* A trailing ellipsis ("Rivals of the new phone...") is not a full
     * stop: headlines end that way. */
    f->period = (mark == '.' && !(at > 0 && s[at - 1] == '.')) || mark == 0x3002;
    f->breaks = count_breaks(s, len);
    f->sentence_like = f->terminal && f->words >= 5;
    f->body_like = (f->terminal && f->words >= 12) || f->words >= 25;
}

/* Strip punctuation around a folded word. */
static void trim_word(const char **w, size_t *n)
{
    while (*n && strchr(",.;:!?\"'()[]*", (*w)[*n - 1]))
        (*n)--;
    while (*n && strchr("\"'([*#@", (*w)[0])) {
        (*w)++;
        (*n)--;
    }
}

void sl_feat_words(sl_line_feat *f, const char *low, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && low[i] != ' ')
            continue;
        const char *word = low + w;
        size_t n = i - w;
        trim_word(&word, &n);
        if (n) {
            f->social += sl_lex_is_social(word, n);
            f->menu += sl_lex_is_menu(word, n);
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

/* "A B, Outlet", "A B | Outlet", "A B - Outlet": the outlet must read as
 * one, or the pattern would take "Stadium Name, City" for a byline. */
static bool byline_outlet(const token *t, size_t n)
{
    if (n < 3 || n > 9)
        return false;
    size_t split = 0, right = 0;
    for (size_t i = 0; i < n && !split; i++) {
        if (t[i].n && t[i].p[t[i].n - 1] == ',')
            split = right = i + 1;
        else if (i > 0 && ((t[i].n == 1 && t[i].p[0] == '|') || is_dash(&t[i]))) {
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
    return !cp_terminal(mark) && byline_outlet(t, n);
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
