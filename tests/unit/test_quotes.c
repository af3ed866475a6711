/* Quotes and their sources (src/facts/quotes*.c): direct quotes in several
 * quote styles, paragraphs that reopen a quotation, partial quotes,
 * indirect speech, "according to", beliefs, pronoun and role speakers,
 * entity hints, bad input and allocation failures.  Every sentence here is
 * written for these tests. */
#include "test_util.h"
#include "facts/quotes_internal.h"

typedef struct found {
    sl_ctx *ctx;
    const char *text;
    sl_quote *q;
    size_t n;
} found;

static found find_with(const char *text, const sl_quote_entity *ents, size_t nents)
{
    found f = { test_ctx(), text, NULL, 0 };
    assert_int_equal(sl_quotes_find(f.ctx, text, strlen(text), ents, nents, &f.q, &f.n), SL_OK);
    return f;
}

static found find(const char *text)
{
    return find_with(text, NULL, 0);
}

static void done(found *f)
{
    sl_free(f->ctx, f->q);
    sl_ctx_free(f->ctx);
}

static bool span_is(const char *text, size_t s, size_t e, const char *want)
{
    return e - s == strlen(want) && memcmp(text + s, want, e - s) == 0;
}

/* The quote whose content is exactly `content` (fails the test if none). */
static const sl_quote *quote(const found *f, const char *content)
{
    for (size_t i = 0; i < f->n; i++)
        if (span_is(f->text, f->q[i].content_start, f->q[i].content_end, content))
            return &f->q[i];
    print_error("no quote with content [%s]; found %zu:\n", content, f->n);
    for (size_t i = 0; i < f->n; i++)
        print_error("  [%.*s]\n", (int)(f->q[i].content_end - f->q[i].content_start),
                    f->text + f->q[i].content_start);
    fail();
    return NULL;
}

static void expect_source(const found *f, const sl_quote *q, const char *source)
{
    assert_true(q->has_source);
    if (!span_is(f->text, q->source_start, q->source_end, source))
        fail_msg("source [%.*s], want [%s]", (int)(q->source_end - q->source_start),
                 f->text + q->source_start, source);
}

static void expect_speaker(const found *f, const sl_quote *q, const char *speaker)
{
    assert_true(q->has_speaker);
    if (!span_is(f->text, q->speaker_start, q->speaker_end, speaker))
        fail_msg("speaker [%.*s], want [%s]", (int)(q->speaker_end - q->speaker_start),
                 f->text + q->speaker_start, speaker);
}

static void expect_cue(const found *f, const sl_quote *q, const char *cue)
{
    assert_true(q->has_cue);
    assert_true(span_is(f->text, q->cue_start, q->cue_end, cue));
}

/* ---------------------------------------------------------------- direct */

static void test_direct_inverted_with_appositive(void **state)
{
    (void)state;
    found f = find("\xE2\x80\x9CWe will not move the market,\xE2\x80\x9D said Lena Brandt, the mayor "
                   "of Eskerby.\n");
    assert_int_equal(f.n, 1);
    const sl_quote *q = quote(&f, "\xE2\x80\x9CWe will not move the market,\xE2\x80\x9D");
    assert_int_equal(q->kind, SL_QUOTE_DIRECT);
    expect_source(&f, q, "Lena Brandt, the mayor of Eskerby");
    expect_speaker(&f, q, "Lena Brandt");
    expect_cue(&f, q, "said");
    done(&f);
}

static void test_quote_styles(void **state)
{
    (void)state;
    found f = find("\"The ferry runs again,\" the harbour master said.\n\n"
                   "\xC2\xAB" "Nous restons ouverts\xC2\xBB, Marie Colin said on Friday.\n\n"
                   "\xE2\x80\x9E" "Wir bleiben hier\xE2\x80\x9C, Jonas Weber told reporters.\n\n"
                   "\xE2\x80\x98The pier is closed until May,\xE2\x80\x99 the council wrote.\n");
    expect_source(&f, quote(&f, "\"The ferry runs again,\""), "the harbour master");
    expect_speaker(&f, quote(&f, "\xC2\xAB" "Nous restons ouverts\xC2\xBB"), "Marie Colin");
    expect_speaker(&f, quote(&f, "\xE2\x80\x9E" "Wir bleiben hier\xE2\x80\x9C"), "Jonas Weber");
    expect_source(&f, quote(&f, "\xE2\x80\x98The pier is closed until May,\xE2\x80\x99"),
                  "the council");
    done(&f);
}

