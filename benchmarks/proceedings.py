"""How fast the PDF proceedings are built and served.

    .venv/bin/python benchmarks/proceedings.py [--statements 300] [--sessions 40] [--requests 200]

Runs against a throw-away SQLite database and media folder, so it touches
nothing else. Measures, in one run:

1. our build (queries, templates, hashing, storage) against WeasyPrint
   rendering the same final HTML alone: the overhead is ours;
2. the demo edition in one language (manage.py load_demo when it is
   available, otherwise an edition of the same size from the factories);
3. a generated edition of 40 sessions and 300 statements, built in a
   child process so that its peak memory (getrusage) is its own;
4. a cached PDF served through the public URL against the same bytes
   served as a plain file by Django's static view, in requests per second.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "border security management co-operation region customs officials exchange information challenges transnational "
    "threats trafficking community engagement training centre capacity agencies partners programme implementation"
).split()
WORDS_RU = (
    "безопасность границ управление сотрудничество регион таможенные службы обмен информацией вызовы угрозы "
    "незаконный оборот взаимодействие обучение центр потенциал ведомства партнёры программа реализация"
).split()


def setup_django(workdir):
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "cabmi_portal.settings"
    import django

    django.setup()


def prose(words, count, seed):
    """Paragraphs of plausible length, different for every statement."""
    text = [words[(seed * 7 + i * 3) % len(words)] for i in range(count)]
    paragraphs = [" ".join(text[i : i + 60]).capitalize() + "." for i in range(0, count, 60)]
    return "\n\n".join(paragraphs)


def generated_edition(sessions, statements, edition):
    from tests.factories import ConferenceFactory, PhotoFactory, RoleFactory, SessionFactory, StatementFactory

    conference = ConferenceFactory(published=True, edition=edition, body=prose(WORDS, 400, 1), body_ru=prose(WORDS_RU, 400, 1))
    RoleFactory(conference=conference)
    per_session = statements // sessions
    for s in range(sessions):
        session = SessionFactory(conference=conference, order=s)
        for n in range(per_session):
            seed = s * per_session + n
            StatementFactory(session=session, order=n, text=prose(WORDS, 160, seed), text_ru=prose(WORDS_RU, 140, seed))
        if s % 10 == 0:
            PhotoFactory(conference=conference, session=session)
    return conference


def demo_edition():
    """The demo edition from load_demo, or a factory edition of its size when load_demo is not there."""
    from django.core.management import call_command

    from events.models import Conference

    try:
        call_command("load_demo", verbosity=0)
        conference = Conference.objects.published().order_by("-start_date").first()
        if conference:
            return conference, "load_demo"
    except Exception as error:  # noqa: BLE001 - a benchmark reports and carries on
        print(f"  (load_demo unavailable: {type(error).__name__}: {error})")
    return generated_edition(sessions=4, statements=8, edition=917), "factories, 4 sessions / 8 statements"


class Timing:
    """Best wall-clock and CPU seconds of some runs. CPU time is the fairer comparison on a shared machine."""

    def __init__(self):
        self.wall, self.cpu = [], []

    def __call__(self, function):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)
        return result

    def __str__(self):
        return f"{min(self.wall):.3f} s ({min(self.cpu):.3f} s CPU)"


def fresh_build(slug, language):
    """A full build as a first request makes it: load, hash, render, store."""
    from events.proceedings.build import build_proceedings
    from events.proceedings.content import load_conference

    return lambda: build_proceedings(load_conference(slug), language)


def forget(pdf):
    """Remove a built PDF (outside the timings) so that the next build renders again."""
    from django.core.files.storage import default_storage

    default_storage.delete(pdf.name)


def weasyprint_alone(slug, language):
    """WeasyPrint on the exact HTML our build renders, with the same fetcher and variant."""
    from django.utils import timezone, translation

    from events.proceedings.build import current_pdf
    from events.proceedings.content import load_conference
    from events.proceedings.document import render_html, render_pdf

    conference = load_conference(slug)
    pdf = current_pdf(conference, language)
    with translation.override(language):
        html = render_html(conference, language, draft=False, version=pdf.version, built_at=timezone.now())
    return lambda: render_pdf(html)


def compare_build(slug, language, repeat):
    """Our build and WeasyPrint alone, alternating so that the machine's load falls on both alike."""
    ours, weasy = Timing(), Timing()
    alone, build = weasyprint_alone(slug, language), fresh_build(slug, language)
    for _ in range(repeat):
        data = weasy(alone)
        forget(ours(build))
    return ours, weasy, data


