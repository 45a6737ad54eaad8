"""A loose claim-candidate generator for the learned claim step (learned.py): every clause's subject and predicate.

The rule extractors (prose_*.py) only speak when a cue word fires, so they miss what is phrased another way. This
generator proposes a (subject, object) pair for every clause of a prose sentence, with no cue needed, and leaves
the choice of relation (effect / advantage / disadvantage / none) to a trained classifier:

- subject: the full noun phrase of the clause's nsubj/nsubjpass (inherited by conjoined, xcomp and advcl verbs;
  a relative clause's subject is the noun it modifies; a passive's "by" agent is the acting subject); a pronoun or
  a "this method" phrase also gets the previous sentence's subject as a resolved variant; each item of a
  coordinated subject ("A and B reduce Y") is a subject of its own;
- object: the predicate phrase (verb and complements, or a copula's attribute / adjective), and, as the gold
  conventions split lists (gold/ANNOTATION.md: one atomic property per line), one variant per item of each
  coordination inside it, both with the verb ("reduced A") and alone ("A"); a cue noun's "X of Y" ("the
  advantages of X are ...") gives X as the subject of the complement.

Every variant is kept as its own candidate; `kind` says which variant it is, so the classifier can learn which
shapes the gold writes. Nothing here is keyed to a paper: only the dependency parse.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.extract.claims.prose import PARENTHESIS, SUBJECT_DEPS, span_text

CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp"}
DROPPED_FROM_PREDICATE = {"aux", "auxpass", "mark", "punct", "cc", "advmod", "discourse", "intj", "dep", "meta"}
PRONOUN_SUBJECTS = {"it", "they", "this", "these", "that", "those", "which", "who", "both", "its", "their"}
POINTING_DETERMINERS = {"this", "these", "such", "that", "those", "the"}
MAX_OBJECT_TOKENS = 30  # a longer predicate is a sentence's rest, never one property
CAUSE_PREPS = {"with", "after", "following", "upon", "by", "through", "via"}  # "Y fell after X": X acts


@dataclass
class Candidate:
    """One loose (subject, object) proposal from one clause of one sentence."""

    subject: str
    object: str
    kind: str  # which variant: "predicate", "item", "verb+item", "complement", "purpose", ...
    subject_kind: str  # "nsubj", "agent", "inherited", "relcl", "cause-prep", "conj-subject", "of-object",
    # "resolved-<previous|paragraph|section|heading>"; "-full" when the phrase keeps its modifiers
    sent: Span
    verb: Token
    subject_head: Token | None
    object_head: Token | None


def noun_phrase(head: Token, drop_conjuncts: bool = False, end: int | None = None) -> str:
    """The noun phrase under `head` without relative clauses, appositions and leading determiners (and without
    any word from `end` on)."""
    drop = {
        t.i
        for c in head.children
        if (c.dep_ in ("relcl", "appos", "acl") and c.i > head.i) or (drop_conjuncts and c.dep_ in ("conj", "cc"))
        for t in c.subtree
    }
    drop |= {c.i for c in head.children if c.dep_ == "det" or (c.dep_ == "punct" and c.i > head.i)}
    indices = [t.i for t in head.subtree if t.i not in drop and (end is None or t.i < end)]
    return PARENTHESIS.sub("", span_text(head.doc, indices)).strip()


def _subtree_without(token: Token, skipped: set[int]) -> list[int]:
    """Indices of `token`'s subtree, leaving out the subtrees rooted at the `skipped` tokens."""
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        if current.i in skipped:
            continue
        out.append(current.i)
        stack.extend(current.children)
    return sorted(out)


def _is_clause_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.pos_ == "AUX" and token.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl"):
        return False  # an auxiliary of another verb
    if token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        return False  # "A, B, and stabilizing agents": a participle inside a noun list
    return token.dep_ in CLAUSE_DEPS


def clause_subjects(verb: Token) -> list[tuple[Token, str]]:
    """(subject head, how it was found) of a clause verb."""
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    found = [(s, "nsubj") for s in own] + [(a, "agent") for a in agents]
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        found.append((verb.head, "relcl"))  # "X, which reduces Y": X acts
    if not own and not (verb.dep_ == "relcl"):
        current = verb
        while current.dep_ in ("conj", "xcomp", "advcl", "acl") and current.head.i != current.i:
            current = current.head
            inherited = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
            if inherited:
                found.append((inherited[0], "inherited"))
                break
            if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
                break
    return found


