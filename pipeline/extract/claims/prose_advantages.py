"""Method → advantage/disadvantage claims from prose: cue-noun frames and evaluative clauses.

- a cue noun ("the advantages of X are ...", "X has the drawback of ...", "... is a problem faced by X", "there are
  problems with X: ...") found by a dependency frame gives the relation, its owner and the span of properties;
- a clause about a method whose words carry a polarity ("this method is simple", "its efficiency is low", "it
  consumes time") gives the relation from that polarity (attributes x quantity words, evaluative words, scoped
  negation; causes such as "due to ..." do not count).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from pipeline.extract.claims.guard import general_words
from pipeline.extract.claims.properties import split_properties
from pipeline.extract.claims.prose import (
    CUE_EXTENSION,
    SUBJECT_DEPS,
    ClaimCues,
    Discourse,
    SentenceContext,
    anaphor_head,
    best_mention,
    clause_end,
    clause_subject,
    clean_text,
    is_effect_verb,
    is_investigator,
    lexicon_type,
    load_cues,
    make_claim,
    mentions_in,
    noun_phrase_text,
    opens_with,
    resolve_owner,
    span_text,
    strip_leading,
    verb_negated,
)
from pipeline.extract.claims.prose_evaluative import load_evaluative_words
from pipeline.records import Claim


def cue_noun_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    claims: list[Claim] = []
    sent = context.sent
    for token in sent:
        relation = token._.get(CUE_EXTENSION)
        labels = context.frames.get(token.i, set())
        if relation not in ("advantage", "disadvantage") or not labels:
            continue
        frame = _cue_frame(token, labels, context, discourse, cues, claims[-1].subject if claims else "")
        if frame is None:
            continue
        owner, start, end, label = frame
        owner = COMPARISON_IN_OWNER.split(owner, maxsplit=1)[0].strip()
        if not owner or end <= start:
            continue
        context.consumed |= set(range(start, end)) | {token.i}
        if label.endswith(":denied"):
            # a denied strength is a weakness (and a denied weakness a strength), stated whole
            opposite = "disadvantage" if relation == "advantage" else "advantage"
            claims.append(make_claim(context, owner, opposite, sent.doc[start:end].text, label))
            continue
        claims.extend(_claims_from_property_span(context, discourse, cues, owner, relation, start, end, label))
    return claims


COMPARISON_PREPOSITIONS = frozenset({"over", "versus", "vs", "vs.", "than", "against"})
OWNER_PREPOSITIONS = frozenset({"of", "by", "via", "through"})  # beside an of-phrase, the phrases that name the owner
# "the main advantage of nlme relative to lme4": a comparison written inside the owner's phrase is not the owner
COMPARISON_IN_OWNER = re.compile(
    r"\s+(?:relative to|compared (?:to|with)|in comparison (?:to|with)|as opposed to|as compared (?:to|with))\s"
)


def _cue_frame(
    cue: Token, labels: set[str], context: SentenceContext, discourse: Discourse, cues: ClaimCues, previous: str
):
    """(owner, start, end, label) of the property span a cue noun introduces, or None. `labels` are the
    dependency frames the cue matched; each frame knows where its owner and its properties are."""
    sent, doc = context.sent, context.sent.doc
    head = cue.head
    if "CUE_ONE_OF" in labels:
        head = head.head.head  # "One of the main problems of X is P": the verb of the clause "one" is subject of
        if not any(c.dep_ in ("attr", "ccomp") for c in head.children):
            return None  # "one of the benefits of X is not fully leveraged": a predicate about the cue, no property
        labels = labels | {"CUE_IS"}
    of_phrases = [c for c in cue.children if c.dep_ == "prep" and c.lower_ != "as"]
    possessors = [c for c in cue.children if c.dep_ == "poss"]
    # "the advantage of LaTeX over other text processing systems": the phrase of comparison names what the owner
    # is compared with, never the owner
    owner_phrases = [p for p in of_phrases if p.lower_ not in COMPARISON_PREPOSITIONS]
    if any(p.lower_ == "of" for p in owner_phrases):
        # "the primary strength of the Fine-Gray model with respect to the Cox model": an of-phrase names the owner,
        # or the means it names ("the advantages of obtaining exosomes by chromatography"); the cue's other phrases
        # then name a domain, a purpose or a comparison ("with respect to", "for Y", "in Z")
        owner_phrases = [p for p in owner_phrases if p.lower_ in OWNER_PREPOSITIONS]
    owner_tokens = [t for p in owner_phrases for t in p.subtree] + [t for p in possessors for t in p.subtree]
    same = any(c.lower_ == "same" for c in cue.children)
    if _statistical_measure(cue):
        return None  # "a relative risk of 1.44", "hazard ratio": a figure of a trial, not a drawback
    if any(c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those", "such") for c in cue.children):
        return None  # "This challenge is not unique to X" points back to a drawback already stated
    if head.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in head.children
    ):
        return None  # "if lifetime risk is a primary question, ...": a condition asserts nothing about the cue
    # "X has/shows the advantage(s) of P" — the of-phrase holds the properties, the verb's subject the owner.
    if "CUE_HAS" in labels:
        subject = clause_subject(head)
        if subject is None:
            return None
        if subject.lemma_.lower() in cues.raw["statistical_effects"]["population_heads"]:
            # "Males have a lower lifetime risk of PCM": a population's risk is a finding about what sets the group
            # apart (prose_effects' population comparisons), not a drawback the group owns
            return None
        owner = resolve_owner(list(subject.subtree), context, discourse, cues, fallback=False)
        owner = owner or _possessor_subject(subject, head, cues) or _gerund_subject(subject, cues)
        denied = any(c.dep_ == "det" and c.lower_ == "no" for c in cue.children) or verb_negated(head, cues)
        if denied or (of_phrases and of_phrases[0].lower_ != "of"):
            # "X did not show any advantage over Y", "X has no advantage over Y": the denial is the property, of the
            # opposite relation; "X has some advantage over Y" states the cue with its comparison, not "Y"
            auxiliaries = [c.i for c in head.children if c.dep_ in ("aux", "neg")] if denied else []
            modifiers = [c.i for c in cue.children if c.i < cue.i and c.lower_ not in ("the", "a", "an")]
            start = min(auxiliaries or [head.i]) if denied else min(modifiers or [cue.i])
            reason = _reason_start(doc, cue.i + 1, clause_end(sent, cue.i + 1, cues), cues)
            if reason is not None and not denied:
                # "Fungi have many merits over other organisms due to the presence of enzymes": the reason is
                # the property
                return owner, reason, clause_end(sent, reason, cues), f"cue:{cue.lemma_}:has-over"
            end = clause_end(sent, cue.i + 1, cues)
            if head.dep_ in ("advcl", "relcl", "acl", "ccomp"):
                # "Although X has several advantages over Y (...), its use was limited": the subordinate clause ends
                # the property
                end = min(end, head.right_edge.i + 1)
            return owner, start, end, f"cue:{cue.lemma_}:has" + (":denied" if denied else "")
        if not of_phrases:
            return None
        start = of_phrases[0].i + 1
        end = clause_end(sent, start, cues)
        if same:
            as_index = next((t.i for t in doc[start:end] if t.lower_ == "as"), None)
            if as_index is not None:
                return owner, start, as_index, f"cue:{cue.lemma_}:has-same"
        return owner, start, end, f"cue:{cue.lemma_}:has"
    # "The advantage(s) of X is/are P", "Its disadvantage is that P".
    if "CUE_IS" in labels and "CUE_THERE" not in labels:
        if _quality_pointed_back(owner_phrases, cues):
            # "The main drawback of this increased efficiency is ...": the quality's owner, the method just discussed
            owner = _ownerless(discourse, previous)
        elif owner_tokens:
            owner = resolve_owner(owner_tokens, context, discourse, cues, fallback=False)
            owner = _with_modifiers(owner, of_phrases, cues) if owner else _named_owner(of_phrases, discourse, cues)
        else:
            owner = _ownerless(discourse, previous)
        start = strip_leading(doc, head.i + 1, sent.end, {"that", "mainly", "as", "follows", "the", "to", "in"})
        start = head.i + 1 if doc[start - 1].lower_ == "the" else start
        start = strip_leading(doc, start, sent.end, {"that", "mainly", "as", "follows"})
        end = clause_end(sent, start, cues)
        if start + 1 < end and doc[start].lower_ == "it" and doc[start].dep_ in ("nsubj", "nsubjpass"):
            start += 1  # "The main benefit of this approach is that it bypasses ...": "it" is the owner itself
        return owner, start, end, f"cue:{cue.lemma_}:is"
    # "P is also a problem faced by X"; "there are many problems with X: P".
    if "CUE_ATTR" in labels or "CUE_THERE" in labels:
        expletive = "CUE_THERE" in labels
        agents = [t for c in cue.children if c.dep_ in ("acl", "relcl") for t in c.subtree]
        owner_scope = owner_tokens + agents
        if not owner_scope:
            owner = _ownerless(discourse, previous) if not expletive else ""
        else:
            owner = resolve_owner(owner_scope, context, discourse, cues, fallback=False)
        if expletive:
            colon = next((t.i for t in doc[cue.i : sent.end] if t.text == ":"), None)
            if colon is None:
                return None
            return owner, colon + 1, clause_end(sent, colon + 1, cues), f"cue:{cue.lemma_}:there-are"
        subject = clause_subject(head)
        if subject is None or subject.pos_ == "PRON":
            return None
        indices = [t.i for t in subject.subtree]
        return owner, min(indices), max(indices) + 1, f"cue:{cue.lemma_}:subject"
    # "... several disadvantages such as P".
    such = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if "CUE_SUCH_AS" in labels and such is not None:
        verb = next((a for a in cue.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subject = clause_subject(verb) if verb is not None else None
        if subject is None:
            return None
        owner = resolve_owner(list(subject.subtree), context, discourse, cues, fallback=False)
        owner = owner or _possessor_subject(subject, verb, cues)
        return owner, such.i + 1, clause_end(sent, such.i + 1, cues), f"cue:{cue.lemma_}:such-as"
    return None


def _reason_start(doc: Doc, start: int, end: int, cues: ClaimCues) -> int | None:
    """The first word after a reason marker ("due to", "because of") between start and end, if any."""
    for marker in cues.raw["evaluation"]["reason_markers"]:
        words = marker.split()
        for i in range(start, end - len(words)):
            if [t.lower_ for t in doc[i : i + len(words)]] == words:
                return i + len(words)
    return None


def _possessor_subject(subject: Token, verb: Token, cues: ClaimCues) -> str:
    """ "Antibiotics face many challenges such as ...", "Fungi have many merits over ...": the subject of a verb
    of having owns the cue noun even when no lexicon knows it (a plain noun phrase, not a person or a study)."""
    if verb.lemma_.lower() not in cues.possession or is_investigator(subject, cues):
        return ""
    # a capitalised sentence opener ("Spectroscopy offers the advantage of ...") is often tagged a proper noun
    if subject.pos_ != "NOUN" and not (subject.pos_ == "PROPN" and subject.ent_type_ not in ("PERSON", "ORG", "GPE")):
        return ""
    if subject.lemma_.lower() in set(cues.raw["non_agent_heads"]) | cues.product_nouns:
        return ""
    return noun_phrase_text(subject)


def _statistical_measure(cue: Token) -> bool:
    doc = cue.doc
    if any(c.lower_ in ("relative", "absolute", "attributable", "excess", "cumulative") for c in cue.children):
        return True
    following = doc[cue.i + 1 : cue.i + 3]
    if following and following[0].lower_ in ("ratio", "ratios", "difference", "reduction", "score"):
        return True
    return len(following) == 2 and following[0].lower_ == "of" and following[1].like_num


def _quality_pointed_back(of_phrases: list[Token], cues: ClaimCues) -> bool:
    """ "of this increased efficiency", "of its flexibility": an of-phrase naming a quality a method has, pointed back
    to by a demonstrative or a possessive (not "the efficiency of X", whose owner is written)."""
    for phrase in of_phrases:
        if phrase.lower_ != "of":
            continue
        for noun in (c for c in phrase.children if c.dep_ == "pobj"):
            pointed = any(
                c.dep_ in ("det", "poss") and c.lower_ in ("this", "that", "these", "those", "its", "their")
                for c in noun.children
            )
            owned = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
            if pointed and not owned and noun.lemma_.lower() in cues.raw["quality_nouns"]:
                return True
    return False


def _ownerless(discourse: Discourse, previous: str) -> str:
    """ "..., and the disadvantage is that ...": the method just evaluated in this sentence or the one before."""
    return previous or (discourse.topic if discourse.claimed_topic else "")


def _named_owner(of_phrases: list[Token], discourse: Discourse, cues: ClaimCues) -> str:
    """ "Another advantage of 2D networks is ...": a noun phrase after "of" names the owner even when no lexicon
    knows it; "of the exosomes" (the product) means the method under discussion; "for"/"to" phrases name none."""
    for phrase in of_phrases:
        if phrase.lower_ != "of":
            continue
        gerunds = [c for c in phrase.children if c.dep_ in ("pcomp", "pobj") and c.tag_ == "VBG"]
        if gerunds:
            return _gerund_owner(gerunds[0], cues)
        objects = [c for c in phrase.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
        if not objects:
            continue
        if objects[0].lemma_.lower() in cues.product_nouns:
            return discourse.topic
        return noun_phrase_text(objects[0])
    return ""


def _with_modifiers(owner: str, of_phrases: list[Token], cues: ClaimCues) -> str:
    """ "The risks of laparoscopic surgery include ...": the owner is the whole noun phrase as written, with the
    specific modifiers of the method the lexicon knows by its head ("surgery"), not generic ones ("current")."""
    for phrase in of_phrases:
        if phrase.lower_ != "of":
            continue
        for noun in (c for c in phrase.children if c.dep_ == "pobj"):
            modifiers = [t for t in noun.children if t.i < noun.i and t.dep_ in ("amod", "compound")]
            if not modifiers or any(t.lower_ in cues.generic_modifiers for t in modifiers):
                continue
            start = min(t.left_edge.i for t in modifiers)
            text = span_text(noun.doc, list(range(start, noun.i + 1)))
            if text.lower().endswith(owner.lower()) and len(text.split()) - len(owner.split()) <= 3:
                return text
    return owner


def _gerund_owner(gerund: Token, cues: ClaimCues) -> str:
    """ "The advantages of using metal NPs as colorimetric sensors include ...": a gerund phrase names the practice
    that owns the cue. A verb of use ("using X as Y") is the thing used in that role; any other gerund ("of
    fine-tuning the top layers") is the practice itself. Long tails (purpose clauses, places) are left out."""
    objects = [c for c in gerund.children if c.dep_ in ("dobj", "obj")]
    if gerund.lemma_.lower() in cues.raw["evaluation"]["use_verbs"] and objects:
        head = objects[0]
        roles = [c for c in gerund.children if c.dep_ == "prep" and c.lower_ == "as"]
        tokens = [t for t in head.subtree] + [t for r in roles for t in r.subtree if t.i - r.i <= 3]
    else:
        tokens = [t for t in gerund.subtree if t.dep_ not in ("relcl", "advcl")]
    indices = sorted({t.i for t in tokens})
    text = span_text(gerund.doc, indices)
    return text if 0 < len(text.split()) <= 12 else ""


def _claims_from_property_span(
    context: SentenceContext,
    discourse: Discourse,
    cues: ClaimCues,
    owner: str,
    relation: str,
    start: int,
    end: int,
    label: str,
) -> list[Claim]:
    doc = context.sent.doc
    text = clean_text(doc[start:end].text)
    claims = []
    for prop in split_properties(text):
        copied = _same_as(prop, context, discourse, relation)
        if copied is not None:
            claims.extend(_copy_claims(copied, owner, context, label))
            continue
        claims.append(make_claim(context, owner, relation, prop, label))
    if label.endswith("has-same"):
        # "X has the same problem of P as Y": Y has it too.
        rest = doc[end + 1 : clause_end(context.sent, end + 1, cues)]
        other = best_mention(mentions_in({t.i for t in rest}, context))
        if other:
            claims.extend(
                make_claim(context, other.text, relation, p, f"{label}:same-as") for p in split_properties(text)
            )
    return claims


def _same_as(prop: str, context: SentenceContext, discourse: Discourse, relation: str) -> list[Claim] | None:
    """ "the same as Y" / "similar to Y" as a property: Y's claims of this relation, when known."""
    markers = "|".join(r"\s+".join(map(re.escape, m.split())) for m in load_cues().raw["same_as_markers"])
    match = re.match(rf"^(?:(?:are|is)\s+)?(?:the\s+)?(?:{markers})\s+(.+)$", prop, re.IGNORECASE)
    if not match:
        return None
    target = match.group(1).lower()
    for subject, claims in discourse.claims_by_subject.items():
        subject_words = set(re.findall(r"[a-z]+", subject.lower()))
        if subject_words and subject_words <= set(re.findall(r"[a-z]+", target)):
            return [c for c in claims if c.relation == relation]
    for mention in context.mentions:
        if mention.text.lower() in target:
            return [c for c in discourse.claims_by_subject.get(mention.text, []) if c.relation == relation]
    return []


def _copy_claims(claims: list[Claim], owner: str, context: SentenceContext, label: str) -> list[Claim]:
    return [make_claim(context, owner, c.relation, c.object, f"{label}:copied") for c in claims]


def evaluative_claims(
    context: SentenceContext, discourse: Discourse, cues: ClaimCues, owner_so_far: str
) -> list[Claim]:
    """Clauses about a method whose words carry a polarity: "This method is simple, efficient, and ..."."""
    claims: list[Claim] = []
    previous = owner_so_far
    for verb in _clause_heads(context.sent, cues):
        if verb.i in context.consumed or any(t.i in context.consumed for t in verb.children if t.dep_ in SUBJECT_DEPS):
            continue
        lemma = verb.lemma_.lower()
        if (
            lemma in cues.definition_verbs
            and (lemma not in cues.raw["evaluation"]["predicate_noun_verbs"] or _states_an_aim(verb, cues))
            and not _judged_manner(verb, cues)
            and not (_active_verb(verb) and _with_capability_modal(verb, cues))  # "X can perform Y": an ability
        ):
            continue  # "X represents a valuable technique" still predicates an evaluated noun (_predicate_noun)
        if any(
            c.dep_ == "aux" and c.lower_ in cues.raw["deontic_modals"]
            for a in [verb, *verb.ancestors]
            for c in a.children
        ):
            continue  # "a system must ensure that it is nontoxic": a requirement, not a finding
        if lemma in cues.raw["reporting_verbs"] and any(c.dep_ == "ccomp" for c in verb.children):
            continue  # "X suggests that ...": the claim, if any, is in the reported clause
        subject = clause_subject(verb)
        owner, whole_clause = _evaluated_owner(subject, verb, context, discourse, cues, previous)
        if not owner and previous and verb.dep_ == "conj" and not opens_with(context.sent, verb, cues.contrast):
            owner, whole_clause = previous, True  # "..., and additional purification steps are required"
        if not owner or owner.lower() in cues.investigators:
            continue  # "the data are too preliminary": an anaphor resolved to the evidence, not a method
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        harm = _brings_adverse_outcome(verb, cues)
        if passive and verb.pos_ == "VERB" and not _judging_passive(verb, cues):
            continue  # "harmonics were removed with a filter", "it is prescribed as a tincture": what was done to it
        if lemma in cues.effect_direction and not (whole_clause or passive or verb_negated(verb, cues) or harm):
            continue  # "X improves Y" is an effect; "X does not affect Y", "X is limited by Y" evaluate X
        if lemma in cues.result_verbs and lexicon_type(owner) != "method" and not harm:
            continue  # "hypoxia leads to ..." is an effect; "ultrafiltration may cause vesicle deformation" a drawback
        capable = not whole_clause and _states_capability(verb, owner, discourse, cues)
        found = _evaluated_parts(verb, subject, whole_clause, owner, context, cues, capable)
        previous = owner if (found or not whole_clause) else previous
        claims.extend(found)
    claims.extend(capability_statement_claims(context, discourse, cues))
    return claims


def capability_statement_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """What a method, tool or function does for its user, stated with no evaluative word: "X allows predictions to be
    made between observation times", "X eases estimation", "X provides an interface to calculate Y", "X can handle
    censored data" (models/claims/cues.json "capability_statements", by semantic class). A strength of X; negated
    ("X does not allow Y", "X cannot handle Y") a limitation; bounded by "only" ("X can only interpolate for these time
    slices") left to the restricted readings, which keep the condition. Only an active clause of the sentence (not a
    relative, conditional or reported one) whose subject names a method, tool or one of its parts; tokens an earlier
    reader used are left alone."""
    words = cues.raw["capability_statements"]
    classes = {lemma for key in ("enabling", "facilitating", "providing", "coping") for lemma in words[key]}
    # "X outperformed Y": ranking above what it is compared with (its mirror is prose_comparisons')
    classes |= set(cues.raw["evaluation"]["superiority_verbs"])
    claims: list[Claim] = []
    for head in _clause_heads(context.sent, cues):
        verb, able = _able_to(head)
        if verb.pos_ != "VERB" or verb.i in context.consumed or not _active_verb(verb):
            continue
        lemma = verb.lemma_.lower()
        auxiliaries = [c for c in [*verb.children, *head.children] if c.dep_ == "aux" and c.head.i >= head.i]
        if any(c.lower_ in cues.raw["deontic_modals"] or c.lower_ in ("would", "might", "will") for c in auxiliaries):
            continue  # "X should allow ...", "X would permit ...": a requirement or a supposition
        modal = able or any(c.lower_ in ("can", "ca", "could") for c in auxiliaries)
        complements = [c for c in verb.children if c.dep_ in ("dobj", "obj", "xcomp", "ccomp", "prep", "prt")]
        if not complements:
            continue
        if lemma not in classes and not (
            modal and lemma not in words["modal_excluded_verbs"] and not _is_excluded(verb, cues)
        ):
            continue
        subject = clause_subject(head)
        if subject is None:
            continue
        owner = _capable_owner(subject, verb, context, discourse, cues)
        if not owner:
            continue
        if lemma in classes and _is_excluded(verb, cues) and not _names_tool(owner, subject, cues):
            continue  # "melatonin facilitates repair" is an effect; "the extension facilitates interpolation" a help
        if lemma not in classes and not (_names_tool(owner, subject, cues) or owner in discourse.method_names):
            continue  # "AB18 was able to evolve resistance": an organism's or agent's ability, no method's merit
        if lemma in words["providing"] and not _provides_a_use(verb, cues):
            continue  # "the descdist function provides classical descriptive statistics": what it outputs, no merit
        start = verb.i
        limited = verb_negated(verb, cues)
        if limited or modal:
            # the modal and the negation belong to the property ("cannot handle", "does not allow"); an
            # adverb opening the sentence ("However, ...") does not
            opening = [c.i for c in [*verb.children, *head.children] if c.dep_ in ("aux", "neg") and c.i < verb.i]
            opening += [head.i] if able else []
            opening += [c.i for c in verb.children if c.dep_ == "advmod" and c.i == verb.i - 1]
            start = min([verb.i, *opening])
        end = _capability_end(verb, context, cues)
        tokens = [t.i for t in context.sent.doc[start:end] if not t.is_punct or t.i < end - 1]
        if not tokens or any(i in context.consumed for i in tokens):
            continue
        doc = context.sent.doc
        if any(doc[i].lower_ == "only" and doc[i - 1].lower_ != "not" for i in tokens):
            continue  # "supports only cumulative models", "can only interpolate": a restricted capability, a limitation
            # with its condition (prose_evaluative's restricted readings), not "not only ... but also"
        text = span_text(context.sent.doc, tokens)
        if len(text.split()) < 2:
            continue
        relation = "disadvantage" if limited else "advantage"
        claims.append(make_claim(context, owner, relation, text, f"capability:{lemma}"))
        context.consumed |= set(tokens)
    return claims


def _names_tool(owner: str, subject: Token, cues: ClaimCues) -> bool:
    """The owner is a method, a tool or one of its parts by its head noun or a lexicon (not a name, which may be a
    gene or an agent: "EPRS1 facilitated LCFA uptake" is an effect): what it facilitates is a help to its user."""
    if subject.pos_ == "NOUN" and _names_method(owner, cues):
        return True
    heads = set(cues.raw["evaluation"]["tool_heads"]) | set(cues.raw["capability_statements"]["subject_heads"])
    return subject.lemma_.lower() in heads or any(
        c.dep_ == "compound" and c.lemma_.lower() in heads for c in subject.children
    )


def _provides_a_use(verb: Token, cues: ClaimCues) -> bool:
    """What a verb of providing supplies is a merit when the object says what it is for or how good it is
    ("functions for fitting univariate distributions", "an interface to calculate Moran's I", "extensive
    functionality"); a bare list of outputs ("four classical goodness-of-fit plots") describes the tool."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    for token in (t for o in objects for t in o.subtree):
        if (token.pos_ == "VERB" and token.tag_ != "VBN") or token.tag_ == "VBG":
            return True  # "for fitting", "to calculate", "which can help assessing"
        if token.lower_.endswith("ing") and token.head.head.lower_ == "for" and token.head.dep_ == "pobj":
            return True  # "functions for fitting univariate distributions" (the tagger's adjective "fitting")
        if token.pos_ == "ADJ" and (_lexical_value(token, cues) or token.lemma_.lower() in cues.up):
            return True  # "high resolution", "greater flexibility"
        if token.tag_ in ("JJR", "RBR") or (token.pos_ == "ADJ" and any(c.lower_ == "more" for c in token.children)):
            return True  # "a more cautious estimation of the risk": a comparison the provider wins
    return False


def _able_to(head: Token) -> tuple[Token, bool]:
    """ "X is able to outperform Y": the verb of the ability (the clause's own verb is "be"), and whether it is one."""
    if head.lemma_.lower() != "be":
        return head, False
    for adjective in (c for c in head.children if c.dep_ == "acomp" and c.lower_ == "able"):
        for verb in (c for c in adjective.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
            return verb, True
    return head, False


def _is_excluded(verb: Token, cues: ClaimCues) -> bool:
    """A verb another reader owns: an effect verb (an effect of an agent), a result verb ("can cause"), a demand
    ("can take days"), a verb of reporting or defining."""
    lemma = verb.lemma_.lower()
    return (
        lemma in cues.effect_direction
        or lemma in cues.result_verbs
        or lemma in cues.demand_verbs
        or lemma in cues.raw["reporting_verbs"]
        or lemma in cues.definition_verbs
    )


def _capability_end(verb: Token, context: SentenceContext, cues: ClaimCues) -> int:
    """Where the statement of the capability ends: at the clause's end, before a conjoined clause with its own
    subject and before a subordinate clause with a conjunction of its own."""
    end = min(clause_end(context.sent, verb.i + 1, cues), verb.right_edge.i + 1)
    for child in verb.children:
        if child.i <= verb.i:
            continue
        own_subject = child.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in child.children)
        # "..., while the P-P plot emphasizes ...", "... as the fitted function underestimates ...": a subordinate
        # clause with its own conjunction is a statement of its own (a contrast, a reason, a condition)
        contrasted = child.dep_ == "advcl" and any(c.dep_ == "mark" for c in child.children)
        if own_subject or contrasted:
            edge = child.left_edge.i
            while edge > verb.i + 1 and (
                context.sent.doc[edge - 1].is_punct or context.sent.doc[edge - 1].dep_ == "cc"
            ):
                edge -= 1
            end = min(end, edge)
    for token in context.sent.doc[verb.i + 1 : end]:
        if token.dep_ == "mark" and any(c.dep_ in SUBJECT_DEPS for c in token.head.children):
            # the parser may hang the subordinate clause on a noun of the object ("... as X underestimates")
            end = token.i
            break
    return end


def _capable_owner(subject: Token, verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """The method, tool or part of one that the subject names: a known mention heading it, a name the document gives
    a method, a method-like name, or a noun phrase headed by a method, tool or tool-part noun; a pronoun or "this
    package" only through a confident antecedent that names one of these."""
    if is_investigator(subject, cues) or _people_or_body(subject, cues):
        return ""
    if any(t.dep_ == "mark" or t.pos_ == "SCONJ" for t in subject.subtree):
        return ""  # "Even though the function X provides ...": a misparse that took the conjunction into the subject
    lemma = subject.lemma_.lower()
    if lemma in cues.raw["non_agent_heads"] or lemma in cues.product_nouns:
        return ""
    generic = cues.generic_modifiers | set(cues.raw["capability_statements"]["quantifying_modifiers"])
    plural = subject.tag_ in ("NNS", "NNPS")
    if any(
        c.dep_ in ("det", "amod", "nummod") and ((plural and c.lower_ in generic) or c.like_num)
        for c in subject.children
    ):
        # "the current separation techniques cannot ...", "few packages on CRAN support ...", "one option can ...":
        # methods at large or one of several, not the method a text presents ("the current implementation" is one)
        return ""
    tokens = {t.i for t in subject.subtree}
    mention = best_mention([m for m in mentions_in(tokens, context, allow_modifiers=False) if _heads(m, subject)])
    if mention and (lexicon_type(mention.text) == "method" or _names_method(mention.text, cues)):
        # a treatment a lexicon or the tagger knows ("behavioural support") has effects instead; the subject as
        # written keeps its modifiers ("Large-scale RNA-Seq")
        phrase = noun_phrase_text(subject)
        return phrase if mention.text in phrase and len(phrase.split()) <= 6 else mention.text
    if subject.text in discourse.method_names:
        return subject.text
    evaluation = cues.raw["evaluation"]
    heads = (
        cues.method_heads
        | set(cues.raw["method_like_heads"])
        | set(evaluation["tool_heads"])
        | set(cues.raw["capability_statements"]["subject_heads"])
    )
    pointing = any(
        c.dep_ in ("det", "poss") and c.lower_ in cues.anaphor_determiners - {"the"} | cues.anaphor_pronouns
        for c in subject.children
    )
    if subject.pos_ == "PRON":
        return ""  # "It does however provide ...": a pronoun's antecedent is not sure enough for a claim of its own
    if pointing:
        resolved = discourse.resolve_anaphor(lemma if lemma in heads else None, context, subject.i)
        named = resolved and (_names_method(resolved, cues) or resolved in discourse.method_names)
        return resolved if named else ""
    named = _named_method(subject, cues)
    if named:
        return named
    if subject.pos_ == "NOUN" and lemma in heads:
        phrase = noun_phrase_text(subject)
        # "The package supports ...": a bare head noun points back to the tool named before (the readers that
        # resolve anaphors own it), while "the implemented functionality", "the plotdistcens function" name one
        return phrase if len(phrase.split()) > 1 else ""
    if subject.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "compound" and c.lemma_.lower() in heads and c.i < subject.i for c in subject.children
    ):
        return noun_phrase_text(subject)  # "the package fitdistrplus", "the R function X": a name after its kind
    return ""


def _judging_passive(verb: Token, cues: ClaimCues) -> bool:
    """A passive verb of doing ("were removed with a filter", "was assessed in three pain models", "is prescribed as
    a tincture", "are recruited to the complex") tells what was done to its subject: no property of it, whatever
    words its adjuncts hold. A passive states a property when the verb itself judges ("is limited by", "is
    hampered by", "is preferred"), an adverb of it judges ("is widely used", "is poorly tolerated"), a demand is
    placed ("purification steps are required"), it is negated ("is not affected by") or it heads a predicate of
    its own ("is considered an ideal solvent", "was found to be effective")."""
    lemma = verb.lemma_.lower()
    if _lexical_value(verb, cues) or lemma in cues.demand_verbs or verb_negated(verb, cues):
        return True
    if any(c.dep_ == "advmod" and _lexical_value(c, cues) for c in verb.children):
        return True
    if any(c.dep_ in ("oprd", "xcomp", "attr", "acomp", "ccomp") for c in verb.children):
        return True
    # "have been approved as a safe and effective antioxidant", "is challenged by the difficulty of ...": the
    # as-phrase or the agent judges (not "is prescribed as a tincture", "were removed with a filter")
    return any(
        _lexical_value(t, cues)
        for c in verb.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("as", "by")
        for t in c.subtree
        if t.pos_ in ("ADJ", "NOUN") and t.head.i != verb.i
    )


def _brings_adverse_outcome(verb: Token, cues: ClaimCues) -> bool:
    """ "X can result in bleeding", "X may cause nausea and vomiting", "X increases the risk of thrombosis": a verb
    of causing or increasing whose object (or result phrase) names an adverse outcome, not negated. The outcome is
    a drawback of whatever causes it, a method or a treatment (the effect extractor leaves these out)."""
    lemma = verb.lemma_.lower()
    increasing = lemma in cues.result_verbs or cues.effect_direction.get(lemma) == "increase"
    if not increasing or verb.pos_ != "VERB" or verb_negated(verb, cues):
        return False
    preposition = cues.result_verbs.get(lemma, "").split(" ")[-1]
    objects = [
        t
        for c in verb.children
        if c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and preposition and c.lower_ == preposition)
        for t in c.subtree
    ]
    return bool(objects) and _names_adverse_outcome(" ".join(t.text for t in objects), cues)


def _treatment_subject(verb: Token, cues: ClaimCues) -> bool:
    """The clause's subject is a treatment ("pretreatment with naloxone", "the intervention"): what it does or
    fails to do is an effect, not a performance."""
    subject = clause_subject(verb if verb.pos_ == "VERB" else verb.head)
    return subject is not None and subject.lemma_.lower() in cues.raw["evaluation"]["treatment_heads"]


def _judged_manner(verb: Token, cues: ClaimCues) -> bool:
    """ "X performed comparably to Y", "X performs poorly on small sets": a verb of doing with no object, judged by
    an evaluative adverb, evaluates its subject (with an object, "X performs the alignment", it describes it)."""
    manner = cues.raw["evaluation"]["performance_manner"]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "ccomp", "xcomp")]
    if any(c.lower_ not in manner for c in objects):
        return False  # "X performed the best" (the parser takes "best" for an object) is still a manner
    return any((c.dep_ == "advmod" or c in objects) and _lexical_value(c, cues) for c in verb.children)


