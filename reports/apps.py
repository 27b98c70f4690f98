from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

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
        user_logged_in.connect(_load_notices, dispatch_uid="reports.load_notices")


def _load_notices(sender, request, user, **kwargs) -> None:  # noqa: ANN001 - signal signature
    """At sign-in, read the user's unread deadline notices once into the session."""
    from reports.context_processors import remember_notices

    if request is not None and hasattr(request, "session"):
        remember_notices(request, user)
