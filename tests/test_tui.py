"""The TUI driven by Textual's Pilot: whole offline debates, crossfire, the human side,
the persona editor, export, errors at the worker boundary, and the narrow layout."""

from __future__ import annotations

import asyncio
import json

import yaml
from textual.widgets import Input, OptionList, Static

from debate.backends.base import Restart
from debate.backends.offline import OfflineBackend
from debate.errors import BackendError
from debate.tui.arena import ArenaScreen
from debate.tui.editor import PersonaEditor
from debate.tui.evidence import EvidencePane
from debate.tui.setup import SetupScreen
from debate.tui.verdict import VerdictScreen
from debate.tui.widgets import HumanTurn, Marker, TurnView
from tests.tui_helpers import make_app, on_screen, tui_env, wait_for  # noqa: F401 - tui_env is a fixture


async def test_offline_debate_streams_both_sides_to_a_verdict(tui_env):
    app = make_app(tui_env)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, VerdictScreen))
        winner = str(app.screen.query_one("#winner", Static).render())
        assert winner.startswith("Winner: ") or winner == "Tie"
        arena = app.screen_stack[-2]
        assert isinstance(arena, ArenaScreen)
        for side in ("pro", "con"):
            views = list(arena.panel(side).query(TurnView))
            assert len(views) == 1 and views[0].markdown.source.strip()
        claims = app.screen.query_one("#claims")
        await wait_for(pilot, lambda: claims.row_count == len(app.debate.transcript.verdict.claims))
    saved = list((tui_env / "autosave").glob("*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text())["status"] == "complete"


async def test_citation_marker_shows_passage_in_its_article(tui_env):
    app = make_app(tui_env)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, VerdictScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, ArenaScreen))
        marker = next(m for m in app.screen.query(Marker) if m.has_class("citation"))
        marker.focus()
        await pilot.press("enter")
        pane = app.screen.query_one(EvidencePane)
        assert pane.display and marker.passage in pane.border_title
        shown = str(pane.query_one("#evidence-text", Static).render())
        passage = app.debate.corpus.get(marker.passage)
        assert passage.source in shown and passage.text.splitlines()[-1][:40] in shown


async def test_crossfire_question_is_answered_by_both_sides_next_round(tui_env):
    question = "Would open weights help Meta's developers?"
    fast = lambda settings, side: OfflineBackend(words_per_second=400)  # noqa: E731
    app = make_app(tui_env, rounds=2, backend_factory=fast)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, ArenaScreen))
        await pilot.press("space")  # pause so the question lands before round 2
        await pilot.press("c")
        app.screen.query_one("#crossfire", Input).value = question
        await pilot.press("enter", "space")
        await wait_for(pilot, lambda: on_screen(app, VerdictScreen))
        notes = [str(n.render()) for n in app.screen_stack[-2].query(".crossfire-note")]
    transcript = app.debate.transcript
    assert transcript.rounds[1].crossfire == question
    assert len(notes) == 2 and question in notes[0]
    assert all(question in t.text for t in transcript.rounds[1].turns)


async def test_human_side_types_a_turn_and_is_judged(tui_env):
    words = 'I stand for the motion. "Meta used open Llama models" [S002:25].'
    app = make_app(tui_env, pro="you")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.focused, HumanTurn))
        app.focused.insert(words)
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, VerdictScreen))
    pro = app.debate.transcript.rounds[0].turns[0]
    assert pro.speaker == "You" and pro.text == words
    assert pro.citations and pro.citations[0].passage == "S002:25"
    assert any(c.side == "pro" for c in app.debate.transcript.verdict.claims)


async def test_human_draft_is_handed_in_when_the_clock_runs_out(tui_env):
    app = make_app(tui_env, pro="you", turn_seconds=1.5)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.focused, HumanTurn))
        app.focused.insert("An unfinished thought")
        await wait_for(pilot, lambda: on_screen(app, VerdictScreen), timeout=10)
    assert app.debate.transcript.rounds[0].turns[0].text == "An unfinished thought"


async def test_export_writes_json_markdown_and_html(tui_env):
    app = make_app(tui_env)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, VerdictScreen))
        await pilot.press("j", "m", "h")
        messages = [n.message for n in app._notifications]
    files = {p.suffix: p for p in (tui_env / "exports").iterdir()}
    assert set(files) == {".json", ".md", ".html"}
    assert json.loads(files[".json"].read_text())["verdict"]["winner"] in {"pro", "con", "tie"}
    assert "Mark Twain" in files[".md"].read_text() and "<html" in files[".html"].read_text().lower()
    assert any(str(files[".md"]) in m for m in messages)


