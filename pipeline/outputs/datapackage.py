"""Datapackage: a machine-readable description of every output file (Frictionless Data Package v2).

OUT/datapackage.json lists each file the run wrote as a resource: the tabular ones (Parquet and CSV) with a
Table Schema — columns in order, types, descriptions, required/enum constraints, primary and foreign keys — and
the JSON ones with a JSON Schema. `version` is the output contract's schema version (datasets.SCHEMA_VERSION).

Column types and order come from the code that writes the files (datasets.COLUMNS, compare.*_COLUMNS, the
curation columns), so the description cannot drift from the writers; descriptions are kept here, beside the
constraints. `validate_datapackage` checks the files on disk against the description with the `frictionless`
library (and the JSON files against their JSON Schema) and returns the mismatches; `reviewminer validate OUT` prints
them.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

from pipeline.outputs import compare, curation
from pipeline.outputs.datasets import COLUMNS, SCHEMA_VERSION, write_json

PACKAGE_FILE = "datapackage.json"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
TRUE_VALUES = ["True", "true"]
FALSE_VALUES = ["False", "false"]

# What curation adds to the claims, from the module that adds it.
REVIEW_COLUMNS: dict[str, str] = getattr(curation, "REVIEW_COLUMNS", {"review_status": "string"})

PANDAS_TO_FIELD = {"string": "string", "Int64": "integer", "float64": "number", "boolean": "boolean"}

DOC_ID = "First 16 hex digits of the PDF's sha256."
OFFSET = "Character offset into the document text (the passages' texts joined by two newlines)."
JSON_LIST = "JSON array"

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": DOC_ID,
        "path": "Path of the PDF (the first one found when several files have the same content).",
        "paths": "Every path with this content, separated by ';'.",
        "sha256": "SHA-256 of the PDF's bytes.",
        "title": "Title read from the first page (or the PDF metadata).",
        "n_pages": "Number of pages.",
        "status": "ok, failed (unreadable or broken PDF) or skipped (e.g. over the page or time budget).",
        "error": "Why the document failed or was skipped; empty when ok.",
        "warnings": JSON_LIST + " of what an ok document lost on the way: a page with no text layer, a sentence or"
        " table whose claims could not be read (page, error, the sentence's start). Empty array when nothing.",
        "n_tables": "Tables found.",
        "n_claims": "Distinct claims extracted.",
        "n_entities": "Entity mentions found.",
        "seconds": "Processing time of the document, in seconds.",
        "action": "added, changed or unchanged compared with the previous run on this output folder.",
        "pipeline_version": "ReviewMiner version that processed the document.",
    },
    "passages": {
        "doc_id": DOC_ID,
        "passage_id": "Index of the passage in reading order.",
        "kind": "title, heading, paragraph, caption, reference, abbreviation, footnote (small print: author lists,"
        " affiliations, labels), note (small print written as sentences: a footnote, a table's notes), metadata"
        " (DOI/URL, licence, correspondence, dates, keyword lists), figure_text (words printed inside a figure),"
        " code (a listing in a monospaced face) or contents (a table of contents: its heading and entries).",
        "section_path": "Headings above the passage, outermost first, joined by ' > '.",
        "page": "1-based page number.",
        "x0": "Left edge of the passage on the page, in PDF points.",
        "top": "Top edge, in PDF points from the top of the page.",
        "x1": "Right edge, in PDF points.",
        "bottom": "Bottom edge, in PDF points from the top of the page.",
        "char_start": OFFSET + " Start of this passage.",
        "text": "Text of the passage (hyphenation repaired, lines joined).",
        "citations": JSON_LIST + " of the reference numbers cited in the passage; empty when none.",
    },
    "sentences": {
        "doc_id": DOC_ID,
        "sentence_id": "Index of the sentence in the document.",
        "passage_id": "Passage holding the sentence.",
        "passage_kind": "Kind of that passage: paragraph, caption (a figure's or table's legend), note (a footnote"
        " or table note written as sentences), abbreviation (a list entry) or code; the claims stage reads paragraphs"
        " only.",
        "page": "1-based page number.",
        "section_path": "Headings above the sentence, outermost first.",
        "start": OFFSET + " Start of the sentence.",
        "end": OFFSET + " End of the sentence (exclusive).",
        "text": "Text of the sentence.",
    },
    "tables": {
        "doc_id": DOC_ID,
        "table_id": "Table identifier, stable for a document (t1, t2, ...).",
        "number": "Table number as printed in the caption ('1', 'S2'); empty when uncaptioned.",
        "caption": "Caption text.",
        "page": "1-based page of this cell.",
        "row": "0-based row in the table grid (header rows first).",
        "col": "0-based column in the table grid.",
        "is_header": "True for header cells.",
        "is_spanned": "True when the text is carried from a merged cell covering this slot.",
        "text": "Cell text.",
        "x0": "Left edge of the cell, in PDF points.",
        "top": "Top edge of the cell, in PDF points from the top of the page.",
        "x1": "Right edge of the cell, in PDF points.",
        "bottom": "Bottom edge of the cell, in PDF points from the top of the page.",
    },
    "table_index": {
        "doc_id": DOC_ID,
        "table_id": "Table identifier (see tables).",
        "number": "Table number as printed in the caption.",
        "caption": "Caption text.",
        "pages": "Pages the table spans, comma-separated.",
        "n_rows": "Rows in the grid, header rows included.",
        "n_cols": "Columns in the grid.",
        "header": JSON_LIST + " of column labels (header rows joined top to bottom).",
        "notes": "Footnotes printed under the table.",
    },
    "claims": {
        "claim_id": "Stable id: first 16 hex of sha1(doc_id|relation|subject_norm|object_norm).",
        "doc_id": DOC_ID,
        "subject": "Method or treatment as written.",
        "subject_norm": "Canonical method or treatment name.",
        "relation": "advantage, disadvantage or effect.",
        "object": "The property (for (dis)advantages) or outcome (for effects) as written.",
        "object_norm": "Normalized object: one atomic property.",
        "aspect": "What an advantage/disadvantage is about (cost, time, purity, yield, ...); may be empty.",
        "direction": "For effects: increase, decrease or none.",
        "magnitude": "For effects: the size of the effect where stated (e.g. '2-fold').",
        "comparator": "What the subject is compared with, where stated.",
        "hedged": "True when the claim is hedged (may, might, could, ...).",
        "negated": "True when the claim is negated.",
        "source": "Where the claim was found: table, text, or table+text.",
        "page": "Page of the first evidence.",
        "section_path": "Section of the first evidence.",
        "sentence_id": "Sentence of the first evidence, when prose.",
        "table_id": "Table of the first evidence, when a table.",
        "row": "Table row of the first evidence.",
        "col": "Table column of the first evidence.",
        "evidence": "Text of the first evidence (sentence or table cell).",
        "evidences": JSON_LIST + " of every evidence: source, text, page, section_path, sentence_id, table_id, "
        "row, col, char_start, char_end (offsets into the document text).",
        "cue": "The pattern or table column that produced the claim; a prose subject not written in its sentence "
        "ends it in :subject-antecedent (an earlier sentence), :subject-heading (the section heading) or "
        ":subject-paper (the method the paper presents).",
        "review_status": "Curator decision: pending, accepted, rejected or edited.",
        "reviewer": "Who made the decision.",
        "reviewed_at": "When the decision was made (ISO 8601, UTC).",
        "review_comment": "The curator's note.",
        "subject_reviewed": "Subject the curator stands behind (corrected when edited).",
        "relation_reviewed": "Relation the curator stands behind.",
        "object_reviewed": "Object the curator stands behind.",
    },
    "entities": {
        "doc_id": DOC_ID,
        "text": "Mention as written.",
        "label": "Entity type (METHOD, TREATMENT, OUTCOME, CELL_TYPE, MOLECULE, ...).",
        "norm": "Canonical name.",
        "page": "1-based page number.",
        "sentence_id": "Sentence holding the mention.",
        "start": OFFSET + " Start of the mention.",
        "end": OFFSET + " End of the mention (exclusive).",
        "source": "Component that found it: ruler, ner or abbreviation.",
    },
    "comparison": {
        "subject_norm": "Canonical method or treatment.",
        "relation": "advantage, disadvantage or effect.",
        "aspect": "Aspect of the (dis)advantage; for effects without one, the outcome; empty when unknown.",
        "n_papers": "Papers making claims of this kind.",
        "n_claims": "Claims of this kind (rejected claims excluded).",
        "doc_ids": JSON_LIST + " of those papers' doc_ids.",
        "titles": JSON_LIST + " of those papers' titles, in the order of doc_ids.",
        "subjects": JSON_LIST + " of the subjects as written.",
        "objects": JSON_LIST + " of the distinct (normalized) objects.",
        "directions": "For effects: JSON object counting claims per direction; empty otherwise.",
        "example_claim_id": "One claim of this kind (curator-accepted first).",
        "example_doc_id": "Paper of the example claim.",
        "example_page": "Page of the example claim.",
        "example_evidence": "Evidence text of the example claim.",
        "conflict": "True when another paper says the opposite on the same subject and aspect "
        "(advantage vs disadvantage, or increase vs decrease).",
        "conflict_with": "The opposite side(s), ';'-separated: disadvantage, advantage, increase or decrease.",
        "conflict_doc_ids": JSON_LIST + " of the papers on the opposite side.",
    },
    "methods": {
        "method": "Canonical method or treatment name.",
        "kind": "method, treatment, or both (';'-separated).",
        "aliases": JSON_LIST + " of other names it appears under (claims and entity mentions).",
        "n_papers": "Papers that mention it.",
        "doc_ids": JSON_LIST + " of those papers' doc_ids.",
        "titles": JSON_LIST + " of those papers' titles, in the order of doc_ids.",
        "n_mentions": "Entity mentions labelled METHOD or TREATMENT.",
        "n_claims": "Claims with it as subject (rejected claims excluded).",
        "n_advantage": "Advantage claims.",
        "n_disadvantage": "Disadvantage claims.",
        "n_effect": "Effect claims.",
        "aspects": JSON_LIST + " of the aspects its advantages and disadvantages are about.",
    },
}

RESOURCE_DESCRIPTIONS = {
    "documents": "One row per unique input document, with its processing status.",
    "passages": "One row per passage of text in reading order (title, headings, paragraphs, captions, ...).",
    "sentences": "One row per prose sentence.",
    "tables": "One row per table cell.",
    "table_index": "One row per table.",
    "claims": "One row per claim: method advantages/disadvantages and treatment effects, with evidence.",
    "entities": "One row per entity mention.",
    "comparison": "One row per (subject_norm, relation, aspect) across papers, with conflicts between papers.",
    "methods": "One row per canonical method or treatment across papers.",
}

PRIMARY_KEYS = {
    "documents": ["doc_id"],
    "passages": ["doc_id", "passage_id"],
    "sentences": ["doc_id", "sentence_id"],
    "tables": ["doc_id", "table_id", "row", "col"],
    "table_index": ["doc_id", "table_id"],
    "claims": ["claim_id"],
    "methods": ["method"],
}
# Unique but not primary: an unknown aspect is "" (a missing value in CSV), and key columns may not be missing.
UNIQUE_KEYS = {"comparison": [["subject_norm", "relation", "aspect"]]}
REQUIRED = {
    "documents": ["doc_id", "path", "sha256", "status"],
    "claims": ["claim_id", "doc_id", "relation", "review_status"],
    "comparison": ["subject_norm", "relation", "n_papers", "n_claims", "conflict"],
    "methods": ["method", "n_papers"],
}
ENUMS = {
    ("documents", "status"): ["ok", "failed", "skipped"],
    ("claims", "relation"): ["advantage", "disadvantage", "effect"],
    ("claims", "direction"): ["increase", "decrease", "none"],
    ("claims", "review_status"): ["pending", "accepted", "rejected", "edited"],
    ("comparison", "relation"): ["advantage", "disadvantage", "effect"],
}
JSON_COLUMNS = {
    ("passages", "citations"),
    ("table_index", "header"),
    ("claims", "evidences"),
    ("comparison", "doc_ids"),
    ("comparison", "titles"),
    ("comparison", "subjects"),
    ("comparison", "objects"),
    ("comparison", "directions"),
    ("comparison", "conflict_doc_ids"),
    ("methods", "aliases"),
    ("methods", "doc_ids"),
    ("methods", "titles"),
    ("methods", "aspects"),
}

MANIFEST_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["run_id", "started_at", "finished_at", "counts", "failures", "schema_version"],
    "properties": {
        "run_id": {"type": "string", "description": "UTC timestamp and a random suffix."},
        "started_at": {"type": "string", "description": "ISO 8601 start time."},
        "finished_at": {"type": "string", "description": "ISO 8601 end time."},
        "corpus": {"type": "string", "description": "The corpus folder or file."},
        "versions": {"type": "object", "additionalProperties": {"type": "string"}},
        "config_key": {"type": "string", "description": "Key of the extraction settings and models/ content."},
        "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
        "documents_added": {"type": "array", "items": {"type": "string"}},
        "documents_changed": {"type": "array", "items": {"type": "string"}},
        "documents_removed": {"type": "array", "items": {"type": "string"}},
        "documents_reused": {"type": "array", "items": {"type": "string"}},
        "claims_added": {"type": "integer"},
        "claims_removed": {"type": "integer"},
        "failures": {
            "type": "array",
            "items": {"type": "object", "required": ["doc_id", "path", "status", "error"]},
        },
        "warnings": {
            "type": "array",
            "description": "Ok documents that lost part of their content (documents.warnings), and what.",
            "items": {"type": "object", "required": ["doc_id", "path", "warnings"]},
        },
        "unusable_entries": {
            "type": "array",
            "description": "Corpus entries named *.pdf that are not readable files (dangling links, pipes), and why.",
            "items": {"type": "object", "required": ["path", "reason"]},
        },
        "schema_version": {"type": "string"},
        "datasets_run_id": {
            "type": "string",
            "description": "The run that wrote the datasets: this run, or an earlier one when nothing had changed.",
        },
    },
}


def _array_of(required: list[str], **properties: dict) -> dict:
    """JSON Schema of an array of objects with these required keys and typed properties."""
    return {"type": "array", "items": {"type": "object", "required": required, "properties": properties}}


_INFONS = {"type": "object", "additionalProperties": {"type": "string"}}
_STRING = {"type": "string"}
_OFFSET = {"type": "integer", "minimum": 0}
_ANNOTATIONS = _array_of(
    ["id", "infons", "text", "locations"],
    id=_STRING,
    infons=_INFONS,
    text=_STRING,
    locations={**_array_of(["offset", "length"], offset=_OFFSET, length=_OFFSET), "minItems": 1},
)
_PASSAGES = _array_of(["offset", "infons", "text", "annotations"], offset=_OFFSET, infons=_INFONS, text=_STRING)
_PASSAGES["items"]["properties"]["annotations"] = _ANNOTATIONS
_RELATIONS = _array_of(["id", "infons", "nodes"], id=_STRING, infons=_INFONS, nodes=_array_of(["refid", "role"]))
BIOC_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "description": "BioC collection (JSON form). Offsets index a document's passages joined by two newlines.",
    "type": "object",
    "required": ["source", "date", "key", "infons", "documents"],
    "properties": {
        "infons": _INFONS,
        "documents": _array_of(
            ["id", "infons", "passages", "relations"],
            id=_STRING,
            infons=_INFONS,
            passages=_PASSAGES,
            relations=_RELATIONS,
        ),
    },
}

_SPAN = {"type": "object", "required": ["begin", "end"], "properties": {"begin": _OFFSET, "end": _OFFSET}}
PUBANNOTATION_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "description": "PubAnnotation JSON, one object per document; spans index `text` (passages joined by two newlines).",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["text", "sourcedb", "sourceid", "denotations", "relations"],
        "properties": {
            "text": _STRING,
            "sourceid": _STRING,
            "denotations": _array_of(["id", "span", "obj"], id=_STRING, span=_SPAN, obj=_STRING),
            "relations": _array_of(["id", "subj", "pred", "obj"], id=_STRING, subj=_STRING, pred=_STRING),
            "attributes": _array_of(["id", "subj", "pred", "obj"], id=_STRING, subj=_STRING, pred=_STRING),
        },
    },
}

JSON_RESOURCES = {
    "manifest.json": (
        "manifest",
        "The record of the latest run on this folder (datasets_run_id: the run that wrote the datasets).",
        MANIFEST_SCHEMA,
    ),
    "claims.bioc.json": ("claims-bioc", "Claims with evidence as BioC JSON (character offsets).", BIOC_SCHEMA),
    "claims.pubannotation.json": (
        "claims-pubannotation",
        "The same annotations in PubAnnotation JSON: one object per document (text, denotations, relations).",
        PUBANNOTATION_SCHEMA,
    ),
}
OTHER_RESOURCES = {
    "report.html": ("report", "Self-contained HTML report of the run that wrote the datasets.", "html", "text/html"),
}
ORPHANS_FILE = "orphaned_decisions.csv"
DECISION_DESCRIPTIONS = {
    "claim_id": "Claim the decision was made on (no longer extracted).",
    "status": "Decision: pending, accepted, rejected or edited.",
    "reviewer": "Who made the decision.",
    "reviewed_at": "When (ISO 8601, UTC).",
    "comment": "The curator's note.",
    "subject_reviewed": "Subject the curator stands behind.",
    "relation_reviewed": "Relation the curator stands behind.",
    "object_reviewed": "Object the curator stands behind.",
    "doc_id": "Document of the claim when it was decided.",
    "subject": "Subject of the claim when it was decided.",
    "relation": "Relation of the claim when it was decided.",
    "object": "Object of the claim when it was decided.",
    "evidence": "Evidence of the claim when it was decided.",
}


def declared_columns() -> dict[str, dict[str, str]]:
    """Every tabular dataset's columns and pandas dtypes, in file order."""
    declared = {name: dict(columns) for name, columns in COLUMNS.items()}
    declared["claims"].update({k: v for k, v in REVIEW_COLUMNS.items() if k not in declared["claims"]})
    declared["comparison"] = dict(compare.COMPARISON_COLUMNS)
    declared["methods"] = dict(compare.METHODS_COLUMNS)
    return declared


