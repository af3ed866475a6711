/* The English lexicon of the quote finder: cue verbs (speech, belief and
 * evidence verbs with their forms) and the small word classes the source
 * finder needs.  Our own lists.  Every table is kept in strict byte order
 * of its lowercase words (bsearch); test_quotes checks it. */
#include "facts/quotes_internal.h"

#include <stdlib.h>
#include <string.h>

/* One word: its lexicon classes (QL_*) and cue flags (QC_*). */
typedef struct sl_qlex_entry {
    const char *word;
    uint16_t lex;
    uint8_t cue;
} sl_qlex_entry;

static const sl_qlex_entry lexicon[] = {
    { "a", QL_STOP | QL_DET | QL_NOTNAME, 0 }, { "about", QL_STOP | QL_PREP, 0 },
    { "above", QL_STOP, 0 }, { "abstract", QL_NOTNAME, 0 }, { "accusation", QL_CUENOUN, 0 },
    { "accusations", QL_CUENOUN, 0 }, { "accuse", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "accused", 0, QC_SPEECH | QC_OBJ | QC_POST }, { "accuses", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "accusing", 0, QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "acknowledge", 0, QC_SPEECH | QC_INV | QC_POST },
    { "acknowledged", 0, QC_SPEECH | QC_INV | QC_POST },
    { "acknowledges", 0, QC_SPEECH | QC_INV | QC_POST },
    { "acknowledging", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "across", QL_STOP, 0 },
    { "activists", QL_ROLE, 0 }, { "ad", QL_ROLE, 0 }, { "adamant", QL_STANCE, 0 },
    { "administration", QL_ROLE, 0 }, { "admiral", QL_TITLE, 0 }, { "admission", QL_CUENOUN, 0 },
    { "admit", 0, QC_SPEECH | QC_INV | QC_POST }, { "admits", 0, QC_SPEECH | QC_INV | QC_POST },
    { "admitted", 0, QC_SPEECH | QC_INV | QC_POST },
    { "admitting", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "ads", QL_ROLE, 0 },
    { "advertisement", QL_NOTNAME, 0 }, { "adviser", QL_TITLE | QL_ROLE, 0 },
    { "advisers", QL_ROLE, 0 }, { "advisor", QL_TITLE | QL_ROLE, 0 }, { "advocates", QL_ROLE, 0 },
    { "afraid", QL_STANCE, 0 }, { "after", QL_STOP | QL_PREP, 0 }, { "again", QL_BETWEEN, 0 },
    { "against", QL_STOP, 0 }, { "agency", QL_ROLE, 0 }, { "ago", QL_STOP, 0 },
    { "aide", QL_TITLE | QL_ROLE, 0 }, { "aides", QL_ROLE, 0 }, { "all", QL_DET, 0 },
    { "allegation", QL_CUENOUN, 0 }, { "allegations", QL_CUENOUN, 0 },
    { "allege", 0, QC_SPEECH | QC_INV | QC_POST }, { "alleged", 0, QC_SPEECH | QC_INV | QC_POST },
    { "allegedly", QL_BETWEEN, 0 }, { "alleges", 0, QC_SPEECH | QC_INV | QC_POST },
    { "alleging", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "along", QL_STOP, 0 },
    { "already", QL_BETWEEN, 0 }, { "also", QL_STOP | QL_BETWEEN, 0 }, { "although", QL_STOP, 0 },
    { "always", QL_BETWEEN, 0 }, { "am", QL_STOP, 0 }, { "ambassador", QL_TITLE | QL_ROLE, 0 },
    { "among", QL_STOP, 0 }, { "an", QL_STOP | QL_DET | QL_NOTNAME | QL_PREP, 0 },
    { "analysis", QL_NOTNAME | QL_ROLE, 0 }, { "analyst", QL_ROLE, 0 }, { "analysts", QL_ROLE, 0 },
    { "and", QL_STOP | QL_NOTNAME, 0 }, { "angrily", QL_BETWEEN, 0 }, { "angry", QL_STANCE, 0 },
    { "announce", 0, QC_SPEECH | QC_INV | QC_POST },
    { "announced", 0, QC_SPEECH | QC_INV | QC_POST }, { "announcement", QL_CUENOUN, 0 },
    { "announces", 0, QC_SPEECH | QC_INV | QC_POST },
    { "announcing", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "another", QL_STOP | QL_DET, 0 },
    { "answered", 0, QC_SPEECH | QC_INV | QC_POST }, { "anxious", QL_STANCE, 0 },
    { "any", QL_STOP | QL_DET, 0 }, { "apparently", QL_BETWEEN, 0 }, { "april", QL_NOTNAME, 0 },
    { "are", QL_STOP | QL_BETWEEN, 0 }, { "argue", 0, QC_SPEECH | QC_INV | QC_POST },
    { "argued", 0, QC_SPEECH | QC_INV | QC_POST }, { "argues", 0, QC_SPEECH | QC_INV | QC_POST },
    { "arguing", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "argument", QL_CUENOUN, 0 },
    { "arguments", QL_CUENOUN, 0 }, { "around", QL_STOP, 0 }, { "article", QL_ROLE, 0 },
    { "articles", QL_ROLE, 0 }, { "as", QL_STOP | QL_NOTNAME, 0 },
    { "asked", 0, QC_SPEECH | QC_INV | QC_OBJ | QC_POST },
    { "assert", 0, QC_SPEECH | QC_INV | QC_POST }, { "asserted", 0, QC_SPEECH | QC_INV | QC_POST },
    { "asserting", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "assertion", QL_CUENOUN, 0 },
    { "asserts", 0, QC_SPEECH | QC_INV | QC_POST }, { "assessment", QL_CUENOUN, 0 },
    { "assume", 0, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "assumed", 0, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "assumes", 0, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "assuming", 0, QC_SPEECH | QC_BELIEF | QC_ING | QC_WEAK },
    { "at", QL_STOP | QL_NOTNAME | QL_PREP, 0 }, { "attacked", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "attacking", 0, QC_SPEECH | QC_POST | QC_ING | QC_WEAK },
    { "attacks", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "attorney", QL_TITLE | QL_ROLE, 0 },
    { "auditor", QL_ROLE, 0 }, { "august", QL_NOTNAME, 0 }, { "aware", QL_STANCE, 0 },
    { "background", QL_NOTNAME, 0 }, { "bank", QL_ROLE, 0 }, { "be", QL_STOP, 0 },
    { "became", QL_STOP, 0 }, { "because", QL_STOP, 0 }, { "been", QL_STOP | QL_BETWEEN, 0 },
    { "before", QL_STOP | QL_PREP, 0 }, { "began", QL_STOP, 0 }, { "behind", QL_STOP, 0 },
    { "being", QL_STOP, 0 }, { "belief", QL_CUENOUN, 0 }, { "beliefs", QL_CUENOUN, 0 },
    { "below", QL_STOP, 0 }, { "beside", QL_STOP, 0 }, { "besides", QL_STOP, 0 },
    { "bet", QL_CUENOUN, 0 }, { "between", QL_STOP, 0 }, { "beyond", QL_STOP, 0 },
    { "bid", QL_CUENOUN, 0 }, { "bill", QL_ROLE, 0 }, { "blame", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "blamed", 0, QC_SPEECH | QC_OBJ | QC_POST }, { "blames", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "blaming", 0, QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "blasted", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "blasting", 0, QC_SPEECH | QC_POST | QC_ING | QC_WEAK },
    { "blasts", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "bluntly", QL_BETWEEN, 0 },
    { "board", QL_ROLE, 0 }, { "book", QL_ROLE, 0 }, { "both", QL_STOP | QL_DET, 0 },
    { "breaking", QL_NOTNAME, 0 }, { "brother", QL_TITLE, 0 }, { "brought", QL_STOP, 0 },
    { "but", QL_STOP | QL_NOTNAME, 0 }, { "by", QL_STOP | QL_NOTNAME, 0 },
    { "called", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "calling", 0, QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "calls", 0, QC_SPEECH | QC_OBJ | QC_POST }, { "calmly", QL_BETWEEN, 0 },
    { "came", QL_STOP, 0 }, { "campaign", QL_ROLE, 0 }, { "can", QL_STOP | QL_BETWEEN, 0 },
    { "candidate", QL_TITLE | QL_ROLE, 0 }, { "captain", QL_TITLE, 0 },
    { "caption", QL_NOTNAME, 0 }, { "caution", 0, QC_SPEECH | QC_INV | QC_POST },
    { "cautioned", 0, QC_SPEECH | QC_INV | QC_POST },
    { "cautioning", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "cautions", 0, QC_SPEECH | QC_INV | QC_POST }, { "certain", QL_STANCE, 0 },
    { "chairman", QL_TITLE | QL_ROLE, 0 }, { "chairwoman", QL_TITLE | QL_ROLE, 0 },
    { "challenged", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "challenges", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "challenging", 0, QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "chancellor", QL_TITLE, 0 },
    { "chanted", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "chanting", 0, QC_SPEECH | QC_POST | QC_ING | QC_WEAK },
    { "chants", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "chief", QL_TITLE | QL_ROLE, 0 },
    { "city", QL_ROLE, 0 }, { "claim", QL_CUENOUN, 0 },
    { "claimed", 0, QC_SPEECH | QC_INV | QC_POST },
    { "claiming", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "claims", QL_CUENOUN, QC_SPEECH | QC_POST | QC_WEAK },
    { "clarified", 0, QC_SPEECH | QC_INV | QC_POST }, { "coach", QL_TITLE | QL_ROLE, 0 },
    { "coalition", QL_ROLE, 0 }, { "col", QL_TITLE, 0 }, { "col.", QL_TITLE, 0 },
    { "comments", QL_NOTNAME, 0 }, { "commission", QL_ROLE, 0 }, { "commissioner", QL_TITLE, 0 },
    { "commitment", QL_CUENOUN, 0 }, { "committee", QL_ROLE, 0 }, { "companies", QL_ROLE, 0 },
    { "company", QL_ROLE, 0 }, { "complain", 0, QC_SPEECH | QC_INV | QC_POST },
    { "complained", 0, QC_SPEECH | QC_INV | QC_POST },
    { "complaining", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "complains", 0, QC_SPEECH | QC_INV | QC_POST }, { "complaint", QL_CUENOUN | QL_ROLE, 0 },
    { "complaints", QL_CUENOUN, 0 }, { "concede", 0, QC_SPEECH | QC_INV | QC_POST },
    { "conceded", 0, QC_SPEECH | QC_INV | QC_POST },
    { "concedes", 0, QC_SPEECH | QC_INV | QC_POST },
    { "conceding", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "concern", QL_CUENOUN, 0 },
    { "concerned", QL_STANCE, 0 }, { "concerning", QL_STOP, 0 }, { "concerns", QL_CUENOUN, 0 },
    { "conclude", 0, QC_SPEECH | QC_INV | QC_POST },
    { "concluded", 0, QC_SPEECH | QC_INV | QC_POST },
    { "concludes", 0, QC_SPEECH | QC_INV | QC_POST },
    { "concluding", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "conclusion", QL_CUENOUN, 0 },
    { "confident", QL_STANCE, 0 }, { "confirm", 0, QC_SPEECH | QC_INV | QC_POST },
    { "confirmed", 0, QC_SPEECH | QC_INV | QC_POST },
    { "confirming", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "confirms", 0, QC_SPEECH | QC_INV | QC_POST }, { "congressman", QL_TITLE | QL_ROLE, 0 },
    { "congresswoman", QL_TITLE | QL_ROLE, 0 }, { "consistently", QL_BETWEEN, 0 },
    { "consul", QL_TITLE | QL_ROLE, 0 }, { "contact", QL_NOTNAME, 0 },
    { "contend", 0, QC_SPEECH | QC_INV | QC_POST },
    { "contended", 0, QC_SPEECH | QC_INV | QC_POST },
    { "contending", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "contends", 0, QC_SPEECH | QC_INV | QC_POST }, { "contention", QL_CUENOUN, 0 },
    { "convinced", QL_STANCE, QC_SPEECH | QC_OBJ | QC_POST }, { "correction", QL_NOTNAME, 0 },
    { "correctly", QL_BETWEEN, 0 }, { "could", QL_STOP | QL_BETWEEN, 0 }, { "council", QL_ROLE, 0 },
    { "councillor", QL_TITLE | QL_ROLE, 0 }, { "councilman", QL_TITLE, 0 },
    { "councilwoman", QL_TITLE, 0 }, { "country", QL_ROLE, 0 }, { "county", QL_ROLE, 0 },
    { "court", QL_ROLE, 0 }, { "credit", QL_NOTNAME, 0 }, { "critic", QL_ROLE, 0 },
    { "critical", QL_STANCE, 0 }, { "criticism", QL_CUENOUN, 0 },
    { "criticize", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "criticized", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "criticizes", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "criticizing", 0, QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "critics", QL_ROLE, 0 },
    { "dame", QL_TITLE, 0 }, { "data", QL_ROLE, 0 }, { "day", QL_STOP, 0 }, { "days", QL_STOP, 0 },
    { "decade", QL_STOP, 0 }, { "december", QL_NOTNAME, 0 }, { "decision", QL_CUENOUN, 0 },
    { "declare", 0, QC_SPEECH | QC_INV | QC_POST }, { "declared", 0, QC_SPEECH | QC_INV | QC_POST },
    { "declares", 0, QC_SPEECH | QC_INV | QC_POST },
    { "declaring", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "demand", QL_CUENOUN, 0 },
    { "demands", QL_CUENOUN, QC_SPEECH | QC_POST | QC_WEAK }, { "democrats", QL_ROLE, 0 },
    { "denial", QL_CUENOUN, 0 }, { "denied", 0, QC_SPEECH | QC_INV | QC_POST },
    { "denies", 0, QC_SPEECH | QC_INV | QC_POST }, { "deny", 0, QC_SPEECH | QC_INV | QC_POST },
    { "denying", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "department", QL_ROLE, 0 },
    { "describe", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "described", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "describes", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "describing", 0, QC_SPEECH | QC_OBJ | QC_POST | QC_ING }, { "desire", QL_CUENOUN, 0 },
    { "detective", QL_TITLE, 0 }, { "determination", QL_CUENOUN, 0 },
    { "determined", QL_STANCE, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "did", QL_STOP | QL_BETWEEN, 0 }, { "diplomat", QL_ROLE, 0 }, { "diplomats", QL_ROLE, 0 },
    { "director", QL_TITLE | QL_ROLE, 0 }, { "disclosure", QL_NOTNAME, 0 },
    { "discuss", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "dismiss", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "do", QL_STOP | QL_BETWEEN, 0 },
    { "document", QL_ROLE, 0 }, { "documented", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "documents", QL_ROLE, QC_SPEECH | QC_POST | QC_WEAK }, { "does", QL_STOP | QL_BETWEEN, 0 },
    { "doing", QL_STOP, 0 }, { "doubtful", QL_STANCE, 0 },
    { "doubts", QL_CUENOUN, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "down", QL_STOP, 0 },
    { "dr", QL_TITLE, 0 }, { "dr.", QL_TITLE, 0 }, { "during", QL_STOP | QL_PREP, 0 },
    { "each", QL_STOP | QL_DET, 0 }, { "eager", QL_STANCE, 0 }, { "eagerness", QL_CUENOUN, 0 },
    { "earlier", QL_BETWEEN | QL_PREP, 0 }, { "early", QL_PREP, 0 },
    { "echoes", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "economist", QL_ROLE, 0 },
    { "economists", QL_ROLE, 0 }, { "editor", QL_NOTNAME, 0 }, { "effort", QL_CUENOUN, 0 },
    { "efforts", QL_CUENOUN, 0 }, { "either", QL_STOP, 0 },
    { "elaborated", 0, QC_SPEECH | QC_INV | QC_POST }, { "email", QL_NOTNAME, 0 },
    { "emphasize", 0, QC_SPEECH | QC_INV | QC_POST },
    { "emphasized", 0, QC_SPEECH | QC_INV | QC_POST },
    { "emphasizes", 0, QC_SPEECH | QC_INV | QC_POST },
    { "emphasizing", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "envoy", QL_TITLE | QL_ROLE, 0 },
    { "estimated", 0, QC_SPEECH | QC_INV | QC_POST },
    { "estimates", 0, QC_SPEECH | QC_INV | QC_POST }, { "even", QL_STOP | QL_BETWEEN, 0 },
    { "ever", QL_STOP, 0 }, { "every", QL_STOP | QL_DET, 0 }, { "exclusive", QL_NOTNAME, 0 },
    { "executive", QL_ROLE, 0 }, { "expert", QL_ROLE, 0 }, { "experts", QL_ROLE, 0 },
    { "explain", 0, QC_SPEECH | QC_INV | QC_POST },
    { "explained", 0, QC_SPEECH | QC_INV | QC_POST },
    { "explaining", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "explains", 0, QC_SPEECH | QC_INV | QC_POST }, { "explicitly", QL_BETWEEN, 0 },
    { "falsely", QL_BETWEEN, 0 }, { "famously", QL_BETWEEN, 0 },
    { "father", QL_TITLE | QL_ROLE, 0 }, { "fear", QL_CUENOUN, 0 },
    { "fears", QL_CUENOUN, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "february", QL_NOTNAME, 0 },
    { "felt", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "few", QL_DET, 0 }, { "figures", QL_ROLE, 0 },
    { "film", QL_ROLE, 0 }, { "finally", QL_BETWEEN, 0 }, { "firm", QL_ROLE, 0 },
    { "firmly", QL_BETWEEN, 0 }, { "first", QL_BETWEEN, 0 }, { "five", QL_DET, 0 },
    { "flatly", QL_BETWEEN, 0 }, { "for", QL_STOP | QL_NOTNAME, 0 },
    { "found", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "founder", QL_ROLE, 0 }, { "four", QL_DET, 0 },
    { "frequently", QL_BETWEEN, 0 }, { "friday", QL_NOTNAME | QL_PREP, 0 },
    { "from", QL_STOP | QL_NOTNAME | QL_PREP, 0 }, { "frustrated", QL_STANCE, 0 },
    { "furious", QL_STANCE, 0 }, { "further", QL_BETWEEN, 0 }, { "gave", QL_STOP, 0 },
    { "gen", QL_TITLE, 0 }, { "gen.", QL_TITLE, 0 }, { "general", QL_TITLE, 0 },
    { "goal", QL_CUENOUN, 0 }, { "got", QL_STOP, 0 }, { "gov", QL_TITLE, 0 },
    { "gov.", QL_TITLE, 0 }, { "government", QL_ROLE, 0 }, { "governor", QL_TITLE | QL_ROLE, 0 },
    { "group", QL_ROLE, 0 }, { "had", QL_STOP | QL_BETWEEN, 0 }, { "has", QL_STOP | QL_BETWEEN, 0 },
    { "have", QL_STOP | QL_BETWEEN, 0 }, { "having", QL_STOP, 0 },
    { "he", QL_STOP | QL_PRON | QL_NOTNAME, 0 }, { "her", QL_STOP | QL_DET, 0 },
    { "here", QL_STOP, 0 }, { "hers", QL_STOP, 0 }, { "herself", QL_STOP, 0 },
    { "him", QL_STOP, 0 }, { "himself", QL_STOP, 0 }, { "hints", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "his", QL_STOP | QL_DET, 0 }, { "hope", QL_CUENOUN, 0 }, { "hopeful", QL_STANCE, 0 },
    { "hopes", QL_CUENOUN, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "how", QL_STOP, 0 },
    { "however", QL_STOP, 0 }, { "i", QL_STOP | QL_PRON | QL_NOTNAME, 0 },
    { "idea", QL_CUENOUN, 0 }, { "if", QL_STOP | QL_NOTNAME, 0 }, { "image", QL_NOTNAME, 0 },
    { "images", QL_NOTNAME, 0 }, { "immediately", QL_BETWEEN, 0 },
    { "in", QL_STOP | QL_NOTNAME | QL_PREP, 0 }, { "incensed", QL_STANCE, 0 },
    { "including", QL_STOP, 0 }, { "initially", QL_BETWEEN, 0 }, { "insider", QL_ROLE, 0 },
    { "insiders", QL_ROLE, 0 }, { "insistence", QL_CUENOUN, 0 }, { "insistent", QL_STANCE, 0 },
    { "inspector", QL_ROLE, 0 }, { "intent", QL_STANCE, 0 }, { "intention", QL_CUENOUN, 0 },
    { "into", QL_STOP, 0 }, { "investigators", QL_ROLE, 0 }, { "is", QL_STOP | QL_BETWEEN, 0 },
    { "it", QL_STOP | QL_PRON | QL_NOTNAME, 0 }, { "its", QL_STOP | QL_DET | QL_NOTNAME, 0 },
    { "itself", QL_STOP, 0 }, { "january", QL_NOTNAME, 0 },
    { "joked", 0, QC_SPEECH | QC_INV | QC_POST }, { "jokingly", QL_BETWEEN, 0 },
    { "judge", QL_TITLE | QL_ROLE, 0 }, { "july", QL_NOTNAME, 0 }, { "june", QL_NOTNAME, 0 },
    { "jury", QL_ROLE, 0 }, { "just", QL_STOP | QL_BETWEEN, 0 }, { "justice", QL_TITLE, 0 },
    { "justices", QL_ROLE, 0 }, { "keen", QL_STANCE, 0 }, { "kept", QL_STOP, 0 },
    { "king", QL_TITLE, 0 }, { "knew", 0, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "lady", QL_TITLE, 0 }, { "lament", 0, QC_SPEECH | QC_INV | QC_POST },
    { "laments", 0, QC_SPEECH | QC_INV | QC_POST }, { "last", QL_BETWEEN | QL_PREP, 0 },
    { "late", QL_PREP, 0 }, { "later", QL_BETWEEN | QL_PREP, 0 }, { "law", QL_ROLE, 0 },
    { "lawmaker", QL_ROLE, 0 }, { "lawmakers", QL_ROLE, 0 }, { "lawsuit", QL_ROLE, 0 },
    { "lawyer", QL_ROLE, 0 }, { "leader", QL_TITLE | QL_ROLE, 0 }, { "leaders", QL_ROLE, 0 },
    { "learned", 0, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "learnt", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "legislators", QL_ROLE, 0 },
    { "letter", QL_ROLE, 0 }, { "live", QL_NOTNAME, 0 }, { "long", QL_BETWEEN, 0 },
    { "lord", QL_TITLE, 0 }, { "loudly", QL_BETWEEN, 0 }, { "lt", QL_TITLE, 0 },
    { "lt.", QL_TITLE, 0 }, { "made", QL_STOP, 0 }, { "magazine", QL_ROLE, 0 },
    { "maintain", 0, QC_SPEECH | QC_INV | QC_POST },
    { "maintained", 0, QC_SPEECH | QC_INV | QC_POST },
    { "maintaining", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "maintains", 0, QC_SPEECH | QC_INV | QC_POST }, { "man", QL_ROLE, 0 },
    { "manager", QL_ROLE, 0 }, { "many", QL_DET, 0 }, { "march", QL_NOTNAME, 0 },
    { "may", QL_STOP | QL_NOTNAME | QL_BETWEEN, 0 }, { "mayor", QL_TITLE | QL_ROLE, 0 },
    { "me", QL_STOP, 0 }, { "members", QL_ROLE, 0 }, { "memo", QL_ROLE, 0 },
    { "mention", 0, QC_SPEECH | QC_INV | QC_POST },
    { "mentioned", 0, QC_SPEECH | QC_INV | QC_POST },
    { "mentioning", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "mentions", 0, QC_SPEECH | QC_INV | QC_POST }, { "message", QL_CUENOUN, 0 },
    { "met", QL_STOP, 0 }, { "might", QL_STOP | QL_BETWEEN, 0 },
    { "minister", QL_TITLE | QL_ROLE, 0 }, { "ministry", QL_ROLE, 0 },
    { "misgivings", QL_CUENOUN, 0 }, { "monday", QL_NOTNAME | QL_PREP, 0 }, { "month", QL_STOP, 0 },
    { "months", QL_STOP, 0 }, { "more", QL_STOP | QL_NOTNAME, 0 }, { "most", QL_STOP | QL_DET, 0 },
    { "mother", QL_ROLE, 0 }, { "mr", QL_TITLE, 0 }, { "mr.", QL_TITLE, 0 }, { "mrs", QL_TITLE, 0 },
    { "mrs.", QL_TITLE, 0 }, { "ms", QL_TITLE, 0 }, { "ms.", QL_TITLE, 0 },
    { "must", QL_STOP | QL_BETWEEN, 0 }, { "my", QL_STOP | QL_DET, 0 }, { "myself", QL_STOP, 0 },
    { "nation", QL_ROLE, 0 }, { "neither", QL_STOP, 0 }, { "network", QL_ROLE, 0 },
    { "never", QL_BETWEEN, 0 }, { "newspaper", QL_ROLE, 0 }, { "next", QL_PREP, 0 },
    { "no", QL_STOP | QL_DET, 0 }, { "nominee", QL_TITLE | QL_ROLE, 0 }, { "nor", QL_STOP, 0 },
    { "not", QL_STOP | QL_BETWEEN, 0 }, { "note", QL_NOTNAME, QC_SPEECH | QC_INV | QC_POST },
    { "noted", 0, QC_SPEECH | QC_INV | QC_POST }, { "notes", 0, QC_SPEECH | QC_INV | QC_POST },
    { "noting", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "november", QL_NOTNAME, 0 },
    { "now", QL_STOP | QL_BETWEEN, 0 }, { "objected", 0, QC_SPEECH | QC_INV | QC_POST },
    { "observe", 0, QC_SPEECH | QC_INV | QC_POST }, { "observed", 0, QC_SPEECH | QC_INV | QC_POST },
    { "observer", QL_ROLE, 0 }, { "observers", QL_ROLE, 0 },
    { "observes", 0, QC_SPEECH | QC_INV | QC_POST },
    { "observing", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "october", QL_NOTNAME, 0 },
    { "of", QL_STOP | QL_NOTNAME | QL_PREP, 0 }, { "off", QL_STOP, 0 }, { "office", QL_ROLE, 0 },
    { "officer", QL_TITLE | QL_ROLE, 0 }, { "officers", QL_ROLE, 0 },
    { "official", QL_TITLE | QL_ROLE, 0 }, { "officials", QL_ROLE, 0 }, { "often", QL_BETWEEN, 0 },
    { "on", QL_STOP | QL_NOTNAME | QL_PREP, 0 }, { "once", QL_STOP | QL_BETWEEN, 0 },
    { "one", QL_DET, 0 }, { "only", QL_STOP | QL_BETWEEN, 0 }, { "openly", QL_BETWEEN, 0 },
    { "opinion", QL_NOTNAME, 0 }, { "optimistic", QL_STANCE, 0 }, { "or", QL_STOP | QL_NOTNAME, 0 },
    { "originally", QL_BETWEEN, 0 }, { "other", QL_STOP, 0 }, { "our", QL_STOP | QL_DET, 0 },
    { "out", QL_STOP, 0 }, { "outlet", QL_ROLE, 0 },
    { "outlined", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "outlines", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "over", QL_STOP | QL_PREP, 0 },
    { "own", QL_STOP, 0 }, { "owner", QL_ROLE, 0 }, { "panel", QL_ROLE, 0 },
    { "paper", QL_ROLE, 0 }, { "party", QL_ROLE, 0 }, { "passionate", QL_STANCE, 0 },
    { "pastor", QL_TITLE, 0 }, { "people", QL_ROLE, 0 }, { "per", QL_STOP, 0 },
    { "person", QL_ROLE, 0 }, { "pessimistic", QL_STANCE, 0 }, { "photo", QL_NOTNAME, 0 },
    { "photos", QL_NOTNAME, 0 }, { "piece", QL_ROLE, 0 },
    { "plans", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "pledge", QL_CUENOUN, 0 },
    { "pledges", QL_CUENOUN, QC_SPEECH | QC_POST | QC_WEAK }, { "police", QL_ROLE, 0 },
    { "poll", QL_ROLE, 0 }, { "polls", QL_ROLE, 0 }, { "pope", QL_TITLE, 0 },
    { "position", QL_CUENOUN, 0 }, { "post", QL_ROLE, 0 },
    { "posted", 0, QC_SPEECH | QC_INV | QC_POST }, { "praise", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "praised", 0, QC_SPEECH | QC_OBJ | QC_POST }, { "praises", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "praising", 0, QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "predict", 0, QC_SPEECH | QC_INV | QC_POST },
    { "predicted", 0, QC_SPEECH | QC_INV | QC_POST },
    { "predicting", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "prediction", QL_CUENOUN, 0 },
    { "predicts", 0, QC_SPEECH | QC_INV | QC_POST }, { "premier", QL_TITLE, 0 },
    { "president", QL_TITLE | QL_ROLE, 0 }, { "previously", QL_BETWEEN, 0 },
    { "prime", QL_TITLE, 0 }, { "prince", QL_TITLE, 0 }, { "princess", QL_TITLE, 0 },
    { "privately", QL_BETWEEN, 0 }, { "prof", QL_TITLE, 0 }, { "prof.", QL_TITLE, 0 },
    { "professor", QL_TITLE | QL_ROLE, 0 }, { "promise", QL_CUENOUN, 0 },
    { "promises", QL_CUENOUN, QC_SPEECH | QC_POST | QC_WEAK }, { "proposal", QL_CUENOUN, 0 },
    { "proposals", QL_CUENOUN, 0 }, { "prosecutor", QL_ROLE, 0 }, { "prosecutors", QL_ROLE, 0 },
    { "protested", 0, QC_SPEECH | QC_INV | QC_POST }, { "protesters", QL_ROLE, 0 },
    { "publicly", QL_BETWEEN, 0 }, { "put", QL_STOP, 0 }, { "queen", QL_TITLE, 0 },
    { "questions", QL_CUENOUN, QC_SPEECH | QC_POST | QC_WEAK }, { "quickly", QL_BETWEEN, 0 },
    { "rather", QL_STOP, 0 }, { "read", QL_NOTNAME, 0 }, { "ready", QL_STANCE, 0 },
    { "really", QL_STOP, 0 }, { "reasoned", 0, QC_SPEECH | QC_INV | QC_POST },
    { "recently", QL_BETWEEN, 0 }, { "records", QL_ROLE, 0 }, { "refusal", QL_CUENOUN, 0 },
    { "regard", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "regarding", QL_STOP, 0 },
    { "regards", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "regulators", QL_ROLE, 0 },
    { "reiterate", 0, QC_SPEECH | QC_INV | QC_POST },
    { "reiterated", 0, QC_SPEECH | QC_INV | QC_POST },
    { "reiterates", 0, QC_SPEECH | QC_INV | QC_POST },
    { "reiterating", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "related", QL_NOTNAME, 0 },
    { "reluctant", QL_STANCE, 0 }, { "remark", QL_CUENOUN, QC_SPEECH | QC_INV | QC_POST },
    { "remarked", 0, QC_SPEECH | QC_INV | QC_POST },
    { "remarks", QL_CUENOUN, QC_SPEECH | QC_INV | QC_POST }, { "rep", QL_TITLE, 0 },
    { "rep.", QL_TITLE, 0 }, { "repeated", 0, QC_SPEECH | QC_INV | QC_POST },
    { "repeatedly", QL_BETWEEN, 0 }, { "replied", 0, QC_SPEECH | QC_INV | QC_POST },
    { "replies", 0, QC_SPEECH | QC_INV | QC_POST }, { "reply", 0, QC_SPEECH | QC_INV | QC_POST },
    { "replying", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "report", QL_ROLE, 0 },
    { "reported", 0, QC_SPEECH | QC_INV | QC_POST }, { "reportedly", QL_BETWEEN, 0 },
    { "reporting", QL_NOTNAME, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "reports", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "representative", QL_TITLE | QL_ROLE, 0 },
    { "republicans", QL_ROLE, 0 }, { "request", QL_CUENOUN, 0 }, { "research", QL_ROLE, 0 },
    { "researcher", QL_ROLE, 0 }, { "researchers", QL_ROLE, 0 }, { "reservations", QL_CUENOUN, 0 },
    { "resident", QL_ROLE, 0 }, { "residents", QL_ROLE, 0 }, { "resolution", QL_ROLE, 0 },
    { "respond", 0, QC_SPEECH | QC_INV | QC_POST },
    { "responded", 0, QC_SPEECH | QC_INV | QC_POST },
    { "responding", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "responds", 0, QC_SPEECH | QC_INV | QC_POST }, { "rev", QL_TITLE, 0 },
    { "rev.", QL_TITLE, 0 }, { "review", QL_ROLE, 0 }, { "rightly", QL_BETWEEN, 0 },
    { "ruling", QL_ROLE, 0 }, { "said", 0, QC_SPEECH | QC_INV | QC_POST },
    { "sang", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "saturday", QL_NOTNAME | QL_PREP, 0 },
    { "saw", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "scientist", QL_ROLE, 0 },
    { "scientists", QL_ROLE, 0 }, { "screamed", 0, QC_SPEECH | QC_INV | QC_POST },
    { "secretary", QL_TITLE | QL_ROLE, 0 }, { "sen", QL_TITLE, 0 }, { "sen.", QL_TITLE, 0 },
    { "senator", QL_TITLE | QL_ROLE, 0 }, { "senators", QL_ROLE, 0 },
    { "separately", QL_BETWEEN, 0 }, { "september", QL_NOTNAME, 0 }, { "several", QL_DET, 0 },
    { "sgt", QL_TITLE, 0 }, { "sgt.", QL_TITLE, 0 }, { "share", QL_NOTNAME, 0 },
    { "she", QL_STOP | QL_PRON | QL_NOTNAME, 0 }, { "sheriff", QL_TITLE, 0 },
    { "shortly", QL_PREP, 0 }, { "should", QL_STOP | QL_BETWEEN, 0 },
    { "shouted", 0, QC_SPEECH | QC_INV | QC_POST }, { "signals", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "simply", QL_BETWEEN, 0 }, { "since", QL_STOP | QL_BETWEEN, 0 },
    { "sing", 0, QC_SPEECH | QC_POST | QC_ING | QC_WEAK },
    { "singing", 0, QC_SPEECH | QC_POST | QC_ING | QC_WEAK },
    { "sings", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "sir", QL_TITLE, 0 },
    { "sister", QL_TITLE, 0 }, { "six", QL_DET, 0 }, { "skeptical", QL_STANCE, 0 },
    { "slammed", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "slamming", 0, QC_SPEECH | QC_POST | QC_ING | QC_WEAK },
    { "slams", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "so", QL_STOP | QL_NOTNAME, 0 },
    { "some", QL_STOP | QL_DET, 0 }, { "sometimes", QL_BETWEEN, 0 },
    { "sought", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "source", QL_ROLE, 0 },
    { "sources", QL_ROLE, 0 }, { "speaker", QL_TITLE, 0 }, { "specifically", QL_BETWEEN, 0 },
    { "speculate", 0, QC_SPEECH | QC_INV | QC_POST },
    { "speculated", 0, QC_SPEECH | QC_INV | QC_POST },
    { "speculates", 0, QC_SPEECH | QC_INV | QC_POST },
    { "speculating", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING },
    { "spokesman", QL_TITLE | QL_ROLE, 0 }, { "spokespeople", QL_ROLE, 0 },
    { "spokesperson", QL_TITLE | QL_ROLE, 0 }, { "spokeswoman", QL_TITLE | QL_ROLE, 0 },
    { "sponsored", QL_NOTNAME, 0 }, { "state", QL_ROLE, 0 },
    { "stated", 0, QC_SPEECH | QC_INV | QC_POST }, { "statement", QL_ROLE, 0 },
    { "station", QL_ROLE, 0 }, { "still", QL_STOP | QL_BETWEEN, 0 },
    { "stress", 0, QC_SPEECH | QC_INV | QC_POST }, { "stressed", 0, QC_SPEECH | QC_INV | QC_POST },
    { "stresses", 0, QC_SPEECH | QC_INV | QC_POST },
    { "stressing", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "study", QL_ROLE, 0 },
    { "subsequently", QL_BETWEEN, 0 }, { "such", QL_STOP, 0 },
    { "suggest", 0, QC_SPEECH | QC_INV | QC_POST },
    { "suggested", 0, QC_SPEECH | QC_INV | QC_POST },
    { "suggesting", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "suggestion", QL_CUENOUN, 0 },
    { "suggests", 0, QC_SPEECH | QC_INV | QC_POST }, { "summary", QL_NOTNAME, 0 },
    { "sunday", QL_NOTNAME | QL_PREP, 0 }, { "supporter", QL_ROLE, 0 },
    { "supporters", QL_ROLE, 0 }, { "supports", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "sure", QL_STANCE, 0 }, { "surmised", 0, QC_SPEECH | QC_INV | QC_POST },
    { "survey", QL_ROLE, 0 }, { "tags", QL_NOTNAME, 0 },
    { "testified", 0, QC_SPEECH | QC_INV | QC_POST },
    { "testifies", 0, QC_SPEECH | QC_INV | QC_POST },
    { "testify", 0, QC_SPEECH | QC_INV | QC_POST },
    { "testifying", 0, QC_SPEECH | QC_INV | QC_POST | QC_ING }, { "than", QL_STOP, 0 },
    { "thanked", 0, QC_SPEECH | QC_OBJ | QC_POST }, { "thanks", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "that", QL_STOP | QL_NOTNAME, 0 }, { "the", QL_STOP | QL_DET | QL_NOTNAME, 0 },
    { "their", QL_STOP | QL_DET, 0 }, { "theirs", QL_STOP, 0 }, { "them", QL_STOP, 0 },
    { "then", QL_STOP | QL_BETWEEN, 0 }, { "theory", QL_CUENOUN, 0 }, { "there", QL_STOP, 0 },
    { "these", QL_STOP | QL_DET | QL_NOTNAME, 0 }, { "they", QL_STOP | QL_PRON | QL_NOTNAME, 0 },
    { "this", QL_STOP | QL_DET | QL_NOTNAME | QL_PREP, 0 },
    { "those", QL_STOP | QL_DET | QL_NOTNAME, 0 }, { "though", QL_STOP, 0 },
    { "thought", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "threat", QL_CUENOUN, 0 },
    { "threaten", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "threatens", 0, QC_SPEECH | QC_POST | QC_WEAK }, { "threats", QL_CUENOUN, 0 },
    { "three", QL_DET, 0 }, { "through", QL_STOP | QL_PREP, 0 },
    { "thursday", QL_NOTNAME | QL_PREP, 0 }, { "thus", QL_STOP, 0 }, { "time", QL_STOP, 0 },
    { "times", QL_STOP, 0 }, { "to", QL_STOP | QL_NOTNAME | QL_PREP, 0 },
    { "today", QL_NOTNAME | QL_PREP, 0 }, { "told", 0, QC_SPEECH | QC_INV | QC_OBJ | QC_POST },
    { "tomorrow", QL_NOTNAME, 0 }, { "tonight", QL_PREP, 0 }, { "too", QL_STOP, 0 },
    { "took", QL_STOP, 0 }, { "topics", QL_NOTNAME, 0 }, { "transcript", QL_NOTNAME, 0 },
    { "tuesday", QL_NOTNAME | QL_PREP, 0 }, { "two", QL_DET, 0 }, { "ultimately", QL_BETWEEN, 0 },
    { "under", QL_STOP, 0 }, { "understood", 0, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "union", QL_ROLE, 0 }, { "unless", QL_STOP, 0 }, { "unsure", QL_STANCE, 0 },
    { "until", QL_STOP, 0 }, { "unwilling", QL_STANCE, 0 }, { "up", QL_STOP, 0 },
    { "update", QL_NOTNAME, 0 }, { "updated", QL_NOTNAME, 0 }, { "upon", QL_STOP, 0 },
    { "upset", QL_STANCE, 0 }, { "urged", 0, QC_SPEECH | QC_INV | QC_OBJ | QC_POST },
    { "us", QL_STOP, 0 }, { "very", QL_STOP, 0 }, { "via", QL_PREP, 0 },
    { "video", QL_NOTNAME | QL_ROLE, 0 }, { "view", QL_CUENOUN, 0 },
    { "views", QL_CUENOUN, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "voters", QL_ROLE, 0 },
    { "vow", QL_CUENOUN, 0 }, { "vows", 0, QC_SPEECH | QC_POST | QC_WEAK },
    { "warn", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "warned", 0, QC_SPEECH | QC_INV | QC_OBJ | QC_POST },
    { "warning", QL_NOTNAME | QL_CUENOUN, QC_SPEECH | QC_OBJ | QC_POST | QC_ING },
    { "warnings", QL_CUENOUN, 0 }, { "warns", 0, QC_SPEECH | QC_OBJ | QC_POST },
    { "wary", QL_STANCE, 0 }, { "was", QL_STOP | QL_BETWEEN, 0 }, { "watch", QL_NOTNAME, 0 },
    { "watchdog", QL_ROLE, 0 }, { "we", QL_STOP | QL_PRON | QL_NOTNAME, 0 },
    { "website", QL_ROLE, 0 }, { "wednesday", QL_NOTNAME | QL_PREP, 0 }, { "week", QL_STOP, 0 },
    { "weekend", QL_STOP, 0 }, { "weeks", QL_STOP, 0 }, { "went", QL_STOP, 0 },
    { "were", QL_STOP | QL_BETWEEN, 0 }, { "what", QL_STOP, 0 }, { "when", QL_STOP | QL_PREP, 0 },
    { "where", QL_STOP, 0 }, { "whether", QL_STOP, 0 }, { "which", QL_STOP, 0 },
    { "while", QL_STOP | QL_PREP, 0 }, { "whispered", 0, QC_SPEECH | QC_INV | QC_POST },
    { "who", QL_STOP | QL_PRON, 0 }, { "whom", QL_STOP, 0 }, { "whose", QL_STOP, 0 },
    { "why", QL_STOP, 0 }, { "will", QL_STOP | QL_BETWEEN, 0 }, { "willing", QL_STANCE, 0 },
    { "wish", QL_CUENOUN, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "wishes", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "with", QL_STOP | QL_NOTNAME | QL_PREP, 0 },
    { "within", QL_STOP, 0 }, { "without", QL_STOP, 0 }, { "witness", QL_ROLE, 0 },
    { "witnesses", QL_ROLE, 0 }, { "woman", QL_ROLE, 0 },
    { "wondered", 0, QC_SPEECH | QC_INV | QC_POST },
    { "worried", QL_STANCE, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "worries", 0, QC_SPEECH | QC_BELIEF | QC_WEAK },
    { "worry", 0, QC_SPEECH | QC_BELIEF | QC_WEAK }, { "would", QL_STOP | QL_BETWEEN, 0 },
    { "wrongly", QL_BETWEEN, 0 }, { "wrote", 0, QC_SPEECH | QC_INV | QC_POST },
    { "year", QL_STOP, 0 }, { "years", QL_STOP, 0 }, { "yelled", 0, QC_SPEECH | QC_INV | QC_POST },
    { "yesterday", QL_NOTNAME | QL_PREP, 0 }, { "yet", QL_STOP, 0 },
    { "you", QL_STOP | QL_PRON | QL_NOTNAME, 0 }, { "your", QL_STOP | QL_DET, 0 },
};

