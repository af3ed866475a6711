/* The /api/ routes of stories, events, timelines and comparisons
 * (docs/serve.md).  Each returns the HTTP status; the body is in the
 * worker's sl_out. */
#include "serve/serve.h"
#include "store/store.h"

#include <string.h>

/* Everything a story has in a story list; with_events_count off for the
 * story's own page, where "events" is the list. */
static int story_json(sl_ctx *ctx, sl_out *o, const store_sv_row *row, int with_events_count)
{
    int rc = serve_key_str(o, "id", row->s[1]);
    if (!rc) rc = serve_key_json(ctx, o, "label", row->s[2]);
    if (!rc) rc = serve_key_str_or_null(o, "title", row->s[3]);
    if (!rc && with_events_count) rc = serve_key_int(o, "events", row->i[4]);
    if (!rc) rc = serve_key_int(o, "documents", row->i[5]);
    if (!rc) rc = serve_key_str_or_null(o, "first", row->s[6]);
    if (!rc) rc = serve_key_str_or_null(o, "last", row->s[7]);
    return rc;
}

static int event_json(sl_ctx *ctx, sl_out *o, const store_sv_row *row, int with_story)
{
    int rc = sl_out_begin_object(o);
    if (!rc) rc = serve_key_str(o, "id", row->s[1]);
    if (!rc) rc = serve_key_str_or_null(o, "title", row->s[3]);
    if (!rc) rc = serve_key_json(ctx, o, "label", row->s[2]);
    if (!rc) rc = serve_key_int(o, "documents", row->i[4]);
    if (!rc) rc = serve_key_str_or_null(o, "first", row->s[5]);
    if (!rc) rc = serve_key_str_or_null(o, "last", row->s[6]);
    if (!rc && with_story) rc = serve_key_str_or_null(o, "story", row->s[7]);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int on_story_item(void *ud, const store_sv_row *row)
{
    serve_worker *w = ud;
    int rc = sl_out_begin_object(w->out);
    if (!rc) rc = story_json(w->ctx, w->out, row, 1);
    if (!rc) rc = sl_out_end_object(w->out);
    return rc;
}

static int on_event_item(void *ud, const store_sv_row *row)
{
    serve_worker *w = ud;
    return event_json(w->ctx, w->out, row, 1);
}

static int on_story_event(void *ud, const store_sv_row *row)
{
    serve_worker *w = ud;
    return event_json(w->ctx, w->out, row, 0);
}

static int list_stories(serve_req *r)
{
    uint64_t limit, offset, total = 0;
    int status = serve_paging(r, &limit, &offset);
    if (status)
        return status;
    sl_out *o = r->w->out;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "stories");
    if (!rc) rc = sl_out_begin_array(o);
    if (!rc) rc = store_sv_stories(r->w->store, limit, offset, on_story_item, r->w, &total);
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = serve_paging_json(o, (int64_t)total, limit, offset);
    return rc ? serve_store_error(r, rc) : 200;
}

/* The story row: its fields open the answer, its number is kept. */
typedef struct story_hit {
    serve_worker *w;
    uint64_t num;
    int write;
} story_hit;

static int on_story_row(void *ud, const store_sv_row *row)
{
    story_hit *h = ud;
    h->num = (uint64_t)row->i[0];
    return h->write ? story_json(h->w->ctx, h->w->out, row, 0) : 0;
}

static int one_story(serve_req *r, const char *key)
{
    sl_out *o = r->w->out;
    story_hit h = { r->w, 0, 1 };
    uint64_t total;
    int rc = sl_out_begin_object(o);
    int found = rc ? rc : store_sv_story(r->w->store, key, on_story_row, &h);
    if (found < 0)
        return serve_store_error(r, found);
    if (!found)
        return serve_error(r, 404, "no story '%s'", key);
    rc = sl_out_key(o, "events");
    if (!rc) rc = sl_out_begin_array(o);
    if (!rc)
        rc = store_sv_events(r->w->store, 1, h.num, UINT32_MAX, 0, on_story_event, r->w, &total);
    if (!rc) rc = sl_out_end_array(o);
    return rc ? serve_store_error(r, rc) : 200;
}

