"""Fixtures for the core tests: the fake DeepState server (tests/fltest/deepstate_server.py)."""

from fltest.deepstate_server import (  # noqa: F401 - re-exported pytest fixtures
    deepstate_httpserver,
    deepstate_server,
    deepstate_site,
)
