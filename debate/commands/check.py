"""`debate check [--seeds DIR] CLAIMS.jsonl|-`: one JSON line per claim on stdout."""

from __future__ import annotations

import argparse
import json

from debate.errors import EXIT_OK
from debate.evidence.evaluation import label_all, read_claims, verifier_for_seeds


def run(args: argparse.Namespace) -> int:
    records = read_claims(args.file)
    rows, _ = label_all(verifier_for_seeds(args.seeds), records)
    for row in rows:
        print(json.dumps({k: row[k] for k in ("id", "claim", "label", "evidence", "score", "reason")},
                         ensure_ascii=False))
    return EXIT_OK
