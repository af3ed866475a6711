/* Attribution shapes besides a plain reporting verb: passives of
 * reporting verbs ("the veto is expected to come", "was first reported by
 * the Post"), adjectives of stance ("protesters were frustrated that ..."),
 * verbs of talking ("spoke about X"), acts of an agent ("the city lifted
 * the curfew"), nouns of speech after a possessor ("the mayor's claim
 * that ...") and "In the latest poll, ...". */
#include "facts/quotes_internal.h"

#include <string.h>

#define UNIT(i) (&d->units[(i)])

/* ---------------------------------------------------------------- be shapes */

enum {
    MAX_BE_GAP = 3,          /* words between "be" and its participle */
    MAX_PASSIVE_SUBJECT = 24, /* words of the subject of a passive clause */
    MAX_STUDY_UNITS = 12     /* words of "In the latest national poll," */
};

static bool is_punct(const qunit *u, char c)
{
    return u->kind == QU_PUNCT && u->ch == c;
}

static bool unit_is(const qdoc *d, size_t i, const char *lower)
{
    const qunit *u = &d->units[i];
    return u->kind == QU_WORD && sl_qlex_word_is(d->text + u->start, u->end - u->start, lower);
}

static bool be_form(const qdoc *d, size_t i)
{
    static const char *const forms[] = { "are", "be", "been", "being", "is", "was", "were" };
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++)
        if (unit_is(d, i, forms[k]))
            return true;
    return false;
}

/* A word that may stand between "be" and what follows it: "not", "also",
 * "more", "widely", "first". */
static bool be_modifier(const qdoc *d, size_t i)
{
    const qunit *u = &d->units[i];
    size_t n = u->end - u->start;
    if (u->kind != QU_WORD || u->cap)
        return false;
    return (u->lex & QL_BETWEEN) || unit_is(d, i, "more") || unit_is(d, i, "very") ||
           unit_is(d, i, "so") || unit_is(d, i, "too") || unit_is(d, i, "first") ||
           (n >= 5 && !u->cue && memcmp(d->text + u->end - 2, "ly", 2) == 0);
}

/* The form of "be" before word i with only modifiers between, or SIZE_MAX. */
size_t sl_qshape_be_before(const qdoc *d, const sentence *s, size_t i)
{
    for (size_t k = i; k > s->lo && i - k < MAX_BE_GAP; k--) {
        if (be_form(d, k - 1))
            return k - 1;
        if (!be_modifier(d, k - 1))
            break;
    }
    return SIZE_MAX;
}

/* Words that end the subject of a clause when read leftwards. */
static bool opens_clause(const qdoc *d, size_t i)
{
    static const char *const words[] = { "after", "although", "and", "because", "before",
                                         "but", "how", "if", "or", "since", "that", "though",
                                         "until", "what", "when", "whether", "which", "while",
                                         "who", "why" };
    const qunit *u = &d->units[i];
    if (u->kind != QU_WORD)
        return true;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (unit_is(d, i, words[k]))
            return true;
    return (u->cue & QC_SPEECH) != 0;
}

/* An auxiliary or modifier of a verb group before "be": "has", "could",
 * "is likely to". */
static bool verb_chain(const qdoc *d, size_t i)
{
    static const char *const words[] = { "can", "could", "had", "has", "have", "likely",
                                         "may", "might", "must", "should", "to", "will",
                                         "would" };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (unit_is(d, i, words[k]))
            return true;
    return be_form(d, i) || be_modifier(d, i);
}

/* A conjunction that makes its clause subordinate: it ends at a comma. */
static bool subordinate(const qdoc *d, size_t i)
{
    static const char *const words[] = { "after", "although", "because", "before", "if",
                                         "since", "though", "until", "when", "while" };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (unit_is(d, i, words[k]))
            return true;
    return false;
}

/* "Pence was also dubbed the winner", "the veto is expected to come":
 * a speech or belief verb in the passive credits no one named; PolNeAR
 * marks the whole clause, its subject included.  With "by" ("was first
 * reported by the Post") the agent is the source and the subject the
 * content. */