static void test_source_before_colon(void **state)
{
    (void)state;
    found f = find("Harbour director Anna Kowal said: \"The cranes are ready and the crews are "
                   "back.\"\n");
    const sl_quote *q = quote(&f, "\"The cranes are ready and the crews are back.\"");
    assert_int_equal(q->kind, SL_QUOTE_DIRECT);
    expect_speaker(&f, q, "Anna Kowal");
    done(&f);
}

static void test_quote_runs_over_paragraphs(void **state)
{
    (void)state;
    /* The first paragraph leaves the quotation open and the second reopens it. */
    found f = find("\xE2\x80\x9CThe water rose faster than anyone expected. We moved the cattle "
                   "first.\n\n\xE2\x80\x9CThen we moved ourselves,\xE2\x80\x9D farmer Ole Dahl said.\n");
    assert_int_equal(f.n, 1);
    const sl_quote *q = &f.q[0];
    assert_int_equal(q->content_start, 0);
    assert_true(span_is(f.text, q->content_end - 4, q->content_end, ",\xE2\x80\x9D"));
    expect_speaker(&f, q, "Ole Dahl");
    done(&f);
}

static void test_quote_goes_on_after_attribution(void **state)
{
    (void)state;
    found f = find("\xE2\x80\x9CWe lost the east field,\xE2\x80\x9D Ole Dahl said. \xE2\x80\x9C"
                   "The barn is still standing.\xE2\x80\x9D\n");
    assert_int_equal(f.n, 1);
    assert_int_equal(f.q[0].content_start, 0);
    assert_int_equal(f.q[0].content_end, strlen(f.text) - 1);
    assert_int_equal(f.q[0].kind, SL_QUOTE_DIRECT);
    done(&f);
}

static void test_nested_quote_marks(void **state)
{
    (void)state;
    found f = find("\"She told us 'stay inside' and we did,\" said Piet Brandt.\n");
    const sl_quote *q = quote(&f, "\"She told us 'stay inside' and we did,\"");
    expect_speaker(&f, q, "Piet Brandt");
    done(&f);
}

/* ---------------------------------------------------------------- indirect */

static void test_indirect_speech(void **state)
{
    (void)state;
    found f = find("Harbour spokesperson Tomas Veld said the two ferries would resume service "
                   "on Monday.\n");
    const sl_quote *q = quote(&f, "the two ferries would resume service on Monday");
    assert_int_equal(q->kind, SL_QUOTE_INDIRECT);
    expect_source(&f, q, "Harbour spokesperson Tomas Veld");
    expect_speaker(&f, q, "Tomas Veld");
    expect_cue(&f, q, "said");
    done(&f);
}

static void test_indirect_after_adverbial_and_addressee(void **state)
{
    (void)state;
    found f = find("The council said in a statement on Tuesday that the levee would be "
                   "rebuilt.\nMayor Lena Brandt told reporters that repairs would take a year.\n");
    expect_source(&f, quote(&f, "that the levee would be rebuilt"), "The council");
    expect_speaker(&f, quote(&f, "that repairs would take a year"), "Lena Brandt");
    done(&f);
}

static void test_post_posed_and_parenthetical(void **state)
{
    (void)state;
    found f = find("The pumps failed twice during the night, a county engineer said.\n"
                   "The new wall, Ms. Kowal said, will be finished before winter.\n");
    expect_source(&f, quote(&f, "The pumps failed twice during the night"), "a county engineer");
    const sl_quote *q = quote(&f, "The new wall, Ms. Kowal said, will be finished before winter");
    expect_speaker(&f, q, "Kowal");
    done(&f);
}

