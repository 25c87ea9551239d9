"""A transcript read back from disk is checked against its schema: a broken or hand-edited file
is one line naming the field, exit 2, never a crash deep in the judge or a silent acceptance."""

import json

import pytest

from debate.cli import main

MOTION = "Meta should release the weights of Muse Spark"


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("schema") / "t.json"
    assert main(["run", "--motion", MOTION, "--pro", "mark-twain", "--con", "ada-lovelace", "--rounds", "1",
                 "--out", str(out)]) == 0
    return json.loads(out.read_text())


def _turn(data: dict) -> dict:
    return data["rounds"][0]["turns"][0]


def _set(path: str, value):
    def change(data: dict) -> None:
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return change


@pytest.mark.parametrize("change, field", [
    (_set("rounds.0.turns.0.text", None), "rounds.0.turns.0.text"),
    (_set("personas", KeyError), "personas"),
    (_set("rounds.0.turns.1.side", "martian"), "rounds.0.turns.1.side"),
    (_set("personas.con", KeyError), "personas.con"),
    (_set("personas.pro.name", KeyError), "personas.pro.name"),
    (_set("rounds.0.turns.0.citations.0.passage", 7), "rounds.0.turns.0.citations.0.passage"),
    (_set("status", "exploded"), "status"),
    (_set("rounds", {"number": 1}), "rounds"),
    (_set("motion", KeyError), "motion"),
])
def test_judge_rejects_a_transcript_that_breaks_the_schema(tmp_path, capsys, good, change, field):
    data = json.loads(json.dumps(good))
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code = main(["judge", str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"error: {path}: field '{field}'") and err.count("\n") == 1, err


def test_judge_rejects_a_transcript_that_is_not_utf8(tmp_path, capsys, good):
    path = tmp_path / "latin1.json"
    path.write_bytes(json.dumps(good, ensure_ascii=False).encode("utf-8").replace(b"Mark", b"M\xe4rk", 1))
    code = main(["judge", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}: not UTF-8 text" in err and "unexpected" not in err


@pytest.mark.parametrize("payload", ["[]", '"text"', "null"])
def test_judge_rejects_json_that_is_not_a_transcript_object(tmp_path, capsys, payload):
    path = tmp_path / "t.json"
    path.write_text(payload, encoding="utf-8")
    assert main(["judge", str(path)]) == 2
    assert "not a Debate Arena transcript" in capsys.readouterr().err


def test_a_valid_transcript_still_judges(tmp_path, capsys, good):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(good), encoding="utf-8")
    assert main(["judge", str(path)]) == 0
    assert "## Verdict" in capsys.readouterr().out
