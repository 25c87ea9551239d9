"""Classroom handouts for one debate: discussion questions, a fact-check exercise, an answer key.

The exercise lists claims the debaters actually made, for students to label against the
sources; the answer key (a separate file, for the teacher) gives the label the claim
verifier assigns, with the deciding passage, so the key always agrees with ``debate check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from debate.citations import strip_markers
from debate.evidence import Corpus
from debate.evidence.quantities import is_name_number
from debate.sanitize import clean
from debate.transcript import Transcript, atomic_write
from debate.verdict import ClaimCheck

EXERCISE_SIZE = 6
QUESTIONS = 4
ALTERED = 2  # altered claims offered when a debate made fewer than this many mistakes


@dataclass
class Item:
    """One claim of the fact-check exercise, with the verifier's answer."""

    number: int
    side: str
    speaker: str
    round: int
    text: str  # the claim as said, citation markers removed
    cited: list[str]  # passages the speaker cited in that turn
    label: str
    evidence: list[dict]  # [{"passage", "text"}]
    reason: str
    note: str = ""  # for the teacher: how an altered claim differs from what was said


def _claims(transcript: Transcript, corpus: Corpus) -> list[ClaimCheck]:
    """The judged claims of the debate (the verdict's, else a fresh fact check)."""
    claims = transcript.verdict.claims if transcript.verdict else []
    if claims:
        return claims
    from debate.judge import fact_check

    return fact_check(transcript, corpus)


def checked_claims(transcript: Transcript, corpus: Corpus) -> list[Item]:
    """Every claim of the debate with the verifier's label and the passages its sentence cited.

    The judge's fact check is the verifier's (no judge may overrule it), so its labels are
    used as they are (a verdict's claims are typed: every one has a label).
    """
    cited_by_turn = {(t.side, t.round): [c.passage for c in t.citations] for t in transcript.turns}
    items, seen = [], set()
    for claim in _claims(transcript, corpus):
        text = claim.text
        if text in seen:
            continue
        seen.add(text)
        cited = cited_by_turn.get((claim.side, claim.round), []) if claim.cited is None else claim.cited
        evidence = [{"passage": e.passage, "text": e.text} for e in claim.evidence if e.passage]
        items.append(Item(number=0, side=claim.side, speaker=claim.speaker or
                          transcript.personas[claim.side]["name"], round=claim.round,
                          text=strip_markers(text), cited=list(cited), label=claim.label,
                          evidence=evidence, reason=claim.reason))
    return items


_NUMBER = re.compile(r"(?<![\w.\-])\d+(?:[.,]\d+)*")


def altered(items: list[Item], corpus: Corpus, wanted: int = ALTERED) -> list[Item]:
    """Claims from the debate with one number changed, kept only where the verifier marks the
    change contradicted: when every claim of a debate was true, students still get claims
    to catch, and the key still agrees with ``debate check``. Numbers inside names
    ("Llama 2", "GPT-5.4") are left alone: changing them makes a different thing, not a mistake."""
    from debate.evidence.verifier import verifier_for

    verifier = verifier_for(corpus)
    out: list[Item] = []
    for item in items:
        if len(out) == wanted:
            break
        if item.label == "supported":
            numbers = [m for m in _NUMBER.finditer(item.text) if not is_name_number(item.text, m.start())]
            variant = next(filter(None, (_changed(item, m, verifier) for m in numbers)), None)
            if variant is not None:
                out.append(variant)
    return out


def _changed(item: Item, match: re.Match, verifier) -> Item | None:
    """``item`` with the number at ``match`` changed, if the verifier then calls it contradicted."""
    old = match.group(0)
    new = str(int(old) + 4) if re.fullmatch(r"(19|20)\d\d", old) else str((int(old[0]) + 3) % 9 + 1) + old[1:]
    text = item.text[:match.start()] + new + item.text[match.end():]
    check = verifier.check(text, cited=item.cited)
    if check.label != "contradicted":
        return None
    return Item(number=0, side=item.side, speaker="Heard after the debate", round=item.round, text=text,
                cited=item.cited, label=check.label, reason=check.reason,
                evidence=[{"passage": e.passage, "text": e.text} for e in check.evidence],
                note=f"altered from what {item.speaker} said: {old} became {new}")


def exercise(items: list[Item], size: int = EXERCISE_SIZE, extra: list[Item] = ()) -> list[Item]:
    """A mix for students: every label and both sides where possible, in debate order; the
    ``extra`` (altered) claims go in when the debate itself gave few to catch."""
    if sum(1 for i in items if i.label != "supported") < len(extra):
        items = [*items, *extra]
    order = {id(item): n for n, item in enumerate(items)}
    buckets = {(label, side): [i for i in items if i.label == label and i.side == side]
               for label in ("contradicted", "unsupported", "supported") for side in ("pro", "con")}
    chosen: list[Item] = []
    while len(chosen) < size and any(buckets.values()):
        for bucket in buckets.values():
            if bucket and len(chosen) < size:
                chosen.append(bucket.pop(0))
    chosen.sort(key=lambda i: order[id(i)])
    for n, item in enumerate(chosen, 1):
        item.number = n
    return chosen


