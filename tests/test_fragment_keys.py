"""Keys of fragments and kept pages (cabmi_portal.fragments): a record shown again is digested once, and the key still
tells apart every list of states that differs."""

from cabmi_portal.fragments import keys_of_states

EDITION = ("events.Conference", ("id", "title_en", "body_en"), (1, "17th CABMI Conference", "Long text. " * 500))
SPEAKER = ("participants.Person", ("id", "name_en"), (7, "Aziza Karimova"))


def statement(pk, text):
    return ("programme.Statement", ("id", "text_en"), (pk, text))


def key(*states):
    return keys_of_states("participants/country_detail.html", [list(states)])[0]


def test_the_same_states_give_the_same_key():
    assert key(EDITION, statement(1, "a"), EDITION) == key(EDITION, statement(1, "a"), EDITION)


def test_a_record_shown_once_more_changes_the_key():
    """A record in one more list of a page (a parent among the offices shown, say) makes another page."""
    assert key(EDITION, SPEAKER, EDITION) != key(EDITION, SPEAKER)
    assert key(EDITION, SPEAKER, EDITION) != key(EDITION, SPEAKER, SPEAKER)
    assert key(EDITION, SPEAKER, None) != key(EDITION, SPEAKER, EDITION)


def test_order_and_every_value_count():
    assert key(statement(1, "a"), statement(2, "b")) != key(statement(2, "b"), statement(1, "a"))
    changed = ("events.Conference", EDITION[1], (1, "17th CABMI Conference", "Long text. " * 499))
    assert key(EDITION, statement(1, "a"), EDITION) != key(EDITION, statement(1, "a"), changed)
    assert key(EDITION, statement(1, "a"), changed) != key(changed, statement(1, "a"), changed)


def test_a_value_that_cannot_be_hashed_is_digested_whole():
    extra = ("events.Conference", ("id", "extra"), (1, {"note": "ноябрь"}))
    assert key(extra, extra) == key(extra, extra)
    assert key(extra, extra) != key(extra, ("events.Conference", ("id", "extra"), (1, {"note": "декабрь"})))

