/* sl-datagen: the text of a document.  Stories (who, where, what), the
 * expansion of templates against them, titles, leads and paragraphs, the
 * page laid out around them with its chrome, and the damage done to some
 * documents afterwards (mojibake, HTML entities) or by some outlets
 * (straight quotes). */
#include "datagen.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- stories */

story make_story(rng *r, uint32_t id, int day)
{
    story s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.topic = (uint8_t)rng_below(r, topics_count);
    s.town = (uint8_t)rng_below(r, towns_count);
    s.other_town = (uint8_t)((s.town + 1 + rng_below(r, towns_count - 1)) % towns_count);
    s.org[0] = (uint8_t)rng_below(r, orgs_count);
    s.org[1] = (uint8_t)((s.org[0] + 1 + rng_below(r, orgs_count - 1)) % orgs_count);
    uint32_t base = rng_below(r, last_names_count);
    for (int i = 0; i < 3; i++) {
        s.first[i] = (uint8_t)rng_below(r, first_names_count);
        s.last[i] = (uint8_t)((base + (uint32_t)i * 7) % last_names_count); /* three different people */
        s.role[i] = (uint8_t)rng_below(r, roles_count);
    }
    s.number = (uint32_t)rng_range(r, 12, 4800);
    s.money = (uint32_t)rng_range(r, 11, 950);
    s.day = day;
    s.remaining = rng_chance(r, 0.35) ? 1 : rng_range(r, 2, 12);
    return s;
}

/* ------------------------------------------------------ template expansion */

static void expand(gen *g, buf *b, const char *tpl);
static void capitalise(buf *b, size_t at);

static void put_person(gen *g, buf *b, int i, bool full)
{
    if (full) {
        buf_puts(b, first_names[g->st->first[i]]);
        buf_putc(b, ' ');
    }
    buf_puts(b, last_names[g->st->last[i]]);
}

static void put_reporter(buf *b, unsigned k)
{
    buf_puts(b, first_names[(k * 7 + 3) % first_names_count]);
    buf_putc(b, ' ');
    buf_puts(b, last_names[(k * 11 + 5) % last_names_count]);
}

/* One slot, "%x"; returns false for an unknown letter. */
static bool expand_slot(gen *g, buf *b, char slot)
{
    const story *s = g->st;
    const topic *t = &topics[s->topic];
    switch (slot) {
    case 'A': case 'B': case 'C': put_person(g, b, slot - 'A', true); break;
    case 'a': case 'b': case 'c': put_person(g, b, slot - 'a', false); break;
    case 'r': case 's': case 't': expand(g, b, roles[s->role[slot - 'r']]); break;
    case 'O': case 'Q': {
        const char *org = orgs[s->org[slot == 'Q']];
        expand(g, b, g->headline && strncmp(org, "the ", 4) == 0 ? org + 4 : org);
        break;
    }
    case 'L': buf_puts(b, towns[s->town]); break;
    case 'K': buf_puts(b, towns[s->other_town]); break;
    case 'G': buf_puts(b, countries[s->town % countries_count]); break;
    case 'N': buf_putu(b, s->number); break;
    case 'M': buf_putu(b, (unsigned)rng_range(&g->r, 2, 60)); break;
    case 'X':
        buf_puts(b, "€");
        buf_putu(b, s->money / 10);
        buf_putc(b, '.');
        buf_putu(b, s->money % 10);
        buf_puts(b, " million");
        break;
    case 'D': buf_puts(b, weekdays[(s->day + 1) % 7]); break;
    case 'W': put_month_day(b, s->day); break;
    case 'F': put_month_day(b, s->day + rng_range(&g->r, 14, 120)); break;
    case 'Y': buf_putu(b, (unsigned)civil_from_days(s->day).year); break;
    case 'P': buf_putu(b, (unsigned)(civil_from_days(s->day).year - rng_range(&g->r, 2, 15))); break;
    case 'T': expand(g, b, pick(&g->r, relative_times, relative_times_count)); break;
    case 'e': buf_puts(b, t->event); break;
    case 'f': buf_puts(b, t->people); break;
    case 'I': buf_puts(b, t->tag); break;
    case 'q':
        if (rng_chance(&g->r, 0.5))
            expand(g, b, t->quote[rng_below(&g->r, COUNT(t->quote))]);
        else
            expand(g, b, pick(&g->r, generic_quotes, generic_quotes_count));
        break;
    case 'S': buf_puts(b, g->out->name); break;
    case 'R': put_reporter(b, g->reporter); break;
    case 'U': put_reporter(b, g->reporter + 1); break;
    default: return false;
    }
    return true;
}

