from django.urls import path

from rar.moten import anslagstavla, views
from rar.moten import views_forhinder, views_kallelse, views_kommentarer

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

# Kallelse, förhinder, comments on the draft protocol and the working committee (AU).
urlpatterns += [
    path("sammantraden/<int:pk>/kalender.ics", views_kallelse.sammantrade_ics, name="sammantrade_ics"),
    path("sammantraden/<int:pk>/forhinder/", views_forhinder.forhinder_anmal, name="forhinder_anmal"),
    path("sammantraden/<int:pk>/forhinder/aterkalla/", views_forhinder.forhinder_aterkalla, name="forhinder_aterkalla"),
    path("sammantraden/<int:pk>/synpunkter/", views_kommentarer.kommentar_skriv, name="kommentar_skriv"),
    path("synpunkter/<int:pk>/svar/", views_kommentarer.kommentar_svara, name="kommentar_svara"),
    path("paragrafer/<int:pk>/utkast/", views_kommentarer.paragraf_utkast, name="paragraf_utkast"),
]
