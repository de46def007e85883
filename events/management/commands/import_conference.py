from django.core.management.base import BaseCommand, CommandError

from events.interchange.importer import import_conference


class Command(BaseCommand):
    help = "Imports one edition from an interchange document: a JSON file, a folder holding conference.json and photos, or a zip of them."

    def add_arguments(self, parser):
        parser.add_argument("path", help="conference JSON file, folder or .zip")
        parser.add_argument("--dry-run", action="store_true", help="check the document and report what would change; write nothing")
        parser.add_argument("--publish", action="store_true", help="publish the edition whatever the document's status says")
        parser.add_argument(
            "--update-shared-records",
            action="store_true",
            help="also apply the document's changes to organizations, people and the series that other editions use "
            "(without it they are listed and left as they are, and this edition keeps the document's names)",
        )

    def handle(self, *args, path, dry_run, publish, update_shared_records, **options):
        report = import_conference(path, dry_run=dry_run, publish=publish, update_shared=update_shared_records)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
        self.stdout.write(report.edition_line())
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.shared_changes:
            applied = report.shared_applied and not dry_run
            outcome = "applied" if applied else "left unchanged"
            self.stdout.write(f"Changes to records other editions use, {outcome}:")
            for line in report.shared_lines():
                self.stdout.write(f"  {line}")
            if not report.shared_applied:
                self.stdout.write("Run again with --update-shared-records to apply them.")
