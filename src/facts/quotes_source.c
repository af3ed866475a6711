/* Sources and speakers: the noun phrase that a cue credits ("Kremlin
 * spokesperson Dmitry Peskov said", "..., said Mr. Obama"), and the name it
 * stands for ("he" and "the aide" resolved to an earlier named speaker). */
#include "facts/quotes_internal.h"

#include <string.h>

enum {
    MAX_BETWEEN = 3,     /* adverbs and auxiliaries between source and cue */
    MAX_NP_WORDS = 9,    /* words of a source phrase */
    MAX_APPOS_UNITS = 24,/* units of an appositive ("Pruitt, the attorney general ...,") */
    MAX_RESOLVE_BYTES = 3000, /* how far back "he" may find its speaker */
    MAX_QUOTE_GAP = 8,   /* words between a quotation and its source */
    MAX_AS_SOURCE = 16   /* units between "as" and "put it" */
};

#define U(i) (&d->units[(i)])

static bool is_word(const qunit *u)
{
    return u->kind == QU_WORD;
}

static bool is_punct(const qunit *u, char c)
{
    return u->kind == QU_PUNCT && u->ch == c;
}

static bool word_is(const qdoc *d, const qunit *u, const char *lower)
{
    return is_word(u) && sl_qlex_word_is(d->text + u->start, u->end - u->start, lower);
}

/* A lowercase word that looks like an adverb or a verb form, which a noun
 * phrase does not contain. */
static bool verb_like(const qdoc *d, const qunit *u)
{
    size_t n = u->end - u->start;
    const char *w = d->text + u->start;
    if (u->cap || n < 4)
        return false;
    return memcmp(w + n - 2, "ly", 2) == 0 || memcmp(w + n - 3, "ing", 3) == 0 ||
           (n >= 5 && memcmp(w + n - 2, "ed", 2) == 0) || (u->cue & QC_SPEECH);
}

/* "steadily", "openly": an adverb outside the lexicon. */
static bool adverb_ly(const qdoc *d, const qunit *u)
{
    size_t n = u->end - u->start;
    return !u->cap && !u->lex && !u->cue && n >= 5 && memcmp(d->text + u->end - 2, "ly", 2) == 0;
}

/* "doesn't", "didn’t", "won't": an auxiliary with its negation. */
static bool negated(const qdoc *d, const qunit *u)
{
    size_t n = u->end - u->start;
    const char *w = d->text + u->start;
    return !u->cap && ((n > 3 && memcmp(w + n - 3, "n't", 3) == 0) ||
                       (n > 5 && memcmp(w + n - 5, "n\xE2\x80\x99t", 5) == 0));
}

/* Can u be the last word of a source phrase? */
static bool np_head(const qdoc *d, const qunit *u)
{
    if (!is_word(u) || u->poss)
        return false;
    if (u->lex & QL_PRON)
        return !word_is(d, u, "it") && !word_is(d, u, "you");
    if (u->lex & (QL_STOP | QL_DET | QL_PREP)) {
        /* a function word ends a name only inside it: "The New York Times" */
        bool in_name = u->cap && u > d->units && is_word(u - 1) && (u - 1)->cap &&
                       !((u - 1)->lex & (QL_STOP | QL_DET));
        return u->cap && !(u->lex & QL_NOTNAME) && (!(u->lex & QL_STOP) || in_name);
    }
    return !verb_like(d, u);
}

/* Extend a phrase that ends at unit `last` leftwards; returns its first unit. */
static size_t np_extend_left(const qdoc *d, size_t lo, size_t last)
{
    size_t k = last, words = 1;
    if (U(last)->lex & QL_PRON)
        return last;
    while (k > lo && words < MAX_NP_WORDS) {
        const qunit *p = U(k - 1);
        if (is_punct(p, '-') && k - 1 > lo && is_word(U(k - 2))) {
            k -= 2; /* "Kremlin-backed" split around a spaced hyphen */
            continue;
        }
        if (!is_word(p) || (p->lex & QL_PRON))
            break;
        if (p->lex & QL_DET) {
            k--;
            break;
        }
        bool joins = (word_is(d, p, "of") || word_is(d, p, "and") || word_is(d, p, "for") ||
                      (word_is(d, p, "to") && k - 1 > lo && (U(k - 2)->lex & QL_TITLE))) &&
                     k - 1 > lo && is_word(U(k - 2)) && U(k)->cap && U(k - 2)->cap;
        if ((p->lex & QL_STOP) && !joins)
            break;
        if (!p->cap && verb_like(d, p))
            break;
        k--;
        words++;
    }
    return k;
}

