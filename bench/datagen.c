/* sl-datagen: a deterministic synthetic news corpus for benchmarks.
 *
 *   sl-datagen [--size=100M] [--seed=N] [--docs-mojibake=0.05]
 *              [--docs-entities=0.03] [--dup-rate=0.2]
 *              [--paragraphs=4-16] [--format=jsonl|txt-dir] [--truth=FILE] [--verbose] [-o PATH]
 *
 * Articles are written from our own word lists and sentence templates and
 * grouped into stories that share people, places, organisations and dates.
 * A fraction of documents derive from earlier ones: exact copies, near
 * copies (a few words changed), revisions (extended versions) and articles
 * that contain a passage of another.  Pages carry the usual chrome
 * (navigation, share and subscribe prompts, comment forms, copyright lines),
 * captions, bylines and datelines; some documents are damaged with mojibake
 * (UTF-8 read as cp1252, once or twice) or HTML entities.
 *
 * The same seed gives byte-identical output, and a smaller --size gives a
 * prefix of a larger one: generation stops before the first document that
 * would take the output past --size.  Standalone C11, no dependencies.
 *
 * This file makes the documents and the corpus and reads the options;
 * datagen.h lists the others. */
#include "datagen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------- documents */

static void doc_copy(doc *d, const doc *s)
{
    buf url = d->url, title = d->title, body = d->body, title_out = d->title_out, text = d->text;
    *d = *s;
    d->url = url, d->title = title, d->body = body, d->title_out = title_out, d->text = text;
    buf_copy(&d->url, &s->url);
    buf_copy(&d->title, &s->title);
    buf_copy(&d->body, &s->body);
    buf_copy(&d->title_out, &s->title_out);
    buf_copy(&d->text, &s->text);
}

static void doc_reset(doc *d)
{
    d->url.len = d->title.len = d->body.len = d->title_out.len = d->text.len = 0;
    d->of[0] = d->cluster[0] = '\0';
    d->has_title = d->has_published = true;
    d->damage = "none";
}

static void doc_free(doc *d)
{
    free(d->url.p);
    free(d->title.p);
    free(d->body.p);
    free(d->title_out.p);
    free(d->text.p);
}

static gen doc_gen(doc *d, uint64_t seed)
{
    gen g = { { seed }, &d->st, &outlets[d->outlet], d->reporter, 0, false };
    return g;
}

