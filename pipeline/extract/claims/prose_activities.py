"""Agent → effect claims from an activity list: "X possesses antispastic, carminative, ... and general tonic action",
"Marrubiin ... exhibits potent antinociceptive properties and vasorelaxant activity".

A display verb (models/claims/cues.json "activity_frame.verbs") followed, in the same clause, by an activity noun
("activity", "effect", "property", ...) states what its subject does; every item of the list up to the last activity
noun is one effect. The subject is the verb's noun phrase as written (a plant, an extract, a compound), or for a
pronoun the last subject the prose named. Parses of such lists are often wrong (an adjective list read as verbs and
conjoined nouns), so the list is read from the tokens between the verb and the noun, not from the tree.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.extract.claims.properties import split_properties
from pipeline.extract.claims.prose import (
    ClaimCues,
    Discourse,
    SentenceContext,
    clause_subject,
    is_hedged,
    is_investigator,
    make_claim,
    noun_phrase_text,
    span_text,
    verb_negated,
)
from pipeline.records import Claim

CLAUSE_BREAKS = {";", ":", "but", "whereas", "while", "although", "which", "that"}


def activity_claims(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    frame = cues.raw["activity_frame"]
    if verb.lemma_.lower() not in frame["verbs"] or verb.pos_ not in ("VERB", "AUX"):
        return []
    if verb.dep_ in ("aux", "auxpass") and verb.head.pos_ in ("VERB", "AUX"):
        return []  # "has laid the foundation": an auxiliary of another verb
    start, end = _list_span(verb, context, frame)
    if end <= start:
        return []
    subject = _subject(verb, context, discourse, cues) or _owner_of_activity(verb.doc[end - 1], cues)
    if not subject:
        return []
    text = span_text(verb.doc, list(range(start, end)))
    claims = []
    for item in split_properties(text):
        claim = make_claim(context, subject, "effect", item, "effect:activity")
        claim.direction = "none"
        claim.hedged = is_hedged(context.sent, verb, cues)
        claim.negated = verb_negated(verb, cues)
        claims.append(claim)
    return claims


def _list_span(verb: Token, context: SentenceContext, frame: dict) -> tuple[int, int]:
    """From after the verb (or after "including"/"such as") to the last activity noun before the clause ends."""
    doc, sent = verb.doc, context.sent
    nouns = set(frame["nouns"])
    start, last, opened, stop = verb.i + 1, -1, -1, sent.end
    for token in doc[verb.i + 1 : sent.end]:
        lower = token.lower_
        if lower in CLAUSE_BREAKS or (lower == "," and token.i + 1 < sent.end and doc[token.i + 1].lower_ == "but"):
            stop = token.i
            break
        if lower in ("[", "(") and token.i + 1 < sent.end and doc[token.i + 1].like_num:
            stop = token.i  # the citation closes the list
            break
        if token.pos_ in ("VERB", "AUX") and token.dep_ in ("conj", "ccomp", "advcl") and token.i > verb.i + 1:
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
                break
        if lower in frame["list_openers"] or (lower == "as" and doc[token.i - 1].lower_ == "such"):
            start = opened = token.i + 1
        if token.lemma_.lower() in nouns and token.pos_ in ("NOUN", "PROPN", "VERB"):
            last = token.i
    if opened > last >= 0:
        last = stop - 1  # "a suite of activities such as A, B, and C": the list after the noun
    while last > start and (doc[last].is_punct or doc[last].dep_ == "cc"):
        last -= 1
    while start < last and (doc[start].dep_ == "det" or doc[start].lower_ in frame["skipped_openers"]):
        start += 1
    return start, last + 1


def _owner_of_activity(noun: Token, cues: ClaimCues) -> str:
    """ "Studies demonstrated the anti-inflammatory effects of S. scardica": the of-phrase names the agent."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
        if objects and not is_investigator(objects[0], cues):
            return noun_phrase_text(objects[0])
    return ""


def _subject(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    # "plants ... have antioxidant, ... effects": the parser may take "have" for an auxiliary of the list
    subject = clause_subject(verb.head if verb.dep_ == "aux" else verb)
    if subject is None or is_investigator(subject, cues):
        return ""
    if subject.pos_ == "PRON":
        return discourse.effect_subject or discourse.salient if subject.lower_ in ("it", "they") else ""
    if subject.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return ""
    return noun_phrase_text(subject)
