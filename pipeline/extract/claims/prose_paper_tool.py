"""Features of the paper's own tool written without its name (issue 19: subjects outside the sentence).

A software or method paper lists what its tool offers in sentences whose subject is the feature, not the tool:
"Further modeling options include autocorrelation of the response variable, user defined covariance structures,
censored data, as well as meta-analytic standard errors." Each listed item is an advantage of the tool the paper
presents (prose.Discourse.main_method: the name it gives its tool and writes far more often than any other), stated as
"<features> include <item>". A feature noun with an owner of its own ("the options of lme4", "its features") is read by
the other extractors; outside the sections where a paper presents itself (models/claims/discourse.json
"topic_sections": abstract, introduction, summary, conclusions) the same words describe a function's arguments, so
nothing is said there. Word lists: models/claims/discourse.json "feature_nouns", "listing_verbs", "feature_fillers".
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.extract.claims.discourse import load_discourse_words
from pipeline.extract.claims.prose import ClaimCues, Discourse, SentenceContext, clean_text, make_claim, span_text
from pipeline.records import Claim


def feature_list_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    words = load_discourse_words()
    tool = discourse.main_method
    sections = [part.strip().lower() for part in context.passage.section_path.split(">")]
    if not tool or not any(s.split(" ")[-1] in words["topic_sections"] for s in sections if s):
        return []
    if tool.lower() in context.sent.text.lower():
        return []  # the sentence names the tool: the extractors that read its subject answer
    claims = []
    for noun in context.sent:
        if not _unowned_feature(noun, words):
            continue
        verb = noun.head
        if verb.lemma_.lower() not in words["listing_verbs"] or any(c.dep_ == "neg" for c in verb.children):
            continue
        kept = [t.i for t in noun.subtree if t.lower_ not in words["feature_fillers"] and t.dep_ != "det"]
        features = span_text(noun.doc, kept)
        for item in _list_items(verb, context):
            claims.append(make_claim(context, tool, "advantage", f"{features} {verb.text} {item}", "features"))
            claims[-1].cue = "advantage:features:subject-paper"
    return claims


def _unowned_feature(noun: Token, words: dict) -> bool:
    """A feature noun as a clause subject with no owner written on it ("options", not "its options", "the options of
    X")."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in words["feature_nouns"] or noun.dep_ != "nsubj":
        return False
    return not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children)


def _list_items(verb: Token, context: SentenceContext) -> list[str]:
    """The items after the listing verb, split at the list's commas and its last "and"/"as well as" (never inside a
    bracket)."""
    doc = context.sent.doc
    items: list[list[int]] = [[]]
    depth = 0
    position = verb.i + 1
    end = context.sent.end
    while position < end:
        token = doc[position]
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]"):
            depth -= 1
        if depth == 0 and (token.text in (",", ";") or token.lower_ in ("and", "or")):
            items.append([])
        elif depth == 0 and token.lower_ == "as" and doc[position + 1 : position + 3].text.lower() == "well as":
            items.append([])
            position += 2
        elif not (token.is_punct and token.text in ".:"):
            items[-1].append(position)
        position += 1
    return [clean_text(span_text(doc, item)) for item in items if item]
