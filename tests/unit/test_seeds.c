/* The five real seed articles (../shared/seeds), cleaned end to end.  Skips
 * when ../shared is not beside the repository.
 *
 * The seeds are third-party text, so these tests check properties (which
 * lines are kept, with which reasons things are removed) and never quote
 * the articles. */
#include "test_util.h"

#include <dirent.h>

#define SEEDS SL_SHARED_DIR "/seeds"

typedef struct seed {
    char *raw;
    size_t len;
    char *text;      /* cleaned text, NUL-terminated copy */
    char *title;
    char *removed;   /* "reason\n" for every removal */
    char *captions;  /* "caption\n" ... */
    char *repairs;   /* "kind\n" ... */
} seed;

static char *append(char *s, const char *a, size_t alen, const char *b)
{
    size_t n = s ? strlen(s) : 0;
    s = realloc(s, n + alen + strlen(b) + 1);
    if (alen)
        memcpy(s + n, a, alen);
    strcpy(s + n + alen, b);
    return s;
}

/* Find the seed whose file name starts with `prefix` and clean it. */
static bool load_seed(const char *prefix, seed *out)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(SEEDS);
    if (!d)
        return false;
    struct dirent *e;
    char path[512] = "";
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            snprintf(path, sizeof path, "%s/%s", SEEDS, e->d_name);
    closedir(d);
    if (!path[0] || !(out->raw = test_read_file(path, &out->len)))
        return false;

    sl_ctx *ctx = test_ctx();
    sl_cleaner *c;
    assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
    const sl_clean_result *r;
    assert_int_equal(sl_clean(c, out->raw, out->len, NULL, 0, &r), SL_OK);
    out->text = append(NULL, r->text.ptr, r->text.len, "");
    out->title = append(NULL, r->title.text.ptr, r->title.text.len, "");
    out->removed = append(NULL, "", 0, "");
    for (size_t i = 0; i < r->n_removed; i++) {
        const sl_removal *m = &r->removed[i];
        assert_true(m->start < m->end && m->end <= out->len);
        out->removed = append(out->removed, m->reason, strlen(m->reason), "\n");
    }
    out->captions = append(NULL, "", 0, "");
    for (size_t i = 0; i < r->n_captions; i++)
        out->captions = append(out->captions, r->captions[i].text.ptr, r->captions[i].text.len, "\n");
    out->repairs = append(NULL, "", 0, "");
    for (size_t i = 0; i < r->n_repairs; i++)
        out->repairs = append(out->repairs, r->repairs[i].kind, strlen(r->repairs[i].kind), "\n");
    sl_cleaner_free(c);
    sl_ctx_free(ctx);
    return true;
}

static void free_seed(seed *s)
{
    free(s->raw);
    free(s->text);
    free(s->title);
    free(s->removed);
    free(s->captions);
    free(s->repairs);
}

static bool have_seeds(void)
{
    DIR *d = opendir(SEEDS);
    if (!d)
        return false;
    closedir(d);
    return true;
}

/* Lines of `s`, one at a time: returns the next line and its length. */
static const char *next_line(const char **p, size_t *len)
{
    if (!**p)
        return NULL;
    const char *line = *p;
    const char *nl = strchr(line, '\n');
    *len = nl ? (size_t)(nl - line) : strlen(line);
    *p = line + *len + (nl != NULL);
    return line;
}

/* True when line[0..len) is a whole line of the cleaned text. */
static bool text_has_line(const seed *s, const char *line, size_t len)
{
    const char *p = s->text;
    const char *l;
    size_t n = 0;
    while ((l = next_line(&p, &n)) != NULL)
        if (n == len && memcmp(l, line, len) == 0)
            return true;
    return false;
}

static bool is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            return false;
    return true;
}

/* The first 40 bytes of a raw line with white space as normalisation
 * leaves it: no-break spaces become spaces, runs of spaces one space. */
static void normalised_head(const char *line, size_t len, char head[41])
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < 40; i++) {
        char c = line[i];
        if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)line[i + 1] == 0xA0) {
            c = ' ';
            i++;
        }
        if (c == ' ' && n > 0 && head[n - 1] == ' ')
            continue;
        head[n++] = c;
    }
    head[n] = '\0';
}

/* True when the line was taken out as a photo caption. */
static bool is_caption(const seed *s, const char *line, size_t len)
{
    char head[41];
    normalised_head(line, len, head);
    return strstr(s->captions, head) != NULL;
}

/* Every long raw line (a body paragraph) starts a paragraph of the cleaned
 * text, unless it is a caption. */
static void assert_body_kept(const seed *s)
{
    const char *p = s->raw, *line;
    size_t len = 0;
    while ((line = next_line(&p, &len)) != NULL) {
        if (len <= 150 || is_caption(s, line, len))
            continue;
        char head[41];
        normalised_head(line, len, head);
        if (!strstr(s->text, head))
            fail_msg("body paragraph removed: line starting %s", head);
    }
}

/* Every non-blank raw line after the last long paragraph is gone from the
 * cleaned text: the site's tail is removed.  Returns how many there were. */
static int assert_tail_removed(const seed *s)
{
    const char *p = s->raw, *line, *tail = NULL;
    size_t len = 0;
    while ((line = next_line(&p, &len)) != NULL)
        if (len > 150)
            tail = p;
    assert_non_null(tail);
    int n = 0;
    while ((line = next_line(&tail, &len)) != NULL) {
        if (is_blank(line, len))
            continue;
        n++;
        if (text_has_line(s, line, len))
            fail_msg("tail line kept: %.*s", (int)len, line);
    }
    return n;
}

