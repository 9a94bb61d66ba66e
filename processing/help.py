"""Help texts of Frontline's algorithms: definitions, units, parameters, limits, an example.

Each text is a literal passed to ``tr()`` so that Qt's translation tools find it.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("Frontline", text)


def _deepstatesnapshot() -> str:
    return tr(
        "<p>Loads one DeepStateMAP map as polygon and point layers in EPSG:4326, with every "
        "polygon classified by its fill colour and measured on the WGS84 ellipsoid.</p>"
        "<h3>Which map</h3><ul>"
        "<li><b>SOURCE_FILE</b>: a raw map already on disk (the body of DeepState's "
        "<code>/api/history/&lt;id&gt;/geojson</code>, or a saved "
        "<code>/api/history/last</code> answer); nothing is downloaded. A saved "
        "<code>/last</code> answer holds its map id, which gives the snapshot id and time; "
        "otherwise a file whose name holds the map id (9 to 11 digits, e.g. "
        "<code>deepstate_1730495471.geojson</code>) gives them. When the name and the file's "
        "own id differ, the file's id is used, with a warning.</li>"
        "<li>else <b>SNAPSHOT_ID</b> &gt; 0: that update;</li>"
        "<li>else <b>DATE</b> (YYYY-MM-DD): the last update created on or before the end of that "
        "day in Kyiv time;</li><li>else the latest map.</li></ul>"
        "<h3>Classes</h3><p>occupied (#a52714), occupied_before_2022 (#880e4f, and #000000 "
        "in 2022), grey_zone (#bcaaa4, and #bdbdbd before 2024-08-06), grey_zone_in_russia "
        "(#bdbdbd), ua_held_in_russia (#01579b), liberated (#0f9d58, #0288d1), "
        "other_territories (#ff5252: editorial areas outside Ukraine). CLASSES chooses which "
        "polygons are kept; by default all but other_territories. "
        "Points: unit, attack_direction, airfield, other. Uncoloured ground is held by the "
        "country it lies in; DeepState does not draw the state border.</p>"
        "<h3>Outputs</h3><p><b>OUTPUT</b> polygons with snapshot_id, snapshot_time (UTC), "
        "class, name_en, name_uk, key (plain text: HTML and markup removed) and area_km2 "
        "(geodesic, km²). <b>OUTPUT_POINTS</b> (optional) points with the same fields but "
        "area_km2, and a plain-text description. Results SNAPSHOT_ID and SNAPSHOT_TIME. "
        "QGIS 3.22 writes times to files (GeoPackage, CSV) without a time zone: read back, "
        "they show the UTC clock time as local time.</p>"
        "<h3>Network</h3><p>Maps are cached one file per map id in the QGIS profile (setting "
        "frontline/cache_dir); the update list is cached for 10 minutes. OFFLINE uses the cache "
        "only. Downloads use QGIS's proxy settings, time out, retry a few times on server errors "
        "and on HTTP 429 (honouring Retry-After), and refuse bodies over 64 MB.</p>"
        "<h3>Example</h3><pre>qgis_process run frontline:deepstatesnapshot -- DATE=2024-11-01 "
        "OUTPUT=deepstate_2024-11-01.gpkg</pre>"
        "<p>Map data: DeepStateMAP (deepstatemap.live).</p>"
    )


def _corridorwidth() -> str:
    return tr(
        "<p>Finds the narrowest necks of held ground: where a corridor is thinnest, how long the "
        "corridor runs, and how the neck splits the ground.</p>"
        "<h3>Definitions</h3><ul>"
        "<li>Each connected <b>part</b> of the input is measured on its own (with DISSOLVE, all "
        "features are merged first: a front is one area however it was drawn).</li>"
        "<li>A <b>neck</b> is a straight chord inside the part, with both ends on its boundary, "
        "that cuts the part into two sides each at least MIN_LOBE_AREA in area.</li>"
        "<li>Its <b>width</b> is the chord's length on the WGS84 ellipsoid, in metres.</li>"
        "<li>The <b>corridor</b> is the stretch of the part's centreline (medial axis) through "
        "the neck along which the local width stays at or below CORRIDOR_WIDTH (0 = twice the "
        "neck's width), the local width being the shortest cut across the centreline there; "
        "its length is corridor_length_m. It ends where the corridor opens into wider ground, "
        "without following that ground's edge into a corner.</li>"
        "<li>Each part reports its narrowest neck (rank 1), then further necks at other places "
        "(local minima of the width, also cuts across a pond between two corridors) narrower "
        "than MAX_WIDTH, up to MAX_NECKS. A local minimum is at another place when the ground "
        "joining it to each narrower neck is somewhere wider than that neck's corridor width: "
        "by default an 800 m corridor passing the 500 m stem of a salient (through a junction "
        "878 m across) counts with the salient's neck (whose corridor width is 1,000 m); "
        "CORRIDOR_WIDTH 850 reports both. A narrowest neck held by the area limit (a bulge's "
        "tip) hides only the necks in its own corridor. With "
        "CORRIDOR_WIDTH below a neck's width (no corridor), cross-sections less than 25 % "
        "wider along it are that neck.</li></ul>"
        "<h3>Parameters</h3><p>INPUT polygons in any CRS (multipart, holes); LAND (optional) "
        "clips the held ground first so that lagoons and reservoirs inside a drawn polygon do "
        "not count; MIN_LOBE_AREA in km²; MAX_WIDTH and CORRIDOR_WIDTH in metres.</p>"
        "<h3>Outputs</h3><p>OUTPUT: the neck chords (lines, input CRS) with part_id, rank, "
        "width_m, corridor_length_m, side_a_km2, side_b_km2, minor_share (the smaller side's "
        "share of the part, 0 to 0.5). OUTPUT_CORRIDORS (optional): corridor centrelines. "
        "Result MIN_WIDTH_M: the narrowest neck overall.</p>"
        "<h3>Limits</h3><p>Geometry is computed in a local Lambert azimuthal equal-area "
        "projection (areas exact on the ellipsoid); widths and lengths are measured again on "
        "the ellipsoid. A part with no neck (smaller than twice MIN_LOBE_AREA, or a ring round "
        "a hole: cuts across a hole are looked for where a pond lies between two corridors, "
        "not across a ring's own hole) gives no feature and a warning. Ground without any "
        "narrowing (a round or square blob) still "
        "has a narrowest neck: the chord that cuts off exactly MIN_LOBE_AREA at its sharpest "
        "bulge (side_a_km2 equals MIN_LOBE_AREA). Gaps and holes "
        "narrower than 1 m (slivers left where polygons drawn edge to edge are dissolved) are "
        "closed first, and polygons whose edges run less than 1 m apart along 10 m or more "
        "(drawn edge to edge) are one part; polygons meeting only at a corner are not. A "
        "corridor's width is taken across a hole narrower than its limit (a pond in it): the "
        "corridor goes on over it.</p>"
        "<h3>Example</h3><pre>qgis_process run frontline:corridorwidth -- INPUT=held.gpkg "
        "MIN_LOBE_AREA=1 MAX_WIDTH=5000 OUTPUT=necks.gpkg</pre>"
    )


def _frontlinediff() -> str:
    return tr(
        "<p>What changed hands between two maps of the ground one side holds.</p>"
        "<h3>Definitions</h3><ul>"
        "<li>BEFORE and AFTER are each dissolved; <b>gained</b> pieces are AFTER minus BEFORE, "
        "<b>lost</b> pieces are BEFORE minus AFTER, each split into connected pieces.</li>"
        "<li><b>depth_m</b>: how far a piece reaches beyond the earlier line: the largest "
        "distance from the earlier front (the boundary of BEFORE) to a point of the piece, "
        "counting only the stretch of front the piece touches (a piece touching none: its "
        "largest distance to the whole front). A piece cut by AREA_OF_INTEREST keeps the "
        "front its whole piece touches, so a part is never deeper than its whole.</li>"
        "<li><b>front_km</b>: the length of the earlier front the piece touches (its edges "
        "within 5 cm of it: maps redraw a line centimetres apart; where the piece is "
        "thinner than 1 m along the front, a hair between two maps' edges, it adds no "
        "front).</li>"
        "<li>Pieces smaller than MIN_AREA (km²) are redrawing noise; pieces thinner than "
        "MIN_WIDTH (m) everywhere are slivers. Both are left out of the output and of the "
        "GAINED and LOST totals. Pieces thinner than 1 mm everywhere are overlay noise (two "
        "maps drawing one line a hair apart) and always left out.</li></ul>"
        "<h3>Outputs</h3><p>OUTPUT: the pieces (input CRS) with change (gained or lost), "
        "area_km2, depth_m and front_km.</p>"
        "<h3>Results</h3><p>BEFORE_KM2, AFTER_KM2, GAINED_KM2, LOST_KM2, NET_KM2 (GAINED minus "
        "LOST), KEPT_SHARE (share of BEFORE not in LOST), MAX_DEPTH_M (the largest depth_m "
        "of a piece touching the front, itself or before AREA_OF_INTEREST cut it: an island "
        "or pocket touching none is no advance from it). With MIN_AREA "
        "and MIN_WIDTH at 0, AFTER = BEFORE + GAINED - LOST; what they leave out is reported "
        "in the log (a warning above 1 km²). AREA_OF_INTEREST limits every "
        "figure to the area inside it; LAND clips both layers first.</p>"
        "<h3>Limits</h3><p>Areas are exact on the WGS84 ellipsoid (local equal-area "
        "projection); distances are planar in that projection (within 0.1 % over a few hundred "
        "kilometres; a warning where layers reach so far that it exceeds 0.5 %). Edges over "
        "5 km are split "
        "along their layer's CRS before projecting, shorter ones projected as they are: one "
        "map in two CRSs (EPSG:4326 and UTM, say) differs by slivers along its long slanting "
        "edges: up to about 10 m wide on DeepState's maps (edges up to about 20 km), which a "
        "MIN_WIDTH of 10 m drops, but wider along longer straight edges (43 m along a 43 km "
        "edge at 50° N). A loaded output is "
        "styled green for gains and red for losses.</p>"
        "<h3>Example</h3><pre>qgis_process run frontline:frontlinediff -- BEFORE=before.gpkg "
        "AFTER=after.gpkg OUTPUT=changes.gpkg</pre>"
    )


def _routeexposure() -> str:
    return tr(
        "<p>How much of each route lies within fire range of hostile ground.</p>"
        "<h3>Definitions</h3><ul>"
        "<li>Each route is cut into <b>stretches</b>; distance_m is the distance from the "
        "stretch's closest point to the nearest hostile ground (0 inside it; empty when "
        "farther than the largest range plus 10 km, as ground that far is not read);</li>"
        "<li><b>band</b> is the smallest of RANGES that covers the stretch (distances in "
        "(previous range, range]; the smallest range includes 0), empty when beyond all.</li>"
        "</ul><h3>Parameters</h3><p>ROUTES (lines, any CRS), HOSTILE (polygons), RANGES "
        "(metres, comma-separated, e.g. 5000,10000,20000 for FPV drones, tube artillery and "
        "rockets), LAND (optional: hostile ground is clipped to it).</p>"
        "<h3>Outputs</h3><p>OUTPUT: stretches with route_fid, distance_m, band, length_m. "
        "OUTPUT_SUMMARY: per route and band, length_km and share of the route. Result "
        "EXPOSED_SHARE: share of all route length within the smallest range (null without "
        "any route length).</p>"
        "<h3>Limits</h3><p>Distances are computed in a local azimuthal equal-area projection "
        "centred on the routes: within 0.1 % of ellipsoidal distances a few hundred kilometres "
        "from that centre (a warning where the routes and the largest range reach so far that "
        "it exceeds 0.5 %; ranges go up to 10,000 km). HOSTILE and "
        "LAND are read only within the largest range (plus 10 km) of the routes. Bands are "
        "buffers drawn with 256 segments per circle: a band's edge lies within 0.0076 % of its "
        "range inside it (a stretch 4,999.9 m away may fall in the next band); across a bay "
        "of hostile ground less deep than 1 % of the range it reaches past the range by up to "
        "the bay's depth, as GEOS flattens such bends when buffering (1.5 m at most at 20 km "
        "on the whole front of 2025-03-01).</p>"
        "<h3>Example</h3><pre>qgis_process run frontline:routeexposure -- ROUTES=roads.gpkg "
        "HOSTILE=hostile.gpkg RANGES=5000,10000,20000 OUTPUT=exposure.gpkg</pre>"
    )


def _deepstateseries() -> str:
    return tr(
        "<p>Many DeepState maps as one layer for QGIS's Temporal Controller, with a table of "
        "the area of each class on each map.</p>"
        "<h3>Which maps</h3><p>For each day from DATE_FROM to DATE_TO, every STEP_DAYS days, "
        "and for DATE_TO itself, the last map created on or before the end of that day in Kyiv "
        "time; a map chosen for several days appears once, and days before the first map "
        "choose none (the log says so). With SOURCE_FOLDER the maps come from a folder of raw "
        "DeepState maps whose names hold the map id, e.g. "
        "<code>deepstate_1730495471.geojson</code> (nothing is downloaded; "
        "without dates every map in the folder is used). Otherwise they are downloaded, or "
        "taken from the cache when already there (OFFLINE: the cache only; maps not in it are "
        "left out with a warning, and the log says when the cached update list is older than "
        "the end of DATE_TO, so later maps may be missing). DATE_FROM and DATE_TO may not be "
        "later than today in Kyiv.</p>"
        "<h3>Outputs</h3><p><b>OUTPUT</b>: every chosen map's polygons (EPSG:4326) with "
        "snapshot_id, snapshot_time, valid_from and valid_to (UTC: from the map's time to the "
        "next map's, the last one for STEP_DAYS days or up to the end of DATE_TO if later), "
        "class, name_en, name_uk, key and "
        "geodesic area_km2; "
        "loaded in QGIS it is set up for the Temporal Controller (a temporary layer keeps its "
        "times in UTC; QGIS 3.22 writes times to files without a time zone, so read back from a "
        "GeoPackage or CSV they show the UTC clock time as local time). <b>OUTPUT_TABLE</b>: "
        "one row "
        "per map and class with area_km2, gained_km2 and lost_km2 against the previous map "
        "(area = previous area + gained - lost), share_of_first (of the class's area on the "
        "first map where it has any) and share_of_max (of its largest area in the series). "
        "<b>OUTPUT_HTML</b> (optional): the area series as charts in a self-contained HTML "
        "page. Result MAPS: the number of maps.</p>"
        "<h3>Limits</h3><p>Areas and changes are computed in one local equal-area projection "
        "for the whole series (exact areas on the WGS84 ellipsoid). DeepState maps are about "
        "0.6 MB each: a long daily series downloads many of them once, then uses the cache.</p>"
        "<h3>Example</h3><pre>qgis_process run frontline:deepstateseries -- "
        "DATE_FROM=2024-08-08 DATE_TO=2025-03-20 STEP_DAYS=7 OUTPUT=series.gpkg "
        "OUTPUT_TABLE=areas.csv OUTPUT_HTML=areas.html</pre>"
    )


def _encirclement() -> str:
    return tr(
        "<p>Is a force cut off, hanging on a narrow link, or mostly ringed by the enemy? Cuts "
        "the held ground into pieces and rates each one.</p>"
        "<h3>Definitions</h3><ul>"
        "<li><b>HELD</b>: the ground of the side under study. <b>REAR</b> (optional): that "
        "side's secure territory behind the line. <b>HOSTILE</b> (optional): enemy-held and "
        "contested ground; without it, ground that is neither HELD nor REAR counts as hostile "
        "(except the edge of LAND: a coast is not hostile; gaps narrower than "
        "CONTACT_TOLERANCE along REAR or a coast are not hostile either; a narrower enemy "
        "strip elsewhere, such as a wedge into HELD, is).</li>"
        "<li>HELD is cut into <b>pieces</b> at every neck narrower than MAX_LINK_WIDTH (the "
        "necks of Corridor width, each side at least MIN_PIECE_AREA and wider than the neck "
        "somewhere: a chord that only cuts off a corner is no link, and does not hide one "
        "beside it). A neck across a pond between two corridors counts the pond's width "
        "too.</li>"
        "<li>Boundary running along REAR within CONTACT_TOLERANCE of it touches it "
        "(rear_contact_m, on the ellipsoid); where it leaves the tolerance of REAR (at a "
        "corner, or going on past REAR's end), the ramp by which it closes in on REAR, "
        "steeper than 1 m in 2 (30°) overall, is no contact; inside the tolerance every "
        "wobble counts, and a boundary wholly within it is all contact. A CONTACT_TOLERANCE "
        "of 0 is taken as 1 mm: edges two layers share are a rounding error apart once "
        "projected. Without REAR the largest piece is the main body and plays the rear's "
        "part (its opening is empty): it is never a pocket, only a salient or secure.</li>"
        "<li>A piece's <b>opening</b>: its rear contact plus the widths of the necks joining "
        "it to pieces that reach the rear.</li>"
        "<li><b>hostile_contact</b>: the share (0 to 1) of the piece's boundary that borders "
        "hostile ground (with HOSTILE: that runs along it within CONTACT_TOLERANCE, judged "
        "as rear contact is); neck chords and rear contact are never hostile.</li>"
        "<li><b>status</b>: encircled (opening under 1 m); near_encircled (opening under "
        "MAX_LINK_WIDTH, or hostile_contact at least MAX_HOSTILE_CONTACT); salient "
        "(hostile_contact at least 0.5); else secure. With REAR, the piece cut off from the "
        "rear is the pocket even when it is the larger side of a neck.</li>"
        "<li>With FIRE_RANGE (m) above 0, ground within that distance of hostile ground is "
        "under fire: fire_free_opening_m is the part of the opening outside it, and "
        "fire_controlled marks a piece whose whole opening is under fire.</li></ul>"
        "<h3>Outputs</h3><p>OUTPUT: every piece with piece_id, status, area_km2, share (of "
        "all held ground), opening_m, rear_contact_m, hostile_contact, fire_free_opening_m, "
        "fire_controlled and main_body. OUTPUT_LINKS: the neck chords and rear-contact lines "
        "with kind, length_m and the pieces they join. Results POCKETS (encircled and "
        "near_encircled pieces) and POCKET_SHARE (their share of the held ground).</p>"
        "<h3>Limits</h3><p>Layers may be in different CRSs; all are projected to one local "
        "equal-area projection centred on HELD, and REAR, HOSTILE and LAND are read only within "
        "FIRE_RANGE plus CONTACT_TOLERANCE plus 10 km of it. Parts smaller than MIN_PIECE_AREA "
        "are left out (they still count in the held total). HELD overlapping HOSTILE by "
        "0.01 km² or more gives a warning, and so does a FIRE_RANGE reaching so far that the "
        "planar fire zone is over 0.5 % off.</p>"
        "<h3>Example</h3><pre>qgis_process run frontline:encirclement -- HELD=held.gpkg "
        "REAR=rear.gpkg MAX_LINK_WIDTH=2000 FIRE_RANGE=5000 OUTPUT=pieces.gpkg</pre>"
    )


_HELP = {
    "encirclement": _encirclement,
    "deepstateseries": _deepstateseries,
    "deepstatesnapshot": _deepstatesnapshot,
    "corridorwidth": _corridorwidth,
    "frontlinediff": _frontlinediff,
    "routeexposure": _routeexposure,
}


def help_html(algorithm_id: str) -> str:
    return _HELP[algorithm_id]()
