"""The other side of a comparison: "X is more sensitive than Y", "X outperforms Y", "X is superior to Y", "X offers
several advantages over Y".

A comparison ranks two things on one aspect. The extractors before this one give the side the sentence is about (its
subject X); the compared thing Y gets the opposite judgement on the same aspect, written as the mirrored comparison
("Y  disadvantage  less sensitive than X", "Y  disadvantage  outperformed by X"), as gold/ANNOTATION.md asks. The
frames are syntactic and field-independent (models/claims/evaluative.json "comparison"):

- a comparative degree word with its "than"-phrase: "more/less ADJ than Y", "faster than Y", "better convergence
  than Y", "than that of Y" (Y is the of-phrase);
- a verb of ranking above with its direct object: "outperforms Y", "surpasses Y", "beats Y";
- a ranking adjective with its "to"-phrase: "superior to Y", "inferior to Y", "preferable to Y";
- a noun of advantage with its "over"-phrase: "advantages over Y", "an improvement over Y".

Y must itself look like a method, tool or material (the same test as the subject of an evaluative statement), never
a number ("more than 90%"), a pronoun or a person. A negated comparison ("did not show any advantage over Y") says
nothing definite about Y and gives no mirror.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from pipeline.extract.claims.prose import (
    ClaimCues,
    Discourse,
    SentenceContext,
    clause_subject,
    is_hedged,
    make_claim,
    noun_phrase_text,
    span_text,
)
from pipeline.extract.claims.prose_evaluative import (
    EVALUATIVE_PATH,
    _already_stated,
    _content_words,
    _method_owner,
    _object_text,
    _part_tokens,
    _verb_tokens,
    load_evaluative_words,
)
from pipeline.records import Claim

MAX_TAIL_TOKENS = 8  # what follows the compared thing in the mirror ("... in inferring gene expression")


@dataclass(frozen=True)
class ComparisonWords:
    mirrors: dict[str, str]  # comparative word -> its opposite ("faster" -> "slower", "more" -> "less")
    ranking_verbs: frozenset[str]  # "outperform": the subject ranks above the object
    ranking_adjectives: dict[str, str]  # "superior" -> "inferior" (with a "to"-phrase)
    advantage_nouns: dict[str, str]  # "advantage" -> "fewer advantages than" (with an "over"-phrase)
    emit_mirrors: bool  # the compared thing's mirrored claim (optional in the gold conventions)
    improving_verbs: frozenset[str]  # "improve ... over Y": the subject ranks above Y
    raising: frozenset[str]  # "more", "higher": the graded quality's own polarity
    lowering: frozenset[str]  # "less", "fewer", "lower": the graded quality's polarity turned round


@lru_cache(maxsize=1)
def load_comparison_words() -> ComparisonWords:
    data = json.loads(EVALUATIVE_PATH.read_text(encoding="utf-8"))["comparison"]
    return ComparisonWords(
        mirrors=dict(data["mirrors"]),
        ranking_verbs=frozenset(data["ranking_verbs"]),
        ranking_adjectives=dict(data["ranking_adjectives"]),
        advantage_nouns=dict(data["advantage_nouns"]),
        emit_mirrors=bool(data.get("emit_mirrors", True)),
        improving_verbs=frozenset(data["improving_verbs"]),
        raising=frozenset(data["raising"]),
        lowering=frozenset(data["lowering"]),
    )


@dataclass(frozen=True)
class Comparison:
    cue: Token  # the word that ranks: "more", "faster", "outperforms", "superior", "advantages"
    compared: Token  # the head of the compared thing Y
    kind: str  # "degree", "verb", "adjective", "noun", "improve"


def comparison_claims(
    context: SentenceContext, discourse: Discourse, cues: ClaimCues, found: list[Claim]
) -> list[Claim]:
    """Each comparison of the sentence: the subject's side when no other extractor stated it, and the mirrored claim
    about the compared thing."""
    words = load_comparison_words()
    evaluative = load_evaluative_words()
    made: list[Claim] = []
    for comparison in _comparisons(context, words):
        if _denied(comparison.cue):
            continue
        direction = _direction(comparison, cues, words)
        stated = _stating_claim(comparison, found + made)
        if stated is None and direction:
            stated = _stated_side(comparison, direction, context, discourse, cues, found + made)
            if stated is not None:
                made.append(stated)
        owner = _method_owner(comparison.compared, context, discourse, cues, evaluative)
        if stated is not None and not stated.comparator:
            # the output's comparator column: what the stated side is ranked against, as written
            stated.comparator = owner or noun_phrase_text(comparison.compared)
        if not words.emit_mirrors:
            continue
        if stated is None or not direction or (direction > 0) != (stated.relation == "advantage"):
            continue  # no side stated, a quality of unknown polarity, or a stated side that reads the other way
        if not owner or _same_thing(owner, stated.subject) or _unfinished(owner) or _unfinished(stated.subject):
            continue
        obj = _mirror_object(comparison, stated.subject, words)
        if not obj:
            continue
        relation = "disadvantage" if stated.relation == "advantage" else "advantage"
        claim = make_claim(context, owner, relation, obj, "comparison-mirror")
        claim.hedged = stated.hedged
        claim.comparator = stated.subject  # the mirror is ranked against the stated side's subject
        made.append(claim)
    return made


def _direction(comparison: Comparison, cues: ClaimCues, words: ComparisonWords) -> int:
    """+1 when the comparison ranks the subject above the compared thing on a good quality (or below on a bad
    one), -1 the other way round, 0 when the quality's polarity is not known."""
    cue = comparison.cue
    if comparison.kind in ("verb", "noun", "improve"):
        return 1
    if comparison.kind == "adjective":
        return 1 if cue.lower_ in ("superior", "preferable") else -1
    evaluative = load_evaluative_words()
    lower = cue.lower_
    if lower in words.raising or lower in words.lowering:
        # "more sensitive", "higher accuracy", "fewer errors", "more accurately": the graded word decides
        quality = cue.head if cue.head.i != cue.i else cue
        value = _quality_value(quality, cues, evaluative)
        return value if lower in words.raising else -value
    return _quality_value(cue, cues, evaluative)  # "faster", "better", "cheaper", "worse": the word itself


