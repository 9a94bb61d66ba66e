"""What the dock shows: figures, descriptions and the sides it analyses, as plain functions."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import datetime, timezone

from qgis.PyQt.QtCore import QCoreApplication

from ..core.classes import (
    OCCUPIED,
    OCCUPIED_BEFORE_2022,
    UA_HELD_IN_RUSSIA,
)
from ..processing.styles import class_labels


def tr(text: str) -> str:
    return QCoreApplication.translate("Frontline", text)


ATTRIBUTION_URL = "https://deepstatemap.live"


@dataclass(frozen=True)
class Side:
    """Ground one side holds on a DeepState map.

    No hostile layer goes with it: DeepState leaves the ground each army holds outright
    uncoloured (it belongs to the country it lies in), and frontline:encirclement counts all
    ground that is neither held nor rear as hostile when it is given none.
    """

    key: str
    held: tuple[str, ...]  # polygon classes of the held ground

    @property
    def label(self) -> str:
        return side_labels()[self.key]


def side_labels() -> dict[str, str]:
    return {
        "ua_held_in_russia": tr("Ukrainian-held ground in Russia"),
        "occupied": tr("Occupied ground in Ukraine (since 2022 and before)"),
    }


SIDES: dict[str, Side] = {
    side.key: side
    for side in (
        Side("ua_held_in_russia", (UA_HELD_IN_RUSSIA,)),
        Side("occupied", (OCCUPIED, OCCUPIED_BEFORE_2022)),
    )
}
DEFAULT_SIDE = "ua_held_in_russia"


def class_label(cls: str) -> str:
    return class_labels().get(cls, cls)


def km2(value: float | None) -> str:
    """An area in km² with one decimal and thousands separated by a thin space."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.1f}".replace(",", "\u202f")


def signed_km2(value: float | None) -> str:
    """A change in km²: always signed, 0.0 shown as ±0.0."""
    if value is None:
        return "–"
    if round(value, 1) == 0:
        return "±0.0"
    return ("+" if value > 0 else "−") + km2(abs(value))


def distance(metres: float | None) -> str:
    """A distance: metres below 1 km, else km with two decimals below 10 km."""
    if metres is None or (isinstance(metres, float) and math.isnan(metres)):
        return "–"
    if metres < 1000:
        return tr("{} m").format(f"{metres:.0f}")
    if metres < 10000:
        return tr("{} km").format(f"{metres / 1000:.2f}")
    return tr("{} km").format(f"{metres / 1000:.1f}")


def share(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{100 * value:.1f} %"


def file_size(size: int) -> str:
    """Bytes below 1 KB, else KB, MB or GB with one decimal, in the language's units."""
    if size < 1024:
        return tr("{} B").format(f"{size:.0f}")
    value = size / 1024
    multiples = (tr("{} KB"), tr("{} MB"), tr("{} GB"))
    for unit in multiples[:-1]:
        if value < 1024:
            return unit.format(f"{value:.1f}")
        value /= 1024
    return multiples[-1].format(f"{value:.1f}")


def map_time(moment: datetime) -> str:
    """How the dock names a map: its creation time in UTC."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def description_html(text: str, links: tuple[tuple[str, str], ...] | list) -> str:
    """A plain-text description as HTML with each place link on its label.

    The text is escaped (it may contain anything); each (label, url) becomes an anchor on the
    label's first occurrence after the previous link; links whose label is not found are
    listed after the text.
    """
    parts: list[str] = []
    leftover: list[tuple[str, str]] = []
    position = 0
    for label, url in links:
        if not str(url).lower().startswith(("https://", "http://")):
            continue
        found = text.find(label, position) if label else -1
        if found < 0:
            leftover.append((label, url))
            continue
        parts.append(html.escape(text[position:found]))
        parts.append(_anchor(label, url))
        position = found + len(label)
    parts.append(html.escape(text[position:]))
    body = "".join(parts).replace("\n", "<br>")
    if leftover:
        places = ", ".join(_anchor(label or url, url) for label, url in leftover)
        body += "<br>" + html.escape(tr("Places:")) + " " + places
    return f"<p>{body}</p>"


def _anchor(label: str, url: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'


def totals_html(title: str, rows: list[tuple[str, str]]) -> str:
    """A title over a two-column table of figures (everything escaped)."""
    cells = "".join(
        f"<tr><td>{html.escape(name)}</td>"
        f'<td align="right" style="padding-left: 12px">{html.escape(value)}</td></tr>'
        for name, value in rows
    )
    return (
        f'<p><b>{html.escape(title)}</b></p><table cellspacing="0" cellpadding="1">{cells}</table>'
    )


def attribution_html() -> str:
    return tr('Map data: <a href="{}">DeepStateMAP</a>').format(ATTRIBUTION_URL)


def neck_figures(attributes: dict) -> str:
    """One line about a neck from the fields of frontline:corridorwidth's output."""
    parts = [tr("{} wide").format(distance(attributes.get("width_m")))]
    length = attributes.get("corridor_length_m")
    if length:
        parts.append(tr("corridor {}").format(distance(length)))
    side_a, side_b = attributes.get("side_a_km2"), attributes.get("side_b_km2")
    if side_a is not None and side_b is not None:
        parts.append(tr("sides {} and {} km²").format(km2(side_a), km2(side_b)))
    return ", ".join(parts)


def pocket_statuses() -> dict[str, str]:
    return {
        "encircled": tr("encircled"),
        "near_encircled": tr("nearly encircled"),
        "salient": tr("salient"),
        "secure": tr("secure"),
    }


def pocket_figures(attributes: dict) -> str:
    """One line about a piece from the fields of frontline:encirclement's output."""
    statuses = pocket_statuses()
    status = attributes.get("status")
    if status not in statuses or attributes.get("area_km2") is None:
        return generic_figures(attributes)
    parts = [
        statuses[status],
        tr("{} km² ({} of the held ground)").format(
            km2(attributes["area_km2"]), share(attributes.get("share"))
        ),
        tr("opening {}").format(distance(attributes.get("opening_m"))),
    ]
    if attributes.get("hostile_contact") is not None:
        parts.append(tr("{} of its edge hostile").format(share(attributes["hostile_contact"])))
    if attributes.get("fire_controlled"):
        parts.append(tr("opening under fire"))
    return ", ".join(parts)


def generic_figures(attributes: dict, skip: tuple[str, ...] = ("rank",)) -> str:
    """The numeric attributes of a feature, named, for outputs whose fields the dock does not
    know one by one (units read from the field name's suffix)."""
    parts = []
    for name, value in attributes.items():
        if name in skip or name in ("fid", "id") or name.endswith("_id"):
            continue  # identifiers are not figures
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if name.endswith("_km2"):
            parts.append(f"{name[:-4].replace('_', ' ')} " + tr("{} km²").format(km2(value)))
        elif name.endswith("_m"):
            parts.append(f"{name[:-2].replace('_', ' ')} {distance(value)}")
        elif name.endswith("_share") or name == "share":
            parts.append(f"{name.replace('_', ' ')} {share(value)}")
        else:
            parts.append(f"{name.replace('_', ' ')} {value:g}")
    return ", ".join(parts)
