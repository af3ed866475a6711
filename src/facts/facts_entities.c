/* Entities with roles and canonical names.
 *
 * The tagger gives spans; this file turns them into mentions of things:
 *   - titles at the start of a person's name are not part of the name
 *     ("Mr", "Dr"); roles are not either, but are kept ("President",
 *     "Kremlin spokesperson Dmitry Peskov" -> role "spokesperson");
 *   - a person span with a role inside ("Kremlin spokesperson Dmitry
 *     Peskov" tagged as one name) is split into the organisation and the
 *     person;
 *   - a few institutions the tagger takes for people ("Kremlin") are
 *     organisations;
 *   - a lone word that is the first or last word of a person's full name
 *     elsewhere in the document is that person ("Putin", "Xi");
 *   - every mention's canonical name is the longest full form it is part
 *     of: the nearest earlier one, else the first later one, of the same
 *     type.  Names in the title count as earlier than the text.
 * The canonical name is the name's words joined by single spaces, so the
 * same person gets the same string in every document. */
#include "facts/facts_internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Words written before a name that are not part of it and say nothing. */
static const char *const titles[] = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "dr", "dr.", "prof",
    "prof.", "sir", "dame", "lord", "lady", "rev", "rev.", "herr", "frau", "monsieur",
    "madame", "mme", "mme.", "m.",
};

/* Roles, longest phrases first where one is a prefix of another; written
 * in lower case, as they are compared.  Index = role number. */
static const char *const roles[] = {
    "vice president", "president", "prime minister", "deputy prime minister",
    "foreign minister", "defence minister", "defense minister", "finance minister",
    "interior minister", "economy minister", "health minister", "justice minister",
    "minister", "chancellor", "secretary of state", "secretary-general", "secretary general",
    "press secretary", "secretary", "spokesperson", "spokesman", "spokeswoman",
    "senator", "sen.", "rep.", "representative", "congressman", "congresswoman",
    "governor", "gov.", "mayor", "ambassador", "envoy", "general", "gen.", "admiral",
    "colonel", "col.", "lieutenant", "lt.", "captain", "capt.", "sergeant", "sgt.",
    "king", "queen", "crown prince", "prince", "princess", "emperor", "pope", "cardinal",
    "archbishop", "bishop", "chief justice", "justice", "judge", "attorney general",
    "prosecutor", "lawyer", "attorney", "chief executive", "ceo", "chairman",
    "chairwoman", "chairperson", "director", "founder", "leader", "premier", "adviser",
    "advisor", "aide", "commissioner", "coach", "manager", "professor", "economist",
    "analyst", "editor", "correspondent", "reporter", "official", "lawmaker", "mp",
    "diplomat", "sheikh", "ayatollah", "striker", "goalkeeper", "midfielder", "defender",
};
#define N_ROLES (sizeof roles / sizeof roles[0])

/* Institutions named after their seat, which the tagger may call people. */
static const char *const seats[] = {
    "Kremlin", "White House", "Pentagon", "Downing Street", "Elysee", "\xC3\x89lys\xC3\xA9" "e",
    "Whitehall", "Vatican", "Bundestag", "Knesset", "Duma", "State Duma", "Congress",
    "Parliament", "Senate", "Politburo", "Zhongnanhai", "Foreign Office", "Home Office",
    "State Department", "Treasury", "Federal Reserve",
};

