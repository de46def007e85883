"""How a conference's sources are shown: one reading of the stored list for the page, the PDF and the open data.

Stored sources pass the model's rules (validate_sources); records kept from
before those rules may not, so what is shown is read again here: a link only
for a web address a reader can follow, a language only when it is a code.
"""

from dataclasses import dataclass

from cabmi_portal.validators import is_iso_date, is_web_url, spoken_languages


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    lang: str
    date: str = ""

    @property
    def label(self):
        """What a reader sees: the title, or the address when the source has no title."""
        return self.title or self.url

    def as_json(self):
        """{"url", "title", "lang", "date"}, without the parts the source does not have, as the interchange format writes it."""
        parts = (("url", self.url), ("title", self.title), ("lang", self.lang), ("date", self.date))
        return {name: value for name, value in parts if value}


def shown_sources(conference):
    """The conference's sources as Source, leaving out any that has nothing to show."""
    stored = conference.sources if isinstance(conference.sources, list) else []
    sources = [read_source(item) for item in stored if isinstance(item, dict)]
    return [source for source in sources if source.label]


def read_source(item):
    url, title, lang, date = (item.get(name) for name in ("url", "title", "lang", "date"))
    return Source(
        title=title if isinstance(title, str) else "",
        url=url if is_web_url(url) else "",
        lang=lang if isinstance(lang, str) and lang in spoken_languages() else "",
        date=date if is_iso_date(date) else "",
    )
