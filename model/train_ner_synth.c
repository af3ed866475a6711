/* train_ner: synthetic training data: sports results with teams named
 * after places (ORG, as CoNLL-2003 has them), and copies of sentences with
 * made-up organisation names. */
#include "train_ner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- synthetic sports results and organisation names ----------------- */

/* Names seen in the training data (first word, words, type), reused as team
 * names and as the stem of made-up organisation names. */

void collect_mentions(const corpus *c, mentions *out)
{
    for (size_t i = 0; i < c->nwords; i++) {
        uint8_t tag = c->gold[i];
        if (tag == 0 || SL_NER_TAG_IS_I(tag))
            continue;
        size_t j = i + 1;
        while (j < c->nwords && c->gold[j] == tag + 1)
            j++;
        grow(&out->m, &out->cap, out->n + 1, sizeof *out->m);
        out->m[out->n][0] = i, out->m[out->n][1] = j - i, out->m[out->n][2] = SL_NER_TAG_TYPE(tag);
        out->n++;
    }
}

/* What synthetic text is made from. */

static size_t rnd(synth *y, size_t n)
{
    return (size_t)(rng_next(&y->seed) % n);
}

static void put_word(synth *y, const char *w, int tag)
{
    char buf[256];
    size_t n = y->upper ? upper_word(w, strlen(w), buf, sizeof buf) : strlen(w);
    add_word(y->c, y->upper ? buf : w, n, tag);
}

static void put_number(synth *y, size_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", v);
    put_word(y, buf, 0);
}

/* Is the mention a country name (a national side, LOC in CoNLL)? */
static bool is_country(const synth *y, const size_t *m)
{
    sl_ner_word w[4];
    uint16_t b[4], in[4];
    for (size_t k = 0; k < m[1]; k++)
        w[k] = (sl_ner_word){ y->c->text + y->c->word_off[m[0] + k], y->c->word_len[m[0] + k] };
    sl_ner_gaz_match(y->gaz, w, w, m[1], false, b, in);
    return (b[0] & (1u << SL_NER_GAZ_COUNTRY)) != 0;
}

/* A training mention of this type (-1: any), copied word by word; as a team
 * (want LOC, type ORG) a country stays LOC. */
static bool put_mention(synth *y, int want, int type)
{
    for (int tries = 0; tries < 50; tries++) {
        size_t *m = y->men->m[rnd(y, y->men->n)];
        if ((want >= 0 && (int)m[2] != want) || m[1] > 4)
            continue;
        if (want == SL_NER_LOC && is_country(y, m))
            type = SL_NER_LOC;
        char w[256];
        for (size_t k = 0; k < m[1]; k++) {
            size_t i = m[0] + k, n = y->c->word_len[i] < 255 ? y->c->word_len[i] : 255;
            memcpy(w, y->c->text + y->c->word_off[i], n);
            w[n] = '\0';
            put_word(y, w, k ? SL_NER_TAG_I(type) : SL_NER_TAG_B(type));
        }
        return true;
    }
    return false;
}

/* Word k of gazetteer phrase idx, tagged `tag` (I- after the first word). */
static void put_phrase_word(synth *y, int cat, size_t idx, size_t k, int tag)
{
    const char *t = y->ph->text + y->ph->start[cat][idx];
    for (size_t i = 0; i < k; i++)
        t += strlen(t) + 1;
    put_word(y, t, k && !SL_NER_TAG_IS_I(tag) ? tag + 1 : tag);
}

static void put_phrase(synth *y, int cat, int type, bool inside)
{
    size_t idx = rnd(y, y->ph->n[cat]);
    for (size_t k = 0; k < y->ph->ntok[cat][idx]; k++)
        put_phrase_word(y, cat, idx, k, inside ? SL_NER_TAG_I(type) : SL_NER_TAG_B(type));
}

