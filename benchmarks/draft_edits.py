"""What the Secretariat's edits cost visitors: the cached demo edition page while statements are saved four times a second.

Starts the site as `make serve` does (scripts/serve, as benchmarks/pages.py
does) on a disposable SQLite database with the demo edition (published) and a
generated draft edition, sharing one Redis with a second process that plays
the editors: it saves a statement every 0.25 s, the way a few staff members
at work would. wrk (-t2 -c64) drives the demo edition page three times, in
one run:

1. nobody edits (the baseline);
2. the editors work on the draft edition, which no visitor can see;
3. the editors correct a statement of the published demo edition, so that
   every save moves the page cache's generation on and the next request of
   every page renders afresh.

Rates are printed as ratios to the first. Redis: the database REDIS_URL
names, by default 127.0.0.1:6379/15, which is emptied first.

    .venv/bin/python benchmarks/draft_edits.py [--port 11060] [--duration 10] [--interval 0.25]
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (its server, its wrk and its throw-away database)

PAGE = pages.CACHEABLE["demo edition"]
SETUP = """
from pathlib import Path
from django.core.cache import cache
from django.core.management import call_command
from events.interchange.importer import import_conference
from events.interchange.sample import generated_document, write_document
cache.clear()
call_command("migrate", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
call_command("load_demo", verbosity=0)
document, files = generated_document(sessions=3, statements=12, photos=0)
document["slug"], document["status"] = "draft-18", "draft"
assert import_conference(write_document(Path(r"{work}") / "draft", document)).ok
"""
# Saves one statement of the edition `slug` every `interval` seconds for `seconds`; prints how many saves.
EDITOR = """
import time
from sessions.models import Statement
statement = Statement.objects.filter(session__conference__slug={slug!r}).order_by("id").first()
original, saves, end = statement.text_en, 0, time.monotonic() + {seconds}
while time.monotonic() < end:
    statement.text_en = original + (" " if saves % 2 else "")
    statement.save()
    saves += 1
    time.sleep({interval})
print(saves)
"""


def while_editing(server, slug, seconds, interval):
    """wrk on the demo edition page while another process saves a statement of `slug` every `interval` s (no editor: None)."""
    editor = None
    if slug:
        code = "import django; django.setup()\n" + EDITOR.format(slug=slug, seconds=seconds, interval=interval)
        editor = subprocess.Popen([pages.PY, "-c", code], cwd=pages.ROOT, env={**pages.ENV, "TASKS_BACKEND": "database"},
                                  stdout=subprocess.PIPE, text=True)
    result = pages.wrk(server.url(PAGE), seconds)
    result["saves"] = int(editor.communicate(timeout=120)[0]) if editor else 0
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=11060)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--interval", type=float, default=0.25)
    args = parser.parse_args()
    pages.ENV["REDIS_URL"] = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    pages.ENV.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    pages.django_run(SETUP.format(work=pages.WORK), TASKS_BACKEND="dummy")  # the demo's PDFs are not what is measured
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; a save every {args.interval} s")
    runs = [("nobody edits", None), ("a draft edition's statement", "draft-18"), ("the published edition's statement", "cabmi-17")]
    results = []
    with pages.Server(args.port, PAGE_CACHE="1") as server:
        server.warm(PAGE)
        for label, slug in runs:
            results.append((label, while_editing(server, slug, args.duration, args.interval)))
            pages.django_run(pages.DROP_WAITING_TASKS)  # PDF refreshes the published edits queued
    baseline = results[0][1]["rate"]
    print(f"{'saved meanwhile':36s} {'saves':>6s} {'req/s':>8s} {'ratio':>6s} {'p99 ms':>7s} {'errors':>6s}")
    for label, result in results:
        print(f"{label:36s} {result['saves']:6d} {result['rate']:8.0f} {result['rate'] / baseline:6.2f} {result['p99']:7.1f} "
              f"{result['errors'] + result['non_2xx']:6d}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
