"""Turn one sentence into what the verifier compares: words, names, numbers, negations.

Both sides of a check (the claim and each candidate source sentence) go through
``analyze`` so they are compared in the same terms: canonical stems (synonyms folded),
capitalised name spans, parsed quantities, and where negation cues sit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from debate.evidence.lexicon import NEGATIONS, PHRASES, STOPWORDS, TITLES, canonical, stem
from debate.evidence.quantities import Quantity, is_name_number, parse_quantities

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[-.][A-Za-z0-9]+)*|\d+(?:[.,]\d+)*")
_CLAUSE_BREAK = re.compile(
    r"\s*(?:[,;:()—–]|[.!?](?=\s|$)|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b|\band\b|\bbehind\b)\s*")
NEGATION_REACH = 6  # content words after a cue that it negates (within its clause)
_PHRASE_FOR = {a.lower(): b for a, b in PHRASES}
# one pass over the text, longest phrase first ("chief executive officer" before "chief executive")
_PHRASES = re.compile("|".join(r"\b" + re.escape(a) + r"\b" for a in sorted(_PHRASE_FOR, key=len, reverse=True)),
                      re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    word: str  # as written
    stem: str  # raw stem
    key: str  # canonical stem (synonyms folded), what coverage compares
    start: int
    end: int
    name: bool  # part of a capitalised name or acronym
    clause: int  # index of the clause (comma/"but"/"and"-separated) the token is in
    negated: bool  # a negation cue governs it


@dataclass
class Analysis:
    text: str
    tokens: list[Token]  # content tokens (no stopwords, no numbers)
    quantities: list[Quantity]
    names: list[tuple[str, ...]]  # name spans as tuples of keys
    negations: int  # number of negation cues
    clause_of: list[int] = field(default_factory=list)  # clause index of each quantity
    clauses: int = 1  # clause breaks seen + 1 (the last clause may be empty: "... ends.")

    @property
    def keys(self) -> set[str]:
        return {t.key for t in self.tokens}

    def clause_keys(self, clause: int) -> set[str]:
        return {t.key for t in self.tokens if t.clause == clause}




def fold_phrases(text: str) -> str:
    lower = text.lower()
    if not any(phrase in lower for phrase in _PHRASE_FOR):  # most text holds none: skip the scan
        return text
    return _PHRASES.sub(lambda m: _PHRASE_FOR[m.group(0).lower()], text)


@lru_cache(maxsize=200_000)
def analyze(text: str) -> Analysis:
    """The comparable content of ``text`` (cached: corpus sentences are analysed once)."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    folded = fold_phrases(text)
    quantities = parse_quantities(folded)
    clause_starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(folded)]
    spans = [(q.start, q.end) for q in quantities]
    span_starts = [s for s, _ in spans]
    tokens: list[Token] = []
    negations = 0
    negated_clause, negate_left = -1, 0
    first = True
    for m in _TOKEN.finditer(folded):
        word = m.group(0)
        lower = word.lower().replace("’", "'")
        clause = _clause_index(clause_starts, m.start())
        if lower in NEGATIONS or lower.endswith("n't"):
            negations += 1
            negated_clause, negate_left = clause, NEGATION_REACH
            first = False
            continue
        k = bisect_right(span_starts, m.start()) - 1
        if word[0].isdigit() and not (k >= 0 and m.start() < spans[k][1]) and is_name_number(folded, m.start()):
            # a version within a name ("Llama 2", "Claude Opus 4.6") is part of the name
            tokens.append(Token(word, "v" + word, "v" + word, m.start(), m.end(), True,
                                _clause_index(clause_starts, m.start()), False))
            first = False
            continue
        if word[0].isdigit() or (k >= 0 and m.start() < spans[k][1]):
            first = False
            continue
        if lower.endswith("'s"):
            lower = lower[:-2]
        if lower in STOPWORDS or len(lower) < 2 and lower != "x":
            first = False
            continue
        is_name = (word[0].isupper() and not first) or (word.isupper() and len(word) > 1) \
            or any(c.isdigit() for c in word) or lower in TITLES \
            or (first and word[0].isupper() and _looks_like_name(word))
        s = stem(lower.replace("-", ""))
        negated = clause == negated_clause and negate_left > 0
        negate_left -= 1
        tokens.append(Token(word, s, canonical(s), m.start(), m.end(), is_name, clause, negated))
        first = False
    names: list[tuple[str, ...]] = []
    run: list[Token] = []
    for tok in tokens + [None]:  # type: ignore[list-item]
        if tok is not None and tok.name and (not run or _adjacent(folded, run[-1], tok)):
            run.append(tok)
            continue
        if run:
            names.append(tuple(t.key for t in run))
        run = [tok] if tok is not None and tok.name else []
    # "GPT-5.4 (57), Gemini 3.1 Pro (57)": a bracketed figure belongs to the name before it
    qclauses = [_clause_index(clause_starts, _bracket_owner(folded, q.start, q.end)) for q in quantities]
    return Analysis(text, tokens, quantities, names, negations, qclauses, len(clause_starts))


