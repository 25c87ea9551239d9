"""Small hand-made word lists: stopwords, near-synonyms, opposites and negation cues.

The verifier compares stems, so "hired" and "recruited" or "open" and "proprietary" look
unrelated to it unless told. These lists are general English (not about any one corpus):
synonyms let a paraphrase count as support; opposites and negation cues let a flipped
claim count as a contradiction.
"""

from __future__ import annotations

import re

import Stemmer

_STEM = Stemmer.Stemmer("english")

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto than then that this these
those there here it its it's is are was were be been being am do does did done has have had
having will would shall should can could may might must also just so such very really quite
which who whom whose what when where why how all any both each few other some own same too
only i me my we us our you your he him his she her they them their what's who's about over
under again further once out up down off per via while during before after above below
between through against because until s t d ll re ve now yet still even ever already
said says say according reported reports report new recent recently one
called named known
roughly approximately nearly almost around circa
""".split())

# Phrases folded to one token before tokenising (a reader treats them as one word).
PHRASES = [
    ("artificial intelligence", "ai"), ("open source", "opensource"),
    ("open-source", "opensource"), ("open weight", "openweight"), ("open-weight", "openweight"),
    ("closed source", "closedsource"), ("closed-source", "closedsource"),
    ("chief executive officer", "ceo"), ("chief executive", "ceo"),
    ("chief financial officer", "cfo"), ("chief technology officer", "cto"),
    ("chief operating officer", "coo"), ("chief ai officer", "caio"),
    ("chief artificial intelligence officer", "caio"), ("united states", "us"),
    ("u.s.", "us"), ("per cent", "percent"), ("application programming interfaces", "api"),
    ("application programming interface", "api"), ("roll out", "rollout"), ("rolled out", "rollout"),
]

TITLES = frozenset({"ceo", "cfo", "cto", "coo", "caio"})

# Groups of words a claim may use for what the source says (stemmed on load).
SYNONYMS = [
    "hire recruit appoint bring brought poach tap name join",
    "work operate run base",
    "part section portion area wing",
    "secure secured secret secretive restricted",
    "buy bought acquire purchase acquisition",
    "pay paid spend spent invest investment",
    "launch release unveil debut introduce ship rollout roll",
    "start found create establish form",
    "change switch",
    "beat outperform outscore surpass top edge exceed ahead",
    "trail lag behind underperform",
    "strong excel excels good well impressive",
    "weak poor struggle",
    "big large major huge massive",
    "small little minor tiny",
    "firm company business startup venture",
    "headquarters office hq",
    "former formerly previous previously ex onetime",
    "proprietary closedsource closed",
    "opensource openweight",
    "show find demonstrate reveal indicate suggest",
    "use utilize employ",
    "reduce decrease lower cut lessen drop decline fall",
    "increase rise raise grow boost elevate higher",
    "many several multiple numerous various",
    "value valuation valued worth",
    "fund funding financing",
    "lead led head run oversee",
    "leave depart quit exit departure left",
    "layoff layoffs cut cuts",
    "job position role",
    "model system",
    "score scored",
    "employee staff worker people",
    "patient case",
    "death mortality fatality",
    "effect impact influence",
    "risk likelihood chance",
    "child children kid pediatric paediatric",
    "mask masks facemask covering",
    "illness disease",
]

# Opposite poles: (one pole, the other pole). A claim with a word of one pole and evidence
# with a word of the other, about the same thing, disagree.
OPPOSITES = [
    ("open opensource openweight free permissive public transparent publicly",
     "closed closedsource proprietary restricted restrictive private paid secret secretive"),
    ("public", "private"),
    ("increase rise raise grow higher gain boost more",
     "decrease fall drop reduce lower decline loss fewer less shrink"),
    ("beat outperform outscore surpass ahead win lead",
     "trail lag behind lose underperform"),
    ("strong excel excels good best", "weak poor struggle struggles worst trail trails"),
    ("success succeed successful", "fail failure unsuccessful"),
    ("effective efficacy benefit beneficial improve", "ineffective harm worsen"),
    ("safe", "unsafe dangerous"),
    ("before earlier", "after later"),
    ("acclaim praise", "criticism controversy backlash"),
    ("approve accept", "reject deny"),
    ("profit profitable", "loss unprofitable"),
    ("positive", "negative"),
    ("high", "low"),
    ("expand", "shrink"),
    ("voting", "nonvoting"),
    ("improve enhance help aid benefit beneficial better", "worsen impede hinder impair worse"),
    ("related associated linked needed necessary", "unrelated unnecessary"),
    ("same similar equal equally identical", "different differ distinct"),
    ("easy easily", "difficult hard"),
    ("likely", "unlikely"),
    ("major majority", "minor minority"),
    ("common frequent", "rare uncommon infrequent"),
    ("highest", "lowest"),
    ("severe", "mild"),
    ("accelerate", "slow"),
    ("superior", "inferior"),
    ("sufficient", "insufficient"),
    ("symptomatic", "asymptomatic"),
    ("twice double doubled triple tripled", "half halved"),
    ("flat constant steady unchanged", "increase rise higher grow spike surge soar decrease fall lower decline drop"),
    ("highest strongest greatest", "lowest weakest"),
    ("relevant important critical crucial essential vital key significant pivotal",
     "irrelevant unimportant insignificant trivial marginal"),
]

NEGATIONS = frozenset("""
not no never none nothing nobody neither nor without cannot can't don't doesn't didn't isn't
aren't wasn't weren't won't wouldn't hasn't haven't hadn't shouldn't couldn't n't lack lacks
lacked lacking fail fails failed unable absence absent free-of nor
""".split())


# The words a folded phrase stands for, to look up how common it is in a corpus.
PHRASE_PARTS = {b: a.replace("-", " ").split() for a, b in PHRASES}


# Words the Snowball stemmer folds onto an unrelated word: "several" and "severe" both
# become "sever", so "severe cases" would match "several cases".
_STEM_EXCEPTIONS = {"several": "several"}


def stem(word: str) -> str:
    """The stem the verifier compares (Snowball, minus its known collisions)."""
    lower = word.lower()
    return _STEM_EXCEPTIONS.get(lower) or _STEM.stemWord(lower)


def index_stem(word: str) -> str:
    """The plain Snowball stem, as the search index stores it (for document frequencies)."""
    return _STEM.stemWord(word.lower())


def _groups(lines: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        words = [stem(w) for w in line.split()]
        for w in words:
            out.setdefault(w, words[0])
    return out


CANONICAL = _groups(SYNONYMS)


# Relations whose slot holds several names at once: one investor, partner, user or hire
# named by the source does not rule out another ("Meta invested in X" does not deny "Y
# invested in X"). Raw stems, since synonym groups mix them with single-filler words
# (invest with pay). A claim also using a single-filler word (acquired, founded, built,
# led, CEO, code-named, based, won) keeps its slot exclusive.
MULTI_FILLER = frozenset(stem(w) for w in """
invest invested investment investor back backed backer fund funded funder funding partner partnered
partnership use used user customer client hire hired recruit recruited recruitment employ employed
employee compete competitor competing rival supporter ally
""".split())
SINGLE_FILLER = frozenset(stem(w) for w in """
acquire acquired acquisition buy bought found founded founder start started create created build built
establish established lead led leader head headed ceo cfo cto coo caio chief codename code-named code name named
call called locate located headquarter headquarters base based win won winner own owned owner
""".split())


def canonical(stemmed: str) -> str:
    """The representative stem of ``stemmed``'s synonym group (itself if it has none)."""
    return CANONICAL.get(stemmed, stemmed)


