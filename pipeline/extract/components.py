"""Our spaCy pieces: the scientific tokenizer, the sentence splitter and the entity ruler's pattern loading.

Like scispaCy, each capability is a spaCy component registered with `@Language.factory` (and the tokenizer with
`spacy.registry.tokenizers`), named in the pipeline's spaCy config, models/nlp/config.cfg. The package's entry
points (pyproject.toml) register them for spaCy itself, so `spacy.load` and `spacy assemble` find them without
importing ReviewMiner first. scispaCy's own components (`abbreviation_detector`) are used as they are.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import warnings
from collections.abc import Iterable
from pathlib import Path

import numpy
import pysbd
import spacy
import srsly
from pysbd.lang.english import English
from pysbd.utils import TextSpan
from scispacy.abbreviation import AbbreviationDetector, filter_matches, find_abbreviation
from scispacy.consts import ABBREVIATIONS
from scispacy.custom_tokenizer import combined_rule_tokenizer
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, SENT_START, TAG
from spacy.errors import Errors
from spacy.lang import char_classes
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import AttributeRuler, EntityRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs
from spacy.util import compile_infix_regex
from thinc.api import Config

from pipeline.config import models_dir

MODELS_DIR = models_dir() / "nlp"

# Abbreviations after which a sentence never ends, on top of scispaCy's list ("Fig.", "e.g.", "al." ...).
NO_BREAK_AFTER = ["al.", "Fig.", "Figs.", "fig.", "Tab.", "Eq.", "Ref.", "Refs.", "ca.", "approx.", "vs.", "No."]
NO_BREAK_AFTER += ["Suppl.", "resp.", "cf."]

# The web pipelines' tagger and parser were trained on text whose hyphenated words are split ("cell", "-",
# "derived"); scispaCy keeps them whole. Splitting lets "stem cell-derived exosomes" match "stem cell".
HYPHEN_INFIX = rf"(?<=[{char_classes.ALPHA}0-9])(?:{char_classes.HYPHENS})(?=[{char_classes.ALPHA}0-9])"


def build_tokenizer(nlp: Language, split_hyphens: bool = True) -> Tokenizer:
    """scispaCy's combined rule tokenizer (units, brackets, "Fig.", "et al."), optionally splitting hyphens."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # scispaCy's regex has a harmless "[[" set-union warning
        tokenizer = combined_rule_tokenizer(nlp)
        if split_hyphens:
            infixes = [HYPHEN_INFIX, *_infix_patterns(tokenizer)]
            tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return tokenizer


@spacy.registry.tokenizers("reviewminer.scientific_tokenizer.v1")
def create_scientific_tokenizer(split_hyphens: bool = True, norms_from: str = ""):
    """The config's tokenizer: `build_tokenizer` for the pipeline being made.

    `norms_from` names the base pipeline whose vocabulary lookups (its `lexeme_norm` table: "labelling" has the
    norm "labeling") must be in place before the first word is seen: the tagger and parser read NORM features,
    and a pipeline made from a config would otherwise start without that table. The tokenizer is made first,
    so this is the place.
    """

    def make(nlp: Language) -> Tokenizer:
        if norms_from:
            nlp.vocab.lookups = base_lookups(norms_from)
        if not hasattr(nlp, "tokenizer"):  # scispaCy's rules build on the language's default tokenizer
            nlp.tokenizer = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return build_tokenizer(nlp, split_hyphens=split_hyphens)

    return make


def base_lookups(pipeline: str) -> Lookups:
    """The vocabulary lookups saved with a pipeline (an installed package's name, or a folder)."""
    folder = Path(pipeline) if Path(pipeline).is_dir() else spacy.util.get_package_path(pipeline)
    found = sorted(folder.rglob("vocab/lookups.bin"), key=lambda path: len(path.parts))
    lookups = Lookups()
    return lookups.from_disk(found[0].parent) if found else lookups


def _infix_patterns(tokenizer: Tokenizer) -> list[str]:
    pattern = tokenizer.infix_finditer.__self__.pattern  # the compiled alternation of scispaCy's infixes
    return [pattern]


@Language.factory(
    "reviewminer_sentence_splitter",
    default_config={"no_break_after": NO_BREAK_AFTER},
)
def make_sentence_splitter(nlp: Language, name: str, no_break_after: list[str]) -> SentenceSplitter:
    return SentenceSplitter(no_break_after)


