"""What an import did (or, in a dry run, would do), kind by kind."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS = {
    "series": gettext_lazy("series"),
    "organizations": gettext_lazy("organizations"),
    "people": gettext_lazy("people"),
    "conference": gettext_lazy("conference"),
    "roles": gettext_lazy("roles"),
    "participants": gettext_lazy("participants"),
    "sessions": gettext_lazy("sessions"),
    "statements": gettext_lazy("statements"),
    "photos": gettext_lazy("photos"),
}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self):
        return bool(self.created or self.updated or self.removed)


@dataclass
class ImportReport:
    name: str
    dry_run: bool = False
    problems: list = field(default_factory=list)
    counts: dict = field(default_factory=lambda: {kind: Counts() for kind in KINDS})
    conference: object = None

    @property
    def ok(self):
        return not self.problems

    @property
    def changed(self):
        return any(counts.changed for counts in self.counts.values())

    def rows(self):
        """(label, counts) per kind, for the admin's table."""
        return [(KINDS[kind], counts) for kind, counts in self.counts.items()]

    def lines(self):
        """One line per kind: "statements: 2 created, 0 updated, 1 unchanged, 0 removed"."""
        return [
            _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(removed)d removed")
            % {"kind": label, **vars(counts)}
            for label, counts in self.rows()
        ]

    def summary(self):
        if not self.ok:
            return _("%(name)s was not imported: %(count)d problem(s) found. Nothing was written.") % {
                "name": self.name,
                "count": len(self.problems),
            }
        if self.dry_run:
            return _("Dry run of %(name)s: the document is valid; nothing was written.") % {"name": self.name}
        if not self.changed:
            return _("%(name)s imported: everything was unchanged.") % {"name": self.name}
        return _("%(name)s imported.") % {"name": self.name}
