"""Features of the paper's own tool written without its name (issue 19: subjects outside the sentence).

Two forms, both advantages of the tool the paper presents (prose.Discourse.main_method):

A software or method paper lists what its tool offers in sentences whose subject is the feature, not the tool:
"Further modeling options include autocorrelation of the response variable, user defined covariance structures,
censored data, as well as meta-analytic standard errors." Each listed item is an advantage of the tool the paper
presents (prose.Discourse.main_method: the name it gives its tool and writes far more often than any other), stated as
"<features> include <item>". A feature noun with an owner of its own ("the options of lme4", "its features") is read by
the other extractors; outside the sections where a paper presents itself (models/claims/discourse.json
"topic_sections": abstract, introduction, summary, conclusions) the same words describe a function's arguments, so
nothing is said there. Word lists: models/claims/discourse.json "feature_nouns", "listing_verbs", "feature_fillers".

The abstract also states capabilities in the agentless passive: "A wide range of distributions and link functions are
supported", "model fit can easily be assessed and compared using posterior-predictive checks". In a tool paper's
abstract (or summary) a passive with no agent whose verb is one a tool offers things by (support, implement, provide)
or a modal passive with an adverb of ease ("can easily/readily be V-ed") says what the tool does; the clause up to its
first comma is the advantage (capability_claims). Elsewhere such passives describe the authors' procedure ("Reads were
mapped to ...") and give nothing.
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


def capability_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    words = load_discourse_words()
    tool = discourse.main_method
    sections = [part.strip().lower() for part in context.passage.section_path.split(">")]
    if not tool or not any(s.split(" ")[-1] in words["self_description_sections"] for s in sections if s):
        return []
    if tool.lower() in context.sent.text.lower():
        return []
    claims = []
    for verb in context.sent:
        if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "conj") or not _agentless_passive(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is None and verb.dep_ == "conj":
            subject = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "neg" for c in verb.children):
            continue
        modal = any(c.dep_ == "aux" and c.lower_ in ("can", "may") for c in verb.children)
        easy = any(c.dep_ == "advmod" and c.lower_ in words["ease_adverbs"] for c in verb.children)
        if verb.lemma_.lower() not in words["capability_verbs"] and not (modal and easy):
            continue
        clause = _clause_to_comma(subject, verb, context)
        if clause:
            claims.append(make_claim(context, tool, "advantage", clause, "capability"))
            claims[-1].cue = "advantage:capability:subject-paper"
        break  # one clause per sentence: a conjoined verb shares it ("can be assessed and compared")
    return claims


def _agentless_passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)


def _clause_to_comma(subject: Token, verb: Token, context: SentenceContext) -> str:
    """From the subject's first word to the first comma after the verb (a participle clause after it, ", allowing
    users to ...", is another statement)."""
    doc = context.sent.doc
    end = context.sent.end
    for token in doc[verb.i : context.sent.end]:
        if token.text in (",", ";", ":"):
            end = token.i
            break
    tokens = [t.i for t in doc[subject.left_edge.i : end] if not (t.is_punct and t.i == end - 1)]
    return clean_text(span_text(doc, tokens))