static const char *const abbrev_words[] = {
    "adm", "approx", "apr", "aug", "ave", "blvd", "capt", "cmdr", "co", "col", "corp", "dec",
    "dept", "dr", "est", "etc", "feb", "fig", "ft", "gen", "gov", "govt", "inc", "jan", "jr", "jul",
    "jun", "lt", "ltd", "maj", "mar", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "prof", "pt",
    "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "univ", "vs",
};

/* Verb classes of the lemma table. */
#define V_SAY (QC_SPEECH | QC_INV | QC_POST)
#define V_TELL (QC_SPEECH | QC_OBJ | QC_POST)
#define V_STANCE (QC_SPEECH | QC_POST | QC_WEAK)
#define V_THINK (QC_SPEECH | QC_BELIEF | QC_WEAK)
#define V_ACT (QC_SPEECH | QC_POST | QC_WEAK | QC_ACT)

/* A verb by its lemma: its forms ("-s", "-ed", "-ing") are found by
 * morphology.  base_ok is 0 when the base and "-s" forms are more often
 * nouns ("a charge", "the charges"); then only "-ed" and "-ing" count. */
typedef struct sl_qlemma {
    const char *word;
    uint8_t cue;
    uint8_t base_ok;
} sl_qlemma;

/* Speech, stance, cognition and intention verbs, and the acts of
 * institutions that news credits to them ("approve", "impose", "veto").
 * Forms listed in the lexicon above take its flags instead. */
