"""The arena: both sides streaming side by side, clocks, crossfire, live claim markers."""

from __future__ import annotations

import threading
from contextlib import suppress
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from debate.engine import (SIDES, CrossfireAsked, Debate, DebateEnded, JudgingStarted, TextChunk, TurnEnded,
                           TurnRestarted, TurnStarted, VerdictReady)
from debate.errors import DebateError
from debate.transcript import Transcript
from debate.tui.evidence import EvidencePane
from debate.tui.human import HumanBackend
from debate.tui.widgets import HumanTurn, Marker, SidePanel, TurnView, crossfire_note, freeze_cursors, set_title

NARROW = 100  # below this many columns the sides stack
FLUSH_HZ, CLOCK_HZ = 15, 4
HUMAN_GRACE = 0.4  # seconds before the clock runs out that a human's draft is handed in
VERIFIER_LOCK = threading.Lock()  # the verifier is shared by the live markers and the judge


def check_claims(corpus, text: str, cited: list[str]) -> list:
    """The verifier's label for every claim of one turn (runs in a worker thread)."""
    try:
        from debate.evidence.claims import extract_claims
    except ImportError:  # the claim extractor is not installed yet: check cited sentences
        from debate.citations import cited_sentences

        def extract_claims(t):
            return [s.sentence for s in cited_sentences(t) if len(s.sentence.split()) >= 6]
    from debate.evidence.verifier import verifier_for

    with VERIFIER_LOCK:
        verifier = verifier_for(corpus)
        return [verifier.check(claim, cited=cited) for claim in extract_claims(text)]


