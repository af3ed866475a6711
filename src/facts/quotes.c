/* Quote attribution: finds direct quotes, partial quotes, indirect speech,
 * "according to" reports and beliefs credited to a source, sentence by
 * sentence.  In a sentence, every cue word (a speech or belief verb, or
 * "according to") with a source phrase next to it is an attribution; its
 * content is the clause or quotation on the other side:
 *
 *   SOURCE CUE [that] CLAUSE        "Peskov said the leaders would meet."
 *   CLAUSE, SOURCE CUE [adverbial]  "The talks failed, the aide said."
 *   QUOTE, CUE SOURCE               "'We left,' said Figueroa."
 *   A, SOURCE CUE, B                content A ... B (the outer bounds)
 *   according to SOURCE, CLAUSE     and CLAUSE, according to SOURCE
 *
 * Quotation-only sentences that follow a quotation in the same paragraph
 * continue it; elsewhere they are credited to the previous speaker. */
#include "facts/quotes_internal.h"

#include <stdlib.h>
#include <string.h>

enum {
    MAX_LOOKAHEAD = 10,   /* units between a cue and its "that" */
    MAX_TRIVIAL = 10,     /* units of an adverbial after a cue ("on Monday") */
    MAX_OBJ_WORDS = 5,    /* words of an addressee ("told reporters") */
    MAX_CONTINUE_BYTES = 2500 /* a lone quotation takes the previous speaker */
};

#define U(i) (&d->units[(i)])


static bool is_punct(const qunit *u, char c)
{
    return u->kind == QU_PUNCT && u->ch == c;
}

static bool word_is(const qdoc *d, size_t i, const char *lower)
{
    const qunit *u = U(i);
    return u->kind == QU_WORD && sl_qlex_word_is(d->text + u->start, u->end - u->start, lower);
}

static bool is_clause_gap(const qunit *u)
{
    return is_punct(u, ',') || is_punct(u, 'D') || is_punct(u, ';') || is_punct(u, '(');
}

/* ---------------------------------------------------------------- emitting */

static sl_quote_kind content_kind(const qdoc *d, size_t lo, size_t hi, const attr *a)
{
    bool quote = false, all_quote = U(lo)->kind == QU_QUOTE && U(hi - 1)->kind == QU_QUOTE;
    for (size_t k = lo; k < hi; k++)
        quote |= U(k)->kind == QU_QUOTE;
    if (all_quote)
        return SL_QUOTE_DIRECT;
    if (quote)
        return SL_QUOTE_PARTIAL;
    if (a && a->according)
        return SL_QUOTE_ACCORDING;
    if (a && (a->flags & QC_BELIEF))
        return SL_QUOTE_BELIEF;
    return SL_QUOTE_INDIRECT;
}

/* Trim punctuation at either end of units [lo, hi), and a linking word. */
static void trim(const qdoc *d, size_t *lo, size_t *hi)
{
    while (*lo < *hi && U(*lo)->kind == QU_PUNCT && U(*lo)->ch != '(')
        (*lo)++;
    if (*lo + 1 < *hi && sl_qphrase_link(d, *lo)) {
        (*lo)++;
        while (*lo < *hi && U(*lo)->kind == QU_PUNCT && U(*lo)->ch != '(')
            (*lo)++;
    }
    while (*hi > *lo && U(*hi - 1)->kind == QU_PUNCT && U(*hi - 1)->ch != ')')
        (*hi)--;
}

