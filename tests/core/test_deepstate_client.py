"""The DeepState client against a real HTTP server on 127.0.0.1 serving the real maps."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest

from fltest import data
from fltest.clients import LATER, Sleeps, make_client
from fltest.deepstate_server import (
    DeepStateSite,
    Failure,
    FakeDeepStateServer,
    iso_utc,
    last_answer,
    refused_url,
)
from frontline.core import kyiv_time
from frontline.core.deepstate import (
    MAX_RETRY_AFTER,
    Update,
    choose_update,
    plugin_metadata,
    read_map_file,
    read_map_file_with_id,
    snapshot_time,
)
from frontline.core.errors import (
    DeepStateCancelledError,
    DeepStateError,
    DeepStateFormatError,
    DeepStateHTTPError,
    DeepStateNetworkError,
    DeepStateNoUpdateError,
    DeepStateOfflineError,
    DeepStateTimeoutError,
    DeepStateTooLargeError,
    DeepStateTruncatedError,
)
from frontline.core.parse import parse_map

ID_0304 = 1741047345  # created 2025-03-04T00:15:45Z, 02:15 in Kyiv
NEWEST = 1754166026  # 2025-08-02T20:20Z, the newest raw map
MAP_PATH = f"/api/history/{ID_0304}/geojson"
EMPTY_MAP = b'{"type": "FeatureCollection", "features": []}'
POINTS_ONLY = (
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
    b'"geometry": {"type": "Point", "coordinates": [36.2, 50.0]}}]}'
)
ID_0304 = 1741047345  # created 2025-03-04T00:15:45Z, 02:15 in Kyiv
NEWEST = 1754166026  # 2025-08-02T20:20Z, the newest raw map
MAP_PATH = f"/api/history/{ID_0304}/geojson"


def raw_json(snapshot_id: int) -> dict:
    path = next(p for p in data.raw_maps() if data.map_id(p) == snapshot_id)
    return json.loads(path.read_bytes())


def raw_bytes(snapshot_id: int) -> bytes:
    return next(p for p in data.raw_maps() if data.map_id(p) == snapshot_id).read_bytes()


def assert_cache_clean(cache: Path) -> None:
    """No temporary files left, and every cached file is complete."""
    names = sorted(p.name for p in cache.iterdir())
    assert [n for n in names if not n.startswith("deepstate_")] == [], names
    for path in cache.glob("deepstate_*.geojson"):
        read_map_file(path)
    listing = cache / "deepstate_updates.json"
    if listing.exists():
        assert isinstance(json.loads(listing.read_bytes())["records"], list)


def assert_one_line(error: DeepStateError, *needles: str) -> None:
    message = str(error)
    assert "\n" not in message and "Traceback" not in message
    for needle in needles:
        assert needle in message, message


# ---------------------------------------------------------------------------------------------
# Success


def test_update_list_from_the_server(deepstate_server: FakeDeepStateServer, tmp_path) -> None:
    client = make_client(deepstate_server.base_url, tmp_path)
    updates = client.updates()
    assert [u.id for u in updates] == sorted(data.map_id(p) for p in data.raw_maps())
    assert all(u.created == snapshot_time(u.id) for u in updates)
    by_id = {u.id: u for u in updates}
    march4 = by_id[ID_0304]
    assert march4.description_en.startswith("The enemy advanced near Burlatske and Lebedivka.")
    assert "<" not in march4.description_en and "<" not in march4.description_uk
    assert [label for label, _ in march4.links] == [
        "Burlatske",
        "Lebedivka",
        "Pishchane",
        "Kamyshivka",
    ]
    assert march4.links[0][1] == "https://deepstatemap.live/en#14/47.8821888/36.7307745"
    assert march4.kyiv_date == date(2025, 3, 4)
    assert_cache_clean(tmp_path)


def test_user_agent_names_the_plugin_version(deepstate_server, tmp_path) -> None:
    make_client(deepstate_server.base_url, tmp_path).updates()
    agent = deepstate_server.site.requests[0][1]["User-Agent"]
    version = plugin_metadata().get("version", "dev")
    assert agent.startswith(f"Frontline-QGIS-plugin/{version} (")


def test_map_by_date_is_the_exact_map(deepstate_server, tmp_path) -> None:
    client = make_client(deepstate_server.base_url, tmp_path)
    update, fc = client.map_for_date(date(2025, 3, 4))
    assert update.id == ID_0304
    assert fc == raw_json(ID_0304)
    assert (tmp_path / f"deepstate_{ID_0304}.geojson").read_bytes() == raw_bytes(ID_0304)
    assert client.cached_ids() == [ID_0304]
    assert_cache_clean(tmp_path)


def test_map_by_id_is_read_once_then_from_the_cache(deepstate_server, tmp_path) -> None:
    client = make_client(deepstate_server.base_url, tmp_path)
    first = client.map_data(ID_0304)
    second = make_client(deepstate_server.base_url, tmp_path).map_data(ID_0304)
    assert first == second == raw_json(ID_0304)
    assert deepstate_server.site.paths_requested() == [MAP_PATH]


def test_latest_map_is_cached_by_id(deepstate_server, tmp_path) -> None:
    client = make_client(deepstate_server.base_url, tmp_path)
    snapshot_id, fc = client.latest()
    assert snapshot_id == NEWEST
    assert fc == raw_json(NEWEST)
    assert client.cached_ids() == [NEWEST]
    assert client.map_data(NEWEST) == fc
    assert deepstate_server.site.paths_requested() == ["/api/history/last"]
    assert parse_map(read_map_file(tmp_path / f"deepstate_{NEWEST}.geojson")).polygons
    assert_cache_clean(tmp_path)


def test_pytest_httpserver_serves_the_same_site(deepstate_httpserver: str, tmp_path) -> None:
    client = make_client(deepstate_httpserver, tmp_path)
    assert client.map_for_date(date(2025, 3, 4))[1] == raw_json(ID_0304)
    assert client.latest()[0] == NEWEST


def test_pytest_httpserver_with_a_failure_then_success(
    deepstate_httpserver: str, deepstate_site: DeepStateSite, tmp_path
) -> None:
    deepstate_site.fail("geojson", Failure.error(502))
    sleeps = Sleeps()
    client = make_client(deepstate_httpserver, tmp_path, sleep=sleeps)
    assert client.map_data(ID_0304) == raw_json(ID_0304)
    assert sleeps == [1.0]


def test_a_slow_download_completes(deepstate_site, tmp_path) -> None:
    with FakeDeepStateServer(deepstate_site, throttle=4_000_000) as server:
        start = time.perf_counter()
        fc = make_client(server.base_url, tmp_path, read_timeout=2.0).map_data(ID_0304)
        elapsed = time.perf_counter() - start
    assert fc == raw_json(ID_0304)
    assert elapsed > 0.1  # 619 kB at 4 MB/s: the throttle is real


def test_proxies_are_used(deepstate_server, tmp_path) -> None:
    client = make_client(
        "http://deepstate.invalid", tmp_path, proxies={"http": deepstate_server.base_url}
    )
    assert len(client.updates()) == len(data.raw_maps())
    assert deepstate_server.site.requests[0][1]["Host"] == "deepstate.invalid"


# ---------------------------------------------------------------------------------------------
# Which update belongs to a date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 3, 3), 1740954151),  # 2025-03-02 22:22Z = 03-03 00:22 in Kyiv
        (date(2025, 3, 4), ID_0304),  # 00:15Z = 02:15 in Kyiv; 22:58Z is already 03-05
        (date(2025, 3, 5), 1741129114),  # 2025-03-04 22:58Z
        (date(2025, 3, 8), 1741387566),  # 2025-03-07 22:46Z = 03-08 00:46; none later
        (date(2025, 3, 9), 1741541766),  # two that day: the last
        (date(2025, 3, 25), 1742507523),  # a gap: the last one before
        (date(2024, 11, 1), 1730495471),  # 21:11Z = 23:11 EET (+3 would make it 11-02)
        (date(2025, 7, 1), 1751400934),  # 20:15Z = 23:15 EEST
    ],
)
def test_update_for_a_kyiv_day(deepstate_server, tmp_path, day: date, expected: int) -> None:
    client = make_client(deepstate_server.base_url, tmp_path)
    assert client.update_for_date(day).id == expected


def synthetic_site(*moments: datetime) -> DeepStateSite:
    site = DeepStateSite(raw_paths=[])
    for moment in moments:
        site.add_map(int(moment.timestamp()), b'{"type": "FeatureCollection", "features": []}')
    return site


def test_update_for_a_day_across_dst_switches(tmp_path) -> None:
    utc = timezone.utc
    before_spring = datetime(2025, 3, 29, 21, 30, tzinfo=utc)  # 23:30 EET on 03-29
    after_spring = datetime(2025, 3, 30, 21, 30, tzinfo=utc)  # 00:30 EEST on 03-31
    before_autumn = datetime(2025, 10, 25, 21, 30, tzinfo=utc)  # 00:30 EEST on 10-26
    after_autumn = datetime(2025, 10, 26, 21, 30, tzinfo=utc)  # 23:30 EET on 10-26
    site = synthetic_site(before_spring, after_spring, before_autumn, after_autumn)
    with FakeDeepStateServer(site) as server:
        client = make_client(server.base_url, tmp_path)
        chosen = {
            day: client.update_for_date(day).created
            for day in (
                date(2025, 3, 29),
                date(2025, 3, 30),
                date(2025, 3, 31),
                date(2025, 10, 25),
                date(2025, 10, 26),
            )
        }
    assert chosen == {
        date(2025, 3, 29): before_spring,
        date(2025, 3, 30): before_spring,
        date(2025, 3, 31): after_spring,
        date(2025, 10, 25): after_spring,
        date(2025, 10, 26): after_autumn,
    }


def test_no_update_before_the_first_or_in_the_future(deepstate_server, tmp_path) -> None:
    client = make_client(deepstate_server.base_url, tmp_path)
    with pytest.raises(DeepStateNoUpdateError) as info:
        client.update_for_date(date(2022, 1, 1))
    assert_one_line(info.value, "2022-01-01", "2023-10-10")
    today = datetime(2025, 8, 3, 12, tzinfo=timezone.utc).timestamp()
    client = make_client(deepstate_server.base_url, tmp_path, clock=lambda: today)
    assert client.update_for_date(date(2025, 8, 3)).id == NEWEST
    with pytest.raises(DeepStateNoUpdateError) as info:
        client.update_for_date(date(2025, 8, 4))
    assert_one_line(info.value, "2025-08-04", "future")


def test_choose_update_takes_the_last_before_the_day_ends() -> None:
    def at(iso: str) -> Update:
        moment = datetime.fromisoformat(iso).replace(tzinfo=timezone.utc)
        return Update(int(moment.timestamp()), moment, "", "", ())

    updates = [at("2025-03-03T21:59:59"), at("2025-03-03T22:00:00")]  # 23:59:59 / 00:00 Kyiv
    assert choose_update(updates, date(2025, 3, 3)) == updates[0]
    assert choose_update(updates, date(2025, 3, 4)) == updates[1]
    assert choose_update(updates, date(2025, 3, 2)) is None


def test_kyiv_rule_agrees_with_the_time_zone_database(monkeypatch) -> None:
    zone = pytest.importorskip("zoneinfo").ZoneInfo("Europe/Kyiv")
    moment = datetime(2022, 1, 1, tzinfo=timezone.utc)
    while moment.year < 2028:
        assert kyiv_time.rule_offset(moment) == moment.astimezone(zone).utcoffset(), moment
        moment += timedelta(minutes=30)
    monkeypatch.setattr(kyiv_time, "_ZONE", None)  # as on Windows without tzdata
    day = date(2022, 1, 1)
    while day.year < 2028:
        start = kyiv_time.kyiv_day_start_utc(day)
        assert start.astimezone(zone).replace(tzinfo=None) == datetime(day.year, day.month, day.day)
        assert kyiv_time.kyiv_date(start - timedelta(seconds=1)) == day - timedelta(days=1)
        day += timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# Network failures


def test_timeout_is_retried_then_reported(deepstate_server, tmp_path) -> None:
    deepstate_server.site.fail("geojson", Failure.stall(5), Failure.stall(5))
    sleeps = Sleeps()
    client = make_client(
        deepstate_server.base_url, tmp_path, read_timeout=0.3, max_retries=1, sleep=sleeps
    )
    start = time.perf_counter()
    with pytest.raises(DeepStateTimeoutError) as info:
        client.map_data(ID_0304)
    assert time.perf_counter() - start < 3.0
    assert sleeps == [1.0]
    assert deepstate_server.site.paths_requested() == [MAP_PATH, MAP_PATH]
    assert_one_line(info.value, f"map {ID_0304}", "timeout", deepstate_server.base_url + MAP_PATH)
    assert_cache_clean(tmp_path)


def test_refused_connection(tmp_path) -> None:
    url = refused_url()
    sleeps = Sleeps()
    client = make_client(url, tmp_path, max_retries=2, backoff=0.5, sleep=sleeps)
    with pytest.raises(DeepStateNetworkError) as info:
        client.updates()
    assert sleeps == [0.5, 1.0]
    assert_one_line(info.value, "update list", "connection refused", url + "/api/history/public")
    assert list(tmp_path.iterdir()) == []


def test_not_found_is_not_retried(deepstate_server, tmp_path) -> None:
    sleeps = Sleeps()
    client = make_client(deepstate_server.base_url, tmp_path, sleep=sleeps)
    with pytest.raises(DeepStateHTTPError) as info:
        client.map_data(123)
    assert info.value.status == 404
    assert sleeps == []
    assert_one_line(info.value, "map 123", "HTTP 404")
    assert list(tmp_path.iterdir()) == []


def test_429_waits_as_long_as_retry_after_says(deepstate_server, tmp_path) -> None:
    deepstate_server.site.fail("public", Failure.error(429, "7"))
    sleeps = Sleeps()
    client = make_client(deepstate_server.base_url, tmp_path, sleep=sleeps)
    assert len(client.updates()) == len(data.raw_maps())
    assert sleeps == [7.0]


def test_429_with_an_http_date(deepstate_server, tmp_path) -> None:
    now = datetime(2025, 3, 4, 12, 0, 0, tzinfo=timezone.utc)
    header = format_datetime(now + timedelta(seconds=30), usegmt=True)
    deepstate_server.site.fail("geojson", Failure.error(429, header))
    sleeps = Sleeps()
    client = make_client(
        deepstate_server.base_url, tmp_path, sleep=sleeps, clock=lambda: now.timestamp()
    )
    assert client.map_data(ID_0304) == raw_json(ID_0304)
    assert sleeps == [30.0]


def test_429_asking_too_long_a_pause_gives_up(deepstate_server, tmp_path) -> None:
    deepstate_server.site.fail("geojson", Failure.error(429, str(int(MAX_RETRY_AFTER) + 1)))
    sleeps = Sleeps()
    client = make_client(deepstate_server.base_url, tmp_path, sleep=sleeps)
    with pytest.raises(DeepStateHTTPError) as info:
        client.map_data(ID_0304)
    assert sleeps == []
    assert_one_line(info.value, "HTTP 429", f"wait {int(MAX_RETRY_AFTER) + 1} s", str(ID_0304))


def test_500_then_200(deepstate_server, tmp_path) -> None:
    deepstate_server.site.fail("geojson", Failure.error(500))
    sleeps = Sleeps()
    client = make_client(deepstate_server.base_url, tmp_path, sleep=sleeps, backoff=2.0)
    assert client.map_data(ID_0304) == raw_json(ID_0304)
    assert sleeps == [2.0]
    assert deepstate_server.site.paths_requested() == [MAP_PATH, MAP_PATH]
    assert_cache_clean(tmp_path)


def test_persistent_503_is_retried_a_bounded_number_of_times(deepstate_server, tmp_path) -> None:
    deepstate_server.site.fail("public", *[Failure.error(503)] * 10)
    sleeps = Sleeps()
    client = make_client(deepstate_server.base_url, tmp_path, sleep=sleeps, max_retries=3)
    with pytest.raises(DeepStateHTTPError) as info:
        client.updates()
    assert info.value.status == 503
    assert sleeps == [1.0, 2.0, 4.0]
    assert len(deepstate_server.site.requests) == 4
    assert_one_line(info.value, "update list", "HTTP 503")


# ---------------------------------------------------------------------------------------------
# Bad bodies


def test_truncated_body_is_retried_and_never_cached(deepstate_server, tmp_path) -> None:
    deepstate_server.site.fail("geojson", *[Failure.truncated(100_000)] * 3)
    client = make_client(deepstate_server.base_url, tmp_path, max_retries=2)
    with pytest.raises(DeepStateTruncatedError) as info:
        client.map_data(ID_0304)
    assert_one_line(info.value, f"map {ID_0304}", "100000 of 619425 bytes")
    assert list(tmp_path.iterdir()) == []
    deepstate_server.site.fail("geojson", Failure.truncated(5))
    assert client.map_data(ID_0304) == raw_json(ID_0304)  # cut once, then whole
    assert_cache_clean(tmp_path)


def test_body_cut_without_a_length_is_invalid_json(deepstate_server, tmp_path) -> None:
    cut = raw_bytes(ID_0304)[:50_000]
    deepstate_server.site.fail("geojson", Failure.replace(cut, no_length=True))
    client = make_client(deepstate_server.base_url, tmp_path)
    with pytest.raises(DeepStateFormatError) as info:
        client.map_data(ID_0304)
    assert_one_line(info.value, f"map {ID_0304}", "invalid JSON")
    assert list(tmp_path.iterdir()) == []


def test_invalid_json_names_the_url(deepstate_server, tmp_path) -> None:
    deepstate_server.site.fail("public", Failure.replace(b"Bad Gateway"))
    client = make_client(deepstate_server.base_url, tmp_path)
    with pytest.raises(DeepStateFormatError) as info:
        client.updates()
    url = f"{deepstate_server.base_url}/api/history/public"
    assert str(info.value) == (
        f"DeepState update list: invalid JSON (Expecting value; line 1, column 1) ({url})"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("pattern", "call", "path", "what"),
    [
        ("public", "updates", "/api/history/public", "DeepState update list"),
        ("geojson", "map", MAP_PATH, f"DeepState map {ID_0304}"),
        ("last", "latest", "/api/history/last", "latest DeepState map"),
    ],
)
def test_an_html_page_is_called_one(deepstate_server, tmp_path, pattern, call, path, what) -> None:
    """A captive portal's login page, or a proxy's error page, answering with status 200."""
    page = b"\xef\xbb\xbf\n  <!DOCTYPE html>\n<html><body>Log in to the hotel Wi-Fi</body></html>"
    deepstate_server.site.fail(pattern, Failure.replace(page))
    client = make_client(deepstate_server.base_url, tmp_path)
    calls = {"updates": client.updates, "map": lambda: client.map_data(ID_0304)}
    with pytest.raises(DeepStateFormatError) as info:
        calls.get(call, client.latest)()
    assert str(info.value) == (
        f"{what}: the server answered with an HTML page, not JSON "
        f"({deepstate_server.base_url}{path})"
    )
    assert info.value.url == f"{deepstate_server.base_url}{path}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("pattern", "body", "call", "needle"),
    [
        ("geojson", b'{"type": "Feature"}', "map", "got type 'Feature'"),
        ("geojson", b"[]", "map", "got a list"),
        ("public", b'{"records": []}', "updates", "expected a JSON list"),
        ("public", b"[1, 2, 3]", "updates", "no record has an id"),
        ("last", b'{"id": 5}', "latest", "with a 'map'"),
        ("last", b'{"map": {"type": "FeatureCollection", "features": []}}', "latest", "no id"),
        # An "id" past 2038 is no Unix time of a map: it crashed, and was cached under it.
        (
            "last",
            b'{"id": 1000000000000, "map": {"type": "FeatureCollection", "features": []}}',
            "latest",
            "the id 1000000000000 is no map id",
        ),
        ("public", b'[{"id": 1000000000000}]', "updates", "no record has an id"),
        # An empty map read as all ground lost, and was cached so for good.
        ("geojson", EMPTY_MAP, "map", "the map has no areas"),
        ("last", b'{"id": 1754166026, "map": ' + EMPTY_MAP + b"}", "latest", "has no areas"),
        ("geojson", POINTS_ONLY, "map", "the map has no areas"),
    ],
)
def test_json_of_the_wrong_shape(deepstate_server, tmp_path, pattern, body, call, needle) -> None:
    deepstate_server.site.fail(pattern, Failure.replace(body))
    client = make_client(deepstate_server.base_url, tmp_path)
    action = {
        "map": lambda: client.map_data(ID_0304),
        "updates": client.updates,
        "latest": client.latest,
    }[call]
    with pytest.raises(DeepStateFormatError) as info:
        action()
    assert_one_line(info.value, needle)
    assert list(tmp_path.iterdir()) == []


def test_oversized_body_with_a_length_is_refused_unread(deepstate_server, tmp_path) -> None:
    client = make_client(deepstate_server.base_url, tmp_path, max_bytes=100_000)
    with pytest.raises(DeepStateTooLargeError) as info:
        client.map_data(ID_0304)
    assert_one_line(info.value, f"map {ID_0304}", "619425 bytes", "100000")
    assert list(tmp_path.iterdir()) == []


def test_oversized_streamed_body_is_cut_at_the_cap(deepstate_server, tmp_path) -> None:
    huge = b"[" + b"0," * 300_000 + b"0]"
    deepstate_server.site.fail("public", Failure.replace(huge, no_length=True))
    client = make_client(deepstate_server.base_url, tmp_path, max_bytes=100_000)
    with pytest.raises(DeepStateTooLargeError) as info:
        client.updates()
    assert_one_line(info.value, "update list", "exceeds the 100000 bytes")
    assert list(tmp_path.iterdir()) == []


def test_a_cache_folder_that_cannot_be_made_is_one_line_offline(tmp_path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DeepStateError) as info:
        make_client("http://127.0.0.1:9", blocker / "cache", offline=True)
    assert isinstance(info.value, OSError)  # callers that catch OSError still do
    assert_one_line(info.value, "cache folder", str(blocker / "cache"), "frontline/cache_dir")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_online_a_cache_folder_that_cannot_be_made_only_costs_the_caching(
    deepstate_server, tmp_path
) -> None:
    """It stopped the download; an existing read-only folder only kept the map uncached."""
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder", encoding="utf-8")
    notes: list = []
    client = make_client(deepstate_server.base_url, blocker / "cache", on_note=notes.append)
    assert client.map_data(ID_0304) == raw_json(ID_0304)
    (note,) = map(str, notes)
    assert note.startswith(f"DeepState cache folder {blocker / 'cache'} cannot be made: ")
    assert note.endswith("(setting frontline/cache_dir); maps are not cached")


def test_retries_are_told_to_the_caller(deepstate_server, tmp_path) -> None:
    """Waits of up to two minutes went to Python's log only, not to the Processing log."""
    deepstate_server.site.fail("geojson", Failure.error(503, "20"))
    notes: list = []
    client = make_client(deepstate_server.base_url, tmp_path, on_note=notes.append)
    assert client.map_data(ID_0304) == raw_json(ID_0304)
    assert [str(n) for n in notes] == [
        f"DeepState map {ID_0304}: HTTP 503 Service Unavailable "
        f"({deepstate_server.base_url}{MAP_PATH}); trying again in 20 s"
    ]


