"""An organization as it was named at one edition.

A role or participation may hold the organization's "name then" and
"acronym then" (as a statement holds the position its speaker held then).
Everything that shows the organization in the context of that edition reads
``role.party`` / ``participation.party``, which gives the organization
itself, or, when a name then is recorded, the organization seen through it:
its link, key and kind unchanged, its name and acronym those of the edition.
Name and acronym go together: once a name then is recorded, the acronym then
(possibly none) is the edition's acronym too.
"""

from cabmi_portal.languages import language_codes, localize

THEN = {"name": "name_then", "acronym": "acronym_then"}


def has_name_then(part):
    # Pages read only their language and English (events.queries.in_language): the other columns stay unread.
    deferred = part.get_deferred_fields()
    return any(getattr(part, column, "") for code in language_codes() if (column := f"name_then_{code}") not in deferred)


def named_then(organization, part):
    """``organization``, or the organization under the name ``part`` (a role or participation) recorded for its edition."""
    if organization is None or not has_name_then(part):
        return organization
    return OrganizationThen(organization, part)


class OrganizationThen:
    """Reads like the organization (templates, localize, links), except for its name and acronym."""

    def __init__(self, organization, part):
        self._organization = organization
        self._part = part

    def __getattr__(self, attribute):
        field, _sep, code = attribute.rpartition("_")
        if field in THEN and code in language_codes():
            return getattr(self._part, f"{THEN[field]}_{code}", "") or ""
        return getattr(self._organization, attribute)

    @property
    def name(self):
        return localize(self, "name").text

    @property
    def acronym(self):
        return localize(self, "acronym").text

    @property
    def organization(self):
        return self._organization

    def __str__(self):
        return self.name

    def __eq__(self, other):
        return isinstance(other, OrganizationThen) and (self._organization, self.name) == (other._organization, other.name)

    def __hash__(self):
        return hash((self._organization.pk, self.name))
