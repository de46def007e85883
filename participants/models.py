from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cabmi_portal.validators import PortalModel, is_own_ancestor, validate_web_url


def published_records(model, relation):
    """The published records of another app's model that point here through ``relation`` (a related name).

    Participants are below conferences in the chain of models: they reach what is published through
    the reverse relations and the published() of the models on the other side, never by importing them.
    """
    return model._meta.get_field(relation).related_model.objects.published()


def on_record(model, relations):
    """A condition: the record is named by a published record through any of ``relations``."""
    condition = Q()
    for relation, back in relations:
        condition |= Q(Exists(published_records(model, relation).filter(**{back: OuterRef("pk")})))
    return condition


class CountryQuerySet(models.QuerySet):
    def visible(self):
        """States that hosted a published edition, or took part in one, had a role in it or spoke at it."""
        relations = (("hosted_conferences", "country"), ("roles", "country"), ("participations", "country"), ("statements", "country"))
        return self.filter(on_record(self.model, relations))


class OrganizationQuerySet(models.QuerySet):
    def on_record(self):
        """Organizations with a role, participation or statement in a published edition."""
        relations = (("roles", "organization"), ("participations", "organization"), ("statements", "organization"))
        return self.filter(on_record(self.model, relations))

    def visible(self):
        """Those on record, and the parents of those on record (a field office's organization)."""
        named = self.model.objects.on_record()
        return self.filter(Q(pk__in=named.values("pk")) | Q(pk__in=named.exclude(parent=None).values("parent")))


class PersonQuerySet(models.QuerySet):
    def visible(self):
        """People who spoke at a published edition."""
        return self.filter(on_record(self.model, [("statements", "speaker")]))


class Country(PortalModel, models.Model):
    """A state by its ISO 3166-1 alpha-2 code; names come from CLDR (see countries.py)."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=200)

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ("name", "code")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("participants:country", kwargs={"code": self.code.lower()})


class Organization(PortalModel, models.Model):
    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
        FIELD_OPERATION = "field_operation", _("Field operation")
        GOVERNMENT = "government", _("Government")
        NATIONAL_AGENCY = "national_agency", _("National agency")
        PROGRAMME = "programme", _("Programme")
        UN_ENTITY = "un_entity", _("United Nations entity")
        NGO = "ngo", _("Non-governmental organization")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("key"), max_length=100, unique=True, help_text=_("Stable name used in addresses and import files."))
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_web_url])

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ("name", "id")
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="organization_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("participants:organization", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.parent_id is not None and self.pk is not None and is_own_ancestor(self.pk, self.stored_parent):
            message = _("“%(name)s” cannot be its own parent, directly or through others") % {"name": self.name}
            raise ValidationError({"parent": message})

    def stored_parent(self, pk):
        """The parent of organization pk: this record's own choice for itself, the stored one for the others."""
        if pk == self.pk:
            return self.parent_id
        return Organization.objects.filter(pk=pk).values_list("parent_id", flat=True).first()

    @property
    def short_name(self):
        return self.acronym or self.name


class Person(PortalModel, models.Model):
    slug = models.SlugField(_("key"), max_length=100, unique=True, help_text=_("Stable name used in addresses and import files."))
    name = models.CharField(_("name"), max_length=200)
    honorific = models.CharField(_("honorific"), max_length=50, blank=True, help_text=_("For example: Ms., Mr., Dr., H.E."))

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ("name", "id")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("participants:person", kwargs={"slug": self.slug})
