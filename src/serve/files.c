/* Static files under the web root (docs/serve.md "Static files"): the
 * decoded path is checked segment by segment, then resolved with realpath
 * and must still be under the root, and be a regular file. */
#include "serve/serve.h"

#include <microhttpd.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct { const char *ext, *type; } content_types[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".css", "text/css; charset=utf-8" },
    { ".js", "text/javascript; charset=utf-8" },
    { ".mjs", "text/javascript; charset=utf-8" },
    { ".svg", "image/svg+xml" },
    { ".png", "image/png" },
    { ".json", "application/json; charset=utf-8" },
    { ".txt", "text/plain; charset=utf-8" },
    { ".ico", "image/x-icon" },
};

static const char *content_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof content_types / sizeof content_types[0]; i++)
        if (!strcmp(dot, content_types[i].ext))
            return content_types[i].type;
    return "application/octet-stream";
}

/* 0 when every segment is a plain name: not empty-after-a-dot, not "."
 * or "..", no backslash or control character. */
static int path_ok(const char *path)
{
    if (path[0] != '/')
        return 0;
    for (const char *p = path; *p; p++) {
        if (*p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f)
            return 0;
        if (p[0] == '/' && p[1] == '.')
            return 0;  /* ".", "..", and hidden files */
    }
    return 1;
}

/* The file's real path under the root, open; -1 when there is none. */
static int open_under_root(const sl_server *srv, const char *path, struct stat *sb)
{
    char joined[PATH_MAX], real[PATH_MAX];
    size_t n = srv->web_root_len + strlen(path);
    if (n + 1 > sizeof joined)
        return -1;
    memcpy(joined, srv->web_root, srv->web_root_len);
    memcpy(joined + srv->web_root_len, path, strlen(path) + 1);
    if (!realpath(joined, real))
        return -1;
    if (strncmp(real, srv->web_root, srv->web_root_len) != 0 || real[srv->web_root_len] != '/')
        return -1;
    int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    if (fstat(fd, sb) != 0 || !S_ISREG(sb->st_mode)) {
        close(fd);
        return -1;
    }
    return fd;
}

int serve_static(serve_req *r)
{
    const char *path = strcmp(r->path, "/") == 0 ? "/index.html" : r->path;
    if (!path_ok(path))
        return serve_queue_error(r, 400, "bad path");
    if (!r->srv->web_root)
        return serve_queue_error(r, 404, "not found");
    struct stat sb;
    int fd = open_under_root(r->srv, path, &sb);
    if (fd < 0)
        return serve_queue_error(r, 404, "not found");
    struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
    if (!resp) {
        close(fd);
        return MHD_NO;
    }
    serve_common_headers(resp);
    MHD_add_response_header(resp, "Content-Type", content_type(path));
    MHD_add_response_header(resp, "Cache-Control", "no-cache");
    int ret = MHD_queue_response(r->conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}
