/*
 * storyline: scraped news articles in, clean de-duplicated stories with
 * timelines out.  This is the public API of the library.
 *
 * Conventions (see docs/api.md):
 *  - Opaque handles created with *_new(ctx, &out, &opts) and released with
 *    *_free(); *_free(NULL) is a no-op.
 *  - Options structs start with a version field and are initialised with
 *    the matching *_OPTIONS_INIT macro.
 *  - Every call returns 0 (SL_OK) or a negative SL_E* code; sl_errmsg(ctx)
 *    tells what went wrong, naming the input, record and byte.
 *  - The library never prints, exits or aborts.  Allocation failure returns
 *    SL_ENOMEM and leaves handles usable or freeable.
 *  - Text is UTF-8; offsets are byte offsets.
 */
#ifndef STORYLINE_H
#define STORYLINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SL_VERSION_MAJOR 0
#define SL_VERSION_MINOR 1
#define SL_VERSION_PATCH 0
#define SL_VERSION_STRING "0.1.0"

/* Return codes. */
enum {
    SL_OK = 0,
    SL_ENOMEM = -1,  /* allocation failed */
    SL_EINVAL = -2,  /* bad argument or option */
    SL_EIO = -3,     /* file could not be opened, read or decompressed */
    SL_EPARSE = -4,  /* a record is malformed (bad JSON, missing text, ...) */
    SL_ELIMIT = -5,  /* a configured limit was exceeded (line length, nesting) */
    SL_EUTF8 = -6,   /* invalid UTF-8 where it is not allowed */
    SL_EOF = -7      /* no more records */
};

const char *sl_version(void);
const char *sl_strerror(int code);

/* ---------------------------------------------------------------- context */

typedef struct sl_ctx sl_ctx;

/* A custom allocator; any member may be NULL to use the C library's. */
typedef struct sl_allocator {
    void *(*malloc_fn)(void *ud, size_t size);
    void *(*realloc_fn)(void *ud, void *ptr, size_t size);
    void (*free_fn)(void *ud, void *ptr);
    void *ud;
} sl_allocator;

#define SL_CTX_OPTIONS_VERSION 1
typedef struct sl_ctx_options {
    unsigned version;
    const sl_allocator *allocator; /* NULL: malloc/realloc/free */
    /* Fault injection for tests: when non-zero, the Nth allocation made
     * through this context (1-based) and every later one fails. */
    uint64_t fail_alloc_after;
} sl_ctx_options;
#define SL_CTX_OPTIONS_INIT { SL_CTX_OPTIONS_VERSION, NULL, 0 }

int sl_ctx_new(sl_ctx **out, const sl_ctx_options *opts);
void sl_ctx_free(sl_ctx *ctx);
const char *sl_errmsg(const sl_ctx *ctx);
int sl_errcode(const sl_ctx *ctx);
void sl_clear_error(sl_ctx *ctx);
/* Change the fault-injection point at run time (0 disables it) and read how
 * many allocations the context has made so far. */
void sl_ctx_set_fail_alloc_after(sl_ctx *ctx, uint64_t n);
uint64_t sl_ctx_alloc_count(const sl_ctx *ctx);

/* ---------------------------------------------------------------- documents */

typedef struct sl_str {
    const char *ptr;
    size_t len;
} sl_str;

/* One input document.  All strings are valid UTF-8 (except raw) and stay
 * valid until the next call on the handle that produced the document. */
typedef struct sl_doc {
    sl_str id;
    sl_str text;
    sl_str title;
    sl_str url;
    sl_str source;
    sl_str published;
    sl_str raw;          /* the JSON line as read; empty for .txt documents */
    const char *origin;  /* file name, or "-" for standard input */
    uint64_t line;       /* 1-based line in origin; 0 for a whole .txt file */
    const struct sl_json_object *members; /* parsed raw, for pass-through */
} sl_doc;

/* ---------------------------------------------------------------- reader */

typedef struct sl_reader sl_reader;

#define SL_READER_OPTIONS_VERSION 1
typedef struct sl_reader_options {
    unsigned version;
    size_t max_line;   /* longest JSONL line accepted, bytes */
    size_t max_doc;    /* largest document accepted (a .txt file, a page, a record's text), bytes */
    unsigned max_depth; /* deepest JSON nesting accepted */
} sl_reader_options;
#define SL_READER_OPTIONS_INIT { SL_READER_OPTIONS_VERSION, (size_t)256 << 20, (size_t)256 << 20, 64 }

int sl_reader_new(sl_ctx *ctx, sl_reader **out, const sl_reader_options *opts);
void sl_reader_free(sl_reader *r);
/* Queue an input: a file (.txt, .jsonl, .jsonl.gz, .jsonl.zst, also .json,
 * .ndjson; a web page .html, .htm, .xhtml, .html.gz; a WARC archive .warc,
 * .warc.gz), a directory (searched recursively, entries in byte order), or
 * "-" for standard input (sniffed: JSONL, a page, a WARC, or plain text).
 * A page becomes one record with its extracted text and a "page" field
 * (charset, provenance, captions, the map back to the page's bytes); see
 * docs/formats.md. */
int sl_reader_add(sl_reader *r, const char *path);
/* Read the next document.  Returns 0 and fills *doc, SL_EOF at the end, or a
 * negative code for an input or record that could not be read; the message
 * names the file, line and byte.  After an error, calling again goes on
 * with the next record or file, so nothing good is lost. */
int sl_reader_next(sl_reader *r, sl_doc *doc);
/* Bytes of input consumed so far (compressed size for .gz/.zst), for
 * progress reporting. */
uint64_t sl_reader_bytes(const sl_reader *r);
/* Does the JSON record carry a member named `key` (any value)? */
int sl_doc_has_field(const sl_doc *doc, const char *key);
/* The string value doc[key], or doc[key][subkey] when subkey is not NULL:
 * 1 and *out set (valid until the next call on r), 0 when there is no such
 * string, or a negative error (out of memory). */
