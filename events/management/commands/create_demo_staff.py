import secrets

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

from cabmi_portal.permissions import SECRETARIAT


class Command(BaseCommand):
    help = "Creates (or resets) the demo's staff login in the Secretariat group and prints it."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="secretariat")

    def handle(self, *args, username, **options):
        password = secrets.token_urlsafe(12)
        user, _created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=SECRETARIAT))
        self.stdout.write(f"Staff login for http://127.0.0.1:8000/admin/ — user: {username}  password: {password}")
