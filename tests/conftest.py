import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.utils import translation

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