@pytest.mark.parametrize(
    ("base_url", "needle"),
    [
        ("http://127.0.0.1:99999", "is not a valid address (BASE_URL)"),
        ("http://[::1", "is not a valid address (BASE_URL)"),
    ],
)
def test_a_bad_address_is_said_at_once_not_retried(tmp_path, base_url, needle) -> None:
    """It was "connection failed" after 7 s of retries."""
    sleeps = Sleeps()
    client = make_client(base_url, tmp_path, sleep=sleeps)
    with pytest.raises(DeepStateNetworkError) as info:
        client.updates()
    assert_one_line(info.value, "DeepState update list", needle)
    assert sleeps == []


def test_a_socks_proxy_without_pysocks_is_said_at_once(deepstate_server, tmp_path) -> None:
    sleeps = Sleeps()
    proxy = {"http": "socks5h://127.0.0.1:1080", "https": "socks5h://127.0.0.1:1080"}
    client = make_client(deepstate_server.base_url, tmp_path, sleep=sleeps, proxies=proxy)
    try:
        import socks  # noqa: F401
    except ImportError:
        with pytest.raises(DeepStateNetworkError) as info:
            client.updates()
        assert_one_line(info.value, "SOCKS proxy", "PySocks")
        assert sleeps == []
    else:
        pytest.skip("PySocks is installed: the proxy would be tried")


