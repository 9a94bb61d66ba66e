"""Frontline's translations: extract the user-facing strings, keep the .ts files, compile .qm.

Python code marks user-facing strings as ``tr("...")`` or ``self.tr("...")`` (context
``Frontline``, the context every ``tr`` of the plugin uses at run time) or as an algorithm's
``DISPLAY_NAME``; the Qt-free core marks its message templates ``N_("...")`` (see
core/errors.py), filed under ``Frontline`` too, where the glue looks them up. Qt Designer
forms (.ui) are translated in the context of their form class, as ``uic`` does. Qt's own
``pylupdate5`` would file ``self.tr`` strings under each class's name instead, so this small
extractor writes the .ts files itself; Qt's ``lrelease`` compiles them.

Usage: python tools/i18n.py update   # refresh i18n/*.ts from the code, keeping translations
       python tools/i18n.py compile  # i18n/*.ts -> i18n/*.qm
       python tools/i18n.py check    # fail when a string is new, gone or untranslated
"""

from __future__ import annotations

import ast
import subprocess  # nosec B404 - runs Qt's lrelease with an argument list
import sys
import xml.etree.ElementTree as ET  # nosec B405 - parses the project's own .ui and .ts files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "i18n"
CONTEXT = "Frontline"
SOURCES = ("plugin.py", "processing", "ui", "core")
MARKERS = ("tr", "N_")  # calls whose first argument is a text of the Frontline context
LANGUAGES = ("uk",)

Messages = dict[str, list[str]]  # context -> source texts, in order of first appearance


def _add(messages: Messages, context: str, text: str) -> None:
    texts = messages.setdefault(context, [])
    if text and text not in texts:
        texts.append(text)


def _literal(node: ast.AST) -> str | None:
    """The value of a string literal, including implicitly concatenated ones."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _python_messages(path: Path, messages: Messages) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in MARKERS:
                text = _literal(node.args[0])
                if text is not None:
                    _add(messages, CONTEXT, text)
            elif name == "translate" and len(node.args) >= 2:
                context, text = _literal(node.args[0]), _literal(node.args[1])
                if context and text is not None:
                    _add(messages, context, text)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id == "DISPLAY_NAME":
                text = _literal(node.value)
                if text:
                    _add(messages, CONTEXT, text)


def _form_messages(path: Path, messages: Messages) -> None:
    root = ET.parse(path).getroot()  # nosec B314 - the project's own form
    context = root.findtext("class") or path.stem
    for string in root.iter("string"):
        if string.get("notr") != "true" and string.text:
            _add(messages, context, string.text)


def extract() -> Messages:
    messages: Messages = {}
    for source in SOURCES:
        base = ROOT / source
        paths = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            if path.suffix == ".py":
                _python_messages(path, messages)
            elif path.suffix == ".ui":
                _form_messages(path, messages)
    return messages


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation ('' when unfinished) of an existing .ts file."""
    if not path.is_file():
        return {}
    translations = {}
    for context in ET.parse(path).getroot().iter("context"):  # nosec B314 - our own file
        name = context.findtext("name")
        for message in context.iter("message"):
            node = message.find("translation")
            unfinished = node is None or node.get("type") in ("unfinished", "vanished", "obsolete")
            text = "" if unfinished else (node.text or "")
            translations[(name, message.findtext("source"))] = text
    return translations


def write_ts(path: Path, language: str, messages: Messages) -> None:
    known = read_ts(path)
    root = ET.Element("TS", version="2.1", language=language)
    for context_name in sorted(messages):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = context_name
        for text in messages[context_name]:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = text
            translation = ET.SubElement(message, "translation")
            existing = known.get((context_name, text), "")
            if existing:
                translation.text = existing
            else:
                translation.set("type", "unfinished")
    ET.indent(root)
    partial = path.with_suffix(".ts.part")
    partial.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        + ET.tostring(root, encoding="unicode")
        + "\n",
        encoding="utf-8",
    )
    partial.replace(path)


def ts_path(language: str) -> Path:
    return I18N / f"frontline_{language}.ts"


def problems(language: str) -> list[str]:
    """What keeps a language's .ts from matching the code: new, gone or untranslated strings."""
    wanted = {(c, t) for c, texts in extract().items() for t in texts}
    known = read_ts(ts_path(language))
    found = [f"new, not in the .ts: {c}: {t!r}" for c, t in sorted(wanted - set(known))]
    found += [f"gone from the code: {c}: {t!r}" for c, t in sorted(set(known) - wanted)]
    found += [f"untranslated: {c}: {t!r}" for (c, t), tr in sorted(known.items()) if not tr]
    return found


def compile_all() -> list[Path]:
    outputs = []
    for language in LANGUAGES:
        source, target = ts_path(language), ts_path(language).with_suffix(".qm")
        subprocess.run(  # nosec B603 B607 - Qt's lrelease, argument list, no shell
            ["lrelease", "-silent", str(source), "-qm", str(target)], check=True
        )
        outputs.append(target)
    return outputs


def main(command: str) -> int:
    if command == "update":
        messages = extract()
        for language in LANGUAGES:
            write_ts(ts_path(language), language, messages)
        print(f"{sum(len(t) for t in messages.values())} strings in {len(messages)} contexts")
        return 0
    if command == "compile":
        for path in compile_all():
            print(path)
        return 0
    if command == "check":
        found = [f"{language}: {p}" for language in LANGUAGES for p in problems(language)]
        print("\n".join(found) or "translations complete")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