/* Are units [lo, hi) a name alone ("Ida Lund", "Dr. Ida Lund")? */
static bool name_between(const qdoc *d, size_t lo, size_t hi)
{
    if (hi <= lo || hi - lo > 5 || !np_head(d, U(hi - 1)))
        return false;
    for (size_t k = lo; k < hi; k++)
        if (!is_word(U(k)) || !U(k)->cap || (U(k)->lex & (QL_NOTNAME | QL_PRON | QL_DET)))
            return false;
    return true;
}

/* "Name, the attorney general of Oklahoma, said": the comma before the cue
 * closes an appositive; the source runs from the name to that comma. */
static bool appositive_left(const qdoc *d, size_t lo, size_t comma, qspan *src)
{
    size_t k = comma;
    while (k > lo && comma - k < MAX_APPOS_UNITS) {
        const qunit *p = U(k - 1);
        if (p->kind == QU_QUOTE || (p->kind == QU_PUNCT && p->ch != ',' && p->ch != '.' &&
                                    p->ch != '\'' && p->ch != '-' && p->ch != '(' &&
                                    p->ch != ')'))
            return false;
        if (is_punct(p, ','))
            break;
        k--;
    }
    if (k <= lo || !is_punct(U(k - 1), ',') || k == comma)
        return false;
    if (name_between(d, k, comma) && k - 1 > lo && np_head(d, U(k - 2))) {
        src->lo = np_extend_left(d, lo, k - 2); /* "The chairman, Ida Lund, said" */
        src->hi = comma;
        return true;
    }
    size_t name_end = k - 1; /* the comma that opens the appositive */
    if (name_end > lo + 1 && is_punct(U(name_end - 1), ')')) { /* "Meeks (D-N.Y.)," */
        size_t m = name_end - 1;
        while (m > lo && name_end - m < 8 && !is_punct(U(m - 1), '('))
            m--;
        if (m > lo + 1 && is_punct(U(m - 1), '('))
            name_end = m - 1;
    }
    if (name_end == lo || !U(name_end - 1)->cap || !np_head(d, U(name_end - 1)))
        return false;
    src->lo = np_extend_left(d, lo, name_end - 1);
    src->hi = comma;
    return true;
}

/* Skip "on Monday" and "Monday" between a source and its cue. */
static size_t skip_time_left(const qdoc *d, size_t lo, size_t j)
{
    if (j > lo && U(j - 1)->cap && (U(j - 1)->lex & QL_PREP) &&
        !(j - 1 > lo && (U(j - 2)->lex & QL_DET))) { /* not "the Times" */
        j--;
        if (j > lo && word_is(d, U(j - 1), "on"))
            j--;
    }
    return j;
}

/* '"...," Scott Pruitt, the attorney general of Oklahoma, one of the
 * states suing, said': after a quotation, a name and several appositives
 * run to the comma before the cue. */
static bool appositives_after_quote(const qdoc *d, size_t lo, size_t comma, qspan *src)
{
    size_t w = comma;
    while (w > lo && comma - w < 2 * MAX_APPOS_UNITS && U(w - 1)->kind != QU_QUOTE)
        w--;
    if (w == comma || w == lo || U(w - 1)->kind != QU_QUOTE || !U(w)->cap)
        return false;
    size_t c = w;
    while (c < comma && !is_punct(U(c), ','))
        c++;
    if (c == w || c == comma || c - w > MAX_NP_WORDS || !np_head(d, U(c - 1)))
        return false;
    for (size_t k = w; k < c; k++)
        if (!is_word(U(k)))
            return false;
    src->lo = w;
    src->hi = comma;
    return true;
}

static bool is_dash(const qunit *u)
{
    return is_punct(u, 'D') || is_punct(u, '-');
}

