"""Settings for the action-plan portal, read from the environment.

Every setting a deployment may change is listed first, with its default. The defaults run the
portal on a developer's machine: an SQLite file beside manage.py and Celery tasks run eagerly
in-process. Production sets DEBUG=false and must then provide a real SECRET_KEY.
"""

import os
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A value that starts with "$" names another variable; write "\$" for a literal dollar sign.
env.escape_proxy = True

# A developer's .env (scripts/setup.sh writes one with DEBUG=true) fills in what the environment
# leaves unset, but only while these are the settings in use. Settings built on this module, the
# test settings, read the real environment alone: a copied .env.example must never point the
# suite at PostgreSQL or a broker. Production sets its environment and has no .env.
if os.environ.get("DJANGO_SETTINGS_MODULE", __name__) == __name__:
    env.read_env(BASE_DIR / ".env")

# --- The environment: every variable the portal reads, with its type and default -------------
# The README's configuration table and .env.example list exactly these (a test compares them).
DEBUG: bool = env.bool("DEBUG", default=False)
SECRET_KEY: str = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATABASE_URL: str = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
CONN_MAX_AGE: int = env.int("CONN_MAX_AGE", default=60)
TEST_DATABASE_NAME: str = env.str("TEST_DATABASE_NAME", default="")
CELERY_BROKER_URL: str = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND: str = env.str("CELERY_RESULT_BACKEND", default="")
CACHE_URL: str = env.str("CACHE_URL", default="")
MEDIA_ROOT: Path = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STATIC_ROOT: Path = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
EMAIL_HOST: str = env.str("EMAIL_HOST", default="")
EMAIL_PORT: int = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER: str = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD: str = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS: bool = env.bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL: str = env.str("DEFAULT_FROM_EMAIL", default="actionplan-portal@localhost")
# The portal's address as mails link to it (no request to take it from in a Celery task).
PORTAL_URL: str = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")
SECURE_SSL_REDIRECT: bool = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS: int = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
LOG_LEVEL: str = env.str("LOG_LEVEL", default="INFO")
CORS_TRUSTED_ORIGINS: list[str] = env.list("CORS_TRUSTED_ORIGINS", default=[])
CHANGE_FEED_SETTLE_SECONDS: int = env.int("CHANGE_FEED_SETTLE_SECONDS", default=5)
WEBHOOK_MAX_CONSECUTIVE_FAILURES: int = env.int("WEBHOOK_MAX_CONSECUTIVE_FAILURES", default=10)
WEBHOOK_MAX_RETRIES: int = env.int("WEBHOOK_MAX_RETRIES", default=5)
WEBHOOK_RETRY_BASE_SECONDS: int = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=30)
WEBHOOK_TIMEOUT_SECONDS: int = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
WEBHOOK_ALLOW_PRIVATE_ADDRESSES: bool = env.bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=DEBUG)
# How many reverse proxies stand in front of the portal, each appending the address it saw to
# X-Forwarded-For (1 behind the nginx of docker-compose.yml). Only their entries are believed:
# with 0 (the default) the header is ignored and the connection's address is the client's.
TRUSTED_PROXY_COUNT: int = env.int("TRUSTED_PROXY_COUNT", default=0)
# Sign-in lockout (django-axes), per account and per address, the admin's sign-in too.
LOGIN_FAILURE_LIMIT: int = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES: int = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
PASSWORD_RESET_ADDRESS_LIMIT: int = env.int("PASSWORD_RESET_ADDRESS_LIMIT", default=10)
PASSWORD_RESET_ACCOUNT_LIMIT: int = env.int("PASSWORD_RESET_ACCOUNT_LIMIT", default=3)
API_TOKEN_FAILURE_LIMIT: int = env.int("API_TOKEN_FAILURE_LIMIT", default=20)
EXPORT_LIMIT: int = env.int("EXPORT_LIMIT", default=30)
# Report builds: seconds one may take; seconds without a heartbeat before it is restarted; and
# restarts before it is failed with a message (reporting.services.run_recovery).
REPORT_BUILD_TIME_LIMIT: int = env.int("REPORT_BUILD_TIME_LIMIT", default=10 * 60)
REPORT_BUILD_STALL_SECONDS: int = env.int("REPORT_BUILD_STALL_SECONDS", default=2 * 60)
REPORT_BUILD_MAX_ATTEMPTS: int = env.int("REPORT_BUILD_MAX_ATTEMPTS", default=3)
# --------------------------------------------------------------------------------------------

