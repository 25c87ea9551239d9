"""The debate engine: turn order, clocks, evidence and events. Knows nothing of any UI.

``Debate.run()`` is an async generator of events; the headless CLI prints them and the TUI
renders them. It is the one place that decides who speaks when, how long a turn may run,
which passages a turn is offered, when the transcript is saved and when the judge runs.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from debate.backends.base import Backend, Restart, TurnRequest
from debate.citations import citations_in
from debate.errors import BackendError
from debate.evidence import Corpus, Passage
from debate.evidence.index import search_index
from debate.motions import Motion, framing
from debate.personas import Persona, load_persona
from debate.prompts import Prompts
from debate.spec import DebateSpec
from debate.sanitize import clean
from debate.transcript import Transcript, Turn
from debate.verdict import Verdict

SIDES = ("pro", "con")
EVIDENCE_PER_TURN = 6
CROSSFIRE_PASSAGES = 2  # of those, reserved for the best answers to a crossfire question


# ---- events -------------------------------------------------------------------------------

@dataclass
class TurnStarted:
    round: int
    side: str
    speaker: str
    role: str
    seconds: float
    evidence: list[Passage]


@dataclass
class TextChunk:
    round: int
    side: str
    text: str


@dataclass
class TurnRestarted:
    """The backend started the turn over (a retry): drop the text shown so far."""

    round: int
    side: str


@dataclass
class TurnEnded:
    turn: Turn


@dataclass
class CrossfireAsked:
    round: int
    question: str


@dataclass
class JudgingStarted:
    pass


@dataclass
class VerdictReady:
    verdict: Verdict


@dataclass
class DebateEnded:
    transcript: Transcript


Event = TurnStarted | TextChunk | TurnRestarted | TurnEnded | CrossfireAsked | JudgingStarted | VerdictReady | DebateEnded


def role_for(round_number: int, rounds: int) -> str:
    """Opening first, closing last (when there are 2+ rounds), rebuttals between."""
    if round_number == 1:
        return "opening"
    return "closing" if round_number == rounds else "rebuttal"


class Debate:
    def __init__(self, config: DebateSpec, corpus: Corpus, backends: dict[str, Backend], *,
                 personas: dict[str, Persona] | None = None, prompts: Prompts | None = None, motions: list[Motion] | None = None,
                 judge: Callable | None = None, on_save: Callable[[Transcript], None] | None = None,
                 backend_record: dict | None = None):
        self.config = config = config.resolved()  # every number set: the spec's, else the defaults
        # The personas as loaded (runner.prepare looks in the user's folders), else by the spec's names.
        self.personas = personas or {side: load_persona(getattr(config, side)) for side in SIDES}
        self.corpus = corpus
        self.backends = backends  # per side: {"pro": ..., "con": ...}
        self.prompts = prompts or Prompts()
        self.motions = motions or []
        self.judge = judge
        self.on_save = on_save
        self.used: set[str] = set()
        self.pending_crossfire: list[str] = list(config.crossfire)
        self._skip = asyncio.Event()
        self._running = asyncio.Event()
        self._running.set()
        self._paused_at = 0.0
        self._deadline = 0.0
        self.transcript = Transcript(
            motion=config.motion,
            seeds=corpus.files,
            backend=backend_record or {"name": backends["pro"].name, "model": backends["pro"].model},
            personas={side: self.persona(side).to_record() for side in SIDES},
            settings={"rounds": config.rounds, "turn_seconds": config.turn_seconds,
                      "max_tokens": config.max_words, "seed": config.seed},  # "max_tokens": the stored name
        )

    def persona(self, side: str) -> Persona:
        return self.personas[side]

    # ---- controls the TUI uses -------------------------------------------------------------
    def ask_crossfire(self, question: str) -> None:
        """Queue a crossfire question for both sides to answer in the next round."""
        self.pending_crossfire.append(question.strip())

    def skip_turn(self) -> None:
        self._skip.set()

    def pause(self) -> None:
        """Stop the clock and the stream; the time paused is given back to the turn."""
        if self._running.is_set():
            self._paused_at = time.monotonic()
            self._running.clear()

    def resume(self) -> None:
        if not self._running.is_set():
            self._deadline += time.monotonic() - self._paused_at
            self._running.set()

    @property
    def seconds_left(self) -> float:
        """Time left on the current turn's clock (frozen while paused)."""
        now = self._paused_at if self.paused else time.monotonic()
        return max(0.0, self._deadline - now)

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    # ---- the debate ------------------------------------------------------------------------
    async def run(self) -> AsyncIterator[Event]:
        try:
            for number in range(1, self.config.rounds + 1):
                rnd = self.transcript.round(number)
                rnd.crossfire = self.pending_crossfire.pop(0) if self.pending_crossfire else None
                if rnd.crossfire:
                    yield CrossfireAsked(number, rnd.crossfire)
                for side in SIDES:
                    await self._running.wait()
                    async for event in self._turn(number, side, rnd.crossfire):
                        yield event
            if self.judge is not None:
                yield JudgingStarted()
                self.transcript.verdict = await self.judge(self.transcript, self.corpus)
                yield VerdictReady(self.transcript.verdict)
            self.transcript.status = "complete"
        except BackendError as exc:
            self.transcript.status, self.transcript.error = "failed", str(exc)
            raise
        except (asyncio.CancelledError, KeyboardInterrupt):
            self.transcript.status = "stopped"
            raise
        finally:
            self._save()
        yield DebateEnded(self.transcript)

    def _save(self) -> None:
        if self.on_save is not None:
            self.on_save(self.transcript)

    def evidence_for(self, side: str, round_number: int, crossfire: str | None) -> list[Passage]:
        """Passages offered to a turn: relevant to the motion, the side's framing, the
        persona's angles, the crossfire and the opponent's last turn; never one already used."""
        persona = self.persona(side)
        history = self.transcript.turns
        opponent_last = next((t.text for t in reversed(history) if t.side != side), "")
        queries = [
            f"{self.config.motion} {framing(self.motions, self.config.motion, side)}",
            " ".join(persona.angles),
            crossfire or "",
            opponent_last[:400],
        ]
        index = search_index(self.corpus)
        scores: dict[str, float] = {}
        for weight, query in zip((1.0, 0.6, 1.2, 0.5), queries):
            if query.strip():
                for passage, score in index.passages(query, k=40):
                    scores[passage.id] = scores.get(passage.id, 0.0) + weight * score
        # Break ties differently per side and seed so the two sides draw on different passages.
        salt = zlib.crc32(f"{self.config.seed}:{side}:{round_number}".encode())
        ranked = sorted(scores, key=lambda pid: (-scores[pid], zlib.crc32(pid.encode()) ^ salt))
        if crossfire:  # the passages that answer the question come first, whatever the motion
            direct = [p.id for p, _ in index.passages(crossfire, k=10)][:CROSSFIRE_PASSAGES]
            ranked = direct + [pid for pid in ranked if pid not in direct]
        fresh = [self.corpus.by_id[pid] for pid in ranked if pid not in self.used]
        return fresh[:EVIDENCE_PER_TURN]

    def request_for(self, side: str, round_number: int, crossfire: str | None) -> TurnRequest:
        persona, opponent = self.persona(side), self.persona("con" if side == "pro" else "pro")
        role = role_for(round_number, self.config.rounds)
        evidence = self.evidence_for(side, round_number, crossfire)
        context = dict(
            motion=self.config.motion, side=side, persona=persona, opponent=opponent,
            round=round_number, rounds=self.config.rounds, history=self.transcript.turns,
            crossfire=crossfire, evidence=evidence, max_words=self.config.max_words,
            framing=framing(self.motions, self.config.motion, side),
        )
        messages = [
            {"role": "system", "content": self.prompts.render("system.j2", **context)},
            {"role": "user", "content": self.prompts.render(f"{role}.j2", **context)},
        ]
        return TurnRequest(
            messages=messages, motion=self.config.motion, side=side, role=role, persona=persona,
            corpus=self.corpus, evidence=evidence, opponent=opponent, history=list(self.transcript.turns),
            crossfire=crossfire, framing=context["framing"], used_passages=set(self.used),
            max_words=self.config.max_words, round=round_number, rounds=self.config.rounds,
            seed=self.config.seed,
        )

    async def _turn(self, number: int, side: str, crossfire: str | None) -> AsyncIterator[Event]:
        request = self.request_for(side, number, crossfire)
        persona = request.persona
        yield TurnStarted(number, side, persona.name, request.role, self.config.turn_seconds, request.evidence)
        self._skip.clear()
        started = time.monotonic()
        self._deadline = started + self.config.turn_seconds
        parts: list[str] = []
        cut_by = None
        stream = self.backends[side].stream(request).__aiter__()
        pending = None  # the next chunk being awaited; kept across a pause
        skip = asyncio.ensure_future(self._skip.wait())  # one waiter for the whole turn
        try:
            while True:
                await self._running.wait()
                remaining = self._deadline - time.monotonic()
                if remaining <= 0:
                    cut_by = "clock"
                    break
                if pending is None:
                    pending = asyncio.ensure_future(stream.__anext__())
                done, _ = await asyncio.wait({pending, skip}, timeout=remaining,
                                             return_when=asyncio.FIRST_COMPLETED)
                if self._skip.is_set():
                    cut_by = "skip"
                    break
                if pending not in done:
                    continue  # the clock ran out, or was paused and moved: look again
                finished, pending = pending, None
                try:
                    chunk = finished.result()
                except StopAsyncIteration:
                    break
                if isinstance(chunk, Restart):  # a retried attempt: its text starts over
                    parts.clear()
                    yield TurnRestarted(number, side)
                    continue
                chunk = clean(chunk)  # model output is data: no terminal escapes reach a view
                fitted = within_budget("".join(parts), chunk, self.config.max_words)
                if fitted:
                    parts.append(fitted)
                    yield TextChunk(number, side, fitted)
                if fitted != chunk:
                    cut_by = "budget"
                    break
        finally:  # cut, skipped or cancelled: leave no task behind
            skip.cancel()
            if pending is not None:
                pending.cancel()
            await asyncio.gather(skip, *([pending] if pending else []), return_exceptions=True)
            await close_stream(stream)
        text = "".join(parts).strip()
        turn = Turn(side=side, speaker=persona.name, text=text, round=number, role=request.role,
                    elapsed_s=round(time.monotonic() - started, 2), truncated=cut_by is not None,
                    cut_by=cut_by, citations=citations_in(text, self.corpus))
        self.used.update(c.passage for c in turn.citations if c.passage in self.corpus.by_id)
        self.transcript.round(number).turns.append(turn)
        self._save()
        yield TurnEnded(turn)


def within_budget(so_far: str, chunk: str, max_words: int) -> str | None:
    """The part of ``chunk`` that fits the word budget, or None when the budget is spent."""
    used = len(so_far.split())
    if used >= max_words:
        return None
    words = chunk.split()
    if used + len(words) <= max_words:
        return chunk
    keep = max_words - used
    # Keep the chunk's leading whitespace and its first `keep` words.
    lead = chunk[: len(chunk) - len(chunk.lstrip())]
    return lead + " ".join(words[:keep]) if keep > 0 else None


async def close_stream(stream) -> None:
    """Close an async generator stream (closes the HTTP response behind it), shielded."""
    aclose = getattr(stream, "aclose", None)
    if aclose is not None:
        try:
            await asyncio.shield(aclose())
        except Exception:
            pass
