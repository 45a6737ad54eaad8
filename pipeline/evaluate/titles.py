"""Title check: the title a run read from a PDF against the title a person read from its first page.

A gold title is `<stem>.title.txt` beside the PDF's other gold: its first line is the title as printed, and any
further line is another accepted reading (a printed tag such as "[update in progress]" that may be left out).
Titles compare on their letters and digits, case-folded after Unicode compatibility folding, so line breaks,
hyphens split at a line end, footnote marks (∗, †) and typographic quotes do not count, and words do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TitleCheck:
    expected: str  # the title as printed (the gold file's first line)
    found: str  # the title in the run's documents table
    correct: bool


def title_key(title: str) -> str:
    folded = unicodedata.normalize("NFKC", title).casefold()
    return re.sub(r"[\W_]+", "", folded)


def read_titles(path: Path) -> list[str]:
    """The accepted titles of a `<stem>.title.txt` file, the printed one first; empty if there is none."""
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_title(found: str, accepted: list[str]) -> TitleCheck:
    correct = bool(title_key(found)) and title_key(found) in {title_key(title) for title in accepted}
    return TitleCheck(expected=accepted[0], found=found, correct=correct)
