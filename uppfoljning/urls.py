from django.urls import path

from uppfoljning import views, views_schablon, views_trace

app_name = "uppfoljning"

urlpatterns = [
    path("insatser/<int:pk>/deltagare/", views.deltagare, name="deltagare"),
    path("medlemsrapport/", views.medlemsrapport, name="medlemsrapport"),
    path("arsuppfoljning/", views.arsuppfoljning, name="arsuppfoljning"),
    path("finsam/", views.finsam, name="finsam"),
    path("insatser/<int:pk>/resultatblad/", views.resultatblad, name="resultatblad"),
    path("schablonbelopp/", views_schablon.schablonbelopp, name="schablonbelopp"),
    path("underlag/<slug:kind>/", views_trace.underlag, name="underlag"),
]
