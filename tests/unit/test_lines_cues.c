/* Line classification, the newer cue kinds: wire credits, follow prompts,
 * inbox and paywall prompts, syndication notices, widgets, timestamps and
 * more byline shapes, each with the hard negatives that must stay body.
 * Every text here is written for these tests. */
#include "lines_fixture.h"

/* ---------------------------------------------------------------- new cue kinds */

#define ESK_PARA "Voters in Eskerby will choose a new mayor in May, the election board said on " \
                 "Monday, after the sitting mayor announced that she would not run again.\n"

static void test_wire_credits(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, PARA1 PARA2 "(Reporting by Anna Kowal; Additional reporting by Piet Brandt; "
                  "Editing by Lars Holm)\n");
    assert_boiler(&fx, "(Reporting by Anna", "signature");
    classify(&fx, PARA1 PARA2 "(Bericht von Anna Kowal; redigiert von Lars Holm)\n"
                  "(Reporte de Ana Ruiz; Editado en espa\xC3\xB1ol por Luis Gil)\n");
    assert_boiler(&fx, "(Bericht von", "signature");
    assert_boiler(&fx, "(Reporte de", "signature");
    /* Sentences that start or go on the same way stay body. */
    classify(&fx, "Reporting by local media suggested that the fire started in a kitchen on the "
                  "second floor of the building.\n" PARA1 PARA2
                  "Careful reporting by two young journalists showed that the council had known "
                  "about the cracks since 2019, the inquiry said.\n" PARA3
                  "Reporting by the council was late.\n");
    assert_body(&fx, "Reporting by local media");
    assert_body(&fx, "Careful reporting by");
    assert_body(&fx, "Reporting by the council");
    fx_close(&fx);
}

static void test_follow_prompts(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, PARA1 PARA2 PARA3
                  "Follow the Riverton Gazette on X and Instagram for every council update.\n"
                  "Folgen Sie dem Stadtblatt auf Instagram und Facebook\n"
                  "Suivez Le Petit Courrier sur X\n");
    assert_boiler(&fx, "Follow the Riverton", "share");
    assert_boiler(&fx, "Folgen Sie dem", "share");
    assert_boiler(&fx, "Suivez Le Petit", "share");
    /* No network named, a paragraph naming one, a line between paragraphs. */
    classify(&fx, "Follow these tips shared on Facebook by the fire brigade to keep your home "
                  "safe during the holidays.\n" PARA1
                  "Follow the money, he told Facebook investors.\n" PARA2
                  "Follow-up inspections will start in May, the council said.\n");
    assert_body(&fx, "Follow these tips");
    assert_body(&fx, "Follow the money");
    assert_body(&fx, "Follow-up inspections");
    fx_close(&fx);
}

static void test_inbox_and_paywall(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, PARA1 PARA2 PARA3
                  "Get the Gazette's evening briefing in your inbox. Sign up here.\n"
                  "Subscribe today: unlimited digital access to the Gazette for $2 a month.\n"
                  "Our paper has served the valley since 1887. Support independent journalism: "
                  "become a member today.\n"
                  "Recevez notre lettre du soir dans votre bo\xC3\xAEte mail\n"
                  "Sostieni il giornalismo indipendente\n");
    assert_boiler(&fx, "Get the Gazette", "subscribe");
    assert_boiler(&fx, "Subscribe today", "subscribe");
    assert_boiler(&fx, "Our paper has served", "subscribe");
    assert_boiler(&fx, "Recevez notre", "subscribe");
    assert_boiler(&fx, "Sostieni", "subscribe");
    /* The same words in a lead paragraph and between paragraphs. */
    classify(&fx, "Thousands of families rushed to sign up for our region's new school lunch "
                  "programme on Monday, officials said.\n" PARA1
                  "Residents who sign up here at the town hall before Friday will get a free bus "
                  "pass, the mayor said.\n" PARA2
                  "The results landed in your inbox too?\n" PARA3);
    assert_body(&fx, "Thousands of families");
    assert_body(&fx, "Residents who sign up");
    assert_body(&fx, "The results landed");
    fx_close(&fx);
}

