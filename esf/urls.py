from django.urls import path

from esf import views

app_name = "esf"

urlpatterns = [
    path("", views.projekt_list, name="projekt_list"),
    path("nytt/", views.projekt_create, name="projekt_create"),
    path("<int:pk>/", views.projekt_detail, name="projekt_detail"),
    path("<int:pk>/steg/<slug:step>/", views.projekt_step, name="projekt_step"),
    path("<int:pk>/delprojekt/", views.delprojekt_create, name="delprojekt_create"),
    path("<int:pk>/pengar/", views.pengar_edit, name="pengar_edit"),
    path("<int:pk>/resultat/", views.resultat_edit, name="resultat_edit"),
    path("<int:pk>/forlangning/", views.projekt_forlang, name="projekt_forlang"),
    path("<int:pk>/publicera/", views.projekt_publish, name="projekt_publish"),
    path("utlysningar/", views.utlysning_list, name="utlysning_list"),
    path("utlysningar/ny/", views.utlysning_edit, name="utlysning_create"),
    path("utlysningar/<int:pk>/", views.utlysning_edit, name="utlysning_edit"),
]
