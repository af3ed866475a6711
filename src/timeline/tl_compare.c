/* compare: what each outlet reports that no other does (quotes, speakers,
 * entities, dates, numbers), what most others report and it leaves out,
 * and the framing terms it uses far more than the others (tl_terms.c). */
#include "timeline/timeline.h"

#include <stdlib.h>
#include <string.h>

enum { K_QUOTE, K_SPEAKER, K_ENTITY, K_DATE, K_NUMBER, K_N };
static const char *const kind_names[K_N] = { "quote", "speaker", "entity", "date", "number" };

typedef struct cmp_fact {
    uint64_t key;
    uint32_t kind, outlet, doc, start, end;
    sl_str keytext;
} cmp_fact;

typedef struct fact_list {
    sl_ctx *ctx;
    cmp_fact *a; size_t n, cap;
} fact_list;

static int push(fact_list *l, uint32_t kind, uint64_t key, const tl_story *st, uint32_t doc,
                size_t start, size_t end, sl_str keytext)
{
    if (sl_grow(l->ctx, (void **)&l->a, &l->cap, l->n + 1, sizeof *l->a))
        return sl_oom(l->ctx);
    l->a[l->n++] = (cmp_fact){ key ^ ((uint64_t)kind << 56), kind, (uint32_t)st->docs[doc].outlet,
                               doc, (uint32_t)start, (uint32_t)end, keytext };
    return SL_OK;
}

static int collect_quotes(const tl_story *st, fact_list *l)
{
    const tl_fact *q = st->facts[STORE_TL_QUOTES];
    int rc = SL_OK;
    for (size_t k = 0; !rc && k < st->n_facts[STORE_TL_QUOTES]; k++) {
        const tl_doc *d = &st->docs[q[k].doc];
        sl_str text = { d->text.ptr + q[k].start, q[k].end - q[k].start };
        const tl_name *who = q[k].value.len ? tl_speaker_name(st, q[k].value) : NULL;
        sl_str speaker = who ? who->name : q[k].value;
        rc = push(l, K_QUOTE, tl_words_hash(text), st, q[k].doc, q[k].start, q[k].end, speaker);
        if (!rc && who) {
            int has = q[k].speaker_start >= 0 && q[k].speaker_end > q[k].speaker_start &&
                      (uint64_t)q[k].speaker_end <= d->text.len;
            rc = push(l, K_SPEAKER, tl_hash(who->name.ptr, who->name.len, 0), st, q[k].doc,
                      has ? (size_t)q[k].speaker_start : q[k].start,
                      has ? (size_t)q[k].speaker_end : q[k].end, who->name);
        }
    }
    return rc;
}

static int collect_entities(const tl_story *st, fact_list *l)
{
    const tl_fact *f = st->facts[STORE_TL_ENTITIES];
    int rc = SL_OK;
    for (size_t k = 0; !rc && k < st->n_facts[STORE_TL_ENTITIES]; k++)
        if (f[k].value.len)
            rc = push(l, K_ENTITY, tl_hash(f[k].value.ptr, f[k].value.len, 0), st, f[k].doc,
                      f[k].start, f[k].end, f[k].value);
    return rc;
}

/* Dates with at least a month ("2025-03", "XXXX-03-04"): not durations,
 * weekdays without a date, or "now". */
static int is_dated_value(sl_str v)
{
    return v.len >= 7 && v.ptr[4] == '-' && v.ptr[5] >= '0' && v.ptr[5] <= '9';
}

static int collect_dates(const tl_story *st, fact_list *l)
{
    const tl_fact *f = st->facts[STORE_TL_TIMEX];
    int rc = SL_OK;
    for (size_t k = 0; !rc && k < st->n_facts[STORE_TL_TIMEX]; k++)
        if (is_dated_value(f[k].value))
            rc = push(l, K_DATE, tl_hash(f[k].value.ptr, f[k].value.len, 0), st, f[k].doc,
                      f[k].start, f[k].end, f[k].value);
    return rc;
}

static int in_timex(const tl_story *st, uint32_t d, uint32_t start, uint32_t end)
{
    size_t first, n;
    tl_story_doc_facts(st, STORE_TL_TIMEX, d, &first, &n);
    for (size_t k = first; k < first + n; k++)
        if (start < st->facts[STORE_TL_TIMEX][k].end && end > st->facts[STORE_TL_TIMEX][k].start)
            return 1;
    return 0;
}

