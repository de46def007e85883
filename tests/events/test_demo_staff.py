"""The demo's staff login: set once, printed for the address make run serves, never reset behind anyone's back."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command


@pytest.fixture
def login_folder(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    return tmp_path


def run(*args):
    out = io.StringIO()
    call_command("create_demo_staff", *args, stdout=out)
    return out.getvalue().strip()


def printed_password(output):
    return output.split("password: ")[1].split()[0]


@pytest.mark.django_db
def test_demo_staff_is_created_once_and_keeps_its_password(login_folder):
    first = run("--address", "http://127.0.0.1:8123/admin/")
    password_hash = User.objects.get(username="secretariat").password

    second = run("--address", "http://127.0.0.1:8123/admin/")

    assert first.startswith("Staff login for http://127.0.0.1:8123/admin/ — user: secretariat  password: ")
    assert User.objects.get(username="secretariat").check_password(printed_password(first))
    assert User.objects.get(username="secretariat").password == password_hash
    assert "password: " not in second
    assert "--show-password" in second


@pytest.mark.django_db
def test_demo_staff_password_is_printed_again_on_request(login_folder):
    password = printed_password(run())

    assert printed_password(run("--show-password")) == password


@pytest.mark.django_db
def test_demo_staff_reset_sets_a_new_password(login_folder):
    old = printed_password(run())

    new = printed_password(run("--reset"))

    assert new != old
    assert User.objects.get(username="secretariat").check_password(new)


@pytest.mark.django_db
def test_demo_staff_show_password_says_when_it_was_changed_since(login_folder):
    run()
    user = User.objects.get(username="secretariat")
    user.set_password("chosen-by-the-user")
    user.save()

    output = run("--show-password")

    assert "password: " not in output
    assert "--reset" in output