bool sl_qshape_passive(const qdoc *d, sentence *s, size_t cue)
{
    const qunit *u = &d->units[cue];
    if (u->cap || !sl_qlex_passive_cue(d->text + u->start, u->end - u->start))
        return false;
    size_t be = sl_qshape_be_before(d, s, cue);
    if (be == SIZE_MAX || be == s->lo)
        return false;
    size_t verb = be; /* "has been", "is likely to be", "could be" */
    while (verb > s->lo && be - verb < MAX_BE_GAP && verb_chain(d, verb - 1))
        verb--;
    size_t lo = verb;
    while (lo > s->lo && verb - lo < MAX_PASSIVE_SUBJECT && !opens_clause(d, lo - 1))
        lo--;
    if (lo == verb || (lo > s->lo && !opens_clause(d, lo - 1)))
        return false;
    attr a;
    memset(&a, 0, sizeof a);
    a.cue_lo = be;
    a.cue_hi = cue + 1;
    a.flags = QC_SPEECH | QC_WEAK;
    a.boundary = SIZE_MAX;
    a.fixed = true;
    a.content_lo = lo;
    a.content_hi = SIZE_MAX;
    size_t by = cue + 1 < s->body_end && be_modifier(d, cue + 1) ? cue + 2 : cue + 1;
    if (by + 1 < s->body_end && unit_is(d, by, "by") &&
        sl_qsrc_right(d, by + 1, s->body_end, &a.src)) {
        a.has_src = a.src_right = true;
        a.cue_hi = by + 1;
        a.content_hi = verb;
    } else if (lo > s->lo && subordinate(d, lo - 1)) {
        /* "Although a curfew was announced ..., police did not": to the comma */
        for (size_t k = cue + 1; k < s->body_end && a.content_hi == SIZE_MAX; k++)
            if (d->units[k].kind == QU_PUNCT && d->units[k].ch == ',')
                a.content_hi = k;
    }
    sl_qdoc_add_attr(s, a);
    return true;
}

/* "Protesters were frustrated that ...", "he is ready to move on", "Graham
 * has been critical of Trump": an adjective of stance after "be" credits
 * its complement to the subject. */
bool sl_qshape_stance(const qdoc *d, sentence *s, size_t adj)
{
    if (adj + 1 >= s->body_end || d->units[adj].cap)
        return false;
    size_t be = sl_qshape_be_before(d, s, adj);
    if (be == SIZE_MAX || be == s->lo)
        return false;
    size_t next = adj + 1;
    const qunit *n = &d->units[next];
    bool clause = n->lower_that || unit_is(d, next, "to");
    bool prep = unit_is(d, next, "about") || unit_is(d, next, "of") ||
                unit_is(d, next, "over") || unit_is(d, next, "with");
    if (!clause && !prep)
        return false;
    attr a;
    memset(&a, 0, sizeof a);
    if (!sl_qsrc_left(d, s->lo, be, &a.src))
        return false;
    a.has_src = true;
    a.cue_lo = be;
    a.cue_hi = prep ? next + 1 : next;
    a.flags = QC_SPEECH | QC_BELIEF | QC_WEAK;
    a.boundary = SIZE_MAX;
    a.fixed = true;
    a.content_lo = a.cue_hi;
    a.content_hi = SIZE_MAX;
    sl_qdoc_add_attr(s, a);
    return true;
}

/* ---------------------------------------------------------------- talk */

static bool talk_verb(const qdoc *d, size_t i)
{
    static const char *const forms[] = { "speak", "speaking", "speaks", "spoke", "spoken",
                                         "talk", "talked", "talking", "talks" };
    const qunit *u = &d->units[i];
    const char *w = d->text + u->start;
    size_t n = u->end - u->start;
    if (u->kind != QU_WORD || n < 4 || n > 8 || !((w[0] == 's' && w[1] == 'p') ||
                                                  (w[0] == 't' && w[1] == 'a')))
        return false; /* most words, cheaply */
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++)
        if (unit_is(d, i, forms[k]))
            return true;
    return false;
}

/* "Clinton spoke out Tuesday about the shooting", "who had talked about",
 * "spoke emotionally of": a verb of talking reports what its preposition
 * governs; without one ("spoke to the crowd") it reports nothing. */
