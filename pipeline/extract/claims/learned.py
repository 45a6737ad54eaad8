"""The learned claim step: loose clause candidates (learned_candidates.py) labelled by a linear model.

Each candidate is described by features that can hold on any paper (never its wording beyond the head verb's
lemma): the semantic class of the head verb and of the object's words in the cue lexicons (models/claims/cues.json),
hedging, negation and modals, the dependency shape of the clause, what kind of subject it has (a method-like
head, a lexicon method, an entity, a pronoun resolved to the previous subject), the section kind, the sentence's
place in its paragraph and whether a rule extractor also spoke about the sentence. The model
(models/claims/learned_extractor.json) is a multinomial logistic regression (classes none / advantage /
disadvantage / effect) trained by benchmarks/train_claim_extractor.py and stored as plain JSON weights; it is
applied here in pure Python, with no extra dependency and no re-parsing.

Status: NOT part of the pipeline. Leave-one-paper-out it does not beat the rules (rules 0.395, rules + learned
0.395 pooled F1 over the 13 seed+dev papers; see benchmarks/train_claim_extractor.py), so no model file is shipped
and `learned_claims` returns nothing; the module stays for the experiment and the next attempt.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

from pipeline.config import models_dir
from pipeline.extract.claims.guard import is_content_claim, sentence_junk_class
from pipeline.extract.claims.learned_candidates import Candidate, main_subject, sentence_candidates
from pipeline.extract.claims.prose import ClaimCues, clean_text, lexicon_type, load_cues
from pipeline.records import Claim, Evidence

MODEL_PATH = models_dir() / "claims" / "learned_extractor.json"
LABELS = ("none", "advantage", "disadvantage", "effect")
# Section names by kind (words of a heading): where in a paper a sentence stands.
SECTION_KINDS = {
    "abstract": ("abstract", "summary", "highlights"),
    "introduction": ("introduction", "background", "overview"),
    "methods": ("methods", "method", "methodology", "materials", "procedure", "procedures", "experimental", "setup"),
    "results": ("results", "result", "findings", "outcomes", "evaluation", "experiments"),
    "discussion": ("discussion", "limitations", "perspectives", "outlook", "challenges"),
    "conclusion": ("conclusion", "conclusions", "concluding", "remarks"),
}
WORD = re.compile(r"[a-z][a-z\-]+")


def section_kind(section_path: str) -> str:
    words = set(WORD.findall(section_path.lower()))
    for kind, names in SECTION_KINDS.items():
        if words & set(names):
            return kind
    return "other"


def document_candidates(annotated, cues: ClaimCues | None = None) -> list[dict]:
    """Every loose candidate of the document's claim prose, as plain dicts (text, page, sentence, features)."""
    from pipeline.extract.claims.from_text import _is_claim_prose  # the same prose the rule extractors read

    cues = cues or load_cues()
    found: list[dict] = []
    # heads that name the method under discussion rather than a new thing: "the device", "this approach"
    generic_heads = frozenset(cues.method_heads | cues.advantage | cues.disadvantage)
    discourse_topic, section = "", None
    for passage, doc in annotated.docs:
        if not _is_claim_prose(passage, cues):
            continue
        if passage.section_path != section:
            discourse_topic, section = "", passage.section_path
        kind_of_section = section_kind(passage.section_path)
        previous, first = "", ""
        for position, sent in enumerate(doc.sents):
            junk = bool(sentence_junk_class(sent))  # an instruction, a definition, text about the writing
            # a review names its subject in the heading ("3.2. Rosmarinus officinalis"): the last heading is a topic
            heading = re.sub(r"^[\d.\s]+", "", passage.section_path.split(">")[-1]).strip()
            named = [(previous, "previous"), (first, "paragraph"), (discourse_topic, "section"), (heading, "heading")]
            topics = list({text: (text, source) for text, source in reversed(named) if text}.values())[::-1]
            for candidate in sentence_candidates(sent, topics, generic_heads):
                found.append(
                    {
                        "subject": candidate.subject,
                        "subject_norm": annotated.abbreviations.get(candidate.subject, ""),
                        "object": candidate.object,
                        "kind": candidate.kind,
                        "subject_kind": candidate.subject_kind,
                        "page": passage.page_at(sent.start_char),
                        "sentence": sent.text,
                        "passage": passage,
                        "sent_start": sent.start_char,
                        "sent_end": sent.end_char,
                        "junk_sentence": junk,
                        "features": candidate_features(candidate, cues, kind_of_section, position),
                    }
                )
            subject = main_subject(sent)
            previous = subject or previous
            first = first or subject
        discourse_topic = previous or discourse_topic
    return found


