"""Rules the plugin repository's reviewers and scanners check, applied to the shipped code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [
    "__init__.py",
    "plugin.py",
    *(
        str(p.relative_to(ROOT))
        for folder in ("core", "processing", "ui")
        for p in sorted((ROOT / folder).rglob("*.py"))
    ),
]
HTTP_METHODS = {"get", "post", "put", "delete", "head", "patch", "request", "options"}


def parsed(relative: str) -> ast.Module:
    return ast.parse((ROOT / relative).read_text(encoding="utf-8"), filename=relative)


@pytest.mark.parametrize("relative", SHIPPED)
def test_every_http_call_has_a_timeout(relative):
    for node in ast.walk(parsed(relative)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        target = ast.unparse(node.func.value)
        if node.func.attr in HTTP_METHODS and ("session" in target or target == "requests"):
            keywords = {k.arg for k in node.keywords}
            assert "timeout" in keywords, f"{relative}:{node.lineno}: {ast.unparse(node)[:80]}"


@pytest.mark.parametrize("relative", SHIPPED)
def test_qt_only_through_qgis_pyqt(relative):
    for node in ast.walk(parsed(relative)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert name.split(".")[0] not in ("PyQt5", "PyQt6", "PySide2", "PySide6", "sip"), (
                f"{relative}:{node.lineno}: import {name} (use qgis.PyQt)"
            )


@pytest.mark.parametrize("relative", [p for p in SHIPPED if p.startswith("core/")])
def test_core_never_imports_qgis(relative):
    for node in ast.walk(parsed(relative)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""]
        else:
            continue
        assert all(not m.startswith("qgis") for m in modules), f"{relative}:{node.lineno}"


def test_http_client_is_found_by_the_rules():
    """The timeout rule really sees the client's request (it would pass on no calls)."""
    tree = parsed("core/deepstate.py")
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "get"
        and "session" in ast.unparse(n.func.value)
    ]
    assert calls
