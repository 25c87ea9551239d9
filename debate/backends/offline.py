"""The offline backend: a debater that argues from the sources with no network, key or model.

It follows Project Debater's pipeline (Slonim et al., Nature 2021) in miniature:
evidence mining with stance (debate/stance: which passages help which side of *this*
motion), a knowledge base of recurring argument themes (themes/*.yaml), claim-to-counterclaim
links for rebuttal, and a narrative that organises the points. Each point is a claim in the
debater's voice (no facts), one source sentence quoted word for word with its
``[S<doc>:<n>]`` id and presented as what it is (a report, a company statement, a scenario,
an opinion), and a warrant tying it to the motion. Rebuttals pick the opponent's strongest
point and answer it (counter-evidence on the same question, a scenario-not-a-report
attack, or their own source turned); closings weigh the round's clashes; crossfire
answers open with yes / no / it depends. Every sentence the composer writes is checked
with the judge's own claim check before it is used, and no stock sentence is said twice in
a debate.
"""

from __future__ import annotations

import asyncio
import math
import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from debate.backends.base import TurnRequest
from debate.citations import MARKER, cited_sentences
from debate.errors import BackendError
from debate.evidence.index import search_index
from debate.evidence.quantities import parse_quantities
from debate.personas import Rhetoric
from debate.stance import PassageStance, StanceModel, stance_model
from debate.stance.kinds import kind_of, kind_of_text
from debate.stance.model import SentenceStance
from debate.stance.themes import Theme, stems_of

MIN_QUOTE_WORDS, MAX_QUOTE_WORDS = 8, 45
_FAQ_PREFIX = re.compile(r"^[QA]:\s+")
POINTS = {"opening": 3, "rebuttal": 2, "closing": 2, "perspective": 2}

# How a quotation is introduced, by what kind of statement it is (never "the record" for a scenario).
PRESENT = {
    "fact": ["The record shows it:", "The reporting is plain:", "As the sources have it,", "The sources report that"],
    "attributed": ["In the company's own words, as reported:", "On the record:", "As the reporting puts it,"],
    "scenario": ["One scenario the analysts sketch:", "Take the forecast on its own terms:",
                 "In one of the futures the analysts lay out,"],
    "opinion": ["One analyst's judgement:", "The commentary puts it this way:", "As one analysis argues,"],
}
# Links from a warrant to the motion: pro then con; {motion} / {denial} are filled in.
LINKS = {
    "pro": ["That, I think, is why {motion}.", "On that reason alone I would carry the motion.",
            "That is the motion's case in a sentence, and I think it holds.",
            "Which is why I think the motion stands.", "I would ask you to carry the motion on that alone.",
            "That is the reason I say {motion}."],
    "con": ["That, I think, is why {denial}.", "On that reason alone I would vote the motion down.",
            "That is where I think the motion breaks.", "Which is why I think the motion falls.",
            "I would ask you to reject the motion on that alone.", "That is the reason I say {denial}."],
}
THESIS = {
    "pro": ["I will argue that {motion}, for reasons the sources themselves supply.",
            "My case is simple: {motion}, and the evidence says why."],
    "con": ["I will argue that {denial}, and the sources give the reasons.",
            "My case is simple: {denial}, and the evidence says why."],
}
ATTACK = {
    "scenario": ["{opponent} leans on a scenario, not a report: it describes a future someone imagined, "
                 "and nothing in it has happened.",
                 "What {opponent} offered is a forecast dressed as a finding; a sketch of what might happen "
                 "cannot carry a motion on its own."],
    "opinion": ["{opponent} leans on a commentator's opinion, not a reported fact; I prefer what the sources "
                "record to what a columnist expects.",
                "That was an analyst's view, which {opponent} is entitled to, but a view is not evidence."],
}
COUNTER = ["{opponent}'s strongest point is about {theme}.",
           "{opponent} rests the case on {theme}, so let me meet it there.",
           "Take {opponent}'s best point, on {theme}, head on."]
ANSWER = ["On that very question the evidence cuts the other way.", "The sources answer it.",
          "That point has an answer."]
