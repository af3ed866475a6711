/* Undoing wrong decodings on one run of suspicious characters.
 *
 * UTF-8 text read as a single-byte code page turns every multi-byte
 * character into two to four characters of that page.  For each code page
 * we write the run back to bytes, read every valid UTF-8 sequence in those
 * bytes as one character and keep the other characters as they are; the
 * result replaces the run when it is clearly more plausible (it costs less,
 * see encoding_score.c).  This is repeated for text damaged more than once.
 *
 * Lossy damage is tolerated: a U+FFFD or '?' may stand for lost bytes at
 * the end of a sequence (the sequence then becomes U+FFFD), and a space may
 * stand for byte 0xA0 (a no-break space that was turned into a space). */
#include "encoding_internal.h"
#include "encoding_tables.h"

#include <string.h>

/* What a token of the run stands for as a byte. */
enum { TOK_NONE = -1, TOK_WILD = -2, TOK_SPACE = -3, TOK_QMARK = -4 };

void sl_moji_init(sl_moji *m, sl_ctx *ctx)
{
    memset(m, 0, sizeof *m);
    m->ctx = ctx;
}

void sl_moji_release(sl_moji *m)
{
    sl_free(m->ctx, m->cur.v);
    for (int d = 0; d < 2; d++) {
        sl_free(m->ctx, m->cand[d].v);
        sl_free(m->ctx, m->best[d].v);
        m->cand[d] = m->best[d] = (sl_cpvec){ NULL, 0, 0 };
    }
    m->cur = (sl_cpvec){ NULL, 0, 0 };
}

static int vec_reserve(sl_ctx *ctx, sl_cpvec *v, size_t n)
{
    return sl_grow(ctx, (void **)&v->v, &v->cap, n ? n : 1, sizeof *v->v);
}

static void vec_swap(sl_cpvec *a, sl_cpvec *b)
{
    sl_cpvec t = *a;
    *a = *b;
    *b = t;
}

static int token_byte(int page, uint32_t cp)
{
    if (cp == ' ')
        return TOK_SPACE;
    if (cp == '?')
        return TOK_QMARK;
    if (cp == 0xFFFD)
        return TOK_WILD;
    int b = sl_cp_encode(page, cp);
    return b < 0 ? TOK_NONE : b;
}

static bool is_cont(int b)
{
    return b >= 0x80 && b <= 0xBF;
}

/* The second byte of a sequence has a narrower range after some leads
 * (no overlongs, nothing past U+10FFFF).  Surrogates (after 0xED) are let
 * through here: CESU-8 pairs are joined later. */
static bool second_ok(int lead, int b)
{
    if (lead == 0xE0)
        return b >= 0xA0;
    if (lead == 0xF0)
        return b >= 0x90;
    if (lead == 0xF4)
        return b <= 0x8F;
    return true;
}

/* One UTF-8 sequence read from the tokens. */
typedef struct seq {
    uint32_t cp;
    size_t used;        /* tokens consumed */
    bool space_last;    /* its last byte was a space read as 0xA0 */
} seq;

/* The continuation byte at token j of a sequence (k-th continuation), or
 * -1 when there is none. */
static int cont_byte(int page, const uint32_t *in, size_t n, size_t j, int k, int lead, bool *wild,
                     bool *space)
{
    /* *space is true once a space was read as 0xA0 (or when none may be). */
    if (j >= n)
        return -1;
    int t = token_byte(page, in[j]);
    if (t == TOK_WILD || (t == TOK_QMARK && k >= 2)) {
        *wild = true;
        return 0x80;
    }
    if (t == TOK_SPACE && !*space) {
        *space = true;
        t = 0xA0;
    }
    if (!is_cont(t) || (k == 1 && !second_ok(lead, t)))
        return -1;
    return t;
}

/* Read the sequence whose lead byte is token i; `spaces`: a space may
 * stand for 0xA0. */
static bool read_seq(int page, const uint32_t *in, size_t n, size_t i, bool spaces, seq *out)
{
    int lead = token_byte(page, in[i]);
    if (lead < 0xC2 || lead > 0xF4)
        return false;
    int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
    uint32_t cp = (uint32_t)lead & (lead >= 0xF0 ? 0x07 : lead >= 0xE0 ? 0x0F : 0x1F);
    bool wild = false, space = !spaces;
    int real = 0, last = 0;
    size_t j = i + 1;
    for (int k = 1; k <= need; k++, j++) {
        int b = cont_byte(page, in, n, j, k, lead, &wild, &space);
        if (b < 0) {
            /* Lost bytes: a wildcard may end a sequence early. */
            if (wild && (real > 0 || need == 1))
                break;
            return false;
        }
        if (!wild)
            real++;
        last = b;
        cp = (cp << 6) | ((uint32_t)b & 0x3F);
    }
    out->used = j - i;
    out->space_last = space && spaces && last == 0xA0 && !wild && token_byte(page, in[j - 1]) == TOK_SPACE;
    out->cp = wild ? 0xFFFD : cp;
    return true;
}

