"""Small widgets the arena is built from: the turn clock, a turn, a marker, a side panel."""

from __future__ import annotations

import asyncio

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, Static, TextArea

from debate.citations import MARKER
from debate.transcript import Turn

WARN_FRACTION, WARN_SECONDS, CRITICAL_SECONDS = 0.25, 10.0, 5.0
CLAIM_MARKS = {"supported": ("✔", "green"), "contradicted": ("✘", "red"), "unsupported": ("?", "yellow")}


class Clock(Static):
    """A turn's countdown; turns yellow near the end and red in the last seconds.

    ``frozen`` (snapshot mode) shows the turn's full time and never counts, so images of
    the screen do not depend on timing.
    """

    def __init__(self, frozen: bool = False, **kwargs) -> None:
        super().__init__("⏱  waiting", **kwargs)
        self.frozen = frozen
        self.seconds = 0.0
        self.started: float | None = None
        self.paused_at: float | None = None
        self.paused_for = 0.0

    def start(self, seconds: float) -> None:
        self.seconds, self.started, self.paused_at, self.paused_for = seconds, time.monotonic(), None, 0.0
        self.tick()

    def pause(self) -> None:
        if self.started is not None and self.paused_at is None:
            self.paused_at = time.monotonic()

    def resume(self) -> None:
        if self.paused_at is not None:
            self.paused_for += time.monotonic() - self.paused_at
            self.paused_at = None

    @property
    def running(self) -> bool:
        return self.started is not None

    def remaining(self) -> float:
        if self.started is None:
            return 0.0
        now = self.paused_at or time.monotonic()
        return max(0.0, self.seconds - (now - self.started - self.paused_for))

    def stop(self, note: str = "turn over") -> None:
        self.started = None
        self.remove_class("-warn", "-critical")
        self.update(f"⏱  {note}")

    def tick(self) -> None:
        if self.started is None:
            return
        left = self.seconds if self.frozen else self.remaining()
        self.set_class(left <= max(WARN_SECONDS, self.seconds * WARN_FRACTION), "-warn")
        self.set_class(left <= CRITICAL_SECONDS, "-critical")
        minutes, seconds = divmod(int(left + 0.999), 60)
        self.update(f"⏱  {minutes}:{seconds:02d}" + ("  paused" if self.paused_at else ""))


class Marker(Static, can_focus=True):
    """A focusable citation or claim marker; enter or a click shows its evidence."""

    BINDINGS = [Binding("enter", "select", "Show evidence", show=False)]

    class Selected(Message):
        def __init__(self, marker: "Marker") -> None:
            super().__init__()
            self.marker = marker

    def __init__(self, label: Text, *, passage: str | None, quote: str = "", heading: str = "",
                 classes: str = "") -> None:
        super().__init__(label, classes=f"marker {classes}".strip())
        self.passage, self.quote, self.heading = passage, quote, heading

    def action_select(self) -> None:
        self.post_message(self.Selected(self))

    def on_click(self) -> None:
        self.focus()
        self.action_select()


def citation_marker(citation) -> Marker:
    ok = "✓" if citation.verified else "✗"
    label = Text.assemble((f"[{citation.passage}]", "bold cyan"), f" {ok} {citation.match}  ",
                          (shorten(citation.quote, 80), "dim"))
    return Marker(label, passage=citation.passage, quote=citation.quote,
                  heading=f"Cited: “{citation.quote}”", classes="citation")


def claim_marker(check) -> Marker:
    mark, colour = CLAIM_MARKS.get(check.label, ("?", "yellow"))
    label = Text.assemble((f"{mark} {check.label}", f"bold {colour}"), "  ", shorten(check.claim, 90))
    evidence = check.evidence[0] if check.evidence else None
    return Marker(label, passage=evidence.passage if evidence else None, quote=evidence.text if evidence else "",
                  heading=f"Claim ({check.label}): {check.claim}", classes=f"claim -{check.label}")


def freeze_cursors(screen) -> None:
    """Snapshot mode: no blinking cursors, so every image of the screen is the same."""
    if screen.app.frozen:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False


def set_title(screen, title: str, note: str = "") -> None:
    """Fill the screen's one-line title bar: app name, what this screen is about, a note."""
    line = Text.assemble(("Debate Arena", "bold"), "  ", title)
    if note:
        line.append(f"  · {note}", style="dim")
    screen.query_one("#title-bar", Static).update(line)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_markdown(text: str) -> str:
    """A finished turn for display: citation markers set off as code spans."""
    return MARKER.sub(lambda m: f"`{m.group(0)}`", text)