static void make_url(doc *d, uint64_t number)
{
    const outlet *o = &outlets[d->outlet];
    civil c = civil_from_days(d->published / 1440);
    char section[16], tmp[160];
    size_t i = 0;
    for (const char *t = topics[d->st.topic].tag; *t && i + 1 < sizeof section; t++)
        section[i++] = (char)(*t >= 'A' && *t <= 'Z' ? *t - 'A' + 'a' : *t);
    section[i] = '\0';
    snprintf(tmp, sizeof tmp, "https://www.%s.example/%s/%d/%02d/%02d/", o->domain, section, c.year,
             c.month + 1, c.day);
    buf_puts(&d->url, tmp);
    size_t start = d->url.len;
    for (size_t k = 0; k < d->title.len && d->url.len - start < 60; k++) {
        char ch = d->title.p[k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            buf_putc(&d->url, ch);
        else if ((unsigned char)ch < 0x80 && d->url.p[d->url.len - 1] != '-')
            buf_putc(&d->url, '-');
    }
    if (d->url.p[d->url.len - 1] != '-')
        buf_putc(&d->url, '-');
    buf_putu(&d->url, number);
}

/* Lay the page out around title and body, in the outlet's quote style. */
static void render(doc *d, const char *note)
{
    buf_putc(&d->title, '\0'); /* render_page wants a C string */
    d->title.len--;
    gen g = doc_gen(d, d->chrome_seed);
    page pg = { d->title.p, &d->body, d->published, note };
    d->text.len = 0;
    render_page(&g, &d->text, &pg);
    buf_copy(&d->title_out, &d->title);
    if (outlets[d->outlet].style & STYLE_STRAIGHT) {
        straighten_quotes(&d->text);
        straighten_quotes(&d->title_out);
    }
}

/* ---------------------------------------------------------------- corpus */

enum { ACTIVE = 48, POOL = 128 };
const char *const relation_names[REL_COUNT] = { "original", "exact", "near", "revision", "contained" };

typedef struct corpus {
    const options *opt;
    rng r;
    story active[ACTIVE];
    uint32_t stories;
    int clock; /* the day of the newest story */
    doc pool[POOL];
    size_t pool_n;
    uint64_t docs;
    buf tmp;
} corpus;

static void new_story(corpus *c, story *s)
{
    if (rng_chance(&c->r, 0.25))
        c->clock++;
    *s = make_story(&c->r, c->stories++, c->clock + (int)rng_below(&c->r, 2));
}

static void corpus_init(corpus *c, const options *o)
{
    memset(c, 0, sizeof *c);
    c->opt = o;
    c->r.s = o->seed ^ 0x5EED5EED5EED5EEDull;
    for (size_t i = 0; i < ACTIVE; i++)
        new_story(c, &c->active[i]);
}

static void set_published(corpus *c, doc *d, int minutes)
{
    d->published = minutes;
    d->has_published = !rng_chance(&c->r, 0.04);
}

static void make_original(corpus *c, doc *d)
{
    story *s = &c->active[rng_below(&c->r, ACTIVE)];
    d->st = *s;
    if (--s->remaining == 0)
        new_story(c, s);
    d->outlet = rng_below(&c->r, aggregator_outlet);
    d->reporter = d->outlet * 3 + rng_below(&c->r, 3);
    gen g = doc_gen(d, rng_next(&c->r));
    write_title(&g, &d->title);
    write_body(&g, &d->body, rng_range(&g.r, c->opt->paragraphs_min, c->opt->paragraphs_max));
    set_published(c, d, (d->st.day + (int)rng_below(&c->r, 3)) * 1440 + rng_range(&c->r, 360, 1320));
    make_url(d, c->docs);
    d->chrome_seed = rng_next(&c->r);
    d->has_title = !rng_chance(&c->r, 0.03);
    render(d, NULL);
}

static void make_exact(corpus *c, doc *d, const doc *src)
{
    doc_copy(d, src);
    d->published = src->published + (int)rng_below(&c->r, 90);
    if (rng_chance(&c->r, 0.5)) {
        d->outlet = aggregator_outlet;
        d->url.len = 0;
        buf_puts(&d->url, "https://newsfold.example/a/");
        buf_putu(&d->url, c->docs);
    } else {
        buf_puts(&d->url, "?utm_source=rss");
    }
}

/* Change a few words, and sometimes drop a paragraph after the lead. */
static void perturb(corpus *c, buf *body)
{
    int edits = rng_range(&c->r, 2, 6);
    for (int k = 0; k < edits; k++) {
        size_t at = rng_below(&c->r, body->len);
        while (at < body->len && body->p[at] != ' ')
            at++;
        size_t end = ++at;
        while (end < body->len && strchr(" ,.;:\n\"'", body->p[end]) == NULL && (unsigned char)body->p[end] < 0x80)
            end++;
        if (at >= body->len || end == at)
            continue;
        const char *w = pick(&c->r, fillers, fillers_count);
        c->tmp.len = 0;
        buf_put(&c->tmp, body->p, at);
        buf_puts(&c->tmp, w);
        buf_put(&c->tmp, body->p + end, body->len - end);
        buf_copy(body, &c->tmp);
    }
    const char *lead_end = memchr(body->p, '\n', body->len);
    if (rng_chance(&c->r, 0.3) && lead_end && (size_t)(lead_end + 1 - body->p) < body->len) {
        size_t from = (size_t)(lead_end + 1 - body->p);
        const char *nl = memchr(body->p + from, '\n', body->len - from);
        size_t to = (size_t)(nl + 1 - body->p);
        memmove(body->p + from, body->p + to, body->len - to);
        body->len -= to - from;
    }
}

static void make_near(corpus *c, doc *d, const doc *src)
{
    doc_copy(d, src);
    d->damage = "none";
    perturb(c, &d->body);
    if (rng_chance(&c->r, 0.5)) {
        d->outlet = rng_below(&c->r, aggregator_outlet);
        d->reporter = d->outlet * 3 + rng_below(&c->r, 3);
        d->chrome_seed = rng_next(&c->r);
    }
    set_published(c, d, src->published + rng_range(&c->r, 30, 600));
    d->url.len = 0;
    make_url(d, c->docs);
    render(d, NULL);
}

static void make_revision(corpus *c, doc *d, const doc *src)
{
    doc_copy(d, src);
    d->damage = "none";
    gen g = doc_gen(d, rng_next(&c->r));
    int added = rng_range(&c->r, 1, 4);
    for (int i = 0; i < added; i++)
        write_paragraph(&g, &d->body);
    if (outlets[d->outlet].style & STYLE_WIRE) {
        c->tmp.len = 0;
        buf_puts(&c->tmp, "UPDATE 1-");
        buf_put(&c->tmp, d->title.p, d->title.len);
        buf_copy(&d->title, &c->tmp);
    }
    set_published(c, d, src->published + rng_range(&c->r, 60, 2880));
    render(d, "This article has been updated with comments from %B.");
}

/* Another outlet's article on the story that quotes a run of paragraphs of
 * src word for word. */
static void make_contained(corpus *c, doc *d, const doc *src)
{
    d->st = src->st;
    d->outlet = (src->outlet + 1 + rng_below(&c->r, aggregator_outlet - 1)) % aggregator_outlet;
    d->reporter = d->outlet * 3 + rng_below(&c->r, 3);
    gen g = doc_gen(d, rng_next(&c->r));
    write_title(&g, &d->title);
    write_lead(&g, &d->body);
    for (int i = rng_range(&g.r, 0, 2); i > 0; i--)
        write_paragraph(&g, &d->body);
    /* Paragraph boundaries of src: pick a run of 2-5 after the lead. */
    size_t starts[64], n = 0;
    for (size_t i = 0; i < src->body.len && n < COUNT(starts); i++)
        if (i == 0 || src->body.p[i - 1] == '\n')
            starts[n++] = i;
    size_t first = 1 + rng_below(&c->r, n > 2 ? n - 2 : 1);
    size_t last = first + (size_t)rng_range(&c->r, 2, 5);
    size_t from = starts[first < n ? first : n - 1];
    size_t to = last < n ? starts[last] : src->body.len;
    buf_put(&d->body, src->body.p + from, to - from);
    for (int i = rng_range(&g.r, 1, 3); i > 0; i--)
        write_paragraph(&g, &d->body);
    set_published(c, d, src->published + rng_range(&c->r, 60, 3000));
    make_url(d, c->docs);
    d->chrome_seed = rng_next(&c->r);
    render(d, NULL);
}

/* The first line at or after byte `at` (wrapping round) with a non-ASCII
 * character, as [*from, *to); false if the text is all ASCII. */
static bool non_ascii_line(const buf *t, size_t at, size_t *from, size_t *to)
{
    for (size_t k = 0; k < t->len; k++) {
        size_t i = (at + k) % t->len;
        if ((unsigned char)t->p[i] < 0x80)
            continue;
        *from = i;
        while (*from > 0 && t->p[*from - 1] != '\n')
            (*from)--;
        const char *nl = memchr(t->p + i, '\n', t->len - i);
        *to = nl ? (size_t)(nl - t->p) : t->len;
        return true;
    }
    return false;
}

static void damage(corpus *c, doc *d)
{
    bool moji = rng_chance(&c->r, c->opt->mojibake);
    bool ents = rng_chance(&c->r, c->opt->entities);
    if (ents) {
        bool numeric = rng_chance(&c->r, 0.4);
        damage_entities(&d->text, &c->tmp, numeric);
        damage_entities(&d->title_out, &c->tmp, numeric);
        d->damage = "entities";
    }
    size_t from, to;
    /* Only texts with something to damage; the whole text or one line (a
     * paragraph pasted from elsewhere). */
    if (moji && non_ascii_line(&d->text, rng_below(&c->r, d->text.len), &from, &to)) {
        int times = rng_chance(&c->r, 0.1) ? 2 : 1;
        if (!rng_chance(&c->r, 0.3)) {
            from = 0;
            to = d->text.len;
            damage_mojibake(&d->title_out, &c->tmp, 0, d->title_out.len, times);
        }
        damage_mojibake(&d->text, &c->tmp, from, to, times);
        d->damage = ents ? "entities+mojibake" : times == 2 ? "mojibake2" : "mojibake";
    }
}

static void pool_add(corpus *c, const doc *d)
{
    size_t slot = c->pool_n < POOL ? c->pool_n : rng_below(&c->r, POOL);
    if (c->pool_n < POOL)
        c->pool_n++;
    doc_copy(&c->pool[slot], d);
}

/* The next document into d. */
static void next_doc(corpus *c, doc *d)
{
    doc_reset(d);
    int rel = REL_ORIGINAL;
    if (c->pool_n > 0 && rng_chance(&c->r, c->opt->dup_rate)) {
        uint32_t k = rng_below(&c->r, 100);
        rel = k < 30 ? REL_EXACT : k < 60 ? REL_NEAR : k < 85 ? REL_REVISION : REL_CONTAINED;
    }
    const doc *src = rel == REL_ORIGINAL ? NULL : &c->pool[rng_below(&c->r, c->pool_n)];
    switch (rel) {
    case REL_ORIGINAL: make_original(c, d); break;
    case REL_EXACT: make_exact(c, d, src); break;
    case REL_NEAR: make_near(c, d, src); break;
    case REL_REVISION: make_revision(c, d, src); break;
    default: make_contained(c, d, src); break;
    }
    snprintf(d->id, sizeof d->id, "doc%07llu", (unsigned long long)c->docs);
    if (rel != REL_EXACT)
        damage(c, d);
    d->rel = rel;
    if (src) {
        memcpy(d->of, src->id, sizeof d->of);
        memcpy(d->cluster, rel == REL_CONTAINED ? d->id : src->cluster, sizeof d->cluster);
    } else {
        memcpy(d->cluster, d->id, sizeof d->cluster);
    }
    c->docs++;
}

/* ------------------------------------------------------------------ main */

static const char usage[] =
    "usage: sl-datagen [OPTIONS]\n"
    "Write a deterministic synthetic news corpus (same seed, same bytes).\n"
    "  --size=SIZE           stop before going past SIZE bytes (K, M, G = 2^10..; default 100M)\n"
    "  --seed=N              random seed (default 1)\n"
    "  --docs-mojibake=F     fraction of documents damaged by mojibake (default 0.05)\n"
    "  --docs-entities=F     fraction with HTML entities in the text (default 0.03)\n"
    "  --dup-rate=F          fraction that copy, revise or quote an earlier one (default 0.2)\n"
    "  --paragraphs=MIN-MAX  body paragraphs of an original article, about 37 words\n"
    "                        each (default 4-16: about 390 words a document)\n"
    "  --format=FMT          jsonl (default) or txt-dir (one .txt per document under -o DIR)\n"
    "  --truth=FILE          write the ground truth: id, story, cluster, relation, of, damage\n"
    "  -o, --output=PATH     write to PATH instead of standard output\n"
    "  -v, --verbose         print a summary on standard error\n";

static uint64_t parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
    }
    if (errno || end == s || *s == '-' || *end || v > (UINT64_MAX >> shift))
        die("--size takes a size such as 100M, not '%s'", s);
    return (uint64_t)v << shift;
}

