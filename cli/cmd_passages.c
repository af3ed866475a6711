/* storyline passages: passages shared by documents that are not duplicates. */
#include "cli.h"
#include "commands.h"

#include "core/json.h"
#include "dedup/passages.h"
#include "dedup/shingle.h"
#include "dedup/spans.h"

#include <errno.h>
#include <getopt.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_passages_usage[] =
    "usage: storyline passages [OPTIONS] [INPUT...]\n"
    "\n"
    "Find passages of at least N words that documents share although they are\n"
    "not duplicates of each other: wire copy inside two different articles, a\n"
    "press release, a long quote reused.  Writes one JSON object per pair of\n"
    "documents, in input order, with the byte offsets of each passage in both\n"
    "cleaned texts.  Pairs that share most of their words are duplicates and\n"
    "are left out (that is what 'storyline dedup' reports), and so are pairs\n"
    "in the same \"dup\".\"cluster\" when the input comes from dedup.\n"
    "\n"
    "options:\n"
    "  --min-words=N     shortest passage, in words (default 25)\n"
    "  --dup-cover=F     leave out a pair when its passages cover at least F of\n"
    "                    the shorter document's words (default 0.8)\n"
    "  --max-df=N        ignore text found in more than N documents\n"
    "                    (boilerplate; default 50)\n"
    "  --no-clean        use the text as given; offsets are then into the\n"
    "                    input text (default: clean first, offsets into the\n"
    "                    cleaned text)\n"
    "  --stats           print index figures on standard error at the end\n"
    "  -o, --output=FILE write to FILE instead of standard output\n"
    "  --max-line=SIZE   reject JSON lines longer than SIZE (default 256M)\n"
    "  --max-doc=SIZE    reject larger files, pages, texts (default 256M)\n"
    "  --max-depth=N     reject JSON nested deeper than N (default 64)\n"
    "  -q, --quiet       do not print rejected records (the exit code still\n"
    "                    says some were)\n"
    "\n"
    "output: {\"a\": id, \"b\": id, \"passages\": [{\"a\": [start, end], \"b\": [start, end],\n"
    "\"words\": n, \"text\": excerpt}], \"cover_a\": f, \"cover_b\": f}.  See docs/passages.md.\n";

#define EXCERPT_CHARS 80

typedef struct passages_job {
    sl_reader_options reader;
    sl_passages_options index;
    double dup_cover;
    bool no_clean, quiet, stats;
    const char *output;
    uint64_t docs, rejected, candidates, duplicates, same_cluster, common, pairs;
} passages_job;

/* What is kept per document: where its text is in the temporary file
 * (followed by the hashes of its n_tokens tokens) and its id and dup
 * cluster (stored one after the other in `names`). */
typedef struct doc_entry {
    uint64_t text_off, text_len, hash_off;
    size_t name_off;
    uint32_t id_len, cluster_len, n_tokens;
} doc_entry;

typedef struct passages_state {
    sl_ctx *ctx;
    sl_reader *reader;
    sl_cleaner *cleaner;
    sl_out *out;
    sl_passages *index;
    sl_spans spans;
    sl_json_object dup_obj;
    FILE *tmp;
    uint64_t tmp_len;
    bool fatal;               /* the temporary file or memory failed: stop */
    doc_entry *docs;
    size_t n_docs, docs_cap;
    char *names;
    size_t names_len, names_cap;
    const char *map;          /* the temporary file mapped after pass 1, or NULL */
    char *text[2];            /* texts read with pread when it is not mapped */
    size_t text_cap[2];
    const char *cur_text[2];  /* texts a and b of the pair at hand */
    uint64_t *hashes;         /* token hashes of the document at hand */
    size_t hashes_cap, n_hashes;
    const uint64_t *cur_hashes;
    size_t *keep;             /* the spans of the pair that are reported */
    size_t n_keep, keep_cap, kept_words;
} passages_state;

/* ---- options ---------------------------------------------------------------- */

static bool parse_unsigned(const char *s, unsigned long lo, unsigned long hi, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi)
        return false;
    *out = (unsigned)v;
    return true;
}

