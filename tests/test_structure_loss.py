"""Body text that used to be lost, by class, on real PDFs of the repository (see benchmarks/text_loss.py): each
test reads one or two pages and checks that the text reaches the prose, once and in order."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.extract.ingest import read_pdf
from pipeline.extract.nlp import PROSE_KINDS
from pipeline.extract.structure import build_document
from pipeline.records import StructuredDocument

from conftest import DEV_PDFS, ROOT

PAPERS = ROOT / "benchmarks" / "papers"


def _paper(name: str) -> Path:
    """A PDF of benchmarks/papers/, or of the dev split where it was moved once annotated."""
    return PAPERS / name if (PAPERS / name).exists() else DEV_PDFS / name


@lru_cache(maxsize=8)
def _document(path: Path, first: int, last: int) -> StructuredDocument:
    return build_document(read_pdf(path, pages=(first, last)))


def _prose(path: Path, first: int, last: int | None = None) -> str:
    document = _document(path, first, last or first)
    return " ".join(p.text for p in document.passages if p.kind in PROSE_KINDS)


def test_two_text_columns_the_table_finder_took_for_a_grid_are_read_as_prose():
    """Two columns of prose under a figure, aligned line by line, came out as a 17x2 whitespace table, and the
    words in its box were kept out of the text."""
    prose = _prose(PAPERS / "asmejour2022_asme_journal_template.pdf", 2)
    assert "Two column tables and figures will always float to the top of a later page." in prose
    assert "A bibliography field @online{.. is included for citation of online sources" in prose


def test_an_abstract_in_a_size_of_its_own_is_prose_not_a_note():
    """A short abstract set larger (OUP) or smaller (REVTeX) than the body, under its heading or under the author
    block before the body begins, is the abstract's text: by size alone it was typed as a footnote."""
    oup = _prose(PAPERS / "oup2022_oup_authoring_template.pdf", 1)
    assert "Abstracts must be able to stand alone and so cannot contain citations" in oup
    aps = _prose(PAPERS / "aps2010_revtex_physrev_sample.pdf", 1)
    assert "An article usually includes an abstract, a concise summary of the work" in aps


def test_a_title_set_bold_in_the_body_size_or_barely_larger_is_found():
    """Preprint and journal classes set the title bold in the body's size (AASTeX) or only a little larger
    (REVTeX): the first page's largest bold block before the text, not the file name in the metadata."""
    aps = _document(PAPERS / "aps2010_revtex_physrev_sample.pdf", 1, 1)
    assert aps.title == "Manuscript Title: with Forced Linebreak"
    aastex = _document(PAPERS / "aastex2021_aastex631_sample_article.pdf", 1, 1)
    assert aastex.title == "Template AASTEXArticle with Examples: v6.31"


def test_a_numbered_subsection_named_references_is_body_text_not_the_reference_list():
    """An author guide's "2.8. References" (or a methods subsection on how references were searched) is prose of
    the body; only a section of its own ("References", "7. References") holds the list."""
    document = _document(PAPERS / "condmatphys2021_cmpj_author_template.pdf", 7, 8)
    prose = " ".join(p.text for p in document.passages if p.kind in PROSE_KINDS)
    assert "prepared by means of" in prose and "bibitem" in prose
    assert any(p.kind == "heading" and p.text.endswith("References") for p in document.passages)


def test_two_columns_of_a_page_of_equations_are_read_apart():
    """A page of equations has more scraps (sub- and superscripts, symbols) than lines: counted per fragment, its
    columns looked like columns of bullets, the gutter was refused, and the two columns were read line across line."""
    prose = _prose(_paper("srep2015_ion_crystal_quantum_computation.pdf"), 3)
    assert "tracing over the phonon modes, with the evolution operator" in prose
    assert "Although mode structure is not altered by this overall renormalization, the discrepancy" in prose


def test_words_after_a_slanted_or_overhanging_glyph_keep_their_space():
    """An oblique made by skewing the upright font ("in vitro" in a review set in Open Sans) has boxes that hold
    the slant's run, and a bold-italic f's ink reaches into the next word's box: the gaps looked closed, and the
    words were glued ("invitroexperiments") or cut at the wrong place ("oft he")."""
    review = _prose(_paper("deep_review_biomed_long122p.pdf"), 24)
    assert "combinatorial in vitro experiments." in review
    mnras = _document(PAPERS / "mnras2020_mnras_class_author_guide.pdf", 1, 1)
    assert mnras.title.startswith("Monthly Notices of the Royal Astronomical Society")


def test_a_code_listing_is_code_not_a_heading_or_prose():
    """R commands and their output set in a monospaced face between paragraphs (Journal of Statistical Software)
    were typed as headings, so each listing opened a section named after a command and its text was lost. A
    listing is read in its place (the body's own text in software papers and author guides), typed as code."""
    document = _document(PAPERS / "jss2018_kohonen_self_organizing_maps.pdf", 14, 15)
    code = [p.text for p in document.passages if p.kind == "code"]
    assert any(text.startswith("R> sourceCpp(") and "keep.data = TRUE)" in text for text in code)
    assert not any(p.kind == "heading" and p.text.startswith("R>") for p in document.passages)
    assert not any(p.section_path.startswith("R>") for p in document.passages)
    prose = _prose(PAPERS / "jss2018_kohonen_self_organizing_maps.pdf", 14, 15)
    assert "keep.data = TRUE) The codebook vectors of the trained map are shown in Figure 7." in prose


