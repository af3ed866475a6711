/* Internals of the HTTP server (src/serve, docs/serve.md): the server, its
 * workers (one read-only store connection each), the per-client rate
 * limiter and the request being answered. */
#ifndef SL_SERVE_H
#define SL_SERVE_H

#include "core/core.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>

struct MHD_Connection;
struct MHD_Daemon;

/* What one worker thread reads and writes with: nothing here is shared, so
 * a request never waits for another one's SQLite connection. */
typedef struct serve_worker {
    sl_ctx *ctx;
    sl_store *store;
    sl_timeline *tl;
    sl_out *out;
    sl_buf body;             /* the answer with <, > and & escaped */
    int busy;
} serve_worker;

typedef struct serve_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    serve_worker *workers;
    size_t n;
} serve_pool;

/* Token buckets by client address, a fixed table: a new client takes the
 * slot of the one seen longest ago among the few its address hashes to. */
typedef struct serve_bucket {
    uint32_t addr;           /* IPv4 address; 0 when the slot is free */
    double tokens;
    double last;             /* seconds, monotonic */
} serve_bucket;

typedef struct serve_rate {
    pthread_mutex_t lock;
    serve_bucket *slots;
    size_t n;
    double rate, burst;
} serve_rate;

/* The entity list, kept (entities.c). */
typedef struct serve_entity {
    size_t canonical, type;  /* offsets into text */
    size_t canonical_len, type_len;
    int64_t docs;
} serve_entity;

typedef struct serve_entities {
    pthread_mutex_t lock;
    sl_ctx *ctx;             /* its own: used only under the lock */
    serve_entity *items;
    size_t n, cap;
    sl_buf text;
    uint64_t stamp;          /* documents stamp the list was made at */
    int built, ready;
} serve_entities;

struct sl_server {
    sl_ctx *ctx;
    sl_server_options opts;
    char *web_root;          /* realpath of the web directory; NULL: none */
    size_t web_root_len;
    serve_pool pool;
    serve_rate rate;
    serve_entities entities;
    struct MHD_Daemon *daemon;
    unsigned port;
    int listen_fd;
    int pool_ready, rate_ready;
};

/* One request: what the handlers read, and the answer they build in the
 * worker's sl_out (status returned by each handler). */
typedef struct serve_req {
    sl_server *srv;
    struct MHD_Connection *conn;
    serve_worker *w;
    const char *path;        /* the decoded path */
    const char *retry_after; /* header to add, or NULL */
} serve_req;

enum { SERVE_MAX_OFFSET = 1000000, SERVE_MAX_SEARCH_DEPTH = 10000 };

/* pool.c */
int serve_pool_open(sl_server *srv);
void serve_pool_close(sl_server *srv);
serve_worker *serve_pool_take(serve_pool *p);
void serve_pool_give(serve_pool *p, serve_worker *w);

/* rate.c: 1 when the client may go on, 0 when it must wait. */
int serve_rate_init(sl_server *srv);
void serve_rate_free(sl_server *srv);
int serve_rate_allow(serve_rate *r, uint32_t addr);

/* reply.c: JSON answers and parameters.  Each returns the HTTP status. */
int serve_error(serve_req *r, int status, const char *fmt, ...);
/* The failure of a store or timeline call: 503 when the store is busy or
 * unreadable, 500 for the rest. */
int serve_store_error(serve_req *r, int rc);
/* A query parameter, NULL when absent. */
const char *serve_param(serve_req *r, const char *name);
/* An unsigned parameter in [min, max]; `dflt` when absent.  0, or the 400
 * answer (naming the parameter) already built. */
int serve_param_uint(serve_req *r, const char *name, uint64_t dflt, uint64_t min, uint64_t max,
                     uint64_t *out);
/* limit and offset, per docs/serve.md. */
int serve_paging(serve_req *r, uint64_t *limit, uint64_t *offset);
/* A YYYY-MM-DD parameter (NULL when absent), or the 400 answer. */
int serve_param_date(serve_req *r, const char *name, const char **out);
/* Keys of JSON objects the handlers write. */
int serve_key_str(sl_out *o, const char *key, sl_str v);
int serve_key_str_or_null(sl_out *o, const char *key, sl_str v);
int serve_key_int(sl_out *o, const char *key, int64_t v);
/* A JSON value the store keeps as text (a label, evidence), copied as a
 * value; null when empty.  json_copy.c */
int serve_copy_json(sl_ctx *ctx, sl_out *o, sl_str json);
int serve_key_json(sl_ctx *ctx, sl_out *o, const char *key, sl_str json);
/* `"total": N, "limit": N, "offset": N` closing a list answer. */
int serve_paging_json(sl_out *o, int64_t total, uint64_t limit, uint64_t offset);

/* api.c: the /api/ routes; status returned, body in r->w->out. */
int serve_api(serve_req *r, const char *route);
int serve_api_stories(serve_req *r, const char *rest);
int serve_api_events(serve_req *r);
int serve_api_timeline(serve_req *r, const char *key);
int serve_api_compare(serve_req *r, const char *key);
/* api_doc.c */
int serve_api_document(serve_req *r, const char *id);
/* api_search.c */
int serve_api_search(serve_req *r);
/* entities.c */
int serve_entities_init(sl_server *srv);
void serve_entities_free(serve_entities *c);
int serve_api_entities(serve_req *r);

/* files.c: a static file under the web root, queued on the connection;
 * returns the MHD result. */
int serve_static(serve_req *r);
/* server.c: queue a JSON error (message needing no escapes); MHD result. */
int serve_queue_error(serve_req *r, int status, const char *message);
/* Headers every answer carries. */
void serve_common_headers(void *response);

#endif
