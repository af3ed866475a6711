/* Title, byline and publication date of a page, each with its source.
 *
 * Title: og:title (or another headline meta), else <title> without the
 * site's name, else the first <h1>.  Byline: an author meta, else an
 * element named byline/author (class, id, rel, itemprop).  Date: a
 * published-time meta, JSON-LD datePublished, itemprop datePublished,
 * <time datetime> (in the article first), then a date in the URL. */
#include "html.h"

#include <stdio.h>
#include <string.h>

void sl_html_meta_init(sl_html_meta *m, sl_ctx *ctx)
{
    memset(m, 0, sizeof *m);
    sl_buf_init(&m->title.text, ctx);
    sl_buf_init(&m->byline.text, ctx);
    sl_buf_init(&m->published.text, ctx);
    sl_buf_init(&m->url.text, ctx);
    sl_buf_init(&m->description.text, ctx);
}

static void found_reset(sl_html_found *f)
{
    sl_buf_reset(&f->text);
    f->raw = f->raw_end = 0;
    f->from = NULL;
}

void sl_html_meta_reset(sl_html_meta *m)
{
    found_reset(&m->title);
    found_reset(&m->byline);
    found_reset(&m->published);
    found_reset(&m->url);
    found_reset(&m->description);
    m->date_order = DATE_ORDER_UNKNOWN;
}

