/* storyline stories --summary: one line per event, then one per story,
 * with a label, a representative title, the dated span and the members. */
#include "stories.h"

#include <stdlib.h>
#include <string.h>

/* A cluster's members, grouped by a counting sort of the documents. */
typedef struct groups {
    uint64_t *start;   /* members of group g: member[start[g] .. start[g + 1]) */
    uint64_t *member;
} groups;

static void groups_free(groups *g)
{
    free(g->start);
    free(g->member);
}

/* Documents by event (level 0), or events by story (level 1). */
static bool group(const sl_story_index *x, int level, groups *g)
{
    uint64_t n_groups = level ? sl_story_story_count(x) : sl_story_event_count(x);
    uint64_t n_items = level ? sl_story_event_count(x) : sl_story_count(x);
    g->start = calloc(n_groups + 2, sizeof *g->start);
    g->member = malloc((n_items ? n_items : 1) * sizeof *g->member);
    if (!g->start || !g->member) {
        groups_free(g);
        cli_error("out of memory");
        return false;
    }
    uint64_t *of = malloc((n_items ? n_items : 1) * sizeof *of);
    if (!of) {
        groups_free(g);
        cli_error("out of memory");
        return false;
    }
    for (uint64_t i = 0; i < n_items; i++) {
        sl_story_assignment a;
        sl_story_cluster c;
        if (level)
            of[i] = sl_story_event(x, i, &c) == SL_OK ? c.story : 0;
        else
            of[i] = sl_story_result(x, i, &a) == SL_OK ? a.event : 0;
        g->start[of[i] + 2]++;
    }
    for (uint64_t k = 2; k < n_groups + 2; k++)
        g->start[k] += g->start[k - 1];
    for (uint64_t i = 0; i < n_items; i++)
        g->member[g->start[of[i] + 1]++] = i;
    free(of);
    return true;
}

static int put_day(sl_out *o, int64_t day)
{
    if (day == INT64_MIN)
        return sl_out_null(o);
    char buf[11];
    sl_day_format(day, buf);
    return sl_out_string(o, buf, 10);
}

static int put_doc_id(sl_out *o, const sl_story_index *x, uint64_t doc)
{
    size_t len;
    const char *id = sl_story_doc_id(x, doc, &len);
    return sl_out_string(o, id, len);
}

static int put_label(sl_out *o, const sl_story_index *x, uint64_t i, int is_story)
{
    const char *terms[8];
    size_t n;
    int rc = sl_story_label(x, i, is_story, terms, 8, &n);
    if (!rc) rc = sl_out_key(o, "label");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t k = 0; !rc && k < n; k++)
        rc = sl_out_string(o, terms[k], strlen(terms[k]));
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

/* {"type", "id", ["story",] "label", "title", "first", "last", "size", members} */
static int put_cluster(sl_out *o, const sl_story_index *x, uint64_t i, int is_story,
                       const groups *g, const groups *events)
{
    sl_story_cluster c, s;
    int rc = is_story ? sl_story_story(x, i, &c) : sl_story_event(x, i, &c);
    if (!rc) rc = sl_story_story(x, c.story, &s);
    size_t tl;
    const char *title = rc ? "" : sl_story_doc_title(x, c.best_doc, &tl);
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "type");
    if (!rc) rc = sl_out_string(o, is_story ? "story" : "event", is_story ? 5 : 5);
    if (!rc) rc = sl_out_key(o, "id");
    if (!rc) rc = put_doc_id(o, x, c.first_doc);
    if (!rc && !is_story) {
        rc = sl_out_key(o, "story");
        if (!rc) rc = put_doc_id(o, x, s.first_doc);
    }
    if (!rc) rc = put_label(o, x, i, is_story);
    if (!rc) rc = sl_out_key(o, "title");
    if (!rc) rc = sl_out_string(o, title, tl);
    if (!rc) rc = sl_out_key(o, "first");
    if (!rc) rc = put_day(o, c.first_day);
    if (!rc) rc = sl_out_key(o, "last");
    if (!rc) rc = put_day(o, c.last_day);
    if (!rc) rc = sl_out_key(o, "size");
    if (!rc) rc = sl_out_int(o, (int64_t)(g->start[i + 1] - g->start[i]));
    if (!rc) rc = sl_out_key(o, is_story ? "events" : "members");
    if (!rc) rc = sl_out_begin_array(o);
    for (uint64_t k = g->start[i]; !rc && k < g->start[i + 1]; k++) {
        uint64_t m = g->member[k];
        if (is_story) {
            sl_story_cluster e;
            rc = sl_story_event(x, m, &e);
            m = e.first_doc;
        }
        if (!rc) rc = put_doc_id(o, x, m);
    }
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = sl_out_end_object(o);
    (void)events;
    return rc;
}

static int write_level(sl_ctx *ctx, sl_out *o, const sl_story_index *x, int is_story,
                       const groups *g, const groups *events, FILE *out)
{
    uint64_t n = is_story ? sl_story_story_count(x) : sl_story_event_count(x);
    for (uint64_t i = 0; i < n; i++) {
        const char *line;
        size_t len;
        sl_out_reset(o);
        int rc = put_cluster(o, x, i, is_story, g, events);
        if (!rc) rc = sl_out_finish(o, &line, &len);
        if (rc) {
            cli_error("%s", sl_errmsg(ctx));
            return EXIT_IO;
        }
        if (!cli_write(out, line, len))
            return EXIT_IO;
    }
    return EXIT_OK;
}

int stories_write_summary(sl_ctx *ctx, const sl_story_index *x, FILE *out)
{
    groups docs = { 0 }, events = { 0 };
    sl_out *o = NULL;
    int status = EXIT_IO;
    if (sl_out_new(ctx, &o) != SL_OK)
        cli_error("%s", sl_errmsg(ctx));
    else if (group(x, 0, &docs) && group(x, 1, &events))
        status = write_level(ctx, o, x, 0, &docs, NULL, out) == EXIT_OK
                     ? write_level(ctx, o, x, 1, &events, &docs, out)
                     : EXIT_IO;
    groups_free(&docs);
    groups_free(&events);
    sl_out_free(o);
    return status;
}
