"""CPU time per request of the uncached public pages, in-process, as ratios to /robots.txt.

A loaded, shared machine makes wall-clock rates meaningless; the CPU time a
process spends on one request is far less disturbed. This builds the same
throw-away database as benchmarks/pages.py (SQLite in a temporary folder: the
demo edition and a generated 300-statement edition), turns the whole-page
cache off (PAGE_CACHE=0, DEBUG off, the per-process cache, so per-statement
fragments stay cached as in production) and requests each page N times
through Django's test client, measuring time.process_time() per request.

    .venv/bin/python benchmarks/render_cpu.py [--requests 200] [--only home,archive]
    .venv/bin/python benchmarks/render_cpu.py --profile home [--sort tottime] [--top 30]
    .venv/bin/python benchmarks/render_cpu.py --dump /tmp/pages-before   # HTML of every page in en, ru, uz
    .venv/bin/python benchmarks/render_cpu.py --pages-changed   # as if each page's own records had just been edited

--work DIR keeps the database in DIR and reuses it on the next run.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (the database pages.py builds, its environment and its addresses)

ROOT = pages.ROOT
sys.path.insert(0, str(ROOT))  # this checkout's portal, whatever the virtualenv has installed

# (label, address, target ratio to /robots.txt from issue 10)
PAGES = [("robots.txt (baseline)", "/robots.txt", None), *pages.UNCACHED]


def setup(work):
    work.mkdir(parents=True, exist_ok=True)
    database = work / "benchmark.sqlite3"
    fresh = not database.exists()
    os.environ.update({
        **pages.ENV,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "PAGE_CACHE": "0",
        "CACHE_BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    })
    import django

    django.setup()
    if fresh:
        exec(pages.SETUP.format(work=work), {})
    from django.test import Client

    return Client()


def drop_kept_pages():
    """Forget the pages kept under their records' states (cabmi_portal.fragments.page_kept_by_state), keeping the
    fragments of statements and sessions: what the first visitor after an edit of the page's own records meets."""
    from django.core.cache import cache

    from cabmi_portal.fragments import KEPT_PAGE_PREFIX
    from events.search_views import KEPT_SEARCHES

    # The local-memory cache's own table holds its keys as ":version:key".
    cache.delete_many([key.split(":", 2)[2] for key in list(cache._cache) if f":{KEPT_PAGE_PREFIX}:" in key])
    KEPT_SEARCHES.clear()  # results pages, kept in each process's memory


def cpu_per_request(client, path, requests, pages_changed=False):
    for _ in range(3):  # templates, fragments, per-process caches
        assert client.get(path).status_code == 200, path
    spent = 0.0
    for _ in range(requests):
        if pages_changed:
            drop_kept_pages()
        start = time.process_time()
        client.get(path)
        spent += time.process_time() - start
    return spent / requests * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", default="", help="comma-separated labels (prefixes) to measure")
    parser.add_argument("--profile", default="", help="label (prefix) of one page to profile")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--dump", default="", help="folder to write every page's HTML in en, ru and uz")
    parser.add_argument("--work", default=str(pages.WORK))
    parser.add_argument("--pages-changed", action="store_true",
                        help="forget the pages kept under their records' states before each request, as an edit of them does")
    args = parser.parse_args()
    client = setup(Path(args.work))
    chosen = [p for p in PAGES if not args.only or p[2] is None or any(p[0].startswith(o) for o in args.only.split(","))]

    if args.dump:
        folder = Path(args.dump)
        folder.mkdir(parents=True, exist_ok=True)
        for label, path, _target in PAGES[1:]:
            for code in ("en", "ru", "uz"):
                address = path.replace("/en/", f"/{code}/", 1) if path.startswith("/en/") else path
                first, response = client.get(address), client.get(address)  # rendered, then from cached fragments
                if first.content != response.content:
                    print(f"{address}: the page read from cached fragments differs from the page rendered")
                name = f"{label.replace(' ', '_').replace(',', '')}.{code}.html"
                (folder / name).write_bytes(response.status_code.to_bytes(2, "big") + response.content)
        print(f"written to {folder}")
        return

    if args.profile:
        label, path, _target = next(p for p in PAGES if p[0].startswith(args.profile))
        cpu_per_request(client, path, 1)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            client.get(path)
        profile.disable()
        print(f"{label} ({path}), {args.requests} requests")
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)
        return

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.requests} requests per page")
    baseline = None
    print(f"{'page':32s} {'ms CPU':>8s} {'ratio':>7s} {'target':>7s}")
    for label, path, target in chosen:
        ms = cpu_per_request(client, path, args.requests, args.pages_changed and target is not None)
        baseline = baseline or ms
        ratio = baseline / ms
        mark = "" if target is None else ("ok" if ratio >= target else "short")
        print(f"{label:32s} {ms:8.2f} {ratio:7.3f} {target or 0:7.2f} {mark}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
