from django.urls import path

from communes import profile_views, views

app_name = "communes"

urlpatterns = [
    path("xa/", views.commune_list, name="commune-list"),
    path("xa/<str:code>/", views.commune_detail, name="commune-detail"),
    path("huyen/<str:code>/", views.district_detail, name="district-detail"),
    # The commune profile (office, procedures, dialogue, villages): communes/profile_views.py.
    path("xa/<str:code>/ho-so/", profile_views.profile_detail, name="profile-detail"),
    path("xa/<str:code>/ho-so/nong-thon-moi/", profile_views.profile_edit, name="profile-edit"),
    path("xa/<str:code>/ho-so/<int:year>/tru-so/", profile_views.office_edit, name="office-edit"),
    path("xa/<str:code>/ho-so/<int:year>/thu-tuc/<str:period>/", profile_views.procedure_edit, name="procedure-edit"),
    path("xa/<str:code>/ho-so/<int:year>/doi-thoai/", profile_views.dialogue_edit, name="dialogue-edit"),
    path("xa/<str:code>/thon-ban/", profile_views.village_list, name="village-list"),
    path("xa/<str:code>/thon-ban/them/", profile_views.village_create, name="village-create"),
    path("xa/<str:code>/thon-ban/<int:pk>/sua/", profile_views.village_edit, name="village-edit"),
    path("xa/<str:code>/thon-ban/<int:pk>/xoa/", profile_views.village_delete_view, name="village-delete"),
    path("huyen/<str:code>/ho-so/", profile_views.district_profile, name="district-profile"),
]
