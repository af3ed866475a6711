/* Shared internals of the temporal tagger: the compiled rules, tokens,
 * slots and the calendar helpers (timex_rules.c, timex_match.c,
 * timex_resolve.c, timex_calendar.c). */
#ifndef SL_FACTS_TIMEX_INTERNAL_H
#define SL_FACTS_TIMEX_INTERNAL_H

#include "facts/timex.h"

#include <stdbool.h>

/* ---- slots: what a pattern captured, by meaning ---------------------- */

typedef enum tx_slot {
    TX_SLOT_NONE = 0,
    TX_Y,      /* year, four digits */
    TX_Y2,     /* year, two digits ('98) */
    TX_M,      /* month 1-12 */
    TX_D,      /* day of month */
    TX_W,      /* weekday 1 (Monday) - 7 */
    TX_N,      /* a count; "X" when vague ("several") */
    TX_U,      /* a unit: Y M W D Q H MIN S DE CE WE */
    TX_Q,      /* quarter 1-4 */
    TX_H,      /* hour */
    TX_MI,     /* minute */
    TX_AP,     /* "am" or "pm" */
    TX_PART,   /* part of day: MO AF EV NI */
    TX_SEASON, /* SP SU FA WI */
    TX_DIR,    /* -1, 0 or 1: last / this / next */
    TX_DEC,    /* a year whose decade is meant (1990 in "the 1990s") */
    TX_CENT,   /* ordinal century (20 in "the 20th century") */
    TX_HALF,   /* half year 1 or 2 */
    TX_VAL,    /* a constant value (PRESENT_REF, P1W) */
    TX_Y2B,    /* second year of a range */
    TX_D2,     /* second day of a range */
    TX_M2,     /* second month of a range */
    TX_GRAN,   /* "Q": a year back is the reported quarter a year back */
    TX_YH,     /* the century of a spoken year: 19 in "nineteen ninety-six" */
    TX_NSLOTS
} tx_slot;

typedef struct tx_slotval {
    const char *str; /* list value or rule constant (NUL-terminated) */
    int64_t num;     /* the number (from digits, or str when it is numeric) */
    bool set;
} tx_slotval;

typedef struct tx_slots {
    tx_slotval v[TX_NSLOTS];
} tx_slots;

/* Slot name ("y", "m", ...) to tx_slot; TX_SLOT_NONE when unknown. */
tx_slot tx_slot_by_name(const char *name, size_t len);

/* ---- actions: how a match becomes a value --------------------------- */

typedef enum tx_action {
    TX_ACT_DATE,     /* calendar fields y m d q season half dec cent */
    TX_ACT_REL,      /* n units from the reference date: "two years ago" */
    TX_ACT_ANCHOR,   /* n units from the last date in the text: "a day earlier" */
    TX_ACT_WEEKDAY,  /* w, direction from dir or tense */
    TX_ACT_TIME,     /* h mi ap part on a day */
    TX_ACT_DURATION, /* n u */
    TX_ACT_SET,      /* every w / every u / val */
    TX_ACT_VALUE,    /* constant val */
    TX_ACT_PERIOD,   /* the quarter under report, n years before: "the year-ago quarter" */
    TX_ACT_COUNT
} tx_action;

tx_action tx_action_by_name(const char *name, size_t len, bool *ok);

/* ---- compiled rules ------------------------------------------------- */

enum { TX_MAX_LISTS = 64, TX_MAX_WORD = 64 };

typedef enum tx_node_kind {
    TX_NODE_WORD,  /* a literal token: arg = word id */
    TX_NODE_LIST,  /* one entry of a list: arg = list index */
    TX_NODE_NUM,   /* a run of digits in [lo, hi] */
    TX_NODE_LOWER, /* any lower-case word (only useful in look-ahead) */
    TX_NODE_GROUP  /* alternatives: seqs [arg, arg + nalt) */
} tx_node_kind;

