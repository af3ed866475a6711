/* Facts of a document: the public API over the NER tagger, the quote
 * finder, the time expressions and the publication date.
 *
 * Order of work in sl_facts_extract: entities (with canonical names),
 * quotes (the entities are their hints, and name their speakers), the
 * publication date, then time expressions resolved against the given or
 * inferred date.  Names are kept as offsets into d->strings while it
 * grows and become pointers at the end. */
#include "facts/facts_internal.h"

#include <string.h>

static const char *const type_names[] = { "PER", "ORG", "LOC", "MISC" };

/* ------------------------------------------------------------ handles */

static int load_models(sl_facts *f, const sl_facts_options *o)
{
    sl_ctx *ctx = f->ctx;
    if ((f->entities || f->quotes) && !o->ner_model)
        return sl_error(ctx, SL_EINVAL, "facts: entities and quotes need an NER model file");
    if ((f->timex || f->published) && !o->time_rules)
        return sl_error(ctx, SL_EINVAL, "facts: time expressions need a time rules file");
    if (f->entities || f->quotes) {
        int rc = sl_ner_model_load(ctx, o->ner_model, &f->ner);
        if (rc)
            return rc;
    }
    if (f->timex || f->published)
        return sl_timex_rules_load(ctx, o->time_rules, &f->rules);
    return SL_OK;
}

int sl_facts_new(sl_ctx *ctx, sl_facts **out, const sl_facts_options *opts)
{
    if (!out)
        return ctx ? sl_error(ctx, SL_EINVAL, "sl_facts_new: out is NULL") : SL_EINVAL;
    *out = NULL;
    if (!ctx)
        return SL_EINVAL;
    sl_facts_options o = SL_FACTS_OPTIONS_INIT;
    if (opts) {
        if (opts->version != SL_FACTS_OPTIONS_VERSION)
            return sl_error(ctx, SL_EINVAL, "sl_facts_new: options version %u, expected %u",
                            opts->version, SL_FACTS_OPTIONS_VERSION);
        o = *opts;
    }
    sl_facts *f = sl_calloc(ctx, 1, sizeof *f);
    if (!f)
        return sl_oom(ctx);
    f->ctx = ctx;
    f->entities = o.entities != 0;
    f->quotes = o.quotes != 0;
    f->timex = o.timex != 0;
    f->published = o.published != 0;
    int rc = load_models(f, &o);
    if (rc) {
        sl_facts_free(f);
        return rc;
    }
    *out = f;
    return SL_OK;
}

void sl_facts_free(sl_facts *f)
{
    if (!f)
        return;
    sl_ner_model_free(f->ner);
    sl_timex_rules_free(f->rules);
    sl_free(f->ctx, f);
}

int sl_facts_doc_new(sl_ctx *ctx, sl_facts_doc **out)
{
    if (!out)
        return ctx ? sl_error(ctx, SL_EINVAL, "sl_facts_doc_new: out is NULL") : SL_EINVAL;
    *out = NULL;
    if (!ctx)
        return SL_EINVAL;
    sl_facts_doc *d = sl_calloc(ctx, 1, sizeof *d);
    if (!d)
        return sl_oom(ctx);
    d->ctx = ctx;
    sl_buf_init(&d->strings, ctx);
    *out = d;
    return SL_OK;
}

void sl_facts_doc_free(sl_facts_doc *d)
{
    if (!d)
        return;
    sl_ctx *ctx = d->ctx;
    sl_buf_release(&d->strings);
    sl_free(ctx, d->mentions);
    sl_free(ctx, d->words);
    sl_free(ctx, d->entities);
    sl_free(ctx, d->quotes);
    sl_free(ctx, d->speaker_off);
    sl_free(ctx, d->timex);
    sl_free(ctx, d->evidence);
    sl_free(ctx, d);
}

static void clear_doc(sl_facts_doc *d)
{
    sl_buf_reset(&d->strings);
    d->n_mentions = d->n_words = d->n_entities = d->n_quotes = d->n_timex = d->n_evidence = 0;
    memset(&d->published, 0, sizeof d->published);
    d->has_published = 0;
}

int facts_put_string(sl_facts_doc *d, const char *s, size_t len, size_t *off)
{
    *off = d->strings.len;
    bool space = false, any = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = any;
            continue;
        }
        if ((space && sl_buf_putc(&d->strings, ' ')) || sl_buf_putc(&d->strings, c))
            return SL_ENOMEM;
        space = false;
        any = true;
    }
    /* the NUL ends the string; sl_buf keeps one after len, this one stays */
    return sl_buf_putc(&d->strings, '\0') ? SL_ENOMEM : SL_OK;
}

/* ------------------------------------------------------------ quotes */

