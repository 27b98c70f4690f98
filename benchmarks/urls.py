"""The benchmark's URLconf: the portal's URLs plus the national dashboard (see benchmarks.national)."""

from django.urls import path

from benchmarks.national import national_dashboard
from config.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("bench/ca-nuoc/", national_dashboard, name="bench-national-dashboard"), *portal_urlpatterns]
