from django.core.management.base import BaseCommand, CommandError

from events.interchange.importer import import_conference


class Command(BaseCommand):
    help = "Imports one edition from an interchange document: a JSON file, a folder holding conference.json and photos, or a zip of them."

    def add_arguments(self, parser):
        parser.add_argument("path", help="conference JSON file, folder or .zip")
        parser.add_argument("--dry-run", action="store_true", help="check the document and report what would change; write nothing")
        parser.add_argument("--publish", action="store_true", help="publish the edition whatever the document's status says")

    def handle(self, *args, path, dry_run, publish, **options):
        report = import_conference(path, dry_run=dry_run, publish=publish)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
        for line in report.lines():
            self.stdout.write(f"  {line}")
