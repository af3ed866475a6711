/* Encoding repair: mojibake in many code pages, twice-encoded text,
 * partial damage, HTML entities, invalid UTF-8, whole legacy texts, text
 * that must stay unchanged, the offset map, and allocation failures.
 * Every sentence here was written for these tests; the damaged forms were
 * made by encoding them as UTF-8 and decoding the bytes with the code page
 * named (undefined bytes passed through as C1 controls). */
#include "test_util.h"

#include "clean/encoding.h"

struct moji_case {
    const char *name, *damaged, *expected, *kind;
};

/* generated test data (own sentences) */
static const struct moji_case moji_cases[] = {
    { "cp1252", "The caf\xc3\x83\xc2\xa9 on the corner reopened after the storm.",
      "The caf\xc3\xa9 on the corner reopened after the storm.", "mojibake:cp1252" },
    { "latin1", "She said \xc3\xa2\xc2\x80\xc2\x9cwe are ready\xc3\xa2\xc2\x80\xc2\x9d before the vote.",
      "She said \xe2\x80\x9cwe are ready\xe2\x80\x9d before the vote.", NULL },
    { "iso8859_15", "Le th\xc3\x83\xc2\xa9\xc3\x83\xc2\xa2tre municipal fermera ses portes en d\xc3\x83\xc2\xa9" "cembre.",
      "Le th\xc3\xa9\xc3\xa2tre municipal fermera ses portes en d\xc3\xa9" "cembre.", NULL },
    { "cp874", "The bakery in Montr\xe0\xb8\xa3\xe0\xb8\x89" "al \xe0\xb9\x82\xe2\x82\xac\xe2\x80\x9d famous for bagels \xe0\xb9\x82\xe2\x82\xac\xe2\x80\x9d expanded.",
      "The bakery in Montr\xc3\xa9" "al \xe2\x80\x94 famous for bagels \xe2\x80\x94 expanded.", "mojibake:cp874" },
    { "cp1251", "\xd0\xa0\xc2\xa6\xd0\xa0\xc2\xb5\xd0\xa0\xd0\x85\xd0\xa1\xe2\x80\xb9 \xd0\xa0\xd0\x85\xd0\xa0\xc2\xb0 \xd0\xa1\xe2\x80\xa6\xd0\xa0\xc2\xbb\xd0\xa0\xc2\xb5\xd0\xa0\xc2\xb1 \xd0\xa0\xd0\x86\xd0\xa1\xe2\x80\xb9\xd0\xa1\xd0\x82\xd0\xa0\xd1\x95\xd0\xa1\xd0\x83\xd0\xa0\xc2\xbb\xd0\xa0\xd1\x91 \xd0\xa0\xd0\x86 \xd0\xa1\xd0\x83\xd0\xa1\xd0\x82\xd0\xa0\xc2\xb5\xd0\xa0\xd2\x91\xd0\xa1\xd1\x93, \xd0\xa1\xd0\x83\xd0\xa0\xd1\x95\xd0\xa0\xd1\x95\xd0\xa0\xc2\xb1\xd0\xa1\xe2\x80\xb0\xd0\xa0\xd1\x91\xd0\xa0\xc2\xbb\xd0\xa0\xd1\x91 \xd0\xa0\xd0\x86 \xd0\xa0\xd1\x98\xd0\xa0\xd1\x91\xd0\xa0\xd0\x85\xd0\xa0\xd1\x91\xd0\xa1\xd0\x83\xd0\xa1\xe2\x80\x9a\xd0\xa0\xc2\xb5\xd0\xa1\xd0\x82\xd0\xa1\xd0\x83\xd0\xa1\xe2\x80\x9a\xd0\xa0\xd0\x86\xd0\xa0\xc2\xb5.",
      "\xd0\xa6\xd0\xb5\xd0\xbd\xd1\x8b \xd0\xbd\xd0\xb0 \xd1\x85\xd0\xbb\xd0\xb5\xd0\xb1 \xd0\xb2\xd1\x8b\xd1\x80\xd0\xbe\xd1\x81\xd0\xbb\xd0\xb8 \xd0\xb2 \xd1\x81\xd1\x80\xd0\xb5\xd0\xb4\xd1\x83, \xd1\x81\xd0\xbe\xd0\xbe\xd0\xb1\xd1\x89\xd0\xb8\xd0\xbb\xd0\xb8 \xd0\xb2 \xd0\xbc\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82\xd0\xb5\xd1\x80\xd1\x81\xd1\x82\xd0\xb2\xd0\xb5.", "mojibake:cp1251" },
    { "cp1250", "Za\xc4\xb9\xc4\xbd\xc4\x82\xc5\x82\xc4\xb9\xe2\x80\x9a\xc3\x84\xe2\x80\xa1 g\xc3\x84\xe2\x84\xa2\xc4\xb9\xe2\x80\xbal\xc3\x84\xe2\x80\xa6 ja\xc4\xb9\xc5\x9f\xc4\xb9\xe2\x80\x9e, powiedzia\xc4\xb9\xe2\x80\x9a w\xc4\x82\xc5\x82jt w \xc4\xb9\xe2\x80\xbarod\xc3\x84\xe2\x84\xa2.",
      "Za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 g\xc4\x99\xc5\x9bl\xc4\x85 ja\xc5\xba\xc5\x84, powiedzia\xc5\x82 w\xc3\xb3jt w \xc5\x9brod\xc4\x99.", NULL },
    { "cp1253", "\xce\x9e\xe2\x80\x94 \xce\x9f\xc6\x92\xce\x9f\xe2\x80\xa6\xce\x9e\xc2\xbd\xce\x9e\xc2\xac\xce\x9e\xc2\xbd\xce\x9f\xe2\x80\x9e\xce\x9e\xc2\xb7\xce\x9f\xc6\x92\xce\x9e\xc2\xb7 \xce\x9e\xce\x8f\xce\x9e\xc2\xbb\xce\x9e\xce\x8f\xce\x9e\xce\x8a\xce\x9e\xc2\xbb\xce\x9e\xc2\xb7\xce\x9f\xc2\x81\xce\x9f\xc2\x8e\xce\x9e\xce\x88\xce\x9e\xc2\xb7\xce\x9e\xce\x8a\xce\x9e\xc2\xb5 \xce\x9f\xe2\x80\xa1\xce\x9e\xce\x88\xce\x9e\xc2\xb5\xce\x9f\xe2\x80\x9a \xce\x9f\xe2\x80\x9e\xce\x9e\xce\x8f \xce\x9e\xc2\xb2\xce\x9f\xc2\x81\xce\x9e\xc2\xac\xce\x9e\xce\x84\xce\x9f\xe2\x80\xa6.",
      "\xce\x97 \xcf\x83\xcf\x85\xce\xbd\xce\xac\xce\xbd\xcf\x84\xce\xb7\xcf\x83\xce\xb7 \xce\xbf\xce\xbb\xce\xbf\xce\xba\xce\xbb\xce\xb7\xcf\x81\xcf\x8e\xce\xb8\xce\xb7\xce\xba\xce\xb5 \xcf\x87\xce\xb8\xce\xb5\xcf\x82 \xcf\x84\xce\xbf \xce\xb2\xcf\x81\xce\xac\xce\xb4\xcf\x85.", "mojibake:cp1253" },
    { "cp1254", "G\xc3\x83\xc2\xb6r\xc3\x83\xc2\xbc\xc3\x85\xc5\xb8me yar\xc3\x84\xc2\xb1n \xc3\x84\xc2\xb0zmir\xc3\xa2\xe2\x82\xac\xe2\x84\xa2" "de yap\xc3\x84\xc2\xb1lacak, dedi bakan.",
      "G\xc3\xb6r\xc3\xbc\xc5\x9fme yar\xc4\xb1n \xc4\xb0zmir\xe2\x80\x99" "de yap\xc4\xb1lacak, dedi bakan.", NULL },
    { "mac_roman", "Le pr\xe2\x88\x9a\xc2\xa9sident arrive \xe2\x88\x9a\xe2\x80\xa0 Gen\xe2\x88\x9a\xc2\xaeve demain matin.",
      "Le pr\xc3\xa9sident arrive \xc3\xa0 Gen\xc3\xa8ve demain matin.", "mojibake:mac_roman" },
    { "iso8859_2", "P\xc4\xb9\xc2\x99\xc4\x82\xc2\xad\xc4\xb9\xc4\x84t\xc4\x82\xc2\xad t\xc4\x82\xcb\x9d" "den za\xc3\x84\xc2\x8dne stavba nov\xc4\x82\xc5\xa0ho mostu p\xc4\xb9\xc2\x99" "es \xc4\xb9\xc2\x99" "eku.",
      "P\xc5\x99\xc3\xad\xc5\xa1t\xc3\xad t\xc3\xbd" "den za\xc4\x8dne stavba nov\xc3\xa9ho mostu p\xc5\x99" "es \xc5\x99" "eku.", NULL },
    { "double", "The na\xc3\x83\xc6\x92\xc3\x82\xc2\xafve plan failed \xc3\x83\xc2\xa2\xc3\xa2\xe2\x80\x9a\xc2\xac\xc3\xa2\xe2\x82\xac\xc5\x93 again, said the caf\xc3\x83\xc6\x92\xc3\x82\xc2\xa9 owner.",
      "The na\xc3\xafve plan failed \xe2\x80\x93 again, said the caf\xc3\xa9 owner.", "mojibake:cp1252+cp1252" },
};

