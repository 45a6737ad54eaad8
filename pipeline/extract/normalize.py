"""Normalize: canonical subject names, normalized atomic objects and the aspect of each (dis)advantage.

- `canonical_subject`: abbreviations expanded (the document's list and scispaCy's in-text definitions), case,
  hyphenation and plurals folded, generic heads ("... method") dropped, then variants merged through the
  canonical lexicon models/lexicons/methods.jsonl ("UC", "ultracentrifugation method" → "ultracentrifugation").
- `object_norm`: the folded property text (citations, determiners and hedging auxiliaries removed).
- `aspect_of`: cost, time, yield, purity, integrity/activity, specificity, equipment, ease of use, scalability or
  other, from the cue lists in models/lexicons/aspects.json.
- `content_stems` / `object_similarity`: the "same meaning, other wording" test shared by claim merging and
  evaluation.

Both lexicons can be replaced by a user file (REVIEWMINER_METHOD_LEXICON, REVIEWMINER_ASPECTS).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from pipeline.config import models_dir
from pipeline.records import Claim

MODELS_DIR = models_dir()
LEXICON_PATH = MODELS_DIR / "lexicons" / "methods.jsonl"
ASPECTS_PATH = MODELS_DIR / "lexicons" / "aspects.json"

CITATION = re.compile(r"\s*\[[\d,\s–\-]+\]")
PARENTHESIS = re.compile(r"\s*\([^()]{1,40}\)")
MULTIPLIER = re.compile(
    r"\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|several|many|hundred)\s*(?:-\s*)?(?:time|fold)\b"
)
LEADING_WORDS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "it", "is", "are", "be"}
GENERIC_HEADS = {
    "method",
    "methods",
    "technique",
    "techniques",
    "technology",
    "approach",
    "strategy",
    "process",
    "procedure",
    "protocol",
    "mode",
    "device",
}
STOPWORDS = {
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "with",
    "from",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "it",
    "its",
    "their",
    "they",
    "this",
    "that",
    "these",
    "those",
    "which",
    "can",
    "could",
    "may",
    "might",
    "will",
    "would",
    "should",
    "also",
    "due",
    "very",
    "relatively",
    "more",
    "such",
    "than",
    "into",
    "during",
    "has",
    "have",
    "had",
    "does",
    "do",
    "so",
    "then",
    "there",
    "some",
    "many",
    "much",
}
GENERIC_CONTENT = {"exosome", "exosom", "vesicle", "vesicl", "ev", "cell", "method", "effect"}
# Greek letters name distinct molecules (IFN-γ vs IFN-α): spelled out before non-Latin characters are dropped
# (not mu: "µg" is a unit).
GREEK = {
    ch: name
    for letters, name in (
        ("αΑ", "alpha"),
        ("βΒ", "beta"),
        ("γΓ", "gamma"),
        ("δΔ", "delta"),
        ("εΕ", "epsilon"),
        ("ζΖ", "zeta"),
        ("ηΗ", "eta"),
        ("θΘ", "theta"),
        ("ιΙ", "iota"),
        ("κΚ", "kappa"),
        ("λΛ", "lambda"),
        ("νΝ", "nu"),
        ("ξΞ", "xi"),
        ("πΠ", "pi"),
        ("ρΡ", "rho"),
        ("σΣ", "sigma"),
        ("τΤ", "tau"),
        ("φΦ", "phi"),
        ("χΧ", "chi"),
        ("ψΨ", "psi"),
        ("ωΩ", "omega"),
    )
    for ch in letters
}
MIN_CONTAINED_ALIAS = 5  # shorter aliases ("UC", "IF") only match a whole subject, never inside a phrase


# ---------------------------------------------------------------- folding


@lru_cache(maxsize=65536)  # the same subjects, objects and cue words are folded again and again
def fold(text: str) -> str:
    """Lower case, citations and bracketed abbreviations removed, hyphens and plurals folded, one space."""
    text = CITATION.sub("", text or "")
    text = PARENTHESIS.sub("", text)
    text = text.replace("–", "-").replace("—", "-")
    text = "".join(GREEK.get(ch, ch) for ch in text)  # "IFN-γ" is "ifn gamma", not "ifn"; TGF-β alike
    text = re.sub(r"(?<=[A-Za-z])-(?=\d)", "", text)  # "miR-375" == "miR375"
    text = text.lower()
    text = re.sub(r"[^a-z0-9/+%.]+", " ", text)
    words = [singular(w) for w in text.split() if w not in (".",)]
    while words and words[0] in LEADING_WORDS:
        words = words[1:]
    return " ".join(w.strip(".") for w in words).strip()


def singular(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


def stem(word: str) -> str:
    """A light, symmetric stemmer: enough for "damaged"/"damage", "recovery"/"recover", "cells"/"cell"."""
    word = singular(word)
    for suffix in ("ing", "ed", "es", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith(("e", "y")) and len(word) > 4:
        word = word[:-1]
    return word


def content_stems(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return {stem(w) for w in words if w not in STOPWORDS and not w.isdigit()}


def object_similarity(a: str, b: str) -> float:
    """Dice overlap of content stems; at least 0.5 when one side's content is contained in the other's."""
    first, second = content_stems(a), content_stems(b)
    if not first or not second:
        return 0.0
    smaller = first if len(first) <= len(second) else second
    larger = second if smaller is first else first
    if smaller <= GENERIC_CONTENT:
        return 0.0  # "exosomes" alone states no property
    dice = 2 * len(first & second) / (len(first) + len(second))
    if smaller <= larger:
        return 0.5 + dice / 2  # containment always matches; the closer wording still wins a tie
    return dice


# ---------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class MethodLexicon:
    canonical_by_alias: dict[str, str]  # folded alias -> canonical name
    types: dict[str, str]  # canonical -> "method" / "treatment"

    def lookup(self, folded: str) -> str | None:
        return self.canonical_by_alias.get(folded)

    def find_inside(self, folded: str) -> str | None:
        """The canonical name of the longest multi-word alias that occurs as whole words inside a longer phrase."""
        padded = f" {folded} "
        best = None
        for alias, canonical in self._containable_aliases:
            if f" {alias} " in padded:
                if best is None or len(alias) > len(best[0]):
                    best = (alias, canonical)
        return best[1] if best else None

    @cached_property
    def _containable_aliases(self) -> list[tuple[str, str]]:
        # one-word aliases ("knockdown", "hypoxia") inside a phrase name an operation on something else
        return [(a, c) for a, c in self.canonical_by_alias.items() if len(a) >= MIN_CONTAINED_ALIAS and " " in a]

    @cached_property
    def _participle_aliases(self) -> list[tuple[str, str, int]]:
        return [(a, c, len(a.split())) for a, c in self.canonical_by_alias.items() if a.endswith("ed")]

    def opens_with_alias_of(self, folded: str) -> bool:
        """Whether the phrase is an alias followed by "of" ("knockdown of YAP"): looked up at each " of "."""
        at = folded.find(" of ")
        while at >= 0:
            if folded[:at] in self.canonical_by_alias:
                return True
            at = folded.find(" of ", at + 1)
        return False

    def participle_prefix(self, folded: str) -> str | None:
        """The canonical name of a participle alias that opens a longer phrase ("sonicated exosome" -> sonication):
        the product named after the method that made it."""
        best = None
        n_words = len(folded.split())
        for alias, canonical, alias_words in self._participle_aliases:
            if n_words == alias_words + 1 and folded.startswith(alias + " "):
                if best is None or len(alias) > len(best[0]):
                    best = (alias, canonical)
        return best[1] if best else None


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> MethodLexicon:
    source = Path(path or os.environ.get("REVIEWMINER_METHOD_LEXICON") or LEXICON_PATH)
    canonical_by_alias: dict[str, str] = {}
    types: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        canonical = entry["canonical"]
        types[canonical] = entry.get("type", "method")
        for alias in [canonical, *entry.get("aliases", [])]:
            canonical_by_alias.setdefault(fold(alias), canonical)
    return MethodLexicon(canonical_by_alias, types)


@lru_cache(maxsize=4)
def load_aspects(path: str | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = json.loads(Path(path or os.environ.get("REVIEWMINER_ASPECTS") or ASPECTS_PATH).read_text(encoding="utf-8"))
    return tuple((aspect, tuple(data["cues"][aspect])) for aspect in data["order"])


# ---------------------------------------------------------------- subjects


def expand_abbreviations(text: str, abbreviations: dict[str, str] | None) -> str:
    """Replace short forms by their long forms: the whole text first ("TXL"), then word by word."""
    if not abbreviations:
        return text
    stripped = PARENTHESIS.sub("", CITATION.sub("", text)).strip()
    if stripped in abbreviations:
        return abbreviations[stripped]
    words = re.split(r"(\s+)", stripped)
    return "".join(abbreviations.get(word, word) if _looks_abbreviated(word) else word for word in words)


def _looks_abbreviated(word: str) -> bool:
    """Only a short form is expanded inside a phrase ("MSC", "IFN-γ", "miR-155"), never a plain word such as
    "mice" or "endogenous" that a detector once paired with a long form."""
    return not word.isspace() and any(ch.isupper() or ch.isdigit() for ch in word)


def canonical_subject(
    text: str, abbreviations: dict[str, str] | None = None, lexicon: MethodLexicon | None = None
) -> str:
    lexicon = lexicon or load_lexicon()
    folded_raw = fold(text)
    exact = lexicon.lookup(folded_raw)  # an alias as written ("UC") before expansion can change it
    if exact:
        return exact
    folded = fold(expand_abbreviations(text, abbreviations))
    for candidate in (folded, _without_generic_head(folded)):
        found = lexicon.lookup(candidate)
        if found:
            return found
    made_by = lexicon.participle_prefix(folded)
    if made_by:
        return made_by  # "sonicated exosomes": exosomes made by sonication
    if lexicon.opens_with_alias_of(folded):
        return _without_generic_head(folded)  # "knockdown of YAP" is not RNA interference in general
    inside = lexicon.find_inside(folded)
    return inside or _without_generic_head(folded) or folded


def _without_generic_head(folded: str) -> str:
    words = folded.split()
    while len(words) > 1 and words[-1] in GENERIC_HEADS:
        words = words[:-1]
    return " ".join(words)


def same_subject(a: str, b: str) -> bool:
    """Canonical names equal, or (for names outside the lexicon) one's content words contain the other's."""
    if a == b:
        return True
    first, second = content_stems(a), content_stems(b)
    smaller, larger = (first, second) if len(first) <= len(second) else (second, first)
    return len(smaller) >= 2 and smaller <= larger


# ---------------------------------------------------------------- objects and aspects


def object_norm(text: str) -> str:
    folded = fold(text)
    words = folded.split()
    while words and words[0] in LEADING_WORDS | {"can", "may", "might", "could", "will"}:
        words = words[1:]
    return " ".join(words)


def aspect_of(text: str) -> str:
    """The aspect with the most cue hits in the property (ties to the earlier aspect), "other" when none."""
    # "six times faster", "3-fold": a multiplier is a magnitude, not the time or amount aspect
    folded = f" {MULTIPLIER.sub(' ', fold(text))} "
    stems = {stem(w) for w in folded.split()}
    best, best_hits = "other", 0
    for aspect, phrases, cue_stems in _aspect_cues(load_aspects()):
        hits = sum(f" {cue} " in folded for cue in phrases) + sum(cue in stems for cue in cue_stems)
        if hits > best_hits:
            best, best_hits = aspect, hits
    return best


@lru_cache(maxsize=4)
def _aspect_cues(aspects: tuple) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """Each aspect's cues folded once: phrases (matched as whole words) and single words (matched by stem)."""
    prepared = []
    for aspect, words in aspects:
        phrases = tuple(fold(w) for w in words if " " in fold(w) or "-" in w)
        cue_stems = tuple(stem(fold(w)) for w in words if not (" " in fold(w) or "-" in w))
        prepared.append((aspect, phrases, cue_stems))
    return tuple(prepared)


def normalize_claims(claims: list[Claim], abbreviations: dict[str, str] | None = None) -> list[Claim]:
    lexicon = load_lexicon()
    for claim in claims:
        claim.subject_norm = canonical_subject(claim.subject, abbreviations, lexicon)
        claim.object_norm = object_norm(claim.object)
        if claim.relation in ("advantage", "disadvantage"):
            claim.aspect = aspect_of(claim.object)
    return claims
