"""Table-derived claims: column semantics, subject column, one atomic property per claim, cell provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract.claims.from_tables import ColumnSemantics, extract_table_claims
from pipeline.extract.claims.properties import split_properties
from pipeline.extract.tables import assemble_tables
from pipeline.records import Table, TableCell

from tables_shared import parsed, write_ruleless_tables_pdf

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "seed_claims_table.jsonl"


def claim_key(subject: str, relation: str, obj: str) -> tuple[str, str, str]:
    return subject.lower().strip(), relation, " ".join(obj.lower().split())


@pytest.fixture(scope="module")
def seed():
    pdf = parsed()
    return pdf, assemble_tables(pdf, [])


@pytest.fixture(scope="module")
def seed_claims(seed):
    pdf, tables = seed
    return [claim for table in tables for claim in extract_table_claims(table, pdf.doc_id)]


def make_table(grid: list[list[str]], spanned: set[tuple[int, int]] = frozenset()) -> Table:
    cells = [
        TableCell(row=r, col=c, text=text, is_header=r == 0, page=3, is_spanned=(r, c) in spanned)
        for r, row in enumerate(grid)
        for c, text in enumerate(row)
    ]
    return Table(table_id="t9", number="9", caption="Table 9", pages=[3], cells=cells)


# ---------------------------------------------------------------- seed Table 1 against the gold


def test_seed_table_claims_f1(seed_claims):
    gold = {claim_key(g["subject"], g["relation"], g["object"]) for g in map(json.loads, GOLD.open())}
    predicted = {claim_key(c.subject, c.relation, c.object) for c in seed_claims}
    true_positives = len(gold & predicted)
    precision, recall = true_positives / len(predicted), true_positives / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.95, (sorted(predicted - gold), sorted(gold - predicted))


def test_seed_claims_come_only_from_table_1(seed_claims):
    # Table 2 has no advantage/disadvantage/effect column, so it yields nothing.
    assert {c.evidence[0].table_id for c in seed_claims} == {"t1"}
    assert {c.relation for c in seed_claims} == {"advantage", "disadvantage"}


def test_claims_keep_the_cell_as_evidence(seed_claims):
    claim = next(c for c in seed_claims if c.object == "no risk of contamination")
    assert claim.subject == "Ultracentrifugation" and claim.relation == "advantage"
    evidence = claim.evidence[0]
    assert (evidence.source, evidence.page, evidence.table_id, evidence.row, evidence.col) == ("table", 4, "t1", 1, 2)
    assert evidence.text.startswith("Low cost-effectiveness, no risk of contamination")
    assert claim.subject_norm == claim.object_norm == claim.aspect == ""
    assert claim.cue == "table column: Advantages"


def test_claims_from_rule_less_tables(tmp_path):
    pdf = parsed(write_ruleless_tables_pdf(tmp_path / "ruleless.pdf"))
    claims = [c for table in assemble_tables(pdf, []) for c in extract_table_claims(table, pdf.doc_id)]
    assert {(c.subject, c.relation, c.object) for c in claims} == {
        ("Electroporation", "advantage", "High loading efficiency"),
        ("Electroporation", "disadvantage", "Aggregation of RNA"),
        ("Electroporation", "disadvantage", "membrane damage"),
        ("Sonication", "advantage", "Simple"),
        ("Sonication", "advantage", "fast"),
        ("Sonication", "disadvantage", "Heat generation"),
        ("Incubation", "advantage", "No equipment needed"),
        ("Incubation", "disadvantage", "Low efficiency"),
        ("Hypoxia", "effect", "Increased exosome yield"),
        ("Hypoxia", "effect", "enhanced angiogenesis"),
        ("Melatonin", "effect", "Stronger anti-inflammatory effect"),
        ("Heat shock", "effect", "More heat shock proteins in exosomes"),
        ("Serum starvation", "effect", "Higher exosome yield"),
        ("Liposomes", "advantage", "Biocompatible"),
        ("Liposomes", "disadvantage", "Poor stability"),
        ("Gold nanoparticles", "advantage", "Easy to functionalize"),
        ("Gold nanoparticles", "disadvantage", "High cost"),
    }
    assert {c.evidence[0].page for c in claims if c.relation == "effect"} == {2}


# ---------------------------------------------------------------- column semantics


HEADER_RELATIONS = [
    ("Pros", "advantage"),
    ("Main drawbacks", "disadvantage"),
    ("Limitations", "disadvantage"),
    ("Disadvantages", "disadvantage"),
    ("Therapeutic effects", "effect"),
    ("Pros/cons", None),  # ambiguous: both
    ("Main contents", None),
    ("Effects on exosome yield", "effect"),
    # The relation word must be what the header is about, not a word in its modifier.
    ("Subcellular localization during function", None),
    ("Fetal outcomes (singleton births only*)", "effect"),
    ("Mechanism of action", None),
    # Life-science tables name their effect column by what was observed, a trailing participle postmodifying the head
    ("Bioactivity reported", "effect"),
    ("Biological activities", "effect"),
    ("Pharmacological actions", "effect"),
    ("Effects observed", "effect"),
    ("Main limitations identified", "disadvantage"),
    ("Reported", None),  # a participle alone is no head
    # adverse outcomes are disadvantages (gold/ANNOTATION.md); an event is an outcome only when it is adverse
    ("Side effects", "disadvantage"),
    ("Adverse events", "disadvantage"),
    ("Events", None),
    # a generic head names a relation through its modifier's leaning, and nothing without one
    ("Positive aspects", "advantage"),
    ("Strong points", "advantage"),
    ("Weak points", "disadvantage"),
    ("Negative features", "disadvantage"),
    ("Main features", None),
    ("Physical properties", None),
    # obstacles to a method's use are its disadvantages
    ("Barriers to adoption", "disadvantage"),
    ("Main concerns", "disadvantage"),
    ("Caveats", "disadvantage"),
    ("Technical difficulties", "disadvantage"),
]


@pytest.mark.parametrize(("header", "relation"), HEADER_RELATIONS)
def test_column_headers_map_to_relations(header, relation):
    assert ColumnSemantics.load().relation_of(header) == relation


def test_effect_and_adverse_columns_of_a_life_science_table_give_claims():
    """A "Bioactivity reported" column holds the row's effects, a "Side effects" column its drawbacks."""
    table = make_table(
        [
            ["Nanoparticles", "Plant species used", "Bioactivity reported", "Side effects", "Reference"],
            ["Silver", "Ocimum sanctum", "Antibacterial activity against E. coli", "Cytotoxic at high doses", "[12]"],
        ]
    )
    claims = {(c.subject, c.relation, c.object) for c in extract_table_claims(table, "doc")}
    assert ("Silver", "effect", "Antibacterial activity against E. coli") in claims
    assert ("Silver", "disadvantage", "Cytotoxic at high doses") in claims


