"""The junk guard: every claim's subject and object must be content phrases.

A pattern can fire on the wrong words ("physical activity → effect → rates", "deep learning → effect → which",
"AKT → effect → AKT", subject "EPRS1-"); whatever produced it, such a claim says nothing. The word classes live in
models/claims/guard.json:

- pronouns, relative words and function words: a phrase made only of them (with numbers, units, punctuation) has
  no content ("which", "it", "this", "20 mg/kg");
- bare objects: a lone dimension noun ("rates", "their activity", "the treatment effect") names no effect;
- a subject that ends in a hyphenated modifier ("TLR-mediated", "EPRS1-") or in a participle ("sonicated",
  "three-dimensional cultured") lost its head noun; one that opens with a figure-panel letter ("c Insulin-induced
  modification") comes from a figure label;
- a subject made only of a generic head ("plants", "these mutations"), one that opens with a quantity ("about 80%
  of the world population") or ends in an adverb of the verb phrase ("... likely");
- an object that only repeats the subject ("AKT → effect → AKT"), or that opens with a preposition (a stranded
  adjunct: "for the effective application");
- an object that opens with a verb of saying or concluding ("has stressed ...", "also supported the finding that ...",
  "can be deduced that ..."): the subject reports, the claim is inside the report;
- an advantage or disadvantage whose subject is a measured quantity or an attribute ("the prevalence of smoking",
  "viral titers in ...", "every iteration", "an obvious exception to this"), not a method, tool or treatment;
- an item of a cue noun's list that is a relative clause ("The drawback of X is the need to ..., which can be
  automated"): it describes the noun before it, not the owner;
- on papers the project was not built on (benchmarks/judged, session 13): a subject that is only an author-year
  reference or is cut at a conjunction; an object that points to a list after the sentence ("the following files:"),
  the predicate of an expletive "it" ("it is always a good idea to ..."), a cause ("due to block structure"), the
  restrictive relative clause of another noun, a capability offered ("offers aggregation of ...") read as a drawback,
  a definition ("characterizes the rate of ..."), an aim ("aims at lessening ..."), a clause with its own bare-noun
  subject ("Wald approximations would be ..."), a formula symbol glued to a word ("Pwith");
- session 14: an object that is a demonstrative and a generic head ("requires this package"), a person as the agent
  of an effect ("the user is ... responsible for ..."), an item of a list of challenges read as an advantage, what an
  easy step requires read as a drawback ("straightforward, requiring ..."), a count of problems announced ("two
  problems in ..."), a second that-clause or a bare noun and a copula as the predicate ("model extensions are more
  straightforward"), an object that opens the next sentence, a subject written only inside the object's complement
  ("wraps the functions of lme4"), the paper's method put in over a sentence that names its own subject,
  publishers' guidelines or bibliographies as owners, and a cue list's item that is an example ("for, say, X");
- session 15: a predicate noun phrase headed by a mathematical or data structure ("a simple list of ...", "this
  sparse Cholesky factorization", "wrappers for ..."), and a predicate opening with a verb of composition ("They
  comprise simple ... formulae") with the definitions; a subject that is only the noun of a fronted "As a(n) N"
  phrase ("As a response, ..."); an object that opens with a citation's names and year ("Held 2017 as mentioned
  further below") or names its thing only by where the paper describes it ("the objects described in Table 5"). A
  fault noun naming a kind ("a block diagonal matrix") is no drawback by the cue reader's role check
  (prose_advantages `_modifier_sense`, cues.json `head_only_harm`).
- session 17 (dev false positives and the judged draws): a predicate whose own evaluative word has the other
  leaning ("an extremely useful but computationally intensive technique" read as an advantage, "rarely useful"), an
  effect of a part of a mathematical model ("the ith random-effects term contributes ... to the model matrix"), a
  measure of a dimension ("size of impact"), a question raised, words lost before "of" ("have of trouble"), an
  identification ("are considered to be the active components ..."), a change of a bare dimension noun ("reduces
  the effect").
- session 18 (the unseen papers: benchmarks/papers, three untuned dev papers, 40 TeX Live manuals): what a thing
  "simply" or "merely" does (a plain description, "simply" being no praise of simplicity), a wish ("further
  extensions are desirable"), a recommendation to the reader ("align is preferable over eqnarray"), the paper's own
  tool put in for a plural pointer ("these codes are highly robust"), a turn to the reader ("let's not get into
  that"), a dummy "it" written with its clitic ("it's straightforward to ...") or with "advised", a predicate that
  opens with "I"/"we"/"you" (another clause), words lost after "provide"/"have" ("provide of insight").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import general_vocabulary, models_dir
from pipeline.records import Claim

WORD = re.compile(r"[^\W_](?:[\w'’./+-]*[^\W_])?|%")
NUMBER = re.compile(r"^[±<>≤≥~]?\d+(?:[.,]\d+)*(?:[-–]\d+(?:[.,]\d+)*)?%?$")
PANEL_LABEL = re.compile(r"^[a-h]\)?\s+[A-Z]")  # "c Insulin-induced ...": a figure panel's letter
FORMULA = re.compile(r"\w\s+[<>=≤≥]\s+[-\w]")  # "age > 0": a comparison or equation in symbols ("<5": a range)
VERSION = re.compile(r"^v\.?\d+(?:\.\d+)+$")
# an author-year reference as a whole phrase: "Pinheiro and Bates 1996", "Meyer et al. 2012", "Held, Höhle (2005a)"
CITATION_SHAPE = re.compile(
    r"^\(?[A-Z][\w'’-]+(?:(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][\w'’-]+)*(?:\s+et\s+al\.?)?,?\s+\(?(?:1[89]|20)\d\d[a-z]?\)?$"
)
# a one-letter symbol of a formula glued to a function word ("the sparsity of Z increases Pwith the number of ...")
GLUED_SYMBOL = re.compile(r"(?<![\w-])[A-Z](?:with|the|from|which)(?![\w-])")
POSSESSIVE_OPENERS = ("their ", "its ", "his ", "her ", "our ", "the ", "a ", "an ", "this ", "these ")


@dataclass(frozen=True)
class GuardWords:
    empty: frozenset[str]  # pronouns, relative words, function words, units
    pronouns: frozenset[str]
    bare_objects: frozenset[str]
    fragment_suffixes: tuple[str, ...]
    participle_exceptions: frozenset[str]
    dangling: frozenset[str]  # words a phrase cannot end with ("the intensity of")
    preposition_openers: frozenset[str]  # words an object cannot open with ("for the effective application")
    clause_openers: frozenset[str]  # conjunctions that open the next clause ("so the effect of X is ...")
    bare_subjects: frozenset[str]  # generic heads that alone name a topic ("plants", "the protein")
    vague_determiners: frozenset[str]
    hedge_endings: frozenset[str]  # adverbs a subject cannot end with ("... likely")
    reporting_verbs: frozenset[str]  # "has stressed ...": a predicate of saying
    that_reporting_verbs: frozenset[str]  # "can be seen that ...": saying only with a that-clause
    verb_phrase_openers: frozenset[str]  # auxiliaries and adverbs before a predicate's verb
    attribute_heads: frozenset[str]  # "prevalence", "titers", "iteration", "caption": a quantity, an attribute or a
    # part of the writing, not an owner
    relative_words: frozenset[str]
    topic_heads: frozenset[str]  # "characteristic", "exception", "aim", "caption": no owner of any claim
    reporting_participles: frozenset[str]  # "previous data suggesting X": a report as subject
    solving_verbs: frozenset[str]  # "tackle", "address": their listed problems are solved, not suffered
    problem_nouns: frozenset[str]
    restrictive_focus: frozenset[str]  # "only": "X is only meaningful if ..." restricts X
    cue_evaluations: frozenset[str]  # "limitations are especially important": the cue noun weighed, no property
    deontic_objects: frozenset[str]  # "required", "recommended": a requirement, not an effect
    degree_adverbs: frozenset[str]
    using_verbs: frozenset[str]  # "X uses Y to V": V is Y's purpose, not X's effect
    cut_subject_endings: frozenset[str]  # "... works as expected but": a subject cut inside a clause
    cataphors: tuple[str, ...]  # "requires the following files:": the content comes after the sentence
    cause_markers: tuple[str, ...]  # "due to X": X causes, it is not acted on
    expletive_copulas: tuple[str, ...]  # "it is always a good idea to ...": a dummy "it"
    expletive_predicates: frozenset[str]  # "idea", "advisable": predicates of an extraposed complement
    offering_verbs: frozenset[str]  # "X offers Y": Y is given, a capability
    scarcity_words: frozenset[str]  # "provides low recovery": what is offered is too little, a drawback
    defining_verbs: frozenset[str]  # "It characterizes the rate of ...", "They comprise ...": a definition
    structure_nouns: frozenset[str]  # "a simple list of ...", "this sparse factorization": a kind of object
    demonstratives: frozenset[str]  # "requires this package": an object named by reference only
    person_roles: frozenset[str]  # "the user": a person acts on nothing the paper studies
    elaborating_participles: frozenset[str]  # "is straightforward, requiring ...": how the ease comes about
    positive_adjectives: frozenset[str]
    problem_counts: frozenset[str]  # "two problems in ...": drawbacks announced, not named
    example_markers: frozenset[str]  # "for, say, the age shift": an example inside another phrase
    obligation_openers: tuple[str, ...]  # "has to support ...": a requirement on the subject
    framing_verbs: frozenset[str]  # "should rather be seen as ...": what the subject is judged to be
    quantity_cue_nouns: frozenset[str]  # "risk", "hazard": a cue noun that also names a probability
    level_words: frozenset[str]  # "low", "the same as": a predicate that says how large a quantity is
    condition_markers: frozenset[str]  # "if lifetime risk is ...": a cue noun supposed, not stated
    adjunct_prepositions: frozenset[str]  # "In other data sets": a fronted adverbial as the subject
    adjunct_determiners: frozenset[str]
    availability_words: frozenset[str]  # "has been available for a long time": a history, not a fault
    negations: frozenset[str]  # "not", "never": a predicate's polarity turned round
    freeing_words: frozenset[str]  # "free of bias": what follows is absent
    harm_nouns: frozenset[str]  # "bias", "artefacts": nouns of a fault, absent after "free of"
    method_negatives: frozenset[str]  # evaluative.json's negative method-evaluation words and the harm nouns
    model_parts: frozenset[str]  # "term", "density", "argument": a part of a model or a call, no agent of an effect
    model_terms: tuple[str, ...]  # "random effects": a model's component named like an effect
    measure_nouns: frozenset[str]  # "size", "magnitude": a measure of what follows "of"
    raising_verbs: frozenset[str]  # "raise": with question_nouns, a question asked
    question_nouns: frozenset[str]
    focus_adverbs: frozenset[str]  # "simply", "merely": what a thing does, plainly
    subject_pronouns: frozenset[str]  # "I", "we": a predicate cannot open with one
    wish_words: frozenset[str]  # "desirable", "welcome": what the writers want
    plural_anaphors: frozenset[str]  # "these", "they": a plural pointer
    recommendation_words: frozenset[str]  # "preferable": advice on what to choose
    giving_verbs: frozenset[str]  # "provide", "have": never "of" right after them
    document_mentions: re.Pattern  # "this article", "the current paper": the writing itself


@lru_cache(maxsize=2)
def load_guard_words() -> GuardWords:
    data = json.loads((models_dir() / "claims" / "guard.json").read_text(encoding="utf-8"))
    pronouns = frozenset(data["pronouns"]) | frozenset(data["relative_words"])
    return GuardWords(
        empty=pronouns | frozenset(data["function_words"]) | frozenset(data["units"]),
        pronouns=pronouns,
        bare_objects=frozenset(data["bare_objects"]),
        fragment_suffixes=tuple(sorted(data["fragment_suffixes"], key=len, reverse=True)),
        participle_exceptions=frozenset(data["participle_exceptions"]),
        dangling=frozenset(data["dangling_words"]),
        preposition_openers=frozenset(data["preposition_openers"]),
        clause_openers=frozenset(data["clause_openers"]),
        bare_subjects=frozenset(data["bare_subjects"]),
        vague_determiners=frozenset(data["vague_determiners"]),
        hedge_endings=frozenset(data["hedge_endings"]),
        reporting_verbs=frozenset(data["reporting_verbs"]),
        that_reporting_verbs=frozenset(data["that_reporting_verbs"]),
        verb_phrase_openers=frozenset(data["verb_phrase_openers"]),
        attribute_heads=frozenset(data["attribute_heads"]) | frozenset(data["writing_parts"]),
        relative_words=frozenset(data["relative_words"]) - {"that"},
        topic_heads=frozenset(data["topic_heads"]) | frozenset(data["writing_parts"]),
        reporting_participles=frozenset(data["reporting_participles"]),
        solving_verbs=frozenset(data["solving_verbs"]),
        problem_nouns=frozenset(data["problem_nouns"]),
        restrictive_focus=frozenset(data["restrictive_focus"]),
        cue_evaluations=frozenset(data["cue_evaluations"]),
        deontic_objects=frozenset(data["deontic_objects"]),
        degree_adverbs=frozenset(data["degree_adverbs"]),
        using_verbs=frozenset(data["using_verbs"]),
        cut_subject_endings=frozenset(data["cut_subject_endings"]),
        cataphors=tuple(data["cataphors"]),
        cause_markers=tuple(data["cause_markers"]),
        expletive_copulas=tuple(data["expletive_copulas"]),
        expletive_predicates=frozenset(data["expletive_predicates"]),
        offering_verbs=frozenset(data["offering_verbs"]),
        scarcity_words=frozenset(data["scarcity_words"]) | _negative_adjectives(),
        defining_verbs=frozenset(data["defining_verbs"]),
        structure_nouns=frozenset(data["structure_nouns"]),
        demonstratives=frozenset(data["demonstratives"]),
        person_roles=frozenset(data["person_roles"]),
        elaborating_participles=frozenset(data["elaborating_participles"]),
        positive_adjectives=_evaluative_words("positive_adjectives"),
        problem_counts=frozenset(data["problem_counts"]),
        example_markers=frozenset(data["example_markers"]),
        obligation_openers=tuple(data["obligation_openers"]),
        framing_verbs=frozenset(data["framing_verbs"]),
        quantity_cue_nouns=frozenset(data["quantity_cue_nouns"]),
        level_words=frozenset(data["level_words"]),
        condition_markers=frozenset(data["condition_markers"]),
        adjunct_prepositions=frozenset(data["adjunct_prepositions"]),
        adjunct_determiners=frozenset(data["adjunct_determiners"]),
        availability_words=frozenset(data["availability_words"]),
        negations=frozenset(data["negations"]),
        freeing_words=frozenset(data["freeing_words"]),
        harm_nouns=frozenset(data["harm_nouns"]),
        method_negatives=_evaluative_words("negative_adjectives") | frozenset(data["harm_nouns"]),
        model_parts=frozenset(data["model_parts"]),
        model_terms=tuple(data["model_terms"]),
        measure_nouns=frozenset(data["measure_nouns"]),
        raising_verbs=frozenset(data["raising_verbs"]),
        question_nouns=frozenset(data["question_nouns"]),
        focus_adverbs=frozenset(data["focus_adverbs"]),
        subject_pronouns=frozenset(data["subject_pronouns"]),
        wish_words=frozenset(data["wish_words"]),
        plural_anaphors=frozenset(data["plural_anaphors"]),
        recommendation_words=frozenset(data["recommendation_words"]),
        giving_verbs=frozenset(data["giving_verbs"]),
        document_mentions=re.compile(
            rf"\b(?:{_alternatives(data['document_deictics'])})\s+(?:{_alternatives(data['document_nouns'])})\b",
            re.IGNORECASE,
        ),
    )


def _alternatives(words: list[str]) -> str:
    """A regular expression's alternatives matching any of the words as written."""
    return "|".join(map(re.escape, words))


