from unittest import mock

import pytest
from django.db import OperationalError, connections

pytestmark = pytest.mark.django_db


def test_robots_points_at_the_sitemap_with_an_absolute_url(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/search/" for code in ("en", "ru", "uz", "kk", "ky", "tg", "tk")),
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_robots_sitemap_address_follows_the_request(client):
    response = client.get("/robots.txt", HTTP_HOST="localhost", secure=True)

    assert response.content.decode().splitlines()[-1] == "Sitemap: https://localhost/sitemap.xml"


def test_robots_sitemap_address_answers(client):
    assert client.get("/sitemap.xml").status_code == 200


def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_does_not_answer(client):
    database = connections["default"]
    with mock.patch.object(database, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable"
    assert response["Content-Type"] == "text/plain"


def test_health_is_503_when_the_driver_fails(client):
    # Fail inside the driver: Django turns its error into its own DatabaseError.
    database = connections["default"]
    driver_error = database.Database.OperationalError("server closed the connection unexpectedly")
    with mock.patch.object(database, "create_cursor", side_effect=driver_error):
        response = client.get("/healthz")

    assert response.status_code == 503


def test_health_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
