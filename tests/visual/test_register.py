"""The register of designations: only an official of the municipality records, an editor
reviews before it shows, every change is kept with who made it."""

from datetime import date

import pytest

from portal.models import Gemeente, Organisatie, User
from portal.roles import GEMEENTE
from visual.keuzes import vind_gemeente
from visual.models import Aanwijzing, AanwijzingWijziging, Toezichthouder
from visual.navigator import toezicht_voor

pytestmark = pytest.mark.django_db

NIEUW = "/wie-houdt-toezicht/aanwijzingen/nieuw/"
GGD = "toezicht-wmo-ggd-rotterdam-rijnmond"


@pytest.fixture
def ambtenaar_lansingerland(seeded):
    from django.contrib.auth.models import Group

    user = User.objects.create_user(
        "wmo@lansingerland.example",
        "x-wachtwoord-1",
        organisatie=Organisatie.objects.get(naam="Gemeente Lansingerland"),
    )
    user.groups.add(Group.objects.get(name=GEMEENTE))
    return user


def _data(**extra):
    data = {
        "toezichthouder": Toezichthouder.objects.get(slug=GGD).pk,
        "alle_voorzieningen": "on",
        "besluit_datum": "2026-03-01",
        "besluit_url": "https://zoek.officielebekendmakingen.nl/gmb-2026-1.html",
    }
    data.update(extra)
    return data


def test_anonymous_is_sent_to_login(client, seeded):
    response = client.get(NIEUW)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


@pytest.mark.parametrize("role", ["redacteur", "toezichthouder", "professional", "inspecteur"])
def test_only_municipal_officials_may_record(client, demo_user, role):
    client.force_login(demo_user(role))
    assert client.get(NIEUW).status_code == 403
    assert client.post(NIEUW, _data()).status_code == 403
    assert not Aanwijzing.objects.exists()


def test_official_records_for_own_municipality_only(client, ambtenaar_lansingerland):
    client.force_login(ambtenaar_lansingerland)
    response = client.post(NIEUW, {**_data(), "gemeente": Gemeente.objects.get(naam="Rotterdam").pk})
    assert response.status_code == 302
    aanwijzing = Aanwijzing.objects.get()
    assert aanwijzing.gemeente.naam == "Lansingerland"
    assert aanwijzing.status == Aanwijzing.Status.INGEDIEND
    assert [(w.actie, w.gebruiker) for w in aanwijzing.wijzigingen.all()] == [
        (AanwijzingWijziging.Actie.VASTGELEGD, ambtenaar_lansingerland)
    ]


