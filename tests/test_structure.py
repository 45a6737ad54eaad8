"""Structure stage on real PDFs: reading order, headings, paragraphs, running lines, hyphenation, citations,
references and abbreviations. Each PDF is read once per module."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

from pipeline.corpus import doc_id_for, file_sha256
from pipeline.extract.ingest import Budget, read_page, read_pdf
from pipeline.extract.nlp import PROSE_KINDS
from pipeline.extract.structure import build_document
from pipeline.extract.structure.references import expand_numbers
from pipeline.extract.structure.repair import Vocabulary, join_lines
from pipeline.records import DocumentError, PdfContent, StructuredDocument

from conftest import real_pdf

ROOT = Path(__file__).resolve().parent.parent
SEED_PDF = ROOT / "corpus" / "seed_review.pdf"
GOLD = json.loads((Path(__file__).resolve().parent / "gold" / "seed_structure.json").read_text(encoding="utf-8"))
# Longer PDFs are read in part (their first pages and the last one) to keep this module fast;
# `benchmarks/structure_seed.py --corpus` builds every page of every corpus PDF.
MAX_PAGES_READ_WHOLE = 12
PAGES_READ = 5


def _structure(path: Path) -> StructuredDocument:
    return build_document(read_pdf(path))


def _paragraph_text(doc: StructuredDocument) -> str:
    return "\n".join(p.text for p in doc.passages if p.kind == "paragraph")


@pytest.fixture(scope="module")
def seed() -> StructuredDocument:
    return _structure(SEED_PDF)


@pytest.fixture(scope="module")
def bmj() -> StructuredDocument:
    return _structure(real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf"))


@pytest.fixture(scope="module")
def jner() -> StructuredDocument:
    return _structure(real_pdf("jner2016_fes_hand_opening.pdf"))


# ---------------------------------------------------------------- the seed review (two columns)


def test_seed_title_and_headings_match_the_gold(seed):
    assert seed.title == GOLD["title"]
    found = {p.text: p for p in seed.passages if p.kind == "heading"}
    missing = [text for text, _ in GOLD["headings"] if text not in found]
    assert missing == []
    levels = {text: level for text, level in GOLD["headings"]}
    assert [found[t].section_path.count(" > ") + 1 for t in levels] == list(levels.values())


def test_seed_section_paths_nest_subsections(seed):
    paragraph = next(p for p in seed.passages if p.text.startswith("In the clinical application of medical research"))
    assert paragraph.section_path == (
        "Optimization strategy of exosomes in clinical application and medical research—improving the yield of "
        "exosomes > Exogenous treatment of parent cells"
    )


def test_seed_paragraph_continues_across_columns_and_pages(seed):
    text = _paragraph_text(seed)
    # left column -> right column on page 1
    assert (
        "accurately reflect the source of the cells in which they occur and their physio-pathological status [12]"
        in text
    )
    # right column of page 1 -> page 2, past the figure and its caption
    assert "can induce human umbilical vein endothelial cell (HUVEC) proliferation, migration, and angiogenesis" in text
    # left column above a wide table -> right column above it
    assert "economical and does not need additional equipment [51]. However, there are many problems" in text


def test_seed_reading_order_left_column_then_right(seed):
    texts = [p.text for p in seed.passages]
    first = next(i for i, t in enumerate(texts) if t.startswith("Extracellular vesicles (EVs) have received"))
    second = next(i for i, t in enumerate(texts) if t.startswith("Exosomes originate from the inward budding"))
    third = next(i for i, t in enumerate(texts) if t.startswith("Exosomes not only mediate signal transmission"))
    assert first < second < third


def test_seed_has_no_running_header_or_page_number(seed):
    for passage in seed.passages:
        assert "Han et al. (2023)" not in passage.text
        assert "Exosome production and targeting: a review" not in passage.text
        assert " of 10" not in passage.text


def test_seed_table_text_stays_out_of_paragraphs(seed):
    text = _paragraph_text(seed)
    assert "Microchip technology based on the principle of specific interaction between molecules" not in text
    assert "Incubating magnetic beads coated with anti-marker antibodies" not in text
    captions = [p.text for p in seed.passages if p.kind == "caption"]
    assert "Table 1 Extraction method of exosomes" in captions
    assert any(c.startswith("Fig. 3 Improve the targeting ability of exosomes") for c in captions)


def test_seed_keeps_real_hyphens_at_line_ends(seed):
    text = _paragraph_text(seed)
    assert "hyperoxia-induced cell injury" in text
    assert "lipid-containing exosomes" in text
    assert "three-dimensional" in text
    assert "ischemia-reperfusion therapy" in text


def test_seed_citations_expanded_and_linked(seed):
    citations = [c for p in seed.passages for c in p.citations]
    by_marker = {c.marker: c.numbers for c in citations}
    assert by_marker["[53–55]"] == [53, 54, 55]
    assert by_marker["[8–10]"] == [8, 9, 10]
    assert by_marker["[3, 4]"] == [3, 4]
    numbers = {r.number for r in seed.references}
    assert all(n in numbers for c in citations for n in c.numbers)
    passage = next(p for p in seed.passages if "[53–55]" in p.text)
    citation = next(c for c in passage.citations if c.marker == "[53–55]")
    assert passage.text[citation.start : citation.end] == "[53–55]"


def test_seed_references_split_into_numbered_entries(seed):
    assert seed.references[0].text.startswith(GOLD["first_reference"])
    assert seed.references[-1].number == GOLD["last_reference_number"]
    assert [r.number for r in seed.references] == sorted(r.number for r in seed.references)
    assert len(seed.references) >= GOLD["last_reference_number"] - 2
    kinds = {p.kind for p in seed.passages if p.section_path == "References" and p.kind != "heading"}
    assert kinds == {"reference"}


def test_seed_abbreviations_parsed(seed):
    for short, long in GOLD["abbreviations"].items():
        assert seed.abbreviations.get(short) == long
    assert seed.abbreviations["MCM2"] == "Minichromosome maintenance complex component 2"  # in the second column


def test_seed_offsets_match_document_text(seed):
    text = seed.text
    for passage in seed.passages:
        assert text[passage.char_start : passage.char_start + len(passage.text)] == passage.text


# ---------------------------------------------------------------- BMJ (side column, three columns, superscripts)


def test_bmj_sections_and_abstract_not_mixed_with_side_column(bmj):
    headings = {p.text for p in bmj.passages if p.kind == "heading"}
    assert {"Introduction", "Methods", "Results"} <= headings
    texts = [p.text for p in bmj.passages]
    assert (
        "To determine the effectiveness of a physical activity intervention for smoking cessation during pregnancy."
        in (texts)
    )
    methods = next(p for p in bmj.passages if p.text == "Methods")
    assert methods.section_path == "Methods"


def test_bmj_hyphenation_repaired(bmj):
    text = _paragraph_text(bmj)
    assert "congenital abnormalities" in text
    assert "new interventions that add to the effectiveness of behavioural support are needed" in text
    assert "abnormali-" not in text and "interven-" not in text


def test_bmj_superscript_citations_become_markers(bmj):
    citations = {c.marker: c.numbers for p in bmj.passages for c in p.citations}
    assert citations.get("[1–3]") == [1, 2, 3]
    assert len(bmj.references) >= 30
    assert bmj.references[0].text.startswith("1 Kallen K.")


def test_bmj_running_footer_removed(bmj):
    assert not any("| the bmj" in p.text or "the bmj |" in p.text for p in bmj.passages)


# ---------------------------------------------------------------- JNER (BioMed Central layout)


def test_jner_sections_references_and_no_running_header(jner):
    headings = [p.text for p in jner.passages if p.kind == "heading"]
    for name in ("Background", "Methods", "Results", "Discussion", "Conclusions"):
        assert name in headings
    assert len(jner.references) >= 45
    assert [r.number for r in jner.references[:5]] == [1, 2, 3, 4, 5]
    assert not any("(2016) 13:22" in p.text for p in jner.passages)


# ---------------------------------------------------------------- text repair units


def test_line_end_hyphen_joined_or_kept_by_vocabulary():
    vocabulary = Vocabulary(
        plain={"cost", "three", "dimensional"}, hyphenated={"three-dimensional"}, general=frozenset()
    )
    assert join_lines(["low cost-ef-", "fectiveness, no risk"], vocabulary) == "low cost-effectiveness, no risk"
    assert join_lines(["grown in three-", "dimensional spaces"], vocabulary) == "grown in three-dimensional spaces"
    assert join_lines(["the IL-", "17 pathway"], vocabulary) == "the IL-17 pathway"
    assert join_lines(["diameter of 30–", "150 nm"], vocabulary) == "diameter of 30–150 nm"


def test_citation_numbers_expanded():
    assert expand_numbers("53–55") == [53, 54, 55]
    assert expand_numbers("6, 62, 63") == [6, 62, 63]
    assert expand_numbers("1-3, 7") == [1, 2, 3, 7]


# ---------------------------------------------------------------- every real PDF with text builds


def _some_pages(path: Path, n_pages: int) -> PdfContent:
    """The first pages and the last one (where the references are), read as ingest reads them."""
    sha = file_sha256(path)
    with pdfplumber.open(path) as pdf:
        total = len(pdf.pages)
        pages = []
        for index in sorted({*range(min(n_pages, total)), total - 1}):
            page = pdf.pages[index]
            pages.append(read_page(page))
            page.close()
    return PdfContent(doc_id=doc_id_for(sha), path=str(path), sha256=sha, n_pages=total, metadata_title="", pages=pages)


# the other real PDFs of the repository outside the held-out split: journal papers, a long preprint, a scanned
# page and a government statistics sheet
OTHER_PDFS = [
    "deep_review_biomed_long122p.pdf",
    "emm2023_eprs1_review_rotated_table.pdf",
    "msphere2024_acinetobacter_resistance.pdf",
    "peerjcs2017_vespa_multipage_table.pdf",
    "robust_rotated_table_nics_usgov.pdf",
    "robust_scanned_no_textlayer_docling.pdf",
]


@pytest.mark.parametrize("name", OTHER_PDFS)
def test_every_real_pdf_with_text_builds(name):
    path = real_pdf(name)
    try:
        pdf = read_pdf(path, Budget(max_pages=MAX_PAGES_READ_WHOLE))
    except DocumentError as error:
        if error.status != "skipped":
            assert error.reason == "no text layer; OCR is not supported", name  # only the scanned page
            return
        pdf = _some_pages(path, PAGES_READ)  # a long PDF
    doc = build_document(pdf)
    if all(page.raw_tables for page in pdf.pages) and not doc.passages:
        return  # a page that is one big table (the NICS statistics sheet) has no prose to order
    assert doc.passages
    assert any(p.kind == "paragraph" and len(p.text) > 200 for p in doc.passages)
    assert any(p.kind == "heading" for p in doc.passages)
    text = doc.text
    for passage in doc.passages:
        assert text[passage.char_start : passage.char_start + len(passage.text)] == passage.text


# ---------------------------------------------------------------- roles: title, run-in headings, metadata


def test_bmj_title_checked_against_metadata_and_small_caps_headings(bmj):
    assert bmj.title == "Physical activity for smoking cessation in pregnancy: randomised controlled trial"
    headings = {p.text.upper() for p in bmj.passages if p.kind == "heading"}  # small caps: the case the reader maps
    assert "WHAT IS ALREADY KNOWN ON THIS TOPIC" in headings


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("aps2010_revtex_physrev_sample", "Manuscript Title: with Forced Linebreak"),  # bold at 1.2x the body
        ("aastex2021_aastex631_sample_article", "Template AASTEXArticle with Examples: v6.31"),  # bold, body size
    ],
)
def test_title_set_in_bold_near_the_body_size_is_found_not_the_metadata(name, title):
    # the metadata of the first holds a file name ("apssamp.dvi"), which must not stand in for the printed title
    document = build_document(read_pdf(ROOT / "benchmarks" / "papers" / f"{name}.pdf", pages=(1, 1)))
    assert document.title == title
    assert [p.text for p in document.passages if p.kind == "title"] == [title]


def test_a_file_name_or_placeholder_in_the_metadata_is_no_title():
    from pipeline.extract.ingest import title_from_metadata

    for placeholder in ("apssamp.dvi", "6802810.dvi", "untitled", "Microsoft Word - draft_v3.docx", "paper.pdf"):
        assert title_from_metadata(placeholder) == ""
    assert (
        title_from_metadata(" Flexible Self-Organizing Maps in kohonen 3.0 ")
        == "Flexible Self-Organizing Maps in kohonen 3.0"
    )


def test_jner_run_in_headings_split_from_their_paragraph(jner):
    texts = [(p.kind, p.text) for p in jner.passages]
    pairs = list(zip(texts, texts[1:], strict=False))
    assert any(
        first == ("heading", "Background")
        and second[0] == "paragraph"
        and second[1].startswith("Functional Electrical")
        for first, second in pairs
    )
    assert any(first == ("heading", "Conclusions") and second[1].startswith("A subset of") for first, second in pairs)
    assert not any(t.startswith(("Background:", "Methods:", "Results:")) for k, t in texts if k == "paragraph")


def test_metadata_is_typed_out_of_prose(bmj, jner):
    for doc in (bmj, jner):
        prose = " ".join(p.text for p in doc.passages if p.kind == "paragraph")
        assert "Creative Commons" not in prose
        assert "Received:" not in prose and "Accepted:" not in prose
        assert "@" not in prose
    metadata = [p.text for p in jner.passages if p.kind == "metadata"]
    assert "Received: 11 November 2015 Accepted: 24 February 2016" in metadata


def test_small_print_written_as_sentences_is_a_note_names_and_affiliations_stay_footnotes(bmj, jner):
    """A table's notes and back-matter statements are sentences the NLP stage reads (kind note); the author list set
    in small print is not."""
    bmj_notes = [p.text for p in bmj.passages if p.kind == "note"]
    assert any(t.startswith("*Data exclude 41 women who were still in full time education.") for t in bmj_notes)
    jner_kinds = {p.text: p.kind for p in jner.passages}
    assert jner_kinds["The authors declare that they have no competing interests."] == "note"
    authors = [t for t, k in jner_kinds.items() if t.startswith("Cristiano De Marchis")]
    assert authors and all(jner_kinds[t] == "footnote" for t in authors)
    assert "note" in PROSE_KINDS and "footnote" not in PROSE_KINDS


# ---------------------------------------------------------------- layout classes seen across publishers


def _pages(name: str, first: int, last: int) -> StructuredDocument:
    return build_document(read_pdf(real_pdf(name), pages=(first, last)))


def test_drop_cap_joins_its_word_and_lines_beside_it_stay_apart():
    """msphere (ASM) opens its introduction with a two-line drop cap: read as its own tall word it pulled both
    lines into one row ("A cinetobacter being typically spp. found are ...")."""
    doc = _pages("msphere2024_acinetobacter_resistance.pdf", 1, 1)
    text = _paragraph_text(doc)
    assert "Acinetobacter spp. are Gram-negative, soil-dwelling Gammaproteobacteria. Despite being typically" in text
    assert "A cinetobacter" not in text
    # the keyword list above it, without a closing stop, does not run into the introduction; it is front matter
    # (metadata), and the introduction, which opens without a heading, leaves the abstract's sections
    keywords = next(p for p in doc.passages if "antibiotic resistance, virulence" in p.text)
    assert keywords.kind == "metadata" and keywords.text.startswith("KEYWORDS")
    assert "Acinetobacter spp." not in keywords.text
    introduction = next(p for p in doc.passages if p.text.startswith("Acinetobacter spp. are Gram-negative"))
    assert introduction.section_path == ""
    # ASM sets its bold labels in capitals beside the text's first line, without a stop: run-in headings
    assert {"ABSTRACT", "IMPORTANCE"} <= {p.text for p in doc.passages if p.kind == "heading"}


def test_paragraph_continues_past_a_box_read_between_its_parts(bmj):
    """The BMJ abstract's last paragraph runs from the middle column to the top of the right one; the 'What is
    already known' box at the foot of the page is read in between and must not take the rest."""
    results = next(p for p in bmj.passages if p.text.startswith("No significant difference was found"))
    assert "For the physical activity group compared with the control group, there was a 40%" in results.text
    box = next(p for p in bmj.passages if p.text.startswith("Our study suggests that a physical activity"))
    assert "activity group compared with the control group" not in box.text