static void test_partial_quote(void **state)
{
    (void)state;
    found f = find("The minister praised the deal, declaring it \xE2\x80\x9C" "a proper example of "
                   "careful planning.\xE2\x80\x9D\n");
    const sl_quote *q = quote(&f, "it \xE2\x80\x9C" "a proper example of careful planning.\xE2\x80\x9D");
    assert_int_equal(q->kind, SL_QUOTE_PARTIAL);
    expect_source(&f, q, "The minister");
    done(&f);
}

static void test_according_to(void **state)
{
    (void)state;
    found f = find("According to the port authority, cargo volumes fell by a third.\n"
                   "Ticket sales doubled in June, according to the ferry company.\n");
    const sl_quote *a = quote(&f, "cargo volumes fell by a third");
    assert_int_equal(a->kind, SL_QUOTE_ACCORDING);
    expect_source(&f, a, "the port authority");
    expect_cue(&f, a, "According to");
    expect_source(&f, quote(&f, "Ticket sales doubled in June"), "the ferry company");
    done(&f);
}

static void test_belief_and_adding(void **state)
{
    (void)state;
    found f = find("The union believes the agreement will hold.\n"
                   "Nina Holm said the talks went well, adding that a vote is planned.\n");
    assert_int_equal(quote(&f, "the agreement will hold")->kind, SL_QUOTE_BELIEF);
    expect_speaker(&f, quote(&f, "the talks went well"), "Nina Holm");
    const sl_quote *q = quote(&f, "that a vote is planned");
    expect_speaker(&f, q, "Nina Holm");
    expect_cue(&f, q, "adding");
    done(&f);
}

static void test_headline_colon(void **state)
{
    (void)state;
    found f = find("Lena Brandt: Eskerby will keep its market\n\nThe market opens at nine.\n");
    const sl_quote *q = quote(&f, "Eskerby will keep its market");
    expect_source(&f, q, "Lena Brandt");
    done(&f);
}

/* ---------------------------------------------------------------- layouts */

static void test_title_case_headlines(void **state)
{
    (void)state;
    found f = find("Mayor Says Harbour Toll Will Rise in Spring\n\n"
                   "Ferry Fares Stay Flat, Transport Board Says\n\n"
                   "The toll rises in May.\n");
    const sl_quote *a = quote(&f, "Harbour Toll Will Rise in Spring");
    expect_source(&f, a, "Mayor");
    expect_cue(&f, a, "Says");
    expect_source(&f, quote(&f, "Ferry Fares Stay Flat"), "Transport Board");
    done(&f);
}

static void test_transcript_turns(void **state)
{
    (void)state;
    found f = find("A partial transcript follows:\n\n"
                   "\"HOST: Good morning. Will the bridge open on time?\n\n"
                   "\"GUEST: It will. The crews work nights.\n\n"
                   "\"And the steel arrived early.\n\n"
                   "\"(LAUGHTER.)\n\n"
                   "\"HOST: Thank you.\n");
    expect_source(&f, quote(&f, "Good morning. Will the bridge open on time?"), "HOST");
    const sl_quote *g =
        quote(&f, "It will. The crews work nights.\n\n\"And the steel arrived early.");
    expect_source(&f, g, "GUEST");
    expect_source(&f, quote(&f, "Thank you."), "HOST");
    done(&f);
}

/* ---------------------------------------------------------------- sources */

