from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("Cán bộ, công chức")

    def ready(self) -> None:
        from communes.panels import register
        from personnel import panels

        register("commune", "personnel/panel_commune.html", panels.commune_panel, order=40)
        register("district", "personnel/panel_district.html", panels.district_panel, order=40)
