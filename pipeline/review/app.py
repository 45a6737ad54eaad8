"""The curator web app: list and filter claims, show each on its PDF page, accept / reject / edit them.

Server-rendered HTML (Jinja2, autoescaped: every text from a PDF is untrusted) plus a little vanilla JS.
Writes are JSON POSTs carrying a per-server CSRF token, accepted only from the app's own origin; the Host header
must name the interface the app is bound to (which stops DNS-rebinding pages from talking to it).
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline.outputs.curation import RELATIONS, DecisionError, DecisionsUnreadable, decisions_table, rewrite_claims
from pipeline.review.data import PAGE_SIZE, Filters, OutputFolder, choices, filter_claims, row_dict
from pipeline.review.pages import LruCache, PageImage, render_page

HERE = Path(__file__).resolve().parent
logger = logging.getLogger(__name__)
ACTIONS = {"accept": "accepted", "reject": "rejected", "edit": "edited", "reset": "pending"}
MAX_BODY = 64 * 1024
PAGE_CACHE_BYTES = 64 * 1024 * 1024  # rendered page images kept for the next look
LIMITS = {"reviewer": 100, "comment": 4000, "subject": 1000, "relation": 40, "object": 2000}
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
ALL_INTERFACES = ("0.0.0.0", "::", "")
SECURITY_HEADERS = {
    # No inline script runs, whatever a page might contain: a second wall behind the escaping.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def create_app(
    out_dir: Path,
    host: str = "127.0.0.1",
    allowed_hosts: list[str] | None = None,
    corpus: Path | None = None,
    access_key: str | None = None,
) -> Starlette:
    """The review app over one output folder. `allowed_hosts` defaults to the bound interface (plus localhost);
    `corpus` is where to look for PDFs moved since the run (found by file name and content); with `access_key`,
    every request must carry it (see AccessKey), so reaching the port is not enough to read pages or the CSRF
    token."""
    out = OutputFolder(Path(out_dir), corpus=corpus)
    pages = LruCache(size=48, max_bytes=PAGE_CACHE_BYTES, weigh=lambda image: len(image.png) if image else 0)
    csrf_token = secrets.token_urlsafe(32)
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True, default_for_string=True)
    )
    if allowed_hosts is None:
        allowed_hosts = default_allowed_hosts(host)

    def html(name: str, status_code: int = 200, **context) -> HTMLResponse:
        context.update(csrf_token=csrf_token, orphan_count=len(out.orphaned_decisions()))
        return HTMLResponse(templates.get_template(name).render(**context), status_code=status_code)

    def page_image(claim: dict, index: int) -> PageImage | None:
        """The evidence's page with the evidence highlighted, or None when there is nothing to show."""
        evidences = out.evidences(claim)
        if not 0 <= index < len(evidences):
            return None
        evidence, doc_id = evidences[index], claim["doc_id"]
        pdf = out.pdf_path(doc_id)
        if pdf is None:
            return None
        cell = out.cell_box(doc_id, evidence) if evidence.source == "table" else None
        page = cell[0] if cell else evidence.page
        if page is None:
            return None
        # A rerun may place the same claim's evidence differently (better tables, sentences): key on those files.
        key = (
            str(pdf),
            pdf.stat().st_mtime_ns,
            out.version("tables"),
            out.version("sentences"),
            claim["claim_id"],
            index,
        )
        area = None if cell else out.sentence_area(doc_id, evidence)
        try:
            if cell:
                return pages.get(key, lambda: render_page(pdf, int(page), boxes=[cell[1]]))
            return pages.get(key, lambda: render_page(pdf, int(page), sentence=evidence.text, area=area))
        except Exception:  # a damaged PDF or a wrong page number must not take the review down
            logger.warning("cannot render page %s of %s", page, pdf, exc_info=True)
            return None

    def index(request: Request) -> Response:
        params = request.query_params
        filters = Filters(**{k: params.get(k, "").strip()[:200] for k in Filters.__dataclass_fields__})
        claims = out.claims()
        shown = filter_claims(claims, filters)
        ids = shown["claim_id"].tolist() if len(shown) else []
        selected_id = params.get("claim") or (ids[0] if ids else None)
        selected = None
        if selected_id is not None and len(claims):
            found = claims[claims["claim_id"] == selected_id]
            selected = row_dict(found.iloc[0]) if len(found) else None
        position = ids.index(selected_id) if selected_id in ids else -1
        offset = _int(params.get("offset"), default=(max(position, 0) // PAGE_SIZE) * PAGE_SIZE)
        query = filters.as_query()

        def claim_url(claim_id: str | None) -> str | None:
            return f"/?{urlencode({**query, 'claim': claim_id})}" if claim_id else None

        detail = None
        if selected:
            evidence_index = _int(params.get("evidence"), 0)
            evidences = out.evidences(selected)
            image = page_image(selected, evidence_index) if evidences else None
            following = ids[position + 1] if 0 <= position < len(ids) - 1 else None
            detail = {
                "claim": selected,
                "evidences": evidences,
                "evidence_index": evidence_index,
                "image": image,
                "highlight_top": (min(b[1] for b in image.boxes) / image.height) if image and image.boxes else None,
                "history": out.store.history(selected["claim_id"]),
                "next_url": claim_url(following),
                "prev_url": claim_url(ids[position - 1] if position > 0 else None),
                "evidence_url": lambda i: f"/?{urlencode({**query, 'claim': selected['claim_id'], 'evidence': i})}",
            }
        reviewed = int((claims["review_status"] != "pending").sum()) if len(claims) else 0
        return html(
            "index.html",
            filters=filters,
            claims=[row_dict(row) for _, row in shown.iloc[offset : offset + PAGE_SIZE].iterrows()],
            n_shown=len(shown),
            offset=offset,
            page_size=PAGE_SIZE,
            page_url=lambda o: f"/?{urlencode({**query, 'offset': o})}",
            claim_url=claim_url,
            selected_id=selected_id,
            detail=detail,
            progress={"reviewed": reviewed, "total": len(claims)},
            titles=out.document_titles(),
            relations=sorted(set(RELATIONS) | set(choices(claims, "relation"))),
            aspects=choices(claims, "aspect"),
            statuses=["pending", "accepted", "rejected", "edited"],
        )

    def evidence_png(request: Request) -> Response:
        claim = out.claim(request.path_params["claim_id"])
        image = page_image(claim, request.path_params["index"]) if claim else None
        if image is None:
            return Response("no page image for this evidence", status_code=404, media_type="text/plain")
        return Response(image.png, media_type="image/png")

    async def decide(request: Request) -> Response:
        problem = _forbidden(request, csrf_token)
        if problem:
            return JSONResponse({"error": problem}, status_code=403)
        body = await read_body(request, MAX_BODY)
        if body is None:
            return JSONResponse({"error": "request too large"}, status_code=413)
        try:
            data = json.loads(body)
            assert isinstance(data, dict)
        except (ValueError, AssertionError):
            return JSONResponse({"error": "expected a JSON object"}, status_code=400)
        return await run_in_threadpool(record_decision, request.path_params["claim_id"], data)

    retry_waiting = threading.Lock()

    def rewrite_when_free() -> None:
        try:
            rewrite_claims(out.out_dir, timeout=-1)
        finally:
            retry_waiting.release()

    def record_decision(claim_id: str, data: dict) -> Response:
        claim = out.claim(claim_id)
        if claim is None:
            return JSONResponse({"error": "no such claim"}, status_code=404)
        if data.get("action") not in ACTIONS:
            return JSONResponse({"error": f"action must be one of {', '.join(ACTIONS)}"}, status_code=400)
        fields = {}
        for name, limit in LIMITS.items():
            value = data.get(name)
            if value is not None and (not isinstance(value, str) or len(value) > limit):
                return JSONResponse({"error": f"{name} must be text of at most {limit} characters"}, status_code=400)
            fields[name] = value
        try:
            decision = out.store.record(
                claim,
                ACTIONS[data["action"]],
                reviewer=fields["reviewer"] or "",
                comment=fields["comment"] or "",
                subject=fields["subject"],
                relation=fields["relation"],
                object=fields["object"],
            )
        except DecisionError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        updated = rewrite_claims(out.out_dir, timeout=5)
        if not updated and retry_waiting.acquire(blocking=False):
            # A pipeline run holds the folder; the decision is safe in SQLite, the datasets follow when it ends.
            # One waiting retry is enough: it reads every decision once it gets the lock.
            threading.Thread(target=rewrite_when_free, daemon=True).start()
        return JSONResponse({"decision": decision.__dict__, "datasets_updated": updated})

    def export(request: Request) -> Response:
        history = request.query_params.get("history") == "1"
        frame = decisions_table(out.out_dir, include_history=history)
        name = "decision_history.csv" if history else "decisions.csv"
        return Response(
            frame.to_csv(index=False),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    def orphans(request: Request) -> Response:
        return html("orphans.html", orphans=out.orphaned_decisions(), titles=out.document_titles())

    def unreadable_decisions(request: Request, error: Exception) -> Response:
        """A damaged decisions.sqlite: one clear page (or JSON answer) naming the file, not a 500 on every page."""
        if request.method == "POST":
            return JSONResponse({"error": str(error)}, status_code=503)
        return HTMLResponse(
            templates.from_string(
                "<!doctype html><title>ReviewMiner: decisions unreadable</title>"
                "<h1>The curator decisions cannot be read</h1><p>{{ message }}</p>"
            ).render(message=str(error)),
            status_code=503,
        )

    app = Starlette(
        exception_handlers={DecisionsUnreadable: unreadable_decisions},
        routes=[
            Route("/", index),
            Route("/claims/{claim_id}/evidence/{index:int}.png", evidence_png),
            Route("/claims/{claim_id}/decision", decide, methods=["POST"]),
            Route("/decisions.csv", export),
            Route("/orphans", orphans),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(HostCheck, allowed_hosts=allowed_hosts, any_address=host in ALL_INTERFACES),
            *([Middleware(AccessKey, key=access_key)] if access_key else []),
        ],
    )

    return app


async def read_body(request: Request, limit: int) -> bytes | None:
    """The request's body, or None as soon as it is known to exceed `limit` bytes (never read whole)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


class AccessKey:
    """ASGI middleware for an app reachable from other machines: a request must carry the key printed at start,
    in the `key` query parameter (the printed link: answered by a cookie and a redirect to the same page without
    it) or in that cookie. Without it, nothing is served, the page carrying the CSRF token included."""

    COOKIE = "reviewminer_key"

    def __init__(self, app, key: str):
        self.app = app
        self.key = key

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        given = request.query_params.get("key")
        if given is not None and hmac.compare_digest(given, self.key):
            rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "key"])
            response = Response(status_code=303, headers={"Location": request.url.path + (f"?{rest}" if rest else "")})
            response.set_cookie(self.COOKIE, self.key, httponly=True, samesite="strict")
            return await response(scope, receive, send)
        if hmac.compare_digest(request.cookies.get(self.COOKIE, ""), self.key):
            return await self.app(scope, receive, send)
        response = Response(
            "This review app needs its access key: open the link `reviewminer review` printed when it started.",
            status_code=401,
            media_type="text/plain",
        )
        return await response(scope, receive, send)


class HostCheck:
    """ASGI middleware: the Host header must be one of `allowed_hosts` (DNS rebinding needs a name it controls);
    when bound to every interface, any IP address literal is accepted as well (it cannot be rebound)."""

    def __init__(self, app, allowed_hosts: list[str], any_address: bool = False):
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts}
        self.any_address = any_address

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or [])
            host = _host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed and not (self.any_address and _is_address(host)):
                response = Response("Invalid host header", status_code=400, media_type="text/plain")
                return await response(scope, receive, send)
        return await self.app(scope, receive, send)


def _host_name(host: str) -> str:
    """The Host header without its port: example.org:8765 -> example.org, [::1]:8765 -> [::1]."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_address(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [
                    (k.lower().encode(), v.encode())
                    for k, v in SECURITY_HEADERS.items()
                    if k.lower().encode() not in present
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def socket_name() -> str:
    """The name other machines reach this one by (the app bound to every interface)."""
    import socket

    return socket.getfqdn() or "127.0.0.1"


def default_allowed_hosts(host: str) -> list[str]:
    """Names the Host header may carry: the bound interface and localhost, or this machine's names and addresses
    when bound to every interface; REVIEWMINER_REVIEW_HOSTS (comma-separated) adds more (a proxy's name, say).

    A fixed list, never "*": with any Host accepted, a DNS-rebinding page could read the CSRF token.
    """
    import os
    import socket

    names = {*LOCAL_HOSTS, host}
    if host in ALL_INTERFACES:
        names |= {socket.gethostname(), socket.getfqdn()}
        try:
            names |= set(socket.gethostbyname_ex(socket.gethostname())[2])
        except OSError:
            pass
    names |= {h.strip() for h in os.environ.get("REVIEWMINER_REVIEW_HOSTS", "").split(",") if h.strip()}
    return sorted(n for n in names if n)


def _int(value: str | None, default: int = 0) -> int:
    try:
        return max(int(value), 0) if value is not None else default
    except ValueError:
        return default


def _forbidden(request: Request, csrf_token: str) -> str | None:
    """Why a write request must be refused (cross-site, no token, not JSON), or None."""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or urlsplit(origin).netloc != host:
        return "cross-site request refused: the Origin does not match this app"
    if not hmac.compare_digest(request.headers.get("x-csrf-token", ""), csrf_token):
        return "missing or wrong CSRF token: reload the page"
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return "expected application/json"
    return None


def serve_review(out_dir: Path, host: str = "127.0.0.1", port: int = 8765, corpus: Path | None = None) -> None:
    """Serve the review app over `out_dir` until interrupted."""
    import sys

    import uvicorn

    # Off loopback, an access key keeps out whoever can merely reach the port (as Jupyter's token does).
    local = host in ("127.0.0.1", "localhost", "::1")
    access_key = None if local else secrets.token_urlsafe(24)
    app = create_app(Path(out_dir), host=host, corpus=corpus, access_key=access_key)
    if not local:
        print(
            f"warning: the review app listens on {host or 'every interface'}: whoever has the link below can read"
            " the claims and the PDFs' pages and record decisions (there are no accounts); bind 127.0.0.1 and"
            " use an SSH tunnel where you can",
            file=sys.stderr,
        )
    shown = socket_name() if host in ALL_INTERFACES else host
    key = f"?key={access_key}" if access_key else ""
    print(f"ReviewMiner review app: http://{shown}:{port}/{key}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
