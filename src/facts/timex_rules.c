/* Loading a temporal rule file (format: docs/time.md).  Every problem is
 * reported as SL_EPARSE with "file:line: reason"; nothing is half-loaded. */
#include "facts/timex_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ITEMS = 128, POOL_LIMIT = 1 << 24 };


int tx_fail(tx_parser *p, const char *what, const char *s, size_t len)
{
    return sl_error(p->r->ctx, SL_EPARSE, "%s:%u: %s%s%.*s%s", p->name, p->line, what,
                    s ? " '" : "", (int)(s ? len : 0), s ? s : "", s ? "'" : "");
}

/* ---- pool and words ------------------------------------------------- */

static int pool_add(sl_timex_rules *r, const char *s, size_t len, uint32_t *off)
{
    if (r->pool_len + len + 1 > POOL_LIMIT)
        return sl_error(r->ctx, SL_ELIMIT, "timex rules: more than %d bytes of strings", POOL_LIMIT);
    if (sl_grow(r->ctx, (void **)&r->pool, &r->pool_cap, r->pool_len + len + 1, 1))
        return SL_ENOMEM;
    memcpy(r->pool + r->pool_len, s, len);
    r->pool[r->pool_len + len] = '\0';
    *off = (uint32_t)r->pool_len;
    r->pool_len += len + 1;
    return SL_OK;
}

static uint32_t hash_word(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

int32_t tx_word_find(const sl_timex_rules *r, const char *s, size_t len)
{
    if (!r->hash_cap)
        return -1;
    size_t mask = r->hash_cap - 1;
    for (size_t i = hash_word(s, len) & mask;; i = (i + 1) & mask) {
        uint32_t id = r->hash[i];
        if (!id)
            return -1;
        const tx_word *w = &r->words[id - 1];
        if (w->len == len && memcmp(r->pool + w->str, s, len) == 0)
            return (int32_t)(id - 1);
    }
}

static int rehash(sl_timex_rules *r, size_t cap)
{
    uint32_t *h = sl_calloc(r->ctx, cap, sizeof *h);
    if (!h)
        return SL_ENOMEM;
    for (size_t id = 0; id < r->nwords; id++) {
        const tx_word *w = &r->words[id];
        size_t i = hash_word(r->pool + w->str, w->len) & (cap - 1);
        while (h[i])
            i = (i + 1) & (cap - 1);
        h[i] = (uint32_t)id + 1;
    }
    sl_free(r->ctx, r->hash);
    r->hash = h;
    r->hash_cap = cap;
    return SL_OK;
}

/* Id of a lower-cased word, added when new. */
static int word_intern(sl_timex_rules *r, const char *s, size_t len, uint32_t *id)
{
    int32_t found = tx_word_find(r, s, len);
    if (found >= 0) {
        *id = (uint32_t)found;
        return SL_OK;
    }
    if ((r->nwords + 1) * 2 > r->hash_cap && rehash(r, r->hash_cap ? r->hash_cap * 2 : 256))
        return SL_ENOMEM;
    if (sl_grow(r->ctx, (void **)&r->words, &r->words_cap, r->nwords + 1, sizeof *r->words))
        return SL_ENOMEM;
    uint32_t off = 0;
    int rc = pool_add(r, s, len, &off);
    if (rc)
        return rc;
    r->words[r->nwords] = (tx_word){ off, (uint32_t)len, 0, 0 };
    *id = (uint32_t)r->nwords++;
    size_t i = hash_word(s, len) & (r->hash_cap - 1);
    while (r->hash[i])
        i = (i + 1) & (r->hash_cap - 1);
    r->hash[i] = *id + 1;
    return SL_OK;
}

/* Split a literal ("p.m.", "New_Year") into word ids; underscores are spaces. */
int tx_literal_words(tx_parser *p, const char *s, size_t len, uint32_t *ids, size_t cap,
                         size_t *n, bool *cap_first)
{
    char buf[256], key[TX_MAX_WORD];
    if (len >= sizeof buf)
        return tx_fail(p, "literal too long", s, len);
    for (size_t i = 0; i < len; i++)
        buf[i] = s[i] == '_' ? ' ' : s[i];
    size_t pos = 0;
    tx_rawtok t;
    *n = 0;
    *cap_first = false;
    while (tx_scan(buf, len, &pos, &t)) {
        if (*n == cap)
            return tx_fail(p, "literal has too many tokens", s, len);
        if (*n == 0)
            *cap_first = (t.flags & TX_TF_UPPER) != 0;
        size_t kl = tx_rawtok_key(buf, &t, key, sizeof key);
        if (!kl)
            return tx_fail(p, "word too long", s, len);
        int rc = word_intern(p->r, key, kl, &ids[(*n)++]);
        if (rc)
            return rc;
    }
    return *n ? SL_OK : tx_fail(p, "empty literal", s, len);
}

/* ---- line splitting ------------------------------------------------- */

static size_t split_items(const char *s, size_t len, tx_item *items, size_t cap, bool *overflow)
{
    size_t n = 0, i = 0;
    *overflow = false;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= len || (n == 0 && s[i] == '#'))
            break; /* a line whose first tx_item tx_starts with # is a comment */
        size_t b = i;
        bool quoted = false;
        while (i < len && (quoted || (s[i] != ' ' && s[i] != '\t'))) {
            if (s[i] == '"')
                quoted = !quoted;
            i++;
        }
        if (n == cap) {
            *overflow = true;
            break;
        }
        items[n++] = (tx_item){ s + b, i - b };
    }
    return n;
}