class SentenceSplitter:
    """pySBD sentence boundaries (as scispaCy's `pysbd_sentencizer`), set before the parser so it keeps them.

    Differences from scispaCy's component: one segmenter per pipeline instead of one per doc, and an overridable
    list of abbreviations that never end a sentence.
    """

    def __init__(self, no_break_after: Iterable[str]):
        self.segmenter = SpanSegmenter(language="en", clean=False, char_span=True)
        self.no_break_after = set(ABBREVIATIONS) | set(no_break_after)
        _keep_regexes_compiled()

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)  # as Token.is_sent_start's setter: a parse already fixes the sentences
        token_starts, texts, spaced = [], [], []
        for token in doc:  # one walk over the tokens (each access makes a Token object)
            token_starts.append(token.idx)
            texts.append(token.text)
            spaced.append(bool(token.whitespace_))
        starts = set()
        for span in self.segmenter.segment(doc.text):
            i = _first_token_at(texts, token_starts, span.start)
            if i < 0 or not (_is_merged_name(texts[i]) and span.start > token_starts[i]):
                starts.add(i)  # not inside a name merged for the parser ("O. | sanctum")
        values = [1]  # SENT_START: 1 starts a sentence, -1 does not
        for i in range(1, len(doc)):
            if texts[i - 1].count("\n") >= 2:
                values.append(1)  # a blank line always separates sentences
            else:
                starts_here = i in starts and _word_before(texts, spaced, i) not in self.no_break_after
                starts_here = starts_here and not _continues_name(texts, i)
                values.append(1 if starts_here else -1)
        # Set as one array: Token.is_sent_start's setter scans the whole doc for a parse at every token.
        doc.from_array([SENT_START], numpy.array(values, dtype=numpy.int64).astype(numpy.uint64))
        return doc


# Characters that Python's case-insensitive regular expressions match to an ASCII letter though `str.lower` does not
# give that letter (dotted and dotless i, long s, Kelvin sign): a line holding one takes pySBD's own search.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


class _AbbreviationReplacer(English.AbbreviationReplacer):
    """pySBD's English abbreviation replacer, skipping the abbreviations that cannot change a line.

    pySBD scans each line once per listed abbreviation (~200) that occurs in it as a substring ("is", "man", "al"
    occur in most lines), with a case-insensitive search and then a substitution per occurrence. Every one of its
    substitutions turns a period that directly follows the abbreviation into "∯"; so a line without a period is
    left as it is, and an abbreviation of plain letters matters only where the lowercased line holds it followed by
    a period. The abbreviations that pass are handled by pySBD's own code, in its order, so the text is the same.
    Lines where that reasoning does not hold take pySBD's search unchanged: those with a character the
    case-insensitive search folds differently from `str.lower` (above), and those with "{" (pySBD's search for the
    next word's first letter looks for "{abbr} " literally, so only then finds anything).
    """

    def search_for_abbreviations_in_string(self, text):
        if "." not in text:
            return text
        if "{" in text or not _FOLDS_TO_ASCII.isdisjoint(text):
            return super().search_for_abbreviations_in_string(text)
        lowered = text.lower()
        for abbr in self.lang.Abbreviation.ABBREVIATIONS:
            stripped = abbr.strip()
            if stripped not in lowered or (stripped.isalpha() and stripped + "." not in lowered):
                continue
            # pySBD's own steps for one abbreviation (its `re` patterns: `stripped` is not escaped in the search)
            abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, [])
        return text


class _English(English):
    """pySBD's English rules with the abbreviation replacer above."""

    AbbreviationReplacer = _AbbreviationReplacer


class SpanSegmenter(pysbd.Segmenter):
    """pySBD's segmenter, with the sentences' character spans found by string search and the abbreviation search
    of `_AbbreviationReplacer`.

    pySBD finds each sentence in the text with a regular expression of its own (the escaped sentence, then
    whitespace), searched from the start of the text: a compilation per sentence and a scan that grows with the
    passage, and a flood of one-off patterns through the `re` module's cache that evicts pySBD's own patterns.
    This finds the same spans: the first occurrence, in the same left-to-right non-overlapping order, that ends
    after the previous sentence's span, with the whitespace after it (`\\s` is `str.isspace`).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language_module = _English

    def sentences_with_char_spans(self, sentences):
        text = self.original_text
        spans = []
        prior_end = 0
        for sent in sentences:
            if not sent:  # pySBD's own search: whitespace only, possibly empty
                match = next((m for m in re.finditer(r"\s*", text) if m.end() > prior_end), None)
                if match:
                    spans.append(TextSpan(match.group(), match.start(), match.end()))
                    prior_end = match.end()
                continue
            position = 0
            while (start := text.find(sent, position)) >= 0:
                end = start + len(sent)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                position = end
        return spans


def _word_before(texts: list[str], spaced: list[bool], i: int) -> str:
    """The previous word with its period: "Tab." also when the tokenizer split it into "Tab" and "."."""
    if texts[i - 1] == "." and i >= 2 and not spaced[i - 2]:
        return texts[i - 2] + "."
    if _is_merged_name(texts[i - 1]):
        return texts[i - 1].rsplit(" ", 1)[-1]  # a name's last word: "sp." in "Bacillus sp. | SH10"
    return texts[i - 1]


def _continues_name(texts: list[str], i: int) -> bool:
    """Whether a boundary pySBD put at token i follows a name `TaxonMerger` made one token (it holds a space):
    pySBD takes the name's final period for a sentence end ("Pseudomonas spp. | were"). A name ends a sentence
    only before a capitalised word."""
    return _is_merged_name(texts[i - 1]) and not texts[i][:1].isupper()


def _is_merged_name(text: str) -> bool:
    """A token `TaxonMerger` made of a name's words: it holds a space but is not whitespace."""
    return " " in text and not text.isspace()


