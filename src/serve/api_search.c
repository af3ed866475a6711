/* GET /api/search: the store's full-text search (sl_store_search). */
#include "serve/serve.h"
#include "store/store.h"

#include <string.h>

enum { MAX_QUERY_BYTES = 1000, MAX_NAME_BYTES = 200 };

/* Matched words in a snippet: U+0002 before, U+0003 after (docs/serve.md). */
static const char MARK_OPEN[] = "\x02", MARK_CLOSE[] = "\x03";

typedef struct search_page {
    serve_worker *w;
    uint64_t skip;
} search_page;

static int on_hit(void *ud, const sl_store_hit *h)
{
    search_page *p = ud;
    if (p->skip) {
        p->skip--;
        return 0;
    }
    sl_out *o = p->w->out;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = serve_key_str(o, "id", h->id);
    if (!rc) rc = serve_key_str(o, "title", h->title);
    if (!rc) rc = serve_key_str_or_null(o, "source", h->source.len ? h->source : (sl_str){ NULL, 0 });
    if (!rc) rc = serve_key_str_or_null(o, "published", h->date.len ? h->date : (sl_str){ NULL, 0 });
    if (!rc) rc = serve_key_str(o, "snippet", h->snippet);
    if (!rc) rc = sl_out_key(o, "score");
    if (!rc) rc = sl_out_double(o, h->score);
    if (!rc) rc = serve_key_str_or_null(o, "event", h->event.len ? h->event : (sl_str){ NULL, 0 });
    if (!rc) rc = serve_key_str_or_null(o, "story", h->story.len ? h->story : (sl_str){ NULL, 0 });
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

/* A text parameter at most max bytes; empty counts as absent. */
static int text_param(serve_req *r, const char *name, size_t max, const char **out)
{
    const char *v = serve_param(r, name);
    *out = v && *v ? v : NULL;
    if (*out && strlen(*out) > max)
        return serve_error(r, 400, "%s must be at most %zu bytes", name, max);
    return 0;
}

static int search_filters(serve_req *r, sl_store_query *q)
{
    int status = text_param(r, "q", MAX_QUERY_BYTES, &q->match);
    if (!status && !q->match)
        status = serve_error(r, 400, "q is required");
    if (!status) status = text_param(r, "source", MAX_NAME_BYTES, &q->source);
    if (!status) status = text_param(r, "entity", MAX_NAME_BYTES, &q->entity);
    if (!status) status = serve_param_date(r, "from", &q->from);
    if (!status) status = serve_param_date(r, "to", &q->to);
    return status;
}

int serve_api_search(serve_req *r)
{
    sl_store_query q = SL_STORE_QUERY_INIT;
    q.mark_open = MARK_OPEN;
    q.mark_close = MARK_CLOSE;
    uint64_t limit, offset;
    int status = search_filters(r, &q);
    if (!status) status = serve_paging(r, &limit, &offset);
    if (status)
        return status;
    if (offset + limit > SERVE_MAX_SEARCH_DEPTH)
        return serve_error(r, 400, "offset + limit must be at most %d", SERVE_MAX_SEARCH_DEPTH);
    q.limit = offset + limit;
    search_page page = { r->w, offset };
    sl_out *o = r->w->out;
    int rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "results");
    if (!rc) rc = sl_out_begin_array(o);
    if (!rc) rc = sl_store_search(r->w->store, &q, on_hit, &page);
    if (rc == SL_EINVAL)
        return serve_error(r, 400, "q: %s", sl_errmsg(r->w->ctx));
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = serve_paging_json(o, -1, limit, offset);
    return rc ? serve_store_error(r, rc) : 200;
}