def _negative_adjectives() -> frozenset[str]:
    # the evaluative extractor's words of excess, limitation and error ("slow", "costly", "poor")
    return _evaluative_words("negative_adjectives")


def _evaluative_words(key: str) -> frozenset[str]:
    data = json.loads((models_dir() / "claims" / "evaluative.json").read_text(encoding="utf-8"))
    return frozenset(data[key])


def words_of(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "")]


def content_words(text: str, words: GuardWords | None = None) -> list[str]:
    """The words that are not pronouns, function words, units or numbers."""
    words = words or load_guard_words()
    return [w for w in words_of(text) if w not in words.empty and not NUMBER.match(w) and len(w) > 1]


def is_content_subject(text: str) -> bool:
    words = load_guard_words()
    text = (text or "").strip()
    if not content_words(text, words):
        return False
    lowered = text.lower()
    if PANEL_LABEL.match(text) or lowered.startswith("-") or lowered.endswith(" -"):
        return False
    if lowered.endswith(words.fragment_suffixes):
        return False
    all_words = words_of(text)
    if all(w in words.bare_subjects or w in words.vague_determiners for w in all_words):
        return False  # "plants", "these mutations": a topic, not a treatment
    if NUMBER.match(all_words[0]) or all_words[0] in ("about", "approximately", "nearly", "over", "almost", "roughly"):
        return False  # "about 80% of the world population": a quantity of people
    if len(all_words) > 1 and all_words[1] == "than" and all_words[0] in ("fewer", "less", "more"):
        return False  # "fewer than one million images": a quantity, not a method or a treatment
    if FORMULA.search(text) or VERSION.match(all_words[0]):
        return False  # "Intercept - age > 0" (a hypothesis in symbols), "v.5.0.2" (a software version)
    if all_words[-1] in words.hedge_endings:
        return False
    last_written = WORD.findall(text)[-1]
    if last_written.islower() and last_written in words.cut_subject_endings:
        return False  # "Most mathematics ... works as expected but": cut inside a clause ("vitamin A" is a name)
    if CITATION_SHAPE.match(text):
        return False  # "Pinheiro and Bates 1996": a reference names who wrote, it neither acts nor is judged
    if len(all_words) > 2 and all_words[0] in words.adjunct_prepositions and all_words[1] in words.adjunct_determiners:
        return False  # "In other data sets (a shared baseline ... can be an effective model)": a fronted adverbial
    last = all_words[-1]
    if len(last) > 4 and last.endswith("ed") and last not in words.participle_exceptions and last.isalpha():
        return False  # "sonicated", "three-dimensional cultured": the modified noun is missing
    return True


def is_content_object(text: str, subject: str = "") -> bool:
    words = load_guard_words()
    content = content_words(text, words)
    if not content:
        return False
    lowered = re.sub(r"\s+", " ", (text or "").lower()).strip(" .,;:")
    for opener in POSSESSIVE_OPENERS:
        if lowered.startswith(opener):
            lowered = lowered[len(opener) :]
            break
    if lowered in words.bare_objects or lowered.rstrip("s") in words.bare_objects:
        return False
    all_words = words_of(text)
    if all_words and all_words[0] in words.preposition_openers:
        return False  # a stranded adjunct
    if all_words and all_words[0] in words.clause_openers:
        return False  # the start of the next clause
    if lowered.endswith("-"):
        return False  # "to be found-": cut inside a hyphenated word
    if GLUED_SYMBOL.search(text or ""):
        return False  # "increases Pwith": a formula's symbol glued to the next word, the text around it lost
    if all_words and all_words[-1] in words.dangling:
        return False  # "the intensity of", "their physical and": cut off before its head
    subject_content = set(content_words(subject, words))
    return not (subject_content and set(content) <= subject_content)


def is_content_claim(claim: Claim) -> bool:
    return (
        is_content_subject(claim.subject)
        and is_content_object(claim.object, claim.subject)
        and not claim_junk_class(claim)
    )


# the first preposition of a noun phrase ends its head ("the prevalence | of smoking", "viral titers | in the brain")
FIRST_PREPOSITION = re.compile(
    r"\s(?:of|in|into|for|from|on|with|by|between|at|among|across|within|to|during|under|over|after|through)\s"
)


