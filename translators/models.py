from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Translator(models.Model):
    """A user of the Translator group and the languages an administrator assigned them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="translator")
    languages = models.JSONField(_("languages"), default=list, blank=True, help_text=_("The languages this translator may edit."))

    class Meta:
        verbose_name = _("translator")
        verbose_name_plural = _("translators")
        ordering = ("user__username",)

    def __str__(self):
        return self.user.get_username()


class OutdatedTranslation(models.Model):
    """A translation whose English source changed after it was made.

    ``source_hash`` is the hash of the English the translation was made from;
    while the English differs from it the translation is outdated. The row
    goes when a translator changes or confirms the translation.
    """

    unit = models.CharField(_("unit"), max_length=100, help_text=_("Record and field, e.g. session.12.title."))
    language = models.CharField(_("language"), max_length=10)
    source_hash = models.CharField(_("hash of the English source"), max_length=64)
    flagged_at = models.DateTimeField(_("flagged"), auto_now_add=True)

    class Meta:
        verbose_name = _("outdated translation")
        verbose_name_plural = _("outdated translations")
        ordering = ("unit", "language")
        constraints = [models.UniqueConstraint(fields=("unit", "language"), name="outdated_translation_once")]

    def __str__(self):
        return f"{self.unit} ({self.language})"
