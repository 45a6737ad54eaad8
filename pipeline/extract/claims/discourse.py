"""Document-level subjects for prose claims: what a sentence is about when it does not name it.

The sentence extractors (prose_advantages.py, prose_effects.py) resolve "this method", "it" and "its" to the topic of
the section so far (prose.Discourse: the last method that was a clause's subject or a cue's owner). Two subjects lie
outside any sentence, and this module finds them once per document:

- the paper's own method (`PaperSubjects.presented`): the noun phrase an author presents ("We propose a scheme to
  ...", "This study introduces a novel FES mapping procedure with ...", and in the abstract a demonstrative phrase
  that names it, "This electrophysiologically driven approach would ..."). The paper later calls it "the proposed
  scheme", "our approach", "the presented procedure"; those subjects resolve to it, by head noun when several are
  presented, and stay as written when two compete;
- the subject of a section from its heading (`PaperSubjects.headings`): a section "2.3 Ultracentrifugation" whose
  sentences praise or criticise the method without naming it ("The main advantage is that ...", "However, it is
  slow"). A heading is a subject only when it names one method (a lexicon method or a method-class head noun), not a
  part of the paper ("Results"), an aspect or a use ("Clinical applications") or a plural class ("Traditional
  methods").

The heading subject starts each section's topic (the section-level model of prose.Discourse, reset at section
boundaries), and the presented method is the paper's fallback for an anaphor nothing nearer resolves; claims whose
subject came from outside their sentence say so in `cue` (":subject-heading", ":subject-paper", ":subject-antecedent").
Word lists: models/claims/discourse.json.

Measured (session 9): dev claims F1 0.369 -> 0.371 (3 more required lines found, all of the paper's-own-method class,
no new junk), seed unchanged (0.866), held-out unchanged (0.170), benchmarks/papers claims unchanged. Of the 198 missed
dev/seed lines whose subject is not in their sentence, most are anaphora that the section topic resolves to the wrong
antecedent or that no pattern reads; a heading names one method in no dev paper (only coordinated headings such as
"Multimodal, multi-task, and transfer learning"), and a bare "this"/"it" reaching the heading or the topic was tried and
gave only wrong subjects, so both stay out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extract.claims.prose import MODELS_DIR, ClaimCues, Discourse, SentenceContext, clean_text
from pipeline.records import Claim, Passage

DISCOURSE_PATH = MODELS_DIR / "claims" / "discourse.json"

HEADING_NUMBER = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*\.?|[IVX]+\.|[A-Z]\.)\s+")  # "2.3 ", "2.3. ", "IV. ", "B. "

WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def load_discourse_words() -> dict:
    return json.loads(DISCOURSE_PATH.read_text(encoding="utf-8"))


@dataclass
class PaperSubjects:
    """Subjects a document gives outside its sentences."""

    presented: list[tuple[str, str, bool]] = field(default_factory=list)  # (noun phrase, head lemma, from abstract)
    headings: dict[str, str] = field(default_factory=dict)  # section path -> the method its last heading names

    def presented_method(self, head: str | None = None) -> str:
        """The paper's own method: the one presented with this head noun, else the only one (or the only one the
        abstract presents); "" when two compete."""
        if head:
            same_head = {text for text, lemma, _ in self.presented if lemma == head}
            if len(same_head) == 1:
                return same_head.pop()
        distinct = {text for text, _, _ in self.presented}
        if len(distinct) == 1:
            return distinct.pop()
        from_abstract = {text for text, _, abstract in self.presented if abstract}
        return from_abstract.pop() if len(from_abstract) == 1 else ""


@dataclass
class SectionDiscourse(Discourse):
    """The section's discourse state (prose.Discourse) plus the method its heading names, which a method-class
    anaphor ("this technique", "the method") means when no sentence of the section has named a method yet. A bare
    pronoun ("it") does not reach the heading: in a section "Drug loading mode", "it is easily cleared" is the drug."""

    heading_subject: str = ""

    def resolve_anaphor(self, head: str | None, context: SentenceContext | None = None, position: int = -1) -> str:
        resolved = super().resolve_anaphor(head, context, position)
        if head and not self.topic and self.heading_subject and (not resolved or resolved == self.main_method):
            return self.heading_subject
        return resolved


def paper_subjects(docs: list[tuple[Passage, Doc]], nlp: Language, cues: ClaimCues, is_method) -> PaperSubjects:
    """The presented methods and the heading subjects of one document. `is_method(span)` says whether a parsed
    heading is a lexicon method (the caller's matchers)."""
    words = load_discourse_words()
    subjects = PaperSubjects()
    seen: set[str] = set()
    for index, (passage, doc) in enumerate(docs):
        first = passage.section_path.split(">")[0].strip().lower()
        # the opening passages state what the paper presents also where the layout gives them no heading
        in_topic_section = index < 5 or any(first.startswith(s) for s in words["topic_sections"])
        abstract = first.startswith(("abstract", "summary"))
        if in_topic_section:
            for sent in doc.sents:
                for phrase, head in _presented_phrases(sent, cues, words, abstract):
                    if phrase.lower() not in seen:
                        seen.add(phrase.lower())
                        subjects.presented.append((phrase, head, abstract))
        if passage.section_path not in subjects.headings:
            subjects.headings[passage.section_path] = _heading_subject(
                passage.section_path, nlp, cues, words, is_method
            )
    return subjects


def _class_nouns(cues: ClaimCues, words: dict) -> set[str]:
    return set(words["class_nouns"]) | set(cues.method_heads) | set(cues.raw["evaluation"]["tool_heads"])


def _presented_phrases(sent: Span, cues: ClaimCues, words: dict, abstract: bool) -> list[tuple[str, str]]:
    """ "We propose a scheme to ...", "This study has introduced a novel method ...": the object of a presentation
    verb whose subject is the authors or their study; in the abstract also "This <specific modifiers> approach ..." (a
    demonstrative phrase that names the paper's method by its own modifiers)."""
    found = []
    class_nouns = _class_nouns(cues, words)
    for token in sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in words["presentation_verbs"]:
            subject = next((c for c in token.children if c.dep_ in ("nsubj",)), None)
            if subject is None or subject.lower_ not in words["presenting_subjects"]:
                continue
            for obj in (c for c in token.children if c.dep_ in ("dobj", "obj")):
                if obj.tag_ in ("NNS", "NNPS"):
                    continue  # "we describe treatments ...": a class of things, not the paper's one method
                if any(t.lemma_.lower() == "review" for t in sent):
                    continue  # "in this review, we introduce strategies ...": a review presents others' methods
                indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in obj.children)
                named = obj.pos_ == "PROPN" and len(obj.text) >= 3 and obj.text[0].isupper()  # "VESPA", not "ab"
                if named or (obj.pos_ == "NOUN" and indefinite and obj.lemma_.lower() in class_nouns):
                    phrase = _presented_phrase(obj, cues)
                    if phrase and (named or len(phrase.split()) > 1):  # a bare "method" names nothing
                        found.append((phrase, obj.lemma_.lower()))
        elif abstract and token.pos_ == "NOUN" and token.lemma_.lower() in class_nouns and token.dep_ in ("nsubj",):
            determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
            if determiners == ["this"]:
                phrase = _presented_phrase(token, cues)
                if phrase and len(phrase.split()) > 1:
                    found.append((phrase, token.lemma_.lower()))
    return found


