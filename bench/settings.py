"""Settings for the benchmark (bench/run.py): production settings, without throttling (which
slows clients down on purpose), with the raw baseline endpoint (bench/urls.py)."""

from actionplan.settings import *  # noqa: F403
from actionplan.settings import REST_FRAMEWORK

ROOT_URLCONF = "bench.urls"
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": [], "DEFAULT_THROTTLE_RATES": {}}
# The pages' static files are not requested here: no collected manifest needed.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
