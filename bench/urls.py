"""The portal's URLs plus the benchmark's raw baseline (served by bench/settings.py only)."""

from django.urls import path

from actionplan.urls import urlpatterns as portal_urlpatterns
from bench.raw import raw_measures

urlpatterns = [path("bench/raw-measures/", raw_measures), *portal_urlpatterns]
