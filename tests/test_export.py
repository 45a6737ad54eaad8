"""BioC JSON export: every offset points at the annotated text, for hand-made frames and for two real papers; the
file reads back with the bioc package."""

from __future__ import annotations

import json

import bioc
import pandas as pd
import pytest
from bioc import biocjson
from jsonschema import Draft202012Validator

from pipeline.outputs.datapackage import BIOC_SCHEMA, PUBANNOTATION_SCHEMA
from pipeline.outputs.datasets import typed_frame
from pipeline.outputs.export import bioc_collection, export_bioc, pubannotation_documents

from two_papers import contradicting_paper, two_papers  # noqa: F401  (fixtures)

DOC = "d" * 16
TITLE = "Isolation methods"
PARAGRAPH = "Ultracentrifugation gives high purity. It is slow."
TEXT = TITLE + "\n\n" + PARAGRAPH  # the document text: passages joined by blank lines


def as_json(collection: bioc.BioCCollection) -> dict:
    """The collection as the bioc package writes it."""
    return json.loads(biocjson.dumps(collection))


def annotations(document: dict) -> dict[str, dict]:
    return {a["id"]: a for p in document["passages"] for a in p["annotations"]}


def joined(document: dict) -> str:
    return "\n\n".join(p["text"] for p in document["passages"])


def assert_offsets_hold(document: dict) -> None:
    """Each annotation's text is what its location points at, and it sits inside its passage."""
    text = joined(document)
    for passage in document["passages"]:
        assert text[passage["offset"] : passage["offset"] + len(passage["text"])] == passage["text"]
        for annotation in passage["annotations"]:
            (location,) = annotation["locations"]
            start, length = location["offset"], location["length"]
            assert text[start : start + length] == annotation["text"], annotation["id"]
            assert passage["offset"] <= start and start + length <= passage["offset"] + len(passage["text"])


def claim(claim_id: str, subject: str, relation: str, obj: str, evidences: list[dict], status: str = "pending") -> dict:
    return {
        "claim_id": claim_id,
        "doc_id": DOC,
        "subject": subject,
        "subject_norm": subject.lower(),
        "relation": relation,
        "object": obj,
        "aspect": "purity",
        "hedged": False,
        "evidence": evidences[0]["text"],
        "evidences": json.dumps(evidences),
        "_status": status,
    }


def small_frames() -> dict[str, pd.DataFrame]:
    sentence_start = len(TITLE) + 2
    first_sentence = "Ultracentrifugation gives high purity."
    prose = {"source": "text", "text": first_sentence, "page": 1, "sentence_id": 0}
    located = prose | {"char_start": sentence_start, "char_end": sentence_start + len(first_sentence)}
    rows = [
        claim("c1", "Ultracentrifugation", "advantage", "high purity", [located]),
        claim(
            "c2",
            "Precipitation",
            "advantage",
            "fast",
            [{"source": "table", "text": "Cheap, fast", "page": 1, "table_id": "t1", "row": 1, "col": 1}],
        ),
        claim("c3", "ultracentrifugation", "disadvantage", "slow", [{"source": "text", "text": "x", "sentence_id": 1}]),
        claim("c4", "Ultracentrifugation", "disadvantage", "purity", [prose], status="rejected"),
        claim("c5", "Ghost", "advantage", "none", [{"source": "text", "text": "not in this document", "page": 1}]),
    ]
    claims = typed_frame("claims", rows)
    claims["review_status"] = pd.Series([r["_status"] for r in rows], dtype="string")
    cells = [
        (0, 0, "Method", True),
        (0, 1, "Advantages", True),
        (1, 0, "Precipitation", False),
        (1, 1, "Cheap, fast", False),
    ]
    return {
        "documents": typed_frame(
            "documents", [{"doc_id": DOC, "path": "x.pdf", "title": TITLE, "status": "ok", "n_pages": 1}]
        ),
        "passages": typed_frame(
            "passages",
            [
                {"doc_id": DOC, "passage_id": 0, "kind": "title", "page": 1, "char_start": 0, "text": TITLE},
                {"doc_id": DOC, "passage_id": 1, "kind": "paragraph", "page": 1, "char_start": 19, "text": PARAGRAPH},
            ],
        ),
        "sentences": typed_frame(
            "sentences",
            [
                {"doc_id": DOC, "sentence_id": 0, "passage_id": 1, "start": 19, "end": 57, "text": first_sentence},
                {"doc_id": DOC, "sentence_id": 1, "passage_id": 1, "start": 58, "end": 69, "text": "It is slow."},
            ],
        ),
        "tables": typed_frame(
            "tables",
            [
                {"doc_id": DOC, "table_id": "t1", "page": 1, "row": r, "col": c, "text": t, "is_header": h}
                for r, c, t, h in cells
            ],
        ),
        "claims": claims,
        "entities": typed_frame(
            "entities",
            [
                {
                    "doc_id": DOC,
                    "text": "Ultracentrifugation",
                    "label": "METHOD",
                    "norm": "ultracentrifugation",
                    "start": 19,
                    "end": 38,
                }
            ],
        ),
    }


