"""The OpenAPI schema as published: the same bytes whatever language the caller reads, so
that a generated client does not rename its modules and classes with Accept-Language; and
Redoc's bundle as the documentation page loads it, with no request to another host."""

import functools
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import patch_cache_control
from drf_spectacular.views import SpectacularAPIView

# The schema's language: its titles, descriptions and enum labels are written in English.
SCHEMA_LANGUAGE = "en"


class SchemaView(SpectacularAPIView):
    """The schema, always in SCHEMA_LANGUAGE (the documentation pages around it may be
    translated; the contract is not)."""

    def _get_schema_response(self, request):
        # Inside drf-spectacular's own override for ?lang=, so that it changes nothing either.
        with translation.override(SCHEMA_LANGUAGE):
            return super()._get_schema_response(request)


# Redoc's bundle draws a "powered by" logo from its makers' server in every page's menu, with
# no option to leave it out: the vendored bundle is served with that one address pointed at
# a copy of the logo here, so that the documentation makes no request to another host.
REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
REDOC_REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
REDOC_LOCAL_LOGO = "img/redoc-logo-mini.svg"


@functools.cache
def _redoc_bundle() -> bytes:
    source = Path(finders.find(REDOC_BUNDLE)).read_text(encoding="utf-8")
    return source.replace(REDOC_REMOTE_LOGO, static(REDOC_LOCAL_LOGO)).encode()


def redoc_bundle(request):
    """Redoc's standalone bundle, from the vendored package, without its remote logo."""
    response = HttpResponse(_redoc_bundle(), content_type="text/javascript; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400)
    return response
