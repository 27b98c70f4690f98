from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    name = "communes"
    verbose_name = _("Đơn vị hành chính")

    def ready(self) -> None:
        from communes import profile_panels
        from communes.panels import register

        register("commune", "communes/profile_panel_commune.html", profile_panels.commune_panel, order=50)
        register("district", "communes/profile_panel_district.html", profile_panels.district_panel, order=50)
