"""How much does the TUI slow a streamed debate down, and does it ever stall the event loop?

A fake backend streams each side at a fixed rate (default 500 tokens/s). The same debate
runs twice: raw (the engine's events consumed and dropped) and through the app in headless
mode (Markdown streaming, clocks, claim markers). Prints the app/raw wall-time ratio
(goal <= 1.2) and the longest event-loop stall seen while the app streamed.

    python bench/tui_stream_bench.py [--rate 500] [--tokens 1000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time

from debate.config import Settings
from debate.runner import prepare
from debate.tui.app import DebateApp
from debate.tui.choices import Choices

MOTION = "Meta should release the weights of Muse Spark"
WORDS = ("open weights built an ecosystem of developers while closed models keep the frontier "
         "proprietary and the race for compute decides who leads the market").split()


class PacedBackend:
    """Streams ``tokens`` words per turn at ``rate`` tokens/s, on an absolute schedule."""

    name, model = "paced", ""

    def __init__(self, tokens: int, rate: float) -> None:
        self.tokens, self.rate = tokens, rate

    async def stream(self, request):
        start = time.perf_counter()
        for i in range(self.tokens):
            word = WORDS[i % len(WORDS)]
            yield word + ("\n\n" if i % 60 == 59 else " ")
            delay = start + (i + 1) / self.rate - time.perf_counter()
            await asyncio.sleep(max(0.0, delay))

    async def complete_json(self, messages, schema):
        raise NotImplementedError

    async def aclose(self) -> None:
        return None


def timed(debate) -> dict:
    """Wrap ``debate.run`` to note when the first turn starts and the debate ends: both runs
    are timed over the same span, the streaming, not start-up or the judge."""
    marks: dict = {}
    run = debate.run

    async def run_timed():
        async for event in run():
            marks.setdefault("start", time.perf_counter())
            yield event
        marks["end"] = time.perf_counter()

    debate.run = run_timed
    return marks


def choices(args) -> Choices:
    return Choices(motion=MOTION, pro="mark-twain", con="ada-lovelace", rounds=args.rounds,
                   max_words=args.tokens + 10, turn_seconds=3600)


async def raw_run(args) -> float:
    backend = PacedBackend(args.tokens, args.rate)
    c = choices(args)
    debate = prepare(c.spec(), c.settings(Settings(backend="offline")), backends={"pro": backend, "con": backend})
    debate.judge = None
    marks = timed(debate)
    async for _ in debate.run():
        pass
    return marks["end"] - marks["start"]


class BenchApp(DebateApp):
    def start_debate(self, c: Choices) -> bool:
        ok = super().start_debate(c)
        if ok:
            self.debate.judge = None  # time the streaming, not the judge
            self.marks = timed(self.debate)
        return ok


async def app_run(args) -> tuple[float, float]:
    backend = PacedBackend(args.tokens, args.rate)
    app = BenchApp(Settings(backend="offline"), choices(args), start=True, frozen=True,
                   backend_factory=lambda settings, side: backend)
    stall = 0.0
    async with app.run_test(size=(100, 30)) as pilot:
        while app.debate is None or "start" not in app.marks:
            await pilot.pause(0.01)
        tick = 0.01
        while "end" not in app.marks:
            before = time.perf_counter()
            await asyncio.sleep(tick)
            stall = max(stall, time.perf_counter() - before - tick)
    return app.marks["end"] - app.marks["start"], stall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=500.0, help="tokens per second per side")
    parser.add_argument("--tokens", type=int, default=1000, help="tokens per turn")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DEBATE_TRANSCRIPTS_DIR"] = tmp
        raw = asyncio.run(raw_run(args))
        app, stall = asyncio.run(app_run(args))
    turns = 2 * args.rounds
    print(f"{turns} turns x {args.tokens} tokens at {args.rate:g} tokens/s per side")
    print(f"raw stream: {raw:.2f} s   through the app: {app:.2f} s")
    print(f"ratio app/raw: {app / raw:.3f}  (goal <= 1.2)")
    print(f"longest event-loop stall: {stall * 1000:.0f} ms")


if __name__ == "__main__":
    main()
