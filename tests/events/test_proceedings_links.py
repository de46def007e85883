"""The PDF and the open data carry only http(s) links, and WeasyPrint reads only the portal's own files."""

import io
import json

import pytest
from pypdf import PdfReader

from events.proceedings.document import FONTS_DIR, PortalFetcher, render_pdf
from tests.factories import ConferenceFactory, OrganizationFactory, PhotoFactory, RoleFactory

HOSTILE = [
    "javascript:alert(1)",
    "JavaScript:alert(document.domain)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "//evil.example/path",
    "http:/no-host",
]
GOOD = "https://www.osce.org/press-release"


def link_targets(pdf_bytes):
    targets = []
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


@pytest.fixture
def hostile_edition(db):
    conference = ConferenceFactory(
        published=True, sources=[{"url": url, "title": f"Source {n}", "lang": "en"} for n, url in enumerate([*HOSTILE, GOOD])]
    )
    for n, url in enumerate(HOSTILE):
        RoleFactory(conference=conference, organization=OrganizationFactory(slug=f"org-{n}", website=url))
    PhotoFactory(conference=conference)
    return conference


def test_pdf_links_only_to_http_addresses_whatever_was_stored(client, hostile_edition):
    response = client.get(f"/en/conferences/{hostile_edition.slug}/proceedings.pdf")

    targets = link_targets(b"".join(response.streaming_content))

    assert response.status_code == 200
    assert GOOD in targets
    assert [target for target in targets if not target.startswith(("https://", "http://"))] == []


def test_open_data_carries_only_http_addresses(client, hostile_edition):
    document = json.loads(client.get(f"/data/conferences/{hostile_edition.slug}.json").content)

    urls = [source.get("url") for source in document["sources"]] + [o.get("website") for o in document["organizations"]]

    assert [url for url in urls if url] == [GOOD]
    assert len(document["sources"]) == len(HOSTILE) + 1  # the titles stay


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        f"file://{FONTS_DIR}../../../../etc/passwd",
        "file:///proc/self/environ",
        "http://127.0.0.1:1/",
        "https://example.org/font.ttf",
        "ftp://example.org/x",
        "media:proceedings/cabmi-17/en/draft-0123.pdf",
        "media:photos/../../settings.py",
    ],
)
def test_pdf_fetcher_refuses_anything_but_the_portals_own_files(url):
    with pytest.raises(ValueError):
        PortalFetcher().fetch(url)


def test_pdf_fetcher_serves_fonts_static_files_and_photos(db):
    photo = PhotoFactory()

    font = PortalFetcher().fetch(f"file://{FONTS_DIR}DejaVuSerif.ttf")
    image = PortalFetcher().fetch(f"media:{photo.image.name}")

    assert font.status == 200 and image.status == 200


def test_pdf_with_hostile_resources_still_renders_without_them():
    html = '<img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/hostname"><p>Text</p>'

    assert render_pdf(html).startswith(b"%PDF")
