"""Who is a translator and what the Translator group may do; used by its migration, the admin and the tests.

A translator sees every portal record (drafts included) and changes only the
translated fields of the languages an administrator assigned them: the
group holds view permissions only, and the admin lets its members save
those fields and nothing else.
"""

from django.conf import settings

TRANSLATOR = "Translator"

# Every portal model a translator reads in the admin.
VIEWABLE = {
    "participants": ["country", "organization", "person"],
    "events": ["series", "conference", "role", "participation", "photo"],
    "programme": ["session", "statement"],
}


def translator_permission_codenames():
    """{app_label: [codename, ...]} for the Translator group."""
    return {app_label: [f"view_{model}" for model in models] for app_label, models in VIEWABLE.items()}


def translator_languages(user):
    """The languages ``user`` translates into as a member of the Translator group; [] for everyone else."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not hasattr(user, "_translator_languages"):
        languages = []
        if user.groups.filter(name=TRANSLATOR).exists():
            translator = getattr(user, "translator", None)
            known = {code for code, _name in settings.LANGUAGES}
            languages = [code for code in (translator.languages if translator else []) if code in known]
        user._translator_languages = languages
    return user._translator_languages


def languages_user_may_translate(user):
    """Staff who may change conferences translate every language but English; a translator only theirs."""
    if user.has_perm("events.change_conference"):
        return [code for code, _name in settings.LANGUAGES if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]
    return [code for code in translator_languages(user) if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]