def test_row_label_column_codes_and_placeholders_give_no_claims():
    table = make_table(
        [
            ["Outcomes", "Intervention group", "Model", "LRT result", "Effects"],
            ["Preterm birth", "35/356 (10)", "m0", "m1Neutral", "Not defined"],
            ["Miscarriage", "6/383 (2)", "m1", "N/A", "n/a"],
        ]
    )
    # "Outcomes" labels the rows; "LRT result" holds codes, not phrases; "Not defined" states nothing.
    assert extract_table_claims(table, "doc") == []


def test_subject_column_found_by_header_not_position():
    table = make_table(
        [
            ["Year", "Technique", "Strengths", "Weaknesses"],
            ["2019", "Sonication", "High loading efficiency", "Membrane damage"],
        ]
    )
    claims = extract_table_claims(table, "doc")
    assert {(c.subject, c.relation, c.object) for c in claims} == {
        ("Sonication", "advantage", "High loading efficiency"),
        ("Sonication", "disadvantage", "Membrane damage"),
    }


def test_most_specific_subject_column_wins_over_a_grouping_column():
    table = make_table(
        [
            ["Strategy", "Method", "Outcomes"],
            ["Loading", "Electroporation", "Increased uptake"],
            ["Loading", "Sonication", "Reduced aggregation"],
        ],
        spanned={(2, 0)},
    )
    claims = extract_table_claims(table, "doc")
    assert [(c.subject, c.relation) for c in claims] == [("Electroporation", "effect"), ("Sonication", "effect")]


def test_user_file_overrides_column_semantics(tmp_path):
    override = tmp_path / "columns.json"
    override.write_text(json.dumps({"relations": {"advantage": ["upsides"], "disadvantage": ["downsides"]}}))
    columns = ColumnSemantics.load(override)
    table = make_table([["Method", "Upsides", "Advantages"], ["PEG precipitation", "Cheap", "Simple"]])
    claims = extract_table_claims(table, "doc", columns)
    assert [(c.relation, c.object) for c in claims] == [("advantage", "Cheap")]


def test_table_without_relation_columns_gives_no_claims():
    table = make_table([["Method", "Definition", "References"], ["Ultracentrifugation", "Spinning", "[1]"]])
    assert extract_table_claims(table, "doc") == []


# ---------------------------------------------------------------- atomic properties


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Short time, high yield, and no need for special equipment",
            ["Short time", "high yield", "no need for special equipment"],
        ),
        ("Economical and does not need additional equipment", ["Economical", "does not need additional equipment"]),
        ("High economic cost and low yield of exosomes", ["High economic cost", "low yield of exosomes"]),
        # A short noun coordination after a preposition is one property.
        (
            "the biological activity is easily affected by pH and salt concentration",
            ["the biological activity is easily affected by pH and salt concentration"],
        ),
        ("Low purity and recovery rate", ["Low purity", "Low recovery rate"]),
        (
            "Efficient loading of DNA, RNA, and proteins; scalable",
            ["Efficient loading of DNA, RNA, and proteins", "scalable"],
        ),
        ("Requires expensive equipment and trained staff", ["Requires expensive equipment", "Requires trained staff"]),
        ("Fast and cheap\n• no toxicity", ["Fast", "cheap", "no toxicity"]),
        ("Time-consuming and labor-intensive", ["Time-consuming", "labor-intensive"]),
        # Enumerators and citation markers are not part of a property.
        ("(1) High yield; (2) low cost [12]", ["High yield", "low cost"]),
        ("High purity [53–55], low cost", ["High purity", "low cost"]),
        ("1. Fast\n2. Cheap", ["Fast", "Cheap"]),
        ("Reduces IL-6 and TNF-α levels", ["Reduces IL-6 and TNF-α levels"]),
        (
            "Exosomes may block the filter holes, resulting in the shortened life of the membrane",
            ["Exosomes may block the filter holes", "the shortened life of the membrane"],
        ),
        ("", []),
    ],
)
def test_split_properties(text, expected):
    assert split_properties(text) == expected
