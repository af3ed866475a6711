/* Plausibility of a run of characters, as a cost (lower is better).
 *
 * Every character has a base cost by how common it is in running text
 * (ASCII nothing, accented Latin letters and typographic punctuation a
 * little, symbols more, C1 controls a lot), and neighbouring characters add
 * a cost when they rarely meet in real text: letters of two scripts inside
 * one word, a lowercase letter followed by an accented capital, a letter
 * glued to a symbol, symbols in a row, a letter of a non-Latin script alone.
 * Mojibake is made of exactly such sequences, and its repair is shorter. */
#include "encoding_internal.h"

enum cls {
    K_SPACE, K_LOWER, K_UPPER, K_LETTER, K_DIGIT, K_PUNCT, /* K_PUNCT: ASCII */
    K_TPUNCT, /* typographic punctuation */
    K_SYM, K_RARE, K_CTRL, K_MARK, K_EMOJI, K_FFFD
};

enum script {
    S_NONE, S_LATIN, S_GREEK, S_CYRILLIC, S_ARMENIAN, S_HEBREW, S_ARABIC, S_INDIC,
    S_THAI, S_CJK, S_HANGUL, S_OTHER
};

typedef struct cinfo {
    unsigned char cls, script, cost;
} cinfo;

static cinfo ci(int cls, int script, int cost)
{
    return (cinfo){ (unsigned char)cls, (unsigned char)script, (unsigned char)cost };
}

static cinfo classify_ascii(uint32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        return ci(K_SPACE, S_NONE, 0);
    if (c >= 'a' && c <= 'z')
        return ci(K_LOWER, S_LATIN, 0);
    if (c >= 'A' && c <= 'Z')
        return ci(K_UPPER, S_LATIN, 0);
    if (c >= '0' && c <= '9')
        return ci(K_DIGIT, S_NONE, 0);
    if (c < 0x20 || c == 0x7F)
        return ci(K_CTRL, S_NONE, 6);
    return ci(K_PUNCT, S_NONE, 0);
}

/* U+00A0..U+00BF, the Latin-1 signs. */
static cinfo classify_latin1_sign(uint32_t c)
{
    switch (c) {
    case 0xA0:
        return ci(K_SPACE, S_NONE, 1);
    case 0xA1: case 0xBF: case 0xAB: case 0xBB:
        return ci(K_TPUNCT, S_NONE, 1);
    case 0xA4: case 0xA6: case 0xA8: case 0xAC: case 0xAD: case 0xAF: case 0xB4: case 0xB8:
        return ci(K_RARE, S_NONE, 4);
    default:
        return ci(K_SYM, S_NONE, 2);
    }
}

/* Letters of Latin Extended-A used by the larger languages written with
 * it (Polish, Czech, Slovak, Hungarian, Romanian, Turkish, Croatian,
 * Lithuanian, long vowels of Latvian and Maori, French ligatures); the
 * others (Maltese, Esperanto, Sami, old forms) are rarer in news. */
