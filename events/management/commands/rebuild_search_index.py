from django.core.management.base import BaseCommand

from events.models import SearchEntry
from events.search_index import KINDS, index_all


class Command(BaseCommand):
    help = (
        "Rewrites the search index of every edition, session, statement, person and organization, and drops the entries "
        "of records gone. Saving a record keeps its entries current; run this once after upgrading from a version "
        "without the index, or after a bulk change made outside the portal (SQL, a dump restored from an older version)."
    )

    def handle(self, *args, **options):
        index_all()
        for kind in KINDS:
            self.stdout.write(f"{kind}: {SearchEntry.objects.filter(kind=kind).count()} entries")
