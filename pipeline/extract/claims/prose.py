"""Shared ground of the prose-claim extractors: cue data, matchers, mentions, discourse state, spans, claim records.

The word lists live in models/claims/cues.json, the patterns in models/claims/*.jsonl and the method lexicon in
models/lexicons/methods.jsonl; see pipeline/extract/claims/from_text.py for how the extractors use them.
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

from pipeline.config import models_dir
from pipeline.extract.claims.dependency_matcher import GatedDependencyMatcher
from pipeline.extract.claims.guard import general_words
from pipeline.extract.normalize import canonical_subject, load_lexicon
from pipeline.records import Claim, Evidence, Passage, Sentence

MODELS_DIR = models_dir()


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
        dependencies = GatedDependencyMatcher(nlp_vocab)
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


class AliasDocMaker:
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
    open_list: tuple[str, str] | None = None  # (owner, relation) of a cue ending in ":" whose items follow
    taxon: str = ""  # last binomial name written ("Melissa officinalis", "G. hederacea"), for "the plant"
    method_names: set[str] = field(default_factory=set)  # names the document gives a method ("VESPA, software ...")
    main_method: str = ""  # the one method a paper presents, when its name dominates ("VESPA" in the VESPA paper)
    # product anaphors resolved in a coordination ("the extract and carnosol"): noun -> (passage id, antecedent)
    resolved_products: dict[str, tuple[int, str]] = field(default_factory=dict)

    def resolve_anaphor(self, head: str | None, context: SentenceContext | None = None, position: int = -1) -> str:
        """ "this method", "it": a method that is the subject of an earlier clause of the same sentence ("Although
        UC is the gold standard, it is slow"), else for "the <head>" the last mention with that head, else the
        topic of the section."""
        if head and head in load_cues().raw["evaluation"]["tool_heads"]:
            # "the package", "the software": the tool the paper presents, or the last one named with that noun; not
            # the section's topic (a tool noun can point at a tool the topic only uses)
            named = [text for text in reversed(self.recent) if head in text.lower()]
            return self.main_method or (named[0] if named else "")
        specific = head and head not in ("method", "technique", "approach", "technology", "strategy")
        if context is not None and position >= 0:
            earlier = [m for m in subject_mentions(context) if m.end <= position]
            if specific:
                earlier = [m for m in earlier if head in m.text.lower()] or earlier
            if earlier:
                return earlier[-1].text
        if specific:
            for text in reversed(self.recent):
                if head in text.lower():
                    return text
        return self.topic or self.main_method

    def antecedent(self, context: SentenceContext, position: int) -> str:
        """The antecedent in an earlier sentence of the anaphor at `position`, only when a ranking of the section's
        noun phrases is confident ("" here; discourse.SectionDiscourse ranks them). For anaphors the section's topic
        must not answer ("they", "these nanoparticles")."""
        return ""

    def points_back(self, subject: Token) -> bool:
        """Whether a subject is a pointer with no noun of its own ("This", "the latter") that only `antecedent` may
        resolve (False here; discourse.SectionDiscourse knows the words)."""
        return False


@dataclass
class SentenceContext:
    sent: Span
    passage: Passage
    sentence: Sentence | None
    mentions: list[Mention]
    matches: dict[str, list[tuple[int, int]]]  # token-pattern label -> (start, end)
    frames: dict[int, set[str]] = field(default_factory=dict)  # token index -> dependency-pattern labels anchored there
    consumed: set[int] = field(default_factory=set)  # tokens already used by an (dis)advantage claim


def subject_mentions(context: SentenceContext) -> list[Mention]:
    """Mentions that are (part of) the subject of a clause of the sentence."""
    doc = context.sent.doc
    found = []
    for mention in context.mentions:
        if mention.is_modifier:
            continue
        path = [doc[mention.end - 1], *doc[mention.end - 1].ancestors][:4]
        if any(t.dep_ in SUBJECT_DEPS for t in path):
            found.append(mention)
    return found


def mentions_in(tokens: set[int], context: SentenceContext, allow_modifiers: bool = True) -> list[Mention]:
    return [m for m in context.mentions if m.start in tokens and (allow_modifiers or not m.is_modifier)]


def best_mention(mentions: list[Mention]) -> Mention | None:
    if not mentions:
        return None
    ranked = sorted(mentions, key=lambda m: ({"lexicon": 0, "entity": 1, "phrase": 2}[m.source], m.start))
    return ranked[0]


def named_in_apposition(noun: Token) -> bool:
    """A noun with a name right after it in apposition ("the function stepComponent", "the package strucchange"):
    a coined word (inner capitals, digits, dots or underscores, or a word general English does not know) or a proper
    noun. Such a phrase names its thing, so it points back to nothing."""
    follower = noun.doc[noun.i + 1] if noun.i + 1 < noun.sent.end else None
    if follower is None or follower.head != noun or follower.dep_ not in ("appos", "compound", "npadvmod"):
        return False
    text = follower.text
    coined = any(ch.isupper() for ch in text[1:]) or any(ch.isdigit() or ch in "._" for ch in text)
    vocabulary = general_words()
    unknown = bool(vocabulary) and text.isalpha() and text.lower() not in vocabulary
    return follower.pos_ == "PROPN" or coined or unknown


def anaphor_head(tokens: list[Token], cues: ClaimCues) -> str | None | bool:
    """The head noun of "this method" / "the device", "" for a bare pronoun, False when not an anaphor."""
    for token in tokens:
        lower = token.lower_
        if lower in cues.anaphor_pronouns and token.pos_ == "PRON":
            return ""
        # "the software", "this pipeline": a tool's head noun points back like a method's
        tool = token.lemma_.lower() in cues.raw["evaluation"]["tool_heads"]
        if (token.lemma_.lower() in cues.method_heads or tool) and token.pos_ == "NOUN":
            determiners = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
            if determiners and determiners[0] in cues.anaphor_determiners and not named_in_apposition(token):
                return token.lemma_.lower()  # "the function stepComponent" names its function: no anaphor
    return False


def resolve_owner(
    tokens: list[Token], context: SentenceContext, discourse: Discourse, cues: ClaimCues, fallback: bool
) -> str:
    """The method a cue or clause is about: a mention among the tokens, else an anaphor or product noun → topic.

    An explicit owner that is not a method ("the bottleneck for exosomes") gives "" (no claim), unless `fallback`.
    """
    indices = {t.i for t in tokens}
    mention = best_mention(mentions_in(indices, context))
    if mention:
        return mention.text
    head = anaphor_head(tokens, cues)
    if head is not False:
        return discourse.resolve_anaphor(head or None, context, min(t.i for t in tokens))
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    if nouns and all(t.lemma_.lower() in cues.product_nouns or t.dep_ != "ROOT" for t in nouns[-1:]):
        if nouns[-1].lemma_.lower() in cues.product_nouns:
            return discourse.topic
    return discourse.topic if fallback or not nouns else ""


def clean_text(text: str) -> str:
    text = CITATION.sub("", text)
    text = FIGURE_REFERENCE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:•▪●◦‣")  # a list's bullet ("• amsmath is useful") is no word
    return re.sub(r"\s+(?:as well|also)$", "", text)


def span_text(doc: Doc, indices: set[int] | list[int]) -> str:
    """The text of the chosen tokens in reading order (gaps left by removed conjuncts closed)."""
    if not indices:
        return ""
    ordered = [i for i in sorted(indices) if i not in _citation_tokens(doc, min(indices), max(indices))]
    chosen = set(ordered)
    text = "".join(doc[i].text_with_ws if i + 1 in chosen else doc[i].text + " " for i in ordered)
    return clean_text(text)


def _citation_tokens(doc: Doc, start: int, end: int) -> set[int]:
    """Tokens of bracketed reference numbers ("[47]", "[53–55]") between start and end."""
    found: set[int] = set()
    opened = None
    texts = _token_texts(doc)
    for i in range(start, min(end + 2, len(doc))):
        text = texts[i]
        if text == "[":
            opened = i
        elif text == "]" and opened is not None:
            inside = doc[opened + 1 : i]
            if all(t.like_num or t.is_punct or t.text in ("–", "-") for t in inside):
                found |= set(range(opened, i + 1))
            opened = None
    return found


_LAST_DOC_TEXTS: list = [None, []]  # the last Doc asked about (held, so its id is not reused) and its token texts


def _token_texts(doc: Doc) -> list[str]:
    """The Doc's token texts, listed once per Doc: a claim's spans are cleaned many times in one passage, and
    each `doc[i]` makes a Token object."""
    if _LAST_DOC_TEXTS[0] is not doc:
        _LAST_DOC_TEXTS[:] = [doc, [token.text for token in doc]]
    return _LAST_DOC_TEXTS[1]


def clause_end(sent: Span, start: int, cues: ClaimCues, stop_at_clauses: bool = True) -> int:
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


def strip_leading(doc: Doc, start: int, end: int, words: set[str]) -> int:
    while start < end and (doc[start].lower_ in words or doc[start].is_punct):
        start += 1
    return start


def clause_subject(verb: Token | None) -> Token | None:
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


def is_effect_verb(token: Token, cues: ClaimCues) -> bool:
    return (
        token.pos_ == "VERB"
        and token.lemma_.lower() in cues.effect_direction
        and token.dep_ not in ("amod", "compound")
        and not (token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"))  # "A, B, and stabilizing agents"
        and not verb_negated(token, cues)
    )


def opens_with(sent: Span, verb: Token, markers) -> bool:
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


def is_investigator(token: Token, cues: ClaimCues) -> bool:
    words = {t.lemma_.lower() for t in token.subtree} | {token.lower_}
    return (
        token.lemma_.lower() in cues.investigators
        or bool(words & {"al", "et"})
        or token.pos_ == "PROPN"
        and "al" in words
    )


def noun_phrase_text(head: Token) -> str:
    """The phrase without relative clauses, appositions in brackets and leading determiners."""
    drop = {t.i for c in head.children if c.dep_ in ("relcl", "appos", "punct") and c.i > head.i for t in c.subtree}
    drop |= {t.i for t in head.subtree if t.dep_ == "det" and t.head.i == head.i}
    indices = [t.i for t in head.subtree if t.i not in drop]
    text = span_text(head.doc, indices)
    return PARENTHESIS.sub("", text).strip()


def states_something(obj: str, cues: ClaimCues) -> bool:
    """False for leftovers of splitting such as "for example" or a lone determiner."""
    words = re.sub(r"[^a-z ]+", " ", obj.lower()).split()
    fillers = {w for phrase in cues.raw["filler_phrases"] for w in phrase.replace(".", "").split()}
    return any(len(w) > 2 and w not in fillers for w in words)


def without_leading_fillers(text: str, cues: ClaimCues) -> str:
    """ "For instance, DeepChrome CNN" -> "DeepChrome CNN"; "(i.e., Ser886" -> "Ser886"."""
    fillers = sorted(cues.raw["filler_phrases"], key=len, reverse=True)
    pattern = "|".join(re.escape(f).replace(r"\ ", r"\s+") + r"\.?" for f in fillers)
    previous = None
    while previous != text:
        previous = text
        text = re.sub(rf"^\s*[(\[]?\s*(?:{pattern})\s*[,:]?\s+", "", text, flags=re.IGNORECASE).lstrip("([ ,")
    return text


def make_claim(context: SentenceContext, subject: str, relation: str, obj: str, cue: str) -> Claim:
    return Claim(
        subject=without_leading_fillers(clean_text(subject), load_cues()),
        relation=relation,  # type: ignore[arg-type]
        object=clean_text(obj),
        evidence=[_evidence(context)],
        hedged=is_hedged(context.sent, None, load_cues()),
        cue=cue,
    )


def _evidence(context: SentenceContext) -> Evidence:
    sent, passage = context.sent, context.passage
    start = passage.char_start + sent.start_char
    return Evidence(
        source="text",
        text=sent.text.strip(),
        page=passage.page_at(sent.start_char),
        section_path=passage.section_path,
        sentence_id=context.sentence.sentence_id if context.sentence else None,
        char_start=start,
        char_end=passage.char_start + sent.end_char,
    )


def is_hedged(sent: Span, verb: Token | None, cues: ClaimCues) -> bool:
    scope = list(sent) if verb is None else [t for a in [verb, *verb.ancestors] for t in a.children] + [verb]
    scope += [t for t in sent if t.lemma_.lower() in ("suggest", "indicate", "imply", "speculate")]
    return any(t.lemma_.lower() in cues.hedges or t.lower_ in cues.hedges for t in scope if t.pos_ != "NOUN")


def verb_negated(verb: Token, cues: ClaimCues) -> bool:
    chain = [verb, *[a for a in verb.ancestors if verb.dep_ in ("xcomp", "conj")][:1]]
    return any(c.dep_ == "neg" or c.lower_ in ("cannot", "fail", "unable") for v in chain for c in v.children) or any(
        v.lemma_.lower() in ("fail",) for v in verb.ancestors
    )


def lexicon_type(text: str) -> str:
    lexicon = load_lexicon()
    return lexicon.types.get(canonical_subject(text, lexicon=lexicon), "")
