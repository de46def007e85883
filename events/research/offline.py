"""An offline copy of the public site: every page, PDF, open-data document and photo rendition as static files.

The copy is made by asking the portal for its own pages, as a visitor would,
starting from each language's home page, the series pages and the open data,
and following every link to another page of the site. Each address becomes a
file (`/ru/conferences/cabmi-17/` → `ru/conferences/cabmi-17/index.html`) and
every link is rewritten relative to the file it is in, so the folder works
from a USB stick (file://) or any static web server. Search needs a server, so
the search form leads to an index page of everything the copy holds. What
names the site's own host (canonical addresses, alternates, JSON-LD) is left
out. Drafts are never reached: only public pages are asked for.
"""

import posixpath
import re
import shutil
import zipfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation

from cabmi_portal.languages import language_codes
from events.models import Conference, Series
from events.proceedings.build import build_proceedings
from events.proceedings.storage import exists as pdf_stored
from participants.models import Country, Organization, Person

HOST = "offline.invalid"
LINK = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')
HOST_TAGS = re.compile(
    r'<link rel="(?:canonical|alternate)"[^>]*>\n?'
    r'|<meta (?:property|name)="(?:og:url|og:image|citation_pdf_url|citation_abstract_html_url|DC\.identifier)"[^>]*>\n?'
    r'|<script type="application/ld\+json">.*?</script>\n?',
    re.S,
)
OWN_ADDRESS = re.compile(r"https?://" + re.escape(HOST) + r"(/[^\s<>\"'}]*)?")
NOT_FOLLOWED = ("/admin/", "/oai", "/sitemap.xml", "/robots.txt", "/healthz", "/feed.xml")
KEPT_PARAMETERS = {"page": re.compile(r"^\d{1,4}$"), "group": re.compile(r"^[a-z_]{1,20}$"), "sort": re.compile(r"^[a-z_]{1,20}$")}


@dataclass
class Export:
    root: Path
    languages: list
    site_url: str = ""  # the public address of the portal, named in citations; none: such addresses are left out
    written: dict = field(default_factory=dict)  # site path (with query) -> file path relative to root
    missing: list = field(default_factory=list)


def kept_query(query):
    """The parameters that choose what a page shows (archive page, matrix filter and sort), in a fixed order."""
    pairs = parse_qsl(query or "")
    return [(key, value) for key, value in sorted(pairs) if key in KEPT_PARAMETERS and KEPT_PARAMETERS[key].match(value)]


def file_for(path, query=""):
    """The file an address is kept in, relative to the export's root: /ru/conferences/?page=2 -> ru/conferences/page-2.html."""
    path = unquote(path).lstrip("/")
    if path.endswith("/") or path == "":
        kept = kept_query(query)
        return path + ("-".join(f"{key}-{value}" for key, value in kept) or "index") + ".html"
    return path


def relative_link(target_file, from_file, fragment=""):
    link = posixpath.relpath(target_file, posixpath.dirname(from_file) or ".")
    return link + (f"#{fragment}" if fragment else "")


def export_site(output, languages=None, progress=None, site_url=""):
    """Write the copy into `output` (a new or empty folder); returns the Export with what was written."""
    root = Path(output)
    root.mkdir(parents=True, exist_ok=True)
    export = Export(root=root, languages=list(languages or language_codes()), site_url=site_url.rstrip("/"))
    with override_settings(ALLOWED_HOSTS=[HOST], SECURE_SSL_REDIRECT=False):
        client = Client(HTTP_HOST=HOST)
        queue = deque(start_addresses(export.languages))
        seen = set(queue)
        while queue:
            address = queue.popleft()
            for found in copy_address(client, export, address):
                if found not in seen:
                    seen.add(found)
                    queue.append(found)
            if progress:
                progress(len(export.written), len(seen))
        for language in export.languages:
            write_index_page(export, language)
    return export


def start_addresses(languages):
    addresses = []
    for language in languages:
        with translation.override(language):
            addresses.append(reverse("home"))
            addresses += [reverse("series:detail", kwargs={"code": series.code.lower()}) for series in published_series()]
            addresses += [reverse("series:participation", kwargs={"code": series.code.lower()}) for series in published_series()]
            addresses += [reverse("series:participation_csv", kwargs={"code": series.code.lower()}) for series in published_series()]
    addresses += [reverse("data:conference_json", kwargs={"slug": slug})
                  for slug in Conference.objects.published().values_list("slug", flat=True)]
    return addresses


def published_series():
    return Series.objects.filter(conferences__in=Conference.objects.published()).distinct().order_by("code")


def wanted(path, languages):
    """Whether an address of the site belongs in the copy."""
    if any(path.startswith(prefix) for prefix in NOT_FOLLOWED):
        return False
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL, "/data/")):
        return True
    language = path.strip("/").split("/", 1)[0]
    return language in languages and "/search/" not in path


