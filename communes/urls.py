from django.urls import path

from communes import views

app_name = "communes"

urlpatterns = [
    path("xa/", views.commune_list, name="commune-list"),
    path("xa/<str:code>/", views.commune_detail, name="commune-detail"),
    path("huyen/<str:code>/", views.district_detail, name="district-detail"),
]
