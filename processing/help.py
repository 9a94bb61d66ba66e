"""Help texts of Frontline's algorithms: definitions, units, parameters, limits, an example.

Each text is a literal passed to ``tr()`` so that Qt's translation tools find it.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("FrontlineHelp", text)


def _deepstatesnapshot() -> str:
    return tr(
        "<p>Loads one DeepStateMAP map as polygon and point layers in EPSG:4326, with every "
        "polygon classified by its fill colour and measured on the WGS84 ellipsoid.</p>"
        "<h3>Which map</h3><ul>"
        "<li><b>SOURCE_FILE</b>: a raw map already on disk (the body of DeepState's "
        "<code>/api/history/&lt;id&gt;/geojson</code>); nothing is downloaded. A file named "
        "<code>..._&lt;id&gt;.geojson</code> gives the snapshot id and time.</li>"
        "<li>else <b>SNAPSHOT_ID</b> &gt; 0: that update;</li>"
        "<li>else <b>DATE</b> (YYYY-MM-DD): the last update created on or before the end of that "
        "day in Kyiv time;</li><li>else the latest map.</li></ul>"
        "<h3>Classes</h3><p>occupied (#a52714), occupied_before_2022 (#880e4f), grey_zone "
        "(#bcaaa4), grey_zone_in_russia (#bdbdbd), ua_held_in_russia (#01579b), liberated "
        "(#0f9d58, #0288d1), other_territories (#ff5252: editorial areas outside Ukraine). "
        "Points: unit, attack_direction, airfield, other. Uncoloured ground is held by the "
        "country it lies in; DeepState does not draw the state border.</p>"
        "<h3>Outputs</h3><p><b>OUTPUT</b> polygons with snapshot_id, snapshot_time (UTC), "
        "class, name_en, name_uk, key (plain text: HTML and markup removed) and area_km2 "
        "(geodesic, km²). <b>OUTPUT_POINTS</b> (optional) points with the same fields and a "
        "plain-text description. Results SNAPSHOT_ID and SNAPSHOT_TIME.</p>"
        "<h3>Network</h3><p>Maps are cached one file per map id in the QGIS profile (setting "
        "frontline/cache_dir); the update list is cached for 10 minutes. OFFLINE uses the cache "
        "only. Downloads use QGIS's proxy settings, time out, retry a few times on server errors "
        "and on HTTP 429 (honouring Retry-After), and refuse bodies over 64 MB.</p>"
        "<h3>Example</h3><pre>qgis_process run frontline:deepstatesnapshot -- DATE=2024-11-01 "
        "OUTPUT=deepstate_2024-11-01.gpkg</pre>"
        "<p>Map data: DeepStateMAP (deepstatemap.live).</p>"
    )


_HELP = {"deepstatesnapshot": _deepstatesnapshot}


def help_html(algorithm_id: str) -> str:
    return _HELP[algorithm_id]()