typedef struct tx_node {
    uint8_t kind;
    uint8_t optional;  /* ? */
    uint8_t look;      /* 0, '!' (must not follow) or '&' (must follow) */
    uint8_t slot;      /* tx_slot receiving the value */
    uint8_t need_cap;  /* literal written capitalised: the text must be too */
    uint8_t width;     /* numbers: exact digit count (#00-59), 0 any */
    uint32_t arg;
    uint32_t nalt;
    int64_t lo, hi;
} tx_node;

typedef struct tx_seq {
    uint32_t first, count; /* nodes[first .. first + count) */
} tx_seq;

typedef struct tx_entry {
    uint32_t first, count; /* word ids in entry_words */
    uint32_t value;        /* offset of the value string in the pool */
    int64_t num;           /* the value as a number (0 when not numeric) */
    uint8_t need_cap;
} tx_entry;

typedef struct tx_list {
    uint32_t name; /* pool offset */
    uint32_t first, count; /* entries, sorted by first word */
} tx_list;

typedef struct tx_const {
    uint8_t slot;
    uint32_t value; /* pool offset */
    int64_t num;
} tx_const;

typedef struct tx_rule {
    uint32_t seq;      /* top-level sequence */
    uint8_t type;      /* sl_timex_type */
    uint8_t action;    /* tx_action */
    uint32_t first_const, nconst;
    unsigned line;
    /* A token the rule cannot match without (its first required word or
     * list at the top level): a cheap test before running the matcher. */
    uint8_t anchor_kind; /* 0 none, TX_NODE_WORD or TX_NODE_LIST + 1 */
    uint32_t anchor;
} tx_rule;

/* Word table entry: lower-cased word -> id. */
typedef struct tx_word {
    uint32_t str; /* pool offset */
    uint32_t len;
    uint8_t cue;  /* 1 past, 2 future, 3 explicitly none */
    uint64_t lists; /* bit l: the word begins an entry of list l */
} tx_word;

struct sl_timex_rules {
    sl_ctx *ctx;
    char language[16];
    char *pool;
    size_t pool_len, pool_cap;
    tx_word *words;
    size_t nwords, words_cap;
    uint32_t *hash; /* open addressing: word id + 1, 0 empty */
    size_t hash_cap;
    tx_list lists[TX_MAX_LISTS];
    size_t nlists;
    tx_entry *entries;
    size_t nentries, entries_cap;
    uint32_t *entry_words;
    size_t nentry_words, entry_words_cap;
    tx_node *nodes;
    size_t nnodes, nodes_cap;
    tx_seq *seqs;
    size_t nseqs, seqs_cap;
    tx_rule *rules;
    size_t nrules, rules_cap;
    tx_const *consts;
    size_t nconsts, consts_cap;
    /* Suffixes marking past verbs ("ed"), pool offsets. */
    uint32_t past_suffix[8];
    size_t npast_suffix;
    /* Rules that may start at a token: by word id (CSR) and for numbers. */
    uint32_t *start_index; /* nwords + 1 offsets into start_rules */
    uint32_t *start_rules;
    uint32_t *num_rules;
    size_t nnum_rules, num_rules_cap;
};

/* Lower-case a word (ASCII and Latin-1 letters) into out (cap bytes);
 * returns the length, or 0 when it does not fit. */
size_t tx_lower(const char *s, size_t len, char *out, size_t cap);
/* Word id of an already lower-cased word, or -1. */
int32_t tx_word_find(const sl_timex_rules *r, const char *s, size_t len);

/* ---- tokens ---------------------------------------------------------- */

enum {
    TX_TOK_WORD = 0,
    TX_TOK_NUM = 1,
    TX_TOK_PUNCT = 2
};

enum {
    TX_TF_SPACE = 1,  /* whitespace before the token */
    TX_TF_UPPER = 2,  /* starts with a capital letter */
    TX_TF_PARA = 4    /* a blank line (or more) before the token */
};