static void test_sources_after_quotes_and_appositives(void **state)
{
    (void)state;
    found f = find("\"The pier is safe,\" retired harbour master Ole Dahl of the port said.\n\n"
                   "The board's new chairman, Ivo Sand, said the budget was final.\n\n"
                   "Rita Holm, 54, of Varna, who runs a bakery, said sales had doubled.\n\n"
                   "Kai Berg -- an engineer at the yard -- said the hull was sound.\n\n"
                   "\"Rates will fall,\" the Times wrote.\n\n"
                   "The council sent a letter. It says the permit has expired.\n");
    expect_source(&f, quote(&f, "\"The pier is safe,\""),
                  "retired harbour master Ole Dahl of the port");
    const sl_quote *c = quote(&f, "the budget was final");
    expect_source(&f, c, "The board's new chairman, Ivo Sand");
    expect_speaker(&f, c, "Ivo Sand");
    expect_source(&f, quote(&f, "sales had doubled"), "Rita Holm, 54, of Varna");
    expect_speaker(&f, quote(&f, "the hull was sound"), "Kai Berg");
    expect_source(&f, quote(&f, "\"Rates will fall,\""), "the Times");
    expect_source(&f, quote(&f, "the permit has expired"), "It");
    done(&f);
}

static void test_question_before_attribution(void **state)
{
    (void)state;
    found f = find("\"Who pays for the road?\" Mia Lind asked. \"Not the town.\"\n\n"
                   "\"Did the alarm ring?\" she yells.\n");
    expect_source(&f, quote(&f, "\"Who pays for the road?\" Mia Lind asked. \"Not the town.\""),
                  "Mia Lind");
    expect_source(&f, quote(&f, "\"Did the alarm ring?\""), "she");
    done(&f);
}

/* ---------------------------------------------------------------- boundaries */

static void test_content_boundaries(void **state)
{
    (void)state;
    found f = find("Asked about the delay, Tove Ek said, \"We lost two weeks to rain.\"\n\n"
                   "But the port will reopen, the minister said.\n\n"
                   "Lars Nygaard joked about the rising cost of the harbour plan.\n\n"
                   "The agency said the project would be finished in June, "
                   "sending prices lower.\n\n"
                   "Most agree. Said Mia Lind: \"Not the town.\"\n");
    expect_source(&f, quote(&f, "\"We lost two weeks to rain.\""), "Tove Ek");
    quote(&f, "the port will reopen");
    quote(&f, "the rising cost of the harbour plan");
    quote(&f, "the project would be finished in June");
    expect_source(&f, quote(&f, "\"Not the town.\""), "Mia Lind");
    done(&f);
}

static void test_as_put_it_and_polls(void **state)
{
    (void)state;
    found f = find("As Ida Lund put it in a letter, the pier is \"a place for boats.\"\n\n"
                   "Oslo, as one of the mayor's aides pointed out, rarely floods.\n\n"
                   "The levy is a fair tax, as a ministry memo put it.\n\n"
                   "In the latest city poll, the mayor leads by four points.\n");
    const sl_quote *a = quote(&f, "the pier is \"a place for boats.\"");
    expect_source(&f, a, "Ida Lund");
    expect_cue(&f, a, "put it");
    expect_source(&f, quote(&f, "Oslo, as one of the mayor's aides pointed out, rarely floods"),
                  "one of the mayor's aides");
    expect_source(&f, quote(&f, "The levy is a fair tax"), "a ministry memo");
    expect_source(&f, quote(&f, "the mayor leads by four points"), "the latest city poll");
    done(&f);
}

static void test_second_verbs_and_relative_sources(void **state)
{
    (void)state;
    found f = find("In a statement, the firm said: \"Sales grew,\" adding that it would hire.\n\n"
                   "Ida Lund urged voters to register but has said she will not campaign.\n\n"
                   "The order came from the ministry, which said the clinics would close, "
                   "and nurses protested.\n");
    quote(&f, "\"Sales grew,\"");
    expect_cue(&f, quote(&f, "that it would hire"), "adding");
    quote(&f, "voters to register");
    expect_source(&f, quote(&f, "she will not campaign"), "Ida Lund");
    const sl_quote *m = quote(&f, "the clinics would close");
    expect_source(&f, m, "which");
    expect_speaker(&f, m, "the ministry");
    done(&f);
}

