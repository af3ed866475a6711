/* Facts: what facts.c (the pipeline and the results), facts_entities.c
 * (roles, titles and canonical names) and facts_published.c (the
 * publication date) share. */
#ifndef SL_FACTS_INTERNAL_H
#define SL_FACTS_INTERNAL_H

#include "core/core.h"
#include "facts/ner.h"
#include "facts/quotes.h"
#include "facts/timex.h"
#include "facts/timex_internal.h"

#include <stddef.h>

struct sl_facts {
    sl_ctx *ctx;
    sl_ner_model *ner;      /* NULL when neither entities nor quotes are asked */
    sl_timex_rules *rules;  /* NULL when neither timex nor published are asked */
    int entities, quotes, timex, published;
};

/* A word of a name: bytes [start, end) of the text (or of the title). */
typedef struct facts_word {
    size_t start, end;
} facts_word;

/* A mention while names are worked out.  The span is what is written; the
 * name is the span without titles and roles, as words[first..first+n). */
typedef struct facts_mention {
    size_t start, end;
    int type;               /* SL_NER_* */
    int in_title;           /* 1: found in the title: a full form, not written */
    size_t first_word, n_words;
    int role;               /* index in the role table, or -1 */
    size_t canon_of;        /* the mention whose name is the canonical one */
    size_t canon_off;       /* the canonical name in d->strings */
} facts_mention;

struct sl_facts_doc {
    sl_ctx *ctx;
    sl_buf strings;          /* NUL-terminated names, found by offset */
    facts_mention *mentions;
    size_t n_mentions, cap_mentions;
    facts_word *words;
    size_t n_words, cap_words;
    sl_fact_entity *entities;
    size_t n_entities, cap_entities;
    sl_fact_quote *quotes;
    size_t *speaker_off;     /* per quote: offset in strings, or SIZE_MAX */
    size_t n_quotes, cap_quotes, cap_speaker;
    sl_fact_timex *timex;
    size_t n_timex, cap_timex;
    sl_fact_evidence *evidence;
    size_t n_evidence, cap_evidence;
    sl_fact_published published;
    int has_published;
    const char *captions;    /* for the next extraction only (sl_facts_set_captions) */
    size_t captions_len;
};

/* Tag text (and title, when given) and fill d->mentions with roles, types
 * fixed and canonical names in d->strings.  Returns 0 or a negative code. */
int facts_find_entities(const sl_facts *f, sl_facts_doc *d, const char *text, size_t len,
                        const char *title, size_t title_len);
/* The role name of a role index ("spokesperson"). */
const char *facts_role_name(int role);
/* Append s[0..len) with its whitespace collapsed and a NUL to d->strings;
 * *off gets where it starts.  Returns 0 or SL_ENOMEM. */
int facts_put_string(sl_facts_doc *d, const char *s, size_t len, size_t *off);

/* Fill d->published (and d->evidence) for the doc's text and its captions
 * (may be NULL); *ref gets the reference date for the time expressions ("" when none).  Returns 0 or a code. */
int facts_find_published(sl_facts_doc *d, tx_doc *doc, tx_doc *captions, const char *given,
                         size_t given_len, char ref[11]);
/* A given date "YYYY-MM-DD..." cut to its day, or "" when it is not one. */
void facts_given_day(const char *given, size_t len, char out[11]);

#endif
