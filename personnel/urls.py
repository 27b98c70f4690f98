from django.urls import path

from personnel.views import excel, officials, ratios, records, standards

app_name = "personnel"

urlpatterns = [
    path("xa/<str:code>/", officials.official_list, name="official-list"),
    path("xa/<str:code>/them/", officials.official_create_view, name="official-create"),
    path("xa/<str:code>/xuat-excel/", excel.official_export, name="official-export"),
    path("xa/<str:code>/nhap-excel/", excel.import_upload, name="import-upload"),
    path("xa/<str:code>/nhap-excel/mau/", excel.import_template, name="import-template"),
    path("xa/<str:code>/nhap-excel/xac-nhan/", excel.import_confirm, name="import-confirm"),
    path("xa/<str:code>/xin-loi-nhan-dan/", records.apology_list, name="apology-list"),
    path("<int:pk>/", officials.official_detail, name="official-detail"),
    path("<int:pk>/sua/", officials.official_edit, name="official-edit"),
    path("<int:pk>/dieu-dong/", officials.official_transfer_view, name="official-transfer"),
    path("<int:pk>/dao-tao/them/", records.training_create, name="training-create"),
    path("dao-tao/<int:pk>/sua/", records.training_edit, name="training-edit"),
    path("<int:pk>/ky-luat/them/", records.discipline_create, name="discipline-create"),
    path("<int:pk>/xin-loi/them/", records.apology_create, name="apology-create"),
    path("huyen/<str:code>/ti-le/", ratios.district_ratios, name="district-ratios"),
    path("tinh/ti-le/", ratios.province_ratios, name="province-ratios"),
    path("tieu-chuan/", standards.standard_list, name="standard-list"),
    path("tieu-chuan/them/", standards.standard_create, name="standard-create"),
    path("tieu-chuan/<int:pk>/sua/", standards.standard_edit, name="standard-edit"),
]