int sl_reader_field(sl_reader *r, const sl_doc *doc, const char *key, const char *subkey,
                    sl_str *out);

/* ---------------------------------------------------------------- output */

/* Builds JSON lines.  A document line starts with every field of the input
 * record, in input order and byte for byte, except the fields the stage is
 * about to write; the stage then adds its own fields. */
typedef struct sl_out sl_out;

int sl_out_new(sl_ctx *ctx, sl_out **out);
void sl_out_free(sl_out *o);
/* Start a new line (the previous one is discarded). */
void sl_out_reset(sl_out *o);
/* `{` plus the pass-through fields of `doc`; `replaced` is a NULL-terminated
 * list of keys the caller will write itself (any spelling of them in the
 * input is dropped).  A record without an "id" gets its generated id first;
 * a document without a raw record (.txt) gets "id" and "text", each unless
 * replaced.  Lines are laid out as `{"a": 1, "b": [2, 3]}`. */
int sl_out_begin_doc(sl_out *o, const sl_doc *doc, const char *const *replaced);
int sl_out_begin_object(sl_out *o);
int sl_out_end_object(sl_out *o);
int sl_out_begin_array(sl_out *o);
int sl_out_end_array(sl_out *o);
int sl_out_key(sl_out *o, const char *key);
int sl_out_string(sl_out *o, const char *s, size_t len);
int sl_out_int(sl_out *o, int64_t v);
int sl_out_double(sl_out *o, double v);
int sl_out_bool(sl_out *o, int v);
int sl_out_null(sl_out *o);
/* Close the line with a newline; the text so far is returned in *data. */
int sl_out_finish(sl_out *o, const char **data, size_t *len);

/* ---------------------------------------------------------------- clean */

enum {
    SL_CLEAN_ENCODING = 1u << 0,  /* mojibake, entities, invalid bytes */
    SL_CLEAN_NORMALIZE = 1u << 1, /* NFC, whitespace, control characters */
    SL_CLEAN_LINES = 1u << 2,     /* title, byline, captions, boilerplate */
    SL_CLEAN_ALL = 7u
};

#define SL_CLEAN_OPTIONS_VERSION 1
typedef struct sl_clean_options {
    unsigned version;
    unsigned steps;  /* SL_CLEAN_* bits */
} sl_clean_options;
#define SL_CLEAN_OPTIONS_INIT { SL_CLEAN_OPTIONS_VERSION, SL_CLEAN_ALL }

/* Offsets in these records are byte offsets into the raw input text. */
typedef struct sl_repair {
    size_t start, end;   /* raw bytes that were replaced */
    sl_str to;           /* what replaced them */
    const char *kind;    /* e.g. "mojibake:cp1252", "entity", "invalid-utf8" */
} sl_repair;

typedef struct sl_removal {
    size_t start, end;   /* raw bytes removed from the text */
    const char *reason;  /* e.g. "title", "caption", "navigation", "share" */
} sl_removal;

typedef struct sl_field {
    sl_str text;         /* cleaned text of the field */
    size_t start, end;   /* where it came from in the raw input text */
} sl_field;

/* A segment of the map from cleaned offsets back to raw offsets: clean bytes
 * [clean, clean + clean_len) came from raw bytes [raw, raw + raw_len).  When
 * the two lengths are equal the bytes were copied one to one. */
typedef struct sl_map_seg {
    size_t clean, clean_len;
    size_t raw, raw_len;
} sl_map_seg;

typedef struct sl_clean_result {
    sl_str text;
    sl_field title, byline, dateline; /* text.len == 0 when absent */
    const sl_field *captions; size_t n_captions;
    const sl_removal *removed; size_t n_removed;
    const sl_repair *repairs; size_t n_repairs;
    const sl_map_seg *map; size_t n_map;
} sl_clean_result;

typedef struct sl_cleaner sl_cleaner;

int sl_cleaner_new(sl_ctx *ctx, sl_cleaner **out, const sl_clean_options *opts);
void sl_cleaner_free(sl_cleaner *c);
/* Clean one document.  `source` (may be NULL) lets the cleaner learn lines
 * that repeat across documents of one outlet.  The result belongs to the
 * cleaner and stays valid until the next call. */
int sl_clean(sl_cleaner *c, const char *text, size_t len, const char *source,
             size_t source_len, const sl_clean_result **result);
/* Clean a short metadata field (a title given with the document): encoding
 * repair and normalisation as the options say, line ends become spaces.
 * The result belongs to the cleaner and stays valid until the next call of
 * sl_clean_field; it does not disturb the result of sl_clean. */
int sl_clean_field(sl_cleaner *c, const char *text, size_t len, sl_str *out);
/* Map a cleaned-text offset back to the raw input text. */
size_t sl_clean_raw_offset(const sl_clean_result *r, size_t clean_offset);

/* ---- Duplicates, versions and containment (storyline dedup) ----
 *
 * Documents are added one by one in input order.  Each is reduced to the set
 * of its shingles (word 5-grams; character grams for Chinese, Japanese and
 * South-East Asian scripts), a hash of its text for exact copies, and a few
 * numbers used to order versions.  A compact in-memory index of "anchor"
 * shingles (a content-defined sample, the same shingles in every document)
 * proposes earlier documents sharing material; every candidate is then
 * verified with the exact shingle sets, which are kept in a spill store (a
 * temporary file, or memory), not in the index.  See docs/dedup.md. */
typedef struct sl_dedup sl_dedup;
typedef struct sl_dedup_doc sl_dedup_doc;

