/* The input reader: directory trees, JSONL records and their errors,
 * compressed inputs, standard input, limits and allocation failure.
 * Every test works in its own temporary directory. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "test_util.h"

#include "core/json.h"

#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* ---------------------------------------------------------------- helpers */

static char root[64];

static int setup(void **state)
{
    (void)state;
    strcpy(root, "/tmp/sl_reader_XXXXXX");
    return mkdtemp(root) ? 0 : -1;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    chmod(path, 0700);
    return remove(path);
}

static int teardown(void **state)
{
    (void)state;
    chmod(root, 0700);
    return nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* root + "/" + rel, in a static buffer (one at a time). */
static const char *at(const char *rel)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    return path;
}

static void write_bytes(const char *rel, const void *data, size_t len)
{
    FILE *f = fopen(at(rel), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void write_text(const char *rel, const char *text)
{
    write_bytes(rel, text, strlen(text));
}

static void make_dir(const char *rel)
{
    assert_int_equal(mkdir(at(rel), 0700), 0);
}

static size_t file_size(const char *rel)
{
    struct stat st;
    assert_int_equal(stat(at(rel), &st), 0);
    return (size_t)st.st_size;
}

/* A gzip file of one member per part (as `cat a.gz b.gz` gives). */
static void write_gzip(const char *rel, const char *const *parts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        gzFile g = gzopen(at(rel), i ? "ab" : "wb");
        assert_non_null(g);
        assert_int_equal(gzwrite(g, parts[i], (unsigned)strlen(parts[i])), (int)strlen(parts[i]));
        assert_int_equal(gzclose(g), Z_OK);
    }
}

/* A zstd file of one frame per part. */
static void write_zstd(const char *rel, const char *const *parts, size_t n)
{
    FILE *f = fopen(at(rel), "wb");
    assert_non_null(f);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(parts[i]), cap = ZSTD_compressBound(len);
        char *buf = malloc(cap);
        size_t z = ZSTD_compress(buf, cap, parts[i], len, 3);
        assert_false(ZSTD_isError(z));
        assert_int_equal(fwrite(buf, 1, z, f), z);
        free(buf);
    }
    fclose(f);
}

static void truncate_to(const char *rel, size_t len)
{
    assert_int_equal(truncate(at(rel), (off_t)len), 0);
}

/* A log of what the reader returned, one line per call: documents as
 * "D id line text" and errors as "E code message", with the temporary
 * directory written as ROOT. */
typedef struct log_t {
    char *s;
    size_t len, cap;
    size_t docs, errors;
} log_t;

static void log_add(log_t *l, const char *s, size_t n)
{
    while (l->len + n + 1 > l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4096;
        l->s = realloc(l->s, l->cap);
    }
    memcpy(l->s + l->len, s, n);
    l->len += n;
    l->s[l->len] = '\0';
}

static void log_text(log_t *l, const char *s, size_t n)
{
    size_t rn = strlen(root);
    for (size_t i = 0; i < n;) {
        if (n - i >= rn && memcmp(s + i, root, rn) == 0) {
            log_add(l, "ROOT", 4);
            i += rn;
        } else {
            log_add(l, s + i, 1);
            i++;
        }
    }
}