int sl_qdoc_emit(qdoc *d, size_t lo, size_t hi, const attr *a, const sl_quote *prev)
{
    trim(d, &lo, &hi);
    if (hi <= lo)
        return SL_OK;
    sl_quote from; /* a copy: prev points into the array that may move */
    const sl_quote *src_from = prev ? &from : NULL;
    if (prev)
        from = *prev;
    int rc = sl_grow(d->ctx, (void **)&d->quotes, &d->quotecap, d->nquotes + 1, sizeof(sl_quote));
    if (rc)
        return rc;
    sl_quote q;
    memset(&q, 0, sizeof q);
    q.content_start = U(lo)->start;
    q.content_end = U(hi - 1)->end;
    q.kind = content_kind(d, lo, hi, a);
    if (a && a->has_src) {
        q.has_source = 1;
        q.source_start = U(a->src.lo)->start;
        q.source_end = U(a->src.hi - 1)->end;
    } else if (src_from && src_from->has_source) {
        q.has_source = 1;
        q.source_start = src_from->source_start;
        q.source_end = src_from->source_end;
    }
    if (a) {
        q.has_cue = 1;
        q.cue_start = U(a->cue_lo)->start;
        q.cue_end = U(a->cue_hi - 1)->end;
    }
    d->quotes[d->nquotes] = q;
    if (src_from && !a) {
        d->quotes[d->nquotes].has_speaker = src_from->has_speaker;
        d->quotes[d->nquotes].speaker_start = src_from->speaker_start;
        d->quotes[d->nquotes].speaker_end = src_from->speaker_end;
    } else {
        sl_qsrc_speaker(d, &d->quotes[d->nquotes], d->nquotes);
    }
    d->nquotes++;
    return SL_OK;
}

/* ---------------------------------------------------------------- cues */

static bool is_be(const qdoc *d, size_t i)
{
    return word_is(d, i, "was") || word_is(d, i, "were") || word_is(d, i, "is") ||
           word_is(d, i, "are") || word_is(d, i, "been") || word_is(d, i, "be");
}

/* "was found", "were told", "was not asked": a passive, not an
 * attribution of its own (but "is demanding" is; "is depleted and said"
 * is no passive). */
static bool passive(const qdoc *d, const sentence *s, size_t cue, unsigned flags)
{
    return !(flags & QC_ING) && sl_qshape_be_before(d, s, cue) != SIZE_MAX;
}

/* Particles that belong to the cue: "pointed out", "called for", "called
 * on", "spoke of", "warned about". */
static size_t cue_end(const qdoc *d, size_t cue, size_t hi)
{
    static const char *const particles[] = { "for", "on", "of", "about" };
    if (cue + 1 >= hi)
        return cue + 1;
    if (word_is(d, cue + 1, "out"))
        return cue + 2;
    if (!(U(cue)->cue & (QC_OBJ | QC_WEAK)) || (U(cue)->cue & QC_BELIEF))
        return cue + 1;
    for (size_t k = 0; k < sizeof particles / sizeof particles[0]; k++)
        if (word_is(d, cue + 1, particles[k]))
            return cue + 2;
    return cue + 1;
}

/* Where the clause of an attribution with its source on the left begins:
 * before a comma (and a conjunction) that precedes the source. */
size_t sl_qdoc_clause_boundary(const qdoc *d, size_t lo, size_t src_lo)
{
    size_t b = src_lo;
    if (b > lo && U(b - 1)->kind == QU_WORD && (U(b - 1)->lex & QL_STOP) &&
        !word_is(d, b - 1, "that"))
        b--; /* ", though she acknowledged" */
    if (b > lo && is_clause_gap(U(b - 1)))
        return b - 1;
    if (b > lo && U(b - 1)->kind == QU_QUOTE)
        return b;
    return SIZE_MAX;
}

void sl_qdoc_add_attr(sentence *s, attr a)
{
    if (s->nattrs < MAX_ATTRS)
        s->attrs[s->nattrs++] = a;
}

static bool according_at(const qdoc *d, size_t i, size_t hi)
{
    return i + 1 < hi && word_is(d, i, "according") && word_is(d, i + 1, "to");
}

static void find_according(const qdoc *d, sentence *s, size_t i)
{
    attr a;
    memset(&a, 0, sizeof a);
    a.cue_lo = i;
    a.cue_hi = i + 2;
    a.according = true;
    a.src_right = true;
    a.has_src = sl_qsrc_right(d, i + 2, s->body_end, &a.src);
    a.boundary = i > s->lo && is_clause_gap(U(i - 1)) ? i - 1 : SIZE_MAX;
    if (a.has_src && i == s->lo && (a.src.hi >= s->body_end || !is_punct(U(a.src.hi), ','))) {
        /* "According to Ham, the administration has ...": no appositive */
        for (size_t k = a.src.lo + 1; k < a.src.hi; k++)
            if (is_punct(U(k), ',')) {
                a.src.hi = k;
                break;
            }
    }
    sl_qdoc_add_attr(s, a);
}

