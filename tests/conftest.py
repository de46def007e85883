import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from events.permissions import SECRETARIAT


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
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
