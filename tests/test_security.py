"""Configuration that tells the truth, login throttling and the Content-Security-Policy on every page."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from tests.factories import ConferenceFactory

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    environment.update(DJANGO_SETTINGS_MODULE="cabmi_portal.settings", **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def readme_production_settings():
    """The NAME=value lines of the README's production settings block, with a real random key."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"Production settings.*?```sh\n(.*?)```", readme, re.S).group(1)
    values = dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
    values["SECRET_KEY"] = secrets.token_urlsafe(50)
    return values


# Configuration -------------------------------------------------------------


def test_portal_refuses_to_start_with_debug_off_and_no_secret_key():
    result = run_manage("check", DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_the_readme_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **readme_production_settings())

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_https_settings_are_off_by_default_on_localhost(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response
    assert not client.get(reverse("admin:login")).cookies["csrftoken"]["secure"]


def test_https_settings_take_effect_when_set(client, db, settings):
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = True, 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    assert client.get("/en/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/", headers={"x-forwarded-proto": "https"})["Strict-Transport-Security"] == "max-age=31536000"


# Login throttling ----------------------------------------------------------


def login(client, username, password, address="192.0.2.10"):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def staff(db):
    return User.objects.create_user("editor", password="right-password-123", is_staff=True)


def test_fifth_wrong_password_locks_the_user_out_from_that_address(client, staff):
    answers = [login(client, "editor", f"wrong-{n}").status_code for n in range(5)]

    locked = login(client, "editor", "right-password-123")

    assert answers == [200] * 4 + [429]
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert login(client, "editor", "right-password-123", address="198.51.100.7").status_code == 302


def test_lockout_is_lifted_by_the_reset_command(client, staff):
    for n in range(5):
        login(client, "editor", f"wrong-{n}")
    assert login(client, "editor", "right-password-123").status_code == 429

    call_command("axes_reset", verbosity=0)

    assert login(client, "editor", "right-password-123").status_code == 302


def test_successful_login_resets_the_failures(client, staff):
    for n in range(4):
        login(client, "editor", f"wrong-{n}")
    assert login(client, "editor", "right-password-123").status_code == 302
    client.logout()

    assert [login(client, "editor", f"again-{n}").status_code for n in range(4)] == [200] * 4
    assert login(client, "editor", "right-password-123").status_code == 302


# Content-Security-Policy ---------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.I)


def assert_strict_policy(response):
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page = response.content.decode()
    assert INLINE_SCRIPT.findall(page) == [] and INLINE_STYLE.findall(page) == []


@pytest.mark.django_db
def test_public_pages_carry_a_strict_policy(client):
    conference = ConferenceFactory(published=True, sessions=1, sessions__statements=1)
    for url in ("/en/", "/ru/conferences/", conference.get_absolute_url(), "/en/search/?q=border", "/en/not-a-page/"):
        assert_strict_policy(client.get(url))


@pytest.mark.django_db
def test_admin_works_under_the_policy(admin_client):
    conference = ConferenceFactory(sessions=1)
    pages = [
        reverse("admin:index"),
        reverse("admin:events_conference_changelist"),
        reverse("admin:events_conference_change", args=[conference.pk]),  # language tabs, autocompletes, inlines
        reverse("admin:participants_organization_add") + "?_popup=1&_to_field=id",  # the "+" popup
        reverse("admin:events_conference_import"),
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)
    popup_saved = admin_client.post(
        reverse("admin:participants_organization_add") + "?_popup=1&_to_field=id",
        {"_popup": "1", "_to_field": "id", "name_en": "Border Agency", "slug": "border-agency", "kind": "national_agency"},
    )
    autocomplete = admin_client.get("/admin/autocomplete/", {"app_label": "events", "model_name": "role", "field_name": "organization"})
    assert autocomplete.status_code == 200
    if popup_saved.status_code == 200:
        assert_strict_policy(popup_saved)
