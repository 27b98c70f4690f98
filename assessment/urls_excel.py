"""URLs of the score sheet's Excel round trip (appended to assessment.urls)."""

from django.urls import path

from assessment import views_excel

urlpatterns = [
    path("<int:year>/<str:code>/excel/", views_excel.excel_download, name="excel-download"),
    path("<int:year>/<str:code>/excel/nhap/", views_excel.excel_upload, name="excel-upload"),
]
