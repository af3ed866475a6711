/* storyline dedup --pairs: one line per related pair. */
#include "dedup_spill.h"

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

int dedup_write_pairs(const dedup_job *job, sl_ctx *ctx, sl_dedup *d, spill *texts, FILE *out)
{
    (void)job;
    (void)texts;
    size_t n = sl_dedup_pair_count(d);
    pair_ref *refs = malloc((n ? n : 1) * sizeof *refs);
    sl_out *o = NULL;
    if (!refs || sl_out_new(ctx, &o)) {
        cli_error("out of memory");
        free(refs);
        return EXIT_IO;
    }
    for (size_t i = 0; i < n; i++) {
        sl_dup_pair p;
        sl_dedup_pair(d, i, &p);
        refs[i] = (pair_ref){ p.a < p.b ? p.a : p.b, p.a < p.b ? p.b : p.a, i };
    }
    qsort(refs, n, sizeof *refs, by_input_order);
    int status = EXIT_OK;
    for (size_t i = 0; i < n && status == EXIT_OK; i++) {
        sl_dup_pair p;
        const char *line;
        size_t len;
        sl_dedup_pair(d, refs[i].index, &p);
        if (write_pair(o, d, &p) || sl_out_finish(o, &line, &len)) {
            cli_error("%s", sl_errmsg(ctx));
            status = EXIT_IO;
        } else if (!cli_write(out, line, len))
            status = EXIT_IO;
    }
    sl_out_free(o);
    free(refs);
    return status;
}
