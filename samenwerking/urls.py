from django.urls import path

from . import aanbieder_views, notificatie_views, views

app_name = "samenwerking"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("notificaties/", notificatie_views.notificaties, name="notificaties"),
    path("notificaties/<int:pk>/", notificatie_views.notificatie, name="notificatie"),
    path("notificaties/voorkeuren/", notificatie_views.voorkeuren, name="notificatievoorkeuren"),
    path("aanbieders/", aanbieder_views.aanbieders, name="aanbieders"),
    path("aanbieders/nieuw/", aanbieder_views.aanbieder_nieuw, name="aanbieder_nieuw"),
    path("aanbieders/<int:pk>/", aanbieder_views.aanbieder, name="aanbieder"),
    path("aanbieders/<int:pk>/wijzigen/", aanbieder_views.aanbieder_wijzigen, name="aanbieder_wijzigen"),
    path("<int:pk>/toegangsverzoeken/", aanbieder_views.toegangsverzoeken, name="toegangsverzoeken"),
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
]
