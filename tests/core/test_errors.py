"""DeepState errors as translatable Texts: English for ``str()``, any language through a
translate function (Qt's, in the glue; a fake one here)."""

from __future__ import annotations

import ast
import copy
import pickle
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from fltest.clients import make_client
from fltest.deepstate_server import refused_url
from frontline.core.deepstate import snapshot_time
from frontline.core.errors import (
    N_,
    DeepStateError,
    DeepStateHTTPError,
    DeepStateNetworkError,
    DeepStateOfflineError,
    Text,
)

CORE = Path(__file__).resolve().parents[2] / "core"
ID_0305 = 1741129114  # the map of 2025-03-05, not fetched
UK = {
    "DeepState map {snapshot_id}": "карта DeepState {snapshot_id}",
    "{what}: cancelled": "{what}: скасовано",
    "{what} ({time:%Y-%m-%d %H:%M} UTC) is missing": "{what}: немає ({time:%d.%m.%Y %H:%M} UTC)",
    "connection refused": "з'єднання відхилено",
}


def fake_uk(template: str) -> str:
    """A translator knowing a few templates; others stay English, as with Qt's."""
    return UK.get(template, template)


def pseudo(template: str) -> str:
    """A translator that marks every template it is given."""
    return f"[{template}]"


def subject(snapshot_id: int) -> Text:
    return Text(N_("DeepState map {snapshot_id}"), snapshot_id=snapshot_id)


# ---------------------------------------------------------------------------------------------
# Text


def test_text_is_the_english_message_with_nested_texts_and_format_specs() -> None:
    moment = datetime(2025, 3, 4, 0, 15, 45, tzinfo=timezone.utc)
    text = Text("{what} ({time:%Y-%m-%d %H:%M} UTC) is missing", what=subject(7), time=moment)
    assert str(text) == "DeepState map 7 (2025-03-04 00:15 UTC) is missing"
    assert str(Text(N_("{what}: cancelled"), what=text)) == f"{text}: cancelled"


def test_localised_translates_the_template_and_nested_texts_not_plain_fields() -> None:
    moment = datetime(2025, 3, 4, 0, 15, tzinfo=timezone.utc)
    missing = Text("{what} ({time:%Y-%m-%d %H:%M} UTC) is missing", what=subject(7), time=moment)
    assert missing.localised(fake_uk) == "карта DeepState 7: немає (04.03.2025 00:15 UTC)"
    cancelled = Text(N_("{what}: cancelled"), what=missing)
    assert (
        cancelled.localised(fake_uk) == "карта DeepState 7: немає (04.03.2025 00:15 UTC): скасовано"
    )
    # A str field is data (a URL, a server's reason), never looked up.
    raw = Text(N_("{what}: cancelled"), what="connection refused")
    assert raw.localised(fake_uk) == "connection refused: скасовано"
    assert raw.localised(pseudo) == "[connection refused: cancelled]"


@pytest.mark.parametrize(
    "broken",
    ["карта {id}", "карта {snapshot_id[0]}", "карта {snapshot_id.x}", "карта {snapshot_id:%Y}"],
)
def test_a_translation_that_breaks_its_template_falls_back_to_english(broken) -> None:
    # A placeholder renamed, or misused on the number it stands for: that template stays
    # English, the rest is still translated.
    translations = {**UK, "DeepState map {snapshot_id}": broken}
    text = Text(N_("{what}: cancelled"), what=subject(7))
    assert text.localised(lambda t: translations.get(t, t)) == "DeepState map 7: скасовано"


def test_errors_and_their_texts_survive_copy_and_pickle() -> None:
    for error in (
        DeepStateHTTPError(Text(N_("{what}: cancelled"), what=subject(7)), url="u", status=404),
        DeepStateError("plain {text}"),
    ):
        for again in (copy.copy(error), copy.deepcopy(error), pickle.loads(pickle.dumps(error))):
            assert type(again) is type(error) and str(again) == str(error)
            assert type(again.text) is type(error.text)
            assert again.text.localised(pseudo) == error.text.localised(pseudo)


def test_text_is_an_immutable_value() -> None:
    text = Text(N_("{what}: cancelled"), what=subject(7))
    with pytest.raises(AttributeError):
        text.template = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        text.fields["what"] = "other"  # type: ignore[index]
    same = Text(N_("{what}: cancelled"), what=subject(7))
    assert text == same and hash(text) == hash(same) and text != subject(7)


