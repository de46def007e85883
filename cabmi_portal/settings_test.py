"""Settings for the test suite: the same as production's, made fast and isolated."""

import os
import tempfile

# The suite runs with DEBUG=0, which needs a key of its own (commands the tests start inherit it).
os.environ.setdefault("SECRET_KEY", "test-suite-only-key-" + "x" * 40)

from .settings import *  # noqa: E402, F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="cabmi-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cabmi-tests"}}
# Tests with serialized_rollback (the browser tests) get back every row the migrations made, content types included:
# Django leaves content types out by default and, after such a test's flush, does not make them again.
TEST_NON_SERIALIZED_APPS = []
# Tasks run at once in the test's own process, except the refresh of every PDF after an edit (tests/tasks.py), unless a
# test queues them (tests/conftest.py).
TASKS = {"default": {"BACKEND": "tests.tasks.PdfsWhenAskedBackend", "QUEUES": ["default"]}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