def candidate_features(candidate: Candidate, cues: ClaimCues, kind_of_section: str, position: int) -> dict[str, float]:
    """Binary features (name -> 1.0) of one candidate; see the module docstring for why these."""
    verb, sent = candidate.verb, candidate.sent
    lemma = verb.lemma_.lower()
    f: dict[str, float] = {}

    def on(name: str) -> None:
        f[name] = 1.0

    on(f"kind={candidate.kind}")
    on(f"subject_kind={re.sub(r'[0-9]', '', candidate.subject_kind)}")
    on(f"kind*subject={candidate.kind}*{re.sub(r'[0-9]', '', candidate.subject_kind)}")
    on(f"section={kind_of_section}")
    on(f"position={'first' if position == 0 else 'later'}")
    on(f"verb={lemma}")
    on(f"verb_dep={verb.dep_}")
    on(f"verb_tag={verb.tag_}")
    # the head verb's semantic class in the cue lexicons
    if lemma in cues.effect_direction:
        on(f"verb_class=effect_{cues.effect_direction[lemma]}")
    for name, words in (
        ("result", cues.result_verbs),
        ("possession", cues.possession),
        ("definition", cues.definition_verbs),
        ("reporting", set(cues.raw["reporting_verbs"])),
        ("inquiry", set(cues.raw["inquiry_verbs"])),
        ("capability", set(cues.raw["evaluation"]["capability_verbs"])),
        ("enabling", set(cues.raw["evaluation"]["enabling_verbs"])),
        ("use", set(cues.raw["evaluation"]["use_verbs"])),
    ):
        if lemma in words:
            on(f"verb_class={name}")
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children) or any(c.lower_ in cues.negators for c in children):
        on("negated")
    modals = [c.lower_ for c in children if c.tag_ == "MD"]
    if modals:
        on(f"modal={modals[0]}" if modals[0] in ("can", "may", "could", "might", "should", "must", "will") else "modal")
    if any(t.lemma_.lower() in cues.hedges or t.lower_ in cues.hedges for t in sent if t.pos_ != "NOUN"):
        on("hedged_sentence")
    if any(c.dep_ == "auxpass" for c in children):
        on("passive")
    if any(t.lower_ in cues.contrast for t in sent[: max(1, verb.i - sent.start)]):
        on("contrast_before")
    # the subject: its head's class
    head = candidate.subject_head
    if head is not None:
        head_lemma = head.lemma_.lower()
        on(f"subject_pos={head.pos_}")
        if head.ent_type_:
            on(f"subject_ent={head.ent_type_}")
        for name, words in (
            ("method_head", cues.method_heads),
            ("method_like", set(cues.raw["method_like_heads"])),
            ("agent", cues.agent_heads),
            ("strict_agent", cues.strict_agent_heads),
            ("investigator", cues.investigators),
            ("report", set(cues.raw["report_subject_heads"])),
            ("non_agent", set(cues.raw["non_agent_heads"])),
            ("advantage_noun", cues.advantage),
            ("disadvantage_noun", cues.disadvantage),
        ):
            if head_lemma in words:
                on(f"subject_class={name}")
    if lexicon_type(candidate.subject):
        on("subject_in_lexicon")
    # the object: polarity and direction of its words
    object_words = set(WORD.findall(candidate.object.lower()))
    for name, words in (
        ("positive", cues.positive),
        ("negative", cues.negative),
        ("good_attribute", cues.good_attributes),
        ("bad_attribute", cues.bad_attributes),
        ("up", cues.up),
        ("down", cues.down),
        ("advantage_noun", cues.advantage),
        ("disadvantage_noun", cues.disadvantage),
        ("adverse", set(cues.raw["adverse_outcomes"])),
        ("effect_verb", set(cues.effect_direction)),
        ("negator", cues.negators),
    ):
        if object_words & words:
            on(f"object_has={name}")
    if candidate.object_head is not None:
        on(f"object_pos={candidate.object_head.pos_}")
        on(f"object_dep={candidate.object_head.dep_}")
    on(f"object_len={_bucket(len(candidate.object.split()))}")
    on(f"subject_len={_bucket(len(candidate.subject.split()))}")
    if any(ch.isdigit() for ch in candidate.object):
        on("object_has_number")
    return f


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-14" if n <= 14 else "15+"


# ---------------------------------------------------------------- applying the model


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> dict:
    return json.loads(open(path, encoding="utf-8").read())


def probabilities(model: dict, features: dict[str, float]) -> dict[str, float]:
    """Softmax over the classes of the multinomial logistic regression's plain weights."""
    scores = {}
    for label in model["labels"]:
        weights = model["weights"][label]
        scores[label] = model["intercepts"][label] + sum(weights.get(name, 0.0) * v for name, v in features.items())
    top = max(scores.values())
    exps = {label: math.exp(s - top) for label, s in scores.items()}
    total = sum(exps.values())
    return {label: e / total for label, e in exps.items()}


def rule_agreement(candidate: dict, rule_claims) -> dict[str, float]:
    """Features saying what the rule extractors said about the same sentence (evidence text equal)."""
    sentence = candidate["sentence"].strip()
    f: dict[str, float] = {}
    for claim in rule_claims:
        if not claim.evidence or claim.evidence[0].source != "text" or claim.evidence[0].text != sentence:
            continue
        f["rule_sentence"] = 1.0
        f[f"rule_sentence={claim.relation}"] = 1.0
        if overlap(claim.subject, candidate["subject"]) >= 0.5 and overlap(claim.object, candidate["object"]) >= 0.5:
            f[f"rule_same={claim.relation}"] = 1.0
    return f


