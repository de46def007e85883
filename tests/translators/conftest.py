import pytest
from django.contrib.auth.models import Group, User
from translate.storage import po, xliff2

from cabmi_portal.permissions import TRANSLATOR
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    PersonFactory,
    PhotoFactory,
    RoleFactory,
    SessionFactory,
    StatementFactory,
)
from translators.models import Translator


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def edition(db, media):
    """A published edition with every kind of unit: conference, sessions, statements, a photo, organizations, people."""
    conference = ConferenceFactory(
        published=True,
        slug="tashkent-2022",
        title="17th CABMI Conference",
        title_ru="17-я конференция CABMI",
        body="First paragraph.\n\nSecond paragraph.",
    )
    RoleFactory(
        conference=conference, organization=OrganizationFactory(name="OSCE Secretariat", acronym="OSCE", name_ru="Секретариат ОБСЕ")
    )
    opening = SessionFactory(conference=conference, key="opening", title="Opening", title_ru="Открытие", order=0)
    speaker = PersonFactory(name="Helga Maria Schmid", name_ru="Хельга Мария Шмид")
    StatementFactory(session=opening, speaker=speaker, text="Welcome to Tashkent.", text_ru="Добро пожаловать в Ташкент.")
    SessionFactory(conference=conference, key="plenary", title="Plenary", title_ru="Пленарное заседание", order=1)
    PhotoFactory(conference=conference, session=opening, image__size=(300, 200), caption="Delegates", alt="Delegates at a table")
    return conference


def translator(username, languages):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=TRANSLATOR))
    Translator.objects.create(user=user, languages=languages)
    return user


@pytest.fixture
def uzbek_translator(db):
    return translator("dilnoza", ["uz"])


@pytest.fixture
def translator_client(client, uzbek_translator):
    client.force_login(uzbek_translator)
    return client


def store_for(data, suffix):
    return po.pofile.parsestring(data) if suffix == "po" else xliff2.Xliff2File.parsestring(data)


def fill(data, suffix, translate, only=None):
    """What a translator's script does: every unit (or those ``only`` names) gets translate(source) as target."""
    store = store_for(data, suffix)
    for unit in store.units:
        if unit.isheader():
            continue
        unit_id = unit.getcontext() if suffix == "po" else unit.getid()
        if only is not None and unit_id not in only:
            continue
        unit.target = translate(str(unit.source))
        if suffix == "po":
            unit.markfuzzy(False)
        else:
            unit.marktranslated()
    return bytes(store)