/* An inverted source ends its clause: '"...," said Mr. Obama.' */
static bool ends_clause(const qdoc *d, const sentence *s, size_t at)
{
    return at >= s->body_end || is_punct(U(at), ',') || is_punct(U(at), ':') ||
           is_punct(U(at), '(') ||
           U(at)->kind == QU_QUOTE ||
           (U(at)->kind == QU_WORD && (U(at)->lex & QL_PREP));
}

/* "X visited the city and said ...": the cue shares the subject of the
 * sentence (or of the attribution before it). */
static bool coordinated(const qdoc *d, sentence *s, size_t i, attr *a)
{
    size_t c = i; /* "and repeatedly says", "but has said" */
    while (c > s->lo + 2 && i - c < 2 && U(c - 1)->kind == QU_WORD && !U(c - 1)->cap &&
           (U(c - 1)->lex & QL_BETWEEN) && !word_is(d, c - 1, "and") && !word_is(d, c - 1, "but"))
        c--;
    if (c <= s->lo + 1 || !(word_is(d, c - 1, "and") || word_is(d, c - 1, "but")))
        return false;
    if ((U(i)->cue & QC_WEAK) && s->nattrs && !(s->attrs[s->nattrs - 1].flags & QC_WEAK))
        return false; /* "he said he had watched ... and thought of": one content */
    if (s->nattrs && s->attrs[s->nattrs - 1].has_src) {
        a->src = s->attrs[s->nattrs - 1].src;
    } else if (!sl_qsrc_subject(d, s->lo, c - 1, &a->src)) {
        return false;
    }
    a->has_src = a->inherit = true;
    a->boundary = c - 1;
    sl_qdoc_add_attr(s, *a);
    return true;
}

/* The "-ing" form of a verb that is often a noun is a cue after a comma
 * (", filing"), a form of "be" ("is funding") or "and"; elsewhere it is a
 * noun or a modifier ("the ruling", "voting rights"). */
static bool bare_participle(const qdoc *d, const sentence *s, size_t i)
{
    if (!(U(i)->lex & QL_NOUNISH) || i == s->lo || U(i - 1)->kind != QU_WORD)
        return false;
    size_t p = i - 1;
    while (p > s->lo && (U(p)->lex & QL_BETWEEN) && !is_be(d, p))
        p--;
    return !is_be(d, p) && !word_is(d, p, "and") && !word_is(d, p, "but");
}

/* "Elsa Vik, reporting from Tromso, said": a participle phrase between
 * commas right before a cue describes the source; it is no cue itself. */
static bool parenthetical_ing(const qdoc *d, const sentence *s, size_t i)
{
    if (!(U(i)->cue & QC_ING) || i == s->lo || !is_punct(U(i - 1), ','))
        return false;
    size_t k = i + 1;
    while (k < s->body_end && U(k)->kind == QU_WORD)
        k++;
    return k + 1 < s->body_end && is_punct(U(k), ',') && U(k + 1)->kind == QU_WORD &&
           (U(k + 1)->cue & QC_SPEECH) && !(U(k + 1)->cue & QC_ING);
}

/* A verb that takes "to" and another verb: a past ("appeared", "failed",
 * "refused") or a cue that is no belief of its own ("continues"). */
static bool catenative_verb(const qdoc *d, const qunit *u)
{
    unsigned shape = sl_qlex_shape(d->text + u->start, u->end - u->start);
    if (u->cue & QC_BELIEF)
        return false;
    return (shape & QV_PAST) || (u->cue && (shape & QV_PRES));
}

/* "Clinton appeared to suggest that", "he continues to insist", "has
 * refused to disclose": a verb and "to" before the cue; the source stands
 * before that verb, and the cue takes the place of the verb's own
 * attribution ("refused" + "to disclose ..."). */
static bool catenative(const qdoc *d, sentence *s, size_t i, attr *a)
{
    if (i < s->lo + 3 || !word_is(d, i - 1, "to") || U(i - 2)->kind != QU_WORD ||
        U(i - 2)->cap || (U(i - 2)->lex & (QL_STOP | QL_DET | QL_PREP | QL_PRON)) ||
        !catenative_verb(d, U(i - 2)) || !sl_qsrc_left(d, s->lo, i - 2, &a->src))
        return false;
    if (s->nattrs && s->attrs[s->nattrs - 1].cue_lo == i - 2)
        s->nattrs--;
    a->cue_lo = i - 2;
    a->has_src = true;
    a->boundary = sl_qdoc_clause_boundary(d, s->lo, a->src.lo);
    sl_qdoc_add_attr(s, *a);
    return true;
}

