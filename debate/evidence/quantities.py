"""Find the numbers a sentence states, in whatever form, as comparable quantities.

A claim and its source rarely write a number the same way ("$2.5B", "$2.5 billion",
"2.5 billion dollars"; "a fifth of" and "20%"; "fivefold" and "5x"), so the verifier
compares parsed values, never digit strings. Each quantity keeps its kind (percent, money,
year, date, count, multiple, rank, weekday), its unit noun for counts, the hedge in front
of it ("about", "over") and its span, so that a mismatch is only reported between numbers
of the same kind about the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from debate.evidence.lexicon import canonical, stem

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "a dozen": 12, "a hundred": 100, "a thousand": 1000, "a million": 1e6, "a billion": 1e9,
    "a couple of": 2, "a pair of": 2, "single": 1, "a single": 1,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": -1,
}
FRACTIONS = {"half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3,
             "one third": 100 / 3, "two thirds": 200 / 3, "two-thirds": 200 / 3,
             "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
             "three-quarters": 75.0, "a fifth": 20.0, "one fifth": 20.0, "a tenth": 10.0,
             "one in five": 20.0, "one in four": 25.0, "one in three": 100 / 3,
             "one in ten": 10.0, "two in five": 40.0, "majority": None}
MULTIPLIERS = {"double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2,
               "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "thrice": 3,
               "quadrupled": 4, "quadruple": 4, "halved": 0.5}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
          "billion": 1e9, "b": 1e9, "bn": 1e9, "trillion": 1e12, "t": 1e12, "tn": 1e12,
          "hundred": 1e2, "lakh": 1e5, "crore": 1e7}
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}
CURRENCY = {"$": "usd", "us$": "usd", "£": "gbp", "€": "eur", "¥": "jpy",
            "dollar": "usd", "dollars": "usd", "usd": "usd", "pounds": "gbp", "euros": "eur",
            "euro": "eur", "yen": "jpy"}
HEDGES = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "nearly": "below", "almost": "below", "close to": "about",
    "an estimated": "about", "estimated": "about", "~": "about", "circa": "about",
    "over": "above", "more than": "above", "above": "above", "upwards of": "above",
    "at least": "atleast", "in excess of": "above", "exceeding": "above",
    "under": "below", "less than": "below", "fewer than": "below", "below": "below",
    "up to": "atmost", "at most": "atmost", "just over": "above", "just under": "below",
    "nearly all": "about",
}

# a span of time written without a number: "within a week", "after a year" (in days)
DURATIONS = {"hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 30, "quarter": 91,
             "year": 365, "decade": 3652}
# an order of magnitude written without a number: "hundreds of thousands" is [2e5, 1e6)
MAGNITUDES = {"dozens": 12, "tens": 10, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
              "billions": 1e9, "trillions": 1e12}

_WORDNUM = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_SCALE = r"(?:hundred|thousand|million|billion|trillion|bn|mn|mln|tn|[kmbt])\b"
_HEDGE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

QUANTITY = re.compile(
    rf"(?P<hedge>\b(?:{_HEDGE})\s+)?"
    rf"(?:"
    # dates: "March 3, 2025", "3 March 2025", "March 2025", "March 3"
    rf"(?P<md>\b(?:{_MONTH})\.?\s+(?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<md_year>(?:1[89]|20)\d\d)\b)?)"
    rf"|(?P<dm>\b(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b\.?(?:,?\s+(?P<dm_year>(?:1[89]|20)\d\d)\b)?)"
    rf"|(?P<my>\b(?:{_MONTH})\.?,?\s+(?P<my_year>(?:1[89]|20)\d\d)\b)"
    # money: "$2.5B", "$2.5 billion", "US$ 3 million"
    rf"|(?P<money>(?P<cur>us\$|[$£€¥])\s?(?P<mnum>{_NUM})(?:\s?(?P<mscale>{_SCALE}))?)"
    # multiples: "5x", "fivefold", "five times", "twice"
    rf"|(?P<fold>\b(?P<fnum>{_NUM}|{_WORDNUM})[- ]?fold\b)"
    rf"|(?P<times>\b(?P<tnum>{_NUM}|{_WORDNUM})(?:x\b|\s?×|\s+times\b))"
    rf"|(?P<mult>\b(?:{'|'.join(MULTIPLIERS)})\b)"
    # fractions as percentages: "a fifth of", "one in five"
    rf"|(?P<frac>\b(?:{'|'.join(re.escape(f) for f in sorted(FRACTIONS, key=len, reverse=True) if FRACTIONS[f])})\b(?=\s+(?:of|the|all|its|their|[a-z]+s\b)))"
    # ordinals and ranks: "third", "3rd", "top five"
    rf"|(?P<top>\btop[- ](?P<topn>\d+|{_WORDNUM})\b)"
    rf"|(?P<ord>\b(?:{'|'.join(ORDINALS)})\b|\b\d+(?:st|nd|rd|th)\b)"
    rf"|(?P<wday>\b(?:{'|'.join(WEEKDAYS)})s?\b)"
    # plain numbers, possibly scaled, possibly a percentage, possibly money after
    rf"|(?P<plain>(?P<pnum>{_NUM}|\b(?:{_WORDNUM})\b)(?:[\s-](?P<pscale>{_SCALE})|(?<=\d)(?P<pscale2>bn|mn|[kmbt])\b)?"
    rf"(?P<pct>\s?%|\s(?:percent|per cent|percentage points?)\b)?"
    rf"(?:\s(?P<pcur>dollars|usd|euros?|pounds|yen)\b)?)"
    rf")",
    re.IGNORECASE,
)
# word-only durations and magnitudes ("within a week", "hundreds of millions of"), parsed
# in a second pass only when the text has one of their words
VAGUE = re.compile(
    rf"(?P<hedge>\b(?:{_HEDGE})\s+)?"
    rf"(?:(?P<dur>\b(?P<dprep>(?:within|inside|after|under|over|for|in) )?(?:a|an|one|a single) "
    rf"(?P<dunit>{'|'.join(DURATIONS)})\b(?!['’]s)(?! (?:of|or|and|to|ago)\b))"
    rf"|(?P<mag>\b(?:(?P<mfew>dozens|tens|hundreds) of )?(?P<mbig>{'|'.join(MAGNITUDES)})(?= of\b)))",
    re.IGNORECASE,
)
_VAGUE_HINT = re.compile(rf"(?:{'|'.join(DURATIONS)}|{'|'.join(MAGNITUDES)})\b", re.IGNORECASE)
_UNIT_WORD = re.compile(r"\s*(?:[-–]\s*)?(?:of\s+)?(?:the\s+)?([A-Za-z][A-Za-z-]+)")
_SKIP_UNIT = {"and", "or", "to", "in", "on", "at", "by", "for", "of", "the", "a", "an", "with",
              "from", "than", "as", "is", "was", "were", "are", "that", "which", "who", "percent"}


@dataclass(frozen=True)
class Quantity:
    """One number a text states: value, kind and how it was hedged."""

    value: float
    kind: str  # percent | money | date (or a bare year) | count | multiple | rank | top | weekday
    unit: str = ""  # currency for money, the counted noun for counts ("positions")
    hedge: str = ""  # "" | about | above | below | atleast | atmost
    start: int = 0
    end: int = 0
    text: str = ""
    decimals: int = 0  # digits after the point as written, for rounding tolerance
    date: tuple[int | None, int | None, int | None] = (None, None, None)  # (year, month, day)

    def describe(self) -> str:
        return self.text.strip()


def _number(text: str) -> tuple[float, int]:
    text = text.lower().strip()
    if text in WORD_NUMBERS:
        return float(WORD_NUMBERS[text]), 0
    text = text.replace(",", "")
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return float(text), decimals


def _unit_after(text: str, end: int) -> str:
    match = _UNIT_WORD.match(text, end)
    if not match:
        return ""
    if match.group(1)[0].isupper():
        return ""  # a name, not the thing counted: "52 Artificial Analysis ..."
    word = match.group(1).lower()
    return "" if word in _SKIP_UNIT or word in SCALES or word in MONTHS else word


# capitalised only because they open a sentence: "In 2020, ..." is a year, not a version
_LEADS = {"in", "on", "by", "since", "from", "until", "till", "before", "after", "during", "through", "of",
          "at", "around", "about", "over", "under", "for", "with", "to", "and", "or", "the", "some", "all",
          "only", "just", "nearly", "almost", "roughly", "about", "as", "between", "within", "than"}


def is_name_number(text: str, start: int) -> bool:
    """A number that is part of a name: "GPT-5.4", "Llama 4 Scout", "Opus 4.6", "Q2"."""
    before = text[max(0, start - 25):start]
    match = re.search(r"([A-Za-z][\w.]*)([- ]?)$", before)
    if not match:
        return False
    word = match.group(1)
    if word.lower() in MONTHS or word.lower() in WEEKDAYS or word.lower() in HEDGES or word.lower() in _LEADS:
        return False
    if match.group(2) == "" and not word[-1].isalpha():
        return False
    return word[0].isupper() and not word.isupper() or (word.isupper() and len(word) <= 5 and match.group(2) in "-")


def parse_quantities(text: str) -> list[Quantity]:
    """All quantities in ``text``, in order, with names' version numbers left out."""
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        g = m.groupdict()
        hedge = HEDGES.get(" ".join((g["hedge"] or "").lower().split()), "")
        start, end, span = m.start(), m.end(), m.group(0)
        common = dict(hedge=hedge, start=start, end=end, text=span)
        if g["md"] or g["dm"] or g["my"]:
            month_word = re.search(_MONTH, span, re.IGNORECASE).group(0).lower()
            if month_word == "may" and not re.search(r"\bMay\b", span):
                continue  # "may 3" is a verb and a number
            day = g["md_day"] or g["dm_day"]
            year = g["md_year"] or g["dm_year"] or g["my_year"]
            month = MONTHS[month_word]
            out.append(Quantity(value=float(year or 0), kind="date",
                                date=(int(year) if year else None, month, int(day) if day else None),
                                **common))
        elif g["money"]:
            value, dec = _number(g["mnum"])
            scale = SCALES.get((g["mscale"] or "").lower(), 1)
            if not g["mscale"]:
                scale = SCALES.get(_scale_word_after(text, end), 1)
            out.append(Quantity(value * scale, "money", CURRENCY[g["cur"].lower()], decimals=dec, **common))
        elif g["fold"] or g["times"]:
            value, dec = _number(g["fnum"] or g["tnum"])
            out.append(Quantity(value, "multiple", decimals=dec, **common))
        elif g["mult"]:
            out.append(Quantity(float(MULTIPLIERS[g["mult"].lower()]), "multiple", **common))
        elif g["frac"]:
            out.append(Quantity(FRACTIONS[" ".join(g["frac"].lower().split())], "percent",
                                hedge=hedge or "about", start=start, end=end, text=span))
        elif g["top"]:
            value, _ = _number(g["topn"])
            out.append(Quantity(value, "top", **common))
        elif g["ord"]:
            word = g["ord"].lower()
            value = ORDINALS.get(word) or float(re.match(r"\d+", word).group(0))
            out.append(Quantity(float(value), "rank", unit=_unit_after(text, end), **common))
        elif g["wday"]:
            out.append(Quantity(float(WEEKDAYS[g["wday"].lower().rstrip("s")]), "weekday", **common))
        elif g["plain"]:
            raw = g["pnum"]
            if raw[0].isdigit() and is_name_number(text, m.start("pnum")):
                continue
            if raw.lower() in ("one", "single", "a single") and not g["pct"] and not (g["pscale"] or g["pscale2"]):
                continue  # "one of the", "a single" are rarely a checkable count
            value, dec = _number(raw)
            pscale = g["pscale"] or g["pscale2"]  # "3.9B" as "3.9 billion"
            scale = SCALES.get((pscale or "").lower(), 1)
            if pscale and pscale.lower() in ("k", "m", "b", "t") and not raw[0].isdigit():
                scale = 1
            value *= scale
            if g["pct"]:
                out.append(Quantity(value, "percent", decimals=dec, **common))
            elif g["pcur"]:
                out.append(Quantity(value, "money", CURRENCY[g["pcur"].lower()], decimals=dec, **common))
            elif (re.fullmatch(r"(1[89]|20)\d\d", raw) and not pscale
                  and not _unit_after(text, end).endswith("s")):
                out.append(Quantity(value, "date", date=(int(value), None, None), **common))
            else:
                unit = _unit_after(text, end)
                if unit in ("dollars", "usd", "euros", "pounds"):
                    out.append(Quantity(value, "money", CURRENCY.get(unit, unit), decimals=dec, **common))
                else:
                    out.append(Quantity(value, "count", unit=unit, decimals=dec, **common))
    if _VAGUE_HINT.search(text):
        vague = _vague(text)
        if vague:
            taken = [(q.start, q.end) for q in vague]
            out = sorted([q for q in out if not any(a < q.end and q.start < b for a, b in taken)] + vague,
                         key=lambda q: q.start)
    return out


