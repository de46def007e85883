"""Country names for every ISO 3166-1 alpha-2 code, in every portal language.

CLDR gives the default name. Where a state's own usage differs (Russian
"Кыргызстан", not CLDR's "Киргизия"; the full "United States of America"),
the Secretariat keeps an override (CountryName) that wins over CLDR; the
admin applies it to the country at once, and a CLDR refresh keeps it.
"""

from babel import Locale

from cabmi_portal.languages import DEFAULT_LANGUAGE, language_codes

# CLDR territories that are two letters but not ISO 3166-1 countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
# Uzbek Latin writes its two apostrophe letters as ʻ (U+02BB, oʻ gʻ) and ʼ (U+02BC, the tutuq belgisi);
# CLDR mixes in the quotation marks ‘ and ’.
UZBEK_APOSTROPHES = str.maketrans({"\u2018": "\u02bb", "`": "\u02bb", "\u2019": "\u02bc", "'": "\u02bc"})

# The names the states themselves use where CLDR says otherwise, loaded as
# CountryName records by a migration; staff correct them in the admin.
OFFICIAL_USAGE = {
    ("KG", "ru"): "Кыргызстан",
    ("US", "en"): "United States of America",
    ("US", "ru"): "Соединённые Штаты Америки",
    ("US", "uz"): "Amerika Qoʻshma Shtatlari",
    ("US", "ky"): "Америка Кошмо Штаттары",
    ("US", "tg"): "Иёлоти Муттаҳидаи Амрико",
}


def iso_codes():
    return sorted(code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)


def written_in(language, name):
    """A name as the language writes it: Uzbek with its own apostrophe letters."""
    return name.translate(UZBEK_APOSTROPHES) if language == "uz" else name


def cldr_names():
    """{language: {code: name}} from CLDR."""
    return {lang: dict(Locale.parse(lang).territories) for lang in language_codes()}


def country_names(code, overrides=None):
    """{language: name} for one code: the override where one is kept, else CLDR's name."""
    overrides = overrides or {}
    return {lang: written_in(lang, overrides.get(lang) or names[code]) for lang, names in cldr_names().items()}


def name_fields(names):
    fields = {f"name_{lang}": name for lang, name in names.items()}
    fields["name"] = names[DEFAULT_LANGUAGE]
    return fields


def overrides_by_country(name_model, codes=None):
    rows = name_model.objects.all() if codes is None else name_model.objects.filter(country_id__in=codes)
    overrides = {}
    for country_id, language, name in rows.values_list("country_id", "language", "name"):
        overrides.setdefault(country_id, {})[language] = name
    return overrides


def apply_country_names(country, name_model):
    """Set one country's names from CLDR and its overrides, and save them."""
    fields = name_fields(country_names(country.code, overrides_by_country(name_model, [country.code]).get(country.code)))
    for field, value in fields.items():
        setattr(country, field, value)
    country.save(update_fields=list(fields))


def sync_countries(country_model, name_model=None):
    """Create or update every country with its CLDR names and kept overrides; returns how many exist."""
    locales = cldr_names()
    overrides = overrides_by_country(name_model) if name_model else {}
    existing = set(country_model.objects.values_list("code", flat=True))
    new, changed = [], []
    for code in iso_codes():
        own = overrides.get(code, {})
        fields = name_fields({lang: written_in(lang, own.get(lang) or names[code]) for lang, names in locales.items()})
        country = country_model(code=code, **fields)
        (changed if code in existing else new).append(country)
    country_model.objects.bulk_create(new)
    if changed:
        country_model.objects.bulk_update(changed, list(fields))
    return len(new) + len(changed)
