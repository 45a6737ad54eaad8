"""Who can own an advantage or a drawback (issue 19, session 14): people and bodies of people (users, clinicians, a
working group, a committee) recommend, identify and use methods; a clause whose subject names one judges no
method of theirs. A sentence printed in gold/dev/curroncol2023_ki67_breast_cancer_guidelines.pdf (p3), parsed as
its own section."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.records import Claim

SENTENCES = {
    # a body named by a proper noun phrase (the parse heads it on "Ki67"); "factors that caused variability" is a
    # finding the group reports, not the group's drawback
    "working_group": "The International Ki67 in Breast Cancer Working Group (IKWG) identified multiple factors, "
    "including preanalytical (collection, processing and archiving), analytical (staining and analysis) and "
    "post-analytical (readout/scoring), that caused variability in Ki67 scoring.",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    return by_sentence(extract_text_claims(annotate_sentences(SENTENCES)), SENTENCES)


def _evaluations(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.relation in ("advantage", "disadvantage")]


def test_a_working_group_owns_no_drawback(claims_by_sentence):
    assert _evaluations(claims_by_sentence["working_group"]) == []
