"""Assemble a debate from settings and run it headless; shared by the CLI, TUI and classroom.

``prepare()`` turns command-line style options into a ready ``Debate`` (corpus, personas,
backends, prompts, judge, autosave), so every way in builds debates the same way.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from debate.backends import make_backend
from debate.config import Settings, load_settings
from debate.engine import Debate, DebateConfig, TextChunk, TurnEnded, TurnRestarted, TurnStarted, VerdictReady
from debate.errors import UserError
from debate.evidence import Corpus, load_corpus
from debate.motions import load_motions
from debate.personas import is_human, load_persona
from debate.prompts import Prompts
from debate.render import render
from debate.resources import shipped
from debate.sanitize import clean
from debate.transcript import format_for, save

SETTING_FLAGS = ("backend", "model", "base_url", "pro_model", "con_model", "judge_model", "timeout",
                 "retries", "cassette", "record", "rubric", "rounds", "turn_seconds", "max_tokens")


def settings_from_args(args) -> Settings:
    flags = {name: getattr(args, name, None) for name in SETTING_FLAGS}
    flags["personas_dir"] = getattr(args, "personas", None)
    flags["prompts_dir"] = getattr(args, "prompts", None)
    flags["seeds_dir"] = getattr(args, "seeds", None)
    return load_settings(flags)


def corpus_for(settings: Settings) -> Corpus:
    return load_corpus(settings.seeds_dir or shipped("seeds"))


@dataclass
class DebateSpec:
    """Everything that defines one debate, independent of where the request came from."""

    motion: str
    pro: str
    con: str
    rounds: int | None = None
    turn_seconds: float | None = None
    max_tokens: int | None = None
    crossfire: tuple[str, ...] = ()
    seed: int = 0


def prepare(spec: DebateSpec, settings: Settings, *, corpus: Corpus | None = None, out: str | None = None,
            words_per_second: float | None = None, backends: dict | None = None) -> Debate:
    if not spec.motion or not spec.motion.strip():
        raise UserError("the motion is empty", where="--motion")
    if out:
        format_for(out)  # reject a bad suffix before the debate starts
    corpus = corpus or corpus_for(settings)
    pro = load_persona(spec.pro, settings.personas_dir)
    con = load_persona(spec.con, settings.personas_dir)
    prompts = Prompts(settings.prompts_dir)
    prompts.check("system.j2", "opening.j2", "rebuttal.j2", "closing.j2")
    config = DebateConfig(
        motion=clean(spec.motion).strip(), pro=pro, con=con,
        rounds=spec.rounds or settings.rounds,
        turn_seconds=spec.turn_seconds or settings.turn_seconds,
        max_words=spec.max_tokens or settings.max_tokens,
        crossfire=list(spec.crossfire), seed=spec.seed,
    )
    if len(config.crossfire) > config.rounds:  # question i is asked in round i+1: the rest would be dropped
        raise UserError(f"{_count(len(config.crossfire), 'question')} for {_count(config.rounds, 'round')}: "
                        "ask at most one a round, or add rounds", where="--crossfire")
    if backends is None:
        backends = {side: make_backend(settings, side, words_per_second=words_per_second) for side in ("pro", "con")}
    from debate.judge import judge_for

    return Debate(config, corpus, backends, prompts=prompts, motions=_motions(settings),
                  judge=judge_for(settings, config), backend_record=settings.describe(),
                  on_save=(lambda t: save(t, out)) if out else None)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def warnings_for(debate: Debate) -> list[str]:
    """Things about a debate that are allowed but probably not meant."""
    pro, con = debate.config.pro, debate.config.con
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


def spec_from_args(args) -> DebateSpec:
    return DebateSpec(motion=args.motion, pro=args.pro, con=args.con, rounds=args.rounds,
                      turn_seconds=args.turn_seconds, max_tokens=args.max_tokens,
                      crossfire=tuple(args.crossfire or ()), seed=args.seed or 0)


def run_headless(args) -> int:
    """`debate run`: stream the debate to stderr as it happens, print the transcript at the end."""
    settings = settings_from_args(args)
    refuse_human({"--pro": args.pro, "--con": args.con})
    debate = prepare(spec_from_args(args), settings, out=args.out)
    for warning in warnings_for(debate):
        print(f"warning: {warning}", file=sys.stderr)
    live = sys.stderr.isatty()
    model = f" ({settings.describe()['model']})" if settings.describe().get("model") else ""
    print(f"backend: {settings.backend_name}{model}", file=sys.stderr)
    try:
        asyncio.run(_drive(debate, live))
    finally:  # print what was said even when the backend fails or the user interrupts
        if debate.transcript.turns or debate.transcript.status == "complete":
            print(render(debate.transcript, "json" if args.json else "markdown"), end="")
        if args.out:
            print(f"saved: {args.out}", file=sys.stderr)
    return 0


async def _drive(debate: Debate, live: bool) -> None:
    try:
        async for event in debate.run():
            if isinstance(event, TurnStarted):
                print(f"\n[round {event.round}] {event.speaker} ({event.side}, {event.role})", file=sys.stderr)
            elif isinstance(event, TurnRestarted):
                print(f"\n  [retrying {event.side}'s turn: the partial answer above is discarded]", file=sys.stderr)
            elif isinstance(event, TextChunk) and live:
                print(event.text, end="", file=sys.stderr, flush=True)
            elif isinstance(event, TurnEnded) and not live:
                print(f"  {event.turn.words} words, {len(event.turn.citations)} citations", file=sys.stderr)
            elif isinstance(event, VerdictReady):
                print(f"\nverdict: {event.verdict.get('winner')}", file=sys.stderr)
    finally:
        await asyncio.gather(*(b.aclose() for b in set(debate.backends.values())), return_exceptions=True)


def run_personas(args) -> int:
    """`debate personas list|show|validate`."""
    from debate.personas import load_all, load_persona_file

    if args.action == "list":
        for p in load_all(args.personas):
            print(f"{p.id:<22}  {p.kind:<10}  {p.description}")
        return 0
    if not args.target:
        raise UserError(f"'personas {args.action}' needs a {'name' if args.action == 'show' else 'file'}",
                        where="personas")
    if args.action == "show":
        persona = load_persona(args.target, args.personas)
        import yaml

        data = persona.model_dump(exclude={"id"})
        print(f"# {persona.id}" + (f"  ({persona.label})" if persona.label else ""))
        print(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), end="")
        return 0
    persona = load_persona_file(args.target)
    print(f"ok: {args.target}: {persona.name} ({persona.kind})")
    return 0