def _quality_value(token: Token, cues: ClaimCues, evaluative) -> int:
    forms = {token.lower_, token.lemma_.lower()}
    if token.lemma_.lower() in ("good", "well"):
        return 1
    if token.lemma_.lower() in ("bad", "badly", "ill"):
        return -1
    if forms & (evaluative.positive | evaluative.positive_manner | cues.good_attributes):
        return 1
    if forms & (evaluative.negative | evaluative.negative_manner | cues.bad_attributes):
        return -1
    return 0


def _stated_side(
    comparison: Comparison,
    direction: int,
    context: SentenceContext,
    discourse: Discourse,
    cues: ClaimCues,
    found: list[Claim],
) -> Claim | None:
    """The subject's own side of a comparison no other extractor stated: "X outperformed Y in ...", "X was superior
    to Y", "X demonstrated an improvement over Y", "..., outperforming Y" (the main clause's subject)."""
    evaluative = load_evaluative_words()
    predicate = comparison.cue
    while predicate.pos_ not in ("VERB", "AUX") and predicate.head.i != predicate.i:
        predicate = predicate.head
    if predicate.pos_ not in ("VERB", "AUX") or predicate.dep_ in ("pcomp", "amod", "acl", "csubj"):
        return None  # "in addition to outperforming Y", "a model outperforming Y": not a clause of its own
    if predicate.lemma_.lower() in evaluative.reporting_verbs and predicate.i != comparison.cue.i:
        return None  # "they showed their model more accurately ...": the reported clause was not parsed as one
    subject = clause_subject(predicate)
    if subject is not None and predicate.dep_ == "relcl" and subject.lower_ in ("which", "that", "who"):
        subject = predicate.head  # "X, which significantly improves Y over Z": the antecedent
    if subject is None or subject.dep_ == "expl" or subject.i > predicate.i:
        return None
    owner = _method_owner(subject, context, discourse, cues, evaluative)
    if not owner:
        return None
    if predicate.lemma_.lower() == "be":
        part = comparison.cue
        while part.head.i != predicate.i and part.head.i != part.i:
            part = part.head
        tokens = _part_tokens(part)
        tokens += [c for c in predicate.children if c.dep_ in ("neg", "advmod") and part.i - 3 <= c.i < part.i]
    else:
        tokens = _verb_tokens(predicate, subject)
    obj = _object_text(tokens, predicate, subject, evaluative)
    if len(_content_words(obj)) < 2 or _already_stated(obj, found):
        return None
    relation = "advantage" if direction > 0 else "disadvantage"
    claim = make_claim(context, owner, relation, obj, "comparison")
    claim.hedged = is_hedged(context.sent, predicate, cues)
    return claim


