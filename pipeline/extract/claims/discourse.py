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

Session 10 added the antecedents of anaphors across sentences (AntecedentModel, below): the noun phrases of the
section's earlier sentences ranked by salience and agreement, used where an extractor took an anaphoric subject from
outside its sentence (resolve_outside_subjects) and where resolve_anaphor would otherwise answer with the section's
topic. Measured with benchmarks/claims_loop.py on seed + dev: pooled 0.655/0.280/0.392 -> 0.657/0.282/0.394 (3
required lines found, 2 unmatched predictions gone, none added, none lost), seed unchanged (0.866), no change on
benchmarks/papers. On the gold lines whose subject is outside their sentence and whose sentence has an anaphor in
subject position (174 sentences), the ranking answers 20 times, 13 of them right (the threshold keeps it quiet
otherwise); the gold subject is among the candidates for 112 of the 174.

Session 11 (benchmarks/claims_subjects.py): of the 1,214 missed required seed+dev prose lines, 391 have their subject
outside the sentence; in subject position they hold a pronoun (73), an anaphoric noun phrase (73), an agentless
passive (52), nothing (13) or another noun phrase (180); for 225+ of them the subject is in the three sentences
before, for about 40 in the title or the paper's presented method, for about 15 in the heading. Most of these
sentences (270 of 391) get no claim at all: their predicate is not read, so a better subject alone cannot find them;
64 have a claim with the right object and the wrong subject. A bare "they" (SectionDiscourse.antecedent: the ranking
only, never the topic) and the reporting expletive "It can be deduced that ..." were added; weights for the ranking
fitted leave-one-paper-out (conditional logit with an abstain alternative) answered 39 of 82 anaphors with 16 right,
worse than the hand-set weights (19 answers, 10 right), so the hand-set weights stay.

Session 14: of the 271 missed seed+dev lines (uritu2018 left out) whose subject is outside the sentence, 228 get no
claim from their sentence at all, so a subject alone finds few; two document-level subjects were added with the
predicates that need them. The intervention a research paper's aims name (`PaperSubjects.studied`, "To determine the
effectiveness of a physical activity intervention for ...") is the subject of its trial's null findings between
unnamed arms (prose_trial_arms.py); the paper's dominant tool name (Discourse.main_method) owns the feature lists and
agentless capabilities of its abstract (prose_paper_tool.py). With benchmarks/claims_loop.py: dev 0.696/0.305/0.424 ->
0.698/0.311/0.431 (dev without uritu2018 0.620/0.225/0.331 -> 0.626/0.236/0.343; bmj2015 7 -> 13 of 38 required lines,
brms 20 -> 26 of 137), seed unchanged (0.861); of the 15 claims added, 13 match gold lines and 2 are true restatements
the gold does not list. Tried and left out: "the intervention" resolving to the aims' intervention (no claim changed on
dev: the sentences that say "the intervention" have predicates no extractor reads); "the complete procedure" resolving
to the presented method (jner2016's gold resolves it to the abstract's approach while the head noun picks the other
presented procedure).

