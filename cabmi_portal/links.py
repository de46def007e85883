"""Addresses the portal may link to: http and https only, whatever was stored.

Pages, the PDF's link annotations and the open data all pass stored URLs
(sources, organization websites) through ``followable()``, so a
``javascript:`` or ``file:`` address that reached the database never
becomes a link anyone can follow.
"""

from urllib.parse import urlsplit

SCHEMES = ("http", "https")


def followable(url):
    """``url`` when it is an http(s) address with a host; otherwise ""."""
    url = str(url or "").strip()
    if not url or any(ord(character) < 0x21 or ord(character) == 0x7F for character in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in SCHEMES and parts.netloc else ""


def safe_sources(sources):
    """Stored sources as [{url, title, lang}], the url kept only when it can be followed."""
    cleaned = []
    for source in sources if isinstance(sources, list) else []:
        if not isinstance(source, dict):
            continue
        url = str(source.get("url") or "")
        title = str(source.get("title") or url)
        if title:
            cleaned.append({"url": followable(url), "title": title, "lang": str(source.get("lang") or "")})
    return cleaned
