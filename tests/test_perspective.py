"""Perspectives: grounded, cited takes on a headline; historical figures always carry the label."""

import json
import re

import pytest

from debate.cli import main
from debate.perspective import perspectives, request_for
from debate.personas import PASTICHE_LABEL, load_persona
from debate.prompts import Prompts
from tests.scripted import ScriptedBackend

HEADLINE = "Meta closes the weights of its new Muse Spark model"


@pytest.fixture
def corpus(seed_corpus):
    return seed_corpus


def test_request_is_a_perspective_on_the_headline_not_a_debate_side(corpus):
    request = request_for(load_persona("mark-twain"), HEADLINE, corpus, prompts=Prompts(), max_words=150)
    system, user = (m["content"] for m in request.messages)
    assert request.role == "perspective" and request.headline == HEADLINE
    assert HEADLINE in system and HEADLINE in user
    assert "Argue the PRO" not in system
    assert PASTICHE_LABEL in system  # the model is told it is a pastiche
    assert request.evidence and all(f"<source id=\"{p.id}\"" in user for p in request.evidence)


@pytest.mark.parametrize("suffix", [".md", ".json", ".html"])
def test_historical_take_is_labelled_and_cited_in_every_format(tmp_path, capsys, suffix):
    out = tmp_path / f"take{suffix}"
    code = main(["perspective", "--persona", "mark-twain", "--persona", "indie-developer",
                 "--headline", HEADLINE, "--backend", "offline", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    saved = out.read_text(encoding="utf-8")
    for text in (printed, saved):
        assert PASTICHE_LABEL in text
        assert "[S0" in text or 'class="cite">S0' in text
    if suffix == ".json":
        data = json.loads(saved)
        twain, indie = data["takes"]
        assert twain["label"] == PASTICHE_LABEL and twain["persona"]["label"] == PASTICHE_LABEL
        assert indie["label"] == ""
        assert twain["citations"] and all(c["verified"] for c in twain["citations"])
        assert 40 <= twain["words"] <= 150


def test_json_on_stdout_carries_the_label(capsys):
    assert main(["perspective", "--persona", "ada-lovelace", "--headline", HEADLINE,
                 "--backend", "offline", "--json"]) == 0
    take = json.loads(capsys.readouterr().out)["takes"][0]
    assert take["label"] == PASTICHE_LABEL and take["persona"]["name"] == "Ada Lovelace"


async def test_model_takes_are_budgeted_and_their_citations_checked(corpus):
    passage = corpus.passages[0]
    sentence = passage.text.split(". ")[0].rstrip(".")
    model_text = f'Mark my words. "{sentence}" [{passage.id}]. And this is invented [S999:1]. ' + "word " * 300
    backend = ScriptedBackend([model_text])
    result = await perspectives([load_persona("mark-twain")], HEADLINE, corpus, backend, prompts=Prompts(),
                                backend_record={"name": "scripted", "model": ""}, max_words=120)
    take = result.takes[0]
    assert take.words == 120 and take.truncated
    assert take.label == PASTICHE_LABEL
    verdicts = {c.passage: c.verified for c in take.citations}
    assert verdicts == {passage.id: True, "S999:1": False}
    assert backend.requests[0].role == "perspective"


@pytest.mark.parametrize("argv, message", [
    (["--persona", "nobody-at-all", "--headline", HEADLINE], "unknown persona"),
    (["--persona", "mark-twain", "--headline", "  "], "headline is empty"),
    (["--persona", "mark-twain", "--headline", HEADLINE, "--out", "take.txt"], ".json, .md or .html"),
])
def test_bad_input_exits_2_with_one_line(capsys, argv, message):
    assert main(["perspective", "--backend", "offline", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_with_a_model_over_the_wire(fake_openai, capsys):
    """The LLM path: the request goes out as a perspective prompt; the take keeps its label."""
    assert main(["perspective", "--persona", "mark-twain", "--headline", HEADLINE, "--backend", "openai",
                 "--base-url", fake_openai.url, "--model", "fake", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (request,) = fake_openai.chat_requests(stream=True)
    system, user = (m["content"] for m in request.body["messages"])
    assert HEADLINE in system and PASTICHE_LABEL in system and "<source id=" in user
    assert data["backend"]["name"] == "openai" and data["backend"]["model"] == "fake"
    take = data["takes"][0]
    assert take["label"] == PASTICHE_LABEL
    assert [c["passage"] for c in take["citations"]] == [re.search(r'<source id="([^"]+)"', user).group(1)]
