/* Line classification: each line of a normalised article becomes body,
 * blank, title, byline, caption or boilerplate (with a reason).
 *
 * The passes, in order:
 *  1. shape features of every line, and lexicon cues on the short ones;
 *  2. the tail: the first end-of-article marker (comment form, share block,
 *     related posts, mirror notice) that has little body text after it;
 *  3. line repetition across documents of the same source;
 *  4. a reason for each line, from its cue (some cues hold only on lines
 *     of a certain shape or away from the paragraphs), its shape and its
 *     place;
 *  5. the title, the byline and the dateline near the top.
 * Doubtful lines stay body: removing a real paragraph is the worst error. */
#include "lines.h"

#include "lines_feat.h"
#include "lines_match.h"
#include "lines_mem.h"

#include <string.h>

/* Lines longer than this are never matched against the lexicon (page
 * furniture is short; captions are matched by their start). */
#define LEX_MAX_BYTES 600
/* Repeated lines count as furniture up to this length. */
#define REPEAT_MAX_CHARS 200
/* Entries of the line memory (every line is remembered, so that copies of
 * a whole document can be told from repeated furniture). */
#define REPEAT_MEMORY 65536
/* Documents a line must be seen in to be boilerplate at the edges of the
 * article, and between its paragraphs. */
#define REPEAT_EDGE_DOCS 3
#define REPEAT_INNER_DOCS 6

/* The working view of one document. */
typedef struct doc {
    const char *text;
    sl_line_feat *f;
    sl_line_class *c;
    unsigned char *seen;
    size_t n;
    size_t first_body, last_body; /* body-like lines without a cue; n if none */
    size_t tail;                  /* the end-of-article marker, or n */
    const char *tail_reason;      /* the marker's reason */
    bool tail_all;                /* a real comment form: all after it goes */
    size_t tail_from;             /* short lines after this one inherit */
} doc;

/* The per-document part: features, line keys and what passes 1 and 2
 * found.  It needs no memory of other documents, so any thread may run it
 * (a work is used by one thread at a time). */
struct sl_lines_work {
    sl_ctx *ctx;
    sl_buf low;            /* folded copy of the current line */
    sl_line_feat *feat;    /* features of the current document's lines */
    size_t cap_feat;
    uint64_t *keys;        /* per line: hash of (source, line); 0 if blank */
    size_t cap_keys;
    unsigned char *seen;   /* per line: documents it was seen in (capped) */
    size_t cap_seen;
    bool has_source;       /* without a source, repetition is not used */
    int stage;             /* enum work_stage */
    sl_lex lex;
    doc d;
};

enum work_stage { WORK_EMPTY, WORK_ANALYSED, WORK_NOTED };

/* The memory across documents, and a work for sl_classify_lines. */
struct sl_linestate {
    sl_ctx *ctx;
    sl_linemem mem;
    sl_lines_work *work;
};

int sl_lines_work_new(sl_ctx *ctx, sl_lines_work **out)
{
    *out = NULL;
    sl_lines_work *w = sl_calloc(ctx, 1, sizeof *w);
    if (!w)
        return sl_oom(ctx);
    w->ctx = ctx;
    sl_buf_init(&w->low, ctx);
    sl_lex_init(&w->lex);
    *out = w;
    return SL_OK;
}

void sl_lines_work_free(sl_lines_work *w)
{
    if (!w)
        return;
    sl_buf_release(&w->low);
    sl_free(w->ctx, w->feat);
    sl_free(w->ctx, w->keys);
    sl_free(w->ctx, w->seen);
    sl_free(w->ctx, w);
}

int sl_linestate_new(sl_ctx *ctx, sl_linestate **out)
{
    *out = NULL;
    sl_linestate *st = sl_calloc(ctx, 1, sizeof *st);
    if (!st)
        return sl_oom(ctx);
    st->ctx = ctx;
    sl_linemem_init(&st->mem, ctx, REPEAT_MEMORY);
    int rc = sl_lines_work_new(ctx, &st->work);
    if (rc) {
        sl_free(ctx, st);
        return rc;
    }
    *out = st;
    return SL_OK;
}

void sl_linestate_free(sl_linestate *st)
{
    if (!st)
        return;
    sl_linemem_release(&st->mem);
    sl_lines_work_free(st->work);
    sl_free(st->ctx, st);
}

