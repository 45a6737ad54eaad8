"""Agent → effect claims from an activity list: "X possesses antispastic, carminative, ... and general tonic action",
"Marrubiin ... exhibits potent antinociceptive properties and vasorelaxant activity".

A display verb (models/claims/cues.json "activity_frame.verbs") followed, in the same clause, by an activity noun
("activity", "effect", "property", ...) states what its subject does; every item of the list up to the last activity
noun is one effect. The subject is the verb's noun phrase as written (a plant, an extract, a compound), or for a
pronoun the last subject the prose named. Parses of such lists are often wrong (an adjective list read as verbs and
conjoined nouns), so the list is read from the tokens between the verb and the noun, not from the tree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from pipeline.extract.claims.guard import general_words
from pipeline.extract.claims.properties import split_properties
from pipeline.extract.claims.prose import (
    ClaimCues,
    Discourse,
    SentenceContext,
    clause_subject,
    is_hedged,
    is_investigator,
    load_cues,
    make_claim,
    noun_phrase_text,
    span_text,
    verb_negated,
)
from pipeline.records import Claim

# "50 mg/kg b.w. of O. sanctum extract", "200 mg/kg of EOM": the dose given is not part of the agent's name
LEADING_DOSE = re.compile(r"^(?:about\s+|approximately\s+)?\d[\d.,]*\s*(?:[a-zµμ%][\w/.%µμ-]*\s*){0,4}?of\s+", re.I)


def without_dose(subject: str) -> str:
    subject = CAUSE_TAIL.sub("", subject)  # "the extract due to inhibition of COX": the cause is not the agent
    subject = re.sub(r"^that\s+", "", subject)  # "(showed) that the extract ...": the complementizer is no part
    stripped = LEADING_DOSE.sub("", subject)
    if stripped == subject:
        stripped = _leading_unit_dose().sub("", subject)  # "10 mM ZnCl2", "5 wt % [Bmim]Cl": a dose in its units
    return stripped if stripped and stripped != subject and (stripped[0].isalpha() or stripped[0] == "[") else subject


@lru_cache(maxsize=1)
def _leading_unit_dose() -> re.Pattern:
    """A number and the units of a dose (models/claims/cues.json "dose_units") before the name of what was dosed."""
    units = "|".join(re.escape(u) for u in sorted(load_cues().raw["dose_units"], key=len, reverse=True))
    return re.compile(rf"^(?:about\s+|approximately\s+)?\d[\d.,]*\s*(?:(?:{units})\s*){{1,2}}\s+(?=\S)", re.I)


CAUSE_TAIL = re.compile(r"\s+(?:due to|owing to|because of)\s.*$", re.I)


CLAUSE_BREAKS = {";", ":", "but", "whereas", "while", "although", "which", "that"}


def activity_claims(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    frame = cues.raw["activity_frame"]
    if verb.lemma_.lower() not in frame["verbs"] or verb.pos_ not in ("VERB", "AUX"):
        return []
    if verb.dep_ in ("aux", "auxpass") and verb.head.pos_ in ("VERB", "AUX"):
        return []  # "has laid the foundation": an auxiliary of another verb
    if any(c.dep_ == "aux" and c.lower_ in cues.raw["deontic_modals"] for c in verb.children):
        return []  # "this matrix should consider the effects of ...": a recommendation, not a finding
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in frame["verbs"] for c in verb.children):
        return []  # "X has been shown to exhibit A, B and C activity": the infinitive's verb reads the list
    if any(c.dep_ == "mark" and c.lower_ in frame["question_marks"] for c in verb.children):
        return []  # "(test) whether the treatment has significant effect": a question asked, not a finding
    start, end = _list_span(verb, context, frame)
    if end <= start:
        return []
    doc = verb.doc
    nouns = set(frame["nouns"])
    first_noun = next((t for t in doc[start:end] if t.lemma_.lower() in nouns and t.pos_ in ("NOUN", "PROPN")), None)
    # "In vivo models demonstrated the anti-inflammatory effects of S. scardica": the of-phrase names the agent
    # when the verb's subject is a study, a model or an assay; otherwise the subject acts.
    owner, owner_tokens = _owner_of_activity(first_noun, cues) if first_noun is not None else ("", set())
    # "In vivo models demonstrated the effects of X": a finite verb the parse left without a subject (the reporter
    # read into a fronted phrase) reports what the of-phrase's owner does, as a study subject would
    subjectless = clause_subject(verb) is None and verb.dep_ in ("ROOT", "conj") and verb.tag_ in ("VBD", "VBZ", "VBP")
    reports = _subject_reports(verb, cues) or subjectless
    subject = "" if reports else _subject(verb, context, discourse, cues)
    if reports:
        subject = owner or _conjoined_owner(verb, context, frame, cues)
    if not subject:
        return []
    kept = [i for i in range(start, end) if i not in owner_tokens or subject != owner]
    text = span_text(doc, kept)
    items = _with_activity_head(_shared_head(split_properties(text), frame), verb, start, end, frame)
    setting = _fronted_setting(verb, cues)
    items = [f"{item} {setting}" if setting and setting not in item else item for item in items]
    # "neither the essential oil nor the extracts could exert any effect": each conjunct is an agent, denied
    denied_pair = _neither_nor_subjects(verb, context, discourse, cues) if not reports else []
    # "X had no detrimental effect": the list's own determiner negates it
    negated = (
        verb_negated(verb, cues)
        or bool(denied_pair)
        or any(t.lower_ == "no" for t in doc[verb.i + 1 : start + 1])
        or _none_subject(verb)
    )
    claims = []
    for agent in denied_pair or [subject]:
        for item in items:
            claim = make_claim(context, without_dose(agent), "effect", item, "effect:activity")
            claim.direction = "none"
            claim.hedged = is_hedged(context.sent, verb, cues)
            claim.negated = negated
            claims.append(claim)
    return claims


def _with_activity_head(items: list[str], verb: Token, start: int, end: int, frame: dict) -> list[str]:
    """ "antiviral effects against A, B and C", "inhibitory activity on A and B", "analgesic effects in models such
    as A and B": an activity noun whose target preposition (models/claims/cues.json "activity_frame.target_preps")
    governs the list; every target keeps the activity phrase up to the preposition ("antiviral effects against B"),
    not a bare "B". Lists of activities ("analgesic, antipyretic activity against A") are left as they are."""
    if len(items) < 2:
        return items
    doc, nouns, preps = verb.doc, set(frame["nouns"]), set(frame["target_preps"])
    head_start = verb.i + 1
    while head_start < end and (doc[head_start].dep_ == "det" or doc[head_start].lower_ in frame["skipped_openers"]):
        head_start += 1
    for noun in doc[head_start:end]:
        if noun.lemma_.lower() not in nouns or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps and c.i < end), None)
        if prep is None:
            prep = doc[noun.i + 1] if noun.i + 1 < end and doc[noun.i + 1].lower_ in preps else None
        if prep is None or any(t.lower_ in (",", "and", "or", ";") for t in doc[head_start : prep.i]):
            return items  # the list is of activities, or the preposition is not the first activity's own
        prefix = span_text(doc, list(range(head_start, prep.i + 1)))
        if start > prep.i + 1:
            # "effects in several models such as A, B and C": the list after the opener names the targets
            return [f"{prefix} {item}" for item in items]
        first = items[0][len(prefix) :].strip() if items[0].startswith(prefix + " ") else ""
        if not first:
            return items
        targets = _shared_target_noun([first, *items[1:]], doc[prep.i : end])
        written = []
        for item in targets:
            own_activity = any(_activity_word(w, nouns) for w in item.split())
            written.append(item if own_activity else f"{prefix} {item}")
        return written
    return items


def _shared_target_noun(items: list[str], tokens) -> list[str]:
    """ "analgesic effects in visceral, nociceptive, and inflammatory pain": single adjectives listed before the
    last item's noun modify that noun ("nociceptive pain"), as "visceral" alone names no target."""
    last = items[-1].split()
    adjectives = {t.text for t in tokens if t.pos_ == "ADJ" or t.dep_ == "amod"}
    if len(last) < 2 or last[-2] not in adjectives or last[-1] in adjectives:
        return items
    shared = last[-1]
    return [f"{item} {shared}" if " " not in item and item.islower() else item for item in items[:-1]] + [items[-1]]


