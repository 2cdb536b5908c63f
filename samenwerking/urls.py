from django.urls import path

from . import leerpunt_views, notificatie_views, views

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
    path("zoekresultaat/<slug:soort>/<int:pk>/", views.zoekresultaat, name="zoekresultaat"),
    path("<int:pk>/leerpunten/", leerpunt_views.lijst, name="leerpunten"),
    path("<int:pk>/leerpunten/nieuw/", leerpunt_views.nieuw, name="leerpunt_nieuw"),
    path("leerpunten/", leerpunt_views.gedeeld, name="gedeelde_leerpunten"),
    path("leerpunten/<int:pk>/", leerpunt_views.detail, name="leerpunt"),
    path("leerpunten/<int:pk>/wijzigen/", leerpunt_views.wijzigen, name="leerpunt_wijzigen"),
    path("leerpunten/<int:pk>/verruimen/", leerpunt_views.verruimen, name="leerpunt_verruimen"),
    path("leerpunten/<int:pk>/aanbevelingen/", leerpunt_views.aanbeveling, name="aanbeveling_nieuw"),
    path("leerpunten/<int:pk>/opvolgingen/<int:opvolging>/", leerpunt_views.opvolging, name="opvolging"),
    path("aanbevelingen/", leerpunt_views.aanbevelingen, name="aanbevelingen"),
]
