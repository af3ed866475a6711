/* NER model file: write, load (with validation), look up weights.
 *
 * Layout, little-endian:
 *   header, 32 bytes: magic (8), format version u32, tag count u32 (9),
 *     feature count u32, gazetteer bytes u32, feature set version u32,
 *     reserved u32 (0)
 *   transitions: int16[(NTAGS + 1) * NTAGS]; row 0 is the sentence start
 *   keys: u32[features], strictly increasing, non-zero
 *   masks: u16[features], which tags have a weight (bits 0..8, not 0)
 *   weights: int16 for every set mask bit, feature by feature
 *   gazetteer: "C<TAB>phrase<LF>" lines (see sl_ner_gaz_build)
 *   checksum: u32, low half of XXH3-64 of everything before it
 * Weights are the averaged perceptron weights times one common scale; only
 * their relative size matters to the tagger. */
#include "facts/ner.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#define FEATURE_SET_VERSION 2u
#define TRANS_CELLS ((SL_NER_NTAGS + 1) * SL_NER_NTAGS)
#define MAX_MODEL_BYTES ((size_t)1 << 30)

struct sl_ner_model {
    sl_ctx *ctx;
    size_t nfeat;
    uint32_t *slot_key;  /* open addressing, 0 = empty */
    int16_t *slot_w;     /* NTAGS weights per slot: a hit reads the key's
                            cache line and one line of weights, no index */
    size_t slot_mask;
    float trans[TRANS_CELLS];
    sl_ner_gaz *gaz;
};

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static int put32(sl_buf *b, uint32_t v)
{
    unsigned char p[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 24) };
    return sl_buf_append(b, p, 4);
}

static int put16(sl_buf *b, uint16_t v)
{
    unsigned char p[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
    return sl_buf_append(b, p, 2);
}

static unsigned popcount9(uint16_t m)
{
    unsigned c = 0;
    for (int t = 0; t < SL_NER_NTAGS; t++)
        c += (m >> t) & 1u;
    return c;
}

static int write_features(sl_buf *out, const uint32_t *keys, const int16_t *weights, size_t nfeat)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < nfeat; i++)
        rc = put32(out, keys[i]);
    for (size_t i = 0; !rc && i < nfeat; i++) {
        uint16_t mask = 0;
        for (int t = 0; t < SL_NER_NTAGS; t++)
            if (weights[i * SL_NER_NTAGS + t])
                mask |= (uint16_t)(1u << t);
        rc = put16(out, mask);
    }
    for (size_t i = 0; !rc && i < nfeat * SL_NER_NTAGS; i++)
        if (weights[i])
            rc = put16(out, (uint16_t)weights[i]);
    return rc;
}

int sl_ner_model_write(sl_buf *out, const int16_t *trans, const uint32_t *keys,
                       const int16_t *weights, size_t nfeat, const char *gaz, size_t gaz_len)
{
    sl_ctx *ctx = out->ctx;
    for (size_t i = 0; i < nfeat; i++) {
        bool any = false;
        for (int t = 0; t < SL_NER_NTAGS; t++)
            any |= weights[i * SL_NER_NTAGS + t] != 0;
        if (!keys[i] || (i > 0 && keys[i] <= keys[i - 1]) || !any)
            return sl_error(ctx, SL_EINVAL, "model: feature %zu: keys must increase, weights not all 0", i);
    }
    if (nfeat > UINT32_MAX || gaz_len > UINT32_MAX)
        return sl_error(ctx, SL_ELIMIT, "model: too large");
    size_t start = out->len;
    int rc = sl_buf_append(out, SL_NER_MAGIC, 8);
    uint32_t head[6] = { SL_NER_FORMAT_VERSION, SL_NER_NTAGS, (uint32_t)nfeat, (uint32_t)gaz_len,
                         FEATURE_SET_VERSION, 0 };
    for (int i = 0; !rc && i < 6; i++)
        rc = put32(out, head[i]);
    for (int i = 0; !rc && i < TRANS_CELLS; i++)
        rc = put16(out, (uint16_t)trans[i]);
    if (!rc)
        rc = write_features(out, keys, weights, nfeat);
    if (!rc && gaz_len)
        rc = sl_buf_append(out, gaz, gaz_len);
    if (!rc)
        rc = put32(out, (uint32_t)XXH3_64bits(out->ptr + start, out->len - start));
    return rc;
}