def _vague(text: str) -> list[Quantity]:
    out = []
    for m in VAGUE.finditer(text):
        g = m.groupdict()
        hedge = HEDGES.get(" ".join((g["hedge"] or "").lower().split()), "")
        common = dict(start=m.start(), end=m.end(), text=m.group(0))
        if g["dur"]:
            prep = (g["dprep"] or "").strip().lower()
            if not prep and not hedge:
                continue  # "a year later", "once a week": no span stated
            hedge = hedge or {"over": "above", "under": "below"}.get(prep, "")
            out.append(Quantity(float(DURATIONS[g["dunit"].lower()]), "duration", hedge=hedge, **common))
        else:
            few, big = (g["mfew"] or "").lower(), g["mbig"].lower()
            value = MAGNITUDES[big] * (MAGNITUDES[few] if few else 1)
            out.append(Quantity(value, "magnitude", unit=_unit_after(text, m.end()), hedge=hedge, **common))
    return out


def _scale_word_after(text: str, end: int) -> str:
    match = re.match(rf"\s*({_SCALE})", text[end:], re.IGNORECASE)
    return match.group(1).lower() if match else ""


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-9)


def same_kind(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same sort of thing (and so may be compared)."""
    if a.kind != b.kind:
        if {a.kind, b.kind} == {"magnitude", "count"}:
            return _same_unit(a, b)
        if {a.kind, b.kind} == {"duration", "count"}:
            return _days(a if a.kind == "count" else b) is not None
        return {a.kind, b.kind} <= {"rank", "top"}
    if a.kind == "money":
        return a.unit == b.unit
    if a.kind in ("count", "magnitude"):
        return _same_unit(a, b)
    if a.kind == "rank":
        return True
    return True


def _same_unit(a: Quantity, b: Quantity) -> bool:
    return _stem_unit(a.unit) == _stem_unit(b.unit) or \
        bool(a.unit and b.unit) and canonical(stem(a.unit)) == canonical(stem(b.unit))


def _days(q: Quantity) -> float | None:
    """A count of a time unit ("5 weeks") in days; None for other counts."""
    unit = _stem_unit(q.unit)
    return q.value * DURATIONS[unit] if unit in DURATIONS else None


def _magnitude_range(q: Quantity) -> tuple[float, float]:
    """"hundreds of thousands" covers [2e5, 1e6); "dozens" [24, 144)."""
    if q.value % 12 == 0 and str(int(q.value)).startswith("12"):
        return 2 * q.value, 12 * q.value
    return 2 * q.value, 10 * q.value


def _stem_unit(word: str) -> str:
    word = word.lower()
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def compare(claim: Quantity, source: Quantity) -> str:
    """"agree", "conflict" or "unknown": does the source's quantity bear out the claim's?"""
    if not same_kind(claim, source):
        return "unknown"
    if claim.kind == "rank" and source.kind == "top":
        return "conflict" if claim.value > source.value else "unknown"
    if claim.kind == "date":
        return _compare_dates(claim.date, source.date)
    if {claim.kind, source.kind} == {"duration", "count"}:  # "within a month" and "5 weeks"
        claim, source = (claim if claim.kind == "duration" else _as_duration(claim),
                         source if source.kind == "duration" else _as_duration(source))
        return "agree" if _agrees(claim, source) else "conflict"
    if claim.kind != source.kind:  # a magnitude and a count: only a different order conflicts
        vague, exact = (claim, source) if claim.kind == "magnitude" else (source, claim)
        low, high = _magnitude_range(vague)
        if low <= exact.value < high:
            return "agree" if vague is source and not exact.hedge else "unknown"
        return "conflict" if exact.value < low / 2 or exact.value >= 2 * high else "unknown"
    return "agree" if _agrees(claim, source) else "conflict"


def _as_duration(q: Quantity) -> Quantity:
    return Quantity(_days(q) or 0.0, "duration", hedge=q.hedge, start=q.start, end=q.end, text=q.text)


def _compare_dates(claim: tuple, source: tuple) -> str:
    """Dates compare on the parts both give: a different year, month or day is a conflict;
    nothing in common ("2025" against "April 8"), or a part the claim adds that the source
    leaves open ("April 8, 2030" against "April 8"), proves nothing either way."""
    shared = [(c, s) for c, s in zip(claim, source) if c is not None and s is not None]
    if any(c != s for c, s in shared):
        return "conflict"
    if not shared or any(c is not None and s is None for c, s in zip(claim, source)):
        return "unknown"
    return "agree"


def _agrees(claim: Quantity, source: Quantity) -> bool:
    """Whether the source's quantity bears out the claim's (hedges and rounding allowed)."""
    if claim.kind == "date" or source.kind == "date":
        if claim.kind != source.kind:
            return False
        return all(c is None or s is None or c == s for c, s in zip(claim.date, source.date)) and \
            any(c is not None and s is not None for c, s in zip(claim.date, source.date))
    if claim.kind == "top" and source.kind == "rank":
        return source.value <= claim.value
    c, s = claim.value, source.value
    if c == s:
        return True
    rounding = 0.5 * 10 ** (-claim.decimals) if claim.kind in ("percent", "count", "money", "multiple") else 0
    if claim.kind == "money" or (claim.kind == "count" and c >= 1000):
        # "$2.5B" vs "$2.46 billion": compare at the claim's written precision
        magnitude = 10 ** (len(str(int(abs(c)))) - 1) if c else 1
        rounding = 0
        if claim.decimals == 0 and c % magnitude == 0:
            rounding = 0.5 * magnitude / 10
    if rounding and abs(c - s) <= rounding + 1e-9:
        return True
    hedge = claim.hedge or source.hedge
    if hedge == "about" and _close(c, s, 0.12):
        return True
    if claim.hedge == "above":
        return s > c or (source.hedge == "above" and _close(c, s, 0.15))
    if claim.hedge == "atleast":
        return s >= c
    if claim.hedge == "below":
        return s < c or (source.hedge == "below" and _close(c, s, 0.15)) or _close(c, s, 0.05)
    if claim.hedge == "atmost":
        return s <= c
    if source.hedge in ("above", "below", "atleast", "atmost") and _close(c, s, 0.1):
        return True
    return False
