"""Argument themes: recurring reasons of technology-strategy debates, kept as YAML data.

An *axis* is a question a motion can take a side on (openness: open or closed); its poles
list the motion words that put a motion on a pole. A *theme* is one recurring reason
("openness builds ecosystems"): the cue words a source sentence uses when it gives that
reason, the pole(s) it argues for, and the claim and warrant lines a debater says with it.
The shipped file is ``themes/technology-strategy.yaml``; a ``themes.yaml`` beside the sources
adds themes or replaces shipped ones by id. Files are validated like personas: a typo is a
one-line error naming the file, line and field.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from debate.evidence.lexicon import stem
from debate.resources import shipped
from debate.yamlfile import load_model

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def stems_of(text: str) -> tuple[str, ...]:
    """Lower-cased Snowball stems of ``text``'s words; hyphenated words are split."""
    return tuple(stem(w) for w in _WORD.findall(text.lower().replace("-", " ")))


class Axis(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    about: str = ""
    poles: dict[str, list[str]]

    @field_validator("poles")
    @classmethod
    def _two_poles(cls, poles: dict[str, list[str]]) -> dict[str, list[str]]:
        if len(poles) != 2:
            raise ValueError("an axis has exactly two poles")
        return poles

    def other(self, pole: str) -> str:
        return next(p for p in self.poles if p != pole)


class Theme(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    bears: dict[str, str] = Field(min_length=1)  # axis id -> the pole this reason argues for
    cues: list[str] = Field(min_length=1)
    claims: list[str] = Field(min_length=1)
    warrants: list[str] = Field(min_length=1)
    # the kinds of motion the reason bears on (default: all); "the direction of travel" is
    # evidence for a forecast, not a reason for a policy
    modalities: list[Literal["normative", "predictive", "evaluative", "descriptive"]] = Field(
        default_factory=lambda: ["normative", "predictive", "evaluative", "descriptive"])

    @field_validator("cues", "claims", "warrants")
    @classmethod
    def _no_blank_items(cls, items: list[str]) -> list[str]:
        if any(not str(item).strip() for item in items):
            raise ValueError("items must not be blank")
        return items


class ThemeFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    axes: list[Axis] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)


class ThemeBook:
    """Axes and themes merged from the shipped file and any user file, with cues as stems."""

    def __init__(self, axes: list[Axis], themes: list[Theme]):
        self.axes = {a.id: a for a in axes}
        self.themes = {t.id: t for t in themes}
        # Cue phrases as stem tuples, longest first, so "competitive edge" wins over "edge".
        self.cues: list[tuple[tuple[str, ...], str]] = sorted(
            ((stems_of(cue), t.id) for t in self.themes.values() for cue in t.cues if stems_of(cue)),
            key=lambda item: -len(item[0]))
        self.pole_words: dict[str, list[tuple[tuple[str, ...], str]]] = {
            a.id: sorted(((stems_of(w), pole) for pole, words in a.poles.items() for w in words if stems_of(w)),
                         key=lambda item: -len(item[0]))
            for a in self.axes.values()}


def shipped_theme_files() -> list[Path]:
    return sorted(shipped("themes").glob("*.yaml"))


def load_themes(extra: Path | str | None = None) -> ThemeBook:
    """The shipped themes, plus (and overridden by) the themes file ``extra`` if it exists."""
    files = [*shipped_theme_files()]
    if extra is not None and Path(extra).is_file():
        files.append(Path(extra))
    return _load(tuple((str(f), f.stat().st_mtime_ns) for f in files))


@lru_cache(maxsize=8)
def _load(files: tuple[tuple[str, int], ...]) -> ThemeBook:
    axes: dict[str, Axis] = {}
    themes: dict[str, Theme] = {}
    for path, _stamp in files:
        parsed = load_model(ThemeFile, path)
        axes.update((a.id, a) for a in parsed.axes)
        for n, theme in enumerate(parsed.themes):
            _check_bearing(theme, axes, path, n)
        themes.update((t.id, t) for t in parsed.themes)
    return ThemeBook(list(axes.values()), list(themes.values()))


def _check_bearing(theme: Theme, axes: dict[str, Axis], path: str, n: int) -> None:
    """A theme must bear on an axis that exists, at one of its poles (error names the line)."""
    from debate.errors import UserError
    from debate.yamlfile import line_of, read_yaml

    for axis, pole in theme.bears.items():
        if axis not in axes:
            problem = f"unknown axis '{axis}' (known: {', '.join(axes)})"
        elif pole not in axes[axis].poles:
            problem = f"axis '{axis}' has no pole '{pole}' (poles: {', '.join(axes[axis].poles)})"
        else:
            continue
        line = line_of(read_yaml(path), ("themes", n, "bears", axis))
        raise UserError(f"field 'themes.{n}.bears.{axis}': {problem}", where=f"{path}:{line}" if line else path)


def themes_for(corpus) -> ThemeBook:
    """The themes a debate over ``corpus`` uses: shipped, plus ``themes.yaml`` in its folder."""
    return load_themes(Path(corpus.folder) / "themes.yaml")
