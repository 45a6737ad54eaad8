"""Sentences printed in the repository's PDFs, parsed for the prose-claim test modules: each sentence is its own
section ("Section <key>"), so no discourse crosses them, and all are parsed in one pass."""

from __future__ import annotations

from pipeline.extract import nlp
from pipeline.extract.nlp import AnnotatedDocument
from pipeline.records import Claim, Passage, StructuredDocument


def annotate_sentences(sentences: dict[str, str]) -> AnnotatedDocument:
    passages, offset = [], 0
    for number, (key, text) in enumerate(sentences.items()):
        passages.append(Passage(number, "paragraph", f"Section {key}", 1, (0, 0, 0, 0), text, char_start=offset))
        offset += len(text) + 2
    return nlp.annotate(nlp.load_pipeline(), StructuredDocument(doc_id="t", title="t", passages=passages))


def annotate_sections(*sections: tuple[str, str], title: str = "test") -> AnnotatedDocument:
    """(section path, paragraph) pairs through the real NLP pipeline, in reading order, so that discourse (topics,
    antecedents, the paper's tool named by the title) runs across them as in a paper."""
    passages, offset = [], 0
    for number, (section, text) in enumerate(sections):
        passages.append(Passage(number, "paragraph", section, 1, (0, 0, 0, 0), text, char_start=offset))
        offset += len(text) + 2
    return nlp.annotate(nlp.load_pipeline(), StructuredDocument(doc_id="test", title=title, passages=passages))


def claims_by_sentence(claims: list[Claim], keys) -> dict[str, list[Claim]]:
    """The claims grouped by the key of the sentence they were read from."""
    found: dict[str, list[Claim]] = {key: [] for key in keys}
    for claim in claims:
        found[claim.evidence[0].section_path.removeprefix("Section ")].append(claim)
    return found


def effects(claims: dict[str, list[Claim]], key: str) -> set[tuple[str, str]]:
    """(subject, object) of the effects read from the sentence with this key."""
    return {(c.subject, c.object) for c in claims[key] if c.relation == "effect"}


def annotate_paper(title: str, *sections: tuple[str, str]) -> AnnotatedDocument:
    """A paper with a title and (section path, paragraph) pairs, as `annotate_sections`."""
    return annotate_sections(*sections, title=title)