/* A club: a city or a place name of the training data, sometimes with a
 * club word; CoNLL tags such teams ORG.  A country stands for a national
 * side, tagged LOC as in CoNLL. */
static void put_team(synth *y)
{
    static const char *const club[] = { "United", "City", "Rovers", "Athletic", "FC", "Town",
                                        "Wanderers", "County", "Albion", "Sporting" };
    size_t r = rnd(y, 10);
    if (r < 2) {
        put_phrase(y, SL_NER_GAZ_COUNTRY, SL_NER_LOC, false);
        return;
    }
    if (r < 7 || !put_mention(y, SL_NER_LOC, SL_NER_ORG))
        put_phrase(y, r & 1 ? SL_NER_GAZ_CITY : SL_NER_GAZ_CAPITAL, SL_NER_ORG, false);
    if (rnd(y, 5) == 0)
        put_word(y, club[rnd(y, 10)], SL_NER_TAG_I(SL_NER_ORG));
}

/* One line of a results table or report. */
static void sports_line(synth *y, int kind)
{
    static const char *const verbs[] = { "beat", "drew with", "lost to", "v", "vs", "at" };
    size_t goals = rnd(y, 5), other = rnd(y, 4);
    if (kind == 0) { /* Team 2 Team 1 */
        put_team(y), put_number(y, goals), put_team(y), put_number(y, other);
    } else if (kind == 1) { /* standings: Team played won drawn lost for against points */
        put_team(y);
        for (int k = 0; k < 7; k++)
            put_number(y, rnd(y, 40));
    } else if (kind == 2) { /* baseball: Team won lost pct behind */
        char pct[16];
        put_team(y), put_number(y, 40 + rnd(y, 40)), put_number(y, 40 + rnd(y, 40));
        snprintf(pct, sizeof pct, ".%03zu", 300 + rnd(y, 400));
        put_word(y, pct, 0);
        put_number(y, rnd(y, 20));
    } else { /* Team beat Team 3-1 . */
        char score[16];
        const char *v = verbs[rnd(y, 6)];
        put_team(y);
        for (const char *s = v; *s;) {
            size_t n = strcspn(s, " ");
            char w[16];
            snprintf(w, sizeof w, "%.*s", (int)n, s);
            put_word(y, w, 0);
            s += n + (s[n] == ' ');
        }
        put_team(y);
        snprintf(score, sizeof score, "%zu-%zu", goals, other);
        put_word(y, score, 0);
        if (rnd(y, 2))
            put_word(y, ".", 0);
    }
}

/* A heading ("SOCCER - STANDINGS .") and a dateline ("CITY 2026-11-23",
 * the city tagged LOC), as news reports of results begin. */
static void sports_heading(synth *y, size_t doc)
{
    static const char *const sport[] = { "SOCCER", "BASEBALL", "CRICKET", "RUGBY", "BASKETBALL",
                                         "HOCKEY", "TENNIS", "GOLF" };
    static const char *const what[] = { "RESULTS", "STANDINGS", "SUMMARIES", "TABLE", "SCORES" };
    static const char *const month[] = { "Jan", "Feb", "March", "April", "May", "June", "July",
                                         "Aug", "Sept", "Oct", "Nov", "Dec" };
    corpus *c = y->c;
    bool upper = y->upper;
    size_t first = c->nwords;
    y->upper = true;
    put_word(y, sport[rnd(y, 8)], 0), put_word(y, "-", 0), put_word(y, what[rnd(y, 5)], 0);
    put_word(y, ".", 0);
    end_sentence(c, &first, doc, false);
    put_phrase(y, rnd(y, 2) ? SL_NER_GAZ_CITY : SL_NER_GAZ_CAPITAL, SL_NER_LOC, false);
    y->upper = upper;
    char date[32];
    if (rnd(y, 2)) {
        snprintf(date, sizeof date, "%zu-%02zu-%02zu", 1990 + rnd(y, 40), 1 + rnd(y, 12), 1 + rnd(y, 28));
        put_word(y, date, 0);
    } else {
        put_word(y, month[rnd(y, 12)], 0), put_number(y, 1 + rnd(y, 28));
    }
    end_sentence(c, &first, doc, false);
}

