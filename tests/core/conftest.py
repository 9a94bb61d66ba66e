"""Fixtures for the core tests: the fake DeepState server (tests/fltest/deepstate_server.py),
and no proxy from the environment."""

import pytest

from fltest.deepstate_server import (  # noqa: F401 - re-exported pytest fixtures
    deepstate_httpserver,
    deepstate_server,
    deepstate_site,
)


@pytest.fixture(autouse=True)
def _no_proxy_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to the fake server on 127.0.0.1 never go through a proxy set outside."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("ALL_PROXY", raising=False)