def joined(first: Analysis, second: Analysis) -> Analysis:
    """The analysis of ``first.text + " " + second.text`` built from the two analyses.

    Two consecutive source sentences are compared with a claim as one unit; composing
    their analyses costs a list copy instead of a second parse. Clauses do not run across
    the sentence break, so each sentence keeps its own negations, names and numbers.
    """
    shift = len(first.text) + 1
    clause = first.clauses - 1  # the second sentence starts in the first's last (empty) clause
    tokens = first.tokens + [Token(t.word, t.stem, t.key, t.start + shift, t.end + shift, t.name,
                                   t.clause + clause, t.negated) for t in second.tokens]
    quantities = first.quantities + [replace(q, start=q.start + shift, end=q.end + shift)
                                     for q in second.quantities]
    return Analysis(f"{first.text} {second.text}", tokens, quantities, first.names + second.names,
                    first.negations + second.negations,
                    first.clause_of + [c + clause for c in second.clause_of], clause + second.clauses)


def keys_of(text: str) -> set[str]:
    """Just the canonical stems of ``text``: the cheap form for whole passages/documents."""
    keys = set()
    for word in set(_TOKEN.findall(fold_phrases(text))):
        key = _KEY.get(word)
        if key is None:
            key = _KEY[word] = _key_of(word)
        keys.add(key)
    keys.discard("")
    if _DIGIT.search(text):  # versions within names, as ``analyze`` keys them ("Llama 2")
        keys.update("v" + m.group(1) for m in _VERSION.finditer(text) if is_name_number(text, m.start(1)))
    return keys


_VERSION = re.compile(r"[A-Za-z][- ](\d+(?:\.\d+)*)\b")
_DIGIT = re.compile(r"\d")  # a text without one has no version for _VERSION to find


_KEY: dict[str, str] = {}  # word as written -> canonical stem ("" for stopwords and numbers)


def _key_of(word: str) -> str:
    if not word[0].isalpha():
        return ""
    lower = word.lower().removesuffix("'s")
    return "" if lower in STOPWORDS else canonical(stem(lower.replace("-", "")))


def _looks_like_name(word: str) -> bool:
    """A sentence-initial capitalised word that is not an everyday word ("LeCun's", with a
    capital inside, always is a name)."""
    if word.lower() in STOPWORDS:
        return False
    if any(c.isupper() for c in word[1:]):
        return True
    return word[1:].islower() and len(word) > 2 and stem(word.lower()) not in _COMMON_START


_COMMON_START = {stem(w) for w in """
face study studies research researchers data patients people children meta's new most
many some this these those results findings evidence analysis treatment scientists
experts officials company companies model models performance benchmark benchmarks
whereas although though however instead moreover furthermore meanwhile overall thus hence
therefore nevertheless nonetheless conversely similarly likewise additionally notably
""".split()}


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return gap.strip() in ("", "-", "'s") or gap == " of " and False


_OPEN_BRACKET = re.compile(r"\w[^\w(]{0,2}\(\s*$")
_CLOSE_BRACKET = re.compile(r"\s*\)")


def _bracket_owner(text: str, start: int, end: int) -> int:
    """Where the figure at start..end belongs: right before its bracket when it stands alone
    in brackets after a word ("Claude Opus 4.6 (53)"), else where it is."""
    if _CLOSE_BRACKET.match(text, end):
        before = _OPEN_BRACKET.search(text, max(0, start - 6), start)
        if before:
            return before.start()
    return start


def _clause_index(starts: list[int], pos: int) -> int:
    return max(bisect_right(starts, pos) - 1, 0)

