"""DeepState clients for tests: no real waiting, a fixed "now", short timeouts."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from frontline.core.deepstate import DeepStateClient

LATER = datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()  # "now" for date choices


class Sleeps(list):
    """An injected sleep that records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def make_client(base_url: str, cache: Path | None, **options) -> DeepStateClient:
    options.setdefault("sleep", Sleeps())
    options.setdefault("connect_timeout", 2.0)
    options.setdefault("read_timeout", 5.0)
    options.setdefault("clock", lambda: LATER)
    return DeepStateClient(base_url, cache, **options)