TURN = ["Their own source tells a different story a few lines on.",
        "The article {opponent} quoted goes on, and it does not go their way."]
WEIGH = ["So weigh the round.", "Here is how I would weigh it.", "Weigh what was actually argued."]
WEIGH_MINE = ["On {mine}, the evidence I cited stands, and nobody has answered it.",
              "My evidence on {mine} was never met.",
              "On {mine}, the record I quoted is still unanswered."]
WEIGH_THEIRS_SOFT = ["On {theirs}, {opponent} offered forecasts and opinions, not reports.",
                     "What {opponent} brought on {theirs} was forecast and opinion, and I have named it as such."]
WEIGH_THEIRS_MET = ["On {theirs}, {opponent} has a real point, and I have met it with evidence on the same question.",
                    "{opponent}'s case on {theirs} is the serious one, and I answered it on its own ground."]
WEIGH_THEIRS_OPEN = ["{opponent}'s point on {theirs} deserves weight, but it does not outweigh mine.",
                     "On {theirs}, I grant {opponent} something; it is not enough to decide the motion."]


@dataclass
class Point:
    passage: str
    sentence: str
    kind: str = "fact"
    theme: Theme | None = None


@dataclass
class _Turn:
    """What one turn knows while it is composed: the stance model, the lines already said in
    the debate (never said twice), the judge's check and a seeded random generator."""

    request: TurnRequest
    model: StanceModel
    rng: random.Random
    said: str  # every earlier turn's text, to keep stock lines from repeating
    used_lines: set[str] = field(default_factory=set)

    def pick(self, lines: list[str], **fill) -> str | None:
        """A line of ``lines`` not yet said in this debate (filled in), passing the judge's check."""
        options = list(lines)
        self.rng.shuffle(options)
        for line in options:
            text = line.format(**fill) if fill else line
            stem = line.split("{")[0][:40]
            if line in self.used_lines or (len(stem) >= 12 and stem in self.said) or text in self.said:
                continue
            if _judged_ok(self.request, text):
                self.used_lines.add(line)
                return text
        return None


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
    if request.role == "perspective":
        return compose_take(request)
    turn = _Turn(request, stance_model(request.corpus, request.motion),
                 random.Random(f"{request.seed}:{request.side}:{request.round}:{request.persona.id}:{request.role}"),
                 "\n".join(t.text for t in request.history))
    rhetoric = _rhetoric(request.persona)
    opponent = request.opponent.name if request.opponent else "my opponent"
    taken = _cited_so_far(request)
    paragraphs: list[str] = []

    if request.role == "opening":
        opener = turn.pick(rhetoric.opening) or ""
        thesis = turn.pick(THESIS[request.side], **_fills(turn)) or ""
        paragraphs.append(" ".join(x for x in (opener, thesis) if x))
    else:
        paragraphs.append(turn.pick(rhetoric.rebuttal, opponent=opponent) or "")

    if request.crossfire:
        answer = _crossfire(turn, taken)
        if answer:
            paragraphs.append(answer[0])
            taken.add(answer[1])

    pool = _evidence(turn, taken)
    clashes: list[str] = []
    if request.role in ("rebuttal", "closing"):
        clash = _clash(turn, opponent, pool, taken)
        if clash:
            paragraphs.append(clash[0])
            clashes.append(clash[1])

    # A crossfire answer and a clash take the place of points, so the closing keeps room to weigh.
    wanted = POINTS.get(request.role, 2) - len(clashes) - (1 if request.crossfire else 0)
    wanted = max(1 if request.role == "opening" else 0, wanted)
    themes_used = _themes_said(turn)
    for point in _choose(pool, taken, wanted, themes_used) if wanted else []:
        paragraph = _argue(turn, point, rhetoric, link=len(paragraphs) <= 2)
        if paragraph:
            paragraphs.append(paragraph)
            taken.add(point.passage)
            if point.theme:
                themes_used.add(point.theme.id)

    if request.role == "closing":
        weighed = _weigh(turn, opponent, clashes)
        if weighed:
            paragraphs.append(weighed)
    if request.role in ("closing", "opening"):
        last = turn.pick(rhetoric.closing)
        if last:
            paragraphs.append(last)
    return _fit("\n\n".join(p for p in paragraphs if p), request.max_words)