/* A sequence, with CESU-8 surrogate pairs joined into one character. */
static bool read_char(int page, const uint32_t *in, size_t n, size_t i, bool spaces, seq *out)
{
    if (!read_seq(page, in, n, i, spaces, out))
        return false;
    if (out->cp < 0xD800 || out->cp > 0xDFFF)
        return true;
    seq low;
    if (out->cp > 0xDBFF || !read_seq(page, in, n, i + out->used, spaces, &low) || low.cp < 0xDC00 ||
        low.cp > 0xDFFF)
        return false;
    out->cp = 0x10000 + ((out->cp - 0xD800) << 10) + (low.cp - 0xDC00);
    out->used += low.used;
    out->space_last = low.space_last;
    return true;
}

static uint32_t token_at(const uint32_t *in, size_t n, size_t k, const uint32_t after[2])
{
    return k < n ? in[k] : k - n < 2 ? after[k - n] : 0;
}

/* When a space stood for the last byte 0xA0 of a character at the end of
 * a word ("voilÃ le" for "voilà le"), the space most likely also was the
 * word separator that a no-break space got merged into: keep it.  So too
 * before an elided word ("Ã l'ouest" for "à l'ouest"). */
static bool keeps_space(const uint32_t *in, size_t n, size_t i, const seq *s, uint32_t before,
                        const uint32_t after[2])
{
    if (!s->space_last || sl_enc_is_space(s->cp))
        return false;
    uint32_t prev = i > 0 ? in[i - 1] : before;
    uint32_t next = token_at(in, n, i + s->used, after);
    uint32_t next2 = token_at(in, n, i + s->used + 1, after);
    /* An elided word: one letter, then an apostrophe (maybe damaged). */
    if (next < 0x80 && sl_enc_is_letter(next) && next2 != ' ' &&
        !(next2 < 0x80 && sl_enc_is_letter(next2)))
        return true;
    return prev < 0x80 && sl_enc_is_letter(prev) && next != ' ';
}

/* A space read as 0xA0 must not turn a word into a no-break space ("В С"
 * is not "\u00A0С"): the character must be glued to what precedes it. */
static bool eats_word(const uint32_t *in, size_t i, const seq *s, uint32_t before)
{
    uint32_t prev = i > 0 ? in[i - 1] : before;
    return s->space_last && sl_enc_is_space(s->cp) && (prev == 0 || sl_enc_is_space(prev));
}

static uint32_t c1_as_cp1252(uint32_t c)
{
    if (c < 0x80 || c > 0x9F)
        return c;
    uint32_t d = sl_cp_decode(sl_cp_find("cp1252"), (unsigned char)c);
    return d > 0x9F ? d : c;
}

/* C1 controls among tokens that this page would have shown as other
 * characters: each is a sign that the page is not the one that did the
 * damage (a page that leaves those bytes undefined is). */
static int sloppy_count(int page, const uint32_t *in, size_t n)
{
    int count = 0;
    for (size_t i = 0; i < n; i++)
        if (in[i] >= 0x80 && in[i] <= 0x9F && sl_cp_decode(page, (unsigned char)in[i]) != in[i])
            count++;
    return count;
}

/* Read the run through `page` into out; returns the number of characters
 * repaired (0: nothing to do with this page).  *sloppy counts the
 * repaired tokens that fit this page badly. */
static size_t decode_as(const uint32_t *in, size_t n, int page, uint32_t before,
                        const uint32_t after[2], bool spaces, sl_cpvec *out, int *sloppy)
{
    size_t pieces = 0, i = 0;
    out->n = 0;
    *sloppy = 0;
    while (i < n) {
        seq s;
        if (in[i] >= 0x80 && read_char(page, in, n, i, spaces, &s) &&
            !eats_word(in, i, &s, before)) {
            out->v[out->n++] = s.cp;
            *sloppy += sloppy_count(page, in + i, s.used);
            if (keeps_space(in, n, i, &s, before, after))
                s.used--;
            i += s.used;
            pieces++;
            continue;
        }
        out->v[out->n++] = c1_as_cp1252(in[i++]);
    }
    return pieces;
}

/* The code page whose reading of src[0..n) costs least, or -1 when none
 * costs less than src_cost; its reading is left in m->best[depth].  At
 * depth 0 a page is judged by what a further layer makes of its reading,
 * so that text damaged twice is undone through the right first page. */