/* "Ana Ruiz, 61, of Salem, who watched the debate, said": a relative
 * clause closed by the comma before the cue; the source is the phrase
 * that opens the sentence, up to the comma before "who". */
static bool relative_left(const qdoc *d, size_t lo, size_t comma, qspan *src)
{
    size_t k = comma;
    while (k > lo + 1 && comma - k < MAX_APPOS_UNITS && U(k - 1)->kind != QU_QUOTE &&
           !(word_is(d, U(k - 1), "who") && is_punct(U(k - 2), ',')))
        k--;
    if (k <= lo + 1 || !word_is(d, U(k - 1), "who") || !is_punct(U(k - 2), ','))
        return false;
    size_t end = k - 2; /* the comma before "who" */
    if (end == lo || end - lo > MAX_APPOS_UNITS / 2 || !U(lo)->cap || !np_head(d, U(lo)))
        return false;
    for (size_t m = lo; m < end; m++)
        if (U(m)->kind == QU_QUOTE || (U(m)->lex & QL_PRON) || U(m)->cue)
            return false;
    src->lo = lo;
    src->hi = end;
    return true;
}

/* "Ida Lund -- an author of two books -- said": an appositive between
 * dashes. */
static bool dash_appositive(const qdoc *d, size_t lo, size_t dash, qspan *src)
{
    size_t k = dash;
    while (k > lo && is_dash(U(k - 1)))
        k--; /* "--" is two marks */
    while (k > lo && dash - k < MAX_APPOS_UNITS && U(k - 1)->kind != QU_QUOTE &&
           !is_dash(U(k - 1)))
        k--;
    while (k > lo + 1 && is_dash(U(k - 2)))
        k--;
    if (k <= lo + 1 || !is_dash(U(k - 1)) || !np_head(d, U(k - 2)) || !U(k - 2)->cap)
        return false;
    src->lo = np_extend_left(d, lo, k - 2);
    src->hi = dash + 1;
    while (src->hi > src->lo && is_dash(U(src->hi - 1)))
        src->hi--;
    return true;
}

/* "It says the city broke the law": "it" is a source (an institution or a
 * document named before) only for a reporting verb proper. */
static bool says_it(const qdoc *d, const qunit *w, const qunit *cue)
{
    return word_is(d, w, "it") && (cue->cue & QC_INV) && !(cue->cue & (QC_WEAK | QC_BELIEF));
}

bool sl_qsrc_left(const qdoc *d, size_t sent_lo, size_t cue, qspan *src)
{
    size_t j = cue;
    for (int skipped = 0; j > sent_lo && skipped < MAX_BETWEEN; skipped++) {
        const qunit *p = U(j - 1);
        if (!is_word(p) || (!(p->lex & QL_BETWEEN) && !adverb_ly(d, p) && !negated(d, p)) ||
            (p->lex & QL_PRON))
            break;
        j--;
    }
    j = skip_time_left(d, sent_lo, j);
    if (j == sent_lo)
        return false;
    const qunit *e = U(j - 1);
    if (is_punct(e, ','))
        return appositives_after_quote(d, sent_lo, j - 1, src) ||
               relative_left(d, sent_lo, j - 1, src) ||
               appositive_left(d, sent_lo, j - 1, src);
    if (is_dash(e))
        return dash_appositive(d, sent_lo, j - 1, src);
    size_t hi = j;
    if (is_punct(e, ')')) { /* "Chaffetz (R-Utah) said" */
        size_t k = j - 1;
        while (k > sent_lo && j - k < 8 && !is_punct(U(k - 1), '('))
            k--;
        if (k <= sent_lo + 1 || !is_punct(U(k - 1), '('))
            return false;
        j = k - 1;
        e = U(j - 1);
    }
    if (word_is(d, e, "which") && j - 1 > sent_lo && is_punct(U(j - 2), ',') &&
        (U(cue)->cue & QC_INV)) {
        src->lo = j - 1; /* "the agency, which said ..." */
        src->hi = j;
        return true;
    }
    if (says_it(d, e, U(cue)) &&
        !(j - 1 > sent_lo && (word_is(d, U(j - 2), "which") || word_is(d, U(j - 2), "that")))) {
        src->lo = j - 1;
        src->hi = j;
        return true;
    }
    bool title = e->cap && j - 1 > sent_lo && word_is(d, U(j - 2), "the"); /* "the Times" */
    if (!np_head(d, e) && !title)
        return false;
    src->lo = np_extend_left(d, sent_lo, j - 1);
    src->hi = hi;
    return true;
}

