"""Document-level subjects of prose claims (pipeline/extract/claims/discourse.py), on sentences as printed in the dev
and seed PDFs (gold/dev/jner2016_fes_hand_opening.pdf, corpus/seed_review.pdf), parsed by the real NLP pipeline."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sections as annotate

from pipeline.extract import nlp
from pipeline.extract.claims.discourse import (
    AntecedentModel,
    anaphor_at,
    is_expletive,
    paper_subjects,
    self_reference_head,
)
from pipeline.extract.claims.from_text import extract_text_claims
from pipeline.extract.claims.prose import load_cues


@pytest.fixture(scope="module")
def fes_paper():
    """The jner2016 paper's abstract names its method; later sections call it "the presented/present approach"."""
    return annotate(
        (
            "Abstract > Conclusions",
            "The selectivity of muscle recruitment predicted the kinematic pattern. This electrophysiologically "
            "driven approach would thus allow for an operator-independent positioning of the electrode array in "
            "neurorehabilitation.",
        ),
        (
            "Results",
            "The presented approach was successful in detecting the stimulation patterns which were effective for "
            "functional hand opening in all subjects.",
        ),
        (
            "Discussion",
            "Another advantage of the present approach is that it allows detecting the optimal stimulation pattern "
            "with relatively low current intensities.",
        ),
    )


def test_the_abstract_names_the_method_the_paper_presents(fes_paper):
    subjects = paper_subjects(fes_paper.docs, nlp.load_pipeline(), load_cues(), lambda span: False)
    assert subjects.presented_method("approach") == "electrophysiologically driven approach"


def test_the_papers_own_method_written_as_the_present_approach_resolves_to_its_name(fes_paper):
    claims = extract_text_claims(fes_paper)
    resolved = [c for c in claims if c.subject == "electrophysiologically driven approach"]
    objects = " ".join(c.object for c in resolved)
    assert "successful in detecting the stimulation patterns" in objects
    assert "optimal stimulation pattern" in objects
    assert all(":subject-paper" in c.cue for c in resolved if "stimulation pattern" in c.object)
    # the abstract's own sentence keeps the whole phrase, not the parser's cut "driven approach"
    assert not any(c.subject in ("driven approach", "present approach", "presented approach") for c in claims)


def test_a_review_introducing_strategies_presents_no_method_of_its_own():
    annotated = annotate(
        (
            "Introduction",
            "In this review, we first introduced strategies to solve the mass production problems of exosomes in "
            "clinical and research applications: exogenous treatment for parent cells and different extraction "
            "methods.",
        )
    )
    assert paper_subjects(annotated.docs, nlp.load_pipeline(), load_cues(), lambda span: False).presented == []


def test_a_heading_naming_one_method_is_the_subject_of_this_method_at_section_start():
    annotated = annotate(
        (
            "Drug loading > Sonication",
            "The disadvantage of this method is to damage the membrane of exosomes leading to exosome destruction.",
        ),
        (
            "Drug loading > Clinical applications",
            "The disadvantage of this method is to damage the membrane of exosomes leading to exosome destruction.",
        ),
    )
    claims = extract_text_claims(annotated)
    sonication = [c for c in claims if c.subject == "Sonication"]
    assert sonication and ":subject-heading" in sonication[0].cue
    assert not any(c.subject == "Clinical applications" for c in claims)  # a use is not a method


def test_a_bare_pronoun_does_not_reach_the_heading():
    annotated = annotate(
        (
            "Engineered exosomes > Drug loading mode",
            "Therefore, it is easily cleared quickly and taken up by non-target cells after entering the body, or "
            "exosomes interact with the cell membrane, reducing the application of their dominant effect [60].",
        )
    )
    assert not any(c.subject == "Drug loading mode" for c in extract_text_claims(annotated))


def test_self_reference_phrases():
    assert self_reference_head("the proposed method") == "method"
    assert self_reference_head("our approach") == "approach"
    assert self_reference_head("presented procedure") == "procedure"
    assert self_reference_head("the current approach") is None  # "current" in a review means the existing ones
    assert self_reference_head("the proposed changes") is None


# --- antecedents across sentences (discourse.AntecedentModel) --------------------------------------------------------


