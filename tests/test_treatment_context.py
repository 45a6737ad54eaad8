"""The treatment an experiment's paragraph reports on (discourse.TreatmentContext) as the subject of reported changes
that name no agent of their own (prose_effects._context_treatment), on sentences as printed in gold/dev/uritu2018 and
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
