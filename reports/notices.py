"""The notification to the user who ordered a report job, when it is done or has failed."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from communes.models import NotificationKind
from communes.notifications.services import after_commit, notify
from reports.models import JobStatus, ReportJob


def job_finished_notify(*, job_id: int) -> None:
    """After commit: tell the job's creator that its file is ready, or why it failed."""

    def send() -> None:
        job = ReportJob.objects.select_related("created_by").filter(pk=job_id).first()
        if job is None or job.status not in (JobStatus.SUCCEEDED, JobStatus.FAILED):
            return
        with translation.override(settings.LANGUAGE_CODE):
            values = {"report": job.get_kind_display(), "year": job.year}
            if job.status == JobStatus.SUCCEEDED:
                kind, title, body = (
                    NotificationKind.REPORT_DONE,
                    _("%(report)s năm %(year)s đã tạo xong") % values,
                    _("Tệp đã sẵn sàng để tải về."),
                )
            else:
                kind, title, body = (
                    NotificationKind.REPORT_FAILED,
                    _("%(report)s năm %(year)s bị lỗi") % values,
                    job.error,
                )
            notify(
                recipients=[job.created_by],
                kind=kind,
                title=title,
                body=body,
                link=reverse("reports:job-detail", args=[job.pk]),
            )

    after_commit(send)
