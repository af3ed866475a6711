/* The HTTP server on loopback, over a small store written here with SQL,
 * spoken to over a plain socket: the lists and their paging, a story's
 * events in date order, a document with its offsets, search, markup in an
 * article coming back escaped, the error statuses, static files and
 * traversal, the rate limit, start failures (no store, port in use) and
 * allocation failures while starting.  The texts are made up. */
#include "test_util.h"
#include "store/store.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static const char fixture_sql[] =
    "BEGIN;"
    "INSERT INTO documents(doc, id, source, title, date, raw_text, text, cleaned, hash, event, story, score) VALUES"
    " (0, 'a-tram', 'Alpha News', 'Council backs tram', '2024-05-09', x'48656c6c6f',"
    "  'Council backs tram\nThe Dunmore council approved the tram line on Wednesday. "
    "\"Construction will begin next spring,\" said Ida Brenn.', 1, x'01', 0, 0, 1),"
    " (1, 'b-tram', 'Beta Post', 'Tram <script>alert(1)</script> approved', '2024-05-09', x'00',"
    "  'Tram line approved\nDunmore approved the tram. <script>alert(1)</script> <img src=x onerror=alert(1)>',"
    "  1, x'02', 0, 0, 0.8),"
    " (2, 'a-survey', 'Alpha News', 'Route surveyed', '2024-03-02', x'00',"
    "  'Route surveyed\nEngineers surveyed the tram route through Dunmore on Friday.',"
    "  1, x'03', 2, 0, 1);"
    "INSERT INTO stories(story, id, label, title, title_doc, first, last, size) VALUES"
    " (0, 'a-tram', '[\"tram\", \"Dunmore\"]', 'Council backs tram', 0, '2024-03-02', '2024-05-09', 2);"
    "INSERT INTO events(event, id, story, label, title, title_doc, first, last, size) VALUES"
    " (0, 'a-tram', 0, '[\"tram\"]', 'Council backs tram', 0, '2024-05-09', '2024-05-09', 2),"
    " (2, 'a-survey', 0, '[\"survey\"]', 'Route surveyed', 2, '2024-03-02', '2024-03-02', 1);"
    "INSERT INTO entities(doc, start, \"end\", type, canonical, role) VALUES"
    " (0, 23, 30, 'LOC', 'Dunmore', NULL), (1, 19, 26, 'LOC', 'Dunmore', NULL),"
    " (2, 57, 64, 'LOC', 'Dunmore', NULL), (0, 120, 129, 'PER', 'Ida Brenn', NULL);"
    "INSERT INTO quotes(doc, content_start, content_end, speaker, speaker_start, speaker_end, kind) VALUES"
    " (0, 76, 114, 'Ida Brenn', 120, 129, 'direct');"
    "INSERT INTO removals(doc, start, \"end\", reason) VALUES (0, 0, 2, 'boilerplate');"
    "INSERT INTO dups(doc, relation, of, similarity, cluster) VALUES (1, 'near', 0, 0.9, 0);"
    "INSERT INTO search(search) VALUES('rebuild');"
    "COMMIT;";

