"""The shape of the code: each portal-wide rule is written once.

These read the portal's own source (not the tests, not the migrations, which
hold their own data) and fail when a second copy of a rule comes back.
"""

import ast
from pathlib import Path

import pytest

from cabmi_portal.languages import language_codes

ROOT = Path(__file__).resolve().parent.parent
APPS = ("cabmi_portal", "participants", "events", "sessions", "translators")
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


def is_status_lookup(keyword):
    name = keyword.arg
    if name is None or isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, int):
        return False  # an HTTP status, render(..., status=404)
    return name == "status" or name.startswith("status__") or "__status" in name


def status_filters_outside_querysets(relative, tree):
    """Lookups on a status (filter(status=…), Q(conference__status=…)) written anywhere but in a QuerySet's methods."""
    found = []

    def visit(node, in_queryset):
        if isinstance(node, ast.ClassDef):
            in_queryset = node.name.endswith("QuerySet")
        if isinstance(node, ast.Call) and not in_queryset:
            found.extend(f"{relative}:{node.lineno}: {kw.arg}=" for kw in node.keywords if is_status_lookup(kw))
        for child in ast.iter_child_nodes(node):
            visit(child, in_queryset)

    visit(tree, False)
    return found


def test_visibility_is_said_only_by_queryset_methods():
    found = [line for relative, tree in portal_modules() for line in status_filters_outside_querysets(relative, tree)]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "Statement.objects.filter(session__conference__status=PUBLISHED)",
        "queryset.exclude(status='draft')",
        "Exists(Role.objects.filter(organization=OuterRef('pk'), conference__status__in=['published']))",
    ],
)
def test_status_filter_outside_a_queryset_is_found(source):
    assert len(status_filters_outside_querysets(Path("x.py"), ast.parse(source))) == 1


def test_status_filter_inside_a_queryset_method_is_allowed():
    source = "class RoleQuerySet(QuerySet):\n    def published(self):\n        return self.filter(conference__status='published')\n"
    assert status_filters_outside_querysets(Path("x.py"), ast.parse(source)) == []


def test_data_migrations_hold_their_own_data():
    """A migration that runs code imports none of the portal's: it must do the same when that code changes."""
    imports = []
    for app in APPS:
        for path in sorted((ROOT / app).glob("migrations/0*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if "RunPython" not in ast.unparse(tree):
                continue
            for node in ast.walk(tree):
                module = node.module if isinstance(node, ast.ImportFrom) else None
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [module or ""]
                imports += [f"{path.relative_to(ROOT)}: {name}" for name in names if name.split(".")[0] in APPS]
    assert imports == []


# Models form one chain: each app's models point only at its own and those to its left (never by a string either).
MODEL_CHAIN = ("participants", "events", "programme")


def rightward_relations():
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label not in MODEL_CHAIN:
            continue
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is not None:
                target = field.related_model._meta.app_label
                if target in MODEL_CHAIN and MODEL_CHAIN.index(target) > MODEL_CHAIN.index(model._meta.app_label):
                    yield f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"


def test_models_point_only_leftwards():
    assert list(rightward_relations()) == []


def test_a_relation_to_the_right_is_found(monkeypatch):
    from events.models import Conference
    from sessions.models import Session

    field = Conference._meta.get_field("series")
    monkeypatch.setattr(field, "related_model", Session)
    assert "events.Conference.series -> programme.Session" in list(rightward_relations())


LONGEST_TEMPLATE_LINE = 160


def long_template_lines(root):
    """Lines of the templates below root (pages, PDF, admin) that are longer than a reader can take in at a glance."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if len(line) > LONGEST_TEMPLATE_LINE:
                yield f"{path.relative_to(root)}:{number}: {len(line)} characters"


def test_template_lines_fit_in_160_characters():
    assert list(long_template_lines(ROOT / "templates")) == []


def test_long_template_line_is_found(tmp_path):
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "page.html").write_text("<p>short</p>\n<p>" + "x" * 154 + "</p>\n", encoding="utf-8")

    assert list(long_template_lines(tmp_path)) == ["admin/page.html:2: 161 characters"]
