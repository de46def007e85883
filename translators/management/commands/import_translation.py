from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translators.importer import import_translation


class Command(BaseCommand):
    help = "Applies a translated XLIFF 2 or PO file exported by export_translation; refused units are listed and change nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="an .xlf, .xliff or .po file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report what would change; write nothing")

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        report = import_translation(path.name, path.read_bytes(), dry_run=dry_run)
        for problem in report.problems:
            self.stderr.write(problem)
        for refusal in report.refused:
            self.stderr.write(f"refused {refusal}")
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
