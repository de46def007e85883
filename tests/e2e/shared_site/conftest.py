"""Browser tests that share one site: the demo edition and a member of the Secretariat, committed once for all of them
and served by a server of their own, and the database emptied after the last of them.

The other browser tests commit what they do, so the database is emptied after each of them and the demo loaded again
before the next, some seconds a test. The tests here change nothing another one reads (signing in writes only its own
session), so they need neither: each runs in a transaction rolled back after it (`django_db`, not transactional), and
what the site's server thread writes (sessions, the PDFs asked for) stays until the last of them.
"""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connections
from django.test.utils import modify_settings
from pytest_django.live_server_helper import LiveServer

from tests.conftest import empties_the_database, make_secretariat_user

from ..conftest import load_demo, make_rows_the_migrations_made


@pytest.fixture(scope="session")
def shared_servers():
    """The shared site's live server, kept to the end of the run: the browser may hold connections to it after the
    last test here, and a request thread outliving its server would close a database connection no longer shared."""
    servers = []
    with modify_settings(ALLOWED_HOSTS={"append": "127.0.0.1"}):
        try:
            yield servers
        finally:
            for server in servers:
                server.stop()


@pytest.fixture(scope="package")
def shared_site(django_db_setup, django_db_blocker, shared_servers):
    """The address of a live server over the demo edition and a member of the Secretariat, both committed."""
    with django_db_blocker.unblock():
        try:
            make_rows_the_migrations_made()
            load_demo()
            make_secretariat_user()
            # Started after the first query here, which gets a new connection, the one the tests here then use: the
            # server must share it when the database is SQLite in memory.
            if not shared_servers:
                shared_servers.append(LiveServer("127.0.0.1"))
            yield shared_servers[0].url
        finally:
            call_command("flush", verbosity=0, interactive=False)
            connections.close_all()  # left open, the flush's connection kept the test database from being dropped


@pytest.fixture
def rows_the_migrations_made(request, shared_site):
    """Made once, before the demo; and no test here may empty the database the others read."""
    assert not empties_the_database(request.node), f"{request.node.nodeid}: a test that empties the database belongs in tests/e2e/"


@pytest.fixture
def site(shared_site):
    return shared_site


@pytest.fixture
def demo(shared_site):
    from events.models import Conference

    return Conference.objects.get(slug="cabmi-17")


@pytest.fixture
def secretariat_user(shared_site):
    return User.objects.get(username="secretariat")
