"""A college may designate any GGD, a regional body or its own officials, not only the one
regional supervisor the data holds. The official names a supervisor the portal knows or a
new one by name and kind; the new one becomes a Toezichthouder of the right level only when
an editor approves, with no remits, and the navigator names it for that municipality."""

import csv
import io
from datetime import date

from django.contrib.auth.models import Group

import pytest

from portal.models import Organisatie, User
from portal.roles import GEMEENTE
from visual.keuzes import vind_gemeente, vind_situatie, vind_wet
from visual.models import Aanwijzing, Toezichthouder
from visual.navigator import toezicht_voor

pytestmark = pytest.mark.django_db

NIEUW = "/wie-houdt-toezicht/aanwijzingen/nieuw/"
GGD_RR = "toezicht-wmo-ggd-rotterdam-rijnmond"


def ambtenaar_van(naam):
    gemeente = vind_gemeente(naam)
    organisatie, _created = Organisatie.objects.get_or_create(
        naam=f"Gemeente {naam}", defaults={"soort": Organisatie.Soort.GEMEENTE, "gemeente": gemeente}
    )
    email = f"wmo@{gemeente.cbs_code.lower()}.example"
    user = User.objects.create_user(email, "x-wachtwoord-1", organisatie=organisatie)
    user.groups.add(Group.objects.get(name=GEMEENTE))
    return user


def _data(**extra):
    data = {
        "alle_voorzieningen": "on",
        "besluit_datum": "2026-03-01",
        "besluit_url": "https://zoek.officielebekendmakingen.nl/gmb-2026-11.html",
    }
    data.update(extra)
    return data


def _nieuw(naam="GGD Haaglanden", soort="regionaal", **extra):
    return _data(nieuwe_toezichthouder=naam, nieuwe_toezichthouder_soort=soort, **extra)


def _namen_in_navigator(gemeente, situatie=None):
    advies = toezicht_voor(
        vind_gemeente(gemeente),
        wet=vind_wet("wmo-2015"),
        situatie=vind_situatie(situatie) if situatie else None,
    )
    return advies


def test_the_form_offers_what_a_college_can_designate(client, seeded):
    eigen_ede = Toezichthouder.objects.create(
        slug="toezicht-ede",
        naam="Toezichthouders Wmo Ede",
        niveau="lokaal",
        soort="gemeentelijk",
        gemeente=vind_gemeente("Ede"),
    )
    eigen_westland = Toezichthouder.objects.create(
        slug="toezicht-westland",
        naam="Toezichthouders Wmo Westland",
        niveau="lokaal",
        soort="gemeentelijk",
        gemeente=vind_gemeente("Westland"),
    )
    andere_ggd = Toezichthouder.objects.create(
        slug="ggd-test", naam="GGD Proefregio", niveau="regionaal", soort="regionaal"
    )
    Toezichthouder.objects.create(
        slug="ggd-opgeheven", naam="GGD Opgeheven", niveau="regionaal", soort="regionaal", geldig_tot=date(2020, 1, 1)
    )
    client.force_login(ambtenaar_van("Westland"))
    form = client.get(NIEUW).context["form"]
    assert set(form.fields["toezichthouder"].queryset) == {
        Toezichthouder.objects.get(slug=GGD_RR),
        andere_ggd,
        eigen_westland,
    }
    assert eigen_ede not in form.fields["toezichthouder"].queryset


