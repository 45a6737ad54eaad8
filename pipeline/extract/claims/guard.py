"""The junk guard: every claim's subject and object must be content phrases.

A pattern can fire on the wrong words ("physical activity → effect → rates", "deep learning → effect → which",
"AKT → effect → AKT", subject "EPRS1-"); whatever produced it, such a claim says nothing. The word classes live in
models/claims/guard.json:

- pronouns, relative words and function words: a phrase made only of them (with numbers, units, punctuation) has
  no content ("which", "it", "this", "20 mg/kg");
- bare objects: a lone dimension noun ("rates", "their activity", "the treatment effect") names no effect;
- a subject that ends in a hyphenated modifier ("TLR-mediated", "EPRS1-") or in a participle ("sonicated",
  "three-dimensional cultured") lost its head noun; one that opens with a figure-panel letter ("c Insulin-induced
  modification") comes from a figure label;
- a subject made only of a generic head ("plants", "these mutations"), one that opens with a quantity ("about 80%
  of the world population") or ends in an adverb of the verb phrase ("... likely");
- an object that only repeats the subject ("AKT → effect → AKT"), or that opens with a preposition (a stranded
  adjunct: "for the effective application").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import models_dir
from pipeline.records import Claim

WORD = re.compile(r"[^\W_](?:[\w'’./+-]*[^\W_])?|%")
NUMBER = re.compile(r"^[±<>≤≥~]?\d+(?:[.,]\d+)*(?:[-–]\d+(?:[.,]\d+)*)?%?$")
PANEL_LABEL = re.compile(r"^[a-h]\)?\s+[A-Z]")  # "c Insulin-induced ...": a figure panel's letter
POSSESSIVE_OPENERS = ("their ", "its ", "his ", "her ", "our ", "the ", "a ", "an ", "this ", "these ")


@dataclass(frozen=True)
class GuardWords:
    empty: frozenset[str]  # pronouns, relative words, function words, units
    pronouns: frozenset[str]
    bare_objects: frozenset[str]
    fragment_suffixes: tuple[str, ...]
    participle_exceptions: frozenset[str]
    dangling: frozenset[str]  # words a phrase cannot end with ("the intensity of")
    preposition_openers: frozenset[str]  # words an object cannot open with ("for the effective application")
    bare_subjects: frozenset[str]  # generic heads that alone name a topic ("plants", "the protein")
    vague_determiners: frozenset[str]
    hedge_endings: frozenset[str]  # adverbs a subject cannot end with ("... likely")


@lru_cache(maxsize=2)
def load_guard_words() -> GuardWords:
    data = json.loads((models_dir() / "claims" / "guard.json").read_text(encoding="utf-8"))
    pronouns = frozenset(data["pronouns"]) | frozenset(data["relative_words"])
    return GuardWords(
        empty=pronouns | frozenset(data["function_words"]) | frozenset(data["units"]),
        pronouns=pronouns,
        bare_objects=frozenset(data["bare_objects"]),
        fragment_suffixes=tuple(sorted(data["fragment_suffixes"], key=len, reverse=True)),
        participle_exceptions=frozenset(data["participle_exceptions"]),
        dangling=frozenset(data["dangling_words"]),
        preposition_openers=frozenset(data["preposition_openers"]),
        bare_subjects=frozenset(data["bare_subjects"]),
        vague_determiners=frozenset(data["vague_determiners"]),
        hedge_endings=frozenset(data["hedge_endings"]),
    )


def words_of(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "")]


def content_words(text: str, words: GuardWords | None = None) -> list[str]:
    """The words that are not pronouns, function words, units or numbers."""
    words = words or load_guard_words()
    return [w for w in words_of(text) if w not in words.empty and not NUMBER.match(w) and len(w) > 1]


def is_content_subject(text: str) -> bool:
    words = load_guard_words()
    text = (text or "").strip()
    if not content_words(text, words):
        return False
    lowered = text.lower()
    if PANEL_LABEL.match(text) or lowered.startswith("-"):
        return False
    if lowered.endswith(words.fragment_suffixes):
        return False
    all_words = words_of(text)
    if all(w in words.bare_subjects or w in words.vague_determiners for w in all_words):
        return False  # "plants", "these mutations": a topic, not a treatment
    if NUMBER.match(all_words[0]) or all_words[0] in ("about", "approximately", "nearly", "over"):
        return False  # "about 80% of the world population": a quantity of people
    if all_words[-1] in words.hedge_endings:
        return False
    last = all_words[-1]
    if len(last) > 4 and last.endswith("ed") and last not in words.participle_exceptions and last.isalpha():
        return False  # "sonicated", "three-dimensional cultured": the modified noun is missing
    return True


def is_content_object(text: str, subject: str = "") -> bool:
    words = load_guard_words()
    content = content_words(text, words)
    if not content:
        return False
    lowered = re.sub(r"\s+", " ", (text or "").lower()).strip(" .,;:")
    for opener in POSSESSIVE_OPENERS:
        if lowered.startswith(opener):
            lowered = lowered[len(opener) :]
            break
    if lowered in words.bare_objects or lowered.rstrip("s") in words.bare_objects:
        return False
    all_words = words_of(text)
    if all_words and all_words[0] in words.preposition_openers:
        return False  # a stranded adjunct
    if all_words and all_words[-1] in words.dangling:
        return False  # "the intensity of", "their physical and": cut off before its head
    subject_content = set(content_words(subject, words))
    return not (subject_content and set(content) <= subject_content)


def is_content_claim(claim: Claim) -> bool:
    return is_content_subject(claim.subject) and is_content_object(claim.object, claim.subject)