_MEMBERS: dict[str, list[str]] = {}
for _line in SYNONYMS:
    for _word in _line.split():
        _MEMBERS.setdefault(stem(_word), []).extend(w for w in _line.split() if w != _word)


def expand_query(text: str) -> str:
    """``text`` plus the synonyms of its words, so a search finds paraphrases too."""
    extra = []
    for word in re.findall(r"[A-Za-z]+", text):
        extra.extend(_MEMBERS.get(stem(word), ()))
    return text + (" " + " ".join(dict.fromkeys(extra)) if extra else "")


# Words that frame a slot for a name ("the company called X", "built by X", "led by X"), each
# with the other words a source may frame the same slot with; searched for a claim whose
# name was taken out (see ``frame_query``).
FRAMES = [
    "company startup venture firm",
    "build built develop developed make made create created",
    "lead led head run",
    "call called name named",
    "found founded start started launch",
    "acquire acquired buy bought",
]
_FRAME_OF = {stem(w): [v for v in line.split() if stem(v) != stem(w)] for line in FRAMES for w in line.split()}


def frame_query(text: str) -> str:
    """``text`` plus the other words for its slot-framing words (``FRAMES``)."""
    extra = [v for word in re.findall(r"[A-Za-z]+", text) for v in _FRAME_OF.get(stem(word), ())]
    return text + (" " + " ".join(dict.fromkeys(extra)) if extra else "")


def _poles() -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for n, (a, b) in enumerate(OPPOSITES):
        for side, words in enumerate((a, b)):
            for w in words.split():
                out.setdefault(stem(w), []).append((n, side))
    return out


POLES = _poles()

# Dimensions on which a study's wording is compared as a whole (a claim's "twice" against a
# document that only says "half"): amounts, direction, effect, severity, likelihood. Not
# those whose words have everyday other senses ("lead to", "positive test", "open").
DOCUMENT_DIMENSIONS = frozenset(dim for w in """
twice flat highest effective improve increase severe common likely safe success superior
sufficient same
""".split() for dim, _ in POLES[stem(w)])


def opposed(a: str, b: str) -> bool:
    """Whether stems ``a`` and ``b`` sit on opposite poles of one dimension."""
    for dim, side in POLES.get(a, ()):
        if (dim, 1 - side) in POLES.get(b, ()):
            return True
    return False