/* Copy tpl into b, replacing "%x" slots; "%^x" capitalises the first
 * letter of what the slot gives. */
static void expand(gen *g, buf *b, const char *tpl)
{
    for (;;) {
        const char *pct = strchr(tpl, '%');
        if (!pct) {
            buf_puts(b, tpl);
            return;
        }
        buf_put(b, tpl, (size_t)(pct - tpl));
        bool upper = pct[1] == '^';
        char slot = pct[upper ? 2 : 1];
        size_t at = b->len;
        if (!expand_slot(g, b, slot))
            die("bad template slot '%%%c' in \"%s\"", slot, tpl);
        if (upper)
            capitalise(b, at);
        tpl = pct + (upper ? 3 : 2);
    }
}

/* ------------------------------------------------------------ articles */

static void capitalise(buf *b, size_t at)
{
    if (at < b->len && b->p[at] >= 'a' && b->p[at] <= 'z')
        b->p[at] = (char)(b->p[at] - 'a' + 'A');
}

static void write_composed(gen *g, buf *b)
{
    expand(g, b, pick(&g->r, subjects, subjects_count));
    buf_putc(b, ' ');
    expand(g, b, pick(&g->r, report_verbs, report_verbs_count));
    buf_puts(b, rng_chance(&g->r, 0.5) ? " that " : " ");
    expand(g, b, pick(&g->r, topics_of_talk, topics_of_talk_count));
    buf_putc(b, ' ');
    expand(g, b, pick(&g->r, outcomes, outcomes_count));
    expand(g, b, pick(&g->r, when_phrases, when_phrases_count));
    buf_putc(b, '.');
}

static void write_sentence(gen *g, buf *b)
{
    const topic *t = &topics[g->st->topic];
    size_t at = b->len;
    uint32_t k = rng_below(&g->r, 100);
    /* Fixed sentences are used once per text: the topic's own are bits
     * 0 to TOPIC_BODY - 1 of g->used, the generic ones the bits above. */
    uint32_t fixed = k < 50 ? rng_below(&g->r, TOPIC_BODY) : TOPIC_BODY + rng_below(&g->r, generic_sentences_count);
    if (k < 25) {
        expand(g, b, pick(&g->r, quote_forms, quote_forms_count));
    } else if (k < 65 && !(g->used & (1u << fixed))) {
        g->used |= 1u << fixed;
        expand(g, b, fixed < TOPIC_BODY ? t->body[fixed] : generic_sentences[fixed - TOPIC_BODY]);
    } else {
        write_composed(g, b);
    }
    capitalise(b, at);
}

/* Body paragraphs end with '\n' and never contain one. */
void write_paragraph(gen *g, buf *b)
{
    int n = rng_range(&g->r, 1, 3);
    for (int i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ' ');
        write_sentence(g, b);
    }
    buf_putc(b, '\n');
}

void write_lead(gen *g, buf *b)
{
    const topic *t = &topics[g->st->topic];
    size_t at = b->len;
    expand(g, b, t->lead[rng_below(&g->r, COUNT(t->lead))]);
    capitalise(b, at);
    buf_putc(b, ' ');
    write_sentence(g, b);
    buf_putc(b, '\n');
}

void write_title(gen *g, buf *b)
{
    const topic *t = &topics[g->st->topic];
    size_t at = b->len;
    g->headline = true;
    expand(g, b, t->title[rng_below(&g->r, COUNT(t->title))]);
    g->headline = false;
    capitalise(b, at);
}

void write_body(gen *g, buf *b, int paragraphs)
{
    write_lead(g, b);
    for (int i = 0; i < paragraphs; i++)
        write_paragraph(g, b);
}

/* Upper-case a town for a dateline: ASCII letters and the Latin-1 range of
 * two-byte UTF-8 (é -> É). */