static bool common_extended_latin(uint32_t c)
{
    static const uint16_t common[] = {
        0x100, 0x101, 0x102, 0x103, 0x104, 0x105, 0x106, 0x107, 0x10C, 0x10D, 0x10E, 0x10F,
        0x110, 0x111, 0x112, 0x113, 0x116, 0x117, 0x118, 0x119, 0x11A, 0x11B, 0x11E, 0x11F,
        0x12A, 0x12B, 0x12E, 0x12F, 0x130, 0x131, 0x13D, 0x13E, 0x141, 0x142, 0x143, 0x144,
        0x147, 0x148, 0x14C, 0x14D, 0x150, 0x151, 0x152, 0x153, 0x154, 0x155, 0x158, 0x159,
        0x15A, 0x15B, 0x15E, 0x15F, 0x160, 0x161, 0x162, 0x163, 0x164, 0x165, 0x16A, 0x16B,
        0x16E, 0x16F, 0x170, 0x171, 0x172, 0x173, 0x178, 0x179, 0x17A, 0x17B, 0x17C, 0x17D,
        0x17E,
    };
    size_t lo = 0, hi = sizeof common / sizeof common[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (common[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sizeof common / sizeof common[0] && common[lo] == c;
}

static cinfo classify_latin(uint32_t c)
{
    if (c < 0xC0)
        return classify_latin1_sign(c);
    if (c == 0xD7 || c == 0xF7)
        return ci(K_SYM, S_NONE, 2);
    /* Accented capitals are rarer than small letters; A with circumflex
     * or tilde is seen almost only in all-capital words. */
    if (c == 0xC2 || c == 0xC3)
        return ci(K_UPPER, S_LATIN, 3);
    if (c < 0x100)
        return c < 0xDF ? ci(K_UPPER, S_LATIN, 2) : ci(K_LOWER, S_LATIN, 1);
    /* Latin Extended-A alternates capital and small letter, with the
     * phase shifted in two stretches. */
    bool odd = c & 1;
    bool upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) ? odd : !odd;
    if (c == 0x138 || c == 0x149 || c == 0x17F)
        upper = false;
    if (c == 0x178)
        upper = true;
    return ci(upper ? K_UPPER : K_LOWER, S_LATIN, common_extended_latin(c) ? 2 : 3);
}

static cinfo classify_greek_cyrillic(uint32_t c)
{
    if (c < 0x400) {
        if (c == 0x386 || (c >= 0x388 && c <= 0x3AB))
            return ci(K_UPPER, S_GREEK, 1);
        if (c >= 0x3AC && c <= 0x3CE)
            return ci(K_LOWER, S_GREEK, 1);
        return ci(K_RARE, S_NONE, 3);
    }
    if (c >= 0x410 && c <= 0x42F)
        return ci(K_UPPER, S_CYRILLIC, 1);
    if (c >= 0x430 && c <= 0x44F)
        return ci(K_LOWER, S_CYRILLIC, 1);
    if (c < 0x410)
        return ci(K_UPPER, S_CYRILLIC, 2);
    if (c < 0x460)
        return ci(K_LOWER, S_CYRILLIC, 2);
    if (c == 0x490 || c == 0x491)
        return ci(c & 1 ? K_LOWER : K_UPPER, S_CYRILLIC, 2);
    return ci(c & 1 ? K_LOWER : K_UPPER, S_CYRILLIC, 4);
}

static cinfo classify_rtl(uint32_t c)
{
    if (c < 0x590)
        return ci(K_LETTER, S_ARMENIAN, 2);
    if (c < 0x600) {
        if (c >= 0x5D0 && c <= 0x5EA)
            return ci(K_LETTER, S_HEBREW, 1);
        if (c >= 0x5F0 && c <= 0x5F4)
            return ci(K_LETTER, S_HEBREW, 2);
        return ci(K_MARK, S_NONE, 3);
    }
    if (c >= 0x660 && c <= 0x669)
        return ci(K_DIGIT, S_ARABIC, 1);
    if (c >= 0x621 && c <= 0x64A)
        return ci(K_LETTER, S_ARABIC, 1);
    if (c >= 0x64B && c <= 0x65F)
        return ci(K_MARK, S_NONE, 2);
    if (c == 0x60C || c == 0x61B || c == 0x61F)
        return ci(K_TPUNCT, S_NONE, 1);
    if (c >= 0x671 && c <= 0x6D3)
        return ci(K_LETTER, S_ARABIC, 2);
    return ci(K_RARE, S_NONE, 3);
}

/* Combining marks that decomposed accented letters are made of (grave,
 * acute, circumflex, tilde, macron, breve, dot, diaeresis, ring, double
 * acute, caron, cedilla, ogonek); the others are rare in text. */
static bool common_mark(uint32_t c)
{
    return (c >= 0x300 && c <= 0x30C) || c == 0x327 || c == 0x328;
}

/* U+0100..U+0FFF. */
static cinfo classify_alphabets(uint32_t c)
{
    if (c < 0x180)
        return classify_latin(c);
    if (c < 0x250)
        return ci(K_LETTER, S_LATIN, (c >= 0x218 && c <= 0x21B) ? 2 : 4);
    if (c < 0x2B0)
        return ci(K_LETTER, S_LATIN, 5); /* IPA */
    if (c < 0x300)
        return ci(K_RARE, S_NONE, 4);    /* spacing modifiers */
    if (c < 0x370)
        return ci(K_MARK, S_NONE, common_mark(c) ? 3 : 5);
    if (c < 0x530)
        return c < 0x500 ? classify_greek_cyrillic(c) : ci(K_LETTER, S_CYRILLIC, 4);
    if (c < 0x700)
        return classify_rtl(c);
    if (c < 0x900)
        return ci(K_LETTER, S_OTHER, 5);
    if (c < 0xE00)
        return ci(K_LETTER, S_INDIC, 1);
    if (c < 0xE80)
        return (c >= 0xE01 && c <= 0xE5B) ? ci(K_LETTER, S_THAI, 1) : ci(K_RARE, S_NONE, 5);
    return ci(K_LETTER, S_OTHER, 3);
}

/* U+2000..U+206F. */
static cinfo classify_general_punct(uint32_t c)
{
    if (c <= 0x200A || c == 0x202F)
        return ci(K_SPACE, S_NONE, 1);
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2018 || c == 0x2019 || c == 0x201C ||
        c == 0x201D || c == 0x2022 || c == 0x2026)
        return ci(K_TPUNCT, S_NONE, 1);
    if (c == 0x201A || c == 0x201E)
        return ci(K_TPUNCT, S_NONE, 2);
    if (c == 0x2030 || c == 0x2032 || c == 0x2033)
        return ci(K_SYM, S_NONE, 3);
    return ci(K_RARE, S_NONE, 3);
}

/* U+2070..U+2BFF: signs, arrows, mathematics, technical, shapes. */
static cinfo classify_signs(uint32_t c)
{
    if (c == 0x20AC)
        return ci(K_SYM, S_NONE, 1);
    if (c < 0x20D0)
        return ci(K_SYM, S_NONE, 2);
    if (c < 0x2100)
        return ci(K_MARK, S_NONE, 3);
    if (c == 0x2122 || c == 0x2116 || c == 0x2103)
        return ci(K_SYM, S_NONE, 2);
    if (c < 0x2190)
        return ci(K_SYM, S_NONE, c < 0x2150 ? 3 : 2);
    if (c < 0x2200)
        return ci(K_SYM, S_NONE, 2);
    if (c < 0x2500)
        return ci(K_SYM, S_NONE, 3);
    if (c < 0x25A0)
        return ci(K_RARE, S_NONE, 4); /* box drawing, blocks */
    if (c < 0x2600)
        return ci(K_SYM, S_NONE, 3);
    if (c < 0x27C0)
        return ci(K_EMOJI, S_NONE, 2);
    if (c >= 0x2800 && c < 0x2980)
        return ci(K_RARE, S_NONE, 4); /* braille, rare arrows */
    return ci(K_SYM, S_NONE, 3);
}

/* U+1000..U+1FFF. */
static cinfo classify_mid(uint32_t c)
{
    if (c < 0x10A0)
        return ci(K_LETTER, S_OTHER, 2);
    if (c < 0x1100)
        return ci(K_LETTER, S_OTHER, 1);
    if (c < 0x1200)
        return ci(K_LETTER, S_HANGUL, 3);
    if (c < 0x13A0)
        return ci(K_LETTER, S_OTHER, 2);
    if (c < 0x1D00)
        return ci(K_LETTER, S_OTHER, 4);
    if (c < 0x1E00)
        return ci(K_LETTER, S_LATIN, 5);
    if (c < 0x1F00)
        return ci(c & 1 ? K_LOWER : K_UPPER, S_LATIN, 2);
    return ci(K_LETTER, S_GREEK, 2);
}

/* U+3000..U+FFFF. */
static cinfo classify_east_asian(uint32_t c)
{
    if (c == 0x3000)
        return ci(K_SPACE, S_NONE, 1);
    if (c < 0x3040)
        return ci(K_TPUNCT, S_NONE, 1);
    if (c < 0x3100)
        return ci(K_LETTER, S_CJK, 1);
    if (c < 0x3200)
        return ci(K_LETTER, S_CJK, 3);
    if (c < 0x3400)
        return ci(K_SYM, S_NONE, 3);
    if (c < 0x4DC0)
        return ci(K_LETTER, S_CJK, 2);
    if (c < 0x4E00)
        return ci(K_SYM, S_NONE, 4);
    if (c < 0xA000)
        return ci(K_LETTER, S_CJK, 1);
    if (c < 0xAC00)
        return ci(K_LETTER, S_OTHER, 5);
    if (c < 0xD7B0)
        return ci(K_LETTER, S_HANGUL, 1);
    if (c < 0xF900)
        return ci(K_RARE, S_NONE, 6); /* surrogates, private use */
    if (c < 0xFB00)
        return ci(K_LETTER, S_CJK, 3);
    if (c < 0xFE00)
        return ci(K_LETTER, S_OTHER, 3);
    if (c < 0xFE10)
        return ci(K_MARK, S_NONE, 1); /* variation selectors */
    if (c < 0xFF00)
        return ci(c == 0xFEFF ? K_RARE : K_LETTER, S_OTHER, 4);
    if (c < 0xFF10 || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40))
        return ci(K_TPUNCT, S_NONE, 1); /* fullwidth punctuation */
    if (c < 0xFFF0)
        return ci(K_LETTER, S_CJK, c < 0xFF60 ? 1 : 2);
    if (c == 0xFFFD)
        return ci(K_FFFD, S_NONE, 3);
    return ci(K_RARE, S_NONE, 5);
}