# ---- evidence -------------------------------------------------------------------------------

def _evidence(turn: _Turn, taken: set[str]) -> list[Point]:
    """The side's own evidence: passages the stance model says help it, each with its best
    quotable sentence that the judge finds supported, most helpful first."""
    side = turn.request.side
    points = []
    for stance in turn.model.ranked(side):
        if stance.passage in taken:
            continue
        point = _point_from(turn, stance, side)
        if point:
            points.append(point)
    return points


def _point_from(turn: _Turn, stance: PassageStance, side: str) -> Point | None:
    """The passage's most helpful quotable piece for ``side`` that the judge finds supported."""
    sign = 1 if side == "pro" else -1
    for sentence in stance.best_for(side):
        pieces = sorted(_pieces(sentence.sentence.text), key=lambda p: -sign * turn.model.score_text(p, sentence.kind))
        for piece in pieces:
            quote = _quotable(piece)
            kind = kind_of_text(quote, turn.request.corpus.by_id[stance.passage]) if quote else ""
            if quote and sign * turn.model.score_text(quote, kind) > 0 \
                    and _supported(turn.request, quote, stance.passage):
                theme_id = sentence.theme_for(side)
                return Point(stance.passage, quote, kind, turn.model.book.themes.get(theme_id or ""))
    return None


_SOURCE_NOTE = re.compile(r"\s*\((?:[\w-]+\.)+(?:com|org|net|io|co|uk)(?:\s+\d+)?\)")


def _pieces(text: str) -> list[str]:
    """A sentence of the index cut where a source note ends one sentence and another begins
    ("... use. (about.fb.com 1) Meta has not said ..."), with the notes taken out."""
    parts = re.split(r"(?<=[.!?])(?:\s*\([^)]*\))+\s+(?=[A-Z])", text)
    return [_SOURCE_NOTE.sub("", part).strip() for part in parts if part.strip()]


def _choose(pool: list[Point], taken: set[str], n: int, themes_used: set[str]) -> list[Point]:
    """Up to ``n`` points, preferring themes not argued yet so the case has breadth."""
    fresh = [p for p in pool if p.passage not in taken]
    ordered = ([p for p in fresh if p.theme and p.theme.id not in themes_used]
               + [p for p in fresh if not p.theme or p.theme.id in themes_used])
    out, seen_themes = [], set()
    for point in ordered:
        key = point.theme.id if point.theme else point.passage
        if key in seen_themes and len(ordered) > n:
            continue
        out.append(point)
        seen_themes.add(key)
        if len(out) == n:
            break
    return out


def _argue(turn: _Turn, point: Point, rhetoric: Rhetoric, *, link: bool) -> str | None:
    """One point: claim (voice, no facts), evidence (quoted, presented as what it is), warrant."""
    theme = point.theme
    claim = turn.pick(theme.claims) if theme else None
    evidence = _present(turn, point, rhetoric)
    if evidence is None:
        return None
    warrant = turn.pick(theme.warrants) if theme else None
    tie = turn.pick(LINKS[turn.request.side], **_fills(turn)) if link else None
    return " ".join(x for x in (claim, evidence, warrant, tie) if x)


def _present(turn: _Turn, point: Point, rhetoric: Rhetoric) -> str | None:
    """The quotation with a lead-in fit for its kind; facts may use the persona's own lead-ins."""
    kind = point.kind if point.kind in PRESENT else "fact"
    leads = list(PRESENT[kind])
    if kind == "fact":  # the persona's own lead-ins, if they fit ("On the numbers," needs a number)
        numeric = bool(parse_quantities(point.sentence))
        leads = [lead for lead in rhetoric.evidence if numeric or not _NUMERIC_LEAD.search(lead)] + leads
    options = list(leads)
    turn.rng.shuffle(options)
    options.sort(key=lambda lead: lead in turn.used_lines or lead.split()[0] in turn.said)
    for lead in options:
        sentence = _cite(lead, point)
        if _judged_ok(turn.request, sentence):
            turn.used_lines.add(lead)
            return sentence
    return None


