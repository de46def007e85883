"""Database constraints that explain themselves to the secretariat.

Django reports a broken check as "Constraint “conference_dates_ordered” is
violated." above the form. These subclasses carry a message in the staff
member's words and put it on the field it concerns, so the admin shows it
beside the value to correct.
"""

from django.core.exceptions import ValidationError
from django.db import models


class FieldMessageMixin:
    """Reports a violation on ``field`` (when the form has that field) instead of above the form."""

    def __init__(self, *args, field=None, **kwargs):
        self.field = field
        super().__init__(*args, **kwargs)

    def validate(self, model, instance, exclude=None, using=models.constraints.DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            if self.field is None or (exclude and self.field in exclude):
                raise
            raise ValidationError({self.field: error}) from None

    def __eq__(self, other):
        # Migrations compare with the constraint as stored: the message is not part of it.
        if isinstance(other, models.BaseConstraint):
            return self.deconstruct() == other.deconstruct()
        return NotImplemented

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def clone(self):
        # Django clones constraints through deconstruct(), which leaves out what only the admin needs.
        clone = super().clone()
        clone.field, clone.violation_error_message = self.field, self.violation_error_message
        return clone


def as_django_constraint(kwargs):
    """What migrations see: Django's own class, without the message, which is no business of the database."""
    kwargs.pop("violation_error_message", None)
    return kwargs


class CheckConstraint(FieldMessageMixin, models.CheckConstraint):
    def deconstruct(self):
        _path, args, kwargs = models.CheckConstraint.deconstruct(self)
        return "django.db.models.CheckConstraint", args, as_django_constraint(kwargs)


class UniqueConstraint(FieldMessageMixin, models.UniqueConstraint):
    def deconstruct(self):
        _path, args, kwargs = models.UniqueConstraint.deconstruct(self)
        return "django.db.models.UniqueConstraint", args, as_django_constraint(kwargs)


def constraint_message(model, name):
    """The message of ``model``'s constraint ``name``, for checks made before the database sees a row."""
    return next(constraint.violation_error_message for constraint in model._meta.constraints if constraint.name == name)
