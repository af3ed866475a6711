/* sl-datagen: the vocabulary.  Word lists, sentence templates with "%x"
 * slots (see expand_slot in datagen_text.c), the outlets and the chrome of
 * their pages.  Every list is exported with its length as NAME_count. */
#include "datagen.h"

/* ------------------------------------------------------------ word lists */

const char *const first_names[] = {
    "Marta", "Idris", "Tove", "Renée", "José", "Anouk", "Bram", "Céline", "Dario", "Elif",
    "Farid", "Greta", "Hanne", "Ilse", "Jonas", "Kasia", "Leif", "Mirela", "Nadia", "Oskar",
    "Priya", "Quentin", "Rosa", "Søren", "Talia", "Ugo", "Vesna", "Wim", "Yara", "Zoë",
    "Amara", "Björn", "Corin", "Desta", "Emeka", "Fenna", "Goran", "Hiroko", "Inés", "Jalen",
};
const size_t first_names_count = COUNT(first_names);
const char *const last_names[] = {
    "Kovell", "Palamo", "Ransel", "Dufrain", "Almavar", "Brannick", "Ostrova", "Teague",
    "Mirelli", "Haskard", "Quennec", "Vaszary", "Lindqvist", "Orbane", "Castelló", "Feyrin",
    "Marrow", "Ndiaye-Holt", "Szerén", "Whitcombe", "Adeyemo", "Brucklin", "Delacourt", "Ekwall",
    "Fontaine-Roux", "Gravell", "Hollin", "Ibarreta", "Jessop", "Kalnins", "Lauterbach", "Moreno-Paz",
    "Nyberg", "Oduya", "Petrakis", "Rudd", "Salvesen", "Tamboli", "Ulvang", "Yardley",
};
const size_t last_names_count = COUNT(last_names);
/* Invented towns; towns[i] lies in countries[i % COUNT(countries)]. */
const char *const towns[] = {
    "Vellmora", "Castrel", "Orrin Bay", "Lindqvar", "Port Amsel", "Kesterholm", "Saint-Aurèle",
    "Dunmarrow", "Tallis Ford", "Grenvik", "Mirabeau Falls", "Ostergaard", "Brennock", "Sálvora",
    "Hollowmere", "Caddon", "Eskelund", "Vossberg", "Ardenne-sur-Lys", "Pellinor", "Quarrystone",
    "Ravensholt", "Tiverne", "Umbrell",
};
const size_t towns_count = COUNT(towns);
const char *const countries[] = {
    "Norland", "the Kessen Republic", "Varrow", "Estmere", "Sorvania", "Aldmark",
};
const size_t countries_count = COUNT(countries);
const char *const orgs[] = {
    "the Norland Rail Authority", "Kessen Energy Group", "Dorrel & Finch", "the %L City Council",
    "the Ministry of Waterways", "Bluecrest Pharma", "the United Harbour Workers’ Union",
    "Castrel University", "Halvard Mining", "the Solvent Bank of Varrow", "the %L Fire Service",
    "Lumen Aerospace", "the Estmere Transport Board", "Greywater Logistics", "Marlow & Teague",
    "the Sorvanian Institute of Health", "Northgate Telecom", "the Aldmark Farmers’ Federation",
    "Ferrand Construction", "the %L Port Authority", "Orison Foods", "the Varrow Audit Office",
    "Kite Street Capital", "the Institute for Coastal Research",
};
const size_t orgs_count = COUNT(orgs);
const char *const roles[] = {
    "the mayor of %L", "a spokesperson for %O", "a press officer at %O", "the chief executive of %O",
    "a senior official at %O", "a lawyer for the families", "a resident of %L", "the head of %O",
    "an analyst at %Q", "a professor at Castrel University", "the interior minister of %G",
    "the chair of %Q", "a councillor in %L", "a former director of %O",
};
const size_t roles_count = COUNT(roles);
const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
};
const size_t months_count = COUNT(months);
const char *const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
const size_t weekdays_count = COUNT(weekdays);
const char *const relative_times[] = {
    "on %D", "on %D", "on %D", "on %D morning", "late on %D", "yesterday", "last week",
    "earlier this week", "on %W", "this week", "over the weekend", "two days ago",
    "earlier this month", "on %D evening",
};
const size_t relative_times_count = COUNT(relative_times);
const char *const fillers[] = {
    "reportedly", "also", "now", "local", "several", "new", "major", "recent", "further",
    "officially", "largely", "early", "formally", "broadly", "quickly",
};
const size_t fillers_count = COUNT(fillers);

