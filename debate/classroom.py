"""Classroom plans: a YAML list of debates, run as a batch into a folder (`debate class`).

A plan names default settings and the debates::

    rounds: 1            # defaults for every debate
    backend: offline
    debates:
      - {motion: "...", pro: mark-twain, con: ada-lovelace}
      - {motion: "...", pro: indie-developer, con: skeptical-investor, rounds: 2}

Every debate is built by ``runner.prepare`` exactly as ``debate run`` builds it, and runs
concurrently with the others up to ``--jobs``. The output folder gets, per debate,
``NN-slug.json`` (the transcript, saved after every turn) with ``.md`` and ``.html`` views
and ``handouts/NN-slug.md`` + ``handouts/NN-slug-key.md``; and ``summary.md``/``.html``.

Re-running a plan skips every debate whose transcript is complete, so a batch stopped by
ctrl-c or by a failing debate resumes where it left off. A failed debate never stops the
others; the command exits non-zero at the end and names it.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from filelock import FileLock, Timeout
from pydantic import BaseModel, ConfigDict, Field

from debate.backends import make_backend
from debate.config import Settings, load_settings
from debate.engine import TurnStarted
from debate.errors import UserError
from debate.evidence import Corpus
from debate.handouts import write_handouts
from debate.personas import is_human, load_persona
from debate.runner import corpus_for, prepare
from debate.render import save, view
from debate.spec import MAX_WORDS_NAMES, DebateSpec, MaxWords, Rounds, TurnSeconds
from debate.transcript import Transcript, atomic_write, load_transcript
from debate.yamlfile import line_of, parse_model, read_yaml


class Plan(BaseModel):
    """A lesson plan. Top-level settings are defaults; command-line flags override them."""

    model_config = ConfigDict(extra="forbid")

    title: str = ""
    backend: Literal["offline", "openai", "replay"] | None = None
    model: str | None = None
    seeds: str | None = None  # sources folder, relative to the plan file
    personas: str | None = None  # personas folder, relative to the plan file
    rounds: Rounds | None = None
    turn_seconds: TurnSeconds | None = None
    max_words: MaxWords | None = Field(default=None, validation_alias=MAX_WORDS_NAMES)
    debates: list[DebateSpec] = Field(min_length=1)


@dataclass
class Entry:
    """One debate of a plan, with where its files go."""

    number: int  # 1-based
    stem: str  # "01-meta-should-release-the-weights"
    spec: DebateSpec

    def path(self, folder: Path, suffix: str) -> Path:
        return folder / f"{self.stem}{suffix}"


@dataclass
class Outcome:
    entry: Entry
    status: str  # "done" | "skipped" | "failed" | "stopped"
    transcript: Transcript | None = None
    error: str = ""
    seconds: float = 0.0


# ---- the plan --------------------------------------------------------------------------------

def load_plan(path: str | Path, personas_dir: str | None = None) -> Plan:
    """Parse and validate a plan; every persona must exist (``plan.yaml:7: debates.1.pro: ...``)."""
    path = Path(path)
    node = read_yaml(path)
    plan = parse_model(Plan, node.data, path=path, node=node)
    base = path.parent
    checked: set[str] = set()
    plan.seeds = str(base / plan.seeds) if plan.seeds else None
    plan.personas = str(base / plan.personas) if plan.personas else None
    for i, debate in enumerate(plan.debates):
        for side in ("pro", "con"):
            ref = getattr(debate, side)
            if is_human(ref):
                raise UserError(f"debates.{i}.{side}: {ref!r} is played by a person, which a batch cannot do",
                                where=f"{path}:{line_of(node, ('debates', i, side))}")
            local = base / ref
            if ref.endswith((".yaml", ".yml")) and local.is_file():
                setattr(debate, side, str(local))
                ref = str(local)
            if ref in checked:
                continue
            try:
                load_persona(ref, personas_dir or plan.personas)
                checked.add(ref)
            except UserError as exc:
                line = line_of(node, ("debates", i, side))
                where = f"{path}:{line}" if line else str(path)
                problem = f"unknown persona {ref!r}" if exc.where == "--persona" else str(exc)
                raise UserError(f"debates.{i}.{side}: {problem}", where=where) from None
    return plan


def slugify(text: str, limit: int = 48) -> str:
    """A file-name stem from a motion, cut at a word boundary."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit + 1].rsplit("-", 1)[0] if "-" in slug[:limit + 1] else slug[:limit]
    return slug or "debate"


def entries(plan: Plan) -> list[Entry]:
    return [Entry(number=n, stem=f"{n:02d}-{slugify(d.motion)}", spec=d.model_copy(update={"motion": d.motion.strip()}))
            for n, d in enumerate(plan.debates, 1)]


