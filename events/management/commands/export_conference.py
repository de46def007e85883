from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.interchange.exporter import export_conference, to_json, write_folder, zip_bytes
from events.models import Conference


class Command(BaseCommand):
    help = "Writes the interchange document of one edition: JSON to standard output, or a folder or .zip with its photos."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--output", help="a folder, or a file name ending in .zip or .json")

    def handle(self, *args, slug, output, **options):
        conference = Conference.objects.filter(slug=slug).first()
        if conference is None:
            raise CommandError(f"No conference with the slug “{slug}”.")
        if not output:
            self.stdout.write(to_json(export_conference(conference)), ending="")
            return
        target = Path(output)
        if target.suffix.lower() == ".zip":
            target.write_bytes(zip_bytes([conference]))
        elif target.suffix.lower() == ".json":
            target.write_text(to_json(export_conference(conference)), encoding="utf-8")
        else:
            target = write_folder(conference, target)
        self.stdout.write(f"Wrote {target}")
