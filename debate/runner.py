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
from debate.personas import load_persona
from debate.prompts import Prompts
from debate.render import format_for, save
from debate.resources import shipped
from debate.spec import DebateSpec


def corpus_for(settings: Settings) -> Corpus:
    return load_corpus(settings.seeds_dir or shipped("seeds"))


def prepare(spec: DebateSpec, settings: Settings, *, corpus: Corpus | None = None, out: str | None = None,
            backends: dict | None = None) -> Debate:
    if not spec.motion or not spec.motion.strip():
        raise UserError("the motion is empty", where="--motion")
    if out:
        format_for(out)  # reject a bad suffix before the debate starts
    corpus = corpus or corpus_for(settings)
    personas = {side: load_persona(getattr(spec, side), settings.personas_dir) for side in SIDES}
    prompts = Prompts(settings.prompts_dir)
    prompts.check("system.j2", "opening.j2", "rebuttal.j2", "closing.j2")
    if backends is None:
        backends = {side: make_backend(settings, side) for side in SIDES}
    return Debate(spec.resolved(settings), corpus, backends, personas=personas, prompts=prompts, motions=_motions(settings),
                  judge=judge_for(settings), backend_record=settings.describe(),
                  on_save=(lambda t: save(t, out)) if out else None)


def _motions(settings: Settings):
    folder = Path(settings.seeds_dir) if settings.seeds_dir else shipped("seeds")
    return load_motions(folder)
