"""The judge: fact-check every claim, score the sides on the rubric, name a winner and say why.

1. The offline claim verifier labels every claim of every turn (supported, contradicted,
   unsupported) with the passages that decide it, and every citation is checked (exact,
   near, unverified quote). These facts are settled: no judge may overrule them.
2. The rubric (``prompts/rubric.yaml``) scores each side 0-10 per criterion; evidence and
   accuracy come from the fact check alone. Offline, engagement and clarity are measured
   in the text; with a judge model, the model scores them, reading the debate twice with
   the sides' order swapped so that neither side gains from being presented first.
3. The weighted totals name the winner, or a tie within the rubric's margin. If the two
   readings disagree on the winner, the fact criteria alone decide.
4. The rationale is 3-6 sentences, each built on a number, a claim or a passage id.
"""

from __future__ import annotations

import re
from functools import partial, update_wrapper

from debate.citations import PASSAGE_ID, cited_sentences
from debate.errors import BackendError
from debate.evidence import Corpus
from debate.evidence.corpus import split_sentences
from debate.clash import checkable, names_in, restates_motion
from debate.rubric import FACT_CRITERIA, JUDGEMENT_CRITERIA, SIDES, Rubric, load_rubric, score_sides
from debate.sanitize import clean
from debate.transcript import Transcript
from debate.verdict import CitationCheck, ClaimCheck, EvidenceRef, OrderSwap, Reading, SideScores, Verdict, other

MAX_RATIONALE = 6
MIN_RATIONALE = 3
QUOTE_CHARS = 110  # a claim quoted in the rationale is cut to this length
LABELS = ("A", "B")  # how the LLM judge sees the sides: A is presented first
_PASSAGE_OR_CLAIM = re.compile(rf"\b({PASSAGE_ID.pattern}|C\d+)\b")


# ---- the facts -------------------------------------------------------------------------------

def fact_check(transcript: Transcript, corpus: Corpus) -> list[ClaimCheck]:
    """Every checkable claim of every turn with its side, speaker, round, label, deciding
    passage(s) and reason. A claim is checked against the passages its own sentence cites."""
    from debate.evidence.claims import extract_claims
    from debate.evidence.verifier import verifier_for

    verifier = verifier_for(corpus)
    claims = []
    debaters = [p["name"] for p in transcript.personas.values() if p.get("name")]
    for index, turn in enumerate(transcript.turns):
        for sentence in cited_sentences(turn.text):
            if reports_a_debater(sentence.sentence, debaters):
                continue
            for text in extract_claims(sentence.sentence, motion=transcript.motion):  # the motion is an opinion
                if restates_motion(text, transcript.motion):  # an opinion on the motion, not a fact
                    continue
                check = verifier.check(text, cited=sentence.passages)
                claims.append(ClaimCheck(
                    id=f"C{len(claims) + 1}", side=turn.side, speaker=turn.speaker, round=turn.round,
                    turn=index, text=text, label=check.label, score=round(check.score, 3),
                    reason=check.reason, cited=sentence.passages,
                    evidence=[EvidenceRef(passage=e.passage, text=e.text) for e in check.evidence]))
    return claims


def reports_a_debater(sentence: str, debaters: list[str]) -> bool:
    """A sentence that names a debater only to report what they said ("X leans on ...") is
    engagement, not a claim about the sources: checking it would punish a speaker for
    quoting the other side. The name must stand as a whole word (the human player is "You":
    "Young founders say ..." names nobody), and a sentence that, outside the quoted words
    and the name, still holds something checkable (a number, a name) is always checked."""
    return bool(names_in(sentence, debaters)) and not checkable(sentence, debaters)


def citation_checks(transcript: Transcript) -> list[CitationCheck]:
    """Every citation of every turn: does the cited passage hold the quoted words?"""
    return [CitationCheck(side=t.side, speaker=t.speaker, round=t.round, passage=c.passage, quote=c.quote,
                          match=c.match if c.verified else "none", verified=c.verified)
            for t in transcript.turns for c in t.citations]


# ---- the offline judge -----------------------------------------------------------------------

