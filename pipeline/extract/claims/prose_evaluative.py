"""Evaluative statements about a method-like subject in any field: "HC3 is computationally faster", "the sandwich
package works best with ...", "Gibbs sampling requires conjugate priors", "the estimator underestimates the
standard errors", "brms cannot handle ...".

The other prose extractors fire when the subject is a known method or treatment (lexicons, NER) and the phrasing
matches a cue. Papers outside biomedicine name estimators, packages, functions, algorithms and models no lexicon
lists, and evaluate them in ordinary language. This module reads such clauses by syntax and word class alone:

- the predicate carries a polarity of a semantic class (models/claims/evaluative.json, evaluative_adjectives.tsv):
  an evaluative adjective ("flexible", "more memory-intensive", "less biased"), a verb of doing graded by a manner
  adverb ("works best", "converges quickly"), a verb of capability ("allows", "handles") or of failing and costing
  ("suffers from", "underestimates", "requires", "takes long"), an incapability ("cannot", "is unable to"), or a
  possession of an evaluated thing ("gives biased estimates"); negation and "less" flip it;
- the subject is the clause's nsubj, accepted only when it looks like a method, tool or material by signs that hold
  in any field: a method-like head noun, a name in code form ("vcovCL()", "lme4", "HC3", "MCMCglmm"), an acronym or
  a capitalised name, or a lexicon/NER mention; never a person, a writing, a figure or a result; "it" and "this
  approach" resolve through the section's discourse;
- the object is the predicate phrase as written, cut before subordinate clauses and conjoined clauses (each
  conjoined predicate is a claim of its own).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from pipeline.extract.claims.prose import (
    MODELS_DIR,
    ClaimCues,
    Discourse,
    SentenceContext,
    clause_subject,
    is_hedged,
    is_investigator,
    load_cues,
    make_claim,
    named_in_apposition,
    noun_phrase_text,
    span_text,
)
from pipeline.records import Claim

EVALUATIVE_PATH = MODELS_DIR / "claims" / "evaluative.json"


ADJECTIVES_PATH = MODELS_DIR / "claims" / "evaluative_adjectives.tsv"


# A name written as code: a call "vcovCL()", a word mixing letters and digits ("lme4", "HC3"), an inner capital
# ("MCMCglmm", "vcovCL"), an inner dot or underscore ("data.frame", "max_treedepth").
CODE_NAME = re.compile(
    r"^(?:\w+\(\)|(?=.*[A-Za-z])(?=.*\d)[A-Za-z][\w.]*|[a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]\w*|\w+[._]\w+)$"
)


TAXON = re.compile(r"^[A-Z]\. ?[a-z]{3,}")  # "A. baumannii strains": an abbreviated binomial names an organism


ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]{1,7}s?$")


CLAUSE_DEPS = {"advcl", "parataxis", "conj", "cc", "mark", "relcl", "appos", "punct", "dep", "meta"}


MAX_OBJECT_TOKENS = 30
# a bracket that only points elsewhere: an author-year citation or a cross-reference to a part of the paper
REFERENCE_BRACKET = re.compile(
    r"\b(?:1[89]|20)\d\d[a-z]?\b|\bet al\b"
    r"|^\s*(?:see\s+)?(?:Equations?|Eqs?\.|Sections?|Tables?|Figures?|Figs?\.|Appendix)\b"
)


QUANTIFIERS = {"all", "both", "each", "every", "many", "most", "some", "several", "few", "any", "no"}


@dataclass(frozen=True)
class EvaluativeWords:
    """The word classes of models/claims/evaluative.json as sets (lower-cased lemmas)."""

    positive: frozenset[str]
    negative: frozenset[str]
    more: frozenset[str]
    less: frozenset[str]
    bound_markers: frozenset[str]  # "at least as fast": the degree word is a bound, not a lessening
    manner_verbs: frozenset[str]
    positive_manner: frozenset[str]
    negative_manner: frozenset[str]
    capability_verbs: frozenset[str]
    failure_verbs: frozenset[str]
    take_objects: frozenset[str]
    incapability: frozenset[str]
    subordinators: frozenset[str]
    reporting_verbs: frozenset[str]
    open_questions: frozenset[str]
    practice_nouns: frozenset[str]
    stated_clause_marks: frozenset[str]
    hindering_verbs: frozenset[str]
    regard_verbs: frozenset[str]
    role_verbs: frozenset[str]
    bearing_verbs: frozenset[str]
    benefit_nouns: frozenset[str]
    limitation_nouns: frozenset[str]
    subject_heads: frozenset[str]
    rejected_heads: frozenset[str]
    rejected_acronyms: frozenset[str]
    participle_openers: frozenset[str]
    demand_verbs: frozenset[str]
    small_amounts: frozenset[str]  # "requires relatively low energy": a demand graded down is a saving
    improving_verbs: frozenset[str]  # "improving upon Y" (the comparison section's list)
    causative_verbs: frozenset[str]  # "makes X desirable": the made thing owns the adjective
    usability_verbs: frozenset[str]  # "X can be used to ...", "X can be applied to ...": what X is good for
    reuse_verbs: frozenset[str]  # "X can be reused", "X can easily be extended": a strength with no purpose said
    restricting: frozenset[str]  # "only identifiable up to ...": a strength restricted is a limitation
    neutral_denied: frozenset[str]  # "does not differ from Y", "does not depend on": a denial that is no limitation
    natural_behaviour: frozenset[str]  # "the strain did not grow": what living things and substances do by nature
    natural_heads: frozenset[str]  # organisms, study groups and biological processes: no method denied a doing
    lagging_verbs: frozenset[str]  # "falls behind the other packages": ranked below others
    condition_marks: frozenset[str]  # "only if", "only when": the condition a restricted predicate holds under
    change_verbs: frozenset[str]  # the effect verbs of cues.json: "only slightly increased Y" is no restriction


def _set(values) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@lru_cache(maxsize=1)
def load_evaluative_words() -> EvaluativeWords:
    data = json.loads(EVALUATIVE_PATH.read_text(encoding="utf-8"))
    positive, negative = set(data["positive_adjectives"]), set(data["negative_adjectives"])
    for line in ADJECTIVES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, value = line.split("\t")
            (positive if int(value) > 0 else negative).add(word)
    cues = load_cues().raw
    return EvaluativeWords(
        positive=_set(positive - set(data["negative_adjectives"])),
        negative=_set(negative - set(data["positive_adjectives"])),
        more=_set(data["more_words"]),
        less=_set(data["less_words"]),
        bound_markers=_set(data["bound_markers"]),
        manner_verbs=_set(data["manner_verbs"]),
        positive_manner=_set(data["positive_manner"]),
        negative_manner=_set(data["negative_manner"]),
        capability_verbs=_set(data["capability_verbs"]),
        failure_verbs=_set(data["failure_verbs"]),
        take_objects=_set(data["take_objects"]),
        incapability=_set(data["incapability_words"]),
        subordinators=_set(data["subordinators"]),
        reporting_verbs=_set(data["reporting_verbs"]),
        open_questions=_set(data["open_question_nouns"]),
        practice_nouns=_set(data["practice_nouns"]),
        stated_clause_marks=_set(data["stated_clause_marks"]),
        hindering_verbs=_set(data["hindering_verbs"]),
        regard_verbs=_set(data["regard_verbs"]),
        role_verbs=_set(data["role_verbs"]),
        bearing_verbs=_set(data["bearing_verbs"]),
        benefit_nouns=_set(data["benefit_nouns"]),
        limitation_nouns=_set(data["limitation_nouns"]),
        subject_heads=_set(data["subject_heads"]),
        rejected_heads=_set(data["rejected_heads"]),
        rejected_acronyms=frozenset(data["rejected_acronyms"]),
        participle_openers=_set(data["participle_openers"]),
        demand_verbs=_set(data["demand_verbs"]),
        small_amounts=_set(data["small_amounts"]),
        improving_verbs=_set(data["comparison"]["improving_verbs"]),
        causative_verbs=_set(data["causative_verbs"]),
        usability_verbs=_set(data["usability_verbs"]),
        reuse_verbs=_set(data["reuse_verbs"]),
        restricting=_set(data["restricting_words"]),
        neutral_denied=_set(data["neutral_denied_verbs"]),
        natural_behaviour=_set(data["natural_behaviour_verbs"]),
        natural_heads=_set(cues["group_comparison"]["group_heads"] + cues["shared_measure_heads"]),
        lagging_verbs=_set(data["lagging_verbs"]),
        condition_marks=_set(data["condition_marks"]),
        change_verbs=frozenset(load_cues().effect_direction),
    )


def open_evaluative_claims(
    context: SentenceContext, discourse: Discourse, cues: ClaimCues, found: list[Claim]
) -> list[Claim]:
    """Advantages and drawbacks of method-like subjects the other extractors did not state for this sentence."""
    words = load_evaluative_words()
    claims: list[Claim] = []
    for head in _predicate_heads(context.sent, words):
        if head.i in context.consumed:
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in head.children):
            continue  # "whether they are the most efficient ...": a question, not a statement
        if any(
            c.dep_ == "aux" and c.lower_ in cues.raw["deontic_modals"]
            for a in [head, *head.ancestors]
            for c in a.children
        ):
            continue  # "a system must ensure that it is nontoxic": a requirement, not a finding
        subject = clause_subject(head)
        if subject is not None and head.dep_ == "relcl" and subject.lower_ in ("which", "that", "who"):
            subject = _relative_clause_owner(head)
        if subject is None or subject.dep_ == "expl" or subject.i > head.i:
            continue
        usable = _usable(head, subject, words)
        owner = _method_owner(subject, context, discourse, cues, words) or (usable and _used_thing(subject, cues))
        if not owner:
            continue
        owner = _hyphen_completed(owner, subject)
        evaluations = [(1, _verb_tokens(head, subject))] if usable else _evaluations(head, subject, words)
        for polarity, tokens in evaluations:
            restricted = _restricted(head, tokens, words)
            if restricted:
                # "are only identifiable up to ...", "only offers this option for ...": a restricted strength is a
                # limitation; "only requires a simple named vector": a restricted demand is a saving
                polarity = -1 if polarity > 0 else 1 if head.lemma_.lower() in words.demand_verbs else polarity
                # the focus word is the limit's wording: "only offers this option for ...", not "offers this option"
                tokens = [*tokens, *(c for c in head.children if c.lower_ in words.restricting and c not in tokens)]
            negated = _negated(head, tokens, words)
            relation = "advantage" if (polarity > 0) != negated else "disadvantage"
            # ("can only be done on ...": a restricted passive keeps its "be")
            passive = restricted and any(c.dep_ == "auxpass" for c in head.children)
            obj = _object_text(tokens, head, subject, words, keep_auxiliaries=usable or passive)
            if restricted:
                obj = _with_condition(obj, head, words)
            if len(_content_words(obj)) < (1 if head.lemma_.lower() == "be" else 2) or _already_stated(
                obj, found + claims
            ):
                continue
            # (":restricted": the polarity was read with its focus word, which the guard's restriction class needs)
            claim = make_claim(context, owner, relation, obj, "evaluative-open" + (":restricted" if restricted else ""))
            claim.hedged = is_hedged(context.sent, head, cues)
            claim.negated = negated
            claims.append(claim)
    return claims


def participle_claims(
    context: SentenceContext, discourse: Discourse, cues: ClaimCues, found: list[Claim]
) -> list[Claim]:
    """ "X was successful at ..., outperforming Y", "X performed comparably well, while requiring much less training
    time", "X bypasses ..., allowing the model to focus on chemistry": a participle clause set off after a predicate,
    with no subject of its own, states one more property of the clause's subject. It is read on its own (the
    predicate's claim may already hold it inside a longer object, which no reader would match to this property) and
    judged by its own verb: capability ("allowing", "enabling", "outperforming"), failure or cost ("requiring",
    "lacking"; "requiring less" is a saving), improving on something ("improving upon Y"). Only where the clause it
    continues was read as an evaluation: its owner is the owner."""
    words = load_evaluative_words()
    claims: list[Claim] = []
    for participle in context.sent:
        clause = _participle_clause(participle, words)
        if clause is None:
            continue
        head, subject = clause
        owner = _stated_owner(context, found)
        if not owner:
            continue  # "Sonication is the sonication of ..., thereby allowing ...": continues no evaluation
        lemma = participle.lemma_.lower()
        tokens = _verb_tokens(participle, subject)
        if lemma in words.improving_verbs and any(
            c.dep_ == "prep" and c.lower_ in ("upon", "on", "over") for c in participle.children
        ):
            evaluations = [(1, tokens)]  # "improving upon standard methods": ranks above them
        else:
            evaluations = _evaluations(participle, subject, words)
        for polarity, evaluated in evaluations:
            negated = _negated(participle, evaluated, words)
            obj = _object_text(evaluated, participle, subject, words)
            if len(_content_words(obj)) < 2 or _already_stated(obj, found + claims):
                continue
            claims.append(
                _judged_claim(context, owner, polarity, negated, obj, "evaluative-participle", participle, cues)
            )
    return claims


def _judged_claim(
    context: SentenceContext,
    owner: str,
    value: int,
    negated: bool,
    obj: str,
    cue: str,
    head: Token,
    cues: ClaimCues,
) -> Claim:
    """`owner` has the judged quality `obj`: an advantage when the quality's value is positive and not negated (or
    negative and negated), hedged as the clause of `head` is."""
    relation = "advantage" if (value > 0) != negated else "disadvantage"
    claim = make_claim(context, owner, relation, obj, cue)
    claim.hedged = is_hedged(context.sent, head, cues)
    claim.negated = negated
    return claim


def resultative_claims(
    context: SentenceContext, discourse: Discourse, cues: ClaimCues, found: list[Claim]
) -> list[Claim]:
    """ "This makes 2D or 3D ion crystals especially desirable for scalable quantum computation", "..., making it
    competitive with NetMHCpan", "... make the models difficult to integrate with clinical practice": a causative verb
    gives its object a judged quality, and the made thing owns it (the causer only brought it about). The parser hangs
    the adjective on the verb as a clausal complement whose subject is the made thing. Not read: an extraposed "it"
    ("makes it difficult to exert ...": the quality is the infinitive's, no one's property), "this"/"that" (a whole
    situation), and a purpose or aim ("to make the models more interpretable", "a need to make ..."): only a verb of
    the clause itself, a conjoined clause, a participle clause or a relative clause states a fact."""
    words = load_evaluative_words()
    claims: list[Claim] = []
    for verb in context.sent:
        if verb.lemma_.lower() not in words.causative_verbs or verb.pos_ != "VERB":
            continue
        if verb.dep_ not in ("ROOT", "conj", "advcl", "relcl") or verb.tag_ == "VB" and verb.dep_ == "advcl":
            continue  # "to make the models more interpretable": an aim, not a fact
        for quality in verb.children:
            if quality.dep_ not in ("ccomp", "oprd") or quality.pos_ != "ADJ":
                continue
            value = _adjective_value(quality, words)
            made = next((c for c in quality.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if not value or made is None or made.i > quality.i:
                continue
            if made.pos_ == "PRON" and (
                made.lower_ not in ("it", "they")
                or any(c.dep_ in ("xcomp", "advcl") and c.i > quality.i for c in quality.children)
            ):
                continue  # "makes it difficult to exert ...", "will make this difficult": no thing's property
            if made.pos_ == "PRON" and any(c.dep_ == "nsubj" for c in verb.children):
                # "this makes it ideal for ...": "it" is not the causer (that would be "itself") and the sentences
                # before name several candidates; only a participle's "it" ("X increases ..., making it
                # competitive") takes up its own clause's subject
                continue
            owner = _method_owner(made, context, discourse, cues, words)
            if not owner:
                continue
            made_tokens = {t.i for t in made.subtree}
            # "extremely adaptable and capable of ...": each conjoined adjective is a quality of its own
            for part in [quality, *[c for c in quality.children if c.dep_ == "conj" and c.pos_ == "ADJ"]]:
                part_value = _adjective_value(part, words)
                if not part_value:
                    continue
                tokens = [t for t in _part_tokens(part) if t.i not in made_tokens]
                negated = _negated(verb, tokens, words)
                obj = _object_text(tokens, part, made, words)
                if len(_content_words(obj)) < 2 or _already_stated(obj, found + claims):
                    continue
                claims.append(
                    _judged_claim(context, owner, part_value, negated, obj, "evaluative-resultative", verb, cues)
                )
    return claims


def _restricted(head: Token, tokens: list[Token], words: EvaluativeWords) -> bool:
    """A focus word ("only", "solely", "merely") on the predicate itself: on the verb ("only offers", "only requires")
    or on the judged adjective ("only identifiable"), never "not only ..." (emphatic) nor one inside an object noun
    phrase ("the only option")."""
    judged = {head.i} | {t.i for t in tokens if t.pos_ == "ADJ" and t.head.i == head.i}
    # (a focus word before the verb is no part of the property's tokens: "X only works in ...")
    for token in [*tokens, *(c for c in head.children if c.i < head.i)]:
        if token.lower_ not in words.restricting or token.dep_ != "advmod":
            continue
        before = token.doc[token.i - 1] if token.i > 0 else None
        if before is not None and before.lower_ in ("not", "n't"):
            continue
        restricted = token.head
        if restricted.i in judged:
            return True
        if restricted.head.i in judged and (
            # "viable only for competing risks", "works only in unix-like systems": the focus on the prepositional
            # phrase that bounds where the predicate holds
            restricted.dep_ == "prep"
            # "supports only cumulative models", "gives us only the scaled variables": the focus opening the object
            # bounds what the verb grants ("the only option" has it inside the phrase, after its determiner)
            or restricted.dep_ in ("dobj", "obj")
            and restricted.left_edge.i == token.i
        ):
            return True
    return False


def regarded_object_claims(
    context: SentenceContext, discourse: Discourse, cues: ClaimCues, found: list[Claim]
) -> list[Claim]:
    """ "The IKWG and a UK study have acknowledged MIB-1 as a widely clinically validated Ki67 antibody", "this ...
    put Paul traps as a viable architecture to realize ...": the active form of "X is regarded as a promising tool".
    The verb's object owns the role the as-phrase gives it, judged by the role noun's own adjectives (the subject
    only holds the view)."""
    words = load_evaluative_words()
    claims: list[Claim] = []
    for verb in context.sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in words.regard_verbs or verb.i in context.consumed:
            continue
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or verb.dep_ not in ("ROOT", "conj"):
            continue  # the passive is read as a clause ("X is regarded as ..."); "to use X as ...": an aim
        regarded = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if regarded is None or regarded.pos_ == "PRON":
            continue
        for polarity, tokens in _role_evaluation(verb, words):
            owner = _method_owner(regarded, context, discourse, cues, words)
            negated = _negated(verb, tokens, words)
            obj = _object_text(tokens, verb, regarded, words)
            if not owner or len(_content_words(obj)) < 2 or _already_stated(obj, found + claims):
                continue
            claims.append(_judged_claim(context, owner, polarity, negated, obj, "evaluative-regarded", verb, cues))
    return claims


def _usable(verb: Token, subject: Token, words: EvaluativeWords) -> bool:
    """ "X can be used to calculate ...", "X can be applied to data where ...", "X can be reused up to five times":
    a passive verb of putting to use under "can" (not "may" or "could": hedges), with a purpose (a to-infinitive, a
    for/to/in/on-phrase) unless the verb is a strength by itself (reuse, extend). The subject is the means."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in words.usability_verbs or subject.dep_ != "nsubjpass":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "can" for c in verb.children):
        return False
    if verb.lemma_.lower() in words.reuse_verbs:
        return True
    return any(
        c.i > verb.i  # "to investigate the chains, the plot method can be used": the object would lose the purpose
        and (
            (c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
            or (c.dep_ == "prep" and c.lower_ in ("for", "to", "in", "on"))
        )
        for c in verb.children
    )


def _used_thing(subject: Token, cues: ClaimCues) -> str:
    """The noun phrase of what "can be used to ..." when no method class names it ("the pointwise log-likelihood",
    "histograms or rootograms of the posterior class probabilities"): the predicate says it is a means. Never a
    pronoun, a person, a writing or a result (rejected heads), a quantified group or a named non-method entity."""
    words = load_evaluative_words()
    if subject.pos_ not in ("NOUN", "PROPN") or subject.lemma_.lower() in words.rejected_heads:
        return ""
    if _names_investigator(subject, cues) or any(c.dep_ == "det" and c.lower_ in QUANTIFIERS for c in subject.children):
        return ""
    if any(c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those") for c in subject.children):
        return ""  # "these models can be applied ...": an anaphor, for the discourse to resolve
    text = noun_phrase_text(subject)
    return text if 0 < len(text.split()) <= 10 else ""


def _relative_clause_owner(clause: Token) -> Token | None:
    """Whose property a relative clause states: "X is a single-step method that requires low energy", "it is an
    arduous process that requires much solvent": on a predicate noun, the copula's subject (what the clause says of
    the kind, it says of X); "the DIC, which has been criticized by ...": set off by a comma, its antecedent. A
    defining clause on any other noun ("workflows that also incorporate human experts", "models that can handle
    ...") picks out which things are meant and asserts nothing of them (a copula in it, "algorithms that are
    faster", still reads its antecedent)."""
    antecedent = clause.head
    predicate = antecedent
    while predicate.dep_ == "conj" and predicate.head.i != predicate.i:
        predicate = predicate.head  # "is a one pot or single step method that ...": the first conjunct is the attr
    if predicate.dep_ == "attr" and predicate.head.lemma_.lower() == "be":
        return clause_subject(predicate.head)
    doc = clause.doc
    before = doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    if clause.lemma_.lower() != "be" and not (before is not None and before.text == ","):
        return None
    return antecedent


def _participle_clause(participle: Token, words: EvaluativeWords) -> tuple[Token, Token] | None:
    """(finite head, its subject) of a participle clause set off after it ("..., outperforming Y", "while requiring
    ...", "thus taking ..."), or None. Reached from the head through clause links only (advcl, conj, a preposition's
    complement): a participle that modifies a noun ("A, B and stabilizing agents") or names an activity ("by eschewing
    the grid", "at learning") is not such a clause."""
    if participle.tag_ != "VBG" or participle.pos_ not in ("VERB", "AUX") or participle.dep_ not in ("advcl", "conj"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in participle.children):
        return None
    doc = participle.doc
    opener = doc[participle.left_edge.i - 1] if participle.left_edge.i > 0 else None
    marks = {c.lower_ for c in participle.children if c.i < participle.i and c.dep_ in ("mark", "advmod")}
    if not (opener is not None and opener.text in (",", "–", "—") or marks & words.participle_openers):
        return None
    token = participle
    while token.head.i != token.i:
        if token.dep_ not in ("advcl", "conj", "pcomp", "prep", "xcomp", "acomp"):
            return None
        token = token.head
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            return None
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return (token, subjects[0]) if subjects[0].i < participle.i else None
    return None


def _stated_owner(context: SentenceContext, found: list[Claim]) -> str:
    """The owner of the (dis)advantages already read from this sentence, when they all have the same one: a
    participle clause continues an evaluation of it ("multimodal 3D deep architecture was successful ...,
    outperforming Y"); after a definition or a description of steps it states a mechanism, not a property."""
    owners = {
        c.subject
        for c in found
        if c.relation != "effect" and c.evidence and c.evidence[0].text == context.sent.text.strip()
    }
    return owners.pop() if len(owners) == 1 else ""


# ---------------------------------------------------------------- predicates


def _predicate_heads(sent: Span, words: EvaluativeWords) -> list[Token]:
    """The main clause and the clauses conjoined to it; for a reporting verb ("we show that X is faster") the
    reported clause instead."""
    root = sent.root
    heads = [root]
    if root.lemma_.lower() in words.reporting_verbs:
        heads = [c for c in root.children if c.dep_ == "ccomp"]
        if any(c.dep_ == "neg" for c in root.children):
            heads = []  # "this does not imply that priors are always meaningful": the reported clause is not asserted
    # "X, which is faster than Y", "samplers that converge quickly": a relative clause evaluates its antecedent
    heads += [t for t in sent if t.dep_ == "relcl" and t.pos_ in ("VERB", "AUX")]
    if root.lemma_.lower() not in words.reporting_verbs:
        # "X provides ...; however, they are hampered by ...: ...": clauses the parser hangs on the root as
        # complements when punctuation joins them; each has its own subject
        heads += [
            c
            for c in root.children
            if c.dep_ == "ccomp"
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            and any(p.text in (";", ":") for p in context_punct(root, c))
        ]
    found: list[Token] = []
    while heads:
        head = heads.pop(0)
        found.append(head)
        heads.extend(c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
        # "..., as they are much more computationally expedient", "because they are cheap", "while X outperformed
        # Y, ...": a clause of reason, contrast or concession states its own subject's property as a fact (a clause of
        # condition or time, "if X is slow", does not)
        heads.extend(
            c
            for c in head.children
            if c.dep_ == "advcl"
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            and any(g.dep_ == "mark" and g.lower_ in words.stated_clause_marks for g in c.children)
        )
    return found


def context_punct(root: Token, clause: Token) -> list[Token]:
    """The punctuation between a clause and the root it hangs on."""
    low, high = sorted((clause.right_edge.i if clause.i < root.i else clause.left_edge.i, root.i))
    return [t for t in root.doc[low : high + 1] if t.is_punct]


def _evaluations(head: Token, subject: Token, words: EvaluativeWords) -> list[tuple[int, list[Token]]]:
    """(polarity, tokens of the evaluated predicate) for each property the clause states of its subject."""
    lemma = head.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in head.children) or subject.dep_ == "nsubjpass"
    if lemma == "be" or passive:
        hindered = passive and head.lemma_.lower() in words.hindering_verbs
        if hindered and any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in head.children):
            return [(-1, _verb_tokens(head, subject))]  # "X is limited by its memory use": with the agent
        if passive and head.lower_ in words.negative | words.positive:
            return [(_word_value(head, words), [head])]  # "X is limited", "X is biased": a participle judged
        if hindered:
            # "X is hampered by the micromotion problem", "X is limited by its memory use", "X is plagued by
            # convergence issues": what holds a method back, with its agent phrase
            return [(-1, _verb_tokens(head, subject))]
        if passive and head.lemma_.lower() in words.regard_verbs:
            found = _role_evaluation(head, words)  # "X is regarded as a viable alternative"
            if found:
                return found
        found = []
        for child in head.children:
            if child.dep_ == "acomp":
                # "are simply not optimal": the negation and degree words before the adjective are part of it
                before = [c for c in head.children if c.dep_ in ("neg", "advmod") and child.i - 3 <= c.i < child.i]
                for part in [child, *[c for c in child.children if c.dep_ == "conj" and c.pos_ == "ADJ"]]:
                    value = _adjective_value(part, words)
                    if value:
                        found.append((value, (before if part is child else []) + _part_tokens(part)))
            elif child.dep_ == "attr":
                value = _modified_noun_value(_class_noun(child), words)
                if value:
                    found.append((value, _part_tokens(child)))
            elif child.dep_ == "prep" and child.lower_ == "among" and child.i > head.i:
                # "X was among the first to generate entangled states", "X is among the most accurate tools"
                inner = [g for g in child.children if g.dep_ == "pobj"]
                if inner and (_modified_noun_value(_class_noun(inner[0]), words) or _pioneering(inner[0], words)):
                    value = _modified_noun_value(_class_noun(inner[0]), words) or 1
                    found.append((value, [child, *_part_tokens(inner[0])]))
        if passive and not found and head.pos_ == "VERB" and any(c.lower_ == "can" for c in head.children):
            # "can only be done on complete matrices": a possibility bounded (not "X is phosphorylated only at Y",
            # what happens to a thing)
            return _restricted_doing(head, _verb_tokens(head, subject), words)
        return found
    if head.pos_ != "VERB":
        return []
    tokens = _verb_tokens(head, subject)
    if any(c.dep_ in ("dobj", "obj") and c.pos_ == "PRON" for c in head.children):
        return []  # "cannot separate it accurately": what the verb acts on is not said in words here
    if _incapable(head, words):
        return [(-1, tokens)]  # "X cannot handle ...", "X is unable to ...": the negation is the drawback itself
    if lemma in words.manner_verbs:
        manner = words.positive_manner | words.negative_manner
        if any(c.dep_ in ("dobj", "obj") and c.lower_ not in manner for c in head.children):
            return []  # "performed the alignment well": the manner of a task done, not of the method itself
        value = _manner_value(head, words)
        if value:
            return [(value, tokens)]
        # "only works in unix"; "msm does not deal with informative sampling times"
        return _restricted_doing(head, tokens, words) or _denied_doing(head, subject, tokens, words)
    if lemma in words.capability_verbs:
        return [(1, tokens)]
    if lemma in words.lagging_verbs and any(c.lower_ == "behind" and c.i > head.i for c in head.children):
        return [(-1, tokens)]  # "MCMCglmm falls behind the other packages"
    if lemma in words.role_verbs:
        found = _role_evaluation(head, words)  # "X serves as a simple alternative", "X emerged as a leading tool"
        if found:
            return found
    objects = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    if objects and lemma in words.bearing_verbs:
        # "X offers the opportunity to ...", "X has the advantage of ...", "X opens the prospect of ...": a noun of
        # possibility or benefit; "X faces problems such as ...", "X carries a risk of bleeding": a noun of limitation
        noun = objects[0].lemma_.lower()
        if any(c.lower_ == "such" or c.text == ":" for t in objects[0].children for c in (t, *t.children)):
            return []  # "faces problems such as A and B": the listed items are the claims (read with the cue nouns)
        complements = [
            c
            for c in objects[0].children
            if c.dep_ in ("acl", "relcl") or (c.dep_ == "prep" and c.lower_ in ("for", "in", "over", "to", "with"))
        ]
        if not complements or any(c.dep_ == "prep" and c.lower_ == "of" for c in objects[0].children):
            return []  # "presents several disadvantages" (named elsewhere); "the advantages of A, B": the cue nouns
        stated = _stated_content(objects[0])  # "has the advantage that it also uses X": the property is the clause
        if noun in words.benefit_nouns:
            return [(1, stated or tokens)]
        if noun in words.limitation_nouns and not any(
            c.dep_ == "amod" and _word_value(c, words) > 0 for c in objects[0].children
        ):
            return [(-1, stated or tokens)]
    if lemma in words.failure_verbs:
        objects = [t for c in head.children if c.dep_ in ("dobj", "obj", "xcomp") for t in c.subtree]
        if any(t.lemma_.lower() in words.open_questions for t in objects):
            return []  # "needs further research": an open question, not a cost
        if lemma in words.demand_verbs and any(
            t.lower_ in words.less or t.lower_ in words.small_amounts for t in objects
        ):
            return [(1, tokens)]  # "requires much less training time", "needs fewer samples": a saving
        if any(t.lower_ in words.less or t.lower_ in words.small_amounts for t in objects):
            return []  # "loses less accuracy": a smaller failure, no clear leaning
        return [(-1, tokens)]
    if lemma == "take" and any(t.lemma_.lower() in words.take_objects for t in head.children if t.dep_ != "nsubj"):
        return [(-1, tokens)]  # "takes long", "takes more time per sample": a cost in time
    objects = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    if objects and lemma in ("have", "give", "yield", "produce", "offer", "provide", "return", "deliver"):
        value = _modified_noun_value(objects[0], words)
        if value:
            return [(value, tokens)]  # "X gives biased estimates", "X has a flexible syntax"
    return _restricted_doing(head, tokens, words) or _denied_doing(head, subject, tokens, words)


def _hyphen_completed(owner: str, subject: Token) -> str:
    """ "cross-validation can only be ...": the parser may make the first part of a hyphenated word the subject and
    hang the rest beside it; the owner is the whole word as written."""
    doc, end = subject.doc, subject.i
    while (
        end + 2 < len(doc)
        and not doc[end].whitespace_
        and doc[end + 1].text == "-"
        and not doc[end + 1].whitespace_
        and doc[end + 2].is_alpha
    ):
        end += 2
    if end == subject.i or not owner.endswith(subject.text):
        return owner
    return owner + doc[subject.i + 1 : end + 1].text


def _with_condition(obj: str, head: Token, words: EvaluativeWords) -> str:
    """ "only pays off if the analysis takes ten seconds or longer", "is only correct if all endpoints are
    independent": under a focus word the condition is the limit itself, so the object keeps the if-clause that the
    object text cuts at its subordinator."""
    for clause in head.children:
        if clause.dep_ == "advcl" and clause.i > head.i:
            mark = next((c for c in clause.children if c.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in words.condition_marks:
                return f"{obj} {span_text(head.doc, [t.i for t in clause.subtree])}".strip()
    return obj


def _restricted_doing(head: Token, tokens: list[Token], words: EvaluativeWords) -> list[tuple[int, list[Token]]]:
    """ "X only works in unix-like systems", "X can only read BAM files", "X only offers this option for gaussian
    families", "cross-validation can only be performed with algorithms that ...": what a method does or what can be
    done with it, bounded by a focus word, is a limitation whatever the verb. Read as a granted capability (+1) that
    the caller's restriction turns into a limitation; not verbs of changing something (an effect's size is no
    limit: "X only slightly increased Y"), nor of being or having."""
    lemma = head.lemma_.lower()
    if lemma in words.change_verbs or lemma in ("be", "have", "do") or not _restricted(head, tokens, words):
        return []
    return [(1, tokens)]


def _denied_doing(
    head: Token, subject: Token, tokens: list[Token], words: EvaluativeWords
) -> list[tuple[int, list[Token]]]:
    """ "X does not take into account the complexity of the model", "msm does not deal with informative sampling
    times", "the EARS methods do not compute a proper prediction interval": what a method is said not to do is a
    limitation whatever the verb. Read as a granted doing (+1) that the clause's negation turns into a limitation.
    Only the verb's own negation (not one inside its object), and not verbs of changing something ("X did not
    affect Y" is an effect's absence), of being, having or needing ("does not require tuning" is a saving, read as
    a demand), of harm ("does not damage the sample": a strength, read by its polarity), of reporting, of a neutral
    fact ("does not differ from Y", "does not depend on the seed"), or of what living things and substances do by
    nature ("the strain did not grow in serum"); and no subject that names an organism, a study group or a
    biological process ("TLR activation did not generate IFN-γ" is a finding about biology, not a method's lack)."""
    lemma = head.lemma_.lower()
    if not any(c.dep_ == "neg" and c.lower_ in ("not", "n't", "never") for c in head.children):
        return []
    if (
        lemma in words.change_verbs
        or lemma in ("be", "have", "do", "get")
        or lemma in words.demand_verbs
        or lemma in words.failure_verbs
        or lemma in words.negative
        or lemma in words.reporting_verbs
        or lemma in words.neutral_denied
        or lemma in words.natural_behaviour
        or subject.lemma_.lower() in words.natural_heads
    ):
        return []
    if not any(c.dep_ in ("dobj", "obj", "prep", "prt", "xcomp", "ccomp") for c in head.children):
        return []  # "the chain does not mix": the bare verb says too little to be a missing capability
    return [(1, tokens)]


def _class_noun(noun: Token) -> Token:
    """ "one of the most promising platforms": the noun the quantifier picks from."""
    if noun.lemma_.lower() in ("one", "some", "many", "few") or noun.pos_ == "NUM":
        inner = [
            g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
        if inner:
            return inner[0]
    return noun


def _pioneering(noun: Token, words: EvaluativeWords) -> bool:
    """ "among the first to ...", "the first method to ...": being first to do something is a distinction."""
    return noun.lower_ in ("first", "earliest") or any(c.lower_ in ("first", "earliest") for c in noun.children)


def _role_evaluation(verb: Token, words: EvaluativeWords) -> list[tuple[int, list[Token]]]:
    """ "X is regarded/hailed as one of the most promising platforms", "X serves as an efficient alternative",
    "X has emerged as a robust tool": the role given in the as-phrase, judged by its own adjectives."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "as":
            continue
        inner = [g for g in prep.children if g.dep_ == "pobj"]
        if not inner:
            continue
        value = _modified_noun_value(_class_noun(inner[0]), words)
        if value:
            return [(value, _part_tokens(inner[0]))]
    return []


def _word_value(token: Token, words: EvaluativeWords) -> int:
    for form in (token.lower_, token.lemma_.lower()):
        if form in words.positive:
            return 1
        if form in words.negative:
            return -1
    return 0


def _adjective_value(adjective: Token, words: EvaluativeWords) -> int:
    """ "faster", "more flexible", "less memory-intensive", "computationally expensive", "able to"."""
    value = _word_value(adjective, words)
    if not value:
        # "memory - intensive", "time - consuming": scispaCy splits a hyphenated adjective; its last part judges
        value = next(
            (
                _word_value(c, words)
                for c in adjective.children
                if c.dep_ in ("amod", "advmod", "npadvmod") and c.i < adjective.i and _word_value(c, words)
            ),
            0,
        )
        if not value:
            return 0
    degrees = {c.lower_ for c in adjective.children if c.dep_ in ("advmod", "amod")}
    if lessened(adjective, words):
        value = -value
    if "too" in degrees or "overly" in degrees:
        return -1  # "too large for fast gates", "overly conservative": an excess is a drawback whatever the quality
    return value


def lessened(token: Token, words: EvaluativeWords, deps: tuple[str, ...] | None = ("advmod", "amod")) -> bool:
    """ "less accurate", "fewer errors": a degree word of lessening on TOKEN; not "at least as accurate", where
    the degree word is a bound (evaluative.json "bound_markers")."""
    return any(
        (deps is None or c.dep_ in deps)
        and c.lower_ in words.less
        and not any(g.lower_ in words.bound_markers for g in c.children)
        for c in token.children
    )


def _modified_noun_value(noun: Token, words: EvaluativeWords) -> int:
    """ "a flexible approach", "biased estimates", "better convergence": the polarity of the noun's own adjectives."""
    values = [_adjective_value(c, words) for c in noun.children if c.dep_ == "amod" and c.i < noun.i]
    values = [v for v in values if v]
    if values and all(v == values[0] for v in values):
        return values[0]
    return 0


def _manner_value(verb: Token, words: EvaluativeWords) -> int:
    for child in verb.children:
        if child.dep_ not in ("advmod", "acomp", "dobj", "npadvmod"):
            continue
        forms = {child.lower_, child.lemma_.lower()}
        flip = -1 if lessened(child, words, deps=None) else 1
        if forms & words.positive_manner:
            return flip
        if forms & words.negative_manner:
            return -flip
    return 0


def _stated_content(noun: Token) -> list[Token]:
    """The that-clause stating a benefit or limitation noun's content ("the advantage that it also uses Times Roman
    for the math fonts"), without "that" and without its subject when that is a pronoun standing for the owner
    ("it"), or [] when the noun has no such clause."""
    for clause in noun.children:
        if clause.dep_ not in ("acl", "relcl", "ccomp") or not any(
            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
        ):
            continue
        dropped = {c.i for c in clause.children if c.dep_ == "mark" or (c.dep_ == "nsubj" and c.lower_ == "it")}
        return [t for t in clause.subtree if t.i not in dropped]
    return []


def _incapable(verb: Token, words: EvaluativeWords) -> bool:
    """ "cannot X", "is unable to X", "fails to X": said with the verb itself or the one it complements."""
    chain = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    return any(
        c.lower_ in words.incapability or (c.dep_ == "neg" and any(a.lower_ in ("can", "could") for a in v.children))
        for v in chain
        for c in v.children
    ) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("fail", "unable"))


def _negated(head: Token, tokens: list[Token], words: EvaluativeWords) -> bool:
    """A clause negation flips the polarity ("does not require", "is not flexible", "requires no tuning"), except
    that of an incapability, which already is the drawback."""
    if head.pos_ == "VERB" and _incapable(head, words):
        return False
    scope = [head, *[c for c in head.children if c.dep_ in ("acomp", "attr", "dobj", "obj", "xcomp")]]
    # "fit structured models that the basic lmer function cannot handle": a relative clause's negation is its own
    relatives = {t.i for r in tokens if r.dep_ == "relcl" and r is not head for t in r.subtree}
    if any(t.lower_ in ("not", "n't", "never") and t.i not in relatives for t in tokens):
        return True  # "are not always meaningful": the parser may hang "not" on the degree word
    return any(
        c.dep_ == "neg" or (c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det"))
        for t in scope
        for c in t.children
    )


# ---------------------------------------------------------------- subject


def _method_owner(
    subject: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues, words: EvaluativeWords
) -> str:
    """The subject as written when it looks like a method, tool or material; an anaphor resolved; else ""."""
    lemma = subject.lemma_.lower()
    if subject.pos_ == "PRON":
        if subject.lower_ not in ("it", "they") or _extraposed(subject):
            return ""
        earlier = _earlier_clause_subject(subject, context)
        if earlier is not None:
            owner = _method_owner(earlier, context, discourse, cues, words)
            if owner:
                return owner  # "Paul traps provide ...; however, they are hampered by ...": the same sentence's
        resolved = discourse.resolve_anaphor(None, context, subject.i)
        return resolved if _names_method(resolved, discourse, words) else ""
    if lemma in words.rejected_heads or _names_investigator(subject, cues):
        return ""
    if any(c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in QUANTIFIERS) for c in subject.children):
        return ""  # "all five packages", "both methods": a statement about several subjects, each its own line
    modifiers = [c for c in subject.children if c.dep_ in ("compound", "amod", "nmod", "prep", "nummod", "poss")]
    determiners = [c.lower_ for c in subject.children if c.dep_ == "det"]
    pointer = determiners[:1] in (["this"], ["these"], ["the"], ["that"]) and not named_in_apposition(subject)
    if lemma in words.subject_heads and not modifiers and pointer:
        resolved = discourse.resolve_anaphor(lemma, context, subject.i)  # "this estimator", "the package"
        return resolved if _names_method(resolved, discourse, words) else ""
    if TAXON.match(subject.doc[subject.left_edge.i : subject.i + 1].text):
        return ""  # "A. baumannii strains": an organism
    text = noun_phrase_text(subject)
    if len(text.split()) > 10:  # "the metal_compare function within the ... module": the name before the head
        text = span_text(subject.doc, list(range(subject.left_edge.i, subject.i + 1)))
        text = text if len(text.split()) <= 10 else ""
    if not text:
        return ""
    if text.lower() in {n.lower() for n in discourse.method_names} or text == discourse.main_method:
        return text  # a name the paper gives a tool or method ("brms, an R package ..."), whatever NER calls it
    if subject.tag_ == "VBG" and any(c.dep_ in ("dobj", "obj", "prep", "advmod") for c in subject.children):
        # "using Stan directly", "running chains in parallel": a practice, named by its gerund phrase
        return span_text(subject.doc, [t.i for t in subject.subtree])
    if lemma in words.practice_nouns and any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children):
        return text  # "the use of electrode arrays", "synthesis of Au nanoparticles": a practice
    if subject.lower_.endswith("ing") and subject.pos_ == "NOUN" and modifiers:
        return text  # "Urban modeling", "importance sampling": a practice named by a noun in -ing
    if lemma in words.subject_heads and (modifiers or (subject.tag_ == "NNS" and not determiners)):
        return text  # "the sandwich estimator", "Prior specifications", "algorithms": a method-like head
    if _declared_method(subject, words):
        return text  # "X is a promising platform for ...", "X are popular tools": the predicate says what X is
    if subject.ent_type_ and subject.ent_type_ not in ("METHOD", "TREATMENT"):
        return ""  # a molecule, a disease, an organism: its properties are not a method's
    name_tokens = [subject, *[c for c in subject.children if c.dep_ in ("compound", "nmod", "appos", "amod")]]
    if any(_names_code_or_acronym(t, words) for t in name_tokens):
        return text
    if subject.pos_ == "PROPN" and subject.text[:1].isupper() and subject.i > context.sent.start:
        return text  # a capitalised name mid-sentence: a package, an algorithm, a named model
    if subject.pos_ == "NOUN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper() and c.i > context.sent.start
        for c in subject.children
    ):
        return text  # "Paul traps", "Gibbs sampler", "Kohonen maps": a device or method named after a person
    if any(m.start <= subject.i < m.end and not m.is_modifier for m in context.mentions):
        return text
    return ""


def _names_investigator(subject: Token, cues: ClaimCues) -> bool:
    """A person or "Nie et al." as the subject, read in the noun phrase itself: a relative clause on it ("the DIC,
    which has been criticized by several authors (Vehtari et al. 2015)") names who said something about it."""
    if not any(c.dep_ in ("relcl", "acl") for c in subject.children):
        return is_investigator(subject, cues)
    clauses = {t.i for c in subject.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    own = {t.lemma_.lower() for t in subject.subtree if t.i not in clauses}
    return subject.lemma_.lower() in cues.investigators or bool(own & {"al", "et"})


def _earlier_clause_subject(pronoun: Token, context: SentenceContext) -> Token | None:
    """The subject of the nearest earlier clause of the same sentence that agrees with the pronoun in number ("they":
    a plural noun, "it": a singular one): a pronoun in a later clause most often takes up that clause's subject."""
    plural = pronoun.lower_ == "they"
    for token in reversed(context.sent[: pronoun.i - context.sent.start]):
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those") for c in token.children):
                return None  # "this extraction technique ..., because it is ...": both point further back
            if (token.tag_ in ("NNS", "NNPS")) == plural:
                return token
            return None
    return None


def _declared_method(subject: Token, words: EvaluativeWords) -> bool:
    """The clause itself names the subject's kind with a method-like predicate noun ("is a flexible approach")."""
    verb = subject.head
    if verb.lemma_.lower() in words.regard_verbs | words.role_verbs:
        # "X is hailed as one of the most promising platforms", "X serves as a tool for ...": the as-phrase
        roles = [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"
        ]
        return any(_class_noun(r).lemma_.lower() in words.subject_heads for r in roles)
    return verb.lemma_.lower() == "be" and any(
        c.dep_ == "attr" and _class_noun(c).lemma_.lower() in words.subject_heads for c in verb.children
    )


def _extraposed(pronoun: Token) -> bool:
    """ "it is easy to define ...", "it could be useful to impute ...": "it" stands for the clause that follows."""
    head = pronoun.head
    complements = [c for c in head.children if c.dep_ in ("xcomp", "ccomp")]
    complements += [
        g for c in head.children if c.dep_ in ("acomp", "attr") for g in c.children if g.dep_ in ("xcomp", "ccomp")
    ]
    return pronoun.lower_ == "it" and any(c.i > head.i for c in complements)


def _names_method(text: str, discourse: Discourse, words: EvaluativeWords) -> bool:
    """A resolved anaphor still has to look like a method: a method-like head, a code name, an acronym, or a name
    the paper gives a method."""
    parts = text.split()
    if not parts:
        return False
    if text.lower() in {n.lower() for n in discourse.method_names} or text == discourse.main_method:
        return True
    last = parts[-1].lower()
    if last in words.subject_heads or last.rstrip("s") in words.subject_heads:
        return True
    return any((CODE_NAME.match(p) or ACRONYM.match(p)) and p not in words.rejected_acronyms for p in parts)


def _names_code_or_acronym(token: Token, words: EvaluativeWords) -> bool:
    text = token.text
    if text in words.rejected_acronyms or text.rstrip("s") in words.rejected_acronyms:
        return False
    return bool(CODE_NAME.match(text) or ACRONYM.match(text))


# ---------------------------------------------------------------- object


def _part_tokens(part: Token) -> list[Token]:
    """An adjective or predicate noun with its own modifiers and complements, without its conjuncts."""
    drop = {t.i for c in part.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    drop |= {t.i for t in part.subtree if t.dep_ == "det" and t.head.i == part.i}
    return [t for t in part.subtree if t.i not in drop]


def _verb_tokens(verb: Token, subject: Token) -> list[Token]:
    """The verb with its auxiliaries, negation and complements; not its subject, conjoined or subordinate clauses."""
    # (the subject of a relative clause is its antecedent, whose subtree holds the clause: only the rest goes)
    drop = {t.i for t in subject.subtree} - {t.i for t in verb.subtree}
    for child in verb.children:
        before = child.i < verb.i and child.dep_ not in ("aux", "auxpass", "neg") and child.lower_ not in ("never",)
        if child.dep_ in CLAUSE_DEPS or before:  # "Regarding X, ...", "Furthermore, ...": not the property
            drop |= {t.i for t in child.subtree}
    return [t for t in verb.subtree if t.i not in drop]


def _object_text(
    tokens: list[Token], head: Token, subject: Token, words: EvaluativeWords, keep_auxiliaries: bool = False
) -> str:
    """The tokens in reading order, cut at the first subordinate clause or bracket, at most MAX_OBJECT_TOKENS
    (with KEEP_AUXILIARIES, "can be used to ..." keeps its "be": the passive is the property's wording)."""
    kept: list[int] = []
    skip_until = -1
    for token in sorted(tokens, key=lambda t: t.i):
        if token.i <= skip_until:
            continue
        if kept and token.text == "(":
            skip_until = _reference_bracket_end(token)  # "supports a shiny (Chang ... 2018) interface": read on
            if skip_until > token.i:
                continue
        if kept and (
            (
                token.lower_ in words.subordinators
                and token.dep_ in ("mark", "advmod", "nsubj", "nsubjpass", "cc", "prep")
                and not _equative_degree(token)
            )
            or token.text in (";", ":", "(")
        ):
            break
        if token.lemma_.lower() == "be" and token.i == head.i:
            continue  # "is" of "is faster": the property is the adjective
        if (
            not keep_auxiliaries
            and token.dep_ in ("aux", "auxpass")
            and token.head.i == head.i
            and token.lemma_.lower() in ("be", "have", "do")
        ):
            continue  # "does not require", "has been shown": the property is in the verb and its complements
        kept.append(token.i)
        if len(kept) >= MAX_OBJECT_TOKENS:
            break
    text = span_text(subject.doc, kept)
    return text.strip(" ,.")


def _equative_degree(token: Token) -> bool:
    """ "at least as efficient as Y", "just as successful as Y": the two "as" of an equative, the degree word before
    the adjective and the phrase of the compared thing after it, open no clause (the object would stop at "at
    least")."""
    head = token.head
    if token.lower_ != "as" or head.pos_ not in ("ADJ", "ADV"):
        return False
    if token.dep_ == "advmod":
        return head.i == token.i + 1
    return token.dep_ == "prep" and any(
        c.dep_ == "advmod" and c.lower_ == "as" and c.i == head.i - 1 for c in head.children
    )


def _reference_bracket_end(opening: Token) -> int:
    """The index of the ")" that closes OPENING when the bracket holds only a citation or a cross-reference
    ("(Chang, Cheng, ... 2018)", "(see Appendix A)", "(Equation 18)"), else -1: the words after it still belong to
    the phrase, while any other bracket (a definition, an example) ends the object."""
    sentence = opening.sent
    depth = 0
    for token in sentence[opening.i - sentence.start + 1 :]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            if depth:
                depth -= 1
                continue
            inner = opening.doc[opening.i + 1 : token.i].text
            return token.i if REFERENCE_BRACKET.search(inner) else -1
    return -1


CONTENT = re.compile(r"[a-z][a-z0-9]+")


def _content_words(text: str) -> set[str]:
    return {w.rstrip("s") for w in CONTENT.findall(text.lower()) if len(w) > 2}


def _already_stated(obj: str, claims: list[Claim]) -> bool:
    """Another extractor (or an earlier clause here) already gave this property: its claim stands."""
    mine = _content_words(obj)
    for claim in claims:
        theirs = _content_words(claim.object)
        if mine and theirs:
            common = len(mine & theirs)
            if common and 2 * common / (len(mine) + len(theirs)) >= 0.5:
                return True
    return False
