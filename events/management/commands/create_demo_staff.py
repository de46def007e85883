import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

from cabmi_portal.permissions import SECRETARIAT


def login_file():
    """Where the demo's password is kept so that it can be printed again (never committed: see .gitignore)."""
    return Path(settings.BASE_DIR) / ".demo-login"


class Command(BaseCommand):
    help = (
        "Creates the demo's staff login in the Secretariat group and prints it. An existing login keeps its password "
        "(so nobody is logged out); --show-password prints it again, --reset sets a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="secretariat")
        parser.add_argument("--address", default="http://127.0.0.1:8000/admin/", help="The admin's address to print.")
        parser.add_argument("--show-password", action="store_true", help="Print the password set earlier.")
        parser.add_argument("--reset", action="store_true", help="Set and print a new password (logs the user out).")

    def handle(self, *args, username, address, show_password, reset, **options):
        user = User.objects.filter(username=username).first()
        if user is None or reset:
            user = user or User(username=username)
            password = secrets.token_urlsafe(12)
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=SECRETARIAT))
            login_file().write_text(password + "\n", encoding="utf-8")
            login_file().chmod(0o600)
            self.stdout.write(f"Staff login for {address} — user: {username}  password: {password}")
        elif show_password:
            self.stdout.write(f"Staff login for {address} — user: {username}  {self.known_password(user)}")
        else:
            self.stdout.write(
                f"Staff login for {address} — user: {username}  (password unchanged; "
                "`manage.py create_demo_staff --show-password` prints it, `--reset` sets a new one)"
            )

    def known_password(self, user):
        try:
            password = login_file().read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            password = ""
        if password and user.check_password(password):
            return f"password: {password}"
        return "(the password was changed since it was printed; `manage.py create_demo_staff --reset` sets a new one)"
