"""`debate run`: stream the debate to stderr as it happens, print the transcript at the end."""

from __future__ import annotations

import argparse
import asyncio
import sys

from debate.commands.common import announce_backend, settings_from_args, spec_from_args
from debate.engine import Debate, TextChunk, TurnEnded, TurnRestarted, TurnStarted, VerdictReady
from debate.errors import EXIT_OK
from debate.render import render
from debate.runner import prepare, refuse_human, warnings_for


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    refuse_human({"--pro": args.pro, "--con": args.con})
    debate = prepare(spec_from_args(args), settings, out=args.out)
    for warning in warnings_for(debate):
        print(f"warning: {warning}", file=sys.stderr)
    live = sys.stderr.isatty()
    announce_backend(settings)
    try:
        asyncio.run(_drive(debate, live))
    finally:  # print what was said even when the backend fails or the user interrupts
        if debate.transcript.turns or debate.transcript.status == "complete":
            print(render(debate.transcript, "json" if args.json else "markdown"), end="")
        if args.out and getattr(debate.on_save, "saved", False):
            print(f"saved: {args.out}", file=sys.stderr)
    return EXIT_OK


async def _drive(debate: Debate, live: bool) -> None:
    try:
        async for event in debate.run():
            if isinstance(event, TurnStarted):
                print(f"\n[round {event.round}] {event.speaker} ({event.side}, {event.role})", file=sys.stderr)
            elif isinstance(event, TurnRestarted):
                print(f"\n  [retrying {event.side}'s turn: the partial answer above is discarded]", file=sys.stderr)
            elif isinstance(event, TextChunk) and live:
                print(event.text, end="", file=sys.stderr, flush=True)
            elif isinstance(event, TurnEnded) and not live:
                print(f"  {event.turn.words} words, {len(event.turn.citations)} citations", file=sys.stderr)
            elif isinstance(event, VerdictReady):
                print(f"\nverdict: {event.verdict.winner}", file=sys.stderr)
                if getattr(debate.judge, "failure", None):  # the model judge failed: never silently
                    print(f"warning: {debate.judge.failure}; the offline judge decided", file=sys.stderr)
    finally:
        await asyncio.gather(*(b.aclose() for b in set(debate.backends.values())), return_exceptions=True)
