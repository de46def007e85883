import pytest
from django.db import connection
from django.utils import translation

from tests.factories import ConferenceFactory, SessionFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _records_written_in_english():
    # A request to a /ru/ page leaves Russian active in the thread; factories
    # must keep writing the English fields.
    with translation.override("en"):
        yield


def search(client, query, language="en", **params):
    return client.get(f"/{language}/search/", {"q": query, **params})


def test_search_finds_edition_session_and_statement_grouped_by_kind(client):
    conference = ConferenceFactory(published=True, summary="Customs cooperation along the Amu Darya.")
    session = SessionFactory(conference=conference, key="opening", title="Amu Darya opening", description="")
    statement = StatementFactory(session=session, text="The Amu Darya crossing points were modernized.")

    response = search(client, "amu darya")

    assert response.status_code == 200
    results = response.context["results"]
    assert [(group.kind, group.count) for group in results.groups] == [
        ("editions", 1), ("people", 0), ("organizations", 0), ("sessions", 1), ("statements", 1)]
    html = response.content.decode()
    assert f'href="/en/conferences/{conference.slug}/"' in html
    assert f'href="/en/conferences/{conference.slug}/#session-opening"' in html
    assert f'href="/en/conferences/{conference.slug}/#statement-{statement.pk}"' in html
    assert "<mark>Amu</mark> <mark>Darya</mark> opening" in html
    assert "3 results for “amu darya”" in html


def test_search_requires_every_word(client):
    conference = ConferenceFactory(published=True, summary="Customs cooperation along the Amu Darya.")
    SessionFactory(conference=conference, title="Amu Darya opening")

    response = search(client, "amu darya tulips")

    assert response.context["results"].total == 0
    assert "Nothing matched all of the words" in response.content.decode()


def test_search_russian_page_folds_cyrillic_case_and_highlights(client):
    conference = ConferenceFactory(published=True)
    session = SessionFactory(conference=conference, title_ru="Пленарное заседание")
    statement = StatementFactory(session=session, text_ru="Пограничники обсудили наркотрафик через Пяндж.")

    response = search(client, "НАРКОТРАФИК", language="ru")

    html = response.content.decode()
    assert [group.count for group in response.context["results"].groups] == [0, 0, 0, 0, 1]
    assert f'#statement-{statement.pk}"' in html
    assert "<mark>наркотрафик</mark>" in html


def test_search_uses_english_text_where_the_language_has_none(client):
    conference = ConferenceFactory(published=True)
    session = SessionFactory(conference=conference, title="Opening", title_ru="Открытие")
    StatementFactory(session=session, text="Ferghana valley checkpoints were discussed.", text_ru="")

    response = search(client, "ferghana", language="ru")

    html = response.content.decode()
    assert response.context["results"].total == 1
    assert '<p class="result__snippet fallback" lang="en"><mark>Ferghana</mark> valley checkpoints were discussed.</p>' in html
    with translation.override("ru"):
        note = translation.gettext("Some text here is not yet translated: it is shown in English and marked with a dotted line.")
    assert html.count('class="fallback-note"') == 1
    assert f'<p class="fallback-note" lang="ru">{note}</p>' in html


def test_search_ignores_english_text_where_the_language_has_its_own(client):
    conference = ConferenceFactory(published=True)
    SessionFactory(conference=conference, title="Ferghana working group", title_ru="Рабочая группа")

    response = search(client, "ferghana", language="ru")

    assert response.context["results"].total == 0


def test_search_never_shows_draft_editions(client):
    draft = ConferenceFactory(summary="Zarafshan secret draft.")
    SessionFactory(conference=draft, title="Zarafshan session")
    StatementFactory(session__conference=draft, text="Zarafshan statement.")

    response = search(client, "zarafshan")

    assert response.context["results"].total == 0
    assert draft.slug not in response.content.decode()


def test_search_follows_publishing_and_unpublishing_at_once(client):
    shown = ConferenceFactory(published=True, summary="Zarafshan valley.")
    StatementFactory(session__conference=shown, text="Zarafshan statement.")
    later = ConferenceFactory(summary="Zarafshan later edition.")
    assert search(client, "zarafshan").context["results"].total == 2

    shown.status = shown.Status.DRAFT
    shown.save()
    later.status = later.Status.PUBLISHED
    later.save()

    response = search(client, "zarafshan")
    assert response.context["results"].total == 1
    html = response.content.decode()
    assert later.slug in html
    assert shown.slug not in html


def test_search_paginates_across_groups(client):
    conference = ConferenceFactory(published=True, summary="Khorog bridge.")
    session = SessionFactory(conference=conference, title="Khorog session")
    StatementFactory.create_batch(23, session=session, text="Khorog bridge statement.")

    first = search(client, "khorog")
    second = search(client, "khorog", page=2)

    assert first.context["results"].total == 25
    assert [len(hits) for _group, hits in first.context["results"].page_groups()] == [1, 1, 18]
    assert [len(hits) for _group, hits in second.context["results"].page_groups()] == [5]
    assert 'href="?q=khorog&amp;page=2" rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    # The statements go on where the first page left them: the 19th to the 23rd.
    assert '<ol class="results" start="19">' in second.content.decode()
    assert '<ol class="results" start="1">' in first.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "3", "-1", "1.5", "9" * 30])