static int is_digit_term(sl_str t)
{
    return t.len && t.ptr[0] >= '0' && t.ptr[0] <= '9';
}

/* A number with the word after it ("2,300 dockworkers", "4.2 billion",
 * "71 percent"), and a currency sign before it; years and dates are
 * time expressions, not numbers. */
static int collect_numbers(const tl_story *st, fact_list *l, tl_arena *a)
{
    const tl_token *tok = st->text.toks;
    int rc = SL_OK;
    for (size_t s = 0; !rc && s < st->text.n_sents; s++) {
        const tl_sent *se = &st->text.sents[s];
        const char *text = st->docs[se->doc].text.ptr;
        for (uint32_t k = se->first; !rc && k < se->first + se->n; k++) {
            sl_str term = st->vocab.terms[tok[k].term];
            if (!is_digit_term(term) || in_timex(st, se->doc, tok[k].start, tok[k].end))
                continue;
            uint32_t start = tok[k].start, end = tok[k].end;
            if (start > 0 && (text[start - 1] == '$' || (unsigned char)text[start - 1] == 0xa3 ||
                              (unsigned char)text[start - 1] == 0xac))
                start -= text[start - 1] == '$' ? 1 : (unsigned char)text[start - 1] == 0xa3 ? 2 : 3;
            if (text[end] == '%')
                end++;
            else if (k + 1 < se->first + se->n && tok[k + 1].start == end + 1 &&
                     text[end] == ' ' && !is_digit_term(st->vocab.terms[tok[k + 1].term]))
                end = tok[k + 1].end; /* the unit or the thing counted */
            sl_str written = { text + start, end - start };
            sl_str key = tl_strdup(a, written);
            if (!key.ptr)
                return sl_oom(a->ctx);
            for (size_t i = 0; i < key.len; i++)
                if (key.ptr[i] >= 'A' && key.ptr[i] <= 'Z')
                    ((char *)key.ptr)[i] = (char)(key.ptr[i] - 'A' + 'a');
            rc = push(l, K_NUMBER, tl_hash(key.ptr, key.len, 0), st, se->doc, start, end, key);
        }
    }
    return rc;
}

static int cmp_facts(const void *a, const void *b)
{
    const cmp_fact *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->outlet != y->outlet) return x->outlet < y->outlet ? -1 : 1;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

/* ---------------------------------------------------------------- picking */

typedef struct cand {
    uint32_t outlet, list, kind;  /* list 0 adds, 1 omits */
    size_t count;
    const cmp_fact *at;
} cand;

static int cmp_cands(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->outlet != y->outlet) return x->outlet < y->outlet ? -1 : 1;
    if (x->list != y->list) return x->list < y->list ? -1 : 1;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    if (x->at->doc != y->at->doc) return x->at->doc < y->at->doc ? -1 : 1;
    return (x->at->start > y->at->start) - (x->at->start < y->at->start);
}

/* Walk groups of equal facts: one outlet alone adds it; reported by half
 * the outlets or more (two at least), the others omit it. */
static int find_candidates(const tl_story *st, const fact_list *l, cand **out, size_t *n_out)
{
    sl_ctx *ctx = l->ctx;
    size_t cap = 0, n = 0;
    cand *c = NULL;
    uint8_t *has = sl_calloc(ctx, st->n_outlets + 1, 1);
    if (!has)
        return sl_oom(ctx);
    for (size_t i = 0; i < l->n;) {
        size_t j = i, outlets = 0;
        memset(has, 0, st->n_outlets);
        for (; j < l->n && l->a[j].key == l->a[i].key; j++)
            if (!has[l->a[j].outlet]) {
                has[l->a[j].outlet] = 1;
                outlets++;
            }
        uint32_t kind = l->a[i].kind;
        int add = outlets == 1 && st->n_outlets > 1;
        int omit = kind != K_QUOTE && st->n_outlets >= 3 && outlets >= 2 &&
                   outlets * 2 >= st->n_outlets && outlets < st->n_outlets;
        size_t need = n + (add ? 1 : 0) + (omit ? st->n_outlets : 0);
        if (need > n && sl_grow(ctx, (void **)&c, &cap, need, sizeof *c)) {
            sl_free(ctx, has);
            sl_free(ctx, c);
            return sl_oom(ctx);
        }
        if (add)
            c[n++] = (cand){ l->a[i].outlet, 0, kind, j - i, &l->a[i] };
        for (uint32_t o = 0; omit && o < st->n_outlets; o++)
            if (!has[o])
                c[n++] = (cand){ o, 1, kind, outlets, &l->a[i] };
        i = j;
    }
    sl_free(ctx, has);
    if (n)
        qsort(c, n, sizeof *c, cmp_cands);
    *out = c;
    *n_out = n;
    return SL_OK;
}