def _fronted_setting(verb: Token, cues: ClaimCues) -> str:
    """ "in the light tail flick test, neither the oil nor the extracts could exert any effect": an in-phrase set
    before the subject names the setting of the activity; "In this study" (models/claims/cues.json
    activity_frame.setting_excluded_heads) and "In addition" (a bare connective noun) do not."""
    subject = clause_subject(verb)
    if subject is None:
        return ""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" and c.i < subject.left_edge.i):
        objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
        if not objects or not any(c.dep_ in ("det", "amod", "compound") for c in objects[0].children):
            continue
        if objects[0].lemma_.lower() in cues.raw["activity_frame"]["setting_excluded_heads"]:
            continue  # "In this study, ...", "In a recent review, ...": where it was reported, not tested
        return span_text(verb.doc, [t.i for t in prep.subtree])
    return ""


def _activity_word(word: str, nouns: set[str]) -> bool:
    word = word.lower()
    return word in nouns or word.removesuffix("s") in nouns or word.endswith("ies") and word[:-3] + "y" in nouns


def _none_subject(verb: Token) -> bool:
    """ "none of the extracts showed analgesic activity": a subject headed by "none" (or "neither of") denies it."""
    subject = clause_subject(verb.head if verb.dep_ == "aux" else verb)
    return subject is not None and subject.lower_ in ("none", "neither") and subject.pos_ in ("NOUN", "PRON", "DET")