def _predicate_indices(verb: Token) -> tuple[list[int], Token | None, str]:
    """The predicate's tokens (verb + complements), its main complement, and whether it is a copula's."""
    skipped = {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS or c.dep_ in ("agent", "conj", "cc", "punct")}
    skipped |= {c.i for c in verb.children if c.dep_ in ("advcl", "ccomp", "parataxis") and c.i < verb.i}
    skipped |= {c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "mark", "advmod") and c.i < verb.i}
    complements = [c for c in verb.children if c.dep_ in ("acomp", "attr", "dobj", "obj", "oprd")]
    is_copula = verb.lemma_.lower() == "be" and any(c.dep_ in ("acomp", "attr") for c in verb.children)
    indices = _subtree_without(verb, skipped | {verb.i} if is_copula else skipped)
    if is_copula:
        indices = [i for i in indices if i != verb.i]
    main = complements[0] if complements else None
    if main is None:
        preps = [c for c in verb.children if c.dep_ in ("prep", "xcomp") and c.i > verb.i]
        main = preps[0] if preps else None
    return _trim(verb.doc, indices), main, "copula" if is_copula else "verb"


def _trim(doc, indices: list[int]) -> list[int]:
    """Drop punctuation and conjunctions hanging at either edge."""
    while indices and (doc[indices[0]].is_punct or doc[indices[0]].pos_ in ("CCONJ",)):
        indices = indices[1:]
    while indices and (doc[indices[-1]].is_punct or doc[indices[-1]].pos_ in ("CCONJ",)):
        indices = indices[:-1]
    return indices


def _coordinations(indices: list[int], doc) -> list[list[Token]]:
    """Groups of conjoined tokens ([A, B, C]) whose first member lies inside the predicate."""
    inside = set(indices)
    groups = []
    for i in indices:
        token = doc[i]
        if token.dep_ != "conj" and any(c.dep_ == "conj" for c in token.children):
            members = [token, *[t for t in token.conjuncts if t.i in inside]]
            if len(members) > 1:
                groups.append(sorted(members, key=lambda t: t.i))
    return groups


def _item_indices(item: Token, members: list[Token]) -> list[int]:
    """An item of a list alone: its subtree without the other members, their "and"s and commas."""
    others = {m.i for m in members if m.i != item.i}
    skipped = others | {c.i for c in item.children if c.dep_ in ("cc", "punct", "appos", "relcl")}
    return _trim(item.doc, _subtree_without(item, skipped))


def object_variants(verb: Token) -> Iterator[tuple[str, list[int], Token | None]]:
    """(kind, token indices, head) of the objects one clause offers."""
    doc = verb.doc
    indices, main, shape = _predicate_indices(verb)
    if not indices:
        return
    yield ("complement" if shape == "copula" else "predicate"), indices, main
    if main is not None and shape == "verb":
        yield "complement", _trim(doc, _subtree_without(main, set())), main
    if main is not None and main.pos_ == "NOUN":
        # "has the advantage of A", "is a source of A": the property is what the complement noun's "of" names
        for prep in main.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        yield "of-complement", _item_indices(pobj, [pobj, *pobj.conjuncts]), pobj
    for members in _coordinations(indices, doc):
        group = {t.i for m in members for t in m.subtree}
        for item in members:
            alone = _item_indices(item, members)
            yield "item", alone, item
            # the predicate with the other items removed: "reduced A" out of "reduced A, B and C"; the words of
            # the coordination are dropped except this item's own (the first item's subtree holds the whole list)
            kept = [i for i in indices if i not in group or i in alone]
            kept = _trim(doc, kept)
            if kept != alone and kept != indices:
                yield "verb+item", kept, item
    # "X is used to treat Y", "X helps (to) reduce Y": the purpose is the claim
    for child in verb.children:
        if child.dep_ in ("xcomp", "advcl") and child.i > verb.i and child.pos_ == "VERB":
            sub, _, _ = _predicate_indices(child)
            sub = [i for i in sub if doc[i].dep_ != "aux" or i != child.i - 1]
            if sub:
                yield "purpose", _trim(doc, [child.i, *[i for i in sub if i != child.i]]), child


