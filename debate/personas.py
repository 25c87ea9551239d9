"""Personas: who argues, in what voice, caring about what. Loaded from YAML files.

Shipped personas live in ``personas/``; a folder given by ``--personas DIR`` (or the config
file's ``personas_dir``) overrides them file by file, and the user's own folder
(``locations.personas_dir()``, where the TUI editor saves) overrides both. A persona is named by its file stem
(``dorothy-parker``) or given as a path to a YAML file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from debate import locations
from debate.errors import UserError
from debate.resources import shipped
from debate.sanitize import clean_data
from debate.yamlfile import load_model

PASTICHE_LABEL = "Fictional AI pastiche — not a real quote"


class Rhetoric(BaseModel):
    """Short lead-ins in the persona's voice that the offline composer builds turns from."""

    model_config = ConfigDict(extra="forbid")
    opening: list[str] = Field(default_factory=lambda: ["Let me open with the record."])
    evidence: list[str] = Field(default_factory=lambda: ["The sources report that"])
    rebuttal: list[str] = Field(default_factory=lambda: ["{opponent} overlooks the record."])
    closing: list[str] = Field(default_factory=lambda: ["The evidence decides this motion."])


class Persona(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    kind: Literal["historical", "archetype", "human"]
    description: str = Field(min_length=1)
    voice: str = Field(min_length=1)
    angles: list[str] = Field(min_length=1)
    signature_moves: list[str] = Field(min_length=1)
    era: str = ""
    rhetoric: Rhetoric = Field(default_factory=Rhetoric)
    id: str = ""  # the file stem; filled in by the loader

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data):
        """Persona fields are shown and put into prompts: no terminal escapes in them."""
        return clean_data(data)

    @field_validator("angles", "signature_moves")
    @classmethod
    def _no_blank_items(cls, items: list[str]) -> list[str]:
        if any(not str(item).strip() for item in items):
            raise ValueError("items must not be blank")
        return items

    @property
    def label(self) -> str:
        """The disclaimer every output must carry for a historical figure ('' otherwise)."""
        return PASTICHE_LABEL if self.kind == "historical" else ""

    @property
    def display(self) -> str:
        return f"{self.name} ({self.label})" if self.label else self.name

    def to_record(self) -> dict:
        """What a transcript keeps of the persona."""
        return {"id": self.id, "name": self.name, "kind": self.kind, "description": self.description,
                "label": self.label}


def human_persona(name: str = "You") -> Persona:
    """The persona a student plays: judged by the same rules, voiced by the student."""
    return Persona(name=name, kind="human", id="you", description="A human debater.",
                   voice="Your own.", angles=["evidence"], signature_moves=["Your own."])


HUMAN_REFS = frozenset({"you", "human"})


def is_human(ref: str) -> bool:
    """True when ``ref`` asks for a student to play the side (only the TUI can take their turns)."""
    return ref.strip().lower() in HUMAN_REFS


def persona_dirs(user_dir: str | Path | None = None) -> list[Path]:
    """Folders searched for personas, highest priority first: the user's own (where the TUI
    editor saves), then ``user_dir`` (``--personas``), then the shipped ones. A folder named
    by the user (``--personas`` or the config file) must exist, as ``--prompts`` must; the
    user's own need not (the editor creates it on its first save)."""
    own = locations.personas_dir()
    if user_dir and not Path(user_dir).expanduser().is_dir() and Path(user_dir).expanduser() != own:
        raise UserError("personas folder not found", where=str(user_dir))
    dirs = [own] + ([Path(user_dir).expanduser()] if user_dir else []) + [shipped("personas")]
    return list(dict.fromkeys(dirs))


def load_persona_file(path: str | Path) -> Persona:
    path = Path(path)
    persona = load_model(Persona, path)
    persona.id = persona.id or path.stem
    return persona


def available(user_dir: str | Path | None = None) -> dict[str, Path]:
    """Persona id -> file, user folder first so it overrides shipped files of the same name."""
    found: dict[str, Path] = {}
    for folder in reversed(persona_dirs(user_dir)):
        if folder.is_dir():
            for path in sorted(folder.glob("*.y*ml")):
                found[path.stem] = path
    return dict(sorted(found.items()))


def load_persona(ref: str, user_dir: str | Path | None = None) -> Persona:
    """A persona by id (``dorothy-parker``), display name, or path to a YAML file."""
    if is_human(ref):
        return human_persona()
    as_path = Path(ref).expanduser()
    if as_path.suffix in {".yaml", ".yml"} or as_path.is_file():
        return load_persona_file(as_path)
    files = available(user_dir)
    key = ref.strip().lower().replace(" ", "-")
    if key in files:
        return load_persona_file(files[key])
    for path in files.values():  # allow the display name too
        persona = load_persona_file(path)
        if persona.name.lower() == ref.strip().lower():
            return persona
    raise UserError(f"unknown persona {ref!r}; known: {', '.join(files)}", where="--persona")


def load_all(user_dir: str | Path | None = None) -> list[Persona]:
    return [load_persona_file(path) for path in available(user_dir).values()]