def claim_junk_class(claim: Claim) -> str:
    """Why a claim whose phrases are content still states nothing about its subject, or "": "report" (the predicate
    is a verb of saying), "attribute subject" (an advantage of a quantity or attribute), "relative item" (a cue
    list's item that is a relative clause), "clause object" (a predicate with its own subject), "clause subject"
    (a wh-clause as the subject), "citation" (a subject or object taken from an author-year reference), "solved
    problem" (a disadvantage listed as what the subject solves), "restriction" (a predicate under "only"), "cue
    evaluated" (the cue noun weighed: "limitations are important"), "requirement" (an effect that is a bare
    requirement), "instrument purpose" ("X uses Y to V": V is no effect of X), "purpose" ("the next step is to V",
    "in order to V") or "lost negation" (an object written after "without"); session 14's "next sentence", "subject
    inside object", "named subject", "anaphoric object", "person subject", "problem item", "elaborated ease",
    "announced problems" and "example item"; session 15's "structure description", "role subject" and
    "cross-referenced object" (see the helpers' docstrings and CROSS_REFERENCED); session 17's "contradicted
    polarity", "model description", "dimension object", "raised question", "lost words", "identification" and
    "bare target"; session 18's "plain description", "wish", "recommendation", "plural anaphor" and "directive" (and
    "it’s" in "expletive subject", a nominative pronoun in "clause object", "provide of" and "have for" in "lost
    words").
    See models/claims/guard.json for the word classes."""
    words = load_guard_words()
    object_words = words_of(claim.object)
    evidence = claim.evidence[0].text if claim.evidence else ""
    if evidence and (_from_citation(claim.subject, evidence) or _from_citation(claim.object, evidence, words)):
        return "citation"
    if evidence and _opens_with_citation(claim.object, evidence):
        return "citation"
    if CROSS_REFERENCED.match((claim.object or "").lower()):
        return "cross-referenced object"
    if words.document_mentions.search(claim.object or ""):
        return "the writing"  # "The current article is largely restricted to describing ...": about the paper
    if claim.cue.endswith(":subject-paper") and evidence and _written_subject_in_object(object_words, evidence):
        return "clause object"  # "Sufficient detail is included to allow ...": the owner put in for a written one
    if claim.relation == "disadvantage" and _solved_problem(claim.object, evidence, words):
        return "solved problem"
    if claim.cue.startswith("cue:") and _example_item(object_words, evidence, words):
        return "example item"
    if claim.cue.startswith("cue:") and evidence and _conditional_cue(claim.cue, evidence, words):
        return "conditional cue"
    if claim.relation == "disadvantage" and _quantity_level(claim.cue, object_words, words):
        return "quantity level"
    if claim.relation == "disadvantage" and not claim.negated and _availability(object_words, words):
        return "availability"
    if claim.relation in ("advantage", "disadvantage") and evidence and _names_the_owner(claim.object, evidence):
        return "identified owner"
    if evidence and _opens_next_sentence(claim.object, evidence):
        return "next sentence"
    if evidence and _subject_only_in_object(claim.subject, claim.object, evidence):
        return "subject inside object"
    if evidence and _subject_from_fronted_role(claim.subject, evidence):
        return "role subject"
    compared = re.search(r"\bthan\s+(.+)$", claim.object or "")
    if evidence and compared and _subject_from_fronted_role(compared.group(1), evidence):
        return "role subject"  # the mirror of a comparison with that role noun: "INLA ... → slower than response"
    if claim.cue.endswith(":subject-paper") and _names_its_own_subject(claim.subject, evidence):
        return "named subject"
    if _anaphoric_object(object_words, words):
        return "anaphoric object"
    if _person_subject(claim.subject, words) and (claim.relation == "effect" or len(words_of(claim.subject)) <= 2):
        # "users can provide their own M-step": what a person can do is the tool's capability, not the person's
        # ("methods and persuading users to adopt them" is no person)
        return "person subject"
    if claim.relation == "advantage" and _problem_list_item(claim.object, evidence, words):
        return "problem item"
    if claim.relation == "disadvantage" and _elaborated_ease(object_words, evidence, words):
        return "elaborated ease"
    if claim.relation == "disadvantage" and _announced_problems(object_words, words):
        return "announced problems"
    if claim.relation in ("advantage", "disadvantage") and claim.cue.startswith(PREDICATE_CUES):
        if _coordinated_that_clause(object_words, evidence):
            return "clause object"
    if claim.relation != "effect" and not claim.negated and _after_without(object_words, evidence):
        # "the improved method ... for improving the specificity without reducing the sensitivity": the object is
        # what does not happen; read without its "without" a drawback turns into the opposite (an effect "without
        # altering X" is kept: the gold writes such effects as stated)
        return "lost negation"
    if claim.relation in ("advantage", "disadvantage") and _contradicted_polarity(claim, object_words, words):
        return "contradicted polarity"
    if claim.relation in ("advantage", "disadvantage") and _plain_description(claim, object_words, words):
        return "plain description"
    if object_words[:1] and object_words[0] in words.subject_pronouns:
        return "clause object"  # "(a godsend when) I only need one delimiter": another clause with its own subject
    if claim.relation == "advantage" and _opens_with(object_words, words.wish_words, words):
        # "Further extensions ... are desirable", "Code contributions are very welcome": what the writers want to
        # exist, not a property of a method that exists
        return "wish"
    if claim.relation == "advantage" and _opens_with(object_words, words.recommendation_words, words):
        return "recommendation"  # "align is preferable over eqnarray": which to choose, advice to the reader
    if evidence and CLITIC_EXTRAPOSED.match(claim.object or "") and re.search(r"\bit[’']s\b", evidence, re.I):
        # "Fortunately it’s straightforward to embed one tree in another": the clitic copula of a dummy "it" kept
        # in the object; whatever stands in for "it" owns nothing
        return "expletive subject"
    if claim.cue.endswith(":subject-paper") and evidence and _plural_anaphor(claim.object, evidence, words):
        return "plural anaphor"
    if evidence and _cataphoric(object_words, claim.object, evidence, words):
        return "cataphor"
    if evidence and _expletive_it(object_words, evidence, words):
        return "expletive subject"
    if claim.relation == "disadvantage" and _offered(object_words, evidence, words):
        return "offered capability"
    if claim.relation in ("advantage", "disadvantage") and _defining(object_words, words):
        return "definition"
    if claim.relation in ("advantage", "disadvantage") and claim.cue.startswith(PREDICATE_CUES):
        if _structure_head(claim.object, evidence, words):
            return "structure description"
    if claim.relation == "advantage" and _obligation(object_words, words):
        return "obligation"
    if claim.relation in ("advantage", "disadvantage") and claim.cue.startswith(PREDICATE_CUES):
        if _relative_of_a_prepositional_object(claim.subject, object_words, evidence):
            return "relative of another noun"
    if claim.relation == "effect" and _dimension_of_a_dimension(object_words, words):
        return "dimension object"
    if claim.relation == "effect" and object_words[:3] in (["to", "be", "the"], ["to", "be", "a"], ["to", "be", "an"]):
        # "phenylethanoid glycosides and flavonoids were found to be the active components responsible for ...": the
        # predicate nominal of a raising verb says what the subject is (an identification), not what it changes
        return "identification"
    if claim.relation == "effect" and _change_of_a_dimension(object_words, words):
        return "bare target"
    if claim.relation == "effect" and _raised_question(object_words, words):
        return "raised question"
    if (
        len(object_words) > 1
        and object_words[0] in words.giving_verbs
        and object_words[1] == "of"
        and not any(ch.isdigit() for ch in claim.object)
    ):
        # "genetic algorithms have [a lot] of trouble", "provide [more] of insight"; "yield of Y more than 99%" is a
        # measure stated at a value (a giving verb that is also a measure noun)
        return "lost words"
    if object_words[:2] in (["have", "for"], ["has", "for"]):
        return "lost words"  # "a lot of these units have, for convenience, been provided as ...": the verb cut off
    if object_words[:1] in (["let’s"], ["let's"]) or object_words[:2] == ["let", "us"]:
        return "directive"  # "... but let’s not get into that": the writer turns to the reader
    if (
        claim.relation == "effect"
        and _model_part_subject(claim.subject, words)
        and not _opens_with_change(object_words)
    ):
        return "model description"
    if claim.relation == "effect" and _after_cause_marker(object_words, evidence, words):
        return "cause object"
    if claim.relation == "effect" and claim.cue.startswith("effect:verb"):
        if _relative_of_another_noun(claim.subject, object_words, evidence):
            return "relative of another noun"
    if claim.relation == "effect" and _purpose_of_an_instrument(claim.subject, object_words, evidence, words):
        return "instrument purpose"
    if claim.relation == "effect" and object_words and _purpose_clause(object_words[0], evidence):
        return "purpose"
    advantage = claim.relation == "advantage"
    if claim.relation in ("advantage", "disadvantage") and _restricted(object_words, evidence, words, advantage):
        if not claim.cue.endswith(":restricted"):  # (prose_evaluative read the focus word into the polarity)
            return "restriction"
    predicate = [w for w in object_words if w not in words.degree_adverbs and not w.endswith("ly")][:1]
    if claim.cue.startswith("cue:") and claim.cue.split(":")[2:3] == ["is"] and predicate:
        if predicate[0] in words.cue_evaluations:
            return "cue evaluated"  # "Computational limitations are especially important because ...": no property
    if claim.relation == "effect" and predicate and predicate[0] in words.deontic_objects:
        # "For books, the following order is required: ..., Book Title": a bare requirement, no effect; "X is
        # required for Y" names what X is needed for, an effect (the gold's convention: "phosphorylation of EPRS1
        # at Ser886 → required for formation of the pre-GAIT complex")
        if not re.search(rf"\b{predicate[0]}\s+(?:for|to|in|by|during)\b", evidence, re.IGNORECASE):
            return "requirement"
    if _reports(object_words, words):
        return "report"
    if any(word in words.reporting_participles for word in words_of(claim.subject)):
        return "report"  # "previous data suggesting A. lwoffii → ... → susceptible": the subject is the report
    if claim.relation in ("advantage", "disadvantage") and _attribute_subject(claim.subject, words.attribute_heads):
        return "attribute subject"
    if _attribute_subject(claim.subject, words.topic_heads) or _listed_part_label(claim.subject, evidence, words):
        # "a particular characteristic of the package → effect → ...": a topic acts on nothing
        return "attribute subject"
    if claim.cue.startswith("cue:") and object_words and object_words[0] in words.relative_words:
        return "relative item"
    if words_of(claim.subject)[:1] and words_of(claim.subject)[0] in words.relative_words:
        # "how training on X improved ...", "where achieving the potential of Y will require ...": an embedded
        # question or relative clause taken as the subject is a clause, not the thing acted on or judged
        return "clause subject"
    if claim.cue.startswith(PREDICATE_CUES) and _has_own_subject(object_words, words):
        return "clause object"
    return ""


# claims whose object is the predicate of the subject's clause (an evaluative clause): "X is fast", "X allows ..."
PREDICATE_CUES = ("evaluation", "evaluative-open")
FINITE_AUXILIARIES = frozenset("is are was were would will can could may might has have had should must".split())
CLAUSE_DETERMINERS = frozenset("the their its this these those they it a an his her our".split())


def _written_subject_in_object(object_words: list[str], evidence: str) -> bool:
    """An object that opens where its sentence opens and holds a copula or passive auxiliary after its first word
    ("Sufficient detail is included to allow specialization ..."): the sentence's own subject is in the object, so
    the owner put in for a missing subject (the paper's tool) owns nothing. A subjectless predicate ("Handles missing
    data well", a bullet) has no such auxiliary and stays."""
    sentence_words = words_of(evidence)
    if len(object_words) < 4 or object_words[:3] != sentence_words[:3]:
        return False
    return any(word in ("is", "are", "was", "were") for word in object_words[1:5])