/* Parsed and checked view of a model image. */
typedef struct image {
    const unsigned char *p;
    size_t len;
    size_t nfeat, gaz_len;
    size_t keys_off, masks_off, weights_off, gaz_off;
} image;

static int check_header(sl_ctx *ctx, image *im)
{
    const unsigned char *p = im->p;
    if (im->len < SL_NER_HEADER_BYTES + 2 * TRANS_CELLS + 4 || memcmp(p, SL_NER_MAGIC, 8) != 0)
        return sl_error(ctx, SL_EPARSE, "NER model: not a model file (bad magic or too short)");
    if (rd32(p + 8) != SL_NER_FORMAT_VERSION || rd32(p + 24) != FEATURE_SET_VERSION)
        return sl_error(ctx, SL_EPARSE, "NER model: unsupported version %u/%u", rd32(p + 8),
                        rd32(p + 24));
    if (rd32(p + 12) != SL_NER_NTAGS || rd32(p + 28) != 0)
        return sl_error(ctx, SL_EPARSE, "NER model: bad header");
    uint32_t stored = rd32(p + im->len - 4);
    if ((uint32_t)XXH3_64bits(p, im->len - 4) != stored)
        return sl_error(ctx, SL_EPARSE, "NER model: checksum mismatch (corrupt or truncated file)");
    im->nfeat = rd32(p + 16);
    im->gaz_len = rd32(p + 20);
    im->keys_off = SL_NER_HEADER_BYTES + 2 * TRANS_CELLS;
    size_t room = im->len - 4 - im->keys_off;
    if (im->nfeat > room / 6 || im->gaz_len > room - im->nfeat * 6)
        return sl_error(ctx, SL_EPARSE, "NER model: section sizes exceed the file");
    im->masks_off = im->keys_off + 4 * im->nfeat;
    im->weights_off = im->masks_off + 2 * im->nfeat;
    return 0;
}

/* Keys increasing, masks valid, and the weights fill the space exactly up
 * to the gazetteer. */
static int check_features(sl_ctx *ctx, image *im)
{
    size_t nweights = 0;
    for (size_t i = 0; i < im->nfeat; i++) {
        uint32_t key = rd32(im->p + im->keys_off + 4 * i);
        if (!key || (i > 0 && key <= rd32(im->p + im->keys_off + 4 * (i - 1))))
            return sl_error(ctx, SL_EPARSE, "NER model: feature keys out of order at %zu", i);
        uint16_t mask = rd16(im->p + im->masks_off + 2 * i);
        if (!mask || (mask >> SL_NER_NTAGS))
            return sl_error(ctx, SL_EPARSE, "NER model: bad weight mask at %zu", i);
        nweights += popcount9(mask);
    }
    im->gaz_off = im->weights_off + 2 * nweights;
    if (im->gaz_off > im->len - 4 || im->len - 4 - im->gaz_off != im->gaz_len)
        return sl_error(ctx, SL_EPARSE, "NER model: section sizes do not add up");
    return 0;
}

static int build_table(sl_ner_model *m, const image *im)
{
    size_t cap = 16;
    while (cap < im->nfeat * 2)
        cap *= 2;
    m->slot_mask = cap - 1;
    m->nfeat = im->nfeat;
    m->slot_key = sl_calloc(m->ctx, cap, sizeof *m->slot_key);
    m->slot_w = sl_calloc(m->ctx, cap * SL_NER_NTAGS, sizeof *m->slot_w);
    if (!m->slot_key || !m->slot_w)
        return SL_ENOMEM;
    const unsigned char *w = im->p + im->weights_off;
    for (size_t i = 0; i < im->nfeat; i++) {
        uint32_t key = rd32(im->p + im->keys_off + 4 * i);
        uint16_t mask = rd16(im->p + im->masks_off + 2 * i);
        size_t s = key & m->slot_mask;
        while (m->slot_key[s])
            s = (s + 1) & m->slot_mask;
        m->slot_key[s] = key;
        for (int t = 0; t < SL_NER_NTAGS; t++) {
            if (mask & (1u << t)) {
                m->slot_w[s * SL_NER_NTAGS + t] = (int16_t)rd16(w);
                w += 2;
            }
        }
    }
    return 0;
}