#define SL_DEDUP_OPTIONS_VERSION 1
typedef struct sl_dedup_options {
    unsigned version;
    unsigned anchor_rate;     /* one shingle in anchor_rate is an index anchor */
    unsigned anchor_cap;      /* anchors in more documents than this are not indexed */
    unsigned max_verify;      /* candidates verified per document, most shared anchors first */
    double near;              /* Jaccard for a near duplicate */
    double revision;          /* containment of the smaller text for a revision */
    double revision_titled;   /* the same when the titles agree */
    double contained;         /* containment for "contained" ... */
    double contained_ratio;   /* ... when smaller/larger size is at most this */
    double copy_ratio;        /* between outlets, contained below this size ratio, else near */
    uint64_t window;          /* only the last `window` documents are candidates; 0: all */
    int spill_to_file;        /* 1: shingle sets in a temporary file; 0: in memory */
} sl_dedup_options;
#define SL_DEDUP_OPTIONS_INIT \
    { SL_DEDUP_OPTIONS_VERSION, 32, 256, 64, 0.88, 0.72, 0.5, 0.8, 0.5, 0.8, 0, 1 }

typedef enum sl_dup_relation {
    SL_DUP_UNIQUE = 0,
    SL_DUP_CONTAINED,   /* this text is largely inside a longer one */
    SL_DUP_REVISION,    /* a later version of the same article */
    SL_DUP_NEAR,        /* the same article with small edits */
    SL_DUP_EXACT        /* the same text after cleaning */
} sl_dup_relation;
const char *sl_dup_relation_name(sl_dup_relation r);

/* A document's features, computed without touching the index, so workers
 * can prepare documents in parallel.  Reusable: prepare overwrites. */
int sl_dedup_doc_new(sl_ctx *ctx, sl_dedup_doc **out);
void sl_dedup_doc_free(sl_dedup_doc *p);
/* `text` is the cleaned text; `title` and `source` (the outlet; either may
 * be NULL) tell copies between outlets from one outlet's revisions. */
int sl_dedup_prepare(sl_dedup_doc *p, const sl_dedup_options *opts, const char *text,
                     size_t len, const char *title, size_t title_len, const char *source,
                     size_t source_len);

int sl_dedup_new(sl_ctx *ctx, sl_dedup **out, const sl_dedup_options *opts);
void sl_dedup_free(sl_dedup *d);
/* Add the next document: find and verify its relations to earlier ones.
 * `published` (may be NULL) is an ISO 8601 date used to order versions.
 * Documents are numbered 0, 1, ... in the order they are added. */
int sl_dedup_add(sl_dedup *d, const char *id, size_t id_len, const char *published,
                 size_t published_len, const sl_dedup_doc *p);
uint64_t sl_dedup_count(const sl_dedup *d);

/* The relation of document i: its strongest link to another document, where
 * the later copy, the later version or the contained text points to the
 * other.  Final once every document that can still pair with it has been
 * added (all of them, or the next `window`).  cluster is the id of the
 * earliest member of its group of related documents at that time. */
typedef struct sl_dup {
    sl_dup_relation relation;
    uint64_t of;           /* document number, or UINT64_MAX when unique */
    double similarity;     /* Jaccard (exact, near, unique: best seen) or containment */
    uint64_t cluster;      /* document number of the cluster's earliest member */
} sl_dup;
int sl_dedup_result(sl_dedup *d, uint64_t i, sl_dup *out);
const char *sl_dedup_id(const sl_dedup *d, uint64_t i, size_t *len);

/* Every verified related pair, in the order found.  a is the earlier version,
 * the copy found first, or the contained text; b the other. */
typedef struct sl_dup_pair {
    uint64_t a, b;
    sl_dup_relation relation;
    double jaccard, contain_a, contain_b; /* |A n B| / |A|, / |B| */
    const char *order;  /* for revisions: "published", "added-material", "tense", "input-order" */
} sl_dup_pair;
size_t sl_dedup_pair_count(const sl_dedup *d);
int sl_dedup_pair(const sl_dedup *d, size_t i, sl_dup_pair *out);
/* Candidates compared on their exact shingle sets so far. */
uint64_t sl_dedup_verified(const sl_dedup *d);
/* Bytes of memory held by the index, the records, the ids and the pairs
 * (not the spill store of shingle sets, nor its in-memory tail). */
size_t sl_dedup_memory(const sl_dedup *d);
/* The same, part by part: the anchor index (what finds candidates), the
 * fixed-size record of each document, the ids, the related pairs, and the
 * in-memory tail of the shingle-set store (a cache of recent sets). */
typedef struct sl_dedup_memory_use {
    size_t index, records, ids, pairs, set_cache;
} sl_dedup_memory_use;
void sl_dedup_memory_parts(const sl_dedup *d, sl_dedup_memory_use *out);

/* ---- stories: events and stories, clustered as documents stream in ---- */

/* Two levels: an event is one real-world happening with all its coverage;
 * a story is a chain of events about the same actors and issue over time.
 * Ids are stable: an event is named after its first document, a story
 * after its first event, and neither changes as documents are added. */
typedef struct sl_story_options {
    unsigned version;            /* SL_STORY_OPTIONS_VERSION */
    double event_threshold;      /* similarity to join an event */
    double story_threshold;      /* similarity of a new event to join a story */
    double event_days;           /* time scale of an event: similarity halves
                                    every this many days between dates */
    double story_days;           /* the same for stories */
    uint32_t window;             /* events that took no document in this many
                                    documents are closed (0: never) */
    const char *language;        /* stemmer language, "english" by default */
} sl_story_options;

#define SL_STORY_OPTIONS_VERSION 1
#define SL_STORY_OPTIONS_INIT { SL_STORY_OPTIONS_VERSION, 0.25, 0.22, 7.0, 120.0, 200000, NULL }

/* A document's features (terms, names, dates mentioned), made by
 * sl_story_prepare; independent documents may be prepared on several
 * threads at once, each sl_story_doc with its own context. */
