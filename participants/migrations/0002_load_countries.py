from babel import Locale
from django.db import migrations

# Written out here rather than imported: a migration must do the same thing
# whatever later becomes of the portal's own code. The languages are the
# portal's at the time; CLDR (babel) gives the names.
LANGUAGES = ("en", "ru", "uz", "kk", "ky", "tg", "tk")
# CLDR territories that are two letters but not ISO 3166-1 countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


def load_countries(apps, schema_editor):
    Country = apps.get_model("participants", "Country")
    names = {language: Locale.parse(language).territories for language in LANGUAGES}
    codes = sorted(code for code in names["en"] if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)
    existing = set(Country.objects.values_list("code", flat=True))
    Country.objects.bulk_create(
        Country(code=code, name=names["en"][code], **{f"name_{language}": names[language][code] for language in LANGUAGES})
        for code in codes
        if code not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("participants", "0001_initial")]
    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