/* The entity hints of the text (not the title), in text order. */
static int quote_hints(sl_facts_doc *d, sl_quote_entity **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (d->n_mentions == 0)
        return SL_OK;
    sl_quote_entity *h = sl_malloc(d->ctx, d->n_mentions * sizeof *h);
    if (!h)
        return SL_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const facts_mention *m = &d->mentions[i];
        if (m->in_title || (k && m->start < h[k - 1].end))
            continue;
        h[k++] = (sl_quote_entity){ m->start, m->end, m->type + 1 };
    }
    *out = h;
    *n = k;
    return SL_OK;
}

/* The canonical name of the entity at the speaker span (a person first),
 * else the span's own text. */
static int speaker_name(sl_facts_doc *d, const char *text, const sl_quote *q, size_t *off)
{
    const facts_mention *best = NULL;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const facts_mention *m = &d->mentions[i];
        if (m->in_title || m->end <= q->speaker_start || m->start >= q->speaker_end)
            continue;
        /* a place or a nationality names the speaker only when it is
         * all of the span ("Ukrainian" is not "the Ukrainian government") */
        bool whole = m->start <= q->speaker_start && m->end >= q->speaker_end;
        if (m->type != SL_NER_PER && m->type != SL_NER_ORG && !whole)
            continue;
        if (!best || (m->type == SL_NER_PER && best->type != SL_NER_PER))
            best = m;
    }
    if (best) {
        *off = best->canon_off;
        return SL_OK;
    }
    return facts_put_string(d, text + q->speaker_start, q->speaker_end - q->speaker_start, off);
}

static int copy_quote(sl_facts_doc *d, const char *text, const sl_quote *q)
{
    sl_fact_quote *o = &d->quotes[d->n_quotes];
    *o = (sl_fact_quote){ q->content_start, q->content_end, q->source_start, q->source_end,
                          q->cue_start, q->cue_end, q->speaker_start, q->speaker_end,
                          q->has_source, q->has_cue, q->has_speaker,
                          sl_quote_kind_name(q->kind), NULL };
    size_t off = SIZE_MAX;
    int rc = q->has_speaker ? speaker_name(d, text, q, &off) : SL_OK;
    d->speaker_off[d->n_quotes++] = off;
    return rc;
}

static int find_quotes(sl_facts_doc *d, const char *text, size_t len)
{
    sl_quote_entity *hints;
    size_t nh, nq = 0;
    sl_quote *q = NULL;
    int rc = quote_hints(d, &hints, &nh);
    if (!rc)
        rc = sl_quotes_find(d->ctx, text, len, hints, nh, &q, &nq);
    sl_free(d->ctx, hints);
    if (!rc && nq &&
        (sl_grow(d->ctx, (void **)&d->quotes, &d->cap_quotes, nq, sizeof *d->quotes) ||
         sl_grow(d->ctx, (void **)&d->speaker_off, &d->cap_speaker, nq, sizeof *d->speaker_off)))
        rc = SL_ENOMEM;
    for (size_t i = 0; !rc && i < nq; i++)
        rc = copy_quote(d, text, &q[i]);
    sl_free(d->ctx, q);
    return rc;
}

/* ------------------------------------------------------------ timex */

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int number(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

void facts_given_day(const char *given, size_t len, char out[11])
{
    out[0] = '\0';
    if (!given || len < 10 || !digits(given, 4) || given[4] != '-' || !digits(given + 5, 2) ||
        given[7] != '-' || !digits(given + 8, 2) || (len > 10 && digits(given + 10, 1)))
        return;
    int y = number(given, 4), m = number(given + 5, 2), d = number(given + 8, 2);
    int y2, m2, d2;
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return;
    /* a real day: 2021-02-30 does not come back the same */
    sl_civil_from_days(sl_days_from_civil(y, m, d), &y2, &m2, &d2);
    if (y2 != y || m2 != m || d2 != d)
        return;
    memcpy(out, given, 10);
    out[10] = '\0';
}


static int find_timex(sl_facts_doc *d, tx_doc *doc, const char *ref)
{
    sl_timex *tx = NULL;
    size_t n = 0;
    int rc = tx_doc_find(doc, ref[0] ? ref : NULL, &tx, &n);
    if (!rc && n && sl_grow(d->ctx, (void **)&d->timex, &d->cap_timex, n, sizeof *d->timex))
        rc = SL_ENOMEM;
    for (size_t i = 0; !rc && i < n; i++) {
        sl_fact_timex *o = &d->timex[i];
        o->start = tx[i].start;
        o->end = tx[i].end;
        o->type = sl_timex_type_name(tx[i].type);
        memcpy(o->value, tx[i].value, sizeof o->value);
        o->value[sizeof o->value - 1] = '\0';
        d->n_timex = i + 1;
    }
    sl_free(d->ctx, tx);
    return rc;
}

/* ------------------------------------------------------------ results */

/* Names become pointers once d->strings has stopped growing. */
static int finish(const sl_facts *f, sl_facts_doc *d)
{
    const char *s = d->strings.ptr;
    for (size_t i = 0; i < d->n_quotes; i++)
        d->quotes[i].speaker = d->speaker_off[i] == SIZE_MAX ? NULL : s + d->speaker_off[i];
    if (!f->entities)
        return SL_OK;
    if (d->n_mentions && sl_grow(d->ctx, (void **)&d->entities, &d->cap_entities,
                                 d->n_mentions, sizeof *d->entities))
        return SL_ENOMEM;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const facts_mention *m = &d->mentions[i];
        if (m->in_title)
            continue;
        d->entities[d->n_entities++] = (sl_fact_entity){ m->start, m->end, type_names[m->type],
                                                         s + m->canon_off,
                                                         facts_role_name(m->role) };
    }
    return SL_OK;
}