def _states_an_aim(verb: Token, cues: ClaimCues) -> bool:
    """ "X represents a novel strategy to provide brain targeting": a predicate noun with an infinitive of purpose
    presents the method by its aim (not a claim, gold/ANNOTATION.md), not by a property."""
    noun = _predicate_noun(verb, cues)
    if noun is None:
        return True
    return any(c.dep_ in ("acl", "relcl") and any(k.lower_ == "to" for k in c.children) for c in noun.children)


def _active_verb(verb: Token) -> bool:
    return verb.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _states_capability(verb: Token, owner: str, discourse: Discourse, cues: ClaimCues) -> bool:
    """ "VESPA can perform both lineage-site and site-specific analyses", "X is able to handle ...", "the tool
    supplies an assessment of false positives": what a method can do (a modal of ability over a verb with an object)
    or provides (a verb of provision) is a strength even with no evaluative word. Only for a method: a lexicon
    method, a method-like head, or a name the document gives a method; not an effect verb (read as an effect or a
    measure), a verb of demand ("can take days"), a result verb ("can cause") or a negated one."""
    if not owner or not (_names_method(owner, cues) or owner in discourse.method_names):
        return False
    lemma = verb.lemma_.lower()
    evaluation = cues.raw["evaluation"]
    if (
        verb.pos_ != "VERB"
        or verb_negated(verb, cues)
        or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    ):
        return False
    if lemma in cues.effect_direction or lemma in cues.demand_verbs or lemma in cues.result_verbs:
        return False
    if (
        lemma in cues.raw["reporting_verbs"]
        or lemma in cues.definition_verbs
        and not _with_capability_modal(verb, cues)
    ):
        return False
    if not any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return False
    return lemma in evaluation["provision_verbs"] or _with_capability_modal(verb, cues)