const char *facts_role_name(int role)
{
    return role >= 0 && (size_t)role < N_ROLES ? roles[role] : NULL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive (ASCII) equality of two byte strings. */
static bool same_ci(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

/* Words of phrase `p` matched by words w[0..n) of src from the start:
 * the number of words, or 0. */
static size_t phrase_at(const char *p, const char *src, const facts_word *w, size_t n)
{
    /* most phrases fail on their first letter: spare the word scan */
    if (*p && n > 0 && w[0].end > w[0].start && lower(src[w[0].start]) != lower(p[0]))
        return 0;
    size_t k = 0;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t plen = sp ? (size_t)(sp - p) : strlen(p);
        if (k == n || !same_ci(src + w[k].start, w[k].end - w[k].start, p, plen))
            return 0;
        k++;
        p += plen + (sp ? 1 : 0);
    }
    return k;
}

static bool is_title(const char *src, const facts_word *w)
{
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        if (phrase_at(titles[i], src, w, 1))
            return true;
    return false;
}

/* The longest role starting at w[0] that leaves at least `keep` words of
 * n: its index, and its length in *len; -1 when none. */
static int role_at(const char *src, const facts_word *w, size_t n, size_t keep, size_t *len)
{
    int best = -1;
    *len = 0;
    for (size_t r = 0; r < N_ROLES; r++) {
        size_t k = phrase_at(roles[r], src, w, n);
        if (k && k + keep <= n && k > *len) {
            best = (int)r;
            *len = k;
        }
    }
    return best;
}

/* Split src[start, end) into words at whitespace, appended to d->words. */
static int split_words(sl_facts_doc *d, const char *src, size_t start, size_t end, size_t *first,
                       size_t *n)
{
    *first = d->n_words;
    *n = 0;
    size_t i = start;
    while (i < end) {
        while (i < end && is_space(src[i]))
            i++;
        size_t s = i;
        while (i < end && !is_space(src[i]))
            i++;
        if (i == s)
            break;
        if (sl_grow(d->ctx, (void **)&d->words, &d->cap_words, d->n_words + 1, sizeof *d->words))
            return SL_ENOMEM;
        d->words[d->n_words++] = (facts_word){ s, i };
        (*n)++;
    }
    return SL_OK;
}

/* Up to `max` words right before `pos` on its line, in text order, into
 * w; returns how many. */
static size_t words_before(const char *text, size_t pos, facts_word *w, size_t max)
{
    size_t n = 0, i = pos;
    facts_word tmp[4];
    while (n < max && n < 4) {
        size_t e = i;
        while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t'))
            e--;
        if (e == i && i != pos)
            break;
        size_t s = e;
        while (s > 0 && !is_space(text[s - 1]))
            s--;
        if (s == e)
            break;
        tmp[n++] = (facts_word){ s, e };
        i = s;
    }
    for (size_t k = 0; k < n; k++)
        w[k] = tmp[n - 1 - k];
    return n;
}

/* The role named right before a person's span ("spokesperson Dmitry"). */
static int role_before(const char *text, size_t pos)
{
    facts_word w[4];
    size_t n = words_before(text, pos, w, 3);
    for (size_t skip = 0; skip < n; skip++) {
        size_t len;
        int r = role_at(text, w + skip, n - skip, 0, &len);
        if (r >= 0 && len == n - skip)
            return r;
    }
    return -1;
}

static bool is_seat(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof seats / sizeof seats[0]; i++)
        if (strlen(seats[i]) == len && memcmp(seats[i], s, len) == 0)
            return true;
    return false;
}

/* A single word naming a people or a nationality ("Chinese", "Russian"). */
static bool looks_demonym(const char *s, size_t len)
{
    static const char *const ends[] = { "an", "ese", "ish", "ch", "i" };
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t el = strlen(ends[i]);
        if (len > el + 2 && memcmp(s + len - el, ends[i], el) == 0)
            return true;
    }
    return false;
}

static int add_mention(sl_facts_doc *d, facts_mention m)
{
    if (sl_grow(d->ctx, (void **)&d->mentions, &d->cap_mentions, d->n_mentions + 1,
                sizeof *d->mentions))
        return SL_ENOMEM;
    m.canon_of = d->n_mentions;
    d->mentions[d->n_mentions++] = m;
    return SL_OK;
}

/* A person span: titles and roles off the front; a role inside splits
 * off what qualifies it ("Kremlin" in "Kremlin spokesperson Dmitry
 * Peskov") as an organisation, or a nationality. */
static int add_person(sl_facts_doc *d, const char *src, facts_mention m, bool in_text)
{
    facts_word *w = d->words + m.first_word;
    size_t at = 0, n = m.n_words;
    for (size_t k = 1; k + 1 < n; k++) {
        size_t len;
        int r = role_at(src, w + k, n - k, 1, &len);
        if (r < 0 || src[w[k + len].start] < 'A' || src[w[k + len].start] > 'Z')
            continue;
        facts_mention q = m;
        q.end = w[k - 1].end;
        q.n_words = k;
        q.type = k == 1 && looks_demonym(src + w[0].start, w[0].end - w[0].start) &&
                         !is_seat(src + w[0].start, w[0].end - w[0].start)
                     ? SL_NER_MISC
                     : SL_NER_ORG;
        int rc = add_mention(d, q);
        if (rc)
            return rc;
        m.role = r;
        m.start = w[k + len].start;
        at = k + len;
        break;
    }
    for (;;) {
        size_t len;
        int r;
        if (at + 1 < n && is_title(src, w + at)) {
            at++;
        } else if ((r = role_at(src, w + at, n - at, 1, &len)) >= 0) {
            m.role = r;
            at += len;
        } else {
            break;
        }
    }
    if (m.role < 0 && in_text)
        m.role = role_before(src, m.start);
    m.first_word += at;
    m.n_words -= at;
    return add_mention(d, m);
}

