"""A judge model that fails (401, 429, a timeout) is never silent: the reason is on stderr, and
`debate judge` asked explicitly for a model judge exits 3 unless --fallback lets the offline
judge decide. Real HTTP against tests/fake_openai.py."""

import json

import pytest

from debate.cli import main
from tests.fake_openai import Hang, Status

MOTION = "Meta should release the weights of Muse Spark"

FAULTS = {
    "401": (lambda: Status(401, "bad key", kind="complete"), "HTTP 401"),
    "429": (lambda: Status(429, "slow down", retry_after=0, kind="complete"), "HTTP 429"),
    "timeout": (lambda: Hang(3, kind="complete"), "timed out"),
}


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    out = tmp_path_factory.mktemp("judged") / "t.json"
    assert main(["run", "--motion", MOTION, "--pro", "mark-twain", "--con", "ada-lovelace", "--rounds", "1",
                 "--out", str(out)]) == 0
    return out


def _judge(server, saved, *extra):
    return ["judge", str(saved), "--base-url", server.url, "--model", "fake", "--retries", "0",
            "--timeout", "1", *extra]


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_explicit_judge_request_that_fails_exits_3_with_the_reason(fault, saved, tmp_path, capsys, fake_openai):
    behaviour, reason = FAULTS[fault]
    fake_openai.push(*[behaviour() for _ in range(4)])
    out = tmp_path / "judged.json"
    code = main(_judge(fake_openai, saved, "--backend", "openai", "--out", str(out)))
    printed = capsys.readouterr()
    assert code == 3, printed.err
    error = printed.err.strip().splitlines()[-1]
    assert error.startswith("error: the judge model fake failed") and reason in error and "--fallback" in error
    assert printed.out == "" and not out.exists()  # no verdict the user did not ask for


def test_fallback_lets_the_offline_judge_decide_and_says_why(saved, tmp_path, capsys, fake_openai):
    fake_openai.push(*[Status(401, "bad key", kind="complete") for _ in range(4)])
    out = tmp_path / "judged.json"
    code = main(_judge(fake_openai, saved, "--backend", "openai", "--fallback", "--out", str(out)))
    printed = capsys.readouterr()
    assert code == 0
    assert "warning: the judge model fake failed" in printed.err and "HTTP 401" in printed.err
    assert json.loads(out.read_text())["verdict"]["judge"].startswith("offline (fallback")
    assert "## Verdict" in printed.out


def test_implicit_model_judge_falls_back_with_a_warning(saved, capsys, fake_openai, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.url)  # openai chosen by the environment, not a flag
    monkeypatch.setenv("DEBATE_MODEL", "fake")
    fake_openai.push(*[Status(429, "slow down", retry_after=0, kind="complete") for _ in range(4)])
    code = main(["judge", str(saved), "--retries", "0"])
    printed = capsys.readouterr()
    assert code == 0
    assert "warning: the judge model fake failed" in printed.err and "HTTP 429" in printed.err


def test_a_debate_whose_judge_fails_warns_on_stderr(tmp_path, capsys, fake_openai):
    fake_openai.push(*[Status(401, "bad key", kind="complete") for _ in range(4)])
    out = tmp_path / "t.json"
    code = main(["run", "--motion", MOTION, "--pro", "mark-twain", "--con", "ada-lovelace", "--rounds", "1",
                 "--backend", "openai", "--base-url", fake_openai.url, "--model", "fake", "--retries", "0",
                 "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0  # the debate itself is complete and saved
    assert "warning: the judge model fake failed" in printed.err and "HTTP 401" in printed.err
    assert json.loads(out.read_text())["status"] == "complete"


# ---- item 4: a transcript judged against other sources ------------------------------------------

def _other_sources(tmp_path, saved, keep: int) -> str:
    """A sources folder holding only the first ``keep`` of the transcript's files (and one new one)."""
    from debate.resources import shipped

    folder = tmp_path / "other"
    folder.mkdir()
    for name in json.loads(saved.read_text())["seeds"][:keep]:
        (folder / name).write_text((shipped("seeds") / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "zz_new.txt").write_text("A different article about something else entirely.\n", encoding="utf-8")
    return str(folder)


def test_judging_against_another_sources_folder_is_refused(saved, tmp_path, capsys):
    code = main(["judge", str(saved), "--seeds", _other_sources(tmp_path, saved, keep=1)])
    printed = capsys.readouterr()
    assert code == 2
    assert printed.err.startswith("error: ") and printed.err.count("\n") == 1
    assert "not in the sources folder" in printed.err and "--other-sources" in printed.err
    assert printed.out == ""


def test_other_sources_flag_proceeds_with_a_warning_in_the_verdict(saved, tmp_path, capsys):
    out = tmp_path / "judged.json"
    code = main(["judge", str(saved), "--seeds", _other_sources(tmp_path, saved, keep=1), "--other-sources",
                 "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0
    assert "warning: " in printed.err
    assert any("not in this corpus" in w for w in json.loads(out.read_text())["verdict"]["warnings"])


def test_judging_against_the_same_sources_is_not_refused(saved, capsys):
    assert main(["judge", str(saved)]) == 0
    assert "warning" not in capsys.readouterr().err