static cinfo classify(uint32_t c)
{
    if (c < 0x80)
        return classify_ascii(c);
    if (c < 0xA0)
        return ci(K_CTRL, S_NONE, 10);
    if (c < 0x1000)
        return c < 0x100 ? classify_latin(c) : classify_alphabets(c);
    if (c < 0x2000)
        return classify_mid(c);
    if (c < 0x2070)
        return classify_general_punct(c);
    if (c < 0x2C00)
        return classify_signs(c);
    if (c < 0x3000)
        return ci(c < 0x2E00 ? K_LETTER : K_RARE, S_OTHER, c < 0x2E80 ? 5 : 3);
    if (c < 0x10000)
        return classify_east_asian(c);
    if (c >= 0x1F000 && c < 0x1FB00)
        return ci(K_EMOJI, S_NONE, 1);
    if (c >= 0x20000 && c < 0x40000)
        return ci(K_LETTER, S_CJK, 2);
    if (c >= 0xE0000 && c < 0xE0080)
        return ci(K_MARK, S_NONE, 3);
    return ci(K_RARE, S_NONE, 5);
}

static bool is_letter_class(int cls)
{
    return cls == K_LOWER || cls == K_UPPER || cls == K_LETTER;
}

bool sl_enc_is_letter(uint32_t cp)
{
    return is_letter_class(classify(cp).cls);
}

