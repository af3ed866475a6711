/* The timeline: for each event of the loaded story, its date with the
 * evidence, a summary sentence, the sources and the key quotes. */
#include "timeline/timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

static void format_day(int64_t day, char out[11])
{
    if (day == TL_NO_DAY) {
        out[0] = '\0';
        return;
    }
    sl_day_format(day, out);
}

/* A timex value as a day: "YYYY-MM-DD", or "XXXX-MM-DD" given the year
 * that puts it nearest the anchor day. */
static int64_t timex_day(sl_str value, int64_t anchor)
{
    int64_t day = tl_parse_day(value);
    if (day != TL_NO_DAY || value.len < 10 || memcmp(value.ptr, "XXXX-", 5) != 0 ||
        anchor == TL_NO_DAY)
        return day;
    char buf[11];
    sl_day_format(anchor, buf);
    int year = atoi(buf);
    int64_t best = TL_NO_DAY;
    for (int y = year - 1; y <= year + 1; y++) {
        char try[11];
        memcpy(try, buf, 4);
        try[0] = (char)('0' + y / 1000 % 10);
        try[1] = (char)('0' + y / 100 % 10);
        try[2] = (char)('0' + y / 10 % 10);
        try[3] = (char)('0' + y % 10);
        memcpy(try + 4, value.ptr + 4, 6);
        try[10] = '\0';
        int64_t d = tl_parse_day((sl_str){ try, 10 });
        if (d != TL_NO_DAY && (best == TL_NO_DAY || llabs(d - anchor) < llabs(best - anchor)))
            best = d;
    }
    return best;
}

static sl_tl_span span_of(const tl_story *st, uint32_t d, size_t start, size_t end)
{
    return (sl_tl_span){ st->docs[d].doc, st->docs[d].id, start, end };
}

/* ---------------------------------------------------------------- summary */

typedef struct event_work {
    sl_timeline *t;
    uint32_t *members; size_t n_members;
    double *centroid;        /* dense, one weight per term */
    double *docvec;          /* one document's sum, cleared after use */
    double *idf;
    uint8_t *dated_sent;     /* sentences holding a dated expression */
} event_work;

static double sentence_weight(const tl_story *st, const event_work *w, const tl_sent *s,
                              uint32_t k)
{
    (void)s;
    uint32_t term = st->text.toks[k].term;
    return st->vocab.stop[term] || st->vocab.terms[term].len < 2 ? 0.0 : w->idf[term];
}

/* Add the sentence's normalised TF-IDF vector into acc (scale), or return
 * its cosine with acc (of norm acc_norm) when acc_norm > 0. */
static double sentence_vector(const tl_story *st, const event_work *w, const tl_sent *s,
                              double *acc, double acc_norm)
{
    double norm = 0, dot = 0;
    for (uint32_t k = s->first; k < s->first + s->n; k++) {
        double x = sentence_weight(st, w, s, k);
        norm += x * x;
    }
    if (norm <= 0)
        return 0;
    norm = sqrt(norm);
    for (uint32_t k = s->first; k < s->first + s->n; k++) {
        double x = sentence_weight(st, w, s, k) / norm;
        if (acc_norm > 0)
            dot += x * acc[st->text.toks[k].term];
        else
            acc[st->text.toks[k].term] += x;
    }
    return acc_norm > 0 ? dot / acc_norm : 0;
}

/* Normalise the document's vector into the centroid and clear it (only
 * its own terms are touched). */
