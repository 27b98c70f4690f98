from django.urls import path

from communes.security import views

app_name = "security"

urlpatterns = [
    path("", views.account, name="account"),
    path("thiet-lap/", views.setup, name="setup"),
    path("xac-thuc/", views.verify, name="verify"),
    path("ma-du-phong/", views.backup_codes, name="backup-codes"),
]
