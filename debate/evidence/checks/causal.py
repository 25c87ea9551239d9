"""A claim that says why ("because", "led to", "what pushed") needs evidence that says why.

Two facts the source states side by side ("the weights leaked"; "Llama 2 went open-weight")
do not make the cause the claim asserts. Code: ``unmatched-cause``.
"""

from __future__ import annotations

import re

from debate.evidence.checks.base import Finding, Pair

CAUSE = re.compile(
    r"\b(?:because|since|due to|owing to|thanks to|as a result|result(?:ed|s|ing)? in|led to|leads to|"
    r"lead to|leading to|caus(?:e|es|ed|ing)|prompt(?:s|ed|ing)?|push(?:es|ed|ing)?|drove|drives|driven|"
    r"trigger(?:s|ed|ing)?|forc(?:e|es|ed|ing)|so that|in order to|to free up|"
    r"specifically to|hasten(?:s|ed|ing)?|explain(?:s|ed)? why|why|reason|motivat(?:e|ed|es|ion)|"
    r"after which|therefore|thus|hence|consequently|response to|in response|enabl(?:e|es|ed|ing)|"
    r"(?:made|make|makes) (?:it )?possible)\b", re.IGNORECASE)


def check(pair: Pair) -> Finding | None:
    stated = CAUSE.search(pair.claim)
    if stated and not CAUSE.search(pair.evidence):
        return Finding("unsupported", "unmatched-cause", f'"{stated.group(0)}"')
    return None