def test_invalid_designation_is_refused(client, ambtenaar_lansingerland):
    client.force_login(ambtenaar_lansingerland)
    response = client.post(NIEUW, _data(alle_voorzieningen="", besluit_url="geen-url"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies de soorten voorziening" in html
    igj = Toezichthouder.objects.get(slug="igj")
    assert client.post(NIEUW, _data(toezichthouder=igj.pk)).status_code == 400
    assert not Aanwijzing.objects.exists()


def test_designation_shows_only_after_editor_review_with_history(client, ambtenaar_lansingerland, demo_user):
    client.force_login(ambtenaar_lansingerland)
    client.post(NIEUW, _data())
    aanwijzing = Aanwijzing.objects.get()
    lansingerland = vind_gemeente("Lansingerland")

    def ggd_huishouden():
        from visual.keuzes import vind_voorziening

        advies = toezicht_voor(lansingerland, voorziening=vind_voorziening("ondersteuning-bij-het-huishouden"))
        return [r for r in advies.regels if r.toezichthouder.slug == GGD]

    assert ggd_huishouden() == []

    # Another municipality's official cannot see or review it; the public register hides it.
    client.force_login(demo_user("gemeente"))
    assert client.get(f"/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/").status_code == 404
    assert client.post(f"/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/wijzigen/", _data()).status_code == 404

    # The official cannot approve their own designation.
    client.force_login(ambtenaar_lansingerland)
    response = client.post(f"/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/", {"besluit": "goedkeuren"})
    assert response.status_code == 403
    aanwijzing.refresh_from_db()
    assert aanwijzing.status == Aanwijzing.Status.INGEDIEND

    editor = demo_user("redacteur")
    client.force_login(editor)
    response = client.post(
        f"/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/",
        {"besluit": "goedkeuren", "opmerking": "Besluit gecontroleerd."},
    )
    assert response.status_code == 302
    aanwijzing.refresh_from_db()
    assert aanwijzing.status == Aanwijzing.Status.GOEDGEKEURD and aanwijzing.beoordeeld_door == editor

    regels = ggd_huishouden()
    assert {r.aspect for r in regels} == {"kwaliteit", "calamiteitenmeldingen"}
    assert all("Aanwijzingsbesluit van 1 maart 2026" in r.bron for r in regels)

    # A change by the official goes back to review and hides the designation again.
    client.force_login(ambtenaar_lansingerland)
    response = client.post(
        f"/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/wijzigen/", _data(besluit_datum="2026-04-01")
    )
    assert response.status_code == 302
    assert ggd_huishouden() == []
    history = list(aanwijzing.wijzigingen.all())
    assert [(w.actie, w.gebruiker) for w in history] == [
        ("vastgelegd", ambtenaar_lansingerland),
        ("goedgekeurd", editor),
        ("gewijzigd", ambtenaar_lansingerland),
    ]
    changed = dict((k, (a, b)) for k, a, b in history[-1].verschillen())
    assert changed["besluit_datum"] == ("2026-03-01", "2026-04-01")
    assert changed["status"] == ("goedgekeurd", "ingediend")

    client.force_login(editor)
    html = client.get(f"/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/").content.decode()
    assert "Geschiedenis" in html and "Besluit gecontroleerd." in html


def test_rejected_designation_never_shows(client, ambtenaar_lansingerland, demo_user):
    client.force_login(ambtenaar_lansingerland)
    client.post(NIEUW, _data())
    aanwijzing = Aanwijzing.objects.get()
    aanwijzing.beoordeel(demo_user("hoofdredacteur"), goedkeuren=False, opmerking="Link werkt niet")
    assert Aanwijzing.objects.goedgekeurd().count() == 0
    advies = toezicht_voor(vind_gemeente("Lansingerland"))
    assert all(r.aanwijzing is None for r in advies.regels)
    assert list(Aanwijzing.objects.viewable_by_user(None)) == []


def test_conflicting_designation_is_flagged(client, seeded, demo_user):
    """Rotterdam's framework names the GGD; a designation of another supervisor conflicts."""
    andere = Toezichthouder.objects.create(slug="andere-ggd", naam="GGD Elders", niveau="regionaal", soort="regionaal")
    rotterdam = vind_gemeente("Rotterdam")
    aanwijzing = Aanwijzing.objects.create(
        gemeente=rotterdam,
        toezichthouder=andere,
        besluit_datum=date(2026, 1, 1),
        besluit_url="https://example.org/besluit",
        ingediend_door=demo_user("gemeente"),
    )
    aanwijzing.beoordeel(demo_user("redacteur"), goedkeuren=True)
    advies = toezicht_voor(rotterdam)
    assert any("Tegenstrijdige gegevens" in t and "GGD Elders" in t for t in advies.onbekend)


def _ingediend(ambtenaar):
    return Aanwijzing.objects.create(
        gemeente=vind_gemeente("Lansingerland"),
        toezichthouder=Toezichthouder.objects.get(slug=GGD),
        besluit_datum=date(2026, 3, 1),
        besluit_url="https://example.org/besluit",
        ingediend_door=ambtenaar,
    )


def test_register_filters_on_status(client, ambtenaar_lansingerland, demo_user):
    _ingediend(ambtenaar_lansingerland)
    client.force_login(demo_user("redacteur"))
    waiting = client.get("/wie-houdt-toezicht/aanwijzingen/?status=ingediend").content.decode()
    assert "Lansingerland" in waiting and '<option value="ingediend" selected>' in waiting
    approved = client.get("/wie-houdt-toezicht/aanwijzingen/?status=goedgekeurd").content.decode()
    assert "Er zijn geen aanwijzingen met deze status." in approved
    bad = client.get("/wie-houdt-toezicht/aanwijzingen/?status=%3Cx%3E")
    assert bad.status_code == 400
    assert "Onbekende status" in bad.content.decode() and "<x>" not in bad.content.decode()


def test_editors_see_waiting_designations_in_the_admin(client, ambtenaar_lansingerland, demo_user):
    aanwijzing = _ingediend(ambtenaar_lansingerland)
    client.force_login(demo_user("redacteur"))
    html = client.get("/admin/").content.decode()
    assert "Aanwijzingen die op beoordeling wachten" in html
    assert f'href="/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/"' in html
    assert "Aanwijzingen beoordelen" in html
    aanwijzing.beoordeel(demo_user("redacteur"), goedkeuren=True)
    assert "Aanwijzingen die op beoordeling wachten" not in client.get("/admin/").content.decode()


def test_the_admin_panel_is_for_editors_only(client, ambtenaar_lansingerland):
    from django.contrib.auth.models import Permission

    _ingediend(ambtenaar_lansingerland)
    user = User.objects.create_user("admin-zonder-rol@example.org", "x-wachtwoord-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aanwijzingen die op beoordeling wachten" not in html
    assert "Aanwijzingen beoordelen" not in html