def test_a_new_ggd_is_taken_up_on_approval_and_answers_for_that_municipality(client, seeded, demo_user):
    client.force_login(ambtenaar_van("Westland"))
    response = client.post(NIEUW, _nieuw())
    assert response.status_code == 302
    aanwijzing = Aanwijzing.objects.get()
    assert aanwijzing.toezichthouder is None and aanwijzing.nieuwe_toezichthouder == "GGD Haaglanden"
    # Not before the editor approves: no supervisor, no answer, nothing in the open data.
    assert not Toezichthouder.objects.filter(naam="GGD Haaglanden").exists()
    html = client.get(f"/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/").content.decode()
    assert "GGD Haaglanden (nieuw: een ggd of een andere regionale toezichthouder;" in html
    assert "GGD Haaglanden" not in {r.naam for r in _namen_in_navigator("Westland").regels}

    client.force_login(demo_user("redacteur"))
    response = client.post(f"/wie-houdt-toezicht/aanwijzingen/{aanwijzing.pk}/", {"besluit": "goedkeuren"})
    assert response.status_code == 302
    ggd = Toezichthouder.objects.get(naam="GGD Haaglanden")
    assert (ggd.slug, ggd.niveau, ggd.soort, ggd.gemeente, ggd.per_gemeente) == (
        "ggd-haaglanden",
        "regionaal",
        "regionaal",
        None,
        False,
    )
    assert ggd.bron == (
        "College van burgemeester en wethouders van Westland, aanwijzingsbesluit van 1 maart 2026 (art. 6.1 Wmo 2015)"
    )
    assert not ggd.toezichtsgebieden.exists()
    aanwijzing.refresh_from_db()
    assert (aanwijzing.toezichthouder, aanwijzing.nieuwe_toezichthouder) == (ggd, "")
    history = aanwijzing.wijzigingen.last().verschillen()
    assert ("toezichthouder", None, "ggd-haaglanden") in history
    assert ("nieuwe_toezichthouder", "GGD Haaglanden", "") in history

    # The navigator names it for Westland, in place of "niet vastgelegd", and nowhere else.
    advies = _namen_in_navigator("Westland")
    ggd_regels = [r for r in advies.regels if r.toezichthouder == ggd]
    assert {(r.naam, r.aspect, r.niveau) for r in ggd_regels} == {
        ("GGD Haaglanden", "kwaliteit", "regionaal"),
        ("GGD Haaglanden", "calamiteitenmeldingen", "regionaal"),
    }
    assert not any(r.terugval for r in advies.regels if r.aspect in ("kwaliteit", "calamiteitenmeldingen"))
    assert [r.naam for r in _namen_in_navigator("Westland", "calamiteit").melden_bij] == ["GGD Haaglanden"]
    assert ggd not in {r.toezichthouder for r in _namen_in_navigator("Delft").regels}
    page = client.get("/wie-houdt-toezicht/?gemeente=Westland&wet=wmo-2015&situatie=calamiteit").content.decode()
    assert "GGD Haaglanden" in page and "Aanwijzingsbesluit van 1 maart 2026" in page

    # The open data and the coverage count it under its GGD region.
    export = client.get("/wie-houdt-toezicht/aanwijzingen/aanwijzingen.csv").content.decode()
    rijen = list(csv.DictReader(io.StringIO(export)))
    assert [(r["gemeente"], r["ggd_regio"], r["toezichthouder"], r["toezichthouder_naam"]) for r in rijen] == [
        ("Westland", "GGD Haaglanden", "ggd-haaglanden", "GGD Haaglanden")
    ]
    dekking = client.get("/wie-houdt-toezicht/aanwijzingen/dekking/").content.decode()
    assert '<th scope="row">GGD Haaglanden</th><td>9</td><td>1 (11%): Westland</td><td>0 (0%)</td>' in dekking


def test_two_municipalities_naming_the_same_new_ggd_get_one_supervisor(client, seeded, demo_user):
    for gemeente, getypt in (("Westland", "GGD Haaglanden"), ("Delft", "ggd haaglanden")):
        client.force_login(ambtenaar_van(gemeente))
        assert client.post(NIEUW, _nieuw(getypt)).status_code == 302
    for aanwijzing in Aanwijzing.objects.all():
        aanwijzing.beoordeel(demo_user("redacteur"), goedkeuren=True)
    assert Toezichthouder.objects.filter(naam__iexact="GGD Haaglanden").count() == 1
    assert sorted(Aanwijzing.objects.values_list("gemeente__naam", "toezichthouder__slug")) == [
        ("Delft", "ggd-haaglanden"),
        ("Westland", "ggd-haaglanden"),
    ]
    # Once known, the name typed again is the supervisor the portal knows.
    client.force_login(ambtenaar_van("Zoetermeer"))
    assert client.post(NIEUW, _nieuw("GGD HAAGLANDEN", soort="")).status_code == 302
    assert Aanwijzing.objects.get(gemeente__naam="Zoetermeer").toezichthouder.slug == "ggd-haaglanden"


