from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from communes.models import Role
        from communes.panels import register
        from reports import panels

        register("commune", "reports/panel_commune.html", panels.commune_results, order=30)
        register(
            "district",
            "reports/panel_district.html",
            panels.district_link,
            order=5,
            roles=(Role.DISTRICT_REVIEWER, Role.PROVINCE_STAFF),
        )