def _neither_nor_subjects(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[str]:
    """ "neither the essential oil nor the extracts could exert any significant effect": a subject coordinated by
    neither/nor denies the effect of each conjunct; a bare product noun is the agent named before."""
    subject = clause_subject(verb.head if verb.dep_ == "aux" else verb)
    if subject is None or not any(c.dep_ == "preconj" and c.lower_ == "neither" for c in subject.children):
        return []
    agents = []
    for conjunct in [subject, *subject.conjuncts]:
        resolved = _definite_remention(conjunct, discourse, cues)
        if resolved and resolved not in agents:
            agents.append(resolved)
    return agents if len(agents) > 1 else []


def _definite_remention(head: Token, discourse: Discourse, cues: ClaimCues) -> str:
    """One conjunct of a coordinated subject as the agent it re-mentions: "the essential oil" is the longer phrase
    named before that contains it ("essential oil of S. hortensis"); "the extracts" of an organism product are those
    of the organism under discussion ("S. hortensis extracts"); otherwise the conjunct as written."""
    skipped = {t.i for c in head.children if c.dep_ in (*COORDINATION_DEPS, "det") for t in c.subtree}
    written = span_text(head.doc, [t.i for t in head.subtree if t.i not in skipped])
    definite = any(c.dep_ == "det" and c.lower_ in POINTING_DETERMINERS for c in head.children)
    if not definite or not written:
        return written
    lemma = head.lemma_.lower()
    for candidate in [discourse.effect_subject, *reversed(discourse.recent)]:
        if candidate and len(candidate) > len(written) and _headed_by(candidate, lemma):
            if written.lower() in candidate.lower():
                return candidate
    if lemma in cues.raw["organism_product_heads"] and discourse.taxon and written.lower() == head.lower_:
        return f"{discourse.taxon} {head.text}"
    return written


def colon_list_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "Extracts from S. hortensis cover a large spectrum of conditions [127]: antimicrobial activity, cytotoxic
    activity, insecticidal activity, ...": a clause about an agent announces a list after a colon; when the list
    names activities (at least two of its items carry an activity noun), each item is one effect of the agent."""
    sent, frame = context.sent, cues.raw["activity_frame"]
    colon = next((t for t in sent if t.text == ":"), None)
    root = sent.root
    if colon is None or root.i > colon.i or root.pos_ not in ("VERB", "AUX"):
        return []
    tail = [t for t in sent if t.i > colon.i and not t.is_space]
    nouns = set(frame["nouns"])
    items = split_properties(span_text(sent.doc, [t.i for t in tail]))
    marked = [i for i in items if any(w.lower() in nouns for w in re.findall(r"[A-Za-z]+", i))]
    if len(items) < 3 or len(marked) < 2:
        return []
    subject = _subject(root, context, discourse, cues)
    if not subject:
        return []
    claims = []
    for item in items:
        claim = make_claim(context, without_dose(subject), "effect", item, "effect:activity-colon")
        claim.direction = "none"
        claim.hedged = is_hedged(context.sent, root, cues)
        claims.append(claim)
    return claims


def _shared_head(items: list[str], frame: dict) -> list[str]:
    """ "analgesic, anti-inflammatory, and antipyretic activity in mouse models of pain": the activity noun and what
    follows it belong to every item of the list ("analgesic activity in mouse models of pain", ...)."""
    if len(items) < 2:
        return items
    nouns = set(frame["nouns"])

    def is_noun(word: str) -> bool:
        return _activity_word(word, nouns)

    words = items[-1].split()
    at = next((k for k, w in enumerate(words) if k > 0 and is_noun(w)), None)
    if at is None or at == len(words) - 1:
        return items  # no phrase after the noun: the items stand as written
    if any(is_noun(w) for item in items[:-1] for w in item.split()):
        return items
    suffix = " ".join(words[at:])
    return [f"{item} {suffix}" for item in items[:-1]] + [items[-1]]


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
        if (
            token.pos_ in ("VERB", "AUX")
            and token.dep_ in ("conj", "ccomp", "advcl", "relcl")
            and token.i > verb.i + 1
            and not _comma_list_word(token)
        ):
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
    if opened > last >= 0:
        last = stop - 1  # "a suite of activities such as A, B, and C": the list after the noun
    elif last >= 0:
        # the noun's own prepositional phrases ("effects over a model of ...", "activity against S. aureus")
        head = doc[last]
        targets = [c for c in head.children if c.dep_ == "prep" and c.i > head.i]
        after = doc[last + 1] if last + 1 < stop else None
        if not targets and after is not None and after.dep_ == "prep" and after.lower_ in frame["target_preps"]:
            targets = [after]  # "possesses inhibitory activity on A and B": the parser hung the target on the verb
        trailing = [t.i for c in targets for t in c.subtree if t.i < stop]
        last = max([last, *trailing])
        if any(o.conjuncts for c in targets if c.lower_ in frame["target_preps"] for o in c.children):
            last = _continued_list_end(last, stop, doc)
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
        if doc[start].dep_ != "det" and start + 1 == last and doc[last].lemma_.lower() in nouns:
            break  # "any significant effect": the degree word is all that says which effect
        start += 1
    return start, last + 1


def _continued_list_end(last: int, stop: int, doc) -> int:
    """ "against A, B, vaccinia [240], and herpes simplex virus types 1 and 2 [241], HIV-1 [242]": a list of targets
    the parser cut short runs on to the clause's end when only nouns, numbers, references and list punctuation
    follow (no verb: another clause would start there)."""
    rest = doc[last + 1 : stop]
    if not len(rest) or rest[0].text not in (",", "[", "(") and rest[0].lower_ not in ("and", "or"):
        return last
    listy = ("NOUN", "PROPN", "ADJ", "NUM", "PUNCT", "CCONJ", "DET", "X", "SYM")
    if all(t.pos_ in listy or t.like_num for t in rest):
        end = stop - 1
        while end > last and doc[end].text in (".", ";", ":"):
            end -= 1
        return end
    return last


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
        return False
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
    if not (subject.pos_ in ("NOUN", "PROPN", "ADJ") or misread_noun(subject)):
        return ""
    if subject.lemma_.lower() in cues.raw["non_agent_heads"]:
        return ""  # "the dominant effects of exosomes are manifested in ...": a topic, not an agent
    return resolve_product_anaphor(subject, discourse, cues) or _without_participle_clause(subject)


def misread_noun(token: Token) -> bool:
    """ "Thymus extracts demonstrated ...": a plural noun the tagger read as a verb ("extracts", "leaves") is still
    the clause's subject when the parser attached it as one."""
    return token.pos_ == "VERB" and token.tag_ in ("VBZ", "NNS") and token.dep_ in ("nsubj", "nsubjpass")


def resolve_product_anaphor(head: Token, discourse: Discourse, cues: ClaimCues, coordinated: bool = False) -> str:
    """ "the extract", "this plant", "the oil" with no modifier of their own: the agent named before with that head
    noun (the last effect subject, else the last mention), else the last effect subject. `coordinated`: the noun
    may head a coordination ("the extract and carnosol"; the caller resolves each conjunct)."""
    lemma = head.lemma_.lower()
    if not _bare_product_noun(head, cues, coordinated):
        return ""
    if lemma in TAXON_HEADS:
        # "the plant", "this species": the organism last named by its binomial, not a compound or extract named since
        return discourse.taxon
    for candidate in [discourse.effect_subject, *reversed(discourse.recent)]:
        if candidate and len(candidate.split()) > 1 and _headed_by(candidate, lemma):
            return candidate
    demonstrative = any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in head.children)
    if demonstrative and _names_agent(discourse.salient, cues):
        return discourse.salient  # "S. lavandulifolia is ... Also, this plant has ...": the sentence before's subject
    if discourse.effect_subject and _applied_phrase(discourse.effect_subject, cues):
        return _applied_agent_for(discourse.effect_subject, lemma, discourse, cues)
    if discourse.effect_subject:
        return discourse.effect_subject  # "O. sanctum ... the extract alleviated ...": the agent under discussion
    return ""


