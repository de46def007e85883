"""The W3C Nu HTML checker (vnu.jar, run with the machine's Java) on the HTML the test client returns.

Every public page template in English and Russian and the admin's main pages, written to files and checked in one
run of the checker (it takes seconds to start).
"""

import json
import os
import re
import shutil
import subprocess

import pytest
from django.shortcuts import render
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from cabmi_portal.views import server_error

from ..conftest import VNU, unavailable
from ..pages import CHECKED_LANGUAGES, PUBLIC_PAGE_TEMPLATES, admin_pages, public_pages

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def java():
    path = shutil.which("java")
    if path is None:
        unavailable("HTML checks skipped: no Java (apt-get install default-jre-headless)")
    if not VNU.exists():
        unavailable("HTML checks skipped: vnu.jar not installed (make install runs npm install)")
    return path


# Markup Django's admin widgets write, which its templates give no way to change: the autocomplete's empty placeholder
# option, a required autocomplete with only its chosen option, and aria-describedby on a JSON field's hidden initial
# value. They are allowed on admin pages only; anything else there, and anything at all on public pages, fails.
DJANGO_ADMIN_MARKUP = (
    "Element “option” without attribute “label” must not be empty.",
    "The first “option” element in a “select” element with a “required” attribute",
    "An “input” element with a “type” attribute whose value is “hidden” must not have any “aria-*” attributes.",
)


# One short run: Java's quick compiler only. The optimizing one spends more processor time compiling than it saves
# (for these pages about 4 s of processor time instead of 9, with the same messages; 5 s instead of 12 on a busy
# machine), and the quick compiler's larger frames need a deeper stack for the schema.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xss16m", "-XX:+UseSerialGC")
CHECKER_OPTIONS = ("--errors-only", "--format", "json", "--exit-zero-always")


def check(java, documents, folder):
    """["file: line N: error", ...] from one run of the Nu checker over documents ({file name: html})."""
    for name, html in documents.items():
        (folder / name).write_bytes(html)
    result = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(VNU), *CHECKER_OPTIONS, *sorted(map(str, folder.iterdir()))],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = [
        m
        for m in json.loads(result.stderr)["messages"]
        if not (os.path.basename(m.get("url", "")).startswith("admin_") and m["message"].startswith(DJANGO_ADMIN_MARKUP))
    ]
    return [f"{os.path.basename(m.get('url', ''))}: line {m.get('lastLine')}: {m['message']}" for m in messages]


def file_name(path):
    return re.sub(r"[^\w]+", "_", path).strip("_") + ".html"


def test_public_and_admin_pages_are_valid_html(client, demo, secretariat_user, java, tmp_path):
    documents, templates = {}, set()
    for language in CHECKED_LANGUAGES:
        for path in public_pages(language):
            response = client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code)
            templates |= {template.name for template in response.templates}
            documents[file_name(path)] = response.content
        with translation.override(language):
            # Pages no request can be made to show at will: the server error, and the PDF still being built.
            documents[f"{language}_500.html"] = server_error(RequestFactory().get("/")).content
            request = RequestFactory().get(reverse("events:proceedings", args=["cabmi-17"]))
            request.LANGUAGE_CODE = language
            documents[f"{language}_being_prepared.html"] = render(request, "proceedings/being_prepared.html", {"retry_after": 10}).content
    templates |= {"500.html", "proceedings/being_prepared.html"}
    client.force_login(secretariat_user)
    for path in admin_pages():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        documents[file_name(path)] = response.content

    errors = check(java, documents, tmp_path)

    assert errors == [], "\n".join(errors)
    assert PUBLIC_PAGE_TEMPLATES - templates == set()
