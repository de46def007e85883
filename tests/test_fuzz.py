"""Property-based tests: no generated request answers 500, and every generated document is imported or refused cleanly.

The suite runs them with a fixed seed and a bounded number of examples, so CI
sees the same inputs every time. To search longer by hand:

    FUZZ_REQUESTS=50000 FUZZ_DOCUMENTS=5000 FUZZ_SEED=random .venv/bin/python -m pytest tests/test_fuzz.py
"""

import copy
import io
import json
import os
from urllib.parse import quote, quote_from_bytes

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from reversion.models import Version

from events.interchange.importer import import_conference
from events.models import Conference, Participation, Role, Series
from participants.models import Organization, Person
from sessions.models import Photo, Session, Statement
from tests.events.test_interchange_validation import VALID
from tests.factories import ConferenceFactory, OrganizationFactory, PersonFactory

REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "2000"))
DOCUMENTS = int(os.environ.get("FUZZ_DOCUMENTS", "200"))
SEED = os.environ.get("FUZZ_SEED", "20261130")


def with_seed(test):
    return test if SEED == "random" else seed(int(SEED))(test)


def fuzz_settings(examples):
    return settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True
    )


# Requests ------------------------------------------------------------------

LANGUAGES = ["en", "ru", "uz", "kk", "ky", "tg", "tk"]
# {lang} and {value} are filled per example; every public URL pattern of the contract.
PATTERNS = [
    "/", "/{lang}/", "/{lang}/conferences/", "/{lang}/conferences/?page={value}", "/{lang}/conferences/?year={value}&country={value}",
    "/{lang}/conferences/{value}/", "/{lang}/conferences/{value}/proceedings.pdf", "/{lang}/conferences/{value}/programme.ics",
    "/{lang}/people/{value}/", "/{lang}/organizations/{value}/", "/{lang}/countries/{value}/", "/{lang}/search/?q={value}",
    "/{lang}/search/?q={value}&page={value}", "/{lang}/feed.xml", "/data/conferences/{value}.json", "/sitemap.xml",
    "/sitemap.xml?p={value}", "/robots.txt", "/healthz", "/media/{value}", "/{value}", "/{lang}/{value}/",
]

texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),  # huge
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),  # control characters
    st.text(alphabet="aбвʻʼ中ع\u200f\u202e\ue000\ufeff-1", max_size=30),  # mixed scripts, bidi, private use
    st.from_regex(r"[a-z0-9-]{1,60}", fullmatch=True),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "2022", "99999", "1e9", "NaN", "..", "%", "cabmi-17", "uz", "UZ", "none", "\x00"]),
)
values = st.one_of(
    texts.map(lambda text: quote(text.encode("utf-8", "surrogatepass"), safe="")),
    st.binary(max_size=60).map(lambda raw: quote_from_bytes(raw, safe="")),  # not UTF-8
    texts.map(lambda text: quote(text.encode("utf-8", "surrogatepass"), safe="/?&=")),
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.one_of(st.sampled_from(["ru", "uz-Latn-UZ,uz;q=0.9", "*", "zz", "en;q=abc", ""]), st.text(max_size=60)),
        "HTTP_IF_NONE_MATCH": st.text(max_size=40),
        "HTTP_IF_MODIFIED_SINCE": st.sampled_from(["Sat, 29 Oct 1994 19:43:31 GMT", "yesterday", "", "Sat, 29 Oct 99999 19:43:31 GMT"]),
        "HTTP_RANGE": st.sampled_from(["bytes=0-10", "bytes=-5", "bytes=9999999999-", "pages=1"]),
        "HTTP_USER_AGENT": st.text(max_size=80),
        "HTTP_COOKIE": st.sampled_from(["sessionid=x", "csrftoken=" + "a" * 300, "django_language=xx", "=;;"]),
        "HTTP_X_FORWARDED_FOR": st.sampled_from(["1.2.3.4", "not-an-ip", "::1, 10.0.0.1"]),
    },
)


def cleaned_header(value):
    # WSGI header values are latin-1 strings: what a server could actually hand over.
    return value.encode("utf-8", "surrogatepass").decode("latin-1")


@pytest.fixture
def published_record(db):
    person, organization = PersonFactory(slug="helga-schmid"), OrganizationFactory(slug="osce")
    conference = ConferenceFactory(published=True, slug="cabmi-17", sessions=2, sessions__statements=2)
    return conference, person, organization


