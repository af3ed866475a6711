/* Speakers and key quotes: who the story names, how prominent they are,
 * and the quotes of an event ranked and de-duplicated across documents. */
#include "timeline/timeline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_sl_str(sl_str a, sl_str b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
    return c ? c : (a.len > b.len) - (a.len < b.len);
}

static int cmp_name(const void *a, const void *b)
{
    const tl_name *x = a, *y = b;
    int c = cmp_sl_str(x->key, y->key);
    return c ? c : cmp_sl_str(x->name, y->name);
}

static sl_str last_word(sl_str s)
{
    size_t i = s.len;
    while (i > 0 && s.ptr[i - 1] != ' ')
        i--;
    return (sl_str){ s.ptr + i, s.len - i };
}

/* Sort and merge equal keys, summing the document counts. */
static size_t merge_names(tl_name *a, size_t n)
{
    qsort(a, n, sizeof *a, cmp_name);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (out && cmp_sl_str(a[out - 1].key, a[i].key) == 0 &&
            cmp_sl_str(a[out - 1].name, a[i].name) == 0)
            a[out - 1].docs += a[i].docs;
        else
            a[out++] = a[i];
    }
    return out;
}

int tl_names_build(tl_story *st)
{
    size_t n = st->n_facts[STORE_TL_ENTITIES];
    st->names = tl_alloc(&st->arena, (n + 1) * sizeof *st->names);
    st->surnames = tl_alloc(&st->arena, (n + 1) * sizeof *st->surnames);
    if (!st->names || !st->surnames)
        return sl_oom(st->arena.ctx);
    /* One entry per (document, name): facts come by document. */
    size_t k = 0;
    const tl_fact *f = st->facts[STORE_TL_ENTITIES];
    for (size_t i = 0; i < n; i++) {
        if (st->docs[f[i].doc].copy || !f[i].value.len)
            continue;
        int seen = 0;
        for (size_t j = k; j-- > 0 && st->names[j].docs == f[i].doc + 1;)
            if (cmp_sl_str(st->names[j].name, f[i].value) == 0)
                seen = 1;
        if (!seen)
            st->names[k++] = (tl_name){ f[i].value, f[i].value, f[i].type, f[i].doc + 1 };
    }
    for (size_t i = 0; i < k; i++)
        st->names[i].docs = 1;
    size_t s = 0;
    for (size_t i = 0; i < k; i++) {
        sl_str last = last_word(st->names[i].name);
        int person = st->names[i].type.len == 3 && memcmp(st->names[i].type.ptr, "PER", 3) == 0;
        if (person && last.len < st->names[i].name.len)
            st->surnames[s++] = (tl_name){ last, st->names[i].name, st->names[i].type, 1 };
    }
    st->n_names = merge_names(st->names, k);
    st->n_surnames = merge_names(st->surnames, s);
    return SL_OK;
}

static const tl_name *find_key(const tl_name *a, size_t n, sl_str key, size_t *count)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cmp_sl_str(a[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t e = lo;
    while (e < n && cmp_sl_str(a[e].key, key) == 0)
        e++;
    *count = e - lo;
    return lo < n ? &a[lo] : NULL;
}

const tl_name *tl_speaker_name(const tl_story *st, sl_str speaker)
{
    size_t count;
    const tl_name *hit = find_key(st->names, st->n_names, speaker, &count);
    if (count)
        return hit;
    hit = find_key(st->surnames, st->n_surnames, last_word(speaker), &count);
    return count == 1 && last_word(speaker).len == speaker.len ? hit : NULL;
}

uint64_t tl_words_hash(sl_str text)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < text.len; i++) {
        unsigned char c = (unsigned char)text.ptr[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            continue; /* spacing, punctuation, quote marks (multi-byte ones too) */
        h = (h ^ c) * 1099511628211ull;
    }
    return h;
}

/* ---------------------------------------------------------------- key quotes */

typedef struct quote_pick {
    size_t fact;
    uint64_t hash;
    double score;
    size_t n_docs;
    sl_str speaker;
} quote_pick;

static int cmp_pick_hash(const void *a, const void *b)
{
    const quote_pick *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return (x->fact > y->fact) - (x->fact < y->fact);
}

static int cmp_pick_score(const void *a, const void *b)
{
    const quote_pick *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return (x->fact > y->fact) - (x->fact < y->fact);
}

