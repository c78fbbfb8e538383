from django.urls import path

from rar.moten import anslagstavla, views

urlpatterns = [
    path("sammantraden/", views.sammantrade_list, name="sammantrade_list"),
    path("sammantraden/nytt/", views.sammantrade_create, name="sammantrade_create"),
    path("sammantraden/<int:pk>/", views.sammantrade_detail, name="sammantrade_detail"),
    path("sammantraden/<int:pk>/punkt/ny/", views.punkt_create, name="punkt_create"),
    path("sammantraden/<int:pk>/arenden/", views.cases_add, name="cases_add"),
    path("sammantraden/<int:pk>/narvaro/", views.narvaro_edit, name="narvaro_edit"),
    path("sammantraden/<int:pk>/funktionarer/", views.funktionarer_edit, name="funktionarer_edit"),
    path("sammantraden/<int:pk>/steg/<slug:step>/", views.sammantrade_step, name="sammantrade_step"),
    path("sammantraden/<int:pk>/beslutslista/", views.beslutslista, name="beslutslista"),
    path("sammantraden/<int:pk>/protokoll/", views.protokoll, name="protokoll"),
    path("sammantraden/<int:pk>/anslagsbevis/", views.anslagsbevis, name="anslagsbevis"),
    path("paragrafer/<int:pk>/beslut/", views.paragraf_beslut, name="paragraf_beslut"),
    path("paragrafer/<int:pk>/omedelbar-justering/", views.paragraf_omedelbar, name="paragraf_omedelbar"),
    path("paragrafer/<int:pk>/utdrag/", views.utdrag, name="utdrag"),
    path("paragrafer/<int:pk>/dagordning/<slug:action>/", views.paragraf_agenda, name="paragraf_agenda"),
    # The public notice board (no login) and the secrecy marking that decides what it shows.
    path("anslagstavla/", anslagstavla.anslagstavla, name="anslagstavla"),
    path("anslagstavla/arkiv/", anslagstavla.anslagstavla_arkiv, name="anslagstavla_arkiv"),
    path("anslagstavla/<int:pk>/protokoll/", anslagstavla.anslagstavla_protokoll, name="anslagstavla_protokoll"),
    path("paragrafer/<int:pk>/sekretess/", anslagstavla.paragraf_sekretess, name="paragraf_sekretess"),
]