static void test_syndication_notices(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\n"
                  "This article first appeared on the Harbour Bulletin and is republished here "
                  "with permission.\n\n" PARA1 PARA2
                  "Originally published by the Valley Examiner.\n"
                  "Dieser Artikel erschien zuerst bei der Talpost.\n");
    assert_boiler(&fx, "This article first appeared", "mirror");
    assert_boiler(&fx, "Originally published by", "mirror");
    assert_boiler(&fx, "Dieser Artikel", "mirror");
    assert_kind(&fx, "Council Backs", SL_LINE_TITLE, "title");
    classify(&fx, "The rumour first appeared on social media on Monday, and by Tuesday the "
                  "ministry had to respond.\n" PARA1
                  "Originally published in 1851, the novel sold poorly.\n" PARA2);
    assert_body(&fx, "The rumour first appeared");
    assert_body(&fx, "Originally published in 1851");
    fx_close(&fx);
}

static void test_widgets_and_timestamps(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\nBy Maria Lopez\n"
                  "Published March 3, 2024, 9:15 a.m.\n"
                  "Listen to this article \xC2\xB7 3 min\n\n" PARA1 PARA2);
    assert_kind(&fx, "Council Backs", SL_LINE_TITLE, "title");
    assert_kind(&fx, "By Maria", SL_LINE_BYLINE, "byline");
    assert_boiler(&fx, "Published March", "timestamp");
    assert_boiler(&fx, "Listen to this", "widget");
    classify(&fx, "Aktualisiert am 12.03.2024, 14:05 Uhr\nArtikel anh\xC3\xB6ren\n"
                  "Lesezeit: 4 Minuten\n\n" PARA1 PARA2
                  "Publi\xC3\xA9 le 3 mars 2024 \xC3\xA0 09h15\n5 min read\n"
                  "Tiempo de lectura: 6 minutos\n");
    assert_boiler(&fx, "Aktualisiert am", "timestamp");
    assert_boiler(&fx, "Artikel anh", "widget");
    assert_boiler(&fx, "Lesezeit", "widget");
    assert_boiler(&fx, "Publi\xC3\xA9 le", "timestamp");
    assert_boiler(&fx, "5 min read", "widget");
    assert_boiler(&fx, "Tiempo de lectura", "widget");
    /* Not timestamps: more than a date after the word, or between
     * paragraphs. */
    classify(&fx, "Published in 1998, the book sold well.\n" PARA1
                  "Updated 3 March 2024\n" PARA2
                  "Updated figures show a rise of 4% in 2023.\n");
    assert_body(&fx, "Published in 1998");
    assert_body(&fx, "Updated 3 March");
    assert_body(&fx, "Updated figures");
    fx_close(&fx);
}

static void test_more_bylines(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx);
    classify(&fx, "Council Backs Road Budget\nAnna Kowal \xC2\xB7 Riverton Gazette\n\n" PARA1 PARA2);
    assert_kind(&fx, "Anna Kowal", SL_LINE_BYLINE, "byline");
    classify(&fx, "Council Backs Road Budget\nRiverton Gazette staff and wire reports\n" PARA1);
    assert_kind(&fx, "staff and wire", SL_LINE_BYLINE, "byline");
    /* "Name, Place" under a headline, the place named in the article. */
    classify(&fx, "Mayor sets date for vote as rivals gear up\nKatrin Holm, Eskerby\n\n" ESK_PARA
                  PARA2);
    assert_kind(&fx, "Mayor sets date", SL_LINE_TITLE, "title");
    assert_kind(&fx, "Katrin Holm", SL_LINE_BYLINE, "byline");
    /* ... but not when the place is never named, nor for a place. */
    classify(&fx, "Mayor sets date for vote as rivals gear up\nKatrin Holm, Ostvik\n\n" ESK_PARA);
    assert_body(&fx, "Katrin Holm");
    classify(&fx, "Council Backs Road Budget\nCentral Stadium, Eskerby\n" ESK_PARA);
    assert_body(&fx, "Central Stadium");
    /* A byline that repeats across a source is still a byline. */
    for (int doc = 0; doc < 4; doc++)
        classify_src(&fx, doc % 2 ? "Council Backs Road Budget\nBy Anna Kowal\n\n" PARA1 PARA2
                                  : "Mayor Opens New Bridge\nBy Anna Kowal\n\n" PARA3 PARA4,
                     "gazette");
    assert_kind(&fx, "By Anna Kowal", SL_LINE_BYLINE, "byline");
    fx_close(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wire_credits),
        cmocka_unit_test(test_follow_prompts),
        cmocka_unit_test(test_inbox_and_paywall),
        cmocka_unit_test(test_syndication_notices),
        cmocka_unit_test(test_widgets_and_timestamps),
        cmocka_unit_test(test_more_bylines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
