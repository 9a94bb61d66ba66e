"""Choosing the maps of a date range."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from fltest import data
from fltest.clients import make_client
from fltest.deepstate_server import refused_url
from frontline.core.errors import DeepStateOfflineError
from frontline.core.schedule import (
    before_first_map,
    check_not_future,
    days,
    maps_in_folder,
    select_updates,
    series_updates,
    snapshot_id_from_name,
    updates_for_ids,
)


def test_ids_from_file_names():
    assert snapshot_id_from_name("deepstate_20241101T2111Z_1730495471.geojson") == 1730495471
    assert snapshot_id_from_name("1730495471.geojson") == 1730495471
    assert snapshot_id_from_name("occupied.geojson") is None
    assert snapshot_id_from_name("deepstate_1733089579 (1).geojson") == 1733089579
    assert snapshot_id_from_name("map-1733089579.geojson") == 1733089579
    assert snapshot_id_from_name("мапа 1730495471.geojson") == 1730495471
    assert snapshot_id_from_name("deepstate_20241101T2111Z.geojson") is None  # no id, a date


def test_real_folder_has_every_map():
    found = maps_in_folder(data.RAW_DIR)
    assert len(found) == len(data.raw_maps()) == 57
    assert found[1730495471].name.endswith("_1730495471.geojson")


def test_daily_selection_across_kyiv_midnight():
    # 2025-03-02 13:33Z and 22:22Z (00:22 on 3 March in Kyiv), then 2025-03-04 00:15Z (02:15).
    updates = updates_for_ids([1740922425, 1740954151, 1741047345])
    chosen = select_updates(updates, date(2025, 3, 2), date(2025, 3, 4), 1)
    assert [u.id for u in chosen] == [1740922425, 1740954151, 1741047345]
    two_days = select_updates(updates, date(2025, 3, 2), date(2025, 3, 4), 2)
    assert [u.id for u in two_days] == [1740922425, 1741047345]


def test_the_last_day_is_chosen_whatever_the_step():
    """Weekly from 2024-10-13 to 2024-11-01: the steps end on 10-27, and the map of 11-01
    (1730495471, made that evening) was left out of the range asked for."""
    updates = updates_for_ids(data.map_id(p) for p in data.raw_maps())
    chosen = select_updates(updates, date(2024, 10, 13), date(2024, 11, 1), 7)
    assert [u.kyiv_date for u in chosen][-1] == date(2024, 11, 1)
    assert chosen[-1].id == 1730495471
    assert days(date(2024, 10, 13), date(2024, 11, 1), 7) == [
        date(2024, 10, 13),
        date(2024, 10, 20),
        date(2024, 10, 27),
        date(2024, 11, 1),
    ]
    assert days(date(2024, 10, 13), date(2024, 10, 27), 7)[-1] == date(2024, 10, 27)


def test_a_range_starting_before_the_first_map_says_so():
    updates = updates_for_ids([1740922425, 1741047345])  # 2025-03-02 and 03-04
    note = before_first_map(updates, date(2025, 2, 20))
    assert str(note) == (
        "DATE_FROM (2025-02-20) is before the first DeepState map (2025-03-02): days before it "
        "choose none."
    )
    in_folder = before_first_map(updates, date(2025, 2, 20), folder=True)
    assert str(in_folder).startswith("DATE_FROM (2025-02-20) is before the first map in the folder")
    assert before_first_map(updates, date(2025, 3, 2)) is None
    assert before_first_map([], date(2025, 2, 20)) is None


def test_a_day_without_a_new_map_repeats_no_map():
    updates = updates_for_ids([1740922425])
    chosen = select_updates(updates, date(2025, 3, 2), date(2025, 3, 10), 1)
    assert [u.id for u in chosen] == [1740922425]


def test_no_dates_means_every_map_and_bad_ranges_are_refused():
    updates = updates_for_ids([3, 1, 2])
    assert [u.id for u in select_updates(updates, None, None)] == [1, 2, 3]
    with pytest.raises(ValueError, match="DATE_TO"):
        select_updates(updates, date(2025, 3, 5), date(2025, 3, 1))
    with pytest.raises(ValueError, match="STEP_DAYS"):
        select_updates(updates, date(2025, 3, 1), date(2025, 3, 5), 0)
    with pytest.raises(ValueError, match="DATE_FROM"):
        select_updates(updates, date(2025, 3, 1), None)


def _in_capitals(template: str) -> str:
    return template.upper().replace("{DATE_TO}", "{date_to}").replace("{DATE_FROM}", "{date_from}")


def test_date_range_errors_carry_a_text_to_translate():
    """They were plain English strings, so the glue could only show them in English."""
    updates = updates_for_ids([1740922425])
    with pytest.raises(ValueError) as reversed_range:
        select_updates(updates, date(2025, 3, 5), date(2025, 3, 1))
    assert str(reversed_range.value) == "DATE_TO (2025-03-01) is before DATE_FROM (2025-03-05)."
    assert reversed_range.value.text.localised(_in_capitals) == (
        "DATE_TO (2025-03-01) IS BEFORE DATE_FROM (2025-03-05)."
    )
    copied = pickle.loads(pickle.dumps(reversed_range.value))  # the copy keeps its Text
    assert copied.text == reversed_range.value.text
    with pytest.raises(ValueError) as one_date:
        select_updates(updates, None, date(2025, 3, 1))
    assert one_date.value.text.localised(str.upper) == (
        "DATE_FROM AND DATE_TO: GIVE BOTH DATES, OR NEITHER WITH A FOLDER."
    )


def test_a_day_after_today_in_kyiv_is_refused_today_is_not():
    today = date(2025, 3, 4)
    check_not_future(date(2025, 3, 1), today, today)
    check_not_future(None, None, today)
    with pytest.raises(ValueError) as date_to:
        check_not_future(date(2025, 3, 1), date(2025, 3, 5), today)
    assert (
        str(date_to.value) == "DATE_TO (2025-03-05) is in the future: today is 2025-03-04 in Kyiv."
    )
    with pytest.raises(ValueError) as date_from:
        check_not_future(date(2099, 1, 1), date(2099, 12, 31), today)
    assert date_from.value.text.fields["name"] == "DATE_FROM"
    assert str(date_from.value).startswith("DATE_FROM (2099-01-01) is in the future")


def test_offline_series_before_the_cached_maps_says_the_cache_lacks_them(
    deepstate_server, tmp_path
):
    """Only the latest map fetched, then offline: a series of earlier dates has maps DeepState
    published, the cache just lacks them (it said none was published)."""
    make_client(deepstate_server.base_url, tmp_path).latest()  # 2025-08-02, no list
    notes: list = []
    offline = make_client(refused_url(), tmp_path, offline=True, on_note=notes.append)
    with pytest.raises(DeepStateOfflineError) as info:
        series_updates(offline, date(2024, 8, 8), date(2024, 12, 1), 7)
    assert str(info.value) == (
        "offline: no map made on or before 2024-12-01, the last of the chosen dates, is in the "
        "cache (the oldest cached is from 2025-08-02; no update list is cached)"
    )
    chosen = series_updates(offline, date(2025, 7, 6), date(2025, 8, 3), 7)
    assert [u.id for u in chosen] == [1754166026]  # the cached map stands for 08-02 on
    assert [str(n) for n in notes] == [
        "offline, with no update list in the cache: the series has only the cached maps up "
        "to 2025-08-03; others may exist"
    ]


def test_a_series_before_the_first_published_map_chooses_none(deepstate_server, tmp_path):
    """Online, or offline with the list cached, no map of the dates was published: none is
    chosen, and the caller says so."""
    online = make_client(deepstate_server.base_url, tmp_path)
    assert series_updates(online, date(2022, 1, 1), date(2022, 1, 31), 7) == []
    offline = make_client(refused_url(), tmp_path, offline=True)
    assert series_updates(offline, date(2022, 1, 1), date(2022, 1, 31), 7) == []
