"""Strip terminal control sequences from text that came from outside the program.

Model output, source files, motions, persona fields and judge rationales are data. Written
raw to a terminal, an ANSI/OSC sequence in them can clear the screen, set the window title,
plant a hyperlink or rewrite lines already shown; in a Markdown file it is garbage. ``clean``
removes whole escape sequences (CSI, OSC, DCS/PM/APC/SOS and two-byte escapes, 7- and 8-bit
forms) and every other C0/C1 control character and DEL, keeping newline and tab; a carriage
return becomes a newline. ``CleanStream`` applies it to a stream (the CLI wraps stdout and stderr in one).
"""

from __future__ import annotations

import io
import re

_ST = r"(?:\x07|\x1b\\|\x9c)"  # string terminator: BEL, ESC \ or 8-bit ST
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clear screen
    rf"|(?:\x1b[\]P^_X]|[\x9d\x90\x9e\x9f\x98])[^\x07\x1b\x9c]*{_ST}"  # OSC, DCS, PM, APC, SOS
    r"|\x1b[ -/]*[0-~]"  # two-byte escapes (ESC c resets the terminal, ESC 7/8 cursor)
)
_NEWLINES = re.compile(r"\r\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # ESC and every C1 byte are in here too


def clean(text: str) -> str:
    """``text`` without escape sequences or control characters other than newline and tab."""
    if not _CONTROL.search(text):  # the common case: nothing to do, no copy
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", _NEWLINES.sub("\n", text)))


def clean_data(value):
    """``value`` (parsed YAML or JSON) with every string in it cleaned."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value


class CleanStream(io.TextIOBase):
    """A text stream that cleans every write before passing it on. ``raw`` is the stream
    underneath, for the program's own cursor control (a progress line rewritten in place)."""

    def __init__(self, raw):
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(clean(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self):  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")


def raw_stream(stream):
    """The terminal under a CleanStream (the stream itself otherwise)."""
    return stream.raw if isinstance(stream, CleanStream) else stream