def test_an_undecodable_compressed_answer_is_a_format_error(deepstate_server, tmp_path) -> None:
    """It was "the download broke off after 0 bytes", retried."""
    broken = Failure(headers={"Content-Encoding": "gzip"}, body=b"not gzip at all")
    deepstate_server.site.fail("geojson", broken)
    sleeps = Sleeps()
    client = make_client(deepstate_server.base_url, tmp_path, sleep=sleeps)
    with pytest.raises(DeepStateFormatError) as info:
        client.map_data(ID_0304)
    assert_one_line(info.value, f"DeepState map {ID_0304}", "cannot be decoded")
    assert sleeps == [] and list(tmp_path.iterdir()) == []


def test_a_download_longer_than_the_total_timeout_stops(deepstate_server, tmp_path) -> None:
    """A server sending a byte now and then never hits the read timeout."""
    client = make_client(deepstate_server.base_url, tmp_path, total_timeout=0.0)
    with pytest.raises(DeepStateTimeoutError) as info:
        client.map_data(ID_0304)
    assert_one_line(info.value, "the download took over 0 s")
    assert list(tmp_path.iterdir()) == []


def test_json_nested_too_deeply_is_a_format_error(deepstate_server, tmp_path) -> None:
    deepstate_server.site.fail("geojson", Failure.replace(b"[" * 100_000 + b"]" * 100_000))
    client = make_client(deepstate_server.base_url, tmp_path)
    with pytest.raises(DeepStateFormatError) as info:
        client.map_data(ID_0304)
    assert_one_line(info.value, "JSON nested too deeply")


