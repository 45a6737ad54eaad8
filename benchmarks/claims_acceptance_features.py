"""Features and scoring of the trained accept/reject experiment for claim candidates (train_claim_acceptance.py).

Not used by the pipeline: measured leave-one-paper-out over gold/seed + gold/dev, the model did not beat the rules
(see that script's docstring for the figures), so it stays an experiment. A logistic regression scores each
candidate from features that describe its shape, never its wording: which pattern class produced it, the relation,
the section kind, the length and part of speech of subject and object, pronouns, numbers, hedging and negation,
citations, first/second person, and signs of garbled text (columns run together).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Span

from pipeline.extract.claims.guard import load_guard_words
from pipeline.extract.claims.prose import load_cues
from pipeline.records import Claim

CITATION = re.compile(r"\[\d+(?:[,–-]\s*\d+)*\]|\(\s*[A-Z][A-Za-z-]+(?: et al\.?| and [A-Z][A-Za-z-]+)?,? \d{4}[a-z]?")
DIGIT = re.compile(r"\d")
MIXED_CASE = re.compile(r"[a-z]{2}[A-Z][a-z]")  # "activiLti", "oMnoocr": words of two columns read together
PERSON_WORDS = {"first": {"we", "our", "us", "ours"}, "second": {"you", "your", "yours"}}
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class AcceptanceModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float
    section_kinds: dict[str, tuple[str, ...]]
    pronouns: frozenset[str]  # from the junk guard's word lists (models/claims/guard.json)
    hedges: frozenset[str]  # from the claim cues (models/claims/cues.json)

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept
        for name, weight, mean, scale in zip(self.features, self.weights, self.means, self.scales, strict=True):
            z += weight * (values.get(name, 0.0) - mean) / scale
        return 1.0 / (1.0 + math.exp(-z))


def model_from_dict(data: dict) -> AcceptanceModel:
    names = tuple(data["weights"])
    return AcceptanceModel(
        features=names,
        weights=tuple(data["weights"][n] for n in names),
        intercept=data["intercept"],
        means=tuple(data["means"][n] for n in names),
        scales=tuple(data["scales"][n] for n in names),
        threshold=data["threshold"],
        section_kinds={kind: tuple(words) for kind, words in data["section_kinds"].items()},
        pronouns=load_guard_words().pronouns,
        hedges=frozenset(load_cues().hedges),
    )


# ---------------------------------------------------------------- features


def candidate_features(claims: list[Claim], annotated, model: AcceptanceModel) -> list[dict[str, float]]:
    """One feature dict per claim (sentence-level features need the parsed passages of `annotated`)."""
    per_sentence: dict[tuple[int, int], int] = {}
    for claim in claims:
        key = _sentence_key(claim)
        per_sentence[key] = per_sentence.get(key, 0) + 1
    spans = _SentenceFinder(annotated)
    return [claim_features(claim, spans.find(claim), per_sentence[_sentence_key(claim)], model) for claim in claims]


def claim_features(claim: Claim, sent: Span | None, siblings: int, model: AcceptanceModel) -> dict[str, float]:
    evidence = claim.evidence[0] if claim.evidence else None
    values: dict[str, float] = {f"relation={claim.relation}": 1.0}
    sources = {e.source for e in claim.evidence}
    values["from_table"] = float("table" in sources)
    values["from_text"] = float("text" in sources)
    for part in claim.cue.split("+"):
        values[f"pattern={pattern_class(part)}"] = 1.0
    values["section=" + section_kind(evidence.section_path if evidence else "", model)] = 1.0
    subject_words, object_words = WORD.findall(claim.subject), WORD.findall(claim.object)
    values["subject_words"] = math.log1p(len(subject_words))
    values["object_words"] = math.log1p(len(object_words))
    values["subject_digit"] = float(bool(DIGIT.search(claim.subject)))
    values["object_digit"] = float(bool(DIGIT.search(claim.object)))
    values["subject_pronoun"] = float(any(w.lower() in model.pronouns for w in subject_words))
    values["object_pronoun"] = float(any(w.lower() in model.pronouns for w in object_words))
    values["subject_capital"] = float(claim.subject[:1].isupper())
    values["subject_acronym"] = float(any(len(w) > 1 and w.isupper() for w in subject_words))
    values["subject_normalized"] = float(bool(claim.subject_norm) and claim.subject_norm != claim.subject.lower())
    values["object_list"] = float("," in claim.object or " and " in claim.object)
    values["overlap"] = _overlap(subject_words, object_words)
    values["hedged"] = float(claim.hedged)
    values["negated"] = float(claim.negated)
    values["has_direction"] = float(bool(claim.direction))
    values["has_magnitude"] = float(bool(claim.magnitude))
    values["has_comparator"] = float(bool(claim.comparator))
    values["has_aspect"] = float(bool(claim.aspect))
    values["siblings"] = math.log1p(siblings - 1)
    text = evidence.text if evidence and evidence.source == "text" else ""
    if text:
        words = WORD.findall(text)
        lower = {w.lower() for w in words}
        values["sentence_words"] = math.log1p(len(words))
        values["citation"] = float(bool(CITATION.search(text)))
        values["first_person"] = float(bool(lower & PERSON_WORDS["first"]))
        values["second_person"] = float(bool(lower & PERSON_WORDS["second"]))
        values["garbled"] = min(1.0, len(MIXED_CASE.findall(text)) / 2)
        values["long_words"] = min(1.0, sum(1 for w in words if len(w) > 20) / 2)
        values["sentence_hedge"] = float(bool(lower & model.hedges))
        values["subject_in_sentence"] = float(_loose(claim.subject) in _loose(text))
        values["object_in_sentence"] = float(_loose(claim.object) in _loose(text))
        values["question"] = float(text.rstrip().endswith("?"))
    if sent is not None:
        values.update(_parse_features(claim, sent))
    return values


def pattern_class(cue: str) -> str:
    """ "cue:advantage:has" -> "cue:has": the frame that fired, without the cue word; "table column: X" -> "table"."""
    if cue.startswith("table column"):
        return "table"
    parts = cue.split(":")
    if parts[0] == "cue" and len(parts) >= 3:
        return ":".join([parts[0], *parts[2:]])
    return cue or "none"


def section_kind(section_path: str, model: AcceptanceModel) -> str:
    """The kind of the outermost section with a known name (introduction, methods, results, ...), else "other"."""
    for part in section_path.split(">"):
        words = set(WORD.findall(part.lower()))
        for kind, names in model.section_kinds.items():
            if words & set(names):
                return kind
    return "other"


def _parse_features(claim: Claim, sent: Span) -> dict[str, float]:
    values: dict[str, float] = {}
    subject = _find(sent, claim.subject)
    obj = _find(sent, claim.object)
    root = sent.root
    values["root_verb"] = float(root.pos_ in ("VERB", "AUX"))
    values["imperative"] = float(root.tag_ == "VB" and root.i == sent.start)
    values["sentence_verbs"] = math.log1p(sum(1 for t in sent if t.pos_ == "VERB"))
    if subject is not None:
        values[f"subject_pos={_coarse(subject.root.pos_)}"] = 1.0
        values["subject_is_nsubj"] = float(any(t.dep_ in ("nsubj", "nsubjpass") for t in subject))
    if obj is not None:
        values[f"object_pos={_coarse(obj.root.pos_)}"] = 1.0
        values["object_has_verb"] = float(any(t.pos_ == "VERB" for t in obj))
    if subject is not None and obj is not None:
        gap = obj.start - subject.end if obj.start >= subject.end else subject.start - obj.end
        values["distance"] = math.log1p(max(0, gap))
        values["object_before_subject"] = float(obj.start < subject.start)
    return values


def _coarse(pos: str) -> str:
    return pos if pos in ("NOUN", "PROPN", "VERB", "ADJ") else "other"


def _find(sent: Span, phrase: str) -> Span | None:
    """The tokens of `phrase` in the sentence (the first place its first and last words occur in order)."""
    words = WORD.findall(phrase.lower())
    if not words:
        return None
    tokens = list(sent)
    for i, token in enumerate(tokens):
        if token.lower_.startswith(words[0]):
            for j in range(i, min(len(tokens), i + 3 * len(words) + 3)):
                if tokens[j].lower_.endswith(words[-1]) or words[-1] in tokens[j].lower_:
                    return sent.doc[tokens[i].i : tokens[j].i + 1]
            return sent.doc[tokens[i].i : tokens[i].i + 1]
    return None


def _loose(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def _overlap(first: list[str], second: list[str]) -> float:
    a, b = {w.lower() for w in first}, {w.lower() for w in second}
    return len(a & b) / max(1, min(len(a), len(b)))


def _sentence_key(claim: Claim) -> tuple[int, int]:
    evidence = claim.evidence[0] if claim.evidence else None
    if evidence is None or evidence.char_start is None:
        return (-1, id(claim))
    return (evidence.char_start, evidence.char_end or 0)


class _SentenceFinder:
    """The parsed sentence of a prose claim's first evidence (by its character offsets in the document)."""

    def __init__(self, annotated) -> None:
        self.docs = sorted(
            ((p.char_start, p.char_start + len(p.text), d) for p, d in getattr(annotated, "docs", []) or []),
            key=lambda item: item[0],
        )

    def find(self, claim: Claim) -> Span | None:
        evidence = next((e for e in claim.evidence if e.source == "text" and e.char_start is not None), None)
        if evidence is None:
            return None
        for start, end, doc in self.docs:
            if start <= evidence.char_start < end:
                span = doc.char_span(
                    evidence.char_start - start, (evidence.char_end or end) - start, alignment_mode="expand"
                )
                return span
        return None
