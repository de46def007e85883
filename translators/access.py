"""Which languages a user may translate: a translator their assigned ones, staff who change conferences every one."""

from cabmi_portal.languages import translation_languages
from cabmi_portal.permissions import TRANSLATOR


def translator_languages(user):
    """The languages ``user`` translates as a member of the Translator group; [] for everyone else."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not hasattr(user, "_translator_languages"):
        languages = []
        if user.groups.filter(name=TRANSLATOR).exists():
            translator = getattr(user, "translator", None)
            assigned = translator.languages if translator else []
            languages = [code for code in translation_languages() if code in assigned]
        user._translator_languages = languages
    return user._translator_languages


def is_translator(user, model=None):
    """A translator who is not also staff able to change ``model`` (conferences by default) in full."""
    permission = f"{model._meta.app_label}.change_{model._meta.model_name}" if model else "events.change_conference"
    # The permission check reads the user's cached permissions; the group query only runs for those without it.
    return not user.has_perm(permission) and bool(translator_languages(user))


def languages_user_may_translate(user):
    """Every language but English for staff who may change conferences; a translator's own for a translator."""
    if user.has_perm("events.change_conference"):
        return translation_languages()
    return translator_languages(user)
