"""Every admin page a Secretariat member opens reads in their language, Django's and django-reversion's words included.

The walk opens each page the way staff do (their browser asks for a language)
and compares the page's text with every string of Django's admin, auth and
form catalogs and of django-reversion: none may be left in English.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
import reversion
from django.conf import settings
from django.urls import reverse
from reversion.models import Version

from tests.events.test_admin import changeform_data
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    RoleFactory,
    StatementFactory,
)

STAFF_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
DJANGO = Path(django.__file__).parent
CATALOGS = [
    DJANGO / "contrib/admin/locale/ru/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/ru/LC_MESSAGES/django.po",
    DJANGO / "contrib/contenttypes/locale/ru/LC_MESSAGES/django.po",
    DJANGO / "conf/locale/ru/LC_MESSAGES/django.po",
    Path(reversion.__file__).parent / "locale/ru/LC_MESSAGES/django.po",
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
# Words that read the same in the portal's languages, or are not words at all.
# Language names are written in their own language on purpose; "AM" is also Armenia's code.
SAME_IN_EVERY_LANGUAGE = {"OK", "ID", "URL", "Email", "AM", *(name for _code, name in settings.LANGUAGES)}


def english_msgids():
    """Every singular and plural msgid of the catalogs, as a pattern matching the text it becomes on a page."""
    msgids = set()
    for path in CATALOGS:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'^msgid(?:_plural)? ((?:".*"\n)+)', text, re.M):
            msgid = "".join(re.findall(r'"(.*)"', match.group(1))).replace('\\"', '"').replace("\\n", "\n")
            if re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", msgid)) and msgid not in SAME_IN_EVERY_LANGUAGE:
                msgids.add(msgid)
    return [
        (msgid, re.compile(".+?".join(re.escape(part.strip()) for part in PLACEHOLDER.split(msgid))))
        for msgid in sorted(msgids)
    ]


class VisibleText(HTMLParser):
    """The text a person reads or hears: text nodes, titles, placeholders, labels and button values."""

    ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

    def __init__(self):
        super().__init__()
        self.texts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        attrs = dict(attrs)
        self.texts += [attrs[name] for name in self.ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def english_left(html, patterns):
    parser = VisibleText()
    parser.feed(html)
    return sorted({(msgid, text) for text in parser.texts for msgid, pattern in patterns if pattern.fullmatch(text)})


@pytest.fixture
def edition(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    statement = StatementFactory()
    conference = statement.session.conference
    RoleFactory(conference=conference)
    ParticipationFactory(conference=conference)
    PhotoFactory(conference=conference, session=statement.session)
    ConferenceFactory(published=True)
    return conference


def admin_pages(client, conference):
    """(name, response) for every kind of admin page, including a form with errors and a version to restore."""
    statement = conference.sessions.get().statements.get()
    records = {
        "events_series": conference.series, "events_conference": conference, "programme_photo": conference.photos.get(),
        "participants_country": conference.country, "participants_organization": statement.organization,
        "participants_person": statement.speaker, "programme_session": statement.session, "programme_statement": statement,
    }
    yield "index", client.get(reverse("admin:index"))
    for app in ("events", "participants", "programme"):
        yield f"app {app}", client.get(reverse("admin:app_list", args=[app]))
    for name, record in records.items():
        change = reverse(f"admin:{name}_change", args=[record.pk])
        yield f"{name} list", client.get(reverse(f"admin:{name}_changelist"))
        yield f"{name} list searched", client.get(reverse(f"admin:{name}_changelist"), {"q": "nothing matches this"})
        if name != "participants_country":
            yield f"{name} add", client.get(reverse(f"admin:{name}_add"))
        page = client.get(change)
        yield f"{name} change", page
        yield f"{name} saved", client.post(change, changeform_data(page), follow=True)
        yield f"{name} history", client.get(reverse(f"admin:{name}_history", args=[record.pk]))
        version = Version.objects.get_for_object(record).first()
        yield f"{name} version", client.get(reverse(f"admin:{name}_revision", args=[record.pk, version.pk]))
        if name != "participants_country":
            yield f"{name} recover list", client.get(reverse(f"admin:{name}_recoverlist"))
    yield "conference with errors", client.post(
        reverse("admin:events_conference_change", args=[conference.pk]),
        changeform_data(client.get(reverse("admin:events_conference_change", args=[conference.pk]))) | {"end_date": "", "title_en": ""},
    )
    person = PersonFactory()
    yield "person delete", client.get(reverse("admin:participants_person_delete", args=[person.pk]))
    yield "person deleted", client.post(reverse("admin:participants_person_delete", args=[person.pk]), {"post": "yes"}, follow=True)
    yield "person recover list", client.get(reverse("admin:participants_person_recoverlist"))
    yield "bulk delete", client.post(
        reverse("admin:participants_organization_changelist"),
        {"action": "delete_selected", "_selected_action": [OrganizationFactory().pk]},
    )
    yield "no action chosen", client.post(reverse("admin:participants_organization_changelist"), {"action": "", "index": "0"}, follow=True)
    yield "filtered", client.get(reverse("admin:events_conference_changelist"), {"status__exact": "draft"})
    yield "popup", client.get(reverse("admin:participants_organization_add"), {"_popup": "1", "_to_field": "id"})
    yield "person added", client.post(
        reverse("admin:participants_person_add"), {"slug": "new-person", "name_en": "New Person", "_continue": "1"}, follow=True
    )
    yield "by year", client.get(reverse("admin:events_conference_changelist"), {"start_date__year": conference.start_date.year})
    yield "publish checklist", client.get(reverse("admin:events_conference_publish"), {"ids": conference.pk})
    yield "password", client.get(reverse("admin:password_change"))
    yield "password mistyped", client.post(
        reverse("admin:password_change"), {"old_password": "wrong", "new_password1": "123", "new_password2": "124"}
    )


@pytest.mark.same_on_every_database
@pytest.mark.parametrize("code", STAFF_LANGUAGES)
def test_admin_pages_have_no_english_left_from_django(secretariat_client, edition, code):
    patterns = english_msgids()
    secretariat_client.defaults["HTTP_ACCEPT_LANGUAGE"] = code
    left = {}
    for name, response in admin_pages(secretariat_client, edition):
        assert response.status_code == 200, name
        assert response.headers["Content-Language"] == code, name
        found = english_left(response.content.decode(), patterns)
        if code == "uz":
            found += typewriter_apostrophes(response.content.decode())
        if found:
            left[name] = found

    assert left == {}


def typewriter_apostrophes(html):
    """Uzbek Latin writes oʻ and gʻ with the modifier letter, never with a quote (country names from CLDR aside)."""
    parser = VisibleText()
    parser.feed(html)
    return [("apostrophe", text) for text in parser.texts if re.search(r"\b\w*[oOgG]['‘’`]\w", text)]


@pytest.mark.parametrize("code", STAFF_LANGUAGES)
def test_admin_login_and_logout_pages_speak_the_language(client, secretariat_user, code):
    patterns = english_msgids()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = code
    login = client.get(reverse("admin:login"))
    client.force_login(secretariat_user)
    logout = client.post(reverse("admin:logout"))

    assert english_left(login.content.decode(), patterns) == []
    assert english_left(logout.content.decode(), patterns) == []


def test_the_walk_finds_english_where_django_has_no_translation(secretariat_client, edition):
    """The check can fail: a language without our catalog entries (English itself) shows Django's words."""
    secretariat_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    found = english_left(secretariat_client.get(reverse("admin:index")).content.decode(), english_msgids())

    assert ("Recent actions", "Recent actions") in found


def test_russian_admin_never_puts_a_model_name_in_the_wrong_case(secretariat_client, edition):
    secretariat_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    changelist = secretariat_client.get(reverse("admin:events_conference_changelist")).content.decode()
    change = secretariat_client.get(reverse("admin:events_conference_change", args=[edition.pk])).content.decode()

    assert "Добавить: конференция" in changelist
    assert "Выберите для изменения: конференция" in changelist
    assert "Изменение: конференция" in change
    assert [text for text in ("Добавить конференция", "Изменить конференция", "Выберите конференция") if text in changelist + change] == []
