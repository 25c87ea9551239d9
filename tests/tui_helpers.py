"""Shared pieces of the TUI tests: the app factory and waiting on a condition (``tui_env`` is in conftest)."""

from __future__ import annotations

import time

from debate.config import Settings
from debate.tui.app import DebateApp
from debate.tui.choices import Choices

MOTION = "Meta should release the weights of Muse Spark"


def make_app(tmp_path, *, start: bool = True, frozen: bool = False, backend_factory=None, **choices) -> DebateApp:
    values = dict(motion=MOTION, pro="mark-twain", con="ada-lovelace", rounds=1, max_words=120, turn_seconds=60)
    values.update(choices)
    return DebateApp(Settings(backend="offline"), Choices(**values), start=start, words_per_second=None,
                     export_dir=tmp_path / "exports", frozen=frozen, backend_factory=backend_factory)


async def wait_for(pilot, condition, timeout: float = 20.0, step: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {getattr(condition, '__name__', 'condition')}")
        await pilot.pause(step)


def on_screen(app, kind) -> bool:
    """``app`` shows a ``kind`` screen, mounted and laid out."""
    return isinstance(app.screen, kind) and app.screen.is_mounted and bool(app.screen.size)
