"""How long importing a 300-statement edition takes, and how many SQL queries it makes.

Runs against a fresh SQLite database in a temporary folder (or the database
that DATABASE_URL names, which must be empty and disposable). The baseline
is the same edition with 30 statements, imported in the same run: the
queries must be (nearly) the same for both, and the time should grow far
less than tenfold. Usage: .venv/bin/python benchmarks/import_edition.py
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="cabmi-import-benchmark-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'benchmark.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(WORK / "media"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cabmi_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.interchange.importer import import_conference  # noqa: E402
from events.interchange.sample import generated_document, write_document  # noqa: E402
from events.models import Conference  # noqa: E402

SESSIONS = 30
PHOTOS = 4


def measure(folder, **options):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        report = import_conference(folder, **options)
        seconds = time.perf_counter() - started
    assert report.ok, report.problems
    return seconds, len(queries.captured_queries)


def edition(statements, series):
    document, files = generated_document(sessions=SESSIONS, statements=statements, photos=PHOTOS, speakers=statements // 2)
    document["series"]["code"] = series
    document["slug"] = f"{series.lower()}-3"
    for person in document["people"]:
        person["key"] = f"{series.lower()}-{person['key']}"
    for session in document["sessions"]:
        for statement in session["statements"]:
            statement["speaker"] = f"{series.lower()}-{statement['speaker']}"
    return write_document(WORK / series, document, files)


def main():
    call_command("migrate", verbosity=0)
    import_conference(edition(30, "WARM"))  # content types, translation tables and other per-process caches
    rows = []
    for statements, series in ((30, "BASE"), (300, "BIG")):
        folder = edition(statements, series)
        rows.append((f"{statements} statements, first import", *measure(folder)))
        rows.append((f"{statements} statements, same document again", *measure(folder)))
        rows.append((f"{statements} statements, dry run", *measure(folder, dry_run=True)))
    print(f"database: {connection.vendor}; {SESSIONS} sessions, {PHOTOS} photos, 7 languages per text")
    for label, seconds, queries in rows:
        print(f"{label:45s} {seconds * 1000:8.0f} ms {queries:5d} queries")
    base, big = rows[0], rows[3]
    print(f"300 vs 30 statements: time x{big[1] / base[1]:.2f}, queries {big[2]} vs {base[2]}")
    print(f"editions in the database: {Conference.objects.count()}")


if __name__ == "__main__":
    main()
