"""Country names for every ISO 3166-1 alpha-2 code, in every portal language, from CLDR."""

from babel import Locale

from cabmi_portal.languages import language_codes

# CLDR territories that are two letters but not ISO 3166-1 countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


def iso_codes():
    return sorted(code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)


def country_names(code):
    """{language: name} for one code, e.g. {"en": "Uzbekistan", "ru": "Узбекистан", ...}."""
    return {lang: Locale.parse(lang).territories[code] for lang in language_codes()}


def sync_countries(country_model):
    """Create or update every country with its CLDR names; returns how many exist."""
    locales = {lang: Locale.parse(lang).territories for lang in language_codes()}
    existing = set(country_model.objects.values_list("code", flat=True))
    new, changed = [], []
    for code in iso_codes():
        fields = {f"name_{lang}": names[code] for lang, names in locales.items()}
        fields["name"] = locales["en"][code]
        country = country_model(code=code, **fields)
        (changed if code in existing else new).append(country)
    country_model.objects.bulk_create(new)
    if changed:
        country_model.objects.bulk_update(changed, list(fields))
    return len(new) + len(changed)
