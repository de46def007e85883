from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.interchange.importer import import_conference

DEMO = Path(__file__).resolve().parents[2] / "interchange" / "demo" / "cabmi-17.json"


class Command(BaseCommand):
    help = "Imports the shipped demo edition (the 17th CABMI conference) as published; running it again changes nothing."

    def handle(self, *args, **options):
        report = import_conference(DEMO, publish=True)
        if not report.ok:
            raise CommandError("\n".join(map(str, report.problems)))
        self.stdout.write(report.summary())
        for line in report.lines():
            self.stdout.write(f"  {line}")