_NUMERIC_LEAD = re.compile(r"\b(?:numbers?|figures?|data|math|arithmetic|tally|count)\b", re.IGNORECASE)


def _cite(lead: str, point: Point) -> str:
    lead = lead.rstrip()
    joiner = " " if lead.endswith((":", ",", "that")) else ": "
    return f'{lead}{joiner}"{point.sentence}" [{point.passage}].'


# ---- clash ----------------------------------------------------------------------------------

def _clash(turn: _Turn, opponent: str, pool: list[Point], taken: set[str]) -> tuple[str, str] | None:
    """Answer the opponent's strongest point: name it by its theme, attack its modality when it
    is a scenario or an opinion, and meet it with evidence on the same question (from their
    own source when that source says something for my side). Returns (paragraph, theme id)."""
    request = turn.request
    other = "con" if request.side == "pro" else "pro"
    theirs = _their_points(turn, other)
    if not theirs:
        return None
    best, best_sentence = theirs[0]
    theme_id = best_sentence.theme_for(other) if best_sentence else None
    theme = turn.model.book.themes.get(theme_id or "")
    title = theme.title if theme else "what the sources report"
    parts = [turn.pick(COUNTER, opponent=opponent, theme=title)]
    attacked = best_sentence is not None and best_sentence.kind in ATTACK
    if attacked:
        parts.append(turn.pick(ATTACK[best_sentence.kind], opponent=opponent))
    counter = _counter_point(turn, pool, taken, theme, best, facts_only=attacked)
    if counter is not None:
        evidence = _present(turn, counter, _rhetoric(request.persona))
        if evidence:
            same_source = counter.passage.split(":")[0] == best.split(":")[0]
            opener = turn.pick(TURN, opponent=opponent) if same_source else turn.pick(ANSWER)
            warrant = turn.pick(counter.theme.warrants) if counter.theme else None
            parts += [opener, evidence, warrant]
            taken.add(counter.passage)
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    return " ".join(parts), theme_id or ""


def _their_points(turn: _Turn, other: str) -> list[tuple[str, SentenceStance | None]]:
    """The opponent's cited passages with the sentence they quoted, strongest for them first."""
    out = []
    for past in turn.request.history:
        if past.side != other:
            continue
        for sentence in cited_sentences(past.text):
            for pid in sentence.passages:
                stance = turn.model.passages.get(pid)
                if stance is None:
                    continue
                quoted = next((s for s in stance.sentences if s.sentence.text.rstrip(".") in sentence.sentence), None)
                out.append((pid, quoted, stance.helps(other)))
    out.sort(key=lambda item: -item[2])
    return [(pid, quoted) for pid, quoted, _ in out]


def _counter_point(turn: _Turn, pool: list[Point], taken: set[str], theme: Theme | None,
                   their_passage: str, *, facts_only: bool = False) -> Point | None:
    """My evidence on the same question: a strong point from their own source (a turn), then
    one on the same axis, then my strongest remaining point. After calling their evidence a
    scenario or an opinion, only a report will do."""
    fresh = [p for p in pool if p.passage not in taken and (not facts_only or p.kind in ("fact", "attributed"))]
    if not fresh:
        return None
    same_doc = [p for p in fresh[:4] if p.passage.split(":")[0] == their_passage.split(":")[0]]
    if same_doc:
        return same_doc[0]
    if theme is not None:
        axes = set(theme.bears)
        same_axis = [p for p in fresh if p.theme and axes & set(p.theme.bears)]
        if same_axis:
            return same_axis[0]
    return fresh[0]