def test_no_generated_request_answers_500(published_record):
    client = Client(raise_request_exception=False)
    answered = {"requests": 0, "500": [], "patterns": set()}

    # Each example sends one request to every pattern, so every pattern gets its share.
    @fuzz_settings(-(-REQUESTS // len(PATTERNS)))
    @with_seed
    @given(
        language=st.one_of(st.sampled_from(LANGUAGES), values),
        value=values,
        method=st.sampled_from(["GET", "HEAD", "OPTIONS"]),
        extra=headers,
    )
    def request(language, value, method, extra):
        for pattern in PATTERNS:
            filled = "not-built" if pattern.endswith("proceedings.pdf") and value == "cabmi-17" else value  # no real PDF builds here
            path = pattern.format(lang=language, value=filled)
            response = client.generic(method, path, **{name: cleaned_header(v) for name, v in extra.items()})
            answered["requests"] += 1
            answered["patterns"].add(pattern)
            if response.status_code >= 500 and response.status_code != 503:
                answered["500"].append((method, path, extra, response.status_code))

    request()

    assert answered["500"] == []
    assert answered["requests"] >= REQUESTS
    assert answered["patterns"] == set(PATTERNS)


# Documents -----------------------------------------------------------------

COUNTED = (Series, Conference, Role, Participation, Photo, Session, Statement, Organization, Person, Version)

odd_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=30), st.text(alphabet="\x00\x0b\x1f\ud800\ue000\ufffe ʻ-", max_size=10),
        st.sampled_from(["", "draft", "published", "UZ", "XX", "en", "2022-02-30", "99:99", "opening", "osce", "ashita-mittal"]),
    ),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=12,
)
raw_tails = st.sampled_from(
    ['"edition": 18', '"participants_count": NaN', '"extra": {"x": Infinity}', '"participants_count": ' + "9" * 5000,
     '"city": "\\ud800"', '"extra": ' + "[" * 40 + "]" * 40, '"extra": ' + "[" * 2000 + "]" * 2000, '"title": {"en": "a", "en": "b"}']
)


def paths_of(value, path=()):
    """Every place in a document that a mutation can touch."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_of(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths_of(item, (*path, index))


def mutate(document, rng, replacement, action):
    places = [p for p in paths_of(document) if p]
    place = places[rng.randrange(len(places))]
    parent = document
    for step in place[:-1]:
        parent = parent[step]
    if action == "delete":
        del parent[place[-1]]
    elif action == "replace":
        parent[place[-1]] = replacement
    elif isinstance(parent, dict):
        parent[f"{place[-1]}x"] = replacement  # an unknown field beside a known one
    else:
        parent.append(replacement)


def snapshot():
    return [model.objects.count() for model in COUNTED], list(Conference.objects.order_by("pk").values())


@pytest.mark.django_db
def test_every_generated_document_is_imported_or_refused_with_nothing_written():
    outcome = {"documents": 0, "imported": 0, "refused": 0, "crashed": []}

    @fuzz_settings(DOCUMENTS)
    @with_seed
    @given(
        mutations=st.lists(st.tuples(st.sampled_from(["delete", "replace", "add"]), odd_values), max_size=4),
        chooser=st.randoms(use_true_random=False),
        tail=st.one_of(st.none(), raw_tails),
        publish=st.booleans(),
    )
    def attempt(mutations, chooser, tail, publish):
        document = copy.deepcopy(VALID)
        for action, replacement in mutations:
            mutate(document, chooser, replacement, action)
        text = json.dumps(document, ensure_ascii=False)
        if tail and text.startswith("{") and len(text) > 2:
            text = text[:-1] + ", " + tail + "}"
        upload = io.BytesIO(text.encode("utf-8", "surrogatepass"))
        upload.name = "fuzzed.json"
        before = snapshot()
        outcome["documents"] += 1
        try:
            report = import_conference(upload, publish=publish)
        except Exception as error:  # noqa: BLE001 - any exception is the finding
            outcome["crashed"].append((text[:300], repr(error)))
            return
        if report.ok:
            outcome["imported"] += 1
            assert report.conference is not None and Conference.objects.filter(pk=report.conference.pk).exists()
        else:
            outcome["refused"] += 1
            assert all(problem.path and problem.message for problem in report.problems), report.problems
            assert snapshot() == before

    attempt()

    assert outcome["crashed"] == []
    assert outcome["documents"] >= DOCUMENTS
    assert outcome["imported"] and outcome["refused"]

