"""Load a user-edited YAML file into a strict schema, with errors that name file, line and field.

Personas, motions, rubrics and classroom plans all go through here, so a typo anywhere is
reported the same way: ``personas/x.yaml:7: field 'angels': unknown field``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from debate.errors import UserError

Model = TypeVar("Model", bound=BaseModel)


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


class _StrictLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, except that a key given twice in one mapping is an error: PyYAML
    keeps the last silently, so a persona with two ``voice:`` lines lost the first."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen and key != "<<":
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark)
                if isinstance(key, (str, int, float, bool)) or key is None:
                    seen.add(key)
        return super().construct_mapping(node, deep=deep)


_LOADER = _StrictLoader


@dataclass
class YamlFile:
    """A parsed YAML file. The node tree (for line numbers) is built only when an error
    needs it, so valid files are parsed once, with the C loader."""

    path: Path
    text: str
    data: Any

    @cached_property
    def node(self):
        return yaml.compose(self.text, Loader=_LOADER)


def read_yaml(path: str | Path) -> YamlFile:
    """Parse a YAML file, or raise UserError naming the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError("file not found", where=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read: {exc}", where=str(path)) from None
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UserError(f"invalid YAML: {problem}", where=where) from None
    return YamlFile(path, text, data)


def parse_model(model: type[Model], data, *, path: str | Path, node=None) -> Model:
    """Validate ``data`` against ``model``; the first error names its field and line.
    ``node`` is the YamlFile (or YAML node) the data came from, for the line number."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        loc, message, unknown = first_error(exc)
        line = line_of(node, loc, key_line=unknown)
        raise field_error(loc, message, where=f"{path}:{line}" if line else str(path)) from None


def first_error(exc: ValidationError) -> tuple[tuple, str, bool]:
    """The error to report of a validation failure: (location, message, is an unknown field).
    An unknown field is usually a typo of a missing one, so it is reported first."""
    errors = exc.errors()
    error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    kind = error["type"]
    message = {"extra_forbidden": "unknown field", "missing": "required field is missing"}.get(kind, error["msg"])
    return tuple(error["loc"]), message, kind == "extra_forbidden"


def field_error(loc: tuple, message: str, *, where: str) -> UserError:
    """``where: field 'a.0.b': message``, the one shape every schema error has."""
    field = ".".join(str(part) for part in loc) or "(top level)"
    return UserError(f"field '{field}': {message}", where=where)


def load_model(model: type[Model], path: str | Path) -> Model:
    """Load and validate a YAML file; cached by path and modification time, since the same
    personas, motions and rubric are read for every debate of a batch."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (model, str(path.resolve()) if stamp is not None else str(path), stamp)
    cached = _CACHE.get(key)
    if cached is None:
        doc = read_yaml(path)
        cached = _CACHE[key] = parse_model(model, doc.data, path=path, node=doc)
        if len(_CACHE) > 256:
            _CACHE.pop(next(iter(_CACHE)))
    return cached.model_copy(deep=True)


_CACHE: dict[tuple, BaseModel] = {}


def line_of(node, loc: tuple, *, key_line: bool = False) -> int | None:
    """1-based line of the YAML node at ``loc`` (the deepest one that exists); with
    ``key_line``, the line of the last key itself (an unknown field is its key)."""
    if isinstance(node, YamlFile):
        node = node.node
    line = node.start_mark.line + 1 if node is not None else None
    for depth, part in enumerate(loc, 1):
        key = None
        if isinstance(node, yaml.MappingNode):
            key, node = next(((k, v) for k, v in node.value if k.value == part), (None, None))
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        mark = key if key_line and key is not None and depth == len(loc) else node
        line = mark.start_mark.line + 1
    return line
