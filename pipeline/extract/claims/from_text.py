"""Prose claims: method → advantage/disadvantage and treatment → effect, from parsed sentences.

Everything topical is data in models/: cue nouns, evaluative words, effect verbs and connectives in
models/claims/cues.json, token patterns (magnitudes, comparators, time phrases) in models/claims/patterns.jsonl,
dependency frames in models/claims/dependency_patterns.jsonl and the method/treatment lexicon in
models/lexicons/methods.jsonl. The code only knows English syntax (prose_advantages.py, prose_effects.py; their
shared ground is prose.py):

- a cue noun ("the advantages of X are ...", "X has the drawback of ...", "... is a problem faced by X",
  "there are problems with X: ...") gives the relation, its owner and the span of properties;
- an evaluative clause whose subject is a method ("this method is simple", "its efficiency is low",
  "it consumes time") gives a relation from the polarity of its words;
- an effect verb ("X enhances Y", "X resulted in increased Y", "Y was reduced with the increase in X",
  "Y of X is 20 times that of Z", "X had stronger Y than Z") gives a treatment → effect claim with direction,
  magnitude, comparator, hedging and negation.

Anaphora ("this method", "the device", "it", "its") resolve to the method under discussion: the last method that
was the subject of a clause or the owner of a cue in the same section, or, for "the <head>", the last mention
with that head noun.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extract.claims.dependency_matcher import forget_token_values, tokens_with_values
from pipeline.extract.claims.discourse import (
    AntecedentModel,
    SectionDiscourse,
    mark_outside_subjects,
    paper_subjects,
    resolve_outside_subjects,
    resolve_self_references,
    title_tool,
)
from pipeline.extract.claims.guard import general_words, sentence_junk_class
from pipeline.extract.claims.prose import (
    CUE_EXTENSION,
    ENTITY_LABELS,
    SUBJECT_DEPS,
    AliasDocMaker,
    ClaimCues,
    Discourse,
    Matchers,
    Mention,
    SentenceContext,
    best_mention,
    clean_text,
    is_investigator,
    load_cues,
    matchers_for,
    noun_phrase_text,
    states_something,
)
from pipeline.extract.claims.prose_activities import taxon_names
from pipeline.extract.claims.prose_advantages import (
    absent_harm_claims,
    attribute_phrase_claims,
    colon_list_claims,
    cue_noun_claims,
    defined_method_and_tool_names,
    evaluative_claims,
    is_harm_noun,
    main_method_name,
    method_effects_as_evaluations,
    neutral_list_claims,
)
from pipeline.extract.claims.prose_capability_lists import capability_list_claims
from pipeline.extract.claims.prose_comparisons import comparison_claims
from pipeline.extract.claims.prose_effects import effect_claims
from pipeline.extract.claims.prose_evaluative import (
    open_evaluative_claims,
    participle_claims,
    regarded_object_claims,
    resultative_claims,
)
from pipeline.extract.claims.prose_paper_tool import capability_claims, feature_list_claims
from pipeline.extract.claims.prose_trial_arms import arm_comparison_claims
from pipeline.extract.nlp import load_pipeline
from pipeline.records import Claim, Passage


def extract_text_claims(
    annotated, nlp: Language | None = None, cues: ClaimCues | None = None, warnings: list[str] | None = None
) -> list[Claim]:
    """Claims from every prose passage of an AnnotatedDocument (pipeline.extract.nlp.annotate).

    With a `warnings` list, a sentence that a reader fails on gives no claims and a warning (page, error) instead of
    failing the document; without one (tests, direct calls) the error is raised.
    """
    cues = cues or load_cues()
    claims: list[Claim] = []
    if not annotated.docs:
        return claims
    first_doc = annotated.docs[0][1]
    # Aliases must be tokenized like the text (scispaCy rules split hyphens): use the pipeline that parsed it.
    nlp = nlp or load_pipeline()
    matchers = matchers_for(first_doc.vocab, cues, AliasDocMaker(nlp, first_doc))
    sentence_index = {s.start: s for s in annotated.sentences}
    docs = [doc for _, doc in annotated.docs]
    method_names, tool_names = defined_method_and_tool_names(docs, cues)
    # The paper's own tool: the one its title names (and its body repeats), else the defined name its body dominates
    body = "\n".join(passage.text for passage, _ in annotated.docs)
    dominant = main_method_name(docs, tool_names)
    main = title_tool(annotated.title, body, set(cues.raw["evaluation"]["tool_heads"]), general_words()) or dominant
    pronouns_reach_main = not main or main == dominant
    # Subjects from outside the sentences (discourse.py): the method the paper presents, each section's heading
    subjects = paper_subjects(annotated.docs, nlp, cues, lambda span: _names_method(span, matchers))
    main = main or subjects.presented_method()
    intervention = subjects.studied_intervention()
    discourse = SectionDiscourse(
        method_names=method_names,
        main_method=main,
        antecedents=AntecedentModel(cues),
        intervention=intervention,
        pronouns_reach_main=pronouns_reach_main,
    )
    for passage, doc in annotated.docs:
        if not _is_claim_prose(passage, cues):
            continue
        if passage.section_path != discourse.section:
            discourse = SectionDiscourse(
                section=passage.section_path,
                method_names=method_names,
                main_method=main,
                heading_subject=subjects.headings.get(passage.section_path, ""),
                antecedents=AntecedentModel(cues, subjects.headings.get(passage.section_path, "")),
                intervention=intervention,
                pronouns_reach_main=pronouns_reach_main,
            )
        _mark_cues(doc, cues)
        token_matches = _token_matches(doc, matchers)
        frames = _dependency_frames(doc, matchers)
        mentions = _find_mentions(doc, matchers, cues)
        for sent in doc.sents:
            sentence = sentence_index.get(passage.char_start + sent.start_char)
            context = SentenceContext(
                sent=sent,
                passage=passage,
                sentence=sentence,
                mentions=[m for m in mentions if sent.start <= m.start < sent.end],
                matches={k: [(s, e) for s, e in v if sent.start <= s < sent.end] for k, v in token_matches.items()},
                frames={i: labels for i, labels in frames.items() if sent.start <= i < sent.end},
            )
            try:
                found = sentence_claims(context, discourse, cues)
                if found and sentence_junk_class(sent):
                    found = []  # an instruction, a definition, text about the writing, or no well-formed sentence
                resolve_self_references(found, subjects, sent.text)
                resolve_outside_subjects(found, context, discourse)
                mark_outside_subjects(found, sent.text, discourse.heading_subject, main)
                _update_discourse(context, discourse, found, cues)
            except Exception as error:
                record_reader_failure(error, warnings, f"page {passage.page}: claims of one sentence", sent.text[:80])
                continue
            claims.extend(found)
            if discourse.antecedents is not None:
                discourse.antecedents.observe(sent, context.mentions, passage.passage_id)
    return claims


def record_reader_failure(error: Exception, warnings: list[str] | None, what: str, detail: str = "") -> None:
    """A claim reader's error in a pipeline run becomes a warning that `what` was skipped. Without a warnings list
    (tests, direct calls) it is raised, and so is running out of memory, which the run's limits must see."""
    if warnings is None or isinstance(error, MemoryError):
        raise error
    warnings.append(f"{what} skipped ({type(error).__name__}: {error})" + (f": {detail}" if detail else ""))


