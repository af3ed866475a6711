/* Codec of a document's facts: what sl_facts_entities, sl_facts_quotes,
 * sl_facts_timexes and sl_facts_published return, so a decoded document
 * reads back exactly as the original (the store and `storyline facts`
 * read it through those functions only). */
#include "dist/dist.h"
#include "facts/facts_internal.h"

#include <string.h>

/* ------------------------------------------------------------- writing */

static int put_str(sl_buf *b, const char *s)
{
    /* 0: NULL; else length + 1, then the bytes */
    if (!s)
        return sl_dist_put_varint(b, 0);
    size_t len = strlen(s);
    int rc = sl_dist_put_varint(b, len + 1);
    return rc ? rc : sl_buf_append(b, s, len);
}

static int put_size(sl_buf *b, size_t v)
{
    return sl_dist_put_varint(b, v);
}

static int put_entities(sl_buf *b, const sl_facts_doc *p)
{
    const sl_fact_entity *e;
    size_t n = sl_facts_entities(p, &e);
    int rc = sl_dist_put_varint(b, n);
    for (size_t i = 0; !rc && i < n; i++) {
        rc = put_size(b, e[i].start);
        if (!rc) rc = put_size(b, e[i].end);
        if (!rc) rc = put_str(b, e[i].type);
        if (!rc) rc = put_str(b, e[i].canonical);
        if (!rc) rc = put_str(b, e[i].role);
    }
    return rc;
}

static int put_quotes(sl_buf *b, const sl_facts_doc *p)
{
    const sl_fact_quote *q;
    size_t n = sl_facts_quotes(p, &q);
    int rc = sl_dist_put_varint(b, n);
    for (size_t i = 0; !rc && i < n; i++) {
        const size_t spans[8] = { q[i].content_start, q[i].content_end, q[i].source_start,
                                  q[i].source_end, q[i].cue_start, q[i].cue_end,
                                  q[i].speaker_start, q[i].speaker_end };
        for (size_t k = 0; !rc && k < 8; k++)
            rc = put_size(b, spans[k]);
        unsigned flags = (q[i].has_source != 0) | (q[i].has_cue != 0) << 1 |
                         (q[i].has_speaker != 0) << 2;
        if (!rc) rc = sl_dist_put_varint(b, flags);
        if (!rc) rc = put_str(b, q[i].kind);
        if (!rc) rc = put_str(b, q[i].speaker);
    }
    return rc;
}

static int put_timexes(sl_buf *b, const sl_facts_doc *p)
{
    const sl_fact_timex *t;
    size_t n = sl_facts_timexes(p, &t);
    int rc = sl_dist_put_varint(b, n);
    for (size_t i = 0; !rc && i < n; i++) {
        rc = put_size(b, t[i].start);
        if (!rc) rc = put_size(b, t[i].end);
        if (!rc) rc = put_str(b, t[i].type);
        if (!rc) rc = put_str(b, t[i].value);
    }
    return rc;
}

static int put_published(sl_buf *b, const sl_facts_doc *p)
{
    const sl_fact_published *pub = sl_facts_published(p);
    int rc = sl_dist_put_varint(b, pub != NULL);
    if (rc || !pub)
        return rc;
    rc = put_str(b, pub->value);
    if (!rc) rc = put_str(b, pub->earliest);
    if (!rc) rc = put_str(b, pub->latest);
    if (!rc) rc = sl_dist_put_varint(b, (pub->given != 0) | (pub->contradicted != 0) << 1);
    if (!rc) rc = sl_dist_put_varint(b, pub->n_evidence);
    for (size_t i = 0; !rc && i < pub->n_evidence; i++) {
        const sl_fact_evidence *e = &pub->evidence[i];
        rc = put_str(b, e->kind);
        if (!rc) rc = put_size(b, e->start);
        if (!rc) rc = put_size(b, e->end);
        if (!rc) rc = put_str(b, e->earliest);
        if (!rc) rc = put_str(b, e->latest);
        if (!rc) rc = put_str(b, e->text);
        if (!rc) rc = sl_dist_put_varint(b, (uint64_t)(e->used != 0));
    }
    return rc;
}

int sl_dist_put_facts_doc(sl_buf *b, const sl_facts_doc *p)
{
    int rc = put_entities(b, p);
    if (!rc) rc = put_quotes(b, p);
    if (!rc) rc = put_timexes(b, p);
    if (!rc) rc = put_published(b, p);
    return rc;
}

/* ------------------------------------------------------------- reading */

