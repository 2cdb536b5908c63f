from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from wagtail.models import Page

from .forms import SOORTEN, KennisbankFilterForm
from .querysets import KennisbankPageQuerySet

PAGE_SIZE = 20
TAXONOMY_FIELDS = {"wet": "wetten", "domein": "domeinen", "doelgroep": "doelgroepen",
                   "onderwerp": "onderwerpen"}


def _taxonomy_filter(field, value):
    """One condition over every kind of page: each kind has its own taxonomy table."""
    return reduce(or_, [Q(**{f"{model._meta.model_name}__{field}": value})
                        for model, _label in SOORTEN.values()])


def kennisbank_listing(request, index_page):
    """The kennisbank's filtered list: every kind of page the user may see, in few queries."""
    form = KennisbankFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    content_types = {key: model for key, (model, _label) in SOORTEN.items()}
    qs = KennisbankPageQuerySet(Page).child_of(index_page).viewable_by_user(request.user)
    for name, field in TAXONOMY_FIELDS.items():
        if data.get(name) is not None:
            qs = qs.filter(_taxonomy_filter(field, data[name]))
    qs = qs.distinct()

    type_ids = {ContentType.objects.get_for_model(model).pk: key
                for key, model in content_types.items()}
    counts = dict.fromkeys(SOORTEN, 0)
    for row in qs.order_by().values("content_type").annotate(n=Count("pk", distinct=True)):
        if row["content_type"] in type_ids:
            counts[type_ids[row["content_type"]]] = row["n"]
    if data.get("soort"):
        qs = qs.filter(content_type=ContentType.objects.get_for_model(content_types[data["soort"]]))
    else:
        qs = qs.filter(content_type__in=type_ids)
    # Frameworks first, then guidance, publications, ...: the order of SOORTEN.
    order = {ct: position for position, ct in enumerate(type_ids)}
    items = sorted(qs.only("title", "content_type", "url_path"),
                   key=lambda page: (order[page.content_type_id], page.title.lower()))
    paginator = Paginator(items, PAGE_SIZE)
    number = data.get("pagina") or 1
    try:
        page_obj = paginator.page(number)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
        form.add_error(None, _("Pagina %(n)s bestaat niet; u ziet de laatste pagina.") % {"n": number})
    page_obj.object_list = list(
        Page.objects.filter(pk__in=[p.pk for p in page_obj.object_list]).specific()
        .order_by()
    )
    page_obj.object_list.sort(key=lambda page: (order[page.content_type_id], page.title.lower()))
    query = request.GET.copy()
    query.pop("pagina", None)
    return {
        "filter_form": form,
        "resultaten": page_obj,
        "aantal": paginator.count,
        "soort_tellingen": [(key, SOORTEN[key][1], counts[key]) for key in SOORTEN],
        "querystring": query.urlencode(),
    }
