"""The persona editor: a new persona, or a copy of one, validated as you type.

Validation is the same pydantic schema the loader uses (``Persona.model_validate``), so a
persona the editor accepts is one every command accepts. It saves YAML to the user's
persona folder (``DEBATE_PERSONAS_DIR`` overrides it), where the setup screen finds it.
"""

from __future__ import annotations

import re

import yaml
from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static, TextArea

from debate.locations import personas_dir
from debate.personas import Persona
from debate.transcript import atomic_write
from debate.tui.paths import slug
from debate.tui.widgets import freeze_cursors

KINDS = ("archetype", "historical")
FILE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
TEXT_FIELDS = (("name", "Name"), ("era", "Era (optional)"), ("description", "Description"),
               ("voice", "Voice"), ("angles", "Angles (comma-separated)"))


def split_items(text: str, sep: str) -> list[str]:
    return [item.strip() for item in text.split(sep) if item.strip()]


def problems(error: ValidationError) -> list[str]:
    """One line per problem, named by field, the way the YAML loader reports them."""
    out = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "persona"
        out.append(f"{where}: {item['msg']}")
    return out


class PersonaEditor(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save", priority=True)]

    def __init__(self, base: Persona | None = None) -> None:
        super().__init__()
        self.base = base
        self.persona: Persona | None = None

    def compose(self) -> ComposeResult:
        base = self.base
        with VerticalScroll(id="editor") as box:
            box.border_title = f"Edit a copy of {base.name}" if base else "New persona"
            yield self._field("id", "File name (id)", f"{base.id}-copy" if base else "")
            yield self._field("name", "Name", base.name if base else "")
            kind = Select([(k, k) for k in KINDS], value=base.kind if base and base.kind in KINDS else "archetype",
                          allow_blank=False, id="p-kind")
            kind.border_title = "Kind"
            yield kind
            for name, title in TEXT_FIELDS[1:]:
                value = getattr(base, name) if base else ""
                yield self._field(name, title, ", ".join(value) if isinstance(value, list) else value)
            moves = TextArea("\n".join(base.signature_moves) if base else "", id="p-moves", soft_wrap=True)
            moves.border_title = "Signature moves (one per line)"
            yield moves
            yield Static(id="p-errors")
            with Horizontal(id="editor-actions"):
                yield Button("Save", id="save", variant="success")
                yield Button("Cancel", id="cancel")

    @staticmethod
    def _field(name: str, title: str, value: str) -> Input:
        field = Input(value, id=f"p-{name}")
        field.border_title = title
        return field

    def on_mount(self) -> None:
        freeze_cursors(self)
        self.query_one("#p-name", Input).focus()
        self.check()

    def data(self) -> dict:
        value = lambda name: self.query_one(f"#p-{name}", Input).value.strip()  # noqa: E731
        data = {"name": value("name"), "kind": self.query_one("#p-kind", Select).value,
                "description": value("description"), "voice": value("voice"),
                "angles": split_items(value("angles"), ","),
                "signature_moves": split_items(self.query_one("#p-moves", TextArea).text, "\n")}
        if value("era"):
            data["era"] = value("era")
        if self.base is not None:
            data["rhetoric"] = self.base.rhetoric.model_dump()
        return data

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def check(self) -> Persona | None:
        """Validate the form with the persona schema; show what is wrong, field by field."""
        errors: list[str] = []
        file_id = self.query_one("#p-id", Input).value.strip()
        if not FILE_ID.match(file_id):
            errors.append(f"id: use lowercase letters, digits and dashes (e.g. {slug(self.data()['name'] or 'my-persona')})")
        try:
            self.persona = Persona.model_validate(self.data())
            self.persona.id = file_id
        except ValidationError as exc:
            self.persona = None
            errors += problems(exc)
        report = self.query_one("#p-errors", Static)
        report.update("\n".join(errors) if errors else "✓ valid")
        report.set_class(bool(errors), "-invalid")
        self.query_one("#save", Button).disabled = bool(errors)
        return self.persona if not errors else None

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        persona = self.check()
        if persona is None:
            self.notify("Fix the fields marked below before saving.", severity="warning")
            return
        path = personas_dir() / f"{persona.id}.yaml"
        body = persona.model_dump(exclude={"id"}, exclude_defaults=self.base is None)
        atomic_write(path, yaml.safe_dump(body, sort_keys=False, allow_unicode=True))
        self.notify(f"Saved {persona.name} to {path}")
        self.dismiss(persona.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
