"""Group sessions of a practice case: the facilitator's pages and the participants' pages.

Live updates are short polling: each screen asks a tiny JSON state endpoint about every
half second and gets 304 while the state is unchanged (docs/oefencasus.md says why). An
unchanged poll reads one token from the shared cache (or, if it is missing, one indexed row):
its ETag carries an HMAC that only a page given to a joined participant (or to the
facilitator) holds, so the 304 is answered before the database, the Django session, the
user or any template is touched.
Participants have no account; their random token lives in their own Django session only.
"""

import hashlib
import hmac
import json
import secrets
import threading
from contextlib import contextmanager
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kennisbank.models import OefencasusPage
from kennisbank.models.oefencasus import MAX_ANTWOORD, PERSPECTIEF_LABELS

from .models import Antwoord, Deelnamepoging, Deelnemer, Oefensessie, Samenwerkingsruimte
from .models.oefensessie import (
    CODE_LENGTE,
    MAX_BIJNAAM,
    ip_hash,
    live_changed,
    live_token,
    normalise_code,
    token_hash,
)
from .oefensessie_summary import summary_pdf, tally

SESSION_KEY = "oefensessies"


# --- forms ------------------------------------------------------------------------------------
class StartForm(forms.Form):
    casus = forms.ModelChoiceField(label=gettext_lazy("Oefencasus"), queryset=OefencasusPage.objects.none())
    ruimte = forms.ModelChoiceField(
        label=gettext_lazy("Samenwerkingsruimte (niet verplicht)"),
        queryset=Samenwerkingsruimte.objects.none(),
        required=False,
        empty_label=gettext_lazy("(geen ruimte)"),
        help_text=gettext_lazy(
            "Een sessie in een ruimte bewaart haar samenvatting daar, zichtbaar voor de leden van de ruimte."
        ),
    )
    perspectieven = forms.ChoiceField(
        label=gettext_lazy("Perspectieven"),
        choices=Oefensessie.Perspectieven.choices,
        initial=Oefensessie.Perspectieven.KIEZEN,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth.models import AnonymousUser

        # Participants join without an account: only a case everyone may see is played in a group.
        self.fields["casus"].queryset = OefencasusPage.objects.viewable_by_user(AnonymousUser()).order_by("title")
        self.fields["ruimte"].queryset = Samenwerkingsruimte.objects.contributable_by_user(user)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code van de sessie"),
        max_length=32,
        help_text=gettext_lazy("De code van acht tekens die de begeleider laat zien, bijvoorbeeld ABCD-2345."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class DeelnemenForm(forms.Form):
    bijnaam = forms.CharField(
        label=gettext_lazy("Bijnaam (niet verplicht)"),
        max_length=MAX_BIJNAAM,
        required=False,
        help_text=gettext_lazy("Laat leeg om zonder naam mee te doen. Uw antwoorden zijn altijd anoniem."),
        error_messages={"max_length": gettext_lazy("Een bijnaam heeft hoogstens %(limit_value)d tekens.")},
    )
    perspectief = forms.ChoiceField(label=gettext_lazy("Uw perspectief"), choices=(), widget=forms.RadioSelect)

    def __init__(self, *args, keuzes, kiezen, **kwargs):
        super().__init__(*args, **kwargs)
        if kiezen and keuzes:
            self.fields["perspectief"].choices = keuzes
        else:
            del self.fields["perspectief"]

    def clean_bijnaam(self):
        return " ".join(self.cleaned_data["bijnaam"].split())


# --- helpers ----------------------------------------------------------------------------------
def _client_ip(request):
    """The client's address; behind `OEFENSESSIE_VERTROUWDE_PROXIES` proxies, the address the
    outermost of them saw (so a client cannot pick its own by sending X-Forwarded-For)."""
    proxies = settings.OEFENSESSIE_VERTROUWDE_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


@contextmanager
def _attempts_counted(request):
    """One transaction for checking an address's attempts and counting a new one, taken in
    turn per address: otherwise attempts arriving together all pass the check before any is
    counted. SQLite's IMMEDIATE transactions take turns already; PostgreSQL needs a lock."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(ip_hash(_client_ip(request))[:15], 16)])
        yield


def _busy_as_503(view):
    """A database still locked after its timeout (SQLite under a crowd) answers a Dutch 503
    with Retry-After instead of a server error; every other error goes on as it was."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OperationalError as error:
            if "database is locked" not in str(error):
                raise
        code = str(kwargs.get("code", request.POST.get("code", "")))[:32]
        response = render(
            request,
            "samenwerking/oefensessie/doe_mee.html",
            {
                "form": CodeForm(initial={"code": code}),
                "fout": _("Het is even druk; probeer het over een paar seconden opnieuw."),
            },
            status=503,
        )
        response["Retry-After"] = "5"
        return response

    return wrapped


def _too_many_attempts(request):
    # In the database, not the cache: the default cache is per process, and every server
    # process (gunicorn worker, runserver thread) must see the same count.
    pogingen = Deelnamepoging.objects.recent().filter(ip_hash=ip_hash(_client_ip(request)))
    return pogingen.count() >= settings.OEFENSESSIE_POGINGEN_PER_IP


def _count_wrong_attempt(request):
    Deelnamepoging.objects.create(ip_hash=ip_hash(_client_ip(request)))


def _too_many_response(request, form=None):
    return render(
        request,
        "samenwerking/oefensessie/doe_mee.html",
        {
            "form": form or CodeForm(),
            "fout": _("Te veel pogingen met een onjuiste code. Probeer het over tien minuten opnieuw."),
        },
        status=429,
    )


def _fragment(request, template, context):
    """A part of a live screen, without the context processors: it has no menu, and a whole
    room renders it at once when the state changes. Its forms still get their CSRF token."""
    return render_to_string(template, {**context, "csrf_token": get_token(request)})


def _led_session(request, pk):
    sessie = Oefensessie.objects.led_by(request.user).select_related("casus", "ruimte").filter(pk=pk).first()
    if sessie is None:
        raise Http404(_("Deze sessie bestaat niet of u leidt haar niet."))
    return sessie


# The chapters of a case, kept per process by the case and a hash of its published content:
# every poll that brings a new screen needs them, and reading the StreamField into blocks
# is about half of what that screen costs. The hash, not a revision id, because a page saved
# without a revision (or a test database's reused id) must never get another's chapters.
_chapters_memo = {}
_chapters_lock = threading.Lock()
_CHAPTERS_MEMO_SIZE = 64


def _chapters(sessie):
    casus = sessie.casus
    raw = json.dumps(list(casus.hoofdstukken.raw_data), sort_keys=True, default=str)
    key = (casus.pk, hashlib.sha256(raw.encode()).hexdigest())
    found = _chapters_memo.get(key)
    if found is None:
        found = casus.hoofdstuk_lijst()
        with _chapters_lock:
            if len(_chapters_memo) >= _CHAPTERS_MEMO_SIZE:
                _chapters_memo.clear()
            _chapters_memo[key] = found
    return found


def _question(chapters, vraag_id):
    """(Hoofdstuk, Vraag) for a question's id, as OefencasusPage.vraag, from the kept chapters."""
    for hoofdstuk in chapters:
        for vraag in hoofdstuk.vragen:
            if vraag.id == vraag_id:
                return hoofdstuk, vraag
    return None


def _current_chapter(sessie, chapters):
    if 1 <= sessie.hoofdstuk <= len(chapters):
        return chapters[sessie.hoofdstuk - 1]
    return None


def _joined(request):
    return request.session.get(SESSION_KEY, {})


def _participant(request, sessie):
    token = _joined(request).get(sessie.code)
    if not token:
        return None
    return Deelnemer.objects.filter(sessie=sessie, token_hash=token_hash(token)).first()


def _state(sessie):
    return {"versie": sessie.versie, "status": sessie.status, "hoofdstuk": sessie.hoofdstuk}


def _etag(kind, key, stand):
    """The tag of what a screen shows: the state (`stand`) and an HMAC of it with SECRET_KEY.
    Only pages shown to those who may follow the session carry it, so a request whose tag
    matches may be answered 304 before anything else is read, and a guessed tag never matches."""
    mac = hmac.new(settings.SECRET_KEY.encode(), f"oefensessie:{kind}:{key}:{stand}".encode(), "sha256")
    return f'"{stand}.{mac.hexdigest()[:20]}"'


def _not_modified(request, etag):
    """304 when the screen already shows this state (the tag it sent is the current one)."""
    sent = request.headers.get("If-None-Match", "")
    if etag is None or not hmac.compare_digest(sent.encode(), etag.encode()):
        return None
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


def _json_state(request, data, etag, part=None):
    """The state, or 304 while its tag is unchanged. When it changed, `part()` gives the HTML
    of the changed part of the screen, sent along so that a screen follows in one request."""
    response = _not_modified(request, etag)
    if response is not None:
        return response
    if part is not None and request.GET.get("deel") == "1":
        data = {**data, "deel": part()}
    response = JsonResponse(data)
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


def _participant_etag(code, stand):
    return _etag("deelnemer", code, stand)


def _facilitator_stand(pk):
    """(begeleider id, counts, tag state) in one query: what the facilitator's screen shows
    changes with the version, every answer and every participant."""
    antwoorden = Antwoord.objects.filter(sessie=OuterRef("pk")).order_by().values("sessie")
    deelnemers = Deelnemer.objects.filter(sessie=OuterRef("pk")).order_by().values("sessie")
    row = (
        Oefensessie.objects.filter(pk=pk)
        .order_by()
        .annotate(
            n=Coalesce(Subquery(antwoorden.annotate(c=Count("pk")).values("c")), 0, output_field=IntegerField()),
            laatst=Subquery(antwoorden.annotate(m=Max("gewijzigd_op")).values("m")),
            d=Coalesce(Subquery(deelnemers.annotate(c=Count("pk")).values("c")), 0, output_field=IntegerField()),
        )
        .values_list("begeleider_id", "versie", "n", "laatst", "d")
        .first()
    )
    if row is None:
        return None
    begeleider_id, versie, n, laatst, d = row
    laatst = laatst.timestamp() if laatst else 0
    return begeleider_id, {"n": n, "d": d}, f"v{begeleider_id}-{versie}-{n}-{laatst:.6f}-{d}"


def _facilitator_etag(pk, stand):
    return _etag("begeleider", pk, stand)


# --- the facilitator --------------------------------------------------------------------------
@login_required
def overzicht(request):
    form = StartForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            sessie = Oefensessie.start(data["casus"], request.user, data["ruimte"], data["perspectieven"])
            return redirect("samenwerking:oefensessie", pk=sessie.pk)
    sessies = Oefensessie.objects.led_by(request.user).select_related("casus", "ruimte")[:50]
    return render(
        request,
        "samenwerking/oefensessie/overzicht.html",
        {"form": form, "sessies": sessies, "extra_css": True},
        status=400 if request.method == "POST" else 200,
    )


def _join_url(request, sessie):
    return request.build_absolute_uri(reverse("samenwerking:doe_mee_sessie", args=[sessie.code]))


def _qr_svg(url):
    import segno

    return segno.make(url, error="m").svg_inline(scale=5, border=2, omitsize=True)


def _facilitator_state(sessie):
    """The facilitator's state and its tag: the session's version plus what has come in since."""
    _begeleider_id, counts, stand = _facilitator_stand(sessie.pk)
    data = {**_state(sessie), "antwoorden": counts["n"], "deelnemers": counts["d"]}
    return data, _facilitator_etag(sessie.pk, stand)


def _answers_context(sessie, chapters):
    hoofdstuk = _current_chapter(sessie, chapters)
    vragen = hoofdstuk.vragen if hoofdstuk else []
    antwoorden = list(
        Antwoord.objects.filter(sessie=sessie, vraag_id__in=[v.id for v in vragen]).order_by("aangemaakt_op", "pk")
    )
    state, etag = _facilitator_state(sessie)
    return {
        "sessie": sessie,
        "hoofdstuk": hoofdstuk,
        "uitslagen": tally(vragen, antwoorden),
        "deelnemers": state["deelnemers"],
        "etag": etag,
    }


def _facilitator_page(request, sessie, fout=None, status=200):
    chapters = _chapters(sessie)
    url = _join_url(request, sessie)
    return render(
        request,
        "samenwerking/oefensessie/leiden.html",
        {
            "fout": fout,
            "aantal_hoofdstukken": len(chapters),
            "deelname_url": url,
            "qr_svg": _qr_svg(url),
            "extra_css": True,
            **_answers_context(sessie, chapters),
        },
        status=status,
    )


@login_required
def leiden(request, pk):
    return _facilitator_page(request, _led_session(request, pk))


@login_required
@require_POST
def stap(request, pk):
    sessie = _led_session(request, pk)
    actie = request.POST.get("actie", "")
    aantal = len(_chapters(sessie))
    if sessie.is_afgelopen:
        return _facilitator_error(request, sessie, _("Deze sessie is al afgelopen."))
    if actie == "volgende" and sessie.hoofdstuk < aantal:
        sessie.change(hoofdstuk=sessie.hoofdstuk + 1, status=Oefensessie.Status.BEZIG)
    elif actie == "vorige" and sessie.hoofdstuk > 0:
        sessie.change(hoofdstuk=sessie.hoofdstuk - 1, status=Oefensessie.Status.BEZIG)
    elif actie == "pauzeren" and not sessie.is_gepauzeerd:
        sessie.change(status=Oefensessie.Status.GEPAUZEERD)
    elif actie == "hervatten" and sessie.is_gepauzeerd:
        sessie.change(status=Oefensessie.Status.BEZIG)
    elif actie == "beeindigen":
        _end(sessie)
    else:
        return _facilitator_error(request, sessie, _("Deze stap kan nu niet."))
    if request.headers.get("Accept") == "application/json":
        return JsonResponse(_state(sessie))
    return redirect("samenwerking:oefensessie", pk=sessie.pk)


def _end(sessie):
    with transaction.atomic():
        sessie.change(status=Oefensessie.Status.AFGELOPEN, beeindigd_op=timezone.now())
        # The answers stay, but nothing ties them to a participant any more.
        Antwoord.objects.filter(sessie=sessie).update(deelnemer=None)


def _facilitator_error(request, sessie, message):
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"fout": message}, status=400)
    return _facilitator_page(request, sessie, fout=message, status=400)


