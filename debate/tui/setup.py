"""The setup screen: motion, the two sides, clocks, budget, backend and sources."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from debate.errors import DebateError
from debate.motions import load_motions
from debate.resources import shipped
from debate.tui.catalog import Entry, catalog, find
from debate.tui.choices import Choices, backend_summary
from debate.tui.widgets import freeze_cursors, set_title

BACKENDS = ("offline", "openai", "replay")


def persona_preview(entry: Entry | None) -> Text:
    """Who this persona is: name, kind, era, pastiche label, description, voice, angles."""
    if entry is None:
        return Text("No persona selected.", style="dim")
    p = entry.persona
    text = Text()
    text.append(p.name, style="bold")
    text.append(f"  {p.kind}" + (f" · {p.era}" if p.era else ""), style="dim")
    if p.label:
        text.append(f"\n{p.label}", style="bold yellow")
    text.append(f"\n\n{p.description}\n")
    text.append("\nVoice: ", style="bold")
    text.append(p.voice)
    text.append("\nAngles: ", style="bold")
    text.append(", ".join(p.angles))
    if entry.path is not None:
        text.append(f"\n\n{entry.path.name}", style="dim")
    return text


class PersonaPicker(Vertical):
    """One side's persona: a filter box over a list; the highlighted entry is the choice."""

    class Highlighted(Message):
        def __init__(self, picker: "PersonaPicker", entry: Entry | None) -> None:
            super().__init__()
            self.picker, self.entry = picker, entry

    def __init__(self, side: str, entries: dict[str, Entry], selected: str | None) -> None:
        super().__init__(id=f"{side}-picker", classes="picker")
        self.side, self.entries, self._selected = side, entries, selected
        self.border_title = "For the motion (PRO)" if side == "pro" else "Against the motion (CON)"

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter personas…", id=f"{self.side}-filter", classes="filter")
        yield OptionList(id=f"{self.side}-list")

    def on_mount(self) -> None:
        self.refill(self.entries, self._selected)

    @property
    def selected(self) -> Entry | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return self.entries.get(options.get_option_at_index(options.highlighted).id)

    def refill(self, entries: dict[str, Entry], select: str | None = None) -> None:
        self.entries = entries
        keep = select or (self.selected.id if self.selected else None)
        needle = self.query_one(Input).value.strip().lower()
        options = self.query_one(OptionList)
        options.clear_options()
        shown = [e for e in entries.values()
                 if not needle or needle in f"{e.id} {e.persona.name} {e.persona.kind} {e.persona.description}".lower()]
        options.add_options([Option(e.persona.name, id=e.id) for e in shown])
        ids = [e.id for e in shown]
        if ids:
            options.highlighted = ids.index(keep) if keep in ids else 0
        self.post_message(self.Highlighted(self, self.selected))

    @on(Input.Changed, ".filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self.refill(self.entries)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, self.entries.get(event.option.id)))


class SetupScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", priority=True),
        Binding("ctrl+n", "new_persona", "New persona"),
        Binding("ctrl+e", "edit_persona", "Edit copy"),
    ]

    def __init__(self, choices: Choices) -> None:
        super().__init__()
        self.choices = choices
        self.last_picker = "pro"

    # ---- building --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        app = self.app
        c = self.choices
        self.entries = catalog(app.settings.personas_dir)
        pro = find(self.entries, c.pro) or self.entries.get("you")
        con = find(self.entries, c.con)
        if con is None:
            con = next((e for e in self.entries.values() if e.id not in {"you", pro.id}), pro)
        yield Static(id="title-bar")
        with VerticalScroll(id="setup-body"):
            motions = self._motions(c.seeds or app.settings.seeds_dir)
            yield Select([(m, m) for m in motions], prompt="Suggested motions (or type one below)",
                         id="motion-pick")
            yield Input(c.motion, placeholder="Type a motion, e.g. 'This house would …'", id="motion")
            with Horizontal(id="people"):
                yield PersonaPicker("pro", self.entries, pro.id)
                yield PersonaPicker("con", self.entries, con.id)
                yield Static(id="preview")
            with Horizontal(id="knobs"):
                yield self._knob("rounds", "Rounds", c.rounds or app.settings.rounds, "integer")
                yield self._knob("turn-seconds", "Sec/turn", _num(c.turn_seconds or app.settings.turn_seconds), "number")
                yield self._knob("max-tokens", "Words", c.max_words or app.settings.max_words, "integer")
                with Vertical(id="backend-box", classes="knob-box") as box:
                    box.border_title = "Backend"
                    yield Select([(b, b) for b in BACKENDS], value=c.backend or app.settings.backend_name,
                                 allow_blank=False, id="backend", compact=True)
                yield self._knob("model", "Model", c.model or app.settings.model, "text")
                yield self._knob("seeds", "Sources folder", c.seeds or app.settings.seeds_dir or "", "text",
                                 placeholder="bundled seeds")
            with Horizontal(id="actions"):
                yield Static(id="backend-status")
                yield Button("New persona", id="new-persona")
                yield Button("Edit copy", id="edit-persona")
                yield Button("Start ▶", id="start", variant="success")
        yield Footer()

    @staticmethod
    def _knob(name: str, title: str, value, kind: str, placeholder: str = "") -> Input:
        field = Input(str(value or ""), type=kind, id=name, classes="knob", placeholder=placeholder)
        field.border_title = title
        return field

    @staticmethod
    def _motions(seeds: str | None) -> list[str]:
        try:
            return [m.motion for m in load_motions(Path(seeds) if seeds else shipped("seeds"))]
        except DebateError:
            return []  # a broken motions.yaml only costs the suggestions

    def on_mount(self) -> None:
        set_title(self, "Set up a debate", "ctrl+s starts · ctrl+p commands")
        self._show_backend()
        freeze_cursors(self)
        self.query_one("#motion", Input).focus()

    # ---- reacting --------------------------------------------------------------------------
    @on(Select.Changed, "#motion-pick")
    def _pick_motion(self, event: Select.Changed) -> None:
        if event.value is not Select.BLANK:
            self.query_one("#motion", Input).value = str(event.value)

    @on(Select.Changed, "#backend")
    @on(Input.Changed, "#model")
    def _backend_changed(self) -> None:
        self._show_backend()

    def _show_backend(self) -> None:
        settings = self.collect().settings(self.app.settings)
        self.query_one("#backend-status", Static).update(f"Active: [b]{backend_summary(settings)}[/]")

    @on(PersonaPicker.Highlighted)
    def _preview(self, event: PersonaPicker.Highlighted) -> None:
        if event.picker.side == self.last_picker:
                self.query_one("#preview", Static).update(persona_preview(event.entry))

    def on_descendant_focus(self, event) -> None:
        picker = next((a for a in event.widget.ancestors_with_self if isinstance(a, PersonaPicker)), None)
        if picker is not None:
            self.last_picker = picker.side
            self.query_one("#preview", Static).update(persona_preview(picker.selected))

    @on(Button.Pressed, "#start")
    @on(Input.Submitted, "#motion")
    def action_start(self) -> None:
        self.app.start_debate(self.collect())

    @on(Button.Pressed, "#new-persona")
    def action_new_persona(self) -> None:
        self._edit(None)

    @on(Button.Pressed, "#edit-persona")
    def action_edit_persona(self) -> None:
        entry = self.picker(self.last_picker).selected
        if entry is None or entry.id == "you":
            self.notify("Pick a persona to copy first ('You' is played, not edited).", severity="warning")
            return
        self._edit(entry)

    def _edit(self, entry: Entry | None) -> None:
        from debate.tui.editor import PersonaEditor

        side = self.last_picker
        self.app.push_screen(PersonaEditor(entry.persona if entry else None),
                             lambda saved: self.persona_saved(saved, side))

    def persona_saved(self, persona_id: str | None, side: str) -> None:
        if not persona_id:
            return
        self.entries = catalog(self.app.settings.personas_dir)
        for picker in self.query(PersonaPicker):
            picker.refill(self.entries, persona_id if picker.side == side else None)

    # ---- reading the form ------------------------------------------------------------------
    def picker(self, side: str) -> PersonaPicker:
        return self.query_one(f"#{side}-picker", PersonaPicker)

    def collect(self) -> Choices:
        value = lambda wid: self.query_one(f"#{wid}", Input).value.strip()  # noqa: E731
        pro, con = self.picker("pro").selected, self.picker("con").selected
        backend = self.query_one("#backend", Select).value
        return Choices(
            motion=value("motion"), pro=pro.ref if pro else "", con=con.ref if con else "",
            rounds=_int(value("rounds")), turn_seconds=_float(value("turn-seconds")),
            max_words=_int(value("max-tokens")), backend=str(backend) if backend is not Select.BLANK else None,
            model=value("model"), seeds=value("seeds"), crossfire=self.choices.crossfire, seed=self.choices.seed)


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