def test_an_address_without_a_scheme_is_one_line_naming_the_parameter(tmp_path) -> None:
    with pytest.raises(DeepStateError) as info:
        make_client("deepstatemap.live", tmp_path)
    assert isinstance(info.value, ValueError)
    assert_one_line(info.value, "BASE_URL", "http://", "'deepstatemap.live'")


def test_offline_a_map_cached_after_the_list_is_chosen_for_its_day(tmp_path) -> None:
    """The list cached with maps of 10-13 and 11-01; then the map of 12-01 cached as the
    latest: offline, 12-10 gets the map of 12-01, not the last one of the old list."""
    oct13, nov1, dec1 = (data.raw_map(d) for d in ("20241013", "20241101", "20241201"))
    with FakeDeepStateServer(DeepStateSite([oct13, nov1])) as early:
        make_client(early.base_url, tmp_path).updates()
    with FakeDeepStateServer(DeepStateSite([oct13, nov1, dec1])) as later:
        latest_id, _ = make_client(later.base_url, tmp_path).latest()
    assert latest_id == data.map_id(dec1)
    offline = make_client("http://127.0.0.1:9", tmp_path, offline=True)
    assert offline.update_for_date(date(2024, 12, 10)).id == data.map_id(dec1)
    assert offline.update_for_date(date(2024, 11, 5)).id == data.map_id(nov1)


