"""Frontline: measure war maps (DeepStateMAP) in QGIS."""

from __future__ import annotations


def classFactory(iface):
    """Create the plugin; QGIS calls this with its interface, qgis_process with None."""
    from .plugin import FrontlinePlugin

    return FrontlinePlugin(iface)
