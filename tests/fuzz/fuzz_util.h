/* Helpers shared by the fuzz targets (tests/fuzz/fuzz_*.c): a size cap,
 * a reusable per-process temporary file for the APIs that only read
 * paths, the repository's data files, invariant checks that abort (so the
 * fuzzer and the replay driver both see a crash), and splitting one input
 * into several documents.  Each target includes this once. */
#ifndef SL_FUZZ_UTIL_H
#define SL_FUZZ_UTIL_H

#include "storyline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SL_SOURCE_DIR
#define SL_SOURCE_DIR "."
#endif

/* Inputs are cut to this size: the targets look for bugs in the logic,
 * not for the time a large input takes. */
#define FUZZ_MAX_INPUT ((size_t)64 << 10)

static inline size_t fuzz_cap(size_t size)
{
    return size > FUZZ_MAX_INPUT ? FUZZ_MAX_INPUT : size;
}

/* An invariant of the library's contract was broken: say which and crash. */
#define FUZZ_CHECK(cond)                                                            \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                         \
            abort();                                                                \
        }                                                                           \
    } while (0)

static inline sl_ctx *fuzz_ctx(void)
{
    sl_ctx *ctx = NULL;
    if (sl_ctx_new(&ctx, NULL) != SL_OK) {
        fprintf(stderr, "fuzz: cannot make a context\n");
        abort();
    }
    return ctx;
}

/* A path under data/ of the repository (SL_FUZZ_DATA overrides the
 * directory, for binaries moved elsewhere). */
static inline const char *fuzz_data_path(const char *rel, char *buf, size_t cap)
{
    const char *dir = getenv("SL_FUZZ_DATA");
    snprintf(buf, cap, "%s/%s", dir ? dir : SL_SOURCE_DIR "/data", rel);
    return buf;
}

/* The temporary files of this process, one per suffix used, made on first
 * use and removed at exit. */
#define FUZZ_MAX_TEMPS 4
static char fuzz_temp_names[FUZZ_MAX_TEMPS][64];
static int fuzz_n_temps;

static inline void fuzz_remove_temps(void)
{
    for (int i = 0; i < fuzz_n_temps; i++)
        unlink(fuzz_temp_names[i]);
}

/* Write data[0..size) into this process's temporary file ending in
 * `suffix` (e.g. ".jsonl.gz": the reader picks the format by name) and
 * return its path. */
static inline const char *fuzz_write_temp(const char *suffix, const uint8_t *data, size_t size)
{
    int slot = -1;
    size_t slen = strlen(suffix);
    for (int i = 0; i < fuzz_n_temps; i++) {
        size_t n = strlen(fuzz_temp_names[i]);
        if (n >= slen && strcmp(fuzz_temp_names[i] + n - slen, suffix) == 0)
            slot = i;
    }
    if (slot < 0) {
        if (fuzz_n_temps == FUZZ_MAX_TEMPS || slen > 20)
            abort();
        slot = fuzz_n_temps;
        snprintf(fuzz_temp_names[slot], sizeof fuzz_temp_names[slot], "/tmp/sl-fuzz-XXXXXX%s",
                 suffix);
        int fd = mkstemps(fuzz_temp_names[slot], (int)slen);
        if (fd < 0) {
            perror("fuzz: mkstemps");
            abort();
        }
        close(fd);
        if (fuzz_n_temps++ == 0)
            atexit(fuzz_remove_temps);
    }
    FILE *f = fopen(fuzz_temp_names[slot], "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror("fuzz: writing the temporary file");
        abort();
    }
    return fuzz_temp_names[slot];
}

/* Split data[0..size) into at most `max` pieces at each line "===" (the
 * separator the seed files use); returns the number of pieces. */
typedef struct fuzz_piece {
    const char *ptr;
    size_t len;
} fuzz_piece;

static inline size_t fuzz_split(const uint8_t *data, size_t size, fuzz_piece *out, size_t max)
{
    const char *s = (const char *)data, *end = s + size;
    size_t n = 0;
    while (n < max) {
        const char *sep = NULL;
        for (const char *p = s; p + 5 <= end; p++)
            if (memcmp(p, "\n===\n", 5) == 0) {
                sep = p;
                break;
            }
        if (!sep || n + 1 == max) {
            out[n++] = (fuzz_piece){ s, (size_t)(end - s) };
            break;
        }
        out[n++] = (fuzz_piece){ s, (size_t)(sep - s) };
        s = sep + 5;
    }
    return n;
}

/* Is s[0..len) valid UTF-8 (the library's promise for every text it
 * returns)?  Overlong forms, surrogates and truncated sequences are not. */
static inline int fuzz_valid_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        size_t n;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1; cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2; cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3; cp = c & 0x07;
        } else {
            return 0;
        }
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += n + 1;
    }
    return 1;
}

/* Check a map from output offsets to input offsets: segments in order,
 * contiguous on the output side, inside both texts.  Composed maps may
 * give several output pieces of one replacement the same input range, so
 * input starts only have to be non-decreasing. */
static inline void fuzz_check_map(const sl_map_seg *map, size_t n, size_t out_len, size_t in_len)
{
    size_t clean = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(map[i].clean == clean);
        clean += map[i].clean_len;
        FUZZ_CHECK(map[i].raw + map[i].raw_len <= in_len);
        if (i)
            FUZZ_CHECK(map[i].raw >= map[i - 1].raw);
    }
    FUZZ_CHECK(clean <= out_len);
}

#endif