def _weigh(turn: _Turn, opponent: str, clashed: list[str]) -> str | None:
    """The closing's weighing: which questions the round turned on, and why they fall my way
    (honestly: a point of theirs I did not answer is granted, not claimed as answered)."""
    request = turn.request
    side, other = request.side, ("con" if request.side == "pro" else "pro")
    book = turn.model.book
    mine = [t for t in _themes_of(turn, side) if t not in clashed][:2]
    theirs = _themes_of(turn, other)
    sentences = [turn.pick(WEIGH)]
    if mine:
        sentences.append(turn.pick(WEIGH_MINE, mine=" and on ".join(book.themes[t].title for t in mine)))
    if theirs:
        fill = dict(opponent=opponent, theirs=book.themes[theirs[0]].title)
        kinds = _their_kinds(turn, other)
        if kinds and all(k in ("scenario", "opinion") for k in kinds):
            sentences.append(turn.pick(WEIGH_THEIRS_SOFT, **fill))
        elif theirs[0] in clashed:
            sentences.append(turn.pick(WEIGH_THEIRS_MET, **fill))
        else:
            sentences.append(turn.pick(WEIGH_THEIRS_OPEN, **fill))
    sentences.append(turn.pick(LINKS[side], **_fills(turn)))
    text = " ".join(s for s in sentences if s)
    return text if len(sentences) > 2 and _judged_ok(request, text) else None


def _themes_of(turn: _Turn, side: str) -> list[str]:
    """Themes of the passages ``side`` has cited so far in the debate, most used first."""
    counts: dict[str, int] = {}
    for past in turn.request.history:
        if past.side != side:
            continue
        for pid in dict.fromkeys(m for s in cited_sentences(past.text) for m in s.passages):
            stance = turn.model.passages.get(pid)
            best = stance.best_for(side) if stance else []
            theme = best[0].theme_for(side) if best else None
            if theme:
                counts[theme] = counts.get(theme, 0) + 1
    return sorted(counts, key=lambda t: -counts[t])


def _their_kinds(turn: _Turn, side: str) -> list[str]:
    kinds = []
    for pid, quoted in _their_points(turn, side):
        if quoted is not None:
            kinds.append(quoted.kind)
    return kinds


def _themes_said(turn: _Turn) -> set[str]:
    return set(_themes_of(turn, turn.request.side))


# ---- crossfire ------------------------------------------------------------------------------

_POLAR = re.compile(r"^(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|shall|may|might)\b",
                    re.IGNORECASE)
_NEGATIVE = frozenset(stems_of("not no never none neither fails failed without cannot"))


_QUESTION_STOPWORDS = frozenset(stems_of(
    "is are was were does do did has have had can could will would should the a an of to it its being "
    "how what who whom which when where why much many in on for by with at from that this there any"))
# Question words whose answer a source words differently ("still" -> "remains").
_ALSO = {stems_of(w)[0]: frozenset(stems_of(x)) for w, x in (
    ("still", "remains remain continues continue live ongoing"), ("released", "available download live release"),
    ("leave", "leaves left departs departed departure quit exit"))}


NAME_WEIGHT = 0.3


def _heads(question: str) -> list[str]:
    """The stem of each content word of the question, in the order ``_concepts`` gives them."""
    return [stems_of(w)[0] for w in re.findall(r"[A-Za-z][\w-]*", question)
            if stems_of(w) and stems_of(w)[0] not in _QUESTION_STOPWORDS]


def _concepts(question: str) -> list[frozenset[str]]:
    """The question's content words, each with the words a source may answer it with."""
    from debate.evidence.lexicon import expand_query

    out = []
    for word in re.findall(r"[A-Za-z][\w-]*", question):
        stems = stems_of(word)
        if not stems or stems[0] in _QUESTION_STOPWORDS:
            continue
        s = stems[0]
        out.append(frozenset({s, *stems_of(expand_query(word)), *_ALSO.get(s, ())}))
    return out