/* Does a source stand for an agent: a name, a personal pronoun or a role
 * noun ("the city", "Lund", "they", "the agency")? */
bool sl_qsrc_agent(const qdoc *d, const qspan *src)
{
    const qunit *h = U(src->hi - 1);
    if (!is_word(h) || h->poss)
        return false;
    if (h->lex & QL_PRON)
        return !word_is(d, h, "it") && !word_is(d, h, "you");
    if (h->lex & QL_ROLE)
        return true;
    return h->cap && !(h->lex & (QL_NOTNAME | QL_STOP | QL_PREP));
}

static bool ends_in(const qdoc *d, const qunit *u, const char *end)
{
    size_t m = strlen(end);
    return u->end - u->start > m + 2 && memcmp(d->text + u->end - m, end, m) == 0;
}

/* Does a source phrase end in a modifier rather than a noun, so that the
 * "cue" is really the noun it modifies ("three different plans", "vague
 * legal claims", "the mayor's tax plans")? */
bool sl_qsrc_modifier(const qdoc *d, const qspan *src)
{
    static const char *const adjective_endings[] = { "al", "ic", "ive", "ous", "ent", "ful",
                                                     "less", "able", "ible" };
    const qunit *h = U(src->hi - 1);
    for (size_t k = src->lo; k + 1 < src->hi; k++)
        if (U(k)->poss && !U(k + 1)->cap)
            return true;
    if (!is_word(h) || h->cap || (h->lex & (QL_PRON | QL_ROLE)))
        return false;
    if (h->lex & QL_STOP)
        return true; /* "the summer", "years" */
    for (size_t k = 0; k < sizeof adjective_endings / sizeof adjective_endings[0]; k++)
        if (ends_in(d, h, adjective_endings[k]))
            return true;
    return false;
}

/* "The file photo shows ...": a picture's caption is no attribution. */
bool sl_qsrc_picture(const qdoc *d, const qspan *src)
{
    const qunit *h = U(src->hi - 1);
    return word_is(d, h, "photo") || word_is(d, h, "photos") || word_is(d, h, "picture") ||
           word_is(d, h, "pictures") || word_is(d, h, "image") || word_is(d, h, "images");
}

/* The possessor before a noun cue at unit `noun`: "Mayor Ida Lund's claim",
 * "his latest effort" (one adjective may come between). */
bool sl_qsrc_possessor(const qdoc *d, size_t lo, size_t noun, qspan *src)
{
    if (noun <= lo)
        return false;
    size_t p = noun - 1;
    const qunit *u = U(p);
    if (p > lo && is_word(u) && !u->cap && !u->poss && !u->lex && !u->cue)
        u = U(--p);
    bool pronoun = word_is(d, u, "his") || word_is(d, u, "her") || word_is(d, u, "their") ||
                   word_is(d, u, "its") || word_is(d, u, "our") || word_is(d, u, "my");
    if (!is_word(u) || !(u->poss || pronoun))
        return false;
    src->lo = p;
    src->hi = p + 1;
    while (u->poss && src->lo > lo && is_word(U(src->lo - 1)) && U(src->lo - 1)->cap &&
           !(U(src->lo - 1)->lex & QL_STOP))
        src->lo--;
    return true;
}

/* A phrase that starts at `from`: "Mr. Obama", "the minister", "Hans
 * Schellnhuber, the director of the institute". */
