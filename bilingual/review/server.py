"""The review web app (Starlette): the page, its static assets and the JSON API.

Safety, checked on every request before any route runs:

- ``Host`` must be one of the addresses the server was started on (DNS rebinding);
- an ``Origin`` header, when sent, must be that same origin (cross-site requests, CSRF);
- everything but the static assets (code only, no data) needs the per-run token, as
  ``?token=...`` or ``Authorization: Bearer ...``, compared in constant time;
- every response carries a strict Content-Security-Policy (scripts and styles from this
  origin only, no inline code, no other connection), ``nosniff``, no referrer (the token is
  in the page's URL) and no caching.

API errors are JSON ``{"error": message}``: 400 invalid edit, 401 missing/wrong token,
403 foreign Host/Origin, 409 stale version, 413 body over MAX_BODY (checked while it streams
in), 503 the edit could not be logged or saved (not applied; see bilingual.review.store).
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
from collections.abc import Awaitable, Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from bilingual.errors import BilingualError, EditError, InputError, StaleVersionError
from bilingual.export import EXPORT_FORMATS
from bilingual.review.session import ReviewSession

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}
_STATIC = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}
# format -> (media type, download suffix), from the export-format registry
EXPORT_TYPES = {f.name: (f.media_type, f.download_suffix) for f in EXPORT_FORMATS}
# the review page's download links: one per format, one per side of per-language formats
EXPORT_LINKS = [[f.name, side] for f in EXPORT_FORMATS for side in f.sides or ("",)]
MAX_BODY = 64 * 1024


def new_token() -> str:
    """A fresh random token for one run (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def _asset(name: str) -> bytes:
    return resources.files("bilingual.review").joinpath("static", name).read_bytes()


class Guard:
    """ASGI middleware refusing foreign Host/Origin and requests without the token."""

    def __init__(self, app: ASGIApp, token: str, hosts: Iterable[str]) -> None:
        self.app = app
        self.token = token.encode()
        self.hosts = frozenset(h.lower() for h in hosts)
        self.origins = frozenset(f"http://{h}" for h in self.hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        host = request.headers.get("host", "").lower()
        origin = request.headers.get("origin")
        if host not in self.hosts:
            response: Response = _error(403, "foreign Host header refused; open the printed URL.")
        elif origin is not None and origin.lower() not in self.origins:
            response = _error(403, "cross-origin request refused.")
        elif not request.url.path.startswith("/static/") and not self._has_token(request):
            response = _error(401, "missing or wrong token; open the URL the command printed.")
        else:
            await self.app(scope, receive, _with_headers(send))
            return
        await response(scope, receive, _with_headers(send))

    def _has_token(self, request: Request) -> bool:
        given = request.query_params.get("token", "")
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        return bool(given) and hmac.compare_digest(given.encode(), self.token)


def _with_headers(send: Send) -> Send:
    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = [
                (k, v) for k, v in message.get("headers", []) if k.decode() not in SECURITY_HEADERS
            ]
            headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
            message = {**message, "headers": headers}
        await send(message)

    return wrapped  # type: ignore[return-value]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request) -> dict[str, Any]:
    """The JSON object of a request, read no further than MAX_BODY bytes.

    The declared length is refused first, then the stream is counted as it arrives, so a
    client that lies or sends no length cannot make the server hold more than the limit.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared[:20]) > MAX_BODY:
        raise BodyTooLarge(f"request body over {MAX_BODY} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise BodyTooLarge(f"request body over {MAX_BODY} bytes.")
        chunks.append(chunk)
    raw = b"".join(chunks)
    try:
        obj = json.loads(raw or b"{}")
    except (ValueError, RecursionError):
        # JSONDecodeError, bad UTF-8, an integer of more than 4,300 digits, deep nesting.
        raise EditError("the body must be one JSON object.") from None
    if not isinstance(obj, dict):
        raise EditError("the body must be one JSON object.")
    return obj


class BodyTooLarge(EditError):
    """A request body over MAX_BODY (HTTP 413)."""


def _handler(call: Callable[[dict[str, Any]], dict[str, Any]]) -> Callable[..., Awaitable[Any]]:
    async def endpoint(request: Request) -> Response:
        try:
            body = await _body(request)
            return JSONResponse(await run_in_threadpool(call, body))
        except StaleVersionError as e:
            return _error(409, str(e))
        except BodyTooLarge as e:
            return _error(413, str(e))
        except InputError as e:  # the edit could not be logged or saved: not applied
            return _error(503, str(e))
        except BilingualError as e:  # invalid edit, or an aligner error on this stretch
            return _error(400, str(e))

    return endpoint


def create_app(session: ReviewSession, token: str, hosts: Iterable[str]) -> ASGIApp:
    """The review app for ``session``; ``hosts`` are the accepted ``Host`` values (host:port)."""

    async def index(request: Request) -> Response:
        return Response(_asset("index.html"), media_type="text/html; charset=utf-8")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC:
            return _error(404, "no such asset.")
        return Response(_asset(name), media_type=_STATIC[name])

    async def alignment(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(session.alignment_json))

    async def findings(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(session.findings_json))

    async def export_formats(request: Request) -> Response:
        return JSONResponse({"exports": EXPORT_LINKS})

    async def export(request: Request) -> Response:
        fmt = request.query_params.get("format", "")
        if fmt not in EXPORT_TYPES:
            return _error(400, f"unknown format {fmt!r}; use one of {', '.join(EXPORT_TYPES)}.")
        try:
            text, suffix = await run_in_threadpool(
                export_text, session, fmt, request.query_params.get("side", "src")
            )
        except BilingualError as e:
            return _error(400, str(e))
        media, _ = EXPORT_TYPES[fmt]
        stem = Path(session.store.save.name).stem or "alignment"
        filename = "".join(c if c.isalnum() or c in "-_." else "_" for c in f"{stem}.{suffix}")
        return Response(
            text.encode("utf-8"),
            media_type=media,
            headers={"content-disposition": f'attachment; filename="{filename}"'},
        )

    routes = [
        Route("/", index),
        Route("/static/{name}", static),
        Route("/api/alignment", alignment),
        Route("/api/findings", findings),
        Route("/api/export", export),
        Route("/api/formats", export_formats),
        Route("/api/edit", _handler(session.edit), methods=["POST"]),
        Route("/api/undo", _handler(session.undo), methods=["POST"]),
        Route("/api/redo", _handler(session.redo), methods=["POST"]),
        Route("/api/realign", _handler(session.realign), methods=["POST"]),
    ]
    return Guard(Starlette(routes=routes), token, hosts)


def export_text(session: ReviewSession, fmt: str, side: str) -> tuple[str, str]:
    """The current alignment in ``fmt`` and the file suffix (moses: one ``side`` per call)."""
    from bilingual.export import render, write_moses

    alignment = session.current_alignment()
    if fmt == "moses":
        src, tgt = write_moses(alignment)
        if side == "src":
            return src, alignment.src.document.lang
        if side == "tgt":
            return tgt, alignment.tgt.document.lang
        raise EditError("moses export is two files; ask for side=src or side=tgt.")
    return render(alignment, fmt), EXPORT_TYPES[fmt][1]
