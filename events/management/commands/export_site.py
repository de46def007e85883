"""manage.py export_site OUTPUT [--language CODE ...] [--zip]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cabmi_portal.languages import language_codes
from events.research.offline import export_site, zip_export


class Command(BaseCommand):
    help = "Writes the public site of published editions as static files that work offline (file://) or on any web server."

    def add_arguments(self, parser):
        parser.add_argument("output", metavar="OUTPUT", help="A new or empty folder.")
        parser.add_argument("--language", action="append", metavar="CODE",
                            help=f"Only these languages ({', '.join(language_codes())}); repeat for several. Default: all.")
        parser.add_argument("--zip", action="store_true", help="Also pack the folder as OUTPUT.zip.")
        parser.add_argument("--site-url", default="", metavar="URL",
                            help="The portal's public address (https://...), named in citations; without it they name none.")

    def handle(self, *args, output, language, zip, site_url, **options):
        if site_url and not site_url.startswith(("https://", "http://")):
            raise CommandError("--site-url must be a web address starting with https:// or http://.")
        unknown = sorted(set(language or []) - set(language_codes()))
        if unknown:
            raise CommandError(f"Unknown language {', '.join(unknown)}: use {', '.join(language_codes())}.")
        root = Path(output)
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise CommandError(f"{root} is not an empty folder: choose a new one, so nothing of yours is overwritten.")
        with tqdm(unit="file", file=self.stderr._out, disable=None) as progress:

            def report(written, seen):
                progress.total = seen
                progress.n = written
                progress.refresh()

            export = export_site(root, language, report, site_url=site_url)
        self.stdout.write(f"Wrote {len(export.written)} files to {root}.")
        if export.missing:
            self.stdout.write(f"Not copied (not public or not found): {len(export.missing)}: " + ", ".join(export.missing[:10]))
        if zip:
            archive = zip_export(export, root.with_suffix(".zip"))
            self.stdout.write(f"Packed {archive}.")
