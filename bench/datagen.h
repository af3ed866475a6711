/* sl-datagen: what its translation units share.
 *
 *   datagen_words.c   word lists, sentence templates, outlets and page chrome
 *   datagen_util.c    errors, growing buffers, the PRNG, calendar dates
 *   datagen_text.c    stories, template expansion, articles, page layout and
 *                     damage (mojibake, HTML entities, straight quotes)
 *   datagen_output.c  JSONL and txt-dir output, the ground truth
 *   datagen.c         documents, the corpus, options and main
 *
 * Include this header first: it sets the POSIX level before any system
 * header is read. */
#ifndef SL_DATAGEN_H
#define SL_DATAGEN_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Elements of an array whose size is known here (not of a pointer). */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ word lists */

enum { TOPIC_BODY = 6 }; /* fixed body sentences per topic */

typedef struct topic {
    const char *event, *people, *tag;
    const char *title[3], *lead[3], *body[TOPIC_BODY], *quote[4];
} topic;

/* Each list comes with its length, NAME_count (datagen_words.c). */
extern const char *const first_names[], *const last_names[];
extern const size_t first_names_count, last_names_count;
extern const char *const towns[], *const countries[], *const orgs[], *const roles[];
extern const size_t towns_count, countries_count, orgs_count, roles_count;
extern const char *const months[], *const weekdays[], *const relative_times[], *const fillers[];
extern const size_t months_count, weekdays_count, relative_times_count, fillers_count;
extern const topic topics[];
extern const size_t topics_count;
extern const char *const generic_sentences[];
extern const size_t generic_sentences_count;
extern const char *const subjects[], *const report_verbs[], *const topics_of_talk[];
extern const size_t subjects_count, report_verbs_count, topics_of_talk_count;
extern const char *const outcomes[], *const when_phrases[];
extern const size_t outcomes_count, when_phrases_count;
extern const char *const quote_forms[], *const generic_quotes[];
extern const size_t quote_forms_count, generic_quotes_count;

/* ----------------------------------------------------------- page chrome */

enum { STYLE_WIRE = 1, STYLE_STRAIGHT = 2, STYLE_BLANK = 4, STYLE_DATED = 8, STYLE_AGGREGATOR = 16 };

typedef struct outlet {
    const char *name, *domain;
    unsigned style;
} outlet;

extern const outlet outlets[];
extern const size_t outlets_count;
extern const size_t aggregator_outlet; /* the index of the one aggregator */
extern const char *const nav_lines[], *const share_lines[], *const subscribe_lines[];
extern const size_t nav_lines_count, share_lines_count, subscribe_lines_count;
extern const char *const comment_lines[], *const copyright_lines[];
extern const size_t comment_lines_count, copyright_lines_count;
extern const char *const captions[], *const bylines[];
extern const size_t captions_count, bylines_count;

/* ------------------------------------------------------ errors, buffers */

/* Print "sl-datagen: " and the message on standard error, exit 1. */
void die(const char *fmt, ...);

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

void buf_reserve(buf *b, size_t extra);
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_putu(buf *b, unsigned long long v);
void buf_copy(buf *dst, const buf *src);

/* ------------------------------------------------------------- randomness */

/* The state of the SplitMix64 generator. */
typedef struct rng {
    uint64_t s;
} rng;

uint64_t rng_next(rng *r);
uint32_t rng_below(rng *r, size_t n);
bool rng_chance(rng *r, double p);
int rng_range(rng *r, int lo, int hi);
const char *pick(rng *r, const char *const *list, size_t n);

/* ------------------------------------------------------------------ dates */

/* Days count from 2019-01-01, a Tuesday. */
typedef struct civil {
    int year, month, day; /* month 0-11, day 1-31 */
} civil;

civil civil_from_days(int days);
void put_month_day(buf *b, int days);

/* ---------------------------------------------------------------- stories */

typedef struct story {
    uint32_t id;
    uint8_t topic, town, other_town, org[2];
    uint8_t first[3], last[3], role[3];
    uint32_t number, money; /* headline figure; money in tenths of a million */
    int day;                /* days since 2019-01-01 */
    int remaining;          /* articles still to come */
} story;

story make_story(rng *r, uint32_t id, int day);

/* ------------------------------------------------------ template expansion */

/* What a template is expanded against: the story, the outlet and the
 * randomness of the document being written. */
typedef struct gen {
    rng r;
    const story *st;
    const outlet *out;
    unsigned reporter; /* an index mixed into the name lists */
    uint32_t used;     /* topic and generic sentences already in this text */
    bool headline;     /* headline style: no "the" before organisations */
} gen;

/* ------------------------------------------------------------ articles */

typedef struct page {
    const char *title;
    const buf *body;
    int published;  /* minutes since 2019-01-01 */
    const char *note; /* revision note or NULL */
} page;

void write_title(gen *g, buf *b);
void write_lead(gen *g, buf *b);
void write_paragraph(gen *g, buf *b);
void write_body(gen *g, buf *b, int paragraphs);
void render_page(gen *g, buf *b, const page *pg);

/* ----------------------------------------------------------------- damage */

void damage_mojibake(buf *b, buf *tmp, size_t from, size_t to, int times);
void damage_entities(buf *b, buf *tmp, bool numeric);
void straighten_quotes(buf *b);

/* ------------------------------------------------------------- documents */

enum { REL_ORIGINAL, REL_EXACT, REL_NEAR, REL_REVISION, REL_CONTAINED, REL_COUNT };
extern const char *const relation_names[REL_COUNT];

typedef struct doc {
    char id[16], of[16], cluster[16];
    unsigned outlet, reporter;
    uint64_t chrome_seed;
    int published;        /* minutes since 2019-01-01 */
    bool has_title, has_published;
    story st;
    buf url, title, body; /* title and body before any damage */
    buf title_out, text;  /* what is written */
    int rel;              /* REL_* */
    const char *damage;   /* "none", "mojibake", "entities", ... */
} doc;

typedef struct options {
    uint64_t size, seed;
    double mojibake, entities, dup_rate;
    int paragraphs_min, paragraphs_max; /* body length of an original */
    bool txt_dir, verbose;
    const char *output, *truth;
} options;

/* ----------------------------------------------------------------- output */

typedef struct sink {
    const options *opt;
    FILE *out, *truth;
    uint64_t bytes;
    buf line, tmp;
} sink;

void sink_open(sink *k, const options *o);
bool sink_write(sink *k, const doc *d, uint64_t index);
void sink_close(sink *k);

#endif
