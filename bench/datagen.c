/* sl-datagen: a deterministic synthetic news corpus for benchmarks.
 *
 *   sl-datagen [--size=100M] [--seed=N] [--docs-mojibake=0.05]
 *              [--docs-entities=0.03] [--dup-rate=0.2]
 *              [--format=jsonl|txt-dir] [--truth=FILE] [--verbose] [-o PATH]
 *
 * Articles are written from our own word lists and sentence templates and
 * grouped into stories that share people, places, organisations and dates.
 * A fraction of documents derive from earlier ones: exact copies, near
 * copies (a few words changed), revisions (extended versions) and articles
 * that contain a passage of another.  Pages carry the usual chrome
 * (navigation, share and subscribe prompts, comment forms, copyright lines),
 * captions, bylines and datelines; some documents are damaged with mojibake
 * (UTF-8 read as cp1252, once or twice) or HTML entities.
 *
 * The same seed gives byte-identical output, and a smaller --size gives a
 * prefix of a larger one: generation stops before the first document that
 * would take the output past --size.  Standalone C11, no dependencies. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ word lists */

static const char *const first_names[] = {
    "Marta", "Idris", "Tove", "Renée", "José", "Anouk", "Bram", "Céline", "Dario", "Elif",
    "Farid", "Greta", "Hanne", "Ilse", "Jonas", "Kasia", "Leif", "Mirela", "Nadia", "Oskar",
    "Priya", "Quentin", "Rosa", "Søren", "Talia", "Ugo", "Vesna", "Wim", "Yara", "Zoë",
    "Amara", "Björn", "Corin", "Desta", "Emeka", "Fenna", "Goran", "Hiroko", "Inés", "Jalen",
};
static const char *const last_names[] = {
    "Kovell", "Palamo", "Ransel", "Dufrain", "Almavar", "Brannick", "Ostrova", "Teague",
    "Mirelli", "Haskard", "Quennec", "Vaszary", "Lindqvist", "Orbane", "Castelló", "Feyrin",
    "Marrow", "Ndiaye-Holt", "Szerén", "Whitcombe", "Adeyemo", "Brucklin", "Delacourt", "Ekwall",
    "Fontaine-Roux", "Gravell", "Hollin", "Ibarreta", "Jessop", "Kalnins", "Lauterbach", "Moreno-Paz",
    "Nyberg", "Oduya", "Petrakis", "Rudd", "Salvesen", "Tamboli", "Ulvang", "Yardley",
};
/* Invented towns; towns[i] lies in countries[i % COUNT(countries)]. */
static const char *const towns[] = {
    "Vellmora", "Castrel", "Orrin Bay", "Lindqvar", "Port Amsel", "Kesterholm", "Saint-Aurèle",
    "Dunmarrow", "Tallis Ford", "Grenvik", "Mirabeau Falls", "Ostergaard", "Brennock", "Sálvora",
    "Hollowmere", "Caddon", "Eskelund", "Vossberg", "Ardenne-sur-Lys", "Pellinor", "Quarrystone",
    "Ravensholt", "Tiverne", "Umbrell",
};
static const char *const countries[] = {
    "Norland", "the Kessen Republic", "Varrow", "Estmere", "Sorvania", "Aldmark",
};
static const char *const orgs[] = {
    "the Norland Rail Authority", "Kessen Energy Group", "Dorrel & Finch", "the %L City Council",
    "the Ministry of Waterways", "Bluecrest Pharma", "the United Harbour Workers’ Union",
    "Castrel University", "Halvard Mining", "the Solvent Bank of Varrow", "the %L Fire Service",
    "Lumen Aerospace", "the Estmere Transport Board", "Greywater Logistics", "Marlow & Teague",
    "the Sorvanian Institute of Health", "Northgate Telecom", "the Aldmark Farmers’ Federation",
    "Ferrand Construction", "the %L Port Authority", "Orison Foods", "the Varrow Audit Office",
    "Kite Street Capital", "the Institute for Coastal Research",
};
static const char *const roles[] = {
    "the mayor of %L", "a spokesperson for %O", "a press officer at %O", "the chief executive of %O",
    "a senior official at %O", "a lawyer for the families", "a resident of %L", "the head of %O",
    "an analyst at %Q", "a professor at Castrel University", "the interior minister of %G",
    "the chair of %Q", "a councillor in %L", "a former director of %O",
};
static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
};
static const char *const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char *const relative_times[] = {
    "on %D", "on %D", "on %D", "on %D morning", "late on %D", "yesterday", "last week",
    "earlier this week", "on %W", "this week", "over the weekend", "two days ago",
    "earlier this month", "on %D evening",
};
static const char *const fillers[] = {
    "reportedly", "also", "now", "local", "several", "new", "major", "recent", "further",
    "officially", "largely", "early", "formally", "broadly", "quickly",
};

enum { TOPIC_BODY = 6 }; /* fixed body sentences per topic */

typedef struct topic {
    const char *event, *people, *tag;
    const char *title[3], *lead[3], *body[TOPIC_BODY], *quote[4];
} topic;