void sl_html_meta_release(sl_html_meta *m)
{
    sl_buf_release(&m->title.text);
    sl_buf_release(&m->byline.text);
    sl_buf_release(&m->published.text);
    sl_buf_release(&m->url.text);
    sl_buf_release(&m->description.text);
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Set a field to s[0..len) with white space collapsed and trimmed. */
static int set_found(sl_html_found *f, const char *s, size_t len, size_t raw, size_t raw_end,
                     const char *from)
{
    sl_buf_reset(&f->text);
    int space = 0, rc = SL_OK;
    for (size_t i = 0; i < len && !rc; i++) {
        if (is_ws(s[i])) {
            space = f->text.len > 0;
            continue;
        }
        if (space)
            rc = sl_buf_putc(&f->text, ' ');
        space = 0;
        if (!rc)
            rc = sl_buf_putc(&f->text, s[i]);
    }
    if (rc)
        return rc;
    if (f->text.len == 0)
        return SL_OK;
    f->raw = raw;
    f->raw_end = raw_end;
    f->from = from;
    return SL_OK;
}

static const sl_html_meta_item *best_item(const sl_html_tree *t, int kind)
{
    const sl_html_meta_item *best = NULL;
    for (size_t i = 0; i < t->n_meta; i++) {
        const sl_html_meta_item *m = &t->meta[i];
        if (m->kind == kind && m->text_len > 0 && (!best || m->prio < best->prio))
            best = m;
    }
    return best;
}

/* ---- title ---------------------------------------------------------- */

static const char *const title_seps[] = { " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                          " :: ", " \xC2\xB7 ", " \xC2\xBB ", " / ", " : " };

/* The part of a <title> that names the article, not the site: split at
 * the last separator (or the first, when the site comes first) and keep
 * the longer side. */
static void strip_site(const char *s, size_t len, size_t *start, size_t *end)
{
    *start = 0;
    *end = len;
    for (size_t k = 0; k < sizeof title_seps / sizeof title_seps[0]; k++) {
        size_t n = strlen(title_seps[k]);
        const char *first = NULL, *last = NULL;
        for (size_t i = 0; i + n <= len; i++)
            if (memcmp(s + i, title_seps[k], n) == 0) {
                if (!first)
                    first = s + i;
                last = s + i;
            }
        if (!last)
            continue;
        size_t before = (size_t)(last - s), after = len - (size_t)(first - s) - n;
        if (before >= len - before - n) { /* "Article - Site" */
            *end = before;
        } else if (after > (size_t)(first - s)) { /* "Site | Article" */
            *start = (size_t)(first - s) + n;
        }
        return;
    }
}

/* Lower-case ASCII letters and digits of s (other bytes kept as they
 * are, so that non-Latin names compare too); spaces and punctuation go. */
static size_t squeeze(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            out[n++] = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            out[n++] = (char)c;
    }
    return n;
}

/* Does the squeezed affix a[0..n) name the host of `url`?  It does when
 * it holds one of the host's labels of four letters or more but the last
 * one, with little else ("The Japan Times" and japantimes.co.jp). */
static int names_host(const char *a, size_t n, const char *url, size_t url_len)
{
    const char *h = url ? sl_html_find_bytes(url, url_len, "://", 3) : NULL;
    if (!h)
        return 0;
    h += 3;
    const char *end = url + url_len;
    const char *stop = h;
    while (stop < end && *stop != '/' && *stop != ':' && *stop != '?' && *stop != '#')
        stop++;
    const char *last_dot = NULL;
    for (const char *p = h; p < stop; p++)
        if (*p == '.')
            last_dot = p;
    if (!last_dot)
        return 0;
    for (const char *p = h; p < last_dot;) {
        const char *q = p;
        while (q < last_dot && *q != '.')
            q++;
        char label[64];
        size_t k = squeeze(p, (size_t)(q - p), label, sizeof label);
        if (k >= 4 && n <= k + 10 && sl_html_find_bytes(a, n, label, k))
            return 1;
        p = q + 1;
    }
    return 0;
}

/* Is s[0..len) the site's name: og:site_name or the URL's host?  (The
 * <title> proves nothing: og:title is often a copy of it.) */
static int names_site(const char *s, size_t len, const sl_html_tree *t, const char *url,
                      size_t url_len)
{
    char a[128], b[128];
    size_t n = squeeze(s, len, a, sizeof a);
    if (n == 0 || len > 80)
        return 0;
    const sl_html_meta_item *site = best_item(t, HM_SITE);
    if (site && squeeze(t->chars.ptr + site->text, site->text_len, b, sizeof b) == n &&
        memcmp(a, b, n) == 0)
        return 1;
    return names_host(a, n, url, url_len);
}

/* og:title often carries the site's name too ("Story | Site", "Site:
 * Story"): strip it when the part beyond a separator names the site. */
static void strip_site_affix(const char *s, size_t len, const sl_html_tree *t, const char *url,
                             size_t url_len, size_t *start, size_t *end)
{
    *start = 0;
    *end = len;
    for (size_t k = 0; k < sizeof title_seps / sizeof title_seps[0]; k++) {
        size_t n = strlen(title_seps[k]);
        const char *first = NULL, *last = NULL;
        for (size_t i = 0; i + n <= len; i++)
            if (memcmp(s + i, title_seps[k], n) == 0) {
                if (!first)
                    first = s + i;
                last = s + i;
            }
        if (!last)
            continue;
        size_t cut = (size_t)(last - s);
        if (cut >= 8 && names_site(last + n, len - cut - n, t, url, url_len)) {
            *end = cut;
            return;
        }
        cut = (size_t)(first - s);
        if (len - cut - n >= 8 && names_site(s, cut, t, url, url_len)) {
            *start = cut + n;
            return;
        }
    }
}

static uint32_t first_heading(const sl_html_tree *t, const uint8_t *keep, int in_article)
{
    for (size_t i = 1; i < t->n_nodes; i++) {
        const sl_hnode *n = &t->nodes[i];
        if (n->tag == HT_H1 && !(n->flags & HN_HIDDEN) && n->chars > 0 &&
            (!in_article || keep[i]))
            return (uint32_t)i;
    }
    return 0;
}

static int find_title(sl_html_meta *m, const sl_html_tree *t, const uint8_t *keep)
{
    const sl_html_meta_item *og = best_item(t, HM_OG_TITLE);
    if (og) {
        const char *s = t->chars.ptr + og->text;
        size_t a, b;
        strip_site_affix(s, og->text_len, t, m->url.text.ptr, m->url.text.len, &a, &b);
        return set_found(&m->title, s + a, b - a, og->raw, og->raw, og->label);
    }
    uint32_t h1 = first_heading(t, keep, 1);
    if (!h1)
        h1 = first_heading(t, keep, 0);
    sl_buf h1_text;
    sl_buf_init(&h1_text, t->ctx);
    size_t raw = 0, raw_end = 0;
    int rc = h1 ? sl_html_node_text(t, h1, &h1_text, &raw, &raw_end) : SL_OK;
    const sl_html_meta_item *title = best_item(t, HM_TITLE);
    if (!rc && title) {
        const char *s = t->chars.ptr + title->text;
        /* The <h1> is the article's title when <title> holds it. */
        if (h1_text.len >= 8 && sl_html_find_bytes(s, title->text_len, h1_text.ptr, h1_text.len))
            rc = set_found(&m->title, h1_text.ptr, h1_text.len, raw, raw_end, "h1");
        else {
            size_t a, b;
            strip_site(s, title->text_len, &a, &b);
            rc = set_found(&m->title, s + a, b - a, title->raw, title->raw, "title");
        }
    }
    if (!rc && !m->title.from && h1_text.len)
        rc = set_found(&m->title, h1_text.ptr, h1_text.len, raw, raw_end, "h1");
    sl_buf_release(&h1_text);
    return rc;
}

/* ---- byline ---------------------------------------------------------- */

static int looks_like_url(const char *s, size_t len)
{
    return (len >= 4 && memcmp(s, "http", 4) == 0) || memchr(s, '/', len) != NULL;
}

static size_t skip_by(const char *s, size_t len)
{
    static const char *const words[] = { "by ", "von ", "par ", "por ", "di ", "door " };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n = strlen(words[k]);
        if (len > n && sl_html_find_ci(s, n, words[k]) == s)
            return n;
    }
    return 0;
}

