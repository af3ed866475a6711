/* Tokens, quote-mark pairing, units and sentences for the quote finder.
 *
 * A token is a word, a punctuation mark or a quote mark.  Quote marks are
 * paired into top-level quotations: a quotation may hold nested quotes and
 * may run over paragraphs when the next paragraph reopens it without the
 * previous one closing it (the newspaper convention).  A unit is then a
 * word, a punctuation mark or a whole top-level quotation, and sentences
 * are runs of units, so a quotation never splits a sentence. */
#include "facts/quotes_internal.h"

#include <string.h>

enum { MAX_DEPTH = 16 };

/* ---------------------------------------------------------------- characters */

static bool is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF;
}

static bool is_break_cp(int32_t cp)
{
    return cp == '\n' || cp == 0x2028 || cp == 0x2029;
}

static bool is_double_mark(int32_t cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB;
}

static bool is_single_mark(int32_t cp)
{
    return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x2039 ||
           cp == 0x203A;
}

/* Letters and digits; invalid bytes (-1) count as letters so that a broken
 * byte never splits text into odd tokens. */
static bool is_word_cp(int32_t cp)
{
    if (cp < 0)
        return true;
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return false;
    if (cp >= 0x2000 && cp <= 0x2BFF)
        return false;
    return !(cp >= 0x3000 && cp <= 0x303F);
}