static const topic topics[] = {
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

static const char *const generic_sentences[] = {
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
_Static_assert(TOPIC_BODY + COUNT(generic_sentences) <= 32, "write_sentence keeps one bit per fixed sentence");

/* Sentences put together from parts, for vocabulary: subject, reporting
 * verb, what it is about, what happens to it, and sometimes when. */
static const char *const subjects[] = {
    "%A", "%O", "Officials in %L", "The government of %G", "Residents of %K", "%Q", "Police in %L",
    "A spokesperson for %O", "Local newspapers", "Several %f", "Experts at %Q", "%a", "%b", "%C, %t,",
    "Campaigners in %L", "Engineers working for %O", "A report commissioned by %Q", "Lawmakers in %G",
};
static const char *const report_verbs[] = {
    "said", "warned", "confirmed", "suggested", "insisted", "argued", "noted", "acknowledged",
    "claimed", "told %S", "predicted", "wrote in a letter", "repeated",
};
static const char *const topics_of_talk[] = {
    "the budget for %L", "the timetable", "the final report", "the proposal", "the inquiry",
    "the contract with %Q", "the agreement", "the review", "new safety rules", "the compensation scheme",
    "the recovery plan", "emergency funding", "the licence", "the cost of %e", "the response to %e",
    "a second phase", "the public consultation", "the rescue effort", "the new figures", "the pilot scheme",
};
static const char *const outcomes[] = {
    "would be delayed", "was under pressure", "had been approved", "could cost %X", "would be announced by %F",
    "had not been discussed with %f", "was being rewritten", "would go ahead", "had been put on hold",
    "needed more time", "had gone better than expected", "would be examined by %Q", "was never realistic",
    "would affect about %N %f", "had been cut by %M per cent", "should be made public", "was still unclear",
};
static const char *const when_phrases[] = {
    "", "", "", " %T", " in a statement", " at a press conference in %L", " in an interview",
    " on %D", " earlier in the day", " after a meeting in %K", " in %P", " last month",
};

static const char *const quote_forms[] = {
    "“%q,” said %A, %r.", "“%q,” %a said.", "“%q,” %b told %S.", "%B, %s, said: “%q.”",
    "“%q,” said %c. “%q.”", "“%q,” %C, %t, said %T.", "“%q,” said %a.",
};
static const char *const generic_quotes[] = {
    "We are doing everything we can", "Nobody should have to go through this",
    "It’s too early to say what went wrong", "We’ve been warning about this for years",
    "This is a difficult day for %L", "Our priority is the safety of the people of %L",
    "I don’t think anyone expected it to happen so quickly",
    "We will look at every option, and we won’t rule anything out",
    "There are lessons here for everyone, including us", "People want answers, and they deserve them",
    "We’re confident the decision was the right one", "It’s a question of trust",
};

/* ----------------------------------------------------------- page chrome */

enum { STYLE_WIRE = 1, STYLE_STRAIGHT = 2, STYLE_BLANK = 4, STYLE_DATED = 8, STYLE_AGGREGATOR = 16 };

typedef struct outlet {
    const char *name, *domain;
    unsigned style;
} outlet;

static const outlet outlets[] = {
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
#define AGGREGATOR (COUNT(outlets) - 1)

static const char *const nav_lines[] = {
    "Home | News | World | Business | Sport | Culture | Opinion", "Skip to main content", "Menu",
    "Search", "Sign in", "News › %G › %L", "Home › %I", "Latest | Local | Politics | Money | Weather",
};
static const char *const share_lines[] = {
    "Share this article", "Share on Facebook", "Share on X", "Share via email", "Copy link",
    "Share: Facebook · X · WhatsApp · Email", "Print this page",
};
static const char *const subscribe_lines[] = {
    "Sign up to the %S morning newsletter", "Subscribe for unlimited access – from €1 a week",
    "Get the day’s top stories in your inbox. Subscribe now.", "Already a subscriber? Log in",
};
static const char *const comment_lines[] = {
    "Leave a comment", "Your email address will not be published. Required fields are marked *",
    "Comment *", "Name *", "Email *", "Website",
    "Save my name and email in this browser for the next time I comment.", "Post Comment",
};
static const char *const copyright_lines[] = {
    "© %Y %S. All rights reserved.", "Copyright %Y %S. This material may not be reproduced without permission.",
    "© %S %Y", "All content © %S, %Y — Terms | Privacy | Contact us",
};
static const char *const captions[] = {
    "%A speaks to reporters in %L on %D. (Photo: %R/%S)", "A view of %L on %D. Photo: %R / %S",
    "%A, %r, pictured in %P. (%S)", "People gather outside the offices of %O in %L. Image: %R",
    "File photo: %B at an event in %K.", "Photograph: %R for %S",
};
static const char *const bylines[] = {
    "By %R", "By %R and %U", "%R, Staff Reporter", "By %R | %S", "%R in %L", "By %R, %S",
};

/* ------------------------------------------------------ errors, buffers */

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sl-datagen: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void buf_reserve(buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        die("out of memory");
    b->p = p;
    b->cap = cap;
}

static void buf_put(buf *b, const char *s, size_t n)
{
    if (n == 0) /* b->p may still be NULL */
        return;
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }
static void buf_putc(buf *b, char c) { buf_put(b, &c, 1); }

static void buf_putu(buf *b, unsigned long long v)
{
    char tmp[24];
    buf_put(b, tmp, (size_t)snprintf(tmp, sizeof tmp, "%llu", v));
}

/* ------------------------------------------------------------- randomness */

/* SplitMix64: small, fast, and the same on every platform. */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint32_t rng_below(rng *r, size_t n) { return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32); }
static bool rng_chance(rng *r, double p) { return (double)(rng_next(r) >> 11) * 0x1.0p-53 < p; }
static int rng_range(rng *r, int lo, int hi) { return lo + (int)rng_below(r, (size_t)(hi - lo + 1)); }
static const char *pick(rng *r, const char *const *list, size_t n) { return list[rng_below(r, n)]; }

/* ------------------------------------------------------------------ dates */

/* Days count from 2019-01-01, a Tuesday. */
typedef struct civil {
    int year, month, day; /* month 0-11, day 1-31 */
} civil;

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static civil civil_from_days(int days)
{
    static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    civil c = { 2019, 0, 1 };
    while (days >= (leap(c.year) ? 366 : 365))
        days -= leap(c.year) ? 366 : 365, c.year++;
    for (;;) {
        int n = month_days[c.month] + (c.month == 1 && leap(c.year));
        if (days < n)
            break;
        days -= n;
        c.month++;
    }
    c.day = days + 1;
    return c;
}

static void put_month_day(buf *b, int days)
{
    civil c = civil_from_days(days);
    buf_puts(b, months[c.month]);
    buf_putc(b, ' ');
    buf_putu(b, (unsigned)c.day);
}

/* ---------------------------------------------------------------- stories */

typedef struct story {
    uint32_t id;
    uint8_t topic, town, other_town, org[2];
    uint8_t first[3], last[3], role[3];
    uint32_t number, money; /* headline figure; money in tenths of a million */
    int day;                /* days since 2019-01-01 */
    int remaining;          /* articles still to come */
} story;

static story make_story(rng *r, uint32_t id, int day)
{
    story s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.topic = (uint8_t)rng_below(r, COUNT(topics));
    s.town = (uint8_t)rng_below(r, COUNT(towns));
    s.other_town = (uint8_t)((s.town + 1 + rng_below(r, COUNT(towns) - 1)) % COUNT(towns));
    s.org[0] = (uint8_t)rng_below(r, COUNT(orgs));
    s.org[1] = (uint8_t)((s.org[0] + 1 + rng_below(r, COUNT(orgs) - 1)) % COUNT(orgs));
    uint32_t base = rng_below(r, COUNT(last_names));
    for (int i = 0; i < 3; i++) {
        s.first[i] = (uint8_t)rng_below(r, COUNT(first_names));
        s.last[i] = (uint8_t)((base + (uint32_t)i * 7) % COUNT(last_names)); /* three different people */
        s.role[i] = (uint8_t)rng_below(r, COUNT(roles));
    }
    s.number = (uint32_t)rng_range(r, 12, 4800);
    s.money = (uint32_t)rng_range(r, 11, 950);
    s.day = day;
    s.remaining = rng_chance(r, 0.35) ? 1 : rng_range(r, 2, 12);
    return s;
}

/* ------------------------------------------------------ template expansion */

/* What a template is expanded against: the story, the outlet and the
 * randomness of the document being written. */
typedef struct gen {
    rng r;
    const story *st;
    const outlet *out;
    unsigned reporter; /* an index mixed into the name lists */
    uint32_t used;     /* topic and generic sentences already in this text */
    bool headline;     /* headline style: no "the" before organisations */
} gen;

static void expand(gen *g, buf *b, const char *tpl);
static void capitalise(buf *b, size_t at);

static void put_person(gen *g, buf *b, int i, bool full)
{
    if (full) {
        buf_puts(b, first_names[g->st->first[i]]);
        buf_putc(b, ' ');
    }
    buf_puts(b, last_names[g->st->last[i]]);
}

static void put_reporter(buf *b, unsigned k)
{
    buf_puts(b, first_names[(k * 7 + 3) % COUNT(first_names)]);
    buf_putc(b, ' ');
    buf_puts(b, last_names[(k * 11 + 5) % COUNT(last_names)]);
}

/* One slot, "%x"; returns false for an unknown letter. */
static bool expand_slot(gen *g, buf *b, char slot)
{
    const story *s = g->st;
    const topic *t = &topics[s->topic];
    switch (slot) {
    case 'A': case 'B': case 'C': put_person(g, b, slot - 'A', true); break;
    case 'a': case 'b': case 'c': put_person(g, b, slot - 'a', false); break;
    case 'r': case 's': case 't': expand(g, b, roles[s->role[slot - 'r']]); break;
    case 'O': case 'Q': {
        const char *org = orgs[s->org[slot == 'Q']];
        expand(g, b, g->headline && strncmp(org, "the ", 4) == 0 ? org + 4 : org);
        break;
    }
    case 'L': buf_puts(b, towns[s->town]); break;
    case 'K': buf_puts(b, towns[s->other_town]); break;
    case 'G': buf_puts(b, countries[s->town % COUNT(countries)]); break;
    case 'N': buf_putu(b, s->number); break;
    case 'M': buf_putu(b, (unsigned)rng_range(&g->r, 2, 60)); break;
    case 'X':
        buf_puts(b, "€");
        buf_putu(b, s->money / 10);
        buf_putc(b, '.');
        buf_putu(b, s->money % 10);
        buf_puts(b, " million");
        break;
    case 'D': buf_puts(b, weekdays[(s->day + 1) % 7]); break;
    case 'W': put_month_day(b, s->day); break;
    case 'F': put_month_day(b, s->day + rng_range(&g->r, 14, 120)); break;
    case 'Y': buf_putu(b, (unsigned)civil_from_days(s->day).year); break;
    case 'P': buf_putu(b, (unsigned)(civil_from_days(s->day).year - rng_range(&g->r, 2, 15))); break;
    case 'T': expand(g, b, pick(&g->r, relative_times, COUNT(relative_times))); break;
    case 'e': buf_puts(b, t->event); break;
    case 'f': buf_puts(b, t->people); break;
    case 'I': buf_puts(b, t->tag); break;
    case 'q':
        if (rng_chance(&g->r, 0.5))
            expand(g, b, t->quote[rng_below(&g->r, COUNT(t->quote))]);
        else
            expand(g, b, pick(&g->r, generic_quotes, COUNT(generic_quotes)));
        break;
    case 'S': buf_puts(b, g->out->name); break;
    case 'R': put_reporter(b, g->reporter); break;
    case 'U': put_reporter(b, g->reporter + 1); break;
    default: return false;
    }
    return true;
}

/* Copy tpl into b, replacing "%x" slots; "%^x" capitalises the first
 * letter of what the slot gives. */
static void expand(gen *g, buf *b, const char *tpl)
{
    for (;;) {
        const char *pct = strchr(tpl, '%');
        if (!pct) {
            buf_puts(b, tpl);
            return;
        }
        buf_put(b, tpl, (size_t)(pct - tpl));
        bool upper = pct[1] == '^';
        char slot = pct[upper ? 2 : 1];
        size_t at = b->len;
        if (!expand_slot(g, b, slot))
            die("bad template slot '%%%c' in \"%s\"", slot, tpl);
        if (upper)
            capitalise(b, at);
        tpl = pct + (upper ? 3 : 2);
    }
}

/* ------------------------------------------------------------ articles */

static void capitalise(buf *b, size_t at)
{
    if (at < b->len && b->p[at] >= 'a' && b->p[at] <= 'z')
        b->p[at] = (char)(b->p[at] - 'a' + 'A');
}

static void write_composed(gen *g, buf *b)
{
    expand(g, b, pick(&g->r, subjects, COUNT(subjects)));
    buf_putc(b, ' ');
    expand(g, b, pick(&g->r, report_verbs, COUNT(report_verbs)));
    buf_puts(b, rng_chance(&g->r, 0.5) ? " that " : " ");
    expand(g, b, pick(&g->r, topics_of_talk, COUNT(topics_of_talk)));
    buf_putc(b, ' ');
    expand(g, b, pick(&g->r, outcomes, COUNT(outcomes)));
    expand(g, b, pick(&g->r, when_phrases, COUNT(when_phrases)));
    buf_putc(b, '.');
}

static void write_sentence(gen *g, buf *b)
{
    const topic *t = &topics[g->st->topic];
    size_t at = b->len;
    uint32_t k = rng_below(&g->r, 100);
    /* Fixed sentences are used once per text: the topic's own are bits
     * 0 to TOPIC_BODY - 1 of g->used, the generic ones the bits above. */
    uint32_t fixed = k < 50 ? rng_below(&g->r, TOPIC_BODY) : TOPIC_BODY + rng_below(&g->r, COUNT(generic_sentences));
    if (k < 25) {
        expand(g, b, pick(&g->r, quote_forms, COUNT(quote_forms)));
    } else if (k < 65 && !(g->used & (1u << fixed))) {
        g->used |= 1u << fixed;
        expand(g, b, fixed < TOPIC_BODY ? t->body[fixed] : generic_sentences[fixed - TOPIC_BODY]);
    } else {
        write_composed(g, b);
    }
    capitalise(b, at);
}

/* Body paragraphs end with '\n' and never contain one. */
static void write_paragraph(gen *g, buf *b)
{
    int n = rng_range(&g->r, 1, 3);
    for (int i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ' ');
        write_sentence(g, b);
    }
    buf_putc(b, '\n');
}

static void write_lead(gen *g, buf *b)
{
    const topic *t = &topics[g->st->topic];
    size_t at = b->len;
    expand(g, b, t->lead[rng_below(&g->r, COUNT(t->lead))]);
    capitalise(b, at);
    buf_putc(b, ' ');
    write_sentence(g, b);
    buf_putc(b, '\n');
}

static void write_title(gen *g, buf *b)
{
    const topic *t = &topics[g->st->topic];
    size_t at = b->len;
    g->headline = true;
    expand(g, b, t->title[rng_below(&g->r, COUNT(t->title))]);
    g->headline = false;
    capitalise(b, at);
}

static void write_body(gen *g, buf *b, int paragraphs)
{
    write_lead(g, b);
    for (int i = 0; i < paragraphs; i++)
        write_paragraph(g, b);
}

/* Upper-case a town for a dateline: ASCII letters and the Latin-1 range of
 * two-byte UTF-8 (é -> É). */
static void put_upper(buf *b, const char *s)
{
    size_t at = b->len;
    buf_puts(b, s);
    for (size_t i = at; i < b->len; i++) {
        unsigned char c = (unsigned char)b->p[i];
        if (c >= 'a' && c <= 'z')
            b->p[i] = (char)(c - 32);
        else if (c == 0xC3 && i + 1 < b->len) {
            unsigned char d = (unsigned char)b->p[i + 1];
            if (d >= 0xA0 && d <= 0xBE && d != 0xB7)
                b->p[i + 1] = (char)(d - 0x20);
            i++;
        }
    }
}

static void write_dateline(gen *g, buf *b)
{
    if (g->out->style & STYLE_WIRE) {
        put_upper(b, towns[g->st->town]);
        expand(g, b, ", %G (%S) — ");
    } else if (rng_chance(&g->r, 0.5)) {
        put_upper(b, towns[g->st->town]);
        buf_puts(b, " – ");
    }
}

static void put_line(gen *g, buf *b, const char *tpl)
{
    expand(g, b, tpl);
    buf_putc(b, '\n');
}

static void put_lines(gen *g, buf *b, const char *const *list, size_t n, int most)
{
    uint32_t first = rng_below(&g->r, n);
    int count = rng_range(&g->r, 1, most);
    for (int i = 0; i < count && (size_t)i < n; i++)
        put_line(g, b, list[(first + (uint32_t)i) % n]);
}

typedef struct page {
    const char *title;
    const buf *body;
    int published;  /* minutes since 2019-01-01 */
    const char *note; /* revision note or NULL */
} page;

static void write_published(buf *b, int minutes, const char *label)
{
    civil c = civil_from_days(minutes / 1440);
    char tmp[96];
    snprintf(tmp, sizeof tmp, "%s %d %s %d %02d:%02d\n", label, c.day, months[c.month], c.year,
             minutes % 1440 / 60, minutes % 60);
    buf_puts(b, tmp);
}

/* The paragraphs, with captions, adverts and links between them. */
static void write_page_body(gen *g, buf *b, const page *pg, const char *sep)
{
    const char *p = pg->body->p, *end = p + pg->body->len;
    bool first = true;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (first)
            write_dateline(g, b);
        buf_put(b, p, (size_t)(nl - p));
        buf_puts(b, sep);
        p = nl + 1;
        first = false;
        uint32_t k = rng_below(&g->r, 100);
        if (k < 7) {
            put_line(g, b, pick(&g->r, captions, COUNT(captions)));
        } else if (k < 11) {
            buf_puts(b, rng_chance(&g->r, 0.5) ? "Advertisement\n" : "Story continues below advertisement\n");
        } else if (k < 14) {
            /* A link to some other story, made up on the spot. */
            rng other_r = { rng_next(&g->r) };
            story other = make_story(&other_r, 0, g->st->day);
            gen other_g = { other_r, &other, g->out, g->reporter, 0, false };
            buf_puts(b, "Read more: ");
            write_title(&other_g, b);
            buf_putc(b, '\n');
        }
    }
}