def test_prose_about_email_addresses_is_no_correspondence_line():
    """A paragraph opening "Email addresses can be inserted ..." matched the correspondence cue ("E-mail address:")
    and was typed as metadata."""
    prose = _prose(PAPERS / "mnras2020_mnras_class_author_guide.pdf", 2)
    assert "Email addresses can be inserted with the" in prose


def test_subheadings_in_a_small_face_of_their_own_are_headings_not_footnotes():
    """BMC sets its third-level headings in an italic a little smaller than the body, one line above the paragraph:
    by size alone they were footnotes in the middle of the text, and the paragraphs below had no section."""
    document = _document(DEV_PDFS / "jner2016_fes_hand_opening.pdf", 5, 6)
    headings = [p.text for p in document.passages if p.kind == "heading"]
    assert "Optimal patterns vs control measurements" in headings
    assert "Hand opening with a rotated forearm position" in headings
    below = next(p for p in document.passages if p.kind == "paragraph" and p.text.startswith("When applying"))
    assert below.section_path.endswith("> Hand opening with a rotated forearm position")


def test_numbered_small_capital_heads_are_headings_and_a_references_subsection_stays_prose():
    """REVTeX sets its numbered heads ("B. Citations and References", "II. MATH AND EQUATIONS") in small print above
    the text: headings, not footnotes. Its subsection "3. References" is about references and stays body text."""
    document = _document(PAPERS / "aps2010_revtex_physrev_sample.pdf", 1, 3)
    headings = [p.text for p in document.passages if p.kind == "heading"]
    assert "B. Citations and References" in headings and "II. MATH AND EQUATIONS" in headings
    assert "3. References" not in headings
    prose = " ".join(p.text for p in document.passages if p.kind in PROSE_KINDS)
    assert "A reference in the bibliography is specified by a" in prose


def test_two_columns_whose_gutter_strip_takes_in_the_ends_of_a_few_long_lines_are_read_one_after_the_other():
    """A column of short code lines beside a column of prose: the strip few lines cover reaches into the code
    column, and its middle fell where the few long lines cross it with the other column beside them, so the two
    columns were read line across line ("full author lists may be list in LaTeX can be of three types")."""
    prose = _prose(PAPERS / "oup2022_oup_authoring_template.pdf", 4)
    assert r"Full author lists may be forced with \citet* or \citep*" in prose
    assert "List in LATEX can be of three types: numbered, bulleted and unnumbered." in prose


def test_a_running_head_set_low_in_a_wide_top_margin_is_no_body_text():
    """JSS sets its running head at 9% of the page's height, its baseline just past the band where running lines are
    looked for: the head ("2 Flexible Self-Organizing Maps in kohonen 3.0") was read into the paragraph that runs on
    from the page before, and cut it there."""
    # pages 2 to 7: each of the two heads on three pages, as a running line must be (a footnote now read as a note
    # stands between the parts of a paragraph that only the removed head lets join)
    prose = _prose(PAPERS / "jss2018_kohonen_self_organizing_maps.pdf", 2, 7)
    assert "Flexible Self-Organizing Maps in kohonen 3.0" not in prose
    assert "Journal of Statistical Software" not in prose
    assert "Benchmarks are given, comparing the efficiency of the new version" in prose


def test_a_bold_title_that_the_other_pages_repeat_as_running_foot_is_kept():
    """TUGboat sets the title bold at the head of the first page and repeats it in the regular face as the running
    foot of the odd pages: the repetition made the title a running line, and the document had no title."""
    tugboat = _document(PAPERS / "tugboat2023_ltugboat_macros_guide.pdf", 1, 3)
    assert tugboat.title == "The LATEX 2ε TUGboat macros"
    running_foot = [p for p in tugboat.passages if p.text == "The LATEX 2ε TUGboat macros" and p.page != 1]
    assert not running_foot  # the running foot itself still goes


def test_a_title_in_the_body_size_over_two_lines_in_two_bold_faces_is_whole():
    """JPSJ sets the title bold, barely larger than the body, and the journal's name on its second line in the
    bold italic: the title was cut at the first line and the second line typed as a footnote."""
    jpsj = _document(PAPERS / "jpsj2003_manuscript_instructions.pdf", 1, 1)
    assert jpsj.title == (
        "Instructions for the Preparation of a Manuscript for the Journal of the Physical Society of Japan"
    )


def test_footnote_marks_after_the_words_of_a_title_are_no_part_of_it():
    """A title's \\thanks marks: Elsevier's stars after the last word ("title⋆,⋆⋆") and a raised number, which the
    line reader writes as a citation ("package[1]"); both were kept in the title."""
    elsevier = _document(PAPERS / "elsevier2018_elsarticle_5p_specimen.pdf", 1, 1)
    assert elsevier.title == "This is a specimen ab title"
    qtree = _document(ROOT / "tests" / "data" / "robust_title_footnote_mark_qtree.pdf", 1, 1)
    assert qtree.title == "Qtree, a LATEX tree-drawing package"