static int parse_args(int argc, char **argv, passages_job *job)
{
    enum { OPT_MIN_WORDS = 256, OPT_DUP_COVER, OPT_MAX_DF, OPT_GRAM, OPT_NO_CLEAN, OPT_STATS };
    static const struct option longopts[] = {
        { "min-words", required_argument, NULL, OPT_MIN_WORDS },
        { "dup-cover", required_argument, NULL, OPT_DUP_COVER },
        { "max-df", required_argument, NULL, OPT_MAX_DF },
        { "gram", required_argument, NULL, OPT_GRAM },
        { "no-clean", no_argument, NULL, OPT_NO_CLEAN },
        { "stats", no_argument, NULL, OPT_STATS },
        { "output", required_argument, NULL, 'o' },
        { "quiet", no_argument, NULL, 'q' },
        CLI_READER_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    int c, status = EXIT_OK;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+o:q", longopts, NULL)) != -1) {
        if (cli_reader_option(c, optarg, &job->reader, &status)) {
            if (status != EXIT_OK)
                return status;
            continue;
        }
        switch (c) {
        case OPT_MIN_WORDS:
            if (!parse_unsigned(optarg, 1, 100000, &job->index.min_words))
                return cli_usage_error("--min-words takes a number from 1 to 100000, not '%s'", optarg);
            break;
        case OPT_DUP_COVER:
            if (!cli_parse_fraction(optarg, &job->dup_cover))
                return cli_usage_error("--dup-cover takes a fraction above 0, at most 1, not '%s'", optarg);
            break;
        case OPT_MAX_DF:
            if (!parse_unsigned(optarg, 2, 1000000000, &job->index.max_df))
                return cli_usage_error("--max-df takes a number of at least 2, not '%s'", optarg);
            break;
        case OPT_GRAM:
            if (!parse_unsigned(optarg, 1, 100000, &job->index.gram))
                return cli_usage_error("--gram takes a number from 1 to 100000, not '%s'", optarg);
            break;
        case OPT_NO_CLEAN: job->no_clean = true; break;
        case OPT_STATS: job->stats = true; break;
        case 'o': job->output = optarg; break;
        case 'q': job->quiet = true; break;
        case '?':
        default:
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    return EXIT_OK;
}

/* ---- pass 1: read, clean, index, keep the texts in a temporary file -------------- */

/* The raw bytes of "dup"."cluster" (a string token with its quotes, or a
 * number), or an empty string when the record has none. */
static sl_str doc_cluster(passages_state *st, const sl_doc *doc)
{
    sl_str none = { NULL, 0 };
    const sl_json_object *obj = doc->members;
    long i = obj ? sl_json_find(obj, "dup") : -1;
    if (i < 0 || obj->members[i].type != SL_JSON_OBJECT)
        return none;
    const sl_json_member *m = &obj->members[i];
    size_t err_off;
    if (sl_json_parse_object(st->ctx, obj->text + m->val_start, m->val_end - m->val_start, 64,
                             &st->dup_obj, &err_off) != SL_OK) {
        sl_clear_error(st->ctx);
        return none;
    }
    long c = sl_json_find(&st->dup_obj, "cluster");
    if (c < 0 || st->dup_obj.members[c].type == SL_JSON_NULL)
        return none;
    const sl_json_member *cm = &st->dup_obj.members[c];
    return (sl_str){ st->dup_obj.text + cm->val_start, cm->val_end - cm->val_start };
}

static bool grow(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *p = realloc(*v, n * elem);
    if (!p)
        return false;
    *v = p;
    *cap = n;
    return true;
}

/* Remember the document: its text goes to the temporary file, its id and
 * cluster to the names. */
static int keep_doc(passages_state *st, const sl_doc *doc, const char *text, size_t len)
{
    sl_str cluster = doc_cluster(st, doc);
    if (!grow((void **)&st->docs, &st->docs_cap, st->n_docs + 1, sizeof *st->docs) ||
        !grow((void **)&st->names, &st->names_cap, st->names_len + doc->id.len + cluster.len, 1)) {
        cli_error("out of memory");
        st->fatal = true;
        return EXIT_IO;
    }
    /* the hashes start at a multiple of 8 so that they can be used in
     * place when the file is mapped */
    static const char zeros[8];
    size_t pad = (size_t)((8 - (st->tmp_len + len) % 8) % 8);
    size_t hash_bytes = st->n_hashes * sizeof *st->hashes;
    if ((len && fwrite(text, 1, len, st->tmp) != len) ||
        (pad && fwrite(zeros, 1, pad, st->tmp) != pad) ||
        (hash_bytes && fwrite(st->hashes, 1, hash_bytes, st->tmp) != hash_bytes)) {
        cli_error("cannot write the temporary file: %s", strerror(errno));
        st->fatal = true;
        return EXIT_IO;
    }
    doc_entry *e = &st->docs[st->n_docs++];
    e->text_off = st->tmp_len;
    e->text_len = len;
    e->name_off = st->names_len;
    e->id_len = (uint32_t)doc->id.len;
    e->cluster_len = (uint32_t)cluster.len;
    e->n_tokens = (uint32_t)st->n_hashes;
    e->hash_off = st->tmp_len + len + pad;
    if (doc->id.len)
        memcpy(st->names + st->names_len, doc->id.ptr, doc->id.len);
    if (cluster.len)
        memcpy(st->names + st->names_len + doc->id.len, cluster.ptr, cluster.len);
    st->names_len += doc->id.len + cluster.len;
    st->tmp_len += len + pad + hash_bytes;
    return EXIT_OK;
}

/* The token hashes of the text into st->hashes (an SL_* code). */
static int tokenize(passages_state *st, const char *text, size_t len)
{
    sl_tokenizer t;
    sl_token tok;
    st->n_hashes = 0;
    sl_tokenizer_init(&t, text, len);
    while (sl_token_next(&t, &tok)) {
        if (st->n_hashes == UINT32_MAX - 1)
            return sl_error(st->ctx, SL_ELIMIT, "more than 2^32 words in one document");
        if (!grow((void **)&st->hashes, &st->hashes_cap, st->n_hashes + 1, sizeof *st->hashes))
            return sl_error(st->ctx, SL_ENOMEM, "out of memory");
        st->hashes[st->n_hashes++] = tok.hash;
    }
    return SL_OK;
}

/* Clean (unless --no-clean), index and keep one document.  Returns an exit
 * status; a document that fails is reported and counted as rejected. */
static int take_doc(passages_state *st, passages_job *job, const sl_doc *doc)
{
    const char *text = doc->text.ptr;
    size_t len = doc->text.len;
    int rc = SL_OK;
    if (!job->no_clean) {
        const sl_clean_result *r;
        rc = sl_clean(st->cleaner, doc->text.ptr, doc->text.len, doc->source.ptr, doc->source.len, &r);
        if (rc == SL_OK) {
            text = r->text.ptr;
            len = r->text.len;
        }
    }
    if (rc == SL_OK)
        rc = tokenize(st, text, len);
    if (rc == SL_OK)
        rc = sl_passages_add_hashes(st->index, st->hashes, st->n_hashes);
    if (rc != SL_OK) {
        cli_error("%s:%llu: %s", doc->origin, (unsigned long long)doc->line, sl_errmsg(st->ctx));
        job->rejected++;
        return cli_exit_for(rc);
    }
    job->docs++;
    return keep_doc(st, doc, text, len);
}

static int read_all(passages_state *st, passages_job *job)
{
    int status = EXIT_OK;
    cli_progress progress;
    cli_progress_init(&progress);
    for (;;) {
        sl_doc doc;
        int rc = sl_reader_next(st->reader, &doc);
        if (rc == SL_EOF)
            break;
        if (rc != SL_OK) {
            job->rejected++;
            cli_read_error(st->ctx, rc, job->quiet, &status);
            continue;
        }
        status = cli_worse(status, take_doc(st, job, &doc));
        if (st->fatal)
            return EXIT_IO;
        cli_progress_update(&progress, job->docs, sl_reader_bytes(st->reader));
    }
    cli_progress_done(&progress);
    if (fflush(st->tmp) != 0) {
        cli_error("cannot write the temporary file: %s", strerror(errno));
        st->fatal = true;
        return EXIT_IO;
    }
    return status;
}

/* ---- pass 2: candidate pairs, exact spans, output ------------------------------ */

static bool read_tmp(passages_state *st, void *buf, size_t len, uint64_t off)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = pread(fileno(st->tmp), (char *)buf + got, len - got, (off_t)(off + got));
        if (n <= 0) {
            cli_error("cannot read the temporary file: %s", n < 0 ? strerror(errno) : "short read");
            return false;
        }
        got += (size_t)n;
    }
    return true;
}