/* A whole page: chrome around the article.  The chrome comes from g->r, so
 * the same seed and outlet give the same chrome. */
static void render_page(gen *g, buf *b, const page *pg)
{
    const char *sep = g->out->style & STYLE_BLANK ? "\n\n" : "\n";
    if (rng_chance(&g->r, 0.6))
        put_lines(g, b, nav_lines, COUNT(nav_lines), 3);
    if (rng_chance(&g->r, 0.5)) {
        buf_puts(b, pg->title);
        buf_puts(b, sep);
    }
    if (rng_chance(&g->r, 0.7))
        put_line(g, b, pick(&g->r, bylines, COUNT(bylines)));
    if (g->out->style & STYLE_DATED)
        write_published(b, pg->published, "Published");
    write_page_body(g, b, pg, sep);
    if (pg->note)
        put_line(g, b, pg->note);
    if (rng_chance(&g->r, 0.6))
        put_lines(g, b, share_lines, COUNT(share_lines), 3);
    if (rng_chance(&g->r, 0.4))
        put_line(g, b, pick(&g->r, subscribe_lines, COUNT(subscribe_lines)));
    if (rng_chance(&g->r, 0.3))
        put_line(g, b, "Topics: %I, %L, %G");
    if (rng_chance(&g->r, 0.25))
        put_lines(g, b, comment_lines, COUNT(comment_lines), 8);
    if (rng_chance(&g->r, 0.7))
        put_line(g, b, pick(&g->r, copyright_lines, COUNT(copyright_lines)));
    while (b->len && b->p[b->len - 1] == '\n')
        b->len--;
}

