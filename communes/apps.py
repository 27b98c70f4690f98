from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    name = "communes"
    verbose_name = _("Đơn vị hành chính")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.urls import register_converter

        from communes.converters import YearConverter

        register_converter(YearConverter, "year")  # before any URL module is read

        from communes.notifications.context_processors import load_at_sign_in
        from communes.panels import register
        from communes.profile.panels import commune_panel, district_panel

        register("commune", "communes/profile_panel_commune.html", commune_panel, order=50)
        register("district", "communes/profile_panel_district.html", district_panel, order=50)
        user_logged_in.connect(load_at_sign_in, dispatch_uid="communes.notifications.bell")
