"""Split a folder of articles into citable passages with stable ids.

A passage id is ``S<doc>:<n>``: ``doc`` is a short form of the file stem (the numeric
prefix of ``000_fc92….txt`` when it is unique, else the whole stem) and ``n`` counts the
passages of that file from 1. Ids depend only on the file's name and text, so a citation
in a saved transcript still resolves after a re-run.

Page chrome ("Like 0", "Sign Up", "Comments (0)", share links) and exact duplicate
paragraphs are dropped; headings are kept with the paragraph they introduce; very long
paragraphs are cut at sentence boundaries so a passage stays small enough to quote.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from debate.errors import UserError
from debate.evidence.kinds import Kind, TaggedSentence, is_pastiche_label, section_kind, tag_sentence
from debate.sanitize import clean

SOURCE_SUFFIXES = (".txt", ".md")

# Passage sizing, in words.
MIN_WORDS = 20  # a sentence tail shorter than this joins the chunk before it
MIN_BODY_WORDS = 12  # a heading starts a new passage once the current one has this much text
TARGET_WORDS = 40  # a group this long is a passage
MAX_WORDS = 150  # a paragraph longer than this is cut at sentence boundaries
CHUNK_WORDS = 90

_CHROME = [
    r"(like|dislike|love|funny|wow|sad|angry|haha|share|tweet|pin)( \w+)? ?\d*",
    r"(why )?sign (up|in)( now| free| for free)?",
    r"(log ?in|register|subscribe|follow|following|unfollow)( now| us| today)?",
    r"comments? ?\(?\d*\)?",
    r"what'?s your reaction\??",
    r"pull to refresh",
    r"logo",
    r"user",
    r"daily brief",
    r"interactive",
    r"advertisement|sponsored( content)?",
    r"(read|see|show) (more|less|all)",
    r"related (articles|stories|posts)",
    r"share (on|via|this)( \w+)*",
    r"(facebook|twitter|x|linkedin|whatsapp|reddit|email|telegram|pinterest)"
    r"([ ,|/]+(facebook|twitter|x|linkedin|whatsapp|reddit|email|telegram|pinterest))*",
    r"updated:? .{0,30}ago",
    r"\d+ (min|minute|hour)s? (read|ago)",
    r"sources?( \(\d+\))?",
    r"\(\d+\)",
    r"sign up to .{0,80}",
    r"accept( all)? cookies.*|we use cookies.*",
    r"exploring all sides of a story .{0,80}",
    r"[\W_]*",  # punctuation only: ", ,"
    r"0( 0)+",  # runs of zero counters: "0 0"
]
CHROME_LINE = re.compile(r"^(?:" + "|".join(_CHROME) + r")$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[•·▪◦*–-]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9$£€])")
_WORD = re.compile(r"\S+")


def normalize(text: str) -> str:
    """Fold the differences a reader does not see: curly quotes, dashes, spacing, case."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_FOLD)
    return " ".join(text.split()).casefold()


_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"',
                       "„": '"', "‟": '"', "–": "-", "—": "-", "‑": "-", "−": "-",
                       "\u00a0": " "})


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as (start, end) offsets, cut after . ! ? before a capital."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@dataclass(frozen=True)
class Passage:
    """One citable unit of a source document."""

    id: str  # "S000:4"
    doc: str  # short document id: "000"
    source: str  # file name: "000_fc92738084ff04bc.txt"
    title: str  # the document's first line, for showing where a passage comes from
    text: str  # cleaned passage text, what quotes are checked against
    start: int  # offsets of the passage's span in the source file text
    end: int
    heading: str = ""  # heading lines that introduce the passage, if any
    # the passage's sentences, each tagged with its kind (see ``kinds``): what checks compare
    sentences: tuple[TaggedSentence, ...] = ()

    @property
    def number(self) -> int:
        return int(self.id.rsplit(":", 1)[1])

    @property
    def kind(self) -> Kind:
        """The passage's main kind: ``fact`` if any sentence is one, else its first sentence's."""
        kinds = [s.kind for s in self.sentences if s.kind != Kind.HEADING]
        if Kind.FACT in kinds:
            return Kind.FACT
        return kinds[0] if kinds else Kind.HEADING


@dataclass
class Document:
    doc: str
    path: Path
    title: str
    text: str  # the raw file text, for showing a passage in context
    passages: list[Passage] = field(default_factory=list)


