"""The evidence pane: a cited or deciding passage shown in its article, quote highlighted."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from debate.evidence import Corpus
from debate.evidence.corpus import normalize

CONTEXT_CHARS = 500


def passage_in_context(corpus: Corpus, passage_id: str, quote: str = "", *, heading: str = "") -> Text:
    """The article text around ``passage_id``: the passage in bold, ``quote`` highlighted."""
    passage = corpus.get(passage_id)
    if passage is None:
        return Text(f"{passage_id}: no such passage in the sources.", style="bold red")
    document = corpus.document(passage.doc)
    raw = document.text if document else passage.text
    start, end = (passage.start, passage.end) if document else (0, len(raw))
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(raw), end + CONTEXT_CHARS)
    if lo:  # start the context at a word boundary
        lo = raw.find(" ", lo, start) + 1 or lo
    text = Text()
    if heading:
        text.append(heading + "\n", style="bold")
    text.append(f"{passage.id} · {passage.source}", style="bold cyan")
    text.append(f" · {passage.title}\n\n", style="dim")
    body = Text(("… " if lo > 0 else "") + raw[lo:hi] + (" …" if hi < len(raw) else ""), style="dim")
    offset = 2 if lo > 0 else 0
    body.stylize("not dim", offset + start - lo, offset + end - lo)
    span = _find(raw[start:end], quote)
    if span:
        body.stylize("bold reverse", offset + start - lo + span[0], offset + start - lo + span[1])
    text.append_text(body)
    return text


def _find(haystack: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` sits in ``haystack``, ignoring case, quotes, dashes and spacing."""
    quote = quote.strip(" .\"“”'")
    if len(quote) < 4:
        return None
    at = haystack.lower().find(quote.lower())
    if at >= 0:
        return at, at + len(quote)
    # Fall back to folded text: walk the haystack's words to map offsets back.
    target = normalize(quote)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", haystack)]
    first = target.split()[0] if target.split() else ""
    for i, (s, _) in enumerate(words):
        if not normalize(haystack[s:words[i][1]]).startswith(first[:4]):
            continue
        for j in range(i, len(words)):
            folded = normalize(haystack[s:words[j][1]])
            if folded.strip(" .,;:\"'") == target.strip(" .,;:\"'"):
                return s, words[j][1]
            if len(folded) > len(target) + 4:
                break
    return None


class EvidencePane(VerticalScroll, can_focus=True):
    """Hidden until a citation or claim is selected; escape hides it again."""

    BINDINGS = [Binding("escape", "close", "Close evidence")]

    def compose(self) -> ComposeResult:
        yield Static(id="evidence-text")

    def show(self, corpus: Corpus, passage_id: str, quote: str = "", heading: str = "") -> None:
        self.query_one("#evidence-text", Static).update(passage_in_context(corpus, passage_id, quote, heading=heading))
        self.border_title = f"Evidence · {passage_id}"
        self.display = True
        self.scroll_home(animate=False)

    def show_text(self, text: str | Text, title: str = "Evidence") -> None:
        self.query_one("#evidence-text", Static).update(text)
        self.border_title = title
        self.display = True

    def action_close(self) -> None:
        self.display = False
        self.screen.focus_next()
