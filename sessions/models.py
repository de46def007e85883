import secrets
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cabmi_portal.constraints import CheckConstraint, UniqueConstraint
from cabmi_portal.validators import PortalModel, validate_language_code
from events.models import UNKNOWN, Conference, EditionPartQuerySet
from participants.models import Country, Organization, Person


class SessionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(conference__status=Conference.Status.PUBLISHED)


class StatementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(session__conference__status=Conference.Status.PUBLISHED)


class Session(PortalModel, models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        PLENARY = "plenary", _("Plenary session")
        PANEL = "panel", _("Panel")
        WORKING_GROUP = "working_group", _("Working group")
        SITE_VISIT = "site_visit", _("Site visit")
        SIDE_EVENT = "side_event", _("Side event")
        CLOSING = "closing", _("Closing")
        OTHER = "other", _("Other")

    conference = models.ForeignKey(Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="sessions")
    key = models.SlugField(_("key"), max_length=100, help_text=_("Stable name within the edition, used in import files."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PLENARY)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = SessionQuerySet.as_manager()

    class Meta:
        # Translators: a part of a conference's programme
        verbose_name = pgettext_lazy("programme", "session")
        verbose_name_plural = pgettext_lazy("programme", "sessions")
        ordering = ("conference", "order", "id")
        constraints = [
            UniqueConstraint(
                fields=("conference", "key"),
                name="session_key_unique_in_conference",
                field="key",
                violation_error_message=_("Another session of this conference already has this key."),
            ),
            CheckConstraint(
                condition=Q(start_time__isnull=True) | Q(end_time__isnull=True) | Q(end_time__gte=F("start_time")),
                name="session_times_ordered",
                field="end_time",
                violation_error_message=_("The end time cannot be before the start time."),
            ),
        ]

    def __str__(self):
        # Every edition has its "Opening session": staff see which one, in pickers, history and messages alike.
        return f"{self.conference.short_title} — {self.title}"

    def get_absolute_url(self):
        return f"{self.conference.get_absolute_url()}#session-{self.key}"


class Statement(PortalModel, models.Model):
    class Delivery(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        VIDEO = "video", _("Pre-recorded message")
        WRITTEN = "written", _("Written statement")
        UNKNOWN = UNKNOWN, _("Not recorded")

    session = models.ForeignKey(
        Session, verbose_name=pgettext_lazy("programme", "session"), on_delete=models.CASCADE, related_name="statements"
    )
    speaker = models.ForeignKey(
        Person, verbose_name=_("speaker"), null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    position = models.CharField(_("position held then"), max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("on behalf of state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery, default=Delivery.UNKNOWN)
    original_language = models.CharField(_("original language"), max_length=10, blank=True, validators=[validate_language_code])
    text = models.TextField(_("text"), blank=True, help_text=_("Leave empty when only the fact of speaking is known."))
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = StatementQuerySet.as_manager()

    class Meta:
        # Translators: something said by an official at a conference
        verbose_name = pgettext_lazy("programme", "statement")
        verbose_name_plural = pgettext_lazy("programme", "statements")
        ordering = ("session", "order", "id")
        constraints = [
            CheckConstraint(
                condition=Q(organization__isnull=True) | Q(country__isnull=True),
                name="statement_one_delegation",
                field="country",
                violation_error_message=_("A statement is made on behalf of one delegation: choose an organization or a state, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.speaker or _('Unnamed speaker')} — {self.session}"

    @property
    def delegation(self):
        return self.organization or self.country

    @property
    def delivery_recorded(self):
        return self.delivery != UNKNOWN


# Photos of an edition, each perhaps of one of its sessions ------------------


def photo_upload_to(instance, filename):
    """photos/<32 random hex digits>.<jpg|png|webp>: never guessable, the extension from the image's content.

    ``filename`` is the name PhotoFieldFile.save() made from what Pillow found in the file.
    """
    return f"photos/{secrets.token_hex(16)}{PurePosixPath(filename).suffix}"


class PhotoFieldFile(models.fields.files.ImageFieldFile):
    """Names a stored photo by the format Pillow finds in it, never by the name it arrived with."""

    def save(self, name, content, save=True):
        from events.photos import stored_extension

        super().save(f"photo.{stored_extension(content)}", content, save)

    def _get_image_dimensions(self):
        # A file lost from disk (a record restored from history) keeps its known size instead of failing every save.
        try:
            return super()._get_image_dimensions()
        except (OSError, ValueError):
            return (self.instance.width, self.instance.height)


class PhotoImageField(models.ImageField):
    attr_class = PhotoFieldFile

    def deconstruct(self):
        # Stored exactly like an ImageField: the difference is only in how files are named.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


class Photo(PortalModel, models.Model):
    conference = models.ForeignKey(Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="photos")
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photos",
    )
    image = PhotoImageField(_("image"), upload_to=photo_upload_to, width_field="width", height_field="height")
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt = models.CharField(
        _("alternative text"), max_length=500, blank=True, help_text=_("What the photo shows, for people who cannot see it.")
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = EditionPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ("conference", "order", "id")

    def __str__(self):
        return self.caption or self.image.name

    def clean(self):
        super().clean()
        if self.session_id is not None and self.conference_id is not None and self.session.conference_id != self.conference_id:
            raise ValidationError({"session": _("The session must belong to the photo's own conference.")}, code="foreign_session")