def test_a_rejected_new_supervisor_leaves_nothing_behind(client, seeded, demo_user):
    client.force_login(ambtenaar_van("Westland"))
    client.post(NIEUW, _nieuw())
    Aanwijzing.objects.get().beoordeel(demo_user("redacteur"), goedkeuren=False, opmerking="Besluit niet gevonden")
    assert not Toezichthouder.objects.filter(naam="GGD Haaglanden").exists()


def test_own_officials_are_a_local_supervisor_of_that_municipality_only(client, seeded, demo_user):
    client.force_login(ambtenaar_van("Westland"))
    client.post(NIEUW, _nieuw("Toezichthouders Wmo van de gemeente Westland", soort="eigen"))
    Aanwijzing.objects.get().beoordeel(demo_user("redacteur"), goedkeuren=True)
    eigen = Toezichthouder.objects.get(naam="Toezichthouders Wmo van de gemeente Westland")
    assert (eigen.niveau, eigen.soort, eigen.gemeente.naam) == ("lokaal", "gemeentelijk", "Westland")
    assert {(r.naam, r.niveau) for r in _namen_in_navigator("Westland").regels if r.toezichthouder == eigen} == {
        ("Toezichthouders Wmo van de gemeente Westland", "lokaal")
    }
    client.force_login(ambtenaar_van("Delft"))
    assert eigen not in client.get(NIEUW).context["form"].fields["toezichthouder"].queryset
    # Delft cannot take Westland's own officials by typing their name either.
    response = client.post(NIEUW, _nieuw("Toezichthouders Wmo van de gemeente Westland", soort="eigen"))
    assert response.status_code == 400
    assert "een college wijst die niet aan als toezichthouder Wmo" in response.content.decode()


@pytest.mark.parametrize(
    "data, veld, melding",
    [
        ({}, "toezichthouder", "Kies de aangewezen toezichthouder uit de lijst, of vul de naam van een nieuwe in."),
        (
            {"nieuwe_toezichthouder": "GGD Haaglanden"},
            "nieuwe_toezichthouder_soort",
            "Kies wat voor toezichthouder GGD Haaglanden is: een GGD of regionale toezichthouder, of een eigen "
            "toezichthouder van de gemeente.",
        ),
        (
            {"nieuwe_toezichthouder": "Inspectie Gezondheidszorg en Jeugd", "nieuwe_toezichthouder_soort": "regionaal"},
            "nieuwe_toezichthouder",
            "Inspectie Gezondheidszorg en Jeugd is in dit portaal een rijksinspectie; een college wijst die niet aan "
            "als toezichthouder Wmo (art. 6.1 Wmo 2015).",
        ),
        (
            {"nieuwe_toezichthouder": "GGD Haaglanden", "nieuwe_toezichthouder_soort": "provinciaal"},
            "nieuwe_toezichthouder_soort",
            "Selecteer een geldige keuze. provinciaal is geen beschikbare keuze.",
        ),
    ],
)
def test_a_designation_without_a_supervisor_it_can_name_is_refused(client, seeded, data, veld, melding):
    client.force_login(ambtenaar_van("Westland"))
    response = client.post(NIEUW, _data(**data))
    assert response.status_code == 400
    assert response.context["form"].errors[veld] == [melding]
    assert not Aanwijzing.objects.exists()
    assert not Toezichthouder.objects.filter(naam="GGD Haaglanden").exists()


def test_both_a_known_and_a_new_supervisor_is_refused(client, seeded):
    client.force_login(ambtenaar_van("Westland"))
    ggd = Toezichthouder.objects.get(slug=GGD_RR)
    response = client.post(NIEUW, _nieuw(toezichthouder=ggd.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["nieuwe_toezichthouder"] == [
        "Kies een toezichthouder uit de lijst of vul een nieuwe in, niet allebei."
    ]
    assert not Aanwijzing.objects.exists()