static void put_upper(buf *b, const char *s)
{
    size_t at = b->len;
    buf_puts(b, s);
    for (size_t i = at; i < b->len; i++) {
        unsigned char c = (unsigned char)b->p[i];
        if (c >= 'a' && c <= 'z')
            b->p[i] = (char)(c - 32);
        else if (c == 0xC3 && i + 1 < b->len) {
            unsigned char d = (unsigned char)b->p[i + 1];
            if (d >= 0xA0 && d <= 0xBE && d != 0xB7)
                b->p[i + 1] = (char)(d - 0x20);
            i++;
        }
    }
}

static void write_dateline(gen *g, buf *b)
{
    if (g->out->style & STYLE_WIRE) {
        put_upper(b, towns[g->st->town]);
        expand(g, b, ", %G (%S) — ");
    } else if (rng_chance(&g->r, 0.5)) {
        put_upper(b, towns[g->st->town]);
        buf_puts(b, " – ");
    }
}

static void put_line(gen *g, buf *b, const char *tpl)
{
    expand(g, b, tpl);
    buf_putc(b, '\n');
}

static void put_lines(gen *g, buf *b, const char *const *list, size_t n, int most)
{
    uint32_t first = rng_below(&g->r, n);
    int count = rng_range(&g->r, 1, most);
    for (int i = 0; i < count && (size_t)i < n; i++)
        put_line(g, b, list[(first + (uint32_t)i) % n]);
}

static void write_published(buf *b, int minutes, const char *label)
{
    civil c = civil_from_days(minutes / 1440);
    char tmp[96];
    snprintf(tmp, sizeof tmp, "%s %d %s %d %02d:%02d\n", label, c.day, months[c.month], c.year,
             minutes % 1440 / 60, minutes % 60);
    buf_puts(b, tmp);
}

/* The paragraphs, with captions, adverts and links between them. */
static void write_page_body(gen *g, buf *b, const page *pg, const char *sep)
{
    const char *p = pg->body->p, *end = p + pg->body->len;
    bool first = true;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (first)
            write_dateline(g, b);
        buf_put(b, p, (size_t)(nl - p));
        buf_puts(b, sep);
        p = nl + 1;
        first = false;
        uint32_t k = rng_below(&g->r, 100);
        if (k < 7) {
            put_line(g, b, pick(&g->r, captions, captions_count));
        } else if (k < 11) {
            buf_puts(b, rng_chance(&g->r, 0.5) ? "Advertisement\n" : "Story continues below advertisement\n");
        } else if (k < 14) {
            /* A link to some other story, made up on the spot. */
            rng other_r = { rng_next(&g->r) };
            story other = make_story(&other_r, 0, g->st->day);
            gen other_g = { other_r, &other, g->out, g->reporter, 0, false };
            buf_puts(b, "Read more: ");
            write_title(&other_g, b);
            buf_putc(b, '\n');
        }
    }
}

/* A whole page: chrome around the article.  The chrome comes from g->r, so
 * the same seed and outlet give the same chrome. */
void render_page(gen *g, buf *b, const page *pg)
{
    const char *sep = g->out->style & STYLE_BLANK ? "\n\n" : "\n";
    if (rng_chance(&g->r, 0.6))
        put_lines(g, b, nav_lines, nav_lines_count, 3);
    if (rng_chance(&g->r, 0.5)) {
        buf_puts(b, pg->title);
        buf_puts(b, sep);
    }
    if (rng_chance(&g->r, 0.7))
        put_line(g, b, pick(&g->r, bylines, bylines_count));
    if (g->out->style & STYLE_DATED)
        write_published(b, pg->published, "Published");
    write_page_body(g, b, pg, sep);
    if (pg->note)
        put_line(g, b, pg->note);
    if (rng_chance(&g->r, 0.6))
        put_lines(g, b, share_lines, share_lines_count, 3);
    if (rng_chance(&g->r, 0.4))
        put_line(g, b, pick(&g->r, subscribe_lines, subscribe_lines_count));
    if (rng_chance(&g->r, 0.3))
        put_line(g, b, "Topics: %I, %L, %G");
    if (rng_chance(&g->r, 0.25))
        put_lines(g, b, comment_lines, comment_lines_count, 8);
    if (rng_chance(&g->r, 0.7))
        put_line(g, b, pick(&g->r, copyright_lines, copyright_lines_count));
    while (b->len && b->p[b->len - 1] == '\n')
        b->len--;
}