typedef struct fixture {
    char dir[64], path[96], web[96];
    sl_ctx *ctx;
    sl_server *srv;
    unsigned port;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/sl-serve-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/s.db", f->dir);
    snprintf(f->web, sizeof f->web, "%s/web", f->dir);
    assert_int_equal(mkdir(f->web, 0755), 0);
    char index[128];
    snprintf(index, sizeof index, "%s/index.html", f->web);
    FILE *fp = fopen(index, "w");
    assert_non_null(fp);
    fputs("<!doctype html><title>unit</title>\n", fp);
    fclose(fp);
    f->ctx = test_ctx();
    sl_store *store;
    assert_int_equal(sl_store_open(f->ctx, &store, f->path, SL_STORE_CREATE), SL_OK);
    char *msg = NULL;
    if (sqlite3_exec(store->db, fixture_sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("fixture: %s", msg ? msg : "?");
    sl_store_close(store);
    sl_server_options o = SL_SERVER_OPTIONS_INIT;
    o.port = 0;
    o.db = f->path;
    o.web_root = f->web;
    o.threads = 2;
    o.rate = 0;
    assert_int_equal(sl_server_start(f->ctx, &f->srv, &o), SL_OK);
    f->port = sl_server_port(f->srv);
    assert_true(f->port > 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sl_server_free(f->srv);
    char buf[160];
    const char *names[] = { "s.db", "s.db-wal", "s.db-shm", "web/index.html" };
    for (int i = 0; i < 4; i++) {
        snprintf(buf, sizeof buf, "%s/%s", f->dir, names[i]);
        unlink(buf);
    }
    rmdir(f->web);
    rmdir(f->dir);
    sl_ctx_free(f->ctx);
    free(f);
    return 0;
}

/* Send `request` as is; the whole answer (the server closes after it when
 * the request says Connection: close) into a malloc'd string. */
static char *exchange(unsigned port, const char *request, size_t len)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    size_t sent = 0;
    while (sent < len) {
        ssize_t n = send(fd, request + sent, len - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;  /* the server may answer and close before reading it all */
        sent += (size_t)n;
    }
    size_t cap = 1 << 16, got = 0;
    char *buf = malloc(cap);
    ssize_t n;
    while ((n = recv(fd, buf + got, cap - got - 1, 0)) > 0) {
        got += (size_t)n;
        if (got + 1 == cap)
            buf = realloc(buf, cap *= 2);
    }
    buf[got] = '\0';
    close(fd);
    return buf;
}

static char *get(unsigned port, const char *method, const char *path)
{
    size_t cap = strlen(path) + 128;
    char *req = malloc(cap);
    int n = snprintf(req, cap, "%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                     method, path);
    char *answer = exchange(port, req, (size_t)n);
    free(req);
    return answer;
}

static int status_of(const char *answer)
{
    int status = 0;
    return sscanf(answer, "HTTP/1.1 %d", &status) == 1 ? status : -1;
}

static const char *body_of(const char *answer)
{
    const char *b = strstr(answer, "\r\n\r\n");
    return b ? b + 4 : "";
}

/* Status and that the body holds `want`. */
static void expect(fixture *f, const char *path, int status, const char *want)
{
    char *a = get(f->port, "GET", path);
    if (status_of(a) != status || !strstr(body_of(a), want))
        fail_msg("%s: expected %d with %s, got:\n%s", path, status, want, a);
    free(a);
}

static void test_lists(void **state)
{
    fixture *f = *state;
    expect(f, "/api/stories", 200,
           "{\"stories\": [{\"id\": \"a-tram\", \"label\": [\"tram\", \"Dunmore\"], \"title\": "
           "\"Council backs tram\", \"events\": 2, \"documents\": 3, \"first\": \"2024-03-02\", "
           "\"last\": \"2024-05-09\"}], \"total\": 1, \"limit\": 50, \"offset\": 0}");
    /* the earlier event first, each with its story */
    char *a = get(f->port, "GET", "/api/stories/a-tram");
    const char *survey = strstr(a, "\"id\": \"a-survey\""), *tram = strstr(a, "\"events\": [");
    assert_non_null(survey);
    assert_non_null(tram);
    assert_non_null(strstr(tram, "\"id\": \"a-tram\""));
    assert_true(survey < strstr(tram, "\"id\": \"a-tram\""));
    free(a);
    expect(f, "/api/events?limit=1&offset=1", 200,
           "{\"events\": [{\"id\": \"a-tram\", \"title\": \"Council backs tram\", \"label\": [\"tram\"], "
           "\"documents\": 2, \"first\": \"2024-05-09\", \"last\": \"2024-05-09\", \"story\": \"a-tram\"}], "
           "\"total\": 2, \"limit\": 1, \"offset\": 1}");
    expect(f, "/api/entities?q=dun", 200,
           "{\"entities\": [{\"canonical\": \"Dunmore\", \"type\": \"LOC\", \"documents\": 3}], \"total\": 1");
}

static void test_document(void **state)
{
    fixture *f = *state;
    expect(f, "/api/documents/a-tram", 200, "\"quotes\": [{\"content\": [76, 114], \"speaker\": "
                                            "\"Ida Brenn\", \"speaker_at\": [120, 129], \"source\": null");
    expect(f, "/api/documents/a-tram", 200, "\"raw\": \"Hello\", \"raw_utf8\": true");
    expect(f, "/api/documents/a-tram", 200, "\"removed\": [{\"start\": 0, \"end\": 2, \"reason\": \"boilerplate\"}]");
    expect(f, "/api/documents/b-tram", 200,
           "\"dup\": {\"relation\": \"near\", \"of\": \"a-tram\", \"similarity\": 0.9, \"cluster\": \"a-tram\"}");
    /* markup is data: escaped, never raw, in the answer */
    char *a = get(f->port, "GET", "/api/documents/b-tram");
    assert_int_equal(status_of(a), 200);
    assert_null(strstr(body_of(a), "<script"));
    assert_null(strstr(body_of(a), "<img"));
    assert_non_null(strstr(body_of(a), "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    assert_non_null(strstr(a, "Content-Type: application/json; charset=utf-8"));
    assert_non_null(strstr(a, "X-Content-Type-Options: nosniff"));
    free(a);
    expect(f, "/api/search?q=surveyed", 200, "\"id\": \"a-survey\"");
    expect(f, "/api/search?q=surveyed", 200, "\"total\": null, \"limit\": 50, \"offset\": 0}");
}

static void test_errors(void **state)
{
    fixture *f = *state;
    expect(f, "/api/stories?limit=0", 400,
           "{\"error\": {\"status\": 400, \"message\": \"limit must be an integer 1..500\"}}");
    expect(f, "/api/stories?offset=x", 400, "offset must be an integer 0..1000000");
    expect(f, "/api/search?q=", 400, "q is required");
    expect(f, "/api/stories/nope", 404, "no story 'nope'");
    expect(f, "/api/documents/nope", 404, "no document 'nope'");
    expect(f, "/api/timeline/nope", 404, "no story or event 'nope'");
    expect(f, "/api/what", 404, "no API path '/api/what'");
    char *a = get(f->port, "POST", "/api/stories");
    assert_int_equal(status_of(a), 405);
    assert_non_null(strstr(a, "Allow: GET, HEAD"));
    free(a);
    char long_path[9100] = "/api/stories?x=";
    memset(long_path + 15, 'a', 9000);
    long_path[9015] = '\0';
    expect(f, long_path, 414, "the URI is too long");
}

static void test_static(void **state)
{
    fixture *f = *state;
    char *a = get(f->port, "GET", "/");
    assert_int_equal(status_of(a), 200);
    assert_string_equal(body_of(a), "<!doctype html><title>unit</title>\n");
    assert_non_null(strstr(a, "Content-Type: text/html; charset=utf-8"));
    assert_non_null(strstr(a, "Content-Security-Policy: default-src 'self'"));
    free(a);
    expect(f, "/../s.db", 400, "bad path");
    expect(f, "/%2e%2e/s.db", 400, "encoded");
    expect(f, "/..%2fs.db", 400, "encoded");
    expect(f, "/nothing.css", 404, "not found");
}

static void test_rate_and_start_failures(void **state)
{
    fixture *f = *state;
    sl_server_options o = SL_SERVER_OPTIONS_INIT;
    o.port = 0;
    o.db = f->path;
    o.rate = 1;
    o.burst = 2;
    sl_server *srv = NULL;
    assert_int_equal(sl_server_start(f->ctx, &srv, &o), SL_OK);
    int statuses[4];
    for (int i = 0; i < 4; i++) {
        char *a = get(sl_server_port(srv), "GET", "/api/stories");
        statuses[i] = status_of(a);
        if (statuses[i] == 429)
            assert_non_null(strstr(a, "Retry-After: 1"));
        free(a);
    }
    assert_int_equal(statuses[0], 200);
    assert_int_equal(statuses[1], 200);
    assert_int_equal(statuses[3], 429);
    /* the port is taken */
    sl_server *again = NULL;
    o.port = sl_server_port(srv);
    assert_int_equal(sl_server_start(f->ctx, &again, &o), SL_EIO);
    assert_null(again);
    assert_non_null(strstr(sl_errmsg(f->ctx), "cannot listen on 127.0.0.1"));
    sl_server_free(srv);
    sl_server_free(NULL);
    /* no store */
    o.port = 0;
    o.db = "/nonexistent/dir/s.db";
    assert_int_equal(sl_server_start(f->ctx, &again, &o), SL_EIO);
    o.db = NULL;
    assert_int_equal(sl_server_start(f->ctx, &again, &o), SL_EINVAL);
}

/* Every allocation of a start failing in turn: an error, no leak, no crash
 * (the workers' own contexts are not failed here). */
static void test_allocation_failures(void **state)
{
    fixture *f = *state;
    sl_server_options o = SL_SERVER_OPTIONS_INIT;
    o.port = 0;
    o.db = f->path;
    o.web_root = f->web;
    o.threads = 2;
    int ok = 0;
    for (uint64_t n = 1; n < 50 && !ok; n++) {
        sl_ctx *ctx = test_ctx();
        sl_ctx_set_fail_alloc_after(ctx, n);
        sl_server *srv = NULL;
        int rc = sl_server_start(ctx, &srv, &o);
        if (rc == SL_OK) {
            ok = 1;
            sl_server_free(srv);
        } else {
            assert_null(srv);
        }
        sl_ctx_free(ctx);
    }
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_document, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_static, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rate_and_start_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_allocation_failures, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
