"""Two application servers (make serve: gunicorn + task worker) sharing one PostgreSQL and one Redis.

What one server is told, the other shows at once: an edited statement, an
unpublished edition (404 everywhere), and the PDF rebuilt by a worker.
Runs on the PostgreSQL leg; under CI a missing PostgreSQL or Redis fails it.
"""

import io

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from pypdf import PdfReader

from tests.factories import ConferenceFactory, SessionFactory, StatementFactory
from tests.servers import Server, database_url, poll, require_services

# Building a small edition's PDFs in seven languages on a busy 2-core machine.
PDF_SECONDS = 240


# The servers need committed rows; serialized_rollback keeps the countries loaded by migrations for later tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def two_servers(queued_tasks, tmp_path):
    """Servers A and B on their own loopback ports: one database, one Redis, one media storage."""
    redis_url = require_services()
    env = {
        "DATABASE_URL": database_url(), "REDIS_URL": redis_url, "SECRET_KEY": "deployment-test-key-shared-by-both-servers",
        "MEDIA_ROOT": str(tmp_path / "media"), "STATIC_ROOT": str(tmp_path / "static"),
    }
    servers = []
    try:
        for collect in "10":  # one after the other: A collects the static files, B shares them
            servers.append(Server({**env, "COLLECTSTATIC": collect}, tmp_path).wait_ready())
        yield servers
    finally:
        for server in servers:
            server.stop()


def pdf_text(body):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def built_pdf(server, path):
    status, _headers, body = server.get(path)
    return pdf_text(body) if status == 200 else None


def test_two_servers_share_edits_unpublishing_and_rebuilt_pdfs(two_servers):
    a, b = two_servers
    edition = ConferenceFactory(published=True, title="Border cooperation in practice")
    statement = StatementFactory(session=SessionFactory(conference=edition), text="The first wording of the statement.")
    other = ConferenceFactory(published=True, title="The edition to withdraw")
    # Hashed as the servers' settings hash (the suite's own settings use a fast hasher they do not know).
    User.objects.create_superuser("operator", password=None)
    User.objects.filter(username="operator").update(
        password=PBKDF2PasswordHasher().encode("operator-pw", "deploymenttestsalt")
    )
    page, pdf, other_page = (f"/en/conferences/{edition.slug}/", f"/en/conferences/{edition.slug}/proceedings.pdf",
                             f"/en/conferences/{other.slug}/")

    # B serves (and caches) the page, and its worker builds the PDF a visitor asked for.
    assert b"The first wording of the statement." in b.get(page)[2]
    assert b.get(other_page)[0] == 200
    first = b.get(pdf)
    assert (first[0], first[1]["Retry-After"]) == (503, "10")
    text, _seconds = poll(lambda: built_pdf(b, pdf), PDF_SECONDS, interval=1)
    assert "The first wording of the statement." in text

    a.log_in("operator", "operator-pw")
    status, _headers, _body = a.change(
        f"/admin/programme/statement/{statement.pk}/change/", "statement_form", text_en="The revised wording, edited on server A."
    )
    assert status == 200
    status, _headers, _body = a.request(
        "/admin/events/conference/",
        {"action": "unpublish_conferences", "_selected_action": other.pk, "csrfmiddlewaretoken": a.csrf_token()},
    )
    assert status == 200

    edited, seconds_to_text = poll(lambda: b"The revised wording, edited on server A." in b.get(page)[2], 1.0)
    assert edited, f"B still shows the old text after {seconds_to_text:.2f} s"
    gone, seconds_to_404 = poll(lambda: b.get(other_page)[0] == 404, 1.0)
    assert gone, f"B still shows the unpublished edition after {seconds_to_404:.2f} s"
    assert b.get(f"/en/conferences/{other.slug}/proceedings.pdf")[0] == 404
    rebuilt, seconds_to_pdf = poll(lambda: "edited on server A" in (built_pdf(b, pdf) or ""), PDF_SECONDS, interval=1)
    assert rebuilt, f"no rebuilt PDF after {seconds_to_pdf:.0f} s"
    print(f"B showed the edit after {seconds_to_text:.3f} s, the 404 after {seconds_to_404:.3f} s,",
          f"the rebuilt PDF after {seconds_to_pdf:.1f} s")