/* ----------------------------------------------------------------- damage */

/* cp1252 bytes 0x80-0x9F as code points.  The five bytes cp1252 leaves
 * undefined become the C1 control of the same number, as browsers do. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void put_utf8(buf *b, unsigned cp)
{
    char t[3];
    if (cp < 0x800) {
        t[0] = (char)(0xC0 | cp >> 6);
        t[1] = (char)(0x80 | (cp & 0x3F));
        buf_put(b, t, 2);
    } else {
        t[0] = (char)(0xE0 | cp >> 12);
        t[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        buf_put(b, t, 3);
    }
}

/* Append s[0..n) as it looks when its UTF-8 bytes are decoded as cp1252. */
static void put_mojibake(buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && (unsigned char)s[run] < 0x80)
            run++;
        buf_put(b, s + i, run - i);
        if (run == n)
            break;
        unsigned char c = (unsigned char)s[run];
        put_utf8(b, c < 0xA0 ? cp1252_high[c - 0x80] : c);
        i = run + 1;
    }
}

/* Damage whole lines [from, to) of b, once or twice; tmp is scratch. */
void damage_mojibake(buf *b, buf *tmp, size_t from, size_t to, int times)
{
    for (int k = 0; k < times; k++) {
        tmp->len = 0;
        buf_put(tmp, b->p, from);
        put_mojibake(tmp, b->p + from, to - from);
        size_t grown = tmp->len - from - (to - from);
        buf_put(tmp, b->p + to, b->len - to);
        to += grown;
        buf swap = *b;
        *b = *tmp;
        *tmp = swap;
    }
}

typedef struct entity {
    const char *text, *named, *numeric;
} entity;

static const entity entities[] = {
    { "’", "&rsquo;", "&#8217;" }, { "“", "&ldquo;", "&#8220;" }, { "”", "&rdquo;", "&#8221;" },
    { "—", "&mdash;", "&#8212;" }, { "–", "&ndash;", "&#8211;" }, { "é", "&eacute;", "&#233;" },
    { "&", "&amp;", "&#38;" },     { "\"", "&quot;", "&#34;" },   { "'", "&#39;", "&#39;" },
    { "©", "&copy;", "&#169;" },   { "€", "&euro;", "&#8364;" },  { "ö", "&ouml;", "&#246;" },
};

/* Replace some characters of b by HTML entities, named or numeric. */
void damage_entities(buf *b, buf *tmp, bool numeric)
{
    tmp->len = 0;
    for (size_t i = 0; i < b->len;) {
        unsigned char c = (unsigned char)b->p[i];
        const entity *hit = NULL;
        if (c >= 0x80 || c == '&' || c == '"' || c == '\'') {
            for (size_t e = 0; e < COUNT(entities) && !hit; e++) {
                size_t n = strlen(entities[e].text);
                if (n <= b->len - i && memcmp(b->p + i, entities[e].text, n) == 0)
                    hit = &entities[e];
            }
        }
        if (hit) {
            buf_puts(tmp, numeric ? hit->numeric : hit->named);
            i += strlen(hit->text);
        } else {
            buf_putc(tmp, (char)c);
            i++;
        }
    }
    buf swap = *b;
    *b = *tmp;
    *tmp = swap;
}

/* Straight quotes for outlets that use them: “ ” -> ", ‘ ’ -> '. */
void straighten_quotes(buf *b)
{
    size_t w = 0;
    for (size_t i = 0; i < b->len; i++) {
        const unsigned char *p = (const unsigned char *)b->p + i;
        if (p[0] == 0xE2 && i + 2 < b->len && p[1] == 0x80 && p[2] >= 0x98 && p[2] <= 0x9D) {
            b->p[w++] = p[2] >= 0x9C ? '"' : '\'';
            i += 2;
        } else {
            b->p[w++] = (char)p[0];
        }
    }
    b->len = w;
}