bool sl_qsrc_right(const qdoc *d, size_t from, size_t sent_hi, qspan *src)
{
    if (from >= sent_hi || !is_word(U(from)))
        return false;
    const qunit *f = U(from);
    if ((f->lex & QL_STOP) && !(f->lex & (QL_DET | QL_PRON)))
        return false;
    if (f->lex & QL_PRON) {
        src->lo = from;
        src->hi = from + 1;
        return !word_is(d, f, "it") && !word_is(d, f, "who");
    }
    size_t k = from + 1, words = 1;
    while (k < sent_hi && words < MAX_NP_WORDS && is_word(U(k))) {
        const qunit *w = U(k);
        bool joins = (word_is(d, w, "of") || word_is(d, w, "for")) && k + 1 < sent_hi;
        if ((w->lex & (QL_STOP | QL_PRON)) && !joins)
            break;
        if (!w->cap && verb_like(d, w) && !(k == from + 1 && (f->lex & QL_DET)))
            break; /* "the ruling" is a noun */
        k++;
        words++;
    }
    src->lo = from;
    src->hi = k;
    /* An appositive after a name runs to the next comma or the end. */
    if (k + 1 < sent_hi && is_punct(U(k), ',') && U(k - 1)->cap &&
        (U(k + 1)->lex & QL_DET)) {
        size_t m = k + 1;
        while (m < sent_hi && m - k < MAX_APPOS_UNITS && !is_punct(U(m), ',') &&
               U(m)->kind != QU_QUOTE && !is_punct(U(m), '.'))
            m++;
        src->hi = m;
    }
    return true;
}

/* The subject that opens a sentence at unit lo: a pronoun, a name ("China
 * and Russia", "Kremlin aide Yuri Ushakov") or a short determiner phrase. */
bool sl_qsrc_subject(const qdoc *d, size_t lo, size_t before, qspan *src)
{
    size_t k = lo;
    if (k >= before || U(k)->kind != QU_WORD)
        return false;
    src->lo = k;
    if (U(k)->lex & QL_PRON) {
        src->hi = k + 1;
        return !word_is(d, U(k), "it");
    }
    bool det = U(k)->lex & QL_DET;
    if (!det && (!U(k)->cap || (U(k)->lex & (QL_NOTNAME | QL_STOP))))
        return false;
    for (k++; k < before && k - lo < 6 && U(k)->kind == QU_WORD; k++) {
        bool joins = word_is(d, U(k), "and") && k + 1 < before && U(k + 1)->cap;
        if (!U(k)->cap && !joins && !(det && !(U(k)->lex & (QL_STOP | QL_BETWEEN)) &&
                                      !(U(k)->cue)))
            break;
        if (det && !U(k)->cap && (U(k)->lex & QL_ROLE)) {
            k++;
            break; /* "the company" */
        }
    }
    src->hi = k;
    return true;
}

/* '"We left," retired general Ida Lund of the army said': after a
 * quotation that ends in a comma, question or exclamation mark, every word
 * up to the cue belongs to the source that starts at src_lo. */
size_t sl_qsrc_after_quote(const qdoc *d, size_t lo, size_t src_lo)
{
    size_t k = src_lo;
    while (k > lo && src_lo - k < MAX_QUOTE_GAP && U(k - 1)->kind == QU_WORD &&
           (!(U(k - 1)->lex & (QL_STOP | QL_PRON)) || word_is(d, U(k - 1), "of") ||
            word_is(d, U(k - 1), "the")) && !U(k - 1)->cue)
        k--;
    if (k == src_lo || k == lo || U(k - 1)->kind != QU_QUOTE)
        return src_lo;
    char last = U(k - 1)->qlast;
    return last == ',' || last == '?' || last == '!' ? k : src_lo;
}

/* ---------------------------------------------------------------- phrases */

/* "But", "And", "However," opening a sentence link it to the text before;
 * they are no part of what the source said. */
bool sl_qphrase_link(const qdoc *d, size_t i)
{
    static const char *const links[] = { "and", "but", "however", "meanwhile", "still",
                                         "yet" };
    if (!U(i)->cap)
        return false;
    for (size_t k = 0; k < sizeof links / sizeof links[0]; k++)
        if (word_is(d, U(i), links[k]))
            return true;
    return false;
}

/* "warned about", "pressed for", "railed against": PolNeAR's content
 * starts after the preposition that the verb governs. */
size_t sl_qphrase_after_particle(const qdoc *d, size_t k, size_t end)
{
    static const char *const preps[] = { "about", "against", "at", "for", "of", "on", "over",
                                         "with" };
    if (k + 1 >= end || U(k + 1)->lower_that || (U(k + 1)->lex & QL_PREP))
        return k;
    for (size_t i = 0; i < sizeof preps / sizeof preps[0]; i++)
        if (word_is(d, U(k), preps[i]))
            return k + 1;
    return k;
}

