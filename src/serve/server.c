/* The HTTP server: options, the listening socket, libmicrohttpd's daemon
 * (its own thread pool) and the checks every request passes before a
 * route answers it (method, size limits, rate).  docs/serve.md. */
#include "serve/serve.h"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* What the URI callback finds in the raw request line, kept in the
 * request's closure pointer as bits (no allocation per request). */
enum {
    RQ_SEEN = 1 << 0,
    RQ_URI_LONG = 1 << 1,
    RQ_QUERY_LONG = 1 << 2,
    RQ_NUL = 1 << 3,
    RQ_ENCODED_PATH = 1 << 4, /* %2e, %2f or %5c in the path */
    RQ_CHECKED = 1 << 5,
    RQ_ANSWERED = 1 << 6
};

static int is_encoded_separator(const char *p)
{
    if (p[0] != '%' || !p[1] || !p[2])
        return 0;
    char a = p[1], b = (char)(p[2] | 0x20);
    return (a == '2' && (b == 'e' || b == 'f')) || (a == '5' && b == 'c');
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)conn;
    const sl_server *srv = cls;
    uintptr_t flags = RQ_SEEN;
    size_t len = strlen(uri);
    if (len > srv->opts.max_uri)
        flags |= RQ_URI_LONG;
    const char *query = strchr(uri, '?');
    if (query && strlen(query + 1) > srv->opts.max_query)
        flags |= RQ_QUERY_LONG;
    for (const char *p = uri; *p; p++) {
        if (p[0] == '%' && p[1] == '0' && p[2] == '0')
            flags |= RQ_NUL;
        if ((!query || p < query) && is_encoded_separator(p))
            flags |= RQ_ENCODED_PATH;
    }
    return (void *)flags;
}

void serve_common_headers(void *response)
{
    struct MHD_Response *resp = response;
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; base-uri 'none'; form-action 'self'; "
                            "frame-ancestors 'none'");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

/* Queue the JSON the worker's sl_out holds (or a fixed body). */
static enum MHD_Result queue_json(serve_req *r, int status, const char *body, size_t len,
                                  const char *allow)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    serve_common_headers(resp);
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->retry_after)
        MHD_add_response_header(resp, "Retry-After", r->retry_after);
    if (allow)
        MHD_add_response_header(resp, "Allow", allow);
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* An error without a worker: the message must need no JSON escaping. */
static enum MHD_Result queue_early_error(serve_req *r, int status, const char *message,
                                         const char *allow)
{
    char body[256];
    int n = snprintf(body, sizeof body, "{\"error\": {\"status\": %d, \"message\": \"%s\"}}\n",
                     status, message);
    return queue_json(r, status, body, n > 0 && (size_t)n < sizeof body ? (size_t)n : 0, allow);
}

int serve_queue_error(serve_req *r, int status, const char *message)
{
    return queue_early_error(r, status, message, NULL);
}

/* JSON with <, > and & written as \u escapes: they occur only inside
 * strings, so the text means the same, and no answer holds markup even if
 * a client ignores its content type. */
static int escape_markup(sl_buf *out, const char *data, size_t len)
{
    sl_buf_reset(out);
    int rc = sl_buf_reserve(out, len + 64);
    size_t run = 0;
    for (size_t i = 0; !rc && i <= len; i++) {
        char c = i < len ? data[i] : '\0';
        if (i < len && c != '<' && c != '>' && c != '&')
            continue;
        rc = sl_buf_append(out, data + run, i - run);
        if (!rc && i < len)
            rc = sl_buf_puts(out, c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : "\\u0026");
        run = i + 1;
    }
    return rc;
}

static enum MHD_Result answer_api(serve_req *r)
{
    serve_worker *w = serve_pool_take(&r->srv->pool);
    if (!w) {
        r->retry_after = "1";
        return queue_early_error(r, 503, "the store is busy", NULL);
    }
    r->w = w;
    sl_out_reset(w->out);
    sl_clear_error(w->ctx);
    int status = serve_api(r, r->path + 4);
    const char *data = NULL;
    size_t len = 0;
    if (sl_out_finish(w->out, &data, &len) != SL_OK) {
        serve_error(r, 500, "out of memory");
        status = 500;
        if (sl_out_finish(w->out, &data, &len) != SL_OK)
            data = NULL;
    }
    if (data && escape_markup(&w->body, data, len) == SL_OK) {
        data = w->body.ptr;
        len = w->body.len;
    } else {
        data = NULL;
    }
    enum MHD_Result ret = data ? queue_json(r, status, data, len, NULL)
                               : queue_early_error(r, 500, "out of memory", NULL);
    serve_pool_give(&r->srv->pool, w);
    return ret;
}

