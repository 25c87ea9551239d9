"""Assemble a debate from a spec and settings; shared by `debate run`, the TUI and classroom.

``prepare()`` turns a ``DebateSpec`` and ``Settings`` into a ready ``Debate`` (corpus,
personas, backends, prompts, judge, autosave), so every way in builds debates the same way.
"""

from __future__ import annotations

from pathlib import Path

from debate.backends import make_backend
from debate.config import Settings
from debate.engine import SIDES, Debate
from debate.errors import UserError
from debate.evidence import Corpus, load_corpus
from debate.judge import judge_for
from debate.motions import load_motions
from debate.personas import is_human, load_persona
from debate.prompts import Prompts
from debate.render import format_for, save
from debate.resources import shipped
from debate.spec import DebateSpec
from debate.sanitize import clean
from debate.transcript import check_writable


def corpus_for(settings: Settings) -> Corpus:
    return load_corpus(settings.seeds_dir or shipped("seeds"))


def prepare(spec: DebateSpec, settings: Settings, *, corpus: Corpus | None = None, out: str | None = None,
            backends: dict | None = None) -> Debate:
    if not spec.motion or not spec.motion.strip():
        raise UserError("the motion is empty", where="--motion")
    if out:
        format_for(out)  # reject a bad suffix, or a place that cannot be written, before the debate starts
        check_writable(out)
    corpus = corpus or corpus_for(settings)
    personas = {side: load_persona(getattr(spec, side), settings.personas_dir) for side in SIDES}
    prompts = Prompts(settings.prompts_dir)
    prompts.check("system.j2", "opening.j2", "rebuttal.j2", "closing.j2")
    resolved = spec.resolved(settings)
    resolved = resolved.model_copy(update={"motion": clean(resolved.motion).strip()})
    if len(resolved.crossfire) > (resolved.rounds or 0):  # question i is asked in round i+1: the rest would be dropped
        raise UserError(f"{_count(len(resolved.crossfire), 'question')} for {_count(resolved.rounds or 0, 'round')}: "
                        "ask at most one a round, or add rounds", where="--crossfire")
    if backends is None:
        backends = {side: make_backend(settings, side) for side in SIDES}
    return Debate(resolved, corpus, backends, personas=personas, prompts=prompts, motions=_motions(settings),
                  judge=judge_for(settings), backend_record=settings.describe(),
                  on_save=Autosave(out) if out else None)


class Autosave:
    """Saves the transcript to ``path`` after every turn, and knows whether the last save
    worked, so ``saved: PATH`` is said only of a file that is there."""

    def __init__(self, path: str):
        self.path, self.saved = path, False

    def __call__(self, transcript) -> None:
        self.saved = False
        save(transcript, self.path)
        self.saved = True


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def warnings_for(debate: Debate) -> list[str]:
    """Things about a debate that are allowed but probably not meant."""
    pro, con = debate.persona("pro"), debate.persona("con")
    if pro.id == con.id:
        return [f"{pro.name} argues both sides: pass a different --con persona for a real debate"]
    return []


def refuse_human(sides: dict[str, str]) -> None:
    """A headless run has no one to type a human's turns: say so instead of voicing 'You'."""
    for flag, ref in sides.items():
        if is_human(ref):
            raise UserError(f"{ref!r} is played by a person, which needs the terminal UI: "
                            f"run `debate tui {flag} {ref}`, or name a persona", where=flag)


def _motions(settings: Settings):
    folder = Path(settings.seeds_dir) if settings.seeds_dir else shipped("seeds")
    return load_motions(folder)
