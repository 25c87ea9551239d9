"""Is the evidence stated the way the claim is: as fact, with the same hedge, by the same speaker?

A scenario ("Within 18 months Meta is a top-three lab"), a plan ("Meta plans to ..."), a
statement someone made ("CNBC reported ...") or an invented quote does not certify a
claim stated as plain fact, unless the speaker is the claim's own subject speaking of
itself ("Meta said Meta AI can ..."). The same sentence does back a claim that presents it as what
it is ("One scenario is that ...", "CNBC reported ..."). Codes: ``pastiche``,
``question-only``, ``scenario-only``, ``hedge-mismatch``, ``attributed-to-other``,
``unmatched-attribution``.
"""

from __future__ import annotations

import re

from debate.evidence.checks.base import Finding, Pair
from debate.evidence.kinds import Hedge, Kind, Tag, hedges_compatible

_DOCUMENT_ITSELF = re.compile(
    r"^(?:the |this |that )?(?:article|piece|source|sources|timeline|report|analysis|explainer|story|"
    r"passage|record|records|text|author|authors|document|overview|summary|post|page|writer|"
    r"study|abstract|paper|researchers)$", re.IGNORECASE)
_SPEAKER_WORD = re.compile(r"[A-Za-z][\w-]+")
_FILLER = frozenset("the a an of in his her its their said chief executive officer spokesperson".split())


def speaks_for_itself(tag: Tag) -> bool:
    """No speaker, or the document itself ("the timeline records", "the piece lists")."""
    return not tag.attribution or bool(_DOCUMENT_ITSELF.match(tag.attribution.strip()))


def same_speaker(a: str, b: str) -> bool:
    """"Meta" and "Meta's blog post", "Voss" and "Chief executive Mara Voss" are one speaker."""
    def words(text: str) -> set[str]:
        return {w.lower().removesuffix("'s") for w in _SPEAKER_WORD.findall(text)} - _FILLER
    return bool(words(a) & words(b))


_SELF = re.compile(r"^(?:the |its )?(?:company|firm|startup|lab|group|business|team|maker)$", re.IGNORECASE)


def first_party(speaker: str, claim: str) -> bool:
    """A party speaking of itself: "Meta said" for a claim about Meta or in an article about
    Meta (``claim`` is the claim and its evidence's document title), "the company said".

    What a company states about its own products and plans is the record of them; what a
    third party says (a newspaper, an analyst, a rival) stays that party's claim.
    """
    return bool(_SELF.match(speaker.strip())) or same_speaker(speaker, " ".join(
        w for w in _SPEAKER_WORD.findall(claim) if w[0].isupper()))


_SAYING = frozenset("say tell report state announce claim write note argue believe estimate describe "
                    "suggest insist warn add explain acknowledge confirm deny maintain contend".split())
_MAIN_DEPS = frozenset({"ROOT", "conj", "xcomp", "advcl", "aux", "auxpass", "neg", "advmod", "nsubj",
                        "nsubjpass", "attr", "acomp", "dobj", "prep", "pobj", "amod", "compound"})


def main_hedge(doc, tag: Tag) -> Hedge:
    """``tag.hedge`` if its cue governs the sentence's main statement, else no hedge.

    "Meta plans to open-source Muse" is a plan; "Zuckerberg publishes an essay arguing open
    AI will win" is a fact about an essay, its "will" belongs to the essay's argument. The
    cue counts when the path from it to the sentence root runs through the main clause
    (or through what a "said" verb reports), not through a relative or reported clause.
    """
    cue = tag.cue.split()[0].lower() if tag.cue else ""
    found = [t for t in doc if t.lower_ == cue]
    if not found:
        return tag.hedge
    for token in found:
        node, main = token, True
        while node.dep_ != "ROOT" and node.head is not node:
            if node.dep_ == "ccomp" and node.head.lemma_.lower() not in _SAYING:
                main = False
                break
            if node.dep_ not in _MAIN_DEPS and node.dep_ != "ccomp":
                main = False
                break
            node = node.head
        if main:
            return tag.hedge
    return Hedge.NONE


def check(pair: Pair) -> Finding | None:
    main = pair.tags[0] if pair.tags else Tag(Kind.FACT)
    claim = pair.claim_tag
    if main.kind == Kind.PASTICHE:
        return Finding("unsupported", "pastiche", "an invented quote is no evidence")
    if main.kind == Kind.QUESTION:
        return Finding("unsupported", "question-only", main.cue)
    if main.kind == Kind.ATTRIBUTED and not speaks_for_itself(main):
        if speaks_for_itself(claim):
            if not first_party(main.attribution, pair.claim + " " + pair.title):
                return Finding("unsupported", "attributed-to-other", main.attribution)
        elif not same_speaker(claim.attribution, main.attribution):
            return Finding("unsupported", "attributed-to-other", f"{main.attribution}, not {claim.attribution}")
    elif not speaks_for_itself(claim) and not any(same_speaker(claim.attribution, t.attribution)
                                                 for t in pair.tags if t.attribution):
        return Finding("unsupported", "unmatched-attribution", claim.attribution)
    claim_hedge = main_hedge(pair.claim_doc, claim) if claim.hedge else claim.hedge
    sources = [main_hedge(pair.evidence_doc, t) if t.hedge and t.kind != Kind.SCENARIO else t.hedge
               for t in pair.tags or (main,)]
    if not any(hedges_compatible(claim_hedge, s) for s in sources[:1] + [s for s in sources[1:] if s]):
        if main.kind == Kind.SCENARIO and claim_hedge == Hedge.NONE:
            return Finding("unsupported", "scenario-only", main.cue)
        return Finding("unsupported", "hedge-mismatch", f'"{claim.cue or "as fact"}" vs "{main.cue or "as fact"}"')
    return None


def check_contradiction(pair: Pair) -> Finding | None:
    """A scenario, a question or a pastiche contradicts no claim: it states nothing as fact."""
    main = pair.tags[0] if pair.tags else Tag(Kind.FACT)
    if main.kind == Kind.PASTICHE:
        return Finding("unsupported", "pastiche", "an invented quote is no evidence")
    if main.kind == Kind.QUESTION:
        return Finding("unsupported", "question-only", main.cue)
    if main.kind == Kind.SCENARIO and pair.claim_tag.hedge == Hedge.NONE:
        return Finding("unsupported", "scenario-only", main.cue)
    return None