def test_this_technique_resolves_to_the_method_named_in_the_sentence_before():
    """gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf p2: the method is the object of the sentence before; the
    section's topic (the plant) is not what "this extraction technique" points at."""
    annotated = annotate(
        (
            "Potential Analgesic/Antinociceptive Effects",
            "While rosemary oil is irritating to rabbit skin, it is not usually considered to be a sensitizer for "
            "human skin [55]. Bioactive compounds such as flavonoids, diterpenes, phenols, and triterpenes from plant "
            "sources have been traditionally extracted by a conventional solid-liquid extraction. Nevertheless, this "
            "extraction technique presents several disadvantages, mainly because it is an arduous, time-consuming "
            "process that requires a high consumption of solvents, and in some cases provides low recovery.",
        )
    )
    drawbacks = [c for c in extract_text_claims(annotated) if c.relation == "disadvantage"]
    assert drawbacks and all("solid-liquid extraction" in c.subject for c in drawbacks)
    assert any("low recovery" in c.object for c in drawbacks)
    assert not any("rosemary" in c.subject for c in drawbacks)


def test_the_model_resolves_to_the_network_the_sentence_before_made_its_subject():
    """gold/dev/deep_review_biomed_long122p.pdf p20: "the model" repeats a method-class head; the subject of the
    sentence before (a network) wins over its object (linear regression) by role."""
    annotated = annotate(
        (
            "Deep learning to study the fundamental biological processes underlying human disease > Gene expression",
            "Deep learning approaches are also being applied to gene expression prediction tasks. For example, a deep "
            "neural network with three hidden layers outperformed linear regression in inferring the expression of "
            "over 20,000 target genes based on a representative, well-connected set of about 1,000 landmark genes "
            "[184]. However, while the deep learning model outperformed existing algorithms in nearly every scenario, "
            "the model still displayed poor performance.",
        )
    )
    poor = [c for c in extract_text_claims(annotated) if "poor performance" in c.object]
    assert poor and poor[0].relation == "disadvantage"
    assert poor[0].subject.startswith("deep neural network")
    assert poor[0].cue.endswith(":subject-antecedent")


def test_an_expletive_it_and_a_reporting_they_point_back_at_nothing():
    """gold/dev/polymers2013_pet_glycolysis_ionic_liquids.pdf p11: "It can be deduced that ..." stands for its clause;
    "They found that ..." (the authors) is no method."""
    cues = load_cues()
    annotated = annotate(
        (
            "3. Results and Discussion",
            "Moreover, we characterized the recovered catalyst by NMR (Figure 7). It can be deduced that this catalyst "
            "was stable in the glycolysis of PET. They found that the catalyst was stable.",
        )
    )
    doc = annotated.docs[0][1]
    model = AntecedentModel(cues)
    sentences = list(doc.sents)
    model.observe(sentences[0], [], 0)
    expletive = anaphor_at(doc, sentences[1][0].i, cues)
    assert expletive is not None and is_expletive(expletive.token)
    assert not model.reaches_back(expletive, sentences[1])
    reporting = anaphor_at(doc, sentences[2][0].i, cues)
    assert reporting is not None and reporting.plural and not model.reaches_back(reporting, sentences[2])


def test_a_described_noun_phrase_is_no_anaphor():
    """ "this synthetic peptide" (gold/dev/emm2023_eprs1_review_rotated_table.pdf) describes by its own modifier; "this
    method" points back."""
    cues = load_cues()
    doc = annotate(
        ("Results", "As this synthetic peptide was derived from a natural host protein, this method may be safe.")
    ).docs[0][1]
    peptide = next(t for t in doc if t.lower_ == "peptide")
    method = next(t for t in doc if t.lower_ == "method")
    assert anaphor_at(doc, peptide.i, cues) is None
    assert anaphor_at(doc, method.i, cues).head == "method"


