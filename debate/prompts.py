"""Jinja2 prompt templates: shipped in ``prompts/``, overridable file by file.

The environment is sandboxed (a template from a user folder cannot reach Python
internals), immutable (it cannot change the persona or passages it is shown), bounded (no
huge ranges, powers, repeated strings or prompts: a clear error instead of a hang) and
strict (a misspelt variable is an error, not an empty string). Source passages are always
passed as data inside ``<source id=...>`` delimiters.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError

from debate.errors import UserError
from debate.resources import shipped


MAX_PROMPT_CHARS = 200_000  # a rendered prompt longer than this is a runaway template
MAX_EXPONENT = 64


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with ``**`` and ``*`` bounded: ``7 ** 999999999`` or
    ``'x' * 10**9`` would otherwise hang or exhaust memory before any limit is checked."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"exponent {right} is too large (at most {MAX_EXPONENT})")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) \
                        and len(seq) * times > MAX_PROMPT_CHARS:
                    raise SecurityError(f"repeating a sequence {times} times makes it too long")
        return super().call_binop(context, operator, left, right)


@lru_cache(maxsize=16)
def _environment(folders: tuple[str, ...]) -> BoundedSandbox:
    """One environment per folder list: compiled templates are reused across debates
    (FileSystemLoader still notices a template edited on disk)."""
    return BoundedSandbox(
        loader=jinja2.FileSystemLoader(list(folders)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


class Prompts:
    def __init__(self, user_dir: str | Path | None = None):
        folders = [str(Path(user_dir).expanduser())] if user_dir else []
        if user_dir and not Path(user_dir).expanduser().is_dir():
            raise UserError("prompts folder not found", where=str(user_dir))
        folders.append(str(shipped("prompts")))
        self.env = _environment(tuple(folders))

    def check(self, *names: str) -> None:
        """Compile ``names`` now, so a broken template fails before a debate starts."""
        for name in names:
            self._guard(name, lambda: self.env.get_template(name))

    def render(self, name: str, **context) -> str:
        """Render ``name`` (e.g. ``opening.j2``); any template error becomes a UserError."""
        return self._guard(name, lambda: _bounded(self.env.get_template(name), context).strip())

    @staticmethod
    def _guard(name: str, action):
        try:
            return action()
        except jinja2.TemplateNotFound:
            raise UserError("prompt template not found", where=name) from None
        except jinja2.TemplateSyntaxError as exc:
            raise UserError(f"template syntax error: {exc.message}",
                            where=f"{exc.filename or name}:{exc.lineno}") from None
        except jinja2.UndefinedError as exc:
            raise UserError(f"template error: {exc.message}", where=name) from None
        except jinja2.TemplateError as exc:  # SecurityError too: a sandbox rule was broken
            raise UserError(f"template error: {exc}", where=name) from None
        except OverflowError:  # the sandbox refuses range() over MAX_RANGE this way
            raise UserError(f"template error: a range of more than {MAX_RANGE} items", where=name) from None


def _bounded(template: jinja2.Template, context: dict) -> str:
    """Render chunk by chunk, stopping a template whose output runs past MAX_PROMPT_CHARS."""
    parts, size = [], 0
    for chunk in template.generate(**context):
        size += len(chunk)
        if size > MAX_PROMPT_CHARS:
            raise SecurityError(f"the prompt is longer than {MAX_PROMPT_CHARS} characters")
        parts.append(chunk)
    return "".join(parts)