def test_a_table_of_contents_is_contents_not_section_headings():
    """Its entries were headings ("2 Variance estimation 4"), each a section of its own; a two-column table of
    contents beside the body keeps the column beside it as it is; an entry named "References" opened the
    reference list on page 1 and took the body's first section with it."""
    deseq = _document(DEV_PDFS / "anders2019_deseq_rnaseq_differential_expression_negative_binomial.pdf", 1, 24)
    contents = [p.text for p in deseq.passages if p.kind == "contents"]
    assert contents[0] == "Contents" and "2 Variance estimation 4" in contents
    assert "10 Session Info" in contents  # on the next page, its page number read apart
    headings = [p.text for p in deseq.passages if p.kind == "heading"]
    assert "1 Input data and preparations" in headings and "2 Variance estimation 4" not in headings
    vegan = _document(DEV_PDFS / "oksanen2022_vegan_diversity_indices_rarefaction_species_pool_estimators.pdf", 1, 3)
    # (the entry with its page number, which a fragment of its own in the heading's size once set apart)
    assert "3 Taxonomic and functional diversity 3" in [p.text for p in vegan.passages if p.kind == "contents"]
    assert any(p.kind == "paragraph" and p.text.startswith("The vegan package has two major") for p in vegan.passages)
    bohr = _document(ROOT / "tests" / "data" / "robust_contents_two_columns_bohr.pdf", 1, 2)
    assert not [p for p in bohr.passages if p.kind == "reference"]
    assert any(p.kind == "paragraph" and "Bohr models" in p.text for p in bohr.passages)


def test_a_numbered_list_of_remarks_is_no_reference_list():
    """A vignette's numbered remarks (1. The event variable was created as a factor, ...), under no reference
    heading and with no years or volumes, were taken for a reference list printed without its heading."""
    vignette = _document(DEV_PDFS / "therneau2023_multi_state_models_competing_risks_fine_gray.pdf", 1, 29)
    remark = next(p for p in vignette.passages if p.text.startswith("1. The event variable was created"))
    assert remark.kind == "paragraph"
    assert not vignette.references
    # the BMJ's reference list, printed without a heading in Vancouver style ("Reprod Toxicol 2009;28:1"), stays one
    bmj = _document(DEV_PDFS / "bmj2015_rct_exercise_smoking_pregnancy.pdf", 1, 10)
    assert len(bmj.references) >= 30


def test_a_section_about_references_under_a_bibliography_heading_is_prose():
    """An author guide's "13 Bibliography" section explains how to cite: its paragraphs, before any numbered
    entry, were taken for the reference list and dropped, since no entry opened before them. The real list under
    "References" stays references."""
    tugboat = _document(PAPERS / "tugboat2023_ltugboat_macros_guide.pdf", 6, 7)
    prose = " ".join(p.text for p in tugboat.passages if p.kind in PROSE_KINDS)
    assert "In short: our basic recommendation for handling bibliographies is to use BibTEX" in prose
    assert "This basic citation format is ‘author(s), year’, but the macros are capable of many variations." in prose
    references = [p.text for p in tugboat.passages if p.kind == "reference"]
    assert any(text.startswith("[4] U. Vieth. The mflogo package.") for text in references)
    assert "The mflogo package" not in prose


def test_body_lines_beside_a_title_in_large_type_are_not_read_as_one_row():
    """SPIE's Optical Engineering sets the title in large type in the left column beside the right column's body
    text: each title line spans two body lines, which were read as one row word by word interleaved ("2. Choose
    background either OE Linstruction. heading.")."""
    prose = _prose(PAPERS / "opteng2006_oe_letters_manuscript_instructions.pdf", 1)
    assert "2. Choose either instruction. One will print the gray background OE LETTERS heading." in prose
    assert "3. For OE Letters everything is set. Only for Optical Engineering should the \\twocolumn" in prose


def test_a_sentence_that_gives_a_link_is_prose_not_metadata():
    """A short paragraph that points to a web page ("... is available at http://...") was typed as metadata for the
    share of its characters the link takes; a bare link or a citation line stays metadata."""
    aastex = _document(PAPERS / "aastex2021_aastex631_sample_article.pdf", 18, 18)
    prose = " ".join(p.text for p in aastex.passages if p.kind in PROSE_KINDS)
    assert "A handy ”cheat sheet” that provides the necessary LaTEX to produce 17 different types of tables" in prose


def test_a_code_listing_keeps_its_line_numbers_on_its_lines():
    """A listing numbered in its margin (the listings package's numbers=left) sets each number small, far left of
    an indented code line: each number became a footnote of its own between code lines cut one by one."""
    document = _document(PAPERS / "elbioimp2011_class_documentation.pdf", 1, 1)
    code = [p.text for p in document.passages if p.kind == "code"]
    assert any(
        "1 \\DeclareOption*{\\ClassWarningNoLine 2 {elbioimp}{Class option \\CurrentOption 3 \\space is illegal" in text
        for text in code
    )
    assert not [p for p in document.passages if p.kind == "footnote" and p.text.strip().isdigit()]


def test_a_link_displayed_on_its_own_line_ends_its_block():
    """A link set on a line of its own ("The TUGboat web pages are at: / https://tug.org/TUGboat / They provide
    ...") opened the block of the next paragraph, which was then typed metadata by its opening link."""
    prose = _prose(PAPERS / "tugboat2023_ltugboat_macros_guide.pdf", 1)
    assert "They provide an article template, information for authors and reviewers" in prose


