/* The publication date of a document: given by the caller, or inferred
 * from the dated facts of its text (facts/pubdate.h). */
#include "facts/facts_internal.h"
#include "facts/pubdate_internal.h"

#include <string.h>

/* "" for an unknown or unbounded side (and for days beyond year 9999). */
static void format_day(int32_t day, char out[11])
{
    sl_pubdate_format_day(day, out, 11);
}

static int copy_evidence(sl_facts_doc *d, const sl_pubdate *p)
{
    if (p->n_evidence && sl_grow(d->ctx, (void **)&d->evidence, &d->cap_evidence,
                                 p->n_evidence, sizeof *d->evidence))
        return SL_ENOMEM;
    for (size_t i = 0; i < p->n_evidence; i++) {
        const sl_pubdate_evidence *e = &p->evidence[i];
        sl_fact_evidence *o = &d->evidence[i];
        o->kind = sl_pubdate_evidence_name(e->kind);
        o->start = e->start;
        o->end = e->end;
        format_day(e->first_day, o->earliest);
        format_day(e->last_day, o->latest);
        memcpy(o->text, e->text, sizeof o->text);
        o->text[sizeof o->text - 1] = '\0';
        o->used = e->used;
        o->in_captions = e->in_captions;
    }
    d->n_evidence = p->n_evidence;
    return SL_OK;
}

int facts_find_published(sl_facts_doc *d, tx_doc *doc, tx_doc *captions, const char *given,
                         size_t given_len, char ref[11])
{
    char day[11];
    facts_given_day(given, given_len, day);
    sl_pubdate p;
    memset(&p, 0, sizeof p);
    int rc = pd_infer_doc(doc, captions, day[0] ? day : NULL, day[0] ? 10 : 0, &p);
    if (!rc)
        rc = copy_evidence(d, &p);
    if (!rc) {
        sl_fact_published *o = &d->published;
        format_day(p.value_day, o->value);
        format_day(p.earliest_day, o->earliest);
        format_day(p.latest_day, o->latest);
        o->given = p.given;
        o->contradicted = p.contradicted;
        o->evidence = d->n_evidence ? d->evidence : NULL;
        o->n_evidence = d->n_evidence;
        d->has_published = 1;
        memcpy(ref, day[0] ? day : o->value, 11);
    }
    sl_pubdate_release(d->ctx, &p);
    return rc;
}