def status_begeleider(request, pk):
    """The facilitator's state. An unchanged poll is answered from the live token (or one
    query), before the session and the user are read: its tag holds an HMAC that only the
    facilitator's pages carry."""
    # The token before the database: see live_changed.
    token = live_token("begeleider", sessie_id=pk)
    etag = _facilitator_etag(pk, f"t{token}") if token is not None else None
    if etag is None:
        found = _facilitator_stand(pk)
        etag = _facilitator_etag(pk, found[2]) if found is not None else None
    response = _not_modified(request, etag)
    if response is not None:
        return response
    return _status_begeleider(request, pk, etag)


@login_required
def _status_begeleider(request, pk, etag):
    sessie = _led_session(request, pk)
    data, _db_etag = _facilitator_state(sessie)

    def part():
        context = _answers_context(sessie, _chapters(sessie))
        return _fragment(request, "samenwerking/oefensessie/_uitslagen.html", context)

    return _json_state(request, data, etag, part)


@login_required
def antwoorden(request, pk):
    """The answers of the current chapter, as a fragment for the facilitator's screen."""
    sessie = _led_session(request, pk)
    return render(request, "samenwerking/oefensessie/_uitslagen.html", _answers_context(sessie, _chapters(sessie)))


@login_required
def groep(request, pk):
    """What the facilitator shows the room: the chapter's questions and the answers, large."""
    sessie = _led_session(request, pk)
    return render(
        request,
        "samenwerking/oefensessie/groep.html",
        {"sessie": sessie, "extra_css": True, **_answers_context(sessie, _chapters(sessie))},
    )