def _is_claim_prose(passage: Passage, cues: ClaimCues) -> bool:
    """Body prose only: not captions or abbreviation lists, not back matter (funding, declarations, ...)."""
    if passage.kind in cues.raw["skip_passage_kinds"]:
        return False
    sections = [part.strip().lower() for part in passage.section_path.split(">")]
    skipped = {s.lower() for s in cues.raw["skip_sections"]}
    return not any(section in skipped or section.split(" ")[0] in skipped for section in sections if section)


def sentence_claims(context: SentenceContext, discourse: Discourse, cues: ClaimCues) -> list[Claim]:
    claims = colon_list_claims(context, discourse, cues)
    # "FlexMix implements ...: A can be used ..., B may be ...": a named tool's capabilities listed after a colon
    claims += capability_list_claims(context, discourse, cues)
    claims += cue_noun_claims(context, discourse, cues)
    claims += neutral_list_claims(context, discourse, cues)
    claims += evaluative_claims(context, discourse, cues, claims[0].subject if claims else "")
    claims += method_effects_as_evaluations(effect_claims(context, discourse, cues), context, cues)
    claims += absent_harm_claims(context, discourse, cues, claims)
    # "the high cost of X limits ...", "side effects of X have led to ...": an evaluated attribute of X as a phrase
    claims += attribute_phrase_claims(context, discourse, cues, claims)
    # evaluative language about a method-like subject no lexicon knows (estimators, packages, functions, ...)
    claims += open_evaluative_claims(context, discourse, cues, claims)
    # "..., outperforming Y", "while requiring less time": a participle clause's property of the clause's subject
    claims += participle_claims(context, discourse, cues, claims)
    # "this makes X especially desirable for ...", "..., making it competitive with Y": the made thing's quality
    claims += resultative_claims(context, discourse, cues, claims)
    # "the IKWG acknowledged MIB-1 as a widely validated antibody": the object owns the role it is given
    claims += regarded_object_claims(context, discourse, cues, claims)
    # comparisons: the subject's side, and the mirrored judgement of the compared thing ("Y is slower than X")
    claims += comparison_claims(context, discourse, cues, claims)
    # "no significant difference in Y between the groups": a null finding of the arm named or the paper's intervention
    claims += arm_comparison_claims(context, discourse, cues)
    # "Further modeling options include A, B and C" in a tool paper's abstract: advantages of the paper's tool
    claims += feature_list_claims(context, discourse, cues)
    # "A wide range of distributions are supported", "model fit can easily be assessed" in a tool paper's abstract
    claims += capability_claims(context, discourse, cues)
    return [c for c in claims if c.subject and states_something(c.object, cues)]


