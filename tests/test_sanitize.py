"""Terminal escapes in data (model output, sources, motion, personas, judge text) never reach a
terminal or a Markdown/HTML file: they are stripped, and the text around them is kept."""

import json
import shutil
from pathlib import Path

import pytest

from debate.cli import main
from debate.sanitize import clean
from tests.fake_openai import Reply

SEEDS = Path(__file__).parents[1] / "seeds"
# Clear screen, set the window title (OSC 0, BEL and ST ends), 8-bit CSI, bell, backspace, CR.
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b]2;owned\x1b\\\x9b31m\x07\x08\r"
MOTION = "Meta should release the weights of Muse Spark"


def _control_chars(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f]


@pytest.mark.parametrize("raw, kept", [
    ("plain text\nwith\ttabs", "plain text\nwith\ttabs"),
    ("a\x1b[31mred\x1b[0m b", "ared b"),
    ("title\x1b]0;evil title\x07 after", "title after"),
    ("title\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "titlelink"),
    ("8-bit\x9b2Jcsi \x9d0;t\x9c ok", "8-bitcsi  ok"),
    ("bell\x07 null\x00 del\x7f", "bell null del"),
    ("dos\r\nline\rmac", "dos\nline\nmac"),
    ("naïve café — 引用 🙂", "naïve café — 引用 🙂"),
    ("lone escape at the end\x1b", "lone escape at the end"),
])
def test_clean_strips_control_sequences_and_keeps_text(raw, kept):
    assert clean(raw) == kept


def _hostile_inputs(tmp_path: Path) -> dict:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    first = sorted(seeds.glob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + HOSTILE  # a source sentence carrying escapes
    first.write_text("\n".join(lines), encoding="utf-8")
    persona = tmp_path / "evil.yaml"
    persona.write_text(
        "name: \"Evil\\e[2J Twin\"\nkind: archetype\n"
        "description: \"Wants \\e]0;pwned\\a your terminal.\"\nvoice: Loud.\n"
        "angles: [weights, open]\nsignature_moves: [\"Shouts\\e[5m.\"]\n", encoding="utf-8")
    return {"seeds": str(seeds), "persona": str(persona), "motion": MOTION + HOSTILE}


def test_offline_run_prints_and_saves_no_control_characters(tmp_path, capsys):
    bad = _hostile_inputs(tmp_path)
    for suffix in (".md", ".html"):
        out = tmp_path / f"t{suffix}"
        assert main(["run", "--motion", bad["motion"], "--pro", bad["persona"], "--con", "mark-twain",
                     "--rounds", "1", "--seeds", bad["seeds"], "--out", str(out)]) == 0
        assert _control_chars(out.read_text(encoding="utf-8")) == []
        assert "Evil Twin" in out.read_text(encoding="utf-8")
    printed = capsys.readouterr()
    assert _control_chars(printed.out) == [] and _control_chars(printed.err) == []
    assert MOTION in printed.out


def test_model_output_escapes_are_stripped_from_terminal_and_files(tmp_path, capsys, fake_openai):
    hostile_turn = f"The weights matter.{HOSTILE} Open models help researchers."
    fake_openai.push(*[Reply(hostile_turn, kind="stream") for _ in range(2)])
    out = tmp_path / "t.json"
    assert main(["run", "--motion", MOTION, "--pro", "mark-twain", "--con", "ada-lovelace", "--rounds", "1",
                 "--backend", "openai", "--base-url", fake_openai.url, "--model", "fake",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert _control_chars(printed.out) == [] and _control_chars(printed.err) == []
    turns = [t["text"] for r in json.loads(out.read_text())["rounds"] for t in r["turns"]]
    assert turns and all(_control_chars(t) == [] and "Open models help researchers." in t for t in turns)


def test_judging_a_transcript_with_escapes_prints_none(tmp_path, capsys):
    out = tmp_path / "t.json"
    assert main(["run", "--motion", MOTION, "--pro", "mark-twain", "--con", "ada-lovelace", "--rounds", "1",
                 "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    data["motion"] += HOSTILE
    data["rounds"][0]["turns"][0]["text"] += " The sources report that" + HOSTILE + " escapes are bad."
    out.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    md = tmp_path / "judged.md"
    assert main(["judge", str(out), "--out", str(md)]) == 0
    printed = capsys.readouterr()
    assert _control_chars(printed.out) == [] and _control_chars(printed.err) == []
    assert _control_chars(md.read_text(encoding="utf-8")) == []
