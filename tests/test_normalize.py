"""Normalization: canonical subjects, folded objects, aspects, and the wording-tolerant object comparison."""

from __future__ import annotations

import json

import pytest

from pipeline.extract.normalize import (
    aspect_of,
    canonical_subject,
    content_stems,
    expand_abbreviations,
    fold,
    load_lexicon,
    normalize_claims,
    object_similarity,
    same_subject,
)
from pipeline.records import Claim, Evidence


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("UC", "ultracentrifugation"),
        ("Ultracentrifugation method", "ultracentrifugation"),
        ("differential ultracentrifugation", "ultracentrifugation"),
        ("SEC", "size-exclusion chromatography"),
        ("size exclusion chromatography", "size-exclusion chromatography"),
        ("Size-Exclusion Chromatography (SEC)", "size-exclusion chromatography"),
        ("the magnetic bead method", "immunomagnetic beads"),
        ("this precipitation method", "polymer precipitation"),
        ("ExoQuick", "polymer precipitation"),
        ("tangential flow filtration", "ultrafiltration"),
        ("alternating current electrokinetic (ACE) microarray chip device", "biochip"),
        ("hypoxic preconditions", "hypoxic preconditioning"),
        ("3D culture", "three-dimensional cell culture"),
        ("three-dimensional cultured", "three-dimensional cell culture"),
        ("NTA", "nanoparticle tracking analysis"),
        ("qRT-PCR", "quantitative PCR"),
    ],
)
def test_variants_of_a_method_share_one_canonical_name(written, canonical):
    assert canonical_subject(written) == canonical


def test_abbreviations_of_the_document_are_expanded_before_lookup():
    abbreviations = {"TXL": "Tongxinluo", "BMSCs": "bone marrow-derived mesenchymal stem cells"}
    assert canonical_subject("TXL", abbreviations) == "tongxinluo"
    assert (
        expand_abbreviations("BMSCs exosomes", abbreviations) == "bone marrow-derived mesenchymal stem cells exosomes"
    )
    # The lexicon's own short forms win over an unrelated document expansion.
    assert canonical_subject("UC", {"UC": "ulcerative colitis"}) == "ultracentrifugation"


def test_subjects_outside_the_lexicon_are_folded():
    assert canonical_subject("Saliva-derived Exosomes [16]") == "saliva derived exosome"
    assert fold("miR-375") == fold("miR375")
    assert same_subject("exosomes derived from urine stem cells", "urine stem cell-derived exosomes")
    assert not same_subject("saliva-derived exosomes", "milk-derived exosomes")


def test_a_user_lexicon_replaces_the_packaged_one(tmp_path):
    path = tmp_path / "methods.jsonl"
    path.write_text(
        json.dumps({"canonical": "flow cytometry", "type": "method", "aliases": ["FCM", "cytometer"]}) + "\n"
    )
    lexicon = load_lexicon(str(path))
    assert canonical_subject("the cytometer", lexicon=lexicon) == "flow cytometry"
    assert canonical_subject("UC", lexicon=lexicon) == "uc"


@pytest.mark.parametrize(
    ("prop", "aspect"),
    [
        ("high economic cost", "cost"),
        ("Economical", "cost"),
        ("consumes time due to continuous centrifugation", "time"),
        ("within 30 min", "time"),
        ("low purity", "purity"),
        ("more foreign proteins", "purity"),
        ("low yield of exosomes", "yield"),
        ("no influence on the shape integrity of exosomes", "integrity/activity"),
        ("damages the vesicle membrane", "integrity/activity"),
        ("high specificity", "specificity"),
        ("no need for special equipment", "equipment"),
        ("simple operation", "ease of use"),
        ("low throughput", "scalability"),
        ("uneven particle size", "other"),
    ],
)
def test_aspect_of_a_property(prop, aspect):
    assert aspect_of(prop) == aspect


def test_object_similarity_is_lenient_on_wording():
    assert object_similarity("time-consuming", "it is time consuming") >= 0.5
    assert object_similarity("damaged exosomes", "the exosomes may be damaged") >= 0.5
    assert object_similarity("high yield", "low purity") < 0.5
    # Shared generic words alone do not make two properties the same.
    assert object_similarity("exosomes", "destruction of exosomes") < 0.5
    assert content_stems("the recovery of vesicles") == content_stems("vesicle recover")


def test_normalize_claims_fills_norms_and_aspects():
    claims = [
        Claim("UC", "disadvantage", "High economic cost [12]", [Evidence("table", "High economic cost", 3)]),
        Claim("hypoxia", "effect", "the yield of exosomes", [Evidence("text", "...", 2)], direction="increase"),
    ]
    normalize_claims(claims)
    assert (claims[0].subject_norm, claims[0].object_norm, claims[0].aspect) == (
        "ultracentrifugation",
        "high economic cost",
        "cost",
    )
    assert claims[1].subject_norm == "hypoxic preconditioning"
    assert claims[1].object_norm == "yield of exosome"
    assert claims[1].aspect == ""


@pytest.mark.parametrize(("text", "aspect"), [("20 times that of 2D culture", "other"), ("takes a long time", "time")])
def test_a_multiplier_is_not_the_time_aspect(text, aspect):
    assert aspect_of(text) == aspect


def test_plain_words_are_never_expanded_as_abbreviations():
    abbreviations = {"MSC": "multi-tRNA synthetase complex", "mice": "x"}
    expanded = expand_abbreviations("AIMP2 from the MSC in mice", abbreviations)
    assert expanded == "AIMP2 from the multi-tRNA synthetase complex in mice"


def test_greek_letters_keep_molecules_apart():
    assert fold("IFN-γ") == "ifn gamma" and fold("IFN-γ") != fold("IFN-α")
    assert fold("TGF-β") == "tgf beta"