def test_a_future_day_is_refused_without_asking_the_server(tmp_path) -> None:
    client = make_client("http://127.0.0.1:9", tmp_path)  # nothing listens there
    with pytest.raises(DeepStateError) as info:
        client.update_for_date(date.today() + timedelta(days=3))
    assert_one_line(info.value, "in the future")
    assert list(tmp_path.iterdir()) == []


def test_cancel_stops_a_download(deepstate_site, tmp_path) -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 4

    with FakeDeepStateServer(deepstate_site, throttle=200_000) as server:
        client = make_client(server.base_url, tmp_path, is_cancelled=cancelled)
        start = time.perf_counter()
        with pytest.raises(DeepStateCancelledError) as info:
            client.map_data(ID_0304)
        assert time.perf_counter() - start < 2.0  # the whole map takes 3 s at this rate
    assert_one_line(info.value, f"map {ID_0304}", "cancelled")
    assert list(tmp_path.iterdir()) == []


def test_cancel_is_seen_while_the_server_sends_nothing(deepstate_site, tmp_path) -> None:
    """A stalled server blocks a socket read up to the read timeout (30 s): a cancel must
    still end the download within a fraction of a second, leaving nothing behind."""
    deepstate_site.fail("geojson", Failure.stall(20))
    with FakeDeepStateServer(deepstate_site) as server:
        start = time.perf_counter()
        client = make_client(
            server.base_url, tmp_path, is_cancelled=lambda: time.perf_counter() - start > 0.3
        )
        with pytest.raises(DeepStateCancelledError) as info:
            client.map_data(ID_0304)
        waited = time.perf_counter() - start
        assert waited < 1.0
        assert_one_line(info.value, f"map {ID_0304}", "cancelled")
        assert list(tmp_path.iterdir()) == []
        # The client still works for the next request (a fresh connection).
        client._is_cancelled = None
        assert len(client.updates()) > 0