def test_an_error_given_a_plain_str_shows_it_as_it_is_in_every_language() -> None:
    error = DeepStateError("DeepState map {snapshot_id}")  # braces are text here
    assert str(error) == error.message == "DeepState map {snapshot_id}"
    assert error.text.localised(pseudo) == "DeepState map {snapshot_id}"


# ---------------------------------------------------------------------------------------------
# The client's errors


def test_a_refused_connection_is_localised_and_english_unchanged(tmp_path) -> None:
    base_url = refused_url()
    with pytest.raises(DeepStateNetworkError) as info:
        make_client(base_url, tmp_path, max_retries=0).updates()
    url = base_url + "/api/history/public"
    assert str(info.value) == f"DeepState update list: connection refused ({url})"
    assert info.value.text.localised(pseudo) == pseudo("{what}: {reason} ({url})").format(
        what=pseudo("DeepState update list"), reason=pseudo("connection refused"), url=url
    )


def test_an_http_error_is_localised_and_english_unchanged(deepstate_server, tmp_path) -> None:
    with pytest.raises(DeepStateHTTPError) as info:
        make_client(deepstate_server.base_url, tmp_path).map_data(123)
    url = deepstate_server.base_url + "/api/history/123/geojson"
    assert str(info.value) == f"DeepState map 123: HTTP 404 Not Found ({url})"
    assert info.value.text.localised(pseudo) == pseudo(
        "{what}: HTTP {status} {reason} ({url})"
    ).format(what="[DeepState map 123]", status=404, reason="Not Found", url=url)


def test_a_day_missing_offline_nests_three_translated_texts(deepstate_server, tmp_path) -> None:
    make_client(deepstate_server.base_url, tmp_path).map_for_date(date(2025, 3, 4))
    with pytest.raises(DeepStateOfflineError) as info:
        make_client(refused_url(), tmp_path, offline=True).map_for_date(date(2025, 3, 5))
    missing = "{what} ({time:%Y-%m-%d %H:%M} UTC) is not in the cache and the client is offline"
    when = snapshot_time(ID_0305)
    assert str(info.value) == "map for 2025-03-05: " + missing.format(
        what=f"DeepState map {ID_0305}", time=when
    )
    inner = pseudo(missing).format(what=f"[DeepState map {ID_0305}]", time=when)
    expected = pseudo("map for {day}: {error}").format(day="2025-03-05", error=inner)
    assert info.value.text.localised(pseudo) == expected


# ---------------------------------------------------------------------------------------------
# Every core message can be translated


def _is_marked(node: ast.expr) -> bool:
    """A template marked N_("...") or held in a variable (itself set from N_ templates)."""
    if isinstance(node, ast.Name):
        return True
    return isinstance(node, ast.Call) and getattr(node.func, "id", "") == "N_"


@pytest.mark.parametrize(
    "path", [p for p in sorted(CORE.glob("*.py")) if p.name != "errors.py"], ids=lambda p: p.name
)
def test_core_messages_are_marked_templates(path: Path) -> None:
    """No DeepState error is built from an f-string or an unmarked literal: tools/i18n.py
    extracts only N_ templates, so any other message would stay English."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = getattr(node.func, "id", "")
        where = f"{path.name}:{node.lineno}"
        if name == "Text":
            assert _is_marked(node.args[0]), where
        elif name.startswith("DeepState") and name.endswith("Error"):
            assert not isinstance(node.args[0], (ast.Constant, ast.JoinedStr)), where


@pytest.mark.parametrize(
    ("records", "kind"),
    [({}, "an object"), (3, "a number"), (2.5, "a number"), (True, "true or false")],
)
def test_a_wrong_json_value_is_named_in_json_words(records, kind) -> None:
    from frontline.core.deepstate import updates_from_records

    with pytest.raises(DeepStateError) as info:
        updates_from_records(records)
    assert str(info.value) == f"DeepState update list: expected a JSON list, got {kind}"
    assert info.value.text.localised(pseudo) == (
        f"[[DeepState update list]: expected a JSON list, got [{kind}]]"
    )