def _presented_phrase(head: Token, cues: ClaimCues) -> str:
    """The noun phrase without its determiner, generic premodifiers ("a novel") and clauses: "FES mapping procedure
    with a multi-contact array" from "a novel FES mapping procedure with a multi-contact array", "scheme" from "a
    scheme to realize ...", "VESPA" from "VESPA, software capable of ..."."""
    keep = {head.i}
    for child in head.children:
        if child.i < head.i and child.dep_ in ("compound", "amod", "nmod", "npadvmod", "advmod", "punct"):
            keep |= {t.i for t in child.subtree}
        elif child.i > head.i and child.dep_ == "prep" and child.lower_ in ("with", "for", "of", "based"):
            subtree = list(child.subtree)
            if len(subtree) <= 6 and not any(t.dep_ in ("relcl", "acl") for t in subtree):
                keep |= {t.i for t in subtree}
    tokens = [head.doc[i] for i in range(min(keep), max(keep) + 1)]
    while tokens and (tokens[0].lower_ in cues.generic_modifiers or tokens[0].is_punct or tokens[0].dep_ == "det"):
        tokens = tokens[1:]
    if not tokens or any(t.text in "(),;:" for t in tokens):
        return ""
    return clean_text(head.doc[tokens[0].i : tokens[-1].i + 1].text)


