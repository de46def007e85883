"""manage.py forget_cached_pages: every page in the page cache renders afresh on its next request."""

from django.core.management.base import BaseCommand

from cabmi_portal.cache import bump_generation


class Command(BaseCommand):
    help = ("Moves the content generation on, so that no cached page is served again: after the database was restored "
            "or changed outside the portal.")

    def handle(self, *args, **options):
        bump_generation()
        self.stdout.write("Cached pages forgotten: each renders afresh on its next request.")