def _first_token_at(texts: list[str], token_starts: list[int], char: int) -> int:
    """Index of the token that holds `char`, or of the first token after it (pySBD spans may begin on
    whitespace): what `doc.char_span(char, len(doc.text), alignment_mode="expand")` starts at, found by bisection
    in the tokens' offsets instead of a walk over the document per sentence."""
    index = bisect.bisect_right(token_starts, char) - 1
    if index >= 0 and char < token_starts[index] + len(texts[index]):
        return index
    return index + 1 if index + 1 < len(token_starts) else -1


def _keep_regexes_compiled(size: int = 4096) -> None:
    """pySBD builds a few regular expressions per abbreviation of its list on every call, more than the `re`
    module's cache of compiled patterns holds (512), so every document recompiled hundreds of them. A larger cache
    keeps them compiled for the whole run (CPython's private setting; left alone where it does not exist)."""
    if getattr(re, "_MAXCACHE", size) < size:
        re._MAXCACHE = size


@Language.factory("reviewminer_abbreviation_detector", default_config={"make_serializable": False})
def make_abbreviation_detector(nlp: Language, name: str, make_serializable: bool) -> QuietAbbreviationDetector:
    return QuietAbbreviationDetector(nlp, name, make_serializable)


class QuietAbbreviationDetector(AbbreviationDetector):
    """scispaCy's Schwartz & Hearst detector (`doc._.abbreviations`, `span._.long_form`), minus a warning.

    It calls an empty Matcher on every doc without a definition, and spaCy warns each time (W036).
    """

    def __call__(self, doc: Doc) -> Doc:
        """AbbreviationDetector.__call__ (scispaCy 0.5), with the parenthesis matches found once for both steps."""
        matches = self.matcher(doc)
        filtered = filter_matches([(x[0], x[1] + 1, x[2] - 1) for x in matches], doc)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"\[W036\]")
            occurences = self.find_matches_for(filtered, doc)
        for long_form, short_forms in occurences:
            for short in short_forms:
                short._.long_form = long_form
                doc._.abbreviations.append(short)
        if self.make_serializable:
            doc._.abbreviations = [self.make_short_form_serializable(short) for short in doc._.abbreviations]
        self.add_hyphenated(doc, matches)
        return doc

    def add_hyphenated(self, doc: Doc, matches: list[tuple[int, int, int]]) -> None:
        """ "(ucMSC-Exs)": with hyphens split, scispaCy's filter rejects the one-character "-" token."""
        known = {short.text for short in doc._.abbreviations}
        for _, start, end in matches:
            if not 2 < end - start - 2 <= 5:
                continue  # too short or long for `_is_hyphenated_short_form` (tested first: most matches are)
            short = doc[start + 1 : end - 1]
            if short.text in known or not _is_hyphenated_short_form(short):
                continue
            n_chars = sum(len(token) for token in short if not token.is_punct)
            long_candidate = doc[max(start - min(n_chars + 5, n_chars * 2), 0) : start]
            short, long_form = find_abbreviation(long_candidate, short)
            if long_form is not None:
                short._.long_form = long_form
                doc._.abbreviations.append(short)
                known.add(short.text)
                for other in _occurrences(doc, short):
                    other._.long_form = long_form
                    doc._.abbreviations.append(other)


def _is_hyphenated_short_form(span: Span) -> bool:
    text = span.text
    return (
        2 < len(span) <= 5
        and "-" in text
        and " " not in text
        and len(text) <= 16
        and text[0].isalpha()
        and sum(c.isalpha() for c in text) >= len(text) / 2
    )


def _occurrences(doc: Doc, short: Span) -> list[Span]:
    words = [token.text for token in short]
    n = len(words)
    starts = [i for i in range(len(doc) - n + 1) if i != short.start and [t.text for t in doc[i : i + n]] == words]
    return [doc[i : i + n] for i in starts]


# ---------------------------------------------------------------- attribute ruler


@Language.factory("reviewminer_attribute_ruler", default_config={"patterns_from": ""})
def make_attribute_ruler(nlp: Language, name: str, patterns_from: str) -> IndexedAttributeRuler:
    """The base pipeline's attribute ruler (tag -> POS and morphology, exceptions for a few words), with the
    patterns saved in the pipeline `patterns_from` (an installed package's name, or a folder)."""
    ruler = IndexedAttributeRuler(nlp.vocab, name)
    if patterns_from:
        ruler.add_patterns(base_attribute_patterns(patterns_from))
    return ruler