typedef struct tx_token {
    size_t start, end;
    int64_t num; /* value of a digit run (capped), else -1 */
    int32_t word; /* word id, -1 when not in the rules */
    uint8_t kind, flags, ndigits;
} tx_token;

/* One token as scanned, before word lookup. */
typedef struct tx_rawtok {
    size_t start, end;
    int kind, flags;
    char punct; /* the one-byte stand-in of a punctuation token */
} tx_rawtok;

/* Scan the next token from *pos; returns 0 at the end of the text. */
int tx_scan(const char *s, size_t len, size_t *pos, tx_rawtok *t);
/* The lookup key of a token: lower-cased word or digits, or the punctuation
 * stand-in; returns its length (0 when it does not fit in cap). */
size_t tx_rawtok_key(const char *s, const tx_rawtok *t, char *out, size_t cap);

/* Split text into tokens (sl_malloc'd into *out). */
int tx_tokenize(sl_ctx *ctx, const sl_timex_rules *r, const char *text, size_t len,
                tx_token **out, size_t *n);

/* ---- one text, searched more than once -------------------------------- */

/* The tokens of a text and, per token, the matches that start there: they
 * do not depend on the reference date, so the publication-date pass and the
 * final pass share them (the values are resolved again each time). */
struct tx_candidate;
typedef struct tx_doc {
    sl_ctx *ctx;
    const sl_timex_rules *r;
    const char *text;
    size_t len;
    tx_token *toks;
    size_t ntok;
    uint32_t *cand_first;   /* per token: first candidate + 1, 0 not yet looked for */
    uint8_t *cand_count;    /* per token */
    struct tx_candidate *cands;
    size_t ncands, cands_cap;
    uint64_t *tok_lists;    /* per token: the lists its word begins */
} tx_doc;

/* Tokenize text (kept, not copied: it must outlive the doc).  Returns 0 or
 * SL_ENOMEM (the doc is then closed). */
int tx_doc_open(sl_ctx *ctx, const sl_timex_rules *r, const char *text, size_t len, tx_doc *d);
void tx_doc_close(tx_doc *d);
/* sl_timex_find on the doc's text. */
int tx_doc_find(tx_doc *d, const char *ref_date, sl_timex **out, size_t *n);

/* ---- calendar (timex_calendar.c) ------------------------------------- */

int32_t tx_days_from_civil(int64_t y, int m, int d);
void tx_civil_from_days(int32_t days, int64_t *y, int *m, int *d);
int tx_days_in_month(int64_t y, int m);
int tx_weekday(int32_t days); /* 1 Monday .. 7 Sunday */
/* ISO 8601 week of a day: week-year and week number. */
void tx_iso_week(int32_t days, int64_t *wy, int *wn);
/* First day (Monday) of ISO week wn of week-year wy. */
int32_t tx_iso_week_start(int64_t wy, int wn);
/* Parse "YYYY-MM-DD..." into a day number; false when not a valid date. */
bool tx_parse_ref(const char *s, int32_t *days);

/* ---- resolution (timex_resolve.c) ------------------------------------ */

typedef struct tx_resolve_ctx {
    bool has_ref;
    int32_t ref;         /* reference day */
    bool has_anchor;
    int32_t anchor;      /* last resolved day in the text */
    bool anchor_in_sentence; /* ... and it is in the sentence of the match */
    bool has_period;
    int32_t period;      /* first day of the last date, month or year in the text */
    int tense;           /* -1, 0, +1 from the verbs near the match */
    /* The quarter the text reports on: the last quarter named in it, as
     * year * 4 + quarter - 1.  Financial news say "a year earlier" for the
     * same quarter a year before. */
    bool has_quarter;
    int64_t quarter;
} tx_resolve_ctx;

/* Fill t->value, dir, flags, interval from the captured slots.  Returns
 * false when the fields do not make a valid expression (February 30). */
bool tx_resolve(const sl_timex_rules *rules, const tx_resolve_ctx *rc, const tx_rule *rule,
                const tx_slots *s, sl_timex *t);

#endif