def test_a_that_clause_behind_an_expletive_it_gives_no_claim_about_the_sections_topic():
    """gold/dev/polymers2013_pet_glycolysis_ionic_liquids.pdf p11: in "It can be deduced that this catalyst was
    stable", "it" stands for the that-clause (a passive reporting verb with a clausal complement), not for the
    section's topic; the evaluative extractor takes it as no owner, and the reporting frame is no property."""
    from pipeline.extract.claims.prose_advantages import _expletive

    annotated = annotate(
        (
            "3. Results and Discussion > 3.3. Effects of Reaction Parameters on the Glycolysis Reaction of PET",
            "Moreover, we characterized the recovered catalyst by NMR (Figure 7). It was found that the recovered "
            "catalyst showed results similar to those of the fresh one. It can be deduced that this catalyst was "
            "stable in the glycolysis of PET.",
        )
    )
    doc = annotated.docs[0][1]
    deduced = next(t for t in doc if t.lower_ == "deduced")
    it = next(c for c in deduced.children if c.lower_ == "it")
    assert _expletive(it)
    assert not any("deduced" in c.object for c in extract_text_claims(annotated))


def test_they_takes_no_subject_from_the_sections_topic():
    """A bare "they" of an evaluative or effect clause is read only through a confident ranked antecedent
    (Discourse.antecedent); the base Discourse, which ranks nothing, gives none, and "They found that ..." (the
    authors) gives no claim (gold/dev/polymers2013_pet_glycolysis_ionic_liquids.pdf wording)."""
    annotated = annotate(
        (
            "3. Results and Discussion",
            "The glycolysis of PET catalyzed by [Bmim]ZnCl3 was studied. They found that the catalyst was stable and "
            "reusable.",
        )
    )
    claims = extract_text_claims(annotated)
    assert not any(c.subject.lower() in ("they", "authors") for c in claims)
    from pipeline.extract.claims.prose import Discourse

    doc = annotated.docs[0][1]
    they = next(t for t in doc if t.lower_ == "they")
    assert Discourse().antecedent(None, they.i) == ""


# --- agreement of product anaphors ("the extract", "this compound") ----------------------------------------------


def test_the_extract_coordinated_with_a_compound_is_the_extract_named_before():
    """gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf p3, as printed: "the extract" coordinated with a named
    compound, after a treatment phrase ("pretreatment ... with R. officinalis extract and/or carnosol")."""
    annotated = annotate(
        (
            "Potential Analgesic/Antinociceptive Effects",
            "In an experiment conducted by Emami et al. [34], the effects of R. officinalis extract and its major "
            "constituent, carnosol, on plasma corticosterone levels and activity of the enzymes cyclooxygenase types 1 "
            "and 2 (COX1 and COX2) reduced pain in phase 2 of the formalin test, which was not inhibited by naloxone "
            "and/or memantine. In addition, pretreatment of the animals with R. officinalis extract and/or carnosol "
            "reduced the formalin-induced inflammation. Moreover, the extract and carnosol did not affect plasma "
            "corticosterone levels compared with the control group. Interestingly, both the extract and carnosol "
            "inhibited COX1 and COX2 activities.",
        )
    )
    claims = extract_text_claims(annotated)
    by_object = {}
    for claim in claims:
        by_object.setdefault(claim.object, set()).add(claim.subject)
    assert by_object["did not affect plasma corticosterone levels"] == {"R. officinalis extract", "carnosol"}
    assert by_object["inhibited COX1 activities"] == {"R. officinalis extract", "carnosol"}  # the chain goes on
    # the extract agrees with "R. officinalis extract", not with the treatment phrase that gave it
    later = [c for c in claims if "corticosterone" in c.object or "COX" in c.object]
    assert not any(c.subject.startswith("pretreatment") for c in later)


def test_this_compound_is_the_compound_an_administration_phrase_gave():
    """gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf p9: "This compound" agrees with "baicalin", the agent of
    "both intrathecal and oral baicalin administration", not with the administration."""
    annotated = annotate(
        (
            "Potential Analgesic/Antinociceptive Effects",
            "Additionally, baicalin significantly enhanced the effect of morphine in neuropathic animals, most likely "
            "by suppressing histone deacetylase 1 expression in the spinal dorsal horn [176]. "
            "The compound was also shown to be effective in cancer-induced bone pain: both intrathecal and oral "
            "baicalin administration reduced cytokine expression and inhibited pain-related signals as assessed by "
            "behavioral and biochemical tests [177, 178] in an animal model. This compound most likely exerts its "
            "analgesic effects through modulating the inflammatory process.",
        )
    )
    later = [c for c in extract_text_claims(annotated) if "analgesic effects" in c.object]
    assert later and all(c.subject == "baicalin" for c in later)


