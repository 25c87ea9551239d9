"""What kind of statement a source sentence (or a claim) is: fact, attributed, scenario...

A verifier that only matches words certifies a scenario ("Within 18 months Meta is a
top-three lab") or someone's claim ("Meta said ...") as an established fact. Every corpus
sentence is therefore tagged when the corpus loads, and claims are read the same way, so
a check can ask "does the source state this as fact, or with the same hedge / the same
speaker?".

Stable API (used by the verifier, the offline composer and the TUI's evidence pane):

* ``Kind``: ``fact``, ``attributed``, ``opinion``, ``scenario``, ``question``, ``heading``,
  ``pastiche`` (a str enum, so ``kind == "fact"`` works and it serialises as text).
* ``Hedge``: the class of modal language, ``""`` for none, else ``possible`` ("could",
  "may", a scenario), ``intent`` ("plans to", "aims to"), ``future`` ("will", "expected
  to", "slated to"), ``promise`` ("promised", "pledged").
* ``Tag(kind, attribution="", hedge="", cue="")``: frozen; ``attribution`` is who the
  statement is attributed to ("Meta", "CNBC", "the analysts"); ``cue`` is the words that
  decided ("said", "could", the "Scenarios" heading).
* ``TaggedSentence(text, tag)``: one sentence of a passage (``Passage.sentences``), with
  ``.kind`` / ``.attribution`` / ``.hedge`` shortcuts.
* ``tag_sentence(text, *, section=None, heading=False) -> Tag``: one sentence; ``section``
  is the kind its document section imposes (``Kind.SCENARIO`` under "Scenarios",
  ``Kind.PASTICHE`` for the quote after a pastiche label, ``Kind.OPINION`` under
  "Analysis"), ``heading`` says the line is a heading or caption.
* ``read_claim(text) -> Tag``: how a claim presents itself (its attribution and hedge), so a
  hedged claim can be matched with a hedged source.
* ``section_kind(heading) -> Kind | None`` and ``is_pastiche_label(text)``: the document-level
  cues ``corpus.split_document`` uses to carry a section's kind down to its sentences.
* ``hedges_compatible(claim, source) -> bool``: may a source with hedge ``source`` back a
  claim with hedge ``claim``.

Regular expressions, not a parser: tagging runs on every corpus load (the TUI's first
screen included), costs microseconds a sentence, and the cues are a closed class of words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    FACT = "fact"
    ATTRIBUTED = "attributed"
    OPINION = "opinion"
    SCENARIO = "scenario"
    QUESTION = "question"
    HEADING = "heading"
    PASTICHE = "pastiche"


class Hedge(StrEnum):
    NONE = ""
    POSSIBLE = "possible"
    INTENT = "intent"
    FUTURE = "future"
    PROMISE = "promise"


@dataclass(frozen=True)
class Tag:
    kind: Kind
    attribution: str = ""  # who says it: "Meta", "CNBC", "the analysts"
    hedge: Hedge = Hedge.NONE
    cue: str = ""  # the words that decided the kind or hedge

    @property
    def asserted(self) -> bool:
        """Stated by the document itself as plain fact (no speaker, no hedge)."""
        return self.kind in (Kind.FACT, Kind.HEADING) and not self.hedge


@dataclass(frozen=True)
class TaggedSentence:
    text: str
    tag: Tag

    @property
    def kind(self) -> Kind:
        return self.tag.kind

    @property
    def attribution(self) -> str:
        return self.tag.attribution

    @property
    def hedge(self) -> Hedge:
        return self.tag.hedge


# -- document sections ------------------------------------------------------------------

_SCENARIO_SECTION = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:(?:possible |future |alternative )?scenarios?|outlook|what(?:'s| is)? next|"
    r"what (?:could|might) happen(?: next)?|forecasts?|predictions?|projections?|"
    r"looking ahead|the road ahead|possible outcomes|what to watch(?: for)?)\s*:?$", re.IGNORECASE)
_OPINION_SECTION = re.compile(
    r"^(?:analysis|opinion|commentary|editorial|our take|(?:the )?bottom line|why it matters|"
    r"perspectives?|viewpoints?|op-ed)\s*:?$", re.IGNORECASE)
_PASTICHE_LABEL = re.compile(
    r"\b(?:fictional|invented|imagined|simulated|parody|satirical|ai[- ]generated)\b.{0,40}"
    r"\b(?:quote|quotation|pastiche|dialogue|voice)\b|\bpastiche\b|\bnot (?:a )?real quote\b",
    re.IGNORECASE)


def section_kind(heading: str) -> Kind | None:
    """The kind a section heading imposes on what follows it, or None for a plain section."""
    text = " ".join(heading.split())
    if _SCENARIO_SECTION.match(text):
        return Kind.SCENARIO
    if _OPINION_SECTION.match(text):
        return Kind.OPINION
    return None


def is_pastiche_label(text: str) -> bool:
    """A label saying the quote that follows is invented ("Fictional AI pastiche — not real quote")."""
    return len(text.split()) <= 14 and bool(_PASTICHE_LABEL.search(text))


# -- hedges ------------------------------------------------------------------------------

_HEDGES: list[tuple[Hedge, re.Pattern]] = [
    (Hedge.PROMISE, re.compile(r"\b(?:promis(?:e|es|ed|ing)|pledg(?:e|es|ed)|vow(?:s|ed)?|"
                               r"committed to|commits to|guarantee[sd]?)\b", re.I)),
    (Hedge.POSSIBLE, re.compile(r"\b(?:could|might|may|would|possibly|potentially|perhaps|"
                                r"scenarios?|if|unless|whether|conceivabl[ey]|"
                                r"(?:is|are|seems?|appears?) (?:un)?likely)\b", re.I)),
    (Hedge.INTENT, re.compile(r"\b(?:plans?|planning|aims?|aiming|hopes?|hoping|intends?|"
                              r"intending|wants?|seeks?|seeking|strives?|goals?|ambitions?|"
                              r"targets?|tasked with|(?:is|are) trying)\b(?= to\b| of\b| is\b)|"
                              r"\b(?:plans?|goals?|ambitions?)\b", re.I)),
    (Hedge.FUTURE, re.compile(r"\b(?:will|won't|shall|(?:is|are) (?:going|set|slated|due|expected|"
                              r"poised|scheduled) to|slated|expected|forecasts?|forecast(?:ed)?|"
                              r"predict(?:s|ed)?|projected|upcoming|in (?:the )?coming (?:weeks|months|years)|"
                              r"planned|next year|eventually)\b", re.I)),
]


def hedge_of(text: str) -> tuple[Hedge, str]:
    """The strongest hedge class in ``text`` and its cue word, ``(Hedge.NONE, "")`` if none."""
    for hedge, pattern in _HEDGES:
        match = pattern.search(text)
        if match:
            return hedge, match.group(0)
    return Hedge.NONE, ""


_COMPATIBLE = {
    Hedge.POSSIBLE: {Hedge.POSSIBLE, Hedge.FUTURE, Hedge.INTENT},
    Hedge.INTENT: {Hedge.INTENT, Hedge.FUTURE},
    Hedge.FUTURE: {Hedge.FUTURE, Hedge.INTENT},
    Hedge.PROMISE: {Hedge.PROMISE},
}


def hedges_compatible(claim: Hedge, source: Hedge) -> bool:
    """May a source stated with hedge ``source`` back a claim stated with hedge ``claim``?

    A plain claim needs a plain source; a claim that says "could" / "one scenario" may rest
    on a forecast, a plan or a scenario; a claim of a plan on a plan or a forecast; a
    promise only on a promise (a plan is no promise).
    """
    if claim == Hedge.NONE:
        return source == Hedge.NONE
    return source in _COMPATIBLE[claim]


# -- attribution -------------------------------------------------------------------------

_SAY = (r"(?:said|says|say|reported|reports|report|told|tells|stated|states|announced|announces|"
        r"claimed|claims|claim|wrote|writes|noted|notes|argued|argues|believes|believe|"
        r"estimated|estimates|described|describes|framed|frames|suggested|suggests|insisted|"
        r"insists|warned|warns|called|calls|added|adds|explained|explains|acknowledged|"
        r"confirmed|confirms|denied|denies|maintains|maintained|contends|contended|"
        r"according to|cited|cites|sees|see|views|view|viewed|consider|considers|considered|"
        r"are viewing|is viewing|note|frame)")
_WHO = r"(?:the |a |an |some |many |several |other )?(?:(?:[A-Z][\w'’.&-]*\s+(?:[a-z]+\s+){0,2})?[A-Z][\w'’.&-]*(?:\s+(?:of\s+)?[A-Z][\w'’.&-]*){0,4}|" \
       r"(?:[a-z]+\s+){0,2}(?:analysts?|critics?|researchers?|officials?|executives?|experts?|observers?|" \
       r"sources?|people|insiders?|employees?|staff|spokesperson|spokesman|spokeswoman|commentators?|" \
       r"investors?|reports?|company|firm|authors?|developers?|users?|engineers?|members?|scientists?))"
_ACCORDING = re.compile(r"\b(?i:according to)\s+(" + _WHO + r")", re.UNICODE)
_WHO_SAYS = re.compile(r"(?:^|[,;:—–-][\'’\"”]?\s*|\b(?:while|but|and|as)\s+)(" + _WHO + r")\s+(?:\w+ly\s+|(?:could|may|might|would|will|also)\s+)?"
                       + _SAY + r"\b(?!\s+(?:by|for|as)\b)", re.UNICODE)
_SAYS_WHO = re.compile(r"[,\"”]\s*(?:said|says|according to|wrote|writes|reported)\s+(" + _WHO + r")", re.UNICODE)
_IN_A = re.compile(r"^\s*in (?:a|an|his|her|its|their) (?:\w+\s+){0,3}(?:letter|essay|post|statement|"
                   r"interview|memo|blog post|report|paper|note)\b", re.IGNORECASE)
_IN_A_WHO = re.compile(r"^\s*in (?:a|an|his|her|its|their) [^,]{0,80},[\'’\"”]?\s+(" + _WHO + r")\s+" + _SAY + r"\b")
_QUOTED = re.compile(r"[\"“][^\"”]{12,}[\"”]")
_NOT_SPEAKERS = frozenset("it this that which there here these those what who he she they".split())


def attribution_of(text: str) -> tuple[str, str]:
    """Who ``text`` is attributed to and the cue, ``("", "")`` when the text speaks for itself."""
    for pattern in (_ACCORDING, _SAYS_WHO, _WHO_SAYS, _IN_A_WHO):
        match = pattern.search(text)
        if match:
            who = " ".join(match.group(1).split()).strip(" ,")
            if who.lower() in _NOT_SPEAKERS or not who:
                continue
            cue = match.group(0).strip(" ,;:—–-")
            return who, cue
    if _IN_A.search(text):
        return _IN_A.search(text).group(0).strip(), "in a"
    return "", ""


# -- opinion -----------------------------------------------------------------------------

_OPINION = re.compile(
    r"\b(?:i think|i believe|we believe|in my (?:view|opinion)|in our view|arguably|frankly|"
    r"should|ought to|must not|needs? to|it is (?:clear|obvious) that|undoubtedly|"
    r"(?:a|an) (?:smart|foolish|wise|bad|good|terrible|brilliant|bold|risky) (?:move|bet|decision))\b",
    re.IGNORECASE)


# -- sentences ---------------------------------------------------------------------------

def tag_sentence(text: str, *, section: Kind | None = None, heading: bool = False) -> Tag:
    """The kind of one source sentence (see the module docstring for the precedence)."""
    text = " ".join(text.split())
    hedge, hedge_cue = hedge_of(text)
    who, said = attribution_of(text)
    if section == Kind.PASTICHE:
        return Tag(Kind.PASTICHE, who, hedge, "pastiche label")
    if text.endswith("?"):
        return Tag(Kind.QUESTION, who, hedge, "?")
    if section == Kind.SCENARIO:
        return Tag(Kind.SCENARIO, who, hedge or Hedge.POSSIBLE, hedge_cue or "scenario section")
    if heading:
        return Tag(Kind.HEADING, who, hedge, hedge_cue or "heading")
    if who:
        return Tag(Kind.ATTRIBUTED, who, hedge, said)
    if section == Kind.OPINION:
        return Tag(Kind.OPINION, "", hedge, "opinion section")
    opinion = _OPINION.search(text)
    if opinion:
        return Tag(Kind.OPINION, "", hedge, opinion.group(0))
    if hedge == Hedge.POSSIBLE:
        return Tag(Kind.SCENARIO, "", hedge, hedge_cue)
    return Tag(Kind.FACT, "", hedge, hedge_cue)


def read_claim(text: str) -> Tag:
    """How a claim presents itself: attributed ("CNBC reported ..."), hedged ("could",
    "one scenario ..."), a question, an opinion, or a plain statement of fact."""
    return tag_sentence(text)