static void log_printf(log_t *l, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    log_text(l, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Read everything; documents longer than 60 bytes are logged by length. */
static log_t read_all(sl_reader *r, sl_ctx *ctx)
{
    log_t l = { 0 };
    log_add(&l, "", 0);
    for (;;) {
        sl_doc doc;
        int rc = sl_reader_next(r, &doc);
        if (rc == SL_EOF)
            break;
        if (rc != SL_OK) {
            log_printf(&l, "E %d %s\n", rc, sl_errmsg(ctx));
            l.errors++;
            continue;
        }
        l.docs++;
        log_printf(&l, "D %.*s %llu ", (int)doc.id.len, doc.id.ptr, (unsigned long long)doc.line);
        if (doc.text.len > 60)
            log_printf(&l, "<%zu bytes>\n", doc.text.len);
        else {
            log_text(&l, doc.text.ptr, doc.text.len);
            log_add(&l, "\n", 1);
        }
    }
    return l;
}

static sl_reader *new_reader(sl_ctx *ctx, size_t max_line)
{
    sl_reader_options o = SL_READER_OPTIONS_INIT;
    if (max_line)
        o.max_line = max_line;
    sl_reader *r = NULL;
    assert_int_equal(sl_reader_new(ctx, &r, &o), SL_OK);
    return r;
}

/* Read the inputs (NULL-terminated, relative to root) and compare the log. */
static void expect_log(const char *const *inputs, size_t max_line, const char *want)
{
    sl_ctx *ctx = test_ctx();
    sl_reader *r = new_reader(ctx, max_line);
    for (size_t i = 0; inputs[i]; i++)
        assert_int_equal(sl_reader_add(r, inputs[i][0] == '/' ? inputs[i] : at(inputs[i])), SL_OK);
    log_t l = read_all(r, ctx);
    if (strcmp(l.s, want) != 0)
        fail_msg("got:\n%s\nwant:\n%s", l.s, want);
    /* Reading past the end stays at the end. */
    sl_doc doc;
    assert_int_equal(sl_reader_next(r, &doc), SL_EOF);
    free(l.s);
    sl_reader_free(r);
    sl_ctx_free(ctx);
}

/* ---------------------------------------------------------------- tests */

static void test_directory_tree(void **state)
{
    (void)state;
    make_dir("in");
    make_dir("in/c");
    make_dir("in/.git");
    write_text("in/b.txt", "bee");
    write_text("in/B.txt", "upper bee");
    write_text("in/a.jsonl", "{\"id\":\"a1\",\"text\":\"first\"}\n{\"text\":\"no id\"}\n");
    write_text("in/c/x.txt", "in c");
    write_text("in/c/a.ndjson", "{\"id\":\"n1\",\"text\":\"nd\"}");
    write_text("in/c/d.json", "{\"id\":\"j1\",\"text\":\"json\"}\n");
    write_text("in/.hidden.txt", "hidden");
    write_text("in/.git/x.txt", "git");
    write_text("in/notes.md", "unknown extension");
    write_text("in/empty.txt", "");
    assert_int_equal(symlink(".", at("in/c/loop")), 0);
    /* Byte order: upper case first; directories interleave by name. */
    const char *inputs[] = { "in", NULL };
    expect_log(inputs, 0,
               "D B 0 upper bee\n"
               "D a1 1 first\n"
               "D a.jsonl:2 2 no id\n"
               "D b 0 bee\n"
               "D n1 1 nd\n"
               "D j1 1 json\n"
               "D c/x 0 in c\n");
    /* A trailing slash, a file by name, and input order are kept. */
    const char *again[] = { "in/c/x.txt", "in/c/", NULL };
    expect_log(again, 0,
               "D x 0 in c\n"
               "D n1 1 nd\n"
               "D j1 1 json\n"
               "D x 0 in c\n");
}

static void test_document_fields(void **state)
{
    (void)state;
    write_text("f.jsonl",
               "\xef\xbb\xbf{\"id\":\"1\",\"text\":\"a\\nb\",\"title\":\"T\",\"url\":\"u\","
               "\"source\":\"s\",\"published\":\"2024-01-02\",\"extra\":[1]}\r\n");
    sl_ctx *ctx = test_ctx();
    sl_reader *r = new_reader(ctx, 0);
    assert_int_equal(sl_reader_add(r, at("f.jsonl")), SL_OK);
    sl_doc d;
    assert_int_equal(sl_reader_next(r, &d), SL_OK);
    assert_memory_equal(d.id.ptr, "1", 1);
    assert_int_equal(d.text.len, 3);
    assert_memory_equal(d.text.ptr, "a\nb", 3);
    assert_memory_equal(d.title.ptr, "T", 1);
    assert_memory_equal(d.url.ptr, "u", 1);
    assert_memory_equal(d.source.ptr, "s", 1);
    assert_int_equal(d.published.len, 10);
    assert_string_equal(d.origin, at("f.jsonl"));
    assert_int_equal(d.line, 1);
    /* raw is the record without BOM and CR; members index into it. */
    assert_int_equal(d.raw.len, strlen("{\"id\":\"1\",\"text\":\"a\\nb\",\"title\":\"T\",\"url\":\"u\","
                                       "\"source\":\"s\",\"published\":\"2024-01-02\",\"extra\":[1]}"));
    assert_int_equal(d.raw.ptr[0], '{');
    assert_int_equal(d.raw.ptr[d.raw.len - 1], '}');
    assert_non_null(d.members);
    assert_int_equal(d.members->n, 7);
    assert_ptr_equal(d.members->text, d.raw.ptr);
    /* Unknown fields go out byte for byte. */
    sl_out *o;
    assert_int_equal(sl_out_new(ctx, &o), SL_OK);
    const char *replaced[] = { "text", NULL };
    assert_int_equal(sl_out_begin_doc(o, &d, replaced), SL_OK);
    assert_int_equal(sl_out_key(o, "text"), SL_OK);
    assert_int_equal(sl_out_string(o, d.text.ptr, d.text.len), SL_OK);
    const char *line;
    size_t len;
    assert_int_equal(sl_out_finish(o, &line, &len), SL_OK);
    assert_string_equal(line, "{\"id\": \"1\", \"title\": \"T\", \"url\": \"u\", \"source\": \"s\", "
                              "\"published\": \"2024-01-02\", \"extra\": [1], \"text\": \"a\\nb\"}\n");
    sl_out_free(o);
    assert_int_equal(sl_reader_next(r, &d), SL_EOF);
    assert_int_equal(sl_reader_bytes(r), file_size("f.jsonl"));
    sl_reader_free(r);
    sl_ctx_free(ctx);
}

static void test_bad_lines_between_good_ones(void **state)
{
    (void)state;
    static const char data[] =
        "{\"id\":\"g1\",\"text\":\"good one\"}\n"
        "{\"id\":\"b2\",\"text\":\"x\" \"y\"}\n"
        "\n"
        "   \t\n"
        "{\"id\":\"b5\"}\n"
        "{\"id\":\"b6\",\"text\":5}\n"
        "{\"id\":\"b7\",\"text\":\"bad \xc3( utf8\"}\n"
        "{\"id\":\"b8\",\"text\":\"nul \0 here\"}\n"
        "{\"id\":[1],\"text\":\"t\"}\n"
        "{\"id\":7,\"text\":\"numeric id\",\"title\":null}\n"
        "[\"not an object\"]\n"
        "{\"id\":\"b12\",\"text\":\"deep\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}\n"
        "{\"id\":\"g13\",\"text\":\"good \\u00e9 end\"}";
    write_bytes("mixed.jsonl", data, sizeof data - 1);
    const char *inputs[] = { "mixed.jsonl", NULL };
    expect_log(inputs, 0,
               "D g1 1 good one\n"
               "E -4 ROOT/mixed.jsonl:2:23: expected ',' or '}' after object member, found '\"'\n"
               "E -4 ROOT/mixed.jsonl:5:1: missing \"text\" field\n"
               "E -4 ROOT/mixed.jsonl:6:19: \"text\" must be a string, not a number\n"
               "E -6 ROOT/mixed.jsonl:7:24: invalid UTF-8 byte 0xC3\n"
               "E -4 ROOT/mixed.jsonl:8:24: raw control character 0x00 in string\n"
               "E -4 ROOT/mixed.jsonl:9:7: \"id\" must be a string or null, not an array\n"
               "D 7 10 numeric id\n"
               "E -4 ROOT/mixed.jsonl:11:1: expected '{' at the start of a record, found '['\n"
               "E -5 ROOT/mixed.jsonl:12:94: nesting deeper than 64 levels\n"
               "D g13 13 good \xc3\xa9 end\n");
}

static void test_text_files_take_raw_bytes(void **state)
{
    (void)state;
    /* NUL and invalid UTF-8 are kept for the cleaner (see reader.c). */
    static const char raw[] = "line\0with nul \xff\xfe bytes\r\n";
    write_bytes("raw.txt", raw, sizeof raw - 1);
    write_text("empty.jsonl", "");
    write_text("blank.jsonl", "\n\n  \n");
    write_text("empty.txt", "");
    write_bytes("empty.jsonl.gz", "", 0);
    sl_ctx *ctx = test_ctx();
    sl_reader *r = new_reader(ctx, 0);
    const char *names[] = { "empty.jsonl", "blank.jsonl", "empty.txt", "empty.jsonl.gz", "raw.txt" };
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(sl_reader_add(r, at(names[i])), SL_OK);
    sl_doc d;
    assert_int_equal(sl_reader_next(r, &d), SL_OK);
    assert_int_equal(d.text.len, sizeof raw - 1);
    assert_memory_equal(d.text.ptr, raw, sizeof raw - 1);
    assert_string_equal(d.id.ptr, "raw");
    assert_int_equal(d.line, 0);
    assert_int_equal(d.raw.len, 0);
    assert_null(d.members);
    assert_int_equal(sl_reader_next(r, &d), SL_EOF);
    sl_reader_free(r);
    sl_ctx_free(ctx);
}

static void test_missing_and_unreadable_inputs(void **state)
{
    (void)state;
    make_dir("locked");
    write_text("locked/a.txt", "secret");
    write_text("ok.txt", "fine");
    assert_int_equal(chmod(at("locked"), 0), 0);
    bool root_user = geteuid() == 0;
    const char *inputs[] = { "missing.jsonl", "locked", "ok.txt", NULL };
    expect_log(inputs, 0,
               root_user ? "E -3 ROOT/missing.jsonl: cannot open: No such file or directory\n"
                           "D a 0 secret\n"
                           "D ok 0 fine\n"
                         : "E -3 ROOT/missing.jsonl: cannot open: No such file or directory\n"
                           "E -3 ROOT/locked: cannot read directory: Permission denied\n"
                           "D ok 0 fine\n");
    chmod(at("locked"), 0700);
}

static char *numbered_lines(size_t n)
{
    char *s = malloc(n * 80 + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(s + len, "{\"id\":\"r%zu\",\"text\":\"record %zu of %zu, %08zx\"}\n",
                               i, i, n, i * 2654435761u);
    return s;
}

static void test_compressed_inputs(void **state)
{
    (void)state;
    const char *parts[] = { "{\"id\":\"g1\",\"text\":\"one\"}\n{\"id\":\"g2\",\"te",
                            "xt\":\"two\"}\n", "{\"id\":\"g3\",\"text\":\"three\"}" };
    write_gzip("a.jsonl.gz", parts, 3);
    write_zstd("b.jsonl.zst", parts, 3);
    write_gzip("c.txt.gz", parts + 2, 1);
    const char *inputs[] = { "a.jsonl.gz", "b.jsonl.zst", "c.txt.gz", NULL };
    expect_log(inputs, 0,
               "D g1 1 one\nD g2 2 two\nD g3 3 three\n"
               "D g1 1 one\nD g2 2 two\nD g3 3 three\n"
               "D c 0 {\"id\":\"g3\",\"text\":\"three\"}\n");
    /* Bytes are counted compressed. */
    sl_ctx *ctx = test_ctx();
    sl_reader *r = new_reader(ctx, 0);
    assert_int_equal(sl_reader_add(r, at("a.jsonl.gz")), SL_OK);
    assert_int_equal(sl_reader_add(r, at("b.jsonl.zst")), SL_OK);
    log_t l = read_all(r, ctx);
    assert_int_equal(l.docs, 6);
    assert_int_equal(sl_reader_bytes(r), file_size("a.jsonl.gz") + file_size("b.jsonl.zst"));
    free(l.s);
    sl_reader_free(r);
    sl_ctx_free(ctx);
}

/* A truncated stream: the lines before the cut, an error, then the next
 * input. */
static void check_truncated(const char *rel, const char *kind)
{
    char *lines = numbered_lines(20000);
    const char *parts[] = { lines };
    if (strcmp(kind, "gzip") == 0)
        write_gzip(rel, parts, 1);
    else
        write_zstd(rel, parts, 1);
    size_t cut = file_size(rel) * 2 / 3;
    truncate_to(rel, cut);
    write_text("after.jsonl", "{\"id\":\"after\",\"text\":\"still read\"}\n");
    sl_ctx *ctx = test_ctx();
    sl_reader *r = new_reader(ctx, 0);
    assert_int_equal(sl_reader_add(r, at(rel)), SL_OK);
    assert_int_equal(sl_reader_add(r, at("after.jsonl")), SL_OK);
    log_t l = read_all(r, ctx);
    assert_true(l.docs > 1000 && l.docs < 20000);
    assert_int_equal(l.errors, 1);
    char want[256];
    snprintf(want, sizeof want, "E -3 ROOT/%s: truncated %s stream after %zu bytes\nD after 1 still read\n",
             rel, kind, cut);
    if (!strstr(l.s, want) || strlen(strstr(l.s, want)) != strlen(want))
        fail_msg("the log does not end with: %s", want);
    /* Every document before the error is intact. */
    assert_non_null(strstr(l.s, "D r0 1 record 0 of 20000"));
    free(l.s);
    free(lines);
    sl_reader_free(r);
    sl_ctx_free(ctx);
}

static void test_truncated_gzip(void **state)
{
    (void)state;
    check_truncated("t.jsonl.gz", "gzip");
}

static void test_truncated_zstd(void **state)
{
    (void)state;
    check_truncated("t.jsonl.zst", "zstd");
}

static void test_corrupt_gzip(void **state)
{
    (void)state;
    write_bytes("bad.jsonl.gz", "\x1f\x8b\x08\x00garbage that is not deflate", 32);
    write_text("junk.jsonl.zst", "not zstd at all\n");
    const char *inputs[] = { "bad.jsonl.gz", "junk.jsonl.zst", NULL };
    sl_ctx *ctx = test_ctx();
    sl_reader *r = new_reader(ctx, 0);
    for (size_t i = 0; inputs[i]; i++)
        assert_int_equal(sl_reader_add(r, at(inputs[i])), SL_OK);
    log_t l = read_all(r, ctx);
    assert_int_equal(l.docs, 0);
    assert_int_equal(l.errors, 2);
    assert_non_null(strstr(l.s, "E -3 ROOT/bad.jsonl.gz: corrupt gzip data after"));
    assert_non_null(strstr(l.s, "E -3 ROOT/junk.jsonl.zst: corrupt zstd data after"));
    free(l.s);
    sl_reader_free(r);
    sl_ctx_free(ctx);
}

static void test_long_lines(void **state)
{
    (void)state;
    size_t body = 50u << 20;
    FILE *f = fopen(at("long.jsonl"), "wb");
    assert_non_null(f);
    fputs("{\"id\":\"before\",\"text\":\"short\"}\n{\"id\":\"big\",\"text\":\"", f);
    char block[4096];
    memset(block, 'x', sizeof block);
    for (size_t i = 0; i < body / sizeof block; i++)
        fwrite(block, 1, sizeof block, f);
    fputs("\"}\n{\"id\":\"after\",\"text\":\"short too\"}\n", f);
    fclose(f);
    const char *inputs[] = { "long.jsonl", NULL };
    /* Too long: an error for line 2, and reading goes on after it. */
    expect_log(inputs, 1 << 20,
               "D before 1 short\n"
               "E -5 ROOT/long.jsonl:2:1048577: line longer than 1048576 bytes (max_line)\n"
               "D after 3 short too\n");
    /* A limit just above the line: read in full. */
    expect_log(inputs, body + 64,
               "D before 1 short\n"
               "D big 2 <52428800 bytes>\n"
               "D after 3 short too\n");
    /* The limit is exact. */
    write_text("exact.jsonl", "{\"text\":\"12345\"}\n{\"text\":\"123456\"}\n");
    const char *exact[] = { "exact.jsonl", NULL };
    expect_log(exact, 16,
               "D exact.jsonl:1 1 12345\n"
               "E -5 ROOT/exact.jsonl:2:17: line longer than 16 bytes (max_line)\n");
}

static void test_max_doc(void **state)
{
    (void)state;
    char big[3000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    write_text("big.txt", big);
    write_text("small.txt", "small");
    sl_reader_options o = SL_READER_OPTIONS_INIT;
    o.max_doc = 1000;
    sl_ctx *ctx = test_ctx();
    sl_reader *r = NULL;
    assert_int_equal(sl_reader_new(ctx, &r, &o), SL_OK);
    assert_int_equal(sl_reader_add(r, at("big.txt")), SL_OK);
    assert_int_equal(sl_reader_add(r, at("small.txt")), SL_OK);
    log_t l = read_all(r, ctx);
    assert_string_equal(l.s, "E -5 ROOT/big.txt: document larger than 1000 bytes (max_doc)\n"
                             "D small 0 small\n");
    free(l.s);
    sl_reader_free(r);
    sl_ctx_free(ctx);
}

/* Read standard input replaced by a file. */
static log_t read_stdin_from(const char *rel)
{
    int saved = dup(STDIN_FILENO);
    int fd = open(at(rel), O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    sl_ctx *ctx = test_ctx();
    sl_reader *r = new_reader(ctx, 0);
    assert_int_equal(sl_reader_add(r, "-"), SL_OK);
    log_t l = read_all(r, ctx);
    sl_reader_free(r);
    sl_ctx_free(ctx);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
    return l;
}

static void test_stdin_and_sniffing(void **state)
{
    (void)state;
    write_text("in.data", "\n  {\"text\":\"from stdin\"}\n{\"id\":\"x\",\"text\":\"2\"}\n");
    log_t l = read_stdin_from("in.data");
    assert_string_equal(l.s, "D stdin:2 2 from stdin\nD x 3 2\n");
    free(l.s);
    write_text("plain.data", "  Plain text, {not JSON}.\n");
    l = read_stdin_from("plain.data");
    assert_string_equal(l.s, "D stdin 0   Plain text, {not JSON}.\n\n");
    free(l.s);
    const char *parts[] = { "{\"text\":\"zipped\"}\n" };
    write_gzip("in.gz.data", parts, 1);
    l = read_stdin_from("in.gz.data");
    assert_string_equal(l.s, "D stdin:1 1 zipped\n");
    free(l.s);
    write_text("empty.data", "");
    l = read_stdin_from("empty.data");
    assert_string_equal(l.s, "");
    free(l.s);
    /* A file named with an unknown extension is sniffed too. */
    write_zstd("named.data", parts, 1);
    const char *inputs[] = { "named.data", "plain.data", NULL };
    expect_log(inputs, 0, "D named.data:1 1 zipped\nD plain.data 0   Plain text, {not JSON}.\n\n");
}

static void test_bad_arguments(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_reader *r = NULL;
    sl_reader_options o = SL_READER_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(sl_reader_new(ctx, &r, &o), SL_EINVAL);
    assert_null(r);
    o = (sl_reader_options)SL_READER_OPTIONS_INIT;
    o.max_line = 0;
    assert_int_equal(sl_reader_new(ctx, &r, &o), SL_EINVAL);
    assert_int_equal(sl_reader_new(ctx, &r, NULL), SL_OK);
    assert_int_equal(sl_reader_add(r, ""), SL_EINVAL);
    sl_doc d;
    assert_int_equal(sl_reader_next(r, &d), SL_EOF);
    assert_int_equal(sl_reader_bytes(r), 0);
    sl_reader_free(r);
    sl_reader_free(NULL);
    sl_ctx_free(ctx);
}

/* Fail the k-th allocation, for k = 1, 2, ... until a whole run succeeds.
 * Every call answers SL_ENOMEM or works; ASan/LSan check the rest. */
static void test_out_of_memory_sweep(void **state)
{
    (void)state;
    make_dir("oom");
    make_dir("oom/sub");
    write_text("oom/a.txt", "text file");
    write_text("oom/b.jsonl", "{\"id\":\"b1\",\"text\":\"x\\u00e9\",\"title\":\"t\"}\n{\"text\":\"y\"}\n");
    const char *parts[] = { "{\"id\":\"g\",\"text\":\"gz\"}\n", "{\"id\":\"g2\",\"text\":\"gz2\"}\n" };
    write_gzip("oom/sub/c.jsonl.gz", parts, 2);
    write_zstd("oom/sub/d.jsonl.zst", parts, 2);
    const char *want = "D a 0 text file\nD b1 1 x\xc3\xa9\nD b.jsonl:2 2 y\n"
                       "D g 1 gz\nD g2 2 gz2\nD g 1 gz\nD g2 2 gz2\n";
    sl_ctx *ctx = test_ctx();
    bool done = false;
    uint64_t k;
    for (k = 1; k < 5000 && !done; k++) {
        sl_ctx_set_fail_alloc_after(ctx, k);
        sl_reader *r = NULL;
        int rc = sl_reader_new(ctx, &r, NULL);
        if (rc == SL_OK)
            rc = sl_reader_add(r, at("oom"));
        log_t l = { 0 };
        log_add(&l, "", 0);
        while (rc == SL_OK) {
            sl_doc d;
            rc = sl_reader_next(r, &d);
            if (rc == SL_OK)
                log_printf(&l, "D %.*s %llu %.*s\n", (int)d.id.len, d.id.ptr,
                           (unsigned long long)d.line, (int)d.text.len, d.text.ptr);
        }
        if (rc != SL_ENOMEM && rc != SL_EOF)
            fail_msg("k=%llu: rc %d: %s", (unsigned long long)k, rc, sl_errmsg(ctx));
        if (rc == SL_EOF) {
            assert_string_equal(l.s, want);
            done = true;
        } else if (r) {
            /* After a failure the reader is still usable: with memory
             * back, it goes on without crashing. */
            sl_ctx_set_fail_alloc_after(ctx, 0);
            sl_doc d;
            while ((rc = sl_reader_next(r, &d)) != SL_EOF)
                assert_true(rc == SL_OK || rc == SL_ENOMEM || rc == SL_EIO || rc == SL_EPARSE);
        }
        free(l.s);
        sl_reader_free(r);
    }
    assert_true(done);
    assert_true(k > 10);
    sl_ctx_set_fail_alloc_after(ctx, 0);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_directory_tree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_document_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_lines_between_good_ones, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_files_take_raw_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_and_unreadable_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compressed_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_gzip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_zstd, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_gzip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_max_doc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stdin_and_sniffing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_memory_sweep, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
