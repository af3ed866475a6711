/* Finding time expressions: every token that may start a rule (by the
 * start index) is tried against those rules with a small backtracking
 * matcher; the longest match wins (the earlier rule on a tie), and when its
 * fields do not make a valid value ("February 30") the next one is tried. */
#include "facts/timex_internal.h"

#include <string.h>

enum { MAX_CANDIDATES = 32, STEP_LIMIT = 4096, TENSE_BACK = 12, TENSE_AHEAD = 8 };
/* How far (in tokens) a rule's anchor may be from where the match starts;
 * longer optional prefixes than this are not supported. */
enum { ANCHOR_REACH = 16 };

typedef struct matcher {
    const sl_timex_rules *r;
    const char *text;
    const tx_token *toks;
    size_t ntok;
    size_t start;    /* token where the current match began */
    size_t best_end; /* one past the last token of the best match so far */
    tx_slots best;
    unsigned steps;
    uint64_t reach;   /* lists beginning within ANCHOR_REACH tokens of start */
    size_t reach_end;
    uint64_t reach_words; /* bit (id % 64) of the words within reach */
    const uint64_t *tok_lists; /* per token: the lists its word begins */
    size_t anchor_tok; /* first token of the last full date */
    tx_slots empty;    /* all unset: run leaves every slot as it found it */
} matcher;

/* What is left to match: the rest of a sequence, then what follows it. */
typedef struct cont {
    const tx_seq *seq;
    uint32_t idx;
    const struct cont *next;
} cont;

static bool glue_punct(char c)
{
    return c == '-' || c == '/' || c == ':' || c == '\'';
}

static char punct_of(const matcher *m, size_t t)
{
    return m->toks[t].kind == TX_TOK_PUNCT ? m->text[m->toks[t].start] : 0;
}

/* Token t may continue the match: punctuation is written without a space
 * before it, the token after - / : ' follows without a space, and a match
 * does not run across a blank line. */
static bool token_ok(const matcher *m, size_t t)
{
    if (t >= m->ntok)
        return false;
    if (t == m->start)
        return true;
    const tx_token *k = &m->toks[t];
    if (k->flags & TX_TF_PARA)
        return false;
    if (k->kind == TX_TOK_PUNCT && (k->flags & TX_TF_SPACE))
        return false;
    char prev = punct_of(m, t - 1);
    if (prev && glue_punct(prev) && (k->flags & TX_TF_SPACE))
        return false;
    return true;
}

static bool cap_ok(const tx_token *k, bool need_cap)
{
    return !need_cap || (k->flags & TX_TF_UPPER);
}

/* A digit run followed by a thousands comma ("2,022") or by decimals
 * ("2082.1") is not a number on its own.  (A full stop may end a German day: "16.12.2021"; a match
 * starting after a decimal point is refused by bad_number_start.) */
static bool number_continues(const matcher *m, size_t t)
{
    if (t + 2 >= m->ntok)
        return false;
    const tx_token *p = &m->toks[t + 1], *n = &m->toks[t + 2];
    char c = punct_of(m, t + 1);
    if (p->flags & TX_TF_SPACE || n->kind != TX_TOK_NUM || n->flags & TX_TF_SPACE)
        return false;
    /* "2,022"; "2082.1" (an index, not a year; "16.12." stays a day and
     * "2012.08.08" a date) */
    if (c == ',')
        return n->ndigits == 3;
    bool dotted_date = n->ndigits == 2 && t + 4 < m->ntok && punct_of(m, t + 3) == '.' &&
                       m->toks[t + 4].kind == TX_TOK_NUM && m->toks[t + 4].ndigits == 2;
    return c == '.' && m->toks[t].ndigits >= 3 && !dotted_date;
}

static bool num_ok(const matcher *m, const tx_node *nd, size_t t)
{
    const tx_token *k = &m->toks[t];
    return k->kind == TX_TOK_NUM && k->num >= nd->lo && k->num <= nd->hi &&
           (!nd->width || k->ndigits == nd->width) && !number_continues(m, t);
}

