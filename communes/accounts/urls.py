"""The accounts pages of province staff, included from communes/urls.py (names stay communes:account-*)."""

from django.urls import path

from communes.accounts import views

urlpatterns = [
    path("tai-khoan/", views.account_list, name="account-list"),
    path("tai-khoan/mau-excel/", views.account_template, name="account-template"),
    path("tai-khoan/nhap-excel/", views.account_upload, name="account-upload"),
    path("tai-khoan/nhap-excel/xac-nhan/", views.account_confirm, name="account-confirm"),
    path("tai-khoan/tao-theo-xa/", views.account_generate, name="account-generate"),
    path("tai-khoan/dat-mat-khau/", views.PasswordSetupView.as_view(), name="account-set-password"),
]