Session 14 (second pass): the document's title reaches the claims stage (AnnotatedDocument.title, from the structure
stage), and the tool a title names as the paper's own (title_tool: "FlexMix: A General Framework ...", "Users Guide for
New BCsFt Tools", "The pcaMethods Package", "... Using lme4"), when the body repeats it, is the paper's main tool ahead
of the body's dominant defined name. A bare pronoun reaches a title-only tool no more (SectionDiscourse
.pronouns_reach_main): in twinstim's sections on fitted models "It exhibits strong seasonality" made the tool a
disadvantage twice. With benchmarks/claims_loop.py gold/seed gold/dev: pooled 0.717/0.331/0.453 -> 0.717/0.332/0.454,
dev without uritu2018 0.625/0.228/0.335 -> 0.626/0.229/0.336 (pcaMethods 1 -> 2 of 42: "The methods basically allow to
perform PCA on incomplete data"), seed unchanged (0.861). FlexMix and BCsFt now have their tool but gain no claim: their
abstracts state it with a named subject and a colon list ("FlexMix implements a general framework ...: three variants
of the EM algorithm can be used ..., regressors ... may be multivariate ..."), a predicate no extractor reads yet. On
benchmarks/papers the title names lme4, deSolve, twinstim, hhh4, twinSIR, ejpecp and elbioimp; of lme4, deSolve and
twinstim only twinstim changes (one claim added, right: "The implementation has limited support for type-dependent
interaction functions"). In elbioimp's class manual "The ifthen package makes testing easier" gave the class three
advantages that belong to other packages: a tool noun with a name of its own before it ("the loo package"; a coined word
the parser reads as an adjective) is not the paper's tool (_names_another_tool). Tried and left out: "these/those +
modifier + plural noun" ("These generative models") as an anaphor for the antecedent ranking: no claim changed on
seed or dev.
Session 15 (issue 19, effects whose subject is the experiment's treatment): a paragraph's current treatment
(TreatmentContext, set by a treatment noun with its agent, a verb of applying with what it applies or a treated group,
reset at a new paragraph or section, after a citation closes a sentence, at "et al." and when a sentence states two)
is the subject of a past, non-modal, unhedged change stated of its patient with no agent of its own. On seed + dev it
answers 2 times, both right (uritu2018: "tactile allodynia and thermal hyperalgesia were reversed by intrathecal
baicalin administration"): agentless reported results after a clear treatment statement are rare in the gold papers;
most missed effect lines with the treatment outside their sentence have a predicate no extractor reads ("There were
also MIC increases for ampicillin", "X had meropenem MICs twofold above ...") or an anaphoric subject. Giving the state
also the agent of the paragraph's last effect claim added 2 wrong claims and no found line (left out). The
in-sentence condition (prose_effects.condition_treatment, _obtained_effect: "when using ZnCl2 as a catalyst", "when the
catalyst concentration was decreased to 0.16 wt %", "were obtained in the presence of X", "observed in response to X")
found 6 more required dev lines (polymers2013 14 -> 19, curroncol2023 7 -> 8) for 2 unmatched claims. Tried and left
out: "find" among the obtaining verbs (jner2016's "When applying the optimal FEP ... no differences were found with
regard to ..." keeps only "no differences" as its object); a treated group as the subject of "had/showed Y" ("Mutants
selected in the presence of ciprofloxacin had mutations in ...": msphere2024's sentences of this form are misparsed,
the finding verb a clausal complement or its object the subject of a stray clause, so no claim came of it).

Session 15 (issue 19, anaphoric subjects, second pass): a product or organism anaphor inside a longer subject
("extracts of this plant", "the essential oil of the plant"; resolve_embedded_products) is written out in place with the
resolution the effect extractors give a bare one (prose_activities.resolve_product_anaphor), and a name of its own
("(DeepPatient)", "VESPA") now agrees with a method-class anaphor ("the model"; named_class_head), unless it is the
subject of a verb that takes a clause (an author: "Hendrycks and Gimpel discovered that ..."). With
benchmarks/claims_loop.py gold/seed gold/dev: pooled 0.708/0.321/0.442 -> 0.710/0.322/0.443 (898 -> 902 correct,
687 -> 690 found, 1268 -> 1270 predicted), seed unchanged (0.861); of the 2 claims added both match gold lines. Most
missed lines whose subject is an anaphor get no claim from their sentence at all ("the plant has potent
anti-inflammatory effects" is parsed with "has" an auxiliary of "potent"), so a better subject alone finds few. Tried
and left out: the name agreement also for material anaphors ("the catalyst" -> "[Bmim]ZnCl3": no line found, one junk
"PET -> toxic"); a participle modifier as still anaphoric ("the combined model" -> FIDDLE: 1 line found, seed 0.861 ->
0.822, "exosome-based delivery system" took sonication's claims). "The administration of the extract (100 ... mg/kg)"
keeps its subject: the dose in brackets makes "the extract" not bare for resolve_product_anaphor. A definite part of an
organism with no organism of its own ("The leaves and stems are known to have ...", resolve_organism_parts) is the last
binomial's part ("leaves of M. vulgare", "stems of M. vulgare"): 12 uritu2018 subjects right instead of bare "leaves",
"stems", no figure changed (the bare parts already matched the gold's "leaves and stems of M. vulgare" by containment).

Session 17 (issue 19, subjects with no noun of their own): of the missed lines of ten tool papers, a bare
demonstrative subject ("This is simple to implement", "This can save a bit of typing") held about 45 sentences, "the
former"/"the latter" 12, and most other misses have no predicate any reader reads. A bare "this"/"these" subject
(`_pointer`, never the section's topic) is the thing the sentence before introduced last in its main clause, when that
is a name or a lexicon method (`AntecedentModel.resolve_demonstrative`): a demonstrative stands more often for the
statement before ("This has resulted in different dilutions ...") than for a thing, so a phrase in a subordinate clause
or a bracket is none, nor is a described class ("the easiest and preferred method"), and a verb that takes a clause
("This means that ...") points at no thing. "The former"/"the latter" take the first/last member of the nearest
coordination of nouns before them (`coordinated_member`); a sentence that sets "the latter approach" against "the
former" names a pair of its own and gets none. A name given by a naming verb ("One popular method ... is called
test-time dropout") is the candidate's text. With benchmarks/claims_loop.py gold/seed gold/dev: pooled
0.717/0.323/0.446 -> 0.716/0.324/0.446 (957 -> 959 correct, 734 -> 736 found, 1335 -> 1339 predicted; MPI "the most
flexible", pcaMethods' Q2; one wrong owner, "These commands" -> "default method", came with the pointers through the
section's discourse state and was not traced), seed unchanged (0.864); benchmarks/papers 239 -> 240 claims, the one
new "the latter" -> "S3 methods" (kohonen: "supersom and the S3 methods predict and map ... Especially the latter").
A bonus in the ranking for names of their own
("SIMPLS", "MPI": "It is also usually faster ...") found 2 more dev lines but on benchmarks/papers made "This package"
the repository CTAN, "it" an abbreviation "DE" against the centring of the previous subject, and "It also provides"
the American Mathematical Society: left out.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extract.claims.guard import general_words
from pipeline.extract.claims.prose import (
    MODELS_DIR,
    PARENTHESIS,
    SUBJECT_DEPS,
    ClaimCues,
    Discourse,
    SentenceContext,
    clean_text,
    is_investigator,
    load_cues,
    named_in_apposition,
    noun_phrase_text,
    span_text,
)
from pipeline.extract.claims.prose_activities import resolve_product_anaphor, without_dose
from pipeline.records import Claim, Passage

DISCOURSE_PATH = MODELS_DIR / "claims" / "discourse.json"

HEADING_NUMBER = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*\.?|[IVX]+\.|[A-Z]\.)\s+")  # "2.3 ", "2.3. ", "IV. ", "B. "

WORD = re.compile(r"[a-z0-9]+")
# dependencies that open a clause under the main one: a phrase inside is not what the sentence is about
SUBORDINATE_DEPS = {"relcl", "advcl", "ccomp", "acl", "xcomp", "pcomp", "csubj", "parataxis"}
YEAR = re.compile(r"\b(?:1[89]|20)[0-9]{2}[a-z]?\b")  # "2005", "2007a": a date or a citation's year


@lru_cache(maxsize=1)
def load_discourse_words() -> dict:
    return json.loads(DISCOURSE_PATH.read_text(encoding="utf-8"))


TITLE_BREAK = re.compile(r"\s*(?::|\s[—–-]\s)\s*")  # "brms: An R Package ...", "VESPA — Very large-scale ..."


def title_tool(title: str, body: str, tool_nouns: set[str], vocabulary: frozenset[str]) -> str:
    """The tool a paper's title names as its own, when the body writes that name too; "" otherwise.

    Three title shapes name a tool: a name alone (or beside a tool noun) before the title's colon or dash
    ("FlexMix: A General Framework ...", "Package deSolve: Solving ..."), a name beside a tool noun ("The pcaMethods
    Package", "Users Guide for New BCsFt Tools for R/qtl") and a name after a using-preposition ("Fitting Linear
    Mixed-Effects Models Using lme4"). Title case capitalises every word, so a name is told by its shape (inner
    capitals or digits: "BCsFt", "lme4", "VESPA") or by being a word general English does not know ("brms", "goseq");
    "Obesity: a review" names no tool. A title the structure stage misread names nothing the body repeats."""
    words = load_discourse_words()
    nouns = tool_nouns | set(words["title_tool_nouns"])
    prepositions = set(words["title_tool_prepositions"])

    def is_tool_noun(word: str) -> bool:
        word = word.lower()
        return word in nouns or (word.endswith("s") and word[:-1] in nouns)

    def is_name(word: str) -> bool:
        if len(word) < 2 or not word[0].isalnum():
            return False
        shaped = any(ch.isupper() or ch.isdigit() for ch in word[1:])
        return shaped or (word.isalpha() and bool(vocabulary) and word.lower() not in vocabulary)

    candidates: list[str] = []
    parts = TITLE_BREAK.split(clean_text(title), maxsplit=1)
    if len(parts) == 2:
        prefix = [w for w in parts[0].split() if not is_tool_noun(w) and w.lower() != "the"]
        if len(prefix) == 1:
            candidates.append(prefix[0])
    tokens = [w.strip(".,;:()[]'\"‘’“”") for w in clean_text(title).split()]
    for i, word in enumerate(tokens):
        if is_tool_noun(word):
            candidates.extend(tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens))
        elif word.lower() in prepositions and i + 1 < len(tokens):
            candidates.append(tokens[i + 1])
    for name in candidates:
        if not is_name(name):
            continue
        mentions = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", body))
        if mentions >= words["title_tool_min_mentions"]:
            return name
    return ""


@dataclass
class PaperSubjects:
    """Subjects a document gives outside its sentences."""

    presented: list[tuple[str, str, bool]] = field(default_factory=list)  # (noun phrase, head lemma, from abstract)
    headings: dict[str, str] = field(default_factory=dict)  # section path -> the method its last heading names
    studied: list[str] = field(default_factory=list)  # interventions whose effect the paper's aims name, in order

    def studied_intervention(self) -> str:
        """The intervention a research paper tests: the one its aims name most often (the first on a tie), or ""."""
        if not self.studied:
            return ""
        counts = {text.lower(): self.studied.count(text) for text in self.studied}
        best = max(counts.values())
        return next(text for text in self.studied if counts[text.lower()] == best)

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


ETAL = re.compile(r"\bet al\b")
CLOSING_CITATION = re.compile(r"(?:\[[\d,;–\-\s]+\]|\([^()]*\b(?:1[89]|20)\d{2}[a-z]?\))\s*\.?\s*$")


@dataclass
class TreatmentContext:
    """The treatment an experiment's paragraph reports on: results are often written of what was measured alone
    ("IL-6 levels were decreased", "tactile allodynia was reversed by intrathecal baicalin administration") in or after
    a sentence that says what was applied ("Rats received 0.5 g/kg X daily", "Cells were treated with Y", "Y-treated
    cells"). A clear treatment statement sets it, a statement of another treatment replaces it (two in one sentence
    clear it: no single context), and a new paragraph, a new section (SectionDiscourse is made anew for each), a
    citation closing the sentence before or a new study's authors ("Chen et al.") start without one. The effect
    extractors give it to a reported change with no agent of its own (prose_effects._context_treatment)."""

    passage_id: int = -1
    treatment: str = ""
    closed: bool = False  # the last sentence ended with a citation: the cited study's report is over

    def observe(self, sent: Span, passage_id: int, cues: ClaimCues) -> None:
        # A new paragraph, a citation closing the sentence before, or a new study's authors ("Chen et al. transfected
        # ...") start without a treatment: in a review one paragraph reports several studies, one after the other.
        if passage_id != self.passage_id or self.closed or ETAL.search(sent.text):
            self.passage_id, self.treatment = passage_id, ""
        self.closed = bool(CLOSING_CITATION.search(sent.text))
        stated = {text.lower(): text for text in treatment_statements(sent, cues)}
        if len(stated) == 1:
            self.treatment = next(iter(stated.values()))
        elif stated:
            self.treatment = ""

    def current(self, passage_id: int) -> str:
        return self.treatment if passage_id == self.passage_id else ""


@lru_cache(maxsize=1)
def treatment_words() -> dict:
    return load_discourse_words()["treatment_context"]


def treatment_statements(sent: Span, cues: ClaimCues) -> list[str]:
    """The treatments a sentence says were applied: a treatment noun with its agent ("treatment with X", "X
    administration", "exposure to X"), a verb of applying with what it applies ("received X", "were treated with X",
    "X was administered"), a participle making a treated group ("X-treated cells"). The agent must be named (a word with
    capitals or digits, a proper noun, or a word general English does not know): "treatment with the extract" or
    "received the drug" name nothing new."""
    words = treatment_words()
    found = []
    for token in sent:
        lemma = token.lemma_.lower()
        if _inducing(token, words):
            continue  # "pain induced by formalin injection": the challenge that makes the model, not the treatment
        if token.pos_ == "NOUN" and lemma in words["treatment_nouns"]:
            agent = _applied_with(token, tuple(words["treatment_nouns"][lemma]))
            if agent is not None:
                found.append(noun_phrase_text(token))
            elif any(_named(c) for c in token.children if c.dep_ in ("compound", "nmod") and c.i < token.i):
                found.append(_premodified(token))  # "IFN-γ stimulation", "baicalin administration"
        elif token.pos_ == "VERB" and lemma in words["applying_verbs"]:
            for role in words["applying_verbs"][lemma]:
                agent = (
                    next((c for c in token.children if c.dep_ == role and c.pos_ in ("NOUN", "PROPN")), None)
                    if role in ("dobj", "nsubjpass")
                    else _applied_with(token, (role,))
                )
                if agent is not None and _names_agent(agent) and _without_quantity(agent):
                    found.append(_without_quantity(agent))
                    break
        if lemma in words["applied_participles"] and token.dep_ in ("amod", "compound", "acl"):
            named = [c for c in token.children if c.dep_ in ("npadvmod", "compound", "nmod") and c.i < token.i]
            if named and _named(named[0]):
                found.append(clean_text(named[0].text))  # "LPS-treated macrophages": LPS
    return found


def _inducing(token: Token, words: dict) -> bool:
    """Whether the token lies in the agent phrase of an inducing verb ("inflammation induced by carrageenan")."""
    for ancestor in list(token.ancestors)[:4]:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in words["inducing_verbs"]:
            return any(c.dep_ == "agent" for c in ancestor.children) and ancestor.i < token.i
    return False


def _applied_with(head: Token, preps: tuple[str, ...]) -> Token | None:
    """The named object of the head's first with/of/to phrase ("treatment with linalool")."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")):
            if _names_agent(noun):
                return noun
    return None


def _named(token: Token) -> bool:
    """A name: a proper noun, a word with capitals or digits after its first letter, or one general English lacks."""
    if token.like_num or not any(ch.isalpha() for ch in token.text):
        return False
    text = token.text
    if token.pos_ == "PROPN" or any(ch.isupper() or ch.isdigit() for ch in text[1:]):
        return True
    vocabulary = general_words()
    return bool(vocabulary) and len(text) >= 5 and text.isalpha() and text.lower() not in vocabulary


def _names_agent(noun: Token) -> bool:
    """The noun phrase holds a name ("G. hederacea extract", "carvacrol", "extract of S. inflata")."""
    return any(_named(t) for t in noun.subtree if t.dep_ not in ("det", "nummod", "relcl", "appos"))


def _premodified(head: Token) -> str:
    """The head noun with the modifiers before it ("intrathecal baicalin administration", "IFN-γ stimulation")."""
    start = head.i
    while start > head.sent.start and head.doc[start - 1].dep_ in ("compound", "nmod", "amod", "punct"):
        if head.doc[start - 1].head.i < start and head.doc[start - 1].text != "-":
            break
        start -= 1
    return clean_text(head.doc[start : head.i + 1].text)


LEADING_AMOUNT = re.compile(r"^\d[\d.,]*\s*[a-zµμ%][\w/.%µμ-]*\s+", re.I)  # "0.5 g/kg ", "10 µM "


def _without_quantity(noun: Token) -> str:
    """ "0.5 g/kg G. hederacea extract", "350 mg of plant extract": what was given, not how much ("" when no name is
    left: "30Hz bursts" named only an amount)."""
    text = LEADING_AMOUNT.sub("", without_dose(noun_phrase_text(noun)))
    names = [t.text for t in noun.subtree if _named(t) and not t.like_num]
    return text if any(name in text for name in names) else ""


@dataclass
class SectionDiscourse(Discourse):
    """The section's discourse state (prose.Discourse) plus the method its heading names, which a method-class
    anaphor ("this technique", "the method") means when no sentence of the section has named a method yet. A bare
    pronoun ("it") does not reach the heading: in a section "Drug loading mode", "it is easily cleared" is the drug."""

    heading_subject: str = ""
    antecedents: AntecedentModel | None = None
    intervention: str = ""  # the intervention the paper's aims say it tests (PaperSubjects.studied_intervention)
    # A bare pronoun reaches the paper's tool only when the body makes it dominant (main_method_name); a tool only the
    # title names is reached by a tool or method noun ("the package", "the methods"): in its sections on functions and
    # fitted models, "it" and "they" are those (twinstim: "It exhibits strong seasonality" is a fitted component).
    pronouns_reach_main: bool = True
    treatments: TreatmentContext = field(default_factory=TreatmentContext)

    def resolve_anaphor(self, head: str | None, context: SentenceContext | None = None, position: int = -1) -> str:
        resolved = self._resolve_anaphor(head, context, position)
        if resolved and head and not names_part(resolved, head, self._plural_at(head, context, position)):
            return ""  # "This function is highly configurable" is not VESPA, "these commands" not "the default method"
        return resolved

    def _plural_at(self, head: str, context: SentenceContext | None, position: int) -> bool:
        if self.antecedents is None or context is None or position < 0:
            return False
        anaphor = _anaphor_from(context.sent, position, head, self.antecedents.cues)
        return anaphor is not None and anaphor.plural

    def _resolve_anaphor(self, head: str | None, context: SentenceContext | None = None, position: int = -1) -> str:
        if head and context is not None and _names_another_tool(context, position, head, self.main_method):
            return ""  # "The ifthen package makes testing easier": a tool the phrase names, not the paper's own
        resolved = super().resolve_anaphor(head, context, position)
        if not head and context is not None and self._fronted_clause_owns(context, position, resolved):
            return ""  # "As soon as an event occurs, it triggers offspring": the event, not the section's model
        if not head and not self.pronouns_reach_main and resolved and resolved == self.main_method:
            return self._antecedent("", context, position)
        across = self._antecedent(resolved, context, position)
        if across:
            return across
        if not head and resolved and self.antecedents is not None and context is not None:
            if self.antecedents.continues_other_subject(context, position, resolved):
                return ""  # "First, the evanescent light has small intensity. But it has ...": not the topic
        if resolved and self._disagrees(resolved, head, context, position):
            return ""  # "The strength of this approach" is not the section's topic "popular methods"
        if head and not self.topic and self.heading_subject and (not resolved or resolved == self.main_method):
            return self.heading_subject
        return resolved

    def antecedent(self, context: SentenceContext, position: int) -> str:
        return self._antecedent("", context, position)

    @staticmethod
    def _fronted_clause_owns(context: SentenceContext, position: int, resolved: str) -> bool:
        """Whether a pronoun subject's antecedent is the subject of a clause before it in its sentence, and that is not
        what the caller resolved it to."""
        if position < 0:
            return False
        subject = fronted_clause_subject(context.sent.doc[position])
        if subject is None:
            return False
        written = " ".join(t.text for t in subject.subtree).lower()
        return not resolved or (resolved.lower() not in written and subject.lower_ not in resolved.lower())

    def points_back(self, subject: Token) -> bool:
        """A subject with no noun of its own that only an earlier phrase can own ("This", "These", "the latter")."""
        return _pointer(subject) is not None

    def _disagrees(self, resolved: str, head: str | None, context: SentenceContext | None, position: int) -> bool:
        """Agreement of the caller's answer (the section's topic or a recent mention) with the anaphor: a singular
        anaphor ("this approach", "it", "its") never stands for a family of methods the section wrote in the plural
        ("popular methods"; a coordination, "temperature scaling and small perturbations", may be one approach), and
        a material's noun ("these catalysts") wants an antecedent with its head."""
        if self.antecedents is None or context is None or position < 0:
            return False
        anaphor = _anaphor_from(context.sent, position, head, self.antecedents.cues)
        if anaphor is None:
            return False
        if not anaphor.head and anaphor.plural and resolved == self.main_method and not _plural_acronym(resolved):
            return True  # "they were restricted to 3 hours of sleep" (the study's subjects) is not the tool lme4
        written = next((c for c in self.antecedents.candidates if c.text.lower() == resolved.lower()), None)
        if written is None:
            return False
        family = written.plural_class and not anaphor.plural
        if not anaphor.head and (written.plural != anaphor.plural or written.conjunct):
            return True  # a pronoun agrees in number: "it" is not "cuprous oxide crystals", "they" not "lme4"
        # head agreement for a material's noun ("these catalysts" is not the section's topic "PET"); a method-class
        # noun ("this approach", "the software") may name what a section's method is without repeating its words
        material = anaphor.head in self.antecedents.weights["material_heads"]
        return family or (material and self.antecedents.head_agreement(written, anaphor) == "head_mismatch")

    def _antecedent(self, resolved: str, context: SentenceContext | None, position: int) -> str:
        """The ranked antecedent of an earlier sentence (AntecedentModel), unless the caller's answer lies in the
        anaphor's own sentence ("Although UC is the gold standard, it is slow": the earlier clause wins)."""
        if self.antecedents is None or context is None or position < 0:
            return ""
        if resolved and resolved.lower() in context.sent.text.lower():
            return ""
        if resolved and resolved == self.main_method:
            return ""  # the paper's own method ("the software", "this technique" in a research paper) stays
        anaphor = anaphor_at(context.sent.doc, position, self.antecedents.cues)
        if anaphor is None or not self.antecedents.reaches_back(anaphor, context.sent):
            return ""
        found = self.antecedents.resolve(anaphor)
        if found:
            self.antecedents.repeat(found)
        return found


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
                subjects.studied += _studied_interventions(sent, cues, words)
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


def _studied_interventions(sent: Span, cues: ClaimCues, words: dict) -> list[str]:
    """ "To determine the effectiveness of a physical activity intervention for smoking cessation", "we assessed the
    effect of X on Y": what a research paper's aim says it tests, the of-complement of an outcome noun that an aim verb
    takes as its object. A review's aims name others' interventions ("in this review we assess the effects of ..."),
    so a sentence that calls the paper a review gives none."""
    if any(t.lemma_.lower() == "review" for t in sent):
        return []
    found = []
    for noun in sent:
        if noun.lemma_.lower() not in words["studied_outcome_nouns"] or noun.dep_ not in ("dobj", "obj"):
            continue
        if noun.head.lemma_.lower() not in words["aim_verbs"]:
            continue
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if target is None or target.pos_ not in ("NOUN", "PROPN") or target.tag_ in ("NNS", "NNPS"):
            continue  # "the effects of interventions": a class, not the one thing the paper tests
        premodifiers = [c for c in target.children if c.i < target.i and c.dep_ in ("compound", "amod", "nmod")]
        tokens = [t for c in premodifiers for t in c.subtree] + [target]
        tokens = [t for t in sorted(tokens, key=lambda t: t.i) if t.lower_ not in cues.generic_modifiers]
        if tokens and (len(tokens) > 1 or target.pos_ == "PROPN"):  # a bare "intervention" names nothing
            found.append(clean_text(sent.doc[tokens[0].i : tokens[-1].i + 1].text))
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
    syntax, entities = _syntax_then_entities(nlp)
    doc = nlp.make_doc(heading)
    for _, component in syntax:
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
    if root.lemma_.lower() in _class_nouns(cues, words) and specific:
        return clean_text(heading)  # "Drug pretreatment"; not "Treatment of patients"
    for _, component in entities:  # only now are the heading's entities asked for ("Ultracentrifugation")
        doc = component(doc)
    return clean_text(heading) if is_method(doc[:]) else ""


# The components that tag, parse and lemmatize; the ones after them only add entities and abbreviations.
# (the sentence splitter and the scientific-name guard around it come first: they set sentence starts, no entities)
SYNTAX_COMPONENTS = (
    "taxon_merger",
    "sentence_splitter",
    "taxon_splitter",
    "tok2vec",
    "tagger",
    "parser",
    "attribute_ruler",
    "lemmatizer",
)


def _syntax_then_entities(nlp: Language) -> tuple[list, list]:
    """The pipeline split where its syntax components end: a heading most often fails a test of its parse, and then
    its entity components (the NER with its own tok2vec, most of a short text's cost) need not run. Running the rest
    later on the same doc annotates it as running them all at once does. A pipeline with a syntax component after
    an entity one is not split."""
    names = [name for name, _ in nlp.pipeline]
    cut = next((i for i, name in enumerate(names) if name not in SYNTAX_COMPONENTS), len(names))
    if any(name in SYNTAX_COMPONENTS for name in names[cut:]):
        cut = len(names)
    return nlp.pipeline[:cut], nlp.pipeline[cut:]


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


# --- antecedents across sentences ------------------------------------------------------------------------------------
#
# "Liang et al. used temperature scaling and small perturbations to separate the scores. This approach outperformed
# the baselines": the subject of the second sentence is an anaphor whose referent is the object of the first, not the
# section's topic. AntecedentModel keeps the noun phrases of the section's earlier sentences that could be a claim's
# subject (a method, treatment, material or agent: a lexicon/NER mention or a noun phrase whose head noun has such a
# class; never a person, the paper, a figure or a quantity) with what makes a phrase salient in discourse (its role
# in its clause, how many sentences back, how often it was mentioned, whether the heading names it, whether a lexicon
# knows it), and ranks them for an anaphor by that salience and by agreement with the anaphor (number: "it/this X" vs
# "they/these X"; head noun: "this method" wants a method-like antecedent, "these particles" one whose head is a
# particle). A transparent weighted score (weights in models/claims/discourse.json "antecedents") and a threshold: no
# resolution when the best candidate is weak, so the caller keeps its own answer (the section's topic) or none.


@dataclass
class Candidate:
    """A noun phrase of an earlier sentence that an anaphor can point back to."""

    text: str
    head: str  # lemma of the head noun
    plural: bool
    role: str  # "subject", "object", "oblique", "heading"
    kind: str  # "lexicon", "entity", "phrase" (a Mention's source) or "noun" (a noun phrase no lexicon knows)
    sentence: int  # index of the sentence in the section
    passage: int
    mentions: int = 1
    plural_class: bool = False  # a plural method-class noun ("popular methods", "neural networks"): a family
    named: bool = False  # a proper name or a coined one ("DeepPatient", "FIDDLE"): what a method-class noun may name
    conjunct: bool = False  # a later member of a list ("both pdfLaTeX and LuaLaTeX"): one of several, not "it" alone
    position: int = -1  # the head's token index: which phrase a sentence introduced last
    main_clause: bool = False  # in its sentence's main clause, not in a relative, adverbial or reported clause


@dataclass
class Anaphor:
    """What an anaphor asks of its antecedent: the head noun it repeats ("" for a pronoun) and its number."""

    head: str
    plural: bool
    token: Token
    order: str = ""  # "first"/"last" for "the former"/"the latter": a member of the nearest coordination before


def anaphor_at(doc: Doc, position: int, cues: ClaimCues) -> Anaphor | None:
    """The anaphor at a token the sentence extractors resolve: a pronoun ("it", "they"), a possessive on a noun
    ("its efficiency" → "its"), or a demonstrative/definite noun phrase ("this approach", "these nanoparticles")."""
    if position < 0 or position >= len(doc):
        return None
    token = doc[position]
    if token.pos_ in ("NOUN", "PROPN"):
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in cues.anaphor_pronouns), None)
        if owner is not None:
            token = owner
    lower = token.lower_
    pointer = _pointer(token)
    if pointer is not None:
        return pointer
    if token.pos_ == "PRON" or lower in cues.anaphor_pronouns:
        if lower not in cues.anaphor_pronouns:
            return None
        return Anaphor("", lower in ("they", "their", "them", "theirs"), token)
    if token.pos_ != "NOUN":
        return None
    determiners = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
    if not determiners or determiners[0] not in cues.anaphor_determiners:
        return None
    modifiers = [c for c in token.children if c.i < token.i and c.dep_ in ("compound", "amod", "nmod") and c.is_alpha]
    if any(c.lower_ not in cues.generic_modifiers for c in modifiers):
        return None  # "this synthetic peptide", "the proposed method": a description of its own, not a pointer back
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None  # "the administration of the extract": the of-phrase names what it is about
    if named_in_apposition(token):
        return None  # "the function stepComponent": the name written after the noun says which one
    plural = token.tag_ in ("NNS", "NNPS") or determiners[0] in ("these", "those")
    return Anaphor(token.lemma_.lower(), plural, token)


def fronted_clause_subject(pronoun: Token) -> Token | None:
    """The noun subject of an adverbial clause written before a subject pronoun in its own sentence, agreeing with it in
    number ("As soon as an event occurs, it triggers offspring ...": "it" is the event; "When the drug reaches the
    liver, it is metabolised"): the nearest antecedent a pronoun subject has, ahead of any earlier sentence's."""
    if pronoun.lower_ not in ("it", "they") or pronoun.dep_ not in ("nsubj", "nsubjpass") or is_expletive(pronoun):
        return None
    verb = pronoun.head
    for clause in pronoun.sent:
        if clause.i >= pronoun.i:
            break
        if clause.dep_ != "advcl" or verb not in clause.ancestors:
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
            continue
        plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
        if plural == (pronoun.lower_ == "they"):
            return subject
    return None


def _pointer(token: Token) -> Anaphor | None:
    """A subject that points back with no noun of its own: a bare demonstrative ("This is simple to implement",
    "These converge much more quickly") or "the former"/"the latter" (models/claims/discourse.json)."""
    if token.dep_ not in SUBJECT_DEPS:
        return None
    words = load_discourse_words()
    lower = token.lower_
    if lower in words["demonstrative_pronouns"] and token.pos_ in ("PRON", "DET") and not list(token.children):
        return Anaphor("", words["demonstrative_pronouns"][lower], token)
    if lower in words["order_pointers"] and [c.lower_ for c in token.children if c.dep_ == "det"] == ["the"]:
        return Anaphor("", False, token, order=words["order_pointers"][lower])
    return None


def coordinated_member(sent: Span, pointer: Token, order: str, excluded) -> str:
    """The first ("the former") or last ("the latter") member of the nearest coordination of noun phrases before the
    pointer: in its own sentence ("not required by rstanarm and MCMCglmm, although the former ..."), else in the
    sentence before ("use the R functions write.table and write.csv. (The latter is useful ...)"), past a sentence
    that itself began the pair ("The former supports ... The latter supports ..."). "" when there is none: no owner
    rather than a guess."""
    doc = sent.doc
    spans = [doc[sent.start : pointer.i]]
    previous = [s for s in doc.sents if s.end <= sent.start]
    for earlier in reversed(previous[-2:]):
        spans.append(earlier)
        if not any(_pointer(t) is not None and _pointer(t).order for t in earlier):
            break
    orders = load_discourse_words()["order_pointers"]
    if len({orders[t.lower_] for t in sent if t.lower_ in orders}) == 2:
        spans = spans[:1]  # "While the latter approach saves ..., the former is more flexible": a pair of its own
    for index, span in enumerate(spans):
        # a noun's coordination; names the parser tags as adjectives count ("write.table/ADJ and write.csv"), two
        # adjectives ("slow and costly") do not
        heads = [
            t
            for t in span
            if t.pos_ in ("NOUN", "PROPN", "ADJ")
            and t.dep_ != "conj"
            and any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.i < span.end for c in t.children)
        ]
        if not heads:
            continue
        first = heads[-1]
        members = [first, *(c for c in first.conjuncts if c.i > first.i and c.i < span.end)]
        if index > 0 and any(t.lower_ in orders for t in span if t.i > members[-1].i):
            return ""  # the sentence before already pointed into its own pair ("A and B, although the former ...")
        chosen = members[0] if order == "first" else members[-1]
        if excluded(chosen) or _citation_member(chosen):
            return ""
        return _member_text(chosen)
    return ""


def _citation_member(token: Token) -> bool:
    """A member inside a citation bracket ("(Christensen 2015 and Yee 2010)"): a reference, not a thing."""
    return bool(YEAR.search(token.text)) or any(t.text in "([" for t in token.ancestors if t.i < token.i)


def _member_text(token: Token) -> str:
    """One member of a coordination without the other members, its bracketed asides and its determiner."""
    drop = {
        t.i
        for c in token.children
        if c.dep_ in ("conj", "cc", "appos", "relcl", "punct") or (c.i > token.i and c.text in "([")
        for t in c.subtree
    }
    drop |= {c.i for c in token.children if c.dep_ == "det"}
    indices = [t.i for t in token.subtree if t.i not in drop]
    text = span_text(token.doc, indices)
    return PARENTHESIS.sub("", text).strip(" ,;")


def _takes_a_claim(verb: Token, cues: ClaimCues) -> bool:
    """A verb whose demonstrative subject stands for the previous statement, not a thing: a verb that takes a clause
    ("This means that ...", "This suggests ...") or a reason ("This is because ..."), a reporting verb."""
    if verb.lemma_.lower() in cues.raw["reporting_verbs"] or verb.lemma_.lower() in ("mean", "imply", "explain"):
        return True
    return any(
        c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(m.lower_ in ("because", "since") for m in c.children))
        for c in verb.children
    )


def _bracketed(token: Token) -> bool:
    """Inside a bracket of its sentence ("(T1, T2; Ta, Tb; ...)"): an aside, not what the sentence introduces."""
    depth = 0
    for before in token.sent[: token.i - token.sent.start]:
        depth += (before.text in "([") - (before.text in ")]")
    return depth > 0


def _given_name(head: Token) -> str:
    """The name a sentence gives the thing its noun phrase describes ("One popular method for circumventing this cost
    is called test-time dropout [503], where ...", "a gated RNN method called MHCnuggets"): what a later "this" or
    "this technique" points back to is the named method, not its description. The words after the naming verb up to
    a bracket, comma or clause (parsers cut such coined names apart, "dropout" read as a preposition), or ""."""
    verb = head.head
    if head.dep_ == "nsubjpass" and verb.lemma_.lower() in load_cues().raw["naming_verbs"]:
        pass
    else:
        verb = next(
            (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in load_cues().raw["naming_verbs"]), None
        )
        if verb is None or verb.tag_ != "VBN":
            return ""
    words = []
    for token in head.doc[verb.i + 1 : min(verb.i + 7, head.sent.end)]:
        if token.is_punct and token.text not in ("-", "–") or token.lower_ in ("where", "which", "that", "who", "and"):
            break
        words.append(token)
    if not words or words[0].lower_ in ("a", "an", "the", "as", "for", "after", "by"):
        return ""
    return clean_text(head.doc[words[0].i : words[-1].i + 1].text)


def _reporter(head: Token) -> bool:
    """A name that reports a finding ("Hendrycks and Gimpel discovered that ...", "Smith showed that ..."): the subject
    of a verb that takes a clause is an author or a study, not the method a later "this approach" names."""
    while head.dep_ == "conj":
        head = head.head
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ == "ccomp" for c in head.head.children)


def _plural_acronym(text: str) -> bool:
    """ "ARSs", "AgNPs", "CNNs": an acronym in capitals with a lower-case plural "s" (taggers read them as singular
    proper nouns)."""
    stem = text[:-1]
    return text.endswith("s") and stem.isalpha() and stem[-1].isupper() and sum(ch.isupper() for ch in stem) >= 2


def _anaphor_from(sent: Span, position: int, head: str | None, cues: ClaimCues) -> Anaphor | None:
    """The anaphor a caller resolved from `position` (the first token of the phrase it read, "of" in "The strength
    of this approach"): the pronoun there, or the first noun from there with the head noun asked for."""
    doc = sent.doc
    if not head:
        return anaphor_at(doc, position, cues)
    for token in doc[position : sent.end]:
        if token.lemma_.lower() == head:
            return anaphor_at(doc, token.i, cues)
    return None


def _names_another_tool(context: SentenceContext, position: int, head: str, main_method: str) -> bool:
    """A tool noun written with a name of its own before it ("the loo package"; "the ifthen package", whose coined
    name parsers read as an adjective): the phrase names that tool, so it does not stand for the paper's own tool.
    A self-reference ("the proposed package") or a generic modifier ("the new package") names nothing."""
    cues = load_cues()
    if position < 0 or head not in cues.raw["evaluation"]["tool_heads"]:
        return False
    noun = next((t for t in context.sent.doc[position : context.sent.end] if t.lemma_.lower() == head), None)
    if noun is None:
        return False
    ordinary = set(cues.generic_modifiers) | set(load_discourse_words()["self_reference_modifiers"])
    vocabulary = general_words()
    for modifier in noun.children:
        if modifier.i > noun.i or modifier.text == main_method or modifier.lower_ in ordinary:
            continue
        coined = bool(vocabulary) and modifier.lower_ not in vocabulary
        if modifier.dep_ == "compound" or (modifier.dep_ == "amod" and coined):
            return True
    return False


def names_part(antecedent: str, head: str, plural: bool) -> bool:
    """Whether `antecedent` can own a pointer whose head noun is `head`. A part of a piece of software or of a model
    ("this function", "these commands", "the argument"; models/claims/discourse.json "component_heads") is never the
    package or method that holds it: only a phrase with that head noun in the pointer's number ("the specpool
    function" for "this function", "the functions A and B" for "these functions"). Any other head agrees."""
    if head not in load_discourse_words()["component_heads"]:
        return True
    words = WORD.findall(antecedent.lower())
    if plural:
        return head + "s" in words or (head in words and ("and" in words or "," in antecedent))
    return head in words


def is_expletive(pronoun: Token) -> bool:
    """ "It is unclear whether ...", "It can be deduced that ...", "It may seem inappropriate to ...": an "it" whose
    verb (or its predicate adjective) takes the clause it stands for."""
    if pronoun.lower_ != "it" or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = pronoun.head
    predicates = [verb, *[c for c in verb.children if c.dep_ in ("acomp", "attr", "oprd")]]
    return any(c.dep_ in ("xcomp", "ccomp", "csubj") and c.i > pronoun.i for p in predicates for c in p.children)


class AntecedentModel:
    """The candidate antecedents of one section and their ranking for an anaphor."""

    def __init__(self, cues: ClaimCues, heading: str = "", words: dict | None = None) -> None:
        self.cues = cues
        self.words = words or load_discourse_words()
        self.weights = self.words["antecedents"]
        self.candidates: list[Candidate] = []
        self.sentence = 0
        self.passage = -1
        self._chunk_doc: Doc | None = None
        self._doc_chunks: list[Span] = []
        self._referent_head_set: set[str] | None = None
        self._bracket_sentence: tuple[Doc, int] | None = None
        self._bracket_indices: list[int] = []
        # the subject of the last sentence whose main clause had one (a noun phrase's words and number), and the
        # sentence a subject pronoun last continued it in: the center a next subject pronoun most likely keeps
        self.last_subject: tuple[set[str], bool] | None = None
        self.last_subject_sentence = -1
        if heading:
            tokens = WORD.findall(heading.lower())
            self.candidates.append(Candidate(heading, tokens[-1] if tokens else "", False, "heading", "phrase", -1, -1))

    # what counts as a possible referent ------------------------------------------------------------------------------
    def _referent_heads(self) -> set[str]:
        if self._referent_head_set is None:  # asked of every noun chunk: the union of eight word lists, made once
            self._referent_head_set = self._union_of_referent_heads()
        return self._referent_head_set

    def _union_of_referent_heads(self) -> set[str]:
        raw = self.cues.raw
        heads = set(self.cues.method_heads) | set(raw["method_like_heads"]) | set(raw["agent_heads"])
        heads |= (
            set(raw["anaphoric_agent_heads"]) | set(raw["evaluation"]["tool_heads"]) | set(self.words["class_nouns"])
        )
        return heads | set(self.weights["material_heads"])

    def _excluded(self, head: Token) -> bool:
        raw = self.cues.raw
        lemma = head.lemma_.lower()
        return (
            lemma in raw["non_agent_heads"]
            or lemma in raw["report_subject_heads"]
            or lemma in raw["investigator_nouns"]
            or lemma in self.weights["non_referent_heads"]
            or is_investigator(head, self.cues)
            or head.like_num
            or len(head.text) < 2
        )

    def _citation_or_date(self, sent: Span, start: int, end: int) -> bool:
        """A person, a year or a citation is never what "this method" or "the extract" points back to: a phrase with
        a year in it ("Frost & Muse 2005", "the 2014 challenge"), a name before "et al.", or a phrase inside a
        bracket that holds a year or "et al." ("(Pond, Frost & Muse, 2005; Yang, 2007)")."""
        doc = sent.doc
        if YEAR.search(doc[start:end].text):
            return True
        if end + 1 < len(doc) and doc[end].lower_ == "et" and doc[end + 1].lower_.startswith("al"):
            return True
        brackets = self._brackets(sent)
        before = bisect.bisect_left(brackets, end)
        opening = brackets[before - 1] if before else None  # "(Yang" too
        if end > sent.end:  # a phrase running past the sentence's end (rare): the brackets in it count too
            opening = next((t.i for t in reversed(doc[sent.start : end]) if t.text in "()[]"), None)
        if opening is None or doc[opening].text not in "([":
            return False
        closing = next((i for i in brackets[before:] if doc[i].text in ")]"), sent.end)
        inside = doc[opening + 1 : closing].text
        return bool(YEAR.search(inside) or re.search(r"\bet al\b", inside))

    def _brackets(self, sent: Span) -> list[int]:
        """The indices of the sentence's bracket tokens, found once per sentence: asked for every phrase of it."""
        if (sent.doc, sent.start) != self._bracket_sentence:
            self._bracket_sentence = (sent.doc, sent.start)
            self._bracket_indices = [t.i for t in sent if t.text in "()[]"]
        return self._bracket_indices

    def _noun_chunks(self, sent: Span) -> list[Span]:
        """`sent.noun_chunks`, from the passage's chunks computed once: spaCy's Span.noun_chunks walks the whole
        Doc's chunks on every call, which made observing a long passage quadratic (a fifth of the claims stage)."""
        if sent.doc is not self._chunk_doc:
            self._chunk_doc, self._doc_chunks = sent.doc, list(sent.doc.noun_chunks)
        return [chunk for chunk in self._doc_chunks if chunk.start >= sent.start and chunk.end <= sent.end]

    def observe(self, sent: Span, mentions: list, passage_id: int) -> None:
        """Add the noun phrases of a sentence the extractors have read (after its claims are made)."""
        if passage_id != self.passage:
            self.passage = passage_id
        taken: set[int] = set()
        found: list[Candidate] = []
        for mention in mentions:
            if mention.is_modifier:
                continue
            head = sent.doc[mention.end - 1]
            if self._excluded(head) or self_reference_head(mention.text, self.words) is not None:
                continue  # "the present approach" is resolved to the paper's method (resolve_self_references)
            if sum(ch.isalpha() for ch in mention.text) < 3 or self._citation_or_date(sent, mention.start, mention.end):
                continue
            taken |= set(range(mention.start, mention.end))
            found.append(self._candidate(_given_name(head) or mention.text, head, mention.source))
        for chunk in self._noun_chunks(sent):
            head = chunk.root
            if head.i in taken or head.pos_ not in ("NOUN", "PROPN") or self._excluded(head):
                continue
            if self._citation_or_date(sent, chunk.start, chunk.end):
                continue
            if any(c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those", "such") for c in head.children):
                continue  # an anaphor itself: its resolution, not its words, is the referent
            lemma = head.lemma_.lower()
            named = head.pos_ == "PROPN" or any(ch.isupper() for ch in head.text[1:])  # "AgNPs", "TFILs", "VESPA"
            if not named and not self._specific(head):
                continue  # "the technology", "the proposed method": a description that itself points elsewhere
            process = self._process(lemma) and head.dep_ in (*SUBJECT_DEPS, "dobj", "obj")
            if not named and not process and lemma not in self._referent_heads():
                continue
            text = _given_name(head) or self._phrase(head)
            candidate = self._candidate(text, head, "noun") if text else None
            if candidate is not None and candidate.role != "oblique":  # "in Italy", "with a catalyst": asides
                found.append(candidate)
        for candidate in found:
            words = candidate.text.split()
            while words and words[0].lower() in ("this", "that", "these", "those", "the", "a", "an", "such"):
                words = words[1:]  # "that ethanolic extract": the phrase, not its pointer
            if not words or words[0].lower() in self.weights["fragment_openers"]:
                continue  # "based approach" cut from "electrophysiologically-based approach": a fragment
            candidate.text = " ".join(words)
            same = next((c for c in self.candidates if c.text.lower() == candidate.text.lower()), None)
            if same is not None:
                same.mentions += 1
                same.sentence, same.role, same.passage = candidate.sentence, candidate.role, candidate.passage
                continue
            self.candidates.append(candidate)
        self._observe_subject(sent)
        self.sentence += 1

    def _observe_subject(self, sent: Span) -> None:
        """Keep the main clause's subject: a noun phrase starts a new center, a pronoun continues the last one."""
        subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return
        if subject.pos_ == "PRON":
            if self.last_subject is not None and not is_expletive(subject):
                self.last_subject_sentence = self.sentence
            return
        if subject.pos_ not in ("NOUN", "PROPN"):
            return
        if self._excluded(subject):
            self.last_subject = None  # "the authors", "this study", "Figure 2": no center a method claim could keep
            return
        words = {t.lower_ for t in subject.subtree if t.is_alpha and t.dep_ != "det"}
        plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
        self.last_subject, self.last_subject_sentence = (words, plural), self.sentence

    def continues_other_subject(self, context: SentenceContext, position: int, resolved: str) -> bool:
        """Whether a subject pronoun ("it", "they") continues the previous sentence's subject, a noun phrase other
        than `resolved` (the section's topic or the paper's tool) that agrees with it in number: a pronoun subject
        keeps the last sentence's subject as its center ("First, the evanescent light has small intensity.
        Therefore it is not effective ... But it has a large gradient": the light, not the section's topic)."""
        if self.last_subject is None or self.last_subject_sentence != self.sentence - 1 or position < 0:
            return False
        doc = context.sent.doc
        pronoun = doc[position]
        if pronoun.lower_ not in ("it", "they") or pronoun.dep_ not in ("nsubj", "nsubjpass") or is_expletive(pronoun):
            return False
        if resolved.lower() in context.sent.text.lower():
            return False  # an antecedent in the sentence itself
        words, plural = self.last_subject
        if plural != (pronoun.lower_ == "they"):
            return False
        return not words & set(WORD.findall(resolved.lower()))

    def repeat(self, text: str) -> None:
        """An anaphor resolved to `text` mentions it again: it stays salient (a chain "X ... it ... it")."""
        same = next((c for c in self.candidates if c.text == text), None)
        if same is not None and same.sentence != self.sentence:  # once per sentence, however many extractors ask
            same.mentions += 1
            same.sentence = self.sentence

    def _specific(self, head: Token) -> bool:
        """A noun phrase that names something by its own words: a specific premodifier ("temperature scaling",
        "silver nanoparticles") or an of-complement ("glycolysis of PET"); a bare class noun ("the procedure") and a
        paper's self-reference ("the proposed method") name nothing."""
        if any(c.dep_ == "det" and c.lower_ == "such" for c in head.children):
            return False
        modifiers = [
            c
            for c in head.children
            if c.i < head.i
            and c.dep_ in ("compound", "amod", "nmod", "npadvmod")
            and c.is_alpha
            and c.lower_ not in self.cues.generic_modifiers
            and c.lower_ not in self.words["self_reference_modifiers"]
        ]
        complement = any(c.dep_ == "prep" and c.lower_ == "of" and list(c.children) for c in head.children)
        return bool(modifiers) or complement

    def _phrase(self, head: Token) -> str:
        text = noun_phrase_text(head)
        if len(text.split()) > self.weights["max_words"]:
            left = [t for t in head.subtree if t.i <= head.i and t.dep_ != "det"]
            text = clean_text(" ".join(t.text for t in left)) if left else ""
        return text

    def _candidate(self, text: str, head: Token, kind: str) -> Candidate:
        role = "oblique"
        path = [head, *head.ancestors][:4]
        if any(t.dep_ in SUBJECT_DEPS for t in path[:3]):
            role = "subject"
        elif head.dep_ in ("dobj", "obj", "attr", "appos", "conj") or (
            head.dep_ == "pobj" and head.head.dep_ == "agent"
        ):
            role = "object"
        coordinated = any(c.dep_ == "conj" for c in head.children)
        plural_head = head.tag_ in ("NNS", "NNPS") or _plural_acronym(head.text)
        # a common plural of a method class names a family of methods; a named plural ("DBNs") may be one method
        named = head.pos_ == "PROPN" or any(ch.isupper() for ch in head.text[1:])
        family = plural_head and not coordinated and not named and head.lemma_.lower() in self._method_class()
        return Candidate(
            text,
            head.lemma_.lower(),
            plural_head or coordinated,
            role,
            kind,
            self.sentence,
            self.passage,
            plural_class=family,
            named=named and not plural_head and not _reporter(head),
            conjunct=head.dep_ == "conj",
            position=head.i,
            main_clause=not any(t.dep_ in SUBORDINATE_DEPS for t in [head, *head.ancestors][:-1])
            and not _bracketed(head),
        )

    def reaches_back(self, anaphor: Anaphor, sent: Span) -> bool:
        """Whether the anaphor can point to an earlier sentence: not "they" of a reporting verb ("They found that
        ...": the authors), not a pronoun after a noun subject of its own sentence ("Although UC is fast, it ...": the
        clause before, which the sentence extractors read)."""
        token = anaphor.token
        if anaphor.head:
            return anaphor.head in self._referent_heads()  # "the antibacterial activity" is a property, not a pointer
        if is_expletive(token):
            return False
        verb = token.head
        if token.lower_ in self.words["demonstrative_pronouns"] and _takes_a_claim(verb, self.cues):
            return False  # "This means that ...", "This is because ...": the claim before, not a thing
        authors_verbs = set(self.cues.raw["reporting_verbs"]) | {"use", "develop", "apply"}
        if anaphor.plural and verb.lemma_.lower() in authors_verbs:
            return False
        earlier = [t for t in sent if t.i < token.i and t.dep_ in SUBJECT_DEPS and t.pos_ in ("NOUN", "PROPN")]
        return not earlier

    # ranking ----------------------------------------------------------------------------------------------------------
    def score(self, candidate: Candidate, anaphor: Anaphor) -> float:
        w = self.weights
        distance = self.sentence - candidate.sentence if candidate.sentence >= 0 else w["heading_distance"]
        if distance > w["max_distance"]:
            return float("-inf")
        value = w["role"][candidate.role] + w["kind"][candidate.kind] - w["distance"] * distance
        value += w["repeated"] * min(candidate.mentions - 1, 3)
        if candidate.passage != self.passage and candidate.sentence >= 0:
            value -= w["other_paragraph"]
        if not anaphor.head and candidate.kind == "noun" and candidate.role != "subject":
            value -= w["pronoun_to_object"]  # "it"/"they" continue a subject; an object no lexicon knows rarely
        if not anaphor.plural and candidate.plural_class:
            return float("-inf")  # "this approach", "it", "its" never stand for a family ("popular methods")
        if candidate.plural != anaphor.plural or candidate.conjunct:
            # one member of a list ("both pdfLaTeX and LuaLaTeX") is neither "it"/"this package" nor "they"
            if not anaphor.head:
                return float("-inf")  # a pronoun agrees in number ("they" is not lme4): no owner rather than wrong
            value -= w["number_mismatch"]  # "these methods" for one named thing is rare, not impossible (a class name)
        if anaphor.head and not names_part(candidate.text, anaphor.head, anaphor.plural):
            return float("-inf")  # "this function" is a part, not the package or method named before
        agreement = self.head_agreement(candidate, anaphor)
        if agreement:
            value += w[agreement] if agreement != "head_mismatch" else -w[agreement]
        return value

    def head_agreement(self, candidate: Candidate, anaphor: Anaphor) -> str:
        """How the anaphor's head noun agrees with the candidate: "same_head", "class_head", "head_mismatch", or ""
        for a pronoun (no head to agree)."""
        if not anaphor.head:
            return ""
        words = {x.rstrip("s") for x in WORD.findall(candidate.text.lower())}
        if anaphor.head == candidate.head or anaphor.head.rstrip("s") in words:
            return "same_head"
        if anaphor.head in self.weights["general_anaphor_heads"] and (
            candidate.kind in ("lexicon", "entity", "phrase")
            or candidate.head in self._method_class()
            or self._process(candidate.head)
        ):
            return "class_head"  # "this approach" → a named method or procedure
        if anaphor.head in self._method_class() and candidate.named:
            return "named_class_head"  # "the model" → "DeepPatient": the name authors gave a method to refer to it
        if anaphor.head in self._method_class() and candidate.head in self._method_class():
            return "class_head"  # "the model" → "a deep neural network"; not "the device" → an assay
        return "head_mismatch"  # "these particles" does not point at "the reaction"

    def _process(self, lemma: str) -> bool:
        """A nominalization that names a procedure ("temperature scaling", "glycolysis")."""
        return len(lemma) > 6 and lemma.endswith(tuple(self.weights["process_suffixes"]))

    def _method_class(self) -> set[str]:
        return set(self.cues.method_heads) | set(self.cues.raw["method_like_heads"]) | set(self.words["class_nouns"])

    def resolve_demonstrative(self, anaphor: Anaphor) -> str:
        """A bare "this"/"these" subject: the thing the sentence before introduced last in its main clause ("One
        popular method ... is called test-time dropout. This is simple to implement", "MPI uses MPI to start and
        communicate with processes. This is the most flexible"), when it is a name or a lexicon method and agrees in
        number; "" otherwise. A demonstrative more often
        stands for the statement before ("This has resulted in different dilutions ...") than for a thing, so a
        phrase inside a subordinate clause of that sentence ("the lack of negative control, as all tissues have
        some proliferation that is highlighted by Ki67 IHC") is no referent, and nothing older is."""
        previous = [c for c in self.candidates if c.sentence == self.sentence - 1 and c.passage == self.passage]
        if not previous:
            return ""
        last = max(previous, key=lambda c: c.position)
        if not last.main_clause or last.plural != anaphor.plural or last.plural_class or last.conjunct:
            return ""
        if last.kind not in ("lexicon", "entity") and not last.named:
            return (
                ""  # "This will automatically enumerate ...": not "the easiest and preferred method" described before
            )
        return last.text

    def resolve(self, anaphor: Anaphor) -> str:
        """The best-ranked antecedent's text, or "" when none reaches the threshold. "The former"/"the latter" and a
        bare "this"/"these" are not ranked: they name a member of a coordination or what the sentence before
        introduced last."""
        if anaphor.order:
            return coordinated_member(anaphor.token.sent, anaphor.token, anaphor.order, self._excluded)
        if not anaphor.head and anaphor.token.lower_ in self.words["demonstrative_pronouns"]:
            return self.resolve_demonstrative(anaphor)
        ranked = sorted(((self.score(c, anaphor), -i, c) for i, c in enumerate(self.candidates)), reverse=True)
        if not ranked or ranked[0][0] < self.weights["threshold"]:
            return ""
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < self.weights["margin"]:
            return ""  # two antecedents as salient as each other: no guess
        return ranked[0][2].text


def resolve_outside_subjects(claims: list[Claim], context: SentenceContext, discourse: Discourse) -> None:
    """Claims whose subject an extractor took from outside the sentence (the section's topic, the last subject, the
    last effect's agent) for an anaphor in subject position ("This approach outperformed ...", "They also showed ...",
    "these nanoparticles exhibit ..."): the antecedent the ranking prefers, when it is confident and the subject
    is not the paper's own method. A claim whose subject is the anaphoric noun phrase itself ("nanoparticles" from
    "these nanoparticles") is resolved the same way."""
    if claims:
        resolve_embedded_products(claims, context, discourse)
        resolve_organism_parts(claims, context, discourse)
    antecedents = getattr(discourse, "antecedents", None)
    if antecedents is None or not claims:
        return
    anaphor = _subject_anaphor(context.sent, antecedents)
    if anaphor is None or not antecedents.reaches_back(anaphor, context.sent):
        return
    written = set(WORD.findall(context.sent.text.lower()))
    phrase = {anaphor.token.lower_, anaphor.token.lemma_.lower()}
    found = ""
    for claim in claims:
        if ":subject-" in claim.cue or claim.subject == discourse.main_method:
            continue
        subject_words = set(WORD.findall(claim.subject.lower()))
        outside = bool(subject_words) and not subject_words & written
        bare = bool(subject_words) and subject_words <= phrase  # "nanoparticles" read from "these nanoparticles"
        if not (outside or bare):
            continue
        found = found or antecedents.resolve(anaphor)
        if not found or found == claim.subject:
            return
        claim.subject = found
        claim.subject_norm = ""
        claim.cue = f"{claim.cue}:subject-antecedent"
    if found:
        antecedents.repeat(found)


def _subject_anaphor(sent: Span, antecedents: AntecedentModel) -> Anaphor | None:
    """The first anaphor that is (or owns) a clause subject of the sentence."""
    for token in sent:
        if token.dep_ in SUBJECT_DEPS or (token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS):
            anaphor = anaphor_at(sent.doc, token.i, antecedents.cues)
            if anaphor is not None:
                return anaphor
    return None


def resolve_embedded_products(claims: list[Claim], context: SentenceContext, discourse: Discourse) -> None:
    """A definite product or organism noun inside a longer subject ("The administration of the extract (100 mg/kg)
    has inhibitory effects ...", "extracts of this plant", "pretreatment with the compound"): the phrase applies or
    comes from the thing named before, so the anaphor is written out in place ("administration of L. officinalis
    hydroalcoholic extract (100 mg/kg)", "extracts of M. vulgare"), by the same agreement the effect extractors use for
    a bare "the extract" subject (prose_activities.resolve_product_anaphor: the last agent with that head noun, the
    organism last named by its binomial for "the plant"). Only a noun that hangs from a preposition of the subject
    phrase: a bare "the extract" subject is resolved where it is read."""
    for noun in context.sent:
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "with", "from"):
            continue
        if noun.head.head.pos_ not in ("NOUN", "PROPN"):
            continue  # "none of the extracts", "all of these compounds": a part of a set, not a phrase that names one
        determiners = [c for c in noun.children if c.dep_ == "det"]
        if not determiners:
            continue
        written = clean_text(noun.doc[determiners[0].i : noun.i + 1].text)  # "the extract", "this plant"
        owners = [c for c in claims if written.lower() in c.subject.lower() and c.subject.lower() != written.lower()]
        if not owners:
            continue
        resolved = resolve_product_anaphor(noun, discourse, load_cues())
        if not resolved or resolved.lower() in context.sent.text.lower():
            continue  # nothing named before, or the phrase's own sentence names it (a nearer reading)
        if resolved.split()[0].lower() in load_cues().anaphor_determiners:
            continue  # "these extracts": an earlier anaphor, not a name
        pattern = re.compile(re.escape(written), re.I)
        for claim in owners:
            claim.subject = pattern.sub(resolved, claim.subject, count=1)
            claim.subject_norm = ""
            claim.cue = f"{claim.cue}:subject-antecedent"


def resolve_organism_parts(claims: list[Claim], context: SentenceContext, discourse: Discourse) -> None:
    """ "The leaves and stems are known to have antiseptic ... roles": a definite noun of a part of an organism
    (models/claims/discourse.json organism_part_nouns) with no organism of its own is a part of the organism last named
    by its binomial (Discourse.taxon), as "the plant" is that organism: the subjects become "leaves of M. vulgare" and
    "stems of M. vulgare" (the extractors distribute the coordination)."""
    taxon = discourse.taxon
    if not taxon or taxon.lower() in context.sent.text.lower():
        return
    parts = set(load_discourse_words()["organism_part_nouns"])
    for noun in context.sent:
        if noun.dep_ not in SUBJECT_DEPS or noun.lemma_.lower() not in parts:
            continue
        if [c.lower_ for c in noun.children if c.dep_ == "det"] != ["the"]:
            continue
        if any(c.dep_ == "prep" or (c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i) for c in noun.children):
            continue  # "the leaves of rosemary", "rosemary leaves", "the dried leaves": the phrase says whose or which
        conjuncts = [noun, *(c for c in noun.conjuncts if c.i > noun.i and c.lemma_.lower() in parts)]
        written = clean_text(noun.doc[noun.i : conjuncts[-1].i + 1].text)  # "leaves and stems"
        for claim in claims:
            # the extractors distribute a coordination ("leaves", "stems"): each part is the organism's
            part = next((p.text for p in conjuncts if claim.subject.lower() == p.lower_), "")
            if part or claim.subject.lower() == written.lower():
                claim.subject = f"{part or written} of {taxon}"
                claim.subject_norm = ""
                claim.cue = f"{claim.cue}:subject-antecedent"