const topic topics[] = {
    { "the fire", "residents", "Fire",
      { "Fire forces %N residents from homes in %L", "%L warehouse fire: %O promises inquiry",
        "Blaze in %L under control, officials say" },
      { "A fire swept through a warehouse district in %L %T, forcing %N residents from their homes, officials said.",
        "Firefighters in %L were still damping down a large blaze %T after flames tore through a depot owned by %O.",
        "%N people were evacuated in %L %T as a fire spread from an industrial site run by %O." },
      { "The fire broke out shortly after midnight, according to the %L fire service.",
        "Crews from %K were called in to help, and the fire was declared under control about %M hours later.",
        "No deaths were reported, but %M firefighters were treated for smoke inhalation.",
        "Investigators from %Q were examining whether faulty wiring was to blame.",
        "Smoke could be seen from across %L, and residents were told to keep windows closed.",
        "%A, %r, said temporary housing had been found for most of those forced out." },
      { "The crews did an extraordinary job in very hard conditions",
        "We heard a bang and then the whole sky was orange",
        "Everyone got out, and that is what matters tonight",
        "We will find out how this started, and we will share what we find" } },
    { "the strike", "workers", "Labour",
      { "%N workers walk out at %O", "Strike at %O drags on in %L", "%O and unions fail to end %L strike" },
      { "About %N workers at %O walked off the job %T in a dispute over pay and hours, halting work in %L.",
        "Talks between %O and %Q broke down %T, extending a strike that has shut much of %L.",
        "A strike by %N staff at %O dragged into another week %T with no sign of a deal." },
      { "The union is asking for a rise of %M per cent over two years.",
        "%O has offered less than half that, saying higher costs would threaten jobs.",
        "Picket lines formed outside the main gates in %L before dawn.",
        "Services in %K were also disrupted as the dispute spread.",
        "%A, %r, accused management of refusing to negotiate in good faith.",
        "The last major strike at %O, in %P, lasted %M days." },
      { "Our members have been patient for long enough", "The offer on the table is fair and affordable",
        "Nobody wants a strike, but we’ve been left with no choice",
        "We’re ready to talk at any time, day or night" } },
    { "the flooding", "households", "Weather",
      { "Floods cut off %L after days of rain", "River bursts its banks in %L, %N homes affected",
        "%L counts the cost of flooding" },
      { "Heavy rain caused the river to burst its banks in %L %T, flooding %N homes and cutting off roads to %K.",
        "Emergency crews used boats to reach families stranded by floodwater in %L %T.",
        "Parts of %L remained under water %T after the heaviest rainfall recorded in %G since %P." },
      { "Forecasters warned that more rain was expected before the weekend.",
        "%O said its teams had checked the flood barriers only %M days earlier.",
        "Schools across %L were closed and trains to %K were cancelled.",
        "Insurers estimate the damage at %X.",
        "Volunteers filled sandbags outside the town hall through the night.",
        "%A, %r, said the barriers had done their job but the water had simply risen too fast." },
      { "The water came up through the floor in minutes", "We had warnings, but nothing like this",
        "We need a proper plan for the river, not another report",
        "The community has come together in a remarkable way" } },
    { "the vote", "voters", "Politics",
      { "%a wins race for %L mayor", "%L votes: %a and %b neck and neck",
        "Turnout rises as %L elects new council" },
      { "%A won the race for mayor of %L %T, defeating %B by fewer than %N votes.",
        "Voters in %L went to the polls %T in a closely fought contest between %A and %B.",
        "%B conceded defeat in %L %T after a count that ran late into the night." },
      { "Turnout was %M per cent, up from the last election in %P.",
        "%a campaigned on housing and public transport, promising new tram lines to %K.",
        "%b had focused on taxes and the cost of running %O.",
        "Results from %K were delayed after a recount was ordered.",
        "Observers from %Q said the vote had been conducted fairly.",
        "The new council will meet for the first time on %F." },
      { "Tonight the people of %L chose change", "I congratulate my opponent and I wish the city well",
        "Every vote was counted and every vote mattered", "We ran a clean campaign and I’m proud of it" } },
    { "the trial", "jurors", "Courts",
      { "Former %O executive goes on trial in %L", "%L court hears evidence in %O fraud case",
        "Verdict due in %O trial" },
      { "A former executive of %O went on trial in %L %T, accused of hiding losses of %X from investors.",
        "Prosecutors in %L told a court %T that %O had misled regulators for years.",
        "The trial of %C, a former director of %O, opened in %L %T." },
      { "The defendant denies all charges.",
        "Prosecutors say the scheme ran from %P until its discovery last year.",
        "The judge warned jurors not to read reports about the case.",
        "The court heard from %M witnesses in the first week.",
        "A lawyer for %c said the accounts had been approved by auditors at %Q.",
        "The trial is expected to last until %F." },
      { "The evidence will show a pattern of deliberate deception",
        "My client has always acted in good faith",
        "This case is about what the company knew, and when it knew it",
        "We trust the court to reach a fair decision" } },
    { "the deal", "shareholders", "Business",
      { "%O agrees to buy %Q for %X", "%Q shares jump on takeover news", "Regulators to review %O deal" },
      { "%O has agreed to buy its rival %Q for %X, the companies said %T.",
        "Shares in %Q rose %M per cent %T after %O confirmed it was in talks to buy the company.",
        "%O said %T it would take over %Q in a deal that creates the largest group of its kind in %G." },
      { "The deal still needs the approval of competition regulators in %G.",
        "%Q employs about %N people, most of them in %L and %K.",
        "Analysts said the price was higher than expected.",
        "%A, %r, will lead the combined company.",
        "%O said there were no plans to close sites in %L.",
        "The companies expect to complete the deal by %F." },
      { "This brings together two businesses with a shared history", "Our customers will not see any change",
        "We think the price undervalues the company", "The combined group will be stronger in every market" } },
    { "the project", "commuters", "Transport",
      { "New bridge for %L delayed again", "%O unveils rail link between %L and %K",
        "Cost of %L tram line rises to %X" },
      { "The opening of a new bridge in %L has been pushed back again, %O said %T, blaming supply problems.",
        "%O unveiled plans %T for a rail line linking %L and %K, cutting journey times by %M minutes.",
        "The cost of the tram line in %L has risen to %X, according to figures published %T." },
      { "Construction began in %P and was due to finish last year.",
        "About %N commuters a day are expected to use the line.",
        "%Q, the main contractor, said it had hired extra crews.",
        "Residents along the route have complained about noise and closed roads.",
        "%A, %r, said the project would still deliver value for money.",
        "A review of the timetable will be published by %F." },
      { "We know people are frustrated by the delays", "This line will change how people live and work in %L",
        "Every month of delay costs the city money", "We are building something that will last a hundred years" } },
    { "the findings", "patients", "Science",
      { "%Q study links air quality to hospital visits in %L", "Researchers in %L report new treatment results",
        "%O trial shows early promise" },
      { "Researchers at %Q said %T that a new treatment had cut hospital stays by %M per cent in a trial of %N patients.",
        "A study published %T by scientists at %Q found that poor air quality in %L was linked to more hospital visits.",
        "%O said %T that early results from its trial in %L were encouraging." },
      { "The study followed patients in %L and %K over %M months.",
        "The authors cautioned that the results still needed to be confirmed in larger trials.",
        "%A, %r, said the findings were an important step.",
        "Funding for the work came from %O and the government of %G.",
        "Similar research in %P had produced mixed results.",
        "The full data will be released by %F." },
      { "These results are encouraging, but they’re not the end of the story",
        "We now need to see if the effect holds up in a larger group",
        "For patients, this could mean going home days earlier",
        "Science moves slowly, and that’s how it should be" } },
};
const size_t topics_count = COUNT(topics);

