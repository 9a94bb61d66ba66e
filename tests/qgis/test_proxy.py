"""QGIS's proxy settings as the DeepState client's proxies, and a download through them."""

from __future__ import annotations

import pytest
from qgis.core import QgsNetworkAccessManager
from qgis.PyQt.QtNetwork import QNetworkProxy

from fltest import data
from frontline.processing.deepstate_access import qgis_proxies

BASE = "https://deepstatemap.live"


@pytest.fixture()
def set_proxy():
    manager = QgsNetworkAccessManager.instance()
    saved = (manager.fallbackProxy(), manager.excludeList(), manager.noProxyList())

    def apply(kind, excludes=(), no_proxy=(), user="", password=""):
        proxy = QNetworkProxy(kind, "proxy.example", 3128, user, password)
        manager.setFallbackProxyAndExcludes(proxy, list(excludes), list(no_proxy))

    yield apply
    manager.setFallbackProxyAndExcludes(*saved)


def test_no_proxy_in_qgis_lets_requests_decide(set_proxy):
    set_proxy(QNetworkProxy.NoProxy)
    assert qgis_proxies(BASE) is None


def test_http_proxy_with_credentials_is_used_for_both_schemes(set_proxy):
    set_proxy(QNetworkProxy.HttpProxy, user="ana@unit", password="p:w/d")
    address = "http://ana%40unit:p%3Aw%2Fd@proxy.example:3128"
    assert qgis_proxies(BASE) == {"https": address, "http": address}


def test_socks_proxy_resolves_names_through_the_proxy(set_proxy):
    set_proxy(QNetworkProxy.Socks5Proxy)
    assert qgis_proxies(BASE)["https"] == "socks5h://proxy.example:3128"


@pytest.mark.parametrize(
    "lists",
    [
        {"no_proxy": ["https://deepstatemap.live"]},
        {"no_proxy": [" https://deepstatemap.live/api "]},  # QGIS trims entries too
        {"excludes": ["https://deepstatemap"]},
    ],
)
def test_a_url_on_the_no_proxy_or_exclude_list_goes_direct(set_proxy, lists):
    set_proxy(QNetworkProxy.HttpProxy, **lists)
    assert qgis_proxies(BASE) == {"http": "", "https": ""}


def test_entries_for_other_sites_leave_the_proxy_in_use(set_proxy):
    set_proxy(QNetworkProxy.HttpProxy, excludes=["https://example.org", ""], no_proxy=[" "])
    assert qgis_proxies(BASE)["https"] == "http://proxy.example:3128"


def test_the_dock_and_algorithms_client_downloads_through_the_qgis_proxy(
    set_proxy, deepstate_server, monkeypatch
):
    from frontline.processing.deepstate_access import make_client

    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    host, port = deepstate_server.base_url.removeprefix("http://").split(":")
    proxy = QNetworkProxy(QNetworkProxy.HttpProxy, host, int(port))
    QgsNetworkAccessManager.instance().setFallbackProxyAndExcludes(proxy, [], [])
    client = make_client("http://deepstate.invalid", offline=False)  # cache: isolated_cache
    assert len(client.updates()) == len(data.raw_maps())
    client.close()
    path, headers = deepstate_server.site.requests[0]
    assert (path, headers["Host"]) == ("/api/history/public", "deepstate.invalid")


def test_a_long_lived_worker_thread_sees_a_proxy_set_after_it_first_asked():
    """QGIS's task threads live on: one that had asked before the proxy was set in Options
    kept its first answer (no proxy), as its own network manager had read the settings
    then."""
    import queue
    import threading

    from qgis.core import QgsSettings

    jobs: queue.Queue = queue.Queue()
    answers: queue.Queue = queue.Queue()

    def worker():
        while jobs.get():
            answers.put(qgis_proxies(BASE))

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    settings = QgsSettings()
    keys = ("proxyEnabled", "proxyType", "proxyHost", "proxyPort")
    try:
        jobs.put(True)
        assert answers.get(timeout=10) is None
        for key, value in zip(keys, (True, "HttpProxy", "proxy.example", "3128")):
            settings.setValue(f"proxy/{key}", value)
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()  # as Options does
        jobs.put(True)
        address = "http://proxy.example:3128"
        assert answers.get(timeout=10) == {"https": address, "http": address}
    finally:
        jobs.put(False)
        thread.join(10)
        for key in keys:
            settings.remove(f"proxy/{key}")
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