typedef struct sl_story_doc sl_story_doc;
int sl_story_doc_new(sl_ctx *ctx, const sl_story_options *opts, sl_story_doc **out);
void sl_story_doc_free(sl_story_doc *p);
int sl_story_prepare(sl_story_doc *p, const char *text, size_t len, const char *title,
                     size_t title_len);

typedef struct sl_story_index sl_story_index;
int sl_story_new(sl_ctx *ctx, sl_story_index **out, const sl_story_options *opts);
void sl_story_free(sl_story_index *x);

/* Add the next document.  published: an ISO 8601 date or date-time, an
 * interval "2021-12-01/2021-12-14" (an inferred date; either side may be
 * "..", open), or empty.  dup_of: the id of
 * the earlier document it duplicates (from dedup), or NULL: a duplicate joins
 * that document's event without weighing on it, so fifty copies of one wire
 * story count as one voice. */
int sl_story_add(sl_story_index *x, const char *id, size_t id_len, const char *published,
                 size_t published_len, const char *dup_of, size_t dup_of_len,
                 const sl_story_doc *p);
uint64_t sl_story_count(const sl_story_index *x);

typedef struct sl_story_assignment {
    uint64_t event, story;   /* event and story numbers (see below) */
    double score;            /* similarity to the event when it joined; 1 for a founder */
} sl_story_assignment;
int sl_story_result(const sl_story_index *x, uint64_t doc, sl_story_assignment *out);
const char *sl_story_doc_id(const sl_story_index *x, uint64_t doc, size_t *len);

/* "YYYY-MM-DD" of a day number (days since 1970-01-01) into out[11]. */
void sl_day_format(int64_t day, char out[static 11]);

/* Events and stories, numbered in order of creation. */
typedef struct sl_story_cluster {
    uint64_t first_doc;      /* its founding document: the id */
    uint64_t story;          /* for an event: its story's number */
    uint64_t size;           /* documents (events, for a story) */
    uint64_t best_doc;       /* the member closest to the centre: the title */
    int64_t first_day, last_day; /* days since 1970 of the dated members, or
                                    INT64_MIN when none is dated */
} sl_story_cluster;
uint64_t sl_story_event_count(const sl_story_index *x);
uint64_t sl_story_story_count(const sl_story_index *x);
int sl_story_event(const sl_story_index *x, uint64_t event, sl_story_cluster *out);
int sl_story_story(const sl_story_index *x, uint64_t story, sl_story_cluster *out);
/* The label: up to `max` terms, names first, as written in the documents. */
int sl_story_label(const sl_story_index *x, uint64_t cluster, int is_story, const char **terms,
                   size_t max, size_t *n);
const char *sl_story_doc_title(const sl_story_index *x, uint64_t doc, size_t *len);

/* ---- facts: entities, quotes, time expressions, publication date ----
 *
 * A sl_facts holds the loaded models (the NER model, the time rules); it is
 * read-only after sl_facts_new, so several threads may extract with it at
 * once, each into its own sl_facts_doc made with its own context.  Offsets
 * are byte offsets into the text given to sl_facts_extract.  See
 * docs/facts.md. */
typedef struct sl_facts sl_facts;
typedef struct sl_facts_doc sl_facts_doc;

#define SL_FACTS_OPTIONS_VERSION 1
typedef struct sl_facts_options {
    unsigned version;
    const char *ner_model;   /* .slm file; needed for entities and quotes */
    const char *time_rules;  /* .rules file; needed for timex and published */
    int entities;            /* 1: named entities with canonical names */
    int quotes;              /* 1: quotes with speakers */
    int timex;               /* 1: time expressions */
    int published;           /* 1: the publication date, given or inferred */
} sl_facts_options;
#define SL_FACTS_OPTIONS_INIT { SL_FACTS_OPTIONS_VERSION, NULL, NULL, 1, 1, 1, 1 }

/* Load what the options ask for.  SL_EINVAL when a needed path is NULL,
 * SL_EIO when a file cannot be read, SL_EPARSE when it is not valid. */
int sl_facts_new(sl_ctx *ctx, sl_facts **out, const sl_facts_options *opts);
void sl_facts_free(sl_facts *f);

/* The facts of one document; reusable, each extraction replaces them. */
int sl_facts_doc_new(sl_ctx *ctx, sl_facts_doc **out);
void sl_facts_doc_free(sl_facts_doc *d);
/* Extract the facts of text[0..len).  `title` (may be NULL) helps name
 * people the text only calls by a surname; `published` (may be NULL or
 * empty) is the date the caller knows, "YYYY-MM-DD..."; the time
 * expressions are resolved against it, or against the inferred date.
 * On an error the document holds no facts. */
int sl_facts_extract(const sl_facts *f, sl_facts_doc *d, const char *text, size_t len,
                     const char *title, size_t title_len, const char *published,
                     size_t published_len);
/* Photo captions the clean step moved out of the text (sl_clean_result's
 * captions, one a line), read by the next sl_facts_extract only, for the
 * publication date: a full date in a caption is when the photo was taken,
 * so the document came after it.  The bytes are borrowed until then;
 * evidence found there has in_captions set and offsets into them. */
int sl_facts_set_captions(sl_facts_doc *d, const char *captions, size_t len);

/* A named entity.  canonical is the name the document's mentions of one
 * thing share: the longest full form ("Putin" -> "Vladimir Putin"), without
 * titles ("Mr", "President"), whitespace collapsed; the same string in
 * every document.  role is the job a person is given right before the
 * name ("spokesperson"), lower case, or NULL. */
typedef struct sl_fact_entity {
    size_t start, end;
    const char *type;        /* "PER", "ORG", "LOC", "MISC" */
    const char *canonical;
    const char *role;
} sl_fact_entity;

/* A quote: content always; source, cue and speaker when has_* is set.
 * speaker is the canonical name of the entity at the speaker span, or the
 * span's text. */
