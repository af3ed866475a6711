/* Internals shared by the quote finder's files: tokens, units (a word, a
 * punctuation mark or a whole top-level quotation), sentences, lexicon. */
#ifndef SL_FACTS_QUOTES_INTERNAL_H
#define SL_FACTS_QUOTES_INTERNAL_H

#include "facts/quotes.h"

#include <stdbool.h>
#include <stdint.h>

#define SL_QNONE UINT32_MAX

typedef enum { QT_WORD, QT_PUNCT, QT_MARK } qtok_kind;

typedef struct qtok {
    size_t start, end;
    uint32_t cp;      /* first code point (punctuation and quote marks) */
    uint32_t mate;    /* top-level opening mark: index of its closing mark */
    uint8_t kind;
    uint8_t cap;      /* word starts with a capital letter */
    uint8_t para;     /* first token after a line break */
    uint8_t can_open, can_close; /* quote mark: context allows opening / closing */
} qtok;

typedef enum { QU_WORD, QU_PUNCT, QU_QUOTE } qunit_kind;

/* Lexicon classes of a word (bits). */
enum {
    QL_STOP = 1,     /* function word: ends a source phrase */
    QL_BETWEEN = 2,  /* adverb or auxiliary allowed between source and cue */
    QL_PRON = 4,     /* personal or relative pronoun */
    QL_DET = 8,      /* determiner: begins a noun phrase */
    QL_TITLE = 16,   /* honorific or title before a name */
    QL_ROLE = 32,    /* noun that may stand for a speaker */
    QL_NOTNAME = 64, /* capitalised word that is not (part of) a name */
    QL_PREP = 128,   /* preposition or time word opening an adverbial */
    QL_NOUNISH = 256,/* "-ing" of a verb whose forms are often nouns ("ruling") */
    QL_CUENOUN = 512,/* noun of speech or stance ("claim", "pledge", "hope") */
    QL_STANCE = 1024 /* adjective of stance after "be" ("afraid", "sure") */
};

/* Cue flags of a verb form (bits). */
enum {
    QC_SPEECH = 1, /* reporting verb: content may follow */
    QC_INV = 2,    /* inversion allowed: '..., said X' */
    QC_OBJ = 4,    /* an addressee may come before the content */
    QC_POST = 8,   /* may follow its content: 'CLAUSE, X said' */
    QC_BELIEF = 16,/* belief or intention */
    QC_ING = 32,   /* participle: ', adding that ...' */
    QC_WEAK = 64,  /* not a speech verb proper (show, plan, believe): not
                      taken inside the content of a speech verb */
    QC_ACT = 128   /* any verb of an agent ("the city lifted the curfew") */
};

/* Shape of a lowercase word that is not in the lexicon (bits): what its
 * ending says it may be as a verb. */
enum {
    QV_PAST = 1,  /* "-ed" or an irregular past ("lifted", "sent") */
    QV_PRES = 2,  /* "-s" ("backs") */
    QV_ING = 4,   /* "-ing" ("promoting") */
    QV_BASE = 8   /* any other word ("would like") */
};

typedef struct qunit {
    size_t start, end;
    uint32_t words;   /* quote: words inside */
    uint16_t lex;     /* QL_* bits of a word */
    uint8_t cue;      /* QC_* bits of a word */
    uint8_t kind, cap, para;
    char ch;          /* punctuation: the ASCII mark, 'D' a dash, 'E' an ellipsis */
    char qlast;       /* quote: last ASCII punctuation inside ('.', ',', 0) */
    uint8_t poss;     /* word ends in 's possessive */
    uint8_t lower_that; /* word is "that" */
} qunit;

/* The working state for one document. */
typedef struct qdoc {
    sl_ctx *ctx;
    const char *text;
    size_t len;
    const sl_quote_entity *ents;
    size_t nents;
    qtok *toks;
    size_t ntoks, tokcap;
    qunit *units;
    size_t nunits, unitcap;
    size_t *sents; /* first unit of each sentence, then nunits */
    size_t nsents, sentcap;
    sl_quote *quotes;
    size_t nquotes, quotecap;
    size_t turn_end; /* a transcript turn's content runs to this unit */
} qdoc;

typedef struct qspan {
    size_t lo, hi; /* units [lo, hi) */
} qspan;

/* One attribution found in a sentence, and a sentence being read. */
enum { MAX_ATTRS = 24 }; /* attributions per sentence */

typedef struct attr {
    size_t cue_lo, cue_hi;  /* units of the cue */
    size_t boundary;        /* unit where this attribution's clause begins */
    qspan src;
    unsigned flags;
    bool has_src, src_right, according, inherit, as_clause;
    bool fixed;             /* content runs from content_lo to content_hi */
    size_t content_lo, content_hi; /* content_hi SIZE_MAX: to the clause end */
} attr;

typedef struct sentence {
    size_t lo, hi;     /* units */
    size_t body_end;   /* hi without the closing punctuation */
    attr attrs[MAX_ATTRS];
    size_t nattrs;
} sentence;

