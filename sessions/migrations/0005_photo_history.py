import json

from django.db import migrations

# A migration must not change when the live code does: the names it moves are written out here.
OLD = ("events", "photo")
NEW = ("programme", "photo")


def move_content_type(apps, schema_editor, old=OLD, new=NEW):
    """The photo's content type row becomes programme.photo in place: the ids history holds keep naming photos.

    Admin log entries, django-reversion versions and permissions (so the
    Secretariat and Translator groups) point at the content type by id. If a
    row for the new name exists already (made by code that ran before this
    migration), what points at it is moved onto the old row and it goes.
    Versions store the model's label inside their JSON: that is rewritten too,
    so an edition's history still restores its photos.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    kept = ContentType.objects.using(db).filter(app_label=old[0], model=old[1]).first()
    duplicate = ContentType.objects.using(db).filter(app_label=new[0], model=new[1]).first()
    if kept is None:
        # A database that never had the old row (made after the model moved): nothing to carry over.
        return
    if duplicate is not None:
        _merge_content_types(apps, db, kept, duplicate)
    kept.app_label, kept.model = new
    kept.save(update_fields=["app_label", "model"])
    _relabel_versions(apps, db, kept, f"{old[0]}.{old[1]}", f"{new[0]}.{new[1]}")
    # Django's own cache of content types (by id and by name) may hold the rows as they were.
    from django.contrib.contenttypes.models import ContentType as LiveContentType

    LiveContentType.objects.clear_cache()


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old=NEW, new=OLD)


def _merge_content_types(apps, db, kept, duplicate):
    """Everything that points at ``duplicate`` points at ``kept`` instead; then ``duplicate`` is deleted."""
    Permission = apps.get_model("auth", "Permission")
    kept_permissions = {permission.codename: permission for permission in Permission.objects.using(db).filter(content_type=kept)}
    holders = [
        field.remote_field.through
        for model in apps.get_models()
        for field in model._meta.many_to_many
        if field.remote_field.model is Permission and field.remote_field.through._meta.auto_created
    ]
    for permission in Permission.objects.using(db).filter(content_type=duplicate):
        same = kept_permissions.get(permission.codename)
        if same is None:
            permission.content_type = kept
            permission.save(update_fields=["content_type"])
            continue
        for through in holders:
            # Whoever held the duplicate permission holds the kept one (once).
            owner = next(f.name for f in through._meta.fields if f.is_relation and f.remote_field.model is not Permission)
            owners = through.objects.using(db).filter(permission=permission).values_list(f"{owner}_id", flat=True)
            having = set(through.objects.using(db).filter(permission=same).values_list(f"{owner}_id", flat=True))
            through.objects.using(db).bulk_create(
                [through(**{f"{owner}_id": owner_id, "permission": same}) for owner_id in set(owners) - having]
            )
        permission.delete()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.many_to_one and field.remote_field.model is type(kept) and model is not Permission:
                model._base_manager.using(db).filter(**{field.name: duplicate}).update(**{field.name: kept})
    duplicate.delete()


def _relabel_versions(apps, db, content_type, old_label, new_label):
    """The "model" key of each stored version of the moved model names its new label."""
    try:
        Version = apps.get_model("reversion", "Version")
    except LookupError:
        return
    changed = []
    for version in Version.objects.using(db).filter(content_type=content_type, format="json").only("serialized_data").iterator():
        data = json.loads(version.serialized_data)
        touched = False
        for item in data:
            if item.get("model") == old_label:
                item["model"] = new_label
                touched = True
        if touched:
            # As Django's JSON serializer writes it (what django-reversion stores).
            version.serialized_data = json.dumps(data, ensure_ascii=False)
            changed.append(version)
    Version.objects.using(db).bulk_update(changed, ["serialized_data"], batch_size=500)


class Migration(migrations.Migration):
    """The moved photo model's content type, and the versions that name it, follow it to the programme app."""

    dependencies = [
        ("programme", "0004_photo"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(move_content_type, move_content_type_back)]