def _has_own_subject(object_words: list[str], words: GuardWords) -> bool:
    """ "their accuracy is still far from satisfactory", "the effect of the intervention would need to be ...": a
    predicate that opens with a noun phrase and its finite verb is another clause with a subject of its own (the
    claimed subject is not what it judges). "a method that can be applied": the verb of a relative clause."""
    if not object_words:
        return False
    if object_words[0] not in CLAUSE_DETERMINERS:
        return _bare_noun_clause(object_words, words)
    for word in object_words[1:6]:
        if word in words.relative_words or word == "that":
            return False
        if word in FINITE_AUXILIARIES:
            return True
    return False


MODAL_AUXILIARIES = frozenset("would will can could may might should must".split())
# "(and) model extensions are more straightforward": a bare plural or mass noun and a finite copula open a clause
FINITE_COPULAS = frozenset("is are was were".split())


def _bare_noun_clause(object_words: list[str], words: GuardWords) -> bool:
    """ "(linearity of this plot implies that) Wald approximations would be reasonably accurate": a predicate that
    opens with a bare noun phrase of one or two words and then a modal is a clause with a subject of its own. A
    coordinated or compared predicate ("faster and would ...", "more robust than X would ...") is not."""
    for k, word in enumerate(object_words[1:3], start=1):
        if word in MODAL_AUXILIARIES or word in FINITE_COPULAS:
            head = object_words[:k]
            return all(
                w.isalpha()
                and w not in words.empty  # "which is not conducive to ...": a relative clause, not a clause subject
                and w not in words.degree_adverbs
                and w not in words.verb_phrase_openers
                and not w.endswith("ly")
                and w not in ("and", "or", "but", "than", "as", "not", "to")
                for w in head
            )
    return False


def _reports(object_words: list[str], words: GuardWords) -> bool:
    """ "has stressed scoring differences as ...", "also supported the finding that ...", "can be deduced that ...":
    the first verb after auxiliaries and adverbs is one of saying, or one of seeing or showing with a that-clause."""
    rest = list(object_words)
    while rest and rest[0] in words.verb_phrase_openers:
        rest = rest[1:]
    if not rest:
        return False
    if rest[0] in words.reporting_verbs:
        return True
    if rest[0] in words.that_reporting_verbs:
        # "supported the finding that", "showed that": the report's content follows within a few words
        return "that" in rest[1:4] and not (len(rest) > 1 and rest[1] in ("to", "by"))
    return False


# an author-year reference in parentheses: "(e.g., Laird and Ware 1982)", "(Gelman and Hill 2006)", "(2010a)"
CITATION_PARENTHESIS = re.compile(r"\(([^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*)\)")
YEAR = re.compile(r"^(?:1[89]|20)\d\d[a-z]?$")


def _from_citation(phrase: str, evidence: str, words: GuardWords | None = None) -> bool:
    """ "Gelman and Hill 2006 → advantage → ...", "random-effects → effect → block Laird": a phrase that holds a
    name or year written in the sentence only inside an author-year reference crossed into the citation; the
    reference names who wrote, not what acts or what is acted on. A subject with any such word is the citation; an
    object (given WORDS) only when at most one content word is left outside it ("block Laird"): a long object that
    runs on into a trailing reference ("... using codeML (Yang 2007)") still states its property."""
    cited = set()
    for match in CITATION_PARENTHESIS.finditer(evidence):
        cited.update(w for w in WORD.findall(match.group(1)) if w[:1].isupper() or YEAR.match(w))
    if not cited:
        return False
    outside = set(WORD.findall(CITATION_PARENTHESIS.sub(" ", evidence)))
    phrase_words = WORD.findall(phrase or "")
    crossed = [w for w in phrase_words if w in cited and w not in outside]
    if not crossed:
        return False
    if words is None:
        return True
    left = [w for w in content_words(phrase, words) if w not in {c.lower() for c in crossed}]
    return len(left) <= 1


# "Held 2017 as mentioned further below": an object that opens with an author-year reference's names and year
CITED_OPENING = re.compile(
    r"^(?P<names>[A-Z][\w'’-]+(?:(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][\w'’-]+)*(?:\s+et\s+al\.?)?),?\s+"
    r"\(?(?P<year>(?:1[89]|20)\d\d[a-z]?)\b"
)
# "also requires the objects described in Table 5": an input named only by where the paper describes it ("outperforms
# the methods listed in Table 2" names what it is compared with, and stays)
CROSS_REFERENCED = re.compile(
    r"^(?:(?:also|only|then|still|further)\s+)?(?:requires?|required|needs?|uses?|takes?|accepts?)\s+"
    r"(?:the|these|those|all)\s+(?:[\w-]+\s+){1,2}?"
    r"(?:described|listed|shown|given|defined|summari[sz]ed|presented|detailed)\s+(?:in|by)\s+"
    r"(?:table|section|figure|fig\.?|equation|eq\.?|appendix)\b"
)


def _opens_with_citation(obj: str, evidence: str) -> bool:
    """ "model extensions are more straightforward, for example stratification by age group (Meyer and Held 2017) as
    mentioned further below → Held 2017 as mentioned further below": the object opens with the names and year of a
    reference written in the sentence inside brackets; it was cut out of the citation, whatever follows it."""
    match = CITED_OPENING.match(obj or "")
    if match is None:
        return False
    year = re.escape(match.group("year"))
    return any(re.search(rf"\b{year}\b", m.group(1)) for m in CITATION_PARENTHESIS.finditer(evidence))


LIST_MARKER = re.compile(r":|\bsuch as\b|\bincluding\b|\bnamely\b|\be\.g\.|\blike\b")


def _solved_problem(obj: str, evidence: str, words: GuardWords) -> bool:
    """ "it does tackle classical issues of surveillance data: overdispersion, presence of past outbreaks, ...": an
    item of a list of problems that a verb of solving governs is a problem the subject solves, not one it has."""
    start = _position(obj, evidence)
    if start < 0:
        return False
    before = re.split(r"[.;]\s", evidence[:start])[-1].lower()
    tokens = WORD.findall(before)
    for k, token in enumerate(tokens):
        if token not in words.solving_verbs:
            continue
        nouns = [j for j in range(k + 1, min(k + 8, len(tokens))) if tokens[j] in words.problem_nouns]
        if nouns and LIST_MARKER.search(before.split(tokens[nouns[0]], 1)[-1]):
            return True  # "tackle ... issues ...: A, B" / "address challenges such as A": A is an item of the list
    return False


def _purpose_clause(verb: str, evidence: str) -> bool:
    """ "... demands the timely recognition of outbreaks in order to avoid their expansion", "The next step is to
    optimize this function": what an action is for, or what a step consists of, not an effect that happened. "The
    main role of the capping ligands is to stabilize the nanoparticles" keeps its effect: the copula's subject is a
    role of the thing named in its of-phrase."""
    verb = re.escape(verb)
    if re.search(rf"\b(?:in order to|so as to)\s+{verb}\b", evidence, re.IGNORECASE):
        return True
    if re.search(rf"\baim(?:s|ed)?\s+(?:at|to)\s+{verb}\b", evidence, re.IGNORECASE):
        return True  # "Public health surveillance aims at lessening disease burden": an aim, not an effect
    copula = re.search(rf"\b(?:is|are|was|were) to\s+{verb}\b", evidence, re.IGNORECASE)
    if copula is None:
        return False
    copula_subject = re.split(r"[.;:,]\s", evidence[: copula.start()])[-1]
    return " of " not in f" {copula_subject.lower()} "


PASSIVE_AUXILIARIES = frozenset("is are was were be been being".split())


def _purpose_of_an_instrument(subject: str, object_words: list[str], evidence: str, words: GuardWords) -> bool:
    """ "The lme4 package uses generic nonlinear optimizers (Section 4) to optimize this expression": the object is
    an infinitive of purpose after an active verb of using whose subject is the claim's subject; the purpose is the
    instrument's, or a step of a procedure, not an effect of the subject ("X is used to improve Y" keeps it)."""
    if not object_words or not evidence:
        return False
    tokens = WORD.findall(evidence.lower())
    subject_words = WORD.findall((subject or "").lower())
    if not subject_words or subject_words[-1] not in tokens:
        return False
    subject_end = tokens.index(subject_words[-1])
    for k in range(len(tokens) - 1):
        if tokens[k] != "to" or tokens[k + 1] != object_words[0]:
            continue
        for j in range(k - 1, max(subject_end, k - 14), -1):
            if tokens[j] in words.using_verbs:
                before = j - 1
                while before > 0 and (tokens[before].endswith("ly") or tokens[before] in words.verb_phrase_openers):
                    if tokens[before] in PASSIVE_AUXILIARIES:
                        break
                    before -= 1  # "Mint was originally used ...", "X was then used ...": adverbs before the verb
                return tokens[before] not in PASSIVE_AUXILIARIES and j > subject_end
    return False


def _contradicted_polarity(claim: Claim, object_words: list[str], words: GuardWords) -> bool:
    """An evaluated predicate whose own head word says the opposite of the relation: "Mixed modeling is an extremely
    useful but computationally intensive technique" read as an advantage "computationally intensive technique", "the
    estimator is free of bias" as a drawback. A neutral part of a coordination takes the clause's leaning upstream,
    so the part with a word of the other leaning inherits the wrong one. Judged only where the predicate opens with
    its evaluative word (after determiners and adverbs of degree or manner), a negation or a word of lessening before
    it turning it round; a verb's object ("handles noisy data", "avoids biased estimates") is not judged."""
    from pipeline.extract.claims.prose_evaluative import load_evaluative_words

    evaluative = load_evaluative_words()
    if not claim.cue.startswith(PREDICATE_CUES) or "mirror" in claim.cue or claim.cue.endswith(":restricted"):
        return False
    if any(word in words.restrictive_focus for word in object_words):
        return False  # "useful only in slow analyses": a strength restricted is a limitation
    expected = 1 if claim.relation == "advantage" else -1
    turns = 0  # negations and words of lessening before the evaluative word
    for position, word in enumerate(object_words):
        if word in words.negations or word in evaluative.less:
            turns += 1
            continue
        if word in ("too", "overly"):
            return expected > 0  # "too large for fast gates": an excess is a drawback whatever the quality
        if word in CLAUSE_DETERMINERS or word in words.degree_adverbs or word in evaluative.more or word.endswith("ly"):
            continue
        if word in words.freeing_words and object_words[position + 1 : position + 2] in (["of"], ["from"]):
            # "free of bias", "devoid of artefacts": what follows is absent
            turns += 1
            absent = [w for w in object_words[position + 2 :] if w not in CLAUSE_DETERMINERS][:1]
            word = absent[0] if absent else ""
        if word in evaluative.manner_verbs | evaluative.capability_verbs | evaluative.failure_verbs:
            return False  # "usually fit poorly to the data": a verb graded by its adverb ("fit" is also an adjective)
        # the method-evaluation words only (evaluative.json): the general lexicon's senses may be another
        # field's ("challenging" is praise of a book, a difficulty of a task)
        value = 1 if word in words.positive_adjectives else -1 if word in words.method_negatives else 0
        if not value:
            return False
        if not turns and claim.negated:
            turns = 1  # "is not suitable" with the negation left outside the object
        return (value if turns % 2 == 0 else -value) != expected
    return False