bool sl_enc_is_space(uint32_t cp)
{
    return classify(cp).cls == K_SPACE;
}

/* Weight of a symbol-like class when it touches a letter or a symbol. */
static int symbol_weight(int cls)
{
    switch (cls) {
    case K_SYM: return 2;
    case K_RARE: case K_CTRL: return 3;
    case K_TPUNCT: return 1;
    default: return 0;
    }
}

/* Cost of two characters standing next to each other. */
static int pair_cost(uint32_t ca, cinfo a, uint32_t cb, cinfo b)
{
    bool la = is_letter_class(a.cls), lb = is_letter_class(b.cls);
    if (la && lb) {
        if (a.script != b.script)
            return 4;
        if (a.cls != K_LOWER || b.cls != K_UPPER)
            return 0;
        return cb >= 0x80 ? 4 : ca >= 0x80 ? 2 : 0; /* ASCII does this: "eBay" */
    }
    if (la || lb) {
        uint32_t letter = la ? ca : cb;
        int w = symbol_weight(la ? b.cls : a.cls);
        if (w == 1) /* quotes and dashes sit next to letters all the time */
            return letter >= 0x80 && (la ? cb : ca) >= 0x80 ? 1 : 0;
        return letter < 0x80 ? w / 2 : w + 1;
    }
    int wa = symbol_weight(a.cls), wb = symbol_weight(b.cls);
    if (wa && wb && ca >= 0x80 && cb >= 0x80)
        return wa + wb >= 4 ? 2 : 1;
    return 0;
}

/* A letter of a non-Latin script with no letter of its script next to it
 * is unusual; mojibake scatters such letters among Latin text.  (Cased
 * scripts have more one-letter words.) */