static const sl_qlemma lemmas[] = {
    { "accept", V_THINK, 1 }, { "acclaim", V_STANCE, 1 }, { "accuse", V_STANCE, 1 },
    { "acknowledge", V_STANCE, 1 }, { "add", V_SAY, 1 }, { "address", V_STANCE, 1 },
    { "admire", V_THINK, 1 }, { "admit", V_STANCE, 1 }, { "adopt", V_ACT, 1 },
    { "advise", V_TELL, 1 }, { "advocate", V_STANCE, 0 }, { "affirm", V_SAY, 1 },
    { "agree", V_SAY, 1 }, { "aim", V_THINK, 1 }, { "allege", V_STANCE, 1 }, { "allow", V_ACT, 1 },
    { "announce", V_STANCE, 1 }, { "anticipate", V_THINK, 1 }, { "applaud", V_STANCE, 1 },
    { "appoint", V_ACT, 1 }, { "appreciate", V_THINK, 1 }, { "approve", V_ACT, 1 },
    { "argue", V_STANCE, 1 }, { "ask", V_TELL, 1 }, { "aspire", V_THINK, 1 },
    { "assail", V_STANCE, 1 }, { "assert", V_STANCE, 1 }, { "assume", V_STANCE, 1 },
    { "assure", V_TELL, 1 }, { "attempt", V_THINK, 0 }, { "authorize", V_ACT, 1 },
    { "aver", V_SAY, 1 }, { "back", V_ACT, 0 }, { "ban", V_ACT, 0 }, { "bash", V_STANCE, 1 },
    { "beg", V_TELL, 1 }, { "believe", V_THINK, 1 }, { "belittle", V_STANCE, 1 },
    { "berate", V_STANCE, 1 }, { "beseech", V_TELL, 1 }, { "blame", V_STANCE, 1 },
    { "block", V_ACT, 0 }, { "boast", V_SAY, 1 }, { "brag", V_SAY, 1 }, { "brand", V_STANCE, 0 },
    { "brief", V_TELL, 0 }, { "cancel", V_ACT, 0 }, { "castigate", V_STANCE, 1 },
    { "caution", V_STANCE, 0 }, { "celebrate", V_STANCE, 1 }, { "champion", V_STANCE, 1 },
    { "characterize", V_STANCE, 1 }, { "charge", V_STANCE, 0 }, { "chastise", V_STANCE, 1 },
    { "cherish", V_THINK, 1 }, { "chide", V_STANCE, 1 }, { "choose", V_THINK, 1 },
    { "chronicle", V_STANCE, 1 }, { "cite", V_STANCE, 1 }, { "claim", V_STANCE, 0 },
    { "clarify", V_STANCE, 1 }, { "commend", V_STANCE, 1 }, { "comment", V_SAY, 0 },
    { "commission", V_ACT, 0 }, { "compare", V_STANCE, 1 }, { "complain", V_STANCE, 1 },
    { "concede", V_STANCE, 1 }, { "conclude", V_STANCE, 1 }, { "concur", V_SAY, 1 },
    { "condemn", V_STANCE, 1 }, { "confess", V_SAY, 1 }, { "confirm", V_STANCE, 1 },
    { "congratulate", V_STANCE, 1 }, { "consider", V_THINK, 1 }, { "contemplate", V_THINK, 1 },
    { "contend", V_STANCE, 1 }, { "continue", V_SAY, 1 }, { "contrast", V_STANCE, 1 },
    { "convene", V_ACT, 1 }, { "convince", V_TELL, 1 }, { "counter", V_SAY, 0 },
    { "crave", V_THINK, 1 }, { "credit", V_STANCE, 0 }, { "criticise", V_TELL, 1 },
    { "criticize", V_STANCE, 1 }, { "cry", V_SAY, 0 }, { "decide", V_THINK, 1 },
    { "declare", V_STANCE, 1 }, { "decline", V_THINK, 0 }, { "decry", V_STANCE, 1 },
    { "deem", V_THINK, 1 }, { "defend", V_STANCE, 1 }, { "deliver", V_ACT, 1 },
    { "demand", V_STANCE, 0 }, { "denounce", V_STANCE, 1 }, { "deny", V_STANCE, 1 },
    { "depict", V_STANCE, 1 }, { "deride", V_STANCE, 1 }, { "describe", V_STANCE, 1 },
    { "desire", V_THINK, 0 }, { "despise", V_THINK, 1 }, { "detail", V_STANCE, 0 },
    { "determine", V_THINK, 1 }, { "detest", V_THINK, 1 }, { "disagree", V_SAY, 1 },
    { "disclose", V_STANCE, 1 }, { "discuss", V_STANCE, 1 }, { "dislike", V_THINK, 1 },
    { "dismiss", V_STANCE, 1 }, { "disparage", V_STANCE, 1 }, { "dispute", V_STANCE, 0 },
    { "doubt", V_THINK, 0 }, { "downplay", V_STANCE, 1 }, { "draft", V_ACT, 0 },
    { "dread", V_THINK, 1 }, { "dream", V_THINK, 0 }, { "dub", V_STANCE, 1 },
    { "echo", V_STANCE, 0 }, { "elaborate", V_STANCE, 1 }, { "email", V_SAY, 0 },
    { "embrace", V_STANCE, 1 }, { "emphasise", V_SAY, 1 }, { "emphasize", V_STANCE, 1 },
    { "enact", V_ACT, 1 }, { "encourage", V_TELL, 1 }, { "endeavor", V_THINK, 1 },
    { "endorse", V_STANCE, 1 }, { "envisage", V_THINK, 1 }, { "envision", V_THINK, 1 },
    { "estimate", V_STANCE, 0 }, { "examine", V_STANCE, 1 }, { "exclaim", V_SAY, 1 },
    { "excoriate", V_STANCE, 1 }, { "exempt", V_ACT, 1 }, { "exhort", V_TELL, 1 },
    { "expect", V_THINK, 1 }, { "expel", V_ACT, 1 }, { "explain", V_STANCE, 1 },
    { "explore", V_STANCE, 1 }, { "express", V_STANCE, 1 }, { "extend", V_ACT, 1 },
    { "fault", V_STANCE, 1 }, { "favor", V_STANCE, 0 }, { "fear", V_THINK, 0 },
    { "feel", V_THINK, 1 }, { "file", V_ACT, 0 }, { "find", V_STANCE, 1 }, { "fine", V_ACT, 0 },
    { "forbid", V_ACT, 1 }, { "foresee", V_THINK, 1 }, { "forget", V_THINK, 1 },
    { "frame", V_STANCE, 0 }, { "fund", V_ACT, 0 }, { "grant", V_ACT, 0 },
    { "grill", V_STANCE, 1 }, { "grumble", V_SAY, 1 }, { "guess", V_SAY, 0 },
    { "hail", V_STANCE, 1 }, { "halt", V_ACT, 0 }, { "hate", V_THINK, 1 },
    { "hesitate", V_THINK, 1 }, { "highlight", V_STANCE, 1 }, { "hint", V_STANCE, 0 },
    { "hope", V_THINK, 0 }, { "host", V_ACT, 0 }, { "hype", V_STANCE, 0 },
    { "ignore", V_THINK, 1 }, { "imagine", V_THINK, 1 }, { "implore", V_TELL, 1 },
    { "imply", V_STANCE, 1 }, { "impose", V_ACT, 1 }, { "indicate", V_STANCE, 1 },
    { "indict", V_ACT, 1 }, { "inform", V_TELL, 1 }, { "insinuate", V_STANCE, 1 },
    { "insist", V_SAY, 1 }, { "instruct", V_TELL, 1 }, { "insult", V_STANCE, 0 },
    { "intend", V_THINK, 1 }, { "introduce", V_ACT, 1 }, { "investigate", V_STANCE, 1 },
    { "invite", V_TELL, 1 }, { "invoke", V_STANCE, 1 }, { "issue", V_ACT, 0 },
    { "justify", V_STANCE, 1 }, { "know", V_THINK, 1 }, { "label", V_STANCE, 0 },
    { "lambaste", V_STANCE, 1 }, { "lament", V_SAY, 0 }, { "lampoon", V_STANCE, 1 },
    { "lash", V_STANCE, 0 }, { "laud", V_STANCE, 1 }, { "launch", V_ACT, 0 }, { "lift", V_ACT, 1 },
    { "like", V_THINK, 0 }, { "liken", V_STANCE, 1 }, { "limit", V_ACT, 0 },
    { "link", V_STANCE, 0 }, { "love", V_THINK, 0 }, { "maintain", V_STANCE, 1 },
    { "mandate", V_ACT, 0 }, { "marvel", V_SAY, 1 }, { "mean", V_THINK, 0 },
    { "mention", V_STANCE, 1 }, { "mock", V_STANCE, 0 }, { "muse", V_SAY, 1 },
    { "mutter", V_SAY, 1 }, { "need", V_THINK, 0 }, { "nominate", V_ACT, 1 },
    { "note", V_STANCE, 0 }, { "notify", V_TELL, 1 }, { "obligate", V_ACT, 1 },
    { "observe", V_STANCE, 1 }, { "offer", V_ACT, 0 }, { "opine", V_SAY, 1 },
    { "oppose", V_STANCE, 1 }, { "opt", V_THINK, 1 }, { "order", V_ACT, 0 },
    { "organize", V_ACT, 1 }, { "overturn", V_ACT, 1 }, { "paint", V_STANCE, 0 },
    { "pan", V_STANCE, 0 }, { "paraphrase", V_STANCE, 1 }, { "pass", V_ACT, 0 },
    { "perceive", V_THINK, 1 }, { "permit", V_ACT, 1 }, { "persuade", V_TELL, 1 },
    { "pitch", V_STANCE, 0 }, { "plan", V_THINK, 0 }, { "plead", V_SAY, 1 },
    { "pledge", V_STANCE, 0 }, { "point", V_STANCE, 0 }, { "ponder", V_THINK, 1 },
    { "portray", V_STANCE, 1 }, { "posit", V_SAY, 1 }, { "post", V_ACT, 0 },
    { "praise", V_STANCE, 1 }, { "predict", V_STANCE, 1 }, { "prefer", V_THINK, 1 },
    { "present", V_ACT, 0 }, { "press", V_TELL, 0 }, { "pressure", V_TELL, 0 },
    { "presume", V_THINK, 1 }, { "probe", V_STANCE, 0 }, { "proclaim", V_SAY, 1 },
    { "prod", V_TELL, 1 }, { "profess", V_SAY, 1 }, { "prohibit", V_ACT, 1 },
    { "promise", V_STANCE, 0 }, { "promote", V_STANCE, 1 }, { "propose", V_STANCE, 1 },
    { "publish", V_ACT, 1 }, { "push", V_STANCE, 0 }, { "question", V_STANCE, 0 },
    { "quip", V_SAY, 1 }, { "quote", V_STANCE, 0 }, { "rail", V_STANCE, 0 },
    { "rank", V_STANCE, 0 }, { "rate", V_STANCE, 0 }, { "realise", V_THINK, 1 },
    { "realize", V_THINK, 1 }, { "rebuke", V_STANCE, 0 }, { "rebut", V_SAY, 1 },
    { "recall", V_SAY, 1 }, { "recognize", V_THINK, 1 }, { "recommend", V_STANCE, 1 },
    { "reconsider", V_THINK, 1 }, { "recount", V_SAY, 1 }, { "reference", V_STANCE, 0 },
    { "reflect", V_SAY, 1 }, { "refuse", V_THINK, 1 }, { "regard", V_THINK, 0 },
    { "regret", V_THINK, 1 }, { "reiterate", V_STANCE, 1 }, { "reject", V_STANCE, 1 },
    { "release", V_ACT, 0 }, { "relish", V_THINK, 1 }, { "remark", V_STANCE, 0 },
    { "remember", V_THINK, 1 }, { "remind", V_TELL, 1 }, { "repeal", V_ACT, 1 },
    { "repeat", V_STANCE, 0 }, { "reply", V_STANCE, 0 }, { "report", V_STANCE, 0 },
    { "request", V_STANCE, 0 }, { "require", V_ACT, 1 }, { "resent", V_THINK, 1 },
    { "resolve", V_THINK, 0 }, { "respond", V_STANCE, 0 }, { "restrict", V_ACT, 1 },
    { "retort", V_SAY, 1 }, { "reveal", V_STANCE, 1 }, { "reverse", V_ACT, 1 },
    { "review", V_STANCE, 0 }, { "revoke", V_ACT, 1 }, { "ridicule", V_STANCE, 1 },
    { "rule", V_ACT, 0 }, { "sanction", V_ACT, 0 }, { "say", V_SAY, 1 }, { "schedule", V_ACT, 0 },
    { "scoff", V_SAY, 1 }, { "scold", V_STANCE, 1 }, { "scrap", V_ACT, 1 }, { "see", V_THINK, 1 },
    { "seek", V_THINK, 1 }, { "sense", V_THINK, 0 }, { "share", V_ACT, 0 },
    { "show", V_STANCE, 1 }, { "shown", V_STANCE, 1 }, { "sign", V_ACT, 1 },
    { "signal", V_STANCE, 0 }, { "sketch", V_ACT, 0 }, { "snap", V_SAY, 0 }, { "sniff", V_SAY, 1 },
    { "speculate", V_STANCE, 1 }, { "sponsor", V_ACT, 0 }, { "spotlight", V_STANCE, 0 },
    { "state", V_STANCE, 0 }, { "stress", V_STANCE, 1 }, { "strive", V_THINK, 1 },
    { "submit", V_ACT, 1 }, { "subpoena", V_ACT, 1 }, { "sue", V_STANCE, 0 },
    { "suggest", V_STANCE, 1 }, { "summarize", V_STANCE, 1 }, { "support", V_STANCE, 0 },
    { "suppose", V_THINK, 1 }, { "suspect", V_THINK, 1 }, { "suspend", V_ACT, 1 },
    { "swear", V_SAY, 0 }, { "target", V_STANCE, 0 }, { "taunt", V_STANCE, 0 },
    { "tell", V_TELL, 1 }, { "testify", V_STANCE, 1 }, { "text", V_SAY, 0 },
    { "theorize", V_SAY, 1 }, { "think", V_THINK, 1 }, { "threaten", V_STANCE, 0 },
    { "tie", V_STANCE, 0 }, { "tout", V_STANCE, 1 }, { "trust", V_THINK, 0 },
    { "try", V_THINK, 1 }, { "tweet", V_SAY, 1 }, { "underline", V_SAY, 1 },
    { "underscore", V_SAY, 1 }, { "understand", V_THINK, 1 }, { "unleash", V_ACT, 1 },
    { "unveil", V_ACT, 1 }, { "uphold", V_ACT, 1 }, { "urge", V_TELL, 1 }, { "venture", V_SAY, 1 },
    { "veto", V_ACT, 1 }, { "view", V_THINK, 0 }, { "vote", V_ACT, 0 }, { "vow", V_STANCE, 0 },
    { "want", V_THINK, 1 }, { "warn", V_STANCE, 1 }, { "welcome", V_STANCE, 1 },
    { "wish", V_THINK, 0 }, { "withdraw", V_ACT, 1 }, { "wonder", V_THINK, 1 },
    { "worry", V_THINK, 0 }, { "write", V_SAY, 1 }, { "yearn", V_THINK, 1 }, { "yell", V_SAY, 1 },
};

