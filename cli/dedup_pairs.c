/* storyline dedup --pairs: one line per related pair. */
#include "dedup_spill.h"
#include "dedup/spans.h"

#include <stdlib.h>
#include <string.h>

typedef struct pair_ref {
    uint64_t first, second; /* input order of the pair's documents */
    size_t index;           /* in the dedup handle */
} pair_ref;

static int by_input_order(const void *a, const void *b)
{
    const pair_ref *x = a, *y = b;
    if (x->second != y->second)
        return x->second < y->second ? -1 : 1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static int write_id(sl_out *o, const sl_dedup *d, const char *key, uint64_t i)
{
    size_t len;
    const char *id = sl_dedup_id(d, i, &len);
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_string(o, id, len);
}

/* A kept text: the compared (cleaned) text and the map back to the input. */
typedef struct kept_text {
    char *buf;
    size_t cap;
    const char *text;
    size_t len;
    sl_clean_result map; /* only map and n_map are set */
} kept_text;

static bool load_text(spill *texts, uint64_t item, kept_text *k)
{
    size_t n;
    if (!spill_get(texts, (size_t)item, &k->buf, &k->cap, &n))
        return false;
    uint64_t len, n_map;
    memcpy(&len, k->buf, sizeof len);
    memcpy(&n_map, k->buf + sizeof len, sizeof n_map);
    k->text = k->buf + 2 * sizeof len;
    k->len = (size_t)len;
    memset(&k->map, 0, sizeof k->map);
    if (n_map) {
        /* the segments follow the text; copy them to aligned memory */
        sl_map_seg *segs = malloc((size_t)n_map * sizeof *segs);
        if (!segs) {
            cli_error("out of memory");
            return false;
        }
        memcpy(segs, k->text + len, (size_t)n_map * sizeof *segs);
        k->map.map = segs;
        k->map.n_map = (size_t)n_map;
    }
    return true;
}

static void drop_text(kept_text *k)
{
    free((void *)k->map.map);
    k->map.map = NULL;
    k->map.n_map = 0;
}

/* An offset in the compared text, as an offset in the input text. */
static int64_t raw(const kept_text *k, size_t off)
{
    return (int64_t)(k->map.n_map ? sl_clean_raw_offset(&k->map, off) : off);
}

static int write_ranges(sl_out *o, const char *key, const sl_ranges *r, const kept_text *k)
{
    int rc = sl_out_key(o, key);
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < r->n && !rc; i++) {
        rc = sl_out_begin_array(o);
        if (!rc) rc = sl_out_int(o, raw(k, r->v[i].start));
        if (!rc) rc = sl_out_int(o, raw(k, r->v[i].end));
        if (!rc) rc = sl_out_end_array(o);
    }
    return rc ? rc : sl_out_end_array(o);
}

/* "spans": shared [a_start, a_end, b_start, b_end], removed (in a) and
 * added (in b), all as byte offsets into the input texts. */
