"""Saving is checked before a debate starts, a failed save is reported as a failed save, and
`saved: PATH` is printed only once the file really is there (issue 11 item 10)."""

import json
import os
import resource
import signal
import subprocess
import sys

import pytest

from debate.cli import main

MOTION = "Meta should release the weights of Muse Spark"
RUN = ["run", "--motion", MOTION, "--pro", "mark-twain", "--con", "ada-lovelace", "--rounds", "1"]


def _blocked(tmp_path, kind: str):
    """An output path that cannot be written, and why."""
    if kind == "a folder named x.json":
        (tmp_path / "x.json").mkdir()
        return tmp_path / "x.json"
    if kind == "under a file":
        (tmp_path / "plain.txt").write_text("not a folder", encoding="utf-8")
        return tmp_path / "plain.txt" / "x.json"
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["a folder named x.json", "under a file"])
def test_run_checks_the_output_path_before_the_debate_starts(tmp_path, capsys, kind):
    out = _blocked(tmp_path, kind)
    code = main([*RUN, "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 2
    assert printed.err.startswith(f"error: {out}: cannot save here") and printed.err.count("\n") == 1
    assert "[round 1]" not in printed.err and "saved:" not in printed.err and printed.out == ""


@pytest.mark.parametrize("kind", ["a folder named x.json", "under a file"])
def test_judge_and_perspective_check_their_output_path_first(tmp_path, capsys, kind):
    good = tmp_path / "t.json"
    assert main([*RUN, "--out", str(good)]) == 0
    out = _blocked(tmp_path, kind)
    capsys.readouterr()
    assert main(["judge", str(good), "--out", str(out)]) == 2
    assert "cannot save here" in capsys.readouterr().err
    assert main(["perspective", "--persona", "mark-twain", "--headline", "Meta keeps Muse Spark closed",
                 "--out", str(out)]) == 2
    assert "cannot save here" in capsys.readouterr().err


def test_class_checks_its_output_folder_first(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"rounds: 1\ndebates:\n  - {{motion: {MOTION}, pro: mark-twain, con: ada-lovelace}}\n",
                    encoding="utf-8")
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    code = main(["class", str(plan), "--out", str(tmp_path / "taken")])
    err = capsys.readouterr().err
    assert code == 2 and f"error: {tmp_path / 'taken'}: cannot save here" in err
    assert "started" not in err


def _limit_file_size(limit: int):
    def apply() -> None:  # in the child: writes past ``limit`` bytes fail as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_save_that_fails_mid_debate_is_reported_and_not_called_saved(tmp_path):
    warm = tmp_path / "warm.json"  # build the search-index cache first: it is bigger than the limit
    assert main([*RUN, "--out", str(warm)]) == 0
    out = tmp_path / "t.json"
    # The first turn's transcript (~3 KB) fits; the finished one (~12 KB with its verdict) does not.
    done = subprocess.run([sys.executable, "-m", "debate", *RUN, "--out", str(out)], capture_output=True,
                          text=True, preexec_fn=_limit_file_size(8000), env=os.environ.copy(), timeout=120)
    assert done.returncode == 2, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: {out}: could not save the transcript") and "File too large" in last
    assert "saved:" not in done.stderr and "unexpected" not in done.stderr
    assert json.loads(out.read_text())["rounds"][0]["turns"]  # the turns saved before are kept
    assert "## Round 1" in done.stdout  # and everything said is printed


def test_saved_is_printed_after_a_successful_save(tmp_path, capsys):
    out = tmp_path / "new" / "t.md"
    assert main([*RUN, "--out", str(out)]) == 0
    assert capsys.readouterr().err.strip().endswith(f"saved: {out}")
    assert out.read_text(encoding="utf-8").startswith("# " + MOTION)
