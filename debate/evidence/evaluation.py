"""The library behind ``debate check`` and ``debate eval``: claims in JSON lines, verdicts out.

``check`` labels each claim of a JSON-lines file; ``eval`` compares the labels with the
file's gold ``label`` field and prints accuracy, per-class precision/recall/F1, macro-F1,
the confusion matrix and the time per claim. Bad input is a UserError naming file:line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from debate.errors import UserError
from debate.evidence.corpus import load_corpus
from debate.evidence.verifier import verifier_for
from debate.resources import shipped

LABELS = ("supported", "contradicted", "unsupported")


def read_claims(path: str, *, labelled: bool = False) -> list[dict]:
    """The records of a JSON-lines claims file ("-" is stdin), validated line by line."""
    name = "<stdin>" if path == "-" else path
    if path == "-":
        lines = sys.stdin.read().splitlines()
    else:
        file = Path(path)
        if not file.is_file():
            raise UserError("claims file not found", where=name)
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            raise UserError("not UTF-8 text", where=name) from None
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"not valid JSON ({exc.msg})", where=f"{name}:{n}") from None
        if not isinstance(record, dict):
            raise UserError("expected a JSON object per line", where=f"{name}:{n}")
        if not isinstance(record.get("claim"), str) or not record["claim"].strip():
            raise UserError('missing "claim" text field', where=f"{name}:{n}")
        if labelled and record.get("label") not in LABELS:
            raise UserError(f'"label" must be one of {", ".join(LABELS)}', where=f"{name}:{n}")
        cited = record.get("cited")
        if cited is not None and not (isinstance(cited, list) and all(isinstance(c, str) for c in cited)):
            raise UserError('"cited" must be a list of passage ids', where=f"{name}:{n}")
        record.setdefault("id", str(n))
        records.append(record)
    return records


def verifier_for_seeds(seeds: str | Path | None = None):
    """The verifier of a sources folder (default: the bundled seeds)."""
    return verifier_for(load_corpus(seeds if seeds is not None else shipped("seeds")))


def label_all(verifier, records: list[dict]) -> tuple[list[dict], float]:
    """Each record's verdict as an output row, and the mean milliseconds per claim."""
    rows = []
    started = time.perf_counter()
    for record in records:
        check = verifier.check(record["claim"], cited=record.get("cited"))
        rows.append({"id": record["id"], **check.to_dict()})
    elapsed = time.perf_counter() - started
    return rows, 1000 * elapsed / max(len(records), 1)


def metrics(gold: list[str], predicted: list[str]) -> dict:
    """Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix."""
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, predicted):
        confusion[g][p] += 1
    per_class = {}
    for label in LABELS:
        tp = confusion[label][label]
        predicted_n = sum(confusion[g][label] for g in LABELS)
        gold_n = sum(confusion[label].values())
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold_n}
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / max(len(gold), 1)
    macro = sum(c["f1"] for c in per_class.values()) / len(LABELS)
    return {"n": len(gold), "accuracy": accuracy, "macro_f1": macro, "per_class": per_class,
            "confusion": confusion}


def evaluate(verifier, records: list[dict]) -> dict:
    """``metrics`` of the verifier's labels against the records' gold labels, plus ms per claim."""
    rows, ms = label_all(verifier, records)
    result = metrics([r["label"] for r in records], [r["label"] for r in rows])
    result["ms_per_claim"] = ms
    return result