static int find_byline(sl_html_meta *m, const sl_html_tree *t, const uint8_t *keep)
{
    const sl_html_meta_item *a = best_item(t, HM_AUTHOR);
    if (a && a->text_len < 120 && !looks_like_url(t->chars.ptr + a->text, a->text_len))
        return set_found(&m->byline, t->chars.ptr + a->text, a->text_len, a->raw, a->raw,
                         a->label);
    sl_buf text;
    sl_buf_init(&text, t->ctx);
    int rc = SL_OK;
    /* Two passes: inside the article first, then anywhere. */
    for (int pass = 0; pass < 2 && !rc && !m->byline.from; pass++) {
        for (size_t i = 1; i < t->n_nodes && !rc; i++) {
            const sl_hnode *n = &t->nodes[i];
            if (!(n->flags & HN_BYLINE) || (n->flags & HN_HIDDEN) || n->tag == HT_TEXT ||
                (pass == 0 && !keep[i]) || n->chars < 3 || n->chars > 80)
                continue;
            size_t raw, raw_end;
            sl_buf_reset(&text);
            rc = sl_html_node_text(t, (uint32_t)i, &text, &raw, &raw_end);
            if (rc || text.len == 0)
                continue;
            size_t by = skip_by(text.ptr, text.len);
            rc = set_found(&m->byline, text.ptr + by, text.len - by, raw, raw_end,
                           (n->tag == HT_A) ? "rel:author" : "class:byline");
            break;
        }
    }
    sl_buf_release(&text);
    return rc;
}

