from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Country(models.Model):
    """A state by its ISO 3166-1 alpha-2 code; names come from CLDR (see countries.py)."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ("name", "code")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("participants:country", kwargs={"code": self.code.lower()})


class CountryName(models.Model):
    """A state's name in one language where its own usage differs from CLDR's (see countries.py)."""

    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="name_overrides")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("country name in use")
        verbose_name_plural = _("country names in use")
        ordering = ("country", "language")
        constraints = [models.UniqueConstraint(fields=("country", "language"), name="country_name_once_per_language")]

    def __str__(self):
        return f"{self.country_id} ({self.language}): {self.name}"


class Organization(models.Model):
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
    website = models.URLField(_("website"), blank=True)

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

    @property
    def short_name(self):
        return self.acronym or self.name


class Person(models.Model):
    slug = models.SlugField(_("key"), max_length=100, unique=True, help_text=_("Stable name used in addresses and import files."))
    name = models.CharField(_("name"), max_length=200, help_text=_("In full, as the person writes it: Helga Maria Schmid."))
    family_name = models.CharField(
        _("family name"), max_length=100, blank=True, help_text=_("The part of the name that indexes sort by: Schmid.")
    )
    honorific = models.CharField(_("honorific"), max_length=50, blank=True, help_text=_("For example: Ms., Mr., Dr., H.E."))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ("name", "id")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("participants:person", kwargs={"slug": self.slug})
