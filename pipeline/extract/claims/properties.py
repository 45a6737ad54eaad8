"""Atomic properties: split a list of qualities ("Simple, efficient, and does not affect ...") into one per claim.

Separators are line breaks, bullets, semicolons, commas and "and", but only where they separate properties.
The decision uses part-of-speech tags, not word lists about a topic:
- a comma fragment that is a bare noun (phrase) continuing a prepositional phrase ("loading of DNA, RNA, and
  proteins") stays with the phrase it continues;
- "and" splits when the right conjunct is property- or clause-like (starts with an adjective, determiner, verb,
  auxiliary, ... or holds a verb): "High cost and low yield", "Economical and does not need equipment"; it does
  not split a short coordination of bare nouns ("affected by pH and salt concentration");
- an adjective shared by two bare nouns is distributed: "Low purity and recovery rate" -> "Low purity",
  "Low recovery rate".
The cues live in models/properties.json.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span

from pipeline.config import models_dir
from pipeline.extract.nlp import base_tagger

CHUNK_SEPARATORS = re.compile(r"\s*(?:\n+|;|•|▪|●|·(?=\s))\s*")
CITATION = re.compile(r"\s*\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]")  # "[12]", "[53–55]", "[6, 62, 63]"
ENUMERATOR = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})\)|\d{1,2}\.|[-–])\s+")  # "(1) ", "a) ", "2. "


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> dict:
    cues = json.loads((models_dir() / "properties.json").read_text(encoding="utf-8"))
    override = path or os.environ.get("REVIEWMINER_PROPERTY_CUES")
    if override:
        cues.update(json.loads(Path(override).read_text(encoding="utf-8")))
    return cues


@lru_cache(maxsize=2)
def load_tagger(model: str) -> spacy.language.Language:
    # Only tags and the parser's sentence boundaries matter here; entities and lemmas are not needed. The model's
    # own tokenizer, and its weights shared with the NLP stage's pipeline when that is made from the same model.
    return base_tagger(model)


def split_properties(text: str) -> list[str]:
    """One string per atomic property, in reading order, as printed (no normalisation)."""
    return list(_split_properties(text or ""))


@lru_cache(maxsize=4096)
def _split_properties(text: str) -> tuple[str, ...]:
    # Remembered by text: the readers split the same clause or list again and again (one parse each time, most of
    # this function's cost), and the split depends on the text alone.
    cues = load_cues()
    nlp = load_tagger(cues["spacy_model"])
    found: list[str] = []
    for chunk in CHUNK_SEPARATORS.split(CITATION.sub("", text)):
        chunk = ENUMERATOR.sub("", re.sub(r"\s+", " ", chunk)).strip(" ,.")
        if not chunk:
            continue
        doc = nlp(chunk)
        for segment in comma_segments(doc, cues):
            for piece in split_and(segment, cues):
                cleaned = clean(piece, cues)
                if cleaned and re.search(r"[A-Za-z]{2}", cleaned) and cleaned not in found:
                    found.append(cleaned)
    return tuple(found)


# ---------------------------------------------------------------- commas


def comma_segments(doc: Doc, cues: dict) -> list[Span]:
    """Split at commas outside brackets, then re-attach fragments that only continue a list of nouns."""
    segments: list[Span] = []
    start, depth = 0, 0
    for token in doc:
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]"):
            depth -= 1
        if token.text == "," and depth <= 0:
            if token.i > start:
                segments.append(doc[start : token.i])
            start = token.i + 1
    if start < len(doc):
        segments.append(doc[start:])
    merged: list[Span] = []
    index = 0
    while index < len(segments):
        end = (
            list_end(segments, index, cues)
            if merged and continues_noun_list(merged[-1], segments[index], cues)
            else None
        )
        if end is None:
            merged.append(segments[index])
            index += 1
        else:
            merged[-1] = doc[merged[-1].start : segments[end].end]
            index = end + 1
    return merged


def list_end(segments: list[Span], start: int, cues: dict) -> int | None:
    """The last fragment of a noun list "DNA, RNA, and proteins": bare nouns closed by one starting with and/or.

    Without the closing conjunction the fragments are separate properties ("Aggregation of RNA, membrane damage").
    """
    for index in range(start, len(segments)):
        if not is_bare_nouns(strip_leading(segments[index], cues), cues):
            return None
        if segments[index][0].lower_ in ("and", "or"):
            return index
    return None


def continues_noun_list(previous: Span, segment: Span, cues: dict) -> bool:
    """A bare noun fragment after a list opened by a preposition: "of DNA, RNA, and proteins"."""
    body = strip_leading(segment, cues)
    if not is_bare_nouns(body, cues):
        return False
    nouns = set(cues["bare_noun_tags"])
    index = previous.end - 1
    while index >= previous.start and (previous.doc[index].pos_ in nouns or previous.doc[index].text == ","):
        index -= 1
    return index >= previous.start and index < previous.end - 1 and previous.doc[index].pos_ == "ADP"


# ---------------------------------------------------------------- "and"


def split_and(segment: Span, cues: dict) -> list[Span | str]:
    segment = strip_leading(segment, cues)
    for token in segment:
        if token.lower_ != "and" or token.i in (segment.start, segment.end - 1):
            continue
        left, right = segment.doc[segment.start : token.i], segment.doc[token.i + 1 : segment.end]
        if _closes_both(left):
            continue  # "for performing both estimation and subsequent prediction": one pair, one property
        if is_bare_nouns(right, cues):
            distributed = distribute_adjective(left, right, cues)
            if distributed:
                return distributed
            continue  # "pH and salt concentration": one property
        if property_like(right, cues):
            shared = shared_verb(segment, token, right, cues)
            if shared:
                return split_and(left, cues) + [f"{shared} {right.text}"]
            return split_and(left, cues) + split_and(right, cues)
    return [segment]


def _closes_both(left: Span) -> bool:
    """The "and" after LEFT closes a correlative "both A and B" opened in LEFT (with no "and" since)."""
    for token in reversed(left):
        if token.lower_ == "and":
            return False
        if token.lower_ == "both":
            return True
    return False


def shared_verb(segment: Span, conjunction, right: Span, cues: dict) -> str | None:
    """ "Requires expensive equipment and trained staff": both objects belong to the verb, so repeat it."""
    if any(t.pos_ in set(cues["clause_tags"]) and t.dep_ not in ("amod", "compound") for t in right):
        return None
    heads = [t for t in right if t.dep_ == "conj" and t.head.i < conjunction.i]
    if not heads:
        return None
    first = heads[0].head
    if first.dep_ not in ("dobj", "obj") or first.head.pos_ != "VERB" or first.head.i < segment.start:
        return None
    prefix = segment.doc[segment.start : first.left_edge.i]
    return prefix.text if len(prefix) else None


def distribute_adjective(left: Span, right: Span, cues: dict) -> list[str] | None:
    """ "Low purity and recovery rate": the leading adjective applies to both nouns."""
    if len(left) < 2 or left[0].pos_ != "ADJ" or not is_bare_nouns(left[1:], cues):
        return None
    if len(left) > cues["max_noun_coordination_tokens"]:
        return None
    return [left.text, f"{left[0].text} {right.text}"]


def is_bare_nouns(span: Span, cues: dict) -> bool:
    tags = set(cues["bare_noun_tags"])
    return 0 < len(span) <= cues["max_noun_coordination_tokens"] and all(t.pos_ in tags for t in span)


def property_like(span: Span, cues: dict) -> bool:
    if not len(span):
        return False
    # "Time-consuming and labor-intensive": a right conjunct ending in an adjective is a quality of its own.
    return (
        span[0].pos_ in set(cues["property_starts"])
        or span[-1].pos_ == "ADJ"
        or any(t.pos_ in set(cues["clause_tags"]) for t in span)
    )


# ---------------------------------------------------------------- cleaning


def strip_leading(span: Span, cues: dict) -> Span:
    """Drop a leading conjunction ("and", "but") left over from the list."""
    words = span.text.lower()
    for lead in sorted(cues["leading_words_dropped"], key=len, reverse=True):
        if words == lead or words.startswith(lead + " "):
            return span.doc[span.start + len(lead.split()) : span.end]
    return span


def clean(piece: Span | str, cues: dict) -> str:
    text = piece if isinstance(piece, str) else piece.text
    text = ENUMERATOR.sub("", re.sub(r"\s+", " ", text)).strip(" ,.;:")
    lowered = text.lower()
    for lead in sorted(cues["leading_words_dropped"], key=len, reverse=True):
        if lowered.startswith(lead + " "):
            text, lowered = text[len(lead) + 1 :], lowered[len(lead) + 1 :]
            break
    for connector in sorted(cues["consequence_connectors"], key=len, reverse=True):
        if lowered.startswith(connector + " "):
            text = text[len(connector) + 1 :]
            break
    return text.strip(" ,.;:")