/* Sum of the request's header lines, to hold them to max_request. */
static enum MHD_Result add_header_size(void *cls, enum MHD_ValueKind kind, const char *key,
                                       const char *value)
{
    (void)kind;
    size_t *total = cls;
    *total += strlen(key) + (value ? strlen(value) : 0) + 4;
    return MHD_YES;
}

static int has_body(struct MHD_Connection *conn)
{
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (cl && strcmp(cl, "0") != 0)
        return 1;
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding") != NULL;
}

static uint32_t client_addr(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr || ci->client_addr->sa_family != AF_INET)
        return 1;
    const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)ci->client_addr;
    uint32_t a = ntohl(in->sin_addr.s_addr);
    return a ? a : 1;
}

/* The checks of docs/serve.md "Errors", in order; MHD_YES/NO when one of
 * them answered, -1 when the request may go on. */
static int check_request(serve_req *r, const char *method, uintptr_t flags)
{
    int get = strcmp(method, MHD_HTTP_METHOD_GET) == 0;
    if (!get && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return queue_early_error(r, 405, "only GET and HEAD are allowed", "GET, HEAD");
    if (flags & RQ_URI_LONG)
        return queue_early_error(r, 414, "the URI is too long", NULL);
    if (flags & RQ_QUERY_LONG)
        return queue_early_error(r, 414, "the query string is too long", NULL);
    if (flags & RQ_NUL)
        return queue_early_error(r, 400, "the URI holds a NUL byte", NULL);
    if (has_body(r->conn))
        return queue_early_error(r, 413, "a request body is not accepted", NULL);
    size_t total = strlen(r->path);
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, add_header_size, &total);
    if (total > r->srv->opts.max_request)
        return queue_early_error(r, 413, "the request headers are too large", NULL);
    if (!serve_rate_allow(&r->srv->rate, client_addr(r->conn))) {
        r->retry_after = "1";
        return queue_early_error(r, 429, "too many requests", NULL);
    }
    return -1;
}

/* Called twice for a request without a body: the first call (headers
 * read) runs the checks, which may answer at once (the connection is then
 * closed); the second answers the route, which keeps the connection alive
 * (libmicrohttpd closes it after an answer given on the first call). */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
    (void)version;
    (void)upload_data;
    uintptr_t flags = (uintptr_t)*req_cls;
    serve_req r = { cls, conn, NULL, url ? url : "", NULL };
    if (!(flags & RQ_CHECKED)) {
        *req_cls = (void *)(flags | RQ_CHECKED);
        int checked = check_request(&r, method, flags);
        if (checked != -1)
            *req_cls = (void *)(flags | RQ_CHECKED | RQ_ANSWERED);
        return checked != -1 ? (enum MHD_Result)checked : MHD_YES;
    }
    if ((flags & RQ_ANSWERED) || *upload_data_size) {
        *upload_data_size = 0;  /* a body: dropped (refused on the first call) */
        return MHD_YES;
    }
    *req_cls = (void *)(flags | RQ_ANSWERED);
    if (strncmp(r.path, "/api/", 5) == 0 || strcmp(r.path, "/api") == 0)
        return answer_api(&r);
    if (flags & RQ_ENCODED_PATH)
        return queue_early_error(&r, 400, "the path holds an encoded '.', '/' or backslash", NULL);
    return (enum MHD_Result)serve_static(&r);
}

static void quiet_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    (void)fmt;
    (void)ap;
}

/* ---------------------------------------------------------------- start */

static void fill_defaults(sl_server_options *o)
{
    sl_server_options d = SL_SERVER_OPTIONS_INIT;
    if (!o->listen) o->listen = d.listen;
    if (!o->threads) o->threads = d.threads;
    if (!o->max_request) o->max_request = d.max_request;
    if (!o->max_uri) o->max_uri = d.max_uri;
    if (!o->max_query) o->max_query = d.max_query;
    if (!o->max_connections) o->max_connections = d.max_connections;
    if (!o->burst) o->burst = d.burst;
    if (!o->timeout) o->timeout = d.timeout;
    if (!o->max_page) o->max_page = d.max_page;
}