static void test_noun_like_verbs_before_that(void **state)
{
    (void)state;
    found f = find("The harbour board states that the fees will rise.\n\n"
                   "The states that signed the pact met in May.\n\n"
                   "Two former pact states that joined later pay less.\n");
    expect_source(&f, quote(&f, "that the fees will rise"), "The harbour board");
    assert_int_equal(f.n, 1);
    done(&f);
}

/* ---------------------------------------------------------------- speakers */

static void test_pronoun_and_role_speakers(void **state)
{
    (void)state;
    found f = find("Council aide Piet Marsh said the vote would be delayed.\n\n"
                   "\"We need another week,\" he said.\n\n"
                   "The aide said the delay was not political.\n");
    const sl_quote *he = quote(&f, "\"We need another week,\"");
    expect_source(&f, he, "he");
    expect_speaker(&f, he, "Piet Marsh");
    expect_speaker(&f, quote(&f, "the delay was not political"), "Piet Marsh");
    done(&f);
}

static void test_unresolved_pronoun_keeps_source(void **state)
{
    (void)state;
    found f = find("\"It was a long night,\" she said.\n");
    const sl_quote *q = quote(&f, "\"It was a long night,\"");
    expect_speaker(&f, q, "she");
    done(&f);
}

static void test_entity_hints(void **state)
{
    (void)state;
    const char *text = "Port of Vell chief Anna Kowal said the cranes were ready.\n";
    const char *name = strstr(text, "Anna Kowal");
    sl_quote_entity ents[] = { { 0, 12, SL_QENT_ORG },
                               { (size_t)(name - text), (size_t)(name - text) + 10, SL_QENT_PER } };
    found f = find_with(text, ents, 2);
    expect_speaker(&f, quote(&f, "the cranes were ready"), "Anna Kowal");
    done(&f);
}

/* ---------------------------------------------------------------- negatives, input */

static void test_no_attribution(void **state)
{
    (void)state;
    found f = find("The river crested at noon. Sandbags lined the main street, and the school "
                   "stayed closed. The \"smart\" gates were slow.\n");
    assert_int_equal(f.n, 0);
    assert_null(f.q);
    done(&f);
}

static void test_passive_is_not_a_source(void **state)
{
    (void)state;
    found f = find("The boat was found drifting near the pier.\n");
    assert_int_equal(f.n, 0);
    done(&f);
}

/* ---------------------------------------------------------------- issue 10 rules */

static void test_lemma_morphology(void **state)
{
    (void)state;
    assert_true(sl_qlex_cue("lauded", 6) & QC_WEAK);
    assert_true(sl_qlex_cue("castigating", 11) & QC_ING);
    assert_true(sl_qlex_cue("implores", 8) & QC_OBJ);
    assert_true(sl_qlex_cue("vetoed", 6) & QC_ACT);
    assert_true(sl_qlex_cue("banned", 6) & QC_ACT);
    assert_true(sl_qlex_cue("denied", 6) & QC_SPEECH);
    assert_int_equal(sl_qlex_cue("charges", 7), 0); /* a noun more often than not */
    assert_int_equal(sl_qlex_shape("lifted", 6), QV_PAST);
    assert_int_equal(sl_qlex_shape("morning", 7), 0);
}

static void test_rare_verbs_and_institution_acts(void **state)
{
    (void)state;
    found f = find("Councillor Ada Brook lauded the volunteers for their work.\n\n"
                   "The harbour board approved a new ferry timetable on Friday.\n\n"
                   "Brook doesn't expect the timetable to last.\n");
    const sl_quote *q = quote(&f, "the volunteers for their work");
    expect_speaker(&f, q, "Ada Brook");
    expect_cue(&f, q, "lauded");
    expect_source(&f, quote(&f, "a new ferry timetable on Friday"), "The harbour board");
    expect_source(&f, quote(&f, "the timetable to last"), "Brook");
    done(&f);
}

