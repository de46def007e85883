"""What an import did (or, in a dry run, would do), kind by kind."""

from dataclasses import dataclass, field

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cabmi_portal.languages import DEFAULT_LANGUAGE

from .consistency import target_slug

SHARED_KINDS = {
    "series": gettext_lazy("series"),
    "organization": gettext_lazy("organization"),
    "person": gettext_lazy("person"),
}

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
    edition: dict = field(default_factory=dict)  # title (LText), slug, new: the edition the import creates or updates
    shared_changes: list = field(default_factory=list)  # shared.SharedChange: records other editions use
    shared_applied: bool = False

    def describe_edition(self, document, stored):
        title = document["title"] if isinstance(document["title"], dict) else {DEFAULT_LANGUAGE: document["title"]}
        self.edition = {"title": title, "slug": stored.slug if stored else target_slug(document), "new": stored is None,
                        "was_published": bool(stored and stored.is_published)}

    @property
    def edition_title(self):
        title = self.edition.get("title") or {}
        return title.get(get_language()) or title.get(DEFAULT_LANGUAGE, "")

    def edition_line(self):
        values = {"title": self.edition_title, "slug": self.edition.get("slug")}
        if self.edition.get("new"):
            return _("Creates the edition “%(title)s” (%(slug)s).") % values
        return _("Updates the edition “%(title)s” (%(slug)s).") % values

    @property
    def shared_held(self):
        """The changes to records other editions use that were (or, in a preview, will be) left as they are."""
        return [] if self.shared_applied else self.shared_changes

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

    def shared_lines(self):
        """Each change to a record other editions use: "organization bomca, name (en): “BOMCA-10” → “BOMCA”; used by …"."""
        lines = []
        for change in self.shared_changes:
            editions = ", ".join(f"{edition.title} ({edition.slug})" for edition in change.editions)
            for item in change.changes:
                field = f"{item.label} ({item.language})" if item.language else str(item.label)
                lines.append(
                    _("%(kind)s %(key)s, %(field)s: “%(old)s” → “%(new)s”; used by %(editions)s")
                    % {"kind": SHARED_KINDS[change.kind], "key": change.key, "field": field, "old": item.old, "new": item.new,
                       "editions": editions}
                )
        return lines

    def summary(self):
        if not self.ok:
            return _("%(name)s was not imported: %(count)d problem(s) found. Nothing was written.") % {
                "name": self.name,
                "count": len(self.problems),
            }
        if self.dry_run:
            return _("Dry run of %(name)s: the document is valid; nothing was written.") % {"name": self.name}
        if self.shared_held:
            return _(
                "%(name)s imported. %(count)d change(s) to records other editions use were left as they were; "
                "this edition keeps the document's names."
            ) % {"name": self.name, "count": sum(len(change.changes) for change in self.shared_held)}
        if not self.changed:
            return _("%(name)s imported: everything was unchanged.") % {"name": self.name}
        return _("%(name)s imported.") % {"name": self.name}