typedef struct fixture {
    sl_ctx *ctx;
    sl_rewrite rw;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->ctx = test_ctx();
    sl_rewrite_init(&f->rw, f->ctx);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sl_rewrite_release(&f->rw);
    sl_ctx_free(f->ctx);
    free(f);
    return 0;
}

/* Repair s and return the output (NUL-terminated, owned by the rewrite). */
static const char *repair(fixture *f, const char *s)
{
    sl_rewrite_reset(&f->rw);
    assert_int_equal(sl_encoding_repair(&f->rw, s, strlen(s)), SL_OK);
    return f->rw.out.ptr ? f->rw.out.ptr : "";
}

static bool has_kind(const fixture *f, const char *kind)
{
    for (size_t i = 0; i < f->rw.n_edits; i++)
        if (strcmp(f->rw.edits[i].label, kind) == 0)
            return true;
    return false;
}

static void test_code_pages(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof moji_cases / sizeof moji_cases[0]; i++) {
        const struct moji_case *c = &moji_cases[i];
        const char *got = repair(f, c->damaged);
        if (strcmp(got, c->expected) != 0)
            fail_msg("%s: got \"%s\"", c->name, got);
        assert_true(f->rw.n_edits > 0);
        for (size_t k = 0; k < f->rw.n_edits; k++)
            assert_memory_equal(f->rw.edits[k].label, "mojibake:", 9);
        if (c->kind && !has_kind(f, c->kind))
            fail_msg("%s: no repair of kind %s", c->name, c->kind);
    }
}

