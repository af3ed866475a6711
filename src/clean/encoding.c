/* Encoding repair: the scan over a text.
 *
 * A first pass finds every place that needs a repair and works out the
 * replacement (an "event"): HTML character references, invalid UTF-8,
 * and runs of non-ASCII characters that read better once a wrong decoding
 * is undone (encoding_mojibake.c).  Weak mojibake repairs are kept only
 * when the same code page was found with strong evidence elsewhere in the
 * text; a second pass writes the output through the rewrite.
 *
 * Pure ASCII without '&' is skipped eight bytes at a time. */
#include "encoding.h"

#include "encoding_internal.h"
#include "encoding_tables.h"

#include <string.h>

typedef struct enc_event {
    size_t start, end;   /* input bytes replaced */
    size_t out, out_len; /* replacement, in st->text */
    const char *kind;    /* NULL: dropped */
    int page;            /* weak repair: needs this code page confirmed; else -1 */
    size_t run_at;       /* a mojibake repair: where its run starts; else SIZE_MAX */
} enc_event;

typedef struct enc_state {
    sl_ctx *ctx;
    const char *in;
    size_t len;
    bool legacy;         /* the whole text is in cp1252, not UTF-8 */
    sl_buf text;         /* replacement texts */
    enc_event *ev;
    size_t n_ev, cap_ev;
    uint32_t *run;       /* the current run, as code points ... */
    size_t *offs;        /* ... and the input offset of each (one more) */
    size_t cap_run, cap_offs;
    sl_moji moji;
    uint32_t confirmed;  /* code pages found with strong evidence */
    long evidence[SL_MOJI_MAX_PAGES]; /* cost saved by each page over the text */
    int order[SL_MOJI_MAX_PAGES];     /* pages by evidence */
} enc_state;

static const char replacement_char[] = "\xEF\xBF\xBD";

/* Next byte at or after i that is non-ASCII or '&'. */
static size_t skip_plain(const char *s, size_t i, size_t len)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t amp = w ^ (ones * '&');
        if ((w & highs) || ((amp - ones) & ~amp & highs))
            break;
        i += 8;
    }
    while (i < len && (unsigned char)s[i] < 0x80 && s[i] != '&')
        i++;
    return i;
}

/* A text that is not UTF-8 and hardly contains a valid multi-byte
 * sequence is in a legacy code page; cp1252 is by far the most common. */
static bool looks_legacy(const char *s, size_t len)
{
    size_t valid = 0, invalid = 0, i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t adv;
        if (sl_utf8_decode(s + i, len - i, &adv) < 0)
            invalid++;
        else
            valid++;
        i += adv;
    }
    return invalid > 0 && valid * 4 < invalid;
}

static int add_event(enc_state *st, size_t start, size_t end, const char *kind, int page,
                     size_t out)
{
    int rc = sl_grow(st->ctx, (void **)&st->ev, &st->cap_ev, st->n_ev + 1, sizeof *st->ev);
    if (rc)
        return rc;
    st->ev[st->n_ev++] = (enc_event){ start, end, out, st->text.len - out, kind, page, SIZE_MAX };
    return SL_OK;
}

static int put_cp(sl_buf *b, uint32_t cp)
{
    char u[4];
    size_t n = sl_utf8_encode(cp, u);
    if (n == 0)
        return sl_buf_append(b, replacement_char, 3);
    return sl_buf_append(b, u, n);
}

/* '&' at q: a character reference, or a plain ampersand. */
static int on_ampersand(enc_state *st, size_t q, size_t *next)
{
    uint32_t cp;
    size_t n = sl_entity_parse(st->in + q, st->len - q, &cp);
    *next = q + (n ? n : 1);
    if (!n)
        return SL_OK;
    size_t out = st->text.len;
    int rc = put_cp(&st->text, cp);
    return rc ? rc : add_event(st, q, q + n, "entity", -1, out);
}

/* Bytes from q that are not ASCII, read as cp1252. */
static int on_legacy(enc_state *st, size_t q, size_t *next)
{
    size_t out = st->text.len, p = q;
    int cp1252 = sl_cp_find("cp1252");
    int rc = SL_OK;
    while (p < st->len && (unsigned char)st->in[p] >= 0x80 && rc == SL_OK)
        rc = put_cp(&st->text, sl_cp_decode(cp1252, (unsigned char)st->in[p++]));
    *next = p;
    return rc ? rc : add_event(st, q, p, "decode:cp1252", -1, out);
}

