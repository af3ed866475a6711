/* Framing terms: n-grams of 1 to 3 words an outlet uses in its coverage of
 * the story far more than the other outlets together, scored by the
 * log-odds ratio with an informative Dirichlet prior (the z-score of Monroe,
 * Colaresi and Quinn, "Fightin' Words", 2008), the prior being the story's
 * own use of the n-gram. */
#include "timeline/timeline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One n-gram in one outlet. */
typedef struct gram {
    uint64_t key;
    uint32_t outlet, n, doc, start, end, count;
    uint32_t terms[3];
} gram;

typedef struct gram_table {
    sl_ctx *ctx;
    gram *slots; size_t n_slots, used;
} gram_table;

static uint64_t slot_hash(uint64_t key, uint32_t outlet)
{
    return (key ^ ((uint64_t)outlet * 0x9e3779b97f4a7c15ull)) * 0xff51afd7ed558ccdull;
}

static int table_grow(gram_table *g)
{
    size_t n_slots = g->n_slots ? g->n_slots * 2 : 4096;
    gram *slots = sl_calloc(g->ctx, n_slots, sizeof *slots);
    if (!slots)
        return sl_oom(g->ctx);
    for (size_t i = 0; i < g->n_slots; i++) {
        if (!g->slots[i].count)
            continue;
        size_t j = slot_hash(g->slots[i].key, g->slots[i].outlet) & (n_slots - 1);
        while (slots[j].count)
            j = (j + 1) & (n_slots - 1);
        slots[j] = g->slots[i];
    }
    sl_free(g->ctx, g->slots);
    g->slots = slots;
    g->n_slots = n_slots;
    return SL_OK;
}

static int table_add(gram_table *g, const gram *x)
{
    if ((g->used + 1) * 2 > g->n_slots && table_grow(g))
        return SL_ENOMEM;
    size_t j = slot_hash(x->key, x->outlet) & (g->n_slots - 1);
    for (; g->slots[j].count; j = (j + 1) & (g->n_slots - 1))
        if (g->slots[j].key == x->key && g->slots[j].outlet == x->outlet) {
            g->slots[j].count++;
            return SL_OK;
        }
    g->slots[j] = *x;
    g->slots[j].count = 1;
    g->used++;
    return SL_OK;
}

/* A term may start or end an n-gram: not a stopword, not a number. */
static int edge_ok(const tl_story *st, uint32_t term)
{
    sl_str s = st->vocab.terms[term];
    return !st->vocab.stop[term] && s.len >= 2 && !(s.ptr[0] >= '0' && s.ptr[0] <= '9');
}

static int count_grams(const tl_story *st, gram_table *g, double totals[][4])
{
    const tl_token *tok = st->text.toks;
    for (size_t s = 0; s < st->text.n_sents; s++) {
        const tl_sent *se = &st->text.sents[s];
        uint32_t outlet = (uint32_t)st->docs[se->doc].outlet;
        for (uint32_t i = se->first; i < se->first + se->n; i++) {
            if (!edge_ok(st, tok[i].term))
                continue;
            uint64_t key = 0;
            for (uint32_t n = 1; n <= 3 && i + n <= se->first + se->n; n++) {
                uint32_t last = tok[i + n - 1].term;
                key = tl_hash(&last, sizeof last, key + n);
                if (n > 1 && !edge_ok(st, last))
                    continue;
                gram x = { key, outlet, n, se->doc, tok[i].start, tok[i + n - 1].end, 0,
                           { tok[i].term, n > 1 ? tok[i + 1].term : 0, n > 2 ? last : 0 } };
                if (table_add(g, &x))
                    return sl_oom(g->ctx);
                totals[outlet][n]++;
                totals[st->n_outlets][n]++;
            }
        }
    }
    return SL_OK;
}

/* ---------------------------------------------------------------- scoring */

typedef struct scored {
    const gram *g;
    double z;
    uint32_t others;
} scored;

static int cmp_key(const void *a, const void *b)
{
    const gram *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->outlet > y->outlet) - (x->outlet < y->outlet);
}

static int cmp_scored(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->g->outlet != y->g->outlet) return x->g->outlet < y->g->outlet ? -1 : 1;
    if (x->z != y->z) return x->z > y->z ? -1 : 1;
    if (x->g->doc != y->g->doc) return x->g->doc < y->g->doc ? -1 : 1;
    return (x->g->start > y->g->start) - (x->g->start < y->g->start);
}

/* Every word of the n-gram is in the outlet's name ("harbor wire" in
 * Harbor Wire's credit lines): a signature, not framing. */
static int names_outlet(const tl_story *st, const gram *g)
{
    sl_str name = st->outlets[g->outlet];
    for (uint32_t k = 0; k < g->n; k++) {
        sl_str w = st->vocab.terms[g->terms[k]];
        int found = 0;
        for (size_t i = 0; !found && i + w.len <= name.len; i++)
            found = strncasecmp(name.ptr + i, w.ptr, w.len) == 0;
        if (!found)
            return 0;
    }
    return 1;
}