bool tx_item_is(const tx_item *it, const char *word)
{
    return it->len == strlen(word) && memcmp(it->s, word, it->len) == 0;
}

bool tx_parse_int(const char *s, size_t len, int64_t *v)
{
    size_t i = 0;
    bool neg = len > 0 && s[0] == '-';
    i += neg;
    if (i == len || len - i > 15)
        return false;
    int64_t x = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        x = x * 10 + (s[i] - '0');
    }
    *v = neg ? -x : x;
    return true;
}

/* ---- lists and cues ------------------------------------------------- */

static int add_entry(tx_parser *p, tx_list *l, const tx_item *it)
{
    sl_timex_rules *r = p->r;
    const char *eq = memchr(it->s, '=', it->len);
    size_t wlen = eq ? (size_t)(eq - it->s) : it->len;
    const char *val = eq ? eq + 1 : it->s;
    size_t vlen = eq ? it->len - wlen - 1 : it->len;
    if (!wlen || !vlen)
        return tx_fail(p, "empty list entry", it->s, it->len);
    uint32_t ids[16];
    size_t n;
    bool cap_first;
    int rc = tx_literal_words(p, it->s, wlen, ids, 16, &n, &cap_first);
    if (rc)
        return rc;
    if (sl_grow(r->ctx, (void **)&r->entry_words, &r->entry_words_cap, r->nentry_words + n,
                sizeof *r->entry_words) ||
        sl_grow(r->ctx, (void **)&r->entries, &r->entries_cap, r->nentries + 1, sizeof *r->entries))
        return SL_ENOMEM;
    tx_entry *e = &r->entries[r->nentries];
    e->first = (uint32_t)r->nentry_words;
    e->count = (uint32_t)n;
    e->need_cap = cap_first;
    if (!tx_parse_int(val, vlen, &e->num))
        e->num = 0;
    if ((rc = pool_add(r, val, vlen, &e->value)))
        return rc;
    memcpy(r->entry_words + r->nentry_words, ids, n * sizeof *ids);
    r->nentry_words += n;
    r->nentries++;
    l->count++;
    return SL_OK;
}

int tx_find_list(const sl_timex_rules *r, const char *s, size_t len)
{
    for (size_t i = 0; i < r->nlists; i++) {
        const char *name = r->pool + r->lists[i].name;
        if (strlen(name) == len && memcmp(name, s, len) == 0)
            return (int)i;
    }
    return -1;
}

static int parse_list(tx_parser *p, const tx_item *items, size_t n)
{
    sl_timex_rules *r = p->r;
    if (n < 2)
        return tx_fail(p, "list needs a name", NULL, 0);
    if (tx_find_list(r, items[1].s, items[1].len) >= 0)
        return tx_fail(p, "list defined twice", items[1].s, items[1].len);
    if (r->nlists == TX_MAX_LISTS)
        return tx_fail(p, "too many lists", items[1].s, items[1].len);
    for (size_t i = 0; i < items[1].len; i++) {
        char c = items[1].s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return tx_fail(p, "list names are upper-case letters, digits and _", items[1].s, items[1].len);
    }
    tx_list *l = &r->lists[r->nlists];
    int rc = pool_add(r, items[1].s, items[1].len, &l->name);
    if (rc)
        return rc;
    l->first = (uint32_t)r->nentries;
    l->count = 0;
    p->open_list = (int)r->nlists++;
    for (size_t i = 2; i < n; i++)
        if ((rc = add_entry(p, l, &items[i])))
            return rc;
    return SL_OK;
}

