"""The benchmark's URLconf: the portal's URLs plus the national dashboard (see benchmarks.national)
and a view that does nothing (see benchmarks.framework)."""

from django.urls import path

from benchmarks.framework import URL as FRAMEWORK_URL
from benchmarks.framework import framework_view
from benchmarks.national import national_dashboard
from config.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("bench/ca-nuoc/", national_dashboard, name="bench-national-dashboard"),
    path(FRAMEWORK_URL.lstrip("/"), framework_view, name="bench-framework"),
    *portal_urlpatterns,
]
