/* The readable forms of timelines and comparisons (--format=text, the
 * default on a terminal). */
#include "timeline_text.h"

#include <string.h>

int tl_cli_format(const char *arg)
{
    if (strcmp(arg, "text") == 0)
        return 1;
    if (strcmp(arg, "jsonl") == 0)
        return 0;
    return -1;
}

int tl_cli_fail(sl_ctx *ctx, int rc)
{
    cli_error("%s", sl_errmsg(ctx));
    return rc == SL_EINVAL ? EXIT_USAGE : EXIT_IO;
}

/* Text on one line: newlines and tabs as spaces. */
static void put_flat(FILE *f, sl_str s)
{
    for (size_t i = 0; i < s.len; i++)
        fputc(s.ptr[i] == '\n' || s.ptr[i] == '\t' || s.ptr[i] == '\r' ? ' ' : s.ptr[i], f);
}

static void put_span(FILE *f, const sl_tl_span *at)
{
    fprintf(f, "%.*s %zu-%zu", (int)at->doc_id.len, at->doc_id.ptr, at->start, at->end);
}

static const char *bold(bool color) { return color ? "\033[1m" : ""; }
static const char *plain(bool color) { return color ? "\033[0m" : ""; }

static void event_text(FILE *f, const sl_tl_event *e, bool color)
{
    char when[32];
    if (!e->date[0])
        snprintf(when, sizeof when, "undated   ");
    else
        snprintf(when, sizeof when, "%s", e->date);
    fprintf(f, "  %s%s%s  ", bold(color), when, plain(color));
    if (e->earliest[0] && strcmp(e->earliest, e->latest) != 0)
        fprintf(f, "(%s .. %s)  ", e->earliest, e->latest);
    fprintf(f, "event %.*s, %zu document%s\n", (int)e->id.len, e->id.ptr, e->n_docs,
            e->n_docs == 1 ? "" : "s");
    if (e->summary.len) {
        fputs("      ", f);
        put_flat(f, e->summary);
        fprintf(f, "\n        [%.*s, ", (int)e->summary_source.len, e->summary_source.ptr);
        put_span(f, &e->summary_at);
        fputs("]\n", f);
    }
    fputs("      sources: ", f);
    for (size_t i = 0; i < e->n_sources; i++) {
        const sl_tl_source *s = &e->sources[i];
        fprintf(f, "%s%.*s (", i ? "; " : "", (int)s->name.len, s->name.ptr);
        for (size_t k = 0; k < s->n_docs; k++)
            fprintf(f, "%s%.*s", k ? ", " : "", (int)s->doc_ids[k].len, s->doc_ids[k].ptr);
        fputc(')', f);
    }
    fputc('\n', f);
    for (size_t i = 0; i < e->n_quotes; i++) {
        const sl_tl_quote *q = &e->quotes[i];
        fprintf(f, "      %.*s: \"", q->speaker.len ? (int)q->speaker.len : 7,
                q->speaker.len ? q->speaker.ptr : "someone");
        put_flat(f, q->text);
        fprintf(f, "\"  [%.*s, ", (int)q->source.len, q->source.ptr);
        put_span(f, &q->at);
        fputs("]\n", f);
    }
}

bool tl_cli_story_text(FILE *f, const sl_tl_story *st, bool color)
{
    fprintf(f, "%s%s %.*s%s: ", bold(color), st->is_event ? "event" : "story", (int)st->id.len,
            st->id.ptr, plain(color));
    put_flat(f, st->title);
    fputc('\n', f);
    fprintf(f, "  %s .. %s, %zu event%s, %zu document%s\n\n", st->first[0] ? st->first : "?",
            st->last[0] ? st->last : "?", st->n_events, st->n_events == 1 ? "" : "s", st->n_docs,
            st->n_docs == 1 ? "" : "s");
    for (size_t i = 0; i < st->n_events; i++)
        event_text(f, &st->events[i], color);
    fputc('\n', f);
    return !ferror(f);
}

static void items_text(FILE *f, const char *head, const sl_cmp_item *items, size_t n, bool omits)
{
    if (!n)
        return;
    fprintf(f, "  %s\n", head);
    for (size_t i = 0; i < n; i++) {
        const sl_cmp_item *it = &items[i];
        fprintf(f, "    %-8s ", it->kind);
        if (strcmp(it->kind, "quote") == 0 && it->key.len)
            fprintf(f, "%.*s: ", (int)it->key.len, it->key.ptr);
        fputc('"', f);
        put_flat(f, it->text);
        fputc('"', f);
        bool other_key = it->key.len && (it->key.len != it->text.len ||
                                         memcmp(it->key.ptr, it->text.ptr, it->key.len) != 0);
        if (strcmp(it->kind, "quote") != 0 && other_key)
            fprintf(f, " = %.*s", (int)it->key.len, it->key.ptr);
        if (strcmp(it->kind, "term") == 0)
            fprintf(f, "  %zu here, %zu in the others (z %.2f)", it->count, it->others, it->score);
        else if (omits)
            fprintf(f, "  (%zu outlets)", it->count);
        else if (it->count > 1)
            fprintf(f, "  (%zu times)", it->count);
        fputs("  [", f);
        put_span(f, &it->at);
        fputs("]\n", f);
    }
}

bool tl_cli_compare_text(FILE *f, const sl_cmp_result *r, bool color)
{
    fprintf(f, "%scompare %s %.*s%s: ", bold(color), r->is_event ? "event" : "story",
            (int)r->id.len, r->id.ptr, plain(color));
    put_flat(f, r->title);
    fprintf(f, "\n  %zu outlet%s\n\n", r->n_outlets, r->n_outlets == 1 ? "" : "s");
    for (size_t i = 0; i < r->n_outlets; i++) {
        const sl_cmp_outlet *o = &r->outlets[i];
        fprintf(f, "%s%.*s%s (", bold(color), (int)o->name.len, o->name.ptr, plain(color));
        for (size_t k = 0; k < o->n_docs; k++)
            fprintf(f, "%s%.*s", k ? ", " : "", (int)o->doc_ids[k].len, o->doc_ids[k].ptr);
        fputs(")\n", f);
        items_text(f, "only here:", o->adds, o->n_adds, false);
        items_text(f, "left out (most others report it):", o->omits, o->n_omits, true);
        items_text(f, "framing terms:", o->terms, o->n_terms, false);
        fputc('\n', f);
    }
    return !ferror(f);
}