static bool blank(const doc *d, size_t i)
{
    return d->f[i].start == d->f[i].end;
}

static bool has_reason(const sl_line_feat *f, const char *reason)
{
    return f->cue && strcmp(f->cue->reason, reason) == 0;
}

static bool weak_cue(const sl_line_feat *f)
{
    return f->cue && (f->cue->flags & SL_CUE_WEAK);
}

static size_t next_nonblank(const doc *d, size_t i)
{
    for (i++; i < d->n && blank(d, i); i++)
        ;
    return i;
}

static size_t prev_nonblank(const doc *d, size_t i)
{
    while (i-- > 0)
        if (!blank(d, i))
            return i;
    return d->n;
}

/* ---------------------------------------------------------------- pass 1 */

static int split_lines(sl_lines_work *st, const char *text, size_t len, size_t *n)
{
    size_t start = 0;
    *n = 0;
    for (;;) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        int rc = sl_grow(st->ctx, (void **)&st->feat, &st->cap_feat, *n + 1, sizeof *st->feat);
        if (rc)
            return rc;
        sl_feat_shape(&st->feat[(*n)++], text, start, end);
        if (!nl)
            return SL_OK;
        start = end + 1;
    }
}

/* A credit line ("Reporting by A; Editing by B"), not a sentence that
 * starts the same way ("Reporting by local media suggested ..."): in
 * brackets, with a ';', or mostly capitalised words. */
static bool credit_shape(const sl_line_feat *f, const char *line, size_t len)
{
    bool bracketed = line[0] == '(' && line[len - 1] == ')';
    return bracketed || memchr(line, ';', len) || f->cap_words * 2 >= f->alpha_words;
}

/* Words of a cue phrase. */
static size_t phrase_words(const char *p)
{
    size_t n = 1;
    for (; *p; p++)
        n += *p == ' ';
    return n;
}

/* Some cues hold only on lines of a certain shape (enum sl_cue_flags). */
static bool cue_shape_holds(const sl_lines_work *st, const sl_line_feat *f, const char *line)
{
    unsigned flags = f->cue->flags;
    size_t len = f->end - f->start;
    if (flags & SL_CUE_DATED) {
        size_t cue_words = phrase_words(f->cue->phrase);
        bool at_end = f->cue->where == SL_CUE_END;
        size_t first = at_end ? 0 : cue_words, last = at_end ? cue_words : 0;
        if (f->body_like || !sl_feat_dated(line, len, first, last))
            return false;
    }
    if ((flags & SL_CUE_CREDIT) && !credit_shape(f, line, len))
        return false;
    if (flags & SL_CUE_SOCIAL) {
        /* Social words are counted only on short lines; count them here
         * for a longer one. */
        sl_line_feat words = { 0 };
        sl_feat_words(&words, &st->lex, st->low.ptr, st->low.len);
        /* A paragraph ("Follow these steps shared on Twitter to ...")
         * needs more than one network to read as a prompt. */
        if (words.social == 0 || f->breaks || (f->body_like && words.social < 2))
            return false;
    }
    return true;
}

static int find_cues(sl_lines_work *st, const char *text, sl_line_feat *f)
{
    size_t len = f->end - f->start;
    bool words = f->words <= SL_FEAT_WORDS_MAX;
    /* A line longer than every cue allows needs no folding at all. */
    if (len == 0 || len > LEX_MAX_BYTES || (!words && f->words > st->lex.max_words))
        return SL_OK;
    int rc = sl_lex_fold(&st->low, text + f->start, len);
    if (rc)
        return rc;
    f->cue = sl_lex_find(&st->lex, st->low.ptr, st->low.len, f->words);
    if (f->cue && !cue_shape_holds(st, f, text + f->start))
        f->cue = NULL;
    if (words)
        sl_feat_words(f, &st->lex, st->low.ptr, st->low.len);
    return SL_OK;
}

/* ---------------------------------------------------------------- pass 2 */

static size_t body_chars(const doc *d, size_t i)
{
    const sl_line_feat *f = &d->f[i];
    return f->body_like && !f->cue ? f->chars : 0;
}

static void find_body_span(doc *d)
{
    d->first_body = d->last_body = d->n;
    for (size_t i = 0; i < d->n; i++) {
        if (!body_chars(d, i))
            continue;
        if (d->first_body == d->n)
            d->first_body = i;
        d->last_body = i;
    }
}

