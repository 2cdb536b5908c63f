from django.urls import path

from . import notificatie_views, onderzoek_views, views

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
    path("<int:pk>/onderzoeken/", onderzoek_views.onderzoeken, name="onderzoeken"),
    path("<int:pk>/onderzoeken/nieuw/", onderzoek_views.onderzoek_nieuw, name="onderzoek_nieuw"),
    path("<int:pk>/onderzoeken/<int:onderzoek>/", onderzoek_views.onderzoek, name="onderzoek"),
    path(
        "<int:pk>/onderzoeken/<int:onderzoek>/wijzigen/", onderzoek_views.onderzoek_wijzigen, name="onderzoek_wijzigen"
    ),
    path(
        "<int:pk>/onderzoeken/<int:onderzoek>/bevindingen/", onderzoek_views.bevindingen, name="onderzoek_bevindingen"
    ),
    path("<int:pk>/onderzoeken/<int:onderzoek>/matrix/", onderzoek_views.matrix, name="onderzoek_matrix"),
    path("<int:pk>/onderzoeken/<int:onderzoek>/matrix.csv", onderzoek_views.matrix_csv, name="onderzoek_matrix_csv"),
    path("<int:pk>/onderzoeken/<int:onderzoek>/matrix.pdf", onderzoek_views.matrix_pdf, name="onderzoek_matrix_pdf"),
    path("<int:pk>/onderzoeken/<int:onderzoek>/rapport/", onderzoek_views.rapport, name="onderzoek_rapport"),
    path("zoekresultaat/<slug:soort>/<int:pk>/", views.zoekresultaat, name="zoekresultaat"),
]