static int parse_cue(tx_parser *p, const tx_item *items, size_t n)
{
    sl_timex_rules *r = p->r;
    if (n < 3)
        return tx_fail(p, "cue needs a kind (past, future, none, past-suffix) and words", NULL, 0);
    bool suffix = tx_item_is(&items[1], "past-suffix");
    uint8_t kind = tx_item_is(&items[1], "past")     ? 1
                   : tx_item_is(&items[1], "future") ? 2
                   : tx_item_is(&items[1], "none")   ? 3
                                                  : 0;
    if (!suffix && !kind)
        return tx_fail(p, "unknown cue kind", items[1].s, items[1].len);
    for (size_t i = 2; i < n; i++) {
        char key[TX_MAX_WORD];
        size_t kl = tx_lower(items[i].s, items[i].len, key, sizeof key);
        if (!kl)
            return tx_fail(p, "cue word too long", items[i].s, items[i].len);
        int rc;
        if (suffix) {
            if (r->npast_suffix == 8)
                return tx_fail(p, "at most 8 past suffixes", items[i].s, items[i].len);
            rc = pool_add(r, key, kl, &r->past_suffix[r->npast_suffix]);
            r->npast_suffix += rc == SL_OK;
        } else {
            uint32_t id;
            rc = word_intern(r, key, kl, &id);
            if (!rc)
                r->words[id].cue = kind;
        }
        if (rc)
            return rc;
    }
    return SL_OK;
}


static int parse_type(const tx_item *it)
{
    static const char *const names[] = { "DATE", "TIME", "DURATION", "SET" };
    for (int t = 0; t < 4; t++)
        if (tx_item_is(it, names[t]))
            return t;
    return -1;
}

static int parse_const(tx_parser *p, const tx_item *it)
{
    sl_timex_rules *r = p->r;
    const char *eq = memchr(it->s, '=', it->len);
    if (!eq || eq == it->s || eq + 1 == it->s + it->len)
        return tx_fail(p, "expected slot=value before ':'", it->s, it->len);
    tx_slot slot = tx_slot_by_name(it->s, (size_t)(eq - it->s));
    if (!slot)
        return tx_fail(p, "unknown slot", it->s, (size_t)(eq - it->s));
    if (sl_grow(r->ctx, (void **)&r->consts, &r->consts_cap, r->nconsts + 1, sizeof *r->consts))
        return SL_ENOMEM;
    tx_const *c = &r->consts[r->nconsts];
    c->slot = (uint8_t)slot;
    size_t vlen = it->len - (size_t)(eq - it->s) - 1;
    if (!tx_parse_int(eq + 1, vlen, &c->num))
        c->num = 0;
    int rc = pool_add(r, eq + 1, vlen, &c->value);
    r->nconsts += rc == SL_OK;
    return rc;
}