const char *const generic_sentences[] = {
    "%^T, %a said the situation was under control.",
    "Officials in %L said %N people had been affected by %e.",
    "%O said in a statement that it was reviewing %e and would publish its findings by %F.",
    "The last comparable case in %G was in %P, when %M people were hurt.",
    "Local media reported %T that %Q had been asked to help.",
    "%A, %r, was expected to visit %L %T.",
    "Critics said %O had ignored warnings for years.",
    "The cost of %e has been put at %X.",
    "Residents of %K, about %M kilometres from %L, were told to stay alert.",
    "%^e drew a sharp response from %B, %s.",
    "Neither %O nor %Q responded to requests for comment on %D.",
    "A spokesperson for %Q declined to comment.",
    "Figures released %T showed a rise of %M per cent compared with %P.",
    "%a has led %O since %P.",
    "The debate over %e is likely to continue until at least %F.",
    "Opposition politicians in %G called for an independent inquiry into %e.",
    "Some %f told %S they had heard nothing from the authorities until %D.",
    "More than %N %f have signed an open letter to %O.",
    "%C, %t, said the events of %W would not be forgotten.",
    "The government of %G said %T it was following %e closely.",
};
const size_t generic_sentences_count = COUNT(generic_sentences);
_Static_assert(TOPIC_BODY + COUNT(generic_sentences) <= 32, "write_sentence keeps one bit per fixed sentence");

