from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cabmi_portal.constraints import CheckConstraint, UniqueConstraint
from cabmi_portal.validators import PortalModel, validate_extra, validate_sources
from participants.models import Country, Organization

from .names_then import named_then


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

    def get_absolute_url(self):
        return reverse("series:detail", kwargs={"code": self.code.lower()})


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
            CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="conference_dates_ordered",
                field="end_date",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            UniqueConstraint(
                fields=("series", "edition"),
                name="conference_edition_unique_in_series",
                field="edition",
                violation_error_message=_("This series already has an edition with this number."),
            ),
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
    return CheckConstraint(
        condition=(Q(organization__isnull=False, country__isnull=True) | Q(organization__isnull=True, country__isnull=False)),
        name=name,
        field="organization",
        violation_error_message=_("Choose either an organization or a country: one of them, not both."),
    )


def name_then_field():
    return models.CharField(
        _("name then"),
        max_length=300,
        blank=True,
        help_text=_("The organization's name at this edition, when it differs from its name today. Leave empty to show the current name."),
    )


def acronym_then_field():
    return models.CharField(_("acronym then"), max_length=50, blank=True)


class Role(PortalModel, models.Model):
    """Who made an edition happen: an organization or a country, never both."""

    class Kind(models.TextChoices):
        ORGANIZER = "organizer", _("Organizer")
        CO_ORGANIZER = "co_organizer", _("Co-organizer")
        PARTNER = "partner", _("Partner")
        SUPPORTER = "supporter", _("Supporter")
        HOST = "host", _("Host")

    # How the edition page introduces the organizations of each kind of role.
    HEADINGS = {
        Kind.ORGANIZER: _("Organized by"),
        Kind.CO_ORGANIZER: _("Co-organized by"),
        Kind.HOST: _("Hosted by"),
        Kind.PARTNER: _("In close co-operation with"),
        Kind.SUPPORTER: _("With the support of"),
    }

    conference = models.ForeignKey(Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Kind)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), null=True, blank=True, on_delete=models.PROTECT, related_name="roles"
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="roles")
    name_then = name_then_field()
    acronym_then = acronym_then_field()
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
        """Who it was, named as at this edition: an organization's name then, when recorded, hides its current name."""
        return named_then(self.organization, self) if self.organization_id else self.country

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
        # A state that took part without the sources saying in what capacity.
        OTHER_STATE = "other_state", _("Other state")

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
    name_then = name_then_field()
    acronym_then = acronym_then_field()
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = EditionPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ("conference", "order", "id")
        constraints = [
            one_of_organization_or_country("participation_organization_or_country"),
            UniqueConstraint(
                fields=("conference", "organization"),
                condition=Q(organization__isnull=False),
                name="participation_organization_once",
                field="organization",
                violation_error_message=_("This organization already takes part in this conference."),
            ),
            UniqueConstraint(
                fields=("conference", "country"),
                condition=Q(country__isnull=False),
                name="participation_country_once",
                field="country",
                violation_error_message=_("This country already takes part in this conference."),
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.organization or self.country}"

    @property
    def party(self):
        """Who it was, named as at this edition: an organization's name then, when recorded, hides its current name."""
        return named_then(self.organization, self) if self.organization_id else self.country

    @property
    def attendance_recorded(self):
        return self.attendance != UNKNOWN


class SearchEntry(models.Model):
    """What search reads for one record in one language (kept by events.search_index, never edited by hand).

    title and body are the record's own text in that language (English where
    it has none); names are the people, organizations and places it names,
    in every language they are recorded in (case-folded); keys are those
    names as sound keys, the same whatever script they are written in.
    PostgreSQL searches vector, kept from these columns and GIN-indexed;
    SQLite searches document (title and body case-folded), names and keys.
    """

    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)
    title = models.TextField(_("title"), blank=True)
    body = models.TextField(_("body"), blank=True)
    names = models.TextField(blank=True)
    keys = models.TextField(blank=True)
    document = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ("kind", "object_id", "language")
        constraints = [models.UniqueConstraint(fields=("kind", "object_id", "language"), name="search_entry_once_per_language")]
        indexes = [models.Index(fields=("kind", "language", "object_id"), name="search_entry_lookup")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language})"