def base_attribute_patterns(pipeline: str) -> list[dict]:
    """The attribute ruler patterns saved with a pipeline (none if it has no attribute ruler)."""
    folder = Path(pipeline) if Path(pipeline).is_dir() else spacy.util.get_package_path(pipeline)
    found = sorted(folder.rglob("attribute_ruler/patterns"), key=lambda path: len(path.parts))
    return srsly.read_msgpack(found[0]) if found else []


# Token attributes a one-token pattern may test for the lookup below: the pattern key and the Doc array column
# (attributes whose array value is the string's id in the vocabulary, or a flag).
LOOKUP_ATTRIBUTES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "ORTH": ORTH}


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, with its one-token patterns of plain values found by dictionary lookup.

    A base pipeline's ruler holds ~180 such patterns (the tag map and morph rules: {"TAG": "NNS"}, {"LOWER": "n't",
    "TAG": "RB"}); spaCy's token Matcher walks each of them at every token, which made the ruler as costly as the
    parser. Here a token's attribute values are looked up per set of tested attributes; the other patterns
    (several tokens, operators, sets of values) still go through a Matcher. The matches, and so the annotations,
    are the same: same rule ids and spans, applied in rule order by AttributeRuler.set_annotations.
    """

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._lookup = None

    def clear(self) -> None:
        super().clear()
        self._lookup = None

    def match(self, doc: Doc):
        lookup = getattr(self, "_lookup", None) or self._build_lookup()
        tables, rest, match_ids = lookup
        found = set(rest(doc, allow_missing=True, as_spans=False)) if len(rest) else set()
        if tables and len(doc):
            columns = doc.to_array([LOOKUP_ATTRIBUTES[attr] for attr in LOOKUP_ATTRIBUTES]).reshape(len(doc), -1)
            values = dict(zip(LOOKUP_ATTRIBUTES, columns.T.tolist(), strict=True))
            for attrs, table in tables:
                for i, key in enumerate(zip(*(values[attr] for attr in attrs), strict=True)):
                    for rule, excluded in table.get(key, ()):
                        if not any(values[attr][i] in ids for attr, ids in excluded.items()):
                            found.add((match_ids[rule], i, i + 1))
        matches = [(int(self.vocab.strings[m_id]), m_id, start, end) for m_id, start, end in found]
        matches.sort()
        return matches

    def set_annotations(self, doc: Doc, matches) -> None:
        """AttributeRuler.set_annotations without a Span per match (the rule's token is found by its offset)."""
        for attr_id, match_id, start, end in matches:
            index = self.indices[attr_id]
            position = (start if index >= 0 else end) + index
            if not start <= position < end:
                super().set_annotations(doc, [(attr_id, match_id, start, end)])  # raises spaCy's error E1001
            set_token_attrs(doc[position], self.attrs[attr_id])

    def _build_lookup(self):
        """(attribute names, values -> [(rule id, excluded values)]) per set of attributes tested for equality; a
        Matcher for the other patterns."""
        tables: dict[tuple[str, ...], dict[tuple[int, ...], list[tuple[int, dict]]]] = {}
        rest = Matcher(self.vocab, validate=self.validate)
        match_ids = []
        for rule in range(len(self.attrs)):
            key = self.vocab.strings.add(str(rule))  # the rule's match id, as AttributeRuler.add names it
            match_ids.append(key)
            for pattern in self.matcher.get(str(rule))[1]:
                found = _lookup_values(pattern, self.vocab)
                if found is None:
                    rest.add(key, [pattern])
                    continue
                alternatives, excluded = found
                for values in alternatives:
                    attrs = tuple(sorted(values))
                    table = tables.setdefault(attrs, {})
                    table.setdefault(tuple(values[attr] for attr in attrs), []).append((rule, excluded))
        self._lookup = (list(tables.items()), rest, match_ids)
        return self._lookup


def _lookup_values(pattern: list[dict], vocab) -> tuple[list[dict[str, int]], dict[str, set[int]]] | None:
    """A one-token pattern of plain values, sets of values ({"IN": [...]}) and excluded values ({"NOT_IN": [...]})
    as the attribute -> value-id dicts it matches (one per combination of values) and the excluded value ids per
    attribute; None for any other pattern, or one that tests no attribute for equality."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= set(LOOKUP_ATTRIBUTES):
        return None
    choices: dict[str, list[int]] = {}
    excluded: dict[str, set[int]] = {}
    for attr, value in pattern[0].items():
        operator = next(iter(value)) if isinstance(value, dict) and len(value) == 1 else None
        options = value[operator] if operator in ("IN", "NOT_IN") else [value]
        if not isinstance(options, list) or (isinstance(value, dict) and operator not in ("IN", "NOT_IN")):
            return None
        if attr == "IS_SPACE" and all(isinstance(option, bool) for option in options):
            ids = [int(option) for option in options]
        elif attr != "IS_SPACE" and all(isinstance(option, str) for option in options):
            ids = [vocab.strings.add(option) for option in options]
        else:
            return None
        if operator == "NOT_IN":
            excluded[attr] = set(ids)
        else:
            choices[attr] = ids
    if not choices:
        return None
    attrs = sorted(choices)
    combinations = itertools.product(*(choices[attr] for attr in attrs))
    return [dict(zip(attrs, combination, strict=True)) for combination in combinations], excluded


# ---------------------------------------------------------------- lemmatizer


@Language.factory("reviewminer_lemmatizer", default_config={"tables_from": ""})
def make_lemmatizer(nlp: Language, name: str, tables_from: str) -> CachedLemmatizer:
    """The base pipeline's rule lemmatizer (its mode, overwrite setting and lookup tables, read from the pipeline
    `tables_from`), with every lemma it works out remembered for the word, POS and morphology it came from."""
    folder = Path(tables_from) if Path(tables_from).is_dir() else spacy.util.get_package_path(tables_from)
    configs = sorted(folder.rglob("config.cfg"), key=lambda path: len(path.parts))
    settings = Config().from_disk(configs[0], interpolate=False)["components"]["lemmatizer"] if configs else {}
    lemmatizer = CachedLemmatizer(
        nlp.vocab, None, name, mode=settings.get("mode", "rule"), overwrite=settings.get("overwrite", False)
    )
    tables = sorted(folder.rglob("lemmatizer/lookups/lookups.bin"), key=lambda path: len(path.parts))
    lemmatizer.base_tables = Lookups().from_disk(tables[0].parent) if tables else None
    if lemmatizer.base_tables is not None:
        lemmatizer.initialize()
    return lemmatizer


class CachedLemmatizer(EnglishLemmatizer):
    """spaCy's English lemmatizer, with each lemma looked up by (word, POS, morphology) once worked out.

    spaCy's rule lemmatizer keeps only the lemmas its suffix rules produce; base forms, words of a POS without
    rules and the words before them are worked out again at every token (a Token object, its POS and morphology
    as strings, a morphology dict), about a tenth of the NLP stage. A rule lemma depends on nothing but
    the token's text, POS and morphology (the lookup tables are fixed), so the lemma remembered under those three
    is the one spaCy would give. The tokens are read and written as arrays.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lemma_ids: dict[tuple[int, int, int], int] = {}  # (ORTH, POS, MORPH) -> LEMMA, as string ids
        self.base_tables: Lookups | None = None  # the base pipeline's tables, which `initialize` keeps

    def initialize(self, get_examples=None, *, nlp=None, lookups=None) -> None:
        """As spaCy's, with the base pipeline's tables unless others are given (`spacy assemble` initializes every
        component, and spaCy's lemmatizer would then look for tables in spacy-lookups-data)."""
        super().initialize(get_examples, nlp=nlp, lookups=lookups or self.base_tables)
        self.lemma_ids = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        remembered = self.lemma_ids
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue  # set before (the attribute ruler's exceptions): kept, as spaCy keeps it
            key = (orth, pos, morph)
            found = remembered.get(key)
            if found is None:
                found = remembered[key] = self.vocab.strings.add(self.lemmatize(doc[i])[0])
            rows[i, 3] = found
        doc.from_array([LEMMA], rows[:, 3:])
        return doc


