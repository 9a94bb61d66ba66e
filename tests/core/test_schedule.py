"""Choosing the maps of a date range."""

from __future__ import annotations

from datetime import date

import pytest

from fltest import data
from frontline.core.schedule import (
    maps_in_folder,
    select_updates,
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
