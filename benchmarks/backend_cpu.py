"""CPU per request of chosen pages on PostgreSQL, in one process: the portal's and its database backend's, as ratios to /robots.txt.

render_cpu.py measures the portal's own CPU on SQLite, where the database
runs inside the process. On PostgreSQL part of a page's work is the
server's: this adds the CPU time of the connection's backend process (read
from /proc, so PostgreSQL must run on this machine) to the portal's.
Uncached pages (PAGE_CACHE=0), the same database as benchmarks/pages.py,
built on the first run into an empty database:

    DATABASE_URL=postgres://cabmi:cabmi@127.0.0.1:5432/bench .venv/bin/python benchmarks/backend_cpu.py [country search]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (the database pages.py builds, its environment and its addresses)

sys.path.insert(0, str(pages.ROOT))  # this checkout's portal, whatever the virtualenv has installed

PAGES = {
    "robots": "/robots.txt",
    **{label: address for label, address in pages.CACHEABLE.items()},
    "search": "/en/search/?q=border",
    "search-ru": "/ru/search/?q=%D0%B3%D1%80%D0%B0%D0%BD%D0%B8%D1%86",
}


def backend_cpu(pid):
    """Seconds of CPU the backend process `pid` has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", help=f"among {', '.join(PAGES)}; all by default")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("DATABASE_URL must name a PostgreSQL database on this machine")
    work = Path(tempfile.mkdtemp(prefix="cabmi-backend-cpu-"))
    os.environ.update({**pages.ENV, "DATABASE_URL": os.environ["DATABASE_URL"], "MEDIA_ROOT": str(work / "media"),
                       "STATIC_ROOT": str(work / "static"), "PAGE_CACHE": "0",
                       "CACHE_BACKEND": "django.core.cache.backends.locmem.LocMemCache"})
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from events.models import Conference

    if not connection.introspection.table_names() or not Conference.objects.exists():
        exec(pages.SETUP.format(work=work), {})
    else:
        call_command("collectstatic", "--noinput", verbosity=0)  # into this run's STATIC_ROOT
    client = Client()
    chosen = ["robots", *(name for name in args.pages or PAGES if name != "robots")]
    assert client.get("/en/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    portal, server = {name: [] for name in chosen}, {name: [] for name in chosen}
    for _round in range(args.rounds):
        for name in chosen:
            assert client.get(PAGES[name]).status_code == 200, PAGES[name]
            started, cpu = backend_cpu(pid), time.process_time()
            for _ in range(args.requests):
                client.get(PAGES[name])
            portal[name].append((time.process_time() - cpu) / args.requests * 1000)
            server[name].append((backend_cpu(pid) - started) / args.requests * 1000)
    base = statistics.median(portal["robots"]) + statistics.median(server["robots"])
    print(f"load average {os.getloadavg()}; {args.requests} requests per page, medians of {args.rounds} rounds")
    print(f"{'page':14} {'portal ms':>9} {'server ms':>9} {'total':>7} {'ratio':>6}")
    for name in chosen:
        total = statistics.median(portal[name]) + statistics.median(server[name])
        print(f"{name:14} {statistics.median(portal[name]):9.2f} {statistics.median(server[name]):9.2f} {total:7.2f} {base / total:6.3f}")


if __name__ == "__main__":
    main()
