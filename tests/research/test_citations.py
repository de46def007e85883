import json
import re

import bibtexparser
import pytest
import rispy

from tests.factories import ConferenceFactory, PersonFactory, SessionFactory, StatementFactory

pytestmark = pytest.mark.django_db


def meta(html, name):
    return re.findall(rf'<meta name="{re.escape(name)}" content="([^"]*)">', html)


def test_edition_page_carries_highwire_and_dublin_core_tags(client, series_record):
    _first, second, _draft = series_record
    html = client.get(f"/ru/conferences/{second.slug}/").content.decode()
    assert meta(html, "citation_title") == [second.title_ru]
    assert meta(html, "citation_conference_title") == [second.title_ru]
    assert meta(html, "citation_author") == ["Хельга Мария Шмид"]
    assert meta(html, "citation_date") == ["2021/06/01"]
    assert meta(html, "citation_publisher") == ["Организация по безопасности и сотрудничеству в Европе"]
    assert meta(html, "citation_pdf_url") == [f"http://testserver/ru/conferences/{second.slug}/proceedings.pdf"]
    assert meta(html, "citation_language") == ["ru"]
    assert meta(html, "DC.title") == [second.title_ru]
    assert meta(html, "DC.date") == ["2021-06-01"]
    assert meta(html, "DC.identifier") == [f"http://testserver/ru/conferences/{second.slug}/"]


def test_cite_box_gives_three_styles_and_downloads(client, series_record):
    _first, second, _draft = series_record
    html = client.get(f"/en/conferences/{second.slug}/").content.decode()
    box = html.split('<section class="section cite"', 1)[1].split("</section>", 1)[0]
    assert [label for label in ("APA", "Chicago", "MLA") if f"<dt>{label}</dt>" in box] == ["APA", "Chicago", "MLA"]
    assert box.count(second.title) == 3
    for kind in ("bib", "ris", "json"):
        assert f'href="/en/conferences/{second.slug}/cite.{kind}"' in box


def test_bibtex_ris_and_csl_json_of_an_edition_parse_with_their_libraries(client, series_record):
    _first, second, _draft = series_record
    url = f"http://testserver/en/conferences/{second.slug}/"
    library = bibtexparser.parse_string(client.get(f"/en/conferences/{second.slug}/cite.bib").content.decode())
    (entry,) = library.entries
    assert entry.entry_type == "proceedings"
    assert entry["title"] == second.title and entry["year"] == "2021" and entry["url"] == url
    (record,) = rispy.loads(client.get(f"/en/conferences/{second.slug}/cite.ris").content.decode())
    assert record["type_of_reference"] == "CONF"
    assert record["title"] == second.title and record["year"] == "2021" and record["urls"] == [url]
    (item,) = json.loads(client.get(f"/en/conferences/{second.slug}/cite.json").content)
    assert item["title"] == second.title and item["issued"] == {"date-parts": [[2021, 6, 1]]} and item["URL"] == url


def test_statement_citation_names_its_speaker_in_the_page_language(client, series_record):
    _first, second, _draft = series_record
    statement = second.sessions.get(title="Opening").statements.get(country="DE")
    base = f"/ru/conferences/{second.slug}/statements/{statement.pk}"
    page = client.get(f"{base}/cite/").content.decode()
    assert "Шмид" in page and "noindex" in page
    (entry,) = bibtexparser.parse_string(client.get(f"{base}/cite.bib").content.decode()).entries
    assert entry.entry_type == "inproceedings"
    assert entry["author"] == "Шмид, Хельга Мария"
    assert entry["booktitle"] == second.title_ru
    assert entry["url"] == f"http://testserver/ru/conferences/{second.slug}/#statement-{statement.pk}"
    (record,) = rispy.loads(client.get(f"{base}/cite.ris").content.decode())
    assert record["authors"] == ["Шмид, Хельга Мария"] and record["year"] == "2021"
    (item,) = json.loads(client.get(f"{base}/cite.json").content)
    assert item["author"] == [{"family": "Шмид", "given": "Хельга Мария"}] and item["type"] == "speech"


def test_statements_link_to_their_citation(client, series_record):
    _first, second, _draft = series_record
    statement = second.sessions.get(title="Opening").statements.first()
    html = client.get(f"/en/conferences/{second.slug}/").content.decode()
    assert f'href="/en/conferences/{second.slug}/statements/{statement.pk}/cite/"' in html


def test_citations_of_drafts_and_unknown_formats_are_not_found(client, series_record):
    _first, second, draft = series_record
    draft_statement = draft.sessions.first().statements.first()
    assert client.get(f"/en/conferences/{draft.slug}/cite.bib").status_code == 404
    assert client.get(f"/en/conferences/{draft.slug}/statements/{draft_statement.pk}/cite/").status_code == 404
    # A statement asked for under another edition's address is not found either.
    assert client.get(f"/en/conferences/{second.slug}/statements/{draft_statement.pk}/cite.ris").status_code == 404
    assert client.get(f"/en/conferences/{second.slug}/cite.docx").status_code == 404


def test_hostile_text_stays_text_in_every_citation_style(client, series_record):
    _first, second, _draft = series_record
    second.title = 'Borders <img src=x onerror="alert(1)"> & co'
    second.save()
    speaker = second.sessions.get(title="Opening").statements.first().speaker
    speaker.name = "<script>alert(2)</script> Smith"
    speaker.save()
    statement = speaker.statements.first()
    for url in (f"/en/conferences/{second.slug}/", f"/en/conferences/{second.slug}/statements/{statement.pk}/cite/"):
        html = client.get(url).content.decode()
        assert "<img src=x" not in html and "<script>alert(2)" not in html
    html = client.get(f"/en/conferences/{second.slug}/").content.decode()
    assert "Borders &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in html.split('<section class="section cite"', 1)[1]


def test_edition_authors_are_its_speakers_in_the_order_they_first_speak(client):
    conference = ConferenceFactory(published=True)
    opening, closing = SessionFactory(conference=conference, order=1), SessionFactory(conference=conference, order=2)
    first, second, third = PersonFactory(name="Ann First"), PersonFactory(name="Ben Second"), PersonFactory(name="Cid Third")
    StatementFactory(session=opening, speaker=first, order=5)
    StatementFactory(session=opening, speaker=second, order=6)
    StatementFactory(session=opening, speaker=first, order=7)
    # Numbered before the others, but in the later session.
    StatementFactory(session=closing, speaker=third, order=1)
    StatementFactory(session=closing, speaker=None, order=2)

    html = client.get(f"/en/conferences/{conference.slug}/").content.decode()

    assert meta(html, "citation_author") == ["Ann First", "Ben Second", "Cid Third"]
    assert meta(html, "DC.creator") == ["Ann First", "Ben Second", "Cid Third"]