_INSECURE_KEY_PREFIX = "django-insecure-"
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG=false) refuses to start without a real "
            "secret key; set DEBUG=true for local development."
        )
    SECRET_KEY = _INSECURE_KEY_PREFIX + "local-development-only-never-in-production"
elif not DEBUG and (
    SECRET_KEY.startswith(_INSECURE_KEY_PREFIX) or len(set(SECRET_KEY)) < 5 or len(SECRET_KEY) < 50
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "actionplan",
    "actors",
    "measures",
    "budgets",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "actionplan.compression.DataGZipMiddleware",  # data only, never HTML (BREACH)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "actionplan.urls"
WSGI_APPLICATION = "actionplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "actionplan.context_processors.portal_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": {
        **env.db_url_config(DATABASE_URL),
        "CONN_MAX_AGE": CONN_MAX_AGE,
        "CONN_HEALTH_CHECKS": CONN_MAX_AGE > 0,
    }
}
# The test database's name: two suites on one PostgreSQL server keep apart.
if TEST_DATABASE_NAME:
    DATABASES["default"]["TEST"] = {"NAME": TEST_DATABASE_NAME}
# Redis: one cache for every process (throttle counts, pages' rows and counts), short timeouts
# (actionplan.limit_cache). Without it, this process's memory, with room for a big plan's rows.
CACHES = {
    "default": (
        {
            **env.cache_url_config(
                CACHE_URL, backend="django.core.cache.backends.redis.RedisCache"
            ),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["actionplan.formats"]  # en-GB and nl-BE dates and numbers
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # each role lands on its work (actionplan.landing_views)
LOGOUT_REDIRECT_URL = "/"

# Without a mail server, mails are printed on the console.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Security: strict unless DEBUG. `manage.py check --deploy` passes with DEBUG=false.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Celery: without a broker, tasks run eagerly in-process, so the portal needs no Redis to run.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = CELERY_RESULT_BACKEND or None
# Acknowledged when done; a dead worker's task is delivered again (tasks are safe to run twice),
# after a visibility timeout just over the longest task, not Redis's default hour.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = REPORT_BUILD_TIME_LIMIT
CELERY_TASK_SOFT_TIME_LIMIT = REPORT_BUILD_TIME_LIMIT - min(60, REPORT_BUILD_TIME_LIMIT // 10)
# A broker that is down refuses a new message within seconds (the run waits for the sweep).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": REPORT_BUILD_TIME_LIMIT + 60}
CELERY_BROKER_TRANSPORT_OPTIONS |= {"socket_connect_timeout": 3, "socket_timeout": 5}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5}
CELERY_TIMEZONE = TIME_ZONE
# Celery beat (reporting.tasks): each day the evaluation report is made if it is the plan's
# evaluation date; each Monday coordinators are reminded of measures without an update in the
# open round (at most one reminder a person a week).
CELERY_BEAT_SCHEDULE = {
    "evaluation-report-on-the-evaluation-date": {
        "task": "reporting.tasks.build_evaluation_report",
        "schedule": crontab(hour=6, minute=0),
    },
    "weekly-round-reminders": {
        "task": "reporting.tasks.send_round_reminders",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),
    },
    # Proof for /readyz/ that a worker takes tasks (actionplan.health).
    "worker-heartbeat": {
        "task": "actionplan.tasks.record_worker_heartbeat",
        "schedule": 30.0,
        "options": {"expires": 30},
    },
    # Webhook deliveries whose message was lost (the broker was down) or whose retry is due.
    "send-pending-webhooks": {
        "task": "webhooks.tasks.send_pending_webhooks",
        "schedule": 60.0,
        "options": {"expires": 60},
    },
    # Lost report builds restarted or failed (also `manage.py recover_report_runs`, no beat).
    "recover-report-runs": {
        "task": "reporting.tasks.recover_report_runs",
        "schedule": max(5, min(60, REPORT_BUILD_STALL_SECONDS // 2)),
        "options": {"expires": 60},
    },
}
# Without a broker, a report build runs in a thread of the web process after the response, so
# that asking for a report never holds the browser (the run's page shows its progress).
REPORT_BUILD_IN_BACKGROUND = CELERY_TASK_ALWAYS_EAGER

# The REST API (/api/v1/, documented at /api/docs/). Tokens come first so that a request
# without credentials to an endpoint that needs them is a 401 with WWW-Authenticate.
REST_FRAMEWORK = {
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "actors.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reading is open (each endpoint shows what the client may see); writing asks the
    # permission rules of measures.permissions, as the pages do.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "actionplan.api.pagination.PagePagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "actionplan.api.throttling.AnonymousThrottle",
        "actionplan.api.throttling.UserThrottle",
    ],
    # Per client address (anonymous) and per user (session or token), in the default cache.
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "1200/minute"},
    "DEFAULT_SCHEMA_CLASS": "actionplan.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "actionplan.api.errors.api_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Action-plan portal API",
    "DESCRIPTION": (
        "Read the plan, its measures, actors, ministers, budget lines, progress updates and "
        "glossary; record progress updates with a token. Anonymous clients read public data "
        "only; send `Authorization: Bearer <token>` (a token made at /account/tokens/) to act "
        "as a portal user. Lists are paginated (`page`, `page_size` up to 1000) and also "
        "served as CSV (`?format=csv` or `Accept: text/csv`). Every response carries an ETag "
        "(and, where the data has a timestamp, Last-Modified): send them back as "
        "If-None-Match / If-Modified-Since to get 304 Not Modified. Errors are JSON: "
        '`{"status", "code", "detail", "errors": {field: [messages]}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ImplementationStatusEnum": "measures.models.ImplementationStatus",
        "PlanStatusEnum": "measures.models.Measure.PlanStatus",
        "VisibilityEnum": "measures.models.ProgressUpdate.Visibility",
        "ActorRoleEnum": "measures.models.MeasureActor.Role",
        "RecurrenceEnum": "budgets.models.BudgetLine.Recurrence",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint and fontTools narrate every PDF step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Reverting from the admin's history would also restore derived fields (the progress from the
# latest update, the version that guards against lost updates): corrections are made forward.
SIMPLE_HISTORY_REVERT_DISABLED = True

# The plan fixtures shipped with the portal (see fixtures/README.md).
PLAN_FIXTURE = BASE_DIR / "fixtures" / "plan.yaml"

# --- Security: abuse limits, client addresses, CSP, errors, mail (issue 12) -------------------
# The fixed parts live in actionplan/security_settings.py; what a deployment sets is read here.

# Fixed-window limits (attempts, seconds) of actionplan.security.AttemptLimit, in the cache:
# password-reset requests per address and mails per account (beyond: none sent, same page),
# wrong API tokens per address (beyond: every token from it refused), exports per user/address.
ATTEMPT_LIMITS = {
    "password-reset-address": (PASSWORD_RESET_ADDRESS_LIMIT, 3600),
    "password-reset-account": (PASSWORD_RESET_ACCOUNT_LIMIT, 3600),
    "api-token-failures": (API_TOKEN_FAILURE_LIMIT, 600),
    "export": (EXPORT_LIMIT, 60),
}

from actionplan.security_settings import *  # noqa: E402, F403
from actionplan.security_settings import (  # noqa: E402
    API_PARSER_CLASSES,
    SECURITY_APPS,
    SECURITY_LOGGING,
    SECURITY_MIDDLEWARE_FIRST,
    SECURITY_MIDDLEWARE_LAST,
    SWAGGER_UI_SETTINGS,
    UNCONFIGURED_EMAIL_BACKEND,
)

INSTALLED_APPS += SECURITY_APPS
MIDDLEWARE = [*SECURITY_MIDDLEWARE_FIRST, *MIDDLEWARE, *SECURITY_MIDDLEWARE_LAST]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOGIN_LOCKOUT_MINUTES / 60  # hours
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = API_PARSER_CLASSES
SPECTACULAR_SETTINGS["SWAGGER_UI_SETTINGS"] = SWAGGER_UI_SETTINGS
if not EMAIL_HOST and not DEBUG:
    EMAIL_BACKEND = UNCONFIGURED_EMAIL_BACKEND
for _part, _entries in SECURITY_LOGGING.items():
    LOGGING.setdefault(_part, {}).update(_entries)

# --- Integrations: change feed, Atom feeds, webhooks and CORS (issue 13; settings above) -----
INSTALLED_APPS += ["corsheaders", "changes", "webhooks"]
# First, so that every answer (a redirect or an error too) carries the CORS headers.
MIDDLEWARE.insert(0, "actionplan.cors.PortalCorsMiddleware")
# Public reads (the API, its schema, open data, CSV and XLSX exports, feeds) are readable from
# any origin without credentials ("*"); an origin in CORS_TRUSTED_ORIGINS may also send the
# browser's session cookie (credentialed reads). Writes from another origin need a token: the
# session cookie is never accepted cross-origin (CSRF), and "*" forbids sending it anyway.
CORS_URLS_REGEX = r"^/(api/|feeds/|open-data|measures/export[.-])"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Link", "Location", "Content-Disposition"]
CORS_EXPOSE_HEADERS += ["X-Total-Count"]  # a list's count, beside its Link header