class HumanTurn(TextArea):
    """Where the person types their turn; enter or ctrl+s hands it in."""

    BINDINGS = [Binding("enter", "submit", "Submit turn", priority=True),
                Binding("ctrl+s", "submit", "Submit turn", priority=True)]

    class Submitted(Message):
        def __init__(self, area: "HumanTurn") -> None:
            super().__init__()
            self.area = area

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))


class TurnView(Vertical):
    """One turn: a header, the text as it streams in, then its citation and claim markers."""

    def __init__(self, round_number: int, role: str) -> None:
        super().__init__(classes="turn")
        self.header = f"Round {round_number} · {role}"
        self.stream = None

    def compose(self) -> ComposeResult:
        yield Static(self.header, classes="turn-header")
        yield Markdown(classes="turn-text")
        yield Vertical(classes="markers")

    @property
    def markdown(self) -> Markdown:
        return self.query_one(Markdown)

    async def append(self, text: str) -> None:
        if self.stream is None:
            self.stream = Markdown.get_stream(self.markdown)
        await self.stream.write(text)

    async def _stop_stream(self) -> None:
        stream, self.stream = self.stream, None
        if stream is None:
            return
        try:
            await stream.stop()
        except asyncio.CancelledError:
            # stop() cancels the stream's task, and a task cancelled before it ever ran hands
            # that cancellation to whoever awaits it: us. Swallow it unless we are the one
            # being cancelled, or the debate's worker would silently die mid-turn.
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise

    async def clear(self) -> None:
        """Start the turn's text again (the backend is retrying)."""
        await self._stop_stream()
        await self.markdown.update("")

    async def finish(self, turn: Turn) -> None:
        await self._stop_stream()
        await self.markdown.update(as_markdown(turn.text) or "*(no words)*")
        note = f" · cut by the {turn.cut_by}" if turn.truncated else ""
        self.query_one(".turn-header", Static).update(f"{self.header} · {turn.words} words{note}")
        markers = [citation_marker(c) for c in turn.citations]
        if markers:
            await self.query_one(".markers").mount_all(markers)

    async def add_claims(self, checks: list) -> None:
        if checks:
            await self.query_one(".markers").mount_all([claim_marker(c) for c in checks])

    async def ask_human(self, frozen: bool) -> HumanTurn:
        area = HumanTurn(placeholder="Your turn: type your argument, cite sources as [S000:1]; enter submits.",
                         soft_wrap=True, classes="human-turn")
        area.cursor_blink = not frozen
        await self.mount(area, after=self.query_one(".turn-header"))
        area.focus()
        return area


class SidePanel(Vertical):
    """One side of the debate: who speaks, their clock and their turns."""

    def __init__(self, side: str, record: dict, frozen: bool) -> None:
        super().__init__(id=f"side-{side}", classes="side")
        self.side, self.record, self.frozen = side, record, frozen
        self.current: TurnView | None = None

    def compose(self) -> ComposeResult:
        title = Text.assemble((f"{self.side.upper()} ", "bold"), (self.record["name"], "bold"))
        if self.record.get("label"):
            title.append(f"\n{self.record['label']}", style="italic yellow")
        yield Static(title, classes="side-title")
        yield Clock(self.frozen, classes="clock")
        yield VerticalScroll(classes="turns")

    @property
    def clock(self) -> Clock:
        return self.query_one(Clock)

    async def new_turn(self, round_number: int, role: str) -> TurnView:
        self.current = TurnView(round_number, role)
        turns = self.query_one(".turns", VerticalScroll)
        await turns.mount(self.current)
        self.follow()
        return self.current

    def follow(self) -> None:
        """Keep the newest text in view unless the reader has scrolled up."""
        turns = self.query_one(".turns", VerticalScroll)
        if turns.scroll_y >= turns.max_scroll_y - 3:
            turns.call_after_refresh(turns.scroll_end, animate=False)

    async def add_note(self, text: str, classes: str = "note") -> None:
        await self.query_one(".turns").mount(Static(text, classes=classes))


def crossfire_note(round_number: int, question: str) -> str:
    return f"Crossfire for round {round_number}: {' '.join(question.split())}"
