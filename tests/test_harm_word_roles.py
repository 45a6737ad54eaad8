"""A word of the negative lexicon counts only in the role its lexicon entry gives it (models/claims/cues.json
`head_only_harm`, `verb_only_harm`, `intransitive_harm_verbs`; pipeline/extract/claims/prose_advantages.py
`_modifier_sense`): a harm noun or verb used as a modifier of another noun names a kind ("block factor", "block
structure", "block-diagonal"), a verb harmful only without an object means gathering when it has one ("aggregate
information"), and a word harmful only as a verb names a unit as a noun ("diagonal blocks"). The sentences are
printed in the deep review (gold/dev/deep_review_biomed_long122p.pdf p10) and in lme4's paper (benchmarks/papers/),
each parsed as its own section."""

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
    # a head-only harm noun hyphenated to the adjective it qualifies, and a verb-only harm word used as a noun (a
    # unit, not a harm); benchmarks/papers/jss2015_lme4_linear_mixed_effects_models.pdf p10
    "block_diagonal": "Because each Zi is generated from indicator columns, its cross-product, Zi⊤Zi is "
    "block-diagonal consisting of ℓi diagonal blocks each of size pi.",
}


@pytest.fixture(scope="module")
def claims_by_sentence() -> dict[str, list[Claim]]:
    claims = extract_text_claims(annotate_sentences(SENTENCES))
    return by_sentence([c for c in claims if c.relation == "disadvantage"], SENTENCES)


@pytest.mark.parametrize("key", sorted(SENTENCES))
def test_harm_word_outside_its_role_is_no_drawback(claims_by_sentence: dict[str, list[Claim]], key: str) -> None:
    assert claims_by_sentence[key] == [], [(c.subject, c.object) for c in claims_by_sentence[key]]
