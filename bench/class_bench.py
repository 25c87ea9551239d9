"""Classroom batch throughput: 16 one-round debates against a local OpenAI-wire server.

The server (tests/fake_openai.py) answers every request after 200 ms, as a hosted model's
time to first token would; turns are streamed, the judge model's two readings are whole
JSON answers. The batch is run with --jobs 8 and --jobs 1, each in a fresh process so the
peak memory (max RSS) of each is its own, and the wall-time ratio is printed (goal >= 6x).

    python bench/class_bench.py [--debates 16] [--latency 0.2] [--jobs 8] [--no-judge-model]

The ratio is bounded by the CPU each debate needs in the one event loop (building it,
retrieval, citation checks, the fact check, saving): with L seconds of latency per debate
and C seconds of CPU, jobs=1 takes n*(L+C) and jobs=8 about n/8*L + n*C.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PERSONAS = ["open-source-advocate", "skeptical-investor", "mark-twain", "ada-lovelace", "indie-developer",
            "platform-strategist", "niccolo-machiavelli", "ai-ethicist"]


def plan_text(n: int) -> str:
    from debate.motions import load_motions
    from debate.resources import shipped

    motions = [m.motion for m in load_motions(shipped("seeds"))]
    lines = ["rounds: 1", "max_tokens: 120", "debates:"]
    for i in range(n):
        pro, con = PERSONAS[i % len(PERSONAS)], PERSONAS[(i + 3) % len(PERSONAS)]
        motion = f"{motions[i % len(motions)]} (case {i + 1})"
        lines.append(f"  - {{motion: {json.dumps(motion)}, pro: {pro}, con: {con}}}")
    return "\n".join(lines) + "\n"


def model_answer(latency: float):
    """A reply for any request after ``latency`` seconds: a cited turn, or a judge's JSON."""
    from debate.judge import JUDGEMENT_CRITERIA

    def answer(body: dict) -> str:
        time.sleep(latency)
        if not body.get("stream"):
            side = {name: 6 for name in JUDGEMENT_CRITERIA}
            return json.dumps({"scores": {"A": side, "B": side}, "winner": "tie",
                               "rationale": "Both sides cite the sources; neither separates itself."})
        prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
        sources = re.findall(r'<source id="([^"]+)"[^>]*>\s*(.+?)\s*</source>', prompt, re.DOTALL)
        parts = ["Let me put the record first."]
        for pid, text in sources[:3]:
            sentence = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))[0].rstrip(".")
            parts.append(f'The sources report that "{sentence}" [{pid}].')
        parts.append("Weigh that before you vote.")
        return " ".join(parts)

    return answer


def child(args) -> None:
    """Run the batch once in this process; print setup time, batch time and peak memory as JSON.

    Setup (imports, plan, corpus, search index) is the same whatever --jobs is, so it is
    timed apart from the batch (``run_plan``: the debates, handouts and summary).
    """
    started, cpu = time.perf_counter(), time.process_time()
    import asyncio

    from debate.classroom import Progress, entries, load_plan, run_plan, settings_for
    from debate.cli import build_parser
    from debate.commands.common import setting_flags
    from debate.evidence.verifier import verifier_for
    from debate.runner import corpus_for

    with tempfile.TemporaryDirectory() as tmp:
        plan_path, out = Path(tmp) / "plan.yaml", Path(tmp) / "out"
        plan_path.write_text(plan_text(args.debates), encoding="utf-8")
        argv = ["class", str(plan_path), "--out", str(out), "--jobs", str(args.jobs), "--backend", "openai",
                "--base-url", args.base_url, "--model", "fake", "--retries", "0"]
        cli = build_parser().parse_args(argv)
        plan = load_plan(plan_path)
        settings = settings_for(plan, setting_flags(cli))
        if args.no_judge_model:
            settings.model = ""  # the judge falls back to the offline one; debaters keep their models
            settings.pro_model = settings.con_model = "fake"
        corpus = corpus_for(settings)
        verifier_for(corpus)  # builds the search index too
        import debate.backends.openai_backend  # noqa: F401  (the openai package is slow to import)
        setup, setup_cpu = time.perf_counter() - started, time.process_time() - cpu
        batch_started = time.perf_counter()
        outcomes = asyncio.run(run_plan(entries(plan), out, settings, corpus=corpus, jobs=args.jobs,
                                        progress=Progress()))
        batch = time.perf_counter() - batch_started
        done = sum(1 for o in outcomes if o.status == "done")
    cpu = time.process_time() - cpu - setup_cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"jobs": args.jobs, "setup_s": round(setup, 3), "batch_s": round(batch, 3),
                      "batch_cpu_s": round(cpu, 3), "done": done, "peak_rss_mb": round(rss_mb, 1)}))


def run(jobs: int, args, url: str) -> dict:
    cmd = [sys.executable, __file__, "--child", "--jobs", str(jobs), "--debates", str(args.debates),
           "--base-url", url] + (["--no-judge-model"] if args.no_judge_model else [])
    env = {**os.environ, "DEBATE_CONFIG": os.devnull, "OPENAI_API_KEY": "sk-bench"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise SystemExit(f"benchmark child failed (jobs={jobs}):\n{out.stderr[-2000:]}")
    return json.loads(lines[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--debates", type=int, default=16)
    p.add_argument("--latency", type=float, default=0.2, help="seconds the server waits per request")
    p.add_argument("--jobs", type=int, default=8)
    p.add_argument("--no-judge-model", action="store_true", help="offline judge (2 requests per debate, not 4)")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--base-url", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args)
        return
    from tests.fake_openai import FakeOpenAI, Reply

    with FakeOpenAI() as server:
        server.default = Reply(model_answer(args.latency), chunk_words=4)
        results = {jobs: run(jobs, args, server.url) for jobs in (args.jobs, 1)}
        requests = len(server.chat_requests())
    fast, slow = results[args.jobs], results[1]
    print(f"{args.debates} one-round debates, {args.latency * 1000:.0f} ms per request, "
          f"{requests // 2} requests per run (judge: {'offline' if args.no_judge_model else 'model'})")
    for r in (slow, fast):
        print(f"  --jobs {r['jobs']}: batch {r['batch_s']:.2f} s wall, {r['batch_cpu_s']:.2f} s CPU "
              f"(+ setup {r['setup_s']:.2f} s), peak RSS {r['peak_rss_mb']:.0f} MB, {r['done']} debates done")
    ratio = slow["batch_s"] / fast["batch_s"]
    whole = (slow["batch_s"] + slow["setup_s"]) / (fast["batch_s"] + fast["setup_s"])
    cpu = fast["batch_cpu_s"] / args.debates
    waits = requests // 2 / args.debates * args.latency
    best = (waits + cpu) / (waits / args.jobs + cpu)
    print(f"speed-up --jobs {args.jobs} vs --jobs 1: {ratio:.1f}x on the batch, {whole:.1f}x with setup "
          f"(goal >= 6x)")
    print(f"bound: {cpu * 1000:.0f} ms of event-loop CPU per debate against {waits * 1000:.0f} ms of waiting "
          f"allows at most {best:.1f}x in one process")


if __name__ == "__main__":
    main()
