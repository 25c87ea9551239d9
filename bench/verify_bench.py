"""Verifier speed on a 1,000-document corpus, as ratios against the 5-document seeds.

Builds the big corpus in a temp dir (the seeds plus variants with perturbed numbers and
names), then times index build and ms per claim on both corpora in one run and prints
absolute figures and the ratios, plus the time to load the big index back from the disk
cache, the cache's size on disk, the spaCy pipeline's one-time load, and one long claim
(600 and 2,400 words: the work per claim is bounded, so the time grows linearly at most).
The cache goes to a temp dir, so every run measures a cold build.
Run: python bench/verify_bench.py [--docs 1000]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import tempfile
import time
from pathlib import Path

from debate.evidence.corpus import load_corpus
from debate.evidence.index import SearchIndex
from debate.evidence.verifier import Verifier
from debate.resources import shipped

CLAIMS = [
    "Meta invested $14.3 billion in Scale AI.",
    "Muse Spark scored 52 on the Artificial Analysis Intelligence Index.",
    "Apple acquired NeXT for $427 billion.",
    "Google released Android as open source in 2012.",
    "Wang was hired as Meta's chief financial officer.",
    "The TBD Lab has its own cafeteria.",
    "Muse Spark will roll out to WhatsApp and Instagram.",
    "AMI Labs raised $1.03 billion in a seed round.",
]
NAMES = ["Orion", "Vega", "Lyra", "Atlas", "Nova", "Juno", "Castor", "Rigel"]


def perturb(text: str, rng: random.Random) -> str:
    text = re.sub(r"\d+(?:\.\d+)?", lambda m: str(round(float(m.group(0)) * rng.uniform(0.5, 2), 1)), text)
    return re.sub(r"\bMeta\b|\bMuse Spark\b|\bWang\b", lambda m: rng.choice(NAMES), text)


def build(folder: Path, docs: int) -> None:
    rng = random.Random(7)
    seeds = sorted(shipped("seeds").glob("*.txt"))
    for n in range(docs):
        source = seeds[n % len(seeds)].read_text(encoding="utf-8")
        text = source if n < len(seeds) else perturb(source, rng)
        (folder / f"{n:04d}_doc.txt").write_text(text, encoding="utf-8")


def measure(folder: Path) -> tuple[float, float, float]:
    """Cold build (s), ms per new claim, and the time to load the index from the disk cache (s).

    A verifier in use has seen other claims before (its per-sentence analyses are warm), but
    every claim it is asked about is new: so it is warmed on the base claims, then timed on
    variants it has not seen (other numbers and names), never on a repeated claim."""
    corpus = load_corpus(folder)
    started = time.perf_counter()
    verifier = Verifier(corpus)
    built = time.perf_counter() - started
    for claim in CLAIMS:
        verifier.check(claim)
    rng = random.Random(11)
    fresh = [perturb(claim, rng) for _ in range(4) for claim in CLAIMS]
    started = time.perf_counter()
    for claim in fresh:
        verifier.check(claim)
    ms = 1000 * (time.perf_counter() - started) / len(fresh)
    started = time.perf_counter()
    SearchIndex(corpus)
    return built, ms, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    from debate.evidence import nlp

    started = time.perf_counter()
    nlp.parse("The pipeline loads once per process.")
    load = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as tmp:
        os.environ["DEBATE_CACHE_DIR"] = cache
        small_build, small_ms, _ = measure(shipped("seeds"))
        verifier = Verifier(load_corpus(shipped("seeds")))
        long_claims = {}
        for words in (600, 2400):
            text = " ".join((" ".join(CLAIMS).replace(".", "").split() * words)[:words])  # no sentence break
            started = time.perf_counter()
            verifier.check(text)
            long_claims[words] = time.perf_counter() - started
        build(Path(tmp), args.docs)
        big_build, big_ms, big_load = measure(Path(tmp))
        disk = sum(f.stat().st_size for f in Path(cache).glob("*.npz")) / 2**20
        text_mb = sum(f.stat().st_size for f in Path(tmp).glob("*.txt")) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"spaCy load:   {load:.2f} s (once per process, on the first check that needs a parse)")
    print("long claim:   " + ", ".join(f"{w} words {t:.2f} s" for w, t in long_claims.items()))
    print(f"cache:        {disk:.1f} MB on disk for {text_mb:.1f} MB of source text (both corpora)")
    print(f"seeds:        build {small_build:.3f} s, {small_ms:.2f} ms/claim")
    print(f"{args.docs} docs:   build {big_build:.3f} s (from disk cache {big_load:.3f} s), "
          f"{big_ms:.2f} ms/claim, peak RSS {peak:.0f} MB")
    print(f"ratios:       build x{big_build / max(small_build, 1e-9):.1f}, ms/claim x{big_ms / max(small_ms, 1e-9):.2f}")


if __name__ == "__main__":
    main()