def test_a_link_inside_a_sentence_on_a_line_of_its_own_stays_in_its_paragraph():
    """CMP sets links in a face of their own, often on a line of their own in mid-sentence: the link became a
    metadata block and cut its sentence in two paragraphs."""
    prose = _prose(PAPERS / "condmatphys2021_cmpj_author_template.pdf", 2)
    assert (
        "Up to six keywords (Physics Subject Headings) https://physh.aps.org/browse should at a glance give a general"
        in prose
    )


def test_an_author_year_list_with_a_line_opening_with_a_number_keeps_its_entries():
    """An author-year reference list (JSS) has a line that opens with a number (a version, a volume); it was taken
    for the first entry of a numbered list and every entry before it was dropped, 74 entries read as one."""
    brms = _document(DEV_PDFS / "jss2017_brms_bayesian_multilevel_models.pdf", 1, 27)
    entries = [r.text for r in brms.references]
    assert any(
        text.startswith("Andersen EB (1977). “Sufficient Statistics and Latent Trait Models.”") for text in entries
    )
    assert any(text.startswith("Bates D, Mächler M, Bolker B, Walker S (2015).") for text in entries)
    assert len(entries) >= 70


def test_a_heading_with_names_in_faces_of_their_own_is_a_heading():
    """ASM sets its headings as sentences in a semibold face with the species in its italic ("A. lwoffii and
    A. baumannii possess similar genomic signatures ..."), JSS its headings in bold with a command in the typewriter
    face ("2.1. Switching from .C to Rcpp"): with a tenth of the line in another face the line was not 'set in one
    face', and the heading, larger than the body, was typed as a footnote and kept out of the text."""
    msphere = _document(DEV_PDFS / "msphere2024_acinetobacter_resistance.pdf", 5, 5)
    headings = [p.text for p in msphere.passages if p.kind == "heading"]
    assert any(text.startswith("A. lwoffii and A. baumannii possess similar genomic signatures") for text in headings)
    kohonen = _document(PAPERS / "jss2018_kohonen_self_organizing_maps.pdf", 3, 3)
    assert "2.1. Switching from .C to Rcpp" in [p.text for p in kohonen.passages if p.kind == "heading"]
    below = next(p for p in kohonen.passages if p.text.startswith("The most important change in the package"))
    assert below.section_path.endswith("2.1. Switching from .C to Rcpp")


def test_a_displayed_formula_in_math_faces_is_no_heading():
    """A formula line mixes math faces as a heading with names mixes text faces: its tokens are symbols, Greek
    letters and operators, not words in Latin letters, so it stays out of the headings."""
    lme4 = _document(PAPERS / "jss2015_lme4_linear_mixed_effects_models.pdf", 18, 18)
    assert not [p for p in lme4.passages if p.kind == "heading" and "θ" in p.text]


def test_a_heading_written_as_a_sentence_may_list_with_commas():
    """A sentence heading may list ("A. baumannii readily evolved resistance to meropenem, ciprofloxacin, and
    gentamicin, but ..."): three commas were taken for a list of names and the heading was typed as a footnote.
    Names and code stay out (capitalised one by one, or not plain words)."""
    msphere = _document(DEV_PDFS / "msphere2024_acinetobacter_resistance.pdf", 8, 8)
    headings = [p.text for p in msphere.passages if p.kind == "heading"]
    assert any(
        text.startswith("A. baumannii readily evolved resistance to meropenem, ciprofloxacin,") for text in headings
    )


def test_a_bibliography_section_with_no_numbered_entry_keeps_its_prose():
    """An author guide's "13 Bibliography" section that talks about references, read up to where no numbered entry
    has come (here its page alone; a heading the list sits under would do the same): every line was split as an
    author-year list at hanging indents, and the section's paragraphs were typed as entries. With fewer reference
    marks than a list has, a block written as sentences with no mark is prose."""
    tugboat = _document(PAPERS / "tugboat2023_ltugboat_macros_guide.pdf", 6, 6)
    prose = " ".join(p.text for p in tugboat.passages if p.kind in PROSE_KINDS)
    assert "In short: our basic recommendation for handling bibliographies is to use BibTEX" in prose
    assert not any(p.text.startswith("In short:") for p in tugboat.passages if p.kind == "reference")


def test_a_theorem_line_in_italic_with_a_run_in_label_is_no_heading():
    """A proof's first line (a bold "Proof" and the statement in the italic) has no word in the body's face, as a
    heading with names has; but it is neither bolder nor larger than the body, and stays in its paragraph."""
    pmlr = _document(DEV_PDFS / "robust_pmlr_side_by_side_subtables_decimal.pdf", 1, 10)
    assert not [p for p in pmlr.passages if p.kind == "heading" and p.text.startswith("Proof Let")]


