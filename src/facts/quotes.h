/* Quotes and their sources: direct quotes in any quote style, partial
 * quotes, indirect speech, "according to" and beliefs credited to a source.
 * Rules about English, no model.  Offsets are byte offsets into the text
 * passed in.  See docs/quotes.md for the method and the measured figures. */
#ifndef SL_FACTS_QUOTES_H
#define SL_FACTS_QUOTES_H

#include "core/core.h"

#include <stddef.h>

/* Entity types of optional hints (from an NER stage). */
enum {
    SL_QENT_PER = 1,
    SL_QENT_ORG = 2,
    SL_QENT_LOC = 3,
    SL_QENT_MISC = 4
};

/* An optional entity hint: bytes [start, end) of the text, type SL_QENT_*.
 * Hints must be sorted by start and must not overlap. */
typedef struct sl_quote_entity {
    size_t start, end;
    int type;
} sl_quote_entity;

/* What kind of attribution a quote is. */
typedef enum sl_quote_kind {
    SL_QUOTE_DIRECT = 1,    /* the content is a quotation in quote marks */
    SL_QUOTE_PARTIAL = 2,   /* reported clause that contains quoted words */
    SL_QUOTE_INDIRECT = 3,  /* reported clause with a speech verb */
    SL_QUOTE_ACCORDING = 4, /* "according to X", "X: ..." headlines */
    SL_QUOTE_BELIEF = 5     /* belief or intention credited to a source */
} sl_quote_kind;

/* One attribution.  content is always set; source, cue and speaker only
 * when the matching has_* flag is set.  The speaker is the name the source
 * stands for: the name inside the source span ("Dmitry Peskov" in "Kremlin
 * spokesperson Dmitry Peskov"), the named person an earlier sentence gave
 * for "he" or "the aide", or the source span itself when nothing better is
 * known.  It may lie before the source in the text. */
typedef struct sl_quote {
    size_t content_start, content_end;
    size_t source_start, source_end;
    size_t cue_start, cue_end;
    size_t speaker_start, speaker_end;
    int has_source, has_cue, has_speaker;
    sl_quote_kind kind;
} sl_quote;

/* Find the quotes in text[0..len).  ents (may be NULL when nents is 0) are
 * optional entity hints that improve sources and speakers.  On success
 * *out holds *n quotes sorted by content start (NULL when none), to be
 * freed with sl_free(ctx, *out).  Returns 0, SL_EINVAL or SL_ENOMEM (then
 * *out is NULL and *n is 0).  Invalid UTF-8 is tolerated. */
int sl_quotes_find(sl_ctx *ctx, const char *text, size_t len, const sl_quote_entity *ents,
                   size_t nents, sl_quote **out, size_t *n);

/* The name of a kind ("direct", "partial", ...). */
const char *sl_quote_kind_name(sl_quote_kind kind);

#endif
