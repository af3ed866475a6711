/* Cue-word lexicons for the line classifier, and the helpers that match
 * them against a case-folded line. */
#ifndef SL_LINES_LEX_H
#define SL_LINES_LEX_H

#include "../core/core.h"

/* Where in the folded line a cue must sit. */
enum sl_cue_where {
    SL_CUE_ANY = 0,  /* anywhere, at word boundaries */
    SL_CUE_START,    /* at the start (after leading punctuation) */
    SL_CUE_WHOLE,    /* the whole line, give or take punctuation */
    SL_CUE_END       /* at the end (before trailing punctuation) */
};

enum sl_cue_flags {
    SL_CUE_MARKER = 1u << 0, /* an end-of-article marker: starts a tail */
    SL_CUE_WEAK = 1u << 1,   /* only trusted in a tail or next to others */
    /* Cues that hold only on lines of a certain shape (lines.c checks):
     * SOCIAL: the line names a social network ("Follow X on Instagram");
     * DATED: a short line with a digit, not a paragraph (timestamps);
     * CREDIT: a credit, not a sentence: in brackets, with a ';', or
     * mostly capitalised words (names). */
    SL_CUE_SOCIAL = 1u << 2,
    SL_CUE_DATED = 1u << 3,
    SL_CUE_CREDIT = 1u << 4,
    /* Only before the first paragraph or after the last: between
     * paragraphs the same words are more likely the article's own. */
    SL_CUE_EDGE = 1u << 5
};

typedef struct sl_cue {
    const char *phrase;      /* folded (lower case, ASCII apostrophes) */
    const char *reason;      /* "share", "caption", ... */
    unsigned char where;     /* enum sl_cue_where */
    unsigned char flags;     /* enum sl_cue_flags */
    unsigned char max_words; /* longest line (in words) the cue applies to */
} sl_cue;

/* Lower-case one code point and map typographic punctuation to ASCII. */
uint32_t sl_lex_fold_cp(uint32_t c);

/* Fold s[0..len) for matching into out (reset first): lower case for Latin,
 * Greek and Cyrillic letters, typographic apostrophes and dashes to ASCII. */
int sl_lex_fold(sl_buf *out, const char *s, size_t len);

/* The tables of lines_lex.c, for the matcher (lines_match.c): the cues in
 * lexicon order, and the social and menu word lists; *n gets the count. */
const sl_cue *sl_lex_cues(size_t *n);
const char *const *sl_lex_social_words(size_t *n);
const char *const *sl_lex_menu_words(size_t *n);

/* Does the folded word w[0..len) name a social network or sharing button? */
bool sl_lex_is_social(const char *w, size_t len);

/* Does the folded word w[0..len) name a site section (a menu entry)? */
bool sl_lex_is_menu(const char *w, size_t len);

/* Does the folded word name a news outlet, agency or newsroom role? */
bool sl_lex_is_media(const char *w, size_t len);

/* Is the folded w[0..len) a byline lead word ("by", "von", "par", ...)? */
bool sl_lex_is_by(const char *w, size_t len);

/* Is the folded w[0..len) a name particle ("de", "van", "al", ...)? */
bool sl_lex_is_particle(const char *w, size_t len);

/* Is the folded w[0..len) a common noun of places ("stadium", "street",
 * "platz", ...): a word that shows "Central Stadium" is no person? */
bool sl_lex_is_place_noun(const char *w, size_t len);

/* Is the folded w[0..len) a word of a timestamp other than a number
 * (a month, a weekday, "a.m", "gmt", "on", "vor", ...)? */
bool sl_lex_is_date_word(const char *w, size_t len);

/* If the folded line low[0..len) ends with the credit of a newsroom
 * ("staff and wire reports", "and agencies", "mit Agenturen", ...), the
 * offset where that ending starts, else len. */
size_t sl_lex_staff_tail(const char *low, size_t len);

#endif
