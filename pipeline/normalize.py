"""Normalize: canonical subject names, atomic objects and the aspect of each (dis)advantage.

First version: case and whitespace folding only; the NLP issue adds lexicons and aspects.
"""

from __future__ import annotations

import re

from pipeline.records import Claim


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def normalize_claims(claims: list[Claim], abbreviations: dict[str, str] | None = None) -> list[Claim]:
    for claim in claims:
        claim.subject_norm = fold(claim.subject)
        claim.object_norm = fold(claim.object)
    return claims
