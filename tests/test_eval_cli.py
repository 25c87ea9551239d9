"""`debate check` / `debate eval`: JSON lines in, verdicts and metrics out, bad input as UserError."""

import json
import pytest

from debate.errors import UserError
from debate.cli import main
from debate.evidence.evaluation import metrics, read_claims

SOURCE = "Orbital Foods\n\nOrbital Foods opened its Lisbon office in 2021 and employs 240 people.\n"


@pytest.fixture()
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "001_orbital.txt").write_text(SOURCE, encoding="utf-8")
    return folder


def write(tmp_path, lines):
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_check_prints_one_json_line_per_claim(seeds, tmp_path, capsys):
    path = write(tmp_path, [json.dumps({"id": "a", "claim": "Orbital Foods opened its Lisbon office in 2021."}),
                            json.dumps({"claim": "Orbital Foods opened its Lisbon office in 2018."})])
    assert main(["check", "--seeds", str(seeds), path]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["label"] for r in rows] == ["supported", "contradicted"]
    assert set(rows[0]) == {"id", "claim", "label", "evidence", "score", "reason"}
    assert rows[1]["id"] == "2"


def test_eval_prints_accuracy_and_macro_f1(seeds, tmp_path, capsys):
    path = write(tmp_path, [json.dumps({"claim": "Orbital Foods employs 240 people.", "label": "supported"})])
    assert main(["eval", "--seeds", str(seeds), path]) == 0
    out = capsys.readouterr().out
    assert "accuracy: 1.000" in out and "macro-F1:" in out and "ms per claim" in out


def test_eval_json_is_one_machine_readable_line(seeds, tmp_path, capsys):
    path = write(tmp_path, [json.dumps({"claim": "Orbital Foods employs 240 people.", "label": "supported"})])
    assert main(["eval", "--seeds", str(seeds), path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["accuracy"] == 1.0 and "macro_f1" in data and "confusion" in data


@pytest.mark.parametrize("lines, where", [
    (["{not json"], ":1"),
    ([json.dumps({"text": "no claim field"})], ":1"),
    ([json.dumps({"claim": "ok claim here", "label": "supported"}), json.dumps({"claim": "x", "label": "maybe"})], ":2"),
])
def test_bad_lines_are_user_errors_naming_the_line(seeds, tmp_path, lines, where):
    path = write(tmp_path, lines)
    with pytest.raises(UserError) as error:
        read_claims(path, labelled=True)
    assert str(error.value).startswith(path + where)
    assert main(["eval", "--seeds", str(seeds), path]) == 2


def test_missing_claims_file_is_a_user_error(seeds, tmp_path, capsys):
    missing = str(tmp_path / "nope.jsonl")
    assert main(["check", "--seeds", str(seeds), missing]) == 2
    assert capsys.readouterr().err == f"error: {missing}: claims file not found\n"


def test_metrics_macro_f1_averages_the_three_classes():
    result = metrics(["supported", "contradicted", "unsupported"], ["supported", "unsupported", "unsupported"])
    assert result["accuracy"] == pytest.approx(2 / 3)
    assert result["per_class"]["contradicted"]["f1"] == 0.0
    assert result["macro_f1"] == pytest.approx((1 + 0 + 2 / 3) / 3)
