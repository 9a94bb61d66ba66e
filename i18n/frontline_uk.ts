<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk">
  <context>
    <name>Frontline</name>
    <message>
      <source>Frontline: DeepState maps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No features with a geometry in the inputs.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState data</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Analysis</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Frontline needs: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Corridor width</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Held ground</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dissolve all features first</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Land (held ground is clipped to it)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Minimum area of each side (km²)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Maximum neck width (m)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Maximum necks per part</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Corridor width limit (m; 0 = twice the neck's width)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Necks</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Corridor centrelines</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Narrowest neck width (m)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>INPUT: the layer has no polygons; no necks to measure.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No neck narrower than {} m splits the ground into sides of at least {} km² each.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Download DeepState series</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState base URL</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Offline (use the cache only)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>From date (YYYY-MM-DD; empty with a folder = all its maps)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>To date (YYYY-MM-DD)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every N days</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Polygon classes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Folder of raw DeepState maps (nothing is downloaded)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState areas through time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Area per map and class</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Area chart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>HTML files (*.html)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Number of maps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No DeepState map was published in the chosen dates.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>CLASSES: choose at least one class.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DATE_FROM and DATE_TO: both are needed to download a series.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{} map(s) in the series.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState areas, {} to {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SOURCE_FOLDER: no DeepState maps (*_&lt;id&gt;.geojson) in {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>OUTPUT_TABLE: could not write a row ({}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{}: '{}' is not a date in the form YYYY-MM-DD.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Download DeepState snapshot</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date (YYYY-MM-DD, Kyiv time; empty = latest)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Snapshot id (0 = use the date)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Raw DeepState map on disk (nothing is downloaded)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Snapshot id</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Snapshot time (UTC, ISO 8601)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fetching the latest DeepState map</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Skipped {} feature(s): {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Repaired {} invalid polygon(s).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reading {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fetching DeepState map {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Map for {}: update {} created {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DATE: '{}' is not a date in the form YYYY-MM-DD.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Diff frontline snapshots</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Held ground before</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Held ground after</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Area of interest</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Minimum piece area (km²)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Minimum piece width (m)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Changes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Held area before (km²)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Held area after (km²)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Area gained (km²)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Area lost (km²)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Net change (km²)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Share of the earlier ground still held</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Deepest change beyond the earlier front (m)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Before {:.3f} km², after {:.3f} km²: gained {:.3f}, lost {:.3f}, net {:+.3f} km².</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gained</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lost</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Could not build a local metric CRS ({}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{}: skipped {} feature(s) with no polygon geometry.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{}: expected a {} layer, got a {} layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{}: the layer has no coordinate reference system; set one (Layer Properties ▸ Source) so distances and areas can be measured.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{}: skipped {} feature(s) with no line geometry.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;Loads one DeepStateMAP map as polygon and point layers in EPSG:4326, with every polygon classified by its fill colour and measured on the WGS84 ellipsoid.&lt;/p&gt;&lt;h3&gt;Which map&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;SOURCE_FILE&lt;/b&gt;: a raw map already on disk (the body of DeepState's &lt;code&gt;/api/history/&amp;lt;id&amp;gt;/geojson&lt;/code&gt;); nothing is downloaded. A file named &lt;code&gt;..._&amp;lt;id&amp;gt;.geojson&lt;/code&gt; gives the snapshot id and time.&lt;/li&gt;&lt;li&gt;else &lt;b&gt;SNAPSHOT_ID&lt;/b&gt; &amp;gt; 0: that update;&lt;/li&gt;&lt;li&gt;else &lt;b&gt;DATE&lt;/b&gt; (YYYY-MM-DD): the last update created on or before the end of that day in Kyiv time;&lt;/li&gt;&lt;li&gt;else the latest map.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Classes&lt;/h3&gt;&lt;p&gt;occupied (#a52714), occupied_before_2022 (#880e4f), grey_zone (#bcaaa4), grey_zone_in_russia (#bdbdbd), ua_held_in_russia (#01579b), liberated (#0f9d58, #0288d1), other_territories (#ff5252: editorial areas outside Ukraine). Points: unit, attack_direction, airfield, other. Uncoloured ground is held by the country it lies in; DeepState does not draw the state border.&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;&lt;b&gt;OUTPUT&lt;/b&gt; polygons with snapshot_id, snapshot_time (UTC), class, name_en, name_uk, key (plain text: HTML and markup removed) and area_km2 (geodesic, km²). &lt;b&gt;OUTPUT_POINTS&lt;/b&gt; (optional) points with the same fields and a plain-text description. Results SNAPSHOT_ID and SNAPSHOT_TIME.&lt;/p&gt;&lt;h3&gt;Network&lt;/h3&gt;&lt;p&gt;Maps are cached one file per map id in the QGIS profile (setting frontline/cache_dir); the update list is cached for 10 minutes. OFFLINE uses the cache only. Downloads use QGIS's proxy settings, time out, retry a few times on server errors and on HTTP 429 (honouring Retry-After), and refuse bodies over 64 MB.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:deepstatesnapshot -- DATE=2024-11-01 OUTPUT=deepstate_2024-11-01.gpkg&lt;/pre&gt;&lt;p&gt;Map data: DeepStateMAP (deepstatemap.live).&lt;/p&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;Finds the narrowest necks of held ground: where a corridor is thinnest, how long the corridor runs, and how the neck splits the ground.&lt;/p&gt;&lt;h3&gt;Definitions&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Each connected &lt;b&gt;part&lt;/b&gt; of the input is measured on its own (with DISSOLVE, all features are merged first: a front is one area however it was drawn).&lt;/li&gt;&lt;li&gt;A &lt;b&gt;neck&lt;/b&gt; is a straight chord inside the part, with both ends on its boundary, that cuts the part into two sides each at least MIN_LOBE_AREA in area.&lt;/li&gt;&lt;li&gt;Its &lt;b&gt;width&lt;/b&gt; is the chord's length on the WGS84 ellipsoid, in metres.&lt;/li&gt;&lt;li&gt;The &lt;b&gt;corridor&lt;/b&gt; is the stretch of the part's centreline (medial axis) through the neck along which the local width stays at or below CORRIDOR_WIDTH (0 = twice the neck's width); its length is corridor_length_m.&lt;/li&gt;&lt;li&gt;Each part reports its narrowest neck (rank 1), then further necks at other places (local minima outside the corridors already reported) narrower than MAX_WIDTH, up to MAX_NECKS.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;p&gt;INPUT polygons in any CRS (multipart, holes); LAND (optional) clips the held ground first so that lagoons and reservoirs inside a drawn polygon do not count; MIN_LOBE_AREA in km²; MAX_WIDTH and CORRIDOR_WIDTH in metres.&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;OUTPUT: the neck chords (lines, input CRS) with part_id, rank, width_m, corridor_length_m, side_a_km2, side_b_km2, minor_share (the smaller side's share of the part, 0 to 0.5). OUTPUT_CORRIDORS (optional): corridor centrelines. Result MIN_WIDTH_M: the narrowest neck overall.&lt;/p&gt;&lt;h3&gt;Limits&lt;/h3&gt;&lt;p&gt;Geometry is computed in a local Lambert azimuthal equal-area projection (areas exact on the ellipsoid); widths and lengths are measured again on the ellipsoid. A part with no neck gives no feature and a warning.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:corridorwidth -- INPUT=held.gpkg MIN_LOBE_AREA=1 MAX_WIDTH=5000 OUTPUT=necks.gpkg&lt;/pre&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;What changed hands between two maps of the ground one side holds.&lt;/p&gt;&lt;h3&gt;Definitions&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;BEFORE and AFTER are each dissolved; &lt;b&gt;gained&lt;/b&gt; pieces are AFTER minus BEFORE, &lt;b&gt;lost&lt;/b&gt; pieces are BEFORE minus AFTER, each split into connected pieces.&lt;/li&gt;&lt;li&gt;&lt;b&gt;depth_m&lt;/b&gt;: how far a piece reaches beyond the earlier line: the largest distance from the earlier front (the boundary of BEFORE) to a point of the piece, counting only the stretch of front the piece touches.&lt;/li&gt;&lt;li&gt;&lt;b&gt;front_km&lt;/b&gt;: the length of the earlier front the piece touches.&lt;/li&gt;&lt;li&gt;Pieces smaller than MIN_AREA (km²) are redrawing noise; pieces thinner than MIN_WIDTH (m) everywhere are slivers. Both are left out of the output and of the GAINED and LOST totals.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Results&lt;/h3&gt;&lt;p&gt;BEFORE_KM2, AFTER_KM2, GAINED_KM2, LOST_KM2, NET_KM2 (after minus before), KEPT_SHARE (share of BEFORE still held in AFTER), MAX_DEPTH_M. With MIN_AREA and MIN_WIDTH at 0, AFTER = BEFORE + GAINED - LOST. AREA_OF_INTEREST limits every figure to the area inside it; LAND clips both layers first.&lt;/p&gt;&lt;h3&gt;Limits&lt;/h3&gt;&lt;p&gt;Areas are exact on the WGS84 ellipsoid (local equal-area projection); distances are planar in that projection (within 0.1 % over a few hundred kilometres). A loaded output is styled green for gains and red for losses.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:frontlinediff -- BEFORE=before.gpkg AFTER=after.gpkg OUTPUT=changes.gpkg&lt;/pre&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;How much of each route lies within fire range of hostile ground.&lt;/p&gt;&lt;h3&gt;Definitions&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Each route is cut into &lt;b&gt;stretches&lt;/b&gt;; distance_m is the distance from the stretch's closest point to the nearest hostile ground (0 inside it);&lt;/li&gt;&lt;li&gt;&lt;b&gt;band&lt;/b&gt; is the smallest of RANGES that covers the stretch (distances in (previous range, range]; the smallest range includes 0), empty when beyond all.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;p&gt;ROUTES (lines, any CRS), HOSTILE (polygons), RANGES (metres, comma-separated, e.g. 5000,10000,20000 for FPV drones, tube artillery and rockets), LAND (optional: hostile ground is clipped to it).&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;OUTPUT: stretches with route_fid, distance_m, band, length_m. OUTPUT_SUMMARY: per route and band, length_km and share of the route. Result EXPOSED_SHARE: share of all route length within the smallest range.&lt;/p&gt;&lt;h3&gt;Limits&lt;/h3&gt;&lt;p&gt;Distances are computed in a local azimuthal equal-area projection centred on the data: within 0.5 % of ellipsoidal distances up to 50 km.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:routeexposure -- ROUTES=roads.gpkg HOSTILE=hostile.gpkg RANGES=5000,10000,20000 OUTPUT=exposure.gpkg&lt;/pre&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;Many DeepState maps as one layer for QGIS's Temporal Controller, with a table of the area of each class on each map.&lt;/p&gt;&lt;h3&gt;Which maps&lt;/h3&gt;&lt;p&gt;For each day from DATE_FROM to DATE_TO, every STEP_DAYS days, the last map created on or before the end of that day in Kyiv time; a map chosen for several days appears once. With SOURCE_FOLDER the maps come from a folder of raw DeepState maps named &lt;code&gt;..._&amp;lt;id&amp;gt;.geojson&lt;/code&gt; (nothing is downloaded; without dates every map in the folder is used). Otherwise they are downloaded, or taken from the cache when already there (OFFLINE: the cache only).&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;&lt;b&gt;OUTPUT&lt;/b&gt;: every chosen map's polygons (EPSG:4326) with snapshot_id, snapshot_time, valid_from and valid_to (UTC: from the map's time to the next map's, the last one for STEP_DAYS days), class, names and geodesic area_km2; loaded in QGIS it is set up for the Temporal Controller. &lt;b&gt;OUTPUT_TABLE&lt;/b&gt;: one row per map and class with area_km2, gained_km2 and lost_km2 against the previous map (area = previous area + gained - lost), share_of_first (of the class's area on the first map where it has any) and share_of_max (of its largest area in the series). &lt;b&gt;OUTPUT_HTML&lt;/b&gt; (optional): the area series as charts in a self-contained HTML page. Result MAPS: the number of maps.&lt;/p&gt;&lt;h3&gt;Limits&lt;/h3&gt;&lt;p&gt;Areas and changes are computed in one local equal-area projection for the whole series (exact areas on the WGS84 ellipsoid). DeepState maps are about 0.6 MB each: a long daily series downloads many of them once, then uses the cache.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:deepstateseries -- DATE_FROM=2024-08-08 DATE_TO=2025-03-20 STEP_DAYS=7 OUTPUT=series.gpkg OUTPUT_TABLE=areas.csv OUTPUT_HTML=areas.html&lt;/pre&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Frontline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Frontline: measure war maps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Route exposure</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Routes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hostile ground</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ranges (m, comma-separated)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Land (hostile ground is clipped to it)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Route stretches</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Exposure summary</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Share of route length within the smallest range</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>HOSTILE: no hostile ground; every route is beyond range.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Occupied since 24 February 2022</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Occupied before 2022 (ORDLO, Crimea)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Grey zone / unknown status (Ukraine)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Grey zone in Russia</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ukrainian-held in Russia</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Liberated</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other occupied territories (outside the war map)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Russian / Belarusian unit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Direction of attack</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Airfield</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other point</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The update's description appears here.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Load a map first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The loaded map is the first update known: there is none before it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reading DeepState's list of map updates…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Frontline: list of DeepState maps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> (not in the cache)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Frontline: compare DeepState maps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Corridors</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pockets</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Links</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState areas over time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose at least one class to load.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>● Not connected yet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Load the map of the chosen update into the project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No map update is known for this day yet: press Refresh.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gained and lost ground between the loaded map and the update before it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Necks (corridor width) and near-encirclement of the chosen side's ground</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Load the maps of a range of days into one temporal layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The loaded map was removed from the project.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reading the list of maps was cancelled.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState lists no map updates.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Update of {} ({} Kyiv)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(No description: offline, or none given.)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancelling…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Loading the map of {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Areas of the map of {} (km², on the WGS84 ellipsoid).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Comparing {} with {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Change since {}: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{cls}, {before} → {after}:
before {b} km², after {a} km²
gained {g} km², lost {l} km², net {n} km²
kept {k} of the earlier ground; deepest change {d}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Analysing {} on the map of {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Analysis: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That result is no longer in the project.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The range starts after it ends.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Loading the maps from {} to {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState {} – {}, every {} days</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>● Offline: cached maps only</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>● Online</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cache unavailable</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cache: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not available: the algorithm {} is not registered in Processing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not available: the algorithms {} and {} are not registered in Processing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No map was published on or before this day.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>, {} of {} that day</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No update on {}; the map then was the {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{}: failed. {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Working offline now: only cached maps load; press Refresh to try DeepState again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Frontline: DeepState map {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Loaded the map of {}: {} areas, {} points.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Compared with {}: gained {} km², lost {} km².</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Frontline: analyse {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No neck found.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Frontline: DeepState maps {} to {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{} features from {} to {}; play them with the Temporal Controller.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cleared the cache ({}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The DeepState URL must start with https:// or http://; kept {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Runs what is available; {} is not registered in Processing yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Offline: DeepState could not be reached ({}). {} maps are in the cache.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{} map updates, the latest of {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{}: cancelled; nothing was added.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{}: failed. The algorithm gave no layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Change against the map loaded before ({}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Neck {} (part {})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pocket {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pockets: {}, {} of the held ground.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState answered at {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Something went wrong: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Necks ({})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pockets ({})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Narrowest neck: {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{} is not registered: skipped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Could not clear the cache: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>An algorithm gave no layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cannot use the cache folder: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This map has no {} to analyse.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cannot get DeepState's list of maps ({}) and no map is cached yet. Check the network, or the DeepState URL in Settings.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{} km</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Map data: &lt;a href="{}"&gt;DeepStateMAP&lt;/a&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{} m</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{} wide</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>corridor {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>sides {} and {} km²</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Places:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The algorithm {} is not installed.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>FrontlinePanel</name>
    <message>
      <source>Frontline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Previous update</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Day of the map (Kyiv time). Days with a map update are shown in bold in the calendar.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>yyyy-MM-dd</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next update</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reload the list of map updates</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Refresh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState's description of this update; place names open the map in the browser</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Load</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Class</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Area (km²)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Change (km²)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Compare</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Compare with previous</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Analyse</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Side</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rear</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Optional: a polygon layer of the side's rear (the ground it holds behind the front, e.g. Ukraine's outline)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Select a neck or a pocket to zoom the map to it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Figures</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Range</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>From</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>To</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> days</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Load range</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DeepState URL</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>https://deepstatemap.live</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cache folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Classes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Polygon classes Load adds to the project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keep the previous map's group when loading another map</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete the downloaded maps and the cached update list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Clear</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