/* Sentences put together from parts, for vocabulary: subject, reporting
 * verb, what it is about, what happens to it, and sometimes when. */
const char *const subjects[] = {
    "%A", "%O", "Officials in %L", "The government of %G", "Residents of %K", "%Q", "Police in %L",
    "A spokesperson for %O", "Local newspapers", "Several %f", "Experts at %Q", "%a", "%b", "%C, %t,",
    "Campaigners in %L", "Engineers working for %O", "A report commissioned by %Q", "Lawmakers in %G",
};
const size_t subjects_count = COUNT(subjects);
const char *const report_verbs[] = {
    "said", "warned", "confirmed", "suggested", "insisted", "argued", "noted", "acknowledged",
    "claimed", "told %S", "predicted", "wrote in a letter", "repeated",
};
const size_t report_verbs_count = COUNT(report_verbs);
const char *const topics_of_talk[] = {
    "the budget for %L", "the timetable", "the final report", "the proposal", "the inquiry",
    "the contract with %Q", "the agreement", "the review", "new safety rules", "the compensation scheme",
    "the recovery plan", "emergency funding", "the licence", "the cost of %e", "the response to %e",
    "a second phase", "the public consultation", "the rescue effort", "the new figures", "the pilot scheme",
};
const size_t topics_of_talk_count = COUNT(topics_of_talk);
const char *const outcomes[] = {
    "would be delayed", "was under pressure", "had been approved", "could cost %X", "would be announced by %F",
    "had not been discussed with %f", "was being rewritten", "would go ahead", "had been put on hold",
    "needed more time", "had gone better than expected", "would be examined by %Q", "was never realistic",
    "would affect about %N %f", "had been cut by %M per cent", "should be made public", "was still unclear",
};
const size_t outcomes_count = COUNT(outcomes);
const char *const when_phrases[] = {
    "", "", "", " %T", " in a statement", " at a press conference in %L", " in an interview",
    " on %D", " earlier in the day", " after a meeting in %K", " in %P", " last month",
};
const size_t when_phrases_count = COUNT(when_phrases);

const char *const quote_forms[] = {
    "“%q,” said %A, %r.", "“%q,” %a said.", "“%q,” %b told %S.", "%B, %s, said: “%q.”",
    "“%q,” said %c. “%q.”", "“%q,” %C, %t, said %T.", "“%q,” said %a.",
};
const size_t quote_forms_count = COUNT(quote_forms);
const char *const generic_quotes[] = {
    "We are doing everything we can", "Nobody should have to go through this",
    "It’s too early to say what went wrong", "We’ve been warning about this for years",
    "This is a difficult day for %L", "Our priority is the safety of the people of %L",
    "I don’t think anyone expected it to happen so quickly",
    "We will look at every option, and we won’t rule anything out",
    "There are lessons here for everyone, including us", "People want answers, and they deserve them",
    "We’re confident the decision was the right one", "It’s a question of trust",
};
const size_t generic_quotes_count = COUNT(generic_quotes);