static int parse_rule(tx_parser *p, int type, const tx_item *items, size_t n, tx_starts *st)
{
    sl_timex_rules *r = p->r;
    size_t colon = 2;
    while (colon < n && !tx_item_is(&items[colon], ":"))
        colon++;
    if (n < 2 || colon >= n)
        return tx_fail(p, "a rule is: TYPE action [slot=value ...] : pattern", NULL, 0);
    bool ok;
    tx_action act = tx_action_by_name(items[1].s, items[1].len, &ok);
    if (!ok)
        return tx_fail(p, "unknown action", items[1].s, items[1].len);
    if (sl_grow(r->ctx, (void **)&r->rules, &r->rules_cap, r->nrules + 1, sizeof *r->rules))
        return SL_ENOMEM;
    tx_rule *rule = &r->rules[r->nrules];
    *rule = (tx_rule){ .type = (uint8_t)type, .action = (uint8_t)act,
                       .first_const = (uint32_t)r->nconsts, .line = p->line };
    for (size_t i = 2; i < colon; i++) {
        int rc = parse_const(p, &items[i]);
        if (rc)
            return rc;
        rule->nconst++;
    }
    size_t i = colon + 1;
    tx_seq top;
    p->depth = 0;
    int rc = tx_parse_seq(p, items, n, &i, &top);
    if (rc)
        return rc;
    if (i < n)
        return tx_fail(p, "unbalanced ')' or '|' outside a group", items[i].s, items[i].len);
    if (tx_seq_nullable(r, &top))
        return tx_fail(p, "the pattern can match nothing", NULL, 0);
    if ((rc = tx_push_seqs(r, &top, 1, &rule->seq)))
        return rc;
    tx_set_anchor(r, rule, &top);
    st->lower = false;
    size_t before = st->n;
    bool num_before = st->num;
    st->num = false;
    if ((rc = tx_seq_starts(r, &top, (uint32_t)r->nrules, st)))
        return rc;
    if (st->lower)
        return tx_fail(p, "a pattern cannot start with %lower", NULL, 0);
    if (st->num) {
        if (sl_grow(r->ctx, (void **)&r->num_rules, &r->num_rules_cap, r->nnum_rules + 1,
                    sizeof *r->num_rules))
            return SL_ENOMEM;
        r->num_rules[r->nnum_rules++] = (uint32_t)r->nrules;
    } else if (st->n == before) {
        return tx_fail(p, "the pattern has no token to start from", NULL, 0);
    }
    st->num = num_before;
    r->nrules++;
    return SL_OK;
}

static int parse_line(tx_parser *p, const char *s, size_t len, tx_starts *st)
{
    tx_item items[MAX_ITEMS];
    bool overflow;
    size_t n = split_items(s, len, items, MAX_ITEMS, &overflow);
    if (overflow)
        return tx_fail(p, "line has too many items (continue a list on an indented line)", NULL, 0);
    if (!n)
        return SL_OK;
    bool indented = len && (s[0] == ' ' || s[0] == '\t');
    if (indented && p->open_cue.len) {
        tx_item cue[MAX_ITEMS + 2] = { { "cue", 3 }, p->open_cue };
        memcpy(cue + 2, items, n * sizeof *items);
        return parse_cue(p, cue, n + 2);
    }
    if (indented) {
        if (p->open_list < 0)
            return tx_fail(p, "indented line outside a list or cue", items[0].s, items[0].len);
        for (size_t i = 0; i < n; i++) {
            int rc = add_entry(p, &p->r->lists[p->open_list], &items[i]);
            if (rc)
                return rc;
        }
        return SL_OK;
    }
    p->open_list = -1;
    p->open_cue.len = 0;
    if (tx_item_is(&items[0], "list"))
        return parse_list(p, items, n);
    if (tx_item_is(&items[0], "cue")) {
        int rc = parse_cue(p, items, n);
        if (!rc)
            p->open_cue = items[1];
        return rc;
    }
    if (tx_item_is(&items[0], "language")) {
        if (n != 2 || items[1].len >= sizeof p->r->language)
            return tx_fail(p, "language takes one short code", NULL, 0);
        memcpy(p->r->language, items[1].s, items[1].len);
        p->r->language[items[1].len] = '\0';
        return SL_OK;
    }
    int type = parse_type(&items[0]);
    if (type < 0)
        return tx_fail(p, "unknown directive (list, cue, language, DATE, TIME, DURATION, SET)",
                    items[0].s, items[0].len);
    return parse_rule(p, type, items, n, st);
}

/* ---- finishing, loading, freeing ------------------------------------ */