static void find_verb(const qdoc *d, sentence *s, size_t i)
{
    const qunit *u = U(i);
    attr a;
    memset(&a, 0, sizeof a);
    a.cue_lo = i;
    a.cue_hi = cue_end(d, i, s->body_end);
    a.flags = u->cue;
    a.boundary = SIZE_MAX;
    if (passive(d, s, i, u->cue)) {
        sl_qshape_passive(d, s, i);
        return;
    }
    if (bare_participle(d, s, i) || parenthetical_ing(d, s, i))
        return;
    bool comma_ing = (u->cue & QC_ING) && i > s->lo && is_punct(U(i - 1), ',');
    if (!comma_ing && sl_qsrc_left(d, s->lo, i, &a.src)) {
        if (sl_qsrc_picture(d, &a.src))
            return;
        if ((u->cue & QC_WEAK) && sl_qsrc_modifier(d, &a.src))
            return; /* "three different plans", "the mayor's tax plans" */
        a.src.lo = sl_qsrc_after_quote(d, s->lo, a.src.lo);
        a.has_src = true;
        a.boundary = sl_qdoc_clause_boundary(d, s->lo, a.src.lo);
        sl_qdoc_add_attr(s, a);
        return;
    }
    if (catenative(d, s, i, &a))
        return;
    bool after_gap = i == s->lo || is_punct(U(i - 1), ',') || U(i - 1)->kind == QU_QUOTE;
    if ((u->cue & QC_INV) && !(u->cue & QC_ING) && after_gap && sl_qsrc_right(d, i + 1, s->body_end, &a.src) &&
        ends_clause(d, s, a.src.hi)) {
        a.has_src = a.src_right = true;
        a.boundary = i - 1;
        sl_qdoc_add_attr(s, a);
        return;
    }
    if (coordinated(d, s, i, &a))
        return;
    bool after_quote = i > s->lo && U(i - 1)->kind == QU_QUOTE && U(i - 1)->qlast == ',';
    if ((u->cue & QC_ING) && i > s->lo && (is_punct(U(i - 1), ',') || after_quote)) {
        a.inherit = true; /* ", adding that ...": the subject of the sentence */
        if (s->nattrs) {
            a.src = s->attrs[s->nattrs - 1].src;
            a.has_src = s->attrs[s->nattrs - 1].has_src;
        } else {
            a.has_src = sl_qsrc_subject(d, s->lo, i - 1, &a.src);
        }
        a.boundary = after_quote ? i : i - 1; /* '"A," adding that B' */
        sl_qdoc_add_attr(s, a);
    }
}

static void find_attrs(qdoc *d, sentence *s)
{
    bool headline = sl_qdoc_title_case(d, s->lo, s->body_end);
    if (headline)
        sl_qdoc_headline_cues(d, s->lo, s->body_end);
    for (size_t i = s->lo; i < s->body_end; i++) {
        const qunit *u = U(i);
        if (is_punct(u, 'D'))
            sl_qsrc_dash_signature(d, s, i);
        if (u->kind != QU_WORD)
            continue;
        if (according_at(d, i, s->body_end)) {
            find_according(d, s, i);
            i++;
        } else if (i == s->lo && word_is(d, i, "in") && sl_qshape_in_study(d, s, i)) {
            continue;
        } else if (word_is(d, i, "as") && sl_qsrc_as_clause(d, s, i)) {
            continue;
        } else if ((u->lex & QL_STANCE) && sl_qshape_stance(d, s, i)) {
            continue;
        } else if (!u->cap && !u->cue && sl_qshape_talk(d, s, i)) {
            continue;
        } else if ((u->lex & QL_CUENOUN) && !u->cap && sl_qshape_noun_cue(d, s, i)) {
            continue;
        } else if ((u->cue & QC_ACT) && !u->cap && sl_qshape_action_verb(d, s, i)) {
            sl_qshape_action(d, s, i);
        } else if (u->cue && (!(u->cap && i > s->lo && U(i - 1)->cap) ||
                              (headline && !s->nattrs && (u->cue & QC_SPEECH)))) {
            find_verb(d, s, i);
        }
    }
}

