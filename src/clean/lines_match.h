/* The per-classifier index of the cue lexicon, and the matching of a
 * folded line against it. */
#ifndef SL_LINES_MATCH_H
#define SL_LINES_MATCH_H

#include "lines_lex.h"

/* Tables built once per classifier so that matching a line neither
 * measures 300 phrases again nor tries every phrase on every line:
 *  - len: each phrase's length;
 *  - the cues are split into chains (each in lexicon order, linked by
 *    `next`, heads hold 1 + cue index, 0 ends a chain):
 *    start_head: SL_CUE_START and SL_CUE_WHOLE phrases by first byte,
 *    end_head: SL_CUE_END phrases by last byte,
 *    any_head: SL_CUE_ANY phrases by a hash of their first two bytes,
 *    slow_head: the rest (a first or last byte that is trimmed around a
 *    line, where that byte decides the chain; one-byte phrases);
 *  - plain: the phrase neither starts nor ends with a trimmed character,
 *    so the line's own trim serves it;
 *  - word_slot: an open-addressing set of the social and menu words, with
 *    word_lengths to turn most words away before hashing them. */
#define SL_LEX_MAX_CUES 512
#define SL_LEX_ANY_BUCKETS 1024
#define SL_LEX_WORD_SLOTS 512
typedef struct sl_lex {
    unsigned char len[SL_LEX_MAX_CUES];
    unsigned short next[SL_LEX_MAX_CUES];
    unsigned char plain[SL_LEX_MAX_CUES];
    unsigned short start_head[256], end_head[256], slow_head;
    unsigned short any_head[SL_LEX_ANY_BUCKETS];
    unsigned short word_slot[SL_LEX_WORD_SLOTS]; /* 1 + word index; 0 free */
    unsigned char word_kind[SL_LEX_WORD_SLOTS];  /* enum sl_lex_word_kind */
    unsigned char word_len[SL_LEX_WORD_SLOTS];   /* length of the slot's word */
    uint32_t word_lengths[256]; /* by first byte: bit (length % 32) of each word */
    unsigned char word_byte[256]; /* letters, digits and non-ASCII bytes */
    unsigned char max_words;     /* the most any cue allows */
    unsigned char any_max_words; /* the most any indexed SL_CUE_ANY cue allows */
    /* The indexed SL_CUE_ANY cues, most max_words first, and the bytes of
     * each phrase (a 256-bit set): a line lacking one of them cannot hold
     * the phrase, so most long lines need no search at all. */
    unsigned short any_list[SL_LEX_MAX_CUES];
    size_t n_any;
    uint64_t any_bytes[SL_LEX_MAX_CUES][4];
    /* The tables themselves (from lines_lex.c). */
    const sl_cue *cues;
    size_t n_cues;
    const char *const *social, *const *menu;
    size_t n_social, n_menu;
} sl_lex;

void sl_lex_init(sl_lex *lex);

/* The first cue of the lexicon that matches the folded line `low` of
 * `words` words, or NULL. */
const sl_cue *sl_lex_find(const sl_lex *lex, const char *low, size_t len, size_t words);

enum sl_lex_word_kind { SL_WORD_SOCIAL = 1u << 0, SL_WORD_MENU = 1u << 1 };

/* Which of the social and menu lists hold the folded word w[0..len)
 * (a mask of enum sl_lex_word_kind): one hash probe instead of two list
 * scans.  Same answers as sl_lex_is_social and sl_lex_is_menu. */
unsigned sl_lex_word_kind(const sl_lex *lex, const char *w, size_t len);

#endif