/* Length in tokens of list entry e at token t, or 0. */
static size_t entry_len(const matcher *m, const tx_entry *e, size_t t)
{
    const sl_timex_rules *r = m->r;
    if (!cap_ok(&m->toks[t], e->need_cap))
        return 0;
    for (uint32_t i = 0; i < e->count; i++) {
        if (i && !token_ok(m, t + i))
            return 0;
        if (t + i >= m->ntok || m->toks[t + i].word != (int32_t)r->entry_words[e->first + i])
            return 0;
    }
    return e->count;
}

/* First entry of list l whose first word is w (entries are sorted). */
static size_t list_lower_bound(const sl_timex_rules *r, const tx_list *l, int32_t w)
{
    size_t lo = 0, hi = l->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((int32_t)r->entry_words[r->entries[l->first + mid].first] < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does node nd (not a group) match at t, for look-ahead? */
static bool peek(const matcher *m, const tx_node *nd, size_t t)
{
    if (t >= m->ntok || (m->toks[t].flags & TX_TF_PARA))
        return false;
    const tx_token *k = &m->toks[t];
    switch (nd->kind) {
    case TX_NODE_WORD:
        return k->word == (int32_t)nd->arg && cap_ok(k, nd->need_cap);
    case TX_NODE_NUM:
        return num_ok(m, nd, t);
    case TX_NODE_LOWER:
        return k->kind == TX_TOK_WORD && !(k->flags & TX_TF_UPPER);
    case TX_NODE_LIST: {
        const tx_list *l = &m->r->lists[nd->arg];
        if (k->word < 0 || !((m->r->words[k->word].lists >> nd->arg) & 1))
            return false;
        for (size_t e = list_lower_bound(m->r, l, k->word); e < l->count; e++) {
            const tx_entry *en = &m->r->entries[l->first + e];
            if ((int32_t)m->r->entry_words[en->first] != k->word)
                break;
            if (entry_len(m, en, t))
                return true;
        }
        return false;
    }
    default:
        return false;
    }
}

static void run(matcher *m, const cont *k, size_t t, tx_slots *s);

static void run_with_slot(matcher *m, const cont *rest, size_t t, tx_slots *s, uint8_t slot,
                          const char *str, int64_t num)
{
    if (!slot) {
        run(m, rest, t, s);
        return;
    }
    tx_slotval saved = s->v[slot];
    s->v[slot] = (tx_slotval){ str, num, true };
    run(m, rest, t, s);
    s->v[slot] = saved;
}

static void run_list(matcher *m, const tx_node *nd, const cont *rest, size_t t, tx_slots *s)
{
    const sl_timex_rules *r = m->r;
    const tx_list *l = &r->lists[nd->arg];
    int32_t w = m->toks[t].word;
    if (w < 0 || !((r->words[w].lists >> nd->arg) & 1))
        return; /* no entry of the list begins with the word */
    for (size_t e = list_lower_bound(r, l, w); e < l->count; e++) {
        const tx_entry *en = &r->entries[l->first + e];
        if ((int32_t)r->entry_words[en->first] != w)
            break;
        size_t n = entry_len(m, en, t);
        if (n)
            run_with_slot(m, rest, t + n, s, nd->slot, r->pool + en->value, en->num);
    }
}

static void run(matcher *m, const cont *k, size_t t, tx_slots *s)
{
    if (++m->steps > STEP_LIMIT)
        return;
    while (k && k->idx == k->seq->count)
        k = k->next;
    if (!k) {
        if (t > m->best_end) {
            m->best_end = t;
            m->best = *s;
        }
        return;
    }
    const sl_timex_rules *r = m->r;
    const tx_node *nd = &r->nodes[k->seq->first + k->idx];
    cont rest = { k->seq, k->idx + 1, k->next };
    if (nd->look == '<' || nd->look == 'N') { /* the token before must (not) be nd */
        bool before = t > 0 && !(m->toks[t].flags & TX_TF_PARA) && peek(m, nd, t - 1);
        if (before == (nd->look == '<'))
            run(m, &rest, t, s);
        return;
    }
    if (nd->look) {
        if (peek(m, nd, t) == (nd->look == '&'))
            run(m, &rest, t, s);
        return;
    }
    if (nd->optional)
        run(m, &rest, t, s);
    if (nd->kind == TX_NODE_GROUP) {
        for (uint32_t a = 0; a < nd->nalt; a++) {
            cont inner = { &r->seqs[nd->arg + a], 0, &rest };
            run(m, &inner, t, s);
        }
        return;
    }
    if (!token_ok(m, t))
        return;
    const tx_token *tok = &m->toks[t];
    switch (nd->kind) {
    case TX_NODE_WORD:
        if (tok->word == (int32_t)nd->arg && cap_ok(tok, nd->need_cap))
            run(m, &rest, t + 1, s);
        break;
    case TX_NODE_NUM:
        if (num_ok(m, nd, t))
            run_with_slot(m, &rest, t + 1, s, nd->slot, NULL, tok->num);
        break;
    case TX_NODE_LOWER:
        if (tok->kind == TX_TOK_WORD && !(tok->flags & TX_TF_UPPER))
            run(m, &rest, t + 1, s);
        break;
    default:
        run_list(m, nd, &rest, t, s);
        break;
    }
}

/* ---- candidates at one token ---------------------------------------- */

typedef struct tx_candidate {
    uint32_t rule;
    size_t end;
    tx_slots slots;
} candidate;

/* A number glued to a preceding digit, currency sign or decimal point is
 * inside something else ("$2021", "1.2021", "3-4"). */
static bool bad_number_start(const matcher *m, size_t t)
{
    if (m->toks[t].kind != TX_TOK_NUM || t == 0 || (m->toks[t].flags & TX_TF_SPACE))
        return false;
    char c = punct_of(m, t - 1);
    return m->toks[t - 1].kind == TX_TOK_NUM || (c && strchr("$.,:/-+?#", c));
}

/* Can the rule's anchor word or list be within reach of the start?
 * m->reach holds the lists that begin within reach. */
static bool anchor_near(const matcher *m, const tx_rule *ru)
{
    if (ru->anchor_kind == TX_NODE_LIST + 1)
        return (m->reach >> ru->anchor) & 1;
    if (ru->anchor_kind != TX_NODE_WORD + 1)
        return true;
    if (!((m->reach_words >> (ru->anchor % 64)) & 1))
        return false;
    for (size_t t = m->start; t < m->reach_end; t++)
        if ((uint32_t)m->toks[t].word == ru->anchor)
            return true;
    return false;
}

static void set_reach(matcher *m)
{
    m->reach = m->reach_words = 0;
    m->reach_end = m->start + ANCHOR_REACH < m->ntok ? m->start + ANCHOR_REACH : m->ntok;
    for (size_t t = m->start; t < m->reach_end; t++) {
        int32_t w = m->toks[t].word;
        m->reach |= m->tok_lists[t];
        m->reach_words |= w >= 0 ? UINT64_C(1) << ((uint32_t)w % 64) : 0;
    }
}

static void try_rule(matcher *m, uint32_t rule, candidate *c, size_t *nc)
{
    const tx_rule *ru = &m->r->rules[rule];
    if (!anchor_near(m, ru))
        return;
    m->best_end = 0;
    m->steps = 0;
    cont top = { &m->r->seqs[ru->seq], 0, NULL };
    run(m, &top, m->start, &m->empty);
    if (m->best_end > m->start && *nc < MAX_CANDIDATES) {
        c[*nc].rule = rule;
        c[*nc].end = m->best_end;
        c[*nc].slots = m->best;
        (*nc)++;
    }
}

/* Try every rule that may start at token t, in rule order. */
static size_t collect(matcher *m, size_t t, candidate *c)
{
    const sl_timex_rules *r = m->r;
    size_t nc = 0;
    m->start = t;
    const uint32_t *a = NULL, *b = r->num_rules;
    size_t na = 0, nb = m->toks[t].kind == TX_TOK_NUM ? r->nnum_rules : 0;
    if (nb && bad_number_start(m, t))
        return 0;
    if (m->toks[t].word >= 0) {
        a = r->start_rules + r->start_index[m->toks[t].word];
        na = r->start_index[m->toks[t].word + 1] - r->start_index[m->toks[t].word];
    }
    if (na || nb)
        set_reach(m);
    size_t i = 0, j = 0;
    while (i < na || j < nb) {
        uint32_t rule;
        if (j >= nb || (i < na && a[i] < b[j]))
            rule = a[i++];
        else if (i >= na || b[j] < a[i])
            rule = b[j++];
        else
            rule = a[i++], j++;
        try_rule(m, rule, c, &nc);
    }
    return nc;
}

/* ---- tense ---------------------------------------------------------- */

static bool sentence_break(const matcher *m, size_t t)
{
    /* Token t begins a new sentence. */
    if (m->toks[t].flags & TX_TF_PARA)
        return true;
    if (t == 0)
        return false;
    char c = punct_of(m, t - 1);
    return (c == '.' || c == '!' || c == '?') && (m->toks[t].flags & TX_TF_UPPER) &&
           (m->toks[t].flags & TX_TF_SPACE);
}

static int token_cue(const matcher *m, size_t t)
{
    const tx_token *k = &m->toks[t];
    if (k->kind != TX_TOK_WORD)
        return 0;
    if (k->word >= 0 && m->r->words[k->word].cue)
        return m->r->words[k->word].cue == 1 ? -1 : m->r->words[k->word].cue == 2 ? 1 : 0;
    size_t len = k->end - k->start;
    for (size_t i = 0; i < m->r->npast_suffix; i++) {
        const char *suf = m->r->pool + m->r->past_suffix[i];
        size_t sl = strlen(suf);
        if (len >= sl + 3) {
            char low[TX_MAX_WORD];
            if (tx_lower(m->text + k->end - sl, sl, low, sizeof low) && memcmp(low, suf, sl) == 0)
                return -1;
        }
    }
    return 0;
}

/* No sentence begins in tokens (a, b]. */
static bool same_sentence(const matcher *m, size_t a, size_t b)
{
    for (size_t t = a + 1; t <= b && t < m->ntok; t++)
        if (sentence_break(m, t))
            return false;
    return true;
}

/* A future cue one or two tokens before t: the past participle after it
 * is a passive future ("will be held"). */
static bool future_before(const matcher *m, size_t t)
{
    for (size_t d = 1; d <= 2 && d <= t; d++)
        if (token_cue(m, t - d) > 0)
            return true;
    return false;
}

/* Past (-1) or future (+1) from the nearest cue in the same sentence. */
static int tense_near(const matcher *m, size_t start, size_t end)
{
    bool back = true, ahead = true;
    for (size_t d = 1; d <= TENSE_BACK && (back || ahead); d++) {
        if (back && (d > start || sentence_break(m, start - d + 1)))
            back = false;
        if (back) {
            int c = token_cue(m, start - d);
            if (c < 0 && future_before(m, start - d))
                c = 1; /* "will be held on" */
            if (c)
                return c;
        }
        size_t f = end + d - 1;
        if (ahead && (d > TENSE_AHEAD || f >= m->ntok || sentence_break(m, f)))
            ahead = false;
        if (ahead) {
            int c = token_cue(m, f);
            if (c)
                return c;
        }
    }
    return 0;
}

/* ---- the whole text ------------------------------------------------- */

typedef struct out_list {
    sl_timex *v;
    size_t n, cap;
} out_list;

/* Resolve the candidates from longest to shortest until one is valid. */
static bool pick(matcher *m, candidate *c, size_t nc, tx_resolve_ctx *rc, sl_timex *t)
{
    for (size_t tries = 0; tries < nc; tries++) {
        size_t best = nc;
        for (size_t i = 0; i < nc; i++)
            if (c[i].end && (best == nc || c[i].end > c[best].end))
                best = i;
        if (best == nc)
            return false;
        const tx_rule *rule = &m->r->rules[c[best].rule];
        size_t first = m->start, last = c[best].end;
        rc->tense = tense_near(m, first, last);
        rc->anchor_in_sentence = rc->has_anchor && same_sentence(m, m->anchor_tok, first);
        memset(t, 0, sizeof *t);
        t->start = m->toks[first].start;
        t->end = m->toks[last - 1].end;
        t->type = rule->type;
        t->rule_line = rule->line;
        t->tense = rc->tense;
        if (tx_resolve(m->r, rc, rule, &c[best].slots, t)) {
            m->best_end = last;
            return true;
        }
        c[best].end = 0; /* invalid: try the next */
    }
    return false;
}

/* Remember the quarter the text reports on: the latest quarter it names
 * that ended before the reference date ("2021-Q3"); earlier quarters are
 * comparisons, later ones forecasts. */
static void note_quarter(tx_resolve_ctx *rc, const sl_timex *x)
{
    const char *v = x->value;
    if (x->type != SL_TIMEX_DATE || strlen(v) != 7 || v[4] != '-' || v[5] != 'Q' || v[6] < '1' ||
        v[6] > '4')
        return;
    int64_t y = 0;
    for (int i = 0; i < 4; i++) {
        if (v[i] < '0' || v[i] > '9')
            return;
        y = y * 10 + (v[i] - '0');
    }
    int64_t qi = y * 4 + (v[6] - '1');
    if (rc->has_ref) {
        int64_t ry;
        int rm, rd;
        tx_civil_from_days(rc->ref, &ry, &rm, &rd);
        if (qi >= ry * 4 + (rm - 1) / 3)
            return;
    }
    if (rc->has_quarter && qi < rc->quarter)
        return;
    rc->has_quarter = true;
    rc->quarter = qi;
}

/* The candidates at token t, looked for once per doc. */
static int candidates_at(tx_doc *d, matcher *m, size_t t, candidate *c, size_t *nc)
{
    if (!d->cand_first[t]) {
        size_t found = collect(m, t, c);
        if (found && sl_grow(d->ctx, (void **)&d->cands, &d->cands_cap, d->ncands + found,
                             sizeof *d->cands))
            return SL_ENOMEM;
        if (found)
            memcpy(d->cands + d->ncands, c, found * sizeof *c);
        d->cand_first[t] = (uint32_t)d->ncands + 1;
        d->cand_count[t] = (uint8_t)found;
        d->ncands += found;
    } else if (d->cand_count[t]) {
        memcpy(c, d->cands + d->cand_first[t] - 1, d->cand_count[t] * sizeof *c);
    }
    m->start = t;
    *nc = d->cand_count[t];
    return SL_OK;
}

/* Keep what the expression says for the ones after it. */
static void note_found(tx_resolve_ctx *rc, matcher *m, const sl_timex *x, size_t t)
{
    note_quarter(rc, x);
    if (x->type == SL_TIMEX_DATE && x->first_day != SL_TIMEX_NO_DAY &&
        x->last_day - x->first_day <= 366) {
        rc->has_period = true;
        rc->period = x->first_day;
    }
    if (x->type == SL_TIMEX_DATE && x->first_day != SL_TIMEX_NO_DAY &&
        x->first_day == x->last_day) {
        rc->has_anchor = true;
        m->anchor_tok = t;
        rc->anchor = x->first_day;
    }
}

static int scan_doc(tx_doc *d, tx_resolve_ctx *rc, out_list *o)
{
    matcher m = { .r = d->r, .text = d->text, .toks = d->toks, .ntok = d->ntok,
                  .tok_lists = d->tok_lists };
    memset(&m.empty, 0, sizeof m.empty);
    candidate cands[MAX_CANDIDATES];
    for (size_t t = 0; t < d->ntok;) {
        size_t nc;
        int err = candidates_at(d, &m, t, cands, &nc);
        if (err)
            return err;
        sl_timex x;
        if (!nc || !pick(&m, cands, nc, rc, &x)) {
            t++;
            continue;
        }
        if (sl_grow(d->ctx, (void **)&o->v, &o->cap, o->n + 1, sizeof *o->v))
            return SL_ENOMEM;
        o->v[o->n++] = x;
        note_found(rc, &m, &x, t);
        t = m.best_end;
    }
    return SL_OK;
}

int tx_doc_open(sl_ctx *ctx, const sl_timex_rules *r, const char *text, size_t len, tx_doc *d)
{
    memset(d, 0, sizeof *d);
    d->ctx = ctx;
    d->r = r;
    d->text = text ? text : "";
    d->len = len;
    int err = tx_tokenize(ctx, r, d->text, len, &d->toks, &d->ntok);
    if (!err && d->ntok) {
        d->cand_first = sl_calloc(ctx, d->ntok, sizeof *d->cand_first);
        d->cand_count = sl_calloc(ctx, d->ntok, sizeof *d->cand_count);
        d->tok_lists = sl_malloc(ctx, d->ntok * sizeof *d->tok_lists);
        if (!d->cand_first || !d->cand_count || !d->tok_lists)
            err = SL_ENOMEM;
    }
    for (size_t t = 0; !err && t < d->ntok; t++)
        d->tok_lists[t] = d->toks[t].word >= 0 ? r->words[d->toks[t].word].lists : 0;
    if (err)
        tx_doc_close(d);
    return err;
}

void tx_doc_close(tx_doc *d)
{
    sl_free(d->ctx, d->toks);
    sl_free(d->ctx, d->cand_first);
    sl_free(d->ctx, d->cand_count);
    sl_free(d->ctx, d->cands);
    sl_free(d->ctx, d->tok_lists);
    d->tok_lists = NULL;
    d->toks = NULL;
    d->cand_first = NULL;
    d->cand_count = NULL;
    d->cands = NULL;
    d->ntok = d->ncands = d->cands_cap = 0;
}

int tx_doc_find(tx_doc *d, const char *ref_date, sl_timex **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    tx_resolve_ctx rc = { 0 };
    if (ref_date && *ref_date) {
        if (!tx_parse_ref(ref_date, &rc.ref))
            return sl_error(d->ctx, SL_EINVAL,
                            "timex: reference date '%.20s' is not YYYY-MM-DD", ref_date);
        rc.has_ref = true;
    }
    out_list o = { 0 };
    int err = scan_doc(d, &rc, &o);
    if (err) {
        sl_free(d->ctx, o.v);
        return err;
    }
    *out = o.v;
    *n = o.n;
    return SL_OK;
}

int sl_timex_find(sl_ctx *ctx, const sl_timex_rules *r, const char *text, size_t len,
                  const char *ref_date, sl_timex **out, size_t *n)
{
    if (!ctx)
        return SL_EINVAL;
    if (!r || !out || !n || (!text && len))
        return sl_error(ctx, SL_EINVAL, "timex: bad argument");
    *out = NULL;
    *n = 0;
    if (ref_date && *ref_date) {
        int32_t day;
        if (!tx_parse_ref(ref_date, &day))
            return sl_error(ctx, SL_EINVAL, "timex: reference date '%.20s' is not YYYY-MM-DD",
                            ref_date);
    }
    tx_doc d;
    int err = tx_doc_open(ctx, r, text, len, &d);
    if (!err)
        err = tx_doc_find(&d, ref_date, out, n);
    tx_doc_close(&d);
    return err;
}

const char *sl_timex_type_name(int type)
{
    static const char *const names[] = { "DATE", "TIME", "DURATION", "SET" };
    return type >= 0 && type < 4 ? names[type] : "DATE";
}
