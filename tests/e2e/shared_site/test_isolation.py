"""The browser tests' own fence: a page may reach 127.0.0.1 only (the site's pages could not even try: their Content
Security Policy stops a script's request to another host before it is made, so the browser is sent there directly)."""

import pytest
from playwright.sync_api import Error

pytestmark = pytest.mark.django_db


def test_a_request_to_another_host_is_refused_and_noted(page, outside_requests):
    page.goto("/en/")  # the site itself is reached
    assert outside_requests == []
    # An address, not a name: no failed name lookup stands in the way, only the browser's proxy.
    outside = "http://192.0.2.1/probe"

    tab = page.context.new_page()  # closed after: the error page it shows could not always be photographed
    with pytest.raises(Error, match="net::ERR_PROXY_CONNECTION_FAILED"):
        tab.goto(outside)
    tab.close()

    assert outside_requests == [outside]
    outside_requests.clear()  # seen: the fixture's own check after the test would fail on it
