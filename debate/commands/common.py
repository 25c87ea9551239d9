"""What several commands share: settings and a debate spec from the parsed arguments."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from debate.config import Settings, load_settings
from debate.spec import DebateSpec
from debate.sanitize import CleanStream

# Flags whose value is a setting of the same name; --personas/--prompts/--seeds name folders.
SETTING_FLAGS = ("backend", "model", "base_url", "pro_model", "con_model", "judge_model", "timeout",
                 "retries", "cassette", "record", "rubric", "rounds", "turn_seconds", "max_words")
FOLDER_FLAGS = {"personas": "personas_dir", "prompts": "prompts_dir", "seeds": "seeds_dir"}


def setting_flags(args: argparse.Namespace) -> dict:
    """The settings the command line gives (None where a flag is absent)."""
    flags = {name: getattr(args, name, None) for name in SETTING_FLAGS}
    flags.update({field: getattr(args, flag, None) for flag, field in FOLDER_FLAGS.items()})
    return flags


def settings_from_args(args: argparse.Namespace) -> Settings:
    return load_settings(setting_flags(args))


def spec_from_args(args: argparse.Namespace) -> DebateSpec:
    """The debate the flags describe (`debate run`, `debate tui`); unset flags stay unset."""
    return DebateSpec.of(motion=args.motion or "", pro=args.pro or "", con=args.con or "", rounds=args.rounds,
                         turn_seconds=args.turn_seconds, max_words=args.max_words,
                         crossfire=tuple(args.crossfire or ()), seed=args.seed or 0)


def announce_backend(settings: Settings, extra: str = "") -> None:
    """``backend: openai (gpt-4o)`` on stderr: the chosen backend is always shown."""
    model = settings.describe().get("model")
    print(f"backend: {settings.backend_name}{f' ({model})' if model else ''}{extra}", file=sys.stderr)


@contextmanager
def clean_output() -> Iterator[None]:
    """Clean everything written to stdout and stderr inside the block of terminal escapes."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = CleanStream(sys.stdout), CleanStream(sys.stderr)
    try:
        yield
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            sys.stdout, sys.stderr = saved
