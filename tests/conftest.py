import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.utils import translation
from django_tasks.signals import task_enqueued

from cabmi_portal.permissions import SECRETARIAT


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in English with an empty cache: a request leaves its language active in the thread."""
    cache.clear()
    translation.activate("en")
    yield
    translation.activate("en")
    cache.clear()


@pytest.fixture
def secretariat_user(db):
    user = User.objects.create_user("secretariat", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


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
