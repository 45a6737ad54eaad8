"""A word of the negative lexicon counts only in the role its lexicon entry gives it (models/claims/cues.json
`head_only_harm`, `intransitive_harm_verbs`; pipeline/extract/claims/prose_advantages.py `_modifier_sense`): a harm
noun or verb used as a modifier of another noun names a kind ("block factor", "block structure"), and a verb
harmful only without an object means gathering when it has one ("aggregate information"). The sentence is printed
in the deep review (gold/dev/deep_review_biomed_long122p.pdf p10) and parsed as its own section."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sentences
from claims_shared import claims_by_sentence as by_sentence

from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.records import Claim

SENTENCES = {
    # an intransitive harm verb with a direct object: gathering, not clumping
    "aggregate_information": "Instead, two-dimensional models were used to either process image slices "
    "individually (2D) or aggregate information from a number of 2D projections in the native space (2.5D).",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    claims = extract_text_claims(annotate_sentences(SENTENCES))
    return by_sentence([c for c in claims if c.relation == "disadvantage"], SENTENCES)


@pytest.mark.parametrize("key", sorted(SENTENCES))
def test_harm_word_outside_its_role_is_no_drawback(claims_by_sentence: dict[str, list[Claim]], key: str) -> None:
    assert claims_by_sentence[key] == [], [(c.subject, c.object) for c in claims_by_sentence[key]]