typedef struct sl_fact_quote {
    size_t content_start, content_end;
    size_t source_start, source_end;
    size_t cue_start, cue_end;
    size_t speaker_start, speaker_end;
    int has_source, has_cue, has_speaker;
    const char *kind;        /* "direct", "partial", "indirect", "according", "belief" */
    const char *speaker;     /* NULL when has_speaker is 0 */
} sl_fact_quote;

/* A time expression with its TIMEX3 type and value. */
typedef struct sl_fact_timex {
    size_t start, end;
    const char *type;        /* "DATE", "TIME", "DURATION", "SET" */
    char value[32];
} sl_fact_timex;

/* A piece of evidence about the publication date: the text it comes from
 * and the days it allows ("" on an unbounded side). */
typedef struct sl_fact_evidence {
    const char *kind;        /* "dateline", "tense-past", ... (docs/facts.md) */
    size_t start, end;
    char earliest[11], latest[11];
    char text[64];
    int used;                /* 0: dropped, it conflicted with stronger evidence */
    int in_captions;         /* 1: start/end are offsets into the captions given with
                                sl_facts_set_captions, not into the text */
} sl_fact_evidence;

/* The publication date: value, earliest, latest are "YYYY-MM-DD" or ""
 * when unknown. */
typedef struct sl_fact_published {
    char value[11], earliest[11], latest[11];
    int given;               /* 1: the caller gave it */
    int contradicted;        /* 1: the text disagrees with the given date */
    const sl_fact_evidence *evidence;
    size_t n_evidence;
} sl_fact_published;

/* The facts of the last extraction; arrays are in text order and belong to
 * the document.  sl_facts_published is NULL when it was not asked for. */
size_t sl_facts_entities(const sl_facts_doc *d, const sl_fact_entity **out);
size_t sl_facts_quotes(const sl_facts_doc *d, const sl_fact_quote **out);
size_t sl_facts_timexes(const sl_facts_doc *d, const sl_fact_timex **out);
const sl_fact_published *sl_facts_published(const sl_facts_doc *d);

/* Publication dates across documents: reports of one event (or copies of
 * one article) are written within days of each other.  Give the members'
 * own intervals (sl_fact_published earliest/latest, "" unbounded); a member
 * whose own interval is at most 31 days wide pins the group, and every
 * other member that was not given its date gets its interval cut to the
 * days from the first pinned member's earliest - window to the last one's
 * latest + window.  A member whose own evidence does not meet those days
 * keeps its own interval.  out[i].narrowed says whether member i changed,
 * first_from/last_from which members set the group's two ends. */
typedef struct sl_published_member {
    const char *earliest, *latest;
    int given;
} sl_published_member;

typedef struct sl_published_group_result {
    char earliest[11], latest[11];
    int narrowed;
    size_t first_from, last_from;
} sl_published_group_result;

int sl_published_group(sl_ctx *ctx, const sl_published_member *m, size_t n, int window,
                       sl_published_group_result *out);

/* ---- html: web pages in, article text out (storyline extract) ----
 *
 * A page is decoded (charset from a BOM, the HTTP header hint, <meta> or
 * detection), parsed with a forgiving HTML parser, and its main text is
 * chosen: headings, paragraphs, lists, quotes in reading order; navigation,
 * share bars, related links, comments, cookie and newsletter prompts are
 * left out; scripts, styles, templates and hidden elements never reach the
 * text.  Offsets in the result are byte offsets into the page as given. */
typedef struct sl_html sl_html;

#define SL_HTML_OPTIONS_VERSION 1
typedef struct sl_html_options {
    unsigned version;
    size_t max_page;  /* largest page accepted, bytes (SL_ELIMIT beyond) */
} sl_html_options;
#define SL_HTML_OPTIONS_INIT { SL_HTML_OPTIONS_VERSION, (size_t)256 << 20 }

/* A field found in the page: its text, where it came from in the page
 * (start == end when it did not come from the page's text, e.g. from the
 * URL or an attribute), and which source gave it ("og:title", "title",
 * "h1", "author", "class:byline", "article:published_time",
 * "json-ld:datePublished", "time", "url", ...); from is NULL when absent. */
typedef struct sl_html_field {
    sl_str text;
    size_t start, end;
    const char *from;
} sl_html_field;

typedef struct sl_html_result {
    sl_str text;                   /* the article: blocks separated by blank lines */
    sl_html_field title, byline;
    sl_html_field published;       /* ISO 8601: YYYY-MM-DD[THH:MM[:SS][zone]] */
    sl_html_field url;             /* the given URL, else og:url / canonical link */
    const sl_html_field *captions; /* figure captions (not in text), in order */
    size_t n_captions;
    const sl_map_seg *map;         /* text offsets -> page byte offsets */
    size_t n_map;
    const char *charset;           /* charset used to read the page */
    const char *charset_from;      /* "bom", "http", "meta", "detected", "default" */
} sl_html_result;

int sl_html_new(sl_ctx *ctx, sl_html **out, const sl_html_options *opts);
void sl_html_free(sl_html *h);
/* Extract the article of one page.  `url` (may be NULL) helps find the
 * date; `charset_hint` (may be NULL) is the charset named by the HTTP
 * header.  Broken, truncated or binary input gives a result (possibly
 * empty text), not an error; errors are SL_ENOMEM and SL_ELIMIT.  The
 * result belongs to the handle and stays valid until the next call.  One
 * handle must not be used by two threads at once; separate handles may. */
int sl_html_extract(sl_html *h, const char *page, size_t len, const char *url, size_t url_len,
                    const char *charset_hint, const sl_html_result **result);
/* Map a text offset of the last result back to a page byte offset. */
size_t sl_html_page_offset(const sl_html_result *r, size_t text_offset);