# ---------------------------------------------------------------- entity ruler patterns


def read_patterns(patterns_dir: Path, exclude_ids: set[str] | None = None) -> list[dict]:
    """All entity ruler patterns (one JSONL file per label), without those whose `id` is excluded."""
    exclude_ids = exclude_ids or set()
    patterns = []
    for path in sorted(Path(patterns_dir).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pattern = json.loads(line)
                if pattern.get("id") not in exclude_ids:
                    patterns.append(pattern)
    return patterns


@Language.factory("reviewminer_entity_ruler", default_config={"patterns_dir": str(MODELS_DIR / "patterns")})
def make_entity_ruler(nlp: Language, name: str, patterns_dir: str) -> LexiconRuler:
    """spaCy's entity ruler with the patterns of `patterns_dir`: case-insensitive phrases plus ORTH token patterns
    for acronyms; longest match wins."""
    return LexiconRuler(nlp, name, patterns_dir)


class LexiconRuler(EntityRuler):
    """An entity ruler that holds the lexicon of a patterns folder from the start and again after `initialize`
    (spaCy's ruler empties itself there, as `spacy assemble` and `spacy train` call it). A missing folder gives
    an empty ruler, which a saved pipeline's own copy of the patterns then fills (`from_disk`)."""

    def __init__(self, nlp: Language, name: str, patterns_dir: str):
        super().__init__(nlp, name, phrase_matcher_attr="LOWER", overwrite_ents=True, validate=False)
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.patterns_dir = patterns_dir
        self._add_lexicon()

    def initialize(self, get_examples=None, *, nlp=None, patterns=None) -> None:
        self.clear()
        self._add_lexicon()
        if patterns:
            _add_patterns(self.nlp, self, list(patterns))

    def _add_lexicon(self) -> None:
        if self.patterns_dir and Path(self.patterns_dir).is_dir():
            _add_patterns(self.nlp, self, read_patterns(Path(self.patterns_dir)))

    # Token patterns that only spell out words ([{"ORTH": "EVs"}], the lexicon's acronyms) go to a PhraseMatcher on
    # ORTH instead of spaCy's token Matcher: the same matches under the same keys (so `match` sorts and keeps the
    # same ones), found by a lookup per token instead of a walk of every pattern's states, which made this ruler a
    # tenth of the NLP stage. They stay in `token_patterns`, so saving and loading the ruler is unchanged.

    def clear(self) -> None:
        super().clear()
        self.exact_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")

    def add_patterns(self, patterns: list[dict]) -> None:
        patterns = list(patterns)  # `from_disk` passes a generator over the saved patterns: read it once
        exact = [entry for entry in patterns if _spelled_out(entry["pattern"])]
        super().add_patterns([entry for entry in patterns if not _spelled_out(entry["pattern"])])
        for entry in exact:
            label = entry["label"]
            if "id" in entry:  # as EntityRuler.add_patterns keys a pattern with an id
                ent_label = label
                label = self._create_label(label, entry["id"])
                self._ent_ids[self.matcher._normalize_key(label)] = (ent_label, entry["id"])
            self.token_patterns[label].append(entry["pattern"])
            words = [token["ORTH"] for token in entry["pattern"]]
            self.exact_matcher.add(label, [Doc(self.nlp.vocab, words=words)])

    def match(self, doc: Doc):
        """EntityRuler.match, with the spelled-out patterns' matches added."""
        if not any(self.token_patterns.values()) and not any(self.phrase_patterns.values()):
            self._require_patterns()  # its warning; it counts every pattern, at every doc, to find out
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"\[W036\]")
            matches = list(self.matcher(doc)) + list(self.phrase_matcher(doc)) + list(self.exact_matcher(doc))
        final_matches = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final_matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