def _applied_phrase(phrase: str, cues: ClaimCues) -> bool:
    """ "pretreatment of the animals with R. officinalis extract", "oral baicalin administration": a phrase headed by
    a way of giving or changing an agent (models/claims/cues.json agent_modifier_heads), first word before its
    of/with-phrase or last word."""
    words = [w.strip(",;()") for w in phrase.lower().split()]
    heads = set(cues.raw["agent_modifier_heads"])
    opening = len(words) > 2 and words[0] in heads and words[1] in ("of", "with")
    return opening or (len(words) > 1 and words[-1] in heads)


def _applied_agent_for(phrase: str, lemma: str, discourse: Discourse, cues: ClaimCues) -> str:
    """Head agreement for "the extract"/"this compound" whose nearest agent is a way of giving one: not the giving
    itself but what it gives. A product of an organism ("the extract", "the oil") is the product of the organism
    named in the phrase ("R. officinalis extract"); any other ("this compound") is the named agent inside it
    ("baicalin" from "oral baicalin administration")."""
    if lemma in cues.raw["organism_product_heads"] and discourse.taxon and discourse.taxon.lower() in phrase.lower():
        return f"{discourse.taxon} {lemma}"
    if lemma in cues.raw["organism_product_heads"]:
        return ""
    for mention in reversed(discourse.recent):
        if mention.lower() in phrase.lower() and not _applied_phrase(mention, cues):
            return mention
    words = phrase.split()
    vocabulary = general_words()
    if len(words) >= 2 and words[-1].lower() in cues.raw["agent_modifier_heads"] and vocabulary:
        name = words[-2]
        if name.isalpha() and len(name) >= 4 and name.lower() not in vocabulary:
            return name  # "oral baicalin administration": the word general English does not know is the agent
    return ""


