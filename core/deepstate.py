"""DeepStateMAP client: the published updates, one map per update, and a disk cache.

The service has no documentation; see ../shared/deepstate-api.md. The client is polite:
descriptive User-Agent, timeouts, a few retries with backoff (honouring Retry-After), a
response size cap and a cache that keeps each map (maps never change once published) and the
update list for ``list_ttl`` seconds. One client per thread: it holds a requests.Session.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import logging
import os
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import requests

from .errors import (
    N_,
    DeepStateCacheError,
    DeepStateCancelledError,
    DeepStateError,
    DeepStateFormatError,
    DeepStateHTTPError,
    DeepStateNetworkError,
    DeepStateNoUpdateError,
    DeepStateOfflineError,
    DeepStateSettingsError,
    DeepStateTimeoutError,
    DeepStateTooLargeError,
    DeepStateTruncatedError,
    Text,
)
from .files import write_atomic
from .kyiv_time import kyiv_date, kyiv_day_end_utc
from .parse import json_kind, load_json, plain_text, validate_map

DEFAULT_BASE_URL = "https://deepstatemap.live"
MAX_RETRY_AFTER = 120.0  # seconds; a server asking for a longer pause gets no retry
MAX_BACKOFF = 60.0
_CHUNK = 16384
_CANCEL_POLL = 0.1  # s between looks at the cancel flag while a request is under way
_MAP_FILE = re.compile(r"^deepstate_(\d+)\.geojson$")
_LIST_FILE = "deepstate_updates.json"
_TMP_PREFIX = ".deepstate_tmp_"

log = logging.getLogger(__name__)

# What a message is about (the ``what`` of "{what}: {problem} ({url})").
UPDATE_LIST = Text(N_("DeepState update list"))
LATEST_MAP = Text(N_("latest DeepState map"))


def map_subject(snapshot_id: int) -> Text:
    return Text(N_("DeepState map {snapshot_id}"), snapshot_id=snapshot_id)


# ---------------------------------------------------------------------------------------------
# Updates


@dataclass(frozen=True)
class Update:
    """One published map update. Descriptions are plain text."""

    id: int
    created: datetime  # UTC, aware
    description_en: str
    description_uk: str
    links: tuple[tuple[str, str], ...]  # (label, url) of the places the English text links to

    @property
    def kyiv_date(self) -> date:
        return kyiv_date(self.created)


def snapshot_time(snapshot_id: int) -> datetime:
    """The creation time of a map: its id is the Unix time (seconds) of ``createdAt``."""
    return datetime.fromtimestamp(int(snapshot_id), tz=timezone.utc)


MAX_SNAPSHOT_ID = 2**31 - 1  # Unix seconds up to 2038; a larger "id" is no DeepState map


def is_snapshot_id(value: int) -> bool:
    """Whether ``value`` can be a map id (a Unix time from 1970 to 2038)."""
    return 0 < value <= MAX_SNAPSHOT_ID


class _LinkParser(HTMLParser):
    """Collects (text, href) of <a> elements whose href is http(s)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            label = plain_text("".join(self._text), single_line=True)
            url = self._href.strip()
            if url.lower().startswith(("https://", "http://")) and not any(
                c.isspace() or c in "<>\"'" for c in url
            ):
                self.links.append((label or url, url))
            self._href = None


def extract_links(markup: str | None) -> tuple[tuple[str, str], ...]:
    """The (label, url) pairs of the http(s) links in an HTML description."""
    parser = _LinkParser()
    try:
        parser.feed(markup or "")
        parser.close()
    except Exception:  # HTMLParser is lenient; never let a description break the list
        return ()
    return tuple(parser.links)