def _spelled_out(pattern) -> bool:
    """A token pattern that is a sequence of exact words (ORTH and nothing else per token)."""
    return (
        isinstance(pattern, list)
        and bool(pattern)
        and all(
            isinstance(token, dict) and set(token) == {"ORTH"} and isinstance(token["ORTH"], str) for token in pattern
        )
    )


def add_entity_ruler(nlp: Language, patterns: list[dict], name: str = "biomed_ruler", **placement) -> None:
    """Add our entity ruler with these patterns (training and benchmarks leave some out)."""
    ruler = nlp.add_pipe("reviewminer_entity_ruler", name=name, config={"patterns_dir": ""}, **placement)
    _add_patterns(nlp, ruler, patterns)


def _add_patterns(nlp: Language, ruler, patterns: list[dict]) -> None:
    # The ruler runs the components before it over every phrase pattern; with LOWER only the tokens matter.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)


def lexicon_index(patterns: list[dict]) -> dict[str, tuple[str, str]]:
    """Lowercased phrase (or exact acronym) -> (label, canonical id), for normalizing mentions found by the NER."""
    index: dict[str, tuple[str, str]] = {}
    for pattern in patterns:
        phrase = pattern["pattern"]
        key = phrase.lower() if isinstance(phrase, str) else " ".join(t.get("ORTH", "") for t in phrase)
        index.setdefault(key, (pattern["label"], pattern.get("id") or key))
    return index


def span_key(span: Span) -> str:
    """The key `lexicon_index` uses for a span: tokens joined by single spaces, lowercased unless an acronym."""
    text = re.sub(r"\s+", " ", span.text).strip()
    return text if len(span) == 1 and sum(c.isupper() for c in text) >= 2 else text.lower()


# ---------------------------------------------------------------- labels of new mentions from their head word


def head_labels(patterns: list[dict], min_entries: int = 3, min_share: float = 0.8) -> dict[str, str]:
    """Last word -> label, for the words that end several lexicon entries of (almost) one label.

    "chromatography", "assay" and "microscopy" end METHOD entries, "cells" CELL_TYPE ones, "cancer" DISEASE ones:
    a mention the lexicon lacks but which ends in such a word most likely has that label.
    """
    ids_by_head: dict[str, dict[str, set[str]]] = {}
    for pattern in patterns:
        phrase = pattern["pattern"]
        if isinstance(phrase, str) and " " in phrase.strip():
            head = phrase.split()[-1].lower()
            ids_by_head.setdefault(head, {}).setdefault(pattern["label"], set()).add(pattern["id"])
    labels = {}
    for head, ids in ids_by_head.items():
        label, best = max(ids.items(), key=lambda item: len(item[1]))
        total = sum(len(v) for v in ids.values())
        if len(best) >= min_entries and len(best) / total >= min_share:
            labels[head] = label
    return labels