int sl_ner_model_load_mem(sl_ctx *ctx, const void *data, size_t len, sl_ner_model **out)
{
    if (!ctx)
        return SL_EINVAL;
    if (!out || (!data && len))
        return sl_error(ctx, SL_EINVAL, "sl_ner_model_load_mem: missing argument");
    *out = NULL;
    image im = { data, len, 0, 0, 0, 0, 0, 0 };
    int rc = check_header(ctx, &im);
    if (!rc)
        rc = check_features(ctx, &im);
    if (rc)
        return rc;
    sl_ner_model *m = sl_calloc(ctx, 1, sizeof *m);
    if (!m)
        return sl_oom(ctx);
    m->ctx = ctx;
    for (int i = 0; i < TRANS_CELLS; i++)
        m->trans[i] = (float)(int16_t)rd16(im.p + SL_NER_HEADER_BYTES + 2 * i);
    rc = build_table(m, &im);
    if (!rc)
        rc = sl_ner_gaz_build(ctx, (const char *)im.p + im.gaz_off, im.gaz_len, &m->gaz);
    if (rc) {
        sl_ner_model_free(m);
        return rc == SL_ENOMEM ? sl_oom(ctx) : rc;
    }
    *out = m;
    return 0;
}

static int read_file(sl_ctx *ctx, const char *path, sl_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sl_error(ctx, SL_EIO, "%s: %s", path, strerror(errno));
    int rc = 0;
    char chunk[65536];
    size_t got;
    while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b->len + got > MAX_MODEL_BYTES)
            rc = sl_error(ctx, SL_ELIMIT, "%s: larger than a model can be", path);
        else if (sl_buf_append(b, chunk, got))
            rc = sl_oom(ctx);
    }
    if (!rc && ferror(f))
        rc = sl_error(ctx, SL_EIO, "%s: read error", path);
    fclose(f);
    return rc;
}

int sl_ner_model_load(sl_ctx *ctx, const char *path, sl_ner_model **out)
{
    if (!ctx)
        return SL_EINVAL;
    if (!path || !out)
        return sl_error(ctx, SL_EINVAL, "sl_ner_model_load: missing argument");
    *out = NULL;
    sl_buf b;
    sl_buf_init(&b, ctx);
    int rc = read_file(ctx, path, &b);
    if (!rc)
        rc = sl_ner_model_load_mem(ctx, b.ptr, b.len, out);
    if (rc == SL_EPARSE) {
        char msg[sizeof ctx->errmsg];
        snprintf(msg, sizeof msg, "%s", ctx->errmsg);
        sl_error(ctx, SL_EPARSE, "%s: %s", path, msg);
    }
    sl_buf_release(&b);
    return rc;
}

void sl_ner_model_free(sl_ner_model *m)
{
    if (!m)
        return;
    sl_ctx *ctx = m->ctx;
    sl_free(ctx, m->slot_key);
    sl_free(ctx, m->slot_w);
    sl_ner_gaz_free(ctx, m->gaz);
    sl_free(ctx, m);
}

void sl_ner_model_score(const sl_ner_model *m, const uint32_t *keys, size_t n, float *scores)
{
    int32_t acc[SL_NER_NTAGS] = { 0 };
    for (size_t k = 0; k < n; k++) {
        size_t s = keys[k] & m->slot_mask;
        while (m->slot_key[s] && m->slot_key[s] != keys[k])
            s = (s + 1) & m->slot_mask;
        if (!m->slot_key[s])
            continue;
        const int16_t *w = m->slot_w + s * SL_NER_NTAGS;
        for (int t = 0; t < SL_NER_NTAGS; t++)
            acc[t] += w[t];
    }
    for (int t = 0; t < SL_NER_NTAGS; t++)
        scores[t] = (float)acc[t];
}

const float *sl_ner_model_trans(const sl_ner_model *m)
{
    return m->trans;
}

const sl_ner_gaz *sl_ner_model_gaz(const sl_ner_model *m)
{
    return m->gaz;
}