static void test_partial_damage(void **state)
{
    fixture *f = *state;
    /* Correct accents stay; only the damaged word is repaired. */
    assert_string_equal(repair(f, "Gen\xc3\xa8ve is fine, but Montr\xc3\x83\xc2\xa9" "al is not."),
                        "Gen\xc3\xa8ve is fine, but Montr\xc3\xa9" "al is not.");
    assert_int_equal(f->rw.n_edits, 1);
    /* Correct Greek and a damaged Greek word inside one run of letters. */
    assert_string_equal(repair(f, "\xce\xb5\xce\xaf\xce\xbd\xce\xb1\xce\xb9 \xc3\x8e\xc2\xb1\xc3\x8e\xc2\xbb\xc3\x8e\xc2\xb7\xc3\x8e\xc2\xb8\xc3\x8f\xc5\xbd\xc3\x8f\xe2\x80\x9a"),
                        "\xce\xb5\xce\xaf\xce\xbd\xce\xb1\xce\xb9 \xce\xb1\xce\xbb\xce\xb7\xce\xb8\xcf\x8e\xcf\x82");
    /* A dash damaged on its own in otherwise correct text. */
    assert_string_equal(repair(f, "Prices fell \xc3\xa2\xe2\x82\xac\xe2\x80\x9c sharply \xe2\x80\x94 on Friday."),
                        "Prices fell \xe2\x80\x93 sharply \xe2\x80\x94 on Friday.");
}