@Language.factory(
    "reviewminer_ner_cleanup",
    default_config={"patterns_dir": str(MODELS_DIR / "patterns"), "exclude_ids": []},
)
def make_ner_cleanup(nlp: Language, name: str, patterns_dir: str, exclude_ids: list[str]) -> NerCleanup:
    return NerCleanup(head_labels(read_patterns(Path(patterns_dir), set(exclude_ids))))


HEAD_POS = {"NOUN", "PROPN", "ADJ", "X", ""}  # "" when no tagger ran (then the POS test is skipped)


class NerCleanup:
    """Second thoughts on the NER's mentions (never the ruler's nor the abbreviations'):

    - drops those that cannot be a biomedical term: URLs, no word of two letters, unbalanced brackets, a stop
      word or a head that is not a noun/adjective ("constitutes", "2,2", "C[2");
    - relabels multi-word mentions whose last word the lexicon ties to one label (see `head_labels`). The NER
      finds new mentions better than it labels them (benchmarks/ner_heldout.py); the head word is stronger
      evidence for the label when the lexicon has it.
    """

    def __init__(self, labels: dict[str, str]):
        self.labels = labels

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for ent in doc.ents:
            if ent.ent_id_ or ent.kb_id_:
                ents.append(ent)
            elif is_plausible_mention(ent):
                label = self.labels.get(ent[-1].lower_) if len(ent) > 1 else None
                if label and label != ent.label_:
                    ent = Span(doc, ent.start, ent.end, label=label)
                ents.append(ent)
        if ents != list(doc.ents):
            doc.ents = ents
        return doc


def is_plausible_mention(span: Span) -> bool:
    text = span.text
    if any(token.like_url or token.like_email for token in span):
        return False
    if not re.search(r"[^\W\d_]{2}", text) or text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return False
    if len(span) == 1 and span[0].is_stop:
        return False
    return span[-1].pos_ in HEAD_POS


# ---------------------------------------------------------------- scientific names, parsed as one noun

TAXON_NAMES_PATH = MODELS_DIR / "taxon_names.json"
# where the tokens of the names merged for the parser are kept until `TaxonSplitter` restores them
PREMERGE_KEY = "reviewminer.premerge_tokens"


def taxon_name_pattern(ranks: Iterable[str], unnamed: Iterable[str], authorities: Iterable[str]) -> re.Pattern:
    """Scientific names by their typography: a genus initial ("S.") or capitalised genus, a lowercase epithet, an
    optional authority ("L.") and infraspecific ranks ("var. tenuiflorum"); or a genus with "sp."/"spp.".

    A capitalised genus followed by a lowercase word is most English sentences' opening ("The results"), so a
    written-out genus counts only with an authority or a rank after its epithet, or with "sp."/"spp.". An authority
    is a listed one ("L.") or any capitalised abbreviation the sentence goes on after ("Sideritis lotsyi Pit.
    contains").
    """

    def alternation(words: Iterable[str]) -> str:
        return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

    boundary = r"(?![^\W_])"  # the word ends: not followed by a letter or digit
    initial = r"(?<![\w.\-])[A-Z]\."

    def genus(group: str) -> str:
        return rf"(?<![\w.\-])(?P<{group}>[A-Z][a-z]{{2,}})"

    epithet = rf"[a-z]{{3,}}{boundary}"
    authority = rf"(?: (?:(?:{alternation(authorities)}){boundary}|[A-Z][a-z]{{0,7}}\.(?= [a-z])))"
    rank = rf"(?: (?:{alternation(ranks)}) {epithet})"
    unnamed_species = rf" (?:{alternation(unnamed)}){boundary}"
    return re.compile(
        rf"{initial} (?P<e1>{epithet}){authority}*{rank}*"
        rf"|{genus('genus')} (?P<e2>{epithet})(?:{authority}+{rank}*|{rank}+)"
        rf"|{genus('genus2')}{unnamed_species}"
    )


# Latin epithets end in -us, -a, -um, -is, -ii, -ae ...; English words of these shapes are verbs and adverbs
# ("A. reported", "B. only") after an author's or a panel's initial.
ENGLISH_ENDINGS = ("ed", "ing", "ly")


@Language.factory("reviewminer_taxon_merger", default_config={"names_path": str(TAXON_NAMES_PATH)})
def make_taxon_merger(nlp: Language, name: str, names_path: str) -> TaxonMerger:
    return TaxonMerger(nlp, srsly.read_json(names_path))


