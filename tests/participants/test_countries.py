import pytest
from django.conf import settings
from django.utils import translation

from participants.countries import iso_codes
from participants.models import Country

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