int serve_api_stories(serve_req *r, const char *rest)
{
    return rest ? one_story(r, rest) : list_stories(r);
}

int serve_api_events(serve_req *r)
{
    uint64_t limit, offset, total = 0;
    int status = serve_paging(r, &limit, &offset);
    if (status)
        return status;
    const char *story = serve_param(r, "story");
    story_hit h = { r->w, 0, 0 };
    if (story) {
        int found = *story ? store_sv_story(r->w->store, story, on_story_row, &h) : 0;
        if (found < 0)
            return serve_store_error(r, found);
        if (!found)
            return serve_error(r, 404, "no story '%s'", story);
    }
    sl_out *o = r->w->out;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "events");
    if (!rc) rc = sl_out_begin_array(o);
    if (!rc)
        rc = store_sv_events(r->w->store, story != NULL, h.num, limit, offset, on_event_item, r->w,
                             &total);
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = serve_paging_json(o, (int64_t)total, limit, offset);
    return rc ? serve_store_error(r, rc) : 200;
}

/* A key the timeline does not know is SL_EINVAL: 404. */
static int timeline_error(serve_req *r, int rc, const char *key)
{
    if (rc == SL_EINVAL)
        return serve_error(r, 404, "no story or event '%s'", key);
    return serve_store_error(r, rc);
}

int serve_api_timeline(serve_req *r, const char *key)
{
    const sl_tl_story *st;
    int rc = sl_timeline_build(r->w->tl, r->w->store, key, &st);
    if (rc)
        return timeline_error(r, rc, key);
    sl_out *o = r->w->out;
    rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "story");
    if (!rc) rc = sl_tl_story_json(o, st);
    if (!rc) rc = sl_out_key(o, "events");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < st->n_events; i++)
        rc = sl_tl_event_json(o, st, &st->events[i]);
    if (!rc) rc = sl_out_end_array(o);
    return rc ? serve_store_error(r, rc) : 200;
}

int serve_api_compare(serve_req *r, const char *key)
{
    const sl_cmp_result *cmp;
    int rc = sl_timeline_compare(r->w->tl, r->w->store, key, &cmp);
    if (rc)
        return timeline_error(r, rc, key);
    sl_out *o = r->w->out;
    rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "compare");
    if (!rc) rc = sl_cmp_result_json(o, cmp);
    if (!rc) rc = sl_out_key(o, "outlets");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < cmp->n_outlets; i++)
        rc = sl_cmp_outlet_json(o, cmp, &cmp->outlets[i]);
    if (!rc) rc = sl_out_end_array(o);
    return rc ? serve_store_error(r, rc) : 200;
}

/* "/stories/ID" -> "ID" when route starts with prefix and has more. */
static const char *after(const char *route, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(route, prefix, n) == 0 && route[n] ? route + n : NULL;
}

int serve_api(serve_req *r, const char *route)
{
    const char *rest;
    if (!strcmp(route, "/stories"))
        return serve_api_stories(r, NULL);
    if ((rest = after(route, "/stories/")))
        return serve_api_stories(r, rest);
    if (!strcmp(route, "/events"))
        return serve_api_events(r);
    if ((rest = after(route, "/timeline/")))
        return serve_api_timeline(r, rest);
    if ((rest = after(route, "/compare/")))
        return serve_api_compare(r, rest);
    if ((rest = after(route, "/documents/")))
        return serve_api_document(r, rest);
    if (!strcmp(route, "/search"))
        return serve_api_search(r);
    if (!strcmp(route, "/entities"))
        return serve_api_entities(r);
    return serve_error(r, 404, "no API path '/api%.200s'", route);
}