static sl_cmp_item make_item(const tl_story *st, const cand *c)
{
    const cmp_fact *f = c->at;
    const tl_doc *d = &st->docs[f->doc];
    sl_cmp_item it = { kind_names[f->kind], { d->text.ptr + f->start, f->end - f->start },
                       f->keytext, { d->doc, d->id, f->start, f->end }, c->count, 0, 0 };
    return it;
}

/* The candidates of one outlet and list, at most max_items per kind. */
static int fill_list(sl_timeline *t, const cand *c, size_t from, size_t to,
                     const sl_cmp_item **items, size_t *n_items)
{
    sl_cmp_item *out = tl_alloc(&t->out, (to - from + 1) * sizeof *out);
    if (!out)
        return sl_oom(t->ctx);
    size_t n = 0, in_kind = 0;
    for (size_t i = from; i < to; i++) {
        in_kind = (i > from && c[i].kind == c[i - 1].kind) ? in_kind + 1 : 0;
        if (in_kind < t->opts.max_items)
            out[n++] = make_item(&t->story, &c[i]);
    }
    *items = out;
    *n_items = n;
    return SL_OK;
}

int tl_outlet_terms(sl_timeline *t, sl_cmp_outlet *outlets);

static int outlet_docs(sl_timeline *t, sl_cmp_outlet *ol, uint32_t o)
{
    const tl_story *st = &t->story;
    size_t count = 0;
    for (size_t i = 0; i < st->n_docs; i++)
        count += st->docs[i].outlet == (int)o;
    uint64_t *docs = tl_alloc(&t->out, (count + 1) * sizeof *docs);
    sl_str *ids = tl_alloc(&t->out, (count + 1) * sizeof *ids);
    if (!docs || !ids)
        return sl_oom(t->ctx);
    size_t k = 0;
    for (size_t i = 0; i < st->n_docs; i++)
        if (st->docs[i].outlet == (int)o) {
            docs[k] = st->docs[i].doc;
            ids[k++] = st->docs[i].id;
        }
    ol->name = st->outlets[o];
    ol->docs = docs;
    ol->doc_ids = ids;
    ol->n_docs = count;
    return SL_OK;
}

static int build_outlets(sl_timeline *t, const cand *c, size_t n)
{
    const tl_story *st = &t->story;
    sl_cmp_outlet *ol = tl_alloc(&t->out, (st->n_outlets + 1) * sizeof *ol);
    if (!ol)
        return sl_oom(t->ctx);
    int rc = SL_OK;
    size_t i = 0;
    for (uint32_t o = 0; !rc && o < st->n_outlets; o++) {
        rc = outlet_docs(t, &ol[o], o);
        for (uint32_t list = 0; !rc && list < 2; list++) {
            size_t from = i;
            while (i < n && c[i].outlet == o && c[i].list == list)
                i++;
            rc = list ? fill_list(t, c, from, i, &ol[o].omits, &ol[o].n_omits)
                      : fill_list(t, c, from, i, &ol[o].adds, &ol[o].n_adds);
        }
    }
    if (!rc)
        rc = tl_outlet_terms(t, ol);
    t->cmp.outlets = ol;
    t->cmp.n_outlets = st->n_outlets;
    return rc;
}

int tl_build_compare(sl_timeline *t)
{
    tl_story *st = &t->story;
    t->cmp = (sl_cmp_result){ st->num, st->is_event, st->id, st->title, NULL, 0 };
    fact_list l = { t->ctx, NULL, 0, 0 };
    int rc = collect_quotes(st, &l);
    if (!rc) rc = collect_entities(st, &l);
    if (!rc) rc = collect_dates(st, &l);
    if (!rc) rc = collect_numbers(st, &l, &t->out);
    cand *c = NULL;
    size_t n = 0;
    if (!rc) {
        if (l.n)
            qsort(l.a, l.n, sizeof *l.a, cmp_facts);
        rc = find_candidates(st, &l, &c, &n);
    }
    if (!rc)
        rc = build_outlets(t, c, n);
    sl_free(t->ctx, c);
    sl_free(t->ctx, l.a);
    return rc;
}