/* Irregular past forms that are not in the lexicon. */
static const char *const irregular_pasts[] = {
    "bought", "broke", "built", "chose", "drew", "forgot", "fought", "held", "hid", "laid",
    "led", "left", "lost", "meant", "paid", "ran", "rang", "rose", "sent", "shot", "sold",
    "spent", "spoke", "stood", "struck", "swore", "taught", "threw", "won", "wore",
};

/* Past participles whose passive reports what someone said or thinks
 * ("is expected to", "was dubbed", "were rated", "has been accused of"). */
static const char *const passive_cues[] = {
    "accused", "alleged", "announced", "asked", "believed", "blamed", "branded", "called",
    "characterized", "charged", "cited", "confirmed", "considered", "credited", "criticized",
    "deemed", "denounced", "described", "determined", "documented", "dubbed", "endorsed",
    "estimated", "expected", "feared", "forecast", "hailed", "judged", "labeled", "labelled",
    "mentioned", "praised", "predicted", "projected", "quoted", "rated", "recognized",
    "regarded", "reported", "ridiculed", "rumored", "said", "seen", "supported", "suspected",
    "thought", "told", "touted", "understood", "urged", "viewed", "warned",
};

/* Words ending in "-ed", "-s" or "-ing" that are never verbs. */
static const char *const not_verbs[] = {
    "always", "anything", "around", "as", "beloved", "ceiling", "crooked", "during", "evening",
    "everything", "hundred", "indeed", "kindred", "morning", "naked", "news", "nothing",
    "perhaps", "politics", "ragged", "rugged", "sacred", "something", "thanksgiving", "thing",
    "things", "this", "thus", "various", "wicked",
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

static int cmp_entry(const void *key, const void *item)
{
    return strcmp((const char *)key, ((const sl_qlex_entry *)item)->word);
}

static int cmp_lemma(const void *key, const void *item)
{
    return strcmp((const char *)key, ((const sl_qlemma *)item)->word);
}

static int cmp_word(const void *key, const void *item)
{
    return strcmp((const char *)key, *(const char *const *)item);
}

static const sl_qlex_entry *lookup(const char *w, size_t n)
{
    char buf[32] = { 0 };
    if (!fold(w, n, buf, sizeof buf))
        return NULL;
    return bsearch(buf, lexicon, COUNT(lexicon), sizeof lexicon[0], cmp_entry);
}

static bool ends_with(const char *w, size_t n, const char *end)
{
    size_t m = strlen(end);
    return n >= m && memcmp(w + n - m, end, m) == 0;
}

static const sl_qlemma *find_lemma(const char *stem, size_t n, const char *tail)
{
    char buf[40] = { 0 };
    size_t m = strlen(tail);
    if (n == 0 || n + m >= sizeof buf)
        return NULL;
    memcpy(buf, stem, n);
    memcpy(buf + n, tail, m + 1);
    return bsearch(buf, lemmas, COUNT(lemmas), sizeof lemmas[0], cmp_lemma);
}

static bool doubled(const char *w, size_t n)
{
    return n >= 2 && w[n - 1] == w[n - 2] && strchr("bdgklmnprt", w[n - 1]);
}

/* The lemma of an inflected verb form: "-ed" ("praised", "backed",
 * "banned", "denied"), "-ing" ("praising", "banning") and "-s". */
static const sl_qlemma *lemma_of(const char *w, size_t n, bool *ing)
{
    const sl_qlemma *l = NULL;
    *ing = false;
    if (n > 4 && ends_with(w, n, "ing")) {
        *ing = true;
        size_t k = n - 3;
        if (!(l = find_lemma(w, k, "")) && !(l = find_lemma(w, k, "e")) && doubled(w, k))
            l = find_lemma(w, k - 1, "");
        return l;
    }
    if (n > 3 && ends_with(w, n, "ed")) {
        size_t k = n - 2;
        if (!(l = find_lemma(w, k + 1, "")) && !(l = find_lemma(w, k, "")) && doubled(w, k))
            l = find_lemma(w, k - 1, "");
        if (!l && w[k - 1] == 'i')
            l = find_lemma(w, k - 1, "y");
        return l;
    }
    if (n > 2 && w[n - 1] == 's') {
        if (ends_with(w, n, "ies"))
            l = find_lemma(w, n - 3, "y");
        if (!l && !(l = find_lemma(w, n - 1, "")) && ends_with(w, n, "es"))
            l = find_lemma(w, n - 2, "");
        return l && l->base_ok ? l : NULL;
    }
    l = find_lemma(w, n, "");
    return l && l->base_ok ? l : NULL;
}

void sl_qlex_word(const char *w, size_t n, unsigned *lex, unsigned *cue)
{
    const sl_qlex_entry *e = lookup(w, n);
    *lex = e ? e->lex : 0;
    *cue = e ? e->cue : 0;
    char buf[32] = { 0 }; /* set by fold; cleared for the optimiser's sake */
    bool ing;
    if (e || n < 3 || w[0] < 'a' || w[0] > 'z' || !fold(w, n, buf, sizeof buf))
        return; /* names and numbers are no verbs: spare the lemma lookups */
    const sl_qlemma *l = lemma_of(buf, n, &ing);
    if (l) {
        *cue = l->cue | (ing ? QC_ING : 0);
        *lex = ing && !l->base_ok ? QL_NOUNISH : 0;
    }
}

static bool in_list(const char *buf, const char *const *list, size_t count)
{
    return bsearch(buf, list, count, sizeof list[0], cmp_word) != NULL;
}

/* What a lowercase word's ending says about it as a verb (general English
 * morphology: "-ed" past, "-s" present, "-ing" participle). */
unsigned sl_qlex_shape(const char *w, size_t n)
{
    char buf[32];
    if (!fold(w, n, buf, sizeof buf) || buf[0] < 'a' || buf[0] > 'z')
        return 0;
    if (in_list(buf, not_verbs, COUNT(not_verbs)))
        return 0;
    if (in_list(buf, irregular_pasts, COUNT(irregular_pasts)))
        return QV_PAST;
    if (n >= 5 && ends_with(buf, n, "ed"))
        return QV_PAST;
    if (n >= 5 && ends_with(buf, n, "ing"))
        return QV_ING;
    if (n >= 4 && buf[n - 1] == 's' && !ends_with(buf, n, "ss") && !ends_with(buf, n, "us") &&
        !ends_with(buf, n, "is") && !ends_with(buf, n, "'s"))
        return QV_PRES;
    return QV_BASE;
}

bool sl_qlex_passive_cue(const char *w, size_t n)
{
    char buf[32];
    return fold(w, n, buf, sizeof buf) && in_list(buf, passive_cues, COUNT(passive_cues));
}

unsigned sl_qlex_cue(const char *w, size_t n)
{
    unsigned lex, cue;
    sl_qlex_word(w, n, &lex, &cue);
    return cue;
}

unsigned sl_qlex_cue_before_that(const char *w, size_t n)
{
    char buf[32];
    if (n < 4 || w[n - 1] != 's' || !fold(w, n, buf, sizeof buf))
        return 0;
    const sl_qlemma *l = find_lemma(buf, n - 1, "");
    if (!l && ends_with(buf, n, "es"))
        l = find_lemma(buf, n - 2, "");
    return l ? l->cue : 0;
}

unsigned sl_qlex_cue_folded(const char *w, size_t n)
{
    char buf[32];
    if (!fold(w, n, buf, sizeof buf))
        return 0;
    return sl_qlex_cue(buf, n);
}

unsigned sl_qlex_class(const char *w, size_t n)
{
    unsigned lex, cue;
    sl_qlex_word(w, n, &lex, &cue);
    return lex;
}

bool sl_qlex_is_abbrev(const char *w, size_t n)
{
    char buf[16];
    return fold(w, n, buf, sizeof buf) &&
           bsearch(buf, abbrev_words, COUNT(abbrev_words), sizeof abbrev_words[0], cmp_word);
}

bool sl_qlex_word_is(const char *w, size_t n, const char *lower)
{
    /* the first letter tells most words apart without folding them */
    unsigned char c = n ? (unsigned char)w[0] : 0;
    if (n && lower[0] && (char)(c >= 'A' && c <= 'Z' ? c + 32 : c) != lower[0])
        return false;
    char buf[32];
    return fold(w, n, buf, sizeof buf) && strcmp(buf, lower) == 0;
}

int sl_qlex_tables_sorted(void)
{
    for (size_t i = 1; i < COUNT(lexicon); i++)
        if (strcmp(lexicon[i - 1].word, lexicon[i].word) >= 0)
            return 0;
    for (size_t i = 1; i < COUNT(abbrev_words); i++)
        if (strcmp(abbrev_words[i - 1], abbrev_words[i]) >= 0)
            return 0;
    for (size_t i = 1; i < COUNT(lemmas); i++)
        if (strcmp(lemmas[i - 1].word, lemmas[i].word) >= 0)
            return 0;
    for (size_t i = 1; i < COUNT(irregular_pasts); i++)
        if (strcmp(irregular_pasts[i - 1], irregular_pasts[i]) >= 0)
            return 0;
    for (size_t i = 1; i < COUNT(passive_cues); i++)
        if (strcmp(passive_cues[i - 1], passive_cues[i]) >= 0)
            return 0;
    for (size_t i = 1; i < COUNT(not_verbs); i++)
        if (strcmp(not_verbs[i - 1], not_verbs[i]) >= 0)
            return 0;
    return 1;
}
