"""Junk sentences without gold: the share of a document's sentences holding a glued or a broken word.

A glued word is two or more words printed with their space lost ("andinfections", "performedareaction"): a
lower-case token the word list does not know, used at most twice in the document, that splits wholly into known
words with at least one short function word among them (prose glued by a lost space almost always swallows an
"and", "of", "the" or "a"; a technical compound such as "nanoparticles" or "biofilm" does not, so it is no junk).
A broken word is one word printed with a space inside it ("sig nificantly", "De nition" where a ligature was
lost): two tokens that make a known word when joined directly or through a ligature, at least one of them no word
of its own.

Known words are a general English word list (the string table of the installed spaCy package named in
`models/structure/layout.json`, as the structure stage uses) plus the words the document itself uses three times
or more. The measure is a benchmark figure (`reviewminer eval`), not part of the pipeline.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.config import general_vocabulary

LAYOUT = Path(__file__).resolve().parents[2] / "models" / "structure" / "layout.json"
TOKEN = re.compile(r"[A-Za-z]+")
FUNCTION_WORDS = frozenset(
    "a an and the of in on to for with by from at as or is was are were be been that this which than into its".split()
)
LIGATURES = ("", "fi", "fl", "ff", "ffi", "ffl")


@dataclass
class TextJunk:
    sentences: int
    junk_sentences: int
    glued: int
    broken: int
    examples: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.junk_sentences / self.sentences if self.sentences else 0.0


@lru_cache(maxsize=1)
def word_list() -> frozenset[str]:
    """Lower-case alphabetic strings of the spaCy package the structure stage uses as its word list."""
    package = json.loads(LAYOUT.read_text(encoding="utf-8")).get("vocabulary_package", "")
    return general_vocabulary(package) if package else frozenset()


class JunkChecker:
    def __init__(self, sentences: list[str], words: frozenset[str]):
        counts: Counter = Counter(t.lower() for s in sentences for t in TOKEN.findall(s))
        self.counts = counts
        self.words = words
        self.document = {t for t, n in counts.items() if n >= 3}

    def known(self, token: str) -> bool:
        return token in self.words or token in self.document

    def _segments(self, token: str, depth: int = 0) -> list[str] | None:
        """A split of `token` into function words and known words of five letters or more, fewest pieces first."""
        if not token:
            return []
        if depth > 5:
            return None
        for cut in range(len(token), 0, -1):
            head = token[:cut]
            if head in FUNCTION_WORDS or (len(head) >= 5 and head in self.words):
                rest = self._segments(token[cut:], depth + 1)
                if rest is not None:
                    return [head, *rest]
        return None

    def glued(self, token: str) -> bool:
        low = token.lower()
        if len(low) < 5 or not token.islower() or self.known(low) or self.counts[low] > 2:
            return False
        pieces = self._segments(low)
        if not pieces or len(pieces) < 2:
            return False
        # word endings and prefixes look like short function words ("inhibit|or", "in|activation", "a|trophy"): a
        # short one counts only between two other pieces; a function word of three letters or more anywhere
        function = [i for i, piece in enumerate(pieces) if piece in FUNCTION_WORDS]
        inner_short = any(0 < i < len(pieces) - 1 for i in function)
        return inner_short or any(len(pieces[i]) >= 3 for i in function)

    def broken(self, left: str, right: str) -> bool:
        if not right.islower() or not (left.islower() or left.istitle()):
            return False
        low_left, low_right = left.lower(), right.lower()
        if self.known(low_left) and self.known(low_right):
            return False
        return any(self.known(low_left + ligature + low_right) for ligature in LIGATURES)

    def problems(self, sentence: str) -> tuple[list[str], list[str]]:
        """The glued tokens and the broken pairs ("sig nificantly") of one sentence."""
        matches = list(TOKEN.finditer(sentence))
        glued = [m.group() for m in matches if self.glued(m.group())]
        broken = [
            f"{left.group()} {right.group()}"
            for left, right in zip(matches, matches[1:], strict=False)
            if sentence[left.end() : right.start()] == " " and self.broken(left.group(), right.group())
        ]
        return glued, broken


def text_junk(sentences: Iterable[str], examples: int = 5) -> TextJunk:
    texts = [s for s in sentences if s.strip()]
    checker = JunkChecker(texts, word_list())
    result = TextJunk(sentences=len(texts), junk_sentences=0, glued=0, broken=0)
    for sentence in texts:
        glued, broken = checker.problems(sentence)
        if glued or broken:
            result.junk_sentences += 1
            result.glued += len(glued)
            result.broken += len(broken)
            if len(result.examples) < examples:
                result.examples.append(f"{', '.join(glued + broken)}: {sentence[:160]}")
    return result