/* ----------------------------------------------------------------- damage */

/* cp1252 bytes 0x80-0x9F as code points.  The five bytes cp1252 leaves
 * undefined become the C1 control of the same number, as browsers do. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void put_utf8(buf *b, unsigned cp)
{
    char t[3];
    if (cp < 0x800) {
        t[0] = (char)(0xC0 | cp >> 6);
        t[1] = (char)(0x80 | (cp & 0x3F));
        buf_put(b, t, 2);
    } else {
        t[0] = (char)(0xE0 | cp >> 12);
        t[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        buf_put(b, t, 3);
    }
}

/* Append s[0..n) as it looks when its UTF-8 bytes are decoded as cp1252. */
static void put_mojibake(buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && (unsigned char)s[run] < 0x80)
            run++;
        buf_put(b, s + i, run - i);
        if (run == n)
            break;
        unsigned char c = (unsigned char)s[run];
        put_utf8(b, c < 0xA0 ? cp1252_high[c - 0x80] : c);
        i = run + 1;
    }
}

/* Damage whole lines [from, to) of b, once or twice; tmp is scratch. */
static void damage_mojibake(buf *b, buf *tmp, size_t from, size_t to, int times)
{
    for (int k = 0; k < times; k++) {
        tmp->len = 0;
        buf_put(tmp, b->p, from);
        put_mojibake(tmp, b->p + from, to - from);
        size_t grown = tmp->len - from - (to - from);
        buf_put(tmp, b->p + to, b->len - to);
        to += grown;
        buf swap = *b;
        *b = *tmp;
        *tmp = swap;
    }
}