/* ---- store: the SQLite database of `storyline run` (docs/store.md) ----
 *
 * One file holds every document (raw and cleaned text), what cleaning
 * repaired and removed, duplicate relations, events and stories, entities,
 * quotes, time expressions and publication dates, each with byte offsets,
 * plus a full-text index (FTS5) over titles and cleaned texts.  Documents
 * are numbered 0, 1, ... in the order they were stored, across runs: the
 * same numbers dedup and stories give them.  Writes happen inside a batch
 * (sl_store_begin ... sl_store_commit): a batch is stored whole or not at
 * all.  A handle must not be used by two threads at once. */
typedef struct sl_store sl_store;

#define SL_STORE_SCHEMA_VERSION 2

enum {
    SL_STORE_CREATE = 1u << 0,   /* create the file when it does not exist */
    SL_STORE_READONLY = 1u << 1  /* open for reading only */
};

/* Open (or create) the store at path.  SL_EIO when the file cannot be
 * opened or is not a store; SL_EINVAL when its schema is newer than this
 * library reads.  An older schema is migrated (unless read-only). */
int sl_store_open(sl_ctx *ctx, sl_store **out, const char *path, unsigned flags);
void sl_store_close(sl_store *s);
int sl_store_schema_version(const sl_store *s);

int sl_store_begin(sl_store *s);
int sl_store_commit(sl_store *s);
/* Undo everything since sl_store_begin (also done by close). */
int sl_store_rollback(sl_store *s);

/* Small settings kept with the data (schema_version, options, ...).
 * get: 1 and value copied (NUL-terminated, truncated to cap) when the key
 * exists, 0 when not, or a negative error. */
int sl_store_meta_get(sl_store *s, const char *key, char *value, size_t cap);
int sl_store_meta_set(sl_store *s, const char *key, const char *value);

/* A document as stored.  Offsets of repairs and removals are into raw_text,
 * the map goes from text to raw_text (docs/store.md). */
typedef struct sl_store_doc {
    sl_str id, source, url;
    sl_str title_given, published_given;  /* as the input gave them */
    sl_str raw_text;         /* the input text */
    sl_str text;             /* the text the stages read: cleaned unless not */
    sl_str title, byline;    /* as found or cleaned */
    sl_str date;             /* YYYY-MM-DD: given or inferred; empty when unknown */
    sl_str story_date;       /* the date the story stage was given */
    sl_str origin;           /* file the document came from */
    uint64_t line;           /* its line there */
    int cleaned;             /* 1: text is raw_text cleaned by this run */
    uint8_t hash[16];        /* sl_store_hash of the input */
    uint64_t event, story;   /* founding documents of its event and story */
    double score;            /* similarity to its event when it joined */
    const sl_repair *repairs; size_t n_repairs;
    const sl_removal *removed; size_t n_removed;
    const sl_map_seg *map; size_t n_map;
} sl_store_doc;

/* The content hash that tells a document already stored: 128 bits over the
 * source, URL, title, publication date and text of the input. */
void sl_store_hash(const sl_doc *doc, uint8_t out[16]);
/* 1 when a document with this hash is stored, 0 when not, or an error. */
int sl_store_has_hash(sl_store *s, const uint8_t hash[16]);
/* Number of documents stored: the number the next one gets. */
int sl_store_doc_count(sl_store *s, uint64_t *n);

/* Copy a document (all it points to) into bytes that outlive the inputs,
 * and back.  pack: *data belongs to the store until the next pack; unpack:
 * *d points into data and into arrays of the store valid until the next
 * unpack. */
int sl_store_pack_doc(sl_store *s, const sl_store_doc *d, const char **data, size_t *len);
int sl_store_unpack_doc(sl_store *s, const char *data, size_t len, sl_store_doc *d);

/* Store document number `doc` (it must be sl_store_doc_count), its repairs
 * and removals, and index it for search. */
int sl_store_add_doc(sl_store *s, uint64_t doc, const sl_store_doc *d);
/* Store the facts of a document extracted from its text. */
int sl_store_add_facts(sl_store *s, uint64_t doc, const sl_facts_doc *f, const char *text,
                       size_t len);
/* Write (or update, when it changed) the duplicate relation of a document;
 * of and cluster are document numbers.  1 when a row was written, 0 when
 * it was already so, or an error. */
int sl_store_put_dup(sl_store *s, uint64_t doc, const sl_dup *dup);

/* An event or a story, named after its founding document. */
typedef struct sl_store_cluster {
    int is_story;
    uint64_t key;            /* founding document (for a story: of its first event) */
    uint64_t story;          /* an event's story key */
    const char *const *label; size_t n_label;
    sl_str title;
    uint64_t title_doc;      /* the member the title comes from */
    int64_t first_day, last_day; /* days since 1970; INT64_MIN when undated */
    uint64_t size;           /* documents (an event) or events (a story) */
} sl_store_cluster;
/* Write or update an event or story row. */
int sl_store_put_cluster(sl_store *s, const sl_store_cluster *c);

/* Read the stored documents from number `from` on, in order; fn's return
 * value stops the scan when not 0 (and is returned).  raw_text, text,
 * title, source, published_given, story_date, id, cleaned, event, story
 * and score are filled. */
typedef int (*sl_store_scan_fn)(void *ud, uint64_t doc, const sl_store_doc *d);
int sl_store_scan(sl_store *s, uint64_t from, sl_store_scan_fn fn, void *ud);

/* Row counts of "documents", "events", "stories", "entities", "quotes",
 * "timex", "repairs", "removals", "dups" (other names: SL_EINVAL). */
int sl_store_count(sl_store *s, const char *table, uint64_t *n);

/* Runs: one row per `storyline run`, its progress updated with each batch. */
int sl_store_run_begin(sl_store *s, const char *inputs, const char *version, uint64_t *run);
int sl_store_run_progress(sl_store *s, uint64_t run, uint64_t added, uint64_t skipped,
                          uint64_t rejected, int finished);

