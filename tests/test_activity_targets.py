"""Activity statements on sentences as printed in gold/dev's papers, parsed by the real NLP pipeline
(pipeline/extract/claims/prose_activities.py):
- an activity noun whose preposition governs a list of targets gives one effect per target, each keeping the
  activity phrase ("antiviral effects against vaccinia", not a bare "vaccinia");
- a subject coordinated by neither/nor denies the activity for each conjunct (negated effects);
- a display verb inside an indirect question ("whether the treatment has significant effect") states nothing."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sections

from pipeline.extract.claims.from_text import extract_text_claims

# gold/dev/uritu2018_lamiaceae_pain_review_rotated.pdf p12, p10, p9 and p6 (two sentences of one paragraph)
ANTIVIRAL = (
    "M. officinalis exhibit antiviral effects against Newcastle disease virus, Semliki forest virus, influenza virus, "
    "myxo-viruses, vaccinia [240], and herpes simplex virus types 1 and 2 [241], HIV-1 [242]."
)
MODELS = (
    "trans-Caryophyllene, a sesquiterpene from O. gratissimum, was shown to have dose-dependent analgesic effects in "
    "several experimental models of acute and chronic pain such as the formalin test, chronic constriction injury, "
    "and the hot-plate test."
)
PAIN_KINDS = (
    "A combination of baicalin and catechins was assessed in three widely used animal pain models and was found to "
    "have analgesic effects in visceral, nociceptive, and inflammatory pain [175]."
)
NEITHER_NOR = (
    "Concerning the analgesic activity, S. hortensis extracts (hydroalcoholic extract, polyphenolic fraction, and "
    "essential oil of the aerial parts of the herb) were evaluated by use of tail flick, formalin, and acetic "
    "acid-induced writhing tests in mice. Results showed that, in the light tail flick test, neither the essential "
    "oil nor the extracts could exert any significant effect."
)
NONE_OF = "In the light tail flick test, none of the extracts showed analgesic activity [141]."  # p7
# gold/dev/anders2019_deseq_rnaseq_differential_expression_negative_binomial.pdf p11
QUESTION = (
    "For each gene, we fit generalized linear models (GLMs) according to the two models, and then compare them in "
    "order to infer whether the additional specification of the treatment improves the fit and hence, whether the "
    "treatment has significant effect."
)


@pytest.fixture(scope="module")
def claims_by_key():
    sections = {
        "antiviral": ANTIVIRAL,
        "models": MODELS,
        "pain": PAIN_KINDS,
        "neither": NEITHER_NOR,
        "q": QUESTION,
        "none": NONE_OF,
    }
    annotated = annotate_sections(*((f"Section {key}", text) for key, text in sections.items()))
    found: dict[str, list] = {key: [] for key in sections}
    for claim in extract_text_claims(annotated):
        found[claim.evidence[0].section_path.removeprefix("Section ")].append(claim)
    return found


def effects(claims, subject: str | None = None) -> list[str]:
    return [c.object for c in claims if c.relation == "effect" and (subject is None or c.subject == subject)]


def test_each_listed_target_keeps_the_activity_it_is_a_target_of(claims_by_key):
    found = effects(claims_by_key["antiviral"], "M. officinalis")
    for target in ("Newcastle disease virus", "Semliki forest virus", "influenza virus", "myxo-viruses", "vaccinia"):
        assert f"antiviral effects against {target}" in found
    assert any(o.startswith("antiviral effects against herpes simplex virus") for o in found)
    assert any(o.startswith("antiviral effects against HIV") for o in found)  # past the parser's cut at "[240], and"
    assert all(o.startswith("antiviral effects against ") for o in found)


def test_examples_after_such_as_are_the_settings_of_the_activity(claims_by_key):
    found = set(effects(claims_by_key["models"]))
    assert {
        "dose-dependent analgesic effects in formalin test",
        "dose-dependent analgesic effects in chronic constriction injury",
        "dose-dependent analgesic effects in the hot-plate test",
    } <= found


def test_listed_adjectives_share_the_last_targets_noun(claims_by_key):
    found = set(effects(claims_by_key["pain"], "catechins"))
    assert found == {
        "analgesic effects in visceral pain",
        "analgesic effects in nociceptive pain",
        "analgesic effects in inflammatory pain",
    }


def test_neither_nor_denies_the_effect_of_each_agent(claims_by_key):
    # the in-phrase set before the subject is the setting of the denied effect
    wanted = "significant effect in the light tail flick test"
    denied = [c for c in claims_by_key["neither"] if c.relation == "effect" and c.object == wanted]
    assert len(denied) == 2 and all(c.negated for c in denied)
    assert not any(c.subject.lower().startswith("neither") for c in denied)
    assert any("oil" in c.subject for c in denied) and any("extracts" in c.subject for c in denied)


def test_an_indirect_question_reports_no_effect(claims_by_key):
    assert not any(c.object.endswith("effect") for c in claims_by_key["q"])


def test_a_subject_headed_by_none_denies_the_activity(claims_by_key):
    found = [c for c in claims_by_key["none"] if c.relation == "effect" and "analgesic activity" in c.object]
    assert found and all(c.negated for c in found)
