<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk">
  <context>
    <name>Frontline</name>
    <message>
      <source>Frontline: DeepState maps</source>
      <translation>Frontline: карти DeepState</translation>
    </message>
    <message>
      <source>The layers {} reach {:.0f}° of arc from their centre: one local projection cannot measure more than a hemisphere. Limit them to the area you study, for example with Extract by extent.</source>
      <translation>Шари {} сягають {:.0f}° дуги від свого центру: одна локальна проєкція не може виміряти більше за півкулю. Обмежте їх територією, яку досліджуєте, наприклад алгоритмом «Витягти за екстентом» (Extract by extent).</translation>
    </message>
    <message>
      <source>The layers reach so far from the centre of the local projection that {} may be off by up to {:.1f} % at their far end: limit them to the area you study.</source>
      <translation>Шари сягають так далеко від центру локальної проєкції, що {} можуть відхилятися до {:.1f} % на їхньому дальньому краї: обмежте їх територією, яку досліджуєте.</translation>
    </message>
    <message>
      <source>{}: no polygons near the input, so it clips everything away.</source>
      <translation>{}: поблизу вхідних даних немає полігонів, тож обрізання не залишає нічого.</translation>
    </message>
    <message>
      <source>DeepState data</source>
      <translation>Дані DeepState</translation>
    </message>
    <message>
      <source>Analysis</source>
      <translation>Аналіз</translation>
    </message>
    <message>
      <source>DeepState base URL</source>
      <translation>Базова URL-адреса DeepState</translation>
    </message>
    <message>
      <source>Offline (use the cache only)</source>
      <translation>Офлайн (використовувати лише кеш)</translation>
    </message>
    <message>
      <source>{}: could not write a row ({}).</source>
      <translation>{}: не вдалося записати рядок ({}).</translation>
    </message>
    <message>
      <source>Could not write a feature: {}</source>
      <translation>Не вдалося записати об'єкт: {}</translation>
    </message>
    <message>
      <source>{whole} replaces the whole file {path}, deleting the layer {layer} writes in it: give each its own file, or each its own layer of one GeoPackage.</source>
      <translation>{whole} замінює весь файл {path}, видаляючи шар, який {layer} записує в нього: дайте кожному власний файл або власний шар в одному GeoPackage.</translation>
    </message>
    <message>
      <source>{}: the folder {} does not exist.</source>
      <translation>{}: папки {} не існує.</translation>
    </message>
    <message>
      <source>{}: {} is a folder, not a file.</source>
      <translation>{}: {} — це папка, а не файл.</translation>
    </message>
    <message>
      <source>{}: cannot write {} ({}).</source>
      <translation>{}: не вдалося записати {} ({}).</translation>
    </message>
    <message>
      <source>Frontline needs: {}</source>
      <translation>Для роботи Frontline потрібно: {}</translation>
    </message>
    <message>
      <source>{}: {} is not a finite number.</source>
      <translation>{}: {} — не скінченне число.</translation>
    </message>
    <message>
      <source>{} and {} name the same file {}: give each its own file, or its own layer of one GeoPackage.</source>
      <translation>{} і {} вказують на той самий файл {}: дайте кожному власний файл або власний шар в одному GeoPackage.</translation>
    </message>
    <message>
      <source>Corridor width</source>
      <translation>Ширина коридору</translation>
    </message>
    <message>
      <source>Held ground</source>
      <translation>Утримувана територія</translation>
    </message>
    <message>
      <source>Dissolve all features first</source>
      <translation>Спершу об'єднати всі об'єкти</translation>
    </message>
    <message>
      <source>Land (held ground is clipped to it)</source>
      <translation>Суходіл (утримувану територію обрізають за ним)</translation>
    </message>
    <message>
      <source>Minimum area of each side (km²)</source>
      <translation>Мінімальна площа кожної сторони горловини (км²)</translation>
    </message>
    <message>
      <source>Maximum width of further necks (m; the narrowest is always reported)</source>
      <translation>Максимальна ширина подальших горловин (м; найвужчу показано завжди)</translation>
    </message>
    <message>
      <source>Maximum necks per part</source>
      <translation>Найбільша кількість горловин на частину</translation>
    </message>
    <message>
      <source>Corridor width limit (m; 0 = twice the neck's width)</source>
      <translation>Межа ширини коридору (м; 0 = подвійна ширина горловини)</translation>
    </message>
    <message>
      <source>Necks</source>
      <translation>Горловини</translation>
    </message>
    <message>
      <source>Corridor centrelines</source>
      <translation>Осьові лінії коридорів</translation>
    </message>
    <message>
      <source>Narrowest neck width (m)</source>
      <translation>Ширина найвужчої горловини (м)</translation>
    </message>
    <message>
      <source>INPUT: the layer has no polygons; no necks to measure.</source>
      <translation>INPUT: у шарі немає полігонів; немає горловин для вимірювання.</translation>
    </message>
    <message>
      <source>{} part(s) ({} km² in all) are smaller than twice MIN_LOBE_AREA ({} km²): they have no neck.</source>
      <translation>Частин: {} (разом {} км²) менші за подвійну MIN_LOBE_AREA ({} км²): горловин у них немає.</translation>
    </message>
    <message>
      <source>Part {} ({} km²) has no neck: no straight cut splits it into two sides of {} km² or more (a ring round a hole has none).</source>
      <translation>Частина {} ({} км²) не має горловини: жоден прямий розріз не ділить її на дві сторони по {} км² або більше (кільце навколо отвору такого розрізу не має).</translation>
    </message>
    <message>
      <source>Download DeepState series</source>
      <translation>Завантажити серію карт DeepState</translation>
    </message>
    <message>
      <source>From date (YYYY-MM-DD; empty with a folder = all its maps)</source>
      <translation>Від дати (РРРР-ММ-ДД; порожньо разом із папкою = усі її карти)</translation>
    </message>
    <message>
      <source>To date (YYYY-MM-DD)</source>
      <translation>До дати (РРРР-ММ-ДД)</translation>
    </message>
    <message>
      <source>Every N days</source>
      <translation>Кожні N днів</translation>
    </message>
    <message>
      <source>Polygon classes</source>
      <translation>Класи полігонів</translation>
    </message>
    <message>
      <source>Folder of raw DeepState maps (nothing is downloaded)</source>
      <translation>Папка з вихідними картами DeepState (нічого не завантажується)</translation>
    </message>
    <message>
      <source>DeepState areas through time</source>
      <translation>Території DeepState у часі</translation>
    </message>
    <message>
      <source>Area per map and class</source>
      <translation>Площа за картами й класами</translation>
    </message>
    <message>
      <source>Area chart</source>
      <translation>Графік площ</translation>
    </message>
    <message>
      <source>HTML files (*.html)</source>
      <translation>Файли HTML (*.html)</translation>
    </message>
    <message>
      <source>Number of maps</source>
      <translation>Кількість карт</translation>
    </message>
    <message>
      <source>DeepState areas, {} to {}</source>
      <translation>Площі територій DeepState, {} – {}</translation>
    </message>
    <message>
      <source>No DeepState map was published in the chosen dates.</source>
      <translation>За вибрані дати DeepState не опублікував жодної карти.</translation>
    </message>
    <message>
      <source>SOURCE_FOLDER: no file chosen is a DeepState map.</source>
      <translation>SOURCE_FOLDER: жоден вибраний файл не є картою DeepState.</translation>
    </message>
    <message>
      <source>CLASSES: choose at least one class.</source>
      <translation>CLASSES: виберіть принаймні один клас.</translation>
    </message>
    <message>
      <source>DATE_FROM and DATE_TO: both are needed to download a series.</source>
      <translation>DATE_FROM і DATE_TO: для завантаження серії потрібні обидві дати.</translation>
    </message>
    <message>
      <source>{} map(s) in the series.</source>
      <translation>Карт у серії: {}.</translation>
    </message>
    <message>
      <source>Offline: {} map(s) not in the cache left out of the series: {}.</source>
      <translation>Офлайн: карти, яких немає в кеші ({}), не ввійшли до ряду: {}.</translation>
    </message>
    <message>
      <source>SOURCE_FOLDER: no map in {} for the chosen dates.</source>
      <translation>SOURCE_FOLDER: у {} немає карти за вибрані дати.</translation>
    </message>
    <message>
      <source>OFFLINE: none of the {} map(s) of the chosen dates is in the cache.</source>
      <translation>OFFLINE: жодної з карт ({}) за вибрані дати немає в кеші.</translation>
    </message>
    <message>
      <source>Skipped {} feature(s): {}.</source>
      <translation>Пропущено об'єктів: {}; причина: {}.</translation>
    </message>
    <message>
      <source>Repaired {} invalid polygon(s).</source>
      <translation>Виправлено некоректних полігонів: {}.</translation>
    </message>
    <message>
      <source>OUTPUT_HTML: cannot write {} ({}).</source>
      <translation>OUTPUT_HTML: не вдалося записати {} ({}).</translation>
    </message>
    <message>
      <source>SOURCE_FOLDER: {} is a file, not a folder.</source>
      <translation>SOURCE_FOLDER: {} — це файл, а не папка.</translation>
    </message>
    <message>
      <source>SOURCE_FOLDER: the folder {} does not exist.</source>
      <translation>SOURCE_FOLDER: папки {} не існує.</translation>
    </message>
    <message>
      <source>SOURCE_FOLDER: no DeepState maps (.geojson files with the map id in their name) in {}.</source>
      <translation>SOURCE_FOLDER: у папці {} немає карт DeepState (файлів .geojson з ідентифікатором карти в назві).</translation>
    </message>
    <message>
      <source>{}: '{}' is not a date in the form YYYY-MM-DD.</source>
      <translation>{}: «{}» — не дата у форматі РРРР-ММ-ДД.</translation>
    </message>
    <message>
      <source>Map {} left out: {}</source>
      <translation>Карту {} пропущено: {}</translation>
    </message>
    <message>
      <source>Download DeepState snapshot</source>
      <translation>Завантажити знімок карти DeepState</translation>
    </message>
    <message>
      <source>No DeepState area or marker among its {} feature(s) ({}): not a raw DeepState map, or DeepState has changed its colours.</source>
      <translation>Серед її об'єктів ({}) немає жодної території чи позначки DeepState ({}): це не вихідна карта DeepState, або DeepState змінив свої кольори.</translation>
    </message>
    <message>
      <source>Date (YYYY-MM-DD, Kyiv time; empty = latest)</source>
      <translation>Дата (РРРР-ММ-ДД, за київським часом; порожньо = найновіша карта)</translation>
    </message>
    <message>
      <source>Snapshot id (0 = use the date)</source>
      <translation>Ідентифікатор знімка (0 = за датою)</translation>
    </message>
    <message>
      <source>Raw DeepState map on disk (nothing is downloaded)</source>
      <translation>Вихідна карта DeepState на диску (нічого не завантажується)</translation>
    </message>
    <message>
      <source>DeepState areas</source>
      <translation>Території DeepState</translation>
    </message>
    <message>
      <source>DeepState points</source>
      <translation>Точки DeepState</translation>
    </message>
    <message>
      <source>Snapshot id</source>
      <translation>Ідентифікатор знімка</translation>
    </message>
    <message>
      <source>Snapshot time (UTC, ISO 8601)</source>
      <translation>Час знімка (UTC, ISO 8601)</translation>
    </message>
    <message>
      <source>SNAPSHOT_ID and DATE are ignored: SOURCE_FILE is given.</source>
      <translation>SNAPSHOT_ID і DATE не враховуються: задано SOURCE_FILE.</translation>
    </message>
    <message>
      <source>SOURCE_FILE: no DeepState id in the file name; snapshot_id and snapshot_time are left empty.</source>
      <translation>SOURCE_FILE: у назві файлу немає ідентифікатора DeepState; snapshot_id і snapshot_time залишаються порожніми.</translation>
    </message>
    <message>
      <source>DATE is ignored: SNAPSHOT_ID is given.</source>
      <translation>DATE не враховується: задано SNAPSHOT_ID.</translation>
    </message>
    <message>
      <source>Offline: reading the newest DeepState map in the cache</source>
      <translation>Офлайн: читання найновішої карти DeepState з кешу</translation>
    </message>
    <message>
      <source>Fetching the latest DeepState map</source>
      <translation>Отримання найновішої карти DeepState</translation>
    </message>
    <message>
      <source>DeepState {}</source>
      <translation>DeepState {}</translation>
    </message>
    <message>
      <source>Reading {}</source>
      <translation>Читання {}</translation>
    </message>
    <message>
      <source>Fetching DeepState map {}</source>
      <translation>Отримання карти DeepState {}</translation>
    </message>
    <message>
      <source>Map for {}: update {} created {}</source>
      <translation>Карта на {}: оновлення {}, створене {}</translation>
    </message>
    <message>
      <source>SOURCE_FILE: the file name gives map id {} but the file itself holds map {}; the file's own id is used.</source>
      <translation>SOURCE_FILE: назва файлу дає ідентифікатор карти {}, але сам файл містить карту {}; береться власний ідентифікатор файлу.</translation>
    </message>
    <message>
      <source>DATE: '{}' is not a date in the form YYYY-MM-DD.</source>
      <translation>DATE: «{}» — не дата у форматі РРРР-ММ-ДД.</translation>
    </message>
    <message>
      <source>Detect near-encirclement</source>
      <translation>Виявити напівоточення</translation>
    </message>
    <message>
      <source>Maximum link width (m)</source>
      <translation>Максимальна ширина з'єднання (м)</translation>
    </message>
    <message>
      <source>Hostile share of the edge that nearly encircles</source>
      <translation>Частка ворожої межі, за якої фрагмент майже в оточенні</translation>
    </message>
    <message>
      <source>Contact tolerance (m)</source>
      <translation>Допуск контакту (м)</translation>
    </message>
    <message>
      <source>Minimum piece area (km²)</source>
      <translation>Мінімальна площа фрагмента (км²)</translation>
    </message>
    <message>
      <source>Fire range (m; 0 = off)</source>
      <translation>Дальність вогневого ураження (м; 0 = вимкнено)</translation>
    </message>
    <message>
      <source>Pieces</source>
      <translation>Фрагменти</translation>
    </message>
    <message>
      <source>Links (necks and rear contact)</source>
      <translation>З'єднання (горловини й контакт із тилом)</translation>
    </message>
    <message>
      <source>Pockets</source>
      <translation>Котли</translation>
    </message>
    <message>
      <source>Share of held ground in pockets</source>
      <translation>Частка утримуваної території в котлах</translation>
    </message>
    <message>
      <source>HELD: the layer has no polygons; nothing to assess.</source>
      <translation>HELD: у шарі немає полігонів; немає чого оцінювати.</translation>
    </message>
    <message>
      <source>REAR: the layer has no polygons near the held ground; the largest piece plays the rear.</source>
      <translation>REAR: поблизу утримуваної території в шарі немає полігонів; роль тилу виконує найбільший фрагмент.</translation>
    </message>
    <message>
      <source>HOSTILE: the layer has no polygons near the held ground; no edge borders hostile ground and nothing is under fire.</source>
      <translation>HOSTILE: шар не має полігонів поблизу утримуваної території; жодна межа не прилягає до ворожої території, і ніщо не перебуває під вогнем.</translation>
    </message>
    <message>
      <source>Held ground (the side under study)</source>
      <translation>Утримувана територія (досліджувана сторона)</translation>
    </message>
    <message>
      <source>Rear (that side's secure territory)</source>
      <translation>Тил (безпечна територія цієї сторони)</translation>
    </message>
    <message>
      <source>Hostile ground</source>
      <translation>Ворожа територія</translation>
    </message>
    <message>
      <source>{} piece(s), {} pocket(s) holding {:.1%} of the held ground.</source>
      <translation>Фрагментів: {}, котлів: {}; у котлах {:.1%} утримуваної території.</translation>
    </message>
    <message>
      <source>HELD and HOSTILE overlap over {:.3f} km² ({:.2f} % of HELD): check the inputs.</source>
      <translation>HELD і HOSTILE перекриваються на площі {:.3f} км² ({:.2f} % HELD): перевірте вхідні дані.</translation>
    </message>
    <message>
      <source>{} part(s) smaller than the minimum piece area were left out.</source>
      <translation>Не враховано частин, менших за мінімальну площу фрагмента: {}.</translation>
    </message>
    <message>
      <source>Diff frontline snapshots</source>
      <translation>Порівняти знімки лінії фронту</translation>
    </message>
    <message>
      <source>Minimum piece width (m)</source>
      <translation>Мінімальна ширина фрагмента (м)</translation>
    </message>
    <message>
      <source>Changes</source>
      <translation>Зміни</translation>
    </message>
    <message>
      <source>Held area before (km²)</source>
      <translation>Утримувана площа до (км²)</translation>
    </message>
    <message>
      <source>Held area after (km²)</source>
      <translation>Утримувана площа після (км²)</translation>
    </message>
    <message>
      <source>Area gained (km²)</source>
      <translation>Здобута площа (км²)</translation>
    </message>
    <message>
      <source>Area lost (km²)</source>
      <translation>Втрачена площа (км²)</translation>
    </message>
    <message>
      <source>Net change (km²)</source>
      <translation>Сальдо змін (км²)</translation>
    </message>
    <message>
      <source>Share of the earlier ground still held</source>
      <translation>Частка попередньої території, що досі утримується</translation>
    </message>
    <message>
      <source>Deepest change beyond the earlier front (m)</source>
      <translation>Найбільша глибина зміни від попередньої лінії фронту (м)</translation>
    </message>
    <message>
      <source>MIN_AREA, MIN_WIDTH and the 1 mm noise filter left out {} piece(s) of change, {:.3f} km² in all: GAINED, LOST, NET and KEPT_SHARE do not count them.</source>
      <translation>MIN_AREA, MIN_WIDTH і фільтр шуму вужчого за 1 мм відкинули фрагментів змін: {}, разом {:.3f} км²; GAINED, LOST, NET і KEPT_SHARE їх не враховують.</translation>
    </message>
    <message>
      <source>Held ground before</source>
      <translation>Утримувана територія до</translation>
    </message>
    <message>
      <source>Held ground after</source>
      <translation>Утримувана територія після</translation>
    </message>
    <message>
      <source>Area of interest</source>
      <translation>Область інтересу</translation>
    </message>
    <message>
      <source>Before {:.3f} km², after {:.3f} km²: gained {:.3f}, lost {:.3f}, net {:+.3f} km².</source>
      <translation>До {:.3f} км², після {:.3f} км²: здобуто {:.3f}, втрачено {:.3f}, сальдо {:+.3f} км².</translation>
    </message>
    <message>
      <source>polygon</source>
      <translation>полігон</translation>
    </message>
    <message>
      <source>line</source>
      <translation>лінія</translation>
    </message>
    <message>
      <source>The layer {} has coordinates ({}) that its CRS {} cannot hold: check the layer's CRS (Layer Properties ▸ Source).</source>
      <translation>Шар {} має координати ({}), яких не може бути в його системі координат {}: перевірте систему координат шару (Властивості шару ▸ Джерело).</translation>
    </message>
    <message>
      <source>Could not build a local metric CRS ({}).</source>
      <translation>Не вдалося побудувати локальну метричну систему координат ({}).</translation>
    </message>
    <message>
      <source>{}: skipped {} feature(s) with no {} geometry.</source>
      <translation>{}: пропущено об'єктів ({}) без геометрії типу «{}».</translation>
    </message>
    <message>
      <source>{}: repaired {} invalid geometry(ies) (make valid).</source>
      <translation>{}: виправлено недійсних геометрій: {} (make valid).</translation>
    </message>
    <message>
      <source>{}: expected a {} layer, got a {} layer.</source>
      <translation>{}: очікувався шар типу «{}», а отримано шар типу «{}».</translation>
    </message>
    <message>
      <source>{}: the layer has no coordinate reference system; set one (Layer Properties ▸ Source) so distances and areas can be measured.</source>
      <translation>{}: шар не має системи координат; задайте її (Властивості шару ▸ Джерело), щоб можна було вимірювати відстані й площі.</translation>
    </message>
    <message>
      <source>&lt;p&gt;Loads one DeepStateMAP map as polygon and point layers in EPSG:4326, with every polygon classified by its fill colour and measured on the WGS84 ellipsoid.&lt;/p&gt;&lt;h3&gt;Which map&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;SOURCE_FILE&lt;/b&gt;: a raw map already on disk (the body of DeepState's &lt;code&gt;/api/history/&amp;lt;id&amp;gt;/geojson&lt;/code&gt;, or a saved &lt;code&gt;/api/history/last&lt;/code&gt; answer); nothing is downloaded. A saved &lt;code&gt;/last&lt;/code&gt; answer holds its map id, which gives the snapshot id and time; otherwise a file whose name holds the map id (9 to 11 digits, e.g. &lt;code&gt;deepstate_1730495471.geojson&lt;/code&gt;) gives them. When the name and the file's own id differ, the file's id is used, with a warning.&lt;/li&gt;&lt;li&gt;else &lt;b&gt;SNAPSHOT_ID&lt;/b&gt; &amp;gt; 0: that update;&lt;/li&gt;&lt;li&gt;else &lt;b&gt;DATE&lt;/b&gt; (YYYY-MM-DD): the last update created on or before the end of that day in Kyiv time;&lt;/li&gt;&lt;li&gt;else the latest map.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Classes&lt;/h3&gt;&lt;p&gt;occupied (#a52714), occupied_before_2022 (#880e4f, and #000000 in 2022), grey_zone (#bcaaa4, and #bdbdbd before 2024-08-06), grey_zone_in_russia (#bdbdbd), ua_held_in_russia (#01579b), liberated (#0f9d58, #0288d1), other_territories (#ff5252: editorial areas outside Ukraine). CLASSES chooses which polygons are kept; by default all but other_territories. Points: unit, attack_direction, airfield, other. Uncoloured ground is held by the country it lies in; DeepState does not draw the state border.&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;&lt;b&gt;OUTPUT&lt;/b&gt; polygons with snapshot_id, snapshot_time (UTC), class, name_en, name_uk, key (plain text: HTML and markup removed) and area_km2 (geodesic, km²). &lt;b&gt;OUTPUT_POINTS&lt;/b&gt; (optional) points with the same fields but area_km2, and a plain-text description. Results SNAPSHOT_ID and SNAPSHOT_TIME. QGIS 3.22 writes times to files (GeoPackage, CSV) without a time zone: read back, they show the UTC clock time as local time.&lt;/p&gt;&lt;h3&gt;Network&lt;/h3&gt;&lt;p&gt;Maps are cached one file per map id in the QGIS profile (setting frontline/cache_dir); the update list is cached for 10 minutes. OFFLINE uses the cache only. Downloads use QGIS's proxy settings, time out, retry a few times on server errors and on HTTP 429 (honouring Retry-After), and refuse bodies over 64 MB.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:deepstatesnapshot -- DATE=2024-11-01 OUTPUT=deepstate_2024-11-01.gpkg&lt;/pre&gt;&lt;p&gt;Map data: DeepStateMAP (deepstatemap.live).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Завантажує одну карту DeepStateMAP як полігональний і точковий шари в EPSG:4326; кожен полігон класифіковано за кольором заливки й виміряно на еліпсоїді WGS84.&lt;/p&gt;&lt;h3&gt;Яка карта&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;SOURCE_FILE&lt;/b&gt;: вихідна карта, що вже є на диску (тіло відповіді DeepState на &lt;code&gt;/api/history/&amp;lt;id&amp;gt;/geojson&lt;/code&gt; або збережена відповідь &lt;code&gt;/api/history/last&lt;/code&gt;); нічого не завантажується. Збережена відповідь &lt;code&gt;/last&lt;/code&gt; містить ідентифікатор карти, що дає ідентифікатор і час знімка; інакше їх дає назва файлу з ідентифікатором карти (9–11 цифр, напр. &lt;code&gt;deepstate_1730495471.geojson&lt;/code&gt;). Якщо назва і власний ідентифікатор файлу різняться, береться ідентифікатор файлу, з попередженням.&lt;/li&gt;&lt;li&gt;інакше &lt;b&gt;SNAPSHOT_ID&lt;/b&gt; &amp;gt; 0: це оновлення;&lt;/li&gt;&lt;li&gt;інакше &lt;b&gt;DATE&lt;/b&gt; (РРРР-ММ-ДД): останнє оновлення, створене не пізніше кінця цього дня за київським часом;&lt;/li&gt;&lt;li&gt;інакше найновіша карта.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Класи&lt;/h3&gt;&lt;p&gt;occupied (#a52714), occupied_before_2022 (#880e4f, а у 2022 році й #000000), grey_zone (#bcaaa4, а до 2024-08-06 й #bdbdbd), grey_zone_in_russia (#bdbdbd), ua_held_in_russia (#01579b), liberated (#0f9d58, #0288d1), other_territories (#ff5252: редакційні позначки поза Україною). CLASSES визначає, які полігони залишити; типово — усі, крім other_territories. Точки: unit, attack_direction, airfield, other. Незафарбована територія перебуває під контролем країни, у якій розташована; державного кордону DeepState не позначає.&lt;/p&gt;&lt;h3&gt;Вихідні дані&lt;/h3&gt;&lt;p&gt;&lt;b&gt;OUTPUT&lt;/b&gt;: полігони з полями snapshot_id, snapshot_time (UTC), class, name_en, name_uk, key (звичайний текст: HTML і розмітку видалено) та area_km2 (геодезична площа, км²). &lt;b&gt;OUTPUT_POINTS&lt;/b&gt; (необов'язково): точки з тими самими полями, крім area_km2, та описом звичайним текстом. Результати SNAPSHOT_ID і SNAPSHOT_TIME. QGIS 3.22 записує час у файли (GeoPackage, CSV) без часового поясу: після зчитування вони показують час UTC як місцевий.&lt;/p&gt;&lt;h3&gt;Мережа&lt;/h3&gt;&lt;p&gt;Карти кешуються по одному файлу на ідентифікатор карти в профілі QGIS (налаштування frontline/cache_dir); список оновлень кешується на 10 хвилин. OFFLINE використовує лише кеш. Завантаження використовують налаштування проксі QGIS, мають тайм-аут, повторюються кілька разів у разі помилок сервера та HTTP 429 (з урахуванням Retry-After) і відхиляють відповіді, більші за 64 МБ.&lt;/p&gt;&lt;h3&gt;Приклад&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:deepstatesnapshot -- DATE=2024-11-01 OUTPUT=deepstate_2024-11-01.gpkg&lt;/pre&gt;&lt;p&gt;Дані карти: DeepStateMAP (deepstatemap.live).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Finds the narrowest necks of held ground: where a corridor is thinnest, how long the corridor runs, and how the neck splits the ground.&lt;/p&gt;&lt;h3&gt;Definitions&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Each connected &lt;b&gt;part&lt;/b&gt; of the input is measured on its own (with DISSOLVE, all features are merged first: a front is one area however it was drawn).&lt;/li&gt;&lt;li&gt;A &lt;b&gt;neck&lt;/b&gt; is a straight chord inside the part, with both ends on its boundary, that cuts the part into two sides each at least MIN_LOBE_AREA in area.&lt;/li&gt;&lt;li&gt;Its &lt;b&gt;width&lt;/b&gt; is the chord's length on the WGS84 ellipsoid, in metres.&lt;/li&gt;&lt;li&gt;The &lt;b&gt;corridor&lt;/b&gt; is the stretch of the part's centreline (medial axis) through the neck along which the local width stays at or below CORRIDOR_WIDTH (0 = twice the neck's width), the local width being the shortest cut across the centreline there; its length is corridor_length_m. It ends where the corridor opens into wider ground, without following that ground's edge into a corner.&lt;/li&gt;&lt;li&gt;Each part reports its narrowest neck (rank 1), then further necks at other places (local minima of the width, also cuts across a pond between two corridors) narrower than MAX_WIDTH, up to MAX_NECKS. A local minimum is at another place when the ground joining it to each narrower neck is somewhere wider than that neck's corridor width: by default an 800 m corridor passing the 500 m stem of a salient (through a junction 878 m across) counts with the salient's neck (whose corridor width is 1,000 m); CORRIDOR_WIDTH 850 reports both. A narrowest neck held by the area limit (a bulge's tip) hides only the necks in its own corridor. With CORRIDOR_WIDTH below a neck's width (no corridor), cross-sections less than 25 % wider along it are that neck.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;p&gt;INPUT polygons in any CRS (multipart, holes); LAND (optional) clips the held ground first so that lagoons and reservoirs inside a drawn polygon do not count; MIN_LOBE_AREA in km²; MAX_WIDTH and CORRIDOR_WIDTH in metres.&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;OUTPUT: the neck chords (lines, input CRS) with part_id, rank, width_m, corridor_length_m, side_a_km2, side_b_km2, minor_share (the smaller side's share of the part, 0 to 0.5). OUTPUT_CORRIDORS (optional): corridor centrelines. Result MIN_WIDTH_M: the narrowest neck overall.&lt;/p&gt;&lt;h3&gt;Limits&lt;/h3&gt;&lt;p&gt;Geometry is computed in a local Lambert azimuthal equal-area projection (areas exact on the ellipsoid); widths and lengths are measured again on the ellipsoid. A part with no neck (smaller than twice MIN_LOBE_AREA, or a ring round a hole: cuts across a hole are looked for where a pond lies between two corridors, not across a ring's own hole) gives no feature and a warning. Ground without any narrowing (a round or square blob) still has a narrowest neck: the chord that cuts off exactly MIN_LOBE_AREA at its sharpest bulge (side_a_km2 equals MIN_LOBE_AREA). Gaps and holes narrower than 1 m (slivers left where polygons drawn edge to edge are dissolved) are closed first, and polygons whose edges run less than 1 m apart along 10 m or more (drawn edge to edge) are one part; polygons meeting only at a corner are not. A corridor's width is taken across a hole narrower than its limit (a pond in it): the corridor goes on over it. Where the ground beyond a corridor's mouth is less than about twice CORRIDOR_WIDTH across, or a corridor runs flush with a body's edge, cuts through the mouth's corner may stay within the limit for a while: the corridor runs on into that ground, by up to about its width at each end.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:corridorwidth -- INPUT=held.gpkg MIN_LOBE_AREA=1 MAX_WIDTH=5000 OUTPUT=necks.gpkg&lt;/pre&gt;</source>
      <translation>&lt;p&gt;Знаходить найвужчі горловини утримуваної території: де коридор найвужчий, наскільки довгий цей коридор і як горловина ділить територію.&lt;/p&gt;&lt;h3&gt;Визначення&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Кожну зв'язну &lt;b&gt;частину&lt;/b&gt; вхідного шару вимірюють окремо (з DISSOLVE усі об'єкти спершу об'єднують: фронт — це одна територія, хоч би як її накреслили).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Горловина&lt;/b&gt; — пряма хорда всередині частини, обидва кінці якої лежать на її межі, що розтинає частину на дві сторони площею щонайменше MIN_LOBE_AREA кожна.&lt;/li&gt;&lt;li&gt;Її &lt;b&gt;ширина&lt;/b&gt; — довжина хорди на еліпсоїді WGS84, у метрах.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Коридор&lt;/b&gt; — відрізок осьової лінії частини (медіальної осі), що проходить через горловину і вздовж якого локальна ширина не перевищує CORRIDOR_WIDTH (0 = подвійна ширина горловини), де локальна ширина — найкоротший розріз упоперек осьової лінії в цьому місці; його довжина — corridor_length_m. Він закінчується там, де коридор виходить на ширшу територію, і не йде вздовж її краю в кут.&lt;/li&gt;&lt;li&gt;Для кожної частини подано її найвужчу горловину (rank 1), а далі інші горловини в інших місцях (локальні мінімуми ширини, зокрема розрізи через ставок між двома коридорами), вужчі за MAX_WIDTH, — не більше MAX_NECKS. Локальний мінімум лежить в іншому місці, якщо територія, що з'єднує його з кожною вужчою горловиною, десь ширша за ширину коридору тієї горловини: типово коридор завширшки 800 м повз перешийок виступу завширшки 500 м (через розвилку завширшки 878 м) зараховують до горловини виступу (ширина її коридору — 1000 м); з CORRIDOR_WIDTH 850 подано обидві. Найвужча горловина, обмежена порогом площі (вершина виступу), приховує лише горловини у власному коридорі. Якщо CORRIDOR_WIDTH менша за ширину горловини (коридору немає), поперечні перерізи вздовж неї, ширші менш ніж на 25 %, вважають тією самою горловиною.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Параметри&lt;/h3&gt;&lt;p&gt;INPUT: полігони в будь-якій СК (багаточастинні, з отворами); LAND (необов'язково) спершу обрізає утримувану територію, щоб лагуни й водосховища всередині накресленого полігону не враховувалися; MIN_LOBE_AREA — у км²; MAX_WIDTH і CORRIDOR_WIDTH — у метрах.&lt;/p&gt;&lt;h3&gt;Вихідні дані&lt;/h3&gt;&lt;p&gt;OUTPUT: хорди горловин (лінії, у СК вхідного шару) з полями part_id, rank, width_m, corridor_length_m, side_a_km2, side_b_km2, minor_share (частка меншої сторони в площі частини, від 0 до 0,5). OUTPUT_CORRIDORS (необов'язково): осьові лінії коридорів. Результат MIN_WIDTH_M: найвужча горловина загалом.&lt;/p&gt;&lt;h3&gt;Обмеження&lt;/h3&gt;&lt;p&gt;Геометрію обчислюють у локальній азимутальній рівновеликій проєкції Ламберта (площі точні на еліпсоїді); ширини й довжини вимірюють повторно на еліпсоїді. Частина без горловини (менша за подвоєну MIN_LOBE_AREA або кільце навколо отвору: розрізи через отвір шукають там, де ставок лежить між двома коридорами, а не через власний отвір кільця) не дає жодного об'єкта, лише попередження. Територія без жодного звуження (кругла чи квадратна пляма) теж має найвужчу горловину: хорду, що відтинає рівно MIN_LOBE_AREA біля її найгострішого виступу (side_a_km2 дорівнює MIN_LOBE_AREA). Щілини й отвори, вужчі за 1 м (смужки, що лишаються, коли об'єднують полігони, накреслені впритул), спершу закривають, а полігони, ребра яких ідуть ближче ніж за 1 м одне від одного на відрізку від 10 м (накреслені впритул), вважають однією частиною; полігони, що стикаються лише кутом, — ні. Ширину коридору вимірюють поперек отвору, вужчого за її межу (ставка в ньому): коридор триває над ним. Де територія за гирлом коридору завширшки менш ніж приблизно дві CORRIDOR_WIDTH або коридор іде врівень із краєм масиву, розрізи через кут гирла можуть ще якийсь час не перевищувати межі: коридор заходить у цю територію щонайбільше приблизно на свою ширину з кожного кінця.&lt;/p&gt;&lt;h3&gt;Приклад&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:corridorwidth -- INPUT=held.gpkg MIN_LOBE_AREA=1 MAX_WIDTH=5000 OUTPUT=necks.gpkg&lt;/pre&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;What changed hands between two maps of the ground one side holds.&lt;/p&gt;&lt;h3&gt;Definitions&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;BEFORE and AFTER are each dissolved; &lt;b&gt;gained&lt;/b&gt; pieces are AFTER minus BEFORE, &lt;b&gt;lost&lt;/b&gt; pieces are BEFORE minus AFTER, each split into connected pieces.&lt;/li&gt;&lt;li&gt;&lt;b&gt;depth_m&lt;/b&gt;: how far a piece reaches beyond the earlier line: the largest distance from the earlier front (the boundary of BEFORE) to a point of the piece, counting only the stretch of front the piece touches (a piece touching none: its largest distance to the whole front). A piece cut by AREA_OF_INTEREST keeps the front its whole piece touches, so a part is never deeper than its whole.&lt;/li&gt;&lt;li&gt;&lt;b&gt;front_km&lt;/b&gt;: the length of the earlier front the piece touches (its edges within 5 cm of it: maps redraw a line centimetres apart; where the piece is thinner than 1 m along the front, a hair between two maps' edges, it adds no front).&lt;/li&gt;&lt;li&gt;Pieces smaller than MIN_AREA (km²) are redrawing noise; pieces thinner than MIN_WIDTH (m) everywhere are slivers. Both are left out of the output and of the GAINED and LOST totals. Pieces thinner than 1 mm everywhere are overlay noise (two maps drawing one line a hair apart) and always left out.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;OUTPUT: the pieces (input CRS) with change (gained or lost), area_km2, depth_m and front_km.&lt;/p&gt;&lt;h3&gt;Results&lt;/h3&gt;&lt;p&gt;BEFORE_KM2, AFTER_KM2, GAINED_KM2, LOST_KM2, NET_KM2 (GAINED minus LOST), KEPT_SHARE (share of BEFORE not in LOST), MAX_DEPTH_M (the largest depth_m of a piece touching the front, itself or before AREA_OF_INTEREST cut it: an island or pocket touching none is no advance from it). With MIN_AREA and MIN_WIDTH at 0, AFTER = BEFORE + GAINED - LOST; what they leave out is reported in the log (a warning above 1 km²). AREA_OF_INTEREST limits every figure to the area inside it; LAND clips both layers first.&lt;/p&gt;&lt;h3&gt;Limits&lt;/h3&gt;&lt;p&gt;Areas are exact on the WGS84 ellipsoid (local equal-area projection); distances are planar in that projection (within 0.1 % over a few hundred kilometres; a warning where layers reach so far that it exceeds 0.5 %). Edges over 5 km are split along their layer's CRS before projecting, shorter ones projected as they are: one map in two CRSs (EPSG:4326 and UTM, say) differs by slivers along its long slanting edges: up to about 10 m wide on DeepState's maps (edges up to about 20 km), which a MIN_WIDTH of 10 m drops, but wider along longer straight edges (43 m along a 43 km edge at 50° N). A loaded output is styled green for gains and red for losses.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:frontlinediff -- BEFORE=before.gpkg AFTER=after.gpkg OUTPUT=changes.gpkg&lt;/pre&gt;</source>
      <translation>&lt;p&gt;Що перейшло з рук у руки між двома картами території, яку утримує одна сторона.&lt;/p&gt;&lt;h3&gt;Визначення&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;BEFORE і AFTER кожен спершу об'єднують; &lt;b&gt;здобуті&lt;/b&gt; фрагменти — це AFTER мінус BEFORE, &lt;b&gt;втрачені&lt;/b&gt; — BEFORE мінус AFTER; і ті, й інші розбито на зв'язні фрагменти.&lt;/li&gt;&lt;li&gt;&lt;b&gt;depth_m&lt;/b&gt;: наскільки фрагмент заходить за попередню лінію: найбільша відстань від попередньої лінії фронту (межі BEFORE) до точки фрагмента з урахуванням лише тієї ділянки фронту, якої фрагмент торкається (для фрагмента, що не торкається фронту, — найбільша відстань до всього фронту). Фрагмент, обрізаний AREA_OF_INTEREST, зберігає ділянку фронту, якої торкається весь фрагмент, тож частина ніколи не глибша за ціле.&lt;/li&gt;&lt;li&gt;&lt;b&gt;front_km&lt;/b&gt;: довжина ділянки попередньої лінії фронту, якої торкається фрагмент (його ребра, ближчі до неї за 5 см: карти перемальовують лінію з відхиленням у сантиметри; там, де фрагмент уздовж фронту вужчий за 1 м — волосинка між ребрами двох карт, — він не додає фронту).&lt;/li&gt;&lt;li&gt;Фрагменти, менші за MIN_AREA (км²), — шум перемальовування; фрагменти, скрізь вужчі за MIN_WIDTH (м), — вузькі смужки-артефакти. І ті, й інші не потрапляють ні до вихідного шару, ні до підсумків GAINED і LOST. Фрагменти, скрізь вужчі за 1 мм, — шум накладання (дві карти проводять одну лінію майже в тому самому місці), і їх відкидають завжди.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Вихідні дані&lt;/h3&gt;&lt;p&gt;OUTPUT: фрагменти (у СК вхідних даних) з полями change (gained — здобуто, lost — втрачено), area_km2, depth_m і front_km.&lt;/p&gt;&lt;h3&gt;Результати&lt;/h3&gt;&lt;p&gt;BEFORE_KM2, AFTER_KM2, GAINED_KM2, LOST_KM2, NET_KM2 (GAINED мінус LOST), KEPT_SHARE (частка BEFORE, що не ввійшла до LOST), MAX_DEPTH_M (найбільша depth_m серед фрагментів, що торкаються фронту самі або до обрізання AREA_OF_INTEREST: острів чи кишеня, що його не торкаються, — не просування від нього). Якщо MIN_AREA і MIN_WIDTH дорівнюють 0, AFTER = BEFORE + GAINED - LOST; те, що ці фільтри відкидають, зазначено в журналі (понад 1 км² — попередженням). AREA_OF_INTEREST обмежує кожен показник територією всередині неї; LAND спершу обрізає обидва шари.&lt;/p&gt;&lt;h3&gt;Обмеження&lt;/h3&gt;&lt;p&gt;Площі точні на еліпсоїді WGS84 (локальна рівновелика проєкція); відстані — плоскі в цій проєкції (похибка в межах 0,1 % на кількасот кілометрів; попередження, якщо шари сягають так далеко, що вона перевищує 0,5 %). Ребра довші за 5 км перед проєкціюванням розбиваються в СК свого шару, коротші проєкціюються як є: одна карта у двох СК (скажімо, EPSG:4326 і UTM) відрізняється смужками вздовж довгих похилих ребер: на картах DeepState (ребра до приблизно 20 км) завширшки до приблизно 10 м, які MIN_WIDTH 10 м відкидає, але ширшими вздовж довших прямих ребер (43 м уздовж ребра завдовжки 43 км на 50° пн. ш.). Завантажений результат позначено зеленим для здобутків і червоним для втрат.&lt;/p&gt;&lt;h3&gt;Приклад&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:frontlinediff -- BEFORE=before.gpkg AFTER=after.gpkg OUTPUT=changes.gpkg&lt;/pre&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;How much of each route lies within fire range of hostile ground.&lt;/p&gt;&lt;h3&gt;Definitions&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Each route is cut into &lt;b&gt;stretches&lt;/b&gt;; distance_m is the distance from the stretch's closest point to the nearest hostile ground (0 inside it; empty when farther than the largest range plus 10 km, as ground that far is not read);&lt;/li&gt;&lt;li&gt;&lt;b&gt;band&lt;/b&gt; is the smallest of RANGES that covers the stretch (distances in (previous range, range]; the smallest range includes 0), empty when beyond all.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Parameters&lt;/h3&gt;&lt;p&gt;ROUTES (lines, any CRS), HOSTILE (polygons), RANGES (metres, comma-separated, e.g. 5000,10000,20000 for FPV drones, tube artillery and rockets), LAND (optional: hostile ground is clipped to it).&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;OUTPUT: stretches with route_fid, distance_m, band, length_m. OUTPUT_SUMMARY: per route and band, length_km and share of the route. Result EXPOSED_SHARE: share of all route length within the smallest range (null without any route length).&lt;/p&gt;&lt;h3&gt;Limits&lt;/h3&gt;&lt;p&gt;Distances are computed in a local azimuthal equal-area projection centred on the routes: within 0.1 % of ellipsoidal distances a few hundred kilometres from that centre (a warning where the routes and the largest range reach so far that it exceeds 0.5 %; ranges go up to 10,000 km). HOSTILE and LAND are read only within the largest range (plus 10 km) of the routes. Bands are buffers drawn with 256 segments per circle: a band's edge lies within 0.0076 % of its range inside it (a stretch 4,999.9 m away may fall in the next band); across a bay of hostile ground less deep than 1 % of the range it reaches past the range by up to the bay's depth, as GEOS flattens such bends when buffering (1.5 m at most at 20 km on the whole front of 2025-03-01).&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:routeexposure -- ROUTES=roads.gpkg HOSTILE=hostile.gpkg RANGES=5000,10000,20000 OUTPUT=exposure.gpkg&lt;/pre&gt;</source>
      <translation>&lt;p&gt;Яка частина кожного маршруту перебуває в межах дальності вогневого ураження з ворожої території.&lt;/p&gt;&lt;h3&gt;Визначення&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Кожен маршрут розрізано на &lt;b&gt;ділянки&lt;/b&gt;; distance_m — відстань від найближчої точки ділянки до найближчої ворожої території (0 — усередині неї; порожньо, якщо вона далі за найбільшу дальність плюс 10 км: так далеко територію не зчитують);&lt;/li&gt;&lt;li&gt;&lt;b&gt;band&lt;/b&gt; — найменша з дальностей RANGES, що охоплює ділянку (відстані в межах (попередня дальність, дальність]; найменша дальність включає 0); порожнє, якщо ділянка поза всіма дальностями.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Параметри&lt;/h3&gt;&lt;p&gt;ROUTES (лінії, будь-яка СК), HOSTILE (полігони), RANGES (метри, через кому, напр. 5000,10000,20000 для FPV-дронів, ствольної та реактивної артилерії), LAND (необов'язково: ворожу територію обрізають за ним).&lt;/p&gt;&lt;h3&gt;Вихідні дані&lt;/h3&gt;&lt;p&gt;OUTPUT: ділянки з полями route_fid, distance_m, band, length_m. OUTPUT_SUMMARY: для кожного маршруту й діапазону — length_km і частка маршруту. Результат EXPOSED_SHARE: частка загальної довжини маршрутів у межах найменшої дальності (null, якщо маршрутів із довжиною немає).&lt;/p&gt;&lt;h3&gt;Обмеження&lt;/h3&gt;&lt;p&gt;Відстані обчислюють у локальній азимутальній рівновеликій проєкції з центром на маршрутах: похибка в межах 0,1 % від відстаней на еліпсоїді за кількасот кілометрів від цього центру (попередження, якщо маршрути й найбільша дальність сягають так далеко, що вона перевищує 0,5 %; дальності — до 10 000 км). HOSTILE і LAND читають лише в межах найбільшої дальності (плюс 10 км) від маршрутів. Діапазони — буфери, у яких коло складено з 256 відрізків: межа діапазону лежить усередині нього не далі ніж на 0,0076 % дальності (ділянка за 4 999,9 м може потрапити до наступного діапазону); через затоку ворожої території, мілкішу за 1 % дальності, межа виходить за дальність не далі, ніж на глибину затоки, бо GEOS під час побудови буфера випрямляє такі вигини (щонайбільше 1,5 м на 20 км на всьому фронті 2025-03-01).&lt;/p&gt;&lt;h3&gt;Приклад&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:routeexposure -- ROUTES=roads.gpkg HOSTILE=hostile.gpkg RANGES=5000,10000,20000 OUTPUT=exposure.gpkg&lt;/pre&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Many DeepState maps as one layer for QGIS's Temporal Controller, with a table of the area of each class on each map.&lt;/p&gt;&lt;h3&gt;Which maps&lt;/h3&gt;&lt;p&gt;For each day from DATE_FROM to DATE_TO, every STEP_DAYS days, and for DATE_TO itself, the last map created on or before the end of that day in Kyiv time; a map chosen for several days appears once, and days before the first map choose none (the log says so). With SOURCE_FOLDER the maps come from a folder of raw DeepState maps whose names hold the map id, e.g. &lt;code&gt;deepstate_1730495471.geojson&lt;/code&gt; (nothing is downloaded; without dates every map in the folder is used). Otherwise they are downloaded, or taken from the cache when already there (OFFLINE: the cache only; maps not in it are left out with a warning, and the log says when the cached update list is older than the end of DATE_TO, so later maps may be missing). DATE_FROM and DATE_TO may not be later than today in Kyiv.&lt;/p&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;&lt;b&gt;OUTPUT&lt;/b&gt;: every chosen map's polygons (EPSG:4326) with snapshot_id, snapshot_time, valid_from and valid_to (UTC: from the map's time to the next map's, the last one for STEP_DAYS days or up to the end of DATE_TO if later), class, name_en, name_uk, key and geodesic area_km2; loaded in QGIS it is set up for the Temporal Controller (a temporary layer keeps its times in UTC; QGIS 3.22 writes times to files without a time zone, so read back from a GeoPackage or CSV they show the UTC clock time as local time). &lt;b&gt;OUTPUT_TABLE&lt;/b&gt;: one row per map and class with area_km2, gained_km2 and lost_km2 against the previous map (area = previous area + gained - lost), share_of_first (of the class's area on the first map where it has any) and share_of_max (of its largest area in the series). &lt;b&gt;OUTPUT_HTML&lt;/b&gt; (optional): the area series as charts in a self-contained HTML page. Result MAPS: the number of maps.&lt;/p&gt;&lt;h3&gt;Limits&lt;/h3&gt;&lt;p&gt;Areas and changes are computed in one local equal-area projection for the whole series (exact areas on the WGS84 ellipsoid). DeepState maps are about 0.6 MB each: a long daily series downloads many of them once, then uses the cache.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:deepstateseries -- DATE_FROM=2024-08-08 DATE_TO=2025-03-20 STEP_DAYS=7 OUTPUT=series.gpkg OUTPUT_TABLE=areas.csv OUTPUT_HTML=areas.html&lt;/pre&gt;</source>
      <translation>&lt;p&gt;Багато карт DeepState як один шар для панелі Temporal Controller у QGIS, з таблицею площі кожного класу на кожній карті.&lt;/p&gt;&lt;h3&gt;Які карти&lt;/h3&gt;&lt;p&gt;Для кожного дня від DATE_FROM до DATE_TO з кроком STEP_DAYS днів, а також для самого DATE_TO — остання карта, створена не пізніше кінця цього дня за київським часом; карта, вибрана для кількох днів, з'являється один раз, а дні до першої карти не вибирають жодної (про це сказано в журналі). Із SOURCE_FOLDER карти беруться з папки вихідних карт DeepState з ідентифікатором карти в назві, напр. &lt;code&gt;deepstate_1730495471.geojson&lt;/code&gt; (нічого не завантажується; без дат використовуються всі карти в папці). Інакше їх завантажують або беруть із кешу, якщо вони вже там є (OFFLINE: лише кеш; карти, яких у ньому немає, пропускають із попередженням, а журнал повідомляє, коли кешований список оновлень старший за кінець DATE_TO, тож пізніших карт може бракувати). DATE_FROM і DATE_TO не можуть бути пізнішими за сьогоднішній день за київським часом.&lt;/p&gt;&lt;h3&gt;Вихідні дані&lt;/h3&gt;&lt;p&gt;&lt;b&gt;OUTPUT&lt;/b&gt;: полігони кожної вибраної карти (EPSG:4326) з полями snapshot_id, snapshot_time, valid_from і valid_to (UTC: від часу карти до часу наступної, для останньої — STEP_DAYS днів або до кінця DATE_TO, якщо це пізніше), class, name_en, name_uk, key і геодезичною area_km2; після завантаження в QGIS шар налаштовано для Temporal Controller (тимчасовий шар зберігає час в UTC; QGIS 3.22 записує час у файли без часового поясу, тож зчитаний із GeoPackage чи CSV він показує час UTC як місцевий). &lt;b&gt;OUTPUT_TABLE&lt;/b&gt;: один рядок на карту й клас з полями area_km2, gained_km2 і lost_km2 відносно попередньої карти (площа = попередня площа + здобуто - втрачено), share_of_first (частка від площі класу на першій карті, де він є) і share_of_max (частка від його найбільшої площі в серії). &lt;b&gt;OUTPUT_HTML&lt;/b&gt; (необов'язково): ряди площ у вигляді графіків на самодостатній HTML-сторінці. Результат MAPS: кількість карт.&lt;/p&gt;&lt;h3&gt;Обмеження&lt;/h3&gt;&lt;p&gt;Площі й зміни обчислюють в одній локальній рівновеликій проєкції для всієї серії (площі точні на еліпсоїді WGS84). Кожна карта DeepState займає близько 0,6 МБ: довга щоденна серія один раз завантажує багато карт, а далі бере їх із кешу.&lt;/p&gt;&lt;h3&gt;Приклад&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:deepstateseries -- DATE_FROM=2024-08-08 DATE_TO=2025-03-20 STEP_DAYS=7 OUTPUT=series.gpkg OUTPUT_TABLE=areas.csv OUTPUT_HTML=areas.html&lt;/pre&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Is a force cut off, hanging on a narrow link, or mostly ringed by the enemy? Cuts the held ground into pieces and rates each one.&lt;/p&gt;&lt;h3&gt;Definitions&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;HELD&lt;/b&gt;: the ground of the side under study. &lt;b&gt;REAR&lt;/b&gt; (optional): that side's secure territory behind the line. &lt;b&gt;HOSTILE&lt;/b&gt; (optional): enemy-held and contested ground; without it, ground that is neither HELD nor REAR counts as hostile (except the edge of LAND: a coast is not hostile; gaps narrower than CONTACT_TOLERANCE along REAR or a coast are not hostile either, nor is the mouth, a tolerance deep, of an enemy wedge that narrow reaching them; a narrower enemy strip elsewhere, such as a wedge into HELD, is).&lt;/li&gt;&lt;li&gt;HELD is cut into &lt;b&gt;pieces&lt;/b&gt; at every neck narrower than MAX_LINK_WIDTH (the necks of Corridor width, each side at least MIN_PIECE_AREA and wider than the neck somewhere: a chord that only cuts off a corner is no link, and does not hide one beside it). A neck across a pond between two corridors counts the pond's width too.&lt;/li&gt;&lt;li&gt;Boundary running along REAR within CONTACT_TOLERANCE of it touches it (rear_contact_m, on the ellipsoid); where it leaves the tolerance of REAR (at a corner, or going on past REAR's end), the ramp by which it closes in on REAR, steeper than 1 m in 2 (30°) overall, is no contact; inside the tolerance every wobble counts, and a boundary wholly within it is all contact. A CONTACT_TOLERANCE of 0 is taken as 1 mm: edges two layers share are a rounding error apart once projected. Without REAR the largest piece is the main body and plays the rear's part (its opening is empty): it is never a pocket, only a salient or secure.&lt;/li&gt;&lt;li&gt;A piece's &lt;b&gt;opening&lt;/b&gt;: its rear contact plus the widths of the necks joining it to pieces that reach the rear.&lt;/li&gt;&lt;li&gt;&lt;b&gt;hostile_contact&lt;/b&gt;: the share (0 to 1) of the piece's boundary that borders hostile ground (with HOSTILE: that runs along it within CONTACT_TOLERANCE, judged as rear contact is); neck chords and rear contact are never hostile.&lt;/li&gt;&lt;li&gt;&lt;b&gt;status&lt;/b&gt;: encircled (opening under 1 m); near_encircled (opening under MAX_LINK_WIDTH, or hostile_contact at least MAX_HOSTILE_CONTACT); salient (hostile_contact at least 0.5); else secure. With REAR, the piece cut off from the rear is the pocket even when it is the larger side of a neck.&lt;/li&gt;&lt;li&gt;With FIRE_RANGE (m) above 0, ground within that distance of hostile ground is under fire: fire_free_opening_m is the part of the opening outside it, and fire_controlled marks a piece whose whole opening is under fire.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Outputs&lt;/h3&gt;&lt;p&gt;OUTPUT: every piece with piece_id, status, area_km2, share (of all held ground), opening_m, rear_contact_m, hostile_contact, fire_free_opening_m, fire_controlled and main_body. OUTPUT_LINKS: the neck chords and rear-contact lines with kind, length_m and the pieces they join. Results POCKETS (encircled and near_encircled pieces) and POCKET_SHARE (their share of the held ground).&lt;/p&gt;&lt;h3&gt;Limits&lt;/h3&gt;&lt;p&gt;Layers may be in different CRSs; all are projected to one local equal-area projection centred on HELD, and REAR, HOSTILE and LAND are read only within FIRE_RANGE plus CONTACT_TOLERANCE plus 10 km of it. Parts smaller than MIN_PIECE_AREA are left out (they still count in the held total). HELD overlapping HOSTILE by 0.01 km² or more gives a warning, and so does a FIRE_RANGE reaching so far that the planar fire zone is over 0.5 % off.&lt;/p&gt;&lt;h3&gt;Example&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:encirclement -- HELD=held.gpkg REAR=rear.gpkg MAX_LINK_WIDTH=2000 FIRE_RANGE=5000 OUTPUT=pieces.gpkg&lt;/pre&gt;</source>
      <translation>&lt;p&gt;Чи відрізано угруповання, чи воно тримається на вузькому з'єднанні, чи противник майже оточив його? Алгоритм розрізає утримувану територію на фрагменти й оцінює кожен.&lt;/p&gt;&lt;h3&gt;Визначення&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;HELD&lt;/b&gt;: територія досліджуваної сторони. &lt;b&gt;REAR&lt;/b&gt; (необов'язково): надійний тил цієї сторони за лінією фронту. &lt;b&gt;HOSTILE&lt;/b&gt; (необов'язково): територія, яку утримує противник, і сіра зона; без цього шару ворожою вважається вся територія, що не належить ні до HELD, ні до REAR (крім краю LAND: узбережжя не є ворожим; проміжки, вужчі за CONTACT_TOLERANCE, уздовж REAR чи узбережжя теж не є ворожими, як і гирло завглибшки в допуск такого вузького ворожого клина, що сягає їх; вужча смуга ворожої території деінде, як-от клин у HELD, є ворожою).&lt;/li&gt;&lt;li&gt;HELD розрізають на &lt;b&gt;фрагменти&lt;/b&gt; по кожній горловині, вужчій за MAX_LINK_WIDTH (горловини алгоритму «Ширина коридору», кожна сторона — щонайменше MIN_PIECE_AREA і десь ширша за горловину: хорда, що лише зрізає кут, не є з'єднанням і не приховує сусіднього). Горловина через ставок між двома коридорами враховує й ширину ставка.&lt;/li&gt;&lt;li&gt;Ділянки межі, що тягнуться вздовж REAR ближче до нього, ніж CONTACT_TOLERANCE, вважаються дотичними до нього (rear_contact_m, на еліпсоїді); там, де межа виходить за допуск від REAR (на розі або продовжуючись за кінцем REAR), схил, яким вона наближається до REAR, загалом крутіший за 1 м з 2 (30°), контактом не є; у межах допуску враховується кожне відхилення, а межа, що вся лежить у допуску, — вся контакт. CONTACT_TOLERANCE 0 вважається 1 мм: спільні ребра двох шарів після проєкціювання розходяться на похибку округлення. Без REAR найбільший фрагмент є основним масивом і відіграє роль тилу (його вихід порожній): він ніколи не є котлом, лише виступом або в безпеці.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Вихід&lt;/b&gt; фрагмента: його контакт із тилом плюс ширини горловин, що з'єднують його з фрагментами, які мають вихід до тилу.&lt;/li&gt;&lt;li&gt;&lt;b&gt;hostile_contact&lt;/b&gt;: частка (від 0 до 1) межі фрагмента, що прилягає до ворожої території (з HOSTILE: тягнеться вздовж неї ближче, ніж CONTACT_TOLERANCE, за тим самим правилом, що й контакт із тилом); хорди горловин і контакт із тилом ніколи не вважаються ворожими.&lt;/li&gt;&lt;li&gt;&lt;b&gt;status&lt;/b&gt;: encircled — в оточенні (вихід менше 1 м); near_encircled — майже в оточенні (вихід менший за MAX_LINK_WIDTH або hostile_contact щонайменше MAX_HOSTILE_CONTACT); salient — виступ (hostile_contact щонайменше 0,5); інакше secure — у безпеці. З REAR котлом є фрагмент, відрізаний від тилу, навіть якщо він більша сторона горловини.&lt;/li&gt;&lt;li&gt;Якщо FIRE_RANGE (м) більше за 0, територія в межах цієї відстані від ворожої перебуває під вогневим контролем: fire_free_opening_m — частина виходу поза цією зоною, а fire_controlled позначає фрагмент, увесь вихід якого під вогневим контролем.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Вихідні дані&lt;/h3&gt;&lt;p&gt;OUTPUT: кожен фрагмент з полями piece_id, status, area_km2, share (частка всієї утримуваної території), opening_m, rear_contact_m, hostile_contact, fire_free_opening_m, fire_controlled і main_body. OUTPUT_LINKS: хорди горловин і лінії контакту з тилом з полями kind, length_m і фрагментами, які вони з'єднують. Результати POCKETS (фрагменти encircled і near_encircled, тобто котли) і POCKET_SHARE (їхня частка утримуваної території).&lt;/p&gt;&lt;h3&gt;Обмеження&lt;/h3&gt;&lt;p&gt;Шари можуть бути в різних СК; усі проєктуються в одну локальну рівновелику проєкцію з центром на HELD, а REAR, HOSTILE і LAND читають лише в межах FIRE_RANGE плюс CONTACT_TOLERANCE плюс 10 км від нього. Частини, менші за MIN_PIECE_AREA, не враховуються (але входять до загальної утримуваної площі). Перекриття HELD і HOSTILE на 0,01 км² або більше дає попередження, як і FIRE_RANGE, що сягає так далеко, що плоска зона ураження відхиляється понад 0,5 %.&lt;/p&gt;&lt;h3&gt;Приклад&lt;/h3&gt;&lt;pre&gt;qgis_process run frontline:encirclement -- HELD=held.gpkg REAR=rear.gpkg MAX_LINK_WIDTH=2000 FIRE_RANGE=5000 OUTPUT=pieces.gpkg&lt;/pre&gt;</translation>
    </message>
    <message>
      <source>Frontline</source>
      <translation>Frontline</translation>
    </message>
    <message>
      <source>Frontline: measure war maps</source>
      <translation>Frontline: вимірювання карт війни</translation>
    </message>
    <message>
      <source>Route exposure</source>
      <translation>Уразливість маршрутів</translation>
    </message>
    <message>
      <source>Routes</source>
      <translation>Маршрути</translation>
    </message>
    <message>
      <source>Ranges (m, comma-separated)</source>
      <translation>Дальності (м, через кому)</translation>
    </message>
    <message>
      <source>Land (hostile ground is clipped to it)</source>
      <translation>Суходіл (ворожу територію обрізають за ним)</translation>
    </message>
    <message>
      <source>Route stretches</source>
      <translation>Ділянки маршрутів</translation>
    </message>
    <message>
      <source>Exposure summary</source>
      <translation>Зведення уразливості</translation>
    </message>
    <message>
      <source>Share of route length within the smallest range</source>
      <translation>Частка довжини маршрутів у межах найменшої дальності</translation>
    </message>
    <message>
      <source>ROUTES: no route with a length to measure.</source>
      <translation>ROUTES: немає жодного маршруту з довжиною, яку можна виміряти.</translation>
    </message>
    <message>
      <source>RANGES: {} km is farther than one local projection can measure; ranges go up to {} km.</source>
      <translation>RANGES: {} км — далі, ніж може виміряти одна локальна проєкція; дальності — до {} км.</translation>
    </message>
    <message>
      <source>HOSTILE: no hostile ground within {} km of the routes; every route is beyond range.</source>
      <translation>HOSTILE: у межах {} км від маршрутів ворожої території немає; усі маршрути поза зоною ураження.</translation>
    </message>
    <message>
      <source>RANGES: {} is not a list of positive distances in metres, such as 5000,10000,20000 (commas separate ranges: no thousands separators).</source>
      <translation>RANGES: {} — це не перелік додатних відстаней у метрах, як-от 5000,10000,20000 (коми розділяють дальності: без розділювачів тисяч).</translation>
    </message>
    <message>
      <source>Occupied since 24 February 2022</source>
      <translation>Окуповано з 24 лютого 2022 року</translation>
    </message>
    <message>
      <source>Occupied before 2022 (ORDLO, Crimea)</source>
      <translation>Окуповано до 2022 року (ОРДЛО, Крим)</translation>
    </message>
    <message>
      <source>Grey zone / unknown status (Ukraine)</source>
      <translation>Сіра зона / статус невідомий (Україна)</translation>
    </message>
    <message>
      <source>Grey zone in Russia</source>
      <translation>Сіра зона в Росії</translation>
    </message>
    <message>
      <source>Ukrainian-held in Russia</source>
      <translation>Під контролем ЗСУ в Росії</translation>
    </message>
    <message>
      <source>Liberated</source>
      <translation>Звільнено</translation>
    </message>
    <message>
      <source>Other occupied territories (outside the war map)</source>
      <translation>Інші окуповані території (поза картою війни)</translation>
    </message>
    <message>
      <source>Russian / Belarusian unit</source>
      <translation>Російський / білоруський підрозділ</translation>
    </message>
    <message>
      <source>Direction of attack</source>
      <translation>Напрямок удару</translation>
    </message>
    <message>
      <source>Airfield</source>
      <translation>Аеродром</translation>
    </message>
    <message>
      <source>Other point</source>
      <translation>Інша позначка</translation>
    </message>
    <message>
      <source>Gained</source>
      <translation>Здобуто</translation>
    </message>
    <message>
      <source>Lost</source>
      <translation>Втрачено</translation>
    </message>
    <message>
      <source>Encircled</source>
      <translation>В оточенні</translation>
    </message>
    <message>
      <source>Nearly encircled</source>
      <translation>Майже в оточенні</translation>
    </message>
    <message>
      <source>Salient</source>
      <translation>Виступ</translation>
    </message>
    <message>
      <source>Secure</source>
      <translation>У безпеці</translation>
    </message>
    <message>
      <source>{} km²</source>
      <translation>{} км²</translation>
    </message>
    <message>
      <source>The update's description appears here.</source>
      <translation>Тут з'явиться опис оновлення.</translation>
    </message>
    <message>
      <source>Load a map first.</source>
      <translation>Спершу завантажте карту.</translation>
    </message>
    <message>
      <source>The loaded map is the first update known: there is none before it.</source>
      <translation>Завантажена карта — найперше відоме оновлення: попереднього немає.</translation>
    </message>
    <message>
      <source>Choose at least one class to load.</source>
      <translation>Виберіть принаймні один клас для завантаження.</translation>
    </message>
    <message>
      <source>Reading DeepState's list of map updates…</source>
      <translation>Читання списку оновлень карти DeepState…</translation>
    </message>
    <message>
      <source>Frontline: list of DeepState maps</source>
      <translation>Frontline: список карт DeepState</translation>
    </message>
    <message>
      <source> (not in the cache)</source>
      <translation> (немає в кеші)</translation>
    </message>
    <message>
      <source>Areas</source>
      <translation>Території</translation>
    </message>
    <message>
      <source>Frontline: compare DeepState maps</source>
      <translation>Frontline: порівняння карт DeepState</translation>
    </message>
    <message>
      <source>Corridors</source>
      <translation>Коридори</translation>
    </message>
    <message>
      <source>Links</source>
      <translation>З'єднання</translation>
    </message>
    <message>
      <source>DeepState areas over time</source>
      <translation>Території DeepState у часі</translation>
    </message>
    <message>
      <source>● Not connected yet</source>
      <translation>● Ще не під'єднано</translation>
    </message>
    <message>
      <source>Load the map of the chosen update into the project</source>
      <translation>Завантажити карту вибраного оновлення в проєкт</translation>
    </message>
    <message>
      <source>No map update is known for this day yet: press Refresh.</source>
      <translation>Для цього дня ще немає відомого оновлення карти: натисніть «Оновити».</translation>
    </message>
    <message>
      <source>Gained and lost ground between the loaded map and the update before it</source>
      <translation>Здобута й утрачена територія між завантаженою картою та попереднім оновленням</translation>
    </message>
    <message>
      <source>Necks (corridor width) and near-encirclement of the chosen side's ground</source>
      <translation>Горловини (ширина коридорів) і напівоточення на території вибраної сторони</translation>
    </message>
    <message>
      <source>Load the maps of a range of days into one temporal layer</source>
      <translation>Завантажити карти за діапазон днів в один часовий шар</translation>
    </message>
    <message>
      <source>The loaded map was removed from the project.</source>
      <translation>Завантажену карту видалено з проєкту.</translation>
    </message>
    <message>
      <source>Reading the list of maps was cancelled.</source>
      <translation>Читання списку карт скасовано.</translation>
    </message>
    <message>
      <source>DeepState lists no map updates.</source>
      <translation>У списку DeepState немає жодного оновлення карти.</translation>
    </message>
    <message>
      <source>Update of {} ({} Kyiv)</source>
      <translation>Оновлення від {} ({} за Києвом)</translation>
    </message>
    <message>
      <source>(No description: offline, or none given.)</source>
      <translation>(Опису немає: режим офлайн або опис не надано.)</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Скасування…</translation>
    </message>
    <message>
      <source>Loading the map of {}</source>
      <translation>Завантаження карти від {}</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>Точки</translation>
    </message>
    <message>
      <source>Areas of the map of {} (km², on the WGS84 ellipsoid).</source>
      <translation>Площі на карті від {} (км², на еліпсоїді WGS84).</translation>
    </message>
    <message>
      <source>Comparing {} with {}</source>
      <translation>Порівняння карти від {} з картою від {}</translation>
    </message>
    <message>
      <source>Change since {}: {}</source>
      <translation>Зміни з {}: {}</translation>
    </message>
    <message>
      <source>Analysing {} on the map of {}</source>
      <translation>Аналіз ({}) на карті від {}</translation>
    </message>
    <message>
      <source>Analysis: {}</source>
      <translation>Аналіз: {}</translation>
    </message>
    <message>
      <source>That result is no longer in the project.</source>
      <translation>Цього результату вже немає в проєкті.</translation>
    </message>
    <message>
      <source>The range starts after it ends.</source>
      <translation>Діапазон починається пізніше, ніж закінчується.</translation>
    </message>
    <message>
      <source>Loading the maps from {} to {}</source>
      <translation>Завантаження карт з {} по {}</translation>
    </message>
    <message>
      <source>DeepState {} – {}, every {} days</source>
      <translation>DeepState {} – {}, кожні {} дн.</translation>
    </message>
    <message>
      <source>● Offline: cached maps only</source>
      <translation>● Офлайн: лише карти з кешу</translation>
    </message>
    <message>
      <source>● Online</source>
      <translation>● Онлайн</translation>
    </message>
    <message>
      <source>Cache unavailable</source>
      <translation>Кеш недоступний</translation>
    </message>
    <message>
      <source>Cache: {}</source>
      <translation>Кеш: {}</translation>
    </message>
    <message>
      <source>Not available: the algorithm {} is not registered in Processing.</source>
      <translation>Недоступно: алгоритм {} не зареєстровано в Processing.</translation>
    </message>
    <message>
      <source>Not available: the algorithms {} and {} are not registered in Processing.</source>
      <translation>Недоступно: алгоритми {} і {} не зареєстровано в Processing.</translation>
    </message>
    <message>
      <source>No map was published on or before this day.</source>
      <translation>До цього дня включно не опубліковано жодної карти.</translation>
    </message>
    <message>
      <source>, {} of {} that day</source>
      <translation>, {} з {} того дня</translation>
    </message>
    <message>
      <source>No update on {}; the map then was the {}</source>
      <translation>Оновлень за {} немає; тоді діяло {}</translation>
    </message>
    <message>
      <source>{}: failed. {}</source>
      <translation>{}: не вдалося. {}</translation>
    </message>
    <message>
      <source>Working offline now: only cached maps load; press Refresh to try DeepState again.</source>
      <translation>Тепер режим офлайн: завантажуються лише карти з кешу; натисніть «Оновити», щоб знову звернутися до DeepState.</translation>
    </message>
    <message>
      <source>Frontline: DeepState map {}</source>
      <translation>Frontline: карта DeepState {}</translation>
    </message>
    <message>
      <source>Loaded the map of {}: {} areas, {} points.</source>
      <translation>Завантажено карту від {}: територій — {}, точок — {}.</translation>
    </message>
    <message>
      <source>Compared with {}: gained {} km², lost {} km².</source>
      <translation>Порівняно з картою від {}: здобуто {} км², втрачено {} км².</translation>
    </message>
    <message>
      <source>Frontline: analyse {}</source>
      <translation>Frontline: аналіз ({})</translation>
    </message>
    <message>
      <source>No neck found.</source>
      <translation>Горловин не знайдено.</translation>
    </message>
    <message>
      <source>Frontline: DeepState maps {} to {}</source>
      <translation>Frontline: карти DeepState з {} по {}</translation>
    </message>
    <message>
      <source>{} features from {} to {}; play them with the Temporal Controller.</source>
      <translation>Об'єктів: {} (з {} по {}); відтворіть їх на панелі Temporal Controller.</translation>
    </message>
    <message>
      <source>Cleared the cache ({}).</source>
      <translation>Кеш очищено ({}).</translation>
    </message>
    <message>
      <source>The DeepState URL must start with https:// or http://; kept {}.</source>
      <translation>URL-адреса DeepState має починатися з https:// або http://; залишено {}.</translation>
    </message>
    <message>
      <source>Runs what is available; {} is not registered in Processing yet.</source>
      <translation>Виконує те, що доступно; {} ще не зареєстровано в Processing.</translation>
    </message>
    <message>
      <source>Offline: DeepState could not be reached ({}). {} maps are in the cache.</source>
      <translation>Офлайн: не вдалося зв'язатися з DeepState ({}). Карт у кеші: {}.</translation>
    </message>
    <message>
      <source>{}: cancelled; nothing was added.</source>
      <translation>{}: скасовано; нічого не додано.</translation>
    </message>
    <message>
      <source>{}: failed. The algorithm gave no layer.</source>
      <translation>{}: не вдалося. Алгоритм не повернув шару.</translation>
    </message>
    <message>
      <source>Change against the map loaded before ({}).</source>
      <translation>Зміна порівняно з раніше завантаженою картою ({}).</translation>
    </message>
    <message>
      <source>{}: {} → {}</source>
      <translation>{}: {} → {}</translation>
    </message>
    <message>
      <source>Before</source>
      <translation>До</translation>
    </message>
    <message>
      <source>After</source>
      <translation>Після</translation>
    </message>
    <message>
      <source>Net</source>
      <translation>Сальдо</translation>
    </message>
    <message>
      <source>Kept of the earlier ground</source>
      <translation>Збережено з попередньої території</translation>
    </message>
    <message>
      <source>Deepest change</source>
      <translation>Найбільша глибина зміни</translation>
    </message>
    <message>
      <source>Neck {} (part {})</source>
      <translation>Горловина {} (частина {})</translation>
    </message>
    <message>
      <source>Pocket {}</source>
      <translation>Котел {}</translation>
    </message>
    <message>
      <source>Pockets: {}, {} of the held ground.</source>
      <translation>Котлів: {}, у них {} утримуваної території.</translation>
    </message>
    <message>
      <source>Could not clear the cache: {}</source>
      <translation>Не вдалося очистити кеш: {}</translation>
    </message>
    <message>
      <source>DeepState answered at {}</source>
      <translation>DeepState відповів за адресою {}</translation>
    </message>
    <message>
      <source>DeepState answered, but not with its list of maps ({}). The cached list is shown; {} maps are in the cache.</source>
      <translation>DeepState відповів, але не списком карт ({}). Показано кешований список; у кеші карт: {}.</translation>
    </message>
    <message>
      <source>Something went wrong: {}</source>
      <translation>Щось пішло не так: {}</translation>
    </message>
    <message>
      <source>The map of {} was loaded without this class.</source>
      <translation>Карту від {} завантажено без цього класу.</translation>
    </message>
    <message>
      <source>Necks ({})</source>
      <translation>Горловини ({})</translation>
    </message>
    <message>
      <source>Pockets ({})</source>
      <translation>Котли ({})</translation>
    </message>
    <message>
      <source>Narrowest neck: {}.</source>
      <translation>Найвужча горловина: {}.</translation>
    </message>
    <message>
      <source>{} is not registered: skipped.</source>
      <translation>{} не зареєстровано: пропущено.</translation>
    </message>
    <message>
      <source>{} map updates, the latest of {}.</source>
      <translation>Оновлень карти: {}, найновіше — від {}.</translation>
    </message>
    <message>
      <source>An algorithm gave no layer.</source>
      <translation>Алгоритм не повернув шару.</translation>
    </message>
    <message>
      <source>Could not write the map to a temporary file in {}: {}</source>
      <translation>Не вдалося записати карту в тимчасовий файл у {}: {}</translation>
    </message>
    <message>
      <source>Could not read the layer {}: none of its {} features came through.</source>
      <translation>Не вдалося прочитати шар {}: не прочитано жодного з його об'єктів ({}).</translation>
    </message>
    <message>
      <source>Cannot get DeepState's list of maps ({}) and no map is cached yet. Check the network, or the DeepState URL in Settings.</source>
      <translation>Не вдалося отримати список карт DeepState ({}), а в кеші ще немає жодної карти. Перевірте мережу або URL-адресу DeepState у «Налаштуваннях».</translation>
    </message>
    <message>
      <source>Cannot get DeepState's list of maps ({}) and no map is cached yet. Check the DeepState URL in Settings, or try again later.</source>
      <translation>Не вдалося отримати список карт DeepState ({}), а в кеші ще немає жодної карти. Перевірте адресу DeepState у налаштуваннях або спробуйте пізніше.</translation>
    </message>
    <message>
      <source>This map has no {} to analyse.</source>
      <translation>На цій карті немає території «{}» для аналізу.</translation>
    </message>
    <message>
      <source>QGIS refused the layer {}</source>
      <translation>QGIS не прийняв шар {}</translation>
    </message>
    <message>
      <source>Ukrainian-held ground in Russia</source>
      <translation>Територія під контролем ЗСУ в Росії</translation>
    </message>
    <message>
      <source>Occupied ground in Ukraine (since 2022 and before)</source>
      <translation>Окупована територія України (з 2022 року й раніше)</translation>
    </message>
    <message>
      <source>{} KB</source>
      <translation>{} КБ</translation>
    </message>
    <message>
      <source>{} MB</source>
      <translation>{} МБ</translation>
    </message>
    <message>
      <source>{} GB</source>
      <translation>{} ГБ</translation>
    </message>
    <message>
      <source>encircled</source>
      <translation>в оточенні</translation>
    </message>
    <message>
      <source>nearly encircled</source>
      <translation>майже в оточенні</translation>
    </message>
    <message>
      <source>salient</source>
      <translation>виступ</translation>
    </message>
    <message>
      <source>secure</source>
      <translation>у безпеці</translation>
    </message>
    <message>
      <source>{} km</source>
      <translation>{} км</translation>
    </message>
    <message>
      <source>Map data: &lt;a href="{}"&gt;DeepStateMAP&lt;/a&gt;</source>
      <translation>Дані карти: &lt;a href="{}"&gt;DeepStateMAP&lt;/a&gt;</translation>
    </message>
    <message>
      <source>opening under fire</source>
      <translation>вихід під вогневим контролем</translation>
    </message>
    <message>
      <source>{} m</source>
      <translation>{} м</translation>
    </message>
    <message>
      <source>{} B</source>
      <translation>{} Б</translation>
    </message>
    <message>
      <source>{} wide</source>
      <translation>ширина {}</translation>
    </message>
    <message>
      <source>{} km² ({} of the held ground)</source>
      <translation>{} км² ({} утримуваної території)</translation>
    </message>
    <message>
      <source>opening {}</source>
      <translation>вихід {}</translation>
    </message>
    <message>
      <source>corridor {}</source>
      <translation>коридор {}</translation>
    </message>
    <message>
      <source>sides {} and {} km²</source>
      <translation>сторони {} і {} км²</translation>
    </message>
    <message>
      <source>{} of its edge hostile</source>
      <translation>{} периметра прилягає до ворожої території</translation>
    </message>
    <message>
      <source>Places:</source>
      <translation>Місця:</translation>
    </message>
    <message>
      <source>The algorithm {} is not installed.</source>
      <translation>Алгоритм {} не встановлено.</translation>
    </message>
    <message>
      <source>{problem}; maps are not cached</source>
      <translation>{problem}; карти не кешуються</translation>
    </message>
    <message>
      <source>{file} was not cached: {reason}</source>
      <translation>{file} не збережено в кеші: {reason}</translation>
    </message>
    <message>
      <source>DeepState update list</source>
      <translation>список оновлень DeepState</translation>
    </message>
    <message>
      <source>latest DeepState map</source>
      <translation>найновіша карта DeepState</translation>
    </message>
    <message>
      <source>connection refused</source>
      <translation>з'єднання відхилено</translation>
    </message>
    <message>
      <source>host name not resolved</source>
      <translation>не вдалося визначити адресу хоста</translation>
    </message>
    <message>
      <source>connection reset</source>
      <translation>з'єднання розірвано</translation>
    </message>
    <message>
      <source>DeepState map {snapshot_id}</source>
      <translation>карта DeepState {snapshot_id}</translation>
    </message>
    <message>
      <source>DeepState map file {name}</source>
      <translation>файл карти DeepState {name}</translation>
    </message>
    <message>
      <source>connection failed</source>
      <translation>не вдалося з'єднатися</translation>
    </message>
    <message>
      <source>{what}: the download took over {seconds:.0f} s ({url})</source>
      <translation>{what}: завантаження тривало понад {seconds:.0f} с ({url})</translation>
    </message>
    <message>
      <source>{what}: the server answered with an HTML page, not JSON ({url})</source>
      <translation>{what}: сервер відповів HTML-сторінкою, а не JSON ({url})</translation>
    </message>
    <message>
      <source>{what}: {url} is not a valid address (BASE_URL)</source>
      <translation>{what}: {url} — недійсна адреса (BASE_URL)</translation>
    </message>
    <message>
      <source>{what}: TLS failed ({reason}) ({url})</source>
      <translation>{what}: помилка TLS ({reason}) ({url})</translation>
    </message>
    <message>
      <source>{what}: cancelled</source>
      <translation>{what}: скасовано</translation>
    </message>
    <message>
      <source>no DeepState map published on or before {day} (Kyiv time); the first is from {first}</source>
      <translation>до {day} включно (за київським часом) не опубліковано жодної карти DeepState; перша — від {first}</translation>
    </message>
    <message>
      <source>offline, with the update list cached at {when}: maps published after it, up to {day}, are not in the series unless cached</source>
      <translation>офлайн, зі списком оновлень, кешованим {when}: карт, опублікованих після нього до {day}, немає в ряді, якщо їх немає в кеші</translation>
    </message>
    <message>
      <source>offline: no map made on or before {day}, the last of the chosen dates, is in the cache (the oldest cached is from {first}; no update list is cached)</source>
      <translation>офлайн: у кеші немає карти, створеної {day} (останньої з вибраних дат) або раніше (найстаріша кешована — від {first}; список оновлень не кешовано)</translation>
    </message>
    <message>
      <source>offline: no map made on or before {day} is in the cache (the oldest cached is from {first}; no update list is cached)</source>
      <translation>офлайн: у кеші немає карти, створеної {day} або раніше (найстаріша кешована — від {first}; список оновлень не кешовано)</translation>
    </message>
    <message>
      <source>{what}: the download broke off after {size} bytes ({url})</source>
      <translation>{what}: завантаження обірвалося після {size} байтів ({url})</translation>
    </message>
    <message>
      <source>{what}: the download broke off after {size} of {expected} bytes ({url})</source>
      <translation>{what}: завантаження обірвалося після {size} з {expected} байтів ({url})</translation>
    </message>
    <message>
      <source>{what}: too many redirects ({url})</source>
      <translation>{what}: забагато переспрямувань ({url})</translation>
    </message>
    <message>
      <source>{what}: a malformed answer ({url})</source>
      <translation>{what}: спотворена відповідь ({url})</translation>
    </message>
    <message>
      <source>{what}: QGIS's proxy is a SOCKS proxy, which needs the Python package PySocks ('pip install PySocks') ({url})</source>
      <translation>{what}: проксі QGIS — це проксі SOCKS, для якого потрібен пакет Python PySocks ('pip install PySocks') ({url})</translation>
    </message>
    <message>
      <source>{what}: the download stalled ({url})</source>
      <translation>{what}: завантаження завмерло ({url})</translation>
    </message>
    <message>
      <source>no DeepState map published on or before {day} (Kyiv time)</source>
      <translation>до {day} включно (за київським часом) не опубліковано жодної карти DeepState</translation>
    </message>
    <message>
      <source>offline, with no update list in the cache: the series has only the cached maps up to {day}; others may exist</source>
      <translation>офлайн, без списку оновлень у кеші: ряд містить лише кешовані карти до {day}; можуть існувати й інші</translation>
    </message>
    <message>
      <source>{what}: expected a JSON list, got {kind}</source>
      <translation>{what}: очікувався список JSON, отримано {kind}</translation>
    </message>
    <message>
      <source>{what}: no record has an id</source>
      <translation>{what}: жоден запис не має ідентифікатора</translation>
    </message>
    <message>
      <source>{what}: the id {id} is not a number</source>
      <translation>{what}: ідентифікатор {id} не є числом</translation>
    </message>
    <message>
      <source>{what}: the id {id} is no map id</source>
      <translation>{what}: ідентифікатор {id} не є ідентифікатором карти</translation>
    </message>
    <message>
      <source>offline: the map given as the latest is the newest in the cache, from {made}; with no update list cached, later maps may exist</source>
      <translation>офлайн: останньою подано найновішу з кешованих карт, від {made}; список оновлень не кешовано, тож пізніші карти можуть існувати</translation>
    </message>
    <message>
      <source>{what}: HTTP {status} {reason} ({url})</source>
      <translation>{what}: помилка HTTP {status} {reason} ({url})</translation>
    </message>
    <message>
      <source>{what}: HTTP {status} ({url})</source>
      <translation>{what}: помилка HTTP {status} ({url})</translation>
    </message>
    <message>
      <source>{what}: TLS certificate verification failed ({url})</source>
      <translation>{what}: не вдалося перевірити сертифікат TLS ({url})</translation>
    </message>
    <message>
      <source>{what}: cannot be read ({reason})</source>
      <translation>{what}: не вдається прочитати ({reason})</translation>
    </message>
    <message>
      <source>BASE_URL: the DeepState address must start with http:// or https://, not {url}</source>
      <translation>BASE_URL: адреса DeepState має починатися з http:// або https://, а не {url}</translation>
    </message>
    <message>
      <source>no DeepState map for {day}: that day is in the future (Kyiv time)</source>
      <translation>немає карти DeepState на {day}: цей день ще не настав (за київським часом)</translation>
    </message>
    <message>
      <source>offline, with no update list in the cache: the map for {day} is the newest cached map made before that day ended; a later one may exist</source>
      <translation>офлайн, без списку оновлень у кеші: карта за {day} — найновіша з кешованих карт, створених до кінця того дня; може існувати пізніша</translation>
    </message>
    <message>
      <source>offline, with the update list cached at {when}: a later map for {day} may exist</source>
      <translation>офлайн, зі списком оновлень, кешованим {when}: може існувати пізніша карта за {day}</translation>
    </message>
    <message>
      <source>{what} ({time:%Y-%m-%d %H:%M} UTC) is not in the cache and the client is offline</source>
      <translation>{what} ({time:%Y-%m-%d %H:%M} UTC): немає в кеші, а режим офлайн увімкнено</translation>
    </message>
    <message>
      <source>map for {day}: {error}</source>
      <translation>карта на {day}: {error}</translation>
    </message>
    <message>
      <source>{what}: no map is in the cache and the client is offline</source>
      <translation>{what}: у кеші немає жодної карти, а режим офлайн увімкнено</translation>
    </message>
    <message>
      <source>{what}: expected an object with a 'map'</source>
      <translation>{what}: очікувався об'єкт із полем «map»</translation>
    </message>
    <message>
      <source>{what}: the answer has no id</source>
      <translation>{what}: у відповіді немає ідентифікатора</translation>
    </message>
    <message>
      <source>offline: the map given as the latest is the newest in the cache, from {made}; the update list cached at {when} knows later maps (the newest from {newest})</source>
      <translation>офлайн: останньою подано найновішу з кешованих карт, від {made}; список оновлень, кешований {when}, знає пізніші карти (найновіша — від {newest})</translation>
    </message>
    <message>
      <source>offline: the map given as the latest is the newest in the cache, from {made}; the update list cached at {when} knows none later, but later maps may exist</source>
      <translation>офлайн: останньою подано найновішу з кешованих карт, від {made}; список оновлень, кешований {when}, пізніших не знає, але вони можуть існувати</translation>
    </message>
    <message>
      <source>{what}: not in the cache and the client is offline</source>
      <translation>{what}: немає в кеші, а режим офлайн увімкнено</translation>
    </message>
    <message>
      <source>{what}: {reason} ({url})</source>
      <translation>{what}: {reason} ({url})</translation>
    </message>
    <message>
      <source>{what}: the answer is {size} bytes, more than the {limit} allowed ({url})</source>
      <translation>{what}: розмір відповіді {size} байтів перевищує дозволені {limit} ({url})</translation>
    </message>
    <message>
      <source>{error} ({url})</source>
      <translation>{error} ({url})</translation>
    </message>
    <message>
      <source>DeepState cache folder {folder} cannot be made: {reason} (setting frontline/cache_dir)</source>
      <translation>Не вдалося створити папку кешу DeepState {folder}: {reason} (налаштування frontline/cache_dir)</translation>
    </message>
    <message>
      <source>{what}: the proxy refused ({url})</source>
      <translation>{what}: проксі-сервер відхилив запит ({url})</translation>
    </message>
    <message>
      <source>{what}: the answer exceeds the {limit} bytes allowed ({url})</source>
      <translation>{what}: відповідь перевищує дозволені {limit} байтів ({url})</translation>
    </message>
    <message>
      <source>{what}: the compressed answer cannot be decoded ({url})</source>
      <translation>{what}: стиснену відповідь неможливо розпакувати ({url})</translation>
    </message>
    <message>
      <source>{error}; the server asks to wait {seconds:.0f} s, try again later</source>
      <translation>{error}; сервер просить зачекати {seconds:.0f} с, спробуйте пізніше</translation>
    </message>
    <message>
      <source>{error}; trying again in {seconds:.0f} s</source>
      <translation>{error}; нова спроба за {seconds:.0f} с</translation>
    </message>
    <message>
      <source>{what}: no answer within the timeout ({url})</source>
      <translation>{what}: сервер не відповів за відведений час ({url})</translation>
    </message>
    <message>
      <source>DeepState map</source>
      <translation>карта DeepState</translation>
    </message>
    <message>
      <source>malformed feature</source>
      <translation>пошкоджений об'єкт</translation>
    </message>
    <message>
      <source>feature without geometry</source>
      <translation>об'єкт без геометрії</translation>
    </message>
    <message>
      <source>invalid polygon coordinates</source>
      <translation>недійсні координати полігону</translation>
    </message>
    <message>
      <source>invalid polygon without area</source>
      <translation>недійсний полігон без площі</translation>
    </message>
    <message>
      <source>empty polygon</source>
      <translation>порожній полігон</translation>
    </message>
    <message>
      <source>invalid point coordinates</source>
      <translation>недійсні координати точки</translation>
    </message>
    <message>
      <source>a list</source>
      <translation>список</translation>
    </message>
    <message>
      <source>an object</source>
      <translation>об'єкт</translation>
    </message>
    <message>
      <source>a string</source>
      <translation>рядок</translation>
    </message>
    <message>
      <source>a number</source>
      <translation>число</translation>
    </message>
    <message>
      <source>true or false</source>
      <translation>логічне значення</translation>
    </message>
    <message>
      <source>geometry without a type</source>
      <translation>геометрія без типу</translation>
    </message>
    <message>
      <source>unknown fill {fill}</source>
      <translation>невідомий колір заливки {fill}</translation>
    </message>
    <message>
      <source>{kind} geometry</source>
      <translation>геометрія {kind}</translation>
    </message>
    <message>
      <source>polygon without a fill</source>
      <translation>полігон без кольору заливки</translation>
    </message>
    <message>
      <source>{what}: expected a GeoJSON object, got {kind}</source>
      <translation>{what}: очікувався об'єкт GeoJSON, отримано {kind}</translation>
    </message>
    <message>
      <source>{what}: expected a GeoJSON FeatureCollection, got type {type}</source>
      <translation>{what}: очікувався GeoJSON типу FeatureCollection, отримано тип {type}</translation>
    </message>
    <message>
      <source>{what}: the FeatureCollection has no features list</source>
      <translation>{what}: у FeatureCollection немає списку features</translation>
    </message>
    <message>
      <source>{what}: the map has no areas (DeepState's maps have hundreds)</source>
      <translation>{what}: на карті немає жодної ділянки (на картах DeepState їх сотні)</translation>
    </message>
    <message>
      <source>{what}: invalid JSON ({reason}; line {line}, column {column})</source>
      <translation>{what}: некоректний JSON ({reason}; рядок {line}, стовпець {column})</translation>
    </message>
    <message>
      <source>{what}: not UTF-8 JSON ({error})</source>
      <translation>{what}: це не JSON у кодуванні UTF-8 ({error})</translation>
    </message>
    <message>
      <source>{what}: JSON nested too deeply</source>
      <translation>{what}: JSON має надто глибоку вкладеність</translation>
    </message>
    <message>
      <source>DATE_FROM ({day}) is before the first map in the folder ({first}): days before it choose none.</source>
      <translation>DATE_FROM ({day}) раніше за першу карту в папці ({first}): дні до неї не вибирають жодної карти.</translation>
    </message>
    <message>
      <source>DATE_FROM ({day}) is before the first DeepState map ({first}): days before it choose none.</source>
      <translation>DATE_FROM ({day}) раніше за першу карту DeepState ({first}): дні до неї не вибирають жодної карти.</translation>
    </message>
    <message>
      <source>STEP_DAYS: must be at least 1.</source>
      <translation>STEP_DAYS: має бути щонайменше 1.</translation>
    </message>
    <message>
      <source>DATE_TO ({date_to}) is before DATE_FROM ({date_from}).</source>
      <translation>DATE_TO ({date_to}) раніше за DATE_FROM ({date_from}).</translation>
    </message>
    <message>
      <source>DATE_FROM and DATE_TO: give both dates, or neither with a folder.</source>
      <translation>DATE_FROM і DATE_TO: задайте обидві дати або, з папкою, жодної.</translation>
    </message>
    <message>
      <source>{name} ({day}) is in the future: today is {today} in Kyiv.</source>
      <translation>{name} ({day}) — у майбутньому: сьогодні за київським часом {today}.</translation>
    </message>
    <message>
      <source>en</source>
      <translation>uk</translation>
    </message>
    <message>
      <source>No maps.</source>
      <translation>Немає карт.</translation>
    </message>
    <message>
      <source>{name}: area (km²)</source>
      <translation>{name}: площа (км²)</translation>
    </message>
    <message>
      <source>{name}: area in km² from {start} to {end}</source>
      <translation>{name}: площа в км² від {start} до {end}</translation>
    </message>
    <message>
      <source>{time}: {area} km²</source>
      <translation>{time}: {area} км²</translation>
    </message>
    <message>
      <source>snapshot time</source>
      <translation>час карти</translation>
    </message>
    <message>
      <source>class</source>
      <translation>клас</translation>
    </message>
    <message>
      <source>area km²</source>
      <translation>площа, км²</translation>
    </message>
    <message>
      <source>gained km²</source>
      <translation>здобуто, км²</translation>
    </message>
    <message>
      <source>lost km²</source>
      <translation>втрачено, км²</translation>
    </message>
    <message>
      <source>share of first</source>
      <translation>частка від першої</translation>
    </message>
    <message>
      <source>share of max</source>
      <translation>частка від найбільшої</translation>
    </message>
  </context>
  <context>
    <name>FrontlinePanel</name>
    <message>
      <source>Frontline</source>
      <translation>Frontline</translation>
    </message>
    <message>
      <source>Previous update</source>
      <translation>Попереднє оновлення</translation>
    </message>
    <message>
      <source>Day of the map (Kyiv time). Days with a map update are shown in bold in the calendar.</source>
      <translation>День карти (за київським часом). Дні з оновленням карти виділено в календарі жирним.</translation>
    </message>
    <message>
      <source>Next update</source>
      <translation>Наступне оновлення</translation>
    </message>
    <message>
      <source>Reload the list of map updates</source>
      <translation>Перезавантажити список оновлень карти</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Оновити</translation>
    </message>
    <message>
      <source>DeepState's description of this update; place names open the map in the browser</source>
      <translation>Опис цього оновлення від DeepState; назви місць відкривають карту в браузері</translation>
    </message>
    <message>
      <source>Load</source>
      <translation>Завантажити</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Скасувати</translation>
    </message>
    <message>
      <source>Areas</source>
      <translation>Площі</translation>
    </message>
    <message>
      <source>Class</source>
      <translation>Клас</translation>
    </message>
    <message>
      <source>Area (km²)</source>
      <translation>Площа (км²)</translation>
    </message>
    <message>
      <source>Change (km²)</source>
      <translation>Зміна (км²)</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>Порівняння</translation>
    </message>
    <message>
      <source>Compare with previous</source>
      <translation>Порівняти з попередньою</translation>
    </message>
    <message>
      <source>Analyse</source>
      <translation>Аналіз</translation>
    </message>
    <message>
      <source>Side</source>
      <translation>Сторона</translation>
    </message>
    <message>
      <source>Rear</source>
      <translation>Тил</translation>
    </message>
    <message>
      <source>Optional: a polygon layer of the side's rear (the ground it holds behind the front, e.g. Ukraine's outline)</source>
      <translation>Необов'язково: полігональний шар тилу сторони (територія, яку вона утримує за лінією фронту, напр. контур України)</translation>
    </message>
    <message>
      <source>Select a neck or a pocket to zoom the map to it</source>
      <translation>Виберіть горловину чи котел, щоб наблизити до нього карту</translation>
    </message>
    <message>
      <source>Where</source>
      <translation>Де</translation>
    </message>
    <message>
      <source>Figures</source>
      <translation>Показники</translation>
    </message>
    <message>
      <source>Range</source>
      <translation>Діапазон</translation>
    </message>
    <message>
      <source>From</source>
      <translation>З</translation>
    </message>
    <message>
      <source>To</source>
      <translation>По</translation>
    </message>
    <message>
      <source>Every</source>
      <translation>Кожні</translation>
    </message>
    <message>
      <source> days</source>
      <translation> дн.</translation>
    </message>
    <message>
      <source>Load range</source>
      <translation>Завантажити діапазон</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Налаштування</translation>
    </message>
    <message>
      <source>DeepState URL</source>
      <translation>URL-адреса DeepState</translation>
    </message>
    <message>
      <source>Cache folder</source>
      <translation>Папка кешу</translation>
    </message>
    <message>
      <source>Classes</source>
      <translation>Класи</translation>
    </message>
    <message>
      <source>Polygon classes Load adds to the project</source>
      <translation>Класи полігонів, які кнопка «Завантажити» додає до проєкту</translation>
    </message>
    <message>
      <source>Keep the previous map's group when loading another map</source>
      <translation>Залишати групу попередньої карти під час завантаження іншої</translation>
    </message>
    <message>
      <source>Delete the downloaded maps and the cached update list</source>
      <translation>Видалити завантажені карти й кешований список оновлень</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>Очистити</translation>
    </message>
  </context>
</TS>
