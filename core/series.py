"""Area series of mapped classes over many maps, and a self-contained HTML chart of them.

Geometries are shapely geometries in one planar metric CRS (metres) shared by all maps, so that
areas and differences are comparable; results are in km².
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from shapely.geometry.base import BaseGeometry

from .diff import CancelCheck, DiffCancelledError, overlay_change
from .errors import N_
from .kyiv_time import kyiv_date
from .shapes import clean_polygonal

M2_PER_KM2 = 1e6


@dataclass(frozen=True)
class SeriesRow:
    """One class on one map.

    ``gained_km2`` and ``lost_km2`` compare with the previous map (every piece counts, so
    ``area_km2`` = previous area + gained - lost); NaN on the first map. ``share_of_first`` is
    the area over the class's area on the first map where it has any (0 before that map);
    ``share_of_max`` the area over the class's largest area in the series. Both are NaN for a
    class that never has any area.
    """

    snapshot_time: datetime
    cls: str
    area_km2: float
    gained_km2: float
    lost_km2: float
    share_of_first: float
    share_of_max: float


def series_rows(
    snapshots: Sequence[tuple[datetime, Mapping[str, BaseGeometry | None]]],
    classes: Iterable[str],
    *,
    is_cancelled: CancelCheck = None,
) -> list[SeriesRow]:
    """One row per map and class, maps in time order (stable for equal times), then classes in
    the given order. A class missing from a map's mapping has no area there."""
    ordered = sorted(snapshots, key=lambda snapshot: snapshot[0])
    names = list(dict.fromkeys(classes))
    columns = {name: _class_column(ordered, name, is_cancelled) for name in names}
    rows = []
    for index, (time, _) in enumerate(ordered):
        for name in names:
            area, gained, lost, of_first, of_max = (values[index] for values in columns[name])
            rows.append(SeriesRow(time, name, area, gained, lost, of_first, of_max))
    return rows


def _class_column(ordered, name: str, is_cancelled: CancelCheck) -> tuple[np.ndarray, ...]:
    """Area, gained, lost, share of first and share of max of one class along the maps."""
    count = len(ordered)
    area, gained, lost = np.zeros(count), np.full(count, np.nan), np.full(count, np.nan)
    previous = None
    for index, (_, geometries) in enumerate(ordered):
        if is_cancelled is not None and is_cancelled():
            raise DiffCancelledError()
        current = clean_polygonal(geometries.get(name))
        area[index] = current.area / M2_PER_KM2
        if previous is not None:
            gained[index], lost[index] = _change_km2(previous, current)
        previous = current
    present = np.flatnonzero(area > 0.0)
    first = area[present[0]] if len(present) else math.nan
    largest = area.max() if len(present) else math.nan
    return area, gained, lost, area / first, area / largest


def _change_km2(before: BaseGeometry, after: BaseGeometry) -> tuple[float, float]:
    if before.equals_exact(after, 0.0):  # DeepState often republishes a class unchanged
        return 0.0, 0.0
    overlay = overlay_change(before, after)
    return overlay.gained.area / M2_PER_KM2, overlay.lost.area / M2_PER_KM2


# --- HTML chart ------------------------------------------------------------------------------

_PALETTE = ("#a52714", "#01579b", "#6a1b9a", "#2e7d32", "#ef6c00", "#455a64", "#c2185b")
_WIDTH, _HEIGHT = 760, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 78, 40, 16, 40  # room for a centred last date

_STYLE = """
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin: 1.4em 0 0.3em; }
svg { display: block; }
svg text { font-size: 11px; fill: #444; }
.grid { stroke: #e0e0e0; } .axis { stroke: #888; }
table { border-collapse: collapse; margin-top: 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; }
td { text-align: right; } td.text { text-align: left; }
th { background: #f0f0f0; }
"""


Translate = Callable[[str], str]

# The page's words: English templates the glue translates (the core has no Qt).
_LANGUAGE = N_("en")  # this translation's language code, for the page's lang attribute
_NO_MAPS = N_("No maps.")
_HEADING = N_("{name}: area (km²)")
_CHART_LABEL = N_("{name}: area in km² from {start} to {end}")
_POINT_TIP = N_("{time}: {area} km²")
_TABLE_HEAD = (
    N_("snapshot time"),
    N_("class"),
    N_("area km²"),
    N_("gained km²"),
    N_("lost km²"),
    N_("share of first"),
    N_("share of max"),
)


def _same(text: str) -> str:
    return text


def _say(translate: Translate, template: str, **fields: object) -> str:
    """The template translated and filled in; in English if the translation is broken (an
    unknown field, say): a page with an English heading beats no page."""
    try:
        return translate(template).format(**fields)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return template.format(**fields)


def series_chart_html(
    rows: Sequence[SeriesRow],
    title: str,
    translate: Translate = _same,
    label: Translate = _same,
) -> str:
    """A self-contained HTML page: one inline SVG line chart of area per class (own y scale,
    shared time axis), then the table of all rows. Every text is HTML-escaped.

    ``translate`` gives the page's words in the user's language, ``label`` a class's name
    for the headings (the table keeps the class ids of the series layer). Numbers group
    thousands with a narrow no-break space, as the dock does, whatever the language."""
    names = list(dict.fromkeys(row.cls for row in rows))
    times = sorted({row.snapshot_time for row in rows})
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_esc(translate(_LANGUAGE))}"><head><meta charset="utf-8">',
        f"<title>{_esc(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_esc(title)}</h1>",
    ]
    if not rows:
        parts.append(f"<p>{_esc(translate(_NO_MAPS))}</p>")
    for index, name in enumerate(names):
        colour = _PALETTE[index % len(_PALETTE)]
        series = [(row.snapshot_time, row.area_km2) for row in rows if row.cls == name]
        parts.append(f"<h2>{_esc(_say(translate, _HEADING, name=label(name)))}</h2>")
        parts.append(_chart_svg(label(name), series, times, colour, translate))
    if rows:
        parts.append(_table_html(rows, translate))
    parts.append("</body></html>")
    return "\n".join(parts)