# "’s straightforward to embed ...", "'s very expensive to buy ...": a clitic copula, a predicate, an infinitive
CLITIC_EXTRAPOSED = re.compile(r"^[’']s\s+(?:[\w-]+\s+){1,3}?to\s+\w+", re.IGNORECASE)


def _plain_description(claim: Claim, object_words: list[str], words: GuardWords) -> bool:
    """ "The print method simply tells us what type of model this is", "nbinomTestGLM returned simply a vector of p
    values", "The alternative toLatex method simply translates the summary table": a predicate whose verb is graded
    only by an adverb of "no more than" (within its first two words, after auxiliaries), the word it grades being no
    evaluative word, describes what the thing does; "simply" is no praise of simplicity ("is simply not optimal"
    keeps its "optimal"; "may learn to diagnose patients simply based on the tests" has the adverb further in)."""
    from pipeline.extract.claims.prose_evaluative import load_evaluative_words

    if not claim.cue.startswith(PREDICATE_CUES):
        return False
    rest = list(object_words)
    while rest and rest[0] in words.verb_phrase_openers:
        rest = rest[1:]
    focus = next((k for k, word in enumerate(rest[:2]) if word in words.focus_adverbs), None)
    if focus is None:
        return False
    # the word the adverb grades, past negations, degree adverbs and determiners ("simply not optimal": "optimal")
    graded_word = next(
        (
            w
            for w in rest[focus + 1 :]
            if w not in words.negations and w not in words.degree_adverbs and w not in CLAUSE_DETERMINERS
        ),
        "",
    )
    evaluative = load_evaluative_words()
    graded = words.positive_adjectives | words.method_negatives | evaluative.more | evaluative.less
    graded |= evaluative.failure_verbs | evaluative.capability_verbs
    return graded_word not in graded


def _opens_with(object_words: list[str], heads: frozenset[str], words: GuardWords) -> bool:
    """Whether the predicate's first word after auxiliaries and degree adverbs is one of HEADS."""
    rest = [w for w in object_words if w not in words.degree_adverbs and w not in words.verb_phrase_openers]
    return bool(rest) and rest[0] in heads


def _plural_anaphor(obj: str, evidence: str, words: GuardWords) -> bool:
    """ "Whereas these codes are highly robust, well tested, and efficient, they are not always as user-friendly as we
    would like" (deSolve's wrapped FORTRAN codes): the paper's own tool put in for a plural pointer ("these codes",
    "those functions", "they") that is the predicate's subject; one tool is not the several things the sentence
    points back to."""
    start = _position(obj, evidence)
    if start <= 0:
        return False
    # the clause's opening words up to its first auxiliary or copula: "these codes (are highly robust, ..., and)"
    clause = re.split(r"[.;:(]\s|\b(?:whereas|while|although|but|because|since)\s", evidence[:start].lower())[-1]
    subject = []
    for word in WORD.findall(clause):
        if word in words.verb_phrase_openers:
            break
        subject.append(word)
    if not subject:
        return False
    if subject == ["they"]:
        return "they" in words.plural_anaphors
    return subject[0] in words.plural_anaphors and len(subject) <= 4 and subject[-1].endswith("s")


def _cataphoric(object_words: list[str], obj: str, evidence: str, words: GuardWords) -> bool:
    """ "The document class requires the following supplementary files:": the object ends in a pointer to a list
    that the sentence does not hold (a colon follows it); the object names nothing by itself."""
    lowered = " ".join(object_words)
    if not any(re.search(rf"(?:^|\s){re.escape(c)}(?:\s+[\w-]+){{0,3}}$", lowered) for c in words.cataphors):
        return False
    last = re.escape(WORD.findall(obj)[-1]) if WORD.findall(obj) else ""
    return bool(last) and bool(re.search(rf"\b{last}\s*:", evidence, re.IGNORECASE))


def _expletive_it(object_words: list[str], evidence: str, words: GuardWords) -> bool:
    """ "As we see from this example, it is always a good idea to test simulation results": the object is the
    predicate of a dummy "it" whose real subject is the extraposed complement (a to-infinitive or a that-clause), so
    whatever subject was put in place of "it" owns nothing."""
    predicate = [w for w in object_words[:4] if w not in ("a", "an", "the") and w not in words.degree_adverbs]
    if not predicate or not any(w in words.expletive_predicates for w in predicate[:3]):
        return False
    copulas = "|".join(re.escape(c) for c in words.expletive_copulas)
    # ("is advised to use ...": the object may hold the copula itself)
    lead = [w for w in object_words if w not in words.verb_phrase_openers][:1] or object_words[:1]
    first = re.escape(lead[0])
    pattern = rf"\bit\s+(?:{copulas})\s+(?:[a-z]+\s+){{0,3}}?{first}\b((?:\s+\S+){{0,5}})"
    for match in re.finditer(pattern, evidence, re.IGNORECASE):
        if re.search(r"\b(?:to|that|whether|if)\b", match.group(1).lower()):
            return True
    return False


def _offered(object_words: list[str], evidence: str, words: GuardWords) -> bool:
    """ "The plot-method for epidataCS offers aggregation of the events over time or space", "This package provides
    methods for performing Gene Ontology analysis": a disadvantage whose object is written right after a verb of
    giving is a capability the subject offers (unless a word of scarcity or fault qualifies it: "provides low
    recovery")."""
    if not object_words or any(w in words.scarcity_words for w in object_words[:3]):
        return False
    lead = r"\W+".join(re.escape(w) for w in object_words[:2])
    first = re.search(rf"\b{lead}\b", evidence, re.IGNORECASE)
    if first is None:
        return False
    before = WORD.findall(evidence[: first.start()].lower())
    while before and before[-1] in ("the", "a", "an", "also", "only", "rather"):
        before.pop()
    return bool(before) and before[-1] in words.offering_verbs


def _defining(object_words: list[str], words: GuardWords) -> bool:
    """ "It characterizes the instantaneous rate of infection of individual i at time t": the predicate defines or
    measures what the subject is."""
    rest = [w for w in object_words if w not in words.verb_phrase_openers]
    return bool(rest) and rest[0] in words.defining_verbs


def _structure_head(obj: str, evidence: str, words: GuardWords) -> bool:
    """ "is a simple list of the checked ingredients", "is this sparse Cholesky factorization", "now are wrappers for
    the supersom function": a predicate noun phrase after a copula whose head (its last word before the first
    preposition) names a mathematical or data structure says what kind of object the subject is ("returns a list
    with the best solution" is what a function does, and stays)."""
    head_words = words_of(FIRST_PREPOSITION.split(f" {obj.lower()} ", maxsplit=1)[0])
    if not head_words or head_words[-1] not in words.structure_nouns:
        return False
    lead = r"\W+".join(re.escape(w) for w in words_of(obj)[:2])
    written = re.search(rf"(?<![\w-]){lead}(?![\w-])", evidence, re.IGNORECASE)
    return written is not None and bool(PREDICATE_NOMINAL.search(evidence[: written.start()]))


# a copula, an adverb and a determiner right before a predicate noun phrase ("is a", "now are", "is just this")
PREDICATE_NOMINAL = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:now|just|simply|merely|only|\w+ly)\s+)?"
    r"(?:(?:a|an|the|this|these|that|those)\s+)?$",
    re.IGNORECASE,
)


def _obligation(object_words: list[str], words: GuardWords) -> bool:
    """ "such a surveillance system has to at least support the following process": what the subject must do is
    asked of it, not a property it has."""
    modal_heads = {opener.split()[0] for opener in words.obligation_openers}
    rest = list(object_words)
    while rest and rest[0] in words.verb_phrase_openers and rest[0] not in modal_heads:
        rest.pop(0)  # "now has to ...", "also must ...": adverbs before the modal
    if any(w in words.framing_verbs for w in rest[1:5]):
        return False  # "FlexMix should rather be seen as a complement to those": a judgement of what it is
    text = " ".join(rest)
    return any(text == opener or text.startswith(opener + " ") for opener in words.obligation_openers)


# "random effects for hhh4 models, which are useful": the subject is the object of a preposition written right
# before ", which"; the relative clause may belong to the noun the preposition hangs on
# ("fitted in brms, which supports ...": after a verb's preposition the relative is the object's own, as in the dev
# gold; only "for"/"of" after a noun leaves two candidate owners)
PREPOSITION_BEFORE = re.compile(r"\b([\w-]+)\s+(?:for|of)\s+(?:(?:the|a|an|its|their)\s+)?$", re.IGNORECASE)


def _relative_of_a_prepositional_object(subject: str, object_words: list[str], evidence: str) -> bool:
    """ "Paul and Held (2011) introduced random effects for hhh4 models, which are useful if ...": the evaluated
    predicate is written in a ", which" clause after a prepositional phrase whose object is the subject; the owner
    is as likely the noun before the preposition (the random effects), so the claim's owner is unknown."""
    if not subject or not object_words or not evidence:
        return False
    written = re.search(re.escape(subject.strip()) + r"\s*,\s*which\s+", evidence, re.IGNORECASE)
    before = PREPOSITION_BEFORE.search(evidence[: written.start()]) if written else None
    if before is None or before.group(1).lower().endswith(("ed", "ing")):
        return False  # "used for X, which ...": a verb's adjunct, not the noun the relative may belong to
    after = words_of(evidence[written.end() :])[:6]
    return object_words[0] in after


def _after_cause_marker(object_words: list[str], evidence: str, words: GuardWords) -> bool:
    """ "account for lack of independence in the residuals due to block structure": the object is written right
    after a preposition of cause, so it is what causes, not what the subject acts on."""
    if not object_words:
        return False
    lead = r"\W+".join(re.escape(w) for w in object_words[:2])
    first = re.search(rf"\b{lead}\b", evidence, re.IGNORECASE)
    if first is None:
        return False
    markers = "|".join(re.escape(m) for m in words.cause_markers)
    # "because of its antispasmodic effects" names the subject's own property (the gold keeps that effect): only a
    # bare or determined noun phrase after the marker is a cause from elsewhere
    return bool(re.search(rf"\b(?:{markers})\s+(?:(?:the|a|an)\s+)?$", evidence[: first.start()], re.IGNORECASE))