def _answers(turn: _Turn, question: str, taken: set[str]) -> list[tuple[float, Point, SentenceStance | None]]:
    """Source sentences that answer ``question``, best first: BM25 over the question and its
    synonyms, re-ranked by how many of the question's concepts they hold; a sentence from a
    document that never names the question's names does not answer it."""
    from debate.evidence.lexicon import expand_query

    request = turn.request
    concepts = _concepts(question)
    names = [stems_of(n)[0] for n in re.findall(r"(?<!^)\b[A-Z][\w-]+", question.strip()) if stems_of(n)]
    query = expand_query(question) + " " + " ".join(w for c in concepts for w in c)
    documents = {d.doc: set(stems_of(d.text)) for d in request.corpus.documents}
    amount = bool(re.match(r"\s*how\s+(?:much|many|large|big)\b", question, re.IGNORECASE))
    out = []
    index = search_index(request.corpus)
    total = max(1, len(index.sentences))
    # Rare words weigh more; the question's names (its subject, already required of the
    # document) weigh less than what it asks about them.
    weights = [max(math.log(total / max(1, index.document_frequency(head))), 0.5) * (NAME_WEIGHT if head in names else 1.0)
               for head, c in zip(_heads(question), concepts)]
    for sentence, score in index.sentences_for(query, k=120):
        pid = sentence.passage.id
        if (names and not all(n in documents.get(sentence.passage.doc, ()) for n in names)):
            continue
        stance = turn.model.passages.get(pid)
        sstance = next((s for s in stance.sentences if s.sentence.text == sentence.text), None) if stance else None
        for piece in _pieces(sentence.text):
            quote = _quotable(piece)
            if not quote:
                continue
            kind = kind_of_text(quote, sentence.passage)
            stems = set(stems_of(quote))
            held = [w for c, w in zip(concepts, weights) if c & stems or _opposite_in(c, stems)]
            coverage = sum(held) / max(1e-9, sum(weights))
            value = (coverage ** 2) * (1 + score / 20) * (1.0 if kind in ("fact", "attributed") else 0.7)
            if amount and not parse_quantities(quote):
                value *= 0.3  # "how much" is answered by a number
            out.append((value, Point(pid, quote, kind), sstance))
    out.sort(key=lambda item: -item[0])
    return out


def _opposite_in(concept: frozenset[str], stems: set[str]) -> bool:
    """Whether ``stems`` hold the opposite of the concept ("trails" answers "lead")."""
    from debate.evidence.lexicon import opposed

    return any(opposed(s, c) for s in stems for c in concept)


VERDICTS = {
    "yes": ["with a plain yes, and the sources say so directly.", "with a yes; the record is not in doubt on that."],
    "no": ["with a plain no, and the sources are clear about it.", "with a no; the record says otherwise."],
    "depends": ["with \u201cit depends\u201d: what the sources offer here is a forecast, not a finding.",
                "with \u201cit depends\u201d, and honestly so: the sources only forecast it."],
    "what": ["directly, from the sources.", "with the fact itself."],
}
AGREED = ['I answer "{question}" {verdict}, and {opponent} has already quoted the source that says so; the '
          "question is what follows from it, and that is my case.",
          'I answer "{question}" {verdict}; {opponent} quoted the very source, and I take the fact and draw the '
          "opposite conclusion."]


def _crossfire(turn: _Turn, taken: set[str]) -> tuple[str, str] | None:
    """The answer to the crossfire question: a first sentence that answers it (yes / no / it
    depends, or the fact asked for), then the evidence, then what it means for my side."""
    request = turn.request
    question = (request.crossfire or "").strip()
    best = next((p for _, p, _s in _answers(turn, question, set())[:12] if _supported(request, p.sentence, p.passage)),
                None)
    if best is None:
        return None
    point = best
    if not _POLAR.match(question):
        verdict = "what"
    elif point.kind in ("scenario", "opinion"):
        verdict = "depends"
    else:
        verdict = "yes" if _yes_or_no(question, point) else "no"
    if point.passage in taken:  # the other side already cited the answer: agree, and move on
        opponent = request.opponent.name if request.opponent else "my opponent"
        word = {"what": "with the same fact", "depends": "with \u201cit depends\u201d"}.get(verdict, f"with a {verdict}")
        return turn.pick(AGREED, verdict=word, opponent=opponent, question=question.replace('"', "'")), ""
    first = _answer_line(turn, question, verdict)
    evidence = _present(turn, point, _rhetoric(request.persona))
    if not first or evidence is None:
        return None
    lean = turn.model.score_text(point.sentence, point.kind) * (1 if request.side == "pro" else -1)
    after = None
    if lean > 0:
        after = turn.pick(["And that answer helps my case rather than hurting it.",
                           "That answer, I would add, sits on my side of the motion."])
    elif lean < 0:
        after = turn.pick(["I concede the point, and it does not change the motion's balance.",
                           "I grant that much; it is one fact, and the weight of the case is elsewhere."])
    return " ".join(x for x in (first, evidence, after) if x), point.passage


