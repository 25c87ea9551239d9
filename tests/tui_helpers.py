"""Shared pieces of the TUI tests: an isolated environment, app factory, waiting on a condition."""

from __future__ import annotations

import time

import pytest

from debate.config import Settings
from debate.tui.app import DebateApp
from debate.tui.choices import Choices

MOTION = "Meta should release the weights of Muse Spark"


@pytest.fixture
def tui_env(tmp_path, tmp_path_factory, monkeypatch):
    """Keep every file the TUI writes (personas, autosaves, exports, index cache) out of home."""
    monkeypatch.setenv("DEBATE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "index-cache"))
    monkeypatch.setenv("DEBATE_PERSONAS_DIR", str(tmp_path / "personas"))
    monkeypatch.setenv("DEBATE_TRANSCRIPTS_DIR", str(tmp_path / "autosave"))
    monkeypatch.setenv("DEBATE_CONFIG", str(tmp_path / "no-config.yaml"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DEBATE_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


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
