"""Running the review server: bind, print the URL, open the browser, stop cleanly on a signal.

uvicorn serves the Starlette app on a socket bound here, so ``port=0`` picks a free port and
the URL (with its token) is known before the first request. uvicorn handles SIGINT and
SIGTERM by finishing open requests and returning; every accepted edit is already on disk.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import signal
import socket
import threading
import webbrowser
from collections.abc import Callable, Iterator
from typing import Any

from bilingual.errors import ConfigError
from bilingual.review.session import ReviewSession

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def public_name(host: str) -> str:
    """The name to put in the printed URL: this machine's name for 0.0.0.0 / ::."""
    return socket.gethostname() if _is_unspecified(host) else host


def allowed_hosts(host: str, port: int) -> set[str]:
    """The ``Host`` header values a browser sends for this server.

    Listening on every address (0.0.0.0, ::) accepts this machine's name and its addresses.
    """
    names = {host}
    if is_loopback(host) or _is_unspecified(host):
        names |= {"127.0.0.1", "localhost"}
    if _is_unspecified(host):
        name = socket.gethostname()
        names |= {name, socket.getfqdn()}
        with contextlib.suppress(OSError):
            names |= set(socket.gethostbyname_ex(name)[2])
    out: set[str] = set()
    for name in names:
        shown = f"[{name}]" if ":" in name else name
        out.add(f"{shown}:{port}")
    return out


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (0: a free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise ConfigError(
            f"cannot listen on {host}:{port} ({e.strerror}); pick another --port (0: any free one)."
        ) from None
    sock.listen(128)
    return sock


def _quiet_server(uvicorn: Any) -> Any:
    """uvicorn's Server, but a stop signal ends it with exit 0 instead of being re-raised."""

    class Server(uvicorn.Server):  # type: ignore[misc]
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            stops = (signal.SIGINT, signal.SIGTERM)
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in stops}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    return Server


def serve(
    session: ReviewSession,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    open_browser: bool = True,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve ``session`` until SIGINT/SIGTERM; ``announce`` gets the URL first."""
    import uvicorn

    from bilingual.review.server import create_app, new_token

    sock = bind(host, port)
    real_port = sock.getsockname()[1]
    token = new_token()
    name = public_name(host)
    shown = f"[{name}]" if ":" in name else name
    url = f"http://{shown}:{real_port}/?token={token}"
    app = create_app(session, token, allowed_hosts(host, real_port))
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = _quiet_server(uvicorn)(config)
    announce(url)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