/* Map the temporary file for pass 2; when that fails (address space),
 * texts are read with pread instead. */
static void map_texts(passages_state *st)
{
    if (st->tmp_len == 0 || st->tmp_len > SIZE_MAX)
        return;
    void *m = mmap(NULL, (size_t)st->tmp_len, PROT_READ, MAP_PRIVATE, fileno(st->tmp), 0);
    if (m != MAP_FAILED)
        st->map = m;
}

static bool load_text(passages_state *st, int slot, const doc_entry *e)
{
    if (st->map) {
        st->cur_text[slot] = st->map + e->text_off;
        return true;
    }
    if (!grow((void **)&st->text[slot], &st->text_cap[slot], e->text_len + 1, 1)) {
        cli_error("out of memory");
        return false;
    }
    st->cur_text[slot] = st->text[slot];
    return read_tmp(st, st->text[slot], e->text_len, e->text_off);
}

static bool load_hashes(passages_state *st, const doc_entry *e)
{
    st->n_hashes = e->n_tokens;
    if (st->map) {
        st->cur_hashes = (const uint64_t *)(const void *)(st->map + e->hash_off);
        return true;
    }
    if (!grow((void **)&st->hashes, &st->hashes_cap, e->n_tokens, sizeof *st->hashes)) {
        cli_error("out of memory");
        return false;
    }
    st->cur_hashes = st->hashes;
    return read_tmp(st, st->hashes, e->n_tokens * sizeof *st->hashes, e->hash_off);
}

