"""Findings a trial states for its arms without naming what was given (issue 19: subjects outside the sentence).

A trial's Results compare its arms by the arms' names or by none at all: "There was no significant difference in
gestational or postnatal weight between the groups", "No significant difference was found in rates of abstinence
between the physical activity and control groups", "Adverse events and birth outcomes were similar between the two
groups". These are effects (null effects) of the intervention the trial tests, which the sentence does not write: the
subject is the arm the sentence names ("the physical activity ... groups" → "physical activity"), else the
intervention of the paper's aims (discourse.PaperSubjects.studied_intervention, "To determine the effectiveness of a
physical activity intervention for ..."). Without either, nothing is said.

What the arms are compared on must be an outcome: the baseline characteristics, participant flow, attendance and
adherence describe how the trial ran (models/claims/trial_arms.json "process_measures") and give no claim.
Comparisons with a direction ("significantly higher for the X group compared with the control group") are read by
prose_effects._group_comparisons, which names the group that differs.
"""

from __future__ import annotations

import json
from functools import lru_cache

from spacy.tokens import Token

from pipeline.extract.claims.prose import MODELS_DIR, ClaimCues, Discourse, SentenceContext, make_claim, span_text
from pipeline.records import Claim

TRIAL_ARMS_PATH = MODELS_DIR / "claims" / "trial_arms.json"


@lru_cache(maxsize=1)
def load_trial_words() -> dict:
    return json.loads(TRIAL_ARMS_PATH.read_text(encoding="utf-8"))


def arm_comparison_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """Null findings between a trial's arms, as effects of the arm the sentence names or of the paper's intervention."""
    words = load_trial_words()
    intervention = getattr(discourse, "intervention", "")
    claims = []
    for token in context.sent:
        lemma = token.lemma_.lower()
        if lemma in words["null_difference_nouns"] and token.pos_ == "NOUN" and _negated_noun(token):
            claims += _null_difference(token, context, words, cues, intervention)
        elif lemma in words["similarity_words"] and token.dep_ in ("acomp", "oprd") and token.head.lemma_ == "be":
            claims += _similar_between(token, context, words, cues, intervention)
    return claims


def _negated_noun(noun: Token) -> bool:
    """ "no (significant) difference": the determiner "no" on the noun."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _null_difference(
    noun: Token, context: SentenceContext, words: dict, cues: ClaimCues, intervention: str
) -> list[Claim]:
    """ "There was no significant difference in X between the groups", "No difference was found in X between ...":
    the noun is what an existential "be" states or what a finding verb reports, with its measure in an in-/for-phrase
    and the arms in a between-phrase (on the noun, the measure or the clause)."""
    clause = noun.head
    existential = noun.dep_ == "attr" and any(c.dep_ == "expl" for c in clause.children)
    reported = noun.dep_ in ("nsubjpass", "dobj", "obj") and clause.lemma_.lower() in words["finding_verbs"]
    if not (existential or reported):
        return []
    measure_preps = [c for c in (*noun.children, *clause.children) if c.dep_ == "prep" and c.lower_ in ("in", "for")]
    measure = next((g for p in measure_preps for g in p.children if g.dep_ in ("pobj", "dobj")), None)
    if measure is None or measure.pos_ not in ("NOUN", "PROPN"):
        return []
    arms = _arm_phrase(list(clause.subtree), words)  # on the noun, the measure, or a time phrase of the clause
    if arms is None or _process_measure(measure, words):
        return []
    arm = _arm_subject(arms, words, cues)
    subject = intervention if arm == "" else arm
    if not subject:
        return []
    excluded = {t.i for t in arms.subtree} | {arms.head.i}  # "between the groups" is no part of the measure
    modifiers = [c.i for c in noun.children if c.dep_ == "amod" and c.i < noun.i]
    claims = []
    for part in _distributed(measure, excluded):
        text = f"no {span_text(noun.doc, modifiers + [noun.i])} in {span_text(noun.doc, part)}"
        claims.append(_null_claim(context, subject, text, intervention))
    return claims


def _similar_between(
    word: Token, context: SentenceContext, words: dict, cues: ClaimCues, intervention: str
) -> list[Claim]:
    """ "Adverse events and birth outcomes were similar between the two groups": each coordinated subject is a
    measure on which the arms did not differ."""
    copula = word.head
    arms = _arm_phrase([word, copula], words)
    measure = next((c for c in copula.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
    if arms is None or measure is None:
        return []
    arm = _arm_subject(arms, words, cues)
    subject = intervention if arm == "" else arm
    if not subject:
        return []
    control = any(t.lower_ in ("control", "placebo", "usual") for t in arms.subtree) or any(
        t.lower_ == "control" for t in context.sent
    )
    against = "similar to the control group" if control else "similar between the groups"
    claims = []
    for head in [measure, *(c for c in measure.conjuncts if c.pos_ in ("NOUN", "PROPN"))]:
        if _process_measure(head, words):
            continue
        asides = ("conj", "cc", "relcl", "acl", "appos", "advcl", "punct")
        skipped = {t.i for c in head.children if c.dep_ in asides for t in c.subtree}
        skipped |= {c.i for c in head.children if c.dep_ in ("advmod", "det")}  # "Additionally, ...", "the"
        tokens = [t for t in head.subtree if t.i not in skipped]
        while tokens and tokens[0].pos_ in ("ADV", "PUNCT", "CCONJ"):
            tokens = tokens[1:]  # "Additionally, accelerometer derived ... levels": a link, not the measure
        tokens = [t.i for t in tokens]
        if tokens:
            claims.append(_null_claim(context, subject, f"{span_text(head.doc, tokens)} {against}", intervention))
    return claims


def _arm_phrase(holders: list[Token], words: dict) -> Token | None:
    """The noun of a between-/across-phrase on one of the holders whose phrase names study arms ("between the two
    groups", "between the physical activity and control groups")."""
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in words["arm_prepositions"]):
            if prep.lower_ in ("in", "for") and not any(t.lower_ in ("both", "two", "all") for t in prep.subtree):
                continue  # "in the control group": one arm, not a comparison of them
            noun = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if noun is not None and any(t.lemma_.lower() in words["arm_heads"] for t in noun.subtree):
                return noun
    return None