bool sl_qshape_talk(const qdoc *d, sentence *s, size_t verb)
{
    if (!talk_verb(d, verb))
        return false;
    size_t k = verb + 1;
    while (k < s->body_end && k - verb <= 2 &&
           (unit_is(d, k, "out") || be_modifier(d, k) ||
            (d->units[k].cap && (d->units[k].lex & QL_PREP))))
        k++; /* "out", "emotionally", "Tuesday" */
    if (k + 1 >= s->body_end ||
        !(unit_is(d, k, "about") || unit_is(d, k, "of") || unit_is(d, k, "against")))
        return false;
    attr a;
    memset(&a, 0, sizeof a);
    a.has_src = sl_qsrc_left(d, s->lo, verb, &a.src);
    if (!a.has_src && verb > s->lo && d->units[verb - 1].kind == QU_PUNCT &&
        d->units[verb - 1].ch == ',' && s->nattrs && s->attrs[s->nattrs - 1].has_src) {
        a.src = s->attrs[s->nattrs - 1].src; /* '"...," said Lund, speaking of X' */
        a.has_src = a.inherit = true;
    }
    if (!a.has_src)
        return false;
    a.cue_lo = verb;
    a.cue_hi = k + 1;
    a.flags = QC_SPEECH | QC_WEAK;
    a.boundary = SIZE_MAX;
    a.fixed = true;
    a.content_lo = k + 1;
    a.content_hi = SIZE_MAX;
    sl_qdoc_add_attr(s, a);
    return true;
}

/* ---------------------------------------------------------------- acts, nouns, studies */

/* "In the latest poll, the mayor leads by four points": a sentence that
 * opens with "In" and a poll, survey or study reports what it found. */
bool sl_qshape_in_study(const qdoc *d, sentence *s, size_t i)
{
    static const char *const studies[] = { "analysis", "poll", "polls", "report", "studies",
                                           "study", "survey", "surveys" };
    size_t k = i + 1;
    bool study = false;
    while (k < s->body_end && k - i <= MAX_STUDY_UNITS && UNIT(k)->kind == QU_WORD) {
        for (size_t j = 0; j < sizeof studies / sizeof studies[0]; j++)
            study |= unit_is(d, k, studies[j]);
        k++;
    }
    if (!study || k + 1 >= s->body_end || !is_punct(UNIT(k), ','))
        return false;
    for (size_t j = k + 1; j < s->body_end; j++)
        if ((UNIT(j)->cue & QC_SPEECH) && !(UNIT(j)->cue & QC_WEAK))
            return false; /* "In an interview, Lund told ...": her words */
    attr a;
    memset(&a, 0, sizeof a);
    a.cue_lo = i;
    a.cue_hi = i + 1;
    a.according = a.src_right = a.has_src = true;
    a.src.lo = i + 1;
    a.src.hi = k;
    a.boundary = SIZE_MAX;
    sl_qdoc_add_attr(s, a);
    return true;
}

bool sl_qshape_aux(const qdoc *d, size_t i)
{
    static const char *const aux[] = { "can", "could", "did", "do", "does", "had", "has",
                                       "have", "may", "might", "must", "should", "will",
                                       "would" };
    for (size_t k = 0; k < sizeof aux / sizeof aux[0]; k++)
        if (unit_is(d, i, aux[k]))
            return true;
    return false;
}

/* Does the word at i read as the finite verb of a clause: "lifted", "has
 * approved", "is promoting", "would like", "backs the bill"? */
bool sl_qshape_action_verb(const qdoc *d, const sentence *s, size_t i)
{
    const qunit *u = UNIT(i);
    if (u->kind != QU_WORD || i == s->lo || i + 1 >= s->body_end)
        return false;
    unsigned shape = sl_qlex_shape(d->text + u->start, u->end - u->start);
    size_t p = i - 1;
    while (p > s->lo && UNIT(p)->kind == QU_WORD && (UNIT(p)->lex & QL_BETWEEN) &&
           !sl_qshape_aux(d, p) && !be_form(d, p))
        p--; /* "has also", "did not" */
    bool aux = sl_qshape_aux(d, p), be = be_form(d, p);
    if (shape & QV_PAST)
        return !be;
    if (shape & QV_ING)
        return be;
    if (shape & QV_PRES) {
        const qunit *n = UNIT(i + 1);
        return n->kind == QU_QUOTE || (n->kind == QU_WORD && (n->cap || n->lower_that ||
                                       (n->lex & (QL_DET | QL_PRON)) || unit_is(d, i + 1, "to")));
    }
    return aux;
}

