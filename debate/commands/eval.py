"""`debate eval [--seeds DIR] LABELLED.jsonl [--json]`: the verifier's scores on labelled claims."""

from __future__ import annotations

import argparse
import json

from debate.errors import EXIT_OK
from debate.evidence.evaluation import LABELS, evaluate, read_claims, verifier_for_seeds


def run(args: argparse.Namespace) -> int:
    records = read_claims(args.file, labelled=True)
    result = evaluate(verifier_for_seeds(args.seeds), records)
    if getattr(args, "json", False):
        print(json.dumps(result))
        return EXIT_OK
    print(f"claims: {result['n']}")
    print(f"accuracy: {result['accuracy']:.3f}")
    print(f"macro-F1: {result['macro_f1']:.3f}")
    print(f"{'label':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>5}")
    for label, c in result["per_class"].items():
        print(f"{label:<14}{c['precision']:>10.3f}{c['recall']:>8.3f}{c['f1']:>7.3f}{c['support']:>5}")
    print("confusion (rows gold, columns predicted):")
    print(" " * 14 + "".join(f"{p[:12]:>14}" for p in LABELS))
    for g in LABELS:
        print(f"{g:<14}" + "".join(f"{result['confusion'][g][p]:>14}" for p in LABELS))
    print(f"ms per claim: {result['ms_per_claim']:.2f}")
    return EXIT_OK
