"""axe-core, given to the browser once per test and put into every page it opens there, runs on every public page
template (English and Russian) and the admin's main pages.

No violation of WCAG 2.0 and 2.1, levels A and AA, is allowed.
"""

import pytest

from ..conftest import AXE, unavailable
from ..pages import admin_pages, public_pages

pytestmark = pytest.mark.django_db

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return results.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
}"""


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        unavailable(f"Accessibility checks skipped: {AXE.relative_to(AXE.parents[2])} not installed (make install runs npm install)")
    return AXE.read_text()


@pytest.fixture
def checked_page(page, axe_source):
    """The page, with axe-core put into every document it loads (sent to the browser once, not once a page)."""
    page.context.add_init_script(script=axe_source)
    return page


def violations(page, paths):
    """["path: rule (impact): elements", ...] for every violation on the pages at paths."""
    found = []
    for path in paths:
        response = page.goto(path)
        assert response.status in (200, 404), (path, response.status)
        found += [f"{path}: {problem}" for problem in page.evaluate(RUN_AXE, WCAG_A_AA)]
    return found


@pytest.mark.parametrize("language", ["en", "ru"])
def test_public_pages_have_no_wcag_a_or_aa_violations(checked_page, demo, language):
    found = violations(checked_page, public_pages(language))
    assert found == [], "\n".join(found)


def test_admin_main_pages_have_no_wcag_a_or_aa_violations(checked_page, demo, log_in):
    login = violations(checked_page, ["/admin/login/"])
    log_in(checked_page)
    found = login + violations(checked_page, admin_pages())
    assert found == [], "\n".join(found)
