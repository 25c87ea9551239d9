"""Bad input that used to slip through: each is a one-line error (exit 2) or a warning, through the CLI."""

import json

import pytest

from debate.cli import main

MOTION = "Meta should release the weights of Muse Spark"
PERSONA = """name: Twin
kind: archetype
description: A twin.
voice: Even.
angles: [weights]
signature_moves: [Mirrors.]
"""


def _run(*extra: str) -> list[str]:
    args = {"--motion": MOTION, "--pro": "mark-twain", "--con": "ada-lovelace", "--rounds": "1"}
    rest = []
    for flag, value in zip(extra[::2], extra[1::2]):
        if flag in args:
            args[flag] = value
        else:
            rest += [flag, value]
    return ["run", *[x for kv in args.items() for x in kv], *rest]


def _one_line_error(capsys, code: int, *needles: str) -> str:
    err = capsys.readouterr().err
    assert code == 2, err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and err.endswith(errors[0] + "\n") and "Traceback" not in err, err
    for needle in needles:
        assert needle in errors[0], err
    return errors[0]


def test_duplicate_key_in_persona_yaml_is_an_error_naming_the_line(tmp_path, capsys):
    path = tmp_path / "twin.yaml"
    path.write_text(PERSONA + "voice: Shrill.\n", encoding="utf-8")
    code = main(_run("--pro", str(path)))
    _one_line_error(capsys, code, f"{path}:7", "duplicate key 'voice'")


def test_duplicate_key_nested_in_a_plan_is_an_error(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"debates:\n  - motion: {MOTION}\n    pro: mark-twain\n    pro: ada-lovelace\n"
                    "    con: dorothy-parker\n", encoding="utf-8")
    code = main(["class", str(plan), "--out", str(tmp_path / "out")])
    _one_line_error(capsys, code, f"{plan}:4", "duplicate key 'pro'")


def test_same_persona_on_both_sides_warns(capsys):
    assert main(_run("--con", "mark-twain")) == 0
    err = capsys.readouterr().err
    assert "warning: Mark Twain argues both sides" in err


def test_missing_personas_folder_is_an_error_like_prompts(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    code = main(_run("--personas", str(missing)))
    _one_line_error(capsys, code, f"{missing}: personas folder not found")
    assert main(["personas", "list", "--personas", str(missing)]) == 2


@pytest.mark.parametrize("side", ["--pro", "--con"])
def test_human_side_in_a_headless_run_is_an_error(capsys, side):
    code = main(_run(side, "you"))
    _one_line_error(capsys, code, f"{side}: ", "debate tui")


def test_crossfire_questions_beyond_the_rounds_are_an_error(capsys):
    code = main(_run("--crossfire", "Who pays?", "--crossfire", "Who checks?"))
    _one_line_error(capsys, code, "--crossfire: 2 questions for 1 round")


def test_crossfire_within_the_rounds_is_asked(tmp_path, capsys):
    out = tmp_path / "t.json"
    assert main(_run("--rounds", "2", "--crossfire", "Who pays?", "--crossfire", "Who checks?",
                     "--out", str(out))) == 0
    assert [r["crossfire"] for r in json.loads(out.read_text())["rounds"]] == ["Who pays?", "Who checks?"]


def _prompt_folder(tmp_path, body: str) -> str:
    folder = tmp_path / "prompts"
    folder.mkdir()
    (folder / "opening.j2").write_text(body, encoding="utf-8")
    return str(folder)


def test_template_cannot_mutate_persona_data(tmp_path, capsys):
    folder = _prompt_folder(tmp_path, "{{ persona.angles.append('hacked') }}{{ persona.angles.clear() }}Open.")
    code = main(_run("--prompts", folder, "--backend", "offline"))
    _one_line_error(capsys, code, "opening.j2", "template error")


@pytest.mark.parametrize("body", [
    "{% for i in range(10**8) %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ 7 ** 999999999 }}",
    "{% for i in range(90000) %}{{ 'long line ' * 1000 }}{% endfor %}",
])
def test_template_work_is_bounded_with_a_clear_error(tmp_path, capsys, body):
    code = main(_run("--prompts", _prompt_folder(tmp_path, body)))
    _one_line_error(capsys, code, "opening.j2", "template")
