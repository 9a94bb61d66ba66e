"""Checks of Frontline's third-party requirements, importable when they are missing."""

from __future__ import annotations

MIN_SHAPELY = (2, 0)

INSTALL_HINT = (
    "shapely >= 2.0 (Windows: in the OSGeo4W Shell run 'python -m pip install --upgrade shapely'; "
    "Debian 12, whose shapely is 1.8: 'apt install libgeos-dev python3-dev python3-pip && "
    "pip install --user --break-system-packages --no-binary shapely shapely==2.1.2'; "
    "Ubuntu 22.04, whose pip has no --break-system-packages: the same without it; "
    "elsewhere: 'pip install shapely')"
)


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def missing_requirements() -> str:
    """An empty string when everything is there, else what to install and how."""
    try:
        import shapely
    except ImportError:
        return INSTALL_HINT
    if _version_tuple(getattr(shapely, "__version__", "0")) < MIN_SHAPELY:
        return f"{INSTALL_HINT}; found shapely {shapely.__version__}"
    try:
        import requests  # noqa: F401
    except ImportError:
        return "requests ('pip install requests')"
    return ""