/* ---------------------------------------------------------------- contents */

/* Does units [k, m) read as an adverbial or addressee after a cue ("on
 * Monday", "in a statement", "reporters") rather than reported content? */
static bool adverbial(const qdoc *d, size_t k, size_t m, unsigned flags)
{
    if (k == m)
        return true;
    for (size_t j = k; j < m; j++)
        if (U(j)->lower_that || U(j)->kind != QU_WORD || word_is(d, j, "to") ||
            (j > k && (is_be(d, j) || sl_qshape_aux(d, j))))
            return false; /* "said this was wrong" has a verb */
    if ((flags & QC_OBJ) && m - k <= MAX_OBJ_WORDS)
        return true;
    if (sl_qphrase_after_particle(d, k, m) != k && !word_is(d, k, "on") && !word_is(d, k, "at"))
        return false; /* "spoke about the plan": the plan is reported */
    return (U(k)->lex & (QL_PREP | QL_BETWEEN)) && m - k <= MAX_TRIVIAL;
}

/* End of the adverbial part after a cue: the next comma, dash, quotation
 * or the end of the body. */
static size_t adverbial_end(const qdoc *d, size_t k, size_t end)
{
    while (k < end && U(k)->kind == QU_WORD)
        k++;
    return k;
}

/* "insisted, most recently in an interview, that ...": an adverbial
 * between commas before "that"; else the content starts after the comma. */
static size_t comma_then_that(const qdoc *d, size_t comma, size_t end)
{
    for (size_t j = comma + 1; j + 1 < end && j - comma <= 2 * MAX_LOOKAHEAD; j++) {
        if (U(j)->kind != QU_WORD && !is_punct(U(j), ','))
            break;
        if (is_punct(U(j), ','))
            return U(j + 1)->lower_that ? j + 1 : comma + 1;
    }
    return comma + 1;
}

/* Start of reported content after a cue: skips ':' and ',', and an
 * adverbial or addressee before "that" or a quotation. */
static size_t content_start_at(const qdoc *d, const attr *a, size_t end)
{
    size_t k = a->cue_hi;
    if (k < end && is_punct(U(k), ','))
        return comma_then_that(d, k, end);
    if (k < end && is_punct(U(k), ':'))
        return k + 1;
    bool adverb = k < end && (U(k)->lex & (QL_PREP | QL_BETWEEN));
    if (!adverb && !(a->flags & QC_OBJ))
        return k;
    for (size_t j = k; j < end && j - k < MAX_LOOKAHEAD; j++) {
        const qunit *u = U(j);
        if (u->lower_that)
            return j;
        if (u->kind == QU_QUOTE && (adverb || is_punct(U(j - 1), ',')))
            return j;
        if (is_punct(u, ':'))
            return j + 1;
        if (u->kind == QU_PUNCT && !is_punct(u, ','))
            break;
    }
    return k;
}

static size_t content_start(const qdoc *d, const attr *a, size_t end)
{
    size_t k = content_start_at(d, a, end);
    return k == a->cue_hi ? sl_qphrase_after_particle(d, k, end) : k;
}

/* Content on the right ends at the clause of a later attribution. */
size_t sl_qdoc_content_end(const qdoc *d, const sentence *s, size_t from)
{
    size_t end = s->body_end;
    for (size_t k = from; k < end; k++)
        if (is_punct(U(k), ';') || (k > from && is_punct(U(k), ',') && k + 1 < end &&
                                    (word_is(d, k + 1, "but") || word_is(d, k + 1, "who") ||
                                     word_is(d, k + 1, "which"))) ||
            (k > from && sl_qphrase_clause_stop(d, k, end)))
            end = k;
    for (size_t i = 0; i < s->nattrs; i++)
        if (s->attrs[i].boundary != SIZE_MAX && s->attrs[i].boundary > from &&
            s->attrs[i].boundary < end)
            end = s->attrs[i].boundary;
    return end;
}

/* Content on the left of an attribution that begins at unit `at`. */
static size_t left_content_end(const qdoc *d, size_t at)
{
    if (is_clause_gap(U(at - 1)))
        return at - 1;
    return at;
}