/* A comment form is several form lines together ("Leave a Reply", the
 * e-mail notice, "Post Comment"); one "Leave a comment" link under a post
 * is not enough to drop everything after it. */
static bool comment_form_at(const doc *d, size_t i)
{
    size_t seen = 0, cues = 0;
    for (; i < d->n && seen < 6; i++) {
        if (blank(d, i))
            continue;
        seen++;
        cues += has_reason(&d->f[i], "comment-form");
    }
    return cues >= 2;
}

/* The tail starts at the first marker with at most half as much body text
 * after it as before it: a marker in the middle of an article (a share bar
 * under the lead) must not swallow the rest.  Unless the marker is a real
 * comment form, only the lines after the last paragraph of the tail take
 * the marker's reason. */
static void find_tail(doc *d)
{
    size_t total = 0, before = 0;
    d->tail = d->tail_from = d->n;
    d->tail_reason = NULL;
    d->tail_all = false;
    for (size_t i = 0; i < d->n; i++)
        total += body_chars(d, i);
    for (size_t i = 0; i < d->n; i++) {
        const sl_line_feat *f = &d->f[i];
        before += body_chars(d, i);
        if (!f->cue || !(f->cue->flags & SL_CUE_MARKER) || (total - before) * 2 > before)
            continue;
        d->tail = d->tail_from = i;
        d->tail_reason = f->cue->reason;
        d->tail_all = strcmp(f->cue->reason, "comment-form") == 0 && comment_form_at(d, i);
        for (size_t j = i + 1; j < d->n && !d->tail_all; j++)
            if (body_chars(d, j))
                d->tail_from = j;
        return;
    }
}

/* ---------------------------------------------------------------- pass 3 */

/* The key of every non-blank line: a hash of the source and the line.
 * The memory only ever sees these keys. */
static int hash_lines(sl_lines_work *w, const char *source, size_t source_len)
{
    doc *d = &w->d;
    int rc = sl_grow(w->ctx, (void **)&w->keys, &w->cap_keys, d->n, sizeof *w->keys);
    if (rc == SL_OK)
        rc = sl_grow(w->ctx, (void **)&w->seen, &w->cap_seen, d->n, 1);
    if (rc)
        return rc;
    d->seen = w->seen;
    memset(d->seen, 0, d->n);
    w->has_source = source != NULL;
    uint64_t seed = source ? sl_linemem_hash(0, source, source_len) : 0;
    for (size_t i = 0; i < d->n; i++) {
        const sl_line_feat *f = &d->f[i];
        w->keys[i] = !source || blank(d, i)
                         ? 0
                         : sl_linemem_hash(seed, d->text + f->start, f->end - f->start);
    }
    return SL_OK;
}

int sl_lines_note(sl_linestate *st, sl_lines_work *w)
{
    if (!st || !w || w->stage != WORK_ANALYSED)
        return SL_EINVAL;
    sl_linemem *m = &st->mem;
    doc *d = &w->d;
    w->stage = WORK_NOTED;
    if (!w->has_source)
        return SL_OK;
    sl_linemem_next_doc(m);
    for (size_t i = 0; i < d->n; i++) {
        if (!w->keys[i])
            continue;
        uint32_t docs;
        int rc = sl_linemem_note(m, w->keys[i], &docs);
        if (rc)
            return rc;
        d->seen[i] = (unsigned char)(docs > 255 ? 255 : docs);
    }
    return SL_OK;
}

static bool inside_body(const doc *d, size_t i)
{
    return d->first_body < d->n && i > d->first_body && i < d->last_body;
}

/* Could this repeated line be furniture rather than a repeated sentence or
 * subheading of the article? */
static bool repeat_candidate(const doc *d, size_t i)
{
    const sl_line_feat *f = &d->f[i];
    if (d->seen[i] < REPEAT_EDGE_DOCS || f->chars > REPEAT_MAX_CHARS || f->words > 25 ||
        (f->sentence_like && f->words >= 6))
        return false;
    if (inside_body(d, i))
        return d->seen[i] >= REPEAT_INNER_DOCS && !f->terminal;
    return true;
}

/* When most lines repeat, the document itself is a copy of an earlier one:
 * that is for de-duplication to judge, not a reason to empty it. */
