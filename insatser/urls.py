from django.urls import path

from insatser.views import ansokan, ansokan_form, avtal, ekonomi, insats, rapporter

app_name = "insatser"

urlpatterns = [
    path("ansokningar/", ansokan.ansokan_list, name="ansokan_list"),
    path("ansokningar/ny/", ansokan.ansokan_create, name="ansokan_create"),
    path("ansokningar/<int:pk>/", ansokan.ansokan_detail, name="ansokan_detail"),
    path("ansokningar/<int:pk>/redigera/", ansokan_form.ansokan_edit, name="ansokan_edit"),
    path("ansokningar/<int:pk>/autospara/", ansokan_form.ansokan_autosave, name="ansokan_autosave"),
    path("ansokningar/<int:pk>/skicka-in/", ansokan_form.ansokan_confirm, name="ansokan_confirm"),
    path("ansokningar/<int:pk>/steg/<slug:step>/", ansokan.ansokan_step, name="ansokan_step"),
    path("insatser/", insats.insats_list, name="insats_list"),
    path("insatser/<int:pk>/", insats.insats_detail, name="insats_detail"),
    path("insatser/<int:pk>/forlangning/", ansokan.forlangning_create, name="forlangning_create"),
    path("insatser/<int:pk>/faser/ny/", avtal.fas_create, name="fas_create"),
    path("faser/<int:pk>/bekrafta/", avtal.fas_confirm, name="fas_confirm"),
    path("insatser/<int:pk>/styrgrupp/", insats.styrgrupp_edit, name="styrgrupp_edit"),
    path("insatser/<int:pk>/slutrapport/", rapporter.slutrapport, name="slutrapport"),
    path("insatser/<int:pk>/slutrapport/granska/", rapporter.slutrapport_review, name="slutrapport_review"),
    path("avtal/<int:pk>/godkann/<slug:part>/", avtal.avtal_sign, name="avtal_sign"),
    path("avtal/<int:pk>/villkor/", avtal.avtal_terms, name="avtal_terms"),
    path("avtal/<int:pk>/pdf/", avtal.avtal_pdf, name="avtal_pdf"),
    path("insatser/<int:pk>/rekvisitioner/ny/", ekonomi.rekvisition_create, name="rekvisition_create"),
    path("insatser/<int:pk>/arsavslut/", ekonomi.arsavslut, name="arsavslut"),
    path("insatser/<int:pk>/publicera/", insats.insats_publish, name="insats_publish"),
    path("rekvisitioner/", ekonomi.rekvisition_list, name="rekvisition_list"),
    path("rekvisitioner/<int:pk>/", ekonomi.rekvisition_detail, name="rekvisition_detail"),
    path("rekvisitioner/<int:pk>/<slug:action>/", ekonomi.rekvisition_action, name="rekvisition_action"),
    path("lagesrapporter/<int:pk>/", rapporter.lagesrapport, name="lagesrapport"),
    path("lagesrapporter/<int:pk>/granska/", rapporter.lagesrapport_review, name="lagesrapport_review"),
]