static void test_noun_cues(void **state)
{
    (void)state;
    found f = find("Mayor Ida Lund's claim that the bridge is safe was disputed.\n\n"
                   "Their determination to rebuild the pier impressed the town.\n");
    const sl_quote *q = quote(&f, "that the bridge is safe was disputed");
    expect_source(&f, q, "Mayor Ida Lund's");
    expect_cue(&f, q, "claim");
    expect_source(&f, quote(&f, "to rebuild the pier impressed the town"), "Their");
    done(&f);
}

static void test_according_to_before_a_determiner(void **state)
{
    (void)state;
    found f = find("According to Holm, the new pier will open in May.\n");
    const sl_quote *q = quote(&f, "the new pier will open in May");
    expect_source(&f, q, "Holm");
    done(&f);
}

static void test_participle_after_name_and_split_title(void **state)
{
    (void)state;
    found f = find("Radio Nord's Elsa Vik, reporting from Tromso, said the road was closed.\n\n"
                   "Swedish Envoy to Oslo Karin Berg announced the talks in a statement.\n");
    const sl_quote *q = quote(&f, "the road was closed");
    expect_speaker(&f, q, "Elsa Vik");
    for (size_t i = 0; i < f.n; i++)
        assert_false(span_is(f.text, f.q[i].cue_start, f.q[i].cue_end, "reporting"));
    q = quote(&f, "the talks in a statement");
    expect_source(&f, q, "Swedish Envoy to Oslo Karin Berg");
    expect_speaker(&f, q, "Karin Berg");
    done(&f);
}

static void test_nested_and_false_cues(void **state)
{
    (void)state;
    found f = find("Ministers will discuss fishing quotas and harbour fees, the ministry says.\n\n"
                   "The file photo shows the mayor at the harbour.\n\n"
                   "The ruling party lost two seats.\n\n"
                   "Critics pointed to three different plans for the harbour.\n");
    const sl_quote *q = quote(&f, "Ministers will discuss fishing quotas and harbour fees");
    expect_source(&f, q, "the ministry");
    for (size_t i = 0; i < f.n; i++) {
        assert_false(span_is(f.text, f.q[i].cue_start, f.q[i].cue_end, "discuss"));
        assert_false(span_is(f.text, f.q[i].cue_start, f.q[i].cue_end, "shows"));
        assert_false(span_is(f.text, f.q[i].cue_start, f.q[i].cue_end, "ruling"));
        assert_false(span_is(f.text, f.q[i].cue_start, f.q[i].cue_end, "plans"));
    }
    done(&f);
}

static void test_content_ends_before_relative_clause(void **state)
{
    (void)state;
    found f = find("Lund praised the harbour master, who retires in June.\n");
    expect_source(&f, quote(&f, "the harbour master"), "Lund");
    done(&f);
}

/* ---------------------------------------------------------------- issue 10, third round */

static void test_passive_reports(void **state)
{
    (void)state;
    found f = find("The new ferry terminal is expected to open in May. Although a toll was "
                   "announced in March, the council never collected it. The merger was first "
                   "reported by the Harbour Gazette. The boat was found drifting near the pier.\n");
    const sl_quote *q = quote(&f, "The new ferry terminal is expected to open in May");
    assert_false(q->has_source);
    q = quote(&f, "a toll was announced in March");
    assert_false(q->has_source);
    q = quote(&f, "The merger");
    expect_source(&f, q, "the Harbour Gazette");
    assert_int_equal(f.n, 3);
    done(&f);
}

static void test_stance_adjectives(void **state)
{
    (void)state;
    found f = find("Fishermen were frustrated that the quota fell again. Mayor Ida Lund has "
                   "long been critical of the port plan. The crew is ready to sail. The soup "
                   "was ready.\n");
    expect_source(&f, quote(&f, "that the quota fell again"), "Fishermen");
    expect_source(&f, quote(&f, "the port plan"), "Mayor Ida Lund");
    expect_source(&f, quote(&f, "to sail"), "The crew");
    assert_int_equal(f.n, 3);
    done(&f);
}

