"""The learned claim step: loose clause candidates (learned_candidates.py) labelled by a linear model.

The model (models/claims/learned_extractor.json) is plain JSON weights of a multinomial logistic regression,
trained by benchmarks/train_claim_extractor.py; it is applied here in pure Python, with no extra dependency.
"""

from __future__ import annotations

from pipeline.extract.claims.learned_candidates import main_subject, sentence_candidates
from pipeline.extract.claims.prose import load_cues


def document_candidates(annotated) -> list[dict]:
    """Every loose candidate of the document's claim prose, as plain dicts (text, page, features)."""
    from pipeline.extract.claims.from_text import _is_claim_prose

    cues = load_cues()
    found: list[dict] = []
    # heads that name the method under discussion rather than a new thing: "the device", "this approach"
    generic_heads = frozenset(cues.method_heads | cues.advantage | cues.disadvantage)
    discourse_topic, section = "", None
    for passage, doc in annotated.docs:
        if not _is_claim_prose(passage, cues):
            continue
        if passage.section_path != section:
            discourse_topic, section = "", passage.section_path
        previous, first = "", ""
        for position, sent in enumerate(doc.sents):
            page = passage.page_at(sent.start_char)
            topics = [t for t in dict.fromkeys([previous, first, discourse_topic]) if t]
            for candidate in sentence_candidates(sent, topics, generic_heads):
                found.append(
                    {
                        "subject": candidate.subject,
                        "subject_norm": annotated.abbreviations.get(candidate.subject, ""),
                        "object": candidate.object,
                        "kind": candidate.kind,
                        "subject_kind": candidate.subject_kind,
                        "page": page,
                        "sentence": sent.text,
                    }
                )
            subject = main_subject(sent)
            previous = subject or previous
            first = first or subject
        discourse_topic = previous or discourse_topic
    return found