/* ----------------------------------------------------------- page chrome */

const outlet outlets[] = {
    { "The Harbour Ledger", "harbourledger", STYLE_BLANK },
    { "Norland Wire", "norlandwire", STYLE_WIRE | STYLE_STRAIGHT },
    { "Vellmora Evening Post", "vellmorapost", STYLE_DATED },
    { "Castrel Courier", "castrelcourier", STYLE_STRAIGHT | STYLE_BLANK },
    { "The Estmere Times", "estmeretimes", STYLE_DATED | STYLE_BLANK },
    { "Kessen Daily", "kessendaily", 0 },
    { "Orrin Bay Observer", "orrinbayobserver", STYLE_STRAIGHT },
    { "Sorvania Today", "sorvaniatoday", STYLE_DATED },
    { "Aldmark Chronicle", "aldmarkchronicle", STYLE_BLANK },
    { "Varrow News Service", "varrownews", STYLE_WIRE },
    { "The Lantern", "thelantern", STYLE_STRAIGHT | STYLE_DATED },
    { "Grenvik Gazette", "grenvikgazette", 0 },
    { "Daily Meridian", "dailymeridian", STYLE_BLANK | STYLE_DATED },
    { "Pressline Europe", "pressline", STYLE_WIRE | STYLE_BLANK },
    { "Dunmarrow Herald", "dunmarrowherald", STYLE_STRAIGHT },
    { "Newsfold", "newsfold", STYLE_AGGREGATOR },
};
const size_t outlets_count = COUNT(outlets);
/* The last outlet, Newsfold, only republishes other outlets' articles. */
const size_t aggregator_outlet = COUNT(outlets) - 1;

const char *const nav_lines[] = {
    "Home | News | World | Business | Sport | Culture | Opinion", "Skip to main content", "Menu",
    "Search", "Sign in", "News › %G › %L", "Home › %I", "Latest | Local | Politics | Money | Weather",
};
const size_t nav_lines_count = COUNT(nav_lines);
const char *const share_lines[] = {
    "Share this article", "Share on Facebook", "Share on X", "Share via email", "Copy link",
    "Share: Facebook · X · WhatsApp · Email", "Print this page",
};
const size_t share_lines_count = COUNT(share_lines);
const char *const subscribe_lines[] = {
    "Sign up to the %S morning newsletter", "Subscribe for unlimited access – from €1 a week",
    "Get the day’s top stories in your inbox. Subscribe now.", "Already a subscriber? Log in",
};
const size_t subscribe_lines_count = COUNT(subscribe_lines);
const char *const comment_lines[] = {
    "Leave a comment", "Your email address will not be published. Required fields are marked *",
    "Comment *", "Name *", "Email *", "Website",
    "Save my name and email in this browser for the next time I comment.", "Post Comment",
};
const size_t comment_lines_count = COUNT(comment_lines);
const char *const copyright_lines[] = {
    "© %Y %S. All rights reserved.", "Copyright %Y %S. This material may not be reproduced without permission.",
    "© %S %Y", "All content © %S, %Y — Terms | Privacy | Contact us",
};
const size_t copyright_lines_count = COUNT(copyright_lines);
const char *const captions[] = {
    "%A speaks to reporters in %L on %D. (Photo: %R/%S)", "A view of %L on %D. Photo: %R / %S",
    "%A, %r, pictured in %P. (%S)", "People gather outside the offices of %O in %L. Image: %R",
    "File photo: %B at an event in %K.", "Photograph: %R for %S",
};
const size_t captions_count = COUNT(captions);
const char *const bylines[] = {
    "By %R", "By %R and %U", "%R, Staff Reporter", "By %R | %S", "%R in %L", "By %R, %S",
};
const size_t bylines_count = COUNT(bylines);