/* Copy a fixed-size string (value, earliest, ...) with its bound. */
static void get_fixed(sl_dist_dec *dec, char *out, size_t cap)
{
    uint64_t n = sl_dist_get_varint(dec);
    out[0] = '\0';
    if (n == 0 || dec->bad)
        return;
    size_t len = (size_t)(n - 1);
    if (len >= cap || len > (size_t)(dec->end - dec->p)) {
        dec->bad = 1;
        return;
    }
    memcpy(out, dec->p, len);
    out[len] = '\0';
    dec->p += len;
}

/* Strings go to d->strings, and their offsets are kept (the buffer moves
 * while it grows); they become pointers at the end.  SIZE_MAX: NULL. */
static size_t put_string(sl_dist_dec *dec, sl_facts_doc *d, int *rc)
{
    uint64_t n = sl_dist_get_varint(dec);
    if (n == 0 || dec->bad || *rc)
        return SIZE_MAX;
    size_t len = (size_t)(n - 1);
    if (len > (size_t)(dec->end - dec->p)) {
        dec->bad = 1;
        return SIZE_MAX;
    }
    size_t off = d->strings.len;
    *rc = sl_buf_append(&d->strings, dec->p, len);
    if (!*rc)
        *rc = sl_buf_putc(&d->strings, '\0');
    dec->p += len;
    return off;
}

static size_t get_count(sl_dist_dec *dec)
{
    uint64_t n = sl_dist_get_varint(dec);
    if (n > (uint64_t)(dec->end - dec->p)) {
        dec->bad = 1;
        return 0;
    }
    return (size_t)n;
}

static const char *at(const sl_facts_doc *d, size_t off)
{
    return off == SIZE_MAX ? NULL : d->strings.ptr + off;
}

/* Offsets of each entity's strings, kept in its pointer fields as
 * integers until the strings stop moving. */
typedef struct ent_offs {
    size_t type, canonical, role;
} ent_offs;

static int get_entities(sl_dist_dec *dec, sl_facts_doc *d, ent_offs **offs)
{
    size_t n = get_count(dec);
    int rc = n ? sl_grow(d->ctx, (void **)&d->entities, &d->cap_entities, n, sizeof *d->entities)
               : SL_OK;
    *offs = n && !rc ? sl_malloc(d->ctx, n * sizeof **offs) : NULL;
    if (n && !rc && !*offs)
        rc = sl_oom(d->ctx);
    for (size_t i = 0; !rc && !dec->bad && i < n; i++) {
        sl_fact_entity *e = &d->entities[i];
        memset(e, 0, sizeof *e);
        e->start = (size_t)sl_dist_get_varint(dec);
        e->end = (size_t)sl_dist_get_varint(dec);
        (*offs)[i].type = put_string(dec, d, &rc);
        (*offs)[i].canonical = put_string(dec, d, &rc);
        (*offs)[i].role = put_string(dec, d, &rc);
        d->n_entities = i + 1;
    }
    return rc;
}

typedef struct quote_offs {
    size_t kind, speaker;
} quote_offs;

static int get_quotes(sl_dist_dec *dec, sl_facts_doc *d, quote_offs **offs)
{
    size_t n = get_count(dec);
    int rc = n ? sl_grow(d->ctx, (void **)&d->quotes, &d->cap_quotes, n, sizeof *d->quotes)
               : SL_OK;
    *offs = n && !rc ? sl_malloc(d->ctx, n * sizeof **offs) : NULL;
    if (n && !rc && !*offs)
        rc = sl_oom(d->ctx);
    for (size_t i = 0; !rc && !dec->bad && i < n; i++) {
        sl_fact_quote *q = &d->quotes[i];
        memset(q, 0, sizeof *q);
        size_t *spans[8] = { &q->content_start, &q->content_end, &q->source_start,
                             &q->source_end, &q->cue_start, &q->cue_end, &q->speaker_start,
                             &q->speaker_end };
        for (size_t k = 0; k < 8; k++)
            *spans[k] = (size_t)sl_dist_get_varint(dec);
        uint64_t flags = sl_dist_get_varint(dec);
        q->has_source = (flags & 1) != 0;
        q->has_cue = (flags & 2) != 0;
        q->has_speaker = (flags & 4) != 0;
        (*offs)[i].kind = put_string(dec, d, &rc);
        (*offs)[i].speaker = put_string(dec, d, &rc);
        d->n_quotes = i + 1;
    }
    return rc;
}

