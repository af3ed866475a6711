/* Bounded line-hash memory: an open-addressing table that, when full,
 * forgets the lines seen least often. */
#include "lines_mem.h"

#include <string.h>

void sl_linemem_init(sl_linemem *m, sl_ctx *ctx, size_t max_entries)
{
    memset(m, 0, sizeof *m);
    m->ctx = ctx;
    m->max_used = max_entries < 16 ? 16 : max_entries;
}

void sl_linemem_release(sl_linemem *m)
{
    sl_free(m->ctx, m->slots);
    m->slots = NULL;
    m->cap = m->used = 0;
}

void sl_linemem_next_doc(sl_linemem *m)
{
    m->doc++;
}

uint64_t sl_linemem_hash(uint64_t seed, const char *s, size_t len)
{
    uint64_t h = seed ^ 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    /* Final mix so that nearby keys spread over the table. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h ? h : 1;
}

static sl_linemem_entry *find_slot(sl_linemem_entry *slots, size_t cap, uint64_t key)
{
    size_t i = (size_t)key & (cap - 1);
    while (slots[i].key && slots[i].key != key)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Move the entries with at least `min_docs` documents into a table of
 * `cap` slots. */
static int rebuild(sl_linemem *m, size_t cap, uint32_t min_docs)
{
    sl_linemem_entry *slots = sl_calloc(m->ctx, cap, sizeof *slots);
    if (!slots)
        return sl_oom(m->ctx);
    size_t used = 0;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key || m->slots[i].docs < min_docs)
            continue;
        *find_slot(slots, cap, m->slots[i].key) = m->slots[i];
        used++;
    }
    sl_free(m->ctx, m->slots);
    m->slots = slots;
    m->cap = cap;
    m->used = used;
    return SL_OK;
}

/* Make room for one more entry: grow while under the bound, else forget
 * the rarest lines (seen once, then twice, ...) until a quarter is free. */
static int make_room(sl_linemem *m)
{
    if (m->cap && (m->used + 1) * 4 <= m->cap * 3)
        return SL_OK;
    if (m->used + 1 <= m->max_used || !m->cap)
        return rebuild(m, m->cap ? m->cap * 2 : 64, 0);
    uint32_t min_docs = 2;
    int rc = SL_OK;
    while (rc == SL_OK && m->used * 4 > m->max_used * 3)
        rc = rebuild(m, m->cap, min_docs++);
    return rc;
}

int sl_linemem_note(sl_linemem *m, uint64_t key, uint32_t *docs)
{
    *docs = 0;
    if (!key)
        key = 1;
    if (m->cap) {
        sl_linemem_entry *e = find_slot(m->slots, m->cap, key);
        if (e->key) {
            if (e->last_doc != m->doc) {
                e->docs++;
                e->last_doc = m->doc;
            }
            *docs = e->docs;
            return SL_OK;
        }
    }
    int rc = make_room(m);
    if (rc)
        return rc;
    sl_linemem_entry *e = find_slot(m->slots, m->cap, key);
    *e = (sl_linemem_entry){ key, 1, m->doc };
    m->used++;
    *docs = 1;
    return SL_OK;
}
