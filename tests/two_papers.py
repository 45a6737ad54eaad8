"""A second, small review PDF that contradicts the seed, and the claims of both papers from real extraction.

The generated paper has one ruled table "Method | Advantages | Disadvantages":
- Ultracentrifugation: low purity as a disadvantage, where the seed lists "no risk of contamination" as an
  advantage (purity); "time-consuming" agrees with the seed's "consumes time".
- Precipitation: high purity as an advantage, where the seed lists "low purity" as a disadvantage; "low recovery
  rate" agrees with the seed.
- Size-exclusion chromatography: a method the seed's table does not have.

Imported as fixtures by tests/test_compare.py, test_report.py and test_export.py (the lead's conftest.py is not
ours to edit); the generated paper is extracted once per session whichever modules import it.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

TITLE = "Isolation of extracellular vesicles: a short comparison of methods"
ROWS = [
    ("Ultracentrifugation", "Large sample volume", "Time-consuming, low purity"),
    ("Precipitation", "High purity, simple operation", "Low recovery rate"),
    ("Size-exclusion chromatography", "Preserves vesicle integrity", "Dilutes the sample"),
]


def write_contradicting_pdf(path: Path) -> Path:
    """A two-paragraph review with a captioned, ruled advantages/disadvantages table (reportlab)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    story = [
        Paragraph(TITLE, styles["Title"]),
        Paragraph("Abstract", styles["Heading2"]),
        Paragraph(
            "Extracellular vesicles are studied as carriers of proteins and nucleic acids. This note lists the "
            "isolation methods used in our laboratory together with what we observed when we used them.",
            styles["BodyText"],
        ),
        Spacer(1, 12),
        Paragraph("Table 1 Advantages and disadvantages of isolation methods", styles["BodyText"]),
        Spacer(1, 6),
    ]
    body = styles["BodyText"]
    grid = [["Method", "Advantages", "Disadvantages"]] + [[Paragraph(c, body) for c in row] for row in ROWS]
    table = Table(grid, colWidths=[140, 160, 160])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [table, Spacer(1, 12)]
    story.append(
        Paragraph(
            "The choice of method depends on the downstream application and on the equipment at hand.",
            styles["BodyText"],
        )
    )
    SimpleDocTemplate(str(path), pagesize=A4, title=TITLE).build(story)
    return path


@functools.cache
def _processed_paper() -> dict[str, pd.DataFrame]:
    """Generated and extracted once per test session, however many test modules import the fixtures (each
    importing module gets its own instance of a session fixture)."""
    from pipeline.corpus import file_sha256
    from pipeline.extract.document import process_document
    from pipeline.outputs.datasets import document_frames, typed_frame

    folder = Path(tempfile.mkdtemp(prefix="reviewminer-second-"))
    atexit.register(shutil.rmtree, folder, True)
    pdf = write_contradicting_pdf(folder / "contradicting_review.pdf")
    result = process_document(pdf, file_sha256(pdf))
    assert result.status == "ok", result.error
    frames = document_frames(result)
    frames["claims"]["review_status"] = pd.Series(["pending"] * len(frames["claims"]), dtype="string")
    document = {
        "doc_id": result.doc_id,
        "path": str(pdf),
        "sha256": result.sha256,
        "title": result.title,
        "n_pages": result.n_pages,
        "status": "ok",
        "error": "",
        "n_tables": len(result.tables),
        "n_claims": len(frames["claims"]),
        "n_entities": len(result.entities),
    }
    frames["documents"] = typed_frame("documents", [document])
    return frames


@pytest.fixture(scope="session")
def contradicting_paper() -> dict[str, pd.DataFrame]:
    """The generated paper through every stage (plain Python): its documents row and per-document frames."""
    return {name: frame.copy() for name, frame in _processed_paper().items()}


@pytest.fixture(scope="session")
def two_papers(seed_run, contradicting_paper):
    """The seed's published frames (a real flow run) joined with the generated paper's frames."""
    out, record, _ = seed_run
    frames = {}
    for name, second in contradicting_paper.items():
        seed = pd.read_parquet(out / f"{name}.parquet")
        # Publish may add columns (curation's review columns): the generated paper gets them empty.
        second = second.reindex(columns=seed.columns).astype(seed.dtypes.to_dict())
        frames[name] = pd.concat([seed, second], ignore_index=True)
    return frames, record
