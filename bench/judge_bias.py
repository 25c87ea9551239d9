"""Side bias of the judge: does the better-argued side win, or the side it argues?

Every shipped motion (seeds/motions.yaml) is debated offline twice, the same two personas
swapped between PRO and CON, and judged by the offline judge. If the judge follows the
arguments, the PRO share of decided verdicts is near one half and the winner of a swapped
pair is the same persona both times; if it follows the side, PRO wins most and the winner
of a pair is the same side both times. Printed in one run:

    python bench/judge_bias.py [--rounds 2] [--pairs N] [--crossfire "QUESTION"] [--verbose]

- PRO share of decided verdicts (goal: between 0.35 and 0.65);
- per swapped pair: the winner follows the persona (same persona won both), the side
  (same side won both), or neither (a tie or no winner in one of the two).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from debate.config import Settings  # noqa: E402
from debate.evidence import load_corpus  # noqa: E402
from debate.motions import load_motions  # noqa: E402
from debate.resources import shipped  # noqa: E402
from debate.runner import DebateSpec, prepare  # noqa: E402

# Pairs of personas with opposite leanings, cycled over the motions; each pair is run both ways.
PAIRS = [("open-source-advocate", "skeptical-investor"), ("indie-developer", "platform-strategist"),
         ("ai-ethicist", "niccolo-machiavelli"), ("mark-twain", "ada-lovelace"),
         ("benjamin-franklin", "dorothy-parker")]


async def judged(motion: str, pro: str, con: str, rounds: int, crossfire: tuple[str, ...], corpus):
    debate = prepare(DebateSpec(motion=motion, pro=pro, con=con, rounds=rounds, crossfire=crossfire),
                     Settings(backend="offline"), corpus=corpus)
    async for _ in debate.run():
        pass
    return debate.transcript


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pairs", type=int, default=len(PAIRS), help="how many persona pairs to cycle")
    parser.add_argument("--crossfire", action="append", default=[], help="a crossfire question (round 1, 2, ...)")
    parser.add_argument("--verbose", action="store_true",
                        help="print each verdict's scores (evidence, accuracy, engagement, clarity, total)")
    args = parser.parse_args(argv)
    corpus = load_corpus(shipped("seeds"))
    motions = load_motions(shipped("seeds"))
    winners: Counter[str] = Counter()
    follows: Counter[str] = Counter()
    for number, motion in enumerate(motions):
        a, b = PAIRS[number % max(1, min(args.pairs, len(PAIRS)))]
        won = []
        for pro, con in ((a, b), (b, a)):
            t = asyncio.run(judged(motion.motion, pro, con, args.rounds, tuple(args.crossfire), corpus))
            v = t.verdict
            winners[v.winner] += 1
            won.append((v.winner, pro if v.winner == "pro" else con if v.winner == "con" else None))
            if args.verbose:
                scores = "  ".join(f"{s.upper()} " + " ".join(f"{x:>5}" for x in v.scores[s].criteria().values())
                                   for s in ("pro", "con"))
                print(f"{motion.motion[:52]:<52} {pro[:18]:>18} v {con[:18]:<18} {v.winner:>5}  {scores}")
        (side1, persona1), (side2, persona2) = won
        if persona1 and persona2:
            follows["persona" if persona1 == persona2 else "side"] += 1
        else:
            follows["neither (tie or no winner)"] += 1
    decided = winners["pro"] + winners["con"]
    share = winners["pro"] / decided if decided else float("nan")
    total = sum(winners.values())
    print(f"debates: {total} ({len(motions)} motions x 2, personas swapped, {args.rounds} rounds, offline)")
    print(f"verdicts: PRO {winners['pro']}, CON {winners['con']}, tie {winners['tie']}, no winner {winners['none']}")
    print(f"PRO share of decided verdicts: {share:.2f} (goal 0.35-0.65)")
    pairs = sum(follows.values())
    print("swapped pairs: " + ", ".join(f"winner follows the {k} {v}/{pairs}" if k in ("persona", "side")
                                       else f"{k} {v}/{pairs}" for k, v in sorted(follows.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
