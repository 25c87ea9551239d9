"""Stance bench: of the passages each side cites, what share helps that side, what share
helps the opponent (issue 17's measure).

    python bench/stance_bench.py LABELS.json [--seeds DIR] [--pairs N] [--rounds R]
    python bench/stance_bench.py LABELS.json --ranked K    # the stance model alone, top K a side

LABELS.json: {"motions": [{"motion": "...", "pro": [{"id": "S002:4", ...}], "con": [...]}]}
(the format of ../shared/eval/stance_dev.json). For every motion it runs offline debates
(``--pairs`` persona pairings, ``--rounds`` rounds) and collects each side's citations; a
cited passage counts as helping its side when it is in that side's list, as helping the
opponent when it is in the other list, and as neutral otherwise. Prints one line a motion
and the totals (micro-averaged over all citations).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from debate.backends.offline import OfflineBackend  # noqa: E402
from debate.engine import Debate  # noqa: E402
from debate.evidence import load_corpus  # noqa: E402
from debate.motions import load_motions  # noqa: E402
from debate.resources import shipped  # noqa: E402
from debate.spec import DebateSpec  # noqa: E402
from debate.stance import stance_model  # noqa: E402

PAIRS = [("open-source-advocate", "skeptical-investor"), ("dorothy-parker", "platform-strategist"),
         ("ai-ethicist", "indie-developer"), ("mark-twain", "niccolo-machiavelli")]


def debate_citations(corpus, motions, motion: str, pro: str, con: str, rounds: int, seed: int) -> dict[str, list[str]]:
    config = DebateSpec(motion=motion, pro=pro, con=con, rounds=rounds, seed=seed)
    backend = OfflineBackend()
    debate = Debate(config, corpus, {"pro": backend, "con": backend}, motions=motions)

    async def go():
        async for _ in debate.run():
            pass

    asyncio.run(go())
    cited: dict[str, list[str]] = {"pro": [], "con": []}
    for turn in debate.transcript.turns:
        cited[turn.side] += [c.passage for c in turn.citations]
    return cited


def ranked_citations(corpus, motion: str, k: int) -> dict[str, list[str]]:
    model = stance_model(corpus, motion)
    return {side: [p.passage for p in model.ranked(side)[:k]] for side in ("pro", "con")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels")
    parser.add_argument("--seeds", default=str(shipped("seeds")))
    parser.add_argument("--pairs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ranked", type=int, default=0, help="score the stance model's top K a side instead")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each cited passage and its label")
    args = parser.parse_args(argv)
    labels = json.loads(Path(args.labels).read_text(encoding="utf-8"))["motions"]
    corpus = load_corpus(args.seeds)
    motions = load_motions(args.seeds)
    total = {"own": 0, "opp": 0, "all": 0}
    for entry in labels:
        gold = {side: {item["id"] for item in entry.get(side, [])} for side in ("pro", "con")}
        counts = {"own": 0, "opp": 0, "all": 0}
        runs = ([ranked_citations(corpus, entry["motion"], args.ranked)] if args.ranked else
                [debate_citations(corpus, motions, entry["motion"], pro, con, args.rounds, args.seed)
                 for pro, con in PAIRS[:args.pairs]])
        for cited in runs:
            for side, other in (("pro", "con"), ("con", "pro")):
                for pid in cited[side]:
                    counts["all"] += 1
                    counts["own"] += pid in gold[side]
                    counts["opp"] += pid in gold[other]
                    if args.verbose:
                        mark = "+" if pid in gold[side] else "-" if pid in gold[other] else "."
                        print(f"    {side} {mark} {pid}")
        for key in total:
            total[key] += counts[key]
        n = max(1, counts["all"])
        print(f"{counts['own'] / n:5.2f} own {counts['opp'] / n:5.2f} opponent  {counts['all']:3d} cited  {entry['motion']}")
    n = max(1, total["all"])
    print(f"TOTAL own-side share {total['own'] / n:.2f}  opponent share {total['opp'] / n:.2f}  "
          f"({total['all']} citations, {len(labels)} motions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