@dataclass
class Corpus:
    """The passages of every document in a folder, addressable by id."""

    folder: Path
    documents: list[Document]

    @cached_property
    def passages(self) -> list[Passage]:
        return [p for d in self.documents for p in d.passages]

    @cached_property
    def by_id(self) -> dict[str, Passage]:
        return {p.id: p for p in self.passages}

    @cached_property
    def fingerprint(self) -> str:
        """Content hash of the corpus: keys caches (the search index) to this exact text."""
        digest = hashlib.sha256()
        for d in self.documents:
            digest.update(d.path.name.encode() + b"\0" + d.text.encode() + b"\0")
        return digest.hexdigest()[:16]

    @property
    def files(self) -> list[str]:
        return [d.path.name for d in self.documents]

    def get(self, passage_id: str) -> Passage | None:
        return self.by_id.get(passage_id)

    def document(self, doc: str) -> Document | None:
        return next((d for d in self.documents if d.doc == doc), None)


def short_doc_ids(stems: list[str]) -> dict[str, str]:
    """Map each file stem to its short id: the leading token if all are distinct, else the stem."""
    prefixes = {s: re.split(r"[_\s-]", s, maxsplit=1)[0] for s in stems}
    if all(prefixes.values()) and len(set(prefixes.values())) == len(stems):
        short = prefixes
    else:
        short = {s: s for s in stems}
    return {s: re.sub(r"[^A-Za-z0-9_.-]", "-", v) for s, v in short.items()}


def _blocks(text: str) -> list[tuple[int, int, str]]:
    """Blank-line separated blocks as (start, end, cleaned text); chrome lines removed."""
    out = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", text, re.DOTALL):
        lines = []
        for line in match.group(0).splitlines():
            line = _BULLET.sub("", line).strip()
            if line and not CHROME_LINE.match(normalize(line)):
                lines.append(line)
        if lines:
            out.append((match.start(), match.end(), "\n".join(lines)))
    return out


def _is_heading(block: str) -> bool:
    words = word_count(block)
    return "\n" not in block and words <= 14 and not re.search(r"[.!:;\"”’']\s*$", block)


def split_document(doc: str, path: Path, text: str) -> Document:
    """Split one file's text into passages (see the module docstring for the rules)."""
    blocks, seen = [], set()
    for start, end, block in _blocks(text):
        key = normalize(block)
        if key in seen:  # exact duplicate paragraph (or a repeated title)
            continue
        seen.add(key)
        blocks.append((start, end, block))
    # The title: the longest of the first few heading lines (skips datelines and bylines).
    firsts = [line for _, _, b in blocks[:3] if _is_heading(line := b.splitlines()[0])]
    title = max(firsts, key=word_count) if firsts else path.stem

    sections = _sections([b for _, _, b in blocks])
    groups: list[list[tuple[int, int, str, Kind | None]]] = []
    current: list[tuple[int, int, str, Kind | None]] = []

    def flush():
        if current:
            groups.append(current.copy())
            current.clear()

    for (start, end, block), section in zip(blocks, sections):
        if word_count(block) > MAX_WORDS:
            if current and not all(_is_heading(b[2]) for b in current):
                flush()
            for s, e in _chunk_sentences(block):
                current.append((start + _locate(text[start:end], block[s:e]), 0, block[s:e], section))
                flush()
            continue
        heading = _is_heading(block)
        body_words = sum(word_count(b[2]) for b in current if not _is_heading(b[2]))
        if heading and body_words >= MIN_BODY_WORDS:
            flush()
        current.append((start, end, block, section))
        if not heading and sum(word_count(b[2]) for b in current) >= TARGET_WORDS:
            flush()
    flush()

    document = Document(doc=doc, path=path, title=title, text=text)
    number = 0
    for group in groups:
        body = [b for b in group if not _is_heading(b[2])]
        if not body:  # headings with nothing under them carry no facts worth citing
            continue
        number += 1
        headings = [b[2] for b in group if _is_heading(b[2])]
        start = group[0][0]
        end = max(s + len(b) if e == 0 else e for s, e, b, _ in group)
        lines = [(line, (section, _is_heading(block))) for _, _, block, section in group
                 for line in block.splitlines()]
        tagged = tuple(TaggedSentence(line, tag_sentence(line, section=section, heading=heading))
                       for line, (section, heading) in sentences_of_lines(lines))
        document.passages.append(Passage(
            id=f"S{doc}:{number}", doc=doc, source=path.name, title=title,
            text="\n".join(b[2] for b in group), start=start, end=end,
            heading=" / ".join(headings), sentences=tagged))
    return document


_NUMBER_LINE = re.compile(r"\s*\d{1,2}[.)]?\s*")
_CAPTION = re.compile(r"^\s*(?:\w+\s+){0,2}\w+:\s")  # "Discussed by: ...", "Source: ..."


def _is_body(block: str) -> bool:
    """A paragraph of text: not a heading, nor a numbered item's "1" + heading."""
    first, _, rest = block.partition("\n")
    return bool(block) and not _is_heading(block) and not (_NUMBER_LINE.fullmatch(first) and _is_heading(rest))


