from django.urls import path

from . import melding_views, notificatie_views, views

app_name = "samenwerking"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("notificaties/", notificatie_views.notificaties, name="notificaties"),
    path("notificaties/<int:pk>/", notificatie_views.notificatie, name="notificatie"),
    path("notificaties/voorkeuren/", notificatie_views.voorkeuren, name="notificatievoorkeuren"),
    path("<int:pk>/", views.ruimte, name="ruimte"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/leden/", views.leden, name="leden"),
    path("<int:pk>/documenten/", views.documenten, name="documenten"),
    path("<int:pk>/documenten/<int:document>/", views.document, name="document"),
    path("<int:pk>/documenten/<int:document>/versies/<int:versie>/download/", views.download, name="download"),
    path("<int:pk>/berichten/", views.berichten, name="berichten"),
    path("<int:pk>/taken/", views.taken, name="taken"),
    path("<int:pk>/taken/<int:taak>/gedaan/", views.taak_gedaan, name="taak_gedaan"),
    path("<int:pk>/logboek/", views.logboek, name="logboek"),
    path("<int:pk>/logboek.csv", views.logboek_csv, name="logboek_csv"),
    # Calamity and violence reports (never public), the due items' preference and the year report.
    path("<int:pk>/meldingen/", melding_views.meldingen, name="meldingen"),
    path("<int:pk>/meldingen/nieuw/", melding_views.nieuw, name="melding_nieuw"),
    path("<int:pk>/meldingen/<int:melding>/", melding_views.melding, name="melding"),
    path("signalering/", melding_views.signalering, name="signalering"),
    path("jaarrapportage/", melding_views.jaarrapportage, name="jaarrapportage"),
    path("jaarrapportage.csv", melding_views.jaarrapportage_csv, name="jaarrapportage_csv"),
    path("jaarrapportage.pdf", melding_views.jaarrapportage_pdf, name="jaarrapportage_pdf"),
    path("zoekresultaat/<slug:soort>/<int:pk>/", views.zoekresultaat, name="zoekresultaat"),
]
