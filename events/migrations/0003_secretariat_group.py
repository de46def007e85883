from django.contrib.auth.management import create_permissions
from django.db import migrations

# The group as it was created, written out here: a migration must not change when
# cabmi_portal/permissions.py does (a later change gets a migration of its own).
SECRETARIAT = "Secretariat"
CODENAMES = {
    "participants": [
        *(f"{action}_{model}" for model in ("country", "organization", "person") for action in ("add", "change", "view")),
        "delete_organization", "delete_person",
    ],
    "events": [
        *(f"{action}_{model}" for model in ("series", "conference", "role", "participation", "photo") for action in ("add", "change", "view")),
        "delete_conference", "delete_role", "delete_participation", "delete_photo",
    ],
    "programme": [
        *(f"{action}_{model}" for model in ("session", "statement") for action in ("add", "change", "view")),
        "delete_session", "delete_statement",
    ],
}


def create_secretariat(apps, schema_editor):
    # Permissions are normally created after migrate; this group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=SECRETARIAT)
    for app_label, codenames in CODENAMES.items():
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def remove_secretariat(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SECRETARIAT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_initial"),
        ("participants", "0002_load_countries"),
        ("programme", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_secretariat, remove_secretariat)]