def questions(transcript: Transcript, items: list[Item], limit: int = QUESTIONS) -> list[str]:
    """Discussion questions drawn from the decisive claims: errors first, then the winner's facts."""
    winner = transcript.verdict.winner if transcript.verdict else "tie"
    rank = {"contradicted": 0, "unsupported": 2, "supported": 1}
    decisive = sorted(items, key=lambda i: (rank[i.label], i.side != winner))
    out = []
    for item in decisive[:limit]:
        who = f"{item.speaker} ({item.side.upper()})"
        quote = f'"{_short(item.text)}"'
        if item.label == "contradicted":
            out.append(f"In round {item.round}, {who} claimed {quote}. Find the passage that decides it: what "
                       f"does it actually say, and how much should the mistake count against {item.speaker}?")
        elif item.label == "unsupported":
            out.append(f"{who} said {quote}, which the sources neither confirm nor deny. Is it still a fair "
                       f"point to make? What evidence would settle it?")
        else:
            stance = "for" if item.side == "pro" else "against"
            out.append(f"{who} relied on {quote}. Does this fact really support the case {stance} the motion, "
                       f"or could the other side use it too?")
    if winner in ("pro", "con"):
        name = transcript.personas[winner]["name"]
        out.append(f"The judge gave the debate to {name} ({winner.upper()}). Which single claim was decisive "
                   f"for you, and would you have decided differently?")
    else:
        out.append("The judge called a tie. Which single claim would have tipped it for you, and why?")
    return out


def _short(text: str, words: int = 40) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _sides(t: Transcript) -> list[str]:
    out = []
    for side in ("pro", "con"):
        p = t.personas[side]
        label = f" — *{p['label']}*" if p.get("label") else ""
        out.append(f"- **{side.upper()}**: {p['name']}{label}")
    return out


def handout_markdown(t: Transcript, items: list[Item], asked: list[str], *, transcript_link: str) -> str:
    out = [f"# Handout: {t.motion}", "", *_sides(t), "",
           f"Read the transcript ([{transcript_link}]({transcript_link})) and the sources: {', '.join(t.seeds)}.",
           "", "## Discussion questions", ""]
    out += [f"{n}. {q}" for n, q in enumerate(asked, 1)]
    out += ["", "## Fact-check exercise", "",
            "For each claim from the debate, find the cited passage in the sources and label it "
            "**supported** (the sources say so), **contradicted** (the sources say otherwise) or "
            "**unsupported** (the sources do not say). Write down the passage that decides it.", ""]
    for item in items:
        cited = f" (cited: {', '.join(item.cited)})" if item.cited else ""
        out += [f"{item.number}. {item.speaker} ({item.side.upper()}, round {item.round}){cited}:",
                f"   > {item.text}",
                "   Label: ☐ supported ☐ contradicted ☐ unsupported · Deciding passage: ________", ""]
    if not items:
        out += ["(This debate made no checkable claims.)", ""]
    return "\n".join(out).rstrip() + "\n"


def key_markdown(t: Transcript, items: list[Item]) -> str:
    out = [f"# Answer key: {t.motion}", "",
           "Labels are the offline claim verifier's (the same as `debate check`).", ""]
    for item in items:
        out.append(f"{item.number}. **{item.label}**: {item.text}")
        for e in item.evidence[:1]:
            out.append(f"   - deciding passage {e['passage']}: \"{e['text'].strip()}\"")
        out.append(f"   - reason: {item.reason}")
        if item.note:
            out.append(f"   - {item.note}")
    if not items:
        out.append("(No claims to label.)")
    return "\n".join(out).rstrip() + "\n"


def handout_items(t: Transcript, corpus: Corpus) -> tuple[list[Item], list[Item]]:
    """Every checked claim of the debate, and the exercise drawn from them (altered ones too)."""
    claims = checked_claims(t, corpus)
    return claims, exercise(claims, extra=altered(claims, corpus))


def write_handouts(t: Transcript, corpus: Corpus, folder: Path, stem: str) -> tuple[Path, Path]:
    """Write ``folder/stem.md`` (for students) and ``folder/stem-key.md`` (for the teacher)."""
    claims, items = handout_items(t, corpus)
    handout, key = folder / f"{stem}.md", folder / f"{stem}-key.md"
    atomic_write(handout, clean(handout_markdown(t, items, questions(t, claims), transcript_link=f"../{stem}.html")))
    atomic_write(key, clean(key_markdown(t, items)))
    return handout, key