#define PRIOR 10.0 /* the prior's weight, in occurrences */
#define MIN_Z 0.9  /* below it the difference is as likely chance (2 uses against none score 0.7) */

static double log_odds_z(double yi, double ni, double yj, double nj, double total, double all)
{
    double alpha = PRIOR * total / all;
    double d = log((yi + alpha) / (ni + PRIOR - yi - alpha)) -
               log((yj + alpha) / (nj + PRIOR - yj - alpha));
    return d / sqrt(1.0 / (yi + alpha) + 1.0 / (yj + alpha));
}

static size_t score_groups(const tl_story *st, const sl_timeline *t, gram *a, size_t n,
                           double totals[][4], scored *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        double total = 0;
        for (; j < n && a[j].key == a[i].key; j++)
            total += a[j].count;
        for (size_t x = i; x < j; x++) {
            const gram *g = &a[x];
            double ni = totals[g->outlet][g->n], all = totals[st->n_outlets][g->n];
            double nj = all - ni, yi = g->count, yj = total - g->count;
            if (yi < t->opts.min_term_count || nj <= 0 || ni <= 0)
                continue;
            if (yj / nj > 0.25 * yi / ni || names_outlet(st, g)) /* absent or rare in others */
                continue;
            double z = log_odds_z(yi, ni, yj, nj, total, all);
            if (z >= MIN_Z)
                out[k++] = (scored){ g, z, (uint32_t)yj };
        }
        i = j;
    }
    return k;
}

/* Is a's word sequence inside b's (or b's inside a's)? */
static int overlaps(const gram *a, const gram *b)
{
    const gram *s = a->n <= b->n ? a : b, *l = a->n <= b->n ? b : a;
    for (uint32_t off = 0; off + s->n <= l->n; off++) {
        uint32_t k = 0;
        while (k < s->n && s->terms[k] == l->terms[off + k])
            k++;
        if (k == s->n)
            return 1;
    }
    return 0;
}

static int pick_terms(sl_timeline *t, const scored *sc, size_t n, sl_cmp_outlet *outlets)
{
    const tl_story *st = &t->story;
    size_t max = t->opts.max_items;
    for (size_t i = 0; i < n;) {
        uint32_t o = sc[i].g->outlet;
        size_t j = i;
        while (j < n && sc[j].g->outlet == o)
            j++;
        sl_cmp_item *items = tl_alloc(&t->out, (max + 1) * sizeof *items);
        const gram **picked = tl_alloc(&t->out, (max + 1) * sizeof *picked);
        if (!items || !picked)
            return sl_oom(t->ctx);
        size_t k = 0;
        for (size_t x = i; x < j && k < max; x++) {
            const gram *g = sc[x].g;
            size_t slot = k;
            for (size_t p = 0; p < k && slot == k; p++)
                if (overlaps(picked[p], g))
                    slot = p;
            /* a phrase replaces a word of it it always comes with ("vanity
             * project" for "vanity"); otherwise the first pick stays */
            if (slot < k && !(g->n > picked[slot]->n && g->count >= picked[slot]->count))
                continue;
            const tl_doc *d = &st->docs[g->doc];
            picked[slot] = g;
            items[slot] = (sl_cmp_item){ "term", { d->text.ptr + g->start, g->end - g->start },
                                         { NULL, 0 }, { d->doc, d->id, g->start, g->end },
                                         g->count, sc[x].others, sc[x].z };
            if (slot == k)
                k++;
        }
        outlets[o].terms = items;
        outlets[o].n_terms = k;
        i = j;
    }
    return SL_OK;
}

int tl_outlet_terms(sl_timeline *t, sl_cmp_outlet *outlets)
{
    const tl_story *st = &t->story;
    if (st->n_outlets < 2)
        return SL_OK;
    gram_table g = { t->ctx, NULL, 0, 0 };
    double (*totals)[4] = sl_calloc(t->ctx, st->n_outlets + 1, sizeof *totals);
    int rc = totals ? table_grow(&g) : sl_oom(t->ctx);
    if (!rc)
        rc = count_grams(st, &g, totals);
    scored *sc = NULL;
    if (!rc) {
        size_t n = 0;
        for (size_t i = 0; i < g.n_slots; i++)
            if (g.slots[i].count)
                g.slots[n++] = g.slots[i];
        qsort(g.slots, n, sizeof *g.slots, cmp_key);
        sc = sl_malloc(t->ctx, (n + 1) * sizeof *sc);
        if (!sc)
            rc = sl_oom(t->ctx);
        if (!rc) {
            size_t k = score_groups(st, t, g.slots, n, totals, sc);
            qsort(sc, k, sizeof *sc, cmp_scored);
            rc = pick_terms(t, sc, k, outlets);
        }
    }
    sl_free(t->ctx, sc);
    sl_free(t->ctx, totals);
    sl_free(t->ctx, g.slots);
    return rc;
}
