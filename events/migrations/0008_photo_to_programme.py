from django.db import migrations


class Migration(migrations.Migration):
    """Photos move to the programme app (programme 0004_photo): events' models no longer name a session.

    The rows stay where they are; only the table takes the programme app's
    name, so ids, files and everything that points at a photo keep holding.
    """

    dependencies = [
        ("events", "0007_name_then"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable(name="photo", table="programme_photo")],
            state_operations=[migrations.DeleteModel(name="Photo")],
        ),
    ]
