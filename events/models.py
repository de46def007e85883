from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cabmi_portal.validators import PortalModel, validate_extra, validate_sources
from participants.models import Country, Organization


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


# The value of a choice the sources do not record (a participant's attendance, a statement's delivery).
UNKNOWN = "unknown"
# A participant's attendance: a conference's choices, or not recorded.
ParticipantAttendance = models.TextChoices(
    "ParticipantAttendance",
    [*((choice.name, (choice.value, choice.label)) for choice in Attendance), ("UNKNOWN", (UNKNOWN, _("Not recorded")))],
)


class Series(PortalModel, models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("Short code, e.g. CABMI."))
    name = models.CharField(_("name"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("conference series")
        verbose_name_plural = _("conference series")
        ordering = ("code",)

    def __str__(self):
        return self.code


class ConferenceQuerySet(models.QuerySet):
    """What is public is said here and in the querysets below, nowhere else: drafts never leave the admin."""

    def published(self):
        return self.filter(status=Conference.Status.PUBLISHED)

    def drafts(self):
        return self.filter(status=Conference.Status.DRAFT)


class EditionPartQuerySet(models.QuerySet):
    """Roles, participations and photos: public when their conference is."""

    def published(self):
        return self.filter(conference__status=Conference.Status.PUBLISHED)


class Conference(PortalModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    series = models.ForeignKey(Series, verbose_name=_("series"), on_delete=models.PROTECT, related_name="conferences")
    edition = models.PositiveIntegerField(
        _("edition"), null=True, blank=True, help_text=_("Number within the series; empty when the sources do not say.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("host country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_conferences",
    )
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Plain text; separate paragraphs with a blank line."))
    participants_count = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    participants_note = models.CharField(_("note on participants"), max_length=300, blank=True)
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_sources], help_text=_('A list of {"url", "title", "lang"} objects.')
    )
    extra = models.JSONField(_("extra data"), default=dict, blank=True, validators=[validate_extra])
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ("-start_date", "id")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="conference_dates_ordered"),
            models.UniqueConstraint(fields=("series", "edition"), name="conference_edition_unique_in_series"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:conference", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def short_title(self):
        """ "CABMI 17", or the series code and year for an edition of unknown number."""
        return f"{self.series.code} {self.edition or self.start_date.year}"


def one_of_organization_or_country(name):
    return models.CheckConstraint(
        condition=(Q(organization__isnull=False, country__isnull=True) | Q(organization__isnull=True, country__isnull=False)),
        name=name,
    )


class Role(PortalModel, models.Model):
    """Who made an edition happen: an organization or a country, never both."""

    class Kind(models.TextChoices):
        ORGANIZER = "organizer", _("Organizer")
        CO_ORGANIZER = "co_organizer", _("Co-organizer")
        PARTNER = "partner", _("Partner")
        SUPPORTER = "supporter", _("Supporter")
        HOST = "host", _("Host")

    conference = models.ForeignKey(Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Kind)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), null=True, blank=True, on_delete=models.PROTECT, related_name="roles"
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="roles")
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = EditionPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ("conference", "order", "id")
        constraints = [one_of_organization_or_country("role_organization_or_country")]

    def __str__(self):
        return f"{self.get_role_display()}: {self.organization or self.country}"

    @property
    def party(self):
        return self.organization or self.country

    @property
    def is_organizing(self):
        """Organizers and co-organizers: who the proceedings and the structured data name as organizing the edition."""
        return self.role in ORGANIZING_ROLES


ORGANIZING_ROLES = (Role.Kind.ORGANIZER, Role.Kind.CO_ORGANIZER)


class Participation(PortalModel, models.Model):
    """A state or organization that took part in an edition, and how."""

    class Kind(models.TextChoices):
        PARTICIPATING_STATE = "participating_state", _("Participating state")
        ORGANIZATION = "organization", _("Organization")
        OBSERVER = "observer", _("Observer")
        GUEST = "guest", _("Guest")

    Attendance = ParticipantAttendance

    conference = models.ForeignKey(Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(_("taking part as"), max_length=20, choices=Kind)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance, default=Attendance.UNKNOWN)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = EditionPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ("conference", "order", "id")
        constraints = [
            one_of_organization_or_country("participation_organization_or_country"),
            models.UniqueConstraint(
                fields=("conference", "organization"), condition=Q(organization__isnull=False), name="participation_organization_once"
            ),
            models.UniqueConstraint(
                fields=("conference", "country"), condition=Q(country__isnull=False), name="participation_country_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.organization or self.country}"

    @property
    def party(self):
        return self.organization or self.country

    @property
    def attendance_recorded(self):
        return self.attendance != UNKNOWN


def photo_upload_to(instance, filename):
    return f"photos/{filename}"


class Photo(PortalModel, models.Model):
    conference = models.ForeignKey(Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="photos")
    session = models.ForeignKey(
        "programme.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photos",
    )
    image = models.ImageField(_("image"), upload_to=photo_upload_to, width_field="width", height_field="height")
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
