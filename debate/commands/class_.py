"""`debate class PLAN.yaml --out DIR [--jobs N]`: a classroom's batch, with a live status line."""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
from pathlib import Path
from typing import TextIO

from debate.classroom import Outcome, Progress, entries, load_plan, run_plan, settings_for
from debate.commands.common import announce_backend, setting_flags
from debate.errors import EXIT_OK, EXIT_SOME_FAILED, UserError
from debate.sanitize import clean, raw_stream
from debate.transcript import check_writable


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise UserError("must be 1 or more", where="--jobs")
    plan = load_plan(Path(args.plan), getattr(args, "personas", None))
    settings = settings_for(plan, setting_flags(args))
    folder = Path(args.out)
    check_writable(folder, folder=True)
    todo = entries(plan)
    announce_backend(settings, f" · {len(todo)} debates · {args.jobs} at a time")
    outcomes = asyncio.run(run_plan(todo, folder, settings, jobs=args.jobs, progress=TerminalProgress(len(todo))))
    failed = [o for o in outcomes if o.status == "failed"]
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("done", "skipped", "failed")}
    print(f"{counts['done']} run, {counts['skipped']} already complete, {counts['failed']} failed · "
          f"summary: {folder / 'summary.md'}", file=sys.stderr)
    if failed:
        for o in failed:
            print(f"error: {o.entry.stem}: {o.error}", file=sys.stderr)
        print(f"error: {len(failed)} of {len(outcomes)} debates failed: "
              f"{', '.join(o.entry.stem for o in failed)}; re-run the plan to retry them", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


class TerminalProgress(Progress):
    """One status line on a terminal (rewritten in place); one line per event otherwise."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.running: dict[str, str] = {}
        self.counts = {"done": 0, "skipped": 0, "failed": 0, "stopped": 0}

    def _line(self) -> str:
        """``[3/16 done, 8 running, 0 failed] 04 round 1 con · 05 round 1 pro · ...`` cut to the terminal."""
        c = self.counts
        now = " · ".join(f"{stem.split('-')[0]} {what}" for stem, what in self.running.items())
        line = f"[{c['done'] + c['skipped']}/{self.total} done, {len(self.running)} running, {c['failed']} failed] {now}"
        return line[:shutil.get_terminal_size((100, 20)).columns - 1]

    def _emit(self, message: str | None = None) -> None:
        if self.live:  # the line is rewritten in place: the erase codes go under the output cleaner
            terminal = raw_stream(self.stream)
            if message:
                print(f"\r\x1b[K{clean(message)}", file=terminal)
            print(f"\r\x1b[K{clean(self._line())}", end="", file=terminal, flush=True)
        elif message:
            print(message, file=self.stream, flush=True)

    def step(self, stem: str, what: str) -> None:
        first = stem not in self.running
        self.running[stem] = what
        self._emit(f"started {stem}" if first and not self.live else None)

    def finish(self, outcome: Outcome) -> None:
        self.running.pop(outcome.entry.stem, None)
        self.counts[outcome.status] += 1
        stem = outcome.entry.stem
        if outcome.status == "failed":
            self._emit(f"failed  {stem}: {outcome.error}")
        elif outcome.status == "skipped":
            self._emit(f"skipped {stem} (already complete)")
        elif outcome.status == "done" and outcome.transcript is not None:
            verdict = outcome.transcript.verdict
            winner = verdict.winner if verdict else "?"
            self._emit(f"done    {stem}: winner {winner} ({outcome.seconds:.1f}s)")

    def close(self) -> None:
        if self.live:
            print("\r\x1b[K", end="", file=raw_stream(self.stream), flush=True)
