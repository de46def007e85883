import pytest
from django.conf import settings
from django.utils import translation

from participants.countries import iso_codes, sync_countries
from participants.models import Country, CountryName
from tests.factories import ConferenceFactory, ParticipationFactory, country

pytestmark = pytest.mark.django_db


def test_every_iso_code_is_loaded_by_the_migration():
    assert set(Country.objects.values_list("code", flat=True)) == set(iso_codes())
    assert Country.objects.count() >= 249


def test_every_country_has_a_name_in_every_portal_language():
    for lang, _name in settings.LANGUAGES:
        assert not Country.objects.filter(**{f"name_{lang}": ""}).exists(), lang


@pytest.mark.parametrize(
    "lang,name",
    [("en", "Türkiye"), ("ru", "Турция"), ("uz", "Turkiya"), ("kk", "Түркия"), ("ky", "Түркия"), ("tg", "Туркия"), ("tk", "Türkiýe")],
)
def test_country_name_follows_active_language(lang, name):
    with translation.override(lang):
        assert Country.objects.get(code="TR").name == name


# The five Central Asian states, Türkiye and the United States as each language's readers write them.
NAMES_IN_USE = {
    "en": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan", "Türkiye", "United States of America"],
    "ru": ["Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан", "Турция", "Соединённые Штаты Америки"],
    "uz": ["Qozogʻiston", "Qirgʻiziston", "Tojikiston", "Turkmaniston", "Oʻzbekiston", "Turkiya", "Amerika Qoʻshma Shtatlari"],
    "kk": ["Қазақстан", "Қырғызстан", "Тәжікстан", "Түрікменстан", "Өзбекстан", "Түркия", "Америка Құрама Штаттары"],
    "ky": ["Казакстан", "Кыргызстан", "Тажикстан", "Түркмөнстан", "Өзбекстан", "Түркия", "Америка Кошмо Штаттары"],
    "tg": ["Қазоқистон", "Қирғизистон", "Тоҷикистон", "Туркманистон", "Ӯзбекистон", "Туркия", "Иёлоти Муттаҳидаи Амрико"],
    "tk": ["Gazagystan", "Gyrgyzystan", "Täjigistan", "Türkmenistan", "Özbegistan", "Türkiýe", "Amerikanyň Birleşen Ştatlary"],
}
SEVEN_STATES = ["KZ", "KG", "TJ", "TM", "UZ", "TR", "US"]


@pytest.mark.parametrize("lang", NAMES_IN_USE)
def test_central_asian_states_turkiye_and_united_states_are_named_as_in_use(client, lang):
    with translation.override(lang):
        assert [Country.objects.get(code=code).name for code in SEVEN_STATES] == NAMES_IN_USE[lang]
    ParticipationFactory(conference=ConferenceFactory(published=True), country=country("US"))
    page = client.get(f"/{lang}/countries/us/").content.decode()
    assert f"<h1>{NAMES_IN_USE[lang][-1]}</h1>" in page


def test_uzbek_country_names_use_one_apostrophe_system():
    names = "".join(Country.objects.values_list("name_uz", flat=True))
    assert "\u02bb" in names
    assert not set(names) & {"\u2018", "\u2019", "'", "`"}


def test_secretariat_correction_of_a_name_renames_the_country_and_survives_a_cldr_refresh(secretariat_client):
    response = secretariat_client.post(
        "/admin/participants/countryname/add/", {"country": "KZ", "language": "ru", "name": "Республика Казахстан"}
    )
    assert response.status_code == 302
    sync_countries(Country, CountryName)
    with translation.override("ru"):
        assert Country.objects.get(code="KZ").name == "Республика Казахстан"


def test_deleting_a_kept_name_gives_the_country_its_cldr_name_again(secretariat_client):
    kept = CountryName.objects.get(country_id="KG", language="ru")
    response = secretariat_client.post(f"/admin/participants/countryname/{kept.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert Country.objects.get(code="KG").name_ru == "Киргизия"
