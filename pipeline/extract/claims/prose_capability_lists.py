"""A named tool's capabilities listed after a colon (issue 19).

Software and method papers state what their tool does as one sentence: the tool as subject, a verb a tool offers
things by, and after a colon the list of what it offers, either as clauses ("FlexMix implements a general framework
...: three variants of the EM algorithm can be used for parameter estimation, regressors and responses may be
multivariate ..., and a modular concept of driver functions allows to ...") or as noun phrases ("X provides the
following: A, B and C"). Each item is an advantage of the tool, written as it stands.

The subject must name a tool: the paper's own (prose.Discourse.main_method, or a pronoun/"the package" standing for
it) or a method the sentence's mentions name. Items are split where a new item starts: in a list of clauses only where
the next piece has a subject of its own ("data may be grouped, e.g., to account for ..." stays whole); in a list of
noun phrases at the commas and the last "and"; a relative clause after the list ("both of which ...") is a remark on
the items. Items that are code or console text, steps of a procedure (an imperative), names only (commands, packages,
people) or mere numbers are not capabilities and end the reading of the sentence. Word lists:
models/claims/capability_lists.json.
"""

from __future__ import annotations

import json
from functools import lru_cache

from spacy.tokens import Span, Token

from pipeline.extract.claims.prose import (
    MODELS_DIR,
    ClaimCues,
    Discourse,
    SentenceContext,
    best_mention,
    clause_subject,
    make_claim,
    mentions_in,
)
from pipeline.records import Claim

CAPABILITY_LISTS_PATH = MODELS_DIR / "claims" / "capability_lists.json"
ITEM_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
FINITE_TAGS = ("MD", "VBZ", "VBP", "VBD")
RELATIVE_TAGS = ("WDT", "WP", "WP$")


@lru_cache(maxsize=1)
def load_capability_words() -> dict:
    return json.loads(CAPABILITY_LISTS_PATH.read_text(encoding="utf-8"))


def capability_list_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    words = load_capability_words()
    sent = context.sent
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None or colon.i in context.consumed or colon.i + 1 >= sent.end:
        return []
    verb = _capability_verb(sent, colon, words)
    if verb is None:
        return []
    tool = _tool_subject(verb, context, discourse, words)
    if not tool:
        return []
    claims = []
    for item in _items(sent.doc[colon.i + 1 : sent.end]):
        if _not_a_capability(item, words):
            return []  # code, a procedure, people or numbers: the colon does not open a list of capabilities
        claims.append(make_claim(context, tool, "advantage", item.text, "advantage:capability-list"))
    context.consumed |= {t.i for t in sent}
    return claims


def _capability_verb(sent: Span, colon: Token, words: dict) -> Token | None:
    """The verb of the clause the colon closes: the first verb before the colon with a subject of its own there (the
    parser often hangs the part before the colon under a verb of the list), a capability verb, not negated."""
    verb = next(
        (
            t
            for t in sent
            if t.i < colon.i
            and t.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ITEM_SUBJECT_DEPS and c.i < colon.i for c in t.children)
        ),
        None,
    )
    if verb is None or verb.lemma_.lower() not in words["verbs"]:
        return None
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in ("should", "must")) for c in verb.children):
        return None
    return verb


def _tool_subject(verb: Token, context: SentenceContext, discourse: Discourse, words: dict) -> str:
    """The tool the subject names: the paper's own tool (by name or a pronoun standing for it) or a named method."""
    subject = clause_subject(verb)
    if subject is None or subject.dep_ == "nsubjpass":
        return ""
    phrase = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    text = phrase.text.strip()
    main = discourse.main_method
    if main and (text.lower() == main.lower() or text.lower() in words["tool_pronouns"]):
        return main
    mention = best_mention(mentions_in({t.i for t in phrase}, context))
    if mention and mention.text.lower() == text.lower() and subject.pos_ == "PROPN":
        return mention.text
    return ""


def _items(rest: Span) -> list[Span]:
    """The list after the colon, split into items (see the module docstring)."""
    pieces = _pieces(rest)
    relative = next((n for n, p in enumerate(pieces) if any(t.tag_ in RELATIVE_TAGS for t in p[:3])), None)
    if relative is not None:
        pieces = pieces[:relative]  # ", both of which are described below": a remark on the items, not one of them
    if not any(_has_own_subject(p) for p in pieces):
        return [part for piece in pieces for part in _noun_items(piece)]
    items: list[Span] = []
    for piece in pieces:
        if items and not _has_own_subject(piece):
            items[-1] = rest.doc[items[-1].start : piece.end]  # "data may be grouped, e.g., to account for ..."
        else:
            items.append(piece)
    return items


def _pieces(rest: Span) -> list[Span]:
    """Split at commas and semicolons outside brackets (a bare "and" may join a clause's own subjects: "regressors and
    responses may be ...")."""
    doc = rest.doc
    pieces: list[Span] = []
    start = rest.start
    depth = 0
    for token in rest:
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]"):
            depth = max(0, depth - 1)
        if depth == 0 and token.text in (",", ";"):
            if token.i > start:
                pieces.append(doc[start : token.i])
            start = token.i + 1
    end = rest.end - 1 if rest.end > rest.start and doc[rest.end - 1].is_punct else rest.end
    if end > start:
        pieces.append(doc[start:end])
    return [p for p in (_trim(p) for p in pieces) if p is not None]


def _noun_items(piece: Span) -> list[Span]:
    """ "A and B" in a list of noun phrases: two items, when the "and" joins two nouns."""
    joint = next(
        (t for t in piece if t.lower_ in ("and", "or") and t.dep_ == "cc" and t.head.pos_ in ("NOUN", "PROPN")), None
    )
    if joint is None or joint.i in (piece.start, piece.end - 1):
        return [piece]
    parts = [_trim(piece.doc[piece.start : joint.i]), _trim(piece.doc[joint.i + 1 : piece.end])]
    return [p for p in parts if p is not None]


def _trim(piece: Span) -> Span | None:
    tokens = [t for t in piece if not (t.is_punct and t.text in ",;:") and t.lower_ not in ("and", "or")]
    if not tokens:
        return None
    return piece.doc[tokens[0].i : tokens[-1].i + 1]


def _has_own_subject(piece: Span) -> bool:
    """A clause: a subject whose verb is in the piece, or a finite verb after the piece's first word ("regressors
    and responses may be multivariate", where the parser lost the subject to the list before it)."""
    if any(t.dep_ in ITEM_SUBJECT_DEPS and piece.start <= t.head.i < piece.end for t in piece):
        return True
    return any(t.tag_ in FINITE_TAGS for t in piece[1:])


def _not_a_capability(item: Span, words: dict) -> bool:
    text = item.text
    if any(mark in text for mark in words["code_marks"]):
        return True
    if sum(t.is_alpha for t in item) < words["min_item_words"]:
        return True
    if not any(t.pos_ in ("NOUN", "VERB", "AUX", "ADJ") for t in item):
        return True  # only names ("KeyWords and NameTag"): commands, packages or people, not what the tool does
    first = item[0]
    if first.tag_ == "VB" and first.dep_ == "ROOT":
        return True  # "Estimate the posterior class probabilities ...": a step of a procedure
    people = sum(len(e) for e in item.ents if e.label_ == "PERSON")
    return people * 2 >= len(item) or sum(t.like_num for t in item) * 2 >= len(item)