/* "A, SOURCE said, B" and "'A,' he said, 'B.'": content is A ... B. */
static size_t parenthetical_end(const qdoc *d, const sentence *s, size_t after)
{
    if (after + 1 < s->body_end && is_punct(U(after), ',')) {
        const qunit *next = U(after + 1);
        if (next->kind == QU_WORD && (next->cue & QC_ING))
            return SIZE_MAX; /* '"A," he said, adding ...' */
        if (next->kind == QU_WORD && !next->cap && U(s->lo)->kind == QU_QUOTE &&
            next->end - next->start > 3 && memcmp(d->text + next->end - 3, "ing", 3) == 0)
            return SIZE_MAX; /* '"A," he said, looking at ...' */
        return sl_qdoc_content_end(d, s, after + 1);
    }
    if (after < s->body_end && U(after)->kind == QU_QUOTE)
        return sl_qdoc_content_end(d, s, after);
    return SIZE_MAX;
}

static int content_left(qdoc *d, const sentence *s, const attr *a, size_t at, size_t after)
{
    if (at <= s->lo)
        return SL_OK;
    size_t hi = left_content_end(d, at);
    size_t lo = s->lo;
    size_t more = parenthetical_end(d, s, after);
    bool direct = U(lo)->kind == QU_QUOTE && U(hi - 1)->kind == QU_QUOTE;
    if (direct && (after + 1 >= s->body_end || U(after + 1)->kind != QU_QUOTE))
        more = SIZE_MAX; /* '"A," said X, the director of ...' */
    if (more != SIZE_MAX && more > hi) {
        if (!a->according && (a->flags & QC_INV) && sl_qphrase_adverbial_opening(d, lo))
            lo = is_punct(U(after), ',') ? after + 1 : after; /* "Asked why, he said, B" */
        hi = more;
    }
    return sl_qdoc_emit(d, lo, hi, a, NULL);
}

/* '"We left," she said ...': a quotation that ends in a comma, question or
 * exclamation mark right before the source is the content, whatever
 * follows the cue. */
static bool quote_before(const qdoc *d, size_t src_lo)
{
    const qunit *q = U(src_lo - 1);
    return q->kind == QU_QUOTE && (q->qlast == ',' || q->qlast == '?' || q->qlast == '!');
}

/* ", which said", ", who argued": the source opens a relative clause. */
static bool relative_source(const qdoc *d, const attr *a)
{
    return a->has_src && !a->inherit && a->src.hi == a->src.lo + 1 && a->src.lo > 0 &&
           is_punct(U(a->src.lo - 1), ',') &&
           (word_is(d, a->src.lo, "which") || word_is(d, a->src.lo, "who"));
}