# "trackchanges which controls": a restrictive relative (no comma); ", which" may take up the whole clause before it
# ("EPRS1 facilitated LCFA uptake, which increased ...": the subject's effect goes on) and "that" chains a process
RELATIVE_BEFORE = re.compile(r"([\w-]+)\s+(?:which|who)\s+(?:also\s+|further\s+|then\s+)?$", re.IGNORECASE)


def _relative_of_another_noun(subject: str, object_words: list[str], evidence: str) -> bool:
    """ "... are linenumbers which uses the lineno style file ... and trackchanges which controls the revision and
    commenting highlight output": the object's verb is written in a relative clause whose antecedent (the word before
    "which") is another noun than the subject's head, so the effect is that noun's."""
    subject_words = [w.lower() for w in WORD.findall(subject or "")]
    if not object_words or not subject_words:
        return False
    verb = re.escape(object_words[0])
    for match in re.finditer(rf"\b{verb}\b", evidence, re.IGNORECASE):
        before = RELATIVE_BEFORE.search(evidence[: match.start()])
        if before is None:
            continue
        antecedent = before.group(1).lower()
        return antecedent not in subject_words and antecedent not in ("and", "or", "but")
    return False


def _after_without(object_words: list[str], evidence: str) -> bool:
    """ "for improving the specificity without reducing the sensitivity": the object is written after "without"."""
    return bool(object_words) and bool(
        re.search(rf"\bwithout\s+{re.escape(object_words[0])}\b", evidence, re.IGNORECASE)
    )


def _restricted(object_words: list[str], evidence: str, words: GuardWords, advantage: bool = False) -> bool:
    """ "X is only meaningful if ...", "the EARS methods only need data for the last time points": a predicate under
    a restrictive focus adverb states a restriction whose polarity the patterns do not read (a limit of X, or a
    modest need), not the plain property the object names."""
    if not object_words or not evidence:
        return False
    negated = any(w in ("not", "cannot", "never") or w.endswith("n't") for w in object_words)
    if advantage and not negated and object_words[-1] in words.restrictive_focus and len(object_words) > 2:
        # "it is retained for backwards compatibility only": the focus written after the predicate it restricts (on a
        # drawback it sharpens it, "convergence is to a local maximum ... only"; negated it widens, "cannot be used
        # for mixture models only": both dev gold lines)
        if re.search(rf"\b{re.escape(object_words[-2])}\W+{object_words[-1]}\b", evidence, re.IGNORECASE):
            return True
    first = object_words[1] if object_words[0] in words.restrictive_focus and len(object_words) > 1 else None
    focus = "|".join(sorted(words.restrictive_focus))
    target = re.escape(first or object_words[0])
    # "not only A but also B" adds to A, it does not restrict it
    return bool(re.search(rf"(?<!\bnot\s)\b(?:{focus})\s+{target}\b", evidence, re.IGNORECASE))


def _position(phrase: str, evidence: str) -> int:
    """Where the phrase's first words start in the evidence (case-insensitive), or -1."""
    first = WORD.findall(phrase or "")[:2]
    if not first:
        return -1
    match = re.search(r"\b" + r"\W+".join(re.escape(w) for w in first) + r"\b", evidence, re.IGNORECASE)
    if match is None:
        match = re.search(rf"\b{re.escape(first[0])}\b", evidence, re.IGNORECASE)
    return match.start() if match else -1


# a label after a noun that names one of a document's parts or items: "Table 2", "Tables I", "Figure 3b", "S1"
PART_LABEL = re.compile(r"^(?:\d+[a-z]?|[ivx]+|[a-z]|s\d+)$")


def _dimension_of_a_dimension(object_words: list[str], words: GuardWords) -> bool:
    """ "size of impact", "size of risk", "the magnitude of the effect": a measure of a noun that itself names only a
    dimension or a probability ("Contact prediction → size of impact") says what is measured, not what changes ("size
    of exosomes" names its target and stays)."""
    content = [w for w in object_words if w not in CLAUSE_DETERMINERS]
    return (
        len(content) == 3
        and content[0] in words.measure_nouns
        and content[1] == "of"
        and (content[2] in words.bare_objects or content[2] in words.quantity_cue_nouns)
    )


def _change_of_a_dimension(object_words: list[str], words: GuardWords) -> bool:
    """ "the translational coefficient reduces the effect", "X improved their activity": a verb of change whose whole
    target is a determiner and a noun that only names a dimension (bare_objects) points back to something said
    before; read alone it names nothing that changes ("consumes time", without a determiner, is a cost and stays)."""
    if len(object_words) != 3 or object_words[1] not in CLAUSE_DETERMINERS:
        return False
    return object_words[2] in words.bare_objects and _opens_with_change(object_words)


def _raised_question(object_words: list[str], words: GuardWords) -> bool:
    """ "the small standard deviation of age ... raise the question whether ...": raising a question, an issue or a
    doubt is what the data make the writers ask, no effect on anything."""
    content = [w for w in object_words if w not in CLAUSE_DETERMINERS and w not in words.verb_phrase_openers]
    return len(content) >= 2 and content[0] in words.raising_verbs and content[1] in words.question_nouns


def _opens_with_change(object_words: list[str]) -> bool:
    """The predicate opens with a verb of change ("increases the runtime of the estimation"): a stated effect, even of
    a model's part ("... increases considerably ... with random effects" is what fitting them costs)."""
    from pipeline.extract.claims.prose import load_cues

    verbs = load_cues().effect_direction
    first = [w for w in object_words if w not in ("can", "may", "might", "could", "will", "would", "also")][:1]
    if not first:
        return False
    word = first[0]
    forms = {word, word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else word, word[:-1] + "e"}
    return bool(forms & set(verbs))


def _model_part_subject(subject: str, words: GuardWords) -> bool:
    """ "The ith random-effects term contributes q_i columns to the model matrix Z", "the residual sums-of-squares
    can be used to express various probability densities, which are required for maximum likelihood estimation":
    a part of a mathematical model or of a function's call (a term, a matrix, a density, an argument; a model's
    random or fixed effects) does nothing to the world; what it "contributes" or "is required for" describes the
    model, not an effect the paper reports."""
    lowered = f" {' '.join(words_of(subject))} "
    if any(f" {term} " in lowered for term in words.model_terms):
        return True  # "the columns of the model matrix": a part of a model's part
    return _attribute_subject(subject, words.model_parts | words.structure_nouns)


def _attribute_subject(subject: str, heads: frozenset[str]) -> bool:
    first = words_of(subject)[:1]
    if not first or (first[0].endswith("ing") and first[0] not in heads):
        return False  # "Generating the number of examples ...": a gerund names an activity
    head_phrase = FIRST_PREPOSITION.split(f" {subject.lower()} ")[0]
    head_words = words_of(head_phrase)
    while len(head_words) > 1 and PART_LABEL.match(head_words[-1]):
        head_words.pop()  # "Tables I", "Figure 2": the head is the part, not its label
    return bool(head_words) and head_words[-1] in heads


LABEL_LIST = re.compile(r"\s+((?:[\w]+(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to)\s+))*[\w]+)")


def _listed_part_label(subject: str, evidence: str, words: GuardWords) -> bool:
    """ "Tables I, II, III, and IV show various effects": a bare label split off a list of labels after the name of
    a part of the text is that part, not a thing acting ("IV" here is no intravenous route)."""
    label = words_of(subject)
    if len(label) != 1 or not PART_LABEL.match(label[0]) or not evidence:
        return False
    for match in WORD.finditer(evidence):
        if match.group().lower() not in words.topic_heads:
            continue
        listed = LABEL_LIST.match(evidence, match.end())
        items = words_of(listed.group(1)) if listed else []
        labels = [item for item in items if item not in ("and", "or", "to")]
        if labels and all(PART_LABEL.match(item) for item in labels) and label[0] in labels:
            return True
    return False


SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+$")


def _opens_next_sentence(obj: str, evidence: str) -> bool:
    """ "Updating a previous model ... is even simpler, since the update-method has a corresponding argument S. The
    plots of type = ..." : an object that opens with a capital right after a full stop is the next sentence's start
    (the split after a one-letter symbol was missed), not the predicate of this one."""
    first = WORD.findall(obj or "")[:1]
    if not first or not first[0][0].isupper():
        return False
    start = _position(obj, evidence)
    return start > 0 and bool(SENTENCE_END.search(evidence[:start]))


def _subject_only_in_object(subject: str, obj: str, evidence: str) -> bool:
    """ "The gamm4 package wraps the modularized functions of lme4 ... → lme4 → advantage → wraps the modularized
    functions of lme4": the object is a predicate written in the sentence as it stands, and the subject is written
    only inside it, in a prepositional phrase of its complement; the subject is what the predicate acts on, not its
    owner. An object that is a clause ("the catalytic activity of X was higher ...") or a passive put together from
    two places ("not reversed the antinociception ... by naloxone") is not such a predicate."""
    object_words = WORD.findall((obj or "").lower())
    if len(object_words) < 3 or not subject or object_words[0] in CLAUSE_DETERMINERS:
        return False
    lowered = evidence.lower()
    if subject.lower() not in lowered or not all(w in lowered for w in object_words[:40]):
        return False  # what both searches below need, checked without compiling a pattern made for this claim
    written = re.search(r"\b" + r"\W+".join(re.escape(w) for w in object_words[:40]) + r"\b", lowered)
    if written is None:
        return False
    spots = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(subject.lower())}(?![\w-])", lowered)]
    if not spots or not all(written.start() < spot < written.end() for spot in spots):
        return False
    return all(re.search(r"\b(?:of|from|with)\s+(?:the\s+|their\s+|its\s+)?$", lowered[:spot]) for spot in spots)


# "As a response, ...", "As a consequence of this, ...": a fronted phrase naming the role of the sentence
FRONTED_ROLE = re.compile(r"^\s*As\s+(?:an?|the)\s+((?:[\w-]+\s+){0,2}?[\w-]+)(?=[\s,])")


def _subject_from_fronted_role(subject: str, evidence: str) -> bool:
    """ "As a response Salmon et al. (2015) introduce a method which has two advantages: it allows ... → response":
    the subject is the noun of a fronted "As a(n) N" phrase, which names what the sentence is in the discourse (a
    response, a consequence, an example), and is written nowhere else in the sentence: it neither acts nor is
    judged."""
    match = FRONTED_ROLE.match(evidence)
    if match is None:
        return False
    role = match.group(1).lower()
    written = subject.lower().strip()
    if written not in (role, role.split()[-1]):
        return False
    return len(re.findall(rf"(?<![\w-]){re.escape(written)}(?![\w-])", evidence.lower())) == 1