static bool mostly_repeated(const doc *d)
{
    size_t lines = 0, repeated = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (blank(d, i))
            continue;
        lines++;
        repeated += d->seen[i] >= REPEAT_EDGE_DOCS;
    }
    return lines >= 3 && repeated * 2 >= lines;
}

/* ---------------------------------------------------------------- pass 4 */

static void set_class(doc *d, size_t i, int kind, const char *reason)
{
    d->c[i].kind = kind;
    d->c[i].reason = reason;
}

static void remove_as(doc *d, size_t i, const char *reason)
{
    if (strcmp(reason, "caption") == 0)
        set_class(d, i, SL_LINE_CAPTION, "caption");
    else
        set_class(d, i, SL_LINE_BOILERPLATE, reason);
}

/* Breadcrumbs ("News / World / Asia", "Home > Sport") and menu rows. */
static bool is_navigation(const sl_line_feat *f)
{
    if (f->terminal || f->words == 0 || f->words > 20 || f->alpha_words * 2 < f->words)
        return false;
    if (f->seps == 0)
        return f->words >= 3 && f->words <= 15 && f->cap_words == f->alpha_words &&
               f->menu >= 2 && f->menu * 2 >= f->words;
    if (f->max_segment > 5)
        return false;
    /* Menu entries are capitalised; a list of lower-case words separated
     * by slashes is a sentence ("serial / parallel / mixed"). */
    bool capitalised = f->cap_words * 2 >= f->alpha_words;
    if (capitalised && f->seps >= 2 && f->segments >= 3)
        return true;
    return capitalised && f->crumbs >= 1 && f->segments >= 2 && f->words <= 12 &&
           f->max_segment <= 3;
}

/* A row of sharing buttons: "Facebook Twitter WhatsApp Email". */
static bool is_share_row(const sl_line_feat *f)
{
    return f->words >= 2 && f->words <= 12 && !f->terminal &&
           (f->social == f->words || (f->social >= 3 && f->social * 5 >= f->words * 3));
}

/* Only a web address or domain (and separators). */
static bool is_address_only(const sl_line_feat *f)
{
    return f->urls > 0 && f->urls == f->words && f->words <= 3;
}

/* Random short tokens of a spam blog: "Xy2ab QwErty". */
static bool is_junk(const sl_line_feat *f)
{
    return f->words <= 4 && !f->terminal && f->odd_words >= 1 &&
           (f->odd_words == f->words || f->odd_words >= 2 || f->words <= 2);
}

/* A short line directly above a paragraph reads like a subheading. */
static bool heads_paragraph(const doc *d, size_t i)
{
    size_t next = next_nonblank(d, i);
    return next < d->n && body_chars(d, next) > 0 && !d->f[i].terminal && d->f[i].words <= 12 &&
           d->f[i].odd_words == 0 && !d->f[i].cue;
}

/* A weak cue ("Name", "Roku") counts next to a line removed for the same
 * reason, or after the last paragraph. */
static bool weak_cue_confirmed(const doc *d, size_t i)
{
    const char *reason = d->f[i].cue->reason;
    size_t p = prev_nonblank(d, i), q = next_nonblank(d, i);
    if (p < d->n && has_reason(&d->f[p], reason) && !weak_cue(&d->f[p]))
        return true;
    if (q < d->n && has_reason(&d->f[q], reason) && !weak_cue(&d->f[q]))
        return true;
    return d->last_body < d->n && i > d->last_body;
}

/* Lines of the tail: furniture unless they read like a paragraph; after a
 * comment form everything goes (comments and the spam under them). */
static void classify_tail_line(doc *d, size_t i)
{
    const sl_line_feat *f = &d->f[i];
    if (f->cue && (!weak_cue(f) || !f->body_like)) {
        remove_as(d, i, f->cue->reason);
    } else if (d->tail_all) {
        remove_as(d, i, f->body_like ? "comment-form" : "spam-tail");
    } else if (f->body_like || heads_paragraph(d, i)) {
        return;
    } else if (is_junk(f)) {
        remove_as(d, i, "spam-tail");
    } else if (strcmp(d->tail_reason, "mirror") == 0 && is_address_only(f)) {
        remove_as(d, i, "mirror");
    } else {
        remove_as(d, i, d->tail_reason);
    }
}