def _sections(blocks: list[str]) -> list[Kind | None]:
    """The kind each block's document section imposes (None: a plain section).

    A "Scenarios" (or "Outlook", "Analysis" ...) heading opens a section; its numbered
    sub-items ("1" / "Meta open-sources ...") and caption lines ("Discussed by: ...") stay in
    it; the first other heading that follows a body paragraph closes it. The block after a pastiche
    label ("Fictional AI pastiche — not real quote.") is the invented quote.
    """
    out: list[Kind | None] = []
    section: Kind | None = None
    previous = ""
    pastiche_next = False
    for block in blocks:
        first, _, rest = block.partition("\n")
        numbered = bool(_NUMBER_LINE.fullmatch(previous) or _NUMBER_LINE.fullmatch(first) and _is_heading(rest))
        heading = _is_heading(block)
        if heading:
            opened = section_kind(block)
            if opened is not None:
                section = opened
            elif section is not None and not numbered and not _CAPTION.match(block) and _is_body(previous):
                section = None
        if pastiche_next and not heading:
            out.append(Kind.PASTICHE)
            pastiche_next = False
        else:
            out.append(section)
        if is_pastiche_label(block):
            pastiche_next = True
        previous = block
    return out


def _chunk_sentences(block: str) -> list[tuple[int, int]]:
    """Cut a long paragraph into runs of whole sentences of about CHUNK_WORDS words."""
    chunks, chunk_start, words, last_end = [], None, 0, 0
    for s, e in split_sentences(block):
        if chunk_start is None:
            chunk_start = s
        words += word_count(block[s:e])
        last_end = e
        if words >= CHUNK_WORDS:
            chunks.append((chunk_start, e))
            chunk_start, words = None, 0
    if chunk_start is not None:
        if chunks and words < MIN_WORDS:  # a short tail joins the chunk before it
            chunks[-1] = (chunks[-1][0], last_end)
        else:
            chunks.append((chunk_start, last_end))
    return chunks


_FIGURE = re.compile(r"^\s*[$£€]?\d[\d.,]*\s?(?:%|x|[kmbt]n?|bn)?\s*$", re.IGNORECASE)
_ABBREVIATIONS = frozenset("vs e.g i.e etc dr mr mrs ms st no inc corp ltd jr sr fig al approx".split())


def _ends_with_abbreviation(piece: str) -> bool:
    if not piece.endswith("."):
        return False
    last = piece[:-1].rsplit(None, 1)[-1].lower() if piece[:-1].strip() else ""
    return last.lstrip("(\"'") in _ABBREVIATIONS


def passage_sentences(text: str) -> list[str]:
    """The checkable sentences of a passage's text (see ``sentences_of_lines``)."""
    return [s for s, _ in sentences_of_lines([(line, None) for line in text.splitlines()])]


def sentences_of_lines(lines: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Sentences of a passage given as (line, payload) pairs, each with its line's payload.

    One sentence per line or sentence; a stand-alone figure line ("42.8%") is joined to the
    label line under it (fact boxes print the figure above its label, so "42.8% HealthBench
    Hard score" is one checkable sentence, with the label's payload); no cut after an
    abbreviation ("vs.", "Dr.").
    """
    joined, pending = [], ""
    for line, payload in lines:
        line = line.strip()
        if not line:
            continue
        if _FIGURE.match(line):
            pending = (pending + " " + line).strip()
        else:
            joined.append((f"{pending} {line}" if pending else line, payload))
            pending = ""
    if pending:
        joined.append((pending, lines[-1][1]))
    out: list[list] = []
    for line, payload in joined:
        glue = False
        for s, e in split_sentences(line):
            piece = line[s:e].strip()
            if glue and out:
                out[-1][0] = out[-1][0] + " " + piece
            else:
                out.append([piece, payload])
            glue = _ends_with_abbreviation(piece)
    return [(" ".join(s.split()), payload) for s, payload in out if s]


def _locate(haystack: str, needle: str) -> int:
    found = haystack.find(needle[:60])
    return max(found, 0)


def load_corpus(folder: str | Path) -> Corpus:
    """Load every .txt/.md file of ``folder`` (sorted by name) as a corpus.

    Raises UserError naming the folder when it is missing or holds no readable text.
    """
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise UserError("sources folder not found", where=str(folder))
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
    if not paths:
        raise UserError("no .txt or .md source files in the sources folder", where=str(folder))
    ids = short_doc_ids([p.stem for p in paths])
    documents = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise UserError(f"not UTF-8 text (byte {exc.start})", where=str(path)) from None
        document = split_document(ids[path.stem], path, clean(text))  # no terminal escapes in quotes
        if document.passages:
            documents.append(document)
    if not documents:
        raise UserError("the source files hold no text to cite", where=str(folder))
    return Corpus(folder=folder, documents=documents)
