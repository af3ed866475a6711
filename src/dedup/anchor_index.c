/* The anchor index: one flat open-addressing table of 8-byte entries
 * (key << 32 | doc + 1).  A key filed under many documents takes many
 * slots; lookups walk the probe sequence to the first empty slot.
 *
 * Window: documents below live_from are dead.  Their slots are not emptied
 * (that would cut probe sequences) but are taken by the next insert that
 * passes them, and dropped when the table is rebuilt, so memory follows the
 * live documents, not the whole stream. */
#include "dedup/dedup_internal.h"

#include <string.h>

#define MIN_CAP 1024

/* Any capacity, not only powers of two, so the table can grow by less
 * than double and stay between 62% and 80% full. */
static size_t home(uint32_t key, size_t cap)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull;
    return (size_t)((h >> 16) % cap);
}

static size_t next_slot(size_t i, size_t cap)
{
    return i + 1 == cap ? 0 : i + 1;
}

static uint32_t entry_key(uint64_t e) { return (uint32_t)(e >> 32); }
static uint32_t entry_doc(uint64_t e) { return (uint32_t)e - 1; }

static int is_live(const sl_anchor_index *ix, uint64_t e)
{
    return e != 0 && entry_doc(e) >= ix->live_from;
}

void sl_anchor_index_init(sl_anchor_index *ix, sl_ctx *ctx)
{
    memset(ix, 0, sizeof *ix);
    ix->ctx = ctx;
}

void sl_anchor_index_release(sl_anchor_index *ix)
{
    sl_free(ix->ctx, ix->slot);
    ix->slot = NULL;
    ix->cap = ix->used = 0;
}

int sl_anchor_lookup(const sl_anchor_index *ix, uint32_t key, uint32_t *docs, size_t cap,
                     size_t *n)
{
    *n = 0;
    if (!ix->cap)
        return 0;
    for (size_t i = home(key, ix->cap);; i = next_slot(i, ix->cap)) {
        uint64_t e = ix->slot[i];
        if (e == 0)
            return 0;
        if (entry_key(e) != key || !is_live(ix, e))
            continue;
        if (*n == cap)
            return 1; /* more than cap */
        docs[(*n)++] = entry_doc(e);
    }
}

static void place(uint64_t *slot, size_t cap, uint64_t e, uint32_t live_from)
{
    for (size_t i = home(entry_key(e), cap);; i = next_slot(i, cap)) {
        uint64_t s = slot[i];
        if (s == 0 || entry_doc(s) < live_from) {
            slot[i] = e;
            return;
        }
    }
}

static size_t count_live(const sl_anchor_index *ix)
{
    size_t live = 0;
    for (size_t i = 0; i < ix->cap; i++)
        live += is_live(ix, ix->slot[i]);
    return live;
}

/* Rebuild 62.5% full with the live entries plus the ones to come. */
static int rebuild(sl_anchor_index *ix, size_t extra)
{
    size_t live = count_live(ix);
    size_t want = live + extra;
    if (want > (SIZE_MAX / sizeof *ix->slot) / 2)
        return sl_oom(ix->ctx);
    size_t cap = want + want / 2 + want / 10;
    if (cap < MIN_CAP)
        cap = MIN_CAP;
    uint64_t *slot = sl_calloc(ix->ctx, cap, sizeof *slot);
    if (!slot)
        return sl_oom(ix->ctx);
    /* Re-insert in slot order: deterministic for a given history. */
    for (size_t i = 0; i < ix->cap; i++)
        if (is_live(ix, ix->slot[i]))
            place(slot, cap, ix->slot[i], ix->live_from);
    sl_free(ix->ctx, ix->slot);
    ix->slot = slot;
    ix->cap = cap;
    ix->used = live;
    return SL_OK;
}

/* Keep the table at most 80% full of occupied (live or dead) slots:
 * linear probing stays short (about 13 slots, two cache lines, for a key
 * that is not there). */
static int over_full(const sl_anchor_index *ix, size_t extra)
{
    return 5 * (ix->used + extra) > 4 * ix->cap;
}

int sl_anchor_reserve(sl_anchor_index *ix, size_t extra)
{
    if (!over_full(ix, extra))
        return SL_OK;
    int rc = rebuild(ix, extra);
    if (rc)
        return rc;
    return SL_OK;
}

void sl_anchor_insert(sl_anchor_index *ix, uint32_t key, uint32_t doc)
{
    uint64_t e = ((uint64_t)key << 32) | ((uint64_t)doc + 1);
    for (size_t i = home(key, ix->cap);; i = next_slot(i, ix->cap)) {
        uint64_t s = ix->slot[i];
        if (s == 0) {
            ix->slot[i] = e;
            ix->used++;
            return;
        }
        if (entry_doc(s) < ix->live_from) {
            ix->slot[i] = e; /* reuse a dead slot: used stays the same */
            return;
        }
    }
}