static void test_talking_about(void **state)
{
    (void)state;
    found f = find("Ida Lund spoke emotionally of her years at the mill. The coach spoke to the "
                   "crowd. \"We are ready,\" said Kai Berg, speaking of the final.\n");
    const sl_quote *q = quote(&f, "her years at the mill");
    expect_source(&f, q, "Ida Lund");
    expect_cue(&f, q, "spoke emotionally of");
    expect_source(&f, quote(&f, "the final"), "Kai Berg");
    assert_int_equal(f.n, 3);
    done(&f);
}

static void test_verb_chains_and_modals(void **state)
{
    (void)state;
    found f = find("The minister appeared to suggest that fares would rise. Voters may not want "
                   "to pay more. The union called for a ban on night flights.\n");
    const sl_quote *q = quote(&f, "that fares would rise");
    expect_source(&f, q, "The minister");
    expect_cue(&f, q, "appeared to suggest");
    expect_source(&f, quote(&f, "to pay more"), "Voters");
    expect_source(&f, quote(&f, "a ban on night flights"), "The union");
    done(&f);
}

static void test_second_verb_after_content(void **state)
{
    (void)state;
    found f = find("Ola Vik told the board that the roof is damaged and says he will fix it. "
                   "The mayor said this was wrong. Lund insisted, most recently in a radio "
                   "interview, that the bridge was safe. The Harbour Daily Times reported that "
                   "the ferry would stop.\n");
    expect_source(&f, quote(&f, "that the roof is damaged"), "Ola Vik");
    expect_source(&f, quote(&f, "he will fix it"), "Ola Vik");
    expect_source(&f, quote(&f, "this was wrong"), "The mayor");
    expect_source(&f, quote(&f, "that the bridge was safe"), "Lund");
    expect_source(&f, quote(&f, "that the ferry would stop"), "The Harbour Daily Times");
    done(&f);
}

static void test_light_verb_noun_cues(void **state)
{
    (void)state;
    found f = find("Harbour pilots have expressed misgivings about the new locks. The council "
                   "is raising questions about the budget.\n");
    const sl_quote *q = quote(&f, "the new locks");
    expect_source(&f, q, "Harbour pilots");
    expect_cue(&f, q, "expressed misgivings about");
    expect_source(&f, quote(&f, "the budget"), "The council");
    assert_int_equal(f.n, 2);
    done(&f);
}

static void test_bad_input(void **state)
{
    (void)state;
    sl_ctx *ctx = test_ctx();
    sl_quote *q = (sl_quote *)1;
    size_t n = 5;
    assert_int_equal(sl_quotes_find(ctx, NULL, 3, NULL, 0, &q, &n), SL_EINVAL);
    assert_null(q);
    assert_int_equal(n, 0);
    assert_int_equal(sl_quotes_find(ctx, "x", 1, NULL, 2, &q, &n), SL_EINVAL);
    assert_int_equal(sl_quotes_find(ctx, "", 0, NULL, 0, &q, &n), SL_OK);
    assert_int_equal(n, 0);
    /* Broken UTF-8 and stray quote marks do not stop the rest. */
    const char *t = "\xFF\xFE \" \xE2\x80\x9D Ola Berg said the \xC3 bridge was safe.\n";
    assert_int_equal(sl_quotes_find(ctx, t, strlen(t), NULL, 0, &q, &n), SL_OK);
    assert_int_equal(n, 1);
    assert_true(q[0].content_end <= strlen(t));
    sl_free(ctx, q);
    sl_ctx_free(ctx);
}

static void test_lexicon_sorted(void **state)
{
    (void)state;
    assert_int_equal(sl_qlex_tables_sorted(), 1);
    assert_true(sl_qlex_cue("Said", 4) & QC_SPEECH);
    assert_true(sl_qlex_cue("believes", 8) & QC_BELIEF);
    assert_int_equal(sl_qlex_cue("table", 5), 0);
    assert_true(sl_qlex_is_abbrev("Mr", 2));
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(sl_quote_kind_name(SL_QUOTE_DIRECT), "direct");
    assert_string_equal(sl_quote_kind_name(SL_QUOTE_ACCORDING), "according");
    assert_string_equal(sl_quote_kind_name((sl_quote_kind)99), "unknown");
}