static int push_token(enc_state *st, size_t n, uint32_t cp, size_t off)
{
    int rc = sl_grow(st->ctx, (void **)&st->run, &st->cap_run, n + 1, sizeof *st->run);
    if (rc == SL_OK)
        rc = sl_grow(st->ctx, (void **)&st->offs, &st->cap_offs, n + 2, sizeof *st->offs);
    if (rc == SL_OK) {
        st->run[n] = cp;
        st->offs[n] = off;
    }
    return rc;
}

/* Collect the run starting at q: non-ASCII characters, with a single space
 * or '?' after a non-ASCII character kept in (lossy damage hides bytes
 * there).  Returns the number of tokens (in st->run) or a negative code. */
static long scan_run(enc_state *st, size_t q)
{
    size_t n = 0, p = q;
    int rc = SL_OK;
    while (p < st->len && n < SL_MOJI_MAX_RUN && rc == SL_OK) {
        unsigned char c = (unsigned char)st->in[p];
        size_t adv = 1;
        int32_t cp = c;
        if (c >= 0x80) {
            cp = sl_utf8_decode(st->in + p, st->len - p, &adv);
            if (cp < 0)
                break;
        } else if (!((c == ' ' || c == '?') && n > 0 && st->run[n - 1] >= 0x80)) {
            break;
        }
        rc = push_token(st, n, (uint32_t)cp, p);
        n++;
        p += adv;
    }
    if (rc)
        return rc;
    st->offs[n] = p;
    return (long)n;
}