def add_document_features(candidates: list[dict], rule_claims) -> None:
    """Features that look at the whole paper: a review's claims are about the few methods and treatments it is
    about, so a subject the rules already made claims about, or that many clauses talk about, is likelier."""
    rule_subjects = {_key(c.subject): c.relation for c in rule_claims}
    counts: dict[str, int] = {}
    for candidate in candidates:
        key = _key(candidate["subject"])
        counts[key] = counts.get(key, 0) + 1
    for candidate in candidates:
        key = _key(candidate["subject"])
        features = candidate["features"]
        if key in rule_subjects:
            features["subject_is_rule_subject"] = 1.0
            features[f"subject_rule_relation={rule_subjects[key]}"] = 1.0
        n = counts[key]
        features[f"subject_frequency={'1' if n <= 1 else '2-4' if n <= 4 else '5-19' if n <= 19 else '20+'}"] = 1.0


def add_word_features(candidates: list[dict]) -> None:
    """The object's words (crudely stemmed), its first word and the subject's last word: what a property or an
    effect is usually about ("activity", "cost", "efficiency"; "increased", "high") is shared across papers."""
    for candidate in candidates:
        features = candidate["features"]
        for word in _words(candidate["object"]):
            features[f"object_word={word}"] = 1.0
        words = WORD.findall(candidate["object"].lower())
        if words:
            features[f"object_first={words[0]}"] = 1.0
        words = WORD.findall(candidate["subject"].lower())
        if words:
            features[f"subject_last={words[-1]}"] = 1.0


def _key(text: str) -> str:
    return " ".join(sorted(_words(text)))


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    return frozenset(w[:5] for w in WORD.findall(text.lower()) if len(w) > 2)  # a crude stem: the first five letters


def overlap(a: str, b: str) -> float:
    """Dice overlap of two phrases' content words (the same pair stated twice, or one inside the other)."""
    x, y = _words(a), _words(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def choose(
    model: dict, candidates: list[dict], threshold: float, relations=None, known: list[dict] | None = None
) -> list[tuple[dict, str, float]]:
    """(candidate, relation, probability) of the candidates whose best relation reaches `threshold`, most probable
    first (`known`: the probabilities, when computed already); a candidate restating one already chosen (same
    relation and sentence, overlapping object: another variant of the same clause) is dropped, so one statement
    gives one claim."""
    scored = []
    for n, candidate in enumerate(candidates):
        probs = known[n] if known is not None else probabilities(model, candidate["features"])
        label = max((lab for lab in model["labels"] if lab != "none"), key=probs.__getitem__)
        if probs[label] >= threshold and (relations is None or label in relations):
            scored.append((candidate, label, probs[label]))
    scored.sort(key=lambda item: -item[2])
    kept: list[tuple[dict, str, float]] = []
    for candidate, label, prob in scored:
        if any(
            label == other_label
            and candidate["sentence"] == other["sentence"]
            and overlap(candidate["object"], other["object"]) >= 0.5
            for other, other_label, _ in kept
        ):
            continue
        kept.append((candidate, label, prob))
    return kept


# ---------------------------------------------------------------- the pipeline step


def learned_claims(annotated, rule_claims: list[Claim], model: dict | None = None) -> list[Claim]:
    """Claims the model finds among the loose candidates, beyond what the rules already stated (same relation and
    overlapping subject and object). Off when the model file says "enabled": false or is missing; every claim
    passes the junk guard (the sentence's and the claim's)."""
    if model is None:
        if not MODEL_PATH.exists():
            return []
        model = load_model()
    if not model.get("enabled", False):
        return []
    candidates = document_candidates(annotated)
    for candidate in candidates:
        candidate["features"].update(rule_agreement(candidate, rule_claims))
    add_document_features(candidates, rule_claims)
    add_word_features(candidates)
    found: list[Claim] = []
    for candidate, relation, probability in choose(model, candidates, model["threshold"]):
        if any(
            r.relation == relation
            and overlap(r.subject, candidate["subject"]) >= 0.5
            and overlap(r.object, candidate["object"]) >= 0.5
            for r in rule_claims
        ):
            continue
        claim = _as_claim(candidate, relation, probability)
        if candidate["junk_sentence"] or not is_content_claim(claim):
            continue
        found.append(claim)
    return found


def _as_claim(candidate: dict, relation: str, probability: float) -> Claim:
    passage = candidate["passage"]
    evidence = Evidence(
        source="text",
        text=candidate["sentence"].strip(),
        page=candidate["page"],
        section_path=passage.section_path,
        char_start=passage.char_start + candidate["sent_start"],
        char_end=passage.char_start + candidate["sent_end"],
    )
    return Claim(
        subject=clean_text(candidate["subject"]),
        relation=relation,  # type: ignore[arg-type]
        object=clean_text(candidate["object"]),
        evidence=[evidence],
        hedged="hedged_sentence" in candidate["features"],
        negated="negated" in candidate["features"],
        cue=f"learned:{candidate['kind']}:{probability:.2f}",
    )
