"""Which maps a date range asks for, from DeepState's update list or from a folder of maps."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from .deepstate import DeepStateClient, Update, choose_update, snapshot_time
from .errors import N_, Text, TextError

FILE_ID = re.compile(r"(?<!\d)\d{9,11}(?!\d)")


class DateRangeError(TextError, ValueError):
    """Dates that choose no maps."""


def snapshot_id_from_name(name: str) -> int | None:
    """The DeepState id in a map's file name: the last run of 9 to 11 digits of its stem, as
    in ``deepstate_..._1730495471.geojson``, ``map-1730495471.geojson`` or a downloaded copy
    ``deepstate_1730495471 (1).geojson``."""
    found = FILE_ID.findall(Path(name).stem)
    return int(found[-1]) if found else None


def maps_in_folder(folder: str | Path) -> dict[int, Path]:
    """Raw maps in a folder, by DeepState id (taken from the file names); later files with the
    same id replace earlier ones in name order."""
    found = {}
    for path in sorted(Path(folder).glob("*.geojson")):
        snapshot_id = snapshot_id_from_name(path.name)
        if snapshot_id is not None:
            found[snapshot_id] = path
    return found


def updates_for_ids(ids) -> list[Update]:
    """Bare updates (no descriptions) for known ids, oldest first."""
    return [Update(i, snapshot_time(i), "", "", ()) for i in sorted(ids)]


def check_not_future(date_from: date | None, date_to: date | None, today: date) -> None:
    """Refuses a date after ``today``, the Kyiv calendar day: no map of it is published yet
    (the last map would stand for days to come)."""
    for name, day in (("DATE_FROM", date_from), ("DATE_TO", date_to)):
        if day is not None and day > today:
            raise DateRangeError(
                Text(
                    N_("{name} ({day}) is in the future: today is {today} in Kyiv."),
                    name=name,
                    day=day.isoformat(),
                    today=today.isoformat(),
                )
            )


def days(date_from: date, date_to: date, step_days: int) -> list[date]:
    if step_days < 1:
        raise DateRangeError(Text(N_("STEP_DAYS: must be at least 1.")))
    if date_to < date_from:
        raise DateRangeError(
            Text(
                N_("DATE_TO ({date_to}) is before DATE_FROM ({date_from})."),
                date_to=date_to.isoformat(),
                date_from=date_from.isoformat(),
            )
        )
    count = (date_to - date_from).days // step_days + 1
    chosen = [date_from + timedelta(days=i * step_days) for i in range(count)]
    if chosen[-1] != date_to:  # the range asked for ends there: its last map is wanted
        chosen.append(date_to)
    return chosen


def before_first_map(
    updates: list[Update], date_from: date | None, *, folder: bool = False
) -> Text | None:
    """A note when DATE_FROM comes before the first map of ``updates`` (DeepState's, or a
    folder's): the days before it choose none."""
    if date_from is None or not updates:
        return None
    first = min(updates, key=lambda u: u.created)
    if date_from >= first.kyiv_date:
        return None
    template = (
        N_(
            "DATE_FROM ({day}) is before the first map in the folder ({first}): days before it "
            "choose none."
        )
        if folder
        else N_(
            "DATE_FROM ({day}) is before the first DeepState map ({first}): days before it "
            "choose none."
        )
    )
    return Text(template, day=date_from.isoformat(), first=first.kyiv_date.isoformat())


def select_updates(
    updates: list[Update], date_from: date | None, date_to: date | None, step_days: int = 1
) -> list[Update]:
    """The map of each day from date_from to date_to every step_days days, and of date_to
    (the last update created on or before the end of that day in Kyiv time), each map once,
    oldest first.
    Without dates, every update."""
    if date_from is None and date_to is None:
        return sorted(updates, key=lambda u: u.created)
    if date_from is None or date_to is None:
        raise DateRangeError(
            Text(N_("DATE_FROM and DATE_TO: give both dates, or neither with a folder."))
        )
    chosen: dict[int, Update] = {}
    for day in days(date_from, date_to, step_days):
        update = choose_update(updates, day)
        if update is not None:
            chosen[update.id] = update
    return sorted(chosen.values(), key=lambda u: u.created)


def series_updates(
    client: DeepStateClient, date_from: date, date_to: date, step_days: int = 1
) -> list[Update]:
    """The maps of a downloaded series (``select_updates`` over the client's list). Offline
    with no update list cached and no cached map by the last date, an error saying the cache
    lacks one (not that none was published); offline, a note of what the cache may miss;
    a note of days before the first map, when the client knows every map published."""
    updates = client.updates()
    chosen = select_updates(updates, date_from, date_to, step_days)
    if not chosen:
        client.check_cached_by(date_to, series=True)  # the last of the range's days
    client.note_stale_list(date_to, series=True)
    # None chosen is an error of its own; offline without a list, the first cached map is no
    # first map.
    known = chosen and client.lists_all_published
    note = before_first_map(updates, date_from) if known else None
    if note is not None:
        client.note(note)
    return chosen
