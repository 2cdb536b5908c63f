from django.urls import path

from . import notificatie_views, oefensessie_views, views

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
    path("oefensessies/", oefensessie_views.overzicht, name="oefensessies"),
    path("oefensessies/<int:pk>/", oefensessie_views.leiden, name="oefensessie"),
    path("oefensessies/<int:pk>/stap/", oefensessie_views.stap, name="oefensessie_stap"),
    path("oefensessies/<int:pk>/status.json", oefensessie_views.status_begeleider, name="oefensessie_status"),
    path("oefensessies/<int:pk>/antwoorden/", oefensessie_views.antwoorden, name="oefensessie_antwoorden"),
    path("oefensessies/<int:pk>/groep/", oefensessie_views.groep, name="oefensessie_groep"),
    path("oefensessies/<int:pk>/samenvatting.pdf", oefensessie_views.samenvatting, name="oefensessie_samenvatting"),
    path("<int:pk>/oefensessies/", oefensessie_views.ruimte_sessies, name="ruimte_oefensessies"),
    path("doe-mee/", oefensessie_views.doe_mee, name="doe_mee"),
    path("doe-mee/<str:code>/", oefensessie_views.sessie_deelnemer, name="doe_mee_sessie"),
    path("doe-mee/<str:code>/status.json", oefensessie_views.status_deelnemer, name="doe_mee_status"),
    path("doe-mee/<str:code>/antwoord/", oefensessie_views.antwoord, name="doe_mee_antwoord"),
    path("zoekresultaat/<slug:soort>/<int:pk>/", views.zoekresultaat, name="zoekresultaat"),
]