def test_caption_label_set_apart_stays_with_its_caption():
    """Nature-family figure captions set the bold label 'Fig. 2' a wide gap before the text; split off, the label
    was a caption of its own and the caption text a paragraph in the body."""
    doc = _pages("emm2023_eprs1_review_rotated_table.pdf", 3, 3)
    captions = [p.text for p in doc.passages if p.kind == "caption"]
    assert any(c.startswith("Fig. 2 Phosphocode-dependent EPRS1 signaling pathways") for c in captions)
    assert "Phosphocode-dependent EPRS1 signaling pathways are activated" not in _paragraph_text(doc)


def _two_column_pdf(path: Path, gutter: float) -> Path:
    """Two justified columns of prose 230 pt wide, `gutter` points apart."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    left = "alpha words run down the left column of this page and they form one long paragraph of prose".split()
    right = "beta words fill the right column in the same way with another paragraph of running prose".split()
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Times-Roman", 10)
    width = 230
    for x0, words in ((50, left * 8), (50 + width + gutter, right * 8)):
        line: list[str] = []
        y = 780
        for word in words:
            if page.stringWidth(" ".join([*line, word]), "Times-Roman", 10) > width:
                text = page.beginText(x0, y)
                spare = width - page.stringWidth(" ".join(line), "Times-Roman", 10)
                text.setWordSpace(spare / max(1, len(line) - 1))
                text.textOut(" ".join(line))
                page.drawText(text)
                line, y = [], y - 12
            line.append(word)
        page.drawString(x0, y, " ".join(line) + ".")
    page.save()
    return path


def test_columns_with_a_gutter_narrower_than_an_em_are_read_one_after_the_other(tmp_path):
    """A 7 pt gutter beside 10 pt type is narrower than the gap that ends a fragment: without the gutter found on
    the whole page, every line ran from the left column into the right one."""
    doc = build_document(read_pdf(_two_column_pdf(tmp_path / "tight.pdf", 7)))
    text = _paragraph_text(doc)
    assert "beta" not in text[: text.index("alpha") + 600]
    assert text.index("prose beta words") > text.rindex("alpha")


def test_superscript_markers_stay_in_their_line_and_paragraph():
    """A raised marker sorts above its word (its top is higher) and may be read as a row of its own: the line then
    took the marker's small size and ended the paragraph as a footnote ("domains5–7."). A marker that comes as
    several words (its dash in another font) is one citation."""
    doc = _pages("emm2023_eprs1_review_rotated_table.pdf", 1, 1)
    text = _paragraph_text(doc)
    assert "mainly through their additional evolutionarily acquired motifs and domains[5–7].\nThe nomenclature" in text
    assert "in addition to translation[3–5]. Research over many decades" in text
    assert not any("domains5" in p.text for p in doc.passages)


def test_columns_under_a_figure_whose_labels_cross_the_gutter_are_read_one_after_the_other():
    """Hindawi sets a chart with slanted labels across both columns at the top of a page: the labels hide the gutter
    from the page as a whole, and the two columns below were read line across line."""
    doc = _pages("uritu2018_lamiaceae_pain_review_rotated.pdf", 2, 3)
    text = _paragraph_text(doc)
    assert "reducing the consumption of solvents [57].\nPrevious studies have revealed" in text
    assert "solvents [57]. levels compared" not in text
    assert "did not affect plasma corticosterone levels compared with the control group" in text


def test_last_line_of_a_full_width_abstract_stays_with_it():
    """A full-width abstract's short last line falls in the column zone below it; in the abstract's small print it
    was typed a footnote, cutting the abstract's last sentence."""
    doc = _pages("uritu2018_lamiaceae_pain_review_rotated.pdf", 1, 1)
    assert "in future and formulation of commercial therapeutic agents." in _paragraph_text(doc)
    assert not any(p.kind == "footnote" and p.text == "therapeutic agents." for p in doc.passages)


