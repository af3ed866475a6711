/* The content hashes a sharded or MPI `storyline run` has queued (see
 * dist_seen in cli/dist.h): an open-addressing set of 16-byte hashes. */
#include "dist.h"

#include <stdlib.h>
#include <string.h>

typedef struct seen_set {
    uint8_t (*slot)[16];     /* all zero: empty */
    size_t cap, used;
} seen_set;

static seen_set seen;

static size_t start_of(const uint8_t h[16], size_t cap)
{
    uint64_t v;
    memcpy(&v, h, sizeof v);
    return (size_t)(v ^ v >> 29) & (cap - 1);
}

static bool is_empty(const uint8_t s[16])
{
    static const uint8_t zero[16];
    return memcmp(s, zero, 16) == 0;
}

static size_t find(const seen_set *t, const uint8_t h[16])
{
    size_t i = start_of(h, t->cap);
    while (!is_empty(t->slot[i]) && memcmp(t->slot[i], h, 16) != 0)
        i = (i + 1) & (t->cap - 1);
    return i;
}

static bool grow(seen_set *t)
{
    size_t cap = t->cap ? 2 * t->cap : 4096;
    seen_set n = { calloc(cap, 16), cap, 0 };
    if (!n.slot)
        return false;
    for (size_t i = 0; i < t->cap; i++)
        if (!is_empty(t->slot[i])) {
            memcpy(n.slot[find(&n, t->slot[i])], t->slot[i], 16);
            n.used++;
        }
    free(t->slot);
    *t = n;
    return true;
}

int dist_seen(const uint8_t hash[16])
{
    if (!seen.cap || is_empty(hash))
        return 0;
    return !is_empty(seen.slot[find(&seen, hash)]);
}

int dist_remember(const uint8_t hash[16])
{
    if (is_empty(hash))
        return 0; /* an all-zero hash cannot be told from an empty slot: never skipped */
    if ((seen.used + 1) * 2 > seen.cap && !grow(&seen))
        return -1;
    size_t i = find(&seen, hash);
    if (is_empty(seen.slot[i])) {
        memcpy(seen.slot[i], hash, 16);
        seen.used++;
    }
    return 0;
}