def sentence_candidates(
    sent: Span, topics: list[tuple[str, str]], generic_heads: frozenset[str] = frozenset()
) -> Iterator[Candidate]:
    """Every (subject variant, object variant) of every clause of one sentence. `topics`: what a pronoun or a
    generic "this method" may point back to (the previous sentence's subject, the paragraph's first subject)."""
    for verb in sent:
        if not _is_clause_verb(verb):
            continue
        subjects = clause_subjects(verb)
        # "Y was higher with X", "after X, Y fell": the cause named in a prepositional phrase of the clause
        subjects += [
            (p, "cause-prep")
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in CAUSE_PREPS
            for p in c.children
            if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN")
        ]
        if not subjects:
            continue
        objects = [(k, idx, h) for k, idx, h in object_variants(verb) if 0 < len(idx) <= MAX_OBJECT_TOKENS]
        # "X have the advantage of A, B, and C" parsed with B and C hanging on the subject X (as its conjuncts or
        # apposition): what follows the verb cannot be part of the subject, so it is an item of the object's list
        # (a common parser slip on long lists)
        for head, _ in subjects[:1]:
            trailing = [c for c in head.children if c.dep_ in ("conj", "appos") and c.i > verb.i]
            trailing += [t for c in trailing for t in c.conjuncts if t.i > c.i]
            for item in trailing:
                objects.append(("item", _item_indices(item, [head, *trailing]), item))
        if not objects:
            continue
        seen: set[tuple[str, str]] = set()
        for head, subject_kind in subjects:
            for subject_text, subject_variant in _subject_variants(head, subject_kind, topics, generic_heads, verb.i):
                for object_kind, indices, object_head in objects:
                    if subject_kind in ("agent", "cause-prep") and object_kind == "predicate":
                        # "Y was reduced by X": the effect is "reduced Y"
                        passive = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
                        if passive:
                            indices = sorted({verb.i, *[t.i for t in passive[0].subtree]} | set(indices))
                            indices = [i for i in indices if not sent.doc[i].is_punct or i not in (indices[0],)]
                    object_text = span_text(sent.doc, indices)
                    key = (subject_text, object_text)
                    if not subject_text or not object_text or key in seen:
                        continue
                    seen.add(key)
                    yield Candidate(
                        subject_text, object_text, object_kind, subject_variant, sent, verb, head, object_head
                    )


def _subject_variants(
    head: Token, how: str, topics: list[tuple[str, str]], generic_heads: frozenset[str], verb_index: int
) -> Iterator[tuple[str, str]]:
    lowered = head.lower_
    pointing = any(c.dep_ == "det" and c.lower_ in POINTING_DETERMINERS for c in head.children)
    possessed = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)  # "its advantage"
    if head.pos_ == "PRON" or lowered in PRONOUN_SUBJECTS:
        for topic, source in topics:
            yield topic, f"resolved-{source}"
        return
    end = verb_index if head.i < verb_index else len(head.doc)  # the subject's words stop at its verb
    yield noun_phrase(head, end=end), how
    full = _full_phrase(head, end)
    if full != noun_phrase(head, end=end):
        yield full, how + "-full"  # "exosomes produced by 3D-cultured cells": the modifier names the cause
    if any(c.dep_ == "conj" for c in head.children):
        yield noun_phrase(head, drop_conjuncts=True), "conj-subject"
        for conj in head.conjuncts:
            if conj.i > head.i:
                yield noun_phrase(conj, drop_conjuncts=True), "conj-subject"
    # "the advantages of X", "the use of X", "exosomes derived from X": the owner or cause is inside the phrase
    for token in head.subtree:
        if token.dep_ == "pobj" and token.head.lower_ in ("of", "by", "from", "with") and head.i < token.i < end:
            yield noun_phrase(token), "of-object"
    if (pointing and head.i - head.left_edge.i <= 2) or possessed or head.lemma_.lower() in generic_heads:
        for topic, source in topics:
            yield topic, f"resolved-{source}"  # "this method", "its advantage", "the device": the one named before


def _full_phrase(head: Token, end: int) -> str:
    """The noun phrase with its participle and prepositional modifiers, without relative clauses or brackets."""
    drop = {t.i for c in head.children if c.dep_ in ("relcl", "appos") and c.i > head.i for t in c.subtree}
    drop |= {c.i for c in head.children if c.dep_ == "det"}
    indices = [t.i for t in head.subtree if t.i not in drop and t.i < end]
    return PARENTHESIS.sub("", span_text(head.doc, indices)).strip()


def main_subject(sent: Span) -> str:
    """The sentence's root subject as a noun phrase (for resolving the next sentence's pronouns), or ""."""
    root = sent.root
    for child in root.children:
        if child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON" and child.lower_ not in PRONOUN_SUBJECTS:
            if any(c.dep_ == "det" and c.lower_ in ("this", "these", "such") for c in child.children):
                return ""  # "this method" points back: the topic named before stays
            return noun_phrase(child)
    return ""
