"""The verdict: who won, the scorecard, every checked claim and the judge's rationale."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from debate.evidence import Corpus
from debate.transcript import Transcript
from debate.verdict import Verdict
from debate.tui.evidence import EvidencePane
from debate.tui.widgets import CLAIM_MARKS, set_title, shorten

CRITERIA_ORDER = ("supported", "contradicted", "unsupported", "verified_citations", "total")


def winner_line(transcript: Transcript) -> str:
    return transcript.verdict.winner_name(transcript.personas) if transcript.verdict else "Not judged yet"


class VerdictScreen(Screen):
    BINDINGS = [
        Binding("j", "export('json')", "JSON"),
        Binding("m", "export('markdown')", "Markdown"),
        Binding("h", "export('html')", "HTML"),
        Binding("r", "rematch", "Rematch (swap)"),
        Binding("n", "new", "New debate"),
        Binding("escape", "back", "Arena"),
    ]

    def __init__(self, transcript: Transcript, corpus: Corpus) -> None:
        super().__init__()
        self.transcript, self.corpus = transcript, corpus
        self.verdict = transcript.verdict or Verdict(winner="none")

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        yield Static(Text(winner_line(self.transcript), style="bold"), id="winner")
        with Horizontal(id="verdict-top"):
            yield DataTable(id="scores", cursor_type="none", zebra_stripes=True)
            with Vertical(id="rationale-box") as box:
                box.border_title = f"Rationale · judge: {self.verdict.judge or '?'}"
                yield Static(self.verdict.rationale, id="rationale")
        yield DataTable(id="claims", cursor_type="row", zebra_stripes=True)
        yield EvidencePane(id="evidence")
        yield Footer()

    def on_mount(self) -> None:
        set_title(self, self.transcript.motion, "verdict")
        self.query_one("#evidence").display = False
        names = {side: self.transcript.personas[side]["name"] for side in ("pro", "con")}
        scores = self.query_one("#scores", DataTable)
        scores.border_title = f"Scorecard · PRO {names['pro']} · CON {names['con']}"
        scores.add_columns("Criterion", "PRO", "CON")
        per_side = {side: s.criteria() for side, s in self.verdict.scores.items()}
        criteria = list(dict.fromkeys([c for c in CRITERIA_ORDER if c in per_side.get("pro", {})]
                                      + list(per_side.get("pro", {}))))
        for criterion in criteria:
            scores.add_row(criterion.replace("_", " "),
                           *(str(per_side.get(side, {}).get(criterion, "")) for side in ("pro", "con")))
        claims = self.query_one("#claims", DataTable)
        claims.border_title = "Claims (enter shows the evidence)"
        claims.add_columns("Side", "Label", "Claim", "Evidence")
        for i, claim in enumerate(self.verdict.claims):
            mark, colour = CLAIM_MARKS.get(claim.label, ("?", "yellow"))
            evidence = ", ".join(e.passage for e in claim.evidence) or "—"
            claims.add_row(claim.side.upper(), Text(f"{mark} {claim.label}", style=colour),
                           shorten(claim.text, 58), evidence, key=str(i))
        claims.focus()

    @on(DataTable.RowSelected, "#claims")
    def _claim_selected(self, event: DataTable.RowSelected) -> None:
        claim = self.verdict.claims[int(event.row_key.value)]
        pane = self.query_one(EvidencePane)
        heading = f"{claim.side.upper()} claim ({claim.label}): {claim.text}"
        if claim.evidence:
            first = claim.evidence[0]
            pane.show(self.corpus, first.passage, first.text, heading=heading)
        else:
            pane.show_text(f"{heading}\n\nNo passage in the sources speaks to this claim.")

    def action_export(self, fmt: str) -> None:
        self.app.export(self.transcript, fmt)

    def action_rematch(self) -> None:
        self.app.rematch()

    def action_new(self) -> None:
        self.app.new_debate()

    def action_back(self) -> None:
        pane = self.query_one(EvidencePane)
        if pane.display:
            pane.display = False
        else:
            self.app.pop_screen()