def test_a_product_anaphor_inside_a_longer_subject_is_written_out():
    """gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf p11, as printed: "the plant" hangs from "the essential oil
    of" in a coordinated subject; it is the organism named before ("T. polium"), written in place so that each
    conjunct reads as the gold line does ("essential oil of T. polium")."""
    annotated = annotate(
        (
            "Potential Analgesic/Antinociceptive Effects",
            "A larger dose of 500 mg/kg body weight of ethanolic extract of T. polium inhibited carrageenan-induced "
            "inflammation and reduced granuloma formation [212]. Another study compared the effect of morphine and "
            "T. polium extract on the tail flick latency and found the two to be comparable in efficacy [213]. Both "
            "the total extract and the essential oil of the plant exhibited analgesic effects on the acetic "
            "acid-induced writhing test, thus suggesting it might be effective in visceral pain [214].",
        )
    )
    later = [c for c in extract_text_claims(annotated) if "writhing" in c.object]
    assert later and all("of T. polium" in c.subject and "the plant" not in c.subject for c in later)


def test_this_plant_in_an_of_phrase_is_the_binomial_with_a_neuter_epithet():
    """gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf p4, as printed: "extracts of this plant" are extracts of
    "M. vulgare", a binomial whose epithet has the Latin neuter ending -e (not the R. officinalis of the section
    before)."""
    annotated = annotate(
        (
            "Potential Analgesic/Antinociceptive Effects",
            "Rosmarinus officinalis L. has been used in folk medicine to alleviate renal colic pains and dysmenorrhea.",
        ),
        (
            "Potential Analgesic/Antinociceptive Effects",
            "The intensive modern research and clinical trials have confirmed several capabilities traditionally "
            "described to M. vulgare, such as antimicrobial against Gram-positive bacteria, antioxidant, analgesic "
            "[66, 67], antiinflammatory [71], and anti-oedematogenic [72]. Furthermore, extracts of this plant have "
            "shown some effects on type II diabetes [73] and, recently, on neurological disorders [74, 75].",
        ),
    )
    diabetes = [c for c in extract_text_claims(annotated) if "diabetes" in c.object]
    assert diabetes and all(c.subject == "extracts of M. vulgare" for c in diabetes)


def test_the_model_is_the_name_given_to_the_method_before_and_never_a_reporting_author():
    """gold/dev/deep_review_biomed_long122p.pdf, as printed: "The model" is the method the sentence before named
    ("(DeepPatient)"), not its description; in the review's next section, the authors who "discovered that ..."
    ("Hendrycks and Gimpel") are never what "This approach" points back to."""
    annotated = annotate(
        (
            "Deep learning and patient categorization > Electronic health records",
            "In a concurrent large-scale analysis of EHR data from 700,000 patients, Miotto et al. [116] used a deep "
            "denoising autoencoder architecture applied to the number and co-occurrence of clinical events to learn a "
            "representation of patients (DeepPatient). The model was able to predict disease trajectories within one "
            "year with over 90% accuracy, and patient-level predictions were improved by up to 15% when compared to "
            "other methods.",
        ),
        (
            "Discussion > Model uncertainty",
            "More recently, Hendrycks and Gimpel discovered that incorrect or out-of-distribution examples usually "
            "have lower maximum softmax probabilities than correctly classified examples, allowing for effective "
            "detection of misclassified examples [499]. Liang et al. used temperature scaling and small perturbations "
            "to further separate the softmax scores of correctly classified examples and the scores of "
            "out-of-distribution examples, allowing for more effective detection [500]. This approach outperformed the "
            "baseline approaches by a large margin, establishing a new state-of-the-art performance.",
        ),
    )
    claims = extract_text_claims(annotated)
    trajectories = [c for c in claims if "disease trajectories" in c.object]
    assert trajectories and all(c.subject == "DeepPatient" for c in trajectories)
    assert not any("Gimpel" in c.subject or "Hendrycks" in c.subject for c in claims)