static size_t count_words(sl_str s)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < s.len; i++) {
        int space = s.ptr[i] == ' ' || s.ptr[i] == '\n';
        n += !space && !in;
        in = !space;
    }
    return n;
}

/* Prominence: documents of the story naming the speaker; an unnamed
 * speaker ("the union", "officials") counts little. */
static double prominence(const tl_story *st, sl_str speaker, sl_str *canonical)
{
    *canonical = speaker;
    if (!speaker.len)
        return 0.25;
    const tl_name *n = tl_speaker_name(st, speaker);
    if (!n)
        return 0.5;
    *canonical = n->name;
    size_t count;
    const tl_name *exact = find_key(st->names, st->n_names, n->name, &count);
    return 1.0 + (exact && count ? exact->docs : 1);
}

static void collect_quotes(const tl_story *st, const uint32_t *members, size_t n_members,
                           quote_pick *picks, size_t *n_picks)
{
    const tl_fact *q = st->facts[STORE_TL_QUOTES];
    for (size_t m = 0; m < n_members; m++) {
        size_t first, n;
        tl_story_doc_facts(st, STORE_TL_QUOTES, members[m], &first, &n);
        for (size_t k = first; k < first + n; k++) {
            const tl_doc *d = &st->docs[q[k].doc];
            sl_str text = { d->text.ptr + q[k].start, q[k].end - q[k].start };
            size_t words = count_words(text);
            if (words < 4)
                continue;
            quote_pick *p = &picks[(*n_picks)++];
            p->fact = k;
            p->hash = tl_words_hash(text);
            /* words in quotation marks are the speaker's own; reported
             * speech is often the writer's paraphrase */
            int direct = q[k].type.len == 6 && memcmp(q[k].type.ptr, "direct", 6) == 0;
            p->score = prominence(st, q[k].value, &p->speaker) * log(1.0 + (double)words) *
                       (direct ? 1.5 : 1.0);
            p->n_docs = 1;
        }
    }
}

/* Equal words in several documents: keep the first, count the others. */
static size_t merge_copies(const tl_story *st, quote_pick *picks, size_t n)
{
    qsort(picks, n, sizeof *picks, cmp_pick_hash);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (out && picks[out - 1].hash == picks[i].hash) {
            const tl_fact *a = &st->facts[STORE_TL_QUOTES][picks[out - 1].fact];
            const tl_fact *b = &st->facts[STORE_TL_QUOTES][picks[i].fact];
            picks[out - 1].n_docs += a->doc != b->doc;
            continue;
        }
        picks[out++] = picks[i];
    }
    return out;
}

int tl_event_quotes(sl_timeline *t, const uint32_t *members, size_t n_members, sl_tl_event *e)
{
    const tl_story *st = &t->story;
    size_t total = 0;
    for (size_t m = 0; m < n_members; m++) {
        size_t first, n;
        tl_story_doc_facts(st, STORE_TL_QUOTES, members[m], &first, &n);
        total += n;
    }
    quote_pick *picks = sl_malloc(t->ctx, (total + 1) * sizeof *picks);
    if (!picks)
        return sl_oom(t->ctx);
    size_t n = 0;
    collect_quotes(st, members, n_members, picks, &n);
    n = merge_copies(st, picks, n);
    for (size_t i = 0; i < n; i++)
        picks[i].score *= 1.0 + 0.1 * (double)(picks[i].n_docs - 1);
    qsort(picks, n, sizeof *picks, cmp_pick_score);
    size_t keep = n < t->opts.max_quotes ? n : t->opts.max_quotes;
    sl_tl_quote *out = tl_alloc(&t->out, (keep + 1) * sizeof *out);
    if (!out) {
        sl_free(t->ctx, picks);
        return sl_oom(t->ctx);
    }
    for (size_t i = 0; i < keep; i++) {
        const tl_fact *q = &st->facts[STORE_TL_QUOTES][picks[i].fact];
        const tl_doc *d = &st->docs[q->doc];
        out[i] = (sl_tl_quote){
            .speaker = picks[i].speaker,
            .text = { d->text.ptr + q->start, q->end - q->start },
            .source = d->source,
            .at = { d->doc, d->id, q->start, q->end },
            .n_docs = picks[i].n_docs,
            .score = picks[i].score,
        };
    }
    sl_free(t->ctx, picks);
    e->quotes = out;
    e->n_quotes = keep;
    return SL_OK;
}
