"""Decide whether a corpus supports, contradicts or is silent on one claim, offline.

For a claim the verifier gathers candidate evidence (BM25 sentence hits and the sentences
of any passages the speaker cited, each alone and joined with its neighbour) and compares
each candidate with the claim in plain terms (see ``analysis``):

* coverage: how much of the claim's content (IDF-weighted stems, synonyms folded) the
  candidate states, with words from the rest of its passage counted at a discount;
* quantities: each of the claim's numbers must be matched by a number of the same kind
  bound to the same subject (the clause of the candidate that shares the claim's words);
* names and roles: a claim name replaced by another name in the same slot;
* opposites and negation: "open" against "proprietary", "no controversy" against
  "controversy".

``supported`` needs high coverage and no conflict; ``contradicted`` needs a conflict on a
candidate that otherwise states the claim; anything else is ``unsupported``. Doubt falls
on the side of unsupported: a false contradiction punishes a debater unfairly.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from debate.citations import FOOTNOTE, MARKER
from debate.evidence.analysis import Analysis, Token, analyze, joined, keys_of
from debate.evidence.claims import MAX_PARTS, atomic_parts
from debate.evidence.checks import Pair, review_conflict, review_contradiction, review_support
from debate.evidence.kinds import Kind, Tag, read_claim
from debate.evidence.corpus import Corpus, Passage
from debate.evidence.index import per_corpus, search_index
from debate.evidence.lexicon import (MULTI_FILLER, SINGLE_FILLER, PHRASE_PARTS, POLES, TITLES, canonical, expand_query, frame_query,
                                     index_stem, opposed, stem)
from debate.evidence.quantities import Quantity, compare

SUPPORT_AT = 0.75  # coverage a candidate needs to support a claim
CONFLICT_AT = 0.6  # coverage of a partial match the direction / correction checks read
CONTRADICT_AT = 0.8  # coverage (outside the conflicting slot) a contradiction needs
NEGATION_AT = 0.85  # coverage a bare negation flip needs
CONTEXT_CREDIT = 0.6  # credit for a claim word found in the passage but not the sentence
SLOT_AT = 0.5  # most of a claim's weight a swapped name may carry: the rest must match
BIND_AT = 0.3  # share of the claim's words a number's clause must hold to be its counterpart
LONG_FROM, LONG_STEP, LONG_FLOOR = 6, 0.04, 0.45
PREDICATE_SLACK = 0.15  # support may lean on the passage for names, barely for the rest
SHORT = 9  # content words of a one-line factual claim: its names must be stated, not implied
HITS = 12  # BM25 sentence hits examined per claim
SLOT_HITS = 2  # candidates per claim name searched, and analysed, without that name
STRANGER_REACH = 6  # words between the claim's stated subject and predicate in the evidence
GENERIC_SHARE = 0.1  # a bare acronym in more sentences than this is a word of the field ("AI"), no name
UNITS = 10  # candidate units (besides cited ones) analysed in full per claim

ANAPHOR_CREDIT = 0.9
DOCUMENT_CREDIT = 0.5  # a name found elsewhere in the sentence's document
_ANAPHOR = re.compile(r"\b(?:it|its|the (?:\w+ )?(?:model|system|company|firm|lab|team|startup|unit|division|"
                      r"app|tool|product|study|trial|paper|authors|researchers))\b", re.IGNORECASE)
_CITATION = re.compile(rf"\s*(?:{MARKER.pattern}|{FOOTNOTE.pattern})")  # stripped from a claim
_WORD = re.compile(r"[a-z]+")
_DOCUMENT_NOUN = re.compile(r"\b(?:explainer|article|piece|story|report|timeline|post|overview|feature|profile|analysis)\b")
_INNER_CAPITAL = re.compile(r"(?<=[a-z0-9,;] )[A-Z][a-z]+\b")


@dataclass
class Evidence:
    passage: str  # passage id, e.g. "S002:4"
    text: str  # the deciding sentence(s)
    kind: str = "fact"  # what the deciding sentence is (``kinds.Kind``): fact, scenario, attributed...
    attribution: str = ""  # who it is attributed to, if anyone


@dataclass
class Check:
    claim: str
    label: str  # "supported" | "contradicted" | "unsupported"
    score: float
    evidence: list[Evidence]
    reason: str  # machine-readable: "entailed", "number-mismatch: 48 vs 42", "no-evidence"

    def to_dict(self) -> dict:
        return {"claim": self.claim, "label": self.label, "score": round(self.score, 3),
                "evidence": [{"passage": e.passage, "text": e.text, "kind": e.kind,
                              **({"attribution": e.attribution} if e.attribution else {})} for e in self.evidence],
                "reason": self.reason}


@dataclass
class _Unit:
    """A candidate piece of evidence: one or two consecutive sentences of a passage."""

    passage: Passage
    text: str
    analysis: Analysis
    context: set[str]
    cited: bool = False
    tags: tuple[Tag, ...] = ()  # kinds of the unit's sentences


@dataclass
class _Verdict:
    label: str
    score: float
    reason: str
    unit: _Unit | None = None
    extra: float = 0.0  # coverage with passage context, to prefer the fuller evidence
    bound: bool = False  # the conflicting figure is the one the evidence gives the claim's name
    numbers: str = "agree"  # the claim's numbers here: "agree" (all, or it has none), "conflict" or "absent"


class Verifier:
    """Checks claims against one corpus; build once per corpus (see ``verifier_for``)."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.index = search_index(corpus)
        self._size = max(len(self.index.sentences), 1)
        self._idf: dict[str, float] = {}
        self._context: dict[str, set[str]] = {}
        self._joined: dict[tuple[int, int], Analysis] = {}
        self._keys: dict[str, set[str]] = {}
        self._checked: dict[tuple[str, tuple[str, ...]], Check] = {}
        self._capitalised: dict[str, set[str]] = {}

    def _named(self, word: str, passage: Passage) -> bool:
        """Whether ``passage``'s document writes ``word`` capitalised inside a sentence: "Meta"
        opening a claim or a sentence is then the company, not the word "meta" (the analysis
        cannot tell a capitalised opening word from a name)."""
        found = self._capitalised.get(passage.doc)
        if found is None:
            document = self.corpus.document(passage.doc)
            found = self._capitalised[passage.doc] = {w for p in (document.passages if document else [])
                                                       for w in _INNER_CAPITAL.findall(p.text)}
        return word in found

    # -- weights -------------------------------------------------------------------
    def idf(self, token: Token) -> float:
        value = self._idf.get(token.stem)
        if value is None:
            word = token.word.lower().replace("’", "'").removesuffix("'s").rstrip("'")  # "Spark's" is "spark"
            parts = PHRASE_PARTS.get(word) or re.split(r"[-.']", word)
            dfs = [self.index.document_frequency(index_stem(p)) for p in parts if p]
            df = min(dfs) if dfs else 0
            value = self._idf[token.stem] = math.log(1 + (self._size - df + 0.5) / (df + 0.5))
        return value * (1.3 if token.name else 1.0)

    def _passage_context(self, passage: Passage) -> set[str]:
        """The words of a passage, its heading and its document's title."""
        keys = self._context.get(passage.id)
        if keys is None:
            keys = self._keys_of(passage.title) | self._keys_of(passage.heading)
            keys = self._context[passage.id] = keys.union(*self._sentence_keys(passage))
        return keys

    def _in_document(self, passage: Passage, wanted: set[str]) -> set[str]:
        """Those of ``wanted`` the sentences of ``passage``'s document use, reading them only
        until all are found (whole-document key sets cost ~3 ms a document to build)."""
        if not wanted:
            return set()
        document = self.corpus.document(passage.doc)
        found: set[str] = set()
        for p in (document.passages if document else []):
            for s in self.index.passage_sentences(p.id):
                found |= wanted & self._keys_of(s.text)
                if len(found) == len(wanted):
                    return found
        return found

    def _sentence_keys(self, passage: Passage) -> list[set[str]]:
        return [self._keys_of(s.text) for s in self.index.passage_sentences(passage.id)]

    def _keys_of(self, text: str) -> set[str]:
        """``keys_of(text)``, once per distinct text (documents repeat sentences and titles)."""
        keys = self._keys.get(text)
        if keys is None:
            keys = self._keys[text] = keys_of(text)
        return keys

    # -- candidates ----------------------------------------------------------------
    def _units(self, claim: str, cited: list[str], claim_a: Analysis, weights: list[float]) -> list[_Unit]:
        sentences = self.index.sentences
        positions: dict[int, bool] = {}
        for passage_id in cited:
            start = self.index.first_sentence.get(passage_id)
            if start is not None:
                for offset in range(len(self.index.passage_sentences(passage_id))):
                    positions[start + offset] = True
        for i, _ in self.index.sentence_hits(claim, HITS):
            positions.setdefault(i, False)
        for i, _ in self.index.sentence_hits(expand_query(claim), HITS // 2):  # paraphrases, lower priority
            positions.setdefault(i, False)
        # the same statement with another name in a slot: the claim's own (wrong) name pulls
        # sentences about that name, so search without each name in turn, the frame words'
        # synonyms added ("startup" for "company"); ``_most_covering`` keeps the candidates
        # that best cover the rest of the claim, where a slot swap shows
        tokens = claim_a.tokens
        for span in _name_spans(claim_a):
            if len(tokens) - len(span) >= 2:
                query = frame_query(claim[:tokens[span[0]].start] + claim[tokens[span[-1]].end:])
                for i, _ in self.index.sentence_hits(query, SLOT_HITS):
                    positions.setdefault(i, False)
        seen: set[tuple[int, int]] = set()
        candidates: list[tuple[int, int, bool]] = []

        def short(j: int) -> bool:  # a label line such as "Financial" between two facts
            return 0 <= j < len(sentences) and len(sentences[j].text.split()) < 4

        for i, was_cited in positions.items():
            before = i - 2 if short(i - 1) else i - 1
            after = i + 2 if short(i + 1) else i + 1
            for a, b in ((i, i), (before, i), (i, after)):
                if a < 0 or b >= len(sentences) or (a, b) in seen:
                    continue
                if sentences[a].passage is not sentences[b].passage:
                    continue
                seen.add((a, b))
                candidates.append((a, b, was_cited))
        return [_Unit(sentences[a].passage, " ".join(s.text for s in sentences[a:b + 1]), self._analysis(a, b),
                      self._passage_context(sentences[a].passage), was_cited, self._tags(a, b, claim_a))
                for a, b, was_cited in self._most_covering(candidates, claim_a, weights)]

    def _tags(self, a: int, b: int, claim: Analysis) -> tuple[Tag, ...]:
        """Kinds of sentences a..b, the one sharing most of the claim's words first."""
        keys = claim.keys
        tagged = []
        for i in range(a, b + 1):
            sentence = self.index.sentences[i]
            own = sentence.passage.sentences
            tag = own[sentence.index].tag if sentence.index < len(own) else Tag(Kind.FACT)
            tagged.append((len(keys & self._keys_of(sentence.text)), -i, tag))
        return tuple(t for _, _, t in sorted(tagged, key=lambda x: (x[0], x[1]), reverse=True))

    def _most_covering(self, spans: list[tuple[int, int, bool]], claim: Analysis,
                       weights: list[float]) -> list[tuple[int, int, bool]]:
        """The cited spans, the UNITS others that hold most of the claim's words, and for each
        of the claim's names the SLOT_HITS others that hold most of the claim without it.

        A cheap bound (claim words in the sentences, or in their passage at a discount)
        picks which candidates get the full analysis; the rest could not reach the
        coverage a verdict needs anyway. A sentence that fills a claim name's slot with
        another name lacks the claim's name, so it is ranked without that name too.
        """
        if len(spans) <= UNITS:
            return spans
        sentences = self.index.sentences

        def credits(span: tuple[int, int, bool]) -> list[float]:
            a, b, _ = span
            here = set().union(*(self._keys_of(sentences[j].text) for j in range(a, b + 1)))
            context = self._passage_context(sentences[a].passage)
            return [w * (1.0 if t.key in here else ANAPHOR_CREDIT if t.key in context else 0.0)
                    for t, w in zip(claim.tokens, weights)]

        free = [span for span in spans if not span[2]]
        table = {span: credits(span) for span in free}
        ranked = sorted(free, key=lambda span: sum(table[span]), reverse=True)
        keep = set(ranked[:UNITS])
        names = _name_spans(claim) if len(claim.tokens) > 2 else []
        for name in names:
            rest = [i for i in range(len(claim.tokens)) if i not in name]
            if len(rest) < 2:
                continue
            others = sorted((span for span in free if span not in keep),
                            key=lambda span: sum(table[span][i] for i in rest), reverse=True)
            keep.update(others[:SLOT_HITS])
        return [span for span in spans if span[2] or span in keep]

    def _analysis(self, a: int, b: int) -> Analysis:
        """The analysis of sentences a..b joined: each sentence is parsed once, pairs composed."""
        if a == b:
            return analyze(self.index.sentences[a].text)
        value = self._joined.get((a, b))
        if value is None:
            value = self._joined[(a, b)] = joined(self._analysis(a, b - 1), self._analysis(b, b))
        return value

    # -- the check -----------------------------------------------------------------
    def check(self, claim: str, *, cited: list[str] | None = None) -> Check:
        """Label ``claim``. Results are remembered per (claim, cited): the judge, the composer
        and a classroom batch ask about the same quoted sentences again and again."""
        key = (claim, tuple(cited or ()))
        found = self._checked.get(key)
        if found is None:
            found = self._checked[key] = self._check_parts(claim, cited)
            if len(self._checked) > 4096:
                self._checked.pop(next(iter(self._checked)))
        return copy.deepcopy(found)

    def _check_parts(self, claim: str, cited: list[str] | None) -> Check:
        """A claim of several statements ("X scored 61, while Y scored 48") is checked part by
        part: contradicted if any part is, supported only if every part is."""
        parts = atomic_parts(_CITATION.sub("", claim).strip())
        if len(parts) == 1:
            return self._check(claim, cited)
        if len(parts) > MAX_PARTS:
            return Check(claim, "unsupported", 0.0, [], f"too-long: more than {MAX_PARTS} statements")
        checks = [self._check(part, cited) for part in parts]
        for label in ("contradicted", "unsupported"):
            found = next((c for c in checks if c.label == label), None)
            if found is not None:
                return Check(claim, label, found.score, found.evidence, found.reason)
        return Check(claim, "supported", min(c.score for c in checks), [e for c in checks for e in c.evidence],
                     checks[0].reason)

    def _check(self, claim: str, cited: list[str] | None) -> Check:
        text = _CITATION.sub("", claim).strip()
        claim_a = analyze(text)
        weights = [self.idf(t) for t in claim_a.tokens]
        if not claim_a.tokens and not claim_a.quantities:
            return Check(claim, "unsupported", 0.0, [], "no-content")
        verdicts = [self._assess(claim_a, weights, u) for u in self._units(text, cited or [], claim_a, weights)]
        claim_tag = read_claim(text)
        verdicts = [self._review(text, claim_a, claim_tag, v) for v in verdicts]
        if not verdicts:
            return Check(claim, "unsupported", 0.0, [], "no-evidence")
        supported = [v for v in verdicts if v.label == "supported"]
        contradicted = [v for v in verdicts if v.label == "contradicted"]
        if supported:
            best = max(supported, key=lambda v: (v.score, v.unit.cited, -len(v.unit.text)))
        elif contradicted:
            best = max(contradicted, key=lambda v: (v.bound, round(v.score, 2), v.unit.cited, v.extra,
                                                    -len(v.unit.text)))
        else:
            best = max(verdicts, key=lambda v: v.score)
            return Check(claim, "unsupported", best.score, [_evidence(best.unit)],
                         best.reason or "no-evidence")
        return Check(claim, best.label, best.score, [_evidence(best.unit)], best.reason)

    def _review(self, text: str, claim: Analysis, tag: Tag, verdict: _Verdict) -> _Verdict:
        """The aligner's verdict after the checks of ``checks`` (which may refuse or overturn it)."""
        partial = verdict.label == "unsupported" and verdict.score >= CONFLICT_AT
        if verdict.label not in ("supported", "contradicted") and not partial:
            return verdict
        unit = verdict.unit
        context = unit.context
        if _ANAPHOR.search(unit.text) and claim.tokens and claim.tokens[0].name:
            # "the latest system", "it": the claim's subject may be named elsewhere in the document
            context = context | self._in_document(unit.passage, {claim.tokens[i].key for i in _name_spans(claim)[0]})
        describing = {t.key for t in claim.tokens if t.name and t.key not in context} \
            if _DOCUMENT_NOUN.search(text) else set()
        pair = Pair(text, claim, tag, unit.text, unit.analysis, unit.tags, context, unit.passage.title,
                    self._in_document(unit.passage, describing))
        if partial:
            finding = review_conflict(pair)
            if finding is None or finding.label != "contradicted":
                return verdict
        elif verdict.label == "supported":
            finding = review_support(pair)
        else:
            finding = review_contradiction(pair)
        if finding is None:
            return verdict
        return _Verdict(finding.label, verdict.score, finding.reason, unit, verdict.extra, verdict.bound,
                        verdict.numbers)

    def _assess(self, claim: Analysis, weights: list[float], unit: _Unit) -> _Verdict:
        statuses = [self._quantity(q, claim, weights, unit.analysis) for q in claim.quantities]
        verdict = self._judge(claim, weights, unit, statuses)
        verdict.unit = unit
        verdict.numbers = "conflict" if any(st.endswith("conflict") for st, _ in statuses) else \
            "agree" if all(st == "agree" for st, _ in statuses) else "absent"
        return verdict

    def _judge(self, claim: Analysis, weights: list[float], unit: _Unit,
               statuses: list[tuple[str, Quantity | None]]) -> _Verdict:
        keys = unit.analysis.keys
        # "the model", "it": the sentence speaks of a name its passage gives
        anaphor = bool(_ANAPHOR.search(unit.text))
        subject = set(_name_spans(claim)[0]) if anaphor and claim.tokens and claim.tokens[0].name else set()
        if subject and claim.tokens[max(subject)].word.endswith(("'s", "’s")):
            subject = set()  # "LeCun's company": "the company" stands for the company, not LeCun
        context = unit.context
        elsewhere = {claim.tokens[i].key for i in subject
                     if claim.tokens[i].key not in keys and claim.tokens[i].key not in context}
        document = self._in_document(unit.passage, elsewhere)
        credit = [1.0 if t.key in keys else
                  (ANAPHOR_CREDIT if i in subject else CONTEXT_CREDIT) if t.key in context else
                  DOCUMENT_CREDIT if i in subject and t.key in document else 0.0
                  for i, t in enumerate(claim.tokens)]
        # a contradiction must state the claim's predicate itself: only names (the subject)
        # may come from the rest of the passage
        strict = [c if c == 1.0 or t.name else 0.0 for t, c in zip(claim.tokens, credit)]

        def coverage(skip: set[int] = frozenset(), credits: list[float] = strict) -> float:
            den = sum(w for i, w in enumerate(weights) if i not in skip)
            if not den:
                return 1.0
            return sum(w * c for i, (w, c) in enumerate(zip(weights, credits)) if i not in skip) / den

        cov = coverage(credits=credit)
        firm = coverage()
        support_at, negation_at = _thresholds(len(claim.tokens))
        # numbers
        conflicts = [(q, s) for q, (st, s) in zip(claim.quantities, statuses) if st.endswith("conflict")]
        owned = any(st == "owned-conflict" for st, _ in statuses)
        all_agree = all(st == "agree" for st, _ in statuses)
        if conflicts and firm >= CONTRADICT_AT:
            q, s = conflicts[0]
            return _Verdict("contradicted", firm, f"number-mismatch: {q.describe()} vs {s.describe()}", extra=cov,
                            bound=owned)
        # names and roles in the same slot; a slot that holds several names (investors,
        # partners, hires) is not denied by another name in it: unknown, not wrong
        swap = self._swap(claim, unit, credit)
        if swap and not _several(claim, swap[0]):
            skip, mine, theirs = swap
            if coverage(skip) >= CONTRADICT_AT and sum(weights[i] for i in skip) <= SLOT_AT * sum(weights):
                return _Verdict("contradicted", coverage(skip), f"name-mismatch: {mine} vs {theirs}", extra=cov)
        stranger = self._stranger(claim, unit, credit)
        if stranger and not conflicts and not _several(claim, stranger[0]):
            skip, mine, theirs = stranger
            if coverage(skip) >= CONTRADICT_AT:
                return _Verdict("contradicted", coverage(skip), f"name-mismatch: {mine} vs {theirs}", extra=cov)
        slot = self._slot(claim, unit, credit) if all_agree else None
        if slot and not _several(claim, slot[0]):
            skip, mine, theirs = slot
            if coverage(skip) >= CONTRADICT_AT and sum(weights[i] for i in skip) <= SLOT_AT * sum(weights):
                return _Verdict("contradicted", coverage(skip), f"name-mismatch: {mine} vs {theirs}", extra=cov)
        holder = _title_holder_swap(claim, unit.analysis) if all_agree else None
        if holder:
            skip, mine, theirs, title = holder
            if coverage(skip) >= CONTRADICT_AT:
                return _Verdict("contradicted", coverage(skip), f"role-mismatch: {title} is {theirs}, not {mine}",
                                extra=cov)
        turned = _direction_swap(claim.text, unit.analysis.text) if all_agree else None
        if turned:
            mine, theirs = turned
            skip = {i for i, t in enumerate(claim.tokens) if t.key in keys_of(mine)}
            if coverage(skip) >= CONTRADICT_AT:
                return _Verdict("contradicted", coverage(skip), f"direction-mismatch: {theirs}", extra=cov)
        owner = _other_owner(claim, unit.analysis) if all_agree and len(claim.tokens) <= SHORT else None
        if owner:
            skip, mine, theirs, named = owner
            if coverage(skip) >= CONTRADICT_AT:
                return _Verdict("contradicted", coverage(skip), f"owner-mismatch: {named} is {theirs}, not {mine}",
                                extra=cov)
        # the claim's subject does the act where the evidence has another name do it ("Apple
        # acquired HashiCorp" against "HashiCorp was later acquired by IBM", "Meta released
        # Android" against "Google released Android"); the passage naming the claim's subject
        # elsewhere does not make it the actor
        agent = self._agent(claim, unit, credit) if len(claim.tokens) <= SHORT else None
        if agent and not _several(claim, agent[0]):
            skip, mine, theirs = agent
            if all_agree and coverage(skip) >= CONTRADICT_AT:
                return _Verdict("contradicted", coverage(skip), f"agent-mismatch: {mine} vs {theirs}", extra=cov)
        # opposites and negation
        claim_neg = _negated(claim, claim.keys)
        unit_neg = _negated(unit.analysis, claim.keys)
        polar = self._opposite(claim, unit.analysis)
        if polar:
            i, word, other = polar
            if claim_neg == unit_neg and all_agree and coverage({i}) >= CONTRADICT_AT:
                return _Verdict("contradicted", coverage({i}), f"opposite: {word} vs {other}", extra=cov)
        elif claim_neg != unit_neg and all_agree:
            if firm >= negation_at:
                return _Verdict("contradicted", firm, "negation", extra=cov)
            absent = self._negated_term(claim, weights, unit, credit)
            if absent:
                return _Verdict("contradicted", cov, f"negation: no {absent}", extra=cov)
        flipped = bool(polar) or claim_neg != unit_neg
        # a name the passage never mentions ("Mistral released ...") is not stated here
        # a title is what the claim says of its name ("as its chief AI officer"): stated here
        unnamed = any(t.key in TITLES and c < 1.0 for t, c in zip(claim.tokens, credit)) or \
            len(claim.tokens) <= SHORT and any(
            credit[max(span, key=lambda i: weights[i])] == 0 for span in _plain_names(claim))
        # two names the claim ties together must be tied in the evidence: each stated in it,
        # the subject perhaps as "it" ("LeCun's company is called OpenTofu" is not said by a
        # sentence about OpenTofu in a passage that mentions LeCun elsewhere)
        if len(claim.tokens) <= SHORT and not unnamed and claim.tokens and not claim.tokens[0].name \
                and claim.tokens[0].start == 0 and credit[0] == 0 and self._named(claim.tokens[0].word, unit.passage):
            unnamed = True  # "Meta released Android": an opening name the passage never uses
        spans = _name_spans(claim)
        if len(claim.tokens) <= SHORT and len(spans) > 1 and not unnamed:
            unnamed = any(credit[max(span, key=lambda i: weights[i])] == CONTEXT_CREDIT for span in spans)
        plain = [i for i, t in enumerate(claim.tokens) if not t.name]
        predicate = sum(weights[i] * strict[i] for i in plain) / sum(weights[i] for i in plain) if plain else 1.0
        if cov >= support_at and min(firm, predicate) >= support_at - PREDICATE_SLACK and all_agree \
                and not flipped and not swap and not conflicts and not unnamed and not owner and not agent \
                and not (stranger and _several(claim, stranger[0])) and not (slot and _several(claim, slot[0])):
            return _Verdict("supported", cov, "entailed", extra=cov)
        reason = "partial" if cov >= 0.5 else "no-evidence"
        if cov >= SUPPORT_AT and not all_agree and not conflicts:
            reason = "number-not-found"
        return _Verdict("unsupported", cov * (0.5 if not all_agree else 1.0), reason, extra=cov)

    def _quantity(self, q: Quantity, claim: Analysis, weights: list[float],
                  unit: Analysis) -> tuple[str, Quantity | None]:
        """("agree"|"conflict"|"absent", the unit's counterpart) for one claim number.

        The counterpart is the comparable number whose clause shares most of the claim's
        words: in "A scored 57, B scored 53" the claim "B scored 57" is about 53.
        """
        comparable = [(s, c) for s, c in zip(unit.quantities, unit.clause_of)
                      if compare(q, s) != "unknown"]
        if not comparable:
            return "absent", None
        weight = {t.key: w for t, w in zip(claim.tokens, weights)}
        clause_keys: dict[int, set[str]] = {}
        clause_tokens: dict[int, list[Token]] = {}
        for t in unit.tokens:
            clause_keys.setdefault(t.clause, set()).add(t.key)
            clause_tokens.setdefault(t.clause, []).append(t)

        # the claim's attribute words next to its number ("valued", "stake") tell apart
        # several numbers about one subject in one sentence
        attribute = {t.key for t in _near(claim.tokens, q) if not t.name}

        def bind(s: Quantity, clause: int) -> float:
            if s.kind == "date":  # "On April 8, 2026, Meta released ...": the date dates the next clause
                clause = _worded(clause_tokens, clause, unit.clauses)
            here = clause_keys.get(clause, set())
            near = clause_keys.get(clause - 1, set()) | clause_keys.get(clause + 1, set())
            close = {t.key for t in _near(unit.tokens, s)} & attribute
            return sum(w * (4 if k in close else 1) for k, w in weight.items() if k in here) + \
                0.25 * sum(w for k, w in weight.items() if k in near and k not in here)

        # "behind GPT-5.4 (57), Gemini 3.1 Pro (57), and Claude Opus 4.6 (53)": a figure whose
        # clause is nothing but the name that owns the claim's number is that name's figure
        owner = _owner(claim, q)
        if owner:
            owned = [s for s, c in comparable if _owned_by(clause_tokens.get(c, []), owner)]
            if owned:
                agreeing = [s for s in owned if compare(q, s) == "agree"]
                return ("agree", agreeing[0]) if agreeing else ("owned-conflict", owned[0])
        scored = [(bind(s, c), compare(q, s) == "agree", s) for s, c in comparable]
        best = max(b for b, _, _ in scored)
        for b, ok, s in scored:
            if ok and b >= best - 1e-9:
                return "agree", s
        if best < BIND_AT * sum(weights):
            return "absent", None
        top = [(s, c) for (b, ok, s), (_, c) in zip(scored, comparable) if b >= best - 1e-9]
        s, c = top[0]
        if q.kind == "date":
            # a plan ("will release ... in 2027") is not undone by the date of a past event
            if _MODAL.search(claim.text):
                return "absent", None
            # the claim's event must be the one the unit dates: "acquisition by IBM in 2024"
            # does not date "the license change" the same sentence mentions
            mine = {t.key for t in _dated(claim.tokens, q, claim.clause_of[claim.quantities.index(q)]) if not t.name}
            if mine & unit.keys and not mine & {t.key for t in _dated(unit.tokens, s, c)}:
                return "absent", None
        return "conflict", s

    def _swap(self, claim: Analysis, unit: _Unit, credit: list[float]):
        """A claim name (or title) standing where the unit has a different one.

        Aligns the two key sequences; a replaced stretch whose claim side is names the
        passage never mentions and whose unit side starts with a name the claim lacks,
        with matching words right before or after, is a swap: "first model from Google
        DeepMind" against "first model from Meta Superintelligence Labs".
        """
        b = [t.key for t in unit.analysis.tokens]
        # another version of the same name: "the Llama 2 release" vs "the Llama 3.1 release"
        for i in range(1, len(claim.tokens)):
            mine, name = claim.tokens[i], claim.tokens[i - 1]
            if not mine.word[0].isdigit() or not name.name or credit[i] > 0:
                continue
            versions = [b[j + 1] for j in range(len(b) - 1) if b[j] == name.key and b[j + 1] != mine.key
                        and unit.analysis.tokens[j + 1].word[0].isdigit()]
            if versions and len(set(versions)) == 1:
                return {i}, f"{name.word} {mine.word}", f"{name.word} {versions[0][1:]}"
        a = [t.key for t in claim.tokens]
        ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        claim_keys = set(a)
        for n, (op, i1, i2, j1, j2) in enumerate(ops):
            if op != "replace":
                continue
            mine = claim.tokens[i1:i2]
            theirs = unit.analysis.tokens[j1:j2]
            if not all(t.name for t in mine) or any(credit[i] > 0 for i in range(i1, i2)):
                continue
            if not any(set(span) == set(range(i1, i2)) for span in _name_spans(claim)):
                continue  # part of a name ("DeepMind" of "Google DeepMind") is no swap
            before = n > 0 and ops[n - 1][0] == "equal"
            after = n + 1 < len(ops) and ops[n + 1][0] == "equal"
            if not (before or after) or len(mine) > 4:
                continue
            lead = theirs[:3] if before else theirs[-3:]
            at = j1 if before else max(j1, j2 - 3)
            rivals = [t for n, t in enumerate(lead, at) if t.name and t.key not in claim_keys
                      and not self._generic(unit.analysis.tokens, n)]
            if not rivals:
                continue
            return (set(range(i1, i2)), " ".join(t.word for t in mine),
                    _name_at(unit.analysis, rivals[0]))
        return None

    def _generic(self, tokens: list[Token], n: int) -> bool:
        """Whether the name at ``tokens[n]`` is a bare acronym the corpus uses everywhere ("AI"
        in a corpus about AI): a word of the field, not a rival to a claim's name."""
        t = tokens[n]
        if not t.word.isupper() or len(_run(tokens, n)) > 1:
            return False
        return self.index.document_frequency(index_stem(t.word)) > GENERIC_SHARE * self._size

    def _stranger(self, claim: Analysis, unit: _Unit, credit: list[float]):
        """A claim name the corpus knows but this passage never uses, where it uses another.

        "X's startup is called Scale AI" against a passage about X's startup that names it
        AMI Labs: Scale AI is a name from elsewhere in the corpus put in the wrong place.
        A name the corpus never mentions is only unknown (unsupported), not wrong.
        """
        spans = _name_spans(claim)
        if len(spans) < 2 or claim.quantities:
            return None
        plain = [i for i, t in enumerate(claim.tokens) if not t.name]
        if not any(credit[i] == 1.0 for i in plain):
            return None  # the predicate must be stated here, not just the names
        def key_word(span: list[int]) -> int:
            return max(span, key=lambda i: self.idf(claim.tokens[i]))

        for span in spans:
            if not any(credit[key_word(s)] == 1.0 for s in spans if s is not span):
                continue  # the subject must be named in the sentence itself
            if credit[key_word(span)] > 0:
                continue
            if any(self.index.document_frequency(claim.tokens[i].stem) == 0 for i in span):
                continue
            claim_keys = claim.keys
            tokens = unit.analysis.tokens
            rivals = [n for n, t in enumerate(tokens) if t.name and t.key not in claim_keys
                      and not self._generic(tokens, n)]
            if not rivals:
                continue
            # the rival nearest the words the claim shares with the sentence
            stated = {claim.tokens[i].key for i in plain if credit[i] == 1.0}
            anchors = [n for n, t in enumerate(tokens) if t.key in stated] or [0]
            nearest = min(rivals, key=lambda n: (min(abs(n - a) for a in anchors), n))
            # the predicate must be said of the subject: near where the sentence names it, not
            # a sentence later ("... Nat Friedman ... This push is part of a ... investment plan")
            named = {claim.tokens[key_word(s)].key for s in spans if s is not span and credit[key_word(s)] == 1.0}
            at = [n for n, t in enumerate(tokens) if t.key in named]
            if not any(abs(a - n) <= STRANGER_REACH for a in anchors for n in at):
                continue
            while nearest > 0 and nearest - 1 in rivals and tokens[nearest - 1].clause == tokens[nearest].clause:
                nearest -= 1
            return (set(span), " ".join(claim.tokens[i].word for i in span),
                    _name_at(unit.analysis, tokens[nearest]))
        return None

    def _slot(self, claim: Analysis, unit: _Unit, credit: list[float]):
        """A claim name the sentence lacks, where the sentence puts another name in its slot.

        The slot is found by the claim's word right before the name ("start Scale AI",
        "built by OpenAI", "switched from the Apache License") or right after it ("London
        office"): the sentence has that word with a different name next to it ("start AMI
        Labs", "built by its new Superintelligence Labs division", "Menlo Park
        headquarters"). A name the sentence states is no swap, nor is a sentence-initial word.
        """
        tokens = claim.tokens
        theirs = unit.analysis.tokens
        claim_keys = claim.keys
        runs = []
        for i, t in enumerate(tokens):
            if t.name and (not runs or i not in runs[-1]):
                runs.append(_run(tokens, i))
        for span in runs:
            if span[0] == 0 or any(tokens[i].key in TITLES for i in span):
                continue
            key_word = max(span, key=lambda i: self.idf(tokens[i]))
            if credit[key_word] == 1.0:
                continue
            for anchor, step in ((span[0] - 1, 1), (span[-1] + 1, -1)):
                if not 0 <= anchor < len(tokens) or tokens[anchor].name or credit[anchor] != 1.0:
                    continue
                for n, u in enumerate(theirs):
                    if u.key != tokens[anchor].key:
                        continue
                    # the next name within two words of the anchor, in its clause
                    for m in range(n + step, n + 3 * step, step):
                        if not 0 <= m < len(theirs) or theirs[m].clause != u.clause:
                            break
                        if theirs[m].name:
                            run = _run(theirs, m)
                            if self._generic(theirs, m):
                                break
                            new = [r for r in run if theirs[r].key not in claim_keys]
                            if 2 * len(new) <= len(run) or any(theirs[r].key in TITLES for r in run):
                                break
                            return (set(span), " ".join(tokens[i].word for i in span),
                                    " ".join(theirs[r].word for r in run))
        return None

    def _agent(self, claim: Analysis, unit: _Unit, credit: list[float]):
        """The claim's opening name, the doer of its verb, where the sentence has another doer.

        "Apple acquired HashiCorp" / "Google bought NeXT": the claim opens with a name and a
        verb right after it; the sentence, which does not name the claim's subject itself,
        has that verb with another name as its doer, before it ("Apple — near bankruptcy —
        acquired NeXT", "Google released Android") or after a passive "by" ("HashiCorp was
        later acquired by IBM").
        """
        tokens = claim.tokens
        spans = _name_spans(claim)
        if spans and spans[0][0] == 0:
            subject = spans[0]
        elif tokens and tokens[0].start == 0 and not tokens[0].name and self._named(tokens[0].word, unit.passage):
            subject = [0]  # "Meta" opening a sentence is no name to the analysis
            spans = [subject] + spans
        else:
            return None
        if len(spans) < 2:
            return None
        verb_at = subject[-1] + 1
        if verb_at >= len(tokens) or tokens[subject[-1]].word.endswith(("'s", "'")):
            return None
        verb = tokens[verb_at]
        gap = claim.text[tokens[subject[-1]].end:verb.start]
        if verb.name or not verb.word.islower() or gap.strip() or verb.key in TITLES or credit[verb_at] != 1.0:
            return None
        key_word = max(subject, key=lambda i: self.idf(tokens[i]))
        theirs = unit.analysis.tokens
        text = unit.analysis.text
        claim_keys = claim.keys
        # sentence ends: a unit may join two sentences, and only the verb's own sentence counts
        ends = [m.start() for m in re.finditer(r"[.!?]\s+(?=[A-Z0-9\"'])", text)] + [len(text)]
        for n, u in enumerate(theirs):
            if u.key != verb.key:
                continue
            stop = next(e for e in ends if e >= u.start)
            begin = max((e for e in ends if e < u.start), default=-1)
            if any(begin < t.start < stop and t.key == tokens[key_word].key for t in theirs):
                return None  # the verb's sentence names the claim's subject: the other checks decide
            doer = None
            after = re.match(r"\s+by\s+(?:the\s+)?", text[u.end:])
            if after:
                m = n + 1
                if m < len(theirs) and theirs[m].name and theirs[m].start == u.end + after.end():
                    doer = m
            else:
                for m in range(n - 1, max(n - 5, -1), -1):
                    between = text[theirs[m].end:u.start]
                    if re.search(r"[,.;:()]|\b(?:and|but|while|which|who|that)\b", between):
                        break
                    if theirs[m].name or self._named(theirs[m].word, unit.passage):
                        if re.search(r"\b(?:was|were|is|are|been|being|be)\b", between):
                            break  # passive: the name is what was acted on
                        doer = m
                        break
            if doer is None:
                continue
            run = _run(theirs, doer)
            if doer != run[0] and doer == run[-1]:
                doer = run[0]
            run = _run(theirs, doer)
            if any(theirs[r].key in claim_keys for r in run) or any(theirs[r].key in TITLES for r in run) \
                    or self._generic(theirs, doer):
                continue
            return (set(subject), " ".join(tokens[i].word for i in subject),
                    " ".join(theirs[r].word for r in run))
        return None

    def _opposite(self, claim: Analysis, unit: Analysis):
        """A claim word whose opposite the unit uses about the same thing."""
        keys = unit.keys
        stems = {t.stem for t in unit.tokens}
        others = claim.keys
        clauses: dict[int, set[str]] = {}
        for u in unit.tokens:
            clauses.setdefault(u.clause, set()).add(u.key)
        for i, t in enumerate(claim.tokens):
            if t.stem not in POLES and t.key not in POLES:
                continue  # every way out below needs an opposite of this word
            if any(opposed(t.stem, v.stem) or opposed(t.key, v.key) for v in claim.tokens):
                continue  # the claim names both poles ("severe, mild and asymptomatic cases")
            if t.key in keys or t.stem in stems:
                # "excels at X but struggles with Y": the clause about the claim's topic decides
                topic = {v.key for v in claim.tokens if not v.name} - {t.key}
                best = max(clauses.values(), key=lambda c: len(c & topic), default=set())
                if not topic or len(best & topic) < 2:
                    # "its open-source Llama strategy toward a closed-source model called Muse
                    # Spark": the pole written nearest the claim's name is the one said of it
                    near = _nearest_pole(claim, unit, t)
                    if near is not None and near.key != t.key and near.stem != t.stem:
                        return i, t.word, near.word
                    continue
                if t.key in best:
                    continue
                for u in unit.tokens:
                    if u.key in best and (opposed(t.stem, u.stem) or opposed(t.key, u.key)):
                        return i, t.word, u.word
                continue
            for u in unit.tokens:
                if not (opposed(t.stem, u.stem) or opposed(t.key, u.key)):
                    continue
                clause = {v.key for v in unit.tokens if v.clause == u.clause} - {u.key}
                if clause & (others - {t.key}) or len({v.clause for v in unit.tokens}) == 1:
                    return i, t.word, u.word
        return None

    def _negated_term(self, claim: Analysis, weights: list[float], unit: _Unit,
                      credit: list[float]) -> str:
        """ "no controversy" against evidence that names the controversy, same subject."""
        names = [i for i, t in enumerate(claim.tokens) if t.name]
        if not names or any(credit[i] == 0 for i in names):
            return ""
        # what the claim denies must be this unit's topic: when its rarest plain word is under
        # the negation ("no correlation between smoking and ...") the unit must state it
        if _denies_elsewhere(claim, weights, credit):
            return ""
        terms = [(self.idf(t), t.word) for i, t in enumerate(claim.tokens)
                 if t.negated and not t.name and credit[i] == 1.0
                 and any(u.key == t.key and not u.negated for u in unit.analysis.tokens)]
        return max(terms)[1] if terms else ""


def _denies_elsewhere(claim: Analysis, weights: list[float], credit: list[float]) -> bool:
    """Whether the claim negates a topic the evidence never states.

    "No correlation between smoking and illness" denies something about smoking; evidence
    that never mentions smoking cannot contradict it. The test: one of the claim's rarest
    plain words is under the negation and has no credit in the evidence.
    """
    plain = [i for i, t in enumerate(claim.tokens) if not t.name]
    top = max((weights[i] for i in plain), default=0.0)
    return any(claim.tokens[i].negated and credit[i] == 0 and weights[i] >= top - 1e-9 for i in plain)


def _several(claim: Analysis, span: set[int]) -> bool:
    """Whether the claim's name at ``span`` fills a slot that holds several names at once
    (the word next to it is invested, partnered, hired, users): another name there is no
    contradiction. A claim using a single-filler word (acquired, founded, built, CEO) keeps
    its slot exclusive."""
    if not span:
        return False
    tokens = claim.tokens
    stems = {t.stem for t in tokens if not t.name} | {t.key for t in tokens if t.key in TITLES}
    if stems & SINGLE_FILLER:
        return False
    beside = [i for i in (min(span) - 1, max(span) + 1) if 0 <= i < len(tokens) and not tokens[i].name]
    return any(tokens[i].stem in MULTI_FILLER for i in beside)


def _thresholds(words: int) -> tuple[float, float]:
    """Coverage needed to support, and to contradict by negation, a claim of ``words`` words.

    A long claim paraphrases its source; it cannot be matched word for word, so the bar
    drops with length (from LONG_FROM content words) down to a floor.
    """
    drop = max(0, words - LONG_FROM) * LONG_STEP
    return max(SUPPORT_AT - drop, LONG_FLOOR), max(NEGATION_AT - drop, LONG_FLOOR)


_FROM_TO = re.compile(r"\bfrom (?:the |a |an )?((?:[\w'-]+ ){0,4}?[\w'-]+) (?:to|towards?) (?:the |a |an )?((?:[\w'-]+ ){0,5}?[\w'-]+)"
                      r"(?=[.,;:]|$| and | but | in | on | after | before )", re.IGNORECASE)


def _direction_swap(claim: str, unit: str) -> tuple[str, str] | None:
    """A claim that puts the end of a change where the evidence puts its start (or back):
    "switched to the Mozilla Public License" against "switched from the Mozilla Public
    License to the restrictive Business Source License"."""
    if " from " not in unit.lower() or " to" not in unit.lower():
        return None
    said = {m.group(1).lower(): m.group(2).lower() for m in _FROM_TO.finditer(unit)}
    for start, end in said.items():
        if start == end or start in end or end in start:
            continue
        for word, other, wrong in (("(?:to|towards?)", start, end), ("from", end, start)):
            tail = other.split()[-3:] if len(other.split()) > 3 else other.split()  # "(restrictive) Business ..."
            match = re.search(rf"\b{word} (?:the |a |an )?(?:[\w'-]+ )?{re.escape(' '.join(tail))}\b", claim,
                              re.IGNORECASE)
            own = set(wrong.split()) - set(other.split())  # the other end's own words, not said by the claim
            if match and not any(re.search(rf"\b{re.escape(w)}\b", claim, re.IGNORECASE) for w in own):
                return other, f"from {start} to {end}"
    return None


def _owner(claim: Analysis, q: Quantity) -> set[str]:
    """The keys of the name the claim gives number ``q`` to: the name right before it in its
    clause ("Claude Opus 4.6 scored 57"), with at most one plain word between."""
    before = [i for i, t in enumerate(claim.tokens) if t.end <= q.start]
    if not before:
        return set()
    clause = claim.clause_of[claim.quantities.index(q)] if q in claim.quantities else -1
    last = before[-1]
    if not claim.tokens[last].name and len(before) > 1:
        last = before[-2]
    if not claim.tokens[last].name or claim.tokens[last].clause != clause:
        return set()
    for span in _name_spans(claim):
        if last in span:
            return {claim.tokens[i].key for i in span}
    return set()


def _owned_by(tokens: list[Token], owner: set[str]) -> bool:
    """Whether a clause of nothing but name words names (part of) ``owner``."""
    return bool(tokens) and all(t.name for t in tokens) and {t.key for t in tokens} <= owner


_FORMER = {stem(w) for w in "former ex previous onetime then".split()}


def _run(tokens: list[Token], k: int) -> list[int]:
    """The positions of the name written around token ``k``: capitalised words with only a
    space or hyphen between them, ending at a possessive ("Meta's")."""
    def joined(a: int, b: int) -> bool:
        return tokens[a].name and tokens[b].name and TITLES.isdisjoint((tokens[a].key, tokens[b].key)) and \
            tokens[b].start - tokens[a].end <= 1 and \
            not tokens[a].word.endswith(("'s", "’s", "'")) and tokens[a].clause == tokens[b].clause
    lo = hi = k
    while lo > 0 and joined(lo - 1, lo):
        lo -= 1
    while hi + 1 < len(tokens) and joined(hi, hi + 1):
        hi += 1
    return list(range(lo, hi + 1))


def _title_holders(analysis: Analysis) -> list[tuple[int, list[int]]]:
    """(title token, holder run) for each title set next to a name.

    "Chief AI Officer Alexandr Wang" (name right after the title), "Nat Friedman as its
    chief AI officer", "Wang, Meta's first-ever chief AI officer" (name before it, past an
    owner's possessive and one plain word). A former title ("former GitHub CEO") or one
    qualified by an organisation's name ("GitHub CEO") holds nothing.
    """
    tokens = analysis.tokens
    out = []
    for k, t in enumerate(tokens):
        if t.key not in TITLES or any(u.stem in _FORMER for u in tokens[max(0, k - 2):k]):
            continue
        previous = tokens[k - 1] if k else None
        qualified = previous is not None and previous.name and previous.clause == t.clause \
            and not previous.word.endswith(("'s", "’s")) and t.start - previous.end <= 1
        if k + 1 < len(tokens) and tokens[k + 1].name and tokens[k + 1].clause == t.clause \
                and tokens[k + 1].key not in TITLES and tokens[k + 1].start - t.end <= 1:
            if not qualified:
                out.append((k, _run(tokens, k + 1)))
            continue
        j, plain = k - 1, 0
        while j >= 0 and tokens[j].clause == t.clause:
            u = tokens[j]
            if u.name and u.key not in TITLES and not u.word.endswith(("'s", "’s")):
                out.append((k, _run(tokens, j)))
                break
            if not u.name:
                plain += 1
                if plain > 1:
                    break
            j -= 1
    return out


def _title_holder_swap(claim: Analysis, unit: Analysis):
    """The claim gives a title to one name where the evidence gives it to another.

    "Meta hired Nat Friedman as its chief AI officer" against "overseen by Chief AI Officer
    Alexandr Wang": the holder the evidence names must be a name the claim never uses.
    """
    mine = _title_holders(claim)
    if not mine:
        return None
    claim_keys = claim.keys
    theirs = _title_holders(unit)
    for title, span in mine:
        holder = {claim.tokens[i].key for i in span}
        for other_title, other in theirs:
            if unit.tokens[other_title].key != claim.tokens[title].key:
                continue
            keys = {unit.tokens[i].key for i in other}
            if keys & claim_keys or keys & holder:
                continue
            return (set(span), " ".join(claim.tokens[i].word for i in span),
                    " ".join(unit.tokens[i].word for i in other), claim.tokens[title].word)
    return None


# a claim about what is planned or expected, not what happened
_MODAL = re.compile(r"\b(?:will|would|could|might|shall|(?:plan|intend|aim|hope|expect)(?:s|ed|ing)?|"
                    r"set to|going to|scheduled|upcoming|due to|next)\b|\bmay\b(?! \d)|'ll\b", re.IGNORECASE)


def _worded(clause_tokens: dict[int, list[Token]], clause: int, clauses: int) -> int:
    """``clause``, or when it holds no words (a date opening a sentence, "On April 8, 2026,";
    a date line above a paragraph) the next clause that does."""
    c = clause
    while not clause_tokens.get(c) and c + 1 < clauses:
        c += 1
    return c if clause_tokens.get(c) else clause


def _dated(tokens: list[Token], q: Quantity, clause: int) -> list[Token]:
    """The words of the event a date dates: those before it in its clause ("acquisition
    by IBM in 2024"), else after it ("in 2024 it bought ..."), else, for a date standing
    alone ("On April 8, 2026, Meta released ...", a date line over a paragraph), the words
    that follow it."""
    here = [t for t in tokens if t.clause == clause]
    words = [t for t in here if t.end <= q.start] or [t for t in here if t.start >= q.end]
    if not words:
        words = [t for t in tokens if t.start >= q.end]
    return words


_FOUND = {canonical(stem(w)) for w in "found start own".split()}


def _other_owner(claim: Analysis, unit: Analysis):
    """The claim gives a name to one owner where the evidence writes another's possessive
    right before it: "LeCun's venture is called NeXT" or "Yann LeCun founded NeXT" against
    "... AMI Labs venture echoes Jobs's NeXT". Only for a claim that says whose it is (a
    possessive, or founding/owning), so "Wang built Muse Spark" is not undone by "Meta's Muse Spark"."""
    spans = _name_spans(claim)
    if len(spans) < 2:
        return None
    claim_keys = claim.keys
    tokens = unit.tokens
    for span in spans:
        others = [s for s in spans if s is not span]
        owners = [s for s in others if claim.tokens[s[-1]].word.endswith(("'s", "’s"))]
        if not owners and not any(t.key in _FOUND and not t.name for t in claim.tokens):
            continue
        owners = owners or others
        keys = [claim.tokens[i].key for i in span]
        for n in range(1, len(tokens) - len(keys) + 1):
            if [t.key for t in tokens[n:n + len(keys)]] != keys:
                continue
            before = tokens[n - 1]
            if before.name and before.word.endswith(("'s", "’s")) and before.key not in claim_keys \
                    and before.clause == tokens[n].clause and tokens[n].start - before.end <= 1:
                mine = owners[0]
                return (set(mine), " ".join(claim.tokens[i].word for i in mine), before.word,
                        " ".join(claim.tokens[i].word for i in span))
    return None


def _near(tokens: list[Token], q: Quantity, reach: int = 24) -> list[Token]:
    """Tokens within ``reach`` characters of quantity ``q`` (same text)."""
    return [t for t in tokens if 0 <= q.start - t.end <= reach or 0 <= t.start - q.end <= reach]


def _nearest_pole(claim: Analysis, unit: Analysis, word: Token) -> Token | None:
    """The unit's word on either pole of ``word``'s dimension written nearest (in words,
    same sentence) to a name of the claim; None when the claim's names are not there."""
    names = {t.key for t in claim.tokens if t.name}
    at = [n for n, u in enumerate(unit.tokens) if u.name and u.key in names]
    if not at:
        return None
    poles = [n for n, u in enumerate(unit.tokens)
             if u.key == word.key or u.stem == word.stem or opposed(word.stem, u.stem) or opposed(word.key, u.key)]
    if not poles:
        return None
    distance = {n: min(abs(n - a) for a in at) for n in poles}
    best = min(distance.values())
    nearest = [n for n in poles if distance[n] == best]
    return unit.tokens[nearest[0]] if len({unit.tokens[n].key for n in nearest}) == 1 else None


def _plain_names(analysis: Analysis) -> list[list[int]]:
    """The name spans past the first word, of letters only: "Mistral", "Sequoia Capital",
    not a capitalised opening word or a code such as "COVID-19"."""
    return [span for span in _name_spans(analysis) if span[0] > 0 and
            all(analysis.tokens[i].word.replace("'", "").isalpha() and analysis.tokens[i].key not in TITLES
                for i in span)]


def _name_spans(analysis: Analysis) -> list[list[int]]:
    """Token positions of each run of adjacent name tokens."""
    spans: list[list[int]] = []
    for i, t in enumerate(analysis.tokens):
        previous = analysis.tokens[i - 1] if i else None
        if t.name and spans and spans[-1][-1] == i - 1 and previous.name \
                and t.clause == previous.clause and TITLES.isdisjoint((t.key, previous.key)):
            spans[-1].append(i)
        elif t.name:
            spans.append([i])
    return spans


def _negated(unit: Analysis, claim_keys: set[str]) -> int:
    """1 when the unit negates what it says about the claim's words."""
    touched = [t for t in unit.tokens if t.key in claim_keys]
    return 1 if any(t.negated for t in touched) else 0


def _name_at(analysis: Analysis, token: Token) -> str:
    words, started = [], False
    for t in analysis.tokens:
        if t is token:
            started = True
        if started:
            if not t.name:
                break
            words.append(t.word)
    return " ".join(words)


def _evidence(unit: _Unit | None) -> Evidence:
    if unit is None:
        return Evidence("", "")
    tag = unit.tags[0] if unit.tags else Tag(Kind.FACT)
    return Evidence(unit.passage.id, unit.text, str(tag.kind), tag.attribution)


_VERIFIERS: dict[str, Verifier] = {}


def verifier_for(corpus: Corpus) -> Verifier:
    """The verifier of ``corpus``, built once per corpus fingerprint and reused."""
    return per_corpus(_VERIFIERS, corpus, Verifier)
