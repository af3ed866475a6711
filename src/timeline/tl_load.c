/* Loading a story or an event from the store: its rows, member documents
 * (texts copied), their facts, outlets, sentences and terms. */
#include "timeline/timeline.h"

#include <stdlib.h>
#include <string.h>

int64_t tl_parse_day(sl_str s)
{
    if (s.len < 10 || !s.ptr)
        return TL_NO_DAY;
    for (int i = 0; i < 10; i++) {
        char c = s.ptr[i];
        if ((i == 4 || i == 7) ? c != '-' : (c < '0' || c > '9'))
            return TL_NO_DAY;
    }
    if (s.len > 10 && s.ptr[10] != 'T' && s.ptr[10] != ' ' && s.ptr[10] != '/')
        return TL_NO_DAY;
    int y = (s.ptr[0] - '0') * 1000 + (s.ptr[1] - '0') * 100 + (s.ptr[2] - '0') * 10 +
            (s.ptr[3] - '0');
    int m = (s.ptr[5] - '0') * 10 + (s.ptr[6] - '0');
    int d = (s.ptr[8] - '0') * 10 + (s.ptr[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return TL_NO_DAY;
    return sl_days_from_civil(y, m, d);
}

/* The outlet is the stored source, derived from the id's folder when the
 * document was stored without one (store_outlet_of); "(unknown)" when
 * neither said. */
static sl_str outlet_name(sl_str source)
{
    return source.len ? source : (sl_str){ "(unknown)", 9 };
}

/* Publication: the date, else the inferred interval when it is narrow
 * (two weeks at most); wider or open intervals say too little. */
static void set_published(tl_doc *d, const store_tl_doc *row)
{
    d->pub_lo = d->pub_hi = tl_parse_day(row->date);
    d->pub_text = d->pub_lo != TL_NO_DAY ? (sl_str){ row->date.ptr, 10 } : (sl_str){ NULL, 0 };
    d->bound_lo = d->bound_hi = d->pub_lo;
    if (d->pub_lo != TL_NO_DAY)
        return;
    int64_t lo = tl_parse_day(row->earliest), hi = tl_parse_day(row->latest);
    d->bound_lo = lo;
    d->bound_hi = hi;
    if (lo != TL_NO_DAY && hi != TL_NO_DAY && hi >= lo && hi - lo <= 14) {
        d->pub_lo = lo;
        d->pub_hi = hi;
    }
}

static int on_doc(void *ud, const store_tl_doc *row)
{
    tl_story *st = ud;
    sl_ctx *ctx = st->arena.ctx;
    if (sl_grow(ctx, (void **)&st->docs, &st->cap_docs, st->n_docs + 1, sizeof *st->docs))
        return sl_oom(ctx);
    tl_doc *d = &st->docs[st->n_docs];
    memset(d, 0, sizeof *d);
    d->doc = row->doc;
    d->event = row->event;
    d->cluster = row->cluster;
    d->id = tl_strdup(&st->arena, row->id);
    d->source = tl_strdup(&st->arena, outlet_name(row->source));
    d->title = tl_strdup(&st->arena, row->title);
    d->text = tl_strdup(&st->arena, row->text);
    d->relation = tl_strdup(&st->arena, row->relation);
    if (!d->id.ptr || !d->source.ptr || !d->title.ptr || !d->text.ptr || !d->relation.ptr)
        return sl_oom(ctx);
    set_published(d, row);
    if (d->pub_text.len) {
        d->pub_text = tl_strdup(&st->arena, d->pub_text);
        if (!d->pub_text.ptr)
            return sl_oom(ctx);
    }
    d->copy = row->relation.len == 5 && memcmp(row->relation.ptr, "exact", 5) == 0;
    st->n_docs++;
    return 0;
}

typedef struct fact_ctx {
    tl_story *st;
    int which;
    size_t cursor;            /* documents are in order: search from here */
} fact_ctx;

static int on_fact(void *ud, const store_tl_fact *row)
{
    fact_ctx *fc = ud;
    tl_story *st = fc->st;
    sl_ctx *ctx = st->arena.ctx;
    while (fc->cursor < st->n_docs && st->docs[fc->cursor].doc < row->doc)
        fc->cursor++;
    if (fc->cursor == st->n_docs || st->docs[fc->cursor].doc != row->doc)
        return 0;
    const tl_doc *d = &st->docs[fc->cursor];
    if (row->start < 0 || row->end < row->start || (uint64_t)row->end > d->text.len)
        return 0; /* a span outside the text: not ours to trust */
    int w = fc->which;
    if (sl_grow(ctx, (void **)&st->facts[w], &st->cap_facts[w], st->n_facts[w] + 1,
                sizeof *st->facts[w]))
        return sl_oom(ctx);
    tl_fact *f = &st->facts[w][st->n_facts[w]];
    f->doc = (uint32_t)fc->cursor;
    f->start = (uint32_t)row->start;
    f->end = (uint32_t)row->end;
    f->type = tl_strdup(&st->arena, row->type);
    f->value = tl_strdup(&st->arena, row->value);
    f->role = tl_strdup(&st->arena, row->role);
    f->speaker_start = row->speaker_start;
    f->speaker_end = row->speaker_end;
    if (!f->type.ptr || !f->value.ptr || !f->role.ptr)
        return sl_oom(ctx);
    st->n_facts[w]++;
    return 0;
}

static int on_event(void *ud, const store_tl_cluster *c)
{
    tl_story *st = ud;
    sl_ctx *ctx = st->arena.ctx;
    if (sl_grow(ctx, (void **)&st->events, &st->cap_events, st->n_events + 1, sizeof *st->events))
        return sl_oom(ctx);
    tl_event_row *e = &st->events[st->n_events];
    e->num = c->num;
    e->id = tl_strdup(&st->arena, c->id);
    e->title = tl_strdup(&st->arena, c->title);
    if (!e->id.ptr || !e->title.ptr)
        return sl_oom(ctx);
    st->n_events++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    const sl_str *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->ptr, y->ptr, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* The distinct outlet names, sorted, and each document's index there. */
static int index_outlets(tl_story *st)
{
    st->outlets = tl_alloc(&st->arena, (st->n_docs + 1) * sizeof *st->outlets);
    if (!st->outlets)
        return sl_oom(st->arena.ctx);
    for (size_t i = 0; i < st->n_docs; i++)
        st->outlets[i] = st->docs[i].source;
    qsort(st->outlets, st->n_docs, sizeof *st->outlets, cmp_str);
    size_t n = 0;
    for (size_t i = 0; i < st->n_docs; i++)
        if (n == 0 || cmp_str(&st->outlets[n - 1], &st->outlets[i]) != 0)
            st->outlets[n++] = st->outlets[i];
    st->n_outlets = n;
    for (size_t i = 0; i < st->n_docs; i++) {
        sl_str *hit = bsearch(&st->docs[i].source, st->outlets, n, sizeof *st->outlets, cmp_str);
        st->docs[i].outlet = hit ? (int)(hit - st->outlets) : 0;
    }
    return SL_OK;
}

/* Words and sentences of every member; document frequency counts a text
 * and its exact copies once. */
static int split_texts(tl_story *st)
{
    int rc = tl_vocab_init(&st->vocab, st->arena.ctx);
    st->span_lo = st->span_hi = TL_NO_DAY;
    for (size_t i = 0; !rc && i < st->n_docs; i++) {
        tl_doc *d = &st->docs[i];
        size_t first_tok = st->text.n_toks;
        d->first_sent = (uint32_t)st->text.n_sents;
        rc = tl_text_split(&st->text, &st->vocab, &st->arena, (uint32_t)i, d->text);
        d->n_sents = (uint32_t)(st->text.n_sents - d->first_sent);
        for (size_t k = first_tok; !rc && !d->copy && k < st->text.n_toks; k++) {
            uint32_t term = st->text.toks[k].term;
            if (st->vocab.last_doc[term] != i + 1) {
                st->vocab.last_doc[term] = (uint32_t)i + 1;
                st->vocab.df[term]++;
            }
        }
        if (d->pub_lo != TL_NO_DAY) {
            if (st->span_lo == TL_NO_DAY || d->pub_lo < st->span_lo)
                st->span_lo = d->pub_lo;
            if (st->span_hi == TL_NO_DAY || d->pub_hi > st->span_hi)
                st->span_hi = d->pub_hi;
        }
    }
    return rc;
}

static int copy_cluster(tl_story *st, const store_tl_cluster *c)
{
    st->id = tl_strdup(&st->arena, c->id);
    st->title = tl_strdup(&st->arena, c->title);
    st->label = tl_strdup(&st->arena, c->label);
    st->first = tl_strdup(&st->arena, c->first);
    st->last = tl_strdup(&st->arena, c->last);
    if (!st->id.ptr || !st->title.ptr || !st->label.ptr || !st->first.ptr || !st->last.ptr)
        return sl_oom(st->arena.ctx);
    return SL_OK;
}

static int load_rows(tl_story *st, sl_store *s)
{
    store_tl_cluster c;
    int rc = store_tl_get(s, !st->is_event, st->num, &c);
    if (rc)
        return rc;
    rc = copy_cluster(st, &c);
    store_tl_cluster_release(s, &c);
    if (rc)
        return rc;
    if (st->is_event) {
        store_tl_cluster e = { .num = st->num, .id = st->id, .title = st->title };
        rc = on_event(st, &e);
    } else {
        rc = store_tl_events(s, st->num, on_event, st);
    }
    if (!rc)
        rc = store_tl_docs(s, !st->is_event, st->num, on_doc, st);
    for (int w = STORE_TL_ENTITIES; !rc && w <= STORE_TL_TIMEX; w++) {
        fact_ctx fc = { st, w, 0 };
        rc = store_tl_facts(s, w, !st->is_event, st->num, on_fact, &fc);
    }
    return rc;
}

int tl_story_load(tl_story *st, sl_ctx *ctx, sl_store *s, const char *key)
{
    memset(st, 0, sizeof *st);
    st->arena.ctx = ctx;
    int kind;
    int rc = store_tl_find(s, key, &kind, &st->num);
    if (rc)
        return rc;
    if (kind == STORE_TL_NONE)
        return sl_error(ctx, SL_EINVAL, "no story or event '%s' in the store", key);
    st->is_event = kind == STORE_TL_EVENT;
    rc = load_rows(st, s);
    if (!rc)
        rc = index_outlets(st);
    if (!rc)
        rc = split_texts(st);
    if (!rc)
        rc = tl_names_build(st);
    return rc;
}

void tl_story_free(tl_story *st, sl_ctx *ctx)
{
    sl_free(ctx, st->docs);
    for (int w = 0; w < 3; w++)
        sl_free(ctx, st->facts[w]);
    sl_free(ctx, st->events);
    tl_vocab_free(&st->vocab);
    tl_text_free(&st->text, ctx);
    tl_arena_free(&st->arena);
    memset(st, 0, sizeof *st);
}

long tl_story_doc_index(const tl_story *st, uint64_t doc)
{
    size_t lo = 0, hi = st->n_docs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (st->docs[mid].doc == doc)
            return (long)mid;
        if (st->docs[mid].doc < doc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

void tl_story_doc_facts(const tl_story *st, int which, uint32_t d, size_t *first, size_t *n)
{
    const tl_fact *f = st->facts[which];
    size_t lo = 0, hi = st->n_facts[which];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f[mid].doc < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t e = lo;
    while (e < st->n_facts[which] && f[e].doc == d)
        e++;
    *first = lo;
    *n = e - lo;
}
