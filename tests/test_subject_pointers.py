"""Subjects that point back with no noun of their own (pipeline/extract/claims/discourse.py: `_pointer`,
`AntecedentModel.resolve_demonstrative`, `coordinated_member`), on passages as
printed in the dev PDFs (gold/dev/mevik2022_pls_..., jss2017_brms_..., anders2019_deseq_..., curroncol2023_...),
parsed by the real NLP pipeline."""

from __future__ import annotations

import pytest
from claims_shared import annotate_sections as annotate

from pipeline.extract.claims.discourse import coordinated_member, load_discourse_words
from pipeline.extract.claims.from_text import extract_text_claims

CLUSTER_TYPES = (  # mevik2022 p21, section 9.2
    "Several types of clusters are available: FORK uses forking, so starting the cluster is very quick, however it is "
    "not available on MS Windows. PSOCK starts R processes with the Rscript command, which is slower, but is supported "
    "on MS Windows. It can also start worker processes on different machines (see ?makeCluster for how). MPI uses MPI "
    "to start and communicate with processes. This is the most flexible, but is often slower to start up than the "
    "other types."
)
STAINING = (  # curroncol2023 p5: "This" stands for the problem stated before, not for the assay in its clause
    "Staining protocols: One of the main challenges in Ki67 assessment is the lack of negative control, as all tissues "
    "have some proliferation that is highlighted by Ki67 IHC. This has resulted in different dilutions of antibodies "
    "leading to different intensities of nuclear staining across different laboratories."
)


@pytest.fixture(scope="module")
def claims():
    annotated = annotate(
        ("9 Further topics > 9.2 Parallel cross-validation", CLUSTER_TYPES),
        ("2. Questions to Address", STAINING),
    )
    return [(c.subject, c.relation, c.object) for c in extract_text_claims(annotated)]


def test_a_bare_this_is_the_method_the_sentence_before_introduced(claims):
    """ "MPI uses MPI to start ... This is the most flexible, but is often slower to start up": the demonstrative
    points at what the main clause before introduced last."""
    assert ("MPI", "advantage", "the most flexible") in claims
    # the ranking alone would answer with the subject two sentences back ("PSOCK starts R processes ...")
    assert not any(subject == "PSOCK" and "flexible" in obj for subject, _, obj in claims)


def test_a_bare_this_standing_for_a_statement_owns_nothing(claims):
    """The assay sits in a subordinate clause of the sentence before: no referent, so no claim (not "Ki67 IHC")."""
    assert not any("dilutions of antibodies" in obj for _, _, obj in claims)


def _pointer_member(text: str, sentence_index: int) -> str:
    annotated = annotate(("Results", text))
    doc = annotated.docs[0][1]
    sent = list(doc.sents)[sentence_index]
    orders = load_discourse_words()["order_pointers"]
    pointer = [t for t in sent if t.lower_ in orders][-1]
    return coordinated_member(sent, pointer, orders[pointer.lower_], lambda token: False)


def test_the_latter_is_the_last_member_of_the_coordination_before():
    # anders2019 p6: the pair is in the sentence before (the parser tags "write.table" as an adjective)
    text = (
        "To save the output to a file, use the R functions write.table and write.csv. (The latter is useful if you "
        "want to load the table in a spreadsheet program such as Excel.)"
    )
    assert _pointer_member(text, 1) == "write.csv"


def test_the_former_is_the_first_member_of_its_own_sentences_pair_and_a_new_pair_is_nobodys():
    # jss2017 p16: "the former" in the sentence of its pair; the next sentence sets "the latter approach" against
    # "the former" (two other alternatives, not rstanarm and MCMCglmm): no owner rather than a wrong one
    text = (
        "This is not required by rstanarm and MCMCglmm, although the former is also based on Stan, as compilation "
        "takes place only once at installation time. While the latter approach saves the compilation time, the former "
        "is more flexible when it comes to model specification."
    )
    assert _pointer_member(text, 0) == "rstanarm"
    assert _pointer_member(text, 1) == ""