def _comparisons(context: SentenceContext, words: ComparisonWords) -> list[Comparison]:
    found: list[Comparison] = []
    for token in context.sent:
        lower, lemma = token.lower_, token.lemma_.lower()
        if lower == "than":
            compared = _object_of(token)
            cue = _degree_word(token.head, words)
            if compared is not None and cue is not None:
                found.append(Comparison(cue, compared, "degree"))
        elif lower == "over" and token.head.pos_ == "NOUN" and _degree_word(token.head, words) is not None:
            compared = _object_of(token)  # "better clustering performance over Y"
            if compared is not None:
                found.append(Comparison(_degree_word(token.head, words), compared, "degree"))
        elif lemma == "compare" and token.tag_ == "VBN" and token.dep_ in ("prep", "advcl", "acl"):
            comparison = _compared_with(token, words)
            if comparison is not None:
                found.append(comparison)
        elif token.pos_ == "VERB" and lemma in words.improving_verbs and not _passive(token):
            compared = _improved_over(token)
            if compared is not None:
                found.append(Comparison(token, compared, "improve"))
        elif token.pos_ == "VERB" and lemma in words.ranking_verbs:
            if _passive(token):
                continue  # "Y is outperformed by X": the sentence is about Y; its own claim says it
            objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
            if objects:
                found.append(Comparison(token, objects[0], "verb"))
        elif lower in words.ranking_adjectives:
            preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"]
            compared = _object_of(preps[0]) if preps else None
            if compared is not None:
                found.append(Comparison(token, compared, "adjective"))
        elif lemma in words.advantage_nouns and token.pos_ == "NOUN":
            preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "over"]
            compared = _object_of(preps[0]) if preps else None
            if compared is not None:
                found.append(Comparison(token, compared, "noun"))
    return found


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _object_of(preposition: Token) -> Token | None:
    """The head of the compared phrase; "than that of Y", "than those of Y": Y."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects:
        return None
    head = objects[0]
    if head.lower_ in ("that", "those", "the"):
        inner = [
            g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
        return inner[0] if inner else None
    if head.like_num or head.pos_ in ("NUM", "PRON", "ADJ", "ADV"):
        return None  # "more than 90%", "better than before": no compared thing
    return head


def _degree_word(head: Token, words: ComparisonWords) -> Token | None:
    """The word that ranks in "more/less ADJ than", "faster than", "better convergence than", "more robust
    estimates than" (the degree word on the noun's adjective)."""
    near = [c for c in head.children if c.dep_ in ("advmod", "amod") and c.i < head.i]
    # "more robust uncertainty estimates than Y": the graded adjective on the compound's first noun
    compounds = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    near += [g for c in compounds for g in c.children if g.dep_ == "amod" and g.i < c.i]
    near += [g for c in near for g in c.children if g.dep_ == "advmod" and g.i < c.i]
    for candidate in (head, *near):
        if candidate.lower_ in words.mirrors or candidate.tag_ in ("JJR", "RBR"):
            return candidate
    return None


def _compared_with(token: Token, words: ComparisonWords) -> Comparison | None:
    """ "X more accurately stratified patients compared to Y", "X achieved higher accuracy compared with Y": the
    comparative degree word of the clause the "compared to"-phrase qualifies."""
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "with")]
    compared = _object_of(preps[0]) if preps else None
    if compared is None:
        return None
    clause = token.head
    for candidate in clause.subtree:
        if candidate.i < token.i and (candidate.lower_ in words.mirrors or candidate.tag_ in ("JJR", "RBR")):
            if candidate.lower_ not in ("earlier", "later", "longer") and not candidate.like_num:
                return Comparison(candidate, compared, "degree")
    return None


