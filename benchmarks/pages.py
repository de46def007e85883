"""Requests per second of the public pages under gunicorn, as ratios to /robots.txt measured in the same run.

Builds a disposable database (SQLite in a temporary folder, or the empty
database DATABASE_URL names) with the demo edition and a generated edition
of 300 statements, starts the site as `make serve` does (scripts/serve:
gunicorn with its default number of workers, production settings, DEBUG off,
and the task worker) and drives each page with `wrk -t2 -c64 -d10s` (Debian:
apt-get install wrk). The public pages are measured once from the page cache, then
every page with it turned off (PAGE_CACHE=0), which is what the first
visitor of each page gets after any edit. A last run keeps 64 connections on the
uncached demo edition for 30 s and counts errors and non-2xx answers.

    .venv/bin/python benchmarks/pages.py [--port 11050] [--duration 10] [--soak 30] [--workers N]
    .venv/bin/python benchmarks/pages.py --only search,country   # these uncached pages and the baseline only
"""

import argparse
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="cabmi-pages-benchmark-"))
ENV = {
    **os.environ,
    "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{WORK / 'benchmark.sqlite3'}"),
    "MEDIA_ROOT": str(WORK / "media"),
    "STATIC_ROOT": str(WORK / "static"),
    "DJANGO_SETTINGS_MODULE": "cabmi_portal.settings",
    "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
    "DEBUG": "0",
    # DEBUG off refuses the key published in the repository; this database is thrown away.
    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
}
PY = str(ROOT / ".venv" / "bin" / "python")

# The pages the page cache keeps (cabmi_portal.cache.cached_page_view): all but search.
CACHEABLE = {
    "demo edition": "/en/conferences/cabmi-17/",
    "home": "/en/",
    "archive": "/en/conferences/",
    "person": "/en/people/helga-maria-schmid/",
    "organization": "/en/organizations/bomca/",
    "country": "/en/countries/uz/",
}
# (label, address, target ratio to /robots.txt)
UNCACHED = [
    ("demo edition, uncached", CACHEABLE["demo edition"], 0.15),
    ("300-statement edition, uncached", "/en/conferences/big-300/", 0.05),
    *((label, CACHEABLE[label], 0.40) for label in ("home", "archive", "person", "organization", "country")),
    ("search, English", "/en/search/?q=border", 0.25),
    ("search, Russian", "/ru/search/?q=%D0%B3%D1%80%D0%B0%D0%BD%D0%B8%D1%86", 0.25),
    ("search, a name across scripts", "/en/search/?q=%D0%A8%D0%BC%D0%B8%D0%B4", 0.25),
]
# The bar for the cached edition page, held up to every cached page.
CACHED = [(f"{label}, cached", address, 0.90) for label, address in CACHEABLE.items()]
SETUP = """
from pathlib import Path
from django.core.management import call_command
from events.interchange.importer import import_conference
from events.interchange.sample import generated_document, write_document
call_command("migrate", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
call_command("load_demo", verbosity=0)
document, files = generated_document(sessions=30, statements=300, photos=4, speakers=150)
document["series"]["code"], document["slug"] = "BIG", "big-300"
for person in document["people"]:
    person["key"] = "big-" + person["key"]
for session in document["sessions"]:
    for statement in session["statements"]:
        statement["speaker"] = "big-" + statement["speaker"]
assert import_conference(write_document(Path(r"{work}") / "big", document, files), publish=True).ok
"""


# Two large PDFs for the task worker: the 300-statement edition in English and in Russian.
BIG_PDFS = """
from django.core.files.storage import default_storage
from events.proceedings.build import current_pdf
from events.proceedings.content import load_conference
from events.proceedings.tasks import enqueue_build
pdfs = [current_pdf(load_conference("big-300"), code) for code in ("en", "ru")]
"""
QUEUE_PDFS = BIG_PDFS + """
for pdf in pdfs:
    default_storage.delete(pdf.name)  # built when the edition was published
assert sum(enqueue_build(pdf) for pdf in pdfs) == 2
"""
PDFS_BUILT = BIG_PDFS + "print(sum(pdf.exists() for pdf in pdfs))\n"
# Builds still waiting when their measurement ends are dropped: the next server's worker must not take them up.
DROP_WAITING_TASKS = """
from django_tasks_db.models import DBTaskResult
DBTaskResult.objects.ready().delete()
"""


def django_run(code, **env):
    return subprocess.run([PY, "-c", "import django; django.setup()\n" + code], cwd=ROOT, env={**ENV, **env}, check=True,
                          stdout=subprocess.PIPE, text=True).stdout


def while_pdfs_build(server, path, seconds):
    """wrk on `path` while the server's task worker (manage.py db_worker, started by make serve) builds two large PDFs."""
    django_run(QUEUE_PDFS, TASKS_BACKEND="database")
    try:
        time.sleep(2)  # the worker has taken the first build
        result = wrk(server.url(path), seconds)
        result["built_during_run"] = int(django_run(PDFS_BUILT))
    finally:
        django_run(DROP_WAITING_TASKS)
    return result


