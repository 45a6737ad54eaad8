"""Prose claims: method → advantage/disadvantage and treatment → effect, from parsed sentences.

Everything topical is data in models/: cue nouns, evaluative words, effect verbs and connectives in
models/claims/cues.json, token patterns (magnitudes, comparators, time phrases) in models/claims/patterns.jsonl,
dependency anchors in models/claims/dependency_patterns.jsonl and the method/treatment lexicon in
models/lexicons/methods.jsonl. The code only knows English syntax:

- a cue noun ("the advantages of X are ...", "X has the drawback of ...", "... is a problem faced by X",
  "there are problems with X: ...") gives the relation, its owner and the span of properties;
- an evaluative clause whose subject is a method ("this method is simple", "its efficiency is low",
  "it consumes time") gives a relation from the polarity of its words;
- an effect verb ("X enhances Y", "X resulted in increased Y", "Y was reduced with the increase in X",
  "Y of X is 20 times that of Z", "X had stronger Y than Z") gives a treatment → effect claim with direction,
  magnitude, comparator, hedging and negation.

Anaphora ("this method", "the device", "it", "its") resolve to the method under discussion: the last method that
was the subject of a clause or the owner of a cue in the same section, or, for "the <head>", the last mention
with that head noun.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline.claims.properties import split_properties
from pipeline.nlp import load_pipeline
from pipeline.normalize import canonical_subject, load_lexicon
from pipeline.records import Claim, Evidence, Passage, Sentence

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
CUES_PATH = MODELS_DIR / "claims" / "cues.json"
PATTERNS_PATH = MODELS_DIR / "claims" / "patterns.jsonl"
DEPENDENCY_PATTERNS_PATH = MODELS_DIR / "claims" / "dependency_patterns.jsonl"
LEXICON_PATH = MODELS_DIR / "lexicons" / "methods.jsonl"

ENTITY_LABELS = {"METHOD", "TREATMENT"}  # labels of doc.ents that can be a claim's subject
AGENT_ENTITY_LABELS = {"METHOD", "TREATMENT", "MOLECULE"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
CITATION = re.compile(r"\s*(?:\[[\d,\s–\-]+(?:\]|$)|\((?:\d+[,\s–\-]*)+\))")  # [12], [3–5], (44, 49)
PARENTHESIS = re.compile(r"\s*\([^()]{1,40}\)")
FIGURE_REFERENCE = re.compile(r"\s*\((?:Fig|Figure|Table|Tab)s?\.?\s*[^()]{0,30}\)", re.IGNORECASE)
CUE_EXTENSION = "claim_cue"
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "hundred": 100,
}

if not Token.has_extension(CUE_EXTENSION):
    Token.set_extension(CUE_EXTENSION, default="")  # a string: the Matchers compare it with their IN lists


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class ClaimCues:
    """The word lists of models/claims/cues.json as sets, plus the method lexicon's aliases."""

    raw: dict
    advantage: frozenset[str]
    disadvantage: frozenset[str]
    possession: frozenset[str]
    method_heads: frozenset[str]
    anaphor_determiners: frozenset[str]
    anaphor_pronouns: frozenset[str]
    product_nouns: frozenset[str]
    investigators: frozenset[str]
    effect_direction: dict[str, str]
    ergative: frozenset[str]
    result_verbs: dict[str, str]
    result_direction: dict[str, str]
    modifier_direction: dict[str, str]
    comparative_dimensions: dict[str, str]
    nominalizations: dict[str, str]
    instrument_preps: frozenset[str]
    cause_preps: frozenset[str]
    treatment_participles: frozenset[str]
    hedges: frozenset[str]
    negators: frozenset[str]
    continuation: tuple[str, ...]
    contrast: frozenset[str]
    definition_verbs: frozenset[str]
    comparative_verbs: frozenset[str]
    generic_modifiers: frozenset[str]
    agent_heads: frozenset[str]
    strict_agent_heads: frozenset[str]
    positive: frozenset[str]
    negative: frozenset[str]
    good_attributes: frozenset[str]
    bad_attributes: frozenset[str]
    up: frozenset[str]
    down: frozenset[str]
    adjective_only: frozenset[str]
    demand_verbs: frozenset[str]
    cause_markers: tuple[str, ...]
    aliases: tuple[str, ...] = field(default=())


def _set(values) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> ClaimCues:
    """The packaged cue lists, with the keys of a user file (argument or REVIEWMINER_CLAIM_CUES) replacing them."""
    data = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    override = path or os.environ.get("REVIEWMINER_CLAIM_CUES")
    if override:
        data.update(json.loads(Path(override).read_text(encoding="utf-8")))
    evaluation = data["evaluation"]
    effect_direction = {verb: d for d, verbs in data["effect_verbs"].items() for verb in verbs}
    modifier_direction = {word: d for d, words in data["direction_modifiers"].items() for word in words}
    aliases = []
    for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            aliases.extend([entry["canonical"], *entry["aliases"]])
    return ClaimCues(
        raw=data,
        advantage=_set(data["advantage_nouns"]),
        disadvantage=_set(data["disadvantage_nouns"]),
        possession=_set(data["possession_verbs"]),
        method_heads=_set(data["method_heads"]),
        anaphor_determiners=_set(data["anaphor_determiners"]),
        anaphor_pronouns=_set(data["anaphor_pronouns"]),
        product_nouns=_set(data["product_nouns"]),
        investigators=_set(data["investigator_nouns"]),
        effect_direction=effect_direction,
        ergative=_set(data["ergative_verbs"]),
        result_verbs=data["result_verbs"],
        result_direction=data["result_verb_direction"],
        modifier_direction=modifier_direction,
        comparative_dimensions=data["comparative_dimensions"],
        nominalizations=data["verb_nominalizations"],
        instrument_preps=_set(data["instrument_preps"]),
        cause_preps=_set(data["cause_preps"]),
        treatment_participles=_set(data["treatment_participles"]),
        hedges=_set(data["hedges"]),
        negators=_set(data["negators"]),
        continuation=tuple(sorted((m.lower() for m in data["continuation_markers"]), key=len, reverse=True)),
        contrast=_set(data["contrast_markers"]),
        definition_verbs=_set(data["definition_verbs"]),
        comparative_verbs=_set(data["comparative_verbs"]),
        generic_modifiers=_set(data["generic_modifiers"]),
        agent_heads=_set(data["agent_heads"]),
        strict_agent_heads=_set(data["strict_agent_heads"]),
        positive=_set(evaluation["positive_words"]),
        negative=_set(evaluation["negative_words"]),
        good_attributes=_set(evaluation["good_attributes"]),
        bad_attributes=_set(evaluation["bad_attributes"]),
        up=_set(evaluation["up_modifiers"]),
        down=_set(evaluation["down_modifiers"]),
        adjective_only=_set(evaluation["adjective_only"]),
        demand_verbs=_set(evaluation["demand_verbs"]),
        cause_markers=tuple(m.lower() for m in evaluation["cause_markers"]),
        aliases=tuple(dict.fromkeys(aliases)),
    )


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Matchers:
    tokens: Matcher
    dependencies: DependencyMatcher
    anchors: dict[str, int]  # dependency pattern label -> index of its anchor node (the cue noun or the verb)
    aliases_lower: PhraseMatcher
    aliases_lemma: PhraseMatcher


_MATCHERS: dict[int, Matchers] = {}


def matchers_for(nlp_vocab, cues: ClaimCues, make_doc) -> Matchers:
    """Matchers are bound to a vocab; build them once per vocab."""
    key = id(nlp_vocab)
    if key not in _MATCHERS:
        tokens = Matcher(nlp_vocab)
        for entry in _read_jsonl(PATTERNS_PATH):
            tokens.add(entry["label"], [entry["pattern"]])
        dependencies = DependencyMatcher(nlp_vocab)
        anchors: dict[str, int] = {}
        for entry in _read_jsonl(DEPENDENCY_PATTERNS_PATH):
            dependencies.add(entry["label"], [entry["pattern"]])
            ids = [node["RIGHT_ID"] for node in entry["pattern"]]
            anchors[entry["label"]] = ids.index(entry["anchor"])
        lower = PhraseMatcher(nlp_vocab, attr="LOWER")
        lower.add("ALIAS", [make_doc(alias) for alias in cues.aliases])
        lemma = PhraseMatcher(nlp_vocab, attr="LEMMA")
        lemma.add("ALIAS", [doc for doc in make_doc.lemma_docs(cues.aliases)])
        _MATCHERS[key] = Matchers(tokens, dependencies, anchors, lower, lemma)
    return _MATCHERS[key]


