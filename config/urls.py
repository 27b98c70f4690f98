from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from communes import views as commune_views
from communes.accounts import views as account_views
from config import views as portal_views

admin.site.site_header = _("Quản trị cổng đánh giá chính quyền cơ sở")
admin.site.site_title = _("Quản trị")

urlpatterns = [
    path("", commune_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Forgotten password by email (no answer tells whether an address exists); the confirm view is
    # also a new account's one-time link (communes.accounts).
    path("quen-mat-khau/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "quen-mat-khau/dat-lai/<uidb64>/<token>/",
        account_views.LinkPasswordSetView.as_view(),
        name="password_reset_confirm",
    ),
    path("quen-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("i18n/setlang/", portal_views.set_language, name="set_language"),
    # Two-factor sign-in: setup, "Nhập mã xác thực", backup codes, "Bảo mật tài khoản".
    path("bao-mat/", include("communes.security.urls")),
    # The bell: notifications and their email preferences (communes.notifications).
    path("thong-bao/", include("communes.notifications.urls")),
    path("", include("communes.urls")),
    path("can-bo/", include("personnel.urls")),
    path("danh-gia/", include("assessment.urls")),
    path("bao-cao/", include("reports.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", include("reports.api.urls")),  # read-only web API for other systems (token-only)
    # Pages name their icon; browsers that ask for /favicon.ico anyway (and the admin's pages) are sent
    # to it. The unhashed address stays valid when the icon changes, so the redirect can be permanent.
    path(
        "favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}img/favicon.svg", permanent=True), name="favicon"
    ),
]

# 400, 403 and 500 are Django's handlers with the portal's templates; 404 shows only our own messages.
handler404 = "config.views.page_not_found"