/* Full-text search over titles and cleaned texts, best first (bm25, the
 * title weighing more), with filters. */
#define SL_STORE_QUERY_VERSION 1
typedef struct sl_store_query {
    unsigned version;
    const char *match;       /* words, or an FTS5 query when fts_syntax */
    int fts_syntax;          /* 0: every word must appear, as written */
    const char *source;      /* NULL: any */
    const char *entity;      /* canonical name of an entity the document mentions */
    const char *from, *to;   /* YYYY-MM-DD bounds on the document's date */
    uint64_t limit;          /* 0: 20 */
    const char *mark_open, *mark_close; /* around matched words in the snippet */
    unsigned snippet_words;  /* 0: 16 */
} sl_store_query;
#define SL_STORE_QUERY_INIT { SL_STORE_QUERY_VERSION, NULL, 0, NULL, NULL, NULL, NULL, 0, "[", "]", 0 }

typedef struct sl_store_hit {
    uint64_t doc;
    sl_str id, source, url, title, date, snippet;
    sl_str event, story;     /* ids of its event and story; empty when none */
    double score;            /* bm25: lower is better */
} sl_store_hit;
/* Calls fn for each hit in order; fn's non-zero return stops the search
 * and is returned.  A query FTS5 cannot parse gives SL_EINVAL. */
typedef int (*sl_store_hit_fn)(void *ud, const sl_store_hit *hit);
int sl_store_search(sl_store *s, const sl_store_query *q, sl_store_hit_fn fn, void *ud);


/* ---- timeline: a story's events in date order, and what each outlet adds ----
 *
 * Read from a store written by `storyline run` (docs/timeline.md).  The
 * results belong to the sl_timeline handle and stay valid until its next
 * build, compare or free.  Offsets are bytes of documents.text. */
typedef struct sl_timeline sl_timeline;

#define SL_TIMELINE_OPTIONS_VERSION 1
typedef struct sl_timeline_options {
    unsigned version;
    unsigned max_quotes;     /* key quotes per event (0: 3) */
    unsigned max_items;      /* compare: items per kind and outlet (0: 8) */
    unsigned min_term_count; /* compare: least uses of a framing term by the outlet (0: 2) */
} sl_timeline_options;
#define SL_TIMELINE_OPTIONS_INIT { SL_TIMELINE_OPTIONS_VERSION, 3, 8, 2 }

/* Where a piece of text was found. */
typedef struct sl_tl_span {
    uint64_t doc;            /* document number */
    sl_str doc_id;
    size_t start, end;       /* bytes of the document's cleaned text */
} sl_tl_span;

/* Why an event has its date: a publication date or a dated expression. */
typedef struct sl_tl_evidence {
    const char *kind;        /* "published" or "timex" */
    sl_str value;            /* YYYY-MM-DD, or "earliest/latest" for a published interval */
    sl_str text;             /* the expression as written (timex); empty for published */
    sl_tl_span at;           /* timex: its span; published: the document, start = end = 0 */
} sl_tl_evidence;

typedef struct sl_tl_quote {
    sl_str speaker;          /* canonical name when the story names the speaker */
    sl_str text;             /* the quoted words */
    sl_str source;           /* outlet of the document cited in `at` */
    sl_tl_span at;
    size_t n_docs;           /* member documents carrying the same words */
    double score;
} sl_tl_quote;

typedef struct sl_tl_source {
    sl_str name;             /* outlet (for documents without one: the id's folder) */
    const uint64_t *docs; const sl_str *doc_ids; size_t n_docs;
} sl_tl_source;

typedef struct sl_tl_event {
    uint64_t event;          /* founding document, as in the store */
    sl_str id, title;
    char date[11];           /* the best-supported day, "" when undated */
    char earliest[11], latest[11]; /* the interval the evidence allows */
    const sl_tl_evidence *evidence; size_t n_evidence;
    sl_str summary;          /* one sentence of a member document */
    sl_tl_span summary_at;
    sl_str summary_source;
    double summary_score;
    const sl_tl_source *sources; size_t n_sources;
    const sl_tl_quote *quotes; size_t n_quotes;
    size_t n_docs;
} sl_tl_event;

typedef struct sl_tl_story {
    uint64_t story;          /* founding document of its first event */
    sl_str id, title, label; /* label: the stored JSON array of terms */
    char first[11], last[11];
    int is_event;            /* built for one event only */
    const sl_tl_event *events; size_t n_events; /* in date order, undated last */
    size_t n_docs;
} sl_tl_story;

int sl_timeline_new(sl_ctx *ctx, sl_timeline **out, const sl_timeline_options *opts);
void sl_timeline_free(sl_timeline *t);
/* The timeline of `key`: a story id or number, else an event id or number
 * ("event:KEY" for the event when a story has the same id; the story then
 * holds that event only).  SL_EINVAL when key names nothing. */
int sl_timeline_build(sl_timeline *t, sl_store *s, const char *key, const sl_tl_story **out);
/* Every story, by first date (undated last), then number. */
typedef int (*sl_tl_story_fn)(void *ud, uint64_t story, sl_str id);
int sl_timeline_stories(sl_timeline *t, sl_store *s, sl_tl_story_fn fn, void *ud);

/* compare: what one outlet reports that the others do not ("adds"), what
 * most others report and it does not ("omits"), and the words it frames
 * the story with ("terms": n-grams of 1-3 words it uses far more often). */
typedef struct sl_cmp_item {
    const char *kind;        /* "quote", "speaker", "entity", "date", "number", "term" */
    sl_str text;             /* as written at `at` */
    sl_str key;              /* what was compared: speaker, canonical name, date value, ... */
    sl_tl_span at;           /* adds, terms: first use by the outlet; omits: by another */
    size_t count;            /* adds, terms: uses by the outlet; omits: outlets reporting it */
    size_t others;           /* terms: uses by all other outlets together */
    double score;            /* terms: log-odds z-score; others: 0 */
} sl_cmp_item;

