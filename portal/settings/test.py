from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PORTAL_DEMO = True
# The test database holds the demo spaces but not their demo investigation, report and
# learning: tests count those objects exactly; tests/samenwerking/test_demo_toezicht.py loads them.
PORTAL_DEMO_TOEZICHT = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "samenwerking": {
        "BACKEND": "samenwerking.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(BASE_DIR / "var" / "test-private")},  # noqa: F405
    },
}
WAGTAILADMIN_BASE_URL = "http://testserver"
PORTAL_BASE_URL = "http://testserver"
# Tests roll the database back but not the cache: page caching is switched on only in the
# tests about it (tests/portal/test_pagecache.py).
PAGE_CACHE_SECONDS = 0
# Every response of the suite is searched for the canaries of confidential fixtures.
MIDDLEWARE = ["tests.canary.CanaryMiddleware", *MIDDLEWARE]  # noqa: F405
# Mail tasks run at once in the tests; the tests of the worker switch to the database backend.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "achtergrond": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
