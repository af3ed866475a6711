/* The English lexicon of the quote finder: cue verbs (speech, belief and
 * evidence verbs with their forms) and the small word classes the source
 * finder needs.  Our own lists.  Every table is kept in strict byte order
 * of its lowercase words (bsearch); test_quotes checks it. */
#include "facts/quotes_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct sl_quote_cue_entry {
    const char *word;
    unsigned flags;
} sl_quote_cue_entry;

static const sl_quote_cue_entry cue_table[] = {
    { "accuse", QC_SPEECH | QC_OBJ | QC_POST }, { "accused", QC_SPEECH | QC_OBJ | QC_POST },
    { "accuses", QC_SPEECH | QC_OBJ | QC_POST }, { "accusing", QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "acknowledge", QC_SPEECH | QC_INV | QC_POST }, { "acknowledged", QC_SPEECH | QC_INV | QC_POST },
    { "acknowledges", QC_SPEECH | QC_INV | QC_POST },
    { "acknowledging", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "add", QC_SPEECH | QC_INV | QC_POST },
    { "added", QC_SPEECH | QC_INV | QC_POST }, { "adding", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "adds", QC_SPEECH | QC_INV | QC_POST }, { "admit", QC_SPEECH | QC_INV | QC_POST },
    { "admits", QC_SPEECH | QC_INV | QC_POST }, { "admitted", QC_SPEECH | QC_INV | QC_POST },
    { "admitting", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "advise", QC_SPEECH | QC_OBJ | QC_POST },
    { "advised", QC_SPEECH | QC_OBJ | QC_POST }, { "advises", QC_SPEECH | QC_OBJ | QC_POST },
    { "advising", QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "agree", QC_SPEECH | QC_INV | QC_POST | QC_BELIEF }, { "agreed", QC_SPEECH | QC_INV | QC_POST },
    { "agreeing", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "agrees", QC_SPEECH | QC_INV | QC_POST },
    { "aim", QC_SPEECH | QC_BELIEF }, { "aimed", QC_SPEECH | QC_BELIEF },
    { "aims", QC_SPEECH | QC_BELIEF }, { "allege", QC_SPEECH | QC_INV | QC_POST },
    { "alleged", QC_SPEECH | QC_INV | QC_POST }, { "alleges", QC_SPEECH | QC_INV | QC_POST },
    { "alleging", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "announce", QC_SPEECH | QC_INV | QC_POST },
    { "announced", QC_SPEECH | QC_INV | QC_POST }, { "announces", QC_SPEECH | QC_INV | QC_POST },
    { "announcing", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "answered", QC_SPEECH | QC_INV | QC_POST }, { "argue", QC_SPEECH | QC_INV | QC_POST },
    { "argued", QC_SPEECH | QC_INV | QC_POST }, { "argues", QC_SPEECH | QC_INV | QC_POST },
    { "arguing", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "ask", QC_SPEECH | QC_OBJ | QC_POST },
    { "asked", QC_SPEECH | QC_INV | QC_OBJ | QC_POST },
    { "asking", QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "asks", QC_SPEECH | QC_OBJ | QC_POST },
    { "assert", QC_SPEECH | QC_INV | QC_POST }, { "asserted", QC_SPEECH | QC_INV | QC_POST },
    { "asserting", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "asserts", QC_SPEECH | QC_INV | QC_POST },
    { "assume", QC_SPEECH | QC_BELIEF }, { "assumed", QC_SPEECH | QC_BELIEF },
    { "assumes", QC_SPEECH | QC_BELIEF }, { "assuming", QC_SPEECH | QC_BELIEF | QC_ING },
    { "assure", QC_SPEECH | QC_OBJ | QC_POST }, { "assured", QC_SPEECH | QC_OBJ | QC_POST },
    { "assures", QC_SPEECH | QC_OBJ | QC_POST }, { "assuring", QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "attack", QC_SPEECH | QC_POST }, { "attacked", QC_SPEECH | QC_POST },
    { "attacking", QC_SPEECH | QC_POST | QC_ING }, { "attacks", QC_SPEECH | QC_POST },
    { "believe", QC_SPEECH | QC_BELIEF }, { "believed", QC_SPEECH | QC_BELIEF },
    { "believes", QC_SPEECH | QC_BELIEF }, { "believing", QC_SPEECH | QC_BELIEF | QC_ING },
    { "blame", QC_SPEECH | QC_OBJ | QC_POST }, { "blamed", QC_SPEECH | QC_OBJ | QC_POST },
    { "blames", QC_SPEECH | QC_OBJ | QC_POST }, { "blaming", QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "blast", QC_SPEECH | QC_POST }, { "blasted", QC_SPEECH | QC_POST },
    { "blasting", QC_SPEECH | QC_POST | QC_ING }, { "blasts", QC_SPEECH | QC_POST },
    { "boasted", QC_SPEECH | QC_INV | QC_POST }, { "bragged", QC_SPEECH | QC_INV | QC_POST },
    { "call", QC_SPEECH | QC_OBJ | QC_POST }, { "called", QC_SPEECH | QC_OBJ | QC_POST },
    { "calling", QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "calls", QC_SPEECH | QC_OBJ | QC_POST },
    { "caution", QC_SPEECH | QC_INV | QC_POST }, { "cautioned", QC_SPEECH | QC_INV | QC_POST },
    { "cautioning", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "cautions", QC_SPEECH | QC_INV | QC_POST }, { "challenge", QC_SPEECH | QC_OBJ | QC_POST },
    { "challenged", QC_SPEECH | QC_OBJ | QC_POST }, { "challenges", QC_SPEECH | QC_OBJ | QC_POST },
    { "challenging", QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "chant", QC_SPEECH | QC_POST },
    { "chanted", QC_SPEECH | QC_POST }, { "chanting", QC_SPEECH | QC_POST | QC_ING },
    { "chants", QC_SPEECH | QC_POST }, { "cite", QC_SPEECH | QC_POST },
    { "cited", QC_SPEECH | QC_POST }, { "cites", QC_SPEECH | QC_POST },
    { "citing", QC_SPEECH | QC_POST | QC_ING }, { "claimed", QC_SPEECH | QC_INV | QC_POST },
    { "claiming", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "claims", QC_SPEECH | QC_POST },
    { "clarified", QC_SPEECH | QC_INV | QC_POST }, { "compare", QC_SPEECH | QC_POST },
    { "compared", QC_SPEECH | QC_POST }, { "compares", QC_SPEECH | QC_POST },
    { "complain", QC_SPEECH | QC_INV | QC_POST }, { "complained", QC_SPEECH | QC_INV | QC_POST },
    { "complaining", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "complains", QC_SPEECH | QC_INV | QC_POST }, { "concede", QC_SPEECH | QC_INV | QC_POST },
    { "conceded", QC_SPEECH | QC_INV | QC_POST }, { "concedes", QC_SPEECH | QC_INV | QC_POST },
    { "conceding", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "conclude", QC_SPEECH | QC_INV | QC_POST }, { "concluded", QC_SPEECH | QC_INV | QC_POST },
    { "concludes", QC_SPEECH | QC_INV | QC_POST },
    { "concluding", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "condemn", QC_SPEECH | QC_POST },
    { "condemned", QC_SPEECH | QC_POST }, { "condemning", QC_SPEECH | QC_POST | QC_ING },
    { "condemns", QC_SPEECH | QC_POST }, { "confirm", QC_SPEECH | QC_INV | QC_POST },
    { "confirmed", QC_SPEECH | QC_INV | QC_POST },
    { "confirming", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "confirms", QC_SPEECH | QC_INV | QC_POST }, { "consider", QC_SPEECH | QC_BELIEF },
    { "considered", QC_SPEECH | QC_BELIEF }, { "considering", QC_SPEECH | QC_BELIEF | QC_ING },
    { "considers", QC_SPEECH | QC_BELIEF }, { "contend", QC_SPEECH | QC_INV | QC_POST },
    { "contended", QC_SPEECH | QC_INV | QC_POST },
    { "contending", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "contends", QC_SPEECH | QC_INV | QC_POST }, { "continue", QC_SPEECH | QC_INV | QC_POST },
    { "continued", QC_SPEECH | QC_INV | QC_POST }, { "continues", QC_SPEECH | QC_INV | QC_POST },
    { "continuing", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "convince", QC_SPEECH | QC_OBJ | QC_POST }, { "convinced", QC_SPEECH | QC_OBJ | QC_POST },
    { "convinces", QC_SPEECH | QC_OBJ | QC_POST },
    { "convincing", QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "countered", QC_SPEECH | QC_INV | QC_POST }, { "criticise", QC_SPEECH | QC_OBJ | QC_POST },
    { "criticised", QC_SPEECH | QC_OBJ | QC_POST }, { "criticize", QC_SPEECH | QC_OBJ | QC_POST },
    { "criticized", QC_SPEECH | QC_OBJ | QC_POST }, { "criticizes", QC_SPEECH | QC_OBJ | QC_POST },
    { "criticizing", QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "decide", QC_SPEECH | QC_BELIEF },
    { "decided", QC_SPEECH | QC_BELIEF }, { "decides", QC_SPEECH | QC_BELIEF },
    { "deciding", QC_SPEECH | QC_BELIEF | QC_ING }, { "declare", QC_SPEECH | QC_INV | QC_POST },
    { "declared", QC_SPEECH | QC_INV | QC_POST }, { "declares", QC_SPEECH | QC_INV | QC_POST },
    { "declaring", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "decried", QC_SPEECH | QC_POST },
    { "decries", QC_SPEECH | QC_POST }, { "decry", QC_SPEECH | QC_POST },
    { "defend", QC_SPEECH | QC_POST }, { "defended", QC_SPEECH | QC_POST },
    { "defending", QC_SPEECH | QC_POST | QC_ING }, { "defends", QC_SPEECH | QC_POST },
    { "demand", QC_SPEECH | QC_POST }, { "demanded", QC_SPEECH | QC_POST },
    { "demanding", QC_SPEECH | QC_POST | QC_ING }, { "demands", QC_SPEECH | QC_POST },
    { "denied", QC_SPEECH | QC_INV | QC_POST }, { "denies", QC_SPEECH | QC_INV | QC_POST },
    { "denounce", QC_SPEECH | QC_POST }, { "denounced", QC_SPEECH | QC_POST },
    { "denounces", QC_SPEECH | QC_POST }, { "deny", QC_SPEECH | QC_INV | QC_POST },
    { "denying", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "describe", QC_SPEECH | QC_OBJ | QC_POST },
    { "described", QC_SPEECH | QC_OBJ | QC_POST }, { "describes", QC_SPEECH | QC_OBJ | QC_POST },
    { "describing", QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "disagree", QC_SPEECH | QC_INV | QC_POST }, { "disagreed", QC_SPEECH | QC_INV | QC_POST },
    { "disagrees", QC_SPEECH | QC_INV | QC_POST }, { "disclose", QC_SPEECH | QC_POST },
    { "disclosed", QC_SPEECH | QC_POST }, { "discloses", QC_SPEECH | QC_POST },
    { "discuss", QC_SPEECH | QC_POST }, { "discussed", QC_SPEECH | QC_POST },
    { "discusses", QC_SPEECH | QC_POST }, { "discussing", QC_SPEECH | QC_POST | QC_ING },
    { "dismiss", QC_SPEECH | QC_POST }, { "dismissed", QC_SPEECH | QC_POST },
    { "dismisses", QC_SPEECH | QC_POST }, { "dismissing", QC_SPEECH | QC_POST | QC_ING },
    { "document", QC_SPEECH | QC_POST }, { "documented", QC_SPEECH | QC_POST },
    { "documents", QC_SPEECH | QC_POST }, { "doubt", QC_SPEECH | QC_BELIEF },
    { "doubted", QC_SPEECH | QC_BELIEF }, { "doubts", QC_SPEECH | QC_BELIEF },
    { "echo", QC_SPEECH | QC_POST }, { "echoed", QC_SPEECH | QC_POST },
    { "echoes", QC_SPEECH | QC_POST }, { "echoing", QC_SPEECH | QC_POST | QC_ING },
    { "elaborated", QC_SPEECH | QC_INV | QC_POST }, { "emphasise", QC_SPEECH | QC_INV | QC_POST },
    { "emphasised", QC_SPEECH | QC_INV | QC_POST }, { "emphasises", QC_SPEECH | QC_INV | QC_POST },
    { "emphasising", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "emphasize", QC_SPEECH | QC_INV | QC_POST }, { "emphasized", QC_SPEECH | QC_INV | QC_POST },
    { "emphasizes", QC_SPEECH | QC_INV | QC_POST },
    { "emphasizing", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "encourage", QC_SPEECH | QC_OBJ | QC_POST }, { "encouraged", QC_SPEECH | QC_OBJ | QC_POST },
    { "encourages", QC_SPEECH | QC_OBJ | QC_POST },
    { "encouraging", QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "estimate", QC_SPEECH | QC_INV | QC_POST }, { "estimated", QC_SPEECH | QC_INV | QC_POST },
    { "estimates", QC_SPEECH | QC_INV | QC_POST }, { "exclaimed", QC_SPEECH | QC_INV | QC_POST },
    { "expect", QC_SPEECH | QC_BELIEF }, { "expected", QC_SPEECH | QC_BELIEF },
    { "expecting", QC_SPEECH | QC_BELIEF | QC_ING }, { "expects", QC_SPEECH | QC_BELIEF },
    { "explain", QC_SPEECH | QC_INV | QC_POST }, { "explained", QC_SPEECH | QC_INV | QC_POST },
    { "explaining", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "explains", QC_SPEECH | QC_INV | QC_POST }, { "fear", QC_SPEECH | QC_BELIEF },
    { "feared", QC_SPEECH | QC_BELIEF }, { "fearing", QC_SPEECH | QC_BELIEF | QC_ING },
    { "fears", QC_SPEECH | QC_BELIEF }, { "feel", QC_SPEECH | QC_BELIEF },
    { "feeling", QC_SPEECH | QC_BELIEF | QC_ING }, { "feels", QC_SPEECH | QC_BELIEF },
    { "felt", QC_SPEECH | QC_BELIEF }, { "find", QC_SPEECH | QC_POST },
    { "finding", QC_SPEECH | QC_POST | QC_ING }, { "finds", QC_SPEECH | QC_POST },
    { "found", QC_SPEECH | QC_POST }, { "hint", QC_SPEECH | QC_POST },
    { "hinted", QC_SPEECH | QC_POST }, { "hints", QC_SPEECH | QC_POST },
    { "hope", QC_SPEECH | QC_BELIEF }, { "hoped", QC_SPEECH | QC_BELIEF },
    { "hopes", QC_SPEECH | QC_BELIEF }, { "hoping", QC_SPEECH | QC_BELIEF | QC_ING },
    { "implied", QC_SPEECH | QC_POST }, { "implies", QC_SPEECH | QC_POST },
    { "imply", QC_SPEECH | QC_POST }, { "implying", QC_SPEECH | QC_POST | QC_ING },
    { "indicate", QC_SPEECH | QC_POST }, { "indicated", QC_SPEECH | QC_POST },
    { "indicates", QC_SPEECH | QC_POST }, { "indicating", QC_SPEECH | QC_POST | QC_ING },
    { "inform", QC_SPEECH | QC_OBJ | QC_POST }, { "informed", QC_SPEECH | QC_OBJ | QC_POST },
    { "informing", QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "informs", QC_SPEECH | QC_OBJ | QC_POST },
    { "insinuate", QC_SPEECH | QC_POST }, { "insinuated", QC_SPEECH | QC_POST },
    { "insist", QC_SPEECH | QC_INV | QC_POST | QC_BELIEF },
    { "insisted", QC_SPEECH | QC_INV | QC_POST },
    { "insisting", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "insists", QC_SPEECH | QC_INV | QC_POST },
    { "intend", QC_SPEECH | QC_BELIEF }, { "intended", QC_SPEECH | QC_BELIEF },
    { "intending", QC_SPEECH | QC_BELIEF | QC_ING }, { "intends", QC_SPEECH | QC_BELIEF },
    { "joked", QC_SPEECH | QC_INV | QC_POST }, { "knew", QC_SPEECH | QC_BELIEF },
    { "know", QC_SPEECH | QC_BELIEF }, { "knowing", QC_SPEECH | QC_BELIEF | QC_ING },
    { "knows", QC_SPEECH | QC_BELIEF }, { "lament", QC_SPEECH | QC_INV | QC_POST },
    { "lamented", QC_SPEECH | QC_INV | QC_POST },
    { "lamenting", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "laments", QC_SPEECH | QC_INV | QC_POST },
    { "learned", QC_SPEECH | QC_BELIEF }, { "learnt", QC_SPEECH | QC_BELIEF },
    { "liken", QC_SPEECH | QC_POST }, { "likened", QC_SPEECH | QC_POST },
    { "likens", QC_SPEECH | QC_POST }, { "maintain", QC_SPEECH | QC_INV | QC_POST },
    { "maintained", QC_SPEECH | QC_INV | QC_POST },
    { "maintaining", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "maintains", QC_SPEECH | QC_INV | QC_POST }, { "mention", QC_SPEECH | QC_INV | QC_POST },
    { "mentioned", QC_SPEECH | QC_INV | QC_POST },
    { "mentioning", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "mentions", QC_SPEECH | QC_INV | QC_POST }, { "note", QC_SPEECH | QC_INV | QC_POST },
    { "noted", QC_SPEECH | QC_INV | QC_POST }, { "notes", QC_SPEECH | QC_INV | QC_POST },
    { "noting", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "objected", QC_SPEECH | QC_INV | QC_POST },
    { "observe", QC_SPEECH | QC_INV | QC_POST }, { "observed", QC_SPEECH | QC_INV | QC_POST },
    { "observes", QC_SPEECH | QC_INV | QC_POST },
    { "observing", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "oppose", QC_SPEECH | QC_POST },
    { "opposed", QC_SPEECH | QC_POST }, { "opposes", QC_SPEECH | QC_POST },
    { "opposing", QC_SPEECH | QC_POST | QC_ING }, { "outline", QC_SPEECH | QC_POST },
    { "outlined", QC_SPEECH | QC_POST }, { "outlines", QC_SPEECH | QC_POST },
    { "persuade", QC_SPEECH | QC_OBJ | QC_POST }, { "persuaded", QC_SPEECH | QC_OBJ | QC_POST },
    { "persuades", QC_SPEECH | QC_OBJ | QC_POST }, { "plan", QC_SPEECH | QC_BELIEF },
    { "planned", QC_SPEECH | QC_BELIEF }, { "planning", QC_SPEECH | QC_BELIEF | QC_ING },
    { "plans", QC_SPEECH | QC_BELIEF }, { "pledge", QC_SPEECH | QC_POST },
    { "pledged", QC_SPEECH | QC_POST }, { "pledges", QC_SPEECH | QC_POST },
    { "pledging", QC_SPEECH | QC_POST | QC_ING }, { "posted", QC_SPEECH | QC_INV | QC_POST },
    { "praise", QC_SPEECH | QC_OBJ | QC_POST }, { "praised", QC_SPEECH | QC_OBJ | QC_POST },
    { "praises", QC_SPEECH | QC_OBJ | QC_POST }, { "praising", QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "predict", QC_SPEECH | QC_INV | QC_POST }, { "predicted", QC_SPEECH | QC_INV | QC_POST },
    { "predicting", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "predicts", QC_SPEECH | QC_INV | QC_POST }, { "prefer", QC_SPEECH | QC_BELIEF },
    { "preferred", QC_SPEECH | QC_BELIEF }, { "prefers", QC_SPEECH | QC_BELIEF },
    { "promise", QC_SPEECH | QC_POST }, { "promised", QC_SPEECH | QC_POST },
    { "promises", QC_SPEECH | QC_POST }, { "promising", QC_SPEECH | QC_POST | QC_ING },
    { "propose", QC_SPEECH | QC_POST }, { "proposed", QC_SPEECH | QC_POST },
    { "proposes", QC_SPEECH | QC_POST }, { "proposing", QC_SPEECH | QC_POST | QC_ING },
    { "protested", QC_SPEECH | QC_INV | QC_POST }, { "question", QC_SPEECH | QC_POST },
    { "questioned", QC_SPEECH | QC_POST }, { "questioning", QC_SPEECH | QC_POST | QC_ING },
    { "questions", QC_SPEECH | QC_POST }, { "quipped", QC_SPEECH | QC_INV | QC_POST },
    { "realise", QC_SPEECH | QC_BELIEF }, { "realised", QC_SPEECH | QC_BELIEF },
    { "realize", QC_SPEECH | QC_BELIEF }, { "realized", QC_SPEECH | QC_BELIEF },
    { "realizes", QC_SPEECH | QC_BELIEF }, { "reasoned", QC_SPEECH | QC_INV | QC_POST },
    { "recall", QC_SPEECH | QC_INV | QC_POST }, { "recalled", QC_SPEECH | QC_INV | QC_POST },
    { "recalling", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "recalls", QC_SPEECH | QC_INV | QC_POST },
    { "recommend", QC_SPEECH | QC_POST }, { "recommended", QC_SPEECH | QC_POST },
    { "recommending", QC_SPEECH | QC_POST | QC_ING }, { "recommends", QC_SPEECH | QC_POST },
    { "recounted", QC_SPEECH | QC_INV | QC_POST }, { "refuse", QC_SPEECH | QC_BELIEF },
    { "refused", QC_SPEECH | QC_BELIEF }, { "refuses", QC_SPEECH | QC_BELIEF },
    { "refusing", QC_SPEECH | QC_BELIEF | QC_ING }, { "regard", QC_SPEECH | QC_BELIEF },
    { "regarded", QC_SPEECH | QC_BELIEF }, { "regards", QC_SPEECH | QC_BELIEF },
    { "reiterate", QC_SPEECH | QC_INV | QC_POST }, { "reiterated", QC_SPEECH | QC_INV | QC_POST },
    { "reiterates", QC_SPEECH | QC_INV | QC_POST },
    { "reiterating", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "reject", QC_SPEECH | QC_POST },
    { "rejected", QC_SPEECH | QC_POST }, { "rejecting", QC_SPEECH | QC_POST | QC_ING },
    { "rejects", QC_SPEECH | QC_POST }, { "remark", QC_SPEECH | QC_INV | QC_POST },
    { "remarked", QC_SPEECH | QC_INV | QC_POST }, { "remarks", QC_SPEECH | QC_INV | QC_POST },
    { "remind", QC_SPEECH | QC_OBJ | QC_POST }, { "reminded", QC_SPEECH | QC_OBJ | QC_POST },
    { "reminding", QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "reminds", QC_SPEECH | QC_OBJ | QC_POST },
    { "repeated", QC_SPEECH | QC_INV | QC_POST }, { "replied", QC_SPEECH | QC_INV | QC_POST },
    { "replies", QC_SPEECH | QC_INV | QC_POST }, { "reply", QC_SPEECH | QC_INV | QC_POST },
    { "replying", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "reported", QC_SPEECH | QC_INV | QC_POST },
    { "reporting", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "reports", QC_SPEECH | QC_POST },
    { "respond", QC_SPEECH | QC_INV | QC_POST }, { "responded", QC_SPEECH | QC_INV | QC_POST },
    { "responding", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "responds", QC_SPEECH | QC_INV | QC_POST }, { "retorted", QC_SPEECH | QC_INV | QC_POST },
    { "reveal", QC_SPEECH | QC_POST }, { "revealed", QC_SPEECH | QC_POST },
    { "revealing", QC_SPEECH | QC_POST | QC_ING }, { "reveals", QC_SPEECH | QC_POST },
    { "said", QC_SPEECH | QC_INV | QC_POST }, { "sang", QC_SPEECH | QC_POST },
    { "saw", QC_SPEECH | QC_BELIEF }, { "say", QC_SPEECH | QC_INV | QC_POST },
    { "saying", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "says", QC_SPEECH | QC_INV | QC_POST },
    { "screamed", QC_SPEECH | QC_INV | QC_POST }, { "see", QC_SPEECH | QC_BELIEF },
    { "seek", QC_SPEECH | QC_BELIEF }, { "seeking", QC_SPEECH | QC_BELIEF | QC_ING },
    { "seeks", QC_SPEECH | QC_BELIEF }, { "sees", QC_SPEECH | QC_BELIEF },
    { "shouted", QC_SPEECH | QC_INV | QC_POST }, { "show", QC_SPEECH | QC_POST },
    { "showed", QC_SPEECH | QC_POST }, { "showing", QC_SPEECH | QC_POST | QC_ING },
    { "shown", QC_SPEECH | QC_POST }, { "shows", QC_SPEECH | QC_POST },
    { "signal", QC_SPEECH | QC_POST }, { "signaled", QC_SPEECH | QC_POST },
    { "signalled", QC_SPEECH | QC_POST }, { "signals", QC_SPEECH | QC_POST },
    { "sing", QC_SPEECH | QC_POST | QC_ING }, { "singing", QC_SPEECH | QC_POST | QC_ING },
    { "sings", QC_SPEECH | QC_POST }, { "slam", QC_SPEECH | QC_POST },
    { "slammed", QC_SPEECH | QC_POST }, { "slamming", QC_SPEECH | QC_POST | QC_ING },
    { "slams", QC_SPEECH | QC_POST }, { "sought", QC_SPEECH | QC_BELIEF },
    { "speculate", QC_SPEECH | QC_INV | QC_POST }, { "speculated", QC_SPEECH | QC_INV | QC_POST },
    { "speculates", QC_SPEECH | QC_INV | QC_POST },
    { "speculating", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "stated", QC_SPEECH | QC_INV | QC_POST }, { "stress", QC_SPEECH | QC_INV | QC_POST },
    { "stressed", QC_SPEECH | QC_INV | QC_POST }, { "stresses", QC_SPEECH | QC_INV | QC_POST },
    { "stressing", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "suggest", QC_SPEECH | QC_INV | QC_POST },
    { "suggested", QC_SPEECH | QC_INV | QC_POST },
    { "suggesting", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "suggests", QC_SPEECH | QC_INV | QC_POST }, { "support", QC_SPEECH | QC_POST },
    { "supported", QC_SPEECH | QC_POST }, { "supporting", QC_SPEECH | QC_POST | QC_ING },
    { "supports", QC_SPEECH | QC_POST }, { "surmised", QC_SPEECH | QC_INV | QC_POST },
    { "suspect", QC_SPEECH | QC_BELIEF }, { "suspected", QC_SPEECH | QC_BELIEF },
    { "suspects", QC_SPEECH | QC_BELIEF }, { "tell", QC_SPEECH | QC_OBJ | QC_POST },
    { "telling", QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "tells", QC_SPEECH | QC_OBJ | QC_POST },
    { "testified", QC_SPEECH | QC_INV | QC_POST }, { "testifies", QC_SPEECH | QC_INV | QC_POST },
    { "testify", QC_SPEECH | QC_INV | QC_POST },
    { "testifying", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "thank", QC_SPEECH | QC_OBJ | QC_POST },
    { "thanked", QC_SPEECH | QC_OBJ | QC_POST }, { "thanks", QC_SPEECH | QC_OBJ | QC_POST },
    { "think", QC_SPEECH | QC_BELIEF }, { "thinking", QC_SPEECH | QC_BELIEF | QC_ING },
    { "thinks", QC_SPEECH | QC_BELIEF }, { "thought", QC_SPEECH | QC_BELIEF },
    { "threaten", QC_SPEECH | QC_POST }, { "threatened", QC_SPEECH | QC_POST },
    { "threatening", QC_SPEECH | QC_POST | QC_ING }, { "threatens", QC_SPEECH | QC_POST },
    { "told", QC_SPEECH | QC_INV | QC_OBJ | QC_POST }, { "tried", QC_SPEECH | QC_BELIEF },
    { "tries", QC_SPEECH | QC_BELIEF }, { "try", QC_SPEECH | QC_BELIEF },
    { "trying", QC_SPEECH | QC_BELIEF | QC_ING }, { "tweet", QC_SPEECH | QC_INV | QC_POST },
    { "tweeted", QC_SPEECH | QC_INV | QC_POST }, { "tweeting", QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "tweets", QC_SPEECH | QC_INV | QC_POST }, { "understand", QC_SPEECH | QC_BELIEF },
    { "understands", QC_SPEECH | QC_BELIEF }, { "understood", QC_SPEECH | QC_BELIEF },
    { "urge", QC_SPEECH | QC_OBJ | QC_POST }, { "urged", QC_SPEECH | QC_INV | QC_OBJ | QC_POST },
    { "urges", QC_SPEECH | QC_OBJ | QC_POST }, { "urging", QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "view", QC_SPEECH | QC_BELIEF }, { "viewed", QC_SPEECH | QC_BELIEF },
    { "views", QC_SPEECH | QC_BELIEF }, { "vow", QC_SPEECH | QC_POST },
    { "vowed", QC_SPEECH | QC_POST }, { "vowing", QC_SPEECH | QC_POST | QC_ING },
    { "vows", QC_SPEECH | QC_POST }, { "want", QC_SPEECH | QC_BELIEF },
    { "wanted", QC_SPEECH | QC_BELIEF }, { "wanting", QC_SPEECH | QC_BELIEF | QC_ING },
    { "wants", QC_SPEECH | QC_BELIEF }, { "warn", QC_SPEECH | QC_OBJ | QC_POST },
    { "warned", QC_SPEECH | QC_INV | QC_OBJ | QC_POST },
    { "warning", QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "warns", QC_SPEECH | QC_OBJ | QC_POST },
    { "welcome", QC_SPEECH | QC_POST }, { "welcomed", QC_SPEECH | QC_POST },
    { "welcomes", QC_SPEECH | QC_POST }, { "whispered", QC_SPEECH | QC_INV | QC_POST },
    { "wish", QC_SPEECH | QC_BELIEF }, { "wished", QC_SPEECH | QC_BELIEF },
    { "wishes", QC_SPEECH | QC_BELIEF }, { "wondered", QC_SPEECH | QC_INV | QC_POST },
    { "worried", QC_SPEECH | QC_BELIEF }, { "worries", QC_SPEECH | QC_BELIEF },
    { "worry", QC_SPEECH | QC_BELIEF }, { "worrying", QC_SPEECH | QC_BELIEF | QC_ING },
    { "write", QC_SPEECH | QC_INV | QC_POST }, { "writes", QC_SPEECH | QC_INV | QC_POST },
    { "writing", QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "wrote", QC_SPEECH | QC_INV | QC_POST },
    { "yelled", QC_SPEECH | QC_INV | QC_POST },
};
static const char *const stop_words[] = {
    "a", "about", "above", "across", "after", "against", "ago", "along", "also", "although", "am",
    "among", "an", "and", "another", "any", "are", "around", "as", "at", "be", "because", "been",
    "before", "behind", "being", "below", "beside", "besides", "between", "beyond", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either", "even",
    "ever", "every", "for", "from", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it",
    "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my", "myself",
    "neither", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
    "out", "over", "own", "per", "rather", "really", "she", "should", "since", "so", "some",
    "still", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
    "they", "this", "those", "though", "through", "thus", "to", "too", "under", "unless", "until",
    "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your",
};
static const char *const between_words[] = {
    "again", "allegedly", "already", "also", "always", "angrily", "apparently", "are", "been",
    "bluntly", "calmly", "consistently", "correctly", "did", "do", "does", "earlier", "even",
    "explicitly", "falsely", "famously", "finally", "firmly", "first", "flatly", "frequently",
    "further", "had", "has", "have", "immediately", "initially", "is", "jokingly", "just", "last",
    "later", "long", "loudly", "never", "not", "often", "once", "only", "openly", "originally",
    "previously", "privately", "publicly", "quickly", "recently", "repeatedly", "reportedly",
    "rightly", "separately", "simply", "since", "sometimes", "specifically", "still",
    "subsequently", "then", "ultimately", "was", "were", "will", "would", "wrongly",
};
static const char *const pronoun_words[] = {
    "he", "i", "it", "she", "they", "we", "who", "you",
};
static const char *const determiner_words[] = {
    "a", "all", "an", "another", "any", "both", "each", "every", "few", "five", "four", "her",
    "his", "its", "many", "most", "my", "no", "one", "our", "several", "six", "some", "the",
    "their", "these", "this", "those", "three", "two", "your",
};
static const char *const title_words[] = {
    "admiral", "ambassador", "attorney", "brother", "candidate", "captain", "chairman",
    "chairwoman", "chancellor", "chief", "coach", "col", "col.", "commissioner", "congressman",
    "congresswoman", "councilman", "councilwoman", "dame", "detective", "director", "dr", "dr.",
    "father", "gen", "gen.", "general", "gov", "gov.", "governor", "judge", "justice", "king",
    "lady", "leader", "lord", "lt", "lt.", "mayor", "minister", "mr", "mr.", "mrs", "mrs.", "ms",
    "ms.", "nominee", "officer", "pastor", "pope", "premier", "president", "prime", "prince",
    "princess", "prof", "prof.", "professor", "queen", "rep", "rep.", "representative", "rev",
    "rev.", "secretary", "sen", "sen.", "senator", "sgt", "sgt.", "sheriff", "sir", "sister",
    "speaker", "spokesman", "spokesperson", "spokeswoman",
};
static const char *const role_words[] = {
    "adviser", "advisers", "advisor", "agency", "aide", "aides", "ambassador", "analyst",
    "analysts", "attorney", "campaign", "candidate", "chairman", "chairwoman", "chief", "coach",
    "company", "congressman", "congresswoman", "court", "critic", "critics", "diplomat",
    "diplomats", "director", "economist", "economists", "executive", "expert", "father", "founder",
    "government", "governor", "group", "insider", "insiders", "judge", "lawmaker", "lawmakers",
    "lawyer", "leader", "man", "manager", "mayor", "minister", "ministry", "mother", "nominee",
    "observer", "observers", "officer", "officers", "official", "officials", "owner", "people",
    "person", "police", "poll", "polls", "president", "professor", "prosecutor", "prosecutors",
    "report", "representative", "researcher", "researchers", "resident", "residents", "scientist",
    "scientists", "secretary", "senator", "source", "sources", "spokesman", "spokespeople",
    "spokesperson", "spokeswoman", "statement", "study", "supporter", "supporters", "survey",
    "witness", "witnesses", "woman",
};
static const char *const abbrev_words[] = {
    "adm", "approx", "apr", "aug", "ave", "blvd", "capt", "cmdr", "co", "col", "corp", "dec",
    "dept", "dr", "est", "etc", "feb", "fig", "ft", "gen", "gov", "govt", "inc", "jan", "jr", "jul",
    "jun", "lt", "ltd", "maj", "mar", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "prof", "pt",
    "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "univ", "vs",
};
static const char *const notname_words[] = {
    "a", "advertisement", "an", "analysis", "and", "april", "as", "at", "august", "breaking", "but",
    "by", "december", "editor", "exclusive", "february", "for", "friday", "from", "he", "i", "if",
    "in", "it", "its", "january", "july", "june", "live", "march", "may", "monday", "more", "note",
    "november", "october", "of", "on", "opinion", "or", "photo", "read", "related", "saturday",
    "september", "she", "so", "sunday", "that", "the", "these", "they", "this", "those", "thursday",
    "to", "today", "tomorrow", "tuesday", "update", "updated", "video", "watch", "we", "wednesday",
    "with", "yesterday", "you",
};
static const char *const prep_words[] = {
    "about", "after", "an", "at", "before", "during", "earlier", "early", "friday", "from", "in",
    "last", "late", "later", "monday", "next", "of", "on", "over", "saturday", "shortly", "sunday",
    "this", "through", "thursday", "to", "today", "tonight", "tuesday", "via", "wednesday", "when",
    "while", "with", "yesterday",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Lowercase (ASCII) copy of a word into buf; false when it is too long to
 * be in any table. */
static bool fold(const char *w, size_t n, char *buf, size_t cap)
{
    if (n == 0 || n >= cap)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    buf[n] = '\0';
    return true;
}

static int cmp_word(const void *key, const void *item)
{
    return strcmp((const char *)key, *(const char *const *)item);
}

static int cmp_cue(const void *key, const void *item)
{
    return strcmp((const char *)key, ((const sl_quote_cue_entry *)item)->word);
}

static bool in_table(const char *lower, const char *const *table, size_t n)
{
    return bsearch(lower, table, n, sizeof *table, cmp_word) != NULL;
}

unsigned sl_qlex_cue(const char *w, size_t n)
{
    char buf[32];
    if (!fold(w, n, buf, sizeof buf))
        return 0;
    const sl_quote_cue_entry *e =
        bsearch(buf, cue_table, COUNT(cue_table), sizeof cue_table[0], cmp_cue);
    return e ? e->flags : 0;
}

unsigned sl_qlex_class(const char *w, size_t n)
{
    char buf[32];
    if (!fold(w, n, buf, sizeof buf))
        return 0;
    unsigned c = 0;
    if (in_table(buf, stop_words, COUNT(stop_words))) c |= QL_STOP;
    if (in_table(buf, between_words, COUNT(between_words))) c |= QL_BETWEEN;
    if (in_table(buf, pronoun_words, COUNT(pronoun_words))) c |= QL_PRON;
    if (in_table(buf, determiner_words, COUNT(determiner_words))) c |= QL_DET;
    if (in_table(buf, title_words, COUNT(title_words))) c |= QL_TITLE;
    if (in_table(buf, role_words, COUNT(role_words))) c |= QL_ROLE;
    if (in_table(buf, notname_words, COUNT(notname_words))) c |= QL_NOTNAME;
    if (in_table(buf, prep_words, COUNT(prep_words))) c |= QL_PREP;
    return c;
}

bool sl_qlex_is_abbrev(const char *w, size_t n)
{
    char buf[16];
    return fold(w, n, buf, sizeof buf) && in_table(buf, abbrev_words, COUNT(abbrev_words));
}

bool sl_qlex_word_is(const char *w, size_t n, const char *lower)
{
    char buf[32];
    return fold(w, n, buf, sizeof buf) && strcmp(buf, lower) == 0;
}

static bool sorted(const char *const *t, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(t[i - 1], t[i]) >= 0)
            return false;
    return true;
}

int sl_qlex_tables_sorted(void)
{
    for (size_t i = 1; i < COUNT(cue_table); i++)
        if (strcmp(cue_table[i - 1].word, cue_table[i].word) >= 0)
            return 0;
    return sorted(stop_words, COUNT(stop_words)) && sorted(between_words, COUNT(between_words)) &&
           sorted(pronoun_words, COUNT(pronoun_words)) &&
           sorted(determiner_words, COUNT(determiner_words)) &&
           sorted(title_words, COUNT(title_words)) && sorted(role_words, COUNT(role_words)) &&
           sorted(abbrev_words, COUNT(abbrev_words)) && sorted(notname_words, COUNT(notname_words)) &&
           sorted(prep_words, COUNT(prep_words));
}