def test_the_leaves_are_parts_of_the_organism_named_before():
    """gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf p4, as printed: a paragraph opens on "The leaves and stems"
    after one that named "M. vulgare"; the parts are that plant's ("leaves of M. vulgare", "stems of M. vulgare": the
    gold writes "leaves and stems of M. vulgare"), not bare "leaves" and "stems"."""
    annotated = annotate(
        (
            "Potential Analgesic/Antinociceptive Effects",
            "Marrubiin, the main active ingredient of M. vulgare, seems to be generated as an artifact from "
            "premarrubiin during the extraction procedure when high temperatures are involved in extraction or "
            "concentration [69].",
        ),
        (
            "Potential Analgesic/Antinociceptive Effects",
            "The leaves and stems are known to have antiseptic, antispasmodic, antidiabetic, diuretic, strongly "
            "expectorant, and tonic roles [70, 71].",
        ),
    )
    roles = [c for c in extract_text_claims(annotated) if "antiseptic" in c.object or "tonic" in c.object]
    assert {c.subject for c in roles} == {"leaves of M. vulgare", "stems of M. vulgare"}


# --- number agreement and what is never an antecedent -------------------------------------------------------------


def test_this_approach_is_not_a_family_of_methods_written_in_the_plural():
    """gold/dev/peerjcs2017_vespa_multipage_table.pdf p2 and gold/dev/deep_review_biomed_long122p.pdf p46: a singular
    "this approach" does not stand for "the most popular methods" (the section's topic) or "neural networks"."""
    annotated = annotate(
        (
            "INTRODUCTION",
            "A number of software packages estimate selective pressure variation (Pond, Frost & Muse, 2005; Yang, "
            "2007; Delport et al., 2010). One of the most popular methods is codeML from the PAML software package "
            "(Yang, 2007). The strength of this approach is the application of flexible codon-based models capable "
            "of assessing variation in selective pressures at two levels:",
        ),
        (
            "Discussion > Uncertainty quantification",
            "Guo et al. [496] observed that contemporary neural networks are poorly calibrated and provided a simple "
            "recommendation for calibration: temperature scaling, a single parameter special case of Platt scaling "
            "[497]. Liang et al. used temperature scaling and small perturbations to further separate the softmax "
            "scores of correctly classified examples and the scores of out-of-distribution examples, allowing for "
            "more effective detection [500]. This approach outperformed the baseline approaches by a large margin, "
            "establishing a new state-of-the-art performance.",
        ),
    )
    subjects = {c.subject for c in extract_text_claims(annotated)}
    assert not subjects & {"popular methods", "most popular methods", "neural networks", "contemporary neural networks"}


def test_citations_and_years_are_no_antecedents():
    """gold/dev/peerjcs2017_vespa_multipage_table.pdf p2: the authors and years of a bracketed citation are not
    candidates for "this approach"; the named method is."""
    cues = load_cues()
    doc = annotate(
        (
            "INTRODUCTION",
            "A number of software packages estimate selective pressure variation (Pond, Frost & Muse, 2005; Yang, "
            "2007; Delport et al., 2010). One of the most popular methods is codeML from the PAML software package "
            "(Yang, 2007).",
        )
    ).docs[0][1]
    model = AntecedentModel(cues)
    for sentence in doc.sents:
        model.observe(sentence, [], 0)
    texts = [c.text for c in model.candidates]
    assert "codeML" in texts
    assert not any(any(name in text for name in ("Pond", "Muse", "Yang", "2005", "2007")) for text in texts)


def test_these_catalysts_are_not_the_sections_topic_with_another_head():
    """gold/dev/polymers2013_pet_glycolysis_ionic_liquids.pdf p2: "these catalysts" wants an antecedent headed by a
    catalyst; the section's topic (PET, the polymer the catalysts depolymerize) disagrees and is no subject."""
    annotated = annotate(
        (
            "1. Introduction",
            "Glycolysis of PET is one of the most widely studied processes for PET depolymerization [2–5]. However, "
            "it is very sluggish in the absence of a catalyst. Traditionally, the glycolysis of PET was carried out "
            "in the presence of metal acetates [6,7], titanium-phosphate [8], solid superacids [9], metal oxides such "
            "as NiO, Fe2O3 or TiO2 [10], etc. However, these catalysts are toxic and/or corrosive and/or resulting in "
            "severe pollution.",
        )
    )
    toxic = [c for c in extract_text_claims(annotated) if "toxic" in c.object]
    assert not any(c.subject == "PET" for c in toxic)
