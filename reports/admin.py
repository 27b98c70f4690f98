from django.contrib import admin

from reports.models import ReminderNotice, ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "district", "status", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "status", "year"]
    readonly_fields = [
        "kind",
        "year",
        "province",
        "district",
        "status",
        "progress",
        "message",
        "error",
        "file",
        "filename",
        "size",
        "task_id",
        "attempts",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    ]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001 - jobs are started from the portal
        return False


@admin.register(ReminderNotice)
class ReminderNoticeAdmin(admin.ModelAdmin):
    list_display = ["user", "deadline_kind", "year", "deadline", "emailed", "created_at", "read_at"]
    list_filter = ["deadline_kind", "year", "emailed"]
    search_fields = ["user__username", "user__last_name"]
    readonly_fields = ["user", "year", "deadline_kind", "deadline", "text", "emailed", "created_at"]
