"""A trial's null findings between its arms (pipeline/extract/claims/prose_trial_arms.py) and the intervention its
aims name (discourse.PaperSubjects.studied_intervention), on sentences as printed in gold/dev's bmj2015 trial
(gold/dev/bmj2015_rct_exercise_smoking_pregnancy.pdf, pp. 1, 5-6), parsed by the real NLP pipeline."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sections as annotate

from pipeline.extract import nlp
from pipeline.extract.claims.discourse import paper_subjects
from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.extract.claims.prose import load_cues


@pytest.fixture(scope="module")
def trial():
    return annotate(
        (
            "ABSTRACT > Objective",
            "To determine the effectiveness of a physical activity intervention for smoking cessation during "
            "pregnancy.",
        ),
        (
            "ABSTRACT > Results",
            "According to the accelerometer data there was no significant difference in physical activity levels "
            "between the groups.",
        ),
        (
            "Results",
            "The baseline characteristics of participants in the two groups were similar (table 1). There was no "
            "significant difference in gestational or postnatal weight between the groups (table 5). Only 28 women "
            "reported receiving NHS face to face support for smoking cessation, and 60 women reported using nicotine "
            "replacement therapy; the numbers reporting this support were similar between the two groups.",
        ),
        (
            "What this study adds",
            "Adverse events and birth outcomes were similar between the two groups, except for significantly more "
            "caesarean births in the control group than in the physical activity group (29% v 21%, P=0.023).",
        ),
    )


@pytest.fixture(scope="module")
def arm_claims(trial):
    return [c for c in extract_text_claims(trial) if "arm-null" in c.cue]


def test_the_aims_name_the_intervention_the_trial_tests(trial):
    subjects = paper_subjects(trial.docs, nlp.load_pipeline(), load_cues(), lambda span: False)
    assert subjects.studied_intervention() == "physical activity intervention"


def test_a_null_difference_between_unnamed_groups_is_an_effect_of_the_papers_intervention(arm_claims):
    found = {(c.subject, c.object) for c in arm_claims}
    subject = "physical activity intervention"
    assert (subject, "no significant difference in physical activity levels") in found
    # coordinated premodifiers distribute over the measure: two findings
    assert (subject, "no significant difference in gestational weight") in found
    assert (subject, "no significant difference in postnatal weight") in found
    assert (subject, "Adverse events similar to the control group") in found
    assert (subject, "birth outcomes similar to the control group") in found
    assert all(c.negated for c in arm_claims if c.object.startswith("no "))


def test_how_the_trial_ran_is_no_finding(arm_claims):
    # baseline characteristics and a bare quantity ("the numbers reporting this support") describe the trial's conduct
    # (while the same paragraphs do give findings)
    assert len(arm_claims) == 5
    assert not any("characteristics" in c.object or c.object.lower().startswith("numbers") for c in arm_claims)