static bool same_cluster(const passages_state *st, const doc_entry *a, const doc_entry *b)
{
    return a->cluster_len && a->cluster_len == b->cluster_len &&
           memcmp(st->names + a->name_off + a->id_len, st->names + b->name_off + b->id_len,
                  a->cluster_len) == 0;
}

/* The first EXCERPT_CHARS characters of text[start..end), "..." when cut. */
static int write_excerpt(sl_out *o, const char *text, size_t start, size_t end)
{
    size_t i = start, chars = 0;
    while (i < end && chars < EXCERPT_CHARS) {
        i++;
        while (i < end && ((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (i >= end)
        return sl_out_string(o, text + start, end - start);
    char buf[4 * EXCERPT_CHARS + 8];
    size_t n = i - start < 4 * EXCERPT_CHARS ? i - start : 4 * EXCERPT_CHARS;
    memcpy(buf, text + start, n);
    memcpy(buf + n, "...", 3);
    return sl_out_string(o, buf, n + 3);
}

static int write_range(sl_out *o, const char *key, size_t start, size_t end)
{
    int rc = sl_out_key(o, key);
    if (!rc) rc = sl_out_begin_array(o);
    if (!rc) rc = sl_out_int(o, (int64_t)start);
    if (!rc) rc = sl_out_int(o, (int64_t)end);
    if (!rc) rc = sl_out_end_array(o);
    return rc;
}

static int write_passage(sl_out *o, const char *a_text, const sl_span *sp)
{
    int rc = sl_out_begin_object(o);
    if (!rc) rc = write_range(o, "a", sp->a_start, sp->a_end);
    if (!rc) rc = write_range(o, "b", sp->b_start, sp->b_end);
    if (!rc) rc = sl_out_key(o, "words");
    if (!rc) rc = sl_out_int(o, sp->words);
    if (!rc) rc = sl_out_key(o, "text");
    if (!rc) rc = write_excerpt(o, a_text, sp->a_start, sp->a_end);
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

static int write_pair(passages_state *st, const doc_entry *a, const doc_entry *b)
{
    const sl_spans *sp = &st->spans;
    sl_out *o = st->out;
    sl_out_reset(o);
    int rc = sl_out_begin_object(o);
    if (!rc) rc = sl_out_key(o, "a");
    if (!rc) rc = sl_out_string(o, st->names + a->name_off, a->id_len);
    if (!rc) rc = sl_out_key(o, "b");
    if (!rc) rc = sl_out_string(o, st->names + b->name_off, b->id_len);
    if (!rc) rc = sl_out_key(o, "passages");
    if (!rc) rc = sl_out_begin_array(o);
    for (size_t i = 0; i < st->n_keep && !rc; i++)
        rc = write_passage(o, st->cur_text[0], &sp->v[st->keep[i]]);
    if (!rc) rc = sl_out_end_array(o);
    if (!rc) rc = sl_out_key(o, "cover_a");
    if (!rc) rc = sl_out_double(o, cli_round4((double)st->kept_words / (double)sp->a_words));
    if (!rc) rc = sl_out_key(o, "cover_b");
    if (!rc) rc = sl_out_double(o, cli_round4((double)st->kept_words / (double)sp->b_words));
    if (!rc) rc = sl_out_end_object(o);
    return rc;
}

/* Keep the spans that are not boilerplate (found in more than --max-df
 * documents).  Returns an SL_* code. */
static int keep_rare_spans(passages_state *st)
{
    const sl_spans *sp = &st->spans;
    st->n_keep = st->kept_words = 0;
    if (!grow((void **)&st->keep, &st->keep_cap, sp->n, sizeof *st->keep))
        return sl_error(st->ctx, SL_ENOMEM, "out of memory");
    for (size_t i = 0; i < sp->n; i++) {
        bool rare;
        int rc = sl_passages_rare(st->index, st->cur_text[0] + sp->v[i].a_start,
                                  sp->v[i].a_end - sp->v[i].a_start, &rare);
        if (rc)
            return rc;
        if (rare) {
            st->keep[st->n_keep++] = i;
            st->kept_words += sp->v[i].words;
        }
    }
    return SL_OK;
}

/* Exact spans of one candidate pair; writes it unless it is a duplicate or
 * shares only boilerplate. */
static int check_pair(passages_state *st, passages_job *job, size_t ia, size_t ib, FILE *out)
{
    const doc_entry *a = &st->docs[ia], *b = &st->docs[ib];
    job->candidates++;
    if (same_cluster(st, a, b)) {
        job->same_cluster++;
        return EXIT_OK;
    }
    /* b's tokens first: most candidates share no passage, and those need
     * neither b's text nor tokenising it */
    if (!load_hashes(st, b))
        return EXIT_IO;
    int rc = sl_spans_match_hashes(&st->spans, st->cur_hashes, st->n_hashes);
    if (rc != SL_OK) {
        cli_error("%s", sl_errmsg(st->ctx));
        return EXIT_IO;
    }
    const sl_spans *sp = &st->spans;
    if (sp->n == 0)
        return EXIT_OK;
    size_t smaller = sp->a_words < sp->b_words ? sp->a_words : sp->b_words;
    if ((double)sp->shared_words >= job->dup_cover * (double)smaller) {
        job->duplicates++;
        return EXIT_OK;
    }
    rc = keep_rare_spans(st);
    if (rc != SL_OK) {
        cli_error("%s", sl_errmsg(st->ctx));
        return EXIT_IO;
    }
    if (st->n_keep == 0) {
        job->common++;
        return EXIT_OK;
    }
    if (!load_text(st, 1, b))
        return EXIT_IO;
    rc = sl_spans_locate_b(&st->spans, st->cur_text[1], b->text_len);
    if (rc != SL_OK) {
        cli_error("%s", sl_errmsg(st->ctx));
        return EXIT_IO;
    }
    const char *line;
    size_t len;
    rc = write_pair(st, a, b);
    if (!rc) rc = sl_out_finish(st->out, &line, &len);
    if (rc != SL_OK) {
        cli_error("%s", sl_errmsg(st->ctx));
        return EXIT_IO;
    }
    job->pairs++;
    return cli_write(out, line, len) ? EXIT_OK : EXIT_IO;
}

static int pair_all(passages_state *st, passages_job *job, FILE *out)
{
    map_texts(st);
    int rc = sl_passages_finish(st->index);
    if (rc != SL_OK) {
        cli_error("%s", sl_errmsg(st->ctx));
        return EXIT_IO;
    }
    for (size_t ia = 0; ia < st->n_docs; ia++) {
        const uint32_t *cand;
        size_t n;
        rc = sl_passages_candidates(st->index, (uint32_t)ia, &cand, &n);
        if (rc != SL_OK) {
            cli_error("%s", sl_errmsg(st->ctx));
            return EXIT_IO;
        }
        if (n == 0)
            continue;
        const doc_entry *a = &st->docs[ia];
        if (!load_text(st, 0, a))
            return EXIT_IO;
        rc = sl_spans_set_a(&st->spans, st->cur_text[0], a->text_len, job->index.min_words);
        if (rc != SL_OK) {
            cli_error("%s", sl_errmsg(st->ctx));
            return EXIT_IO;
        }
        for (size_t i = 0; i < n; i++) {
            int s = check_pair(st, job, ia, cand[i], out);
            if (s != EXIT_OK)
                return s;
        }
    }
    return EXIT_OK;
}

/* ---- the command -------------------------------------------------------------- */

static int open_state(passages_state *st, passages_job *job, int argc, char **argv)
{
    if (sl_ctx_new(&st->ctx, NULL) || sl_reader_new(st->ctx, &st->reader, &job->reader) ||
        (!job->no_clean && sl_cleaner_new(st->ctx, &st->cleaner, &(sl_clean_options)SL_CLEAN_OPTIONS_INIT)) ||
        sl_out_new(st->ctx, &st->out) || sl_passages_new(st->ctx, &st->index, &job->index)) {
        cli_error("%s", st->ctx ? sl_errmsg(st->ctx) : "out of memory");
        return EXIT_IO;
    }
    sl_spans_init(&st->spans, st->ctx);
    if (!(st->tmp = tmpfile())) {
        cli_error("cannot create a temporary file: %s", strerror(errno));
        return EXIT_IO;
    }
    return cli_add_inputs(st->ctx, st->reader, argc, argv, optind);
}

static void close_state(passages_state *st)
{
    if (st->map)
        munmap((void *)st->map, (size_t)st->tmp_len);
    if (st->tmp)
        fclose(st->tmp);
    free(st->docs);
    free(st->names);
    free(st->text[0]);
    free(st->text[1]);
    free(st->keep);
    free(st->hashes);
    if (st->ctx) {
        sl_json_object_release(st->ctx, &st->dup_obj);
        sl_spans_release(&st->spans);
    }
    sl_passages_free(st->index);
    sl_out_free(st->out);
    sl_cleaner_free(st->cleaner);
    sl_reader_free(st->reader);
    sl_ctx_free(st->ctx);
}

static void print_stats(const passages_state *st, const passages_job *job)
{
    sl_passages_stats s;
    sl_passages_get_stats(st->index, &s);
    double docs = s.docs ? (double)s.docs : 1.0;
    fprintf(stderr,
            "documents:       %llu indexed, %llu rejected\n"
            "fingerprints:    %zu (%.1f per document), %zu distinct, %zu in more than %u documents\n"
            "index memory:    %.1f bytes per document (peak %.1f), plus %.1f per document of ids\n"
            "temporary file:  %.1f MB of texts and word hashes\n"
            "candidate pairs: %llu: %llu reported, %llu duplicates, %llu in one dup cluster,\n"
            "                 %llu sharing only text found in more than %u documents\n",
            (unsigned long long)job->docs, (unsigned long long)job->rejected, s.fingerprints,
            (double)s.fingerprints / docs, s.distinct, s.common, job->index.max_df,
            (double)s.bytes / docs, (double)s.peak_bytes / docs,
            (double)(st->names_len + st->n_docs * sizeof *st->docs) / docs, (double)st->tmp_len / 1e6,
            (unsigned long long)job->candidates, (unsigned long long)job->pairs,
            (unsigned long long)job->duplicates, (unsigned long long)job->same_cluster,
            (unsigned long long)job->common, job->index.max_df);
}

int cmd_passages(int argc, char **argv)
{
    passages_job job;
    memset(&job, 0, sizeof job);
    job.reader = (sl_reader_options)SL_READER_OPTIONS_INIT;
    job.index = (sl_passages_options)SL_PASSAGES_OPTIONS_INIT;
    job.dup_cover = 0.8;
    int status = parse_args(argc, argv, &job);
    if (status != EXIT_OK)
        return status;

    FILE *out = cli_open_output(job.output);
    if (!out)
        return EXIT_IO;
    passages_state st;
    memset(&st, 0, sizeof st);
    status = open_state(&st, &job, argc, argv);
    if (st.tmp) {
        status = cli_worse(status, read_all(&st, &job));
        if (!st.fatal)
            status = cli_worse(status, pair_all(&st, &job, out));
        if (job.stats)
            print_stats(&st, &job);
    }
    close_state(&st);
    return cli_close_output(out, job.output, status);
}
