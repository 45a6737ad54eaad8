"""The run report: escaped, self-contained, and its heatmap really renders in headless chromium."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.outputs.datasets import typed_frame
from pipeline.outputs.report import method_aspect_counts, render_report, run_report_markdown, write_report

from browser import chromium, require_browser
from two_papers import contradicting_paper, two_papers  # noqa: F401  (fixtures)

HOSTILE = "<script>alert('pdf')</script> & <b>bold</b> | pipe"
ADVANTAGE_RGB = (0x1E, 0x84, 0x49)
DISADVANTAGE_RGB = (0xC0, 0x39, 0x2B)


def small_frames() -> tuple[dict[str, pd.DataFrame], dict]:
    """Two documents (one failed with a hostile error message) and three claims, one with a hostile subject."""
    documents = typed_frame(
        "documents",
        [
            {
                "doc_id": "a" * 16,
                "path": "/c/a.pdf",
                "sha256": "a" * 64,
                "title": HOSTILE,
                "status": "ok",
                "n_pages": 3,
            },
            {
                "doc_id": "b" * 16,
                "path": "/c/b.pdf",
                "sha256": "b" * 64,
                "title": "",
                "status": "failed",
                "error": HOSTILE,
            },
        ],
    )
    claims = typed_frame(
        "claims",
        [
            {"claim_id": "1", "doc_id": "a" * 16, "subject": HOSTILE, "subject_norm": HOSTILE, "relation": "advantage"},
            {"claim_id": "2", "doc_id": "a" * 16, "subject": "UC", "subject_norm": "uc", "relation": "disadvantage"},
            {"claim_id": "3", "doc_id": "a" * 16, "subject": "UC", "subject_norm": "uc", "relation": "effect"},
        ],
    )
    claims["aspect"] = pd.Series(["cost", "time", ""], dtype="string")
    claims["object"] = pd.Series(["cheap", "slow", "yield"], dtype="string")
    claims["review_status"] = pd.Series(["pending"] * 3, dtype="string")
    frames = {"documents": documents, "claims": claims, "table_index": typed_frame("table_index", [])}
    record = {"run_id": "20260101T000000Z-abc123", "documents_reused": [], "schema_version": "1.0"}
    record.update(claims_added=3, claims_removed=1)
    return frames, record


def test_text_from_pdfs_is_escaped_in_the_page_and_the_plots():
    frames, record = small_frames()
    page = render_report(frames, record)
    assert "<script>alert(" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#x27;pdf&#x27;)&lt;/script&gt;" in page  # the title and the failure reason
    # the heatmap's method labels and the findings' method headings are escaped too
    heatmap = re.search(r'<table class="heatmap".*?</table>', page, re.S).group(0)
    assert "&lt;script&gt;" in heatmap
    assert re.search(r"<summary>&lt;script&gt;", page)


def test_page_names_no_remote_resource():
    frames, record = small_frames()
    page = render_report(frames, record)
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page)
    assert tags and not [t for t in tags if re.search(r"(src|href)\s*=", t)]


def test_markdown_summary_counts_failures_and_escapes():
    frames, record = small_frames()
    markdown = run_report_markdown(frames, record)
    # documents, processed, reused, ok, failed, skipped, removed, tables, claims, claims added/removed, entities
    assert "| 2 | 2 | 0 | 1 | 1 | 0 | 0 | 0 | 3 | 3 | 1 | 0 |" in markdown
    failure = next(line for line in markdown.splitlines() if line.startswith("| b.pdf"))
    assert "&lt;script&gt;" in failure and "\\| pipe" in failure and failure.count(" | ") == 2
    assert "| **all papers** | 1 | 1 | 1 | 3 |" in markdown
    assert "No paper contradicts another." in markdown


def test_heatmap_counts_advantages_and_disadvantages_per_method_and_aspect():
    frames, _ = small_frames()
    counts = method_aspect_counts(frames["claims"]).set_index(["method", "aspect"])
    assert counts.loc[("uc", "time"), ["advantage", "disadvantage"]].tolist() == [0, 1]
    assert counts.loc[(HOSTILE.lower(), "cost"), "advantage"] == 1
    assert len(counts) == 2  # the effect claim is not a (dis)advantage


def test_write_report_replaces_the_file(tmp_path):
    frames, record = small_frames()
    path = write_report(tmp_path, frames, record)
    assert path == tmp_path / "report.html"
    first = path.read_text(encoding="utf-8")
    frames["documents"] = frames["documents"].iloc[:1]
    second = write_report(tmp_path, frames, record).read_text(encoding="utf-8")
    assert "<td>b.pdf</td>" in first and "<td>b.pdf</td>" not in second
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind


def test_a_run_where_every_document_failed_still_reports(tmp_path):
    from pipeline.outputs.publish import RunRecord

    frames, _ = small_frames()
    frames = {"documents": frames["documents"].iloc[1:], "claims": typed_frame("claims", [])}
    record = RunRecord(run_id="r", started_at="s", failures=[{"doc_id": "b" * 16, "error": "broken"}])
    page = write_report(tmp_path, frames, record).read_text(encoding="utf-8")
    assert "No claims extracted." in page and "No advantage or disadvantage claims." in page
    assert "1 document(s) not processed" in page and "No tables found." in page
    assert "| 1 | 1 | 0 | 0 | 1 |" in run_report_markdown(frames, record)


# ---------------------------------------------------------------- in a browser


def _colour_pixels(png: bytes, rgb: tuple[int, int, int], tolerance: int = 12) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(
        count
        for count, pixel in image.getcolors(maxcolors=1 << 24)
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb, strict=True))
    )


@pytest.mark.e2e
@pytest.mark.browser
def test_report_opens_from_disk_shows_findings_filters_and_the_heatmap(two_papers, tmp_path):  # noqa: F811
    require_browser()
    frames, record = two_papers
    path = write_report(tmp_path, frames, record)
    assert path.stat().st_size < 500_000  # no chart library inlined

    remote: list[str] = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        heatmap = page.locator("#method-aspect-heatmap")
        box = heatmap.bounding_box()
        row_labels = page.locator("#method-aspect-heatmap th[scope=row]").all_text_contents()
        conflict_rows = page.locator("h2:has-text('Conflicts') + table tbody tr").count()
        marked_cells = page.locator("#method-aspect-heatmap td .warn").count()
        heatmap.scroll_into_view_if_needed()
        shot = heatmap.screenshot()

        # the findings: every claim with its evidence, filtered in the page
        total = page.locator("tr.claim").count()
        assert total == len(frames["claims"][frames["claims"]["review_status"] != "rejected"])
        page.fill("#filter-text", "ultracentrifugation")
        shown = page.locator("tr.claim:visible").count()
        assert 0 < shown < total
        assert page.locator("#filter-count").text_content() == f"{shown} of {total} claims"
        page.fill("#filter-text", "")
        page.check("#filter-conflict")
        disputed = page.locator("tr.claim:visible").count()
        assert 0 < disputed < total and page.locator("tr.claim.conflict:visible").count() == disputed
        page.uncheck("#filter-conflict")
        page.uncheck("#filters input[value=effect]")
        assert page.locator("tr.claim:visible td.rel-effect").count() == 0
        links = page.locator("a[href='claims.csv']").count()
        review_links = page.locator("tr.claim a[href^='http://127.0.0.1:8765/?claim=']").count()
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)

    assert not remote, f"the report asked the network for {remote[:3]}"
    assert not errors, errors
    assert box and box["width"] > 600 and box["height"] > 100
    assert {"ultracentrifugation", "polymer precipitation", "size-exclusion chromatography"} <= set(row_labels)
    assert conflict_rows >= 2 and marked_cells >= 1  # the heatmap marks what the conflicts table lists
    assert links == 1 and review_links == total
    # The screenshot shows cells in both colours: green advantages and red disadvantages.
    assert _colour_pixels(shot, ADVANTAGE_RGB) > 500 and _colour_pixels(shot, DISADVANTAGE_RGB) > 500
    keep = os.environ.get("REVIEWMINER_KEEP_SCREENSHOTS")
    if keep:
        shutil.copy(tmp_path / "report.png", Path(keep) / "report.png")
