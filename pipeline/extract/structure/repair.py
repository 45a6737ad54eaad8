"""Text repair: odd Unicode (ligatures, spaces, superscript digits) normalised; glyphs the font maps to no text
(control characters, private-use code points) resolved to the ligature that makes a known word, else dropped; and
end-of-line hyphenation decided with the document's own vocabulary plus a general English word list (the spaCy
package's string table)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.config import general_vocabulary  # noqa: F401  (the stages import it from here)

if TYPE_CHECKING:
    from pipeline.extract.structure.reading_order import Line


# Unicode that PDFs emit for plain text: ligatures, odd hyphens and spaces, zero-width marks, superscript digits.
CHAR_MAP = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u00b9": "1",
        "\u00b2": "2",
        "\u00b3": "3",
        "\u2070": "0",
        "\u2074": "4",
        "\u2075": "5",
        "\u2076": "6",
        "\u2077": "7",
        "\u2078": "8",
        "\u2079": "9",
    }
)


CID = re.compile(r"\(cid:\d+\)")


SOFT_HYPHEN = "\u00ad"


WORD_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


# What ingest puts where a glyph has no usable Unicode (a control character, a private-use code point): one marker,
# resolved per word once the whole document's vocabulary is known (`GlyphRepair`).
UNMAPPED = "\ufffd"

LETTER_RUN = re.compile(r"[^\W\d_]+")
BEFORE_LETTER = re.compile(r"[^\W\d_]$")
AFTER_LETTER = re.compile(r"^[^\W\d_]")
BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])" + UNMAPPED + r"(?=[^\W\d_])")

# Ligatures a font may leave without a Unicode mapping; "" drops the glyph (a bullet or ornament).
LIGATURE_CANDIDATES = ("fi", "fl", "ff", "ffi", "ffl", "")


def is_unmapped(char: str) -> bool:
    """A character that is no text: C0/C1 controls, private use, surrogates, non-characters, the replacement mark.
    The line feed is text: it separates the items of a table cell that lists one per line."""
    if char == "\n":
        return False
    return unicodedata.category(char) in ("Cc", "Co", "Cs", "Cn") or char == UNMAPPED


def mark_unmapped(text: str) -> str:
    """Whitespace controls become a space, every other character that is no text the UNMAPPED marker."""
    if not any(is_unmapped(ch) for ch in text):
        return text
    return "".join((" " if ch.isspace() else UNMAPPED) if is_unmapped(ch) else ch for ch in text)


def strip_unmapped(text: str) -> str:
    """Whitespace controls become a space; every other character that is no text goes."""
    return mark_unmapped(text).replace(UNMAPPED, "")


def normalize_text(text: str) -> str:
    """Plain text: ligatures and odd spaces normalised, CID placeholders and anything that is no text removed."""
    return strip_unmapped(CID.sub("", text.translate(CHAR_MAP)))


class GlyphRepair:
    """Resolve UNMAPPED markers word by word: the ligature (fi, fl, ff, ffi, ffl) that turns the word into one the
    document uses elsewhere or a general English word; where no candidate makes a word, the document's most common
    resolution between letters, and nothing elsewhere."""

    def __init__(self, words: list[str], general: frozenset[str]):
        self.known: Counter = Counter()
        for word in words:
            if UNMAPPED not in word:
                self.known.update(token.lower() for token in LETTER_RUN.findall(word))
        self.general = general
        self.chosen: Counter = Counter()
        self._cache: dict[str, str] = {}

    def _score(self, candidate: str) -> int:
        tokens = [t.lower() for t in LETTER_RUN.findall(candidate)]  # the parts of a compound one by one
        if not tokens:
            return 0
        score = 0
        for token in tokens:
            if self.known[token]:
                score += 3 + min(self.known[token], 20)
            elif token in self.general:
                score += 2
            elif self._compound(token):
                score += 1
            else:
                return 0
        return score

    def _compound(self, token: str) -> bool:
        """Two words the document or the word list knows, written as one ("tradeoff")."""
        return any(self._word(token[:cut]) and self._word(token[cut:]) for cut in range(3, len(token) - 2))

    def _word(self, token: str) -> bool:
        # the general list holds odd short strings: a short part must be one the document itself uses
        return bool(self.known[token]) or (len(token) >= 4 and token in self.general)

    def _resolve_word(self, word: str) -> str | None:
        pieces = word.split(UNMAPPED)
        if len(pieces) > 4:
            return None
        # a ligature stands next to a letter; a glyph between digits or symbols is some other sign, dropped
        options = [
            LIGATURE_CANDIDATES if BEFORE_LETTER.search(before) or AFTER_LETTER.match(after) else ("",)
            for before, after in zip(pieces, pieces[1:], strict=False)
        ]
        best, best_score, best_choice = None, 0, ()
        for choice in itertools.product(*options):
            candidate = pieces[0] + "".join(c + p for c, p in zip(choice, pieces[1:], strict=True))
            score = self._score(candidate) - choice.count("")  # a known word without a dropped glyph wins
            if score > best_score:
                best, best_score, best_choice = candidate, score, choice
        self.chosen.update(c for c in best_choice if c)
        return best

    def first_pass(self, texts: list[str]) -> None:
        """Resolve every word the vocabulary decides, so the fallback knows the document's usual ligature."""
        for text in texts:
            for word in text.split():
                if UNMAPPED in word and word not in self._cache:
                    resolved = self._resolve_word(word)
                    if resolved is not None:
                        self._cache[word] = resolved

    def repair(self, text: str) -> str:
        if UNMAPPED not in text:
            return text
        usual = self.chosen.most_common(1)[0][0] if self.chosen else ""
        words = []
        for word in text.split(" "):
            if UNMAPPED in word:
                resolved = self._cache.get(word)
                if resolved is None:
                    resolved = BETWEEN_LETTERS.sub(usual, word).replace(UNMAPPED, "")
                word = resolved
            words.append(word)
        return " ".join(words)