def test_side_column_beside_the_text_is_read_after_it_not_line_by_line():
    """ASM prints editor, correspondence and dates in a narrow side column beside the first page's text: a strip of
    whitespace inside the main column (short lines on the left) was taken for the gutter, and the main column's lines
    alternated with the side column's."""
    doc = _pages("msphere2024_acinetobacter_resistance.pdf", 1, 1)
    text = _paragraph_text(doc)
    assert (
        "Despite being typically found in soil, some species within the genus also cause life-threatening human"
        " infections (1). The most clinically significant of these is Acinetobacter baumannii" in text
    )
    assert "Received 10 February 2024" not in text


def test_drawn_figure_text_is_no_paragraph_and_the_paragraph_it_cuts_goes_on(bmj):
    """A chart drawn with vectors (no image box) between a paragraph and its figure caption: its labels ("Control
    group", "1 week 4 weeks") were a paragraph, which took the place of the paragraph cut by the figure."""
    text = _paragraph_text(bmj)
    assert "interventions for smoking cessation[12] were overcome by implementing a multicentre trial" in text
    assert "Control group Physical activity group" not in text
    assert any(p.kind == "figure_text" and "Control group" in p.text for p in bmj.passages)


def test_keyword_lists_are_front_matter(jner):
    """A keyword list (after a run-in, displayed or plain label) is one metadata passage, however it is broken into
    lines or blocks, and no section of its own."""
    keywords = [p for p in jner.passages if "Multi-contact stimulation, EMG" in p.text]
    assert len(keywords) == 1 and keywords[0].kind == "metadata"
    assert keywords[0].text.startswith("Keywords:") and keywords[0].text.endswith("Neurorehabilitation")
    assert not any(p.kind == "heading" and p.text == "Neurorehabilitation" for p in jner.passages)
    assert not any("Keywords" in p.section_path for p in jner.passages)


def test_sentences_carry_their_passage_kind_and_captions_are_read(seed_result):
    """sentences.parquet holds every prose kind the NLP stage reads, captions included, each sentence with the kind of
    its passage, so a reader can keep body paragraphs apart from figure and table legends."""
    from pipeline.outputs.datasets import document_frames

    frames = document_frames(seed_result)
    sentences, passages = frames["sentences"], frames["passages"]
    kind_of = dict(zip(passages["passage_id"], passages["kind"], strict=True))
    assert list(sentences["passage_kind"]) == [kind_of[p] for p in sentences["passage_id"]]
    assert {"paragraph", "heading", "caption"} <= set(sentences["passage_kind"])
    # the section headings in their place between the paragraphs, so the sentences read as the body does
    headings = sentences[sentences["passage_kind"] == "heading"]
    assert set(headings["text"]) == {p.text for p in seed_result.structure.passages if p.kind == "heading"}
    # and no claim is read from a heading
    heading_sentences = set(headings["sentence_id"])
    assert not any(e.sentence_id in heading_sentences for c in seed_result.claims for e in c.evidence)