/* Append n synthetic documents of sports results. */
void add_sports(synth *base, size_t n, uint64_t seed)
{
    synth y = *base;
    y.seed = seed;
    corpus *c = y.c;
    for (size_t d = 0; d < n; d++) {
        y.upper = rnd(&y, 3) == 0;
        int kind = (int)rnd(&y, 4);
        size_t lines = 3 + rnd(&y, 6), doc = c->ndocs++;
        if (rnd(&y, 2))
            sports_heading(&y, doc);
        for (size_t l = 0; l < lines; l++) {
            size_t first = c->nwords;
            sports_line(&y, rnd(&y, 4) == 0 ? (int)rnd(&y, 4) : kind);
            end_sentence(c, &first, doc, false);
        }
    }
}

/* A made-up organisation name: a name of the training data and a company or
 * institution word ("Brandt Holdings"), or "Ministry of" a country. */
static void put_made_up_org(synth *y)
{
    static const char *const after[] = { "Inc", "Corp", "Ltd", "Group", "Bank", "Party", "Ministry",
        "Council", "University", "Holdings", "Co", "Plc", "AG", "SA", "Airlines", "Motors",
        "Industries", "Association", "Foundation", "Institute", "Club", "Union", "Federation",
        "Corporation", "International", "Systems", "Energy", "Capital", "Securities", "Insurance" };
    static const char *const before[] = { "Ministry", "Bank", "University", "Council" };
    if (rnd(y, 6) == 0) {
        put_word(y, before[rnd(y, 4)], SL_NER_TAG_B(SL_NER_ORG));
        put_word(y, "of", SL_NER_TAG_I(SL_NER_ORG));
        put_phrase(y, SL_NER_GAZ_COUNTRY, SL_NER_ORG, true);
        return;
    }
    if (!put_mention(y, -1, SL_NER_ORG))
        put_phrase(y, SL_NER_GAZ_CITY, SL_NER_ORG, false);
    put_word(y, after[rnd(y, sizeof after / sizeof *after)], SL_NER_TAG_I(SL_NER_ORG));
}

/* Append copies of about `rate` of the sentences with their LOC and ORG
 * names replaced by gazetteer phrases of a fitting category, or (a fraction
 * `made_up` of the ORG names) by made-up organisation names. */
void add_replaced_copies(synth *y, double rate, double made_up)
{
    corpus *c = y->c;
    size_t nsents = c->nsents;
    for (size_t s = 0; s < nsents; s++) {
        if ((double)(rng_next(&y->seed) >> 11) / 9007199254740992.0 >= rate)
            continue;
        sentence src = c->sents[s];
        size_t first = c->nwords;
        for (size_t i = src.first; i < src.first + src.n;) {
            uint8_t tag = c->gold[i];
            int cat;
            size_t idx, j = i + 1;
            bool org = tag == SL_NER_TAG_B(SL_NER_ORG) &&
                       (double)(rng_next(&y->seed) >> 11) / 9007199254740992.0 < made_up;
            if (!org && (tag == 0 || SL_NER_TAG_IS_I(tag) ||
                         !pick_phrase(y->ph, SL_NER_TAG_TYPE(tag), &y->seed, &cat, &idx))) {
                add_word(c, c->text + c->word_off[i], c->word_len[i], tag);
                i++;
                continue;
            }
            while (j < src.first + src.n && c->gold[j] == tag + 1)
                j++;
            if (org)
                put_made_up_org(y);
            else
                for (size_t k = 0; k < y->ph->ntok[cat][idx]; k++)
                    put_phrase_word(y, cat, idx, k, tag);
            i = j;
        }
        end_sentence(c, &first, src.doc, true);
    }
}