def defined_method_names(docs: list[Doc], cues: ClaimCues, tools_only: bool = False) -> set[str]:
    """Names a document gives a method, tool or model no lexicon lists, read from how it introduces them: a name in
    apposition to a method-like noun ("We present VESPA, software capable of ...", "the method, DeepCare,"), a name
    called so ("a gated RNN method called MHCnuggets"), a name with a method-like noun after it ("the VESPA
    pipeline"), or "<name> is a <method-like noun>". A name is a word written with inner capitals or digits or a
    proper noun ("VESPA", "MHCflurry", "HLA-CNN"). With `tools_only`, only names introduced by a tool's head noun
    (a paper's own tool is introduced as software, a package, a pipeline)."""
    methods, tools = defined_method_and_tool_names(docs, cues)
    return tools if tools_only else methods


def defined_method_and_tool_names(docs: list[Doc], cues: ClaimCues) -> tuple[set[str], set[str]]:
    """`defined_method_names` without and with `tools_only`, from one pass over the tokens (the claims stage asks
    for both)."""
    tools = set(cues.raw["evaluation"]["tool_heads"])  # "the VESPA pipeline": a head that only a tool takes
    method_heads = set(cues.raw["method_like_heads"]) | set(cues.raw["defined_name_heads"])

    def is_tool(token: Token) -> bool:
        return token.pos_ == "NOUN" and token.lemma_.lower() in tools

    naming_verbs = set(cues.raw["naming_verbs"])
    vocabulary = general_words()

    def is_name(token: Token) -> bool:
        if token.pos_ not in ("PROPN", "NOUN", "ADJ"):
            return False  # asked of every token of the paper: the cheap test first
        shaped = any(ch.isupper() or ch.isdigit() for ch in token.text[1:]) and token.text[0].isalnum()
        # "the kohonen package": a word general English does not know, before a tool's head noun, names the tool
        coined = token.dep_ == "compound" and token.head.lemma_.lower() in tools and token.is_alpha
        coined = coined and len(token.text) > 3 and bool(vocabulary) and token.lower_ not in vocabulary
        named = token.pos_ in ("PROPN", "NOUN", "ADJ") and (shaped or coined)
        return named and token.ent_type_ not in ("PERSON", "GPE", "ORG")

    def introduced(token: Token, doc: Doc, heads: set[str]) -> bool:
        def is_head(token: Token) -> bool:
            return token.pos_ == "NOUN" and token.lemma_.lower() in heads

        if token.dep_ == "compound" and not is_head(token.head) and not is_tool(token.head):
            return False
        head = token.head
        apposed = (
            token.dep_ == "appos" and is_head(head) or any(c.dep_ == "appos" and is_head(c) for c in token.children)
        )
        # by the commas too, as parses of appositions vary: "VESPA, software capable of", "the method, DeepCare,"
        after = [t for t in doc[token.i + 1 : token.i + 5]]
        if len(after) > 1 and after[0].text == ",":
            words = list(itertools.takewhile(lambda t: t.pos_ in ("DET", "ADJ", "NOUN"), after[1:]))
            apposed = apposed or any(is_head(t) for t in words)
        if token.i >= 2 and doc[token.i - 1].text == "," and is_head(doc[token.i - 2]):
            apposed = True
        called = token.dep_ in ("oprd", "dobj", "attr") and head.lemma_.lower() in naming_verbs
        called = called and head.dep_ in ("acl", "relcl") and is_head(head.head)
        labelled = token.dep_ == "compound" and head.lemma_.lower() in tools
        copula = (
            token.dep_ == "nsubj"
            and head.lemma_ == "be"
            and any(c.dep_ == "attr" and is_head(c) for c in head.children)
        )
        return apposed or called or labelled or copula

    method_names: set[str] = set()
    tool_names: set[str] = set()
    for doc in docs:
        for token in doc:
            if not is_name(token):
                continue
            if introduced(token, doc, method_heads):
                method_names.add(token.text)
            if introduced(token, doc, tools):
                tool_names.add(token.text)
    return method_names, tool_names


def main_method_name(docs: list[Doc], names: set[str]) -> str:
    """The tool a paper presents: a name it gives a tool (software, package, pipeline) that it writes far more often
    than any other (at least eight times, three times the next), which "the software" or "the method" then means when
    nothing nearer does."""
    counts = Counter(t.text for doc in docs for t in doc if t.text in names)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 8 or (len(ranked) > 1 and ranked[0][1] < 3 * ranked[1][1]):
        return ""
    return ranked[0][0]


def _evaluated_parts(
    verb: Token,
    subject: Token | None,
    whole_clause: bool,
    owner: str,
    context: SentenceContext,
    cues: ClaimCues,
    capable: bool = False,
) -> list[Claim]:
    doc = context.sent.doc
    parts = [
        [t for t in part if t.i not in context.consumed]
        for part in _predicate_parts(verb, subject, whole_clause, context, cues)
        if not any(t._.get(CUE_EXTENSION) in ("advantage", "disadvantage") for t in part)
        and not any(is_effect_verb(t, cues) for t in part if t.i != verb.i)
    ]
    # "X has analgesic, antimicrobial and spasmolytic capabilities/activities": an agent's activities are effects
    activity_nouns = set(cues.raw["activity_frame"]["nouns"]) | {"capability", "use", "ability"}
    if verb.lemma_.lower() in cues.raw["activity_frame"]["verbs"] and lexicon_type(owner) != "method":
        parts = [p for p in parts if not any(t.lemma_.lower() in activity_nouns and t.pos_ == "NOUN" for t in p)]
    if whole_clause:
        parts = [piece for part in parts for piece in _split_tokens(part, doc)]
    polarities = [_polarity(tokens, context, cues) for tokens in parts]
    by_capability = capable and not sum(polarities)
    total = sum(polarities) or (1 if capable else 0)
    claims = []
    for index, (tokens, polarity) in enumerate(zip(parts, polarities, strict=True)):
        if by_capability and verb not in tokens:
            continue  # "provides the metal_compare function": the thing provided, without the doing, says nothing
        # a neutral part takes the clause's leaning ("simple, efficient, and ..."); with none it says nothing
        polarity = polarity or total
        while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
            tokens = tokens[:-1]  # "... retains lipoproteins and": the conjunction belongs to the next clause
        while tokens and tokens[0].dep_ == "mark" and tokens[0].head.tag_ == "VBG":
            tokens = tokens[1:]  # "while requiring much less time": the participle clause is the property
        relative = _relative_clause_tokens(tokens)
        text = span_text(doc, [t.i for t in tokens if t.i not in relative])
        if not polarity or not text or len(text) < 3:
            continue
        if (
            relative
            and _non_restrictive(tokens, relative)
            and not total - polarities[index]
            and not _polarity([t for t in tokens if t.i not in relative], context, cues)
        ):
            # "will work as expected provided that the functions are available in the workspace, which can require
            # recompiling ...": the leaning is only in a non-restrictive relative clause on a noun of a subordinate
            # clause, a statement of its own, which the property as written leaves out ("produces summary files of
            # the results that are easy to interpret" keeps its restrictive clause's leaning, "has a method for
            # formula objects, which allows for de novo simulation" that of a clause on the verb's own object)
            continue
        relation = "advantage" if polarity > 0 else "disadvantage"
        # "X is highly useful because of A, B and C": the reasons are properties of their own, of the same leaning
        # (a drawback's cause, "consumes time due to continuous centrifugation", is how it arises, not a property)
        marker, reasons = _reasons(tokens, cues) if polarity > 0 else (-1, [])
        if reasons:
            text = span_text(doc, [t.i for t in tokens if t.i < marker]) or text
            claims.extend(make_claim(context, owner, relation, r, "evaluation:reason") for r in reasons)
        claims.append(make_claim(context, owner, relation, text, "evaluation"))
        context.consumed |= {t.i for t in tokens}
    opening = subject.left_edge.i if subject is not None else verb.i
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "with" and child.i < opening:
            # "With high sensitivity and low cost, X can ...": each fronted quality that carries a polarity
            claims.extend(_fronted_qualities(child, owner, context, cues))
    if total > 0 and claims:
        # "Due to the high selectivity and sensitivity, X represents a valuable technique": a fronted reason
        for child in verb.children:
            if child.dep_ in ("prep", "advmod", "amod", "advcl") and child.i < verb.i:
                _, reasons = _reasons(list(child.subtree), cues)
                relation = "advantage" if total > 0 else "disadvantage"
                claims.extend(make_claim(context, owner, relation, r, "evaluation:reason") for r in reasons)
    return claims


