"""manage.py build_proceedings [SLUG ...] [--all] [--language CODE] [--output DIR]"""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cabmi_portal.languages import language_codes
from events.models import Conference
from events.proceedings.build import build_proceedings, current_pdf
from events.proceedings.content import load_conference


class Command(BaseCommand):
    help = "Builds the PDF proceedings of published editions ahead of time; skips what is built for the current content."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="Editions to build.")
        parser.add_argument("--all", action="store_true", help="Build every published edition.")
        parser.add_argument("--language", metavar="CODE", help=f"Only this language ({', '.join(language_codes())}); default: all.")
        parser.add_argument("--output", metavar="DIR", help="Also copy the PDFs here, under their download names.")

    def handle(self, *args, slugs, all, language, output, **options):
        if language and language not in language_codes():
            raise CommandError(f"Unknown language {language!r}: use one of {', '.join(language_codes())}.")
        if not slugs and not all:
            raise CommandError("Name one or more editions, or use --all.")
        editions = self.editions(slugs, all)
        codes = [language] if language else language_codes()
        output = Path(output) if output else None
        if output:
            output.mkdir(parents=True, exist_ok=True)
        built = skipped = 0
        jobs = [(conference, code) for conference in editions for code in codes]
        with tqdm(jobs, unit="pdf", file=self.stderr._out, disable=not jobs) as progress:
            for conference, code in progress:
                progress.set_description(f"{conference.slug} [{code}]")
                if current_pdf(conference, code).exists():
                    skipped += 1
                else:
                    built += 1
                pdf = build_proceedings(conference, code)
                if output:
                    with pdf.open() as source, open(output / pdf.filename, "wb") as target:
                        shutil.copyfileobj(source, target)
        self.stdout.write(f"Built {built} PDF(s); {skipped} already up to date.")

    def editions(self, slugs, all):
        if all:
            slugs = sorted(Conference.objects.published().values_list("slug", flat=True))
        editions = []
        for slug in dict.fromkeys(slugs):
            conference = load_conference(slug)
            if conference is None:
                draft = Conference.objects.filter(slug=slug).exists()
                raise CommandError(f"{slug!r} is a draft: publish it first." if draft else f"No edition {slug!r}.")
            editions.append(conference)
        return editions
