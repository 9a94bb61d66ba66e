"""DeepState downloads from inside QGIS: cache folder, QGIS proxy settings, error messages."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

from qgis.core import QgsApplication, QgsNetworkAccessManager, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QThread
from qgis.PyQt.QtNetwork import QNetworkProxy

from ..core.errors import Text

SETTING_CACHE_DIR = "frontline/cache_dir"
SETTING_BASE_URL = "frontline/base_url"
# Settings of the dock (DeepState panel).
SETTING_CLASSES = "frontline/classes"  # polygon classes Load adds, comma-separated
SETTING_SIDE = "frontline/side"  # the side Analyse measures (a key of ui.present.SIDES)
SETTING_KEEP_PREVIOUS = "frontline/keep_previous"  # keep the previous map's group on Load
DEFAULT_BASE_URL = "https://deepstatemap.live"


def cache_dir() -> Path:
    """The map cache: a user setting, else a folder in the active QGIS profile."""
    configured = QgsSettings().value(SETTING_CACHE_DIR, "", type=str)
    if configured:
        return Path(configured)
    return Path(QgsApplication.qgisSettingsDirPath()) / "frontline" / "cache"


def base_url() -> str:
    """The DeepState base URL: a user setting, else DeepState's own."""
    return QgsSettings().value(SETTING_BASE_URL, "", type=str).strip() or DEFAULT_BASE_URL


def qgis_proxies(url: str) -> dict[str, str] | None:
    """QGIS's proxy settings as a ``requests`` proxies mapping (None: let requests decide).

    QGIS keeps its proxy in the network access manager's fallback proxy. As QGIS does, a
    request whose URL starts with an entry of the "no proxy" list goes direct, and one on the
    exclude list gets Qt's default proxy (none unless set): direct here too. The entries are
    matched against the API root under ``url``, which every DeepState request starts with.
    A SOCKS proxy needs the PySocks package, as requests documents.
    """
    manager = QgsNetworkAccessManager.instance()
    if QThread.currentThread() is not QCoreApplication.instance().thread():
        _follow_proxy_settings(manager)
    proxy = manager.fallbackProxy()
    if proxy.type() in (QNetworkProxy.NoProxy, QNetworkProxy.DefaultProxy):
        return None
    api_root = url.rstrip("/") + "/api/"
    entries = [e.strip() for e in [*manager.noProxyList(), *manager.excludeList()]]
    if any(entry and api_root.startswith(entry) for entry in entries):
        return {"http": "", "https": ""}
    scheme = "socks5h" if proxy.type() == QNetworkProxy.Socks5Proxy else "http"
    credentials = ""
    if proxy.user():
        credentials = f"{quote(proxy.user(), safe='')}:{quote(proxy.password(), safe='')}@"
    address = f"{scheme}://{credentials}{proxy.hostName()}:{proxy.port()}"
    return {urlsplit(url).scheme or "https": address, "http": address, "https": address}


_PROXY_KEYS = (
    "proxyEnabled",
    "proxyType",
    "proxyHost",
    "proxyPort",
    "proxyUser",
    "proxyPassword",
    "proxyExcludedUrls",
    "noProxyUrls",
    "authcfg",
)
_THREAD_PROXY = threading.local()  # the proxy settings this thread's manager last read


def _follow_proxy_settings(manager: QgsNetworkAccessManager) -> None:
    """A worker thread's network manager reads QGIS's proxy settings when it is made, and
    task threads live on: read them again once they changed (the Options dialog does so on
    the main thread only). Not on every call: each read connects the manager's signals
    anew."""
    settings = QgsSettings()
    current = tuple(str(settings.value(f"proxy/{key}", "")) for key in _PROXY_KEYS)
    if getattr(_THREAD_PROXY, "settings", None) != current:
        manager.setupDefaultProxyAndCache()
        _THREAD_PROXY.settings = current


def localised(text: Text) -> str:
    """A core message in the user's language: its templates go through Qt's translator
    (the core cannot)."""
    return text.localised(lambda template: QCoreApplication.translate("Frontline", template))


def error_text(error: BaseException) -> str:
    """An error's message in the user's language: a DeepState error's templates are
    translated; any other error is shown as it is."""
    text = getattr(error, "text", None)
    return localised(text) if isinstance(text, Text) else str(error)


def notes_to(feedback) -> Callable[[Text], None]:
    """What the DeepState client tells on the way (retries, waits, maps not cached), for
    the Processing log in the user's language."""
    return lambda text: feedback.pushInfo(localised(text))


def skip_reasons(skipped: dict[Text, int]) -> list[tuple[str, int]]:
    """(why, how many) of the features a map left out, translated, in a fixed order."""
    return [(localised(why), count) for why, count in sorted(skipped.items(), key=_english)]


def _english(item: tuple[Text, int]) -> str:
    return str(item[0])


def make_client(base_url: str, offline: bool, is_cancelled=None, **options):
    """A DeepState client using Frontline's cache and QGIS's proxy settings.

    ``options`` go to ``DeepStateClient`` (e.g. ``max_retries`` for a quick look-up).
    """
    from ..core.deepstate import DeepStateClient

    return DeepStateClient(
        base_url,
        cache_dir(),
        offline=offline,
        proxies=qgis_proxies(base_url),
        is_cancelled=is_cancelled,
        **options,
    )
