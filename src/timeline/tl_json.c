/* JSON of timelines and comparisons (docs/timeline.md), one object a line. */
#include "timeline/timeline.h"

#include <math.h>
#include <string.h>

static int key_str(sl_out *o, const char *key, sl_str v)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_string(o, v.ptr ? v.ptr : "", v.len);
}

static int key_day(sl_out *o, const char *key, const char *day)
{
    int rc = sl_out_key(o, key);
    if (rc)
        return rc;
    return day[0] ? sl_out_string(o, day, strlen(day)) : sl_out_null(o);
}

static int key_int(sl_out *o, const char *key, int64_t v)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_int(o, v);
}

static int key_score(sl_out *o, const char *key, double v)
{
    int rc = sl_out_key(o, key);
    return rc ? rc : sl_out_double(o, round(v * 10000.0) / 10000.0);
}

/* "at": {"doc", "id", "start", "end"} */
static int put_span(sl_out *o, const char *key, const sl_tl_span *s)
{
    int rc = sl_out_key(o, key);
    if (!rc) rc = sl_out_begin_object(o);
    if (!rc) rc = key_int(o, "doc", (int64_t)s->doc);
    if (!rc) rc = key_str(o, "id", s->doc_id);
    if (!rc) rc = key_int(o, "start", (int64_t)s->start);
    if (!rc) rc = key_int(o, "end", (int64_t)s->end);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

int sl_tl_story_json(sl_out *o, const sl_tl_story *st)
{
    int rc = sl_out_begin_object(o);
    if (!rc) rc = key_str(o, "type", (sl_str){ st->is_event ? "event-timeline" : "story", st->is_event ? 14 : 5 });
    if (!rc) rc = key_str(o, "id", st->id);
    if (!rc) rc = key_int(o, "story", (int64_t)st->story);
    if (!rc) rc = key_str(o, "title", st->title);
    if (!rc) rc = sl_out_key(o, "label");
    if (!rc) rc = sl_out_begin_array(o);
    /* the stored label is a JSON array of strings: copy its strings */
    for (size_t i = 0; !rc && i < st->label.len; i++) {
        if (st->label.ptr[i] != '"')
            continue;
        size_t j = i + 1;
        while (j < st->label.len && st->label.ptr[j] != '"')
            j += st->label.ptr[j] == '\\' ? 2 : 1;
        if (j > st->label.len)
            break;
        rc = sl_out_string(o, st->label.ptr + i + 1, j - i - 1);
        i = j;
    }
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = key_day(o, "first", st->first);
    if (!rc) rc = key_day(o, "last", st->last);
    if (!rc) rc = key_int(o, "events", (int64_t)st->n_events);
    if (!rc) rc = key_int(o, "documents", (int64_t)st->n_docs);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int put_evidence(sl_out *o, const sl_tl_event *e)
{
    int rc = sl_out_key(o, "evidence");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < e->n_evidence; i++) {
        const sl_tl_evidence *v = &e->evidence[i];
        rc = sl_out_begin_object(o);
        if (!rc) rc = key_str(o, "kind", (sl_str){ v->kind, strlen(v->kind) });
        if (!rc) rc = key_str(o, "value", v->value);
        if (!rc && v->text.len) rc = key_str(o, "text", v->text);
        if (!rc) rc = put_span(o, "at", &v->at);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int put_sources(sl_out *o, const sl_tl_source *src, size_t n)
{
    int rc = sl_out_key(o, "sources");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < n; i++) {
        rc = sl_out_begin_object(o);
        if (!rc) rc = key_str(o, "source", src[i].name);
        if (!rc) rc = sl_out_key(o, "documents");
        if (!rc) rc = sl_out_begin_array(o);
        for (size_t k = 0; !rc && k < src[i].n_docs; k++)
            rc = sl_out_string(o, src[i].doc_ids[k].ptr, src[i].doc_ids[k].len);
        if (!rc) rc = sl_out_end_array(o);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int put_quotes(sl_out *o, const sl_tl_event *e)
{
    int rc = sl_out_key(o, "quotes");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < e->n_quotes; i++) {
        const sl_tl_quote *q = &e->quotes[i];
        rc = sl_out_begin_object(o);
        if (!rc) rc = sl_out_key(o, "speaker");
        if (!rc) rc = q->speaker.len ? sl_out_string(o, q->speaker.ptr, q->speaker.len) : sl_out_null(o);
        if (!rc) rc = key_str(o, "text", q->text);
        if (!rc) rc = key_str(o, "source", q->source);
        if (!rc) rc = key_int(o, "documents", (int64_t)q->n_docs);
        if (!rc) rc = key_score(o, "score", q->score);
        if (!rc) rc = put_span(o, "at", &q->at);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

int sl_tl_event_json(sl_out *o, const sl_tl_story *st, const sl_tl_event *e)
{
    int rc = sl_out_begin_object(o);
    if (!rc) rc = key_str(o, "type", (sl_str){ "event", 5 });
    if (!rc) rc = key_str(o, "story", st->id);
    if (!rc) rc = key_str(o, "id", e->id);
    if (!rc) rc = key_int(o, "event", (int64_t)e->event);
    if (!rc) rc = key_str(o, "title", e->title);
    if (!rc) rc = key_day(o, "date", e->date);
    if (!rc) rc = key_day(o, "earliest", e->earliest);
    if (!rc) rc = key_day(o, "latest", e->latest);
    if (!rc) rc = sl_out_key(o, "summary");
    if (!rc) rc = e->summary.len ? sl_out_string(o, e->summary.ptr, e->summary.len) : sl_out_null(o);
    if (!rc && e->summary.len) rc = key_str(o, "summary_source", e->summary_source);
    if (!rc && e->summary.len) rc = put_span(o, "summary_at", &e->summary_at);
    if (!rc) rc = key_int(o, "documents", (int64_t)e->n_docs);
    if (!rc) rc = put_sources(o, e->sources, e->n_sources);
    if (!rc) rc = put_quotes(o, e);
    if (!rc) rc = put_evidence(o, e);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

int sl_cmp_result_json(sl_out *o, const sl_cmp_result *r)
{
    int rc = sl_out_begin_object(o);
    if (!rc) rc = key_str(o, "type", (sl_str){ "compare", 7 });
    if (!rc) rc = key_str(o, "of", (sl_str){ r->is_event ? "event" : "story", 5 });
    if (!rc) rc = key_str(o, "id", r->id);
    if (!rc) rc = key_str(o, "title", r->title);
    if (!rc) rc = sl_out_key(o, "outlets");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < r->n_outlets; i++)
        rc = sl_out_string(o, r->outlets[i].name.ptr, r->outlets[i].name.len);
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int put_items(sl_out *o, const char *key, const sl_cmp_item *items, size_t n, int omits)
{
    int rc = sl_out_key(o, key);
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; !rc && i < n; i++) {
        const sl_cmp_item *it = &items[i];
        rc = sl_out_begin_object(o);
        if (!rc) rc = key_str(o, "kind", (sl_str){ it->kind, strlen(it->kind) });
        if (!rc) rc = key_str(o, "text", it->text);
        if (!rc && it->key.len) rc = key_str(o, "key", it->key);
        if (!rc) rc = key_int(o, omits ? "outlets" : "count", (int64_t)it->count);
        if (!rc && it->score != 0) rc = key_int(o, "others", (int64_t)it->others);
        if (!rc && it->score != 0) rc = key_score(o, "score", it->score);
        if (!rc) rc = put_span(o, "at", &it->at);
        if (!rc) rc = sl_out_end_object(o);
    }
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

int sl_cmp_outlet_json(sl_out *o, const sl_cmp_result *r, const sl_cmp_outlet *ol)
{
    int rc = sl_out_begin_object(o);
    if (!rc) rc = key_str(o, "type", (sl_str){ "outlet", 6 });
    if (!rc) rc = key_str(o, "of", r->id);
    if (!rc) rc = key_str(o, "source", ol->name);
    if (!rc) rc = sl_out_key(o, "documents");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t k = 0; !rc && k < ol->n_docs; k++)
        rc = sl_out_string(o, ol->doc_ids[k].ptr, ol->doc_ids[k].len);
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = put_items(o, "adds", ol->adds, ol->n_adds, 0);
    if (!rc) rc = put_items(o, "omits", ol->omits, ol->n_omits, 1);
    if (!rc) rc = put_items(o, "terms", ol->terms, ol->n_terms, 0);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}
