"""The review app, server side: pages, filters, page images, decisions (CSRF, Origin, Host), escaping, export.

Runs over a private copy of the session's seed run plus a generated PDF whose text holds HTML/script tags.
"""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from review_fixtures import prepare_review_run

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette would rather have httpx2 (a deprecation warning); httpx works
    from starlette.testclient import TestClient

from pipeline.outputs.curation import ORPHANS_NAME, DecisionStore
from pipeline.review import create_app
from pipeline.review.data import SEARCHED_COLUMNS

pytestmark = pytest.mark.e2e

BASE = "http://127.0.0.1:8765"
ORIGIN = {"Origin": BASE}


@pytest.fixture(scope="module")
def prepared(seed_run, tmp_path_factory):
    """The seed run copied, plus the hostile PDF run through the real flow: (out, corpus)."""
    return prepare_review_run(seed_run, tmp_path_factory.mktemp("review-app"))


@pytest.fixture
def out(prepared, tmp_path) -> Path:
    """A fresh copy per test, so decisions made by one test never leak into another."""
    copy = tmp_path / "out"
    shutil.copytree(prepared[0], copy)
    return copy


@pytest.fixture
def client(out) -> TestClient:
    return TestClient(create_app(out), base_url=BASE)


def token(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def claims_of(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "claims.parquet")


def a_claim(out: Path, subject_contains: str, relation: str | None = None) -> dict:
    claims = claims_of(out)
    found = claims[claims["subject"].str.contains(subject_contains, case=False, na=False)]
    if relation:
        found = found[found["relation"] == relation]
    assert len(found), f"no claim whose subject contains {subject_contains!r}"
    return found.iloc[0].to_dict()


def decide(client: TestClient, claim_id: str, body: dict, headers: dict | None = None):
    csrf = token(client.get("/").text)
    headers = {"X-CSRF-Token": csrf, **ORIGIN} if headers is None else headers
    return client.post(f"/claims/{claim_id}/decision", json=body, headers=headers)


def test_index_lists_every_claim_with_progress(client, out):
    page = client.get("/")
    assert page.status_code == 200
    n = len(claims_of(out))
    assert f"0 / {n} reviewed" in page.text
    assert page.text.count('class="claim ') == min(n, 50)
    assert "default-src 'none'" in page.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("params", "column", "expected"),
    [({"relation": "disadvantage"}, "relation", "disadvantage"), ({"status": "pending"}, "review_status", "pending")],
)
def test_filters_by_relation_and_status(client, out, params, column, expected):
    ids = re.findall(r'class="claim [^"]*"\s+data-claim-id="([0-9a-f]+)"', client.get("/", params=params).text)
    claims = claims_of(out).set_index("claim_id")
    assert ids and all(claims.loc[i, column] == expected for i in ids)


def test_filters_by_paper_and_free_text(client, out):
    claims = claims_of(out)
    seed_doc = claims[claims["subject"].str.contains("ultracentrifugation", case=False)].iloc[0]["doc_id"]
    page = client.get("/", params={"doc": seed_doc, "q": "ULTRACENTRIFUGATION"}).text
    ids = re.findall(r'class="claim [^"]*"\s+data-claim-id="([0-9a-f]+)"', page)
    assert ids
    chosen = claims.set_index("claim_id").loc[ids]
    assert (chosen["doc_id"] == seed_doc).all()
    text = chosen[list(SEARCHED_COLUMNS)].fillna("").agg(" ".join, axis=1).str.lower()
    assert text.str.contains("ultracentrifugation").all()


def test_table_claim_shows_its_cell_and_a_page_image(client, out):
    claim = a_claim(out, "ultracentrifugation")
    page = client.get("/", params={"claim": claim["claim_id"]}).text
    assert f'data-claim-id="{claim["claim_id"]}"' in page
    assert f"/claims/{claim['claim_id']}/evidence/0.png" in page
    assert "could not be located" not in page
    image = client.get(f"/claims/{claim['claim_id']}/evidence/0.png")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    assert client.get(f"/claims/{claim['claim_id']}/evidence/99.png").status_code == 404
    assert client.get("/claims/0000000000000000/evidence/0.png").status_code == 404


def test_sentence_claims_show_their_sentence_highlighted(client, out):
    claims = claims_of(out)
    prose = claims[claims["source"] == "text"].drop_duplicates("evidence").head(3)
    assert len(prose), "the seed review should give claims from its prose"
    for claim_id in prose["claim_id"]:
        page = client.get("/", params={"claim": claim_id}).text
        assert f"/claims/{claim_id}/evidence/0.png" in page
        assert "could not be located" not in page, claim_id
        assert re.search(r'data-highlight-top="0\.\d+"', page)  # where the browser scrolls the page image to
        assert client.get(f"/claims/{claim_id}/evidence/0.png").content.startswith(b"\x89PNG")


def test_accept_updates_the_database_and_the_datasets_at_once(client, out):
    claim = a_claim(out, "ultracentrifugation", "advantage")
    response = decide(client, claim["claim_id"], {"action": "accept", "reviewer": "Ann", "comment": "checked"})
    assert response.status_code == 200, response.text
    assert response.json()["datasets_updated"] is True
    for frame in (claims_of(out), pd.read_csv(out / "claims.csv")):
        row = frame[frame["claim_id"] == claim["claim_id"]].iloc[0]
        assert row["review_status"] == "accepted" and row["reviewer"] == "Ann" and row["review_comment"] == "checked"
    assert f"1 / {len(claims_of(out))} reviewed" in client.get("/").text