static void add_document(const tl_story *st, event_work *w, const tl_doc *d)
{
    if (!d->n_sents)
        return;
    const tl_sent *a = &st->text.sents[d->first_sent];
    const tl_sent *z = &st->text.sents[d->first_sent + d->n_sents - 1];
    double norm = 0;
    for (uint32_t k = a->first; k < z->first + z->n; k++) {
        uint32_t term = st->text.toks[k].term;
        if (w->docvec[term] < 0)
            continue; /* counted already */
        norm += w->docvec[term] * w->docvec[term];
        w->docvec[term] = -w->docvec[term] - 1.0;
    }
    norm = sqrt(norm);
    for (uint32_t k = a->first; k < z->first + z->n; k++) {
        uint32_t term = st->text.toks[k].term;
        if (w->docvec[term] < 0) {
            double x = -(w->docvec[term] + 1.0);
            if (norm > 0)
                w->centroid[term] += x / norm;
            w->docvec[term] = 0;
        }
    }
}

static int starts_with_quote(const tl_story *st, const tl_sent *s)
{
    const unsigned char *p = (const unsigned char *)st->docs[s->doc].text.ptr + s->start;
    return p[0] == '"' || (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x9c || p[2] == 0x98));
}

static void choose_summary(const tl_story *st, event_work *w, sl_tl_event *e, uint32_t *best_sent)
{
    sl_ctx *ctx = w->t->ctx;
    (void)ctx;
    /* Each document weighs the same in the centroid, whatever its length:
     * what several outlets say outweighs what one repeats. */
    memset(w->centroid, 0, st->vocab.n * sizeof *w->centroid);
    for (size_t m = 0; m < w->n_members; m++) {
        const tl_doc *d = &st->docs[w->members[m]];
        if (d->copy)
            continue;
        for (uint32_t i = d->first_sent; i < d->first_sent + d->n_sents; i++)
            if (st->text.sents[i].candidate)
                sentence_vector(st, w, &st->text.sents[i], w->docvec, 0);
        add_document(st, w, d);
    }
    double cnorm = 0;
    for (size_t i = 0; i < st->vocab.n; i++)
        cnorm += w->centroid[i] * w->centroid[i];
    cnorm = sqrt(cnorm);
    double best = -1;
    *best_sent = UINT32_MAX;
    for (size_t m = 0; m < w->n_members && cnorm > 0; m++) {
        const tl_doc *d = &st->docs[w->members[m]];
        if (d->copy)
            continue;
        for (uint32_t i = d->first_sent; i < d->first_sent + d->n_sents; i++) {
            const tl_sent *s = &st->text.sents[i];
            if (!s->candidate)
                continue;
            double score = sentence_vector(st, w, s, w->centroid, cnorm);
            score *= 1.0 + 0.3 / (1.0 + s->index);   /* news states the event early */
            if (w->dated_sent[i])
                score += 0.05;
            if (starts_with_quote(st, s))
                score *= 0.7;                         /* a quote reports, it seldom states */
            if (score > best + 1e-12) {
                best = score;
                *best_sent = i;
            }
        }
    }
    if (*best_sent == UINT32_MAX)
        return;
    const tl_sent *s = &st->text.sents[*best_sent];
    const tl_doc *d = &st->docs[s->doc];
    e->summary = (sl_str){ d->text.ptr + s->start, s->end - s->start };
    e->summary_at = span_of(st, s->doc, s->start, s->end);
    e->summary_source = d->source;
    e->summary_score = best;
}

/* ---------------------------------------------------------------- dates */

typedef struct day_vote {
    int64_t day;
    int weight;
} day_vote;