def _heading_subject(section_path: str, nlp: Language, cues: ClaimCues, words: dict, is_method) -> str:
    """The method the section's own (last) heading names, or ""."""
    parts = [p.strip() for p in section_path.split(">") if p.strip()]
    if len(parts) < 2:
        return ""  # a first-level section (Introduction, Discussion, ...) is a part of the paper, not a subject
    heading = HEADING_NUMBER.sub("", parts[-1]).strip(" .:")
    tokens = WORD.findall(heading.lower())
    if not tokens or len(tokens) > 6 or any(t in words["generic_headings"] for t in tokens):
        return ""
    doc = nlp.make_doc(heading)
    for _, component in nlp.pipeline:
        doc = component(doc)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("NOUN", "PROPN") or any(t.pos_ in ("VERB", "AUX") for t in doc):
        return ""
    if root.tag_ in ("NNS", "NNPS"):
        return ""  # "Additional packages", "Traditional methods": a class of things, not one subject
    if root.lower_ in words["non_subject_heading_heads"] or any(t.dep_ in ("cc", "conj") for t in doc):
        return ""  # "Clinical applications", "Advantages and limitations", "Isolation and purification": no one method
    specific = [t for t in doc if t.i < root.i and t.dep_ in ("compound", "amod", "nmod") and t.is_alpha]
    specific = [t for t in specific if t.lower_ not in cues.generic_modifiers]
    if (root.lemma_.lower() in _class_nouns(cues, words) and specific) or is_method(doc[:]):
        return clean_text(heading)  # "Drug pretreatment", "Ultracentrifugation"; not "Treatment of patients"
    return ""


def self_reference_head(subject: str, words: dict | None = None) -> str | None:
    """ "the proposed method", "our approach", "presented procedure": the head noun of a phrase by which a paper
    names its own method, else None."""
    words = words or load_discourse_words()
    tokens = WORD.findall(subject.lower())
    if tokens and tokens[0] in ("the", "this", "a"):
        tokens = tokens[1:]
    if len(tokens) == 2 and tokens[0] in words["self_reference_modifiers"] and tokens[1] in words["class_nouns"]:
        return tokens[1]
    return None


def resolve_self_references(claims: list[Claim], subjects: PaperSubjects, sentence_text: str = "") -> None:
    """Subjects written as the paper's own method ("the present approach") → the method it presents; a subject cut
    from the presented phrase the sentence writes in full ("driven approach" in "This electrophysiologically driven
    approach would ...") → the whole phrase."""
    if not subjects.presented:
        return
    written = sentence_text.lower()
    for claim in claims:
        head = self_reference_head(claim.subject)
        if head is not None:
            presented = subjects.presented_method(head)
            if presented:
                claim.subject = presented
                claim.subject_norm = ""
                claim.cue = f"{claim.cue}:subject-paper"
            continue
        subject = claim.subject.lower()
        for text, _, _ in subjects.presented:
            if text.lower().endswith(" " + subject) and text.lower() in written:
                claim.subject = text
                break


def mark_outside_subjects(claims: list[Claim], sentence_text: str, heading_subject: str, presented: str) -> None:
    """Say in `cue` where a subject not written in its sentence came from: the section heading, the paper's own
    method, or an antecedent in an earlier sentence."""
    written = set(WORD.findall(sentence_text.lower()))
    for claim in claims:
        if ":subject-" in claim.cue:
            continue
        subject_words = set(WORD.findall(claim.subject.lower()))
        if not subject_words or subject_words & written:
            continue
        if heading_subject and claim.subject == heading_subject:
            claim.cue = f"{claim.cue}:subject-heading"
        elif presented and claim.subject == presented:
            claim.cue = f"{claim.cue}:subject-paper"
        else:
            claim.cue = f"{claim.cue}:subject-antecedent"
