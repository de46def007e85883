"""Real servers for the deployment tests: `make serve` (gunicorn + task worker) on loopback ports.

Each server runs scripts/serve in its own process group against the test
database, so a test drives the portal exactly as production does: over
HTTP, through gunicorn, with the queue in PostgreSQL and the cache in Redis.
"""

import http.cookiejar
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 180


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(host=None, port=None):
    """The test database (pytest-django's) as a DATABASE_URL, optionally reached through another host:port."""
    db = settings.DATABASES["default"]
    user = urllib.parse.quote(db["USER"])
    password = urllib.parse.quote(db["PASSWORD"])
    return f"postgres://{user}:{password}@{host or db['HOST'] or '127.0.0.1'}:{port or db['PORT'] or 5432}/{db['NAME']}"


def require_services():
    """Skip unless PostgreSQL and Redis serve this run; under CI a missing one fails instead."""
    missing = []
    if connection.vendor != "postgresql":
        pytest.skip("runs on the PostgreSQL leg (scripts/test)")
    if not os.environ.get("REDIS_URL"):
        missing.append("Redis (REDIS_URL)")
    if missing and os.environ.get("CI") == "true":
        pytest.fail(f"CI must provide {', '.join(missing)}")
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    import redis

    url = redis_url_of_this_process()
    redis.Redis.from_url(url).flushdb()  # the suite's own database number: no stale pages
    return url


def redis_url_of_this_process():
    """REDIS_URL's database number, plus the test process's number when the suite runs in parallel (pytest-xdist):
    one process's flush must not empty the cache of another's servers."""
    url = urllib.parse.urlsplit(os.environ["REDIS_URL"])
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = int(url.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return url._replace(path=f"/{number % 16}").geturl()


class Server:
    """scripts/serve on 127.0.0.1:<port>; stop() ends its whole process group."""

    def __init__(self, env, log_dir, workers=2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = Path(log_dir) / f"serve-{self.port}.log"
        full_env = {
            **os.environ, **env, "HOST": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers),
            "WORKER_INTERVAL": "0.2", "DJANGO_SETTINGS_MODULE": "cabmi_portal.settings",
        }
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                ["scripts/serve"], cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        cookies = http.cookiejar.CookieJar()
        self.cookies = cookies
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))

    def wait_ready(self):
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {self.log.read_text()[-3000:]}")
            try:
                if self.get("/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"server did not start: {self.log.read_text()[-3000:]}")

    def request(self, path, data=None):
        """(status, headers, body bytes); redirects followed, errors returned rather than raised."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def get(self, path):
        return self.request(path)

    def csrf_token(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def log_in(self, username, password):
        self.get("/admin/login/")
        status, _headers, body = self.request(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf_token(), "next": "/admin/"},
        )
        assert status == 200 and b"Log out" in body, body[:2000]

    def change(self, path, form_id, **changes):
        """Submit an admin change form with its current values and `changes`, as a person pressing Save."""
        status, _headers, body = self.get(path)
        assert status == 200, body[:2000]
        fields = form_fields(body.decode(), form_id)
        fields.update(changes, _save="Save")
        return self.request(path, fields)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        # Every process of the group (gunicorn's workers, the task worker) gone: their connections closed.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        os.killpg(self.process.pid, signal.SIGKILL)


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields, self.textarea, self.select = form_id, False, {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in ("submit", "button", "file", "image"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.setdefault(name, []).append(attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields.setdefault(name, []).append("")
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.setdefault(self.select, []).append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea][-1] += data


def form_fields(html, form_id):
    parser = _FormParser(form_id)
    parser.feed(html)
    # A textarea's first newline belongs to the markup, not the value.
    return {name: [v[1:] if v.startswith("\n") else v for v in values] for name, values in parser.fields.items()}


def poll(check, seconds, interval=0.05):
    """Call check() until it returns a true value or `seconds` pass; (value, seconds taken)."""
    started = time.monotonic()
    while True:
        value = check()
        elapsed = time.monotonic() - started
        if value or elapsed >= seconds:
            return value, elapsed
        time.sleep(interval)


class TcpProxy:
    """A loopback TCP relay to PostgreSQL that the test can cut and restore: a database outage on demand."""

    def __init__(self, target_port):
        self.target, self.port, self.sockets, self.listener = ("127.0.0.1", target_port), free_port(), [], None

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        """Refuse new connections and cut every open one, as a stopped server does."""
        listener, self.listener = self.listener, None
        if listener is None:
            return
        listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept(): close() alone would not
        listener.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self.sockets = []

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
