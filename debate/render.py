"""Views of a transcript: Markdown for terminals and READMEs, HTML for browsers, JSON as is.

Historical personas carry their pastiche label in every view.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from debate.citations import MARKER
from debate.errors import UserError
from debate.sanitize import clean
from debate.transcript import Transcript, atomic_write, to_json
from debate.verdict import ClaimCheck, Verdict

LABEL_MARKS = {"supported": "✅", "contradicted": "❌", "unsupported": "⚠️"}


def render(transcript: Transcript, fmt: str) -> str:
    if fmt == "json":
        return to_json(transcript)
    if fmt == "markdown":
        return clean(markdown(transcript))
    if fmt == "html":
        return clean(html(transcript))
    raise ValueError(f"unknown format {fmt!r}")


def _speaker(transcript: Transcript, side: str) -> str:
    p = transcript.personas[side]  # type: ignore[literal-required]  # side is "pro" or "con"
    return f"{p['name']} — *{p['label']}*" if p.get("label") else p["name"]


def markdown(t: Transcript) -> str:
    out = [f"# {t.motion}", ""]
    model = f" ({t.backend['model']})" if t.backend.get("model") else ""
    out.append(f"Backend: {t.backend['name']}{model} · Sources: {', '.join(t.seeds)}")
    out.append("")
    for side in ("pro", "con"):
        out.append(f"- **{side.upper()}**: {_speaker(t, side)}: {t.personas[side]['description']}")
    for rnd in t.rounds:
        out += ["", f"## Round {rnd.number}"]
        if rnd.crossfire:
            out += ["", f"> **Crossfire:** {rnd.crossfire}"]
        for turn in rnd.turns:
            cut = f" — cut by the {turn.cut_by or 'clock'}" if turn.truncated else ""
            out += ["", f"### {turn.speaker} ({turn.side.upper()}, {turn.role}){cut}"]
            if t.personas[turn.side].get("label"):
                out.append(f"*{t.personas[turn.side]['label']}*")
            out += ["", turn.text]
            if turn.citations:
                marks = "; ".join(f"{c.passage} {'✓' if c.verified else '✗'} {c.match}" for c in turn.citations)
                out += ["", f"<sub>Citations: {marks}</sub>"]
    if t.verdict:
        out += ["", verdict_markdown(t)]
    if argument_map(t):
        out += ["", argument_map_markdown(t)]
    if t.status != "complete":
        out += ["", f"*Transcript status: {t.status}{': ' + t.error if t.error else ''}*"]
    return "\n".join(out).rstrip() + "\n"


def verdict_markdown(t: Transcript) -> str:
    """The verdict: winner, rationale, scorecard per criterion, claims table, citation checks."""
    v = t.verdict
    if v is None:
        return "## Verdict\n\n(not judged yet)"
    out = ["## Verdict", "", f"**{v.winner_name(t.personas)}**", ""]
    if v.judge:
        out += [f"Judge: {v.judge}" + (f" · Rubric: {v.rubric.name}" if v.rubric else ""), ""]
    out += [v.rationale, ""]
    for kind, items in (("Warning", v.warnings), ("Note", v.notes), ("Label disagreement", v.disagreements)):
        out += [line for item in items for line in (f"> **{kind}:** {item}", "")]
    swap = v.order_swap
    if swap:
        out.append(f"Order swap: PRO first → {swap.first}, CON first → {swap.swapped} "
                   f"({'agree' if swap.agree else 'disagree: decided by ' + swap.decided_by})")
    rows = scorecard(v)
    if rows:
        out += ["", f"| criterion | weight | PRO: {t.personas['pro']['name']} | CON: {t.personas['con']['name']} |",
                "|---|---|---|---|"]
        out += [f"| {r['name']} | {r['weight']} | {r['pro']} | {r['con']} |" for r in rows]
    if v.claims:
        out += ["", "### Fact check", "", "| # | side | round | claim | label | evidence | reason |",
                "|---|---|---|---|---|---|---|"]
        for c in v.claims:
            text = c.text.replace("|", "\\|")
            out.append(f"| {c.id} | {c.side.upper()} | {c.round} | {text} | "
                       f"{LABEL_MARKS.get(c.label, '')} {c.label} | {_evidence_ids(c)} | {c.reason} |")
    bad = [c for c in v.citations if not c.verified]
    if bad:
        out += ["", "Unverified citations (the passage does not hold the quoted words): "
                + "; ".join(f"{c.side.upper()} {c.passage}" for c in bad)]
    return "\n".join(out)


def scorecard(v: Verdict | None) -> list[dict]:
    """Rows of the scorecard: each criterion (with its weight) and the total, per side."""
    if v is None or "pro" not in v.scores or "con" not in v.scores:
        return []
    weights = v.rubric.weights if v.rubric else {}
    pro, con = v.scores["pro"].criteria(), v.scores["con"].criteria()
    return [{"name": k, "weight": f"{weights[k]:g}" if k in weights else "", "pro": pro[k], "con": con[k]}
            for k in pro]


def _evidence_ids(claim: ClaimCheck) -> str:
    return ", ".join(dict.fromkeys(e.passage for e in claim.evidence if e.passage))


def argument_map(t: Transcript) -> dict[str, list[ClaimCheck]]:
    """The judged claims grouped by side, for a Kialo-style pro/con map ({} before the verdict)."""
    claims = t.verdict.claims if t.verdict else []
    if not claims:
        return {}
    return {side: [c for c in claims if c.side == side] for side in ("pro", "con")}


def argument_map_markdown(t: Transcript) -> str:
    out = ["## Argument map", "", f"**Motion:** {t.motion}"]
    for side, claims in argument_map(t).items():
        stance = "for" if side == "pro" else "against"
        out += ["", f"- **{side.upper()}** ({stance}): {_speaker(t, side)}"]
        for c in claims:
            ev = f" [{c.evidence[0].passage}]" if c.evidence and c.evidence[0].passage else ""
            out.append(f"  - {LABEL_MARKS.get(c.label, '')} *{c.label}*: {c.text}{ev}")
        if not claims:
            out.append("  - (no checkable claims)")
    return "\n".join(out)


def _citemarks(text: str) -> Markup:
    return Markup(MARKER.sub(lambda m: f'<span class="cite">{m.group(1)}</span>', str(escape(text))))


_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "views")),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True)
_ENV.filters["citemarks"] = _citemarks


def html(t: Transcript) -> str:
    return _ENV.get_template("transcript.html.j2").render(t=t, argument_map=argument_map(t),
                                                          scorecard=scorecard(t.verdict), marks=LABEL_MARKS)


def view(name: str, **context) -> str:
    """Render another HTML view from ``debate/views`` (summary, perspective) with the same filters."""
    return _ENV.get_template(name).render(**context)


def save(transcript: Transcript, path: str | Path) -> None:
    """Save in the format the suffix names (.json, .md, .html), atomically."""
    atomic_write(path, render(transcript, format_for(path)), what="the transcript")


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    formats = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
    if suffix not in formats:
        raise UserError("output must end in .json, .md or .html", where=str(path))
    return formats[suffix]