/* One damaged character alone in a correct line has no other run to
 * confirm its code page: the run itself must be evidence enough. */
static void test_isolated_runs(void **state)
{
    fixture *f = *state;
    const char *cases[][2] = {
        /* unspaced dashes between words */
        { "The Harbour\xc3\xa2\xe2\x82\xac\xe2\x80\x9c" "City ferry left late.",
          "The Harbour\xe2\x80\x93" "City ferry left late." },
        { "She paused\xc3\xa2\xe2\x82\xac\xe2\x80\x9dthen signed the deal.",
          "She paused\xe2\x80\x94then signed the deal." },
        /* a sign between digits */
        { "The display runs at 2560\xc3\x83\xe2\x80\x94" "1440 today.",
          "The display runs at 2560\xc3\x97" "1440 today." },
        /* capitals with caron at the start of a name (the second byte of
         * "\xc5\xa0" became a no-break space) */
        { "Sales of \xc3\x85\xc2\xa0koda cars rose in May.", "Sales of \xc5\xa0koda cars rose in May." },
        { "The play by \xc3\x84\xc5\x92" "apek opened on Friday.", "The play by \xc4\x8c" "apek opened on Friday." },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = repair(f, cases[i][0]);
        if (strcmp(got, cases[i][1]) != 0)
            fail_msg("isolated #%zu: got \"%s\"", i, got);
        assert_int_equal(f->rw.n_edits, 1);
    }
    /* Correct words that some code page could misread into rarer letters or
     * a combining mark without its letter stay as they are. */
    const char *keep[] = {
        "\xd0\xa0\xd0\xbe\xd0\xb7\xd0\xbc\xd1\x96\xd1\x80 \xd1\x84\xd0\xb0\xd0\xb9\xd0\xbb\xd0\xb0: 5 \xd0\x9c\xd1\x96\xd0\x91, 2 \xd0\x9a\xd1\x96\xd0\x91",
        "The Paris\xe2\x80\x93" "Berlin train and the Rome\xe2\x80\x94" "Milan one.",
    };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        assert_string_equal(repair(f, keep[i]), keep[i]);
        assert_int_equal(f->rw.n_edits, 0);
    }
}

static void test_c1_controls(void **state)
{
    fixture *f = *state;
    /* Stray C1 controls are cp1252 punctuation read as Latin-1. */
    assert_string_equal(repair(f, "Il a dit non\xc2\x85 puis il est parti."),
                        "Il a dit non\xe2\x80\xa6 puis il est parti.");
    assert_true(has_kind(f, "decode:cp1252"));
    /* Bytes cp1252 leaves undefined stay. */
    assert_string_equal(repair(f, "odd \xc2\x81 control"), "odd \xc2\x81 control");
}

