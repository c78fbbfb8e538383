from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from rar import views, views_ekonomi

handler400 = "rar.views.bad_request"
handler403 = "rar.views.forbidden"

urlpatterns = [
    path("", views.start, name="start"),
    path("logga-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("losenord/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("diarium/", views.arende_list, name="arende_list"),
    path("diarium/nytt/", views.arende_create, name="arende_create"),
    path("diarium/<int:pk>/", views.arende_detail, name="arende_detail"),
    path("diarium/<int:pk>/status/<slug:action>/", views.arende_status, name="arende_status"),
    path("diarium/<int:pk>/handlingar/ny/", views.handling_upload, name="handling_upload"),
    path("handlingar/<int:pk>/", views.handling_download, name="handling_download"),
    path("handlingar/<int:pk>/delning/", views.handling_share, name="handling_share"),
    path("medlemmar/", views.organisation_list, name="organisation_list"),
    path("medlemmar/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("medlemsbidrag/", views.medlemsbidrag, name="medlemsbidrag"),
    path("medlemsbidrag/<int:ar>/", views.medlemsbidrag, name="medlemsbidrag_ar"),
    path("medlemsbidrag/<int:ar>/befolkning/", views_ekonomi.befolkning, name="befolkning"),
    path("medlemsbidrag/befolkning/import/", views_ekonomi.befolkning_import, name="befolkning_import"),
    path("budget/", views.budget, name="budget"),
    path("budget/<int:ar>/poster/", views_ekonomi.budget_poster, name="budget_poster"),
    path("att-gora/", views.att_gora, name="att_gora"),
    path("notiser/", views.notiser, name="notiser"),
    path("sok/", views.sok, name="sok"),
    path("notiser/<int:pk>/", views.notis_oppna, name="notis_oppna"),
    path("notiser/installningar/", views.notisval, name="notisval"),
    path("", include("rar.moten.urls")),
    path("admin/", admin.site.urls),
    path("", include("insatser.urls")),
    path("esf/", include("esf.urls")),
    path("uppfoljning/", include("uppfoljning.urls")),
    path("", include("uppfoljning.urls_publik")),
]