def test_a_sentence_that_gives_an_email_address_is_prose():
    """A paragraph that points to a mailing list ("... feel free to ask a question to an appropriate mailing list,
    e.g. r-help@r-project.org ...") was typed as metadata for its address, as affiliations and correspondence lines
    are; a block with a correspondence cue ("To whom correspondence should be addressed") stays metadata."""
    desolve = _prose(PAPERS / "desolve2010_initial_value_differential_equations.pdf", 44, 45)
    assert "If this doesn’t help, feel free to ask a question to an appropriate mailing list" in desolve
    quantum = _prose(PAPERS / "quantum2017_quantumarticle_class_template.pdf", 5)
    assert "In case you encounter problems using the quantumarticle class" in quantum
    review = _document(DEV_PDFS / "deep_review_biomed_long122p.pdf", 1, 1)
    notes = [p for p in review.passages if "To whom correspondence should be addressed" in p.text]
    assert notes and not [p for p in notes if p.kind in ("paragraph", "note")]


def test_a_justified_line_with_a_stretched_space_stays_one_line():
    """A loosely justified line (the wider space after a full stop stretched past an em) was cut into two
    fragments, and the column analysis then read the halves as regions of their own: the rest of a table caption
    became a footnote ("This table il- lustrates ..."), a paragraph broke at "captions." / "In order to"."""
    document = _document(PAPERS / "aps2010_revtex_physrev_sample.pdf", 4, 4)
    captions = " ".join(p.text for p in document.passages if p.kind == "caption")
    assert "Table captions are numbered automatically. This table illustrates left-, center-" in captions
    assert not any("This table il" in p.text for p in document.passages if p.kind == "footnote")
    prose = _prose(PAPERS / "aps2010_revtex_physrev_sample.pdf", 4)
    assert "figure captions, and table captions. In order to reference them in text" in prose


def test_an_overfull_line_running_into_the_gutter_stays_in_its_column():
    """A line of the left column runs past the gutter (a long code word) and under the first word of the right
    column's line: read as one row spanning the page, it glued the two columns ("\\end{figure*}The two minipage")
    and cut them into zones whose lines were read across each other."""
    prose = _prose(PAPERS / "opteng2006_oe_letters_manuscript_instructions.pdf", 2)
    assert "the alternate figure and table environment commands \\begin{figure*}...\\end{figure*} instead of" in prose
    assert "The two minipage environments of the Optical Engineering option requires alignment." in prose


def test_two_short_lines_side_by_side_in_a_loosely_set_note_are_no_columns():
    """A note opens with a name and an address set far apart, over two lines, above full lines: the whitespace
    between them is no gutter (cut there, the note was read as two columns, its first lines apart from the rest)."""
    prose = _prose(PAPERS / "quantum2017_quantumarticle_class_template.pdf", 1)
    assert "http://quantum-journal.org, You can use the \\email, \\homepage, and \\thanks commands" in prose


def test_a_heading_whose_number_is_set_in_another_face_is_a_heading():
    """LaTeX classes set a subsection's number upright in the body's face before a title in a smaller italic
    ("3.1.3. Automatic column header numbering", AASTeX): the number made the line look mixed, so it was no
    heading and, set smaller than the body, it was typed as a footnote and cut out of the text."""
    document = _document(PAPERS / "aastex2021_aastex631_sample_article.pdf", 5, 5)
    headings = [p.text for p in document.passages if p.kind == "heading"]
    assert "3.1.3. Automatic column header numbering" in headings
    assert "3.1.4. Hiding columns" in headings


def test_a_caption_s_last_line_set_apart_stays_in_the_caption():
    """A caption's last line, set apart by a centred short line or a change of face, was typed as a footnote and cut
    out of the text ("Figure 1. Magnetization as a / function of applied field.", a column of text beside the figure
    read in between; OUP's wide caption whose last words run onto a line of their own)."""
    aiaa = _document(PAPERS / "aiaa2004_advanced_conference_paper_template.pdf", 2, 2)
    captions = [p.text for p in aiaa.passages if p.kind == "caption"]
    assert "Figure 1. Magnetization as a function of applied field." in captions
    assert not any(p.kind == "footnote" and p.text.startswith("function of") for p in aiaa.passages)
    oup = _document(PAPERS / "oup2022_oup_authoring_template.pdf", 4, 4)
    wide = next(p.text for p in oup.passages if p.kind == "caption" and p.text.startswith("Fig. 2."))
    assert wide.endswith("this is an example of a long caption")


def test_a_line_right_under_a_paragraph_of_its_region_does_not_jump_back_to_an_earlier_cut_paragraph():
    """A lower-case line opening a block (a reference entry's link on the line under the entry) was taken for the
    rest of a paragraph a region end cut off earlier on the page (the last cell of a table column beside it): the
    entries then lost their links to each other and the paragraph above the reference list was read as an entry.
    Text a region end cut off resumes at the top of a region, not right under a paragraph of its own region."""
    document = _document(PAPERS / "tugboat2023_ltugboat_macros_guide.pdf", 7, 7)
    references = [p.text for p in document.passages if p.kind == "reference"]
    assert "[1] D. Arseneau. The url package. ctan.org/pkg/url" in references
    assert "[2] C. Heinz, et al. The listings package. ctan.org/pkg/listings" in references
    prose = " ".join(p.text for p in document.passages if p.kind in PROSE_KINDS)
    assert "Of course, the syntax of commands given to the LATEX classes is different" in prose


PCAMETHODS = "stacklies2022_pcamethods_pca_incomplete_data_missing_values.pdf"


