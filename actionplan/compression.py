"""Gzip for the data the portal serves (API JSON and CSV, the OpenAPI schema, Atom feeds),
never for HTML pages: a page that carries a CSRF token next to text an attacker can reflect
must not be compressed (BREACH). nginx (deploy/nginx.conf) leaves what is compressed here.

Compression changes the bytes, so a strong ETag cannot stay as it is. Django's GZipMiddleware
makes it weak, but a write's If-Match compares strongly (the measure's ETag names its version),
so here it stays strong with a `-gzip` suffix, which is taken off again when a client sends it
back in If-None-Match or If-Match: the views compare what they know."""

import re

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

COMPRESSED_TYPES = frozenset(
    {
        "application/json",
        "text/csv",
        "application/vnd.oai.openapi",
        "application/vnd.oai.openapi+json",
        "application/atom+xml",
    }
)
GZIP_SUFFIX = "-gzip"
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH")
SUFFIXED_TAG = re.compile(re.escape(GZIP_SUFFIX) + r'"')


class DataGZipMiddleware(GZipMiddleware):
    def process_request(self, request):
        for header in CONDITIONAL_HEADERS:
            value = request.META.get(header)
            if value and GZIP_SUFFIX in value:
                request.META[header] = SUFFIXED_TAG.sub('"', value)
                request._gzip_tags_given = True

    def process_response(self, request, response):
        if response.status_code == 304:
            # The ETag the client holds is the compressed one it was given.
            if getattr(request, "_gzip_tags_given", False):
                self._suffix_etag(response)
                patch_vary_headers(response, ("Accept-Encoding",))
            return response
        media_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type not in COMPRESSED_TYPES:
            return response
        etag = response.get("ETag")
        compressed = super().process_response(request, response)
        if etag and compressed.get("Content-Encoding") == "gzip":
            compressed["ETag"] = etag
            self._suffix_etag(compressed)
        return compressed

    def _suffix_etag(self, response) -> None:
        etag = response.get("ETag", "")
        if etag.startswith('"') and not etag.endswith(GZIP_SUFFIX + '"'):
            response["ETag"] = etag[:-1] + GZIP_SUFFIX + '"'