/* ", sending his ratings lower": a participle clause after a comma ends
 * a reported content (PolNeAR leaves it out). */
bool sl_qphrase_clause_stop(const qdoc *d, size_t k, size_t end)
{
    if (!is_punct(U(k), ',') || k + 1 >= end)
        return false;
    const qunit *w = U(k + 1);
    if (w->kind != QU_WORD || w->cap || w->lex || (w->cue & QC_ING) ||
        word_is(d, U(k + 1), "including") || word_is(d, U(k + 1), "according"))
        return false;
    return (sl_qlex_shape(d->text + w->start, w->end - w->start) & QV_ING) != 0;
}

/* Does a sentence open with an adverbial ("During the talks, ...", "As for
 * taxes, ...") or a participle ("Asked about ...", "Citing ...") rather
 * than with the subject of a reported clause? */
bool sl_qphrase_adverbial_opening(const qdoc *d, size_t lo)
{
    const qunit *u = U(lo);
    if (u->kind != QU_WORD || (u->lex & (QL_DET | QL_PRON)))
        return false;
    if (u->lex & (QL_PREP | QL_STOP))
        return ((u->lex & QL_PREP) && !word_is(d, U(lo), "to")) ||
               (word_is(d, U(lo), "as") && lo + 1 < d->nunits && word_is(d, U(lo + 1), "for"));
    if (!u->cap || u->end - u->start < 5)
        return false;
    unsigned shape = sl_qlex_shape(d->text + u->start, u->end - u->start);
    return (shape & (QV_ING | QV_PAST)) != 0;
}

/* ---------------------------------------------------------------- special places */

/* A quotation signed with a dash: '"..." - Esther Tapia'. */
void sl_qsrc_dash_signature(const qdoc *d, sentence *s, size_t i)
{
    if (i == s->lo || U(i - 1)->kind != QU_QUOTE || i + 1 >= s->body_end || !U(i + 1)->cap)
        return;
    attr a;
    memset(&a, 0, sizeof a);
    a.cue_lo = i;
    a.cue_hi = i + 1;
    a.flags = QC_POST;
    a.src.lo = i + 1;
    a.src.hi = i + 1;
    while (a.src.hi < s->body_end && a.src.hi - a.src.lo < 4 && U(a.src.hi)->kind == QU_WORD &&
           U(a.src.hi)->cap)
        a.src.hi++;
    a.has_src = a.src_right = true;
    a.boundary = i;
    sl_qdoc_add_attr(s, a);
}

/* "as the mayor put it", "as one adviser pointed out": a source between
 * "as" and an idiom of saying (the cue), then a comma or the end. */
bool sl_qsrc_as_clause(const qdoc *d, sentence *s, size_t i)
{
    size_t j = i + 1;
    while (j + 1 < s->body_end && j - i <= MAX_AS_SOURCE && U(j)->kind != QU_QUOTE &&
           !(word_is(d, U(j), "put") && word_is(d, U(j + 1), "it")) &&
           !(word_is(d, U(j), "pointed") && word_is(d, U(j + 1), "out")))
        j++;
    if (j + 1 >= s->body_end || j == i + 1 || j - i > MAX_AS_SOURCE ||
        !(word_is(d, U(j), "put") || word_is(d, U(j), "pointed")))
        return false;
    size_t after = j + 2; /* "put it in a letter," */
    while (after < s->body_end && U(after)->kind == QU_WORD)
        after++;
    if (after < s->body_end && !is_punct(U(after), ','))
        return false;
    attr a;
    memset(&a, 0, sizeof a);
    a.cue_lo = j;
    a.cue_hi = j + 2;
    a.flags = QC_SPEECH | QC_POST;
    a.src.lo = i + 1;
    a.src.hi = j;
    a.has_src = a.as_clause = true;
    a.boundary = i > s->lo && is_punct(U(i - 1), ',') ? i - 1 : SIZE_MAX;
    sl_qdoc_add_attr(s, a);
    return true;
}

/* The content of an "as X put it" attribution (i is the unit of "as"):
 * "As X put it, B" gives B, "A, as X put it, B" gives A ... B (the outer
 * bounds) and "A, as X put it." gives A. */