static void test_entities(void **state)
{
    fixture *f = *state;
    assert_string_equal(repair(f, "Fish &amp; chips cost &pound;5 &#8211; or &#x20AC;6 at O&#146;Neill&rsquo;s."),
                        "Fish & chips cost \xc2\xa3" "5 \xe2\x80\x93 or \xe2\x82\xac" "6 at O\xe2\x80\x99Neill\xe2\x80\x99s.");
    assert_int_equal(f->rw.n_edits, 6);
    assert_string_equal(f->rw.edits[0].label, "entity");
    assert_int_equal(f->rw.edits[0].start, 5);
    assert_int_equal(f->rw.edits[0].end, 10);
    /* Things that are not complete, known references are left alone. */
    const char *plain[] = { "AT&T and R&D; spent more", "&nosuch; &#xZZ; & so on", "&amp without end",
                            "&#0; &#xD800; &#99999999;", "Q&A", "a && b", "&" };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        assert_string_equal(repair(f, plain[i]), plain[i]);
        assert_int_equal(f->rw.n_edits, 0);
    }
}

static void test_invalid_utf8(void **state)
{
    fixture *f = *state;
    /* Mostly UTF-8 with a stray byte: the byte becomes U+FFFD. */
    assert_string_equal(repair(f, "caf\xc3\xa9 au lait \xff ou th\xc3\xa9 \xc3\xa0 la menthe"),
                        "caf\xc3\xa9 au lait \xef\xbf\xbd ou th\xc3\xa9 \xc3\xa0 la menthe");
    assert_true(has_kind(f, "invalid-utf8"));
    assert_int_equal(f->rw.edits[0].start, 14);
    assert_int_equal(f->rw.edits[0].end, 15);
    /* A truncated sequence at the end. */
    assert_string_equal(repair(f, "\xc3\xa9t\xc3\xa9 \xe2\x82"), "\xc3\xa9t\xc3\xa9 \xef\xbf\xbd");
}

static void test_whole_text_cp1252(void **state)
{
    fixture *f = *state;
    assert_string_equal(repair(f, "Caf\xe9 cr\xe8me costs \x80" "3 \x96 a bargain."),
                        "Caf\xc3\xa9 cr\xc3\xa8me costs \xe2\x82\xac" "3 \xe2\x80\x93 a bargain.");
    assert_true(f->rw.n_edits >= 4);
    for (size_t i = 0; i < f->rw.n_edits; i++)
        assert_string_equal(f->rw.edits[i].label, "decode:cp1252");
}