/* A paragraph that merely mentions a newsletter or a copyright ("...
 * registering for our newsletter ...") is body: for a paragraph, a cue
 * found anywhere in it is trusted only after the last paragraph (where
 * the prompts of a page sit), or for captions, comment forms and mirror
 * notices.  Cues of the edges (SL_CUE_EDGE) are not trusted between
 * paragraphs at all. */
static bool cue_trusted(const doc *d, size_t i)
{
    const sl_line_feat *f = &d->f[i];
    if ((f->cue->flags & SL_CUE_EDGE) && inside_body(d, i))
        return false;
    if (f->cue->where != SL_CUE_ANY || !f->body_like)
        return true;
    if (has_reason(f, "caption") || has_reason(f, "comment-form") || has_reason(f, "mirror"))
        return true;
    return d->last_body == d->n || i > d->last_body;
}

static void classify_line(doc *d, size_t i, bool use_repeats)
{
    const sl_line_feat *f = &d->f[i];
    bool trailing = d->last_body < d->n && i > d->last_body;
    if (f->cue && !cue_trusted(d, i))
        return;
    if (f->cue && !weak_cue(f))
        remove_as(d, i, f->cue->reason);
    else if (f->cue && weak_cue_confirmed(d, i))
        remove_as(d, i, f->cue->reason);
    else if (is_navigation(f))
        remove_as(d, i, "navigation");
    else if (is_share_row(f))
        remove_as(d, i, "share");
    else if (use_repeats && repeat_candidate(d, i))
        remove_as(d, i, "repeated");
    else if (trailing && is_address_only(f))
        remove_as(d, i, "signature");
    else if (trailing && is_junk(f))
        remove_as(d, i, "spam-tail");
}

static void classify_all(doc *d)
{
    bool use_repeats = !mostly_repeated(d);
    for (size_t i = 0; i < d->n; i++) {
        const sl_line_feat *f = &d->f[i];
        d->c[i] = (sl_line_class){ f->start, f->end, SL_LINE_BODY, NULL, f->start };
        if (blank(d, i))
            d->c[i].kind = SL_LINE_BLANK;
        else if (i == d->tail || i > d->tail_from)
            classify_tail_line(d, i);
        else
            classify_line(d, i, use_repeats);
    }
}

/* ---------------------------------------------------------------- pass 5 */

/* Does text[from..to) hold the bytes p[0..n)? */
static bool text_holds(const char *text, size_t from, size_t to, const char *p, size_t n)
{
    for (size_t at = from; at + n <= to; at++) {
        const char *hit = memchr(text + at, p[0], to - at - n + 1);
        if (!hit)
            return false;
        at = (size_t)(hit - text);
        if (memcmp(hit, p, n) == 0)
            return true;
    }
    return false;
}

/* "Name Name, Place" directly above a paragraph, with the place named
 * again further down: a byline.  The shape alone also fits "Central
 * Stadium, Riverside", hence the further evidence (the caller adds the
 * position: right under the headline). */
static bool place_byline_at(const doc *d, size_t i)
{
    const sl_line_feat *f = &d->f[i];
    size_t place, next = next_nonblank(d, i);
    if (next >= d->n || !body_chars(d, next) ||
        !sl_feat_byline_place(d->text + f->start, f->end - f->start, &place))
        return false;
    return text_holds(d->text, f->end, d->f[d->n - 1].end, d->text + f->start + place,
                      f->end - f->start - place);
}

/* A headline: short, one sentence at most, no final full stop, and either
 * capitalised like a title or set apart from what follows. */
static bool title_like(const doc *d, size_t i)
{
    const sl_line_feat *f = &d->f[i];
    size_t next = next_nonblank(d, i);
    if (next >= d->n || f->words < 2 || f->words > 25 || f->chars > 200 || f->period ||
        f->breaks || f->seps > 1 || is_address_only(f) || f->body_like)
        return false;
    uint32_t last = (unsigned char)d->text[f->end - 1];
    if (last == ',' || last == ';' || last == ':')
        return false;
    bool capitalised = f->alpha_words >= 3 && f->cap_words * 2 >= f->alpha_words;
    const sl_line_feat *g = &d->f[next];
    bool apart = next > i + 1 || d->c[next].kind != SL_LINE_BODY || body_chars(d, next) > 0 ||
                 sl_feat_byline(d->text + g->start, g->end - g->start) ||
                 place_byline_at(d, next);
    return capitalised || apart;
}

