"""Small word lists the heuristics lean on. Hand-written, general English; nothing downloaded.

Kept in one place so a teacher-facing change ("treat 'showrunner' as a role") is a one-line edit.
"""

from __future__ import annotations

STOP_WORDS = frozenset(
    """
a about above after again against all almost also although always am among an and another any
are around as at be because been before being below between both but by can could did do does
doing done down during each either else even ever every few for from further had has have having
he her here hers herself him himself his how however i if in into is it its itself just least less
like many may me might more most much must my myself neither never no nor not now of off often on
once one only or other others our ours ourselves out over own per perhaps quite rather really same
several she should since so some such than that the their theirs them themselves then there these
they this those though through thus to too under until up upon us very via was we well were what
whatever when where whether which while who whom whose why will with within without would yet you
your yours yourself yourselves it's that's there's they're we're i'm you're don't doesn't can't
won't isn't aren't wasn't weren't let's get gets got make makes made new way ways thing things
lot lots something someone anything everything nothing first last next still already even just
""".split()
)

#: Capitalised words that start sentences or headings but are never names.
NOT_NAMES = frozenset(
    """
The A An In On At For From To Of And But Or Nor So Yet If When While Whenever Where Why How What
Which Who Whom Whose This That These Those There Here Then Than Some Many Most Much Few Each Every
All Any Both Either Neither No Not Once Since After Before During Until Unlike Like Despite
Although Though Because As With Without Within Into Onto Over Under Between Among Through Today
Yesterday Tomorrow Yes It Its It's He She His Her Hers They Them Their We Our Us You Your I My Me
Mr Mrs Ms Dr Prof Sir Madam Also Even Only Just Still Now Meanwhile However Moreover Furthermore
Instead Indeed Perhaps Maybe Whether Let Let's Imagine Think Wonder Want Next Final Finally First
Second Third Last One Two Three Four Five Six Seven Eight Nine Ten Chapter Part Section Figure
Table Introduction Conclusion Summary Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December Spring
Summer Autumn Fall Winter Western Eastern Northern Southern Global Local National International
Creative Producer Director Writer Executive Senior Junior Chief Head Star Episode Season I’ll
I'll I’m I'm I’ve I've I’d I'd
""".split()
)

MONTHS = frozenset(
    """January February March April May June July August September October November
December""".split()
)

#: Words that make a capitalised phrase an organisation.
ORG_WORDS = frozenset(
    """
Studio Studios Inc Inc. Corp Corp. Corporation Company Co Co. Ltd Ltd. LLC Agency Council Network
Networks Group Entertainment Pictures Films Media Broadcasting Broadcast Bank University College
Institute Foundation Association Ministry Commission Committee Society Records Labs Lab Press
Publishing Publishers Games Productions Production Channel Airlines Motors Holdings Partners
Bureau Department Office Service Services Authority Federation League Union Club Museum Gallery
Hospital School Academy Organization Organisation Center Centre Systems Technologies Software
""".split()
)

#: Organisations so widely known that no cue is needed to type them (kept short and global).
KNOWN_COMPANIES = frozenset(
    """
Netflix Disney Disney+ Amazon Apple Google YouTube HBO Hulu BBC CNN Sony Samsung Microsoft Meta
Facebook Instagram TikTok Spotify Paramount Warner Universal Pixar Marvel Nintendo Tesla IBM
Intel Nvidia Toyota Hyundai Coca-Cola Pepsi Nike Adidas Twitter OpenAI Reuters Bloomberg
""".split()
)

#: Words before a capitalised phrase that say it is a company.
COMPANY_CUES = frozenset(
    """company companies studio studios firm broadcaster broadcasters
network networks platform platforms service services startup giant giants label agency
publisher distributor streamer streamers""".split()
)

#: Words before a capitalised phrase that say it is the title of a work.
TITLE_CUES = frozenset(
    """
drama dramas series miniseries show shows sitcom comedy thriller film films movie movies
documentary webtoon webtoons manga anime novel novels book books album albums song songs single
play musical opera game games episode podcast painting poem story stories franchise k-drama
kdrama hit hits blockbuster
""".split()
)

#: Words before a capitalised phrase that say it is a person.
PERSON_CUES = frozenset(
    """
director directors producer producers writer writers screenwriter screenwriters author authors
actor actors actress actresses star stars singer singers composer artist artists ceo founder
co-founder president chairman chairwoman minister professor dr mr mrs ms sir teacher scientist
journalist editor showrunner creator creators chef coach player captain king queen prince
princess named name called by with like host designer architect engineer poet painter novelist
""".split()
)