# "The CHOLMOD library ...", "The gamm4 package ...": a sentence that opens with a determiner and a name
NAMED_OPENING = re.compile(r"^(?:The|A|An)\s+((?:[\w-]*[A-Z0-9][\w-]*\s+)+)[a-z]")


def _names_its_own_subject(subject: str, evidence: str) -> bool:
    """ "The CHOLMOD library of C functions (Chen et al. 2008), on which ... are based, allows for separation of the
    symbolic and numeric phases → lme4": the paper's own method put in as the subject of a sentence that opens with a
    noun phrase holding another name; that phrase, not the paper's method, is the owner."""
    match = NAMED_OPENING.match(evidence.strip())
    if match is None:
        return False
    named = {w.lower() for w in WORD.findall(match.group(1))}
    return not named & set(words_of(subject))


def _example_item(object_words: list[str], evidence: str, words: GuardWords) -> bool:
    """ "A downside of the latter solution is that one has to specify R in advance, which can be quite a hurdle if one
    has no idea of what could happen for, say, the age shift after ...": a cue list's item that is the exemplifying
    word itself, or the example written right after it, is no property of the owner."""
    if not object_words:
        return False
    if len(object_words) == 1 and object_words[0] in words.example_markers:
        return True
    markers = "|".join(re.escape(m) for m in sorted(words.example_markers))
    lead = r"\W+".join(re.escape(w) for w in object_words[:2])
    return bool(re.search(rf"\b(?:{markers}),\s*{lead}\b", evidence, re.IGNORECASE))


def _anaphoric_object(object_words: list[str], words: GuardWords) -> bool:
    """ "AASTEX requires this package", "The third module optimizes this objective function", "avoided These errors":
    after at most one verb the object is a demonstrative and one or two words ending in a generic head, a reference
    to an earlier sentence that names nothing by itself."""
    rest = [w for w in object_words if w not in words.verb_phrase_openers and w not in words.degree_adverbs]
    for k, word in enumerate(rest[:2]):
        if word in words.demonstratives:
            # only a generic head ("package", "function", "issue"): "blocks these phosphorylation events" and
            # "reversed this suppressive effect" keep enough of their antecedent to state the effect (the gold has both)
            head = rest[-1]
            generic = head in words.bare_subjects or head in words.problem_nouns
            return 1 <= len(rest) - k - 1 <= 2 and generic
    return False


def _cue_noun(cue: str) -> str:
    # "cue:risk:is:subject-antecedent" → "risk": the cue reader names the cue noun's lemma second
    parts = cue.split(":")
    return parts[1] if len(parts) > 2 else ""


def _conditional_cue(cue: str, evidence: str, words: GuardWords) -> bool:
    """ "... is that if lifetime risk is a primary question, then the model has given us ...": the cue noun (read at
    its first occurrence) is inside a condition, a conjunction of condition at most two words before it in the same
    clause; what the cue's clause says is supposed, not stated."""
    noun = _cue_noun(cue)
    first = re.search(rf"(?<![\w-]){re.escape(noun)}", evidence, re.IGNORECASE) if noun else None
    if first is None:
        return False
    before = re.split(r"[,;:]", evidence[: first.start()])[-1]
    return any(word in words.condition_markers for word in words_of(before)[-3:])


def _quantity_level(cue: str, object_words: list[str], words: GuardWords) -> bool:
    """ "the risk of identification is low", "the risk of conversion for a male is essentially the same as for a
    female", "their hazard at any given moment is nearly identical to males": a cue noun that also names a probability,
    with a copula whose predicate is a level or a comparison, says how large the probability is; the harm is the
    of-phrase, and no method carries it."""
    parts = cue.split(":")
    if len(parts) < 3 or parts[1] not in words.quantity_cue_nouns or parts[2] != "is":
        return False
    predicate = [w for w in object_words if w not in words.degree_adverbs and not w.endswith("ly")]
    predicate = [w for w in predicate if w not in ("the", "a", "an", "not", "no", "quite", "nearly", "almost")]
    return bool(predicate) and predicate[0] in words.level_words


def _availability(object_words: list[str], words: GuardWords) -> bool:
    """ "The batch SOM algorithm has been available for a long time in the class package": where or since when a
    thing can be had (after auxiliaries) is a history or a pointer, not a fault of the thing."""
    if any(w in ("not", "never", "no", "nor", "hardly", "rarely") for w in object_words[:4]):
        return False  # "were not available or too time-consuming": what cannot be had is a limitation
    rest = [w for w in object_words if w not in words.verb_phrase_openers and w not in ("been", "be", "being")]
    return bool(rest) and rest[0] in words.availability_words


# "is SaTScan (Kulldorff 1997) which allows ...": a copula, a name, an optional reference, and a relative word
NAMED_PREDICATE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:the\s+|a\s+|an\s+)?([A-Z][\w.+-]*)(?:\s*\([^()]*\))?,?\s+(?:which|that|who)\b"
)


def _names_the_owner(obj: str, evidence: str) -> bool:
    """ "Another software of interest for aberration detection is SaTScan (Kulldorff 1997) which allows the detection
    of ... → software of interest ... → SaTScan ... which allows ...": a copula whose predicate is a name with a
    relative clause identifies the thing the sentence is about; the subject is only a description of it, and the
    property (in the relative clause) is the name's."""
    match = NAMED_PREDICATE.search(evidence)
    if match is None:
        return False
    return (obj or "").startswith(match.group(1))


def _person_subject(subject: str, words: GuardWords) -> bool:
    """ "the user → effect → correct application" ("the user is solely responsible for their correct application"):
    a person who uses or writes about a method as the agent of an effect (the head noun before the first
    preposition)."""
    head_phrase = FIRST_PREPOSITION.split(f" {(subject or '').lower()} ")[0]
    head = words_of(head_phrase)[-1:]
    return bool(head) and head[0] in words.person_roles


def _problem_list_item(obj: str, evidence: str, words: GuardWords) -> bool:
    """ "... helped us to focus on other challenges during development, such as bringing the system in the
    organization's workflow and finding ways to ... analyse ...": an item of a list that a problem noun heads names a
    problem (of whoever faces it), never an advantage."""
    start = _position(obj, evidence)
    if start < 0:
        return False
    before = re.split(r"[.;]\s", evidence[:start])[-1].lower()
    tokens = WORD.findall(before)
    nouns = [k for k, token in enumerate(tokens) if token in words.problem_nouns]
    if not nouns:
        return False
    after_noun = before.split(tokens[nouns[-1]], 1)[-1]
    return bool(LIST_MARKER.search(after_noun))


def _elaborated_ease(object_words: list[str], evidence: str, words: GuardWords) -> bool:
    """ "The creation of an sts object is straightforward, requiring a call of the constructor function ...": a
    participle clause of needing right after a positive evaluation says how the ease comes about."""
    if not object_words or object_words[0] not in words.elaborating_participles:
        return False
    match = re.search(rf"\b([\w-]+)\s*,\s*{re.escape(object_words[0])}\b", evidence, re.IGNORECASE)
    return bool(match) and match.group(1).lower() in words.positive_adjectives


def _announced_problems(object_words: list[str], words: GuardWords) -> bool:
    """ "We have two problems in using the deviance function defined above": a count before a problem noun announces
    drawbacks written after the sentence."""
    for k, word in enumerate(object_words[:3]):
        if word in words.problem_nouns:
            return k > 0 and object_words[k - 1] in words.problem_counts
    return False


def _coordinated_that_clause(object_words: list[str], evidence: str) -> bool:
    """ "we can conclude ... that the finetype of serogroup C is less than half as infectious as the B-type, and that
    patients in the age group 3 to 18 years are estimated to cause ...": a predicate written after "and that" is a
    second content clause with a subject of its own, not a property of the first clause's subject."""
    if not object_words:
        return False
    lead = r"\W+".join(re.escape(w) for w in object_words[:2])
    return bool(re.search(rf"\b(?:and|or|but)\s+that\s+{lead}\b", evidence, re.IGNORECASE))


# ---------------------------------------------------------------- the sentence a claim comes from

DOUBLED_WORDS = 2  # interleaved columns repeat words in pairs ("oil oil had had the the"); one repeat can be prose
CASE_FLIPS = 2  # "activiLti", "acgoulilant anticEo": letters of two lines mixed; one camel-case name can be real
CASE_FLIP = re.compile(r"[a-z]{2,}[A-Z][a-z]")
ENUMERATOR = re.compile(r"^\s*(?:\(?(?:[ivx]+|[a-z]|\d{1,2})\)|\d{1,2}\.\s|[•▪◦·–-]\s?)")
INITIAL = re.compile(r"\b[A-Z][a-z]?\.\s*$")
CUT_ENDINGS = ("and", "or", "the", "a", "an", "of", "with", "to", "in", "by", "for", "from")
BROKEN_WORD = re.compile(r"^[A-Za-z]{2,}-$")


@dataclass(frozen=True)
class SentenceGuardWords:
    second_person: frozenset[str]
    directive_markers: frozenset[str]
    mandative_verbs: frozenset[str]
    participants: frozenset[str]
    definition_verbs: frozenset[str]
    lowercase_openers: frozenset[str]
    deontic_modals: frozenset[str]
    aim_verbs: frozenset[str]
    writer_subjects: frozenset[str]
    cut_openers: frozenset[str]  # "the dominant eigenvalue is ...": a function word never opens a sentence


@lru_cache(maxsize=2)
def load_sentence_guard_words() -> SentenceGuardWords:
    data = json.loads((models_dir() / "claims" / "guard.json").read_text(encoding="utf-8"))
    cues = json.loads((models_dir() / "claims" / "cues.json").read_text(encoding="utf-8"))
    return SentenceGuardWords(
        second_person=frozenset(data["second_person"]),
        directive_markers=frozenset(data["directive_markers"]),
        mandative_verbs=frozenset(data["mandative_verbs"]),
        participants=frozenset(data["discourse_participants"]),
        definition_verbs=frozenset(data["definition_verbs"]),
        lowercase_openers=frozenset(data["lowercase_openers"]),
        deontic_modals=frozenset(cues["deontic_modals"]),
        aim_verbs=frozenset(data["aim_verbs"]),
        writer_subjects=frozenset(data["writer_subjects"]),
        cut_openers=frozenset(data["cut_sentence_openers"]),
    )


