"""The review app stays bounded whatever the PDF or the request: page images, its cache, request bodies, a damaged
decisions database, binding every interface, a corpus moved since the run."""

from __future__ import annotations

import io
import shutil
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from pipeline.review import create_app
from pipeline.review.data import OutputFolder
from pipeline.review.pages import MAX_PIXELS, LruCache, PageImage, render_page

import pdf_factory

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def small_run(tmp_path_factory, cli):
    """A real run over one small PDF, started from another folder with a relative corpus path: (out, corpus)."""
    root = tmp_path_factory.mktemp("bounds")
    (root / "corpus").mkdir()
    pdf_factory.text_pdf(root / "corpus" / "small.pdf", ["Ultrafiltration is simple, but its yield is low."])
    result = cli("run", "corpus", "--out", "out", "--no-progress", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "out", root / "corpus"


@pytest.fixture
def out(small_run, tmp_path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(small_run[0], copy)
    return copy


def test_a_huge_page_renders_within_the_pixel_cap(tmp_path):
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
        b"<< /Length 24 >>\nstream\n0 0 14400 14400 re f\nendstream",
    ]
    pdf = pdf_factory.write_pdf(tmp_path / "huge.pdf", objects)
    started = time.monotonic()
    image = render_page(pdf, 1)
    assert time.monotonic() - started < 20
    width, height = Image.open(io.BytesIO(image.png)).size
    assert width * height <= MAX_PIXELS and width >= 1900


def test_a_page_that_inflates_to_gigabytes_fails_in_its_child_and_the_app_stays_small(tmp_path):
    import resource

    from pipeline.records import DocumentError

    pdf = pdf_factory.inflate_bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=1500)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB
    with pytest.raises(DocumentError):
        render_page(pdf, 2, sentence="Page 2: ultrafiltration is simple but its yield is low.")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before < 100 * 1024, "rendered in the app"
    image = render_page(pdf, 1, sentence="Page 1: ultrafiltration is simple but its yield is low.")
    assert image.page == 1 and len(image.boxes) == 1, "the next page renders, with the sentence found"


def test_the_page_cache_is_bounded_in_bytes():
    cache = LruCache(size=100, max_bytes=1000, weigh=lambda image: len(image.png))
    for number in range(10):
        cache.get(("page", number), lambda: PageImage(b"x" * 300, 1, 1))
    assert cache.n_bytes <= 1000
    assert len(cache._items) == 3


def test_a_huge_body_is_refused_before_it_is_read():
    import asyncio

    from starlette.requests import Request

    from pipeline.review.app import MAX_BODY, read_body

    received = []

    async def receive():  # a 400 MB body sent a megabyte at a time, with no Content-Length
        received.append(1)
        return {"type": "http.request", "body": b"x" * (1 << 20), "more_body": len(received) < 400}

    request = Request({"type": "http", "method": "POST", "headers": []}, receive)
    assert asyncio.run(read_body(request, MAX_BODY)) is None
    assert len(received) == 1
    declared = Request({"type": "http", "method": "POST", "headers": [(b"content-length", b"419430400")]}, receive)
    assert asyncio.run(read_body(declared, MAX_BODY)) is None
    assert len(received) == 1, "a declared size over the limit is refused without reading"


def test_a_damaged_decisions_database_shows_an_error_page(out):
    (out / "decisions.sqlite").write_bytes(b"garbage" * 200)
    client = TestClient(create_app(out), base_url=BASE, raise_server_exceptions=False)
    page = client.get("/")
    assert page.status_code == 503
    assert "decisions.sqlite is unreadable" in page.text and "Traceback" not in page.text
    assert (out / "decisions.sqlite").read_bytes() == b"garbage" * 200


def test_bound_to_every_interface_the_app_answers_by_ip_but_not_by_a_foreign_name(out):
    assert TestClient(create_app(out, host="0.0.0.0"), base_url="http://192.0.2.7:8765").get("/").status_code == 200
    assert TestClient(create_app(out, host="0.0.0.0"), base_url="http://evil.example:8765").get("/").status_code == 400
    assert TestClient(create_app(out), base_url="http://192.0.2.7:8765").get("/").status_code == 400


def test_with_an_access_key_nothing_is_served_without_it(out):
    """Bound to other machines, reaching the port is not enough: no page, no image, no CSRF token, no write."""
    app = create_app(out, host="0.0.0.0", access_key="k3y-of-this-run")
    stranger = TestClient(app, base_url="http://192.0.2.7:8765")
    refused = stranger.get("/")
    assert refused.status_code == 401 and "csrf" not in refused.text.lower()
    assert stranger.get("/decisions.csv").status_code == 401
    assert stranger.get("/?key=wrong").status_code == 401
    curator = TestClient(app, base_url="http://192.0.2.7:8765")
    opened = curator.get("/?key=k3y-of-this-run&relation=advantage", follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/?relation=advantage"
    page = curator.get("/")  # the cookie set by the link is enough from then on
    assert page.status_code == 200 and "csrf" in page.text.lower()


def test_paths_are_absolute_and_a_moved_corpus_is_found(small_run, out, tmp_path):
    documents = pd.read_parquet(out / "documents.parquet")
    (path,) = documents["path"]
    assert Path(path).is_absolute() and Path(path).is_file()
    doc_id = documents["doc_id"].item()
    moved = tmp_path / "elsewhere"
    shutil.copytree(small_run[1], moved)
    documents["path"] = documents["paths"] = "/nowhere/small.pdf"
    documents.to_parquet(out / "documents.parquet")
    assert OutputFolder(out).pdf_path(doc_id) is None
    assert OutputFolder(out, corpus=moved).pdf_path(doc_id) == moved / "small.pdf"