def _relative_clause_tokens(tokens: list[Token]) -> set[int]:
    """ "demonstrated an excellent interclass correlation that outperformed visual counting", "allows for simplistic
    model selection, which works surprisingly well in some situations": a relative clause on a noun of the property
    tells more about that noun; the property as written ends before it (its words still count for the leaning)."""
    kept = {t.i for t in tokens}
    return {
        t.i
        for token in tokens
        if token.dep_ == "relcl"
        and token.head.i in kept
        and token.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ == "mark" for c in token.children)  # "the finding that X carry ...": the content itself
        for t in token.subtree
    }


def _non_restrictive(tokens: list[Token], relative: set[int]) -> bool:
    """Every relative clause among TOKENS (RELATIVE: their indices) is set off by a comma (", which ...") and hangs on
    a noun of a subordinate clause of the property ("provided that the functions are available in the workspace,
    which ...")."""
    doc = tokens[0].doc
    clauses = [t for t in tokens if t.dep_ == "relcl" and t.i in relative]
    return all(
        c.left_edge.i > 0
        and doc[c.left_edge.i - 1].text == ","
        and any(a.dep_ in ("advcl", "pcomp", "ccomp") for a in c.head.ancestors)
        for c in clauses
    )


def _fronted_qualities(prep: Token, owner: str, context: SentenceContext, cues: ClaimCues) -> list[Claim]:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        return []
    items = [objects[0], *objects[0].conjuncts]
    claims = []
    for item in items:
        tokens = [
            t
            for t in item.subtree
            if not any(a.dep_ == "conj" and a.head.i == item.i for a in [t, *t.ancestors] if a.i != item.i)
            and t.dep_ not in ("cc", "det", "poss")
            and not t.is_punct
        ]
        polarity = _polarity(tokens, context, cues)
        text = span_text(context.sent.doc, [t.i for t in tokens])
        if polarity and text:
            relation = "advantage" if polarity > 0 else "disadvantage"
            claims.append(make_claim(context, owner, relation, text, "evaluation:with"))
    return claims


def _reasons(tokens: list[Token], cues: ClaimCues) -> tuple[int, list[str]]:
    """(index of the marker, the properties) of a reason phrase among the tokens: "because of A, B and C", "due to
    the high A and B". Only noun phrases count (a reason clause, "because it ...", is a clause of its own)."""
    doc = tokens[0].doc if tokens else None
    words = [t.lower_ for t in tokens]
    for marker in cues.raw["evaluation"]["reason_markers"]:
        parts = marker.split()
        for k in range(len(tokens) - len(parts)):
            if words[k : k + len(parts)] != parts:
                continue
            rest = [t for t in tokens[k + len(parts) :] if t.i < tokens[k].i + 40]
            if not rest or rest[0].pos_ not in ("DET", "PRON", "ADJ", "NOUN", "PROPN", "ADV", "NUM"):
                return tokens[k].i, []
            if any(t.dep_ in SUBJECT_DEPS for t in rest):
                return tokens[k].i, []  # "due to the fact that it ...": a clause
            while rest and (rest[0].pos_ == "DET" or rest[0].dep_ == "poss"):
                rest = rest[1:]  # "the high A and B", "their non-toxic nature": the adjective is shared, not "the"
            text = span_text(doc, [t.i for t in rest])
            return tokens[k].i, [p for p in split_properties(text) if len(p) > 2]
    return -1, []


def _split_tokens(tokens: list[Token], doc: Doc) -> list[list[Token]]:
    """Atomic properties of a whole clause (split_properties on its text), mapped back to tokens."""
    if not tokens:
        return []
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = doc.text[start:end]
    pieces, cursor = [], start
    for piece in split_properties(text):
        found = doc.text.find(piece, cursor, end)
        if found < 0:
            continue
        span = doc.char_span(found, found + len(piece), alignment_mode="expand")
        cursor = found + len(piece)
        if span is not None:
            pieces.append([t for t in span if t in tokens or t.i in {x.i for x in tokens}])
    return [p for p in pieces if p] or [tokens]


def _clause_heads(sent: Span, cues: ClaimCues) -> list[Token]:
    """The sentence root and the verbs conjoined to it or to each other (each heads a clause). A verb without an
    object joins the next one ("can quickly separate and obtain exosomes"), so they make one property."""
    heads = []
    for token in sent:
        conjoined = token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX")
        # "X preserves integrity; however, it dilutes the sample": the parser may hang the first clause as ccomp
        paratactic = (
            token.dep_ == "ccomp"
            and any(c.dep_ in SUBJECT_DEPS for c in token.children)
            and not any(c.dep_ == "mark" for c in token.children)
            and token.head.lemma_.lower() not in cues.raw["reporting_verbs"]
        )
        # "Roth et al. showed that 2.5D CNNs performed comparably well": the reported clause states the finding
        reported = (
            token.dep_ == "ccomp"
            and token.pos_ in ("VERB", "AUX")
            and any(c.dep_ in SUBJECT_DEPS for c in token.children)
            and token.head.lemma_.lower() in cues.raw["reporting_verbs"]
        )
        if token.dep_ == "ROOT" or (token.pos_ in ("VERB", "AUX") and (conjoined or paratactic or reported)):
            if heads and token.dep_ == "conj" and token.head.i == heads[-1].i and _shares_object(heads[-1], token):
                continue
            heads.append(token)
    return heads


def _shares_object(first: Token, second: Token) -> bool:
    between = first.doc[first.i + 1 : second.i]
    has_object = any(c.dep_ in ("dobj", "obj", "acomp", "attr", "prep") for c in first.children if c.i < second.i)
    has_subject = any(c.dep_ in SUBJECT_DEPS for c in second.children)
    return not has_object and not has_subject and all(t.dep_ == "cc" or t.is_punct for t in between)


def _evaluated_owner(
    subject: Token | None, verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues, previous: str
) -> tuple[str, bool]:
    """(owner, whole_clause): whose property the clause states, and whether the subject belongs to the property
    ("its efficiency is low") or is the method itself ("this method is simple")."""
    if subject is None:
        return "", False
    tokens = list(subject.subtree)
    mention = best_mention(
        [m for m in mentions_in({t.i for t in tokens}, context, allow_modifiers=False) if _heads(m, subject)]
    )
    if mention and subject.lemma_.lower() not in cues.good_attributes | cues.bad_attributes:
        if subject.text in discourse.method_names and not (mention.start <= subject.i < mention.end):
            return subject.text, False  # "MHCnuggets—the recurrent neural network—was ...": the name, not its class
        return mention.text, False
    if (subject.lower_ == "they" and subject.pos_ == "PRON") or discourse.points_back(subject):
        # "They are costly", "This is simple to implement", "The latter is slower": only a confident antecedent of
        # an earlier sentence (the ranking keeps "they found that ..." for the authors), never the section's topic
        return discourse.antecedent(context, subject.i), False
    head = anaphor_head([subject], cues)
    if head is not False and subject.lower_ not in ("they", "them"):  # "they found that ..." are the authors
        if _expletive(subject):
            return "", False  # "It was difficult to recruit them": no anaphor
        earlier = _earlier_subject(subject, context, cues) if head == "" else ""
        resolved = earlier or discourse.resolve_anaphor(head or None, context, subject.i)
        return (resolved or _previous_subject(subject, context, discourse, cues)), False
    possessed = [c for c in subject.children if c.dep_ == "poss" and c.lower_ in cues.anaphor_pronouns]
    if possessed:
        return previous or discourse.resolve_anaphor(None, context, subject.i), True
    measured = _measure_owner(subject, context, cues)
    if measured:
        return measured, True
    if (
        opens_with(context.sent, verb, cues.contrast)
        and previous
        and any(t.lower_ in cues.anaphor_pronouns for t in verb.subtree)
    ):
        return previous, True
    # "At the same time, the extracted exosomes may be damaged": the product, continuing a list of drawbacks.
    if (
        subject.lemma_.lower() in cues.product_nouns
        and discourse.claimed_topic
        and discourse.topic
        and opens_with(context.sent, verb, cues.continuation)
        and not mentions_in({t.i for t in subject.subtree}, context)
    ):
        return discourse.topic, True
    if previous:
        return "", False
    return (_named_method(subject, cues) or _plain_owner(subject, verb, cues) or _gerund_subject(subject, cues)), False


def _measure_owner(subject: Token, context: SentenceContext, cues: ClaimCues) -> str:
    """ "The catalytic activity of X was higher than that of Y", "the sensitivity of X is low": a measure of how
    well something works, said of an of-phrase, belongs to what the of-phrase names (a known method or a name)."""
    lemma = subject.lemma_.lower()
    if lemma not in cues.good_attributes | cues.bad_attributes and _measure_valence(lemma, cues) == 0:
        return ""
    if subject.head.lemma_.lower() not in ("be", "remain", "become") or subject.dep_ != "nsubj":
        return ""  # "the purity of X was checked": something done to the measure, not a judgement of it
    for prep in subject.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            mention = best_mention(mentions_in({t.i for t in noun.subtree}, context, allow_modifiers=False))
            if mention:
                return mention.text
            return _named_method(noun, cues)
    return ""


def _expletive(subject: Token) -> bool:
    verb = subject.head
    if (
        subject.lower_ == "it"
        and subject.dep_ == "nsubjpass"
        and any(c.dep_ == "ccomp" and c.i > subject.i for c in verb.children)
    ):
        return True  # "It can be deduced that ...", "It has been shown that ...": "it" stands for the that-clause
    if subject.lower_ != "it" or verb.lemma_.lower() not in ("be", "seem", "become", "remain", "appear"):
        return False
    predicates = [verb, *[c for c in verb.children if c.dep_ in ("acomp", "attr")]]
    return any(c.dep_ in ("xcomp", "ccomp") and c.i > subject.i for p in predicates for c in p.children)


def _earlier_subject(anaphor: Token, context: SentenceContext, cues: ClaimCues) -> str:
    """ "Although X displayed ..., it is more potent than ...": a pronoun after an earlier clause of its sentence
    refers to that clause's noun subject (also one no lexicon knows)."""
    for token in context.sent:
        if token.i >= anaphor.i:
            break
        if token.dep_ in SUBJECT_DEPS and token.pos_ in ("NOUN", "PROPN") and not is_investigator(token, cues):
            if mentions_in({t.i for t in token.subtree}, context) or anaphor_head([token], cues) is not False:
                return ""  # a known method or an anaphor itself: resolve_anaphor knows better
            if token.lemma_.lower() not in cues.raw["non_agent_heads"]:
                return noun_phrase_text(token)
    return ""