static int cmp_vote(const void *a, const void *b)
{
    const day_vote *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

/* Is fact f (a timex) in one of the document's event sentences: its first
 * three, or the summary? */
static int in_event_sentence(const tl_story *st, const tl_fact *f, uint32_t summary)
{
    const tl_doc *d = &st->docs[f->doc];
    for (uint32_t i = d->first_sent; i < d->first_sent + d->n_sents; i++) {
        const tl_sent *s = &st->text.sents[i];
        if (f->start >= s->start && f->end <= s->end)
            return s->index < 3 || i == summary;
    }
    return 0;
}

static int add_evidence(sl_timeline *t, sl_tl_evidence *ev, size_t *n, const char *kind,
                        const char *value, sl_str text, sl_tl_span at)
{
    sl_str v = tl_strdup(&t->out, (sl_str){ value, strlen(value) });
    if (!v.ptr)
        return sl_oom(t->ctx);
    ev[(*n)++] = (sl_tl_evidence){ kind, v, text, at };
    return SL_OK;
}

/* An event no member dates closely may still be bounded: its members are
 * published about the same time, so it lies after the latest of their
 * lower bounds and before the earliest of their upper bounds ("before
 * 2022-02-04" from "will attend the 24th Winter Olympic Games").  Members
 * whose bounds exclude each other bound nothing. */
static void bound_event(const tl_story *st, const event_work *w, int64_t *lo, int64_t *hi)
{
    int64_t a = TL_NO_DAY, b = TL_NO_DAY;
    for (size_t m = 0; m < w->n_members; m++) {
        const tl_doc *d = &st->docs[w->members[m]];
        if (d->bound_lo != TL_NO_DAY && (a == TL_NO_DAY || d->bound_lo > a))
            a = d->bound_lo;
        if (d->bound_hi != TL_NO_DAY && (b == TL_NO_DAY || d->bound_hi < b))
            b = d->bound_hi;
    }
    if (a != TL_NO_DAY && b != TL_NO_DAY && a > b)
        return;
    *lo = a;
    *hi = b;
}

static int date_event(sl_timeline *t, event_work *w, sl_tl_event *e, uint32_t summary)
{
    const tl_story *st = &t->story;
    size_t n_timex = st->n_facts[STORE_TL_TIMEX];
    sl_tl_evidence *ev = tl_alloc(&t->out, (w->n_members + n_timex + 1) * sizeof *ev);
    day_vote *votes = tl_alloc(&t->out, (w->n_members + n_timex + 1) * sizeof *votes);
    if (!ev || !votes)
        return sl_oom(t->ctx);
    size_t n_ev = 0, n_votes = 0;
    int64_t lo = TL_NO_DAY, hi = TL_NO_DAY;
    for (size_t m = 0; m < w->n_members; m++) {
        uint32_t di = w->members[m];
        const tl_doc *d = &st->docs[di];
        if (d->copy)
            continue;
        int64_t anchor = d->pub_lo != TL_NO_DAY ? d->pub_hi : st->span_hi;
        int64_t base = d->pub_lo != TL_NO_DAY ? d->pub_lo : st->span_lo;
        int64_t from = base == TL_NO_DAY ? TL_NO_DAY : base - 14;
        size_t first, n;
        tl_story_doc_facts(st, STORE_TL_TIMEX, di, &first, &n);
        for (size_t k = first; k < first + n; k++) {
            const tl_fact *f = &st->facts[STORE_TL_TIMEX][k];
            int64_t day = timex_day(f->value, anchor);
            if (day == TL_NO_DAY || anchor == TL_NO_DAY || day < from || day > anchor ||
                !in_event_sentence(st, f, summary))
                continue;
            char buf[11];
            format_day(day, buf);
            int rc = add_evidence(t, ev, &n_ev, "timex", buf,
                                  (sl_str){ d->text.ptr + f->start, f->end - f->start },
                                  span_of(st, di, f->start, f->end));
            if (rc)
                return rc;
            votes[n_votes++] = (day_vote){ day, 2 };
        }
        if (d->pub_lo == TL_NO_DAY)
            continue;
        char value[24], a[11], b[11];
        format_day(d->pub_lo, a);
        format_day(d->pub_hi, b);
        if (d->pub_lo == d->pub_hi)
            memcpy(value, a, 11);
        else
            snprintf(value, sizeof value, "%s/%s", a, b);
        int rc = add_evidence(t, ev, &n_ev, "published", value, (sl_str){ "", 0 },
                              span_of(st, di, 0, 0));
        if (rc)
            return rc;
        if (d->pub_lo == d->pub_hi)
            votes[n_votes++] = (day_vote){ d->pub_lo, 1 };
        if (lo == TL_NO_DAY || d->pub_lo < lo) lo = d->pub_lo;
        if (hi == TL_NO_DAY || d->pub_hi > hi) hi = d->pub_hi;
    }
    qsort(votes, n_votes, sizeof *votes, cmp_vote);
    int64_t best = TL_NO_DAY;
    int best_weight = 0;
    for (size_t i = 0; i < n_votes;) {
        size_t j = i;
        int weight = 0;
        for (; j < n_votes && votes[j].day == votes[i].day; j++)
            weight += votes[j].weight;
        if (weight > best_weight) { /* ties: the earlier day, seen first */
            best_weight = weight;
            best = votes[i].day;
        }
        i = j;
    }
    if (n_votes) {
        if (lo == TL_NO_DAY || votes[0].day < lo) lo = votes[0].day;
        if (hi == TL_NO_DAY || votes[n_votes - 1].day > hi) hi = votes[n_votes - 1].day;
    }
    if (best == TL_NO_DAY)
        best = lo;
    if (best == TL_NO_DAY)
        bound_event(st, w, &lo, &hi);
    format_day(best, e->date);
    format_day(lo, e->earliest);
    format_day(hi, e->latest);
    e->evidence = ev;
    e->n_evidence = n_ev;
    return SL_OK;
}

/* Mark the sentences holding a full-day time expression. */
static void mark_dated(const tl_story *st, uint8_t *dated)
{
    const tl_fact *f = st->facts[STORE_TL_TIMEX];
    for (size_t k = 0; k < st->n_facts[STORE_TL_TIMEX]; k++) {
        if (f[k].value.len < 10 || f[k].value.ptr[4] != '-' || f[k].value.ptr[7] != '-')
            continue;
        const tl_doc *d = &st->docs[f[k].doc];
        for (uint32_t i = d->first_sent; i < d->first_sent + d->n_sents; i++)
            if (f[k].start >= st->text.sents[i].start && f[k].end <= st->text.sents[i].end)
                dated[i] = 1;
    }
}

/* ---------------------------------------------------------------- sources */

static int list_sources(sl_timeline *t, event_work *w, sl_tl_event *e)
{
    const tl_story *st = &t->story;
    sl_tl_source *src = tl_alloc(&t->out, (st->n_outlets + 1) * sizeof *src);
    if (!src)
        return sl_oom(t->ctx);
    size_t n = 0;
    for (size_t o = 0; o < st->n_outlets; o++) {
        size_t count = 0;
        for (size_t m = 0; m < w->n_members; m++)
            count += st->docs[w->members[m]].outlet == (int)o;
        if (!count)
            continue;
        uint64_t *docs = tl_alloc(&t->out, count * sizeof *docs);
        sl_str *ids = tl_alloc(&t->out, count * sizeof *ids);
        if (!docs || !ids)
            return sl_oom(t->ctx);
        size_t k = 0;
        for (size_t m = 0; m < w->n_members; m++) {
            const tl_doc *d = &st->docs[w->members[m]];
            if (d->outlet == (int)o) {
                docs[k] = d->doc;
                ids[k++] = d->id;
            }
        }
        src[n++] = (sl_tl_source){ st->outlets[o], docs, ids, count };
    }
    e->sources = src;
    e->n_sources = n;
    return SL_OK;
}

int tl_event_quotes(sl_timeline *t, const uint32_t *members, size_t n_members, sl_tl_event *e);

/* ---------------------------------------------------------------- events */

/* Where an event sits in the timeline: its date; for an undated event its
 * upper bound ("before ..."), else its lower bound ("after ..."); "" when
 * nothing bounds it (those come last). */
static const char *order_day(const sl_tl_event *e)
{
    return e->date[0] ? e->date : e->latest[0] ? e->latest : e->earliest;
}

static int cmp_events(const void *a, const void *b)
{
    const sl_tl_event *x = a, *y = b;
    const char *dx = order_day(x), *dy = order_day(y);
    if (!dx[0] != !dy[0])
        return dx[0] ? -1 : 1;
    int c = strcmp(dx, dy);
    if (!c) c = !x->date[0] - !y->date[0]; /* dated first */
    if (!c) c = strcmp(x->earliest, y->earliest);
    if (!c) c = (x->event > y->event) - (x->event < y->event);
    return c;
}

static int build_event(sl_timeline *t, event_work *w, const tl_event_row *row, sl_tl_event *e)
{
    const tl_story *st = &t->story;
    w->n_members = 0;
    for (size_t i = 0; i < st->n_docs; i++)
        if (st->is_event || st->docs[i].event == row->num)
            w->members[w->n_members++] = (uint32_t)i;
    e->event = row->num;
    e->id = row->id;
    e->title = row->title;
    e->n_docs = w->n_members;
    uint32_t summary = UINT32_MAX;
    choose_summary(st, w, e, &summary);
    int rc = date_event(t, w, e, summary);
    if (!rc) rc = list_sources(t, w, e);
    if (!rc) rc = tl_event_quotes(t, w->members, w->n_members, e);
    return rc;
}

static int alloc_work(sl_timeline *t, event_work *w)
{
    const tl_story *st = &t->story;
    memset(w, 0, sizeof *w);
    w->t = t;
    w->members = tl_alloc(&t->out, (st->n_docs + 1) * sizeof *w->members);
    w->centroid = tl_alloc(&t->out, (st->vocab.n + 1) * sizeof *w->centroid);
    w->docvec = tl_alloc(&t->out, (st->vocab.n + 1) * sizeof *w->docvec);
    w->idf = tl_alloc(&t->out, (st->vocab.n + 1) * sizeof *w->idf);
    w->dated_sent = tl_alloc(&t->out, st->text.n_sents + 1);
    if (!w->members || !w->centroid || !w->docvec || !w->idf || !w->dated_sent)
        return sl_oom(t->ctx);
    size_t n = 0;
    for (size_t i = 0; i < st->n_docs; i++)
        n += !st->docs[i].copy;
    for (size_t i = 0; i < st->vocab.n; i++)
        w->idf[i] = log((double)(n + 1) / (double)(st->vocab.df[i] + 1)) + 1.0;
    mark_dated(st, w->dated_sent);
    return SL_OK;
}

int tl_build_events(sl_timeline *t)
{
    const tl_story *st = &t->story;
    sl_tl_story *r = &t->result;
    memset(r, 0, sizeof *r);
    r->story = st->num;
    r->id = st->id;
    r->title = st->title;
    r->label = st->label;
    r->is_event = st->is_event;
    r->n_docs = st->n_docs;
    event_work w;
    int rc = alloc_work(t, &w);
    if (rc)
        return rc;
    sl_tl_event *events = tl_alloc(&t->out, (st->n_events + 1) * sizeof *events);
    if (!events)
        return sl_oom(t->ctx);
    for (size_t i = 0; !rc && i < st->n_events; i++)
        rc = build_event(t, &w, &st->events[i], &events[i]);
    if (rc)
        return rc;
    qsort(events, st->n_events, sizeof *events, cmp_events);
    r->events = events;
    r->n_events = st->n_events;
    for (size_t i = 0; i < st->n_events; i++) {
        if (!events[i].date[0])
            continue; /* bounds of undated events are too wide to span the story */
        if (events[i].earliest[0] && (!r->first[0] || strcmp(events[i].earliest, r->first) < 0))
            memcpy(r->first, events[i].earliest, 11);
        if (events[i].latest[0] && strcmp(events[i].latest, r->last) > 0)
            memcpy(r->last, events[i].latest, 11);
    }
    return SL_OK;
}