def document_vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    """Words of the document outside line-end hyphenation points: plain words and hyphenated compounds."""
    plain: set[str] = set()
    hyphenated: set[str] = set()
    previous_hyphen = False
    for line in lines:
        tokens = WORD_TOKEN.findall(line.text)
        ends_hyphen = line.text.endswith(("-", SOFT_HYPHEN))
        if previous_hyphen and tokens:
            tokens = tokens[1:]
        if ends_hyphen and tokens:
            tokens = tokens[:-1]
        for token in tokens:
            low = token.lower()
            if "-" in low:
                hyphenated.add(low)
                plain.update(low.split("-"))
            else:
                plain.add(low)
        previous_hyphen = ends_hyphen
    return plain, hyphenated


@dataclass
class Vocabulary:
    plain: set[str]
    hyphenated: set[str]
    general: frozenset[str]

    def keep_hyphen(self, left: str, right: str) -> bool:
        """Whether 'left-' at a line end and 'right' on the next line form a hyphenated compound."""
        left_piece = re.findall(r"[^\W\d_]+$", left)
        right_piece = re.findall(r"^[^\W\d_]+", right)
        if not left_piece or not right_piece:
            return True  # digits or symbols around the hyphen: "IL-17", "2012-2014", DOIs
        lp, rp = left_piece[0], right_piece[0]
        joined = (lp + rp).lower()
        if joined in self.plain:
            return False
        if f"{lp}-{rp}".lower() in self.hyphenated:
            return True
        if rp[0].isupper() or lp.isupper() or len(lp) == 1:
            return True
        if joined in self.general:
            return False
        left_known = lp.lower() in self.plain or lp.lower() in self.general
        right_known = rp.lower() in self.plain or rp.lower() in self.general
        if left_known and right_known and len(rp) >= 3:
            return True
        if (left_known or right_known) and len(rp) >= 4 and len(lp) >= 4:
            return True  # a word of its own on either side: a compound such as "ischemia-reperfusion"
        return False


def join_lines(lines: list[str], vocabulary: Vocabulary) -> str:
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
            continue
        if text.endswith(SOFT_HYPHEN):
            text = text[:-1] + line
        elif text.endswith("-") and len(text) > 1 and text[-2] != " ":
            left = text[:-1].split(" ")[-1]
            text = text + line if vocabulary.keep_hyphen(left, line) else text[:-1] + line
        elif text.endswith(("–", "—", "/")) and len(text) > 1 and text[-2] != " ":
            text = text + line
        else:
            text = text + " " + line
    text = text.replace(SOFT_HYPHEN, "")
    return re.sub(r"\s+", " ", text).strip()
