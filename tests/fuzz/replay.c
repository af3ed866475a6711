/* Regression driver for the fuzz targets: calls LLVMFuzzerTestOneInput on
 * every file named on the command line and on every file of every
 * directory named (recursively, in byte order of the names), without
 * libFuzzer, so it builds with any compiler and runs under ctest in the
 * normal and the sanitizer builds.  Files named README* are skipped.
 * Exits 0 when every input ran; a bug shows as a crash or a sanitizer
 * report, as it would under the fuzzer. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path, size_t *count)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    size_t cap = 1 << 16, len = 0;
    uint8_t *data = malloc(cap);
    size_t got;
    while (data && (got = fread(data + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            uint8_t *more = realloc(data, cap * 2);
            if (!more) {
                free(data);
                data = NULL;
                break;
            }
            data = more;
            cap *= 2;
        }
    }
    int bad = ferror(f) || !data;
    fclose(f);
    if (bad) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        free(data);
        return 1;
    }
    /* A copy of exactly the input's size, so reading past it is caught. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(data);
        return 1;
    }
    memcpy(exact, data, len);
    free(data);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    (*count)++;
    return 0;
}

static int run_path(const char *path, size_t *count);

static int run_dir(const char *path, size_t *count)
{
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "replay: cannot open directory %s\n", path);
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int bad = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **more = realloc(names, cap * sizeof *names);
            if (!more) {
                bad = 1;
                break;
            }
            names = more;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            bad = 1;
            break;
        }
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (!bad)
            bad |= run_path(names[i], count);
        free(names[i]);
    }
    free(names);
    return bad;
}

static int run_path(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: no such file or directory: %s\n", path);
        return 1;
    }
    return S_ISDIR(st.st_mode) ? run_dir(path, count) : run_file(path, count);
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        /* A missing crash directory is an empty one. */
        struct stat st;
        if (stat(argv[i], &st) != 0 && strstr(argv[i], "crashes"))
            continue;
        bad |= run_path(argv[i], &count);
    }
    printf("replayed %zu inputs\n", count);
    return bad ? 1 : 0;
}
