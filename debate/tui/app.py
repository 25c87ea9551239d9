"""The Debate Arena app: setup → arena → verdict, over the same engine as the CLI.

``debate tui`` (and bare ``debate``) opens it (``debate/commands/tui.py``). The app builds each
debate with ``runner.prepare`` exactly as ``debate run`` does; only the backends differ
when a person plays a side (``HumanBackend``) and the offline composer is paced so the
debate can be watched.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from debate.backends import make_backend
from debate.config import Settings
from debate.errors import DebateError
from debate.runner import prepare
from debate.render import save
from debate.transcript import Transcript
from debate.tui.choices import Choices
from debate.tui.human import HumanBackend, is_human
from debate.locations import exports_dir, transcripts_dir
from debate.tui.paths import EXTENSIONS, stamped

WATCHABLE_WPS = 25.0  # the offline composer's pace in the TUI, words per second


class DebateApp(App):
    CSS_PATH = Path(__file__).with_name("debate.tcss")  # absolute, so subclasses elsewhere find it
    TITLE = "Debate Arena"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, settings: Settings, choices: Choices | None = None, *, start: bool = False,
                 out: str | None = None, export_dir: str | Path | None = None,
                 words_per_second: float | None = WATCHABLE_WPS, frozen: bool = False,
                 backend_factory: Callable[[Settings, str], object] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.choices = choices or Choices()
        self.start_now = start
        self.out = out
        self.export_dir = Path(export_dir) if export_dir else exports_dir(out)
        self.words_per_second = words_per_second
        self.frozen = frozen  # snapshot mode: clocks do not count, cursors do not blink
        self.backend_factory = backend_factory
        self.debate = None

    def on_mount(self) -> None:
        from debate.tui.setup import SetupScreen

        self.push_screen(SetupScreen(self.choices))
        if self.start_now:
            self.call_after_refresh(lambda: self.screen.action_start())

    # ---- debates ---------------------------------------------------------------------------
    def start_debate(self, choices: Choices) -> bool:
        """Build a debate from ``choices`` and open the arena; False (and a notice) on bad input."""
        from debate.tui.arena import ArenaScreen

        self.choices = choices
        try:
            settings = choices.settings(self.settings)
            backends = {side: HumanBackend() if is_human(getattr(choices, side)) else self.make_backend(settings, side)
                        for side in ("pro", "con")}
            autosave = Path(self.out) if self.out else stamped(transcripts_dir(), choices.motion or "debate", "json")
            debate = prepare(choices.spec(), settings, out=str(autosave), backends=backends)
        except DebateError as exc:
            self.notify(str(exc), title="Cannot start", severity="error", timeout=8)
            return False
        debate.judge = threaded(debate.judge)
        self.debate = debate
        self.push_screen(ArenaScreen(debate, autosave))
        if not self.frozen:
            self.notify(f"Autosaving the transcript to {autosave}", timeout=4)
        return True

    def make_backend(self, settings: Settings, side: str):
        if self.backend_factory is not None:
            return self.backend_factory(settings, side)
        return make_backend(settings, side, words_per_second=self.words_per_second)

    def _to_setup(self) -> None:
        from debate.tui.setup import SetupScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, SetupScreen):
            self.pop_screen()

    def new_debate(self) -> None:
        self._to_setup()

    def rematch(self) -> None:
        """The same debate with the sides swapped."""
        self._to_setup()
        self.start_debate(self.choices.swapped())

    def export(self, transcript: Transcript, fmt: str) -> Path | None:
        path = stamped(self.export_dir, transcript.motion, EXTENSIONS[fmt])
        try:
            save(transcript, path)
        except (OSError, DebateError) as exc:
            self.notify(f"Export failed: {exc}", severity="error")
            return None
        self.notify(f"Exported {fmt}: {path}", title="Transcript exported", timeout=8)
        return path

    # ---- command palette -------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from debate.tui.arena import ArenaScreen
        from debate.tui.setup import SetupScreen
        from debate.tui.verdict import VerdictScreen

        if isinstance(screen, SetupScreen):
            yield SystemCommand("Start the debate", "Begin with the choices on this screen", screen.action_start)
            yield SystemCommand("New persona", "Create a persona in the editor", screen.action_new_persona)
            yield SystemCommand("Edit a copy of the persona", "Copy the highlighted persona into the editor",
                                screen.action_edit_persona)
        if isinstance(screen, ArenaScreen):
            yield SystemCommand("Pause or resume", "Hold the clock and the stream", screen.action_pause)
            yield SystemCommand("Skip the current turn", "End the speaking side's turn now", screen.action_skip)
            yield SystemCommand("Ask a crossfire question", "Both sides answer it next round",
                                screen.action_crossfire)
            yield SystemCommand("Stop the debate", "Cancel it; the transcript so far is kept", screen.action_stop)
            yield SystemCommand("Show the verdict", "Open the verdict when the judge is done", screen.action_verdict)
        if isinstance(screen, VerdictScreen):
            for fmt in ("json", "markdown", "html"):
                yield SystemCommand(f"Export transcript as {fmt}", f"Save to {self.export_dir}",
                                    lambda fmt=fmt: self.export(screen.transcript, fmt))
            yield SystemCommand("Rematch with sides swapped", "Same motion, pro and con trade places", self.rematch)
        if not isinstance(screen, SetupScreen):
            yield SystemCommand("New debate", "Back to the setup screen", self.new_debate)


def threaded(judge):
    """Run the offline judge (CPU work) in a thread so the UI keeps drawing meanwhile."""
    if judge is None or getattr(judge, "__name__", "") != "offline_judge":
        return judge
    from debate.tui.arena import VERIFIER_LOCK

    async def judge_in_thread(transcript, corpus):
        def work():
            with VERIFIER_LOCK:
                return asyncio.run(judge(transcript, corpus))

        return await asyncio.to_thread(work)

    return judge_in_thread

