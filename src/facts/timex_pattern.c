/* Compiling the patterns of a rule file: elements, groups, alternatives;
 * whether a pattern can match nothing; which tokens can start it. */
#include "facts/timex_parse.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_SEQ = 48, MAX_ALTS = 24 };

/* ---- patterns ------------------------------------------------------- */

static int push_nodes(sl_timex_rules *r, const tx_node *nodes, size_t n, tx_seq *seq)
{
    if (sl_grow(r->ctx, (void **)&r->nodes, &r->nodes_cap, r->nnodes + n + 1, sizeof *r->nodes))
        return SL_ENOMEM;
    if (n)
        memcpy(r->nodes + r->nnodes, nodes, n * sizeof *nodes);
    seq->first = (uint32_t)r->nnodes;
    seq->count = (uint32_t)n;
    r->nnodes += n;
    return SL_OK;
}

int tx_push_seqs(sl_timex_rules *r, const tx_seq *seqs, size_t n, uint32_t *first)
{
    if (sl_grow(r->ctx, (void **)&r->seqs, &r->seqs_cap, r->nseqs + n, sizeof *r->seqs))
        return SL_ENOMEM;
    memcpy(r->seqs + r->nseqs, seqs, n * sizeof *seqs);
    *first = (uint32_t)r->nseqs;
    r->nseqs += n;
    return SL_OK;
}


/* After '(': alternatives up to the matching ')' or ')?'. */
static int parse_group(tx_parser *p, const tx_item *items, size_t n, size_t *i, tx_node *node)
{
    tx_seq alts[MAX_ALTS];
    size_t nalt = 0;
    if (++p->depth > 8)
        return tx_fail(p, "groups nested too deep", NULL, 0);
    for (;;) {
        if (nalt == MAX_ALTS)
            return tx_fail(p, "too many alternatives", NULL, 0);
        int rc = tx_parse_seq(p, items, n, i, &alts[nalt]);
        if (rc)
            return rc;
        if (!alts[nalt].count)
            return tx_fail(p, "empty alternative", NULL, 0);
        nalt++;
        if (*i >= n)
            return tx_fail(p, "unclosed '('", NULL, 0);
        const tx_item *it = &items[(*i)++];
        if (tx_item_is(it, "|"))
            continue;
        node->optional = tx_item_is(it, ")?");
        break;
    }
    p->depth--;
    node->kind = TX_NODE_GROUP;
    node->nalt = (uint32_t)nalt;
    return tx_push_seqs(p->r, alts, nalt, &node->arg);
}

static int parse_number(tx_parser *p, const char *s, size_t len, tx_node *node)
{
    node->kind = TX_NODE_NUM;
    node->lo = 0;
    node->hi = INT64_C(999999999999999);
    if (len == 1)
        return SL_OK;
    const char *dash = memchr(s + 1, '-', len - 1);
    if (!dash || !tx_parse_int(s + 1, (size_t)(dash - s - 1), &node->lo) ||
        !tx_parse_int(dash + 1, len - (size_t)(dash - s) - 1, &node->hi) || node->lo < 0 ||
        node->lo > node->hi)
        return tx_fail(p, "bad number range (write #lo-hi)", s, len);
    size_t lo_len = (size_t)(dash - s - 1);
    if (lo_len > 1 && s[1] == '0') /* #00-59: exactly two digits */
        node->width = (uint8_t)lo_len;
    return SL_OK;
}