def _mark_cues(doc: Doc, cues: ClaimCues) -> None:
    """Tag cue nouns and verbs (token._.claim_cue) so the dependency patterns can refer to the word lists."""
    forget_token_values(doc, CUE_EXTENSION)  # an earlier pass's marks; an unmarked token reads "" (the default)
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and (
            token.dep_ in ("amod", "compound") or (token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"))
        ):
            # A participle before its noun describes it ("stabilizing agents"), also when the parser made it a verb
            # conjoined to the nouns of a list ("A, B, and stabilizing agents"): not a verb of the clause.
            continue
        if lemma == "advantage" and token.dep_ in ("dobj", "obj") and token.head.lemma_.lower() == "take":
            continue  # "allows the user to take advantage of ...": an idiom of using, not a cue noun
        if token.pos_ in ("NOUN", "PROPN") and lemma in cues.advantage:
            token._.set(CUE_EXTENSION, "advantage")
        elif token.pos_ in ("NOUN", "PROPN") and (lemma in cues.disadvantage or is_harm_noun(token, cues)):
            token._.set(CUE_EXTENSION, "disadvantage")  # "the side effects of X include ...": a harm is a drawback
        elif token.pos_ in ("VERB", "AUX") and lemma in cues.possession:
            token._.set(CUE_EXTENSION, "possession")
        elif (token.pos_ == "VERB" or _misread_verb(token)) and lemma in cues.result_verbs:
            token._.set(CUE_EXTENSION, "result")
        elif (token.pos_ == "VERB" or _misread_verb(token)) and lemma in cues.effect_direction:
            token._.set(CUE_EXTENSION, cues.effect_direction[lemma])


def _misread_verb(token: Token) -> bool:
    """ "Micromotion thus only results in breathing oscillations", "changes in cell state lead to a switch": a finite
    verb the tagger read as a noun ("results", "lead"), which the parser still gave a subject of its own (no noun
    takes one)."""
    return (
        token.pos_ == "NOUN"
        and token.tag_ in ("NN", "NNS")
        and token.dep_ in ("ROOT", "conj", "ccomp")
        and any(c.dep_ == "nsubj" for c in token.children)
    )


def _dependency_frames(doc: Doc, matchers: Matchers) -> dict[int, set[str]]:
    """Which claim frames (models/claims/dependency_patterns.jsonl) each cue noun or verb takes part in."""
    frames: dict[int, set[str]] = {}
    if not tokens_with_values(doc, {CUE_EXTENSION}):
        return frames  # every frame has a cue word among its nodes: without one, the matcher's pass finds nothing
    for match_id, token_ids in matchers.dependencies(doc):
        label = doc.vocab.strings[match_id]
        frames.setdefault(token_ids[matchers.anchors[label]], set()).add(label)
    return frames


def _token_matches(doc: Doc, matchers: Matchers) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for match_id, start, end in matchers.tokens(doc):
        found.setdefault(doc.vocab.strings[match_id], []).append((start, end))
    return found


def _find_mentions(doc: Doc, matchers: Matchers, cues: ClaimCues) -> list[Mention]:
    spans = [doc[s:e] for _, s, e in matchers.aliases_lower(doc)] + [
        doc[s:e] for _, s, e in matchers.aliases_lemma(doc)
    ]
    spans += [ent for ent in doc.ents if ent.label_ in ENTITY_LABELS]
    spans += _method_phrases(doc, cues)
    mentions: list[Mention] = []
    taken: set[int] = set()
    # Longest first, so "immunoaffinity chromatography" wins over "chromatography".
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if taken & set(range(span.start, span.end)):
            continue
        span = _extend_to_method_head(span, cues)
        span = _extend_participle_to_noun(span)
        if taken & set(range(span.start, span.end)):
            continue
        taken |= set(range(span.start, span.end))
        source = "entity" if span.label_ in ENTITY_LABELS else "lexicon"
        if span.root.lemma_.lower() in cues.method_heads and span.label_ not in ENTITY_LABELS:
            source = "phrase" if not _contains_alias(span, matchers) else "lexicon"
        mentions.append(Mention(span.start, span.end, clean_text(span.text), source, _is_modifier(span, cues)))
    return sorted(mentions, key=lambda m: m.start)


def _names_method(span: Span, matchers: Matchers) -> bool:
    """A parsed heading that is one lexicon method or a METHOD/TREATMENT entity as a whole."""
    whole = [e for e in span.doc.ents if e.label_ in ENTITY_LABELS and e.end - e.start >= len(span) - 1]
    return bool(whole) or any(e - s >= len(span) - 1 for _, s, e in matchers.aliases_lower(span.as_doc()))


def _contains_alias(span: Span, matchers: Matchers) -> bool:
    return bool(matchers.aliases_lower(span.as_doc()))


def _extend_to_method_head(span: Span, cues: ClaimCues) -> Span:
    """ "precipitation" + "method" → "precipitation method"; "extraction kit" + "method" likewise."""
    end = span.end
    while end < len(span.doc) and span.doc[end].lemma_.lower() in cues.method_heads and span.doc[end].pos_ == "NOUN":
        end += 1
    return span.doc[span.start : end]


def _extend_participle_to_noun(span: Span) -> Span:
    """ "sonicated" + "exosomes", "three-dimensional cultured" + "exosomes": a mention ending in a participle
    modifies a noun; the subject is the whole noun phrase, not the participle alone."""
    last = span[-1]
    head = last.head
    if last.tag_ not in ("VBN", "VBD") and not last.lower_.endswith("ed"):
        return span
    if last.dep_ not in ("amod", "compound", "nmod") or head.i <= last.i or head.i - last.i > 3:
        return span
    if head.pos_ not in ("NOUN", "PROPN") or any(t.is_punct for t in span.doc[last.i + 1 : head.i]):
        return span
    return span.doc[span.start : head.i + 1]


def _is_modifier(span: Span, cues: ClaimCues) -> bool:
    last = span[-1]
    if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= span.end:
        return last.head.lemma_.lower() not in cues.method_heads
    return False


def _method_phrases(doc: Doc, cues: ClaimCues) -> list[Span]:
    """Noun phrases headed by a method noun with a specific modifier: "the magnetic bead method"."""
    found = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lemma_.lower() not in cues.method_heads or root.pos_ != "NOUN":
            continue
        modifiers = [t for t in chunk if t.i < root.i and t.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        specific = [t for t in modifiers if t.lower_ not in cues.generic_modifiers and t.is_alpha]
        if not specific:
            continue
        start = min(t.i for t in specific)
        found.append(doc[start : root.i + 1])
    return found


def _update_discourse(context: SentenceContext, discourse: Discourse, found: list[Claim], cues: ClaimCues) -> None:
    sent = context.sent
    topical = [
        m
        for m in context.mentions
        if not m.is_modifier and any(sent.doc[m.start].head.i == t.i or t.i == sent.doc[m.start].i for t in sent)
    ]
    subject_mentions = []
    for mention in topical:
        token = sent.doc[mention.end - 1]
        if token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children):
            continue  # "Separation, washing, and fluorescence analysis can be completed ...": a list, not a topic
        path = [token, *token.ancestors]
        if any(t.dep_ in SUBJECT_DEPS for t in path[:4]) or any(
            t._.get(CUE_EXTENSION) in ("advantage", "disadvantage") for t in path[:4]
        ):
            subject_mentions.append(mention)
    chosen = best_mention(subject_mentions)
    if chosen:
        discourse.topic = chosen.text
    owners = [c.subject for c in found if c.relation != "effect" and "same-as" not in c.cue]
    if owners:
        discourse.topic = owners[0]
    discourse.claimed_topic = any(c.subject == discourse.topic for c in found if c.relation != "effect")
    for mention in context.mentions:
        if not mention.is_modifier:
            discourse.recent.append(mention.text)
    for claim in found:
        if claim.relation != "effect":
            discourse.claims_by_subject.setdefault(claim.subject, []).append(claim)
        else:
            discourse.effect_subject = claim.subject
    discourse.salient = _salient(sent, cues) or discourse.salient
    discourse.taxon = (taxon_names(sent, cues) or [discourse.taxon])[-1]


def _salient(sent: Span, cues: ClaimCues) -> str:
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    if subjects and not is_investigator(subjects[0], cues) and subjects[0].pos_ != "PRON":
        if any(c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those") for c in subjects[0].children):
            return ""  # "this plant", "these compounds" point back: the thing named before stays salient
        return noun_phrase_text(subjects[0])
    objects = [c for c in root.children if c.dep_ in ("dobj", "obj")]
    if objects:
        return noun_phrase_text(objects[0])
    return ""