/* "The city lifted the curfew": PolNeAR credits actions and stances to an
 * agent that opens the clause; the rest of the clause is the content. */
void sl_qshape_action(const qdoc *d, sentence *s, size_t i)
{
    attr a;
    memset(&a, 0, sizeof a);
    a.cue_lo = i;
    a.cue_hi = i + 1;
    a.flags = QC_SPEECH | QC_POST | QC_WEAK | QC_ACT;
    a.boundary = SIZE_MAX;
    if (!sl_qsrc_left(d, s->lo, i, &a.src) || !sl_qsrc_agent(d, &a.src))
        return;
    if (a.src.lo != s->lo && !is_punct(UNIT(a.src.lo - 1), ','))
        return;
    a.has_src = true;
    a.boundary = sl_qdoc_clause_boundary(d, s->lo, a.src.lo);
    sl_qdoc_add_attr(s, a);
}

/* "the mayor's claim that ...", "his determination to ...", "their fears
 * about ...": a noun of speech or stance after a possessive. */
/* Is the word before unit k a verb that makes a noun of speech or stance
 * the speaker's act ("expressed", "is raising", "voiced", "made")?  Its
 * index, or SIZE_MAX. */
static size_t light_verb_at(const qdoc *d, const sentence *s, size_t k)
{
    static const char *const stems[] = { "express", "issu", "mak", "made", "offer", "rais",
                                         "voic" };
    if (k == s->lo || UNIT(k - 1)->kind != QU_WORD || UNIT(k - 1)->cap)
        return SIZE_MAX;
    const qunit *v = UNIT(k - 1);
    size_t n = v->end - v->start;
    for (size_t m = 0; m < sizeof stems / sizeof stems[0]; m++) {
        size_t sn = strlen(stems[m]);
        if (n >= sn && n <= sn + 3 && memcmp(d->text + v->start, stems[m], sn) == 0)
            return k - 1;
    }
    return SIZE_MAX;
}

/* "expressed misgivings", "is raising new questions", "voiced concern":
 * the light verb before a noun cue and its modifiers, or SIZE_MAX. */
static size_t light_verb_before(const qdoc *d, const sentence *s, size_t noun)
{
    size_t k = noun;
    while (k > s->lo && noun - k < 3 && UNIT(k - 1)->kind == QU_WORD && !UNIT(k - 1)->cap &&
           !UNIT(k - 1)->cue && (!UNIT(k - 1)->lex || (UNIT(k - 1)->lex & QL_DET)) &&
           light_verb_at(d, s, k) == SIZE_MAX)
        k--; /* "new", "a", "serious" */
    return light_verb_at(d, s, k);
}

bool sl_qshape_noun_cue(const qdoc *d, sentence *s, size_t i)
{
    if (i + 1 >= s->body_end || i == s->lo)
        return false;
    size_t after = i + 1;
    bool clause = UNIT(after)->lower_that || unit_is(d, after, "to");
    bool prep = unit_is(d, after, "of") || unit_is(d, after, "about") ||
                unit_is(d, after, "for") || unit_is(d, after, "on");
    if (!clause && !prep)
        return false;
    attr a;
    memset(&a, 0, sizeof a);
    size_t light = light_verb_before(d, s, i);
    a.cue_lo = i;
    if (light != SIZE_MAX && sl_qsrc_left(d, s->lo, light, &a.src)) {
        a.cue_lo = light; /* "have expressed misgivings about": one cue */
        if (s->nattrs && s->attrs[s->nattrs - 1].cue_lo == light)
            s->nattrs--;
    } else if (!sl_qsrc_possessor(d, s->lo, i, &a.src))
        return false;
    a.cue_hi = clause ? i + 1 : i + 2;
    a.flags = QC_SPEECH | QC_WEAK | QC_ACT;
    a.has_src = true;
    a.boundary = SIZE_MAX;
    sl_qdoc_add_attr(s, a);
    return true;
}
