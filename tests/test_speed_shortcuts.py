"""Shortcuts taken for speed give what the long way gives: pdfium's page text read in one call, the lexicon
look-ups done on prepared lists, the dependency frames skipped where no cue word is; and the matrix products of
the NLP stage on the CPU's own BLAS kernels."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from pipeline.config import cpu_features
from pipeline.extract import pdfium_page
from pipeline.extract.nlp import WIDE_OPENBLAS_KERNELS
from pipeline.extract.normalize import (
    MULTIPLIER,
    aspect_of,
    canonical_subject,
    fold,
    load_aspects,
    load_lexicon,
    stem,
)
from tests.conftest import ROOT, SEED_PDF, real_pdf


@pytest.mark.parametrize(
    ("pdf", "index"),
    [
        (SEED_PDF, 1),  # one text object per glyph, unmapped glyphs and line-end hyphens (0xFFFE in the page text)
        (real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf"), 3),
        (real_pdf("srep2015_ion_crystal_quantum_computation.pdf"), 1),  # page text shorter than its characters
    ],
)
def test_page_codes_are_each_characters_unicode(pdf, index):
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        textpage = document[index].get_textpage()
        n_chars = pdfium_c.FPDFText_CountChars(textpage.raw)
        codes = pdfium_page._unicode_codes(textpage.raw, n_chars)
        assert len(codes) == n_chars
        own = [pdfium_c.FPDFText_GetUnicode(textpage.raw, i) for i in range(n_chars)]
        asked = [i for i, code in enumerate(codes) if code == pdfium_page._ASK_PER_CHARACTER]
        assert all(codes[i] == own[i] for i in range(n_chars) if i not in set(asked))
        assert len(asked) < n_chars or pdf.name.startswith("srep2015")  # the one call serves the ordinary page
    finally:
        document.close()


def _aspect_the_long_way(text: str) -> str:
    folded = f" {MULTIPLIER.sub(' ', fold(text))} "
    stems = {stem(w) for w in folded.split()}
    best, best_hits = "other", 0
    for aspect, words in load_aspects():
        hits = 0
        for word in words:
            cue = fold(word)
            hits += (f" {cue} " in folded) if (" " in cue or "-" in word) else (stem(cue) in stems)
        if hits > best_hits:
            best, best_hits = aspect, hits
    return best


@pytest.mark.parametrize(
    "text",
    [
        "low cost and short processing time",
        "high yield and purity",
        "requires expensive equipment",
        "six times faster than ultracentrifugation",
        "easy to use, scalable and time-consuming",
        "damages the integrity of vesicles",
        "",
    ],
)
def test_aspect_from_prepared_cues_is_the_long_ways(text):
    assert aspect_of(text) == _aspect_the_long_way(text)


def test_alias_of_lookup_is_the_scan_over_every_alias():
    lexicon = load_lexicon()
    aliases = list(lexicon.canonical_by_alias)
    phrases = [f"{aliases[0]} of yap", f"knockdown of {aliases[1]}", "the role of exosomes", "of", f"{aliases[2]}"]
    phrases += [f"{alias} of x of y" for alias in aliases[:40]]
    for phrase in phrases:
        folded = fold(phrase)
        assert lexicon.opens_with_alias_of(folded) == any(folded.startswith(f"{a} of ") for a in aliases)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("sonicated exosomes", "sonication"),  # a participle alias opening the phrase: made by the method
        ("knockdown of YAP", "knockdown of yap"),  # an alias before "of": an operation on something, kept whole
        ("exosomes isolated by size exclusion chromatography columns", "size-exclusion chromatography"),  # inside
    ],
)
def test_canonical_subjects_through_the_prepared_lists(written, canonical):
    assert canonical_subject(written) == canonical


@pytest.mark.parametrize(
    ("pdf", "indices"),
    [
        (SEED_PDF, range(10)),
        (real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf"), (0, 3)),
        (real_pdf("srep2015_ion_crystal_quantum_computation.pdf"), (1,)),
    ],
)
def test_visibility_counted_while_reading_is_the_long_ways(pdf, indices):
    """The hidden characters and the off-page test that pdfium_page works out on its arrays (for
    `ingest.visible_part`) are what a pass over the finished character dicts gives."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index in indices:
            page = pdfium_page.read_page(document, index)
            left, top, right, bottom = page.bbox
            hidden = sum(1 for char in page.chars if char.get("hidden"))
            off_page = any(
                not (
                    left <= (char["x0"] + char["x1"]) / 2 <= right
                    and top <= (char["top"] + char["bottom"]) / 2 <= bottom
                )
                for char in page.chars
            )
            assert page.char_visibility == (hidden, off_page)
            assert page.unmapped_glyphs == sum(1 for char in page.chars if char["text"] == "\ufffd")
    finally:
        document.close()