typedef struct entity {
    const char *text, *named, *numeric;
} entity;

static const entity entities[] = {
    { "’", "&rsquo;", "&#8217;" }, { "“", "&ldquo;", "&#8220;" }, { "”", "&rdquo;", "&#8221;" },
    { "—", "&mdash;", "&#8212;" }, { "–", "&ndash;", "&#8211;" }, { "é", "&eacute;", "&#233;" },
    { "&", "&amp;", "&#38;" },     { "\"", "&quot;", "&#34;" },   { "'", "&#39;", "&#39;" },
    { "©", "&copy;", "&#169;" },   { "€", "&euro;", "&#8364;" },  { "ö", "&ouml;", "&#246;" },
};

/* Replace some characters of b by HTML entities, named or numeric. */
static void damage_entities(buf *b, buf *tmp, bool numeric)
{
    tmp->len = 0;
    for (size_t i = 0; i < b->len;) {
        unsigned char c = (unsigned char)b->p[i];
        const entity *hit = NULL;
        if (c >= 0x80 || c == '&' || c == '"' || c == '\'') {
            for (size_t e = 0; e < COUNT(entities) && !hit; e++) {
                size_t n = strlen(entities[e].text);
                if (n <= b->len - i && memcmp(b->p + i, entities[e].text, n) == 0)
                    hit = &entities[e];
            }
        }
        if (hit) {
            buf_puts(tmp, numeric ? hit->numeric : hit->named);
            i += strlen(hit->text);
        } else {
            buf_putc(tmp, (char)c);
            i++;
        }
    }
    buf swap = *b;
    *b = *tmp;
    *tmp = swap;
}

/* Straight quotes for outlets that use them: “ ” -> ", ‘ ’ -> '. */
static void straighten_quotes(buf *b)
{
    size_t w = 0;
    for (size_t i = 0; i < b->len; i++) {
        const unsigned char *p = (const unsigned char *)b->p + i;
        if (p[0] == 0xE2 && i + 2 < b->len && p[1] == 0x80 && p[2] >= 0x98 && p[2] <= 0x9D) {
            b->p[w++] = p[2] >= 0x9C ? '"' : '\'';
            i += 2;
        } else {
            b->p[w++] = (char)p[0];
        }
    }
    b->len = w;
}

/* ------------------------------------------------------------- documents */

typedef struct doc {
    char id[16], of[16], cluster[16];
    unsigned outlet, reporter;
    uint64_t chrome_seed;
    int published;        /* minutes since 2019-01-01 */
    bool has_title, has_published;
    story st;
    buf url, title, body; /* title and body before any damage */
    buf title_out, text;  /* what is written */
    int rel;              /* REL_* */
    const char *damage;   /* "none", "mojibake", "entities", ... */
} doc;

static void buf_copy(buf *dst, const buf *src)
{
    dst->len = 0;
    buf_put(dst, src->p, src->len);
}

static void doc_copy(doc *d, const doc *s)
{
    buf url = d->url, title = d->title, body = d->body, title_out = d->title_out, text = d->text;
    *d = *s;
    d->url = url, d->title = title, d->body = body, d->title_out = title_out, d->text = text;
    buf_copy(&d->url, &s->url);
    buf_copy(&d->title, &s->title);
    buf_copy(&d->body, &s->body);
    buf_copy(&d->title_out, &s->title_out);
    buf_copy(&d->text, &s->text);
}

static void doc_reset(doc *d)
{
    d->url.len = d->title.len = d->body.len = d->title_out.len = d->text.len = 0;
    d->of[0] = d->cluster[0] = '\0';
    d->has_title = d->has_published = true;
    d->damage = "none";
}

static void doc_free(doc *d)
{
    free(d->url.p);
    free(d->title.p);
    free(d->body.p);
    free(d->title_out.p);
    free(d->text.p);
}

static gen doc_gen(doc *d, uint64_t seed)
{
    gen g = { { seed }, &d->st, &outlets[d->outlet], d->reporter, 0, false };
    return g;
}

