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
    doc = verb.doc
    nouns = set(frame["nouns"])
    first_noun = next((t for t in doc[start:end] if t.lemma_.lower() in nouns and t.pos_ in ("NOUN", "PROPN")), None)
    # "In vivo models demonstrated the anti-inflammatory effects of S. scardica": the of-phrase names the agent
    # when the verb's subject is a study, a model or an assay; otherwise the subject acts.
    owner, owner_tokens = _owner_of_activity(first_noun, cues) if first_noun is not None else ("", set())
    subject = "" if owner and _subject_reports(verb, cues) else _subject(verb, context, discourse, cues)
    subject = subject or owner or _conjoined_owner(verb, context, frame, cues)
    if not subject:
        return []
    kept = [i for i in range(start, end) if i not in owner_tokens or subject != owner]
    text = span_text(doc, kept)
    claims = []
    for item in split_properties(text):
        claim = make_claim(context, subject, "effect", item, "effect:activity")
        claim.direction = "none"
        claim.hedged = is_hedged(context.sent, verb, cues)
        claim.negated = verb_negated(verb, cues)
        claims.append(claim)
    return claims


def _list_span(verb: Token, context: SentenceContext, frame: dict) -> tuple[int, int]:
    """From after the verb (or after "including"/"such as") to the last activity noun before the clause ends, with
    the prepositional phrases that follow that noun ("... effects over a model of paw edema"). Reference brackets
    inside a list ("antimicrobial [286], antioxidant [289], ... effects") are read over, not taken as its end."""
    doc, sent = verb.doc, context.sent
    nouns = set(frame["nouns"])
    start, last, opened, stop = verb.i + 1, -1, -1, sent.end
    for token in doc[verb.i + 1 : sent.end]:
        lower = token.lower_
        if lower in CLAUSE_BREAKS or (lower == "," and token.i + 1 < sent.end and doc[token.i + 1].lower_ == "but"):
            stop = token.i
            break
        if token.pos_ in ("VERB", "AUX") and token.dep_ in ("conj", "ccomp", "advcl", "relcl") and token.i > verb.i + 1:
            # "... effects of X and proved Y", ", attributing ...": another clause (a conjoined display verb is
            # read on its own, inheriting the subject)
            stop = token.i
            while stop > start and (doc[stop - 1].is_punct or doc[stop - 1].dep_ in ("cc", "advmod")):
                stop -= 1
            break
        if lower in frame["list_openers"] or (lower == "as" and doc[token.i - 1].lower_ == "such"):
            start = opened = token.i + 1
        if token.lemma_.lower() in nouns and token.pos_ in ("NOUN", "PROPN", "VERB"):
            last = token.i
    if opened > last >= 0 or (opened >= 0 and last < 0):
        last = stop - 1  # "a suite of activities such as A, B, and C": the list after the noun
    elif last >= 0:
        # the noun's own prepositional phrases ("effects over a model of ...", "activity against S. aureus")
        head = doc[last]
        trailing = [t.i for c in head.children if c.dep_ == "prep" and c.i > head.i for t in c.subtree if t.i < stop]
        last = max([last, *trailing])
    while last > start and (doc[last].is_punct or doc[last].dep_ == "cc" or doc[last].like_num):
        if doc[last].text == "]" or doc[last].text == ")":
            opening = next((i for i in range(last, start, -1) if doc[i].text in ("[", "(")), None)
            if opening is not None and all(t.like_num or t.is_punct for t in doc[opening + 1 : last]):
                last = opening - 1
                continue
            if doc[last].text == ")":
                break
        last -= 1
    while start < last and (doc[start].dep_ == "det" or doc[start].lower_ in frame["skipped_openers"]):
        start += 1
    return start, last + 1


def _conjoined_owner(verb: Token, context: SentenceContext, frame: dict, cues: ClaimCues) -> str:
    """ "Models demonstrated the effects of X ... and proved gastroprotective activity": the second display verb
    shares the first one's agent."""
    head = verb.head
    if verb.dep_ != "conj" or head.lemma_.lower() not in frame["verbs"]:
        return ""
    start, end = _list_span(head, context, frame)
    nouns = set(frame["nouns"])
    first = next((t for t in head.doc[start:end] if t.lemma_.lower() in nouns and t.pos_ in ("NOUN", "PROPN")), None)
    return _owner_of_activity(first, cues)[0] if first is not None else ""


def _subject_reports(verb: Token, cues: ClaimCues) -> bool:
    """A subject that reports rather than acts: investigators, studies, models, tests and assays."""
    subject = clause_subject(verb.head if verb.dep_ == "aux" else verb)
    if subject is None:
        return True
    return is_investigator(subject, cues) or subject.lemma_.lower() in cues.raw["report_subject_heads"]


def _owner_of_activity(noun: Token, cues: ClaimCues) -> tuple[str, set[int]]:
    """ "Studies demonstrated the anti-inflammatory effects of S. scardica": the of-phrase names the agent (and
    its tokens, which are not part of the effect)."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
        if objects and not is_investigator(objects[0], cues):
            return noun_phrase_text(objects[0]), {t.i for t in prep.subtree}
    return "", set()


def _subject(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    # "plants ... have antioxidant, ... effects": the parser may take "have" for an auxiliary of the list
    subject = clause_subject(verb.head if verb.dep_ == "aux" else verb)
    if subject is None or is_investigator(subject, cues):
        return ""
    if subject.pos_ == "PRON":
        if subject.lower_ not in ("it", "they"):
            return ""
        # "Rosmarinic acid is the major component, and it has ... activity": an earlier clause of the sentence
        earlier = _earlier_subject(subject, context, cues)
        return earlier or discourse.effect_subject or discourse.salient
    if subject.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return ""
    return _without_participle_clause(subject)


def _earlier_subject(pronoun: Token, context: SentenceContext, cues: ClaimCues) -> str:
    candidates = [
        t
        for t in context.sent
        if t.i < pronoun.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
    ]
    for token in reversed(candidates):
        if not is_investigator(token, cues) and token.lemma_.lower() not in cues.raw["report_subject_heads"]:
            return _without_participle_clause(token)
    return ""


def _without_participle_clause(head: Token) -> str:
    """ "S. scardica extract administered orally": the subject is the noun phrase, not the way it was given."""
    dropped = {t.i for c in head.children if c.dep_ in ("acl",) and c.i > head.i for t in c.subtree}
    if not dropped:
        return noun_phrase_text(head)
    kept = [t.i for t in head.subtree if t.i not in dropped and not (t.dep_ == "det" and t.head.i == head.i)]
    return span_text(head.doc, kept)