static bool has_reason(const seed *s, const char *reason)
{
    const char *p = s->removed, *line;
    size_t len = 0;
    while ((line = next_line(&p, &len)) != NULL)
        if (len == strlen(reason) && memcmp(line, reason, len) == 0)
            return true;
    return false;
}

/* Every removal has one of the reasons in the NULL-terminated list. */
static void assert_reasons_within(const seed *s, const char *const *allowed)
{
    const char *p = s->removed, *line;
    size_t len = 0;
    while ((line = next_line(&p, &len)) != NULL) {
        bool ok = false;
        for (size_t i = 0; allowed[i]; i++)
            ok = ok || (len == strlen(allowed[i]) && memcmp(line, allowed[i], len) == 0);
        if (!ok)
            fail_msg("unexpected removal reason %.*s", (int)len, line);
    }
}

/* The title is the first non-blank raw line that is not navigation. */
static void assert_title_is_line(const seed *s, int nth_nonblank)
{
    const char *p = s->raw, *line;
    size_t len = 0;
    int k = 0;
    while ((line = next_line(&p, &len)) != NULL)
        if (!is_blank(line, len) && ++k == nth_nonblank)
            break;
    assert_non_null(line);
    assert_int_equal(strlen(s->title), len);
    assert_memory_equal(s->title, line, len);
    assert_false(text_has_line(s, line, len));
}

static void test_seed_000_untitled(void **state)
{
    (void)state;
    seed s;
    if (!load_seed("000", &s))
        skip();
    /* It opens with a standfirst, not a headline. */
    assert_string_equal(s.title, "");
    assert_string_equal(s.removed, "");
    assert_body_kept(&s);
    free_seed(&s);
}

static void test_seed_001_title_and_caption(void **state)
{
    (void)state;
    seed s;
    if (!load_seed("001", &s))
        skip();
    assert_title_is_line(&s, 1);
    assert_true(strncmp(s.captions, "FILE PHOTO:", 11) == 0 || strstr(s.captions, "\nFILE PHOTO:"));
    assert_null(strstr(s.text, "FILE PHOTO"));
    /* Only the title and the caption go: the short subheading stays. */
    const char *allowed[] = { "title", "caption", NULL };
    assert_reasons_within(&s, allowed);
    assert_body_kept(&s);
    free_seed(&s);
}

static void test_seed_002_untitled(void **state)
{
    (void)state;
    seed s;
    if (!load_seed("002", &s))
        skip();
    assert_string_equal(s.title, "");
    assert_string_equal(s.removed, "");
    assert_body_kept(&s);
    free_seed(&s);
}

static void test_seed_003_boilerplate(void **state)
{
    (void)state;
    seed s;
    if (!load_seed("003", &s))
        skip();
    /* Line 1 is a breadcrumb, line 2 the headline. */
    assert_title_is_line(&s, 2);
    assert_true(has_reason(&s, "navigation"));
    assert_true(has_reason(&s, "caption"));
    assert_true(has_reason(&s, "mirror"));
    assert_true(has_reason(&s, "share") || has_reason(&s, "subscribe"));
    assert_int_not_equal(s.captions[0], '\0');
    /* The mirror notice, the address, the share prompt and the app line. */
    assert_true(assert_tail_removed(&s) >= 4);
    assert_body_kept(&s);
    free_seed(&s);
}

static void test_seed_004_mojibake_and_comment_tail(void **state)
{
    (void)state;
    seed s;
    if (!load_seed("004", &s))
        skip();
    assert_title_is_line(&s, 1);
    /* An en dash read as Thai cp874 is repaired to the en dash. */
    assert_non_null(strstr(s.repairs, "mojibake:cp874"));
    assert_null(strstr(s.text, "\xE0\xB9\x82\xE2\x82\xAC"));
    assert_non_null(strstr(s.text, " \xE2\x80\x93 "));
    assert_true(has_reason(&s, "comment-form"));
    /* The comment form and the blog's signature after it. */
    assert_true(assert_tail_removed(&s) >= 3);
    assert_body_kept(&s);
    free_seed(&s);
}

/* Cleaning is deterministic and idempotent: cleaning the cleaned text of a
 * seed gives the same text back, with nothing to repair or remove. */
static void test_seeds_idempotent(void **state)
{
    (void)state;
    const char *names[] = { "000", "001", "002", "003", "004" };
    for (size_t i = 0; i < 5; i++) {
        seed a;
        if (!load_seed(names[i], &a))
            skip();
        size_t len = strlen(a.text);
        char *copy = malloc(len + 1);
        memcpy(copy, a.text, len + 1);
        sl_ctx *ctx = test_ctx();
        sl_cleaner *c;
        assert_int_equal(sl_cleaner_new(ctx, &c, NULL), SL_OK);
        const sl_clean_result *r;
        assert_int_equal(sl_clean(c, copy, len, NULL, 0, &r), SL_OK);
        assert_int_equal(r->n_repairs, 0);
        assert_int_equal(r->n_removed, 0);
        assert_int_equal(r->text.len, len);
        assert_memory_equal(r->text.ptr, a.text, len);
        sl_cleaner_free(c);
        sl_ctx_free(ctx);
        free(copy);
        free_seed(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000_untitled),
        cmocka_unit_test(test_seed_001_title_and_caption),
        cmocka_unit_test(test_seed_002_untitled),
        cmocka_unit_test(test_seed_003_boilerplate),
        cmocka_unit_test(test_seed_004_mojibake_and_comment_tail),
        cmocka_unit_test(test_seeds_idempotent),
    };
    if (!have_seeds()) {
        printf("SKIP: seeds not found at %s (../shared is not beside the repository)\n", SEEDS);
        return 77;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
