"""Smoke test in a real terminal: `debate tui ... --start` in a 100x30 tmux pane streams a
debate, shows the verdict, exports on a key and quits with ctrl+q and exit code 0."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

DEBATE = Path(sys.executable).with_name("debate")


def screen(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def wait_screen(session: str, *needles: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = screen(session)
        if any(n in text for n in needles):
            return text
        time.sleep(0.2)
    raise AssertionError(f"never saw {needles!r} on screen:\n{screen(session)}")


def test_tui_in_tmux(tmp_path):
    session = f"debate-tui-{os.getpid()}"
    command = [str(DEBATE), "tui", "--motion", "Meta should release the weights of Muse Spark",
               "--pro", "mark-twain", "--con", "ada-lovelace", "--rounds", "1", "--max-tokens", "80",
               "--backend", "offline", "--start"]
    script = f"{shlex.join(command)}; echo $? > {tmp_path / 'rc'}; sleep 60"
    env = {**os.environ, "DEBATE_TRANSCRIPTS_DIR": str(tmp_path / "autosave"),
           "DEBATE_PERSONAS_DIR": str(tmp_path / "personas"), "DEBATE_CONFIG": str(tmp_path / "none.yaml"),
           "DEBATE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("OPENAI_API_KEY", None)
    env.pop("OPENAI_BASE_URL", None)
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(tmp_path),
                    script], check=True, env=env)
    try:
        first = wait_screen(session, "speaking")
        assert "Mark Twain" in first and "Ada Lovelace" in first
        verdict = wait_screen(session, "Winner", "Tie", timeout=40)
        assert "Scorecard" in verdict
        subprocess.run(["tmux", "send-keys", "-t", session, "j"], check=True)
        wait_screen(session, "Exported json")
        assert list(tmp_path.glob("*.json")), "no export in the working directory"
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=True)
        deadline = time.monotonic() + 10
        while not (tmp_path / "rc").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (tmp_path / "rc").read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
