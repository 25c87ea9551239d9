"""Engine: turn order, roles, clocks, word budgets, crossfire, autosave, events."""

import asyncio

import pytest

from debate.engine import (CrossfireAsked, Debate, TextChunk, TurnEnded, TurnStarted,
                           role_for)
from debate.evidence import load_corpus
from debate.resources import shipped
from debate.spec import DebateSpec
from tests.scripted import ScriptedBackend


def _debate(replies_pro, replies_con, *, delay=0.0, **config):
    corpus = load_corpus(shipped("seeds"))
    cfg = DebateSpec(motion="Meta should release the weights of Muse Spark",
                     pro="open-source-advocate", con="skeptical-investor", **config)
    saves = []
    debate = Debate(cfg, corpus, {"pro": ScriptedBackend(replies_pro, delay), "con": ScriptedBackend(replies_con, delay)},
                    on_save=lambda t: saves.append([turn.text for turn in t.turns]))
    return debate, saves


async def _events(debate):
    return [event async for event in debate.run()]


async def test_sides_alternate_pro_first_with_roles_by_round():
    debate, _ = _debate(["p1", "p2", "p3"], ["c1", "c2", "c3"], rounds=3)
    events = await _events(debate)
    started = [(e.round, e.side, e.role) for e in events if isinstance(e, TurnStarted)]
    assert started == [(1, "pro", "opening"), (1, "con", "opening"), (2, "pro", "rebuttal"),
                       (2, "con", "rebuttal"), (3, "pro", "closing"), (3, "con", "closing")]
    assert [t.text for t in debate.transcript.turns] == ["p1", "c1", "p2", "c2", "p3", "c3"]
    assert debate.transcript.status == "complete"


@pytest.mark.parametrize("rounds, expected", [(1, ["opening"]), (2, ["opening", "closing"]),
                                               (4, ["opening", "rebuttal", "rebuttal", "closing"])])
def test_roles_by_round(rounds, expected):
    assert [role_for(n, rounds) for n in range(1, rounds + 1)] == expected


async def test_text_streams_as_chunks_that_add_up_to_the_turn():
    debate, _ = _debate(["one two three four"], ["five six"], rounds=1)
    events = await _events(debate)
    chunks = [e.text for e in events if isinstance(e, TextChunk) and e.side == "pro"]
    assert len(chunks) == 4
    assert "".join(chunks).strip() == debate.transcript.turns[0].text == "one two three four"


async def test_turn_cut_by_the_clock_is_kept_and_marked_truncated():
    debate, _ = _debate(["slow " * 50], ["quick reply"], rounds=1, turn_seconds=0.15, delay=0.02)
    await _events(debate)
    pro, con = debate.transcript.turns
    assert pro.truncated and pro.cut_by == "clock"
    assert 0 < pro.words < 50
    assert pro.elapsed_s < 1.0
    assert not con.truncated
    assert debate.backends["pro"].closed_streams == 1  # the stream was closed, not abandoned


async def test_word_budget_cuts_the_turn():
    debate, _ = _debate(["w " * 80], ["short"], rounds=1, max_words=30)
    await _events(debate)
    pro = debate.transcript.turns[0]
    assert pro.words == 30 and pro.truncated and pro.cut_by == "budget"


async def test_crossfire_questions_go_to_their_rounds_and_reach_both_sides():
    debate, _ = _debate(["a", "b"], ["c", "d"], rounds=2, crossfire=["Who pays?", "Who gains?"])
    events = await _events(debate)
    assert [(e.round, e.question) for e in events if isinstance(e, CrossfireAsked)] == [(1, "Who pays?"), (2, "Who gains?")]
    requests = debate.backends["pro"].requests + debate.backends["con"].requests
    assert all(r.crossfire for r in requests)
    assert "Who gains?" in debate.backends["con"].requests[1].messages[1]["content"]


async def test_crossfire_asked_mid_debate_goes_to_the_next_round():
    debate, _ = _debate(["a", "b"], ["c", "d"], rounds=2)
    async for event in debate.run():
        if isinstance(event, TurnEnded) and event.turn.round == 1 and event.turn.side == "pro":
            debate.ask_crossfire("Is it safe?")
    assert [r.crossfire for r in debate.transcript.rounds] == [None, "Is it safe?"]


async def test_transcript_is_saved_after_every_turn():
    debate, saves = _debate(["a", "b"], ["c", "d"], rounds=2)
    await _events(debate)
    assert saves[:4] == [["a"], ["a", "c"], ["a", "c", "b"], ["a", "c", "b", "d"]]


async def test_evidence_is_offered_fresh_each_turn_and_sent_delimited():
    debate, _ = _debate(["x"], ["y"], rounds=1)
    await _events(debate)
    request = debate.backends["pro"].requests[0]
    assert request.evidence, "a turn must be offered passages"
    assert f'<source id="{request.evidence[0].id}"' in request.messages[1]["content"]


async def test_cited_passages_are_not_offered_again():
    corpus_debate, _ = _debate([], [], rounds=1)
    first = corpus_debate.evidence_for("pro", 1, None)[0].id
    debate, _ = _debate([f"As the record shows [{first}]."], ["fine"], rounds=1)
    await _events(debate)
    assert first in debate.used
    assert first not in [p.id for p in debate.backends["con"].requests[0].evidence]


async def test_skip_ends_the_current_turn_early():
    debate, _ = _debate(["slow " * 100], ["ok"], rounds=1, delay=0.01)

    async def skipper():
        await asyncio.sleep(0.1)
        debate.skip_turn()

    task = asyncio.create_task(skipper())
    await _events(debate)
    await task
    pro = debate.transcript.turns[0]
    assert pro.truncated and pro.cut_by == "skip" and pro.words < 100


async def test_same_seed_gives_the_same_evidence():
    a, _ = _debate([], [], rounds=1, seed=3)
    b, _ = _debate([], [], rounds=1, seed=3)
    assert [p.id for p in a.evidence_for("con", 1, None)] == [p.id for p in b.evidence_for("con", 1, None)]


async def test_cancelling_a_debate_mid_turn_leaves_no_pending_tasks_and_saves():
    debate, saves = _debate(["slow " * 200], ["x"], rounds=1, delay=0.01)

    async def consume():
        async for _ in debate.run():
            pass

    task = asyncio.create_task(consume())
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0)
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert others == []
    assert debate.transcript.status == "stopped"
    assert saves, "the stopped transcript was saved"


async def test_pausing_stops_the_turn_clock():
    debate, _ = _debate(["word " * 30], ["x"], rounds=1, turn_seconds=0.5, delay=0.01)

    async def pauser():
        await asyncio.sleep(0.05)
        debate.pause()
        left = debate.seconds_left
        await asyncio.sleep(0.7)  # longer than the whole turn clock
        assert abs(debate.seconds_left - left) < 0.01
        debate.resume()

    task = asyncio.create_task(pauser())
    await _events(debate)
    await task
    pro = debate.transcript.turns[0]
    assert not pro.truncated and pro.words == 30
