"""Settings for the action-plan portal, read from the environment.

Every setting a deployment may change is listed first, with its default. The defaults run the
portal on a developer's machine: an SQLite file beside manage.py and Celery tasks run eagerly
in-process. Production sets DEBUG=false and must then provide a real SECRET_KEY.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def read_env_file(path: Path) -> None:
    """Take KEY=value lines from `path` (a developer's .env) for variables not set already.

    The real environment always wins; production sets it and has no .env file.
    """
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


read_env_file(BASE_DIR / ".env")


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value.strip() else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# --- The environment ------------------------------------------------------------------------
DEBUG: bool = env_bool("DEBUG", False)
SECRET_KEY: str = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS: list[str] = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS: list[str] = env_list("CSRF_TRUSTED_ORIGINS", [])
DATABASE_URL: str = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
CONN_MAX_AGE: int = env_int("CONN_MAX_AGE", 60)
CELERY_BROKER_URL: str = os.environ.get("CELERY_BROKER_URL", "")
CACHE_URL: str = os.environ.get("CACHE_URL", "")
MEDIA_ROOT: Path = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT: Path = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
EMAIL_HOST_NAME: str = os.environ.get("EMAIL_HOST", "")
DEFAULT_FROM_EMAIL: str = os.environ.get("DEFAULT_FROM_EMAIL", "actionplan-portal@localhost")
SECURE_SSL_REDIRECT: bool = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS: int = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
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

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE)}
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = CONN_MAX_AGE > 0
# The test database's name (pytest-django creates it); set it to run a suite beside another
# on the same PostgreSQL server without the two dropping each other's test_<name>.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
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
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST_NAME
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = EMAIL_HOST_NAME or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

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
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
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
}
# Seconds a report build may take; a run still building after that is built again on request.
REPORT_BUILD_TIME_LIMIT = 10 * 60

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
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
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
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
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