static double parse_fraction(const char *name, const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= 0.0 && v <= 1.0))
        die("%s takes a fraction from 0 to 1, not '%s'", name, s);
    return v;
}

/* The value of "--name=VALUE", or NULL if arg is not that option. */
static const char *option_value(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

/* "MIN-MAX" with 1 <= MIN <= MAX <= 1000. */
static void parse_range(const char *name, const char *v, int *lo, int *hi)
{
    char *end;
    errno = 0;
    long a = strtol(v, &end, 10);
    long b = *end == '-' ? strtol(end + 1, &end, 10) : -1;
    if (errno || *end || a < 1 || b < a || b > 1000)
        die("%s takes MIN-MAX with 1 <= MIN <= MAX <= 1000, not '%s'", name, v);
    *lo = (int)a;
    *hi = (int)b;
}

static void parse_args(int argc, char **argv, options *o)
{
    const char *v;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o->verbose = true;
        } else if (strcmp(a, "-o") == 0) {
            if (++i == argc)
                die("-o needs a path");
            o->output = argv[i];
        } else if (strncmp(a, "-o", 2) == 0 && a[2]) {
            o->output = a + 2;
        } else if ((v = option_value(a, "--output"))) {
            o->output = v;
        } else if ((v = option_value(a, "--size"))) {
            o->size = parse_size(v);
        } else if ((v = option_value(a, "--seed"))) {
            char *end;
            errno = 0;
            o->seed = strtoull(v, &end, 10);
            if (errno || end == v || *end || *v == '-')
                die("--seed takes a number, not '%s'", v);
        } else if ((v = option_value(a, "--docs-mojibake"))) {
            o->mojibake = parse_fraction("--docs-mojibake", v);
        } else if ((v = option_value(a, "--docs-entities"))) {
            o->entities = parse_fraction("--docs-entities", v);
        } else if ((v = option_value(a, "--dup-rate"))) {
            o->dup_rate = parse_fraction("--dup-rate", v);
        } else if ((v = option_value(a, "--paragraphs"))) {
            parse_range("--paragraphs", v, &o->paragraphs_min, &o->paragraphs_max);
        } else if ((v = option_value(a, "--format"))) {
            if (strcmp(v, "jsonl") != 0 && strcmp(v, "txt-dir") != 0)
                die("--format takes jsonl or txt-dir, not '%s'", v);
            o->txt_dir = strcmp(v, "txt-dir") == 0;
        } else if ((v = option_value(a, "--truth"))) {
            o->truth = v;
        } else {
            fputs(usage, stderr);
            die("unknown argument '%s'", a);
        }
    }
    if (o->txt_dir && !o->output)
        die("--format=txt-dir needs -o DIR");
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What was written, for --verbose. */
typedef struct tally {
    uint64_t docs, by_relation[REL_COUNT], mojibake, entities;
} tally;