/* One element: [!|&|<|<!] (@LIST | #lo-hi | %lower | "literal" | literal) [:slot] [?] */
static int parse_element(tx_parser *p, const tx_item *it, tx_node *nodes, size_t cap, size_t *n)
{
    const char *s = it->s;
    size_t len = it->len;
    tx_node base = { 0 };
    if (len > 2 && s[0] == '<' && s[1] == '!') { /* must not come before */
        base.look = 'N';
        s += 2, len -= 2;
    } else if (*s == '!' || *s == '&' || *s == '<') {
        base.look = (uint8_t)*s;
        s++, len--;
    }
    if (len > 1 && s[len - 1] == '?')
        base.optional = 1, len--;
    const char *colon = NULL;
    size_t body = len;
    if (len && *s == '"') {
        const char *q = memchr(s + 1, '"', len - 1);
        if (!q)
            return tx_fail(p, "unclosed quote", it->s, it->len);
        body = (size_t)(q - s) + 1;
        if (body < len && s[body] != ':')
            return tx_fail(p, "text after a quoted literal", it->s, it->len);
        colon = body < len ? s + body : NULL;
    } else {
        colon = memchr(s, ':', len);
        body = colon ? (size_t)(colon - s) : len;
    }
    if (!body)
        return tx_fail(p, "empty element", it->s, it->len);
    if (colon) {
        base.slot = (uint8_t)tx_slot_by_name(colon + 1, len - body - 1);
        if (!base.slot)
            return tx_fail(p, "unknown slot", colon + 1, len - body - 1);
        if (base.look)
            return tx_fail(p, "a look-ahead cannot fill a slot", it->s, it->len);
    }
    if (*s == '@') {
        int l = tx_find_list(p->r, s + 1, body - 1);
        if (l < 0)
            return tx_fail(p, "unknown list (define it before use)", s, body);
        base.kind = TX_NODE_LIST;
        base.arg = (uint32_t)l;
    } else if (*s == '#') {
        int rc = parse_number(p, s, body, &base);
        if (rc)
            return rc;
    } else if (body == 6 && memcmp(s, "%lower", 6) == 0) {
        base.kind = TX_NODE_LOWER;
    } else {
        if (base.slot)
            return tx_fail(p, "a literal cannot fill a slot (use a list)", it->s, it->len);
        bool quoted = *s == '"';
        uint32_t ids[16];
        size_t nw;
        bool cap_first;
        int rc = tx_literal_words(p, s + quoted, body - 2 * quoted, ids, 16, &nw, &cap_first);
        if (rc)
            return rc;
        if (nw > 1 && (base.look || base.optional))
            return tx_fail(p, "optional or look-ahead literals must be one token (use a group)",
                        it->s, it->len);
        if (*n + nw > cap)
            return tx_fail(p, "pattern too long", it->s, it->len);
        for (size_t k = 0; k < nw; k++) {
            nodes[*n] = base;
            nodes[*n].kind = TX_NODE_WORD;
            nodes[*n].arg = ids[k];
            nodes[*n].need_cap = k == 0 && cap_first;
            (*n)++;
        }
        return SL_OK;
    }
    if (*n == cap)
        return tx_fail(p, "pattern too long", it->s, it->len);
    nodes[(*n)++] = base;
    return SL_OK;
}

int tx_parse_seq(tx_parser *p, const tx_item *items, size_t n, size_t *i, tx_seq *out)
{
    tx_node nodes[MAX_SEQ];
    size_t count = 0;
    while (*i < n) {
        const tx_item *it = &items[*i];
        if (tx_item_is(it, "|") || tx_item_is(it, ")") || tx_item_is(it, ")?"))
            break;
        (*i)++;
        int rc;
        if (tx_item_is(it, "(")) {
            if (count == MAX_SEQ)
                return tx_fail(p, "pattern too long", NULL, 0);
            tx_node g = { 0 };
            if ((rc = parse_group(p, items, n, i, &g)))
                return rc;
            nodes[count++] = g;
        } else if ((rc = parse_element(p, it, nodes, MAX_SEQ, &count))) {
            return rc;
        }
    }
    return push_nodes(p->r, nodes, count, out);
}

/* ---- analysis: can a sequence match nothing, which tokens start it -- */