def _previous_subject(anaphor: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """An anaphor opening its sentence ("It ...", "However, this method ...") that nothing else resolves: the
    subject of the previous sentence (Discourse.salient)."""
    determiners = [c.lower_ for c in anaphor.children if c.dep_ == "det"]
    if anaphor.pos_ != "PRON" and not (determiners and determiners[0] in ("this", "these", "that", "those", "such")):
        return ""  # "the current separation techniques" is a description, not an anaphor
    opening = [t for t in context.sent if t.i < anaphor.left_edge.i and not t.is_punct]
    if all(t.pos_ in ("ADV", "CCONJ", "SCONJ") or t.lower_ in cues.contrast for t in opening):
        salient = discourse.salient
        return salient if salient and (_names_method(salient, cues) or _gerund_like(salient)) else ""
    return ""


def _gerund_like(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0].lower().endswith("ing") and len(words) <= 8 and " of " not in f" {text} "


def _gerund_subject(subject: Token, cues: ClaimCues) -> str:
    """ "Electrospinning is a versatile technique", "Manually annotating a large set requires experts": a gerund
    phrase as the subject names a practice, which owns what its clause evaluates (still only with a polarity)."""
    if subject.dep_ not in ("csubj", "csubjpass", "nsubj") or subject.tag_ != "VBG":
        return ""
    if subject.lemma_.lower() in cues.raw["inquiry_verbs"]:
        return ""  # "Exploring this relationship is difficult": a question studied, not a practice
    tokens = [t for t in subject.subtree if t.dep_ not in ("relcl", "advcl", "punct") or t.i == subject.i]
    text = span_text(subject.doc, [t.i for t in tokens])
    return (
        text if 0 < len(text.split()) <= 12 else ""
    )  # "Fine-tuning the aforementioned Basset model with more than one pass"


def _plain_owner(subject: Token, verb: Token, cues: ClaimCues) -> str:
    """A subject no lexicon knows, of a clause that evaluates it through its predicate ("Water is the cheapest
    solvent", "Bacteria possess the ability to ...", "Competent fungi can synthesize larger amounts than ..."): the
    subject's noun phrase as written, unless it is a person or study, a measure or finding (non-agent heads), an
    attribute ("the yield is high" is scored through the attribute), or a list of steps. The clause must still carry
    a polarity to give a claim."""
    # names (organisms, genes, people) are only owners when a lexicon or _named_method knows them, or when the
    # clause brings about an adverse outcome ("warfarin may cause bleeding": what causes the harm owns it)
    harm = _brings_adverse_outcome(verb, cues)
    named = subject.pos_ == "PROPN"
    if subject.pos_ not in ("NOUN", "PROPN") or (named and not harm) or is_investigator(subject, cues):
        return ""
    lemma_verb = verb.lemma_.lower()
    evaluation = cues.raw["evaluation"]
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    predicates = (
        harm
        or _predicate_noun(verb, cues) is not None
        or (lemma_verb == "be" and any(c.dep_ in ("acomp", "attr") for c in verb.children))
        or lemma_verb in evaluation["superiority_verbs"]
        or (lemma_verb in cues.possession and not passive)
    )
    if not predicates or (passive and lemma_verb not in evaluation["predicate_noun_verbs"]):
        return ""  # "Strains were grown ...", "X remained susceptible": what is done to it, or a state, not a merit
    lemma = subject.lemma_.lower()
    blocked = set(cues.raw["non_agent_heads"]) | cues.good_attributes | cues.bad_attributes | cues.product_nouns
    if lemma in blocked or lemma in cues.advantage or lemma in cues.disadvantage or lemma in cues.positive:
        return ""
    if lemma in cues.raw["activity_frame"]["nouns"]:
        return ""  # "the potential of clinical transformation is limited"
    of_objects = [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if any(g.lemma_.lower() in cues.product_nouns for g in of_objects):
        return ""  # "extraction/storage/targeting of exosomes": a task done to the product, not a method of its own
    if any(t.dep_ == "det" and t.lower_ in cues.anaphor_determiners - {"the"} for t in subject.children):
        return ""  # "this approach" is an anaphor, resolved elsewhere or not at all
    text = noun_phrase_text(subject)
    if re.match(r"^[A-Z][a-z]?\.\s?[a-z]", text):
        return ""  # "A. lwoffii is more susceptible": a taxon is an organism studied, not a method (unless tagged)
    return text if 0 < len(text.split()) <= 12 else ""


def _people_or_body(subject: Token, cues: ClaimCues) -> bool:
    """Users, clinicians, a committee, a working group: the head noun, or, for a proper name, the last word of the
    name as written (a parse may head "the International Ki67 in Breast Cancer Working Group" on "Ki67")."""
    bodies = cues.raw["people_and_bodies"]
    if subject.lemma_.lower() in bodies:
        return True
    words = noun_phrase_text(subject).split()
    return subject.pos_ == "PROPN" and bool(words) and words[-1].lower().rstrip("s") in bodies


def _named_method(subject: Token, cues: ClaimCues) -> str:
    """A subject no lexicon knows that still names a method: a method-like head with a specific modifier ("2.5D
    CNNs", "a deep survival analysis model"), a name in apposition ("the method, DeepCare,"), or a proper name that
    is not a person or a study. Its clause must still carry a polarity to give a claim."""
    if is_investigator(subject, cues) or subject.lemma_.lower() in cues.raw["non_agent_heads"]:
        return ""
    if _people_or_body(subject, cues):
        return ""  # people and bodies judge, they are not judged
    names = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if names:
        return noun_phrase_text(names[0])
    if subject.lemma_.lower() in cues.raw["method_like_heads"]:
        specific = [
            t
            for t in subject.subtree
            if t.i < subject.i
            and t.dep_ in ("amod", "compound", "nmod", "npadvmod")
            and t.lower_ not in cues.generic_modifiers
        ]
        return noun_phrase_text(subject) if specific else ""
    if any(c.dep_ == "conj" for c in subject.children):
        return ""  # "Separation, washing, and analysis can be completed ...": steps, not a method
    looks_like_a_name = any(ch.isupper() or ch.isdigit() for ch in subject.text[1:])  # "DeepCare", "EPRS1"
    if subject.pos_ == "PROPN" and looks_like_a_name and subject.ent_type_ not in ("PERSON", "ORG", "GPE"):
        return noun_phrase_text(subject)
    return ""


def _heads(mention, subject: Token) -> bool:
    """The mention is the subject or names it ("the extraction kit method", "the use of SEC"), not a word deep
    inside it ("generating the examples needed for deep learning")."""
    token = subject.doc[mention.end - 1]
    for _ in range(4):
        if token.i == subject.i:
            return True
        if token.dep_ not in ("compound", "amod", "nmod", "appos", "pobj", "prep") or token.head.i == token.i:
            return False
        if token.dep_ == "prep" and token.lower_ != "of":
            return False
        token = token.head
    return token.i == subject.i


def _predicate_parts(
    verb: Token, subject: Token | None, whole_clause: bool, context: SentenceContext, cues: ClaimCues
) -> list[list[Token]]:
    """One token list per conjoined property of the clause."""
    other_clauses = {
        t.i
        for c in verb.children
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not _shares_object(verb, c)
        for t in c.subtree
    }
    opening = subject.left_edge.i if subject is not None else verb.i
    skip = {
        t.i
        for c in verb.children
        # conjunctions, and whatever opens the sentence before the subject ("To summarize,", "Because ...")
        if c.dep_ == "mark" or (c.right_edge.i < opening and c.dep_ not in ("aux", "auxpass", "neg"))
        for t in c.subtree
    }
    if not whole_clause and subject is not None:
        skip |= {t.i for t in subject.subtree}
    skip |= {
        t.i
        for c in verb.children
        if c.dep_ == "prep" and c.i < (subject.i if subject is not None else verb.i)
        for t in c.subtree
    }
    tokens = [
        t for t in verb.subtree if t.i not in other_clauses and t.i not in skip and not t.is_punct or t.text == "-"
    ]
    tokens = [t for t in tokens if t.i not in other_clauses and t.i not in skip]
    # a conjunction stays only between two kept words ("separate and obtain"), not before a dropped clause
    kept = {t.i for t in tokens}
    tokens = [t for t in tokens if t.dep_ != "cc" or (t.i + 1 in kept and t.i - 1 in kept)]
    if whole_clause:
        return [tokens] if tokens else []
    complements = [c for c in verb.children if c.dep_ == "acomp" or (c.dep_ == "attr" and c.pos_ == "ADJ")]
    nominal = _predicate_noun(verb, cues)
    if nominal is not None and not complements:
        # "X is a simple and easy process", "X is regarded as a safe and effective antioxidant": one property per
        # evaluative modifier of the predicate noun; a noun without one ("X is a technique") is a definition;
        # "X is not the most efficient way": the verb's negation belongs to every part (it flips the polarity)
        negations = [c for c in verb.children if c.dep_ == "neg" and c.i < nominal.i]
        return [negations + part for part in _nominal_parts(nominal, cues)]
    if verb.lemma_ == "be":
        if not complements:
            return []  # "X is a technique ...": a definition, not an evaluation
        parts = []
        listed = [complements[0], *[c for c in complements[0].conjuncts if c.i > complements[0].i]]
        # "X was successful at learning ...": the parser may hang the adjective's complement on the verb
        hung = [
            t.i
            for c in verb.children
            if c.dep_ == "prep"
            and c.i > listed[-1].i
            and not any(k.dep_ in ("prep", "xcomp") for k in listed[-1].children)
            for t in c.subtree
        ]
        # "X is not (always) helpful": the copula's negation belongs to every complement (it flips the polarity)
        negations = [c for c in verb.children if c.dep_ == "neg"]
        if negations:
            negations += [c for c in verb.children if c.dep_ == "advmod" and negations[0].i < c.i < listed[0].i]
        # "X is usually more efficient than Y": how often the quality holds belongs to the property as stated
        usuality = set(cues.raw["evaluation"]["usuality_adverbs"])
        usual = [
            c
            for c in verb.children
            if c.dep_ == "advmod" and verb.i < c.i < listed[0].i and c.lower_ in usuality and c not in negations
        ]
        for complement in listed:
            conj_tokens = {t.i for c in complement.children if c.dep_ == "conj" for t in c.subtree}
            own_negation = any(t.dep_ == "neg" for t in complement.subtree if t.i not in conj_tokens)
            parts.append(
                ([] if own_negation else negations)
                + usual
                + [
                    t
                    for t in complement.subtree
                    if t.i not in conj_tokens and t.dep_ != "cc" and (not t.is_punct or t.text == "-")
                ]
                + ([verb.doc[i] for i in hung] if complement.i == listed[-1].i else [])
            )
        return [p for p in parts if p]
    body = [t for t in tokens if t.i >= verb.i or t.dep_ in ("aux", "auxpass", "neg", "advmod")]
    listed = _listed_objects(verb, body)
    if listed:
        return listed
    return _split_tradeoff(body, cues) if body else []


def _listed_objects(verb: Token, body: list[Token]) -> list[list[Token]]:
    """ "require high radiation, highly toxic reductants, and stabilizing agents" -> "require high radiation",
    "require highly toxic reductants", "require stabilizing agents": a verb over a list of objects states one
    property per object (the verb, its auxiliaries and negation kept with each)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not objects:
        return []
    first = objects[0]
    items = [first, *[c for c in first.conjuncts if c.i > first.i]]
    if len(items) < 2:
        return []
    kept = {t.i for t in body}
    head = [t for t in body if t.i <= verb.i]
    parts = []
    for item in items:
        own = [
            t
            for t in item.subtree
            if t.i in kept
            and not any(
                (a.dep_ == "conj" and a.head.i == item.i) or a.dep_ == "relcl"
                for a in [t, *t.ancestors]
                if a.i != item.i
            )
            and t.dep_ != "cc"
            and not t.is_punct
        ]
        if own:
            parts.append(head + own)
    return parts if len(parts) == len(items) else []


def _predicate_noun(verb: Token, cues: ClaimCues) -> Token | None:
    """The noun a clause predicates of its subject: the attribute of "be" ("X is a reliable method"), the object of
    a verb of standing ("X represents a valuable technique"), or the "as" phrase of a verb of regard ("X is considered
    as / has gained attention as / serves as a simple and efficient method", "X is considered to be an excellent
    source")."""
    lemma = verb.lemma_.lower()
    nominal_verbs = set(cues.raw["evaluation"]["predicate_noun_verbs"])
    if lemma == "be":
        nouns = [c for c in verb.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")]
        return nouns[0] if nouns else None
    if lemma not in nominal_verbs and lemma not in cues.raw["evaluation"]["predicate_object_verbs"]:
        return None
    for child in verb.children:
        if child.dep_ == "oprd" and child.pos_ == "NOUN":
            return child  # "X is considered an ideal solvent"
        if (
            child.dep_ in ("dobj", "obj", "attr")
            and child.pos_ == "NOUN"
            and lemma in cues.raw["evaluation"]["predicate_object_verbs"]
        ):
            return child  # "X represents a valuable technique"
        if child.dep_ == "prep" and child.lower_ == "as":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objects:
                return objects[0]
        if child.dep_ == "xcomp" and child.lemma_ == "be":
            return _predicate_noun(child, cues)
    return None


def _nominal_parts(noun: Token, cues: ClaimCues) -> list[list[Token]]:
    """ "a rather simple and easy process to produce ..." -> "rather simple process", "easy process": each conjoined
    modifier with the noun and its prepositional phrases; relative and infinitive clauses are left out (they state
    what the thing is for, which the modifiers evaluate). With no conjoined modifiers, the noun phrase is one part."""
    doc = noun.doc
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i]
    first = next((m for m in modifiers if any(c.dep_ == "conj" for c in m.children)), None)
    clauses = {t.i for c in noun.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
    # a short prepositional tail belongs to the property ("antioxidant for food preservation"); a long one states
    # a use ("protocol for synthesizing a wide range of ...") and is left out
    tail = [
        t
        for c in noun.children
        if c.i > noun.i and c.dep_ == "prep" and len(list(c.subtree)) <= 5
        for t in c.subtree
        if t.i not in clauses
    ]
    if first is None:
        # the noun phrase without any clause inside it: "a way of application [that makes X superior]" says nothing
        nested = {t.i for t in noun.subtree if t.dep_ in ("relcl", "acl") for t in t.subtree}
        body = [t for t in noun.subtree if t.i not in clauses | nested and t.dep_ != "det" and not t.is_punct]
        return [body] if body else []
    # "a reliable, sustainable, and eco-friendly protocol": the parser may hang the list's first items straight on
    # the noun, each followed by a comma; they are items of the list all the same
    leading = [
        m
        for m in modifiers
        if m.i < first.i and m.dep_ == "amod" and m.right_edge.i + 1 < first.i and doc[m.right_edge.i + 1].text == ","
    ]
    listed = [*leading, first, *[c for c in first.conjuncts if c.i > first.i]]
    listed_ids = {t.i for m in listed for t in m.subtree}
    shared = [t for m in modifiers if m.i not in listed_ids for t in m.subtree if t.i > max(listed_ids)]
    parts = []
    for modifier in listed:
        if modifier.text == "-" or (modifier.i + 1 < len(doc) and doc[modifier.i + 1].text == "-"):
            continue  # "non-hazardous" split by the tokenizer into "non", "-", "hazardous": one modifier, kept below
        own = [
            t
            for t in modifier.subtree
            if not any(a.dep_ == "conj" and a.head.i == modifier.i for a in [t, *t.ancestors] if a.i != modifier.i)
            and t.dep_ != "cc"
            and not t.is_punct
        ]
        if modifier.i >= 2 and doc[modifier.i - 1].text == "-" and not doc[modifier.i - 1].whitespace_:
            own = [doc[modifier.i - 2], doc[modifier.i - 1], *own]
        parts.append(sorted({*own, *shared, noun, *tail}, key=lambda t: t.i))
    return parts


def _split_tradeoff(tokens: list[Token], cues: ClaimCues) -> list[list[Token]]:
    """ "achieves higher purity than X, at the cost of lower yield": a trade-off phrase is a property of its own."""
    words = [t.lower_ for t in tokens]
    for marker in cues.raw["tradeoff_markers"]:
        parts = marker.split()
        for k in range(1, len(tokens) - len(parts)):
            if words[k : k + len(parts)] == parts:
                head = [t for t in tokens[:k] if not (t.is_punct and t.i == tokens[k - 1].i)]
                return [p for p in (head, tokens[k:]) if p]
    return [tokens]


def _polarity(tokens: list[Token], context: SentenceContext, cues: ClaimCues) -> int:
    """Positive for an advantage, negative for a drawback, 0 when the words say neither. Words inside a cause
    ("due to high-speed centrifugation") do not count; a negation flips the words in its scope only."""
    if not tokens:
        return 0
    indices = {t.i for t in tokens} - _cause_tokens(tokens, cues) - _contrasted_clause_tokens(tokens)
    flipped = _negation_scope(tokens, cues) ^ _countered_scope(tokens, cues)
    evaluation = cues.raw["evaluation"]
    # "can result in bleeding", "may cause nausea": an adverse outcome brought about is a drawback
    harmful = [t for t in tokens if t.i in indices and t.pos_ == "VERB" and _brings_adverse_outcome(t, cues)]
    if harmful:
        return 1 if harmful[0].i in flipped else -1
    # "failed to detect ...", "was unable to achieve a significant improvement": failing is a weakness, whatever
    # the words of what was failed at say ("did not fail" turns it round)
    # (a clause's own verb or predicate, not "in failing hearts"; not "X failed to increase Y" or "pretreatment
    # with naloxone failed to reverse Y", a negated effect)
    failure = [
        t
        for t in tokens
        if t.pos_ in ("VERB", "ADJ")
        and t.lemma_.lower() in evaluation["failure_words"]
        and t.dep_ in ("ROOT", "conj", "ccomp", "acomp", "relcl", "advcl", "xcomp")
        and not any(c.dep_ == "xcomp" and is_effect_verb(c, cues) for c in t.children)
        and not _treatment_subject(t, cues)
    ]
    if failure and failure[0].i in indices:
        return 1 if failure[0].i in flipped else -1
    # "outperform Y at low sensitivity": a verb of superiority decides; the measures in its conditions do not
    superior = [
        t for t in tokens if t.pos_ == "VERB" and t.lemma_.lower() in cues.raw["evaluation"]["superiority_verbs"]
    ]
    if superior and superior[0].i in indices:
        return -1 if superior[0].i in flipped else 1
    # "removes error-prone manipulation steps", "overcomes the limitations of ...": doing away with something is a
    # strength whatever the words of what is done away with say
    removal = [t for t in tokens if t.pos_ == "VERB" and t.lemma_.lower() in cues.raw["evaluation"]["removal_verbs"]]
    if removal and removal[0].i in indices and removal[0].dep_ not in ("xcomp", "advcl", "acl", "relcl", "pcomp"):
        return -1 if removal[0].i in flipped else 1
    # "is unique in its capacity to perform the complex set of tasks", "has the ability to learn ...": an ability noun
    # with what it is able to do states a capability, whatever the words of the task say ("lacks the ability" flips)
    abilities = [
        t
        for t in tokens
        if t.pos_ == "NOUN"
        and t.lemma_.lower() in evaluation["ability_nouns"]
        and any(c.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in c.children) for c in t.children)
    ]
    if abilities and abilities[0].i in indices:
        return -1 if abilities[0].i in flipped else 1
    # "allows users to compare ...", "enables the analysis of large sample volumes": making something possible is a
    # strength, whatever the words of the thing made possible say
    # (with a thing made possible: a noun object, a clause or "for" phrase, not a cut-off "has enabled a broad")
    enabling = [
        t
        for t in tokens
        if t.pos_ == "VERB"
        and t.lemma_.lower() in evaluation["enabling_verbs"]
        and any(
            (c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN")) or c.dep_ in ("xcomp", "ccomp", "prep")
            for c in t.children
        )
    ]
    if enabling and enabling[0].i in indices and enabling[0].dep_ not in ("xcomp", "advcl", "acl", "relcl", "pcomp"):
        return -1 if enabling[0].i in flipped else 1
    score, used = 0, set()
    for token in tokens:
        if token.i not in indices or token.i in used:
            continue
        value = _word_value(token, cues, used)
        if not value and token.i in flipped and token.pos_ == "NOUN" and _directly_denied(token):
            # "lacks specificity", "without contamination", "no loss of vesicles": a bare quality under a negator
            # ("lack", "no", "without") is a weakness when good and a strength when bad
            lemma = token.lemma_.lower()
            value = 1 if lemma in cues.good_attributes else -1 if lemma in cues.bad_attributes else 0
        bounds = load_evaluative_words().bound_markers  # "at least as sensitive as Y": a bound, not a lessening
        if token.pos_ in ("ADJ", "ADV") and any(
            c.dep_ == "advmod"
            and c.lower_ in evaluation["lesser_degree"]
            and not any(g.lower_ in bounds for g in c.children)
            for c in token.children
        ):
            value = -value  # "less sensitive than Y" ranks X below Y on a good quality; "less costly" above
        if token.pos_ in ("ADJ", "ADV") and any(
            c.dep_ == "advmod"
            and c.lower_ in ("more", "less", "better", "worse")
            and any(g.dep_ == "neg" and g.lower_ in cues.negators for g in c.children)
            for c in token.children
        ):
            value = 0  # "no more effective than Y", "not more accurate than Y": a denied ranking states no quality
        score += -value if token.i in flipped else value
    for label, sign in (("SHORT_TIME", 1), ("TIME_COST", -1)):
        score += sign * sum(1 for s, _ in context.matches.get(label, []) if s in indices and s not in used)
    if not score:
        score = _comparison(tokens, indices, flipped, cues)
    return max(-1, min(1, score))


def _comparison(tokens: list[Token], indices: set[int], flipped: set[int], cues: ClaimCues) -> int:
    """ "X is more potent than Y", "X was less effective than Y", "X is 11-fold more active than the reference": a
    comparison on a quality no word list knows ranks the subject above (more) or below (less) the other; a negative
    quality ("more toxic than") turns it round."""
    if not any(t.lower_ == "than" for t in tokens):
        return 0
    for token in tokens:
        if token.i not in indices or token.pos_ not in ("ADJ", "ADV"):
            continue
        if any(c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children) for c in token.children):
            return 0  # "no more potent than Y": a denied ranking ranks neither
        degree = [c.lower_ for c in token.children if c.dep_ == "advmod" and c.lower_ in ("more", "less")]
        if not degree and token.tag_ in ("JJR", "RBR") and token.lower_ not in ("more", "less", "fewer"):
            degree = ["less" if token.lower_ in cues.raw["evaluation"]["weaker_comparatives"] else "more"]
        if not degree:
            continue
        sign = 1 if degree[0] == "more" else -1
        # "more computationally intensive than": the degree sits on the adverb, the quality ranked is its adjective
        quality = token.head if token.dep_ == "advmod" and token.head.pos_ in ("ADJ", "ADV") else token
        if _negative_quality(token, cues) or _negative_quality(quality, cues):
            sign = -sign
        return -sign if token.i in flipped else sign
    return 0


def _negative_quality(token: Token, cues: ClaimCues) -> bool:
    """A quality that is worse the more of it there is: a word of the cue lexicon's negative words or of the
    evaluative extractor's negative adjectives ("more computationally intensive than", "more complex than"), so that
    a comparison reads the same way whichever extractor's lexicon knows the word."""
    forms = (token.lemma_.lower(), token.lower_)
    return any(form in cues.negative or form in load_evaluative_words().negative for form in forms)


def _word_value(token: Token, cues: ClaimCues, used: set[int]) -> int:
    lemma, lower = token.lemma_.lower(), token.lower_
    if (
        lemma in cues.raw["evaluation"]["capability_verbs"]
        and token.pos_ == "VERB"
        and _with_capability_modal(token, cues)
    ):
        return (
            1  # "can separate EVs from plasma"; "cannot distinguish EVs from lipoproteins" is flipped by the negation
        )
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if lemma in cues.demand_verbs and token.pos_ == "VERB" and not passive:
        # "requires special equipment" is a drawback, "requires a small number of samples" an advantage.
        objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
        used.update(t.i for o in objects for t in o.subtree)
        return 1 if objects and _quantity_modifier(objects[0], cues) < 0 else -1
    phrase = _attribute_phrase(token)
    compounds = [c for c in token.children if c.dep_ == "compound"]
    compound_phrase = f"{compounds[-1].lemma_.lower()} {lemma}" if compounds else ""
    if phrase in cues.good_attributes or phrase in cues.bad_attributes:
        lemma = phrase
    elif compound_phrase in cues.good_attributes or compound_phrase in cues.bad_attributes:
        lemma = compound_phrase  # "no side effects": the attribute is the compound, not "effect"
    if lemma in cues.good_attributes or lemma in cues.bad_attributes or lower in cues.bad_attributes:
        valence = 1 if lemma in cues.good_attributes else -1
        modifier = _quantity_modifier(token, cues)
        if modifier:
            used.update(c.i for c in token.subtree)
            return valence * modifier
    if token.pos_ in ("NOUN", "PROPN") and lemma in cues.adjective_only:
        return 0  # "carrier complexes" is not "complex"
    if _modifier_sense(token, cues):
        return 0  # "block diagonal matrix", "aggregate information across sites": a kind or a gathering, not a harm
    value = _lexical_value(token, cues)
    if value > 0 and token.pos_ in ("ADJ", "VERB"):
        # "poorly reproducible", "badly tolerated": a judging adverb of manner turns a good quality into a weakness
        manner = [c for c in token.children if c.dep_ == "advmod" and c.lower_ in cues.raw["evaluation"]["bad_manner"]]
        if manner:
            used.update(c.i for c in manner)
            return -1
    return value


def _modifier_sense(token: Token, cues: ClaimCues) -> bool:
    """A harm word outside the role its lexicon entry gives it: a verb-only harm word that is not a verb ("k blocks
    of size q"), a head-only harm noun or verb used as a modifier of another noun ("block updates", "a loss
    function") or hyphenated to the word it qualifies ("block-diagonal"), or an intransitive harm verb with a direct
    object ("aggregate information")."""
    lemma, lower = token.lemma_.lower(), token.lower_
    evaluation = cues.raw["evaluation"]
    if (lemma in evaluation["verb_only_harm"] or lower in evaluation["verb_only_harm"]) and token.pos_ != "VERB":
        return True  # "k blocks of size q": a unit or piece
    if lemma in evaluation["head_only_harm"] or lower in evaluation["head_only_harm"]:
        if _hyphenated_to_head(token):
            return True
        if token.dep_ in ("compound", "nmod", "amod"):
            return token.head.pos_ in ("NOUN", "PROPN")
    if lemma in evaluation["intransitive_harm_verbs"] and token.pos_ == "VERB":
        return any(c.dep_ in ("dobj", "obj") for c in token.children)
    return False


def _hyphenated_to_head(token: Token) -> bool:
    """ "block-diagonal": the word is joined by a hyphen, with no space, to the word it modifies."""
    doc = token.doc
    if token.whitespace_ or token.i + 2 >= len(doc) or token.head.i != token.i + 2:
        return False
    hyphen = doc[token.i + 1]
    return hyphen.text in ("-", "‐") and not hyphen.whitespace_


def _directly_denied(token: Token) -> bool:
    """The noun itself is what is denied: "lacks specificity", "lack of specificity", "no contamination", "without
    loss" (not a noun further inside the denied phrase, "no drop in the yield")."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    head = token.head
    if head.lemma_.lower() in ("lack", "absence") and token.dep_ in ("dobj", "obj", "pobj"):
        return True
    if head.dep_ == "prep" and head.head.lemma_.lower() in ("lack", "absence"):
        return True
    return head.lower_ == "without" and token.dep_ == "pobj"


def _lexical_value(token: Token, cues: ClaimCues) -> int:
    """+1 / -1 for a word of the evaluation lexicon; a negative prefix on a lexicon adjective or adverb reverses it
    ("inaccurate", "unreliable", "irreproducible", "nonspecific"; "unbiased", "uncomplicated"), and so does a
    negating phrase just before it ("far from satisfactory", "by no means simple")."""
    value = _plain_lexical_value(token, cues)
    if value:
        before = " ".join(t.lower_ for t in token.doc[max(token.sent.start, token.i - 3) : token.i])
        if any(before.endswith(phrase) for phrase in cues.raw["evaluation"]["negating_phrases"]):
            return -value
    return value


def _plain_lexical_value(token: Token, cues: ClaimCues) -> int:
    lemma, lower = token.lemma_.lower(), token.lower_
    doc = token.doc
    evaluation = cues.raw["evaluation"]
    if lower in evaluation["performance_manner"] and token.head.lemma_.lower() in evaluation["performance_verbs"]:
        # "X performed well / the best / comparably well to Y", "X scales well": how well a method works
        return 1 if evaluation["performance_manner"][lower] > 0 else -1
    judging = evaluation["judging_words"]
    if lower in judging["positive"] or lower in judging["negative"]:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and (
            following.tag_ in ("VBG", "VBN") or following.lower_.endswith(("ing", "ed")) or following.text == "-"
        ):
            return 0  # "the best matching unit", "a good-looking article": the word grades the participle
        return 1 if lower in judging["positive"] else -1
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("non", "un"):
        # "non-hazardous" parsed as three tokens: the prefix reverses the word after the hyphen
        plain = 1 if (lemma in cues.positive or lower in cues.positive) else -1 if lower in cues.negative else 0
        return -plain
    if lemma in cues.positive or lower in cues.positive:
        return 1
    if lemma in cues.negative or lower in cues.negative:
        return -1
    if token.pos_ in ("ADJ", "ADV"):
        match = re.match(r"(?:non-?|un|in|im|ir|il|dis)(?=[a-z]{4})(.+)$", lower)
        if match:
            stem = match.group(1)
            if stem in cues.positive:
                return -1
            if stem in cues.negative:
                return 1
    return 0


def _with_capability_modal(verb: Token, cues: ClaimCues) -> bool:
    modals = set(cues.raw["evaluation"]["capability_modals"])
    chain = [verb, *[a for a in verb.ancestors][:2]]
    return any(c.lower_ in modals for t in chain for c in t.children if c.dep_ in ("aux", "neg")) or any(
        t.lower_ in modals for t in chain
    )


def _cause_tokens(tokens: list[Token], cues: ClaimCues) -> set[int]:
    doc = tokens[0].doc
    found: set[int] = set()
    markers = [marker.split() for marker in cues.cause_markers]
    for token in tokens:
        lower = token.lower_
        for words in markers:
            if words and words[0] != lower:
                continue  # the marker's first word is not this token's: no slice of the doc to compare
            if [t.lower_ for t in doc[token.i : token.i + len(words)]] == words:
                found |= {t.i for t in doc[token.i : tokens[-1].i + 1] if t.i >= token.i}
                return found
    return found


CONTRASTING_SUBORDINATORS = ("whereas", "while", "although", "though")


def _contrasted_clause_tokens(tokens: list[Token]) -> set[int]:
    """ "X met the criterion for success, whereas the other methods failed to meet it": a contrasted clause with a
    subject of its own judges that subject, not the owner; its words do not count for the owner."""
    found: set[int] = set()
    for token in tokens:
        if token.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in CONTRASTING_SUBORDINATORS for c in token.children
        ):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
            found |= {t.i for t in token.subtree}
    return found


def _negation_scope(tokens: list[Token], cues: ClaimCues) -> set[int]:
    """Tokens whose value a negation flips: the subtree of the negated word, once per negation."""
    flipped: set[int] = set()
    for token in tokens:
        if token.lower_ not in cues.negators or token.dep_ not in (
            "neg",
            "det",
            "prep",
            "advmod",
            "aux",
            "ROOT",
            "conj",
        ):
            continue
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if token.lower_ == "not" and following == "only":
            continue
        head = token.head
        if (
            token.lower_ in ("no", "without", "lack")
            and head.lemma_.lower() in cues.bad_attributes | cues.good_attributes
        ):
            continue  # "no risk" is scored through the attribute's modifier
        scope = {t.i for t in head.subtree} - {token.i}
        flipped ^= scope
    return flipped


def _countered_scope(tokens: list[Token], cues: ClaimCues) -> set[int]:
    """Tokens naming what a verb of setting right or holding off acts on ("taking length bias into account",
    "normalizing staining variability", "compensate for all biases", "avoids contamination") or what "against" opposes
    ("a defense against infection"): a problem countered is a strength, so their words count the other way round."""
    evaluation = cues.raw["evaluation"]
    verbs = set(evaluation["counteracting_verbs"]) | set(evaluation["removal_verbs"])
    kept = {t.i for t in tokens}
    countered: set[int] = set()
    for token in tokens:
        acted_on: list[Token] = []
        lemma = token.lemma_.lower()
        if token.tag_ == "VBG" and token.dep_ == "amod" and lemma in verbs and token.lower_ not in cues.down:
            # "normalizing staining variability": the parser may hang the gerund on its object as a modifier
            noun = token.head
            while noun.dep_ == "amod" and noun.pos_ != "NOUN" and noun.head.i != noun.i:
                noun = noun.head  # "normalizing staining variability": modifiers stacked on the noun
            countered |= {t.i for t in noun.subtree if t.i in kept and t.i != token.i}
        elif token.pos_ == "VERB" and lemma in verbs:
            acted_on = [
                c
                for c in token.children
                if c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and c.lower_ in ("for", "against"))
            ]
        elif token.pos_ == "VERB" and lemma == "take" and _into_account(token):
            acted_on = [c for c in token.children if c.dep_ in ("dobj", "obj")]  # "taking length bias into account"
        elif token.dep_ == "prep" and token.lower_ in evaluation["counteracting_prepositions"]:
            acted_on = [c for c in token.children if c.dep_ == "pobj"]
        for child in acted_on:
            countered |= {t.i for t in _named_problem(child) if t.i in kept}
    return countered


def _named_problem(child: Token) -> list[Token]:
    """The nouns of the phrase a counteracting word acts on, to its head noun and its conjuncts ("infection or
    sterile tissue damage"), not the phrases after it ("against a specific target by continuing training on ...")."""
    noun = next((c for c in child.children if c.dep_ == "pobj"), child) if child.dep_ == "prep" else child
    found = [t for t in noun.subtree if t.i <= noun.i]
    for conjunct in noun.conjuncts:
        if conjunct.i > noun.i:
            found += [t for t in conjunct.subtree if t.i <= conjunct.i]
    # the nouns that name the problem; an adjective of it ("a specific target") keeps its own value
    return [t for t in found if t.pos_ in ("NOUN", "PROPN")]


def _into_account(verb: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "into" and any(g.lemma_.lower() == "account" for g in c.children)
        for c in verb.children
    )


def _attribute_phrase(token: Token) -> str:
    """ "number of samples": a noun with its of-complement, for attributes whose valence depends on both."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return f"{token.lemma_.lower()} of {objects[0].lemma_.lower()}"
    return ""


def _quantity_modifier(token: Token, cues: ClaimCues) -> int:
    """+1 for "high yield" / "yield is high", -1 for "low efficiency" / "no need", 0 when unmodified."""
    words = [c for c in token.children if c.dep_ in ("amod", "det", "advmod", "nummod", "compound")]
    if token.dep_ in ("nsubj", "nsubjpass"):
        words += [c for c in token.head.children if c.dep_ in ("acomp", "attr")]
    if token.dep_ == "pobj" and token.head.head.pos_ == "ADJ":
        words.append(token.head.head)
    for word in words:
        lower = word.lower_
        if lower in cues.up:
            return 1
        if lower in cues.down:
            return -1
    return 0


def method_effects_as_evaluations(effects: list[Claim], context: SentenceContext, cues: ClaimCues) -> list[Claim]:
    """ "A deep CNN trained on natural images boosts performance", "X could dramatically reduce the number of labeled
    examples required", "ultrasound-assisted extraction diminishes the extraction time": an effect verb whose subject
    is a method and whose target is a measure of how well it works (performance, accuracy, time, cost, side effects)
    states a strength or weakness of the method, not an effect of a treatment. The direction times the measure's
    valence gives the relation; an effect on anything else stays an effect."""
    found = []
    for claim in effects:
        if _evaluated_prospect(claim.object, cues) and not claim.negated:
            # "X shows promising potential for Y", "X holds great promise": a promise judged good is a strength
            claim.relation = "advantage"  # type: ignore[assignment]
            claim.direction = None  # type: ignore[assignment]
            claim.cue = f"{claim.cue}:prospect"
            found.append(claim)
            continue
        judged = _judged_quality(claim.object, cues)
        if judged and not claim.negated and _verb_of_having(claim, cues):
            # "metal NPs show admirable catalytic potential", "Paul traps provide excellent confinement": a
            # quality judged good or bad, had or shown by X, is a strength or weakness of X, not an effect
            claim.relation = "advantage" if judged > 0 else "disadvantage"  # type: ignore[assignment]
            claim.direction = None  # type: ignore[assignment]
            claim.cue = f"{claim.cue}:judged-quality"
            found.append(claim)
            continue
        listed_activity = claim.cue.startswith("effect:activity-colon")
        # "males have a higher risk of death", "risk rises 1.9 fold per decade of age": an exposure's effect on a risk
        # in statistical language (prose_effects._statistical_effects) is a finding, not a drawback of a method
        listed_activity = listed_activity or claim.cue.startswith(("effect:population", "effect:per-unit"))
        # "extracts of X cover a large spectrum: antimicrobial activity, insecticidal activity, fumigant toxicity":
        # a toxicity enumerated among activities is what the agent does to a target (pests, microbes), an effect
        if (
            (claim.direction in ("increase", "none") or (claim.negated and claim.direction is None))
            and (not claim.negated or claim.direction != "increase")
            and not listed_activity
            and _names_adverse_outcome(claim.object, cues)
        ):
            # "X can result in bleeding", "X increases the risk of thrombosis": an adverse outcome is a drawback of
            # the method or treatment that causes it (a decrease of one, "reduced toxicity", stays an effect)
            # "had no side effects", "without toxicity": the absence of the harm is a strength (also when the
            # effect reader took "had no" for a negated having: the absence is the claim, not a negation of it)
            # "low toxicity", "reduced side effects": a harm said to be small is a strength as well
            absent = claim.negated or _negated_before(claim, cues) or claim.object.lower().split(" ")[0] in cues.down
            claim.negated = False
            claim.relation = "advantage" if absent else "disadvantage"  # type: ignore[assignment]
            said = set(re.findall(r"[a-z]+", claim.object.lower())) & (
                set(cues.negators) | set(cues.raw["evaluation"]["absence_words"]) | cues.down
            )
            claim.object = f"no {claim.object}" if absent and not said else claim.object
            claim.direction = None  # type: ignore[assignment]
            claim.cue = f"{claim.cue}:adverse"
            found.append(claim)
            continue
        valence = _measure_valence(claim.object, cues)
        sign = {"increase": 1, "decrease": -1}.get(claim.direction or "", 0)
        if claim.negated:
            sign = -sign
        if not valence or not sign or not _names_method(claim.subject, cues):
            found.append(claim)
            continue
        claim.relation = "advantage" if valence * sign > 0 else "disadvantage"  # type: ignore[assignment]
        claim.direction = None  # type: ignore[assignment]
        claim.cue = f"{claim.cue}:method-measure"
        found.append(claim)
    return found


def _evaluated_prospect(text: str, cues: ClaimCues) -> bool:
    """ "promising potential for Y", "great promise": a prospect noun with an evaluative word before it (a bare
    "anti-inflammatory potential" names an activity)."""
    words = re.findall(r"[a-z][a-z-]*", text.lower())
    prospects = set(cues.raw["evaluation"]["prospect_nouns"])
    at = next((i for i, w in enumerate(words) if w in prospects), None)
    if _names_adverse_outcome(text, cues):
        return False  # "enhanced toxicity potential": the potential of a harm
    return at is not None and 0 < at <= 3 and any(w in cues.positive or w in cues.up for w in words[:at])


def _judged_quality(text: str, cues: ClaimCues) -> int:
    """+1 / -1 when the object opens (after at most one degree word) with a judging adjective ("excellent
    reproducibility", "highly superior activity", "poor resolution"), else 0."""
    words = re.findall(r"[a-z][a-z-]*", text.lower())[:2]
    judging = cues.raw["evaluation"]["judging_words"]
    for word in words:
        if word in judging["positive"]:
            return 1
        if word in judging["negative"]:
            return -1
        if not word.endswith("ly"):
            return 0
    return 0


def _verb_of_having(claim: Claim, cues: ClaimCues) -> bool:
    """The object is what the subject has, shows or offers (not the target of an effect verb): no direction word
    was read from an effect verb."""
    return claim.direction in (None, "none", "increase") and not re.match(
        r"(?:increased|enhanced|improved|elevated|reduced|decreased|lower|higher)\b", claim.object.lower()
    )


def _negated_before(claim: Claim, cues: ClaimCues) -> bool:
    """A negator ("no", "without", "devoid of", "no indication that it increased") among the words before the
    adverse outcome in its sentence, within its clause."""
    sentence = (claim.evidence[0].text if claim.evidence else "").lower()
    outcomes = cues.raw["evaluation"]["adverse_outcomes"]
    at = min((i for i in (sentence.find(o.split()[0]) for o in outcomes) if i >= 0), default=-1)
    if at < 0:
        return False
    clause = re.split(r"[;:]|,\s+(?:but|whereas|while|however)\b", sentence[:at])[-1]
    before = re.findall(r"[a-z']+", clause)[-8:]
    return any(w in cues.negators or w in ("devoid", "free", "absence") for w in before)


def _names_adverse_outcome(text: str, cues: ClaimCues) -> bool:
    words = " ".join(
        w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in re.findall(r"[a-z-]+", text.lower())
    )
    return names_any(cues.raw["evaluation"]["adverse_outcomes"], words)


def _measure_valence(text: str, cues: ClaimCues) -> int:
    """+1 for a measure one wants more of ("performance", "accuracy", "yield"), -1 for one wants less of ("time",
    "cost", "side effects", "the number of labeled examples required"), 0 for anything else."""
    words = re.findall(r"[a-z][a-z-]*", text.lower())
    lemmas = [w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words]
    phrase = " ".join(lemmas)
    measures = cues.raw["evaluation"]["method_measures"]
    if names_any(measures["lower_is_better"], phrase):
        return -1
    if names_any(measures["higher_is_better"], phrase):
        return 1
    return 0


def names_any(terms: list[str], text: str) -> bool:
    """Whether `text` holds one of `terms` as whole words. Asked of every evaluated object with lists of a hundred
    words: one search with the words' alternation, compiled once, not one search per word."""
    return bool(terms) and bool(_whole_words_pattern(tuple(terms)).search(text))


@lru_cache(maxsize=32)
def _whole_words_pattern(terms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\b")


def _names_method(subject: str, cues: ClaimCues) -> bool:
    """A method, technique, tool or model (lexicon type, or a method-like head noun in the phrase before any
    preposition or participle): "deep CNN trained on natural images", "MHCflurry's imputation method"."""
    head_part = re.split(r"\s+(?:of|for|in|on|with|from|by|to|trained|based|using|that|which)\s+", subject.lower())[0]
    words = [w.rstrip("s") if len(w) > 3 else w for w in re.findall(r"[a-z0-9.-]+", head_part)]
    treatments = set(cues.raw["evaluation"]["treatment_heads"])
    if words and words[-1] in treatments:
        return False  # treatments ("halofuginone treatment", "bioreactor culture") have effects, not performance
    if lexicon_type(subject) == "method":
        return True
    # "multi-task learning", "green synthesis", "the NUTS sampler", "Paul traps": heads that name a way of working
    # or an instrument, only here (what a method's effect on a measure says of it), not to find method mentions
    process = set(cues.raw["evaluation"]["method_process_heads"])
    heads = (cues.method_heads | set(cues.raw["method_like_heads"]) | process) - treatments
    return bool(words) and words[-1] in heads


def absent_harm_claims(
    context: SentenceContext, discourse: Discourse, cues: ClaimCues, found: list[Claim]
) -> list[Claim]:
    """ "X did not show any toxic effects", "X had no side effects", "... without negative effects on energy",
    "There are no reported side effects following X administration", "Toxicology studies of X have shown no adverse
    effects": the absence of a harm (an adverse-outcome noun, or effect/event/reaction with a harm modifier) is a
    strength of the agent that did not cause it. Its owner is the subject of the clause (or the of-phrase of a study
    subject), or the noun after "following/after/of" when the clause has none."""
    sent = context.sent
    claims: list[Claim] = []
    said = " ".join(c.object.lower() for c in found)
    for token in sent:
        if token.pos_ not in ("NOUN", "PROPN") or token.i in context.consumed or not _is_harm(token, cues):
            continue
        negator = _harm_negator(token, cues)
        phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ in ("amod", "compound") or t.i == token.i)
        if negator is None or phrase in said:
            continue
        if any(
            c.dep_ == "aux" and c.lower_ in cues.raw["deontic_modals"] for a in negator.ancestors for c in a.children
        ):
            continue  # "a system must ensure that it is free of adverse effects": a requirement
        owner = _harm_owner(token, negator, context, discourse, cues)
        if not owner:
            continue
        # the harm with its own modifiers and short complements ("on energy"), not the phrase naming its agent
        agent = {
            t.i
            for c in token.children
            if c.dep_ in ("acl", "relcl") or (c.dep_ == "prep" and c.lower_ in ("following", "after", "from", "with"))
            for t in c.subtree
        }
        end = max(t.i for t in token.subtree if t.i - token.i <= 8 and t.i not in agent)
        comma = next((t.i for t in sent.doc[token.i : end + 1] if t.text in (",", ";")), None)
        end = comma - 1 if comma is not None else end
        text = span_text(sent.doc, [i for i in range(negator.i, end + 1) if i not in agent])
        claims.append(make_claim(context, owner, "advantage", text, "absent-harm"))
        context.consumed |= set(range(negator.i, end + 1))
    return claims


def attribute_phrase_claims(
    context: SentenceContext, discourse: Discourse, cues: ClaimCues, found: list[Claim]
) -> list[Claim]:
    """ "The high cost of X limits its use", "Numerous side effects of synthetic drugs have led to ...", "The
    simplicity of X makes it popular": a noun phrase that evaluates an attribute of what its of-phrase names (a
    quantity word on an attribute, an evaluative noun, a harm) states that property wherever it stands as the
    subject of a clause that says what it brings about ("limits", "has led to", "makes"). Not where the clause studies
    the attribute ("the toxicity of X was assessed") or judges it itself ("the cost of X is high": read with the
    measure's own clause), not a cue noun with its own frame, not under a negation."""
    claims: list[Claim] = []
    sent = context.sent
    inquiry = set(cues.raw["inquiry_verbs"]) | set(cues.raw["reporting_verbs"])
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.i in context.consumed or noun.dep_ != "nsubj":
            continue  # the subject of its clause: "the high cost of X limits ...", not "need forums of X"
        lemma = noun.lemma_.lower()
        judged = lemma in cues.good_attributes | cues.bad_attributes | cues.positive | cues.negative
        if not judged and not _is_harm(noun, cues):
            continue  # "the specific needs of X", "the modular nature of X": no evaluated attribute
        if context.frames.get(noun.i) or any(c.dep_ == "neg" or c.lower_ in ("no", "without") for c in noun.children):
            continue
        owner_token = next(
            (g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if owner_token is None:
            continue
        verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.lemma_.lower() in inquiry or verb_negated(verb, cues):
            continue
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.lemma_.lower() == "be":
            continue  # "the toxicity of X was assessed", "the efficiency of X is high" (read as a measure's clause)
        phrase = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "poss", "punct")]
        harm = _is_harm(noun, cues) and not any(t.lower_ in cues.down for t in phrase)
        polarity = -1 if harm else _polarity(phrase, context, cues)
        if not polarity:
            continue
        mention = best_mention(mentions_in({t.i for t in owner_token.subtree}, context, allow_modifiers=False))
        owner = mention.text if mention else _named_method(owner_token, cues)
        if not owner and harm and owner_token.pos_ == "NOUN":
            owner = noun_phrase_text(owner_token)  # "side effects of synthetic drugs": what brings the harm
        if not owner or is_investigator(owner_token, cues):
            continue
        text = span_text(sent.doc, [t.i for t in phrase])
        if not text or any(text.lower() in c.object.lower() for c in found):
            continue
        relation = "advantage" if polarity > 0 else "disadvantage"
        claims.append(make_claim(context, owner, relation, text, "attribute-phrase"))
        context.consumed |= {t.i for t in phrase}
    return claims


def is_harm_noun(token: Token, cues: ClaimCues) -> bool:
    """ "side effects", "toxic effects", "adverse events": a general noun made a harm by its modifier (a cue noun of
    a drawback, like "drawback" itself: "the side effects of X include A and B")."""
    evaluation = cues.raw["evaluation"]
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
    return token.lemma_.lower() in evaluation["harm_heads"] and bool(modifiers & set(evaluation["harm_modifiers"]))


def _is_harm(token: Token, cues: ClaimCues) -> bool:
    evaluation = cues.raw["evaluation"]
    lemma = token.lemma_.lower()
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
    if is_harm_noun(token, cues):
        return True
    phrases = {lemma} | {f"{m} {lemma}" for m in modifiers}
    return bool(phrases & set(evaluation["adverse_outcomes"]))


def _harm_negator(token: Token, cues: ClaimCues) -> Token | None:
    """The word that denies the harm: its determiner "no", a governing "without"/"free of"/"devoid of", or the
    negation of the verb whose object it is ("did not show any toxic effects")."""
    for child in token.children:
        if child.lower_ == "no" and child.dep_ in ("det", "amod", "neg"):
            return child
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "without":
        return head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in ("free", "devoid"):
        return head.head
    verb = head
    while verb.dep_ == "conj" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i != verb.i:
        verb = verb.head.head  # "no adverse effects or histopathological modifications"
    if token.dep_ in ("dobj", "obj", "conj") and verb.pos_ in ("VERB", "AUX"):
        negations = [c for c in verb.children if c.dep_ == "neg"]
        if negations:
            auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < negations[0].i]
            return auxiliaries[0] if auxiliaries else negations[0]
    return None


def _harm_owner(token: Token, negator: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    verb = negator.head if negator.dep_ in ("prep", "neg", "aux", "auxpass") else token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = clause_subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    candidates = []
    if subject is not None and subject.dep_ != "expl":
        vehicle = subject.lemma_.lower() in cues.raw["evaluation"]["dose_heads"]
        if vehicle or is_investigator(subject, cues) or subject.lemma_.lower() in cues.raw["report_subject_heads"]:
            # "Toxicology studies of X", "A dose of 2 g/kg X extracts": the agent is in the of-phrase
            candidates = [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        else:
            candidates = [subject]
    if not candidates:
        # "There are no reported side effects following G. hederacea administration"
        candidates = [
            g
            for c in token.children
            if c.dep_ in ("prep", "acl") and c.lower_ in ("following", "after", "of", "with", "from")
            for g in c.children
            if g.dep_ in ("pobj", "dobj")
        ]
    for candidate in candidates:
        tokens = list(candidate.subtree)
        mention = best_mention(mentions_in({t.i for t in tokens}, context))
        if mention:
            return mention.text
        head = anaphor_head([candidate], cues)
        if head is not False:
            return discourse.resolve_anaphor(head or None, context, candidate.i)
        if candidate.pos_ in ("NOUN", "PROPN") and candidate.lemma_.lower() not in cues.raw["non_agent_heads"]:
            clauses = {t.i for c in candidate.children if c.dep_ in ("acl", "relcl", "appos") for t in c.subtree}
            text = span_text(candidate.doc, [t.i for t in candidate.subtree if t.i not in clauses and t.dep_ != "det"])
            return text if len(text.split()) <= 10 else ""
    return ""


def neutral_list_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "X offers characteristics such as portability, low cost and high sensitivity", "X has properties including
    ...", "X has attracted interest because of their unique features, such as ...": a neutral noun (characteristic,
    feature, property) had by a clause's subject, or given as the reason for what the clause says of it, opens a list
    whose items carry their own polarity; each evaluated item is a property of that subject (a neutral item takes the
    list's leaning). A single item that is itself a cue noun with an of-list ("such as advantages of A, B and C")
    gives its items with its own leaning."""
    claims: list[Claim] = []
    sent = context.sent
    nouns = set(cues.raw["evaluation"]["neutral_property_nouns"])
    for token in sent:
        if token.lemma_.lower() not in nouns or token.pos_ != "NOUN" or token.i in context.consumed:
            continue
        opener = next(
            (c for c in token.children if (c.dep_ == "prep" and c.lower_ in ("as", "including", "like"))), None
        )
        verb = token.head
        had = token.dep_ in ("dobj", "obj") and verb.lemma_.lower() in cues.possession
        reason = _reason_phrase_verb(token, cues)
        verb = verb if had else reason
        if opener is None or verb is None:
            continue
        subject = clause_subject(verb)
        if subject is None:
            continue
        owner = resolve_owner(list(subject.subtree), context, discourse, cues, fallback=False)
        owner = owner or _possessor_subject(subject, verb, cues) or _named_method(subject, cues)
        if not owner and subject.pos_ == "PROPN" and not is_investigator(subject, cues):
            owner = noun_phrase_text(subject)  # "Chitosan has properties such as ..."
        own = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in token.children)
        if not owner and not had and own and subject.pos_ == "NOUN" and not is_investigator(subject, cues):
            # "ionic liquids have attracted interest because of their unique features": the subject's own features
            if subject.lemma_.lower() not in cues.raw["non_agent_heads"]:
                owner = span_text(sent.doc, list(range(subject.left_edge.i, subject.i + 1)))
        objects = [c for c in opener.children if c.dep_ == "pobj"]
        if not owner or not objects:
            continue
        items = [objects[0], *objects[0].conjuncts]
        cue_leaning = 0
        listed = [g for c in items[0].children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if len(items) == 1 and items[0]._.get(CUE_EXTENSION) in ("advantage", "disadvantage") and listed:
            cue_leaning = 1 if items[0]._.get(CUE_EXTENSION) == "advantage" else -1
            items = [listed[0], *listed[0].conjuncts]  # "such as advantages of A, B and C": A, B and C
        parts = [
            [
                t
                for t in item.subtree
                if not any(a.dep_ == "conj" and a.head.i == item.i for a in [t, *t.ancestors] if a.i != item.i)
                and t.dep_ not in ("cc", "det")
                and not t.is_punct
            ]
            for item in items
        ]
        polarities = [_polarity(p, context, cues) for p in parts]
        leaning = 1 if sum(polarities) > 0 else -1 if sum(polarities) < 0 else 0
        for tokens, polarity in zip(parts, polarities, strict=True):
            polarity = cue_leaning or polarity or leaning
            text = span_text(sent.doc, [t.i for t in tokens])
            if polarity and text:
                relation = "advantage" if polarity > 0 else "disadvantage"
                claims.append(make_claim(context, owner, relation, text, "neutral-list"))
                context.consumed |= {t.i for t in tokens}
    return claims


def _reason_phrase_verb(noun: Token, cues: ClaimCues) -> Token | None:
    """The verb of the clause a reason phrase hangs on, when the noun is what that phrase names ("have attracted
    interest because of their unique features", "is preferred due to its properties"), else None."""
    if noun.dep_ != "pobj":
        return None
    doc = noun.doc
    before = " ".join(t.lower_ for t in doc[max(noun.left_edge.i - 3, 0) : noun.left_edge.i])
    if not any(before == m or before.endswith(" " + m) for m in cues.raw["evaluation"]["reason_markers"]):
        return None
    return next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)


LIST_ITEM = re.compile(r"^\s*(?:\(?(?:[ivx]{1,4}|[a-h]|\d{1,2})\)|(?:[ivx]{1,4}|\d{1,2})\.|[•▪●·–-])\s+", re.IGNORECASE)


def colon_list_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "X can suffer from the following limitations: (i) A, (ii) B, and (iii) C.", "Advantages: A; B": a cue noun
    before a colon opens a list whose items are properties of the cue's owner, in the same sentence or, when the
    sentence splitter cut the enumeration ("(i) A," "(ii) B,"), in the sentences that follow."""
    sent = context.sent
    text = sent.text.strip()
    if discourse.open_list is not None:
        owner, relation = discourse.open_list
        if LIST_ITEM.match(text):
            if text.endswith(".") or not text.endswith((",", ";", "and", "or")):
                discourse.open_list = None  # the last item closes the list
            context.consumed |= {t.i for t in sent}
            return [make_claim(context, owner, relation, p, "cue:colon-list") for p in split_properties(text)]
        discourse.open_list = None
    if ":" not in text:
        return []  # no colon token either: the sentence's tokens need not be listed
    colon = next((t for t in reversed(list(sent)) if t.text == ":"), None)
    if colon is None:
        return []
    cue = next((t for t in sent if t.i < colon.i and t._.get(CUE_EXTENSION) in ("advantage", "disadvantage")), None)
    if cue is None or any(t.i in context.consumed for t in (cue, colon)):
        return []
    if any(t.pos_ in ("VERB", "AUX") for t in sent.doc[cue.i + 1 : colon.i]):
        return []  # "The strength of X is the application of ... at two levels:": the list elaborates the property
    owner = _colon_owner(cue, context, discourse, cues)
    if not owner:
        return []
    relation = cue._.get(CUE_EXTENSION)
    rest = sent.doc[colon.i + 1 : sent.end]
    if not any(t.is_alpha for t in rest):
        discourse.open_list = (owner, relation)
        context.consumed |= {t.i for t in sent}
        return []
    context.consumed |= {t.i for t in sent}
    return [make_claim(context, owner, relation, p, "cue:colon-list") for p in split_properties(clean_text(rest.text))]


def _colon_owner(cue: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """The owner of the cue: its of-phrase or possessor ("the advantages of X:"), else the subject of the verb that
    governs it ("X offers the following advantages:"), an anaphor resolved, else the section's topic when the cue
    opens the sentence ("Advantages:")."""
    owned = [t for c in cue.children if c.dep_ in ("prep", "poss") and c.lower_ != "as" for t in c.subtree]
    if owned:
        owner = resolve_owner(owned, context, discourse, cues, fallback=False)
        if owner:
            return owner
    verb = next((a for a in cue.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subject = clause_subject(verb) if verb is not None else None
    if subject is None:
        return discourse.topic if cue.i - context.sent.start <= 2 else ""
    if subject.pos_ == "PRON":
        earlier = _earlier_subject(subject, context, cues)  # "if these nanomaterials are ..., they suffer from"
        if earlier:
            return earlier
    owner = resolve_owner(list(subject.subtree), context, discourse, cues, fallback=False)
    if owner:
        return owner
    return _possessor_subject(subject, verb, cues) or _named_method(subject, cues)
