"""manage.py build_proceedings: builds ahead of time, skips what is current, copies with download names."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from events.proceedings.build import proceedings_built
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders():
    built = []

    def count(sender, name, **kwargs):
        built.append(name)

    proceedings_built.connect(count)
    yield built
    proceedings_built.disconnect(count)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("build_proceedings", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_build_proceedings_builds_then_skips_current_pdfs(tmp_path, renders):
    conference = ConferenceFactory(published=True, sessions=1, sessions__statements=1)
    out, err = run(conference.slug, "--language", "ru", "--output", str(tmp_path))
    again, _err = run(conference.slug, "--language", "ru")
    copied = tmp_path / f"{conference.slug}-proceedings-ru.pdf"
    assert out == "Built 1 PDF(s); 0 already up to date.\n"
    assert f"{conference.slug} [ru]" in err  # the progress bar
    assert again == "Built 0 PDF(s); 1 already up to date.\n"
    assert len(renders) == 1
    assert [p.name for p in tmp_path.iterdir()] == [copied.name]
    assert conference.title_ru in " ".join(PdfReader(copied).pages[0].extract_text().split())


def test_build_proceedings_all_builds_every_published_edition(renders):
    first, second = ConferenceFactory(published=True), ConferenceFactory(published=True)
    draft = ConferenceFactory()
    out, _err = run("--all", "--language", "en")
    assert out == "Built 2 PDF(s); 0 already up to date.\n"
    assert sorted(name.split("/")[1] for name in renders) == sorted([first.slug, second.slug])
    assert draft.slug not in {name.split("/")[1] for name in renders}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-edition"], "No edition 'no-such-edition'."),
        (["--all", "--language", "fr"], "Unknown language 'fr': use one of en, ru, uz, kk, ky, tg, tk."),
        ([], "Name one or more editions, or use --all."),
    ],
)
def test_build_proceedings_refuses_bad_arguments(args, message, renders):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert str(error.value) == message
    assert renders == []


def test_build_proceedings_refuses_a_draft(renders):
    draft = ConferenceFactory()
    with pytest.raises(CommandError) as error:
        run(draft.slug)
    assert str(error.value) == f"{draft.slug!r} is a draft: publish it first."
    assert renders == []
