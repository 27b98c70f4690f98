from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, District, Notification, Province, Succession, User
from communes.services import users_move_to_main_successor


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "valid_from", "valid_to"]
    search_fields = ["name", "search_name", "code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "valid_to"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "search_name", "code"]
    filter_horizontal = ["successors"]


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    autocomplete_fields = ["successor"]
    extra = 0
    verbose_name = _("Đơn vị kế thừa")
    verbose_name_plural = _("Đơn vị kế thừa")


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "district", "province", "valid_from", "valid_to"]
    list_filter = ["kind", "province", "district"]
    list_select_related = ["district", "province"]
    search_fields = ["name", "search_name", "code"]
    autocomplete_fields = ["district", "province"]
    inlines = [SuccessionInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "full_name",
        "role",
        "province",
        "district",
        "commune",
        "is_active",
        "last_login",
        "failed_logins",
    ]
    list_filter = ["role", "is_active", "must_set_password", "province", "district"]
    list_select_related = ["province", "district", "commune"]
    autocomplete_fields = ["province", "district", "commune"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Phạm vi và vai trò"),
            {"fields": ("role", "province", "district", "commune", "review_communes", "must_set_password")},
        ),
    )
    filter_horizontal = ["review_communes"]
    actions = ["move_to_main_successor"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        # Failed sign-ins (wrong passwords and wrong two-factor codes) that axes still holds for the
        # username, from every address: one subquery for the whole list.
        failures = (
            AccessAttempt.objects.filter(username=OuterRef("username"))
            .order_by()
            .values("username")
            .annotate(total=Sum("failures_since_start"))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(failed_login_count=Coalesce(Subquery(failures, output_field=IntegerField()), 0))
        )

    @admin.display(description=_("Họ và tên"), ordering="last_name")
    def full_name(self, user: User) -> str:
        return user.get_full_name()

    @admin.display(description=_("Đăng nhập sai gần đây"), ordering="failed_login_count")
    def failed_logins(self, user: User) -> int:
        return user.failed_login_count

    @admin.action(description=_("Chuyển sang đơn vị kế thừa chính"))
    def move_to_main_successor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        moved, skipped = users_move_to_main_successor(users=queryset, day=timezone.localdate())
        self.message_user(
            request,
            gettext(
                "Đã chuyển %(moved)d người dùng sang đơn vị kế thừa chính; bỏ qua "
                "%(skipped)d (không phải cán bộ cấp xã, hoặc xã vẫn còn)."
            )
            % {"moved": moved, "skipped": skipped},
            messages.SUCCESS if moved else messages.WARNING,
        )


import communes.profile.admin  # noqa: E402,F401  (registers the commune-profile models)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "title", "created_at", "read_at", "email_status")
    list_filter = ("kind", "email_status")
    search_fields = ("user__username", "title")
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "emailed_at", "email_error")