static void test_correct_text_unchanged(void **state)
{
    fixture *f = *state;
    const char *texts[] = {
        "S\xc3\xa3o Paulo e Bras\xc3\xadlia receberam a comitiva na ter\xc3\xa7" "a-feira.",
        "\xe0\xb8\x81\xe0\xb8\xa3\xe0\xb8\xb8\xe0\xb8\x87\xe0\xb9\x80\xe0\xb8\x97\xe0\xb8\x9e\xe0\xb8\xaf \xe0\xb8\xa1\xe0\xb8\xb5\xe0\xb8\x9d\xe0\xb8\x99\xe0\xb8\x95\xe0\xb8\x81\xe0\xb8\xab\xe0\xb8\x99\xe0\xb8\xb1\xe0\xb8\x81",
        "\xd0\x92 \xd0\x9a\xd0\xb8\xd0\xb5\xd0\xb2\xd0\xb5 \xd0\xb8 \xd0\xa1\xd0\xb0\xd0\xbd\xd0\xba\xd1\x82-\xd0\x9f\xd0\xb5\xd1\x82\xd0\xb5\xd1\x80\xd0\xb1\xd1\x83\xd1\x80\xd0\xb3\xd0\xb5 \xd1\x88\xd1\x91\xd0\xbb \xd0\xb4\xd0\xbe\xd0\xb6\xd0\xb4\xd1\x8c.",
        "\xce\x97 \xce\xb2\xce\xbf\xcf\x85\xce\xbb\xce\xae \xcf\x88\xce\xae\xcf\x86\xce\xb9\xcf\x83\xce\xb5 \xcf\x84\xce\xbf\xce\xbd \xce\xbd\xcf\x8c\xce\xbc\xce\xbf.",
        "\xe5\x8c\x97\xe4\xba\xac\xe4\xbb\x8a\xe5\xa4\xa9\xe4\xb8\x8b\xe9\x9b\xa8\xef\xbc\x8c\xe6\xb0\x94\xe6\xb8\xa9\xe4\xb8\x8b\xe9\x99\x8d\xe3\x80\x82",
        "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe4\xbc\x9a\xe8\xad\xb0\xe3\x81\x8c\xe9\x96\x8b\xe3\x81\x8b\xe3\x82\x8c\xe3\x81\x9f\xe3\x80\x82",
        "\xec\x84\x9c\xec\x9a\xb8\xec\x97\x90\xec\x84\x9c \xed\x9a\x8c\xec\x9d\x98\xea\xb0\x80 \xec\x97\xb4\xeb\xa0\xb8\xeb\x8b\xa4.",
        "\xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd9\x87\xd8\xb1\xd8\xa9 \xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd8\xa9 \xd9\x83\xd8\xa8\xd9\x8a\xd8\xb1\xd8\xa9",
        "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\x9c\xd7\x9b\xd7\x95\xd7\x9c\xd7\x9d",
        "Fans cheered \xf0\x9f\x8e\x89\xf0\x9f\x8e\x89 and waved \xf0\x9f\x87\xab\xf0\x9f\x87\xb7 flags \xe2\x9c\x94\xef\xb8\x8f",
        "For all x \xe2\x88\x88 \xe2\x84\x9d, x\xc2\xb2 \xe2\x89\xa5 0 and \xe2\x88\x91 a\xe1\xb5\xa2 \xe2\x89\xa4 \xcf\x80.",
        "M\xc3\xbc" "nchen, Z\xc3\xbcrich und Gra\xc3\x9f kosten \xc3\xa4hnlich viel: 5\xc2\xa0\xe2\x82\xac, \xc2\xa3" "4, \xc2\xa5" "600.",
        "\xc3\x80\xc3\x89\xc3\x8e\xc3\x95\xc3\x9c and \xc3\x85ngstr\xc3\xb6m, \xc2\xab citation \xc2\xbb, \xc2\xbfqu\xc3\xa9? \xc2\xa1s\xc3\xad!",
        "SIN\xc3\x83O DE S\xc3\x83O JO\xc3\x83O \xe2\x80\x94 \xc3\x87" "A VA, L\xe2\x80\x99\xc3\x89T\xc3\x89 \xc3\x80 PARIS",
        "Cumhurba\xc5\x9fkan\xc4\xb1 \xc4\xb0stanbul\xe2\x80\x99" "da konu\xc5\x9ftu; Gda\xc5\x84sk i \xc5\x81\xc3\xb3" "d\xc5\xba le\xc5\xbc\xc4\x85.",
        "Vi\xe1\xbb\x87t Nam \xc4\x91\xc6\xb0\xe1\xbb\xa3" "c bi\xe1\xba\xbft \xc4\x91\xe1\xba\xbfn",
        "A 10\xc2\xa0km run \xe2\x80\x93 2\xc3\x97" "5 laps \xe2\x80\x93 at 20\xc2\xb0" "C \xc2\xb1" "1\xc2\xb0.",
        "plain ASCII only, with & and ; and # signs",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *got = repair(f, texts[i]);
        if (strcmp(got, texts[i]) != 0)
            fail_msg("changed #%zu: \"%s\"", i, got);
        assert_int_equal(f->rw.n_edits, 0);
    }
}

