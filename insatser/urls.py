from django.urls import path

from insatser import views

app_name = "insatser"

urlpatterns = [
    path("ansokningar/", views.ansokan_list, name="ansokan_list"),
    path("ansokningar/ny/", views.ansokan_create, name="ansokan_create"),
    path("ansokningar/<int:pk>/", views.ansokan_detail, name="ansokan_detail"),
    path("ansokningar/<int:pk>/redigera/", views.ansokan_edit, name="ansokan_edit"),
    path("ansokningar/<int:pk>/steg/<slug:step>/", views.ansokan_step, name="ansokan_step"),
    path("insatser/", views.insats_list, name="insats_list"),
    path("insatser/<int:pk>/", views.insats_detail, name="insats_detail"),
    path("insatser/<int:pk>/forlangning/", views.forlangning_create, name="forlangning_create"),
    path("insatser/<int:pk>/faser/ny/", views.fas_create, name="fas_create"),
    path("faser/<int:pk>/bekrafta/", views.fas_confirm, name="fas_confirm"),
    path("insatser/<int:pk>/styrgrupp/", views.styrgrupp_edit, name="styrgrupp_edit"),
    path("insatser/<int:pk>/slutrapport/", views.slutrapport, name="slutrapport"),
    path("insatser/<int:pk>/slutrapport/granska/", views.slutrapport_review, name="slutrapport_review"),
    path("avtal/<int:pk>/godkann/<slug:part>/", views.avtal_sign, name="avtal_sign"),
    path("avtal/<int:pk>/villkor/", views.avtal_terms, name="avtal_terms"),
    path("avtal/<int:pk>/pdf/", views.avtal_pdf, name="avtal_pdf"),
    path("insatser/<int:pk>/rekvisitioner/ny/", views.rekvisition_create, name="rekvisition_create"),
    path("insatser/<int:pk>/arsavslut/", views.arsavslut, name="arsavslut"),
    path("insatser/<int:pk>/publicera/", views.insats_publish, name="insats_publish"),
    path("rekvisitioner/", views.rekvisition_list, name="rekvisition_list"),
    path("rekvisitioner/<int:pk>/", views.rekvisition_detail, name="rekvisition_detail"),
    path("rekvisitioner/<int:pk>/<slug:action>/", views.rekvisition_action, name="rekvisition_action"),
    path("lagesrapporter/<int:pk>/", views.lagesrapport, name="lagesrapport"),
    path("lagesrapporter/<int:pk>/granska/", views.lagesrapport_review, name="lagesrapport_review"),
]