static int cmp_entry(const void *a, const void *b, const sl_timex_rules *r)
{
    const tx_entry *x = a, *y = b;
    uint32_t wx = r->entry_words[x->first], wy = r->entry_words[y->first];
    if (wx != wy)
        return wx < wy ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1; /* longer entries first */
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Sort each list's entries by first word (binary search at match time),
 * longer entries first.  Insertion sort: lists are short, and qsort would
 * need the rules in a global to compare word ids. */
static void sort_lists(sl_timex_rules *r)
{
    for (size_t l = 0; l < r->nlists; l++) {
        tx_entry *e = r->entries + r->lists[l].first;
        size_t n = r->lists[l].count;
        for (size_t i = 1; i < n; i++) {
            tx_entry key = e[i];
            size_t j = i;
            while (j > 0 && cmp_entry(&e[j - 1], &key, r) > 0) {
                e[j] = e[j - 1];
                j--;
            }
            e[j] = key;
        }
    }
}

void sl_timex_rules_free(sl_timex_rules *r)
{
    if (!r)
        return;
    sl_ctx *ctx = r->ctx;
    sl_free(ctx, r->pool);
    sl_free(ctx, r->words);
    sl_free(ctx, r->hash);
    sl_free(ctx, r->entries);
    sl_free(ctx, r->entry_words);
    sl_free(ctx, r->nodes);
    sl_free(ctx, r->seqs);
    sl_free(ctx, r->rules);
    sl_free(ctx, r->consts);
    sl_free(ctx, r->start_index);
    sl_free(ctx, r->start_rules);
    sl_free(ctx, r->num_rules);
    sl_free(ctx, r);
}

const char *sl_timex_rules_language(const sl_timex_rules *r)
{
    return r ? r->language : "";
}

static int parse_all(tx_parser *p, const char *text, size_t len, tx_starts *st)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t e = end;
        if (e > i && text[e - 1] == '\r')
            e--;
        p->line++;
        if (memchr(text + i, '\0', e - i))
            return tx_fail(p, "NUL byte in rules", NULL, 0);
        int rc = parse_line(p, text + i, e - i, st);
        if (rc)
            return rc;
        i = end + 1;
    }
    if (!p->r->nrules)
        return sl_error(p->r->ctx, SL_EPARSE, "%s: no rules", p->name);
    return tx_build_start_index(p->r, st);
}

int sl_timex_rules_load_mem(sl_ctx *ctx, const char *name, const char *text, size_t len,
                            sl_timex_rules **out)
{
    if (!ctx || !out || (!text && len))
        return ctx ? sl_error(ctx, SL_EINVAL, "timex rules: bad argument") : SL_EINVAL;
    *out = NULL;
    sl_timex_rules *r = sl_calloc(ctx, 1, sizeof *r);
    if (!r)
        return SL_ENOMEM;
    r->ctx = ctx;
    tx_parser p = { r, name ? name : "<rules>", 0, -1, { NULL, 0 }, 0 };
    tx_starts st = { 0 };
    int rc = parse_all(&p, text ? text : "", len, &st);
    sl_free(ctx, st.pairs);
    if (rc) {
        sl_timex_rules_free(r);
        return rc;
    }
    sort_lists(r);
    for (size_t l = 0; l < r->nlists; l++)
        for (uint32_t e = 0; e < r->lists[l].count; e++)
            r->words[r->entry_words[r->entries[r->lists[l].first + e].first]].lists |= UINT64_C(1) << l;
    *out = r;
    return SL_OK;
}

int sl_timex_rules_load(sl_ctx *ctx, const char *path, sl_timex_rules **out)
{
    if (!ctx || !path || !out)
        return ctx ? sl_error(ctx, SL_EINVAL, "timex rules: bad argument") : SL_EINVAL;
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return sl_error(ctx, SL_EIO, "%s: cannot open rules", path);
    sl_buf b;
    sl_buf_init(&b, ctx);
    char chunk[8192];
    size_t got;
    int rc = SL_OK;
    while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = sl_buf_append(&b, chunk, got);
    if (!rc && ferror(f))
        rc = sl_error(ctx, SL_EIO, "%s: read error", path);
    fclose(f);
    if (!rc)
        rc = sl_timex_rules_load_mem(ctx, path, b.ptr, b.len, out);
    sl_buf_release(&b);
    return rc;
}

/* ---- names ---------------------------------------------------------- */

tx_slot tx_slot_by_name(const char *name, size_t len)
{
    static const char *const names[TX_NSLOTS] = {
        "", "y", "y2", "m", "d", "w", "n", "u", "q", "h", "mi", "ap", "part", "season",
        "dir", "dec", "cent", "half", "val", "yb", "d2", "m2", "gran", "yh"
    };
    for (int i = 1; i < TX_NSLOTS; i++)
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
            return (tx_slot)i;
    return TX_SLOT_NONE;
}

tx_action tx_action_by_name(const char *name, size_t len, bool *ok)
{
    static const char *const names[TX_ACT_COUNT] = { "date", "rel", "anchor", "weekday",
                                                     "time", "duration", "set", "value",
                                                     "period" };
    for (int i = 0; i < TX_ACT_COUNT; i++)
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
            *ok = true;
            return (tx_action)i;
        }
    *ok = false;
    return TX_ACT_DATE;
}