def test_search_bad_page_is_not_found(client, page):
    ConferenceFactory(published=True, summary="Khorog bridge.")

    assert search(client, "khorog", page=page).status_code == 404


def test_search_shortens_an_overlong_query(client):
    ConferenceFactory(published=True, summary="Khorog bridge.")

    response = search(client, "khorog " + "x" * 500)

    assert response.status_code == 200
    assert response.context["results"].query.text == ("khorog " + "x" * 500)[:200]
    assert "Your search was long" in response.content.decode()


def test_search_limits_the_number_of_words(client):
    response = search(client, " ".join(f"word{n}" for n in range(30)))

    assert response.status_code == 200
    assert response.context["results"].query.terms == [f"word{n}" for n in range(8)]


@pytest.mark.parametrize("query", ["\x00", "%", "_", "(", "a\\", "*:&|!", "' OR 1=1 --", "<script>alert(1)</script>"])
def test_search_odd_characters_are_safe(client, query):
    ConferenceFactory(published=True)

    response = search(client, query)

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_search_takes_like_wildcards_as_the_characters_they_are(client):
    conference = ConferenceFactory(published=True)
    StatementFactory(session__conference=conference, text="The x_ray scanners at the post.")
    StatementFactory(session__conference=conference, text="The xbray scanners at the other post.")

    found = search(client, "x_ray").context["results"]

    assert found.total == 1
    [(_group, [hit])] = found.page_groups()
    assert hit.snippet.html.startswith("The <mark>x") and "at the post" in hit.snippet.html


def test_search_runs_the_same_sql_for_other_words_of_the_same_shape(client):
    """What a search asks the database is compiled once per number of words (and which have a sound key)."""
    from cabmi_portal.prepared import built_statement

    ConferenceFactory(published=True, summary="Termez corridor and Nizhny Panj.")
    built_statement.cache_clear()
    search(client, "termez corridor")
    compiled = built_statement.cache_info().misses

    assert search(client, "nizhny panj").context["results"].total == 1
    assert search(client, "termez panj").context["results"].total == 1
    assert search(client, "termez nowhere").context["results"].total == 0
    assert built_statement.cache_info().misses == compiled
    assert search(client, "termez").context["results"].total == 1
    assert built_statement.cache_info().misses == compiled + 1


def test_search_without_words_shows_only_the_form(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/en/search/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="search-q">Words to find</label>' in html
    assert "search-summary" not in html


@pytest.mark.parametrize("statements", [1, 40])
def test_search_query_count_is_constant(client, django_assert_max_num_queries, statements):
    conference = ConferenceFactory(published=True, summary="Termez corridor.")
    session = SessionFactory(conference=conference, title="Termez session")
    StatementFactory.create_batch(statements, session=session, text="Termez corridor statement.")
    # The first search after an edit also reads the order the results list records in, one query per kind.
    with django_assert_max_num_queries(9):
        assert search(client, "corridor").context["results"].total == statements + 1

    # One read of the matching entries of every kind, a read per kind shown and, on PostgreSQL, one of the page's headlines.
    with django_assert_max_num_queries(4 + (connection.vendor == "postgresql")):
        response = search(client, "termez")

    assert response.context["results"].total == statements + 2


def test_search_shows_an_excerpt_of_long_texts_on_whole_words(client):
    conference = ConferenceFactory(published=True)
    before, after = "early words " * 40, " later words" * 40
    StatementFactory(session__conference=conference, text=f"{before}the Kyzylsu checkpoint{after}")

    response = search(client, "kyzylsu")

    [(_group, [hit])] = response.context["results"].page_groups()
    snippet = hit.snippet.html
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>Kyzylsu</mark> checkpoint" in snippet
    words = snippet.removeprefix("… ").removesuffix(" …").split()
    assert {words[0], words[-1]} <= {"early", "words", "later", "the", "<mark>Kyzylsu</mark>", "checkpoint"}
    assert len(snippet) < 300


def test_search_of_punctuation_alone_says_what_to_type(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = search(client, "?! … «»")

    assert response.status_code == 200
    assert "Type one or more words to search for" in response.content.decode()


def test_search_marks_each_untranslated_part_of_a_result_as_english(client):
    conference = ConferenceFactory(published=True, title_uz="Chegara konferensiyasi")
    SessionFactory(conference=conference, title="Opening", title_uz="Ochilish", description="Welcome to Samarkand.", description_uz="")

    response = search(client, "samarkand", language="uz")

    html = response.content.decode()
    assert '<h3><a href="/uz/conferences/' in html
    assert '<span>Ochilish</span>' in html
    assert '<span>Chegara konferensiyasi</span>' in html
    assert '<p class="result__snippet fallback" lang="en">Welcome to <mark>Samarkand</mark>.</p>' in html
    assert html.count('<p class="fallback-note" lang="uz">') == 1

@pytest.mark.django_db
def test_private_use_characters_in_content_never_become_marks(client):
    ConferenceFactory(published=True, title="Border talks", summary="Border \ue000owned\ue001 management")

    page = search(client, "border").content.decode()

    assert "<mark>owned</mark>" not in page
    assert "<mark>Border</mark>" in page