class TaxonMerger:
    """Merges each scientific name ("S. aureus", "O. sanctum L.", "Pseudomonas spp.") into one token before the
    tagger and parser, which otherwise read an abbreviated genus and a Latin epithet as an English noun and verb
    ("O. sanctum extracts alleviate ...": "extracts" the verb) or end the sentence at "var." or "spp.".

    `TaxonSplitter`, after the parser, restores the tokens: later components and stages see the tokenizer's tokens,
    with the parse made over the names as single nouns. The merged token's NORM can be set to a common noun
    (`parser_norm`), the feature the tagger and parser know a word by.
    """

    def __init__(self, nlp: Language, names: dict):
        self.pattern = taxon_name_pattern(names["infraspecific_ranks"], names["unnamed_species"], names["authorities"])
        self.stop_words = nlp.Defaults.stop_words
        self.parser_norm = names.get("parser_norm", "")

    def names(self, doc: Doc) -> list[Span]:
        found = []
        position = 0
        while match := self.pattern.search(doc.text, position):
            epithet = match.group("e1") or match.group("e2") or ""
            genus = (match.group("genus") or match.group("genus2") or "").lower()
            if epithet in self.stop_words or epithet.endswith(ENGLISH_ENDINGS) or genus in self.stop_words:
                position = match.start() + 1  # an English phrase, not a name ("A. reported", "Across the A."):
                continue  # a name may begin inside it
            span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
            if span is not None and len(span) > 1:
                found.append(span)
            position = match.end()
        return found

    def __call__(self, doc: Doc) -> Doc:
        names = self.names(doc)
        if not names:
            return doc
        # the tokens' words, spaces and norms (tokenizer exceptions give some their own: "Id" -> "I" "d" = "would")
        doc.user_data[PREMERGE_KEY] = (
            [token.text for token in doc],
            [bool(token.whitespace_) for token in doc],
            doc.to_array([NORM]),
        )
        with doc.retokenize() as retokenizer:
            for span in names:
                retokenizer.merge(span)
        if self.parser_norm:
            removed = 0  # tokens merged away before the name: the merged token's index is its span's start less these
            for span in names:
                doc[span.start - removed].norm_ = self.parser_norm
                removed += len(span) - 1
        return doc


@Language.factory("reviewminer_taxon_splitter")
def make_taxon_splitter(nlp: Language, name: str) -> TaxonSplitter:
    return TaxonSplitter()


class TaxonSplitter:
    """Restores the tokens `TaxonMerger` merged, keeping the parse: the last word of a name (the epithet, or "spp")
    takes the merged token's head and relation, its other words attach to it as compounds (periods as punct), and
    every word of the name is a proper noun (NNP).

    spaCy's retokenizer cannot split a token at a space, so the tokens are laid out in a new Doc with the merged
    doc's tags, parse and tensor.
    """

    def __call__(self, doc: Doc) -> Doc:
        premerge = doc.user_data.pop(PREMERGE_KEY, None)
        if premerge is None:
            return doc
        words, spaces, norms = premerge
        restored = Doc(doc.vocab, words=words, spaces=spaces)
        restored.from_array([NORM], norms)
        restored.user_data.update(doc.user_data)
        restored_starts = [token.idx for token in restored]
        # the restored tokens of each merged-doc token, and the one that heads them (a name's last word)
        pieces = [
            range(
                bisect.bisect_left(restored_starts, token.idx),
                bisect.bisect_left(restored_starts, token.idx + len(token)),
            )
            for token in doc
        ]
        if not doc.has_annotation("DEP"):  # placed before the parser: only the sentence boundaries to keep
            merged_starts = doc.to_array([SENT_START]).astype("int64")  # 1 starts a sentence, -1 does not
            values = [
                merged_starts[token.i] if i == piece.start else -1
                for token, piece in zip(doc, pieces, strict=True)
                for i in piece
            ]
            restored.from_array([SENT_START], numpy.array(values, dtype="int64").astype("uint64"))
            return restored
        heading = [max((i for i in piece if words[i] != "."), default=piece[-1]) for piece in pieces]
        rows, values = [], []
        for token in doc:
            for i in pieces[token.i]:
                rows.append(token.i)
                if i == heading[token.i]:
                    tag = "NNP" if len(pieces[token.i]) > 1 else token.tag_
                    values.append((tag, heading[token.head.i] - i, token.dep_))
                elif words[i] == ".":
                    values.append((".", heading[token.i] - i, "punct"))
                else:
                    values.append(("NNP", heading[token.i] - i, "compound"))
        strings = doc.vocab.strings
        array = numpy.zeros((len(values), 3), dtype="uint64")
        array[:, 0] = [strings.add(tag) for tag, _, _ in values]
        array[:, 1] = numpy.array([head for _, head, _ in values], dtype="int64").astype("uint64")  # relative
        array[:, 2] = [strings.add(dep) for _, _, dep in values]
        restored.from_array([TAG, HEAD, DEP], array)
        if doc.tensor is not None and len(doc.tensor):
            restored.tensor = doc.tensor[rows]
        return restored