async def test_rematch_swaps_the_sides(tui_env):
    app = make_app(tui_env)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, VerdictScreen))
        first = app.debate
        await pilot.press("r")
        await wait_for(pilot, lambda: app.debate is not first and on_screen(app, VerdictScreen))
    personas = app.debate.transcript.personas
    assert (personas["pro"]["name"], personas["con"]["name"]) == ("Ada Lovelace", "Mark Twain")


async def test_persona_editor_validates_as_you_type_and_saves_a_usable_persona(tui_env):
    app = make_app(tui_env, start=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n")
        editor = app.screen
        assert isinstance(editor, PersonaEditor)
        assert "name" in str(editor.query_one("#p-errors", Static).render())
        assert editor.query_one("#save").disabled
        for field, value in {"p-id": "river-pilot", "p-name": "River Pilot", "p-description": "Reads the water.",
                             "p-voice": "Plain and patient.", "p-angles": "hype, money"}.items():
            editor.query_one(f"#{field}", Input).value = value
        editor.query_one("#p-moves").text = "Sounds the depth first."
        await pilot.pause()
        assert "valid" in str(editor.query_one("#p-errors", Static).render())
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: on_screen(app, SetupScreen))
        saved = yaml.safe_load((tui_env / "personas" / "river-pilot.yaml").read_text())
        assert saved["name"] == "River Pilot" and saved["angles"] == ["hype", "money"]
        pro = app.screen.picker("pro")
        assert pro.selected.id == "river-pilot"
        app.screen.query_one("#motion", Input).value = "Rivers beat railways"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.debate is not None)
        assert app.debate.config.pro.name == "River Pilot"


async def test_persona_filter_narrows_the_list(tui_env):
    app = make_app(tui_env, start=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#con-filter", Input).value = "twain"
        await pilot.pause()
        options = app.screen.query_one("#con-list", OptionList)
        assert options.option_count == 1 and app.screen.picker("con").selected.id == "mark-twain"
        preview = str(app.screen.query_one("#preview", Static).render())
        assert "Mark Twain" in preview and "not a real quote" in preview


async def test_empty_motion_is_refused_with_a_notice(tui_env):
    app = make_app(tui_env, motion="")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert on_screen(app, SetupScreen)
        assert any("motion" in n.message for n in app._notifications)


class FailingBackend:
    name, model = "failing", ""

    async def stream(self, request):
        yield "Half a sentence"
        raise BackendError("server said 500 after 4 retries")

    async def complete_json(self, messages, schema):
        raise BackendError("no")

    async def aclose(self):
        pass


async def test_backend_error_becomes_a_notification_not_a_crash(tui_env):
    app = make_app(tui_env, backend_factory=lambda settings, side: FailingBackend())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: any("500" in n.message for n in app._notifications))
        assert on_screen(app, ArenaScreen) and app.is_running
    assert app.debate.transcript.status == "failed"


class RetryingBackend(OfflineBackend):
    async def stream(self, request):
        yield "Lost words from a dropped attempt "
        yield Restart()
        async for chunk in super().stream(request):
            yield chunk


async def test_turn_restarted_clears_the_partial_text(tui_env):
    app = make_app(tui_env, backend_factory=lambda settings, side: RetryingBackend())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, VerdictScreen))
        sources = [v.markdown.source for v in app.screen_stack[-2].query(TurnView)]
    assert sources and not any("Lost words" in s for s in sources)


async def test_stop_keeps_the_transcript_and_ctrl_q_quits_cleanly(tui_env):
    slow = lambda settings, side: OfflineBackend(words_per_second=20)  # noqa: E731
    app = make_app(tui_env, backend_factory=slow)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, ArenaScreen) and app.debate.transcript.rounds)
        await pilot.press("x")
        await pilot.pause(0.2)
        assert app.debate.transcript.status == "stopped"
        await pilot.press("ctrl+q")
        await asyncio.sleep(0.1)
    assert app.return_code in (0, None)
    saved = json.loads(next((tui_env / "autosave").glob("*.json")).read_text())
    assert saved["status"] == "stopped"


async def test_narrow_terminal_stacks_the_sides(tui_env):
    app = make_app(tui_env)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, ArenaScreen) or on_screen(app, VerdictScreen))
        arena = next(s for s in app.screen_stack if isinstance(s, ArenaScreen))
        assert arena.query_one("#sides").has_class("-narrow")
        pro, con = arena.panel("pro").region, arena.panel("con").region
        assert con.y > pro.y or not arena.is_current