int sl_qsrc_as_content(qdoc *d, const sentence *s, const attr *a)
{
    size_t as = a->src.lo - 1, after = a->cue_hi;
    while (after < s->body_end && U(after)->kind == QU_WORD)
        after++; /* "put it in a letter" */
    if (after >= s->body_end)
        return as == s->lo ? SL_OK : sl_qdoc_emit(d, s->lo, as, a, NULL);
    size_t end = sl_qdoc_content_end(d, s, after + 1);
    return sl_qdoc_emit(d, as == s->lo ? after + 1 : s->lo, end, a, NULL);
}

/* ---------------------------------------------------------------- speakers */

/* The first unit that starts at or after byte `at`. */
static size_t unit_at(const qdoc *d, size_t at)
{
    size_t lo = 0, hi = d->nunits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->units[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool name_word(const qunit *u)
{
    return u->kind == QU_WORD && u->cap && !(u->lex & (QL_NOTNAME | QL_PRON | QL_DET));
}

/* The last run of capitalised words in units [lo, hi), titles stripped. */
static bool last_name_run(const qdoc *d, size_t lo, size_t hi, size_t *s, size_t *e)
{
    for (size_t k = hi; k > lo; k--) {
        if (!name_word(U(k - 1)))
            continue;
        size_t end = k, start = k - 1;
        while (start > lo && name_word(U(start - 1)) && !U(start - 1)->poss)
            start--; /* "Radio Nord's Elsa Vik": the name after the possessive */
        if (start > lo && end - start >= 3 && word_is(d, U(start - 1), "to"))
            start = end - 2; /* "Envoy to Oslo Karin Berg" */
        while (start < end && (U(start)->lex & QL_TITLE))
            start++;
        if (start == end)
            return false; /* titles only: "the President" */
        *s = U(start)->start;
        *e = U(end - 1)->end;
        if (U(end - 1)->poss)
            return false;
        return true;
    }
    return false;
}

static bool entity_speaker(const qdoc *d, sl_quote *q)
{
    for (int want = SL_QENT_PER; want <= SL_QENT_ORG; want++)
        for (size_t i = 0; i < d->nents; i++) {
            const sl_quote_entity *en = &d->ents[i];
            if (en->type == want && en->start < q->source_end && q->source_start < en->end) {
                q->speaker_start = en->start;
                q->speaker_end = en->end;
                q->has_speaker = 1;
                return true;
            }
        }
    return false;
}

/* Is q's speaker a name (not the source text standing for itself)? */
static bool named(const qdoc *d, const sl_quote *q)
{
    if (!q->has_speaker)
        return false;
    size_t u = unit_at(d, q->speaker_start);
    return u < d->nunits && name_word(U(u)) &&
           !(q->speaker_start == q->source_start && q->speaker_end == q->source_end &&
             (U(u)->lex & QL_ROLE));
}

/* The role noun of a source like "the aide" ("aide"), or SIZE_MAX. */
static size_t role_unit(const qdoc *d, size_t lo, size_t hi)
{
    if (hi - lo > 3)
        return SIZE_MAX;
    for (size_t k = lo; k < hi; k++)
        if (U(k)->cap && !(U(k)->lex & (QL_DET | QL_PRON)))
            return SIZE_MAX;
    return (U(hi - 1)->lex & QL_ROLE) ? hi - 1 : SIZE_MAX;
}

static bool source_has_word(const qdoc *d, const sl_quote *q, const qunit *w)
{
    size_t n = w->end - w->start;
    for (size_t k = unit_at(d, q->source_start); k < d->nunits && U(k)->start < q->source_end; k++)
        if (U(k)->end - U(k)->start == n &&
            strncmp(d->text + U(k)->start, d->text + w->start, n) == 0)
            return true;
    return false;
}

/* "he", "she", "the aide": the latest earlier named speaker (with the same
 * role word for a role), not too far back. */
static bool resolve(const qdoc *d, sl_quote *q, size_t self, const qunit *role)
{
    for (size_t i = self; i-- > 0;) {
        const sl_quote *p = &d->quotes[i];
        if (!p->has_source || p->source_start >= q->source_start)
            continue;
        if (q->source_start - p->source_start > MAX_RESOLVE_BYTES)
            return false;
        if (!named(d, p) || (role && !source_has_word(d, p, role)))
            continue;
        q->speaker_start = p->speaker_start;
        q->speaker_end = p->speaker_end;
        q->has_speaker = 1;
        return true;
    }
    return false;
}

/* ", who said": the name just before the comma. */
static bool resolve_who(const qdoc *d, sl_quote *q, size_t src_lo)
{
    if (src_lo < 2 || !is_punct(U(src_lo - 1), ','))
        return false;
    size_t s, e;
    size_t lo = src_lo > 8 ? src_lo - 8 : 0;
    if (!last_name_run(d, lo, src_lo - 1, &s, &e) || e != U(src_lo - 2)->end)
        return false;
    q->speaker_start = s;
    q->speaker_end = e;
    q->has_speaker = 1;
    return true;
}

/* "the ministry, which said": the phrase before the comma. */
static bool resolve_which(const qdoc *d, sl_quote *q, size_t src_lo)
{
    if (src_lo < 2 || !is_punct(U(src_lo - 1), ',') || !word_is(d, U(src_lo), "which") ||
        !np_head(d, U(src_lo - 2)))
        return false;
    q->speaker_start = U(np_extend_left(d, 0, src_lo - 2))->start;
    q->speaker_end = U(src_lo - 2)->end;
    q->has_speaker = 1;
    return true;
}

/* The end of the head part of a source: before its first comma, "of",
 * "at" or "for" ("Scott Pruitt, the attorney general of Oklahoma"). */
static size_t head_end(const qdoc *d, size_t lo, size_t hi)
{
    for (size_t k = lo + 1; k < hi; k++)
        if (is_punct(U(k), ',') || is_punct(U(k), '(') || is_dash(U(k)) || word_is(d, U(k), "of") ||
            word_is(d, U(k), "at") || word_is(d, U(k), "for"))
            return k;
    return hi;
}

/* "The board's chairman, Ivo Sand": a name alone between the comma that
 * ends the head (unit `comma`) and the next comma or the source's end. */
static bool appositive_name(const qdoc *d, size_t comma, size_t hi, size_t *s, size_t *e)
{
    if (comma + 1 >= hi || !is_punct(U(comma), ','))
        return false;
    size_t end = comma + 1;
    while (end < hi && !is_punct(U(end), ','))
        end++;
    return name_between(d, comma + 1, end) && last_name_run(d, comma + 1, end, s, e) &&
           *e == U(end - 1)->end;
}

/* A pronoun that stands for one person. */
static bool personal(const qdoc *d, const qunit *u)
{
    return word_is(d, u, "he") || word_is(d, u, "she") || word_is(d, u, "i");
}

void sl_qsrc_speaker(const qdoc *d, sl_quote *q, size_t self)
{
    q->has_speaker = 0;
    if (!q->has_source)
        return;
    if (entity_speaker(d, q))
        return;
    size_t lo = unit_at(d, q->source_start), hi = unit_at(d, q->source_end);
    size_t s, e, head = head_end(d, lo, hi);
    if ((head > lo && last_name_run(d, lo, head, &s, &e) && e == U(head - 1)->end) ||
        appositive_name(d, head, hi, &s, &e)) {
        q->speaker_start = s;
        q->speaker_end = e;
        q->has_speaker = 1;
        return;
    }
    if (hi == lo + 1 && (word_is(d, U(lo), "who") || word_is(d, U(lo), "which")) &&
        (resolve_who(d, q, lo) || resolve_which(d, q, lo)))
        return;
    if (hi == lo + 1 && personal(d, U(lo)) && resolve(d, q, self, NULL))
        return;
    size_t r = head > lo ? role_unit(d, lo, head) : SIZE_MAX;
    /* "the aide": a person's role may stand for the latest named speaker;
     * "the ministry" only for one whose source said "ministry". */
    bool person = r != SIZE_MAX && (U(r)->lex & QL_TITLE);
    if (r != SIZE_MAX && resolve(d, q, self, person ? NULL : U(r)))
        return;
    q->speaker_start = q->source_start;
    q->speaker_end = q->source_end;
    q->has_speaker = 1;
}