# Plan fields that are settings: a plan's value applies unless a command-line flag gives one.
PLAN_SETTINGS = {"backend": "backend", "model": "model", "seeds": "seeds_dir", "personas": "personas_dir",
                 "rounds": "rounds", "turn_seconds": "turn_seconds", "max_words": "max_words"}


def settings_for(plan: Plan, flags: dict) -> Settings:
    """defaults < config file < environment < the plan < command-line ``flags`` (settings names)."""
    merged = dict(flags)
    for field, setting in PLAN_SETTINGS.items():
        if merged.get(setting) is None:
            merged[setting] = getattr(plan, field)
    return load_settings(merged)


# ---- running ---------------------------------------------------------------------------------

def finished(path: Path, spec: DebateSpec, settings: Settings) -> Transcript | None:
    """The saved transcript of ``spec`` when it is complete and still matches the plan."""
    if not path.is_file():
        return None
    try:
        t = load_transcript(path)
    except UserError:
        return None
    same = (t.motion == spec.motion and t.settings.get("rounds") == (spec.rounds or settings.rounds)
            and all(t.personas.get(side, {}).get("id") == load_persona(getattr(spec, side), settings.personas_dir).id
                    for side in ("pro", "con")))
    return t if t.status == "complete" and same and t.verdict else None


def _save_views(t: Transcript, entry: Entry, folder: Path, *, keep_complete: bool = False) -> None:
    """The JSON after every turn; the Markdown and HTML views once the debate has ended, however.
    With ``keep_complete`` (a complete transcript is already there), a debate that has not
    completed goes to ``NN-slug.incomplete.json`` instead: a failed re-run never replaces a
    finished debate."""
    aside = entry.path(folder, ".incomplete.json")
    if keep_complete and t.status != "complete":
        save(t, aside)
        return
    save(t, entry.path(folder, ".json"))
    if t.status == "complete":
        aside.unlink(missing_ok=True)
    if t.status != "running":
        for suffix in (".md", ".html"):
            save(t, entry.path(folder, suffix))


def _complete_on_disk(path: Path) -> bool:
    try:
        return path.is_file() and load_transcript(path).status == "complete"
    except UserError:
        return False


LOCK_NAME = ".debate-class.lock"


@contextmanager
def class_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder`` for one batch: a second ``debate class`` into it (another process) is
    refused, since both would write the same transcripts. The OS lock (filelock) goes with
    the process, so a killed batch never leaves the folder locked."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / LOCK_NAME, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise UserError("another `debate class` is writing to this folder; wait for it to end, "
                        "or pass another --out", where=str(folder)) from None
    try:
        yield
    finally:
        lock.release()


class Progress:
    """What ``run_plan`` reports as debates start turns and finish; silent here, the
    ``debate class`` command prints it (``commands/class_.py``)."""

    def step(self, stem: str, what: str) -> None:
        """Debate ``stem`` is at ``what`` ("round 1 con")."""

    def finish(self, outcome: Outcome) -> None:
        """Debate ``outcome.entry`` ended: done, skipped, failed or stopped."""

    def close(self) -> None:
        """The batch is over."""


async def run_plan(plan_entries: list[Entry], folder: Path, settings: Settings, *, corpus: Corpus | None = None,
                   jobs: int = 4, backends: Callable[[Entry], dict] | None = None,
                   progress: Progress | None = None) -> list[Outcome]:
    """Run every entry not already complete, ``jobs`` at a time; write handouts and the summary.

    ``backends(entry)`` may supply the per-side backends (tests and the benchmark do);
    by default each debate gets its own, as ``debate run`` would.
    """
    with class_lock(folder):
        return await _run_plan(plan_entries, folder, settings, corpus=corpus, jobs=jobs, backends=backends,
                               progress=progress)


async def _run_plan(plan_entries: list[Entry], folder: Path, settings: Settings, *, corpus: Corpus | None,
                    jobs: int, backends: Callable[[Entry], dict] | None, progress: Progress | None) -> list[Outcome]:
    corpus = corpus or corpus_for(settings)
    progress = progress or Progress()
    limit = asyncio.Semaphore(max(1, jobs))
    outcomes: dict[int, Outcome] = {}
    shared = None
    if backends is None and settings.backend_name == "openai":
        # One client per side for the whole batch: its connection pool serves every debate,
        # and each new client would cost a TLS context (tens of ms of CPU in the event loop).
        shared = {side: make_backend(settings, side) for side in ("pro", "con")}
        backends = lambda entry: shared  # noqa: E731

    async def one(entry: Entry) -> None:
        done = finished(entry.path(folder, ".json"), entry.spec, settings)
        if done is not None:
            outcome = Outcome(entry, "skipped", done)
        else:
            async with limit:
                outcome = await _run_one(entry, folder, settings, corpus, backends, progress,
                                         close=shared is None)
        outcomes[entry.number] = outcome
        progress.finish(outcome)

    try:
        await asyncio.gather(*(one(e) for e in plan_entries))
    finally:
        progress.close()
        if shared:
            await asyncio.gather(*(b.aclose() for b in shared.values()), return_exceptions=True)
        results = [outcomes.get(e.number) or Outcome(e, "stopped") for e in plan_entries]
        write_outputs(results, folder, corpus)
    return results