static int get_timexes(sl_dist_dec *dec, sl_facts_doc *d, size_t **type_offs)
{
    size_t n = get_count(dec);
    int rc = n ? sl_grow(d->ctx, (void **)&d->timex, &d->cap_timex, n, sizeof *d->timex) : SL_OK;
    *type_offs = n && !rc ? sl_malloc(d->ctx, n * sizeof **type_offs) : NULL;
    if (n && !rc && !*type_offs)
        rc = sl_oom(d->ctx);
    for (size_t i = 0; !rc && !dec->bad && i < n; i++) {
        sl_fact_timex *t = &d->timex[i];
        memset(t, 0, sizeof *t);
        t->start = (size_t)sl_dist_get_varint(dec);
        t->end = (size_t)sl_dist_get_varint(dec);
        (*type_offs)[i] = put_string(dec, d, &rc);
        get_fixed(dec, t->value, sizeof t->value);
        d->n_timex = i + 1;
    }
    return rc;
}

static int get_published(sl_dist_dec *dec, sl_facts_doc *d, size_t **kind_offs)
{
    *kind_offs = NULL;
    d->has_published = sl_dist_get_varint(dec) != 0;
    if (!d->has_published || dec->bad)
        return SL_OK;
    sl_fact_published *pub = &d->published;
    get_fixed(dec, pub->value, sizeof pub->value);
    get_fixed(dec, pub->earliest, sizeof pub->earliest);
    get_fixed(dec, pub->latest, sizeof pub->latest);
    uint64_t flags = sl_dist_get_varint(dec);
    pub->given = (flags & 1) != 0;
    pub->contradicted = (flags & 2) != 0;
    size_t n = get_count(dec);
    int rc = n ? sl_grow(d->ctx, (void **)&d->evidence, &d->cap_evidence, n, sizeof *d->evidence)
               : SL_OK;
    *kind_offs = n && !rc ? sl_malloc(d->ctx, n * sizeof **kind_offs) : NULL;
    if (n && !rc && !*kind_offs)
        rc = sl_oom(d->ctx);
    for (size_t i = 0; !rc && !dec->bad && i < n; i++) {
        sl_fact_evidence *e = &d->evidence[i];
        memset(e, 0, sizeof *e);
        (*kind_offs)[i] = put_string(dec, d, &rc);
        e->start = (size_t)sl_dist_get_varint(dec);
        e->end = (size_t)sl_dist_get_varint(dec);
        get_fixed(dec, e->earliest, sizeof e->earliest);
        get_fixed(dec, e->latest, sizeof e->latest);
        get_fixed(dec, e->text, sizeof e->text);
        e->used = sl_dist_get_varint(dec) != 0;
        d->n_evidence = i + 1;
    }
    return rc;
}

/* The strings have stopped moving: offsets become pointers. */
static void point(sl_facts_doc *d, const ent_offs *eo, const quote_offs *qo, const size_t *to,
                  const size_t *ko)
{
    for (size_t i = 0; i < d->n_entities; i++) {
        d->entities[i].type = at(d, eo[i].type);
        d->entities[i].canonical = at(d, eo[i].canonical);
        d->entities[i].role = at(d, eo[i].role);
    }
    for (size_t i = 0; i < d->n_quotes; i++) {
        d->quotes[i].kind = at(d, qo[i].kind);
        d->quotes[i].speaker = at(d, qo[i].speaker);
    }
    for (size_t i = 0; i < d->n_timex; i++)
        d->timex[i].type = at(d, to[i]);
    for (size_t i = 0; i < d->n_evidence; i++)
        d->evidence[i].kind = at(d, ko[i]);
    d->published.evidence = d->n_evidence ? d->evidence : NULL;
    d->published.n_evidence = d->n_evidence;
}

static void clear(sl_facts_doc *d)
{
    sl_buf_reset(&d->strings);
    d->n_mentions = d->n_words = d->n_entities = d->n_quotes = d->n_timex = d->n_evidence = 0;
    memset(&d->published, 0, sizeof d->published);
    d->has_published = 0;
}

int sl_dist_get_facts_doc(sl_dist_dec *dec, sl_facts_doc *d)
{
    clear(d);
    ent_offs *eo = NULL;
    quote_offs *qo = NULL;
    size_t *to = NULL, *ko = NULL;
    int rc = get_entities(dec, d, &eo);
    if (!rc) rc = get_quotes(dec, d, &qo);
    if (!rc) rc = get_timexes(dec, d, &to);
    if (!rc) rc = get_published(dec, d, &ko);
    if (!rc && !dec->bad)
        point(d, eo, qo, to, ko);
    sl_free(d->ctx, eo);
    sl_free(d->ctx, qo);
    sl_free(d->ctx, to);
    sl_free(d->ctx, ko);
    if (rc || dec->bad) {
        clear(d);
        return rc ? rc : sl_error(d->ctx, SL_EPARSE, "dist: damaged facts");
    }
    return SL_OK;
}
