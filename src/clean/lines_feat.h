/* Per-line features for the line classifier: shape (length, words,
 * capitalisation, final punctuation), separators, addresses, and the
 * byline and dateline patterns. */
#ifndef SL_LINES_FEAT_H
#define SL_LINES_FEAT_H

#include "../core/core.h"
#include "lines_match.h"

typedef struct sl_line_feat {
    size_t start, end;
    size_t chars, words;
    size_t cap_words;    /* words starting with an upper-case letter */
    size_t alpha_words;  /* words starting with a letter */
    size_t digits, letters;
    size_t seps;         /* separator tokens: / | > » › • · */
    size_t crumbs;       /* of which breadcrumb arrows: > » › → */
    size_t max_segment;  /* most words between two separators */
    size_t segments;     /* runs of words between separators */
    size_t urls;         /* words that are web addresses or domains */
    size_t breaks;       /* sentence breaks inside the line */
    size_t odd_words;    /* words mixing letters and digits, or camel case */
    bool terminal;       /* ends a sentence: . ! ? ... (before quotes) */
    bool period;         /* ... and that end is a full stop */
    bool sentence_like;  /* terminal with at least 5 words */
    bool body_like;      /* a real paragraph: long, or a long sentence */
    const sl_cue *cue;   /* lexicon cue, if any */
    size_t social, menu; /* words naming social networks / site sections
                            (0 beyond SL_FEAT_WORDS_MAX words) */
} sl_line_feat;

/* Shape features of text[start..end). */
void sl_feat_shape(sl_line_feat *f, const char *text, size_t start, size_t end);

/* Word features that need the folded line (social and menu words).  Only
 * menu rows and share rows use them, and both are short: lines of more
 * than SL_FEAT_WORDS_MAX words are not searched and keep 0. */
#define SL_FEAT_WORDS_MAX 15
void sl_feat_words(sl_line_feat *f, const sl_lex *lex, const char *low, size_t len);

/* Does the line read like a byline ("By A and B", "A B, Outlet")? */
bool sl_feat_byline(const char *s, size_t len);

/* "Katrin Berg, Lindmoor": two or three words of a person's name, a comma,
 * one or two capitalised words (a place).  The shape alone is weak
 * evidence (the caller wants more); *place gets the offset of the place. */
bool sl_feat_byline_place(const char *s, size_t len, size_t *place);

/* Without its first `skip_first` and last `skip_last` words (the cue),
 * does the line hold only a date and time ("January 14, 2025, 7:40 a.m.",
 * "vor 2 Stunden"): at least one number, and at most one word that is
 * neither a number nor a date word? */
bool sl_feat_dated(const char *s, size_t len, size_t skip_first, size_t skip_last);

/* Length of a leading dateline ("MOSCOW (Reuters) - ", "(CNN) "), 0 if
 * there is none. */
size_t sl_feat_dateline(const char *s, size_t len);

/* Character classes on code points. */
bool sl_cp_upper(uint32_t c);
bool sl_cp_letter(uint32_t c);

#endif