def test_a_heading_naming_a_function_in_lower_case_heads_its_section():
    """Headings in the face and size of the document's other headings that open in lower case because they name
    a function ("svdPca", "svdImpute") were read as notes in the middle of the text: they head their section."""
    document = _document(_paper(PCAMETHODS), 2, 2)
    headings = [p.text for p in document.passages if p.kind == "heading"]
    assert "svdPca" in headings and "svdImpute" in headings
    under = next(p for p in document.passages if p.text.startswith("This implements the SVDimpute algorithm"))
    assert under.kind == "paragraph" and under.section_path.endswith("svdImpute")
    assert not any(p.kind == "footnote" and p.text in ("svdPca", "svdImpute") for p in document.passages)


def test_pieces_of_a_displayed_formula_are_neither_headings_nor_footnotes():
    """A displayed formula between paragraphs, set in math faces, read as a heading ("SSX = (xij)", "NRMSEPk =")
    that opened a bogus section, and its exponents and indices as footnotes; footnotes sit under the text."""
    document = _document(_paper(PCAMETHODS), 7, 8)
    headings = [p.text for p in document.passages if p.kind == "heading"]
    assert not any("=" in text for text in headings)
    body_pages = {p.page for p in document.passages if p.kind == "paragraph"}
    assert not [p.text for p in document.passages if p.kind == "footnote" and p.page in body_pages and len(p.text) < 8]


def test_console_lines_in_a_slanted_typewriter_face_are_code_not_headings():
    """R console lines set in Computer Modern's slanted typewriter face (CMSLTT10, as JSS papers set "R>" input)
    were typed as headings that opened bogus sections ("R> k <- length(dat.bcg$trial)"), because the code rule
    knew only the upright typewriter names. Slanted and italic typewriter faces are typewriter faces too."""
    document = _document(_paper("robust_jss_sparse_group_rows_section_rules.pdf"), 10, 11)
    assert not [p.text for p in document.passages if p.kind == "heading" and p.text.startswith("R>")]
    assert not any(p.section_path.startswith("R>") for p in document.passages)
    code = [p.text for p in document.passages if p.kind == "code"]
    assert any(text.startswith("R> k <- length(dat.bcg$trial)") for text in code)


def test_axis_titles_and_panel_names_of_a_plot_are_figure_text_not_headings():
    """A plot's axis title with its tick years ("2011 Time (weeks)") and the panel names of a drawing ("Training",
    "Mapping") are short lines in a face of their own, so they were typed as headings that opened bogus sections.
    No body paragraph follows them, only the figure's text or its caption, and tick values or the face of the
    figure's own text mark the drawing area; the real section headings of those pages stay."""
    surveillance = _document(_paper("jss2016_surveillance_monitoring_count_time_series.pdf"), 7, 8)
    headings = [p.text for p in surveillance.passages if p.kind == "heading"]
    assert not [text for text in headings if "Time (weeks)" in text]
    assert not any("Time (weeks)" in p.section_path for p in surveillance.passages)
    kohonen = _document(_paper("jss2018_kohonen_self_organizing_maps.pdf"), 8, 8)
    headings = [p.text for p in kohonen.passages if p.kind == "heading"]
    assert "Training" not in headings and "Mapping" not in headings
    assert any(p.kind == "paragraph" for p in kohonen.passages)


def test_a_plot_title_in_the_bold_of_the_plots_own_family_is_figure_text_not_a_heading():
    """R draws a plot's title in the bold of the plot's own family (Helvetica-Bold over Helvetica tick values), a
    family the document's body (Latin Modern) does not use: set apart above an empty drawing area, far from the tick
    values, "Lemming model" opened a bogus section; it is figure text, and the page's text around it is unchanged."""
    document = _document(_paper("desolve2010_initial_value_differential_equations.pdf"), 29, 29)
    headings = [p.text for p in document.passages if p.kind == "heading"]
    assert "Lemming model" not in headings
    assert any(p.kind == "figure_text" and p.text == "Lemming model" for p in document.passages)
    assert not any("Lemming model" in p.section_path for p in document.passages)


def test_a_plot_label_over_a_stray_tick_value_typed_as_a_paragraph_is_figure_text():
    """An axis title ("Total number of Proportion reported cases") followed by a lone tick value ("2000") that was
    typed as a paragraph: a paragraph without words is no section's text, so the label is figure text too."""
    document = _document(_paper("jss2016_surveillance_monitoring_count_time_series.pdf"), 19, 19)
    headings = [p.text for p in document.passages if p.kind == "heading"]
    assert not [text for text in headings if "reported cases" in text]
    assert any(p.kind == "paragraph" and len(p.text) > 200 for p in document.passages)


def test_a_nomenclature_list_ends_at_the_running_prose_of_the_next_section():
    """ASME sets its nomenclature list at the end of the text, and the appendix after it opens with a bold heading
    that ends in a citation ("Appendix A: Incomplete Zeta Function [27]"), which is not taken for a heading: the
    list was read on into the appendix, its prose cut into bogus entries ("This: text is just for illustration")
    and lines that parsed as none dropped ("from which we recover the usual definition of the"). A paragraph of
    running prose ends the list; the list's own entries stay."""
    document = _document(_paper("asmejour2022_asme_journal_template.pdf"), 4, 5)
    prose = " ".join(p.text for p in document.passages if p.kind in PROSE_KINDS)
    assert "This text is just for illustration." in prose
    assert "from which we recover the usual" in prose and "of the Stefan-Boltzmann constant" in prose
    assert "b" in document.abbreviations and not any(key in ("This", "tion") for key in document.abbreviations)