def _improved_over(token: Token) -> Token | None:
    """ "X improves contact prediction over Y", "X improved accuracy over Y": the compared thing of a verb of
    improving (the "over"-phrase on the verb or on its object)."""
    places = [token, *[c for c in token.children if c.dep_ in ("dobj", "obj")]]
    for place in places:
        for prep in place.children:
            if prep.dep_ == "prep" and prep.lower_ == "over":
                return _object_of(prep)
    return None


def _denied(cue: Token) -> bool:
    """ "did not show any advantage over Y", "is not faster than Y": the comparison is denied."""
    for token in (cue, *cue.ancestors):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
            return True
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("xcomp", "amod", "acomp"):
            return False
    return False


def _stating_claim(comparison: Comparison, found: list[Claim]) -> Claim | None:
    """The advantage or drawback of this sentence whose object holds the comparison (its ranking word and the
    compared thing's head)."""
    cue_words = _content_words(comparison.cue.text) or {comparison.cue.lower_}
    compared_words = _content_words(comparison.compared.text)
    for claim in found:
        if claim.relation not in ("advantage", "disadvantage") or claim.negated:
            continue
        words = _content_words(claim.object) | {w.lower() for w in claim.object.split()}
        if cue_words & words and compared_words <= words:
            return claim
    return None


def _compared_owner(compared: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """The compared thing's name when it looks like a method, tool or material."""
    return _method_owner(compared, context, discourse, cues, load_evaluative_words())


def _unfinished(name: str) -> bool:
    """ "Gaussian dropconnect and": a phrase cut by a misparse ends on a word that cannot end a noun phrase."""
    words = name.lower().split()
    return not words or words[-1] in ("and", "or", "of", "the", "a", "an", "to", "with", "by", "for")


def _same_thing(first: str, second: str) -> bool:
    a, b = _content_words(first), _content_words(second)
    return not a or not b or a <= b or b <= a


def _mirror_object(comparison: Comparison, stated_subject: str, words: ComparisonWords) -> str:
    """The comparison turned round: the ranking word's opposite, the stated subject in the compared thing's place,
    and what qualified the comparison after the compared thing ("... in inferring gene expression")."""
    cue, compared = comparison.cue, comparison.compared
    doc = cue.doc
    compared_span = set(range(compared.left_edge.i, compared.right_edge.i + 1))
    tail = _tail(cue, compared)
    if comparison.kind == "improve":
        return f"improved on by {stated_subject} {span_text(doc, tail)}".strip()
    if comparison.kind == "verb":
        head = f"{cue.lower_ if cue.tag_ == 'VBN' else _participle(cue)} by"
        return f"{head} {stated_subject} {span_text(doc, tail)}".strip()
    if comparison.kind == "adjective":
        return f"{words.ranking_adjectives[cue.lower_]} to {stated_subject} {span_text(doc, tail)}".strip()
    if comparison.kind == "noun":
        return f"{words.advantage_nouns[cue.lemma_.lower()]} {stated_subject} {span_text(doc, tail)}".strip()
    # "more sensitive than Y", "better convergence of the models than Y": from the ranking word up to the compared
    # thing, with the word turned round
    between = [i for i in range(cue.i + 1, compared.left_edge.i) if i not in compared_span]
    if len(between) > 12:
        return ""
    opposite = words.mirrors.get(cue.lower_) or f"less {cue.lemma_.lower()}"
    middle = span_text(doc, between)
    return f"{opposite} {middle} {stated_subject} {span_text(doc, tail)}".replace("  ", " ").strip()


def _participle(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    return lemma + ("d" if lemma.endswith("e") else "ed")


def _tail(cue: Token, compared: Token) -> list[int]:
    """Prepositional phrases after the compared thing that qualify the comparison ("in predicting X", "on QED")."""
    end = compared.right_edge.i
    anchor = cue if cue.pos_ == "VERB" else cue.head
    tail: list[int] = []
    for child in anchor.children:
        if child.i > end and child.dep_ in ("prep", "npadvmod") and child.lower_ not in ("than", "to", "over"):
            tail = [t.i for t in child.subtree]
            break
    return tail[:MAX_TAIL_TOKENS]