def test_cancel_during_backoff(deepstate_server, tmp_path) -> None:
    deepstate_server.site.fail("public", Failure.error(500))
    sleeps = Sleeps()
    client = make_client(
        deepstate_server.base_url,
        tmp_path,
        sleep=sleeps,
        backoff=1.0,
        is_cancelled=lambda: bool(sleeps),
    )
    with pytest.raises(DeepStateCancelledError):
        client.updates()
    assert sleeps == [0.25]  # waits in short steps so that a cancel is seen quickly


# ---------------------------------------------------------------------------------------------
# Cache and offline mode


def test_offline_without_cache_names_what_is_missing(tmp_path) -> None:
    client = make_client("http://127.0.0.1:9", tmp_path, offline=True)
    with pytest.raises(DeepStateOfflineError) as info:
        client.map_data(ID_0304)
    assert_one_line(info.value, f"map {ID_0304}", "2025-03-04 00:15 UTC", "offline")
    with pytest.raises(DeepStateOfflineError) as info:
        client.updates()
    assert_one_line(info.value, "update list", "offline")
    with pytest.raises(DeepStateOfflineError):
        client.latest()


def test_offline_with_cache_needs_no_server(deepstate_server, tmp_path) -> None:
    online = make_client(deepstate_server.base_url, tmp_path)
    online.map_for_date(date(2025, 3, 4))
    offline = make_client(refused_url(), tmp_path, offline=True, clock=lambda: LATER + 10**6)
    update, fc = offline.map_for_date(date(2025, 3, 4))  # the list is stale but usable offline
    assert update.id == ID_0304 and fc == raw_json(ID_0304)
    assert update.description_en.startswith("The enemy advanced")
    assert offline.latest() == (ID_0304, fc)
    with pytest.raises(DeepStateOfflineError) as info:
        offline.map_for_date(date(2025, 3, 5))
    assert_one_line(info.value, "2025-03-05", "map 1741129114", "not in the cache")


def test_offline_without_a_list_uses_the_cached_maps(deepstate_server, tmp_path) -> None:
    make_client(deepstate_server.base_url, tmp_path).map_data(ID_0304)
    offline = make_client(refused_url(), tmp_path, offline=True)
    assert [u.id for u in offline.updates()] == [ID_0304]
    assert offline.update_for_date(date(2025, 3, 6)).id == ID_0304


@pytest.mark.parametrize(
    ("with_list", "day", "error", "message"),
    [
        # Only the latest map fetched: DeepState published maps before it, the cache lacks
        # them (it said none was published).
        (
            False,
            date(2024, 11, 1),
            DeepStateOfflineError,
            "offline: no map made on or before 2024-11-01 is in the cache (the oldest cached is "
            "from 2025-08-02; no update list is cached)",
        ),
        # With the update list cached, the list knows every map published: the online words.
        (
            True,
            date(2022, 1, 1),
            DeepStateNoUpdateError,
            "no DeepState map published on or before 2022-01-01 (Kyiv time); the first is from "
            "2023-10-10",
        ),
    ],
)
def test_offline_a_day_before_the_maps_known(
    deepstate_server, tmp_path, with_list, day, error, message
) -> None:
    online = make_client(deepstate_server.base_url, tmp_path)
    online.map_for_date(date(2025, 3, 4)) if with_list else online.latest()
    offline = make_client(refused_url(), tmp_path, offline=True)
    with pytest.raises(error) as info:
        offline.update_for_date(day)
    assert str(info.value) == message
    with pytest.raises(error) as info:
        offline.map_for_date(day)
    assert message in str(info.value)


def offline_latest(cache: Path) -> tuple[int, dict, list[str]]:
    """The offline latest map, its id, and the notes said on the way."""
    notes: list = []
    snapshot_id, fc = make_client(refused_url(), cache, offline=True, on_note=notes.append).latest()
    return snapshot_id, fc, [str(n) for n in notes]


def test_offline_latest_says_it_is_only_the_newest_cached(deepstate_server, tmp_path) -> None:
    """Offline, the latest map is the newest in the cache: said with its day and what the
    cached list knows (it was given silently, from a list knowing maps 9 months later)."""
    nov1 = data.map_id(data.raw_map("20241101"))
    make_client(deepstate_server.base_url, tmp_path).map_for_date(date(2024, 11, 1))
    assert offline_latest(tmp_path) == (
        nov1,
        raw_json(nov1),
        [
            "offline: the map given as the latest is the newest in the cache, from 2024-11-01; "
            "the update list cached at 2026-01-01 00:00 UTC knows later maps (the newest from "
            "2025-08-02)"
        ],
    )
    make_client(deepstate_server.base_url, tmp_path).latest()  # now the newest is cached
    snapshot_id, _, notes = offline_latest(tmp_path)
    assert snapshot_id == NEWEST
    assert notes == [
        "offline: the map given as the latest is the newest in the cache, from 2025-08-02; the "
        "update list cached at 2026-01-01 00:00 UTC knows none later, but later maps may exist"
    ]
    (tmp_path / "deepstate_updates.json").unlink()
    snapshot_id, _, notes = offline_latest(tmp_path)
    assert snapshot_id == NEWEST
    assert notes == [
        "offline: the map given as the latest is the newest in the cache, from 2025-08-02; "
        "with no update list cached, later maps may exist"
    ]