static void make_url(doc *d, uint64_t number)
{
    const outlet *o = &outlets[d->outlet];
    civil c = civil_from_days(d->published / 1440);
    char section[16], tmp[160];
    size_t i = 0;
    for (const char *t = topics[d->st.topic].tag; *t && i + 1 < sizeof section; t++)
        section[i++] = (char)(*t >= 'A' && *t <= 'Z' ? *t - 'A' + 'a' : *t);
    section[i] = '\0';
    snprintf(tmp, sizeof tmp, "https://www.%s.example/%s/%d/%02d/%02d/", o->domain, section, c.year,
             c.month + 1, c.day);
    buf_puts(&d->url, tmp);
    size_t start = d->url.len;
    for (size_t k = 0; k < d->title.len && d->url.len - start < 60; k++) {
        char ch = d->title.p[k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            buf_putc(&d->url, ch);
        else if ((unsigned char)ch < 0x80 && d->url.p[d->url.len - 1] != '-')
            buf_putc(&d->url, '-');
    }
    if (d->url.p[d->url.len - 1] != '-')
        buf_putc(&d->url, '-');
    buf_putu(&d->url, number);
}

/* Lay the page out around title and body, in the outlet's quote style. */
static void render(doc *d, const char *note)
{
    buf_putc(&d->title, '\0'); /* render_page wants a C string */
    d->title.len--;
    gen g = doc_gen(d, d->chrome_seed);
    page pg = { d->title.p, &d->body, d->published, note };
    d->text.len = 0;
    render_page(&g, &d->text, &pg);
    buf_copy(&d->title_out, &d->title);
    if (outlets[d->outlet].style & STYLE_STRAIGHT) {
        straighten_quotes(&d->text);
        straighten_quotes(&d->title_out);
    }
}

/* ---------------------------------------------------------------- corpus */

enum { ACTIVE = 48, POOL = 128 };
enum { REL_ORIGINAL, REL_EXACT, REL_NEAR, REL_REVISION, REL_CONTAINED, REL_COUNT };
static const char *const relation_names[] = { "original", "exact", "near", "revision", "contained" };

typedef struct options {
    uint64_t size, seed;
    double mojibake, entities, dup_rate;
    bool txt_dir, verbose;
    const char *output, *truth;
} options;

typedef struct corpus {
    const options *opt;
    rng r;
    story active[ACTIVE];
    uint32_t stories;
    int clock; /* the day of the newest story */
    doc pool[POOL];
    size_t pool_n;
    uint64_t docs;
    buf tmp;
} corpus;

static void new_story(corpus *c, story *s)
{
    if (rng_chance(&c->r, 0.25))
        c->clock++;
    *s = make_story(&c->r, c->stories++, c->clock + (int)rng_below(&c->r, 2));
}

static void corpus_init(corpus *c, const options *o)
{
    memset(c, 0, sizeof *c);
    c->opt = o;
    c->r.s = o->seed ^ 0x5EED5EED5EED5EEDull;
    for (size_t i = 0; i < ACTIVE; i++)
        new_story(c, &c->active[i]);
}

static void set_published(corpus *c, doc *d, int minutes)
{
    d->published = minutes;
    d->has_published = !rng_chance(&c->r, 0.04);
}

static void make_original(corpus *c, doc *d)
{
    story *s = &c->active[rng_below(&c->r, ACTIVE)];
    d->st = *s;
    if (--s->remaining == 0)
        new_story(c, s);
    d->outlet = rng_below(&c->r, AGGREGATOR);
    d->reporter = d->outlet * 3 + rng_below(&c->r, 3);
    gen g = doc_gen(d, rng_next(&c->r));
    write_title(&g, &d->title);
    write_body(&g, &d->body, rng_range(&g.r, 4, 16));
    set_published(c, d, (d->st.day + (int)rng_below(&c->r, 3)) * 1440 + rng_range(&c->r, 360, 1320));
    make_url(d, c->docs);
    d->chrome_seed = rng_next(&c->r);
    d->has_title = !rng_chance(&c->r, 0.03);
    render(d, NULL);
}

static void make_exact(corpus *c, doc *d, const doc *src)
{
    doc_copy(d, src);
    d->published = src->published + (int)rng_below(&c->r, 90);
    if (rng_chance(&c->r, 0.5)) {
        d->outlet = AGGREGATOR;
        d->url.len = 0;
        buf_puts(&d->url, "https://newsfold.example/a/");
        buf_putu(&d->url, c->docs);
    } else {
        buf_puts(&d->url, "?utm_source=rss");
    }
}

/* Change a few words, and sometimes drop a paragraph after the lead. */
static void perturb(corpus *c, buf *body)
{
    int edits = rng_range(&c->r, 2, 6);
    for (int k = 0; k < edits; k++) {
        size_t at = rng_below(&c->r, body->len);
        while (at < body->len && body->p[at] != ' ')
            at++;
        size_t end = ++at;
        while (end < body->len && strchr(" ,.;:\n\"'", body->p[end]) == NULL && (unsigned char)body->p[end] < 0x80)
            end++;
        if (at >= body->len || end == at)
            continue;
        const char *w = pick(&c->r, fillers, COUNT(fillers));
        c->tmp.len = 0;
        buf_put(&c->tmp, body->p, at);
        buf_puts(&c->tmp, w);
        buf_put(&c->tmp, body->p + end, body->len - end);
        buf_copy(body, &c->tmp);
    }
    const char *lead_end = memchr(body->p, '\n', body->len);
    if (rng_chance(&c->r, 0.3) && lead_end && (size_t)(lead_end + 1 - body->p) < body->len) {
        size_t from = (size_t)(lead_end + 1 - body->p);
        const char *nl = memchr(body->p + from, '\n', body->len - from);
        size_t to = (size_t)(nl + 1 - body->p);
        memmove(body->p + from, body->p + to, body->len - to);
        body->len -= to - from;
    }
}

static void make_near(corpus *c, doc *d, const doc *src)
{
    doc_copy(d, src);
    d->damage = "none";
    perturb(c, &d->body);
    if (rng_chance(&c->r, 0.5)) {
        d->outlet = rng_below(&c->r, AGGREGATOR);
        d->reporter = d->outlet * 3 + rng_below(&c->r, 3);
        d->chrome_seed = rng_next(&c->r);
    }
    set_published(c, d, src->published + rng_range(&c->r, 30, 600));
    d->url.len = 0;
    make_url(d, c->docs);
    render(d, NULL);
}

static void make_revision(corpus *c, doc *d, const doc *src)
{
    doc_copy(d, src);
    d->damage = "none";
    gen g = doc_gen(d, rng_next(&c->r));
    int added = rng_range(&c->r, 1, 4);
    for (int i = 0; i < added; i++)
        write_paragraph(&g, &d->body);
    if (outlets[d->outlet].style & STYLE_WIRE) {
        c->tmp.len = 0;
        buf_puts(&c->tmp, "UPDATE 1-");
        buf_put(&c->tmp, d->title.p, d->title.len);
        buf_copy(&d->title, &c->tmp);
    }
    set_published(c, d, src->published + rng_range(&c->r, 60, 2880));
    render(d, "This article has been updated with comments from %B.");
}

/* Another outlet's article on the story that quotes a run of paragraphs of
 * src word for word. */
static void make_contained(corpus *c, doc *d, const doc *src)
{
    d->st = src->st;
    d->outlet = (src->outlet + 1 + rng_below(&c->r, AGGREGATOR - 1)) % AGGREGATOR;
    d->reporter = d->outlet * 3 + rng_below(&c->r, 3);
    gen g = doc_gen(d, rng_next(&c->r));
    write_title(&g, &d->title);
    write_lead(&g, &d->body);
    for (int i = rng_range(&g.r, 0, 2); i > 0; i--)
        write_paragraph(&g, &d->body);
    /* Paragraph boundaries of src: pick a run of 2-5 after the lead. */
    size_t starts[64], n = 0;
    for (size_t i = 0; i < src->body.len && n < COUNT(starts); i++)
        if (i == 0 || src->body.p[i - 1] == '\n')
            starts[n++] = i;
    size_t first = 1 + rng_below(&c->r, n > 2 ? n - 2 : 1);
    size_t last = first + (size_t)rng_range(&c->r, 2, 5);
    size_t from = starts[first < n ? first : n - 1];
    size_t to = last < n ? starts[last] : src->body.len;
    buf_put(&d->body, src->body.p + from, to - from);
    for (int i = rng_range(&g.r, 1, 3); i > 0; i--)
        write_paragraph(&g, &d->body);
    set_published(c, d, src->published + rng_range(&c->r, 60, 3000));
    make_url(d, c->docs);
    d->chrome_seed = rng_next(&c->r);
    render(d, NULL);
}

/* The first line at or after byte `at` (wrapping round) with a non-ASCII
 * character, as [*from, *to); false if the text is all ASCII. */
static bool non_ascii_line(const buf *t, size_t at, size_t *from, size_t *to)
{
    for (size_t k = 0; k < t->len; k++) {
        size_t i = (at + k) % t->len;
        if ((unsigned char)t->p[i] < 0x80)
            continue;
        *from = i;
        while (*from > 0 && t->p[*from - 1] != '\n')
            (*from)--;
        const char *nl = memchr(t->p + i, '\n', t->len - i);
        *to = nl ? (size_t)(nl - t->p) : t->len;
        return true;
    }
    return false;
}

static void damage(corpus *c, doc *d)
{
    bool moji = rng_chance(&c->r, c->opt->mojibake);
    bool ents = rng_chance(&c->r, c->opt->entities);
    if (ents) {
        bool numeric = rng_chance(&c->r, 0.4);
        damage_entities(&d->text, &c->tmp, numeric);
        damage_entities(&d->title_out, &c->tmp, numeric);
        d->damage = "entities";
    }
    size_t from, to;
    /* Only texts with something to damage; the whole text or one line (a
     * paragraph pasted from elsewhere). */
    if (moji && non_ascii_line(&d->text, rng_below(&c->r, d->text.len), &from, &to)) {
        int times = rng_chance(&c->r, 0.1) ? 2 : 1;
        if (!rng_chance(&c->r, 0.3)) {
            from = 0;
            to = d->text.len;
            damage_mojibake(&d->title_out, &c->tmp, 0, d->title_out.len, times);
        }
        damage_mojibake(&d->text, &c->tmp, from, to, times);
        d->damage = ents ? "entities+mojibake" : times == 2 ? "mojibake2" : "mojibake";
    }
}

static void pool_add(corpus *c, const doc *d)
{
    size_t slot = c->pool_n < POOL ? c->pool_n : rng_below(&c->r, POOL);
    if (c->pool_n < POOL)
        c->pool_n++;
    doc_copy(&c->pool[slot], d);
}

/* The next document into d. */
static void next_doc(corpus *c, doc *d)
{
    doc_reset(d);
    int rel = REL_ORIGINAL;
    if (c->pool_n > 0 && rng_chance(&c->r, c->opt->dup_rate)) {
        uint32_t k = rng_below(&c->r, 100);
        rel = k < 30 ? REL_EXACT : k < 60 ? REL_NEAR : k < 85 ? REL_REVISION : REL_CONTAINED;
    }
    const doc *src = rel == REL_ORIGINAL ? NULL : &c->pool[rng_below(&c->r, c->pool_n)];
    switch (rel) {
    case REL_ORIGINAL: make_original(c, d); break;
    case REL_EXACT: make_exact(c, d, src); break;
    case REL_NEAR: make_near(c, d, src); break;
    case REL_REVISION: make_revision(c, d, src); break;
    default: make_contained(c, d, src); break;
    }
    snprintf(d->id, sizeof d->id, "doc%07llu", (unsigned long long)c->docs);
    if (rel != REL_EXACT)
        damage(c, d);
    d->rel = rel;
    if (src) {
        memcpy(d->of, src->id, sizeof d->of);
        memcpy(d->cluster, rel == REL_CONTAINED ? d->id : src->cluster, sizeof d->cluster);
    } else {
        memcpy(d->cluster, d->id, sizeof d->cluster);
    }
    c->docs++;
}

/* ----------------------------------------------------------------- output */

static void put_json_string(buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    buf_reserve(b, n + 2);
    b->p[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && (unsigned char)s[run] >= 0x20 && s[run] != '"' && s[run] != '\\')
            run++;
        buf_put(b, s + i, run - i);
        if (run == n)
            break;
        unsigned char c = (unsigned char)s[run];
        char esc[6] = { '\\', (char)c, 0, 0, 0, 0 };
        size_t len = 2;
        if (c == '\n')
            esc[1] = 'n';
        else if (c == '\t')
            esc[1] = 't';
        else if (c < 0x20) {
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
        }
        buf_put(b, esc, len);
        i = run + 1;
    }
    buf_putc(b, '"');
}