def sentence_junk_class(sent) -> str:
    """Why a parsed sentence (a spaCy Span) can state no claim, or "" when it can: "directive", "meta-discourse",
    "aim", "definition" or "ill-formed". Linguistic and typographic classes only; see models/claims/guard.json."""
    words = load_sentence_guard_words()
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return "ill-formed"
    if _ill_formed(tokens, words):
        return "ill-formed"
    if _directive(sent, tokens, words):
        return "directive"
    if _about_the_writing(tokens, words):
        return "meta-discourse"
    root = sent.root
    if _states_aim(root, words):
        return "aim"
    if root.lemma_.lower() in words.definition_verbs and root.pos_ == "VERB" and _defines(root):
        return "definition"
    if _identity_copula(root):
        return "definition"
    return ""


def _states_aim(root, words: SentenceGuardWords) -> bool:
    """ "Here we focus on deep learning methods for two sub-problems: A and B", "This review summarizes ...": a writer
    as the subject of a verb of presenting says what the text does; the things it names are topics, not findings."""
    # "Here we focus on ... two representative sub-problems: A and B": the parser may take the list after the
    # colon for the root and the writer's clause before it for its complement
    colons = [t.i for t in root.sent if t.text == ":" and t.i < root.i]
    verbs = [root] + [c for c in root.lefts if c.dep_ in ("ccomp", "parataxis") and any(c.i < i for i in colons)]
    return any(
        verb.lemma_.lower() in words.aim_verbs
        and verb.pos_ == "VERB"
        and any(
            c.dep_ == "nsubj" and (c.lower_ in words.writer_subjects or c.lemma_.lower() in words.writer_subjects)
            for c in verb.children
        )
        for verb in verbs
    )


def _identity_copula(root) -> bool:
    """ "The minimal inhibitory concentration of X is the lowest concentration of X that inhibits ...": a copula
    whose subject and predicate nominal share their head noun defines the term by a description."""
    if root.lemma_ != "be":
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    attributes = [c for c in root.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    if not (subjects and attributes) or subjects[0].lemma_.lower() != attributes[0].lemma_.lower():
        return False
    # a threshold named by a superlative ("the lowest concentration that ..."); "Sonication is the sonication of
    # exosomes using a probe, which deforms ..." describes a method and keeps its claims
    return any(c.tag_ == "JJS" for c in attributes[0].children)


def _ill_formed(tokens, words: SentenceGuardWords) -> bool:
    """Text that is not one sentence as written: columns interleaved word by word, letters of two lines mixed, or a
    sentence that opens in the middle of a word (the start of the word is on another line or page)."""
    alpha = [t.lower_ for t in tokens if t.is_alpha and len(t) > 1]
    doubled = sum(1 for a, b in zip(alpha, alpha[1:], strict=False) if a == b)
    doubled += sum(1 for k in range(len(alpha) - 3) if alpha[k : k + 2] == alpha[k + 2 : k + 4])
    if doubled >= DOUBLED_WORDS or any(alpha[k : k + 3] == alpha[k + 3 : k + 6] for k in range(len(alpha) - 5)):
        return True  # "tea oil tree > tea oil tree": three words repeated at once are one line read twice
    if any(t.lower_ in ("a", "an", "the") and t.nbor(1).lower_ in ("and", "or", ",", ".") for t in tokens[:-1]):
        return True  # "on the same line with a and multiline equations": an article with no noun, lines mixed
    # a name in camel case opens with a capital ("AttentiveChrome", "MoleculeNet"); mixed letters open anywhere
    if sum(1 for t in tokens if t.text[0].islower() and CASE_FLIP.search(t.text)) >= CASE_FLIPS:
        return True
    if any(len(CASE_FLIP.findall(t.text)) >= 2 for t in tokens if t.text[0].islower()):
        return True  # "anti-inVflaapmomrPathoarsye": two flips inside one word are letters of two lines
    if any(BROKEN_WORD.match(t.text) and _breaks_word(t) for t in tokens[:-1]):
        return True
    if ENUMERATOR.match(sent_text(tokens)):
        return False  # "(ii) lack of understanding in ..., and": an item of a list needs no verb of its own
    if tokens[-1].lower_ in CUT_ENDINGS or (tokens[-1].pos_ == "ADJ" and tokens[-1].is_alpha):
        return True  # "..., inhibiting the spore germination and", "... activity [34,35], clove essential": cut off
        # at a column or page end (a sentence ends in a noun or a stop, not in an article, preposition or adjective)
    first = tokens[0]
    # "phenone from 1.5 to 1.3 equiv had ...": a lower-case opening word of four letters or more that is no name
    # (names carry capitals or digits: "mRNA", "p53", "siRNA"; a short unit or abbreviation, "rf", "dc", may open a
    # sentence) and no continuation after an abbreviation ("e.g.", "et al.")
    if first.i + 1 < len(first.doc) and not first.whitespace_ and first.nbor(1).text in ("-", "‐"):
        return False  # "trans-Caryophyllene", "cis-platin": a lower-case chemical prefix opens a name
    if INITIAL.search(first.doc.text[: first.idx]):
        return False  # "L. garganicum or ...": the split fell after an abbreviated genus or initial
    if first.text in words.cut_openers:
        return True  # "the dominant eigenvalue is smaller than 1, it ...": its "If" is on the line before
    return (
        first.is_alpha
        and first.text.islower()
        and len(first.text) > 3
        and first.lower_.rstrip(".") not in words.lowercase_openers
    )


def sent_text(tokens) -> str:
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _breaks_word(token) -> bool:
    """ "Increas- dienol ethers": a word broken at a line end and left open, the rest of it on a line of the other
    column: the piece is no word and does not join the next word into one. A suspended hyphen ("pre- and
    post-treatment") or a break the structure stage left unjoined ("inflam- matory") is prose."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is None or following.lower_ in ("and", "or", "and/or", ",", "/", "nor"):
        return False
    vocabulary = _general_words()
    piece = token.lower_.rstrip("-")
    if piece in vocabulary and following.is_alpha and following.text[0].islower():
        return piece + following.lower_ not in vocabulary and following.lower_ in ("to", "the", "of")
    return bool(vocabulary) and piece + following.lower_ not in vocabulary


@lru_cache(maxsize=1)
def _general_words() -> frozenset[str]:
    # the word list the structure stage repairs hyphenation with (models/structure/layout.json)
    layout = json.loads((models_dir() / "structure" / "layout.json").read_text(encoding="utf-8"))
    return general_vocabulary(layout.get("vocabulary_package", ""))


general_words = _general_words  # the same list, for the extractors (what general English knows)


def _directive(sent, tokens, words: SentenceGuardWords) -> bool:
    """An instruction to the reader: second person, "please", an imperative main verb, a deontic modal whose subject
    is a writer or reader ("authors should ..."), or a mandative subjunctive ("X requires that headings be set")."""
    if any(t.lower_ in words.second_person and t.pos_ == "PRON" for t in tokens):
        return True
    if any(t.lower_ in words.directive_markers and t.dep_ in ("intj", "advmod", "discourse") for t in tokens):
        return True
    root = sent.root
    # "Now let us consider ...": adverbs and interjections may come before the imperative verb
    first_word = next(
        (t for t in tokens if not t.is_punct and not (t.dep_ in ("advmod", "intj") and t.head.i == root.i)), tokens[0]
    )
    if (
        root.tag_ == "VB"
        and root.pos_ == "VERB"
        and root.i == first_word.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in root.children)
    ):
        return True  # "Use the option ...", "Ensure that ...": an imperative opens the sentence
    if _imperative_after_adjunct(root, tokens):
        return True
    for token in tokens:
        modal = any(c.dep_ == "aux" and c.lower_ in words.deontic_modals for c in token.children)
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if modal and any(s.lemma_.lower() in words.participants or s.lower_ in words.participants for s in subjects):
            return True
        base = token.tag_ == "VB" or any(c.dep_ == "auxpass" and c.tag_ == "VB" for c in token.children)
        if (
            token.dep_ == "ccomp"
            and base
            and token.head.lemma_.lower() in words.mandative_verbs
            and subjects
            and not any(c.dep_ == "aux" for c in token.children)
        ):
            return True  # "ASME requires that section headings be set in bold face"
    return False


FRONTED_ADJUNCTS = frozenset({"prep", "advcl", "advmod", "npadvmod", "intj", "punct", "mark"})
IMPERATIVE_COMPLEMENTS = frozenset({"dobj", "obj", "ccomp", "xcomp", "prep", "dative", "advcl"})


def _imperative_after_adjunct(root, tokens) -> bool:
    """ "For more information on how to customize the work flow, see the package help pages", "To cite the package,
    use ...": a fronted adverbial (a prepositional phrase or a purpose clause) and a comma before a subjectless base
    form main verb: an instruction to the reader, as when the imperative opens the sentence."""
    if root.tag_ != "VB" or root.pos_ != "VERB" or root.i <= tokens[0].i or root.i == 0:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in root.children):
        return False
    if root.nbor(-1).text != ",":
        return False
    fronted = [c for c in root.lefts if c.dep_ != "punct"]
    if not fronted or any(c.dep_ not in FRONTED_ADJUNCTS for c in fronted):
        return False
    if any(sum(1 for g in c.children if g.dep_ == "pobj") > 1 for c in fronted):
        return False  # "In medical imaging, A [50], B [50], tuberculosis [59], and ...": a list misread as a verb
    if not any(c.dep_ in IMPERATIVE_COMPLEMENTS and c.pos_ not in ("X", "NUM", "PUNCT") for c in root.rights):
        return False  # an instruction names what to use or see
    covered = {t.i for c in root.lefts for t in c.subtree}
    return all(t.i in covered for t in tokens if t.i < root.i)


def _about_the_writing(tokens, words: SentenceGuardWords) -> bool:
    """ "The option will prevent the author and affiliations from being shown", "this allows the reader to ...": a
    writer or reader acted upon (an object of a verb) — the sentence is about the text, not a finding. As a subject
    ("the authors reported that X reduced Y") they report a finding, which stays."""
    return any(
        t.lemma_.lower() in words.participants and t.dep_ in ("dobj", "obj", "dative") and t.head.pos_ == "VERB"
        for t in tokens
    )


def _defines(root) -> bool:
    """ "X is defined as Y", "X refers to Y", "X is termed Y", "X denotes Y": the main verb names or defines."""
    lemma = root.lemma_.lower()
    preps = {c.lower_ for c in root.children if c.dep_ in ("prep", "agent")}
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children)
    if lemma == "refer":
        return "to" in preps and not passive  # "X refers to Y"; "readers are referred to" is a directive anyway
    if lemma in ("define", "designate"):
        return passive or "as" in preps
    if lemma in ("term", "call", "name"):
        return passive and any(c.dep_ in ("oprd", "attr", "xcomp") for c in root.children)
    return lemma in ("denote", "mean") and not passive