/* Small words inside names ("Ludwig van Beethoven", "Osama bin Laden"). */
static const char *const particles[] = {
    "de", "da", "di", "do", "dos", "das", "del", "della", "van", "von", "der", "den", "ter",
    "ten", "la", "le", "du", "bin", "bint", "ibn", "al", "el", "y", "af", "zu", "st.",
};

/* A word that cannot be inside a person's name: it starts with a small
 * letter and is neither a particle nor the start of a role. */
static bool breaks_name(const char *src, const facts_word *w, size_t n)
{
    char c = src[w->start];
    if (c < 'a' || c > 'z')
        return false;
    for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
        if (phrase_at(particles[i], src, w, 1))
            return false;
    for (size_t i = w->start; i + 1 < w->end; i++)
        if (src[i] == '-' && src[i + 1] >= 'A' && src[i + 1] <= 'Z')
            return false; /* "al-Assad" */
    size_t len;
    return role_at(src, w, n, 1, &len) < 0;
}

/* A person span the tagger ran over a verb ("Putin met Xi Jinping") is
 * two people: split at such words, which belong to neither. */
static int add_people(sl_facts_doc *d, const char *src, facts_mention m, bool in_text)
{
    size_t first = m.first_word, end = m.first_word + m.n_words;
    size_t k = first;
    while (k < end) {
        size_t j = k;
        while (j < end && !breaks_name(src, &d->words[j], end - j))
            j++;
        if (j > k) {
            facts_mention part = m;
            part.first_word = k;
            part.n_words = j - k;
            part.start = d->words[k].start;
            part.end = d->words[j - 1].end;
            int rc = add_person(d, src, part, in_text);
            if (rc)
                return rc;
        }
        k = j + 1;
    }
    return SL_OK;
}

/* Turn the tagger's spans over src into mentions. */
static int add_spans(sl_facts_doc *d, const char *src, const sl_ner_span *sp, size_t n,
                     bool in_title)
{
    for (size_t i = 0; i < n; i++) {
        facts_mention m = { sp[i].start, sp[i].end, sp[i].type, in_title, 0, 0, -1, 0, 0 };
        int rc = split_words(d, src, m.start, m.end, &m.first_word, &m.n_words);
        if (rc)
            return rc;
        if (m.n_words == 0)
            continue;
        if (m.type == SL_NER_PER && is_seat(src + m.start, m.end - m.start))
            m.type = SL_NER_ORG;
        rc = m.type == SL_NER_PER ? add_people(d, src, m, !in_title) : add_mention(d, m);
        if (rc)
            return rc;
    }
    return SL_OK;
}

static int tag_into(const sl_facts *f, sl_facts_doc *d, const char *src, size_t len,
                    bool in_title)
{
    sl_ner_span *sp = NULL;
    size_t n = 0;
    int rc = sl_ner_tag(d->ctx, f->ner, src, len, &sp, &n);
    if (!rc)
        rc = add_spans(d, src, sp, n, in_title);
    sl_free(d->ctx, sp);
    return rc;
}

/* ------------------------------------------------------------ surnames */

/* The tagger misses some later mentions of a person ("Berger arrived"
 * after "Chancellor Olaf Berger").  The last word of a full name found in
 * the document is that person wherever it stands alone in the text. */
#define MAX_SURNAMES 64

typedef struct surname {
    const char *s;
    size_t len;
} surname;

static bool is_alnum_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (unsigned char)c >= 0x80 || c == '-';
}

static size_t collect_surnames(const sl_facts_doc *d, const char *text, const char *title,
                               surname *out)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_mentions && n < MAX_SURNAMES; i++) {
        const facts_mention *m = &d->mentions[i];
        if (m->type != SL_NER_PER || m->n_words < 2)
            continue;
        const facts_word *w = &d->words[m->first_word + m->n_words - 1];
        const char *src = m->in_title ? title : text;
        surname sn = { src + w->start, w->end - w->start };
        size_t rl;
        if (sn.len < 3 || sn.s[0] < 'A' || sn.s[0] > 'Z' || is_title(src, w) ||
            role_at(src, w, 1, 0, &rl) >= 0)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = out[k].len == sn.len && memcmp(out[k].s, sn.s, sn.len) == 0;
        if (!seen)
            out[n++] = sn;
    }
    return n;
}