static void tally_add(tally *t, const doc *d)
{
    t->docs++;
    t->by_relation[d->rel]++;
    t->mojibake += strstr(d->damage, "mojibake") != NULL;
    t->entities += strstr(d->damage, "entities") != NULL;
}

static void print_summary(const tally *t, uint64_t bytes, uint32_t stories, double secs)
{
    fprintf(stderr, "sl-datagen: %llu bytes, %llu documents, %u stories begun, %.2f s (%.1f MB/s)\n",
            (unsigned long long)bytes, (unsigned long long)t->docs, (unsigned)stories, secs,
            (double)bytes / 1e6 / (secs > 0 ? secs : 1e-9));
    fputs("sl-datagen: relations:", stderr);
    for (int i = 0; i < REL_COUNT; i++)
        fprintf(stderr, " %s %llu", relation_names[i], (unsigned long long)t->by_relation[i]);
    fprintf(stderr, "; damaged: mojibake %llu, entities %llu\n", (unsigned long long)t->mojibake,
            (unsigned long long)t->entities);
}

int main(int argc, char **argv)
{
    options o = { (uint64_t)100 << 20, 1, 0.05, 0.03, 0.2, 4, 16, false, false, NULL, NULL };
    parse_args(argc, argv, &o);
    double start = seconds_now();
    static corpus c; /* large: the pool of recent documents */
    corpus_init(&c, &o);
    sink k;
    sink_open(&k, &o);
    doc d;
    memset(&d, 0, sizeof d);
    tally written;
    memset(&written, 0, sizeof written);
    for (;;) {
        next_doc(&c, &d);
        if (!sink_write(&k, &d, written.docs))
            break;
        tally_add(&written, &d);
        if (d.rel == REL_ORIGINAL)
            pool_add(&c, &d);
    }
    sink_close(&k);
    if (o.verbose)
        print_summary(&written, k.bytes, c.stories, seconds_now() - start);
    doc_free(&d);
    for (size_t i = 0; i < POOL; i++)
        doc_free(&c.pool[i]);
    free(c.tmp.p);
    return 0;
}