typedef struct sl_cmp_outlet {
    sl_str name;
    const uint64_t *docs; const sl_str *doc_ids; size_t n_docs;
    const sl_cmp_item *adds; size_t n_adds;
    const sl_cmp_item *omits; size_t n_omits;
    const sl_cmp_item *terms; size_t n_terms;
} sl_cmp_outlet;

typedef struct sl_cmp_result {
    uint64_t num;            /* story or event number */
    int is_event;
    sl_str id, title;
    const sl_cmp_outlet *outlets; size_t n_outlets; /* by name */
} sl_cmp_result;

int sl_timeline_compare(sl_timeline *t, sl_store *s, const char *key, const sl_cmp_result **out);

/* One JSON object each (docs/timeline.md), after sl_out_reset; the caller
 * finishes the line. */
int sl_tl_story_json(sl_out *o, const sl_tl_story *story);
int sl_tl_event_json(sl_out *o, const sl_tl_story *story, const sl_tl_event *e);
int sl_cmp_result_json(sl_out *o, const sl_cmp_result *r);
int sl_cmp_outlet_json(sl_out *o, const sl_cmp_result *r, const sl_cmp_outlet *ol);

/* ---- serve: the HTTP API over a store (docs/serve.md) ----
 *
 * A libmicrohttpd server with its own threads, answering JSON under /api/
 * and static files from a web directory.  Each worker thread reads the
 * store through its own read-only connection.  sl_server_start returns once
 * the server listens; the caller waits (for a signal, say) and stops it. */
typedef struct sl_server sl_server;

#define SL_SERVER_OPTIONS_VERSION 1
typedef struct sl_server_options {
    unsigned version;
    const char *listen;        /* IPv4 address to bind (NULL: 127.0.0.1) */
    unsigned port;             /* 0: a free port, see sl_server_port */
    const char *db;            /* the store (required), opened read-only */
    const char *web_root;      /* static files; NULL: none (404) */
    unsigned threads;          /* worker threads (0: 4) */
    size_t max_request;        /* bytes of request line and headers (0: 16384) */
    size_t max_uri;            /* bytes of the URI (0: 8192) */
    size_t max_query;          /* bytes of the query string (0: 4096) */
    unsigned max_connections;  /* at once (0: 64) */
    double rate;               /* requests per second per client address (0: unlimited) */
    unsigned burst;            /* requests a client may make at once (0: 100) */
    unsigned timeout;          /* seconds an idle connection is kept (0: 10) */
    unsigned max_page;         /* items per page at most (0: 500) */
} sl_server_options;
#define SL_SERVER_OPTIONS_INIT { SL_SERVER_OPTIONS_VERSION, "127.0.0.1", 8080, NULL, NULL, \
                                 4, 16384, 8192, 4096, 64, 50.0, 100, 10, 500 }

/* Open the store and listen.  SL_EIO when the store cannot be opened or
 * the address cannot be bound (the message says which); SL_EINVAL for bad
 * options; SL_ENOMEM. */
int sl_server_start(sl_ctx *ctx, sl_server **out, const sl_server_options *opts);
/* The port listened on (the one picked when the options said 0). */
unsigned sl_server_port(const sl_server *s);
/* Stop answering: waits for requests under way, closes the socket. */
void sl_server_stop(sl_server *s);
/* Stop (when running) and release everything; NULL is a no-op. */
void sl_server_free(sl_server *s);

/* ---- clean in three steps, for threads (docs/scale.md) ----
 *
 * sl_clean is sl_clean_analyze, sl_clean_note and sl_clean_finish on one
 * document.  Only the note needs the documents before it (the memory of
 * lines that repeat within a source); the analysis (encoding repair,
 * normalisation, line features and hashes: almost all of the work) and the
 * finish (line classification and the rewrite) are the document's own, so
 * they can run on other threads:
 *
 *   any thread:    sl_clean_analyze(d, text, len, source, source_len)
 *   input order:   sl_clean_note(cleaner, d)
 *   any thread:    sl_clean_finish(d, &result)
 *
 * The same documents noted in the same order give the same bytes as
 * sl_clean, whatever thread analysed or finished them.  A sl_clean_doc
 * allocates with (and reports errors on) the context it was made with, and
 * is used by one thread at a time; sl_clean_note allocates and reports on
 * the cleaner's context only.  The text given to sl_clean_analyze must
 * stay unchanged until sl_clean_finish.  The document's options decide the
 * steps (the cleaner's are those of sl_clean). */
typedef struct sl_clean_doc sl_clean_doc;

int sl_clean_doc_new(sl_ctx *ctx, sl_clean_doc **out, const sl_clean_options *opts);
void sl_clean_doc_free(sl_clean_doc *d);
/* The stateless part.  A failure (SL_ENOMEM) leaves d empty: do not note it
 * (sl_clean does not learn from a document it failed on either). */
int sl_clean_analyze(sl_clean_doc *d, const char *text, size_t len, const char *source,
                     size_t source_len);
/* In input order: d's lines are counted in the cleaner's memory, and d
 * learns how often each was seen.  SL_EINVAL unless d was analysed (and
 * not noted) since. */
int sl_clean_note(sl_cleaner *c, sl_clean_doc *d);
/* The result, owned by d and valid until d is analysed again.  SL_EINVAL
 * unless d was noted since it was analysed. */
int sl_clean_finish(sl_clean_doc *d, const sl_clean_result **result);
/* sl_clean_field with d's options and buffers (valid until the next call);
 * it does not disturb d's result. */
int sl_clean_doc_field(sl_clean_doc *d, const char *text, size_t len, sl_str *out);

#ifdef __cplusplus
}
#endif
#endif