def copy_address(client, export, address):
    """Fetch one address, write its file, and return the addresses it links to."""
    parts = urlsplit(address)
    target = file_for(parts.path, parts.query)
    if parts.path.endswith("/proceedings.pdf"):
        return copy_pdf(export, parts.path, target)
    response = client.get(parts.path, dict(parse_query(parts.query)), secure=True)
    if response.status_code != 200:
        export.missing.append(address)
        return []
    body = b"".join(response.streaming_content) if response.streaming else response.content
    destination = export.root / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    export.written[address] = target
    content_type = response["Content-Type"]
    if not content_type.startswith(("text/", "application/json", "application/x-", "application/vnd.")):
        destination.write_bytes(body)
        return []
    if not content_type.startswith("text/html"):
        text = public_addresses(body.decode("utf-8"), export)
        destination.write_text(text, encoding="utf-8")
        return css_links(parts.path, text, content_type)
    html, found = rewrite_page(HOST_TAGS.sub("", body.decode("utf-8")), target, export)
    html = public_addresses(html, export)
    destination.write_text(html, encoding="utf-8")
    return found


def parse_query(query):
    return kept_query(query)


def public_addresses(text, export):
    """Addresses of the site in text (citations, calendars) as the public site's, or left out when it is not known."""
    return OWN_ADDRESS.sub(lambda match: export.site_url + (match.group(1) or "/") if export.site_url else "", text)


def css_links(path, text, content_type):
    """Files a stylesheet loads (url(...)), as site addresses."""
    if not content_type.startswith("text/css"):
        return []
    found = []
    for link in re.findall(r"url\(['\"]?([^'\")]+)['\"]?\)", text):
        if not link.startswith(("data:", "#", "http:", "https:")):
            found.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), link)))
    return found


def copy_pdf(export, path, target):
    """The proceedings, built for the current content (as the public address would serve them)."""
    language, _conferences, slug = path.strip("/").split("/")[:3]
    conference = Conference.objects.published().filter(slug=slug).first()
    if conference is None:
        export.missing.append(path)
        return []
    pdf = build_proceedings(conference, language)
    if not pdf_stored(pdf.name):
        export.missing.append(path)
        return []
    destination = export.root / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    with pdf.open() as source, destination.open("wb") as copy:
        shutil.copyfileobj(source, copy)
    export.written[path] = target
    return []


def rewrite_page(html, target, export):
    """The page with every link to the site made relative; the addresses it links to."""
    found = []

    def local(url):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == HOST:
            parts = urlsplit(url.split(HOST, 1)[1] or "/")
        elif parts.scheme or parts.netloc or not parts.path.startswith("/"):
            return None  # another site's address, a fragment, mailto: or the like: kept as it is
        return parts

    def rewrite(url):
        if url.startswith("?"):
            url = "/" + target.rsplit("/", 1)[0] + "/" + url  # a query on the page's own address
        parts = local(url)
        if parts is None:
            return url
        path = parts.path
        if "/search/" in path:
            language = path.strip("/").split("/", 1)[0]
            return relative_link(f"{language}/search/index.html", target)
        if not wanted(path, export.languages):
            return relative_link(file_for(f"/{export.languages[0]}/"), target)
        query = urlencode(kept_query(parts.query))
        found.append(path + (f"?{query}" if query else ""))
        return relative_link(file_for(path, query), target, parts.fragment)

    html = LINK.sub(lambda m: m.group(1) + rewrite(m.group(2).replace("&amp;", "&")).replace("&", "&amp;") + m.group(3), html)

    def rewrite_srcset(match):
        candidates = []
        for candidate in match.group(2).split(","):
            pieces = candidate.strip().split(" ", 1)
            pieces[0] = rewrite(pieces[0])
            candidates.append(" ".join(pieces))
        return match.group(1) + ", ".join(candidates) + match.group(3)

    return SRCSET.sub(rewrite_srcset, html), found


def write_index_page(export, language):
    """What search would find, as one page: every edition, person, organization and country in the copy."""
    target = f"{language}/search/index.html"
    with translation.override(language):
        links = {address: file for address, file in export.written.items() if file.endswith(".html")}

        def entries(records):
            listed = []
            for record in records:
                address = record.get_absolute_url()
                if address in links:
                    listed.append((record, relative_link(links[address], target)))
            return listed

        html = render_to_string("events/research/offline_index.html", {
            "editions": entries(Conference.objects.published().order_by("-start_date", "id")),
            "people": entries(Person.objects.order_by("name", "id")),
            "organizations": entries(Organization.objects.order_by("name", "id")),
            "countries": entries(Country.objects.order_by("name", "code")),
            "LANGUAGE_CODE": language,
            "home": relative_link(f"{language}/index.html", target),
            "stylesheet": relative_link(file_for(settings.STATIC_URL + "css/portal.css"), target),
        })
    destination = export.root / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(html, encoding="utf-8")
    export.written[f"/{language}/search/"] = target


def zip_export(export, zip_path):
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(export.root.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(export.root).as_posix())
    return zip_path