/* The code point just before byte q (0 at the start or after bad bytes). */
static uint32_t cp_before(const char *s, size_t q)
{
    size_t k = q;
    while (k > 0 && q - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--;
    if (k == 0)
        return 0;
    size_t adv;
    int32_t cp = sl_utf8_decode(s + k - 1, q - k + 1, &adv);
    return cp < 0 || adv != q - k + 1 ? 0 : (uint32_t)cp;
}

static uint32_t cp_at(const char *s, size_t p, size_t len)
{
    if (p >= len)
        return 0;
    size_t adv;
    int32_t cp = sl_utf8_decode(s + p, len - p, &adv);
    return cp < 0 ? 0 : (uint32_t)cp;
}

/* Evidence: which code pages explain runs of this text, and strongly. */
static void note_evidence(enc_state *st)
{
    const sl_moji *m = &st->moji;
    for (int p = 0; p < sl_cp_count(); p++) {
        if (m->gains[p] <= 0)
            continue;
        st->evidence[p] += m->gains[p];
        if (m->gains[p] >= SL_MOJI_STRONG_GAIN && !m->letterless)
            st->confirmed |= 1u << p;
    }
}

/* Fill *e with the repaired run (tokens 0..n of st->run), trimmed to the
 * part that changed. */
static int describe_run(enc_state *st, size_t n, const char *kind, enc_event *e)
{
    const sl_cpvec *fix = &st->moji.cur;
    size_t head = 0, tail = 0;
    while (head < n && head < fix->n && st->run[head] == fix->v[head])
        head++;
    while (tail < n - head && tail < fix->n - head &&
           st->run[n - 1 - tail] == fix->v[fix->n - 1 - tail])
        tail++;
    size_t out = st->text.len;
    for (size_t i = head; i < fix->n - tail; i++) {
        int rc = put_cp(&st->text, fix->v[i]);
        if (rc)
            return rc;
    }
    const sl_moji *m = &st->moji;
    bool strong = m->n_layers == 0 || (m->first_gain >= SL_MOJI_STRONG_GAIN && !m->letterless);
    *e = (enc_event){ st->offs[head], st->offs[n - tail], out, st->text.len - out, kind,
                      strong ? -1 : m->layers[0], st->offs[0] };
    return SL_OK;
}

/* Collect and repair the run at q; *n is its length in tokens. */
static int fix_run_at(enc_state *st, size_t q, size_t *n)
{
    long got = scan_run(st, q);
    if (got < 0)
        return (int)got;
    *n = (size_t)got;
    size_t end = st->offs[*n], adv = 1;
    uint32_t before = cp_before(st->in, q), after = cp_at(st->in, end, st->len);
    if (end < st->len)
        sl_utf8_decode(st->in + end, st->len - end, &adv);
    st->moji.after2 = after ? cp_at(st->in, end + adv, st->len) : 0;
    return sl_moji_fix(&st->moji, st->run, *n, before, after);
}

/* Non-ASCII at q: invalid bytes, or a run to examine. */
static int on_high(enc_state *st, size_t q, size_t *next)
{
    size_t adv;
    if (sl_utf8_decode(st->in + q, st->len - q, &adv) < 0) {
        *next = q + adv;
        size_t out = st->text.len;
        int rc = sl_buf_append(&st->text, replacement_char, 3);
        return rc ? rc : add_event(st, q, q + adv, "invalid-utf8", -1, out);
    }
    size_t n;
    int rc = fix_run_at(st, q, &n);
    if (rc)
        return rc;
    *next = st->offs[n];
    const char *kind = sl_moji_kind(&st->moji);
    if (!kind)
        return SL_OK;
    note_evidence(st);
    rc = sl_grow(st->ctx, (void **)&st->ev, &st->cap_ev, st->n_ev + 1, sizeof *st->ev);
    if (rc == SL_OK)
        rc = describe_run(st, n, kind, &st->ev[st->n_ev]);
    if (rc == SL_OK)
        st->n_ev++;
    return rc;
}

/* Order the code pages by evidence (ties: table order). */
static bool order_by_evidence(enc_state *st)
{
    int count = sl_cp_count();
    for (int i = 0; i < count; i++) {
        int j = i;
        for (; j > 0 && st->evidence[st->order[j - 1]] < st->evidence[i]; j--)
            st->order[j] = st->order[j - 1];
        st->order[j] = i;
    }
    for (int i = 0; i < count; i++)
        if (st->order[i] != i)
            return true;
    return false;
}

/* Once the text has shown which code page damaged it, runs that several
 * pages explain equally well are read through that page. */
static int redo_runs(enc_state *st)
{
    if (!order_by_evidence(st))
        return SL_OK;
    st->moji.order = st->order;
    for (size_t i = 0; i < st->n_ev; i++) {
        enc_event *e = &st->ev[i];
        if (e->run_at == SIZE_MAX)
            continue;
        size_t n;
        int rc = fix_run_at(st, e->run_at, &n);
        const char *kind = rc ? NULL : sl_moji_kind(&st->moji);
        if (rc == SL_OK && kind)
            rc = describe_run(st, n, kind, e);
        else
            e->kind = NULL;
        if (rc)
            return rc;
    }
    return SL_OK;
}

static int find_events(enc_state *st)
{
    size_t p = 0;
    int rc = SL_OK;
    while (rc == SL_OK && (p = skip_plain(st->in, p, st->len)) < st->len) {
        if (st->in[p] == '&')
            rc = on_ampersand(st, p, &p);
        else if (st->legacy)
            rc = on_legacy(st, p, &p);
        else
            rc = on_high(st, p, &p);
    }
    return rc;
}

static int write_output(enc_state *st, sl_rewrite *rw)
{
    for (size_t i = 0; i < st->n_ev; i++) {
        const enc_event *e = &st->ev[i];
        if (!e->kind || (e->page >= 0 && !(st->confirmed & (1u << e->page))))
            continue;
        int rc = sl_rw_copy(rw, st->in, e->start - rw->in_pos);
        if (rc == SL_OK)
            /* An empty replacement may come before any output was made,
             * when st->text.ptr is still NULL (NULL + 0 is undefined). */
            rc = sl_rw_replace(rw, e->end - e->start, e->out_len ? st->text.ptr + e->out : "",
                               e->out_len, e->kind);
        if (rc)
            return rc;
    }
    return sl_rw_finish(rw, st->in, st->len);
}

int sl_encoding_repair(sl_rewrite *rw, const char *in, size_t len)
{
    if (!rw || (!in && len))
        return SL_EINVAL;
    enc_state st;
    memset(&st, 0, sizeof st);
    st.ctx = rw->ctx;
    st.in = in ? in : "";
    st.len = len;
    sl_buf_init(&st.text, st.ctx);
    sl_moji_init(&st.moji, st.ctx);
    st.legacy = !sl_utf8_valid(st.in, len) && looks_legacy(st.in, len);
    int rc = find_events(&st);
    if (rc == SL_OK)
        rc = redo_runs(&st);
    if (rc == SL_OK)
        rc = write_output(&st, rw);
    sl_buf_release(&st.text);
    sl_moji_release(&st.moji);
    sl_free(st.ctx, st.ev);
    sl_free(st.ctx, st.run);
    sl_free(st.ctx, st.offs);
    return rc;
}
