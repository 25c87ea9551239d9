"""Load a user-edited YAML file into a strict schema, with errors that name file, line and field.

Personas, motions, rubrics and classroom plans all go through here, so a typo anywhere is
reported the same way: ``personas/x.yaml:7: field 'angels': unknown field``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from debate.errors import UserError

Model = TypeVar("Model", bound=BaseModel)


def read_yaml(path: str | Path):
    """Parse a YAML file; return (data, root node) or raise UserError with the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError("file not found", where=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read: {exc}", where=str(path)) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UserError(f"invalid YAML: {problem}", where=where) from None
    return data, node


def parse_model(model: type[Model], data, *, path: str | Path, node=None) -> Model:
    """Validate ``data`` against ``model``; the first error names its field and line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # An unknown field is usually a typo of a missing one: report the typo first.
        error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = tuple(error["loc"])
        field = ".".join(str(part) for part in loc) or "(top level)"
        line = _line_of(node, loc, key_line=error["type"] == "extra_forbidden")
        where = f"{path}:{line}" if line else str(path)
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown field"
        elif error["type"] == "missing":
            message = "required field is missing"
        raise UserError(f"field '{field}': {message}", where=where) from None


def load_model(model: type[Model], path: str | Path) -> Model:
    data, node = read_yaml(path)
    return parse_model(model, data, path=path, node=node)


def _line_of(node, loc: tuple, *, key_line: bool = False) -> int | None:
    """1-based line of the YAML node at ``loc`` (the deepest one that exists); with
    ``key_line``, the line of the last key itself (an unknown field is its key)."""
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
