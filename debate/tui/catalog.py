"""The personas the setup screen offers: 'You', the shipped ones, --personas, the editor's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from debate.errors import DebateError
from debate.personas import Persona, available, human_persona, load_persona_file


@dataclass
class Entry:
    id: str
    persona: Persona
    ref: str  # what prepare() is given: "you" or the YAML file's path
    path: Path | None = None

    @property
    def editable_copy(self) -> bool:
        return self.path is not None


def catalog(user_dir: str | None = None) -> dict[str, Entry]:
    """Persona id -> entry, in ``personas.available``'s order (the editor's folder first)."""
    entries = {"you": Entry("you", human_persona(), "you")}
    files = available(user_dir)
    for pid, path in sorted(files.items()):
        try:
            persona = load_persona_file(path)
        except DebateError:
            continue  # a broken user file must not take the whole list down
        entries[pid] = Entry(pid, persona, str(path), path)
    return entries


def find(entries: dict[str, Entry], ref: str | None) -> Entry | None:
    """The entry a command-line reference names: id, display name or file path."""
    if not ref:
        return None
    key = ref.strip().lower()
    if key in {"you", "human"}:
        return entries["you"]
    if key.replace(" ", "-") in entries:
        return entries[key.replace(" ", "-")]
    for entry in entries.values():
        if entry.persona.name.lower() == key or (entry.path and str(entry.path) == ref):
            return entry
    path = Path(ref).expanduser()
    if path.is_file():
        try:
            persona = load_persona_file(path)
        except DebateError:
            return None
        entry = Entry(persona.id, persona, str(path), path)
        entries[persona.id] = entry
        return entry
    return None