static void put_json_field(buf *b, const char *key, const char *val, size_t n)
{
    buf_put(b, b->len ? ", \"" : "{\"", b->len ? 3 : 2);
    buf_puts(b, key);
    buf_puts(b, "\": ");
    put_json_string(b, val, n);
}

static void put_iso_time(buf *b, int minutes)
{
    civil c = civil_from_days(minutes / 1440);
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:00Z", c.year, c.month + 1, c.day,
             minutes % 1440 / 60, minutes % 60);
    buf_puts(b, tmp);
}

static void doc_to_json(buf *b, const doc *d, buf *tmp)
{
    const char *src = outlets[d->outlet].name;
    b->len = 0;
    put_json_field(b, "id", d->id, strlen(d->id));
    put_json_field(b, "source", src, strlen(src));
    put_json_field(b, "url", d->url.p, d->url.len);
    if (d->has_published) {
        tmp->len = 0;
        put_iso_time(tmp, d->published);
        put_json_field(b, "published", tmp->p, tmp->len);
    }
    if (d->has_title)
        put_json_field(b, "title", d->title_out.p, d->title_out.len);
    put_json_field(b, "text", d->text.p, d->text.len);
    buf_puts(b, "}\n");
}

static void truth_to_json(buf *b, const doc *d)
{
    char story_id[16];
    snprintf(story_id, sizeof story_id, "s%06u", (unsigned)d->st.id);
    b->len = 0;
    put_json_field(b, "id", d->id, strlen(d->id));
    put_json_field(b, "story", story_id, strlen(story_id));
    put_json_field(b, "cluster", d->cluster, strlen(d->cluster));
    put_json_field(b, "relation", relation_names[d->rel], strlen(relation_names[d->rel]));
    if (d->of[0])
        put_json_field(b, "of", d->of, strlen(d->of));
    else
        buf_puts(b, ", \"of\": null");
    put_json_field(b, "damage", d->damage, strlen(d->damage));
    buf_puts(b, "}\n");
}

typedef struct sink {
    const options *opt;
    FILE *out, *truth;
    uint64_t bytes;
    buf line, tmp;
} sink;

static FILE *open_file(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die("cannot open '%s' for writing: %s", path, strerror(errno));
    return f;
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        die("cannot create directory '%s': %s", path, strerror(errno));
}

static void sink_open(sink *k, const options *o)
{
    memset(k, 0, sizeof *k);
    k->opt = o;
    if (o->txt_dir)
        make_dir(o->output);
    else if (o->output)
        k->out = open_file(o->output);
    else
        k->out = stdout;
    if (k->out)
        setvbuf(k->out, NULL, _IOFBF, 1 << 20);
    if (o->truth)
        k->truth = open_file(o->truth);
}

static void write_all(FILE *f, const char *what, const char *p, size_t n)
{
    if (fwrite(p, 1, n, f) != n)
        die("cannot write %s: %s", what, strerror(errno));
}