static bool node_nullable(const sl_timex_rules *r, const tx_node *nd)
{
    if (nd->optional || nd->look)
        return true;
    if (nd->kind != TX_NODE_GROUP)
        return false;
    for (uint32_t a = 0; a < nd->nalt; a++)
        if (tx_seq_nullable(r, &r->seqs[nd->arg + a]))
            return true;
    return false;
}

bool tx_seq_nullable(const sl_timex_rules *r, const tx_seq *s)
{
    for (uint32_t k = 0; k < s->count; k++)
        if (!node_nullable(r, &r->nodes[s->first + k]))
            return false;
    return true;
}


static int add_start(sl_timex_rules *r, tx_starts *st, uint32_t word, uint32_t rule)
{
    if (sl_grow(r->ctx, (void **)&st->pairs, &st->cap, st->n + 1, sizeof *st->pairs))
        return SL_ENOMEM;
    st->pairs[st->n++] = (uint64_t)word << 32 | rule;
    return SL_OK;
}


static int node_starts(sl_timex_rules *r, const tx_node *nd, uint32_t rule, tx_starts *st)
{
    if (nd->look)
        return SL_OK;
    switch (nd->kind) {
    case TX_NODE_WORD:
        return add_start(r, st, nd->arg, rule);
    case TX_NODE_LIST: {
        const tx_list *l = &r->lists[nd->arg];
        for (uint32_t e = 0; e < l->count; e++) {
            int rc = add_start(r, st, r->entry_words[r->entries[l->first + e].first], rule);
            if (rc)
                return rc;
        }
        return SL_OK;
    }
    case TX_NODE_NUM:
        st->num = true;
        return SL_OK;
    case TX_NODE_LOWER:
        st->lower = true;
        return SL_OK;
    default:
        for (uint32_t a = 0; a < nd->nalt; a++) {
            int rc = tx_seq_starts(r, &r->seqs[nd->arg + a], rule, st);
            if (rc)
                return rc;
        }
        return SL_OK;
    }
}

int tx_seq_starts(sl_timex_rules *r, const tx_seq *s, uint32_t rule, tx_starts *st)
{
    for (uint32_t k = 0; k < s->count; k++) {
        const tx_node *nd = &r->nodes[s->first + k];
        int rc = node_starts(r, nd, rule, st);
        if (rc)
            return rc;
        if (!node_nullable(r, nd))
            break;
    }
    return SL_OK;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Build the start index: for each word id the rules that may begin there. */
int tx_build_start_index(sl_timex_rules *r, tx_starts *st)
{
    if (st->n)
        qsort(st->pairs, st->n, sizeof *st->pairs, cmp_u64);
    r->start_index = sl_calloc(r->ctx, r->nwords + 1, sizeof *r->start_index);
    r->start_rules = sl_malloc(r->ctx, (st->n + 1) * sizeof *r->start_rules);
    if (!r->start_index || !r->start_rules)
        return SL_ENOMEM;
    size_t out = 0;
    for (size_t i = 0; i < st->n; i++) {
        if (i && st->pairs[i] == st->pairs[i - 1])
            continue;
        r->start_rules[out++] = (uint32_t)st->pairs[i];
        r->start_index[(st->pairs[i] >> 32) + 1]++;
    }
    for (size_t w = 0; w < r->nwords; w++)
        r->start_index[w + 1] += r->start_index[w];
    return SL_OK;
}

/* ---- rules ---------------------------------------------------------- */

void tx_set_anchor(sl_timex_rules *r, tx_rule *rule, const tx_seq *top)
{
    for (uint32_t k = 0; k < top->count; k++) {
        const tx_node *nd = &r->nodes[top->first + k];
        if (nd->optional || nd->look)
            continue;
        if (nd->kind == TX_NODE_WORD || nd->kind == TX_NODE_LIST) {
            rule->anchor_kind = (uint8_t)(nd->kind + 1);
            rule->anchor = nd->arg;
            return;
        }
    }
}