def _arm_subject(arms: Token, words: dict, cues: ClaimCues) -> str | None:
    """The treated arm's own words ("physical activity" of "the physical activity and control groups"), "" when the
    phrase names no arm ("the two groups", "the intervention group": the paper's intervention is meant), or None when
    it names groups but no control arm ("the male and female groups" compares kinds of participants, no treatment)."""
    controls = set(cues.raw["group_comparison"]["control_words"])
    against_control = any(t.lower_ in words["control_arms"] for t in arms.subtree)
    generic = set(words["generic_arm_words"]) | set(words["arm_heads"])
    last_arm = max((t.i for t in arms.subtree if t.lemma_.lower() in words["arm_heads"]), default=arms.i)
    named = []
    for token in arms.doc[arms.left_edge.i : last_arm + 1]:  # not "..., including miscarriages" after the arms
        if token.is_punct or token.like_num or token.pos_ in ("DET", "CCONJ", "ADP", "SYM"):
            if named:
                break
            continue
        if token.lower_ in controls or token.lemma_.lower() in generic or token.lemma_.lower() in words["arm_heads"]:
            if named:
                break
            continue
        named.append(token)
    if not named:
        return ""
    if not against_control or named[-1].i - named[0].i + 1 != len(named):
        return None
    return span_text(arms.doc, [t.i for t in named])


def _process_measure(measure: Token, words: dict) -> bool:
    """What the arms are compared on describes how the trial ran (baseline characteristics, attendance,
    follow-up), or a bare quantity with no of-complement ("the numbers reporting this support"), or a pronoun."""
    if measure.pos_ == "PRON":
        return True
    lemmas = {t.lemma_.lower() for t in measure.subtree} | {t.lower_ for t in measure.subtree}
    if lemmas & set(words["process_measures"]):
        return True
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in measure.children)
    return measure.lemma_.lower() in words["bare_quantity_heads"] and not has_of


def _distributed(measure: Token, excluded: set[int]) -> list[list[int]]:
    """The measure's words, once per coordinated premodifier ("gestational or postnatal weight" → "gestational
    weight", "postnatal weight"), without the arms' phrase and bracketed asides."""
    tokens = [t for t in measure.subtree if t.i not in excluded]
    inside = False
    kept = []
    for t in tokens:
        if t.text in "([":
            inside = True
        if not inside:
            kept.append(t)
        if t.text in ")]":
            inside = False
    while kept and kept[-1].pos_ in ("ADP", "CCONJ", "PUNCT", "DET"):
        kept.pop()
    indices = [t.i for t in kept]
    coordinated = [c for c in measure.children if c.dep_ == "amod" and c.i < measure.i and list(c.conjuncts)]
    if not coordinated:
        return [indices] if indices else []
    first = coordinated[0]
    members = [first, *first.conjuncts]
    shared = {t.i for m in members for t in m.subtree}
    return [[i for i in indices if i not in shared or i == m.i] for m in members]


def _null_claim(context: SentenceContext, subject: str, text: str, intervention: str) -> Claim:
    # the paper's intervention is written nowhere in the sentence: say so, and keep later anaphor passes off it
    cue = "effect:arm-null:subject-paper" if subject == intervention else "effect:arm-null"
    claim = make_claim(context, subject, "effect", text, cue)
    claim.direction = "none"
    claim.negated = text.startswith("no ")
    return claim