static void write_txt(sink *k, const doc *d, uint64_t index)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%04llu", k->opt->output, (unsigned long long)(index / 1000));
    if (n < 0 || (size_t)n + 20 >= sizeof path)
        die("output path too long");
    if (index % 1000 == 0)
        make_dir(path);
    snprintf(path + n, sizeof path - (size_t)n, "/%s.txt", d->id);
    FILE *f = open_file(path);
    write_all(f, path, d->text.p, d->text.len);
    if (fclose(f) != 0)
        die("cannot write '%s': %s", path, strerror(errno));
}

/* Write d unless it would take the output past --size; false then. */
static bool sink_write(sink *k, const doc *d, uint64_t index)
{
    if (k->opt->txt_dir) {
        if (k->bytes + d->text.len > k->opt->size)
            return false;
        write_txt(k, d, index);
        k->bytes += d->text.len;
    } else {
        doc_to_json(&k->line, d, &k->tmp);
        if (k->bytes + k->line.len > k->opt->size)
            return false;
        write_all(k->out, "output", k->line.p, k->line.len);
        k->bytes += k->line.len;
    }
    if (k->truth) {
        truth_to_json(&k->line, d);
        write_all(k->truth, "truth file", k->line.p, k->line.len);
    }
    return true;
}

static void sink_close(sink *k)
{
    if (k->out && (fflush(k->out) != 0 || (k->out != stdout && fclose(k->out) != 0)))
        die("cannot write output: %s", strerror(errno));
    if (k->truth && fclose(k->truth) != 0)
        die("cannot write truth file: %s", strerror(errno));
    free(k->line.p);
    free(k->tmp.p);
}

/* ------------------------------------------------------------------ main */

static const char usage[] =
    "usage: sl-datagen [OPTIONS]\n"
    "Write a deterministic synthetic news corpus (same seed, same bytes).\n"
    "  --size=SIZE           stop before going past SIZE bytes (K, M, G = 2^10..; default 100M)\n"
    "  --seed=N              random seed (default 1)\n"
    "  --docs-mojibake=F     fraction of documents damaged by mojibake (default 0.05)\n"
    "  --docs-entities=F     fraction with HTML entities in the text (default 0.03)\n"
    "  --dup-rate=F          fraction that copy, revise or quote an earlier one (default 0.2)\n"
    "  --format=FMT          jsonl (default) or txt-dir (one .txt per document under -o DIR)\n"
    "  --truth=FILE          write the ground truth: id, story, cluster, relation, of, damage\n"
    "  -o, --output=PATH     write to PATH instead of standard output\n"
    "  -v, --verbose         print a summary on standard error\n";

static uint64_t parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
    }
    if (errno || end == s || *s == '-' || *end || v > (UINT64_MAX >> shift))
        die("--size takes a size such as 100M, not '%s'", s);
    return (uint64_t)v << shift;
}

static double parse_fraction(const char *name, const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= 0.0 && v <= 1.0))
        die("%s takes a fraction from 0 to 1, not '%s'", name, s);
    return v;
}

/* The value of "--name=VALUE", or NULL if arg is not that option. */
static const char *option_value(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

static void parse_args(int argc, char **argv, options *o)
{
    const char *v;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o->verbose = true;
        } else if (strcmp(a, "-o") == 0) {
            if (++i == argc)
                die("-o needs a path");
            o->output = argv[i];
        } else if (strncmp(a, "-o", 2) == 0 && a[2]) {
            o->output = a + 2;
        } else if ((v = option_value(a, "--output"))) {
            o->output = v;
        } else if ((v = option_value(a, "--size"))) {
            o->size = parse_size(v);
        } else if ((v = option_value(a, "--seed"))) {
            char *end;
            errno = 0;
            o->seed = strtoull(v, &end, 10);
            if (errno || end == v || *end || *v == '-')
                die("--seed takes a number, not '%s'", v);
        } else if ((v = option_value(a, "--docs-mojibake"))) {
            o->mojibake = parse_fraction("--docs-mojibake", v);
        } else if ((v = option_value(a, "--docs-entities"))) {
            o->entities = parse_fraction("--docs-entities", v);
        } else if ((v = option_value(a, "--dup-rate"))) {
            o->dup_rate = parse_fraction("--dup-rate", v);
        } else if ((v = option_value(a, "--format"))) {
            if (strcmp(v, "jsonl") != 0 && strcmp(v, "txt-dir") != 0)
                die("--format takes jsonl or txt-dir, not '%s'", v);
            o->txt_dir = strcmp(v, "txt-dir") == 0;
        } else if ((v = option_value(a, "--truth"))) {
            o->truth = v;
        } else {
            fputs(usage, stderr);
            die("unknown argument '%s'", a);
        }
    }
    if (o->txt_dir && !o->output)
        die("--format=txt-dir needs -o DIR");
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What was written, for --verbose. */
typedef struct tally {
    uint64_t docs, by_relation[REL_COUNT], mojibake, entities;
} tally;

static void tally_add(tally *t, const doc *d)
{
    t->docs++;
    t->by_relation[d->rel]++;
    t->mojibake += strstr(d->damage, "mojibake") != NULL;
    t->entities += strstr(d->damage, "entities") != NULL;
}

static void print_summary(const tally *t, uint64_t bytes, uint32_t stories, double secs)
{
    fprintf(stderr, "sl-datagen: %llu bytes, %llu documents, %u stories begun, %.2f s (%.1f MB/s)\n",
            (unsigned long long)bytes, (unsigned long long)t->docs, (unsigned)stories, secs,
            (double)bytes / 1e6 / (secs > 0 ? secs : 1e-9));
    fputs("sl-datagen: relations:", stderr);
    for (int i = 0; i < REL_COUNT; i++)
        fprintf(stderr, " %s %llu", relation_names[i], (unsigned long long)t->by_relation[i]);
    fprintf(stderr, "; damaged: mojibake %llu, entities %llu\n", (unsigned long long)t->mojibake,
            (unsigned long long)t->entities);
}

int main(int argc, char **argv)
{
    options o = { (uint64_t)100 << 20, 1, 0.05, 0.03, 0.2, false, false, NULL, NULL };
    parse_args(argc, argv, &o);
    double start = seconds_now();
    static corpus c; /* large: the pool of recent documents */
    corpus_init(&c, &o);
    sink k;
    sink_open(&k, &o);
    doc d;
    memset(&d, 0, sizeof d);
    tally written;
    memset(&written, 0, sizeof written);
    for (;;) {
        next_doc(&c, &d);
        if (!sink_write(&k, &d, written.docs))
            break;
        tally_add(&written, &d);
        if (d.rel == REL_ORIGINAL)
            pool_add(&c, &d);
    }
    sink_close(&k);
    if (o.verbose)
        print_summary(&written, k.bytes, c.stories, seconds_now() - start);
    doc_free(&d);
    for (size_t i = 0; i < POOL; i++)
        doc_free(&c.pool[i]);
    free(c.tmp.p);
    return 0;
}