def test_small_document_offsets_and_claim_relations():
    assert TEXT[19:57] == "Ultracentrifugation gives high purity."
    collection = as_json(bioc_collection(small_frames()))
    assert Draft202012Validator(BIOC_SCHEMA).is_valid(collection)
    (document,) = collection["documents"]
    assert_offsets_hold(document)
    assert joined(document).startswith(TEXT)

    cells = [p for p in document["passages"] if p["infons"]["type"] == "table_cell"]
    assert [c["text"] for c in cells] == ["Method", "Advantages", "Precipitation", "Cheap, fast"]
    assert cells[0]["offset"] == len(TEXT) + 2 and cells[0]["infons"]["table_id"] == "t1"

    found = annotations(document)
    assert found["ent0"]["text"] == "Ultracentrifugation" and found["ent0"]["infons"]["type"] == "METHOD"
    assert found["c1.e0"]["locations"] == [{"offset": 19, "length": 38}]
    assert found["c1.e0.object"]["text"] == "high purity"
    assert found["c2.e0"]["text"] == "Cheap, fast" and found["c2.e0.object"]["text"] == "fast"
    assert found["c2.e0.subject"]["text"] == "Precipitation"  # found in the row's other cell
    assert found["c3.e0"]["text"] == "It is slow."  # placed through its sentence

    relations = {r["id"]: r for r in document["relations"]}
    assert set(relations) == {"c1", "c2", "c3", "c5"}  # the rejected claim is not exported
    assert [n["role"] for n in relations["c1"]["nodes"]] == ["evidence", "subject", "object"]
    assert relations["c1"]["infons"]["relation"] == "advantage" and relations["c1"]["infons"]["hedged"] == "false"
    assert relations["c5"]["nodes"] == [] and document["infons"]["unplaced_evidences"] == "1"


def test_export_writes_a_file_the_bioc_package_reads_back(tmp_path):
    path = export_bioc(tmp_path, small_frames())
    assert path == tmp_path / "claims.bioc.json"
    with path.open(encoding="utf-8") as handle:
        collection = biocjson.load(handle)  # the round trip: written and read by the bioc package
    assert collection.source == "ReviewMiner" and len(collection.documents) == 1
    (document,) = collection.documents
    assert document.id == DOC and document.passages[1].text == PARAGRAPH
    text = "\n\n".join(p.text for p in document.passages)
    placed = [a for p in document.passages for a in p.annotations]
    assert placed and all(text[a.total_span.offset : a.total_span.end] == a.text for a in placed)
    assert {r.id for r in document.relations} == {"c1", "c2", "c3", "c5"}
    assert json.loads(biocjson.dumps(collection)) == json.loads(path.read_text(encoding="utf-8"))


def test_pubannotation_holds_the_same_spans_and_the_claims_as_relations(tmp_path):
    export_bioc(tmp_path, small_frames())
    written = json.loads((tmp_path / "claims.pubannotation.json").read_text(encoding="utf-8"))
    assert Draft202012Validator(PUBANNOTATION_SCHEMA).is_valid(written)
    (document,) = written
    assert document["sourceid"] == DOC and document["text"].startswith(TEXT)
    spans = {d["id"]: document["text"][d["span"]["begin"] : d["span"]["end"]] for d in document["denotations"]}
    assert spans["ent0"] == "Ultracentrifugation" and spans["c1.e0.object"] == "high purity"
    relations = {r["id"]: r for r in document["relations"]}
    assert relations["c1.e0.rel"] == {
        "id": "c1.e0.rel",
        "subj": "c1.e0.subject",
        "pred": "advantage",
        "obj": "c1.e0.object",
    }
    assert relations["c2.e0.rel"]["subj"] == "c2.e0.subject"  # the subject found in another cell of the row
    assert written == pubannotation_documents(bioc_collection(small_frames()))


@pytest.mark.e2e
def test_two_real_papers_export_every_claim_with_placed_evidence(two_papers):  # noqa: F811
    frames, _ = two_papers
    collection = as_json(bioc_collection(frames))
    errors = list(Draft202012Validator(BIOC_SCHEMA).iter_errors(collection))
    assert not errors, errors[0].message
    assert len(collection["documents"]) == 2
    for document in collection["documents"]:
        assert_offsets_hold(document)
        passages = frames["passages"][frames["passages"]["doc_id"] == document["id"]].sort_values("passage_id")
        assert joined(document).startswith("\n\n".join(passages["text"]))
        claims = frames["claims"][frames["claims"]["doc_id"] == document["id"]]
        assert len(document["relations"]) == len(claims) > 0
        assert document["infons"]["unplaced_evidences"] == "0"
        found = annotations(document)
        for row in claims.itertuples():
            for number, evidence in enumerate(json.loads(row.evidences)):
                assert found[f"{row.claim_id}.e{number}"]["text"] == evidence["text"]
        sentences = frames["sentences"][frames["sentences"]["doc_id"] == document["id"]]
        text = joined(document)
        assert all(text[s.start : s.end] == s.text for s in sentences.itertuples())
