/* Private to the rule-file loader (timex_rules.c, timex_pattern.c). */
#ifndef SL_FACTS_TIMEX_PARSE_H
#define SL_FACTS_TIMEX_PARSE_H

#include "facts/timex_internal.h"

typedef struct tx_item {
    const char *s;
    size_t len;
} tx_item;

typedef struct tx_parser {
    sl_timex_rules *r;
    const char *name;
    unsigned line;
    int open_list; /* list receiving continuation lines, or -1 */
    tx_item open_cue; /* cue kind receiving continuation lines, or len 0 */
    int depth;
} tx_parser;

typedef struct tx_starts {
    uint64_t *pairs; /* word id << 32 | rule */
    size_t n, cap;
    bool num, lower;
} tx_starts;

/* timex_rules.c */
int tx_fail(tx_parser *p, const char *what, const char *s, size_t len);
int tx_literal_words(tx_parser *p, const char *s, size_t len, uint32_t *ids, size_t cap,
                     size_t *n, bool *cap_first);
int tx_find_list(const sl_timex_rules *r, const char *s, size_t len);
bool tx_item_is(const tx_item *it, const char *word);
bool tx_parse_int(const char *s, size_t len, int64_t *v);

/* timex_pattern.c: patterns, their analysis and the start index. */
int tx_parse_seq(tx_parser *p, const tx_item *items, size_t n, size_t *i, tx_seq *out);
int tx_push_seqs(sl_timex_rules *r, const tx_seq *seqs, size_t n, uint32_t *first);
bool tx_seq_nullable(const sl_timex_rules *r, const tx_seq *s);
int tx_seq_starts(sl_timex_rules *r, const tx_seq *s, uint32_t rule, tx_starts *st);
int tx_build_start_index(sl_timex_rules *r, tx_starts *st);
void tx_set_anchor(sl_timex_rules *r, tx_rule *rule, const tx_seq *top);

#endif