async def _run_one(entry: Entry, folder: Path, settings: Settings, corpus: Corpus,
                   backends: Callable[[Entry], dict] | None, progress: Progress, *, close: bool = True) -> Outcome:
    started = time.monotonic()
    debate = None
    keep = _complete_on_disk(entry.path(folder, ".json"))  # run again (the plan changed): keep it until this completes
    try:
        debate = prepare(entry.spec, settings, corpus=corpus, backends=backends(entry) if backends else None)
        debate.on_save = lambda t: _save_views(t, entry, folder, keep_complete=keep)
        async for event in debate.run():
            if isinstance(event, TurnStarted):
                progress.step(entry.stem, f"round {event.round} {event.side}")
        return Outcome(entry, "done", debate.transcript, seconds=time.monotonic() - started)
    except Exception as exc:  # one debate's failure must not stop the batch
        error = str(exc) or type(exc).__name__
        if debate is not None and debate.transcript.status != "failed":
            debate.transcript.status, debate.transcript.error = "failed", error
            with suppress(UserError):  # a save that fails again is already the error reported
                _save_views(debate.transcript, entry, folder, keep_complete=keep)
        return Outcome(entry, "failed", debate.transcript if debate else None, error=error,
                       seconds=time.monotonic() - started)
    finally:
        if debate is not None and close:
            await asyncio.gather(*(b.aclose() for b in set(debate.backends.values())), return_exceptions=True)


# ---- outputs ---------------------------------------------------------------------------------

def write_outputs(outcomes: list[Outcome], folder: Path, corpus: Corpus) -> None:
    """Handouts for every complete debate that lacks them, then the summary (always rewritten)."""
    for o in outcomes:
        if o.transcript is not None and o.transcript.status == "complete":
            key = folder / "handouts" / f"{o.entry.stem}-key.md"
            if o.status == "done" or not key.is_file():
                write_handouts(o.transcript, corpus, folder / "handouts", o.entry.stem)
    rows = [summary_row(o) for o in outcomes]
    atomic_write(folder / "summary.md", summary_markdown(rows))
    atomic_write(folder / "summary.html", view("summary.html.j2", rows=rows))


def summary_row(o: Outcome) -> dict:
    t, v = o.transcript, o.transcript.verdict if o.transcript else None
    spec = o.entry.spec
    names = {side: (t.personas[side]["name"] if t else getattr(spec, side)) for side in ("pro", "con")}
    labels = {side: (t.personas[side].get("label", "") if t else "") for side in ("pro", "con")}
    scores = v.scores if v else {}
    total = {side: scores[side].total if side in scores else "" for side in ("pro", "con")}
    winner = v.winner if v else ""
    return {"number": o.entry.number, "stem": o.entry.stem, "motion": spec.motion, "names": names,
            "labels": labels, "winner": names[winner] + f" ({winner.upper()})" if winner in names else winner,
            "scores": total, "contradicted": v.contradicted() if v else 0,
            "status": "complete" if o.status in ("done", "skipped") else o.status, "error": o.error,
            "has_transcript": t is not None, "has_handout": bool(v)}


def summary_markdown(rows: list[dict]) -> str:
    out = ["# Class summary", "",
           "| # | Motion | PRO | CON | Winner | Score (PRO–CON) | Contradicted claims | Status | Transcript | Handout |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        sides = {s: r["names"][s] + (f" *({r['labels'][s]})*" if r["labels"][s] else "") for s in ("pro", "con")}
        score = f"{r['scores']['pro']}–{r['scores']['con']}" if r["scores"]["pro"] != "" else ""
        link = f"[{r['stem']}.md]({r['stem']}.md)" if r["has_transcript"] else ""
        handout = f"[handout](handouts/{r['stem']}.md) · [key](handouts/{r['stem']}-key.md)" if r["has_handout"] else ""
        status = r["status"] + (f": {r['error']}" if r["error"] else "")
        motion = r["motion"].replace("|", "\\|")
        out.append(f"| {r['number']} | {motion} | {sides['pro']} | {sides['con']} | {r['winner']} | {score} "
                   f"| {r['contradicted'] if r['has_handout'] else ''} | {status.replace('|', '/')} | {link} | {handout} |")
    return "\n".join(out) + "\n"