static int published_with_captions(const sl_facts *f, sl_facts_doc *d, tx_doc *doc,
                                   const char *published, size_t published_len, char ref[11])
{
    if (!d->captions_len)
        return facts_find_published(d, doc, NULL, published, published_len, ref);
    tx_doc captions;
    int rc = tx_doc_open(d->ctx, f->rules, d->captions, d->captions_len, &captions);
    if (rc)
        return rc;
    rc = facts_find_published(d, doc, &captions, published, published_len, ref);
    tx_doc_close(&captions);
    return rc;
}

static int extract(const sl_facts *f, sl_facts_doc *d, const char *text, size_t len,
                   const char *title, size_t title_len, const char *published,
                   size_t published_len)
{
    char ref[11] = "";
    int rc = SL_OK;
    if (f->entities || f->quotes)
        rc = facts_find_entities(f, d, text, len, title, title_len);
    if (!rc && f->quotes)
        rc = find_quotes(d, text, len);
    if (rc || !(f->published || f->timex))
        return rc ? rc : finish(f, d);
    /* the publication date and the final pass share the tokens and matches */
    tx_doc doc;
    rc = tx_doc_open(d->ctx, f->rules, text, len, &doc);
    if (rc)
        return rc;
    if (f->published)
        rc = published_with_captions(f, d, &doc, published, published_len, ref);
    else
        facts_given_day(published, published_len, ref);
    if (!rc && f->timex)
        rc = find_timex(d, &doc, ref);
    tx_doc_close(&doc);
    if (!rc)
        rc = finish(f, d);
    return rc;
}

int sl_facts_set_captions(sl_facts_doc *d, const char *captions, size_t len)
{
    if (!d)
        return SL_EINVAL;
    if (!captions && len)
        return sl_error(d->ctx, SL_EINVAL, "sl_facts_set_captions: bad argument");
    d->captions = captions;
    d->captions_len = len;
    return SL_OK;
}

int sl_facts_extract(const sl_facts *f, sl_facts_doc *d, const char *text, size_t len,
                     const char *title, size_t title_len, const char *published,
                     size_t published_len)
{
    if (!d)
        return SL_EINVAL;
    clear_doc(d);
    if (!f || (!text && len) || (!title && title_len) || (!published && published_len)) {
        d->captions = NULL;
        d->captions_len = 0;
        return sl_error(d->ctx, SL_EINVAL, "sl_facts_extract: bad argument");
    }
    if (!text)
        text = "";
    int rc = extract(f, d, text, len, title, title_len, published, published_len);
    d->captions = NULL; /* they were for this document only */
    d->captions_len = 0;
    if (rc) {
        clear_doc(d);
        return rc == SL_ENOMEM ? sl_oom(d->ctx) : rc;
    }
    return SL_OK;
}

size_t sl_facts_entities(const sl_facts_doc *d, const sl_fact_entity **out)
{
    *out = d && d->n_entities ? d->entities : NULL;
    return d ? d->n_entities : 0;
}

size_t sl_facts_quotes(const sl_facts_doc *d, const sl_fact_quote **out)
{
    *out = d && d->n_quotes ? d->quotes : NULL;
    return d ? d->n_quotes : 0;
}

size_t sl_facts_timexes(const sl_facts_doc *d, const sl_fact_timex **out)
{
    *out = d && d->n_timex ? d->timex : NULL;
    return d ? d->n_timex : 0;
}

const sl_fact_published *sl_facts_published(const sl_facts_doc *d)
{
    return d && d->has_published ? &d->published : NULL;
}
