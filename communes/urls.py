from django.urls import include, path

from communes import views
from communes.profile import views as profile

app_name = "communes"

urlpatterns = [
    path("xa/", views.commune_list, name="commune-list"),
    path("xa/<str:code>/", views.commune_detail, name="commune-detail"),
    path("huyen/<str:code>/", views.district_detail, name="district-detail"),
    # The commune profile (office, procedures, dialogue, villages): communes/profile/views.py.
    path("xa/<str:code>/ho-so/", profile.profile_detail, name="profile-detail"),
    path("xa/<str:code>/ho-so/nong-thon-moi/", profile.profile_edit, name="profile-edit"),
    path("xa/<str:code>/ho-so/<year:year>/tru-so/", profile.office_edit, name="office-edit"),
    path("xa/<str:code>/ho-so/<year:year>/thu-tuc/<str:period>/", profile.procedure_edit, name="procedure-edit"),
    path("xa/<str:code>/ho-so/<year:year>/doi-thoai/", profile.dialogue_edit, name="dialogue-edit"),
    path("xa/<str:code>/thon-ban/", profile.village_list, name="village-list"),
    path("xa/<str:code>/thon-ban/them/", profile.village_create, name="village-create"),
    path("xa/<str:code>/thon-ban/<int:pk>/sua/", profile.village_edit, name="village-edit"),
    path("xa/<str:code>/thon-ban/<int:pk>/xoa/", profile.village_delete_view, name="village-delete"),
    path("huyen/<str:code>/ho-so/", profile.district_profile, name="district-profile"),
    # The plan's other duties (reception, meetings and rules, coaching): communes/profile/views.py.
    path("xa/<str:code>/ho-so/<year:year>/nhiem-vu/", profile.duties_detail, name="duties-detail"),
    path("xa/<str:code>/ho-so/<year:year>/tiep-dan/", profile.reception_edit, name="reception-edit"),
    path("xa/<str:code>/ho-so/<year:year>/giao-ban/", profile.governance_edit, name="governance-edit"),
    path("xa/<str:code>/ho-so/<year:year>/nhiem-vu/mau-excel/", profile.duties_template, name="duties-template"),
    path("xa/<str:code>/ho-so/<year:year>/nhiem-vu/nhap-excel/", profile.duties_import, name="duties-import"),
    path("xa/<str:code>/huong-dan/them/", profile.coaching_create, name="coaching-create"),
    path("xa/<str:code>/huong-dan/mau-excel/", profile.coaching_template, name="coaching-template"),
    path("xa/<str:code>/huong-dan/nhap-excel/", profile.coaching_import, name="coaching-import"),
    path("xa/<str:code>/huong-dan/<int:pk>/xoa/", profile.coaching_delete, name="coaching-delete"),
    # Province staff's user accounts (list, upload, one per commune) and the forced password page.
    path("", include("communes.accounts.urls")),
]