/* quotes.c */
int sl_qdoc_emit(qdoc *d, size_t lo, size_t hi, const attr *a, const sl_quote *prev);
void sl_qdoc_add_attr(sentence *s, attr a);
size_t sl_qdoc_content_end(const qdoc *d, const sentence *s, size_t from);
/* Where the clause of an attribution whose source starts at src_lo begins
 * (a comma before the source), or SIZE_MAX. */
size_t sl_qdoc_clause_boundary(const qdoc *d, size_t lo, size_t src_lo);

/* quotes_tok.c */
int sl_qdoc_tokenize(qdoc *d);
void sl_qdoc_pair_marks(qdoc *d);
int sl_qdoc_units(qdoc *d);
int sl_qdoc_sentences(qdoc *d);
/* Layouts of a paragraph: title-case headlines, transcript turns. */
bool sl_qdoc_title_case(const qdoc *d, size_t lo, size_t end);
void sl_qdoc_headline_cues(qdoc *d, size_t lo, size_t end);
bool sl_qdoc_transcript_label(const qdoc *d, size_t lo, size_t colon);
size_t sl_qdoc_turn_end(const qdoc *d, size_t from);
/* quotes_shapes.c: shapes around a form of "be" ("the veto is expected
 * to come", "she was afraid that ..."), talking ("spoke about X"), acts of
 * an agent, noun cues and polls; each adds an attribution to s. */
bool sl_qshape_aux(const qdoc *d, size_t i);
bool sl_qshape_action_verb(const qdoc *d, const sentence *s, size_t i);
void sl_qshape_action(const qdoc *d, sentence *s, size_t i);
bool sl_qshape_noun_cue(const qdoc *d, sentence *s, size_t i);
bool sl_qshape_in_study(const qdoc *d, sentence *s, size_t i);
/* The form of "be" before word i with only modifiers between ("was not
 * widely"), or SIZE_MAX. */
size_t sl_qshape_be_before(const qdoc *d, const sentence *s, size_t i);
bool sl_qshape_passive(const qdoc *d, sentence *s, size_t cue);
bool sl_qshape_stance(const qdoc *d, sentence *s, size_t adj);
bool sl_qshape_talk(const qdoc *d, sentence *s, size_t verb);
/* "Name: text" at the start of a paragraph, transcript turns included. */
int sl_qdoc_headline_colon(qdoc *d, const sentence *s, bool *done);

/* quotes_cues.c: lookups of one word (any case, ASCII folded). */
unsigned sl_qlex_cue(const char *w, size_t n);
unsigned sl_qlex_class(const char *w, size_t n);
/* Cue flags of a word folded to lowercase first ("Says" in a headline). */
unsigned sl_qlex_cue_folded(const char *w, size_t n);
/* Cue flags of an "-s" form that is a verb only before "that" ("states"). */
unsigned sl_qlex_cue_before_that(const char *w, size_t n);
/* Both at once (one lookup). */
void sl_qlex_word(const char *w, size_t n, unsigned *lex, unsigned *cue);
/* QV_* bits of a lowercase word (asked only for cue words, not per word). */
unsigned sl_qlex_shape(const char *w, size_t n);
bool sl_qlex_is_abbrev(const char *w, size_t n);
/* A past participle whose passive is an attribution ("expected"). */
bool sl_qlex_passive_cue(const char *w, size_t n);
bool sl_qlex_word_is(const char *w, size_t n, const char *lower);
/* 1 when every table is strictly sorted (checked by the unit test). */
int sl_qlex_tables_sorted(void);

/* quotes_source.c */
bool sl_qsrc_left(const qdoc *d, size_t sent_lo, size_t cue, qspan *src);
bool sl_qsrc_right(const qdoc *d, size_t from, size_t sent_hi, qspan *src);
bool sl_qsrc_agent(const qdoc *d, const qspan *src);
bool sl_qsrc_modifier(const qdoc *d, const qspan *src);
bool sl_qsrc_picture(const qdoc *d, const qspan *src);
bool sl_qsrc_possessor(const qdoc *d, size_t lo, size_t noun, qspan *src);
void sl_qsrc_speaker(const qdoc *d, sl_quote *q, size_t self);
bool sl_qsrc_subject(const qdoc *d, size_t lo, size_t before, qspan *src);
size_t sl_qsrc_after_quote(const qdoc *d, size_t lo, size_t src_lo);
void sl_qsrc_dash_signature(const qdoc *d, sentence *s, size_t i);
bool sl_qsrc_as_clause(const qdoc *d, sentence *s, size_t i);
int sl_qsrc_as_content(qdoc *d, const sentence *s, const attr *a);
/* Phrase shapes that bound a reported content (quotes_source.c). */
bool sl_qphrase_link(const qdoc *d, size_t i);
size_t sl_qphrase_after_particle(const qdoc *d, size_t k, size_t end);
bool sl_qphrase_clause_stop(const qdoc *d, size_t k, size_t end);
bool sl_qphrase_adverbial_opening(const qdoc *d, size_t lo);

#endif