COORDINATION_DEPS = ("cc", "conj", "preconj", "punct")
POINTING_DETERMINERS = ("the", "this", "these", "that", "such")


def _bare_product_noun(head: Token, cues: ClaimCues, coordinated: bool = False) -> bool:
    """ "the extract", "this plant": a product or organism noun with only a pointing determiner (and, when
    `coordinated`, the conjuncts it heads), which therefore names nothing of its own."""
    if head.lemma_.lower() not in cues.raw["anaphoric_agent_heads"] or head.pos_ != "NOUN":
        return False
    own = [c for c in head.children if not (coordinated and c.dep_ in COORDINATION_DEPS)]
    return all(c.dep_ == "det" and c.lower_ in POINTING_DETERMINERS for c in own)


def coordinated_product_anaphor(head: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """ "Moreover, the extract and carnosol did not affect plasma corticosterone levels": a definite product noun
    coordinated with names stands for the agent named before, as it does alone; the others keep their own names.
    The coordination is returned written out ("R. officinalis extract and carnosol"), which the effect extractor
    distributes into one claim per agent. "" unless one conjunct is such an anaphor and every other is a name."""
    conjuncts = [head, *[c for c in head.conjuncts if c.i > head.i]]
    if not 2 <= len(conjuncts) <= 4:
        return ""
    parts, resolved = [], False
    for conjunct in conjuncts:
        if _bare_product_noun(conjunct, cues, coordinated=True):
            # "the extract and carnosol ... both the extract and carnosol": within a paragraph, the same again
            lemma = conjunct.lemma_.lower()
            passage, earlier = discourse.resolved_products.get(lemma, (-1, ""))
            text = earlier if passage == context.passage.passage_id else ""
            text = text or resolve_product_anaphor(conjunct, discourse, cues, coordinated=True)
            if text:
                discourse.resolved_products[lemma] = (context.passage.passage_id, text)
            resolved = resolved or bool(text)
        else:
            text = _conjunct_name(conjunct, context)
        if not text or text.lower() in (p.lower() for p in parts):
            return ""  # a conjunct that names nothing, or the anaphor resolved to its neighbour
        parts.append(text)
    return " and ".join(parts) if resolved else ""


def _conjunct_name(conjunct: Token, context: SentenceContext) -> str:
    """The name one conjunct gives: a lexicon or NER mention on it, or a word general English does not know
    ("carnosol"), a proper noun, or a word with capitals or digits inside ("COX1")."""
    mention = next((m for m in context.mentions if not m.is_modifier and m.start <= conjunct.i < m.end), None)
    if mention is not None:
        return mention.text
    if conjunct.pos_ not in ("NOUN", "PROPN"):
        return ""
    vocabulary = general_words()
    lemma = conjunct.lemma_.lower()
    unknown = bool(vocabulary) and len(lemma) >= 5 and lemma.isalpha() and lemma not in vocabulary
    if not (conjunct.pos_ == "PROPN" or unknown or any(ch.isupper() or ch.isdigit() for ch in conjunct.text[1:])):
        return ""
    skipped = {t.i for c in conjunct.children if c.dep_ in (*COORDINATION_DEPS, "det") for t in c.subtree}
    return span_text(conjunct.doc, [t.i for t in conjunct.subtree if t.i not in skipped])


def _headed_by(phrase: str, lemma: str) -> bool:
    """Whether the anaphor's noun heads the phrase ("R. officinalis extract", "ethanolic extract of rosemary"), not
    only occurs in it: "pretreatment with R. officinalis extract and carnosol" is a treatment, not an extract."""
    words = [w.rstrip(",;") for w in phrase.lower().split()]
    last = len(words) - 1
    heads = [i for i, w in enumerate(words) if w.removesuffix("s") == lemma]
    return any(i == last or words[i + 1] in ("of", "from") for i in heads)


TAXON_HEADS = {"plant", "herb", "species", "shrub", "tree"}  # nouns that point back to an organism


def taxon_names(sent, cues: ClaimCues) -> list[str]:
    """Binomial names as written, by their typography: a capitalised genus or its initial ("Melissa", "G.") followed by
    a lower-case epithet with a Latin ending that general English does not know ("officinalis", "hederacea")."""
    vocabulary = general_words()
    endings = tuple(cues.raw["taxon_typography"]["epithet_endings"])
    ranks = set(cues.raw["taxon_typography"]["rank_abbreviations"])
    found = []
    tokens = list(sent)
    for genus, epithet in zip(tokens, tokens[1:], strict=False):
        initial = len(genus.text) == 2 and genus.text[0].isupper() and genus.text[1] == "."
        # taggers misread Latin ("Melissa officinalis" as two adjectives): the genus is any capitalised content word
        capitalised = genus.text.istitle() and genus.is_alpha and len(genus.text) > 3
        capitalised = capitalised and genus.pos_ not in ("DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "ADV")
        latin = epithet.lower_.endswith(endings)
        if not (initial or capitalised) or not (
            epithet.is_lower and epithet.is_alpha and len(epithet.text) > 4 and latin
        ):
            continue
        if epithet.lower_ in ranks:
            continue  # "L. subsp.": an author's initial before a rank
        if vocabulary and epithet.lower_ not in vocabulary and genus.lower_ not in ("the", "this", "these"):
            found.append(f"{genus.text} {epithet.text}")
    return found


def _names_agent(text: str, cues: ClaimCues) -> bool:
    """A name ("S. lavandulifolia", "EPRS1 knockdown"), not a generic phrase ("antimicrobial activities")."""
    words = text.lower().split()
    generic = set(cues.raw["non_agent_heads"]) | set(cues.raw["anaphoric_agent_heads"]) | cues.investigators
    named = any(ch.isupper() or ch.isdigit() for ch in text)
    return named and bool(words) and words[-1].rstrip("s") not in generic and words[-1] not in generic


def _earlier_subject(pronoun: Token, context: SentenceContext, cues: ClaimCues) -> str:
    candidates = [
        t for t in context.sent if t.i < pronoun.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
    ]
    for token in reversed(candidates):
        if not is_investigator(token, cues) and _may_act(token, cues):
            return _without_participle_clause(token)
    return ""


def _may_act(head: Token, cues: ClaimCues) -> bool:
    """Not a reporting subject (a study, a model) and not a measure or finding ("the reduction", "doses")."""
    lemma = head.lemma_.lower()
    return lemma not in cues.raw["report_subject_heads"] and lemma not in cues.raw["non_agent_heads"]


def _without_participle_clause(head: Token, keep_preps: bool = True) -> str:
    """ "S. scardica extract administered orally": the subject is the noun phrase, not the way it was given (nor,
    for an agent, where it was tested: "by X extracts in two animal models")."""
    dropped = {
        t.i
        for c in head.children
        if c.i > head.i and (c.dep_ == "acl" or not keep_preps and c.dep_ == "prep" and c.lower_ != "of")
        for t in c.subtree
    }
    if not dropped:
        return noun_phrase_text(head)
    kept = [t.i for t in head.subtree if t.i not in dropped and not (t.dep_ == "det" and t.head.i == head.i)]
    return span_text(head.doc, kept)


def activity_phrase_claims(noun: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """An activity noun phrase outside a display-verb frame, its agent named by the phrase around it:
    - "essential oils with antimicrobial, cytotoxic, and antioxidant properties": the noun the with-phrase modifies;
    - "Similar analgesic activity was demonstrated by O. gratissimum extracts": the passive verb's agent;
    - "best known for its sedative and anxiolytic effects", "with reports of their antiulcer, ... activities": a
      possessive points back to the clause's subject.
    The list before the noun is read from the tokens (adjectives, nouns, commas, "and", reference brackets), as
    parses of such lists are often wrong. Inquiries ("investigated the analgesic effects of X") give nothing."""
    frame = cues.raw["activity_frame"]
    doc, sent = noun.doc, context.sent
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in frame["nouns"] or noun.i == sent.start:
        return []
    if any(a.lemma_.lower() in cues.raw["inquiry_verbs"] for a in noun.ancestors):
        return []
    governors = [a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")][:1]
    if any(g.lemma_.lower() in cues.effect_direction or g.lemma_.lower() in frame["verbs"] for g in governors):
        if noun.dep_ != "nsubjpass":
            return []  # "X can enhance their paracrine effects": the verb's own frame reads it
    start = noun.i
    while start > sent.start and _list_token(doc[start - 1]):
        start -= 1
    while start < noun.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    kinds = [t for t in doc[start : noun.i] if t.is_alpha and t.lower_ not in ("and", "or")]
    if not kinds or all(t.lower_ in cues.modifier_direction or t.lower_ in cues.up | cues.down for t in kinds):
        return []  # "cells with high activity": a degree, not a kind of activity
    opener = doc[start - 1] if start > sent.start else None
    subject = _phrase_owner(noun, opener, context, discourse, cues)
    if not subject:
        return []
    claims = []
    for item in split_properties(span_text(doc, list(range(start, noun.i + 1)))):
        claim = make_claim(context, without_dose(subject), "effect", item, "effect:activity-phrase")
        claim.direction = "none"
        claim.hedged = is_hedged(context.sent, noun.head, cues)
        claim.negated = verb_negated(noun.head, cues) if noun.head.pos_ in ("VERB", "AUX") else False
        claims.append(claim)
    return claims


def _list_token(token: Token) -> bool:
    if token.pos_ in ("ADJ", "NOUN", "PROPN") and token.dep_ not in ("poss",):
        return not token.like_num or token.head.text in ("[", "]")
    if _comma_list_word(token):
        return True  # "..., anticoagulant, anticataract, anthelmintic, ...": an item the tagger read as a verb
    if token.text in (",", "-", "[", "]", "–") or token.lower_ in ("and", "or"):
        return True
    return token.like_num and token.text != "one" or token.tag_ == "RB" and token.head.pos_ == "ADJ"


def _comma_list_word(token: Token) -> bool:
    """ "..., anticoagulant, anticataract, anthelmintic, ...", "... antinociceptive, and gastroprotective effects": a
    single word set between two commas of a list is an item whatever its tag; so is a bare verb form (VB) after a
    comma or "and"/"or" before a comma, a conjunction or a noun, as no clause verb stands there without "to" or a
    modal (the tagger misreads rare adjectives such as "gastroprotective" as verbs)."""
    doc = token.doc
    if not token.is_alpha or token.i == 0 or token.i + 1 >= len(doc):
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    if before.text == "," and after.text == ",":
        return True
    joins = (",", "and", "or")
    return token.tag_ == "VB" and before.lower_ in joins and (after.lower_ in joins or after.pos_ == "NOUN")


def _phrase_owner(
    noun: Token, opener: Token | None, context: SentenceContext, discourse: Discourse, cues: ClaimCues
) -> str:
    doc = noun.doc
    if noun.dep_ == "nsubjpass":
        for agent in (c for c in noun.head.children if c.dep_ == "agent"):
            objects = [c for c in agent.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objects and not is_investigator(objects[0], cues) and _may_act(objects[0], cues):
                return _without_participle_clause(objects[0], keep_preps=False)
    if opener is None:
        return ""
    if opener.lower_ == "with" and opener.i > context.sent.start and doc[opener.i - 1].pos_ in ("NOUN", "PROPN"):
        owner = doc[opener.i - 1]
        if not is_investigator(owner, cues) and owner.lemma_.lower() not in cues.raw["report_subject_heads"]:
            start = owner.left_edge.i if owner.left_edge.i < owner.i else owner.i
            return span_text(doc, [i for i in range(start, owner.i + 1) if doc[i].dep_ != "det"])
    if opener.lower_ in ("its", "their"):
        earlier = _earlier_subject(opener, context, cues)
        return earlier or (discourse.effect_subject if opener.lower_ == "its" else "")
    return ""
