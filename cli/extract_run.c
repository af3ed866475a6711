/* storyline extract: finding the pages and reading them (plain or gzip). */
#include "extract.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static int strcasecmp_ascii(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z')
            y += 'a' - 'A';
        if (x != y || x == 0)
            return x - y;
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp_ascii(s + n - k, suffix) == 0;
}

bool extract_is_page_name(const char *name)
{
    return ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".html.gz") ||
           ends_with(name, ".htm.gz") || ends_with(name, ".xhtml");
}

static bool prefix_equal_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

void extract_page_id(const char *path, char *out, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    static const char *const suffixes[] = { ".gz", ".html", ".htm", ".xhtml" };
    for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
        size_t s = strlen(suffixes[k]);
        if (n > s && prefix_equal_ci(base + n - s, suffixes[k], s))
            n -= s;
    }
    if (n >= cap)
        n = cap - 1;
    memcpy(out, base, n);
    out[n] = '\0';
}

/* Read a whole file (gunzipped when it is gzip) into *buf.  Returns 0,
 * or -1 with a message in err. */
int extract_read_file(const char *path, size_t max, char **buf, size_t *len, size_t *cap,
                      char *err, size_t err_cap)
{
    *len = 0;
    gzFile f = strcmp(path, "-") == 0 ? gzdopen(0, "rb") : gzopen(path, "rb");
    if (!f) {
        snprintf(err, err_cap, "cannot open: %s", strerror(errno ? errno : ENOMEM));
        return -1;
    }
    gzbuffer(f, 1 << 17);
    for (;;) {
        if (*cap - *len < (1 << 16)) {
            size_t ncap = *cap ? *cap * 2 : (1 << 20);
            char *p = realloc(*buf, ncap);
            if (!p) {
                gzclose(f);
                snprintf(err, err_cap, "out of memory");
                return -1;
            }
            *buf = p;
            *cap = ncap;
        }
        size_t want = *cap - *len - 1;
        if (want > (1u << 30))
            want = 1u << 30;
        int got = gzread(f, *buf + *len, (unsigned)want);
        if (got < 0) {
            int zerr;
            const char *msg = gzerror(f, &zerr);
            snprintf(err, err_cap, "cannot read%s: %s", zerr == Z_ERRNO ? "" : " (damaged gzip?)",
                     zerr == Z_ERRNO ? strerror(errno) : msg);
            gzclose(f);
            return -1;
        }
        if (got == 0)
            break;
        *len += (size_t)got;
        if (*len > max) {
            gzclose(f);
            snprintf(err, err_cap, "page larger than --max-page (%zu bytes)", max);
            return -1;
        }
    }
    int zerr = gzclose(f);
    if (zerr != Z_OK && zerr != Z_BUF_ERROR) {
        snprintf(err, err_cap, "cannot read: damaged or truncated gzip");
        return -1;
    }
    if (zerr == Z_BUF_ERROR) {
        snprintf(err, err_cap, "truncated gzip data");
        return -1;
    }
    (*buf)[*len] = '\0';
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Pages of a directory, recursively, entries in byte order. */
static int walk_dir(const char *dir, extract_page_fn fn, void *ud)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("%s: cannot open directory: %s", dir, strerror(errno));
        return EXIT_IO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int status = EXIT_OK;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char **p = realloc(names, ncap * sizeof *names);
            if (!p) {
                status = EXIT_IO;
                break;
            }
            names = p;
            cap = ncap;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            status = EXIT_IO;
            break;
        }
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (status)
        cli_error("%s: out of memory listing the directory", dir);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (status != EXIT_IO && stat(names[i], &st) == 0) {
            if (S_ISDIR(st.st_mode))
                status = cli_worse(status, walk_dir(names[i], fn, ud));
            else if (extract_is_page_name(names[i]))
                status = cli_worse(status, fn(names[i], ud));
        }
        free(names[i]);
    }
    free(names);
    return status;
}

int extract_for_each_page(const char *path, extract_page_fn fn, void *ud)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return walk_dir(path, fn, ud);
    return fn(path, ud);
}
