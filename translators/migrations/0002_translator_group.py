from django.contrib.auth.management import create_permissions
from django.db import migrations

# The group as it was created, written out here: a migration must not change when
# cabmi_portal/permissions.py does (a later change gets a migration of its own).
TRANSLATOR = "Translator"
CODENAMES = {
    "participants": ["view_country", "view_organization", "view_person"],
    "events": ["view_series", "view_conference", "view_role", "view_participation", "view_photo"],
    "programme": ["view_session", "view_statement"],
}


def create_translator_group(apps, schema_editor):
    # Permissions are normally created after migrate; this group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=TRANSLATOR)
    for app_label, codenames in CODENAMES.items():
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def remove_translator_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRANSLATOR).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("translators", "0001_initial"),
        ("events", "0003_secretariat_group"),
        ("participants", "0002_load_countries"),
        ("programme", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_translator_group, remove_translator_group)]
