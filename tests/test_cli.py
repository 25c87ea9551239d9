"""The command line end to end, offline: a full debate, its outputs, and every bad-input path."""

import json
import re
import subprocess
import sys

import pytest

from debate.cli import main
from tests.judge_helpers import assert_winner_follows_the_scores
from tests.seeds import seed_corpus

MOTION = "Meta should release the weights of Muse Spark"


def run(*args):
    return main(list(args))


@pytest.fixture(scope="module")
def debate_json(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "debate.json"
    code = run("run", "--motion", MOTION, "--pro", "open-source-advocate", "--con", "skeptical-investor",
               "--out", str(out))
    assert code == 0
    return json.loads(out.read_text())


def test_two_round_debate_cites_real_passages_without_repeats(debate_json):
    turns = [t for r in debate_json["rounds"] for t in r["turns"]]
    assert [(t["side"], t["role"]) for t in turns] == [("pro", "opening"), ("con", "opening"),
                                                        ("pro", "closing"), ("con", "closing")]
    cited = []
    for turn in turns:
        verified = [c for c in turn["citations"] if c["verified"]]
        assert len(verified) >= 2, turn["text"]
        cited += [c["passage"] for c in turn["citations"]]
    assert len(cited) == len(set(cited)), "a passage was cited twice"


def test_later_turns_answer_the_other_side_by_name(debate_json):
    names = {side: p["name"] for side, p in debate_json["personas"].items()}
    for turn in debate_json["rounds"][1]["turns"]:
        other = names["con" if turn["side"] == "pro" else "pro"]
        assert other in turn["text"]


def test_verdict_names_a_winner_with_checked_claims(debate_json):
    verdict = debate_json["verdict"]
    assert_winner_follows_the_scores(verdict)
    assert verdict["claims"] and all(c["label"] in {"supported", "contradicted", "unsupported"}
                                     for c in verdict["claims"])
    assert verdict["rationale"]
    assert debate_json["status"] == "complete"
    assert debate_json["backend"]["name"] == "offline"


def test_offline_composer_writes_only_supported_claims(debate_json):
    labels = {c["label"] for c in debate_json["verdict"]["claims"]}
    assert labels == {"supported"}


def test_same_seed_same_debate(tmp_path):
    outputs = []
    for name in ("a.json", "b.json"):
        assert run("run", "--motion", MOTION, "--pro", "dorothy-parker", "--con", "mark-twain", "--rounds", "1",
                   "--seed", "7", "--out", str(tmp_path / name)) == 0
        data = json.loads((tmp_path / name).read_text())
        outputs.append([t["text"] for r in data["rounds"] for t in r["turns"]])
    assert outputs[0] == outputs[1]


def test_markdown_and_html_outputs_carry_the_pastiche_label(tmp_path, capsys):
    for suffix in (".md", ".html"):
        out = tmp_path / f"t{suffix}"
        assert run("run", "--motion", MOTION, "--pro", "dorothy-parker", "--con", "indie-developer",
                   "--rounds", "1", "--out", str(out)) == 0
        assert "Fictional AI pastiche — not a real quote" in out.read_text()
    assert "Fictional AI pastiche" in capsys.readouterr().out


def test_json_flag_prints_the_transcript_as_json(capsys):
    assert run("run", "--motion", MOTION, "--pro", "ai-ethicist", "--con", "platform-strategist",
               "--rounds", "1", "--json") == 0
    assert json.loads(capsys.readouterr().out)["motion"] == MOTION


def test_personas_list_prints_one_persona_a_line(capsys):
    assert run("personas", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 8
    assert any(line.split()[:2] == ["dorothy-parker", "historical"] for line in lines)


def _bad_persona(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: X\nkind: archetype\n  broken: [\n", encoding="utf-8")
    return str(path)


def _empty_dir(tmp_path):
    (tmp_path / "empty").mkdir()
    return str(tmp_path / "empty")


def _bad_prompts(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "opening.j2").write_text("{% for %}", encoding="utf-8")
    return str(tmp_path / "p")


@pytest.mark.parametrize("extra, message", [
    (lambda t: ["--pro", "nobody"], "unknown persona 'nobody'"),
    (lambda t: ["--pro", _bad_persona(t)], "bad.yaml:3: invalid YAML"),
    (lambda t: ["--seeds", str(t / "nowhere")], "sources folder not found"),
    (lambda t: ["--seeds", _empty_dir(t)], "no .txt or .md source files"),
    (lambda t: ["--prompts", _bad_prompts(t)], "opening.j2:1: template syntax error"),
    (lambda t: ["--out", str(t / "x.pdf")], "must end in .json, .md or .html"),
    (lambda t: ["--motion", "  "], "the motion is empty"),
])
def test_bad_input_is_one_line_exit_2_no_traceback(tmp_path, capsys, extra, message):
    args = {"--motion": MOTION, "--pro": "dorothy-parker", "--con": "mark-twain", "--rounds": "1"}
    extra = extra(tmp_path)
    for flag, value in zip(extra[::2], extra[1::2]):
        args[flag] = value
    code = run("run", *[x for kv in args.items() for x in kv])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_module_entry_point_and_usage_errors():
    done = subprocess.run([sys.executable, "-m", "debate", "run", "--motion", "x"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "--pro" in done.stderr and "Traceback" not in done.stderr


def test_composer_drops_persona_lines_that_state_facts(tmp_path):
    persona = tmp_path / "factual.yaml"
    persona.write_text(
        "name: Factual Fan\nkind: archetype\ndescription: States numbers.\nvoice: Flat.\n"
        "angles: [Muse Spark, benchmark]\nsignature_moves: [Quotes figures.]\n"
        "rhetoric:\n  opening: ['Meta paid $99 billion for Scale AI in 2019.']\n"
        "  closing: ['Muse Spark scored 97% on every benchmark in 2020.']\n", encoding="utf-8")
    out = tmp_path / "t.json"
    assert run("run", "--motion", MOTION, "--pro", str(persona), "--con", "mark-twain", "--rounds", "2",
               "--out", str(out)) == 0
    data = json.loads(out.read_text())
    text = " ".join(t["text"] for r in data["rounds"] for t in r["turns"])
    assert "$99 billion" not in text and "97%" not in text
    assert {c["label"] for c in data["verdict"]["claims"]} == {"supported"}


def test_shipped_personas_all_argue_with_supported_claims_only(tmp_path):
    from debate.personas import load_all

    ids = [p.id for p in load_all()]
    for pro, con in zip(ids, ids[1:] + ids[:1]):
        out = tmp_path / f"{pro}.json"
        assert run("run", "--motion", MOTION, "--pro", pro, "--con", con, "--out", str(out)) == 0
        claims = json.loads(out.read_text())["verdict"]["claims"]
        assert {c["label"] for c in claims} == {"supported"}, (pro, con)


def test_offline_crossfire_answer_cites_a_passage_about_the_question(tmp_path):
    out = tmp_path / "x.json"
    assert run("run", "--motion", MOTION, "--pro", "indie-developer", "--con", "mark-twain", "--rounds", "1",
               "--crossfire", "How much did Meta spend on its stake in Scale AI?", "--out", str(out)) == 0
    corpus = seed_corpus()
    pro = json.loads(out.read_text())["rounds"][0]["turns"][0]
    answer = pro["text"].split("\n\n")[1]  # the crossfire answer follows the opening lines
    cited = re.findall(r"\[(S[^\]]+)\]", answer)
    assert cited
    source = corpus.get(cited[0]).text
    assert "Scale AI" in source or "$14.3" in source
