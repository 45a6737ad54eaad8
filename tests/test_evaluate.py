"""`reviewminer eval`: gold files read strictly, the shared scorer's matching rules, body-text recall, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from pipeline.evaluate import evaluate_output, find_gold
from pipeline.evaluate.gold import GoldClaim, GoldError, read_claims
from pipeline.evaluate.scoring import PredictedClaim, score_claims, score_grid
from pipeline.evaluate.text_recall import reference_shingles
from pipeline.evaluate.titles import check_title, read_titles, title_key

from conftest import ROOT, SEED_PDF

CLI = [sys.executable, "-m", "pipeline.cli"]


def gold(subject: str, relation: str, obj: str, required: bool = True) -> GoldClaim:
    return GoldClaim(subject, relation, obj, "text", required)


def predicted(subject: str, relation: str, obj: str, subject_norm: str = "") -> PredictedClaim:
    return PredictedClaim(subject, subject_norm or subject, relation, obj)


# ---------------------------------------------------------------- matching rules


def test_wording_is_forgiven_meaning_is_not():
    expected = [gold("ultracentrifugation", "disadvantage", "consumes time")]
    assert (
        score_claims(
            [predicted("ultracentrifugation", "disadvantage", "it consumes a lot of time")], expected
        ).overall.found
        == 1
    )
    assert score_claims([predicted("ultracentrifugation", "advantage", "consumes time")], expected).overall.found == 0
    assert score_claims([predicted("precipitation", "disadvantage", "consumes time")], expected).overall.found == 0


def test_subject_matches_by_containment_or_through_subject_norm():
    expected = [gold("hypoxic preconditioning", "effect", "enhanced paracrine effects of MSCs")]
    contained = predicted("hypoxic preconditioning of MSCs", "effect", "enhanced paracrine effects")
    assert score_claims([contained], expected).overall.found == 1
    by_norm = predicted("it", "effect", "enhanced paracrine effects of MSCs", subject_norm="hypoxic preconditioning")
    assert score_claims([by_norm], expected).overall.found == 1


def test_optional_lines_count_when_found_and_cost_nothing_when_missed():
    expected = [
        gold("chromatography", "advantage", "high yield"),
        gold("chromatography", "advantage", "short time", False),
    ]
    score = score_claims([predicted("chromatography", "advantage", "short time")], expected)
    assert (score.overall.predicted, score.overall.correct, score.overall.required, score.overall.found) == (1, 1, 1, 0)
    assert score.overall.precision == 1.0 and score.overall.recall == 0.0


def test_table_and_text_claims_are_counted_apart():
    """Issue 18 sets a target for claims read from tables: each source gets its own P/R, from one matching."""
    expected = [
        GoldClaim("ultracentrifugation", "disadvantage", "consumes time", "table", True),
        GoldClaim("ultracentrifugation", "disadvantage", "low purity", "table", True),
        GoldClaim("precipitation", "advantage", "simple", "text", True),
    ]
    score = score_claims(
        [
            PredictedClaim("ultracentrifugation", "ultracentrifugation", "disadvantage", "consumes time", 3, "table"),
            PredictedClaim("ultracentrifugation", "ultracentrifugation", "disadvantage", "expensive", 3, "table"),
            # read from prose, it finds a line the annotator took from the table
            PredictedClaim("ultracentrifugation", "ultracentrifugation", "disadvantage", "low purity", 2, "text"),
            # read from both, it counts under each
            PredictedClaim("precipitation", "precipitation", "advantage", "simple", 2, "table+text"),
        ],
        expected,
    )
    assert set(score.by_source) == {"table", "text"}
    table, text = score.by_source["table"], score.by_source["text"]
    assert (table.predicted, table.correct, table.required, table.found) == (3, 2, 2, 2)
    assert (text.predicted, text.correct, text.required, text.found) == (2, 2, 1, 1)
    assert score.overall.found == 3 and score.overall.correct == 3


def test_one_prediction_matches_one_gold_line_and_other_relations_are_not_counted():
    expected = [
        gold("precipitation", "disadvantage", "low purity"),
        gold("precipitation", "disadvantage", "low purity ratio"),
    ]
    score = score_claims(
        [
            predicted("precipitation", "disadvantage", "low purity"),
            predicted("precipitation", "effect", "lower purity"),
        ],
        expected,
    )
    assert score.overall.predicted == 1  # the gold has no effect lines, so effect predictions are not scored
    assert score.overall.found == 1 and len(score.missed) == 1


def test_grid_scored_on_the_best_matching_table_with_a_row_offset():
    grid = [["Method", "Advantages"], ["UC", "low cost"], ["SEC", "high\\nyield"]]
    tables = {
        "t1": {(0, 0): "Something", (0, 1): "else"},
        "t2": {
            (1, 0): "Method",
            (1, 1): "Advantages",
            (2, 0): "UC",
            (2, 1): "low-cost",
            (3, 0): "SEC",
            (3, 1): "high yield",
        },
    }
    score = score_grid("1", grid, tables)
    assert score.table_id == "t2" and score.correct == 6 and score.accuracy == 1.0


# ---------------------------------------------------------------- gold files


def test_malformed_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "paper.claims.tsv"
    path.write_text("# comment\nX\tadvantage\tcheap\ttext\t1\nY\tbenefit\tfast\ttext\t1\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"paper\.claims\.tsv:3: relation"):
        read_claims(path)


def test_pages_line_limits_the_prose_scored(tmp_path):
    path = tmp_path / "paper.claims.tsv"
    path.write_text("# pages: 2, 5-7\nX\tadvantage\tcheap\ttext\t1\n", encoding="utf-8")
    claims, pages = read_claims(path)
    assert len(claims) == 1 and pages == {2, 5, 6, 7}
    # a table sheet: table claims annotated, no page's prose
    path.write_text("# pages: none\nX\tadvantage\tcheap\ttable\t1\n", encoding="utf-8")
    claims, pages = read_claims(path)
    assert len(claims) == 1 and pages == set()


def test_every_pdf_needs_gold_and_every_gold_a_pdf(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_PDF, corpus / "seed_review.pdf")
    with pytest.raises(GoldError, match="gold folder not found"):
        find_gold(corpus, tmp_path / "nowhere")
    with pytest.raises(GoldError, match="no gold files"):
        find_gold(corpus, corpus)
    (corpus / "other.claims.tsv").write_text("X\tadvantage\tcheap\ttext\t1\n", encoding="utf-8")
    with pytest.raises(GoldError, match="for PDFs not under .*: other"):
        find_gold(corpus, corpus)
    (corpus / "other.claims.tsv").rename(corpus / "seed_review.claims.tsv")
    shutil.copy(SEED_PDF, corpus / "unannotated.pdf")
    with pytest.raises(GoldError, match="without gold .*: unannotated"):
        find_gold(corpus, corpus)


def test_repository_gold_splits_are_complete_and_well_formed():
    dev = find_gold(ROOT / "gold" / "dev", ROOT / "gold" / "dev")
    heldout = find_gold(ROOT / "gold" / "heldout", ROOT / "gold" / "heldout")
    assert not {d.stem for d in dev} & {d.stem for d in heldout}
    # the held-out split: a third of the papers (documents with claims; the table-only sheets of dev are not papers),
    # at least 40 required claims and 4 grids
    papers = [d for d in dev if d.claims]
    assert len(heldout) * 3 >= len(papers) + len(heldout) + 1
    assert sum(c.required for d in heldout for c in d.claims or []) >= 40
    assert sum(len(d.grids) for d in heldout) >= 4


# ---------------------------------------------------------------- titles


def test_title_compares_words_not_line_breaks_marks_or_case():
    printed = ["Synthesis of Silyl Dienol Ethers via Peterson Olefination of Siloxyallylpotassium Species"]
    assert check_title(
        "Synthesis of silyl dienol ethers via Peterson Olefination of Siloxyal-\nlylpotassium Species∗", printed
    ).correct
    assert check_title("‘Green’ synthesis of metals", ["'Green' synthesis of metals"]).correct
    assert not check_title("Synthesis of Silyl Dienol Ethers", printed).correct  # cut at the first line
    assert not check_title("", ["Article Title"]).correct


def test_every_gold_title_is_printed_on_the_first_page_of_its_pdf():
    import pypdfium2 as pdfium

    from pipeline.extract.ingest import TEX_T1_SLOTS

    title_files = sorted((ROOT / "gold").glob("*/*.title.txt")) + sorted(
        (ROOT / "benchmarks" / "papers").glob("*.title.txt")
    )
    papers = [
        d for split in ("dev", "heldout") for d in find_gold(ROOT / "gold" / split, ROOT / "gold" / split) if d.claims
    ]
    assert all(d.titles for d in papers), [d.stem for d in papers if not d.titles]  # every paper's title is checked
    for path in title_files:
        pdf = path.with_name(path.name.removesuffix(".title.txt") + ".pdf")
        pdf = pdf if pdf.exists() else SEED_PDF
        document = pdfium.PdfDocument(str(pdf))
        # A TeX font without a Unicode map (T1) puts its ff/fi/fl/ffi/ffl ligatures at control codes 0x1B-0x1F; the
        # title is checked as printed ("Coefficient"), so those codes are read as the ligatures they print.
        ligatures = {code: letters for code, letters in TEX_T1_SLOTS.items() if 0x1B <= code <= 0x1F}
        first_page = title_key(document[0].get_textpage().get_text_range().translate(ligatures))
        document.close()
        assert all(title_key(title) in first_page for title in read_titles(path)), path.name


def test_claims_loop_scores_a_refused_gold_paper_as_predicting_nothing(tmp_path):
    # A gold paper ingest refuses (here a scanned page without a text layer, under a gold file of its own): the claims
    # loop over a split must go on and count the paper's gold as missed, as `eval` does.
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location("claims_loop", ROOT / "benchmarks" / "claims_loop.py")
    claims_loop = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(claims_loop)
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "robust_scanned_no_textlayer_docling.pdf", gold / "scanned.pdf")
    (gold / "scanned.claims.tsv").write_text("scanning\tadvantage\tkeeps the page\ttext\t1\n", encoding="utf-8")
    papers = list(claims_loop.gold_papers([gold], (), tmp_path / "cache"))
    assert [(item.stem, found_tables, annotated) for item, _, found_tables, annotated in papers] == [
        ("scanned", [], None)
    ]


# ---------------------------------------------------------------- body-text recall


def test_reference_text_leaves_out_running_heads_and_the_reference_list():
    body = "the method separates vesicles by size with high purity and little damage to membranes"
    running = "journal of extracellular vesicles volume twelve issue three pages one to ten"
    pages = [
        f"{running}\n{body}",
        f"{running}\nReferences\n1. smith j and others a study of everything in the world today",
    ]
    shingles = reference_shingles(pages)
    assert "the method separates vesicles by size with high" in shingles
    assert "journal of extracellular vesicles volume twelve issue three" not in shingles  # on both pages
    assert not any("smith" in s or "world" in s for s in shingles)  # after the last "References" heading


def test_reference_text_leaves_out_the_shingles_that_run_from_a_running_head_into_the_body():
    """Running-head shingles that reach into the page's first body words are printed on one page only; a text that
    rightly drops the head cannot match them, so they are no reference either."""
    bodies = [
        "self organizing maps map objects to positions in a grid of units",
        "the batch algorithm updates every unit once for each pass over data",
        "memory use grows with the number of pixels in the training image",
    ]
    pages = [f"{2 * i + 2} Flexible Self-Organizing Maps in kohonen 3.0\n{body}" for i, body in enumerate(bodies)]
    shingles = reference_shingles(pages)
    assert "self organizing maps map objects to positions in" in shingles
    assert not any("kohonen" in s for s in shingles)


def test_reference_text_leaves_out_bare_page_numbers_on_a_real_pdf():
    """LaTeX's plain page style sets the folio alone under the text, last in the text layer of each page; the
    shingles that ran from the page's last words into its number could only be matched by a text that reads the
    number as body text. A number whose value runs with the page index is left out, as a running foot is."""
    from pipeline.evaluate.text_recall import page_texts, shingles_per_page

    pdf = ROOT / "gold" / "dev" / "oksanen2022_vegan_design_decisions_parallel_processing_ordination_scores.pdf"
    per_page = shingles_per_page(page_texts(pdf))
    assert per_page[5][-1].endswith("function sample below shuffles the")  # page 6, "6" under "in-dices"
    assert not any(page and page[-1].split()[-1] == str(index + 1) for index, page in enumerate(per_page))


# ---------------------------------------------------------------- on a real run


def test_seed_scored_from_a_real_run(seed_run):
    out, _record, corpus = seed_run
    report = evaluate_output(out, find_gold(corpus, ROOT / "gold" / "seed"), "seed")
    (document,) = report.documents
    assert document.status == "ok"
    assert [(g.number, g.accuracy) for g in document.grids] == [("1", 1.0), ("2", 1.0)]
    assert report.claims.f1 >= 0.85, report.lines()
    assert 0.8 <= document.text.recall <= document.text.any_passage <= 1.0
    assert set(report.as_dict()["claims_by_relation"]) == {"advantage", "disadvantage", "effect"}
    assert document.title.correct, document.title
    assert report.title_summary() == {"checked": 1, "correct": 1}


def test_cli_eval_from_another_directory_reuses_the_run(seed_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_run[0], out)
    done = subprocess.run(
        [*CLI, "eval", "--out", str(out), "--json", "--no-progress"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=os.environ.copy(),
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["tables"]["mean_cell_accuracy"] == 1.0 and result["tables"]["grids"] == 2
    assert result["documents"][0]["stem"] == "seed_review"


def test_cli_eval_with_missing_gold_exits_2(tmp_path):
    done = subprocess.run(
        [*CLI, "eval", str(SEED_PDF), "--gold", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=os.environ.copy(),
        timeout=120,
    )
    assert done.returncode == 2 and "gold folder not found" in done.stderr, done.stderr


def test_reference_leaves_out_runs_through_unmappable_glyphs():
    # pypdfium2 marks a ligature it cannot map with U+FFFE: "de\ufffe nition" is not a word to look for
    page = "a precise de\ufffe nition of the method makes every later step of the analysis easier to follow"
    shingles = reference_shingles([page])
    assert shingles and not any("nition" in s or "\ufffe" in s for s in shingles)
    assert "of the method makes every later step of" in shingles


def _page_text(name: str, index: int, printed: bool) -> str:
    import pypdfium2

    from pipeline.evaluate.text_recall import as_printed

    from conftest import real_pdf

    document = pypdfium2.PdfDocument(str(real_pdf(name)))
    try:
        text_page = document[index].get_textpage()
        text = text_page.get_text_range()
        return as_printed(text_page, text) if printed else text
    finally:
        document.close()


def test_reference_reads_tex_bitmap_fonts_at_their_codes():
    """TeX's bitmap fonts (Type 3, unnamed, no Unicode map) hold their text at its ASCII codes: the reference keeps
    it, as the ingest reads it, instead of marking every glyph unmapped (an empty reference, recall 0)."""
    text = _page_text("young2017_goseq_gene_ontology_rnaseq_length_bias.pdf", 1, printed=True)
    assert "We assume that the user can use appropriate in-built R functions (such as read.table or scan)" in text


def test_reference_leaves_out_runs_through_ligatures_at_control_codes():
    """A TeX font without a Unicode map (T1 encoding) puts its fl and fi ligatures at the control codes 0x1D and 0x1C,
    which Python takes for spaces: "ﬂat" left "at" in the reference, a word no repaired text holds. Runs through such
    a glyph are left out, as those through any unmappable glyph."""
    page = _page_text("young2017_goseq_gene_ontology_rnaseq_length_bias.pdf", 1, printed=True)
    shingles = reference_shingles([page])
    assert not any("nearly at and all" in s for s in shingles)
    assert "length bias exists the calculated pwf will be" in shingles


def test_reference_reads_superscripts_apart_from_their_word():
    """The text layer glues a raised citation marker to its word ("translation1,2"), a token no reader sees; read
    as printed, the marker is a word of its own, as the sentences write it ("translation[1,2]")."""
    from pipeline.evaluate.text_recall import normalized_words

    name = "emm2023_eprs1_review_rotated_table.pdf"
    glued = normalized_words(_page_text(name, 0, printed=False))
    printed = normalized_words(_page_text(name, 0, printed=True))
    assert "translation1" in glued and "translation1" not in printed
    at = printed.index("preribosomal")
    assert printed[at : at + 7] == ["preribosomal", "stage", "of", "translation", "1", "2", "compared"]
    assert len(printed) > len(glued)  # nothing else is lost: only words set apart


def test_reference_reads_superscripts_apart_on_a_page_whose_characters_and_text_differ_in_length():
    """A page with maths italic letters (two characters of the text page each) or control characters the text leaves
    out (around hyphens and unmapped glyphs) no longer lines up index by index with its text; lined up character by
    character, its superscripts are set apart as on any other page ("experiment42,43" is "experiment 42,43")."""
    page = _page_text("srep2015_ion_crystal_quantum_computation.pdf", 1, printed=True)
    assert "experiment 42,43" in page and "experiment42" not in page


def test_reference_leaves_out_runs_through_glyphs_pdfium_flags_as_wrongly_mapped():
    """Hindawi's "Th" ligature comes out of the text layer as "+e" ("+e medicinal use" for "The medicinal use"):
    runs through it are left out of the reference, as are those through unmappable glyphs."""
    page = _page_text("uritu2018_lamiaceae_pain_review_rotated.pdf", 0, printed=True)
    shingles = reference_shingles([page])
    assert not any(s.startswith("e medicinal use") for s in shingles)
    assert "medicinal use of plants as analgesic drugs in" in shingles


def test_a_table_only_gold_sheet_is_left_out_of_the_text_recall_summary():
    from pipeline.evaluate import DocumentEvaluation, EvaluationReport
    from pipeline.evaluate.scoring import GridScore
    from pipeline.evaluate.text_recall import TextRecall

    def document(stem, recall, claims=True, grids=()):
        score = score_claims([], []) if claims else None
        return DocumentEvaluation(
            stem, stem, "ok", claims=score, grids=list(grids), text=TextRecall(100, recall, recall)
        )

    sheet = document("sheet", 0.0, claims=False, grids=[GridScore("1", 1.0, 10, 10, "t1")])
    unlabelled = document("no_gold", 0.5, claims=False)  # a PDF without gold still counts
    report = EvaluationReport("dev", [document("a", 0.8), document("b", 0.9), sheet, unlabelled])
    assert report.text_recall_summary()["median"] == 0.8
    assert report.text_recall_summary()["min"] == 0.5


def test_reference_leaves_out_margin_line_numbers():
    """AASTeX's line numbers start every line of the text layer ("93 placed on interactive figures"): no correct text
    holds them, so they are left out of the reference; a table's numbered rows keep their numbers."""
    from pipeline.evaluate.text_recall import normalized_words, without_line_numbers

    page = _page_text("robust_aastex_deluxetables_rotated_continued.pdf", 2, printed=True)
    assert "93" in normalized_words(page)
    words = normalized_words(without_line_numbers(page))
    assert "93" not in words and " ".join(words).count("placed on interactive figures") == 1
    rows = _page_text("uritu2018_lamiaceae_pain_review_rotated.pdf", 16, printed=True)
    assert without_line_numbers(rows) == rows


def test_margin_line_numbers_are_taken_off_past_the_lines_of_a_display_equation():
    """The lines of a display equation start with digits of their own ("1", "1 + d") between numbered lines 395 and
    396: the count goes on past them, so the numbered lines after the equation lose their numbers too."""
    import pypdfium2

    from pipeline.evaluate.text_recall import as_printed, normalized_words, without_line_numbers

    document = pypdfium2.PdfDocument(str(ROOT / "benchmarks" / "papers" / "aastex2021_aastex631_sample_article.pdf"))
    try:
        text_page = document[13].get_textpage()
        page = as_printed(text_page, text_page.get_text_range())
    finally:
        document.close()
    words = " ".join(normalized_words(without_line_numbers(page)))
    assert "continue the sequence from the main article body" in words
    assert "397" not in words.split() and "401" not in words.split()


def test_reference_ends_at_an_unheaded_numbered_reference_list():
    """BMJ sets its reference list without a heading after the licence lines: it ends the body text there."""
    from pipeline.evaluate.text_recall import page_texts

    from conftest import real_pdf

    pages = page_texts(real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf"))
    shingles = reference_shingles(pages)
    assert not any(s.startswith("kallen k the impact of maternal") for s in shingles)
    assert any("physical activity" in s for s in shingles)
