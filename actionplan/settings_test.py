"""Settings for the test suite: production-like, but fast and self-contained.

Only the real environment counts here: a developer's .env is not read (see settings.py), so a
copied .env.example never points the suite at PostgreSQL or a broker. DATABASE_URL and
TEST_DATABASE_NAME in the environment choose the database; tasks always run eagerly in the test
process (the worker end-to-end test starts its own worker with CELERY_BROKER_URL set).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", __name__)
# Production-like: DEBUG off and a strong key, unless the environment says otherwise.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-" + "k8Qz1vR7pX2mW9sT4yB6nC3hJ5dF0gL" * 2)

from actionplan.settings import *  # noqa: E402, F403
from actionplan.settings import STORAGES  # noqa: E402

CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Serve static files from the app folders, so tests need no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Abuse limits (actionplan.security) would trip over a suite that exports and signs in many
# times from one address; the tests of those limits set their own.
ATTEMPT_LIMITS = {scope: (100_000, window) for scope, (_limit, window) in ATTEMPT_LIMITS.items()}  # noqa: F405
# Tests build reports inside the test's transaction; tests of the background build set it.
REPORT_BUILD_IN_BACKGROUND = False
# Rolled-back tests leave gaps in PostgreSQL's id sequences, which the change feed would wait
# out; its tests of the settle window set their own.
CHANGE_FEED_SETTLE_SECONDS = 0