/* Every allocation fails in turn: SL_ENOMEM, nothing leaks (ASan), and the
 * context still works afterwards. */
static void test_allocation_failures(void **state)
{
    (void)state;
    const char *text = "\xE2\x80\x9CWe will rebuild,\xE2\x80\x9D said Lena Brandt. \xE2\x80\x9C" "All of "
                       "it.\xE2\x80\x9D\n\nThe aide said the vote would wait, according to "
                       "officials.\n\n\"It was long,\" she said.\n";
    sl_ctx *ctx = test_ctx();
    size_t want = 0;
    {
        sl_quote *q;
        assert_int_equal(sl_quotes_find(ctx, text, strlen(text), NULL, 0, &q, &want), SL_OK);
        sl_free(ctx, q);
        assert_true(want >= 3);
    }
    bool succeeded = false;
    for (uint64_t k = 1; k < 200 && !succeeded; k++) {
        sl_quote *q = NULL;
        size_t n = 0;
        sl_ctx_set_fail_alloc_after(ctx, k);
        int rc = sl_quotes_find(ctx, text, strlen(text), NULL, 0, &q, &n);
        if (rc == SL_OK) {
            succeeded = true;
            assert_int_equal(n, want);
            sl_free(ctx, q);
        } else {
            assert_int_equal(rc, SL_ENOMEM);
            assert_null(q);
            assert_int_equal(n, 0);
        }
    }
    assert_true(succeeded);
    sl_ctx_set_fail_alloc_after(ctx, 0);
    sl_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direct_inverted_with_appositive),
        cmocka_unit_test(test_quote_styles),
        cmocka_unit_test(test_source_before_colon),
        cmocka_unit_test(test_quote_runs_over_paragraphs),
        cmocka_unit_test(test_quote_goes_on_after_attribution),
        cmocka_unit_test(test_nested_quote_marks),
        cmocka_unit_test(test_indirect_speech),
        cmocka_unit_test(test_indirect_after_adverbial_and_addressee),
        cmocka_unit_test(test_post_posed_and_parenthetical),
        cmocka_unit_test(test_partial_quote),
        cmocka_unit_test(test_according_to),
        cmocka_unit_test(test_belief_and_adding),
        cmocka_unit_test(test_headline_colon),
        cmocka_unit_test(test_title_case_headlines),
        cmocka_unit_test(test_transcript_turns),
        cmocka_unit_test(test_sources_after_quotes_and_appositives),
        cmocka_unit_test(test_question_before_attribution),
        cmocka_unit_test(test_content_boundaries),
        cmocka_unit_test(test_as_put_it_and_polls),
        cmocka_unit_test(test_second_verbs_and_relative_sources),
        cmocka_unit_test(test_noun_like_verbs_before_that),
        cmocka_unit_test(test_pronoun_and_role_speakers),
        cmocka_unit_test(test_unresolved_pronoun_keeps_source),
        cmocka_unit_test(test_entity_hints),
        cmocka_unit_test(test_no_attribution),
        cmocka_unit_test(test_passive_is_not_a_source),
        cmocka_unit_test(test_lemma_morphology),
        cmocka_unit_test(test_rare_verbs_and_institution_acts),
        cmocka_unit_test(test_noun_cues),
        cmocka_unit_test(test_according_to_before_a_determiner),
        cmocka_unit_test(test_participle_after_name_and_split_title),
        cmocka_unit_test(test_nested_and_false_cues),
        cmocka_unit_test(test_content_ends_before_relative_clause),
        cmocka_unit_test(test_passive_reports),
        cmocka_unit_test(test_stance_adjectives),
        cmocka_unit_test(test_talking_about),
        cmocka_unit_test(test_verb_chains_and_modals),
        cmocka_unit_test(test_second_verb_after_content),
        cmocka_unit_test(test_light_verb_noun_cues),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_lexicon_sorted),
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