OKSANEN = "oksanen2022_vegan_design_decisions_parallel_processing_ordination_scores.pdf"


def test_a_page_number_set_above_the_footer_band_is_no_paragraph():
    """LaTeX's plain page style on A4 sets the folio at 88% of the page height, above the running-line band: kept,
    it was a paragraph ("6") that the next page's first lines were joined to as the continuation of a cut
    sentence ("6 It seems that site scores ..."), and, centred in a two-column page's gutter, it hid the gutter."""
    document = _document(_paper(OKSANEN), 6, 7)
    assert not [p.text for p in document.passages if p.text.strip() in ("6", "7")]
    assert not [p.text for p in document.passages if p.text.startswith("6 It seems")]


def test_the_next_columns_indented_first_line_beside_a_justified_line_is_no_stretched_space():
    """A justified line of the left column ends at the gutter, the right column's paragraph starts one indent past
    it: the wide gap between them, inked on the line below by the right column's first word, was read as a
    justified line's stretched space and the two columns' lines were read across each other ("This article
    studies mainly the first point. The What would happen to linear combinations of LC users of vegan ...")."""
    prose = _prose(_paper(OKSANEN), 6)
    assert "This article studies mainly the first point. The users of vegan have a choice of either LC" in prose
    assert "What would happen to linear combinations of LC scores if we shuffle the ordering" in prose


def test_the_short_last_line_of_a_spanning_note_stays_in_it():
    """Notes under a wide table: each note's last line stops short of the gutter the page's columns leave, and was
    cut off as a passage of its own, the sentence read in two parts."""
    document = _document(_paper("bmj2015_rct_exercise_smoking_pregnancy.pdf"), 6, 6)
    texts = [p.text for p in document.passages]
    assert any("interaction of visit time and baseline minutes of MVPA, and recruitment centre." in t for t in texts)
    assert any("were 2 (1-4). Participants received supervised exercise at all sessions." in t for t in texts)


def test_commands_in_the_ec_slanted_typewriter_are_code_not_notes_or_headings():
    """R commands set in the EC/cm-super slanted typewriter (SFST0800, a TeX short name with its design size, which
    no typewriter marker names) were typed by size: in smaller print than the body, notes or figure text between
    the paragraphs (vegan's vignettes), or in a face of their own, headings that opened bogus sections (pls). They
    are code, and the sentences they sit between stay prose."""
    vegan = _document(_paper("oksanen2022_vegan_diversity_indices_rarefaction_species_pool_estimators.pdf"), 2, 2)
    code = [p.text for p in vegan.passages if p.kind == "code"]
    assert "> H <- diversity(BCI)" in code
    assert any(text.startswith("> k <- sample(nrow(BCI), 6)") for text in code)
    assert not [p.text for p in vegan.passages if p.kind in ("footnote", "figure_text") and "<-" in p.text]
    prose = _prose(_paper("oksanen2022_vegan_diversity_indices_rarefaction_species_pool_estimators.pdf"), 2, 2)
    assert "which finds diversity indices for all sites." in prose
    pls = _document(_paper("mevik2022_pls_partial_least_squares_principal_component_regression.pdf"), 4, 4)
    assert not [p.text for p in pls.passages if p.kind == "heading" and p.text.startswith(">")]
    assert any(p.kind == "code" and p.text.startswith("> library(pls)") for p in pls.passages)


def test_two_columns_stay_apart_where_code_output_runs_up_to_the_other_column():
    """A left column's R output runs through the gutter up to the right column's edge, its last number touching
    that column's first word; a caption's last word meets the heading number set at the other column's edge. The
    columns were read line across line for the whole page ("and our the order they happen to be")."""
    prose = _prose(DEV_PDFS / "oksanen2022_vegan_diversity_indices_rarefaction_species_pool_estimators.pdf", 6)
    assert "We have count data, and the default Poisson error looks appropriate, and our example data set" in prose
    assert "There are several alternative methods, including accumulating sites in the order they happen" in prose
    assert "Rarefaction pools individuals together, and applies rarefaction equation (7)" in prose


def test_a_paragraph_cut_by_a_float_inside_its_column_is_joined_and_the_caption_follows_it():
    """A figure and its caption set inside a column between the two halves of a paragraph: the sentence running
    across the float is one sentence again, and the caption stays a passage of its own after the paragraph."""
    document = _document(PAPERS / "elsevier2018_elsarticle_5p_specimen.pdf", 3, 3)
    paragraphs = [p.text for p in document.passages if p.kind == "paragraph"]
    assert any("is shown in Fig.1 Both dipole and quadrupole coupling rate" in text for text in paragraphs)
    captions = [p.text for p in document.passages if p.kind == "caption"]
    assert any(text.startswith("Figure 1: The evanescent light") for text in captions)


