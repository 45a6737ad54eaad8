"""The treatment of a reported change that names no agent of its own: the paragraph's current treatment
(discourse.TreatmentContext, prose_effects._context_treatment), what a when-clause says was used or changed
(prose_effects.condition_treatment) and what an outcome was obtained or observed under (prose_effects._obtained_effect),
on sentences as printed in gold/dev (uritu2018, polymers2013, curroncol2023, emm2023, msphere2024) and
corpus/seed_review.pdf, parsed by the real NLP pipeline."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sections as annotate

from pipeline.extract.claims.discourse import TreatmentContext, treatment_statements
from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.extract.claims.prose import load_cues

BAICALIN = (
    "Baicalin has also shown some efficacy in neuropathic pain: an in vivo study on spinal nerve ligation rats showed "
    "that tactile allodynia and thermal hyperalgesia were reversed by intrathecal baicalin administration."
)
# seed_review p6: two cited studies in one paragraph; the second one's result is not the first one's treatment's
PACLITAXEL_THEN_MIR375 = (
    "Pascucci et al. increased the uptake capacity of mesenchymal stem cells by passive diffusion of paclitaxel into "
    "the cells through the pretreatment of mesenchymal stem cells with paclitaxel. Exosomes were then extracted from "
    "mesenchymal stem cells co-incubated with paclitaxel. Finally, they found that exosomes extracted from "
    "mesenchymal stem cells co-incubated with paclitaxel had stronger anti-proliferative activity by comparing "
    "pre-treated exosomes with non-treated exosomes [63]. Chen et al. transfected human adipose mesenchymal stem "
    "cells with a lentivirus, enabling them to overexpress miR-375. Exosomes carrying miR375 were then extracted from "
    "human adipose mesenchymal stem cells in a rat model of skull defect. They found that the bone regenerative "
    "capacity of exosomes carrying miR375 was enhanced by comparison with exosomes extracted from untreated human "
    "adipose mesenchymal stem cells [64]."
)
CONDITIONS = {
    # polymers2013 p5-p7, curroncol2023 p2: what was used, or which setting was changed, in a when-clause
    "using": "In the literature, ZnCl2 showed better catalytic activity [20], but when using ZnCl2 as a catalyst, the "
    "PET was glycolized completely, and the yield of BHET was decreased to 78.6% (Table 1, entry 11).",
    "changing": "When the reaction time was prolonged, the conversion of PET was increased and the 8.8% BHET was given "
    "when the reaction was prolonged to 4 h (Table 1, entry 2).",
    "used passive": "The work from the IKWG showed that reproducibility improved when the criteria for readout/scoring "
    "were uniformly applied by trained, qualified readers and highlighted the potential benefit of automated scoring "
    "using imaging analysis tools [16].",
    # an outcome obtained under a condition, observed in response to an exposure; a record with no cause is no claim
    "obtained": "The 52.2% conversion of PET and 36.0% yield of BHET were obtained when the catalyst concentration was "
    "decreased to 0.16 wt % (Table 1, entry 10).",
    "observed": "Both heterogeneous expression and temporal fluctuation in the expression of genes encoding MSC "
    "components were observed in response to the viral infection.",
    "no cause": "Additionally, MIC increases were also observed for gentamicin (four- to fivefold) and erythromycin "
    "(threefold) in some mutants (AB18 M2, M3, and M5), and the tetracycline MIC was also elevated (threefold) in AB18 "
    "M2 and M3.",
}
STATEMENTS = {
    # uritu2018: a treatment noun with its agent, a named premodifier, a treated group
    "pretreatment": "Pretreatment with baicalein increased the concentration of antioxidant enzymes such as SOD, "
    "catalase, and GSH in an in vivo model of myocardial ischemic injury [183].",
    "premodified": "There are no reported side effects following G. hederacea administration.",
    "treated group": "In vitro, O. sanctum leaf extracts exhibited significant anti-inflammatory effects in "
    "LPS-stimulated monocytic cells, reducing cytokine production and decreasing TNF-α secretion [193].",
    # the challenge that makes a pain model is not the treatment tested
    "inducing": "Moreover, the REO inhibited licking and shaking induced by formalin injections.",
}


@pytest.fixture(scope="module")
def paper():
    sections = [("Results > Baicalin", BAICALIN), ("Results > Endogenous loading", PACLITAXEL_THEN_MIR375)]
    sections += [(f"Statements > {key}", text) for key, text in STATEMENTS.items()]
    sections += [(f"Conditions > {key}", text) for key, text in CONDITIONS.items()]
    annotated = annotate(*sections)
    return annotated, extract_text_claims(annotated)


def _doc(annotated, section: str):
    return next(doc for passage, doc in annotated.docs if passage.section_path == section)


def test_a_change_stated_of_its_patient_takes_the_treatment_the_sentence_applies(paper):
    _, claims = paper
    found = {(c.subject, c.object) for c in claims if "subject-treatment" in c.cue}
    assert ("intrathecal baicalin administration", "reversed tactile allodynia") in found
    assert ("intrathecal baicalin administration", "reversed thermal hyperalgesia") in found


def test_a_cited_study_closes_and_the_next_study_starts_without_a_treatment(paper):
    annotated, claims = paper
    assert not [c for c in claims if c.subject == "paclitaxel" and "bone" in c.object]
    context, cues = TreatmentContext(), load_cues()
    seen = []
    for sent in _doc(annotated, "Results > Endogenous loading").sents:
        context.observe(sent, 1, cues)
        seen.append(context.current(1))
    assert seen[1] == "paclitaxel"  # "... co-incubated with paclitaxel"
    assert seen[-1] == ""  # after "[63]." and "Chen et al.": another study, whose treatment no pattern names


@pytest.mark.parametrize(
    "key, expected",
    [
        ("pretreatment", ["Pretreatment with baicalein"]),
        ("premodified", ["G. hederacea administration"]),
        ("treated group", ["LPS"]),
        ("inducing", []),
    ],
)
def test_treatment_statements(paper, key, expected):
    annotated, _ = paper
    sentence = next(iter(_doc(annotated, f"Statements > {key}").sents))
    assert treatment_statements(sentence, load_cues()) == expected


def _effects(claims, key: str) -> set[tuple[str, str]]:
    return {
        (c.subject, c.object)
        for c in claims
        if c.relation == "effect" and c.evidence[0].section_path == f"Conditions > {key}"
    }


def test_a_when_clause_names_what_was_used_or_changed(paper):
    _, claims = paper
    assert ("ZnCl2", "decreased the yield of BHET") in _effects(claims, "using")
    assert ("prolonging reaction time", "increased the conversion of PET") in _effects(claims, "changing")
    assert ("criteria for readout/scoring", "improved reproducibility") in _effects(claims, "used passive")


def test_an_outcome_obtained_under_a_condition_or_observed_in_response_is_its_effect(paper):
    _, claims = paper
    obtained = _effects(claims, "obtained")
    assert ("decreasing catalyst concentration to 0.16 wt %", "The 52.2% conversion of PET") in obtained
    observed = {subject for subject, _ in _effects(claims, "observed")}
    assert observed == {"viral infection"}
    assert not [obj for _, obj in _effects(claims, "no cause") if "MIC increases" in obj]
