from django.db import migrations

from participants.countries import sync_countries


def load_countries(apps, schema_editor):
    sync_countries(apps.get_model("participants", "Country"))


class Migration(migrations.Migration):
    dependencies = [("participants", "0001_initial")]
    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
