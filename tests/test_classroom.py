"""Classroom plans: validation, batch output, resume, failure isolation, ctrl-c and handouts."""

import asyncio
import json
import re
from pathlib import Path

import pytest

from debate.classroom import Progress, entries, load_plan, run_plan, slugify
from debate.cli import main
from debate.config import load_settings
from debate.errors import BackendError, UserError
from debate.evidence import load_corpus
from debate.evidence.verifier import verifier_for
from debate.handouts import checked_claims, exercise, handout_items, key_markdown
from debate.resources import shipped
from debate.transcript import load_transcript
from tests.scripted import ScriptedBackend

PLAN = """\
rounds: 1
backend: offline
max_tokens: 90
debates:
  - {motion: "Meta should release the weights of Muse Spark", pro: open-source-advocate, con: skeptical-investor}
  - {motion: "Proprietary AI is now a competitive necessity for Meta", pro: niccolo-machiavelli, con: indie-developer}
  - motion: "Paying $14.3 billion for a stake in Scale AI to recruit Alexandr Wang was a good bet"
    pro: platform-strategist
    con: mark-twain
"""


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(shipped("seeds"))


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _settings():
    return load_settings({"backend": "offline", "rounds": 1, "max_tokens": 90})


class FailingBackend(ScriptedBackend):
    async def stream(self, request):
        raise BackendError("model server said 500")
        yield  # pragma: no cover


class StuckBackend(ScriptedBackend):
    async def stream(self, request):
        await asyncio.sleep(3600)
        yield "never"  # pragma: no cover


def _quiet(n):
    return Progress()


# ---- plan validation ---------------------------------------------------------------------------

