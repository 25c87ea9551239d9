"""Transcript: JSON round-trip, atomic saves, views that carry labels and citations."""

import json
import os

import pytest

from debate.errors import UserError
from debate.render import render
from debate.render import save
from debate.transcript import SCHEMA_VERSION, Citation, Round, Transcript, Turn, atomic_write, load_transcript
from debate.verdict import ClaimCheck, Verdict


def _transcript() -> Transcript:
    t = Transcript(motion="Cities should open their data", seeds=["01_city.txt"],
                   backend={"name": "offline", "model": ""},
                   personas={"pro": {"id": "dorothy-parker", "name": "Dorothy Parker", "kind": "historical",
                                     "description": "Wit.", "label": "Fictional AI pastiche — not a real quote"},
                             "con": {"id": "skeptic", "name": "Skeptic", "kind": "archetype",
                                     "description": "Doubts.", "label": ""}})
    t.rounds.append(Round(number=1, crossfire="Who pays?", turns=[
        Turn(side="pro", speaker="Dorothy Parker", text='They "voted 7 to 2" [S01:1].', elapsed_s=1.5,
             citations=[Citation("S01:1", "voted 7 to 2", True, "exact")]),
        Turn(side="con", speaker="Skeptic", text="Nonsense.", truncated=True, cut_by="clock"),
    ]))
    t.verdict = Verdict.model_validate(
        {"winner": "pro", "scores": {"pro": {"total": 3}, "con": {"total": 0}},
         "claims": [{"side": "pro", "text": "They voted 7 to 2", "label": "supported",
                     "evidence": [{"passage": "S01:1", "text": "voted 7 to 2"}]}],
         "rationale": "Pro cited.", "judge": "offline"})
    return t


def test_json_round_trip_is_lossless(tmp_path):
    path = tmp_path / "t.json"
    save(_transcript(), path)
    loaded = load_transcript(path)
    assert loaded == _transcript()
    assert json.loads(path.read_text())["rounds"][0]["turns"][0]["citations"][0]["match"] == "exact"


def test_the_saved_verdict_is_typed_json_and_loads_back_typed(tmp_path):
    path = tmp_path / "t.json"
    save(_transcript(), path)
    data = json.loads(path.read_text())
    assert data["version"] == SCHEMA_VERSION and data["verdict"]["claims"][0]["evidence"][0]["passage"] == "S01:1"
    claim = load_transcript(path).verdict.claims[0]
    assert isinstance(claim, ClaimCheck) and claim.evidence[0].text == "voted 7 to 2"


def test_a_version_1_transcript_still_loads_and_is_saved_back_as_current(tmp_path):
    data = _transcript().to_dict()
    data["version"] = 1
    for field in ("findings", "disagreements", "facts", "citations"):  # version 1 had none of these
        data["verdict"].pop(field)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(data))
    loaded = load_transcript(old)
    assert loaded.verdict.winner == "pro" and loaded.verdict.findings == [] and loaded.version == SCHEMA_VERSION
    save(loaded, new)
    assert json.loads(new.read_text())["version"] == SCHEMA_VERSION


@pytest.mark.parametrize("change, message", [
    (lambda d: d["verdict"].update(winner="everyone"), "version-1 transcript does not load: verdict.winner"),
    (lambda d: d["verdict"]["claims"][0].pop("label"), "verdict.claims.0.label"),
    (lambda d: d.update(version=99), "version 99 is newer"),
])
def test_a_transcript_whose_verdict_does_not_fit_names_its_version_and_field(tmp_path, change, message):
    data = _transcript().to_dict()
    data["version"] = 1
    change(data)
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data))
    with pytest.raises(UserError) as caught:
        load_transcript(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_atomic_write_leaves_no_temp_files_and_replaces_whole(tmp_path):
    path = tmp_path / "out.md"
    atomic_write(path, "first")
    atomic_write(path, "second")
    assert path.read_text() == "second"
    assert os.listdir(tmp_path) == ["out.md"]


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    atomic_write(path, "good")

    def boom(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(UserError, match="out.json: could not save the file: disk full"):
        atomic_write(path, "partial")
    assert path.read_text() == "good"
    assert os.listdir(tmp_path) == ["out.json"]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_views_carry_pastiche_label_crossfire_verdict_and_truncation(fmt):
    text = render(_transcript(), fmt)
    assert "Fictional AI pastiche — not a real quote" in text
    assert "Who pays?" in text
    assert "Winner: Dorothy Parker" in text
    assert "cut by the clock" in text
    assert "S01:1" in text


def test_html_escapes_debater_text():
    t = _transcript()
    t.rounds[0].turns[1].text = "<script>alert(1)</script>"
    assert "<script>alert" not in render(t, "html")


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('{"motion": "x"}', "field 'seeds': required field is missing"),
    ('[1, 2]', "not a Debate Arena transcript"),
])
def test_bad_transcript_files_are_user_errors(tmp_path, content, message):
    path = tmp_path / "t.json"
    path.write_text(content)
    with pytest.raises(UserError, match=message):
        load_transcript(path)


def test_unknown_output_suffix_is_rejected(tmp_path):
    with pytest.raises(UserError, match=r"\.json, \.md or \.html"):
        save(_transcript(), tmp_path / "t.pdf")
