"""A real served deployment: Prefect server on 127.0.0.1, `reviewminer serve`, a run triggered through the API."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pandas as pd
import pytest

from pipeline.orchestration.prefect_env import start_local_server

import pdf_factory

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def prefect_server(tmp_path):
    home = tmp_path / "server-home"
    home.mkdir()
    server, api_url = start_local_server(home, port=free_port(), timeout=180)
    yield api_url
    server.terminate()
    server.wait(timeout=30)


def test_served_deployment_runs_on_request_and_writes_datasets(prefect_server, tmp_path):
    api = prefect_server
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf_factory.text_pdf(corpus / "paper.pdf", ["The advantage of ultrafiltration is that it is simple and fast."])
    out = tmp_path / "out"
    env = dict(os.environ, PREFECT_API_URL=api, PREFECT_HOME=str(tmp_path / "serve-home"))
    serve = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "serve", str(corpus), "--out", str(out), "--cron", "0 3 * * *"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        with httpx.Client(base_url=api, timeout=30) as client:

            def deployment():
                found = client.post(
                    "/deployments/filter", json={"deployments": {"name": {"any_": ["reviewminer-scheduled"]}}}
                ).json()
                return found[0] if found else None

            served = wait_for(deployment, 240, "the served deployment to register")
            assert served["schedules"][0]["schedule"]["cron"] == "0 3 * * *"
            assert served["parameters"]["corpus"] == str(corpus)

            def created():
                # A busy 2-core machine can make the server's SQLite answer 5xx for a moment: retry those only.
                response = client.post(f"/deployments/{served['id']}/create_flow_run", json={})
                if response.status_code >= 500:
                    return None
                assert response.status_code in (200, 201), response.text
                return response.json()

            flow_run = wait_for(created, 120, "the server to create the flow run")

            def finished():
                state = client.get(f"/flow_runs/{flow_run['id']}").json()["state"]
                return state if state and state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

            state = wait_for(finished, 400, "the triggered run to finish")
            assert state["type"] == "COMPLETED", state
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)

    documents = pd.read_parquet(out / "documents.parquet")
    assert documents["status"].tolist() == ["ok"]
    claims = pd.read_parquet(out / "claims.parquet")
    assert (claims["relation"] == "advantage").any()
