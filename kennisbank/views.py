from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Case, CharField, Count, F, IntegerField, TextField, Value, When
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext as _

from wagtail.models import Page

from .forms import SOORTEN, KennisbankFilterForm
from .querysets import KennisbankPageQuerySet

PAGE_SIZE = 20


def kennisbank_listing(request, index_page):
    """The kennisbank's filtered list: every kind of page the user may see, in few queries."""
    form = KennisbankFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    type_ids = {ContentType.objects.get_for_model(model).pk: key for key, (model, _label) in SOORTEN.items()}
    qs = (
        KennisbankPageQuerySet(Page)
        .child_of(index_page)
        .viewable_by_user(request.user)
        .met_taxonomie(
            wet=data.get("wet"),
            domein=data.get("domein"),
            doelgroep=data.get("doelgroep"),
            onderwerp=data.get("onderwerp"),
        )
        .filter(content_type__in=type_ids)
    )

    counts = dict.fromkeys(SOORTEN, 0)
    for row in qs.order_by().values("content_type").annotate(n=Count("pk")):
        counts[type_ids[row["content_type"]]] = row["n"]
    if data.get("soort"):
        qs = qs.filter(content_type=next(ct for ct, key in type_ids.items() if key == data["soort"]))
    # Frameworks first, then guidance, publications, ...: the order of SOORTEN.
    order = Case(
        *[When(content_type=ct, then=Value(position)) for position, ct in enumerate(type_ids)],
        output_field=IntegerField(),
    )
    # A result shows its kind, title, link and summary: the summary comes along from the
    # page types' own tables in the same query, rather than .specific()'s query per type.
    samenvatting = Coalesce(
        *[F(f"{model._meta.model_name}__samenvatting") for model, _label in SOORTEN.values()],
        Value("", output_field=TextField()),
        output_field=CharField(),
    )
    qs = qs.annotate(soort_volgorde=order, samenvatting=samenvatting).order_by("soort_volgorde", Lower("title"), "pk")
    paginator = Paginator(qs, PAGE_SIZE)
    # The counts per kind already hold the total: spare the paginator its own COUNT query.
    paginator.count = counts[data["soort"]] if data.get("soort") else sum(counts.values())
    number = data.get("pagina") or 1
    try:
        page_obj = paginator.page(number)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
        form.add_error(None, _("Pagina %(n)s bestaat niet; u ziet de laatste pagina.") % {"n": number})
    page_obj.object_list = list(page_obj.object_list)
    for item in page_obj.object_list:
        item.soort_label = SOORTEN[type_ids[item.content_type_id]][0].soort_label
    query = request.GET.copy()
    query.pop("pagina", None)
    return {
        "filter_form": form,
        "resultaten": page_obj,
        "aantal": paginator.count,
        "soort_tellingen": [(key, SOORTEN[key][1], counts[key]) for key in SOORTEN],
        "querystring": query.urlencode(),
    }