def test_offline_latest_passes_a_damaged_newest_map_by(deepstate_server, tmp_path) -> None:
    """An empty newest map (cached by an older version) is discarded on reading: offline
    "latest" said that map was not in the cache, just after listing it there."""
    nov1 = data.map_id(data.raw_map("20241101"))
    online = make_client(deepstate_server.base_url, tmp_path)
    online.map_for_date(date(2024, 11, 1))
    online.latest()
    (tmp_path / f"deepstate_{NEWEST}.geojson").write_bytes(EMPTY_MAP)
    offline = make_client(refused_url(), tmp_path, offline=True)
    assert offline.latest() == (nov1, raw_json(nov1))
    assert offline.cached_ids() == [nov1]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda raw: raw[: len(raw) // 2],  # half-written
        lambda raw: b"",
        lambda raw: b'{"type": "Feature", "geometry": null}',
        lambda raw: b"\x00" * 1000,
        lambda raw: EMPTY_MAP,
    ],
)
def test_corrupt_cached_map_is_replaced(deepstate_server, tmp_path, spoil) -> None:
    cached = tmp_path / f"deepstate_{ID_0304}.geojson"
    cached.write_bytes(spoil(raw_bytes(ID_0304)))
    offline = make_client(refused_url(), tmp_path, offline=True)
    with pytest.raises(DeepStateOfflineError):
        offline.map_data(ID_0304)  # never returned, discarded
    assert not cached.exists()
    cached.write_bytes(spoil(raw_bytes(ID_0304)))
    client = make_client(deepstate_server.base_url, tmp_path)
    assert client.map_data(ID_0304) == raw_json(ID_0304)
    assert cached.read_bytes() == raw_bytes(ID_0304)
    assert deepstate_server.site.paths_requested() == [MAP_PATH]
    assert_cache_clean(tmp_path)


def test_corrupt_cached_list_is_refetched(deepstate_server, tmp_path) -> None:
    (tmp_path / "deepstate_updates.json").write_bytes(b'{"fetched": 1, "rec')
    client = make_client(deepstate_server.base_url, tmp_path)
    assert len(client.updates()) == len(data.raw_maps())
    assert_cache_clean(tmp_path)


def test_update_list_time_to_live(deepstate_server, tmp_path) -> None:
    now = [LATER]
    client = make_client(deepstate_server.base_url, tmp_path, list_ttl=600, clock=lambda: now[0])
    client.updates()
    now[0] += 599
    client.updates()
    make_client(deepstate_server.base_url, tmp_path, clock=lambda: now[0]).updates()  # disk
    assert deepstate_server.site.paths_requested() == ["/api/history/public"]
    now[0] += 2
    client.updates()
    assert deepstate_server.site.paths_requested() == ["/api/history/public"] * 2
    fresh = make_client(deepstate_server.base_url, tmp_path, clock=lambda: now[0] - 3600)
    fresh.updates()  # a list "from the future" (clock set back) is not trusted
    assert len(deepstate_server.site.requests) == 3


def test_new_updates_appear_after_the_time_to_live(tmp_path) -> None:
    first = datetime(2025, 3, 4, 0, 15, 45, tzinfo=timezone.utc)
    site = synthetic_site(first)
    now = [LATER]
    with FakeDeepStateServer(site) as server:
        client = make_client(server.base_url, tmp_path, list_ttl=60, clock=lambda: now[0])
        assert [u.id for u in client.updates()] == [int(first.timestamp())]
        site.add_map(int(first.timestamp()) + 86400, b'{"type":"FeatureCollection","features":[]}')
        assert len(client.updates()) == 1
        now[0] += 61
        assert len(client.updates()) == 2


