"""The OpenAPI schema as published: the same bytes whatever language the caller reads, so
that a generated client does not rename its modules and classes with Accept-Language."""

from django.utils import translation
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