/* Is text[start, end) inside a mention of the text (mentions from
 * `first` on, in text order)? */
static bool covered(const sl_facts_doc *d, size_t first, size_t n, size_t start, size_t end)
{
    size_t lo = first, hi = n;
    while (lo < hi) { /* the first mention ending after start */
        size_t mid = lo + (hi - lo) / 2;
        if (d->mentions[mid].end <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && d->mentions[lo].start < end;
}

/* A capitalised word right next to the occurrence makes it part of
 * another name ("Keller Foundation", "Maria Keller"), unless it is a
 * title or a role. */
static bool next_to_name(const char *text, size_t len, size_t start, size_t end)
{
    size_t i = end;
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    if (i > end && i < len && text[i] >= 'A' && text[i] <= 'Z')
        return true;
    facts_word w[1];
    if (words_before(text, start, w, 1) != 1 || w[0].end != start - (start > 0))
        return false;
    char c = text[w[0].start];
    size_t rl;
    return c >= 'A' && c <= 'Z' && !is_title(text, w) && role_at(text, w, 1, 0, &rl) < 0 &&
           text[w[0].end - 1] != '.';
}

static int find_surname(sl_facts_doc *d, const char *text, size_t len, size_t first, size_t n,
                        const surname *sn)
{
    size_t from = 0;
    while (from + sn->len <= len) {
        const char *hit = memchr(text + from, sn->s[0], len - from - sn->len + 1);
        if (!hit)
            break;
        if (memcmp(hit, sn->s, sn->len) != 0) {
            from = (size_t)(hit - text) + 1;
            continue;
        }
        size_t start = (size_t)(hit - text), end = start + sn->len;
        from = end;
        if ((start > 0 && is_alnum_byte(text[start - 1])) ||
            (end < len && is_alnum_byte(text[end])) || covered(d, first, n, start, end) ||
            next_to_name(text, len, start, end))
            continue;
        facts_mention m = { start, end, SL_NER_PER, 0, 0, 0, -1, 0, 0 };
        int rc = split_words(d, text, start, end, &m.first_word, &m.n_words);
        if (!rc)
            rc = add_person(d, text, m, true);
        if (rc)
            return rc;
    }
    return SL_OK;
}

static int by_start(const void *a, const void *b)
{
    const facts_mention *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Mentions from `first` on are the text's, in text order. */
static int add_surnames(sl_facts_doc *d, const char *text, size_t len, const char *title,
                        size_t first)
{
    surname sn[MAX_SURNAMES];
    size_t nsn = collect_surnames(d, text, title, sn);
    size_t n = d->n_mentions; /* the tagger's: new ones are checked against these */
    for (size_t i = 0; i < nsn; i++) {
        int rc = find_surname(d, text, len, first, n, &sn[i]);
        if (rc)
            return rc;
    }
    if (d->n_mentions > n)
        qsort(d->mentions + first, d->n_mentions - first, sizeof *d->mentions, by_start);
    return SL_OK;
}

/* ------------------------------------------------------------ names */

typedef struct names {
    sl_facts_doc *d;
    const char *src[2]; /* the text, the title */
} names;

static const char *word_of(const names *x, const facts_mention *m, size_t k, size_t *len)
{
    const facts_word *w = &x->d->words[m->first_word + k];
    *len = w->end - w->start;
    return x->src[m->in_title] + w->start;
}

static bool word_same(const names *x, const facts_mention *a, size_t i, const facts_mention *b,
                      size_t j)
{
    size_t al, bl;
    const char *as = word_of(x, a, i, &al), *bs = word_of(x, b, j, &bl);
    return same_ci(as, al, bs, bl);
}

/* Are a's words b's words from index `from` on? */
static bool words_at(const names *x, const facts_mention *a, const facts_mention *b, size_t from)
{
    for (size_t k = 0; k < a->n_words; k++)
        if (!word_same(x, a, k, b, from + k))
            return false;
    return true;
}

/* "EU" for "European Union": a's one all-capital word is the initials of
 * b's capitalised words. */
static bool is_acronym(const names *x, const facts_mention *a, const facts_mention *b)
{
    size_t al, n = 0;
    const char *as = word_of(x, a, 0, &al);
    if (a->n_words != 1 || al < 2 || al > 8)
        return false;
    for (size_t k = 0; k < b->n_words; k++) {
        size_t bl;
        const char *bs = word_of(x, b, k, &bl);
        if (bs[0] < 'A' || bs[0] > 'Z')
            continue;
        if (n == al || as[n] != bs[0])
            return false;
        n++;
    }
    return n == al;
}

/* Is b a longer full form of a? */
static bool longer_form(const names *x, const facts_mention *a, const facts_mention *b)
{
    if (a->type != b->type || b->n_words <= a->n_words)
        return false;
    if (words_at(x, a, b, 0))
        return true; /* "Xi" of "Xi Jinping", "Apple" of "Apple Inc." */
    if (a->type != SL_NER_PER)
        return is_acronym(x, a, b);
    if (words_at(x, a, b, b->n_words - a->n_words))
        return true; /* "Putin" of "Vladimir Putin" */
    return a->n_words > 1 && word_same(x, a, 0, b, 0) &&
           word_same(x, a, a->n_words - 1, b, b->n_words - 1);
}

/* Mentions further apart than this are not compared (long documents). */
#define NAME_WINDOW 2000

/* The mention whose name a names in short: the nearest earlier longer
 * form, else the first later one; i itself when there is none. */
static size_t full_form_of(const names *x, size_t i)
{
    const facts_mention *m = x->d->mentions;
    size_t n = x->d->n_mentions;
    size_t lo = i > NAME_WINDOW ? i - NAME_WINDOW : 0;
    for (size_t j = i; j-- > lo;)
        if (longer_form(x, &m[i], &m[j]))
            return j;
    size_t hi = n - i > NAME_WINDOW ? i + NAME_WINDOW : n;
    for (size_t j = i + 1; j < hi; j++)
        if (longer_form(x, &m[i], &m[j]))
            return j;
    return i;
}

/* A lone word the tagger did not call a person, but that is the first or
 * last word of a person's full name in the document, is that person. */
static void retype_lone_names(const names *x)
{
    facts_mention *m = x->d->mentions;
    size_t n = x->d->n_mentions;
    for (size_t i = 0; i < n; i++) {
        if (m[i].type == SL_NER_PER || m[i].n_words != 1)
            continue;
        size_t lo = i > NAME_WINDOW ? i - NAME_WINDOW : 0;
        size_t hi = n - i > NAME_WINDOW ? i + NAME_WINDOW : n;
        for (size_t j = lo; j < hi; j++) {
            if (m[j].type != SL_NER_PER || m[j].n_words < 2)
                continue;
            if (word_same(x, &m[i], 0, &m[j], 0) || word_same(x, &m[i], 0, &m[j], m[j].n_words - 1)) {
                m[i].type = SL_NER_PER;
                break;
            }
        }
    }
}

static int put_name(const names *x, size_t k, size_t *off)
{
    const facts_mention *m = &x->d->mentions[k];
    const facts_word *w = &x->d->words[m->first_word];
    const facts_word *last = w + m->n_words - 1;
    return facts_put_string(x->d, x->src[m->in_title] + w->start, last->end - w->start, off);
}

static int name_mentions(const names *x)
{
    facts_mention *m = x->d->mentions;
    size_t n = x->d->n_mentions;
    retype_lone_names(x);
    for (size_t i = 0; i < n; i++)
        m[i].canon_of = full_form_of(x, i);
    for (size_t i = 0; i < n; i++) {
        size_t k = i;
        while (m[k].canon_of != k) /* each step has more words: it ends */
            k = m[k].canon_of;
        if (m[k].canon_off == SIZE_MAX) {
            int rc = put_name(x, k, &m[k].canon_off);
            if (rc)
                return rc;
        }
        m[i].canon_off = m[k].canon_off;
    }
    return SL_OK;
}

int facts_find_entities(const sl_facts *f, sl_facts_doc *d, const char *text, size_t len,
                        const char *title, size_t title_len)
{
    d->n_mentions = 0;
    d->n_words = 0;
    int rc = SL_OK;
    /* the title first: its names count as earlier than the text's */
    if (title && title_len)
        rc = tag_into(f, d, title, title_len, true);
    size_t first = d->n_mentions;
    if (!rc)
        rc = tag_into(f, d, text, len, false);
    if (!rc)
        rc = add_surnames(d, text, len, title, first);
    for (size_t i = 0; i < d->n_mentions; i++)
        d->mentions[i].canon_off = SIZE_MAX;
    names x = { d, { text, title ? title : "" } };
    if (!rc)
        rc = name_mentions(&x);
    return rc;
}