def _parse_time(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        return (
            value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
        )
    except (ValueError, OverflowError):  # not a time, or one out of datetime's range in UTC
        return None


def _integer(raw_id: object) -> int | None:
    """An id as DeepState writes it (an integer, or a string of one); None if neither."""
    if isinstance(raw_id, bool) or not isinstance(raw_id, (int, str)):
        return None
    try:
        return int(raw_id)
    except ValueError:
        return None


def update_from_record(record: dict) -> Update | None:
    """An Update from one record of ``/api/history/public``; None if it has no usable id."""
    snapshot_id = _integer(record.get("id"))
    if snapshot_id is None or not is_snapshot_id(snapshot_id):
        return None
    description_en = record.get("descriptionEn")
    description_uk = record.get("description")
    description_en = description_en if isinstance(description_en, str) else ""
    description_uk = description_uk if isinstance(description_uk, str) else ""
    return Update(
        id=snapshot_id,
        created=_parse_time(record.get("createdAt")) or snapshot_time(snapshot_id),
        description_en=plain_text(description_en),
        description_uk=plain_text(description_uk),
        links=extract_links(description_en),
    )


def updates_from_records(records: object, what: str | Text = UPDATE_LIST) -> list[Update]:
    """Published updates (``status`` not false), oldest first, one per id."""
    if not isinstance(records, list):
        raise DeepStateFormatError(
            Text(
                N_("{what}: expected a JSON list, got {kind}"),
                what=what,
                kind=json_kind(records),
            )
        )
    by_id: dict[int, Update] = {}
    for record in records:
        if isinstance(record, dict) and record.get("status", True) is not False:
            update = update_from_record(record)
            if update is not None:
                by_id[update.id] = update
    if records and not by_id:
        raise DeepStateFormatError(Text(N_("{what}: no record has an id"), what=what))
    return sorted(by_id.values(), key=lambda u: (u.created, u.id))


def choose_update(updates: list[Update], day: date) -> Update | None:
    """The last update created before the end of ``day`` in Kyiv time, None if none was."""
    end = kyiv_day_end_utc(day)
    chosen = None
    for update in updates:
        if update.created < end and (chosen is None or update.created >= chosen.created):
            chosen = update
    return chosen


# ---------------------------------------------------------------------------------------------
# Files


def plugin_metadata() -> dict[str, str]:
    """The plugin's metadata.txt as key/value pairs ({} when it is missing)."""
    metadata = Path(__file__).resolve().parents[1] / "metadata.txt"
    values: dict[str, str] = {}
    try:
        lines = metadata.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return values
    for line in lines:
        key, sep, value = line.partition("=")
        if sep and key.strip() and value.strip():
            values.setdefault(key.strip(), value.strip())
    return values


def default_user_agent() -> str:
    """``Frontline-QGIS-plugin/<version> (+<homepage>)``; version "dev" without metadata."""
    metadata = plugin_metadata()
    version = metadata.get("version", "dev")
    homepage = metadata.get("homepage") or metadata.get("repository")
    contact = f"+{homepage}; " if homepage else ""
    return f"Frontline-QGIS-plugin/{version} ({contact}python-requests/{requests.__version__})"


def map_file_name(snapshot_id: int) -> str:
    """A map's file name in the cache, which tells its id (and so its time)."""
    return f"deepstate_{int(snapshot_id)}.geojson"


def map_bytes(data: dict) -> bytes:
    """A map as compact UTF-8 GeoJSON, as it is kept on disk."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def body_snapshot_id(body: dict, what: str | Text) -> int | None:
    """The map id a ``/last`` body carries, None when it has no ``id``. DeepStateFormatError
    when it is no map id. The body's ``datetime`` is a display string: the time is the id's."""
    raw_id = body.get("id")
    if raw_id is None:
        return None
    snapshot_id = _integer(raw_id)
    if snapshot_id is None and isinstance(raw_id, str):
        raise DeepStateFormatError(
            Text(N_("{what}: the id {id} is not a number"), what=what, id=repr(raw_id))
        )
    if snapshot_id is None or not is_snapshot_id(snapshot_id):  # before it names a cache file
        shown = repr(raw_id) if snapshot_id is None else snapshot_id
        raise DeepStateFormatError(
            Text(N_("{what}: the id {id} is no map id"), what=what, id=shown)
        )
    return snapshot_id


def read_map_file(path: str | os.PathLike) -> dict:
    """A raw map kept on disk (a ``/geojson`` or ``/last`` body), checked to be a map."""
    return _read_map_body(path)[0]


def read_map_file_with_id(path: str | os.PathLike) -> tuple[int | None, dict]:
    """A raw map kept on disk and the id its body carries: a ``/last`` body's own id, None for
    a bare ``/geojson`` body (whose id only its file name can tell)."""
    data, body, what = _read_map_body(path)
    return (body_snapshot_id(body, what) if body is not None else None), data


def _read_map_body(path: str | os.PathLike) -> tuple[dict, dict | None, Text]:
    """The map a file holds, checked, the ``/last`` body round it (None for a bare
    ``/geojson`` body) and how messages name the file."""
    path = Path(path)
    what = Text(N_("DeepState map file {name}"), name=path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DeepStateError(
            Text(N_("{what}: cannot be read ({reason})"), what=what, reason=reason)
        ) from None
    obj = load_json(data, what)
    if isinstance(obj, dict) and isinstance(obj.get("map"), dict):  # saved from /last
        return validate_map(obj["map"], what), obj, what
    return validate_map(obj, what), None, what


# ---------------------------------------------------------------------------------------------
# HTTP


class _RetryableError(Exception):
    """A failure worth another attempt; ``error`` is raised when attempts run out."""

    def __init__(self, error: DeepStateError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now)


_REFUSED = Text(N_("connection refused"))
_NOT_RESOLVED = Text(N_("host name not resolved"))
_RESET = Text(N_("connection reset"))


def _network_reason(exc: BaseException) -> Text:
    """A short reason for a connection failure, from the innermost cause we recognise."""
    seen = set()
    stack = [exc]
    while stack:
        err = stack.pop()
        if id(err) in seen:
            continue
        seen.add(id(err))
        if isinstance(err, ConnectionRefusedError):
            return _REFUSED
        if isinstance(err, socket.gaierror):
            return _NOT_RESOLVED
        if isinstance(err, ConnectionResetError):
            return _RESET
        stack.extend(e for e in (err.__cause__, err.__context__) if e is not None)
        stack.extend(a for a in getattr(err, "args", ()) if isinstance(a, BaseException))
        reason = getattr(err, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)
    text = str(exc).lower()
    for needle, reason in (
        ("refused", _REFUSED),
        ("name or service not known", _NOT_RESOLVED),
        ("getaddrinfo", _NOT_RESOLVED),
        ("reset", _RESET),
    ):
        if needle in text:
            return reason
    return Text(N_("connection failed"))


# Notes about the cache (the others tell of retries and waits): a dock shows these.
_NO_CACHE = N_("{problem}; maps are not cached")
_NOT_CACHED = N_("{file} was not cached: {reason}")
CACHE_NOTES = (_NO_CACHE, _NOT_CACHED)


class DeepStateClient:
    """Reads DeepState's update list and maps, through a disk cache when ``cache_dir`` is set."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        cache_dir: str | os.PathLike | None = None,
        *,
        offline: bool = False,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        max_retries: int = 3,
        backoff: float = 1.0,
        max_bytes: int = 64 * 2**20,
        list_ttl: float = 600.0,
        proxies: dict[str, str] | None = None,
        user_agent: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        is_cancelled: Callable[[], bool] | None = None,
        clock: Callable[[], float] = time.time,
        on_note: Callable[[Text], None] | None = None,
        total_timeout: float = 300.0,
    ) -> None:
        if not base_url.lower().startswith(("https://", "http://")):
            raise DeepStateSettingsError(
                Text(
                    N_(
                        "BASE_URL: the DeepState address must start with http:// or https://, "
                        "not {url}"
                    ),
                    url=repr(base_url),
                )
            )
        self.base_url = base_url.rstrip("/")
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.offline = offline
        self.timeout = (float(connect_timeout), float(read_timeout))
        self.max_retries = max(0, int(max_retries))
        self.backoff = float(backoff)
        self.max_bytes = int(max_bytes)
        self.list_ttl = float(list_ttl)
        self.proxies = dict(proxies) if proxies else None
        self.user_agent = user_agent or default_user_agent()
        self._sleep = sleep
        self._is_cancelled = is_cancelled
        self._clock = clock
        self._session = requests.Session()
        self._updates: tuple[float, list[Update]] | None = None
        self._on_note = on_note
        self._listed_offline = False  # offline, a cached update list was read
        self.total_timeout = float(total_timeout)
        if self.offline and self.cache_dir is None:
            raise ValueError("offline mode needs a cache_dir")
        if self.cache_dir is not None:
            try:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a file in the way, no permission: say so on one line
                problem = Text(
                    N_(
                        "DeepState cache folder {folder} cannot be made: {reason} "
                        "(setting frontline/cache_dir)"
                    ),
                    folder=self.cache_dir,
                    reason=exc.strerror or str(exc),
                )
                if self.offline:  # the cache is all there is to read
                    raise DeepStateCacheError(problem) from None
                self.note(Text(_NO_CACHE, problem=problem))
                self.cache_dir = None

    # -- public API --------------------------------------------------------------------------

    def updates(self) -> list[Update]:
        """All published updates, oldest first (cached for ``list_ttl`` seconds)."""
        now = self._clock()
        if self._updates is not None and (self.offline or self._fresh(self._updates[0], now)):
            return list(self._updates[1])
        cached = self._read_cached_list()
        if self.offline:
            return self._offline_updates(cached)
        if cached is not None and self._fresh(cached[0], now):
            self._updates = cached
            return list(cached[1])
        _, records = self._fetch_json("/api/history/public", UPDATE_LIST)
        updates = updates_from_records(records, UPDATE_LIST)
        self._updates = (now, updates)
        self._write_cache(
            _LIST_FILE,
            json.dumps({"fetched": now, "records": records}, ensure_ascii=False).encode("utf-8"),
        )
        return list(updates)

    @property
    def lists_all_published(self) -> bool:
        """Whether ``updates()`` gave every map published by then: online, or offline with
        the update list cached (without it, only the cached maps are known)."""
        return not self.offline or self._listed_offline

    def _fresh(self, fetched: float, now: float) -> bool:
        return 0.0 <= now - fetched < self.list_ttl

    def update_for_date(self, day: date) -> Update:
        """The map of a Kyiv calendar day: the last update created before that day ended."""
        # A future day is refused before any download (a server that is down must not hide
        # the real reason).
        today = kyiv_date(datetime.fromtimestamp(self._clock(), tz=timezone.utc))
        if day > today:
            raise DeepStateNoUpdateError(
                Text(
                    N_("no DeepState map for {day}: that day is in the future (Kyiv time)"),
                    day=day.isoformat(),
                )
            )
        updates = self.updates()
        chosen = choose_update(updates, day)
        if chosen is None:
            self.check_cached_by(day)
            raise DeepStateNoUpdateError(_none_before(day, updates))
        self.note_stale_list(day)
        return chosen

    def check_cached_by(self, day: date, *, series: bool = False) -> None:
        """Offline with no update list cached, the cached maps are all the client knows: when
        none was made on or before ``day`` (for a series, the last of its dates), say that the
        cache lacks one, not that none was published."""
        if not self.offline:
            return
        updates = self.updates()  # reads the cached list, if any
        if self._listed_offline or choose_update(updates, day) is not None:
            return
        template = (
            N_(
                "offline: no map made on or before {day}, the last of the chosen dates, is in "
                "the cache (the oldest cached is from {first}; no update list is cached)"
            )
            if series
            else N_(
                "offline: no map made on or before {day} is in the cache (the oldest cached is "
                "from {first}; no update list is cached)"
            )
        )
        raise DeepStateOfflineError(
            Text(template, day=day.isoformat(), first=updates[0].kyiv_date.isoformat())
        )

    def note_stale_list(self, day: date, *, series: bool = False) -> None:
        """Offline, say so when the cached list may end before ``day`` did: a later map of
        the day may exist, and the one chosen may be days older than the day asked for (a
        series: maps up to that day may be missing). Call after ``updates()``."""
        if not self.offline:
            return
        end = kyiv_day_end_utc(day).timestamp()
        fetched = self._updates[0] if self._listed_offline and self._updates else None
        if fetched is not None and fetched >= end:
            return
        when = _utc_minute(fetched) if fetched is not None else None
        if series:
            text = _stale_series_note(day, when)
        elif when is None:
            text = Text(
                N_(
                    "offline, with no update list in the cache: the map for {day} is the "
                    "newest cached map made before that day ended; a later one may exist"
                ),
                day=day.isoformat(),
            )
        else:
            text = Text(
                N_(
                    "offline, with the update list cached at {when}: a later map for {day} "
                    "may exist"
                ),
                when=when,
                day=day.isoformat(),
            )
        self.note(text)

    def map_data(self, snapshot_id: int) -> dict:
        """The raw FeatureCollection of one update (from the cache when it is there)."""
        snapshot_id = int(snapshot_id)
        what = map_subject(snapshot_id)
        cached = self._read_cached_map(snapshot_id)
        if cached is not None:
            return cached
        if self.offline:
            raise DeepStateOfflineError(
                Text(
                    N_(
                        "{what} ({time:%Y-%m-%d %H:%M} UTC) is not in the cache and the client "
                        "is offline"
                    ),
                    what=what,
                    time=snapshot_time(snapshot_id),
                )
            )
        body, obj = self._fetch_json(f"/api/history/{snapshot_id}/geojson", what)
        data = validate_map(obj, what)
        self._write_cache(map_file_name(snapshot_id), body)
        return data

    def map_for_date(self, day: date) -> tuple[Update, dict]:
        """The update of a Kyiv day and its map; errors name the date as well as the id."""
        update = self.update_for_date(day)
        try:
            return update, self.map_data(update.id)
        except DeepStateError as exc:
            exc.text = Text(N_("map for {day}: {error}"), day=day.isoformat(), error=exc.text)
            raise

    def latest(self) -> tuple[int, dict]:
        """The newest map and its id. Offline: the newest map in the cache."""
        if self.offline:
            # A damaged newest map is discarded on reading: the one before it is the newest.
            for snapshot_id in reversed(self.cached_ids()):
                data = self._read_cached_map(snapshot_id)
                if data is not None:
                    self._note_offline_latest(snapshot_id)
                    return snapshot_id, data
            raise DeepStateOfflineError(
                Text(
                    N_("{what}: no map is in the cache and the client is offline"),
                    what=LATEST_MAP,
                )
            )
        what = LATEST_MAP
        _, obj = self._fetch_json("/api/history/last", what)
        if not isinstance(obj, dict) or not isinstance(obj.get("map"), dict):
            raise DeepStateFormatError(
                Text(N_("{what}: expected an object with a 'map'"), what=what)
            )
        snapshot_id = body_snapshot_id(obj, what)
        if snapshot_id is None:
            raise DeepStateFormatError(Text(N_("{what}: the answer has no id"), what=what))
        data = validate_map(obj["map"], what)
        if self._read_cached_map(snapshot_id) is None:
            self._write_cache(map_file_name(snapshot_id), map_bytes(data))
        return snapshot_id, data

    def _note_offline_latest(self, snapshot_id: int) -> None:
        """Offline, the latest map is only the newest in the cache: say from when, and whether
        the cached update list knows later maps (or that, without a list, some may exist)."""
        updates = self.updates()  # the cached list, if any, with every cached map
        fetched = self._updates[0] if self._listed_offline and self._updates else None
        made = kyiv_date(snapshot_time(snapshot_id)).isoformat()
        if fetched is None:
            text = Text(
                N_(
                    "offline: the map given as the latest is the newest in the cache, from "
                    "{made}; with no update list cached, later maps may exist"
                ),
                made=made,
            )
        elif updates[-1].id != snapshot_id and updates[-1].created > snapshot_time(snapshot_id):
            text = Text(
                N_(
                    "offline: the map given as the latest is the newest in the cache, from "
                    "{made}; the update list cached at {when} knows later maps (the newest "
                    "from {newest})"
                ),
                made=made,
                when=_utc_minute(fetched),
                newest=updates[-1].kyiv_date.isoformat(),
            )
        else:
            text = Text(
                N_(
                    "offline: the map given as the latest is the newest in the cache, from "
                    "{made}; the update list cached at {when} knows none later, but later "
                    "maps may exist"
                ),
                made=made,
                when=_utc_minute(fetched),
            )
        self.note(text)

    def cached_ids(self) -> list[int]:
        """Ids of the maps in the cache, oldest first."""
        return _map_ids(self._own_files())

    def cache_size(self) -> int:
        """Bytes used by this client's files in the cache folder."""
        return self.cache_summary()[0]

    def cache_summary(self) -> tuple[int, list[int]]:
        """``cache_size()`` and ``cached_ids()`` from one listing of the folder."""
        return cache_summary(self.cache_dir)

    def clear_cache(self) -> None:
        """Delete this client's files (maps, update list, leftover temporary files)."""
        clear_cache(self.cache_dir)
        self._updates = None

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> DeepStateClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- cache -------------------------------------------------------------------------------

    def _own_files(self) -> list[Path]:
        return cache_files(self.cache_dir)

    def _discard(self, path: Path, why: str) -> None:
        log.warning("Discarding cached %s: %s", path.name, why)
        with contextlib.suppress(OSError):
            path.unlink()

    def _read_cached_map(self, snapshot_id: int) -> dict | None:
        if self.cache_dir is None:
            return None
        path = self.cache_dir / map_file_name(snapshot_id)
        try:
            return read_map_file(path)
        except DeepStateFormatError as exc:
            self._discard(path, str(exc))
        except DeepStateError:  # missing or unreadable
            pass
        return None

    def _read_cached_list(self) -> tuple[float, list[Update]] | None:
        if self.cache_dir is None:
            return None
        path = self.cache_dir / _LIST_FILE
        try:
            stored = json.loads(path.read_bytes())
            fetched = float(stored["fetched"])
            return fetched, updates_from_records(stored["records"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, DeepStateError) as exc:
            self._discard(path, type(exc).__name__)
            return None

    def _offline_updates(self, cached: tuple[float, list[Update]] | None) -> list[Update]:
        """The cached list (if any) with every cached map in it: maps cached after the list
        (as the latest, or by id) have their bare id and time."""
        fetched, listed = cached if cached is not None else (self._clock(), [])
        known = {u.id for u in listed}
        extra = [
            Update(i, snapshot_time(i), "", "", ()) for i in self.cached_ids() if i not in known
        ]
        if not listed and not extra:
            raise DeepStateOfflineError(
                Text(N_("{what}: not in the cache and the client is offline"), what=UPDATE_LIST)
            )
        updates = sorted([*listed, *extra], key=lambda u: (u.created, u.id))
        if cached is not None:
            self._updates = (fetched, updates)
            self._listed_offline = True
        return updates

    def _write_cache(self, name: str, data: bytes) -> None:
        if self.cache_dir is None:
            return
        try:
            write_atomic(self.cache_dir / name, data, _TMP_PREFIX)
        except OSError as exc:  # a full disk must not lose the download the caller is waiting for
            self.note(
                Text(_NOT_CACHED, file=self.cache_dir / name, reason=exc.strerror or str(exc))
            )

    def note(self, text: Text) -> None:
        """Tell the caller (a Processing log) what happened on the way: a retry, a wait, a
        map not cached. Without a caller, Python's log."""
        if self._on_note is not None:
            self._on_note(text)
        else:
            log.info("%s", text)

    # -- HTTP --------------------------------------------------------------------------------

    def _fetch_json(self, path: str, what: Text) -> tuple[bytes, object]:
        """The answer at ``path``: its bytes (for the cache) and their decoded JSON."""
        body = self._fetch(path, what)
        return body, answer_json(body, what, self.base_url + path)

    def _check_cancelled(self, what: Text) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise DeepStateCancelledError(_cancelled(what))

    def _wait(self, seconds: float, what: Text) -> None:
        """Sleep, in short steps when cancellation is possible."""
        remaining = seconds
        while remaining > 0:
            self._check_cancelled(what)
            step = remaining if self._is_cancelled is None else min(remaining, 0.25)
            self._sleep(step)
            remaining -= step

    def _fetch(self, path: str, what: Text) -> bytes:
        """The body at ``path``, retrying 5xx, 429, network failures and truncated bodies."""
        url = self.base_url + path
        attempt = 0
        while True:
            self._check_cancelled(what)
            try:
                return self._get_once(url, what)
            except _RetryableError as retry:
                if attempt >= self.max_retries:
                    raise retry.error from None
                if retry.retry_after is not None and retry.retry_after > MAX_RETRY_AFTER:
                    retry.error.text = Text(
                        N_("{error}; the server asks to wait {seconds:.0f} s, try again later"),
                        error=retry.error.text,
                        seconds=retry.retry_after,
                    )
                    raise retry.error from None
                if retry.retry_after is not None:
                    delay = retry.retry_after
                else:
                    delay = min(self.backoff * 2**attempt, MAX_BACKOFF)
                self.note(
                    Text(
                        N_("{error}; trying again in {seconds:.0f} s"),
                        error=retry.error.text,
                        seconds=delay,
                    )
                )
                self._wait(delay, what)
                attempt += 1

    def _get_once(self, url: str, what: Text) -> bytes:
        """One GET, on a helper thread, so that a cancel is seen within a fraction of a
        second even while the server sends nothing (a socket read blocks up to the read
        timeout), and a download dripping bytes is given up after ``total_timeout`` (each
        read may wait for a whole chunk); the abandoned request ends on its own."""
        cancelled = self._is_cancelled or (lambda: False)
        deadline = time.monotonic() + self.total_timeout
        outcome: dict[str, object] = {}

        def work() -> None:
            try:
                outcome["body"] = self._request(url, what, deadline)
            except BaseException as exc:  # handed over to the waiting thread
                outcome["error"] = exc

        session = self._session
        worker = threading.Thread(target=work, name="frontline-deepstate-get", daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(_CANCEL_POLL)
            if not worker.is_alive():
                break
            late = time.monotonic() > deadline
            if late or cancelled():
                # The abandoned request keeps its session; later requests get a fresh one.
                if self._session is session:
                    self._session = requests.Session()
                if late:
                    raise self._too_long(what, url)
                raise DeepStateCancelledError(_cancelled(what))
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["body"]  # type: ignore[return-value]

    def _request(self, url: str, what: Text, deadline: float) -> bytes:
        try:
            response = self._session.get(
                url,
                timeout=self.timeout,
                stream=True,
                proxies=self.proxies,
                headers={"User-Agent": self.user_agent, "Accept": "application/json"},
            )
        except requests.exceptions.Timeout:
            raise _RetryableError(
                DeepStateTimeoutError(
                    Text(N_("{what}: no answer within the timeout ({url})"), what=what, url=url),
                    url=url,
                )
            ) from None
        except requests.exceptions.SSLError as exc:
            raise _tls_error(exc, what, url) from None
        except requests.exceptions.ProxyError:
            raise DeepStateNetworkError(
                Text(N_("{what}: the proxy refused ({url})"), what=what, url=url), url=url
            ) from None
        except _NOT_RETRIED as exc:  # trying again would fail the same way
            raise DeepStateNetworkError(_request_problem(exc, what, url), url=url) from None
        except requests.exceptions.RequestException as exc:
            text = Text(
                N_("{what}: {reason} ({url})"), what=what, reason=_network_reason(exc), url=url
            )
            raise _RetryableError(DeepStateNetworkError(text, url=url)) from None
        with response:
            self._check_status(response, url, what)
            return self._read_body(response, url, what, deadline)

    def _check_status(self, response: requests.Response, url: str, what: Text) -> None:
        status = response.status_code
        if status == 200:
            return
        reason = (response.reason or "").rstrip()
        if reason:
            text = Text(
                N_("{what}: HTTP {status} {reason} ({url})"),
                what=what,
                status=status,
                reason=reason,
                url=url,
            )
        else:
            text = Text(N_("{what}: HTTP {status} ({url})"), what=what, status=status, url=url)
        error = DeepStateHTTPError(text, url=url, status=status)
        if status == 429 or status >= 500:
            wait = parse_retry_after(response.headers.get("Retry-After"), self._clock())
            raise _RetryableError(error, wait)
        raise error

    def _read_body(
        self, response: requests.Response, url: str, what: Text, deadline: float
    ) -> bytes:
        declared = response.headers.get("Content-Length")
        expected = int(declared) if declared and declared.strip().isdigit() else None
        if expected is not None and expected > self.max_bytes:
            raise DeepStateTooLargeError(
                Text(
                    N_("{what}: the answer is {size} bytes, more than the {limit} allowed ({url})"),
                    what=what,
                    size=expected,
                    limit=self.max_bytes,
                    url=url,
                ),
                url=url,
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                self._check_cancelled(what)
                if time.monotonic() > deadline:  # a server dripping bytes, each within the timeout
                    raise self._too_long(what, url)
                size += len(chunk)
                if size > self.max_bytes:
                    raise _error(
                        DeepStateTooLargeError,
                        N_("{what}: the answer exceeds the {limit} bytes allowed ({url})"),
                        what,
                        url,
                        limit=self.max_bytes,
                    )
                chunks.append(chunk)
        except requests.exceptions.ContentDecodingError:
            raise DeepStateFormatError(
                Text(
                    N_("{what}: the compressed answer cannot be decoded ({url})"),
                    what=what,
                    url=url,
                )
            ) from None
        except requests.exceptions.ChunkedEncodingError:
            raise _RetryableError(self._truncated(what, url, size, expected)) from None
        except requests.exceptions.ConnectionError as exc:
            if "timed out" in str(exc).lower():
                raise _RetryableError(_stalled(what, url)) from None
            raise _RetryableError(self._truncated(what, url, size, expected)) from None
        except requests.exceptions.Timeout:
            raise _RetryableError(_stalled(what, url)) from None
        received = response.raw.tell() if hasattr(response.raw, "tell") else size
        if expected is not None and received < expected:
            raise _RetryableError(self._truncated(what, url, received, expected))
        return b"".join(chunks)

    def _too_long(self, what: Text, url: str) -> DeepStateTimeoutError:
        template = N_("{what}: the download took over {seconds:.0f} s ({url})")
        return _error(DeepStateTimeoutError, template, what, url, seconds=self.total_timeout)

    @staticmethod
    def _truncated(
        what: Text, url: str, size: int, expected: int | None
    ) -> DeepStateTruncatedError:
        if expected is None:
            template = N_("{what}: the download broke off after {size} bytes ({url})")
        else:
            template = N_("{what}: the download broke off after {size} of {expected} bytes ({url})")
        text = Text(template, what=what, size=size, expected=expected, url=url)
        return DeepStateTruncatedError(text, url=url)


_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|title)\b", re.IGNORECASE)


def answer_json(body: bytes, what: Text, url: str) -> object:
    """A server's answer decoded as JSON; an answer that is not names ``url``, and an HTML page
    (a captive portal's login, a proxy's or a server's error page) is called one."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and _HTML.search(head):
        template = N_("{what}: the server answered with an HTML page, not JSON ({url})")
        raise _error(DeepStateFormatError, template, what, url)
    try:
        return load_json(body, what)
    except DeepStateFormatError as exc:
        raise DeepStateFormatError(
            Text(N_("{error} ({url})"), error=exc.text, url=url), url=url
        ) from None


# Failures of the request itself, not of the network: a bad address, a redirect loop, a
# malformed answer, a SOCKS proxy without its Python package.
_NOT_RETRIED = (
    requests.exceptions.InvalidURL,
    requests.exceptions.InvalidSchema,
    requests.exceptions.MissingSchema,
    requests.exceptions.TooManyRedirects,
    requests.exceptions.InvalidHeader,
)


def _request_problem(exc: requests.exceptions.RequestException, what: Text, url: str) -> Text:
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return Text(N_("{what}: too many redirects ({url})"), what=what, url=url)
    if isinstance(exc, requests.exceptions.InvalidHeader):
        return Text(N_("{what}: a malformed answer ({url})"), what=what, url=url)
    if "socks" in str(exc).lower():
        return Text(
            N_(
                "{what}: QGIS's proxy is a SOCKS proxy, which needs the Python package PySocks "
                "('pip install PySocks') ({url})"
            ),
            what=what,
            url=url,
        )
    return Text(N_("{what}: {url} is not a valid address (BASE_URL)"), what=what, url=url)


# TLS failures that another try cannot mend: plain HTTP on the port, no common protocol.
_FINAL_TLS = frozenset(
    {
        "WRONG_VERSION_NUMBER",
        "UNSUPPORTED_PROTOCOL",
        "NO_PROTOCOLS_AVAILABLE",
        "TLSV1_ALERT_PROTOCOL_VERSION",
        "HTTP_REQUEST",
    }
)
_TLS_REASON = re.compile(r"\[SSL: ([A-Z_]+)\]|certificate verify failed", re.IGNORECASE)


def _tls_error(exc: requests.exceptions.SSLError, what: Text, url: str) -> Exception:
    """A certificate failing verification, or a protocol the two ends cannot agree on, is
    final; another TLS failure (a handshake cut off, an alert) may pass on another try."""
    found = _TLS_REASON.search(str(exc))
    reason = (found.group(1) or "CERTIFICATE_VERIFY_FAILED") if found else "TLS"
    if reason.upper() == "CERTIFICATE_VERIFY_FAILED":
        return DeepStateNetworkError(
            Text(N_("{what}: TLS certificate verification failed ({url})"), what=what, url=url),
            url=url,
        )
    text = Text(N_("{what}: TLS failed ({reason}) ({url})"), what=what, reason=reason, url=url)
    if reason.upper() in _FINAL_TLS:  # a wrong protocol or version stays wrong
        return DeepStateNetworkError(text, url=url)
    return _RetryableError(DeepStateNetworkError(text, url=url))  # cut off, an alert: again


def _error(kind: type[DeepStateError], template: str, what: Text, url: str, **fields):
    """An error of ``kind`` about ``what`` at ``url``, its message ``template`` filled in."""
    return kind(Text(template, what=what, url=url, **fields), url=url)


def _cancelled(what: Text) -> Text:
    return Text(N_("{what}: cancelled"), what=what)


def _stalled(what: Text, url: str) -> DeepStateTimeoutError:
    return DeepStateTimeoutError(
        Text(N_("{what}: the download stalled ({url})"), what=what, url=url), url=url
    )


def _utc_minute(seconds: float) -> str:
    """A Unix time as ``2025-03-04 01:15 UTC``."""
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _none_before(day: date, updates: list[Update]) -> Text:
    """No map was published by ``day``: says when the first one was, if there is one."""
    if not updates:
        return Text(
            N_("no DeepState map published on or before {day} (Kyiv time)"), day=day.isoformat()
        )
    return Text(
        N_("no DeepState map published on or before {day} (Kyiv time); the first is from {first}"),
        day=day.isoformat(),
        first=updates[0].kyiv_date.isoformat(),
    )


# The cache on its own (the dock sizes and clears it whatever the DeepState address).


def cache_files(folder: Path | None) -> list[Path]:
    """The client's own files in a cache folder: maps, the update list, leftover temporary
    files; nothing else there (nor a folder that is not there) counts."""
    if folder is None or not folder.is_dir():
        return []
    return [
        p
        for p in folder.iterdir()
        if p.is_file()
        and (_MAP_FILE.match(p.name) or p.name == _LIST_FILE or p.name.startswith(_TMP_PREFIX))
    ]


def cache_summary(folder: Path | None) -> tuple[int, list[int]]:
    """Bytes held by the cache's own files, and the ids of its maps, oldest first."""
    files = cache_files(folder)
    return sum(path.stat().st_size for path in files), _map_ids(files)


def clear_cache(folder: Path | None) -> int:
    """Delete the cache's own files, each whole (a map being written is renamed in only once
    complete); the bytes they held."""
    size = 0
    for path in cache_files(folder):
        with contextlib.suppress(FileNotFoundError):
            size += path.stat().st_size
            path.unlink()
    return size


def _map_ids(files: list[Path]) -> list[int]:
    """Ids of the cached maps among ``files``, oldest first."""
    ids = (int(m.group(1)) for m in map(_MAP_FILE.match, (p.name for p in files)) if m)
    return sorted(i for i in ids if is_snapshot_id(i))  # a stray file is no map of ours


def _stale_series_note(day: date, when: str | None) -> Text:
    """The offline series' note: maps the cached list does not know are not in it."""
    if when is None:
        return Text(
            N_(
                "offline, with no update list in the cache: the series has only the cached "
                "maps up to {day}; others may exist"
            ),
            day=day.isoformat(),
        )
    return Text(
        N_(
            "offline, with the update list cached at {when}: maps published after it, up to "
            "{day}, are not in the series unless cached"
        ),
        when=when,
        day=day.isoformat(),
    )