def _chart_svg(name: str, series, times: list[datetime], colour: str, translate: Translate) -> str:
    t0, t1 = times[0].timestamp(), times[-1].timestamp()
    ticks = _nice_ticks([area for _, area in series])
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    base = _TOP + plot_h

    def x_of(seconds: float) -> float:
        if t1 == t0:
            return _LEFT + plot_w / 2.0
        return _LEFT + (seconds - t0) / (t1 - t0) * plot_w

    def y_of(area: float) -> float:
        return _TOP + plot_h * (high - area) / (high - low)

    label = _say(translate, _CHART_LABEL, name=name, start=_date(times[0]), end=_date(times[-1]))
    out = [f'<svg width="{_WIDTH}" height="{_HEIGHT}" role="img" aria-label="{_esc(label)}">']
    decimals = _tick_decimals(ticks)
    for tick in ticks:
        out.append(_line("grid", _LEFT, _WIDTH - _RIGHT, y_of(tick), y_of(tick)))
        out.append(_text(_LEFT - 6, y_of(tick) + 4, "end", _grouped(tick, decimals)))
    for seconds in _time_ticks(t0, t1):
        x = x_of(seconds)
        out.append(_line("axis", x, x, base, base + 4))
        out.append(_text(x, base + 18, "middle", _date(_at(seconds, times[0]))))
    out.append(_line("axis", _LEFT, _WIDTH - _RIGHT, base, base))
    xy = [(x_of(time.timestamp()), y_of(area)) for time, area in series]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>')
    for (time, area), (x, y) in zip(series, xy):
        tip = _esc(_say(translate, _POINT_TIP, time=_when(time), area=_number(area)))
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{tip}</title></circle>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _line(css_class: str, x1: float, x2: float, y1: float, y2: float) -> str:
    return f'<line class="{css_class}" x1="{x1:.1f}" x2="{x2:.1f}" y1="{y1:.1f}" y2="{y2:.1f}"/>'


def _text(x: float, y: float, anchor: str, text: str) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{_esc(text)}</text>'


def _table_html(rows: Sequence[SeriesRow], translate: Translate) -> str:
    head = "".join(f"<th>{_esc(translate(h))}</th>" for h in _TABLE_HEAD)
    out = ["<table>", f"<tr>{head}</tr>"]
    for row in rows:
        cells = [
            f'<td class="text">{_esc(_when(row.snapshot_time))}</td>',
            f'<td class="text">{_esc(row.cls)}</td>',
            *(
                f"<td>{_esc(_number(value))}</td>"
                for value in (row.area_km2, row.gained_km2, row.lost_km2)
            ),
            *(
                f"<td>{_esc(_share(value))}</td>"
                for value in (row.share_of_first, row.share_of_max)
            ),
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _nice_ticks(values: Sequence[float], target: int = 5) -> list[float]:
    """Round ticks (steps of 1, 2 or 5 times a power of ten) covering the values; from 0 unless
    the values stay far from it, so that small changes of a large area remain visible."""
    finite = [v for v in values if math.isfinite(v)]
    high = max(finite, default=0.0)
    low = min(finite, default=0.0)
    if high <= 0.0:
        return [0.0, 1.0]
    if low < 0.5 * high:
        low = 0.0
    span = high - low if high > low else abs(high) * 0.01
    raw = span / target
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)
    first = math.floor(low / step + 1e-9)
    last = max(math.ceil(high / step - 1e-9), first + 1)
    return [i * step for i in range(first, last + 1)]


def _tick_decimals(ticks: list[float]) -> int:
    step = ticks[1] - ticks[0]
    return max(0, -math.floor(math.log10(step) + 1e-9))


def _time_ticks(t0: float, t1: float, count: int = 6) -> list[float]:
    """Evenly spaced instants (POSIX seconds) from the first map to the last."""
    if t1 == t0:
        return [t0]
    return list(np.linspace(t0, t1, count))


def _at(seconds: float, like: datetime) -> datetime:
    return (
        datetime.fromtimestamp(seconds, tz=like.tzinfo)
        if like.tzinfo
        else datetime.fromtimestamp(seconds)
    )


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _date(time: datetime) -> str:
    """The day in Kyiv, by which maps are chosen (a map of 22:22 UTC is the next day's)."""
    return (kyiv_date(time) if time.tzinfo else time.date()).isoformat()


def _when(time: datetime) -> str:
    zone = time.strftime("%Z")
    return time.strftime("%Y-%m-%d %H:%M") + (f" {zone}" if zone else "")


def _number(value: float) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    if value != 0.0 and abs(value) < 10:
        return _grouped(value, 3)
    return _grouped(value, 1)


def _grouped(value: float, decimals: int) -> str:
    """The number with thousands apart by a narrow no-break space (no comma, which reads
    as a decimal point in Ukrainian and most of Europe)."""
    return f"{value:,.{decimals}f}".replace(",", "\u202f")


def _share(value: float) -> str:
    return "–" if value is None or not math.isfinite(value) else f"{value:.4f}"
