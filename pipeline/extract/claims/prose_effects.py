"""Treatment → effect claims from prose: effect verbs, result verbs, comparatives and "N times that of".

The treatment is the verb's subject (climbing through xcomp/conj/advcl), an instrument ("by/using X") when the
subject is the authors, or a cause ("after multiple passages", "with the increase in X"); objects are split into
atomic effects; direction, magnitude, comparator, hedging and negation come from the sentence.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Token

from pipeline.config import general_vocabulary, models_dir
from pipeline.extract.claims.discourse import fronted_clause_subject, treatment_words
from pipeline.extract.claims.guard import is_content_object
from pipeline.extract.claims.properties import split_properties
from pipeline.extract.claims.prose import (
    AGENT_ENTITY_LABELS,
    CUE_EXTENSION,
    NUMBER_WORDS,
    PARENTHESIS,
    SUBJECT_DEPS,
    ClaimCues,
    Discourse,
    SentenceContext,
    anaphor_head,
    best_mention,
    clause_subject,
    clean_text,
    is_hedged,
    is_investigator,
    lexicon_type,
    load_cues,
    make_claim,
    mentions_in,
    noun_phrase_text,
    opens_with,
    span_text,
    verb_negated,
)
from pipeline.extract.claims.prose_activities import (
    activity_claims,
    activity_phrase_claims,
    colon_list_claims,
    coordinated_product_anaphor,
    misread_noun,
    resolve_product_anaphor,
    taxon_names,
    without_dose,
)
from pipeline.records import Claim

RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
QUANTITY_HEADS = {"dose", "dosage", "concentration"}  # "doses of X": X acts


def effect_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    treatments = getattr(discourse, "treatments", None)
    if treatments is not None:
        treatments.observe(context.sent, context.passage.passage_id, cues)
    if _procedure_section(context.passage.section_path, cues):
        return []  # "Methods > Experimental setup": what was done to measure, not what a treatment did
    claims: list[Claim] = []
    associations = cues.raw["association_verbs"]
    for token in context.sent:
        if token.i in context.consumed:
            continue
        cue = token._.get(CUE_EXTENSION)
        labels = context.frames.get(token.i, set())
        participle = token.dep_ == "acl" and token.tag_ in ("VBN", "VBG")  # "exosomes secreted by ..."
        if "EFFECT_VERB" in labels and not participle:
            made = _verb_effect(token, cue, context, discourse, cues)
            claims.extend(made + _misread_second_predicates(token, made, context))
        elif token.lower_ in cues.raw["effect_adjectives"] and _is_predicate(token):
            claims.extend(_predicate_effect(token, context, discourse, cues))
        elif "RESULT_VERB" in labels and (
            not (token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "acl")) or _consequence_clause(token)
        ):
            claims.extend(_result_effect(token, context, discourse, cues))
        elif token.lemma_.lower() in treatment_words()["obtaining_verbs"] and token.pos_ == "VERB":
            claims.extend(_obtained_effect(token, context, cues))
        elif token.lemma_.lower() in cues.comparative_verbs and token.pos_ == "VERB":
            # "had stronger anti-inflammatory effects" is a comparison; "has analgesic effects" an activity list
            compared = _comparative_effect(token, context, discourse, cues)
            claims.extend(compared or activity_claims(token, context, discourse, cues))
        elif token.lemma_.lower() in cues.raw["activity_frame"]["verbs"] or token.lemma_.lower() in associations:
            # "X is associated with anti-inflammatory activity" lists activities; "smoking is associated with
            # adverse birth outcomes" states a finding about X
            lemma = token.lemma_.lower()
            listed = activity_claims(token, context, discourse, cues) if lemma not in ("correlate", "link") else []
            claims.extend(
                listed or (_association_effect(token, context, discourse, cues) if lemma in associations else [])
            )
        elif token.lemma_ == "be" and token.dep_ in ("ROOT", "ccomp", "conj"):
            claims.extend(_magnitude_effect(token, context, discourse, cues))
        elif token.pos_ == "NOUN" and (
            token.dep_ == "nsubjpass" or token.head.lemma_.lower() not in cues.raw["activity_frame"]["verbs"]
        ):
            claims.extend(activity_phrase_claims(token, context, discourse, cues))
    claims += _no_difference_effects(context)
    claims += _group_comparisons(context, discourse, cues)
    claims += _existential_group_comparisons(context, cues)
    claims += _group_possession_comparisons(context, cues)
    claims += _nominal_effects(context, discourse, cues)
    claims += _statistical_effects(context, cues)
    claims += _attained_value_effects(context, cues)
    claims += colon_list_claims(context, discourse, cues)
    claims += _misparsed_taxon_effects(context, claims, cues)
    claims += _verb_read_as_noun_effects(context, discourse, claims, cues)
    if not claims:
        claims = _verbless_effect(context, discourse, cues)
    caused = ("effect:result", "effect:verb")
    claims = [
        c
        for c in claims
        if not (c.cue.split(":subject-")[0] in caused and is_adverse_outcome(c.object, c.direction or "", cues))
    ]
    claims = [part for claim in claims for part in _distributed_shared_head(claim, cues)]
    return [part for claim in claims for part in _distributed_subjects(claim, context)]


def _surface_forms(token: Token) -> list[str]:
    """The lemmas a written verb form may have, whatever the tagger made of it ("suppress" read as an adjective,
    "attenuates" as a noun): its lemma, the word, and the word without an -s, -es or -ed ending."""
    lower = token.lower_
    forms = [token.lemma_.lower(), lower]
    forms += [lower[:-1], lower[:-2]] if lower.endswith("es") else [lower[:-1]] if lower.endswith("s") else []
    forms += [lower[:-1], lower[:-2]] if lower.endswith("ed") else []
    return forms


def _surface_effect_direction(token: Token, cues: ClaimCues) -> str:
    return next((cues.effect_direction[f] for f in _surface_forms(token) if f in cues.effect_direction), "")


def _misparsed_taxon_effects(context: SentenceContext, found: list[Claim], cues: ClaimCues) -> list[Claim]:
    """ "L. officinalis hydroalcoholic extracts inhibit inflammation and pain", "O. sanctum extracts alleviate
    neuropathic pain", "H. pectinata essential oil shows peripheral and central antinociceptive effects": after a
    binomial name the tagger takes the Latin epithet for the subject and the organism's product ("extracts", "oil",
    "leaves") for the clause's verb, or the verb after the product for a noun, so no frame sees the clause. When a
    product word follows a binomial and the verb after it is misread (the product tagged as a verb, or the verb as
    something else), the words from the genus to the verb are the agent (split at "and"/"or"). After an effect verb
    (models/claims/cues.json "effect_verbs") its objects run to the clause's end ("misparsed_taxon" clause_ends), one
    per listed item; after a display verb ("activity_frame" verbs) the activities listed up to the last activity noun
    are the effects. Sentences another reader already read at that verb are left alone."""
    frame = cues.raw["misparsed_taxon"]
    activity = cues.raw["activity_frame"]
    sent, doc = context.sent, context.sent.doc
    names = set(taxon_names(sent, cues))
    if not names:
        return []
    products, ends = set(frame["product_words"]), set(frame["clause_ends"])
    display_verbs = {*activity["verbs"], *cues.raw["definition_verbs"], "contain"}
    claims = []
    for genus in sent:
        if genus.i + 1 >= sent.end or f"{genus.text} {doc[genus.i + 1].text}" not in names:
            continue
        run: list[Token] = []  # the words after the epithet, up to the verb
        verb, direction, displays = None, "", False
        for token in doc[genus.i + 2 : min(genus.i + 9, sent.end)]:
            product_read_as_verb = any(t.lower_ in products and t.pos_ in ("VERB", "AUX") for t in run)
            misread = product_read_as_verb or (
                any(t.lower_ in products for t in run) and token.pos_ not in ("VERB", "AUX")
            )
            direction = _surface_effect_direction(token, cues) if run else ""
            if direction and product_read_as_verb:
                verb = token
                break
            forms = _surface_forms(token)
            if token.lower_ not in products and any(form in display_verbs for form in forms):
                # "M. piperita extract exhibit analgesic effect": a verb of its own, not part of the agent
                displays = misread and any(form in activity["verbs"] for form in forms)
                verb = token if displays else None
                break
            if not (token.is_alpha and (token.is_lower or token.lower_ in products)) or token.lower_ in ends:
                break
            after_product = [t for t in run if t.lower_ in products]
            if after_product and token.i - after_product[0].i > 3:
                break  # the agent ends within a few words of its product noun
            run.append(token)
        if verb is None or any(verb.lower_ in c.object.lower().split()[:2] for c in found):
            continue
        if displays and any(c.cue.startswith("effect:activity") for c in found):
            continue  # the activity reader read the list (its parse held)
        modal = [t for t in run if t.tag_ == "MD" or t.lower_ in ("can", "could", "may", "might")]
        negated = any(t.lower_ in ("not", "never") for t in run)
        agent_words = [t for t in run if t not in modal and t.lower_ not in ("not", "never", "also")]
        agent = span_text(doc, [genus.i, genus.i + 1, *(t.i for t in agent_words)])
        stop_words = ends - {","} if displays else ends
        stop = next((t.i for t in doc[verb.i + 1 : sent.end] if t.lower_ in stop_words), sent.end)
        if displays:
            nouns = set(activity["nouns"])
            # "shows peripheral and central antinociceptive effects, likely mediated by ...": the list ends at its noun
            noun = next((t for t in doc[verb.i + 1 : stop] if t.lemma_.lower() in nouns), None)
            stop = noun.i + 1 if noun is not None else -1
        target = span_text(doc, list(range(verb.i + 1, stop))) if stop > verb.i + 1 else ""
        if not target:
            continue
        items = split_properties(target)
        if displays:
            items = [f"{item} {doc[stop - 1].text}" if " " not in item else item for item in items]
        for subject in (part.strip() for part in re.split(r"\s+(?:and|or)\s+", agent)):
            for item in items:
                if displays:
                    claim = make_claim(context, without_dose(subject), "effect", item, "effect:misparsed-taxon")
                    claim.direction = "none"
                    claim.hedged = is_hedged(context.sent, None, cues) or bool(modal)
                else:
                    text = f"{verb.text} {item}"
                    claim = _effect_claim(context, verb, subject, text, direction, "effect:misparsed-taxon")
                    claim.hedged = claim.hedged or bool(modal)
                claim.negated = negated
                claims.append(claim)
    return claims


def _misread_second_predicates(verb: Token, made: list[Claim], context: SentenceContext) -> list[Claim]:
    """ "baicalin administration reduced cytokine expression and inhibited pain-related signals": a second effect
    verb in the past tense, coordinated with the first, is often read as an adjective of its own object, which the
    parse then joins to the first verb as a noun conjunct. Such a conjunct that opens with an effect verb's -ed
    form states a second effect of the first verb's subject, in that verb's direction."""
    subjects = {c.subject for c in made if c.cue.startswith("effect:verb")}
    if len(subjects) != 1 or verb.dep_ == "conj":
        return []
    cues = load_cues()
    claims = []
    for conjunct in (c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")):
        opener = conjunct.doc[conjunct.left_edge.i]
        if opener.i == conjunct.i or opener.head.i == conjunct.i and opener.dep_ not in ("amod", "compound"):
            continue
        if not opener.lower_.endswith("ed") or not _surface_effect_direction(opener, cues):
            continue
        if any(c.pos_ in ("VERB", "AUX") and c.dep_ in SUBJECT_DEPS for c in conjunct.children):
            continue
        tokens = [t.i for t in conjunct.subtree if t.dep_ not in ("relcl", "advcl") and not t.is_punct or t.text == "-"]
        text = span_text(verb.doc, tokens)
        if not is_content_object(text.split(" ", 1)[-1]):
            continue
        direction = _surface_effect_direction(opener, cues)
        claims.append(_effect_claim(context, verb, next(iter(subjects)), text, direction, "effect:verb-second"))
    return claims


def _verb_read_as_noun_effects(
    context: SentenceContext, discourse: Discourse, found: list[Claim], cues: ClaimCues
) -> list[Claim]:
    """ "baicalein inhibits both human platelet 12-lipoxygenase and ...", "the GAIT complex silences the translation
    of ceruloplasmin", "biallelic mutations in EPRS1 cause hypomyelinating leukodystrophy": after a name the tagger
    does not know, a present-tense effect verb may be read as a plural noun (or a proper noun) in a compound, so no
    verb frame sees the clause. The written form tells the verb: an effect or result verb's lemma with an -s/-es
    ending (or, for a plural subject, the bare lemma), standing between the end of a noun phrase (the agent) and the
    start of another (the target), with no finite verb after it in its clause (which would make the word the noun
    subject of that verb: "temperature changes affect ..."). The agent is the noun phrase before it, back to the
    clause's start; the target runs to the clause's end (models/claims/cues.json "misparsed_taxon" clause_ends),
    one effect per listed item."""
    sent, doc = context.sent, context.sent.doc
    ends = set(cues.raw["misparsed_taxon"]["clause_ends"])
    read = {w for c in found for w in c.object.lower().split()[:3]}
    claims: list[Claim] = []
    for verb in sent:
        if not (verb.pos_ in ("NOUN", "PROPN") or _verb_without_arguments(verb)):
            continue
        if verb.i in context.consumed or verb.lower_ in read:
            continue
        if not (sent.start < verb.i < sent.end - 2):
            continue
        before, after = doc[verb.i - 1], doc[verb.i + 1]
        lemma, agreement = _verb_surface_lemma(verb, cues)
        if lemma in cues.raw["appearance_verbs"]:
            continue  # "occurs", "appears": no target to act on
        ends_noun_phrase = before.pos_ in ("NOUN", "PROPN") or before.pos_ == "ADJ" and before.dep_ == "compound"
        if not lemma or not ends_noun_phrase or before.is_punct:
            continue
        opens_list = after.lower_ == "both"  # "inhibits both A and B"
        if after.lower_ in ends or after.pos_ in ("AUX", "ADP", "PUNCT", "CCONJ", "PART") and not opens_list:
            continue
        if after.tag_ in FINITE:
            continue
        subject_tokens = _noun_phrase_before(verb, ends)
        if not subject_tokens:
            continue
        first_preposition = _first_preposition(subject_tokens)
        last_noun = [t for t in subject_tokens if t.pos_ in ("NOUN", "PROPN") and t.i < first_preposition]
        plural = bool(last_noun) and last_noun[-1].tag_ in ("NNS", "NNPS")
        if agreement == "plural" and not plural or agreement == "singular" and plural:
            continue  # "root cause analysis", "drug effects": subject and verb must agree
        asides = _long_parentheticals(doc[verb.i + 1 : sent.end])
        stop = next((t.i for t in doc[verb.i + 1 : sent.end] if t.lower_ in ends and t.i not in asides), sent.end)
        if any(t.tag_ in FINITE or t.pos_ == "AUX" for t in doc[verb.i + 1 : stop] if t.i not in asides):
            continue  # "price increases this year were modest": the word is the subject of a later verb
        subject = _named_agent(subject_tokens, context, cues, discourse)
        words = [t.i for t in doc[verb.i + 1 : stop] if t.i not in asides]
        target = span_text(doc, [i for i in words if not (i == verb.i + 1 and doc[i].lower_ == "both")])
        if not subject or not target:
            continue
        direction = cues.effect_direction.get(lemma) or cues.result_direction.get(lemma, "none")
        if direction == "none" and not _is_strict_agent(subject, context, cues):
            continue  # "X affects Y" needs a clear treatment, as for a verb the parser read
        particle = cues.result_verbs.get(lemma, "")
        if lemma in cues.result_verbs and particle and not target.lower().startswith(particle):
            continue
        for item in (name for part in split_properties(target) for name in _listed_names(part)):
            if not is_content_object(item):
                continue
            claim = make_claim(context, subject, "effect", f"{verb.text} {item}", "effect:verb-read-as-noun")
            claim.direction = direction  # type: ignore[assignment]
            claim.hedged = is_hedged(sent, None, cues)
            claims.append(claim)
    return claims


FINITE = ("VBZ", "VBP", "VBD", "MD")


def _verb_without_arguments(verb: Token) -> bool:
    """ "The GAIT complex silences the translation of Cp": a present-tense verb the parse left with neither subject
    nor object (the subject read as its compound, the object as an apposition) is read from the words around it."""
    return (
        verb.pos_ == "VERB"
        and verb.tag_ in ("VBZ", "VBP")
        and verb.dep_ in ("ROOT", "ccomp", "conj")
        and not any(c.dep_ in (*SUBJECT_DEPS, "dobj", "obj", "prep", "xcomp", "ccomp") for c in verb.children)
    )


def _long_parentheticals(span) -> set[int]:
    """Token indices of the parenthetical asides in a span longer than a short name or abbreviation ("(Cp)" stays,
    "(through high-affinity binding to GAIT target mRNAs)" goes)."""
    dropped, opened = set(), None
    for token in span:
        if token.text == "(":
            opened = token.i
        elif token.text == ")" and opened is not None:
            if token.i - opened > 3:
                dropped |= set(range(opened, token.i + 1))
            opened = None
    return dropped


NAME_LIKE = re.compile(r"\S*[A-Z0-9]\S*")


def _listed_names(part: str) -> list[str]:
    """ "IL-1β and TNF-α": a list of short names (genes, proteins, ions; capitals or digits) is one target each;
    any other phrase with "and" ("pH and salt concentration") stays whole."""
    items = [i.strip() for i in COORDINATION.split(part) if i.strip()]
    if len(items) > 1 and all(len(i.split()) <= 2 and NAME_LIKE.search(i) for i in items):
        return items
    return [part]


def _verb_surface_lemma(token: Token, cues: ClaimCues) -> tuple[str, str]:
    """The effect or result verb a word written as a present-tense verb is, with the subject number it agrees
    with: "inhibits" -> ("inhibit", "singular"), "cause" -> ("cause", "plural"); ("", "") for any other word."""
    lower = token.lower_
    verbs = {**cues.effect_direction, **cues.result_verbs}
    if lower in verbs:
        return lower, "plural"
    if not lower.endswith("s"):
        return "", ""
    stems = [lower[:-1], lower[:-2] if lower.endswith("es") else "", lower[:-3] + "y" if lower.endswith("ies") else ""]
    stem = next((s for s in stems if s and s in verbs), "")
    return (stem, "singular") if stem else ("", "")


def _first_preposition(tokens: list[Token]) -> int:
    return next((t.i for t in tokens if t.pos_ == "ADP"), tokens[-1].i + 1)


def _noun_phrase_before(verb: Token, ends: set[str]) -> list[Token]:
    """The words before a misread verb that can make its subject's noun phrase: back to the clause's start (a
    clause end, a subordinator, a verb or the sentence's start), keeping nouns, names, adjectives, numbers,
    determiners and "in"/"of" phrases ("biallelic mutations in EPRS1")."""
    doc, words = verb.doc, []
    for token in reversed(doc[verb.sent.start : verb.i]):
        if token.lower_ in ends or token.lower_ in RELATIVE_PRONOUNS or token.pos_ in ("VERB", "AUX", "SCONJ", "PRON"):
            break
        if token.pos_ == "ADP" and token.lower_ not in ("in", "of"):
            break
        glued = token.text in ("(", ")") and token.i > 0 and not doc[token.i - 1].whitespace_  # "EPRS1(N1)"
        if token.text in ("(", ")") and not glued:
            break
        if token.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "DET", "ADP", "PUNCT", "X"):
            break
        words.insert(0, token)
    while words and (words[0].pos_ in ("DET", "ADP", "PUNCT") or words[0].text == "-"):
        words.pop(0)
    return words if 0 < len(words) <= 8 else []


def _named_agent(tokens: list[Token], context: SentenceContext, cues: ClaimCues, discourse: Discourse) -> str:
    """The agent a misread clause's noun phrase names: a known mention, or a phrase naming a specific thing (a name
    with capitals or digits, a word general English does not know) or an agent noun with its modifiers; topics,
    measures and people are no agents."""
    indices = {t.i for t in tokens}
    mention = best_mention(mentions_in(indices, context))
    before = [t for t in tokens if t.i < _first_preposition(tokens)]
    head = next((t for t in reversed(before) if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or head.lemma_.lower() in cues.raw["non_agent_heads"] or is_investigator(head, cues):
        return ""
    if head.lemma_.lower() in cues.raw["people_and_bodies"]:
        return ""
    text = span_text(head.doc, [t.i for t in tokens if not (t.dep_ == "det" and t.i == tokens[0].i)])
    named = any(t.pos_ == "PROPN" or any(ch.isupper() or ch.isdigit() for ch in t.text[1:]) for t in tokens)
    named = named or any(is_specific_name(t) for t in tokens)
    agentive = head.lemma_.lower() in cues.agent_heads or head.lemma_.lower() in cues.raw["agent_modifier_heads"]
    if mention or named or agentive and len(tokens) > 1:
        return text
    return ""


def _distributed_shared_head(claim: Claim, cues: ClaimCues) -> list[Claim]:
    """ "decreased IL-1β, IL-6 and TNF-α levels": names listed before one measure noun they share are one effect
    each ("IL-1β levels", "IL-6 levels", "TNF-α levels"). Only short name-like items (a capital or a digit:
    genes, proteins, ions) are split; "reactive oxygen species levels" or "serum and liver levels" are left whole."""
    match = re.fullmatch(r"(?P<lead>(?:[a-z-]+\s+)?)(?P<items>.+?)\s+(?P<head>[a-zA-Z-]+)", claim.object)
    if not match or match.group("head").lower() not in cues.raw["shared_measure_heads"]:
        return [claim]
    name_like = re.compile(r"\S*[A-Z0-9]\S*")
    items = []
    for item in (i.strip() for i in COORDINATION.split(match.group("items")) if i.strip()):
        words = item.split()
        # "IL-1β IL-6": two names the text's commas no longer separate
        items += words if len(words) > 1 and all(name_like.fullmatch(w) for w in words) else [item]
    if len(items) < 2 or not all(len(i.split()) <= 2 and name_like.search(i) for i in items):
        return [claim]
    parts = []
    for item in items:
        part = copy.copy(claim)
        part.object = f"{match.group('lead')}{item} {match.group('head')}"
        parts.append(part)
    return parts


def _ends_in_noun(part: str, context: SentenceContext) -> bool:
    """Whether the phrase, as written in the sentence, ends in a noun (a whole agent, not a premodifier)."""
    last = part.split()[-1]
    tokens = [t for t in context.sent if t.text == last]
    return bool(tokens) and all(t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("amod", "compound") for t in tokens)


COORDINATION = re.compile(r",\s*(?:and|or|and/or)\s+|\s+(?:and|or|and/or)\s+|,\s+")


def _distributed_subjects(claim: Claim, context: SentenceContext) -> list[Claim]:
    """ "The hydroalcoholic extract and the essential oil inhibited Y", "treatment with EOS1 and BIS reduced Y": each
    coordinated agent has the effect. Names only (at most five words each, no bracket cut in two); a phrase whose
    coordination sits inside an of-phrase stays whole ("the secretion of A and B" is one agent's name)."""
    subject = claim.subject
    if subject.count("(") != subject.count(")") or re.search(r"\([^)]*(?:,| and | or )", subject):
        return [claim]
    parts = [p.strip() for p in COORDINATION.split(subject) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 5 for p in parts):
        return [claim]
    if " of " in parts[-1] and not any(" of " in p for p in parts[:-1]):
        return [claim]  # "extract and essential oil of S. hortensis": the of-phrase is shared, keep the whole
    if not all(_ends_in_noun(part, context) for part in parts[:-1]):
        return [claim]  # "ethanolic and aqueous extracts", "both intrathecal and oral administration": shared head
    # "controlling the particle size and surface capping": the gerund governs every coordinated object
    first = subject.split()[0]
    gerund = first if any(t.text == first and t.tag_ == "VBG" for t in context.sent) else ""
    copies = []
    for index, part in enumerate(parts):
        part = re.sub(r"^(?:the|a|an)\s+", "", part, flags=re.I)
        if gerund and index and not part.split()[0].endswith("ing"):
            part = f"{gerund} {part}"
        copies.append(replace(claim, subject=part))
    return copies


CONTROL_ARMS = re.compile(r"\b(?:control|placebo|usual care|standard care|sham|untreated)\b", re.I)
ARM_NOUNS = re.compile(r"\b(?:groups?|arms?)\b", re.I)


def _no_difference_effects(context: SentenceContext) -> list[Claim]:
    """ "No significant difference was found in Y between the physical activity and control groups": a negated
    finding of the arm that is not the control (named in the between-phrase), on what the in-phrase names."""
    claims = []
    doc = context.sent.doc
    for noun in context.sent:
        if noun.lemma_.lower() != "difference" or not any(c.lower_ == "no" for c in noun.children):
            continue
        holders = [noun, noun.head] if noun.dep_ in ("nsubjpass", "nsubj", "attr", "dobj") else [noun]
        preps = [c for h in holders for c in h.children if c.dep_ == "prep"]
        measured = next((p for p in preps if p.lower_ == "in"), None)
        if measured is None:
            continue
        # the between-phrase may hang on the verb, the noun or anywhere in the measure ("in rates of X at Y between")
        clause = holders[-1].subtree
        between = next((p for p in clause if p.dep_ == "prep" and p.lower_ == "between" and p.i > noun.i), None)
        if between is None:
            continue
        arm_tokens = [t for t in between.subtree if t.i > between.i]
        arm_tokens = arm_tokens[: next((k for k, t in enumerate(arm_tokens) if t.text in "([;"), len(arm_tokens))]
        arms_text = span_text(doc, [t.i for t in arm_tokens if t.dep_ != "det"])  # without the bracketed figures
        arms = [a.strip() for a in re.split(r"\s+(?:and|versus|vs\.?|v)\s+|,\s*", ARM_NOUNS.sub("", arms_text))]
        treated = [a for a in arms if a and not CONTROL_ARMS.search(a)]
        if len(treated) != 1 or len(arms) < 2:
            continue  # "between the groups": the arms are not named here
        modifiers = [c for c in noun.children if c.i < noun.i and c.dep_ in ("det", "amod")]
        measure = span_text(doc, [t.i for t in measured.subtree if t.i not in {b.i for b in between.subtree}])
        text = f"{span_text(doc, [m.i for m in modifiers] + [noun.i])} {measure}"
        claim = _effect_claim(context, noun, treated[0], text, "none", "effect:no-difference")
        claim.negated = True
        claims.append(claim)
    return claims


def nominal_direction(noun: Token, cues: ClaimCues) -> str:
    """ "inhibition", "induction", "reduction": the direction of a noun that names an effect by its verb, or ""."""
    frame = cues.raw["effect_nominalizations"]
    word = noun.lemma_.lower() if noun.pos_ == "NOUN" else ""
    return next((d for d in ("decrease", "increase") if word in frame[d] or noun.lower_ in frame[d]), "")


def _nominal_effects(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "EPRS1-deficient cells showed considerable attenuation of the production of antiviral cytokines", "the plant
    extract can modulate immune response by induction of CD40 expression": a noun naming an effect by its verb
    (models/claims/cues.json "effect_nominalizations"), with its target in an of/in/on-phrase, is an effect of the
    agent when a verb of showing or producing has the agent bring it about, or when it is the means ("by/through/via")
    of the agent's clause. Result verbs ("caused a reduction in Y") are read by _result_effect."""
    frame = cues.raw["effect_nominalizations"]
    claims = []
    for noun in context.sent:
        direction = nominal_direction(noun, cues)
        if not direction or noun.i in context.consumed:
            continue
        if not any(c.dep_ == "prep" and c.lower_ in ("of", "in", "on") for c in noun.children):
            continue  # "showed inhibition" names no target
        verb = None
        if noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in frame["show_verbs"]:
            verb = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ in frame["means_preps"] and noun.head.dep_ == "prep":
            verb = next((a for a in noun.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            passive = verb is not None and (
                any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
                or (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children))
            )
            if passive:
                verb = None  # "pain was reduced by inhibition of COX", "mediated through inhibition": a cause
        if verb is None or _is_inquiry(verb, cues) or _is_requirement(verb, cues):
            continue
        subject_text = _with_agent(noun, verb, cues) or _effect_subject(verb, context, discourse, cues)
        if not subject_text:
            continue
        # "attenuation of the production of antiviral cytokines such as IFN-β and IL-6": the effect is the umbrella
        # as stated; the examples deep in its of-phrase are not each a separate effect of the verb
        examples = {
            t.i
            for prep in noun.subtree
            if prep.lower_ == "as" and prep.dep_ == "prep" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"
            for t in [prep.doc[prep.i - 1], *prep.subtree]
        }
        for text, part_direction in _object_parts(noun, direction, context, cues, examples):
            # anchored on the noun: the effect is written without the verb of showing ("showed inhibition of Y")
            claim = _effect_claim(context, noun, subject_text, text, part_direction, "effect:nominal")
            claim.hedged = claim.hedged or is_hedged(context.sent, verb, cues)
            claim.negated = claim.negated or verb_negated(verb, cues)
            claims.append(claim)
    return claims


def _with_agent(noun: Token, verb: Token, cues: ClaimCues) -> str:
    """ "The study has shown significant improvement in IDFS with abemaciclib": when a study or the authors report
    the effect, the treatment it comes with (a with-phrase on the effect noun) is its agent."""
    subject = clause_subject(verb)
    if subject is None or not (
        is_investigator(subject, cues) or subject.lemma_.lower() in cues.raw["report_subject_heads"]
    ):
        return ""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "with"):
        agent = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
        if agent is not None and agent.lemma_.lower() not in cues.raw["non_agent_heads"]:
            return noun_phrase_text(agent)
    return ""


def _group_comparisons(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "The levels of IL-10 were significantly lower in EPRS1-deficient mice than in wild-type mice", "the score was
    higher for the physical activity group compared with the control group": a measure compared between study groups
    under a copula. The group set apart by a condition (models/claims/cues.json "group_comparison") is the agent; the
    comparative with its degree adverb and the measure (without the group) is the effect."""
    frame = cues.raw["group_comparison"]
    directions = {word: d for d, words in frame["direction"].items() for word in words}
    claims = []
    compared: dict[int, str] = {}  # copula -> the group its comparison was stated for
    for word in context.sent:
        degree = [c for c in word.children if c.dep_ == "advmod" and c.lower_ in ("more", "less")]
        comparative = word.lower_ if word.tag_ in ("JJR", "RBR") else degree[0].lower_ if degree else ""
        direction = directions.get(comparative)
        if not direction or word.pos_ not in ("ADJ", "ADV") or word.dep_ not in ("acomp", "oprd"):
            continue
        copula = word.head
        if copula.lemma_ != "be" or word.i in context.consumed:
            continue
        subject = next((c for c in copula.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        if subject is None or subject.lemma_.lower() in frame["group_heads"]:
            continue  # "the mice were heavier": the group itself, no measure named
        group = _compared_group(copula, word, subject, cues)
        agent = group_agent(group, cues) if group is not None else ""
        agent = agent or _compared_condition(copula, word, cues)
        if not agent and copula.dep_ in ("advcl", "conj") and copula.head.i in compared:
            # "IL-10 levels were lower in EPRS1-deficient mice ..., whereas the levels of proinflammatory cytokines
            # were higher": the contrasted clause leaves its group unsaid; it is the first clause's
            agent = compared[copula.head.i]
        if not agent:
            continue
        compared[copula.i] = agent
        group_tokens = {t.i for t in group.subtree} if group is not None else set()
        dropped = group_tokens | {
            t.i for c in subject.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree
        }
        measure = [t.i for t in subject.subtree if t.i not in dropped and not (t.dep_ == "det" and t.head == subject)]
        while measure and subject.doc[measure[-1]].pos_ in ("ADP", "PUNCT", "CCONJ"):
            measure.pop()  # "the survival rate of": the of-phrase that named the group is gone
        adverbs = [c.i for c in word.children if c.dep_ == "advmod" and c.i < word.i]
        for items in [*_fronted_group_measures(group, subject), measure]:
            text = f"{span_text(word.doc, adverbs + [word.i])} {span_text(word.doc, items)}"
            if is_content_object(span_text(word.doc, items)):
                claims.append(_effect_claim(context, copula, agent, text, direction, "effect:group-comparison"))
    return claims


def _compared_condition(copula: Token, word: Token, cues: ClaimCues) -> str:
    """ "The extension of all fingers was significantly higher with the optimal patterns as compared to the control
    measurements": a measure compared between conditions; the condition in the with-phrase is the agent when the
    clause names what it is compared with (than / compared / versus)."""
    if not any(t.lower_ in COMPARISON_WORDS for t in copula.subtree):
        return ""
    # "The behavioral outcome obtained with stimulation at the optimal pattern was significantly higher than that
    # obtained from the control measurements": the condition may hang on the measure's participle of obtaining
    obtaining = treatment_words()["obtaining_verbs"]
    measures = [c for c in copula.children if c.dep_ == "nsubj"]
    participles = [
        c for m in measures for c in m.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in obtaining
    ]
    for holder in (word, copula, *participles):
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "with"):
            agent = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
            if agent is not None and agent.lemma_.lower() not in cues.raw["non_agent_heads"]:
                return noun_phrase_text(agent)
    return ""


def _fronted_group_measures(group: Token | None, subject: Token) -> list[list[int]]:
    """ "In EPRS1-deficient mice, body weight loss, disease activity scores, and damage scores were higher": after a
    fronted group phrase the parser hangs the measure list's first items on the group noun as its conjuncts and
    keeps only the last item as the subject. Those conjuncts, between the group and a subject that closes the list
    ("and/or" before it), are measures of the same comparison; each item without its own conjuncts."""
    if group is None or group.i > subject.i:
        return []
    start = subject.left_edge.i
    if start == 0 or subject.doc[start - 1].lower_ not in ("and", "or"):
        return []
    items, queue = [], [c for c in group.children if c.dep_ == "conj"]
    while queue:
        item = queue.pop(0)
        if not group.i < item.i < start:
            continue
        queue += [c for c in item.children if c.dep_ == "conj"]
        nested = {t.i for c in item.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        own = [t.i for t in item.subtree if t.i not in nested and t.dep_ != "det" and not t.is_punct]
        items.append(own)
    return items


COMPARISON_WORDS = {"than", "versus", "vs", "vs.", "compared", "relative"}


def _existential_group_comparisons(context: SentenceContext, cues: ClaimCues) -> list[Claim]:
    """ "There were significantly fewer deliveries by caesarean section in the physical activity group than in the
    control group": an existential clause whose noun carries a comparative states a measure compared between study
    groups; the group named by its condition in an in/for/among phrase anywhere in the noun phrase is the agent."""
    frame = cues.raw["group_comparison"]
    directions = {word: d for d, words in frame["direction"].items() for word in words}
    doc = context.sent.doc
    claims = []
    for noun in context.sent:
        if noun.dep_ != "attr" or noun.head.lemma_ != "be" or not any(c.dep_ == "expl" for c in noun.head.children):
            continue
        comparative = next((c for c in noun.children if c.dep_ == "amod" and c.lower_ in directions), None)
        if comparative is None:
            continue
        compared = {t.i for c in noun.subtree if c.lower_ in COMPARISON_WORDS and c.dep_ == "prep" for t in c.subtree}
        group = None
        for prep in (t for t in noun.subtree if t.dep_ == "prep" and t.lower_ in ("in", "for", "among")):
            if prep.i in compared:
                continue
            candidate = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if candidate is not None and group_agent(candidate, cues):
                group = prep
                break
        if group is None:
            continue
        cut = compared | {t.i for t in group.subtree}
        cut |= {t.i for c in noun.subtree if c.dep_ == "appos" or c.text == "(" for t in c.subtree}
        measure = [t.i for t in noun.subtree if t.i not in cut and not (t.dep_ == "det" and t.head.i == noun.i)]
        text = span_text(doc, measure)  # with the comparative and its degree adverb ("significantly fewer")
        if not is_content_object(text):
            continue
        agent = group_agent(next(g for g in group.children if g.dep_ == "pobj"), cues)
        direction = directions[comparative.lower_]
        claims.append(_effect_claim(context, noun.head, agent, text, direction, "effect:group-comparison"))
    return claims


def _group_possession_comparisons(context: SentenceContext, cues: ClaimCues) -> list[Claim]:
    """ "Eprs1+/- mice carry higher viral loads and higher numbers of infiltrating inflammatory cells than their
    counterparts": a study group set apart by its condition has, shows or carries measures that a comparative sets
    against another group; each coordinated measure with its comparative is an effect of the group (the verbs are
    models/claims/cues.json "group_comparison" "possession_verbs"; a comparison word must be in the clause)."""
    frame = cues.raw["group_comparison"]
    directions = {word: d for d, words in frame["direction"].items() for word in words}
    claims = []
    for verb in context.sent:
        # the verb may be taken by the possession frames (an advantage the group "has"), which a study group never
        # owns: not checked against context.consumed
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in frame["possession_verbs"]:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        agent = group_agent(subject, cues) if subject is not None else ""
        if not agent or not any(t.lower_ in COMPARISON_WORDS for t in verb.subtree):
            continue
        first = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        for measure in [first, *first.conjuncts] if first is not None else []:
            comparative = next((c for c in measure.children if c.dep_ == "amod" and c.lower_ in directions), None)
            if comparative is None or comparative.i > measure.i:
                continue
            cut = {
                t.i
                for c in measure.subtree
                if c.dep_ in ("conj", "cc", "appos") and c.head.i == measure.i or c.lower_ in COMPARISON_WORDS
                for t in c.subtree
            }
            text = span_text(context.sent.doc, [t.i for t in measure.subtree if t.i not in cut])
            if is_content_object(text):
                direction = directions[comparative.lower_]
                claims.append(_effect_claim(context, verb, agent, text, direction, "effect:group-comparison"))
    return claims


def _compared_group(copula: Token, word: Token, subject: Token, cues: ClaimCues) -> Token | None:
    """The noun naming the group a measure is stated for: "in/for/among X" on the copula or the comparative, or the
    measure's own of-phrase ("the survival rate of Eprs1+/- mice")."""
    preps = cues.raw["group_comparison"]["preps"]
    holders = [(copula, ("in", "for", "among")), (word, ("in", "for", "among")), (subject, ("of", "in"))]
    for holder, allowed in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in allowed and c.lower_ in preps):
            noun = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
            if noun is not None and noun.lemma_.lower() in cues.raw["group_comparison"]["group_heads"]:
                return noun
    return None


def group_agent(noun: Token, cues: ClaimCues) -> str:
    """ "EPRS1-deficient mice", "mice lacking S6K1", "the physical activity group": a group of study units named by the
    condition that sets it apart (a premodifier or a participle clause), not a control group nor a bare "mice"."""
    frame = cues.raw["group_comparison"]
    if noun is None or noun.lemma_.lower() not in frame["group_heads"] and noun.lower_ not in frame["group_heads"]:
        return ""
    controls = set(frame["control_words"])
    # the group's own words: not its coordinated nouns, relative clause or the comparison ("than in WT mice")
    cut = {
        t.i
        for c in noun.children
        if c.dep_ in ("conj", "cc", "relcl") or c.lower_ in COMPARISON_WORDS
        for t in c.subtree
    }
    phrase = [t for t in noun.subtree if t.i not in cut]
    if any(t.lower_ in controls or t.lemma_.lower() in controls for t in phrase):
        return ""
    conditions = [
        c
        for c in noun.children
        if (c.i < noun.i and c.dep_ in ("amod", "compound", "nmod", "nummod") and re.search(r"[A-Za-z]", c.text))
        and c.lower_ not in cues.generic_modifiers
        or (c.i > noun.i and c.dep_ == "acl" and c.tag_ in ("VBG", "VBN"))
    ]
    if not conditions:
        return ""
    text = span_text(noun.doc, [t.i for t in phrase if not (t.dep_ == "det" and t.head == noun)])
    text = PARENTHESIS.sub("", text).strip()
    return text if len(text.split()) <= 10 else ""


def _is_predicate(word: Token) -> bool:
    """ "X is required for", "X was found to be more susceptible to": the adjective (or passive participle) is the
    predicate of a clause with a copula or passive auxiliary, not a modifier of a noun ("the required dose")."""
    if word.pos_ not in ("ADJ", "VERB") or word.dep_ in ("amod", "compound", "nmod"):
        return False
    if word.dep_ in ("acomp", "oprd") and word.head.lemma_ == "be":
        return True
    return any(c.dep_ in ("cop", "auxpass", "aux") and c.lemma_ == "be" for c in word.children)


def _predicate_effect(word: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "Phosphorylation of X is required for Y and Z", "teucrioside was effective in inhibiting calcineurin",
    "rosemary oil is most active against Gram-negative bacteria": an agent's effect stated by a predicate
    adjective and its preposition (models/claims/cues.json "effect_adjectives"); one effect per coordinated item,
    the adjective (with "more"/"most") kept in the effect as written."""
    frame = cues.raw["effect_adjectives"][word.lower_]
    if _is_inquiry(word, cues) or _is_requirement(word, cues):
        return []
    preps = [c for c in word.children if c.dep_ == "prep" and c.lower_ in frame["preps"]]
    if not preps:
        return []
    subject_text = _effect_subject(word, context, discourse, cues)
    if not subject_text or lexicon_type(subject_text) == "method":
        return []  # "CNNs are effective in ..." evaluates a method (an advantage), not a treatment's effect
    degree = [c for c in word.children if c.dep_ == "advmod" and c.lower_ in ("more", "most", "less", "least")]
    predicate = " ".join([*(d.text for d in degree), word.text])
    direction = frame["direction"] or "none"
    anchor = word.head if word.dep_ in ("acomp", "oprd") else word
    claims = []
    for prep in preps:
        for target in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
            if target.pos_ in ("VERB", "AUX") and target.lemma_.lower() in cues.effect_direction:
                continue  # "effective in increasing A and B": the effect verb itself gives one effect per object
            if target.pos_ in ("VERB", "AUX"):
                parts = [span_text(word.doc, [t.i for t in target.subtree])]
            elif target.pos_ in ("NOUN", "PROPN"):
                parts = [text for text, _ in _object_parts(target, direction, context, cues)]
            else:
                continue
            for part in parts:
                claim = _effect_claim(
                    context, anchor, subject_text, f"{predicate} {prep.text} {part}", direction, "effect:predicate"
                )
                claims.append(claim)
    return claims


def _procedure_section(section_path: str, cues: ClaimCues) -> bool:
    headings = {re.sub(r"^[\d.\s]+", "", part).strip().lower() for part in section_path.split(">")}
    return bool(headings & set(cues.raw["procedure_sections"]))


def _consequence_clause(verb: Token) -> bool:
    """ "X blocks Y, leading to increased Z": a participle clause set off by a comma states a further effect of the
    clause's agent (not of the noun it happens to hang on)."""
    if not (verb.i > verb.sent.start and verb.doc[verb.i - 1].text == ","):
        return False
    anchor = next((a for a in verb.ancestors if a.pos_ == "VERB"), None)
    cues = load_cues()
    return anchor is not None and (
        anchor.lemma_.lower() in cues.effect_direction or anchor.lemma_.lower() in cues.result_verbs
    )


def _verbless_effect(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "Exercise training improved insulin sensitivity": when the parser finds no verb and reads the effect verb
    as an adjective of the object, the noun phrase before it is the subject and the modified noun the object."""
    sent = context.sent
    clause_deps = ("ROOT", "conj", "ccomp", "advcl", "xcomp", "relcl")
    reported = _misread_reported_clause(context, discourse, cues)
    if reported:
        return reported
    if sent.root.pos_ not in ("NOUN", "PROPN") or any(
        t.pos_ in ("VERB", "AUX") and t.dep_ in clause_deps for t in sent
    ):
        return []
    for token in sent:
        direction = cues.effect_direction.get(token.lemma_.lower())
        if not direction or token.dep_ != "amod" or token.tag_ not in ("VBD", "VBN") or token.head.i <= token.i:
            continue
        subject_tokens = [t for t in sent if t.i < token.i and not t.is_punct]
        subject = _agent_text(subject_tokens, context, cues, discourse) if subject_tokens else ""
        if not subject:
            return []
        obj = token.head
        dropped = {t.i for c in obj.children if c.dep_ == "prep" for t in c.subtree}
        # "X inhibited A and reduced B": a second effect verb misread as the modifier of a coordinated noun is a
        # second predicate of the same subject, with its own direction
        predicates = [(token, obj, direction)]
        for conjunct in (c for c in obj.conjuncts if c.i > obj.i):
            verb = next((m for m in conjunct.lefts if m.dep_ == "amod" and m.tag_ in ("VBD", "VBN")), None)
            verb_direction = cues.effect_direction.get(verb.lemma_.lower()) if verb is not None else None
            if verb is None or not verb_direction or verb.i != conjunct.left_edge.i:
                continue
            predicates.append((verb, conjunct, verb_direction))
            dropped |= {t.i for t in conjunct.subtree} | {c.i for c in obj.children if c.dep_ == "cc"}
        claims = []
        for verb, noun, verb_direction in predicates:
            own = {t.i for t in noun.subtree if t.i > verb.i} - dropped if noun is obj else _without_preps(noun, verb)
            text = span_text(sent.doc, own)
            claims.append(_effect_claim(context, verb, subject, text, verb_direction, "effect:verbless"))
        return claims
    return []


def _without_preps(noun: Token, verb: Token) -> set[int]:
    """The noun phrase after a misread verb, without its prepositional phrases (where the clause's circumstances
    hang)."""
    dropped = {t.i for c in noun.children if c.dep_ == "prep" for t in c.subtree}
    return {t.i for t in noun.subtree if t.i > verb.i} - dropped


def _misread_reported_clause(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "X observed that test-time sampling improved calibration of the predictions": the parser may read the
    reported clause as one noun phrase ("that" a determiner, the effect verb an adjective of the object). A past
    participle of an effect verb right after a noun, inside the object of a reporting verb that opens with "that",
    is the clause's verb: the words between "that" and it are the subject, its noun the object. The misread phrase
    may also nest the verb deeper ("data have shown that the ethanolic extract of rosemary inhibited acetic
    acid-induced pain": the verb modifies the noun of an of-phrase), and the noun before the verb may be tagged as an
    adjective ("rosemary"); a clause of its own between "that" and the verb means the parse is no such misreading."""
    sent = context.sent
    for token in sent:
        direction = cues.effect_direction.get(token.lemma_.lower())
        if not direction or direction == "none" or token.dep_ != "amod" or token.tag_ not in ("VBD", "VBN"):
            continue
        obj = next((a for a in token.ancestors if a.dep_ in ("dobj", "obj")), None)
        if obj is None or token.head.i <= token.i or obj.head.lemma_.lower() not in cues.raw["reporting_verbs"]:
            continue
        that = next((t for t in obj.subtree if t.lower_ == "that" and t.i < token.i), None)
        if that is None or that.i != obj.left_edge.i or not _ends_noun_phrase(sent.doc[token.i - 1]):
            continue
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in sent.doc[that.i : token.i]):
            continue
        obj = token.head
        subject_tokens = [t for t in sent.doc[that.i + 1 : token.i] if not t.is_punct or t.text == "-"]
        subject = _agent_text(subject_tokens, context, cues, discourse)
        if not subject or len(subject.split()) > 8:
            # the agent phrase of a noun whose of-phrase holds the misread verb runs on past it: the words before it
            subject = span_text(sent.doc, [t.i for t in subject_tokens if t.dep_ != "det"])
        if not subject or len(subject.split()) > 8:
            continue
        text = span_text(sent.doc, [t.i for t in obj.subtree if t.i > token.i])
        return [_effect_claim(context, token, subject, text, direction, "effect:verbless")]
    return []


def _ends_noun_phrase(token: Token) -> bool:
    """A word that can end the subject before a misread verb: a noun, or a bare word the tagger took for an adjective
    ("rosemary"), not one joined by a hyphen to the verb's own modifier ("acid-induced")."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    return (
        token.pos_ == "ADJ"
        and token.is_alpha
        and token.whitespace_ != ""
        and token.i > 0
        and token.doc[token.i - 1].lower_ in ("of", "from")
    )


def _is_requirement(verb: Token, cues: ClaimCues) -> bool:
    """ "we should select ... to improve Y": a recommendation, not a finding."""
    chain = [verb, *verb.ancestors]
    return any(c.dep_ == "aux" and c.lower_ in cues.raw["deontic_modals"] for token in chain for c in token.children)


def _is_inquiry(verb: Token, cues: ClaimCues) -> bool:
    """ "to determine the mechanism through which X is prevented", "investigated whether X reduces Y": asked, not
    claimed. A "that"-clause ("found that ...") is a claim."""
    for token in [verb, *verb.ancestors]:
        marks = [c.lower_ for c in token.children if c.dep_ in ("mark", "advmod", "nsubj", "pobj", "prep")]
        if token.dep_ == "relcl":
            marks = [m for m in marks if m not in RELATIVE_PRONOUNS]  # "events, which prevents Y": a relative
        if any(m in cues.raw["inquiry_markers"] for m in marks):
            return True
        if "that" in [c.lower_ for c in token.children if c.dep_ == "mark"]:
            return False
        if token is not verb and token.lemma_.lower() in cues.raw["inquiry_verbs"]:
            return True
    return False


def _verb_effect(
    verb: Token, direction: str, context: SentenceContext, discourse: Discourse, cues: ClaimCues
) -> list[Claim]:
    if (
        _is_inquiry(verb, cues)
        or _is_requirement(verb, cues)
        or _procedure_purpose(verb)
        or _purpose_clause(verb, cues)
    ):
        return []
    if _means_of_change(verb, cues):
        return []  # "Y was increased by prolonging the reaction time": the gerund is what acts, read on its head verb
    if _predicted(verb, cues):
        return []  # "the network will promote Y", "such an intervention would raise Y": a prediction, not a finding
    if verb.lemma_.lower() in cues.raw["appearance_verbs"] and not any(
        c.dep_ == "prep" and c.lower_ in cues.raw["temporal_cause_preps"] for c in verb.children
    ):
        return []  # "senescence occurs after multiple passages" is an effect; "mutations occur in targets" is not
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    # "elicits potent antitumor immunity": the parser may hang the object under a predicative adjective.
    objects = objects or [g for c in verb.children if c.dep_ == "oprd" for g in c.children if g.dep_ == "dobj"]
    # "to enhance targeting efficacy": a gerund parsed as the verb's complement is the object.
    objects = objects or [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"]
    subject_text = ""
    if passive:
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"] or (
            [clause_subject(verb)] if clause_subject(verb) is not None else []
        )
        if not patients:
            return []
        objects = patients
        agents = [c for c in verb.children if c.dep_ == "agent" and not _is_comparison(c)]
        for agent in agents:
            subject_text = _agent_text(list(agent.subtree), context, cues, discourse)
            if subject_text:
                break
        subject_text = subject_text or _means_gerund_text(verb)
    elif not objects and verb.lemma_.lower() in cues.ergative:
        subject = clause_subject(verb)
        if subject is None:
            return []
        # "the rate of Y and the yield of Z significantly increased": the parser may give the verb two subjects
        objects = [c for c in verb.children if c.dep_ == "nsubj"] if subject.head.i == verb.i else []
        objects = objects or [subject]
        subject_text = _means_gerund_text(verb)  # "the yield decreased by decreasing the catalyst loading"
    elif objects:
        subject_text = _effect_subject(verb, context, discourse, cues)
    else:
        return []
    if not subject_text:
        subject_text = _cause_subject(verb, context, discourse, cues)
    if not subject_text and (passive or verb.lemma_.lower() in cues.ergative):
        subject_text = _cause_phrase(verb, cues)  # "Y decreases with prolonged fixation": what the change comes with
        if not subject_text and verb.dep_ == "conj":
            # "In the presence of X, A was 7.04% and B rose to 1.33%": a fronted cause holds for the coordinated clause
            subject_text = _cause_phrase(verb.head, cues)
    if not subject_text and passive and opens_with(context.sent, _reported_by_authors(verb, cues), cues.continuation):
        subject_text = discourse.effect_subject
    origin = ""  # where a subject the verb's own phrases do not give came from, for the claim's cue
    if not subject_text and (passive or verb.lemma_.lower() in cues.ergative):
        subject_text = condition_treatment(verb)  # "the yield was decreased to 78.6% when using ZnCl2 as a catalyst"
        origin = ":subject-condition" if subject_text else ""
    if not subject_text and (passive or verb.lemma_.lower() in cues.ergative):
        subject_text = _context_treatment(verb, context, discourse, cues)  # "IL-6 was decreased in these animals"
        origin = ":subject-treatment" if subject_text else ""
    if not subject_text:
        return []
    means = subject_text == _means_gerund_text(verb)  # "regulated by controlling the particle size": a practice acts
    if (
        direction == "none"
        and not means
        and not verb_negated(verb, cues)
        and not _is_strict_agent(subject_text, context, cues)
    ):
        return []  # "X affects Y" needs a clear treatment; "X did not affect Y" is a finding about any X
    claims = []
    for obj in objects:
        if obj.like_num or obj.pos_ in ("NUM", "PRON"):
            continue  # a citation number or a bare pronoun is no effect
        for text, obj_direction in _object_parts(obj, direction, context, cues):
            claims.append(_effect_claim(context, verb, subject_text, text, obj_direction, f"effect:verb{origin}"))
    return claims


def _predicted(verb: Token, cues: ClaimCues) -> bool:
    """ "which will promote efficient management", "an intervention offered in routine healthcare would raise Y": a
    future or conditional auxiliary (models/claims/cues.json "prediction_auxiliaries") states what is expected or
    supposed, not what was found."""
    return any(c.dep_ == "aux" and c.lower_ in cues.raw["prediction_auxiliaries"] for c in verb.children)


def _means_gerund(verb: Token) -> Token | None:
    """ "Y was increased by prolonging the reaction time", "the yield decreased by decreasing the catalyst loading": a
    gerund after "by" on a passive or on an intransitive change verb names the practice that brings the change about
    (the gerund is the means, the clause's subject the thing changed). On an active verb with an object ("X reduces Y
    by inhibiting Z") the gerund is how the subject acts, and stays an effect of that subject."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if not passive and any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return None
    for by in (c for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"):
        gerund = next((g for g in by.children if g.dep_ == "pcomp" and g.tag_ == "VBG" and g.pos_ == "VERB"), None)
        if gerund is not None:
            return gerund
    return None


def _means_of_change(verb: Token, cues: ClaimCues) -> bool:
    """The gerund of "Y was increased by prolonging X" (see _means_gerund), when its head verb states a change."""
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or verb.head.lower_ != "by":
        return False
    head = verb.head.head
    changes = head.lemma_.lower() in cues.effect_direction or head.lemma_.lower() in cues.ergative
    # "by decreasing the dosage, the activity was higher": a comparative under a copula states the change
    changes = changes or head.lemma_ == "be" and any(c.dep_ == "acomp" and c.tag_ == "JJR" for c in head.children)
    means = _means_gerund(head)
    return changes and means is not None and means.i == verb.i


def _means_gerund_text(verb: Token) -> str:
    """The means gerund's phrase, without the alternatives coordinated to it ("or through functionalization")."""
    gerund = _means_gerund(verb)
    if gerund is None:
        return ""
    cut = {t.i for c in gerund.children if c.dep_ in ("cc", "conj", "advcl", "relcl") for t in c.subtree}
    tokens = [t.i for t in gerund.subtree if t.i not in cut]
    while tokens and gerund.doc[tokens[-1]].is_punct and gerund.doc[tokens[-1]].text not in ")%":
        tokens.pop()
    text = span_text(gerund.doc, tokens)
    if text.count("(") > text.count(")"):
        text = text[: text.rindex("(")].strip()  # an example bracket the parse did not close ("(e.g., pH")
    return text if 1 < len(text.split()) <= 14 else ""


def _reported_by_authors(verb: Token, cues: ClaimCues) -> Token:
    """ "Furthermore, the authors noted that the expression of Y was significantly decreased": an agentless finding
    reported by the investigators continues the study of the sentence before as their reporting clause does; the
    clause to test for a continuation marker is the reporting one (else the verb's own)."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lemma_.lower() not in cues.raw["reporting_verbs"]:
        return verb
    reporter = clause_subject(head)
    return head if reporter is not None and is_investigator(reporter, cues) else verb


def _procedure_purpose(verb: Token) -> bool:
    """ "The dishes were sealed with tape to prevent the oils from escaping": an infinitive of purpose under a verb
    in the past passive describes how the work was done (what was meant to happen), not a finding."""
    # an xcomp ("was shown to reduce", "were validated to promote") reports a finding; a purpose clause is an advcl
    if verb.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    cues = load_cues()
    if head.lemma_.lower() in cues.raw["reporting_verbs"] or head.lemma_.lower() in cues.raw["finding_verbs"]:
        return False  # "were validated in our study to promote Y", "was shown to reduce Y": a finding reported
    return head.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in head.children)


def _purpose_clause(verb: Token, cues: ClaimCues) -> bool:
    """ "in order to reduce potential interferences", "FlexMix tries to avoid overfitting", "are required to avoid Y":
    an infinitive that says what was meant or tried (after "in order"/"so as", or under a verb of trying or requiring:
    models/claims/cues.json "purpose_heads") is no finding of what X did."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None:
        return False
    doc = verb.doc
    if to.i >= 2 and (doc[to.i - 2].lower_, doc[to.i - 1].lower_) in (("in", "order"), ("so", "as")):
        return True
    return verb.dep_ in ("advcl", "xcomp") and verb.head.lemma_.lower() in cues.raw["purpose_heads"]


def _is_comparison(agent: Token) -> bool:
    return any(t.lemma_.lower() in ("comparison", "compare") for t in agent.subtree)


def _effect_subject(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """The treatment of an active effect verb: its subject (climbing through xcomp/conj/advcl), an instrument
    ("by/using X") when the subject is an investigator, else the sentence's method subject."""
    current, seen = verb, 0
    while current is not None and seen < 6:
        seen += 1
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS] or _stray_subject(current)
        relative = subjects and subjects[0].lower_ in RELATIVE_PRONOUNS and current.dep_ in ("relcl", "acl")
        if relative and _sentential_relative(current, subjects[0], cues):
            current = current.head.head  # "X blocks Y, which prevents Z": X prevents Z
            continue
        if current.dep_ in ("acl", "advcl") and current.tag_ == "VBG" and _consequence_clause(current):
            anchor = next((a for a in current.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if anchor is not None:
                current = anchor
                continue
        if subjects and not relative:
            subject = _dosed(subjects[0])
            practice = _gerund_practice(subject, cues)
            if practice:
                return practice
            # "the extract and carnosol inhibited ...": the anaphor among the agents, before a name wins alone
            text = coordinated_product_anaphor(subject, context, discourse, cues)
            text = text or _agent_text(list(subject.subtree), context, cues, discourse, subject, direct=current is verb)
            if text:
                return text
            if is_investigator(subject, cues):
                instrument = _instrument(verb, context, cues, discourse) or _only_treatment(context)
                if instrument:
                    return instrument
            elif current.dep_ in ("ROOT", "conj", "ccomp") and current.pos_ in ("VERB", "AUX"):
                return resolve_product_anaphor(subject, discourse, cues) or _plain_agent(
                    subject, cues
                )  # "the extract significantly reduced heat-induced pain"
            break
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
            noun = current.head
            own = [
                t for t in noun.subtree if t.i <= noun.i or t.head.i == noun.i and t.dep_ == "prep" and t.lower_ == "of"
            ]
            own = [t for t in noun.subtree if t.i <= noun.i] + [
                t for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree
            ]
            text = _agent_text(own, context, cues, discourse, noun)
            if text:
                return text
            current = current.head.head
            continue
        if current.dep_ in (
            "conj",
            "xcomp",
            "advcl",
            "pcomp",
            "prep",
            "pobj",
            "acomp",
            "ccomp",
            "acl",
            "relcl",
            "attr",
        ):
            current = current.head
            continue
        break
    instrument = _instrument(verb, context, cues, discourse)
    if instrument:
        return instrument
    return _root_method(context)


def _gerund_practice(subject: Token, cues: ClaimCues) -> str:
    """ "Adding a physical activity intervention to behavioural support did not increase cessation rates": a gerund
    clause as subject names the practice that acts, as a whole (not a name inside it); a question studied
    ("investigating X") is none."""
    if subject.tag_ != "VBG" or subject.dep_ not in ("csubj", "nsubj") or subject.pos_ != "VERB":
        return ""
    if subject.lemma_.lower() in cues.raw["inquiry_verbs"] or subject.lemma_.lower() in cues.raw["reporting_verbs"]:
        return ""
    tokens = [t.i for t in subject.subtree if t.dep_ not in ("relcl", "advcl") and not t.is_punct or t.text == "-"]
    text = span_text(subject.doc, tokens)
    return text if 1 < len(text.split()) <= 14 else ""


def _dosed(head: Token) -> Token:
    """ "all three doses of the extract", "high concentrations of carvacrol": the agent is what was dosed."""
    if head.lemma_.lower() not in QUANTITY_HEADS and head.lower_.removesuffix("s") not in QUANTITY_HEADS:
        return head
    dosed = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return dosed[0] if dosed and dosed[0].pos_ in ("NOUN", "PROPN") else head


def _stray_subject(verb: Token) -> list[Token]:
    """ "Sodium arsenite triggered ...": the parser may attach the sentence-initial noun phrase as a loose modifier
    (npadvmod, dep) instead of the subject; with no subject, the noun phrase opening the clause is it."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return []
    return [
        c
        for c in verb.children
        if c.dep_ in ("npadvmod", "dep", "nmod")
        and c.i < verb.i
        and c.pos_ in ("NOUN", "PROPN")
        and c.i == c.left_edge.i
        or c.dep_ in ("npadvmod", "dep", "nmod")
        and c.i < verb.i
        and c.pos_ in ("NOUN", "PROPN")
        and c.left_edge.i == verb.sent.start
    ][:1]


def _sentential_relative(clause: Token, pronoun: Token, cues: ClaimCues) -> bool:
    """ ", which ..." after the object of an effect verb continues that verb's chain of effects."""
    noun = clause.head
    return (
        pronoun.lower_ == "which"
        and pronoun.i > 0
        and pronoun.doc[pronoun.i - 1].text == ","
        and noun.dep_ in ("dobj", "obj", "pobj", "conj")
        and noun.head.pos_ == "VERB"
        and noun.head.lemma_.lower() in cues.effect_direction
    )


def _plain_agent(subject: Token, cues: ClaimCues) -> str:
    """A noun phrase that acts, named as written ("the ethanolic extract of rosemary", "EPRS1 deficiency", "mice
    lacking S6K1"), unless its head names a measure, a finding or a topic (models/claims/cues.json
    "non_agent_heads") or it is a pronoun."""
    if not (subject.pos_ in ("NOUN", "PROPN") or misread_noun(subject)):
        return ""
    if subject.lemma_.lower() in cues.raw["non_agent_heads"]:
        return ""
    if subject.lemma_.lower() in cues.method_heads and not _specific_modifiers(subject, cues):
        return ""  # "the method improves ..." without naming it
    named = subject.pos_ == "PROPN" or any(ch.isupper() or ch.isdigit() for ch in subject.text[1:])
    named = named or is_specific_name(subject)
    modified = any(c.dep_ in ("amod", "compound", "nmod", "prep", "acl", "npadvmod") for c in subject.children)
    if not named and not modified and subject.lemma_.lower() not in cues.agent_heads:
        return ""  # a bare "kinase", "event" or "variants" is a topic; a bare "the extract" still acts
    return noun_phrase_text(subject)


def is_specific_name(token: Token) -> bool:
    """ "marrubiin", "thymol", "carnosol": a single word that general English does not know (its lemma is not in
    the vocabulary of the parser's package) names a specific compound, drug or gene, not a topic like "kinase"."""
    word = token.lemma_.lower()
    if len(word) < 5 or not word.isalpha() or token.pos_ not in ("NOUN", "PROPN"):
        return False
    vocabulary = _general_words()
    return bool(vocabulary) and word not in vocabulary and token.lower_ not in vocabulary


@lru_cache(maxsize=1)
def _general_words() -> frozenset[str]:
    # the same word list the structure stage repairs hyphenation with (models/structure/layout.json)
    layout = json.loads((models_dir() / "structure" / "layout.json").read_text(encoding="utf-8"))
    return general_vocabulary(layout.get("vocabulary_package", ""))


def _only_treatment(context: SentenceContext) -> str:
    """ "Lee et al. ... using click chemistry to enhance Y": with the authors as subject and one method or
    treatment named in the sentence, that is what acted."""
    named = {m.text for m in context.mentions if m.source in ("lexicon", "entity") and not m.is_modifier}
    return named.pop() if len(named) == 1 else ""


def _root_method(context: SentenceContext) -> str:
    """ "Electroporation is a method to create ... and increase the permeability": the defined method."""
    root = context.sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    if root.lemma_ != "be" or not subjects:
        return ""
    mention = best_mention(mentions_in({t.i for t in subjects[0].subtree}, context, allow_modifiers=False))
    return mention.text if mention else ""


def _instrument(verb: Token, context: SentenceContext, cues: ClaimCues, discourse: Discourse) -> str:
    """ "by passive diffusion of paclitaxel", "using copper-free click chemistry", "with membrane fusion liposomes"."""
    current, candidates = verb, []
    for _ in range(4):
        # "engineered the cells with liposomes": the phrase may hang on the verb or on its object.
        holders = [current, *[c for c in current.children if c.dep_ in ("dobj", "obj")]]
        for child in (c for h in holders for c in h.children):
            if child.lower_ in cues.instrument_preps and child.dep_ in ("prep", "agent", "advcl", "xcomp", "acl"):
                candidates.append(list(child.subtree))
        if current.dep_ in ("xcomp", "advcl", "conj", "pcomp", "prep") and current.head.i != current.i:
            current = current.head
        else:
            break
    mentions = [m for tokens in candidates for m in mentions_in({t.i for t in tokens}, context)]
    if not mentions:
        return ""
    # "by passive diffusion of paclitaxel": the agent applied (a treatment) over the way it was applied.
    treatments = [m for m in mentions if lexicon_type(m.text) == "treatment"]
    return (treatments or mentions)[0].text


def _agent_text(
    tokens: list[Token],
    context: SentenceContext,
    cues: ClaimCues,
    discourse: Discourse,
    head: Token | None = None,
    direct: bool = False,
) -> str:
    """The treatment named by a noun phrase, or "" when the phrase names none (investigators, quantities, ...)."""
    if not tokens:
        return ""
    head = head or _phrase_head(tokens)
    if _dosed(head) is not head:
        head = _dosed(head)
        tokens = list(head.subtree)
    indices = {t.i for t in tokens}
    mention = best_mention(mentions_in(indices, context))
    if mention and mention.start == head.i and mention.end == head.i + 1:
        if head.lemma_.lower() in cues.method_heads or any(
            (c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ == "compound" and c.i < head.i) for c in head.children
        ):
            return noun_phrase_text(head)  # "pretreatment of the source cells", "knockdown of EPRS1"
    named = (mention.start, mention.end, mention.text) if mention else None
    if named is None:
        entity = next((e for e in head.doc.ents if e.start in indices and e.label_ in AGENT_ENTITY_LABELS), None)
        named = (entity.start, entity.end, clean_text(entity.text)) if entity is not None else None
    if named and head.pos_ == "NOUN" and not (named[0] <= head.i < named[1]):
        if head.lemma_.lower() in cues.raw["agent_modifier_heads"] and head.i < named[0] + 4:
            return noun_phrase_text(head)  # "EPRS1 deficiency", "knockdown of X": the head changes the meaning
        if (
            mention is None
            and named[1] <= head.i
            and all(t.dep_ in ("compound", "amod", "nmod") or t.head.i < head.i for t in head.doc[named[0] : named[1]])
            and head.lemma_.lower() not in cues.raw["non_agent_heads"]
        ):
            return _compound_name(head)  # "sodium arsenite": the entity "sodium" only names part of the compound
    if mention:
        return mention.text
    anaphor = anaphor_head([head], cues)
    if anaphor and head.pos_ == "NOUN":
        return discourse.resolve_anaphor(anaphor, context, head.i)
    treated = _treatment_participle(tokens, cues)
    if treated:
        return treated
    if named:
        return _glued(head.doc, named[0], named[1], named[2])
    # "Paw edema was attenuated by carvacrol": a compound no lexicon lists (of an agent phrase, its object)
    name = next((c for c in head.children if c.dep_ == "pobj"), head) if head.pos_ == "ADP" else head
    if is_specific_name(name) and name.lemma_.lower() not in cues.raw["non_agent_heads"]:
        return noun_phrase_text(name)
    if head.pos_ == "PRON":
        # Only "It elicits ...": an "it" further up ("it is urgent to improve ...") is an expletive.
        if head.lower_ == "it" and direct:
            fronted = fronted_clause_subject(head)
            if fronted is not None:  # "although insulin treatment induced X, it did not trigger Y": that treatment
                return _agent_text(list(fronted.subtree), context, cues, discourse, head=fronted, direct=True)
            if head.head.i != context.sent.root.i:
                return _main_subject(context, head, cues)  # "X may be used ... because it suppresses Y"
            return discourse.salient
        if head.lower_ == "they" and direct:
            return discourse.antecedent(context, head.i)  # "They inhibit ...": the plural named before, when sure
        return ""
    if head.lemma_.lower() in cues.method_heads and _applied_agent(head):
        return noun_phrase_text(head)  # "treatment with linalool", "administration of thymol": the agent applied
    if head.lemma_.lower() in cues.method_heads and not _specific_modifiers(head, cues):
        return ""  # "a method to create ...": the method is named elsewhere
    agentive = head.lemma_.lower() in cues.agent_heads or head.lemma_.lower() in cues.raw["agent_modifier_heads"]
    if is_investigator(head, cues) or not agentive:
        return ""
    specific = _specific_modifiers(head, cues) or [
        c for c in head.children if c.dep_ in ("acl", "prep") and c.i > head.i
    ]
    if not specific and head.lemma_.lower() not in cues.strict_agent_heads:
        return ""  # bare "exosomes" or "cells" is a topic, not a treatment
    return noun_phrase_text(head)


def _applied_agent(head: Token) -> bool:
    """ "Treatment with linalool", "administration of carvacrol": a treatment noun whose with/of phrase names a
    specific agent (a name the general vocabulary does not know, or one with capitals or digits)."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("with", "of")):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")):
            named = any(ch.isupper() or ch.isdigit() for ch in noun.text[1:]) or noun.pos_ == "PROPN"
            if named or is_specific_name(noun):
                return True
    return False


def _compound_name(head: Token) -> str:
    """The head noun with its premodifiers (the compound's full name), without determiners or what follows."""
    indices = [t.i for t in head.subtree if t.i <= head.i and not (t.dep_ in ("det", "poss") and t.head.i == head.i)]
    start = head.i
    while start - 1 in indices:
        start -= 1
    return span_text(head.doc, list(range(start, head.i + 1)))


def _glued(doc, start: int, end: int, text: str) -> str:
    """ "miR" + "-" + "155" written without spaces is one name: extend a mention over glued tokens."""
    while (
        end < len(doc)
        and not doc[end - 1].whitespace_
        and (doc[end].is_alpha or doc[end].like_num or doc[end].text == "-")
    ):
        end += 1
    return clean_text(doc[start:end].text) if end > start + 1 or doc[start:end].text != text else text


def _main_subject(context: SentenceContext, pronoun: Token, cues: ClaimCues) -> str:
    """ "Halofuginone may be used ... because it suppresses X": "it" in a subordinate clause is the main subject."""
    if pronoun.head.dep_ in ("ROOT",) or pronoun.head.i == context.sent.root.i:
        return ""
    main = context.sent.root
    if main.lemma_.lower() in cues.raw["reporting_verbs"] or main.lemma_.lower() in cues.raw["finding_verbs"]:
        # "Englberger suggests that rosmarinic acid has effects because it reduces Y", "the same author says that X has
        # effects because it inhibits Y": a verb of saying or finding frames a report, its subject is no agent; "it"
        # is the subject of the reported clause it sits in
        reported = [a for a in pronoun.ancestors if a.dep_ == "ccomp" and a.head.i == main.i]
        if not reported or reported[0].i == pronoun.head.i:
            return ""
        main = reported[0]
    subjects = [c for c in main.children if c.dep_ in SUBJECT_DEPS and c.i != pronoun.i]
    if not subjects or subjects[0].pos_ == "PRON" or is_investigator(subjects[0], cues):
        return ""
    subject = subjects[0]
    named = _agent_text(list(subject.subtree), context, cues, Discourse(), subject)
    if named or subject.lemma_.lower() in cues.product_nouns or subject.pos_ not in ("NOUN", "PROPN"):
        return named
    return noun_phrase_text(subject)


def _specific_modifiers(head: Token, cues: ClaimCues) -> list[Token]:
    return [
        t
        for t in head.subtree
        if t.i < head.i
        and t.dep_ in ("amod", "compound", "npadvmod", "nmod")
        and t.lower_ not in cues.generic_modifiers
    ]


def _phrase_head(tokens: list[Token]) -> Token:
    indices = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in indices or t.head.i == t.i), tokens[0])


def _treatment_participle(tokens: list[Token], cues: ClaimCues) -> str:
    """ "exosomes secreted by TXL pretreated BMSCs" → "TXL"; "... co-incubated with paclitaxel" → "paclitaxel"."""
    for token in tokens:
        if token.lemma_.lower() not in cues.treatment_participles:
            continue
        for child in token.children:
            if (
                child.dep_ in ("npadvmod", "compound", "nmod", "advmod")
                and child.i < token.i
                and child.pos_ in ("PROPN", "NOUN")
            ):
                return clean_text(child.text)
            if child.dep_ == "prep" and child.lower_ in ("with", "by"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return noun_phrase_text(objects[0])
            if child.dep_ == "dobj":
                return noun_phrase_text(child)
    return ""


def _obtained_effect(verb: Token, context: SentenceContext, cues: ClaimCues) -> list[Claim]:
    """ "The 52.2% conversion of PET and 36.0% yield of BHET were obtained when the catalyst concentration was
    decreased to 0.16 wt %", "the 100% conversion of PET ... were obtained in the presence of [Bmim]Cl", "heterogeneous
    expression ... were observed in response to the viral infection": an outcome reported as obtained or observed is an
    effect of what the sentence says brought it about (a condition clause, "in the presence of", "in response to", a
    with/after/following/upon/under phrase); without one it is only a record, not a claim. One effect per outcome."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if not passive or patient is None or patient.pos_ not in ("NOUN", "PROPN") or verb.dep_ not in ("ROOT", "conj"):
        return []
    if any(a.tag_ == "MD" for a in verb.children if a.dep_ == "aux") or _is_requirement(verb, cues):
        return []
    subject_text = _outcome_cause(verb, cues)
    if not subject_text:
        return []
    parts = _object_parts(patient, "none", context, cues)
    # "The conversion of PET was achieved 3.3% in the presence of X": one outcome keeps the value it was obtained at
    values = [c for c in verb.children if c.dep_ in ("npadvmod", "attr", "oprd") and any(t.like_num for t in c.subtree)]
    if len(parts) == 1 and len(values) == 1:
        value = span_text(verb.doc, [t.i for t in values[0].subtree if t.dep_ != "appos" and t.text not in "()"])
        parts = [(f"{parts[0][0]} {value}", parts[0][1])]
    return [_effect_claim(context, verb, subject_text, text, direction, "effect:obtained") for text, direction in parts]


def _outcome_cause(verb: Token, cues: ClaimCues) -> str:
    """What brought about an outcome the verb reports: a condition clause that says what was used or changed, the
    presence of or a time after a treatment, or what it responded to. A with-phrase is as often the manner ("with low
    catalyst loading") as the cause: a verb with one gives no cause phrase."""
    causal = {c.lower_ for c in verb.children if c.dep_ == "prep"} & {*cues.raw["temporal_cause_preps"], "in"}
    cause = _cause_phrase(verb, cues) if causal and not any(c.lower_ == "with" for c in verb.children) else ""
    return condition_treatment(verb) or cause or _response_cause(verb)


def _attained_value_effects(context: SentenceContext, cues: ClaimCues) -> list[Claim]:
    """ "In the presence of 5 wt % ZnCl2, the conversion reached 100%", "the yield of α,β-unsaturated ketones was more
    than 99% when the Lewis acidic ionic liquids were used as catalysts": a measure stated at a value, by a verb of
    reaching (models/claims/cues.json "attainment_verbs") or by a copula with a number, is an effect of what the
    sentence says brought it about (the causes of an obtained outcome, _outcome_cause; a clause coordinated after
    another shares its cause). The effect is the measure with its value, as written; without a cause a value is a
    record, not a claim."""
    attainment = cues.raw["attainment_verbs"]
    doc = context.sent.doc
    claims = []
    for verb in context.sent:
        lemma = verb.lemma_.lower()
        if verb.i in context.consumed or verb.dep_ not in ("ROOT", "conj", "ccomp"):
            continue
        if lemma in attainment and verb.pos_ == "VERB":
            particle = attainment[lemma]
            values = [
                c
                for c in verb.children
                if (c.dep_ == "prep" and c.lower_ == particle if particle else c.dep_ in ("dobj", "obj"))
            ]
        elif lemma == "be":
            values = [c for c in verb.children if c.dep_ in ("attr", "acomp")]
        else:
            continue
        value = next((v for v in values if any(t.like_num for t in v.subtree)), None)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if value is None or subject is None or subject.pos_ not in ("NOUN", "PROPN"):
            continue
        if is_investigator(subject, cues) or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            continue
        cause = _outcome_cause(verb, cues) or (_outcome_cause(verb.head, cues) if verb.dep_ == "conj" else "")
        if not cause:
            continue
        dropped = {t.i for c in subject.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
        dropped |= {c.i for c in subject.children if c.dep_ == "det"}
        measure = [t.i for t in subject.subtree if t.i not in dropped]
        stated = [t.i for t in value.subtree if not (t.dep_ == "appos" or t.text in "()")]
        verb_words = [] if lemma == "be" else [verb.i]
        text = PARENTHESIS.sub("", span_text(doc, measure + verb_words + stated)).strip()
        if is_content_object(span_text(doc, measure)):
            claims.append(_effect_claim(context, verb, cause, text, "none", "effect:value"))
    return claims


def _response_cause(verb: Token) -> str:
    """ "in response to the viral infection": what the response was to."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        response = next((c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() == "response"), None)
        to = next((c for c in response.children if c.dep_ == "prep" and c.lower_ == "to"), None) if response else None
        cause = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if cause is not None and cause.pos_ in ("NOUN", "PROPN"):
            return noun_phrase_text(cause)
    return ""


ONE_NAME = re.compile(r"\w+[A-Z0-9]\w*")


def condition_treatment(verb: Token) -> str:
    """What a when/once/after clause of the verb says the experimenters used or changed: "when using ZnCl2 as a
    catalyst" (ZnCl2), "when the Lewis acidic ionic liquids were used as catalysts" (the Lewis acidic ionic liquids),
    "when the catalyst concentration was decreased to 0.16 wt %" (decreasing the catalyst concentration to 0.16 wt %).
    A clause of the verb a coordinated verb shares counts too ("When X was prolonged, A was increased and B ...")."""
    words = treatment_words()
    holders = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    for clause in (c for h in holders for c in h.children if c.dep_ == "advcl" and c.pos_ == "VERB"):
        if not any(c.dep_ in ("advmod", "mark") and c.lower_ in words["condition_markers"] for c in clause.children):
            continue
        lemma = clause.lemma_.lower()
        passive = any(c.dep_ == "auxpass" for c in clause.children)
        patient = next((c for c in clause.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
        # "using ZnCl2": a formula the tagger may read as a pronoun is still a name (inner capitals or digits)
        if patient is None or not (patient.pos_ in ("NOUN", "PROPN") or ONE_NAME.fullmatch(patient.text)):
            continue
        if lemma in words["using_verbs"]:
            return noun_phrase_text(patient)
        if lemma in words["changing_verbs"] and passive:
            # "the reaction time was prolonged to 8 h" -> "prolonging the reaction time to 8 h": the change made
            setting = [t.i for c in clause.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree]
            gerund = (lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma) + "ing"
            tail = f" {span_text(verb.doc, setting)}" if setting else ""
            return f"{gerund} {noun_phrase_text(patient)}{tail}"
    return ""


def _context_treatment(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """The paragraph's current treatment (discourse.TreatmentContext) for a reported change that names no agent:
    a finite main verb in the past ("were decreased", "increased", "exhibited lower Y"), neither modal nor hedged (a
    possibility or an expectation is not the experiment's result)."""
    treatments = getattr(discourse, "treatments", None)
    treatment = treatments.current(context.passage.passage_id) if treatments is not None else ""
    if not treatment or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return ""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries) or is_hedged(context.sent, verb, cues):
        return ""
    past = verb.tag_ == "VBD" or any(a.tag_ in ("VBD", "VBN") or a.lower_ in ("has", "have") for a in auxiliaries)
    if not past:
        return ""
    # "the capacity of exosomes carrying miR375 was enhanced": a sentence naming another agent is about that one
    folded = treatment.lower()
    named = [m.text.lower() for m in context.mentions] + [
        e.text.lower() for e in context.sent.ents if e.label_ in AGENT_ENTITY_LABELS
    ]
    if any(name not in folded and folded not in name for name in named):
        return ""
    return treatment


def _cause_subject(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> str:
    """ "After multiple passages, Y is reduced", "with the increase in the number of passages, Y was reduced"."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ == "prep" and child.lower_ in cues.cause_preps:
                mentions = mentions_in({t.i for t in child.subtree}, context)
                if mentions:
                    return best_mention(mentions).text
        if current.dep_ == "conj":
            current = current.head
        else:
            break
    return ""


def _cause_phrase(verb: Token, cues: ClaimCues) -> str:
    """ "the Ki67 index decreases significantly with prolonged fixation", "the yield of BHET increased in the presence
    of metal-containing ionic liquids", "Y was reduced following exposure to stimuli": a change stated of its
    patient, with no agent, comes about with what the with/after/following/upon/under phrase (or "in the presence of")
    names, when that is a specific noun phrase no lexicon lists. Times, ages and measures ("decreased with time",
    "after the eighth generation", "with regard to Y") are circumstances, and a graded noun ("with higher prevalence")
    a further change, not causes (a bare or measure-headed noun is no agent)."""
    preps = cues.raw["cause_phrase_preps"]
    for prep in (c for c in verb.children if c.dep_ == "prep" and (c.lower_ in preps or c.lower_ == "in")):
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if noun is not None and prep.lower_ == "in":
            # only "in the presence of X": a bare in-phrase names a place, a group or a time
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            noun = (
                next((c for c in of.children if c.dep_ == "pobj"), None) if noun.lower_ == "presence" and of else None
            )
        dosed = _dosed_agent(noun, cues) if noun is not None else ""
        if dosed:
            return dosed
        if noun is None or noun.lemma_.lower() in cues.raw["non_agent_heads"]:
            continue
        if noun.pos_ not in ("NOUN", "PROPN") and not _names_substance(noun):
            continue  # "10 mM ZnCl2": a formula the tagger read as a number is still a name
        if is_investigator(noun, cues) or noun.lemma_.lower() in cues.raw["cause_phrase_circumstances"]:
            continue
        if any(
            c.like_num or c.ent_type_ in ("ORDINAL", "DATE", "TIME") or c.tag_ in ("JJR", "JJS") for c in noun.children
        ):
            continue  # "after the eighth generation" is a time; "with higher prevalence in Z" a further change
        premodified = any(c.dep_ in ("amod", "compound", "nmod", "npadvmod") and c.i < noun.i for c in noun.children)
        named = noun.pos_ == "PROPN" or any(ch.isupper() or ch.isdigit() for ch in noun.text[1:])
        if premodified or named or is_specific_name(noun) or noun.lemma_.lower() in cues.agent_heads:
            return noun_phrase_text(noun)
    return ""


def _dosed_agent(noun: Token, cues: ClaimCues) -> str:
    """ "in the presence of 5 wt % [Bmim]Cl", "after 10 mM ZnCl2", "with 2 mg/mL of lysozyme": a cause phrase whose noun
    is a number with a unit (models/claims/cues.json "dose_units") names the agent dosed, without its dose (a subject
    opening with a number is a quantity of something, guard.is_content_subject). The name is the quantity's of-phrase
    or apposition, or, where the parser left it loose, the named word right after the quantity; a quantity that names
    nothing ("after 2 h") is no agent."""
    # the parser heads the quantity by its unit ("5 wt %") or, with the unit left as punctuation, by the number
    unit = noun.lower_ in cues.raw["dose_units"] and any(c.like_num and c.i < noun.i for c in noun.subtree)
    if not (unit or noun.like_num):
        return ""
    inside = [t for t in noun.subtree if t.i > noun.i and t.dep_ in ("pobj", "appos")]
    named = next((t for t in inside if _names_substance(t) or is_specific_name(t)), None)
    if named is not None:
        return noun_phrase_text(named)
    after = noun.doc[noun.right_edge.i + 1] if noun.right_edge.i + 1 < noun.sent.end else None
    return after.text if after is not None and _names_substance(after) else ""


def _names_substance(token: Token) -> bool:
    """A written name of a compound or agent: a word with an inner capital or digit ("ZnCl2", "[Bmim]Cl", "IL-6")."""
    return any(ch.isalpha() for ch in token.text) and any(ch.isupper() or ch.isdigit() for ch in token.text[1:])


def _is_strict_agent(subject_text: str, context: SentenceContext, cues: ClaimCues) -> bool:
    """Neutral verbs ("affect", "regulate") need a clear treatment as subject, not any specific noun phrase."""
    if any(m.text == subject_text for m in context.mentions):
        return True
    words = subject_text.lower().split()
    heads = {w.rstrip("s") for w in cues.strict_agent_heads}
    # "genetic depletion of AIMP2 in mice": the head noun is the one before the first preposition
    before_preposition = next((i for i, w in enumerate(words) if w in ("of", "in", "from", "with", "by")), len(words))
    return bool(words) and (
        words[-1].rstrip("s") in heads or words[max(before_preposition - 1, 0)].rstrip("s") in heads
    )


def _result_effect(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "X resulted in increased Y", "X can lead to changes in Y", "X contributes to the production of Y"."""
    lemma = verb.lemma_.lower()
    particle = cues.result_verbs.get(lemma, "")
    targets = []
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and particle and child.lower_ == particle.split()[0]:
            targets += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        elif child.dep_ in ("dobj",) and not particle:
            targets.append(child)
        elif (
            child.dep_ in ("xcomp", "advcl", "ccomp")
            and child.pos_ == "VERB"
            and any(a.lower_ == "to" and a.dep_ == "aux" for a in child.children)
            and (child.dep_ != "ccomp" or not particle)
        ):
            targets.append(child)  # "contribute to recover the function"
    if not targets:
        return []
    subject_text = _effect_subject(verb, context, discourse, cues)
    if not subject_text:
        return []
    caused = _causative_complement(verb, targets)
    if caused is not None:
        # "thermal motion causes the effective Rabi frequency to fluctuate": one effect, the patient doing what the
        # infinitive says; an explicit causal statement, so any agent will do
        patient, infinitive = caused
        tokens = [t.i for t in patient.subtree if t.dep_ != "det" or t.head.i != patient.i] + [
            t.i for t in infinitive.subtree
        ]
        direction = cues.effect_direction.get(infinitive.lemma_.lower(), "none")
        return [_effect_claim(context, verb, subject_text, span_text(verb.doc, tokens), direction, "effect:result")]
    default = cues.result_direction.get(lemma, "none")
    claims = []
    for target in targets:
        # "caused a reduction in Y", "led to the inhibition of Y": the noun says which way
        default = nominal_direction(target, cues) or cues.result_direction.get(lemma, "none")
        if target.pos_ == "VERB":
            direction = cues.effect_direction.get(target.lemma_.lower(), default)
            text = span_text(verb.doc, [t.i for t in target.subtree])
            claims.append(_effect_claim(context, verb, subject_text, text, direction, "effect:result"))
            continue
        for text, direction in _object_parts(target, default, context, cues):
            if direction == "none" and not _is_strict_agent(subject_text, context, cues):
                continue
            claims.append(_effect_claim(context, verb, subject_text, text, direction, "effect:result"))
    return claims


def _association_effect(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "Smoking is associated with adverse pregnancy and birth outcomes", "Dus2 upregulation correlated positively
    with pulmonary carcinogenesis", "its overexpression is linked to an unfavorable clinical outcome": an association
    reported of an agent, exposure or condition (the clause's subject) is a finding about it, one effect per target;
    the direction is only what an adverb says ("positively", "inversely"). A participle modifying a noun ("mutations
    associated with resistance") describes the noun and is left alone."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or verb.dep_ in ("amod", "compound", "acl", "relcl"):
        return []
    particle = cues.raw["association_verbs"][lemma]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == particle]
    targets = [o for p in preps for o in p.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")]
    if not targets or not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []  # the subject must be the verb's own, not one climbed to from another clause
    subject = next(c for c in verb.children if c.dep_ in SUBJECT_DEPS)
    subject_text = _effect_subject(verb, context, discourse, cues) or _practice_noun(subject, cues)
    if not subject_text:
        return []
    adverbs = cues.raw["association_adverbs"]
    # "correlated positively with Y": the parser may hang the adverb on the verb or on its preposition
    direction = next((adverbs[c.lower_] for h in (verb, *preps) for c in h.children if c.lower_ in adverbs), "none")
    doc = verb.doc
    group = [c.i for c in verb.children if c.dep_ in ("neg", "advmod") and c.i < preps[0].i] + [verb.i]
    claims = []
    for target in targets:
        if direction == "none" and not _names_outcome(target, cues):
            continue  # "EPRS1 was associated with Rab5B": a binding partner, not an outcome
        lead = f"{span_text(doc, sorted(group))} {particle}"
        # "adverse outcomes, including miscarriage, ...": the examples restate the outcome, they are not part of it
        examples = {t.i for t in target.subtree if t.dep_ == "prep" and t.lower_ == "including" for t in t.subtree}
        for text, part_direction in _object_parts(target, direction, context, cues, examples):
            claims.append(
                _effect_claim(context, verb, subject_text, f"{lead} {text}", part_direction, "effect:association")
            )
    return claims


def _names_outcome(target: Token, cues: ClaimCues) -> bool:
    """Whether an association's target is an outcome: its head is an outcome noun ("risk", "prognosis") or it
    carries a graded or evaluative word ("adverse outcomes", "the highest mean scores", "reduced survival")."""
    outcomes = cues.raw["association_outcomes"]
    if target.lemma_.lower() in outcomes["heads"]:
        return True
    return any(
        t.tag_ in ("JJR", "JJS") or t.lower_ in cues.modifier_direction or t.lower_ in outcomes["modifiers"]
        for t in target.subtree
    )


def _practice_noun(subject: Token, cues: ClaimCues) -> str:
    """ "Smoking is associated with Y", "heavy drinking is linked to Y": a noun made from a verb in -ing names a
    practice or exposure (what a person does), which can be what a finding is about even unmodified."""
    if subject.pos_ != "NOUN" or subject.tag_ != "NN" or not subject.lower_.endswith("ing"):
        return ""
    if subject.lemma_.lower() in cues.raw["non_agent_heads"] or is_investigator(subject, cues):
        return ""
    return noun_phrase_text(subject)


def _causative_complement(verb: Token, targets: list[Token]) -> tuple[Token, Token] | None:
    """ "X causes Y to V": the object and the to-infinitive after it (the parser makes the infinitive a complement
    or an adverbial clause of the verb), as the patient and what it is made to do."""
    patients = [t for t in targets if t.dep_ == "dobj" and t.pos_ in ("NOUN", "PROPN")]
    infinitives = [t for t in targets if t.pos_ == "VERB" and t.dep_ in ("xcomp", "advcl", "ccomp")]
    if len(patients) == 1 and len(infinitives) == 1 and patients[0].i < infinitives[0].i:
        return patients[0], infinitives[0]
    return None


def _comparative_effect(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "X had a stronger anti-inflammatory effect", "X grow faster than Y", "X produce more and larger Z than Y"."""
    claims = []
    comparatives = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ in cues.comparative_dimensions]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    # "secreted 2.5-fold more EVs": a split number can leave the object under a stray dependent
    objects = objects or [
        g for c in verb.children if c.dep_ in ("dep", "npadvmod") for g in c.children if g.dep_ == "dobj"
    ]
    marked_objects = []
    for obj in objects:
        words = [c for c in obj.children if c.dep_ in ("amod", "advmod") and _comparative_direction(c, cues)]
        words += [w for c in words for w in c.conjuncts if _comparative_direction(w, cues)]
        if words:
            marked_objects.append((obj, words))
    if not comparatives and not marked_objects:
        return []
    subject_text = _reported_cause(verb, context, cues) or _effect_subject(verb, context, discourse, cues)
    # "mice harboring the S999A mutation exhibited lower body weight than WT mice": the group set apart acts
    subject_text = subject_text or group_agent(clause_subject(verb), cues)
    contextual = "" if subject_text else _context_treatment(verb, context, discourse, cues)
    subject_text = subject_text or contextual
    if not subject_text:
        return []
    cue = "effect:comparative:subject-treatment" if contextual else "effect:comparative"
    nominal = cues.nominalizations.get(verb.lemma_.lower(), verb.lemma_.lower())
    for word in comparatives:
        direction = _comparative_direction(word, cues) or "increase"
        claims.append(_effect_claim(context, verb, subject_text, nominal, direction, cue))
    for obj, words in marked_objects:
        for word in words:
            direction = _comparative_direction(word, cues)
            dimension = cues.comparative_dimensions.get(word.lower_, "")
            if dimension:
                noun = obj.text
                text = f"{nominal} of {noun}" if dimension == "amount" else f"{dimension} of {noun}"
                claims.append(_effect_claim(context, verb, subject_text, text, direction, cue))
                continue
            for text, _ in _object_parts(obj, direction, context, cues):
                claims.append(_effect_claim(context, verb, subject_text, text, direction, cue))
            break
    return claims


def _reported_cause(verb: Token, context: SentenceContext, cues: ClaimCues) -> str:
    """ "Echocardiography showed improved cardiac function after orientin treatment": an assay or a study reports;
    the treatment is the one named in the after/following/upon phrase."""
    subject = clause_subject(verb)
    if subject is not None and not (
        is_investigator(subject, cues) or subject.lemma_.lower() in cues.raw["report_subject_heads"]
    ):
        return ""
    for token in verb.subtree:
        if token.dep_ == "prep" and token.lower_ in cues.raw["temporal_cause_preps"]:
            objects = [c for c in token.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objects and objects[0].lemma_.lower() not in cues.raw["non_agent_heads"]:
                return noun_phrase_text(objects[0])
    return ""


def _comparative_direction(token: Token, cues: ClaimCues) -> str:
    if token.tag_ not in ("JJR", "RBR", "VBN", "JJ") and token.lower_ not in ("more", "less"):
        return ""
    if token.tag_ == "JJ" and token.lower_ not in cues.modifier_direction:
        return ""
    return cues.modifier_direction.get(token.lower_, "")


def _magnitude_effect(verb: Token, context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    """ "The production of Y based on X is 20 times that of Z"."""
    magnitudes = [s for s, e in context.matches.get("MAGNITUDE", []) if verb.i < s <= verb.right_edge.i]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not magnitudes or not subjects:
        return []
    subject_tokens = list(subjects[0].subtree)
    mention = best_mention(mentions_in({t.i for t in subject_tokens}, context))
    if not mention:
        return []
    head = subjects[0]
    cut = min((c.i for c in head.subtree if c.dep_ in ("acl", "relcl") and c.i > head.i), default=head.right_edge.i + 1)
    text = span_text(verb.doc, [t.i for t in head.subtree if t.i < cut and t.i < mention.start])
    magnitude = _magnitude(context)
    direction = "decrease" if magnitude and _magnitude_value(magnitude) < 1 else "increase"
    return [_effect_claim(context, verb, mention.text, text, direction, "effect:magnitude")]


def _object_parts(
    obj: Token, direction: str, context: SentenceContext, cues: ClaimCues, drop: set[int] | None = None
) -> list[tuple[str, str]]:
    """Atomic objects of an effect: coordinated nouns split, shared modifiers and "of" phrases distributed,
    "such as" lists preferred over their umbrella noun, direction words ("increased Y") moved to the direction."""
    drop = set(drop or ())
    doc = obj.doc
    such = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if such is not None:
        members = [c for c in such.children if c.dep_ == "pobj"]
        if members:
            return _object_parts(members[0], direction, context, cues, drop)
    nested = _such_as_in_of_phrase(obj, direction, context, cues, drop)
    if nested:
        return nested
    for child in obj.children:
        if (
            child.dep_ in ("amod", "compound")
            and child.lower_ in cues.modifier_direction
            and child.i < obj.i
            and not (child.dep_ == "compound" and child.pos_ == "NOUN")  # "cessation rates": the measure's name
        ):
            direction = cues.modifier_direction[child.lower_]
            # the modifier stays in the object: gold keeps the direction word with its target ("reduced infarct
            # size", gold/ANNOTATION.md); the direction column carries it as well
    prefix = ""
    bracketed = [c for c in obj.children if c.dep_ == "appos" and c.i > obj.i and c.pos_ == "NOUN" and c.conjuncts]
    if bracketed and any(t.text == "(" for t in doc[obj.i : bracketed[0].i]):
        # "endothelial cell (HUVEC) proliferation, migration, and angiogenesis": the parser takes the bracket
        # for an apposition; the nouns after it are the coordinated heads, the words before it their modifier.
        prefix = span_text(doc, [t.i for t in obj.subtree if t.i <= obj.i])
        obj = bracketed[0]
    heads = [obj, *[c for c in obj.conjuncts if c.i > obj.i and c.pos_ in ("NOUN", "PROPN") and not _restated(c)]]
    conj_tokens = {t.i for h in heads[1:] for t in h.subtree}
    parts = []
    for index, head in enumerate(heads):
        own = {t.i for t in head.subtree} - (conj_tokens if index == 0 else set())
        own -= {t.i for h in heads[index + 1 :] for t in h.subtree}
        own -= drop
        own = {
            i
            for i in own
            if not (doc[i].dep_ == "cc" and doc[i].head.i == head.i and doc[i - 1].text != "(") and doc[i].text != ","
        }
        relative = {t.i for c in head.children if c.dep_ in ("relcl",) for t in c.subtree}
        if not is_content_object(span_text(doc, own - relative)):
            relative = set()  # "inhibited the time mice spent licking": a bare measure noun is named by its clause
        own -= relative
        # "the intensity of urges to smoke, which are the main cause of relapse": a non-restrictive relative clause
        # (a wh-word, or a comma before it) deeper in the phrase adds a comment on a noun, not part of the effect
        own -= {
            t.i
            for i in own
            if doc[i].dep_ == "relcl" and doc[i].head.i != head.i and _non_restrictive(doc[i])
            for t in doc[i].subtree
        }
        # "these events leading to increased expression": a participle clause is a further effect, not the object
        own -= {t.i for c in head.children if c.dep_ in ("acl", "advcl") and c.tag_ == "VBG" for t in c.subtree}
        while own and doc[max(own)].pos_ == "CCONJ":
            own.discard(max(own))  # "the conversion of PET and the yield": a coordinator the parser left on "PET"
        parts.append((head, own))
    texts = []
    with_of = [_trailing_of(head, own) for head, own in parts]
    shared_of = next((o for o in with_of if o), "") if len(heads) > 1 and sum(1 for o in with_of if o) == 1 else ""
    for head, own in parts:
        own, head_direction = _participle_direction(head, own, direction, cues)
        text = f"{prefix} {span_text(doc, own)}".strip()
        if shared_of and not any(doc[i].dep_ == "prep" and doc[i].head.i == head.i for i in own):
            text = f"{text} {shared_of}"
        distributed = _distribute_of_list(head, own)
        texts.extend((t, head_direction) for t in distributed or _distribute_adjectives(head, own, text))
    return [(t, d) for t, d in texts if t]


def _restated(conjunct: Token) -> bool:
    """ "the colloidal stability (or rate of dissolution)": an "or" opening a bracket gives another name for the same
    thing, not a second effect."""
    start = conjunct.left_edge.i
    doc = conjunct.doc
    return start >= 2 and doc[start - 1].lower_ == "or" and doc[start - 2].text == "("


def _non_restrictive(clause: Token) -> bool:
    left = clause.left_edge
    before = clause.doc[left.i - 1] if left.i > clause.sent.start else None
    return left.lower_ in ("which", "who", "whom", "whose") or (before is not None and before.text == ",")


def _such_as_in_of_phrase(
    obj: Token, direction: str, context: SentenceContext, cues: ClaimCues, drop: set[int]
) -> list[tuple[str, str]]:
    """ "increased the concentration of antioxidant enzymes such as SOD, catalase, and GSH" → "concentration of SOD",
    "concentration of catalase", "concentration of GSH": the measure is said of each listed example."""
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    such = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "as"), None) if noun is not None else None
    if such is None or obj.doc[such.i - 1].lower_ != "such":
        return []
    doc = obj.doc
    before = span_text(doc, [t.i for t in obj.subtree if t.i < of.i and t.i not in drop and t.dep_ != "det"])
    # the items read from the tokens, split at commas and "and"/"or" (lists of names are often parsed as appositions)
    tail = sorted(t.i for t in such.subtree if t.i > such.i)
    tail += _stray_list_items(doc, tail[-1] + 1) if tail else []
    items: list[list[int]] = [[]]
    for i in tail:
        if doc[i].text == "," or doc[i].lower_ in ("and", "or"):
            if items[-1]:
                items.append([])
            continue
        items[-1].append(i)
    items = [item for item in items if item]
    if len(items) < 2 or any(len(item) > 4 for item in items):
        return []
    return [(f"{before} of {span_text(doc, item)}", direction) for item in items]


def _participle_direction(head: Token, own: set[int], direction: str, cues: ClaimCues) -> tuple[set[int], str]:
    """ "Orientin ameliorated myocardial injury and alleviated oxidative stress": the parser may read the second
    effect verb as an adjective of its object; its direction is the effect's, and it leaves the object."""
    if head.dep_ != "conj":
        return own, direction
    for child in head.children:
        if child.dep_ != "amod" or child.i > head.i or not child.lower_.endswith("ed") or child.i not in own:
            continue
        if child.i == 0 or child.doc[child.i - 1].lower_ not in ("and", "or", ","):
            continue  # only right after the conjunction: "LPS-induced septic shock" keeps its modifier
        for lemma in (child.lower_[:-1], child.lower_[:-2], child.lemma_.lower()):
            if lemma in cues.effect_direction and cues.effect_direction[lemma] != "none":
                return own, cues.effect_direction[lemma]  # it stays in the object: its own direction word
    return own, direction


def _distribute_of_list(head: Token, own: set[int]) -> list[str]:
    """ "the secretion of IL-6, TNF-α and IFN-γ" → one effect per item: "secretion of IL-6", ... The items are read
    from the tokens (names in lists are often parsed as appositions), split at commas and "and"/"or" outside
    brackets; only a comma list of short names (at most four tokens each) is distributed."""
    doc = head.doc
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i in own), None)
    if of is None:
        return []
    tail = sorted(t.i for t in of.subtree if t.i > of.i)  # commas included (the parts drop them)
    tail += _stray_list_items(doc, tail[-1] + 1) if tail else []
    items: list[list[int]] = [[]]
    depth = 0
    for i in tail:
        text = doc[i].text
        depth += text in ("(", "[") and 1 or text in (")", "]") and -1 or 0
        if depth == 0 and (text == "," or doc[i].lower_ in ("and", "or")):
            if items[-1]:
                items.append([])
            continue
        items[-1].append(i)
    items = [item for item in items if item]
    if len(items) < 2 or not any(doc[i].text == "," for i in tail):
        return []  # a comma list; two names joined by "and" may be one thing ("pH and salt concentration")
    # a trailing phrase ("... IFN-γ in macrophages") belongs to the last item only
    last = items[-1]
    cut = next((k for k, i in enumerate(last) if doc[i].pos_ == "ADP" and k > 0), len(last))
    if any(len(item) > 4 for item in items[:-1]) or cut > 4:
        return []
    before = span_text(doc, [i for i in own if i < of.i])
    return [f"{before} of {span_text(doc, item)}" for item in items]


def _stray_list_items(doc, start: int) -> list[int]:
    """ "the secretion of IL-10, IL-4 and TGF-β.": the parser may hang the later names of a list on the verb; a run
    of short names, commas and one "and"/"or" that follows the of-phrase up to the clause end continues the list."""
    if start >= len(doc) or doc[start].text != ",":
        return []
    end = start
    sentence_end = doc[start].sent.end
    while end < sentence_end and (
        doc[end].pos_ in ("PROPN", "NOUN", "NUM", "CCONJ", "SYM", "X") or doc[end].text in (",", "-", "–")
    ):
        end += 1
    closing = end >= sentence_end or doc[end].text in (".", ";", ")")
    run = list(range(start, end))
    joined = sum(1 for i in run if doc[i].lower_ in ("and", "or"))
    return run if closing and joined == 1 and any(doc[i].pos_ == "CCONJ" for i in run[-4:]) else []


def _trailing_of(head: Token, own: set[int]) -> str:
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "in") and c.i in own]
    if not preps:
        return ""
    return span_text(head.doc, [t.i for t in preps[0].subtree])


def _distribute_adjectives(head: Token, own: set[int], text: str) -> list[str]:
    """ "antioxidant, anti-inflammatory, and anti-apoptotic functions of exosomes" → three functions: the
    premodifiers of the head, split at "and"/commas, each joined to the head and what follows it."""
    doc = head.doc
    premodifiers = [i for i in own if i < head.i and doc[i].dep_ not in ("det", "poss")]
    if not premodifiers:
        return [text]
    before = list(range(min(premodifiers), head.i))
    groups: list[list[int]] = [[]]
    for i in before:
        if doc[i].dep_ == "cc" or doc[i].text == ",":
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(i)
    groups = [g for g in groups if g]
    if len(groups) < 2 or not all(doc[g[-1]].pos_ in ("ADJ", "NOUN", "PROPN", "VERB") for g in groups):
        return [text]
    rest = span_text(doc, [i for i in own if i >= head.i])
    return [f"{span_text(doc, group)} {rest}" for group in groups]


def is_adverse_outcome(obj: str, direction: str, cues: ClaimCues) -> bool:
    """ "can result in bleeding", "may cause occlusion": an adverse outcome brought about is a disadvantage, not an
    effect (a decrease of one, "prevents bleeding", is an effect)."""
    if direction == "decrease":
        return False
    words = re.sub(r"[^a-z -]+", " ", obj.lower()).split()
    # the outcome itself, not the setting it is named in ("tissue repair in pancreatitis injury")
    prepositions = ("in", "of", "after", "with", "by", "from", "at", "on", "during", "under", "for")
    words = words[: next((i for i, w in enumerate(words) if w in prepositions), len(words))]
    phrases = {" ".join(words[i : i + n]) for n in (1, 2) for i in range(len(words))}
    singular = {p[:-1] for p in phrases if p.endswith("s")}
    return bool((phrases | singular) & set(cues.raw["adverse_outcomes"]))


def _effect_claim(context: SentenceContext, verb: Token, subject: str, obj: str, direction: str, cue: str) -> Claim:
    cues = load_cues()
    claim = make_claim(context, without_dose(subject), "effect", _with_verb_group(obj, verb, cues), cue)
    claim.direction = direction  # type: ignore[assignment]
    claim.magnitude = _magnitude(context)
    claim.comparator = _comparator(context)
    claim.hedged = is_hedged(context.sent, verb, cues)
    claim.negated = verb_negated(verb, cues) or _object_negated(verb)
    return claim


def _with_verb_group(obj: str, verb: Token, cues: ClaimCues) -> str:
    """ "X significantly reduced Y", "X did not increase Y", "Y was inhibited by X": an effect keeps its direction
    word with its target, as written ("significantly reduced Y", "did not increase Y", "inhibited Y";
    gold/ANNOTATION.md). The verb group is the effect verb with the auxiliaries, negation and adverbs written right
    before it; a passive auxiliary stays out (the target comes after the verb in the object)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in cues.effect_direction:
        return obj
    if re.search(rf"\b{re.escape(verb.lower_)}\b", obj.lower()):
        return obj  # the object already holds its verb ("to reduce Y", a gerund object)
    first = obj.split(" ", 1)[0].lower()
    if first.endswith("ed") and (
        first in cues.modifier_direction or any(first[:-k] in cues.effect_direction for k in (1, 2))
    ):
        return obj  # "... and alleviated oxidative stress": a second effect verb the parser read as a modifier
    doc, start = verb.doc, verb.i
    while (
        start > verb.sent.start
        and doc[start - 1].head.i == verb.i
        and doc[start - 1].dep_ in ("aux", "neg", "advmod")
        and doc[start - 1].lower_ != "to"
    ):
        start -= 1
    return f"{doc[start : verb.i + 1].text} {obj}"


def _object_negated(verb: Token) -> bool:
    """ "X had no detrimental effect", "X showed no change in Y": the object's determiner negates the finding."""
    return any(
        c.dep_ in ("dobj", "obj", "attr") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        for c in verb.children
    )


def _magnitude(context: SentenceContext) -> str:
    for start, end in context.matches.get("MAGNITUDE", []):
        text = context.sent.doc[start:end].text.lower()
        number = re.search(r"\d+(?:\.\d+)?", text)
        if "%" in text or "percent" in text:
            return f"{number.group(0)}%" if number else text
        if number and ("time" in text or "x" in text or "×" in text):
            return f"{number.group(0)}×"
        if number:
            return f"{number.group(0)}-fold"
        if text in ("double", "doubled"):
            return "2-fold"
        if text in ("triple", "tripled"):
            return "3-fold"
        word = text.removesuffix("fold")
        return f"{NUMBER_WORDS[word]}-fold" if word in NUMBER_WORDS else text
    return ""


def _magnitude_value(magnitude: str) -> float:
    number = re.search(r"\d+(?:\.\d+)?", magnitude)
    return float(number.group(0)) if number else 2.0


def _comparator(context: SentenceContext) -> str:
    doc = context.sent.doc
    for _, end in context.matches.get("COMPARATOR", []):
        token = doc[end - 1]
        targets = [c for c in token.children if c.dep_ == "pobj"]
        if not targets:
            targets = [c for t in token.children if t.dep_ == "prep" for c in t.children if c.dep_ == "pobj"]
        if not targets and token.lower_ == "than":
            targets = [c for c in token.children] or [token.head] if token.head.i != token.i else []
        if not targets and end < context.sent.end:
            following = doc[end]
            targets = [c for c in following.children if c.dep_ == "pobj"] if following.pos_ == "ADP" else [following]
        if targets:
            text = span_text(doc, [t.i for t in targets[0].subtree])
            text = re.sub(r"^(?:the|a|an)\s+", "", PARENTHESIS.sub("", text).strip(), flags=re.IGNORECASE)
            if text and not text[0].isdigit():
                return text
    return ""


# --- Statistical and epidemiological effect language ---------------------------------------------------------------


def _statistical_effects(context: SentenceContext, cues: ClaimCues) -> list[Claim]:
    """Findings as statistics and epidemiology write them (models/claims/cues.json "statistical_effects"): an effect
    noun with its exposure and outcome, a change per unit of an exposure, a population group compared on a risk or a
    likelihood. The exposure is the subject; the outcome with its direction word and magnitude is the object."""
    frame = cues.raw["statistical_effects"]
    claims: list[Claim] = []
    for token in context.sent:
        # a population's risk is read here even when a cue-noun reader took "risk" for a drawback of the group
        claims += _population_comparison(token, context, cues, frame)
        if token.i in context.consumed:
            continue
        claims += _effect_noun_predicate(token, context, frame)
        claims += _effect_noun_held(token, context, frame)
    claims += _per_unit_change(context, frame)
    for claim in claims:
        claim.magnitude = _own_magnitude(claim.object)
    return claims


def _effect_target(noun: Token) -> Token | None:
    """The on-phrase of an effect noun ("impact on progression", "the effect of age and sex on mortality", where the
    parser may hang it on the last exposure): without it the noun states no finding."""
    of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
    holders = [noun, *(t for p in of for t in p.subtree if t.dep_ in ("pobj", "conj"))]
    return next((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "on"), None)


def _named_exposures(noun: Token, frame: dict) -> list[Token]:
    """ "the effect of age and sex": the exposures in the of-phrase, each conjunct its own; a generic statistical term
    ("all three variables", "a particular covariate") names no exposure."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    head = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return []
    exposures = [head, *(c for c in head.conjuncts if c.pos_ in ("NOUN", "PROPN"))]
    return [e for e in exposures if not _generic_exposure(e, frame)]


def _generic_exposure(head: Token, frame: dict) -> bool:
    indefinite = any(
        c.dep_ in ("det", "predet") and c.lower_ in ("a", "an", "each", "any", "all") for c in head.children
    )
    return indefinite or head.lemma_.lower() in frame["generic_exposure_heads"]


def _effect_phrase(noun: Token, target: Token, words: list[Token]) -> str:
    """ "almost no impact on non-PCM mortality": the effect noun's degree words, the noun and its on-phrase."""
    doc = noun.doc
    degree = [t.i for w in words for t in w.subtree if t.dep_ != "det" or t.lower_ == "no"]
    # "on Culex pipiens, the vector for lymphatic filariasis": the outcome without its apposition
    aside = {t.i for t in target.subtree if t.dep_ in ("appos", "relcl") for t in t.subtree}
    outcome = [t.i for t in target.subtree if t.i not in aside]
    while outcome and doc[outcome[-1]].is_punct:
        outcome.pop()
    return f"{span_text(doc, sorted(set(degree)))} {noun.text} {span_text(doc, outcome)}".strip()


def _effect_noun_predicate(copula: Token, context: SentenceContext, frame: dict) -> list[Claim]:
    """ "the effect of age and sex on non-PCM mortality is profound", "the effect of sex on progression is completely
    negligible": an effect noun judged by a predicate adjective under a copula states the size of the exposure's
    effect on the outcome."""
    if copula.lemma_ != "be":
        return []
    noun = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    adjective = next((c for c in copula.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
    if noun is None or adjective is None or noun.lemma_.lower() not in frame["effect_nouns"]:
        return []
    target = _effect_target(noun)
    if target is None:
        return []
    doc = noun.doc
    size = span_text(doc, [t.i for t in adjective.subtree if t.dep_ in ("advmod", "neg") or t.i == adjective.i])
    obj = f"{size} {_effect_phrase(noun, target, [])}"
    negated = any(c.dep_ == "neg" for c in copula.children)
    claims = []
    for exposure in _named_exposures(noun, frame):
        claim = _effect_claim(
            context, copula, noun_phrase_text_single(exposure), obj, "none", "effect:statistical-noun"
        )
        claim.negated = negated
        claims.append(claim)
    return claims


def noun_phrase_text_single(head: Token) -> str:
    """A conjunct's own phrase ("age" of "age and sex"), without the other conjuncts."""
    drop = {t.i for c in head.children if c.dep_ in ("conj", "cc", "relcl", "appos", "punct") for t in c.subtree}
    drop |= {t.i for c in head.children if c.dep_ == "prep" and c.lower_ == "on" for t in c.subtree}  # the outcome
    drop |= {c.i for c in head.children if c.dep_ == "det"}
    return span_text(head.doc, [t.i for t in head.subtree if t.i not in drop])


def _effect_noun_held(verb: Token, context: SentenceContext, frame: dict) -> list[Claim]:
    """ "The size of the serum monoclonal spike has almost no impact on non-PCM mortality", "the mspike size has a
    major impact on progression", "the Cox models showed no effect of sex on the hazard of PCM": an effect noun held
    by its exposure (the verb's subject), or named in the noun's of-phrase when a model or study shows it."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in frame["possession_verbs"]:
        return []
    noun = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if noun is None or noun.lemma_.lower() not in frame["effect_nouns"]:
        return []
    target = _effect_target(noun)
    if target is None:
        return []
    # "almost no impact", "a major impact", "promising insecticidal effect": all that is written before the noun
    degree = [c for c in noun.children if c.i < noun.i]
    obj = _effect_phrase(noun, target, degree)
    negated = verb_negated(verb, load_cues()) or any(c.lower_ == "no" for c in degree)
    exposures = [noun_phrase_text_single(e) for e in _named_exposures(noun, frame)]
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) and not exposures:
        return []  # "an effect of all three variables": the of-phrase names the exposure, here none
    if not exposures:
        subject = clause_subject(verb)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN") or _generic_exposure(subject, frame):
            return []
        if _not_an_exposure(subject, frame):
            return []  # "the prospects are promising and have a profound impact on Y", "the study had an impact"
        exposures = [noun_phrase_text(subject)]
    claims = []
    for exposure in exposures:
        claim = _effect_claim(context, verb, exposure, obj, "none", "effect:statistical-noun")
        claim.negated = negated
        claims.append(claim)
    return claims


def _not_an_exposure(subject: Token, frame: dict) -> bool:
    cues = load_cues()
    heads = set(frame["non_exposure_heads"]) | set(cues.raw["report_subject_heads"])
    return subject.lemma_.lower() in heads or is_investigator(subject, cues)


def _population_agent(subject: Token | None, cues: ClaimCues, frame: dict) -> str:
    """ "Males", "a female with MGUS" (a sex or age group is its own exposure), "older subjects", "mice harboring the
    S999A mutation" (a study group set apart by a condition, group_agent): the group a comparison is stated for, or
    "" for a bare or control group ("patients", "WT mice")."""
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return ""
    conditioned = group_agent(subject, cues)
    if conditioned:
        return conditioned
    own = subject.lemma_.lower() in frame["population_heads"] or subject.lower_ in frame["population_heads"]
    return noun_phrase_text(subject) if own else ""


def _comparative_modifier(noun: Token, cues: ClaimCues) -> str:
    """The direction of "a lower lifetime risk", "a 1.2 fold higher risk", "a less observed PCM" (the comparative
    anywhere before the noun in its phrase), or ""."""
    directions = {w: d for d, words in cues.raw["group_comparison"]["direction"].items() for w in words}
    for word in (t for t in noun.subtree if t.i < noun.i):
        if word.tag_ in ("JJR", "RBR") and word.lower_ in directions:
            return directions[word.lower_]
    return ""


def _own_magnitude(text: str) -> str:
    """ "1.2 fold higher", "1.5 times as great", "by only 6%": the claim's own size, not the sentence's first one."""
    found = re.search(r"(\d+(?:\.\d+)?)\s*(%|-?\s?fold|times)", text)
    if not found:
        return ""
    unit = found.group(2).replace(" ", "").lstrip("-")
    return f"{found.group(1)}%" if unit == "%" else f"{found.group(1)}{'×' if unit == 'times' else '-fold'}"


def _population_comparison(verb: Token, context: SentenceContext, cues: ClaimCues, frame: dict) -> list[Claim]:
    """ "Males have a lower lifetime risk of PCM before death and a higher risk of death before PCM", "females have a
    1.2 fold higher lifetime risk of PCM", "older subjects are less likely to experience PCM", "the death rate for males
    is 1.5 times as great as that for females": a population group (its sex, age or condition) compared with the rest
    on a risk, a rate or a likelihood; the group is the exposure, the comparative and the measure its effect."""
    doc = verb.doc
    claims = []
    if verb.lemma_.lower() in frame["possession_verbs"] and verb.pos_ in ("VERB", "AUX"):
        agent = _population_agent(clause_subject(verb), cues, frame)
        if not agent:
            return []
        measure = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if measure is None:
            return []
        by = [t.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree]
        for item in [measure, *measure.conjuncts]:
            direction = _comparative_modifier(item, cues)
            if not direction:
                continue
            drop = {t.i for c in item.children if c.dep_ in ("conj", "cc", "punct") for t in c.subtree}
            own = [t.i for t in item.subtree if t.i not in drop and not (t.dep_ == "det" and t.head.i == item.i)]
            text = span_text(doc, own + by)
            claims.append(_effect_claim(context, verb, agent, text, direction, "effect:population"))
        return claims
    if verb.lemma_ != "be":
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    likely = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in ("likely", "unlikely")), None)
    agent = _population_agent(subject, cues, frame) if likely is not None else ""
    if agent:
        degree = next((c for c in likely.children if c.dep_ == "advmod" and c.lower_ in ("more", "less")), None)
        if degree is None and likely.lower_ == "likely":
            return []
        direction = (
            "decrease"
            if (degree is not None and degree.lower_ == "less") or likely.lower_ == "unlikely"
            else "increase"
        )
        text = span_text(doc, [t.i for t in likely.subtree])
        return [_effect_claim(context, verb, agent, text, direction, "effect:population")]
    # "the death rate for males is 1.5 times as great as that for females": the group in the measure's for-phrase
    predicate = next((c for c in verb.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
    if subject is None or predicate is None:
        return []
    compared = predicate.tag_ == "JJR" or any(t.lower_ in ("than", "times", "as") for t in predicate.subtree)
    group_prep = next(
        (c for c in subject.children if c.dep_ == "prep" and c.lower_ in ("for", "among", "in") and c.i > subject.i),
        None,
    )
    group = next((c for c in group_prep.children if c.dep_ == "pobj"), None) if group_prep is not None else None
    agent = _population_agent(group, cues, frame) if compared else ""
    if not agent:
        return []
    measure = [t.i for t in subject.subtree if t.i < group_prep.i and not (t.dep_ == "det" and t.head.i == subject.i)]
    text = f"{span_text(doc, measure)} {span_text(doc, [t.i for t in predicate.subtree])}"
    directions = {w: d for d, words in cues.raw["group_comparison"]["direction"].items() for w in words}
    direction = directions.get(predicate.lower_, "increase" if "times" in text.split() else "")
    return [_effect_claim(context, verb, agent, text, direction, "effect:population")]


PER_UNIT_OPENERS = frozenset({"a", "an", "each", "every", "one", "per"})
# matched from a token's offset in its sentence's text (pattern.match(text, pos)), so no "^"
PER_UNIT = re.compile(r"(?:a|an|each|every|one|per)\s+(?:\d+(?:\.\d+)?|one)\s+(?:[a-z-]+\s+)?([a-z]+)\b", re.IGNORECASE)


def _per_unit_change(context: SentenceContext, frame: dict) -> list[Claim]:
    """ "Risk rises 1.9 fold per decade of age": a rate of change per unit of an exposure names the exposure in the
    per-phrase. "each 1 gram change increases risk by 2.4 fold", "A 1 unit increase changes mortality by only 6%":
    a change by one unit of an exposure left unnamed; the exposure is the one whose effect the sentence or the one
    before it states ("The mspike size has a major impact on progression, however; each 1 gram change ...")."""
    doc, sent = context.sent.doc, context.sent
    verbs = {v: d for d, words in frame["change_verbs"].items() for v in words}
    claims = []
    for token in sent:
        if token.lower_ != "per" or token.dep_ != "prep":
            continue
        unit = next((c for c in token.children if c.dep_ == "pobj"), None)
        of = next((c for c in unit.children if c.dep_ == "prep" and c.lower_ == "of"), None) if unit else None
        exposure = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        verb = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
        if exposure is None or verb is None or verb.lemma_.lower() not in verbs:
            continue
        drop = {t.i for c in verb.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        drop |= {t.i for t in of.subtree}  # "per decade of age": the exposure is the subject, its unit stays
        clause = [t.i for t in verb.subtree if t.i not in drop and not t.is_punct]
        while clause and doc[clause[-1]].dep_ == "cc":
            clause.pop()  # "Risk rises 1.9 fold per decade of age and ...": the next clause's conjunction
        claims.append(
            _effect_claim(
                context,
                verb,
                noun_phrase_text(exposure),
                span_text(doc, clause),
                verbs[verb.lemma_.lower()],
                "effect:per-unit",
            )
        )
    # a change by one unit: lexically, since parsers misread "A 1 unit increase changes mortality"
    text_of_sentence = sent.text
    for start in range(sent.start, sent.end):
        if doc[start].lower_ not in PER_UNIT_OPENERS:
            continue
        match = PER_UNIT.match(text_of_sentence, doc[start].idx - sent.start_char)
        if not match or match.group(1).lower() not in frame["per_unit_changes"]:
            continue
        rest = [t for t in doc[start : sent.end] if t.idx >= sent.start_char + match.end()]
        verb = next((t for t in rest[:2] if t.lemma_.lower() in verbs or t.lower_.rstrip("s") in verbs), None)
        exposure = _stated_exposure(context, start, frame)
        if verb is None or not exposure:
            continue
        text = doc[start : sent.end].text.rstrip(" .;")
        word = verb.lemma_.lower() if verb.lemma_.lower() in verbs else verb.lower_.rstrip("s")
        claims.append(_effect_claim(context, verb, exposure, text, verbs[word], "effect:per-unit"))
        break
    return claims


def _stated_exposure(context: SentenceContext, before: int, frame: dict) -> str:
    """The exposure whose effect is stated earlier in the sentence, or else in the sentence before it in the passage
    ("X has almost no impact on Y. A 1 unit increase changes Y by only 6%")."""
    doc = context.sent.doc
    earlier = [s for s in doc.sents if s.end <= context.sent.start]
    scopes = [doc[context.sent.start : before], *(earlier[-1:])]
    for scope in scopes:
        for token in scope:
            if token.lemma_.lower() in frame["possession_verbs"] and token.pos_ in ("VERB", "AUX"):
                noun = next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
                subject = clause_subject(token)
                if (
                    noun is not None
                    and noun.lemma_.lower() in frame["effect_nouns"]
                    and subject is not None
                    and subject.pos_ in ("NOUN", "PROPN")
                    and not _generic_exposure(subject, frame)
                ):
                    return noun_phrase_text(subject)
    return ""