# ---------------------------------------------------------------- the BLAS kernels of the NLP stage's products

_KERNEL_PROBE = """
import sys
from pipeline.config import choose_blas_kernel
if sys.argv[1] == "choose":
    choose_blas_kernel()
import spacy
from threadpoolctl import threadpool_info
from pipeline.extract.nlp import numpy_blas_is_generic, use_numpy_matmul
nlp = spacy.blank("en")
nlp.add_pipe("tok2vec")
use_numpy_matmul(nlp)
openblas = [lib["architecture"] for lib in threadpool_info() if lib["internal_api"] == "openblas"]
print(openblas[0], numpy_blas_is_generic(), nlp.get_pipe("tok2vec").model.ops.use_blis)
"""


def _kernel_probe(how: str, coretype: str | None = None) -> list[str]:
    env = {key: value for key, value in os.environ.items() if key != "OPENBLAS_CORETYPE"}
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    done = subprocess.run(
        [sys.executable, "-c", _KERNEL_PROBE, how], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


needs_avx2 = pytest.mark.skipif("avx2" not in cpu_features(), reason="a CPU without AVX2 has no wider kernels")


@needs_avx2
def test_openblas_runs_the_cpus_own_kernels_once_chosen():
    """numpy's OpenBLAS multiplies with the kernels of the CPU's instruction set, whether its model table knows
    the CPU or not (an unknown model gets SSE3 kernels otherwise); the NLP layers then multiply through it."""
    architecture, generic, blis = _kernel_probe("choose")
    assert architecture.lower() in WIDE_OPENBLAS_KERNELS
    assert (generic, blis) == ("False", "False")


@needs_avx2
def test_generic_openblas_leaves_the_products_to_blis():
    """An OpenBLAS already loaded with generic kernels (here forced) is slower than BLIS: the layers keep BLIS."""
    architecture, generic, blis = _kernel_probe("as loaded", coretype="Prescott")
    assert architecture == "Prescott"
    assert (generic, blis) == ("True", "True")


# ---------------------------------------------------------------- the claims stage's matchers


@pytest.fixture(scope="module")
def seed_annotated():
    """The seed's prose through the NLP stage, with the claim cues marked as the claims stage marks them."""
    from pipeline.extract import ingest, nlp, structure
    from pipeline.extract.claims.from_text import _mark_cues
    from pipeline.extract.claims.prose import load_cues

    document = structure.build_document(ingest.read_pdf(SEED_PDF, ingest.Budget()))
    annotated = nlp.annotate(nlp.load_pipeline(), document)
    for _, doc in annotated.docs:
        _mark_cues(doc, load_cues())
    return annotated


def test_gated_dependency_frames_are_spacys(seed_annotated):
    """The frames matched only in the trees holding a cue word, with roots from the heads table, are every frame
    spaCy's own DependencyMatcher finds in the whole doc, in its order; and the gate leaves trees out."""
    from spacy.matcher import DependencyMatcher

    from pipeline.extract.claims.dependency_matcher import GatedDependencyMatcher, tree_roots
    from pipeline.extract.claims.prose import DEPENDENCY_PATTERNS_PATH, _read_jsonl

    docs = [doc for _, doc in seed_annotated.docs]
    gated, plain = GatedDependencyMatcher(docs[0].vocab), DependencyMatcher(docs[0].vocab)
    for entry in _read_jsonl(DEPENDENCY_PATTERNS_PATH):
        gated.add(entry["label"], [entry["pattern"]])
        plain.add(entry["label"], [entry["pattern"]])
    assert gated.gates == {"claim_cue"}
    found = [gated(doc) for doc in docs]
    assert found == [plain(doc) for doc in docs]
    assert sum(len(matches) for matches in found) > 20
    covered = sum(end - start for doc in docs for start, end in gated._gated_stretches(doc, tree_roots(doc)))
    assert covered < 0.8 * sum(len(doc) for doc in docs)
    assert all(tree_roots(doc) == [([t, *t.ancestors])[-1].i for t in doc] for doc in docs)


def test_cue_marks_read_from_the_docs_store_are_every_tokens_own(seed_annotated):
    """The cue words marked (and an earlier pass's marks forgotten) through the doc's store of extension values read
    as asking each token does: every token's mark, the marked tokens, a doc with none."""
    from spacy.tokens import Doc

    from pipeline.extract.claims.dependency_matcher import tokens_with_values
    from pipeline.extract.claims.from_text import _mark_cues
    from pipeline.extract.claims.prose import CUE_EXTENSION, load_cues

    docs = [doc for _, doc in seed_annotated.docs]
    marks = [[t._.get(CUE_EXTENSION) for t in doc] for doc in docs]
    for doc in docs:
        for token in doc:
            token._.set(CUE_EXTENSION, "stale")  # a mark no cue list gives: the next pass must forget it
        _mark_cues(doc, load_cues())
    assert [[t._.get(CUE_EXTENSION) for t in doc] for doc in docs] == marks
    assert sum(bool(mark) for doc_marks in marks for mark in doc_marks) > 20
    for doc in docs:
        assert tokens_with_values(doc, {CUE_EXTENSION}) == {t.i for t in doc if t._.get(CUE_EXTENSION)}
    assert tokens_with_values(Doc(docs[0].vocab, words=["no", "cue"]), {CUE_EXTENSION}) == set()


def test_one_alternation_finds_what_a_search_per_word_finds(seed_annotated):
    """The measure and adverse-outcome lists searched as one compiled alternation of whole words answer as one
    search per listed word does, on every sentence of the seed."""
    import re

    from pipeline.extract.claims.prose import load_cues
    from pipeline.extract.claims.prose_advantages import names_any

    evaluation = load_cues().raw["evaluation"]
    lists = [*evaluation["method_measures"].values(), evaluation["adverse_outcomes"]]
    texts = [sentence.text.lower() for sentence in seed_annotated.sentences]
    found = 0
    for terms in lists:
        for text in texts:
            one_by_one = any(re.search(rf"\b{re.escape(term)}\b", text) for term in terms)
            assert names_any(terms, text) == one_by_one, (terms[:3], text)
            found += one_by_one
    assert found > 10
    assert not names_any([], "any text")


def test_a_headings_entities_added_after_its_parse_annotate_as_the_whole_pipeline_does(seed_annotated):
    """The claims stage parses a section heading's syntax first and adds its entities only when a test asks for them:
    the doc it gets then is the doc the whole pipeline makes at once, token by token and entity by entity."""
    from pipeline.extract import nlp
    from pipeline.extract.claims.discourse import HEADING_NUMBER, SYNTAX_COMPONENTS, _syntax_then_entities

    pipeline = nlp.load_pipeline()
    syntax, entities = _syntax_then_entities(pipeline)
    assert [name for name, _ in syntax] == list(SYNTAX_COMPONENTS)
    assert "biomed_ner" in [name for name, _ in entities]
    headings = {
        HEADING_NUMBER.sub("", part).strip(" .:")
        for passage, _ in seed_annotated.docs
        for part in passage.section_path.split(">")
    }
    headings = sorted(h for h in headings if h)
    assert len(headings) > 5

    def annotations(doc):
        tokens = [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in doc]
        return tokens, [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]

    for heading in headings:
        doc = pipeline.make_doc(heading)
        for _, component in [*syntax, *entities]:
            doc = component(doc)
        assert annotations(doc) == annotations(pipeline(heading)), heading


def test_remembered_property_splits_are_the_parsed_ones(seed_annotated):
    """A list of properties split again is answered from memory: the same pieces as parsing it anew, in a list of
    its own (a caller may change it)."""
    from pipeline.extract.claims.properties import _split_properties, split_properties

    texts = [s.text for s in seed_annotated.sentences if "," in s.text][:30]
    assert len(texts) == 30
    for text in texts:
        first = split_properties(text)
        first.append("changed by the caller")
        again = split_properties(text)
        assert again == list(_split_properties.__wrapped__(text)) and "changed by the caller" not in again
    assert _split_properties.cache_info().hits >= 30


def test_a_read_pages_character_dicts_go_when_it_closes_not_at_the_next_collection():
    """The seed sets every glyph as its own text object; its page's thousands of character dicts are freed by
    reference counting when the page closes (no reference cycle holds them for the cycle collector to walk)."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    document = pypdfium2.PdfDocument(str(SEED_PDF))
    try:
        page = pdfium_page.read_page(document, 1)
        n_chars = len(page.chars)
        page.close()
        del page
        left_to_collect = gc.collect()
    finally:
        document.close()
        if was_enabled:
            gc.enable()
    assert n_chars > 3000
    assert left_to_collect < 200  # a few page-sized records in cycles, no character dicts


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_a_pdf_pauses_the_cycle_collector_and_restores_it(enabled):
    from pipeline.extract import ingest

    (gc.enable if enabled else gc.disable)()
    try:
        seen = []
        with ingest.collection_paused():
            seen.append(gc.isenabled())
        content = ingest.read_pdf(real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf"), pages=(1, 1))
        assert content.pages[0].words and seen == [False] and gc.isenabled() is enabled
        with pytest.raises(ValueError), ingest.collection_paused():
            raise ValueError("a page that fails")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_a_pages_table_steps_share_each_frames_whole_view_and_change_none():
    # BMJ p8: two ruled tables under "Table N" captions and header rules, so the caption, header and figure steps
    # all read the upright frame's whole view: it is made once, and no step changes a view it was given
    import copy

    from pipeline.extract.tables import detect

    made: list[tuple] = []
    real_framed_page = detect.framed_page

    def recorded(frame, chars, edges):
        view = real_framed_page(frame, chars, edges)
        made.append((frame, id(chars), len(edges), view, copy.deepcopy(view)))
        return view

    document = pypdfium2.PdfDocument(str(real_pdf("bmj2015_rct_exercise_smoking_pregnancy.pdf")))
    try:
        page = pdfium_page.read_page(document, 7)
        detect.framed_page = recorded
        try:
            found = detect.find_page_tables(page)
        finally:
            detect.framed_page = real_framed_page
        page.close()
    finally:
        document.close()
    assert len(found) == 2
    made_for = [(frame, chars, edges) for frame, chars, edges, _, _ in made]
    assert len(made_for) == len(set(made_for))  # no view made twice from the same characters and rules
    assert all(view == before for _, _, _, view, before in made)


def test_a_fonts_glyph_names_are_read_through_once_per_document():
    # mSphere pp. 3, 4 and 13: fifteen Latin-1 signs (degrees, micro signs) in a text font whose glyph names are all
    # Latin-1: the font is found unable to contradict its map once, not once per such character
    from pipeline.extract import ingest

    pdf = real_pdf("msphere2024_acinetobacter_resistance.pdf")
    calls = []
    real_names_past_latin1 = ingest._names_past_latin1

    def counted(names):
        calls.append(id(names))
        return real_names_past_latin1(names)

    document = pypdfium2.PdfDocument(str(pdf))
    glyph_names = ingest.GlyphNames(pdf)
    ingest._names_past_latin1 = counted
    try:
        latin1 = 0
        for index in (2, 3, 12):
            page = pdfium_page.read_page(document, index)
            latin1 += sum(1 for char in page.chars if char["text"] and 0xA0 <= ord(char["text"][0]) <= 0xFF)
            glyph_names.correct_contradicted(page)
            page.close()
    finally:
        ingest._names_past_latin1 = real_names_past_latin1
        glyph_names.close()
        document.close()
    assert calls and latin1 > len(calls)
    assert len(calls) == len(set(calls))  # each font's names once, across the pages
