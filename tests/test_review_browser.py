"""The review app in a real browser (Debian's chromium driven by Playwright).

Accept one claim by keyboard, edit another, reload, rerun the pipeline: both decisions are still there. Text from
a PDF holding <script> and <img onerror> tags shows as text and never runs.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from browser import chromium, require_browser
from review_fixtures import prepare_review_run, running_app

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

try:
    require_browser()
except pytest.skip.Exception as skipped:
    pytest.skip(str(skipped), allow_module_level=True)


@contextmanager
def browser_page():
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        yield page, errors


@pytest.fixture(scope="module")
def prepared(seed_run, tmp_path_factory):
    """The seed run copied, plus the hostile PDF run through the real flow: (out, corpus)."""
    return prepare_review_run(seed_run, tmp_path_factory.mktemp("review-browser"))


def pick(claims: pd.DataFrame, subject_contains: str, relation: str) -> str:
    """A claim of the seed review (not of the generated PDF)."""
    found = claims[
        claims["subject"].str.contains(subject_contains, case=False, na=False)
        & (claims["relation"] == relation)
        & ~claims["evidence"].str.contains("__xss", na=False, regex=False)
    ]
    assert len(found), f"no {relation} claim whose subject contains {subject_contains!r}"
    return found.iloc[0]["claim_id"]


def test_decisions_survive_reload_and_rerun(prepared, tmp_path):
    from playwright.sync_api import expect

    from pipeline.orchestration.flow import run_corpus

    out, corpus = prepared
    claims = pd.read_parquet(out / "claims.parquet")
    accepted = pick(claims, "ultracentrifugation", "advantage")
    edited = pick(claims, "ultracentrifugation", "disadvantage")

    with running_app(out) as url:
        with browser_page() as (page, errors):
            page.goto(f"{url}/?claim={accepted}")
            expect(page.locator("#page-image")).to_be_visible()
            page.keyboard.press("a")  # no reviewer name yet: asked for, and the key is not typed into the field
            expect(page.locator("#reviewer")).to_be_focused()
            assert page.input_value("#reviewer") == ""
            page.fill("#reviewer", "Ann Curator")
            page.press("#reviewer", "Escape")  # leave the input: keys now act on the claim
            with page.expect_navigation():
                page.keyboard.press("a")

            page.goto(f"{url}/?claim={edited}")
            page.fill("#edit-form [name=object]", "very time-consuming (hours)")
            page.fill("#edit-form [name=comment]", "merged two cells")
            with page.expect_navigation():
                page.press("#edit-form [name=object]", "Enter")
            expect(page.locator("#status")).to_have_text("edited")
            expect(page.locator("#curated")).to_contain_text("very time-consuming (hours)")

            page.reload()
            expect(page.locator("#status")).to_have_text("edited")
            expect(page.locator("#progress-text")).to_have_text(f"2 / {len(claims)} reviewed")
            page.goto(f"{url}/?claim={accepted}")
            expect(page.locator("#status")).to_have_text("accepted")
            assert page.input_value("#reviewer") == "Ann Curator"  # remembered by the browser
            page.goto(f"{url}/?claim={edited}")
            page.screenshot(path=str(Path(os.environ.get("REVIEWMINER_SCREENSHOT_DIR", tmp_path)) / "review.png"))
            assert not errors, errors

        on_disk = pd.read_parquet(out / "claims.parquet").set_index("claim_id")
        assert on_disk.loc[accepted, "review_status"] == "accepted"
        assert on_disk.loc[edited, "object_reviewed"] == "very time-consuming (hours)"

        run_corpus(corpus=str(corpus), out=str(out))  # the browser is closed; the app keeps running

        with browser_page() as (page, errors):
            page.goto(f"{url}/?claim={accepted}")
            expect(page.locator("#status")).to_have_text("accepted")
            page.goto(f"{url}/?claim={edited}")
            expect(page.locator("#status")).to_have_text("edited")
            expect(page.locator("#edit-form [name=object]")).to_have_value("very time-consuming (hours)")
            expect(page.locator("#edit-form [name=comment]")).to_have_value("merged two cells")
            expect(page.locator(".history tr")).to_have_count(2)  # header + one change
            assert not errors, errors

    after = pd.read_parquet(out / "claims.parquet").set_index("claim_id")
    assert after.loc[accepted, "review_status"] == "accepted" and after.loc[accepted, "reviewer"] == "Ann Curator"
    assert after.loc[edited, "review_status"] == "edited"
    assert after.loc[edited, "object_reviewed"] == "very time-consuming (hours)"
    assert after.loc[edited, "object"] == claims.set_index("claim_id").loc[edited, "object"]


def test_script_tags_from_a_pdf_show_as_text_and_never_run(prepared):
    out, _ = prepared
    claims = pd.read_parquet(out / "claims.parquet")
    hostile = claims[claims["object"].str.contains("__xss", na=False, regex=False)]["claim_id"].tolist()
    assert hostile, "the generated PDF should give claims whose text holds script tags"

    with running_app(out) as url, browser_page() as (page, errors):
        for claim_id in hostile:
            page.goto(f"{url}/?q=__xss&claim={claim_id}")
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__xss") == "undefined"
            assert page.locator("script").count() == 1  # app.js, nothing injected
            assert page.locator("#detail img").count() == 1  # the page image, no injected <img>
            shown = page.inner_text("#detail .triple")
            assert "<script>window.__xss = 'cell'</script>" in shown or "<img src=x onerror=" in shown
        titles = page.locator("select[name=doc] option").all_inner_texts()
        assert any("<script>window.__xss = 'title'</script>" in t for t in titles)
        assert not errors, errors