static size_t find_title(doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        if (d->c[i].kind == SL_LINE_BLANK)
            continue;
        /* Furniture and photo captions may sit above the headline. */
        if (d->c[i].kind == SL_LINE_BOILERPLATE || d->c[i].kind == SL_LINE_CAPTION)
            continue;
        if (d->c[i].kind == SL_LINE_BODY && title_like(d, i)) {
            set_class(d, i, SL_LINE_TITLE, "title");
            return i + 1;
        }
        return i;
    }
    return d->n;
}

/* A byline may be a line that repeats across the source (the same
 * author's name over many articles). */
static bool byline_candidate(const doc *d, size_t i)
{
    return d->c[i].kind == SL_LINE_BODY ||
           (d->c[i].kind == SL_LINE_BOILERPLATE && strcmp(d->c[i].reason, "repeated") == 0);
}

/* A byline among the first few lines after the title, before any
 * paragraph; "Name, Place" only as the first line under a title. */
static void find_byline(doc *d, size_t from, bool titled)
{
    size_t seen = 0;
    for (size_t i = from; i < d->n && seen < 4; i++) {
        if (d->c[i].kind == SL_LINE_BLANK)
            continue;
        seen++;
        if (body_chars(d, i))
            return;
        const sl_line_feat *f = &d->f[i];
        if (!byline_candidate(d, i))
            continue;
        if (sl_feat_byline(d->text + f->start, f->end - f->start) ||
            (titled && seen == 1 && place_byline_at(d, i))) {
            set_class(d, i, SL_LINE_BYLINE, "byline");
            return;
        }
    }
}

/* A dateline at the start of the first body line. */
static void find_dateline(doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        if (d->c[i].kind != SL_LINE_BODY)
            continue;
        const sl_line_feat *f = &d->f[i];
        size_t n = sl_feat_dateline(d->text + f->start, f->end - f->start);
        if (n)
            d->c[i].dateline_end = f->start + n;
        return;
    }
}

/* ---------------------------------------------------------------- entry */

int sl_lines_analyze(sl_lines_work *w, const char *text, size_t len, const char *source,
                     size_t source_len)
{
    if (!w || (!text && len))
        return SL_EINVAL;
    w->stage = WORK_EMPTY;
    if (!text)
        text = "";
    size_t lines;
    int rc = split_lines(w, text, len, &lines);
    for (size_t i = 0; i < lines && rc == SL_OK; i++)
        rc = find_cues(w, text, &w->feat[i]);
    w->d = (doc){ text, w->feat, NULL, NULL, lines, 0, 0, 0, NULL, false, 0 };
    if (rc == SL_OK)
        rc = hash_lines(w, source, source_len);
    if (rc != SL_OK)
        return rc;
    find_body_span(&w->d);
    find_tail(&w->d);
    w->stage = WORK_ANALYSED;
    return SL_OK;
}

int sl_lines_classify(sl_lines_work *w, sl_line_class **out, size_t *n, size_t *cap)
{
    if (!w || !out || !n || !cap || w->stage != WORK_NOTED)
        return SL_EINVAL;
    *n = 0;
    doc *d = &w->d;
    int rc = sl_grow(w->ctx, (void **)out, cap, d->n, sizeof **out);
    if (rc)
        return rc;
    d->c = *out;
    classify_all(d);
    size_t after_title = find_title(d);
    bool titled = after_title > 0 && d->c[after_title - 1].kind == SL_LINE_TITLE;
    find_byline(d, after_title, titled);
    find_dateline(d);
    *n = d->n;
    return SL_OK;
}

int sl_classify_lines(sl_linestate *st, const char *text, size_t len, const char *source,
                      size_t source_len, sl_line_class **out, size_t *n, size_t *cap)
{
    if (!st || !out || !n || !cap || (!text && len))
        return SL_EINVAL;
    *n = 0;
    int rc = sl_lines_analyze(st->work, text, len, source, source_len);
    if (rc == SL_OK)
        rc = sl_lines_note(st, st->work);
    if (rc == SL_OK)
        rc = sl_lines_classify(st->work, out, n, cap);
    return rc;
}