def test_margin_line_numbers_on_a_page_with_few_text_lines_are_dropped():
    """A preprint numbers every text line in the margin; a page mostly taken by a figure has too few numbered lines
    to show the column on its own, so its numbers cut every line into a paragraph of its own. The column found on
    the other pages of the document at the same right edge drops them there too."""
    document = _document(PAPERS / "aastex2021_aastex631_sample_article.pdf", 10, 11)
    assert not [p.text for p in document.passages if p.text.strip().isdigit()]
    prose = _prose(PAPERS / "aastex2021_aastex631_sample_article.pdf", 10, 11)
    assert "interactive figures for more information on what is currently supported" in prose


def test_small_section_heads_numbered_under_a_roman_section_are_headings():
    """REVTeX 4.2 sets its heads in small bold capitals a point under the body and numbers the lower levels under
    the roman section ("V.6.1. Lists"): that numbering was not read as one, so the heads were footnotes in the middle
    of the text, and a section's head right above its first subsection's ("VII. FIGURES" over "VII.1. Figure
    inclusions") had no paragraph under it to show it is one."""
    guide = _document(ROOT / "tests" / "data" / "robust_small_bold_heads_mixed_numbering_revtex.pdf", 1, 1)
    headings = [p.text for p in guide.passages if p.kind == "heading"]
    for head in ("V.6.1. Lists", "V.7. Boxes", "VII. FIGURES", "VII.1. Figure inclusions", "VII.2. Figure placement"):
        assert head in headings
    assert not [p for p in guide.passages if p.kind == "footnote" and p.text.startswith(("V.", "VI"))]


def test_small_sans_heads_over_indented_paragraphs_and_a_paper_number_over_the_title():
    """ASME's heads are a bold sans under the body's size over paragraphs indented by 18 pt, more than the head
    rule's allowance for a first line: they were footnotes. The paper number set larger than the title above it
    ("AIECE2021-0003", no word without a digit) was taken for the title."""
    paper = _document(ROOT / "tests" / "data" / "robust_small_sans_heads_indented_paragraphs_asmeconf.pdf", 1, 1)
    assert paper.title == "PLACE TITLE HERE: PLACE SUBTITLE AFTER COLON"
    headings = [p.text for p in paper.passages if p.kind == "heading"]
    assert "1. INTRODUCTION" in headings and "1.1 Essential Initial Commands" in headings


def test_a_letter_spaced_title_is_read_as_its_word():
    """A title set letter-spaced in small capitals comes out of the text layer one letter a word ("S e m i n a r
    a r b e i t"); the gaps between its letters, the narrowest of the run, make it one word again."""
    thesis = _document(ROOT / "tests" / "data" / "robust_letter_spaced_title_wsemclassic.pdf", 1, 2)
    assert thesis.title == "Seminararbeit"


def test_a_justified_heading_over_two_lines_keeps_its_words_in_order():
    """A heading justified across a narrow column ("3 Taxonomic and functional" over "diversity") has spaces wider
    than the rule for a break between fragments and no line of its size inked across them, so its words were cut
    into fragments and the one under them read in between ("3 Taxonomic diversity and functional"). Its spaces are
    all stretched alike, as a justified line's are: it stays one line."""
    vegan = _document(DEV_PDFS / "oksanen2022_vegan_diversity_indices_rarefaction_species_pool_estimators.pdf", 3, 3)
    assert vegan.title == "3 Taxonomic and functional diversity"  # (read alone, the page's largest text)


def test_a_section_number_in_large_type_at_the_next_column_s_edge_heads_its_section():
    """A section's number, set in the heading's large type at the right column's edge, sits level with a line of
    the left column across a narrow gutter: measured in the number's size, the gap was no fragment break, so the
    number was read into the left column's sentence ("If a socket cluster is given, it 2 will be used") and the
    heading lost it."""
    document = _document(
        DEV_PDFS / "oksanen2022_vegan_design_decisions_parallel_processing_ordination_scores.pdf", 2, 4
    )
    headings = [p.text for p in document.passages if p.kind == "heading"]
    assert "2 Nestedness and Null models" in headings
    prose = " ".join(p.text for p in document.passages if p.kind in PROSE_KINDS)
    assert "If a socket cluster is given, it will be used in all operating systems" in prose


def test_a_line_ending_in_a_genus_initial_runs_on_into_the_italic_name():
    """A line ends with an abbreviated genus ("selected for in A.") and its species name begins the next line in
    italic: the stop and the change of face were read as a paragraph's end, which cut the sentence before
    "lwoffii." and left the name as a paragraph of its own."""
    document = _document(DEV_PDFS / "msphere2024_acinetobacter_resistance.pdf", 14, 15)
    prose = [p.text for p in document.passages if p.kind in PROSE_KINDS]
    assert any("has not been commonly selected for in A. lwoffii." in text for text in prose)
    assert "lwoffii." not in prose


def test_a_fraction_s_denominator_under_a_line_of_text_does_not_cut_its_paragraph():
    """An inline fraction ("½·c.ARL") sets its denominator in small type below the line, level with the gap to the
    next line: read as a line of its own, it ended the paragraph mid-sentence ("as presented in Lucas" | "and
    Crosier (1982)) or to let surveillance run")."""
    document = _document(_paper("jss2016_surveillance_monitoring_count_time_series.pdf"), 17, 17)
    prose = [p.text for p in document.passages if p.kind in PROSE_KINDS]
    assert any("as presented in Lucas and Crosier (1982)) or to let surveillance run" in text for text in prose)