static int check_options(sl_ctx *ctx, const sl_server_options *o)
{
    if (!o || o->version != SL_SERVER_OPTIONS_VERSION)
        return sl_error(ctx, SL_EINVAL, "serve: options of an unknown version");
    if (!o->db)
        return sl_error(ctx, SL_EINVAL, "serve: no store given");
    if (o->port > 65535)
        return sl_error(ctx, SL_EINVAL, "serve: port %u is not a port (0..65535)", o->port);
    if (o->threads > 256 || o->rate < 0 || o->max_page > 100000)
        return sl_error(ctx, SL_EINVAL, "serve: threads (1..256), rate or page size out of range");
    return SL_OK;
}

static int open_listener(sl_server *srv)
{
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)srv->opts.port);
    if (inet_pton(AF_INET, srv->opts.listen, &addr.sin_addr) != 1)
        return sl_error(srv->ctx, SL_EINVAL, "serve: '%s' is not an IPv4 address",
                        srv->opts.listen);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return sl_error(srv->ctx, SL_EIO, "serve: cannot make a socket: %s", strerror(errno));
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    socklen_t alen = sizeof addr;
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 128) != 0 ||
        getsockname(fd, (struct sockaddr *)&addr, &alen) != 0) {
        int err = errno;
        close(fd);
        return sl_error(srv->ctx, SL_EIO, "serve: cannot listen on %s:%u: %s", srv->opts.listen,
                        srv->opts.port, strerror(err));
    }
    srv->listen_fd = fd;
    srv->port = ntohs(addr.sin_port);
    return SL_OK;
}

static int resolve_web_root(sl_server *srv)
{
    if (!srv->opts.web_root)
        return SL_OK;
    char buf[PATH_MAX];
    if (!realpath(srv->opts.web_root, buf))
        return sl_error(srv->ctx, SL_EIO, "serve: web directory '%s': %s", srv->opts.web_root,
                        strerror(errno));
    size_t len = strlen(buf);
    srv->web_root = sl_malloc(srv->ctx, len + 1);
    if (!srv->web_root)
        return sl_oom(srv->ctx);
    memcpy(srv->web_root, buf, len + 1);
    srv->web_root_len = len;
    return SL_OK;
}

static int start_daemon(sl_server *srv)
{
    unsigned memory = (unsigned)(srv->opts.max_request + srv->opts.max_uri) * 2;
    if (memory < 32768)
        memory = 32768;
    unsigned pool = srv->opts.threads > 1 ? srv->opts.threads : 0;
    srv->daemon = MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL, on_request, srv,
        MHD_OPTION_EXTERNAL_LOGGER, quiet_log, NULL,
        MHD_OPTION_LISTEN_SOCKET, srv->listen_fd,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
        MHD_OPTION_THREAD_POOL_SIZE, pool,
        MHD_OPTION_CONNECTION_LIMIT, srv->opts.max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, srv->opts.timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)memory,
        MHD_OPTION_END);
    if (!srv->daemon)
        return sl_error(srv->ctx, SL_EIO, "serve: the HTTP server did not start on port %u",
                        srv->port);
    srv->listen_fd = -1;  /* the daemon closes it */
    return SL_OK;
}

int sl_server_start(sl_ctx *ctx, sl_server **out, const sl_server_options *opts)
{
    *out = NULL;
    int rc = check_options(ctx, opts);
    if (rc)
        return rc;
    sl_server *srv = sl_malloc(ctx, sizeof *srv);
    if (!srv)
        return sl_oom(ctx);
    memset(srv, 0, sizeof *srv);
    srv->ctx = ctx;
    srv->opts = *opts;
    srv->listen_fd = -1;
    fill_defaults(&srv->opts);
    rc = resolve_web_root(srv);
    if (!rc) rc = serve_pool_open(srv);
    if (!rc) rc = serve_rate_init(srv);
    if (!rc) rc = serve_entities_init(srv);
    if (!rc) rc = open_listener(srv);
    if (!rc) rc = start_daemon(srv);
    if (rc) {
        sl_server_free(srv);
        return rc;
    }
    *out = srv;
    return SL_OK;
}

unsigned sl_server_port(const sl_server *s)
{
    return s ? s->port : 0;
}

void sl_server_stop(sl_server *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    s->daemon = NULL;
    if (s->listen_fd >= 0)
        close(s->listen_fd);
    s->listen_fd = -1;
}

void sl_server_free(sl_server *s)
{
    if (!s)
        return;
    sl_server_stop(s);
    if (s->pool_ready)
        serve_pool_close(s);
    if (s->rate_ready)
        serve_rate_free(s);
    serve_entities_free(&s->entities);
    sl_free(s->ctx, s->web_root);
    sl_free(s->ctx, s);
}