static int write_spans(sl_out *o, sl_spans *sp, sl_ranges *gaps, const kept_text *ka,
                       const kept_text *kb, unsigned min_words)
{
    int rc = sl_shared_spans(sp, ka->text, ka->len, kb->text, kb->len, min_words);
    if (!rc) rc = sl_out_key(o, "spans");
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "shared");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < sp->n && !rc; i++) {
        const sl_span *x = &sp->v[i];
        rc = sl_out_begin_array(o);
        if (!rc) rc = sl_out_int(o, raw(ka, x->a_start));
        if (!rc) rc = sl_out_int(o, raw(ka, x->a_end));
        if (!rc) rc = sl_out_int(o, raw(kb, x->b_start));
        if (!rc) rc = sl_out_int(o, raw(kb, x->b_end));
        if (!rc) rc = sl_out_end_array(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = sl_spans_uncovered(sp, false, ka->text, ka->len, gaps);
    if (!rc) rc = write_ranges(o, "removed", gaps, ka);
    if (!rc) rc = sl_spans_uncovered(sp, true, kb->text, kb->len, gaps);
    if (!rc) rc = write_ranges(o, "added", gaps, kb);
    return rc ? rc : sl_out_end_object(o);
}

static int write_pair(sl_out *o, const sl_dedup *d, const sl_dup_pair *p)
{
    const char *rel = sl_dup_relation_name(p->relation);
    sl_out_reset(o);
    int rc = sl_out_begin_object(o);
    if (!rc) rc = write_id(o, d, "a", p->a);
    if (!rc) rc = write_id(o, d, "b", p->b);
    if (!rc) rc = sl_out_key(o, "relation");
    if (!rc) rc = sl_out_string(o, rel, strlen(rel));
    if (!rc) rc = sl_out_key(o, "jaccard");
    if (!rc) rc = sl_out_double(o, cli_round4(p->jaccard));
    if (!rc) rc = sl_out_key(o, "containment");
    if (!rc) rc = sl_out_begin_array(o);
    if (!rc) rc = sl_out_double(o, cli_round4(p->contain_a));
    if (!rc) rc = sl_out_double(o, cli_round4(p->contain_b));
    if (!rc) rc = sl_out_end_array(o);
    if (!rc && p->order) {
        rc = sl_out_key(o, "order");
        if (!rc) rc = sl_out_string(o, p->order, strlen(p->order));
    }
    return rc;
}

typedef struct pair_writer {
    sl_ctx *ctx;
    sl_out *o;
    sl_spans spans;
    sl_ranges gaps;
    kept_text a, b;
} pair_writer;

static bool wants_spans(const sl_dup_pair *p)
{
    return p->relation == SL_DUP_REVISION || p->relation == SL_DUP_CONTAINED;
}

static int one_pair(pair_writer *w, const dedup_job *job, sl_dedup *d, spill *texts,
                    const uint64_t *item_of, const sl_dup_pair *p, FILE *out)
{
    const char *line;
    size_t len;
    int rc = write_pair(w->o, d, p);
    if (!rc && wants_spans(p)) {
        if (!load_text(texts, item_of[p->a], &w->a) || !load_text(texts, item_of[p->b], &w->b)) {
            drop_text(&w->a);
            return EXIT_IO;
        }
        rc = write_spans(w->o, &w->spans, &w->gaps, &w->a, &w->b, job->min_words);
        drop_text(&w->a);
        drop_text(&w->b);
    }
    if (!rc)
        rc = sl_out_finish(w->o, &line, &len);
    if (rc) {
        cli_error("%s", sl_errmsg(w->ctx));
        return EXIT_IO;
    }
    return cli_write(out, line, len) ? EXIT_OK : EXIT_IO;
}

int dedup_write_pairs(const dedup_job *job, sl_ctx *ctx, sl_dedup *d, spill *texts,
                      const uint64_t *item_of, FILE *out)
{
    size_t n = sl_dedup_pair_count(d);
    pair_ref *refs = malloc((n ? n : 1) * sizeof *refs);
    pair_writer w;
    memset(&w, 0, sizeof w);
    w.ctx = ctx;
    sl_spans_init(&w.spans, ctx);
    sl_ranges_init(&w.gaps, ctx);
    int status = EXIT_OK;
    if (!refs || sl_out_new(ctx, &w.o)) {
        cli_error("out of memory");
        status = EXIT_IO;
    }
    for (size_t i = 0; i < n && status == EXIT_OK; i++) {
        sl_dup_pair p;
        sl_dedup_pair(d, i, &p);
        refs[i] = (pair_ref){ p.a < p.b ? p.a : p.b, p.a < p.b ? p.b : p.a, i };
    }
    if (status == EXIT_OK)
        qsort(refs, n, sizeof *refs, by_input_order);
    for (size_t i = 0; i < n && status == EXIT_OK; i++) {
        sl_dup_pair p;
        sl_dedup_pair(d, refs[i].index, &p);
        status = one_pair(&w, job, d, texts, item_of, &p, out);
    }
    free(w.a.buf);
    free(w.b.buf);
    sl_ranges_release(&w.gaps);
    sl_spans_release(&w.spans);
    sl_out_free(w.o);
    free(refs);
    return status;
}