static bool is_upper_cp(int32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
           (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

static int32_t cp_at(const qdoc *d, size_t i, size_t *adv)
{
    if (i >= d->len) {
        *adv = 0;
        return 0;
    }
    return sl_utf8_decode(d->text + i, d->len - i, adv);
}

/* The code point that ends just before byte i (0 at the start). */
static int32_t cp_before(const qdoc *d, size_t i)
{
    if (i == 0)
        return 0;
    size_t j = i - 1, adv;
    while (j > 0 && i - j < 4 && ((unsigned char)d->text[j] & 0xC0) == 0x80)
        j--;
    int32_t cp = sl_utf8_decode(d->text + j, i - j, &adv);
    return j + adv == i ? cp : -1;
}

/* ---------------------------------------------------------------- tokens */

static int push_tok(qdoc *d, qtok t)
{
    if (d->ntoks >= UINT32_MAX - 1)
        return sl_error(d->ctx, SL_ELIMIT, "quotes: too many tokens");
    int rc = sl_grow(d->ctx, (void **)&d->toks, &d->tokcap, d->ntoks + 1, sizeof t);
    if (rc)
        return rc;
    d->toks[d->ntoks++] = t;
    return SL_OK;
}

/* A connector inside a word: apostrophes and hyphens before a letter, and
 * dots inside numbers and acronyms ("3.5", "U.S"). */
static bool joins_word(const qdoc *d, int32_t cp, size_t next)
{
    if (cp != '\'' && cp != 0x2019 && cp != '-' && cp != '.' && cp != '&')
        return false;
    size_t adv;
    int32_t n = cp_at(d, next, &adv);
    return adv && n >= 0 && is_word_cp(n);
}

/* The end of the word that starts at i. */
static size_t scan_word(const qdoc *d, size_t i, bool *dotted)
{
    size_t adv;
    *dotted = false;
    for (;;) {
        int32_t cp = cp_at(d, i, &adv);
        if (!adv)
            return i;
        if (is_word_cp(cp)) {
            i += adv;
        } else if (joins_word(d, cp, i + adv)) {
            *dotted |= cp == '.';
            i += adv;
        } else {
            return i;
        }
    }
}

/* A trailing dot belongs to abbreviations, initials and dotted acronyms. */
static bool takes_dot(const qdoc *d, size_t start, size_t end, bool dotted)
{
    if (end >= d->len || d->text[end] != '.')
        return false;
    size_t adv;
    int32_t first = cp_at(d, start, &adv);
    if (start + adv == end && is_upper_cp(first))
        return true; /* an initial: "J." */
    return dotted || sl_qlex_is_abbrev(d->text + start, end - start);
}

static int add_word(qdoc *d, size_t *pos, bool para)
{
    size_t start = *pos, adv;
    bool dotted;
    size_t end = scan_word(d, start, &dotted);
    if (takes_dot(d, start, end, dotted))
        end++;
    int32_t first = cp_at(d, start, &adv);
    qtok t = { start, end, 0, SL_QNONE, QT_WORD, is_upper_cp(first), para, 0, 0 };
    *pos = end;
    return push_tok(d, t);
}

static bool opens_after(int32_t prev)
{
    return prev == 0 || is_space_cp(prev) || is_break_cp(prev) || prev == '(' || prev == '[' ||
           prev == '{' || prev == '/' || prev == 0x2014 || prev == 0x2013 || prev == '-' ||
           prev == ':' || is_double_mark(prev) || is_single_mark(prev);
}

static int add_mark(qdoc *d, size_t *pos, int32_t cp, size_t adv, bool para)
{
    size_t start = *pos, nadv;
    int32_t next = cp_at(d, start + adv, &nadv);
    int32_t prev = cp_before(d, start);
    bool next_blank = !nadv || is_space_cp(next) || is_break_cp(next);
    qtok t = { start, start + adv, (uint32_t)cp, SL_QNONE, QT_MARK, 0, para, 0, 0 };
    t.can_open = opens_after(prev) && !next_blank;
    t.can_close = !opens_after(prev) || next_blank;
    *pos = start + adv;
    return push_tok(d, t);
}

static int add_punct(qdoc *d, size_t *pos, int32_t cp, size_t adv, bool para)
{
    qtok t = { *pos, *pos + adv, (uint32_t)(cp < 0 ? 0xFFFD : cp), SL_QNONE, QT_PUNCT, 0, para, 0, 0 };
    *pos += adv;
    return push_tok(d, t);
}

int sl_qdoc_tokenize(qdoc *d)
{
    size_t pos = 0;
    bool para = true;
    while (pos < d->len) {
        size_t adv;
        int32_t cp = cp_at(d, pos, &adv);
        int rc;
        if (is_break_cp(cp)) {
            para = true;
            pos += adv;
            continue;
        }
        if (is_space_cp(cp)) {
            pos += adv;
            continue;
        }
        if (is_word_cp(cp))
            rc = add_word(d, &pos, para);
        else if ((cp == '\'' || cp == '`') && pos + 1 < d->len && d->text[pos + 1] == (char)cp)
            rc = add_mark(d, &pos, '"', 2, para); /* '' and `` as double marks */
        else if (is_double_mark(cp) || is_single_mark(cp))
            rc = add_mark(d, &pos, cp, adv, para);
        else
            rc = add_punct(d, &pos, cp, adv, para);
        if (rc)
            return rc;
        para = false;
    }
    return SL_OK;
}

/* ---------------------------------------------------------------- pairing */

typedef struct mark_stack {
    uint32_t tok[MAX_DEPTH];
    size_t depth;
} mark_stack;

/* Does mark t (code point cp) close the opening mark with code point open? */
static bool closes(const qtok *t, uint32_t open)
{
    uint32_t cp = t->cp;
    if (!t->can_close)
        return false;
    if (is_double_mark((int32_t)open) != is_double_mark((int32_t)cp))
        return false;
    if (open == 0xAB) return cp == 0xBB;
    if (open == 0xBB) return cp == 0xAB;
    if (open == 0x201E) return cp == 0x201C || cp == 0x201D;
    if (open == 0x201A) return cp == 0x2018 || cp == 0x2019;
    if (open == 0x2039) return cp == 0x203A;
    if (open == 0x203A) return cp == 0x2039;
    if (open == 0x201C) return cp == 0x201D || cp == '"';
    if (open == 0x2018) return cp == 0x2019 || cp == '\'';
    if (open == '"') return cp == '"' || cp == 0x201D;
    if (open == '\'') return cp == '\'' || cp == 0x2019;
    return cp == open;
}

static bool can_be_opener(const qtok *t)
{
    uint32_t cp = t->cp;
    if (!t->can_open)
        return false;
    /* A right-hand mark opens only in styles that use it so (Swedish ”, »). */
    return cp != 0x2019 || !t->can_close;
}

/* Is the first token of the paragraph that begins at token i an opening
 * double mark (the previous paragraph's quotation goes on)? */
static bool reopens(const qdoc *d, size_t i)
{
    return i < d->ntoks && d->toks[i].kind == QT_MARK && is_double_mark((int32_t)d->toks[i].cp) &&
           d->toks[i].can_open;
}

/* Is token i a word in capitals only ("WALLACE", "Q")? */
static bool all_caps(const qdoc *d, size_t i)
{
    const qtok *t = &d->toks[i];
    if (t->kind != QT_WORD)
        return false;
    for (size_t k = t->start; k < t->end; k++)
        if (d->text[k] < 'A' || d->text[k] > 'Z')
            return false;
    return true;
}

/* Does the paragraph mark at token i open a new turn of a transcript
 * ('"HOST: ...', '"(CROSSTALK)') rather than go on with the quotation? */
static bool new_turn(const qdoc *d, size_t i)
{
    size_t k = i + 1;
    if (k < d->ntoks && d->toks[k].kind == QT_PUNCT && d->toks[k].cp == '(')
        return true;
    while (k < d->ntoks && k - i <= 3 && all_caps(d, k))
        k++;
    return k > i + 1 && k < d->ntoks && d->toks[k].kind == QT_PUNCT && d->toks[k].cp == ':';
}

static bool has_double(const qdoc *d, const mark_stack *st)
{
    for (size_t k = 0; k < st->depth; k++)
        if (is_double_mark((int32_t)d->toks[st->tok[k]].cp))
            return true;
    return false;
}

static void on_mark(qdoc *d, mark_stack *st, size_t i)
{
    qtok *t = &d->toks[i];
    for (size_t k = st->depth; k-- > 0;) {
        if (closes(t, d->toks[st->tok[k]].cp)) {
            if (k == 0)
                d->toks[st->tok[0]].mate = (uint32_t)i;
            st->depth = k;
            return;
        }
        if (is_double_mark((int32_t)d->toks[st->tok[k]].cp))
            break; /* a single mark never closes past an open double */
    }
    if (!can_be_opener(t))
        return;
    if (is_double_mark((int32_t)t->cp) && !has_double(d, st))
        st->depth = 0; /* drop dangling single marks ("'90s") under a real quotation */
    if (st->depth < MAX_DEPTH)
        st->tok[st->depth++] = (uint32_t)i;
}

void sl_qdoc_pair_marks(qdoc *d)
{
    mark_stack st = { { 0 }, 0 };
    for (size_t i = 0; i < d->ntoks; i++) {
        qtok *t = &d->toks[i];
        if (t->para && i > 0 && st.depth) {
            bool go_on = is_double_mark((int32_t)d->toks[st.tok[0]].cp) && reopens(d, i) &&
                         !new_turn(d, i);
            st.depth = go_on ? 1 : 0;
            if (go_on)
                continue; /* the reopening mark is part of the quotation */
        }
        if (t->kind == QT_MARK)
            on_mark(d, &st, i);
    }
}

/* ---------------------------------------------------------------- units */

static int push_unit(qdoc *d, qunit u)
{
    int rc = sl_grow(d->ctx, (void **)&d->units, &d->unitcap, d->nunits + 1, sizeof u);
    if (rc)
        return rc;
    d->units[d->nunits++] = u;
    return SL_OK;
}

static char punct_char(uint32_t cp)
{
    if (cp < 0x80)
        return (char)cp;
    if (cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x2012)
        return 'D';
    if (cp == 0x2026)
        return 'E';
    return '?' + 1; /* '@': other symbols */
}

static bool ends_possessive(const char *w, size_t n)
{
    if (n >= 2 && w[n - 1] == 's' && w[n - 2] == '\'')
        return true;
    return n >= 4 && w[n - 1] == 's' && memcmp(w + n - 4, "\xE2\x80\x99", 3) == 0;
}

static qunit word_unit(const qdoc *d, const qtok *t)
{
    qunit u;
    memset(&u, 0, sizeof u);
    const char *w = d->text + t->start;
    size_t n = t->end - t->start;
    u.start = t->start;
    u.end = t->end;
    u.kind = QU_WORD;
    u.cap = t->cap;
    u.para = t->para;
    unsigned lex, cue;
    sl_qlex_word(w, n, &lex, &cue);
    u.lex = (uint16_t)lex;
    u.cue = (uint8_t)cue;
    u.poss = ends_possessive(w, n);
    u.lower_that = sl_qlex_word_is(w, n, "that");
    return u;
}

/* The last ASCII punctuation inside a quotation, before its closing mark. */
static char last_inner_punct(const qdoc *d, size_t open, size_t close)
{
    for (size_t k = close; k-- > open + 1;) {
        const qtok *t = &d->toks[k];
        if (t->kind == QT_MARK)
            continue;
        if (t->kind == QT_PUNCT && t->cp < 0x80)
            return (char)t->cp;
        if (t->kind == QT_WORD && d->text[t->end - 1] == '.')
            return '.';
        return 0;
    }
    return 0;
}

static qunit quote_unit(const qdoc *d, size_t open)
{
    const qtok *t = &d->toks[open];
    size_t close = t->mate;
    qunit u;
    memset(&u, 0, sizeof u);
    u.start = t->start;
    u.end = d->toks[close].end;
    u.kind = QU_QUOTE;
    u.para = t->para;
    for (size_t k = open + 1; k < close; k++)
        u.words += d->toks[k].kind == QT_WORD;
    u.qlast = last_inner_punct(d, open, close);
    return u;
}

/* A lowercase word that reads as a verb or an auxiliary ("joined", "have"). */
static bool verb_shaped(const qdoc *d, const qunit *u)
{
    if (u->lex & (QL_STOP | QL_BETWEEN))
        return true;
    return (sl_qlex_shape(d->text + u->start, u->end - u->start) & QV_PAST) != 0;
}

/* "The memo states that the fee ...": an "-s" form of a verb that is more
 * often a noun ("states", "claims") is a cue right before "that" and a
 * clause with its own subject (not "the states that joined"). */
static void verbs_before_that(qdoc *d)
{
    for (size_t i = 0; i + 2 < d->nunits; i++) {
        qunit *u = &d->units[i];
        const qunit *next = &d->units[i + 2];
        bool subject = next->kind == QU_QUOTE ||
                       (next->kind == QU_WORD && (next->cap || (next->lex & (QL_DET | QL_PRON)) ||
                                                  !verb_shaped(d, next)));
        if (d->units[i + 1].lower_that && subject && u->kind == QU_WORD && !u->cue && !u->cap &&
            !u->lex)
            u->cue = (uint8_t)sl_qlex_cue_before_that(d->text + u->start, u->end - u->start);
    }
}

int sl_qdoc_units(qdoc *d)
{
    for (size_t i = 0; i < d->ntoks; i++) {
        const qtok *t = &d->toks[i];
        qunit u;
        if (t->kind == QT_MARK && t->mate != SL_QNONE) {
            u = quote_unit(d, i);
            i = t->mate;
        } else if (t->kind == QT_WORD) {
            u = word_unit(d, t);
        } else if (t->kind == QT_PUNCT) {
            memset(&u, 0, sizeof u);
            u.start = t->start;
            u.end = t->end;
            u.kind = QU_PUNCT;
            u.para = t->para;
            u.ch = punct_char(t->cp);
        } else {
            if (t->para && i + 1 < d->ntoks)
                d->toks[i + 1].para = 1; /* the paragraph starts after a stray mark */
            continue;
        }
        int rc = push_unit(d, u);
        if (rc)
            return rc;
    }
    verbs_before_that(d);
    return SL_OK;
}

/* ---------------------------------------------------------------- sentences */

static bool starts_sentence(const qunit *u, const qdoc *d)
{
    if (u->kind == QU_QUOTE || u->cap)
        return true;
    if (u->kind == QU_WORD) {
        char c = d->text[u->start];
        return c >= '0' && c <= '9';
    }
    return u->kind == QU_PUNCT && (u->ch == '(' || u->ch == '[');
}

static bool ends_sentence(const qunit *u)
{
    if (u->kind == QU_PUNCT)
        return u->ch == '.' || u->ch == '!' || u->ch == '?' || u->ch == 'E';
    if (u->kind == QU_QUOTE)
        return u->qlast == '.' || u->qlast == '!' || u->qlast == '?';
    return false;
}

static int push_sent(qdoc *d, size_t first)
{
    int rc = sl_grow(d->ctx, (void **)&d->sents, &d->sentcap, d->nsents + 1, sizeof first);
    if (rc)
        return rc;
    d->sents[d->nsents++] = first;
    return SL_OK;
}

/* '"Why now?" Lund asked.': a quotation that ends in a question or
 * exclamation mark does not end the sentence when its attribution follows
 * (a few words that end in a reporting verb, or the verb first). */
static bool attribution_follows(const qdoc *d, size_t i)
{
    for (size_t k = i; k < d->nunits && k - i < 6; k++) {
        const qunit *u = &d->units[k];
        if (u->kind != QU_WORD || (k > i && u->para))
            return false;
        if ((u->cue & QC_SPEECH) && (u->cue & (QC_INV | QC_POST)) && !u->cap)
            return k + 1 >= d->nunits || d->units[k + 1].kind != QU_WORD ||
                   k == i || !(d->units[k + 1].lex & QL_DET);
    }
    return false;
}

int sl_qdoc_sentences(qdoc *d)
{
    for (size_t i = 0; i < d->nunits; i++) {
        const qunit *u = &d->units[i];
        bool brk = i == 0 || u->para ||
                   (ends_sentence(&d->units[i - 1]) && starts_sentence(u, d) &&
                    !(d->units[i - 1].kind == QU_QUOTE && d->units[i - 1].qlast != '.' &&
                      attribution_follows(d, i)));
        if (brk) {
            int rc = push_sent(d, i);
            if (rc)
                return rc;
        }
    }
    int rc = push_sent(d, d->nunits);
    if (rc)
        return rc;
    d->nsents--; /* the sentinel is not a sentence */
    return SL_OK;
}

/* ---------------------------------------------------------------- layouts */

/* "Senator Says Talks Failed": units [lo, end) are a headline in title
 * case (every lowercase word a function word) at the start of a paragraph. */
bool sl_qdoc_title_case(const qdoc *d, size_t lo, size_t end)
{
    if (!d->units[lo].para && lo > 0)
        return false;
    size_t caps = 0;
    for (size_t i = lo; i < end; i++) {
        const qunit *u = &d->units[i];
        if (u->kind != QU_WORD)
            continue;
        if (u->cap)
            caps++;
        else if (!(u->lex & QL_STOP))
            return false;
    }
    return caps >= 3;
}

/* Capitalised words get no lemma lookup (names are no verbs); in a
 * headline they may be cues: "Senator Says ...". */
void sl_qdoc_headline_cues(qdoc *d, size_t lo, size_t end)
{
    for (size_t i = lo; i < end; i++) {
        qunit *u = &d->units[i];
        if (u->kind == QU_WORD && u->cap && !u->cue && !u->lex)
            u->cue = (uint8_t)sl_qlex_cue_folded(d->text + u->start, u->end - u->start);
    }
}

/* "WALLACE:" in capitals (units [lo, colon)): a turn of a transcript. */
bool sl_qdoc_transcript_label(const qdoc *d, size_t lo, size_t colon)
{
    for (size_t k = lo; k < colon; k++)
        for (size_t b = d->units[k].start; b < d->units[k].end; b++)
            if (d->text[b] < 'A' || d->text[b] > 'Z')
                return false;
    return true;
}

/* Does the paragraph at unit i go on with a transcript turn: it opens
 * with a stray double mark ('"And ...') and no label of its own? */
static bool turn_goes_on(const qdoc *d, size_t i)
{
    if (i >= d->nunits || d->units[i].start == 0 || d->units[i].kind != QU_WORD)
        return false;
    size_t at = d->units[i].start;
    bool mark = d->text[at - 1] == '"' ||
                (at >= 3 && memcmp(d->text + at - 3, "\xE2\x80\x9C", 3) == 0);
    size_t k = i;
    while (k < d->nunits && k - i < 3 && d->units[k].kind == QU_WORD && d->units[k].cap)
        k++;
    bool label = k > i && k < d->nunits && d->units[k].kind == QU_PUNCT &&
                 d->units[k].ch == ':' && sl_qdoc_transcript_label(d, i, k);
    return mark && !label;
}

/* The end of a transcript turn whose first sentence ends at unit `from`:
 * the end of its paragraph, and of the paragraphs that go on with it. */
size_t sl_qdoc_turn_end(const qdoc *d, size_t from)
{
    size_t end = from;
    do {
        while (end < d->nunits && !d->units[end].para)
            end++;
    } while (turn_goes_on(d, end) && ++end < d->nunits);
    return end;
}

/* Is unit i the punctuation mark c? */
static bool is_mark(const qdoc *d, size_t i, char c)
{
    return d->units[i].kind == QU_PUNCT && d->units[i].ch == c;
}

/* "Pat Caddell: voters are worried" at the start of a paragraph; a label
 * in capitals ("HOST:") starts a transcript turn. */
int sl_qdoc_headline_colon(qdoc *d, const sentence *s, bool *done)
{
    const qunit *u = d->units;
    *done = false;
    if (!u[s->lo].para)
        return SL_OK;
    size_t k = s->lo;
    while (k < s->body_end && k - s->lo < 6 && u[k].kind == QU_WORD && u[k].cap &&
           !(u[k].lex & (QL_NOTNAME | QL_PRON)))
        k++;
    if (k == s->lo || k + 1 >= s->body_end || !is_mark(d, k, ':'))
        return SL_OK;
    if (k - s->lo > 4 && u[k + 1].kind != QU_QUOTE)
        return SL_OK;
    bool turn = sl_qdoc_transcript_label(d, s->lo, k);
    attr a;
    memset(&a, 0, sizeof a);
    a.cue_lo = k;
    a.cue_hi = k + 1;
    a.has_src = a.according = true;
    a.src.lo = s->lo;
    a.src.hi = k;
    *done = true;
    if (!turn)
        return sl_qdoc_emit(d, k + 1, s->body_end, &a, NULL);
    /* "HOST: Welcome. Why now?": the turn runs to the end of the paragraph,
     * its last mark included. */
    size_t end = sl_qdoc_turn_end(d, s->hi);
    d->turn_end = end;
    size_t n = d->nquotes;
    int rc = sl_qdoc_emit(d, k + 1, end, &a, NULL);
    if (!rc && d->nquotes > n && d->units[end - 1].kind == QU_PUNCT)
        d->quotes[n].content_end = d->units[end - 1].end;
    return rc;
}
