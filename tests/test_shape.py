"""The shape of the code: each portal-wide rule is written once.

These read the portal's own source (not the tests, not the migrations, which
hold their own data) and fail when a second copy of a rule comes back.
"""

import ast
from pathlib import Path

import pytest

from cabmi_portal.languages import language_codes

ROOT = Path(__file__).resolve().parent.parent
APPS = ("cabmi_portal", "participants", "events", "sessions")
LANGUAGES_MODULE = Path("cabmi_portal/languages.py")
SETTINGS_MODULES = {Path("cabmi_portal/settings.py"), Path("cabmi_portal/settings_test.py")}


def portal_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" not in relative.parts:
                yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))


def language_list_copies(relative, tree):
    """Places in one module that read the settings' language list, split a code, or spell out the portal's codes."""
    codes = set(language_codes())
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("LANGUAGES", "MODELTRANSLATION_DEFAULT_LANGUAGE"):
            yield f"{relative}:{node.lineno}: settings.{node.attr}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split":
            if node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == "-":
                yield f"{relative}:{node.lineno}: a language code split by hand"
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            spelled = {element.value for element in node.elts if isinstance(element, ast.Constant)} & codes
            if len(spelled) >= 3:
                yield f"{relative}:{node.lineno}: a list of language codes"


def test_language_list_written_once():
    copies = [
        copy
        for relative, tree in portal_modules()
        if relative != LANGUAGES_MODULE and relative not in SETTINGS_MODULES
        for copy in language_list_copies(relative, tree)
    ]
    assert copies == []


@pytest.mark.parametrize(
    "source",
    [
        "CODES = [code for code, _name in settings.LANGUAGES]",
        'language = (get_language() or "en").split("-")[0]',
        'PORTAL = ("en", "ru", "uz", "kk")',
    ],
)
def test_language_list_copy_is_found(source):
    assert len(list(language_list_copies(Path("x.py"), ast.parse(source)))) == 1