static int content_of(qdoc *d, sentence *s, const attr *a)
{
    if (a->as_clause)
        return sl_qsrc_as_content(d, s, a);
    if (a->fixed) {
        size_t hi = a->content_hi != SIZE_MAX ? a->content_hi
                                              : sl_qdoc_content_end(d, s, a->content_lo);
        return sl_qdoc_emit(d, a->content_lo, hi, a, NULL);
    }
    if (a->according) {
        if (a->cue_lo > s->lo && a->boundary != SIZE_MAX)
            return content_left(d, s, a, a->cue_lo, a->src.hi);
        if (a->has_src && a->src.hi < s->body_end && is_punct(U(a->src.hi), ','))
            return sl_qdoc_emit(d, a->src.hi + 1, sl_qdoc_content_end(d, s, a->src.hi + 1), a,
                                NULL);
        return a->cue_lo > s->lo ? sl_qdoc_emit(d, s->lo, a->cue_lo, a, NULL) : SL_OK;
    }
    if (a->flags & QC_ACT) {
        size_t lo = sl_qphrase_after_particle(d, a->cue_hi, s->body_end);
        return sl_qdoc_emit(d, lo, sl_qdoc_content_end(d, s, lo), a, NULL);
    }
    if (a->src_right && a->cue_lo == s->lo && a->src.hi + 1 < s->body_end)
        return sl_qdoc_emit(d, a->src.hi + 1, sl_qdoc_content_end(d, s, a->src.hi + 1), a,
                            NULL); /* 'Said Lund: "..."' */
    if (a->src_right)
        return content_left(d, s, a, a->cue_lo, a->src.hi);
    if (!a->inherit && a->src.lo > s->lo && quote_before(d, a->src.lo))
        return content_left(d, s, a, a->src.lo, adverbial_end(d, a->cue_hi, s->body_end));
    size_t adv_end = adverbial_end(d, a->cue_hi, s->body_end);
    /* "called for a ban": after a particle comes no addressee */
    unsigned flags = a->cue_hi > a->cue_lo + 1 ? a->flags & ~(unsigned)QC_OBJ : a->flags;
    bool quote_next = adv_end < s->body_end &&
                      (U(adv_end)->kind == QU_QUOTE ||
                       (adv_end + 1 < s->body_end && !(a->flags & QC_POST) &&
                        U(adv_end + 1)->kind == QU_QUOTE));
    bool colon_next = adv_end < s->body_end && is_punct(U(adv_end), ':');
    if (!a->inherit && !quote_next && !colon_next &&
        adverbial(d, a->cue_hi, adv_end, flags) && a->src.lo > s->lo &&
        (a->flags & QC_POST) && a->boundary != SIZE_MAX)
        return content_left(d, s, a, a->src.lo, adv_end);
    if (!a->inherit && adverbial(d, a->cue_hi, adv_end, flags) && adv_end == s->body_end)
        return SL_OK; /* "he said." with nothing reported */
    size_t lo = content_start(d, a, s->body_end);
    size_t hi = sl_qdoc_content_end(d, s, lo);
    if (relative_source(d, a)) /* "X, which denied any role, was ...": to the comma */
        for (size_t k = lo + 1; k < hi; k++)
            if (is_punct(U(k), ',')) {
                hi = k;
                break;
            }
    return sl_qdoc_emit(d, lo, hi, a, NULL);
}

/* ---------------------------------------------------------------- sentences */

/* "Figueroa said the campaign planned to ...": a weak cue inside the
 * reported clause of a speech verb (or of "according to", or before a
 * closing "..., X says") is part of that content. */
static bool nested_weak(const sentence *s, size_t i)
{
    const attr *a = &s->attrs[i];
    if (!(a->flags & QC_WEAK))
        return false;
    for (size_t j = 0; j < s->nattrs; j++) {
        const attr *p = &s->attrs[j];
        if (j == i || (p->flags & QC_WEAK))
            continue;
        bool right = p->according ? p->boundary == SIZE_MAX : !p->src_right;
        size_t last = p->according && p->has_src ? p->src.hi : p->cue_hi;
        if (right && a->boundary == SIZE_MAX && p->cue_hi <= a->cue_lo)
            return true;
        /* "Leaders will discuss ..., Kremlin says." */
        if (p->boundary != SIZE_MAX && a->cue_hi <= p->boundary && last >= s->body_end)
            return true;
    }
    return false;
}

static bool quote_only(const qdoc *d, const sentence *s)
{
    return s->body_end == s->lo + 1 && U(s->lo)->kind == QU_QUOTE && U(s->lo)->words >= 2;
}

/* A quotation alone: it continues a direct quotation that the previous
 * sentence of the paragraph gave (index `chain`), or is credited to the
 * previous speaker. */
static int lone_quote(qdoc *d, const sentence *s, size_t chain)
{
    sl_quote *prev = d->nquotes ? &d->quotes[d->nquotes - 1] : NULL;
    const qunit *u = U(s->lo);
    if (chain != SIZE_MAX && !u->para) {
        d->quotes[chain].content_end = u->end;
        return SL_OK;
    }
    if (prev && u->start - prev->content_end < MAX_CONTINUE_BYTES)
        return sl_qdoc_emit(d, s->lo, s->lo + 1, NULL, prev);
    return sl_qdoc_emit(d, s->lo, s->lo + 1, NULL, NULL);
}

static void sentence_bounds(const qdoc *d, sentence *s, size_t idx)
{
    s->lo = d->sents[idx];
    s->hi = d->sents[idx + 1];
    s->body_end = s->hi;
    while (s->body_end > s->lo && U(s->body_end - 1)->kind == QU_PUNCT &&
           U(s->body_end - 1)->ch != ')')
        s->body_end--;
    s->nattrs = 0;
}

