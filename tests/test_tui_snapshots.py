"""SVG snapshots of the setup, arena and verdict screens at 100x30.

Deterministic by construction: the offline backend with a fixed seed and no pacing, clocks
frozen and cursors steady (``frozen=True``), notifications cleared before the picture.
Regenerate with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and commit the SVGs.
"""

from __future__ import annotations

from debate.tui.arena import ArenaScreen
from debate.tui.verdict import VerdictScreen
from tests.tui_helpers import make_app, on_screen, tui_env, wait_for  # noqa: F401 - tui_env is a fixture

SIZE = (100, 30)


async def settled(pilot) -> None:
    """The debate is judged and every claim marker is drawn."""
    app = pilot.app
    await wait_for(pilot, lambda: on_screen(app, VerdictScreen)
                   and app.screen.query_one("#claims").row_count == len(app.debate.transcript.verdict.claims))
    await wait_for(pilot, lambda: all(w.is_finished for w in app.workers if w.group == "claims"))
    await pilot.pause(0.2)


def quiet(app) -> None:
    app.clear_notifications()


def test_setup_screen(snap_compare, tui_env):
    app = make_app(tui_env, start=False, frozen=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=lambda pilot: pilot.pause(0.2))


def test_arena_screen_after_a_debate(snap_compare, tui_env):
    async def run_before(pilot):
        await settled(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(pilot.app, ArenaScreen))
        quiet(pilot.app)
        await pilot.pause(0.2)

    assert snap_compare(make_app(tui_env, frozen=True), terminal_size=SIZE, run_before=run_before)


def test_verdict_screen(snap_compare, tui_env):
    async def run_before(pilot):
        await settled(pilot)
        quiet(pilot.app)
        await pilot.pause(0.1)

    assert snap_compare(make_app(tui_env, frozen=True), terminal_size=SIZE, run_before=run_before)