class Assessment:
    """The fact check and offline scorecard of one transcript under one rubric."""

    def __init__(self, transcript: Transcript, corpus: Corpus, rubric: Rubric):
        self.transcript, self.rubric = transcript, rubric
        self.claims = fact_check(transcript, corpus)
        self.citations = citation_checks(transcript)
        self.card = score_sides(transcript, self.claims, rubric)
        self.scores, self.facts = self.card.scores, self.card.facts
        self.names = {side: transcript.personas.get(side, {}).get("name", side) for side in SIDES}

    def who(self, side: str) -> str:
        return f"{self.names[side]} ({side.upper()})"

    def fact_totals(self) -> dict[str, float]:
        """Each side's weighted total over the fact criteria alone (evidence and accuracy)."""
        return {s: self.rubric.total(self.scores[s].criteria(), FACT_CRITERIA) for s in SIDES}

    def own_share(self, side: str) -> float:
        """Share of the side's owed turns that said something of its own, on its own side."""
        f = self.facts[side]
        return max(0, f.turns - f.empty_turns - f.copied_turns - f.off_side_turns) / f.turns

    def decide(self, totals: dict[str, float]) -> str:
        """The winner by the totals, or "none" when neither side said anything of its own."""
        if not any(r.own for r in self.card.readings):
            return "none"
        return self.rubric.winner(totals)

    def verdict(self, scores: dict[str, SideScores], winner: str, rationale: list[str], judge: str,
                **extra) -> Verdict:
        notes = extra.pop("notes", [])
        if not self.card.engagement_scored:
            notes.append("Engagement was not scored: no turn had an earlier point of the opponent or a "
                         "crossfire question to answer, so the totals weigh the other criteria alone.")
        return Verdict(winner=winner, scores=scores, facts=self.facts, claims=self.claims,
                       citations=self.citations, findings=self.card.findings, rationale=" ".join(rationale),
                       judge=judge, rubric=self.rubric.record(), notes=notes, **extra)

    # ---- rationale sentences, each resting on a number, a claim or a passage -------------
    def outcome_sentence(self, scores: dict, winner: str) -> str:
        p, c = scores["pro"].total, scores["con"].total
        if winner == "none":
            return (f"Neither side said anything of its own in its {_count(self.facts['pro'].turns, 'turn')} "
                    "(every turn empty or a copy of the other side's), so there is no winner.")
        if winner == "tie":
            return (f"The weighted totals, {p} for {self.who('pro')} and {c} for {self.who('con')}, are within "
                    f"the tie margin of {self.rubric.tie_margin}, so the debate is a tie.")
        loser = other(winner)
        return (f"{self.who(winner)} wins {scores[winner].total} to {scores[loser].total} on the weighted "
                f"rubric (a gap of {self.rubric.tie_margin} or less would be a tie).")

    def flip_sentence(self, first: str, swapped: str) -> str:
        """Why the fact criteria alone decide when the two readings disagree."""
        fact = self.fact_totals()
        winner = self.decide(fact)
        decision = ("they do not separate the sides, so the debate is a tie" if winner in ("tie", "none")
                    else f"{self.who(winner)} wins on them")
        return (f"Read with PRO first the judge model preferred {first}, read with CON first it preferred "
                f"{swapped}, so evidence and accuracy alone decide ({fact['pro']} for PRO, {fact['con']} for CON) "
                f"and {decision}.")

    def finding_sentences(self) -> list[str]:
        """Turns that are not arguments of their side: empty, copied from the opponent, off-side."""
        out = []
        for side in SIDES:
            f = self.facts[side]
            if 0 < f.empty_turns:
                out.append(f"{self.who(side)} said nothing in {f.empty_turns} of {_count(f.turns, 'turn')}, "
                           "and an empty turn scores zero.")
        for r, found in zip(self.card.readings, self.card.findings):
            side = r.turn.side
            if found.copied_from:
                out.append(f"{self.who(side)}'s {found.role} (round {found.round}) repeats "
                           f"{round(100 * found.copied_share)}% of {self.who(other(side))}'s {found.copied_from.split(' (')[1][:-1]} "
                           f"({found.copied_from.split(' (')[0]}), so it counts as no argument of its own: "
                           "no engagement, clarity or evidence for that turn.")
            elif found.off_side:
                out.append(f"{self.who(side)} argued the other side's case in round {found.round} "
                           f"({_quote(found.off_side_quote)}), so that turn earned no engagement and lost clarity.")
        return out

    def clash_sentence(self, winner: str) -> str | None:
        """The decisive clash: the winner's answer to a point of the loser, or the points
        (or crossfire) the loser left unanswered."""
        if winner not in SIDES:
            return None
        loser = other(winner)
        mine = [r for r in self.card.readings if r.turn.side == winner and r.answered]
        if mine:
            r = mine[0]
            point = r.answered[0]
            source = self.transcript.turns[point.turn]
            return (f"The decisive clash: {self.who(winner)} took up {self.who(loser)}'s point {_quote(point.text)} "
                    f"(round {source.round}) and answered it in round {r.turn.round}, "
                    f"{self.facts[winner].points_answered} of {self.facts[winner].points_to_answer} points answered "
                    f"against {self.facts[loser].points_answered} of {self.facts[loser].points_to_answer} by "
                    f"{self.names[loser]}.")
        left = [r for r in self.card.readings if r.turn.side == loser and r.to_answer and not r.answered]
        if left:
            r = left[0]
            return (f"{self.who(loser)} left {self.who(winner)}'s points unanswered in round {r.turn.round}, "
                    f"such as {_quote(r.to_answer[0].text)}.")
        cross = [r for r in self.card.readings if r.crossfire != "none"]
        if any(r.crossfire == "answered" for r in cross if r.turn.side == winner) and \
                not any(r.crossfire == "answered" for r in cross if r.turn.side == loser):
            question = next(r for r in cross if r.turn.side == winner)
            return (f"{self.who(winner)} answered the round {question.turn.round} crossfire question and "
                    f"{self.who(loser)} did not.")
        return None

    def gap_sentence(self, scores: dict) -> str | None:
        weights = self.rubric.weights
        pro, con = scores["pro"].criteria(), scores["con"].criteria()
        gaps = {n: weights[n] * abs(pro[n] - con[n]) for n in weights if weights[n]}
        name = max(gaps, key=gaps.get)
        if not gaps[name]:
            return None
        ahead = "pro" if pro[name] > con[name] else "con"
        behind = other(ahead)
        why = {n: self._why(n, ahead) + " against " + self._why(n, behind) for n in FACT_CRITERIA}
        because = f" ({why[name]})" if name in why else ""
        return (f"The widest weighted gap is {name}: {getattr(scores[ahead], name)} for {self.who(ahead)} against "
                f"{getattr(scores[behind], name)} for {self.who(behind)}{because}.")

    def _why(self, criterion: str, side: str) -> str:
        f = self.facts[side]
        if criterion == "evidence":
            return (f"{f.supported} of {f.claims} claims supported and "
                    f"{f.exact_citations + f.near_citations} of {f.citations} citations verified")
        return f"{f.contradicted} contradicted and {f.unsupported} unsupported claims"

    def claim_sentences(self, winner: str) -> list[str]:
        """The claims that cost the loser (contradicted first, then unverified citations),
        then each side's best supported claim."""
        order = [other(winner), winner] if winner in SIDES else list(SIDES)
        out = []
        for side in order:
            for c in [c for c in self.claims if c.side == side and c.label == "contradicted"][:2]:
                out.append(f"{self.who(c.side)} claimed {_quote(c.text)} ({c.id}), which "
                           f"{_passages(c)} contradicts ({c.reason}).")
            bad = [c.passage for c in self.citations if c.side == side and not c.verified]
            if bad:
                out.append(f"{self.who(side)} cited {', '.join(dict.fromkeys(bad))} for words "
                           f"{'that passage does' if len(bad) == 1 else 'those passages do'} not hold.")
        for side in order[::-1]:
            best = max((c for c in self.claims if c.side == side and c.label == "supported" and c.evidence),
                       key=lambda c: c.score, default=None)
            if best:
                out.append(f"{self.who(side)}'s claim {_quote(best.text)} ({best.id}) is supported by "
                           f"{_passages(best)}.")
        if not self.claims:
            out.append("Neither side made a claim the sources could check, so the rubric's other criteria decide.")
        return out

    def rationale(self, scores: dict, winner: str, extra: list[str] = (), outcome: str | None = None) -> list[str]:
        """3-6 sentences: the outcome, the turns that were no argument, the decisive clash,
        the claims that cost the loser, the widest gap."""
        gap = self.gap_sentence(scores)
        sentences = _dedupe([outcome or self.outcome_sentence(scores, winner), *self.finding_sentences()[:2],
                             self.clash_sentence(winner), *extra, *self.claim_sentences(winner)[:2], gap])
        if len(sentences) < MIN_RATIONALE:
            sentences += [self.tally_sentence(side) for side in SIDES]
        return sentences[:MAX_RATIONALE]

    def tally_sentence(self, side: str) -> str:
        f = self.facts[side]
        return (f"{self.who(side)} made {_count(f.claims, 'checkable claim')} ({f.supported} supported, "
                f"{f.contradicted} contradicted, {f.unsupported} unsupported) and {_count(f.citations, 'citation')} "
                f"({f.unverified_citations} unverified) in {_count(f.words, 'word')}.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _quote(text: str) -> str:
    text = text.strip().rstrip(".")
    return f"“{text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS].rsplit(' ', 1)[0] + '…'}”"


def _passages(claim: ClaimCheck) -> str:
    return ", ".join(dict.fromkeys(e.passage for e in claim.evidence)) or "the sources"


def _dedupe(sentences: list[str]) -> list[str]:
    return list(dict.fromkeys(s for s in sentences if s))


async def offline_judge(transcript: Transcript, corpus: Corpus, rubric: Rubric | None = None) -> Verdict:
    """Judge with the fact check and the rubric's offline measures alone."""
    return offline_verdict(Assessment(transcript, corpus, rubric or load_rubric()))


def offline_verdict(a: Assessment, judge: str = "offline", **extra) -> Verdict:
    winner = a.decide({s: a.scores[s].total for s in SIDES})
    return a.verdict(a.scores, winner, a.rationale(a.scores, winner), judge, **extra)


# ---- the LLM judge ---------------------------------------------------------------------------

class LLMJudge:
    """Scores the judgement criteria with a model, twice with the sides' order swapped."""

    def __init__(self, settings, rubric: Rubric, prompts=None):
        from debate.prompts import Prompts

        self.settings, self.rubric = settings, rubric
        self.model = settings.model_for("judge")
        self.prompts = prompts or Prompts(settings.prompts_dir)
        self.failure: str | None = None  # why the model gave no verdict, when the offline judge decided

    async def __call__(self, transcript: Transcript, corpus: Corpus) -> Verdict:
        a = Assessment(transcript, corpus, self.rubric)
        warnings = _same_model_warning(transcript, self.model)
        try:
            readings = await self._readings(a)
        except BackendError as exc:
            reason = " ".join(str(exc).split())[:200]
            self.failure = f"the judge model {self.model} failed: {reason}"
            return offline_verdict(a, f"offline (fallback: judge model {self.model} failed: {reason})",
                                   warnings=warnings,
                                   notes=[f"The judge model gave no usable verdict ({reason}); "
                                          "the offline judge decided instead."])
        return self._combine(a, readings, warnings)

    async def _readings(self, a: Assessment) -> list[Reading]:
        from debate.backends import make_backend

        backend = make_backend(self.settings, "judge")
        try:
            return [await self._read(backend, a, order) for order in (SIDES, SIDES[::-1])]
        finally:
            await backend.aclose()

    async def _read(self, backend, a: Assessment, order: tuple[str, ...]) -> Reading:
        """One reading with ``order[0]`` presented first as side A; scores mapped back to sides."""
        label = dict(zip(order, LABELS))
        messages = [{"role": "user", "content": self.prompts.render("judge.j2", **_prompt_context(a, label))}]
        try:
            parsed = parse_reply(await backend.complete_json(messages, reply_schema()))
        except ValueError as exc:  # JSON, but not the asked-for shape (the backend owns repairs)
            raise BackendError(f"the judge's reply does not match the schema: {exc}") from None
        side_of = {v: k for k, v in label.items()}
        return Reading(order=list(order), scores={side_of[lab]: parsed["scores"][lab] for lab in LABELS},
                       winner=side_of.get(parsed["winner"], "tie"),
                       rationale=_unlabel(parsed["rationale"], {lab: a.who(side) for lab, side in side_of.items()}))

    def _combine(self, a: Assessment, readings: list[Reading], warnings: list[str]) -> Verdict:
        first, swapped = readings
        scores = {}
        for side in SIDES:  # a turn that was no argument of the side's own earns no judgement credit
            mean = {n: round(a.own_share(side) * (first.scores[side][n] + swapped.scores[side][n]) / 2, 2)
                    for n in JUDGEMENT_CRITERIA}
            side_scores = {n: getattr(a.scores[side], n) for n in FACT_CRITERIA} | mean
            scores[side] = SideScores(**side_scores, total=self.rubric.total(side_scores))
        agree = first.winner == swapped.winner
        outcome = None
        if agree:
            winner = a.decide({s: scores[s].total for s in SIDES})
        else:
            winner, outcome = a.decide(a.fact_totals()), a.flip_sentence(first.winner, swapped.winner)
        rationale = a.rationale(scores, winner, _model_sentences(first.rationale, a), outcome)
        order_swap = OrderSwap(first=first.winner, swapped=swapped.winner, agree=agree,
                               decided_by="rubric totals" if agree else "fact check", readings=readings)
        scored_by = {n: ("fact check" if n in FACT_CRITERIA else f"{self.model} (mean of both orders)")
                     for n in self.rubric.weights}
        return a.verdict(scores, winner, rationale, self.model, order_swap=order_swap, scored_by=scored_by,
                         warnings=warnings)


def _prompt_context(a: Assessment, label: dict[str, str]) -> dict:
    """What judge.j2 sees: the sides as A and B (A presented first), the turns with A's
    first in each round, the fact-check table, the fact scores and the criteria to score."""
    t = a.transcript
    order = sorted(SIDES, key=lambda s: label[s])
    turns = sorted(t.turns, key=lambda turn: (turn.round, order.index(turn.side)))
    sides = [{"label": label[s], "name": a.names[s], "stance": "for" if s == "pro" else "against",
              "description": t.personas.get(s, {}).get("description", ""),
              "facts": a.facts[s], "scores": {n: getattr(a.scores[s], n) for n in FACT_CRITERIA}} for s in order]
    return {
        "motion": t.motion, "sides": sides,
        "turns": [{"label": label[x.side], "speaker": x.speaker, "round": x.round, "role": x.role, "text": x.text,
                   "crossfire": next((r.crossfire for r in t.rounds if r.number == x.round), None)} for x in turns],
        "claims": [{**c.model_dump(), "label_side": label[c.side]} for c in a.claims],
        "citations": [{**c.model_dump(), "label_side": label[c.side]} for c in a.citations],
        "criteria": [{"name": n, "weight": c.weight, "description": " ".join(c.description.split()),
                      "scored_by": "fact check" if n in FACT_CRITERIA else "you"} for n, c in a.rubric.items()],
        "score_criteria": list(JUDGEMENT_CRITERIA),
        "findings": [{"label": label[f.side], "round": f.round, "role": f.role, "stance": f.stance,
                      "off_side": f.off_side, "copied_from": f.copied_from, "copied_share": f.copied_share}
                     for f in a.card.findings if f.off_side or f.copied_from or f.stance == "empty"],
    }


def reply_schema() -> dict:
    """The JSON the judge model must return (also checked by ``parse_reply``)."""
    side = {"type": "object", "required": list(JUDGEMENT_CRITERIA), "additionalProperties": False,
            "properties": {n: {"type": "number", "minimum": 0, "maximum": 10} for n in JUDGEMENT_CRITERIA}}
    return {"type": "object", "required": ["scores", "winner", "rationale"],
            "properties": {"scores": {"type": "object", "required": list(LABELS),
                                      "properties": {lab: side for lab in LABELS}},
                           "winner": {"enum": [*LABELS, "tie"]}, "rationale": {"type": "string"}}}


def parse_reply(reply) -> dict:
    """Check a judge reply against ``reply_schema``; raise ValueError saying what is wrong."""
    if not isinstance(reply, dict):
        raise ValueError("the reply is not a JSON object")
    missing = [k for k in ("scores", "winner", "rationale") if k not in reply]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    scores = {}
    for lab in LABELS:
        given = (reply["scores"] or {}).get(lab) if isinstance(reply["scores"], dict) else None
        if not isinstance(given, dict):
            raise ValueError(f"scores.{lab} must be an object")
        scores[lab] = {}
        for name in JUDGEMENT_CRITERIA:
            value = given.get(name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
                raise ValueError(f"scores.{lab}.{name} must be a number from 0 to 10")
            scores[lab][name] = float(value)
    winner = str(reply["winner"]).strip().removeprefix("Side ").removeprefix("side ")
    if winner not in (*LABELS, "tie"):
        raise ValueError('winner must be "A", "B" or "tie"')
    if not isinstance(reply["rationale"], str):
        raise ValueError("rationale must be a string")
    return {"scores": scores, "winner": winner, "rationale": clean(reply["rationale"])}


def _unlabel(text: str, names: dict[str, str]) -> str:
    """Replace "Side A" / "Side B" in the model's words with the speakers' names."""
    return re.sub(r"\b[Ss]ide ([AB])\b", lambda m: names[m.group(1)], text)


def _model_sentences(text: str, a: Assessment, most: int = 3) -> list[str]:
    """The model's rationale sentences that rest on a claim id or passage id the fact check
    knows; a sentence that names neither has no checkable reason behind it and is dropped."""
    known = {c.id for c in a.claims} | {e.passage for c in a.claims for e in c.evidence} | \
        {c.passage for c in a.citations}
    text = " ".join(text.split())
    sentences = [text[s:e].strip() for s, e in split_sentences(text)]
    return [s for s in sentences if set(_PASSAGE_OR_CLAIM.findall(s)) & known][:most]


def _same_model_warning(transcript: Transcript, judge_model: str) -> list[str]:
    backend = transcript.backend or {}
    if backend.get("name") != "openai":
        return []
    debaters = {side: backend.get(f"{side}_model") or backend.get("model") for side in SIDES}
    same = [side for side, model in debaters.items() if model and model == judge_model]
    if not same:
        return []
    sides = "both sides" if len(same) == 2 else f"the {same[0]} side"
    return [f"The judge model {judge_model} also argued {sides}: a model may favour its own arguments; "
            "use --judge-model to pick another."]


# ---- wiring ----------------------------------------------------------------------------------

def judge_for(settings, *, rubric: Rubric | None = None):
    """The judge coroutine for a debate under ``settings``: the LLM judge when the backend
    is openai and a judge model is set, else the offline judge. The rubric is loaded now,
    so a bad rubric file fails before the debate starts."""
    rubric = rubric or load_rubric(settings.rubric, settings.prompts_dir)
    if settings.backend_name == "openai" and settings.model_for("judge"):
        return LLMJudge(settings, rubric)
    recorded = _recorded_judge_model(settings)
    if recorded is not None:  # a cassette with the judge's answers: replay them too
        judge = LLMJudge(settings, rubric)
        judge.model = recorded
        return judge
    # Keeps offline_judge's name: the TUI runs the offline judge (CPU work) in a thread by it.
    return update_wrapper(partial(offline_judge, rubric=rubric), offline_judge)


def _recorded_judge_model(settings) -> str | None:
    """The judge model of a replay cassette that holds judge calls, else None."""
    if settings.backend_name != "replay" or not settings.cassette:
        return None
    from debate.backends.replay import read_cassette

    judged = [e for e in read_cassette(settings.cassette) if e.role == "judge"]
    return (judged[0].model or "replay") if judged else None
