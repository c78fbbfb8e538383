from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from rar import views, views_moten

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
    path("medlemmar/", views.organisation_list, name="organisation_list"),
    path("medlemmar/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("medlemsbidrag/", views.medlemsbidrag, name="medlemsbidrag"),
    path("medlemsbidrag/<int:ar>/", views.medlemsbidrag, name="medlemsbidrag_ar"),
    path("budget/", views.budget, name="budget"),
    path("sammantraden/", views_moten.sammantrade_list, name="sammantrade_list"),
    path("sammantraden/nytt/", views_moten.sammantrade_create, name="sammantrade_create"),
    path("sammantraden/<int:pk>/", views_moten.sammantrade_detail, name="sammantrade_detail"),
    path("sammantraden/<int:pk>/punkt/ny/", views_moten.punkt_create, name="punkt_create"),
    path("sammantraden/<int:pk>/arenden/", views_moten.cases_add, name="cases_add"),
    path("sammantraden/<int:pk>/narvaro/", views_moten.narvaro_edit, name="narvaro_edit"),
    path("sammantraden/<int:pk>/funktionarer/", views_moten.funktionarer_edit, name="funktionarer_edit"),
    path("sammantraden/<int:pk>/steg/<slug:step>/", views_moten.sammantrade_step, name="sammantrade_step"),
    path("sammantraden/<int:pk>/beslutslista/", views_moten.beslutslista, name="beslutslista"),
    path("sammantraden/<int:pk>/protokoll/", views_moten.protokoll, name="protokoll"),
    path("sammantraden/<int:pk>/anslagsbevis/", views_moten.anslagsbevis, name="anslagsbevis"),
    path("paragrafer/<int:pk>/beslut/", views_moten.paragraf_beslut, name="paragraf_beslut"),
    path("paragrafer/<int:pk>/omedelbar-justering/", views_moten.paragraf_omedelbar, name="paragraf_omedelbar"),
    path("paragrafer/<int:pk>/utdrag/", views_moten.utdrag, name="utdrag"),
    path("paragrafer/<int:pk>/dagordning/<slug:action>/", views_moten.paragraf_agenda, name="paragraf_agenda"),
    path("admin/", admin.site.urls),
    path("", include("insatser.urls")),
    path("esf/", include("esf.urls")),
    path("uppfoljning/", include("uppfoljning.urls")),
    path("", include("uppfoljning.urls_publik")),
]