static int best_page(sl_moji *m, const uint32_t *src, size_t n, int depth, uint32_t before,
                     const uint32_t after[2], int src_cost, int *best_cost)
{
    int best = -1, best_score = src_cost, sloppy;
    *best_cost = src_cost;
    for (int k = 0; k < sl_cp_count(); k++) {
        int page = m->order ? m->order[k] : k;
        sl_cpvec *cand = &m->cand[depth];
        /* Spaces that stand for lost bytes come from the last damage. */
        bool spaces = depth == 0 && m->n_layers == 0;
        if (!decode_as(src, n, page, before, after, spaces, cand, &sloppy) ||
            (cand->n == n && memcmp(cand->v, src, n * sizeof *src) == 0))
            continue;
        int c = sl_enc_cost(cand->v, cand->n, before, after[0]) + sloppy, c2;
        if (depth == 0 && best_page(m, cand->v, cand->n, 1, before, after, c, &c2) >= 0 &&
            c - c2 >= SL_MOJI_LATER_GAIN)
            c = c2;
        if (depth == 0 && m->n_layers == 0)
            m->gains[page] = src_cost - c;
        /* The page that explains the rest of the text is preferred. */
        int score = c - (depth == 0 && m->order && page == m->order[0] ? 2 : 0);
        if (c < src_cost && score < best_score) {
            best_score = score;
            *best_cost = c;
            best = page;
            vec_swap(cand, &m->best[depth]);
        }
    }
    return best;
}

/* C1 controls left over are bytes of cp1252 that were read as Latin-1. */
static bool fix_c1(sl_moji *m, int cp1252)
{
    bool fixed = false;
    for (size_t i = 0; i < m->cur.n; i++) {
        uint32_t c = m->cur.v[i];
        if (c < 0x80 || c > 0x9F)
            continue;
        uint32_t d = sl_cp_decode(cp1252, (unsigned char)c);
        if (d > 0x9F) {
            m->cur.v[i] = d;
            fixed = true;
        }
    }
    return fixed;
}

static int reserve_all(sl_moji *m, size_t n)
{
    int rc = vec_reserve(m->ctx, &m->cur, n);
    for (int d = 0; d < 2 && rc == SL_OK; d++) {
        rc = vec_reserve(m->ctx, &m->cand[d], n);
        if (rc == SL_OK)
            rc = vec_reserve(m->ctx, &m->best[d], n);
    }
    return rc;
}

static bool has_letter(const uint32_t *run, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (sl_enc_is_letter(run[i]))
            return true;
    return false;
}

/* A reading that still costs a lot per character did not find the text:
 * the input is beyond repair and is better left as it is. */
static bool still_garbled(const sl_cpvec *text, int cost)
{
    return cost > 3 * (int)text->n + 2;
}

int sl_moji_fix(sl_moji *m, const uint32_t *run, size_t n, uint32_t before, uint32_t after)
{
    m->n_layers = 0;
    m->first_gain = 0;
    memset(m->gains, 0, sizeof m->gains);
    int rc = reserve_all(m, n);
    if (rc)
        return rc;
    uint32_t next[2] = { after, m->after2 };
    int cp1252 = sl_cp_find("cp1252");
    /* The run with its C1 controls read as cp1252 is what a repair must
     * beat (the original itself always costs more). */
    memcpy(m->cur.v, run, n * sizeof *run);
    m->cur.n = n;
    bool base_c1 = fix_c1(m, cp1252);
    m->letterless = !has_letter(run, n);
    int cost = sl_enc_cost(m->cur.v, m->cur.n, before, after);
    const uint32_t *src = run;
    size_t src_n = n;
    while (m->n_layers < SL_MOJI_MAX_LAYERS) {
        int new_cost, page = best_page(m, src, src_n, 0, before, next, cost, &new_cost);
        int need = m->n_layers == 0 ? SL_MOJI_WEAK_GAIN : SL_MOJI_LATER_GAIN;
        if (page < 0 || cost - new_cost < need)
            break;
        if (m->n_layers == 0)
            m->first_gain = cost - new_cost;
        m->layers[m->n_layers++] = page;
        vec_swap(&m->cur, &m->best[0]);
        src = m->cur.v;
        src_n = m->cur.n;
        cost = sl_enc_cost(m->cur.v, m->cur.n, before, after);
    }
    if (m->n_layers > 0 && still_garbled(&m->cur, cost)) {
        m->n_layers = 0; /* give up: back to the run with C1 controls read */
        memcpy(m->cur.v, run, n * sizeof *run);
        m->cur.n = n;
    }
    bool more_c1 = fix_c1(m, cp1252);
    m->c1_fixed = m->n_layers > 0 ? more_c1 : base_c1;
    m->letterless = m->letterless && !has_letter(m->cur.v, m->cur.n);
    return SL_OK;
}

const char *sl_moji_kind(const sl_moji *m)
{
    if (m->n_layers == 0)
        return m->c1_fixed ? "decode:cp1252" : NULL;
    if (m->n_layers == 1)
        return sl_cp_kind(m->layers[0]);
    /* layers[0] undid the last damage, the last layer the first one. */
    return sl_cp_kind2(m->layers[m->n_layers - 1], m->layers[0]);
}