static int do_sentence(qdoc *d, sentence *s, size_t *chain)
{
    size_t before = d->nquotes;
    bool done;
    if (s->lo < d->turn_end)
        return SL_OK; /* inside a transcript turn */
    int rc = sl_qdoc_headline_colon(d, s, &done);
    if (rc || done)
        return rc;
    find_attrs(d, s);
    for (size_t i = 0; i < s->nattrs && !rc; i++)
        if (!nested_weak(s, i))
            rc = content_of(d, s, &s->attrs[i]);
    if (rc)
        return rc;
    if (d->nquotes == before && quote_only(d, s)) {
        bool extends = *chain != SIZE_MAX && !U(s->lo)->para;
        rc = lone_quote(d, s, *chain);
        if (!extends)
            *chain = d->nquotes > before ? d->nquotes - 1 : SIZE_MAX;
        return rc;
    }
    /* '"A," she said, adding that ... "B."': B continues A. */
    *chain = SIZE_MAX;
    for (size_t k = d->nquotes; k > before && *chain == SIZE_MAX; k--)
        if (d->quotes[k - 1].kind == SL_QUOTE_DIRECT)
            *chain = k - 1;
    return rc;
}

static int by_content(const void *a, const void *b)
{
    const sl_quote *x = a, *y = b;
    if (x->content_start != y->content_start)
        return x->content_start < y->content_start ? -1 : 1;
    if (x->content_end != y->content_end)
        return x->content_end > y->content_end ? -1 : 1;
    return x->cue_start < y->cue_start ? -1 : x->cue_start > y->cue_start;
}

/* Two attributions of the same content keep the first. */
static void dedupe(qdoc *d)
{
    size_t w = 0;
    for (size_t i = 0; i < d->nquotes; i++) {
        if (w && d->quotes[w - 1].content_start == d->quotes[i].content_start &&
            d->quotes[w - 1].content_end == d->quotes[i].content_end)
            continue;
        d->quotes[w++] = d->quotes[i];
    }
    d->nquotes = w;
}

static int find_all(qdoc *d)
{
    int rc = sl_qdoc_tokenize(d);
    if (rc)
        return rc;
    sl_qdoc_pair_marks(d);
    if ((rc = sl_qdoc_units(d)) || (rc = sl_qdoc_sentences(d)))
        return rc;
    size_t chain = SIZE_MAX;
    for (size_t i = 0; i < d->nsents; i++) {
        sentence s;
        sentence_bounds(d, &s, i);
        if (s.body_end > s.lo && (rc = do_sentence(d, &s, &chain)))
            return rc;
    }
    if (d->nquotes > 1)
        qsort(d->quotes, d->nquotes, sizeof *d->quotes, by_content);
    dedupe(d);
    return SL_OK;
}

int sl_quotes_find(sl_ctx *ctx, const char *text, size_t len, const sl_quote_entity *ents,
                   size_t nents, sl_quote **out, size_t *n)
{
    if (out)
        *out = NULL;
    if (n)
        *n = 0;
    if (!ctx || !out || !n || (!text && len) || (!ents && nents))
        return ctx ? sl_error(ctx, SL_EINVAL, "quotes: invalid argument") : SL_EINVAL;
    qdoc d;
    memset(&d, 0, sizeof d);
    d.ctx = ctx;
    d.text = text ? text : "";
    d.len = len;
    d.ents = ents;
    d.nents = nents;
    int rc = find_all(&d);
    sl_free(ctx, d.toks);
    sl_free(ctx, d.units);
    sl_free(ctx, d.sents);
    if (rc) {
        sl_free(ctx, d.quotes);
        return rc;
    }
    if (d.nquotes == 0) {
        sl_free(ctx, d.quotes);
        d.quotes = NULL;
    }
    *out = d.quotes;
    *n = d.nquotes;
    return SL_OK;
}

const char *sl_quote_kind_name(sl_quote_kind kind)
{
    switch (kind) {
    case SL_QUOTE_DIRECT: return "direct";
    case SL_QUOTE_PARTIAL: return "partial";
    case SL_QUOTE_INDIRECT: return "indirect";
    case SL_QUOTE_ACCORDING: return "according";
    case SL_QUOTE_BELIEF: return "belief";
    }
    return "unknown";
}
