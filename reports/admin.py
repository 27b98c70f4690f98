from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.models import ApiClient, ReminderNotice, ReportJob
from reports.services.api_clients import api_client_issue_token


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


class ApiClientForm(forms.ModelForm):
    class Meta:
        model = ApiClient
        fields = ["name", "province", "communes", "is_active"]

    def clean(self) -> dict:
        data = super().clean()
        province, communes = data.get("province"), data.get("communes")
        if province and communes and any(c.province_id != province.pk for c in communes):
            raise forms.ValidationError(_("Các xã được chọn phải thuộc tỉnh của hệ thống."))
        return data


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Client systems of the web API. Adding one issues its token, shown once in a message; the action
    "Cấp mã mới" replaces a token (the old one stops working). Only the token's hash is kept."""

    form = ApiClientForm
    list_display = ["name", "province", "is_active", "token_prefix", "created_by", "created_at", "last_used_at"]
    list_filter = ["is_active", "province"]
    search_fields = ["name"]
    autocomplete_fields = ["communes"]
    readonly_fields = ["token_prefix", "created_by", "created_at", "last_used_at"]
    actions = ["issue_new_tokens"]

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001 - the admin's signature
        if change:
            super().save_model(request, obj, form, change)
            return
        token = api_client_issue_token(client=obj, issued_by=request.user)
        self._show_once(request, obj, token)

    @admin.action(description=gettext_lazy("Cấp mã mới (mã cũ hết hiệu lực)"))
    def issue_new_tokens(self, request, queryset) -> None:  # noqa: ANN001 - the admin's signature
        for client in queryset:
            self._show_once(request, client, api_client_issue_token(client=client, issued_by=request.user))

    @staticmethod
    def _show_once(request, client: ApiClient, token: str) -> None:  # noqa: ANN001 - HttpRequest
        messages.warning(
            request,
            _("Mã truy cập của %(name)s: %(token)s — chép lại ngay: mã chỉ hiện một lần, cổng chỉ lưu bản băm.")
            % {"name": client.name, "token": token},
        )
