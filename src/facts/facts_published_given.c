/* The publication date when the inference (facts/pubdate.h) is not built
 * in: the date the caller gives, and nothing inferred.  facts_published.c
 * replaces this file once pubdate.c is part of the library. */
#include "facts/facts_internal.h"

#include <string.h>

int facts_find_published(const sl_facts *f, sl_facts_doc *d, const char *text, size_t len,
                         const char *given, size_t given_len, char ref[11])
{
    (void)f;
    (void)text;
    (void)len;
    sl_fact_published *o = &d->published;
    memset(o, 0, sizeof *o);
    facts_given_day(given, given_len, o->value);
    memcpy(o->earliest, o->value, sizeof o->value);
    memcpy(o->latest, o->value, sizeof o->value);
    o->given = o->value[0] != '\0';
    d->has_published = 1;
    memcpy(ref, o->value, 11);
    return SL_OK;
}
