"""`debate class` never loses a finished debate: one batch at a time per --out folder (a lock,
held across processes), and a failed or stopped re-run never replaces a complete transcript."""

import json
import socket
import subprocess
import sys
import textwrap

import pytest

from debate.cli import main

MOTION = "Meta should release the weights of Muse Spark"
PLAN = f"""\
rounds: 1
backend: offline
max_tokens: 90
debates:
  - {{motion: "{MOTION}", pro: mark-twain, con: ada-lovelace}}
"""


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_a_second_batch_into_a_folder_in_use_is_refused(plan, tmp_path, capsys):
    out = tmp_path / "lesson"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from debate.classroom import class_lock
        with class_lock(Path({str(out)!r})):
            print("held", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        code = main(["class", str(plan), "--out", str(out)])
        err = capsys.readouterr().err
        assert code == 2
        assert f"error: {out}: another `debate class` is writing to this folder" in err
        assert not list(out.glob("*.json"))  # nothing was run
    finally:
        holder.communicate("", timeout=10)
    assert main(["class", str(plan), "--out", str(out)]) == 0  # released when the holder ends


def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/v1"


def test_a_failed_rerun_never_replaces_a_complete_transcript(plan, tmp_path, capsys):
    out = tmp_path / "lesson"
    assert main(["class", str(plan), "--out", str(out)]) == 0
    saved = next(out.glob("01-*.json"))
    before = saved.read_text(encoding="utf-8")
    assert json.loads(before)["status"] == "complete"
    # The plan changed (2 rounds), so the debate runs again, and this time its backend is dead.
    plan.write_text(PLAN.replace("rounds: 1", "rounds: 2"), encoding="utf-8")
    code = main(["class", str(plan), "--out", str(out), "--backend", "openai",
                 "--base-url", _dead_url(), "--model", "m", "--retries", "0", "--timeout", "2"])
    assert code == 1
    assert saved.read_text(encoding="utf-8") == before  # the complete transcript is untouched
    failed = json.loads(saved.with_suffix(".incomplete.json").read_text(encoding="utf-8"))
    assert failed["status"] == "failed" and "cannot connect" in failed["error"]
    assert "| failed: " in (out / "summary.md").read_text(encoding="utf-8")