/* ---- date ------------------------------------------------------------- */

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int valid_ymd(int y, int mo, int d)
{
    return y >= 1990 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

size_t sl_html_iso_date(const char *s, size_t len, char out[40])
{
    while (len > 0 && is_ws(*s))
        s++, len--;
    int y, mo, d;
    if (len >= 10 && digits(s, 4) && (s[4] == '-' || s[4] == '/') && digits(s + 5, 2) &&
        s[7] == s[4] && digits(s + 8, 2)) {
        y = num(s, 4), mo = num(s + 5, 2), d = num(s + 8, 2);
    } else if (len >= 10 && digits(s, 2) && s[2] == '.' && digits(s + 3, 2) && s[5] == '.' &&
               digits(s + 6, 4)) {
        d = num(s, 2), mo = num(s + 3, 2), y = num(s + 6, 4);
    } else if (len >= 8 && digits(s, 8) && (len == 8 || !digits(s + 8, 1))) {
        y = num(s, 4), mo = num(s + 4, 2), d = num(s + 6, 2);
    } else {
        return 0;
    }
    if (!valid_ymd(y, mo, d))
        return 0;
    size_t n = (size_t)snprintf(out, 40, "%04d-%02d-%02d", y, mo, d);
    /* Keep the time and zone when the value is full ISO 8601: only its
     * characters, up to the end of the value (anything else glued on, such
     * as a garbled zone, would be copied cut in the middle of a UTF-8
     * sequence; then the date alone is kept). */
    if (s[4] == '-' && len > 10 && (s[10] == 'T' || s[10] == ' ')) {
        size_t k = 10;
        while (k < len && k < 35 && s[k] && strchr("0123456789T:.+-Zz", s[k]))
            k++;
        bool ends = k == len || is_ws(s[k]) || s[k] == '"' || s[k] == '<';
        if (ends && sl_parse_iso_minutes(s, k) != SL_NO_MINUTES) {
            memcpy(out, s, k);
            out[k] = '\0';
            out[10] = 'T';
            n = k;
        }
    }
    return n;
}

/* A number of one or two digits at s[*k]; -1 when there is none. */
static int small_num(const char *s, size_t len, size_t *k)
{
    size_t i = *k, n = 0;
    while (i + n < len && n < 3 && s[i + n] >= '0' && s[i + n] <= '9')
        n++;
    if (n == 0 || n > 2)
        return -1;
    *k = i + n;
    return num(s + i, n);
}

/* "am"/"pm" (or "a.m."/"p.m.") at s[k]: 1 am, 2 pm, 0 neither. */
static int meridiem(const char *s, size_t len, size_t k)
{
    if (k < len && s[k] == ' ')
        k++;
    if (k + 2 > len)
        return 0;
    char c = (char)(s[k] | 0x20);
    size_t m = k + 1;
    if (m < len && s[m] == '.')
        m++;
    if ((c != 'a' && c != 'p') || m >= len || (s[m] | 0x20) != 'm')
        return 0;
    m++;
    if (m < len && s[m] == '.')
        m++;
    if (m < len && ((s[m] | 0x20) >= 'a' && (s[m] | 0x20) <= 'z'))
        return 0;
    return c == 'a' ? 1 : 2;
}

/* "HH:MM[:SS][ am|pm]" at s[k] into out ("Thh:mm[:ss]"); 0 when absent
 * or impossible. */
static size_t clock_time(const char *s, size_t len, size_t k, char *out, size_t cap)
{
    int h = small_num(s, len, &k);
    if (h < 0 || k + 3 > len || s[k] != ':' || !digits(s + k + 1, 2))
        return 0;
    int mi = num(s + k + 1, 2), sec = -1;
    k += 3;
    if (k + 3 <= len && s[k] == ':' && digits(s + k + 1, 2)) {
        sec = num(s + k + 1, 2);
        k += 3;
    }
    if (k < len && s[k] >= '0' && s[k] <= '9')
        return 0;
    int ap = meridiem(s, len, k);
    if (ap && (h < 1 || h > 12))
        return 0;
    if (ap)
        h = h % 12 + (ap == 2 ? 12 : 0);
    if (h > 23 || mi > 59 || sec > 59)
        return 0;
    int n = sec >= 0 ? snprintf(out, cap, "T%02d:%02d:%02d", h, mi, sec)
                     : snprintf(out, cap, "T%02d:%02d", h, mi);
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

/* Which of a and b (the first two numbers of "a/b/YYYY") is the month:
 * 1 the first, 2 the second, 0 undecided. */
static int month_part(int a, int b, int sep, int order)
{
    if (a == b)
        return 1;
    if (a > 12 && b <= 12)
        return 2;
    if (b > 12 && a <= 12)
        return 1;
    if (sep == '.' || order == DATE_DAY_FIRST)
        return 2; /* dotted dates are day first wherever they are written */
    return order == DATE_MONTH_FIRST ? 1 : 0;
}

size_t sl_html_date_ordered(const char *s, size_t len, int order, char out[40])
{
    size_t n = sl_html_iso_date(s, len, out);
    if (n)
        return n;
    while (len > 0 && is_ws(*s))
        s++, len--;
    size_t k = 0;
    int a = small_num(s, len, &k);
    if (a < 0 || k >= len || (s[k] != '/' && s[k] != '-' && s[k] != '.'))
        return 0;
    char sep = s[k++];
    int b = small_num(s, len, &k);
    if (b < 0 || k + 5 > len || s[k] != sep || !digits(s + k + 1, 4) ||
        (k + 5 < len && s[k + 5] >= '0' && s[k + 5] <= '9'))
        return 0;
    int y = num(s + k + 1, 4);
    k += 5;
    int which = month_part(a, b, sep, order);
    int mo = which == 1 ? a : b, d = which == 1 ? b : a;
    if (!which || !valid_ymd(y, mo, d))
        return 0;
    n = (size_t)snprintf(out, 40, "%04d-%02d-%02d", y, mo, d);
    /* A clock time after a space, "T" or ", ". */
    if (k < len && s[k] == ',')
        k++;
    if (k < len && (s[k] == ' ' || s[k] == 'T'))
        n += clock_time(s, len, k + 1, out + n, 40 - n);
    return n;
}

int sl_html_date_order_of_lang(const char *lang, size_t len)
{
    /* Languages whose numeric dates put the day first. */
    static const char *const day_first[] = {
        "ar", "bg", "ca", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "he", "hr",
        "id", "is", "it", "lt", "lv", "ms", "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru",
        "sk", "sl", "sq", "sr", "sv", "tr", "uk", "vi"
    };
    if (len < 2)
        return DATE_ORDER_UNKNOWN;
    char p0 = (char)(lang[0] | 0x20), p1 = (char)(lang[1] | 0x20);
    int has_region = len >= 5 && (lang[2] == '-' || lang[2] == '_');
    if (len > 2 && !has_region)
        return DATE_ORDER_UNKNOWN; /* "eng", "en-Latn"...: not worth guessing */
    if (p0 == 'e' && p1 == 'n') {
        if (!has_region)
            return DATE_ORDER_UNKNOWN;
        char r0 = (char)(lang[3] | 0x20), r1 = (char)(lang[4] | 0x20);
        return r0 == 'u' && r1 == 's' ? DATE_MONTH_FIRST : DATE_DAY_FIRST;
    }
    for (size_t i = 0; i < sizeof day_first / sizeof day_first[0]; i++)
        if (day_first[i][0] == p0 && day_first[i][1] == p1)
            return DATE_DAY_FIRST;
    return DATE_ORDER_UNKNOWN;
}

static int set_date(sl_html_meta *m, const char *s, size_t len, size_t raw, const char *from)
{
    char iso[40];
    size_t n = sl_html_date_ordered(s, len, m->date_order, iso);
    return n ? set_found(&m->published, iso, n, raw, raw, from) : SL_OK;
}

/* "datePublished": "..." in a JSON-LD script. */
static int jsonld_date(sl_html_meta *m, const sl_html_tree *t)
{
    static const char *const keys[] = { "\"datePublished\"", "\"dateCreated\"", "\"uploadDate\"" };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        for (size_t i = 0; i < t->n_meta; i++) {
            const sl_html_meta_item *j = &t->meta[i];
            if (j->kind != HM_JSONLD)
                continue;
            const char *s = t->chars.ptr + j->text, *end = s + j->text_len;
            const char *p = sl_html_find_bytes(s, j->text_len, keys[k], strlen(keys[k]));
            if (!p)
                continue;
            p += strlen(keys[k]);
            while (p < end && (is_ws(*p) || *p == ':'))
                p++;
            if (p < end && *p == '"')
                p++;
            int rc = set_date(m, p, (size_t)(end - p), j->raw, "json-ld:datePublished");
            if (rc || m->published.from)
                return rc;
        }
    }
    return SL_OK;
}

static int time_date(sl_html_meta *m, const sl_html_tree *t, const uint8_t *keep, int kind,
                     int in_article)
{
    for (size_t i = 0; i < t->n_meta; i++) {
        const sl_html_meta_item *x = &t->meta[i];
        if (x->kind != kind || (in_article && !(x->node && keep[x->node])))
            continue;
        int rc = set_date(m, t->chars.ptr + x->text, x->text_len, x->raw, x->label);
        if (rc || m->published.from)
            return rc;
    }
    return SL_OK;
}

/* /2021/12/15/ or /2021-12-15 in the URL. */
static int url_date(sl_html_meta *m, const char *url, size_t len)
{
    for (size_t i = 0; i + 11 <= len; i++) {
        if (url[i] != '/' || !digits(url + i + 1, 4))
            continue;
        const char *s = url + i + 1;
        size_t rest = len - i - 1;
        if (rest >= 10 && (s[4] == '/' || s[4] == '-') && digits(s + 5, 2) && s[7] == s[4] &&
            digits(s + 8, 2) && (rest == 10 || !digits(s + 10, 1)))
            return set_date(m, s, 10, 0, "url");
    }
    return SL_OK;
}

static int is_modified(const char *label)
{
    return sl_html_find_ci(label, strlen(label), "modif") || strcmp(label, "og:updated_time") == 0 ||
           strcmp(label, "last-modified") == 0;
}

static int find_date(sl_html_meta *m, const sl_html_tree *t, const uint8_t *keep,
                     const char *url, size_t url_len)
{
    /* Published-time metas first; modified times only as a last resort. */
    const sl_html_meta_item *best = NULL;
    for (size_t k = 0; k < t->n_meta; k++) {
        const sl_html_meta_item *y = &t->meta[k];
        char iso[40];
        if (y->kind == HM_PUBLISHED && (!best || y->prio < best->prio) && !is_modified(y->label) &&
            sl_html_date_ordered(t->chars.ptr + y->text, y->text_len, m->date_order, iso))
            best = y;
    }
    if (best) {
        int rc = set_date(m, t->chars.ptr + best->text, best->text_len, best->raw,
                          best->label);
        if (rc)
            return rc;
    }
    int rc = SL_OK;
    if (!m->published.from)
        rc = jsonld_date(m, t);
    if (!rc && !m->published.from)
        rc = time_date(m, t, keep, HM_ITEM_DATE, 0);
    if (!rc && !m->published.from)
        rc = time_date(m, t, keep, HM_TIME, 1);
    if (!rc && !m->published.from && url)
        rc = url_date(m, url, url_len);
    if (!rc && !m->published.from)
        rc = time_date(m, t, keep, HM_TIME, 0);
    if (!rc && !m->published.from) {
        const sl_html_meta_item *x = best_item(t, HM_PUBLISHED);
        if (x)
            rc = set_date(m, t->chars.ptr + x->text, x->text_len, x->raw, x->label);
    }
    return rc;
}

int sl_html_find_meta(sl_html_meta *m, const sl_html_tree *t, const uint8_t *keep,
                      const char *url, size_t url_len)
{
    sl_html_meta_reset(m);
    int rc = SL_OK;
    if (url && url_len) {
        rc = set_found(&m->url, url, url_len, 0, 0, "given");
    } else {
        const sl_html_meta_item *u = best_item(t, HM_URL);
        if (u && u->text_len < 2048 && u->text_len > 7 && memcmp(t->chars.ptr + u->text, "http", 4) == 0)
            rc = set_found(&m->url, t->chars.ptr + u->text, u->text_len, u->raw, u->raw, u->label);
    }
    if (!rc)
        rc = find_title(m, t, keep);
    if (!rc)
        rc = find_byline(m, t, keep);
    const sl_html_meta_item *lang = best_item(t, HM_LANG);
    if (lang)
        m->date_order = sl_html_date_order_of_lang(t->chars.ptr + lang->text, lang->text_len);
    if (!rc)
        rc = find_date(m, t, keep, m->url.text.ptr, m->url.text.len);
    const sl_html_meta_item *d = best_item(t, HM_DESCRIPTION);
    if (!rc && d)
        rc = set_found(&m->description, t->chars.ptr + d->text, d->text_len, d->raw, d->raw,
                       d->label);
    return rc;
}
