"""Settings for the CABMI portal.

Every value that differs between a laptop and production comes from an
environment variable; the defaults are safe for local use with SQLite.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Published in the repository, so good only for a laptop with DEBUG=1: see the security block below.
LOCAL_SECRET_KEY = "local-only-insecure-key-set-SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or LOCAL_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "reversion",
    "adminsortable2",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "participants",
    "events",
    "sessions.apps.ProgrammeConfig",
    "translators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "reversion.middleware.RevisionMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cabmi_portal.urls"
WSGI_APPLICATION = "cabmi_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cabmi_portal.context_processors.portal",
            ],
        },
    },
]

# --- Production services, chosen by the environment -----------------------
# DATABASE_URL: SQLite by default; postgres://user:pass@host/db in production,
# where connections are kept between requests (CONN_MAX_AGE) and checked
# before each request reuses one, so a restarted server costs one reconnect.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
_persistent = DATABASE_URL.startswith(("postgres", "pgsql"))
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600" if _persistent else "0")),
        conn_health_checks=True,
    )
}
if _persistent and env_bool("PREPARED_STATEMENTS", True):
    # The small queries a kept page runs on every visit (cabmi_portal.prepared) are prepared by PostgreSQL once per
    # connection, which saves planning them each time; no other query is (a threshold no count reaches). Turn it off
    # (PREPARED_STATEMENTS=0) behind a pooler that hands each transaction another connection (PgBouncer's transaction mode).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**62
if os.environ.get("TEST_DATABASE_NAME"):
    # Lets several test runs share one PostgreSQL server without colliding.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL (or CACHE_URL): one cache shared by every worker and server, for
# pages, their generation number, PDF hashes and sessions. A cache that
# fails is logged once and treated as empty (cabmi_portal/cache_backends.py).
REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "cabmi_portal.cache_backends.ResilientRedisCache", "LOCATION": REDIS_URL}}
    # Sessions are read from the cache and kept in the database too: a Redis restart logs no one out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
            "LOCATION": os.environ.get("CACHE_LOCATION", "cabmi-portal"),
            # Room for the rendered fragments of several large editions (cabmi_portal/fragments.py).
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
        }
    }

# Background work (PDFs, photo renditions): TASKS_BACKEND=database queues it in
# the database for `manage.py db_worker` (make serve); the default runs each
# task at once in the process that asks, which is what `make run` wants.
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
# Whole public pages are cached until the next edit; PAGE_CACHE=0 turns that off
# (to measure the uncached path), leaving the per-record fragments cached.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[os.environ.get("TASKS_BACKEND", "immediate")], "QUEUES": ["default"]}}
# --- end of production services --------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the default and the fallback for every translated field.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("uz", "Oʻzbekcha"),
    ("kk", "Қазақша"),
    ("ky", "Кыргызча"),
    ("tg", "Тоҷикӣ"),
    ("tk", "Türkmençe"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Serve uploaded files from Django itself: right for a single-machine
# deployment; a front server can take this over by setting SERVE_MEDIA=0.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Uploads and built PDFs go through Django's storage API: MEDIA_STORAGE_BACKEND
# (e.g. storages.backends.s3.S3Storage) with MEDIA_STORAGE_OPTIONS as JSON puts
# them in an object store shared by every server. Static files get hashed,
# compressed names that WhiteNoise serves with far-future caching.
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("MEDIA_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# Uploads: photos up to 20 MB; Django keeps larger bodies on disk while reading.
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

SITE_NAME = _("CABMI — Central Asia Border Management Initiative")

# OAI-PMH: the address harvesters write to about the repository.
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", "secretariat@localhost")
# Security: HTTPS, keys, logins, Content-Security-Policy ---------------------
# Every HTTPS setting is off by default, so the portal works on http://localhost;
# a deployment behind TLS turns them on (README, "Settings"). `manage.py check
# --deploy` is clean with the production values the README documents.

if not DEBUG and SECRET_KEY == LOCAL_SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG=0 the portal refuses to run with the key published in its repository: "
        "set SECRET_KEY to a long random value (python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        "or set DEBUG=1 on a laptop."
    )

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # monitors may ask over plain HTTP inside the network
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto (and strips it from clients).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SECURE_PROXY_SSL_HEADER", False) else None

# Admin logins: after 5 wrong passwords for one user from one address, that pair
# is locked for an hour; a successful login or `manage.py axes_reset` clears it.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = 1 if SECURE_PROXY_SSL_HEADER else None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if SECURE_PROXY_SSL_HEADER else ["REMOTE_ADDR"]

# Content-Security-Policy (django-csp): only the portal's own files; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
