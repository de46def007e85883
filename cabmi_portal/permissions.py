"""What the Secretariat and Translator groups may do; used by their migrations, the admin and the tests."""

SECRETARIAT = "Secretariat"

# Every portal model: staff add, change and view all of them.
PORTAL_MODELS = {
    "participants": ["country", "countryname", "organization", "person"],
    "events": ["series", "conference", "role", "participation"],
    "programme": ["session", "statement", "photo"],
}
# Deleting is allowed for the parts of an edition, and for conferences only
# while they are drafts (the admin refuses published ones). Countries come
# from CLDR and are never deleted by staff; a name kept over CLDR's may be.
DELETABLE = {
    "participants": ["countryname", "organization", "person"],
    "events": ["conference", "role", "participation"],
    "programme": ["session", "statement", "photo"],
}


def secretariat_permission_codenames():
    """{app_label: [codename, ...]} for the Secretariat group."""
    codenames = {}
    for app_label, models in PORTAL_MODELS.items():
        codes = [f"{action}_{model}" for model in models for action in ("add", "change", "view")]
        codes += [f"delete_{model}" for model in DELETABLE.get(app_label, [])]
        codenames[app_label] = codes
    return codenames


TRANSLATOR = "Translator"


def translator_permission_codenames():
    """{app_label: [codename, ...]} for the Translator group: it views every portal record.

    What a translator may change (the translated fields of their own
    languages) is decided per user by translators.access, not by these
    permissions: the group holds none that could change anything else.
    """
    return {app_label: [f"view_{model}" for model in models] for app_label, models in PORTAL_MODELS.items()}
