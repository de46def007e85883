import csv
import io
import json

import pytest

pytestmark = pytest.mark.django_db


def matrix_rows(response):
    html = response.content.decode()
    return [part.split('"', 1)[0] for part in html.split('<tr id="')[1:]]


def test_matrix_has_a_row_per_party_and_a_column_per_published_edition(client, series_record):
    response = client.get("/en/series/cabmi/participation/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('scope="col"') == 1 + 2  # the party column and two published editions
    rows = matrix_rows(response)
    assert set(rows) == {"country-kz", "country-af", "country-us", "country-de", "organization-osce"}
    assert "country-mn" not in html  # only in the draft
    assert "Statement only" in html  # Germany spoke without being listed
    assert "Observer" in html and "In person and online" in html


def test_matrix_filters_observers_and_sorts_by_editions_attended(client, series_record):
    assert matrix_rows(client.get("/en/series/cabmi/participation/?group=observers")) == ["country-us"]
    by_count = matrix_rows(client.get("/en/series/cabmi/participation/?sort=editions"))
    assert set(by_count[:2]) == {"country-kz", "organization-osce"}  # both at two editions
    assert matrix_rows(client.get("/en/series/cabmi/participation/?group=bogus&sort=bogus"))  # unknown values: the full table


def test_matrix_table_scrolls_in_its_own_labelled_box_with_row_headers(client, series_record):
    html = client.get("/ru/series/cabmi/participation/").content.decode()
    assert '<div class="table-scroll" role="region" aria-labelledby="matrix-caption-cabmi" tabindex="0">' in html
    assert html.count('<th scope="row" class="matrix__party">') == 5
    assert "Казахстан" in html


def test_matrix_csv_and_json_hold_the_same_cells(client, series_record):
    first, second, _draft = series_record
    data = json.loads(client.get("/en/series/cabmi/participation.json").content)
    assert [edition["slug"] for edition in data["editions"]] == [first.slug, second.slug]
    afghanistan = next(row for row in data["rows"] if row["key"] == "af")
    assert afghanistan["cells"] == {first.slug: {"part": "participating_state", "attendance": "online", "statements": 0}}
    germany = next(row for row in data["rows"] if row["key"] == "de")
    assert germany["cells"] == {second.slug: {"part": "", "attendance": "statement_only", "statements": 1}}

    response = client.get("/en/series/cabmi/participation.csv")
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == ["type", "key", "name", first.slug, second.slug]
    by_key = {row[1]: row for row in table[1:]}
    assert by_key["af"][3:] == ["participating_state;online", ""]
    assert by_key["osce"][3:] == ["organizer", "organizer;statements=1"]


def test_csv_never_starts_a_cell_with_a_formula(client, series_record):
    from participants.models import Organization

    Organization.objects.filter(slug="osce").update(name="=HYPERLINK(\"x\")")
    table = client.get("/en/series/cabmi/participation.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in table


def test_unknown_series_and_series_without_published_editions_are_not_found(client, series_record):
    assert client.get("/en/series/nope/participation/").status_code == 404
    assert client.get("/en/series/" + "x" * 300 + "/participation.csv").status_code == 404


def test_country_page_shows_its_row_of_the_matrix(client, series_record):
    html = client.get("/en/countries/af/").content.decode()
    assert 'href="/en/series/cabmi/participation/#country-af"' in html
    assert "Online" in html


def test_series_page_lists_editions_by_year_and_maps_the_hosts(client, series_record):
    first, second, _draft = series_record
    html = client.get("/en/series/cabmi/").content.decode()
    assert html.index(">2019<") < html.index(">2021<")
    assert first.get_absolute_url() in html and second.get_absolute_url() in html
    assert '<svg viewBox="0 0 640 ' in html
    assert html.count('class="host-map__host"') == 2  # Kazakhstan and Tajikistan; the draft's host is not shown
    assert 'href="/en/countries/kz/"' in html and 'href="/en/countries/tm/"' not in html
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace('href="/', "")