def _summary_response(request, sessie):
    pdf = summary_pdf(sessie, request.user, request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="oefensessie-{sessie.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def samenvatting(request, pk):
    """The summary PDF: for the facilitator, and for the members of the space it was held in."""
    sessie = Oefensessie.objects.viewable_by_user(request.user).select_related("casus").filter(pk=pk).first()
    if sessie is None:
        raise Http404(_("Deze samenvatting bestaat niet of u mag haar niet zien."))
    if sessie.begeleider_id != request.user.pk and not sessie.is_afgelopen:
        raise Http404(_("De samenvatting is er zodra de sessie is afgelopen."))
    return _summary_response(request, sessie)


@login_required
def ruimte_sessies(request, pk):
    from .views import _context, _crumbs, _space_for

    ruimte = _space_for(request, pk)
    sessies = (
        Oefensessie.objects.viewable_by_user(request.user)
        .filter(ruimte=ruimte, status=Oefensessie.Status.AFGELOPEN)
        .select_related("casus")
        .annotate(aantal_antwoorden=Count("antwoorden"))
    )
    return render(
        request,
        "samenwerking/oefensessie/ruimte.html",
        _context(
            request,
            ruimte,
            sessies=sessies,
            crumbs=_crumbs(
                (ruimte.titel, reverse("samenwerking:ruimte", args=[ruimte.pk])), (_("Oefensessies"), request.path)
            ),
        ),
    )


# --- the participants -------------------------------------------------------------------------
def _find_for_joining(request, raw):
    """(session, error message, status) for a code a visitor typed or followed."""
    code = normalise_code(raw)
    sessie = None
    if len(code) == CODE_LENGTE:
        sessie = Oefensessie.objects.select_related("casus").filter(code=code).first()
    if sessie is None:
        _count_wrong_attempt(request)
        return None, _("Er is geen sessie met deze code. Controleer de code en probeer het opnieuw."), 404
    if sessie.is_afgelopen:
        return sessie, _("Deze sessie is afgelopen. U kunt niet meer meedoen."), 410
    if sessie.code_verlopen():
        return sessie, _("Deze code is verlopen. Vraag de begeleider om een nieuwe sessie."), 410
    return sessie, None, 200


@_busy_as_503
def doe_mee(request):
    """Type the code of a session."""
    form = CodeForm(request.POST or request.GET or None)
    if not form.is_bound:
        return render(request, "samenwerking/oefensessie/doe_mee.html", {"form": form})
    with _attempts_counted(request):
        te_veel = _too_many_attempts(request)
        if not te_veel and form.is_valid():
            sessie, fout, status = _find_for_joining(request, form.cleaned_data["code"])
    if te_veel:
        return _too_many_response(request, form)
    if not form.is_valid():
        return render(request, "samenwerking/oefensessie/doe_mee.html", {"form": form}, status=400)
    if fout:
        return render(request, "samenwerking/oefensessie/doe_mee.html", {"form": form, "fout": fout}, status=status)
    return redirect("samenwerking:doe_mee_sessie", code=sessie.code)


@_busy_as_503
def sessie_deelnemer(request, code):
    """A participant's screen once joined; before that, the choice of nickname and perspective."""
    sessie = Oefensessie.objects.select_related("casus").filter(code=normalise_code(code)).first()
    deelnemer = _participant(request, sessie) if sessie is not None else None
    if deelnemer is not None and request.method == "GET":
        return _participant_screen(request, sessie, deelnemer)
    with _attempts_counted(request):
        te_veel = _too_many_attempts(request)
        if not te_veel:
            sessie, fout, status = _find_for_joining(request, code)
    if te_veel:
        return _too_many_response(request)
    if fout:
        return render(
            request,
            "samenwerking/oefensessie/doe_mee.html",
            {"form": CodeForm(initial={"code": code[:32]}), "fout": fout},
            status=status,
        )
    if deelnemer is not None:
        return redirect("samenwerking:doe_mee_sessie", code=sessie.code)
    keuzes = sessie.casus.perspectief_keuzes()
    kiezen = sessie.perspectieven == Oefensessie.Perspectieven.KIEZEN
    form = DeelnemenForm(request.POST or None, keuzes=keuzes, kiezen=kiezen)
    if request.method == "POST" and form.is_valid():
        _join(request, sessie, form.cleaned_data, keuzes)
        return redirect("samenwerking:doe_mee_sessie", code=sessie.code)
    return render(
        request,
        "samenwerking/oefensessie/deelnemen.html",
        {"sessie": sessie, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _join(request, sessie, data, keuzes):
    perspectief = data.get("perspectief")
    if not perspectief and keuzes:
        # Given in turn, so that every perspective is in the room before any comes twice.
        perspectief = keuzes[sessie.deelnemers.count() % len(keuzes)][0]
    token = secrets.token_urlsafe(32)
    joined = dict(_joined(request))
    joined[sessie.code] = token
    # The participant and the session that holds their token are saved together: a database
    # too busy for either leaves neither (and the visitor a 503 to try again).
    with transaction.atomic():
        Deelnemer.objects.create(
            sessie=sessie, token_hash=token_hash(token), bijnaam=data.get("bijnaam", ""), perspectief=perspectief or ""
        )
        request.session[SESSION_KEY] = joined
        request.session.save()
    live_changed(sessie.pk, sessie.code, kinds=("begeleider",))


def _screen_context(sessie, deelnemer, chapters):
    hoofdstuk = _current_chapter(sessie, chapters)
    eigen = {}
    if hoofdstuk is not None:
        gegeven = Antwoord.objects.filter(deelnemer=deelnemer, vraag_id__in=[v.id for v in hoofdstuk.vragen])
        eigen = {a.vraag_id: a for a in gegeven}
    vragen = []
    for vraag in hoofdstuk.vragen if hoofdstuk else []:
        antwoord = eigen.get(vraag.id)
        gekozen = next((o for o in vraag.opties if antwoord and o.nummer == antwoord.optie), None)
        vragen.append({"vraag": vraag, "antwoord": antwoord, "gekozen": gekozen})
    in_case = any(deelnemer.perspectief in h.perspectieven for h in chapters)
    return {
        "sessie": sessie,
        "deelnemer": deelnemer,
        "perspectief_label": str(PERSPECTIEF_LABELS.get(deelnemer.perspectief, "")) if in_case else "",
        "hoofdstuk": hoofdstuk,
        "perspectief": hoofdstuk.perspectieven.get(deelnemer.perspectief) if hoofdstuk else None,
        "vragen": vragen,
        "aantal_hoofdstukken": len(chapters),
        "max_antwoord": MAX_ANTWOORD,
        "etag": _participant_etag(sessie.code, f"v{sessie.versie}"),
    }


def _participant_screen(request, sessie, deelnemer, fout=None, status=200):
    context = {**_screen_context(sessie, deelnemer, _chapters(sessie)), "fout": fout}
    template = "samenwerking/oefensessie/_scherm.html" if request.GET.get("deel") == "scherm" else None
    response = render(request, template or "samenwerking/oefensessie/deelnemer.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def status_deelnemer(request, code):
    """The state participants poll. Only for a visitor who joined this session, so that the
    endpoint tells a guesser nothing about which codes exist."""
    code = normalise_code(code)
    # Unchanged: answered from the live token (read before the database, see live_changed),
    # or else from one indexed row, before the Django session is read.
    token = live_token("deelnemer", code=code)
    etag = _participant_etag(code, f"t{token}") if token is not None else None
    response = _not_modified(request, etag)
    if response is not None:
        return response
    sessie = Oefensessie.objects.filter(code=code).order_by().only("pk", "versie", "status", "hoofdstuk").first()
    if etag is None and sessie is not None:
        etag = _participant_etag(code, f"v{sessie.versie}")
        response = _not_modified(request, etag)
        if response is not None:
            return response
    if code not in _joined(request):
        return JsonResponse({"fout": _("U doet niet mee aan deze sessie.")}, status=404)
    if sessie is None:
        return JsonResponse({"fout": _("Deze sessie bestaat niet meer.")}, status=404)

    def part():
        full = Oefensessie.objects.select_related("casus").get(pk=sessie.pk)
        deelnemer = _participant(request, full)
        if deelnemer is None:
            return None
        context = {**_screen_context(full, deelnemer, _chapters(full)), "fout": None}
        return _fragment(request, "samenwerking/oefensessie/_scherm.html", context)

    return _json_state(request, _state(sessie), etag, part)


@require_POST
def antwoord(request, code):
    sessie = Oefensessie.objects.select_related("casus").filter(code=normalise_code(code)).first()
    deelnemer = _participant(request, sessie) if sessie is not None else None
    if deelnemer is None:
        raise Http404(_("U doet niet mee aan deze sessie."))
    fout = _save_answer(sessie, deelnemer, request.POST)
    if fout:
        return _participant_screen(request, sessie, deelnemer, fout=fout, status=400)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"opgeslagen": True})
    return redirect(reverse("samenwerking:doe_mee_sessie", args=[sessie.code]) + "#vragen")


def _save_answer(sessie, deelnemer, data):
    """Save one answer to a question of the current chapter; a Dutch message when it cannot be."""
    if sessie.is_afgelopen:
        return _("Deze sessie is afgelopen; uw antwoord is niet opgeslagen.")
    if sessie.is_gepauzeerd:
        return _("De sessie is gepauzeerd; uw antwoord is niet opgeslagen. Probeer het zo opnieuw.")
    found = _question(_chapters(sessie), str(data.get("vraag", ""))[:64])
    if found is None or found[0].nummer != sessie.hoofdstuk:
        return _("Deze vraag is nu niet aan de beurt; uw antwoord is niet opgeslagen.")
    _hoofdstuk, vraag = found
    fields = {"optie": None, "tekst": ""}
    if vraag.soort == "meerkeuze":
        try:
            nummer = int(data.get("optie", ""))
        except ValueError:
            nummer = None
        if nummer not in {o.nummer for o in vraag.opties}:
            return _("Kies een van de antwoorden.")
        fields["optie"] = nummer
    else:
        tekst = str(data.get("tekst", "")).replace("\x00", "").strip()
        if not tekst:
            return _("Vul een antwoord in.")
        if len(tekst) > MAX_ANTWOORD:
            return _("Uw antwoord heeft %(n)d tekens; het mag hoogstens %(max)d tekens hebben.") % {
                "n": len(tekst),
                "max": MAX_ANTWOORD,
            }
        fields["tekst"] = tekst
    values = {"sessie": sessie, "hoofdstuk": sessie.hoofdstuk, "perspectief": deelnemer.perspectief, **fields}
    # One statement at a time in autocommit rather than update_or_create's transaction: on
    # SQLite a read that turns into a write inside a transaction fails at once when another
    # write holds the lock, where a single statement waits its turn.
    try:
        bestaand = Antwoord.objects.filter(deelnemer=deelnemer, vraag_id=vraag.id)
        if not bestaand.update(gewijzigd_op=timezone.now(), **values):
            try:
                Antwoord.objects.create(deelnemer=deelnemer, vraag_id=vraag.id, **values)
            except IntegrityError:
                bestaand.update(gewijzigd_op=timezone.now(), **values)
    except OperationalError:
        return _("Het is even te druk om uw antwoord op te slaan. Probeer het zo opnieuw.")
    live_changed(sessie.pk, sessie.code, kinds=("begeleider",))
    return None