static void test_offsets_map_back(void **state)
{
    fixture *f = *state;
    const char *in = "Le caf\xc3\x83\xc2\xa9 et l\xc3\xa2\xe2\x82\xac\xe2\x84\xa2h\xc3\x83\xc2\xb4tel";
    const char *out = repair(f, in);
    assert_string_equal(out, "Le caf\xc3\xa9 et l\xe2\x80\x99h\xc3\xb4tel");
    assert_int_equal(f->rw.n_edits, 3);
    /* "Ã©" is input bytes 6..10, its repair output bytes 6..8. */
    assert_int_equal(f->rw.edits[0].start, 6);
    assert_int_equal(f->rw.edits[0].end, 10);
    assert_int_equal(f->rw.edits[0].to, 6);
    assert_int_equal(f->rw.edits[0].to_len, 2);
    assert_string_equal(f->rw.edits[0].label, "mojibake:cp1252");
    /* Output offsets map back to the input. */
    const sl_map_seg *m = f->rw.segs;
    size_t n = f->rw.n_segs;
    assert_int_equal(sl_map_offset(m, n, 0, 0), 0);
    assert_int_equal(sl_map_offset(m, n, 6, 0), 6);   /* start of "é" */
    assert_int_equal(sl_map_offset(m, n, 8, 1), 10);  /* its end */
    assert_int_equal(sl_map_offset(m, n, 9, 0), 11);  /* "et" */
    assert_int_equal(sl_map_offset(m, n, 13, 0), 15); /* start of "’" */
    assert_int_equal(sl_map_offset(m, n, 16, 1), 23); /* end of "’" */
    assert_int_equal(sl_map_offset(m, n, 16, 0), 23); /* "h" */
    assert_int_equal(sl_map_offset(m, n, strlen(out), 1), strlen(in));
    /* Every edit's output range holds its replacement. */
    assert_memory_equal(out + f->rw.edits[1].to, "\xe2\x80\x99", 3);
}

static void test_empty_and_null(void **state)
{
    fixture *f = *state;
    sl_rewrite_reset(&f->rw);
    assert_int_equal(sl_encoding_repair(&f->rw, "", 0), SL_OK);
    assert_int_equal(f->rw.out.len, 0);
    assert_int_equal(sl_encoding_repair(&f->rw, NULL, 3), SL_EINVAL);
}

/* Fail the Nth allocation, for every N until the repair succeeds: each
 * run must return SL_ENOMEM or the right text, and leak nothing. */
static void test_oom_sweep(void **state)
{
    (void)state;
    const char *in = "Caf\xc3\x83\xc2\xa9 &amp; \xc3\xa2\xe2\x82\xac\xc5\x93quoted\xc3\xa2\xe2\x82\xac\xef\xbf\xbd \xff "
                     "\xd0\xa0\xc2\xa6\xd0\xa0\xc2\xb5\xd0\xa0\xd0\x85\xd0\xa1\xe2\x80\xb9 Gen\xc3\x83\xc6\x92\xc3\x82\xc2\xa8ve";
    const char *want = "Caf\xc3\xa9 & \xe2\x80\x9cquoted\xef\xbf\xbd \xef\xbf\xbd \xd0\xa6\xd0\xb5\xd0\xbd\xd1\x8b Gen\xc3\xa8ve";
    bool done = false;
    for (uint64_t n = 1; n < 500 && !done; n++) {
        sl_ctx *ctx = test_ctx();
        sl_rewrite rw;
        sl_rewrite_init(&rw, ctx);
        sl_ctx_set_fail_alloc_after(ctx, n);
        int rc = sl_encoding_repair(&rw, in, strlen(in));
        if (rc == SL_OK) {
            assert_string_equal(rw.out.ptr, want);
            done = true;
        } else {
            assert_int_equal(rc, SL_ENOMEM);
        }
        sl_rewrite_release(&rw);
        sl_ctx_free(ctx);
    }
    assert_true(done);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_code_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_damage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isolated_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_c1_controls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entities, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_whole_text_cp1252, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_text_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offsets_map_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_null, setup, teardown),
        cmocka_unit_test(test_oom_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