class ArenaScreen(Screen):
    BINDINGS = [
        Binding("space", "pause", "Pause/resume"),
        Binding("s", "skip", "Skip turn"),
        Binding("c", "crossfire", "Crossfire"),
        Binding("x", "stop", "Stop"),
        Binding("v", "verdict", "Verdict"),
        Binding("n", "new", "New debate", show=False),
    ]

    def __init__(self, debate: Debate, autosave: Path | None) -> None:
        super().__init__()
        self.debate = debate
        self.autosave = autosave
        self.pending: dict[str, list[str]] = {side: [] for side in SIDES}
        self.round = 0
        self.role = ""
        self.speaking: str | None = None
        self.state = "starting"
        self.human_area: HumanTurn | None = None

    # ---- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        yield Static(id="status")
        with Horizontal(id="sides"):
            for side in SIDES:
                yield SidePanel(side, self.debate.transcript.personas[side], self.app.frozen)  # type: ignore[literal-required]
        yield EvidencePane(id="evidence")
        yield Input(placeholder="Crossfire question both sides must answer next round; enter asks, escape cancels",
                    id="crossfire")
        yield Footer()

    def on_mount(self) -> None:
        record = self.debate.transcript.backend
        set_title(self, self.debate.config.motion, record["name"] + (f" · {record['model']}" if record.get("model") else ""))
        self.query_one("#evidence").display = False
        self.query_one("#crossfire").display = False
        self.set_interval(1 / FLUSH_HZ, self.flush)
        self.set_interval(1 / CLOCK_HZ, self.tick)
        self.show_status()
        freeze_cursors(self)
        self.run_debate()

    def on_resize(self, event) -> None:
        self.query_one("#sides").set_class(event.size.width < NARROW, "-narrow")

    def panel(self, side: str) -> SidePanel:
        return self.query_one(f"#side-{side}", SidePanel)

    def show_status(self) -> None:
        rounds = self.debate.config.rounds
        parts = [f"Round {max(self.round, 1)} of {rounds}"]
        if self.role:
            parts.append(self.role)
        if self.state == "speaking" and self.speaking:
            parts.append(f"{self.speaking.upper()} speaking: {self.debate.persona(self.speaking).name}")
        elif self.state != "speaking":
            parts.append(self.state)
        if self.debate.paused:
            parts.append("PAUSED (space resumes)")
        if self.debate.pending_crossfire:
            parts.append(f"crossfire queued: {len(self.debate.pending_crossfire)}")
        self.query_one("#status", Static).update(" · ".join(parts))

    # ---- the debate, in a worker -----------------------------------------------------------
    @work(exclusive=True, group="debate")
    async def run_debate(self) -> None:
        try:
            async for event in self.debate.run():
                await self.handle(event)
        except DebateError as exc:  # a backend failure after retries: say so, keep the app
            self.state = "failed"
            self.notify(f"Backend error: {exc}", title="Debate stopped", severity="error", timeout=10)
        except Exception as exc:  # noqa: BLE001 - the worker boundary: never kill the app
            self.state = "failed"
            self.notify(f"{type(exc).__name__}: {exc}", title="Debate stopped", severity="error", timeout=10)
        finally:
            with suppress(NoMatches):  # the screen may be closing (quit, new debate)
                for side in SIDES:
                    self.panel(side).clock.stop("—")
            for backend in set(self.debate.backends.values()):
                try:
                    await backend.aclose()
                except Exception:  # noqa: BLE001
                    pass
        with suppress(NoMatches):
            self.show_status()

    async def handle(self, event) -> None:
        if isinstance(event, TurnStarted):
            await self.flush()
            self.round, self.role, self.speaking, self.state = event.round, event.role, event.side, "speaking"
            panel = self.panel(event.side)
            for side in SIDES:
                self.panel(side).set_class(side == event.side, "-speaking")
            view = await panel.new_turn(event.round, event.role)
            panel.clock.start(event.seconds)
            if self.debate.paused:
                panel.clock.pause()
            if isinstance(self.debate.backends[event.side], HumanBackend):
                self.human_area = await view.ask_human(self.app.frozen)
            self.show_status()
        elif isinstance(event, TextChunk):
            self.pending[event.side].append(event.text)
        elif isinstance(event, TurnEnded):
            await self.flush()
            panel = self.panel(event.turn.side)
            panel.clock.stop()
            # Re-render and mark the turn off to the side: the next speaker starts at once.
            self.run_worker(self.finish_turn(panel.current, event.turn), group="finish")
        elif isinstance(event, CrossfireAsked):
            for side in SIDES:
                await self.panel(side).add_note(crossfire_note(event.round, event.question), "note crossfire-note")
        elif isinstance(event, JudgingStarted):
            self.state, self.speaking = "judging…", None
            for side in SIDES:
                self.panel(side).remove_class("-speaking")
            self.show_status()
        elif isinstance(event, VerdictReady):
            self.state = "verdict ready (v)"
        elif isinstance(event, DebateEnded):
            await self.ended(event.transcript)
        elif isinstance(event, TurnRestarted):  # a backend retry: the partial text goes
            self.pending[event.side].clear()
            if self.panel(event.side).current is not None:
                await self.panel(event.side).current.clear()

    async def finish_turn(self, view: TurnView, turn) -> None:
        await view.finish(turn)
        self.mark_claims(turn.text, [c.passage for c in turn.citations], view)

    async def flush(self) -> None:
        """Hand the batched chunks to each side's Markdown stream (a few times a second)."""
        for side, parts in self.pending.items():
            if parts:
                text = "".join(parts)
                parts.clear()
                panel = self.panel(side)
                if panel.current is not None:
                    await panel.current.append(text)
                    panel.follow()

    def tick(self) -> None:
        for side in SIDES:
            clock = self.panel(side).clock
            clock.tick()
            if (clock.running and self.human_area is not None and side == self.speaking
                    and clock.remaining() <= HUMAN_GRACE):
                self.submit_human(self.human_area, "time's up: your draft was handed in")

    @work(thread=True, group="claims")
    def mark_claims(self, text: str, cited: list[str], view: TurnView) -> None:
        try:
            checks = check_claims(self.debate.corpus, text, cited)
        except Exception as exc:  # noqa: BLE001 - markers are a bonus; the debate goes on
            self.app.call_from_thread(self.notify, f"claim check failed: {exc}", severity="warning")
            return
        self.app.call_from_thread(view.add_claims, checks)

    async def ended(self, transcript: Transcript) -> None:
        self.state = {"complete": "debate over", "stopped": "stopped"}.get(transcript.status, transcript.status)
        where = f" Transcript saved: {self.autosave}" if self.autosave else ""
        if transcript.verdict:
            self.state = "debate over · v shows the verdict"
            self.show_status()
            self.action_verdict()
        else:
            self.show_status()
            self.notify(f"The debate is {self.state}.{where}")

    # ---- the human side --------------------------------------------------------------------
    @on(HumanTurn.Submitted)
    def _human_submitted(self, event: HumanTurn.Submitted) -> None:
        self.submit_human(event.area)

    def submit_human(self, area: HumanTurn, note: str = "") -> None:
        backend = next((b for b in self.debate.backends.values() if isinstance(b, HumanBackend) and b.waiting), None)
        if backend is None:
            return
        backend.submit(area.text)
        self.human_area = None
        area.remove()
        if note:
            self.notify(note, severity="warning")

    # ---- keys ------------------------------------------------------------------------------
    def action_pause(self) -> None:
        if self.debate.paused:
            self.debate.resume()
            for side in SIDES:
                self.panel(side).clock.resume()
        else:
            self.debate.pause()
            for side in SIDES:
                self.panel(side).clock.pause()
        self.show_status()

    def action_skip(self) -> None:
        if self.human_area is not None:
            self.submit_human(self.human_area)
        self.debate.skip_turn()

    def action_stop(self) -> None:
        self.workers.cancel_group(self, "debate")
        self.debate.transcript.status = "stopped"
        self.state = "stopped"
        self.show_status()
        where = f" Transcript saved: {self.autosave}" if self.autosave else ""
        self.notify(f"Debate stopped.{where} Press n for a new debate.")

    def action_crossfire(self) -> None:
        if self.round >= self.debate.config.rounds:
            self.notify("This is the last round: no round is left to answer a crossfire question.",
                        severity="warning")
            return
        box = self.query_one("#crossfire", Input)
        box.display = True
        box.focus()

    @on(Input.Submitted, "#crossfire")
    def _ask(self, event: Input.Submitted) -> None:
        question = event.value.strip()
        event.input.value = ""
        event.input.display = False
        if question:
            self.debate.ask_crossfire(question)
            self.notify(f"Crossfire queued: both sides answer it in round {self.round + 1}.")
        self.show_status()

    def key_escape(self) -> None:
        box = self.query_one("#crossfire", Input)
        if box.display:
            box.value, box.display = "", False

    def action_verdict(self) -> None:
        if self.debate.transcript.verdict:
            from debate.tui.verdict import VerdictScreen

            self.app.push_screen(VerdictScreen(self.debate.transcript, self.debate.corpus))
        else:
            self.notify("No verdict yet: the judge runs when the last round ends.")

    def action_new(self) -> None:
        self.app.new_debate()

    @on(Marker.Selected)
    def _show_evidence(self, event: Marker.Selected) -> None:
        show_marker(self.query_one(EvidencePane), self.debate.corpus, event.marker)

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "debate")


def show_marker(pane: EvidencePane, corpus, marker: Marker) -> None:
    if marker.passage:
        pane.show(corpus, marker.passage, marker.quote, heading=marker.heading)
    else:
        pane.show_text(f"{marker.heading}\n\nNo passage in the sources speaks to this claim.")
