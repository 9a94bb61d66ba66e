"""A fake DeepState server on 127.0.0.1 serving the real maps kept in ../shared/data.

``DeepStateSite`` answers the three endpoints the client uses, in the API's shape:

- ``/api/history/public``: one record per raw map file (id and createdAt from the file's id,
  descriptions from the history json when it has the id);
- ``/api/history/{id}/geojson``: the exact bytes of the raw file;
- ``/api/history/last``: ``{"id", "datetime", "map"}`` with the newest map.

Two ways to serve it:

- ``install(httpserver, site)`` on pytest-httpserver's ``httpserver`` fixture (werkzeug);
- ``FakeDeepStateServer(site, throttle=...)``, a standalone threaded server that can also
  send bodies slowly, cut them short and stall (things werkzeug cannot fake).

Failures are injected on the site with ``site.fail(pattern, Failure...)``: each request whose
path matches the regex consumes the next queued failure. Every request is logged in
``site.requests`` (path and headers).

Pytest fixtures (re-export them from a conftest.py): ``deepstate_site``, ``deepstate_server``,
``deepstate_httpserver``.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from fltest import data

_MAP_PATH = re.compile(r"^/api/history/(\d+)/geojson$")


@lru_cache(maxsize=1)
def _history() -> dict[int, dict]:
    if not data.HISTORY_FILE.is_file():
        return {}
    records = json.loads(data.HISTORY_FILE.read_text(encoding="utf-8"))
    return {r["id"]: r for r in records}


@lru_cache(maxsize=128)
def _file_bytes(path: Path) -> bytes:
    return path.read_bytes()


def iso_utc(snapshot_id: int) -> str:
    """createdAt as DeepState writes it: ``2025-03-04T00:15:45.000Z``."""
    moment = datetime.fromtimestamp(snapshot_id, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _display_time(snapshot_id: int) -> str:
    # Only shown, never parsed by the client; a fixed +2 h is close enough.
    moment = datetime.fromtimestamp(snapshot_id, tz=timezone.utc) + timedelta(hours=2)
    return moment.strftime("%d.%m o %H:%M")


def last_head(snapshot_id: int) -> dict:
    """The keys before the map in DeepState's ``/api/history/last`` answer."""
    return {"id": snapshot_id, "datetime": _display_time(snapshot_id)}


def last_answer(fc: dict, **head: object) -> dict:
    """A ``/api/history/last`` answer round the map ``fc``: ``head`` (``last_head``'s keys, or
    others to spoil it), then the map."""
    return {**head, "map": fc}