@pytest.mark.parametrize("edit, message", [
    (("con: mark-twain", "con: nobody-x"), r"plan\.yaml:9: debates\.2\.con: unknown persona 'nobody-x'"),
    (("pro: niccolo-machiavelli", "prp: niccolo-machiavelli"), r"plan\.yaml:6: field 'debates\.1\.prp': unknown field"),
    (("rounds: 1", "rounds: 0"), r"plan\.yaml:1: field 'rounds'"),
    (("backend: offline", "backend: offline\nteacher: me"), r"plan\.yaml:3: field 'teacher': unknown field"),
])
def test_bad_plans_name_the_line_and_entry(plan_file, edit, message):
    plan_file.write_text(PLAN.replace(*edit), encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_plan(plan_file)


def test_bad_plan_exits_2_with_one_line_before_running_anything(plan_file, tmp_path, capsys):
    plan_file.write_text(PLAN.replace("con: mark-twain", "con: x"), encoding="utf-8")
    assert main(["class", str(plan_file), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {plan_file}:9: debates.2.con: unknown persona 'x'"]
    assert not (tmp_path / "out").exists()


def test_persona_files_are_found_next_to_the_plan(plan_file, tmp_path):
    (tmp_path / "coach.yaml").write_text((shipped("personas") / "mark-twain.yaml").read_text(), encoding="utf-8")
    plan_file.write_text(PLAN.replace("con: mark-twain", "con: coach.yaml"), encoding="utf-8")
    assert load_plan(plan_file).debates[2].con == str(tmp_path / "coach.yaml")


def test_stems_are_numbered_and_cut_at_a_word():
    assert slugify("Proprietary AI is now a competitive necessity for Meta, surely?") == \
        "proprietary-ai-is-now-a-competitive-necessity"
    assert slugify("¿¡!") == "debate"


# ---- a full batch ------------------------------------------------------------------------------

def test_class_writes_transcripts_summary_and_handouts_then_resumes(plan_file, tmp_path, capsys):
    out = tmp_path / "lesson"
    assert main(["class", str(plan_file), "--out", str(out), "--jobs", "3"]) == 0
    stems = [e.stem for e in entries(load_plan(plan_file))]
    for stem in stems:
        for suffix in (".json", ".md", ".html"):
            assert (out / f"{stem}{suffix}").is_file()
        assert load_transcript(out / f"{stem}.json").status == "complete"
        assert "## Fact-check exercise" in (out / "handouts" / f"{stem}.md").read_text()
        assert "# Answer key" in (out / "handouts" / f"{stem}-key.md").read_text()
        assert "## Argument map" in (out / f"{stem}.md").read_text()
    summary = (out / "summary.md").read_text()
    assert summary.count("| complete |") == 3
    assert all(f"[{s}.md]({s}.md)" in summary for s in stems)
    assert "Fictional AI pastiche" in summary  # Machiavelli and Twain
    assert all(f'href="{s}.html"' in (out / "summary.html").read_text() for s in stems)

    before = {p: p.stat().st_mtime_ns for p in out.glob("*.json")}
    capsys.readouterr()
    assert main(["class", str(plan_file), "--out", str(out)]) == 0
    assert "0 run, 3 already complete" in capsys.readouterr().err
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.json")} == before


def test_a_changed_entry_is_run_again(plan_file, tmp_path):
    out = tmp_path / "lesson"
    settings, plan = _settings(), load_plan(plan_file)
    asyncio.run(run_plan(entries(plan)[:1], out, settings, progress=_quiet(1)))
    plan_file.write_text(PLAN.replace("con: skeptical-investor", "con: ai-ethicist"), encoding="utf-8")
    outcomes = asyncio.run(run_plan(entries(load_plan(plan_file))[:1], out, settings, progress=_quiet(1)))
    assert outcomes[0].status == "done"
    assert load_transcript(out / f"{outcomes[0].entry.stem}.json").personas["con"]["id"] == "ai-ethicist"


# ---- failure isolation and ctrl-c ---------------------------------------------------------------

def test_a_failed_debate_does_not_stop_the_others_and_is_retried_next_time(plan_file, tmp_path, corpus):
    out, settings, todo = tmp_path / "lesson", _settings(), entries(load_plan(plan_file))

    def flaky(entry):
        if entry.number == 2:
            return {"pro": FailingBackend([]), "con": FailingBackend([])}
        return None  # prepare() builds the usual offline backends

    outcomes = asyncio.run(run_plan(todo, out, settings, corpus=corpus, jobs=2, progress=_quiet(3),
                                    backends=lambda e: flaky(e) or _offline(settings)))
    assert [o.status for o in outcomes] == ["done", "failed", "done"]
    assert "500" in outcomes[1].error
    failed = load_transcript(out / f"{todo[1].stem}.json")
    assert failed.status == "failed" and "500" in failed.error
    summary = (out / "summary.md").read_text()
    assert "| failed: model server said 500 |" in summary
    assert not (out / "handouts" / f"{todo[1].stem}.md").exists()

    again = asyncio.run(run_plan(todo, out, settings, corpus=corpus, progress=_quiet(3)))
    assert [o.status for o in again] == ["skipped", "done", "skipped"]


def test_cli_exits_non_zero_and_names_the_failed_debate(plan_file, tmp_path, capsys, monkeypatch):
    import debate.classroom as classroom

    real = classroom.prepare

    def prepare(spec, settings, **kw):
        if spec.pro == "niccolo-machiavelli":
            raise BackendError("connection refused")
        return real(spec, settings, **kw)

    monkeypatch.setattr(classroom, "prepare", prepare)
    assert main(["class", str(plan_file), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "1 of 3 debates failed: 02-proprietary-ai-is-now-a-competitive-necessity" in err
    assert len(list((tmp_path / "o").glob("*.json"))) == 2


def test_ctrl_c_keeps_finished_debates_and_the_partial_one(plan_file, tmp_path, corpus):
    out, settings, todo = tmp_path / "lesson", _settings(), entries(load_plan(plan_file))[:2]
    stuck = lambda e: ({"pro": ScriptedBackend(["Opening words [S002:2]."]), "con": StuckBackend([])}
                       if e.number == 2 else _offline(settings))

    async def interrupted():
        task = asyncio.ensure_future(run_plan(todo, out, settings, corpus=corpus, jobs=2, backends=stuck,
                                              progress=_quiet(2)))
        first = out / f"{todo[0].stem}.json"
        second = out / f"{todo[1].stem}.json"
        for _ in range(500):
            await asyncio.sleep(0.01)
            if first.is_file() and load_transcript(first).status == "complete" and second.is_file():
                break
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(interrupted())
    assert load_transcript(out / f"{todo[0].stem}.json").status == "complete"
    partial = load_transcript(out / f"{todo[1].stem}.json")
    assert partial.status == "stopped" and [t.side for t in partial.turns] == ["pro"]
    assert "| stopped |" in (out / "summary.md").read_text()


def _offline(settings):
    from debate.backends import make_backend

    return {side: make_backend(settings, side) for side in ("pro", "con")}


# ---- handouts ------------------------------------------------------------------------------------

def test_answer_key_labels_match_the_verifier_and_the_handout_hides_them(plan_file, tmp_path, corpus):
    out, settings = tmp_path / "lesson", _settings()
    entry = entries(load_plan(plan_file))[2]
    asyncio.run(run_plan([entry], out, settings, corpus=corpus, progress=_quiet(1)))
    transcript = load_transcript(out / f"{entry.stem}.json")
    handout = (out / "handouts" / f"{entry.stem}.md").read_text()
    key = (out / "handouts" / f"{entry.stem}-key.md").read_text()

    verifier = verifier_for(corpus)
    by_text = {c.text: c for c in transcript.verdict.claims}
    _, items = handout_items(transcript, corpus)
    assert items, "the debate made claims to check"
    key_labels = dict(re.findall(r"^(\d+)\. \*\*(\w+)\*\*", key, re.MULTILINE))
    for item in items:
        if item.note:  # altered by the handout: the key is the verifier's label of the altered text
            assert key_labels[str(item.number)] == verifier.check(item.text, cited=item.cited).label
            continue
        original = next(text for text in by_text if item.text in text or text in item.text)
        assert key_labels[str(item.number)] == verifier.check(original, cited=item.cited).label
        assert key_labels[str(item.number)] == by_text[original].label  # and the judge agrees
        assert f"{item.number}. {item.speaker} ({item.side.upper()}" in handout
    assert key == key_markdown(transcript, items)
    assert not re.search(r"\*\*(supported|contradicted|unsupported)\*\*:", handout)  # no answers
    assert "## Discussion questions" in handout and "Fictional AI pastiche" in handout
    questions = handout.split("## Discussion questions")[1].split("## Fact-check")[0]
    assert questions.count('"') >= 2  # a question quotes a claim from the debate
    assert "(This debate made no checkable claims.)" not in handout


def test_json_transcripts_are_valid_and_complete_after_the_batch(plan_file, tmp_path, corpus):
    out = tmp_path / "lesson"
    outcomes = asyncio.run(run_plan(entries(load_plan(plan_file))[:1], out, _settings(), corpus=corpus,
                                    progress=_quiet(1)))
    data = json.loads((out / f"{outcomes[0].entry.stem}.json").read_text())
    assert data["status"] == "complete" and data["verdict"]["winner"] in ("pro", "con", "tie")


def test_a_batch_over_the_wire_isolates_a_model_failure(fake_openai, openai_env, plan_file, tmp_path, capsys):
    from tests.fake_openai import Status

    plan_file.write_text(PLAN.replace("backend: offline", "backend: openai"), encoding="utf-8")
    fake_openai.push(Status(400, "bad request for debate one", kind="stream"))
    out = tmp_path / "o"
    code = main(["class", str(plan_file), "--out", str(out), "--jobs", "1", "--base-url", fake_openai.url,
                 "--model", "fake", "--retries", "0"])
    assert code == 1
    assert "1 of 3 debates failed: 01-meta-should-release-the-weights-of-muse-spark" in capsys.readouterr().err
    stems = [e.stem for e in entries(load_plan(plan_file))]
    assert [load_transcript(out / f"{s}.json").status for s in stems] == ["failed", "complete", "complete"]
    assert (out / "handouts" / f"{stems[1]}-key.md").is_file()
    assert main(["class", str(plan_file), "--out", str(out), "--base-url", fake_openai.url,
                 "--model", "fake"]) == 0  # the retry runs only the failed debate
    assert "1 run, 2 already complete, 0 failed" in capsys.readouterr().err


def test_altered_claims_give_students_mistakes_to_catch_when_a_debate_had_none():
    from debate.evidence import load_corpus
    from debate.evidence.verifier import verifier_for
    from debate.handouts import Item, altered, exercise
    from debate.resources import shipped

    corpus = load_corpus(shipped("seeds"))
    true = [Item(number=0, side="pro", speaker="Ada", round=1, cited=[], label="supported", evidence=[], reason="",
                 text="Meta acquires a 49% non-voting stake in Scale AI and hires its founder as chief AI officer."),
            Item(number=0, side="con", speaker="Mark", round=1, cited=[], label="supported", evidence=[], reason="",
                 text="Meta releases Llama 2 free for research and commercial use.")]  # no number: nothing to alter
    changed = altered(true, corpus)
    assert [c.text for c in changed] == [true[0].text.replace("49%", "89%")]
    assert changed[0].label == verifier_for(corpus).check(changed[0].text).label == "contradicted"
    items = exercise(true, extra=changed)
    assert changed[0] in items
    assert "49 became 89" in changed[0].note  # the key tells the teacher what changed