def test_edit_stores_the_corrected_triple_beside_the_extracted_one(client, out):
    claim = a_claim(out, "ultracentrifugation", "disadvantage")
    body = {"action": "edit", "reviewer": "Bob", "subject": "Differential ultracentrifugation", "relation": "effect"}
    assert decide(client, claim["claim_id"], body).status_code == 200
    row = claims_of(out).set_index("claim_id").loc[claim["claim_id"]]
    assert row["review_status"] == "edited"
    assert row["subject"] == claim["subject"] and row["subject_reviewed"] == "Differential ultracentrifugation"
    assert row["relation_reviewed"] == "effect" and row["object_reviewed"] == claim["object"]
    bad = decide(client, claim["claim_id"], {"action": "edit", "reviewer": "Bob", "relation": "<b>x</b>"})
    assert bad.status_code == 400
    assert DecisionStore(out).get(claim["claim_id"]).relation_reviewed == "effect"


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda csrf: ORIGIN, id="no token"),
        pytest.param(lambda csrf: {"X-CSRF-Token": "forged", **ORIGIN}, id="wrong token"),
        pytest.param(lambda csrf: {"X-CSRF-Token": csrf, "Origin": "http://evil.example"}, id="other origin"),
        pytest.param(lambda csrf: {"X-CSRF-Token": csrf}, id="no origin"),
        pytest.param(lambda csrf: {"X-CSRF-Token": csrf, "Referer": "http://127.0.0.1:9999/"}, id="referer other port"),
    ],
)
def test_cross_site_writes_are_refused(client, out, headers):
    claim = a_claim(out, "ultracentrifugation")
    csrf = token(client.get("/").text)
    response = client.post(
        f"/claims/{claim['claim_id']}/decision", json={"action": "reject", "reviewer": "Eve"}, headers=headers(csrf)
    )
    assert response.status_code == 403
    assert DecisionStore(out).decisions() == {}
    assert (claims_of(out)["review_status"] == "pending").all()


def test_a_form_post_is_refused_even_with_the_token(client, out):
    claim = a_claim(out, "ultracentrifugation")
    csrf = token(client.get("/").text)
    response = client.post(
        f"/claims/{claim['claim_id']}/decision",
        content="action=reject&reviewer=Eve",
        headers={"X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded", **ORIGIN},
    )
    assert response.status_code == 403 and DecisionStore(out).decisions() == {}


@pytest.mark.parametrize("bound", ["127.0.0.1", "0.0.0.0"])
def test_a_foreign_host_header_is_refused(out, bound):
    # A DNS-rebinding page reaches the app under its own name: refused even when bound to every interface.
    rebinding = TestClient(create_app(out, host=bound), base_url="http://attacker.example:8765")
    assert rebinding.get("/").status_code == 400
    assert TestClient(create_app(out, host=bound), base_url="http://localhost:8765").get("/").status_code == 200


def test_request_paths_never_reach_other_files(client, out):
    (out / "secret.txt").write_text("do not serve")
    for path in (
        "/static/../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/..%2fsecret.txt",
        "/claims/..%2f..%2fsecret.txt/evidence/0.png",
        "/secret.txt",
        "/claims.parquet",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"do not serve" not in response.content


def test_text_from_pdfs_is_escaped(client, out):
    claims = claims_of(out)
    hostile = claims[claims["object"].str.contains("<script>|<img", na=False, regex=True)]
    assert len(hostile), "the generated PDF's table should give claims whose object holds HTML"
    pages = [client.get("/").text] + [client.get("/", params={"claim": c}).text for c in hostile["claim_id"]]
    for page in pages:
        assert "<script>window" not in page and "<img src=x" not in page
    joined = "\n".join(pages)
    assert "&lt;script&gt;window.__xss = &#39;cell&#39;&lt;/script&gt;" in joined
    assert "&lt;img src=x onerror=" in joined
    assert "&lt;script&gt;window.__xss = &#39;title&#39;" in joined  # the paper's title, in the filter


def test_decisions_export_as_csv(client, out):
    claim = a_claim(out, "ultracentrifugation")
    decide(client, claim["claim_id"], {"action": "reject", "reviewer": "Ann"})
    decide(client, claim["claim_id"], {"action": "accept", "reviewer": "Bob"})
    export = client.get("/decisions.csv")
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    lines = export.text.strip().splitlines()
    assert len(lines) == 2 and claim["claim_id"] in lines[1] and ",accepted,Bob," in lines[1]
    history = client.get("/decisions.csv", params={"history": "1"}).text.strip().splitlines()
    assert len(history) == 3


def test_orphaned_decisions_are_listed_after_a_rerun(client, out, prepared):
    from pipeline.orchestration.flow import run_corpus

    claim = a_claim(out, "ultracentrifugation")
    vanished = {**claim, "claim_id": "feedfacefeedface", "object": "a claim an older pipeline extracted"}
    DecisionStore(out).record(vanished, "accepted", reviewer="Ann")
    assert decide(client, claim["claim_id"], {"action": "reject", "reviewer": "Ann"}).status_code == 200

    run_corpus(corpus=str(prepared[1]), out=str(out))

    orphans = pd.read_csv(out / ORPHANS_NAME)
    assert orphans["claim_id"].tolist() == ["feedfacefeedface"]
    page = client.get("/orphans").text
    assert "feedfacefeedface" in page and "a claim an older pipeline extracted" in page
    assert "orphaned decisions (1)" in client.get("/").text
    after = claims_of(out).set_index("claim_id")
    assert after.loc[claim["claim_id"], "review_status"] == "rejected"