@dataclass
class Failure:
    """How to spoil one answer. Defaults: the real answer, unspoilt."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None  # replaces the real body
    delay: float = 0.0  # seconds to wait before answering
    truncate: int | None = None  # send this many body bytes, announce the full length, close
    no_length: bool = False  # no Content-Length: the body ends when the connection closes

    @classmethod
    def error(cls, status: int, retry_after: str | None = None) -> Failure:
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        return cls(status=status, headers=headers, body=b'{"error": "spoilt"}')

    @classmethod
    def truncated(cls, keep: int) -> Failure:
        return cls(truncate=keep)

    @classmethod
    def stall(cls, seconds: float) -> Failure:
        return cls(delay=seconds)

    @classmethod
    def replace(cls, body: bytes, *, no_length: bool = False) -> Failure:
        return cls(body=body, no_length=no_length)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    failure: Failure | None = None


class DeepStateSite:
    """The content of a fake DeepState: real raw maps (or a chosen subset) plus extra bodies."""

    def __init__(self, raw_paths: Iterable[Path] | None = None) -> None:
        paths = list(raw_paths) if raw_paths is not None else data.raw_maps()
        self.maps: dict[int, Path | bytes] = {data.map_id(p): p for p in paths}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._failures: list[tuple[re.Pattern, Failure]] = []
        self._lock = threading.Lock()

    # -- content -----------------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return sorted(self.maps)

    def add_map(self, snapshot_id: int, body: bytes) -> None:
        """Serve ``body`` as the map ``snapshot_id`` (e.g. a constructed map)."""
        self.maps[snapshot_id] = body

    def map_body(self, snapshot_id: int) -> bytes:
        source = self.maps[snapshot_id]
        return source if isinstance(source, bytes) else _file_bytes(source)

    def record(self, snapshot_id: int) -> dict:
        known = _history().get(snapshot_id, {})
        created = iso_utc(snapshot_id)
        return {
            "id": snapshot_id,
            "description": known.get("description", ""),
            "descriptionEn": known.get("descriptionEn", ""),
            "updatedAt": known.get("updatedAt", created),
            "datetime": known.get("datetime", _display_time(snapshot_id)),
            "status": True,
            "createdAt": created,
        }

    def public_body(self) -> bytes:
        records = [self.record(i) for i in self.ids]
        return json.dumps(records, ensure_ascii=False).encode("utf-8")

    def last_body(self) -> bytes:
        newest = self.ids[-1]
        prefix = json.dumps(last_head(newest), ensure_ascii=False)[:-1].encode("utf-8")
        return prefix + b', "map": ' + self.map_body(newest) + b"}"

    # -- failures and log --------------------------------------------------------------------

    def fail(self, pattern: str, *failures: Failure) -> None:
        """Spoil the next answers to paths matching ``pattern`` (a regex), one per request."""
        compiled = re.compile(pattern)
        with self._lock:
            self._failures.extend((compiled, f) for f in failures)

    def _take_failure(self, path: str) -> Failure | None:
        with self._lock:
            for index, (pattern, failure) in enumerate(self._failures):
                if pattern.search(path):
                    del self._failures[index]
                    return failure
        return None

    def paths_requested(self) -> list[str]:
        with self._lock:
            return [path for path, _ in self.requests]

    # -- answering ---------------------------------------------------------------------------

    def _real(self, path: str) -> tuple[int, bytes]:
        if path == "/api/history/public":
            return 200, self.public_body()
        if path == "/api/history/last":
            return 200, self.last_body()
        match = _MAP_PATH.match(path)
        if match and int(match.group(1)) in self.maps:
            return 200, self.map_body(int(match.group(1)))
        return 404, b'{"message": "Not Found"}'

    def answer(self, path: str, headers: dict[str, str]) -> Answer:
        path = urlsplit(path).path  # also the absolute form a proxy receives
        with self._lock:
            self.requests.append((path, dict(headers)))
        status, body = self._real(path)
        failure = self._take_failure(path)
        out_headers = {"Content-Type": "application/json; charset=utf-8"}
        if failure is not None:
            status = failure.status if failure.status != 200 else status
            body = failure.body if failure.body is not None else body
            out_headers.update(failure.headers)
        return Answer(status, out_headers, body, failure)


# ---------------------------------------------------------------------------------------------
# pytest-httpserver


def install(httpserver, site: DeepStateSite) -> str:
    """Serve ``site`` on pytest-httpserver's server; returns the base URL to give the client.

    Supports status, header, body and delay failures (not truncation or throttling).
    """
    from werkzeug import Response

    def handle(request) -> Response:
        answer = site.answer(request.path, dict(request.headers))
        if answer.failure is not None and answer.failure.delay:
            time.sleep(answer.failure.delay)
        return Response(answer.body, status=answer.status, headers=answer.headers)

    httpserver.expect_request(re.compile(r"^/api/"), method="GET").respond_with_handler(handle)
    return httpserver.url_for("/").rstrip("/")


# ---------------------------------------------------------------------------------------------
# Standalone threaded server


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: the body ends at close

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet

    def do_GET(self) -> None:
        # The client may give up (cap reached, cancelled, timed out) while we write.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, socket.timeout):
            self._serve()

    def _serve(self) -> None:
        owner = self.server.owner
        answer = owner.site.answer(self.path, dict(self.headers))
        failure = answer.failure or Failure()
        if failure.delay and owner.stopping.wait(failure.delay):
            return
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if not failure.no_length:
            self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        body = answer.body if failure.truncate is None else answer.body[: failure.truncate]
        owner.send(self.wfile, body)
        self.wfile.flush()
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: FakeDeepStateServer


class FakeDeepStateServer:
    """A threaded HTTP server on 127.0.0.1 (a free port) serving a DeepStateSite."""

    def __init__(self, site: DeepStateSite | None = None, *, throttle: float | None = None):
        self.site = site if site is not None else DeepStateSite()
        self.throttle = throttle  # bytes per second for bodies; None = as fast as possible
        self.stopping = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def send(self, stream, body: bytes) -> None:
        if not self.throttle:
            stream.write(body)
            return
        step = max(256, int(self.throttle / 20))
        for start in range(0, len(body), step):
            if self.stopping.is_set():
                return
            stream.write(body[start : start + step])
            stream.flush()
            self.stopping.wait(step / self.throttle)

    def start(self) -> FakeDeepStateServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeDeepStateServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def refused_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture
def deepstate_site() -> DeepStateSite:
    """All real raw maps, with a fresh failure queue and request log."""
    return DeepStateSite()


@pytest.fixture
def deepstate_server(deepstate_site: DeepStateSite) -> Iterator[FakeDeepStateServer]:
    with FakeDeepStateServer(deepstate_site) as server:
        yield server


@pytest.fixture
def deepstate_httpserver(httpserver, deepstate_site: DeepStateSite) -> Iterator[str]:
    """pytest-httpserver serving the real maps; yields the base URL."""
    yield install(httpserver, deepstate_site)
    httpserver.clear()
