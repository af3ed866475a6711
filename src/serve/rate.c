/* Per-client rate limit: a token bucket per IPv4 address (`rate` tokens a
 * second, at most `burst`), in a fixed table so that many clients cannot
 * make the server allocate.  An address hashes to a group of slots; a new
 * address takes the slot of the group seen longest ago (its bucket then
 * starts full: the limit is best effort under address churn). */
#include "serve/serve.h"

#include <string.h>
#include <time.h>

enum { RATE_SLOTS = 4096, RATE_GROUP = 8 };

int serve_rate_init(sl_server *srv)
{
    serve_rate *r = &srv->rate;
    r->rate = srv->opts.rate;
    r->burst = srv->opts.burst;
    if (r->rate <= 0)
        return SL_OK;  /* unlimited: no table */
    r->slots = sl_calloc(srv->ctx, RATE_SLOTS, sizeof *r->slots);
    if (!r->slots)
        return sl_oom(srv->ctx);
    r->n = RATE_SLOTS;
    pthread_mutex_init(&r->lock, NULL);
    srv->rate_ready = 1;
    return SL_OK;
}

void serve_rate_free(sl_server *srv)
{
    pthread_mutex_destroy(&srv->rate.lock);
    sl_free(srv->ctx, srv->rate.slots);
    srv->rate.slots = NULL;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static serve_bucket *find_slot(serve_rate *r, uint32_t addr, double now)
{
    uint32_t h = addr * 2654435761u;
    size_t base = (size_t)(h >> 20) % (r->n / RATE_GROUP) * RATE_GROUP;
    serve_bucket *victim = NULL;  /* a free slot, else the one seen longest ago */
    for (size_t i = 0; i < RATE_GROUP; i++) {
        serve_bucket *b = &r->slots[base + i];
        if (b->addr == addr)
            return b;
        if (!b->addr) {
            if (!victim || victim->addr)
                victim = b;
        } else if (!victim || (victim->addr && b->last < victim->last)) {
            victim = b;
        }
    }
    serve_bucket *oldest = victim;
    oldest->addr = addr;
    oldest->tokens = r->burst;
    oldest->last = now;
    return oldest;
}

int serve_rate_allow(serve_rate *r, uint32_t addr)
{
    if (!r->slots)
        return 1;
    double now = now_seconds();
    pthread_mutex_lock(&r->lock);
    serve_bucket *b = find_slot(r, addr, now);
    b->tokens += (now - b->last) * r->rate;
    if (b->tokens > r->burst)
        b->tokens = r->burst;
    b->last = now;
    int ok = b->tokens >= 1.0;
    if (ok)
        b->tokens -= 1.0;
    pthread_mutex_unlock(&r->lock);
    return ok;
}
