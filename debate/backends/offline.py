"""The offline backend: a grounded composer that needs no network, no key and no model.

It builds each turn from the evidence the engine offers: it picks the source sentences most
relevant to the motion, the side and the persona's angles, quotes them word for word with
their ``[S<doc>:<n>]`` ids, and strings them together with the persona's own lead-ins.
Every factual sentence it writes is a quotation that the claim verifier has marked
supported; the rest is rhetoric with no checkable facts. Rebuttals name the opponent,
answer their strongest point and flag their claims the sources do not support.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

from debate.backends.base import TurnRequest
from debate.citations import cited_sentences
from debate.errors import BackendError
from debate.evidence.index import search_index
from debate.personas import Rhetoric

MIN_QUOTE_WORDS, MAX_QUOTE_WORDS = 8, 45
_FAQ_PREFIX = re.compile(r"^[QA]:\s+")

_COMMENTARY = {
    "pro": [
        "That is a strong reason to carry the motion.",
        "Weigh that, and the motion stands on firm ground.",
        "That is the heart of the case for the motion.",
        "Nothing in that record argues against the motion; quite the reverse.",
        "Set that beside the motion and the case for it makes itself.",
    ],
    "con": [
        "That alone should make us wary of the motion.",
        "That is exactly why the motion does not hold.",
        "Weigh that, and the motion starts to look like wishful thinking.",
        "That record sits badly with the motion.",
        "Remember that before you vote for the motion.",
    ],
}
_STANCE = {"pro": "I stand for the motion.", "con": "I stand against the motion."}
_ANSWER = [
    "A single point, however vivid, does not settle the motion.",
    "That is a fact about the past, not an argument about what should come next.",
    "It is true as far as it goes, and it does not go far enough.",
]


@dataclass
class Point:
    passage: str
    sentence: str


class OfflineBackend:
    """Composes grounded turns locally. ``words_per_second`` paces the stream for watching."""

    name = "offline"
    model = ""

    def __init__(self, words_per_second: float | None = None):
        self.words_per_second = words_per_second

    async def stream(self, request: TurnRequest) -> AsyncIterator[str]:
        text = compose(request)
        delay = 1.0 / self.words_per_second if self.words_per_second else 0.0
        for token in re.findall(r"\S+\s*", text):
            yield token
            await asyncio.sleep(delay)

    async def complete_json(self, messages: list[dict], schema: dict) -> dict:
        raise BackendError("the offline backend has no language model to judge with")

    async def aclose(self) -> None:
        return None


def compose(request: TurnRequest) -> str:
    """The text of one turn (see the module docstring)."""
    rng = random.Random(f"{request.seed}:{request.side}:{request.round}:{request.persona.id}:{request.role}")
    points = _evidence_points(request)
    rhetoric = _rhetoric(request.persona)
    opponent = request.opponent.name if request.opponent else "my opponent"
    budget = request.max_words
    paragraphs: list[str] = []

    leads = _shuffled(rng, rhetoric.evidence)
    if request.crossfire:
        answer = _crossfire_point(request, points)
        cited = answer and _grounded(request, leads, answer)
        leads = leads[1:] + leads[:1]  # the next point opens with another lead-in
        if cited:
            question = request.crossfire.strip().rstrip("?.!")
            framing = f'On the crossfire question, "{question}?", my answer is plain.'
            if _judged(request, framing):  # the question itself may state a claim: then leave it out
                framing = "On the crossfire question, my answer is plain."
            paragraphs.append(f"{framing} {cited}")
            points = [p for p in points if p.passage != answer.passage]

    if request.role == "perspective":
        opening = rng.choice(rhetoric.opening)
    elif request.role == "opening":
        opening = f"{rng.choice(rhetoric.opening)} {_STANCE[request.side]}"
    else:  # rebuttal and closing open on the opponent; the closing line comes last
        opening = f"{rng.choice(rhetoric.rebuttal).format(opponent=opponent)} {_STANCE[request.side]}"
    paragraphs.insert(0, opening)

    if request.role in ("rebuttal", "closing"):
        paragraphs.extend(_engage(request, opponent, rng))

    commentary = _shuffled(rng, _COMMENTARY[request.side])
    wanted = {"opening": 3, "rebuttal": 2, "closing": 2, "perspective": 3}.get(request.role, 2)
    written = 0
    for n, point in enumerate(points):
        if written == wanted:
            break
        paragraph = _grounded(request, leads[n % len(leads):] + leads[:n % len(leads)], point)
        if paragraph is None:
            continue
        written += 1
        if request.role != "perspective":
            paragraph += " " + commentary.pop()
        if _words(paragraphs) + _words([paragraph]) > budget - 15:
            break
        paragraphs.append(paragraph)

    if request.role == "closing" or request.role == "perspective":
        paragraphs.append(rng.choice(rhetoric.closing))
    elif request.role == "opening" and commentary:
        paragraphs.append(commentary.pop())
    return _fit("\n\n".join(paragraphs), budget)


def _grounded(request: TurnRequest, leads: list[str], point: Point) -> str | None:
    """The point as a cited sentence, with the first lead-in under which the judge would find
    every claim of the sentence supported (a lead-in's own words can change the check)."""
    for lead in leads:
        sentence = _cite(lead, point)
        if all(label == "supported" for label in _judged(request, sentence)):
            return sentence
    return None


def _judged(request: TurnRequest, text: str) -> list[str]:
    """The labels the judge's fact check would give the claims of ``text`` (same path)."""
    from debate.evidence.claims import extract_claims
    from debate.evidence.verifier import verifier_for

    verifier = verifier_for(request.corpus)
    return [verifier.check(claim, cited=sentence.passages).label
            for sentence in cited_sentences(text) for claim in extract_claims(sentence.sentence)]


def _rhetoric(persona) -> Rhetoric:
    """The persona's lead-ins minus any that state a checkable fact: the composer's own words
    must be rhetoric, so every factual sentence it writes is a cited quotation. A persona
    whose lines are all factual falls back to neutral defaults."""
    from debate.evidence.claims import is_checkable

    defaults = Rhetoric()
    kept = {}
    for kind in ("opening", "rebuttal", "closing"):
        lines = [line for line in getattr(persona.rhetoric, kind)
                 if not is_checkable(line.replace("{opponent}", "my opponent"))]
        kept[kind] = lines or getattr(defaults, kind)
    # An evidence lead-in is followed by a quotation; judge the lead-in by itself.
    kept["evidence"] = [line for line in persona.rhetoric.evidence
                        if not is_checkable(line.rstrip(":, ") + ".")] or defaults.evidence
    return Rhetoric(**kept)


def _shuffled(rng: random.Random, items: list[str]) -> list[str]:
    """A shuffled copy, so lead-ins and comments do not repeat within a turn."""
    items = list(items)
    rng.shuffle(items)
    return items


def _cite(lead: str, point: Point) -> str:
    lead = lead.rstrip()
    joiner = " " if lead.endswith((":", ",", "that")) else ": "
    return f'{lead}{joiner}"{point.sentence}" [{point.passage}].'


def _evidence_points(request: TurnRequest) -> list[Point]:
    """One quotable, verifier-supported sentence per offered passage, most relevant first."""
    from debate.evidence.claims import is_checkable
    from debate.evidence.verifier import verifier_for

    offered = {p.id for p in request.evidence} - request.used_passages
    if not offered:
        return []
    query = " ".join([request.motion, request.framing, request.headline, " ".join(request.persona.angles)])
    index = search_index(request.corpus)
    verifier = verifier_for(request.corpus)
    points: list[Point] = []
    taken: set[str] = set()
    ranked = index.sentences_for(query, k=400)
    # Passages the engine offered but BM25 missed for this query still get their best sentence.
    seen = {s.passage.id for s, _ in ranked}
    ranked += [(s, 0.0) for s in index.sentences if s.passage.id in offered - seen]
    for sentence, _score in ranked:
        pid = sentence.passage.id
        if pid not in offered or pid in taken or not _quotable(sentence.text):
            continue
        quote = _FAQ_PREFIX.sub("", sentence.text.strip()).rstrip(".")
        if not is_checkable(quote + ".") or verifier.check(quote, cited=[pid]).label != "supported":
            continue  # a point is a fact the judge will check and find supported
        taken.add(pid)
        points.append(Point(pid, quote))
    order = [p.id for p in request.evidence]
    return sorted(points, key=lambda p: order.index(p.passage))


def _crossfire_point(request: TurnRequest, points: list[Point]) -> Point | None:
    """The offered source sentence that best answers the crossfire question."""
    from debate.evidence.verifier import verifier_for

    offered = {p.id for p in request.evidence} - request.used_passages
    verifier = verifier_for(request.corpus)
    for sentence, _ in search_index(request.corpus).sentences_for(request.crossfire or "", k=200):
        pid = sentence.passage.id
        if pid in offered and _quotable(sentence.text):
            quote = _FAQ_PREFIX.sub("", sentence.text.strip()).rstrip(".")
            if verifier.check(quote, cited=[pid]).label == "supported":
                return Point(pid, quote)
    return points[0] if points else None


def _engage(request: TurnRequest, opponent: str, rng: random.Random) -> list[str]:
    """Answer the opponent's strongest point and flag their claims the sources do not back."""
    from debate.evidence.claims import extract_claims
    from debate.evidence.verifier import verifier_for

    last = next((t for t in reversed(request.history) if t.side != request.side), None)
    if last is None or not last.text:
        return []
    out = []
    quoted = [q for sent in cited_sentences(last.text) if sent.passages
              for q in re.findall(r'"([^"]{12,})"', sent.sentence)]
    if quoted:  # their shortest quotation, whole: a source sentence, so it stays checkable
        out.append(f'{opponent} leans hardest on "{min(quoted, key=len)}". {rng.choice(_ANSWER)}')
    verifier = verifier_for(request.corpus)
    flagged = 0
    for claim in extract_claims(last.text):
        check = verifier.check(claim)
        if check.label == "supported" or flagged >= 2:
            continue
        flagged += 1
        short = " ".join(claim.split()[:18]).rstrip(",.;:")
        if check.label == "contradicted" and check.evidence:
            out.append(f'{opponent} also said "{short}", and the sources say otherwise: '
                       f'"{check.evidence[0].text.strip().rstrip(".")}" [{check.evidence[0].passage}].')
        else:
            out.append(f'{opponent} also said "{short}", which the sources do not support.')
    return out


def _quotable(text: str) -> bool:
    words = len(text.split())
    return (MIN_QUOTE_WORDS <= words <= MAX_QUOTE_WORDS and not text.startswith("Q:")
            and '"' not in text and "“" not in text and text[:1].isupper()
            and text.rstrip()[-1:] in ".!")  # a full sentence, not a heading or caption


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _fit(text: str, budget: int) -> str:
    """Drop whole trailing sentences until the text fits the word budget."""
    if len(text.split()) <= budget:
        return text
    paragraphs = text.split("\n\n")
    while paragraphs and _words(paragraphs) > budget:
        paragraphs.pop()
    return "\n\n".join(paragraphs) if paragraphs else " ".join(text.split()[:budget])