def test_cache_size_and_clear(deepstate_server, tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("not ours")
    client = make_client(deepstate_server.base_url, tmp_path)
    client.updates()
    client.map_data(ID_0304)
    listing = (tmp_path / "deepstate_updates.json").stat().st_size
    assert client.cache_size() == len(raw_bytes(ID_0304)) + listing
    assert client.cache_summary() == (client.cache_size(), [ID_0304])
    client.clear_cache()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert client.cache_size() == 0 and client.cached_ids() == []


def test_a_failed_cache_write_leaves_no_temporary_file(deepstate_server, tmp_path, monkeypatch):
    import os

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    client = make_client(deepstate_server.base_url, tmp_path)
    assert client.map_data(ID_0304) == raw_json(ID_0304)  # the download still serves
    assert list(tmp_path.iterdir()) == []


def test_read_map_file_accepts_geojson_and_last_bodies(deepstate_site, tmp_path) -> None:
    geojson = tmp_path / "a.geojson"
    geojson.write_bytes(deepstate_site.map_body(ID_0304))
    last = tmp_path / "last.json"
    last.write_bytes(deepstate_site.last_body())
    assert read_map_file(geojson) == raw_json(ID_0304)
    assert read_map_file(last) == raw_json(NEWEST)
    bad = tmp_path / "bad.geojson"
    bad.write_bytes(b'{"type": "FeatureCollection", "features": [')
    with pytest.raises(DeepStateFormatError) as info:
        read_map_file(bad)
    assert_one_line(info.value, "bad.geojson", "invalid JSON")
    with pytest.raises(DeepStateError) as info:
        read_map_file(tmp_path / "missing.geojson")
    assert_one_line(info.value, "missing.geojson", "cannot be read")


ID_0320 = 1742507523  # created 2025-03-20T21:52:03Z, shown by DeepState as "20.03 o 23:52"


def saved_last_body(path: Path, **head: object) -> Path:
    """A saved ``/api/history/last`` answer around the real raw map ``ID_0320``."""
    body = last_answer(raw_json(ID_0320), **head)
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_saved_last_body_gives_its_own_id_and_so_its_time(tmp_path) -> None:
    last = saved_last_body(tmp_path / "last.json", id=ID_0320, datetime="20.03 o 23:52")
    body_id, fc = read_map_file_with_id(last)
    assert body_id == ID_0320
    assert fc == raw_json(ID_0320)
    # The time is the id's (the display string "20.03 o 23:52" is Kyiv time, UTC+2 then).
    assert snapshot_time(body_id) == datetime(2025, 3, 20, 21, 52, 3, tzinfo=timezone.utc)
    as_text = saved_last_body(tmp_path / "text.json", id=str(ID_0320))
    assert read_map_file_with_id(as_text)[0] == ID_0320
    assert read_map_file_with_id(saved_last_body(tmp_path / "no_id.json")) == (None, fc)
    bare = tmp_path / f"deepstate_{ID_0320}.geojson"
    bare.write_bytes(raw_bytes(ID_0320))
    assert read_map_file_with_id(bare) == (None, fc)  # only its name tells the id


@pytest.mark.parametrize(
    ("raw_id", "needle"),
    [
        ("20.03", "the id '20.03' is not a number"),
        (1000000000000, "the id 1000000000000 is no map id"),
        (0, "the id 0 is no map id"),
        (True, "the id True is no map id"),
        (1742507523.5, "the id 1742507523.5 is no map id"),
    ],
)
def test_a_saved_last_body_with_a_bad_id_is_refused(tmp_path, raw_id, needle) -> None:
    last = saved_last_body(tmp_path / "last.json", id=raw_id)
    with pytest.raises(DeepStateFormatError) as info:
        read_map_file_with_id(last)
    assert_one_line(info.value, "DeepState map file last.json", needle)
    # Read for its map alone (the cache, a folder), the body's id is not asked for.
    assert read_map_file(last) == raw_json(ID_0320)


def test_fake_server_records_look_like_deepstate(deepstate_site) -> None:
    record = deepstate_site.record(ID_0304)
    assert record["createdAt"] == "2025-03-04T00:15:45.000Z" == iso_utc(ID_0304)
    assert record["descriptionEn"].startswith("The enemy advanced near <a href=")


def test_records_with_an_impossible_id_or_time_are_left_out(deepstate_server, tmp_path) -> None:
    """A record whose id lies past 2038, or whose time cannot be put in UTC, crashed the
    whole list (year 33658 is out of range; OverflowError): such a record is left out."""
    records = [
        deepstate_server.site.record(ID_0304),
        {"id": 1000000000000},
        {"id": ID_0304 + 60, "createdAt": "0001-01-01T00:00:00+05:00"},
    ]
    deepstate_server.site.fail("public", Failure.replace(json.dumps(records).encode()))
    updates = make_client(deepstate_server.base_url, tmp_path).updates()
    assert [u.id for u in updates] == [ID_0304, ID_0304 + 60]
    assert updates[1].created == snapshot_time(ID_0304 + 60)  # the id tells the time


def test_a_stray_file_named_like_a_huge_map_id_is_no_cached_map(deepstate_server, tmp_path):
    (tmp_path / "deepstate_1000000000000.geojson").write_bytes(raw_bytes(ID_0304))
    client = make_client(deepstate_server.base_url, tmp_path, offline=True)
    assert client.cached_ids() == []


def test_offline_a_list_cached_before_the_day_ended_is_said(deepstate_server, tmp_path) -> None:
    """The list cached in the early hours of 2025-03-04: offline, the map chosen for that
    day is the last the list knew, and a later one may exist. It was chosen silently (with a
    list cached months before, a map months old was given as the day's)."""
    early = snapshot_time(ID_0304).timestamp() + 3600  # 2025-03-04 01:15 UTC
    make_client(deepstate_server.base_url, tmp_path, clock=lambda: early).updates()
    notes: list = []
    offline = make_client(
        refused_url(), tmp_path, offline=True, clock=lambda: LATER, on_note=notes.append
    )
    assert offline.update_for_date(date(2025, 3, 4)).id == ID_0304
    assert [str(n) for n in notes] == [
        "offline, with the update list cached at 2025-03-04 01:15 UTC: a later map for "
        "2025-03-04 may exist"
    ]
    notes.clear()
    offline.update_for_date(date(2025, 3, 3))  # that day had ended when the list was cached
    assert notes == []


def test_offline_a_series_says_what_the_cache_may_miss(deepstate_server, tmp_path) -> None:
    """A series offline without any cached list has the cached maps only; with a list cached
    before DATE_TO ended, the maps published after it are missing."""
    make_client(deepstate_server.base_url, tmp_path).map_data(ID_0304)  # a map, no list
    notes: list = []
    offline = make_client(refused_url(), tmp_path, offline=True, on_note=notes.append)
    offline.updates()
    offline.note_stale_list(date(2025, 3, 6), series=True)
    assert [str(n) for n in notes] == [
        "offline, with no update list in the cache: the series has only the cached maps up "
        "to 2025-03-06; others may exist"
    ]
    early = snapshot_time(ID_0304).timestamp() + 3600  # 2025-03-04 01:15 UTC
    make_client(deepstate_server.base_url, tmp_path, clock=lambda: early).updates()
    notes.clear()
    offline = make_client(refused_url(), tmp_path, offline=True, on_note=notes.append)
    offline.updates()
    offline.note_stale_list(date(2025, 3, 4), series=True)
    offline.note_stale_list(date(2025, 3, 3), series=True)  # ended before the list was cached
    assert [str(n) for n in notes] == [
        "offline, with the update list cached at 2025-03-04 01:15 UTC: maps published after "
        "it, up to 2025-03-04, are not in the series unless cached"
    ]


def test_a_download_is_given_up_at_the_total_timeout_while_the_server_waits(
    deepstate_server, tmp_path
) -> None:
    """Each read may wait for a whole chunk, within the read timeout: the total limit is
    kept by the waiting thread, not between chunks only."""
    deepstate_server.site.fail("geojson", Failure(delay=3.0))
    client = make_client(deepstate_server.base_url, tmp_path, total_timeout=0.5, max_retries=0)
    started = time.monotonic()
    with pytest.raises(DeepStateTimeoutError) as info:
        client.map_data(ID_0304)
    assert time.monotonic() - started < 2.0
    assert_one_line(info.value, "the download took over 0 s")  # 0.5 s, rounded


def test_tls_to_a_plain_http_server_names_the_reason_and_is_not_retried(
    deepstate_server, tmp_path
) -> None:
    """It said "TLS certificate verification failed" whatever went wrong."""
    sleeps = Sleeps()
    url = deepstate_server.base_url.replace("http://", "https://")
    client = make_client(url, tmp_path, sleep=sleeps)
    with pytest.raises(DeepStateNetworkError) as info:
        client.updates()
    assert_one_line(info.value, "DeepState update list: TLS failed (")
    assert "certificate" not in str(info.value) and sleeps == []
