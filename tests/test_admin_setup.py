"""What a new secretariat member meets first: the admin index, the favicon, the group permission list."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse


def test_favicon_is_the_portal_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
    assert client.get(response["Location"]).status_code == 200


def test_admin_index_links_the_import_page(secretariat_client):
    response = secretariat_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert f'href="{reverse("admin:events_conference_import")}"' in response.content.decode()


@pytest.mark.django_db
def test_group_permissions_offer_one_session_model(admin_client):
    group = Group.objects.create(name="Editors")

    response = admin_client.get(reverse("admin:auth_group_change", args=[group.pk]))

    labels = [label for _value, label in response.context["adminform"].form.fields["permissions"].choices]
    assert response.status_code == 200
    assert [label for label in labels if "Can add session" in str(label)] == ["Programme | session | Can add session"]
    assert [label for label in labels if "log entry" in str(label) or "content type" in str(label)] == []
