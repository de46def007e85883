import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.utils import translation
from django_tasks.signals import task_enqueued
from pytest_django.plugin import blocking_manager_key

from cabmi_portal.permissions import SECRETARIAT


def empties_the_database(item):
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    return transactional or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test, the rows the migrations made (countries, groups, permissions) are put back.

    Such a test ends with Django's flush, which empties every table. Run alone, pytest-django orders those tests last;
    spread over processes (pytest-xdist, a file at a time), other files' tests may follow it in the same process.
    """
    yield
    if nextitem is None or not empties_the_database(item):
        return
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="module")
def module_records(django_db_setup, django_db_blocker):
    """A transaction around a module's tests, rolled back after its last one: rows a module fixture makes once (asking
    for this fixture) are there for each test, whose own changes are undone after it as always (a savepoint inside).
    For modules whose tests only read what they share; a transactional test would empty the tables."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in English with empty caches: a request leaves its language active in the thread."""
    from events.search_views import KEPT_SEARCHES

    cache.clear()
    KEPT_SEARCHES.clear()
    translation.activate("en")
    yield
    translation.activate("en")
    cache.clear()
    KEPT_SEARCHES.clear()


@pytest.fixture
def secretariat_user(db):
    return make_secretariat_user()


def make_secretariat_user():
    """The member of the Secretariat tests sign in as (password "pw"): made, or reset if an earlier test left one."""
    user, _created = User.objects.get_or_create(username="secretariat")
    user.is_staff = True
    user.set_password("pw")
    user.save()
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def no_page_cache(settings):
    """The whole-page cache off: it forgets every page at any edit, and would hide what a test of the pages kept under
    the state of what they show (cabmi_portal.fragments.page_kept_by_state) looks at."""
    settings.PAGE_CACHE = False


@pytest.fixture
def queued_tasks(settings):
    """Tasks are queued, as in production, instead of run at once; run_queued() plays the worker.

    Yields the list of queued task results (each with .task, .args, .kwargs).
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    results = []

    def collect(sender, task_result, **kwargs):  # from any thread: each has its own backend
        results.append(task_result)

    task_enqueued.connect(collect, weak=False)
    yield results
    task_enqueued.disconnect(collect)


def run_queued(results):
    """Run every queued task once, in order, as the db_worker would; returns their return values."""
    values = []
    while results:
        result = results.pop(0)
        values.append(result.task.call(*result.args, **result.kwargs))
    return values