class _DocMaker:
    """Tokenizes aliases for the PhraseMatchers: plain for LOWER, lemmatized (tagger + lemmatizer) for LEMMA."""

    def __init__(self, nlp: Language | None, vocab_doc: Doc):
        self.nlp = nlp
        self.vocab = vocab_doc.vocab

    def __call__(self, text: str) -> Doc:
        if self.nlp is not None:
            return self.nlp.make_doc(text)
        return Doc(self.vocab, words=text.split())

    def lemma_docs(self, texts) -> list[Doc]:
        if self.nlp is None:
            return []
        keep = [name for name in self.nlp.pipe_names if name in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")]
        disabled = [name for name in self.nlp.pipe_names if name not in keep]
        with self.nlp.select_pipes(disable=disabled):
            return list(self.nlp.pipe(texts))


# ---------------------------------------------------------------- mentions and discourse


@dataclass
class Mention:
    """A method or treatment named in a sentence (lexicon alias, entity or '<specific> method' noun phrase)."""

    start: int  # token offsets in the Doc
    end: int
    text: str
    source: str  # "lexicon", "entity", "phrase"
    is_modifier: bool = False  # "ultrafiltration membranes": the alias only modifies another noun

    @property
    def head_lemmas(self) -> set[str]:
        return {w.lower().rstrip("s") for w in self.text.split()}


@dataclass
class Discourse:
    """What the prose is about so far, within one section."""

    section: str = ""
    topic: str = ""
    recent: list[str] = field(default_factory=list)  # recent mentions, newest last
    salient: str = ""  # last non-investigator subject or object, for "it" in effect sentences
    effect_subject: str = ""
    claimed_topic: bool = False  # the previous sentence made an (dis)advantage claim about the topic
    claims_by_subject: dict[str, list[Claim]] = field(default_factory=dict)

    def resolve_anaphor(self, head: str | None) -> str:
        if head and head not in ("method", "technique", "approach", "technology", "strategy"):
            for text in reversed(self.recent):
                if head in text.lower():
                    return text
        return self.topic


@dataclass
class SentenceContext:
    sent: Span
    passage: Passage
    sentence: Sentence | None
    mentions: list[Mention]
    matches: dict[str, list[tuple[int, int]]]  # token-pattern label -> (start, end)
    frames: dict[int, set[str]] = field(default_factory=dict)  # token index -> dependency-pattern labels anchored there
    consumed: set[int] = field(default_factory=set)  # tokens already used by an (dis)advantage claim


# ---------------------------------------------------------------- entry point


def extract_text_claims(annotated, nlp: Language | None = None, cues: ClaimCues | None = None) -> list[Claim]:
    """Claims from every prose passage of an AnnotatedDocument (pipeline.nlp.annotate)."""
    cues = cues or load_cues()
    claims: list[Claim] = []
    if not annotated.docs:
        return claims
    first_doc = annotated.docs[0][1]
    # Aliases must be tokenized like the text (scispaCy rules split hyphens): use the pipeline that parsed it.
    nlp = nlp or load_pipeline()
    matchers = matchers_for(first_doc.vocab, cues, _DocMaker(nlp, first_doc))
    sentence_index = {s.start: s for s in annotated.sentences}
    discourse = Discourse()
    for passage, doc in annotated.docs:
        if not _is_claim_prose(passage, cues):
            continue
        if passage.section_path != discourse.section:
            discourse = Discourse(section=passage.section_path)
        _mark_cues(doc, cues)
        token_matches = _token_matches(doc, matchers)
        frames = _dependency_frames(doc, matchers)
        mentions = _find_mentions(doc, matchers, cues)
        for sent in doc.sents:
            sentence = sentence_index.get(passage.char_start + sent.start_char)
            context = SentenceContext(
                sent=sent,
                passage=passage,
                sentence=sentence,
                mentions=[m for m in mentions if sent.start <= m.start < sent.end],
                matches={k: [(s, e) for s, e in v if sent.start <= s < sent.end] for k, v in token_matches.items()},
                frames={i: labels for i, labels in frames.items() if sent.start <= i < sent.end},
            )
            found = sentence_claims(context, discourse, cues)
            claims.extend(found)
            _update_discourse(context, discourse, found, cues)
    return claims


def _is_claim_prose(passage: Passage, cues: ClaimCues) -> bool:
    """Body prose only: not captions or abbreviation lists, not back matter (funding, declarations, ...)."""
    if passage.kind in cues.raw["skip_passage_kinds"]:
        return False
    sections = [part.strip().lower() for part in passage.section_path.split(">")]
    skipped = {s.lower() for s in cues.raw["skip_sections"]}
    return not any(section in skipped or section.split(" ")[0] in skipped for section in sections if section)


def sentence_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    claims = cue_noun_claims(context, discourse, cues)
    claims += evaluative_claims(context, discourse, cues, claims[0].subject if claims else "")
    claims += effect_claims(context, discourse, cues)
    return [c for c in claims if c.subject and _states_something(c.object, cues)]


def _mark_cues(doc: Doc, cues: ClaimCues) -> None:
    """Tag cue nouns and verbs (token._.claim_cue) so the dependency patterns can refer to the word lists."""
    for token in doc:
        lemma = token.lemma_.lower()
        token._.set(CUE_EXTENSION, "")
        if token.pos_ in ("NOUN", "PROPN") and lemma in cues.advantage:
            token._.set(CUE_EXTENSION, "advantage")
        elif token.pos_ in ("NOUN", "PROPN") and lemma in cues.disadvantage:
            token._.set(CUE_EXTENSION, "disadvantage")
        elif token.pos_ in ("VERB", "AUX") and lemma in cues.possession:
            token._.set(CUE_EXTENSION, "possession")
        elif token.pos_ == "VERB" and lemma in cues.result_verbs:
            token._.set(CUE_EXTENSION, "result")
        elif token.pos_ == "VERB" and lemma in cues.effect_direction:
            token._.set(CUE_EXTENSION, cues.effect_direction[lemma])


def _dependency_frames(doc: Doc, matchers: Matchers) -> dict[int, set[str]]:
    """Which claim frames (models/claims/dependency_patterns.jsonl) each cue noun or verb takes part in."""
    frames: dict[int, set[str]] = {}
    for match_id, token_ids in matchers.dependencies(doc):
        label = doc.vocab.strings[match_id]
        frames.setdefault(token_ids[matchers.anchors[label]], set()).add(label)
    return frames


def _token_matches(doc: Doc, matchers: Matchers) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for match_id, start, end in matchers.tokens(doc):
        found.setdefault(doc.vocab.strings[match_id], []).append((start, end))
    return found


# ---------------------------------------------------------------- mentions


def _find_mentions(doc: Doc, matchers: Matchers, cues: ClaimCues) -> list[Mention]:
    spans = [doc[s:e] for _, s, e in matchers.aliases_lower(doc)] + [
        doc[s:e] for _, s, e in matchers.aliases_lemma(doc)
    ]
    spans += [ent for ent in doc.ents if ent.label_ in ENTITY_LABELS]
    spans += _method_phrases(doc, cues)
    mentions: list[Mention] = []
    taken: set[int] = set()
    # Longest first, so "immunoaffinity chromatography" wins over "chromatography".
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if taken & set(range(span.start, span.end)):
            continue
        span = _extend_to_method_head(span, cues)
        taken |= set(range(span.start, span.end))
        source = "entity" if span.label_ in ENTITY_LABELS else "lexicon"
        if span.root.lemma_.lower() in cues.method_heads and span.label_ not in ENTITY_LABELS:
            source = "phrase" if not _contains_alias(span, matchers) else "lexicon"
        mentions.append(Mention(span.start, span.end, clean_text(span.text), source, _is_modifier(span, cues)))
    return sorted(mentions, key=lambda m: m.start)


def _contains_alias(span: Span, matchers: Matchers) -> bool:
    return bool(matchers.aliases_lower(span.as_doc()))


def _extend_to_method_head(span: Span, cues: ClaimCues) -> Span:
    """ "precipitation" + "method" → "precipitation method"; "extraction kit" + "method" likewise."""
    end = span.end
    while end < len(span.doc) and span.doc[end].lemma_.lower() in cues.method_heads and span.doc[end].pos_ == "NOUN":
        end += 1
    return span.doc[span.start : end]


def _is_modifier(span: Span, cues: ClaimCues) -> bool:
    last = span[-1]
    if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= span.end:
        return last.head.lemma_.lower() not in cues.method_heads
    return False


def _method_phrases(doc: Doc, cues: ClaimCues) -> list[Span]:
    """Noun phrases headed by a method noun with a specific modifier: "the magnetic bead method"."""
    found = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lemma_.lower() not in cues.method_heads or root.pos_ != "NOUN":
            continue
        modifiers = [t for t in chunk if t.i < root.i and t.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        specific = [t for t in modifiers if t.lower_ not in cues.generic_modifiers and t.is_alpha]
        if not specific:
            continue
        start = min(t.i for t in specific)
        found.append(doc[start : root.i + 1])
    return found


# ---------------------------------------------------------------- owners and anaphora


def _mentions_in(tokens: set[int], context: SentenceContext, allow_modifiers: bool = True) -> list[Mention]:
    return [m for m in context.mentions if m.start in tokens and (allow_modifiers or not m.is_modifier)]


def _best_mention(mentions: list[Mention]) -> Mention | None:
    if not mentions:
        return None
    ranked = sorted(mentions, key=lambda m: ({"lexicon": 0, "entity": 1, "phrase": 2}[m.source], m.start))
    return ranked[0]


def _anaphor_head(tokens: list[Token], cues: ClaimCues) -> str | None | bool:
    """The head noun of "this method" / "the device", "" for a bare pronoun, False when not an anaphor."""
    for token in tokens:
        lower = token.lower_
        if lower in cues.anaphor_pronouns and token.pos_ == "PRON":
            return ""
        if token.lemma_.lower() in cues.method_heads and token.pos_ == "NOUN":
            determiners = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
            if determiners and determiners[0] in cues.anaphor_determiners:
                return token.lemma_.lower()
    return False


def resolve_owner(
    tokens: list[Token], context: SentenceContext, discourse: Discourse, cues: ClaimCues, fallback: bool
) -> str:
    """The method a cue or clause is about: a mention among the tokens, else an anaphor or product noun → topic.

    An explicit owner that is not a method ("the bottleneck for exosomes") gives "" (no claim), unless `fallback`.
    """
    indices = {t.i for t in tokens}
    mention = _best_mention(_mentions_in(indices, context))
    if mention:
        return mention.text
    head = _anaphor_head(tokens, cues)
    if head is not False:
        return discourse.resolve_anaphor(head or None)
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    if nouns and all(t.lemma_.lower() in cues.product_nouns or t.dep_ != "ROOT" for t in nouns[-1:]):
        if nouns[-1].lemma_.lower() in cues.product_nouns:
            return discourse.topic
    return discourse.topic if fallback or not nouns else ""


# ---------------------------------------------------------------- spans and text


def clean_text(text: str) -> str:
    text = CITATION.sub("", text)
    text = FIGURE_REFERENCE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    return re.sub(r"\s+as well$", "", text)


def _span_text(doc: Doc, indices: set[int] | list[int]) -> str:
    """The text of the chosen tokens in reading order (gaps left by removed conjuncts closed)."""
    if not indices:
        return ""
    ordered = sorted(indices)
    text = "".join(doc[i].text_with_ws if i + 1 in indices else doc[i].text + " " for i in ordered)
    return clean_text(text)


def _clause_end(sent: Span, start: int, cues: ClaimCues, stop_at_clauses: bool = True) -> int:
    """First token after `start` that opens another clause: ";", "but", ", whereas", or a conjoined clause with
    its own subject and its own cue noun."""
    doc = sent.doc
    for i in range(start, sent.end):
        token = doc[i]
        if token.text == ";" or (
            token.lower_ in cues.contrast and token.pos_ in ("CCONJ", "SCONJ", "ADV") and i > start
        ):
            if token.lower_ in ("while", "though") and doc[i - 1].text != ",":
                continue
            return i
        if token.text in ("[",) and i + 1 < sent.end and doc[i + 1].like_num:
            continue
        if stop_at_clauses and token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and i > start:
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
            if subjects and any(t._.get(CUE_EXTENSION) in ("advantage", "disadvantage") for t in token.subtree):
                edge = min(subjects[0].left_edge.i, token.left_edge.i)
                while edge > start and doc[edge - 1].pos_ in ("CCONJ", "PUNCT"):
                    edge -= 1
                return edge
    return sent.end


def _strip_leading(doc: Doc, start: int, end: int, words: set[str]) -> int:
    while start < end and (doc[start].lower_ in words or doc[start].is_punct):
        start += 1
    return start


# ---------------------------------------------------------------- (dis)advantages from cue nouns


def cue_noun_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    claims: list[Claim] = []
    sent = context.sent
    for token in sent:
        relation = token._.get(CUE_EXTENSION)
        labels = context.frames.get(token.i, set())
        if relation not in ("advantage", "disadvantage") or not labels:
            continue
        frame = _cue_frame(token, labels, context, discourse, cues)
        if frame is None:
            continue
        owner, start, end, label = frame
        if not owner or end <= start:
            continue
        context.consumed |= set(range(start, end)) | {token.i}
        claims.extend(_claims_from_property_span(context, discourse, cues, owner, relation, start, end, label))
    return claims


def _cue_frame(cue: Token, labels: set[str], context: SentenceContext, discourse: Discourse, cues: ClaimCues):
    """(owner, start, end, label) of the property span a cue noun introduces, or None. `labels` are the
    dependency frames the cue matched; each frame knows where its owner and its properties are."""
    sent, doc = context.sent, context.sent.doc
    head = cue.head
    of_phrases = [c for c in cue.children if c.dep_ == "prep" and c.lower_ != "as"]
    possessors = [c for c in cue.children if c.dep_ == "poss"]
    owner_tokens = [t for p in of_phrases for t in p.subtree] + [t for p in possessors for t in p.subtree]
    same = any(c.lower_ == "same" for c in cue.children)
    # "X has/shows the advantage(s) of P" — the of-phrase holds the properties, the verb's subject the owner.
    if "CUE_HAS" in labels:
        subject = _clause_subject(head)
        if subject is None:
            return None
        owner = resolve_owner(list(subject.subtree), context, discourse, cues, fallback=False)
        start = of_phrases[0].i + 1
        end = _clause_end(sent, start, cues)
        if same:
            as_index = next((t.i for t in doc[start:end] if t.lower_ == "as"), None)
            if as_index is not None:
                return owner, start, as_index, f"cue:{cue.lemma_}:has-same"
        return owner, start, end, f"cue:{cue.lemma_}:has"
    # "The advantage(s) of X is/are P", "Its disadvantage is that P".
    if "CUE_IS" in labels and "CUE_THERE" not in labels:
        owner = (
            resolve_owner(owner_tokens, context, discourse, cues, fallback=True) if owner_tokens else discourse.topic
        )
        start = _strip_leading(doc, head.i + 1, sent.end, {"that", "mainly", "as", "follows", "the", "to"})
        start = head.i + 1 if doc[start - 1].lower_ == "the" else start
        start = _strip_leading(doc, start, sent.end, {"that", "mainly", "as", "follows"})
        end = _clause_end(sent, start, cues)
        return owner, start, end, f"cue:{cue.lemma_}:is"
    # "P is also a problem faced by X"; "there are many problems with X: P".
    if "CUE_ATTR" in labels or "CUE_THERE" in labels:
        expletive = "CUE_THERE" in labels
        agents = [t for c in cue.children if c.dep_ in ("acl", "relcl") for t in c.subtree]
        owner_scope = owner_tokens + agents
        if not owner_scope:
            owner = discourse.topic if not expletive else ""
        else:
            owner = resolve_owner(owner_scope, context, discourse, cues, fallback=False)
        if expletive:
            colon = next((t.i for t in doc[cue.i : sent.end] if t.text == ":"), None)
            if colon is None:
                return None
            return owner, colon + 1, _clause_end(sent, colon + 1, cues), f"cue:{cue.lemma_}:there-are"
        subject = _clause_subject(head)
        if subject is None or subject.pos_ == "PRON":
            return None
        indices = [t.i for t in subject.subtree]
        return owner, min(indices), max(indices) + 1, f"cue:{cue.lemma_}:subject"
    # "... several disadvantages such as P".
    such = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if "CUE_SUCH_AS" in labels and such is not None:
        verb = next((a for a in cue.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subject = _clause_subject(verb) if verb is not None else None
        if subject is None:
            return None
        owner = resolve_owner(list(subject.subtree), context, discourse, cues, fallback=False)
        return owner, such.i + 1, _clause_end(sent, such.i + 1, cues), f"cue:{cue.lemma_}:such-as"
    return None


def _clause_subject(verb: Token | None) -> Token | None:
    """The subject of a verb, inherited through conjoined verbs ("X not only preserves ... but also exhibits")."""
    while verb is not None:
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0]
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def _claims_from_property_span(
    context: SentenceContext,
    discourse: Discourse,
    cues: ClaimCues,
    owner: str,
    relation: str,
    start: int,
    end: int,
    label: str,
) -> list[Claim]:
    doc = context.sent.doc
    text = clean_text(doc[start:end].text)
    claims = []
    for prop in split_properties(text):
        copied = _same_as(prop, context, discourse, relation)
        if copied is not None:
            claims.extend(_copy_claims(copied, owner, context, label))
            continue
        claims.append(_make_claim(context, owner, relation, prop, label))
    if label.endswith("has-same"):
        # "X has the same problem of P as Y": Y has it too.
        rest = doc[end + 1 : _clause_end(context.sent, end + 1, cues)]
        other = _best_mention(_mentions_in({t.i for t in rest}, context))
        if other:
            claims.extend(
                _make_claim(context, other.text, relation, p, f"{label}:same-as") for p in split_properties(text)
            )
    return claims


def _same_as(prop: str, context: SentenceContext, discourse: Discourse, relation: str) -> list[Claim] | None:
    """ "the same as Y" / "similar to Y" as a property: Y's claims of this relation, when known."""
    match = re.match(r"^(?:(?:are|is)\s+)?(?:the\s+)?(?:same\s+as|similar\s+to|as\s+with)\s+(.+)$", prop, re.IGNORECASE)
    if not match:
        return None
    target = match.group(1).lower()
    for subject, claims in discourse.claims_by_subject.items():
        subject_words = set(re.findall(r"[a-z]+", subject.lower()))
        if subject_words and subject_words <= set(re.findall(r"[a-z]+", target)):
            return [c for c in claims if c.relation == relation]
    for mention in context.mentions:
        if mention.text.lower() in target:
            return [c for c in discourse.claims_by_subject.get(mention.text, []) if c.relation == relation]
    return []


def _copy_claims(claims: list[Claim], owner: str, context: SentenceContext, label: str) -> list[Claim]:
    return [_make_claim(context, owner, c.relation, c.object, f"{label}:copied") for c in claims]


# ---------------------------------------------------------------- (dis)advantages from evaluative clauses


def evaluative_claims(
    context: SentenceContext, discourse: Discourse, cues: ClaimCues, owner_so_far: str
) -> list[Claim]:
    """Clauses about a method whose words carry a polarity: "This method is simple, efficient, and ..."."""
    claims: list[Claim] = []
    previous = owner_so_far
    for verb in _clause_heads(context.sent, cues):
        if verb.i in context.consumed or any(t.i in context.consumed for t in verb.children if t.dep_ in SUBJECT_DEPS):
            continue
        lemma = verb.lemma_.lower()
        if lemma in cues.definition_verbs or lemma in cues.result_verbs:
            continue
        if any(c.dep_ == "aux" and c.lower_ in cues.raw["deontic_modals"] for c in verb.children):
            continue  # "a system must ensure that it is nontoxic": a requirement, not a finding
        if lemma in cues.raw["reporting_verbs"] and any(c.dep_ == "ccomp" for c in verb.children):
            continue  # "X suggests that ...": the claim, if any, is in the reported clause
        subject = _clause_subject(verb)
        owner, whole_clause = _evaluated_owner(subject, verb, context, discourse, cues, previous)
        if not owner and previous and verb.dep_ == "conj" and not _opens_with(context.sent, verb, cues.contrast):
            owner, whole_clause = previous, True  # "..., and additional purification steps are required"
        if not owner:
            continue
        if lemma in cues.effect_direction and not whole_clause and not _verb_negated(verb, cues):
            continue  # "X improves Y" is an effect; "X does not affect Y" and "its activity is affected" evaluate
        found = _evaluated_parts(verb, subject, whole_clause, owner, context, cues)
        previous = owner if (found or not whole_clause) else previous
        claims.extend(found)
    return claims


def _evaluated_parts(
    verb: Token, subject: Token | None, whole_clause: bool, owner: str, context: SentenceContext, cues: ClaimCues
) -> list[Claim]:
    doc = context.sent.doc
    parts = [
        [t for t in part if t.i not in context.consumed]
        for part in _predicate_parts(verb, subject, whole_clause, context, cues)
        if not any(t._.get(CUE_EXTENSION) in ("advantage", "disadvantage") for t in part)
        and not any(_is_effect_verb(t, cues) for t in part if t.i != verb.i)
    ]
    if whole_clause:
        parts = [piece for part in parts for piece in _split_tokens(part, doc)]
    polarities = [_polarity(tokens, context, cues) for tokens in parts]
    total = sum(polarities)
    if total == 0:
        return []
    claims = []
    for tokens, polarity in zip(parts, polarities, strict=True):
        while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
            tokens = tokens[:-1]  # "... retains lipoproteins and": the conjunction belongs to the next clause
        text = _span_text(doc, [t.i for t in tokens])
        if not text or len(text) < 3:
            continue
        relation = "advantage" if (polarity or total) > 0 else "disadvantage"
        claims.append(_make_claim(context, owner, relation, text, "evaluation"))
        context.consumed |= {t.i for t in tokens}
    return claims


def _split_tokens(tokens: list[Token], doc: Doc) -> list[list[Token]]:
    """Atomic properties of a whole clause (split_properties on its text), mapped back to tokens."""
    if not tokens:
        return []
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = doc.text[start:end]
    pieces, cursor = [], start
    for piece in split_properties(text):
        found = doc.text.find(piece, cursor, end)
        if found < 0:
            continue
        span = doc.char_span(found, found + len(piece), alignment_mode="expand")
        cursor = found + len(piece)
        if span is not None:
            pieces.append([t for t in span if t in tokens or t.i in {x.i for x in tokens}])
    return [p for p in pieces if p] or [tokens]


def _is_effect_verb(token: Token, cues: ClaimCues) -> bool:
    return (
        token.pos_ == "VERB"
        and token.lemma_.lower() in cues.effect_direction
        and token.dep_ not in ("amod", "compound")
        and not _verb_negated(token, cues)
    )


def _clause_heads(sent: Span, cues: ClaimCues) -> list[Token]:
    """The sentence root and the verbs conjoined to it or to each other (each heads a clause). A verb without an
    object joins the next one ("can quickly separate and obtain exosomes"), so they make one property."""
    heads = []
    for token in sent:
        if token.dep_ == "ROOT" or (
            token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and token.head.pos_ in ("VERB", "AUX")
        ):
            if heads and token.dep_ == "conj" and token.head.i == heads[-1].i and _shares_object(heads[-1], token):
                continue
            heads.append(token)
    return heads


def _shares_object(first: Token, second: Token) -> bool:
    between = first.doc[first.i + 1 : second.i]
    has_object = any(c.dep_ in ("dobj", "obj", "acomp", "attr", "prep") for c in first.children if c.i < second.i)
    has_subject = any(c.dep_ in SUBJECT_DEPS for c in second.children)
    return not has_object and not has_subject and all(t.dep_ == "cc" or t.is_punct for t in between)


def _evaluated_owner(
    subject: Token | None, verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues, previous: str
) -> tuple[str, bool]:
    """(owner, whole_clause): whose property the clause states, and whether the subject belongs to the property
    ("its efficiency is low") or is the method itself ("this method is simple")."""
    if subject is None:
        return "", False
    tokens = list(subject.subtree)
    mention = _best_mention(_mentions_in({t.i for t in tokens}, context, allow_modifiers=False))
    if mention and subject.lemma_.lower() not in cues.good_attributes | cues.bad_attributes:
        return mention.text, False
    head = _anaphor_head([subject], cues)
    if head is not False and subject.lower_ not in ("they", "them"):  # "they found that ..." are the authors
        return discourse.resolve_anaphor(head or None), False
    possessed = [c for c in subject.children if c.dep_ == "poss" and c.lower_ in cues.anaphor_pronouns]
    if possessed:
        return previous or discourse.topic, True
    if (
        _opens_with(context.sent, verb, cues.contrast)
        and previous
        and any(t.lower_ in cues.anaphor_pronouns for t in verb.subtree)
    ):
        return previous, True
    # "At the same time, the extracted exosomes may be damaged": the product, continuing a list of drawbacks.
    if (
        subject.lemma_.lower() in cues.product_nouns
        and discourse.claimed_topic
        and discourse.topic
        and _opens_with(context.sent, verb, cues.continuation)
        and not _mentions_in({t.i for t in subject.subtree}, context)
    ):
        return discourse.topic, True
    return "", False


def _opens_with(sent: Span, verb: Token, markers) -> bool:
    start = verb.left_edge.i if verb.dep_ != "ROOT" else sent.start
    if verb.dep_ == "conj":
        # "X holds promise, but the low number ...": the conjunction hangs on the first clause
        before = start - 1
        while before > sent.start and sent.doc[before].is_punct:
            before -= 1
        if before >= sent.start and sent.doc[before].lower_ in markers:
            return True
    words = sent.doc[start : min(start + 5, sent.end)].text.lower()
    words = words.lstrip(", ")
    return any(words == m or words.startswith(m + " ") or words.startswith(m + ",") for m in markers)


def _predicate_parts(
    verb: Token, subject: Token | None, whole_clause: bool, context: SentenceContext, cues: ClaimCues
) -> list[list[Token]]:
    """One token list per conjoined property of the clause."""
    other_clauses = {
        t.i
        for c in verb.children
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not _shares_object(verb, c)
        for t in c.subtree
    }
    opening = subject.left_edge.i if subject is not None else verb.i
    skip = {
        t.i
        for c in verb.children
        if c.dep_ in ("cc", "mark") or (c.dep_ == "advmod" and c.i < opening)
        for t in c.subtree
    }
    if not whole_clause and subject is not None:
        skip |= {t.i for t in subject.subtree}
    skip |= {
        t.i
        for c in verb.children
        if c.dep_ == "prep" and c.i < (subject.i if subject is not None else verb.i)
        for t in c.subtree
    }
    tokens = [
        t for t in verb.subtree if t.i not in other_clauses and t.i not in skip and not t.is_punct or t.text == "-"
    ]
    tokens = [t for t in tokens if t.i not in other_clauses and t.i not in skip]
    if whole_clause:
        return [tokens] if tokens else []
    complements = [c for c in verb.children if c.dep_ in ("acomp",)]
    if verb.lemma_ == "be":
        if not complements:
            return []  # "X is a technique ...": a definition, not an evaluation
        parts = []
        for complement in [complements[0], *[c for c in complements[0].conjuncts if c.i > complements[0].i]]:
            conj_tokens = {t.i for c in complement.children if c.dep_ == "conj" for t in c.subtree}
            parts.append(
                [t for t in complement.subtree if t.i not in conj_tokens and t.dep_ != "cc" and not t.is_punct]
            )
        return [p for p in parts if p]
    body = [t for t in tokens if t.i >= verb.i or t.dep_ in ("aux", "neg", "advmod")]
    return [body] if body else []


def _polarity(tokens: list[Token], context: SentenceContext, cues: ClaimCues) -> int:
    """Positive for an advantage, negative for a drawback, 0 when the words say neither. Words inside a cause
    ("due to high-speed centrifugation") do not count; a negation flips the words in its scope only."""
    if not tokens:
        return 0
    indices = {t.i for t in tokens} - _cause_tokens(tokens, cues)
    flipped = _negation_scope(tokens, cues)
    score, used = 0, set()
    for token in tokens:
        if token.i not in indices or token.i in used:
            continue
        value = _word_value(token, cues, used)
        score += -value if token.i in flipped else value
    for label, sign in (("SHORT_TIME", 1), ("TIME_COST", -1)):
        score += sign * sum(1 for s, _ in context.matches.get(label, []) if s in indices and s not in used)
    return max(-1, min(1, score))


def _word_value(token: Token, cues: ClaimCues, used: set[int]) -> int:
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in cues.demand_verbs and token.pos_ == "VERB":
        # "requires special equipment" is a drawback, "requires a small number of samples" an advantage.
        objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
        used.update(t.i for o in objects for t in o.subtree)
        return 1 if objects and _quantity_modifier(objects[0], cues) < 0 else -1
    phrase = _attribute_phrase(token)
    if phrase in cues.good_attributes or phrase in cues.bad_attributes:
        lemma = phrase
    if lemma in cues.good_attributes or lemma in cues.bad_attributes or lower in cues.bad_attributes:
        valence = 1 if lemma in cues.good_attributes else -1
        modifier = _quantity_modifier(token, cues)
        if modifier:
            used.update(c.i for c in token.subtree)
            return valence * modifier
    if token.pos_ in ("NOUN", "PROPN") and lemma in cues.adjective_only:
        return 0  # "carrier complexes" is not "complex"
    if lemma in cues.positive or lower in cues.positive:
        return 1
    if lemma in cues.negative or lower in cues.negative:
        return -1
    return 0


def _cause_tokens(tokens: list[Token], cues: ClaimCues) -> set[int]:
    doc = tokens[0].doc
    found: set[int] = set()
    for token in tokens:
        for marker in cues.cause_markers:
            words = marker.split()
            if [t.lower_ for t in doc[token.i : token.i + len(words)]] == words:
                found |= {t.i for t in doc[token.i : tokens[-1].i + 1] if t.i >= token.i}
                return found
    return found


def _negation_scope(tokens: list[Token], cues: ClaimCues) -> set[int]:
    """Tokens whose value a negation flips: the subtree of the negated word, once per negation."""
    flipped: set[int] = set()
    for token in tokens:
        if token.lower_ not in cues.negators or token.dep_ not in (
            "neg",
            "det",
            "prep",
            "advmod",
            "aux",
            "ROOT",
            "conj",
        ):
            continue
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if token.lower_ == "not" and following == "only":
            continue
        head = token.head
        if (
            token.lower_ in ("no", "without", "lack")
            and head.lemma_.lower() in cues.bad_attributes | cues.good_attributes
        ):
            continue  # "no risk" is scored through the attribute's modifier
        scope = {t.i for t in head.subtree} - {token.i}
        flipped ^= scope
    return flipped


def _attribute_phrase(token: Token) -> str:
    """ "number of samples": a noun with its of-complement, for attributes whose valence depends on both."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return f"{token.lemma_.lower()} of {objects[0].lemma_.lower()}"
    return ""


def _quantity_modifier(token: Token, cues: ClaimCues) -> int:
    """+1 for "high yield" / "yield is high", -1 for "low efficiency" / "no need", 0 when unmodified."""
    words = [c for c in token.children if c.dep_ in ("amod", "det", "advmod", "nummod", "compound")]
    if token.dep_ in ("nsubj", "nsubjpass"):
        words += [c for c in token.head.children if c.dep_ in ("acomp", "attr")]
    if token.dep_ == "pobj" and token.head.head.pos_ == "ADJ":
        words.append(token.head.head)
    for word in words:
        lower = word.lower_
        if lower in cues.up:
            return 1
        if lower in cues.down:
            return -1
    return 0


# ---------------------------------------------------------------- effects


def effect_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    claims: list[Claim] = []
    for token in context.sent:
        if token.i in context.consumed:
            continue
        cue = token._.get(CUE_EXTENSION)
        labels = context.frames.get(token.i, set())
        participle = token.dep_ == "acl" and token.tag_ in ("VBN", "VBG")  # "exosomes secreted by ..."
        if "EFFECT_VERB" in labels and not participle:
            claims.extend(_verb_effect(token, cue, context, discourse, cues))
        elif "RESULT_VERB" in labels and not (token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "acl")):
            claims.extend(_result_effect(token, context, discourse, cues))
        elif token.lemma_.lower() in cues.comparative_verbs and token.pos_ == "VERB":
            claims.extend(_comparative_effect(token, context, discourse, cues))
        elif token.lemma_ == "be" and token.dep_ in ("ROOT", "ccomp", "conj"):
            claims.extend(_magnitude_effect(token, context, discourse, cues))
    return claims


def _is_inquiry(verb: Token, cues: ClaimCues) -> bool:
    """ "to determine the mechanism through which X is prevented", "investigated whether X reduces Y": asked, not
    claimed. A "that"-clause ("found that ...") is a claim."""
    for token in [verb, *verb.ancestors]:
        marks = [c.lower_ for c in token.children if c.dep_ in ("mark", "advmod", "nsubj", "pobj", "prep")]
        if any(m in cues.raw["inquiry_markers"] for m in marks):
            return True
        if "that" in [c.lower_ for c in token.children if c.dep_ == "mark"]:
            return False
        if token is not verb and token.lemma_.lower() in cues.raw["inquiry_verbs"]:
            return True
    return False


def _verb_effect(
    verb: Token, direction: str, context: SentenceContext, discourse: Discourse, cues: ClaimCues
) -> list[Claim]:
    if _is_inquiry(verb, cues):
        return []
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    # "elicits potent antitumor immunity": the parser may hang the object under a predicative adjective.
    objects = objects or [g for c in verb.children if c.dep_ == "oprd" for g in c.children if g.dep_ == "dobj"]
    # "to enhance targeting efficacy": a gerund parsed as the verb's complement is the object.
    objects = objects or [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"]
    subject_text = ""
    if passive:
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"] or (
            [_clause_subject(verb)] if _clause_subject(verb) is not None else []
        )
        if not patients:
            return []
        objects = patients
        agents = [c for c in verb.children if c.dep_ == "agent" and not _is_comparison(c)]
        for agent in agents:
            subject_text = _agent_text(list(agent.subtree), context, cues, discourse)
            if subject_text:
                break
    elif not objects and verb.lemma_.lower() in cues.ergative:
        subject = _clause_subject(verb)
        if subject is None:
            return []
        objects = [subject]
    elif objects:
        subject_text = _effect_subject(verb, context, discourse, cues)
    else:
        return []
    if not subject_text:
        subject_text = _cause_subject(verb, context, discourse, cues)
    if not subject_text and passive and _opens_with(context.sent, verb, cues.continuation):
        subject_text = discourse.effect_subject
    if not subject_text:
        return []
    if direction == "none" and not _is_strict_agent(subject_text, context, cues):
        return []
    claims = []
    for obj in objects:
        if obj.like_num or obj.pos_ in ("NUM", "PRON"):
            continue  # a citation number or a bare pronoun is no effect
        for text, obj_direction in _object_parts(obj, direction, context, cues):
            claims.append(_effect_claim(context, verb, subject_text, text, obj_direction, "effect:verb"))
    return claims


def _is_comparison(agent: Token) -> bool:
    return any(t.lemma_.lower() in ("comparison", "compare") for t in agent.subtree)


def _effect_subject(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """The treatment of an active effect verb: its subject (climbing through xcomp/conj/advcl), an instrument
    ("by/using X") when the subject is an investigator, else the sentence's method subject."""
    current, seen = verb, 0
    while current is not None and seen < 6:
        seen += 1
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            text = _agent_text(list(subject.subtree), context, cues, discourse, subject, direct=current is verb)
            if text:
                return text
            if _is_investigator(subject, cues):
                instrument = _instrument(verb, context, cues, discourse) or _only_treatment(context)
                if instrument:
                    return instrument
            break
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
            noun = current.head
            own = [
                t for t in noun.subtree if t.i <= noun.i or t.head.i == noun.i and t.dep_ == "prep" and t.lower_ == "of"
            ]
            own = [t for t in noun.subtree if t.i <= noun.i] + [
                t for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree
            ]
            text = _agent_text(own, context, cues, discourse, noun)
            if text:
                return text
            current = current.head.head
            continue
        if current.dep_ in (
            "conj",
            "xcomp",
            "advcl",
            "pcomp",
            "prep",
            "pobj",
            "acomp",
            "ccomp",
            "acl",
            "relcl",
            "attr",
        ):
            current = current.head
            continue
        break
    instrument = _instrument(verb, context, cues, discourse)
    if instrument:
        return instrument
    return _root_method(context)


def _only_treatment(context: SentenceContext) -> str:
    """ "Lee et al. ... using click chemistry to enhance Y": with the authors as subject and one method or
    treatment named in the sentence, that is what acted."""
    named = {m.text for m in context.mentions if m.source in ("lexicon", "entity") and not m.is_modifier}
    return named.pop() if len(named) == 1 else ""


def _root_method(context: SentenceContext) -> str:
    """ "Electroporation is a method to create ... and increase the permeability": the defined method."""
    root = context.sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    if root.lemma_ != "be" or not subjects:
        return ""
    mention = _best_mention(_mentions_in({t.i for t in subjects[0].subtree}, context, allow_modifiers=False))
    return mention.text if mention else ""


def _is_investigator(token: Token, cues: ClaimCues) -> bool:
    words = {t.lemma_.lower() for t in token.subtree} | {token.lower_}
    return (
        token.lemma_.lower() in cues.investigators
        or bool(words & {"al", "et"})
        or token.pos_ == "PROPN"
        and "al" in words
    )


def _instrument(verb: Token, context: SentenceContext, cues: ClaimCues, discourse: Discourse) -> str:
    """ "by passive diffusion of paclitaxel", "using copper-free click chemistry", "with membrane fusion liposomes"."""
    current, candidates = verb, []
    for _ in range(4):
        # "engineered the cells with liposomes": the phrase may hang on the verb or on its object.
        holders = [current, *[c for c in current.children if c.dep_ in ("dobj", "obj")]]
        for child in (c for h in holders for c in h.children):
            if child.lower_ in cues.instrument_preps and child.dep_ in ("prep", "agent", "advcl", "xcomp", "acl"):
                candidates.append(list(child.subtree))
        if current.dep_ in ("xcomp", "advcl", "conj", "pcomp", "prep") and current.head.i != current.i:
            current = current.head
        else:
            break
    mentions = [m for tokens in candidates for m in _mentions_in({t.i for t in tokens}, context)]
    if not mentions:
        return ""
    # "by passive diffusion of paclitaxel": the agent applied (a treatment) over the way it was applied.
    treatments = [m for m in mentions if _lexicon_type(m.text) == "treatment"]
    return (treatments or mentions)[0].text


def _agent_text(
    tokens: list[Token],
    context: SentenceContext,
    cues: ClaimCues,
    discourse: Discourse,
    head: Token | None = None,
    direct: bool = False,
) -> str:
    """The treatment named by a noun phrase, or "" when the phrase names none (investigators, quantities, ...)."""
    if not tokens:
        return ""
    head = head or _phrase_head(tokens)
    indices = {t.i for t in tokens}
    mention = _best_mention(_mentions_in(indices, context))
    if mention and mention.start == head.i and mention.end == head.i + 1:
        if head.lemma_.lower() in cues.method_heads or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in head.children
        ):
            return _noun_phrase_text(head)  # "pretreatment of the source cells", "knockdown of EPRS1"
    named = (mention.start, mention.end, mention.text) if mention else None
    if named is None:
        entity = next((e for e in head.doc.ents if e.start in indices and e.label_ in AGENT_ENTITY_LABELS), None)
        named = (entity.start, entity.end, clean_text(entity.text)) if entity is not None else None
    if named and head.pos_ == "NOUN" and not (named[0] <= head.i < named[1]):
        if head.lemma_.lower() in cues.raw["agent_modifier_heads"] and head.i < named[0] + 4:
            return _noun_phrase_text(head)  # "EPRS1 deficiency", "knockdown of X": the head changes the meaning
    if mention:
        return mention.text
    anaphor = _anaphor_head([head], cues)
    if anaphor and head.pos_ == "NOUN":
        return discourse.resolve_anaphor(anaphor)
    treated = _treatment_participle(tokens, cues)
    if treated:
        return treated
    if named:
        return named[2]
    if head.pos_ == "PRON":
        # Only "It elicits ...": an "it" further up ("it is urgent to improve ...") is an expletive.
        if head.lower_ == "it" and direct:
            return _main_subject(context, head, cues) or discourse.salient
        return ""
    if head.lemma_.lower() in cues.method_heads and not _specific_modifiers(head, cues):
        return ""  # "a method to create ...": the method is named elsewhere
    if _is_investigator(head, cues) or head.lemma_.lower() not in cues.agent_heads:
        return ""
    specific = _specific_modifiers(head, cues) or [
        c for c in head.children if c.dep_ in ("acl", "prep") and c.i > head.i
    ]
    if not specific and head.lemma_.lower() not in cues.strict_agent_heads:
        return ""  # bare "exosomes" or "cells" is a topic, not a treatment
    return _noun_phrase_text(head)


def _main_subject(context: SentenceContext, pronoun: Token, cues: ClaimCues) -> str:
    """ "Halofuginone may be used ... because it suppresses X": "it" in a subordinate clause is the main subject."""
    if pronoun.head.dep_ in ("ROOT",) or pronoun.head.i == context.sent.root.i:
        return ""
    subjects = [c for c in context.sent.root.children if c.dep_ in SUBJECT_DEPS and c.i != pronoun.i]
    if not subjects or subjects[0].pos_ == "PRON" or _is_investigator(subjects[0], cues):
        return ""
    discourse = Discourse()
    return _agent_text(list(subjects[0].subtree), context, cues, discourse, subjects[0])


def _specific_modifiers(head: Token, cues: ClaimCues) -> list[Token]:
    return [
        t
        for t in head.subtree
        if t.i < head.i
        and t.dep_ in ("amod", "compound", "npadvmod", "nmod")
        and t.lower_ not in cues.generic_modifiers
    ]


def _phrase_head(tokens: list[Token]) -> Token:
    indices = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in indices or t.head.i == t.i), tokens[0])


