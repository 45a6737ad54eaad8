"""The junk guard on claims, and prose patterns that must give content claims (short passages through the real
NLP pipeline)."""

from __future__ import annotations

import pytest

from pipeline.extract.claims.guard import is_content_object, is_content_subject
from tests.test_text_claims import text_claims


@pytest.mark.parametrize(
    "subject", ["which", "it", "EPRS1-", "TLR-mediated", "c Insulin-induced modification", "sonicated", "20 mg/kg"]
)
def test_fragments_and_function_words_are_not_subjects(subject):
    assert not is_content_subject(subject)


@pytest.mark.parametrize(
    "subject", ["sodium arsenite", "EPRS1 deficiency", "three-dimensional cultured exosomes", "IFN-γ"]
)
def test_content_phrases_are_subjects(subject):
    assert is_content_subject(subject)


@pytest.mark.parametrize(
    ("obj", "subject"),
    [
        ("rates", "physical activity"),
        ("which", "deep learning"),
        ("AKT", "AKT"),
        ("their activity", "X"),
        ("the intensity of", "X"),
        ("6", "X"),
    ],
)
def test_objects_that_say_nothing_are_rejected(obj, subject):
    assert not is_content_object(obj, subject)


@pytest.mark.parametrize("obj", ["rates of smoking abstinence", "analgesic", "reduced AKT activation", "high cost"])
def test_content_objects_pass(obj):
    assert is_content_object(obj, "X")


def test_an_activity_list_gives_one_effect_per_item():
    claims = text_claims(
        "As medicinal activity, lavender essential oils possess antispastic, carminative, analgesic, and sedative"
        " action."
    )
    objects = {c.object for c in claims if c.relation == "effect"}
    assert {"antispastic", "carminative", "analgesic"} <= objects
    assert all("oil" in c.subject for c in claims if c.relation == "effect")


def test_a_relative_pronoun_is_never_a_subject():
    claims = text_claims("Wang et al. developed a DeepCNF model that improved protein secondary structure accuracy.")
    assert all(c.subject.lower() not in ("that", "which") for c in claims)


def test_a_plain_noun_phrase_subject_acts():
    claims = text_claims("The ethanolic extract of rosemary inhibited acetic acid-induced pain in mice.")
    assert any(c.relation == "effect" and "extract" in c.subject and "pain" in c.object for c in claims)
