"""The junk guard on claims, and prose patterns that must give content claims (short passages through the real
NLP pipeline)."""

from __future__ import annotations

import pytest

from pipeline.extract.claims.guard import (
    claim_junk_class,
    is_content_object,
    is_content_subject,
    sentence_junk_class,
)
from pipeline.records import Claim
from tests.test_text_claims import annotate_text, text_claims


@pytest.mark.parametrize(
    "subject",
    [
        "which",
        "it",
        "EPRS1-",
        "TLR-mediated",
        "c Insulin-induced modification",
        "sonicated",
        "20 mg/kg",
        "fewer than one million images",  # deep_review (gold/dev): a quantity
        "Intercept - age > 0",  # brms (gold/dev): a hypothesis in symbols
        "v.5.0.2",  # msphere2024 (gold/dev): a software version
    ],
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


@pytest.mark.parametrize("subject", ["plants", "these mutations", "about 80% of the world population"])
def test_generic_heads_and_quantities_are_not_subjects(subject):
    assert not is_content_subject(subject)


@pytest.mark.parametrize("subject", ["model", "the model", "this approach", "the software", "Network", "design"])
def test_an_unresolved_method_head_is_not_a_subject(subject):
    # dev extras seen: "model → still displayed poor performance", "design → enables users to ...", "Network → ..."
    assert not is_content_subject(subject)


@pytest.mark.parametrize("subject", ["deep survival analysis model", "VESPA", "the kohonen package", "2.5D CNNs"])
def test_a_named_or_modified_method_is_a_subject(subject):
    assert is_content_subject(subject)


@pytest.fixture(scope="module")
def effect_passage():
    return text_claims(
        "Sodium arsenite triggered apoptosis and reinforced the secretion of IL-6, TNF-α and IFN-γ in macrophages.",
        "Echocardiography showed improved cardiac function after orientin treatment.",
        "Thrombolysis can result in bleeding.",
        "Pharmacological studies have established that L. cardiaca possesses antimicrobial [286, 292], antioxidant"
        " [289, 293], and neuroprotective effects [297].",
        "CDK5 inhibition blocks these phosphorylation events, which prevents EPRS1 release from an MSC.",
    )


def test_a_compound_subject_is_named_in_full_and_an_of_list_is_distributed(effect_passage):
    effects = {(c.subject, c.object) for c in effect_passage if c.relation == "effect"}
    assert ("Sodium arsenite", "triggered apoptosis") in effects  # the direction word stays with its target
    objects = {o for s, o in effects if s == "Sodium arsenite"}
    assert {"reinforced the secretion of IL-6", "reinforced the secretion of TNF-α"} <= objects
    assert any(o.startswith("reinforced the secretion of IFN-γ") for o in objects)  # the Greek letter is kept


def test_an_assay_reports_and_the_treatment_after_it_acts(effect_passage):
    subjects = {c.subject for c in effect_passage if c.relation == "effect" and "cardiac" in c.object}
    assert subjects == {"orientin treatment"}


def test_an_adverse_outcome_is_not_an_effect(effect_passage):
    assert not any(c.relation == "effect" and "bleeding" in c.object for c in effect_passage)


def test_reference_brackets_do_not_end_an_activity_list(effect_passage):
    objects = {c.object for c in effect_passage if c.subject == "L. cardiaca"}
    assert {"antimicrobial", "antioxidant"} <= objects and any("neuroprotective" in o for o in objects)


def test_a_sentential_relative_continues_the_agents_effects(effect_passage):
    assert any(c.subject == "CDK5 inhibition" and "EPRS1 release" in c.object for c in effect_passage)


@pytest.fixture(scope="module")
def agent_passage():
    return text_claims(
        "EPRS1-deficient mice were found to be more susceptible to LPS-induced septic shock and S. typhimurium"
        " infection. Teucrioside was effective in inhibiting calcineurin. Deep learning is effective in detecting"
        " tumors.",
        "Paw edema was attenuated by carvacrol. In the hot-plate test, marrubiin did not increase the latency period"
        " of pain.",
        "The hydroalcoholic extract (2000 mg/kg, p.o.) and the essential oil (200 mg/kg, p.o.) inhibited the writhing"
        " responses caused by acetic acid.",
        "S. lavandulifolia is a plant used in Iranian folk medicine. Also, this plant has antibacterial, antioxidant,"
        " anxiolytic, analgesic, and wound-healing effects. It reduced pain in the formalin test.",
        "Thymus extracts demonstrated analgesic, anti-inflammatory, and antipyretic activity in mouse models of pain.",
        "Extracts from S. hortensis are covering a large spectrum of conditions [127–132]: antimicrobial activity,"
        " cytotoxic activity, insecticidal activity, and inhibition on blood platelet adhesion.",
    )


def _effects(claims, subject: str) -> set[str]:
    return {c.object for c in claims if c.relation == "effect" and c.subject == subject}


def test_a_predicate_adjective_states_an_effect_per_coordinated_item(agent_passage):
    assert {
        "more susceptible to LPS-induced septic shock",
        "more susceptible to S. typhimurium infection",
    } <= _effects(agent_passage, "EPRS1-deficient mice")
    assert "inhibiting calcineurin" in _effects(
        agent_passage, "Teucrioside"
    )  # "effective in inhibiting Y": the verb's object
    # a method that is effective has an advantage (the advantage extractor), not an effect
    assert not any(c.relation == "effect" and "tumors" in c.object for c in agent_passage)


def test_a_compound_no_lexicon_lists_acts_as_subject_and_as_passive_agent(agent_passage):
    assert "attenuated Paw edema" in _effects(agent_passage, "carvacrol")  # passive: verb, then its target
    latency = [c for c in agent_passage if c.subject == "marrubiin" and "latency period" in c.object]
    assert latency and latency[0].negated


def test_coordinated_agents_each_have_the_effect(agent_passage):
    for agent in ("hydroalcoholic extract", "essential oil"):
        assert any("writhing responses" in o for o in _effects(agent_passage, agent)), agent


def test_this_plant_and_it_resolve_to_the_plant_named_before(agent_passage):
    objects = _effects(agent_passage, "S. lavandulifolia")
    assert {"antibacterial", "anxiolytic"} <= objects and "reduced pain" in objects
    assert not _effects(agent_passage, "plant")


def test_a_list_shares_its_activity_noun_and_trailing_phrase(agent_passage):
    objects = _effects(agent_passage, "Thymus extracts")
    assert "anti-inflammatory activity in mouse models of pain" in objects
    assert "analgesic activity in mouse models of pain" in objects


@pytest.mark.parametrize("obj", ["the mice", "participants", "cell"])
def test_a_lone_organism_or_unit_of_study_is_no_effect(obj):
    assert not is_content_object(obj, "X")


def test_no_difference_between_a_named_arm_and_control_is_a_negated_effect():
    claims = text_claims(
        "No significant difference was found in rates of smoking abstinence at end of pregnancy between the physical"
        " activity and control groups (8% v 6%; odds ratio 1.21). There was no significant difference in scores"
        " between the groups at six months."
    )
    found = [c for c in claims if c.cue == "effect:no-difference"]
    assert [(c.subject, c.negated) for c in found] == [("physical activity", True)]
    assert "rates of smoking abstinence" in found[0].object


def test_a_list_of_activities_after_a_colon_belongs_to_the_clause_subject(agent_passage):
    objects = _effects(agent_passage, "Extracts from S. hortensis")
    assert {"antimicrobial activity", "cytotoxic activity", "inhibition on blood platelet adhesion"} <= objects


# ---------------------------------------------------------------- the sentence guard (sentences of unseen papers)


def _junk_classes(text: str) -> list[str]:
    annotated = annotate_text(text)
    return [sentence_junk_class(sent) for _, doc in annotated.docs for sent in doc.sents]


@pytest.mark.parametrize(
    ("text", "junk_class"),
    [
        ("Please note that REVTEX requires version 8.31a or later of natbib.", "directive"),
        ("ASME requires that section headings and captions be set in bold face.", "directive"),
        ("We recommend using BibTEX to prepare your references.", "directive"),
        ("Just unzip it in the same directory where your document is.", "directive"),
        (
            "The anonymous option will prevent the author and affiliations from being shown in the compiled pdf copy.",
            "meta-discourse",
        ),
        (
            "The minimal inhibitory concentration of an antimicrobial agent is the lowest (i.e., minimal) concentration"
            " of the antimicrobial agent that inhibits a given bacterial isolate from multiplying.",
            "definition",
        ),
        (
            "The The clove clove essential essential oil oil had had the the simplest simplest composition,"
            " composition, based based on on eugenol/eugenol eugenol/eugenol acetate acetate.",
            "ill-formed",
        ),
        (
            "Increas- dienol ethers 2ba–2ha in 61–84% yields with excellent Z-ing the amount of benzophenone to 2.0"
            " equiv did not suppress selectivity.",
            "ill-formed",
        ),
        (
            "phenone from 1.5 to 1.3 equiv had no detrimental effect, and 2aa was isolated in 92% yield (entry 3).",
            "ill-formed",
        ),
        (
            "Botrytis cinerea and Rhizopus stolonifer under in vitro conditions, inhibiting the spore germination and",
            "ill-formed",
        ),
        ("Now let us consider possible application of the evanescent polariton to BEC.", "directive"),
        (  # deep_review (gold/dev): the topics after the colon are what the text covers, not drawbacks
            "Here we focus on deep learning methods for two representative sub-problems: secondary structure"
            " prediction and contact map prediction.",
            "aim",
        ),
        (
            "\\tag{#1} works with both single-line automatically if it cannot fit on the same line with a and"
            " multiline equations.",
            "ill-formed",
        ),
        (
            "Concerning the order sensitivity of activity to various is evident: fungi, thyme the thyme oil > oil clove"
            " and tea oil tree > tea oil tree are very oil >> effective rosemary in the oil.",
            "ill-formed",
        ),
        (
            "Due to its antimicrobial, antifungal, antivermin, and antiviral activity [34,35], clove essential",
            "ill-formed",
        ),
    ],
)
def test_instructions_definitions_and_run_together_text_state_no_claim(text, junk_class):
    assert junk_class in _junk_classes(text)


@pytest.mark.parametrize(
    "text",
    [
        "rf heating may also destabilize a much larger crystal[48], and more careful studies are necessary.",
        "AttentiveChrome [186] added a deep attention model to further enhance DeepChrome.",
        "Cardiac tissue-specific deletion of Eprs1 in mice profoundly reduced cardiac fibrosis under pathogenic stress"
        " conditions.",
        "Sonication is the sonication of exosomes using a probe sonicator, which deforms the exosome membrane.",
        "(ii) lack of understanding in fundamental mechanism and modeling factors,",
        "The authors reported that carvacrol reduced paw edema in rats.",
        "We found that carvacrol reduced paw edema in rats.",
    ],
)
def test_findings_abbreviations_camel_case_names_and_list_items_are_sentences(text):
    assert _junk_classes(text) == [""]


def test_junk_sentences_give_no_claims_and_a_degree_word_stays_with_its_comparative():
    claims = text_claims(
        "The anonymous option will prevent the author and affiliations from being shown in the compiled pdf copy.",
        "The Petri dishes were sealed with adhesive tape to prevent volatile components of the essential oils to"
        " escape.",
        "rf heating may also destabilize a much larger crystal[48], and more careful studies are necessary.",
    )
    assert not any("author" in c.object or "Petri" in c.subject for c in claims)
    heating = [c for c in claims if c.subject == "rf heating"]
    # gold keeps the direction word with its target (gold/ANNOTATION.md): the verb group, the comparative and its degree
    assert [c.object for c in heating] == ["may also destabilize a much larger crystal"]


@pytest.mark.parametrize("obj", ["so the effect", "to be found-"])
def test_an_object_opening_the_next_clause_or_cut_in_a_word_is_rejected(obj):
    assert not is_content_object(obj, "X")


def test_a_subordinator_is_not_a_subject():
    assert not is_content_subject("if")


def test_a_passive_verb_of_doing_states_no_property_and_a_judging_passive_does():
    claims = text_claims(
        # jner2016 (gold/dev), p4 (Methods): what was done to the signal
        "When present, power line noise interference and the first two higher order harmonics were removed with a "
        "5th order Butter-worth band stop filter around 50Hz.",
        # uritu2018 (gold/dev), p9: how a combination was tested ("widely used" judges the models, not it)
        "A combination of baicalin and catechins was assessed in three widely used animal pain models.",
        # uritu2018 (gold/dev), p2: the as-phrase judges the subject
        "Recently, rosemary extracts (E392) have been approved as a safe and effective natural antioxidant for food "
        "preservation by the European Union [33].",
    )
    evaluations = [c for c in claims if c.relation in ("advantage", "disadvantage")]
    assert not any("harmonics" in c.subject or "baicalin" in c.subject for c in evaluations)
    assert any("E392" in c.subject and "safe" in c.object and c.relation == "advantage" for c in evaluations)


# ---------------------------------------------------------------- claims whose phrases are content but say nothing


@pytest.mark.parametrize(
    ("subject", "relation", "obj", "cue", "junk_class"),
    [  # predictions of session 10 on gold/dev, each checked on its PDF page
        (  # curroncol2023 p4: the working group reports; the claim is inside the report
            "IKWG",
            "disadvantage",
            "has stressed scoring differences as an important cause of variability across laboratories",
            "evaluation",
            "report",
        ),
        (  # emm2023 p8: an analysis supports a finding about mice
            "histological analysis",
            "advantage",
            "also supported the finding that Eprs1+/− mice carry higher viral loads",
            "evaluation",
            "report",
        ),
        (  # polymers2013 p5: "It can be deduced that ...", the expletive's complement
            "acidity of ionic liquids",
            "advantage",
            "can be deduced that this catalyst was stable in the glycolysis of PET",
            "evaluation",
            "report",
        ),
        # msphere2024: the data report; the organism is inside the report
        ("previous data suggesting A. lwoffii", "disadvantage", "susceptible to antibiotics", "evaluation", "report"),
        # bmj2015 p6: a measured quantity, not a method
        ("prevalence of smoking", "disadvantage", "lower than anticipated", "evaluation", "attribute subject"),
        ("iteration", "disadvantage", "more computationally intensive", "evaluation", "attribute subject"),  # brms
        ("obvious exception to this", "advantage", "hyper-connectivity capability", "evaluation", "attribute subject"),
        (  # brms p4: the relative clause describes "the gradient", not a drawback of the method
            "HMC",
            "disadvantage",
            "which can be automated using algorithmic differentiation",
            "cue:drawback:is",
            "relative item",
        ),
        (  # deep_review (session 11 run): an embedded question read as the subject of the comparison
            "how training",
            "advantage",
            "outperforming state-of-the-art results",
            "comparison",
            "clause subject",
        ),
        (  # deep_review: a relative clause of place read as the subject of a requirement
            "where achieving the full potential of deep learning",
            "disadvantage",
            "will require adoption",
            "evaluation",
            "clause subject",
        ),
    ],
)
def test_reports_attributes_and_relative_items_are_no_claims(subject, relation, obj, cue, junk_class):
    assert claim_junk_class(Claim(subject, relation, obj, [], cue=cue)) == junk_class


@pytest.mark.parametrize(
    ("subject", "relation", "obj"),
    [
        ("physical activity", "effect", "reduces the intensity of urges to smoke"),  # bmj2015: an activity acts
        ("Generating the number of examples needed for deep learning", "disadvantage", "infeasibly expensive"),
        ("carvacrol", "effect", "has been shown to reduce paw edema"),  # "shown to": a finding, not a report
        ("magnetic bead method", "disadvantage", "which is not conducive to downstream experiments"),  # seed
    ],
)
def test_findings_about_methods_and_treatments_stay(subject, relation, obj):
    assert claim_junk_class(Claim(subject, relation, obj, [], cue="evaluation")) == ""


# ---------------------------------------------------------------- junk classes of unseen papers (session 13)

UNSEEN_PAPER_PASSAGES = (
    # mnras2020 (benchmarks/papers) p10: a subject cut at "but" is a clause, not a noun phrase
    "Most mathematics and text formatting works as expected, but some commands might not be the correct size, bold "
    "or italic.",
    # asce2013 p1: the object points to a list after the sentence
    "The document class “ascelike.cls” requires the following supplementary files:",
    # lme4 (JSS 2015) p6: "due to block structure" names a cause, not what the random effects act on
    "For example, the random-effects implementation of such interactions can be used to obtain shrinkage estimates "
    "of regression coefficients (e.g., Efron and Morris 1977), or account for lack of independence in the residuals "
    "due to block structure or repeated measurements (e.g., Laird and Ware 1982).",
    # aastex631 p3: "trackchanges which controls ...": the relative clause belongs to another noun
    "Two style options that are needed to fully use the new revision tracking feature, see Section 5, are "
    "linenumbers which uses the lineno style file to number each article line in the left margin and trackchanges "
    "which controls the revision and commenting highlight output.",
    # twinstim (JSS 2017) p8: a capability the subject offers, not a drawback
    "The plot-method for epidataCS offers aggregation of the events over time or space:",
    # twinSIR (JSS 2017) p1: a definition of the intensity, not a drawback
    "In contrast, if infections can only occur at a known discrete set of sites, such as for livestock diseases "
    "among farms, the conditional intensity function (CIF) of the underlying point process formally becomes λi(t). "
    "It characterizes the instantaneous rate of infection of individual i at time t, given the sets S(t) and I(t) of "
    "susceptible and infectious individuals, respectively (just before time t).",
    # hhh4 (JSS 2017) p7: the sentence lost its "If" at a line break
    "the dominant eigenvalue is smaller than 1, it can be interpreted as the epidemic proportion of disease incidence.",
    # asce2013 p4: a formatting fact about a part of the writing
    "Without the SectionNumbers option, sections will not be numbered, as this seems to be the usual formatting in "
    "ASCE journals (note that the appendices will, however, be automatically “numbered” with Roman numerals).",
    # monitoringCounts (JSS 2016) p1: an aim, not an effect
    "Public health surveillance aims at lessening disease burden by, e.g., timely recognizing emerging outbreaks in "
    "case of infectious diseases.",
    # lme4 p36: the predicate is another clause ("Wald approximations would be ...") with its own subject
    "• The profile zeta plot (Figure 2; xyplot) is simply a plot of the profile zeta function for each model "
    "parameter; linearity of this plot for a given parameter implies that the likelihood profile is quadratic (and "
    "thus that Wald approximations would be reasonably accurate).",
    # findings of the same kinds that stay: a capability as an advantage (opteng2006 p2), a drawback after "provides"
    # that a scarcity word qualifies, a cause that is the subject's own property (uritu2018, gold/dev), a
    # non-restrictive ", which" that goes on with the subject's effect (emm2023, gold/dev)
    "The endfloat package allows easy submission format.",
    "Nevertheless, solid-liquid extraction provides low recovery of the volatile compounds.",
    "REO is very common in folk medicine because of its antispasmodic, analgesic, antirheumatic, and carminative "
    "effects.",
    "By translocating FATP1 to the membrane, EPRS1 facilitated long-chain fatty acid (LCFA) uptake, which increased "
    "the triglyceride synthesis rate (Fig. 3c).",
)


@pytest.fixture(scope="module")
def unseen_paper_claims():
    from pipeline.extract.claims.guard import is_content_claim

    return [claim for claim in text_claims(*UNSEEN_PAPER_PASSAGES) if is_content_claim(claim)]


@pytest.mark.parametrize(
    ("subject_words", "object_words"),
    [
        ("works as expected", "correct size"),  # a subject cut at a conjunction
        ("ascelike", "following"),  # a cataphoric object
        ("random-effects", "block structure"),  # an object after "due to"
        ("linenumbers", "controls"),  # a restrictive relative of another noun
        ("plot-method", "aggregation"),  # an offered capability read as a drawback
        ("point process", "characterizes"),  # a definition
        ("dominant eigenvalue", ""),  # a sentence cut before its "If"
        ("appendices", "numbered"),  # a part of the writing
        ("surveillance", "lessening"),  # an aim
        ("profile", "Wald"),  # a clause with its own subject
    ],
)
def test_junk_of_unseen_papers_is_dropped(unseen_paper_claims, subject_words, object_words):
    assert not [
        c
        for c in unseen_paper_claims
        if subject_words in c.subject
        and object_words in c.object
        and c.relation in ("effect", "advantage", "disadvantage")
    ]


@pytest.mark.parametrize(
    ("subject_words", "relation", "object_words"),
    [
        ("endfloat", "advantage", "easy submission"),
        ("solid-liquid extraction", "disadvantage", "low recovery"),
        ("REO", "effect", "antispasmodic"),
        ("EPRS1", "effect", "triglyceride synthesis rate"),
    ],
)
def test_findings_next_to_the_junk_classes_stay(unseen_paper_claims, subject_words, relation, object_words):
    assert any(
        subject_words in c.subject and c.relation == relation and object_words in c.object for c in unseen_paper_claims
    )


def test_a_reference_is_no_subject_and_an_extraposed_it_owns_nothing():
    from pipeline.records import Evidence

    # lme4 p25: "this strategy" was resolved to the author-year reference of an earlier sentence
    assert not is_content_subject("Pinheiro and Bates 1996")
    assert not is_content_subject("Meyer et al. 2012")
    assert is_content_subject("Bates 2010 model")  # a name with a year that heads a phrase stays
    # deSolve p44: "it" is a dummy subject; the paper's package put in its place owns no "good idea"
    evidence = "As we see from this example, it is always a good idea to test simulation results for plausibility."
    claim = Claim("deSolve", "advantage", "good idea", [Evidence("text", evidence, 44)], cue="evaluation")
    assert claim_junk_class(claim) == "expletive subject"
    # lme4 p11: "the sparsity of Z increases with ..." lost the symbol's line; "Pwith" is no word
    assert not is_content_object("increases Pwith", "sparsity of Z⊤")
    assert is_content_object("Pwith-based estimates", "X")  # a hyphenated name is not a glued symbol
    kept = Claim("deSolve", "advantage", "easy to use", [Evidence("text", "It is easy to use.", 1)], cue="evaluation")
    assert claim_junk_class(kept) == ""


# ---------------------------------------------------------------- junk classes of unseen papers (session 14)

UNSEEN_PAPER_PASSAGES_14 = (
    # aastex631 (benchmarks/papers) p13: a demonstrative and a generic head name nothing ("requires this package")
    "AASTEX requires this package so there is no need to specifically call for it in the document preamble.",
    # lme4 (JSS 2015) p5: the same, after a verb of a procedure step
    "The third module optimizes this objective function to produce maximum likelihood (ML) or REML estimates of θ "
    "(Section 4).",
    # deSolve (JSS 2010) p44: a person who uses the method is no agent of an effect
    "The solvers included in package deSolve are thorougly tested, however they come with no warranty and the user "
    "is solely responsible for their correct application.",
    # monitoringCounts (JSS 2016) p30: the items of "challenges ..., such as A and B" are problems, no advantages
    "Having state-of-the-art detection methods already implemented in surveillance helped us to focus on other "
    "challenges during development, such as bringing the system in the organization's workflow and finding ways to "
    "efficiently and effectively analyse about half a million of time series per day.",
    # monitoringCounts p3: what an easy step requires is how it is easy, not a drawback
    "The creation of an sts object is straightforward, requiring a call of the constructor function sts together "
    "with the slots to be assigned as arguments.",
    # hhh4 (JSS 2017) p19: "model extensions are more straightforward" is a clause with its own subject
    "With only two predictors left, model selection and interpretation is simpler, and model extensions are more "
    "straightforward, for example stratification by age group (Meyer and Held 2017) as mentioned further below.",
    # twinstim (JSS 2017) p12: a second that-clause with its own subject
    "On the subject-matter level, we can conclude from Table 4 that the meningococcal finetype of serogroup C is less "
    "than half as infectious as the B-type, and that patients in the age group 3 to 18 years are estimated to cause "
    "twice as many secondary infections as infants aged 0 to 2 years.",
    # opteng2006 p2 and tugboat2023 p6: publishers' guidelines and parts of the writing own no drawback
    "The SPIE guidelines require a cover page with author information (name, affiliation, email, phone number, fax "
    "number).",
    "Bibliographies can be difficult to typeset at the best of times.",
    # monitoringCounts p27: "for, say, the age shift ...": the exemplifying word and its example are no downside
    "A downside of the latter solution is that one has to specify the change parameter R in advance, which can be "
    "quite a hurdle if one has no pre-conceived idea of what could happen for, say, the age shift after the "
    "introduction of a vaccine.",
    # findings of the same kinds that stay (emm2023, gold/dev: a demonstrative with a specific head; kohonen: an ease)
    "However, the exogenous addition of proline or EPRS1 reversed this suppressive effect.",
    "SOMs, and in particular the supersom variant implemented in the kohonen package, are very useful tools in this "
    "respect.",
)


@pytest.fixture(scope="module")
def unseen_paper_claims_14():
    from pipeline.extract.claims.guard import is_content_claim

    return [claim for claim in text_claims(*UNSEEN_PAPER_PASSAGES_14) if is_content_claim(claim)]


@pytest.mark.parametrize(
    ("subject_words", "object_words"),
    [
        ("AASTEX", "this package"),  # an anaphoric object
        ("module", "objective function"),  # an anaphoric object
        ("user", "application"),  # a person as the agent of an effect
        ("detection methods", "analyse"),  # an item of a list of challenges
        ("detection methods", "finding ways"),
        ("sts object", "requiring"),  # the ease elaborated
        ("model selection", "model extensions"),  # a clause with its own subject
        ("finetype", "patients"),  # a second that-clause
        ("guidelines", "cover page"),  # a publisher's guidelines
        ("Bibliographies", "difficult"),  # a part of the writing
        ("latter solution", "say"),  # an exemplifying word as a cue list's item
        ("latter solution", "age shift"),  # the example after it
    ],
)
def test_junk_of_unseen_papers_14_is_dropped(unseen_paper_claims_14, subject_words, object_words):
    assert not [
        c
        for c in unseen_paper_claims_14
        if subject_words in c.subject
        and object_words in c.object
        and c.relation in ("effect", "advantage", "disadvantage")
    ]


@pytest.mark.parametrize(
    ("subject_words", "relation", "object_words"),
    [
        ("proline", "effect", "suppressive effect"),
        ("SOMs", "advantage", "useful tools"),
    ],
)
def test_findings_next_to_the_junk_classes_14_stay(unseen_paper_claims_14, subject_words, relation, object_words):
    assert any(
        subject_words in c.subject and c.relation == relation and object_words in c.object
        for c in unseen_paper_claims_14
    )


def test_announced_problems_a_named_opening_the_next_sentence_and_a_subject_inside_the_object():
    from pipeline.records import Evidence

    # lme4 p27: "We have two problems in ...": a count of problem nouns announces, it names no drawback
    evidence = "We have two problems in using the deviance function defined above to profile linear mixed models."
    announced = Claim(
        "theory of likelihood profiles",
        "disadvantage",
        "two problems in using the deviance function defined above to profile linear mixed models",
        [Evidence("text", evidence, 27)],
        cue="evaluation:subject-antecedent",
    )
    assert claim_junk_class(announced) == "announced problems"
    # lme4 p23: the paper's package put in as the owner of a sentence that opens with another name
    evidence = (
        "The CHOLMOD library of C functions (Chen, Davis, Hager, and Rajamanickam 2008), on which the sparse matrix "
        "capabilities of the Matrix package for R are based, allows for separation of the symbolic and numeric phases."
    )
    paper = Claim(
        "lme4",
        "advantage",
        "allows for separation of the symbolic and numeric phases",
        [Evidence("text", evidence, 23)],
        cue="evaluation:subject-paper",
    )
    assert claim_junk_class(paper) == "named subject"
    # hhh4 p19: the sentence split after the symbol "S." was missed; the object is the next sentence's subject
    evidence = (
        "Updating a previous model for different numbers of harmonics is even simpler, since the update-method has a "
        'corresponding argument S. The plots of type = "season" and type = "maxEV" for hhh4 fits can visualize the '
        "estimated component seasonality."
    )
    cut = Claim(
        "Updating a previous model",
        "advantage",
        "The plots of type = season",
        [Evidence("text", evidence, 19)],
        cue="evaluation",
    )
    assert claim_junk_class(cut) == "next sentence"
    # lme4 p47 (the run gave this claim): lme4 is written only inside the object's complement; the owner is gamm4
    evidence = "The gamm4 package wraps the modularized functions of lme4 within a more convenient interface."
    inside = Claim(
        "lme4",
        "advantage",
        "wraps the modularized functions of lme4 within a more convenient interface",
        [Evidence("text", evidence, 47)],
        cue="evaluation",
    )
    assert claim_junk_class(inside) == "subject inside object"
    # ... but a clause that holds the subject in its own subject stays (polymers2013, gold/dev)
    evidence = (
        "Investigation also showed that the catalytic activity of [Bmim]ZnCl3 was higher than that of [Bmim]MnCl3."
    )
    clause = Claim(
        "[Bmim]ZnCl3",
        "advantage",
        "the catalytic activity of [Bmim]ZnCl3 was higher than that of [Bmim]MnCl3",
        [Evidence("text", evidence, 3)],
        cue="evaluation",
    )
    assert claim_junk_class(clause) == ""