def table_schema(name: str, columns: dict[str, str]) -> dict:
    fields = []
    for column, dtype in columns.items():
        field = {
            "name": column,
            "type": PANDAS_TO_FIELD[dtype],
            "description": DESCRIPTIONS.get(name, {}).get(column, ""),
        }
        if field["type"] == "boolean":
            field.update(trueValues=TRUE_VALUES, falseValues=FALSE_VALUES)
        if (name, column) in JSON_COLUMNS:
            field["contentMediaType"] = "application/json"  # a JSON text in a string column
        constraints = {}
        if column in REQUIRED.get(name, []) or column in PRIMARY_KEYS.get(name, []):
            constraints["required"] = True
        if (name, column) in ENUMS:
            constraints["enum"] = ENUMS[(name, column)]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema: dict = {"fields": fields, "missingValues": [""]}
    if name in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[name]
    if name in UNIQUE_KEYS:
        schema["uniqueKeys"] = UNIQUE_KEYS[name]
    if "doc_id" in columns and name != "documents":
        schema["foreignKeys"] = [{"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}}]
    return schema


def _tabular_resource(name: str, path: str, schema: dict, description: str) -> dict:
    csv_file = path.endswith(".csv")
    resource = {
        "name": name,
        "path": path,
        "type": "table",
        "format": "csv" if csv_file else "parquet",
        "mediatype": "text/csv" if csv_file else PARQUET_MEDIATYPE,
        "description": description,
        "schema": schema,
    }
    if csv_file:
        resource.update(encoding="utf-8", dialect={"header": True, "delimiter": ","})
    return resource


def describe(out_dir: Path) -> dict:
    """The data package for the files present in `out_dir`."""
    out_dir = Path(out_dir)
    resources = []
    for name, columns in declared_columns().items():
        schema = table_schema(name, columns)
        for suffix in ("parquet", "csv"):
            if (out_dir / f"{name}.{suffix}").exists():
                resource_name = name if suffix == "parquet" else f"{name}-csv"
                resource = _tabular_resource(resource_name, f"{name}.{suffix}", schema, RESOURCE_DESCRIPTIONS[name])
                if suffix == "csv":
                    # Keys of a CSV twin refer to the CSV documents file when there is one.
                    resource["schema"] = _csv_schema(schema, out_dir)
                resources.append(resource)
    resources += _table_grid_resources(out_dir)
    for path, (name, description, json_schema) in JSON_RESOURCES.items():
        if (out_dir / path).exists():
            resources.append(
                {
                    "name": name,
                    "path": path,
                    "format": "json",
                    "mediatype": "application/json",
                    "encoding": "utf-8",
                    "description": description,
                    "jsonSchema": json_schema,
                }
            )
    if (out_dir / ORPHANS_FILE).exists():
        resources.append(_orphans_resource())
    for path, (name, description, fmt, mediatype) in OTHER_RESOURCES.items():
        if (out_dir / path).exists():
            resources.append(
                {"name": name, "path": path, "format": fmt, "mediatype": mediatype, "description": description}
            )
    return {
        "$schema": PROFILE,
        "name": "reviewminer-output",
        "title": "ReviewMiner datasets",
        "description": "Tables, claims (method advantages/disadvantages, treatment effects) and entities mined "
        "from scientific review PDFs, with cross-paper comparisons.",
        "version": SCHEMA_VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "resources": resources,
    }


def _orphans_resource() -> dict:
    """Curation's list of decisions whose claim is gone: every decision field, as text."""
    names = getattr(curation, "DECISION_FIELDS", tuple(DECISION_DESCRIPTIONS))
    fields = [{"name": n, "type": "string", "description": DECISION_DESCRIPTIONS.get(n, "")} for n in names]
    return _tabular_resource(
        "orphaned-decisions",
        ORPHANS_FILE,
        {"fields": fields, "missingValues": [""]},
        "Curator decisions whose claim is no longer extracted; they apply again when the claim comes back.",
    )


def _csv_schema(schema: dict, out_dir: Path) -> dict:
    schema = json.loads(json.dumps(schema))
    target = "documents-csv" if (out_dir / "documents.csv").exists() else "documents"
    for key in schema.get("foreignKeys", []):
        key["reference"]["resource"] = target
    return schema


def _table_grid_resources(out_dir: Path) -> list[dict]:
    """tables/<doc_id>/<table_id>.csv: each table's body rows; its header row(s), joined, name the columns."""
    resources = []
    for path in sorted((out_dir / "tables").glob("*/*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
        fields = [
            {"name": h, "type": "string", "description": f"Column {i + 1} of the table, headed '{h}'."}
            for i, h in enumerate(header)
        ]
        relative = path.relative_to(out_dir).as_posix()
        resources.append(
            _tabular_resource(
                f"table-{path.parent.name}-{path.stem}".lower(),
                relative,
                {"fields": fields, "missingValues": [""]},
                f"Table {path.stem} of document {path.parent.name} as a reader sees it, one row per body row.",
            )
        )
    return resources


def write_datapackage(out_dir: Path) -> Path:
    """Write OUT/datapackage.json describing the files now in `out_dir`; returns its path."""
    path = Path(out_dir) / PACKAGE_FILE
    write_json(describe(out_dir), path)
    return path


# ---------------------------------------------------------------- validation


def validate_datapackage(out_dir: Path) -> list[str]:
    """Every way the files in `out_dir` differ from its datapackage.json; empty when all match.

    The `frictionless` library checks the tabular resources (Parquet and CSV: columns, types, required and enum
    constraints, primary, unique and foreign keys); the JSON resources are checked against their JSON Schema here,
    which frictionless does not do.
    """
    import frictionless

    out_dir = Path(out_dir)
    try:
        package = json.loads((out_dir / PACKAGE_FILE).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        return [f"{PACKAGE_FILE}: cannot be read ({error})"]
    errors = _package_errors(package)
    tabular = []
    for resource in package.get("resources", []):
        where = resource.get("path", "?")
        path = out_dir / where
        if not path.is_file():
            errors.append(f"{where}: described but missing")
        elif resource.get("format") == "json":
            errors += [f"{where}: {p}" for p in _json_errors(path, resource.get("jsonSchema", {}))]
        elif "schema" in resource:
            tabular.append(resource)
    if tabular:
        described = {**package, "resources": tabular}
        # a resource whose file is missing is reported above; its foreign keys would only repeat that
        present = {r["name"] for r in tabular}
        for resource in tabular:
            keys = resource["schema"].get("foreignKeys", [])
            resource["schema"]["foreignKeys"] = [k for k in keys if k["reference"]["resource"] in present]
        report = frictionless.Package(described, basepath=str(out_dir)).validate()
        for task in report.tasks:
            errors += [f"{task.place}: {error.message}" for error in task.errors[:20]]
        # frictionless does not check `uniqueKeys`; where a table declares them, its rows must at least be distinct
        distinct = frictionless.Checklist(checks=[frictionless.checks.duplicate_row()])
        for resource in (r for r in tabular if r["schema"].get("uniqueKeys")):
            found = frictionless.Resource(resource, basepath=str(out_dir)).validate(checklist=distinct)
            duplicates = [e for task in found.tasks for e in task.errors if e.type == "duplicate-row"]
            errors += [f"{resource['path']}: {e.message}" for e in duplicates]
    return errors


def _package_errors(package: dict) -> list[str]:
    errors = []
    for key in ("name", "version", "resources"):
        if key not in package:
            errors.append(f"{PACKAGE_FILE}: no '{key}'")
    names = [r.get("name") for r in package.get("resources", [])]
    if len(names) != len(set(names)):
        errors.append(f"{PACKAGE_FILE}: resource names are not unique")
    for resource in package.get("resources", []):
        for field in resource.get("schema", {}).get("fields", []):
            if not field.get("description"):
                errors.append(f"{resource.get('path')}: column {field.get('name')} has no description")
    return errors


def _json_errors(path: Path, json_schema: dict) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        return [f"not JSON ({error})"]
    if not json_schema:
        return []
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json_schema)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(data)][:20]
