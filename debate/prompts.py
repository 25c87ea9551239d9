"""Jinja2 prompt templates: shipped in ``prompts/``, overridable file by file.

The environment is sandboxed (a template from a user folder cannot reach Python
internals) and strict (a misspelt variable is an error, not an empty string). Source
passages are always passed as data inside ``<source id=...>`` delimiters.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from debate.errors import UserError
from debate.resources import shipped


@lru_cache(maxsize=16)
def _environment(folders: tuple[str, ...]) -> SandboxedEnvironment:
    """One environment per folder list: compiled templates are reused across debates
    (FileSystemLoader still notices a template edited on disk)."""
    return SandboxedEnvironment(
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
        return self._guard(name, lambda: self.env.get_template(name).render(**context).strip())

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
        except jinja2.TemplateError as exc:
            raise UserError(f"template error: {exc}", where=name) from None
