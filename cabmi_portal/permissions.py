"""What the Secretariat group may do; used by its migration and by the tests."""

SECRETARIAT = "Secretariat"

# Every portal model: staff add, change and view all of them.
PORTAL_MODELS = {
    "participants": ["country", "organization", "person"],
    "events": ["series", "conference", "role", "participation", "photo"],
    "programme": ["session", "statement"],
}
# Deleting is allowed for the parts of an edition, and for conferences only
# while they are drafts (the admin refuses published ones). Countries come
# from CLDR and are never deleted by staff.
DELETABLE = {
    "participants": ["organization", "person"],
    "events": ["conference", "role", "participation", "photo"],
    "programme": ["session", "statement"],
}


def secretariat_permission_codenames():
    """{app_label: [codename, ...]} for the Secretariat group."""
    codenames = {}
    for app_label, models in PORTAL_MODELS.items():
        codes = [f"{action}_{model}" for model in models for action in ("add", "change", "view")]
        codes += [f"delete_{model}" for model in DELETABLE.get(app_label, [])]
        codenames[app_label] = codes
    return codenames