static int lone_letter_cost(cinfo prev, cinfo cur, cinfo next)
{
    if (!is_letter_class(cur.cls) || cur.script == S_LATIN)
        return 0;
    bool prev_same = is_letter_class(prev.cls) && prev.script == cur.script;
    bool next_same = is_letter_class(next.cls) && next.script == cur.script;
    if (prev_same || next_same)
        return 0;
    return cur.cls == K_LETTER ? 2 : 1;
}

/* A capital between a capital and a small letter ("ÃŽle") is unusual
 * when it is not ASCII. */
static int mixed_case_cost(uint32_t c, cinfo prev, cinfo cur, cinfo next)
{
    if (c < 0x80 || prev.cls != K_UPPER)
        return 0;
    if (cur.cls == K_UPPER && next.cls == K_LOWER)
        return 2;
    return cur.cls == K_LOWER && next.cls == K_UPPER ? 2 : 0; /* "MģÄ" */
}

/* Punctuation in the middle of a word: only apostrophes and hyphens go
 * there, and dashes after a plain letter (unspaced dashes join pairs:
 * "Paris–Berlin", "left—quietly"; after an accented letter a dash is more
 * likely a piece of mojibake, as in "Ã–"); low quotation marks and
 * inverted marks open a phrase, so never follow a letter. */
static int inside_word_cost(uint32_t prev_cp, uint32_t c, cinfo prev, cinfo cur, cinfo next)
{
    if (!is_letter_class(prev.cls))
        return 0;
    if (c == 0xA0) /* a no-break space inside a word */
        return is_letter_class(next.cls) ? 2 : 0;
    if (cur.cls != K_TPUNCT)
        return 0;
    if (c == 0x201A || c == 0x201E || c == 0xA1 || c == 0xBF)
        return 3; /* opening marks */
    if (!is_letter_class(next.cls) || c == 0x2019 || c == 0x2010 || c == 0x2011 || c < 0x80)
        return 0;
    if ((c == 0x2013 || c == 0x2014) && prev_cp < 0x80)
        return 0;
    return 2;
}

/* A combining mark belongs on a letter (or a symbol, for variation
 * selectors); one at the start of a word has lost its base, which is
 * what reading letters through the wrong page can produce ("̳Б"). */
static int baseless_mark_cost(cinfo prev, cinfo cur)
{
    if (cur.cls != K_MARK)
        return 0;
    return prev.cls == K_SPACE || prev.cls == K_PUNCT || prev.cls == K_TPUNCT ? 4 : 0;
}

/* Latin words of two letters or more have an ASCII letter; words made of
 * accented letters alone ("âœ") are a sign of mojibake.  Tracks the word
 * being read: letters so far, and whether any was ASCII or not Latin. */
typedef struct word_state {
    int letters;
    bool plain;
} word_state;

static int word_cost(word_state *w, uint32_t c, cinfo cur, bool at_end)
{
    if (is_letter_class(cur.cls)) {
        w->letters++;
        w->plain = w->plain || c < 0x80 || cur.script != S_LATIN;
        return 0;
    }
    int cost = w->letters >= 2 && !w->plain && !at_end ? 3 : 0;
    *w = (word_state){ 0, false };
    return cost;
}

int sl_enc_cost(const uint32_t *cps, size_t n, uint32_t before, uint32_t after)
{
    cinfo none = ci(K_SPACE, S_NONE, 0);
    cinfo prev = before ? classify(before) : none;
    uint32_t prev_cp = before ? before : ' ';
    int cost = 0;
    /* A word cut by the start of the run may have ASCII letters before. */
    word_state w = { 0, before && is_letter_class(prev.cls) };
    for (size_t i = 0; i < n; i++) {
        cinfo cur = classify(cps[i]);
        cost += word_cost(&w, cps[i], cur, false);
        uint32_t next_cp = i + 1 < n ? cps[i + 1] : after;
        cinfo next = next_cp ? classify(next_cp) : none;
        cost += cur.cost + pair_cost(prev_cp, prev, cps[i], cur) +
                lone_letter_cost(prev, cur, next) + inside_word_cost(prev_cp, cps[i], prev, cur, next) +
                mixed_case_cost(cps[i], prev, cur, next) + baseless_mark_cost(prev, cur);
        prev = cur;
        prev_cp = cps[i];
    }
    if (after) {
        cinfo next = classify(after);
        cost += pair_cost(prev_cp, prev, after, next) + word_cost(&w, after, next, false);
    }
    return cost;
}