def _answer_line(turn: _Turn, question: str, verdict: str) -> str | None:
    """'I answer "<question>" with a plain yes, ...': the answer first, naming the question so a
    reader sees what it answers (a sentence opening with "I" is the speaker's, not a claim)."""
    quoted = question.replace('"', "'")
    line = turn.pick([f'I answer "{quoted}" {phrase}' for phrase in VERDICTS[verdict]])
    if line and _judged_ok(turn.request, line):
        return line
    return turn.pick([phrase[0].upper() + phrase[1:] for phrase in VERDICTS[verdict]])


def _yes_or_no(question: str, point: Point) -> bool:
    """Whether the answering sentence affirms the question. It denies it when it negates one
    of the question's words ("has not said it is abandoning" does not), or uses the opposite
    of one ("trails" against "lead"); a question that is itself negative flips the answer."""
    from debate.evidence.lexicon import opposed

    concepts = _concepts(question)
    stems = stems_of(point.sentence)
    denied = False
    for i, s in enumerate(stems):
        asked = any(s in c for c in concepts)
        if asked and _NEGATIVE.intersection(stems[max(0, i - 3):i]):
            denied = True
        if not asked and any(opposed(s, q) for c in concepts for q in c):
            denied = True
    question_negative = bool(_NEGATIVE.intersection(stems_of(question)))
    return denied == question_negative


# ---- perspectives ---------------------------------------------------------------------------

def compose_take(request: TurnRequest) -> str:
    """A perspective: one view of the headline in the persona's voice, argued with one to
    three cited facts. The persona takes the side of the headline its own angles favour."""
    model = stance_model(request.corpus, request.headline or request.motion)
    rng = random.Random(f"{request.seed}:{request.persona.id}:take")
    turn = _Turn(request, model, rng, "")
    rhetoric = _rhetoric(request.persona)
    side = _persona_side(request, model)
    turn.request = _as_side(request, side)
    pool = _evidence(turn, set(request.used_passages))
    if not pool:  # the headline takes no side the themes know: argue from the most relevant facts
        pool = _relevant_points(turn)
    affinity = _affinity(request)
    pool.sort(key=lambda p: -affinity.get(p.theme.id if p.theme else "", 0.0))
    chosen = _choose(pool, set(), 2, set())
    paragraphs = []
    opener = turn.pick([line for line in rhetoric.opening if "motion" not in line.lower()])
    view = turn.pick(chosen[0].theme.claims) if chosen and chosen[0].theme else None
    paragraphs.append(" ".join(x for x in (opener, view) if x))
    for n, point in enumerate(chosen):
        evidence = _present(turn, point, rhetoric)
        if not evidence:
            continue
        warrant = turn.pick(point.theme.warrants) if point.theme and n == 0 else None
        paragraphs.append(" ".join(x for x in (evidence, warrant) if x))
    closing = turn.pick([line for line in rhetoric.closing if "motion" not in line.lower()])
    if closing:
        paragraphs.append(closing)
    return _fit("\n\n".join(p for p in paragraphs if p), request.max_words)


def _affinity(request: TurnRequest) -> dict[str, float]:
    """How much each theme is this persona's kind of reason (its angles, voice, description)."""
    persona = request.persona
    words = set(stems_of(" ".join([*persona.angles, persona.voice, persona.description, *persona.signature_moves])))
    book = stance_model(request.corpus, request.headline or request.motion).book
    out = {}
    for theme in book.themes.values():
        vocabulary = {s for cue in theme.cues for s in stems_of(cue)} | set(stems_of(theme.title))
        out[theme.id] = len(words & vocabulary)
    return out


