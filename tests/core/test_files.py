"""Files written whole or not at all (frontline.core.files)."""

from __future__ import annotations

import os
import stat

import pytest

from frontline.core.files import write_atomic


@pytest.fixture()
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_permissions_the_umask_gives(tmp_path, umask_027):
    """The HTML chart came out owner-only (mkstemp's 0600) beside files of 0644."""
    page = tmp_path / "chart.html"
    write_atomic(page, b"<html></html>")
    assert page.read_bytes() == b"<html></html>"
    assert mode(page) == 0o640


def test_a_replaced_file_keeps_its_permissions(tmp_path, umask_027):
    page = tmp_path / "chart.html"
    page.write_bytes(b"old")
    page.chmod(0o604)
    write_atomic(page, b"new")
    assert page.read_bytes() == b"new" and mode(page) == 0o604
    assert [p.name for p in tmp_path.iterdir()] == ["chart.html"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    page = tmp_path / "chart.html"
    page.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(page, "not bytes")  # type: ignore[arg-type]
    assert page.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.html"]