def overhead(ours, weasy):
    """Our share over WeasyPrint's, on CPU time."""
    return f"{100 * (min(ours.cpu) - min(weasy.cpu)) / min(weasy.cpu):+.1f}%"


def page_count(data):
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def child_big(slug, language):
    """Run in a child process: one full build of the big edition, then its peak memory."""
    start = time.perf_counter()
    forget(fresh_build(slug, language)())
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"{seconds:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss / 1024:.1f}")


def serving(slug, language, requests):
    from django.conf import settings
    from django.test import Client

    from events.proceedings.build import build_proceedings
    from events.proceedings.content import load_conference

    pdf = build_proceedings(load_conference(slug), language)
    static = Path(settings.MEDIA_ROOT) / "bench" / "same-size.pdf"
    static.parent.mkdir(parents=True, exist_ok=True)
    with pdf.open() as source, open(static, "wb") as target:
        shutil.copyfileobj(source, target)
    client = Client()

    def rate(url):
        for _ in range(5):  # warm up
            b"".join(client.get(url).streaming_content)
        start = time.perf_counter()
        for _ in range(requests):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            b"".join(response.streaming_content)
        return requests / (time.perf_counter() - start)

    ours = rate(f"/{language}/conferences/{slug}/proceedings.pdf")
    plain = rate("/media/bench/same-size.pdf")
    return ours, plain, pdf.size()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--language", default="ru")
    parser.add_argument("--child", nargs=2, metavar=("SLUG", "LANGUAGE"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        setup_django(args.workdir)
        child_big(*args.child)
        return

    workdir = tempfile.mkdtemp(prefix="cabmi-bench-proceedings-")
    try:
        run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args, workdir):
    setup_django(workdir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    lang = args.language
    print(f"PDF proceedings benchmark, language {lang}, best of {args.repeat} ({sys.version.split()[0]}, {os.cpu_count()} CPUs)")

    demo, origin = demo_edition()
    ours, weasy, data = compare_build(demo.slug, lang, args.repeat)
    print(f"demo edition ({origin}): {page_count(data)} pages")
    print(f"  our build {ours}   WeasyPrint alone {weasy}   overhead {overhead(ours, weasy)}   (limits: < 2 s, < 15%)")

    started = time.perf_counter()
    big = generated_edition(args.sessions, args.statements, edition=918)
    print(f"generated edition: {args.sessions} sessions, {args.statements} statements (made in {time.perf_counter() - started:.1f} s)")
    ours, weasy, data = compare_build(big.slug, lang, 2)
    print(f"  {page_count(data)} pages: our build {ours}   WeasyPrint alone {weasy}   overhead {overhead(ours, weasy)}")
    command = [sys.executable, __file__, "--child", big.slug, lang, "--workdir", workdir]
    child = subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ)
    seconds, cpu, peak = map(float, child.stdout.split()[-3:])
    print(f"  fresh process: {seconds:.3f} s ({cpu:.3f} s CPU, whole process), peak memory {peak:.0f} MB   (limits: < 12 s, < 400 MB)")

    ours_rps, plain_rps, size = serving(demo.slug, lang, args.requests)
    print(f"serving the cached demo PDF ({size / 1024:.0f} KiB), {args.requests} requests each through the test client:")
    ratio = ours_rps / plain_rps
    print(f"  proceedings.pdf {ours_rps:.0f} req/s   same bytes as plain file {plain_rps:.0f} req/s   ratio {ratio:.2f}   (limit: >= 0.5)")


if __name__ == "__main__":
    main()
