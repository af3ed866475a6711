/* Internals of the timeline stage (src/timeline): a story loaded from the
 * store, its sentences and terms, and the pieces that build the timeline
 * (tl_events.c) and the outlet comparison (tl_compare.c).  docs/timeline.md
 * explains the choices. */
#ifndef SL_TIMELINE_H
#define SL_TIMELINE_H

#include "core/core.h"
#include "store/store.h"

#define TL_NO_DAY INT64_MIN

/* ---------------------------------------------------------------- arena */

/* Everything one build reads or makes lives in blocks freed together. */
typedef struct tl_block tl_block;
typedef struct tl_arena {
    sl_ctx *ctx;
    tl_block *head;
} tl_arena;

void *tl_alloc(tl_arena *a, size_t size);     /* zeroed; NULL when out of memory */
sl_str tl_strdup(tl_arena *a, sl_str s);       /* ptr NULL when out of memory */
void tl_arena_free(tl_arena *a);

/* ---------------------------------------------------------------- text */

/* A word of a document: bytes [start, end) and its term (lowercased). */
typedef struct tl_token {
    uint32_t term;
    uint32_t start, end;
} tl_token;

/* A sentence: its tokens are tokens[first .. first + n). */
typedef struct tl_sent {
    uint32_t doc;            /* index into the loaded documents */
    uint32_t start, end;     /* bytes of the text, dateline stripped */
    uint32_t first, n;       /* its tokens */
    uint32_t index;          /* position in its document, 0 = lead */
    uint32_t words;          /* word count */
    uint64_t hash;           /* of its terms, to tell copies */
    int candidate;           /* may be a summary (length, ends a sentence) */
} tl_sent;

/* Terms of the story: lowercased words, each once, with document
 * frequency; an open-addressing table maps text to number. */
typedef struct tl_vocab {
    sl_ctx *ctx;
    sl_str *terms; size_t n, cap;
    uint32_t *df;            /* documents using each term (copies once) */
    uint32_t *last_doc;      /* the last document counted in df, + 1 */
    uint8_t *stop;           /* 1 for a stopword */
    uint32_t *slots; size_t n_slots; /* term + 1; 0 empty */
} tl_vocab;

int tl_vocab_init(tl_vocab *v, sl_ctx *ctx);
void tl_vocab_free(tl_vocab *v);
/* The number of a lowercased term, added when new (text copied to a). */
int tl_vocab_add(tl_vocab *v, tl_arena *a, const char *s, size_t len, uint32_t *term);
int tl_is_stopword(const char *s, size_t len);

/* Split text into words (appended to *toks) and sentences (to *sents);
 * doc is the document index stored in each sentence. */
typedef struct tl_text {
    tl_token *toks; size_t n_toks, cap_toks;
    tl_sent *sents; size_t n_sents, cap_sents;
    sl_buf lower;            /* scratch: a word lowercased */
} tl_text;
int tl_text_split(tl_text *t, tl_vocab *v, tl_arena *a, uint32_t doc, sl_str text);
void tl_text_free(tl_text *t, sl_ctx *ctx);

/* 64-bit FNV-1a, for keys of facts and terms. */
uint64_t tl_hash(const void *data, size_t len, uint64_t seed);

/* ---------------------------------------------------------------- story */

typedef struct tl_doc {
    uint64_t doc, event, cluster;
    sl_str id, source, title, text, relation;
    int64_t pub_lo, pub_hi;   /* days; TL_NO_DAY when unknown */
    int64_t bound_lo, bound_hi; /* the inferred interval however wide; TL_NO_DAY: open */
    sl_str pub_text;          /* the date or interval, as stored */
    uint32_t first_sent, n_sents;
    int outlet;               /* index into the story's outlets */
    int copy;                 /* an exact copy of an earlier member: counted once */
} tl_doc;

typedef struct tl_fact {
    uint32_t doc;             /* index into the loaded documents */
    uint32_t start, end;
    sl_str type, value, role;
    int64_t speaker_start, speaker_end;
} tl_fact;

/* A canonical entity name and the member documents naming it (copies
 * once); key is the name, or its last word in the surname table. */
typedef struct tl_name {
    sl_str key, name, type;
    uint32_t docs;
} tl_name;

typedef struct tl_event_row {
    uint64_t num;
    sl_str id, title;
} tl_event_row;

/* One story (or event) as read from the store. */
typedef struct tl_story {
    tl_arena arena;
    uint64_t num;
    int is_event;
    sl_str id, title, label, first, last;
    tl_doc *docs; size_t n_docs, cap_docs;
    tl_fact *facts[3]; size_t n_facts[3], cap_facts[3]; /* STORE_TL_ENTITIES, ... */
    tl_event_row *events; size_t n_events, cap_events;
    sl_str *outlets; size_t n_outlets;                  /* sorted names */
    tl_vocab vocab;
    tl_text text;
    int64_t span_lo, span_hi; /* publication days of the members */
    tl_name *names; size_t n_names;       /* by name */
    tl_name *surnames; size_t n_surnames; /* people by last word */
} tl_story;

/* Read `key` (see sl_timeline_build) into st, sentences and terms split. */
int tl_story_load(tl_story *st, sl_ctx *ctx, sl_store *s, const char *key);
void tl_story_free(tl_story *st, sl_ctx *ctx);
/* The index of the document numbered doc, or -1. */
long tl_story_doc_index(const tl_story *st, uint64_t doc);
/* Facts of kind `which` for document index d: [*first, *first + *n). */
void tl_story_doc_facts(const tl_story *st, int which, uint32_t d, size_t *first, size_t *n);

/* The name table of the loaded entities (tl_quotes.c). */
int tl_names_build(tl_story *st);
/* A speaker as the story names them: the canonical entry for an exact
 * name or a unique surname; NULL when the story does not know them. */
const tl_name *tl_speaker_name(const tl_story *st, sl_str speaker);
/* Lowercased letters and digits of text, hashed: the same words however
 * they are spaced, quoted or capitalised. */
uint64_t tl_words_hash(sl_str text);

/* "YYYY-MM-DD" to days, TL_NO_DAY when it is not one. */
int64_t tl_parse_day(sl_str s);

/* ---------------------------------------------------------------- results */

struct sl_timeline {
    sl_ctx *ctx;
    sl_timeline_options opts;
    tl_story story;
    tl_arena out;             /* results */
    sl_tl_story result;
    sl_cmp_result cmp;
};

int tl_build_events(sl_timeline *t);
int tl_build_compare(sl_timeline *t);

#endif
