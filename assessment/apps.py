from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Đánh giá, xếp loại")

    def ready(self) -> None:
        from assessment.panels import register_panels, register_review_panels
        from assessment.responsibility import register_official_section

        register_panels()
        register_official_section()  # the criteria an official answers for, on personnel's page
        register_review_panels()  # the district queue's summary, on the district page
