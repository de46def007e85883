from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from events.photos import orphaned_photo_files


class Command(BaseCommand):
    help = (
        "Deletes photo files that no photo and no version in the history names (with their renditions). "
        "Deleting a photo never deletes its file: restoring a version must bring it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")

    def handle(self, *args, dry_run, **options):
        orphans = orphaned_photo_files(default_storage)
        for name in orphans:
            if not dry_run:
                default_storage.delete(name)
            self.stdout.write(name)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {len(orphans)} orphaned file(s).")
