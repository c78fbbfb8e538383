from django.urls import path

from uppfoljning import views_publik

app_name = "publik"

urlpatterns = [
    path("katalog/", views_publik.katalog, name="katalog"),
    path("katalog/insatser/<int:pk>/", views_publik.katalog_insats, name="katalog_insats"),
    path("katalog/esf/<int:pk>/", views_publik.katalog_esf, name="katalog_esf"),
    path("statistik/", views_publik.statistik, name="statistik"),
]