def sitemap_files(server):
    """[(address, addresses listed, seconds)] of the sitemap index's files, each fetched once."""
    index = urllib.request.urlopen(server.url("/sitemap.xml"), timeout=60).read().decode()
    found = []
    for address in re.findall(r"<loc>([^<]+)</loc>", index):
        start = time.perf_counter()
        body = urllib.request.urlopen(address.replace("&amp;", "&"), timeout=60).read().decode()
        found.append((address, body.count("<url>"), time.perf_counter() - start))
    return found


def wrk(url, seconds, connections=64):
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                            capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else float("nan")
    non_2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)) else 0
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return {"rate": rate, "p99": p99_ms, "non_2xx": non_2xx, "errors": errors, "requests": requests}


class Server:
    """The site as `make serve` runs it (scripts/serve), in a process group of its own."""

    def __init__(self, port, workers=None, **env):
        self.port = port
        # The database was migrated and the static files collected by SETUP.
        self.env = {**ENV, "HOST": f"127.0.0.1:{port}", "TASKS_BACKEND": "database", "COLLECTSTATIC": "0", **env}
        if workers:
            self.env["WEB_CONCURRENCY"] = str(workers)

    def __enter__(self):
        self.process = subprocess.Popen([str(ROOT / "scripts" / "serve")], cwd=ROOT, env=self.env, start_new_session=True)
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        return self

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def warm(self, path):
        for _ in range(12):  # every worker, most likely: imports, templates, fragments
            # Long: the previous run may have left up to 64 slow requests queued.
            urllib.request.urlopen(self.url(path), timeout=300).read()

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)  # gunicorn, its workers and the task worker
        self.process.wait(timeout=60)


def measure(server, pages, seconds):
    server.warm("/robots.txt")
    baseline = wrk(server.url("/robots.txt"), seconds)
    rows = [("/robots.txt (baseline)", "/robots.txt", None, baseline)]
    for label, path, target in pages:
        server.warm(path)
        rows.append((label, path, target, wrk(server.url(path), seconds)))
    return baseline, rows


def print_rates(results):
    print(f"{'page':36s} {'req/s':>8s} {'ratio':>6s} {'target':>6s} {'p99 ms':>8s} {'errors':>6s} {'non-2xx':>7s}")
    baseline = None
    for label, _path, target, result in results:
        if target is None:
            baseline = result["rate"]
        ratio = result["rate"] / baseline
        mark = "" if target is None else ("ok" if ratio >= target else "SHORT")
        print(f"{label:36s} {result['rate']:8.0f} {ratio:6.3f} {target or 0:6.2f} {result['p99']:8.1f} {result['errors']:6d} "
              f"{result['non_2xx']:7d} {mark}")


def measure_only(args):
    """The uncached pages named by --only, with the baseline: no cached pages, PDFs, sitemap or soak."""
    chosen = [page for page in UNCACHED if any(page[0].startswith(label) for label in args.only.split(","))]
    with Server(args.port, args.workers, PAGE_CACHE="0") as server:
        results = measure(server, chosen, args.duration)[1]
    print(f"load average after: {os.getloadavg()}")
    print_rates(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=11050)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--soak", type=int, default=30)
    parser.add_argument("--workers", type=int, help="gunicorn workers (WEB_CONCURRENCY); make serve's default: cores + 1")
    parser.add_argument("--only", default="", help="comma-separated labels (prefixes) of uncached pages: measure only these")
    args = parser.parse_args()
    django_run(SETUP.format(work=WORK))
    workers = args.workers or "make serve's default"
    print(f"database: {ENV['DATABASE_URL'].split(':')[0]}; gunicorn workers: {workers}; load average before: {os.getloadavg()}")
    if args.only:
        return measure_only(args)
    results = []
    with Server(args.port, args.workers, PAGE_CACHE="1") as server:
        results += measure(server, CACHED, args.duration)[1]
        building = while_pdfs_build(server, CACHED[0][1], args.duration)
        sitemap = sitemap_files(server)
    with Server(args.port, args.workers, PAGE_CACHE="0") as server:
        results += measure(server, UNCACHED, args.duration)[1]
        server.warm(UNCACHED[0][1])
        soak = wrk(server.url(UNCACHED[0][1]), args.soak)
    baselines = [row[3]["rate"] for row in results if row[2] is None]
    print(f"load average after: {os.getloadavg()}")
    print_rates(results)
    print(f"baselines: {', '.join(f'{rate:.0f}' for rate in baselines)} req/s")
    print(f"soak: {UNCACHED[0][0]} for {args.soak} s at 64 connections: {soak['requests']} requests, "
          f"{soak['errors']} errors, {soak['non_2xx']} non-2xx, p99 {soak['p99']:.0f} ms")
    print(f"{CACHED[0][0]} while the worker builds two PDFs of the 300-statement edition: {building['rate']:.0f} req/s, "
          f"p99 {building['p99']:.0f} ms (target < 200), {building['errors']} errors, {building['non_2xx']} non-2xx; "
          f"{building['built_during_run']} of the 2 PDFs finished by the end of the run")
    for address, listed, seconds in sitemap:
        print(f"sitemap file {address}: {listed} addresses, {seconds * 1000:.0f} ms (limits 50,000 and 1 s)")


if __name__ == "__main__":
    sys.exit(main())