def _noun_phrase_text(head: Token) -> str:
    """The phrase without relative clauses, appositions in brackets and leading determiners."""
    drop = {t.i for c in head.children if c.dep_ in ("relcl", "appos", "punct") and c.i > head.i for t in c.subtree}
    drop |= {t.i for t in head.subtree if t.dep_ == "det" and t.head.i == head.i}
    indices = [t.i for t in head.subtree if t.i not in drop]
    text = _span_text(head.doc, indices)
    return PARENTHESIS.sub("", text).strip()


def _treatment_participle(tokens: list[Token], cues: ClaimCues) -> str:
    """ "exosomes secreted by TXL pretreated BMSCs" → "TXL"; "... co-incubated with paclitaxel" → "paclitaxel"."""
    for token in tokens:
        if token.lemma_.lower() not in cues.treatment_participles:
            continue
        for child in token.children:
            if (
                child.dep_ in ("npadvmod", "compound", "nmod", "advmod")
                and child.i < token.i
                and child.pos_ in ("PROPN", "NOUN")
            ):
                return clean_text(child.text)
            if child.dep_ == "prep" and child.lower_ in ("with", "by"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return _noun_phrase_text(objects[0])
            if child.dep_ == "dobj":
                return _noun_phrase_text(child)
    return ""


def _cause_subject(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """ "After multiple passages, Y is reduced", "with the increase in the number of passages, Y was reduced"."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ == "prep" and child.lower_ in cues.cause_preps:
                mentions = _mentions_in({t.i for t in child.subtree}, context)
                if mentions:
                    return _best_mention(mentions).text
        if current.dep_ == "conj":
            current = current.head
        else:
            break
    return ""


def _is_strict_agent(subject_text: str, context: SentenceContext, cues: ClaimCues) -> bool:
    """Neutral verbs ("affect", "regulate") need a clear treatment as subject, not any specific noun phrase."""
    if any(m.text == subject_text for m in context.mentions):
        return True
    words = subject_text.lower().split()
    return bool(words) and words[-1].rstrip("s") in {w.rstrip("s") for w in cues.strict_agent_heads}


def _result_effect(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "X resulted in increased Y", "X can lead to changes in Y", "X contributes to the production of Y"."""
    lemma = verb.lemma_.lower()
    particle = cues.result_verbs.get(lemma, "")
    targets = []
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and (not particle or child.lower_ == particle.split()[0]):
            targets += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        elif child.dep_ in ("dobj",) and not particle:
            targets.append(child)
        elif (
            child.dep_ in ("xcomp", "advcl") and child.pos_ == "VERB" and any(a.lower_ == "to" for a in child.children)
        ):
            targets.append(child)  # "contribute to recover the function"
    if not targets:
        return []
    subject_text = _effect_subject(verb, context, discourse, cues)
    if not subject_text:
        return []
    default = cues.result_direction.get(lemma, "none")
    claims = []
    for target in targets:
        if target.pos_ == "VERB":
            direction = cues.effect_direction.get(target.lemma_.lower(), default)
            text = _span_text(verb.doc, [t.i for t in target.subtree])
            claims.append(_effect_claim(context, verb, subject_text, text, direction, "effect:result"))
            continue
        for text, direction in _object_parts(target, default, context, cues):
            if direction == "none" and not _is_strict_agent(subject_text, context, cues):
                continue
            claims.append(_effect_claim(context, verb, subject_text, text, direction, "effect:result"))
    return claims


def _comparative_effect(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "X had a stronger anti-inflammatory effect", "X grow faster than Y", "X produce more and larger Z than Y"."""
    claims = []
    comparatives = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ in cues.comparative_dimensions]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    marked_objects = []
    for obj in objects:
        words = [c for c in obj.children if c.dep_ in ("amod", "advmod") and _comparative_direction(c, cues)]
        words += [w for c in words for w in c.conjuncts if _comparative_direction(w, cues)]
        if words:
            marked_objects.append((obj, words))
    if not comparatives and not marked_objects:
        return []
    subject_text = _effect_subject(verb, context, discourse, cues)
    if not subject_text:
        return []
    nominal = cues.nominalizations.get(verb.lemma_.lower(), verb.lemma_.lower())
    for word in comparatives:
        direction = _comparative_direction(word, cues) or "increase"
        claims.append(_effect_claim(context, verb, subject_text, nominal, direction, "effect:comparative"))
    for obj, words in marked_objects:
        for word in words:
            direction = _comparative_direction(word, cues)
            dimension = cues.comparative_dimensions.get(word.lower_, "")
            if dimension:
                noun = obj.lemma_ if obj.lemma_ else obj.text
                text = f"{nominal} of {noun}" if dimension == "amount" else f"{dimension} of {noun}"
                claims.append(_effect_claim(context, verb, subject_text, text, direction, "effect:comparative"))
                continue
            for text, _ in _object_parts(obj, direction, context, cues, drop={w.i for w in words}):
                claims.append(_effect_claim(context, verb, subject_text, text, direction, "effect:comparative"))
            break
    return claims


def _comparative_direction(token: Token, cues: ClaimCues) -> str:
    if token.tag_ not in ("JJR", "RBR", "VBN", "JJ") and token.lower_ not in ("more", "less"):
        return ""
    if token.tag_ == "JJ" and token.lower_ not in cues.modifier_direction:
        return ""
    return cues.modifier_direction.get(token.lower_, "")


def _magnitude_effect(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "The production of Y based on X is 20 times that of Z"."""
    magnitudes = [s for s, e in context.matches.get("MAGNITUDE", []) if verb.i < s <= verb.right_edge.i]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not magnitudes or not subjects:
        return []
    subject_tokens = list(subjects[0].subtree)
    mention = _best_mention(_mentions_in({t.i for t in subject_tokens}, context))
    if not mention:
        return []
    head = subjects[0]
    cut = min((c.i for c in head.subtree if c.dep_ in ("acl", "relcl") and c.i > head.i), default=head.right_edge.i + 1)
    text = _span_text(verb.doc, [t.i for t in head.subtree if t.i < cut and t.i < mention.start])
    magnitude = _magnitude(context)
    direction = "decrease" if magnitude and _magnitude_value(magnitude) < 1 else "increase"
    return [_effect_claim(context, verb, mention.text, text, direction, "effect:magnitude")]


def _object_parts(
    obj: Token, direction: str, context: SentenceContext, cues: ClaimCues, drop: set[int] | None = None
) -> list[tuple[str, str]]:
    """Atomic objects of an effect: coordinated nouns split, shared modifiers and "of" phrases distributed,
    "such as" lists preferred over their umbrella noun, direction words ("increased Y") moved to the direction."""
    drop = set(drop or ())
    doc = obj.doc
    such = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if such is not None:
        members = [c for c in such.children if c.dep_ == "pobj"]
        if members:
            return _object_parts(members[0], direction, context, cues, drop)
    for child in obj.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in cues.modifier_direction and child.i < obj.i:
            direction = cues.modifier_direction[child.lower_]
            drop.add(child.i)
    prefix = ""
    bracketed = [c for c in obj.children if c.dep_ == "appos" and c.i > obj.i and c.pos_ == "NOUN" and c.conjuncts]
    if bracketed and any(t.text == "(" for t in doc[obj.i : bracketed[0].i]):
        # "endothelial cell (HUVEC) proliferation, migration, and angiogenesis": the parser takes the bracket
        # for an apposition; the nouns after it are the coordinated heads, the words before it their modifier.
        prefix = _span_text(doc, [t.i for t in obj.subtree if t.i <= obj.i])
        obj = bracketed[0]
    heads = [obj, *[c for c in obj.conjuncts if c.i > obj.i and c.pos_ in ("NOUN", "PROPN")]]
    conj_tokens = {t.i for h in heads[1:] for t in h.subtree}
    parts = []
    for index, head in enumerate(heads):
        own = {t.i for t in head.subtree} - (conj_tokens if index == 0 else set())
        own -= {t.i for h in heads[index + 1 :] for t in h.subtree}
        own -= drop
        own = {i for i in own if not (doc[i].dep_ == "cc" and doc[i].head.i == head.i) and doc[i].text != ","}
        own -= {t.i for c in head.children if c.dep_ in ("relcl",) for t in c.subtree}
        parts.append((head, own))
    texts = []
    with_of = [_trailing_of(head, own) for head, own in parts]
    shared_of = next((o for o in with_of if o), "") if len(heads) > 1 and sum(1 for o in with_of if o) == 1 else ""
    for head, own in parts:
        text = f"{prefix} {_span_text(doc, own)}".strip()
        if shared_of and not any(doc[i].dep_ == "prep" and doc[i].head.i == head.i for i in own):
            text = f"{text} {shared_of}"
        texts.extend(_distribute_adjectives(head, own, text))
    return [(t, direction) for t in texts if t]


def _trailing_of(head: Token, own: set[int]) -> str:
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "in") and c.i in own]
    if not preps:
        return ""
    return _span_text(head.doc, [t.i for t in preps[0].subtree])


def _distribute_adjectives(head: Token, own: set[int], text: str) -> list[str]:
    """ "antioxidant, anti-inflammatory, and anti-apoptotic functions of exosomes" → three functions: the
    premodifiers of the head, split at "and"/commas, each joined to the head and what follows it."""
    doc = head.doc
    premodifiers = [i for i in own if i < head.i and doc[i].dep_ not in ("det", "poss")]
    if not premodifiers:
        return [text]
    before = list(range(min(premodifiers), head.i))
    groups: list[list[int]] = [[]]
    for i in before:
        if doc[i].dep_ == "cc" or doc[i].text == ",":
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(i)
    groups = [g for g in groups if g]
    if len(groups) < 2 or not all(doc[g[-1]].pos_ in ("ADJ", "NOUN", "PROPN", "VERB") for g in groups):
        return [text]
    rest = _span_text(doc, [i for i in own if i >= head.i])
    return [f"{_span_text(doc, group)} {rest}" for group in groups]


# ---------------------------------------------------------------- claim records


def _states_something(obj: str, cues: ClaimCues) -> bool:
    """False for leftovers of splitting such as "for example" or a lone determiner."""
    words = re.sub(r"[^a-z ]+", " ", obj.lower()).split()
    fillers = {w for phrase in cues.raw["filler_phrases"] for w in phrase.replace(".", "").split()}
    return any(len(w) > 2 and w not in fillers for w in words)


def _make_claim(context: SentenceContext, subject: str, relation: str, obj: str, cue: str) -> Claim:
    return Claim(
        subject=clean_text(subject),
        relation=relation,  # type: ignore[arg-type]
        object=clean_text(obj),
        evidence=[_evidence(context)],
        hedged=_hedged(context.sent, None, load_cues()),
        cue=cue,
    )


def _effect_claim(context: SentenceContext, verb: Token, subject: str, obj: str, direction: str, cue: str) -> Claim:
    cues = load_cues()
    claim = _make_claim(context, subject, "effect", obj, cue)
    claim.direction = direction  # type: ignore[assignment]
    claim.magnitude = _magnitude(context)
    claim.comparator = _comparator(context)
    claim.hedged = _hedged(context.sent, verb, cues)
    claim.negated = _verb_negated(verb, cues)
    return claim


def _evidence(context: SentenceContext) -> Evidence:
    sent, passage = context.sent, context.passage
    start = passage.char_start + sent.start_char
    return Evidence(
        source="text",
        text=sent.text.strip(),
        page=passage.page,
        section_path=passage.section_path,
        sentence_id=context.sentence.sentence_id if context.sentence else None,
        char_start=start,
        char_end=passage.char_start + sent.end_char,
    )


def _hedged(sent: Span, verb: Token | None, cues: ClaimCues) -> bool:
    scope = list(sent) if verb is None else [t for a in [verb, *verb.ancestors] for t in a.children] + [verb]
    scope += [t for t in sent if t.lemma_.lower() in ("suggest", "indicate", "imply", "speculate")]
    return any(t.lemma_.lower() in cues.hedges or t.lower_ in cues.hedges for t in scope if t.pos_ != "NOUN")


def _verb_negated(verb: Token, cues: ClaimCues) -> bool:
    chain = [verb, *[a for a in verb.ancestors if verb.dep_ in ("xcomp", "conj")][:1]]
    return any(c.dep_ == "neg" or c.lower_ in ("cannot", "fail", "unable") for v in chain for c in v.children) or any(
        v.lemma_.lower() in ("fail",) for v in verb.ancestors
    )


def _magnitude(context: SentenceContext) -> str:
    for start, end in context.matches.get("MAGNITUDE", []):
        text = context.sent.doc[start:end].text.lower()
        number = re.search(r"\d+(?:\.\d+)?", text)
        if "%" in text or "percent" in text:
            return f"{number.group(0)}%" if number else text
        if number and ("time" in text or "x" in text or "×" in text):
            return f"{number.group(0)}×"
        if number:
            return f"{number.group(0)}-fold"
        if text in ("double", "doubled"):
            return "2-fold"
        if text in ("triple", "tripled"):
            return "3-fold"
        word = text.removesuffix("fold")
        return f"{NUMBER_WORDS[word]}-fold" if word in NUMBER_WORDS else text
    return ""


def _magnitude_value(magnitude: str) -> float:
    number = re.search(r"\d+(?:\.\d+)?", magnitude)
    return float(number.group(0)) if number else 2.0


def _comparator(context: SentenceContext) -> str:
    doc = context.sent.doc
    for _, end in context.matches.get("COMPARATOR", []):
        token = doc[end - 1]
        targets = [c for c in token.children if c.dep_ == "pobj"]
        if not targets:
            targets = [c for t in token.children if t.dep_ == "prep" for c in t.children if c.dep_ == "pobj"]
        if not targets and token.lower_ == "than":
            targets = [c for c in token.children] or [token.head] if token.head.i != token.i else []
        if not targets and end < context.sent.end:
            following = doc[end]
            targets = [c for c in following.children if c.dep_ == "pobj"] if following.pos_ == "ADP" else [following]
        if targets:
            text = _span_text(doc, [t.i for t in targets[0].subtree])
            text = PARENTHESIS.sub("", text).strip()
            if text and not text[0].isdigit():
                return text
    return ""


# ---------------------------------------------------------------- discourse update


def _update_discourse(context: SentenceContext, discourse: Discourse, found: list[Claim], cues: ClaimCues) -> None:
    sent = context.sent
    topical = [
        m
        for m in context.mentions
        if not m.is_modifier and any(sent.doc[m.start].head.i == t.i or t.i == sent.doc[m.start].i for t in sent)
    ]
    subject_mentions = []
    for mention in topical:
        token = sent.doc[mention.end - 1]
        path = [token, *token.ancestors]
        if any(t.dep_ in SUBJECT_DEPS for t in path[:4]) or any(
            t._.get(CUE_EXTENSION) in ("advantage", "disadvantage") for t in path[:4]
        ):
            subject_mentions.append(mention)
    chosen = _best_mention(subject_mentions)
    if chosen:
        discourse.topic = chosen.text
    owners = [c.subject for c in found if c.relation != "effect" and "same-as" not in c.cue]
    if owners:
        discourse.topic = owners[0]
    discourse.claimed_topic = any(c.subject == discourse.topic for c in found if c.relation != "effect")
    for mention in context.mentions:
        if not mention.is_modifier:
            discourse.recent.append(mention.text)
    for claim in found:
        if claim.relation != "effect":
            discourse.claims_by_subject.setdefault(claim.subject, []).append(claim)
        else:
            discourse.effect_subject = claim.subject
    discourse.salient = _salient(sent, cues) or discourse.salient


def _salient(sent: Span, cues: ClaimCues) -> str:
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    if subjects and not _is_investigator(subjects[0], cues) and subjects[0].pos_ != "PRON":
        return _noun_phrase_text(subjects[0])
    objects = [c for c in root.children if c.dep_ in ("dobj", "obj")]
    if objects:
        return _noun_phrase_text(objects[0])
    return ""


def _lexicon_type(text: str) -> str:
    lexicon = load_lexicon()
    return lexicon.types.get(canonical_subject(text, lexicon=lexicon), "")