def _persona_side(request: TurnRequest, model: StanceModel) -> str:
    """The side of the headline whose available reasons this persona cares most about."""
    affinity = _affinity(request)
    totals = {}
    for side in ("pro", "con"):
        total = 0.0
        for stance in model.ranked(side)[:6]:
            best = stance.best_for(side)
            theme = best[0].theme_for(side) if best else None
            total += stance.helps(side) * (1 + affinity.get(theme or "", 0))
        totals[side] = total
    return "pro" if totals["pro"] >= totals["con"] else "con"


def _as_side(request: TurnRequest, side: str) -> TurnRequest:
    from dataclasses import replace

    return replace(request, side=side)


def _relevant_points(turn: _Turn) -> list[Point]:
    request = turn.request
    points = []
    for sentence, _ in search_index(request.corpus).sentences_for(request.headline or request.motion, k=40):
        quote = _quotable(sentence.text)
        if quote and kind_of(sentence) == "fact" and _supported(request, quote, sentence.passage.id):
            points.append(Point(sentence.passage.id, quote, "fact"))
        if len(points) >= 3:
            break
    return points


# ---- checks and helpers ---------------------------------------------------------------------

def _supported(request: TurnRequest, quote: str, passage: str) -> bool:
    from debate.evidence.verifier import verifier_for

    return verifier_for(request.corpus).check(quote, cited=[passage]).label == "supported"


def _judged_ok(request: TurnRequest, text: str) -> bool:
    """Whether the judge's fact check would find every claim of ``text`` supported (the same
    path: sentences naming a debater are engagement, not claims, and are skipped)."""
    from debate.evidence.claims import extract_claims
    from debate.evidence.verifier import verifier_for

    verifier = verifier_for(request.corpus)
    names = [p.name for p in (request.persona, request.opponent) if p is not None]
    for sentence in cited_sentences(text):
        if any(name in sentence.sentence for name in names):
            continue
        for claim in extract_claims(sentence.sentence):
            if verifier.check(claim, cited=sentence.passages).label != "supported":
                return False
    return True


def _fills(turn: _Turn) -> dict[str, str]:
    prop = turn.model.proposition
    motion = prop.text.rstrip(".!?")
    return {"motion": _lower_first(motion), "denial": _lower_first(prop.negation())}


def _lower_first(text: str) -> str:
    """Lower-case a leading ordinary word ("Paying ..." -> "paying ..."), not a name."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() in _COMMON_OPENERS:
        return text[0].lower() + text[1:]
    return text


_COMMON_OPENERS = frozenset("paying the a an closing opening releasing keeping proprietary open closed "
                            "developers investors it this that going building".split())


def _cited_so_far(request: TurnRequest) -> set[str]:
    ids = set(request.used_passages)
    for past in request.history:
        ids.update(pid for m in MARKER.finditer(past.text) for pid in re.findall(r"S[\w.-]+:\d+", m.group(1)))
    return ids


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


def _quotable(text: str) -> str | None:
    """The sentence ready to quote (FAQ prefix and final stop dropped), or None when it is not
    a full sentence of quotable length (a heading, a caption, a question)."""
    text = _FAQ_PREFIX.sub("", text.strip())
    words = len(text.split())
    if not (MIN_QUOTE_WORDS <= words <= MAX_QUOTE_WORDS) or text.startswith("Q:") or '"' in text or "“" in text:
        return None
    if not text[:1].isupper() or text.rstrip()[-1:] not in ".!":
        return None
    return text.rstrip().rstrip(".")


def _fit(text: str, budget: int) -> str:
    """Drop whole trailing paragraphs until the text fits the word budget."""
    if len(text.split()) <= budget:
        return text
    paragraphs = text.split("\n\n")
    while len(paragraphs) > 1 and sum(len(p.split()) for p in paragraphs) > budget:
        paragraphs.pop()
    return "\n\n".join(paragraphs) if sum(len(p.split()) for p in paragraphs) <= budget \
        else " ".join(text.split()[:budget])