#: Roles people hold, longest first when matching; plural forms are found by adding "s".
ROLES = tuple(
    sorted(
        set(
            """
assistant director|art director|casting director|creative director|creative producer|
director of photography|executive producer|line producer|production designer|script supervisor|
script consultant|sound engineer|sound designer|foley artist|camera operator|music supervisor|
costume designer|makeup artist|visual effects supervisor|colorist|colourist|cinematographer|
showrunner|screenwriter|scriptwriter|producer|director|writer|editor|composer|actor|actress|
stunt coordinator|location manager|production manager|script editor|story writer|
chief executive|chief executive officer|chief financial officer|chief technology officer|
ceo|cto|cfo|founder|co-founder|chairman|chairwoman|president|vice president|manager|
project manager|product manager|engineer|software engineer|data scientist|designer|
teacher|professor|lecturer|researcher|scientist|journalist|reporter|translator|consultant|
illustrator|animator|author|novelist|poet|photographer|architect|lawyer|judge|doctor|nurse|
surgeon|pharmacist|accountant|analyst|economist|historian|curator|librarian|
""".replace("\n", "").split("|")
        )
        - {""},
        key=lambda r: (-len(r), r),
    )
)

#: Irregular plurals of role words.
ROLE_PLURALS = {
    "director of photography": "directors of photography",
    "actress": "actresses",
    "chairman": "chairmen",
    "chairwoman": "chairwomen",
    "chief executive officer": "chief executive officers",
}

COUNTRIES = frozenset(
    """
Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bangladesh Belarus
Belgium Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Croatia Cuba
Cyprus Czechia Denmark Ecuador Egypt England Estonia Ethiopia Finland France Georgia Germany Ghana
Greece Guatemala Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan
Jordan Kazakhstan Kenya Korea Kuwait Laos Latvia Lebanon Libya Lithuania Luxembourg Malaysia
Mali Malta Mexico Mongolia Morocco Myanmar Nepal Netherlands Nigeria Norway Pakistan Panama
Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Scotland Senegal Serbia
Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tanzania Thailand
Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Wales Yemen Zambia Zimbabwe
Europe Asia Africa America Oceania Antarctica Hollywood Bollywood
""".split()
) | frozenset(
    {
        "South Korea",
        "North Korea",
        "South Africa",
        "New Zealand",
        "United States",
        "United Kingdom",
        "Saudi Arabia",
        "Hong Kong",
        "Sri Lanka",
        "Costa Rica",
        "North America",
        "South America",
        "Latin America",
        "Middle East",
        "Southeast Asia",
    }
)

#: Words before a single capitalised word that say it is a place.
PLACE_CUES = frozenset("in from across throughout near outside inside".split())

NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}

SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}

CURRENCY_SYMBOLS = {
    "$": "dollars",
    "US$": "US dollars",
    "€": "euros",
    "£": "pounds",
    "¥": "yen",
    "₩": "won",
    "₹": "rupees",
}
CURRENCY_WORDS = frozenset(
    "dollars dollar euros euro pounds pound yen won rupees usd eur gbp krw jpy".split()
)

#: Sentence openers that refer back to something the card would not show.
VAGUE_OPENERS = frozenset(
    "it it's its this that that's these those they they're their them here such both which".split()
)
PERSONAL_PRONOUNS = {"he": "", "she": "", "his": "'s", "her": "'s"}

#: Openers of rhetorical or conversational sentences rather than facts.
RHETORICAL_OPENERS = frozenset(
    "imagine think wonder want wanted tell check join so please "
    "remember consider picture guess ask let's let".split()
)
FIRST_PERSON = frozenset(
    "i i'm i've i'll i'd me my mine myself we we're we've we'll we'd us our ours ourselves "
    "let's let’s".split()
)

#: Words that describe a tool rather than name it: "the main program which ...", "the new module
#: that ..." name no particular tool.
TOOL_MODIFIERS = frozenset(
    "main new old same other first last next previous following default standard built-in "
    "core basic whole original special simple given particular right appropriate relevant "
    "corresponding underlying actual real entire single separate external internal additional "
    "extra own only latest current third-party custom generic common usual".split()
)
